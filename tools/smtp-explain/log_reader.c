/* log_reader.c: a mail log, line by line (see log_reader.h). */
#include <stdlib.h>
#include <string.h>

#include "log_reader.h"
#include "mail_log.h"

void log_reader_init(struct log_reader *reader, const struct settings *settings, const char *source,
                     struct summary *summary)
{
    reader->settings = settings;
    reader->source = source;
    reader->summary = summary;
    reader->line = NULL;
    reader->length = 0;
    reader->capacity = 0;
    reader->line_number = 0;
    reader->replies = 0;
    reader->failed = 0;
}

static void report(struct log_reader *reader, enum reply_error error, uint64_t offset, unsigned long column)
{
    if (reader->settings->json)
        print_json_error(stdout, reader->source, error, offset, reader->line_number, column);
    else
        print_text_error(stderr, reader->source, error, reader->line_number, column);
    fflush(stdout);
    reader->failed = 1;
}

/* Parse the reply's bytes and explain it; report an error at the column
 * where the reply starts in the line. */
static void explain_entry(struct log_reader *reader, const struct log_entry *entry, const char *bytes, size_t size)
{
    const struct settings *settings = reader->settings;
    unsigned long column = (unsigned long)(entry->reply - reader->line) + 1;
    struct reply reply;
    size_t consumed;
    reply_parser_init(&reader->parser, &settings->options, reader->storage, sizeof reader->storage, reader->lines,
                      REPLY_SUGGESTED_MAX_LINES);
    enum reply_progress progress = reply_parser_feed(&reader->parser, bytes, size, &consumed, &reply);
    if (progress != REPLY_COMPLETE) {
        uint64_t offset;
        if (progress == REPLY_NEED_MORE)
            reply_parser_finish(&reader->parser);
        enum reply_error error = reply_parser_error(&reader->parser, &offset);
        report(reader, error, offset, column);
        reader->summary->malformed++;
        return;
    }
    struct explanation explanation;
    struct reply_origin origin = { reader->source, reader->line_number, &entry->fields };
    explain(settings->protocol, &reply, entry->command >= 0 ? entry->command : settings->command, &explanation);
    if (settings->json) {
        print_json_reply(stdout, &explanation, &origin);
    } else {
        print_text_reply(stdout, &explanation, &origin);
        fputc('\n', stdout);
    }
    fflush(stdout);
    summary_add(reader->summary, &explanation, entry->fields.recipient);
}

static void read_line(struct log_reader *reader)
{
    char *line = reader->line;
    size_t length = reader->length;
    reader->line_number++;
    reader->length = 0;
    if (length > 0 && line[length - 1] == '\r')
        length--;
    /* One allocation for the fields' strings and the reply's bytes. */
    char *storage = malloc(3 * length + 8);
    if (storage == NULL) {
        reader->summary->out_of_memory = 1;
        return;
    }
    struct log_entry entry;
    if (mail_log_read_line(reader->settings->protocol, line, length, storage, &entry)) {
        char *bytes = storage + length + 4;
        size_t size = mail_log_reply_bytes(&entry, bytes);
        reader->replies++;
        explain_entry(reader, &entry, bytes, size);
    }
    free(storage);
}

void log_reader_feed(struct log_reader *reader, const char *data, size_t size)
{
    while (size > 0) {
        const char *newline = memchr(data, '\n', size);
        size_t take = newline != NULL ? (size_t)(newline - data) : size;
        if (reader->length + take + 1 > reader->capacity) {
            size_t capacity = reader->capacity ? reader->capacity : 4096;
            while (capacity < reader->length + take + 1)
                capacity *= 2;
            char *line = realloc(reader->line, capacity);
            if (line == NULL) {
                reader->summary->out_of_memory = 1;
                return;
            }
            reader->line = line;
            reader->capacity = capacity;
        }
        memcpy(reader->line + reader->length, data, take);
        reader->length += take;
        if (newline == NULL)
            return;
        read_line(reader);
        data += take + 1;
        size -= take + 1;
    }
}

int log_reader_finish(struct log_reader *reader)
{
    if (reader->length > 0)
        read_line(reader);
    free(reader->line);
    reader->line = NULL;
    return !reader->failed;
}
