/* line_check.c: one reply line per RFC 5321 section 4.2:
 *   Reply-code ( "-" / SP ) [ textstring ] CRLF
 * or, inside an RFC 959 reply, any text; with each deviation real servers
 * commit either tolerated (lenient) or reported (strict). Checks run in
 * the order of the bytes they look at, so the error reported is always
 * the earliest one in the line. */
#include "line_check.h"

#include "ascii_run.h"
#include "enhanced_scan.h"

struct verdict {
    enum reply_mode mode;
    unsigned tolerated;
    enum reply_error error;
    size_t at;
};

/* Returns 1 when the parse must stop: strict mode, or an error that no
 * mode tolerates. */
static int fail(struct verdict *verdict, enum reply_error error, size_t at)
{
    verdict->error = error;
    verdict->at = at;
    return 1;
}

static int deviate(struct verdict *verdict, enum reply_error deviation, size_t at)
{
    if (verdict->mode == REPLY_STRICT)
        return fail(verdict, deviation, at);
    verdict->tolerated |= REPLY_TOLERATED(deviation);
    return 0;
}

static size_t count_digits(const char *line, size_t end)
{
    size_t n = 0;
    while (n < 3 && n < end && line[n] >= '0' && line[n] <= '9')
        n++;
    return n;
}

/* The text's characters; a sequence cut by the end of a partial line may
 * still complete, so it is no verdict. Runs of printable ASCII, nearly all
 * of any reply, are skipped many octets at a time; reply_text_scan_char()
 * judges only the octets that end them. */
static int check_text(struct verdict *verdict, const char *line, size_t start, size_t end, int complete)
{
    size_t at = start;
    while (at < end) {
        at += ascii_run_length(line + at, end - at);
        if (at == end)
            break;
        enum reply_text_char kind;
        size_t step = reply_text_scan_char(line + at, end - at, &kind);
        if (kind == REPLY_TEXT_CHAR_CUT && !complete)
            return 0;
        if (kind == REPLY_TEXT_CHAR_CONTROL && deviate(verdict, REPLY_ERROR_CONTROL_CHAR, at))
            return 1;
        if ((kind == REPLY_TEXT_CHAR_NOT_UTF8 || kind == REPLY_TEXT_CHAR_CUT)
            && deviate(verdict, REPLY_ERROR_NOT_UTF8, at))
            return 1;
        at += step;
    }
    return 0;
}

/* RFC 3463 section 2 asks the enhanced code's class to match the reply's
 * first digit. On a partial line only a code already followed by its space
 * is known to be whole. */
static int check_enhanced(struct verdict *verdict, const char *text, size_t length, size_t at, int complete,
                          int reply_code, struct reply_enhanced *enhanced)
{
    if (!enhanced_scan(text, length, enhanced))
        return 0;
    if (!complete && text[enhanced->length - 1] != ' ')
        return 0;
    if (!reply_enhanced_agrees(enhanced, reply_code))
        return deviate(verdict, REPLY_ERROR_ENHANCED_MISMATCH, at);
    return 0;
}

static enum reply_error judged(const struct verdict *verdict, size_t *offset)
{
    *offset = verdict->at;
    return verdict->error;
}

