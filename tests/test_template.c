/* test_template.c: the Mustache engine and the escapers, through their
 * public functions, with exact expected output and diagnostics. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "escape.h"
#include "template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers ---- */

/* The values of the test that runs: freed at its end. */
static struct value_arena arena;

static void free_values(void) { value_arena_free(&arena); }

struct result {
    int status; /* of parsing, then of rendering */
    char *output;
    char *diagnostics; /* the temporary folder, if any, shown as DIR */
};

static char *read_stream(FILE *stream)
{
    struct buffer text;
    buffer_init(&text);
    rewind(stream);
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, stream)) > 0)
        buffer_append(&text, chunk, got);
    buffer_append(&text, "", 0);
    return buffer_take(&text, NULL);
}

static char *replace_all(const char *text, const char *from, const char *to)
{
    struct buffer out;
    buffer_init(&out);
    buffer_append(&out, "", 0);
    for (const char *found; (found = strstr(text, from)) != NULL; text = found + strlen(from)) {
        buffer_append(&out, text, (size_t)(found - text));
        buffer_append_string(&out, to);
    }
    buffer_append_string(&out, text);
    return buffer_take(&out, NULL);
}

/* Render what parsed, then collect the output and the diagnostics. */
static void finish(struct result *result, struct tmpl *tmpl, const struct value *data, FILE *stream, struct diag *diag,
                   const char *dir)
{
    struct buffer out;
    buffer_init(&out);
    buffer_append_string(&out, "kept|"); /* tmpl_render appends, and keeps this on failure */
    if (result->status == 0)
        result->status = tmpl_render(tmpl, data, &out, diag);
    tmpl_delete(tmpl);
    result->output = buffer_take(&out, NULL);
    result->diagnostics = read_stream(stream);
    fclose(stream);
    if (dir) {
        char *shown = replace_all(result->diagnostics, dir, "DIR");
        free(result->diagnostics);
        result->diagnostics = shown;
    }
}

/* Parse text (no partials) as template "t" and render it with data. */
static struct result render_text(const char *text, enum escape_lang lang, const struct value *data)
{
    struct result result;
    FILE *stream = tmpfile();
    assert_non_null(stream);
    struct diag diag;
    diag_init(&diag, stream);
    struct tmpl *tmpl = NULL;
    result.status = tmpl_parse("t", NULL, text, strlen(text), lang, &tmpl, &diag);
    finish(&result, tmpl, data, stream, &diag, NULL);
    return result;
}

struct file {
    const char *name;
    const char *text;
};

/* Write files into a fresh folder, then load the first as the template
 * escaping for lang and render it with data. */
static struct result render_files(const struct file *files, size_t count, enum escape_lang lang,
                                  const struct value *data)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/test_template.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    char path[1024];
    for (size_t i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        FILE *file = fopen(path, "wb");
        assert_non_null(file);
        fputs(files[i].text, file);
        fclose(file);
    }
    struct result result;
    FILE *stream = tmpfile();
    assert_non_null(stream);
    struct diag diag;
    diag_init(&diag, stream);
    struct tmpl *tmpl = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, files[0].name);
    result.status = tmpl_load(path, lang, &tmpl, &diag);
    finish(&result, tmpl, data, stream, &diag, dir);
    for (size_t i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        remove(path);
    }
    rmdir(dir);
    return result;
}

static void result_free(struct result *result)
{
    free(result->output);
    free(result->diagnostics);
}

static void expect_output(const char *text, enum escape_lang lang, const struct value *data, const char *expected)
{
    struct result result = render_text(text, lang, data);
    assert_string_equal(result.diagnostics, "");
    assert_int_equal(result.status, 0);
    assert_string_equal(result.output + strlen("kept|"), expected);
    result_free(&result);
}

static void expect_error(const char *text, const struct value *data, const char *diagnostics)
{
    struct result result = render_text(text, ESCAPE_NONE, data);
    assert_string_equal(result.diagnostics, diagnostics);
    assert_int_equal(result.status, -1);
    assert_string_equal(result.output, "kept|");
    result_free(&result);
}

static void expect_parse_error(const char *text, const char *diagnostics)
{
    struct value *data = value_new_map(&arena);
    expect_error(text, data, diagnostics);
    free_values();
}

