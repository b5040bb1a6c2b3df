/* diag.c: error and warning reporting in the compiler format, and the
 * allocation wrappers that report running out of memory the same way. */
#include "diag.h"

#include "quote.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

/* An input whose lines messages quote: its bytes, and where some of its
 * lines start (a checkpoint at the first line start at least
 * CHECKPOINT_BYTES after the one before), found when the first message
 * quotes it. A message's line is then at most CHECKPOINT_BYTES of short
 * lines from a checkpoint, and the index is a small fraction of the
 * input even when every line is empty (16 MiB of line breaks would take
 * 128 MiB as an offset per line). */
#define CHECKPOINT_BYTES 64

struct diag_checkpoint {
    unsigned line; /* 1-based */
    size_t offset;
};

struct diag_source {
    char *name;
    char *bytes;
    size_t length;
    struct diag_checkpoint *checkpoints; /* NULL: not indexed yet */
    size_t checkpoint_count;
    unsigned line_count;
    /* The line quoted last, and where its quote started, so that the many
     * messages a long line may have (sorted by column) find and walk it
     * once in all, not once each. */
    unsigned cached_line; /* 0: none */
    size_t cached_start, cached_end;
    struct quote_cursor cursor;
    struct diag_source *next;
};

struct diag_message {
    struct mark at;
    const char *severity;
    char *text;
    size_t order; /* in which it came */
};

void diag_init(struct diag *diag, FILE *out) { *diag = (struct diag){ .out = out }; }

void diag_add_source(struct diag *diag, const char *name, const char *bytes, size_t length)
{
    struct diag_source **place = &diag->sources;
    while (*place && strcmp((*place)->name, name) != 0)
        place = &(*place)->next;
    struct diag_source *source = *place;
    if (source) {
        free(source->bytes);
    } else {
        source = *place = xcalloc(1, sizeof *source);
        source->name = xstrdup(name);
    }
    source->bytes = xstrndup(bytes, length);
    source->length = length;
    free(source->checkpoints);
    source->checkpoints = NULL;
    source->checkpoint_count = 0;
    source->cached_line = 0;
}

/* The length of the line break at bytes[i], or 0: the breaks libyaml
 * counts lines by (CR LF, LF, CR, NEL, LS and PS). */
static size_t break_at(const char *bytes, size_t length, size_t i)
{
    const unsigned char *b = (const unsigned char *)bytes + i;
    size_t left = length - i;
    if (b[0] == '\r')
        return left > 1 && b[1] == '\n' ? 2 : 1;
    if (b[0] == '\n')
        return 1;
    if (left > 1 && b[0] == 0xc2 && b[1] == 0x85)
        return 2;
    if (left > 2 && b[0] == 0xe2 && b[1] == 0x80 && (b[2] == 0xa8 || b[2] == 0xa9))
        return 3;
    return 0;
}

static void add_checkpoint(struct diag_source *source, unsigned line, size_t offset, size_t *capacity)
{
    if (source->checkpoint_count == *capacity) {
        *capacity = *capacity ? *capacity * 2 : 64;
        source->checkpoints = xrealloc(source->checkpoints, *capacity * sizeof *source->checkpoints);
    }
    source->checkpoints[source->checkpoint_count++] = (struct diag_checkpoint){ line, offset };
}

