/* replay.c: a main for a fuzz target without libFuzzer. It runs every file
 * named (folders: every file in them, in name order) through the target
 * once, so the seed corpus and the findings kept as regressions run as
 * ordinary tests, under gcc, the sanitizers or valgrind.
 * Usage: replay_NAME FILE_OR_FOLDER... */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional in a target: weak, so that a target without it links. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file) {
        perror(path);
        return -1;
    }
    size_t capacity = 1 << 16, size = 0;
    uint8_t *data = malloc(capacity);
    size_t got;
    while (data && (got = fread(data + size, 1, capacity - size, file)) > 0) {
        size += got;
        if (size == capacity) {
            uint8_t *bigger = realloc(data, capacity * 2);
            if (!bigger) {
                free(data);
                data = NULL;
                break;
            }
            data = bigger;
            capacity *= 2;
        }
    }
    int failed = ferror(file) || !data;
    fclose(file);
    if (failed) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(data);
        return -1;
    }
    /* A copy of exactly size bytes, as libFuzzer gives: reading past the
     * input is then caught by the sanitizers and valgrind. */
    uint8_t *exact = malloc(size ? size : 1);
    if (!exact) {
        free(data);
        return -1;
    }
    memcpy(exact, data, size);
    free(data);
    LLVMFuzzerTestOneInput(exact, size);
    free(exact);
    return 0;
}

static int compare_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Returns the number of files run, or -1 after a problem. */
static long replay_path(const char *path)
{
    struct stat info;
    if (stat(path, &info) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(info.st_mode))
        return replay_file(path) == 0 ? 1 : -1;
    DIR *folder = opendir(path);
    if (!folder) {
        perror(path);
        return -1;
    }
    char **names = NULL;
    size_t count = 0;
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char **more = realloc(names, (count + 1) * sizeof *names);
        if (!more)
            break;
        names = more;
        size_t length = strlen(path) + strlen(entry->d_name) + 2;
        names[count] = malloc(length);
        snprintf(names[count], length, "%s/%s", path, entry->d_name);
        count++;
    }
    closedir(folder);
    qsort(names, count, sizeof *names, compare_names);
    long done = 0;
    for (size_t i = 0; i < count; i++) {
        long files = done >= 0 ? replay_path(names[i]) : 0;
        done = files < 0 ? -1 : done + files;
        free(names[i]);
    }
    free(names);
    return done;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_FOLDER...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    long total = 0;
    for (int i = 1; i < argc; i++) {
        long files = replay_path(argv[i]);
        if (files < 0)
            return 1;
        total += files;
    }
    if (total == 0) {
        fprintf(stderr, "%s: no input to replay\n", argv[0]);
        return 1;
    }
    printf("replayed %ld inputs, each ran through the target without a finding\n", total);
    return 0;
}
