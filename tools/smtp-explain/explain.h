/* explain.h: what smtp-explain says about a reply, gathered through the
 * runtime and a protocol descriptor, and its two ways of printing it. */
#ifndef REPLYGEN_EXPLAIN_H
#define REPLYGEN_EXPLAIN_H

#include <stdio.h>

#include "replygen/reply.h"

#define EXPLAIN_MAX_CITED 4

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
    int command;               /* the command the reply answers; -1 when unknown */
    const char *command_label; /* "RCPT", "greeting"; NULL when unknown */
    enum reply_role role;      /* for command; REPLY_ROLE_UNEXPECTED when unknown */
    /* For a code the spec does not define: the enhanced codes whose entry
     * in the IANA registry cites it among their basic codes (SMTP's 524:
     * X.7.11), the first EXPLAIN_MAX_CITED of them. */
    struct explain_citation {
        const char *code; /* "X.7.11" */
        const char *text; /* "Encryption required for requested authentication mechanism" */
    } cited_by[EXPLAIN_MAX_CITED];
    int cited_count;
};

/* Fill *explanation for reply, the answer to command (-1 when unknown);
 * it points to reply, which must outlive it. */
void explain(const struct reply_protocol *protocol, const struct reply *reply, int command,
             struct explanation *explanation);

/* The command named by text (length octets): its verb ("RCPT", "rcpt") or
 * its name in the spec ("end_of_data", "greeting"), without regard to
 * ASCII case; -1 when the protocol has none. */
int explain_find_command(const struct reply_protocol *protocol, const char *text, size_t length);

/* How a command is shown: its verb, or its name when the verb is empty
 * or not a word ("greeting", "end_of_data"). */
const char *explain_command_label(const struct reply_protocol *protocol, int command);

/* "success", "intermediate", ... as the JSON prints a role. */
const char *explain_role_name(enum reply_role role);

/* A mail log line's own fields; each NULL when the line lacks it. */
struct log_fields {
    const char *format; /* "postfix" or "exim" */
    const char *queue_id;
    const char *recipient;
    const char *relay;
};

/* Where a reply was found: the input's name ("standard input", a file,
 * "argument 2") and, in a mail log, the line and its fields. */
struct reply_origin {
    const char *source;
    unsigned long line;           /* 0 outside log mode */
    const struct log_fields *log; /* NULL outside log mode */
};

/* One JSON object on one line, as smtp-explain(1) documents. */
void print_json_reply(FILE *out, const struct explanation *explanation, const struct reply_origin *origin);
void print_json_error(FILE *out, const char *source, enum reply_error error, uint64_t offset, unsigned long line,
                      unsigned long column);

/* A few lines for people. */
void print_text_reply(FILE *out, const struct explanation *explanation, const struct reply_origin *origin);
void print_text_error(FILE *out, const char *source, enum reply_error error, unsigned long line, unsigned long column);

/* Text for a terminal: what could act on it (control characters, C1,
 * bidirectional ones, bytes that are not UTF-8) shown as \xNN. Returns
 * the characters shown (a UTF-8 sequence counting one); out NULL only
 * counts them. */
size_t print_text_visible(FILE *out, const char *text, size_t length);

/* A JSON string of length octets, valid JSON whatever the bytes. */
void print_json_string(FILE *out, const char *text, size_t length);
/* A JSON string, or null for NULL. */
void print_json_optional(FILE *out, const char *text);

#endif
