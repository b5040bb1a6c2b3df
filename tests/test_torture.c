/* test_torture.c: the strings of tests/golden/torture.yaml, which hold
 * every character that needs escaping in C, read back byte for byte from
 * the generated table. The expected bytes are written here by hand, with
 * hex escapes, independently of the generator's escaper. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "torture_replies.h"

static void test_quotes_backslashes_and_comment_marks(void **state)
{
    (void)state;
    const struct torture_reply_info *info = torture_reply_lookup(200);
    assert_non_null(info);
    assert_string_equal(torture_reply_info_text(info), "quote \x22 backslash \x5c single ' end");
    assert_string_equal(torture_reply_info_summary(info), "percent %d %s %% stays");
    assert_string_equal(torture_reply_info_description(info), "comment end *\x2f and start \x2f* and both \x2f*\x2f");
}

static void test_trigraphs_stay_question_marks(void **state)
{
    (void)state;
    const struct torture_reply_info *info = torture_reply_lookup(201);
    assert_non_null(info);
    assert_string_equal(torture_reply_info_text(info),
                        "\x3f\x3f= \x3f\x3f/ \x3f\x3f' \x3f\x3f( \x3f\x3f) \x3f\x3f! \x3f\x3f< "
                        "\x3f\x3f> \x3f\x3f- \x3f\x3f\x3f");
    assert_string_equal(torture_reply_info_summary(info), "question\x3f\x3f marks\x3f");
    assert_string_equal(torture_reply_info_description(info),
                        "tab\x09here, newline\x0athere, carriage return\x0dthere");
}

static void test_control_and_non_ascii_bytes(void **state)
{
    (void)state;
    const struct torture_reply_info *info = torture_reply_lookup(500);
    assert_non_null(info);
    assert_string_equal(torture_reply_info_text(info), "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80 \xc2\xa0nbsp");
    assert_string_equal(torture_reply_info_summary(info), "bell \x07 escape \x1b delete \x7f");
    assert_string_equal(torture_reply_info_description(info),
                        ".starts with a dot\x0a'starts with a quote\x0a<script>alert(1)</script> & -hyphen");
}

static void test_titles_refs_and_verbs(void **state)
{
    (void)state;
    assert_string_equal(torture_class_title(TORTURE_CLASS_POSITIVE_COMPLETION), "Positive *\x2f completion");
    assert_string_equal(torture_category_title(TORTURE_CATEGORY_SYNTAX), "Syntax \x5c backslash");
    assert_string_equal(torture_command_verb(TORTURE_COMMAND_QUIRK), "QU\x22IRK");
    assert_string_equal(torture_reply_info_refs(torture_reply_lookup(200)), "RFC 1 section 1.2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotes_backslashes_and_comment_marks),
        cmocka_unit_test(test_trigraphs_stay_question_marks),
        cmocka_unit_test(test_control_and_non_ascii_bytes),
        cmocka_unit_test(test_titles_refs_and_verbs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
