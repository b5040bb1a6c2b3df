/* explain.c: everything the protocol's spec says about one reply. */
#include <string.h>

#include "explain.h"

void explain(const struct reply_protocol *protocol, const struct reply *reply, struct explanation *explanation)
{
    memset(explanation, 0, sizeof *explanation);
    explanation->reply = reply;
    explanation->protocol = protocol;
    explanation->class_name = reply_class_name(protocol, reply->code);
    explanation->class_title = reply_class_title(protocol, reply->code);
    explanation->category_title = reply_category_title(protocol, reply->code);
    explanation->code_known = reply_describe(protocol, reply->code, &explanation->meaning);
    explanation->enhanced_known =
        reply_describe_enhanced(protocol, &reply->lines[0].enhanced, &explanation->enhanced_meaning);
    explanation->action = reply_action_of(protocol, reply->code);
}
