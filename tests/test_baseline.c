/* test_baseline.c: replygen --baseline OLD_SPEC SPEC. Each tests/baseline/
 * NAME.yaml is compared against NAME.old.yaml, or base.yaml when there is
 * none, and must make replygen print exactly NAME.err: empty for a
 * compatible change (exit 0; then it says what passed, exactly NAME.out,
 * on standard output), else one error per breaking change, at its place
 * (exit 1). With -o or --check as well, a failing comparison must
 * leave the output folder as it was and check nothing. Adding a case is
 * adding the files. */
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
#include <sys/stat.h>

static const char *replygen;
static const char *case_dir;

struct baseline_case {
    char name[256];
    char old_spec[300];
    char new_spec[300];
};

static int run(const char *const *argv, struct process_result *result)
{
    assert_int_equal(process_run(argv, case_dir, result), 0);
    return result->status;
}

static char *expected_file(const struct baseline_case *test, const char *extension)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.%s", case_dir, test->name, extension);
    char *expected = read_whole_file(path, NULL);
    if (!expected)
        fail_msg("%s is missing", path);
    return expected;
}

static void assert_err(const struct baseline_case *test, const char *how, const char *expected,
                       const struct process_result *result)
{
    if (strcmp(result->err, expected) != 0)
        fail_msg("%s (%s): expected on standard error:\n%s\ngot:\n%s", test->name, how, expected, result->err);
}

/* The names in folder other than . and .., counted; whether keep.txt is
 * there with its bytes. */
static size_t count_entries(const char *folder_path, int *kept)
{
    DIR *folder = opendir(folder_path);
    assert_non_null(folder);
    size_t count = 0;
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL)
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
            count++;
    closedir(folder);
    char keep[4096];
    snprintf(keep, sizeof keep, "%s/keep.txt", folder_path);
    char *text = read_whole_file(keep, NULL);
    *kept = text && strcmp(text, "a file that must survive\n") == 0;
    free(text);
    return count;
}

static void run_case(void **state)
{
    const struct baseline_case *test = *state;
    char *expected = expected_file(test, "err");
    int compatible = expected[0] == '\0';
    char *expected_out = compatible ? expected_file(test, "out") : strdup("");
    struct process_result result;

    /* Alone: compare and print. */
    const char *alone[] = { replygen, "--baseline", test->old_spec, test->new_spec, NULL };
    int status = run(alone, &result);
    assert_err(test, "--baseline alone", expected, &result);
    assert_int_equal(status, compatible ? 0 : 1);
    assert_string_equal(result.out, expected_out);
    process_result_free(&result);

    /* With -o: a failure writes nothing; a pass generates as usual. */
    char *out_dir = temp_folder();
    assert_non_null(out_dir);
    char keep[4096];
    snprintf(keep, sizeof keep, "%s/keep.txt", out_dir);
    assert_int_equal(file_write(keep, "a file that must survive\n", 25), 0);
    const char *generate[] = { replygen, "-q", "--baseline", test->old_spec, test->new_spec, "-o", out_dir, NULL };
    status = run(generate, &result);
    assert_err(test, "--baseline with -o", expected, &result);
    assert_int_equal(status, compatible ? 0 : 1);
    assert_string_equal(result.out, "");
    process_result_free(&result);
    int kept;
    size_t entries = count_entries(out_dir, &kept);
    assert_true(kept);
    if (compatible)
        assert_true(entries > 1);
    else
        assert_int_equal(entries, 1);

    /* With --check: a failure stops before any file is compared, so the
     * report is the comparison's alone (the folder lacks every output). */
    if (!compatible) {
        const char *check[] = {
            replygen, "--baseline", test->old_spec, "--check", test->new_spec, "-o", out_dir, NULL
        };
        status = run(check, &result);
        assert_err(test, "--baseline with --check", expected, &result);
        assert_int_equal(status, 1);
        process_result_free(&result);
    }

    remove_tree(out_dir);
    free(out_dir);
    free(expected_out);
    free(expected);
}

/* The option's usage: what it combines with. */
static void test_baseline_with_dump_model_is_a_usage_error(void **state)
{
    (void)state;
    const char *argv[] = { replygen, "--baseline", "base.yaml", "--dump-model", "unchanged.yaml", NULL };
    struct process_result result;
    assert_int_equal(run(argv, &result), 2);
    assert_string_equal(result.err,
                        "replygen: --dump-model takes only a SPEC\n"
                        "Try 'replygen --help' for more information.\n");
    process_result_free(&result);
}

