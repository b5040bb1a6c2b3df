/* test_smtp_protocol.c: the runtime's classification through the
 * generated SMTP descriptor (smtp_protocol.c from spec/smtp.yaml), with
 * RFC 5321's values. */
#include <string.h>

#include "case_table.h"
#include "smtp_protocol.h"
#include "smtp_replies.h"

struct smtp_case {
    const char *name;
    int code;
    enum reply_class reply_class;
    const char *class_name;
    enum reply_action action;
    const char *code_name; /* NULL: not in the spec */
};

static const struct smtp_case cases[] = {
    { "smtp_220_is_completion_service_ready", 220, REPLY_CLASS_POSITIVE_COMPLETION, "positive_completion",
      REPLY_ACTION_PROCEED, "service_ready" },
    { "smtp_250_is_completion_ok", 250, REPLY_CLASS_POSITIVE_COMPLETION, "positive_completion", REPLY_ACTION_PROCEED,
      "ok" },
    { "smtp_354_is_intermediate_send_more", 354, REPLY_CLASS_POSITIVE_INTERMEDIATE, "positive_intermediate",
      REPLY_ACTION_SEND_MORE, "start_mail_input" },
    { "smtp_421_is_transient_retry_later", 421, REPLY_CLASS_TRANSIENT_NEGATIVE, "transient_negative",
      REPLY_ACTION_RETRY_LATER, "service_not_available" },
    { "smtp_450_is_transient", 450, REPLY_CLASS_TRANSIENT_NEGATIVE, "transient_negative", REPLY_ACTION_RETRY_LATER,
      "mailbox_temporarily_unavailable" },
    { "smtp_550_is_permanent_give_up", 550, REPLY_CLASS_PERMANENT_NEGATIVE, "permanent_negative", REPLY_ACTION_GIVE_UP,
      "mailbox_unavailable" },
    { "smtp_150_is_preliminary_wait", 150, REPLY_CLASS_POSITIVE_PRELIMINARY, "positive_preliminary", REPLY_ACTION_WAIT,
      NULL },
    { "smtp_299_unlisted_keeps_its_class", 299, REPLY_CLASS_POSITIVE_COMPLETION, "positive_completion",
      REPLY_ACTION_PROCEED, NULL },
    { "smtp_650_has_no_class", 650, REPLY_CLASS_UNKNOWN, NULL, REPLY_ACTION_UNKNOWN, NULL },
};

static void test_smtp_case(void **state)
{
    const struct smtp_case *c = *state;
    assert_int_equal(reply_class_of(&smtp_protocol, c->code), c->reply_class);
    assert_int_equal(reply_action_of(&smtp_protocol, c->code), c->action);
    if (c->class_name != NULL)
        assert_string_equal(reply_class_name(&smtp_protocol, c->code), c->class_name);
    else
        assert_null(reply_class_name(&smtp_protocol, c->code));
    struct reply_meaning meaning;
    int known = reply_describe(&smtp_protocol, c->code, &meaning);
    assert_int_equal(known, c->code_name != NULL);
    if (known) {
        assert_int_equal(meaning.code, c->code);
        assert_string_equal(meaning.name, c->code_name);
    }
}

static void test_smtp_protocol_names_itself(void **state)
{
    (void)state;
    assert_string_equal(smtp_protocol.name, "smtp");
    assert_string_equal(smtp_protocol.title, "Simple Mail Transfer Protocol");
}

static void test_smtp_550_has_rfc_text(void **state)
{
    (void)state;
    struct reply_meaning meaning;
    assert_int_equal(reply_describe(&smtp_protocol, 550, &meaning), 1);
    assert_string_equal(meaning.text, "Requested action not taken: mailbox unavailable");
    assert_int_equal(meaning.status, REPLY_CODE_STANDARD);
    assert_string_equal(reply_class_title(&smtp_protocol, 550), "Permanent Negative Completion reply");
    assert_string_equal(reply_category_title(&smtp_protocol, 550), "Mail system");
}

/* RFC 5321 section 4.3.2. */
static void test_smtp_replies_expected_for_commands(void **state)
{
    (void)state;
    int rcpt = reply_command_find(&smtp_protocol, "RCPT");
    int data = reply_command_find(&smtp_protocol, "data");
    int greeting = reply_command_find(&smtp_protocol, "");
    assert_true(rcpt >= 0 && data >= 0 && greeting >= 0);
    assert_string_equal(smtp_protocol.command_name(rcpt), "rcpt");
    assert_int_equal(reply_role_for(&smtp_protocol, rcpt, 250), REPLY_ROLE_SUCCESS);
    assert_int_equal(reply_role_for(&smtp_protocol, rcpt, 550), REPLY_ROLE_ERROR);
    assert_int_equal(reply_role_for(&smtp_protocol, rcpt, 354), REPLY_ROLE_UNEXPECTED);
    assert_int_equal(reply_role_for(&smtp_protocol, data, 354), REPLY_ROLE_INTERMEDIATE);
    assert_int_equal(reply_role_for(&smtp_protocol, greeting, 220), REPLY_ROLE_SUCCESS);
    assert_int_equal(reply_command_find(&smtp_protocol, "XYZZY"), -1);
}

