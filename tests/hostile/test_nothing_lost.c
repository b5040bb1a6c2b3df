/* test_nothing_lost.c: after any failure the output folder is as it was,
 * byte for byte and mtime for mtime, and a partly written file never
 * replaces a good one: an invalid spec, a template with a syntax error, an
 * output folder that cannot be written, a full disk, an output name taken
 * by a folder, a FIFO or a link to /dev/zero, an empty -o, a run killed
 * while it writes. A run stopped at any step of its write leaves the old
 * set of outputs or, once the next run has completed it, the new set.
 *
 * Each test starts from a folder of good outputs (of the minimal spec) and
 * a file of the user's, then runs replygen on a changed spec, which a
 * successful run would write.
 *
 * Usage: test_nothing_lost REPLYGEN MINIMAL_SPEC TEMPLATE_DIR STOP_AT_STEP
 * (STOP_AT_STEP: the library stop_at_step.c builds) */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* flock */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bounded_run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *replygen;
static const char *minimal_spec;
static const char *template_dir;
static const char *stop_at_step; /* the fault injector, for LD_PRELOAD */

/* The journal of an update under way (gen/replace.h). */
#define JOURNAL ".replygen-journal"

/* ---- a folder's state ---- */

struct entry {
    char name[256];
    mode_t mode;
    off_t size;
    struct timespec mtime;
    char *bytes;
};

struct snapshot {
    struct entry *entries;
    size_t count;
};

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static struct snapshot take_snapshot(const char *dir)
{
    struct snapshot shot = { NULL, 0 };
    DIR *folder = opendir(dir);
    assert_non_null(folder);
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        shot.entries = realloc(shot.entries, (shot.count + 1) * sizeof *shot.entries);
        struct entry *e = &shot.entries[shot.count++];
        memset(e, 0, sizeof *e);
        path_printf(e->name, sizeof e->name, "%s", entry->d_name);
        char path[4096];
        path_printf(path, sizeof path, "%s/%s", dir, entry->d_name);
        struct stat info;
        assert_int_equal(lstat(path, &info), 0);
        e->mode = info.st_mode;
        e->size = info.st_size;
        e->mtime = info.st_mtim;
        if (S_ISREG(info.st_mode))
            e->bytes = read_whole_file(path, NULL);
    }
    closedir(folder);
    qsort(shot.entries, shot.count, sizeof *shot.entries, compare_entries);
    return shot;
}

static void free_snapshot(struct snapshot *shot)
{
    for (size_t i = 0; i < shot->count; i++)
        free(shot->entries[i].bytes);
    free(shot->entries);
    shot->entries = NULL;
    shot->count = 0;
}

static const struct entry *find_entry(const struct snapshot *shot, const char *name)
{
    for (size_t i = 0; i < shot->count; i++)
        if (strcmp(shot->entries[i].name, name) == 0)
            return &shot->entries[i];
    return NULL;
}

static bool same_file(const struct entry *a, const struct entry *b)
{
    bool same_bytes = !S_ISREG(a->mode) || (a->bytes && b->bytes && memcmp(a->bytes, b->bytes, (size_t)a->size) == 0);
    return a->mode == b->mode && a->size == b->size && a->mtime.tv_sec == b->mtime.tv_sec
        && a->mtime.tv_nsec == b->mtime.tv_nsec && same_bytes;
}

/* replygen's temporary file for an output or its journal:
 * ".NAME.replygen-XXXXXX". */
static bool is_temporary(const char *name)
{
    size_t length = strlen(name);
    return name[0] == '.' && length > 17 && strncmp(name + length - 16, ".replygen-", 10) == 0;
}

/* The folder holds exactly the files of before, unchanged; beside them,
 * when allowed, replygen's temporary files, whose number is returned. */
static size_t assert_unchanged_but_temporaries(const struct snapshot *before, const char *dir, bool temporaries_allowed)
{
    struct snapshot after = take_snapshot(dir);
    size_t temporaries = 0;
    for (size_t i = 0; i < after.count; i++) {
        if (find_entry(before, after.entries[i].name))
            continue;
        if (!temporaries_allowed || !is_temporary(after.entries[i].name))
            fail_msg("%s: a new file appeared: %s", dir, after.entries[i].name);
        temporaries++;
    }
    for (size_t i = 0; i < before->count; i++) {
        const struct entry *now = find_entry(&after, before->entries[i].name);
        if (!now)
            fail_msg("%s: %s is gone", dir, before->entries[i].name);
        if (!same_file(&before->entries[i], now))
            fail_msg("%s: %s changed (bytes, mode or mtime)", dir, now->name);
    }
    free_snapshot(&after);
    return temporaries;
}

static void assert_unchanged(const struct snapshot *before, const char *dir)
{
    assert_unchanged_but_temporaries(before, dir, false);
}

/* ---- the fixture: good outputs, a user's file, a changed spec ---- */

