/* spec_check.c: every rule of the spec format (spec/README.md), each
 * problem reported with its place; builds struct spec from the tree. */
#include "checker.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The keys a mapping may hold; NULL-terminated. */
static const char *const root_keys[] = { "format", "protocol", "references", "digits", "codes", "commands",
                                         "common_errors", "enhanced", NULL };
static const char *const protocol_keys[] = { "name", "title", "prefix", "line_limit", "continuation", "lowest_code",
                                             "highest_code", "description", "refs", NULL };
static const char *const reference_keys[] = { "id", "title", "url", NULL };
static const char *const digits_keys[] = { "first", "second", NULL };
static const char *const digit_keys[] = { "digit", "name", "title", "description", "refs", NULL };
static const char *const code_keys[] = { "code", "name", "text", "summary", "description", "status", "deprecated",
                                         "refs", NULL };
static const char *const command_keys[] = { "name", "verb", "title", "description", "refs", "preliminary",
                                            "success", "intermediate", "error", "common_errors", NULL };

static bool is_reference_id(const char *id)
{
    bool valid = (id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9');
    for (const char *c = id; *c && valid; c++)
        valid = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-';
    return valid;
}

static void read_references(struct checker *checker, const struct value *root)
{
    const struct value *list = checker_list(checker, root, "references", true);
    if (!list)
        return;
    if (list->count == 0)
        checker_error(checker, list, "'references' must not be empty");
    struct spec *spec = checker->spec;
    spec->references = xcalloc(list->count, sizeof *spec->references);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "a reference"))
            continue;
        struct spec_reference reference = {
            checker_string(checker, item, "id", true),
            checker_string(checker, item, "title", true),
            checker_string(checker, item, "url", true),
        };
        checker_known_keys(checker, item, reference_keys);
        if (reference.id && !is_reference_id(reference.id)) {
            checker_error(checker, value_map_get(item, "id"), "reference id '%s' is not of the form [a-z0-9][a-z0-9_-]*",
                     reference.id);
            continue;
        }
        if (!reference.id || !reference.title || !reference.url)
            continue;
        if (checker_find_reference(spec, reference.id)) {
            const struct value *first = NULL;
            for (size_t j = 0; j < i && !first; j++) {
                const struct value *id = value_map_get(list->items[j], "id");
                if (id && id->string && strcmp(id->string, reference.id) == 0)
                    first = id;
            }
            checker_error(checker, value_map_get(item, "id"), "duplicate reference '%s' (first at line %u)",
                     reference.id, first ? first->at.line : 0);
            continue;
        }
        spec->references[spec->reference_count++] = reference;
    }
}

static void read_protocol(struct checker *checker, const struct value *root)
{
    const struct value *protocol = checker_field(checker, root, "protocol", true);
    if (!protocol || !checker_is_mapping(checker, protocol, "'protocol'"))
        return;
    struct spec *spec = checker->spec;
    spec->name = checker_name(checker, protocol, "name");
    spec->title = checker_string(checker, protocol, "title", true);
    spec->prefix = checker_name(checker, protocol, "prefix");
    /* A line needs room for the code, a separator and CRLF. */
    checker_int(checker, protocol, "line_limit", 6, 1 << 20, &spec->line_limit);
    spec->continuation = checker_string(checker, protocol, "continuation", false);
    if (!spec->continuation)
        spec->continuation = "coded";
    else if (strcmp(spec->continuation, "coded") != 0 && strcmp(spec->continuation, "free") != 0)
        checker_error(checker, value_map_get(protocol, "continuation"),
                      "'continuation' must be coded or free, not '%s'", spec->continuation);
    /* 0 until the digit tables give the default (settle_code_range()). */
    if (value_map_get(protocol, "lowest_code"))
        checker_int(checker, protocol, "lowest_code", 100, 999, &spec->lowest_code);
    if (value_map_get(protocol, "highest_code"))
        checker_int(checker, protocol, "highest_code", 100, 999, &spec->highest_code);
    spec->description = checker_string(checker, protocol, "description", false);
    spec->refs = checker_citations(checker, protocol, false);
    checker_known_keys(checker, protocol, protocol_keys);
}

static int compare_digits(const void *a, const void *b)
{
    return ((const struct spec_digit *)a)->digit - ((const struct spec_digit *)b)->digit;
}

