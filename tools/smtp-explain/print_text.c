/* print_text.c: smtp-explain's output for people, for example:
 *   550 5.1.1 <nobody@example.com>: Recipient address rejected
 *     code:     550 mailbox_unavailable: Requested action not taken: mailbox unavailable
 *               The mailbox is unavailable or the command was refused by policy.
 *     class:    5yz, Permanent Negative Completion reply
 *     category: x5z, Mail system
 *     enhanced: 5.1.1 Permanent Failure, Addressing Status: Bad destination mailbox address
 *     action:   give up: a permanent failure; do not repeat the command as it is
 *     command:  RCPT, expected error: the command failed
 * A reply found in a mail log comes after the line it was found in:
 *   mail.log:7: exim, queue id 1xYTIN-000892-14, recipient a@example.com, relay ...
 */
#include <string.h>

#include "explain.h"

static const char *advice(enum reply_action action)
{
    switch (action) {
    case REPLY_ACTION_WAIT: return "wait: the command was accepted, a final reply follows";
    case REPLY_ACTION_PROCEED: return "proceed: the command succeeded";
    case REPLY_ACTION_SEND_MORE: return "send more: the server waits for the rest (the message, the next step)";
    case REPLY_ACTION_RETRY_LATER: return "retry later: a transient failure; the same command may succeed later";
    case REPLY_ACTION_GIVE_UP: return "give up: a permanent failure; do not repeat the command as it is";
    default: return "unknown: this class does not tell a client what to do";
    }
}

/* Whether the well-formed UTF-8 sequence of size bytes at bytes is one a
 * terminal may act on rather than show: a C1 control, U+0080 to U+009F
 * (C2 80 to C2 9F; U+009B is CSI, as ESC [), or a bidirectional embedding,
 * override or isolate, U+202A to U+202E (E2 80 AA to AE) and U+2066 to
 * U+2069 (E2 81 A6 to A9), which reorder the rest of the line. */
static int acts_on_terminal(const unsigned char *bytes, size_t size)
{
    if (size == 2)
        return bytes[0] == 0xC2 && bytes[1] <= 0x9F;
    return size == 3 && bytes[0] == 0xE2
        && ((bytes[1] == 0x80 && bytes[2] >= 0xAA && bytes[2] <= 0xAE)
            || (bytes[1] == 0x81 && bytes[2] >= 0xA6 && bytes[2] <= 0xA9));
}

/* Text as received, but the control characters (C0, DEL, C1, the
 * bidirectional ones) and the bytes that are not UTF-8 that lenient mode
 * let through are shown as \xNN, so that they cannot act on the terminal
 * (issue 14). Returns the characters shown; out NULL only counts them. */
size_t print_text_visible(FILE *out, const char *text, size_t length)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t shown = 0;
    for (size_t i = 0; i < length;) {
        enum reply_text_char kind;
        size_t step = reply_text_scan_char(text + i, length - i, &kind);
        if (kind == REPLY_TEXT_CHAR_OK && !acts_on_terminal(bytes + i, step)) {
            if (out != NULL)
                fwrite(bytes + i, 1, step, out);
            shown++;
        } else {
            for (size_t j = 0; j < step && out != NULL; j++)
                fprintf(out, "\\x%02x", bytes[i + j]);
            shown += 4 * step;
        }
        i += step;
    }
    return shown;
}

static void print_enhanced(FILE *out, const struct explanation *explanation)
{
    const struct reply_enhanced *enhanced = &explanation->reply->lines[0].enhanced;
    if (enhanced->class_digit == 0)
        return;
    const struct reply_enhanced_meaning *meaning = &explanation->enhanced_meaning;
    fprintf(out, "  enhanced: %d.%d.%d", enhanced->class_digit, enhanced->subject, enhanced->detail);
    if (!explanation->enhanced_known) {
        fputs(": not in the spec\n", out);
        return;
    }
    fprintf(out, " %s", meaning->class_title);
    if (meaning->subject_title == NULL) {
        fprintf(out, ": subject %d not in the spec\n", enhanced->subject);
        return;
    }
    fprintf(out, ", %s", meaning->subject_title);
    if (meaning->text == NULL)
        fputs(": detail not in the spec\n", out);
    else if (meaning->fallback)
        fprintf(out, ": detail not registered; %s means: %s\n", meaning->code, meaning->text);
    else
        fprintf(out, ": %s\n", meaning->text);
}