struct fixture {
    char *work;
    char out[4096];
    char changed_spec[4096]; /* changes every output */
    char big_spec[4096];     /* the same with large texts: writing takes a while */
    char bad_spec[4096];     /* invalid */
    struct snapshot good;
};

static void write_or_fail(const char *path, const char *bytes, size_t length)
{
    if (file_write(path, bytes, length) != 0)
        fail_msg("cannot write %s", path);
}

/* The minimal spec with its one-line summary of 250 replaced. */
static void write_spec_variant(const char *path, const char *summary)
{
    size_t length;
    char *spec = read_whole_file(minimal_spec, &length);
    assert_non_null(spec);
    const char *marker = "summary: It worked.";
    char *at = strstr(spec, marker);
    assert_non_null(at);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fwrite(spec, 1, (size_t)(at - spec), file);
    fprintf(file, "summary: \"%s\"", summary);
    fputs(at + strlen(marker), file);
    assert_int_equal(fclose(file), 0);
    free(spec);
}

/* The changed spec with 38 codes more, each of three texts of the longest
 * a spec may hold (4095 bytes), escaped into every output: some 3 MB to
 * write. */
static void write_big_spec(const char *path)
{
    enum {
        TEXT_LENGTH = 4095
    };
    char text[TEXT_LENGTH + 1];
    for (size_t i = 0; i < TEXT_LENGTH; i++)
        text[i] = "Text <&> \\ more "[i % 16]; /* 4095 = 255 * 16 + 15: it ends in "more" */
    text[TEXT_LENGTH] = '\0';
    write_spec_variant(path, "It worked, and the spec changed.");
    size_t length;
    char *spec = read_whole_file(path, &length);
    assert_non_null(spec);
    const char *marker = "codes:\n";
    char *at = strstr(spec, marker);
    assert_non_null(at);
    at += strlen(marker);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fwrite(spec, 1, (size_t)(at - spec), file);
    static const int tens[] = { 200, 250, 500, 550 }; /* the minimal spec's digits allow these */
    for (size_t t = 0; t < sizeof tens / sizeof tens[0]; t++)
        for (int code = tens[t]; code < tens[t] + 10; code++)
            if (code != 250 && code != 500) /* the spec's own */
                fprintf(file,
                        "  - {code: %d, name: c%d, text: \"%s\", summary: \"%s\", description: \"%s\",\n"
                        "     status: standard, refs: [{ref: rfc1}]}\n",
                        code, code, text, text, text);
    fputs(at, file);
    assert_int_equal(fclose(file), 0);
    free(spec);
}

static void run_or_fail(const char *const args[])
{
    struct process_result result;
    bounded_run(replygen, args, NULL, &result);
    if (result.status != 0)
        fail_msg("replygen failed (exit %d): %s", result.status, result.err);
    process_result_free(&result);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->work = temp_folder();
    if (!f->work)
        return -1;
    path_printf(f->out, sizeof f->out, "%s/out", f->work);
    path_printf(f->changed_spec, sizeof f->changed_spec, "%s/changed.yaml", f->work);
    path_printf(f->big_spec, sizeof f->big_spec, "%s/big.yaml", f->work);
    path_printf(f->bad_spec, sizeof f->bad_spec, "%s/bad.yaml", f->work);
    write_spec_variant(f->changed_spec, "It worked, and the spec changed.");
    write_big_spec(f->big_spec);
    write_or_fail(f->bad_spec, "format: 1\nprotocol: [not, a, mapping]\n", 38);

    const char *args[] = { "-q", minimal_spec, "-o", f->out, NULL };
    run_or_fail(args);
    char user_file[4096];
    path_printf(user_file, sizeof user_file, "%s/NOTES.txt", f->out);
    write_or_fail(user_file, "the user's own notes\n", 21);
    f->good = take_snapshot(f->out);
    if (f->good.count < 3)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    chmod(f->out, 0755);
    free_snapshot(&f->good);
    remove_tree(f->work);
    free(f->work);
    free(f);
    return 0;
}

/* replygen run in cwd exits with status, saying message, and dir is as
 * before. */
static void expect_refusal(const struct snapshot *before, const char *dir, const char *const args[], const char *cwd,
                           int status, const char *message)
{
    struct process_result result;
    bounded_run(replygen, args, cwd, &result);
    if (result.status != status || !strstr(result.err, message))
        fail_msg("expected exit %d and '%s' on standard error; got exit %d:\n%s", status, message, result.status,
                 result.err);
    process_result_free(&result);
    assert_unchanged(before, dir);
}

static void expect_failure(const struct fixture *f, const char *const args[], const char *message)
{
    expect_refusal(&f->good, f->out, args, NULL, 1, message);
}

/* ---- failures that must change nothing ---- */

static void test_invalid_spec_changes_nothing(void **state)
{
    struct fixture *f = *state;
    const char *args[] = { f->bad_spec, "-o", f->out, NULL };
    expect_failure(f, args, "error: 'protocol' must be a mapping, not a list");
}

