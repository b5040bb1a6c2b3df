/* spec_enhanced.c: the enhanced status codes of a spec (RFC 3463, IANA
 * registry): classes, subjects and class.subject.detail entries. A section
 * reader (spec.h shows the layers): spec_check.c calls it, and it calls
 * only checker.c and spec.c. */
#include "spec_sections.h"

#include <stdlib.h>
#include <string.h>

static const char *const enhanced_keys[] = { "classes", "subjects", "codes", NULL };
static const char *const class_keys[] = { "class", "name", "title", "description", "refs", NULL };
static const char *const subject_keys[] = { "subject", "name", "title", "description", "refs", NULL };
static const char *const code_keys[] = { "code",  "name",           "text", "description", "classes",
                                         "basic", "registry_basic", "refs", NULL };

/* RFC 3463 section 2: subject and detail are each one to three digits. */
enum {
    ENHANCED_PART_MAX = 999
};

/* Read "X.subject.detail"; false when text is not of that form. */
static bool parse_enhanced_code(const char *text, int *subject, int *detail)
{
    int parts[2];
    if (text[0] != 'X' || text[1] != '.')
        return false;
    const char *c = text + 2;
    for (int part = 0; part < 2; part++) {
        size_t digits = strspn(c, "0123456789");
        if (digits == 0 || digits > 3 || (digits > 1 && c[0] == '0'))
            return false;
        parts[part] = atoi(c);
        c += digits;
        if (part == 0 && *c++ != '.')
            return false;
    }
    if (*c)
        return false;
    *subject = parts[0];
    *detail = parts[1];
    return true;
}

/* A class's or subject's name: unique among them, and not "unknown",
 * which the generated enum has already (..._ENHANCED_CLASS_UNKNOWN). */
static bool check_entry_name(struct checker *checker, const struct value *item, const struct checker_entries *table,
                             const char *kind, const char *name)
{
    if (!name)
        return true;
    if (strcmp(name, "unknown") == 0) {
        checker_error(checker, value_map_get(item, "name"),
                      "'unknown' is reserved for an enhanced %s outside the table", kind);
        return false;
    }
    return checker_unique(checker, checker_index_find_name(&table->by_name, name), item, "name",
                          "duplicate %s name '%s'", kind, name);
}

static bool read_class(struct checker *checker, const struct value *item, const struct checker_entries *table,
                       struct spec_entry *entry)
{
    *entry = (struct spec_entry){ .at = item->at };
    bool valid = checker_int(checker, item, "class", 2, 5, &entry->number);
    if (valid && entry->number == 3) {
        checker_error(checker, value_map_get(item, "class"), "enhanced class must be 2, 4 or 5, not 3");
        valid = false;
    }
    if (valid
        && !checker_unique(checker, checker_index_find_number(&table->by_number, entry->number), item, "class",
                           "duplicate enhanced class %d", entry->number))
        valid = false;
    entry->name = checker_name(checker, item, "name");
    if (!check_entry_name(checker, item, table, "class", entry->name))
        valid = false;
    bool texts = checker_entry_texts(checker, item, class_keys, entry);
    return valid && entry->name && texts;
}

static void read_classes(struct checker *checker, const struct value *enhanced, struct spec_enhanced *out)
{
    const struct value *list = checker_list(checker, enhanced, "classes", true);
    if (!list)
        return;
    struct checker_entries table;
    checker_entries_start(&table, list->count);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "an enhanced class"))
            continue;
        struct spec_entry entry;
        if (read_class(checker, item, &table, &entry))
            checker_entries_add(&table, &entry, 0);
        else
            free(entry.refs.items);
    }
    checker_entries_finish(&table, &out->classes, &out->class_count);
}

static bool read_subject(struct checker *checker, const struct value *item, const struct checker_entries *table,
                         struct spec_entry *entry)
{
    *entry = (struct spec_entry){ .at = item->at };
    bool valid = checker_int(checker, item, "subject", 0, ENHANCED_PART_MAX, &entry->number);
    if (!valid) /* it may be any subject: no code is reported for lacking it */
        checker->subjects_unreadable = true;
    if (valid
        && !checker_unique(checker, checker_index_find_number(&table->by_number, entry->number), item, "subject",
                           "duplicate enhanced subject %d", entry->number))
        valid = false;
    entry->name = checker_name(checker, item, "name");
    if (!check_entry_name(checker, item, table, "subject", entry->name))
        valid = false;
    bool texts = checker_entry_texts(checker, item, subject_keys, entry);
    return valid && entry->name && texts;
}

