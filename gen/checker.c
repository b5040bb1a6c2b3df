/* checker.c: typed reads of spec fields, each problem reported with its
 * place; whole numbers; citations and code lists; the index of accepted
 * entries and the uniqueness check on it. Shared by every section reader
 * of the spec; calls only spec.c (spec.h shows the layers). */
#include "checker.h"

#include "suggest.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const citation_keys[] = { "ref", "section", NULL };

const char *checker_kind_name(enum value_kind kind)
{
    switch (kind) {
    case VALUE_NULL: return "null";
    case VALUE_BOOL: return "a boolean";
    case VALUE_NUMBER: return "a number";
    case VALUE_STRING: return "a string";
    case VALUE_LIST: return "a list";
    case VALUE_MAP: return "a mapping";
    }
    return "?";
}

void checker_error(struct checker *checker, const struct value *where, const char *format, ...)
{
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    diag_error(checker->diag, &where->at, "%s", message);
}

bool checker_is_mapping(struct checker *checker, const struct value *value, const char *what)
{
    if (value->kind == VALUE_MAP)
        return true;
    checker_error(checker, value, "%s must be a mapping, not %s", what, checker_kind_name(value->kind));
    return false;
}

/* Report the missing keys of map from the end of the list on (all of them
 * when map is NULL), but for a key misspelt as one of map's, as misspelt
 * (NULL-terminated) says. */
static void report_missing(struct checker *checker, const struct value *map, const char *const *misspelt)
{
    size_t first = checker->missing_count;
    while (first > 0 && (!map || checker->missing[first - 1].map == map))
        first--;
    for (size_t i = first; i < checker->missing_count; i++) {
        bool explained = false;
        for (const char *const *k = misspelt; k && *k && !explained; k++)
            explained = strcmp(*k, checker->missing[i].key) == 0;
        if (!explained)
            checker_error(checker, checker->missing[i].map, "missing required key '%s'", checker->missing[i].key);
    }
    checker->missing_count = first;
}

static bool is_allowed(const char *key, const char *const *allowed)
{
    for (const char *const *k = allowed; *k; k++)
        if (key[0] == (*k)[0] && strcmp(key, *k) == 0) /* most differ in the first byte */
            return true;
    return false;
}

/* Enough for every misspelt key of a mapping: no mapping of the format
 * has more allowed keys. */
enum {
    MOST_MISSPELT = 16,
    QUOTED_KEY_BYTES = 64 /* as the loader quotes a duplicate key */
};

void checker_known_keys(struct checker *checker, const struct value *map, const char *const *allowed)
{
    const char *misspelt[MOST_MISSPELT + 1] = { NULL };
    size_t misspelt_count = 0;
    for (size_t i = 0; i < map->count; i++) {
        const char *key = map->keys[i]->string;
        if (is_allowed(key, allowed))
            continue;
        const char *meant = suggest_from_list(key, allowed);
        /* A key may be long (a hostile one, megabytes): its start is enough. */
        int shown = map->keys[i]->length > QUOTED_KEY_BYTES ? QUOTED_KEY_BYTES : (int)map->keys[i]->length;
        while ((size_t)shown < map->keys[i]->length && ((unsigned char)key[shown] & 0xc0) == 0x80)
            shown++; /* to the end of the character */
        const char *cut = shown < (int)map->keys[i]->length ? "..." : "";
        if (!meant) {
            checker_error(checker, map->keys[i], "unknown key '%.*s%s'", shown, key, cut);
            continue;
        }
        checker_error(checker, map->keys[i], "unknown key '%.*s%s'; did you mean '%s'?", shown, key, cut, meant);
        if (!value_map_get(map, meant) && misspelt_count < MOST_MISSPELT)
            misspelt[misspelt_count++] = meant;
    }
    report_missing(checker, map, misspelt);
}

const struct value *checker_field(struct checker *checker, const struct value *map, const char *key, bool required)
{
    const struct value *value = value_map_get(map, key);
    if (!value && required) {
        checker->missing = xrealloc(checker->missing, (checker->missing_count + 1) * sizeof *checker->missing);
        checker->missing[checker->missing_count++] = (struct checker_missing){ map, key };
    }
    return value;
}

/* A non-empty string without NUL bytes; numbers and the like are taken as
 * the text they were written as ("4.2" as a section). */
