/* main.c: smtp-explain, what an SMTP (or FTP) server's replies mean, what
 * a client should do about them, and why a mail bounced.
 *
 *   smtp-explain [OPTION]... [FILE | REPLY | -]...
 *
 * Each operand that starts with a reply code is the text of a reply;
 * any other is a file ("-" standard input, read when there is none),
 * holding the bytes a server sent or a mail log (input.h). Errors are
 * reported where they are and the rest is still read. Exit status: 0
 * every reply parsed, 1 a malformed reply or an input that could not be
 * read, 2 a usage error. See smtp-explain(1). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "input.h"

static int is_reply_text(const char *operand)
{
    for (int i = 0; i < 3; i++)
        if (operand[i] < '0' || operand[i] > '9')
            return 0;
    return operand[3] == '\0' || strchr(" -\r\n", operand[3]) != NULL;
}

static int explain_file(const struct settings *settings, struct summary *summary, int *log_read, const char *name)
{
    if (strcmp(name, "-") == 0) {
        if (isatty(STDIN_FILENO))
            fputs("smtp-explain: reading replies or a mail log from the terminal; end with Ctrl-D "
                  "(see --help)\n",
                  stderr);
        return input_explain_fd(settings, summary, log_read, STDIN_FILENO, "standard input");
    }
    int fd = open(name, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "smtp-explain: %s: %s\n", name, strerror(errno));
        return 0;
    }
    int ok = input_explain_fd(settings, summary, log_read, fd, name);
    close(fd);
    return ok;
}

int main(int argc, char **argv)
{
    struct settings settings = { 0 };
    int operands = 0;
    int status = options_parse(argc, argv, &settings, &operands);
    if (status >= 0)
        return status;

    struct summary summary;
    summary_init(&summary);
    int log_read = 0;
    int ok = 1;
    char source[32];
    if (operands == 0)
        ok = explain_file(&settings, &summary, &log_read, "-");
    for (int i = 1; i <= operands; i++) {
        if (is_reply_text(argv[i])) {
            snprintf(source, sizeof source, "argument %d", i);
            ok &= input_explain_text(&settings, argv[i], source);
        } else {
            ok &= explain_file(&settings, &summary, &log_read, argv[i]);
        }
    }
    if (log_read) {
        if (settings.json)
            summary_print_json(stdout, &summary);
        else
            summary_print_text(stdout, &summary);
    }
    if (summary.out_of_memory) {
        fputs("smtp-explain: out of memory\n", stderr);
        ok = 0;
    }
    summary_free(&summary);
    return ok ? 0 : 1;
}
