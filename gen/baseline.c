/* baseline.c: replygen --baseline OLD_SPEC SPEC: every change from the old
 * spec to the new one that breaks code built against the old output.
 *
 * The generated C names are the contract: SMTP_REPLY_<code name> holds a
 * number, SMTP_CLASS_<first digit name> and SMTP_CATEGORY_<second digit
 * name> are what the classifiers return, SMTP_COMMAND_<command name>
 * selects a command, SMTP_ENHANCED_CLASS_ / _SUBJECT_ likewise, enhanced
 * codes are looked up by number and name, and the prefix is in every one
 * of them and in the file names. So a name that disappears, or a name
 * whose number changes, breaks its users; texts, descriptions, references
 * and command reply lists may change freely (they change behaviour, not
 * what compiles). A command's meanings are entries too: a program looks
 * one up by command and code (PREFIX_command_reply_lookup()), and one
 * removed turns its answer into NULL; their texts may change freely.
 * Codes are matched by number, commands by name (and by verb, to tell a
 * rename from a removal), digits, enhanced entries and meanings by
 * number. */
#include "baseline.h"

#include <stdbool.h>
#include <string.h>

struct comparison {
    const struct spec *old_spec;
    const struct spec *new_spec;
    struct diag *diag;
};

static void compare_prefix(const struct comparison *c)
{
    if (strcmp(c->old_spec->prefix, c->new_spec->prefix) == 0)
        return;
    diag_error(c->diag, &c->new_spec->prefix_at,
               "protocol prefix changed from %s to %s (every C name and output file name changes)", c->old_spec->prefix,
               c->new_spec->prefix);
}

/* The entries of a numbered table (first or second digits, enhanced
 * classes or subjects): what is a "first digit" or an "enhanced class". */
static void compare_entries(const struct comparison *c, const char *what, const struct spec_entry *old_table,
                            size_t old_count, const struct spec_entry *new_table, size_t new_count)
{
    for (size_t i = 0; i < old_count; i++) {
        const struct spec_entry *old = &old_table[i];
        const struct spec_entry *new = spec_find_entry(new_table, new_count, old->number);
        if (!new)
            diag_error(c->diag, &old->at, "%s %d (%s) was removed", what, old->number, old->name);
        else if (strcmp(old->name, new->name) != 0)
            diag_error(c->diag, &new->at, "%s %d was renamed from %s to %s", what, old->number, old->name, new->name);
    }
}

static const struct spec_code *find_code_named(const struct spec *spec, const char *name)
{
    for (size_t i = 0; i < spec->code_count; i++)
        if (strcmp(spec->codes[i].name, name) == 0)
            return &spec->codes[i];
    return NULL;
}

/* What to do instead of taking a code away: users' code keeps compiling. */
#define KEEP_CODE "keep code %d as it was, with 'deprecated: true', instead"

static void compare_codes(const struct comparison *c)
{
    for (size_t i = 0; i < c->old_spec->code_count; i++) {
        const struct spec_code *old = &c->old_spec->codes[i];
        const struct spec_code *same_number = spec_find_code(c->new_spec, old->code);
        const struct spec_code *same_name = find_code_named(c->new_spec, old->name);
        if (same_name && same_name->code != old->code) {
            const char *old_class = old->first_digit->name, *new_class = same_name->first_digit->name;
            if (strcmp(old_class, new_class) != 0)
                diag_error(c->diag, &same_name->at,
                           "code %d (%s) was renumbered to %d, and its class changed from %s to %s; " KEEP_CODE,
                           old->code, old->name, same_name->code, old_class, new_class, old->code);
            else
                diag_error(c->diag, &same_name->at, "code %d (%s) was renumbered to %d; " KEEP_CODE, old->code,
                           old->name, same_name->code, old->code);
        } else if (!same_number) {
            diag_error(c->diag, &old->at, "code %d (%s) was removed; " KEEP_CODE, old->code, old->name, old->code);
        } else if (strcmp(old->name, same_number->name) != 0) {
            diag_error(c->diag, &same_number->at, "code %d was renamed from %s to %s%s", old->code, old->name,
                       same_number->name,
                       same_number->deprecated || old->deprecated
                           ? " (a deprecated code keeps its name)"
                           : "; keep its name, with 'deprecated: true' if new code should not use it");
        }
        /* A code's class is its first digit's entry: with the number kept,
         * it changes only when that entry is renamed, reported once there. */
    }
}

