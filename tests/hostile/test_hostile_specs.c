/* test_hostile_specs.c: replygen fed hostile specs, each run with bounded
 * memory and time. Each case must give exactly the diagnostics in
 * expected/NAME.err, its exit status, and leave the output folder as it was.
 *
 * The cases: every specs/NAME.yaml (small files, committed), and those made
 * here at test time because they are large (a 100 MB string) or are not
 * plain files (a folder, a FIFO, /dev/zero). Besides, one hostile template (a
 * regression found by fuzzing). docs/hostile-inputs.md lists them all;
 * a test checks that it quotes each expected first line, so the table stays
 * in sync.
 *
 * Usage: test_hostile_specs REPLYGEN SPEC_DIR EXPECTED_DIR DOCS_FILE */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bounded_run.h"
#include "support/process.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *replygen;
static const char *spec_dir;
static const char *expected_dir;
static const char *docs_file;

/* Makes the spec file at path (in a fresh temporary folder). */
typedef int make_spec_fn(const char *path);

struct hostile_case {
    char name[128];
    const char *argument; /* what replygen is given as SPEC; NULL: NAME.yaml */
    make_spec_fn *make;   /* NULL: the spec is specs/NAME.yaml */
    int status;           /* the exit status expected */
    /* An option (and its value) given before SPEC; "--dump-model" is given
     * alone with SPEC, without -q and -o. */
    const char *option, *option_value;
};

/* ---- specs made at test time ---- */

static int write_repeated(FILE *file, const char *text, size_t times)
{
    for (size_t i = 0; i < times; i++)
        if (fputs(text, file) < 0)
            return -1;
    return 0;
}

static int finish(FILE *file, int status)
{
    if (fclose(file) != 0)
        status = -1;
    return status;
}

/* 100 MB in one string: refused by size before it is read in full. */
static int make_string_100mb(const char *path)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    static char chunk[1 << 20];
    memset(chunk, 'x', sizeof chunk);
    int status = fputs("format: 1\nprotocol:\n  title: \"", file) < 0 ? -1 : 0;
    for (int i = 0; i < 100 && status == 0; i++)
        if (fwrite(chunk, 1, sizeof chunk, file) != sizeof chunk)
            status = -1;
    if (status == 0 && fputs("\"\n", file) < 0)
        status = -1;
    return finish(file, status);
}

/* 100,000 nested flow lists: [[[[... */
static int make_deep_flow_nesting(const char *path)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    int status = write_repeated(file, "[", 100000) || write_repeated(file, "]", 100000) ? -1 : 0;
    return finish(file, status);
}

/* 1,000 nested block mappings, each key on its own line, indented. */
static int make_deep_block_nesting(const char *path)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    int status = 0;
    for (int depth = 0; depth < 1000 && status == 0; depth++)
        if (fprintf(file, "%*sk:\n", depth, "") < 0)
            status = -1;
    return finish(file, status);
}

/* One node more than the limit (100,000), each a small scalar. */
static int make_too_many_nodes(const char *path)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    int status =
        fputs("format: 1\nlist: [0", file) < 0 || write_repeated(file, ",0", 100000) || fputs("]\n", file) < 0 ? -1 : 0;
    return finish(file, status);
}

/* A key of 1 MB, given twice (as explicit keys: YAML limits a plain one to
 * 1024 characters): the message quotes only its start. */
static int make_huge_duplicate_key(const char *path)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    int status = 0;
    for (int twice = 0; twice < 2 && status == 0; twice++)
        status = fputs("? ", file) < 0 || write_repeated(file, "k", 1 << 20) || fputs("\n: 1\n", file) < 0 ? -1 : 0;
    return finish(file, status);
}

/* A valid spec of 14,000 references (98,000 nodes, just under the limit):
 * the checker's look-ups are quadratic in them; the node limit keeps that
 * to seconds. */
