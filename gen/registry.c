/* registry.c: the registry's CSV into entries. Only what a spec keeps is
 * read: the code, the sample text, the basic codes, the description and
 * the documents cited; the submitter and change controller are not. */
#include "registry.h"

#include "buffer.h"
#include "csv.h"
#include "file.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The registry file is a few tens of kilobytes. */
enum {
    REGISTRY_MAX_BYTES = 16 * 1024 * 1024
};

enum column {
    COLUMN_CODE,
    COLUMN_TEXT,
    COLUMN_BASIC,
    COLUMN_DESCRIPTION,
    COLUMN_REFERENCE,
    COLUMN_COUNT
};

static const char *const column_names[COLUMN_COUNT] = {
    "Code", "Sample Text", "Associated basic status code", "Description", "Reference",
};

/* The text with each run of white space (the registry breaks long texts
 * over lines) made one space, none at either end. */
static char *collapse_space(const char *text)
{
    struct buffer out;
    buffer_init(&out);
    bool space = false;
    for (const char *p = text; *p; p++) {
        if (isspace((unsigned char)*p)) {
            space = out.length > 0;
            continue;
        }
        if (space)
            buffer_append_char(&out, ' ');
        space = false;
        buffer_append_char(&out, *p);
    }
    return buffer_take(&out, NULL);
}

/* "X.7.31" -> 7, 31: numbers of one to three digits without leading zeros
 * (RFC 3463 section 2), as the spec writes them. */