static char *escaped(enum escape_lang lang, const char *bytes, size_t length)
{
    struct buffer out;
    buffer_init(&out);
    buffer_append(&out, "", 0);
    escape_append(lang, &out, bytes, length);
    return buffer_take(&out, NULL);
}

struct escape_case {
    const char *input;
    const char *expected;
};

static void expect_escapes(enum escape_lang lang, const struct escape_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char *got = escaped(lang, cases[i].input, strlen(cases[i].input));
        assert_string_equal(got, cases[i].expected);
        free(got);
    }
}

/* ---- interpolation ---- */

static void test_text_without_tags_renders_unchanged(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    expect_output("Hello {world} }} {\n", ESCAPE_HTML, data, "Hello {world} }} {\n");
    free_values();
}

static void test_variable_is_escaped_for_the_output_language(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    value_map_set_string(&arena, data, "x", "<a href=\"q\">&'</a>");
    expect_output("{{x}}", ESCAPE_HTML, data, "&lt;a href=&quot;q&quot;&gt;&amp;&#39;&lt;/a&gt;");
    expect_output("\"{{x}}\"", ESCAPE_C, data, "\"<a href=\\\"q\\\">&'</a>\"");
    expect_output("{{x}}", ESCAPE_NONE, data, "<a href=\"q\">&'</a>");
    free_values();
}

static void test_triple_mustache_and_ampersand_are_not_escaped(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    value_map_set_string(&arena, data, "x", "a\"b<");
    expect_output("{{{x}}} {{&x}} {{{ x }}} {{& x }}", ESCAPE_C, data, "a\"b< a\"b< a\"b< a\"b<");
    free_values();
}

static void test_numbers_and_booleans_render_as_text(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    value_map_set_number(&arena, data, "code", 421);
    value_map_set_number(&arena, data, "ratio", 1.21);
    value_map_set_bool(&arena, data, "yes", true);
    value_map_set(&arena, data, "nothing", value_new(&arena, VALUE_NULL));
    expect_output("{{code}} {{ratio}} {{yes}} [{{nothing}}]", ESCAPE_C, data, "421 1.21 true []");
    free_values();
}

static void test_missing_name_renders_as_nothing(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    expect_output("[{{missing}}][{{a.b.c}}]", ESCAPE_HTML, data, "[][]");
    free_values();
}

static void test_dotted_name_resolves_each_part_in_the_last(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    struct value *a = value_new_map(&arena);
    value_map_set(&arena, a, "b", value_new_map(&arena));
    value_map_set(&arena, data, "a", a);
    struct value *b = value_new_map(&arena);
    value_map_set_string(&arena, b, "c", "wrong");
    value_map_set(&arena, data, "b", b);
    value_map_set_string(&arena, data, "a.b", "not a key");
    /* b.c inside a finds a.b, which has no c: it does not fall back to the root b. */
    expect_output("[{{#a}}{{b.c}}{{/a}}][{{a.b}}]", ESCAPE_NONE, data, "[][]");
    free_values();
}

static void test_names_are_looked_up_through_the_context_stack(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    value_map_set_string(&arena, data, "prefix", "smtp");
    struct value *codes = value_new_list(&arena);
    for (int code = 250; code <= 251; code++) {
        struct value *item = value_new_map(&arena);
        value_map_set_number(&arena, item, "code", code);
        value_list_append(&arena, codes, item);
    }
    value_map_set(&arena, data, "codes", codes);
    expect_output("{{#codes}}{{prefix}}_{{code}};{{/codes}}", ESCAPE_C, data, "smtp_250;smtp_251;");
    free_values();
}

/* ---- sections ---- */

static void test_section_repeats_for_each_list_item(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    struct value *list = value_new_list(&arena);
    value_list_append(&arena, list, value_new_string(&arena, "a"));
    value_list_append(&arena, list, value_new_number(&arena, 2));
    value_map_set(&arena, data, "list", list);
    expect_output("{{#list}}<{{.}}>{{/list}}", ESCAPE_NONE, data, "<a><2>");
    free_values();
}

static void test_section_over_a_map_renders_it_once_as_context(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    struct value *person = value_new_map(&arena);
    value_map_set_string(&arena, person, "name", "Joe");
    value_map_set(&arena, data, "person", person);
    expect_output("{{#person}}Hi {{name}}.{{/person}}", ESCAPE_NONE, data, "Hi Joe.");
    free_values();
}

