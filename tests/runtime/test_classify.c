/* test_classify.c: classification and lookups through struct
 * reply_protocol, with a hand-made protocol shaped like a generated one:
 * digits 1 to 5, five codes, two commands, two enhanced codes. */
#include <string.h>

#include "case_table.h"
#include "replygen/reply.h"

static int toy_class_of(int code)
{
    int digit = code / 100;
    return digit >= 1 && digit <= 5 ? digit : 0;
}

static const char *toy_class_name(int digit)
{
    static const char *const names[] = { NULL,
                                         "positive_preliminary",
                                         "positive_completion",
                                         "positive_intermediate",
                                         "transient_negative",
                                         "permanent_negative" };
    return digit >= 1 && digit <= 5 ? names[digit] : NULL;
}

static const char *toy_class_title(int digit) { return digit == 5 ? "Permanent Negative Completion reply" : NULL; }

static int toy_category_of(int code)
{
    int digit = code / 10 % 10;
    return code >= 100 && code <= 999 && digit <= 5 ? digit : -1;
}

static const char *toy_category_title(int digit) { return digit == 5 ? "Mail system" : NULL; }

static const struct reply_meaning toy_codes[] = {
    { 220, "service_ready", "Service ready", "Ready", "d", "RFC 5321 section 4.2.3", REPLY_CODE_STANDARD },
    { 250, "ok", "Requested mail action okay, completed", "Done", "d", "RFC 5321", REPLY_CODE_STANDARD },
    { 354, "start_mail_input", "Start mail input", "Send data", "d", "RFC 5321", REPLY_CODE_STANDARD },
    { 421, "service_not_available", "Service not available", "Closing", "d", "RFC 5321", REPLY_CODE_STANDARD },
    { 550, "mailbox_unavailable", "Requested action not taken: mailbox unavailable", "Mailbox unavailable", "d",
      "RFC 5321", REPLY_CODE_STANDARD },
};

static int toy_describe(int code, struct reply_meaning *meaning)
{
    for (size_t i = 0; i < sizeof toy_codes / sizeof toy_codes[0]; i++)
        if (toy_codes[i].code == code) {
            *meaning = toy_codes[i];
            return 1;
        }
    return 0;
}

static const char *toy_command_name(int command) { return command == 0 ? "greeting" : "mail"; }

static const char *toy_command_verb(int command) { return command == 0 ? "" : "MAIL"; }

static enum reply_role toy_role_for(int command, int code)
{
    if (command == 0)
        return code == 220 ? REPLY_ROLE_SUCCESS : code == 421 ? REPLY_ROLE_ERROR : REPLY_ROLE_UNEXPECTED;
    return code == 250 ? REPLY_ROLE_SUCCESS : code == 550 ? REPLY_ROLE_ERROR : REPLY_ROLE_UNEXPECTED;
}

static int toy_describe_enhanced(int class_digit, int subject, int detail, struct reply_enhanced_meaning *meaning)
{
    if (class_digit != 2 && class_digit != 4 && class_digit != 5)
        return 0;
    meaning->class_title = class_digit == 5 ? "Permanent Failure" : "Other";
    if (subject == 1 && detail == 1) {
        meaning->text = "Bad destination mailbox address";
        meaning->description = "The mailbox specified in the address does not exist.";
    }
    return 1;
}

/* MAIL's own 550, as a spec's per-command meaning gives it. */
static int toy_describe_for_command(int command, int code, struct reply_meaning *meaning)
{
    if (!toy_describe(code, meaning))
        return 0;
    if (command == 1 && code == 550) {
        meaning->text = "Sender rejected";
        meaning->description = "MAIL's own 550";
        meaning->refs = "Toy section 3";
    }
    return 1;
}

static const struct reply_protocol toy = {
    REPLY_PROTOCOL_VERSION,
    "toy",
    "Toy Transfer Protocol",
    512,
    REPLY_CONTINUATION_CODED,
    200,
    559,
    toy_class_of,
    toy_class_name,
    toy_class_title,
    toy_category_of,
    toy_category_title,
    toy_describe,
    2,
    toy_command_name,
    toy_command_verb,
    toy_role_for,
    toy_describe_enhanced,
    toy_describe_for_command,
};

