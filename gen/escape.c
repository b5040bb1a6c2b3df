/* escape.c: one escaping function per output language, and the choice of
 * language from a template's file name. */
#include "escape.h"

#include <stdbool.h>
#include <string.h>

static bool ends_with(const char *string, size_t length, const char *suffix)
{
    size_t suffix_length = strlen(suffix);
    return length >= suffix_length && memcmp(string + length - suffix_length, suffix, suffix_length) == 0;
}

enum escape_lang escape_lang_for_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    size_t length = strlen(name);
    if (ends_with(name, length, ".mustache"))
        length -= strlen(".mustache");
    if (ends_with(name, length, ".h") || ends_with(name, length, ".c"))
        return ESCAPE_C;
    if (ends_with(name, length, ".html"))
        return ESCAPE_HTML;
    if (length >= 2 && name[length - 2] == '.' && name[length - 1] >= '1' && name[length - 1] <= '9')
        return ESCAPE_ROFF;
    return ESCAPE_NONE;
}

/* Always three digits: an octal escape ends after three, so a digit that
 * follows is never swallowed (hex escapes, being greedy, would be). */
static void append_octal(struct buffer *out, unsigned char c)
{
    char escape[4] = { '\\', (char)('0' + (c >> 6)), (char)('0' + ((c >> 3) & 7)), (char)('0' + (c & 7)) };
    buffer_append(out, escape, sizeof escape);
}

/* Safe inside a string literal and inside a comment, in C99, C11 and C++:
 * no raw newline or other control byte, no trigraph (a '?' after a '?'
 * becomes "\?"), no comment delimiter (a '/' beside a '*' becomes "\057";
 * so does a '/' at either end, where the template's own text may hold the
 * '*'), and no '\' as the last byte, which would carry a // comment on to
 * the next line. */
static void escape_c(struct buffer *out, const unsigned char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = bytes[i];
        switch (c) {
        case '"': buffer_append_string(out, "\\\""); break;
        case '\\':
            if (i + 1 == length)
                append_octal(out, c);
            else
                buffer_append_string(out, "\\\\");
            break;
        case '\n': buffer_append_string(out, "\\n"); break;
        case '\t': buffer_append_string(out, "\\t"); break;
        case '?':
            buffer_append_string(out, i > 0 && bytes[i - 1] == '?' ? "\\?" : "?");
            break;
        case '/':
            if (i == 0 || i + 1 == length || bytes[i - 1] == '*' || bytes[i + 1] == '*')
                append_octal(out, c);
            else
                buffer_append_char(out, '/');
            break;
        default:
            if (c < 0x20 || c >= 0x7f)
                append_octal(out, c);
            else
                buffer_append_char(out, (char)c);
        }
    }
}

/* The length of the well-formed UTF-8 sequence at bytes (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF) and its code
 * point, or 0 when the bytes are not one. */
static size_t utf8_decode(const unsigned char *bytes, size_t length, unsigned long *code_point)
{
    unsigned char lead = bytes[0];
    size_t size;
    unsigned char low = 0x80, high = 0xbf;  /* the allowed range of the second byte */
    if (lead >= 0xc2 && lead <= 0xdf) {
        size = 2;
        *code_point = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        size = 3;
        *code_point = lead & 0x0f;
        if (lead == 0xe0)
            low = 0xa0;
        if (lead == 0xed)
            high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        size = 4;
        *code_point = lead & 0x07;
        if (lead == 0xf0)
            low = 0x90;
        if (lead == 0xf4)
            high = 0x8f;
    } else {
        return 0;
    }
    if (size > length || bytes[1] < low || bytes[1] > high)
        return 0;
    for (size_t i = 1; i < size; i++) {
        if ((bytes[i] & 0xc0) != 0x80)
            return 0;
        *code_point = (*code_point << 6) | (bytes[i] & 0x3f);
    }
    return size;
}