static void test_falsey_values_hide_a_section_and_show_its_inverse(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    value_map_set_bool(&arena, data, "false", false);
    value_map_set(&arena, data, "null", value_new(&arena, VALUE_NULL));
    value_map_set(&arena, data, "empty", value_new_list(&arena));
    value_map_set_bool(&arena, data, "true", true);
    expect_output("{{#false}}1{{/false}}{{#null}}2{{/null}}{{#empty}}3{{/empty}}{{#missing}}4{{/missing}}"
                  "{{#true}}5{{/true}}",
                  ESCAPE_NONE, data, "5");
    expect_output("{{^false}}1{{/false}}{{^null}}2{{/null}}{{^empty}}3{{/empty}}{{^missing}}4{{/missing}}"
                  "{{^true}}5{{/true}}",
                  ESCAPE_NONE, data, "1234");
    free_values();
}

static void test_standalone_lines_vanish_from_the_output(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    value_map_set_bool(&arena, data, "yes", true);
    expect_output("begin\n  {{#yes}}\n  in\n  {{/yes}}\r\n\t{{! note }}  \n{{^yes}}\nout\n{{/yes}}\nend", ESCAPE_NONE,
                  data, "begin\n  in\nend");
    free_values();
}

static void test_tags_sharing_a_line_keep_it(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    value_map_set_bool(&arena, data, "yes", true);
    expect_output("  {{#yes}}{{/yes}}\nx {{! c }}\n", ESCAPE_NONE, data, "  \nx \n");
    free_values();
}

static void test_comments_render_as_nothing(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    expect_output("a{{! one }}b{{!\n two\n}}c", ESCAPE_NONE, data, "abc");
    free_values();
}

static void test_set_delimiters_changes_the_tags(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    value_map_set_string(&arena, data, "x", "X");
    expect_output("{{x}}{{=<% %>=}}<%x%>{{x}}<%={{ }}=%>{{x}}", ESCAPE_NONE, data, "XX{{x}}X");
    free_values();
}

static void test_a_template_renders_many_times(void **state)
{
    (void)state;
    struct diag diag;
    diag_init(&diag, stderr);
    struct tmpl *tmpl;
    assert_int_equal(tmpl_parse("t", NULL, "<{{x}}>", 7, ESCAPE_NONE, &tmpl, &diag), 0);
    struct value *first = value_new_map(&arena);
    value_map_set_string(&arena, first, "x", "1");
    struct value *second = value_new_map(&arena);
    value_map_set_string(&arena, second, "x", "2");
    struct buffer out;
    buffer_init(&out);
    assert_int_equal(tmpl_render(tmpl, first, &out, &diag), 0);
    assert_int_equal(tmpl_render(tmpl, second, &out, &diag), 0);
    assert_string_equal(out.data, "<1><2>");
    buffer_free(&out);
    free_values();
    free_values();
    tmpl_delete(tmpl);
}

/* ---- partials ---- */

static void test_partial_renders_in_the_current_context(void **state)
{
    (void)state;
    static const struct file files[] = {
        { "page.html.mustache", "[{{#item}}{{> row}}{{/item}}]" },
        { "row.mustache", "<{{name}}>" },
    };
    struct value *data = value_new_map(&arena);
    struct value *item = value_new_map(&arena);
    value_map_set_string(&arena, item, "name", "a&b");
    value_map_set(&arena, data, "item", item);
    struct result result = render_files(files, 2, ESCAPE_HTML, data);
    assert_string_equal(result.diagnostics, "");
    assert_string_equal(result.output, "kept|[<a&amp;b>]");
    result_free(&result);
    free_values();
}

static void test_standalone_partial_indents_each_of_its_lines(void **state)
{
    (void)state;
    static const struct file files[] = {
        { "list.txt.mustache", "begin\n  {{> items}}\nend\n" },
        { "items.mustache", "{{#list}}\n- {{.}}\n  {{> more}}\n{{/list}}\n" },
        { "more.mustache", "more\n{{{text}}}\n" },
    };
    struct value *data = value_new_map(&arena);
    struct value *list = value_new_list(&arena);
    value_list_append(&arena, list, value_new_string(&arena, "a"));
    value_list_append(&arena, list, value_new_string(&arena, "b"));
    value_map_set(&arena, data, "list", list);
    value_map_set_string(&arena, data, "text", "two\nlines");
    struct result result = render_files(files, 3, ESCAPE_NONE, data);
    assert_string_equal(result.diagnostics, "");
    /* The indentation adds up, and lines inside values are not indented. */
    assert_string_equal(result.output,
                        "kept|begin\n"
                        "  - a\n"
                        "    more\n"
                        "    two\n"
                        "lines\n"
                        "  - b\n"
                        "    more\n"
                        "    two\n"
                        "lines\n"
                        "end\n");
    result_free(&result);
    free_values();
}

