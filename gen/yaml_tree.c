/* yaml_tree.c: libyaml events -> value tree, each node with its place. */
#define _POSIX_C_SOURCE 200809L /* fileno */
#include "yaml_tree.h"

#include "file.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

const struct yaml_limits yaml_default_limits = {
    .max_bytes = 16u << 20,
    .max_depth = 64,
    .max_nodes = 100000,
};

/* Mappings up to this many keys are checked for a duplicate as each key
 * arrives; larger ones once more when they close, by sorting, so that a
 * mapping of a million keys costs n log n and not n squared. */
#define LINEAR_KEY_CHECK 64

/* How much of a key or an anchor name a message quotes. */
#define QUOTE_BYTES 64

struct loader {
    struct value_arena *arena;
    const char *name;
    const struct yaml_limits *limits;
    struct diag *diag;
    struct open_node *stack; /* open lists and maps, innermost last */
    size_t depth;
    size_t nodes; /* scalars, lists and maps seen so far */
    struct value *root;
};

struct open_node {
    struct value *node;
    struct value *pending_key; /* a map's key waiting for its value */
    bool repeated;             /* pending_key repeats an earlier key */
};

static struct mark mark_of(const struct loader *loader, yaml_mark_t mark)
{
    struct mark at = { loader->name, (unsigned)mark.line + 1, (unsigned)mark.column + 1 };
    return at;
}

/* Text from the input for a message: its first QUOTE_BYTES bytes (to the
 * end of the character there), so that a hostile key cannot flood the
 * terminal. (diag shows control characters as \xNN.) */
enum {
    QUOTE_SIZE = QUOTE_BYTES + 8
};

static const char *quote(char *out, size_t size, const char *text, size_t length)
{
    size_t used = 0;
    for (size_t i = 0; i < length && used + 4 < size; i++) {
        if (i >= QUOTE_BYTES && ((unsigned char)text[i] & 0xc0) != 0x80) {
            memcpy(out + used, "...", 3);
            used += 3;
            break;
        }
        out[used++] = text[i];
    }
    out[used] = '\0';
    return out;
}

static bool matches_all(const char *text, size_t length, const char *set)
{
    if (length == 0)
        return false;
    for (size_t i = 0; i < length; i++)
        if (!strchr(set, text[i]))
            return false;
    return true;
}

static bool is_one_of(const char *text, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(text, *words) == 0)
            return true;
    return false;
}

/* YAML 1.2 core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool is_core_float(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    size_t whole = strspn(s, "0123456789");
    s += whole;
    size_t fraction = 0;
    if (*s == '.') {
        s++;
        fraction = strspn(s, "0123456789");
        s += fraction;
    } else if (whole == 0) {
        return false;
    }
    if (whole == 0 && fraction == 0)
        return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '-' || *s == '+')
            s++;
        size_t exponent = strspn(s, "0123456789");
        if (exponent == 0)
            return false;
        s += exponent;
    }
    return *s == '\0';
}

/* Type a plain scalar by the core schema; anything else stays a string. */
static void resolve_plain(struct value *value)
{
    static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
    static const char *const trues[] = { "true", "True", "TRUE", NULL };
    static const char *const falses[] = { "false", "False", "FALSE", NULL };
    static const char *const infinities[] = { ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL };
    static const char *const negative_infinities[] = { "-.inf", "-.Inf", "-.INF", NULL };
    static const char *const nans[] = { ".nan", ".NaN", ".NAN", NULL };
    const char *s = value->string;
    size_t length = value->length;
    /* Every typed scalar starts with one of these (or is empty): most of a
     * spec's scalars, names and texts, end here. */
    if (length > 0 && !strchr("~nNtTfF0123456789+-.", s[0]))
        return;
    if (strlen(s) != length)
        return; /* holds a NUL: not a plain word */
    if (is_one_of(s, nulls)) {
        value->kind = VALUE_NULL;
    } else if (is_one_of(s, trues) || is_one_of(s, falses)) {
        value->kind = VALUE_BOOL;
        value->boolean = is_one_of(s, trues);
    } else if (length > 2 && s[0] == '0' && s[1] == 'x' && matches_all(s + 2, length - 2, "0123456789abcdefABCDEF")) {
        value->kind = VALUE_NUMBER;
        value->number = (double)strtoull(s + 2, NULL, 16);
    } else if (length > 2 && s[0] == '0' && s[1] == 'o' && matches_all(s + 2, length - 2, "01234567")) {
        value->kind = VALUE_NUMBER;
        value->number = (double)strtoull(s + 2, NULL, 8);
    } else if (is_core_float(s)) {
        value->kind = VALUE_NUMBER;
        value->number = strtod(s, NULL);
    } else if (is_one_of(s, infinities) || is_one_of(s, negative_infinities)) {
        value->kind = VALUE_NUMBER;
        value->number = is_one_of(s, infinities) ? HUGE_VAL : -HUGE_VAL;
    } else if (is_one_of(s, nans)) {
        value->kind = VALUE_NUMBER;
        value->number = strtod("nan", NULL);
    }
}

