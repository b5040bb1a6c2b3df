/* errors.c: names and messages of parse and format errors. The names are
 * part of smtp-explain's JSON output: keep them stable. */
#include "replygen/reply.h"

struct error_text {
    const char *name;
    const char *message;
};

static const struct error_text parse_errors[] = {
    [REPLY_ERROR_NONE] = { "none", "no error" },
    [REPLY_ERROR_BARE_LF] = { "bare_lf", "line ends in LF without CR" },
    [REPLY_ERROR_CODE_ONLY] = { "code_only", "line holds a code and no text" },
    [REPLY_ERROR_CODE_MISMATCH] = { "code_mismatch", "line's code differs from the first line's" },
    [REPLY_ERROR_NON_DIGIT_CODE] = { "non_digit_code", "line does not start with three digits" },
    [REPLY_ERROR_CODE_OUT_OF_RANGE] = { "code_out_of_range", "code outside the protocol's range" },
    [REPLY_ERROR_LINE_TOO_LONG] = { "line_too_long", "line longer than the RFC allows" },
    [REPLY_ERROR_NOT_UTF8] = { "not_utf8", "text is not UTF-8" },
    [REPLY_ERROR_CONTROL_CHAR] = { "control_char", "text holds a control character" },
    [REPLY_ERROR_ENHANCED_MISMATCH] = { "enhanced_mismatch",
                                        "enhanced code's class differs from the reply's first digit" },
    [REPLY_ERROR_BAD_SEPARATOR] = { "bad_separator", "code followed by neither space, '-' nor line end" },
    [REPLY_ERROR_LINE_OVER_LIMIT] = { "line_over_limit", "line longer than the parser's limit" },
    [REPLY_ERROR_REPLY_OVER_LIMIT] = { "reply_over_limit", "reply larger than the parser's storage" },
    [REPLY_ERROR_TRUNCATED] = { "truncated", "input ends inside a reply" },
};

static const char *const format_errors[] = {
    [REPLY_FORMAT_OK] = "ok",
    [REPLY_FORMAT_BUFFER_TOO_SMALL] = "buffer_too_small",
    [REPLY_FORMAT_BAD_CODE] = "bad_code",
    [REPLY_FORMAT_BAD_ENHANCED] = "bad_enhanced",
    [REPLY_FORMAT_NO_LINES] = "no_lines",
    [REPLY_FORMAT_LINE_BREAK] = "line_break",
    [REPLY_FORMAT_BAD_TEXT] = "bad_text",
    [REPLY_FORMAT_LINE_TOO_LONG] = "line_too_long",
};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

const char *reply_error_name(enum reply_error error)
{
    return (unsigned)error < COUNT(parse_errors) ? parse_errors[error].name : "unknown";
}

const char *reply_error_message(enum reply_error error)
{
    return (unsigned)error < COUNT(parse_errors) ? parse_errors[error].message : "unknown error";
}

/* REPLY_ERROR_CODE_MISMATCH lies in the deviations' range (its value is
 * part of the ABI) but no mode lets it through: reply.h says why. */
int reply_error_is_deviation(enum reply_error error)
{
    return error >= REPLY_ERROR_BARE_LF && error <= REPLY_ERROR_ENHANCED_MISMATCH && error != REPLY_ERROR_CODE_MISMATCH;
}

const char *reply_format_error_name(enum reply_format_error error)
{
    return (unsigned)error < COUNT(format_errors) ? format_errors[error] : "unknown";
}
