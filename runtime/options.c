/* options.c: the parser's documented defaults (see replygen/reply.h). */
#include "replygen/reply.h"

void reply_options_init(struct reply_options *options)
{
    options->mode = REPLY_LENIENT;
    options->continuation = REPLY_CONTINUATION_CODED;
    options->line_limit = REPLY_DEFAULT_LINE_LIMIT;
    options->strict_line_limit = REPLY_RFC_LINE_LIMIT;
    options->lowest_code = REPLY_DEFAULT_LOWEST_CODE;
    options->highest_code = REPLY_DEFAULT_HIGHEST_CODE;
}
