/* spawn.c: bench_spawn, run one command and report its process time and
 * peak memory, as /usr/bin/time -v does but to the microsecond:
 *
 *   bench_spawn DIR COMMAND [ARG]...
 *
 * runs COMMAND in DIR with standard output discarded and prints
 * "cpu_ms=", "maxrss_kib=" and "status=" lines. It is a small C program
 * on purpose: a child forked from a large process (Python) inherits that
 * process's resident size as its peak (Linux keeps the high-water mark
 * across exec), and would count the fork's own work as the command's. */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_spawn DIR COMMAND [ARG]...\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench_spawn: fork");
        return 2;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (chdir(argv[1]) != 0 || null < 0 || dup2(null, 1) < 0) {
            perror("bench_spawn");
            _exit(127);
        }
        execv(argv[2], argv + 2);
        perror("bench_spawn: exec");
        _exit(127);
    }
    int status;
    struct rusage usage;
    /* The child's usage includes that of the children it waited for
     * (compile_et is a shell script that runs awk). */
    if (wait4(pid, &status, 0, &usage) < 0) {
        perror("bench_spawn: wait4");
        return 2;
    }
    double cpu_ms = (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
        + (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    printf("cpu_ms=%.3f\nmaxrss_kib=%ld\nstatus=%d\n", cpu_ms, usage.ru_maxrss,
           WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return 0;
}