static int make_many_references(const char *path)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    int status = fputs("format: 1\n"
                       "protocol: {name: toy, title: Toy, prefix: toy, line_limit: 512}\n"
                       "references:\n",
                       file)
            < 0
        ? -1
        : 0;
    for (int i = 0; i < 14000 && status == 0; i++)
        if (fprintf(file, "  - {id: r%d, title: Reference %d, url: \"https://example.org/%d\"}\n", i, i, i) < 0)
            status = -1;
    if (status == 0
        && fputs("digits:\n"
                 "  first: [{digit: 2, name: positive, title: Positive, description: Done.}]\n"
                 "  second: [{digit: 5, name: system, title: System, description: System.}]\n"
                 "codes:\n"
                 "  - {code: 250, name: ok, text: OK, summary: Done., description: Done., status: standard,\n"
                 "     refs: [{ref: r13999}]}\n"
                 "commands: [{name: ping, verb: PING, title: Ping, success: [250], intermediate: [], error: []}]\n",
                 file)
            < 0)
        status = -1;
    return finish(file, status);
}

/* The spec of issue 14 (item 5): the 900 codes 100-999, all of them common
 * errors, and commands that each take them (the default). Each command's
 * replies are its own and the common errors: commands x codes. refs
 * references pad the spec to more nodes. */
static int write_common_errors_spec(const char *path, int commands, int refs)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    int status = fputs("format: 1\n"
                       "protocol: {name: toy, title: Toy, prefix: toy, line_limit: 512}\n"
                       "references:\n"
                       "  - {id: rfc1, title: Toy, url: \"https://example.org/rfc1\"}\n",
                       file)
            < 0
        ? -1
        : 0;
    for (int i = 0; i < refs && status == 0; i++)
        if (fprintf(file, "  - {id: pad%d, title: P, url: \"https://example.org/%d\"}\n", i, i) < 0)
            status = -1;
    if (status == 0 && fputs("digits:\n  first:\n", file) < 0)
        status = -1;
    for (int d = 1; d <= 9 && status == 0; d++)
        if (fprintf(file, "    - {digit: %d, name: f%d, title: F%d, description: F.}\n", d, d, d) < 0)
            status = -1;
    if (status == 0 && fputs("  second:\n", file) < 0)
        status = -1;
    for (int d = 0; d <= 9 && status == 0; d++)
        if (fprintf(file, "    - {digit: %d, name: s%d, title: S%d, description: S.}\n", d, d, d) < 0)
            status = -1;
    if (status == 0 && fputs("codes:\n", file) < 0)
        status = -1;
    for (int code = 100; code <= 999 && status == 0; code++)
        if (fprintf(file,
                    "  - {code: %d, name: c%d, text: T, summary: S., description: D., status: standard,"
                    " refs: [{ref: rfc1}]}\n",
                    code, code)
            < 0)
            status = -1;
    if (status == 0 && fputs("commands:\n", file) < 0)
        status = -1;
    for (int i = 0; i < commands && status == 0; i++)
        if (fprintf(file, "  - {name: m%d, verb: M%d, title: T, success: [], intermediate: [], error: []}\n", i, i) < 0)
            status = -1;
    if (status == 0 && fputs("common_errors: [100", file) < 0)
        status = -1;
    for (int code = 101; code <= 999 && status == 0; code++)
        if (fprintf(file, ", %d", code) < 0)
            status = -1;
    if (status == 0 && fputs("]\n", file) < 0)
        status = -1;
    return finish(file, status);
}

/* 5,500 commands (560 KB): 4,950,000 replies; it took 2.6 GB. */
static int make_common_errors_5500_commands(const char *path) { return write_common_errors_spec(path, 5500, 0); }

/* 3,090 commands (355 KB): --dump-model wrote 337 MB. */
static int make_common_errors_dump_model(const char *path) { return write_common_errors_spec(path, 3090, 0); }

/* The most replies the budget allows near the node limit: 405 commands x
 * 900 common errors (364,500 replies), padded by 10,000 references to
 * 93,000 nodes (1.5 MB). */
static int make_common_errors_within_budget(const char *path) { return write_common_errors_spec(path, 405, 10000); }

/* 300,000 nested flow lists: with --max-spec-depth 2000000 this crashed. */
static int make_deep_flow_nesting_300k(const char *path)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    int status = write_repeated(file, "[", 300000) || write_repeated(file, "]", 300000) ? -1 : 0;
    return finish(file, status);
}

static int make_folder(const char *path) { return mkdir(path, 0755); }

/* Opened for reading, a FIFO waits for a writer that never comes. */
static int make_fifo(const char *path) { return mkfifo(path, 0644); }

