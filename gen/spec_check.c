/* spec_check.c: every rule of the spec format (spec/README.md), each
 * problem reported with its place; builds struct spec from the tree.
 * The top of the check stage (spec.h shows its layers): it reads the root,
 * the references and the protocol itself, and the other sections through
 * the readers in spec_sections.h, in file order. */
#include "spec_sections.h"

#include <string.h>

/* The keys a mapping may hold; NULL-terminated. */
static const char *const root_keys[] = { "format",   "protocol",      "references", "digits", "codes",
                                         "commands", "common_errors", "enhanced",   NULL };
static const char *const protocol_keys[] = { "name",        "title",        "prefix",      "line_limit", "continuation",
                                             "lowest_code", "highest_code", "description", "refs",       NULL };
static const char *const reference_keys[] = { "id", "title", "url", NULL };

static bool is_reference_id(const char *id)
{
    bool valid = (id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9');
    for (const char *c = id; *c && valid; c++)
        valid = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-';
    return valid;
}

/* Whether url's scheme is one a reference can have. Anything else may act
 * when a reader follows the link (javascript:, data:, file: ...); the scheme
 * is compared without regard to case, as browsers do (RFC 3986 3.1). */
static bool is_reference_url(const char *url)
{
    static const char *const schemes[] = { "http:", "https:", "ftp:", "mailto:" };
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t length = strlen(schemes[i]);
        bool same = true;
        for (size_t j = 0; j < length && same; j++)
            same = (url[j] >= 'A' && url[j] <= 'Z' ? url[j] - 'A' + 'a' : url[j]) == schemes[i][j];
        if (same)
            return true;
    }
    return false;
}

/* RFC 3986 section 2: the characters a URL may hold; any other is written
 * %XX. An HTML page links to it as it is (tidy warns of any other). */
