/* test_render.c: what a template writer meets (issue 17): a tag that names
 * no value of the model is a warning at its place, an error with
 * --strict-templates, and --render --data SPEC renders the spec's model or
 * says why it does not. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/process.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *replygen;
static const char *spec; /* tests/golden/minimal.yaml, prefix "toy", codes 250 and 500 */

struct folder {
    char *dir;
    char *template_dir; /* dir/templates, holding one template */
    char *template;     /* its path */
};

static char *path_in(const char *dir, const char *name)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    return path;
}

/* A temporary folder with templates/NAME holding text. */
static struct folder folder_with_template(const char *name, const char *text)
{
    struct folder folder;
    folder.dir = temp_folder();
    assert_non_null(folder.dir);
    folder.template_dir = path_in(folder.dir, "templates");
    char *command = malloc(strlen(folder.template_dir) + 16);
    sprintf(command, "mkdir '%s'", folder.template_dir);
    assert_int_equal(system(command), 0);
    free(command);
    folder.template = path_in(folder.template_dir, name);
    assert_int_equal(file_write(folder.template, text, strlen(text)), 0);
    return folder;
}

static void folder_free(struct folder *folder)
{
    remove_tree(folder->dir);
    free(folder->dir);
    free(folder->template_dir);
    free(folder->template);
}

static int run(struct process_result *result, const char *const *args)
{
    const char *argv[12] = { replygen };
    for (size_t i = 0; args[i]; i++)
        argv[i + 1] = args[i];
    assert_int_equal(process_run(argv, NULL, result), 0);
    return result->status;
}

static char *expected_text(const char *format, const char *path)
{
    char *text = malloc(strlen(format) + 4 * strlen(path) + 1);
    sprintf(text, format, path, path, path, path);
    return text;
}

static const char misspelt[] = "{{#codes}}{{code}} {{sumary}}\n{{/codes}}{{protocol.titel}}.\n";

static void test_unknown_value_warns_at_its_place_and_renders(void **state)
{
    (void)state;
    struct folder folder = folder_with_template("list.txt.mustache", misspelt);
    struct process_result result;
    assert_int_equal(run(&result, (const char *[]){ "--render", folder.template, "--data", spec, NULL }), 0);
    assert_string_equal(result.out, "250 \n500 \n.\n");
    char *err = expected_text("%s:1:20: warning: unknown value 'sumary'; did you mean 'summary'?\n"
                              "%s:2:11: warning: unknown value 'protocol.titel'; did you mean 'title'?\n",
                              folder.template);
    assert_string_equal(result.err, err);
    free(err);
    process_result_free(&result);
    folder_free(&folder);
}

static void test_strict_templates_make_an_unknown_value_an_error(void **state)
{
    (void)state;
    struct folder folder = folder_with_template("list.txt.mustache", misspelt);
    char *out = path_in(folder.dir, "out");
    struct process_result result;
    assert_int_equal(
        run(&result, (const char *[]){ "--strict-templates", "-t", folder.template_dir, spec, "-o", out, NULL }), 1);
    char *err = expected_text("%s:1:20: error: unknown value 'sumary'; did you mean 'summary'?\n"
                              "%s:2:11: error: unknown value 'protocol.titel'; did you mean 'title'?\n",
                              folder.template);
    assert_string_equal(result.err, err);
    assert_null(read_whole_file(out, NULL)); /* nothing written, not even the folder */
    free(err);
    process_result_free(&result);

    /* Without the option the same run writes the file, after the warnings. */
    assert_int_equal(run(&result, (const char *[]){ "-q", "-t", folder.template_dir, spec, "-o", out, NULL }), 0);
    assert_non_null(strstr(result.err, ":1:20: warning: unknown value 'sumary'; did you mean 'summary'?\n"));
    process_result_free(&result);
    free(out);
    folder_free(&folder);
}

/* A value the model sets to null (protocol.description of a spec without
 * one) is known: no warning for a template that asks whether it is there. */
static void test_null_value_of_the_model_is_known(void **state)
{
    (void)state;
    struct folder folder =
        folder_with_template("p.txt.mustache", "{{^protocol.description}}none{{/protocol.description}}\n");
    struct process_result result;
    assert_int_equal(
        run(&result, (const char *[]){ "--strict-templates", "--render", folder.template, "--data", spec, NULL }), 0);
    assert_string_equal(result.out, "none\n");
    assert_string_equal(result.err, "");
    process_result_free(&result);
    folder_free(&folder);
}

static void test_render_with_a_spec_renders_its_model(void **state)
{
    (void)state;
    struct folder folder = folder_with_template("{{prefix}}.txt.mustache",
                                                "{{PREFIX}}: {{code_count}} codes,{{#codes}} {{code}}{{/codes}}\n");
    struct process_result result;
    assert_int_equal(run(&result, (const char *[]){ "--render", folder.template, "--data", spec, NULL }), 0);
    assert_string_equal(result.out, "TOY: 2 codes, 250 500\n");
    assert_string_equal(result.err, "");
    process_result_free(&result);
    folder_free(&folder);
}

static void test_render_refuses_a_spec_with_errors(void **state)
{
    (void)state;
    struct folder folder = folder_with_template("t.txt.mustache", "{{prefix}}\n");
    char *bad = path_in(folder.dir, "bad.yaml");
    static const char bad_spec[] = "format: 1\nprotocol:\n  name: toy\n";
    assert_int_equal(file_write(bad, bad_spec, strlen(bad_spec)), 0);
    struct process_result result;
    assert_int_equal(run(&result, (const char *[]){ "--render", folder.template, "--data", bad, NULL }), 1);
    assert_string_equal(result.out, "");
    char *tail = expected_text("replygen: error: --data %s is a spec with errors: nothing rendered\n", bad);
    size_t err_length = strlen(result.err), tail_length = strlen(tail);
    assert_true(err_length > tail_length);
    assert_string_equal(result.err + err_length - tail_length, tail);
    assert_non_null(strstr(result.err, ": error: ")); /* the spec's own errors come first */
    free(tail);
    free(bad);
    process_result_free(&result);
    folder_free(&folder);
}

/* Without --data there is nothing to render from: each name says so. */
static void test_render_without_data_warns_instead_of_a_silent_blank(void **state)
{
    (void)state;
    struct folder folder = folder_with_template("t.txt.mustache", "[{{prefix}}]\n");
    struct process_result result;
    assert_int_equal(run(&result, (const char *[]){ "--render", folder.template, NULL }), 0);
    assert_string_equal(result.out, "[]\n");
    char *err = expected_text("%s:1:2: warning: unknown value 'prefix'\n", folder.template);
    assert_string_equal(result.err, err);
    free(err);
    process_result_free(&result);
    folder_free(&folder);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s REPLYGEN MINIMAL_SPEC\n", argv[0]);
        return 2;
    }
    replygen = argv[1];
    spec = argv[2];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_value_warns_at_its_place_and_renders),
        cmocka_unit_test(test_strict_templates_make_an_unknown_value_an_error),
        cmocka_unit_test(test_null_value_of_the_model_is_known),
        cmocka_unit_test(test_render_with_a_spec_renders_its_model),
        cmocka_unit_test(test_render_refuses_a_spec_with_errors),
        cmocka_unit_test(test_render_without_data_warns_instead_of_a_silent_blank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
