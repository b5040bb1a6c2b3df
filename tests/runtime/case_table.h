/* case_table.h: run one cmocka test per row of a table, named by the row,
 * so that a failing case says which one it is. */
#ifndef REPLYGEN_CASE_TABLE_H
#define REPLYGEN_CASE_TABLE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

/* rows: count rows of row_size bytes, each starting with its name
 * (const char *). The test receives the row in *state. */
static inline int run_case_table(const char *group, const void *rows, size_t row_size, size_t count,
                                 CMUnitTestFunction test)
{
    struct CMUnitTest *tests = calloc(count, sizeof *tests);
    if (tests == NULL)
        return 1;
    for (size_t i = 0; i < count; i++) {
        void *row = (char *)rows + i * row_size;
        tests[i].name = *(const char *const *)row;
        tests[i].test_func = test;
        tests[i].initial_state = row;
    }
    int failed = _cmocka_run_group_tests(group, tests, count, NULL, NULL);
    free(tests);
    return failed;
}

#define RUN_CASE_TABLE(group, cases, test) \
    run_case_table(group, cases, sizeof(cases[0]), sizeof(cases) / sizeof(cases[0]), test)

#endif
