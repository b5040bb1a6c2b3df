/* common.h: what every benchmark program shares: a monotonic clock, a
 * deterministic PRNG, medians, and the "key=value" lines bench/bench.py
 * reads. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Nanoseconds of this thread's CPU time (CLOCK_THREAD_CPUTIME_ID): on a
 * shared machine, time the thread spends descheduled is not its cost. */
uint64_t bench_now_ns(void);

/* splitmix64 (Steele, Lea, Flood 2014): fast, deterministic on every
 * platform, good enough to draw a mix of codes or a transcript. */
struct bench_rng {
    uint64_t state;
};
uint64_t bench_rng_next(struct bench_rng *rng);
/* Uniform in [0, bound) (bound > 0), by rejection so that no value is
 * favoured. */
uint32_t bench_rng_below(struct bench_rng *rng, uint32_t bound);

/* The median of values[0..count) (sorts them in place); count > 0. */
double bench_median(double *values, size_t count);

/* One result line for bench/bench.py: "key=value". */
void bench_result(const char *key, double value);
void bench_result_text(const char *key, const char *value);

/* Results kept from the optimiser: every benchmark folds what it computed
 * into this, so no loop can be dropped as dead code. */
extern volatile uint64_t bench_sink;

#endif
