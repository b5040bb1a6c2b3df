/* emit.c: atomic writes of generated files and the --check comparison. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fchmod */
#include "emit.h"

#include "buffer.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Read a whole file; returns 0, or -1 with errno set (ENOENT when missing). */
static int read_file(const char *path, struct buffer *out)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return -1;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0)
        buffer_append(out, chunk, got);
    int failed = ferror(file);
    fclose(file);
    if (failed) {
        errno = EIO;
        return -1;
    }
    return 0;
}

static bool same_bytes(const struct buffer *file, const struct output *output)
{
    return file->length == output->length && memcmp(file->data ? file->data : "", output->data, output->length) == 0;
}

static int make_dirs(const char *dir, struct diag *diag)
{
    char *path = xstrdup(dir);
    for (char *slash = path + 1; *slash; slash++) {
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

/* Write bytes to a new temporary file in dir; returns its path or NULL. */
static char *write_temporary(const char *dir, const struct output *output, struct diag *diag)
{
    struct buffer name;
    buffer_init(&name);
    buffer_printf(&name, "%s/.%s.XXXXXX", dir, output->name);
    char *path = buffer_take(&name, NULL);
    int fd = mkstemp(path);
    if (fd < 0) {
        diag_error(diag, &(struct mark){ dir, 0, 0 }, "cannot create a file: %s", strerror(errno));
        free(path);
        return NULL;
    }
    /* mkstemp makes the file 0600; give it the mode a new file would get. */
    mode_t mask = umask(0);
    umask(mask);
    int failed = fchmod(fd, 0666 & ~mask) != 0;
    size_t done = 0;
    while (!failed && done < output->length) {
        ssize_t wrote = write(fd, output->data + done, output->length - done);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            failed = 1;
        else
            done += (size_t)wrote;
    }
    int saved = errno;
    if (close(fd) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        diag_error(diag, &(struct mark){ path, 0, 0 }, "cannot write: %s", strerror(saved ? saved : EIO));
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

int emit_write(const char *dir, const struct output_set *set, int verbose, struct diag *diag)
{
    if (make_dirs(dir, diag) != 0)
        return -1;
    char **temporaries = xcalloc(set->count, sizeof *temporaries);
    int status = 0;
    for (size_t i = 0; i < set->count && status == 0; i++) {
        char *path = join_path(dir, set->items[i].name);
        struct buffer existing;
        buffer_init(&existing);
        bool unchanged = read_file(path, &existing) == 0 && same_bytes(&existing, &set->items[i]);
        buffer_free(&existing);
        free(path);
        if (unchanged)
            continue;
        temporaries[i] = write_temporary(dir, &set->items[i], diag);
        if (!temporaries[i])
            status = -1;
    }
    for (size_t i = 0; i < set->count; i++) {
        if (!temporaries[i])
            continue;
        char *path = join_path(dir, set->items[i].name);
        if (status == 0 && rename(temporaries[i], path) != 0) {
            diag_error(diag, &(struct mark){ path, 0, 0 }, "cannot replace: %s", strerror(errno));
            status = -1;
        } else if (status == 0 && verbose) {
            printf("wrote %s\n", path);
        }
        if (status != 0)
            unlink(temporaries[i]);
        free(path);
        free(temporaries[i]);
    }
    free(temporaries);
    return status;
}

/* Print the first line where found and expected differ. */
static void report_first_difference(const char *path, const struct buffer *found, const struct output *expected)
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
    fprintf(stderr, "%s:%u: first difference:\n", path, line);
    if (line_start_a < a_length)
        fprintf(stderr, "  - %.*s\n", (int)(a_end - line_start_a), a + line_start_a);
    else
        fprintf(stderr, "  - (end of file)\n");
    if (line_start_b < b_length)
        fprintf(stderr, "  + %.*s\n", (int)(b_end - line_start_b), b + line_start_b);
    else
        fprintf(stderr, "  + (end of file)\n");
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
    FILE *file = fopen(path, "rb");
    if (!file)
        return false;
    char start[512];
    size_t got = fread(start, 1, sizeof start - 1, file);
    fclose(file);
    start[got] = '\0';
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

int emit_check(const char *dir, const struct output_set *set, const struct output_set *also_generated,
               const char *spec_name, bool dir_is_shared, struct check_result *result, struct diag *diag)
{
    *result = (struct check_result){ 0, NULL, 0, 0 };
    for (size_t i = 0; i < set->count; i++) {
        char *path = join_path(dir, set->items[i].name);
        struct mark at = { path, 0, 0 };
        struct buffer existing;
        buffer_init(&existing);
        if (read_file(path, &existing) != 0) {
            diag_error(diag, &at, "%s", errno == ENOENT ? "missing" : strerror(errno));
            result->wrong++;
        } else if (!same_bytes(&existing, &set->items[i])) {
            diag_error(diag, &at, "differs from what the spec generates");
            report_first_difference(path, &existing, &set->items[i]);
            result->wrong++;
        }
        buffer_free(&existing);
        free(path);
    }
    return check_unexpected(dir, set, also_generated, spec_name, dir_is_shared, result, diag);
}
