/* reply_stream.c: the replies of one input, parsed as they arrive, with
 * recovery after a malformed one (see reply_stream.h). */
#include <string.h>

#include "explain.h"
#include "reply_stream.h"

void reply_stream_init(struct reply_stream *stream, const struct settings *settings, const char *source)
{
    stream->settings = settings;
    stream->source = source;
    stream->state = REPLY_STREAM_PARSING;
    stream->parser_start = 0;
    stream->received = 0;
    stream->prefix_length = 0;
    stream->line = 1;
    stream->failed = 0;
    reply_parser_init(&stream->parser, &settings->options, stream->storage, sizeof stream->storage, stream->lines,
                      REPLY_SUGGESTED_MAX_LINES);
}

/* Remember where the lines of data (which starts at stream offset at) begin. */
static void note_lines(struct reply_stream *stream, const char *data, size_t size, uint64_t at)
{
    const char *end = data + size;
    for (const char *next = data, *newline; (newline = memchr(next, '\n', (size_t)(end - next))) != NULL;
         next = newline + 1) {
        stream->line++;
        stream->line_starts[stream->line % REPLY_STREAM_REMEMBERED_LINES] = at + (uint64_t)(newline + 1 - data);
    }
}

/* The line and column (both from 1) of stream offset offset. */
static void locate(const struct reply_stream *stream, uint64_t offset, unsigned long *line, unsigned long *column)
{
    unsigned long n = stream->line;
    while (n > 1 && n + REPLY_STREAM_REMEMBERED_LINES > stream->line + 1
           && stream->line_starts[n % REPLY_STREAM_REMEMBERED_LINES] > offset)
        n--;
    uint64_t start = n > 1 ? stream->line_starts[n % REPLY_STREAM_REMEMBERED_LINES] : 0;
    *line = n;
    *column = (unsigned long)(offset - start) + 1;
}

static void report(struct reply_stream *stream, enum reply_error error, uint64_t offset)
{
    unsigned long line, column;
    locate(stream, offset, &line, &column);
    if (stream->settings->json)
        print_json_error(stdout, stream->source, error, offset, line, column);
    else
        print_text_error(stderr, stream->source, error, line, column);
    fflush(stdout);
    stream->failed = 1;
}

static void print_reply(const struct reply_stream *stream, const struct reply *reply)
{
    const struct settings *settings = stream->settings;
    struct explanation explanation;
    struct reply_origin origin = { stream->source, 0, NULL };
    explain(settings->protocol, reply, settings->command, &explanation);
    if (settings->json) {
        print_json_reply(stdout, &explanation, &origin);
    } else {
        print_text_reply(stdout, &explanation, &origin);
        fputc('\n', stdout);
    }
    fflush(stdout);
}

/* Give the parser data (at stream offset at). Returns the octets used:
 * all of them, or those before where skipping starts after an error. */
static size_t parse(struct reply_stream *stream, const char *data, size_t size, uint64_t at)
{
    size_t used = 0;
    while (used < size) {
        struct reply reply;
        size_t consumed = 0;
        enum reply_progress progress = reply_parser_feed(&stream->parser, data + used, size - used, &consumed, &reply);
        if (progress == REPLY_FAILED) {
            uint64_t offset;
            enum reply_error error = reply_parser_error(&stream->parser, &offset);
            offset += stream->parser_start;
            report(stream, error, offset);
            stream->state = REPLY_STREAM_SKIPPING;
            /* The rest of the error's line goes; it ends at the first line
             * end from the error on, which data holds unless the error is
             * in octets fed before (then from here on). */
            return offset > at + used ? (size_t)(offset - at) : used;
        }
        used += consumed;
        if (progress == REPLY_COMPLETE)
            print_reply(stream, &reply);
    }
    return used;
}

static size_t skip_line(struct reply_stream *stream, const char *data, size_t size, uint64_t at)
{
    const char *newline = memchr(data, '\n', size);
    if (newline == NULL)
        return size;
    stream->state = REPLY_STREAM_LINE_START;
    stream->prefix_length = 0;
    stream->prefix_start = at + (uint64_t)(newline + 1 - data);
    return (size_t)(newline + 1 - data);
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Decide, an octet at a time, whether the line starts a reply: three
 * digits, then SP, "-" or the line end. If so the parser starts afresh
 * with those octets. */
static size_t look_at_line_start(struct reply_stream *stream, const char *data, size_t size, uint64_t at)
{
    for (size_t i = 0; i < size; i++) {
        char c = data[i];
        size_t n = stream->prefix_length;
        if (n < 3 ? is_digit(c) : c == ' ' || c == '-' || c == '\r' || c == '\n') {
            stream->prefix[stream->prefix_length++] = c;
            if (stream->prefix_length < sizeof stream->prefix)
                continue;
            reply_parser_init(&stream->parser, &stream->settings->options, stream->storage, sizeof stream->storage,
                              stream->lines, REPLY_SUGGESTED_MAX_LINES);
            stream->parser_start = stream->prefix_start;
            stream->state = REPLY_STREAM_PARSING;
            parse(stream, stream->prefix, sizeof stream->prefix, stream->prefix_start);
            /* Failed within the prefix: skip on, unless its line has ended. */
            if (stream->state == REPLY_STREAM_SKIPPING && c == '\n') {
                stream->state = REPLY_STREAM_LINE_START;
                stream->prefix_length = 0;
                stream->prefix_start = at + i + 1;
            }
            return i + 1;
        }
        if (c == '\n') { /* a line that is not a reply, such as an empty one */
            stream->prefix_length = 0;
            stream->prefix_start = at + i + 1;
            continue;
        }
        stream->state = REPLY_STREAM_SKIPPING;
        return i;
    }
    return size;
}

void reply_stream_feed(struct reply_stream *stream, const char *data, size_t size)
{
    uint64_t at = stream->received;
    note_lines(stream, data, size, at);
    stream->received += size;
    while (size > 0) {
        size_t used;
        switch (stream->state) {
        case REPLY_STREAM_PARSING: used = parse(stream, data, size, at); break;
        case REPLY_STREAM_SKIPPING: used = skip_line(stream, data, size, at); break;
        default: used = look_at_line_start(stream, data, size, at); break;
        }
        data += used;
        size -= used;
        at += used;
    }
}

int reply_stream_finish(struct reply_stream *stream)
{
    if (stream->state == REPLY_STREAM_PARSING && reply_parser_finish(&stream->parser) != REPLY_ERROR_NONE) {
        uint64_t offset;
        enum reply_error error = reply_parser_error(&stream->parser, &offset);
        report(stream, error, offset + stream->parser_start);
    }
    return !stream->failed;
}