static void read_subjects(struct checker *checker, const struct value *enhanced, struct spec_enhanced *out)
{
    const struct value *list = checker_list(checker, enhanced, "subjects", true);
    if (!list) {
        checker->subjects_unreadable = true;
        return;
    }
    struct checker_entries table;
    checker_entries_start(&table, list->count);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "an enhanced subject"))
            continue;
        struct spec_entry entry;
        if (read_subject(checker, item, &table, &entry))
            checker_entries_add(&table, &entry, 0);
        else
            free(entry.refs.items);
    }
    checker_entries_finish(&table, &out->subjects, &out->subject_count);
}

/* The classes a code is used with: each must be an enhanced class. */
static bool read_code_classes(struct checker *checker, const struct value *item, const struct spec_enhanced *out,
                              unsigned *classes)
{
    const struct value *list = checker_list(checker, item, "classes", true);
    if (!list)
        return false;
    *classes = 0;
    bool valid = list->count > 0;
    if (!valid)
        checker_error(checker, list, "'classes' must not be empty");
    for (size_t i = 0; i < list->count; i++) {
        const struct value *number = list->items[i];
        int class_number;
        if (checker_whole(number, 0, 9, &class_number) != CHECKER_WHOLE
            || !spec_find_entry(out->classes, out->class_count, class_number)) {
            checker_error(checker, number, "'%s' is not one of enhanced.classes", number->string ? number->string : "");
            valid = false;
            continue;
        }
        *classes |= 1u << class_number;
    }
    return valid;
}

/* Basic codes the registry pairs with an entry but no RFC defines as a
 * reply code (430, 523 ...): kept as numbers, not checked against codes. */
static int *read_registry_basic(struct checker *checker, const struct value *item, size_t *count)
{
    const struct value *list = checker_list(checker, item, "registry_basic", false);
    *count = 0;
    if (!list)
        return NULL;
    int *numbers = xcalloc(list->count, sizeof *numbers);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *number = list->items[i];
        if (checker_whole(number, 100, 999, &numbers[*count]) != CHECKER_WHOLE) {
            checker_error(checker, number, "a code in 'registry_basic' must be an integer from 100 to 999");
            continue;
        }
        (*count)++;
    }
    return numbers;
}

/* The basic codes an entry goes with. One the spec does not define is only
 * a warning: the registry cites a few that no RFC defines. */
static struct spec_code_list read_basic(struct checker *checker, const struct value *item)
{
    struct spec_code_list basic = { NULL, 0 };
    const struct value *list = checker_list(checker, item, "basic", true);
    if (!list)
        return basic;
    basic.items = xcalloc(list->count, sizeof *basic.items);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *number = list->items[i];
        int code_number;
        enum checker_whole whole = checker_whole(number, 100, 999, &code_number);
        if (whole == CHECKER_WHOLE_NOT) {
            checker_error(checker, number, "a code in 'basic' must be an integer, not %s",
                          checker_kind_name(number->kind));
            continue;
        }
        const struct spec_code *code = whole == CHECKER_WHOLE ? spec_find_code(checker->spec, code_number) : NULL;
        if (!code) {
            /* A code of a broken entry (or of a broken codes) has its error. */
            if (!(whole == CHECKER_WHOLE && checker->declared[code_number]))
                diag_warning(checker->diag, &number->at,
                             "basic code %.0f is not defined in codes (list it under registry_basic)", number->number);
            continue;
        }
        basic.items[basic.count++] = code;
    }
    /* The templates show the codes joined with ", " as one string. */
    size_t joined = basic.count ? basic.count * 5 - 2 : 0;
    if (joined > SPEC_STRING_MAX)
        checker_error(checker, list, "'basic' makes a string of %zu bytes (its codes joined), over the limit of %d",
                      joined, SPEC_STRING_MAX);
    return basic;
}

