/* mail_log.c: find the reply, the command it answered and the line's own
 * fields in a Postfix or Exim log line (see mail_log.h). */
#include <string.h>

#include "mail_log.h"

/* A piece of the line. */
struct span {
    const char *text;
    size_t length;
};

/* The first needle in text[0..length), or NULL. */
static const char *find(const char *text, size_t length, const char *needle)
{
    size_t size = strlen(needle);
    for (size_t i = 0; i + size <= length; i++)
        if (memcmp(text + i, needle, size) == 0)
            return text + i;
    return NULL;
}

/* The text after the first `before` up to the first `after` from there
 * (up to limit when after is NULL), within line up to limit; {NULL, 0}
 * when before or after is absent. */
static struct span between(const char *line, const char *limit, const char *before, const char *after)
{
    struct span span = { NULL, 0 };
    const char *start = find(line, (size_t)(limit - line), before);
    if (start == NULL)
        return span;
    start += strlen(before);
    const char *end = after != NULL ? find(start, (size_t)(limit - start), after) : limit;
    if (end == NULL)
        return span;
    span.text = start;
    span.length = (size_t)(end - start);
    return span;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int is_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

static int starts_with_code(const char *text, size_t length)
{
    return length >= 3 && is_digit(text[0]) && is_digit(text[1]) && is_digit(text[2]);
}

static int starts_with_word(struct span span, const char *word)
{
    size_t size = strlen(word);
    if (span.length < size)
        return 0;
    for (size_t i = 0; i < size; i++)
        if ((span.text[i] | 0x20) != (word[i] | 0x20))
            return 0;
    return 1;
}

/* Copy span to storage as a string; NULL for an empty span. */
static const char *keep(struct span span, char **storage)
{
    if (span.text == NULL || span.length == 0)
        return NULL;
    char *copy = *storage;
    memcpy(copy, span.text, span.length);
    copy[span.length] = '\0';
    *storage += span.length + 1;
    return copy;
}

/* The command a log names: Postfix's "RCPT TO", "end of DATA"; Exim's
 * "RCPT TO:<a@example.com>", "pipelined RCPT TO:<...>", "end of data",
 * "initial connection". The last two are the spec's end_of_data and
 * greeting. */
static int find_command(const struct reply_protocol *protocol, struct span text)
{
    static const char pipelined[] = "pipelined ";
    if (starts_with_word(text, pipelined)) {
        text.text += sizeof pipelined - 1;
        text.length -= sizeof pipelined - 1;
    }
    if (starts_with_word(text, "end of data"))
        return explain_find_command(protocol, "end_of_data", strlen("end_of_data"));
    if (starts_with_word(text, "initial connection"))
        return explain_find_command(protocol, "greeting", strlen("greeting"));
    size_t word = 0;
    while (word < text.length && text.text[word] != ' ' && text.text[word] != ':')
        word++;
    return explain_find_command(protocol, text.text, word);
}

/* A Postfix queue id: the short form's hexadecimal digits or the long
 * form's letters and digits; a word such as "warning" is none. */
static int is_postfix_queue_id(struct span span)
{
    int has_digit_or_upper = 0;
    for (size_t i = 0; i < span.length; i++) {
        if (!is_alnum(span.text[i]))
            return 0;
        has_digit_or_upper |= is_digit(span.text[i]) || (span.text[i] >= 'A' && span.text[i] <= 'Z');
    }
    return span.length >= 6 && has_digit_or_upper;
}

static int read_postfix(const struct reply_protocol *protocol, const char *line, const char *end, char *storage,
                        struct log_entry *entry)
{
    const char *program = find(line, (size_t)(end - line), "postfix");
    if (program == NULL)
        return 0;
    /* "host %s said: %s (in reply to %s)", "host %s refused to talk to
     * me: %s", or a delivery's "status=sent (%s)", which holds the
     * server's reply to the end of the message. */
    const char *implied_command = NULL;
    struct span said = between(program, end, "host ", " said: ");
    struct span reply = between(program, end, " said: ", NULL);
    if (said.text == NULL || said.text + said.length + strlen(" said: ") != reply.text) {
        said = between(program, end, "host ", " refused to talk to me: ");
        reply = between(program, end, " refused to talk to me: ", NULL);
        implied_command = "greeting";
    }
    if (said.text == NULL) {
        reply = between(program, end, " status=sent (", NULL);
        implied_command = "end_of_data";
    }
    if (reply.text == NULL || !starts_with_code(reply.text, reply.length))
        return 0;
    const char *reply_end = reply.text + reply.length;
    struct span command = { NULL, 0 };
    const char *in_reply_to = NULL;
    for (const char *next = reply.text; (next = find(next, (size_t)(reply_end - next), " (in reply to ")) != NULL;
         next++)
        in_reply_to = next;
    if (in_reply_to != NULL) {
        command = between(in_reply_to, reply_end, " (in reply to ", " command)");
        reply.length = (size_t)(in_reply_to - reply.text);
    } else if (find(program, (size_t)(reply.text - program), "status=") != NULL && reply.length > 0
               && reply.text[reply.length - 1] == ')') {
        reply.length--; /* status=bounced (host ... refused to talk to me: ...) */
    }

