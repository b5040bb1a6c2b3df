/* spec_diff.c: replygen diff OLD NEW. Entries are matched as gen/baseline.c
 * matches them (codes and enhanced codes by number, a name found on
 * another number being a renumbering; commands by name, a new name with
 * an old verb being a rename; digits, classes and subjects by number),
 * and each change is written twice, as plain text and as Markdown. Which
 * changes --baseline refuses is not decided here: baseline_compare() runs
 * on the same two specs, and a change is marked when one of its refusals
 * stands at the change's place (the old entry's or the new one's). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "spec_diff.h"

#include "baseline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum section {
    SECTION_PROTOCOL,
    SECTION_FIRST_DIGITS,
    SECTION_SECOND_DIGITS,
    SECTION_CODES,
    SECTION_COMMANDS,
    SECTION_ENHANCED_CLASSES,
    SECTION_ENHANCED_SUBJECTS,
    SECTION_ENHANCED_CODES,
    SECTION_COUNT
};

static const char *const section_titles[SECTION_COUNT] = {
    "protocol", "first digits",     "second digits",     "codes",
    "commands", "enhanced classes", "enhanced subjects", "enhanced codes",
};

struct change {
    enum section section;
    struct buffer text;     /* plain */
    struct buffer markdown; /* the same words, names as code, text escaped */
    struct mark old_at, new_at;
    bool refused;
};

/* One error baseline_compare() printed: its place and message. */
struct refusal {
    char *file;
    unsigned line, column;
    const char *message;
    bool explained; /* some change stands at its place */
};

struct report {
    struct change *changes;
    size_t count;
};

static struct change *add(struct report *r, enum section section, const struct mark *old_at, const struct mark *new_at)
{
    r->changes = xrealloc(r->changes, (r->count + 1) * sizeof *r->changes);
    struct change *c = &r->changes[r->count++];
    *c = (struct change){ .section = section };
    buffer_init(&c->text);
    buffer_init(&c->markdown);
    if (old_at)
        c->old_at = *old_at;
    if (new_at)
        c->new_at = *new_at;
    return c;
}

