/* test_stream.c: the streaming parser: multi-line assembly, consecutive
 * replies, limits, end of stream, and results that do not depend on how
 * the bytes were split. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "case_table.h"
#include "replygen/reply.h"

#define IN(literal) literal, sizeof(literal) - 1
#define T(error)    REPLY_TOLERATED(REPLY_ERROR_##error)

struct fixture {
    struct reply_parser parser;
    char storage[1024];
    struct reply_line lines[8];
};

static void fixture_init(struct fixture *f, enum reply_mode mode)
{
    struct reply_options options;
    reply_options_init(&options);
    options.mode = mode;
    reply_parser_init(&f->parser, &options, f->storage, sizeof f->storage, f->lines, 8);
}

static void assert_line(const struct reply_line *line, int code, int more, const char *text)
{
    assert_int_equal(line->code, code);
    assert_int_equal(line->more, more);
    assert_int_equal(line->length, strlen(text));
    assert_memory_equal(line->text, text, line->length);
}

static void test_one_line_reply_is_complete(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_STRICT);
    struct reply reply;
    size_t consumed;
    assert_int_equal(reply_parser_feed(&f.parser, IN("250 OK\r\n"), &consumed, &reply), REPLY_COMPLETE);
    assert_int_equal(consumed, 8);
    assert_int_equal(reply.code, 250);
    assert_int_equal(reply.line_count, 1);
    assert_line(&reply.lines[0], 250, 0, "OK");
    assert_int_equal(reply.offset, 0);
    assert_int_equal(reply.size, 8);
    assert_int_equal(reply.tolerated, 0);
}

static void test_multi_line_reply_is_assembled(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_STRICT);
    struct reply reply;
    size_t consumed;
    static const char ehlo[] = "250-mail.example.com Hello\r\n250-SIZE 35882577\r\n"
                               "250-8BITMIME\r\n250 ENHANCEDSTATUSCODES\r\n";
    assert_int_equal(reply_parser_feed(&f.parser, IN(ehlo), &consumed, &reply), REPLY_COMPLETE);
    assert_int_equal(consumed, sizeof ehlo - 1);
    assert_int_equal(reply.code, 250);
    assert_int_equal(reply.line_count, 4);
    assert_line(&reply.lines[0], 250, 1, "mail.example.com Hello");
    assert_line(&reply.lines[1], 250, 1, "SIZE 35882577");
    assert_line(&reply.lines[2], 250, 1, "8BITMIME");
    assert_line(&reply.lines[3], 250, 0, "ENHANCEDSTATUSCODES");
    assert_int_equal(reply.size, sizeof ehlo - 1);
}

static void test_partial_reply_needs_more(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_STRICT);
    struct reply reply;
    size_t consumed;
    assert_int_equal(reply_parser_feed(&f.parser, IN("250-a\r\n250 b"), &consumed, &reply), REPLY_NEED_MORE);
    assert_int_equal(consumed, 12);
    assert_int_equal(reply_parser_feed(&f.parser, IN("\r\n"), &consumed, &reply), REPLY_COMPLETE);
    assert_int_equal(consumed, 2);
    assert_int_equal(reply.line_count, 2);
    assert_line(&reply.lines[1], 250, 0, "b");
}

static void test_second_reply_waits_for_next_feed(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_STRICT);
    struct reply reply;
    size_t consumed;
    static const char two[] = "220 ready\r\n250 OK\r\n";
    assert_int_equal(reply_parser_feed(&f.parser, IN(two), &consumed, &reply), REPLY_COMPLETE);
    assert_int_equal(consumed, 11);
    assert_int_equal(reply.code, 220);
    assert_int_equal(reply_parser_feed(&f.parser, two + 11, 8, &consumed, &reply), REPLY_COMPLETE);
    assert_int_equal(consumed, 8);
    assert_int_equal(reply.code, 250);
    assert_int_equal(reply.offset, 11);
    assert_int_equal(reply_parser_finish(&f.parser), REPLY_ERROR_NONE);
}

static void test_lenient_codeless_line_continues_reply(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_LENIENT);
    struct reply reply;
    assert_int_equal(reply_parser_feed(&f.parser, IN("250-a\r\n b\r\n250 c\r\n"), NULL, &reply), REPLY_COMPLETE);
    assert_int_equal(reply.line_count, 3);
    assert_line(&reply.lines[1], -1, 1, " b");
    assert_int_equal(reply.tolerated, T(NON_DIGIT_CODE));
}

/* Lenient mode lets the first line's bare LF through, not the second
 * line's other code. */
