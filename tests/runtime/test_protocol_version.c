/* test_protocol_version.c: struct reply_protocol carries its layout's
 * version first. The runtime refuses a descriptor older than it can read,
 * in the documented way and without reading past its version, and reads a
 * newer one as far as it knows it. */
#include <string.h>

#include "case_table.h"
#include "smtp_protocol.h"

/* A descriptor of version 0: no layout the runtime knows, only the int
 * that says so. On the heap and exactly that large, so that a read past
 * it is an error under AddressSanitizer or valgrind. */
static const struct reply_protocol *older_than_any(void)
{
    int *version = malloc(sizeof *version);
    assert_non_null(version);
    *version = 0;
    return (const struct reply_protocol *)(void *)version;
}

static void test_version_0_descriptor_is_refused(void **state)
{
    (void)state;
    const struct reply_protocol *old = older_than_any();
    assert_int_equal(reply_protocol_supported(old), 0);
    assert_int_equal(reply_class_of(old, 550), REPLY_CLASS_UNKNOWN);
    assert_null(reply_class_name(old, 550));
    assert_null(reply_class_title(old, 550));
    assert_null(reply_category_title(old, 550));
    assert_int_equal(reply_action_of(old, 550), REPLY_ACTION_UNKNOWN);
    struct reply_meaning meaning;
    memset(&meaning, 0xAB, sizeof meaning);
    assert_int_equal(reply_describe(old, 550, &meaning), 0);
    assert_null(meaning.name);
    struct reply_enhanced enhanced = { 5, 1, 1, 6 };
    struct reply_enhanced_meaning enhanced_meaning;
    assert_int_equal(reply_describe_enhanced(old, &enhanced, &enhanced_meaning), 0);
    assert_null(enhanced_meaning.class_title);
    assert_int_equal(reply_command_find(old, "RCPT"), -1);
    assert_int_equal(reply_role_for(old, 0, 250), REPLY_ROLE_UNEXPECTED);
    free((void *)old);
}

/* A refused descriptor gives the documented defaults, as
 * reply_options_init() does, and says so. */
static void test_version_0_descriptor_gives_default_options(void **state)
{
    (void)state;
    const struct reply_protocol *old = older_than_any();
    struct reply_options options, defaults;
    reply_options_init(&defaults);
    memset(&options, 0xAB, sizeof options);
    assert_int_equal(reply_options_for(&options, old), 0);
    assert_memory_equal(&options, &defaults, sizeof options);
    free((void *)old);
}

static void test_null_protocol_is_refused(void **state)
{
    (void)state;
    struct reply_options options;
    assert_int_equal(reply_protocol_supported(NULL), 0);
    assert_int_equal(reply_options_for(&options, NULL), 0);
    assert_int_equal(reply_class_of(NULL, 250), REPLY_CLASS_UNKNOWN);
    assert_int_equal(reply_command_find(NULL, "MAIL"), -1);
}

static void test_negative_version_is_refused(void **state)
{
    (void)state;
    struct reply_protocol negative = smtp_protocol;
    negative.version = -1;
    assert_int_equal(reply_protocol_supported(&negative), 0);
    assert_int_equal(reply_class_of(&negative, 250), REPLY_CLASS_UNKNOWN);
}

/* A program built against a later header hands over a longer descriptor;
 * this runtime reads the members it knows and ignores the rest. */
struct future_protocol {
    struct reply_protocol known;
    int (*member_added_later)(int code);
};

static int never_called(int code)
{
    (void)code;
    fail_msg("the runtime read a member it does not know");
    return 0;
}

static void test_newer_version_is_read_as_far_as_known(void **state)
{
    (void)state;
    struct future_protocol future = { smtp_protocol, never_called };
    future.known.version = REPLY_PROTOCOL_VERSION + 1;
    const struct reply_protocol *newer = &future.known;
    assert_int_equal(reply_protocol_supported(newer), 1);
    assert_int_equal(reply_class_of(newer, 550), REPLY_CLASS_PERMANENT_NEGATIVE);
    struct reply_meaning meaning;
    assert_int_equal(reply_describe(newer, 550, &meaning), 1);
    assert_string_equal(meaning.name, "mailbox_unavailable");
    assert_int_equal(reply_role_for(newer, reply_command_find(newer, "DATA"), 354), REPLY_ROLE_INTERMEDIATE);
    struct reply_options options;
    assert_int_equal(reply_options_for(&options, newer), 1);
    assert_int_equal(options.highest_code, 559);
}

/* The generated descriptors fill version 2, the layout of this header,
 * and answer through its describe_for_command: AUTH's own 454. */
static void test_generated_descriptor_is_version_2(void **state)
{
    (void)state;
    assert_int_equal(smtp_protocol.version, 2);
    assert_int_equal(REPLY_PROTOCOL_VERSION, 2);
    assert_int_equal(reply_protocol_supported(&smtp_protocol), 1);
    struct reply_meaning meaning;
    int auth = reply_command_find(&smtp_protocol, "AUTH");
    assert_int_equal(reply_describe_for_command(&smtp_protocol, auth, 454, &meaning), 1);
    assert_string_equal(meaning.text, "4.7.0 Temporary authentication failure");
    assert_int_equal(reply_describe(&smtp_protocol, 454, &meaning), 1);
    assert_string_equal(meaning.text, "TLS not available due to temporary reason");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_0_descriptor_is_refused),
        cmocka_unit_test(test_version_0_descriptor_gives_default_options),
        cmocka_unit_test(test_null_protocol_is_refused),
        cmocka_unit_test(test_negative_version_is_refused),
        cmocka_unit_test(test_newer_version_is_read_as_far_as_known),
        cmocka_unit_test(test_generated_descriptor_is_version_2),
    };
    return cmocka_run_group_tests_name("protocol_version", tests, NULL, NULL);
}
