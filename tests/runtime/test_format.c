/* test_format.c: reply_format() output byte for byte, its refusals, and
 * round trips through the strict parser. */
#include <string.h>

#include "case_table.h"
#include "replygen/reply.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static const struct reply_enhanced enhanced_511 = { 5, 1, 1, 0 };
static const struct reply_enhanced enhanced_200 = { 2, 0, 0, 0 };

struct format_case {
    const char *name;
    int code;
    const struct reply_enhanced *enhanced;
    const char *texts[4];
    size_t line_count;
    enum reply_format_error error;
    const char *expected; /* the output, or NULL */
    size_t bad_line;
};

static const struct format_case cases[] = {
    { "one_line", 250, NULL, { "OK" }, 1, REPLY_FORMAT_OK, "250 OK\r\n", 0 },
    { "lines_take_dash_but_the_last",
      250,
      NULL,
      { "mx Hello", "SIZE 100", "8BITMIME" },
      3,
      REPLY_FORMAT_OK,
      "250-mx Hello\r\n250-SIZE 100\r\n250 8BITMIME\r\n",
      0 },
    { "enhanced_code_on_every_line",
      550,
      &enhanced_511,
      { "No such user", "Try another" },
      2,
      REPLY_FORMAT_OK,
      "550-5.1.1 No such user\r\n550 5.1.1 Try another\r\n",
      0 },
    { "enhanced_code_without_text_has_no_trailing_space",
      250,
      &enhanced_200,
      { "" },
      1,
      REPLY_FORMAT_OK,
      "250 2.0.0\r\n",
      0 },
    { "empty_text_keeps_separator", 250, NULL, { "" }, 1, REPLY_FORMAT_OK, "250 \r\n", 0 },
    { "utf8_text_is_fine", 250, NULL, { "caf\xc3\xa9" }, 1, REPLY_FORMAT_OK, "250 caf\xc3\xa9\r\n", 0 },
    { "tab_is_fine", 214, NULL, { "a\tb" }, 1, REPLY_FORMAT_OK, "214 a\tb\r\n", 0 },
    { "cr_in_text_is_refused", 250, NULL, { "ok", "a\rb" }, 2, REPLY_FORMAT_LINE_BREAK, NULL, 1 },
    { "lf_in_text_is_refused", 250, NULL, { "a\n250 injected" }, 1, REPLY_FORMAT_LINE_BREAK, NULL, 0 },
    { "control_char_is_refused", 250, NULL, { "ok", "ok", "a\x1b" }, 3, REPLY_FORMAT_BAD_TEXT, NULL, 2 },
    { "latin1_is_refused", 250, NULL, { "caf\xe9" }, 1, REPLY_FORMAT_BAD_TEXT, NULL, 0 },
    { "code_99_is_refused", 99, NULL, { "x" }, 1, REPLY_FORMAT_BAD_CODE, NULL, 0 },
    { "code_1000_is_refused", 1000, NULL, { "x" }, 1, REPLY_FORMAT_BAD_CODE, NULL, 0 },
    { "enhanced_class_must_match_code", 250, &enhanced_511, { "x" }, 1, REPLY_FORMAT_BAD_ENHANCED, NULL, 0 },
    { "no_lines_is_refused", 250, NULL, { NULL }, 0, REPLY_FORMAT_NO_LINES, NULL, 0 },
};

static void test_format_case(void **state)
{
    const struct format_case *c = *state;
    char buffer[256];
    memset(buffer, '#', sizeof buffer);
    size_t size = 12345;
    size_t bad_line = 12345;
    enum reply_format_error error = reply_format(buffer, sizeof buffer, &size, c->code, c->enhanced, c->texts,
                                                 c->line_count, REPLY_RFC_LINE_LIMIT, &bad_line);
    assert_string_equal(reply_format_error_name(error), reply_format_error_name(c->error));
    assert_int_equal(bad_line, c->bad_line);
    if (c->expected == NULL) {
        assert_int_equal(size, 0);
        assert_int_equal(buffer[0], '#');
        return;
    }
    assert_int_equal(size, strlen(c->expected));
    assert_memory_equal(buffer, c->expected, size);
    assert_int_equal(buffer[size], '#');
}

