/* csv.h: a reader of comma-separated values as RFC 4180 defines them:
 * fields separated by commas, records by CRLF (a lone LF is accepted too),
 * a field in double quotes may hold commas, line breaks and quotes (written
 * twice). Used for the IANA registries, which are published in that form. */
#ifndef REPLYGEN_CSV_H
#define REPLYGEN_CSV_H

#include "diag.h"

#include <stddef.h>

struct csv_record {
    char **fields; /* each NUL-terminated, quotes removed */
    size_t count;
    unsigned line; /* where the record starts, 1-based */
};

struct csv {
    struct csv_record *records;
    size_t count;
};

/* Read every record of bytes (named name in messages; a UTF-8 byte order
 * mark at the start is skipped). Returns 0, or -1 after reporting the
 * first malformed place, name:LINE:COL: a quote inside an unquoted field,
 * anything but a comma or line end after a closing quote, or a quoted field
 * left open at the end. Free *out with csv_free either way. */
int csv_read(const char *name, const char *bytes, size_t length, struct csv *out, struct diag *diag);
void csv_free(struct csv *csv);

#endif
