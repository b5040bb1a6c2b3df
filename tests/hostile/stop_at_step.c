/* stop_at_step.c: a fault injector for tests, preloaded into replygen
 * (LD_PRELOAD), never part of it. Each call that changes what is on disk,
 * write(), fsync(), rename() and unlink(), is a step; with
 * REPLYGEN_TEST_STOP_AT=N in the environment the process kills itself
 * (SIGKILL, as a crash or a power cut stops it) just before step N, so
 * steps 1 to N-1 are done and none after. The calls glibc makes inside
 * itself (mkstemp's open, printf's write) are not steps: they cannot be
 * interposed, and only the calls the writer makes matter here. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void step(void)
{
    static long count, stop_at = -1;
    if (stop_at < 0) {
        const char *text = getenv("REPLYGEN_TEST_STOP_AT");
        stop_at = text ? strtol(text, NULL, 10) : 0;
    }
    if (stop_at > 0 && ++count == stop_at)
        kill(getpid(), SIGKILL);
}

/* Set *function to the next definition of name, libc's (copied as bytes:
 * ISO C has no cast from dlsym's object pointer to a function pointer). */
static void find_real(const char *name, void *function, size_t size)
{
    void *found = dlsym(RTLD_NEXT, name);
    if (!found || size != sizeof found)
        abort();
    memcpy(function, &found, size);
}

ssize_t write(int fd, const void *bytes, size_t length)
{
    ssize_t (*real)(int, const void *, size_t);
    find_real("write", &real, sizeof real);
    step();
    return real(fd, bytes, length);
}

int fsync(int fd)
{
    int (*real)(int);
    find_real("fsync", &real, sizeof real);
    step();
    return real(fd);
}

int rename(const char *from, const char *to)
{
    int (*real)(const char *, const char *);
    find_real("rename", &real, sizeof real);
    step();
    return real(from, to);
}

int unlink(const char *path)
{
    int (*real)(const char *);
    find_real("unlink", &real, sizeof real);
    step();
    return real(path);
}
