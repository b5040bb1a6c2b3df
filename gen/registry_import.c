/* registry_import.c: a registry against a spec's enhanced codes, and the
 * edits of the spec's text that follow.
 *
 * Entries are matched by number. A spec entry agrees with the registry when
 * its text is the sample text (white space aside), its basic and
 * registry_basic codes together are the registry's basic codes, and it
 * cites every document the registry cites (it may cite more). Where they
 * differ, an entry that carries a comment (above it, or at the end of one
 * of its lines) keeps its difference as a conflict: spec/smtp.yaml
 * documents each deliberate deviation from the registry that way (see
 * spec/README.md), and no rule could tell a deviation from a stale copy.
 * A comment line "# --- ... ---" titles a group of entries and documents
 * nothing. Every other difference becomes an edit of the spec's bytes at
 * the place the YAML tree names, so comments, layout and quoting elsewhere
 * stay as they are. */
#include "registry_import.h"

#include "file.h"
#include "pipeline.h"
#include "registry.h"
#include "replace.h"
#include "spec_text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Lines of a new entry's description are at most this wide, as the specs'. */
enum {
    WRAP_COLUMN = 78
};

/* An entry of enhanced.codes, where it stands in the text. */
struct place {
    const struct value *node;
    const struct spec_enhanced_code *code;
    unsigned first_line, last_line;
    unsigned dash_indent, key_indent;
    unsigned comment_line; /* of the comment that documents a deviation; 0: none */
    bool gone;             /* not in the registry, and to be removed */
};

struct import {
    const char *spec_path;
    const struct spec *spec;
    const struct registry *registry;
    struct spec_text text;
    struct place *places; /* in file order */
    size_t place_count;
    struct place **by_number;       /* the same, by subject, then detail */
    const struct value *references; /* the root's references list */
    struct spec_edits edits;
    char **added_references; /* ids given a reference entry by this update */
    size_t added_reference_count;
    char **new_names; /* names given to new entries */
    size_t new_name_count;
    struct buffer news, changes, gone, conflicts, paste;
    struct buffer new_references; /* entries added to references, to complete */
    unsigned new_count, change_count, gone_count, conflict_count;
};

/* ---- the places of the spec's entries ---- */

static bool titles_a_group(const struct spec_text *text, unsigned line)
{
    size_t start = spec_text_line_start(text, line) + spec_text_indent(text, line);
    size_t end = spec_text_line_end(text, line);
    return end - start >= 5 && strncmp(text->bytes + start, "# ---", 5) == 0;
}

/* The line of a comment that belongs to the entry: one right above it
 * (not a group's title), one of its own lines at its keys' indent, or one
 * at the end of a line of one of its keys. */
static unsigned find_comment(const struct spec_text *text, const struct place *place)
{
    unsigned top = 0;
    for (unsigned line = place->first_line - 1; line >= 1 && spec_text_comment(text, line); line--)
        if (!titles_a_group(text, line))
            top = line;
    if (top)
        return top;
    for (unsigned line = place->first_line + 1; line <= place->last_line; line++)
        if (spec_text_comment(text, line) && spec_text_indent(text, line) <= place->key_indent)
            return line;
    for (size_t i = 0; i < place->node->count; i++) {
        const struct mark *at = &place->node->keys[i]->at;
        if (spec_text_trailing_comment(text, at->line, spec_text_offset(text, at)))
            return at->line;
    }
    return 0;
}

static const struct spec_enhanced_code *checked_code(const struct spec *spec, const struct value *node)
{
    for (size_t i = 0; i < spec->enhanced->code_count; i++)
        if (spec->enhanced->codes[i].at.line == node->at.line && spec->enhanced->codes[i].at.column == node->at.column)
            return &spec->enhanced->codes[i];
    return NULL;
}

static int compare_numbers(int subject_a, int detail_a, int subject_b, int detail_b)
{
    if (subject_a != subject_b)
        return (subject_a > subject_b) - (subject_a < subject_b);
    return (detail_a > detail_b) - (detail_a < detail_b);
}

static int compare_places(const void *a, const void *b)
{
    const struct spec_enhanced_code *x = (*(struct place *const *)a)->code, *y = (*(struct place *const *)b)->code;
    return compare_numbers(x->subject, x->detail, y->subject, y->detail);
}

