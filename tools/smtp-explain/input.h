/* input.h: one input of smtp-explain (a file, standard input or a reply
 * given as an argument), read as the replies a server sent or as a mail
 * log. */
#ifndef REPLYGEN_EXPLAIN_INPUT_H
#define REPLYGEN_EXPLAIN_INPUT_H

#include "settings.h"
#include "summary.h"

/* Read fd to its end and explain it. Without --log the first line decides:
 * one that starts with a reply code begins a reply stream, any other a
 * mail log (then *log_read is set and its replies go to summary). Returns
 * 1 when all parsed, 0 after an error (reported). */
int input_explain_fd(const struct settings *settings, struct summary *summary, int *log_read, int fd,
                     const char *source);

/* A reply given as text; a missing final line end is added. */
int input_explain_text(const struct settings *settings, const char *text, const char *source);

#endif
