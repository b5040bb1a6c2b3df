/* template.c: the Mustache engine. Parsing turns each template file into a
 * flat node list (a section's nodes follow it, up to its end index) and
 * settles the standalone-line whitespace rules once; rendering walks the
 * lists with a context stack. */
#include "template.h"

#include "file.h"
#include "suggest.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits that keep a hostile template from exhausting the stack, memory or
 * time; rendering a reply table needs a small fraction of each. */
#define MAX_SECTION_DEPTH   64  /* sections nested in one file */
#define MAX_PARTIAL_DEPTH   64  /* partials nested while rendering */
#define MAX_PARTIALS        256 /* different partials one template names */
#define MAX_DELIMITER_BYTES 16  /* in a delimiter set by {{=<% %>=}} */
#define MAX_TEMPLATE_BYTES  (16u << 20)

const struct tmpl_limits tmpl_default_limits = {
    .steps = 10000000ul,
    .output_bytes = 64u << 20,
};

/* One dot-separated part of a tag's name, pointing into the file's text:
 * its length is kept so that each lookup compares keys without strlen. */
enum name_position {
    NAME_PLAIN,
    NAME_IS_FIRST, /* "is_first": true for a list's first item */
    NAME_IS_LAST   /* "is_last": true for its last */
};

struct name_part {
    const char *bytes;
    size_t length;
    size_t slot; /* its index in a render's prepared keys (struct renderer) */
    enum name_position position;
};

enum node_kind {
    NODE_TEXT,
    NODE_VARIABLE,
    NODE_SECTION,
    NODE_INVERTED,
    NODE_PARTIAL
};

struct node {
    enum node_kind kind;
    struct mark at;
    const char *bytes; /* TEXT: the text; PARTIAL: the indentation of a standalone tag */
    size_t length;
    const char *name; /* the name as written (points into the file's text) */
    size_t name_length;
    struct name_part *parts; /* the name split at its dots; none for "." */
    size_t part_count;
    bool escaped;    /* VARIABLE: {{x}}, not {{{x}}} or {{& x}} */
    bool standalone; /* PARTIAL: alone on its line, so its lines are indented */
    size_t end;      /* SECTION, INVERTED: the index just past the section's nodes */
    size_t partial;  /* PARTIAL: the index of its file in tmpl->files */
    size_t id;       /* its index among the nodes of all files, for a render's notes on it */
};

struct tmpl_file {
    char *path;            /* marks point at it */
    char *name;            /* the partial's name; NULL for the template itself */
    struct mark first_use; /* partials: the first tag that names it */
    char *text;
    size_t length;
    bool found; /* partials: false when there is no such file */
    struct node *nodes;
    size_t node_count;
    size_t node_capacity;
};

struct tmpl {
    enum escape_lang lang;
    char *partial_dir;        /* NULL: partials are never found */
    struct tmpl_file **files; /* [0] the template, then each partial once, as first named */
    size_t file_count;
    size_t file_capacity;
    size_t part_count; /* name parts in all files */
    size_t node_count; /* nodes in all files */
};

/* ---- parsing ---- */

struct parser {
    struct tmpl *tmpl;
    struct tmpl_file *file;
    struct diag *diag;
    const char *text;
    size_t length;
    const char *open; /* the current delimiters */
    size_t open_length;
    const char *close;
    size_t close_length;
    size_t line_start; /* where the line of the next tag starts */
    bool line_has_tag; /* that line already holds a tag that is not standalone */
    size_t counted;    /* newlines are counted up to here, for marks */
    unsigned line;
    size_t line_offset;
    size_t open_sections[MAX_SECTION_DEPTH];
    size_t depth;
};

struct tag {
    char sigil;   /* '#', '^', '/', '>', '&', '{', '!', '=' or 0 for {{x}} */
    size_t start; /* the tag's bytes, delimiters included */
    size_t end;
    size_t content; /* what is between the sigil and the closer, trimmed */
    size_t content_end;
};

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

/* The first needle in text[from, to), or false. */
static bool find(const char *text, size_t from, size_t to, const char *needle, size_t needle_length, size_t *at)
{
    while (from < to && to - from >= needle_length) {
        const char *first = memchr(text + from, needle[0], to - from - needle_length + 1);
        if (!first)
            return false;
        size_t offset = (size_t)(first - text);
        if (memcmp(text + offset, needle, needle_length) == 0) {
            *at = offset;
            return true;
        }
        from = offset + 1;
    }
    return false;
}

