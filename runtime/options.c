/* options.c: the parser's documented defaults, and a protocol's own (see
 * replygen/reply.h). */
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

int reply_options_for(struct reply_options *options, const struct reply_protocol *protocol)
{
    reply_options_init(options);
    if (!reply_protocol_supported(protocol))
        return 0;
    options->continuation = protocol->continuation;
    /* The hard limit stays above the spec's, as for SMTP (RFC 5321 section
     * 4.5.3.1: be liberal in what is received). */
    options->strict_line_limit = protocol->line_limit;
    if (protocol->line_limit > options->line_limit)
        options->line_limit = protocol->line_limit;
    options->lowest_code = protocol->lowest_code;
    options->highest_code = protocol->highest_code;
    return 1;
}
