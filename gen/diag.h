/* diag.h: the one path for errors and warnings, printed as gcc prints them:
 *
 *   spec.yaml:12:3: error: unknown key 'sumary'; did you mean 'summary'?
 *      12 |   sumary: It worked.
 *         |   ^
 *
 * The first line is the message; the source line and its caret follow it
 * when the place is in an input whose bytes were given (diag_add_source). */
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

struct diag_source;
struct diag_message;

struct diag {
    FILE *out; /* where messages go (stderr in the tool) */
    unsigned errors;
    unsigned warnings;
    struct diag_source *sources; /* inputs whose lines messages quote */
    struct diag_message *held;   /* messages kept by diag_hold, in order */
    size_t held_count;
    unsigned holding; /* diag_hold calls not yet released */
};

void diag_init(struct diag *diag, FILE *out);
/* Free the sources and print what is still held. */
void diag_free(struct diag *diag);

/* Keep a copy of the bytes of the input named name (as marks name it), so
 * that a message placed in it shows its line. A second call for the same
 * name replaces the first. */
void diag_add_source(struct diag *diag, const char *name, const char *bytes, size_t length);

/* From diag_hold to its diag_release, messages are counted at once but
 * printed at the release, sorted by place (file, line, column; in the
 * order they came at the same place): the checker reads a spec section by
 * section, and its author reads it top to bottom. The marks' file names
 * must live until the release. Calls nest. */
void diag_hold(struct diag *diag);
void diag_release(struct diag *diag);

/* Print "FILE:LINE:COL: error: message" (or "replygen: error: message" when
 * at is NULL or has no file), then the line at that place and a caret
 * under its column when at names a line of a source given to
 * diag_add_source, and count it. Held (diag_hold) until the release. */
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
