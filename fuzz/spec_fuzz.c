/* spec_fuzz.c: libFuzzer target for the spec pipeline. Arbitrary bytes go
 * through the YAML loader, the spec checker and the model, and every spec
 * that passes is rendered with the real templates (templates/), so that
 * every string a spec can hold also goes through each output's escaping.
 *
 * It runs the stages as replygen does, through pipeline.h.
 *
 * Besides crashes, leaks and undefined behaviour, it checks two promises:
 * every refusal is reported (at least one error), and every error names
 * its place as fuzz.yaml:LINE:COL. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "diag.h"
#include "pipeline.h"

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

/* The real templates, each parsed once, when first rendered. */
static struct pipeline_templates templates;

static void close_templates(void) { pipeline_templates_close(&templates); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    struct diag diag;
    diag_init(&diag, stderr);
    if (pipeline_templates_open(REPLYGEN_TEMPLATE_DIR, &templates, &diag) != 0)
        abort();
    atexit(close_templates);
    return 0;
}

/* Every line the run printed must be NAME:LINE:COL: error|warning: ... */
static void check_messages(const char *text, size_t length, unsigned errors)
{
    unsigned lines = 0;
    for (const char *line = text; line < text + length;) {
        const char *end = memchr(line, '\n', (size_t)(text + length - line));
        if (!end)
            abort(); /* a message without its newline */
        unsigned at_line = 0, at_column = 0;
        int consumed = 0;
        if (sscanf(line, NAME ":%u:%u: %n", &at_line, &at_column, &consumed) != 2 || consumed == 0 || at_line == 0
            || at_column == 0) {
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

/* The model of a valid spec always renders: the limits of the engine are
 * far above what 16 MiB of spec can ask for. */
static void render_all(const struct value *model)
{
    struct diag diag;
    diag_init(&diag, stderr);
    struct pipeline_selection everything = { NULL, 0, false };
    struct output_set outputs = { NULL, 0 }, skipped = { NULL, 0 };
    if (pipeline_render(&templates, model, &everything, &outputs, &skipped, &diag) != 0)
        abort();
    output_set_free(&outputs);
    output_set_free(&skipped);
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
    struct pipeline_spec loaded;
    if (pipeline_load_bytes(NAME, (const char *)data, size, NULL, &loaded, &diag) == 0) {
        render_all(pipeline_model(&loaded, NAME, NULL));
        if (diag.errors != 0)
            abort(); /* accepted, yet an error was reported */
    } else if (diag.errors == 0) {
        abort(); /* refused without saying why */
    }
    pipeline_spec_free(&loaded);
    fclose(sink);
    check_messages(messages, messages_length, diag.errors);
    free(messages);
    return 0;
}
