/* test_hostile_replies.c: the replies and calls docs/hostile-inputs.md
 * lists under "Hostile replies", each fed exactly as the table shows it.
 * Every test here has its row there, and every input of a row is written
 * here as the table writes it: hostile_replies_documented.sh checks both. */
#include <string.h>

#include "case_table.h"
#include "replygen/reply.h"

#define IN(literal) literal, sizeof(literal) - 1

static const enum reply_mode both_modes[] = { REPLY_LENIENT, REPLY_STRICT };

/* Feed data[0..size) in pieces of piece octets (size: all at once); return
 * how the feeds ended, and the error and its offset through *error and
 * *offset. A completed reply is stored in *reply. */
static enum reply_progress feed_in_pieces(enum reply_mode mode, const char *data, size_t size, size_t piece,
                                          struct reply *reply, enum reply_error *error, uint64_t *offset)
{
    static char storage[1024];
    static struct reply_line lines[8];
    struct reply_parser parser;
    struct reply_options options;
    reply_options_init(&options);
    options.mode = mode;
    reply_parser_init(&parser, &options, storage, sizeof storage, lines, 8);
    enum reply_progress progress = REPLY_NEED_MORE;
    for (size_t at = 0; at < size && progress != REPLY_FAILED;) {
        size_t length = size - at < piece ? size - at : piece;
        size_t consumed;
        progress = reply_parser_feed(&parser, data + at, length, &consumed, reply);
        at += consumed;
    }
    *error = reply_parser_error(&parser, offset);
    return progress;
}

/* A line that succeeds, then the reply's last line that rejects: the
 * reply is refused in both modes, all at once and one byte at a time,
 * at the second line's code (octet 16). It never reads as 250. */
static void test_success_line_then_rejection_is_refused(void **state)
{
    (void)state;
    static const char input[] = "250-Looks fine\r\n550 5.7.1 Rejected\r\n";
    for (size_t m = 0; m < 2; m++) {
        static const size_t pieces[] = { sizeof input - 1, 1 };
        for (size_t p = 0; p < 2; p++) {
            struct reply reply;
            enum reply_error error;
            uint64_t offset;
            assert_int_equal(feed_in_pieces(both_modes[m], IN(input), pieces[p], &reply, &error, &offset),
                             REPLY_FAILED);
            assert_int_equal(error, REPLY_ERROR_CODE_MISMATCH);
            assert_int_equal(offset, 16);
        }
    }
}

/* The same reply read line by line with reply_parse_line(): its first
 * line parses, its second is refused at its code, in both modes. */
static void test_success_line_then_rejection_is_refused_line_by_line(void **state)
{
    (void)state;
    static const char input[] = "250-Looks fine\r\n550 5.7.1 Rejected\r\n";
    for (size_t m = 0; m < 2; m++) {
        struct reply_options options;
        reply_options_init(&options);
        options.mode = both_modes[m];
        struct reply_line line;
        size_t offset;
        assert_int_equal(reply_parse_line(IN(input), &options, -1, &line, &offset), REPLY_ERROR_NONE);
        assert_int_equal(offset, 16);
        assert_int_equal(line.code, 250);
        assert_int_equal(line.more, 1);
        size_t second;
        assert_int_equal(
            reply_parse_line(input + offset, sizeof input - 1 - offset, &options, line.code, &line, &second),
            REPLY_ERROR_CODE_MISMATCH);
        assert_int_equal(second, 0);
    }
}

/* The other way round: taking the last line's code would read this
 * rejection as a success. Refused too. */
static void test_rejection_line_then_success_is_refused(void **state)
{
    (void)state;
    static const char input[] = "550-Rejected\r\n250 OK\r\n";
    for (size_t m = 0; m < 2; m++) {
        struct reply reply;
        enum reply_error error;
        uint64_t offset;
        assert_int_equal(feed_in_pieces(both_modes[m], IN(input), 1, &reply, &error, &offset), REPLY_FAILED);
        assert_int_equal(error, REPLY_ERROR_CODE_MISMATCH);
        assert_int_equal(offset, 14);
    }
}

