/* parse.c: bench_parse, the runtime's streaming reply parser against a
 * hand-written strtol/sscanf parser and a memchr() floor, over the same
 * deterministic stream of at least 64 MiB held in memory.
 *
 *   bench_parse [--mib N] [--slice FILE MIB]
 *
 * --slice writes the first MIB MiB of the stream (up to the end of a reply)
 * to FILE, for bench/smtplib_reader.py, and prints its counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "parse_baselines.h"
#include "parse_stream.h"
#include "replygen/reply.h"

enum {
    ROUNDS = 5,
    PIECE_SIZE = 1460
};

static struct reply_line parser_lines[REPLY_SUGGESTED_MAX_LINES];
static char parser_storage[REPLY_SUGGESTED_STORAGE_SIZE];

static void count_reply(const struct reply *reply, struct parse_counts *counts)
{
    counts->replies++;
    counts->lines += reply->line_count;
    counts->code_sum += (uint64_t)reply->code;
    const struct reply_enhanced *enhanced = &reply->lines[0].enhanced;
    if (enhanced->class_digit != 0) {
        counts->enhanced++;
        counts->enhanced_sum += (uint64_t)enhanced->class_digit * 1000000u + (uint64_t)enhanced->subject * 1000u
            + (uint64_t)enhanced->detail;
    }
    for (size_t i = 0; i < reply->line_count; i++)
        counts->text_bytes += reply->lines[i].length;
}

/* Feed data[0..size) in pieces of piece bytes, as reads from a socket
 * would deliver it; piece 0 feeds all that is left each time. */
static int feed_pieces(const char *data, size_t size, size_t piece, struct parse_counts *counts)
{
    struct reply_parser parser;
    reply_parser_init(&parser, NULL, parser_storage, sizeof parser_storage, parser_lines, REPLY_SUGGESTED_MAX_LINES);
    size_t done = 0;
    while (done < size) {
        size_t left = size - done;
        size_t length = piece != 0 && piece < left ? piece : left;
        const char *at = data + done;
        done += length;
        while (length > 0) {
            struct reply reply;
            size_t used;
            enum reply_progress progress = reply_parser_feed(&parser, at, length, &used, &reply);
            if (progress == REPLY_FAILED)
                return -1;
            if (progress == REPLY_COMPLETE) {
                if (reply.tolerated != 0)
                    return -1;
                count_reply(&reply, counts);
            }
            at += used;
            length -= used;
        }
    }
    return reply_parser_finish(&parser) == REPLY_ERROR_NONE ? 0 : -1;
}

static int runtime_feed(const char *data, size_t size, struct parse_counts *counts)
{
    return feed_pieces(data, size, 0, counts);
}

static int runtime_feed_pieces(const char *data, size_t size, struct parse_counts *counts)
{
    return feed_pieces(data, size, PIECE_SIZE, counts);
}

/* reply_parse_line() straight on the buffer: no copy into storage. */
static int runtime_lines(const char *data, size_t size, struct parse_counts *counts)
{
    struct reply_options options;
    reply_options_init(&options);
    int first_code = -1;
    while (size > 0) {
        struct reply_line line;
        size_t offset;
        if (reply_parse_line(data, size, &options, first_code, &line, &offset) != REPLY_ERROR_NONE
            || line.tolerated != 0)
            return -1;
        counts->lines++;
        counts->text_bytes += line.length;
        if (first_code < 0) {
            first_code = line.code;
            if (line.enhanced.class_digit != 0) {
                counts->enhanced++;
                counts->enhanced_sum += (uint64_t)line.enhanced.class_digit * 1000000u
                    + (uint64_t)line.enhanced.subject * 1000u + (uint64_t)line.enhanced.detail;
            }
        }
        if (!line.more) {
            counts->replies++;
            counts->code_sum += (uint64_t)first_code;
            first_code = -1;
        }
        data += offset;
        size -= offset;
    }
    return first_code < 0 ? 0 : -1;
}

struct candidate {
    const char *name;
    int (*parse)(const char *data, size_t size, struct parse_counts *counts);
    int full; /* fills the enhanced and text counts too */
};

