/* diag.h: the one path for errors and warnings, printed as FILE:LINE:COL: error: ... */
#ifndef REPLYGEN_DIAG_H
#define REPLYGEN_DIAG_H

#include <stdio.h>
#include <stdlib.h>

/* A place in an input file; line and column are 1-based. file NULL: no place. */
struct mark {
    const char *file;
    unsigned line;
    unsigned column;
};

struct diag {
    FILE *out; /* where messages go (stderr in the tool) */
    unsigned errors;
    unsigned warnings;
};

void diag_init(struct diag *diag, FILE *out);

/* Print "FILE:LINE:COL: error: message" (or "replygen: error: message" when
 * at is NULL or has no file) and count it. */
void diag_error(struct diag *diag, const struct mark *at, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void diag_warning(struct diag *diag, const struct mark *at, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Allocation that cannot fail: out of memory prints a diagnostic and exits 1.
 * Outputs are only ever replaced by rename, so exiting here leaves no file
 * half-written. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *pointer, size_t size);
/* size bytes aligned to alignment (a power of two that divides size), as
 * C11 aligned_alloc gives them; free() frees them. */
void *xaligned_alloc(size_t alignment, size_t size);
char *xstrdup(const char *string);
char *xstrndup(const char *string, size_t length);

#endif
