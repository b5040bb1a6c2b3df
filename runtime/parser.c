/* parser.c: the streaming parser. Bytes are copied into the caller's
 * storage until a line ends, then judged whole by line_check(), so the
 * result cannot depend on how the stream was split into pieces. */
#include <string.h>

#include "line_check.h"

void reply_parser_init(struct reply_parser *parser, const struct reply_options *options,
                       char *storage, size_t storage_size,
                       struct reply_line *lines, size_t max_lines)
{
    memset(parser, 0, sizeof *parser);
    if (options != NULL)
        parser->options = *options;
    else
        reply_options_init(&parser->options);
    parser->storage = storage;
    parser->storage_size = storage_size;
    parser->lines = lines;
    parser->max_lines = max_lines;
    parser->code = -1;
}

static enum reply_progress fail(struct reply_parser *parser, enum reply_error error,
                                uint64_t offset)
{
    parser->error = error;
    parser->error_offset = offset;
    return REPLY_FAILED;
}

static void start_reply(struct reply_parser *parser)
{
    parser->stored = 0;
    parser->line_count = 0;
    parser->line_start = 0;
    parser->code = -1;
    parser->finished_reply = 0;
    parser->reply_offset = parser->offset;
}

/* The line being stored cannot grow: report an earlier deviation in it,
 * else the limit it ran into, at the byte that would not fit. */
static enum reply_progress overflow(struct reply_parser *parser, enum reply_error limit_error)
{
    const char *line = parser->storage + parser->line_start;
    size_t length = parser->stored - parser->line_start;
    uint64_t line_offset = parser->reply_offset + parser->line_start;
    struct reply_line ignored;
    size_t at;
    enum reply_error earlier = line_check(line, length, 0, &parser->options,
                                          parser->line_count == 0 ? -1 : parser->code,
                                          &ignored, &at);
    if (earlier != REPLY_ERROR_NONE)
        return fail(parser, earlier, line_offset + at);
    return fail(parser, limit_error, parser->offset);
}

/* A line has ended at parser->stored. Returns 1 when it ends the reply. */
static int end_line(struct reply_parser *parser, enum reply_progress *progress)
{
    const char *line = parser->storage + parser->line_start;
    size_t length = parser->stored - parser->line_start;
    struct reply_line *parsed = &parser->lines[parser->line_count];
    size_t at;
    enum reply_error error = line_check(line, length, 1, &parser->options,
                                        parser->line_count == 0 ? -1 : parser->code,
                                        parsed, &at);
    if (error != REPLY_ERROR_NONE) {
        *progress = fail(parser, error, parser->reply_offset + parser->line_start + at);
        return 1;
    }
    if (parser->line_count == 0)
        parser->code = parsed->code;
    parser->line_count++;
    parser->line_start = parser->stored;
    if (parsed->more)
        return 0;
    parser->finished_reply = 1;
    *progress = REPLY_COMPLETE;
    return 1;
}

static void fill_reply(const struct reply_parser *parser, struct reply *reply)
{
    reply->code = parser->code;
    reply->line_count = parser->line_count;
    reply->lines = parser->lines;
    reply->tolerated = 0;
    for (size_t i = 0; i < parser->line_count; i++)
        reply->tolerated |= parser->lines[i].tolerated;
    reply->offset = parser->reply_offset;
    reply->size = parser->stored;
}

enum reply_progress reply_parser_feed(struct reply_parser *parser, const char *data,
                                      size_t size, size_t *consumed, struct reply *reply)
{
    size_t used = 0;
    enum reply_progress progress = REPLY_NEED_MORE;
    if (parser->error != REPLY_ERROR_NONE) {
        if (consumed != NULL)
            *consumed = 0;
        return REPLY_FAILED;
    }
    if (parser->finished_reply)
        start_reply(parser);

    enum reply_error line_overflow;
    size_t line_limit = line_stop_limit(&parser->options, &line_overflow);
    while (used < size) {
        size_t line_length = parser->stored - parser->line_start;
        if (line_length == 0 && parser->line_count == parser->max_lines) {
            progress = fail(parser, REPLY_ERROR_REPLY_OVER_LIMIT, parser->offset);
            break;
        }
        size_t line_room = line_limit - line_length;
        size_t storage_room = parser->storage_size - parser->stored;
        if (line_room == 0 || storage_room == 0) {
            progress = overflow(parser, line_room == 0 ? line_overflow
                                                       : REPLY_ERROR_REPLY_OVER_LIMIT);
            break;
        }
        size_t take = size - used;
        if (take > line_room)
            take = line_room;
        if (take > storage_room)
            take = storage_room;
        const char *lf = memchr(data + used, '\n', take);
        if (lf != NULL)
            take = (size_t)(lf - (data + used)) + 1;
        memcpy(parser->storage + parser->stored, data + used, take);
        parser->stored += take;
        parser->offset += take;
        used += take;
        if (lf != NULL && end_line(parser, &progress))
            break;
    }
    if (progress == REPLY_COMPLETE)
        fill_reply(parser, reply);
    if (consumed != NULL)
        *consumed = used;
    return progress;
}

enum reply_error reply_parser_finish(struct reply_parser *parser)
{
    if (parser->error == REPLY_ERROR_NONE && !parser->finished_reply && parser->stored > 0)
        fail(parser, REPLY_ERROR_TRUNCATED, parser->offset);
    return parser->error;
}

enum reply_error reply_parser_error(const struct reply_parser *parser, uint64_t *offset)
{
    if (offset != NULL)
        *offset = parser->error_offset;
    return parser->error;
}