/* One broken template among good ones: nothing is written, not even the
 * outputs of the templates that rendered. */
static void test_template_syntax_error_changes_nothing(void **state)
{
    struct fixture *f = *state;
    char templates[4096];
    path_printf(templates, sizeof templates, "%s/templates", f->work);
    assert_int_equal(mkdir(templates, 0755), 0);
    DIR *folder = opendir(template_dir);
    assert_non_null(folder);
    const struct dirent *entry;
    const char *last = NULL;
    char last_name[256] = "";
    while ((entry = readdir(folder)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char from[4096], to[4096];
        path_printf(from, sizeof from, "%s/%s", template_dir, entry->d_name);
        path_printf(to, sizeof to, "%s/%s", templates, entry->d_name);
        size_t length;
        char *text = read_whole_file(from, &length);
        if (!text)
            continue;
        write_or_fail(to, text, length);
        free(text);
        if (entry->d_name[0] != '_' && strcmp(entry->d_name, last_name) > 0) {
            path_printf(last_name, sizeof last_name, "%s", entry->d_name);
            last = last_name;
        }
    }
    closedir(folder);
    assert_non_null(last);
    /* The last template rendered gets a section that never closes. */
    char broken[4096];
    path_printf(broken, sizeof broken, "%s/%s", templates, last);
    FILE *file = fopen(broken, "ab");
    assert_non_null(file);
    fputs("{{#never_closed}}\n", file);
    assert_int_equal(fclose(file), 0);
    const char *args[] = { "-t", templates, f->changed_spec, "-o", f->out, NULL };
    expect_failure(f, args, "error: section 'never_closed' is never closed");
}

/* -o under a regular file: the folder cannot be made, whoever runs it
 * (root included, whom chmod does not stop). */
static void test_output_folder_under_a_file_changes_nothing(void **state)
{
    struct fixture *f = *state;
    char sub[4096];
    path_printf(sub, sizeof sub, "%s/NOTES.txt/sub", f->out);
    const char *args[] = { f->changed_spec, "-o", sub, NULL };
    expect_failure(f, args, "error: cannot create folder: Not a directory");
}

static void test_read_only_output_folder_changes_nothing(void **state)
{
    struct fixture *f = *state;
    if (geteuid() == 0) {
        print_message("skipped: root writes into a read-only folder; "
                      "test_output_folder_under_a_file covers an unwritable folder\n");
        skip();
    }
    assert_int_equal(chmod(f->out, 0555), 0);
    const char *args[] = { f->changed_spec, "-o", f->out, NULL };
    expect_failure(f, args, "error: cannot create a file: Permission denied");
    assert_int_equal(chmod(f->out, 0755), 0);
}

/* A full disk, as RLIMIT_FSIZE gives it without privileges: with SIGXFSZ
 * ignored, the write that passes the limit fails with EFBIG, as one on a
 * full disk fails with ENOSPC. Every temporary file is removed. */
static void test_full_disk_changes_nothing(void **state)
{
    struct fixture *f = *state;
    const char *args[] = {
        "-c", "trap '' XFSZ; ulimit -f 64 && exec \"$0\" \"$@\"", replygen, f->big_spec, "-o", f->out, NULL
    };
    struct process_result result;
    bounded_run("/bin/sh", args, NULL, &result);
    if (result.status != 1 || !strstr(result.err, "error: cannot write: File too large"))
        fail_msg("expected exit 1 and 'cannot write: File too large'; got exit %d:\n%s", result.status, result.err);
    process_result_free(&result);
    assert_unchanged(&f->good, f->out);
}

/* ---- runs killed while they write ---- */

/* Each output file is whole: the good one of before, untouched, or the
 * complete new one. Other than those, only replygen's temporary files and
 * its journal may be there (a killed process cannot remove them); returns
 * the number of temporary files. */
static size_t assert_each_file_whole(const struct fixture *f, const struct snapshot *fresh)
{
    struct snapshot after = take_snapshot(f->out);
    size_t temporaries = 0;
    for (size_t i = 0; i < after.count; i++) {
        const struct entry *now = &after.entries[i];
        const struct entry *old = find_entry(&f->good, now->name);
        const struct entry *new = find_entry(fresh, now->name);
        if (!old && !new) {
            if (strcmp(now->name, JOURNAL) == 0)
                continue;
            if (!is_temporary(now->name))
                fail_msg("unexpected file %s", now->name);
            temporaries++;
            continue;
        }
        bool is_old = old && same_file(old, now);
        bool is_new =
            new && now->bytes && now->size == new->size &&memcmp(now->bytes, new->bytes, (size_t)now->size) == 0;
        if (!is_old && !is_new)
            fail_msg("%s is neither the good file of before nor the complete new one", now->name);
    }
    for (size_t i = 0; i < f->good.count; i++)
        if (!find_entry(&after, f->good.entries[i].name))
            fail_msg("%s is gone", f->good.entries[i].name);
    free_snapshot(&after);
    return temporaries;
}

/* What spec generates, in a folder of its own: the new set a run into
 * f->out must leave whole. */
static struct snapshot fresh_outputs(const struct fixture *f, const char *spec)
{
    char fresh_dir[4096];
    path_printf(fresh_dir, sizeof fresh_dir, "%s/fresh", f->work);
    const char *args[] = { "-q", spec, "-o", fresh_dir, NULL };
    run_or_fail(args);
    return take_snapshot(fresh_dir);
}

/* Every output of fresh is in the folder, with the same bytes. */
static void assert_outputs_are(const struct fixture *f, const struct snapshot *fresh)
{
    struct snapshot after = take_snapshot(f->out);
    for (size_t i = 0; i < fresh->count; i++) {
        const struct entry *want = &fresh->entries[i];
        const struct entry *now = find_entry(&after, want->name);
        if (!now || !now->bytes || now->size != want->size || memcmp(now->bytes, want->bytes, (size_t)want->size) != 0)
            fail_msg("%s is not the new output", want->name);
    }
    free_snapshot(&after);
}

/* Killed by SIGXFSZ in the middle of a write(): RLIMIT_FSIZE with the
 * signal's default action. Deterministic, unlike a kill from outside. */
static void test_killed_in_the_middle_of_a_write_keeps_good_files(void **state)
{
    struct fixture *f = *state;
    struct snapshot fresh = fresh_outputs(f, f->big_spec);

    const char *args[] = {
        "-c", "trap - XFSZ; ulimit -f 64 && exec \"$0\" \"$@\"", replygen, "-q", f->big_spec, "-o", f->out, NULL
    };
    struct process_result result;
    bounded_run("/bin/sh", args, NULL, &result);
    if (!bounded_run_stopped(&result))
        fail_msg("expected replygen killed by SIGXFSZ; got exit %d:\n%s", result.status, result.err);
    process_result_free(&result);
    /* Killed before any rename: every good file as it was, and beside them
     * the temporary file it was writing, which it had no chance to remove. */
    size_t temporaries = assert_unchanged_but_temporaries(&f->good, f->out, true);
    assert_true(temporaries >= 1);
    print_message("left %zu temporary file(s) behind, none in place of a good file\n", temporaries);
    /* The next run replaces every output and removes the leftovers. */
    const char *again[] = { "-q", f->big_spec, "-o", f->out, NULL };
    run_or_fail(again);
    assert_int_equal(assert_each_file_whole(f, &fresh), 0);
    assert_outputs_are(f, &fresh);
    free_snapshot(&fresh);
}

static pid_t spawn(const char *const argv[])
{
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        int nothing = open("/dev/null", O_RDWR);
        dup2(nothing, 0);
        dup2(nothing, 1);
        dup2(nothing, 2);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    return child;
}

static bool has_temporary(const char *dir)
{
    DIR *folder = opendir(dir);
    if (!folder)
        return false;
    bool found = false;
    const struct dirent *entry;
    while (!found && (entry = readdir(folder)) != NULL)
        found = is_temporary(entry->d_name);
    closedir(folder);
    return found;
}

static void sleep_microseconds(long microseconds)
{
    struct timespec pause = { microseconds / 1000000, (microseconds % 1000000) * 1000 };
    while (nanosleep(&pause, &pause) != 0 && errno == EINTR)
        continue;
}

/* Put the good outputs back (new inodes, so mtimes are those of now): the
 * state each kill starts from, recorded anew. */
static void restore_good(struct fixture *f)
{
    remove_tree(f->out);
    const char *args[] = { "-q", minimal_spec, "-o", f->out, NULL };
    run_or_fail(args);
    char user_file[4096];
    path_printf(user_file, sizeof user_file, "%s/NOTES.txt", f->out);
    write_or_fail(user_file, "the user's own notes\n", 21);
    free_snapshot(&f->good);
    f->good = take_snapshot(f->out);
}

/* SIGKILL from outside at many moments of the write phase: as soon as
 * the first temporary file appears, then later and later, until a run
 * finishes first. Each time, every file is whole. */
static void test_sigkill_at_any_moment_keeps_each_file_whole(void **state)
{
    struct fixture *f = *state;
    struct snapshot fresh = fresh_outputs(f, f->big_spec);

    const char *argv[] = { replygen, "-q", f->big_spec, "-o", f->out, NULL };
    int killed_while_writing = 0, finished = 0;
    for (long delay = 0; delay <= 200000 && finished < 2; delay = delay ? delay * 2 : 250) {
        restore_good(f);
        pid_t child = spawn(argv);
        /* Wait for the write phase (bounded: the run may end first). */
        int status = 0;
        pid_t done = 0;
        time_t give_up = time(NULL) + (time_t)bounded_run_seconds();
        while (!has_temporary(f->out) && (done = waitpid(child, &status, WNOHANG)) == 0 && time(NULL) < give_up)
            sleep_microseconds(100);
        if (done == 0) {
            sleep_microseconds(delay);
            kill(child, SIGKILL);
            assert_int_equal(waitpid(child, &status, 0), child);
        }
        if (WIFSIGNALED(status)) {
            killed_while_writing++;
        } else {
            assert_true(WIFEXITED(status));
            assert_int_equal(WEXITSTATUS(status), 0);
            finished++;
        }
        assert_each_file_whole(f, &fresh);
        if (!WIFSIGNALED(status))
            assert_outputs_are(f, &fresh);
    }
    print_message("killed %d runs while they wrote, %d finished first\n", killed_while_writing, finished);
    assert_true(killed_while_writing >= 1);
    free_snapshot(&fresh);
}

/* ---- what stands at an output's name (issue 14, items 8 and 15) ---- */

/* The path of the output name in f's output folder. */
static void output_path(const struct fixture *f, const char *name, char *path, size_t size)
{
    path_printf(path, size, "%s/%s", f->out, name);
}

/* A run and a --check into f->out, where the output name holds something
 * that is not a regular file: both refuse it, at its name, and change
 * nothing. */
static void expect_not_regular_refused(const struct fixture *f, const char *name)
{
    char replace_message[256], check_message[256];
    snprintf(replace_message, sizeof replace_message, "/%s: error: cannot replace: not a regular file\n", name);
    snprintf(check_message, sizeof check_message, "/%s: error: not a regular file\n", name);
    struct snapshot before = take_snapshot(f->out);
    const char *args[] = { f->changed_spec, "-o", f->out, NULL };
    expect_refusal(&before, f->out, args, NULL, 1, replace_message);
    const char *check[] = { "--check", f->changed_spec, "-o", f->out, NULL };
    expect_refusal(&before, f->out, check, NULL, 1, check_message);
    free_snapshot(&before);
}

/* An output's name is a symbolic link to /dev/zero: once read without
 * bound until memory ran out. Now refused, as any file that is not a
 * regular one, before anything is written; --check says so. */
static void test_output_linked_to_dev_zero_is_refused(void **state)
{
    struct fixture *f = *state;
    char path[4096];
    output_path(f, "toy_replies.h", path, sizeof path);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(symlink("/dev/zero", path), 0);
    expect_not_regular_refused(f, "toy_replies.h");
}

/* A FIFO at an output's name: opening it to read waited for a writer
 * forever. Now refused at once. */
static void test_output_that_is_a_fifo_is_refused(void **state)
{
    struct fixture *f = *state;
    char path[4096];
    output_path(f, "toy_replies.c", path, sizeof path);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(mkfifo(path, 0644), 0);
    expect_not_regular_refused(f, "toy_replies.c");
}

/* A sparse file of 4 GiB at an output's name: read only as far as the
 * output's length and one byte more, or 1 MiB more for --check (the
 * bounded run allows 512 MiB). Not snapshotted: the test would read it. */
static void test_huge_file_at_an_output_name_is_read_with_a_bound(void **state)
{
    struct fixture *f = *state;
    char path[4096];
    output_path(f, "toy_replies.c", path, sizeof path);
    int fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    const off_t huge = (off_t)4 << 30;
    assert_int_equal(ftruncate(fd, huge), 0);
    assert_int_equal(close(fd), 0);
    const char *check[] = { "--check", f->changed_spec, "-o", f->out, NULL };
    struct process_result result;
    bounded_run(replygen, check, NULL, &result);
    if (result.status != 1
        || !strstr(result.err,
                   "/toy_replies.c: error: differs from what the spec generates (larger "
                   "than "))
        fail_msg("expected exit 1 and the huge file said to differ; got exit %d:\n%s", result.status, result.err);
    process_result_free(&result);
    struct stat info;
    assert_int_equal(stat(path, &info), 0);
    assert_true(info.st_size == huge);
    const char *args[] = { "-q", f->changed_spec, "-o", f->out, NULL };
    run_or_fail(args);
    assert_int_equal(stat(path, &info), 0);
    assert_true(info.st_size > 0 && info.st_size < 1 << 20);
    run_or_fail(check);
}

/* A partial ({{> p}}) that is a FIFO: the same wait, now refused. */
static void test_partial_that_is_a_fifo_is_refused(void **state)
{
    struct fixture *f = *state;
    char templates[4096], path[4096];
    path_printf(templates, sizeof templates, "%s/templates", f->work);
    assert_int_equal(mkdir(templates, 0755), 0);
    path_printf(path, sizeof path, "%s/a.txt.mustache", templates);
    write_or_fail(path, "before {{> p}} after\n", 21);
    path_printf(path, sizeof path, "%s/p.mustache", templates);
    assert_int_equal(mkfifo(path, 0644), 0);
    char message[4200];
    path_printf(message, sizeof message, "error: cannot read partial %s: not a regular file\n", path);
    const char *args[] = { "-t", templates, f->changed_spec, "-o", f->out, NULL };
    expect_failure(f, args, message);
}

/* A folder at an output's name, each in turn (the last one written used to
 * fail only after the others had been replaced): every name is looked at
 * before any file is replaced. */
static void test_folder_at_any_output_name_changes_nothing(void **state)
{
    struct fixture *f = *state;
    size_t count = f->good.count;
    char(*names)[256] = calloc(count, sizeof *names);
    for (size_t i = 0; i < count; i++)
        path_printf(names[i], sizeof names[i], "%s", f->good.entries[i].name);
    int tried = 0;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(names[i], "NOTES.txt") == 0)
            continue;
        restore_good(f);
        char path[4096], message[4400];
        output_path(f, names[i], path, sizeof path);
        assert_int_equal(unlink(path), 0);
        assert_int_equal(mkdir(path, 0755), 0);
        struct snapshot before = take_snapshot(f->out);
        path_printf(message, sizeof message, "%s: error: cannot replace: Is a directory\n", path);
        const char *args[] = { f->changed_spec, "-o", f->out, NULL };
        expect_refusal(&before, f->out, args, NULL, 1, message);
        free_snapshot(&before);
        tried++;
    }
    assert_int_equal(tried, (int)count - 1);
    free(names);
}

