/* process.c: run a program with its output captured in temporary files
 * (simpler than pipes, and no deadlock however much it prints). */
#define _POSIX_C_SOURCE 200809L
#include "process.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *read_whole_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    size_t capacity = 4096, used = 0;
    char *data = malloc(capacity);
    size_t got;
    while (data && (got = fread(data + used, 1, capacity - used - 1, file)) > 0) {
        used += got;
        if (capacity - used < 2) {
            char *bigger = realloc(data, capacity * 2);
            if (!bigger) {
                free(data);
                data = NULL;
                break;
            }
            data = bigger;
            capacity *= 2;
        }
    }
    fclose(file);
    if (!data)
        return NULL;
    data[used] = '\0';
    if (length)
        *length = used;
    return data;
}

int file_write(const char *path, const char *bytes, size_t length)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    size_t wrote = fwrite(bytes, 1, length, file);
    return fclose(file) == 0 && wrote == length ? 0 : -1;
}

char *temp_folder(void)
{
    const char *base = getenv("TMPDIR");
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/replygen-test-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(pattern))
        return NULL;
    return strdup(pattern);
}

void remove_tree(const char *path)
{
    DIR *folder = opendir(path);
    if (folder) {
        struct dirent *entry;
        while ((entry = readdir(folder)) != NULL) {
            if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
                continue;
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
            struct stat info;
            if (lstat(child, &info) == 0 && S_ISDIR(info.st_mode))
                remove_tree(child);
            else
                unlink(child);
        }
        closedir(folder);
    }
    rmdir(path);
}

static int capture_file(char *pattern)
{
    int fd = mkstemp(pattern);
    if (fd >= 0)
        unlink(pattern); /* gone once closed */
    return fd;
}

static char *read_fd(int fd, size_t *length)
{
    size_t capacity = 4096, used = 0;
    char *data = malloc(capacity);
    lseek(fd, 0, SEEK_SET);
    ssize_t got;
    while (data && (got = read(fd, data + used, capacity - used - 1)) > 0) {
        used += (size_t)got;
        if (capacity - used < 2) {
            capacity *= 2;
            char *bigger = realloc(data, capacity);
            if (!bigger) {
                free(data);
                return NULL;
            }
            data = bigger;
        }
    }
    if (data)
        data[used] = '\0';
    *length = used;
    return data;
}

int process_run(const char *const argv[], const char *cwd, struct process_result *result)
{
    memset(result, 0, sizeof *result);
    char out_name[] = "/tmp/replygen-out-XXXXXX", err_name[] = "/tmp/replygen-err-XXXXXX";
    int out = capture_file(out_name), err = capture_file(err_name);
    if (out < 0 || err < 0)
        return -1;
    fflush(NULL);
    pid_t child = fork();
    if (child < 0)
        return -1;
    if (child == 0) {
        int nothing = open("/dev/null", O_RDONLY);
        dup2(nothing, 0);
        dup2(out, 1);
        dup2(err, 2);
        if (cwd && chdir(cwd) != 0)
            _exit(126);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    if (waitpid(child, &status, 0) < 0)
        return -1;
    result->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result->out = read_fd(out, &result->out_length);
    result->err = read_fd(err, &result->err_length);
    close(out);
    close(err);
    return 0;
}

void process_result_free(struct process_result *result)
{
    free(result->out);
    free(result->err);
    memset(result, 0, sizeof *result);
}

static const char kept_bytes[] = "a file that must survive\n";

char *untouched_folder_new(void)
{
    char *folder = temp_folder();
    if (!folder)
        return NULL;
    char keep[4096];
    snprintf(keep, sizeof keep, "%s/keep.txt", folder);
    if (file_write(keep, kept_bytes, sizeof kept_bytes - 1) != 0) {
        remove_tree(folder);
        free(folder);
        return NULL;
    }
    return folder;
}

int untouched_folder_check(const char *folder, char *problem, size_t size)
{
    DIR *listing = opendir(folder);
    if (!listing) {
        snprintf(problem, size, "%s", folder);
        return 0;
    }
    int untouched = 1;
    const struct dirent *entry;
    while (untouched && (entry = readdir(listing)) != NULL)
        if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..") && strcmp(entry->d_name, "keep.txt")) {
            snprintf(problem, size, "%s", entry->d_name);
            untouched = 0;
        }
    closedir(listing);
    if (!untouched)
        return 0;
    char keep[4096];
    snprintf(keep, sizeof keep, "%s/keep.txt", folder);
    char *kept = read_whole_file(keep, NULL);
    untouched = kept && strcmp(kept, kept_bytes) == 0;
    free(kept);
    if (!untouched)
        snprintf(problem, size, "keep.txt");
    return untouched;
}
