/* line_check.h: the rules for one reply line, shared by reply_parse_line()
 * and the streaming parser so that both judge every line alike. */
#ifndef REPLYGEN_LINE_CHECK_H
#define REPLYGEN_LINE_CHECK_H

#include <string.h>

#include "enhanced_scan.h"
#include "replygen/reply.h"

/* Judge line[0..size). complete: the line ends with its LF at
 * line[size - 1]. Not complete: line[0..size) is the start of a line that
 * overflowed its limit at size, and only what lies before is judged, so
 * that an earlier deviation is reported before the overflow. plain: the
 * caller already knows line[0..plain) is printable ASCII (0 when it does
 * not), so that the text is not scanned twice. A complete line is first
 * tried as line_check_common().
 *
 * Returns REPLY_ERROR_NONE and fills *result (complete lines only), or the
 * error with *offset at the byte that shows it. */
/* reply_ although private: the static library's symbols share the
 * namespace of the program that links it. */
enum reply_error reply_line_check(const char *line, size_t size, int complete, size_t plain,
                                  const struct reply_options *options, int first_code, struct reply_line *result,
                                  size_t *offset);

/* The line as nearly every server sends it, judged in one straight pass.
 * The caller has found it to be line[0..end) of printable ASCII followed by
 * CRLF; when it also has a code in range that is the first line's, SP or
 * "-" after it, is no longer than the RFC allows and has no enhanced code
 * of another class, no rule of reply_line_check() can object to it: fill
 * *result as reply_line_check() would and return 1. Otherwise return 0 with
 * *result untouched; reply_line_check() then finds what the line deviates in.
 *
 * Inline, so that the parser's loop over lines makes no call per line. */
static inline int line_check_common(const char *line, size_t end, const struct reply_options *options, int first_code,
                                    struct reply_line *result)
{
    if (end < 4 || end + 2 > options->strict_line_limit)
        return 0;
    /* As unsigned, an octet below '0' wraps to a large value: one test
     * per digit. */
    unsigned hundreds = (unsigned)(unsigned char)line[0] - '0';
    unsigned tens = (unsigned)(unsigned char)line[1] - '0';
    unsigned units = (unsigned)(unsigned char)line[2] - '0';
    if (hundreds > 9 || tens > 9 || units > 9)
        return 0;
    int code = (int)(hundreds * 100 + tens * 10 + units);
    if (code < options->lowest_code || code > options->highest_code)
        return 0;
    /* Another code on a later line is a mismatch, or in an RFC 959 reply
     * free text. */
    if (first_code >= 0 && code != first_code)
        return 0;
    char separator = line[3];
    if (separator != ' ' && separator != '-')
        return 0;
    /* reply_enhanced_agrees(): the class is the code's first digit. */
    struct reply_enhanced enhanced;
    if (enhanced_scan(line + 4, end - 4, &enhanced) && enhanced.class_digit != (int)hundreds)
        return 0;
    result->code = code;
    result->more = separator == '-';
    result->text = line + 4;
    result->length = end - 4;
    result->enhanced = enhanced;
    result->tolerated = 0;
    return 1;
}

/* The size of the line at text[0..size) through its LF, or 0 when no LF
 * lies within size. run: the length of the printable ASCII run at its
 * start (ascii_run_length()), which holds no LF, so the search starts
 * after it; most lines end right there, in CRLF. */
static inline size_t line_end_after_run(const char *text, size_t size, size_t run)
{
    if (size - run >= 2 && text[run] == '\r' && text[run + 1] == '\n')
        return run + 2;
    if (run == size)
        return 0;
    const char *lf = memchr(text + run, '\n', size - run);
    return lf != NULL ? (size_t)(lf - text) + 1 : 0;
}

/* The octets a line may take before the parse stops, and the error it
 * stops with there: strict mode stops at the RFC's limit, lenient mode at
 * the hard one. */
static inline size_t line_stop_limit(const struct reply_options *options, enum reply_error *overflow)
{
    if (options->mode == REPLY_STRICT && options->strict_line_limit < options->line_limit) {
        *overflow = REPLY_ERROR_LINE_TOO_LONG;
        return options->strict_line_limit;
    }
    *overflow = REPLY_ERROR_LINE_OVER_LIMIT;
    return options->line_limit;
}

#endif
