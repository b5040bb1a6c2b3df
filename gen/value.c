/* value.c: the generic data tree shared by the loader, the model and the
 * template engine, and the pool its nodes are allocated from. */
#define _DEFAULT_SOURCE   /* madvise, MADV_HUGEPAGE */
#include "value.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* ---- the pool ----
 *
 * A spec of a few thousand entries makes a few hundred thousand values
 * (the YAML tree, then the model), each with a string or an item array.
 * Allocating and freeing each with malloc was a quarter of the generator's
 * instructions. Instead, values, their strings and their arrays ("pieces")
 * are cut one after another from large chunks. Each chunk counts its live
 * pieces and is freed when the count drops to zero, so:
 * - deleting a tree walks it only to count down (no free() per node), and
 *   deleting every tree returns every chunk, as valgrind wants at exit;
 * - a long-running caller (the fuzzers, the tests) gets its memory back
 *   whenever its trees die, even though no one names a pool;
 * - a leaked tree still shows as a leak: its chunks are reachable only
 *   from it (the pool remembers only the chunk it is filling).
 * A freed piece is not reused before its whole chunk is free; the trees
 * are built once and freed at the end, so little is wasted.
 *
 * Chunks are aligned to their size, so a piece finds its chunk's header by
 * masking its address. Pieces larger than LARGEST_PIECE (a long string, a
 * list of thousands of items) get a malloc of their own; the size, which
 * the caller always knows, tells which kind a piece is when it is freed.
 *
 * A chunk is 2 MiB, the size of an x86-64 huge page, and asks Linux for
 * huge pages (MADV_HUGEPAGE; other systems, or a kernel with transparent
 * huge pages off, just use small pages). The model of spec/smtp.yaml
 * fills about 3 MB: in small pages that is some 800 page faults, which on
 * the shared virtual machine bench/run was measured on cost about 16 us
 * each, more than half of the run; in huge pages it is two faults.
 *
 * Under AddressSanitizer the chunks are poisoned except for the bytes of
 * live pieces, with a gap between pieces, so that the fuzzers still catch
 * an overflow or a use after free inside a chunk; chunks are smaller there,
 * since poisoning a whole chunk at each start costs in proportion. */

/* Pieces hold pointers, sizes and doubles: aligned for the strictest of them. */
union piece_alignment {
    void *pointer;
    double number;
    size_t size;
};
#define PIECE_ALIGN (sizeof(union piece_alignment))

#if defined(__SANITIZE_ADDRESS__)
#define POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_ASAN 1
#endif
#endif

#ifdef POOL_ASAN
#include <sanitizer/asan_interface.h>
enum { CHUNK_BYTES = 16 * 1024 };
#define POOL_GAP PIECE_ALIGN   /* poisoned bytes after each piece */
#define POOL_POISON(start, size) ASAN_POISON_MEMORY_REGION((start), (size))
#define POOL_UNPOISON(start, size) ASAN_UNPOISON_MEMORY_REGION((start), (size))
#else
enum { CHUNK_BYTES = 2 * 1024 * 1024 };
#define POOL_GAP 0
#define POOL_POISON(start, size) ((void)(start), (void)(size))
#define POOL_UNPOISON(start, size) ((void)(start), (void)(size))
#endif

/* Pieces larger than this get a malloc of their own: a chunk then wastes at
 * most a 16th at its end. */
enum { LARGEST_PIECE = CHUNK_BYTES / 16 };

struct chunk {
    size_t live;    /* pieces cut from this chunk and not yet freed */
    size_t used;    /* bytes from the chunk's start handed out, this header included */
};

/* The chunk new pieces are cut from; NULL when there is none. Other chunks
 * are referenced only by the pieces in them. The generator is single
 * threaded, as is every program that links it. */
static struct chunk *filling;
/* Chunks holding live pieces: when none is left, neither is any map. */
static size_t busy_chunks;

static void free_shared_keys(void);

static size_t round_up(size_t size)
{
    return (size + PIECE_ALIGN - 1) / PIECE_ALIGN * PIECE_ALIGN;
}