/* What the reply says about the command it answers. */
static const char *role_advice(enum reply_role role)
{
    switch (role) {
    case REPLY_ROLE_SUCCESS: return "expected success: the command succeeded";
    case REPLY_ROLE_INTERMEDIATE: return "expected intermediate reply: the command waits for its next step";
    case REPLY_ROLE_ERROR: return "expected error: the command failed";
    case REPLY_ROLE_PRELIMINARY: return "expected preliminary reply: the final reply follows";
    default: return "unexpected: the spec does not list this code as a reply to it";
    }
}

static void print_field(FILE *out, const char *label, const char *value)
{
    if (value == NULL)
        return;
    fprintf(out, ", %s ", label);
    print_text_visible(out, value, strlen(value));
}

/* The log line a reply was found in: its place and its own fields. */
static void print_origin(FILE *out, const struct reply_origin *origin)
{
    if (origin->log == NULL)
        return;
    print_text_visible(out, origin->source, strlen(origin->source));
    fprintf(out, ":%lu: %s", origin->line, origin->log->format);
    print_field(out, "queue id", origin->log->queue_id);
    print_field(out, "recipient", origin->log->recipient);
    print_field(out, "relay", origin->log->relay);
    fputc('\n', out);
}

void print_text_reply(FILE *out, const struct explanation *explanation, const struct reply_origin *origin)
{
    const struct reply *reply = explanation->reply;
    print_origin(out, origin);
    for (size_t i = 0; i < reply->line_count; i++) {
        const struct reply_line *line = &reply->lines[i];
        if (line->code >= 0)
            fprintf(out, "%03d%c", line->code, line->more ? '-' : ' ');
        print_text_visible(out, line->text, line->length);
        fputc('\n', out);
    }
    if (explanation->code_known)
        fprintf(out, "  code:     %d %s: %s\n            %s\n", reply->code, explanation->meaning.name,
                explanation->meaning.text, explanation->meaning.summary);
    else if (explanation->cited_count == 0)
        fprintf(out, "  code:     %d: not in the %s spec\n", reply->code, explanation->protocol->name);
    for (int i = 0; i < explanation->cited_count; i++) {
        if (i == 0)
            fprintf(out, "  code:     %d: in the IANA registry only, cited with", reply->code);
        else
            fputs("            and with", out);
        fprintf(out, " %s, %s\n", explanation->cited_by[i].code, explanation->cited_by[i].text);
    }
    if (explanation->class_title != NULL)
        fprintf(out, "  class:    %dyz, %s\n", reply->code / 100, explanation->class_title);
    if (explanation->category_title != NULL)
        fprintf(out, "  category: x%dz, %s\n", reply->code / 10 % 10, explanation->category_title);
    print_enhanced(out, explanation);
    fprintf(out, "  action:   %s\n", advice(explanation->action));
    if (explanation->command_label != NULL)
        fprintf(out, "  command:  %s, %s\n", explanation->command_label, role_advice(explanation->role));
    for (int error = REPLY_ERROR_BARE_LF; error <= REPLY_ERROR_ENHANCED_MISMATCH; error++)
        if (reply->tolerated & REPLY_TOLERATED(error))
            fprintf(out, "  tolerated: %s (%s)\n", reply_error_message((enum reply_error)error),
                    reply_error_name((enum reply_error)error));
}

void print_text_error(FILE *out, const char *source, enum reply_error error, unsigned long line, unsigned long column)
{
    print_text_visible(out, source, strlen(source));
    fprintf(out, ":%lu:%lu: error: %s (%s)\n", line, column, reply_error_message(error), reply_error_name(error));
}