static int make_nothing(const char *path)
{
    (void)path;
    return 0;
}

static const struct hostile_case made_cases[] = {
    { "string-100mb", NULL, make_string_100mb, 1, NULL, NULL },
    { "deep-flow-nesting", NULL, make_deep_flow_nesting, 1, NULL, NULL },
    { "deep-block-nesting", NULL, make_deep_block_nesting, 1, NULL, NULL },
    { "too-many-nodes", NULL, make_too_many_nodes, 1, NULL, NULL },
    { "huge-duplicate-key", NULL, make_huge_duplicate_key, 1, NULL, NULL },
    { "many-references", NULL, make_many_references, 0, NULL, NULL },
    { "common-errors-5500-commands", NULL, make_common_errors_5500_commands, 1, NULL, NULL },
    { "common-errors-dump-model", NULL, make_common_errors_dump_model, 1, "--dump-model", NULL },
    { "common-errors-within-budget", NULL, make_common_errors_within_budget, 0, NULL, NULL },
    { "depth-limit-2000000", NULL, make_deep_flow_nesting_300k, 2, "--max-spec-depth", "2000000" },
    { "depth-limit-10000", NULL, make_deep_flow_nesting_300k, 1, "--max-spec-depth", "10000" },
    { "missing-file", "no-such-spec.yaml", make_nothing, 1, NULL, NULL },
    { "c1-byte-in-file-name", "no-such-\2332J.yaml", make_nothing, 1, NULL, NULL }, /* 0x9B, not UTF-8 */
    { "directory", "a-folder.yaml", make_folder, 1, NULL, NULL },
    { "endless-file", "/dev/zero", make_nothing, 1, NULL, NULL },
    { "dev-null", "/dev/null", make_nothing, 1, NULL, NULL },
    { "fifo", "a-fifo.yaml", make_fifo, 1, NULL, NULL },
};
enum {
    MADE_COUNT = sizeof made_cases / sizeof made_cases[0]
};

/* ---- running one case ---- */

static char *read_expected(const char *name)
{
    char path[4096];
    path_printf(path, sizeof path, "%s/%s.err", expected_dir, name);
    char *expected = read_whole_file(path, NULL);
    if (!expected)
        fail_msg("%s is missing", path);
    return expected;
}

static void run_case(void **state)
{
    const struct hostile_case *hostile = *state;
    char *expected = read_expected(hostile->name);
    char *work = temp_folder();
    assert_non_null(work);

    char spec_name[256];
    path_printf(spec_name, sizeof spec_name, "%s", hostile->argument ? hostile->argument : "");
    if (!hostile->argument)
        path_printf(spec_name, sizeof spec_name, "%s.yaml", hostile->name);
    const char *cwd = spec_dir;
    if (hostile->make) {
        char path[4096];
        path_printf(path, sizeof path, "%s/%s", work, spec_name);
        if (hostile->make(path) != 0)
            fail_msg("%s: cannot make %s", hostile->name, path);
        cwd = work;
    }

    char *out_dir = untouched_folder_new();
    assert_non_null(out_dir);

    const char *args[7] = { "-q", spec_name, "-o", out_dir, NULL };
    bool dump_model = hostile->option && strcmp(hostile->option, "--dump-model") == 0;
    if (dump_model) {
        const char *dump_args[] = { hostile->option, spec_name, NULL };
        memcpy(args, dump_args, sizeof dump_args);
    } else if (hostile->option) {
        const char *option_args[] = { hostile->option, hostile->option_value, "-q", spec_name, "-o", out_dir, NULL };
        memcpy(args, option_args, sizeof option_args);
    }
    struct process_result result;
    bounded_run(replygen, args, cwd, &result);
    if (bounded_run_stopped(&result))
        fail_msg("%s: replygen ran out of its time or memory:\n%s", hostile->name, result.err);
    if (strcmp(result.err, expected) != 0)
        fail_msg("%s: expected on standard error:\n%s\ngot (exit %d):\n%s", hostile->name, expected, result.status,
                 result.err);
    assert_int_equal(result.status, hostile->status);
    assert_int_equal(result.out_length, 0);
    char problem[256];
    if (hostile->status != 0 && !untouched_folder_check(out_dir, problem, sizeof problem))
        fail_msg("%s: the output folder changed: %s", hostile->name, problem);

    process_result_free(&result);
    remove_tree(out_dir);
    free(out_dir);
    remove_tree(work);
    free(work);
    free(expected);
}