static void test_short_buffer_reports_size_needed_and_writes_nothing(void **state)
{
    (void)state;
    const char *texts[] = { "a", "b" };
    char buffer[13];
    memset(buffer, '#', sizeof buffer);
    size_t size;
    assert_int_equal(reply_format(buffer, sizeof buffer, &size, 250, NULL, texts, 2, REPLY_RFC_LINE_LIMIT, NULL),
                     REPLY_FORMAT_BUFFER_TOO_SMALL);
    assert_int_equal(size, 14);
    assert_int_equal(buffer[0], '#');
    assert_int_equal(reply_format(NULL, 0, &size, 250, NULL, texts, 2, REPLY_RFC_LINE_LIMIT, NULL),
                     REPLY_FORMAT_BUFFER_TOO_SMALL);
    assert_int_equal(size, 14);
    char exact[14];
    assert_int_equal(reply_format(exact, sizeof exact, &size, 250, NULL, texts, 2, REPLY_RFC_LINE_LIMIT, NULL),
                     REPLY_FORMAT_OK);
    assert_memory_equal(exact, "250-a\r\n250 b\r\n", 14);
}

/* A text that makes a line of exactly size octets with code and CRLF. */
static char *text_for_line_of(size_t size)
{
    char *text = malloc(size - 6 + 1);
    memset(text, 'x', size - 6);
    text[size - 6] = '\0';
    return text;
}

static void test_line_of_limit_is_fine_one_more_is_refused(void **state)
{
    (void)state;
    char buffer[1024];
    size_t size, bad_line;
    const char *texts[2] = { "first", NULL };
    texts[1] = text_for_line_of(512);
    assert_int_equal(reply_format(buffer, sizeof buffer, &size, 250, NULL, texts, 2, REPLY_RFC_LINE_LIMIT, &bad_line),
                     REPLY_FORMAT_OK);
    assert_int_equal(size, 11 + 512);
    free((char *)texts[1]);
    texts[1] = text_for_line_of(513);
    assert_int_equal(reply_format(buffer, sizeof buffer, &size, 250, NULL, texts, 2, REPLY_RFC_LINE_LIMIT, &bad_line),
                     REPLY_FORMAT_LINE_TOO_LONG);
    assert_int_equal(bad_line, 1);
    free((char *)texts[1]);
}

static void test_enhanced_counts_toward_line_limit(void **state)
{
    (void)state;
    char buffer[1024];
    size_t size;
    const char *texts[1];
    texts[0] = text_for_line_of(512 - 6); /* "5.1.1 " takes the other six */
    assert_int_equal(
        reply_format(buffer, sizeof buffer, &size, 550, &enhanced_511, texts, 1, REPLY_RFC_LINE_LIMIT, NULL),
        REPLY_FORMAT_OK);
    assert_int_equal(size, 512);
    free((char *)texts[0]);
    texts[0] = text_for_line_of(512 - 5);
    assert_int_equal(
        reply_format(buffer, sizeof buffer, &size, 550, &enhanced_511, texts, 1, REPLY_RFC_LINE_LIMIT, NULL),
        REPLY_FORMAT_LINE_TOO_LONG);
    free((char *)texts[0]);
}

static void test_bad_enhanced_values_are_refused(void **state)
{
    (void)state;
    char buffer[64];
    size_t size;
    const char *texts[] = { "x" };
    const struct reply_enhanced bad[] = { { 3, 0, 0, 0 }, { 5, 1000, 0, 0 }, { 5, 0, -1, 0 }, { 0, 0, 0, 0 } };
    for (size_t i = 0; i < COUNT(bad); i++)
        assert_int_equal(reply_format(buffer, sizeof buffer, &size, 550, &bad[i], texts, 1, REPLY_RFC_LINE_LIMIT, NULL),
                         REPLY_FORMAT_BAD_ENHANCED);
}