/* -o "": once read before the start of a buffer, and --check looked at /.
 * A usage error now, whatever the current folder. */
static void test_empty_output_folder_name_is_refused(void **state)
{
    struct fixture *f = *state;
    const char *message = "replygen: -o needs a folder name, not an empty one\n";
    const char *args[] = { f->changed_spec, "-o", "", NULL };
    expect_refusal(&f->good, f->out, args, f->out, 2, message);
    const char *check[] = { "--check", f->changed_spec, "-o", "", NULL };
    expect_refusal(&f->good, f->out, check, f->out, 2, message);
    const char *long_option[] = { f->changed_spec, "--output=", NULL };
    expect_refusal(&f->good, f->out, long_option, f->out, 2, message);
}

/* ---- leftovers and a run stopped at each step (item 16) ---- */

/* The temporary files of runs killed before their commit are removed by
 * the next run; only those, for the outputs of this run: not a user's
 * dotfile, nor one for a file this run does not write, nor a folder. */
static void test_next_run_removes_only_its_own_leftovers(void **state)
{
    struct fixture *f = *state;
    const char *leftovers[] = { ".toy_replies.h.replygen-AbC123", ".test_toy_replies.c.replygen-zzzzzz",
                                "..replygen-journal.replygen-Q1w2E3" };
    const char *kept[] = { ".toy_replies.h.backup", ".other.h.replygen-AbC123", ".toy_replies.h.replygen-AbC12",
                           ".toy_replies.h.replygen-AbC12!" };
    char path[4096];
    for (size_t i = 0; i < sizeof leftovers / sizeof *leftovers; i++) {
        output_path(f, leftovers[i], path, sizeof path);
        write_or_fail(path, "half", 4);
    }
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        output_path(f, kept[i], path, sizeof path);
        write_or_fail(path, "mine", 4);
    }
    output_path(f, ".toy_replies.c.replygen-DdDdDd", path, sizeof path);
    assert_int_equal(mkdir(path, 0755), 0);
    const char *args[] = { "-q", f->changed_spec, "-o", f->out, NULL };
    run_or_fail(args);
    for (size_t i = 0; i < sizeof leftovers / sizeof *leftovers; i++) {
        output_path(f, leftovers[i], path, sizeof path);
        if (access(path, F_OK) == 0)
            fail_msg("%s was not removed", leftovers[i]);
    }
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        output_path(f, kept[i], path, sizeof path);
        char *bytes = read_whole_file(path, NULL);
        if (!bytes || strcmp(bytes, "mine") != 0)
            fail_msg("%s was removed or changed", kept[i]);
        free(bytes);
    }
    output_path(f, ".toy_replies.c.replygen-DdDdDd", path, sizeof path);
    assert_int_equal(access(path, F_OK), 0);
}

