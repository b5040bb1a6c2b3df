/* parse_stream.c: the reply stream of bench_parse, modelled on what
 * Postfix, Exim, Gmail and Microsoft 365 answer to a client: each session
 * is a greeting, an EHLO answer of 8 to 14 lines, MAIL, one to five RCPT,
 * DATA, the end of data and QUIT, with the failures real servers give. */
#include "parse_stream.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

struct stream {
    char *data;
    size_t size;
    size_t capacity;
    struct bench_rng rng;
};

static void append(struct stream *stream, const char *format, ...)
{
    char line[600];
    va_list args;
    va_start(args, format);
    int length = vsnprintf(line, sizeof line, format, args);
    va_end(args);
    /* RFC 5321 4.5.3.1.5: 512 octets with the CRLF. */
    if (length < 0 || length > 510) {
        fprintf(stderr, "parse_stream: a line of %d octets\n", length);
        exit(1);
    }
    if (stream->size + (size_t)length + 2 > stream->capacity) {
        size_t capacity = stream->capacity ? stream->capacity * 2 : 1u << 20;
        char *data = realloc(stream->data, capacity);
        if (data == NULL) {
            fprintf(stderr, "parse_stream: out of memory\n");
            exit(1);
        }
        stream->data = data;
        stream->capacity = capacity;
    }
    memcpy(stream->data + stream->size, line, (size_t)length);
    memcpy(stream->data + stream->size + (size_t)length, "\r\n", 2);
    stream->size += (size_t)length + 2;
}

static uint32_t pick(struct stream *stream, uint32_t bound) { return bench_rng_below(&stream->rng, bound); }

static const char *const domains[] = { "example.org",       "example.com",        "example.net", "mail.example.de",
                                       "lists.example.edu", "corp.example.co.uk", "example.fr",  "shop.example.io" };
static const char *const users[] = { "alice", "bob",          "carol.smith",       "d.jones",         "postmaster",
                                     "info",  "support-team", "newsletter+weekly", "j.random.hacker", "sales" };
enum {
    DOMAIN_COUNT = sizeof domains / sizeof domains[0],
    USER_COUNT = sizeof users / sizeof users[0]
};

/* Queue ids and Gmail's trace tokens: 10 to 40 characters of noise. */
static void token(struct stream *stream, char *out, size_t length, const char *alphabet)
{
    size_t alphabet_size = strlen(alphabet);
    for (size_t i = 0; i < length; i++)
        out[i] = alphabet[pick(stream, (uint32_t)alphabet_size)];
    out[length] = '\0';
}

static const char *const weekdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static void greeting(struct stream *s, const char *host, int flavour)
{
    switch (flavour) {
    case 0: append(s, "220 %s ESMTP Postfix (Debian/GNU)", host); break;
    case 1:
        append(s, "220 %s ESMTP Exim 4.96 %s, %02u %s 2023 %02u:%02u:%02u +0000", host, weekdays[pick(s, 7)],
               1 + pick(s, 28), months[pick(s, 12)], pick(s, 24), pick(s, 60), pick(s, 60));
        break;
    case 2: append(s, "220 mx.google.com ESMTP %s - gsmtp", host); break;
    default:
        append(s,
               "220-%s Microsoft ESMTP MAIL Service ready at %s, %u %s 2023 "
               "%02u:%02u:%02u +0000",
               host, weekdays[pick(s, 7)], 1 + pick(s, 28), months[pick(s, 12)], pick(s, 24), pick(s, 60), pick(s, 60));
        append(s,
               "220-We do not authorize the use of this system to transport "
               "unsolicited,");
        append(s, "220 and/or bulk e-mail.");
        break;
    }
}

static void ehlo(struct stream *s, const char *host, int flavour)
{
    static const char *const extensions[] = { "PIPELINING",
                                              "SIZE 52428800",
                                              "ETRN",
                                              "AUTH PLAIN LOGIN",
                                              "AUTH=PLAIN LOGIN",
                                              "ENHANCEDSTATUSCODES",
                                              "8BITMIME",
                                              "DSN",
                                              "SMTPUTF8",
                                              "CHUNKING",
                                              "STARTTLS",
                                              "BINARYMIME",
                                              "VRFY",
                                              "DELIVERBY",
                                              "REQUIRETLS",
                                              "PRDR",
                                              "X-EXPS GSSAPI NTLM" };
    enum {
        EXTENSION_COUNT = sizeof extensions / sizeof extensions[0]
    };
    unsigned count = 7 + pick(s, 7);
    append(s, "250-%s Hello client%u.%s [192.0.2.%u]", host, pick(s, 100), domains[pick(s, DOMAIN_COUNT)],
           1 + pick(s, 254));
    unsigned first = pick(s, EXTENSION_COUNT);
    for (unsigned i = 0; i < count; i++)
        append(s, "250-%s", extensions[(first + i) % EXTENSION_COUNT]);
    append(s, flavour == 1 ? "250 HELP" : "250 SMTPUTF8");
}

