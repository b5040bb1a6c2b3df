/* quote.h: input text shown in a message, safe for a terminal: a byte that
 * could act on it as \xNN, and a source line under its message with a caret
 * under the column, as gcc shows them. */
#ifndef REPLYGEN_QUOTE_H
#define REPLYGEN_QUOTE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Where a message is put together before it goes out in a few writes:
 * standard error is unbuffered, and a quoted line written a character at
 * a time would cost a system call each (seconds for a spec of thousands
 * of errors). */
enum {
    QUOTE_SINK_BYTES = 4096
};

struct quote_sink {
    FILE *out;
    size_t used;
    char data[QUOTE_SINK_BYTES];
};

void quote_sink_start(struct quote_sink *sink, FILE *out);
void quote_write(struct quote_sink *sink, const char *bytes, size_t length);
void quote_printf(struct quote_sink *sink, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Write out what is held. */
void quote_sink_flush(struct quote_sink *sink);

/* Write text[0..length) with each byte that could act on a terminal as
 * \xNN: control characters (ESC, newline, NUL ...), DEL, C1 controls,
 * bidirectional overrides and isolates, and bytes that are not UTF-8. */
void quote_visible(struct quote_sink *out, const unsigned char *text, size_t length);

/* Where a line's column lies in its bytes, for quote_line. Columns count
 * characters, as libyaml's marks do: a byte that does not continue a UTF-8
 * sequence starts one. */
struct quote_cursor {
    size_t character; /* 0-based */
    size_t byte;      /* its offset in the line */
};

/* The cursor of character (0-based) in line[0..length), walked on from
 * from (or from the line's start when from is ahead of it); past the end
 * of the line, the character just after it. */
struct quote_cursor quote_walk(const unsigned char *line, size_t length, struct quote_cursor from, size_t character);

/* Where the shown part of a line starts for a caret at column (1-based):
 * the line's start, or for a long line some characters before the caret. */
size_t quote_window_start(unsigned column);

/* Print, as gcc does,
 *     12 |   sumary: It worked.
 *        |   ^
 * the line text[start.byte..length) (from the window start found by
 * quote_window_start, "..." before it unless it is the line's start), with
 * the caret under character caret_character. Tabs are expanded to the next
 * multiple of 8 columns, bytes that could act on the terminal are shown as
 * \xNN, and a long line is cut after some 100 columns (then "..."). */
void quote_line(struct quote_sink *out, unsigned line_number, const unsigned char *text, size_t length,
                struct quote_cursor start, size_t caret_character);

#endif
