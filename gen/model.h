/* model.h: the values templates see, made from a checked spec.
 * templates/README.md documents every key; `replygen --dump-model` prints it. */
#ifndef REPLYGEN_MODEL_H
#define REPLYGEN_MODEL_H

#include "spec.h"
#include "value.h"

/* Build the model of spec in arena. Its strings are the spec's own, so the
 * spec's strings must outlive the model. spec_path is how the spec is named
 * in the "generated from" line (only its file name is used, so that output
 * does not depend on where the spec lies). date is "YYYY-MM-DD" or NULL for
 * none. */
struct value *model_build(struct value_arena *arena, const struct spec *spec, const char *spec_path, const char *date);

/* The date SOURCE_DATE_EPOCH asks for, as YYYY-MM-DD in UTC, written into
 * out (at least 11 bytes); NULL when it is unset. Returns -1 after a
 * diagnostic when it is set but not a number of seconds. */
int model_source_date(char *out, const char **date, struct diag *diag);

#endif