static bool parse_code(const char *text, int *subject, int *detail)
{
    if (text[0] != 'X' || text[1] != '.')
        return false;
    const char *p = text + 2;
    int *numbers[2] = { subject, detail };
    for (int i = 0; i < 2; i++) {
        if (!isdigit((unsigned char)*p) || (p[0] == '0' && isdigit((unsigned char)p[1])))
            return false;
        int value = 0, digits = 0;
        for (; isdigit((unsigned char)*p) && digits < 4; p++, digits++)
            value = value * 10 + (*p - '0');
        if (digits > 3 || (i == 0 && *p++ != '.'))
            return false;
        *numbers[i] = value;
    }
    return *p == '\0';
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* "451, 550 (other 4XX or 5XX codes are allowed)": the three-digit
 * numbers, and the classes of the "4XX" wildcards. */
static void parse_basic(struct registry_entry *entry, const char *text)
{
    for (const char *p = text; *p;) {
        if (!isalnum((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *start = p;
        while (isalnum((unsigned char)*p))
            p++;
        size_t length = (size_t)(p - start);
        if (length == 3 && isdigit((unsigned char)start[0]) && start[1] == 'X' && start[2] == 'X') {
            entry->class_hints |= 1u << (start[0] - '0');
        } else if (length == 3 && isdigit((unsigned char)start[0]) && isdigit((unsigned char)start[1])
                   && isdigit((unsigned char)start[2])) {
            int code = (start[0] - '0') * 100 + (start[1] - '0') * 10 + (start[2] - '0');
            bool seen = false;
            for (size_t i = 0; i < entry->basic_count; i++)
                seen = seen || entry->basic[i] == code;
            if (!seen) {
                entry->basic = xrealloc(entry->basic, (entry->basic_count + 1) * sizeof *entry->basic);
                entry->basic[entry->basic_count++] = code;
            }
        }
    }
    if (entry->basic_count)
        qsort(entry->basic, entry->basic_count, sizeof *entry->basic, compare_ints);
}

/* "[RFC7372], Section 3.3 (Standards Track); [RFC6376] (...)": each
 * bracketed document, lower-case, as the spec's reference ids are. */
static void parse_references(struct registry_entry *entry, const char *text)
{
    for (const char *open = strchr(text, '['); open; open = strchr(open + 1, '[')) {
        const char *close = strchr(open, ']');
        if (!close)
            break;
        char *id = xstrndup(open + 1, (size_t)(close - open - 1));
        for (char *c = id; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        entry->refs = xrealloc(entry->refs, (entry->ref_count + 1) * sizeof *entry->refs);
        entry->refs[entry->ref_count++] = id;
    }
}

static int compare_entries(const void *a, const void *b)
{
    const struct registry_entry *x = a, *y = b;
    if (x->subject != y->subject)
        return (x->subject > y->subject) - (x->subject < y->subject);
    if (x->detail != y->detail)
        return (x->detail > y->detail) - (x->detail < y->detail);
    return (x->at.line > y->at.line) - (x->at.line < y->at.line);
}

static int find_columns(const char *path, const struct csv *csv, size_t columns[COLUMN_COUNT], struct diag *diag)
{
    int status = 0;
    for (int c = 0; c < COLUMN_COUNT; c++) {
        bool found = false;
        for (size_t i = 0; csv->count && i < csv->records[0].count && !found; i++)
            if (strcmp(csv->records[0].fields[i], column_names[c]) == 0) {
                columns[c] = i;
                found = true;
            }
        if (!found) {
            diag_error(diag, &(struct mark){ path, 1, 1 }, "the registry has no column \"%s\"", column_names[c]);
            status = -1;
        }
    }
    return status;
}

static int read_entries(const char *path, const struct csv *csv, const size_t columns[COLUMN_COUNT],
                        struct registry *out, struct diag *diag)
{
    int status = 0;
    out->entries = xcalloc(csv->count, sizeof *out->entries);
    for (size_t i = 1; i < csv->count; i++) {
        const struct csv_record *record = &csv->records[i];
        struct mark at = { path, record->line, 1 };
        if (record->count == 1 && record->fields[0][0] == '\0')
            continue; /* an empty line */
        if (record->count < csv->records[0].count) {
            diag_error(diag, &at, "%zu fields, but the header names %zu", record->count, csv->records[0].count);
            status = -1;
            continue;
        }
        struct registry_entry entry = { .at = at };
        if (!parse_code(record->fields[columns[COLUMN_CODE]], &entry.subject, &entry.detail)) {
            diag_error(diag, &at, "'%s' is not an enhanced status code X.<subject>.<detail>",
                       record->fields[columns[COLUMN_CODE]]);
            status = -1;
            continue;
        }
        entry.text = collapse_space(record->fields[columns[COLUMN_TEXT]]);
        entry.description = collapse_space(record->fields[columns[COLUMN_DESCRIPTION]]);
        parse_basic(&entry, record->fields[columns[COLUMN_BASIC]]);
        parse_references(&entry, record->fields[columns[COLUMN_REFERENCE]]);
        out->entries[out->count++] = entry;
    }
    qsort(out->entries, out->count, sizeof *out->entries, compare_entries);
    for (size_t i = 1; i < out->count; i++) {
        const struct registry_entry *first = &out->entries[i - 1], *again = &out->entries[i];
        if (first->subject == again->subject && first->detail == again->detail) {
            diag_error(diag, &again->at, "X.%d.%d is listed twice (first at line %u)", again->subject, again->detail,
                       first->at.line);
            status = -1;
        }
    }
    return status;
}

int registry_read(const char *path, struct registry *out, struct diag *diag)
{
    *out = (struct registry){ NULL, 0 };
    struct buffer bytes;
    buffer_init(&bytes);
    int error = file_read(path, REGISTRY_MAX_BYTES, &bytes);
    if (error) {
        diag_error(diag, &(struct mark){ path, 0, 0 }, "cannot read the registry: %s", file_error_text(error));
        return -1;
    }
    struct csv csv;
    int status = csv_read(path, bytes.data ? bytes.data : "", bytes.length, &csv, diag);
    size_t columns[COLUMN_COUNT];
    if (status == 0 && csv.count == 0) {
        diag_error(diag, &(struct mark){ path, 0, 0 }, "the registry is empty");
        status = -1;
    }
    if (status == 0)
        status = find_columns(path, &csv, columns, diag);
    if (status == 0)
        status = read_entries(path, &csv, columns, out, diag);
    csv_free(&csv);
    buffer_free(&bytes);
    return status;
}

void registry_free(struct registry *registry)
{
    for (size_t i = 0; i < registry->count; i++) {
        struct registry_entry *entry = &registry->entries[i];
        free(entry->text);
        free(entry->description);
        free(entry->basic);
        for (size_t j = 0; j < entry->ref_count; j++)
            free(entry->refs[j]);
        free(entry->refs);
    }
    free(registry->entries);
    *registry = (struct registry){ NULL, 0 };
}

const struct registry_entry *registry_find(const struct registry *registry, int subject, int detail)
{
    struct registry_entry key = { .subject = subject, .detail = detail };
    size_t low = 0, high = registry->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const struct registry_entry *entry = &registry->entries[middle];
        int order = entry->subject != key.subject ? (entry->subject > key.subject) - (entry->subject < key.subject)
                                                  : (entry->detail > key.detail) - (entry->detail < key.detail);
        if (order == 0)
            return entry;
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return NULL;
}