static void test_missing_partial_warns_and_renders_as_nothing(void **state)
{
    (void)state;
    static const struct file files[] = { { "t.html.mustache", "a\n[{{> nowhere }}]" } };
    struct value *data = value_new_map(&arena);
    struct result result = render_files(files, 1, ESCAPE_HTML, data);
    assert_string_equal(result.diagnostics,
                        "DIR/t.html.mustache:2:2: warning: partial 'nowhere'"
                        " renders as nothing: no file DIR/nowhere.mustache\n");
    assert_int_equal(result.status, 0);
    assert_string_equal(result.output, "kept|a\n[]");
    result_free(&result);
    free_values();
}

static void test_partial_without_partial_folder_warns(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    struct result result = render_text("[{{>p}}]", ESCAPE_NONE, data);
    assert_string_equal(result.diagnostics, "t:1:2: warning: partial 'p' renders as nothing: no partial folder\n");
    assert_string_equal(result.output, "kept|[]");
    result_free(&result);
    free_values();
}

static void test_syntax_error_in_a_partial_names_the_partial(void **state)
{
    (void)state;
    static const struct file files[] = {
        { "t.h.mustache", "{{> broken}}" },
        { "broken.mustache", "ok\n {{#a}}" },
    };
    struct value *data = value_new_map(&arena);
    struct result result = render_files(files, 2, ESCAPE_C, data);
    assert_string_equal(result.diagnostics, "DIR/broken.mustache:2:2: error: section 'a' is never closed\n");
    assert_int_equal(result.status, -1);
    result_free(&result);
    free_values();
}

static void test_endless_partial_recursion_stops_with_an_error(void **state)
{
    (void)state;
    static const struct file files[] = {
        { "t.h.mustache", "{{> loop}}" },
        { "loop.mustache", "x{{> loop}}" },
    };
    struct value *data = value_new_map(&arena);
    struct result result = render_files(files, 2, ESCAPE_C, data);
    assert_string_equal(result.diagnostics,
                        "DIR/loop.mustache:1:2: error: partials nest deeper than 64 levels"
                        " (does 'loop' include itself without end?)\n");
    assert_int_equal(result.status, -1);
    assert_string_equal(result.output, "kept|");
    result_free(&result);
    free_values();
}

/* ---- syntax errors ---- */

static void test_unclosed_tag_is_an_error(void **state)
{
    (void)state;
    expect_parse_error("ab\ncd {{name", "t:2:4: error: unclosed tag: no '}}' follows\n");
    expect_parse_error("{{{name}}", "t:1:1: error: unclosed tag: no '}}}' follows\n");
    expect_parse_error("{{=<% %>=}}<%x", "t:1:12: error: unclosed tag: no '%>' follows\n");
}

static void test_unclosed_section_is_an_error(void **state)
{
    (void)state;
    expect_parse_error("{{#a}}\n  {{^b}}\n",
                       "t:1:1: error: section 'a' is never closed\n"
                       "t:2:3: error: section 'b' is never closed\n");
}

static void test_mismatched_section_end_is_an_error(void **state)
{
    (void)state;
    expect_parse_error("{{#a}}\n{{#b}}{{/a}}", "t:2:7: error: end of section 'a' inside section 'b' (opened at 2:1)\n");
    expect_parse_error("x {{/a}}", "t:1:3: error: end of section 'a' that was never opened\n");
}

