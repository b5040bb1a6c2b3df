/* checker.c: typed reads of spec fields, each problem reported with its
 * place; shared by every part of spec checking. */
#include "checker.h"

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

void checker_known_keys(struct checker *checker, const struct value *map, const char *const *allowed)
{
    for (size_t i = 0; i < map->count; i++) {
        const char *key = map->keys[i]->string;
        bool known = false;
        for (const char *const *k = allowed; *k && !known; k++)
            known = strcmp(key, *k) == 0;
        if (!known)
            checker_error(checker, map->keys[i], "unknown key '%s'", key);
    }
}

const struct value *checker_field(struct checker *checker, const struct value *map, const char *key, bool required)
{
    const struct value *value = value_map_get(map, key);
    if (!value && required)
        checker_error(checker, map, "missing required key '%s'", key);
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
    return value->string;
}

bool checker_int(struct checker *checker, const struct value *map, const char *key, int min, int max,
                    int *out)
{
    const struct value *value = checker_field(checker, map, key, true);
    if (!value)
        return false;
    /* Whole numbers only, checked without a cast: converting NaN, an infinity
     * or 1e300 to an integer type is undefined behaviour (found by fuzzing).
     * An infinity is whole, and fails the range check below. */
    if (value->kind != VALUE_NUMBER || value->number != floor(value->number)) {
        checker_error(checker, value, "'%s' must be an integer, not %s", key,
                 value->kind == VALUE_NUMBER ? "a fraction" : checker_kind_name(value->kind));
        return false;
    }
    if (value->number < min || value->number > max) {
        checker_error(checker, value, "'%s' must be between %d and %d, not %s", key, min, max, value->string);
        return false;
    }
    *out = (int)value->number;
    return true;
}

const struct value *checker_list(struct checker *checker, const struct value *map, const char *key,
                                    bool required)
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
    return name;
}

const struct spec_reference *checker_find_reference(const struct spec *spec, const char *id)
{
    for (size_t i = 0; i < spec->reference_count; i++)
        if (strcmp(spec->references[i].id, id) == 0)
            return &spec->references[i];
    return NULL;
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
        const struct spec_reference *reference = checker_find_reference(checker->spec, id);
        if (!reference) {
            checker_error(checker, value_map_get(item, "ref"), "unknown reference '%s' (not in references)", id);
            continue;
        }
        citations.items[citations.count++] = (struct spec_citation){ reference, section };
    }
    return citations;
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
    bool listed[1000] = { false };   /* by number: a list may be long, a code is 0-999 */
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (item->kind != VALUE_NUMBER || item->number != floor(item->number)) {
            checker_error(checker, item, "a code in '%s' must be an integer, not %s", key,
                     item->kind == VALUE_NUMBER ? "a fraction" : checker_kind_name(item->kind));
            continue;
        }
        if (item->number < 0 || item->number > 999) {   /* no cast to int out of its range */
            checker_error(checker, item, "code %s in '%s' is not defined in codes", item->string, key);
            continue;
        }
        int number = (int)item->number;
        const struct spec_code *code = spec_find_code(checker->spec, number);
        if (!code && number >= 0 && number < 1000 && checker->declared[number])
            continue;
        if (!code) {
            checker_error(checker, item, "code %d in '%s' is not defined in codes", number, key);
            continue;
        }
        if (listed[number]) {
            checker_error(checker, item, "code %d is listed twice in '%s'", number, key);
            continue;
        }
        listed[number] = true;
        codes.items[codes.count++] = code;
    }
    return codes;
}

/* ---- the index of accepted entries: open addressing, linear probing ---- */

void checker_index_init(struct checker_index *index)
{
    *index = (struct checker_index){ NULL, 0, 0 };
}

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
static uint64_t hash_number(long number)
{
    return (uint64_t)number * 11400714819323198485u;
}

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

static void add(struct checker_index *index, const char *name, long number, size_t entry)
{
    if (2 * (index->count + 1) > index->capacity) {
        struct checker_index old = *index;
        index->capacity = old.capacity ? old.capacity * 2 : 64;
        index->slots = xcalloc(index->capacity, sizeof *index->slots);
        for (size_t i = 0; i < old.capacity; i++)
            if (old.slots[i].used)
                *probe(index, old.slots[i].name, old.slots[i].number) = old.slots[i];
        free(old.slots);
    }
    *probe(index, name, number) = (struct checker_index_slot){ name, number, entry, true };
    index->count++;
}

static bool find(const struct checker_index *index, const char *name, long number, size_t *entry)
{
    if (index->count == 0)
        return false;
    const struct checker_index_slot *slot = probe(index, name, number);
    if (slot->used)
        *entry = slot->entry;
    return slot->used;
}

void checker_index_add_name(struct checker_index *index, const char *name, size_t entry)
{
    add(index, name, 0, entry);
}

void checker_index_add_number(struct checker_index *index, long number, size_t entry)
{
    add(index, NULL, number, entry);
}

bool checker_index_find_name(const struct checker_index *index, const char *name, size_t *entry)
{
    return find(index, name, 0, entry);
}

bool checker_index_find_number(const struct checker_index *index, long number, size_t *entry)
{
    return find(index, NULL, number, entry);
}
