/* lookup_baselines.c: the baselines of bench_lookup, written as a user
 * would write them, without handicaps. */
#include "lookup_baselines.h"

#include <stdlib.h>

enum {
    CODE_LIMIT = 1000
};

static const struct smtp_reply_info *dense_infos[CODE_LIMIT];
static unsigned char dense_classes[CODE_LIMIT];
static unsigned char dense_roles[SMTP_COMMAND_COUNT][CODE_LIMIT];

void lookup_baselines_init(void)
{
    for (int i = 0; i < SMTP_REPLY_COUNT; i++)
        dense_infos[smtp_replies[i].code] = &smtp_replies[i];
    for (int code = 0; code < CODE_LIMIT; code++) {
        dense_classes[code] = (unsigned char)smtp_reply_class_of(code);
        for (int command = 0; command < SMTP_COMMAND_COUNT; command++)
            dense_roles[command][code] = (unsigned char)smtp_reply_role_for((enum smtp_command)command, code);
    }
}

const struct smtp_reply_info *dense_lookup(int code) { return (unsigned)code < CODE_LIMIT ? dense_infos[code] : NULL; }

static int compare_code(const void *key, const void *entry)
{
    int code = *(const int *)key;
    int other = ((const struct smtp_reply_info *)entry)->code;
    return (code > other) - (code < other);
}

const struct smtp_reply_info *bsearch_lookup(int code)
{
    return bsearch(&code, smtp_replies, SMTP_REPLY_COUNT, sizeof smtp_replies[0], compare_code);
}

const struct smtp_reply_info *binary_lookup(int code)
{
    size_t low = 0, high = SMTP_REPLY_COUNT;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int other = smtp_replies[middle].code;
        if (other == code)
            return &smtp_replies[middle];
        if (other < code)
            low = middle + 1;
        else
            high = middle;
    }
    return NULL;
}

const struct smtp_reply_info *linear_lookup(int code)
{
    for (size_t i = 0; i < SMTP_REPLY_COUNT; i++)
        if (smtp_replies[i].code == code)
            return &smtp_replies[i];
    return NULL;
}

enum smtp_reply_class dense_class_of(int code)
{
    return (unsigned)code < CODE_LIMIT ? (enum smtp_reply_class)dense_classes[code] : SMTP_CLASS_UNKNOWN;
}

enum smtp_reply_role dense_role_for(enum smtp_command command, int code)
{
    if ((unsigned)command >= SMTP_COMMAND_COUNT || (unsigned)code >= CODE_LIMIT)
        return SMTP_ROLE_UNEXPECTED;
    return (enum smtp_reply_role)dense_roles[command][code];
}