static void test_baseline_with_check_needs_an_output_folder(void **state)
{
    (void)state;
    const char *argv[] = { replygen, "--baseline", "base.yaml", "--check", "unchanged.yaml", NULL };
    struct process_result result;
    assert_int_equal(run(argv, &result), 2);
    assert_string_equal(result.err, "replygen: missing -o DIR\nTry 'replygen --help' for more information.\n");
    process_result_free(&result);
}

static void test_baseline_needs_its_argument(void **state)
{
    (void)state;
    const char *argv[] = { replygen, "unchanged.yaml", "--baseline", NULL };
    struct process_result result;
    assert_int_equal(run(argv, &result), 2);
    assert_string_equal(result.err,
                        "replygen: option needs an argument: --baseline\n"
                        "Try 'replygen --help' for more information.\n");
    process_result_free(&result);
}

static void test_missing_old_spec_is_named(void **state)
{
    (void)state;
    const char *argv[] = { replygen, "--baseline", "no-such.yaml", "unchanged.yaml", NULL };
    struct process_result result;
    assert_int_equal(run(argv, &result), 1);
    assert_string_equal(result.err, "no-such.yaml: error: cannot open: No such file or directory\n");
    process_result_free(&result);
}

/* Errors in both specs come in one run, the new spec's first. */
static void test_errors_in_both_specs_are_all_reported(void **state)
{
    (void)state;
    const char *argv[] = { replygen, "--baseline", "old-spec-invalid.old.yaml", "old-spec-invalid.old.yaml", NULL };
    struct process_result result;
    assert_int_equal(run(argv, &result), 1);
    const char *line = "old-spec-invalid.old.yaml:84:11: error: 'Mailbox_busy' is not a lower-case C identifier "
                       "([a-z][a-z0-9_]*)\n"
                       "   84 |     name: Mailbox_busy\n"
                       "      |           ^\n";
    char expected[512];
    snprintf(expected, sizeof expected, "%s%s", line, line);
    assert_string_equal(result.err, expected);
    process_result_free(&result);
}

static int compare_cases(const void *a, const void *b)
{
    return strcmp(((const struct baseline_case *)a)->name, ((const struct baseline_case *)b)->name);
}

static int ends_with(const char *name, const char *suffix)
{
    size_t length = strlen(name), suffix_length = strlen(suffix);
    return length > suffix_length && strcmp(name + length - suffix_length, suffix) == 0;
}

static int file_exists(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat info;
    return stat(path, &info) == 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s REPLYGEN BASELINE_CASE_DIR\n", argv[0]);
        return 2;
    }
    replygen = argv[1];
    case_dir = argv[2];
    DIR *folder = opendir(case_dir);
    if (!folder) {
        perror(case_dir);
        return 1;
    }
    struct baseline_case *cases = NULL;
    size_t count = 0;
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        const char *name = entry->d_name;
        size_t length = strlen(name);
        if (!ends_with(name, ".yaml") || ends_with(name, ".old.yaml") || strcmp(name, "base.yaml") == 0 || length > 250)
            continue;
        cases = realloc(cases, (count + 1) * sizeof *cases);
        struct baseline_case *test = &cases[count++];
        snprintf(test->name, sizeof test->name, "%.*s", (int)(length - 5), name);
        snprintf(test->new_spec, sizeof test->new_spec, "%s", name);
        snprintf(test->old_spec, sizeof test->old_spec, "%s.old.yaml", test->name);
        if (!file_exists(case_dir, test->old_spec))
            snprintf(test->old_spec, sizeof test->old_spec, "base.yaml");
    }
    closedir(folder);
    qsort(cases, count, sizeof *cases, compare_cases);

    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_baseline_with_dump_model_is_a_usage_error),
        cmocka_unit_test(test_baseline_with_check_needs_an_output_folder),
        cmocka_unit_test(test_baseline_needs_its_argument),
        cmocka_unit_test(test_missing_old_spec_is_named),
        cmocka_unit_test(test_errors_in_both_specs_are_all_reported),
    };
    enum {
        FIXED_COUNT = sizeof fixed / sizeof fixed[0]
    };
    struct CMUnitTest *tests = calloc(count + FIXED_COUNT, sizeof *tests);
    for (size_t i = 0; i < count; i++) {
        tests[i].name = cases[i].name;
        tests[i].test_func = run_case;
        tests[i].initial_state = &cases[i];
    }
    for (size_t i = 0; i < FIXED_COUNT; i++)
        tests[count + i] = fixed[i];
    int failed = _cmocka_run_group_tests("baseline", tests, count + FIXED_COUNT, NULL, NULL);
    free(tests);
    free(cases);
    return failed;
}