/* Words, the same in both forms. */
static void words(struct change *c, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void words(struct change *c, const char *format, ...)
{
    char small[256];
    va_list args, again;
    va_start(args, format);
    va_copy(again, args);
    int length = vsnprintf(small, sizeof small, format, args);
    char *text = small;
    if (length >= (int)sizeof small) { /* a message of --baseline quoting two long names */
        text = xmalloc((size_t)length + 1);
        vsnprintf(text, (size_t)length + 1, format, again);
    }
    va_end(again);
    va_end(args);
    buffer_append_string(&c->text, text);
    buffer_append_string(&c->markdown, text);
    if (text != small)
        free(text);
}

/* A name of the spec (a C identifier, a verb): as code in Markdown. */
static void name(struct change *c, const char *identifier)
{
    buffer_append_string(&c->text, identifier);
    buffer_printf(&c->markdown, "`%s`", identifier);
}

/* A text of the spec, in quotes; Markdown's special characters escaped. */
static void quoted(struct change *c, const char *text)
{
    buffer_printf(&c->text, "\"%s\"", text);
    buffer_append_char(&c->markdown, '"');
    for (const char *p = text; *p; p++) {
        if (strchr("\\`*_{}[]<>()#+-.!|~", *p))
            buffer_append_char(&c->markdown, '\\');
        buffer_append_char(&c->markdown, *p);
    }
    buffer_append_char(&c->markdown, '"');
}

static void changed_text(struct change *c, const char *what, const char *old_text, const char *new_text)
{
    words(c, "%s changed from ", what);
    quoted(c, old_text);
    words(c, " to ");
    quoted(c, new_text);
}

/* ---- numbered entries: digits, enhanced classes and subjects ---- */

static void diff_entries(struct report *r, enum section section, const char *what, const struct spec_entry *old_table,
                         size_t old_count, const struct spec_entry *new_table, size_t new_count)
{
    for (size_t i = 0; i < old_count; i++) {
        const struct spec_entry *old = &old_table[i];
        const struct spec_entry *new = spec_find_entry(new_table, new_count, old->number);
        if (!new) {
            struct change *c = add(r, section, &old->at, NULL);
            words(c, "%s %d (", what, old->number);
            name(c, old->name);
            words(c, "): removed");
            continue;
        }
        if (strcmp(old->name, new->name) != 0) {
            struct change *c = add(r, section, &old->at, &new->at);
            words(c, "%s %d: renamed from ", what, old->number);
            name(c, old->name);
            words(c, " to ");
            name(c, new->name);
        }
        if (strcmp(old->title, new->title) != 0) {
            struct change *c = add(r, section, &old->at, &new->at);
            words(c, "%s %d (", what, new->number);
            name(c, new->name);
            words(c, "): ");
            changed_text(c, "title", old->title, new->title);
        }
    }
    for (size_t i = 0; i < new_count; i++) {
        const struct spec_entry *new = &new_table[i];
        if (spec_find_entry(old_table, old_count, new->number))
            continue;
        struct change *c = add(r, section, NULL, &new->at);
        words(c, "%s %d (", what, new->number);
        name(c, new->name);
        words(c, "): added, ");
        quoted(c, new->title);
    }
}

/* ---- codes ---- */

static const struct spec_code *find_code_named(const struct spec *spec, const char *code_name)
{
    for (size_t i = 0; i < spec->code_count; i++)
        if (strcmp(spec->codes[i].name, code_name) == 0)
            return &spec->codes[i];
    return NULL;
}

static void code_label(struct change *c, int code, const char *code_name)
{
    words(c, "code %d (", code);
    name(c, code_name);
    words(c, "): ");
}

/* What old became in the new spec: the code with its name on another
 * number (renumbered), else the code of its number; NULL: removed. */
static const struct spec_code *code_partner(const struct spec *new_spec, const struct spec_code *old)
{
    const struct spec_code *same_name = find_code_named(new_spec, old->name);
    if (same_name && same_name->code != old->code)
        return same_name;
    return spec_find_code(new_spec, old->code);
}

static void diff_code_pair(struct report *r, const struct spec_code *old, const struct spec_code *new)
{
    bool class_changed = strcmp(old->first_digit->name, new->first_digit->name) != 0;
    if (old->code != new->code || strcmp(old->name, new->name) != 0 || class_changed) {
        struct change *c = add(r, SECTION_CODES, &old->at, &new->at);
        if (old->code != new->code) {
            code_label(c, old->code, old->name);
            words(c, "renumbered to %d", new->code);
        } else if (strcmp(old->name, new->name) != 0) {
            words(c, "code %d: renamed from ", old->code);
            name(c, old->name);
            words(c, " to ");
            name(c, new->name);
        } else {
            code_label(c, new->code, new->name);
        }
        if (class_changed) {
            words(c, "%sclass changed from ", old->code != new->code || strcmp(old->name, new->name) != 0 ? ", " : "");
            name(c, old->first_digit->name);
            words(c, " to ");
            name(c, new->first_digit->name);
        }
    }
    if (strcmp(old->text, new->text) != 0) {
        struct change *c = add(r, SECTION_CODES, &old->at, &new->at);
        code_label(c, new->code, new->name);
        changed_text(c, "text", old->text, new->text);
    }
    if (old->status != new->status) {
        struct change *c = add(r, SECTION_CODES, &old->at, &new->at);
        code_label(c, new->code, new->name);
        words(c, "status changed from %s to %s", spec_status_name(old->status), spec_status_name(new->status));
    }
    if (old->deprecated != new->deprecated) {
        struct change *c = add(r, SECTION_CODES, &old->at, &new->at);
        code_label(c, new->code, new->name);
        words(c, "%s", new->deprecated ? "deprecated" : "no longer deprecated");
    }
}

static void diff_codes(struct report *r, const struct spec *old_spec, const struct spec *new_spec)
{
    bool *taken = xcalloc(new_spec->code_count + 1, sizeof *taken); /* a new code some old one became */
    for (size_t i = 0; i < old_spec->code_count; i++) {
        const struct spec_code *old = &old_spec->codes[i];
        const struct spec_code *new = code_partner(new_spec, old);
        if (new) {
            taken[new - new_spec->codes] = true;
            diff_code_pair(r, old, new);
        } else {
            struct change *c = add(r, SECTION_CODES, &old->at, NULL);
            code_label(c, old->code, old->name);
            words(c, "removed");
        }
    }
    for (size_t i = 0; i < new_spec->code_count; i++) {
        const struct spec_code *new = &new_spec->codes[i];
        if (taken[i])
            continue;
        struct change *c = add(r, SECTION_CODES, NULL, &new->at);
        code_label(c, new->code, new->name);
        words(c, "added, ");
        quoted(c, new->text);
    }
    free(taken);
}

/* ---- commands ---- */

static const struct spec_command *find_command(const struct spec *spec, const char *command_name)
{
    for (size_t i = 0; i < spec->command_count; i++)
        if (strcmp(spec->commands[i].name, command_name) == 0)
            return &spec->commands[i];
    return NULL;
}

/* The new command that old became under another name: the old verb, a
 * name the old spec does not have. */
static const struct spec_command *find_renamed(const struct spec *old_spec, const struct spec *new_spec,
                                               const struct spec_command *old)
{
    for (size_t j = 0; j < new_spec->command_count; j++) {
        const struct spec_command *new = &new_spec->commands[j];
        if (strcmp(new->verb, old->verb) == 0 && !find_command(old_spec, new->name))
            return new;
    }
    return NULL;
}

static bool list_has(const struct spec_code_list *list, int code)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i]->code == code)
            return true;
    return false;
}

