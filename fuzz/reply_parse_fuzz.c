/* reply_parse_fuzz.c: libFuzzer target for the streaming reply parser.
 *
 * Checks, beyond "no crash, no sanitizer report":
 *   - the parser gives the same replies and error whether the bytes come
 *     all at once, one at a time, or in pieces of fuzzer-chosen sizes;
 *   - a reply that strict mode accepts (with coded continuation lines)
 *     formats back to the same bytes;
 *   - in either mode, every line of a reply that has a code has the
 *     reply's code: lines that disagree never make a reply;
 *   - a parser given no storage (NULL, 0) and no lines fails at the first
 *     byte, without undefined behaviour;
 *   - reply_parse_line() never points outside its input.
 *
 * Build and run for 60 seconds from the top of the repository (new inputs
 * go to the first folder, the committed seeds are only read):
 *   clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
 *         -fno-sanitize-recover=all -Iinclude runtime/[a-z]*.c \
 *         fuzz/reply_parse_fuzz.c -o reply_parse_fuzz
 *   mkdir -p fuzz-work && ./reply_parse_fuzz -max_total_time=60 \
 *         fuzz-work fuzz/corpus/reply_parse
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "replygen/reply.h"

#define MAX_LINES    16
#define STORAGE_SIZE 2048

static void check(int condition)
{
    if (!condition)
        abort();
}

/* FNV-1a over everything a caller can observe. */
static void mix(uint64_t *hash, const void *bytes, size_t size)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < size; i++)
        *hash = (*hash ^ p[i]) * 1099511628211u;
}

static void mix_reply(uint64_t *hash, const struct reply *reply)
{
    mix(hash, &reply->code, sizeof reply->code);
    mix(hash, &reply->line_count, sizeof reply->line_count);
    mix(hash, &reply->tolerated, sizeof reply->tolerated);
    mix(hash, &reply->offset, sizeof reply->offset);
    mix(hash, &reply->size, sizeof reply->size);
    for (size_t i = 0; i < reply->line_count; i++) {
        const struct reply_line *line = &reply->lines[i];
        mix(hash, &line->code, sizeof line->code);
        mix(hash, &line->more, sizeof line->more);
        mix(hash, &line->length, sizeof line->length);
        mix(hash, line->text, line->length);
        mix(hash, &line->enhanced, sizeof line->enhanced);
        mix(hash, &line->tolerated, sizeof line->tolerated);
    }
}

/* Strict replies are exactly what reply_format() writes for their texts. */
static void check_round_trip(const struct reply *reply, const uint8_t *wire)
{
    static char texts_storage[STORAGE_SIZE + MAX_LINES];
    const char *texts[MAX_LINES];
    char *at = texts_storage;
    for (size_t i = 0; i < reply->line_count; i++) {
        memcpy(at, reply->lines[i].text, reply->lines[i].length);
        at[reply->lines[i].length] = '\0';
        texts[i] = at;
        at += reply->lines[i].length + 1;
    }
    static char formatted[STORAGE_SIZE];
    size_t size;
    check(reply_format(formatted, sizeof formatted, &size, reply->code, NULL, texts, reply->line_count,
                       REPLY_RFC_LINE_LIMIT, NULL)
          == REPLY_FORMAT_OK);
    check(size == reply->size && memcmp(formatted, wire, size) == 0);
}

static void check_codes_agree(const struct reply *reply)
{
    for (size_t i = 0; i < reply->line_count; i++)
        check(reply->lines[i].code == -1 || reply->lines[i].code == reply->code);
}

/* Parse data cut into pieces of the given sizes (cycled; 0 means all).
 * storage_size 0: no storage and no lines at all (NULL, 0). */
static uint64_t parse(const uint8_t *data, size_t size, const struct reply_options *options, size_t storage_size,
                      const uint8_t *pieces, size_t piece_count)
{
    static char storage[STORAGE_SIZE];
    struct reply_line lines[MAX_LINES];
    struct reply_parser parser;
    if (storage_size == 0)
        reply_parser_init(&parser, options, NULL, 0, NULL, 0);
    else
        reply_parser_init(&parser, options, storage, storage_size, lines, MAX_LINES);
    uint64_t hash = 14695981039346656037u;
    size_t at = 0;
    for (size_t piece = 0; at < size; piece++) {
        size_t length = piece_count == 0 ? size - at : (size_t)(1 + pieces[piece % piece_count] % 64);
        if (length > size - at)
            length = size - at;
        size_t end = at + length;
        enum reply_progress progress = REPLY_COMPLETE;
        while (at < end && progress == REPLY_COMPLETE) {
            struct reply reply;
            size_t consumed;
            progress = reply_parser_feed(&parser, (const char *)data + at, end - at, &consumed, &reply);
            check(consumed <= end - at);
            at += consumed;
            if (progress == REPLY_COMPLETE) {
                check(reply.line_count >= 1 && reply.size <= storage_size);
                check_codes_agree(&reply);
                mix_reply(&hash, &reply);
                if (options->mode == REPLY_STRICT && options->continuation == REPLY_CONTINUATION_CODED)
                    check_round_trip(&reply, data + reply.offset);
            }
        }
        if (progress == REPLY_FAILED)
            break;
    }
    uint64_t offset;
    enum reply_error error = reply_parser_finish(&parser);
    reply_parser_error(&parser, &offset);
    check(offset <= size);
    if (storage_size == 0 && size > 0)
        check(error == REPLY_ERROR_REPLY_OVER_LIMIT && offset == 0);
    mix(&hash, &error, sizeof error);
    mix(&hash, &offset, sizeof offset);
    return hash;
}

static void check_line_parse(const uint8_t *data, size_t size, const struct reply_options *options)
{
    struct reply_line line;
    size_t offset;
    for (int first_code = -1; first_code <= 250; first_code += 251) {
        enum reply_error error = reply_parse_line((const char *)data, size, options, first_code, &line, &offset);
        check(offset <= size);
        if (error == REPLY_ERROR_NONE)
            check(line.text >= (const char *)data && line.text + line.length <= (const char *)data + offset);
        if (error == REPLY_ERROR_NONE && first_code >= 0)
            check(line.code == -1 || line.code == first_code);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data[0] picks the options, data[1..4] the piece sizes; the rest is the
 * stream. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 5)
        return 0;
    struct reply_options options;
    reply_options_init(&options);
    options.mode = data[0] & 1 ? REPLY_STRICT : REPLY_LENIENT;
    if (data[0] & 2)
        options.line_limit = 24; /* reach the hard limit often */
    size_t storage_size = data[0] & 4 ? 64 : STORAGE_SIZE;
    if (data[0] & 16)
        storage_size = 0; /* none: NULL, 0 */
    if (data[0] & 8) {    /* FTP: free continuation lines, 1yz to 6yz */
        options.continuation = REPLY_CONTINUATION_FREE;
        options.lowest_code = 100;
        options.highest_code = 659;
    }
    const uint8_t *pieces = data + 1;
    data += 5;
    size -= 5;

    check_line_parse(data, size, &options);
    uint64_t whole = parse(data, size, &options, storage_size, NULL, 0);
    check(parse(data, size, &options, storage_size, pieces, 4) == whole);
    static const uint8_t one[] = { 0 };
    check(parse(data, size, &options, storage_size, one, 1) == whole);
    return 0;
}