static void read_digit_table(struct checker *checker, const struct value *digits, const char *key, int min,
                             bool *declared, struct spec_digit **out, size_t *count)
{
    const struct value *list = checker_list(checker, digits, key, true);
    if (!list)
        return;
    if (list->count == 0)
        checker_error(checker, list, "'%s' must not be empty", key);
    struct spec_digit *table = xcalloc(list->count, sizeof *table);
    const struct value *seen_digit[10] = { NULL };
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "a digit"))
            continue;
        struct spec_digit digit = { 0 };
        bool valid = checker_int(checker, item, "digit", min, 9, &digit.digit);
        if (valid)
            declared[digit.digit] = true;
        digit.name = checker_name(checker, item, "name");
        digit.title = checker_string(checker, item, "title", true);
        digit.description = checker_string(checker, item, "description", true);
        digit.refs = checker_citations(checker, item, false);
        checker_known_keys(checker, item, digit_keys);
        if (digit.name && strcmp(digit.name, "unknown") == 0) {
            checker_error(checker, value_map_get(item, "name"), "'unknown' is reserved for codes outside the table");
            valid = false;
        }
        if (valid && seen_digit[digit.digit]) {
            checker_error(checker, value_map_get(item, "digit"), "duplicate digit %d (first at line %u)", digit.digit,
                     seen_digit[digit.digit]->at.line);
            valid = false;
        }
        for (size_t j = 0; j < n && digit.name; j++)
            if (strcmp(table[j].name, digit.name) == 0) {
                checker_error(checker, value_map_get(item, "name"), "duplicate name '%s' in digits.%s", digit.name, key);
                valid = false;
            }
        if (!valid || !digit.name || !digit.title || !digit.description) {
            free(digit.refs.items);
            continue;
        }
        seen_digit[digit.digit] = value_map_get(item, "digit");
        table[n++] = digit;
    }
    qsort(table, n, sizeof *table, compare_digits);
    *out = table;
    *count = n;
}

static void read_digits(struct checker *checker, const struct value *root)
{
    const struct value *digits = checker_field(checker, root, "digits", true);
    if (!digits || !checker_is_mapping(checker, digits, "'digits'"))
        return;
    struct spec *spec = checker->spec;
    read_digit_table(checker, digits, "first", 1, checker->declared_first, &spec->first_digits,
                     &spec->first_digit_count);
    read_digit_table(checker, digits, "second", 0, checker->declared_second, &spec->second_digits,
                     &spec->second_digit_count);
    checker_known_keys(checker, digits, digits_keys);
}

/* Without lowest_code or highest_code the range is what the digit tables
 * allow: the lowest first and second digits to the highest. */
static void settle_code_range(struct checker *checker, const struct value *root)
{
    struct spec *spec = checker->spec;
    if (spec->first_digit_count == 0 || spec->second_digit_count == 0)
        return;
    if (spec->lowest_code == 0)
        spec->lowest_code = spec->first_digits[0].digit * 100 + spec->second_digits[0].digit * 10;
    if (spec->highest_code == 0)
        spec->highest_code = spec->first_digits[spec->first_digit_count - 1].digit * 100
                             + spec->second_digits[spec->second_digit_count - 1].digit * 10 + 9;
    if (spec->lowest_code > spec->highest_code) {
        /* At least one of them is given: name the place of one. */
        const struct value *protocol = value_map_get(root, "protocol");
        const struct value *at = value_map_get(protocol, "lowest_code");
        checker_error(checker, at ? at : value_map_get(protocol, "highest_code"),
                      "the lowest code, %d, is above the highest, %d", spec->lowest_code, spec->highest_code);
    }
}

static const struct spec_digit *find_digit(const struct spec_digit *table, size_t count, int digit)
{
    for (size_t i = 0; i < count; i++)
        if (table[i].digit == digit)
            return &table[i];
    return NULL;
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

static int compare_codes(const void *a, const void *b)
{
    return ((const struct spec_code *)a)->code - ((const struct spec_code *)b)->code;
}

static bool check_code_digits(struct checker *checker, const struct value *item, struct spec_code *code)
{
    const struct spec *spec = checker->spec;
    int first = code->code / 100, second = code->code / 10 % 10;
    const struct value *at = value_map_get(item, "code");
    bool valid = true;
    code->first_digit = find_digit(spec->first_digits, spec->first_digit_count, first);
    code->second_digit = find_digit(spec->second_digits, spec->second_digit_count, second);
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
        checker_error(checker, at, "code %d is outside the protocol's codes, %d to %d", code->code,
                      spec->lowest_code, spec->highest_code);
        valid = false;
    }
    return valid;
}