static struct chunk *chunk_of(const void *piece)
{
    return (struct chunk *)((uintptr_t)piece & ~(uintptr_t)(CHUNK_BYTES - 1));
}

/* The filling chunk outlives its last piece, to be filled again: a caller
 * that makes and deletes small trees in a loop (the tests, the fuzzers)
 * would otherwise get and free 2 MiB each time, and fault its pages in
 * again. At exit it goes too, when empty, so that valgrind finds nothing. */
static void free_empty_filling(void)
{
    if (filling && filling->live == 0) {
        POOL_UNPOISON(filling, CHUNK_BYTES);
        free(filling);
        filling = NULL;
    }
}

/* Pieces still live at exit were leaked: the filling chunk is forgotten,
 * so that leak checkers report them as they would malloc'd ones. */
static void release_at_exit(void)
{
    free_empty_filling();
    filling = NULL;
}

static void empty_chunk(struct chunk *chunk)
{
    chunk->live = 0;
    chunk->used = round_up(sizeof *chunk);
    POOL_POISON((char *)chunk + chunk->used, CHUNK_BYTES - chunk->used);
}

static void start_chunk(void)
{
    static bool exit_handler;
    if (!exit_handler)
        exit_handler = atexit(release_at_exit) == 0;
    /* The chunk being replaced lives on until its last piece is freed. */
    free_empty_filling();
    filling = xaligned_alloc(CHUNK_BYTES, CHUNK_BYTES);
#ifdef MADV_HUGEPAGE
    madvise(filling, CHUNK_BYTES, MADV_HUGEPAGE);
#endif
    empty_chunk(filling);
}

static void *pool_alloc(size_t size)
{
    if (size > LARGEST_PIECE)
        return xmalloc(size);
    size_t taken = round_up(size + POOL_GAP);
    if (!filling || CHUNK_BYTES - filling->used < taken)
        start_chunk();
    char *piece = (char *)filling + filling->used;
    filling->used += taken;
    if (filling->live++ == 0)
        busy_chunks++;
    POOL_UNPOISON(piece, size);
    return piece;
}

/* size: as given to pool_alloc. */
static void pool_free(void *piece, size_t size)
{
    if (size > LARGEST_PIECE) {
        free(piece);
        return;
    }
    struct chunk *chunk = chunk_of(piece);
    POOL_POISON(piece, size);
    if (--chunk->live > 0)
        return;
    if (chunk == filling) {
        empty_chunk(chunk);
    } else {
        POOL_UNPOISON(chunk, CHUNK_BYTES);
        free(chunk);
    }
    if (--busy_chunks == 0)
        free_shared_keys();   /* no map is left to hold one */
}

/* ---- shared keys ----
 *
 * Every map the model builds has the same few dozen keys ("name", "code",
 * "is_last" ...). value_map_set gives all maps one shared copy of each
 * instead of a copy per map: half the model's values were keys. A map
 * whose keys are all shared finds a key by comparing addresses. Shared keys
 * are owned by no map; they live in this table until the last piece in a
 * chunk is freed, when no map is left that could hold one. */

static struct value **shared_keys;   /* open addressing, at most half full */
static size_t shared_capacity;
static size_t shared_count;

/* FNV-1a over the key's bytes. */
static size_t hash_key(const char *key, size_t length)
{
    uint64_t hash = 14695981039346656037u;
    for (size_t i = 0; i < length; i++)
        hash = (hash ^ (unsigned char)key[i]) * 1099511628211u;
    return (size_t)(hash ^ hash >> 32);
}

/* The slot of the shared key of these bytes, or the empty one where it goes. */
static struct value **shared_slot(const char *key, size_t length)
{
    size_t mask = shared_capacity - 1;
    for (size_t at = hash_key(key, length) & mask;; at = (at + 1) & mask) {
        struct value *found = shared_keys[at];
        if (!found || (found->length == length && memcmp(found->string, key, length) == 0))
            return &shared_keys[at];
    }
}

