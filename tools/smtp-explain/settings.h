/* settings.h: what smtp-explain's command line asks for (options.c reads
 * it), shared by the ways of reading an input. */
#ifndef REPLYGEN_EXPLAIN_SETTINGS_H
#define REPLYGEN_EXPLAIN_SETTINGS_H

#include "replygen/reply.h"

struct settings {
    const struct reply_protocol *protocol;
    struct reply_options options; /* the protocol's; strict with --strict */
    int json;                     /* --json */
    int log;                      /* --log: every input is a mail log */
    int mail_logs;                /* logs may be read: the protocol is SMTP */
    int command;                  /* --command, -1 when not given */
};

/* Read the options of argv into *settings and move the operands (files,
 * replies, "-") to argv[1..*operand_count], in their order. Returns -1
 * when the program goes on, else the exit status it ends with: 0 after
 * --help or --version, 2 after a usage error (reported in one line). */
int options_parse(int argc, char **argv, struct settings *settings, int *operand_count);

#endif
