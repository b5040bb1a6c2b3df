/* explain.h: what smtp-explain says about a reply, gathered through the
 * runtime and a protocol descriptor, and its two ways of printing it. */
#ifndef REPLYGEN_EXPLAIN_H
#define REPLYGEN_EXPLAIN_H

#include <stdio.h>

#include "replygen/reply.h"

struct explanation {
    const struct reply *reply;
    const struct reply_protocol *protocol;
    const char *class_name; /* "permanent_negative"; NULL when unknown */
    const char *class_title;
    const char *category_title; /* "Mail system"; NULL when unknown */
    int code_known;             /* meaning is filled */
    struct reply_meaning meaning;
    int enhanced_known; /* enhanced_meaning is filled */
    struct reply_enhanced_meaning enhanced_meaning;
    enum reply_action action;
};

/* Fill *explanation for reply; it points to reply, which must outlive it. */
void explain(const struct reply_protocol *protocol, const struct reply *reply, struct explanation *explanation);

/* One JSON object on one line, as the README documents. */
void print_json_reply(FILE *out, const struct explanation *explanation);
void print_json_error(FILE *out, enum reply_error error, uint64_t offset);

/* A few lines for people. */
void print_text_reply(FILE *out, const struct explanation *explanation);
void print_text_error(FILE *out, const char *source, enum reply_error error, uint64_t offset);

#endif
