/* spec_fuzz.c: libFuzzer target for the spec pipeline. Arbitrary bytes go
 * through the YAML loader, the spec checker and the model, and every spec
 * that passes is rendered with the real templates (templates/), so that
 * every string a spec can hold also goes through each output's escaping.
 *
 * Besides crashes, leaks and undefined behaviour, it checks two promises:
 * every refusal is reported (at least one error), and every error names
 * its place as fuzz.yaml:LINE:COL. */
#define _POSIX_C_SOURCE 200809L   /* open_memstream */
#include "diag.h"
#include "model.h"
#include "spec.h"
#include "template.h"
#include "value.h"
#include "yaml_tree.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef REPLYGEN_TEMPLATE_DIR
#error "build with -DREPLYGEN_TEMPLATE_DIR=\"path/to/templates\""
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAME "fuzz.yaml"
#define MAX_TEMPLATES 32

static struct tmpl *templates[MAX_TEMPLATES];
static size_t template_count;

static void free_templates(void)
{
    for (size_t i = 0; i < template_count; i++)
        tmpl_delete(templates[i]);
    template_count = 0;
}

/* Parse the real templates once; a broken one stops the fuzzer at once. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    struct diag diag;
    diag_init(&diag, stderr);
    DIR *folder = opendir(REPLYGEN_TEMPLATE_DIR);
    if (!folder) {
        perror(REPLYGEN_TEMPLATE_DIR);
        abort();
    }
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL && template_count < MAX_TEMPLATES) {
        const char *name = entry->d_name;
        size_t length = strlen(name);
        if (name[0] == '_' || name[0] == '.' || length < 10 || strcmp(name + length - 9, ".mustache") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", REPLYGEN_TEMPLATE_DIR, name);
        if (tmpl_load(path, &templates[template_count], &diag) != 0)
            abort();
        template_count++;
    }
    closedir(folder);
    atexit(free_templates);
    return 0;
}

/* Every line the run printed must be NAME:LINE:COL: error|warning: ... */
static void check_messages(const char *text, size_t length, unsigned errors)
{
    unsigned lines = 0;
    for (const char *line = text; line < text + length;) {
        const char *end = memchr(line, '\n', (size_t)(text + length - line));
        if (!end)
            abort();   /* a message without its newline */
        unsigned at_line = 0, at_column = 0;
        int consumed = 0;
        if (sscanf(line, NAME ":%u:%u: %n", &at_line, &at_column, &consumed) != 2 || consumed == 0
            || at_line == 0 || at_column == 0) {
            fprintf(stderr, "a message without its place: %.*s\n", (int)(end - line), line);
            abort();
        }
        if (strncmp(line + consumed, "error: ", 7) == 0)
            lines++;
        else if (strncmp(line + consumed, "warning: ", 9) != 0)
            abort();
        line = end + 1;
    }
    if (lines != errors)
        abort();
}

static void render_all(const struct value *model)
{
    struct diag diag;
    diag_init(&diag, stderr);
    for (size_t i = 0; i < template_count; i++) {
        struct buffer out;
        buffer_init(&out);
        /* The model of a valid spec always renders: the limits of the
         * engine are far above what 16 MiB of spec can ask for. */
        if (tmpl_render(templates[i], model, &out, &diag) != 0)
            abort();
        buffer_free(&out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *messages = NULL;
    size_t messages_length = 0;
    FILE *sink = open_memstream(&messages, &messages_length);
    if (!sink)
        abort();
    struct diag diag;
    diag_init(&diag, sink);
    struct value *tree = NULL;
    if (yaml_tree_load_bytes(NAME, (const char *)data, size, NULL, &tree, &diag) == 0) {
        struct spec spec;
        if (spec_check(NAME, tree, &spec, &diag) == 0) {
            struct value *model = model_build(&spec, NAME, NULL);
            render_all(model);
            value_delete(model);
            spec_free(&spec);
            if (diag.errors != 0)
                abort();   /* accepted, yet an error was reported */
        } else if (diag.errors == 0) {
            abort();       /* refused without saying why */
        }
        value_delete(tree);
    } else if (diag.errors == 0) {
        abort();
    }
    fclose(sink);
    check_messages(messages, messages_length, diag.errors);
    free(messages);
    return 0;
}
