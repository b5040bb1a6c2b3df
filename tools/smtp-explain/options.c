/* options.c: smtp-explain's command line: GNU-style options anywhere
 * before "--" (--name VALUE and --name=VALUE alike), operands kept in
 * order, a usage error in one line, and --help that speaks of the
 * protocol chosen. */
#include <string.h>

#include "explain.h"
#include "ftp_protocol.h"
#include "settings.h"
#include "smtp_protocol.h"
#include "suggest.h"

/* The protocols this tool knows. How their replies are framed (line
 * limit, continuation lines, code range) comes from each descriptor, that
 * is from its spec. The first is the default. */
static const struct reply_protocol *const known_protocols[] = { &smtp_protocol, &ftp_protocol };
#define PROTOCOL_COUNT (sizeof known_protocols / sizeof known_protocols[0])

/* Help columns: options start at 2, descriptions at 23, lines end by 79. */
#define DESCRIPTION_COLUMN 23
#define LINE_WIDTH         79

static const struct reply_protocol *find_protocol(const char *name)
{
    for (size_t i = 0; i < PROTOCOL_COUNT; i++)
        if (strcmp(known_protocols[i]->name, name) == 0)
            return known_protocols[i];
    return NULL;
}

/* Print text from column `column`, words wrapped at LINE_WIDTH, each new
 * line indented to `indent`. */
static void print_wrapped(FILE *out, size_t column, size_t indent, const char *text)
{
    while (*text != '\0') {
        size_t word = strcspn(text, " ");
        if (column > indent && column + 1 + word > LINE_WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            column = indent;
        } else if (column > indent) {
            fputc(' ', out);
            column++;
        }
        fwrite(text, 1, word, out);
        column += word;
        text += word;
        text += strspn(text, " ");
    }
    fputc('\n', out);
}

/* One option of the help: its names, then its description in the
 * description column (on the next line when the names reach it). */
static void print_option(FILE *out, const char *names, const char *description)
{
    size_t column = 2 + strlen(names);
    fprintf(out, "  %s", names);
    if (column + 2 > DESCRIPTION_COLUMN) {
        fputc('\n', out);
        column = 0;
    }
    fprintf(out, "%*s", (int)(DESCRIPTION_COLUMN - column), "");
    print_wrapped(out, DESCRIPTION_COLUMN, DESCRIPTION_COLUMN, description);
}

/* Room for the help's generated sentences: protocol names, command lists. */
struct text {
    char buffer[1024];
    size_t length;
};

static void text_add(struct text *text, const char *piece)
{
    size_t room = sizeof text->buffer - 1 - text->length;
    size_t size = strlen(piece);
    if (size > room)
        size = room;
    memcpy(text->buffer + text->length, piece, size);
    text->length += size;
    text->buffer[text->length] = '\0';
}

/* Postfix and Exim logs hold the replies of SMTP servers only. */
static int reads_mail_logs(const struct reply_protocol *protocol) { return strcmp(protocol->name, "smtp") == 0; }

/* "smtp or ftp", the one chosen (when not NULL) marked so. */
static void protocol_list(struct text *text, const struct reply_protocol *chosen)
{
    for (size_t i = 0; i < PROTOCOL_COUNT; i++) {
        text_add(text, i == 0 ? "" : i + 1 == PROTOCOL_COUNT ? " or " : ", ");
        text_add(text, known_protocols[i]->name);
        text_add(text, known_protocols[i] == chosen ? " (chosen)" : "");
    }
}

static void usage(FILE *out, const struct reply_protocol *protocol)
{
    struct text text = { .length = 0 };
    fputs("Usage: smtp-explain [OPTION]... [FILE | REPLY | -]...\n", out);
    text_add(&text, "Explain ");
    text_add(&text, protocol->title);
    text_add(&text, " replies: each code's class and meaning");
    text_add(&text, protocol->describe_enhanced != NULL ? ", the enhanced status code" : "");
    text_add(&text, " and what a client should do (proceed, send more, retry later, give up).");
    print_wrapped(out, 0, 0, text.buffer);
    fputc('\n', out);
    text.length = 0;
    text_add(&text,
             "An operand that starts with a reply code (three digits) is the text of a reply; "
             "any other names a file to read, '-' standing for standard input, which is read "
             "when there is no operand. An input is read as the bytes a server sent");
    text_add(&text,
             !reads_mail_logs(protocol) ? "."
                                        : ", or as a mail log (Postfix, Exim) when its first line does "
                                          "not start with a reply code: each reply a log line holds "
                                          "is explained with the command it answered, and a summary "
                                          "follows.");
    print_wrapped(out, 0, 0, text.buffer);
    fputc('\n', out);

    text.length = 0;
    text_add(&text, "the protocol of the replies: ");
    protocol_list(&text, protocol);
    print_option(out, "    --protocol=NAME", text.buffer);

    text.length = 0;
    text_add(&text,
             "the command the replies answer, to tell whether each is an expected success, "
             "intermediate reply or error for it:");
    for (int command = 0; command < protocol->command_count; command++) {
        text_add(&text, command == 0 ? " " : ", ");
        text_add(&text, explain_command_label(protocol, command));
    }
    print_option(out, "    --command=CMD", text.buffer);
    if (reads_mail_logs(protocol))
        print_option(out, "    --log", "read every input as a mail log, even one whose first line starts with a code");
    print_option(out, "    --json", "print one JSON object per reply, one per line (see smtp-explain(1))");
    text.length = 0;
    text_add(&text, "report every deviation from the reply format of the ");
    text_add(&text, protocol->title);
    text_add(&text, " as an error; by default what real servers send is accepted and listed as tolerated");
    print_option(out, "    --strict", text.buffer);
    print_option(out, "-h, --help", "show this help (for the protocol --protocol names) and exit");
    print_option(out, "-V, --version", "show the version and exit");
    fputc('\n', out);
    print_wrapped(out, 0, 0,
                  "Exit status: 0 every reply parsed, 1 a malformed reply or an input that could "
                  "not be read (the others are still explained), 2 a usage error.");
}

