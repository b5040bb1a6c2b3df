/* reply_format_fuzz.c: libFuzzer target for reply_format(), the runtime's
 * formatter for servers, through every option and error path.
 *
 * The input is a 9-octet header, then the texts, separated by NUL:
 *   [0]    flags: 1 an enhanced code, 2 bad_line NULL, 4|8 the line limit
 *          (RFC's 512, header[8], SIZE_MAX, 0), 16 no lines at all,
 *          32 enhanced fields as raw 16-bit values (out of range too),
 *          64 the code as a raw 16-bit value (else one of 100..999)
 *   [1..2] the code;  [3] the enhanced class (0..7);
 *   [4..5] subject;   [6..7] detail;   [8] a small line limit
 *
 * Checks, beyond "no crash, no sanitizer report":
 *   - asked with no buffer, it says how much it needs, or refuses;
 *   - with one octet less than that (an exact allocation, so ASan sees
 *     any write past it) it still needs the same, and writes nothing;
 *     with exactly that, it writes exactly that; with more, nothing past it;
 *   - a refusal writes nothing, sets *size to 0 and names the right
 *     line: the lines before it format, the line alone is refused alike,
 *     and the first checks (code, enhanced code, no lines) are exact;
 *   - what it writes, the parser reads back with tolerating nothing but
 *     a text's own enhanced-looking start: the code, every line's text
 *     (after the enhanced code and its space) and enhanced code. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "replygen/reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HEADER    9
#define MAX_LINES 64
#define UNTOUCHED 0x5a /* what every octet the formatter may not write holds */

static void check(int condition)
{
    if (!condition)
        abort();
}

struct request {
    int code;
    struct reply_enhanced enhanced_storage;
    const struct reply_enhanced *enhanced; /* NULL or &enhanced_storage */
    const char *texts[MAX_LINES];
    size_t line_count;
    size_t line_limit;
    int bad_line_wanted; /* pass a bad_line pointer */
};

static enum reply_format_error format(const struct request *r, char *buffer, size_t buffer_size, size_t *size,
                                      size_t *bad_line)
{
    return reply_format(buffer, buffer_size, size, r->code, r->enhanced, r->line_count ? r->texts : NULL, r->line_count,
                        r->line_limit, r->bad_line_wanted ? bad_line : NULL);
}

static int untouched(const char *buffer, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if ((unsigned char)buffer[i] != UNTOUCHED)
            return 0;
    return 1;
}

/* A buffer of exactly size octets (at least one, for malloc), all UNTOUCHED. */
static char *fresh_buffer(size_t size)
{
    char *buffer = malloc(size ? size : 1);
    check(buffer != NULL);
    memset(buffer, UNTOUCHED, size ? size : 1);
    return buffer;
}

static int enhanced_is_good(const struct reply_enhanced *e, int code)
{
    return (e->class_digit == 2 || e->class_digit == 4 || e->class_digit == 5) && e->class_digit == code / 100
        && e->subject >= 0 && e->subject <= 999 && e->detail >= 0 && e->detail <= 999;
}

/* The octets "class.subject.detail" takes, and the space after it when
 * a text follows. */
static size_t enhanced_text_length(const struct reply_enhanced *e, int space)
{
    return (size_t)(5 + (e->subject > 9) + (e->subject > 99) + (e->detail > 9) + (e->detail > 99) + space);
}

/* A refusal: nothing written, and the line it names is the right one. */
static void check_refusal(const struct request *r, enum reply_format_error error, size_t bad_line)
{
    int code_good = r->code >= 100 && r->code <= 999;
    check((error == REPLY_FORMAT_BAD_CODE) == !code_good);
    if (!code_good)
        return;
    int enhanced_good = r->enhanced == NULL || enhanced_is_good(r->enhanced, r->code);
    check((error == REPLY_FORMAT_BAD_ENHANCED) == !enhanced_good);
    if (!enhanced_good)
        return;
    check((error == REPLY_FORMAT_NO_LINES) == (r->line_count == 0));
    if (r->line_count == 0)
        return;
    check(error == REPLY_FORMAT_LINE_BREAK || error == REPLY_FORMAT_BAD_TEXT || error == REPLY_FORMAT_LINE_TOO_LONG);
    if (!r->bad_line_wanted)
        return;
    check(bad_line < r->line_count);
    /* The lines before it format; it alone is refused the same way. */
    struct request part = *r;
    size_t size;
    part.line_count = bad_line;
    if (bad_line > 0)
        check(format(&part, NULL, 0, &size, NULL) == REPLY_FORMAT_BUFFER_TOO_SMALL);
    part.texts[0] = r->texts[bad_line];
    part.line_count = 1;
    size_t alone_line = 1;
    check(format(&part, NULL, 0, &size, &alone_line) == error && size == 0);
    check(!part.bad_line_wanted || alone_line == 0);
    if (error == REPLY_FORMAT_LINE_TOO_LONG) {
        size_t length = strlen(r->texts[bad_line]);
        size_t enhanced_length = r->enhanced != NULL ? enhanced_text_length(r->enhanced, length > 0) : 0;
        check(4 + enhanced_length + length + 2 > r->line_limit);
    }
}

/* What was written reads back as what was asked. Lenient mode, for the
 * reason below; the line limit, the code range (100..999) and the framing
 * are those of strict mode. */