static bool has_file(const char *dir, const char *name)
{
    char path[4096];
    path_printf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* Whether the folder holds exactly the outputs of fresh (their bytes) and
 * the user's file, untouched, and nothing else. */
static bool is_new_set(const struct fixture *f, const struct snapshot *fresh)
{
    struct snapshot now = take_snapshot(f->out);
    bool same =
        now.count == fresh->count + 1 && same_file(find_entry(&f->good, "NOTES.txt"), find_entry(&now, "NOTES.txt"));
    for (size_t i = 0; i < fresh->count && same; i++) {
        const struct entry *want = &fresh->entries[i], *have = find_entry(&now, want->name);
        same = have && have->bytes && have->size == want->size
            && memcmp(have->bytes, want->bytes, (size_t)want->size) == 0;
    }
    free_snapshot(&now);
    return same;
}

static void assert_new_set(const struct fixture *f, const struct snapshot *fresh)
{
    if (!is_new_set(f, fresh))
        fail_msg("%s does not hold exactly the new set of outputs and the user's file", f->out);
}

/* Run replygen on spec into f->out, listing what it writes; returns what
 * it printed. */
static char *run_listing(const struct fixture *f, const char *spec)
{
    const char *args[] = { spec, "-o", f->out, NULL };
    struct process_result result;
    bounded_run(replygen, args, NULL, &result);
    if (result.status != 0)
        fail_msg("replygen failed (exit %d): %s", result.status, result.err);
    char *out = strdup(result.out);
    process_result_free(&result);
    return out;
}

/* Run replygen on the changed spec into f->out, stopped (stop_at_step.c)
 * just before step stop_at. */
static void run_stopped_at(const struct fixture *f, int stop_at, struct process_result *result)
{
    char step[16];
    path_printf(step, sizeof step, "%d", stop_at);
    const char *args[] = { "-c",
                           "LD_PRELOAD=\"$1\" REPLYGEN_TEST_STOP_AT=\"$2\" "
                           "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0\" "
                           "export LD_PRELOAD REPLYGEN_TEST_STOP_AT ASAN_OPTIONS; shift 2; exec \"$0\" \"$@\"",
                           replygen,
                           stop_at_step,
                           step,
                           "-q",
                           f->changed_spec,
                           "-o",
                           f->out,
                           NULL };
    bounded_run("/bin/sh", args, NULL, result);
}

/* A crash or a power cut, as a test can make one: the run is stopped
 * (SIGKILL, by stop_at_step.c) just before its first step that changes
 * the disk, then before its second, and so on until it finishes; steps
 * are each write(), fsync(), rename() and unlink() it makes. After each
 * stop the folder holds
 * - the old set, untouched, and temporary files (stopped before the
 *   commit); the next run removes those and, run on the old spec, writes
 *   nothing: the old set stands;
 * - or the journal, and each output old or new (stopped after the commit);
 *   the next run completes the new set before anything else, so, run on
 *   the new spec, it has nothing left to write;
 * - or the new set, whole (stopped after the journal was removed).
 * A power cut may also lose what was not yet fsync'ed; replace.c syncs
 * each file and the folder before the commit and after it, so what
 * survives is one of these states too (that part is argued, not tested). */
static void test_run_stopped_at_each_step_leaves_old_set_or_new_set(void **state)
{
    struct fixture *f = *state;
    struct snapshot fresh = fresh_outputs(f, f->changed_spec);

    int before_commit = 0, after_commit = 0, after_journal = 0;
    bool finished = false;
    for (int stop_at = 1; !finished && stop_at < 1000; stop_at++) {
        restore_good(f);
        struct process_result result;
        run_stopped_at(f, stop_at, &result);
        if (!bounded_run_stopped(&result)) {
            if (result.status != 0)
                fail_msg("step %d: exit %d:\n%s", stop_at, result.status, result.err);
            finished = true;
            assert_new_set(f, &fresh);
            process_result_free(&result);
            print_message("%d steps; stopped %d times before the commit, %d times after it, %d times after the end\n",
                          stop_at - 1, before_commit, after_commit, after_journal);
            break;
        }
        process_result_free(&result);
        assert_each_file_whole(f, &fresh);
        if (has_file(f->out, JOURNAL)) {
            after_commit++;
            const char *check[] = { "--check", f->changed_spec, "-o", f->out, NULL };
            struct process_result checked;
            bounded_run(replygen, check, NULL, &checked);
            if (checked.status != 1 || !strstr(checked.err, "/" JOURNAL ": error: a run was interrupted"))
                fail_msg("step %d: --check did not report the unfinished update (exit %d):\n%s", stop_at,
                         checked.status, checked.err);
            process_result_free(&checked);
            char *listed = run_listing(f, f->changed_spec);
            if (listed[0])
                fail_msg("step %d: the next run did not complete the update first; it wrote:\n%s", stop_at, listed);
            free(listed);
            assert_new_set(f, &fresh);
        } else if (is_new_set(f, &fresh)) {
            after_journal++;
        } else {
            before_commit++;
            assert_unchanged_but_temporaries(&f->good, f->out, true);
            char *listed = run_listing(f, minimal_spec);
            if (listed[0])
                fail_msg("step %d: the old set did not stand; the next run wrote:\n%s", stop_at, listed);
            free(listed);
            assert_unchanged(&f->good, f->out);
        }
    }
    assert_true(finished);
    assert_true(before_commit >= 1 && after_commit >= 1 && after_journal >= 1);
    free_snapshot(&fresh);
}

/* A run stopped just after its commit, then a folder made at an output's
 * name: the next run completes what it can (the new files are whole, and
 * the only way is forward), says what it cannot, and keeps the journal;
 * once the folder is gone, a run completes the new set. */
static void test_unfinished_update_blocked_by_a_folder_is_reported(void **state)
{
    struct fixture *f = *state;
    struct snapshot fresh = fresh_outputs(f, f->changed_spec);
    for (int stop_at = 1; stop_at < 1000 && !has_file(f->out, JOURNAL); stop_at++) {
        restore_good(f);
        struct process_result result;
        run_stopped_at(f, stop_at, &result);
        assert_true(bounded_run_stopped(&result));
        process_result_free(&result);
    }
    assert_true(has_file(f->out, JOURNAL));
    char path[4096], message[4400];
    output_path(f, "toy_replies.h", path, sizeof path);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(mkdir(path, 0755), 0);
    path_printf(message, sizeof message,
                "%s: error: cannot complete the update an interrupted run began: cannot replace: Is a directory\n",
                path);
    const char *args[] = { "-q", f->changed_spec, "-o", f->out, NULL };
    struct process_result result;
    bounded_run(replygen, args, NULL, &result);
    if (result.status != 1 || strcmp(result.err, message) != 0)
        fail_msg("expected exit 1 and\n%sgot exit %d:\n%s", message, result.status, result.err);
    process_result_free(&result);
    assert_true(has_file(f->out, JOURNAL));
    assert_int_equal(rmdir(path), 0);
    run_or_fail(args);
    assert_new_set(f, &fresh);
    free_snapshot(&fresh);
}

/* Two runs into one folder take turns: each would take the other's
 * temporary files for leftovers. A run waits while the folder is locked
 * (here by the test, as another run locks it), then writes. */
static void test_runs_into_one_folder_take_turns(void **state)
{
    struct fixture *f = *state;
    int folder = open(f->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    assert_true(folder >= 0);
    assert_int_equal(flock(folder, LOCK_EX), 0);
    const char *argv[] = { replygen, "-q", f->changed_spec, "-o", f->out, NULL };
    pid_t child = spawn(argv);
    sleep_microseconds(300000L * (long)(bounded_run_seconds() / 60));
    int status;
    assert_int_equal(waitpid(child, &status, WNOHANG), 0);
    assert_unchanged(&f->good, f->out);
    assert_int_equal(close(folder), 0);
    time_t give_up = time(NULL) + (time_t)bounded_run_seconds();
    pid_t done;
    while ((done = waitpid(child, &status, WNOHANG)) == 0 && time(NULL) < give_up)
        sleep_microseconds(1000);
    if (done == 0) {
        kill(child, SIGKILL);
        waitpid(child, &status, 0);
        fail_msg("replygen still waits after the folder was unlocked");
    }
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const char *check[] = { "--check", f->changed_spec, "-o", f->out, NULL };
    run_or_fail(check);
}

/* LD_PRELOAD splits its list at spaces and colons, with no escape: a build
 * folder at such a path (/tmp/replygen ci.x/replygen) is reached through a
 * link in a folder of our own. */
static char preload_dir[] = "/tmp/replygen-preload-XXXXXX";
static char preload_link[sizeof preload_dir + 32];

static void remove_preload_link(void)
{
    unlink(preload_link);
    rmdir(preload_dir);
}

static const char *preloadable(const char *library)
{
    if (!strpbrk(library, " :"))
        return library;
    if (!mkdtemp(preload_dir)) {
        perror("mkdtemp");
        exit(1);
    }
    snprintf(preload_link, sizeof preload_link, "%s/stop_at_step.so", preload_dir);
    if (symlink(library, preload_link) != 0) {
        perror(preload_link);
        rmdir(preload_dir);
        exit(1);
    }
    atexit(remove_preload_link);
    return preload_link;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s REPLYGEN MINIMAL_SPEC TEMPLATE_DIR STOP_AT_STEP\n", argv[0]);
        return 2;
    }
    replygen = argv[1];
    minimal_spec = argv[2];
    template_dir = argv[3];
    stop_at_step = preloadable(argv[4]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_invalid_spec_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_template_syntax_error_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_folder_under_a_file_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_output_folder_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_killed_in_the_middle_of_a_write_keeps_good_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigkill_at_any_moment_keeps_each_file_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_linked_to_dev_zero_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_that_is_a_fifo_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_file_at_an_output_name_is_read_with_a_bound, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_that_is_a_fifo_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folder_at_any_output_name_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_output_folder_name_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_next_run_removes_only_its_own_leftovers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_stopped_at_each_step_leaves_old_set_or_new_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unfinished_update_blocked_by_a_folder_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_runs_into_one_folder_take_turns, setup, teardown),
    };
    return cmocka_run_group_tests_name("nothing lost", tests, NULL, NULL);
}
