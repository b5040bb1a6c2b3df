/* template_fuzz.c: libFuzzer target for the Mustache engine, fed arbitrary
 * templates and data. The input is
 *
 *     LANG TEMPLATE NUL DATA
 *
 * LANG: one byte, its value modulo 4 picks the escaping (none, C, roff,
 * HTML); TEMPLATE: the template text, up to the first NUL byte; DATA: the
 * rest, read as YAML (the values the template sees; an empty map when there
 * is no NUL). Partials come from a folder made at start-up that holds a few
 * tricky ones (self-including, indenting, changing delimiters) and a large
 * one, read in more than one chunk; any other name is missing and renders
 * as nothing.
 *
 * Besides crashes, leaks and undefined behaviour, it checks the engine's
 * promises: a refusal is reported; a failed render leaves the output as it
 * was; rendering twice gives the same bytes.
 *
 * It renders within lower limits than the engine's defaults (fuzz_limits):
 * an input that loops until the limit stops it then costs milliseconds
 * instead of seconds, and a long run explores instead of waiting on a
 * corpus that fills with such inputs. The limit paths are the same code. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, open_memstream */
#include "buffer.h"
#include "diag.h"
#include "escape.h"
#include "template.h"
#include "value.h"
#include "yaml_tree.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
    const char *name;
    const char *text;
} partials[] = {
    { "p", "[{{x}}]\n" },
    { "self", "{{x}}{{> self}}" },
    { "nest", "{{#items}}\n  {{> nest}}\n{{/items}}\n" },
    { "indent", "  line one\n{{> p}}\n  {{{raw}}} {{& raw}}\n" },
    { "delims", "{{=<% %>=}}<% x %><%# a %><% . %><%/ a %>\n" },
    { "broken", "{{#open}} never closed" },
    { "a.b", "{{a.b.c}}{{^a}}none{{/a}}" },
};

/* "large": a partial larger than file_read()'s 64 KiB chunk, so that it
 * is read in more than one: 68 lines of 1,024 octets (69,632), each 984
 * dots of text, then a section, a variable and a nested partial. Mostly
 * text, so that an input naming it still runs in about a millisecond. */
#define LARGE_LINES     68
#define LARGE_LINE_SIZE 1024
static const char large_line_tags[] = "{{#items}}{{.}},{{/items}}{{x}} {{> p}}\n";

static char partial_dir[64];

static const struct tmpl_limits fuzz_limits = { .steps = 200000, .output_bytes = 1u << 20 };

static void remove_partials(void)
{
    char path[128];
    for (size_t i = 0; i < sizeof partials / sizeof partials[0]; i++) {
        snprintf(path, sizeof path, "%s/%s.mustache", partial_dir, partials[i].name);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/large.mustache", partial_dir);
    unlink(path);
    rmdir(partial_dir);
}

static void write_large_partial(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/large.mustache", partial_dir);
    FILE *file = fopen(path, "wb");
    if (!file)
        abort();
    char line[LARGE_LINE_SIZE];
    size_t tags = sizeof large_line_tags - 1;
    memset(line, '.', sizeof line - tags);
    memcpy(line + sizeof line - tags, large_line_tags, tags);
    for (int i = 0; i < LARGE_LINES; i++)
        if (fwrite(line, 1, sizeof line, file) != sizeof line)
            abort();
    if (fclose(file) != 0)
        abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(partial_dir, sizeof partial_dir, "%.40s/template-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(partial_dir))
        abort();
    for (size_t i = 0; i < sizeof partials / sizeof partials[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s.mustache", partial_dir, partials[i].name);
        FILE *file = fopen(path, "wb");
        if (!file || fputs(partials[i].text, file) < 0 || fclose(file) != 0)
            abort();
    }
    write_large_partial();
    atexit(remove_partials);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const enum escape_lang langs[] = { ESCAPE_NONE, ESCAPE_C, ESCAPE_ROFF, ESCAPE_HTML };
    enum escape_lang lang = langs[data[0] % 4];
    const char *text = (const char *)data + 1;
    size_t rest = size - 1;
    const char *nul = memchr(text, '\0', rest);
    size_t template_length = nul ? (size_t)(nul - text) : rest;

    char *messages = NULL;
    size_t messages_length = 0;
    FILE *sink = open_memstream(&messages, &messages_length);
    if (!sink)
        abort();
    struct diag diag;
    diag_init(&diag, sink);

    struct value_arena arena;
    value_arena_init(&arena);
    struct value *values = NULL;
    if (nul) {
        size_t data_length = rest - template_length - 1;
        if (yaml_tree_load_bytes(&arena, "data.yaml", nul + 1, data_length, NULL, &values, NULL, &diag) != 0) {
            if (diag.errors == 0)
                abort();
            values = NULL;
        }
    } else {
        values = value_new_map(&arena);
    }
    struct tmpl *tmpl = NULL;
    if (values) {
        unsigned errors = diag.errors;
        if (tmpl_parse("fuzz.mustache", partial_dir, text, template_length, lang, &tmpl, &diag) != 0) {
            if (diag.errors == errors || tmpl)
                abort();
        }
    }
    if (tmpl) {
        static const char before[] = "kept";
        struct buffer first, second;
        buffer_init(&first);
        buffer_init(&second);
        buffer_append_string(&first, before);
        buffer_append_string(&second, before);
        unsigned errors = diag.errors;
        int status = tmpl_render_within(tmpl, values, &fuzz_limits, &first, &diag);
        if (status != 0) {
            /* Refused: reported, and the output as it was. */
            if (diag.errors == errors || first.length != strlen(before) || memcmp(first.data, before, first.length))
                abort();
        } else {
            /* Deterministic: a second run gives the same bytes. */
            if (tmpl_render_within(tmpl, values, &fuzz_limits, &second, &diag) != 0 || second.length != first.length
                || memcmp(first.data, second.data, first.length) != 0)
                abort();
        }
        buffer_free(&first);
        buffer_free(&second);
        tmpl_delete(tmpl);
    }
    value_arena_free(&arena);
    diag_free(&diag);
    fclose(sink);
    free(messages);
    return 0;
}