/* How many places have a number below subject.detail (by_number's index
 * of the first one that does not). */
static size_t places_below(const struct import *imp, int subject, int detail)
{
    size_t low = 0, high = imp->place_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const struct spec_enhanced_code *code = imp->by_number[middle]->code;
        if (compare_numbers(code->subject, code->detail, subject, detail) < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

static struct place *find_place(const struct import *imp, int subject, int detail)
{
    size_t index = places_below(imp, subject, detail);
    if (index < imp->place_count && imp->by_number[index]->code->subject == subject
        && imp->by_number[index]->code->detail == detail)
        return imp->by_number[index];
    return NULL;
}

static int find_places(struct import *imp, const struct value *root, struct diag *diag)
{
    const struct value *codes = value_map_get(value_map_get(root, "enhanced"), "codes");
    imp->references = value_map_get(root, "references");
    if (!codes || codes->kind != VALUE_LIST) {
        diag_error(diag, &(struct mark){ imp->spec_path, 0, 0 }, "the spec has no enhanced status codes to update");
        return -1;
    }
    imp->places = xcalloc(codes->count ? codes->count : 1, sizeof *imp->places);
    for (size_t i = 0; i < codes->count; i++) {
        const struct value *node = codes->items[i];
        struct place *place = &imp->places[imp->place_count++];
        *place = (struct place){ .node = node, .code = checked_code(imp->spec, node), .first_line = node->at.line };
        place->key_indent = node->at.column - 1;
        size_t dash = spec_text_line_start(&imp->text, node->at.line) + place->key_indent - 2;
        /* Edits keep to block YAML: "- code: ..." with its keys below. */
        if (place->key_indent < 2 || imp->text.bytes[dash] != '-' || node->kind != VALUE_MAP || !place->code
            || imp->text.bytes[spec_text_offset(&imp->text, &node->at)] == '{') {
            diag_error(diag, &node->at, "an enhanced code to update must be a block mapping, \"- code: X.1.1\"");
            return -1;
        }
        place->dash_indent = place->key_indent - 2;
        place->last_line = spec_text_block_end(&imp->text, place->first_line, place->dash_indent);
        place->comment_line = find_comment(&imp->text, place);
    }
    imp->by_number = xmalloc((imp->place_count ? imp->place_count : 1) * sizeof *imp->by_number);
    for (size_t i = 0; i < imp->place_count; i++)
        imp->by_number[i] = &imp->places[i];
    qsort(imp->by_number, imp->place_count, sizeof *imp->by_number, compare_places);
    return 0;
}

/* ---- edits, and how to paste them ---- */

static void where(const struct import *imp, struct buffer *out, unsigned line, unsigned column)
{
    buffer_printf(out, "%s:%u", imp->spec_path, line);
    if (column)
        buffer_printf(out, ":%u", column);
}

/* Replace the value of key in place's entry, all its lines. */
static void replace_value(struct import *imp, const struct place *place, const char *key, const char *replacement)
{
    const struct value *value = value_map_get(place->node, key);
    size_t start = spec_text_offset(&imp->text, &value->at);
    size_t end = spec_text_line_end(&imp->text, spec_text_block_end(&imp->text, value->at.line, place->key_indent));
    spec_edits_add(&imp->edits, start, end, replacement);
    where(imp, &imp->paste, value->at.line, value->at.column);
    buffer_printf(&imp->paste, ": replace\n    %.*s\n  with\n    %s\n", (int)(end - start), imp->text.bytes + start,
                  replacement);
}

/* Insert lines (each ending in a line break) after line. */
static void insert_after(struct import *imp, unsigned line, const char *lines)
{
    spec_edits_add(&imp->edits, spec_text_line_start(&imp->text, line + 1), spec_text_line_start(&imp->text, line + 1),
                   lines);
    where(imp, &imp->paste, line, 0);
    buffer_printf(&imp->paste, ": after this line, insert\n%s", lines);
}

/* ---- comparing ---- */

static bool cites(const struct spec_enhanced_code *code, const char *id)
{
    for (size_t i = 0; i < code->refs.count; i++)
        if (strcmp(code->refs.items[i].reference->id, id) == 0)
            return true;
    return false;
}

static bool has_reference(const struct import *imp, const char *id)
{
    for (size_t i = 0; i < imp->spec->reference_count; i++)
        if (strcmp(imp->spec->references[i].id, id) == 0)
            return true;
    for (size_t i = 0; i < imp->added_reference_count; i++)
        if (strcmp(imp->added_references[i], id) == 0)
            return true;
    return false;
}

/* "rfc9999" -> 9999; 0 for any other document. */
static unsigned long rfc_number(const char *id)
{
    if (strncmp(id, "rfc", 3) != 0 || !isdigit((unsigned char)id[3]) || id[3] == '0')
        return 0;
    char *end;
    unsigned long number = strtoul(id + 3, &end, 10);
    return *end ? 0 : number;
}

/* Make sure the spec's references hold id, adding an entry for an RFC;
 * false (a conflict to report) for another document. */
static bool ensure_reference(struct import *imp, const char *id)
{
    if (has_reference(imp, id))
        return true;
    unsigned long number = rfc_number(id);
    const struct value *list = imp->references;
    if (!number || !list || list->kind != VALUE_LIST || list->count == 0)
        return false;
    const struct value *last = list->items[list->count - 1];
    unsigned dash_indent = spec_text_indent(&imp->text, last->at.line);
    unsigned end = spec_text_block_end(&imp->text, last->at.line, dash_indent);
    struct buffer lines;
    buffer_init(&lines);
    buffer_printf(&lines, "%*s- id: %s\n%*stitle: RFC %lu\n%*surl: https://www.rfc-editor.org/rfc/rfc%lu\n",
                  (int)dash_indent, "", id, (int)dash_indent + 2, "", number, (int)dash_indent + 2, "", number);
    insert_after(imp, end, lines.data);
    buffer_free(&lines);
    imp->added_references =
        xrealloc(imp->added_references, (imp->added_reference_count + 1) * sizeof *imp->added_references);
    imp->added_references[imp->added_reference_count++] = xstrdup(id);
    buffer_printf(&imp->new_references, "  %s: titled \"RFC %lu\" until you give it its title (after ", id, number);
    where(imp, &imp->new_references, end, 0);
    buffer_append_string(&imp->new_references, ")\n");
    return true;
}

static void append_code_list(struct buffer *out, const int *codes, size_t count, const char *none)
{
    if (count == 0)
        buffer_append_string(out, none);
    for (size_t i = 0; i < count; i++)
        buffer_printf(out, "%s%d", i ? ", " : "", codes[i]);
}

/* The spec's basic and registry_basic codes together, ascending. */
static size_t spec_basic(const struct spec_enhanced_code *code, int *out)
{
    size_t count = 0;
    for (size_t i = 0; i < code->basic.count; i++)
        out[count++] = code->basic.items[i]->code;
    for (size_t i = 0; i < code->registry_basic_count; i++)
        out[count++] = code->registry_basic[i];
    for (size_t i = 1; i < count; i++) /* insertion sort: a few codes */
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            int swap = out[j];
            out[j] = out[j - 1];
            out[j - 1] = swap;
        }
    return count;
}

/* Whether a and b hold the same words, however spaced. */
static bool same_words(const char *a, const char *b)
{
    for (;;) {
        while (isspace((unsigned char)*a))
            a++;
        while (isspace((unsigned char)*b))
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        while (*a && !isspace((unsigned char)*a) && *a == *b) {
            a++;
            b++;
        }
        if ((*a && !isspace((unsigned char)*a)) || (*b && !isspace((unsigned char)*b)))
            return false;
    }
}

/* The registry's basic codes split into those the spec defines and the
 * rest (registry_basic). */
static void split_basic(const struct import *imp, const struct registry_entry *entry, struct buffer *basic,
                        struct buffer *registry_basic)
{
    buffer_append_char(basic, '[');
    buffer_append_char(registry_basic, '[');
    for (size_t i = 0; i < entry->basic_count; i++) {
        struct buffer *into = spec_find_code(imp->spec, entry->basic[i]) ? basic : registry_basic;
        buffer_printf(into, "%s%d", into->length > 1 ? ", " : "", entry->basic[i]);
    }
    buffer_append_char(basic, ']');
    buffer_append_char(registry_basic, ']');
}

static void conflict_start(struct import *imp, const struct place *place, const char *what)
{
    imp->conflict_count++;
    buffer_printf(&imp->conflicts, "  X.%d.%d %s: ", place->code->subject, place->code->detail, what);
}

static void conflict_end(struct import *imp, const struct place *place)
{
    buffer_printf(&imp->conflicts, " (deviation documented at ");
    where(imp, &imp->conflicts, place->comment_line, 0);
    buffer_append_string(&imp->conflicts, ")\n");
}

static void update_text(struct import *imp, const struct place *place, const struct registry_entry *entry)
{
    if (place->comment_line) {
        conflict_start(imp, place, "text");
        buffer_printf(&imp->conflicts, "the registry has \"%s\", the spec \"%s\"", entry->text, place->code->text);
        conflict_end(imp, place);
        return;
    }
    struct buffer quoted;
    buffer_init(&quoted);
    spec_text_append_quoted(&quoted, entry->text);
    imp->change_count++;
    const struct mark *at = &value_map_get(place->node, "text")->at;
    buffer_printf(&imp->changes, "  X.%d.%d text: \"%s\" -> \"%s\" (", place->code->subject, place->code->detail,
                  place->code->text, entry->text);
    where(imp, &imp->changes, at->line, at->column);
    buffer_append_string(&imp->changes, ")\n");
    replace_value(imp, place, "text", quoted.data);
    buffer_free(&quoted);
}

static void update_basic(struct import *imp, const struct place *place, const struct registry_entry *entry,
                         const int *old, size_t old_count)
{
    const struct spec_enhanced_code *code = place->code;
    if (place->comment_line) {
        conflict_start(imp, place, "basic codes");
        buffer_append_string(&imp->conflicts, "the registry has ");
        append_code_list(&imp->conflicts, entry->basic, entry->basic_count, "none");
        buffer_append_string(&imp->conflicts, ", the spec ");
        append_code_list(&imp->conflicts, old, old_count, "none");
        conflict_end(imp, place);
        return;
    }
    /* RFC 3463 decides a code's classes; a basic code of another class is
     * a question for the spec's author. */
    for (size_t i = 0; i < entry->basic_count; i++) {
        int class = entry->basic[i] / 100;
        if (spec_find_code(imp->spec, entry->basic[i]) && !(code->classes & 1u << class)) {
            imp->conflict_count++;
            buffer_printf(&imp->conflicts,
                          "  X.%d.%d basic codes: the registry adds %d, of class %d, which the entry's classes leave "
                          "out; edit it by hand (",
                          code->subject, code->detail, entry->basic[i], class);
            where(imp, &imp->conflicts, place->first_line, 0);
            buffer_append_string(&imp->conflicts, ")\n");
            return;
        }
    }
    const struct value *basic_node = value_map_get(place->node, "basic");
    const struct value *registry_node = value_map_get(place->node, "registry_basic");
    if (imp->text.bytes[spec_text_offset(&imp->text, &basic_node->at)] != '['
        || (registry_node && imp->text.bytes[spec_text_offset(&imp->text, &registry_node->at)] != '[')) {
        imp->conflict_count++;
        buffer_printf(&imp->conflicts, "  X.%d.%d basic codes: not a [list] on its line; edit it by hand (",
                      code->subject, code->detail);
        where(imp, &imp->conflicts, basic_node->at.line, basic_node->at.column);
        buffer_append_string(&imp->conflicts, ")\n");
        return;
    }
    imp->change_count++;
    buffer_printf(&imp->changes, "  X.%d.%d basic codes: ", code->subject, code->detail);
    append_code_list(&imp->changes, old, old_count, "none");
    buffer_append_string(&imp->changes, " -> ");
    append_code_list(&imp->changes, entry->basic, entry->basic_count, "none");
    buffer_append_string(&imp->changes, " (");
    where(imp, &imp->changes, basic_node->at.line, basic_node->at.column);
    buffer_append_string(&imp->changes, ")\n");
    struct buffer basic, registry_basic;
    buffer_init(&basic);
    buffer_init(&registry_basic);
    split_basic(imp, entry, &basic, &registry_basic);
    replace_value(imp, place, "basic", basic.data);
    if (registry_node) {
        replace_value(imp, place, "registry_basic", registry_basic.data);
    } else if (registry_basic.length > 2) {
        struct buffer line;
        buffer_init(&line);
        buffer_printf(&line, "%*sregistry_basic: %s\n", (int)place->key_indent, "", registry_basic.data);
        insert_after(imp, spec_text_block_end(&imp->text, basic_node->at.line, place->key_indent), line.data);
        buffer_free(&line);
    }
    buffer_free(&basic);
    buffer_free(&registry_basic);
}

static void update_refs(struct import *imp, const struct place *place, const struct registry_entry *entry)
{
    const struct spec_enhanced_code *code = place->code;
    const struct value *refs = value_map_get(place->node, "refs");
    if (place->comment_line || refs->kind != VALUE_LIST || refs->count == 0
        || imp->text.bytes[spec_text_offset(&imp->text, &refs->at)] == '[') {
        conflict_start(imp, place, "references");
        buffer_append_string(&imp->conflicts, "the registry also cites");
        for (size_t i = 0; i < entry->ref_count; i++)
            if (!cites(code, entry->refs[i]))
                buffer_printf(&imp->conflicts, " %s", entry->refs[i]);
        if (place->comment_line)
            conflict_end(imp, place);
        else
            buffer_append_string(&imp->conflicts, "; refs is not a block list: edit it by hand\n");
        return;
    }
    const struct value *last = refs->items[refs->count - 1];
    unsigned dash_indent = spec_text_indent(&imp->text, last->at.line);
    struct buffer lines;
    buffer_init(&lines);
    imp->change_count++;
    buffer_printf(&imp->changes, "  X.%d.%d references: adds", code->subject, code->detail);
    for (size_t i = 0; i < entry->ref_count; i++) {
        if (cites(code, entry->refs[i]))
            continue;
        if (!ensure_reference(imp, entry->refs[i])) {
            buffer_printf(&imp->conflicts, "  X.%d.%d references: %s is in no entry of references; add it by hand\n",
                          code->subject, code->detail, entry->refs[i]);
            imp->conflict_count++;
            continue;
        }
        buffer_printf(&imp->changes, " %s", entry->refs[i]);
        buffer_printf(&lines, "%*s- {ref: %s}\n", (int)dash_indent, "", entry->refs[i]);
    }
    buffer_append_string(&imp->changes, " (");
    where(imp, &imp->changes, refs->at.line, refs->at.column);
    buffer_append_string(&imp->changes, ")\n");
    if (lines.length)
        insert_after(imp, spec_text_block_end(&imp->text, last->at.line, dash_indent), lines.data);
    buffer_free(&lines);
}

static void compare_entry(struct import *imp, const struct place *place, const struct registry_entry *entry)
{
    const struct spec_enhanced_code *code = place->code;
    if (!same_words(code->text, entry->text))
        update_text(imp, place, entry);
    int *old = xmalloc((code->basic.count + code->registry_basic_count + 1) * sizeof *old);
    size_t old_count = spec_basic(code, old);
    if (old_count != entry->basic_count || (old_count && memcmp(old, entry->basic, old_count * sizeof *old) != 0))
        update_basic(imp, place, entry, old, old_count);
    free(old);
    bool cites_all = true;
    for (size_t i = 0; i < entry->ref_count; i++)
        cites_all = cites_all && cites(code, entry->refs[i]);
    if (!cites_all)
        update_refs(imp, place, entry);
}

/* ---- new entries ---- */

static bool name_taken(const struct import *imp, const char *name)
{
    for (size_t i = 0; i < imp->spec->enhanced->code_count; i++)
        if (strcmp(imp->spec->enhanced->codes[i].name, name) == 0)
            return true;
    for (size_t i = 0; i < imp->new_name_count; i++)
        if (strcmp(imp->new_names[i], name) == 0)
            return true;
    return false;
}

/* A C name from the sample text: "Mail flood detected" -> mail_flood_detected,
 * at most 48 bytes, ending at a word; made unique with the code's numbers. */
static char *new_name(struct import *imp, const struct registry_entry *entry)
{
    struct buffer name;
    buffer_init(&name);
    bool underscore = false;
    for (const char *c = entry->text; *c && name.length < 48; c++) {
        if (isalnum((unsigned char)*c) && (unsigned char)*c < 0x80) {
            if (underscore && name.length)
                buffer_append_char(&name, '_');
            underscore = false;
            buffer_append_char(&name, (char)tolower((unsigned char)*c));
        } else if (*c != '\'') { /* "sender's" -> senders */
            underscore = true;
        }
    }
    if (name.length >= 48 && strrchr(name.data, '_'))
        name.length = (size_t)(strrchr(name.data, '_') - name.data);
    if (name.length == 0 || isdigit((unsigned char)name.data[0])) {
        buffer_free(&name);
        buffer_printf(&name, "x_%d_%d", entry->subject, entry->detail);
    }
    name.data[name.length] = '\0';
    if (name_taken(imp, name.data))
        buffer_printf(&name, "_x_%d_%d", entry->subject, entry->detail);
    char *taken = buffer_take(&name, NULL);
    imp->new_names = xrealloc(imp->new_names, (imp->new_name_count + 1) * sizeof *imp->new_names);
    imp->new_names[imp->new_name_count++] = taken;
    return taken;
}

/* The classes of a new entry: those of its basic codes and "4XX"
 * wildcards that the spec has, else every class the spec has. */
static unsigned new_classes(const struct import *imp, const struct registry_entry *entry)
{
    unsigned known = 0, classes = entry->class_hints;
    for (size_t i = 0; i < imp->spec->enhanced->class_count; i++)
        known |= 1u << imp->spec->enhanced->classes[i].number;
    for (size_t i = 0; i < entry->basic_count; i++)
        classes |= 1u << (entry->basic[i] / 100);
    return classes & known ? classes & known : known;
}

static void append_folded(struct buffer *out, const char *text, unsigned indent)
{
    size_t column = 0;
    for (const char *word = text; *word;) {
        size_t length = strcspn(word, " ");
        if (column && column + 1 + length > WRAP_COLUMN) {
            buffer_append_char(out, '\n');
            column = 0;
        }
        if (column == 0) {
            buffer_printf(out, "%*s", (int)indent, "");
            column = indent;
        } else {
            buffer_append_char(out, ' ');
            column++;
        }
        buffer_append(out, word, length);
        column += length;
        word += length;
        while (*word == ' ')
            word++;
    }
    buffer_append_char(out, '\n');
}

/* The entry after which a new one goes: the last one of a lower number
 * that stays. */
static const struct place *predecessor(const struct import *imp, const struct registry_entry *entry)
{
    for (size_t below = places_below(imp, entry->subject, entry->detail); below > 0; below--)
        if (!imp->by_number[below - 1]->gone)
            return imp->by_number[below - 1];
    return NULL;
}

static void add_entry(struct import *imp, const struct registry_entry *entry)
{
    const struct place *after = predecessor(imp, entry);
    const char *why = NULL;
    if (!after)
        why = "no entry of a lower number to put it after";
    else if (!spec_find_entry(imp->spec->enhanced->subjects, imp->spec->enhanced->subject_count, entry->subject))
        why = "its subject is not among the spec's subjects";
    else if (entry->text[0] == '\0')
        why = "the registry gives no sample text";
    else if (entry->ref_count == 0)
        why = "the registry cites no document, and refs may not be empty";
    for (size_t i = 0; i < entry->ref_count && !why; i++)
        if (!has_reference(imp, entry->refs[i]) && !rfc_number(entry->refs[i]))
            why = "it cites a document that is in no entry of references";
    if (why) {
        imp->conflict_count++;
        buffer_printf(&imp->conflicts, "  X.%d.%d is new, \"%s\"; %s: write its entry by hand\n", entry->subject,
                      entry->detail, entry->text, why);
        return;
    }
    for (size_t i = 0; i < entry->ref_count; i++)
        ensure_reference(imp, entry->refs[i]);
    const char *name = new_name(imp, entry);
    unsigned key = after->key_indent;
    struct buffer lines;
    buffer_init(&lines);
    buffer_printf(&lines, "\n%*s- code: X.%d.%d\n%*sname: %s\n%*stext: ", (int)after->dash_indent, "", entry->subject,
                  entry->detail, (int)key, "", name, (int)key, "");
    spec_text_append_quoted(&lines, entry->text);
    buffer_printf(&lines, "\n%*sdescription: >-\n", (int)key, "");
    append_folded(&lines, entry->description[0] ? entry->description : entry->text, key + 2);
    buffer_printf(&lines, "%*sclasses: [", (int)key, "");
    unsigned classes = new_classes(imp, entry);
    const char *separator = "";
    for (int class = 0; class < 10; class ++)
        if (classes & 1u << class) {
            buffer_printf(&lines, "%s%d", separator, class);
            separator = ", ";
        }
    struct buffer basic, registry_basic;
    buffer_init(&basic);
    buffer_init(&registry_basic);
    split_basic(imp, entry, &basic, &registry_basic);
    buffer_printf(&lines, "]\n%*sbasic: %s\n", (int)key, "", basic.data);
    if (registry_basic.length > 2)
        buffer_printf(&lines, "%*sregistry_basic: %s\n", (int)key, "", registry_basic.data);
    buffer_printf(&lines, "%*srefs:\n", (int)key, "");
    for (size_t i = 0; i < entry->ref_count; i++)
        buffer_printf(&lines, "%*s- {ref: %s}\n", (int)key + 2, "", entry->refs[i]);
    buffer_free(&basic);
    buffer_free(&registry_basic);

    imp->new_count++;
    buffer_printf(&imp->news, "  X.%d.%d \"%s\", as %s (after X.%d.%d, ", entry->subject, entry->detail, entry->text,
                  name, after->code->subject, after->code->detail);
    where(imp, &imp->news, after->last_line, 0);
    buffer_append_string(&imp->news, ")\n");
    insert_after(imp, after->last_line, lines.data);
    buffer_free(&lines);
}

/* ---- entries gone from the registry ---- */

static void remove_entry(struct import *imp, const struct place *place)
{
    const struct spec_enhanced_code *code = place->code;
    if (place->comment_line) {
        conflict_start(imp, place, "is gone from the registry");
        buffer_append_string(&imp->conflicts, "the spec keeps it");
        conflict_end(imp, place);
        return;
    }
    imp->gone_count++;
    buffer_printf(&imp->gone, "  X.%d.%d %s (", code->subject, code->detail, code->name);
    where(imp, &imp->gone, place->first_line, place->key_indent + 1);
    buffer_append_string(&imp->gone, "): removed from the spec, a change --baseline refuses\n");
    /* The entry's lines and the blank line that parts it from the one
     * before (or, for the first, from the one after). */
    unsigned first = place->first_line, last = place->last_line;
    if (first > 1 && spec_text_blank(&imp->text, first - 1))
        first--;
    else if (last < imp->text.line_count && spec_text_blank(&imp->text, last + 1))
        last++;
    spec_edits_add(&imp->edits, spec_text_line_start(&imp->text, first), spec_text_line_start(&imp->text, last + 1),
                   "");
    buffer_printf(&imp->paste, "%s:%u-%u: delete these lines\n", imp->spec_path, first, last);
}

/* ---- the whole update ---- */

static void compare_all(struct import *imp)
{
    for (size_t i = 0; i < imp->place_count; i++) {
        struct place *place = &imp->places[i];
        place->gone = !registry_find(imp->registry, place->code->subject, place->code->detail) && !place->comment_line;
    }
    for (size_t i = 0; i < imp->registry->count; i++) {
        const struct registry_entry *entry = &imp->registry->entries[i];
        const struct place *place = find_place(imp, entry->subject, entry->detail);
        if (place)
            compare_entry(imp, place, entry);
        else
            add_entry(imp, entry);
    }
    for (size_t i = 0; i < imp->place_count; i++)
        if (!registry_find(imp->registry, imp->places[i].code->subject, imp->places[i].code->detail))
            remove_entry(imp, &imp->places[i]);
}

static void write_report(const struct import *imp, const char *registry_path, bool write, struct buffer *report)
{
    buffer_printf(report, "%s against %s: %u new, %u changed, %u gone, %u conflict%s\n", registry_path, imp->spec_path,
                  imp->new_count, imp->change_count, imp->gone_count, imp->conflict_count,
                  imp->conflict_count == 1 ? "" : "s");
    if (imp->new_count)
        buffer_printf(report, "new:\n%s", imp->news.data);
    if (imp->change_count)
        buffer_printf(report, "changed:\n%s", imp->changes.data);
    if (imp->gone_count)
        buffer_printf(report, "gone:\n%s", imp->gone.data);
    if (imp->added_reference_count)
        buffer_printf(report, "new references:\n%s", imp->new_references.data);
    if (imp->conflict_count)
        buffer_printf(report, "conflicts, kept as the spec has them:\n%s", imp->conflicts.data);
    if (!write && imp->edits.count)
        buffer_printf(report, "\nThe update, at lines of %s as it is now (or run again with --write):\n%s",
                      imp->spec_path, imp->paste.data);
    else if (imp->edits.count == 0)
        buffer_append_string(report, "Nothing to change in the spec.\n");
}

/* Check the edited spec, then put it in place of the old one. */
static int write_spec(const char *spec_path, const struct buffer *updated, bool quiet, struct buffer *report,
                      struct diag *diag)
{
    struct pipeline_spec check;
    int status = pipeline_load_bytes(spec_path, updated->data, updated->length, &yaml_default_limits, &check, diag);
    pipeline_spec_free(&check);
    if (status != 0) {
        diag_error(diag, NULL, "the updated spec does not check; %s is left as it was", spec_path);
        return -1;
    }
    const char *slash = strrchr(spec_path, '/');
    char *dir = slash ? xstrndup(spec_path, (size_t)(slash - spec_path) + (slash == spec_path)) : xstrdup(".");
    char *name = xstrdup(slash ? slash + 1 : spec_path);
    struct replace update;
    status = replace_begin(&update, dir, &name, 1, diag);
    if (status == 0)
        status = replace_stage(&update, 0, updated->data, updated->length, diag);
    if (status == 0)
        status = replace_commit(&update, 0, diag);
    replace_end(&update);
    if (status == 0 && !quiet)
        buffer_printf(report, "wrote %s\n", spec_path);
    free(name);
    free(dir);
    return status;
}

int registry_import(const char *registry_path, const char *spec_path, bool write, bool quiet, struct buffer *report,
                    struct diag *diag)
{
    struct registry registry;
    int status = registry_read(registry_path, &registry, diag);
    struct buffer bytes;
    buffer_init(&bytes);
    int error = file_read(spec_path, yaml_default_limits.max_bytes, &bytes);
    if (error) {
        diag_error(diag, &(struct mark){ spec_path, 0, 0 }, "cannot read the spec: %s", file_error_text(error));
        registry_free(&registry);
        return -1;
    }
    const char *data = bytes.data ? bytes.data : "";
    struct pipeline_spec loaded;
    if (pipeline_load_bytes(spec_path, data, bytes.length, &yaml_default_limits, &loaded, diag) != 0)
        status = -1;
    struct import imp = { .spec_path = spec_path, .spec = &loaded.spec, .registry = &registry };
    spec_text_init(&imp.text, data, bytes.length);
    struct buffer *sections[] = { &imp.news, &imp.changes, &imp.gone, &imp.conflicts, &imp.paste, &imp.new_references };
    for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
        buffer_init(sections[i]);
    struct value *root = NULL;
    if (status == 0
        && yaml_tree_load_bytes(&loaded.arena, spec_path, data, bytes.length, &yaml_default_limits, &root, NULL, diag)
            != 0)
        status = -1;
    if (status == 0)
        status = find_places(&imp, root, diag);
    if (status == 0) {
        compare_all(&imp);
        write_report(&imp, registry_path, write, report);
        if (write && imp.edits.count) {
            struct buffer updated;
            buffer_init(&updated);
            spec_edits_apply(&imp.text, &imp.edits, &updated);
            status = write_spec(spec_path, &updated, quiet, report, diag);
            buffer_free(&updated);
        }
    }
    for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
        buffer_free(sections[i]);
    for (size_t i = 0; i < imp.added_reference_count; i++)
        free(imp.added_references[i]);
    free(imp.added_references);
    for (size_t i = 0; i < imp.new_name_count; i++)
        free(imp.new_names[i]);
    free(imp.new_names);
    free(imp.places);
    free(imp.by_number);
    spec_edits_free(&imp.edits);
    spec_text_free(&imp.text);
    pipeline_spec_free(&loaded);
    buffer_free(&bytes);
    registry_free(&registry);
    return status;
}