struct class_case {
    const char *name;
    int code;
    enum reply_class reply_class;
    const char *class_name;
    enum reply_action action;
    const char *action_name;
};

static const struct class_case class_cases[] = {
    { "classify_150_is_positive_preliminary", 150, REPLY_CLASS_POSITIVE_PRELIMINARY, "positive_preliminary",
      REPLY_ACTION_WAIT, "wait" },
    { "classify_250_is_positive_completion", 250, REPLY_CLASS_POSITIVE_COMPLETION, "positive_completion",
      REPLY_ACTION_PROCEED, "proceed" },
    { "classify_354_is_positive_intermediate", 354, REPLY_CLASS_POSITIVE_INTERMEDIATE, "positive_intermediate",
      REPLY_ACTION_SEND_MORE, "send_more" },
    { "classify_421_is_transient", 421, REPLY_CLASS_TRANSIENT_NEGATIVE, "transient_negative", REPLY_ACTION_RETRY_LATER,
      "retry_later" },
    { "classify_550_is_permanent", 550, REPLY_CLASS_PERMANENT_NEGATIVE, "permanent_negative", REPLY_ACTION_GIVE_UP,
      "give_up" },
    { "classify_599_unknown_code_known_digit", 599, REPLY_CLASS_PERMANENT_NEGATIVE, "permanent_negative",
      REPLY_ACTION_GIVE_UP, "give_up" },
    { "classify_650_digit_not_in_spec_is_unknown", 650, REPLY_CLASS_UNKNOWN, NULL, REPLY_ACTION_UNKNOWN, NULL },
    { "classify_99_is_unknown", 99, REPLY_CLASS_UNKNOWN, NULL, REPLY_ACTION_UNKNOWN, NULL },
    { "classify_1000_is_unknown", 1000, REPLY_CLASS_UNKNOWN, NULL, REPLY_ACTION_UNKNOWN, NULL },
    { "classify_negative_is_unknown", -250, REPLY_CLASS_UNKNOWN, NULL, REPLY_ACTION_UNKNOWN, NULL },
};

static void test_class_case(void **state)
{
    const struct class_case *c = *state;
    assert_int_equal(reply_class_of(&toy, c->code), c->reply_class);
    assert_int_equal(reply_action_of(&toy, c->code), c->action);
    if (c->class_name == NULL)
        assert_null(reply_class_name(&toy, c->code));
    else
        assert_string_equal(reply_class_name(&toy, c->code), c->class_name);
    if (c->action_name == NULL)
        assert_null(reply_action_name(c->action));
    else
        assert_string_equal(reply_action_name(c->action), c->action_name);
}

static void test_class_title_comes_from_the_protocol(void **state)
{
    (void)state;
    assert_string_equal(reply_class_title(&toy, 550), "Permanent Negative Completion reply");
    assert_null(reply_class_title(&toy, 650));
}

static void test_category_title_comes_from_the_protocol(void **state)
{
    (void)state;
    assert_string_equal(reply_category_title(&toy, 550), "Mail system");
    assert_null(reply_category_title(&toy, 560));
    assert_null(reply_category_title(&toy, 1050));
}

static void test_describe_known_code(void **state)
{
    (void)state;
    struct reply_meaning meaning;
    assert_int_equal(reply_describe(&toy, 550, &meaning), 1);
    assert_int_equal(meaning.code, 550);
    assert_string_equal(meaning.name, "mailbox_unavailable");
    assert_string_equal(meaning.summary, "Mailbox unavailable");
}

static void test_describe_unknown_code_zeroes_meaning(void **state)
{
    (void)state;
    struct reply_meaning meaning;
    memset(&meaning, 0xAA, sizeof meaning);
    assert_int_equal(reply_describe(&toy, 299, &meaning), 0);
    assert_int_equal(meaning.code, 0);
    assert_null(meaning.name);
    assert_null(meaning.summary);
}