static void test_lenient_mismatch_fails_at_line_start(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_LENIENT);
    struct reply reply;
    uint64_t offset;
    assert_int_equal(reply_parser_feed(&f.parser, IN("250-a\n251 b\r\n"), NULL, &reply), REPLY_FAILED);
    assert_int_equal(reply_parser_error(&f.parser, &offset), REPLY_ERROR_CODE_MISMATCH);
    assert_int_equal(offset, 6);
}

/* RFC 959 section 4.2's own example of a multi-line reply. */
static const char rfc959_reply[] = "123-First line\r\nSecond line\r\n"
                                   "  234 A line beginning with numbers\r\n123 The last line\r\n";

static void test_free_continuation_takes_rfc959_reply_in_strict(void **state)
{
    (void)state;
    struct fixture f;
    struct reply_options options;
    reply_options_init(&options);
    options.mode = REPLY_STRICT;
    options.continuation = REPLY_CONTINUATION_FREE;
    options.lowest_code = 100;
    options.highest_code = 659;
    reply_parser_init(&f.parser, &options, f.storage, sizeof f.storage, f.lines, 8);
    struct reply reply;
    assert_int_equal(reply_parser_feed(&f.parser, IN(rfc959_reply), NULL, &reply), REPLY_COMPLETE);
    assert_int_equal(reply.code, 123);
    assert_int_equal(reply.line_count, 4);
    assert_line(&reply.lines[0], 123, 1, "First line");
    assert_line(&reply.lines[1], -1, 1, "Second line");
    assert_line(&reply.lines[2], -1, 1, "  234 A line beginning with numbers");
    assert_line(&reply.lines[3], 123, 0, "The last line");
    assert_int_equal(reply.tolerated, 0);
}

static void test_coded_continuation_rejects_rfc959_text_line_in_strict(void **state)
{
    (void)state;
    struct fixture f;
    struct reply_options options;
    reply_options_init(&options);
    options.mode = REPLY_STRICT;
    options.lowest_code = 100;
    reply_parser_init(&f.parser, &options, f.storage, sizeof f.storage, f.lines, 8);
    struct reply reply;
    uint64_t offset;
    assert_int_equal(reply_parser_feed(&f.parser, IN(rfc959_reply), NULL, &reply), REPLY_FAILED);
    assert_int_equal(reply_parser_error(&f.parser, &offset), REPLY_ERROR_NON_DIGIT_CODE);
    assert_int_equal(offset, 16);
}

static void test_strict_mismatch_fails_at_line_start(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_STRICT);
    struct reply reply;
    uint64_t offset;
    assert_int_equal(reply_parser_feed(&f.parser, IN("250-a\r\n251 b\r\n"), NULL, &reply), REPLY_FAILED);
    assert_int_equal(reply_parser_error(&f.parser, &offset), REPLY_ERROR_CODE_MISMATCH);
    assert_int_equal(offset, 7);
}

static void test_error_offset_counts_from_stream_start(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_STRICT);
    struct reply reply;
    size_t consumed;
    uint64_t offset;
    static const char input[] = "220 ready\r\n250 OK\n";
    assert_int_equal(reply_parser_feed(&f.parser, IN(input), &consumed, &reply), REPLY_COMPLETE);
    assert_int_equal(reply_parser_feed(&f.parser, input + consumed, sizeof input - 1 - consumed, NULL, &reply),
                     REPLY_FAILED);
    assert_int_equal(reply_parser_error(&f.parser, &offset), REPLY_ERROR_BARE_LF);
    assert_int_equal(offset, 17);
}

static void test_failed_parser_stays_failed(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_STRICT);
    struct reply reply;
    size_t consumed = 99;
    assert_int_equal(reply_parser_feed(&f.parser, IN("xyz\r\n"), NULL, &reply), REPLY_FAILED);
    assert_int_equal(reply_parser_feed(&f.parser, IN("250 OK\r\n"), &consumed, &reply), REPLY_FAILED);
    assert_int_equal(consumed, 0);
    assert_int_equal(reply_parser_finish(&f.parser), REPLY_ERROR_NON_DIGIT_CODE);
}

