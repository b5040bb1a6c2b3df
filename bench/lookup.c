/* lookup.c: bench_lookup, the generated lookup (a slot table) and switch
 * classifiers against a dense array, bsearch() and a linear scan, over the
 * same streams of codes.
 *
 * Every candidate runs over the same 65536 codes; rounds interleave the
 * candidates (in a rotating order) so that a slow moment of the machine
 * hits all of them, and each result is the median of the rounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "lookup_baselines.h"

enum {
    STREAM_LENGTH = 65536,
    ROUNDS = 15
};

/* About this long per timed run, in nanoseconds: long against the clock's
 * resolution, short against the machine's slow drifts. */
static const double RUN_TARGET_NS = 4e6;

/* ------------------------------------------------------------------ */
/* The streams of codes                                                */
/* ------------------------------------------------------------------ */

static int is_known(int code) { return smtp_reply_lookup(code) != NULL; }

/* What a client sees: mostly 250 (MAIL, RCPT, end of data, the EHLO
 * lines), the session's 220, 354 and 221, and a tail of transient and
 * permanent failures and codes no spec defines. */
static void fill_realistic(int *codes, size_t length, struct bench_rng *rng)
{
    static const int failures[] = { 421, 450, 451, 452, 454, 500, 501, 502, 503, 530, 535, 550, 551, 552, 553, 554 };
    const size_t failure_count = sizeof failures / sizeof failures[0];
    for (size_t i = 0; i < length; i++) {
        uint32_t draw = bench_rng_below(rng, 1000);
        int code;
        if (draw < 700)
            code = 250;
        else if (draw < 780)
            code = 354;
        else if (draw < 840)
            code = 221;
        else if (draw < 900)
            code = 220;
        else if (draw < 970)
            code = failures[bench_rng_below(rng, (uint32_t)failure_count)];
        else
            do
                code = 100 + (int)bench_rng_below(rng, 900);
            while (is_known(code));
        codes[i] = code;
    }
}

/* Any three-digit code, each as likely: mostly codes the spec lacks. */
static void fill_uniform(int *codes, size_t length, struct bench_rng *rng)
{
    for (size_t i = 0; i < length; i++)
        codes[i] = 100 + (int)bench_rng_below(rng, 900);
}

/* ------------------------------------------------------------------ */
/* The candidates: one loop each, so the loop holds a direct call      */
/* ------------------------------------------------------------------ */

typedef uint64_t run_function(const int *codes, size_t length, unsigned passes);

/* The sum of the codes found (1 for each miss): every candidate of a
 * group must give the same sum, which checks them and keeps the calls. */
#define LOOKUP_RUN(function)                                                         \
    static uint64_t run_##function(const int *codes, size_t length, unsigned passes) \
    {                                                                                \
        uint64_t sum = 0;                                                            \
        for (unsigned pass = 0; pass < passes; pass++)                               \
            for (size_t i = 0; i < length; i++) {                                    \
                const struct smtp_reply_info *info = function(codes[i]);             \
                sum += info != NULL ? (uint64_t)info->code : 1u;                     \
            }                                                                        \
        return sum;                                                                  \
    }

#define VALUE_RUN(name, call)                                                    \
    static uint64_t run_##name(const int *codes, size_t length, unsigned passes) \
    {                                                                            \
        uint64_t sum = 0;                                                        \
        for (unsigned pass = 0; pass < passes; pass++)                           \
            for (size_t i = 0; i < length; i++)                                  \
                sum += (uint64_t)(call) << (i % 4);                              \
        return sum;                                                              \
    }

LOOKUP_RUN(smtp_reply_lookup)
LOOKUP_RUN(dense_lookup)
LOOKUP_RUN(bsearch_lookup)
LOOKUP_RUN(binary_lookup)
LOOKUP_RUN(linear_lookup)
VALUE_RUN(class_switch, smtp_reply_class_of(codes[i]))
VALUE_RUN(class_dense, dense_class_of(codes[i]))
VALUE_RUN(role_switch, smtp_reply_role_for(SMTP_COMMAND_RCPT, codes[i]))
VALUE_RUN(role_dense, dense_role_for(SMTP_COMMAND_RCPT, codes[i]))

