/* enhanced.c: enhanced status codes at the start of a reply's text,
 * RFC 3463 section 2 (syntax) and RFC 2034 section 4 (placement). */
#include "enhanced_scan.h"

int reply_enhanced_parse(const char *text, size_t length, struct reply_enhanced *enhanced)
{
    return enhanced_scan(text, length, enhanced);
}

int reply_enhanced_agrees(const struct reply_enhanced *enhanced, int code)
{
    return enhanced->class_digit != 0 && code >= 100 && code <= 999 && enhanced->class_digit == code / 100;
}
