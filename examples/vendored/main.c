/* A project that vendors replygen's single header: no build system, no
 * dependency. README.md has the commands that build it, write
 * smtp_replies_single.h and check that it is current.
 * A program that also links libreplygen defines SMTP_REPLIES_STATIC
 * instead of SMTP_REPLIES_IMPLEMENTATION, in every file that includes the
 * header, so that its copy stays private to those files. */
#define SMTP_REPLIES_IMPLEMENTATION
#include "smtp_replies_single.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    int code = argc > 1 ? atoi(argv[1]) : 550;
    const struct smtp_reply_info *info = smtp_reply_lookup(code);
    const char *class_name = smtp_class_name(smtp_reply_class_of(code));
    printf("%d: %s (%s)\n", code, info ? smtp_reply_info_summary(info) : "not a known SMTP reply",
           class_name ? class_name : "no class");
    return info ? 0 : 1;
}
