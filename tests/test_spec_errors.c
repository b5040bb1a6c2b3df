/* test_spec_errors.c: each tests/bad/NAME.yaml must make replygen print
 * exactly tests/bad/NAME.err, exit 1, and leave the output folder as it was.
 * Adding a case is adding the two files. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/process.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *replygen;
static const char *bad_dir;

struct bad_case {
    char name[256];
};

static void run_bad_case(void **state)
{
    const struct bad_case *bad = *state;
    char spec[512], expected_path[4096];
    snprintf(spec, sizeof spec, "%s.yaml", bad->name);
    snprintf(expected_path, sizeof expected_path, "%s/%s.err", bad_dir, bad->name);
    char *expected = read_whole_file(expected_path, NULL);
    if (!expected)
        fail_msg("%s is missing", expected_path);

    char *out_dir = untouched_folder_new();
    assert_non_null(out_dir);

    const char *argv[] = { replygen, spec, "-o", out_dir, NULL };
    struct process_result result;
    assert_int_equal(process_run(argv, bad_dir, &result), 0);
    if (strcmp(result.err, expected) != 0)
        fail_msg("%s: expected on standard error:\n%s\ngot:\n%s", bad->name, expected, result.err);
    assert_int_equal(result.status, 1);
    assert_int_equal(result.out_length, 0);
    char problem[256];
    if (!untouched_folder_check(out_dir, problem, sizeof problem))
        fail_msg("%s: the output folder changed: %s", bad->name, problem);

    process_result_free(&result);
    remove_tree(out_dir);
    free(out_dir);
    free(expected);
}

static int compare_cases(const void *a, const void *b)
{
    return strcmp(((const struct bad_case *)a)->name, ((const struct bad_case *)b)->name);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s REPLYGEN BAD_SPEC_DIR\n", argv[0]);
        return 2;
    }
    replygen = argv[1];
    bad_dir = argv[2];
    DIR *folder = opendir(bad_dir);
    if (!folder) {
        perror(bad_dir);
        return 1;
    }
    struct bad_case *cases = NULL;
    size_t count = 0;
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        size_t length = strlen(entry->d_name);
        if (length < 6 || length > 250 || strcmp(entry->d_name + length - 5, ".yaml") != 0)
            continue;
        cases = realloc(cases, (count + 1) * sizeof *cases);
        snprintf(cases[count].name, sizeof cases[count].name, "%.*s", (int)(length - 5), entry->d_name);
        count++;
    }
    closedir(folder);
    qsort(cases, count, sizeof *cases, compare_cases);
    struct CMUnitTest *tests = calloc(count, sizeof *tests);
    for (size_t i = 0; i < count; i++) {
        tests[i].name = cases[i].name;
        tests[i].test_func = run_bad_case;
        tests[i].initial_state = &cases[i];
    }
    int failed = _cmocka_run_group_tests("bad specs", tests, count, NULL, NULL);
    free(tests);
    free(cases);
    return failed;
}