struct candidate {
    const char *group; /* candidates of a group compute the same thing */
    const char *name;
    run_function *run;
};

static const struct candidate candidates[] = {
    { "lookup", "generated", run_smtp_reply_lookup }, { "lookup", "dense", run_dense_lookup },
    { "lookup", "bsearch", run_bsearch_lookup },      { "lookup", "binary", run_binary_lookup },
    { "lookup", "linear", run_linear_lookup },        { "class_of", "generated", run_class_switch },
    { "class_of", "dense", run_class_dense },         { "role_for", "generated", run_role_switch },
    { "role_for", "dense", run_role_dense },
};
enum {
    CANDIDATE_COUNT = sizeof candidates / sizeof candidates[0]
};

struct mix {
    const char *name;
    int *codes;
};

static void measure(const struct mix *mix)
{
    unsigned passes[CANDIDATE_COUNT];
    uint64_t check[CANDIDATE_COUNT];
    double samples[CANDIDATE_COUNT][ROUNDS];

    /* One warm-up run each, which also checks the candidates agree and
     * sizes the runs. */
    for (size_t c = 0; c < CANDIDATE_COUNT; c++) {
        uint64_t start = bench_now_ns();
        check[c] = candidates[c].run(mix->codes, STREAM_LENGTH, 1);
        double took = (double)(bench_now_ns() - start);
        double wanted = took > 0 ? RUN_TARGET_NS / took : 1000.0;
        passes[c] = wanted < 1 ? 1 : wanted > 1000 ? 1000 : (unsigned)wanted;
        for (size_t other = 0; other < c; other++)
            if (strcmp(candidates[other].group, candidates[c].group) == 0 && check[other] != check[c]) {
                fprintf(stderr, "bench_lookup: %s %s and %s disagree on the %s mix\n", candidates[c].group,
                        candidates[other].name, candidates[c].name, mix->name);
                exit(1);
            }
    }
    for (unsigned round = 0; round < ROUNDS; round++)
        for (size_t k = 0; k < CANDIDATE_COUNT; k++) {
            size_t c = (k + round) % CANDIDATE_COUNT;
            uint64_t start = bench_now_ns();
            bench_sink += candidates[c].run(mix->codes, STREAM_LENGTH, passes[c]);
            double took = (double)(bench_now_ns() - start);
            samples[c][round] = took / ((double)STREAM_LENGTH * passes[c]);
        }
    for (size_t c = 0; c < CANDIDATE_COUNT; c++) {
        char key[128];
        snprintf(key, sizeof key, "lookup.%s.%s.%s.ns", mix->name, candidates[c].group, candidates[c].name);
        bench_result(key, bench_median(samples[c], ROUNDS));
    }
}

int main(void)
{
    static int realistic[STREAM_LENGTH], uniform[STREAM_LENGTH];
    struct bench_rng rng = { 0x5eed0001u };
    lookup_baselines_init();
    fill_realistic(realistic, STREAM_LENGTH, &rng);
    fill_uniform(uniform, STREAM_LENGTH, &rng);

    size_t known = 0;
    for (size_t i = 0; i < STREAM_LENGTH; i++)
        known += is_known(uniform[i]);
    bench_result("lookup.stream_length", STREAM_LENGTH);
    bench_result("lookup.rounds", ROUNDS);
    bench_result("lookup.uniform.known_share", (double)known / STREAM_LENGTH);

    const struct mix mixes[] = { { "realistic", realistic }, { "uniform", uniform } };
    for (size_t m = 0; m < sizeof mixes / sizeof mixes[0]; m++)
        measure(&mixes[m]);
    return 0;
}
