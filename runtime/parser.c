/* parser.c: the streaming parser. Bytes are copied into the caller's
 * storage until a line ends, then judged whole by reply_line_check(), so the
 * result cannot depend on how the stream was split into pieces. Lines that
 * arrive whole and look as nearly every server writes them take a shorter
 * road, feed_common_lines(), to the same result. */
#include <string.h>

#include "ascii_run.h"
#include "line_check.h"

void reply_parser_init(struct reply_parser *parser, const struct reply_options *options, char *storage,
                       size_t storage_size, struct reply_line *lines, size_t max_lines)
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

static enum reply_progress fail(struct reply_parser *parser, enum reply_error error, uint64_t offset)
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
    enum reply_error earlier = reply_line_check(line, length, 0, 0, &parser->options,
                                                parser->line_count == 0 ? -1 : parser->code, &ignored, &at);
    if (earlier != REPLY_ERROR_NONE)
        return fail(parser, earlier, line_offset + at);
    return fail(parser, limit_error, parser->offset);
}

/* A line has ended at parser->stored; its first plain octets are known to
 * be printable ASCII. Sets *progress when the line ends the reply or the
 * parse. */
static void end_line(struct reply_parser *parser, size_t plain, enum reply_progress *progress)
{
    const char *line = parser->storage + parser->line_start;
    size_t length = parser->stored - parser->line_start;
    struct reply_line *parsed = &parser->lines[parser->line_count];
    size_t at;
    enum reply_error error = reply_line_check(line, length, 1, plain, &parser->options,
                                              parser->line_count == 0 ? -1 : parser->code, parsed, &at);
    if (error != REPLY_ERROR_NONE) {
        *progress = fail(parser, error, parser->reply_offset + parser->line_start + at);
        return;
    }
    if (parser->line_count == 0)
        parser->code = parsed->code;
    parser->line_count++;
    parser->line_start = parser->stored;
    if (parsed->more)
        return;
    parser->finished_reply = 1;
    *progress = REPLY_COMPLETE;
}

/* Copy the next octets of the current line from data[0..size) to out, in
 * the same pass that looks for its end, and return how many: through the
 * LF when there is one (*complete set to 1), else all. *plain: how many
 * octets at the start of the copy are printable ASCII. */
static size_t copy_line(char *out, const char *data, size_t size, int *complete, size_t *plain)
{
    size_t copied;
    size_t run = ascii_run_copy(out, data, size, &copied);
    size_t length = line_end_after_run(data, size, run);
    *complete = length != 0;
    if (length == 0)
        length = size;
    if (length > copied)
        memcpy(out + copied, data + copied, length - copied);
    *plain = run;
    return length;
}

/* One step of the general road, for any line: copy the current line, or
 * as much of it as data[0..size) holds (size > 0), into storage, and judge
 * it when it ends. Returns the octets used; sets *progress when the reply
 * or the parse ends. */
static size_t feed_line(struct reply_parser *parser, const char *data, size_t size, size_t line_limit,
                        enum reply_error line_overflow, enum reply_progress *progress)
{
    size_t line_length = parser->stored - parser->line_start;
    if (line_length == 0 && parser->line_count == parser->max_lines) {
        *progress = fail(parser, REPLY_ERROR_REPLY_OVER_LIMIT, parser->offset);
        return 0;
    }
    size_t line_room = line_limit - line_length;
    size_t storage_room = parser->storage_size - parser->stored;
    if (line_room == 0 || storage_room == 0) {
        *progress = overflow(parser, line_room == 0 ? line_overflow : REPLY_ERROR_REPLY_OVER_LIMIT);
        return 0;
    }
    size_t take = size;
    if (take > line_room)
        take = line_room;
    if (take > storage_room)
        take = storage_room;
    int complete;
    size_t plain;
    take = copy_line(parser->storage + parser->stored, data, take, &complete, &plain);
    parser->stored += take;
    parser->offset += take;
    /* A line begun in an earlier feed was not looked at as it was copied:
     * reply_line_check() then scans all of it. */
    if (complete)
        end_line(parser, line_length == 0 ? plain : 0, progress);
    return take;
}

/* The short road: whole lines of printable ASCII and CRLF, each starting
 * and ending inside data[0..size), that line_check_common() accepts; the
 * bulk of any stream. It does what feed_line() does for such a line, and
 * stops before the first other line, leaving it to feed_line() from the
 * state feed_line() would itself have reached. Returns the octets used;
 * sets *progress when a reply ends.
 *
 * The parser's state and options are copied into locals: a store into
 * storage may alias any object the compiler cannot prove distinct, so it
 * would otherwise reload every field after every copied block. */
static size_t feed_common_lines(struct reply_parser *parser, const char *data, size_t size, size_t line_limit,
                                enum reply_progress *progress)
{
    if (parser->stored != parser->line_start)
        return 0; /* inside a line begun in an earlier feed */
    const struct reply_options options = parser->options;
    struct reply_line *const lines = parser->lines;
    const size_t max_lines = parser->max_lines;
    size_t line_count = parser->line_count;
    int code = parser->code; /* the first line's, -1 before it */
    const char *in = data;
    char *out = parser->storage + parser->stored;
    /* What both data and storage have left: all loads and stores stay
     * inside it. feed_line() searches min(room, line_limit) for the LF. */
    size_t room = parser->storage_size - parser->stored;
    if (room > size)
        room = size;
    while (line_count < max_lines) {
        size_t copied;
        size_t end = ascii_run_copy(out, in, room, &copied);
        if (room - end < 2 || in[end] != '\r' || in[end + 1] != '\n' || end + 2 > line_limit)
            break;       /* not printable up to a CRLF within reach */
        out[end] = '\r'; /* the CRLF may lie past the blocks copied */
        out[end + 1] = '\n';
        struct reply_line *line = &lines[line_count];
        if (!line_check_common(out, end, &options, code, line))
            break;
        code = line->code;
        line_count++;
        in += end + 2;
        out += end + 2;
        room -= end + 2;
        if (!line->more) {
            parser->finished_reply = 1;
            *progress = REPLY_COMPLETE;
            break;
        }
    }
    size_t used = (size_t)(in - data);
    parser->stored += used;
    parser->line_start = parser->stored;
    parser->line_count = line_count;
    parser->code = code;
    parser->offset += used;
    return used;
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

enum reply_progress reply_parser_feed(struct reply_parser *parser, const char *data, size_t size, size_t *consumed,
                                      struct reply *reply)
{
    if (parser->error != REPLY_ERROR_NONE) {
        if (consumed != NULL)
            *consumed = 0;
        return REPLY_FAILED;
    }
    if (parser->finished_reply)
        start_reply(parser);
    /* No storage: not one byte fits. Said here, before the roads below
     * form pointers into storage, which may be NULL (NULL + 0 is
     * undefined behaviour). */
    if (parser->storage_size == 0 && size > 0) {
        if (consumed != NULL)
            *consumed = 0;
        return fail(parser, REPLY_ERROR_REPLY_OVER_LIMIT, parser->offset);
    }

    enum reply_error line_overflow;
    size_t line_limit = line_stop_limit(&parser->options, &line_overflow);
    size_t used = 0;
    enum reply_progress progress = REPLY_NEED_MORE;
    while (used < size && progress == REPLY_NEED_MORE) {
        used += feed_common_lines(parser, data + used, size - used, line_limit, &progress);
        if (used < size && progress == REPLY_NEED_MORE)
            used += feed_line(parser, data + used, size - used, line_limit, line_overflow, &progress);
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
