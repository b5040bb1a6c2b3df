/* checker.h: the pieces every part of spec checking uses: reading a typed
 * field from a mapping, with each problem reported at its place. */
#ifndef REPLYGEN_CHECKER_H
#define REPLYGEN_CHECKER_H

#include "spec.h"

#include <stdbool.h>

struct checker {
    struct diag *diag;
    struct spec *spec;
    /* Numbers of every entry in codes, valid or not: a list that names an
     * entry already reported as broken gets no second error for it. */
    bool declared[1000];
    bool declared_first[10];    /* the same for digits.first */
    bool declared_second[10];   /* and digits.second */
};

const char *checker_kind_name(enum value_kind kind);

void checker_error(struct checker *checker, const struct value *where, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Whether value is a mapping; reports "WHAT must be a mapping" when not. */
bool checker_is_mapping(struct checker *checker, const struct value *value, const char *what);

/* Report each key of map not in allowed (NULL-terminated). */
void checker_known_keys(struct checker *checker, const struct value *map, const char *const *allowed);

/* The value under key; reports a missing required key at the mapping. */
const struct value *checker_field(struct checker *checker, const struct value *map, const char *key,
                                  bool required);

/* A string (numbers and the like as written: "4.2" as a section), non-empty
 * when required; NULL after a report, or when absent and optional. */
const char *checker_string(struct checker *checker, const struct value *map, const char *key, bool required);

/* A required integer in [min, max]. */
bool checker_int(struct checker *checker, const struct value *map, const char *key, int min, int max, int *out);

/* A list, or NULL (absent and optional, or reported). */
const struct value *checker_list(struct checker *checker, const struct value *map, const char *key,
                                 bool required);

/* A required lower-case C identifier: [a-z][a-z0-9_]*. */
const char *checker_name(struct checker *checker, const struct value *map, const char *key);

const struct spec_reference *checker_find_reference(const struct spec *spec, const char *id);

/* The "refs" list of map: citations of references the spec has. */
struct spec_citations checker_citations(struct checker *checker, const struct value *map, bool required);

/* A list of codes under key, each defined in codes and listed once. */
struct spec_code_list checker_code_list(struct checker *checker, const struct value *map, const char *key,
                                        bool required);

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
    const char *name;        /* NULL: a number, or an empty slot */
    long number;
    size_t entry;            /* what the caller recorded: an index into its table */
    bool used;
};

struct checker_index {
    struct checker_index_slot *slots;
    size_t capacity;         /* a power of two, at least twice count */
    size_t count;
};

void checker_index_init(struct checker_index *index);
void checker_index_free(struct checker_index *index);
/* Record entry under name or number; the key must not be recorded yet. */
void checker_index_add_name(struct checker_index *index, const char *name, size_t entry);
void checker_index_add_number(struct checker_index *index, long number, size_t entry);
/* Whether the key is recorded, and if so the entry recorded with it. */
bool checker_index_find_name(const struct checker_index *index, const char *name, size_t *entry);
bool checker_index_find_number(const struct checker_index *index, long number, size_t *entry);

/* The optional "enhanced" section of the spec (spec_enhanced.c). */
void checker_enhanced(struct checker *checker, const struct value *root);

#endif
