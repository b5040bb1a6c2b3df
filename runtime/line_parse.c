/* line_parse.c: reply_parse_line(), one line straight from the caller's
 * buffer, for callers that read line by line. */
#include <string.h>

#include "line_check.h"

enum reply_error reply_parse_line(const char *data, size_t size,
                                  const struct reply_options *options,
                                  int first_code, struct reply_line *line,
                                  size_t *offset)
{
    struct reply_options defaults;
    if (options == NULL) {
        reply_options_init(&defaults);
        options = &defaults;
    }
    enum reply_error overflow;
    size_t limit = line_stop_limit(options, &overflow);
    const char *lf = size > 0 ? memchr(data, '\n', size < limit ? size : limit) : NULL;
    if (lf != NULL)
        return line_check(data, (size_t)(lf - data) + 1, 1, options, first_code, line, offset);
    if (size <= limit) {
        *offset = size;
        return REPLY_ERROR_TRUNCATED;
    }
    enum reply_error earlier = line_check(data, limit, 0, options, first_code, line, offset);
    if (earlier != REPLY_ERROR_NONE)
        return earlier;
    *offset = limit;
    return overflow;
}