/* The parser asks for marks in text order, so counting lines resumes where
 * it stopped and costs one pass over the text in all. */
static struct mark mark_at(struct parser *p, size_t offset)
{
    while (p->counted < offset) {
        const char *newline = memchr(p->text + p->counted, '\n', offset - p->counted);
        if (!newline) {
            p->counted = offset;
            break;
        }
        p->line++;
        p->counted = p->line_offset = (size_t)(newline - p->text) + 1;
    }
    return (struct mark){ p->file->path, p->line, (unsigned)(offset - p->line_offset + 1) };
}

static struct node *add_node(struct parser *p, enum node_kind kind, size_t offset)
{
    struct tmpl_file *file = p->file;
    if (file->node_count == file->node_capacity) {
        file->node_capacity = file->node_capacity ? file->node_capacity * 2 : 16;
        file->nodes = xrealloc(file->nodes, file->node_capacity * sizeof *file->nodes);
    }
    struct node *node = &file->nodes[file->node_count++];
    memset(node, 0, sizeof *node);
    node->kind = kind;
    node->at = mark_at(p, offset);
    node->id = p->tmpl->node_count++;
    return node;
}

static void add_text(struct parser *p, size_t from, size_t to)
{
    if (from == to)
        return;
    struct node *node = add_node(p, NODE_TEXT, from);
    node->bytes = p->text + from;
    node->length = to - from;
}

/* Find where the tag that starts at start ends. The closer is the close
 * delimiter, preceded by '}' for {{{x}}} and by '=' for {{=a b=}}. */
static int read_tag(struct parser *p, size_t start, struct tag *tag)
{
    size_t content = start + p->open_length;
    char sigil = content < p->length ? p->text[content] : 0;
    if (sigil && strchr("#^/>&{!=", sigil))
        content++;
    else
        sigil = 0;
    char before[2] = { sigil == '{' ? '}' : sigil == '=' ? '=' : 0, 0 };
    size_t from = content, at;
    for (;;) {
        if (!find(p->text, from, p->length, p->close, p->close_length, &at)) {
            struct mark mark = mark_at(p, start);
            diag_error(p->diag, &mark, "unclosed tag: no '%s%.*s' follows", before, (int)p->close_length, p->close);
            return -1;
        }
        if (!before[0] || (at > content && p->text[at - 1] == before[0]))
            break;
        from = at + 1;
    }
    tag->sigil = sigil;
    tag->start = start;
    tag->end = at + p->close_length;
    tag->content = content;
    tag->content_end = before[0] ? at - 1 : at;
    while (tag->content < tag->content_end && is_space(p->text[tag->content]))
        tag->content++;
    while (tag->content_end > tag->content && is_space(p->text[tag->content_end - 1]))
        tag->content_end--;
    return 0;
}

static bool may_stand_alone(char sigil) { return sigil && strchr("#^/>!=", sigil); }

/* A tag stands alone when its line holds only it and blanks. Then the line
 * vanishes from the output: *resume is set past the line's end. */
static bool standalone(const struct parser *p, const struct tag *tag, size_t *resume)
{
    if (p->line_has_tag)
        return false;
    for (size_t i = p->line_start; i < tag->start; i++)
        if (p->text[i] != ' ' && p->text[i] != '\t')
            return false;
    size_t i = tag->end;
    while (i < p->length && (p->text[i] == ' ' || p->text[i] == '\t'))
        i++;
    if (i < p->length && p->text[i] == '\r' && i + 1 < p->length && p->text[i + 1] == '\n')
        i++;
    if (i < p->length && p->text[i] != '\n')
        return false;
    *resume = i < p->length ? i + 1 : i;
    return true;
}

/* Take the tag's name into node: checked, and split at its dots. */
static bool is_name(const struct name_part *part, const char *name)
{
    return part->length == strlen(name) && memcmp(part->bytes, name, part->length) == 0;
}

