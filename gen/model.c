/* model.c: spec -> the value tree templates render. Every value a template
 * shows is prepared here (upper-case names, padding, joined references),
 * so that templates never compute. Each code, command, digit and enhanced
 * code is one map, made once: every list that names it (codes, classes,
 * a command's replies, an enhanced code's basic codes) holds that map, and
 * strings are the spec's own, not copies. So is each reply (a code in a
 * role), whichever commands get it: commands x common errors is a list of
 * pointers, kept to a budget (model_check_size), not of maps. Where an
 * item stands in a list (is_first, is_last) the template engine tells. */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include "model.h"

#include "replygen/reply_roles.h"
#include "version.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct model_builder {
    struct value_arena *arena;
    const struct spec *spec;
    struct value **codes;            /* the map of each spec->codes[i] */
    struct value **enhanced_codes;   /* of each spec->enhanced->codes[i] */
    struct value **enhanced_classes; /* of each spec->enhanced->classes[i] */
    struct value **references;       /* of each spec->references[i] */
    /* Citations by (reference, section): most entries cite one of a few. */
    struct cited {
        const struct spec_reference *reference;
        const char *section;
        struct value *map;
    } * cited;
    size_t cited_capacity;
    size_t cited_count;
    /* Replies: a map per (code, role), made when first used; and, while one
     * command's replies are gathered, the role of each code and the codes. */
    struct value **reply_maps;
    unsigned char *reply_roles;
    size_t *reply_codes;
};

/* ---- small values ---- */

static void set(struct model_builder *b, struct value *map, const char *key, struct value *item)
{
    value_map_set(b->arena, map, key, item);
}

static void set_string(struct model_builder *b, struct value *map, const char *key, const char *string)
{
    value_map_set_string(b->arena, map, key, string);
}

static void set_number(struct model_builder *b, struct value *map, const char *key, double number)
{
    value_map_set_number(b->arena, map, key, number);
}

static void set_bool(struct model_builder *b, struct value *map, const char *key, bool boolean)
{
    value_map_set_bool(b->arena, map, key, boolean);
}

static struct value *new_map(struct model_builder *b) { return value_new_map(b->arena); }
static struct value *new_list(struct model_builder *b) { return value_new_list(b->arena); }

static void append(struct model_builder *b, struct value *list, struct value *item)
{
    value_list_append(b->arena, list, item);
}

/* A string built in a buffer, moved into the arena. */
static struct value *take_string(struct model_builder *b, struct buffer *text)
{
    struct value *value = value_new_string_n(b->arena, text->data ? text->data : "", text->length);
    buffer_free(text);
    return value;
}

static struct value *upper(struct model_builder *b, const char *name)
{
    size_t length = strlen(name);
    char *copy = arena_strndup(&b->arena->memory, name, length);
    for (char *c = copy; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    return value_new_static_string_n(b->arena, copy, length);
}

/* "name" and "NAME". */
static void set_names(struct model_builder *b, struct value *map, const char *name)
{
    set_string(b, map, "name", name);
    set(b, map, "NAME", upper(b, name));
}

/* The item of map under key, which the builder set itself. */
static struct value *item(const struct value *map, const char *key)
{
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->keys[i]->string, key) == 0)
            return map->items[i];
    abort(); /* a key this file did not set: a bug here */
}

/* Set key to the item another map holds under the same or another key. */
static void share(struct model_builder *b, struct value *map, const char *key, const struct value *from,
                  const char *from_key)
{
    set(b, map, key, item(from, from_key));
}

/* A string the spec may leave out: null then. Every key of the model is
 * always there, so that a name a template looks up and never finds is a
 * mistake, which tmpl_render_checked reports. */
static struct value *optional_string(struct model_builder *b, const char *string)
{
    return string ? value_new_static_string(b->arena, string) : value_new(b->arena, VALUE_NULL);
}

/* ---- references and citations ---- */

