/* registry_import.h: replygen import-registry REGISTRY.csv SPEC: bring a
 * spec's enhanced status codes up to date with a newer IANA registry. */
#ifndef REPLYGEN_REGISTRY_IMPORT_H
#define REPLYGEN_REGISTRY_IMPORT_H

#include "buffer.h"
#include "diag.h"

#include <stdbool.h>

/* Compare the registry at registry_path with the enhanced codes of the
 * spec at spec_path and append to report every entry that is new, changed
 * (sample text, basic codes, references) or gone, and every conflict: a
 * difference at an entry whose comment documents a deviation, which is
 * kept. Then, without write, append the edits that bring the spec up to
 * date, each at its place, to paste; with write, make them in the spec
 * file itself (every other byte kept), once the edited spec checks, by
 * replacing the file whole (gen/replace.c), adding "wrote SPEC" unless
 * quiet. Returns 0, or -1 after reporting errors (of either file, or of the
 * edited spec, which is then not written). */
int registry_import(const char *registry_path, const char *spec_path, bool write, bool quiet, struct buffer *report,
                    struct diag *diag);

#endif
