/* spec.c: lookups in a checked spec, and freeing it. The bottom of the
 * check stage (spec.h shows its layers): it calls nothing above it, and
 * later stages use it too. */
#include "spec.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int compare_codes(const void *a, const void *b)
{
    return ((const struct spec_code *)a)->code - ((const struct spec_code *)b)->code;
}

const struct spec_code *spec_find_code(const struct spec *spec, int code)
{
    struct spec_code key = { .code = code };
    if (spec->code_count == 0)
        return NULL; /* codes may be NULL then, and bsearch's base must not be (found by fuzzing) */
    return bsearch(&key, spec->codes, spec->code_count, sizeof key, compare_codes);
}

static int compare_entries(const void *a, const void *b)
{
    return ((const struct spec_entry *)a)->number - ((const struct spec_entry *)b)->number;
}

const struct spec_entry *spec_find_entry(const struct spec_entry *entries, size_t count, int number)
{
    struct spec_entry key = { .number = number };
    if (count == 0)
        return NULL; /* as in spec_find_code */
    return bsearch(&key, entries, count, sizeof key, compare_entries);
}

void spec_sort_codes(struct spec_code *codes, size_t count) { qsort(codes, count, sizeof *codes, compare_codes); }

void spec_sort_entries(struct spec_entry *entries, size_t count)
{
    qsort(entries, count, sizeof *entries, compare_entries);
}

const char *spec_status_name(enum spec_status status)
{
    switch (status) {
    case SPEC_STATUS_STANDARD: return "standard";
    case SPEC_STATUS_EXTENSION: return "extension";
    case SPEC_STATUS_OBSOLETE: return "obsolete";
    }
    return "?";
}

static void free_entries(struct spec_entry *entries, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(entries[i].refs.items);
    free(entries);
}

void spec_free_command(struct spec_command *command)
{
    free(command->refs.items);
    free(command->preliminary.items);
    free(command->success.items);
    free(command->intermediate.items);
    free(command->error.items);
    for (size_t i = 0; i < command->meaning_count; i++)
        free(command->meanings[i].refs.items);
    free(command->meanings);
}

void spec_free_enhanced_code(struct spec_enhanced_code *code)
{
    free(code->basic.items);
    free(code->registry_basic);
    free(code->refs.items);
}

static void free_enhanced(struct spec_enhanced *enhanced)
{
    if (!enhanced)
        return;
    free_entries(enhanced->classes, enhanced->class_count);
    free_entries(enhanced->subjects, enhanced->subject_count);
    for (size_t i = 0; i < enhanced->code_count; i++)
        spec_free_enhanced_code(&enhanced->codes[i]);
    free(enhanced->codes);
    free(enhanced);
}

void spec_free(struct spec *spec)
{
    free(spec->refs.items);
    free(spec->references);
    free_entries(spec->first_digits, spec->first_digit_count);
    free_entries(spec->second_digits, spec->second_digit_count);
    for (size_t i = 0; i < spec->code_count; i++)
        free(spec->codes[i].refs.items);
    free(spec->codes);
    for (size_t i = 0; i < spec->command_count; i++)
        spec_free_command(&spec->commands[i]);
    free(spec->commands);
    free(spec->common_errors.items);
    free_enhanced(spec->enhanced);
    memset(spec, 0, sizeof *spec);
}

void spec_append_document_label(struct buffer *out, const char *id)
{
    size_t letters = 0;
    while (isalpha((unsigned char)id[letters]))
        letters++;
    const char *number = id + letters;
    if (letters == 0 || !*number || strspn(number, "0123456789") != strlen(number)) {
        buffer_append_string(out, id);
        return;
    }
    for (size_t i = 0; i < letters; i++)
        buffer_append_char(out, (char)toupper((unsigned char)id[i]));
    buffer_printf(out, " %s", number);
}

void spec_append_citation_label(struct buffer *out, const struct spec_citation *citation)
{
    spec_append_document_label(out, citation->reference->id);
    if (citation->section)
        buffer_printf(out, " section %s", citation->section);
}