static void grow_shared_keys(void)
{
    struct value **old = shared_keys;
    size_t old_capacity = shared_capacity;
    shared_capacity = old_capacity ? old_capacity * 2 : 256;
    shared_keys = xcalloc(shared_capacity, sizeof *shared_keys);
    for (size_t i = 0; i < old_capacity; i++)
        if (old[i])
            *shared_slot(old[i]->string, old[i]->length) = old[i];
    free(old);
}

static struct value *shared_key(const char *key, size_t length)
{
    if (2 * (shared_count + 1) > shared_capacity)
        grow_shared_keys();
    struct value **slot = shared_slot(key, length);
    if (*slot)
        return *slot;
    /* Not from a chunk: it would keep the chunk alive. */
    struct value *value = xmalloc(sizeof *value + length + 1);
    char *string = (char *)(value + 1);
    memcpy(string, key, length);
    string[length] = '\0';
    *value = (struct value){ .kind = VALUE_STRING, .shared = true, .string = string, .length = length };
    shared_count++;
    return *slot = value;
}

/* value_map_set is called with the same few literal keys again and again:
 * the shared key last found for an address is remembered, and compared
 * before it is used (a caller may reuse a buffer for another key). This
 * spares hashing the key each time. The model uses about a hundred keys:
 * with 1024 places they seldom push each other out (with 64, a third of
 * the calls missed). */
enum { RECENT_BITS = 10, RECENT_KEYS = 1 << RECENT_BITS };

static struct recent_key {
    const char *address;
    struct value *shared;
} recent_keys[RECENT_KEYS];

static struct value *shared_key_of(const char *key)
{
    /* Fibonacci hashing of the address: its low bits vary little. */
    struct recent_key *recent = &recent_keys[((uintptr_t)key * 11400714819323198485u) >> (64 - RECENT_BITS)];
    if (recent->address == key && strcmp(recent->shared->string, key) == 0)
        return recent->shared;
    struct value *shared = shared_key(key, strlen(key));
    *recent = (struct recent_key){ key, shared };
    return shared;
}

/* Called when no chunk holds a live piece. */
static void free_shared_keys(void)
{
    for (size_t i = 0; i < shared_capacity; i++)
        free(shared_keys[i]);
    free(shared_keys);
    shared_keys = NULL;
    shared_capacity = shared_count = 0;
    memset(recent_keys, 0, sizeof recent_keys);
}

/* ---- values ---- */

/* A value and its string are one piece: the bytes follow the struct. */
static size_t value_piece_size(const struct value *value)
{
    return sizeof *value + (value->string ? value->length + 1 : 0);
}

/* Item arrays start with 8 slots and double when full, so the count alone
 * tells the capacity; no field holds it. */
static size_t capacity_for(size_t count)
{
    size_t capacity = count ? 8 : 0;
    while (capacity < count)
        capacity *= 2;
    return capacity;
}

/* A list's items, or a map's values then its keys, are one piece. */
static size_t array_piece_size(enum value_kind kind, size_t count)
{
    return capacity_for(count) * sizeof(struct value *) * (kind == VALUE_MAP ? 2 : 1);
}

struct value *value_new(enum value_kind kind)
{
    struct value *value = pool_alloc(sizeof *value);
    *value = (struct value){ .kind = kind, .keys_shared = kind == VALUE_MAP };
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
    struct value *value = pool_alloc(sizeof *value + length + 1);
    char *string = (char *)(value + 1);
    if (length)
        memcpy(string, bytes, length);
    string[length] = '\0';
    *value = (struct value){ .kind = VALUE_STRING, .string = string, .length = length };
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
    if (!value || value->shared)
        return;
    for (size_t i = 0; i < value->count; i++) {
        value_delete(value->items[i]);
        if (value->keys)
            value_delete(value->keys[i]);
    }
    if (value->items)
        pool_free(value->items, array_piece_size(value->kind, value->count));
    pool_free(value, value_piece_size(value));
}