/* A man page template that puts 2.5 million values on one line (4.5 MB):
 * escaping each value for roff once scanned the whole line back to find
 * its column: quadratic time, about half an hour (found by fuzzing,
 * fuzz/corpus/template/regression-roff-many-values-on-one-line). Now a
 * fraction of a second; the bounded run's time limit catches a relapse. */
static void test_roff_values_on_one_line_render_in_linear_time(void **state)
{
    (void)state;
    char *work = temp_folder();
    assert_non_null(work);
    char template_path[4096], data_path[4096];
    path_printf(template_path, sizeof template_path, "%s/line.7.mustache", work);
    path_printf(data_path, sizeof data_path, "%s/data.json", work);
    const char template_text[] = "{{#l}}{{#l}}{{#l}}{{#l}}{{.}}{{/l}}{{/l}}{{/l}}{{/l}}";
    assert_int_equal(file_write(template_path, template_text, sizeof template_text - 1), 0);
    char data[256] = "{\"l\": [1";
    for (int i = 2; i <= 40; i++)
        path_printf(data + strlen(data), sizeof data - strlen(data), ", %d", i);
    path_printf(data + strlen(data), sizeof data - strlen(data), "]}");
    assert_int_equal(file_write(data_path, data, strlen(data)), 0);

    const char *args[] = { "--render", template_path, "--data", data_path, NULL };
    struct process_result result;
    bounded_run(replygen, args, NULL, &result);
    if (bounded_run_stopped(&result))
        fail_msg("rendering was stopped at the time limit (%u s): quadratic again?", bounded_run_seconds());
    assert_int_equal(result.status, 0);
    assert_string_equal(result.err, "");
    /* 40^3 times each of 1..40: 9 one-digit and 31 two-digit numbers. */
    assert_int_equal(result.out_length, 64000 * (9 + 31 * 2));
    process_result_free(&result);
    remove_tree(work);
    free(work);
}

/* Write a template: spaces spaces, then text lines times. */
static void write_template(const char *path, size_t spaces, const char *text, size_t lines)
{
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    int status = write_repeated(file, " ", spaces) || write_repeated(file, text, lines) ? -1 : 0;
    assert_int_equal(finish(file, status), 0);
}

/* Render template (in work) and expect it stopped with exactly message
 * about the file at_file of work, within the bounds. */
static void expect_render_stopped(const char *work, const char *template, const char *at_file, const char *message)
{
    char template_path[4096], expected[8192];
    path_printf(template_path, sizeof template_path, "%s/%s", work, template);
    path_printf(expected, sizeof expected, "%s/%s%s\n", work, at_file, message);
    const char *args[] = { "--render", template_path, NULL };
    struct process_result result;
    bounded_run(replygen, args, NULL, &result);
    if (bounded_run_stopped(&result))
        fail_msg("%s: replygen ran out of its time or memory:\n%s", template, result.err);
    assert_string_equal(result.err, expected);
    assert_int_equal(result.status, 1);
    assert_int_equal(result.out_length, 0);
    process_result_free(&result);
}

/* Issue 14, item 6: a partial of a million lines included standalone after
 * 4 MiB of indentation would write 4 TiB: the output limit was checked only
 * between nodes, and the partial is one text node. Now every line is. */
static void test_indented_partial_stops_at_the_output_limit(void **state)
{
    (void)state;
    char *work = temp_folder();
    assert_non_null(work);
    char path[4096];
    path_printf(path, sizeof path, "%s/indented.mustache", work);
    write_template(path, 4u << 20, "{{> _million}}\n", 1);
    path_printf(path, sizeof path, "%s/_million.mustache", work);
    write_template(path, 0, "line\n", 1000000);
    expect_render_stopped(work, "indented.mustache", "_million.mustache",
                          ":1:1: error: rendering stopped: the output is larger than 64 MiB");
    remove_tree(work);
    free(work);
}

/* Nested standalone partials add up their indentation: a partial that
 * includes itself after 4 MiB of spaces, 64 levels deep, once held a copy
 * per level (4 + 8 + ... + 256 MiB: 8 GiB). Now each level refers to the
 * one around it. */