static void test_bad_names_are_errors(void **state)
{
    (void)state;
    expect_parse_error("{{}}{{ }}\n{{a b}}{{#a\tb}}{{/a\tb}}\n{{a..b}}{{.a}}{{a.}}",
                       "t:1:1: error: empty tag: a name belongs between the delimiters\n"
                       "t:1:5: error: empty tag: a name belongs between the delimiters\n"
                       "t:2:1: error: bad name: names hold no blanks or control characters\n"
                       "t:2:8: error: bad name: names hold no blanks or control characters\n"
                       "t:3:1: error: bad name 'a..b': a dot must stand between two names\n"
                       "t:3:9: error: bad name '.a': a dot must stand between two names\n"
                       "t:3:15: error: bad name 'a.': a dot must stand between two names\n");
    expect_parse_error("{{> ../secret}}{{>}}",
                       "t:1:1: error: bad partial name: use letters, digits, '_', '-' and '.' (not first)\n"
                       "t:1:16: error: bad partial name: use letters, digits, '_', '-' and '.' (not first)\n");
}

static void test_bad_delimiters_are_errors(void **state)
{
    (void)state;
    static const char message[] = "error: bad delimiters: want two, of at most 16 bytes without blanks"
                                  " or '=', as in {{=<% %>=}}\n";
    char expected[512];
    snprintf(expected, sizeof expected, "t:1:1: %st:2:1: %st:3:1: %st:4:1: %s", message, message, message, message);
    expect_parse_error("{{=<% =}}\n{{=a b c=}}\n{{=a= b=}}\n{{=12345678901234567 x=}}", expected);
}

static void test_sections_nest_at_most_64_deep(void **state)
{
    (void)state;
    struct buffer text;
    buffer_init(&text);
    for (int i = 0; i < 65; i++)
        buffer_append_string(&text, "{{#a}}");
    expect_parse_error(text.data, "t:1:385: error: sections nest deeper than 64 levels\n");
    buffer_free(&text);
}

/* ---- limits while rendering ---- */

static void test_runaway_rendering_is_stopped(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    struct value *list = value_new_list(&arena);
    for (int i = 0; i < 1000; i++)
        value_list_append(&arena, list, value_new_bool(&arena, true));
    value_map_set(&arena, data, "l", list);
    struct result result = render_text("{{#l}}{{#l}}{{#l}}{{/l}}{{/l}}{{/l}}", ESCAPE_NONE, data);
    static const char suffix[] = ": error: rendering stopped after 10000000 steps (a runaway loop?)\n";
    size_t length = strlen(result.diagnostics);
    assert_true(length > strlen(suffix));
    assert_string_equal(result.diagnostics + length - strlen(suffix), suffix);
    assert_string_equal(result.output, "kept|");
    result_free(&result);
    free_values();
}

static void test_huge_output_is_stopped(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    char *big = malloc(1u << 20);
    assert_non_null(big);
    memset(big, 'x', 1u << 20);
    value_map_set(&arena, data, "big", value_new_string_n(&arena, big, 1u << 20));
    free(big);
    struct value *list = value_new_list(&arena);
    for (int i = 0; i < 100; i++)
        value_list_append(&arena, list, value_new_bool(&arena, true));
    value_map_set(&arena, data, "l", list);
    expect_error("{{#l}}{{#l}}{{big}}{{/l}}{{/l}}", data,
                 "t:1:13: error: rendering stopped: the output is larger than 64 MiB\n");
    free_values();
}

/* Lower limits, as the fuzz target sets them, stop at exactly their own
 * figures and leave the output as it was. */
static void test_render_within_lower_limits(void **state)
{
    (void)state;
    struct value *data = value_new_map(&arena);
    struct value *list = value_new_list(&arena);
    for (int i = 0; i < 3; i++)
        value_list_append(&arena, list, value_new_string(&arena, "ab"));
    value_map_set(&arena, data, "l", list);
    struct tmpl *tmpl = NULL;
    struct diag diag;
    FILE *stream = tmpfile();
    assert_non_null(stream);
    diag_init(&diag, stream);
    static const char text[] = "{{#l}}{{.}}{{/l}}";
    assert_int_equal(tmpl_parse("t", NULL, text, strlen(text), ESCAPE_NONE, &tmpl, &diag), 0);

    struct buffer out;
    buffer_init(&out);
    buffer_append_string(&out, "kept|");
    /* Steps: the section node and its lookup of l, then each item and the
     * variable node in it: 2 + 3 * 2. */
    const struct tmpl_limits eight = { .steps = 8, .output_bytes = 1u << 20 };
    assert_int_equal(tmpl_render_within(tmpl, data, &eight, &out, &diag), 0);
    assert_string_equal(out.data, "kept|ababab");
    const struct tmpl_limits seven = { .steps = 7, .output_bytes = 1u << 20 };
    assert_int_equal(tmpl_render_within(tmpl, data, &seven, &out, &diag), -1);
    assert_string_equal(out.data, "kept|ababab");
    tmpl_delete(tmpl);
    buffer_free(&out);
    char *diagnostics = read_stream(stream);
    fclose(stream);
    assert_string_equal(diagnostics, "t:1:7: error: rendering stopped after 7 steps (a runaway loop?)\n");
    free(diagnostics);
    free_values();
}