const char *checker_string(struct checker *checker, const struct value *map, const char *key, bool required)
{
    const struct value *value = checker_field(checker, map, key, required);
    if (!value)
        return NULL;
    if (value->kind == VALUE_LIST || value->kind == VALUE_MAP || value->kind == VALUE_NULL) {
        checker_error(checker, value, "'%s' must be a string, not %s", key, checker_kind_name(value->kind));
        return NULL;
    }
    if (strlen(value->string) != value->length) {
        checker_error(checker, value, "'%s' holds a NUL byte", key);
        return NULL;
    }
    if (value->length == 0 && required) {
        checker_error(checker, value, "'%s' must not be empty", key);
        return NULL;
    }
    if (value->length > SPEC_STRING_MAX) {
        checker_error(checker, value, "'%s' is %zu bytes long, over the limit of %d (C99's longest string literal)",
                      key, value->length, SPEC_STRING_MAX);
        return NULL;
    }
    /* The man page would get an empty line, which roff reads as a break, or
     * a line starting with a space, which it reads as one too. */
    if (value->length > 0 && strchr(" \t\r\n", value->string[0])) {
        checker_error(checker, value, "'%s' starts with white space", key);
        return NULL;
    }
    if (value->length > 0 && strchr(" \t\r\n", value->string[value->length - 1])) {
        checker_error(checker, value,
                      "'%s' ends with white space (a YAML block scalar keeps its last line break "
                      "unless its header ends in -, as >- does)",
                      key);
        return NULL;
    }
    return value->string;
}

/* Whole numbers only, checked without a cast: converting NaN, an infinity
 * or 1e300 to an integer type is undefined behaviour (found by fuzzing).
 * An infinity is whole, and fails the range check. */
enum checker_whole checker_whole(const struct value *value, int min, int max, int *out)
{
    if (value->kind != VALUE_NUMBER || value->number != floor(value->number))
        return CHECKER_WHOLE_NOT;
    if (value->number < min || value->number > max)
        return CHECKER_WHOLE_OUT_OF_RANGE;
    *out = (int)value->number;
    return CHECKER_WHOLE;
}

/* What a value that is not a whole number is, for an error: "a fraction",
 * "a string" ... */
static const char *not_whole_name(const struct value *value)
{
    return value->kind == VALUE_NUMBER ? "a fraction" : checker_kind_name(value->kind);
}

bool checker_int(struct checker *checker, const struct value *map, const char *key, int min, int max, int *out)
{
    const struct value *value = checker_field(checker, map, key, true);
    if (!value)
        return false;
    switch (checker_whole(value, min, max, out)) {
    case CHECKER_WHOLE: return true;
    case CHECKER_WHOLE_NOT:
        checker_error(checker, value, "'%s' must be an integer, not %s", key, not_whole_name(value));
        return false;
    case CHECKER_WHOLE_OUT_OF_RANGE:
        checker_error(checker, value, "'%s' must be between %d and %d, not %s", key, min, max, value->string);
        return false;
    }
    return false;
}

bool checker_bool(struct checker *checker, const struct value *map, const char *key, bool fallback, bool *out)
{
    const struct value *value = checker_field(checker, map, key, false);
    *out = fallback;
    if (!value)
        return true;
    if (value->kind != VALUE_BOOL) {
        checker_error(checker, value, "'%s' must be a boolean, not %s", key, checker_kind_name(value->kind));
        return false;
    }
    *out = value->boolean;
    return true;
}

const struct value *checker_list(struct checker *checker, const struct value *map, const char *key, bool required)
{
    const struct value *value = checker_field(checker, map, key, required);
    if (value && value->kind != VALUE_LIST) {
        checker_error(checker, value, "'%s' must be a list, not %s", key, checker_kind_name(value->kind));
        return NULL;
    }
    return value;
}

/* [a-z][a-z0-9_]*: it becomes part of C identifiers, upper-cased in enums. */
const char *checker_name(struct checker *checker, const struct value *map, const char *key)
{
    const char *name = checker_string(checker, map, key, true);
    if (!name)
        return NULL;
    bool valid = name[0] >= 'a' && name[0] <= 'z';
    for (const char *c = name; *c && valid; c++)
        valid = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_';
    if (!valid) {
        checker_error(checker, value_map_get(map, key), "'%s' is not a lower-case C identifier ([a-z][a-z0-9_]*)",
                      name);
        return NULL;
    }
    if (strlen(name) > SPEC_NAME_MAX) {
        checker_error(checker, value_map_get(map, key), "'%s' is %zu bytes long, over the limit of %d for a name", key,
                      strlen(name), SPEC_NAME_MAX);
        return NULL;
    }
    return name;
}

void checker_free(struct checker *checker)
{
    report_missing(checker, NULL, NULL);
    free(checker->missing);
    checker->missing = NULL;
    checker_index_free(&checker->references);
    checker_index_free(&checker->reference_ids);
}

