/* enhanced.c: enhanced status codes at the start of a reply's text,
 * RFC 3463 section 2 (syntax) and RFC 2034 section 4 (placement). */
#include <string.h>

#include "replygen/reply.h"

/* Read one to three digits at text[*at]; 0 when there are none, or more. */
static int read_number(const char *text, size_t length, size_t *at, int *value)
{
    size_t start = *at;
    *value = 0;
    while (*at < length && *at - start < 4 && text[*at] >= '0' && text[*at] <= '9') {
        *value = *value * 10 + (text[*at] - '0');
        (*at)++;
    }
    return *at > start && *at - start <= 3;
}

int reply_enhanced_parse(const char *text, size_t length, struct reply_enhanced *enhanced)
{
    memset(enhanced, 0, sizeof *enhanced);
    /* RFC 3463: class = "2" / "4" / "5". */
    if (length < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5') || text[1] != '.')
        return 0;
    size_t at = 2;
    int subject, detail;
    if (!read_number(text, length, &at, &subject) || at >= length || text[at] != '.')
        return 0;
    at++;
    if (!read_number(text, length, &at, &detail))
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

int reply_enhanced_agrees(const struct reply_enhanced *enhanced, int code)
{
    return enhanced->class_digit != 0 && code >= 100 && code <= 999
           && enhanced->class_digit == code / 100;
}