static struct value *scalar_value(const struct loader *loader, const yaml_event_t *event)
{
    const char *text = (const char *)event->data.scalar.value;
    struct value *value = value_new_string_n(loader->arena, text, event->data.scalar.length);
    value->at = mark_of(loader, event->start_mark);
    const char *tag = (const char *)event->data.scalar.tag;
    bool plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    /* An explicit tag ("!!str", "!") makes it a string; "!!int" and the like
     * type it as the core schema would. */
    bool string_tag = tag && (strcmp(tag, YAML_STR_TAG) == 0 || strcmp(tag, "!") == 0);
    if ((plain && !tag) || (tag && !string_tag && strncmp(tag, "tag:yaml.org,2002:", 18) == 0))
        resolve_plain(value);
    return value;
}

static void report_duplicate(struct loader *loader, const struct value *again, const struct value *first)
{
    char text[QUOTE_SIZE];
    diag_error(loader->diag, &again->at, "duplicate key '%s' (first at line %u)",
               quote(text, sizeof text, again->string, again->length), first->at.line);
}

struct key_order {
    const struct value *key;
    size_t index;
};

static bool same_key(const struct value *a, const struct value *b)
{
    return a->length == b->length && memcmp(a->string, b->string, a->length) == 0;
}

static int compare_key_order(const void *a, const void *b)
{
    const struct key_order *x = a, *y = b;
    if (x->key->length != y->key->length)
        return x->key->length < y->key->length ? -1 : 1;
    int bytes = memcmp(x->key->string, y->key->string, x->key->length);
    if (bytes != 0)
        return bytes;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The check of a large mapping's keys, when it closes: sorted, equal keys
 * lie side by side, in file order. Reports each repeat of a key, at the
 * repeat, as the check on arrival would have. */
static void check_keys_sorted(struct loader *loader, const struct value *map)
{
    if (map->count <= LINEAR_KEY_CHECK)
        return; /* every key was checked as it arrived */
    struct key_order *order = xmalloc(map->count * sizeof *order);
    for (size_t i = 0; i < map->count; i++)
        order[i] = (struct key_order){ map->keys[i], i };
    qsort(order, map->count, sizeof *order, compare_key_order);
    for (size_t i = 0; i < map->count;) {
        size_t end = i + 1;
        while (end < map->count && same_key(order[i].key, order[end].key))
            end++;
        for (size_t again = i + 1; again < end; again++)
            report_duplicate(loader, order[again].key, order[i].key);
        i = end;
    }
    free(order);
}

/* Attach a finished node to the open container (or make it the root).
 * Returns -1 when it cannot be attached. */
static int attach(struct loader *loader, struct value *node)
{
    if (loader->depth == 0) {
        loader->root = node;
        return 0;
    }
    struct open_node *open = &loader->stack[loader->depth - 1];
    struct value *parent = open->node;
    if (parent->kind == VALUE_LIST) {
        value_list_append(loader->arena, parent, node);
        return 0;
    }
    if (!open->pending_key) {
        if (node->kind != VALUE_STRING && node->kind != VALUE_NULL && node->kind != VALUE_BOOL
            && node->kind != VALUE_NUMBER) {
            diag_error(loader->diag, &node->at, "a mapping key must be a scalar");
            return -1;
        }
        open->repeated = false;
        for (size_t i = 0; i < parent->count && parent->count < LINEAR_KEY_CHECK && !open->repeated; i++) {
            const struct value *key = parent->keys[i];
            if (same_key(key, node)) {
                report_duplicate(loader, node, key);
                open->repeated = true;
            }
        }
        node->kind = VALUE_STRING; /* keys are names, whatever they look like */
        open->pending_key = node;
        return 0;
    }
    /* A repeated key's value is left out: the first one stands, so that
     * the checker reports the rest of the file's errors. */
    if (!open->repeated)
        value_map_add(loader->arena, parent, open->pending_key, node);
    open->pending_key = NULL;
    return 0;
}

/* Count a new node against the limit; returns -1 past it. */
static int count_node(struct loader *loader, struct value *node)
{
    if (++loader->nodes <= loader->limits->max_nodes)
        return 0;
    diag_error(loader->diag, &node->at, "more than %zu nodes (scalars, lists and mappings)", loader->limits->max_nodes);
    return -1;
}

static int open_container(struct loader *loader, struct value *node)
{
    if (count_node(loader, node) != 0)
        return -1;
    if (loader->depth >= loader->limits->max_depth) {
        diag_error(loader->diag, &node->at, "nesting deeper than %u levels", loader->limits->max_depth);
        return -1;
    }
    loader->stack = xrealloc(loader->stack, (loader->depth + 1) * sizeof *loader->stack);
    loader->stack[loader->depth++] = (struct open_node){ node, NULL, false };
    return 0;
}

static int close_container(struct loader *loader)
{
    struct open_node closed = loader->stack[--loader->depth];
    if (closed.node->kind == VALUE_MAP)
        check_keys_sorted(loader, closed.node);
    return attach(loader, closed.node);
}

/* The place of a byte offset: libyaml gives only the offset for a reader
 * error (bad UTF-8, a control character). Columns count characters, as
 * libyaml's marks do. */
static struct mark mark_of_offset(const struct loader *loader, const char *bytes, size_t length, size_t offset)
{
    struct mark at = { loader->name, 1, 1 };
    for (size_t i = 0; i < offset && i < length; i++) {
        if (bytes[i] == '\n') {
            at.line++;
            at.column = 1;
        } else if (((unsigned char)bytes[i] & 0xc0) != 0x80) {
            at.column++;
        }
    }
    return at;
}

/* libyaml's syntax errors, put in a spec author's words: what is wrong
 * where, and what to look at (most often the indentation). A %u in the
 * words is the line where the construct began (libyaml's context mark).
 * libyaml's own words follow in parentheses, for a search. */
struct syntax_words {
    const char *problem; /* libyaml's, as the start of its text */
    const char *context; /* NULL: any */
    const char *words;
};

static const struct syntax_words syntax_words[] = {
    { "did not find expected key", "while parsing a block mapping",
      "this line's indentation matches nothing above it: the mapping that starts at line %u expects a key here; "
      "indent a key as the other keys of its mapping" },
    { "did not find expected '-' indicator", "while parsing a block collection",
      "this line's indentation matches nothing above it: the list that starts at line %u expects an item ('- ') "
      "here; indent a key as the other keys of its mapping" },
    { "mapping values are not allowed in this context", NULL,
      "unexpected ':' (a key cannot start here); check the indentation of this line, "
      "or quote a text that holds ': '" },
    { "block sequence entries are not allowed in this context", NULL,
      "a list item ('- ') cannot start here; check the indentation of this line" },
    { "found a tab character", NULL, "a tab indents this line; YAML indents with spaces only" },
    { "could not find expected ':'", "while scanning a simple key",
      "this key has no ':' after it on its line (a key and its ':' share a line; a text that goes on "
      "over lines is indented under its key)" },
    { "found unexpected end of stream", "while scanning a quoted scalar",
      "the quoted text that starts at line %u is not closed: the file ends inside it" },
    { "did not find expected ',' or ']'", "while parsing a flow sequence",
      "the list '[' that starts at line %u is not closed by ']' here (or lacks a ',' between two items)" },
    { "did not find expected ',' or '}'", "while parsing a flow mapping",
      "the mapping '{' that starts at line %u is not closed by '}' here (or lacks a ',' between two entries)" },
    { "did not find expected node content", NULL, "a value is missing here, or cannot start with this character" },
    { "found unknown escape character", NULL,
      "unknown escape after '\\' in a double-quoted text; write '\\\\' for a backslash, "
      "or use single quotes" },
};

/* The byte offset of a libyaml mark (0-based line, column in characters),
 * or length when it is past the end. */
static size_t offset_of_mark(const char *bytes, size_t length, yaml_mark_t mark)
{
    size_t i = 0;
    for (size_t line = 0; line < mark.line && i < length; i++)
        if (bytes[i] == '\n')
            line++;
    for (size_t column = 0; column < mark.column && i < length; column++)
        for (i++; i < length && ((unsigned char)bytes[i] & 0xc0) == 0x80; i++)
            ;
    return i;
}

static void report_parser_error(struct loader *loader, const yaml_parser_t *parser, const char *bytes, size_t length)
{
    struct mark at = mark_of(loader, parser->problem_mark);
    const char *problem = parser->problem ? parser->problem : "invalid YAML";
    if (parser->error == YAML_READER_ERROR) {
        at = mark_of_offset(loader, bytes, length, parser->problem_offset);
        if (parser->problem_value >= 0)
            diag_error(loader->diag, &at, "%s (0x%02X)", problem, (unsigned)parser->problem_value);
        else
            diag_error(loader->diag, &at, "%s", problem);
        return;
    }
    if (parser->error == YAML_MEMORY_ERROR) {
        diag_error(loader->diag, &at, "out of memory while reading YAML");
        return;
    }
    char libyaml[256];
    snprintf(libyaml, sizeof libyaml, "%s%s%s", problem, parser->context ? " " : "",
             parser->context ? parser->context : "");
    /* A character no token starts with: a tab is the usual one. */
    if (strncmp(problem, "found character that cannot start any token", 44) == 0) {
        size_t offset = offset_of_mark(bytes, length, parser->problem_mark);
        if (offset < length && bytes[offset] == '\t')
            diag_error(loader->diag, &at, "a tab indents this line; YAML indents with spaces only (libyaml: %s)",
                       libyaml);
        else
            diag_error(loader->diag, &at, "no value can start with this character; quote the text (libyaml: %s)",
                       libyaml);
        return;
    }
    /* After a value on its line, not an indentation: "a: [b]]". */
    if (strcmp(libyaml, "did not find expected key while parsing a block mapping") == 0
        && parser->problem_mark.column > 0) {
        yaml_mark_t line_start = parser->problem_mark;
        line_start.column = 0;
        size_t start = offset_of_mark(bytes, length, line_start);
        size_t offset = offset_of_mark(bytes, length, parser->problem_mark);
        size_t blanks = 0;
        while (start + blanks < offset && bytes[start + blanks] == ' ')
            blanks++;
        if (start + blanks < offset) {
            /* 'it's': the quote ended the text early. */
            bool after_quote = offset > 0 && offset <= length && strchr("'\"", bytes[offset - 1]);
            diag_error(
                loader->diag, &at,
                "unexpected text after a value of the mapping that starts at line %u; "
                "each key of it starts a line of its own%s (libyaml: %s)",
                (unsigned)parser->context_mark.line + 1,
                after_quote ? "; a quote inside a quoted text ends it: write '' inside '...', \\\" inside \"...\"" : "",
                libyaml);
            return;
        }
    }
    /* A key without its ':' is shown at the key, not at the next line. */
    if (parser->context && strcmp(parser->context, "while scanning a simple key") == 0)
        at = mark_of(loader, parser->context_mark);
    for (size_t i = 0; i < sizeof syntax_words / sizeof syntax_words[0]; i++) {
        const struct syntax_words *w = &syntax_words[i];
        if (strncmp(problem, w->problem, strlen(w->problem)) != 0
            || (w->context && (!parser->context || strcmp(parser->context, w->context) != 0)))
            continue;
        char words[512];
        if (strstr(w->words, "%u"))
            snprintf(words, sizeof words, w->words, (unsigned)parser->context_mark.line + 1);
        else
            snprintf(words, sizeof words, "%s", w->words);
        diag_error(loader->diag, &at, "%s (libyaml: %s)", words, libyaml);
        return;
    }
    diag_error(loader->diag, &at, "%s", libyaml);
}

static int handle_event(struct loader *loader, const yaml_event_t *event, unsigned *documents)
{
    struct mark at = mark_of(loader, event->start_mark);
    switch (event->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++*documents > 1) {
            diag_error(loader->diag, &at, "more than one YAML document; expected one");
            return -1;
        }
        return 0;
    case YAML_ALIAS_EVENT: {
        char name[QUOTE_SIZE];
        const char *anchor = (const char *)event->data.alias.anchor;
        diag_error(loader->diag, &at, "aliases (*%s) are not supported",
                   quote(name, sizeof name, anchor, strlen(anchor)));
        return -1;
    }
    case YAML_SCALAR_EVENT: {
        struct value *node = scalar_value(loader, event);
        if (count_node(loader, node) != 0)
            return -1;
        return attach(loader, node);
    }
    case YAML_SEQUENCE_START_EVENT: {
        struct value *node = value_new_list(loader->arena);
        node->at = at;
        return open_container(loader, node);
    }
    case YAML_MAPPING_START_EVENT: {
        struct value *node = value_new_map(loader->arena);
        node->at = at;
        return open_container(loader, node);
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: return close_container(loader);
    default: return 0;
    }
}

int yaml_tree_load_bytes(struct value_arena *arena, const char *name, const char *bytes, size_t length,
                         const struct yaml_limits *limits, struct value **out, size_t *nodes, struct diag *diag)
{
    if (!limits)
        limits = &yaml_default_limits;
    struct loader loader = { .arena = arena, .name = name, .limits = limits, .diag = diag };
    unsigned errors_before = diag->errors;
    if (length > limits->max_bytes) {
        struct mark at = { name, 0, 0 };
        diag_error(diag, &at, "file is %zu bytes, more than the limit of %zu", length, limits->max_bytes);
        return -1;
    }
    diag_add_source(diag, name, bytes, length); /* messages placed in it show its lines */
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diag_error(diag, NULL, "out of memory");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, length);
    int status = 0;
    unsigned documents = 0;
    for (bool done = false; !done && status == 0;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            report_parser_error(&loader, &parser, bytes, length);
            status = -1;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        status = handle_event(&loader, &event, &documents);
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    free(loader.stack);
    if (status != 0)
        return -1;      /* what was read stays in the arena until it is freed */
    if (!loader.root) { /* an empty stream */
        loader.root = value_new(arena, VALUE_NULL);
        loader.root->at = (struct mark){ name, 1, 1 };
    }
    *out = loader.root;
    if (nodes)
        *nodes = loader.nodes;
    return diag->errors != errors_before ? -1 : 0; /* repeated keys */
}

int yaml_tree_load_file(struct value_arena *arena, const char *path, const struct yaml_limits *limits,
                        struct value **out, size_t *nodes, struct diag *diag)
{
    if (!limits)
        limits = &yaml_default_limits;
    struct mark at = { path, 0, 0 };
    struct buffer bytes;
    buffer_init(&bytes);
    int error = file_read(path, limits->max_bytes, &bytes);
    if (error == EISDIR)
        diag_error(diag, &at, "is a directory, not a file");
    else if (error == EFBIG)
        diag_error(diag, &at, "file is larger than the limit of %zu bytes", limits->max_bytes);
    else if (error == FILE_NOT_REGULAR)
        diag_error(diag, &at, "is not a regular file");
    else if (error)
        diag_error(diag, &at, "cannot open: %s", strerror(error));
    int status = error
        ? -1
        : yaml_tree_load_bytes(arena, path, bytes.data ? bytes.data : "", bytes.length, limits, out, nodes, diag);
    buffer_free(&bytes);
    return status;
}