static void set_name(struct parser *p, const struct tag *tag, struct node *node)
{
    const char *name = p->text + tag->content;
    size_t length = tag->content_end - tag->content;
    node->name = name;
    node->name_length = length;
    if (length == 0) {
        diag_error(p->diag, &node->at, "empty tag: a name belongs between the delimiters");
        return;
    }
    size_t count = 1;
    for (size_t i = 0; i < length; i++) {
        if ((unsigned char)name[i] <= ' ' || name[i] == 0x7f) {
            diag_error(p->diag, &node->at, "bad name: names hold no blanks or control characters");
            return;
        }
        if (length > 1 && name[i] == '.' && (i == 0 || i + 1 == length || name[i + 1] == '.')) {
            diag_error(p->diag, &node->at, "bad name '%.*s': a dot must stand between two names", (int)length, name);
            return;
        }
        count += name[i] == '.';
    }
    if (length == 1 && name[0] == '.')
        return; /* the implicit iterator: no parts, the top of the context stack */
    node->parts = xcalloc(count, sizeof *node->parts);
    for (size_t start = 0; node->part_count < count; node->part_count++) {
        size_t end = start;
        while (end < length && name[end] != '.')
            end++;
        struct name_part *part = &node->parts[node->part_count];
        *part = (struct name_part){ name + start, end - start, p->tmpl->part_count++, NAME_PLAIN };
        if (is_name(part, "is_first"))
            part->position = NAME_IS_FIRST;
        else if (is_name(part, "is_last"))
            part->position = NAME_IS_LAST;
        start = end + 1;
    }
}

/* Returns -1 when the sections nest too deep to go on. */
static int open_section(struct parser *p, const struct tag *tag)
{
    struct node *node = add_node(p, tag->sigil == '#' ? NODE_SECTION : NODE_INVERTED, tag->start);
    set_name(p, tag, node);
    if (p->depth == MAX_SECTION_DEPTH) {
        diag_error(p->diag, &node->at, "sections nest deeper than %d levels", MAX_SECTION_DEPTH);
        return -1;
    }
    p->open_sections[p->depth++] = p->file->node_count - 1;
    return 0;
}

/* Returns -1 when the sections no longer pair up, so going on would mislead. */
static int close_section(struct parser *p, const struct tag *tag)
{
    const char *name = p->text + tag->content;
    size_t length = tag->content_end - tag->content;
    struct mark at = mark_at(p, tag->start);
    if (p->depth == 0) {
        diag_error(p->diag, &at, "end of section '%.*s' that was never opened", (int)length, name);
        return -1;
    }
    struct node *open = &p->file->nodes[p->open_sections[p->depth - 1]];
    if (open->name_length != length || memcmp(open->name, name, length) != 0) {
        diag_error(p->diag, &at, "end of section '%.*s' inside section '%.*s' (opened at %u:%u)", (int)length, name,
                   (int)open->name_length, open->name, open->at.line, open->at.column);
        return -1;
    }
    open->end = p->file->node_count;
    p->depth--;
    return 0;
}