/* Suggestions for unknown references are searched among at most this many
 * references, and for at most this many citations of a spec, so that a
 * hostile spec (thousands of each) cannot make the search cost millions of
 * compares; past either bound the error comes without one. */
enum {
    SUGGEST_MOST_REFERENCES = 1000,
    SUGGEST_MOST_SEARCHES = 1000
};

static void report_unknown_reference(struct checker *checker, const struct value *at, const char *id)
{
    if (checker->references_unreadable || checker_index_find_name(&checker->reference_ids, id))
        return; /* reported once, at references or at the broken entry */
    const struct spec *spec = checker->spec;
    const char *meant = NULL;
    if (spec->reference_count <= SUGGEST_MOST_REFERENCES && checker->reference_searches < SUGGEST_MOST_SEARCHES) {
        checker->reference_searches++;
        struct suggest search;
        suggest_start(&search, id);
        for (size_t i = 0; i < spec->reference_count; i++)
            suggest_consider(&search, spec->references[i].id);
        meant = suggest_best(&search);
    }
    if (meant)
        checker_error(checker, at, "unknown reference '%s' (not in references); did you mean '%s'?", id, meant);
    else
        checker_error(checker, at, "unknown reference '%s' (not in references)", id);
}

struct spec_citations checker_citations(struct checker *checker, const struct value *map, bool required)
{
    struct spec_citations citations = { NULL, 0 };
    const struct value *list = checker_list(checker, map, "refs", required);
    if (!list)
        return citations;
    if (list->count == 0 && required)
        checker_error(checker, list, "'refs' must not be empty");
    citations.items = xcalloc(list->count, sizeof *citations.items);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "a citation"))
            continue;
        const char *id = checker_string(checker, item, "ref", true);
        const char *section = checker_string(checker, item, "section", false);
        checker_known_keys(checker, item, citation_keys);
        if (!id)
            continue;
        const struct checker_index_slot *reference = checker_index_find_name(&checker->references, id);
        if (!reference) {
            report_unknown_reference(checker, value_map_get(item, "ref"), id);
            continue;
        }
        citations.items[citations.count++] =
            (struct spec_citation){ &checker->spec->references[reference->entry], section };
    }
    /* The templates show the labels joined with ", " as one string. */
    struct buffer labels;
    buffer_init(&labels);
    for (size_t i = 0; i < citations.count; i++) {
        if (i)
            buffer_append(&labels, ", ", 2);
        spec_append_citation_label(&labels, &citations.items[i]);
    }
    size_t joined = labels.length;
    buffer_free(&labels);
    if (joined > SPEC_STRING_MAX)
        checker_error(checker, list, "'refs' makes a string of %zu bytes (its labels joined), over the limit of %d",
                      joined, SPEC_STRING_MAX);
    return citations;
}

void checker_entries_start(struct checker_entries *entries, size_t capacity)
{
    entries->items = xcalloc(capacity, sizeof *entries->items);
    entries->count = 0;
    checker_index_init(&entries->by_number);
    checker_index_init(&entries->by_name);
}

void checker_entries_add(struct checker_entries *entries, const struct spec_entry *entry, unsigned number_line)
{
    checker_index_add_number(&entries->by_number, entry->number, entries->count, number_line);
    checker_index_add_name(&entries->by_name, entry->name, entries->count, 0);
    entries->items[entries->count++] = *entry;
}

void checker_entries_finish(struct checker_entries *entries, struct spec_entry **items, size_t *count)
{
    checker_index_free(&entries->by_number);
    checker_index_free(&entries->by_name);
    spec_sort_entries(entries->items, entries->count);
    *items = entries->items;
    *count = entries->count;
}

bool checker_entry_texts(struct checker *checker, const struct value *item, const char *const *keys,
                         struct spec_entry *entry)
{
    entry->title = checker_string(checker, item, "title", true);
    entry->description = checker_string(checker, item, "description", true);
    entry->refs = checker_citations(checker, item, false);
    checker_known_keys(checker, item, keys);
    return entry->title && entry->description;
}

