/* rfc_sequences.c: see rfc_sequences.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "rfc_sequences.h"

#include <string.h>

enum {
    LOWEST = 100,
    HIGHEST = 999
};

/* Gives the codes of list the role, failing on a code the command's own
 * lists already gave one. */
static void mark(int *expected, const unsigned char *own, const int *list, int role, const char *verb)
{
    for (; list && *list; list++) {
        if (*list < LOWEST || *list > HIGHEST)
            fail_msg("%s: %d in the RFC table is not a three-digit code", verb, *list);
        if (own[*list])
            fail_msg("%s: %d is in two roles of the RFC table", verb, *list);
        expected[*list] = role;
    }
}

void rfc_check_command(int command, const char *verb, const struct rfc_roles *roles, const char *(*verb_of)(int),
                       int (*role_of)(int, int), const char *(*role_name)(int), struct rfc_role_values values)
{
    int expected[HIGHEST + 1];
    unsigned char own[HIGHEST + 1] = { 0 };
    const int *lists[] = { roles->preliminary, roles->success, roles->intermediate, roles->error };
    const int list_roles[] = { values.preliminary, values.success, values.intermediate, values.error };
    int code;
    size_t l;
    const int *c;
    assert_string_equal(verb_of(command), verb);
    for (code = 0; code <= HIGHEST; code++)
        expected[code] = values.unexpected;
    for (c = roles->any_command; c && *c; c++)
        expected[*c] = values.error;
    for (l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        mark(expected, own, lists[l], list_roles[l], verb);
        for (c = lists[l]; c && *c; c++)
            own[*c] = 1;
    }
    for (code = LOWEST; code <= HIGHEST; code++) {
        int got = role_of(command, code);
        if (got != expected[code])
            fail_msg("%s: %d is %s in the generated tables, %s in the RFC table", verb[0] ? verb : "(no verb)", code,
                     role_name(got), role_name(expected[code]));
    }
}
