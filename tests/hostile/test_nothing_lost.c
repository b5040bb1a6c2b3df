/* test_nothing_lost.c: after any failure the output folder is as it was,
 * byte for byte and mtime for mtime, and a partly written file never
 * replaces a good one: an invalid spec, a template with a syntax error, an
 * output folder that cannot be written, a full disk, a run killed while it
 * writes.
 *
 * Each test starts from a folder of good outputs (of the minimal spec) and
 * a file of the user's, then runs replygen on a changed spec, which a
 * successful run would write.
 *
 * Usage: test_nothing_lost REPLYGEN MINIMAL_SPEC TEMPLATE_DIR */
#define _POSIX_C_SOURCE 200809L
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *replygen;
static const char *minimal_spec;
static const char *template_dir;

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
    return a->mode == b->mode && a->size == b->size && a->mtime.tv_sec == b->mtime.tv_sec
        && a->mtime.tv_nsec == b->mtime.tv_nsec && a->bytes && b->bytes
        && memcmp(a->bytes, b->bytes, (size_t)a->size) == 0;
}

/* replygen's temporary file for an output: ".NAME.XXXXXX". */
static bool is_temporary(const char *name)
{
    size_t length = strlen(name);
    return name[0] == '.' && length > 8 && name[length - 7] == '.';
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

static void expect_failure(const struct fixture *f, const char *const args[], const char *message)
{
    struct process_result result;
    bounded_run(replygen, args, NULL, &result);
    if (result.status != 1 || !strstr(result.err, message))
        fail_msg("expected exit 1 and '%s' on standard error; got exit %d:\n%s", message, result.status, result.err);
    process_result_free(&result);
    assert_unchanged(&f->good, f->out);
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
 * complete new one. Other than those, only replygen's temporary files may
 * be there (a killed process cannot remove them); returns their number. */
static size_t assert_each_file_whole(const struct fixture *f, const struct snapshot *fresh)
{
    struct snapshot after = take_snapshot(f->out);
    size_t temporaries = 0;
    for (size_t i = 0; i < after.count; i++) {
        const struct entry *now = &after.entries[i];
        const struct entry *old = find_entry(&f->good, now->name);
        const struct entry *new = find_entry(fresh, now->name);
        if (!old && !new) {
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
    char fresh_dir[4096];
    path_printf(fresh_dir, sizeof fresh_dir, "%s/fresh", f->work);
    const char *fresh_args[] = { "-q", f->big_spec, "-o", fresh_dir, NULL };
    run_or_fail(fresh_args);
    struct snapshot fresh = take_snapshot(fresh_dir);

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
    /* The next run replaces every output, and leaves or removes the
     * leftovers, but adds none. */
    const char *again[] = { "-q", f->big_spec, "-o", f->out, NULL };
    run_or_fail(again);
    assert_true(assert_each_file_whole(f, &fresh) <= temporaries);
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
    char fresh_dir[4096];
    path_printf(fresh_dir, sizeof fresh_dir, "%s/fresh", f->work);
    const char *fresh_args[] = { "-q", f->big_spec, "-o", fresh_dir, NULL };
    run_or_fail(fresh_args);
    struct snapshot fresh = take_snapshot(fresh_dir);

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

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s REPLYGEN MINIMAL_SPEC TEMPLATE_DIR\n", argv[0]);
        return 2;
    }
    replygen = argv[1];
    minimal_spec = argv[2];
    template_dir = argv[3];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_invalid_spec_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_template_syntax_error_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_folder_under_a_file_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_output_folder_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_killed_in_the_middle_of_a_write_keeps_good_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigkill_at_any_moment_keeps_each_file_whole, setup, teardown),
    };
    return cmocka_run_group_tests_name("nothing lost", tests, NULL, NULL);
}
