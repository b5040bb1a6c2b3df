/* main.c: smtp-explain, what an SMTP (or FTP) server's replies mean and
 * what a client should do about them.
 *
 *   smtp-explain [--protocol smtp|ftp] [--json] [--strict] [REPLY...]
 *
 * Each REPLY argument is the bytes of a reply (a missing final line end is
 * added); without arguments, standard input is read as the bytes a server
 * sent, and parsed as they arrive. Exit status: 0 every reply parsed, 1 a
 * reply was malformed (reported where it was, and that input's parse
 * stops there: what follows cannot be framed), 2 a usage error. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "explain.h"
#include "ftp_protocol.h"
#include "smtp_protocol.h"

/* The protocols this tool knows. How their replies are framed (line
 * limit, continuation lines, code range) comes from each descriptor, that
 * is from its spec. */
static const struct reply_protocol *const known_protocols[] = { &smtp_protocol, &ftp_protocol };

struct settings {
    int json;
    const struct reply_protocol *protocol;
    struct reply_options options;
};

/* The protocol named name; NULL when there is none of that name. */
static const struct reply_protocol *find_protocol(const char *name)
{
    for (size_t i = 0; i < sizeof known_protocols / sizeof known_protocols[0]; i++)
        if (strcmp(known_protocols[i]->name, name) == 0)
            return known_protocols[i];
    return NULL;
}

/* The parser for one input, with storage for the largest reply it takes. */
struct input {
    struct reply_parser parser;
    char storage[REPLY_SUGGESTED_STORAGE_SIZE];
    struct reply_line lines[REPLY_SUGGESTED_MAX_LINES];
};

static void print_reply(const struct settings *settings, const struct reply *reply)
{
    struct explanation explanation;
    explain(settings->protocol, reply, &explanation);
    if (settings->json) {
        print_json_reply(stdout, &explanation);
    } else {
        print_text_reply(stdout, &explanation);
        fputc('\n', stdout);
    }
    fflush(stdout);
}

/* Feed bytes and explain every reply they complete. 0 once the parse failed. */
static int feed(const struct settings *settings, struct input *input, const char *data, size_t size)
{
    while (size > 0) {
        struct reply reply;
        size_t consumed;
        enum reply_progress progress = reply_parser_feed(&input->parser, data, size, &consumed, &reply);
        if (progress == REPLY_FAILED)
            return 0;
        if (progress == REPLY_COMPLETE)
            print_reply(settings, &reply);
        data += consumed;
        size -= consumed;
    }
    return 1;
}

/* Report how the input ended; 1 when it ended cleanly between replies. */
static int finish(const struct settings *settings, struct input *input, const char *source)
{
    if (reply_parser_finish(&input->parser) == REPLY_ERROR_NONE)
        return 1;
    uint64_t offset;
    enum reply_error error = reply_parser_error(&input->parser, &offset);
    if (settings->json) {
        print_json_error(stdout, error, offset);
        fflush(stdout);
    } else {
        print_text_error(stderr, source, error, offset);
    }
    return 0;
}

static int explain_argument(const struct settings *settings, struct input *input, const char *argument)
{
    reply_parser_init(&input->parser, &settings->options, input->storage, sizeof input->storage, input->lines,
                      REPLY_SUGGESTED_MAX_LINES);
    size_t length = strlen(argument);
    if (feed(settings, input, argument, length) && (length == 0 || argument[length - 1] != '\n'))
        feed(settings, input, "\r\n", 2);
    return finish(settings, input, "argument");
}

static int explain_standard_input(const struct settings *settings, struct input *input)
{
    reply_parser_init(&input->parser, &settings->options, input->storage, sizeof input->storage, input->lines,
                      REPLY_SUGGESTED_MAX_LINES);
    char buffer[4096];
    ssize_t got;
    /* read(), not fread(): replies are explained as soon as they arrive. */
    while ((got = read(STDIN_FILENO, buffer, sizeof buffer)) > 0)
        if (!feed(settings, input, buffer, (size_t)got))
            break;
    if (got < 0) {
        perror("smtp-explain: standard input");
        return 0;
    }
    return finish(settings, input, "standard input");
}

static void usage(FILE *out)
{
    fputs("Usage: smtp-explain [--protocol smtp|ftp] [--json] [--strict] [REPLY...]\n"
          "Explain SMTP replies: code, class, meaning, enhanced status code, and what a\n"
          "client should do (proceed, send more, retry later, give up).\n"
          "\n"
          "Each REPLY is the text of one reply, such as '550 5.1.1 User unknown'; without\n"
          "REPLY, standard input is read as the bytes a server sent.\n"
          "\n"
          "      --protocol NAME  the protocol of the replies: smtp (the default) or\n"
          "                 ftp (RFC 959 multi-line replies, 1yz and 6yz codes)\n"
          "      --json     print one JSON object per reply, one per line\n"
          "      --strict   report every deviation from RFC 5321 as an error; by\n"
          "                 default what real servers send is accepted and listed\n"
          "                 as tolerated\n"
          "  -h, --help     show this help and exit\n"
          "  -V, --version  show the version and exit\n"
          "\n"
          "Exit status: 0 every reply parsed, 1 a malformed reply, 2 a usage error.\n",
          out);
}

int main(int argc, char **argv)
{
    struct settings settings = { 0 };
    settings.protocol = &smtp_protocol;
    int strict = 0;
    int first_reply = argc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--protocol") == 0) {
            if (i + 1 >= argc || (settings.protocol = find_protocol(argv[i + 1])) == NULL) {
                fprintf(stderr, "smtp-explain: --protocol takes smtp or ftp\n");
                usage(stderr);
                return 2;
            }
            i++;
        } else if (strcmp(argv[i], "--json") == 0) {
            settings.json = 1;
        } else if (strcmp(argv[i], "--strict") == 0) {
            strict = 1;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "-V") == 0 || strcmp(argv[i], "--version") == 0) {
            printf("smtp-explain (replygen) %s\n", REPLYGEN_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--") == 0) {
            first_reply = i + 1;
            break;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "smtp-explain: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        } else {
            first_reply = i;
            break;
        }
    }

    reply_options_for(&settings.options, settings.protocol);
    if (strict)
        settings.options.mode = REPLY_STRICT;
    static struct input input;
    int ok = 1;
    if (first_reply >= argc)
        ok = explain_standard_input(&settings, &input);
    for (int i = first_reply; i < argc; i++)
        ok &= explain_argument(&settings, &input, argv[i]);
    return ok ? 0 : 1;
}
