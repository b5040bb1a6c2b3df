/* Uses what replygen generated for toy.yaml: the file from this project's
 * own template, the tables and classifiers, and the descriptor through
 * which the runtime library parses and explains a toy server's reply. */
#include "toy_protocol.h"
#include "toy_replies.h"
#include "toy_summaries.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *text = argc > 1 ? argv[1] : "450 Toy busy";
    char wire[256]; /* the line as the server sends it, with CRLF */
    size_t i, used, size = strlen(text);
    struct reply_line line;
    struct reply_meaning meaning;

    for (i = 0; i < sizeof toy_summary_lines / sizeof toy_summary_lines[0]; i++)
        puts(toy_summary_lines[i]);
    if (size + 2 > sizeof wire) {
        fputs("reply too long\n", stderr);
        return 1;
    }
    memcpy(wire, text, size);
    memcpy(wire + size, "\r\n", 2);
    if (reply_parse_line(wire, size + 2, NULL, -1, &line, &used) != REPLY_ERROR_NONE
        || !reply_describe(&toy_protocol, line.code, &meaning)) {
        fprintf(stderr, "not a toy reply: %s\n", text);
        return 1;
    }
    printf("%d %s: %s -> %s; PLAY expects it as %s\n", line.code, meaning.name, meaning.summary,
           reply_action_name(reply_action_of(&toy_protocol, line.code)),
           toy_role_name(toy_reply_role_for(TOY_COMMAND_PLAY, line.code)));
    return 0;
}
