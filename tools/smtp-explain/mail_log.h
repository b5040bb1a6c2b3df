/* mail_log.h: the SMTP replies that mail servers write into their logs,
 * found in one log line as the program wrote it:
 *
 * Postfix's smtp(8) client (smtp_proto.c: "host %s said: %s (in reply to
 * %s)", the reply's lines joined by spaces), in a delivery status line or
 * alone:
 *   ... postfix/smtp[4242]: 3F2A1C0123: to=<a@example.com>,
 *   relay=mx.example.com[192.0.2.1]:25, delay=0.5, delays=0.1/0/0.2/0.2,
 *   dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550
 *   5.1.1 <a@example.com>: User unknown (in reply to RCPT TO command))
 * and "host %s refused to talk to me: %s" for a greeting.
 *
 * Exim's main log (its lines joined by a backslash and "n"):
 *   2026-12-01 19:13:43 1xYTIN-000892-14 ** a@example.com R=... T=...
 *   H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after
 *   RCPT TO:<a@example.com>: 550 5.1.1 <a@example.com>: User unknown */
#ifndef REPLYGEN_EXPLAIN_MAIL_LOG_H
#define REPLYGEN_EXPLAIN_MAIL_LOG_H

#include "explain.h"

struct log_entry {
    struct log_fields fields; /* its strings are in the storage given */
    int command;              /* the command the reply answered; -1 when unknown */
    const char *reply;        /* the reply as logged, within the line */
    size_t reply_length;
    int joined_by_space; /* Postfix: lines joined by SP; Exim: by "\n" */
};

/* Find the reply line[0..length) holds, if any, and fill *entry: 1 when
 * found, else 0. storage receives the fields' strings and must have room
 * for length + 4 octets. */
int mail_log_read_line(const struct reply_protocol *protocol, const char *line, size_t length, char *storage,
                       struct log_entry *entry);

/* The reply's bytes as the server sent them, each line ending in CRLF,
 * written to out (room for 2 * reply_length + 2 octets). Returns their
 * size. */
size_t mail_log_reply_bytes(const struct log_entry *entry, char *out);

#endif
