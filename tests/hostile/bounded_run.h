/* bounded_run.h: run a program as a user would (support/process.h), but in
 * bounded memory and time, so that a test of a hostile input fails instead
 * of hanging or swapping when a limit is missing. */
#ifndef REPLYGEN_TEST_BOUNDED_RUN_H
#define REPLYGEN_TEST_BOUNDED_RUN_H

#include "support/process.h"

#include <stddef.h>

/* The bounds: address space (not under AddressSanitizer, which reserves
 * terabytes of it: there its hard_rss_limit_mb bounds the memory in use),
 * CPU time, and wall-clock time. REPLYGEN_TEST_SLOWDOWN=N multiplies the
 * times, for valgrind or a slow machine. */
#define BOUNDED_RUN_MEMORY_MB 512
#define BOUNDED_RUN_SECONDS   60

/* Whether the program was stopped by a signal (a limit hit, or the signal
 * a test arranged): timeout passes its child's end on, so process_run
 * reports -1; 124 is timeout's own status for a run out of time. */
int bounded_run_stopped(const struct process_result *result);

/* Run program with args (NULL-terminated; program not included) in cwd
 * under the bounds; fails the test when it cannot be run. */
void bounded_run(const char *program, const char *const args[], const char *cwd, struct process_result *result);

/* snprintf that fails the test when the text does not fit (and so tells
 * gcc that truncation is handled). */
void path_printf(char *out, size_t size, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The time limit in seconds, the slowdown included. */
unsigned bounded_run_seconds(void);

#endif
