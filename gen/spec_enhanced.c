/* spec_enhanced.c: the enhanced status codes of a spec (RFC 3463, IANA
 * registry): classes, subjects and class.subject.detail entries. */
#include "checker.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const enhanced_keys[] = { "classes", "subjects", "codes", NULL };
static const char *const class_keys[] = { "class", "name", "title", "description", "refs", NULL };
static const char *const subject_keys[] = { "subject", "name", "title", "description", "refs", NULL };
static const char *const code_keys[] = { "code", "name", "text", "description", "classes", "basic",
                                         "registry_basic", "refs", NULL };

/* RFC 3463 section 2: subject and detail are each one to three digits. */
enum { ENHANCED_PART_MAX = 999 };

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

static const struct spec_enhanced_class *find_class(const struct spec_enhanced *enhanced, int number)
{
    for (size_t i = 0; i < enhanced->class_count; i++)
        if (enhanced->classes[i].number == number)
            return &enhanced->classes[i];
    return NULL;
}

static int compare_classes(const void *a, const void *b)
{
    return ((const struct spec_enhanced_class *)a)->number - ((const struct spec_enhanced_class *)b)->number;
}

static int compare_subjects(const void *a, const void *b)
{
    return ((const struct spec_enhanced_subject *)a)->number - ((const struct spec_enhanced_subject *)b)->number;
}

/* Once read_subjects has sorted them. */
static const struct spec_enhanced_subject *find_subject(const struct spec_enhanced *enhanced, int number)
{
    struct spec_enhanced_subject key = { .number = number };
    if (enhanced->subject_count == 0)
        return NULL;   /* subjects may be NULL then, and bsearch's base must not be */
    return bsearch(&key, enhanced->subjects, enhanced->subject_count, sizeof key, compare_subjects);
}

static void read_classes(struct checker *checker, const struct value *enhanced, struct spec_enhanced *out)
{
    const struct value *list = checker_list(checker, enhanced, "classes", true);
    if (!list)
        return;
    out->classes = xcalloc(list->count, sizeof *out->classes);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "an enhanced class"))
            continue;
        struct spec_enhanced_class entry = { 0 };
        bool valid = checker_int(checker, item, "class", 2, 5, &entry.number);
        if (valid && entry.number == 3) {
            checker_error(checker, value_map_get(item, "class"), "enhanced class must be 2, 4 or 5, not 3");
            valid = false;
        }
        if (valid && find_class(out, entry.number)) {
            checker_error(checker, value_map_get(item, "class"), "duplicate enhanced class %d", entry.number);
            valid = false;
        }
        entry.name = checker_name(checker, item, "name");
        entry.title = checker_string(checker, item, "title", true);
        entry.description = checker_string(checker, item, "description", true);
        entry.refs = checker_citations(checker, item, false);
        checker_known_keys(checker, item, class_keys);
        if (!valid || !entry.name || !entry.title || !entry.description) {
            free(entry.refs.items);
            continue;
        }
        out->classes[out->class_count++] = entry;
    }
    qsort(out->classes, out->class_count, sizeof *out->classes, compare_classes);
}

static void read_subjects(struct checker *checker, const struct value *enhanced, struct spec_enhanced *out)
{
    const struct value *list = checker_list(checker, enhanced, "subjects", true);
    if (!list)
        return;
    out->subjects = xcalloc(list->count, sizeof *out->subjects);
    /* The accepted subjects, which differ pairwise in number and in name. */
    struct checker_index by_number, by_name;
    checker_index_init(&by_number);
    checker_index_init(&by_name);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "an enhanced subject"))
            continue;
        struct spec_enhanced_subject entry = { 0 };
        size_t first;
        bool valid = checker_int(checker, item, "subject", 0, ENHANCED_PART_MAX, &entry.number);
        if (valid && checker_index_find_number(&by_number, entry.number, &first)) {
            checker_error(checker, value_map_get(item, "subject"), "duplicate enhanced subject %d", entry.number);
            valid = false;
        }
        entry.name = checker_name(checker, item, "name");
        if (entry.name && checker_index_find_name(&by_name, entry.name, &first)) {
            checker_error(checker, value_map_get(item, "name"), "duplicate subject name '%s'", entry.name);
            valid = false;
        }
        entry.title = checker_string(checker, item, "title", true);
        entry.description = checker_string(checker, item, "description", true);
        entry.refs = checker_citations(checker, item, false);
        checker_known_keys(checker, item, subject_keys);
        if (!valid || !entry.name || !entry.title || !entry.description) {
            free(entry.refs.items);
            continue;
        }
        checker_index_add_number(&by_number, entry.number, out->subject_count);
        checker_index_add_name(&by_name, entry.name, out->subject_count);
        out->subjects[out->subject_count++] = entry;
    }
    checker_index_free(&by_number);
    checker_index_free(&by_name);
    qsort(out->subjects, out->subject_count, sizeof *out->subjects, compare_subjects);
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
        /* Range first: a cast to int of NaN or 1e300 is undefined behaviour. */
        if (number->kind != VALUE_NUMBER || !(number->number >= 0 && number->number <= 9)
            || number->number != floor(number->number) || !find_class(out, (int)number->number)) {
            checker_error(checker, number, "'%s' is not one of enhanced.classes", number->string ? number->string : "");
            valid = false;
            continue;
        }
        *classes |= 1u << (int)number->number;
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
        if (number->kind != VALUE_NUMBER || !(number->number >= 100 && number->number <= 999)
            || number->number != floor(number->number)) {
            checker_error(checker, number, "a code in 'registry_basic' must be an integer from 100 to 999");
            continue;
        }
        numbers[(*count)++] = (int)number->number;
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
        if (number->kind != VALUE_NUMBER || number->number != floor(number->number)) {
            checker_error(checker, number, "a code in 'basic' must be an integer, not %s",
                          checker_kind_name(number->kind));
            continue;
        }
        /* In range before the cast: converting 1e300 to int is undefined. */
        bool in_range = number->number >= 100 && number->number <= 999;
        const struct spec_code *code = in_range ? spec_find_code(checker->spec, (int)number->number) : NULL;
        if (!code) {
            diag_warning(checker->diag, &number->at,
                         "basic code %.0f is not defined in codes (list it under registry_basic)",
                         number->number);
            continue;
        }
        basic.items[basic.count++] = code;
    }
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
        entry->subject_entry = find_subject(out, entry->subject);
        if (!entry->subject_entry) {
            checker_error(checker, value_map_get(item, "code"), "subject %d of %s is not in enhanced.subjects",
                          entry->subject, code);
            valid = false;
        }
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
    if (!valid) {
        free(entry->basic.items);
        free(entry->registry_basic);
        free(entry->refs.items);
    }
    return valid;
}

