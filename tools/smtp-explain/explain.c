/* explain.c: everything the protocol's spec says about one reply, and
 * about the command it answers. */
#include <string.h>

#include "explain.h"
#include "smtp_protocol.h"
#include "smtp_replies.h"

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

/* text[0..length) equals word, without regard to ASCII case. */
static int same_word(const char *text, size_t length, const char *word)
{
    if (word == NULL || strlen(word) != length)
        return 0;
    for (size_t i = 0; i < length; i++)
        if (lower((unsigned char)text[i]) != lower((unsigned char)word[i]))
            return 0;
    return 1;
}

int explain_find_command(const struct reply_protocol *protocol, const char *text, size_t length)
{
    if (length == 0 || !reply_protocol_supported(protocol))
        return -1;
    for (int command = 0; command < protocol->command_count; command++)
        if (same_word(text, length, protocol->command_verb(command))
            || same_word(text, length, protocol->command_name(command)))
            return command;
    return -1;
}

const char *explain_command_label(const struct reply_protocol *protocol, int command)
{
    if (command < 0 || command >= protocol->command_count)
        return NULL;
    const char *verb = protocol->command_verb(command);
    if (verb[0] >= 'A' && verb[0] <= 'Z')
        return verb;
    return protocol->command_name(command);
}

const char *explain_role_name(enum reply_role role)
{
#define ROLE_NAME(NAME, name, value) \
    case REPLY_ROLE_##NAME: return #name;
    switch (role) {
        REPLY_ROLES(ROLE_NAME)
    }
#undef ROLE_NAME
    return "unexpected";
}

/* SMTP's registry-only basic codes (524, 538, ...): no entry of their own
 * in the spec, but named by the registry's enhanced codes. */
static void find_citations(const struct reply_protocol *protocol, int code, struct explanation *explanation)
{
    if (protocol != &smtp_protocol)
        return;
    for (int i = smtp_enhanced_next_citing(code, 0); i >= 0 && explanation->cited_count < EXPLAIN_MAX_CITED;
         i = smtp_enhanced_next_citing(code, i + 1)) {
        struct explain_citation *citation = &explanation->cited_by[explanation->cited_count++];
        citation->code = smtp_enhanced_info_code(&smtp_enhanced[i]);
        citation->text = smtp_enhanced_info_text(&smtp_enhanced[i]);
    }
}

void explain(const struct reply_protocol *protocol, const struct reply *reply, int command,
             struct explanation *explanation)
{
    memset(explanation, 0, sizeof *explanation);
    explanation->reply = reply;
    explanation->protocol = protocol;
    explanation->class_name = reply_class_name(protocol, reply->code);
    explanation->class_title = reply_class_title(protocol, reply->code);
    explanation->category_title = reply_category_title(protocol, reply->code);
    explanation->code_known = reply_describe_for_command(protocol, command, reply->code, &explanation->meaning);
    if (!explanation->code_known)
        find_citations(protocol, reply->code, explanation);
    explanation->enhanced_known =
        reply_describe_enhanced(protocol, &reply->lines[0].enhanced, &explanation->enhanced_meaning);
    explanation->action = reply_action_of(protocol, reply->code);
    explanation->command = command;
    explanation->command_label = explain_command_label(protocol, command);
    explanation->role = reply_role_for(protocol, command, reply->code);
}
