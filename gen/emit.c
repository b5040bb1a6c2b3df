/* emit.c: writing generated files as a set (replace.c), and the --check
 * comparison. */
#define _POSIX_C_SOURCE 200809L
#include "emit.h"

#include "buffer.h"
#include "file.h"
#include "quote.h"
#include "replace.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void output_set_add(struct output_set *set, char *name, char *data, size_t length)
{
    set->items = xrealloc(set->items, (set->count + 1) * sizeof *set->items);
    set->items[set->count++] = (struct output){ name, data, length };
}

void output_set_free(struct output_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        free(set->items[i].name);
        free(set->items[i].data);
    }
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

static char *join_path(const char *dir, const char *name)
{
    struct buffer path;
    buffer_init(&path);
    buffer_printf(&path, "%s/%s", dir, name);
    return buffer_take(&path, NULL);
}

static bool same_bytes(const struct buffer *file, const struct output *output)
{
    return file->length == output->length && memcmp(file->data ? file->data : "", output->data, output->length) == 0;
}

static int make_dirs(const char *dir, struct diag *diag)
{
    char *path = xstrdup(dir);
    for (char *slash = path[0] ? path + 1 : path; *slash; slash++) {
        if (*slash != '/')
            continue;
        *slash = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            diag_error(diag, &(struct mark){ path, 0, 0 }, "cannot create folder: %s", strerror(errno));
            free(path);
            return -1;
        }
        *slash = '/';
    }
    int status = 0;
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        diag_error(diag, &(struct mark){ path, 0, 0 }, "cannot create folder: %s", strerror(errno));
        status = -1;
    }
    free(path);
    return status;
}

/* Whether the file at path already holds exactly output's bytes: 0 when
 * it does not (missing, different, or not readable: replaced either way),
 * 1 when it does, -1 (reported) when it is a folder, a FIFO, a device or
 * a socket, which replygen does not replace. */
static int holds_output(const char *path, const struct output *output, struct diag *diag)
{
    struct buffer existing;
    buffer_init(&existing);
    int error = file_read(path, output->length, &existing);
    int same = !error && same_bytes(&existing, output);
    buffer_free(&existing);
    if (error == EISDIR || error == FILE_NOT_REGULAR) {
        diag_error(diag, &(struct mark){ path, 0, 0 }, "cannot replace: %s", file_error_text(error));
        return -1;
    }
    return same;
}

int emit_write(const char *dir, const struct output_set *set, int verbose, struct diag *diag)
{
    if (make_dirs(dir, diag) != 0)
        return -1;
    char **names = xcalloc(set->count ? set->count : 1, sizeof *names);
    for (size_t i = 0; i < set->count; i++)
        names[i] = set->items[i].name;
    struct replace update;
    int status = replace_begin(&update, dir, names, set->count, diag);
    /* Every target is looked at before any file is written. */
    bool *changed = xcalloc(set->count ? set->count : 1, sizeof *changed);
    for (size_t i = 0; i < set->count && status >= 0; i++) {
        char *path = join_path(dir, set->items[i].name);
        int holds = holds_output(path, &set->items[i], diag);
        free(path);
        changed[i] = holds == 0;
        if (holds < 0)
            status = 1; /* look at the others too, to report them all */
    }
    if (status > 0)
        status = -1;
    for (size_t i = 0; i < set->count && status == 0; i++)
        if (changed[i] && replace_stage(&update, i, set->items[i].data, set->items[i].length, diag) != 0)
            status = -1;
    if (status == 0)
        status = replace_commit(&update, verbose, diag);
    replace_end(&update);
    free(changed);
    free(names);
    return status;
}

/* How much of a differing line --check shows. */
enum {
    SHOWN_LINE_BYTES = 200
};

/* One side of the first difference: "  - text" or "  + (end of file)",
 * shown safely (quote_visible) and cut at SHOWN_LINE_BYTES. */
static void print_side(struct quote_sink *out, char sign, const char *text, size_t start, size_t end, size_t length)
{
    if (start >= length) {
        quote_printf(out, "  %c (end of file)\n", sign);
        return;
    }
    bool cut = end - start > SHOWN_LINE_BYTES;
    quote_printf(out, "  %c ", sign);
    quote_visible(out, (const unsigned char *)text + start, cut ? SHOWN_LINE_BYTES : end - start);
    quote_write(out, cut ? "...\n" : "\n", cut ? 4 : 1);
}

/* Print the first line where found and expected differ, under labels that
 * say which side is which, as diff -u does. */
static void report_first_difference(const char *path, const char *spec_name, const struct buffer *found,
                                    const struct output *expected)
{
    const char *a = expected->data, *b = found->data ? found->data : "";
    size_t a_length = expected->length, b_length = found->length;
    size_t i = 0, line_start_a = 0, line_start_b = 0;
    unsigned line = 1;
    while (i < a_length && i < b_length && a[i] == b[i]) {
        if (a[i] == '\n') {
            line++;
            line_start_a = line_start_b = i + 1;
        }
        i++;
    }
    size_t a_end = line_start_a, b_end = line_start_b;
    while (a_end < a_length && a[a_end] != '\n')
        a_end++;
    while (b_end < b_length && b[b_end] != '\n')
        b_end++;
    struct quote_sink out;
    quote_sink_start(&out, stderr);
    quote_visible(&out, (const unsigned char *)path, strlen(path));
    quote_printf(&out, ":%u: first difference:\n  --- what ", line);
    quote_visible(&out, (const unsigned char *)spec_name, strlen(spec_name));
    quote_write(&out, " generates\n  +++ what ", 22);
    quote_visible(&out, (const unsigned char *)path, strlen(path));
    quote_write(&out, " holds\n", 7);
    print_side(&out, '-', a, line_start_a, a_end, a_length);
    print_side(&out, '+', b, line_start_b, b_end, b_length);
    quote_sink_flush(&out);
}