/* The wire format as spec/smtp.yaml states it: RFC 5321 section 4.2.1's
 * coded continuation lines, section 4.2's Reply-code grammar (200 to 559),
 * section 4.5.3.1.5's 512-octet lines, and the runtime's liberal hard
 * limit above them. */
/* The codes only the registry cites, found through the enhanced codes
 * that cite them: 524 by X.7.11 alone, 422 by X.7.12, 525 by X.7.13; 538
 * and 550, codes of the spec, by none. */
static void test_registry_only_codes_lead_to_their_enhanced_codes(void **state)
{
    (void)state;
    static const struct {
        int code;
        const char *cited_by;
    } cases[] = { { 524, "X.7.11" }, { 422, "X.7.12" }, { 525, "X.7.13" } };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int found = smtp_enhanced_next_citing(cases[i].code, 0);
        assert_true(found >= 0);
        assert_string_equal(smtp_enhanced_info_code(&smtp_enhanced[found]), cases[i].cited_by);
        assert_int_equal(smtp_enhanced_next_citing(cases[i].code, found + 1), -1);
    }
    assert_int_equal(smtp_enhanced_next_citing(538, 0), -1);
    assert_int_equal(smtp_enhanced_next_citing(550, 0), -1);
    assert_int_equal(smtp_enhanced_next_citing(524, SMTP_ENHANCED_COUNT), -1);
    assert_string_equal(smtp_enhanced_info_registry_basic(smtp_enhanced_lookup(5, 7, 11)), "524");
}

static void test_smtp_options_come_from_the_spec(void **state)
{
    (void)state;
    struct reply_options options;
    assert_int_equal(reply_options_for(&options, &smtp_protocol), 1);
    assert_int_equal(options.mode, REPLY_LENIENT);
    assert_int_equal(options.continuation, REPLY_CONTINUATION_CODED);
    assert_int_equal(options.lowest_code, 200);
    assert_int_equal(options.highest_code, 559);
    assert_int_equal(options.strict_line_limit, REPLY_RFC_LINE_LIMIT);
    assert_int_equal(options.line_limit, REPLY_DEFAULT_LINE_LIMIT);
}

static void test_smtp_enhanced_511_is_bad_destination_mailbox(void **state)
{
    (void)state;
    struct reply_enhanced enhanced = { 5, 1, 1, 6 };
    struct reply_enhanced_meaning meaning;
    assert_int_equal(reply_describe_enhanced(&smtp_protocol, &enhanced, &meaning), 1);
    assert_string_equal(meaning.code, "X.1.1");
    assert_string_equal(meaning.text, "Bad destination mailbox address");
    assert_string_equal(meaning.class_title, "Permanent Failure");
    assert_string_equal(meaning.subject_title, "Addressing Status");
    assert_int_equal(meaning.fallback, 0);
}

/* An unregistered detail of a known subject means what X.Y.0 means. */
static void test_smtp_enhanced_unregistered_detail_falls_back_to_x_y_0(void **state)
{
    (void)state;
    struct reply_enhanced enhanced = { 4, 7, 999, 8 };
    struct reply_enhanced_meaning meaning;
    assert_int_equal(reply_describe_enhanced(&smtp_protocol, &enhanced, &meaning), 1);
    assert_string_equal(meaning.code, "X.7.0");
    assert_string_equal(meaning.text, "Other or undefined security status");
    assert_int_equal(meaning.fallback, 1);
}

/* An unknown subject has no entry to fall back on. */
static void test_smtp_enhanced_unknown_subject_has_class_only(void **state)
{
    (void)state;
    struct reply_enhanced enhanced = { 5, 9, 1, 6 };
    struct reply_enhanced_meaning meaning;
    assert_int_equal(reply_describe_enhanced(&smtp_protocol, &enhanced, &meaning), 1);
    assert_string_equal(meaning.class_title, "Permanent Failure");
    assert_null(meaning.subject_title);
    assert_null(meaning.text);
    assert_int_equal(meaning.fallback, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_smtp_protocol_names_itself),
        cmocka_unit_test(test_smtp_550_has_rfc_text),
        cmocka_unit_test(test_smtp_replies_expected_for_commands),
        cmocka_unit_test(test_smtp_options_come_from_the_spec),
        cmocka_unit_test(test_registry_only_codes_lead_to_their_enhanced_codes),
        cmocka_unit_test(test_smtp_enhanced_511_is_bad_destination_mailbox),
        cmocka_unit_test(test_smtp_enhanced_unregistered_detail_falls_back_to_x_y_0),
        cmocka_unit_test(test_smtp_enhanced_unknown_subject_has_class_only),
    };
    int failed = RUN_CASE_TABLE("smtp classification cases", cases, test_smtp_case);
    return failed + cmocka_run_group_tests_name("smtp_protocol", tests, NULL, NULL);
}
