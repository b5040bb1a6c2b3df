/* spec_sections.h: the readers of the spec's sections that spec_check()
 * calls in turn, each filling its part of checker->spec (spec.h shows the
 * layers).
 *
 * Adding a key to the spec format, in the check stage:
 * 1. its field in struct spec (spec.h), with a struct mark when a message
 *    of this or a later stage is placed at it; freed in spec.c if owned;
 * 2. the key in its mapping's list of allowed keys (NAME_keys), or it is
 *    reported as unknown;
 * 3. read in its section's reader through a checker.c read (whole numbers
 *    only through checker_whole), at the point where its errors belong
 *    among the entry's others: tests/bad/ fixes their order;
 * 4. if it must be unique: a checker_index of the accepted entries,
 *    checker_unique() on what checker_index_find_* found, and
 *    checker_index_add_* once the entry is accepted;
 * 5. a new section gets its own reader, declared here and called from
 *    spec_check() in file order; a lookup that another section or a later
 *    stage needs goes in spec.c;
 * 6. a tests/bad/ case for each new error (copied to fuzz/corpus/spec/
 *    as bad-NAME.yaml), and the key in spec/README.md. */
#ifndef REPLYGEN_SPEC_SECTIONS_H
#define REPLYGEN_SPEC_SECTIONS_H

#include "checker.h"

/* spec_codes.c; codes need the digits read, commands the codes. */
void spec_check_digits(struct checker *checker, const struct value *root);
void spec_check_codes(struct checker *checker, const struct value *root);
void spec_check_commands(struct checker *checker, const struct value *root);
/* After common_errors: that some command gets a reply. */
void spec_check_command_replies(struct checker *checker, const struct value *root);

/* spec_enhanced.c; needs the codes read. */
void spec_check_enhanced(struct checker *checker, const struct value *root);

#endif
