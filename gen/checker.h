/* checker.h: what every section reader of the spec uses: typed reads of a
 * mapping's fields, each problem reported at its place; whole numbers;
 * citations and code lists; and the index that every duplicate check
 * goes through. Below the section readers (spec_check.c, spec_codes.c,
 * spec_enhanced.c), above spec.c; spec.h shows the layers. */
#ifndef REPLYGEN_CHECKER_H
#define REPLYGEN_CHECKER_H

#include "spec.h"

#include <stdbool.h>

/* The entries accepted so far, found by name or by number: duplicate
 * checks ask it "which earlier entry has this key?" as each entry is read,
 * so that their errors come out among the entry's other errors, in file
 * order, at a constant cost per entry rather than one compare with every
 * earlier entry (which made 4,000 enhanced codes cost 8 million compares).
 * (Sorting, which bounds the worst case too, would find the duplicates
 * only after every entry is read, and so report them after all the other
 * errors. Keys made to collide can make a hash index as slow as the
 * compares were, no slower: the loader's node limit bounds both.)
 * One index holds names or numbers, not both; it keeps the name pointers,
 * which must outlive it. */
struct checker_index_slot {
    const char *name; /* NULL: a number, or an empty slot */
    long number;
    size_t entry;  /* what the caller recorded: an index into its table */
    unsigned line; /* a duplicate's "first at line N"; 0: its error gives none */
    bool used;
};

struct checker_index {
    struct checker_index_slot *slots;
    size_t capacity; /* a power of two, at least twice count */
    size_t count;
};

/* A required key found missing, reported when its mapping's keys are
 * checked (checker_known_keys): a key misspelt as an unknown one is then
 * reported once, as that unknown key, not also as missing. */
struct checker_missing {
    const struct value *map;
    const char *key;
};

struct checker {
    struct diag *diag;
    struct checker_missing *missing; /* not reported yet, innermost last */
    size_t missing_count;
    struct spec *spec;
    struct checker_index references; /* the accepted references by id */
    unsigned reference_searches;     /* "did you mean" searches for an unknown one */
    /* Numbers of every entry in codes, valid or not: a list that names an
     * entry already reported as broken gets no second error for it. */
    bool declared[1000];
    bool declared_first[10];  /* the same for digits.first */
    bool declared_second[10]; /* and digits.second */
    /* A table that is not even a list (or missing) has every number
     * declared above; these say the same of the tables of names, so that
     * one type error does not bring an error at each use of the table. */
    bool references_unreadable;
    bool subjects_unreadable;           /* enhanced.subjects */
    struct checker_index reference_ids; /* each id written in references, its entry accepted or not */
};

/* Report the missing keys not reported yet, and free. */
void checker_free(struct checker *checker);

const char *checker_kind_name(enum value_kind kind);

void checker_error(struct checker *checker, const struct value *where, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Whether value is a mapping; reports "WHAT must be a mapping" when not. */
bool checker_is_mapping(struct checker *checker, const struct value *value, const char *what);

/* Report each key of map not in allowed (NULL-terminated), naming the
 * closest allowed key ("did you mean 'summary'?"), and then the required
 * keys of map found missing, but for one that an unknown key misspells.
 * Called after every read of map's keys. */
void checker_known_keys(struct checker *checker, const struct value *map, const char *const *allowed);

/* The value under key; reports a missing required key at the mapping
 * (when its keys are checked). */
const struct value *checker_field(struct checker *checker, const struct value *map, const char *key, bool required);

/* A string (numbers and the like as written: "4.2" as a section), non-empty
 * when required; NULL after a report, or when absent and optional. */
const char *checker_string(struct checker *checker, const struct value *map, const char *key, bool required);

/* The one test of a whole number, wherever one belongs (codes, digits,
 * line_limit, enhanced numbers, code lists ...): whether value is a whole
 * number, and in [min, max]; *out is set only then. The callers word
 * their errors differently, so it reports nothing. */
enum checker_whole {
    CHECKER_WHOLE,     /* in range, in *out */
    CHECKER_WHOLE_NOT, /* not a number, or a fraction */
    CHECKER_WHOLE_OUT_OF_RANGE
};
enum checker_whole checker_whole(const struct value *value, int min, int max, int *out);

/* A required integer in [min, max]. */
bool checker_int(struct checker *checker, const struct value *map, const char *key, int min, int max, int *out);

/* An optional boolean: *out is it, or fallback when absent or reported
 * (then false is returned). */
bool checker_bool(struct checker *checker, const struct value *map, const char *key, bool fallback, bool *out);

/* A list, or NULL (absent and optional, or reported). */
const struct value *checker_list(struct checker *checker, const struct value *map, const char *key, bool required);

/* A required lower-case C identifier: [a-z][a-z0-9_]*. */
const char *checker_name(struct checker *checker, const struct value *map, const char *key);

/* The accepted entries of a list of numbered entries (the first or second
 * digits, the enhanced classes or subjects), and their indexes for the
 * duplicate checks. */
struct checker_entries {
    struct spec_entry *items;
    size_t count;
    struct checker_index by_number;
    struct checker_index by_name;
};

void checker_entries_start(struct checker_entries *entries, size_t capacity);
/* number_line: the "first at line" that a repeat of its number reports;
 * 0 for none. */
void checker_entries_add(struct checker_entries *entries, const struct spec_entry *entry, unsigned number_line);
/* Hand the entries over, sorted by number (for spec_find_entry). */
void checker_entries_finish(struct checker_entries *entries, struct spec_entry **items, size_t *count);

/* The rest of a numbered entry (a digit, an enhanced class or subject)
 * after its number and name: title, description and optional refs, then
 * a report of each key not in keys. Whether it has title and description. */
bool checker_entry_texts(struct checker *checker, const struct value *item, const char *const *keys,
                         struct spec_entry *entry);

/* The "refs" list of map: citations of references the spec has. */
struct spec_citations checker_citations(struct checker *checker, const struct value *map, bool required);

/* A list of codes under key, each defined in codes and listed once. */
struct spec_code_list checker_code_list(struct checker *checker, const struct value *map, const char *key,
                                        bool required);

void checker_index_init(struct checker_index *index);
void checker_index_free(struct checker_index *index);
/* Record entry under name or number; the key must not be recorded yet. */
void checker_index_add_name(struct checker_index *index, const char *name, size_t entry, unsigned line);
void checker_index_add_number(struct checker_index *index, long number, size_t entry, unsigned line);
/* The slot of the key, or NULL when it is not recorded. */
const struct checker_index_slot *checker_index_find_name(const struct checker_index *index, const char *name);
const struct checker_index_slot *checker_index_find_number(const struct checker_index *index, long number);

/* The uniqueness check, given what checker_index_find_* found of an
 * entry's key among the accepted entries: true when it found nothing;
 * else reports the message of format, followed by " (first at line N)"
 * when the index recorded a line, and returns false. It is reported at
 * the value of key in map, or at map itself when key is NULL. */
bool checker_unique(struct checker *checker, const struct checker_index_slot *first, const struct value *map,
                    const char *key, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