static const struct candidate candidates[] = {
    { "runtime_feed", runtime_feed, 1 },  { "runtime_feed_1460", runtime_feed_pieces, 1 },
    { "runtime_line", runtime_lines, 1 }, { "sscanf", sscanf_parse, 1 },
    { "memchr_floor", memchr_floor, 0 },
};
enum {
    CANDIDATE_COUNT = sizeof candidates / sizeof candidates[0]
};

static int counts_agree(const struct parse_counts *a, const struct parse_counts *b, int full)
{
    if (a->replies != b->replies || a->lines != b->lines || a->code_sum != b->code_sum)
        return 0;
    return !full
        || (a->enhanced == b->enhanced && a->enhanced_sum == b->enhanced_sum && a->text_bytes == b->text_bytes);
}

/* The end of the first reply that ends at or after minimum. */
static size_t reply_boundary(const char *data, size_t size, size_t minimum)
{
    size_t at = 0;
    while (at < size) {
        const char *lf = memchr(data + at, '\n', size - at);
        int last = data[at + 3] == ' ';
        at = (size_t)(lf - data) + 1;
        if (last && at >= minimum)
            return at;
    }
    return size;
}

static void write_slice(const char *data, size_t size, const char *path, size_t mib)
{
    size_t length = reply_boundary(data, size, mib << 20);
    FILE *file = fopen(path, "wb");
    if (file == NULL || fwrite(data, 1, length, file) != length || fclose(file) != 0) {
        fprintf(stderr, "bench_parse: cannot write %s\n", path);
        exit(1);
    }
    struct parse_counts counts = { 0 };
    memchr_floor(data, length, &counts);
    bench_result("parse.slice.bytes", (double)length);
    bench_result("parse.slice.replies", (double)counts.replies);
    bench_result("parse.slice.code_sum", (double)counts.code_sum);
}

int main(int argc, char **argv)
{
    size_t mib = 64;
    const char *slice_path = NULL;
    size_t slice_mib = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--mib") == 0 && i + 1 < argc) {
            mib = strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--slice") == 0 && i + 2 < argc) {
            slice_path = argv[++i];
            slice_mib = strtoul(argv[++i], NULL, 10);
        } else {
            fprintf(stderr, "usage: bench_parse [--mib N] [--slice FILE MIB]\n");
            return 2;
        }
    }

    size_t size;
    char *data = parse_stream_build(mib << 20, 0x5eed0002u, &size);
    bench_result("parse.stream.bytes", (double)size);
    if (slice_path != NULL)
        write_slice(data, size, slice_path, slice_mib);

    /* One run each to warm up and to check that all agree. */
    struct parse_counts reference = { 0 };
    for (size_t c = 0; c < CANDIDATE_COUNT; c++) {
        struct parse_counts counts = { 0 };
        if (candidates[c].parse(data, size, &counts) != 0) {
            fprintf(stderr, "bench_parse: %s rejects the stream\n", candidates[c].name);
            return 1;
        }
        if (c == 0)
            reference = counts;
        else if (!counts_agree(&reference, &counts, candidates[c].full)) {
            fprintf(stderr, "bench_parse: %s and %s disagree\n", candidates[0].name, candidates[c].name);
            return 1;
        }
    }
    bench_result("parse.stream.replies", (double)reference.replies);
    bench_result("parse.stream.lines", (double)reference.lines);
    bench_result("parse.stream.enhanced", (double)reference.enhanced);

    double samples[CANDIDATE_COUNT][ROUNDS];
    for (unsigned round = 0; round < ROUNDS; round++)
        for (size_t k = 0; k < CANDIDATE_COUNT; k++) {
            size_t c = (k + round) % CANDIDATE_COUNT;
            struct parse_counts counts = { 0 };
            uint64_t start = bench_now_ns();
            candidates[c].parse(data, size, &counts);
            double seconds = (double)(bench_now_ns() - start) / 1e9;
            bench_sink += counts.replies + counts.code_sum + counts.text_bytes;
            samples[c][round] = (double)size / 1e6 / seconds;
        }
    for (size_t c = 0; c < CANDIDATE_COUNT; c++) {
        char key[128];
        snprintf(key, sizeof key, "parse.%s.mb_per_s", candidates[c].name);
        bench_result(key, bench_median(samples[c], ROUNDS));
    }
    free(data);
    return 0;
}