static void diff_reply_list(struct report *r, const struct spec_command *old, const struct spec_command *new,
                            const char *role, const struct spec_code_list *old_list,
                            const struct spec_code_list *new_list)
{
    bool added = false, removed = false;
    for (size_t i = 0; i < new_list->count; i++)
        added = added || !list_has(old_list, new_list->items[i]->code);
    for (size_t i = 0; i < old_list->count; i++)
        removed = removed || !list_has(new_list, old_list->items[i]->code);
    if (!added && !removed)
        return;
    struct change *c = add(r, SECTION_COMMANDS, &old->at, &new->at);
    words(c, "command ");
    name(c, new->name);
    words(c, ": %s replies:", role);
    const char *separator = "";
    for (int pass = 0; pass < 2; pass++) {
        const struct spec_code_list *from = pass == 0 ? new_list : old_list, *in = pass == 0 ? old_list : new_list;
        bool first = true;
        for (size_t i = 0; i < from->count; i++) {
            if (list_has(in, from->items[i]->code))
                continue;
            if (first)
                words(c, "%s %s", separator, pass == 0 ? "added" : "removed");
            words(c, "%s %d", first ? "" : ",", from->items[i]->code);
            first = false;
            separator = ";";
        }
    }
}

static const struct spec_meaning *find_meaning(const struct spec_command *command, int code)
{
    for (size_t i = 0; i < command->meaning_count; i++)
        if (command->meanings[i].code->code == code)
            return &command->meanings[i];
    return NULL;
}

/* The meanings of its own a command gives codes: added, removed, or with
 * another text. */
static void diff_meanings(struct report *r, const struct spec_command *old, const struct spec_command *new)
{
    for (size_t i = 0; i < old->meaning_count; i++) {
        const struct spec_meaning *was = &old->meanings[i];
        const struct spec_meaning *is = find_meaning(new, was->code->code);
        if (is && strcmp(is->text, was->text) == 0)
            continue;
        struct change *c = add(r, SECTION_COMMANDS, &was->at, is ? &is->at : NULL);
        words(c, "command ");
        name(c, new->name);
        words(c, ": the meaning of its own of %d: ", was->code->code);
        if (is) {
            changed_text(c, "text", was->text, is->text);
        } else {
            quoted(c, was->text);
            words(c, ", removed");
        }
    }
    for (size_t i = 0; i < new->meaning_count; i++) {
        const struct spec_meaning *is = &new->meanings[i];
        if (find_meaning(old, is->code->code))
            continue;
        struct change *c = add(r, SECTION_COMMANDS, NULL, &is->at);
        words(c, "command ");
        name(c, new->name);
        words(c, ": the meaning of its own of %d: ", is->code->code);
        quoted(c, is->text);
        words(c, ", added");
    }
}

static void command_label(struct change *c, const struct spec_command *command)
{
    words(c, "command ");
    name(c, command->name);
    if (command->verb[0]) {
        words(c, " (");
        name(c, command->verb);
        words(c, ")");
    }
}

