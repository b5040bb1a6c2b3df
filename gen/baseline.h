/* baseline.h: compare two versions of a spec (replygen --baseline) and
 * report each change that would break code built against the old output. */
#ifndef REPLYGEN_BASELINE_H
#define REPLYGEN_BASELINE_H

#include "buffer.h"
#include "diag.h"
#include "spec.h"

/* Report through diag, one error each, every change from old_spec to
 * new_spec that breaks source code built against what old_spec generates:
 * the protocol prefix changed; a first or second digit entry removed or
 * renamed; a code removed, renumbered (its name now on another number) or
 * renamed (same number, other name, deprecated or not); a command removed
 * or renamed; an enhanced class, subject or code removed, renumbered or
 * renamed. A change is reported at its place in the new spec, a removal
 * at its place in the old one. Additions, and marking a code deprecated,
 * are compatible. Returns the number of breaking changes: 0 when new_spec
 * is a compatible successor. */
unsigned baseline_compare(const struct spec *old_spec, const struct spec *new_spec, struct diag *diag);

/* After a compare that found nothing: what passed, for a user to read,
 * "the 24 codes, 9 digits, 10 commands and 40 enhanced codes of OLD keep
 * their numbers and names in NEW; added: 2 codes; newly deprecated: 1
 * code", appended to out. */
void baseline_describe_pass(const struct spec *old_spec, const struct spec *new_spec, struct buffer *out);

#endif
