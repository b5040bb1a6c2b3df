/* spec_codes.c: the digits, codes and commands sections of a spec. A
 * section reader (spec.h shows the layers): spec_check.c calls it, and it
 * calls only checker.c and spec.c. */
#include "spec_sections.h"

#include <stdlib.h>
#include <string.h>

static const char *const digits_keys[] = { "first", "second", NULL };
static const char *const digit_keys[] = { "digit", "name", "title", "description", "refs", NULL };
static const char *const code_keys[] = { "code",   "name",       "text", "summary", "description",
                                         "status", "deprecated", "refs", NULL };
static const char *const command_keys[] = { "name",  "verb",          "title",    "description",
                                            "refs",  "preliminary",   "success",  "intermediate",
                                            "error", "common_errors", "meanings", NULL };
static const char *const meaning_keys[] = { "code", "text", "description", "refs", NULL };

static bool read_digit(struct checker *checker, const struct value *item, const char *key, int min, bool *declared,
                       const struct checker_entries *table, struct spec_entry *digit)
{
    *digit = (struct spec_entry){ .at = item->at };
    bool valid = checker_int(checker, item, "digit", min, 9, &digit->number);
    if (valid)
        declared[digit->number] = true;
    else /* it may be any digit: no code is reported for lacking it */
        memset(declared, true, 10 * sizeof *declared);
    digit->name = checker_name(checker, item, "name");
    bool texts = checker_entry_texts(checker, item, digit_keys, digit);
    if (digit->name && strcmp(digit->name, "unknown") == 0) {
        checker_error(checker, value_map_get(item, "name"), "'unknown' is reserved for codes outside the table");
        valid = false;
    }
    if (valid
        && !checker_unique(checker, checker_index_find_number(&table->by_number, digit->number), item, "digit",
                           "duplicate digit %d", digit->number))
        valid = false;
    if (digit->name
        && !checker_unique(checker, checker_index_find_name(&table->by_name, digit->name), item, "name",
                           "duplicate name '%s' in digits.%s", digit->name, key))
        valid = false;
    return valid && digit->name && texts;
}

static void read_digit_table(struct checker *checker, const struct value *digits, const char *key, int min,
                             bool *declared, struct spec_entry **out, size_t *count)
{
    const struct value *list = checker_list(checker, digits, key, true);
    if (!list) {
        memset(declared, true, 10 * sizeof *declared); /* no code's digit is reported missing from it */
        return;
    }
    if (list->count == 0)
        checker_error(checker, list, "'%s' must not be empty", key);
    struct checker_entries table;
    checker_entries_start(&table, list->count);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "a digit"))
            continue;
        struct spec_entry digit;
        if (read_digit(checker, item, key, min, declared, &table, &digit))
            checker_entries_add(&table, &digit, value_map_get(item, "digit")->at.line);
        else
            free(digit.refs.items);
    }
    checker_entries_finish(&table, out, count);
}

void spec_check_digits(struct checker *checker, const struct value *root)
{
    const struct value *digits = checker_field(checker, root, "digits", true);
    if (!digits || !checker_is_mapping(checker, digits, "'digits'")) {
        memset(checker->declared_first, true, sizeof checker->declared_first);
        memset(checker->declared_second, true, sizeof checker->declared_second);
        return;
    }
    struct spec *spec = checker->spec;
    read_digit_table(checker, digits, "first", 1, checker->declared_first, &spec->first_digits,
                     &spec->first_digit_count);
    read_digit_table(checker, digits, "second", 0, checker->declared_second, &spec->second_digits,
                     &spec->second_digit_count);
    checker_known_keys(checker, digits, digits_keys);
}