static void diff_commands(struct report *r, const struct spec *old_spec, const struct spec *new_spec)
{
    bool *taken = xcalloc(new_spec->command_count + 1, sizeof *taken); /* a new command some old one became */
    for (size_t i = 0; i < old_spec->command_count; i++) {
        const struct spec_command *old = &old_spec->commands[i];
        const struct spec_command *new = find_command(new_spec, old->name);
        if (!new) {
            new = find_renamed(old_spec, new_spec, old);
            struct change *c = add(r, SECTION_COMMANDS, &old->at, new ? &new->at : NULL);
            command_label(c, old);
            if (!new) {
                words(c, ": removed");
                continue;
            }
            words(c, ": renamed to ");
            name(c, new->name);
        }
        taken[new - new_spec->commands] = true;
        diff_reply_list(r, old, new, "preliminary", &old->preliminary, &new->preliminary);
        diff_reply_list(r, old, new, "success", &old->success, &new->success);
        diff_reply_list(r, old, new, "intermediate", &old->intermediate, &new->intermediate);
        diff_reply_list(r, old, new, "error", &old->error, &new->error);
        diff_meanings(r, old, new);
    }
    for (size_t i = 0; i < new_spec->command_count; i++) {
        if (taken[i])
            continue;
        struct change *c = add(r, SECTION_COMMANDS, NULL, &new_spec->commands[i].at);
        command_label(c, &new_spec->commands[i]);
        words(c, ": added");
    }
    free(taken);
}

/* ---- enhanced codes ---- */

static const struct spec_enhanced_code *find_enhanced(const struct spec_enhanced *enhanced, int subject, int detail,
                                                      const char *code_name)
{
    for (size_t i = 0; i < enhanced->code_count; i++) {
        const struct spec_enhanced_code *code = &enhanced->codes[i];
        if (code_name ? strcmp(code->name, code_name) == 0 : code->subject == subject && code->detail == detail)
            return code;
    }
    return NULL;
}

static void enhanced_label(struct change *c, const struct spec_enhanced_code *code)
{
    words(c, "enhanced code X.%d.%d (", code->subject, code->detail);
    name(c, code->name);
    words(c, "): ");
}

static void append_classes(struct change *c, unsigned classes)
{
    const char *separator = "[";
    for (int digit = 0; digit < 10; digit++)
        if (classes & 1u << digit) {
            words(c, "%s%d", separator, digit);
            separator = ", ";
        }
    words(c, "]");
}

static void append_codes(struct change *c, const struct spec_code_list *list)
{
    words(c, "[");
    for (size_t i = 0; i < list->count; i++)
        words(c, "%s%d", i ? ", " : "", list->items[i]->code);
    words(c, "]");
}

static bool same_codes(const struct spec_code_list *a, const struct spec_code_list *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (a->items[i]->code != b->items[i]->code)
            return false;
    return true;
}

/* As code_partner(), for an enhanced code. */
static const struct spec_enhanced_code *enhanced_partner(const struct spec_enhanced *new_enhanced,
                                                         const struct spec_enhanced_code *old)
{
    const struct spec_enhanced_code *same_name = find_enhanced(new_enhanced, 0, 0, old->name);
    if (same_name && (same_name->subject != old->subject || same_name->detail != old->detail))
        return same_name;
    return find_enhanced(new_enhanced, old->subject, old->detail, NULL);
}

static void diff_enhanced_pair(struct report *r, const struct spec_enhanced_code *old,
                               const struct spec_enhanced_code *new)
{
    if (old->subject != new->subject || old->detail != new->detail) {
        struct change *c = add(r, SECTION_ENHANCED_CODES, &old->at, &new->at);
        enhanced_label(c, old);
        words(c, "renumbered to X.%d.%d", new->subject, new->detail);
    } else if (strcmp(old->name, new->name) != 0) {
        struct change *c = add(r, SECTION_ENHANCED_CODES, &old->at, &new->at);
        words(c, "enhanced code X.%d.%d: renamed from ", old->subject, old->detail);
        name(c, old->name);
        words(c, " to ");
        name(c, new->name);
    }
    if (strcmp(old->text, new->text) != 0) {
        struct change *c = add(r, SECTION_ENHANCED_CODES, &old->at, &new->at);
        enhanced_label(c, new);
        changed_text(c, "text", old->text, new->text);
    }
    if (old->classes != new->classes) {
        struct change *c = add(r, SECTION_ENHANCED_CODES, &old->at, &new->at);
        enhanced_label(c, new);
        words(c, "classes changed from ");
        append_classes(c, old->classes);
        words(c, " to ");
        append_classes(c, new->classes);
    }
    if (!same_codes(&old->basic, &new->basic)) {
        struct change *c = add(r, SECTION_ENHANCED_CODES, &old->at, &new->at);
        enhanced_label(c, new);
        words(c, "basic codes changed from ");
        append_codes(c, &old->basic);
        words(c, " to ");
        append_codes(c, &new->basic);
    }
}