/* Bytes of out since its last newline: the column the next byte goes to. */
static size_t current_column(const struct buffer *out)
{
    size_t column = 0;
    while (column < out->length && out->data[out->length - column - 1] != '\n')
        column++;
    return column;
}

/* The escaped form of the one character at bytes[*i], appended to out. */
static void escape_roff_char(struct buffer *out, const unsigned char *bytes, size_t length, size_t *i)
{
    unsigned char c = bytes[*i];
    if (c >= 0x80) {
        unsigned long code_point;
        size_t size = utf8_decode(bytes + *i, length - *i, &code_point);
        buffer_printf(out, "\\[u%04lX]", size ? code_point : 0xfffdUL);
        *i += size ? size : 1;
        return;
    }
    if (c == '\\')
        buffer_append_string(out, "\\e");
    else if (c == '-')
        buffer_append_string(out, "\\-");
    else if (c == '\t')
        buffer_append_char(out, ' ');
    else if (c < 0x20 || c == 0x7f)
        buffer_append_string(out, "\\[uFFFD]");   /* no control byte reaches troff */
    else
        buffer_append_char(out, (char)c);
    (*i)++;
}

/* Man page text: a line may not start with a control character ('.' or
 * '\''), and leading spaces or blank lines would be read as breaks, so a
 * newline swallows the blank space that follows it. Non-ASCII characters
 * become groff's \[uXXXX] so the page does not depend on the input
 * encoding; a byte that is not valid UTF-8, or a control byte, becomes
 * U+FFFD, and a tab a space. Lines stay within ROFF_WIDTH bytes (mandoc
 * -Tlint wants at most 80) by breaking at a space with an escaped newline
 * (" \" and a newline), which roff reads as no break at all: safe in a
 * text line, a macro line, and a .TP tag or .SS heading line. */
enum { ROFF_WIDTH = 72 };

static void escape_roff(struct buffer *out, const unsigned char *bytes, size_t length)
{
    bool line_start = true;
    size_t i = 0;
    struct buffer word;
    buffer_init(&word);
    while (i < length) {
        unsigned char c = bytes[i];
        if (c == '\n') {
            buffer_append_char(out, '\n');
            for (i++; i < length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n'); i++)
                continue;
            line_start = true;
            continue;
        }
        if (c == ' ') {
            buffer_append_char(out, ' ');
            line_start = false;
            i++;
            continue;
        }
        /* A word, escaped apart, goes on a new line when it would pass the
         * width and a space of the value ends the line so far. */
        word.length = 0;
        if (line_start && (c == '.' || c == '\''))
            buffer_append_string(&word, "\\&");
        line_start = false;
        while (i < length && bytes[i] != ' ' && bytes[i] != '\n')
            escape_roff_char(&word, bytes, length, &i);
        size_t column = current_column(out);
        if (column > 0 && out->data[out->length - 1] == ' ' && column + word.length > ROFF_WIDTH)
            buffer_append_string(out, "\\\n");
        buffer_append(out, word.data, word.length);
    }
    buffer_free(&word);
}

static void escape_html(struct buffer *out, const unsigned char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        switch (bytes[i]) {
        case '&': buffer_append_string(out, "&amp;"); break;
        case '<': buffer_append_string(out, "&lt;"); break;
        case '>': buffer_append_string(out, "&gt;"); break;
        case '"': buffer_append_string(out, "&quot;"); break;
        case '\'': buffer_append_string(out, "&#39;"); break;
        default: buffer_append_char(out, (char)bytes[i]);
        }
    }
}

void escape_append(enum escape_lang lang, struct buffer *out, const char *bytes, size_t length)
{
    const unsigned char *unsigned_bytes = (const unsigned char *)bytes;
    switch (lang) {
    case ESCAPE_C: escape_c(out, unsigned_bytes, length); break;
    case ESCAPE_ROFF: escape_roff(out, unsigned_bytes, length); break;
    case ESCAPE_HTML: escape_html(out, unsigned_bytes, length); break;
    case ESCAPE_NONE: buffer_append(out, bytes, length); break;
    }
}
