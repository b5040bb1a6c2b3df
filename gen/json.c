/* json.c: a value tree written as JSON, each shared list or map once. */
#include "json.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Whether a byte goes into a JSON string as it is. */
static bool json_plain(unsigned char c) { return c >= 0x20 && c != 0x7f && c != '"' && c != '\\'; }

static void append_json_escape(unsigned char c, struct buffer *out)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"': buffer_append_string(out, "\\\""); break;
    case '\\': buffer_append_string(out, "\\\\"); break;
    case '\n': buffer_append_string(out, "\\n"); break;
    case '\r': buffer_append_string(out, "\\r"); break;
    case '\t': buffer_append_string(out, "\\t"); break;
    default: { /* another control byte: \u00XX, as "\\u%04x" writes it */
        char escape[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
        buffer_append(out, escape, sizeof escape);
    }
    }
}

/* Runs of plain bytes are appended at once; only the bytes between them
 * are looked at one by one. */
static void append_json_string(const char *bytes, size_t length, struct buffer *out)
{
    const unsigned char *text = (const unsigned char *)bytes;
    buffer_append_char(out, '"');
    size_t i = 0;
    while (i < length) {
        size_t run = i;
        while (run < length && json_plain(text[run]))
            run++;
        buffer_append(out, bytes + i, run - i);
        if (run < length)
            append_json_escape(text[run++], out);
        i = run;
    }
    buffer_append_char(out, '"');
}

/* The place of each list and map: a JSON Pointer, by address. */
struct json_place {
    const struct value *value;
    char *pointer;
};

struct json_writer {
    struct buffer *out;
    struct buffer pointer;     /* "#/codes/3": where the writer is now */
    struct json_place *places; /* open addressing, at most half full */
    size_t capacity;
    size_t count;
};

static size_t hash_address(const struct value *value)
{
    return (size_t)(((uintptr_t)value >> 4) * 11400714819323198485u);
}

/* The place of value, or the empty one where it goes. */
static struct json_place *find_place(const struct json_writer *w, const struct value *value)
{
    size_t mask = w->capacity - 1;
    for (size_t at = hash_address(value) & mask;; at = (at + 1) & mask)
        if (w->places[at].value == value || !w->places[at].value)
            return &w->places[at];
}

static void add_place(struct json_writer *w, const struct value *value, char *pointer)
{
    if (2 * (w->count + 1) > w->capacity) {
        struct json_place *old = w->places;
        size_t old_capacity = w->capacity;
        w->capacity = old_capacity ? old_capacity * 2 : 256;
        w->places = xcalloc(w->capacity, sizeof *w->places);
        for (size_t i = 0; i < old_capacity; i++)
            if (old[i].value)
                *find_place(w, old[i].value) = old[i];
        free(old);
    }
    *find_place(w, value) = (struct json_place){ value, pointer };
    w->count++;
}

/* The pointer of an item of a list or map at pointer. */
static void append_pointer_step(struct buffer *pointer, const struct value *container, size_t i)
{
    if (container->kind == VALUE_LIST) {
        buffer_printf(pointer, "/%zu", i);
        return;
    }
    /* A map key: '~' as "~0", '/' as "~1" (RFC 6901). */
    const struct value *key = container->keys[i];
    buffer_append_char(pointer, '/');
    for (size_t k = 0; k < key->length; k++) {
        char c = key->string[k];
        if (c == '~' || c == '/')
            buffer_append(pointer, c == '~' ? "~0" : "~1", 2);
        else
            buffer_append_char(pointer, c);
    }
}

static bool is_container(const struct value *value) { return value->kind == VALUE_LIST || value->kind == VALUE_MAP; }

/* Give each list and map the shallowest of its places, the first that a
 * breadth-first walk meets: a code is written in full in "codes", not in
 * the first list that happens to name it. */
static void place_all(struct json_writer *w, const struct value *root)
{
    if (!is_container(root))
        return;
    const struct value **queue = xmalloc(sizeof *queue);
    size_t head = 0, tail = 0, queue_capacity = 1;
    add_place(w, root, xstrdup("#"));
    queue[tail++] = root;
    while (head < tail) {
        const struct value *container = queue[head++];
        const char *pointer = find_place(w, container)->pointer;
        for (size_t i = 0; i < container->count; i++) {
            const struct value *item = container->items[i];
            if (!is_container(item) || find_place(w, item)->value)
                continue;
            struct buffer place;
            buffer_init(&place);
            buffer_append_string(&place, pointer);
            append_pointer_step(&place, container, i);
            add_place(w, item, buffer_take(&place, NULL));
            pointer = find_place(w, container)->pointer; /* the table may have moved */
            if (tail == queue_capacity) {
                queue_capacity *= 2;
                queue = xrealloc(queue, queue_capacity * sizeof *queue);
            }
            queue[tail++] = item;
        }
    }
    free(queue);
}

static void indent(struct buffer *out, unsigned depth)
{
    buffer_append_char(out, '\n');
    for (unsigned i = 0; i < depth; i++)
        buffer_append(out, "  ", 2);
}

static void write_value(struct json_writer *w, const struct value *value, unsigned depth);

static void write_container(struct json_writer *w, const struct value *value, unsigned depth)
{
    struct buffer *out = w->out;
    const char *home = find_place(w, value)->pointer;
    if (strcmp(home, w->pointer.data) != 0) {
        buffer_append_string(out, "{\"$ref\": ");
        append_json_string(home, strlen(home), out);
        buffer_append_char(out, '}');
        return;
    }
    bool map = value->kind == VALUE_MAP;
    buffer_append_char(out, map ? '{' : '[');
    for (size_t i = 0; i < value->count; i++) {
        if (i)
            buffer_append_char(out, ',');
        indent(out, depth + 1);
        size_t pointer_length = w->pointer.length;
        if (map) {
            append_json_string(value->keys[i]->string, value->keys[i]->length, out);
            buffer_append(out, ": ", 2);
        }
        append_pointer_step(&w->pointer, value, i);
        write_value(w, value->items[i], depth + 1);
        w->pointer.length = pointer_length;
        w->pointer.data[pointer_length] = '\0';
    }
    if (value->count)
        indent(out, depth);
    buffer_append_char(out, map ? '}' : ']');
}

static void write_value(struct json_writer *w, const struct value *value, unsigned depth)
{
    switch (value->kind) {
    case VALUE_NULL: buffer_append_string(w->out, "null"); break;
    case VALUE_BOOL: buffer_append_string(w->out, value->boolean ? "true" : "false"); break;
    case VALUE_NUMBER:
        if (isfinite(value->number))
            value_append_number(value->number, w->out);
        else
            buffer_append_string(w->out, "null");
        break;
    case VALUE_STRING: append_json_string(value->string, value->length, w->out); break;
    case VALUE_LIST:
    case VALUE_MAP: write_container(w, value, depth); break;
    }
}

void json_write(const struct value *value, struct buffer *out)
{
    struct json_writer w = { .out = out };
    buffer_init(&w.pointer);
    buffer_append_char(&w.pointer, '#');
    place_all(&w, value);
    write_value(&w, value, 0);
    buffer_append_char(out, '\n');
    for (size_t i = 0; i < w.capacity; i++)
        free(w.places[i].pointer);
    free(w.places);
    buffer_free(&w.pointer);
}