static struct value *references_model(struct model_builder *b)
{
    const struct spec *spec = b->spec;
    struct value *list = new_list(b);
    b->references = xcalloc(spec->reference_count, sizeof *b->references);
    for (size_t i = 0; i < spec->reference_count; i++) {
        const struct spec_reference *reference = &spec->references[i];
        struct value *map = new_map(b);
        struct buffer label;
        buffer_init(&label);
        spec_append_document_label(&label, reference->id);
        set_string(b, map, "id", reference->id);
        set(b, map, "label", take_string(b, &label));
        set_string(b, map, "title", reference->title);
        set_string(b, map, "url", reference->url);
        append(b, list, map);
        b->references[i] = map;
    }
    return list;
}

static size_t hash_citation(const struct spec_reference *reference, const char *section)
{
    uint64_t hash = (uint64_t)(uintptr_t)reference * 1099511628211u;
    for (const char *c = section ? section : ""; *c; c++)
        hash = (hash ^ (unsigned char)*c) * 1099511628211u;
    return (size_t)(hash ^ hash >> 32);
}

static bool same_citation(const struct cited *cited, const struct spec_citation *citation)
{
    if (cited->reference != citation->reference)
        return false;
    if (!cited->section || !citation->section)
        return cited->section == citation->section;
    return strcmp(cited->section, citation->section) == 0;
}

static struct cited *cited_slot(const struct model_builder *b, const struct spec_citation *citation)
{
    size_t mask = b->cited_capacity - 1;
    for (size_t at = hash_citation(citation->reference, citation->section) & mask;; at = (at + 1) & mask)
        if (!b->cited[at].reference || same_citation(&b->cited[at], citation))
            return &b->cited[at];
}

static void grow_cited(struct model_builder *b)
{
    struct cited *old = b->cited;
    size_t old_capacity = b->cited_capacity;
    b->cited_capacity = old_capacity ? old_capacity * 2 : 64;
    b->cited = xcalloc(b->cited_capacity, sizeof *b->cited);
    for (size_t i = 0; i < old_capacity; i++)
        if (old[i].reference) {
            struct spec_citation citation = { old[i].reference, old[i].section };
            *cited_slot(b, &citation) = old[i];
        }
    free(old);
}

/* The address of the section cited: the document's url with the anchor
 * rfc-editor.org and datatracker.ietf.org give each section of an RFC
 * ("#section-4.2.2", "#appendix-A.1"), when a section made only of
 * letters, digits and dots is cited and the url has no anchor of its own;
 * otherwise the url itself. */
static struct value *section_url_model(struct model_builder *b, const struct value *reference, const char *section)
{
    struct value *url = item(reference, "url");
    bool anchorable = section && section[0] && !memchr(url->string, '#', url->length);
    for (const char *c = section; anchorable && *c; c++)
        anchorable = (*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || *c == '.';
    if (!anchorable)
        return url;
    struct buffer address;
    buffer_init(&address);
    buffer_append(&address, url->string, url->length);
    buffer_printf(&address, "#%s-%s", section[0] >= '0' && section[0] <= '9' ? "section" : "appendix", section);
    return take_string(b, &address);
}

/* {id, label ("RFC 5321 section 4.2.2"), title, url, section_url}, one map for
 * every entry that cites the same section. */
static struct value *citation_model(struct model_builder *b, const struct spec_citation *citation)
{
    if (2 * (b->cited_count + 1) > b->cited_capacity)
        grow_cited(b);
    struct cited *slot = cited_slot(b, citation);
    if (slot->reference)
        return slot->map;
    const struct value *reference = b->references[citation->reference - b->spec->references];
    struct value *map = new_map(b);
    share(b, map, "id", reference, "id");
    struct buffer label;
    buffer_init(&label);
    spec_append_citation_label(&label, citation);
    set(b, map, "label", take_string(b, &label));
    share(b, map, "title", reference, "title");
    share(b, map, "url", reference, "url");
    set(b, map, "section_url", section_url_model(b, reference, citation->section));
    *slot = (struct cited){ citation->reference, citation->section, map };
    b->cited_count++;
    return map;
}

/* "refs" (the citations) and "refs_text" (their labels joined). */
static void set_citations(struct model_builder *b, struct value *map, const struct spec_citations *citations)
{
    struct value *list = new_list(b);
    for (size_t i = 0; i < citations->count; i++)
        append(b, list, citation_model(b, &citations->items[i]));
    set(b, map, "refs", list);
    if (citations->count == 1) {
        share(b, map, "refs_text", list->items[0], "label");
        return;
    }
    struct buffer joined;
    buffer_init(&joined);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *label = item(list->items[i], "label");
        if (i)
            buffer_append(&joined, ", ", 2);
        buffer_append(&joined, label->string, label->length);
    }
    set(b, map, "refs_text", take_string(b, &joined));
}

