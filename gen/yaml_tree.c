/* yaml_tree.c: libyaml events -> value tree, each node with its place. */
#define _POSIX_C_SOURCE 200809L   /* fileno */
#include "yaml_tree.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

const struct yaml_limits yaml_default_limits = {
    .max_bytes = 16u << 20,
    .max_depth = 64,
};

struct loader {
    const char *name;
    const struct yaml_limits *limits;
    struct diag *diag;
    struct open_node *stack;    /* open lists and maps, innermost last */
    size_t depth;
    struct value *root;
};

struct open_node {
    struct value *node;
    struct value *pending_key;  /* a map's key waiting for its value */
};

static struct mark mark_of(const struct loader *loader, yaml_mark_t mark)
{
    struct mark at = { loader->name, (unsigned)mark.line + 1, (unsigned)mark.column + 1 };
    return at;
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
    if (strlen(s) != length)
        return;   /* holds a NUL: not a plain word */
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
    struct value *value = value_new_string_n(text, event->data.scalar.length);
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
        value_list_append(parent, node);
        return 0;
    }
    if (!open->pending_key) {
        if (node->kind != VALUE_STRING && node->kind != VALUE_NULL && node->kind != VALUE_BOOL
            && node->kind != VALUE_NUMBER) {
            diag_error(loader->diag, &node->at, "a mapping key must be a scalar");
            value_delete(node);
            return -1;
        }
        for (size_t i = 0; i < parent->count; i++) {
            const struct value *key = parent->keys[i];
            if (key->length == node->length && memcmp(key->string, node->string, node->length) == 0) {
                diag_error(loader->diag, &node->at, "duplicate key '%s' (first at line %u)",
                           node->string, key->at.line);
                value_delete(node);
                return -1;
            }
        }
        node->kind = VALUE_STRING;   /* keys are names, whatever they look like */
        open->pending_key = node;
        return 0;
    }
    value_map_add(parent, open->pending_key, node);
    open->pending_key = NULL;
    return 0;
}

static int open_container(struct loader *loader, struct value *node)
{
    if (loader->depth >= loader->limits->max_depth) {
        diag_error(loader->diag, &node->at, "nesting deeper than %u levels", loader->limits->max_depth);
        value_delete(node);
        return -1;
    }
    loader->stack = xrealloc(loader->stack, (loader->depth + 1) * sizeof *loader->stack);
    loader->stack[loader->depth++] = (struct open_node){ node, NULL };
    return 0;
}

static int close_container(struct loader *loader)
{
    struct open_node closed = loader->stack[--loader->depth];
    value_delete(closed.pending_key);   /* none in a well-formed stream */
    return attach(loader, closed.node);
}

static void report_parser_error(struct loader *loader, const yaml_parser_t *parser)
{
    struct mark at = mark_of(loader, parser->problem_mark);
    if (parser->error == YAML_MEMORY_ERROR)
        diag_error(loader->diag, &at, "out of memory while reading YAML");
    else if (parser->context)
        diag_error(loader->diag, &at, "%s %s", parser->problem ? parser->problem : "invalid YAML",
                   parser->context);
    else
        diag_error(loader->diag, &at, "%s", parser->problem ? parser->problem : "invalid YAML");
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
    case YAML_ALIAS_EVENT:
        diag_error(loader->diag, &at, "aliases (*%s) are not supported", event->data.alias.anchor);
        return -1;
    case YAML_SCALAR_EVENT:
        return attach(loader, scalar_value(loader, event));
    case YAML_SEQUENCE_START_EVENT: {
        struct value *node = value_new_list();
        node->at = at;
        return open_container(loader, node);
    }
    case YAML_MAPPING_START_EVENT: {
        struct value *node = value_new_map();
        node->at = at;
        return open_container(loader, node);
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close_container(loader);
    default:
        return 0;
    }
}

int yaml_tree_load_bytes(const char *name, const char *bytes, size_t length,
                         const struct yaml_limits *limits, struct value **out, struct diag *diag)
{
    if (!limits)
        limits = &yaml_default_limits;
    struct loader loader = { .name = name, .limits = limits, .diag = diag };
    if (length > limits->max_bytes) {
        struct mark at = { name, 0, 0 };
        diag_error(diag, &at, "file is %zu bytes, more than the limit of %zu", length, limits->max_bytes);
        return -1;
    }
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
            report_parser_error(&loader, &parser);
            status = -1;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        status = handle_event(&loader, &event, &documents);
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    while (loader.depth) {
        struct open_node open = loader.stack[--loader.depth];
        value_delete(open.node);
        value_delete(open.pending_key);
    }
    free(loader.stack);
    if (status != 0) {
        value_delete(loader.root);
        return -1;
    }
    if (!loader.root) {   /* an empty stream */
        loader.root = value_new(VALUE_NULL);
        loader.root->at = (struct mark){ name, 1, 1 };
    }
    *out = loader.root;
    return 0;
}

int yaml_tree_load_file(const char *path, const struct yaml_limits *limits,
                        struct value **out, struct diag *diag)
{
    if (!limits)
        limits = &yaml_default_limits;
    struct mark at = { path, 0, 0 };
    FILE *file = fopen(path, "rb");
    if (!file) {
        diag_error(diag, &at, "cannot open: %s", strerror(errno));
        return -1;
    }
    struct stat info;
    if (fstat(fileno(file), &info) == 0 && S_ISDIR(info.st_mode)) {
        fclose(file);
        diag_error(diag, &at, "is a directory, not a file");
        return -1;
    }
    struct buffer bytes;
    buffer_init(&bytes);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
        if (bytes.length + got > limits->max_bytes) {
            fclose(file);
            buffer_free(&bytes);
            diag_error(diag, &at, "file is larger than the limit of %zu bytes", limits->max_bytes);
            return -1;
        }
        buffer_append(&bytes, chunk, got);
    }
    bool failed = ferror(file);
    fclose(file);
    if (failed) {
        buffer_free(&bytes);
        diag_error(diag, &at, "cannot read: %s", strerror(errno));
        return -1;
    }
    int status = yaml_tree_load_bytes(path, bytes.data ? bytes.data : "", bytes.length, limits, out, diag);
    buffer_free(&bytes);
    return status;
}
