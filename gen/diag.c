/* diag.c: error and warning reporting in the compiler format, and the
 * allocation wrappers that report running out of memory the same way. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

void diag_init(struct diag *diag, FILE *out)
{
    diag->out = out;
    diag->errors = 0;
    diag->warnings = 0;
}

static void report(FILE *out, const struct mark *at, const char *severity,
                   const char *format, va_list args)
{
    if (at && at->file && at->line)
        fprintf(out, "%s:%u:%u: %s: ", at->file, at->line, at->column, severity);
    else if (at && at->file)
        fprintf(out, "%s: %s: ", at->file, severity);
    else
        fprintf(out, "replygen: %s: ", severity);
    vfprintf(out, format, args);
    fputc('\n', out);
}

void diag_error(struct diag *diag, const struct mark *at, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    report(diag->out, at, "error", format, args);
    va_end(args);
    diag->errors++;
}

void diag_warning(struct diag *diag, const struct mark *at, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    report(diag->out, at, "warning", format, args);
    va_end(args);
    diag->warnings++;
}

static void *checked(void *pointer)
{
    if (!pointer) {
        fputs("replygen: error: out of memory\n", stderr);
        exit(1);
    }
    return pointer;
}

void *xmalloc(size_t size) { return checked(malloc(size ? size : 1)); }
void *xcalloc(size_t count, size_t size) { return checked(calloc(count ? count : 1, size ? size : 1)); }
void *xrealloc(void *pointer, size_t size) { return checked(realloc(pointer, size ? size : 1)); }

char *xstrndup(const char *string, size_t length)
{
    char *copy = xmalloc(length + 1);
    memcpy(copy, string, length);
    copy[length] = '\0';
    return copy;
}

char *xstrdup(const char *string) { return xstrndup(string, strlen(string)); }
