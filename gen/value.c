/* value.c: the generic data tree, its arena and its shared keys. */
#include "value.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void value_arena_init(struct value_arena *arena)
{
    arena_init(&arena->memory);
    arena->keys = NULL;
    arena->key_capacity = arena->key_count = 0;
    memset(arena->recent, 0, sizeof arena->recent);
}

void value_arena_free(struct value_arena *arena)
{
    free(arena->keys);
    arena_free(&arena->memory);
    value_arena_init(arena);
}

/* ---- shared keys ----
 *
 * Every map the model builds has the same few dozen keys ("name", "code",
 * ...). value_map_set gives all maps of an arena one shared copy of each
 * instead of a copy per map, so that the template engine, having matched a
 * key once, finds it again in other maps by its address. */

/* FNV-1a over the key's bytes. */
static size_t hash_key(const char *key, size_t length)
{
    uint64_t hash = 14695981039346656037u;
    for (size_t i = 0; i < length; i++)
        hash = (hash ^ (unsigned char)key[i]) * 1099511628211u;
    return (size_t)(hash ^ hash >> 32);
}

/* The slot of the shared key of these bytes, or the empty one where it goes. */
static struct value **shared_slot(const struct value_arena *arena, const char *key, size_t length)
{
    size_t mask = arena->key_capacity - 1;
    for (size_t at = hash_key(key, length) & mask;; at = (at + 1) & mask) {
        struct value *found = arena->keys[at];
        if (!found || (found->length == length && memcmp(found->string, key, length) == 0))
            return &arena->keys[at];
    }
}

static void grow_shared_keys(struct value_arena *arena)
{
    struct value **old = arena->keys;
    size_t old_capacity = arena->key_capacity;
    arena->key_capacity = old_capacity ? old_capacity * 2 : 128;
    arena->keys = xcalloc(arena->key_capacity, sizeof *arena->keys);
    for (size_t i = 0; i < old_capacity; i++)
        if (old[i])
            *shared_slot(arena, old[i]->string, old[i]->length) = old[i];
    free(old);
}

static struct value *shared_key(struct value_arena *arena, const char *key)
{
    /* Fibonacci hashing of the address, whose low bits vary little; the
     * key is compared too, since a caller may reuse a buffer. */
    struct value_recent_key *recent =
        &arena->recent[((uint64_t)(uintptr_t)key * 11400714819323198485u) >> (64 - VALUE_RECENT_BITS)];
    if (recent->address == key && strcmp(recent->shared->string, key) == 0)
        return recent->shared;
    size_t length = strlen(key);
    if (2 * (arena->key_count + 1) > arena->key_capacity)
        grow_shared_keys(arena);
    struct value **slot = shared_slot(arena, key, length);
    if (!*slot) {
        *slot = value_new_string_n(arena, key, length);
        arena->key_count++;
    }
    *recent = (struct value_recent_key){ key, *slot };
    return *slot;
}

/* ---- values ---- */

struct value *value_new(struct value_arena *arena, enum value_kind kind)
{
    struct value *value = arena_alloc(&arena->memory, sizeof *value);
    *value = (struct value){ .kind = kind };
    return value;
}

struct value *value_new_bool(struct value_arena *arena, bool boolean)
{
    struct value *value = value_new(arena, VALUE_BOOL);
    value->boolean = boolean;
    return value;
}

struct value *value_new_number(struct value_arena *arena, double number)
{
    struct value *value = value_new(arena, VALUE_NUMBER);
    value->number = number;
    return value;
}

struct value *value_new_string_n(struct value_arena *arena, const char *bytes, size_t length)
{
    struct value *value = value_new(arena, VALUE_STRING);
    value->string = arena_strndup(&arena->memory, bytes, length);
    value->length = length;
    return value;
}

struct value *value_new_string(struct value_arena *arena, const char *string)
{
    return value_new_string_n(arena, string, strlen(string));
}

struct value *value_new_static_string_n(struct value_arena *arena, const char *bytes, size_t length)
{
    struct value *value = value_new(arena, VALUE_STRING);
    value->string = bytes;
    value->length = length;
    return value;
}

struct value *value_new_static_string(struct value_arena *arena, const char *string)
{
    return value_new_static_string_n(arena, string, strlen(string));
}

struct value *value_new_list(struct value_arena *arena) { return value_new(arena, VALUE_LIST); }
struct value *value_new_map(struct value_arena *arena)
{
    struct value *map = value_new(arena, VALUE_MAP);
    map->keys_shared = true;
    return map;
}

/* Make room for one more item (and key). The old arrays stay in the
 * arena; doubling bounds what they waste by what is in use. */