static bool read_code(struct checker *checker, const struct value *item, struct spec_code *code)
{
    memset(code, 0, sizeof *code);
    code->at = item->at;
    bool valid = checker_int(checker, item, "code", 100, 999, &code->code);
    if (valid) {
        checker->declared[code->code] = true;
        valid = check_code_digits(checker, item, code);
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
    const struct value *deprecated = checker_field(checker, item, "deprecated", false);
    if (deprecated && deprecated->kind != VALUE_BOOL) {
        checker_error(checker, deprecated, "'deprecated' must be a boolean, not %s",
                      checker_kind_name(deprecated->kind));
        valid = false;
    }
    code->deprecated = deprecated && deprecated->boolean;
    code->refs = checker_citations(checker, item, true);
    checker_known_keys(checker, item, code_keys);
    valid = valid && code->name && code->text && code->summary && code->description;
    if (!valid)
        free(code->refs.items);
    return valid;
}

/* Report code as a duplicate of the accepted codes that share its number
 * or its name; false when it is one. Accepted codes differ pairwise in both,
 * so there is at most one of each: reported in the order of the earlier
 * entries, the number first when one entry has both, as a compare with
 * every earlier entry would report them. */
static bool check_code_unique(struct checker *checker, const struct value *item, const struct spec_code *code,
                              const struct checker_index *by_number, const struct checker_index *by_name)
{
    const struct spec_code *codes = checker->spec->codes;
    size_t same_number, same_name;
    bool number_taken = checker_index_find_number(by_number, code->code, &same_number);
    bool name_taken = checker_index_find_name(by_name, code->name, &same_name);
    bool name_first = name_taken && (!number_taken || same_name < same_number);
    if (name_first)
        checker_error(checker, value_map_get(item, "name"), "duplicate name '%s' (first at line %u)", code->name,
                      codes[same_name].at.line);
    if (number_taken)
        checker_error(checker, value_map_get(item, "code"), "duplicate code %d (first at line %u)", code->code,
                      codes[same_number].at.line);
    if (name_taken && !name_first)
        checker_error(checker, value_map_get(item, "name"), "duplicate name '%s' (first at line %u)", code->name,
                      codes[same_name].at.line);
    return !number_taken && !name_taken;
}

static void read_codes(struct checker *checker, const struct value *root)
{
    const struct value *list = checker_list(checker, root, "codes", true);
    if (!list)
        return;
    if (list->count == 0)
        checker_error(checker, list, "'codes' must not be empty");
    struct spec *spec = checker->spec;
    spec->codes = xcalloc(list->count, sizeof *spec->codes);
    struct checker_index by_number, by_name;   /* of the accepted codes */
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
        checker_index_add_number(&by_number, code.code, spec->code_count);
        checker_index_add_name(&by_name, code.name, spec->code_count);
        spec->codes[spec->code_count++] = code;
    }
    checker_index_free(&by_number);
    checker_index_free(&by_name);
    qsort(spec->codes, spec->code_count, sizeof *spec->codes, compare_codes);
}

const struct spec_code *spec_find_code(const struct spec *spec, int code)
{
    struct spec_code key = { .code = code };
    if (spec->code_count == 0)
        return NULL;   /* codes may be NULL then, and bsearch's base must not be (found by fuzzing) */
    return bsearch(&key, spec->codes, spec->code_count, sizeof key, compare_codes);
}

