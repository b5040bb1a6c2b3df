/* log_reader.h: read a mail log, fed in pieces, line by line: explain
 * the reply each Postfix or Exim line holds (mail_log.h) with the command
 * it answered, count it in the summary, and pass over the other lines. */
#ifndef REPLYGEN_EXPLAIN_LOG_READER_H
#define REPLYGEN_EXPLAIN_LOG_READER_H

#include "settings.h"
#include "summary.h"

struct log_reader {
    const struct settings *settings;
    const char *source;
    struct summary *summary;
    char *line; /* the line being gathered; grows as needed */
    size_t length;
    size_t capacity;
    unsigned long line_number;
    unsigned long replies; /* found in this input */
    int failed;            /* an error was reported */
    struct reply_parser parser;
    char storage[REPLY_SUGGESTED_STORAGE_SIZE];
    struct reply_line lines[REPLY_SUGGESTED_MAX_LINES];
};

void log_reader_init(struct log_reader *reader, const struct settings *settings, const char *source,
                     struct summary *summary);
void log_reader_feed(struct log_reader *reader, const char *data, size_t size);

/* Read the last line, free what the reader holds. Returns 1 when every
 * reply found parsed, 0 when an error was reported. */
int log_reader_finish(struct log_reader *reader);

#endif
