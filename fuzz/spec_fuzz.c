/* spec_fuzz.c: libFuzzer target for the spec pipeline. Arbitrary bytes go
 * through the YAML loader, the spec checker and the model, and every spec
 * that passes is rendered with the real templates (templates/), so that
 * every string a spec can hold also goes through each output's escaping.
 *
 * It runs the stages as replygen does, through pipeline.h.
 *
 * Besides crashes, leaks and undefined behaviour, it checks two promises:
 * every refusal is reported (at least one error), and every error names
 * its place as fuzz.yaml:LINE:COL, on one line, which only the quote of
 * that line and its caret may follow. */
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

/* The quote of a message at line at_line: the source line, " LINE | text",
 * then the caret under its column, "      |   ^", and nothing else. The
 * quoted text itself is the input, shown safely: no control byte. */
static const char *check_quote(const char *line, const char *text_end, unsigned at_line)
{
    char number[32];
    snprintf(number, sizeof number, " %4u | ", at_line);
    size_t prefix = strlen(number);
    const char *end = memchr(line, '\n', (size_t)(text_end - line));
    if (!end || (size_t)(end - line) < prefix || memcmp(line, number, prefix) != 0)
        return NULL;
    for (const char *c = line; c < end; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return NULL;
    const char *caret = end + 1;
    end = memchr(caret, '\n', (size_t)(text_end - caret));
    if (!end || (size_t)(end - caret) < prefix + 1 || end[-1] != '^')
        return NULL;
    for (const char *c = caret; c < end - 1; c++)
        if (*c != ' ' && !(c == caret + prefix - 2 && *c == '|'))
            return NULL;
    return end + 1;
}

/* Every message the run printed must be NAME:LINE:COL: error|warning: ...
 * on one line, followed by nothing or by the quote of its line. */
static void check_messages(const char *text, size_t length, unsigned errors)
{
    unsigned lines = 0;
    const char *text_end = text + length;
    for (const char *line = text; line < text_end;) {
        const char *end = memchr(line, '\n', (size_t)(text_end - line));
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
        if (line < text_end && line[0] == ' ') {
            line = check_quote(line, text_end, at_line);
            if (!line) {
                fprintf(stderr, "a message with a broken quote of line %u\n", at_line);
                abort();
            }
        }
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
    diag_free(&diag);
    fclose(sink);
    check_messages(messages, messages_length, diag.errors);
    free(messages);
    return 0;
}