static bool read_code(struct checker *checker, const struct value *item, const struct spec_enhanced *out,
                      struct spec_enhanced_code *entry)
{
    memset(entry, 0, sizeof *entry);
    entry->at = item->at;
    const char *code = checker_string(checker, item, "code", true);
    bool valid = code != NULL;
    if (code && !parse_enhanced_code(code, &entry->subject, &entry->detail)) {
        checker_error(checker, value_map_get(item, "code"),
                      "enhanced code '%s' is not of the form X.subject.detail (1-3 digits each)", code);
        valid = false;
    } else if (code) {
        entry->subject_entry = spec_find_entry(out->subjects, out->subject_count, entry->subject);
        if (!entry->subject_entry && !checker->subjects_unreadable)
            checker_error(checker, value_map_get(item, "code"), "subject %d of %s is not in enhanced.subjects",
                          entry->subject, code);
        valid = valid && entry->subject_entry;
    }
    entry->name = checker_name(checker, item, "name");
    entry->text = checker_string(checker, item, "text", true);
    entry->description = checker_string(checker, item, "description", true);
    valid &= read_code_classes(checker, item, out, &entry->classes);
    entry->basic = read_basic(checker, item);
    entry->registry_basic = read_registry_basic(checker, item, &entry->registry_basic_count);
    entry->refs = checker_citations(checker, item, true);
    checker_known_keys(checker, item, code_keys);
    /* RFC 3463 section 2: the class of an enhanced code agrees with the
     * first digit of the basic reply it comes with. */
    for (size_t i = 0; i < entry->basic.count && valid; i++) {
        int first = entry->basic.items[i]->code / 100;
        if (!(entry->classes & (1u << first))) {
            checker_error(checker, value_map_get(item, "basic"),
                          "basic code %d has class %d, which is not among the classes of %s",
                          entry->basic.items[i]->code, first, code);
            valid = false;
        }
    }
    valid = valid && entry->name && entry->text && entry->description;
    if (!valid)
        spec_free_enhanced_code(entry);
    return valid;
}

/* By X.subject.detail. */
static int compare_codes(const void *a, const void *b)
{
    const struct spec_enhanced_code *x = a, *y = b;
    return x->subject != y->subject ? x->subject - y->subject : x->detail - y->detail;
}

/* One number per X.subject.detail: each part is 0-999. */
static long code_key(const struct spec_enhanced_code *code) { return code->subject * 1000L + code->detail; }

/* Whether entry differs in X.subject.detail and in name from the accepted
 * codes, each reported when not; only the code when one entry has both. */
static bool check_code_unique(struct checker *checker, const struct value *item, const struct spec_enhanced_code *entry,
                              const struct checker_index *by_number, const struct checker_index *by_name)
{
    long key = code_key(entry);
    const struct checker_index_slot *same_code = checker_index_find_number(by_number, key);
    const struct checker_index_slot *same_name = checker_index_find_name(by_name, entry->name);
    if (same_name && same_code && same_name->entry == same_code->entry)
        same_name = NULL;
    /* Both are reported; the messages come sorted by place. */
    bool unique = checker_unique(checker, same_code, item, "code", "duplicate enhanced code X.%d.%d", entry->subject,
                                 entry->detail);
    unique &= checker_unique(checker, same_name, item, "name", "duplicate enhanced name '%s'", entry->name);
    return unique;
}

static void read_codes(struct checker *checker, const struct value *enhanced, struct spec_enhanced *out)
{
    const struct value *list = checker_list(checker, enhanced, "codes", true);
    if (!list)
        return;
    out->codes = xcalloc(list->count, sizeof *out->codes);
    struct checker_index by_number, by_name; /* of the accepted codes */
    checker_index_init(&by_number);
    checker_index_init(&by_name);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "an enhanced code"))
            continue;
        struct spec_enhanced_code entry;
        if (!read_code(checker, item, out, &entry))
            continue;
        if (!check_code_unique(checker, item, &entry, &by_number, &by_name)) {
            spec_free_enhanced_code(&entry);
            continue;
        }
        checker_index_add_number(&by_number, code_key(&entry), out->code_count, entry.at.line);
        checker_index_add_name(&by_name, entry.name, out->code_count, entry.at.line);
        out->codes[out->code_count++] = entry;
    }
    checker_index_free(&by_number);
    checker_index_free(&by_name);
    qsort(out->codes, out->code_count, sizeof *out->codes, compare_codes);
}

/* The key (not the value) "enhanced" of the root, for its place. */
static const struct value *section_key(const struct value *root)
{
    for (size_t i = 0; i < root->count; i++)
        if (strcmp(root->keys[i]->string, "enhanced") == 0)
            return root->keys[i];
    return NULL;
}

void spec_check_enhanced(struct checker *checker, const struct value *root)
{
    const struct value *enhanced = checker_field(checker, root, "enhanced", false);
    if (!enhanced || !checker_is_mapping(checker, enhanced, "'enhanced'"))
        return;
    struct spec_enhanced *out = xcalloc(1, sizeof *out);
    out->at = section_key(root)->at;
    checker->spec->enhanced = out;
    read_classes(checker, enhanced, out);
    read_subjects(checker, enhanced, out);
    read_codes(checker, enhanced, out);
    checker_known_keys(checker, enhanced, enhanced_keys);
}