static void rcpt(struct stream *s, int flavour)
{
    const char *user = users[pick(s, USER_COUNT)];
    const char *domain = domains[pick(s, DOMAIN_COUNT)];
    char trace[41];
    uint32_t draw = pick(s, 100);
    if (draw < 80) {
        append(s, "250 2.1.5 Ok");
    } else if (draw < 86) {
        append(s,
               "550 5.1.1 <%s@%s>: Recipient address rejected: User unknown in virtual "
               "mailbox table",
               user, domain);
    } else if (draw < 90) {
        append(s,
               "450 4.2.0 <%s@%s>: Recipient address rejected: Greylisted, see "
               "http://postgrey.schweikert.ch/help/%s.html",
               user, domain, domain);
    } else if (draw < 94 && flavour == 2) {
        token(s, trace, 40, "abcdefghijklmnopqrstuvwxyz0123456789");
        append(s,
               "550-5.1.1 The email account that you tried to reach does not exist. "
               "Please try");
        append(s, "550-5.1.1 double-checking the recipient's email address for typos or");
        append(s, "550-5.1.1 unnecessary spaces. For more information, go to");
        append(s, "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser %s - gsmtp", trace);
    } else if (draw < 97) {
        append(s, "452 4.5.3 Error: too many recipients");
    } else {
        append(s, "550 5.7.1 <%s@%s>: Relay access denied", user, domain);
    }
}

static void end_of_data(struct stream *s, int flavour)
{
    char id[41];
    uint32_t draw = pick(s, 100);
    if (draw < 88) {
        switch (flavour) {
        case 0:
            token(s, id, 11, "0123456789ABCDEF");
            append(s, "250 2.0.0 Ok: queued as %s", id);
            break;
        case 1:
            token(s, id, 16, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
            append(s, "250 OK id=%.6s-%.6s-%.2s", id, id + 6, id + 12);
            break;
        case 2:
            token(s, id, 40, "abcdefghijklmnopqrstuvwxyz0123456789");
            append(s, "250 2.0.0 OK  17011%05u %s - gsmtp", pick(s, 100000), id);
            break;
        default:
            token(s, id, 36, "0123456789abcdef");
            append(s,
                   "250 2.6.0 <%s@%s> [InternalId=%u, Hostname=BN8NAM12HT%03u] %u bytes "
                   "in 0.%03u, %u.%03u KB/sec Queued mail for delivery",
                   id, domains[pick(s, DOMAIN_COUNT)], pick(s, 1000000000), pick(s, 1000), 1000 + pick(s, 900000),
                   pick(s, 1000), pick(s, 9000), pick(s, 1000));
            break;
        }
    } else if (draw < 93) {
        append(s, "554 5.7.1 Message rejected: spam content detected (score %u.%u > 5.0)", 5 + pick(s, 20),
               pick(s, 10));
    } else if (draw < 96) {
        append(s, "451 4.3.0 Error: queue file write error");
    } else {
        append(s,
               "550 5.7.606 Access denied, banned sending IP [192.0.2.%u]. To request "
               "removal from this list please visit https://sender.office.com/ and "
               "follow the directions. For more information please go to  "
               "http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) "
               "[BN8NAM12FT%03u.eop-nam12.prod.protection.outlook.com]",
               1 + pick(s, 254), pick(s, 1000));
    }
}

static void session(struct stream *s)
{
    int flavour = (int)pick(s, 4);
    char host[64];
    snprintf(host, sizeof host, "mx%u.%s", 1 + pick(s, 9), domains[pick(s, DOMAIN_COUNT)]);
    if (pick(s, 100) < 2) {
        /* A server that turns the client away at once. */
        append(s, "421 4.7.0 %s Error: too many connections from 192.0.2.%u", host, 1 + pick(s, 254));
        return;
    }
    greeting(s, host, flavour);
    ehlo(s, host, flavour);
    append(s, "250 2.1.0 Ok");
    unsigned recipients = 1 + pick(s, 5);
    for (unsigned i = 0; i < recipients; i++)
        rcpt(s, flavour);
    append(s, flavour == 0 ? "354 End data with <CR><LF>.<CR><LF>" : "354 Start mail input; end with <CRLF>.<CRLF>");
    end_of_data(s, flavour);
    append(s, "221 2.0.0 %s", flavour == 2 ? "closing connection - gsmtp" : "Bye");
}

char *parse_stream_build(size_t minimum, uint64_t seed, size_t *size)
{
    struct stream stream = { NULL, 0, 0, { seed } };
    while (stream.size < minimum)
        session(&stream);
    *size = stream.size;
    return stream.data;
}