/* ---- escaping ---- */

static void test_language_comes_from_the_output_name(void **state)
{
    (void)state;
    assert_int_equal(escape_lang_for_output("smtp_replies.h"), ESCAPE_C);
    assert_int_equal(escape_lang_for_output("x.c"), ESCAPE_C);
    assert_int_equal(escape_lang_for_output("smtp-replies.7"), ESCAPE_ROFF);
    assert_int_equal(escape_lang_for_output("x.1"), ESCAPE_ROFF);
    assert_int_equal(escape_lang_for_output("smtp-replies.html"), ESCAPE_HTML);
    assert_int_equal(escape_lang_for_output("page.html"), ESCAPE_HTML);
    assert_int_equal(escape_lang_for_output("x.10"), ESCAPE_NONE);
    assert_int_equal(escape_lang_for_output("x.0"), ESCAPE_NONE);
    assert_int_equal(escape_lang_for_output("x.hpp"), ESCAPE_NONE);
    assert_int_equal(escape_lang_for_output("README"), ESCAPE_NONE);
    /* A template's own name is no output name. */
    assert_int_equal(escape_lang_for_output("x.html.mustache"), ESCAPE_NONE);
}

static void test_c_escaping_is_safe_in_literals_and_comments(void **state)
{
    (void)state;
    static const struct escape_case cases[] = {
        { "plain text, it's", "plain text, it's" },
        { "\"quoted\" \\n", "\\\"quoted\\\" \\\\n" },
        { "C:\\dir\\", "C:\\\\dir\\134" },
        { "a\nb\tc\rd", "a\\nb\\tc\\015d" },
        { "\x01\x1f\x7f", "\\001\\037\\177" },
        { "caf\xc3\xa9"
          "1",
          "caf\\303\\2511" },
        { "what?\?=no", "what?\\?=no" }, /* "??=" written so C reads no trigraph */
        { "?\?\?", "?\\?\\?" },
        { "a*/b /*c", "a*\\057b \\057*c" },
        { "and/or", "and/or" },
        { "/path/", "\\057path\\057" },
    };
    expect_escapes(ESCAPE_C, cases, sizeof cases / sizeof cases[0]);
    char *got = escaped(ESCAPE_C, "a\0b", 3);
    assert_string_equal(got, "a\\000b");
    free(got);
}

static void test_roff_escaping_keeps_text_from_being_requests(void **state)
{
    (void)state;
    static const struct escape_case cases[] = {
        { "C:\\dir", "C:\\edir" },
        { "-v and a-b", "\\-v and a\\-b" },
        { ".TH x", "\\&.TH x" },
        { "'x", "\\&'x" },
        { "one\n.two\n'three it's.", "one\n\\&.two\n\\&'three it's." },
        { "a\n\n   \n  b\n", "a\nb\n" },
        { "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\\[u00E9] \\[u20AC] \\[u1F600]" },
        { "\xff|\xc3|\xc0\xaf|\xed\xa0\x80|\xf4\x90\x80\x80",
          "\\[uFFFD]|\\[uFFFD]|\\[uFFFD]\\[uFFFD]|\\[uFFFD]\\[uFFFD]\\[uFFFD]"
          "|\\[uFFFD]\\[uFFFD]\\[uFFFD]\\[uFFFD]" },
    };
    expect_escapes(ESCAPE_ROFF, cases, sizeof cases / sizeof cases[0]);
}

/* A wrapped line never starts with a request (issue 14): in a comment,
 * where an escaped newline ends the comment, the break starts another
 * comment line; elsewhere a word starting with '.' gets "\&". */
