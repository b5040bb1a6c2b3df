/* smtp_dialogue.c: talk to a real SMTP server on 127.0.0.1 and parse every
 * reply it sends with the runtime's streaming parser, in strict mode, as
 * the bytes arrive from the socket.
 *
 * Usage: smtp_dialogue PORT RECIPIENT
 * Sends EHLO, MAIL, RCPT TO:<RECIPIENT>, DATA (and a message if the server
 * says 354), an unknown command, and QUIT. Prints one line per reply,
 * tab-separated, for tests/servers/run_servers.py to check:
 *   reply  COMMAND  CODE  ENHANCED|-  LINES  HEX-OF-THE-REPLY'S-BYTES
 *   error  COMMAND  ERROR-NAME  STREAM-OFFSET
 * Exits 0 when every reply parsed, 1 when one did not, 2 when the server
 * could not be reached. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "replygen/reply.h"

/* Bounded waits: a server that stops answering fails the run, not hangs it. */
#define READ_TIMEOUT_SECONDS 10

struct session {
    int socket;
    struct reply_parser parser;
    char storage[REPLY_SUGGESTED_STORAGE_SIZE];
    struct reply_line lines[REPLY_SUGGESTED_MAX_LINES];
    char received[1 << 16]; /* every byte of the session, for the transcript */
    size_t received_size;
    size_t fed;
};

static int connect_local(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct timeval timeout = { READ_TIMEOUT_SECONDS, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((uint16_t)port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Read until a whole reply has arrived; 0 when the parse failed or the
 * stream ended (the error is in the parser). */
static int read_reply(struct session *session, struct reply *reply)
{
    for (;;) {
        size_t consumed;
        enum reply_progress progress = reply_parser_feed(&session->parser, session->received + session->fed,
                                                         session->received_size - session->fed, &consumed, reply);
        session->fed += consumed;
        if (progress == REPLY_COMPLETE)
            return 1;
        if (progress == REPLY_FAILED)
            return 0;
        size_t room = sizeof session->received - session->received_size;
        ssize_t got = room > 0 ? recv(session->socket, session->received + session->received_size, room, 0) : 0;
        if (got <= 0) {
            reply_parser_finish(&session->parser);
            return 0;
        }
        session->received_size += (size_t)got;
    }
}

static void print_reply(const struct session *session, const char *command, const struct reply *reply)
{
    const struct reply_enhanced *enhanced = &reply->lines[0].enhanced;
    printf("reply\t%s\t%d\t", command, reply->code);
    if (enhanced->class_digit != 0)
        printf("%d.%d.%d", enhanced->class_digit, enhanced->subject, enhanced->detail);
    else
        printf("-");
    printf("\t%zu\t", reply->line_count);
    for (size_t i = 0; i < reply->size; i++)
        printf("%02x", (unsigned char)session->received[reply->offset + i]);
    printf("\n");
}

/* Send command (NULL: only read, for the greeting), read and print the
 * reply. Returns its code, or -1 after printing the error. */
static int exchange(struct session *session, const char *label, const char *command)
{
    if (command != NULL) {
        size_t length = strlen(command);
        if (send(session->socket, command, length, 0) != (ssize_t)length) {
            printf("error\t%s\tsend_failed\t%zu\n", label, session->received_size);
            return -1;
        }
    }
    struct reply reply;
    if (!read_reply(session, &reply)) {
        uint64_t offset;
        enum reply_error error = reply_parser_error(&session->parser, &offset);
        printf("error\t%s\t%s\t%" PRIu64 "\n", label,
               error == REPLY_ERROR_NONE ? "connection_closed" : reply_error_name(error), offset);
        return -1;
    }
    print_reply(session, label, &reply);
    return reply.code;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: smtp_dialogue PORT RECIPIENT\n");
        return 2;
    }
    static struct session session;
    session.socket = connect_local(atoi(argv[1]));
    if (session.socket < 0) {
        perror("smtp_dialogue: connect");
        return 2;
    }
    struct reply_options options;
    reply_options_init(&options);
    options.mode = REPLY_STRICT;
    reply_parser_init(&session.parser, &options, session.storage, sizeof session.storage, session.lines,
                      REPLY_SUGGESTED_MAX_LINES);

    char rcpt[512];
    snprintf(rcpt, sizeof rcpt, "RCPT TO:<%s>\r\n", argv[2]);
    int ok = exchange(&session, "greeting", NULL) > 0 && exchange(&session, "EHLO", "EHLO client.example\r\n") > 0
        && exchange(&session, "MAIL", "MAIL FROM:<replygen@example.com>\r\n") > 0
        && exchange(&session, "RCPT", rcpt) > 0;
    if (ok) {
        int data = exchange(&session, "DATA", "DATA\r\n");
        ok = data > 0;
        if (data == 354)
            ok = exchange(&session, "message", "Subject: replygen real-server test\r\n\r\nHello.\r\n.\r\n") > 0;
    }
    ok = ok && exchange(&session, "XYZZY", "XYZZY\r\n") > 0 && exchange(&session, "QUIT", "QUIT\r\n") > 0;
    close(session.socket);
    return ok ? 0 : 1;
}