static void test_describe_for_command_gives_the_commands_own_meaning(void **state)
{
    (void)state;
    struct reply_meaning meaning;
    assert_int_equal(reply_describe_for_command(&toy, 1, 550, &meaning), 1);
    assert_int_equal(meaning.code, 550);
    assert_string_equal(meaning.name, "mailbox_unavailable");
    assert_string_equal(meaning.summary, "Mailbox unavailable");
    assert_string_equal(meaning.text, "Sender rejected");
    assert_string_equal(meaning.description, "MAIL's own 550");
    assert_string_equal(meaning.refs, "Toy section 3");
}

static void test_describe_for_command_falls_back_to_the_code(void **state)
{
    (void)state;
    static const int commands[] = { 0, -1, 2, 1000 }; /* no own meaning, none, beyond the count */
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        struct reply_meaning meaning;
        assert_int_equal(reply_describe_for_command(&toy, commands[i], 550, &meaning), 1);
        assert_string_equal(meaning.text, "Requested action not taken: mailbox unavailable");
        assert_string_equal(meaning.refs, "RFC 5321");
    }
    struct reply_meaning meaning;
    memset(&meaning, 0xAA, sizeof meaning);
    assert_int_equal(reply_describe_for_command(&toy, 1, 299, &meaning), 0);
    assert_null(meaning.name);
}

static int never_called(int command, int code, struct reply_meaning *meaning)
{
    (void)command;
    (void)code;
    (void)meaning;
    fail_msg("describe_for_command read from a version 1 descriptor");
    return 0;
}

/* A program built against a version 1 header has no describe_for_command:
 * the library must not read it, and gives the code's own meaning. */
static void test_describe_for_command_of_a_version_1_descriptor(void **state)
{
    (void)state;
    struct reply_protocol version_1 = toy;
    version_1.version = 1;
    version_1.describe_for_command = never_called;
    struct reply_meaning meaning;
    assert_int_equal(reply_describe_for_command(&version_1, 1, 550, &meaning), 1);
    assert_string_equal(meaning.text, "Requested action not taken: mailbox unavailable");
    version_1.version = 2;
    version_1.describe_for_command = NULL;
    assert_int_equal(reply_describe_for_command(&version_1, 1, 550, &meaning), 1);
    assert_string_equal(meaning.text, "Requested action not taken: mailbox unavailable");
}

static void test_describe_enhanced_known_detail(void **state)
{
    (void)state;
    struct reply_enhanced enhanced = { 5, 1, 1, 6 };
    struct reply_enhanced_meaning meaning;
    assert_int_equal(reply_describe_enhanced(&toy, &enhanced, &meaning), 1);
    assert_string_equal(meaning.class_title, "Permanent Failure");
    assert_string_equal(meaning.text, "Bad destination mailbox address");
}

static void test_describe_enhanced_unknown_detail_keeps_class(void **state)
{
    (void)state;
    struct reply_enhanced enhanced = { 5, 9, 9, 6 };
    struct reply_enhanced_meaning meaning;
    assert_int_equal(reply_describe_enhanced(&toy, &enhanced, &meaning), 1);
    assert_string_equal(meaning.class_title, "Permanent Failure");
    assert_null(meaning.text);
}

static void test_describe_enhanced_absent_code_is_0(void **state)
{
    (void)state;
    struct reply_enhanced none = { 0, 0, 0, 0 };
    struct reply_enhanced_meaning meaning;
    assert_int_equal(reply_describe_enhanced(&toy, &none, &meaning), 0);
    assert_null(meaning.class_title);
}

static void test_protocol_without_enhanced_codes_describes_none(void **state)
{
    (void)state;
    struct reply_protocol plain = toy;
    plain.describe_enhanced = NULL;
    struct reply_enhanced enhanced = { 5, 1, 1, 6 };
    struct reply_enhanced_meaning meaning;
    assert_int_equal(reply_describe_enhanced(&plain, &enhanced, &meaning), 0);
}

