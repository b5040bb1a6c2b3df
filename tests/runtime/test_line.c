/* test_line.c: reply_parse_line(), each rule of RFC 5321 section 4.2 and
 * each deviation in strict and in lenient mode, with exact offsets. */
#include <string.h>

#include "case_table.h"
#include "replygen/reply.h"

#define IN(literal) literal, sizeof(literal) - 1
#define T(error)    REPLY_TOLERATED(REPLY_ERROR_##error)

struct line_case {
    const char *name;
    const char *input;
    size_t size;
    enum reply_mode mode;
    int first_code; /* -1: the line starts a reply */
    enum reply_error error;
    size_t offset;
    int code; /* the rest only when error is NONE */
    int more;
    const char *text;
    size_t text_length;
    unsigned tolerated;
    enum reply_continuation continuation;
};

#define STRICT  REPLY_STRICT
#define LENIENT REPLY_LENIENT

/* A line that parses: its size, code, more flag, text and tolerated set. */
#define PARSES(name, input, mode, first_code, size, code, more, text, tolerated)                    \
    {                                                                                               \
        name, IN(input), mode, first_code, REPLY_ERROR_NONE, size, code, more, IN(text), tolerated, \
            REPLY_CONTINUATION_CODED                                                                \
    }
/* The same inside an RFC 959 (FTP) reply, whose continuation lines are free. */
#define PARSES_FREE(name, input, mode, first_code, size, code, more, text, tolerated)               \
    {                                                                                               \
        name, IN(input), mode, first_code, REPLY_ERROR_NONE, size, code, more, IN(text), tolerated, \
            REPLY_CONTINUATION_FREE                                                                 \
    }
/* A line that fails: the error and the offset of the byte that shows it. */
#define FAILS(name, input, mode, first_code, error, offset)                                                        \
    {                                                                                                              \
        name, IN(input), mode, first_code, REPLY_ERROR_##error, offset, 0, 0, NULL, 0, 0, REPLY_CONTINUATION_CODED \
    }