static void diff_enhanced_codes(struct report *r, const struct spec_enhanced *old_enhanced,
                                const struct spec_enhanced *new_enhanced)
{
    bool *taken = xcalloc(new_enhanced->code_count + 1, sizeof *taken);
    for (size_t i = 0; i < old_enhanced->code_count; i++) {
        const struct spec_enhanced_code *old = &old_enhanced->codes[i];
        const struct spec_enhanced_code *new = enhanced_partner(new_enhanced, old);
        if (new) {
            taken[new - new_enhanced->codes] = true;
            diff_enhanced_pair(r, old, new);
        } else {
            struct change *c = add(r, SECTION_ENHANCED_CODES, &old->at, NULL);
            enhanced_label(c, old);
            words(c, "removed");
        }
    }
    for (size_t i = 0; i < new_enhanced->code_count; i++) {
        const struct spec_enhanced_code *new = &new_enhanced->codes[i];
        if (taken[i])
            continue;
        struct change *c = add(r, SECTION_ENHANCED_CODES, NULL, &new->at);
        enhanced_label(c, new);
        words(c, "added, ");
        quoted(c, new->text);
    }
    free(taken);
}

static void diff_enhanced(struct report *r, const struct spec *old_spec, const struct spec *new_spec)
{
    const struct spec_enhanced *old = old_spec->enhanced, *new = new_spec->enhanced;
    static const struct spec_enhanced none;
    if (old && !new) {
        /* One change, as --baseline reports it: the whole section went. */
        struct change *c = add(r, SECTION_ENHANCED_CODES, &old->at, NULL);
        words(c, "the enhanced status codes: removed");
        return;
    }
    if (!old)
        old = &none;
    if (!new)
        new = &none;
    diff_entries(r, SECTION_ENHANCED_CLASSES, "enhanced class", old->classes, old->class_count, new->classes,
                 new->class_count);
    diff_entries(r, SECTION_ENHANCED_SUBJECTS, "enhanced subject", old->subjects, old->subject_count, new->subjects,
                 new->subject_count);
    diff_enhanced_codes(r, old, new);
}

/* ---- what --baseline refuses ---- */

/* Run baseline_compare() and read back what it printed, one refusal a
 * line: "FILE:LINE:COL: error: MESSAGE". */
static struct refusal *collect_refusals(const struct spec *old_spec, const struct spec *new_spec, char **printed,
                                        size_t *count)
{
    size_t size = 0;
    *printed = NULL;
    FILE *stream = open_memstream(printed, &size);
    if (!stream) {
        perror("replygen: open_memstream");
        exit(1);
    }
    struct diag diag;
    diag_init(&diag, stream);
    baseline_compare(old_spec, new_spec, &diag);
    fclose(stream);
    struct refusal *refusals = NULL;
    *count = 0;
    static const char separator[] = ": error: ";
    for (char *line = *printed; line && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        char *error = strstr(line, separator);
        if (error) {
            refusals = xrealloc(refusals, (*count + 1) * sizeof *refusals);
            struct refusal *refusal = &refusals[(*count)++];
            *refusal = (struct refusal){ .message = error + sizeof separator - 1 };
            *error = '\0';
            /* The place ends in :LINE:COL, read from the right. */
            char *column = strrchr(line, ':');
            char *line_number = column ? (*column = '\0', strrchr(line, ':')) : NULL;
            if (line_number) {
                *line_number = '\0';
                refusal->line = (unsigned)strtoul(line_number + 1, NULL, 10);
                refusal->column = (unsigned)strtoul(column + 1, NULL, 10);
            }
            refusal->file = line;
        }
        line = end ? end + 1 : NULL;
    }
    return refusals;
}

