/* model_enhanced.c: the values templates see for enhanced status codes. */
#include "model_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_digit_entry(struct value *item, const char *key, int number, const char *name, const char *title,
                            const char *description, const struct spec_citations *refs)
{
    value_map_set_number(item, key, number);
    model_set_names(item, name);
    value_map_set_string(item, "title", title);
    value_map_set_string(item, "description", description);
    model_set_citations(item, refs);
}

static void format_code(char *out, size_t size, const struct spec_enhanced_code *code)
{
    snprintf(out, size, "X.%d.%d", code->subject, code->detail);
}

/* "4, 5"-style list of the classes a code is used with, and the list. */
static void set_classes(struct value *item, const struct spec_enhanced *enhanced, unsigned classes)
{
    struct value *list = value_new_list();
    struct buffer text;
    buffer_init(&text);
    for (size_t i = 0; i < enhanced->class_count; i++) {
        const struct spec_entry *class_entry = &enhanced->classes[i];
        if (!(classes & (1u << class_entry->number)))
            continue;
        struct value *entry = value_new_map();
        value_map_set_number(entry, "class", class_entry->number);
        char *name_upper = model_upper(class_entry->name);
        value_map_set_string(entry, "NAME", name_upper);
        free(name_upper);
        value_list_append(list, entry);
        buffer_printf(&text, "%s%d", text.length ? ", " : "", class_entry->number);
    }
    model_mark_last(list);
    value_map_set(item, "classes", list);
    value_map_set_number(item, "classes_mask", classes);
    char *joined = buffer_take(&text, NULL);
    value_map_set_string(item, "classes_text", joined);
    free(joined);
}

static void set_basic(struct value *item, const struct spec_enhanced_code *code)
{
    value_map_set(item, "basic", model_code_refs(&code->basic));
    struct buffer text;
    buffer_init(&text);
    for (size_t i = 0; i < code->basic.count; i++)
        buffer_printf(&text, "%s%d", i ? ", " : "", code->basic.items[i]->code);
    char *joined = buffer_take(&text, NULL);
    value_map_set_string(item, "basic_text", joined);
    free(joined);
    buffer_init(&text);
    for (size_t i = 0; i < code->registry_basic_count; i++)
        buffer_printf(&text, "%s%d", i ? ", " : "", code->registry_basic[i]);
    joined = buffer_take(&text, NULL);
    value_map_set_string(item, "registry_basic_text", joined);
    free(joined);
}

static struct value *code_model(const struct spec_enhanced *enhanced, const struct spec_enhanced_code *code,
                                size_t index)
{
    struct value *item = value_new_map();
    char text[32];
    format_code(text, sizeof text, code);
    value_map_set_string(item, "code", text);
    value_map_set_number(item, "subject", code->subject);
    value_map_set_number(item, "detail", code->detail);
    /* One number per (subject, detail) for the generated switch. */
    value_map_set_number(item, "key", code->subject * 1000 + code->detail);
    model_set_names(item, code->name);
    value_map_set_string(item, "text", code->text);
    value_map_set_string(item, "description", code->description);
    value_map_set_string(item, "subject_name", code->subject_entry->name);
    value_map_set_string(item, "subject_title", code->subject_entry->title);
    set_classes(item, enhanced, code->classes);
    set_basic(item, code);
    value_map_set_bool(item, "has_basic", code->basic.count > 0);
    value_map_set_bool(item, "has_registry_basic", code->registry_basic_count > 0);
    model_set_citations(item, &code->refs);
    value_map_set_number(item, "index", (double)index);
    return item;
}

struct value *model_enhanced(const struct spec *spec)
{
    const struct spec_enhanced *enhanced = spec->enhanced;
    if (!enhanced)
        return NULL;
    struct value *model = value_new_map();

    struct value *classes = value_new_list();
    for (size_t i = 0; i < enhanced->class_count; i++) {
        const struct spec_entry *entry = &enhanced->classes[i];
        struct value *item = value_new_map();
        set_digit_entry(item, "class", entry->number, entry->name, entry->title, entry->description, &entry->refs);
        value_list_append(classes, item);
    }
    model_mark_last(classes);
    value_map_set(model, "classes", classes);

    struct value *codes = value_new_list();
    for (size_t i = 0; i < enhanced->code_count; i++)
        value_list_append(codes, code_model(enhanced, &enhanced->codes[i], i));
    model_mark_last(codes);

    /* Each subject with its codes (for documentation, which groups them by
     * subject), and the index of its X.Y.0 entry: the fallback for a detail
     * the registry does not have. */
    struct value *subjects = value_new_list();
    for (size_t i = 0; i < enhanced->subject_count; i++) {
        const struct spec_entry *entry = &enhanced->subjects[i];
        struct value *item = value_new_map();
        set_digit_entry(item, "subject", entry->number, entry->name, entry->title, entry->description, &entry->refs);
        struct value *own = value_new_list();
        for (size_t j = 0; j < enhanced->code_count; j++) {
            const struct spec_enhanced_code *code = &enhanced->codes[j];
            if (code->subject != entry->number)
                continue;
            value_list_append(own, code_model(enhanced, code, j));
            if (code->detail == 0)
                value_map_set_number(item, "fallback_index", (double)j);
        }
        model_mark_last(own);
        value_map_set(item, "codes", own);
        value_list_append(subjects, item);
    }
    model_mark_last(subjects);
    value_map_set(model, "subjects", subjects);
    value_map_set(model, "codes", codes);
    value_map_set_number(model, "code_count", (double)enhanced->code_count);
    return model;
}

void model_link_enhanced(struct value *codes, const struct spec *spec)
{
    const struct spec_enhanced *enhanced = spec->enhanced;
    for (size_t i = 0; i < codes->count; i++) {
        struct value *item = codes->items[i];
        int number = (int)value_map_get(item, "code")->number;
        struct value *list = value_new_list();
        for (size_t j = 0; enhanced && j < enhanced->code_count; j++) {
            const struct spec_enhanced_code *code = &enhanced->codes[j];
            bool goes_with = false;
            for (size_t k = 0; k < code->basic.count && !goes_with; k++)
                goes_with = code->basic.items[k]->code == number;
            if (!goes_with)
                continue;
            struct value *ref = value_new_map();
            char text[32];
            format_code(text, sizeof text, code);
            value_map_set_string(ref, "code", text);
            model_set_names(ref, code->name);
            value_map_set_string(ref, "text", code->text);
            value_list_append(list, ref);
        }
        model_mark_last(list);
        value_map_set_bool(item, "has_enhanced", list->count > 0);
        value_map_set(item, "enhanced", list);
    }
}