static bool read_status(struct checker *checker, const struct value *item, enum spec_status *status)
{
    const char *text = checker_string(checker, item, "status", true);
    if (!text)
        return false;
    for (int s = SPEC_STATUS_STANDARD; s <= SPEC_STATUS_OBSOLETE; s++)
        if (strcmp(text, spec_status_name((enum spec_status)s)) == 0) {
            *status = (enum spec_status)s;
            return true;
        }
    checker_error(checker, value_map_get(item, "status"), "'status' must be standard, extension or obsolete, not '%s'",
                  text);
    return false;
}

static bool check_code_digits(struct checker *checker, const struct value *item, struct spec_code *code)
{
    const struct spec *spec = checker->spec;
    int first = code->code / 100, second = code->code / 10 % 10;
    const struct value *at = value_map_get(item, "code");
    bool valid = true;
    code->first_digit = spec_find_entry(spec->first_digits, spec->first_digit_count, first);
    code->second_digit = spec_find_entry(spec->second_digits, spec->second_digit_count, second);
    if (!code->first_digit && !checker->declared_first[first]) {
        checker_error(checker, at, "code %d: first digit %d is not in digits.first", code->code, first);
        valid = false;
    }
    if (!code->second_digit && !checker->declared_second[second]) {
        checker_error(checker, at, "code %d: second digit %d is not in digits.second", code->code, second);
        valid = false;
    }
    bool range_known = spec->highest_code != 0 && spec->lowest_code <= spec->highest_code;
    if (valid && range_known && (code->code < spec->lowest_code || code->code > spec->highest_code)) {
        checker_error(checker, at, "code %d is outside the protocol's codes, %d to %d", code->code, spec->lowest_code,
                      spec->highest_code);
        valid = false;
    }
    return valid;
}

static bool read_code(struct checker *checker, const struct value *item, struct spec_code *code)
{
    *code = (struct spec_code){ .at = item->at };
    bool valid = checker_int(checker, item, "code", 100, 999, &code->code);
    if (valid) {
        checker->declared[code->code] = true;
        valid = check_code_digits(checker, item, code);
    } else { /* it may be any code: no list is reported for naming it */
        memset(checker->declared, true, sizeof checker->declared);
    }
    code->name = checker_name(checker, item, "name");
    if (code->name && strcmp(code->name, "count") == 0) {
        checker_error(checker, value_map_get(item, "name"), "'count' is reserved (the generated table size)");
        valid = false;
    }
    code->text = checker_string(checker, item, "text", true);
    code->summary = checker_string(checker, item, "summary", true);
    code->description = checker_string(checker, item, "description", true);
    valid &= read_status(checker, item, &code->status);
    valid &= checker_bool(checker, item, "deprecated", false, &code->deprecated);
    code->refs = checker_citations(checker, item, true);
    checker_known_keys(checker, item, code_keys);
    valid = valid && code->name && code->text && code->summary && code->description;
    if (!valid)
        free(code->refs.items);
    return valid;
}

/* Whether code differs in number and in name from the accepted codes,
 * each reported when not: the number first when one entry has both. */
static bool check_code_unique(struct checker *checker, const struct value *item, const struct spec_code *code,
                              const struct checker_index *by_number, const struct checker_index *by_name)
{
    const struct checker_index_slot *same_number = checker_index_find_number(by_number, code->code);
    const struct checker_index_slot *same_name = checker_index_find_name(by_name, code->name);
    /* Both are reported; the messages come sorted by place. */
    bool unique = checker_unique(checker, same_number, item, "code", "duplicate code %d", code->code);
    unique &= checker_unique(checker, same_name, item, "name", "duplicate name '%s'", code->name);
    return unique;
}