/* ---- digits, codes, commands ---- */

/* A digit, an enhanced class or an enhanced subject: its number under
 * number_key ("digit", "class", "subject"). */
static struct value *entry_model(struct model_builder *b, const char *number_key, const struct spec_entry *entry)
{
    struct value *map = new_map(b);
    set_number(b, map, number_key, entry->number);
    set_names(b, map, entry->name);
    set_string(b, map, "title", entry->title);
    set_string(b, map, "description", entry->description);
    set_citations(b, map, &entry->refs);
    return map;
}

static struct value *digits_model(struct model_builder *b, const struct spec_entry *digits, size_t count,
                                  struct value **maps)
{
    struct value *list = new_list(b);
    for (size_t i = 0; i < count; i++) {
        maps[i] = entry_model(b, "digit", &digits[i]);
        append(b, list, maps[i]);
    }
    return list;
}

static size_t longest_name(const struct value *list)
{
    size_t longest = 0;
    for (size_t i = 0; i < list->count; i++) {
        size_t length = item(list->items[i], "name")->length;
        longest = length > longest ? length : longest;
    }
    return longest;
}

/* "pad": the spaces that align "NAME = value" columns, the longest name
 * minus this one; each a piece of one string of spaces. */
static void set_padding(struct model_builder *b, struct value *list)
{
    size_t longest = longest_name(list);
    char *spaces = arena_alloc(&b->arena->memory, longest + 1);
    memset(spaces, ' ', longest);
    spaces[longest] = '\0';
    for (size_t i = 0; i < list->count; i++) {
        size_t pad = longest - item(list->items[i], "name")->length;
        set(b, list->items[i], "pad", value_new_static_string_n(b->arena, spaces + longest - pad, pad));
    }
}

static const struct value *digit_map(struct value *const *maps, const struct spec_entry *table,
                                     const struct spec_entry *digit)
{
    return maps[digit - table];
}

static struct value *code_model(struct model_builder *b, size_t index, struct value *const *first_maps,
                                struct value *const *second_maps)
{
    const struct spec_code *code = &b->spec->codes[index];
    struct value *map = new_map(b);
    set_number(b, map, "code", code->code);
    set_names(b, map, code->name);
    set_string(b, map, "text", code->text);
    set_string(b, map, "summary", code->summary);
    set_string(b, map, "description", code->description);
    set_string(b, map, "status", spec_status_name(code->status));
    set(b, map, "STATUS", upper(b, spec_status_name(code->status)));
    set_bool(b, map, "deprecated", code->deprecated);
    const struct value *first = digit_map(first_maps, b->spec->first_digits, code->first_digit);
    const struct value *second = digit_map(second_maps, b->spec->second_digits, code->second_digit);
    share(b, map, "class", first, "NAME");
    share(b, map, "category", second, "NAME");
    share(b, map, "category_title", second, "title");
    set_citations(b, map, &code->refs);
    set_number(b, map, "index", (double)index);
    return map;
}

static struct value *code_list(struct model_builder *b, const struct spec_code_list *codes)
{
    struct value *list = new_list(b);
    for (size_t i = 0; i < codes->count; i++)
        append(b, list, b->codes[codes->items[i] - b->spec->codes]);
    return list;
}

static int compare_code_names(const void *a, const void *b)
{
    return strcmp((*(const struct spec_code *const *)a)->name, (*(const struct spec_code *const *)b)->name);
}

