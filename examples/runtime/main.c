/* A mail client's view of a reply, through the installed runtime library
 * (built with pkg-config by the commands in README.md): parses the reply
 * given as an argument and says what to do about it. */
#include <replygen/smtp_protocol.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    char wire[1024]; /* the line as a server sends it, with CRLF */
    int size = snprintf(wire, sizeof wire, "%s\r\n", argc > 1 ? argv[1] : "451 4.7.1 Greylisted, try again later");
    if (size < 0 || (size_t)size >= sizeof wire) {
        fputs("reply too long\n", stderr);
        return 1;
    }
    struct reply_line line;
    size_t used;
    enum reply_error error = reply_parse_line(wire, (size_t)size, NULL, -1, &line, &used);
    if (error != REPLY_ERROR_NONE) {
        fprintf(stderr, "not a reply: %s\n", reply_error_message(error));
        return 1;
    }
    struct reply_meaning meaning;
    const char *summary = reply_describe(&smtp_protocol, line.code, &meaning) ? meaning.summary : "unknown code";
    printf("%d: %s -> %s\n", line.code, summary, reply_action_name(reply_action_of(&smtp_protocol, line.code)));
    return 0;
}