static int compare_codes(const void *a, const void *b)
{
    const struct spec_enhanced_code *x = a, *y = b;
    return x->subject != y->subject ? x->subject - y->subject : x->detail - y->detail;
}

/* One number per X.subject.detail: each part is 0-999. */
static long code_key(const struct spec_enhanced_code *code)
{
    return code->subject * 1000L + code->detail;
}

/* Report entry as a duplicate of the accepted codes that share its
 * X.subject.detail or its name; false when it is one. Accepted codes differ
 * pairwise in both, so there is at most one of each; reported in the order
 * of the earlier entries, only the code when one entry has both, as a
 * compare with every earlier entry would report them. */
static bool check_code_unique(struct checker *checker, const struct value *item, const struct spec_enhanced *out,
                              const struct spec_enhanced_code *entry, const struct checker_index *by_number,
                              const struct checker_index *by_name)
{
    size_t same_code, same_name;
    bool code_taken = checker_index_find_number(by_number, code_key(entry), &same_code);
    bool name_taken = checker_index_find_name(by_name, entry->name, &same_name)
                      && !(code_taken && same_name == same_code);
    if (name_taken && (!code_taken || same_name < same_code))
        checker_error(checker, value_map_get(item, "name"), "duplicate enhanced name '%s' (first at line %u)",
                      entry->name, out->codes[same_name].at.line);
    if (code_taken)
        checker_error(checker, value_map_get(item, "code"), "duplicate enhanced code X.%d.%d (first at line %u)",
                      entry->subject, entry->detail, out->codes[same_code].at.line);
    if (name_taken && code_taken && same_name > same_code)
        checker_error(checker, value_map_get(item, "name"), "duplicate enhanced name '%s' (first at line %u)",
                      entry->name, out->codes[same_name].at.line);
    return !code_taken && !name_taken;
}

static void read_codes(struct checker *checker, const struct value *enhanced, struct spec_enhanced *out)
{
    const struct value *list = checker_list(checker, enhanced, "codes", true);
    if (!list)
        return;
    out->codes = xcalloc(list->count, sizeof *out->codes);
    struct checker_index by_number, by_name;   /* of the accepted codes */
    checker_index_init(&by_number);
    checker_index_init(&by_name);
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (!checker_is_mapping(checker, item, "an enhanced code"))
            continue;
        struct spec_enhanced_code entry;
        if (!read_code(checker, item, out, &entry))
            continue;
        if (!check_code_unique(checker, item, out, &entry, &by_number, &by_name)) {
            free(entry.basic.items);
            free(entry.registry_basic);
            free(entry.refs.items);
            continue;
        }
        checker_index_add_number(&by_number, code_key(&entry), out->code_count);
        checker_index_add_name(&by_name, entry.name, out->code_count);
        out->codes[out->code_count++] = entry;
    }
    checker_index_free(&by_number);
    checker_index_free(&by_name);
    qsort(out->codes, out->code_count, sizeof *out->codes, compare_codes);
}

void checker_enhanced(struct checker *checker, const struct value *root)
{
    const struct value *enhanced = checker_field(checker, root, "enhanced", false);
    if (!enhanced || !checker_is_mapping(checker, enhanced, "'enhanced'"))
        return;
    struct spec_enhanced *out = xcalloc(1, sizeof *out);
    checker->spec->enhanced = out;
    read_classes(checker, enhanced, out);
    read_subjects(checker, enhanced, out);
    read_codes(checker, enhanced, out);
    checker_known_keys(checker, enhanced, enhanced_keys);
}

void spec_enhanced_free(struct spec_enhanced *enhanced)
{
    if (!enhanced)
        return;
    for (size_t i = 0; i < enhanced->class_count; i++)
        free(enhanced->classes[i].refs.items);
    for (size_t i = 0; i < enhanced->subject_count; i++)
        free(enhanced->subjects[i].refs.items);
    for (size_t i = 0; i < enhanced->code_count; i++) {
        free(enhanced->codes[i].basic.items);
        free(enhanced->codes[i].registry_basic);
        free(enhanced->codes[i].refs.items);
    }
    free(enhanced->classes);
    free(enhanced->subjects);
    free(enhanced->codes);
    free(enhanced);
}
