/* line_parse.c: reply_parse_line(), one line straight from the caller's
 * buffer, for callers that read line by line. */
#include "ascii_run.h"
#include "line_check.h"

enum reply_error reply_parse_line(const char *data, size_t size, const struct reply_options *options, int first_code,
                                  struct reply_line *line, size_t *offset)
{
    struct reply_options defaults;
    if (options == NULL) {
        reply_options_init(&defaults);
        options = &defaults;
    }
    enum reply_error overflow;
    size_t limit = line_stop_limit(options, &overflow);
    size_t window = size < limit ? size : limit;
    /* One pass finds both the printable start, which reply_line_check() need
     * not scan again, and (right after it, most often) the line end. */
    size_t plain = ascii_run_length(data, window);
    size_t length = line_end_after_run(data, window, plain);
    /* Printable up to a CRLF: most likely a common line. */
    if (length == plain + 2 && data[plain] == '\r' && line_check_common(data, plain, options, first_code, line)) {
        *offset = length;
        return REPLY_ERROR_NONE;
    }
    if (length != 0)
        return reply_line_check(data, length, 1, plain, options, first_code, line, offset);
    if (size <= limit) {
        *offset = size;
        return REPLY_ERROR_TRUNCATED;
    }
    enum reply_error earlier = reply_line_check(data, limit, 0, plain, options, first_code, line, offset);
    if (earlier != REPLY_ERROR_NONE)
        return earlier;
    *offset = limit;
    return overflow;
}