static void grow(struct value_arena *arena, struct value *value)
{
    if (value->count < value->capacity)
        return;
    size_t capacity = value->capacity ? value->capacity * 2 : 4;
    bool map = value->kind == VALUE_MAP;
    struct value **items = arena_alloc(&arena->memory, capacity * sizeof *items * (map ? 2 : 1));
    if (value->count)
        memcpy(items, value->items, value->count * sizeof *items);
    if (map) {
        if (value->count)
            memcpy(items + capacity, value->keys, value->count * sizeof *items);
        value->keys = items + capacity;
    }
    value->items = items;
    value->capacity = capacity;
}

void value_list_append(struct value_arena *arena, struct value *list, struct value *item)
{
    grow(arena, list);
    list->items[list->count++] = item;
}

void value_map_add(struct value_arena *arena, struct value *map, struct value *key, struct value *item)
{
    grow(arena, map);
    map->keys_shared = false;
    map->keys[map->count] = key;
    map->items[map->count++] = item;
}

void value_map_set(struct value_arena *arena, struct value *map, const char *key, struct value *item)
{
    struct value *shared = shared_key(arena, key);
    for (size_t i = 0; i < map->count; i++)
        if (map->keys[i] == shared
            || (!map->keys_shared && map->keys[i]->length == shared->length
                && memcmp(map->keys[i]->string, key, shared->length) == 0)) {
            map->items[i] = item;
            return;
        }
    bool keys_shared = map->keys_shared;
    value_map_add(arena, map, shared, item);
    map->keys_shared = keys_shared;
}

void value_map_set_string(struct value_arena *arena, struct value *map, const char *key, const char *string)
{
    value_map_set(arena, map, key, value_new_static_string(arena, string));
}

void value_map_set_number(struct value_arena *arena, struct value *map, const char *key, double number)
{
    value_map_set(arena, map, key, value_new_number(arena, number));
}

void value_map_set_bool(struct value_arena *arena, struct value *map, const char *key, bool boolean)
{
    value_map_set(arena, map, key, value_new_bool(arena, boolean));
}

const struct value *value_map_get_n(const struct value *map, const char *key, size_t length)
{
    if (!map || map->kind != VALUE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++) {
        const struct value *k = map->keys[i];
        if (k->length == length && memcmp(k->string, key, length) == 0)
            return map->items[i];
    }
    return NULL;
}

const struct value *value_map_get(const struct value *map, const char *key)
{
    return value_map_get_n(map, key, strlen(key));
}

void value_key_prepare(struct value_key *key, const char *bytes, size_t length)
{
    *key = (struct value_key){ bytes, length, NULL };
}

const struct value *value_map_get_key(const struct value *map, struct value_key *key)
{
    if (!map || map->kind != VALUE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++) {
        const struct value *k = map->keys[i];
        if (k == key->shared)
            return map->items[i];
        if (k->length == key->length && memcmp(k->string, key->bytes, key->length) == 0) {
            key->shared = k;
            return map->items[i];
        }
    }
    return NULL;
}

bool value_is_falsey(const struct value *value)
{
    switch (value->kind) {
    case VALUE_NULL: return true;
    case VALUE_BOOL: return !value->boolean;
    case VALUE_LIST: return value->count == 0;
    default: return false;
    }
}

/* A whole number of magnitude below 1e15 (exact in a double, and in an
 * unsigned long long), written as "%.0f" writes it: its digits, with a
 * '-' for negative numbers and for -0. By hand, because printf takes its
 * floating-point path for this, and every code, index and flag of a model
 * is such a number. */
static void append_whole_number(double number, struct buffer *out)
{
    char digits[24];
    char *start = digits + sizeof digits;
    unsigned long long magnitude = (unsigned long long)fabs(number);
    do {
        *--start = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (signbit(number))
        *--start = '-';
    buffer_append(out, start, (size_t)(digits + sizeof digits - start));
}

/* The shortest decimal form that reads back as the same double: 1.210 -> 1.21. */
void value_append_number(double number, struct buffer *out)
{
    if (isnan(number)) {
        buffer_append_string(out, "NaN");
        return;
    }
    if (isinf(number)) {
        buffer_append_string(out, number < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (number == floor(number) && fabs(number) < 1e15) {
        append_whole_number(number, out);
        return;
    }
    char text[40];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*g", precision, number);
        if (strtod(text, NULL) == number)
            break;
    }
    buffer_append_string(out, text);
}

void value_append_text(const struct value *value, struct buffer *out)
{
    switch (value->kind) {
    case VALUE_STRING: buffer_append(out, value->string, value->length); break;
    case VALUE_NUMBER: value_append_number(value->number, out); break;
    case VALUE_BOOL: buffer_append_string(out, value->boolean ? "true" : "false"); break;
    default: break;
    }
}
