/* mustache_spec.c: runs the official Mustache spec suite (its core modules)
 * through `replygen --render`, one cmocka test per spec test, comparing the
 * output byte for byte. Usage: mustache_spec REPLYGEN_PATH SPEC_DIR
 * Exits 77 (skipped) when SPEC_DIR does not exist. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "json.h"
#include "support/process.h"
#include "value.h"
#include "yaml_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define EXIT_SKIPPED 77

/* The modules every implementation must pass; the "~" ones are optional. */
static const char *const modules[] = {
    "interpolation", "sections", "inverted", "comments", "partials", "delimiters",
};

static const char *replygen;

struct spec_case {
    const struct value *test; /* {name, desc, data, template, expected, partials?} */
};

static const char *field(const struct value *test, const char *key)
{
    const struct value *value = value_map_get(test, key);
    return value && value->kind == VALUE_STRING ? value->string : "";
}

static char *path_in(const char *dir, const char *name)
{
    struct buffer path;
    buffer_init(&path);
    buffer_printf(&path, "%s/%s", dir, name);
    return buffer_take(&path, NULL);
}

static void write_in(const char *dir, const char *name, const char *bytes, size_t length)
{
    char *path = path_in(dir, name);
    assert_int_equal(file_write(path, bytes, length), 0);
    free(path);
}

/* The template, its partials and its data as files in dir. */
static void write_inputs(const char *dir, const struct value *test)
{
    const struct value *template = value_map_get(test, "template");
    assert_non_null(template);
    write_in(dir, "template.html.mustache", template->string, template->length);
    const struct value *partials = value_map_get(test, "partials");
    for (size_t i = 0; partials && i < partials->count; i++) {
        struct buffer file;
        buffer_init(&file);
        buffer_printf(&file, "%s.mustache", partials->keys[i]->string);
        write_in(dir, file.data, partials->items[i]->string, partials->items[i]->length);
        buffer_free(&file);
    }
    struct buffer json;
    buffer_init(&json);
    json_write(value_map_get(test, "data"), &json);
    write_in(dir, "data.json", json.data, json.length);
    buffer_free(&json);
}

/* replygen --render DIR/template.html.mustache --data DIR/data.json must
 * print exactly the expected text. */
static void test_spec_case(void **state)
{
    const struct value *test = ((const struct spec_case *)*state)->test;
    char *dir = temp_folder();
    assert_non_null(dir);
    write_inputs(dir, test);
    char *template = path_in(dir, "template.html.mustache"), *data = path_in(dir, "data.json");
    const char *argv[] = { replygen, "--render", template, "--data", data, NULL };
    struct process_result result;
    assert_int_equal(process_run(argv, NULL, &result), 0);
    remove_tree(dir);

    const struct value *expected = value_map_get(test, "expected");
    bool same = expected && expected->length == result.out_length
        && memcmp(expected->string, result.out, result.out_length) == 0;
    if (result.status != 0 || !same)
        print_error("template:\n[%s]\nexpected:\n[%s]\ngot:\n[%s]\nreplygen exit status %d, stderr:\n%s\n",
                    field(test, "template"), field(test, "expected"), result.out, result.status, result.err);
    int status = result.status;
    process_result_free(&result);
    free(template);
    free(data);
    free(dir);
    assert_int_equal(status, 0);
    assert_true(same);
}

/* Run every test of one module as a cmocka group; returns the failures. */
static int run_module(const char *spec_dir, const char *module)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.yml", spec_dir, module);
    struct diag diag;
    diag_init(&diag, stderr);
    struct value_arena arena;
    value_arena_init(&arena);
    struct value *spec;
    int loaded = yaml_tree_load_file(&arena, path, NULL, &spec, NULL, &diag);
    diag_free(&diag); /* the file's lines, kept for messages */
    if (loaded != 0) {
        value_arena_free(&arena);
        return 1;
    }
    const struct value *tests = value_map_get(spec, "tests");
    if (!tests || tests->kind != VALUE_LIST || tests->count == 0) {
        fprintf(stderr, "%s: no tests found\n", path);
        value_arena_free(&arena);
        return 1;
    }
    struct spec_case *cases = calloc(tests->count, sizeof *cases);
    struct CMUnitTest *group = calloc(tests->count, sizeof *group);
    char **names = calloc(tests->count, sizeof *names);
    if (!cases || !group || !names)
        abort();
    for (size_t i = 0; i < tests->count; i++) {
        cases[i].test = tests->items[i];
        struct buffer name;
        buffer_init(&name);
        buffer_printf(&name, "%s: %s", module, field(tests->items[i], "name"));
        names[i] = buffer_take(&name, NULL);
        group[i] = (struct CMUnitTest){ names[i], test_spec_case, NULL, NULL, &cases[i] };
    }
    int failures = _cmocka_run_group_tests(module, group, tests->count, NULL, NULL);
    for (size_t i = 0; i < tests->count; i++)
        free(names[i]);
    free(names);
    free(group);
    free(cases);
    value_arena_free(&arena);
    return failures;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s REPLYGEN_PATH SPEC_DIR\n", argv[0]);
        return 2;
    }
    replygen = argv[1];
    struct stat info;
    if (stat(argv[2], &info) != 0 || !S_ISDIR(info.st_mode)) {
        printf("skipping: Mustache spec not found at %s\n", argv[2]);
        return EXIT_SKIPPED;
    }
    int failures = 0;
    for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++)
        failures += run_module(argv[2], modules[i]);
    return failures ? 1 : 0;
}
