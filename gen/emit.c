/* emit.c: atomic writes of generated files and the --check comparison. */
#define _POSIX_C_SOURCE 200809L   /* mkstemp, fchmod */
#include "emit.h"

#include "buffer.h"

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

int emit_check(const char *dir, const struct output_set *set, struct diag *diag)
{
    int wrong = 0;
    for (size_t i = 0; i < set->count; i++) {
        char *path = join_path(dir, set->items[i].name);
        struct mark at = { path, 0, 0 };
        struct buffer existing;
        buffer_init(&existing);
        if (read_file(path, &existing) != 0) {
            diag_error(diag, &at, "%s", errno == ENOENT ? "missing" : strerror(errno));
            wrong++;
        } else if (!same_bytes(&existing, &set->items[i])) {
            diag_error(diag, &at, "differs from what the spec generates");
            report_first_difference(path, &existing, &set->items[i]);
            wrong++;
        }
        buffer_free(&existing);
        free(path);
    }
    return wrong;
}
