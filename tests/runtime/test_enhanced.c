/* test_enhanced.c: enhanced status codes, RFC 3463 section 2 syntax and
 * the class agreement with the reply code. */
#include <string.h>

#include "case_table.h"
#include "replygen/reply.h"

struct enhanced_case {
    const char *name;
    const char *text;
    int found;
    int class_digit, subject, detail;
    size_t length;
};

static const struct enhanced_case cases[] = {
    { "code_then_text", "5.1.1 User unknown", 1, 5, 1, 1, 6 },
    { "code_alone", "2.0.0", 1, 2, 0, 0, 5 },
    { "three_digit_subject_and_detail", "4.999.123 x", 1, 4, 999, 123, 10 },
    { "leading_zeros_are_digits", "5.01.001 x", 1, 5, 1, 1, 9 },
    { "class_3_is_not_a_class", "3.1.1 x", 0, 0, 0, 0, 0 },
    { "four_digit_subject_is_too_long", "5.1000.1 x", 0, 0, 0, 0, 0 },
    { "four_digit_detail_is_too_long", "5.1.1000 x", 0, 0, 0, 0, 0 },
    { "letter_after_code_is_not_a_code", "5.1.1x", 0, 0, 0, 0, 0 },
    { "ip_address_is_not_a_code", "2.2.2.2 says hello", 0, 0, 0, 0, 0 },
    { "missing_subject", "5..1 x", 0, 0, 0, 0, 0 },
    { "missing_detail", "5.1. x", 0, 0, 0, 0, 0 },
    { "empty_text", "", 0, 0, 0, 0, 0 },
    { "plain_text", "OK", 0, 0, 0, 0, 0 },
};

static void test_enhanced_case(void **state)
{
    const struct enhanced_case *c = *state;
    struct reply_enhanced enhanced;
    memset(&enhanced, 0xAA, sizeof enhanced);
    assert_int_equal(reply_enhanced_parse(c->text, strlen(c->text), &enhanced), c->found);
    assert_int_equal(enhanced.class_digit, c->class_digit);
    assert_int_equal(enhanced.subject, c->subject);
    assert_int_equal(enhanced.detail, c->detail);
    assert_int_equal(enhanced.length, c->length);
}

static void test_parse_never_reads_past_length(void **state)
{
    (void)state;
    struct reply_enhanced enhanced;
    /* "5.1.1" with the length cut before the last digit. */
    assert_int_equal(reply_enhanced_parse("5.1.12", 4, &enhanced), 0);
    assert_int_equal(reply_enhanced_parse("5.1.12", 5, &enhanced), 1);
    assert_int_equal(enhanced.detail, 1);
}

static void test_agreement_with_reply_code(void **state)
{
    (void)state;
    struct reply_enhanced enhanced;
    reply_enhanced_parse("5.1.1", 5, &enhanced);
    assert_int_equal(reply_enhanced_agrees(&enhanced, 550), 1);
    assert_int_equal(reply_enhanced_agrees(&enhanced, 450), 0);
    assert_int_equal(reply_enhanced_agrees(&enhanced, 5), 0);
    reply_enhanced_parse("2.0.0", 5, &enhanced);
    assert_int_equal(reply_enhanced_agrees(&enhanced, 250), 1);
    assert_int_equal(reply_enhanced_agrees(&enhanced, 354), 0);
    struct reply_enhanced none = { 0, 0, 0, 0 };
    assert_int_equal(reply_enhanced_agrees(&none, 250), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_never_reads_past_length),
        cmocka_unit_test(test_agreement_with_reply_code),
    };
    int failed = RUN_CASE_TABLE("reply_enhanced_parse cases", cases, test_enhanced_case);
    return failed + cmocka_run_group_tests_name("reply_enhanced", tests, NULL, NULL);
}