static void check_url(struct checker *checker, const struct value *at, const char *url)
{
    static const char allowed[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                  "-._~:/?#[]@!$&'()*+,;=%";
    size_t length = strspn(url, allowed);
    if (!url[length])
        return;
    unsigned char c = (unsigned char)url[length];
    if (c > ' ' && c < 0x7f)
        checker_error(checker, at, "'url' holds '%c', which a URL cannot (RFC 3986: write it as %%%02X)", c, c);
    else
        checker_error(checker, at, "'url' holds the byte 0x%02X, which a URL cannot (RFC 3986: write it as %%%02X)", c,
                      c);
}

static void read_reference(struct checker *checker, const struct value *item, const struct checker_index *first_lines)
{
    struct spec *spec = checker->spec;
    const struct value *id = value_map_get(item, "id");
    struct spec_reference reference = {
        .id = checker_string(checker, item, "id", true),
        .title = checker_string(checker, item, "title", true),
        .url = checker_string(checker, item, "url", true),
        .at = id ? id->at : item->at,
    };
    checker_known_keys(checker, item, reference_keys);
    /* A bad url is reported but the reference still counts, so that the
     * citations of it give no errors of their own. */
    if (reference.url && !is_reference_url(reference.url))
        checker_error(checker, value_map_get(item, "url"), "'url' must start with http:, https:, ftp: or mailto:");
    else if (reference.url)
        check_url(checker, value_map_get(item, "url"), reference.url);
    if (reference.id && !is_reference_id(reference.id)) {
        checker_error(checker, id, "reference id '%s' is not of the form [a-z0-9][a-z0-9_-]*", reference.id);
        return;
    }
    if (!reference.id || !reference.title || !reference.url)
        return;
    if (!checker_unique(checker, checker_index_find_name(&checker->references, reference.id), item, "id",
                        "duplicate reference '%s'", reference.id))
        return;
    const struct checker_index_slot *first = checker_index_find_name(first_lines, reference.id);
    checker_index_add_name(&checker->references, reference.id, spec->reference_count,
                           first ? first->line : reference.at.line);
    spec->references[spec->reference_count++] = reference;
}

static void read_references(struct checker *checker, const struct value *root)
{
    const struct value *list = checker_list(checker, root, "references", true);
    if (!list) {
        checker->references_unreadable = true;
        return;
    }
    if (list->count == 0)
        checker_error(checker, list, "'references' must not be empty");
    struct spec *spec = checker->spec;
    spec->references = xcalloc(list->count, sizeof *spec->references);
    /* The line each id is first written on, in an entry accepted or not:
     * a duplicate's "first at line" points there. */
    struct checker_index *first_lines = &checker->reference_ids;
    for (size_t i = 0; i < list->count; i++) {
        const struct value *item = list->items[i];
        if (checker_is_mapping(checker, item, "a reference"))
            read_reference(checker, item, first_lines);
        const struct value *id = value_map_get(item, "id");
        if (id && id->kind == VALUE_STRING && !checker_index_find_name(first_lines, id->string))
            checker_index_add_name(first_lines, id->string, i, id->at.line);
        else if (!id || id->kind != VALUE_STRING)
            checker->references_unreadable = true; /* any citation may mean it */
    }
}

/* Prefixes whose generated names would meet a name that the generated
 * files or the runtime's header already use: tests/check_prefix_collisions.py
 * finds them in the preprocessed C and C++ of the default templates' output
 * (a struct tag meeting a function, as "check" makes, is no clash). The
 * runtime owns reply_*, REPLY_* and REPLYGEN_*: prefix "reply" makes
 * REPLY_CLASS_UNKNOWN, "reply_describe" reply_describe_enhanced,
 * "reply_error" with a code named over_limit REPLY_ERROR_REPLY_OVER_LIMIT,
 * "replygen" with one named h the header's guard REPLYGEN_REPLY_H. */
static void check_prefix(struct checker *checker, const struct value *at, const char *prefix)
{
    if (strcmp(prefix, "reply") == 0 || strncmp(prefix, "reply_", 6) == 0 || strcmp(prefix, "replygen") == 0) {
        checker_error(checker, at,
                      "prefix '%s' would make names that the runtime's replygen/reply.h uses "
                      "(it owns reply_*, REPLY_* and REPLYGEN_*)",
                      prefix);
        return;
    }
    /* Names of helpers of the generated files themselves. */
    static const struct {
        const char *prefix, *names, *file;
    } taken[] = {
        { "describe", "describe_enhanced", "describe_protocol.c" },
        { "expected", "expected_enhanced and EXPECTED_ENHANCED_COUNT", "test_expected_replies.c" },
    };
    for (size_t i = 0; i < sizeof taken / sizeof taken[0]; i++)
        if (strcmp(prefix, taken[i].prefix) == 0)
            checker_error(checker, at, "prefix '%s' would make %s, which %s already uses", prefix, taken[i].names,
                          taken[i].file);
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
    if (spec->prefix)
        spec->prefix_at = value_map_get(protocol, "prefix")->at;
    if (spec->prefix)
        check_prefix(checker, value_map_get(protocol, "prefix"), spec->prefix);
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

/* Without lowest_code or highest_code the range is what the digit tables
 * allow: the lowest first and second digits to the highest. */
static void settle_code_range(struct checker *checker, const struct value *root)
{
    struct spec *spec = checker->spec;
    if (spec->first_digit_count == 0 || spec->second_digit_count == 0)
        return;
    if (spec->lowest_code == 0)
        spec->lowest_code = spec->first_digits[0].number * 100 + spec->second_digits[0].number * 10;
    if (spec->highest_code == 0)
        spec->highest_code = spec->first_digits[spec->first_digit_count - 1].number * 100
            + spec->second_digits[spec->second_digit_count - 1].number * 10 + 9;
    if (spec->lowest_code > spec->highest_code) {
        /* At least one of them is given: name the place of one. */
        const struct value *protocol = value_map_get(root, "protocol");
        const struct value *at = value_map_get(protocol, "lowest_code");
        checker_error(checker, at ? at : value_map_get(protocol, "highest_code"),
                      "the lowest code, %d, is above the highest, %d", spec->lowest_code, spec->highest_code);
    }
}

int spec_check(const char *file, const struct value *root, struct spec *spec, struct diag *diag)
{
    memset(spec, 0, sizeof *spec);
    spec->file = file;
    struct checker checker = { .diag = diag, .spec = spec };
    unsigned errors_before = diag->errors;
    int format = 0;
    bool readable = false;
    if (root->kind == VALUE_NULL) {
        checker_error(&checker, root, "the spec is empty");
    } else if (root->kind != VALUE_MAP) {
        checker_is_mapping(&checker, root, "the spec"); /* reports it */
    } else if (!value_map_get(root, "format")) {
        checker_field(&checker, root, "format", true);
        checker_known_keys(&checker, root, root_keys); /* "missing", or a misspelt "format" */
    } else if (checker_int(&checker, root, "format", 0, 1 << 30, &format)) {
        readable = format == SPEC_FORMAT_VERSION;
        /* Another format's keys would only give a flood of misleading errors. */
        if (!readable)
            checker_error(&checker, value_map_get(root, "format"),
                          "unsupported format %d (this replygen reads format %d)", format, SPEC_FORMAT_VERSION);
    }
    if (!readable) {
        checker_free(&checker);
        return -1;
    }
    read_references(&checker, root);
    read_protocol(&checker, root);
    spec_check_digits(&checker, root);
    settle_code_range(&checker, root);
    spec_check_codes(&checker, root);
    spec_check_commands(&checker, root);
    spec->common_errors = checker_code_list(&checker, root, "common_errors", false);
    /* After the reads of the root's keys: a misspelt one is reported once. */
    checker_known_keys(&checker, root, root_keys);
    /* A broken command or code would make this one mislead. */
    if (diag->errors == errors_before)
        spec_check_command_replies(&checker, root);
    spec_check_enhanced(&checker, root);
    checker_free(&checker);
    if (diag->errors != errors_before) {
        spec_free(spec);
        return -1;
    }
    return 0;
}