static void test_end_inside_reply_is_truncated(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_LENIENT);
    struct reply reply;
    uint64_t offset;
    assert_int_equal(reply_parser_feed(&f.parser, IN("250-a\r\n250 b"), NULL, &reply), REPLY_NEED_MORE);
    assert_int_equal(reply_parser_finish(&f.parser), REPLY_ERROR_TRUNCATED);
    assert_int_equal(reply_parser_error(&f.parser, &offset), REPLY_ERROR_TRUNCATED);
    assert_int_equal(offset, 12);
}

static void test_end_of_empty_stream_is_clean(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_STRICT);
    assert_int_equal(reply_parser_finish(&f.parser), REPLY_ERROR_NONE);
}

static void test_reply_larger_than_storage_is_over_limit(void **state)
{
    (void)state;
    struct reply_parser parser;
    char storage[16];
    struct reply_line lines[4];
    reply_parser_init(&parser, NULL, storage, sizeof storage, lines, 4);
    struct reply reply;
    uint64_t offset;
    /* The first line fills the storage exactly; the next byte cannot fit. */
    assert_int_equal(reply_parser_feed(&parser, IN("250-0123456789\r\n250 x\r\n"), NULL, &reply), REPLY_FAILED);
    assert_int_equal(reply_parser_error(&parser, &offset), REPLY_ERROR_REPLY_OVER_LIMIT);
    assert_int_equal(offset, 16);
}

static void test_reply_filling_storage_exactly_is_fine(void **state)
{
    (void)state;
    struct reply_parser parser;
    char storage[16];
    struct reply_line lines[4];
    reply_parser_init(&parser, NULL, storage, sizeof storage, lines, 4);
    struct reply reply;
    assert_int_equal(reply_parser_feed(&parser, IN("250-012\r\n250 x\r\n"), NULL, &reply), REPLY_COMPLETE);
    assert_int_equal(reply.size, 16);
}

static void test_more_lines_than_given_is_over_limit(void **state)
{
    (void)state;
    struct reply_parser parser;
    char storage[64];
    struct reply_line lines[2];
    reply_parser_init(&parser, NULL, storage, sizeof storage, lines, 2);
    struct reply reply;
    uint64_t offset;
    assert_int_equal(reply_parser_feed(&parser, IN("250-a\r\n250-b\r\n250 c\r\n"), NULL, &reply), REPLY_FAILED);
    assert_int_equal(reply_parser_error(&parser, &offset), REPLY_ERROR_REPLY_OVER_LIMIT);
    assert_int_equal(offset, 14);
}

static void test_strict_long_line_fails_before_its_end(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, REPLY_STRICT);
    char line[600];
    memset(line, 'x', sizeof line);
    memcpy(line, "250 ", 4);
    struct reply reply;
    uint64_t offset;
    assert_int_equal(reply_parser_feed(&f.parser, line, sizeof line, NULL, &reply), REPLY_FAILED);
    assert_int_equal(reply_parser_error(&f.parser, &offset), REPLY_ERROR_LINE_TOO_LONG);
    assert_int_equal(offset, 512);
}

static void test_line_at_storage_end_reports_earlier_deviation(void **state)
{
    (void)state;
    struct reply_parser parser;
    char storage[8];
    struct reply_line lines[2];
    struct reply_options options;
    reply_options_init(&options);
    options.mode = REPLY_STRICT;
    reply_parser_init(&parser, &options, storage, sizeof storage, lines, 2);
    struct reply reply;
    uint64_t offset;
    assert_int_equal(reply_parser_feed(&parser, IN("600 abcdefgh\r\n"), NULL, &reply), REPLY_FAILED);
    assert_int_equal(reply_parser_error(&parser, &offset), REPLY_ERROR_CODE_OUT_OF_RANGE);
    assert_int_equal(offset, 0);
}

/* ---- split feeds: one transcript per way of cutting the same bytes ---- */

struct split_case {
    const char *name;
    const char *input;
    size_t size;
    enum reply_mode mode;
    size_t line_limit;
    size_t storage_size;
    size_t max_lines;
    enum reply_continuation continuation;
};

#define SPLIT(name, input, mode)                                                          \
    {                                                                                     \
        name, IN(input), mode, REPLY_DEFAULT_LINE_LIMIT, 256, 8, REPLY_CONTINUATION_CODED \
    }