/* The codes in strcmp order of their names: the generated lookup by name
 * searches them. */
static struct value *codes_by_name_model(struct model_builder *b)
{
    const struct spec *spec = b->spec;
    const struct spec_code **sorted = xcalloc(spec->code_count, sizeof *sorted);
    for (size_t i = 0; i < spec->code_count; i++)
        sorted[i] = &spec->codes[i];
    qsort(sorted, spec->code_count, sizeof *sorted, compare_code_names);
    struct value *list = new_list(b);
    for (size_t i = 0; i < spec->code_count; i++)
        append(b, list, b->codes[sorted[i] - spec->codes]);
    free(sorted);
    return list;
}

/* For the generated lookup: the numbers 100-999 in rows of ten, each
 * number's slot being its index in codes plus one, or 0 when it is not a
 * code of the spec. */
enum {
    SLOT_FIRST = 100,
    SLOT_LAST = 999,
    SLOTS_PER_ROW = 10
};

static struct value *code_slot_rows_model(struct model_builder *b)
{
    const struct spec *spec = b->spec;
    struct value *rows = new_list(b);
    struct value *empty = new_map(b); /* the slot of every number that is not a code */
    set_number(b, empty, "slot", 0);
    size_t next = 0; /* codes are sorted: walk them once */
    for (int first = SLOT_FIRST; first <= SLOT_LAST; first += SLOTS_PER_ROW) {
        struct value *row = new_map(b);
        struct value *slots = new_list(b);
        for (int number = first; number < first + SLOTS_PER_ROW; number++) {
            struct value *slot = empty;
            if (next < spec->code_count && spec->codes[next].code == number) {
                slot = new_map(b);
                set_number(b, slot, "slot", (double)++next);
            }
            append(b, slots, slot);
        }
        set_number(b, row, "first", first);
        set_number(b, row, "last", first + SLOTS_PER_ROW - 1);
        set(b, row, "slots", slots);
        append(b, rows, row);
    }
    return rows;
}

/* The first digits that have codes, each with its codes: documentation
 * lists codes grouped by class. */
static struct value *classes_model(struct model_builder *b, struct value *const *first_maps)
{
    const struct spec *spec = b->spec;
    struct value *classes = new_list(b);
    for (size_t d = 0; d < spec->first_digit_count; d++) {
        struct value *codes = new_list(b);
        for (size_t i = 0; i < spec->code_count; i++)
            if (spec->codes[i].first_digit == &spec->first_digits[d])
                append(b, codes, b->codes[i]);
        if (codes->count == 0)
            continue;
        const struct value *digit = first_maps[d];
        struct value *map = new_map(b);
        for (size_t k = 0; k < digit->count; k++)
            set(b, map, digit->keys[k]->string, digit->items[k]);
        set_number(b, map, "code_count", (double)codes->count);
        set(b, map, "codes", codes);
        append(b, classes, map);
    }
    return classes;
}

/* The roles of a command's replies, by code index: a code the command
 * lists itself keeps that role; the common errors are errors. */
enum listed_role {
    LISTED_NONE,
    LISTED_PRELIMINARY,
    LISTED_SUCCESS,
    LISTED_INTERMEDIATE,
    LISTED_ERROR,
    LISTED_ROLE_COUNT
};

static const char *const listed_role_names[LISTED_ROLE_COUNT] = { NULL, "PRELIMINARY", "SUCCESS", "INTERMEDIATE",
                                                                  "ERROR" };

/* Mark in roles (one byte per code, all LISTED_NONE before) the role of
 * each code the command may get, and put each such code once in codes (as
 * many as spec->codes); returns how many. Linear in the command's lists,
 * so that all commands cost their lists' total: the caller sets the roles
 * of the codes back to LISTED_NONE, not the whole array. */