/* A list of codes that must each be in codes, and appear once. */
struct spec_code_list checker_code_list(struct checker *checker, const struct value *map, const char *key,
                                        bool required)
{
    struct spec_code_list codes = { NULL, 0 };
    const struct value *list = checker_list(checker, map, key, required);
    if (!list)
        return codes;
    codes.items = xcalloc(list->count, sizeof *codes.items);
    struct checker_index listed; /* by number */
    checker_index_init(&listed);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        int number;
        enum checker_whole whole = checker_whole(item, 0, 999, &number);
        if (whole == CHECKER_WHOLE_NOT) {
            checker_error(checker, item, "a code in '%s' must be an integer, not %s", key, not_whole_name(item));
            continue;
        }
        if (whole == CHECKER_WHOLE_OUT_OF_RANGE) {
            checker_error(checker, item, "code %s in '%s' is not defined in codes", item->string, key);
            continue;
        }
        const struct spec_code *code = spec_find_code(checker->spec, number);
        if (!code && checker->declared[number])
            continue;
        if (!code) {
            checker_error(checker, item, "code %d in '%s' is not defined in codes", number, key);
            continue;
        }
        if (!checker_unique(checker, checker_index_find_number(&listed, number), item, NULL,
                            "code %d is listed twice in '%s'", number, key))
            continue;
        checker_index_add_number(&listed, number, codes.count, 0);
        codes.items[codes.count++] = code;
    }
    checker_index_free(&listed);
    return codes;
}

/* ---- the index of accepted entries: open addressing, linear probing ---- */

void checker_index_init(struct checker_index *index) { *index = (struct checker_index){ NULL, 0, 0 }; }

void checker_index_free(struct checker_index *index)
{
    free(index->slots);
    checker_index_init(index);
}

/* FNV-1a: short identifiers spread well enough over a table kept at most
 * half full. */
static uint64_t hash_name(const char *name)
{
    uint64_t hash = 14695981039346656037u;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++)
        hash = (hash ^ *c) * 1099511628211u;
    return hash;
}

/* Fibonacci hashing: consecutive numbers (codes, X.Y.Z keys) land far apart. */
static uint64_t hash_number(long number) { return (uint64_t)number * 11400714819323198485u; }

static bool same_key(const struct checker_index_slot *slot, const char *name, long number)
{
    return name ? slot->name && strcmp(slot->name, name) == 0 : !slot->name && slot->number == number;
}

/* The slot of the key, or the empty slot where it would go. */
static struct checker_index_slot *probe(const struct checker_index *index, const char *name, long number)
{
    size_t mask = index->capacity - 1;
    uint64_t hash = name ? hash_name(name) : hash_number(number);
    /* The high bits of a Fibonacci hash are the well-mixed ones. */
    size_t at = (size_t)(hash >> 32 ^ hash) & mask;
    while (index->slots[at].used && !same_key(&index->slots[at], name, number))
        at = (at + 1) & mask;
    return &index->slots[at];
}

/* Small at first: a code list gets one, and most hold a few codes. */
enum {
    INDEX_FIRST_CAPACITY = 8
};

static void add(struct checker_index *index, const char *name, long number, size_t entry, unsigned line)
{
    if (2 * (index->count + 1) > index->capacity) {
        struct checker_index old = *index;
        index->capacity = old.capacity ? old.capacity * 2 : INDEX_FIRST_CAPACITY;
        index->slots = xcalloc(index->capacity, sizeof *index->slots);
        for (size_t i = 0; i < old.capacity; i++)
            if (old.slots[i].used)
                *probe(index, old.slots[i].name, old.slots[i].number) = old.slots[i];
        free(old.slots);
    }
    *probe(index, name, number) = (struct checker_index_slot){ name, number, entry, line, true };
    index->count++;
}

static const struct checker_index_slot *find(const struct checker_index *index, const char *name, long number)
{
    if (index->count == 0)
        return NULL;
    const struct checker_index_slot *slot = probe(index, name, number);
    return slot->used ? slot : NULL;
}

void checker_index_add_name(struct checker_index *index, const char *name, size_t entry, unsigned line)
{
    add(index, name, 0, entry, line);
}

void checker_index_add_number(struct checker_index *index, long number, size_t entry, unsigned line)
{
    add(index, NULL, number, entry, line);
}

const struct checker_index_slot *checker_index_find_name(const struct checker_index *index, const char *name)
{
    return find(index, name, 0);
}

const struct checker_index_slot *checker_index_find_number(const struct checker_index *index, long number)
{
    return find(index, NULL, number);
}

/* ---- the uniqueness check ---- */

bool checker_unique(struct checker *checker, const struct checker_index_slot *first, const struct value *map,
                    const char *key, const char *format, ...)
{
    if (!first)
        return true;
    /* Cut at checker_error's length, as one message. */
    char message[512];
    va_list args;
    va_start(args, format);
    int length = vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (first->line && length >= 0 && (size_t)length < sizeof message - 1)
        snprintf(message + length, sizeof message - (size_t)length, " (first at line %u)", first->line);
    const struct value *where = key ? value_map_get(map, key) : map;
    diag_error(checker->diag, &where->at, "%s", message);
    return false;
}
