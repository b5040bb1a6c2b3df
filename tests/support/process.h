/* process.h: run a program the way a user would, and keep what it printed. */
#ifndef REPLYGEN_TEST_PROCESS_H
#define REPLYGEN_TEST_PROCESS_H

#include <stddef.h>

struct process_result {
    int status; /* exit status, or -1 when it did not exit normally */
    char *out;  /* standard output, NUL-terminated */
    size_t out_length;
    char *err; /* standard error, NUL-terminated */
    size_t err_length;
};

/* Run argv (argv[0] a path) in folder cwd (NULL: the current one) with no
 * standard input. Returns 0 when it ran, -1 when it could not be started. */
int process_run(const char *const argv[], const char *cwd, struct process_result *result);
void process_result_free(struct process_result *result);

/* Small file helpers for tests: read a whole file (NULL when missing) and
 * write one. */
char *read_whole_file(const char *path, size_t *length);
int file_write(const char *path, const char *bytes, size_t length);

/* A new empty folder under the system's temporary folder; remove_tree
 * deletes it and everything in it. */
char *temp_folder(void);
void remove_tree(const char *path);

/* A folder for a run that must fail and change nothing: a new temporary
 * folder holding one file, keep.txt, with known bytes; NULL on failure. */
char *untouched_folder_new(void);
/* 1 when folder still holds only keep.txt, byte for byte; else 0, with
 * the first unexpected name (or "keep.txt") written into problem. */
int untouched_folder_check(const char *folder, char *problem, size_t size);

#endif
