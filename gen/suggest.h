/* suggest.h: "did you mean ...?": of the names a word could have meant,
 * the closest one by edit distance, when one is close enough. Shared by
 * every message that names something unknown (a key, a reference id, an
 * --only name, an option, a template value). */
#ifndef REPLYGEN_SUGGEST_H
#define REPLYGEN_SUGGEST_H

#include <stddef.h>

/* A search: suggest_start, suggest_consider for each candidate, then
 * suggest_best. */
struct suggest {
    const char *word;
    size_t word_length;
    const char *best;
    size_t best_distance;
};

void suggest_start(struct suggest *search, const char *word);
void suggest_consider(struct suggest *search, const char *candidate);
/* The closest candidate, the first of equally close ones; NULL when none
 * is close enough: the typing mistakes (a letter missing, extra, wrong or
 * two swapped; a letter's case is none) are at most a third of the longer
 * word, and fewer than the letters of the shorter one, so that "id" never
 * suggests "ref". A word of more than 64 bytes gets no suggestion. */
const char *suggest_best(const struct suggest *search);

/* The same over a NULL-terminated list. */
const char *suggest_from_list(const char *word, const char *const *candidates);

#endif