static const struct spec_command *find_command(const struct spec *spec, const char *name)
{
    for (size_t i = 0; i < spec->command_count; i++)
        if (strcmp(spec->commands[i].name, name) == 0)
            return &spec->commands[i];
    return NULL;
}

static void compare_commands(const struct comparison *c)
{
    for (size_t i = 0; i < c->old_spec->command_count; i++) {
        const struct spec_command *old = &c->old_spec->commands[i];
        if (find_command(c->new_spec, old->name))
            continue;
        /* A new command with the old one's verb and a name the old spec
         * did not have is the old command renamed. */
        const struct spec_command *renamed = NULL;
        for (size_t j = 0; j < c->new_spec->command_count && !renamed; j++) {
            const struct spec_command *new = &c->new_spec->commands[j];
            if (strcmp(new->verb, old->verb) == 0 && !find_command(c->old_spec, new->name))
                renamed = new;
        }
        const char *open = old->verb[0] ? " (" : "", *close = old->verb[0] ? ")" : "";
        if (renamed)
            diag_error(c->diag, &renamed->at, "command %s%s%s%s was renamed to %s", old->name, open, old->verb, close,
                       renamed->name);
        else
            diag_error(c->diag, &old->at, "command %s%s%s%s was removed", old->name, open, old->verb, close);
    }
}

static bool has_meaning(const struct spec_command *command, int code)
{
    for (size_t i = 0; i < command->meaning_count; i++)
        if (command->meanings[i].code->code == code)
            return true;
    return false;
}

/* The meanings of each command the new spec keeps (a command removed or
 * renamed is reported once, by compare_commands). */
static void compare_meanings(const struct comparison *c)
{
    for (size_t i = 0; i < c->old_spec->command_count; i++) {
        const struct spec_command *old = &c->old_spec->commands[i];
        const struct spec_command *new = find_command(c->new_spec, old->name);
        for (size_t j = 0; new &&j < old->meaning_count; j++) {
            const struct spec_meaning *meaning = &old->meanings[j];
            if (!has_meaning(new, meaning->code->code))
                diag_error(c->diag, &meaning->at, "command %s: the meaning of its own of %d (%s) was removed",
                           old->name, meaning->code->code, meaning->text);
        }
    }
}

static void compare_enhanced_codes(const struct comparison *c)
{
    const struct spec_enhanced *old_enhanced = c->old_spec->enhanced, *new_enhanced = c->new_spec->enhanced;
    for (size_t i = 0; i < old_enhanced->code_count; i++) {
        const struct spec_enhanced_code *old = &old_enhanced->codes[i];
        const struct spec_enhanced_code *same_number = NULL, *same_name = NULL;
        for (size_t j = 0; j < new_enhanced->code_count; j++) {
            const struct spec_enhanced_code *new = &new_enhanced->codes[j];
            if (new->subject == old->subject &&new->detail == old->detail)
                same_number = new;
            if (strcmp(new->name, old->name) == 0)
                same_name = new;
        }
        if (same_name && (same_name->subject != old->subject || same_name->detail != old->detail))
            diag_error(c->diag, &same_name->at, "enhanced code X.%d.%d (%s) was renumbered to X.%d.%d", old->subject,
                       old->detail, old->name, same_name->subject, same_name->detail);
        else if (!same_number)
            diag_error(c->diag, &old->at, "enhanced code X.%d.%d (%s) was removed", old->subject, old->detail,
                       old->name);
        else if (strcmp(old->name, same_number->name) != 0)
            diag_error(c->diag, &same_number->at, "enhanced code X.%d.%d was renamed from %s to %s", old->subject,
                       old->detail, old->name, same_number->name);
    }
}

static void compare_enhanced(const struct comparison *c)
{
    if (!c->old_spec->enhanced)
        return;
    if (!c->new_spec->enhanced) {
        /* One report, not one per entry: the whole section went. */
        diag_error(c->diag, &c->old_spec->enhanced->at, "the enhanced status codes were removed");
        return;
    }
    const struct spec_enhanced *old = c->old_spec->enhanced, *new = c->new_spec->enhanced;
    compare_entries(c, "enhanced class", old->classes, old->class_count, new->classes, new->class_count);
    compare_entries(c, "enhanced subject", old->subjects, old->subject_count, new->subjects, new->subject_count);
    compare_enhanced_codes(c);
}

