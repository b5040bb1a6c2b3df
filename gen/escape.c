/* escape.c: one escaping function per output language, and the choice of
 * language from an output's file name. */
#include "escape.h"

#include "utf8.h"

#include <stdbool.h>
#include <string.h>

static bool ends_with(const char *string, size_t length, const char *suffix)
{
    size_t suffix_length = strlen(suffix);
    return length >= suffix_length && memcmp(string + length - suffix_length, suffix, suffix_length) == 0;
}

enum escape_lang escape_lang_for_output(const char *name)
{
    size_t length = strlen(name);
    if (ends_with(name, length, ".h") || ends_with(name, length, ".c"))
        return ESCAPE_C;
    if (ends_with(name, length, ".html"))
        return ESCAPE_HTML;
    if (ends_with(name, length, ".json"))
        return ESCAPE_JSON;
    if (ends_with(name, length, ".csv"))
        return ESCAPE_CSV;
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

/* Which bytes each language copies as they are, one bit per language, so
 * that the scan for the next byte to escape is one load and one test per
 * byte. Built on first use from the rules in the *_plain functions. */
enum {
    PLAIN_C = 1,
    PLAIN_ROFF = 2,
    PLAIN_HTML = 4
};
static unsigned char plain_table[256];
static bool plain_table_built;

/* Bytes that escape_c copies as they are whatever surrounds them: the
 * printable ASCII characters but '"', '\\', '?' and '/'. */
static bool c_plain(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?' && c != '/'; }

/* Bytes of a word that escape_roff_char copies as they are. */
static bool roff_plain(unsigned char c) { return c > ' ' && c < 0x7f && c != '\\' && c != '-'; }

/* Bytes that escape_html copies as they are. */
static bool html_plain(unsigned char c) { return c != '&' && c != '<' && c != '>' && c != '"' && c != '\''; }

static void build_plain_table(void)
{
    for (unsigned c = 0; c < 256; c++)
        plain_table[c] =
            (unsigned char)((c_plain((unsigned char)c) ? PLAIN_C : 0) | (roff_plain((unsigned char)c) ? PLAIN_ROFF : 0)
                            | (html_plain((unsigned char)c) ? PLAIN_HTML : 0));
    plain_table_built = true;
}

/* The end of the run of bytes from `from` that a language copies as they
 * are (lang_bit: PLAIN_C, PLAIN_ROFF or PLAIN_HTML). */
static size_t plain_run(const unsigned char *bytes, size_t from, size_t length, unsigned lang_bit)
{
    while (from < length && (plain_table[bytes[from]] & lang_bit))
        from++;
    return from;
}

/* The escaped form of bytes[i], which c_plain refused. */
static void escape_c_byte(struct buffer *out, const unsigned char *bytes, size_t length, size_t i)
{
    unsigned char c = bytes[i];
    switch (c) {
    case '"': buffer_append(out, "\\\"", 2); break;
    case '\\':
        if (i + 1 == length)
            append_octal(out, c);
        else
            buffer_append(out, "\\\\", 2);
        break;
    case '\n': buffer_append(out, "\\n", 2); break;
    case '\t': buffer_append(out, "\\t", 2); break;
    case '?':
        if (i > 0 && bytes[i - 1] == '?')
            buffer_append(out, "\\?", 2);
        else
            buffer_append_char(out, '?');
        break;
    case '/':
        if (i == 0 || i + 1 == length || bytes[i - 1] == '*' || bytes[i + 1] == '*')
            append_octal(out, c);
        else
            buffer_append_char(out, '/');
        break;
    default: /* a control byte, DEL or a byte above ASCII */ append_octal(out, c);
    }
}

/* Safe inside a string literal and inside a comment, in C99, C11 and C++:
 * no raw newline or other control byte, no trigraph (a '?' after a '?'
 * becomes "\?"), no comment delimiter (a '/' beside a '*' becomes "\057";
 * so does a '/' at either end, where the template's own text may hold the
 * '*'), and no '\' as the last byte, which would carry a // comment on to
 * the next line. Runs of plain bytes are appended at once. */
static void escape_c(struct buffer *out, const unsigned char *bytes, size_t length)
{
    size_t i = 0;
    while (i < length) {
        size_t run = plain_run(bytes, i, length, PLAIN_C);
        buffer_append(out, (const char *)bytes + i, run - i);
        if (run < length)
            escape_c_byte(out, bytes, length, run++);
        i = run;
    }
}

/* Bytes of out since its last newline: the column the next byte goes to,
 * counted up to limit at most. Without the limit, a template that puts
 * thousands of values on one line costs quadratic time, each value
 * scanning the whole line back (found by fuzzing: 39 s for 500 KB). */
static size_t current_column(const struct buffer *out, size_t limit)
{
    size_t column = 0;
    while (column < limit && column < out->length && out->data[out->length - column - 1] != '\n')
        column++;
    return column;
}

/* groff's \[uXXXX]: at least four upper-case hex digits, as "%04lX" writes
 * them (written by hand: this runs for every non-ASCII character). */
static void append_roff_code_point(struct buffer *out, unsigned long code_point)
{
    static const char hex[] = "0123456789ABCDEF";
    char text[16] = "\\[u";
    size_t digits = 4;
    while (digits < 8 && code_point >> (4 * digits))
        digits++;
    for (size_t i = 0; i < digits; i++)
        text[3 + i] = hex[(code_point >> (4 * (digits - 1 - i))) & 15];
    text[3 + digits] = ']';
    buffer_append(out, text, 4 + digits);
}

/* The escaped form of the one character at bytes[*i], appended to out. */
static void escape_roff_char(struct buffer *out, const unsigned char *bytes, size_t length, size_t *i)
{
    unsigned char c = bytes[*i];
    if (c >= 0x80) {
        unsigned long code_point;
        size_t size = utf8_decode(bytes + *i, length - *i, &code_point);
        append_roff_code_point(out, size ? code_point : 0xfffdUL);
        *i += size ? size : 1;
        return;
    }
    if (c == '\\')
        buffer_append(out, "\\e", 2);
    else if (c == '-')
        buffer_append(out, "\\-", 2);
    else if (c == '\t')
        buffer_append_char(out, ' ');
    else if (c < 0x20 || c == 0x7f)
        buffer_append_string(out, "\\[uFFFD]"); /* no control byte reaches troff */
    else
        buffer_append_char(out, (char)c);
    (*i)++;
}

/* Escape the word at bytes[*i] (up to a space or a newline) onto out, runs
 * of plain bytes at once. Its escaped form holds no newline. */
static void escape_roff_word(struct buffer *out, const unsigned char *bytes, size_t length, size_t *i)
{
    while (*i < length && bytes[*i] != ' ' && bytes[*i] != '\n') {
        size_t run = plain_run(bytes, *i, length, PLAIN_ROFF);
        buffer_append(out, (const char *)bytes + *i, run - *i);
        *i = run;
        if (run < length && bytes[run] != ' ' && bytes[run] != '\n')
            escape_roff_char(out, bytes, length, i);
    }
}

/* Man page text: a line may not start with a control character ('.' or
 * '\''), and leading spaces or blank lines would be read as breaks, so a
 * newline swallows the blank space that follows it. Non-ASCII characters
 * become groff's \[uXXXX] so the page does not depend on the input
 * encoding; a byte that is not valid UTF-8, or a control byte, becomes
 * U+FFFD, and a tab a space. Lines stay within ROFF_WIDTH bytes (mandoc
 * -Tlint wants at most 80) by breaking at a space with an escaped newline
 * (" \" and a newline), which roff reads as no break at all: safe in a
 * text line, a macro line, and a .TP tag or .SS heading line. A word that
 * starts with a control character gets "\&" before it on its new line. In
 * a comment an escaped newline ends the comment, so there the break starts
 * a new comment line (".\" ") instead: otherwise a spec file named
 * "aaa... .so secret.txt" in ".\" Generated from {{spec_file}}" would
 * make groff include secret.txt (issue 14). */
enum {
    ROFF_WIDTH = 72
};

/* Whether out[0..end) ends in a comment: its last line holds \" or \#
 * that is no escaped backslash's second half. Asked only when a word must
 * move to a new line, so each line is scanned once: linear time. */
static bool roff_line_is_comment(const struct buffer *out, size_t end)
{
    size_t start = end;
    while (start > 0 && out->data[start - 1] != '\n')
        start--;
    for (size_t i = start; i + 1 < end; i++) {
        if (out->data[i] != '\\')
            continue;
        if (out->data[i + 1] == '"' || out->data[i + 1] == '#')
            return true;
        i++; /* the escaped character, a backslash perhaps */
    }
    return false;
}

/* Move the word at out[word_start..], which a space comes before, to a new
 * line; returns the column after it. */
static size_t roff_break_before(struct buffer *out, size_t word_start)
{
    size_t word_length = out->length - word_start;
    const char *prefix = "\\\n"; /* after the space */
    if (roff_line_is_comment(out, word_start)) {
        out->data[word_start - 1] = '\n'; /* the space, which a comment can spare */
        prefix = ".\\\" ";
    } else if (out->data[word_start] == '.' || out->data[word_start] == '\'') {
        prefix = "\\\n\\&";
    }
    size_t prefix_length = strlen(prefix);
    buffer_append(out, prefix, prefix_length); /* room for it */
    memmove(out->data + word_start + prefix_length, out->data + word_start, word_length);
    memcpy(out->data + word_start, prefix, prefix_length);
    const char *newline = strchr(prefix, '\n');
    return prefix_length - (newline ? (size_t)(newline - prefix) + 1 : 0) + word_length;
}

static void escape_roff(struct buffer *out, const unsigned char *bytes, size_t length)
{
    bool line_start = true;
    /* Found once, then followed: what this appends is all it must know. */
    /* Past ROFF_WIDTH a column only ever compares as too wide: no need to
     * count further. */
    size_t column = current_column(out, ROFF_WIDTH + 1);
    size_t i = 0;
    while (i < length) {
        unsigned char c = bytes[i];
        if (c == '\n') {
            buffer_append_char(out, '\n');
            column = 0;
            for (i++; i < length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n'); i++)
                continue;
            line_start = true;
            continue;
        }
        if (c == ' ') {
            buffer_append_char(out, ' ');
            column++;
            line_start = false;
            i++;
            continue;
        }
        /* A word goes on a new line when it would pass the width and a
         * space of the value ends the line so far. It is escaped straight
         * onto out, and moved along when the break goes in front of it. */
        bool after_space = column > 0 && out->data[out->length - 1] == ' ';
        size_t word_start = out->length;
        if (line_start && (c == '.' || c == '\''))
            buffer_append(out, "\\&", 2);
        line_start = false;
        escape_roff_word(out, bytes, length, &i);
        size_t word_length = out->length - word_start;
        if (after_space && column + word_length > ROFF_WIDTH) {
            column = roff_break_before(out, word_start);
        } else {
            column += word_length;
        }
    }
}

static void escape_html(struct buffer *out, const unsigned char *bytes, size_t length)
{
    size_t i = 0;
    while (i < length) {
        size_t run = plain_run(bytes, i, length, PLAIN_HTML);
        buffer_append(out, (const char *)bytes + i, run - i);
        if (run == length)
            break;
        switch (bytes[run]) {
        case '&': buffer_append(out, "&amp;", 5); break;
        case '<': buffer_append(out, "&lt;", 4); break;
        case '>': buffer_append(out, "&gt;", 4); break;
        case '"': buffer_append(out, "&quot;", 6); break;
        default: buffer_append(out, "&#39;", 5); break;
        }
        i = run + 1;
    }
}

/* A byte that is not part of well-formed UTF-8 becomes U+FFFD in JSON and
 * CSV, whose readers expect UTF-8 and may refuse the whole file for one
 * bad byte (Python's json and csv modules read text, not bytes). Returns
 * the length of the character at bytes[i], well-formed or not. */
static size_t utf8_char_or_replacement(struct buffer *out, const unsigned char *bytes, size_t length, size_t i)
{
    unsigned long code_point;
    size_t size = utf8_decode(bytes + i, length - i, &code_point);
    if (size) {
        buffer_append(out, (const char *)bytes + i, size);
        return size;
    }
    buffer_append(out, "\xef\xbf\xbd", 3);
    return 1;
}

/* Between the quotes of a JSON string (RFC 8259 section 7): '"' and '\\'
 * escaped, every control byte as \uXXXX (a raw one makes strict parsers
 * refuse the file), "</" as "<\/" so that the JSON may sit in an HTML
 * <script> element, UTF-8 kept as it is. */
static void escape_json(struct buffer *out, const unsigned char *bytes, size_t length)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0;
    while (i < length) {
        unsigned char c = bytes[i];
        if (c >= 0x80) {
            i += utf8_char_or_replacement(out, bytes, length, i);
            continue;
        }
        if (c == '"' || c == '\\') {
            char escape[2] = { '\\', (char)c };
            buffer_append(out, escape, 2);
        } else if (c == '/' && i > 0 && bytes[i - 1] == '<') {
            buffer_append(out, "\\/", 2);
        } else if (c < 0x20 || c == 0x7f) {
            char escape[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            buffer_append(out, escape, sizeof escape);
        } else {
            buffer_append_char(out, (char)c);
        }
        i++;
    }
}

/* A whole CSV field (RFC 4180 section 2): as it is when it holds no ',',
 * '"', CR or LF and does not start or end with a blank (which some readers
 * trim); otherwise in double quotes, each '"' doubled. A template writes
 * {{a}},{{b}} and never quotes a field itself. NUL, which many readers
 * refuse, and bytes that are not UTF-8 become U+FFFD. */
static bool csv_needs_quotes(const unsigned char *bytes, size_t length)
{
    if (length > 0 && (bytes[0] == ' ' || bytes[0] == '\t' || bytes[length - 1] == ' ' || bytes[length - 1] == '\t'))
        return true;
    for (size_t i = 0; i < length; i++)
        if (bytes[i] == ',' || bytes[i] == '"' || bytes[i] == '\r' || bytes[i] == '\n')
            return true;
    return false;
}

static void escape_csv(struct buffer *out, const unsigned char *bytes, size_t length)
{
    bool quoted = csv_needs_quotes(bytes, length);
    if (quoted)
        buffer_append_char(out, '"');
    size_t i = 0;
    while (i < length) {
        unsigned char c = bytes[i];
        if (c >= 0x80) {
            i += utf8_char_or_replacement(out, bytes, length, i);
            continue;
        }
        if (c == '"')
            buffer_append(out, "\"\"", 2);
        else if (c == 0)
            buffer_append(out, "\xef\xbf\xbd", 3);
        else
            buffer_append_char(out, (char)c);
        i++;
    }
    if (quoted)
        buffer_append_char(out, '"');
}

void escape_append(enum escape_lang lang, struct buffer *out, const char *bytes, size_t length)
{
    const unsigned char *unsigned_bytes = (const unsigned char *)bytes;
    if (!plain_table_built)
        build_plain_table();
    switch (lang) {
    case ESCAPE_C: escape_c(out, unsigned_bytes, length); break;
    case ESCAPE_ROFF: escape_roff(out, unsigned_bytes, length); break;
    case ESCAPE_HTML: escape_html(out, unsigned_bytes, length); break;
    case ESCAPE_JSON: escape_json(out, unsigned_bytes, length); break;
    case ESCAPE_CSV: escape_csv(out, unsigned_bytes, length); break;
    case ESCAPE_NONE: buffer_append(out, bytes, length); break;
    }
}
