/* enhanced_scan.h: the enhanced status code grammar (RFC 3463 section 2,
 * RFC 2034 section 4) as inline functions, so that the line parser reads
 * it without a call per line; reply_enhanced_parse() is this same code. */
#ifndef REPLYGEN_ENHANCED_SCAN_H
#define REPLYGEN_ENHANCED_SCAN_H

#include <stddef.h>
#include <string.h>

#include "replygen/reply.h"

static inline int enhanced_is_digit(char octet) { return octet >= '0' && octet <= '9'; }

/* The value of the one to three digits at text[*at..length), with *at moved
 * past it; -1 when there is no digit there, or a fourth follows. Written
 * out digit by digit: as a loop it cost the parser about 40 instructions
 * more on each line with an enhanced code. */
static inline int enhanced_number(const char *text, size_t length, size_t *at)
{
    const char *digits = text + *at;
    size_t left = length - *at;
    if (left < 1 || !enhanced_is_digit(digits[0]))
        return -1;
    if (left < 2 || !enhanced_is_digit(digits[1])) {
        *at += 1;
        return digits[0] - '0';
    }
    if (left < 3 || !enhanced_is_digit(digits[2])) {
        *at += 2;
        return (digits[0] - '0') * 10 + (digits[1] - '0');
    }
    if (left > 3 && enhanced_is_digit(digits[3]))
        return -1; /* a fourth digit */
    *at += 3;
    return (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0');
}

/* enhanced_scan() past the text's first two octets, "d.": the numbers and
 * what follows them. */
static inline int enhanced_scan_numbers(const char *text, size_t length, struct reply_enhanced *enhanced)
{
    size_t at = 2;
    int subject = enhanced_number(text, length, &at);
    if (subject < 0 || at >= length || text[at] != '.')
        return 0;
    at++;
    int detail = enhanced_number(text, length, &at);
    if (detail < 0)
        return 0;
    /* RFC 2034 section 4: the code is followed by a space, then the text. */
    if (at < length && text[at] != ' ')
        return 0;
    enhanced->class_digit = text[0] - '0';
    enhanced->subject = subject;
    enhanced->detail = detail;
    enhanced->length = at < length ? at + 1 : at;
    return 1;
}

/* reply_enhanced_parse(): see replygen/reply.h. */
static inline int enhanced_scan(const char *text, size_t length, struct reply_enhanced *enhanced)
{
    memset(enhanced, 0, sizeof *enhanced); /* padding too: callers may hash it */
    /* RFC 3463: class = "2" / "4" / "5"; subject and detail 1 to 3 digits.
     * The "." is tested first: in most texts it is not there. */
    if (length < 5 || text[1] != '.' || (text[0] != '2' && text[0] != '4' && text[0] != '5'))
        return 0;
    return enhanced_scan_numbers(text, length, enhanced);
}

#endif
