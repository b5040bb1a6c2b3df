/* spec_diff.h: replygen diff OLD NEW: what changed between two versions of
 * a spec, for reviewers and release notes, with each change that
 * --baseline refuses marked as such. */
#ifndef REPLYGEN_SPEC_DIFF_H
#define REPLYGEN_SPEC_DIFF_H

#include "buffer.h"
#include "spec.h"

#include <stdbool.h>

enum spec_diff_format {
    SPEC_DIFF_TEXT,
    SPEC_DIFF_MARKDOWN
};

/* Append to out the report of every change from old_spec (read from
 * old_name) to new_spec (from new_name): codes, commands, digits, enhanced
 * classes, subjects and codes added, removed, renamed, renumbered, or with
 * another text, class, status or reply list; each change gen/baseline.c
 * refuses is marked, and a refusal no change explains is listed on its
 * own. Returns the number of changes --baseline refuses. */
unsigned spec_diff(const struct spec *old_spec, const char *old_name, const struct spec *new_spec, const char *new_name,
                   enum spec_diff_format format, struct buffer *out);

#endif
