/* test_ftp_protocol.c: the same runtime serving FTP (spec/ftp.yaml): its
 * 1yz and 6yz classes, its commands' preliminary replies, and RFC 959's
 * multi-line replies, whose middle lines are free text. */
#include <string.h>

#include "case_table.h"
#include "ftp_protocol.h"
#include "ftp_replies.h"

struct ftp_case {
    const char *name;
    int code;
    enum reply_class reply_class;
    const char *class_name;
    enum reply_action action;
};

static const struct ftp_case cases[] = {
    { "ftp_125_is_preliminary_wait", 125, REPLY_CLASS_POSITIVE_PRELIMINARY, "positive_preliminary", REPLY_ACTION_WAIT },
    { "ftp_226_is_completion_proceed", 226, REPLY_CLASS_POSITIVE_COMPLETION, "positive_completion",
      REPLY_ACTION_PROCEED },
    { "ftp_331_is_intermediate_send_more", 331, REPLY_CLASS_POSITIVE_INTERMEDIATE, "positive_intermediate",
      REPLY_ACTION_SEND_MORE },
    { "ftp_425_is_transient_retry_later", 425, REPLY_CLASS_TRANSIENT_NEGATIVE, "transient_negative",
      REPLY_ACTION_RETRY_LATER },
    { "ftp_530_is_permanent_give_up", 530, REPLY_CLASS_PERMANENT_NEGATIVE, "permanent_negative", REPLY_ACTION_GIVE_UP },
    /* RFC 2228: the client decodes the protected reply inside; the runtime
     * knows no action of its own for the digit. */
    { "ftp_631_is_protected_without_action", 631, (enum reply_class)6, "protected", REPLY_ACTION_UNKNOWN },
};

static void test_ftp_case(void **state)
{
    const struct ftp_case *c = *state;
    assert_int_equal(reply_class_of(&ftp_protocol, c->code), c->reply_class);
    assert_string_equal(reply_class_name(&ftp_protocol, c->code), c->class_name);
    assert_int_equal(reply_action_of(&ftp_protocol, c->code), c->action);
}

/* RFC 959 section 5.4's command-reply sequences, asked through the runtime. */
struct ftp_role_case {
    const char *name;
    const char *verb;
    int code;
    enum reply_role role;
};

static const struct ftp_role_case role_cases[] = {
    { "retr_150_is_preliminary", "RETR", 150, REPLY_ROLE_PRELIMINARY },
    { "retr_125_is_preliminary", "retr", 125, REPLY_ROLE_PRELIMINARY },
    { "stor_110_is_preliminary", "STOR", 110, REPLY_ROLE_PRELIMINARY },
    { "retr_226_is_success", "RETR", 226, REPLY_ROLE_SUCCESS },
    { "user_331_is_intermediate", "USER", 331, REPLY_ROLE_INTERMEDIATE },
    { "retr_550_is_error", "RETR", 550, REPLY_ROLE_ERROR },
    { "retr_421_common_error_is_error", "RETR", 421, REPLY_ROLE_ERROR },
    { "retr_331_is_unexpected", "RETR", 331, REPLY_ROLE_UNEXPECTED },
    { "user_150_is_unexpected", "USER", 150, REPLY_ROLE_UNEXPECTED },
};

static void test_ftp_role_case(void **state)
{
    const struct ftp_role_case *c = *state;
    int command = reply_command_find(&ftp_protocol, c->verb);
    assert_true(command >= 0);
    assert_int_equal(reply_role_for(&ftp_protocol, command, c->code), c->role);
}

/* Every command and every number: the runtime answers as the generated
 * ftp_reply_role_for() does, PRELIMINARY included; the two enums are
 * written from one list, so the values are the same. */
static void test_ftp_roles_agree_with_generated_tables(void **state)
{
    (void)state;
    int preliminary = 0;
    for (int command = 0; command < FTP_COMMAND_COUNT; command++)
        for (int code = 0; code < 1000; code++) {
            enum ftp_reply_role generated = ftp_reply_role_for((enum ftp_command)command, code);
            assert_int_equal(reply_role_for(&ftp_protocol, command, code), (int)generated);
            preliminary += generated == FTP_ROLE_PRELIMINARY;
        }
    assert_true(preliminary > 0);
    assert_int_equal(reply_role_for(&ftp_protocol, FTP_COMMAND_COUNT, 150), REPLY_ROLE_UNEXPECTED);
    assert_int_equal(reply_role_for(&ftp_protocol, -1, 150), REPLY_ROLE_UNEXPECTED);
}

/* The wire format as spec/ftp.yaml states it: RFC 959 section 4.2's free
 * continuation lines, codes 100 to 659 (RFC 2228's 6yz), lines of 4096. */
static void test_ftp_options_come_from_the_spec(void **state)
{
    (void)state;
    struct reply_options options;
    assert_int_equal(reply_options_for(&options, &ftp_protocol), 1);
    assert_int_equal(options.mode, REPLY_LENIENT);
    assert_int_equal(options.continuation, REPLY_CONTINUATION_FREE);
    assert_int_equal(options.lowest_code, 100);
    assert_int_equal(options.highest_code, 659);
    assert_int_equal(options.strict_line_limit, 4096);
    assert_int_equal(options.line_limit, 4096);
}

static void test_ftp_226_is_in_the_spec(void **state)
{
    (void)state;
    struct reply_meaning meaning;
    assert_int_equal(reply_describe(&ftp_protocol, 226, &meaning), 1);
    assert_string_equal(meaning.name, "closing_data_connection");
    assert_string_equal(ftp_protocol.name, "ftp");
}

/* RFC 959 section 4.2, its example verbatim, parsed with FTP's options. */
static void test_rfc959_reply_parses_strictly_and_classifies(void **state)
{
    (void)state;
    static const char wire[] = "123-First line\r\nSecond line\r\n"
                               "  234 A line beginning with numbers\r\n123 The last line\r\n";
    struct reply_options options;
    reply_options_for(&options, &ftp_protocol);
    options.mode = REPLY_STRICT;
    char storage[256];
    struct reply_line lines[8];
    struct reply_parser parser;
    reply_parser_init(&parser, &options, storage, sizeof storage, lines, 8);
    struct reply reply;
    size_t consumed;
    assert_int_equal(reply_parser_feed(&parser, wire, sizeof wire - 1, &consumed, &reply), REPLY_COMPLETE);
    assert_int_equal(consumed, sizeof wire - 1);
    assert_int_equal(reply.code, 123);
    assert_int_equal(reply.line_count, 4);
    assert_int_equal(reply.tolerated, 0);
    assert_int_equal(reply.lines[2].code, -1);
    assert_int_equal(reply_action_of(&ftp_protocol, reply.code), REPLY_ACTION_WAIT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ftp_226_is_in_the_spec),
        cmocka_unit_test(test_ftp_roles_agree_with_generated_tables),
        cmocka_unit_test(test_ftp_options_come_from_the_spec),
        cmocka_unit_test(test_rfc959_reply_parses_strictly_and_classifies),
    };
    int failed = RUN_CASE_TABLE("ftp classification cases", cases, test_ftp_case);
    failed += RUN_CASE_TABLE("ftp role cases", role_cases, test_ftp_role_case);
    return failed + cmocka_run_group_tests_name("ftp_protocol", tests, NULL, NULL);
}
