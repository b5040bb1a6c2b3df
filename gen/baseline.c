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
                           "code %d (%s) was renumbered to %d, and its class changed from %s to %s", old->code,
                           old->name, same_name->code, old_class, new_class);
            else
                diag_error(c->diag, &same_name->at, "code %d (%s) was renumbered to %d", old->code, old->name,
                           same_name->code);
        } else if (!same_number) {
            diag_error(c->diag, &old->at, "code %d (%s) was removed", old->code, old->name);
        } else if (strcmp(old->name, same_number->name) != 0) {
            diag_error(c->diag, &same_number->at, "code %d was renamed from %s to %s%s", old->code, old->name,
                       same_number->name,
                       same_number->deprecated || old->deprecated ? " (a deprecated code keeps its name)" : "");
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
