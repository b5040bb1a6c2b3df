/* text_scan.c: reply_text_scan_char(), UTF-8 well-formedness per RFC 3629
 * section 4, plus the ASCII controls that RFC 5321's textstring leaves out.
 * The parser, the formatter and programs showing reply text share it. */
#include "replygen/reply.h"

/* The range the second octet of a sequence must lie in: the first octet
 * decides it, to exclude overlong forms, surrogates and code points past
 * U+10FFFF (RFC 3629 section 4, UTF8-2 to UTF8-4). */
static void second_octet_range(unsigned char lead, unsigned char *low, unsigned char *high)
{
    *low = 0x80;
    *high = 0xBF;
    if (lead == 0xE0)
        *low = 0xA0;
    else if (lead == 0xED)
        *high = 0x9F;
    else if (lead == 0xF0)
        *low = 0x90;
    else if (lead == 0xF4)
        *high = 0x8F;
}

static size_t sequence_length(unsigned char lead)
{
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    return 0;
}

size_t reply_text_scan_char(const char *text, size_t available, enum reply_text_char *kind)
{
    const unsigned char *octets = (const unsigned char *)text;
    unsigned char lead = octets[0];
    if (lead < 0x80) {
        int control = (lead < 0x20 && lead != '\t') || lead == 0x7F;
        *kind = control ? REPLY_TEXT_CHAR_CONTROL : REPLY_TEXT_CHAR_OK;
        return 1;
    }
    size_t length = sequence_length(lead);
    if (length == 0) {
        *kind = REPLY_TEXT_CHAR_NOT_UTF8;
        return 1;
    }
    unsigned char low, high;
    second_octet_range(lead, &low, &high);
    for (size_t i = 1; i < length; i++) {
        if (i == available) {
            *kind = REPLY_TEXT_CHAR_CUT;
            return i;
        }
        if (octets[i] < low || octets[i] > high) {
            *kind = REPLY_TEXT_CHAR_NOT_UTF8;
            return i;
        }
        low = 0x80;
        high = 0xBF;
    }
    *kind = REPLY_TEXT_CHAR_OK;
    return length;
}
