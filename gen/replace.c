/* replace.c: replace files of one folder as a set, through a journal. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fchmod, O_DIRECTORY */
#define _DEFAULT_SOURCE         /* flock */
#include "replace.h"

#include "buffer.h"
#include "file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* A temporary file is ".NAME" TEMPORARY_SUFFIX, the Xs made by mkstemp:
 * the "replygen-" in it tells replygen's own from a user's ".NAME.backup". */
#define TEMPORARY_SUFFIX ".replygen-XXXXXX"
enum {
    SUFFIX_LENGTH = sizeof TEMPORARY_SUFFIX - 1,
    RANDOM_LENGTH = 6,
    JOURNAL_LIMIT = 16 << 20
};

static char *join_path(const char *dir, const char *name)
{
    struct buffer path;
    buffer_init(&path);
    buffer_printf(&path, "%s/%s", dir, name);
    return buffer_take(&path, NULL);
}

/* The length of the name of the file that the temporary file name is for
 * (NAME in .NAME.replygen-XXXXXX), or 0 when name is no temporary file. */
static size_t temporary_target_length(const char *name)
{
    size_t length = strlen(name);
    if (name[0] != '.' || length < 2 + SUFFIX_LENGTH || strchr(name, '/'))
        return 0;
    const char *suffix = name + length - SUFFIX_LENGTH;
    if (memcmp(suffix, TEMPORARY_SUFFIX, SUFFIX_LENGTH - RANDOM_LENGTH) != 0)
        return 0;
    for (const char *c = suffix + SUFFIX_LENGTH - RANDOM_LENGTH; *c; c++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", *c))
            return 0;
    return length - 1 - SUFFIX_LENGTH;
}

/* Directory entries reach the disk only when the folder is fsync'ed.
 * Some file systems cannot sync a folder (EINVAL): nothing to wait for. */
static int sync_folder(const struct replace *r, struct diag *diag)
{
    if (fsync(r->dir_fd) == 0 || errno == EINVAL)
        return 0;
    diag_error(diag, &(struct mark){ r->dir, 0, 0 }, "cannot sync the folder: %s", strerror(errno));
    return -1;
}

/* Write bytes to a new temporary file for name in dir, fsync'ed, and set
 * *out to its path; returns 0, or -1 (reported) with *out NULL. *out is
 * set before the write, so that a process killed while it writes still
 * holds the path where valgrind's leak check finds it. */
static int write_temporary(const char *dir, const char *name, const char *data, size_t length, char **out,
                           struct diag *diag)
{
    struct buffer template;
    buffer_init(&template);
    buffer_printf(&template, "%s/.%s" TEMPORARY_SUFFIX, dir, name);
    char *path = *out = buffer_take(&template, NULL);
    int fd = mkstemp(path);
    if (fd < 0) {
        diag_error(diag, &(struct mark){ dir, 0, 0 }, "cannot create a file: %s", strerror(errno));
        free(path);
        *out = NULL;
        return -1;
    }
    /* mkstemp makes the file 0600; give it the mode a new file would get. */
    mode_t mask = umask(0);
    umask(mask);
    int failed = fchmod(fd, 0666 & ~mask) != 0;
    size_t done = 0;
    while (!failed && done < length) {
        ssize_t wrote = write(fd, data + done, length - done);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            failed = 1;
        else
            done += (size_t)wrote;
    }
    if (!failed && fsync(fd) != 0)
        failed = 1;
    int saved = errno;
    if (close(fd) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        diag_error(diag, &(struct mark){ path, 0, 0 }, "cannot write: %s", strerror(saved ? saved : EIO));
        unlink(path);
        free(path);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* Remove the journal once every file it names is in place. */
static int finish_journal(const struct replace *r, const char *journal, struct diag *diag)
{
    if (sync_folder(r, diag) != 0)
        return -1;
    if (unlink(journal) != 0) {
        diag_error(diag, &(struct mark){ journal, 0, 0 }, "cannot remove: %s", strerror(errno));
        return -1;
    }
    return sync_folder(r, diag);
}

/* Rename what a journal left by an interrupted run names, in its order:
 * the temporary files it names were complete and synced before it was. */
static int complete_interrupted(const struct replace *r, struct diag *diag)
{
    char *journal = join_path(r->dir, REPLACE_JOURNAL);
    struct mark at = { journal, 0, 0 };
    struct buffer names;
    buffer_init(&names);
    int error = file_read(journal, JOURNAL_LIMIT, &names);
    int status = 0;
    if (error == ENOENT) {
        status = 1; /* no interrupted update */
    } else if (error) {
        diag_error(diag, &at, "cannot read: %s", file_error_text(error));
        status = -1;
    } else if (names.length == 0 || names.data[names.length - 1] != '\0') {
        status = -1;
    }
    for (size_t next = 0; status == 0 && next < names.length;) {
        const char *name = names.data + next;
        next += strlen(name) + 1;
        size_t target_length = temporary_target_length(name);
        if (target_length == 0) {
            status = -1;
            break;
        }
        char *temporary = join_path(r->dir, name);
        struct buffer target;
        buffer_init(&target);
        buffer_printf(&target, "%s/%.*s", r->dir, (int)target_length, name + 1);
        struct stat info;
        /* A temporary file no longer there was renamed before the stop. */
        if (lstat(temporary, &info) == 0 && rename(temporary, target.data) != 0) {
            diag_error(diag, &(struct mark){ target.data, 0, 0 },
                       "cannot complete the update an interrupted run began: cannot replace: %s", strerror(errno));
            status = -2;
        }
        buffer_free(&target);
        free(temporary);
    }
    if (status == -1 && !error)
        diag_error(diag, &at, "not a journal of replygen; remove it if no replygen is writing here");
    if (status == 0)
        status = finish_journal(r, journal, diag);
    buffer_free(&names);
    free(journal);
    return status < 0 ? -1 : 0;
}

static bool is_leftover(const char *name, char *const *names, size_t count)
{
    size_t length = temporary_target_length(name);
    if (length == 0)
        return false;
    if (length == strlen(REPLACE_JOURNAL) && memcmp(name + 1, REPLACE_JOURNAL, length) == 0)
        return true;
    for (size_t i = 0; i < count; i++)
        if (strlen(names[i]) == length && memcmp(name + 1, names[i], length) == 0)
            return true;
    return false;
}

/* Remove the regular files that are temporary files of earlier runs for
 * one of names or for a journal: runs killed before their commit. */
static void remove_leftovers(const struct replace *r)
{
    DIR *folder = opendir(r->dir);
    if (!folder)
        return;
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        if (!is_leftover(entry->d_name, r->names, r->count))
            continue;
        char *path = join_path(r->dir, entry->d_name);
        struct stat info;
        if (lstat(path, &info) == 0 && S_ISREG(info.st_mode))
            unlink(path);
        free(path);
    }
    closedir(folder);
}

int replace_begin(struct replace *r, const char *dir, char *const *names, size_t count, struct diag *diag)
{
    *r = (struct replace){ xstrdup(dir), -1, xcalloc(count ? count : 1, sizeof *r->staged), names, count, 0 };
    r->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (r->dir_fd < 0) {
        diag_error(diag, &(struct mark){ dir, 0, 0 }, "cannot open the folder: %s", strerror(errno));
        return -1;
    }
    /* Two runs at once in one folder take turns: each would take the
     * other's temporary files for leftovers. */
    while (flock(r->dir_fd, LOCK_EX) != 0 && errno == EINTR)
        continue;
    if (complete_interrupted(r, diag) != 0)
        return -1;
    remove_leftovers(r);
    return 0;
}

int replace_stage(struct replace *r, size_t index, const char *data, size_t length, struct diag *diag)
{
    return write_temporary(r->dir, r->names[index], data, length, &r->staged[index], diag);
}

int replace_commit(struct replace *r, int verbose, struct diag *diag)
{
    struct buffer journal;
    buffer_init(&journal);
    for (size_t i = 0; i < r->count; i++) {
        if (!r->staged[i])
            continue;
        const char *slash = strrchr(r->staged[i], '/');
        buffer_append(&journal, slash + 1, strlen(slash + 1) + 1);
    }
    if (journal.length == 0)
        return 0;
    char *journal_path = join_path(r->dir, REPLACE_JOURNAL);
    char *staged_journal;
    int status = write_temporary(r->dir, REPLACE_JOURNAL, journal.data, journal.length, &staged_journal, diag);
    buffer_free(&journal);
    if (status == 0)
        status = sync_folder(r, diag);
    if (status == 0 && rename(staged_journal, journal_path) != 0) {
        diag_error(diag, &(struct mark){ journal_path, 0, 0 }, "cannot write: %s", strerror(errno));
        status = -1;
    }
    if (status != 0 && staged_journal)
        unlink(staged_journal);
    free(staged_journal);
    /* Committed: from here on, the next run completes what this one
     * cannot, so the temporary files stay until renamed. */
    r->committed = status == 0;
    if (status == 0)
        status = sync_folder(r, diag);
    for (size_t i = 0; i < r->count && status == 0; i++) {
        if (!r->staged[i])
            continue;
        char *path = join_path(r->dir, r->names[i]);
        if (rename(r->staged[i], path) != 0) {
            diag_error(diag, &(struct mark){ path, 0, 0 }, "cannot replace: %s (the next run completes the update)",
                       strerror(errno));
            status = -1;
        } else if (verbose) {
            printf("wrote %s\n", path);
        }
        free(path);
        if (status == 0) {
            free(r->staged[i]);
            r->staged[i] = NULL;
        }
    }
    if (status == 0 && finish_journal(r, journal_path, diag) != 0)
        status = -1;
    free(journal_path);
    return status;
}

void replace_end(struct replace *r)
{
    for (size_t i = 0; i < r->count; i++) {
        if (r->staged[i] && !r->committed)
            unlink(r->staged[i]);
        free(r->staged[i]);
    }
    free(r->staged);
    free(r->dir);
    if (r->dir_fd >= 0)
        close(r->dir_fd);
}
