/* emit.h: write generated files all-or-nothing, or compare them (--check). */
#ifndef REPLYGEN_EMIT_H
#define REPLYGEN_EMIT_H

#include "diag.h"

#include <stddef.h>

struct output {
    char *name;      /* file name inside the output folder */
    char *data;
    size_t length;
};

struct output_set {
    struct output *items;
    size_t count;
};

/* Add an output; the set takes ownership of name and data. */
void output_set_add(struct output_set *set, char *name, char *data, size_t length);
void output_set_free(struct output_set *set);

/* Write every output into dir (created if missing). Files whose bytes are
 * already right are not touched. Each changed file is first written in
 * full to a temporary file beside it; only when all are written are they
 * renamed into place, so a failure (a full disk, say) changes no file.
 * Prints the name of each file written when verbose. Returns 0 or -1. */
int emit_write(const char *dir, const struct output_set *set, int verbose, struct diag *diag);

/* Compare every output with the file in dir; report each one missing or
 * different (with its first differing line). Returns the number of
 * files that are not right, or -1 when dir cannot be read. */
int emit_check(const char *dir, const struct output_set *set, struct diag *diag);

#endif
