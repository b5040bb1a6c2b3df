/* print_json.c: smtp-explain --json, one object per reply on one line:
 * {"code": 550, "class": "permanent_negative", "lines": [...],
 *  "enhanced": "5.1.1", "meaning": "...", "action": "give_up",
 *  "tolerated": []}
 * or {"error": "bare_lf", "offset": 17}. Keys and their order are the
 * interface scripts rely on. */
#include <inttypes.h>
#include <string.h>

#include "explain.h"

/* A JSON string. Lenient mode lets bytes through that are not UTF-8: each
 * becomes U+FFFD, so that the output is always valid JSON. */
static void print_string(FILE *out, const char *text, size_t length)
{
    const unsigned char *bytes = (const unsigned char *)text;
    fputc('"', out);
    for (size_t i = 0; i < length;) {
        unsigned char c = bytes[i];
        if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            fputc(c, out);
            i++;
        } else {
            /* The runtime's own UTF-8 judgement, so that the bytes JSON
             * replaces are exactly those the parser called not_utf8. */
            enum reply_text_char kind;
            size_t step = reply_text_scan_char(text + i, length - i, &kind);
            if (kind == REPLY_TEXT_CHAR_OK)
                fwrite(bytes + i, 1, step, out);
            else
                fputs("\\ufffd", out);
            i += step;
        }
    }
    fputc('"', out);
}

static void print_optional(FILE *out, const char *text)
{
    if (text == NULL)
        fputs("null", out);
    else
        print_string(out, text, strlen(text));
}

void print_json_reply(FILE *out, const struct explanation *explanation)
{
    const struct reply *reply = explanation->reply;
    fprintf(out, "{\"code\": %d, \"class\": ", reply->code);
    print_optional(out, explanation->class_name);
    fputs(", \"lines\": [", out);
    for (size_t i = 0; i < reply->line_count; i++) {
        if (i > 0)
            fputs(", ", out);
        print_string(out, reply->lines[i].text, reply->lines[i].length);
    }
    fputs("], \"enhanced\": ", out);
    const struct reply_enhanced *enhanced = &reply->lines[0].enhanced;
    if (enhanced->class_digit != 0)
        fprintf(out, "\"%d.%d.%d\"", enhanced->class_digit, enhanced->subject, enhanced->detail);
    else
        fputs("null", out);
    fputs(", \"meaning\": ", out);
    print_optional(out, explanation->code_known ? explanation->meaning.text : NULL);
    fputs(", \"action\": ", out);
    print_optional(out, reply_action_name(explanation->action));
    fputs(", \"tolerated\": [", out);
    int first = 1;
    for (int error = REPLY_ERROR_BARE_LF; error <= REPLY_ERROR_ENHANCED_MISMATCH; error++) {
        if (!(reply->tolerated & REPLY_TOLERATED(error)))
            continue;
        fprintf(out, "%s\"%s\"", first ? "" : ", ", reply_error_name((enum reply_error)error));
        first = 0;
    }
    fputs("]}\n", out);
}

void print_json_error(FILE *out, enum reply_error error, uint64_t offset)
{
    fprintf(out, "{\"error\": \"%s\", \"offset\": %" PRIu64 "}\n", reply_error_name(error), offset);
}
