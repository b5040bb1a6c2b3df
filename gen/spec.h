/* spec.h: a protocol's reply codes as read and checked from its YAML spec.
 * Strings point into the value tree the spec was read from, which must
 * outlive the spec; each entry keeps its place in the file (a struct mark),
 * so that later stages report at it without going back to the tree.
 *
 * The check stage, each file calling only those below it:
 *   spec_check.c     spec_check(): the root, references and protocol, then
 *                    every other section in file order
 *   spec_codes.c     digits, codes, commands, common_errors
 *   spec_enhanced.c  enhanced classes, subjects and codes
 *   checker.c        typed field reads, whole numbers, citations, code
 *                    lists, and the index every duplicate check uses
 *   spec.c           lookups in a checked spec, and freeing it */
#ifndef REPLYGEN_SPEC_H
#define REPLYGEN_SPEC_H

#include "buffer.h"
#include "diag.h"
#include "value.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    SPEC_FORMAT_VERSION = 1,
    /* The longest string a spec may hold, in bytes, and the longest that
     * the generator joins from a list (refs, an enhanced code's basic
     * codes): each is a string literal of the generated tables, C99
     * (5.2.4.1) promises 4095 characters, and past them gcc and clang warn
     * under -Wpedantic. */
    SPEC_STRING_MAX = 4095,
    /* The longest name (and prefix), in bytes: it goes into C identifiers,
     * file names (at most 255 bytes on most file systems) and strings. */
    SPEC_NAME_MAX = 128
};

enum spec_status {
    SPEC_STATUS_STANDARD,
    SPEC_STATUS_EXTENSION,
    SPEC_STATUS_OBSOLETE
};

struct spec_reference {
    const char *id;
    const char *title;
    const char *url;
    struct mark at; /* of its id */
};

/* A citation: a reference and, optionally, a section of it. */
struct spec_citation {
    const struct spec_reference *reference;
    const char *section; /* NULL when none */
};

struct spec_citations {
    struct spec_citation *items;
    size_t count;
};

/* A numbered, named entry: a first or second digit of the basic codes, an
 * enhanced class or an enhanced subject. */
struct spec_entry {
    int number;
    const char *name;
    const char *title;
    const char *description;
    struct spec_citations refs;
    struct mark at; /* of the entry */
};

struct spec_code {
    int code;
    const char *name;
    const char *text;
    const char *summary;
    const char *description;
    enum spec_status status;
    bool deprecated; /* kept for old users; new code should not use it */
    struct spec_citations refs;
    const struct spec_entry *first_digit;
    const struct spec_entry *second_digit;
    struct mark at; /* of the entry */
};

struct spec_code_list {
    const struct spec_code **items;
    size_t count;
};

/* A reply's own text and meaning as the answer to one command, where a
 * document gives one (RFC 3207's "220 Ready to start TLS" to STARTTLS):
 * the code's own entry keeps its general text. */
struct spec_meaning {
    const struct spec_code *code; /* in one of the command's lists */
    const char *text;
    const char *description;
    struct spec_citations refs;
    struct mark at; /* of the entry */
};

struct spec_command {
    const char *name;
    const char *verb;
    const char *title;
    const char *description; /* NULL when none */
    struct spec_citations refs;
    struct spec_code_list preliminary; /* 1yz replies after which more replies follow */
    struct spec_code_list success;
    struct spec_code_list intermediate;
    struct spec_code_list error;
    bool common_errors;
    struct spec_meaning *meanings; /* sorted by code */
    size_t meaning_count;
    struct mark at; /* of the entry */
};

/* Enhanced status codes (RFC 3463): class.subject.detail. */
struct spec_enhanced_code {
    int subject;
    int detail;
    const char *name;
    const char *text;
    const char *description;
    unsigned classes;            /* bit 1 << class for each class it is used with */
    struct spec_code_list basic; /* associated basic codes the spec defines */
    int *registry_basic;         /* further basic codes the registry cites */
    size_t registry_basic_count;
    struct spec_citations refs;
    const struct spec_entry *subject_entry;
    struct mark at; /* of the entry */
};

struct spec_enhanced {
    struct spec_entry *classes; /* 2, 4 or 5; sorted by number */
    size_t class_count;
    struct spec_entry *subjects; /* sorted by number */
    size_t subject_count;
    struct spec_enhanced_code *codes; /* sorted by subject, then detail */
    size_t code_count;
    struct mark at; /* of the key "enhanced" */
};

struct spec {
    const char *file;
    const char *name;
    const char *title;
    const char *prefix;
    struct mark prefix_at;
    const char *description; /* NULL when none */
    int line_limit;
    const char *continuation; /* "coded" or "free": how multi-line replies go on */
    int lowest_code;          /* the codes the protocol's grammar allows */
    int highest_code;
    struct spec_citations refs;
    struct spec_reference *references;
    size_t reference_count;
    struct spec_entry *first_digits; /* sorted by number */
    size_t first_digit_count;
    struct spec_entry *second_digits; /* sorted by number */
    size_t second_digit_count;
    struct spec_code *codes; /* sorted by code */
    size_t code_count;
    struct spec_command *commands; /* in spec order */
    size_t command_count;
    struct spec_code_list common_errors;
    struct spec_enhanced *enhanced; /* NULL when the spec has none */
};

/* Check the tree read from file against the spec format and fill *spec.
 * Every problem is reported through diag with its place; returns 0 when
 * there were none, else -1 (and *spec holds nothing to free). */
int spec_check(const char *file, const struct value *root, struct spec *spec, struct diag *diag);
void spec_free(struct spec *spec);

/* Lookups in the sorted tables (spec.c): the entry, or NULL. */
const struct spec_code *spec_find_code(const struct spec *spec, int code);
const struct spec_entry *spec_find_entry(const struct spec_entry *entries, size_t count, int number);

const char *spec_status_name(enum spec_status status);

/* How documentation names a document: "rfc5321" -> "RFC 5321"; an id that
 * is not letters then digits stays as it is ("draft-levine-mailbomb-header").
 * A citation adds " section S" when it names one. The checker bounds the
 * joined labels, the model shows them: one rule for both. */
void spec_append_document_label(struct buffer *out, const char *id);
void spec_append_citation_label(struct buffer *out, const struct spec_citation *citation);

/* For the check stage, as it builds the tables: the order the lookups
 * above search in, and freeing an entry it rejects. */
void spec_sort_codes(struct spec_code *codes, size_t count);
void spec_sort_entries(struct spec_entry *entries, size_t count);
void spec_free_command(struct spec_command *command);
void spec_free_enhanced_code(struct spec_enhanced_code *code);

#endif
