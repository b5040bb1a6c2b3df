/* diag.c: error and warning reporting in the compiler format, and the
 * allocation wrappers that report running out of memory the same way. */
#include "diag.h"

#include "utf8.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

void diag_init(struct diag *diag, FILE *out)
{
    diag->out = out;
    diag->errors = 0;
    diag->warnings = 0;
}

/* Write text[0..length) with each byte that could act on a terminal as
 * \xNN. */
static void print_visible(FILE *out, const unsigned char *text, size_t length)
{
    for (size_t i = 0; i < length;) {
        unsigned long code_point = text[i];
        size_t size = text[i] < 0x80 ? 1 : utf8_decode(text + i, length - i, &code_point);
        bool visible = size > 0 && code_point >= 0x20 && code_point != 0x7f && !utf8_acts_on_terminal(code_point);
        if (size == 0)
            size = 1;
        if (visible)
            fwrite(text + i, 1, size, out);
        else
            for (size_t j = i; j < i + size; j++)
                fprintf(out, "\\x%02x", text[j]);
        i += size;
    }
}

static void report(FILE *out, const struct mark *at, const char *severity, const char *format, va_list args)
{
    if (at && at->file) {
        print_visible(out, (const unsigned char *)at->file, strlen(at->file));
        if (at->line)
            fprintf(out, ":%u:%u", at->line, at->column);
        fprintf(out, ": %s: ", severity);
    } else {
        fprintf(out, "replygen: %s: ", severity);
    }
    /* A message quotes text from the input: control characters in it are
     * shown as \xNN, so that every message stays one line and a hostile
     * spec cannot send the terminal escape sequences (found by fuzzing);
     * so are the bytes of C1 controls and bidirectional overrides, and
     * bytes that are not UTF-8, which a terminal may read as C1 (issue 14). */
    char small[512];
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(small, sizeof small, format, copy);
    va_end(copy);
    char *message = small;
    if (length >= (int)sizeof small) {
        message = xmalloc((size_t)length + 1);
        vsnprintf(message, (size_t)length + 1, format, args);
    }
    print_visible(out, (const unsigned char *)message, (size_t)length);
    if (message != small)
        free(message);
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
void *xaligned_alloc(size_t alignment, size_t size) { return checked(aligned_alloc(alignment, size)); }

char *xstrndup(const char *string, size_t length)
{
    char *copy = xmalloc(length + 1);
    memcpy(copy, string, length);
    copy[length] = '\0';
    return copy;
}

char *xstrdup(const char *string) { return xstrndup(string, strlen(string)); }
