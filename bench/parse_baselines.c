/* parse_baselines.c: the baselines of bench_parse. The sscanf parser is
 * the kind found in small mail clients; it checks what such code checks
 * (three digits, the separator, the same code on every line) and no more:
 * no UTF-8 or control-character check, no line limit beyond its buffer. */
#include "parse_baselines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sscanf_parse(const char *data, size_t size, struct parse_counts *counts)
{
    char line[1024];        /* fgets()'s buffer */
    char reply_text[65536]; /* the reply's text lines, joined by LF */
    size_t reply_length = 0;
    long reply_code = -1;
    const char *end = data + size;
    while (data < end) {
        const char *lf = memchr(data, '\n', (size_t)(end - data));
        size_t length = lf != NULL ? (size_t)(lf - data) + 1 : (size_t)(end - data);
        if (length >= sizeof line)
            return -1;
        memcpy(line, data, length);
        line[length] = '\0';
        data += length;

        /* Strip the line end. */
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
            line[--length] = '\0';
        char *after;
        long code = strtol(line, &after, 10);
        if (after != line + 3 || code < 200 || code > 599)
            return -1;
        if (*after != ' ' && *after != '-' && *after != '\0')
            return -1;
        int last = *after != '-';
        const char *text = *after != '\0' ? after + 1 : after;
        size_t text_length = length - (size_t)(text - line);

        if (reply_code < 0) {
            int class_digit, subject, detail;
            reply_code = code;
            if (sscanf(text, "%1d.%3d.%3d", &class_digit, &subject, &detail) == 3) {
                counts->enhanced++;
                counts->enhanced_sum += (uint64_t)class_digit * 1000000u + (uint64_t)subject * 1000u + (uint64_t)detail;
            }
        } else if (code != reply_code) {
            return -1;
        }
        if (reply_length + text_length + 1 > sizeof reply_text)
            return -1;
        memcpy(reply_text + reply_length, text, text_length);
        reply_length += text_length;
        reply_text[reply_length++] = '\n';
        counts->lines++;
        counts->text_bytes += text_length;
        if (last) {
            counts->replies++;
            counts->code_sum += (uint64_t)reply_code;
            reply_code = -1;
            reply_length = 0;
        }
    }
    return reply_code < 0 ? 0 : -1;
}

int memchr_floor(const char *data, size_t size, struct parse_counts *counts)
{
    const char *end = data + size;
    while (data < end) {
        const char *lf = memchr(data, '\n', (size_t)(end - data));
        if (lf == NULL || lf - data < 4)
            return -1;
        counts->lines++;
        if (data[3] == ' ') {
            counts->replies++;
            counts->code_sum +=
                (uint64_t)(data[0] - '0') * 100u + (uint64_t)(data[1] - '0') * 10u + (uint64_t)(data[2] - '0');
        }
        data = lf + 1;
    }
    return 0;
}
