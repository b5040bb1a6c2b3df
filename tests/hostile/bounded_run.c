/* bounded_run.c: the limits are set by a small shell that then execs
 * coreutils' timeout: ulimit -v (RLIMIT_AS) and -t (RLIMIT_CPU), and a
 * SIGKILL once the wall-clock time is up. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bounded_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

void path_printf(char *out, size_t size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int length = vsnprintf(out, size, format, args);
    va_end(args);
    if (length < 0 || (size_t)length >= size)
        fail_msg("a path or name is too long: %s...", out);
}

int bounded_run_stopped(const struct process_result *result)
{
    return result->status == -1 || result->status == 124 || result->status >= 128;
}

unsigned bounded_run_seconds(void)
{
    const char *slowdown = getenv("REPLYGEN_TEST_SLOWDOWN");
    long factor = slowdown ? strtol(slowdown, NULL, 10) : 1;
    return BOUNDED_RUN_SECONDS * (unsigned)(factor > 0 && factor < 1000 ? factor : 1);
}

void bounded_run(const char *program, const char *const args[], const char *cwd, struct process_result *result)
{
    unsigned seconds = bounded_run_seconds();
    char script[512];
    if (UNDER_ASAN)
        snprintf(script, sizeof script,
                 "ulimit -t %u || exit 125\n"
                 "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=%d\" export ASAN_OPTIONS\n"
                 "exec timeout -s KILL %u \"$@\"\n",
                 seconds, BOUNDED_RUN_MEMORY_MB * 2, seconds);
    else
        snprintf(script, sizeof script,
                 "ulimit -t %u || exit 125\n"
                 "ulimit -v %d || exit 125\n"
                 "exec timeout -s KILL %u \"$@\"\n",
                 seconds, BOUNDED_RUN_MEMORY_MB * 1024, seconds);
    const char *argv[64] = { "/bin/sh", "-c", script, "bounded-run", program };
    size_t count = 5;
    for (size_t i = 0; args[i]; i++) {
        if (count + 1 >= sizeof argv / sizeof argv[0])
            fail_msg("bounded_run: too many arguments");
        argv[count++] = args[i];
    }
    argv[count] = NULL;
    if (process_run(argv, cwd, result) != 0)
        fail_msg("cannot run %s", program);
    if (result->status == 125)
        fail_msg("cannot set the limits to run %s: %s", program, result->err);
}