#define SPLIT_FREE(name, input, mode)                                                    \
    {                                                                                    \
        name, IN(input), mode, REPLY_DEFAULT_LINE_LIMIT, 256, 8, REPLY_CONTINUATION_FREE \
    }
#define SPLIT_LIMITED(name, input, mode, line_limit, storage_size, max_lines)                \
    {                                                                                        \
        name, IN(input), mode, line_limit, storage_size, max_lines, REPLY_CONTINUATION_CODED \
    }

static const struct split_case split_cases[] = {
    SPLIT("session_strict",
          "220 mx ESMTP\r\n250-mx\r\n250-SIZE 100\r\n250 8BITMIME\r\n"
          "250 2.1.0 Ok\r\n550 5.1.1 <a@b>: rejected\r\n221 2.0.0 Bye\r\n",
          REPLY_STRICT),
    SPLIT("deviations_lenient", "250\n250-a\r\n x\r\n250 b\n600 caf\xe9\r\n250 5.1.1 \x01\r\n", REPLY_LENIENT),
    SPLIT("bare_lf_strict", "220 ok\r\n250 OK\n", REPLY_STRICT),
    SPLIT("code_only_strict", "250\r\n", REPLY_STRICT),
    SPLIT("non_digit_strict", "220 ok\r\n2x0 no\r\n", REPLY_STRICT),
    SPLIT("cr_at_piece_ends", "250-a\r\n250-b\rc\r\n250 d\r\n", REPLY_LENIENT),
    SPLIT("truncated_lenient", "250-a\r\n250 b", REPLY_LENIENT),
    SPLIT("utf8_strict", "250 \xc3\xa9t\xc3\xa9\r\n250 \xe2\x82\r\n", REPLY_STRICT),
    SPLIT_LIMITED("line_over_limit", "250 ok\r\n250 0123456789abcdef\r\n", REPLY_LENIENT, 16, 256, 8),
    SPLIT_LIMITED("line_ends_at_limit", "250 0123456789\r\n", REPLY_LENIENT, 16, 256, 8),
    SPLIT_LIMITED("storage_over_limit", "250-0123456789\r\n250 x\r\n", REPLY_LENIENT, 512, 16, 8),
    SPLIT_LIMITED("lines_over_limit", "250-a\r\n250-b\r\n250 c\r\n", REPLY_LENIENT, 512, 64, 2),
    SPLIT_FREE("free_continuation", "220 ready\r\n214-Help\r\n123\r\n 214 x\r\n214\r\n250 ok\r\n", REPLY_STRICT),
    SPLIT("code_mismatch_lenient", "250-Looks fine\r\n550 5.7.1 Rejected\r\n", REPLY_LENIENT),
};

/* Feed c->input cut at the given piece sizes (cycled) and describe every
 * event in out. */
static void transcript(const struct split_case *c, const size_t *pieces, size_t piece_count, char *out, size_t out_size)
{
    struct reply_options options;
    reply_options_init(&options);
    options.mode = c->mode;
    options.continuation = c->continuation;
    options.line_limit = c->line_limit;
    char storage[256];
    struct reply_line lines[8];
    struct reply_parser parser;
    reply_parser_init(&parser, &options, storage, c->storage_size, lines, c->max_lines);
    size_t written = 0;
    size_t at = 0;
    size_t piece = 0;
    while (at < c->size) {
        size_t size = pieces[piece++ % piece_count];
        if (size > c->size - at)
            size = c->size - at;
        size_t end = at + size;
        while (at < end) {
            struct reply reply;
            size_t consumed;
            enum reply_progress progress = reply_parser_feed(&parser, c->input + at, end - at, &consumed, &reply);
            at += consumed;
            if (progress == REPLY_FAILED) {
                at = c->size;
                break;
            }
            if (progress == REPLY_NEED_MORE)
                break;
            written += (size_t)snprintf(out + written, out_size - written,
                                        "reply %d at %" PRIu64 " size %zu tolerated %#x:", reply.code, reply.offset,
                                        reply.size, reply.tolerated);
            for (size_t i = 0; i < reply.line_count; i++)
                written +=
                    (size_t)snprintf(out + written, out_size - written, " [%d%c%.*s|%d.%d.%d]", reply.lines[i].code,
                                     reply.lines[i].more ? '-' : ' ', (int)reply.lines[i].length, reply.lines[i].text,
                                     reply.lines[i].enhanced.class_digit, reply.lines[i].enhanced.subject,
                                     reply.lines[i].enhanced.detail);
            written += (size_t)snprintf(out + written, out_size - written, "\n");
        }
    }
    uint64_t offset;
    enum reply_error error = reply_parser_finish(&parser);
    reply_parser_error(&parser, &offset);
    snprintf(out + written, out_size - written, "end %s at %" PRIu64 "\n", reply_error_name(error), offset);
}