static const struct line_case cases[] = {
    PARSES("last_line_is_code_sp_text", "250 OK\r\n", STRICT, -1, 8, 250, 0, "OK", 0),
    PARSES("continuation_line_has_more", "250-First\r\n", STRICT, -1, 11, 250, 1, "First", 0),
    PARSES("empty_text_after_sp_is_fine", "250 \r\n", STRICT, -1, 6, 250, 0, "", 0),
    PARSES("empty_text_after_dash_is_fine", "250-\r\n", STRICT, -1, 6, 250, 1, "", 0),
    PARSES("only_the_first_line_is_read", "250-a\r\n250 b\r\n", STRICT, -1, 7, 250, 1, "a", 0),
    PARSES("tab_in_text_is_fine", "250 a\tb\r\n", STRICT, -1, 9, 250, 0, "a\tb", 0),
    PARSES("utf8_text_is_fine", "250 caf\xc3\xa9\r\n", STRICT, -1, 11, 250, 0, "caf\xc3\xa9", 0),
    PARSES("four_octet_utf8_is_fine", "250 \xf0\x9f\x93\xa7\r\n", STRICT, -1, 10, 250, 0, "\xf0\x9f\x93\xa7", 0),
    PARSES("continuation_with_same_code", "250 b\r\n", STRICT, 250, 7, 250, 0, "b", 0),

    FAILS("bare_lf_strict_is_error", "250 OK\n", STRICT, -1, BARE_LF, 6),
    PARSES("bare_lf_lenient_is_tolerated", "250 OK\n", LENIENT, -1, 7, 250, 0, "OK", T(BARE_LF)),
    FAILS("code_only_strict_is_error", "250\r\n", STRICT, -1, CODE_ONLY, 3),
    PARSES("code_only_lenient_is_tolerated", "250\r\n", LENIENT, -1, 5, 250, 0, "", T(CODE_ONLY)),
    FAILS("code_only_bare_lf_strict_reports_code_only", "250\n", STRICT, -1, CODE_ONLY, 3),
    PARSES("code_only_bare_lf_lenient_tolerates_both", "250\n", LENIENT, -1, 4, 250, 0, "", T(CODE_ONLY) | T(BARE_LF)),
    FAILS("code_mismatch_strict_is_error", "251 b\r\n", STRICT, 250, CODE_MISMATCH, 0),
    FAILS("code_mismatch_lenient_is_error", "251 b\r\n", LENIENT, 250, CODE_MISMATCH, 0),
    FAILS("non_digit_first_line_strict_is_error", "25O ok\r\n", STRICT, -1, NON_DIGIT_CODE, 2),
    FAILS("non_digit_first_line_lenient_is_error", "25O ok\r\n", LENIENT, -1, NON_DIGIT_CODE, 2),
    FAILS("empty_first_line_is_non_digit", "\r\n", LENIENT, -1, NON_DIGIT_CODE, 0),
    FAILS("short_code_is_non_digit", "25\r\n", STRICT, -1, NON_DIGIT_CODE, 2),
    FAILS("non_digit_continuation_strict_is_error", "  more\r\n", STRICT, 250, NON_DIGIT_CODE, 0),
    PARSES("non_digit_continuation_lenient_is_text", "  more\r\n", LENIENT, 250, 8, -1, 1, "  more", T(NON_DIGIT_CODE)),
    FAILS("code_600_strict_is_out_of_range", "600 x\r\n", STRICT, -1, CODE_OUT_OF_RANGE, 0),
    FAILS("code_199_strict_is_out_of_range", "199 x\r\n", STRICT, -1, CODE_OUT_OF_RANGE, 0),
    PARSES("code_600_lenient_is_tolerated", "600 x\r\n", LENIENT, -1, 7, 600, 0, "x", T(CODE_OUT_OF_RANGE)),
    FAILS("latin1_text_strict_is_not_utf8", "250 caf\xe9\r\n", STRICT, -1, NOT_UTF8, 7),
    PARSES("latin1_text_lenient_is_tolerated", "250 caf\xe9\r\n", LENIENT, -1, 10, 250, 0, "caf\xe9", T(NOT_UTF8)),
    FAILS("cut_utf8_at_line_end_is_not_utf8", "250 caf\xc3\r\n", STRICT, -1, NOT_UTF8, 7),
    FAILS("overlong_utf8_is_not_utf8", "250 \xc0\xaf\r\n", STRICT, -1, NOT_UTF8, 4),
    FAILS("surrogate_utf8_is_not_utf8", "250 x\xed\xa0\x80\r\n", STRICT, -1, NOT_UTF8, 5),
    FAILS("past_u10ffff_is_not_utf8", "250 \xf4\x90\x80\x80\r\n", STRICT, -1, NOT_UTF8, 4),
    FAILS("control_char_strict_is_error",
          "250 a\x01"
          "b\r\n",
          STRICT, -1, CONTROL_CHAR, 5),
    FAILS("nul_strict_is_control_char", "250 a\0b\r\n", STRICT, -1, CONTROL_CHAR, 5),
    PARSES("nul_lenient_is_kept_in_text", "250 a\0b\r\n", LENIENT, -1, 9, 250, 0, "a\0b", T(CONTROL_CHAR)),
    FAILS("lone_cr_is_control_char", "250 a\rb\r\n", STRICT, -1, CONTROL_CHAR, 5),
    FAILS("enhanced_mismatch_strict_is_error", "250 5.1.1 x\r\n", STRICT, -1, ENHANCED_MISMATCH, 4),
    PARSES("enhanced_mismatch_lenient_is_tolerated", "250 5.1.1 x\r\n", LENIENT, -1, 13, 250, 0, "5.1.1 x",
           T(ENHANCED_MISMATCH)),
    FAILS("enhanced_checked_against_first_code", "550-2.0.0 x\r\n", STRICT, 550, ENHANCED_MISMATCH, 4),
    FAILS("bad_separator_is_error_in_lenient", "250x\r\n", LENIENT, -1, BAD_SEPARATOR, 3),
    FAILS("fourth_digit_is_bad_separator", "2500 x\r\n", STRICT, -1, BAD_SEPARATOR, 3),
    FAILS("cr_without_lf_after_code_is_bad_separator", "250\rx\r\n", LENIENT, -1, BAD_SEPARATOR, 3),
    FAILS("strict_reports_the_earliest_deviation", "600 caf\xe9\n", STRICT, -1, CODE_OUT_OF_RANGE, 0),
    PARSES("lenient_tolerates_every_deviation", "600 caf\xe9\x7f\n", LENIENT, -1, 10, 600, 0, "caf\xe9\x7f",
           T(CODE_OUT_OF_RANGE) | T(NOT_UTF8) | T(CONTROL_CHAR) | T(BARE_LF)),
    FAILS("no_line_end_is_truncated", "250 OK", STRICT, -1, TRUNCATED, 6),
    FAILS("cr_without_lf_yet_is_truncated", "250 OK\r", STRICT, -1, TRUNCATED, 7),
    FAILS("empty_input_is_truncated", "", LENIENT, -1, TRUNCATED, 0),

    PARSES_FREE("free_text_line_is_fine_in_strict", "Second line\r\n", STRICT, 123, 13, -1, 1, "Second line", 0),
    PARSES_FREE("free_padded_number_is_text", "  234 A line\r\n", STRICT, 123, 14, -1, 1, "  234 A line", 0),
    PARSES_FREE("free_other_code_is_text", "234 not padded\r\n", STRICT, 123, 16, -1, 1, "234 not padded", 0),
    PARSES_FREE("free_same_code_sp_ends_reply", "123 The last line\r\n", STRICT, 123, 19, 123, 0, "The last line", 0),
    PARSES_FREE("free_same_code_dash_continues", "123-more\r\n", STRICT, 123, 10, 123, 1, "more", 0),
    PARSES_FREE("free_first_line_needs_its_code", "150 Opening\r\n", STRICT, -1, 13, 150, 0, "Opening", 0),
};

