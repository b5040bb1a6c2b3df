/* model.c: spec -> the value tree templates render. Every value a template
 * shows is prepared here (upper-case names, padding, joined references,
 * is_last), so that templates never compute. */
#define _POSIX_C_SOURCE 200809L   /* gmtime_r */
#include "model.h"
#include "model_parts.h"

#include "version.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *model_upper(const char *name)
{
    char *result = xstrdup(name);
    for (char *c = result; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    return result;
}

void model_set_names(struct value *map, const char *name)
{
    char *name_upper = model_upper(name);
    value_map_set_string(map, "name", name);
    value_map_set_string(map, "NAME", name_upper);
    free(name_upper);
}

void model_mark_last(struct value *list)
{
    for (size_t i = 0; i < list->count; i++)
        value_map_set_bool(list->items[i], "is_last", i + 1 == list->count);
}

/* How a document is named in text: "rfc5321" -> "RFC 5321"; an id that is
 * not letters then digits stays as it is ("draft-levine-mailbomb-header"). */
static void append_document_label(struct buffer *out, const char *id)
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

/* "RFC 5321 section 4.2.2". */
static void append_reference_label(struct buffer *out, const struct spec_citation *citation)
{
    append_document_label(out, citation->reference->id);
    if (citation->section)
        buffer_printf(out, " section %s", citation->section);
}

static struct value *citations_model(const struct spec_citations *citations, char **joined)
{
    struct value *list = value_new_list();
    struct buffer all;
    buffer_init(&all);
    for (size_t i = 0; i < citations->count; i++) {
        const struct spec_citation *citation = &citations->items[i];
        struct value *item = value_new_map();
        struct buffer label;
        buffer_init(&label);
        append_reference_label(&label, citation);
        value_map_set_string(item, "id", citation->reference->id);
        if (citation->section)
            value_map_set_string(item, "section", citation->section);
        value_map_set_string(item, "label", label.data);
        value_map_set_string(item, "title", citation->reference->title);
        value_map_set_string(item, "url", citation->reference->url);
        if (i)
            buffer_append_string(&all, ", ");
        buffer_append_string(&all, label.data);
        buffer_free(&label);
        value_list_append(list, item);
    }
    model_mark_last(list);
    *joined = buffer_take(&all, NULL);
    return list;
}

void model_set_citations(struct value *map, const struct spec_citations *citations)
{
    char *joined;
    value_map_set(map, "refs", citations_model(citations, &joined));
    value_map_set_string(map, "refs_text", joined);
    free(joined);
}

static struct value *digits_model(const struct spec_entry *digits, size_t count)
{
    struct value *list = value_new_list();
    for (size_t i = 0; i < count; i++) {
        struct value *item = value_new_map();
        value_map_set_number(item, "digit", digits[i].number);
        model_set_names(item, digits[i].name);
        value_map_set_string(item, "title", digits[i].title);
        value_map_set_string(item, "description", digits[i].description);
        model_set_citations(item, &digits[i].refs);
        value_list_append(list, item);
    }
    model_mark_last(list);
    return list;
}

/* Spaces that align "NAME = value" columns: the longest name minus this one. */
static void set_padding(struct value *list, size_t longest, const char *key)
{
    for (size_t i = 0; i < list->count; i++) {
        const struct value *name = value_map_get(list->items[i], key);
        size_t pad = longest - name->length;
        char *spaces = xmalloc(pad + 1);
        memset(spaces, ' ', pad);
        spaces[pad] = '\0';
        value_map_set_string(list->items[i], "pad", spaces);
        free(spaces);
    }
}

static struct value *code_model(const struct spec_code *code, size_t index)
{
    struct value *item = value_new_map();
    value_map_set_number(item, "code", code->code);
    model_set_names(item, code->name);
    value_map_set_string(item, "text", code->text);
    value_map_set_string(item, "summary", code->summary);
    value_map_set_string(item, "description", code->description);
    char *status_upper = model_upper(spec_status_name(code->status));
    value_map_set_string(item, "status", spec_status_name(code->status));
    value_map_set_string(item, "STATUS", status_upper);
    value_map_set_bool(item, "deprecated", code->deprecated);
    free(status_upper);
    char *class_upper = model_upper(code->first_digit->name);
    char *category_upper = model_upper(code->second_digit->name);
    value_map_set_string(item, "class", class_upper);
    value_map_set_string(item, "class_name", code->first_digit->name);
    value_map_set_string(item, "class_title", code->first_digit->title);
    value_map_set_string(item, "category", category_upper);
    value_map_set_string(item, "category_name", code->second_digit->name);
    value_map_set_string(item, "category_title", code->second_digit->title);
    free(class_upper);
    free(category_upper);
    model_set_citations(item, &code->refs);
    value_map_set_number(item, "index", (double)index);
    return item;
}

static int compare_code_names(const void *a, const void *b)
{
    return strcmp((*(const struct spec_code *const *)a)->name, (*(const struct spec_code *const *)b)->name);
}

/* Each code's name and index in codes, in strcmp order of the names: the
 * generated lookup by name searches it. */
static struct value *codes_by_name_model(const struct spec *spec)
{
    const struct spec_code **sorted = xcalloc(spec->code_count, sizeof *sorted);
    for (size_t i = 0; i < spec->code_count; i++)
        sorted[i] = &spec->codes[i];
    qsort(sorted, spec->code_count, sizeof *sorted, compare_code_names);
    struct value *list = value_new_list();
    for (size_t i = 0; i < spec->code_count; i++) {
        struct value *item = value_new_map();
        value_map_set_string(item, "name", sorted[i]->name);
        value_map_set_number(item, "index", (double)(sorted[i] - spec->codes));
        value_list_append(list, item);
    }
    free(sorted);
    model_mark_last(list);
    return list;
}

/* For the generated lookup: the numbers 100-999 in rows of ten, each
 * number's slot being its index in codes plus one, or 0 when it is not a
 * code of the spec. */
enum { SLOT_FIRST = 100, SLOT_LAST = 999, SLOTS_PER_ROW = 10 };

static struct value *code_slot_rows_model(const struct spec *spec)
{
    struct value *rows = value_new_list();
    size_t next = 0;   /* codes are sorted: walk them once */
    for (int first = SLOT_FIRST; first <= SLOT_LAST; first += SLOTS_PER_ROW) {
        struct value *row = value_new_map();
        struct value *slots = value_new_list();
        for (int number = first; number < first + SLOTS_PER_ROW; number++) {
            struct value *slot = value_new_map();
            bool is_code = next < spec->code_count && spec->codes[next].code == number;
            value_map_set_number(slot, "slot", is_code ? (double)++next : 0);
            value_list_append(slots, slot);
        }
        value_map_set_number(row, "first", first);
        value_map_set_number(row, "last", first + SLOTS_PER_ROW - 1);
        value_map_set(row, "slots", slots);
        value_list_append(rows, row);
    }
    model_mark_last(rows);
    return rows;
}

/* The first digits that have codes, each with its codes: documentation
 * lists codes grouped by class. */
static struct value *classes_model(const struct spec *spec)
{
    struct value *classes = value_new_list();
    for (size_t d = 0; d < spec->first_digit_count; d++) {
        const struct spec_entry *digit = &spec->first_digits[d];
        struct value *codes = value_new_list();
        for (size_t i = 0; i < spec->code_count; i++)
            if (spec->codes[i].first_digit == digit)
                value_list_append(codes, code_model(&spec->codes[i], i));
        if (codes->count == 0) {
            value_delete(codes);
            continue;
        }
        model_mark_last(codes);
        model_link_enhanced(codes, spec);
        struct value *item = value_new_map();
        value_map_set_number(item, "digit", digit->number);
        model_set_names(item, digit->name);
        value_map_set_string(item, "title", digit->title);
        value_map_set_string(item, "description", digit->description);
        model_set_citations(item, &digit->refs);
        value_map_set_number(item, "code_count", (double)codes->count);
        value_map_set(item, "codes", codes);
        value_list_append(classes, item);
    }
    model_mark_last(classes);
    return classes;
}

struct value *model_code_refs(const struct spec_code_list *codes)
{
    struct value *list = value_new_list();
    for (size_t i = 0; i < codes->count; i++) {
        struct value *item = value_new_map();
        char *name_upper = model_upper(codes->items[i]->name);
        value_map_set_number(item, "code", codes->items[i]->code);
        value_map_set_string(item, "NAME", name_upper);
        free(name_upper);
        value_list_append(list, item);
    }
    model_mark_last(list);
    return list;
}

struct role_entry {
    const struct spec_code *code;
    const char *role;
};

static int compare_roles(const void *a, const void *b)
{
    return ((const struct role_entry *)a)->code->code - ((const struct role_entry *)b)->code->code;
}

static size_t add_roles(struct role_entry *entries, size_t count, const struct spec_code_list *codes,
                        const char *role)
{
    for (size_t i = 0; i < codes->count; i++) {
        bool listed = false;
        for (size_t j = 0; j < count && !listed; j++)
            listed = entries[j].code == codes->items[i];
        if (!listed)
            entries[count++] = (struct role_entry){ codes->items[i], role };
    }
    return count;
}

/* Every reply a command may get, each once, by code: its own lists first
 * (a code the command lists itself keeps that role), then the common errors. */
static struct value *replies_model(const struct spec_command *command, const struct spec_code_list *common)
{
    size_t capacity = command->preliminary.count + command->success.count + command->intermediate.count
                      + command->error.count + common->count;
    struct role_entry *entries = xcalloc(capacity, sizeof *entries);
    size_t count = add_roles(entries, 0, &command->preliminary, "PRELIMINARY");
    count = add_roles(entries, count, &command->success, "SUCCESS");
    count = add_roles(entries, count, &command->intermediate, "INTERMEDIATE");
    count = add_roles(entries, count, &command->error, "ERROR");
    if (command->common_errors)
        count = add_roles(entries, count, common, "ERROR");
    qsort(entries, count, sizeof *entries, compare_roles);
    struct value *list = value_new_list();
    for (size_t i = 0; i < count; i++) {
        struct value *item = value_new_map();
        value_map_set_number(item, "code", entries[i].code->code);
        char *name_upper = model_upper(entries[i].code->name);
        value_map_set_string(item, "NAME", name_upper);
        free(name_upper);
        value_map_set_string(item, "role", entries[i].role);
        value_list_append(list, item);
    }
    free(entries);
    model_mark_last(list);
    return list;
}

static struct value *command_model(const struct spec *spec, const struct spec_command *command, size_t index)
{
    struct value *item = value_new_map();
    model_set_names(item, command->name);
    value_map_set_string(item, "verb", command->verb);
    value_map_set_bool(item, "has_verb", command->verb[0] != '\0');
    value_map_set_string(item, "title", command->title);
    if (command->description)
        value_map_set_string(item, "description", command->description);
    model_set_citations(item, &command->refs);
    value_map_set(item, "preliminary", model_code_refs(&command->preliminary));
    value_map_set(item, "success", model_code_refs(&command->success));
    value_map_set(item, "intermediate", model_code_refs(&command->intermediate));
    value_map_set(item, "error", model_code_refs(&command->error));
    value_map_set_bool(item, "common_errors", command->common_errors);
    value_map_set(item, "replies", replies_model(command, &spec->common_errors));
    value_map_set_number(item, "index", (double)index);
    return item;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

struct value *model_build(const struct spec *spec, const char *spec_path, const char *date)
{
    struct value *model = value_new_map();

    struct value *generator = value_new_map();
    value_map_set_string(generator, "name", "replygen");
    value_map_set_string(generator, "version", REPLYGEN_VERSION);
    value_map_set(model, "generator", generator);
    value_map_set_string(model, "spec_file", base_name(spec_path));
    if (date)
        value_map_set_string(model, "date", date);

    char *prefix_upper = model_upper(spec->prefix);
    value_map_set_string(model, "prefix", spec->prefix);
    value_map_set_string(model, "PREFIX", prefix_upper);

    struct value *protocol = value_new_map();
    model_set_names(protocol, spec->name);
    value_map_set_string(protocol, "title", spec->title);
    value_map_set_string(protocol, "prefix", spec->prefix);
    value_map_set_string(protocol, "PREFIX", prefix_upper);
    value_map_set_number(protocol, "line_limit", spec->line_limit);
    if (spec->description)
        value_map_set_string(protocol, "description", spec->description);
    model_set_citations(protocol, &spec->refs);
    value_map_set(model, "protocol", protocol);
    free(prefix_upper);

    struct value *references = value_new_list();
    for (size_t i = 0; i < spec->reference_count; i++) {
        struct value *item = value_new_map();
        value_map_set_string(item, "id", spec->references[i].id);
        value_map_set_string(item, "title", spec->references[i].title);
        value_map_set_string(item, "url", spec->references[i].url);
        struct buffer label;
        buffer_init(&label);
        append_document_label(&label, spec->references[i].id);
        value_map_set_string(item, "label", label.data);
        buffer_free(&label);
        value_list_append(references, item);
    }
    model_mark_last(references);
    value_map_set(model, "references", references);

    value_map_set(model, "first_digits", digits_model(spec->first_digits, spec->first_digit_count));
    value_map_set(model, "second_digits", digits_model(spec->second_digits, spec->second_digit_count));

    struct value *codes = value_new_list();
    size_t longest = 0;
    for (size_t i = 0; i < spec->code_count; i++) {
        value_list_append(codes, code_model(&spec->codes[i], i));
        size_t length = strlen(spec->codes[i].name);
        longest = length > longest ? length : longest;
    }
    model_mark_last(codes);
    set_padding(codes, longest, "name");
    value_map_set(model, "codes", codes);
    value_map_set(model, "codes_by_name", codes_by_name_model(spec));
    value_map_set(model, "code_slot_rows", code_slot_rows_model(spec));
    value_map_set_string(model, "slot_type", spec->code_count < 255 ? "unsigned char" : "unsigned short");
    value_map_set_number(model, "code_count", (double)spec->code_count);

    struct value *commands = value_new_list();
    longest = 0;
    for (size_t i = 0; i < spec->command_count; i++) {
        value_list_append(commands, command_model(spec, &spec->commands[i], i));
        size_t length = strlen(spec->commands[i].name);
        longest = length > longest ? length : longest;
    }
    model_mark_last(commands);
    set_padding(commands, longest, "name");
    value_map_set(model, "commands", commands);
    value_map_set_number(model, "command_count", (double)spec->command_count);
    bool has_preliminary = false;
    for (size_t i = 0; i < spec->command_count; i++)
        has_preliminary |= spec->commands[i].preliminary.count > 0;
    value_map_set_bool(model, "has_preliminary", has_preliminary);

    value_map_set(model, "common_errors", model_code_refs(&spec->common_errors));

    model_link_enhanced(codes, spec);
    value_map_set(model, "classes", classes_model(spec));
    struct value *enhanced = model_enhanced(spec);
    if (enhanced)
        value_map_set(model, "enhanced", enhanced);
    return model;
}

int model_source_date(char *out, const char **date, struct diag *diag)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    *date = NULL;
    if (!epoch || !*epoch)
        return 0;
    char *end;
    errno = 0;
    long long seconds = strtoll(epoch, &end, 10);
    if (errno || *end || seconds < 0) {
        diag_error(diag, NULL, "SOURCE_DATE_EPOCH must be a number of seconds, not '%s'", epoch);
        return -1;
    }
    time_t when = (time_t)seconds;
    struct tm utc;
    if (!gmtime_r(&when, &utc) || strftime(out, 11, "%Y-%m-%d", &utc) != 10) {
        diag_error(diag, NULL, "SOURCE_DATE_EPOCH %s is out of range", epoch);
        return -1;
    }
    *date = out;
    return 0;
}