static int usage_error(const char *message, const char *detail)
{
    fprintf(stderr, "smtp-explain: %s%s; try --help\n", message, detail);
    return 2;
}

/* Whether argument is --name or --name=VALUE; *value is then the VALUE,
 * or NULL for the first form. */
static int is_option(const char *argument, const char *name, const char **value)
{
    size_t length = strlen(name);
    if (strncmp(argument, name, length) != 0)
        return 0;
    if (argument[length] == '\0')
        *value = NULL;
    else if (argument[length] == '=')
        *value = argument + length + 1;
    else
        return 0;
    return 1;
}

/* An option's value: the one after "=", else the next argument (*i
 * moves past it). 0 when there is none. */
static int take_value(int argc, char **argv, int *i, const char *value, const char **target)
{
    if (value == NULL) {
        if (*i + 1 >= argc)
            return 0;
        value = argv[++*i];
    }
    *target = value;
    return 1;
}

/* Whether argument is --NAME=VALUE for an option that takes no value. */
static int takes_no_value(const char *argument)
{
    static const char *const flags[] = { "--json", "--strict", "--log", "--help", "--version" };
    const char *value;
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (is_option(argument, flags[i], &value) && value != NULL)
            return 1;
    return 0;
}

/* "unknown option --comand (did you mean --command?)": the option's name,
 * without its =VALUE, against every option. */
static int unknown_option(const char *argument)
{
    static const char *const options[] = { "--protocol", "--command", "--json",    "--strict",
                                           "--log",      "--help",    "--version", NULL };
    char name[64];
    size_t length = strcspn(argument, "=");
    const char *closest = NULL;
    if (length < sizeof name) {
        memcpy(name, argument, length);
        name[length] = '\0';
        closest = suggest_from_list(name, options);
    }
    if (closest)
        fprintf(stderr, "smtp-explain: unknown option %s (did you mean %s?); try --help\n", argument, closest);
    else
        fprintf(stderr, "smtp-explain: unknown option %s; try --help\n", argument);
    return 2;
}

/* The verb of the protocol's command closest to name; NULL when none is
 * close. */
static const char *closest_command(const struct reply_protocol *protocol, const char *name)
{
    struct suggest search;
    suggest_start(&search, name);
    for (int command = 0; command < protocol->command_count; command++)
        suggest_consider(&search, explain_command_label(protocol, command));
    return suggest_best(&search);
}

int options_parse(int argc, char **argv, struct settings *settings, int *operand_count)
{
    const char *protocol_name = NULL;
    const char *command_name = NULL;
    int strict = 0;
    int help = 0;
    int operands = 0;
    int options_end = 0;
    for (int i = 1; i < argc; i++) {
        const char *argument = argv[i];
        const char *value = NULL;
        if (options_end || argument[0] != '-' || argument[1] == '\0') {
            argv[++operands] = argv[i];
        } else if (strcmp(argument, "--") == 0) {
            options_end = 1;
        } else if (is_option(argument, "--protocol", &value)) {
            if (!take_value(argc, argv, &i, value, &protocol_name))
                return usage_error("--protocol", " needs a value");
        } else if (is_option(argument, "--command", &value)) {
            if (!take_value(argc, argv, &i, value, &command_name))
                return usage_error("--command", " needs a value");
        } else if (strcmp(argument, "--json") == 0) {
            settings->json = 1;
        } else if (strcmp(argument, "--strict") == 0) {
            strict = 1;
        } else if (strcmp(argument, "--log") == 0) {
            settings->log = 1;
        } else if (strcmp(argument, "-h") == 0 || strcmp(argument, "--help") == 0) {
            help = 1;
        } else if (strcmp(argument, "-V") == 0 || strcmp(argument, "--version") == 0) {
            printf("smtp-explain (replygen) %s\n", REPLYGEN_VERSION);
            return 0;
        } else if (takes_no_value(argument)) {
            return usage_error("this option takes no value: ", argument);
        } else {
            return unknown_option(argument);
        }
    }
    *operand_count = operands;

    settings->protocol = known_protocols[0];
    if (protocol_name != NULL && (settings->protocol = find_protocol(protocol_name)) == NULL) {
        struct text names = { .length = 0 };
        text_add(&names, "--protocol takes ");
        protocol_list(&names, NULL);
        text_add(&names, ", not ");
        return usage_error(names.buffer, protocol_name);
    }
    if (help) {
        usage(stdout, settings->protocol);
        return 0;
    }
    settings->command = -1;
    if (command_name != NULL
        && (settings->command = explain_find_command(settings->protocol, command_name, strlen(command_name))) < 0) {
        const char *closest = closest_command(settings->protocol, command_name);
        if (closest)
            fprintf(stderr, "smtp-explain: the %s spec has no command %s (did you mean %s?); try --help\n",
                    settings->protocol->name, command_name, closest);
        else
            fprintf(stderr, "smtp-explain: the %s spec has no command %s; try --help\n", settings->protocol->name,
                    command_name);
        return 2;
    }
    settings->mail_logs = reads_mail_logs(settings->protocol);
    if (settings->log && !settings->mail_logs)
        return usage_error("--log reads mail logs, which hold smtp replies, not ", settings->protocol->name);
    reply_options_for(&settings->options, settings->protocol);
    if (strict)
        settings->options.mode = REPLY_STRICT;
    return -1;
}