void spec_check_codes(struct checker *checker, const struct value *root)
{
    const struct value *list = checker_list(checker, root, "codes", true);
    if (!list) {
        memset(checker->declared, true, sizeof checker->declared); /* no list names an undefined code */
        return;
    }
    if (list->count == 0)
        checker_error(checker, list, "'codes' must not be empty");
    struct spec *spec = checker->spec;
    spec->codes = xcalloc(list->count, sizeof *spec->codes);
    struct checker_index by_number, by_name; /* of the accepted codes */
    checker_index_init(&by_number);
    checker_index_init(&by_name);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "a code"))
            continue;
        struct spec_code code;
        if (!read_code(checker, item, &code))
            continue;
        if (!check_code_unique(checker, item, &code, &by_number, &by_name)) {
            free(code.refs.items);
            continue;
        }
        checker_index_add_number(&by_number, code.code, spec->code_count, code.at.line);
        checker_index_add_name(&by_name, code.name, spec->code_count, code.at.line);
        spec->codes[spec->code_count++] = code;
    }
    checker_index_free(&by_number);
    checker_index_free(&by_name);
    spec_sort_codes(spec->codes, spec->code_count);
}

/* A reply cannot be both a success and an error to the same command. */
static void check_roles_disjoint(struct checker *checker, const struct value *item, const struct spec_command *command)
{
    const struct spec_code_list *lists[] = { &command->preliminary, &command->success, &command->intermediate,
                                             &command->error };
    static const char *const keys[] = { "preliminary", "success", "intermediate", "error" };
    enum {
        LIST_COUNT = sizeof keys / sizeof keys[0]
    };
    /* The lists each code is in, one bit per list: a list holds a code at
     * most once (checker_code_list), and codes are 100-999. */
    unsigned char in_lists[1000] = { 0 };
    for (size_t b = 0; b < LIST_COUNT; b++)
        for (size_t j = 0; j < lists[b]->count; j++)
            in_lists[lists[b]->items[j]->code] |= (unsigned char)(1u << b);
    for (size_t a = 0; a < LIST_COUNT; a++)
        for (size_t b = a + 1; b < LIST_COUNT; b++)
            for (size_t i = 0; i < lists[a]->count; i++)
                if (in_lists[lists[a]->items[i]->code] & (1u << b))
                    checker_error(checker, value_map_get(item, keys[b]), "code %d is in both '%s' and '%s'",
                                  lists[a]->items[i]->code, keys[a], keys[b]);
}

static bool command_lists_code(const struct spec_command *command, const struct spec_code *code)
{
    const struct spec_code_list *lists[] = { &command->preliminary, &command->success, &command->intermediate,
                                             &command->error };
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (size_t i = 0; i < lists[l]->count; i++)
            if (lists[l]->items[i] == code)
                return true;
    return false;
}

/* One entry of a command's meanings: a code the command lists itself (a
 * common error has no command of its own to give it a meaning), its text
 * and description there, and the documents that give them. */
static bool read_meaning(struct checker *checker, const struct value *item, const struct spec_command *command,
                         const struct checker_index *by_code, struct spec_meaning *meaning)
{
    *meaning = (struct spec_meaning){ .at = item->at };
    int number;
    bool valid = checker_int(checker, item, "code", 100, 999, &number);
    const struct value *at = value_map_get(item, "code");
    if (valid) {
        meaning->code = spec_find_code(checker->spec, number);
        if (!meaning->code) {
            if (!checker->declared[number])
                checker_error(checker, at, "code %d in 'meanings' is not defined in codes", number);
            valid = false;
        } else if (!command_lists_code(command, meaning->code)) {
            checker_error(checker, at,
                          "code %d has a meaning of its own here but is not in this command's preliminary, "
                          "success, intermediate or error list",
                          number);
            valid = false;
        } else {
            valid = checker_unique(checker, checker_index_find_number(by_code, number), item, "code",
                                   "duplicate meaning of code %d", number);
        }
    }
    meaning->text = checker_string(checker, item, "text", true);
    meaning->description = checker_string(checker, item, "description", true);
    meaning->refs = checker_citations(checker, item, true);
    checker_known_keys(checker, item, meaning_keys);
    valid = valid && meaning->text && meaning->description && meaning->refs.count > 0;
    if (!valid)
        free(meaning->refs.items);
    return valid;
}