static void index_lines(struct diag_source *source)
{
    size_t capacity = 0;
    /* libyaml's reader takes a byte order mark away before it counts. */
    size_t start = source->length >= 3 && memcmp(source->bytes, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    unsigned line = 1;
    add_checkpoint(source, line, start, &capacity);
    for (size_t i = start; i < source->length;) {
        size_t size = break_at(source->bytes, source->length, i);
        if (!size) {
            i++;
            continue;
        }
        i += size;
        line++;
        if (i - source->checkpoints[source->checkpoint_count - 1].offset >= CHECKPOINT_BYTES)
            add_checkpoint(source, line, i, &capacity);
    }
    source->line_count = line;
}

/* Find line (1-based, at most line_count): its text, without its break,
 * in source->cached_start and cached_end. */
static void find_line(struct diag_source *source, unsigned line)
{
    if (source->cached_line == line)
        return;
    size_t low = 0, high = source->checkpoint_count; /* the last checkpoint at or before line */
    while (high - low > 1) {
        size_t middle = low + (high - low) / 2;
        if (source->checkpoints[middle].line <= line)
            low = middle;
        else
            high = middle;
    }
    size_t i = source->checkpoints[low].offset;
    for (unsigned at = source->checkpoints[low].line; at < line; i++) {
        size_t size = break_at(source->bytes, source->length, i);
        if (size) {
            at++;
            i += size - 1;
        }
    }
    size_t end = i;
    while (end < source->length && break_at(source->bytes, source->length, end) == 0)
        end++;
    source->cached_line = line;
    source->cached_start = i;
    source->cached_end = end;
    source->cursor = (struct quote_cursor){ 0, 0 };
}

static struct diag_source *find_source(const struct diag *diag, const char *name)
{
    for (struct diag_source *source = diag->sources; source; source = source->next)
        if (strcmp(source->name, name) == 0)
            return source;
    return NULL;
}

/* The quoted line and caret of a message at at, when its input is known. */
static void print_source_line(const struct diag *diag, const struct mark *at, struct quote_sink *out)
{
    struct diag_source *source = at->file && at->line ? find_source(diag, at->file) : NULL;
    if (!source)
        return;
    if (!source->checkpoints)
        index_lines(source);
    if (at->line > source->line_count)
        return; /* past the last line */
    find_line(source, at->line);
    const unsigned char *line = (const unsigned char *)source->bytes + source->cached_start;
    size_t length = source->cached_end - source->cached_start;
    size_t caret = at->column ? at->column - 1 : 0;
    source->cursor = quote_walk(line, length, source->cursor, quote_window_start(at->column));
    quote_line(out, at->line, line, length, source->cursor, caret);
}

static void print_message(const struct diag *diag, const struct mark *at, const char *severity, const char *message)
{
    struct quote_sink sink, *out = &sink;
    quote_sink_start(out, diag->out);
    if (at && at->file) {
        quote_visible(out, (const unsigned char *)at->file, strlen(at->file));
        if (at->line)
            quote_printf(out, ":%u:%u", at->line, at->column);
        quote_printf(out, ": %s: ", severity);
    } else {
        quote_printf(out, "replygen: %s: ", severity);
    }
    /* A message quotes text from the input: control characters in it are
     * shown as \xNN, so that every message stays one line and a hostile
     * spec cannot send the terminal escape sequences (found by fuzzing);
     * so are the bytes of C1 controls and bidirectional overrides, and
     * bytes that are not UTF-8, which a terminal may read as C1 (issue 14). */
    quote_visible(out, (const unsigned char *)message, strlen(message));
    quote_write(out, "\n", 1);
    if (at)
        print_source_line(diag, at, out);
    quote_sink_flush(out);
}

static char *format_message(const char *format, va_list args)
{
    char small[512];
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(small, sizeof small, format, copy);
    va_end(copy);
    if (length < 0)
        return xstrdup("");
    if (length < (int)sizeof small)
        return xstrdup(small);
    char *message = xmalloc((size_t)length + 1);
    vsnprintf(message, (size_t)length + 1, format, args);
    return message;
}

static void report(struct diag *diag, const struct mark *at, const char *severity, const char *format, va_list args)
{
    char *text = format_message(format, args);
    if (!diag->holding) {
        print_message(diag, at, severity, text);
        free(text);
        return;
    }
    diag->held = xrealloc(diag->held, (diag->held_count + 1) * sizeof *diag->held);
    struct mark place = at ? *at : (struct mark){ NULL, 0, 0 };
    diag->held[diag->held_count] = (struct diag_message){ place, severity, text, diag->held_count };
    diag->held_count++;
}

void diag_error(struct diag *diag, const struct mark *at, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    report(diag, at, "error", format, args);
    va_end(args);
    diag->errors++;
}

void diag_warning(struct diag *diag, const struct mark *at, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    report(diag, at, "warning", format, args);
    va_end(args);
    diag->warnings++;
}

void diag_hold(struct diag *diag) { diag->holding++; }

/* No file first (the run's own messages), then by file name, line and
 * column, then in the order they came. */
static int compare_messages(const void *a, const void *b)
{
    const struct diag_message *x = a, *y = b;
    if (!x->at.file != !y->at.file)
        return x->at.file ? 1 : -1;
    int files = x->at.file ? strcmp(x->at.file, y->at.file) : 0;
    if (files)
        return files;
    if (x->at.line != y->at.line)
        return x->at.line < y->at.line ? -1 : 1;
    if (x->at.column != y->at.column)
        return x->at.column < y->at.column ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

void diag_release(struct diag *diag)
{
    if (!diag->holding || --diag->holding)
        return;
    if (diag->held_count > 1)
        qsort(diag->held, diag->held_count, sizeof *diag->held, compare_messages);
    for (size_t i = 0; i < diag->held_count; i++) {
        const struct diag_message *message = &diag->held[i];
        print_message(diag, message->at.file ? &message->at : NULL, message->severity, message->text);
        free(message->text);
    }
    free(diag->held);
    diag->held = NULL;
    diag->held_count = 0;
}

void diag_free(struct diag *diag)
{
    if (diag->holding) {
        diag->holding = 1;
        diag_release(diag);
    }
    while (diag->sources) {
        struct diag_source *next = diag->sources->next;
        free(diag->sources->name);
        free(diag->sources->bytes);
        free(diag->sources->checkpoints);
        free(diag->sources);
        diag->sources = next;
    }
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