/* Every rule, in the order of the bytes they look at. */
static enum reply_error check_rules(const char *line, size_t size, int complete, size_t plain,
                                    const struct reply_options *options, int first_code, struct reply_line *result,
                                    size_t *offset)
{
    struct verdict verdict = { options->mode, 0, REPLY_ERROR_NONE, 0 };
    struct reply_line parsed = { 0 };
    int bare_lf = 0;
    size_t end = size; /* where the text ends: before CRLF, LF, or the cut */
    if (complete) {
        end = size - 1;
        if (end > 0 && line[end - 1] == '\r')
            end--;
        else
            bare_lf = 1;
    } else if (end > 0 && line[end - 1] == '\r') {
        end--; /* it may be the CR of the CRLF */
    }

    size_t digits = count_digits(line, end);
    int code = digits == 3 ? (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0') : -1;
    int free_text = 0;
    if (first_code >= 0 && options->continuation == REPLY_CONTINUATION_FREE) {
        if (!complete && end < 4)
            return judged(&verdict, offset); /* "123" may yet become "123 " */
        free_text = !(code == first_code && (end == 3 || line[3] == ' ' || line[3] == '-'));
    }
    size_t text_start;
    if (free_text) {
        parsed.code = -1;
        parsed.more = 1;
        text_start = 0;
    } else if (digits < 3) {
        if (!complete && digits == end)
            return judged(&verdict, offset);
        /* Lenient mode reads a codeless line inside a reply as more text;
         * a reply cannot start with one. */
        if (first_code < 0) {
            fail(&verdict, REPLY_ERROR_NON_DIGIT_CODE, digits);
            return judged(&verdict, offset);
        }
        if (deviate(&verdict, REPLY_ERROR_NON_DIGIT_CODE, digits))
            return judged(&verdict, offset);
        parsed.code = -1;
        parsed.more = 1;
        text_start = 0;
    } else {
        parsed.code = code;
        if ((parsed.code < options->lowest_code || parsed.code > options->highest_code)
            && deviate(&verdict, REPLY_ERROR_CODE_OUT_OF_RANGE, 0))
            return judged(&verdict, offset);
        /* Refused in both modes: a reply whose lines disagree has no one
         * meaning, and either line's code may be the one that lies. */
        if (first_code >= 0 && parsed.code != first_code) {
            fail(&verdict, REPLY_ERROR_CODE_MISMATCH, 0);
            return judged(&verdict, offset);
        }
        if (end == 3) {
            if (!complete)
                return judged(&verdict, offset);
            if (deviate(&verdict, REPLY_ERROR_CODE_ONLY, 3))
                return judged(&verdict, offset);
            text_start = 3;
        } else if (line[3] == ' ' || line[3] == '-') {
            parsed.more = line[3] == '-';
            text_start = 4;
        } else {
            fail(&verdict, REPLY_ERROR_BAD_SEPARATOR, 3);
            return judged(&verdict, offset);
        }
    }

    int reply_code = first_code >= 0 ? first_code : parsed.code;
    if (check_enhanced(&verdict, line + text_start, end - text_start, text_start, complete, reply_code,
                       &parsed.enhanced)
        || check_text(&verdict, line, text_start > plain ? text_start : plain, end, complete))
        return judged(&verdict, offset);
    if (!complete)
        return judged(&verdict, offset);
    if (size > options->strict_line_limit && deviate(&verdict, REPLY_ERROR_LINE_TOO_LONG, options->strict_line_limit))
        return judged(&verdict, offset);
    if (bare_lf && deviate(&verdict, REPLY_ERROR_BARE_LF, size - 1))
        return judged(&verdict, offset);

    parsed.text = line + text_start;
    parsed.length = end - text_start;
    parsed.tolerated = verdict.tolerated;
    *result = parsed;
    *offset = size;
    return REPLY_ERROR_NONE;
}

enum reply_error reply_line_check(const char *line, size_t size, int complete, size_t plain,
                                  const struct reply_options *options, int first_code, struct reply_line *result,
                                  size_t *offset)
{
    if (complete) {
        /* A line begun in an earlier feed comes with less known: look
         * further when the known part ends on a printable octet. */
        if (plain < size && ascii_is_printable((unsigned char)line[plain]))
            plain += ascii_run_length(line + plain, size - plain);
        if (plain + 2 == size && line[plain] == '\r' && line_check_common(line, plain, options, first_code, result)) {
            *offset = size;
            return REPLY_ERROR_NONE;
        }
    }
    return check_rules(line, size, complete, plain, options, first_code, result, offset);
}
