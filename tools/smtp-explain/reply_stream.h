/* reply_stream.h: explain the replies in the bytes a server sent, fed in
 * pieces as they arrive. A malformed reply is reported where it is (its
 * line and column) and the rest of its line skipped; the parse resumes at
 * the next line that starts with a reply code. */
#ifndef REPLYGEN_EXPLAIN_REPLY_STREAM_H
#define REPLYGEN_EXPLAIN_REPLY_STREAM_H

#include "settings.h"

/* Lines whose start is remembered, to give an error its line: more than
 * a reply can hold (REPLY_SUGGESTED_MAX_LINES), since an error lies in the
 * reply being parsed. */
#define REPLY_STREAM_REMEMBERED_LINES 1024

enum reply_stream_state {
    REPLY_STREAM_PARSING,   /* the parser has the bytes */
    REPLY_STREAM_SKIPPING,  /* after an error: up to the end of its line */
    REPLY_STREAM_LINE_START /* looking for a line that starts with a code */
};

struct reply_stream {
    const struct settings *settings;
    const char *source; /* "standard input", a file name, "argument 2" */
    struct reply_parser parser;
    char storage[REPLY_SUGGESTED_STORAGE_SIZE];
    struct reply_line lines[REPLY_SUGGESTED_MAX_LINES];
    enum reply_stream_state state;
    uint64_t parser_start; /* stream offset of the parser's offset 0 */
    uint64_t received;     /* octets fed so far */
    char prefix[4];        /* a line's first octets, while deciding */
    size_t prefix_length;
    uint64_t prefix_start;
    unsigned long line;                                  /* lines begun so far (1 at the start) */
    uint64_t line_starts[REPLY_STREAM_REMEMBERED_LINES]; /* of line n at n % size */
    int failed;                                          /* an error was reported */
};

void reply_stream_init(struct reply_stream *stream, const struct settings *settings, const char *source);

/* Explain every reply the bytes complete, report every error they show. */
void reply_stream_feed(struct reply_stream *stream, const char *data, size_t size);

/* The input has ended: report a reply it cut short. Returns 1 when the
 * whole input parsed, 0 when an error was reported. */
int reply_stream_finish(struct reply_stream *stream);

#endif
