/* ascii_run.h: find where a run of printable ASCII (SP to '~') ends, many
 * octets at a time. Nearly every octet of a reply is printable ASCII, and
 * everything else (CR, LF, HT, other controls, DEL, UTF-8) needs a closer
 * look, so the parser skips such runs here and judges only what stops them.
 *
 * SSE2 (every x86-64) looks at 16 octets per step; other targets at 8,
 * with the usual bit tricks on a uint64_t. Loads never go past the end of
 * the buffer: the last octets, fewer than a step, are looked at one by
 * one. */
#ifndef REPLYGEN_ASCII_RUN_H
#define REPLYGEN_ASCII_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* REPLYGEN_NO_SSE2 builds the portable version on x86 too, to test it. */
#if defined(__SSE2__) && !defined(REPLYGEN_NO_SSE2)
#define ASCII_RUN_SSE2 1
#include <emmintrin.h>
#else
#define ASCII_RUN_SSE2 0
#endif

static inline int ascii_is_printable(unsigned char octet) { return octet >= 0x20 && octet < 0x7F; }

/* Each implementation below looks at ASCII_STEP octets at a time:
 *   ascii_step_unprintable(text)   non-zero when some octet of
 *                                  text[0..ASCII_STEP) is not printable;
 *   ascii_step_copy_unprintable(out, text)  the same, also copying them;
 *   ascii_step_first(text, mask)   the index of the first such octet, given
 *                                  that non-zero result. */
#if ASCII_RUN_SSE2

enum {
    ASCII_STEP = 16
};

/* Bit i is set when octet i of the 16 is not printable ASCII. Adding 1
 * turns the printable range 0x20..0x7E into 0x21..0x7F and everything
 * else into 0x01..0x20 (controls), 0x80..0xFF (DEL and the high octets, as
 * signed octets: negative) or 0x00 (0xFF): one signed comparison with 0x21
 * then finds them all. */
static inline uint32_t ascii_unprintable(__m128i octets)
{
    __m128i shifted = _mm_add_epi8(octets, _mm_set1_epi8(1));
    return (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(shifted, _mm_set1_epi8(0x21)));
}

static inline uint32_t ascii_step_unprintable(const char *text)
{
    return ascii_unprintable(_mm_loadu_si128((const __m128i *)(const void *)text));
}

static inline uint32_t ascii_step_copy_unprintable(char *out, const char *text)
{
    __m128i octets = _mm_loadu_si128((const __m128i *)(const void *)text);
    _mm_storeu_si128((__m128i *)(void *)out, octets);
    return ascii_unprintable(octets);
}

/* The mask's lowest set bit. */
static inline size_t ascii_step_first(const char *text, uint32_t mask)
{
    (void)text;
#if defined(__GNUC__) || defined(__clang__)
    return (size_t)__builtin_ctz(mask);
#else
    size_t i = 0;
    while (!(mask & 1u)) {
        mask >>= 1;
        i++;
    }
    return i;
#endif
}

#else /* portable: 8 octets in a uint64_t */

enum {
    ASCII_STEP = 8
};

/* Non-zero exactly when some octet of word is not printable ASCII:
 *   word & 0x80..         an octet >= 0x80;
 *   (word + 0x01..)       DEL: 0x7F + 1 sets the high bit (a carry out
 *                         of an octet only comes from 0xFF, already found);
 *   (word - 0x20..) & ~word  an octet below 0x20 (the classic "has less
 *                         than" test: a borrow only comes from such an
 *                         octet, and ~word drops octets >= 0x80).
 * Only "any" is exact; the octet is then found one by one, which also
 * keeps this independent of byte order. */
static inline uint32_t ascii_word_unprintable(uint64_t word)
{
    const uint64_t ones = 0x0101010101010101u;
    const uint64_t highs = 0x8080808080808080u;
    return ((word | (word + ones) | ((word - 0x20 * ones) & ~word)) & highs) != 0;
}

static inline uint32_t ascii_step_unprintable(const char *text)
{
    uint64_t word;
    memcpy(&word, text, sizeof word); /* an unaligned load, kept defined */
    return ascii_word_unprintable(word);
}

static inline uint32_t ascii_step_copy_unprintable(char *out, const char *text)
{
    uint64_t word;
    memcpy(&word, text, sizeof word);
    memcpy(out, &word, sizeof word);
    return ascii_word_unprintable(word);
}

/* A non-zero mask says some octet of the step stops the run: look for it
 * one by one, never past the step. */
static inline size_t ascii_step_first(const char *text, uint32_t mask)
{
    (void)mask;
    size_t i = 0;
    while (ascii_is_printable((unsigned char)text[i]))
        i++;
    return i;
}

#endif

/* The length of the run of printable ASCII at the start of text[0..size):
 * the index of the first other octet, or size. */
static inline size_t ascii_run_length(const char *text, size_t size)
{
    size_t at = 0;
    for (; size - at >= ASCII_STEP; at += ASCII_STEP) {
        uint32_t mask = ascii_step_unprintable(text + at);
        if (mask != 0)
            return at + ascii_step_first(text + at, mask);
    }
    while (at < size && ascii_is_printable((unsigned char)text[at]))
        at++;
    return at;
}

/* ascii_run_length() that also copies what it looks at into out, which
 * has room for size octets (and must not overlap text). Whole steps are
 * copied: *copied (at least the run's length, at most size) tells how many
 * octets out now holds, often some after the run too. */
static inline size_t ascii_run_copy(char *out, const char *text, size_t size, size_t *copied)
{
    size_t at = 0;
    for (; size - at >= ASCII_STEP; at += ASCII_STEP) {
        uint32_t mask = ascii_step_copy_unprintable(out + at, text + at);
        if (mask != 0) {
            *copied = at + ASCII_STEP;
            return at + ascii_step_first(text + at, mask);
        }
    }
    while (at < size && ascii_is_printable((unsigned char)text[at])) {
        out[at] = text[at];
        at++;
    }
    *copied = at;
    return at;
}

#endif