void check_result_free(struct check_result *result)
{
    for (size_t i = 0; i < result->stale_count; i++)
        free(result->stale[i]);
    free(result->stale);
    result->stale = NULL;
    result->stale_count = 0;
}

/* Whether the first line of the file says it was generated by replygen
 * from spec_file, as the first line of every output of the installed
 * templates does, in the comment syntax of its language:
 * Generated by replygen 0.1.0 from smtp.yaml. Do not edit. */
static bool says_generated_from(const char *path, const char *spec_file)
{
    struct buffer first;
    buffer_init(&first);
    if (file_read_start(path, 511, &first) != 0 || !first.data) {
        buffer_free(&first);
        return false;
    }
    char start[512];
    memcpy(start, first.data, first.length + 1);
    buffer_free(&first);
    char *newline = strchr(start, '\n');
    if (newline)
        *newline = '\0';
    const char *generated = strstr(start, "Generated by replygen");
    if (!generated)
        return false;
    size_t length = strlen(spec_file);
    for (const char *from = strstr(generated, " from "); from; from = strstr(from + 1, " from ")) {
        const char *name = from + strlen(" from ");
        if (strncmp(name, spec_file, length) != 0)
            continue;
        /* The name ends there: "smtp.yaml." ends a sentence, "smtp.yaml.bak" is another file. */
        char after = name[length], next = after ? name[length + 1] : '\0';
        if (after == '\0' || after == ' ' || (after == '.' && (next == '\0' || next == ' ')))
            return true;
    }
    return false;
}

static int compare_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool in_set(const char *name, const struct output_set *set)
{
    for (size_t i = 0; set && i < set->count; i++)
        if (strcmp(set->items[i].name, name) == 0)
            return true;
    return false;
}

/* Report the files of dir that replygen did not generate, in name order. */
static int check_unexpected(const char *dir, const struct output_set *set, const struct output_set *also_generated,
                            const char *spec_name, bool dir_is_shared, struct check_result *result, struct diag *diag)
{
    const char *slash = strrchr(spec_name, '/');
    const char *spec_file = slash ? slash + 1 : spec_name; /* as the model's spec_file */
    DIR *folder = opendir(dir);
    if (!folder) {
        if (errno == ENOENT) /* every output has been reported missing */
            return 0;
        diag_error(diag, &(struct mark){ dir, 0, 0 }, "cannot read the folder: %s", strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t count = 0;
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        /* Dotfiles include replygen's own temporary files (.NAME.XXXXXX). */
        if (entry->d_name[0] == '.' || in_set(entry->d_name, set) || in_set(entry->d_name, also_generated))
            continue;
        names = xrealloc(names, (count + 1) * sizeof *names);
        names[count++] = xstrdup(entry->d_name);
    }
    closedir(folder);
    if (count > 0)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        char *path = join_path(dir, names[i]);
        struct stat info;
        struct mark at = { path, 0, 0 };
        if (lstat(path, &info) != 0 || !S_ISREG(info.st_mode)) {
            free(path);
        } else if (says_generated_from(path, spec_file)) {
            diag_error(diag, &at, "unexpected file (says it was generated from %s, but %s does not generate it)",
                       spec_file, spec_name);
            result->stale = xrealloc(result->stale, (result->stale_count + 1) * sizeof *result->stale);
            result->stale[result->stale_count++] = path;
        } else {
            if (!dir_is_shared)
                diag_warning(diag, &at, "unexpected file (not generated from %s)", spec_name);
            result->others++;
            free(path);
        }
        free(names[i]);
    }
    free(names);
    return 0;
}

/* How much larger than an output a file may be for --check to read it
 * and show the first difference; a larger one is only said to differ. */
enum {
    CHECK_MARGIN = 1 << 20
};

int emit_check(const char *dir, const struct output_set *set, const struct output_set *also_generated,
               const char *spec_name, bool dir_is_shared, struct check_result *result, struct diag *diag)
{
    *result = (struct check_result){ 0, NULL, 0, 0 };
    for (size_t i = 0; i < set->count; i++) {
        char *path = join_path(dir, set->items[i].name);
        struct mark at = { path, 0, 0 };
        struct buffer existing;
        buffer_init(&existing);
        size_t limit = set->items[i].length + CHECK_MARGIN;
        int error = file_read(path, limit, &existing);
        if (error == EFBIG) {
            diag_error(diag, &at, "differs from what the spec generates (larger than %zu bytes)", limit);
            result->wrong++;
        } else if (error) {
            diag_error(diag, &at, "%s", error == ENOENT ? "missing" : file_error_text(error));
            result->wrong++;
        } else if (!same_bytes(&existing, &set->items[i])) {
            diag_error(diag, &at, "differs from what the spec generates");
            report_first_difference(path, spec_name, &existing, &set->items[i]);
            result->wrong++;
        }
        buffer_free(&existing);
        free(path);
    }
    char *journal = join_path(dir, REPLACE_JOURNAL);
    struct stat info;
    int status = 0;
    if (lstat(journal, &info) == 0) {
        diag_error(diag, &(struct mark){ journal, 0, 0 },
                   "a run was interrupted while it replaced the outputs; the next run completes it");
        status = -1;
    }
    free(journal);
    if (check_unexpected(dir, set, also_generated, spec_name, dir_is_shared, result, diag) != 0)
        status = -1;
    return status;
}