/* format -> strict parse gives back code, texts and enhanced code. */
static void test_formatted_reply_parses_back_in_strict(void **state)
{
    (void)state;
    const char *texts[] = { "<nobody@example.com>: Recipient address rejected", "caf\xc3\xa9 \t tab", "" };
    char wire[512];
    size_t size;
    assert_int_equal(reply_format(wire, sizeof wire, &size, 550, &enhanced_511, texts, 3, REPLY_RFC_LINE_LIMIT, NULL),
                     REPLY_FORMAT_OK);
    struct reply_options options;
    reply_options_init(&options);
    options.mode = REPLY_STRICT;
    char storage[512];
    struct reply_line lines[4];
    struct reply_parser parser;
    reply_parser_init(&parser, &options, storage, sizeof storage, lines, 4);
    struct reply reply;
    size_t consumed;
    assert_int_equal(reply_parser_feed(&parser, wire, size, &consumed, &reply), REPLY_COMPLETE);
    assert_int_equal(consumed, size);
    assert_int_equal(reply.code, 550);
    assert_int_equal(reply.line_count, 3);
    assert_int_equal(reply.tolerated, 0);
    for (size_t i = 0; i < 3; i++) {
        const struct reply_line *line = &reply.lines[i];
        assert_int_equal(line->enhanced.class_digit, 5);
        assert_int_equal(line->enhanced.subject, 1);
        assert_int_equal(line->enhanced.detail, 1);
        assert_int_equal(line->length - line->enhanced.length, strlen(texts[i]));
        assert_memory_equal(line->text + line->enhanced.length, texts[i], strlen(texts[i]));
    }
}

/* strict parse -> format gives back the same bytes for RFC-shaped input. */
static void test_parsed_reply_formats_back_byte_for_byte(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "220 mx.example.com ESMTP ready\r\n",
        ("250-mx.example.com Hello [127.0.0.1]\r\n250-SIZE 35882577\r\n250-PIPELINING\r\n"
         "250 ENHANCEDSTATUSCODES\r\n"),
        "354 End data with <CR><LF>.<CR><LF>\r\n",
        "500 \r\n",
    };
    for (size_t i = 0; i < COUNT(inputs); i++) {
        struct reply_options options;
        reply_options_init(&options);
        options.mode = REPLY_STRICT;
        char storage[512];
        struct reply_line lines[8];
        struct reply_parser parser;
        reply_parser_init(&parser, &options, storage, sizeof storage, lines, 8);
        struct reply reply;
        assert_int_equal(reply_parser_feed(&parser, inputs[i], strlen(inputs[i]), NULL, &reply), REPLY_COMPLETE);
        char texts_storage[8][128];
        const char *texts[8];
        for (size_t j = 0; j < reply.line_count; j++) {
            memcpy(texts_storage[j], reply.lines[j].text, reply.lines[j].length);
            texts_storage[j][reply.lines[j].length] = '\0';
            texts[j] = texts_storage[j];
        }
        char wire[512];
        size_t size;
        assert_int_equal(reply_format(wire, sizeof wire, &size, reply.code, NULL, texts, reply.line_count,
                                      REPLY_RFC_LINE_LIMIT, NULL),
                         REPLY_FORMAT_OK);
        assert_int_equal(size, strlen(inputs[i]));
        assert_memory_equal(wire, inputs[i], size);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_buffer_reports_size_needed_and_writes_nothing),
        cmocka_unit_test(test_line_of_limit_is_fine_one_more_is_refused),
        cmocka_unit_test(test_enhanced_counts_toward_line_limit),
        cmocka_unit_test(test_bad_enhanced_values_are_refused),
        cmocka_unit_test(test_formatted_reply_parses_back_in_strict),
        cmocka_unit_test(test_parsed_reply_formats_back_byte_for_byte),
    };
    int failed = RUN_CASE_TABLE("reply_format cases", cases, test_format_case);
    return failed + cmocka_run_group_tests_name("reply_format", tests, NULL, NULL);
}
