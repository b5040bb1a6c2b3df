/* quote.c: text from the input shown in a message without acting on the
 * terminal, and the source line with its caret under a message. */
#include "quote.h"

#include "utf8.h"

#include <stdbool.h>
#include <string.h>

/* A long line is shown from this many characters before the caret, */
#define CONTEXT_BEFORE 40
/* and for this many columns in all, so that a message stays readable
 * whatever the length of the line (a 16 MiB one-line spec included). */
#define SHOWN_COLUMNS  100
#define TAB_STOP       8

/* The character at bytes[0..length): its size in bytes, whether it shows
 * (else each of its bytes is shown as \xNN) and how many columns it takes
 * on a terminal. */
struct shown_character {
    size_t size;
    bool visible;
    unsigned columns;
};

/* East Asian wide and fullwidth characters take two columns; combining
 * marks and zero-width characters none (the common ranges, not all of
 * Unicode's tables: a caret off by a column after a rare one is harmless). */
static unsigned columns_of(unsigned long c)
{
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || c == 0xfeff)
        return 0;
    if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
        || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
        || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff)
        || (c >= 0x20000 && c <= 0x3fffd))
        return 2;
    return 1;
}

static struct shown_character shown_at(const unsigned char *bytes, size_t length)
{
    unsigned long code_point = bytes[0];
    size_t size = bytes[0] < 0x80 ? 1 : utf8_decode(bytes, length, &code_point);
    if (size == 0) /* not UTF-8: one byte, shown as \xNN */
        return (struct shown_character){ 1, false, 4 };
    bool visible = code_point >= 0x20 && code_point != 0x7f && !utf8_acts_on_terminal(code_point);
    if (!visible)
        return (struct shown_character){ size, false, 4 * (unsigned)size };
    return (struct shown_character){ size, true, columns_of(code_point) };
}

void quote_visible(struct quote_sink *out, const unsigned char *text, size_t length)
{
    for (size_t i = 0; i < length;) {
        struct shown_character shown = shown_at(text + i, length - i);
        if (shown.visible)
            quote_write(out, (const char *)(text + i), shown.size);
        else
            for (size_t j = i; j < i + shown.size; j++)
                quote_printf(out, "\\x%02x", text[j]);
        i += shown.size;
    }
}

void quote_sink_start(struct quote_sink *sink, FILE *out)
{
    sink->out = out;
    sink->used = 0;
}

void quote_sink_flush(struct quote_sink *sink)
{
    fwrite(sink->data, 1, sink->used, sink->out);
    sink->used = 0;
}

void quote_write(struct quote_sink *sink, const char *bytes, size_t length)
{
    if (sink->used + length > sizeof sink->data)
        quote_sink_flush(sink);
    if (length > sizeof sink->data) {
        fwrite(bytes, 1, length, sink->out);
        return;
    }
    memcpy(sink->data + sink->used, bytes, length);
    sink->used += length;
}

void quote_printf(struct quote_sink *sink, const char *format, ...)
{
    char text[256]; /* enough for what it is given: numbers, short words */
    va_list args;
    va_start(args, format);
    int length = vsnprintf(text, sizeof text, format, args);
    va_end(args);
    if (length > 0)
        quote_write(sink, text, (size_t)length < sizeof text ? (size_t)length : sizeof text - 1);
}

struct quote_cursor quote_walk(const unsigned char *line, size_t length, struct quote_cursor from, size_t character)
{
    struct quote_cursor at = from.character <= character ? from : (struct quote_cursor){ 0, 0 };
    while (at.character < character && at.byte < length) {
        at.byte++;
        while (at.byte < length && (line[at.byte] & 0xc0) == 0x80)
            at.byte++;
        at.character++;
    }
    if (at.character < character) /* past the end: one after it */
        at.character = character;
    return at;
}

size_t quote_window_start(unsigned column)
{
    size_t caret = column ? column - 1 : 0;
    return caret > SHOWN_COLUMNS - CONTEXT_BEFORE ? caret - CONTEXT_BEFORE : 0;
}

static void print_spaces(struct quote_sink *out, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        quote_write(out, " ", 1);
}

void quote_line(struct quote_sink *out, unsigned line_number, const unsigned char *text, size_t length,
                struct quote_cursor start, size_t caret_character)
{
    char number[16];
    int width = snprintf(number, sizeof number, "%u", line_number);
    if (width < 4)
        width = 4;
    quote_printf(out, " %*u | ", width, line_number);
    unsigned shown = 0, caret_column = 0;
    bool caret_placed = false;
    if (start.byte > 0 || start.character > 0) {
        quote_write(out, "...", 3);
        shown = 3;
    }
    size_t character = start.character;
    size_t i = start.byte;
    for (; i < length && shown < SHOWN_COLUMNS + 3; character++) {
        if (character == caret_character) {
            caret_column = shown;
            caret_placed = true;
        }
        if (text[i] == '\t') {
            unsigned to = TAB_STOP - shown % TAB_STOP;
            print_spaces(out, to);
            shown += to;
            i++;
            continue;
        }
        struct shown_character one = shown_at(text + i, length - i);
        if (one.visible)
            quote_write(out, (const char *)(text + i), one.size);
        else
            for (size_t j = i; j < i + one.size; j++)
                quote_printf(out, "\\x%02x", text[j]);
        shown += one.columns;
        /* Stray continuation bytes belong to this character, as columns
         * count them (quote_walk). */
        for (i += one.size; i < length && (text[i] & 0xc0) == 0x80; i++) {
            quote_printf(out, "\\x%02x", text[i]);
            shown += 4;
        }
    }
    if (i < length)
        quote_write(out, "...", 3);
    if (!caret_placed) /* at the end of the line, after it, or after the part shown */
        caret_column = shown;
    quote_printf(out, "\n %*s | ", width, "");
    print_spaces(out, caret_column);
    quote_write(out, "^\n", 2);
}
