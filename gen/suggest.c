/* suggest.c: the closest name to a misspelt one, by the optimal string
 * alignment distance (Damerau-Levenshtein without moves across edits: a
 * letter inserted, removed, replaced, or two neighbours swapped, cost 1
 * each), computed only in the band the cutoff allows. */
#include "suggest.h"

#include <stdbool.h>
#include <string.h>

/* Names are short; a longer word is no misspelling of one, and the bound
 * keeps the cost of a search of a hostile spec's keys small. */
#define LONGEST_WORD 64
#define MOST_EDITS   3
#define TOO_FAR      (LONGEST_WORD + MOST_EDITS + 1)

/* The most edits a word of these lengths may be from its suggestion. */
static size_t cutoff(size_t a, size_t b)
{
    size_t longer = a > b ? a : b, shorter = a < b ? a : b;
    size_t limit = (longer + 2) / 3;
    if (limit > MOST_EDITS)
        limit = MOST_EDITS;
    if (limit >= shorter)
        limit = shorter ? shorter - 1 : 0;
    return limit;
}

/* Case is no typing mistake to count: "SUMMARY" means "summary". */
static bool same_letter(char a, char b)
{
    return a == b || (a >= 'A' && a <= 'Z' && a - 'A' + 'a' == b) || (b >= 'A' && b <= 'Z' && b - 'A' + 'a' == a);
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* The distance from a to b, or TOO_FAR when it is above limit. Three rows
 * of the dynamic programme: the swap looks two rows back. */
static size_t distance(const char *a, size_t m, const char *b, size_t n, size_t limit)
{
    size_t rows[3][LONGEST_WORD + 1];
    size_t *before = rows[0], *previous = rows[1], *current = rows[2];
    for (size_t j = 0; j <= n; j++)
        previous[j] = j <= limit ? j : TOO_FAR;
    for (size_t i = 1; i <= m; i++) {
        size_t row_best = TOO_FAR;
        for (size_t j = 0; j <= n; j++) {
            size_t cell = TOO_FAR;
            if (j + limit < i || j > i + limit) {
                current[j] = TOO_FAR; /* outside the band */
                continue;
            }
            if (j == 0) {
                cell = i;
            } else {
                size_t replace = previous[j - 1] + !same_letter(a[i - 1], b[j - 1]);
                cell = min3(previous[j] + 1, current[j - 1] + 1, replace);
                if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2]) && same_letter(a[i - 2], b[j - 1])
                    && before[j - 2] + 1 < cell)
                    cell = before[j - 2] + 1;
            }
            current[j] = cell < TOO_FAR ? cell : TOO_FAR;
            if (current[j] < row_best)
                row_best = current[j];
        }
        if (row_best > limit)
            return TOO_FAR;
        size_t *oldest = before;
        before = previous;
        previous = current;
        current = oldest;
    }
    return previous[n] <= limit ? previous[n] : TOO_FAR;
}

void suggest_start(struct suggest *search, const char *word)
{
    *search = (struct suggest){ word, strlen(word), NULL, TOO_FAR };
}

void suggest_consider(struct suggest *search, const char *candidate)
{
    size_t length = strlen(candidate);
    if (search->word_length > LONGEST_WORD || length > LONGEST_WORD || strcmp(candidate, search->word) == 0)
        return;
    size_t limit = cutoff(search->word_length, length);
    size_t gap = length > search->word_length ? length - search->word_length : search->word_length - length;
    if (gap > limit)
        return;
    size_t found = distance(search->word, search->word_length, candidate, length, limit);
    if (found < search->best_distance) {
        search->best = candidate;
        search->best_distance = found;
    }
}

const char *suggest_best(const struct suggest *search) { return search->best; }

const char *suggest_from_list(const char *word, const char *const *candidates)
{
    struct suggest search;
    suggest_start(&search, word);
    for (; *candidates; candidates++)
        suggest_consider(&search, *candidates);
    return suggest_best(&search);
}