static void test_nested_indentation_is_not_copied(void **state)
{
    (void)state;
    char *work = temp_folder();
    assert_non_null(work);
    char path[4096];
    path_printf(path, sizeof path, "%s/nested.mustache", work);
    write_template(path, 0, "{{> _self}}\n", 1);
    path_printf(path, sizeof path, "%s/_self.mustache", work);
    write_template(path, 4u << 20, "{{> _self}}\nx\n", 1);
    expect_render_stopped(work, "nested.mustache", "_self.mustache",
                          ":1:4194305: error: partials nest deeper than 64 levels"
                          " (does '_self' include itself without end?)");
    remove_tree(work);
    free(work);
}

/* docs/hostile-inputs.md quotes each case's first expected line. */
static void test_docs_list_every_case(void **state)
{
    const struct hostile_case *cases = *state;
    char *docs = read_whole_file(docs_file, NULL);
    if (!docs)
        fail_msg("%s is missing", docs_file);
    int missing = 0;
    for (const struct hostile_case *hostile = cases; hostile->name[0]; hostile++) {
        char *expected = read_expected(hostile->name);
        char *newline = strchr(expected, '\n');
        if (newline)
            *newline = '\0';
        char name[160];
        path_printf(name, sizeof name, "`%s`", hostile->name);
        if (!strstr(docs, name) || (expected[0] && !strstr(docs, expected))) {
            print_error("%s does not list %s with its message: %s\n", docs_file, name, expected);
            missing++;
        }
        free(expected);
    }
    free(docs);
    assert_int_equal(missing, 0);
}

static int compare_cases(const void *a, const void *b)
{
    return strcmp(((const struct hostile_case *)a)->name, ((const struct hostile_case *)b)->name);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s REPLYGEN SPEC_DIR EXPECTED_DIR DOCS_FILE\n", argv[0]);
        return 2;
    }
    replygen = argv[1];
    spec_dir = argv[2];
    expected_dir = argv[3];
    docs_file = argv[4];
    DIR *folder = opendir(spec_dir);
    if (!folder) {
        perror(spec_dir);
        return 1;
    }
    /* Room for every case and an empty one that ends the list. */
    size_t capacity = MADE_COUNT + 1, count = 0;
    struct hostile_case *cases = calloc(capacity, sizeof *cases);
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        size_t length = strlen(entry->d_name);
        if (length < 6 || length > 120 || strcmp(entry->d_name + length - 5, ".yaml") != 0)
            continue;
        if (count + MADE_COUNT + 1 == capacity) {
            capacity *= 2;
            cases = realloc(cases, capacity * sizeof *cases);
        }
        struct hostile_case *hostile = &cases[count++];
        memset(hostile, 0, sizeof *hostile);
        path_printf(hostile->name, sizeof hostile->name, "%.*s", (int)(length - 5), entry->d_name);
        hostile->status = 1;
    }
    closedir(folder);
    for (size_t i = 0; i < MADE_COUNT; i++)
        cases[count++] = made_cases[i];
    qsort(cases, count, sizeof *cases, compare_cases);
    memset(&cases[count], 0, sizeof cases[count]);

    struct CMUnitTest *tests = calloc(count + 4, sizeof *tests);
    for (size_t i = 0; i < count; i++) {
        tests[i].name = cases[i].name;
        tests[i].test_func = run_case;
        tests[i].initial_state = &cases[i];
    }
    tests[count].name = "roff_values_on_one_line_render_in_linear_time";
    tests[count].test_func = test_roff_values_on_one_line_render_in_linear_time;
    tests[count + 1].name = "indented_partial_stops_at_the_output_limit";
    tests[count + 1].test_func = test_indented_partial_stops_at_the_output_limit;
    tests[count + 2].name = "nested_indentation_is_not_copied";
    tests[count + 2].test_func = test_nested_indentation_is_not_copied;
    tests[count + 3].name = "docs_list_every_case";
    tests[count + 3].test_func = test_docs_list_every_case;
    tests[count + 3].initial_state = cases;
    int failed = _cmocka_run_group_tests("hostile specs", tests, count + 4, NULL, NULL);
    free(tests);
    free(cases);
    return failed;
}