static void test_roff_wrapping_never_starts_a_request(void **state)
{
    (void)state;
    /* Each template starts a line, as "kept|" is before it. */
    struct value *data = value_new_map(&arena);
    value_map_set_string(&arena, data, "file", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa .so secret.txt x");
    value_map_set_string(&arena, data, "text",
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa .so /etc/passwd");
    expect_output("\n.\\\" Generated by replygen from {{file}}. Do not edit.", ESCAPE_ROFF, data,
                  "\n.\\\" Generated by replygen from aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
                  ".\\\" .so secret.txt x. Do not edit.");
    expect_output("\n{{text}}", ESCAPE_ROFF, data,
                  "\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \\\n\\&.so /etc/passwd");
    /* A comment may start in the middle of a line, and with \# too. */
    expect_output(
        "\nx \\\"{{text}}", ESCAPE_ROFF, data,
        "\nx \\\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n.\\\" .so /etc/passwd");
    expect_output(
        "\nx \\#{{text}}", ESCAPE_ROFF, data,
        "\nx \\#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n.\\\" .so /etc/passwd");
    /* \\" is an escaped backslash and a quote: no comment. */
    expect_output(
        "\n\\\\\"{{text}}", ESCAPE_ROFF, data,
        "\n\\\\\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \\\n\\&.so /etc/passwd");
    free_values();
}

static void test_html_escaping_covers_markup_and_quotes(void **state)
{
    (void)state;
    static const struct escape_case cases[] = {
        { "a & b < c > d \"e\" 'f'", "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;" },
        { "caf\xc3\xa9", "caf\xc3\xa9" },
    };
    expect_escapes(ESCAPE_HTML, cases, sizeof cases / sizeof cases[0]);
}

static void test_no_escaping_keeps_every_byte(void **state)
{
    (void)state;
    char *got = escaped(ESCAPE_NONE, "<\"\\\n\xff", 5);
    assert_string_equal(got, "<\"\\\n\xff");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_without_tags_renders_unchanged),
        cmocka_unit_test(test_variable_is_escaped_for_the_output_language),
        cmocka_unit_test(test_triple_mustache_and_ampersand_are_not_escaped),
        cmocka_unit_test(test_numbers_and_booleans_render_as_text),
        cmocka_unit_test(test_missing_name_renders_as_nothing),
        cmocka_unit_test(test_dotted_name_resolves_each_part_in_the_last),
        cmocka_unit_test(test_names_are_looked_up_through_the_context_stack),
        cmocka_unit_test(test_section_repeats_for_each_list_item),
        cmocka_unit_test(test_section_over_a_map_renders_it_once_as_context),
        cmocka_unit_test(test_falsey_values_hide_a_section_and_show_its_inverse),
        cmocka_unit_test(test_standalone_lines_vanish_from_the_output),
        cmocka_unit_test(test_tags_sharing_a_line_keep_it),
        cmocka_unit_test(test_comments_render_as_nothing),
        cmocka_unit_test(test_set_delimiters_changes_the_tags),
        cmocka_unit_test(test_a_template_renders_many_times),
        cmocka_unit_test(test_partial_renders_in_the_current_context),
        cmocka_unit_test(test_standalone_partial_indents_each_of_its_lines),
        cmocka_unit_test(test_missing_partial_warns_and_renders_as_nothing),
        cmocka_unit_test(test_partial_without_partial_folder_warns),
        cmocka_unit_test(test_syntax_error_in_a_partial_names_the_partial),
        cmocka_unit_test(test_endless_partial_recursion_stops_with_an_error),
        cmocka_unit_test(test_unclosed_tag_is_an_error),
        cmocka_unit_test(test_unclosed_section_is_an_error),
        cmocka_unit_test(test_mismatched_section_end_is_an_error),
        cmocka_unit_test(test_bad_names_are_errors),
        cmocka_unit_test(test_bad_delimiters_are_errors),
        cmocka_unit_test(test_sections_nest_at_most_64_deep),
        cmocka_unit_test(test_runaway_rendering_is_stopped),
        cmocka_unit_test(test_huge_output_is_stopped),
        cmocka_unit_test(test_render_within_lower_limits),
        cmocka_unit_test(test_language_comes_from_the_output_name),
        cmocka_unit_test(test_c_escaping_is_safe_in_literals_and_comments),
        cmocka_unit_test(test_roff_escaping_keeps_text_from_being_requests),
        cmocka_unit_test(test_roff_wrapping_never_starts_a_request),
        cmocka_unit_test(test_html_escaping_covers_markup_and_quotes),
        cmocka_unit_test(test_no_escaping_keeps_every_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