/* A reply cannot be both a success and an error to the same command. */
static void check_roles_disjoint(struct checker *checker, const struct value *item, const struct spec_command *command)
{
    const struct spec_code_list *lists[] = { &command->preliminary, &command->success, &command->intermediate,
                                             &command->error };
    static const char *const keys[] = { "preliminary", "success", "intermediate", "error" };
    enum { LIST_COUNT = sizeof keys / sizeof keys[0] };
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

static void read_commands(struct checker *checker, const struct value *root)
{
    const struct value *list = checker_list(checker, root, "commands", true);
    if (!list)
        return;
    struct spec *spec = checker->spec;
    spec->commands = xcalloc(list->count, sizeof *spec->commands);
    struct checker_index by_name;   /* of the accepted commands */
    checker_index_init(&by_name);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "a command"))
            continue;
        struct spec_command command = { .at = item->at };
        command.name = checker_name(checker, item, "name");
        command.verb = checker_string(checker, item, "verb", false);
        if (!value_map_get(item, "verb"))
            checker_error(checker, item, "missing required key 'verb'");
        command.title = checker_string(checker, item, "title", true);
        command.description = checker_string(checker, item, "description", false);
        command.refs = checker_citations(checker, item, false);
        command.preliminary = checker_code_list(checker, item, "preliminary", false);
        command.success = checker_code_list(checker, item, "success", true);
        command.intermediate = checker_code_list(checker, item, "intermediate", true);
        command.error = checker_code_list(checker, item, "error", true);
        check_roles_disjoint(checker, item, &command);
        command.common_errors = true;
        const struct value *common = checker_field(checker, item, "common_errors", false);
        if (common && common->kind != VALUE_BOOL)
            checker_error(checker, common, "'common_errors' must be a boolean, not %s", checker_kind_name(common->kind));
        else if (common)
            command.common_errors = common->boolean;
        checker_known_keys(checker, item, command_keys);
        bool valid = command.name && command.verb && command.title;
        if (command.name && strcmp(command.name, "count") == 0) {
            checker_error(checker, value_map_get(item, "name"), "'count' is reserved (the generated command count)");
            valid = false;
        }
        size_t first;
        if (valid && checker_index_find_name(&by_name, command.name, &first)) {
            checker_error(checker, value_map_get(item, "name"), "duplicate command '%s' (first at line %u)",
                     command.name, spec->commands[first].at.line);
            valid = false;
        }
        if (!valid) {
            free(command.refs.items);
            free(command.preliminary.items);
            free(command.success.items);
            free(command.intermediate.items);
            free(command.error.items);
            continue;
        }
        checker_index_add_name(&by_name, command.name, spec->command_count);
        spec->commands[spec->command_count++] = command;
    }
    checker_index_free(&by_name);
}

int spec_check(const char *file, const struct value *root, struct spec *spec, struct diag *diag)
{
    memset(spec, 0, sizeof *spec);
    spec->file = file;
    struct checker checker = { .diag = diag, .spec = spec };
    unsigned errors_before = diag->errors;
    if (root->kind == VALUE_NULL) {
        checker_error(&checker, root, "the spec is empty");
        return -1;
    }
    if (!checker_is_mapping(&checker, root, "the spec"))
        return -1;
    int format = 0;
    if (!checker_int(&checker, root, "format", 0, 1 << 30, &format))
        return -1;
    /* Another format's keys would only give a flood of misleading errors. */
    if (format != SPEC_FORMAT_VERSION) {
        checker_error(&checker, value_map_get(root, "format"), "unsupported format %d (this replygen reads format %d)",
                 format, SPEC_FORMAT_VERSION);
        return -1;
    }
    checker_known_keys(&checker, root, root_keys);
    read_references(&checker, root);
    read_protocol(&checker, root);
    read_digits(&checker, root);
    settle_code_range(&checker, root);
    read_codes(&checker, root);
    read_commands(&checker, root);
    spec->common_errors = checker_code_list(&checker, root, "common_errors", false);
    checker_enhanced(&checker, root);
    if (diag->errors != errors_before) {
        spec_free(spec);
        return -1;
    }
    return 0;
}

static void free_digits(struct spec_digit *digits, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(digits[i].refs.items);
    free(digits);
}

void spec_free(struct spec *spec)
{
    free(spec->refs.items);
    free(spec->references);
    free_digits(spec->first_digits, spec->first_digit_count);
    free_digits(spec->second_digits, spec->second_digit_count);
    for (size_t i = 0; i < spec->code_count; i++)
        free(spec->codes[i].refs.items);
    free(spec->codes);
    for (size_t i = 0; i < spec->command_count; i++) {
        struct spec_command *command = &spec->commands[i];
        free(command->refs.items);
        free(command->preliminary.items);
        free(command->success.items);
        free(command->intermediate.items);
        free(command->error.items);
    }
    free(spec->commands);
    free(spec->common_errors.items);
    spec_enhanced_free(spec->enhanced);
    memset(spec, 0, sizeof *spec);
}

const char *spec_status_name(enum spec_status status)
{
    switch (status) {
    case SPEC_STATUS_STANDARD: return "standard";
    case SPEC_STATUS_EXTENSION: return "extension";
    case SPEC_STATUS_OBSOLETE: return "obsolete";
    }
    return "?";
}
