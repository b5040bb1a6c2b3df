/* print_json.c: smtp-explain --json, one object per reply on one line:
 * {"code": 550, "class": "permanent_negative", "lines": [...],
 *  "enhanced": "5.1.1", "meaning": "...", "action": "give_up",
 *  "tolerated": [], "name": "mailbox_unavailable", "summary": "...",
 *  "category": "Mail system", "enhanced_meaning": {...},
 *  "command": "RCPT", "role": "error"}
 * then, for a reply found in a mail log, "source", "line", "log",
 * "queue_id", "recipient" and "relay"; or {"error": "bare_lf",
 * "offset": 17, "source": ..., "line": 2, "column": 1}. Keys and their
 * order are the interface scripts rely on: new keys go at the end. */
#include <inttypes.h>
#include <string.h>

#include "explain.h"

/* A JSON string. Lenient mode lets bytes through that are not UTF-8: each
 * becomes U+FFFD, so that the output is always valid JSON. */
void print_json_string(FILE *out, const char *text, size_t length)
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

void print_json_optional(FILE *out, const char *text)
{
    if (text == NULL)
        fputs("null", out);
    else
        print_json_string(out, text, strlen(text));
}

/* The enhanced code's meaning: null without an enhanced code or when the
 * spec does not know its class; "fallback" tells that text is the
 * subject's X.Y.0 entry, the detail itself not being registered. */
static void print_enhanced_meaning(FILE *out, const struct explanation *explanation)
{
    const struct reply_enhanced_meaning *meaning = &explanation->enhanced_meaning;
    if (!explanation->enhanced_known) {
        fputs("null", out);
        return;
    }
    fputs("{\"code\": ", out);
    print_json_optional(out, meaning->code);
    fputs(", \"class\": ", out);
    print_json_optional(out, meaning->class_title);
    fputs(", \"subject\": ", out);
    print_json_optional(out, meaning->subject_title);
    fputs(", \"text\": ", out);
    print_json_optional(out, meaning->text);
    fprintf(out, ", \"fallback\": %s}", meaning->fallback ? "true" : "false");
}

static void print_origin(FILE *out, const struct reply_origin *origin)
{
    if (origin->log == NULL)
        return;
    fputs(", \"source\": ", out);
    print_json_optional(out, origin->source);
    fprintf(out, ", \"line\": %lu, \"log\": ", origin->line);
    print_json_optional(out, origin->log->format);
    fputs(", \"queue_id\": ", out);
    print_json_optional(out, origin->log->queue_id);
    fputs(", \"recipient\": ", out);
    print_json_optional(out, origin->log->recipient);
    fputs(", \"relay\": ", out);
    print_json_optional(out, origin->log->relay);
}

void print_json_reply(FILE *out, const struct explanation *explanation, const struct reply_origin *origin)
{
    const struct reply *reply = explanation->reply;
    fprintf(out, "{\"code\": %d, \"class\": ", reply->code);
    print_json_optional(out, explanation->class_name);
    fputs(", \"lines\": [", out);
    for (size_t i = 0; i < reply->line_count; i++) {
        if (i > 0)
            fputs(", ", out);
        print_json_string(out, reply->lines[i].text, reply->lines[i].length);
    }
    fputs("], \"enhanced\": ", out);
    const struct reply_enhanced *enhanced = &reply->lines[0].enhanced;
    if (enhanced->class_digit != 0)
        fprintf(out, "\"%d.%d.%d\"", enhanced->class_digit, enhanced->subject, enhanced->detail);
    else
        fputs("null", out);
    fputs(", \"meaning\": ", out);
    print_json_optional(out, explanation->code_known ? explanation->meaning.text : NULL);
    fputs(", \"action\": ", out);
    print_json_optional(out, reply_action_name(explanation->action));
    fputs(", \"tolerated\": [", out);
    int first = 1;
    for (int error = REPLY_ERROR_BARE_LF; error <= REPLY_ERROR_ENHANCED_MISMATCH; error++) {
        if (!(reply->tolerated & REPLY_TOLERATED(error)))
            continue;
        fprintf(out, "%s\"%s\"", first ? "" : ", ", reply_error_name((enum reply_error)error));
        first = 0;
    }
    const struct reply_meaning *meaning = explanation->code_known ? &explanation->meaning : NULL;
    fputs("], \"name\": ", out);
    print_json_optional(out, meaning ? meaning->name : NULL);
    fputs(", \"summary\": ", out);
    print_json_optional(out, meaning ? meaning->summary : NULL);
    if (!meaning) {
        /* Only for a code the spec does not define. */
        fputs(", \"registry_cited_with\": [", out);
        for (int i = 0; i < explanation->cited_count; i++) {
            fprintf(out, "%s{\"code\": ", i ? ", " : "");
            print_json_optional(out, explanation->cited_by[i].code);
            fputs(", \"text\": ", out);
            print_json_optional(out, explanation->cited_by[i].text);
            fputc('}', out);
        }
        fputc(']', out);
    }
    fputs(", \"category\": ", out);
    print_json_optional(out, explanation->category_title);
    fputs(", \"enhanced_meaning\": ", out);
    print_enhanced_meaning(out, explanation);
    fputs(", \"command\": ", out);
    print_json_optional(out, explanation->command_label);
    fputs(", \"role\": ", out);
    print_json_optional(out, explanation->command_label ? explain_role_name(explanation->role) : NULL);
    print_origin(out, origin);
    fputs("}\n", out);
}

void print_json_error(FILE *out, const char *source, enum reply_error error, uint64_t offset, unsigned long line,
                      unsigned long column)
{
    fprintf(out, "{\"error\": \"%s\", \"offset\": %" PRIu64 ", \"source\": ", reply_error_name(error), offset);
    print_json_optional(out, source);
    fprintf(out, ", \"line\": %lu, \"column\": %lu}\n", line, column);
}
