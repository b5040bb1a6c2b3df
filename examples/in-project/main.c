/* An FTP client's view of a reply: parsed by the runtime library with the
 * FTP options (RFC 959 codes 100 to 659), explained through the
 * ftp_protocol descriptor generated from replygen's spec/ftp.yaml. */
#include "ftp_protocol.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *text = argc > 1 ? argv[1] : "550 Requested action not taken. File unavailable";
    char wire[512]; /* the line as the server sends it, with CRLF */
    size_t used, size = strlen(text);
    struct reply_options options;
    struct reply_line line;
    struct reply_meaning meaning;
    enum reply_error error;
    const char *action;

    if (size + 2 > sizeof wire) {
        fputs("reply too long\n", stderr);
        return 1;
    }
    memcpy(wire, text, size);
    memcpy(wire + size, "\r\n", 2);
    reply_options_init(&options);
    options.continuation = REPLY_CONTINUATION_FREE;
    options.lowest_code = 100;
    options.highest_code = 659;
    error = reply_parse_line(wire, size + 2, &options, -1, &line, &used);
    if (error != REPLY_ERROR_NONE) {
        fprintf(stderr, "not a reply: %s\n", reply_error_message(error));
        return 1;
    }
    if (!reply_describe(&ftp_protocol, line.code, &meaning)) {
        fprintf(stderr, "%d is not an FTP reply\n", line.code);
        return 1;
    }
    action = reply_action_name(reply_action_of(&ftp_protocol, line.code));
    printf("%d %s: %s -> %s\n", line.code, meaning.name, meaning.summary, action ? action : "see the text");
    return 0;
}