static bool at(const struct mark *mark, const struct refusal *refusal)
{
    return mark->file && refusal->line && strcmp(mark->file, refusal->file) == 0 && mark->line == refusal->line
        && mark->column == refusal->column;
}

static unsigned mark_refused(struct report *r, struct refusal *refusals, size_t refusal_count)
{
    unsigned refused = 0;
    /* A refusal marks the first change at its place not marked yet: an
     * entry's removal, rename or renumbering comes before its other
     * changes, and several entries renamed to one place are one each. */
    for (size_t i = 0; i < refusal_count; i++) {
        for (size_t j = 0; j < r->count && !refusals[i].explained; j++) {
            struct change *c = &r->changes[j];
            if (!c->refused && (at(&c->old_at, &refusals[i]) || at(&c->new_at, &refusals[i]))) {
                c->refused = true;
                refusals[i].explained = true;
            }
        }
        if (!refusals[i].explained) {
            struct change *c = add(r, SECTION_PROTOCOL, NULL, NULL);
            words(c, "%s", refusals[i].message);
            c->refused = true;
        }
    }
    for (size_t j = 0; j < r->count; j++)
        refused += r->changes[j].refused;
    return refused;
}

/* ---- the report ---- */

static void write_report(const struct report *r, const char *old_name, const char *new_name,
                         enum spec_diff_format format, unsigned refused, struct buffer *out)
{
    bool markdown = format == SPEC_DIFF_MARKDOWN;
    if (markdown)
        buffer_printf(out, "## Changes from `%s` to `%s`\n", old_name, new_name);
    else
        buffer_printf(out, "Changes from %s to %s\n", old_name, new_name);
    for (int section = 0; section < SECTION_COUNT; section++) {
        bool first = true;
        for (size_t i = 0; i < r->count; i++) {
            const struct change *c = &r->changes[i];
            if ((int)c->section != section)
                continue;
            if (first)
                buffer_printf(out, markdown ? "\n### %s\n\n" : "\n%s:\n", section_titles[section]);
            first = false;
            buffer_printf(out, "- %s", markdown ? c->markdown.data : c->text.data);
            if (c->refused)
                buffer_append_string(out, markdown ? " **(refused by `--baseline`)**" : " [refused by --baseline]");
            buffer_append_char(out, '\n');
        }
    }
    if (r->count == 0)
        buffer_append_string(out, "\nNo changes.\n");
    else
        buffer_printf(out, "\n%zu change%s, %u refused by %s.\n", r->count, r->count == 1 ? "" : "s", refused,
                      markdown ? "`--baseline`" : "--baseline");
}

unsigned spec_diff(const struct spec *old_spec, const char *old_name, const struct spec *new_spec, const char *new_name,
                   enum spec_diff_format format, struct buffer *out)
{
    struct report r = { NULL, 0 };
    if (strcmp(old_spec->prefix, new_spec->prefix) != 0) {
        struct change *c = add(&r, SECTION_PROTOCOL, NULL, &new_spec->prefix_at);
        words(c, "prefix changed from ");
        name(c, old_spec->prefix);
        words(c, " to ");
        name(c, new_spec->prefix);
    }
    diff_entries(&r, SECTION_FIRST_DIGITS, "first digit", old_spec->first_digits, old_spec->first_digit_count,
                 new_spec->first_digits, new_spec->first_digit_count);
    diff_entries(&r, SECTION_SECOND_DIGITS, "second digit", old_spec->second_digits, old_spec->second_digit_count,
                 new_spec->second_digits, new_spec->second_digit_count);
    diff_codes(&r, old_spec, new_spec);
    diff_commands(&r, old_spec, new_spec);
    diff_enhanced(&r, old_spec, new_spec);

    char *printed;
    size_t refusal_count;
    struct refusal *refusals = collect_refusals(old_spec, new_spec, &printed, &refusal_count);
    unsigned refused = mark_refused(&r, refusals, refusal_count);
    write_report(&r, old_name, new_name, format, refused, out);

    for (size_t i = 0; i < r.count; i++) {
        buffer_free(&r.changes[i].text);
        buffer_free(&r.changes[i].markdown);
    }
    free(r.changes);
    free(refusals);
    free(printed);
    return refused;
}
