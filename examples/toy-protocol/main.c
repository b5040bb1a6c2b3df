/* Uses what replygen generated for toy.yaml: the tables and classifiers,
 * and the file from this project's own template. */
#include "toy_replies.h"
#include "toy_summaries.h"

#include <stdio.h>

int main(void)
{
    size_t i;
    for (i = 0; i < sizeof toy_summary_lines / sizeof toy_summary_lines[0]; i++)
        puts(toy_summary_lines[i]);
    printf("450 is %s; PLAY expects it as %s\n", toy_class_name(toy_reply_class_of(450)),
           toy_role_name(toy_reply_role_for(TOY_COMMAND_PLAY, 450)));
    return toy_reply_from_name("busy") == 450 ? 0 : 1;
}