static size_t mark_replies(const struct spec *spec, const struct spec_command *command, unsigned char *roles,
                           size_t *codes)
{
    const struct {
        const struct spec_code_list *list;
        enum listed_role role;
    } lists[] = {
        { &command->preliminary, LISTED_PRELIMINARY },
        { &command->success, LISTED_SUCCESS },
        { &command->intermediate, LISTED_INTERMEDIATE },
        { &command->error, LISTED_ERROR },
        { command->common_errors ? &spec->common_errors : NULL, LISTED_ERROR },
    };
    size_t count = 0;
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (size_t i = 0; lists[l].list && i < lists[l].list->count; i++) {
            size_t code = (size_t)(lists[l].list->items[i] - spec->codes);
            if (roles[code] != LISTED_NONE)
                continue;
            roles[code] = (unsigned char)lists[l].role;
            codes[count++] = code;
        }
    return count;
}

static int compare_sizes(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The map {code, NAME, role} of a code in a role: one for every command
 * that lists the code in that role (the common errors above all), so that
 * the model grows with commands plus codes, not their product. */
static struct value *reply_map(struct model_builder *b, size_t code, enum listed_role role)
{
    struct value **map = &b->reply_maps[code * LISTED_ROLE_COUNT + role];
    if (*map)
        return *map;
    *map = new_map(b);
    share(b, *map, "code", b->codes[code], "code");
    share(b, *map, "NAME", b->codes[code], "NAME");
    set_string(b, *map, "role", listed_role_names[role]);
    return *map;
}

/* Every reply a command may get, each once, sorted by code. */
static struct value *replies_model(struct model_builder *b, const struct spec_command *command)
{
    size_t *codes = b->reply_codes;
    size_t count = mark_replies(b->spec, command, b->reply_roles, codes);
    qsort(codes, count, sizeof *codes, compare_sizes);
    struct value *list = new_list(b);
    for (size_t i = 0; i < count; i++) {
        append(b, list, reply_map(b, codes[i], (enum listed_role)b->reply_roles[codes[i]]));
        b->reply_roles[codes[i]] = LISTED_NONE;
    }
    return list;
}

int model_check_size(const struct spec *spec, size_t spec_nodes, struct diag *diag)
{
    unsigned char *roles = xcalloc(spec->code_count + 1, 1);
    size_t *codes = xcalloc(spec->code_count + 1, sizeof *codes);
    size_t budget = MODEL_REPLIES_PER_NODE * spec_nodes, replies = 0;
    int status = 0;
    for (size_t i = 0; i < spec->command_count && status == 0; i++) {
        const struct spec_command *command = &spec->commands[i];
        size_t count = mark_replies(spec, command, roles, codes);
        for (size_t k = 0; k < count; k++)
            roles[codes[k]] = LISTED_NONE;
        replies += count;
        if (replies > budget) {
            diag_error(diag, &command->at,
                       "the commands up to this one may get %zu replies, their own and the %zu common errors: "
                       "more than the limit of %zu (%d per node of the spec)",
                       replies, spec->common_errors.count, budget, MODEL_REPLIES_PER_NODE);
            status = -1;
        }
    }
    free(roles);
    free(codes);
    return status;
}

/* A command's meanings: the replies a document gives a text and meaning
 * of their own as the answer to it. Each map names its code's map once
 * ("reply") and is also an item of the top-level "meanings", whose
 * position it holds as "index" (the generated table's order). */
static struct value *meanings_model(struct model_builder *b, const struct spec_command *command,
                                    const struct value *command_map, struct value *all)
{
    struct value *list = new_list(b);
    for (size_t i = 0; i < command->meaning_count; i++) {
        const struct spec_meaning *meaning = &command->meanings[i];
        struct value *map = new_map(b);
        const struct value *code = b->codes[meaning->code - b->spec->codes];
        share(b, map, "code", code, "code");
        set(b, map, "reply", (struct value *)code);
        share(b, map, "command", command_map, "name");
        share(b, map, "COMMAND", command_map, "NAME");
        set_string(b, map, "text", meaning->text);
        set_string(b, map, "description", meaning->description);
        set_citations(b, map, &meaning->refs);
        set_number(b, map, "index", (double)all->count);
        append(b, list, map);
        append(b, all, map);
    }
    return list;
}

static struct value *command_model(struct model_builder *b, size_t index, struct value *all_meanings)
{
    const struct spec_command *command = &b->spec->commands[index];
    struct value *map = new_map(b);
    set_names(b, map, command->name);
    set_string(b, map, "verb", command->verb);
    set_bool(b, map, "has_verb", command->verb[0] != '\0');
    set_string(b, map, "title", command->title);
    set(b, map, "description", optional_string(b, command->description));
    set_citations(b, map, &command->refs);
    set(b, map, "preliminary", code_list(b, &command->preliminary));
    set(b, map, "success", code_list(b, &command->success));
    set(b, map, "intermediate", code_list(b, &command->intermediate));
    set(b, map, "error", code_list(b, &command->error));
    set_bool(b, map, "common_errors", command->common_errors);
    set(b, map, "replies", replies_model(b, command));
    set(b, map, "meanings", meanings_model(b, command, map, all_meanings));
    set_bool(b, map, "has_meanings", command->meaning_count > 0);
    set_number(b, map, "index", (double)index);
    return map;
}

/* ---- enhanced status codes ---- */

/* "4, 5"-style list of the classes a code is used with, and the list. */
static void set_enhanced_classes(struct model_builder *b, struct value *map, unsigned classes)
{
    const struct spec_enhanced *enhanced = b->spec->enhanced;
    struct value *list = new_list(b);
    struct buffer text;
    buffer_init(&text);
    for (size_t i = 0; i < enhanced->class_count; i++) {
        if (!(classes & (1u << enhanced->classes[i].number)))
            continue;
        append(b, list, b->enhanced_classes[i]);
        buffer_printf(&text, "%s%d", text.length ? ", " : "", enhanced->classes[i].number);
    }
    set(b, map, "classes", list);
    set(b, map, "classes_text", take_string(b, &text));
}

static void set_basic(struct model_builder *b, struct value *map, const struct spec_enhanced_code *code)
{
    set(b, map, "basic", code_list(b, &code->basic));
    struct buffer text;
    buffer_init(&text);
    for (size_t i = 0; i < code->basic.count; i++)
        buffer_printf(&text, "%s%d", i ? ", " : "", code->basic.items[i]->code);
    set(b, map, "basic_text", take_string(b, &text));
    buffer_init(&text);
    for (size_t i = 0; i < code->registry_basic_count; i++)
        buffer_printf(&text, "%s%d", i ? ", " : "", code->registry_basic[i]);
    set(b, map, "registry_basic_text", take_string(b, &text));
    set_bool(b, map, "has_basic", code->basic.count > 0);
    set_bool(b, map, "has_registry_basic", code->registry_basic_count > 0);
}

static struct value *enhanced_code_model(struct model_builder *b, size_t index)
{
    const struct spec_enhanced_code *code = &b->spec->enhanced->codes[index];
    struct value *map = new_map(b);
    struct buffer text;
    buffer_init(&text);
    buffer_printf(&text, "X.%d.%d", code->subject, code->detail);
    set(b, map, "code", take_string(b, &text));
    set_number(b, map, "subject", code->subject);
    set_number(b, map, "detail", code->detail);
    /* One number per (subject, detail) for the generated switch. */
    set_number(b, map, "key", code->subject * 1000 + code->detail);
    set_names(b, map, code->name);
    set_string(b, map, "text", code->text);
    set_string(b, map, "description", code->description);
    set_enhanced_classes(b, map, code->classes);
    set_basic(b, map, code);
    set_citations(b, map, &code->refs);
    set_number(b, map, "index", (double)index);
    return map;
}

static struct value *enhanced_model(struct model_builder *b)
{
    const struct spec_enhanced *enhanced = b->spec->enhanced;
    struct value *model = new_map(b);

    struct value *classes = new_list(b);
    b->enhanced_classes = xcalloc(enhanced->class_count, sizeof *b->enhanced_classes);
    for (size_t i = 0; i < enhanced->class_count; i++) {
        b->enhanced_classes[i] = entry_model(b, "class", &enhanced->classes[i]);
        append(b, classes, b->enhanced_classes[i]);
    }
    set(b, model, "classes", classes);

    struct value **subject_maps = xcalloc(enhanced->subject_count, sizeof *subject_maps);
    for (size_t i = 0; i < enhanced->subject_count; i++) {
        subject_maps[i] = entry_model(b, "subject", &enhanced->subjects[i]);
        set(b, subject_maps[i], "codes", new_list(b));
        set(b, subject_maps[i], "fallback_index", value_new(b->arena, VALUE_NULL)); /* set below when X.Y.0 exists */
    }

    struct value *codes = new_list(b);
    b->enhanced_codes = xcalloc(enhanced->code_count, sizeof *b->enhanced_codes);
    for (size_t i = 0; i < enhanced->code_count; i++) {
        const struct spec_enhanced_code *code = &enhanced->codes[i];
        struct value *map = enhanced_code_model(b, i);
        b->enhanced_codes[i] = map;
        append(b, codes, map);
        /* Documentation groups the codes by subject; X.Y.0 is the fallback
         * for a detail the registry does not have. */
        struct value *subject = subject_maps[code->subject_entry - enhanced->subjects];
        append(b, item(subject, "codes"), map);
        if (code->detail == 0)
            set_number(b, subject, "fallback_index", (double)i);
    }

    struct value *subjects = new_list(b);
    for (size_t i = 0; i < enhanced->subject_count; i++)
        append(b, subjects, subject_maps[i]);
    free(subject_maps);
    set(b, model, "subjects", subjects);
    set(b, model, "codes", codes);
    set_number(b, model, "code_count", (double)enhanced->code_count);
    return model;
}

/* Each code's "enhanced": the enhanced codes that go with it. */
static void link_enhanced(struct model_builder *b)
{
    const struct spec *spec = b->spec;
    for (size_t i = 0; i < spec->code_count; i++) {
        set(b, b->codes[i], "enhanced", new_list(b));
        set_bool(b, b->codes[i], "has_enhanced", false);
    }
    for (size_t j = 0; spec->enhanced && j < spec->enhanced->code_count; j++) {
        const struct spec_code_list *basic = &spec->enhanced->codes[j].basic;
        for (size_t k = 0; k < basic->count; k++) {
            struct value *code = b->codes[basic->items[k] - spec->codes];
            append(b, item(code, "enhanced"), b->enhanced_codes[j]);
            set_bool(b, code, "has_enhanced", true);
        }
    }
}

/* ---- the whole model ---- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The roles of replygen/reply_roles.h, the list the runtime's enum
 * reply_role is built from: the generated role enums take their names and
 * values from it too, so that the two cannot drift apart. */
static struct value *roles_model(struct model_builder *b)
{
    struct value *list = new_list(b);
#define ROLE_ITEM(NAME, name, number)         \
    do {                                      \
        struct value *role = new_map(b);      \
        set_string(b, role, "name", #name);   \
        set_string(b, role, "NAME", #NAME);   \
        set_number(b, role, "value", number); \
        append(b, list, role);                \
    } while (0);
    REPLY_ROLES(ROLE_ITEM)
#undef ROLE_ITEM
    return list;
}

static struct value *protocol_model(struct model_builder *b, const struct value *prefix,
                                    const struct value *prefix_upper)
{
    const struct spec *spec = b->spec;
    struct value *protocol = new_map(b);
    set_names(b, protocol, spec->name);
    set_string(b, protocol, "title", spec->title);
    set(b, protocol, "prefix", (struct value *)prefix);
    set(b, protocol, "PREFIX", (struct value *)prefix_upper);
    set_number(b, protocol, "line_limit", spec->line_limit);
    set(b, protocol, "CONTINUATION", upper(b, spec->continuation));
    set_number(b, protocol, "lowest_code", spec->lowest_code);
    set_number(b, protocol, "highest_code", spec->highest_code);
    set(b, protocol, "description", optional_string(b, spec->description));
    set_citations(b, protocol, &spec->refs);
    return protocol;
}

struct value *model_build(struct value_arena *arena, const struct spec *spec, const char *spec_path, const char *date)
{
    struct model_builder builder = { .arena = arena, .spec = spec };
    struct model_builder *b = &builder;
    struct value *model = new_map(b);

    struct value *generator = new_map(b);
    set_string(b, generator, "name", "replygen");
    set_string(b, generator, "version", REPLYGEN_VERSION);
    set(b, model, "generator", generator);
    set_string(b, model, "spec_file", base_name(spec_path));
    set(b, model, "date", date ? value_new_string(arena, date) : value_new(arena, VALUE_NULL));
    set_string(b, model, "prefix", spec->prefix);
    set(b, model, "PREFIX", upper(b, spec->prefix));

    set(b, model, "references", references_model(b));
    set(b, model, "protocol", protocol_model(b, item(model, "prefix"), item(model, "PREFIX")));

    struct value **first_maps = xcalloc(spec->first_digit_count, sizeof *first_maps);
    struct value **second_maps = xcalloc(spec->second_digit_count, sizeof *second_maps);
    set(b, model, "first_digits", digits_model(b, spec->first_digits, spec->first_digit_count, first_maps));
    set(b, model, "second_digits", digits_model(b, spec->second_digits, spec->second_digit_count, second_maps));

    struct value *codes = new_list(b);
    b->codes = xcalloc(spec->code_count, sizeof *b->codes);
    for (size_t i = 0; i < spec->code_count; i++) {
        b->codes[i] = code_model(b, i, first_maps, second_maps);
        append(b, codes, b->codes[i]);
    }
    set_padding(b, codes);
    set(b, model, "codes", codes);
    set_number(b, model, "code_count", (double)spec->code_count);
    set(b, model, "codes_by_name", codes_by_name_model(b));
    set(b, model, "code_slot_rows", code_slot_rows_model(b));
    set_string(b, model, "slot_type", spec->code_count < 255 ? "unsigned char" : "unsigned short");
    set(b, model, "classes", classes_model(b, first_maps));

    struct value *commands = new_list(b);
    struct value *meanings = new_list(b);
    bool has_preliminary = false;
    b->reply_maps = xcalloc(spec->code_count * LISTED_ROLE_COUNT + 1, sizeof *b->reply_maps);
    b->reply_roles = xcalloc(spec->code_count + 1, 1);
    b->reply_codes = xcalloc(spec->code_count + 1, sizeof *b->reply_codes);
    for (size_t i = 0; i < spec->command_count; i++) {
        append(b, commands, command_model(b, i, meanings));
        has_preliminary |= spec->commands[i].preliminary.count > 0;
    }
    set_padding(b, commands);
    set(b, model, "commands", commands);
    set_bool(b, model, "has_preliminary", has_preliminary);
    set(b, model, "meanings", meanings);
    set_number(b, model, "meaning_count", (double)meanings->count);
    set_bool(b, model, "has_meanings", meanings->count > 0);
    set(b, model, "roles", roles_model(b));
    set(b, model, "common_errors", code_list(b, &spec->common_errors));

    set(b, model, "enhanced", spec->enhanced ? enhanced_model(b) : value_new(arena, VALUE_NULL));
    link_enhanced(b);

    free(first_maps);
    free(second_maps);
    free(b->codes);
    free(b->enhanced_codes);
    free(b->enhanced_classes);
    free(b->references);
    free(b->cited);
    free(b->reply_maps);
    free(b->reply_roles);
    free(b->reply_codes);
    return model;
}

void model_set_spec_hash(struct value_arena *arena, struct value *model,
                         const unsigned char digest[SHA256_DIGEST_BYTES])
{
    char hex[2 * SHA256_DIGEST_BYTES + 1];
    sha256_hex(digest, hex);
    value_map_set(arena, model, "spec_sha256", value_new_string(arena, hex));
    value_map_set(arena, model, "spec_hash", value_new_string_n(arena, hex, 16));
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
