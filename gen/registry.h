/* registry.h: the IANA "SMTP Enhanced Status Codes" registry, read from the
 * CSV IANA publishes (columns Code, Sample Text, Associated basic status
 * code, Description, Reference, ...), as replygen import-registry compares
 * it with a spec. */
#ifndef REPLYGEN_REGISTRY_H
#define REPLYGEN_REGISTRY_H

#include "diag.h"

#include <stddef.h>

struct registry_entry {
    int subject; /* X.<subject>.<detail> */
    int detail;
    char *text;        /* the sample text, each run of white space one space */
    char *description; /* the same */
    int *basic;        /* the three-digit codes of "Associated basic status code", ascending, once each */
    size_t basic_count;
    unsigned class_hints; /* 1 << class for each "4XX" there */
    char **refs;          /* the documents of "Reference" as a spec names them: "[RFC3463]" -> "rfc3463" */
    size_t ref_count;
    struct mark at; /* of its record */
};

struct registry {
    struct registry_entry *entries; /* sorted by subject, then detail */
    size_t count;
};

/* Read the registry at path. Returns 0, or -1 after reporting every
 * problem at its place (not CSV, a column missing, a code that is not
 * X.<subject>.<detail>, a code twice). Free *out with registry_free either
 * way; path must outlive it. */
int registry_read(const char *path, struct registry *out, struct diag *diag);
void registry_free(struct registry *registry);

/* The entry for X.subject.detail, or NULL. */
const struct registry_entry *registry_find(const struct registry *registry, int subject, int detail);

#endif