static void check_reads_back(const struct request *r, const char *wire, size_t size)
{
    struct reply_options options;
    reply_options_init(&options);
    options.lowest_code = 100;
    options.highest_code = 999;
    options.line_limit = r->line_limit;
    options.strict_line_limit = r->line_limit;
    char *storage = fresh_buffer(size);
    struct reply_line lines[MAX_LINES];
    struct reply_parser parser;
    reply_parser_init(&parser, &options, storage, size, lines, r->line_count);
    struct reply reply;
    size_t consumed;
    check(reply_parser_feed(&parser, wire, size, &consumed, &reply) == REPLY_COMPLETE);
    check(consumed == size && reply.code == r->code && reply.line_count == r->line_count);
    /* A text of its own may start like an enhanced code of another
     * class: the formatter checks only the one it is given. */
    check((reply.tolerated & ~REPLY_TOLERATED(REPLY_ERROR_ENHANCED_MISMATCH)) == 0);
    check(r->enhanced == NULL || reply.tolerated == 0);
    size_t enhanced_length = r->enhanced != NULL ? enhanced_text_length(r->enhanced, 0) : 0;
    for (size_t i = 0; i < reply.line_count; i++) {
        const struct reply_line *line = &reply.lines[i];
        const char *text = line->text;
        size_t length = line->length;
        if (r->enhanced != NULL) {
            check(line->enhanced.class_digit == r->enhanced->class_digit
                  && line->enhanced.subject == r->enhanced->subject && line->enhanced.detail == r->enhanced->detail);
            check(length >= enhanced_length);
            text += enhanced_length;
            length -= enhanced_length;
            if (length > 0) {
                check(*text == ' ');
                text++;
                length--;
            }
        }
        check(length == strlen(r->texts[i]) && memcmp(text, r->texts[i], length) == 0);
    }
    free(storage);
}

static int raw16(const uint8_t *at) { return (int16_t)(uint16_t)((at[0] << 8) | at[1]); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HEADER)
        return 0;
    uint8_t flags = data[0];
    struct request r;
    memset(&r, 0, sizeof r);
    r.code = flags & 64 ? raw16(data + 1) : 100 + (int)(((unsigned)data[1] << 8 | data[2]) % 900);
    if (flags & 1) {
        r.enhanced_storage.class_digit = data[3] % 8;
        r.enhanced_storage.subject = flags & 32 ? raw16(data + 4) : (int)(((unsigned)data[4] << 8 | data[5]) % 1000);
        r.enhanced_storage.detail = flags & 32 ? raw16(data + 6) : (int)(((unsigned)data[6] << 8 | data[7]) % 1000);
        r.enhanced = &r.enhanced_storage;
    }
    r.bad_line_wanted = !(flags & 2);
    static const size_t fixed_limits[] = { REPLY_RFC_LINE_LIMIT, 0, SIZE_MAX, 0 };
    r.line_limit = (flags >> 2 & 3) == 1 ? data[8] : fixed_limits[flags >> 2 & 3];

    /* The texts: the rest, cut at each NUL, each copied with its own NUL. */
    char *texts = malloc(size - HEADER + 1);
    check(texts != NULL);
    memcpy(texts, data + HEADER, size - HEADER);
    texts[size - HEADER] = '\0';
    if (!(flags & 16)) {
        const char *at = texts;
        const char *end = texts + (size - HEADER);
        while (r.line_count < MAX_LINES) {
            r.texts[r.line_count++] = at;
            at += strlen(at);
            if (at == end)
                break;
            at++;
        }
    }

    size_t needed = 1;
    size_t bad_line = 99;
    enum reply_format_error error = format(&r, NULL, 0, &needed, &bad_line);
    if (error != REPLY_FORMAT_BUFFER_TOO_SMALL) {
        check(error != REPLY_FORMAT_OK && needed == 0);
        check_refusal(&r, error, bad_line);
        /* A buffer changes nothing: the same refusal, nothing written. */
        char *buffer = fresh_buffer(64);
        size_t again = 1;
        size_t again_line = 99;
        check(format(&r, buffer, 64, &again, &again_line) == error && again == 0);
        check(!r.bad_line_wanted || again_line == bad_line);
        check(untouched(buffer, 0, 64));
        free(buffer);
        free(texts);
        return 0;
    }
    check(needed >= 6 * r.line_count && (!r.bad_line_wanted || bad_line == 0));

    /* One octet short: the same answer, and not a byte written. */
    char *short_buffer = fresh_buffer(needed - 1);
    size_t short_size = 0;
    check(format(&r, short_buffer, needed - 1, &short_size, &bad_line) == REPLY_FORMAT_BUFFER_TOO_SMALL);
    check(short_size == needed && untouched(short_buffer, 0, needed - 1));
    free(short_buffer);

    /* Exactly the size asked for. */
    char *exact = fresh_buffer(needed);
    size_t written = 0;
    check(format(&r, exact, needed, &written, &bad_line) == REPLY_FORMAT_OK && written == needed);
    check_reads_back(&r, exact, written);

    /* More room: the same bytes, and nothing after them. */
    char *roomy = fresh_buffer(needed + 8);
    check(format(&r, roomy, needed + 8, &written, NULL) == REPLY_FORMAT_OK && written == needed);
    check(memcmp(roomy, exact, needed) == 0 && untouched(roomy, needed, needed + 8));
    free(roomy);
    free(exact);
    free(texts);
    return 0;
}