static bool is_partial_name(const char *name, size_t length)
{
    if (length == 0 || name[0] == '.')
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
            || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

/* The index in tmpl->files of the partial name, added (to be read later)
 * when first named. Returns -1 after an error. */
static int find_partial(struct parser *p, const char *name, size_t length, const struct mark *at, size_t *index)
{
    struct tmpl *tmpl = p->tmpl;
    for (size_t i = 1; i < tmpl->file_count; i++) {
        const char *known = tmpl->files[i]->name;
        if (strlen(known) == length && memcmp(known, name, length) == 0) {
            *index = i;
            return 0;
        }
    }
    if (tmpl->file_count > MAX_PARTIALS) {
        diag_error(p->diag, at, "more than %d different partials", MAX_PARTIALS);
        return -1;
    }
    if (tmpl->file_count == tmpl->file_capacity) {
        tmpl->file_capacity *= 2;
        tmpl->files = xrealloc(tmpl->files, tmpl->file_capacity * sizeof *tmpl->files);
    }
    struct tmpl_file *file = xcalloc(1, sizeof *file);
    file->name = xstrndup(name, length);
    struct buffer path;
    buffer_init(&path);
    buffer_printf(&path, "%s/%s.mustache", tmpl->partial_dir ? tmpl->partial_dir : ".", file->name);
    file->path = buffer_take(&path, NULL);
    file->first_use = *at;
    *index = tmpl->file_count;
    tmpl->files[tmpl->file_count++] = file;
    return 0;
}

/* Returns -1 when the template names too many partials to go on. */
static int add_partial(struct parser *p, const struct tag *tag, bool alone, size_t line_start)
{
    const char *name = p->text + tag->content;
    size_t length = tag->content_end - tag->content;
    struct node *node = add_node(p, NODE_PARTIAL, tag->start);
    node->name = name;
    node->name_length = length;
    node->standalone = alone;
    if (alone) {
        node->bytes = p->text + line_start;
        node->length = tag->start - line_start;
    }
    if (!is_partial_name(name, length)) {
        diag_error(p->diag, &node->at, "bad partial name: use letters, digits, '_', '-' and '.' (not first)");
        return 0;
    }
    return find_partial(p, name, length, &node->at, &node->partial);
}

/* {{=<% %>=}}: two delimiters, told apart by blanks. */
static void set_delimiters(struct parser *p, const struct tag *tag)
{
    const char *text = p->text;
    size_t open = tag->content, open_end = open;
    while (open_end < tag->content_end && !is_space(text[open_end]))
        open_end++;
    size_t close = open_end;
    while (close < tag->content_end && is_space(text[close]))
        close++;
    size_t close_end = close;
    while (close_end < tag->content_end && !is_space(text[close_end]))
        close_end++;
    bool ok = open_end > open && close_end > close && close_end == tag->content_end
        && open_end - open <= MAX_DELIMITER_BYTES && close_end - close <= MAX_DELIMITER_BYTES
        && !memchr(text + open, '=', open_end - open) && !memchr(text + close, '=', close_end - close);
    if (!ok) {
        struct mark at = mark_at(p, tag->start);
        diag_error(p->diag, &at,
                   "bad delimiters: want two, of at most %d bytes without blanks or '=',"
                   " as in {{=<%% %%>=}}",
                   MAX_DELIMITER_BYTES);
        return;
    }
    p->open = text + open;
    p->open_length = open_end - open;
    p->close = text + close;
    p->close_length = close_end - close;
}

/* Returns -1 when parsing cannot go on. */
static int add_tag(struct parser *p, const struct tag *tag, bool alone, size_t line_start)
{
    switch (tag->sigil) {
    case '#':
    case '^': return open_section(p, tag);
    case '/': return close_section(p, tag);
    case '>': return add_partial(p, tag, alone, line_start);
    case '=': set_delimiters(p, tag); return 0;
    case '!': return 0;
    default: {
        struct node *node = add_node(p, NODE_VARIABLE, tag->start);
        node->escaped = tag->sigil == 0;
        set_name(p, tag, node);
        return 0;
    }
    }
}

static void parse_file(struct tmpl *tmpl, struct tmpl_file *file, struct diag *diag)
{
    struct parser p = {
        .tmpl = tmpl,
        .file = file,
        .diag = diag,
        .text = file->text,
        .length = file->length,
        .open = "{{",
        .open_length = 2,
        .close = "}}",
        .close_length = 2,
        .line = 1,
    };
    size_t text_start = 0, tag_start;
    while (find(p.text, text_start, p.length, p.open, p.open_length, &tag_start)) {
        for (size_t i = tag_start; i > text_start; i--)
            if (p.text[i - 1] == '\n') {
                p.line_start = i;
                p.line_has_tag = false;
                break;
            }
        struct tag tag;
        if (read_tag(&p, tag_start, &tag) != 0)
            return;
        size_t line_start = p.line_start, resume = tag.end;
        bool alone = may_stand_alone(tag.sigil) && standalone(&p, &tag, &resume);
        if (alone) {
            add_text(&p, text_start, line_start);
            p.line_start = resume;
            p.line_has_tag = false;
        } else {
            add_text(&p, text_start, tag.start);
            p.line_has_tag = true;
        }
        if (add_tag(&p, &tag, alone, line_start) != 0)
            return;
        text_start = resume;
    }
    add_text(&p, text_start, p.length);
    for (size_t i = 0; i < p.depth; i++) {
        const struct node *open = &file->nodes[p.open_sections[i]];
        diag_error(diag, &open->at, "section '%.*s' is never closed", (int)open->name_length, open->name);
    }
}

/* Read path into *text. Returns 0, or an errno value (EFBIG: larger than
 * MAX_TEMPLATE_BYTES). */
static int read_template(const char *path, char **text, size_t *length)
{
    struct buffer buffer;
    buffer_init(&buffer);
    int error = file_read(path, MAX_TEMPLATE_BYTES, &buffer);
    if (error) {
        buffer_free(&buffer);
        return error;
    }
    *text = buffer_take(&buffer, length);
    return 0;
}

static void load_partial(struct tmpl *tmpl, struct tmpl_file *file, struct diag *diag)
{
    if (!tmpl->partial_dir) {
        diag_warning(diag, &file->first_use, "partial '%s' renders as nothing: no partial folder", file->name);
        return;
    }
    int error = read_template(file->path, &file->text, &file->length);
    if (error == ENOENT) {
        diag_warning(diag, &file->first_use, "partial '%s' renders as nothing: no file %s", file->name, file->path);
    } else if (error) {
        diag_error(diag, &file->first_use, "cannot read partial %s: %s", file->path, file_error_text(error));
    } else {
        file->found = true;
        parse_file(tmpl, file, diag);
    }
}

int tmpl_parse(const char *name, const char *partial_dir, const char *text, size_t length, enum escape_lang lang,
               struct tmpl **out, struct diag *diag)
{
    unsigned errors = diag->errors;
    struct tmpl *tmpl = xcalloc(1, sizeof *tmpl);
    tmpl->lang = lang;
    tmpl->partial_dir = partial_dir ? xstrdup(partial_dir) : NULL;
    tmpl->file_capacity = 4;
    tmpl->files = xcalloc(tmpl->file_capacity, sizeof *tmpl->files);
    struct tmpl_file *main_file = xcalloc(1, sizeof *main_file);
    main_file->path = xstrdup(name);
    main_file->text = xstrndup(text, length);
    main_file->length = length;
    main_file->found = true;
    tmpl->files[tmpl->file_count++] = main_file;
    parse_file(tmpl, main_file, diag);
    /* Reading a partial may name more: the count grows as this runs. */
    for (size_t i = 1; i < tmpl->file_count; i++)
        load_partial(tmpl, tmpl->files[i], diag);
    if (diag->errors != errors) {
        tmpl_delete(tmpl);
        *out = NULL;
        return -1;
    }
    *out = tmpl;
    return 0;
}

int tmpl_load(const char *path, enum escape_lang lang, struct tmpl **out, struct diag *diag)
{
    char *text;
    size_t length;
    int error = read_template(path, &text, &length);
    if (error) {
        diag_error(diag, &(struct mark){ path, 0, 0 }, "cannot read template: %s", file_error_text(error));
        *out = NULL;
        return -1;
    }
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
    int status = tmpl_parse(path, dir, text, length, lang, out, diag);
    free(dir);
    free(text);
    return status;
}

void tmpl_delete(struct tmpl *tmpl)
{
    if (!tmpl)
        return;
    for (size_t i = 0; i < tmpl->file_count; i++) {
        struct tmpl_file *file = tmpl->files[i];
        for (size_t j = 0; j < file->node_count; j++)
            free(file->nodes[j].parts);
        free(file->nodes);
        free(file->text);
        free(file->name);
        free(file->path);
        free(file);
    }
    free(tmpl->files);
    free(tmpl->partial_dir);
    free(tmpl);
}

/* ---- rendering ---- */

/* The context stack, linked through the C stack: a section pushes a frame
 * for each time it renders. A frame for an item of a list knows where the
 * item stands in it, which is_first and is_last tell templates. */
struct context {
    const struct value *value;
    const struct context *parent;
    size_t index;
    size_t count; /* the list's length; 0: not a list's item */
};

/* A standalone partial's lines are indented as its tag was. The indentation
 * is written lazily, before the first output of each of the partial's lines,
 * so a line the template removes leaves no blanks behind. Nested standalone
 * partials add up their indentation: each refers to the one around it
 * rather than copying it (a copy per level could take 64 x 16 MiB). */
struct indentation {
    const struct indentation *outer; /* NULL: none */
    const char *bytes;               /* this level's own; NULL: lines are not indented */
    size_t length;
    bool pending; /* at the start of a line of the partial */
};

struct renderer {
    const struct tmpl *tmpl;
    struct buffer *out;
    size_t out_start;
    struct diag *diag;
    const struct tmpl_limits *limits;
    struct buffer scratch;
    unsigned long steps;
    unsigned partial_depth;
    /* Each name part as a key prepared for lookups in this render's data
     * (value_key_prepare): by its slot, prepared when first looked up
     * (bytes NULL until then). The same few names are looked up in
     * thousands of maps. */
    struct value_key *keys;
    /* For tmpl_render_checked, by node id; NULL: not kept. */
    struct name_check *checks;
};

/* What rendering learnt of a tag's name: LOOKED_UP when a lookup ran,
 * FOUND when one found it, and at its first miss the closest key it could
 * have meant (NULL: none close). */
struct name_check {
    unsigned char state;
    const char *suggestion;
};

enum {
    LOOKED_UP = 1,
    FOUND = 2
};

static int render_nodes(struct renderer *r, const struct tmpl_file *file, size_t first, size_t last,
                        const struct context *context, struct indentation *indentation);

/* Whether the output has room left. Every write checks it first, so that
 * the output passes the limit by one piece at most (a line of a template,
 * an indentation, a value), however much one node would write: a partial
 * of a million lines, each indented by megabytes, stops within the limit. */
static bool output_has_room(const struct renderer *r)
{
    return r->out->length - r->out_start <= r->limits->output_bytes;
}

static void write_out(struct renderer *r, const char *bytes, size_t length)
{
    if (output_has_room(r))
        buffer_append(r->out, bytes, length);
}

/* The indentation of every level, the outermost first (at most
 * MAX_PARTIAL_DEPTH levels deep). */
static void write_indentation(struct renderer *r, const struct indentation *indentation)
{
    if (indentation->outer)
        write_indentation(r, indentation->outer);
    write_out(r, indentation->bytes, indentation->length);
}

static void start_line(struct renderer *r, struct indentation *indentation)
{
    if (indentation->pending)
        write_indentation(r, indentation);
    indentation->pending = false;
}

static void write_text(struct renderer *r, struct indentation *indentation, const char *bytes, size_t length)
{
    if (!indentation->bytes) {
        write_out(r, bytes, length);
        return;
    }
    for (size_t i = 0; i < length && output_has_room(r);) {
        const char *newline = memchr(bytes + i, '\n', length - i);
        size_t end = newline ? (size_t)(newline - bytes) + 1 : length;
        start_line(r, indentation);
        write_out(r, bytes + i, end - i);
        indentation->pending = newline != NULL;
        i = end;
    }
}

static struct value_key *prepared_key(struct renderer *r, const struct name_part *part)
{
    struct value_key *key = &r->keys[part->slot];
    if (!key->bytes)
        value_key_prepare(key, part->bytes, part->length);
    return key;
}

static const struct value true_value = { .kind = VALUE_BOOL, .boolean = true };
static const struct value false_value = { .kind = VALUE_BOOL, .boolean = false };

/* is_first and is_last of a list's item: whether it is the first or last
 * of its list. The model holds each code once however many lists name it,
 * so where an item stands is known only while rendering. NULL: another
 * name, or not a list's item. */
static const struct value *position_value(const struct context *context, const struct name_part *part)
{
    if (context->count == 0 || part->position == NAME_PLAIN)
        return NULL;
    bool at_position = part->position == NAME_IS_FIRST ? context->index == 0 : context->index + 1 == context->count;
    return at_position ? &true_value : &false_value;
}

static void consider_keys(struct suggest *search, const struct value *map)
{
    if (map->kind != VALUE_MAP)
        return;
    for (size_t i = 0; i < map->count; i++)
        suggest_consider(search, map->keys[i]->string);
}

/* Record a lookup of node's name for tmpl_render_checked; at the first
 * miss, find the key it could have meant: among the keys of the map where
 * a further part (missed_part) was missed, or, for the first part, of
 * every map in the context. */
static void note_lookup(struct name_check *check, const struct value *found, const struct name_part *missed_part,
                        const struct value *missed_in, const struct context *context, const struct node *node)
{
    if (found) {
        check->state |= LOOKED_UP | FOUND;
        return;
    }
    if (check->state & LOOKED_UP)
        return;
    check->state |= LOOKED_UP;
    const struct name_part *part = missed_part ? missed_part : &node->parts[0];
    char *word = xstrndup(part->bytes, part->length);
    struct suggest search;
    suggest_start(&search, word);
    if (missed_part)
        consider_keys(&search, missed_in);
    else
        for (; context; context = context->parent)
            consider_keys(&search, context->value);
    check->suggestion = suggest_best(&search);
    free(word);
}

/* Mustache name resolution: the first part in the nearest context that has
 * it (a key of its value, or the position of a list's item), each further
 * part in the value found so far. NULL: not found. */
static const struct value *lookup(struct renderer *r, const struct context *context, const struct node *node)
{
    if (node->part_count == 0)
        return context->value;
    const struct value *found = NULL;
    const struct context *innermost = context;
    struct value_key *first = prepared_key(r, &node->parts[0]);
    for (; context && !found; context = context->parent) {
        r->steps++;
        found = value_map_get_key(context->value, first);
        if (!found)
            found = position_value(context, &node->parts[0]);
    }
    const struct value *last_map = NULL; /* where a further part was missed */
    size_t part = 1;
    for (; found && part < node->part_count; part++) {
        last_map = found;
        found = value_map_get_key(found, prepared_key(r, &node->parts[part]));
    }
    if (r->checks)
        note_lookup(&r->checks[node->id], found, node->part_count > 1 && last_map ? &node->parts[part - 1] : NULL,
                    last_map, innermost, node);
    return found;
}

static bool is_falsey(const struct value *value) { return !value || value_is_falsey(value); }

static void write_variable(struct renderer *r, const struct node *node, const struct value *value)
{
    if (!value || !output_has_room(r))
        return;
    if (!node->escaped) {
        value_append_text(value, r->out);
        return;
    }
    if (value->kind == VALUE_STRING) { /* most are: escape them from where they are */
        escape_append(r->tmpl->lang, r->out, value->string, value->length);
        return;
    }
    r->scratch.length = 0;
    value_append_text(value, &r->scratch);
    escape_append(r->tmpl->lang, r->out, r->scratch.data, r->scratch.length);
}

static int render_section(struct renderer *r, const struct tmpl_file *file, size_t index, const struct context *context,
                          struct indentation *indentation)
{
    const struct node *node = &file->nodes[index];
    const struct value *value = lookup(r, context, node);
    if (is_falsey(value))
        return 0;
    bool list = value->kind == VALUE_LIST;
    size_t count = list ? value->count : 1;
    for (size_t i = 0; i < count; i++) {
        r->steps++;
        struct context frame = { list ? value->items[i] : value, context, i, list ? count : 0 };
        if (render_nodes(r, file, index + 1, node->end, &frame, indentation) != 0)
            return -1;
    }
    return 0;
}

static int render_partial(struct renderer *r, const struct node *node, const struct context *context,
                          struct indentation *indentation)
{
    const struct tmpl_file *partial = r->tmpl->files[node->partial];
    if (!partial->found)
        return 0;
    if (r->partial_depth == MAX_PARTIAL_DEPTH) {
        diag_error(r->diag, &node->at,
                   "partials nest deeper than %d levels (does '%s' include itself"
                   " without end?)",
                   MAX_PARTIAL_DEPTH, partial->name);
        return -1;
    }
    struct indentation inner = { NULL, NULL, 0, false };
    if (node->standalone)
        inner = (struct indentation){ indentation->bytes ? indentation : NULL, node->bytes, node->length, true };
    else
        start_line(r, indentation);
    r->partial_depth++;
    int status = render_nodes(r, partial, 0, partial->node_count, context, &inner);
    r->partial_depth--;
    return status;
}

/* After node wrote (or before the next): -1 after an error once the
 * output is past its limit. */
static int check_output(struct renderer *r, const struct node *node)
{
    if (output_has_room(r))
        return 0;
    diag_error(r->diag, &node->at, "rendering stopped: the output is larger than %zu MiB",
               r->limits->output_bytes >> 20);
    return -1;
}

static int check_limits(struct renderer *r, const struct node *node)
{
    if (++r->steps > r->limits->steps) {
        diag_error(r->diag, &node->at, "rendering stopped after %lu steps (a runaway loop?)", r->limits->steps);
        return -1;
    }
    return check_output(r, node);
}

static int render_nodes(struct renderer *r, const struct tmpl_file *file, size_t first, size_t last,
                        const struct context *context, struct indentation *indentation)
{
    size_t i = first;
    while (i < last) {
        const struct node *node = &file->nodes[i];
        if (check_limits(r, node) != 0)
            return -1;
        switch (node->kind) {
        case NODE_TEXT:
            write_text(r, indentation, node->bytes, node->length);
            if (check_output(r, node) != 0)
                return -1;
            i++;
            break;
        case NODE_VARIABLE:
            start_line(r, indentation);
            write_variable(r, node, lookup(r, context, node));
            if (check_output(r, node) != 0)
                return -1;
            i++;
            break;
        case NODE_SECTION:
            if (render_section(r, file, i, context, indentation) != 0)
                return -1;
            i = node->end;
            break;
        case NODE_INVERTED:
            if (is_falsey(lookup(r, context, node))
                && render_nodes(r, file, i + 1, node->end, context, indentation) != 0)
                return -1;
            i = node->end;
            break;
        case NODE_PARTIAL:
            if (render_partial(r, node, context, indentation) != 0)
                return -1;
            i++;
            break;
        }
    }
    return 0;
}

static int render_root(const struct tmpl *tmpl, const struct value *data, const struct tmpl_limits *limits,
                       struct buffer *out, struct name_check *checks, struct diag *diag)
{
    struct renderer r = {
        .tmpl = tmpl, .out = out, .out_start = out->length, .diag = diag, .limits = limits, .checks = checks
    };
    r.keys = xcalloc(tmpl->part_count, sizeof *r.keys);
    buffer_init(&r.scratch);
    struct context root = { data, NULL, 0, 0 };
    struct indentation none = { NULL, NULL, 0, false };
    const struct tmpl_file *file = tmpl->files[0];
    int status = render_nodes(&r, file, 0, file->node_count, &root, &none);
    buffer_free(&r.scratch);
    free(r.keys);
    return status;
}

static void undo_output(struct buffer *out, size_t length)
{
    if (out->data) {
        out->length = length;
        out->data[length] = '\0';
    }
}

int tmpl_render(const struct tmpl *tmpl, const struct value *data, struct buffer *out, struct diag *diag)
{
    return tmpl_render_within(tmpl, data, &tmpl_default_limits, out, diag);
}

int tmpl_render_within(const struct tmpl *tmpl, const struct value *data, const struct tmpl_limits *limits,
                       struct buffer *out, struct diag *diag)
{
    size_t start = out->length;
    int status = render_root(tmpl, data, limits, out, NULL, diag);
    if (status != 0)
        undo_output(out, start);
    return status;
}

/* Each tag whose name was looked up and never found, in file order. */
static unsigned report_unknown_names(const struct tmpl *tmpl, const struct name_check *checks, bool as_errors,
                                     struct diag *diag)
{
    unsigned reported = 0;
    for (size_t f = 0; f < tmpl->file_count; f++) {
        const struct tmpl_file *file = tmpl->files[f];
        for (size_t n = 0; n < file->node_count; n++) {
            const struct node *node = &file->nodes[n];
            const struct name_check *check = &checks[node->id];
            if (check->state != LOOKED_UP)
                continue;
            void (*report)(struct diag *, const struct mark *, const char *, ...) =
                as_errors ? diag_error : diag_warning;
            if (check->suggestion)
                report(diag, &node->at, "unknown value '%.*s'; did you mean '%s'?", (int)node->name_length, node->name,
                       check->suggestion);
            else
                report(diag, &node->at, "unknown value '%.*s'", (int)node->name_length, node->name);
            reported++;
        }
    }
    return reported;
}

int tmpl_render_checked(const struct tmpl *tmpl, const struct value *data, struct buffer *out, bool as_errors,
                        struct diag *diag)
{
    size_t start = out->length;
    struct name_check *checks = xcalloc(tmpl->node_count ? tmpl->node_count : 1, sizeof *checks);
    int status = render_root(tmpl, data, &tmpl_default_limits, out, checks, diag);
    if (status == 0 && report_unknown_names(tmpl, checks, as_errors, diag) && as_errors)
        status = -1;
    free(checks);
    if (status != 0)
        undo_output(out, start);
    return status;
}