static void test_line_case(void **state)
{
    const struct line_case *c = *state;
    struct reply_options options;
    reply_options_init(&options);
    options.mode = c->mode;
    options.continuation = c->continuation;
    if (c->continuation == REPLY_CONTINUATION_FREE) {
        options.lowest_code = 100; /* FTP's codes */
        options.highest_code = 659;
    }
    struct reply_line line;
    size_t offset = 12345;
    enum reply_error error = reply_parse_line(c->input, c->size, &options, c->first_code, &line, &offset);
    assert_string_equal(reply_error_name(error), reply_error_name(c->error));
    assert_int_equal(offset, c->offset);
    if (error != REPLY_ERROR_NONE)
        return;
    assert_int_equal(line.code, c->code);
    assert_int_equal(line.more, c->more);
    assert_int_equal(line.length, c->text_length);
    assert_memory_equal(line.text, c->text, c->text_length);
    assert_int_equal(line.tolerated, c->tolerated);
}

/* Lines made of repeated filler, for the length limits. */
static char *make_line(size_t size, const char *start, const char *end)
{
    char *line = malloc(size + 1);
    memset(line, 'x', size);
    memcpy(line, start, strlen(start));
    memcpy(line + size - strlen(end), end, strlen(end));
    line[size] = '\0';
    return line;
}

static enum reply_error parse_sized(size_t size, const char *start, const char *end, enum reply_mode mode,
                                    struct reply_line *line, size_t *offset)
{
    struct reply_options options;
    reply_options_init(&options);
    options.mode = mode;
    char *input = make_line(size, start, end);
    enum reply_error error = reply_parse_line(input, size, &options, -1, line, offset);
    free(input);
    return error;
}

static void test_rfc_sized_line_is_fine_in_strict(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    assert_int_equal(parse_sized(512, "250 ", "\r\n", REPLY_STRICT, &line, &offset), REPLY_ERROR_NONE);
    assert_int_equal(offset, 512);
    assert_int_equal(line.length, 506);
}

static void test_line_of_513_strict_is_too_long_at_512(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    assert_int_equal(parse_sized(513, "250 ", "\r\n", REPLY_STRICT, &line, &offset), REPLY_ERROR_LINE_TOO_LONG);
    assert_int_equal(offset, 512);
}

static void test_line_of_513_lenient_is_tolerated(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    assert_int_equal(parse_sized(513, "250 ", "\r\n", REPLY_LENIENT, &line, &offset), REPLY_ERROR_NONE);
    assert_int_equal(offset, 513);
    assert_int_equal(line.tolerated, T(LINE_TOO_LONG));
}

static void test_line_at_default_limit_is_fine_in_lenient(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    assert_int_equal(parse_sized(REPLY_DEFAULT_LINE_LIMIT, "250 ", "\r\n", REPLY_LENIENT, &line, &offset),
                     REPLY_ERROR_NONE);
    assert_int_equal(offset, 4096);
}

static void test_line_past_default_limit_is_over_limit_in_lenient(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    assert_int_equal(parse_sized(REPLY_DEFAULT_LINE_LIMIT + 1, "250 ", "\r\n", REPLY_LENIENT, &line, &offset),
                     REPLY_ERROR_LINE_OVER_LIMIT);
    assert_int_equal(offset, 4096);
}

