/* value.h: the generic data tree. The YAML loader builds one from a file
 * (every node keeps its file:line:col), the model builds one for templates,
 * and the template engine renders from one. */
#ifndef REPLYGEN_VALUE_H
#define REPLYGEN_VALUE_H

#include "arena.h"
#include "buffer.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

enum value_kind {
    VALUE_NULL,
    VALUE_BOOL,
    VALUE_NUMBER,
    VALUE_STRING,
    VALUE_LIST,
    VALUE_MAP
};

/* A tree holds one of these per scalar, key, list and map, so its size is
 * most of the generator's memory: scalars and containers share their
 * fields. Read the scalar fields only of a scalar, the container fields
 * only of a LIST or MAP. */
struct value {
    enum value_kind kind;
    bool boolean;     /* BOOL */
    bool keys_shared; /* MAP: every key is one of its arena's shared keys */
    struct mark at;   /* where it was read; file NULL for built values */
    union {
        struct {
            const char *string; /* STRING: its bytes; other scalars read from YAML: the source text */
            size_t length;      /* bytes in string (a YAML string may hold NUL) */
            double number;      /* NUMBER */
        };
        struct {
            struct value **items; /* LIST: elements; MAP: values, in file order */
            struct value **keys;  /* MAP: keys (STRING values, with their marks) */
            size_t count;
            size_t capacity; /* of items (and of keys) */
        };
    };
};

/* The owner of trees: every value, string and item array comes from its
 * arena, and value_arena_free() frees them all at once. A value may sit in
 * several lists and maps of trees of the same arena (the model refers to
 * each code from every list that names it). Map keys given as C strings
 * (value_map_set) are made once per arena and shared by every map. */
enum {
    VALUE_RECENT_BITS = 8,
    VALUE_RECENT_KEYS = 1 << VALUE_RECENT_BITS
};

struct value_arena {
    struct arena memory;
    struct value **keys; /* the shared keys: open addressing, at most half full */
    size_t key_capacity;
    size_t key_count;
    /* The shared key last found for the address of a C string: the model
     * sets the same few literal keys thousands of times. */
    struct value_recent_key {
        const char *address;
        struct value *shared;
    } recent[VALUE_RECENT_KEYS];
};

void value_arena_init(struct value_arena *arena);
void value_arena_free(struct value_arena *arena);

struct value *value_new(struct value_arena *arena, enum value_kind kind);
struct value *value_new_bool(struct value_arena *arena, bool boolean);
struct value *value_new_number(struct value_arena *arena, double number);
/* A copy of string. */
struct value *value_new_string(struct value_arena *arena, const char *string);
struct value *value_new_string_n(struct value_arena *arena, const char *bytes, size_t length);
/* The string itself, not a copy: it must outlive the arena's trees (a
 * string of the spec, a literal). */
struct value *value_new_static_string(struct value_arena *arena, const char *string);
struct value *value_new_static_string_n(struct value_arena *arena, const char *bytes, size_t length);
struct value *value_new_list(struct value_arena *arena);
struct value *value_new_map(struct value_arena *arena);

/* Append item to a list. */
void value_list_append(struct value_arena *arena, struct value *list, struct value *item);
/* Set key -> item in a map: replace the item of an earlier equal key, or
 * add it at the end. key is looked up among the arena's shared keys. */
void value_map_set(struct value_arena *arena, struct value *map, const char *key, struct value *item);
/* Add key -> item at the end of a map without looking for an earlier item
 * of that key (the loader, which has checked that keys are unique). */
void value_map_add(struct value_arena *arena, struct value *map, struct value *key, struct value *item);
/* Shorthands for building models; strings are referred to, not copied
 * (value_new_static_string). */
void value_map_set_string(struct value_arena *arena, struct value *map, const char *key, const char *string);
void value_map_set_number(struct value_arena *arena, struct value *map, const char *key, double number);
void value_map_set_bool(struct value_arena *arena, struct value *map, const char *key, bool boolean);

/* The item under key, or NULL when value is not a map or has no such key. */
const struct value *value_map_get(const struct value *map, const char *key);
/* The same for a key of length bytes (not NUL-terminated). */
const struct value *value_map_get_n(const struct value *map, const char *key, size_t length);

/* A key prepared for many lookups (the template engine looks the same
 * names up in thousands of maps): once found, it remembers the shared key
 * it matched, and later lookups compare that address before the bytes. */
struct value_key {
    const char *bytes;
    size_t length;
    const struct value *shared; /* the key last matched; NULL: none yet */
};

void value_key_prepare(struct value_key *key, const char *bytes, size_t length);
/* The same as value_map_get_n(map, key->bytes, key->length). */
const struct value *value_map_get_key(const struct value *map, struct value_key *key);

/* Mustache truthiness: null, false and the empty list are falsey. */
bool value_is_falsey(const struct value *value);

/* Append a scalar as text: strings as they are, numbers in their shortest
 * exact form (85, 1.21), booleans as true/false, null as nothing.
 * Lists and maps append nothing. */
void value_append_text(const struct value *value, struct buffer *out);
/* A number alone, in that form. */
void value_append_number(double number, struct buffer *out);

#endif