static void test_command_find_ignores_case(void **state)
{
    (void)state;
    assert_int_equal(reply_command_find(&toy, "MAIL"), 1);
    assert_int_equal(reply_command_find(&toy, "mail"), 1);
    assert_int_equal(reply_command_find(&toy, "MaIl"), 1);
    assert_int_equal(reply_command_find(&toy, ""), 0);
    assert_int_equal(reply_command_find(&toy, "RCPT"), -1);
    assert_int_equal(reply_command_find(&toy, "MAILX"), -1);
}

static void test_role_for_listed_and_unlisted_codes(void **state)
{
    (void)state;
    assert_int_equal(reply_role_for(&toy, 1, 250), REPLY_ROLE_SUCCESS);
    assert_int_equal(reply_role_for(&toy, 1, 550), REPLY_ROLE_ERROR);
    assert_int_equal(reply_role_for(&toy, 1, 354), REPLY_ROLE_UNEXPECTED);
    assert_int_equal(reply_role_for(&toy, 0, 220), REPLY_ROLE_SUCCESS);
}

static void test_role_for_unknown_command_is_unexpected(void **state)
{
    (void)state;
    assert_int_equal(reply_role_for(&toy, -1, 250), REPLY_ROLE_UNEXPECTED);
    assert_int_equal(reply_role_for(&toy, 2, 250), REPLY_ROLE_UNEXPECTED);
}

/* The names are smtp-explain's JSON vocabulary: each one exactly. */
static void test_error_names_are_stable(void **state)
{
    (void)state;
    static const char *const names[] = {
        "none",
        "bare_lf",
        "code_only",
        "code_mismatch",
        "non_digit_code",
        "code_out_of_range",
        "line_too_long",
        "not_utf8",
        "control_char",
        "enhanced_mismatch",
        "bad_separator",
        "line_over_limit",
        "reply_over_limit",
        "truncated",
    };
    for (int error = REPLY_ERROR_NONE; error <= REPLY_ERROR_TRUNCATED; error++) {
        assert_string_equal(reply_error_name((enum reply_error)error), names[error]);
        /* code_mismatch is refused in both modes (reply.h). */
        assert_int_equal(reply_error_is_deviation((enum reply_error)error),
                         error >= REPLY_ERROR_BARE_LF && error <= REPLY_ERROR_ENHANCED_MISMATCH
                             && error != REPLY_ERROR_CODE_MISMATCH);
    }
    assert_string_equal(reply_error_name((enum reply_error)99), "unknown");
    assert_string_equal(reply_error_message(REPLY_ERROR_BARE_LF), "line ends in LF without CR");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_title_comes_from_the_protocol),
        cmocka_unit_test(test_category_title_comes_from_the_protocol),
        cmocka_unit_test(test_describe_known_code),
        cmocka_unit_test(test_describe_unknown_code_zeroes_meaning),
        cmocka_unit_test(test_describe_for_command_gives_the_commands_own_meaning),
        cmocka_unit_test(test_describe_for_command_falls_back_to_the_code),
        cmocka_unit_test(test_describe_for_command_of_a_version_1_descriptor),
        cmocka_unit_test(test_describe_enhanced_known_detail),
        cmocka_unit_test(test_describe_enhanced_unknown_detail_keeps_class),
        cmocka_unit_test(test_describe_enhanced_absent_code_is_0),
        cmocka_unit_test(test_protocol_without_enhanced_codes_describes_none),
        cmocka_unit_test(test_command_find_ignores_case),
        cmocka_unit_test(test_role_for_listed_and_unlisted_codes),
        cmocka_unit_test(test_role_for_unknown_command_is_unexpected),
        cmocka_unit_test(test_error_names_are_stable),
    };
    int failed = RUN_CASE_TABLE("reply classification cases", class_cases, test_class_case);
    return failed + cmocka_run_group_tests_name("reply meaning", tests, NULL, NULL);
}
