/* value.h: the generic data tree. The YAML loader builds one from a file
 * (every node keeps its file:line:col), the model builds one for templates,
 * and the template engine renders from one. */
#ifndef REPLYGEN_VALUE_H
#define REPLYGEN_VALUE_H

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

struct value {
    enum value_kind kind;
    bool boolean;            /* BOOL */
    bool shared;             /* a key of value_map_set's, shared by every map that
                              * has that key and owned by none (value.c) */
    bool keys_shared;        /* MAP: every key is shared, so keys compare by address */
    struct mark at;          /* where it was read; file NULL for built values */
    char *string;            /* STRING: its bytes; other scalars read from YAML: the source text */
    size_t length;           /* bytes in string (a YAML string may hold NUL) */
    double number;           /* NUMBER */
    struct value **items;    /* LIST: elements; MAP: values, in file order */
    struct value **keys;     /* MAP: keys (STRING values, with their marks) */
    size_t count;
};

/* Values, their strings and their item arrays are cut from shared chunks
 * (value.c explains why and how), not allocated one by one; a tree is
 * still freed with value_delete on its root, and a chunk goes back to the
 * system when the last value in it is deleted. */
struct value *value_new(enum value_kind kind);
struct value *value_new_bool(bool boolean);
struct value *value_new_number(double number);
struct value *value_new_string(const char *string);
struct value *value_new_string_n(const char *bytes, size_t length);
struct value *value_new_list(void);
struct value *value_new_map(void);
void value_delete(struct value *value);

/* Append to a list; the list takes ownership of item. */
void value_list_append(struct value *list, struct value *item);
/* Add key -> item at the end of a map; the map takes ownership of item.
 * Replaces (and deletes) an earlier item of the same key. The map's key
 * is a value shared with every other map given the same key this way. */
void value_map_set(struct value *map, const char *key, struct value *item);
/* Add key -> item at the end of a map without looking for an earlier
 * item of that key; the map takes ownership of both. */
void value_map_add(struct value *map, struct value *key, struct value *item);
/* Shorthands for building models. */
void value_map_set_string(struct value *map, const char *key, const char *string);
void value_map_set_number(struct value *map, const char *key, double number);
void value_map_set_bool(struct value *map, const char *key, bool boolean);

/* The item under key, or NULL when value is not a map or has no such key. */
const struct value *value_map_get(const struct value *map, const char *key);
/* The same for a key of length bytes (not NUL-terminated). */
const struct value *value_map_get_n(const struct value *map, const char *key, size_t length);

/* A key prepared for many lookups (the template engine looks the same
 * names up in thousands of maps): in a map that value_map_set built, it
 * is found by comparing addresses. Prepare it after the trees it is used
 * on are built; it stays valid while they live and no value is added. */
struct value_key {
    const char *bytes;
    size_t length;
    const struct value *shared;   /* value_map_set's key of these bytes; NULL: none */
};

void value_key_prepare(struct value_key *key, const char *bytes, size_t length);
/* The same as value_map_get_n(map, key->bytes, key->length). */
const struct value *value_map_get_key(const struct value *map, const struct value_key *key);

/* Mustache truthiness: null, false and the empty list are falsey. */
bool value_is_falsey(const struct value *value);

/* Append a scalar as text: strings as they are, numbers in their shortest
 * exact form (85, 1.21), booleans as true/false, null as nothing.
 * Lists and maps append nothing. */
void value_append_text(const struct value *value, struct buffer *out);

/* Append value as JSON (UTF-8, two-space indent, keys in order). */
void value_write_json(const struct value *value, struct buffer *out);

#endif
