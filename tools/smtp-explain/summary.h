/* summary.h: the replies of the mail logs read, counted by class,
 * enhanced code and recipient domain, printed after them. */
#ifndef REPLYGEN_EXPLAIN_SUMMARY_H
#define REPLYGEN_EXPLAIN_SUMMARY_H

#include "explain.h"

struct summary_count {
    char *key;         /* "5yz", "5.1.1", "example.com"; "none" */
    const char *title; /* the class's title, the enhanced code's text; may be NULL */
    unsigned long count;
};

struct summary_table {
    struct summary_count *counts;
    size_t count;
    size_t capacity;
};

struct summary {
    unsigned long replies;
    unsigned long malformed; /* found in a log line but not parsed */
    struct summary_table classes;
    struct summary_table enhanced;
    struct summary_table domains;
    int out_of_memory;
};

void summary_init(struct summary *summary);
void summary_free(struct summary *summary);

/* Count a reply and the recipient it was for (NULL when the log line
 * names none). */
void summary_add(struct summary *summary, const struct explanation *explanation, const char *recipient);

/* Each table sorted by key, for example:
 *   summary: 3 replies, 1 malformed
 *     by class:
 *       5yz  3  Permanent Negative Completion reply
 *     ... */
void summary_print_text(FILE *out, struct summary *summary);

/* {"summary": {"replies": 3, "malformed": 1, "class": {"5yz": 3}, "enhanced": {...},
 *  "domain": {...}}} on one line. */
void summary_print_json(FILE *out, struct summary *summary);

#endif
