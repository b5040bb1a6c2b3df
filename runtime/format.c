/* format.c: write a reply as a server sends it (RFC 5321 section 4.2),
 * with the enhanced code on every line (RFC 2034 section 4). Everything is
 * checked before a byte is written, so a refused reply leaves the buffer
 * as it was. */
#include <stdio.h>
#include <string.h>

#include "replygen/reply.h"

static int enhanced_is_valid(const struct reply_enhanced *enhanced, int code)
{
    int known_class = enhanced->class_digit == 2 || enhanced->class_digit == 4 || enhanced->class_digit == 5;
    return known_class && enhanced->subject >= 0 && enhanced->subject <= 999 && enhanced->detail >= 0
        && enhanced->detail <= 999 && reply_enhanced_agrees(enhanced, code);
}

/* "5.1.1" written into out (at least 12 octets); returns its length. */
static size_t enhanced_write(const struct reply_enhanced *enhanced, char *out)
{
    return (size_t)sprintf(out, "%d.%d.%d", enhanced->class_digit, enhanced->subject, enhanced->detail);
}

static enum reply_format_error text_check(const char *text)
{
    size_t length = strlen(text);
    size_t at = 0;
    while (at < length) {
        enum reply_text_char kind;
        at += reply_text_scan_char(text + at, length - at, &kind);
        if (kind == REPLY_TEXT_CHAR_CONTROL && (text[at - 1] == '\r' || text[at - 1] == '\n'))
            return REPLY_FORMAT_LINE_BREAK;
        if (kind != REPLY_TEXT_CHAR_OK)
            return REPLY_FORMAT_BAD_TEXT;
    }
    return REPLY_FORMAT_OK;
}

/* The octets one line takes: code, separator, [enhanced [SP]] text, CRLF. */
static size_t line_size(size_t enhanced_length, const char *text)
{
    size_t text_length = strlen(text);
    size_t size = 3 + 1 + text_length + 2;
    if (enhanced_length > 0)
        size += enhanced_length + (text_length > 0 ? 1 : 0);
    return size;
}

static enum reply_format_error refuse(enum reply_format_error error, size_t *size, size_t *bad_line, size_t line)
{
    *size = 0;
    if (bad_line != NULL)
        *bad_line = line;
    return error;
}

enum reply_format_error reply_format(char *buffer, size_t buffer_size, size_t *size, int code,
                                     const struct reply_enhanced *enhanced, const char *const *texts, size_t line_count,
                                     size_t line_limit, size_t *bad_line)
{
    if (code < 100 || code > 999)
        return refuse(REPLY_FORMAT_BAD_CODE, size, bad_line, 0);
    if (enhanced != NULL && !enhanced_is_valid(enhanced, code))
        return refuse(REPLY_FORMAT_BAD_ENHANCED, size, bad_line, 0);
    if (line_count == 0)
        return refuse(REPLY_FORMAT_NO_LINES, size, bad_line, 0);

    char enhanced_text[16];
    size_t enhanced_length = enhanced != NULL ? enhanced_write(enhanced, enhanced_text) : 0;
    size_t needed = 0;
    for (size_t i = 0; i < line_count; i++) {
        enum reply_format_error error = text_check(texts[i]);
        if (error != REPLY_FORMAT_OK)
            return refuse(error, size, bad_line, i);
        size_t one = line_size(enhanced_length, texts[i]);
        if (one > line_limit)
            return refuse(REPLY_FORMAT_LINE_TOO_LONG, size, bad_line, i);
        needed += one;
    }
    if (bad_line != NULL)
        *bad_line = 0;
    *size = needed;
    if (needed > buffer_size)
        return REPLY_FORMAT_BUFFER_TOO_SMALL;

    char *out = buffer;
    for (size_t i = 0; i < line_count; i++) {
        size_t text_length = strlen(texts[i]);
        *out++ = (char)('0' + code / 100);
        *out++ = (char)('0' + code / 10 % 10);
        *out++ = (char)('0' + code % 10);
        *out++ = i + 1 < line_count ? '-' : ' ';
        if (enhanced_length > 0) {
            memcpy(out, enhanced_text, enhanced_length);
            out += enhanced_length;
            if (text_length > 0)
                *out++ = ' ';
        }
        memcpy(out, texts[i], text_length);
        out += text_length;
        *out++ = '\r';
        *out++ = '\n';
    }
    return REPLY_FORMAT_OK;
}