/* Make room for one more item. */
static void grow(struct value *value)
{
    size_t count = value->count;
    if (capacity_for(count) > count)
        return;
    size_t capacity = capacity_for(count + 1);
    struct value **items = pool_alloc(array_piece_size(value->kind, count + 1));
    if (count)
        memcpy(items, value->items, count * sizeof *items);
    if (value->kind == VALUE_MAP) {
        if (count)
            memcpy(items + capacity, value->keys, count * sizeof *items);
        value->keys = items + capacity;
    }
    if (value->items)
        pool_free(value->items, array_piece_size(value->kind, count));
    value->items = items;
}

void value_list_append(struct value *list, struct value *item)
{
    grow(list);
    list->items[list->count++] = item;
}

/* The index of the key of these bytes in map, or -1. */
static long find_key(const struct value *map, const char *key, size_t length)
{
    if (!map || map->kind != VALUE_MAP)
        return -1;
    for (size_t i = 0; i < map->count; i++) {
        const struct value *k = map->keys[i];
        if (k->length == length && memcmp(k->string, key, length) == 0)
            return (long)i;
    }
    return -1;
}

/* The index of key, a shared key, in map, or -1. */
static long find_shared_key(const struct value *map, const struct value *key)
{
    if (!map->keys_shared)
        return find_key(map, key->string, key->length);
    for (size_t i = 0; i < map->count; i++)
        if (map->keys[i] == key)
            return (long)i;
    return -1;
}

void value_map_add(struct value *map, struct value *key, struct value *item)
{
    grow(map);
    map->keys_shared &= key->shared;
    map->keys[map->count] = key;
    map->items[map->count++] = item;
}

void value_map_set(struct value *map, const char *key, struct value *item)
{
    struct value *shared = shared_key_of(key);
    long found = find_shared_key(map, shared);
    if (found >= 0) {
        value_delete(map->items[found]);
        map->items[found] = item;
        return;
    }
    value_map_add(map, shared, item);
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

const struct value *value_map_get_n(const struct value *map, const char *key, size_t length)
{
    long found = find_key(map, key, length);
    return found >= 0 ? map->items[found] : NULL;
}

const struct value *value_map_get(const struct value *map, const char *key)
{
    return value_map_get_n(map, key, strlen(key));
}

void value_key_prepare(struct value_key *key, const char *bytes, size_t length)
{
    key->bytes = bytes;
    key->length = length;
    key->shared = shared_count ? *shared_slot(bytes, length) : NULL;
}

const struct value *value_map_get_key(const struct value *map, const struct value_key *key)
{
    if (!map || map->kind != VALUE_MAP)
        return NULL;
    if (!map->keys_shared)
        return value_map_get_n(map, key->bytes, key->length);
    /* Every key of map is shared: without a shared key of these bytes,
     * map cannot have it. */
    if (!key->shared)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (map->keys[i] == key->shared)
            return map->items[i];
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
    case VALUE_NUMBER: append_number(value->number, out); break;
    case VALUE_BOOL: buffer_append_string(out, value->boolean ? "true" : "false"); break;
    default: break;
    }
}

/* Whether a byte goes into a JSON string as it is. */
static bool json_plain(unsigned char c)
{
    return c >= 0x20 && c != 0x7f && c != '"' && c != '\\';
}

static void append_json_escape(unsigned char c, struct buffer *out)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"': buffer_append_string(out, "\\\""); break;
    case '\\': buffer_append_string(out, "\\\\"); break;
    case '\n': buffer_append_string(out, "\\n"); break;
    case '\r': buffer_append_string(out, "\\r"); break;
    case '\t': buffer_append_string(out, "\\t"); break;
    default: {   /* another control byte: \u00XX, as "\\u%04x" writes it */
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

static void indent(struct buffer *out, unsigned depth)
{
    buffer_append_char(out, '\n');
    for (unsigned i = 0; i < depth; i++)
        buffer_append(out, "  ", 2);
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
                buffer_append(out, ": ", 2);
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
