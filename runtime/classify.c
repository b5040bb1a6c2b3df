/* classify.c: what a code means, asked of a protocol's generated tables
 * through struct reply_protocol. */
#include <string.h>

#include "replygen/reply.h"

/* Every member read here is in version 1; a member added in a later
 * version is read only after checking protocol->version. */
int reply_protocol_supported(const struct reply_protocol *protocol)
{
    return protocol != NULL && protocol->version >= 1;
}

enum reply_class reply_class_of(const struct reply_protocol *protocol, int code)
{
    if (code < 100 || code > 999 || !reply_protocol_supported(protocol))
        return REPLY_CLASS_UNKNOWN;
    return (enum reply_class)protocol->class_of(code);
}

const char *reply_class_name(const struct reply_protocol *protocol, int code)
{
    enum reply_class reply_class = reply_class_of(protocol, code);
    return reply_class == REPLY_CLASS_UNKNOWN ? NULL : protocol->class_name((int)reply_class);
}

const char *reply_class_title(const struct reply_protocol *protocol, int code)
{
    enum reply_class reply_class = reply_class_of(protocol, code);
    return reply_class == REPLY_CLASS_UNKNOWN ? NULL : protocol->class_title((int)reply_class);
}

const char *reply_category_title(const struct reply_protocol *protocol, int code)
{
    if (code < 100 || code > 999 || !reply_protocol_supported(protocol))
        return NULL;
    int category = protocol->category_of(code);
    return category < 0 ? NULL : protocol->category_title(category);
}

/* RFC 5321 section 4.2.1 (and RFC 959 section 4.2.1) give each first digit
 * the same consequence for the client. */
enum reply_action reply_action_of(const struct reply_protocol *protocol, int code)
{
    switch (reply_class_of(protocol, code)) {
    case REPLY_CLASS_POSITIVE_PRELIMINARY: return REPLY_ACTION_WAIT;
    case REPLY_CLASS_POSITIVE_COMPLETION: return REPLY_ACTION_PROCEED;
    case REPLY_CLASS_POSITIVE_INTERMEDIATE: return REPLY_ACTION_SEND_MORE;
    case REPLY_CLASS_TRANSIENT_NEGATIVE: return REPLY_ACTION_RETRY_LATER;
    case REPLY_CLASS_PERMANENT_NEGATIVE: return REPLY_ACTION_GIVE_UP;
    default: return REPLY_ACTION_UNKNOWN;
    }
}

const char *reply_action_name(enum reply_action action)
{
    switch (action) {
    case REPLY_ACTION_WAIT: return "wait";
    case REPLY_ACTION_PROCEED: return "proceed";
    case REPLY_ACTION_SEND_MORE: return "send_more";
    case REPLY_ACTION_RETRY_LATER: return "retry_later";
    case REPLY_ACTION_GIVE_UP: return "give_up";
    default: return NULL;
    }
}

int reply_describe(const struct reply_protocol *protocol, int code, struct reply_meaning *meaning)
{
    memset(meaning, 0, sizeof *meaning);
    if (reply_protocol_supported(protocol) && protocol->describe(code, meaning))
        return 1;
    memset(meaning, 0, sizeof *meaning);
    return 0;
}

int reply_describe_for_command(const struct reply_protocol *protocol, int command, int code,
                               struct reply_meaning *meaning)
{
    if (!reply_protocol_supported(protocol) || protocol->version < 2 || protocol->describe_for_command == NULL
        || command < 0 || command >= protocol->command_count)
        return reply_describe(protocol, code, meaning);
    memset(meaning, 0, sizeof *meaning);
    if (protocol->describe_for_command(command, code, meaning))
        return 1;
    memset(meaning, 0, sizeof *meaning);
    return 0;
}

int reply_describe_enhanced(const struct reply_protocol *protocol, const struct reply_enhanced *enhanced,
                            struct reply_enhanced_meaning *meaning)
{
    memset(meaning, 0, sizeof *meaning);
    if (enhanced->class_digit == 0 || !reply_protocol_supported(protocol) || protocol->describe_enhanced == NULL)
        return 0;
    if (protocol->describe_enhanced(enhanced->class_digit, enhanced->subject, enhanced->detail, meaning))
        return 1;
    memset(meaning, 0, sizeof *meaning);
    return 0;
}

static int same_ignoring_ascii_case(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 'a' + 'A') : *a;
        char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 'a' + 'A') : *b;
        if (x != y)
            return 0;
        if (x == '\0')
            return 1;
    }
}

int reply_command_find(const struct reply_protocol *protocol, const char *verb)
{
    if (!reply_protocol_supported(protocol))
        return -1;
    for (int command = 0; command < protocol->command_count; command++)
        if (same_ignoring_ascii_case(protocol->command_verb(command), verb))
            return command;
    return -1;
}

enum reply_role reply_role_for(const struct reply_protocol *protocol, int command, int code)
{
    if (!reply_protocol_supported(protocol) || command < 0 || command >= protocol->command_count)
        return REPLY_ROLE_UNEXPECTED;
    return protocol->role_for(command, code);
}
