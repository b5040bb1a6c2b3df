/* utf8.c: UTF-8 decoding (RFC 3629), shared by the escaping of output and
 * of messages. */
#include "utf8.h"

size_t utf8_decode(const unsigned char *bytes, size_t length, unsigned long *code_point)
{
    unsigned char lead = bytes[0];
    size_t size;
    unsigned char low = 0x80, high = 0xbf; /* the allowed range of the second byte */
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

bool utf8_acts_on_terminal(unsigned long code_point)
{
    return (code_point >= 0x80 && code_point <= 0x9f) || (code_point >= 0x202a && code_point <= 0x202e)
        || (code_point >= 0x2066 && code_point <= 0x2069);
}