static void test_split_case(void **state)
{
    const struct split_case *c = *state;
    char whole[4096], other[4096];
    const size_t all[] = { c->size };
    transcript(c, all, 1, whole, sizeof whole);
    const size_t one[] = { 1 };
    transcript(c, one, 1, other, sizeof other);
    assert_string_equal(other, whole);
    const size_t uneven[] = { 3, 1, 7, 2, 5 };
    transcript(c, uneven, 5, other, sizeof other);
    assert_string_equal(other, whole);
    for (size_t cut = 1; cut < c->size; cut++) {
        const size_t two[] = { cut, c->size };
        transcript(c, two, 2, other, sizeof other);
        assert_string_equal(other, whole);
    }
}

/* The transcripts of a few cases, so that what all splits agree on is
 * itself checked. */
static void test_split_transcripts_are_exact(void **state)
{
    (void)state;
    char out[4096];
    const size_t all[] = { 4096 };
    transcript(&split_cases[1], all, 1, out, sizeof out);
    assert_string_equal(out,
                        "reply 250 at 0 size 4 tolerated 0x6: [250 |0.0.0]\n"
                        "reply 250 at 4 size 17 tolerated 0x12: [250-a|0.0.0] [-1- x|0.0.0] [250 b|0.0.0]\n"
                        "reply 600 at 21 size 10 tolerated 0xa0: [600 caf\xe9|0.0.0]\n"
                        "reply 250 at 31 size 13 tolerated 0x300: [250 5.1.1 \x01|5.1.1]\n"
                        "end none at 0\n");
    transcript(&split_cases[5], all, 1, out, sizeof out);
    assert_string_equal(out,
                        "reply 250 at 0 size 23 tolerated 0x100: [250-a|0.0.0] [250-b\rc|0.0.0] "
                        "[250 d|0.0.0]\nend none at 0\n");
    transcript(&split_cases[6], all, 1, out, sizeof out);
    assert_string_equal(out, "end truncated at 12\n");
    transcript(&split_cases[8], all, 1, out, sizeof out);
    assert_string_equal(out,
                        "reply 250 at 0 size 8 tolerated 0: [250 ok|0.0.0]\n"
                        "end line_over_limit at 24\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_line_reply_is_complete),
        cmocka_unit_test(test_multi_line_reply_is_assembled),
        cmocka_unit_test(test_partial_reply_needs_more),
        cmocka_unit_test(test_second_reply_waits_for_next_feed),
        cmocka_unit_test(test_lenient_codeless_line_continues_reply),
        cmocka_unit_test(test_lenient_mismatch_fails_at_line_start),
        cmocka_unit_test(test_free_continuation_takes_rfc959_reply_in_strict),
        cmocka_unit_test(test_coded_continuation_rejects_rfc959_text_line_in_strict),
        cmocka_unit_test(test_strict_mismatch_fails_at_line_start),
        cmocka_unit_test(test_error_offset_counts_from_stream_start),
        cmocka_unit_test(test_failed_parser_stays_failed),
        cmocka_unit_test(test_end_inside_reply_is_truncated),
        cmocka_unit_test(test_end_of_empty_stream_is_clean),
        cmocka_unit_test(test_reply_larger_than_storage_is_over_limit),
        cmocka_unit_test(test_reply_filling_storage_exactly_is_fine),
        cmocka_unit_test(test_more_lines_than_given_is_over_limit),
        cmocka_unit_test(test_strict_long_line_fails_before_its_end),
        cmocka_unit_test(test_line_at_storage_end_reports_earlier_deviation),
        cmocka_unit_test(test_split_transcripts_are_exact),
    };
    int failed = cmocka_run_group_tests_name("reply_parser", tests, NULL, NULL);
    return failed + RUN_CASE_TABLE("reply_parser split feeds", split_cases, test_split_case);
}