static void test_overflow_reports_earlier_deviation_first(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    assert_int_equal(parse_sized(600, "25O ", "x", REPLY_STRICT, &line, &offset), REPLY_ERROR_NON_DIGIT_CODE);
    assert_int_equal(offset, 2);
}

static void test_overflow_with_cut_utf8_at_limit_is_limit(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    char *input = make_line(600, "250 ", "x");
    input[511] = '\xc3'; /* a sequence the limit cuts is no verdict */
    struct reply_options options;
    reply_options_init(&options);
    options.mode = REPLY_STRICT;
    assert_int_equal(reply_parse_line(input, 600, &options, -1, &line, &offset), REPLY_ERROR_LINE_TOO_LONG);
    assert_int_equal(offset, 512);
    free(input);
}

static void test_caller_line_limit_is_obeyed(void **state)
{
    (void)state;
    struct reply_options options;
    reply_options_init(&options);
    options.line_limit = 16;
    struct reply_line line;
    size_t offset;
    assert_int_equal(reply_parse_line(IN("250 0123456789\r\n"), &options, -1, &line, &offset), REPLY_ERROR_NONE);
    assert_int_equal(reply_parse_line(IN("250 0123456789a\r\n"), &options, -1, &line, &offset),
                     REPLY_ERROR_LINE_OVER_LIMIT);
    assert_int_equal(offset, 16);
}

static void test_caller_code_range_is_obeyed(void **state)
{
    (void)state;
    struct reply_options options;
    reply_options_init(&options);
    options.mode = REPLY_STRICT;
    options.lowest_code = 100;
    options.highest_code = 659;
    struct reply_line line;
    size_t offset;
    assert_int_equal(reply_parse_line(IN("150 Opening\r\n"), &options, -1, &line, &offset), REPLY_ERROR_NONE);
    assert_int_equal(reply_parse_line(IN("631 x\r\n"), &options, -1, &line, &offset), REPLY_ERROR_NONE);
}

static void test_null_options_mean_lenient_defaults(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    assert_int_equal(reply_parse_line(IN("250 OK\n"), NULL, -1, &line, &offset), REPLY_ERROR_NONE);
    assert_int_equal(line.tolerated, T(BARE_LF));
}

static void test_enhanced_code_is_exposed_per_line(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    assert_int_equal(reply_parse_line(IN("550 5.1.1 <nobody@example.com>: Recipient address rejected\r\n"), NULL, -1,
                                      &line, &offset),
                     REPLY_ERROR_NONE);
    assert_int_equal(line.enhanced.class_digit, 5);
    assert_int_equal(line.enhanced.subject, 1);
    assert_int_equal(line.enhanced.detail, 1);
    assert_int_equal(line.enhanced.length, 6);
    assert_memory_equal(line.text + line.enhanced.length, "<nobody@example.com>", 20);
}

static void test_line_without_enhanced_code_has_class_0(void **state)
{
    (void)state;
    struct reply_line line;
    size_t offset;
    assert_int_equal(reply_parse_line(IN("220 mail.example.com ESMTP\r\n"), NULL, -1, &line, &offset),
                     REPLY_ERROR_NONE);
    assert_int_equal(line.enhanced.class_digit, 0);
    assert_int_equal(line.enhanced.length, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc_sized_line_is_fine_in_strict),
        cmocka_unit_test(test_line_of_513_strict_is_too_long_at_512),
        cmocka_unit_test(test_line_of_513_lenient_is_tolerated),
        cmocka_unit_test(test_line_at_default_limit_is_fine_in_lenient),
        cmocka_unit_test(test_line_past_default_limit_is_over_limit_in_lenient),
        cmocka_unit_test(test_overflow_reports_earlier_deviation_first),
        cmocka_unit_test(test_overflow_with_cut_utf8_at_limit_is_limit),
        cmocka_unit_test(test_caller_line_limit_is_obeyed),
        cmocka_unit_test(test_caller_code_range_is_obeyed),
        cmocka_unit_test(test_null_options_mean_lenient_defaults),
        cmocka_unit_test(test_enhanced_code_is_exposed_per_line),
        cmocka_unit_test(test_line_without_enhanced_code_has_class_0),
    };
    int failed = RUN_CASE_TABLE("reply_parse_line cases", cases, test_line_case);
    return failed + cmocka_run_group_tests_name("reply_parse_line limits", tests, NULL, NULL);
}