static int compare_meanings(const void *a, const void *b)
{
    int x = ((const struct spec_meaning *)a)->code->code, y = ((const struct spec_meaning *)b)->code->code;
    return (x > y) - (x < y);
}

static void read_meanings(struct checker *checker, const struct value *item, struct spec_command *command)
{
    const struct value *list = checker_list(checker, item, "meanings", false);
    if (!list)
        return;
    command->meanings = xcalloc(list->count + 1, sizeof *command->meanings);
    struct checker_index by_code; /* of the accepted meanings */
    checker_index_init(&by_code);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *entry = list->items[i];
        if (!checker_is_mapping(checker, entry, "a meaning"))
            continue;
        struct spec_meaning meaning;
        if (!read_meaning(checker, entry, command, &by_code, &meaning))
            continue;
        checker_index_add_number(&by_code, meaning.code->code, command->meaning_count, meaning.at.line);
        command->meanings[command->meaning_count++] = meaning;
    }
    checker_index_free(&by_code);
    qsort(command->meanings, command->meaning_count, sizeof *command->meanings, compare_meanings);
}

static bool read_command(struct checker *checker, const struct value *item, const struct checker_index *by_name,
                         struct spec_command *command)
{
    *command = (struct spec_command){ .at = item->at };
    command->name = checker_name(checker, item, "name");
    command->verb = checker_string(checker, item, "verb", false);
    if (!value_map_get(item, "verb")) /* required, though it may be empty */
        checker_field(checker, item, "verb", true);
    command->title = checker_string(checker, item, "title", true);
    command->description = checker_string(checker, item, "description", false);
    command->refs = checker_citations(checker, item, false);
    command->preliminary = checker_code_list(checker, item, "preliminary", false);
    command->success = checker_code_list(checker, item, "success", true);
    command->intermediate = checker_code_list(checker, item, "intermediate", true);
    command->error = checker_code_list(checker, item, "error", true);
    check_roles_disjoint(checker, item, command);
    checker_bool(checker, item, "common_errors", true, &command->common_errors);
    read_meanings(checker, item, command);
    checker_known_keys(checker, item, command_keys);
    bool valid = command->name && command->verb && command->title;
    if (command->name && strcmp(command->name, "count") == 0) {
        checker_error(checker, value_map_get(item, "name"), "'count' is reserved (the generated command count)");
        valid = false;
    }
    return valid
        && checker_unique(checker, checker_index_find_name(by_name, command->name), item, "name",
                          "duplicate command '%s'", command->name);
}

void spec_check_commands(struct checker *checker, const struct value *root)
{
    const struct value *list = checker_list(checker, root, "commands", true);
    if (!list)
        return;
    struct spec *spec = checker->spec;
    spec->commands = xcalloc(list->count, sizeof *spec->commands);
    struct checker_index by_name; /* of the accepted commands */
    checker_index_init(&by_name);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "a command"))
            continue;
        struct spec_command command;
        if (!read_command(checker, item, &by_name, &command)) {
            spec_free_command(&command);
            continue;
        }
        checker_index_add_name(&by_name, command.name, spec->command_count, command.at.line);
        spec->commands[spec->command_count++] = command;
    }
    checker_index_free(&by_name);
}

/* The generated role_for(command, code) reads code only in the replies of
 * some command: with none, the C compiler warns of an unused parameter. */
void spec_check_command_replies(struct checker *checker, const struct value *root)
{
    const struct spec *spec = checker->spec;
    const struct value *commands = value_map_get(root, "commands");
    if (!commands || commands->kind != VALUE_LIST)
        return;
    for (size_t i = 0; i < spec->command_count; i++) {
        const struct spec_command *command = &spec->commands[i];
        if (command->preliminary.count || command->success.count || command->intermediate.count || command->error.count
            || (command->common_errors && spec->common_errors.count))
            return;
    }
    checker_error(checker, commands,
                  "no command gets a reply: list one in a command's success, intermediate, error "
                  "or preliminary, or in common_errors");
}
