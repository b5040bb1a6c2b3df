/* value.c: the generic data tree shared by the loader, the model and the
 * template engine. */
#include "value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct value *value_new(enum value_kind kind)
{
    struct value *value = xcalloc(1, sizeof *value);
    value->kind = kind;
    return value;
}

struct value *value_new_bool(bool boolean)
{
    struct value *value = value_new(VALUE_BOOL);
    value->boolean = boolean;
    return value;
}

struct value *value_new_number(double number)
{
    struct value *value = value_new(VALUE_NUMBER);
    value->number = number;
    return value;
}

struct value *value_new_string_n(const char *bytes, size_t length)
{
    struct value *value = value_new(VALUE_STRING);
    value->string = xstrndup(bytes, length);
    value->length = length;
    return value;
}

struct value *value_new_string(const char *string)
{
    return value_new_string_n(string, strlen(string));
}

struct value *value_new_list(void) { return value_new(VALUE_LIST); }
struct value *value_new_map(void) { return value_new(VALUE_MAP); }

void value_delete(struct value *value)
{
    if (!value)
        return;
    for (size_t i = 0; i < value->count; i++) {
        value_delete(value->items[i]);
        if (value->keys)
            value_delete(value->keys[i]);
    }
    free(value->items);
    free(value->keys);
    free(value->string);
    free(value);
}

static void grow(struct value *value)
{
    if (value->count < value->capacity)
        return;
    value->capacity = value->capacity ? value->capacity * 2 : 8;
    value->items = xrealloc(value->items, value->capacity * sizeof *value->items);
    if (value->kind == VALUE_MAP)
        value->keys = xrealloc(value->keys, value->capacity * sizeof *value->keys);
}

void value_list_append(struct value *list, struct value *item)
{
    grow(list);
    list->items[list->count++] = item;
}

static long find_key(const struct value *map, const char *key)
{
    if (!map || map->kind != VALUE_MAP)
        return -1;
    size_t length = strlen(key);
    for (size_t i = 0; i < map->count; i++) {
        const struct value *k = map->keys[i];
        if (k->length == length && memcmp(k->string, key, length) == 0)
            return (long)i;
    }
    return -1;
}

void value_map_add(struct value *map, struct value *key, struct value *item)
{
    grow(map);
    map->keys[map->count] = key;
    map->items[map->count++] = item;
}

void value_map_set(struct value *map, const char *key, struct value *item)
{
    long found = find_key(map, key);
    if (found >= 0) {
        value_delete(map->items[found]);
        map->items[found] = item;
        return;
    }
    value_map_add(map, value_new_string(key), item);
}

void value_map_set_string(struct value *map, const char *key, const char *string)
{
    value_map_set(map, key, value_new_string(string));
}

void value_map_set_number(struct value *map, const char *key, double number)
{
    value_map_set(map, key, value_new_number(number));
}

void value_map_set_bool(struct value *map, const char *key, bool boolean)
{
    value_map_set(map, key, value_new_bool(boolean));
}

const struct value *value_map_get(const struct value *map, const char *key)
{
    long found = find_key(map, key);
    return found >= 0 ? map->items[found] : NULL;
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

/* The shortest decimal form that reads back as the same double: 1.210 -> 1.21. */
static void append_number(double number, struct buffer *out)
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
        buffer_printf(out, "%.0f", number);
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
    case VALUE_NUMBER: append_number(value->number, out); break;
    case VALUE_BOOL: buffer_append_string(out, value->boolean ? "true" : "false"); break;
    default: break;
    }
}

static void append_json_string(const char *bytes, size_t length, struct buffer *out)
{
    buffer_append_char(out, '"');
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)bytes[i];
        switch (c) {
        case '"': buffer_append_string(out, "\\\""); break;
        case '\\': buffer_append_string(out, "\\\\"); break;
        case '\n': buffer_append_string(out, "\\n"); break;
        case '\r': buffer_append_string(out, "\\r"); break;
        case '\t': buffer_append_string(out, "\\t"); break;
        default:
            if (c < 0x20 || c == 0x7f)
                buffer_printf(out, "\\u%04x", c);
            else
                buffer_append_char(out, (char)c);
        }
    }
    buffer_append_char(out, '"');
}

static void indent(struct buffer *out, unsigned depth)
{
    buffer_append_char(out, '\n');
    for (unsigned i = 0; i < depth; i++)
        buffer_append_string(out, "  ");
}

static void write_json(const struct value *value, struct buffer *out, unsigned depth)
{
    switch (value->kind) {
    case VALUE_NULL: buffer_append_string(out, "null"); break;
    case VALUE_BOOL: buffer_append_string(out, value->boolean ? "true" : "false"); break;
    case VALUE_NUMBER:
        /* JSON has no NaN or infinity. */
        if (isfinite(value->number))
            append_number(value->number, out);
        else
            buffer_append_string(out, "null");
        break;
    case VALUE_STRING: append_json_string(value->string, value->length, out); break;
    case VALUE_LIST:
    case VALUE_MAP: {
        bool map = value->kind == VALUE_MAP;
        buffer_append_char(out, map ? '{' : '[');
        for (size_t i = 0; i < value->count; i++) {
            if (i)
                buffer_append_char(out, ',');
            indent(out, depth + 1);
            if (map) {
                append_json_string(value->keys[i]->string, value->keys[i]->length, out);
                buffer_append_string(out, ": ");
            }
            write_json(value->items[i], out, depth + 1);
        }
        if (value->count)
            indent(out, depth);
        buffer_append_char(out, map ? '}' : ']');
        break;
    }
    }
}

void value_write_json(const struct value *value, struct buffer *out)
{
    write_json(value, out, 0);
    buffer_append_char(out, '\n');
}
