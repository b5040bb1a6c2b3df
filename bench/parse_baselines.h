/* parse_baselines.h: what bench_parse compares the runtime's parser with,
 * and the counts every parser reports so that they can be checked against
 * each other. */
#ifndef BENCH_PARSE_BASELINES_H
#define BENCH_PARSE_BASELINES_H

#include <stddef.h>
#include <stdint.h>

struct parse_counts {
    uint64_t replies;
    uint64_t lines;
    uint64_t code_sum;     /* of the replies' codes */
    uint64_t enhanced;     /* replies whose first line has an enhanced code */
    uint64_t enhanced_sum; /* of class * 1000000 + subject * 1000 + detail */
    uint64_t text_bytes;   /* of the lines' texts, without code and line end */
};

/* (a) A parser as a user writes it: take each line out as fgets() would
 * (NUL-terminated copy), the code with strtol(), the enhanced code of the
 * first line with sscanf(), the texts gathered into a reply buffer.
 * Returns 0, or -1 on a line it cannot parse. */
int sscanf_parse(const char *data, size_t size, struct parse_counts *counts);

/* (b) The floor: split lines with memchr() and look at the separator and
 * the code's digits, nothing else. Fills replies, lines, code_sum. */
int memchr_floor(const char *data, size_t size, struct parse_counts *counts);

#endif