    const char *head_end = said.text != NULL ? said.text : reply.text;
    struct span queue_id = between(program, head_end, "]: ", ": ");
    struct span relay = between(program, head_end, " relay=", ", ");
    if (relay.text == NULL)
        relay = said;
    entry->fields.format = "postfix";
    entry->fields.queue_id = is_postfix_queue_id(queue_id) ? keep(queue_id, &storage) : NULL;
    entry->fields.recipient = keep(between(program, head_end, " to=<", ">"), &storage);
    entry->fields.relay = keep(relay, &storage);
    if (implied_command != NULL)
        entry->command = explain_find_command(protocol, implied_command, strlen(implied_command));
    else if (command.text != NULL)
        entry->command = find_command(protocol, command);
    entry->reply = reply.text;
    entry->reply_length = reply.length;
    entry->joined_by_space = 1;
    return 1;
}

/* An Exim message id: letters and digits in three groups joined by "-"
 * (1xYTIN-000892-14, and the longer form of Exim 4.97). */
static int is_exim_message_id(struct span span)
{
    int dashes = 0;
    for (size_t i = 0; i < span.length; i++) {
        if (span.text[i] == '-')
            dashes++;
        else if (!is_alnum(span.text[i]))
            return 0;
    }
    return dashes == 2 && span.length >= 16;
}

/* The first word of line (up to limit) that is a message id. */
static struct span exim_message_id(const char *line, const char *limit)
{
    struct span word = { line, 0 };
    for (int words = 0; words < 6 && word.text < limit; words++) {
        word.length = 0;
        while (word.text + word.length < limit && word.text[word.length] != ' ')
            word.length++;
        if (is_exim_message_id(word))
            return word;
        word.text += word.length + 1;
    }
    word.text = NULL;
    word.length = 0;
    return word;
}

static int read_exim(const struct reply_protocol *protocol, const char *line, const char *end, char *storage,
                     struct log_entry *entry)
{
    /* "SMTP error from remote mail server after %s: %s" on a failure
     * (** or ==); on a delivery (=>, ->), C="%s" holds the server's reply
     * to the end of the message (log_selector smtp_confirmation, on by
     * default). */
    static const char marker[] = "SMTP error from remote mail server after ";
    struct span command = { NULL, 0 };
    const char *reply = NULL;
    const char *reply_end = end;
    const char *fields_end = find(line, (size_t)(end - line), marker);
    if (fields_end != NULL) {
        command.text = fields_end + sizeof marker - 1;
        for (const char *next = command.text; (next = find(next, (size_t)(end - next), ": ")) != NULL; next++)
            if (starts_with_code(next + 2, (size_t)(end - next - 2))) {
                reply = next + 2;
                break;
            }
        if (reply == NULL)
            return 0;
        command.length = (size_t)(reply - 2 - command.text);
    } else if ((find(line, (size_t)(end - line), " => ") != NULL || find(line, (size_t)(end - line), " -> ") != NULL)
               && (fields_end = find(line, (size_t)(end - line), " C=\"")) != NULL) {
        reply = fields_end + strlen(" C=\"");
        const char *quote = memchr(reply, '"', (size_t)(end - reply));
        if (quote == NULL || !starts_with_code(reply, (size_t)(quote - reply)))
            return 0;
        reply_end = quote;
    } else {
        return 0;
    }

    struct span recipient = between(line, fields_end, " ** ", " ");
    if (recipient.text == NULL)
        recipient = between(line, fields_end, " == ", " ");
    if (recipient.text == NULL)
        recipient = between(line, fields_end, " => ", " ");
    if (recipient.text == NULL)
        recipient = between(line, fields_end, " -> ", " ");
    struct span relay = between(line, fields_end, " H=", "]");
    if (relay.text != NULL)
        relay.length++; /* the "]" of "H=name [address]" */
    entry->fields.format = "exim";
    entry->fields.queue_id = keep(exim_message_id(line, fields_end), &storage);
    entry->fields.recipient = keep(recipient, &storage);
    entry->fields.relay = keep(relay, &storage);
    entry->command = command.text != NULL ? find_command(protocol, command)
                                          : explain_find_command(protocol, "end_of_data", strlen("end_of_data"));
    entry->reply = reply;
    entry->reply_length = (size_t)(reply_end - reply);
    entry->joined_by_space = 0;
    return 1;
}

int mail_log_read_line(const struct reply_protocol *protocol, const char *line, size_t length, char *storage,
                       struct log_entry *entry)
{
    memset(entry, 0, sizeof *entry);
    entry->command = -1;
    return read_exim(protocol, line, line + length, storage, entry)
        || read_postfix(protocol, line, line + length, storage, entry);
}

/* Where the reply's next line starts in text[from..length): Exim's "\n";
 * for Postfix, a space, the first line's code and "-" or SP, after a
 * first line that says more lines follow. Returns length when none. */
static size_t next_line(const struct log_entry *entry, size_t from, size_t *separator)
{
    const char *text = entry->reply;
    size_t length = entry->reply_length;
    for (size_t i = from; i + 1 < length; i++) {
        if (!entry->joined_by_space && text[i] == '\\' && text[i + 1] == 'n') {
            *separator = 2;
            return i;
        }
        if (entry->joined_by_space && length > 3 && text[3] == '-' && text[i] == ' ' && i + 5 <= length
            && memcmp(text + i + 1, text, 3) == 0 && (text[i + 4] == '-' || text[i + 4] == ' ')) {
            *separator = 1;
            return i;
        }
    }
    *separator = 0;
    return length;
}

size_t mail_log_reply_bytes(const struct log_entry *entry, char *out)
{
    size_t size = 0;
    size_t from = 0;
    for (;;) {
        size_t separator;
        size_t end = next_line(entry, from, &separator);
        memcpy(out + size, entry->reply + from, end - from);
        size += end - from;
        out[size++] = '\r';
        out[size++] = '\n';
        if (separator == 0)
            return size;
        from = end + separator;
    }
}