/* ---- what passed ---- */

/* "2 codes", "1 command"; nothing when count is 0. */
static void append_count(struct buffer *out, size_t count, const char *one, const char *many, bool *first)
{
    if (!count)
        return;
    buffer_printf(out, "%s%zu %s", *first ? "" : ", ", count, count == 1 ? one : many);
    *first = false;
}

static size_t count_new_entries(const struct spec_entry *old_table, size_t old_count,
                                const struct spec_entry *new_table, size_t new_count)
{
    size_t added = 0;
    for (size_t i = 0; i < new_count; i++)
        added += spec_find_entry(old_table, old_count, new_table[i].number) == NULL;
    return added;
}

static size_t count_new_enhanced_codes(const struct spec_enhanced *old, const struct spec_enhanced *new)
{
    size_t added = 0;
    for (size_t i = 0; new &&i < new->code_count; i++) {
        bool found = false;
        for (size_t j = 0; old && j < old->code_count && !found; j++)
            found = old->codes[j].subject == new->codes[i].subject && old->codes[j].detail == new->codes[i].detail;
        added += !found;
    }
    return added;
}

void baseline_describe_pass(const struct spec *old_spec, const struct spec *new_spec, struct buffer *out)
{
    const struct spec_enhanced *old_enhanced = old_spec->enhanced, *new_enhanced = new_spec->enhanced;
    size_t kept_enhanced = old_enhanced ? old_enhanced->code_count : 0;
    buffer_printf(out,
                  "the %zu codes, %zu digits, %zu commands and %zu enhanced codes of %s keep their numbers and "
                  "names in %s",
                  old_spec->code_count, old_spec->first_digit_count + old_spec->second_digit_count,
                  old_spec->command_count, kept_enhanced, old_spec->file, new_spec->file);
    size_t new_codes = 0, deprecated = 0, new_commands = 0;
    for (size_t i = 0; i < new_spec->code_count; i++) {
        const struct spec_code *old = spec_find_code(old_spec, new_spec->codes[i].code);
        new_codes += old == NULL;
        deprecated += old && !old->deprecated && new_spec->codes[i].deprecated;
    }
    for (size_t i = 0; i < new_spec->command_count; i++)
        new_commands += find_command(old_spec, new_spec->commands[i].name) == NULL;
    size_t new_digits = count_new_entries(old_spec->first_digits, old_spec->first_digit_count, new_spec->first_digits,
                                          new_spec->first_digit_count)
        + count_new_entries(old_spec->second_digits, old_spec->second_digit_count, new_spec->second_digits,
                            new_spec->second_digit_count);
    size_t added_enhanced = count_new_enhanced_codes(old_enhanced, new_enhanced);
    bool first = true;
    if (new_codes + new_digits + new_commands + added_enhanced) {
        buffer_append_string(out, "; added: ");
        append_count(out, new_codes, "code", "codes", &first);
        append_count(out, new_digits, "digit", "digits", &first);
        append_count(out, new_commands, "command", "commands", &first);
        append_count(out, added_enhanced, "enhanced code", "enhanced codes", &first);
    }
    if (deprecated)
        buffer_printf(out, "; newly deprecated: %zu code%s", deprecated, deprecated == 1 ? "" : "s");
}

unsigned baseline_compare(const struct spec *old_spec, const struct spec *new_spec, struct diag *diag)
{
    const struct comparison c = { old_spec, new_spec, diag };
    unsigned errors_before = diag->errors;
    compare_prefix(&c);
    compare_entries(&c, "first digit", old_spec->first_digits, old_spec->first_digit_count, new_spec->first_digits,
                    new_spec->first_digit_count);
    compare_entries(&c, "second digit", old_spec->second_digits, old_spec->second_digit_count, new_spec->second_digits,
                    new_spec->second_digit_count);
    compare_codes(&c);
    compare_commands(&c);
    compare_meanings(&c);
    compare_enhanced(&c);
    return diag->errors - errors_before;
}
