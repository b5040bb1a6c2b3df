/* spec_sections.h: the readers of the spec's sections that spec_check()
 * calls in turn, each filling its part of checker->spec (spec.h shows the
 * layers). */
#ifndef REPLYGEN_SPEC_SECTIONS_H
#define REPLYGEN_SPEC_SECTIONS_H

#include "checker.h"

/* spec_codes.c; codes need the digits read, commands the codes. */
void spec_check_digits(struct checker *checker, const struct value *root);
void spec_check_codes(struct checker *checker, const struct value *root);
void spec_check_commands(struct checker *checker, const struct value *root);

/* spec_enhanced.c; needs the codes read. */
void spec_check_enhanced(struct checker *checker, const struct value *root);

#endif
