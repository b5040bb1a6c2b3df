/* test_single_header_beside_library.c: a program that links libreplygen
 * (which exports smtp_reply_lookup() and the other smtp_* functions) and
 * also vendors smtp_replies_single.h with SMTP_REPLIES_STATIC: it must
 * build without duplicate definitions, without -Wunused-function warnings
 * for the functions it does not call, and both copies must answer alike.
 * Built twice, against the shared and against the static library. */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define SMTP_REPLIES_STATIC
#include "smtp_replies_single.h"

#include "smtp_protocol.h"

#ifdef BESIDE_SHARED_LIBRARY
#include <dlfcn.h>
#include <string.h>
#endif

static void test_static_copy_and_library_describe_550_alike(void **state)
{
    const struct smtp_reply_info *info = smtp_reply_lookup(550);
    struct reply_meaning meaning;
    (void)state;
    assert_non_null(info);
    assert_int_equal(reply_describe(&smtp_protocol, 550, &meaning), 1);
    assert_string_equal(smtp_reply_info_name(info), "mailbox_unavailable");
    assert_string_equal(meaning.name, "mailbox_unavailable");
    assert_string_equal(smtp_reply_info_text(info), "Requested action not taken: mailbox unavailable");
    assert_string_equal(meaning.text, "Requested action not taken: mailbox unavailable");
}

static void test_static_copy_has_its_own_tables(void **state)
{
    (void)state;
    assert_int_equal(smtp_replies[0].code, 211);
    assert_int_equal(smtp_reply_from_name("ok"), 250);
    assert_string_equal(smtp_enhanced_info_code(smtp_enhanced_lookup(5, 1, 1)), "X.1.1");
}

#ifdef BESIDE_SHARED_LIBRARY
/* Without SMTP_REPLIES_STATIC the program would export its own
 * smtp_reply_lookup(), and the shared library's descriptor would call it
 * instead of the library's (interposition): the name the dynamic linker
 * finds must be the library's, not this file's copy. */
static void test_library_keeps_its_own_functions(void **state)
{
    void *symbol = dlsym(RTLD_DEFAULT, "smtp_reply_lookup");
    const struct smtp_reply_info *(*found)(int);
    (void)state;
    assert_non_null(symbol);
    /* POSIX's way from an object pointer to a function pointer. */
    memcpy(&found, &symbol, sizeof found);
    assert_true(found != smtp_reply_lookup);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_static_copy_and_library_describe_550_alike),
        cmocka_unit_test(test_static_copy_has_its_own_tables),
#ifdef BESIDE_SHARED_LIBRARY
        cmocka_unit_test(test_library_keeps_its_own_functions),
#endif
    };
    return cmocka_run_group_tests_name("single_header_beside_library", tests, NULL, NULL);
}