/* A parser given no storage and no lines (NULL, 0): a defined parser that
 * holds nothing. Feeds of 0 bytes (data NULL) succeed; the first byte
 * fails it, at offset 0, and no pointer into NULL storage is formed
 * (UBSan's "applying zero offset to null pointer" in the sanitizer build). */
static void test_parser_without_storage_refuses_the_first_byte(void **state)
{
    (void)state;
    struct reply_parser parser;
    reply_parser_init(&parser, NULL, NULL, 0, NULL, 0);
    struct reply reply;
    size_t consumed = 1;
    assert_int_equal(reply_parser_feed(&parser, NULL, 0, &consumed, &reply), REPLY_NEED_MORE);
    assert_int_equal(consumed, 0);
    consumed = 1;
    assert_int_equal(reply_parser_feed(&parser, IN("250 OK\r\n"), &consumed, &reply), REPLY_FAILED);
    assert_int_equal(consumed, 0);
    uint64_t offset = 1;
    assert_int_equal(reply_parser_error(&parser, &offset), REPLY_ERROR_REPLY_OVER_LIMIT);
    assert_int_equal(offset, 0);
    assert_int_equal(reply_parser_finish(&parser), REPLY_ERROR_REPLY_OVER_LIMIT);
}

/* Until a byte comes, a parser without storage has ended cleanly. */
static void test_parser_without_storage_finishes_an_empty_stream(void **state)
{
    (void)state;
    struct reply_parser parser;
    reply_parser_init(&parser, NULL, NULL, 0, NULL, 0);
    assert_int_equal(reply_parser_finish(&parser), REPLY_ERROR_NONE);
}

/* NULL storage beside lines, in both modes: the same refusal. */
static void test_parser_without_storage_but_with_lines_refuses_the_first_byte(void **state)
{
    (void)state;
    for (size_t m = 0; m < 2; m++) {
        struct reply_options options;
        reply_options_init(&options);
        options.mode = both_modes[m];
        struct reply_line lines[8];
        struct reply_parser parser;
        reply_parser_init(&parser, &options, NULL, 0, lines, 8);
        struct reply reply;
        assert_int_equal(reply_parser_feed(&parser, IN("250 OK\r\n"), NULL, &reply), REPLY_FAILED);
        uint64_t offset = 1;
        assert_int_equal(reply_parser_error(&parser, &offset), REPLY_ERROR_REPLY_OVER_LIMIT);
        assert_int_equal(offset, 0);
    }
}

/* Storage but no lines (NULL, 0): no line has room, the same refusal. */
static void test_parser_with_storage_but_without_lines_refuses_the_first_byte(void **state)
{
    (void)state;
    char storage[64];
    struct reply_parser parser;
    reply_parser_init(&parser, NULL, storage, sizeof storage, NULL, 0);
    struct reply reply;
    size_t consumed = 1;
    assert_int_equal(reply_parser_feed(&parser, IN("250 OK\r\n"), &consumed, &reply), REPLY_FAILED);
    assert_int_equal(consumed, 0);
    uint64_t offset = 1;
    assert_int_equal(reply_parser_error(&parser, &offset), REPLY_ERROR_REPLY_OVER_LIMIT);
    assert_int_equal(offset, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_success_line_then_rejection_is_refused),
        cmocka_unit_test(test_success_line_then_rejection_is_refused_line_by_line),
        cmocka_unit_test(test_rejection_line_then_success_is_refused),
        cmocka_unit_test(test_parser_without_storage_refuses_the_first_byte),
        cmocka_unit_test(test_parser_without_storage_finishes_an_empty_stream),
        cmocka_unit_test(test_parser_without_storage_but_with_lines_refuses_the_first_byte),
        cmocka_unit_test(test_parser_with_storage_but_without_lines_refuses_the_first_byte),
    };
    return cmocka_run_group_tests_name("hostile replies", tests, NULL, NULL);
}
