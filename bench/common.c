/* common.c: clock, PRNG, median and result lines for the benchmarks. */
#define _POSIX_C_SOURCE 200809L
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

volatile uint64_t bench_sink;

uint64_t bench_now_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

uint64_t bench_rng_next(struct bench_rng *rng)
{
    uint64_t z = (rng->state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

uint32_t bench_rng_below(struct bench_rng *rng, uint32_t bound)
{
    /* The largest multiple of bound that fits in 32 bits: draws at or
     * above it would favour the low values. */
    uint32_t limit = UINT32_MAX - UINT32_MAX % bound;
    for (;;) {
        uint32_t draw = (uint32_t)(bench_rng_next(rng) >> 32);
        if (draw < limit)
            return draw % bound;
    }
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *values, size_t count)
{
    qsort(values, count, sizeof values[0], compare_doubles);
    if (count % 2 == 1)
        return values[count / 2];
    return (values[count / 2 - 1] + values[count / 2]) / 2.0;
}

void bench_result(const char *key, double value) { printf("%s=%.15g\n", key, value); }

void bench_result_text(const char *key, const char *value) { printf("%s=%s\n", key, value); }
