/* input.c: read an input and hand its bytes to a reply stream or a log
 * reader, as they arrive. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "log_reader.h"
#include "reply_stream.h"

/* Both are large (a reply's storage): one of each serves every input. */
static struct reply_stream stream;
static struct log_reader reader;

/* Whether data (all of the input when size < 4) starts with a reply
 * code: three digits, then SP, "-", the line end or the input's end. */
static int starts_with_reply(const char *data, size_t size)
{
    for (size_t i = 0; i < 3; i++)
        if (i >= size || data[i] < '0' || data[i] > '9')
            return 0;
    return size == 3 || strchr(" -\r\n", data[3]) != NULL;
}

int input_explain_fd(const struct settings *settings, struct summary *summary, int *log_read, int fd,
                     const char *source)
{
    char buffer[4096];
    size_t have = 0;
    ssize_t got = 1;
    /* read(), not fread(): replies are explained as soon as they arrive;
     * the first four octets are enough to choose how to read. */
    while (have < 4 && (got = read(fd, buffer + have, sizeof buffer - have)) != 0)
        if (got > 0)
            have += (size_t)got;
        else if (errno != EINTR)
            break;
    int as_log = settings->log || (settings->mail_logs && have > 0 && !starts_with_reply(buffer, have));
    if (as_log) {
        *log_read = 1;
        log_reader_init(&reader, settings, source, summary);
    } else {
        reply_stream_init(&stream, settings, source);
    }
    while (got != 0) {
        if (got < 0 && errno != EINTR)
            break;
        if (have > 0) {
            if (as_log)
                log_reader_feed(&reader, buffer, have);
            else
                reply_stream_feed(&stream, buffer, have);
        }
        got = read(fd, buffer, sizeof buffer);
        have = got > 0 ? (size_t)got : 0;
    }
    int ok = as_log ? log_reader_finish(&reader) : reply_stream_finish(&stream);
    if (got < 0) {
        fprintf(stderr, "smtp-explain: %s: %s\n", source, strerror(errno));
        return 0;
    }
    if (as_log && !settings->log && reader.replies == 0) {
        fprintf(stderr, "smtp-explain: %s: neither replies nor a Postfix or Exim log line with a reply\n", source);
        return 0;
    }
    return ok;
}

int input_explain_text(const struct settings *settings, const char *text, const char *source)
{
    size_t length = strlen(text);
    reply_stream_init(&stream, settings, source);
    reply_stream_feed(&stream, text, length);
    if (length == 0 || text[length - 1] != '\n')
        reply_stream_feed(&stream, "\r\n", 2);
    return reply_stream_finish(&stream);
}
