/* summary.c: count replies by class, enhanced code and domain. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "summary.h"

void summary_init(struct summary *summary) { memset(summary, 0, sizeof *summary); }

static void table_free(struct summary_table *table)
{
    for (size_t i = 0; i < table->count; i++)
        free(table->counts[i].key);
    free(table->counts);
}

void summary_free(struct summary *summary)
{
    table_free(&summary->classes);
    table_free(&summary->enhanced);
    table_free(&summary->domains);
}

static void table_add(struct summary *summary, struct summary_table *table, const char *key, size_t length,
                      const char *title)
{
    for (size_t i = 0; i < table->count; i++)
        if (strlen(table->counts[i].key) == length && memcmp(table->counts[i].key, key, length) == 0) {
            table->counts[i].count++;
            return;
        }
    if (table->count == table->capacity) {
        size_t capacity = table->capacity ? 2 * table->capacity : 8;
        struct summary_count *counts = realloc(table->counts, capacity * sizeof *counts);
        if (counts == NULL) {
            summary->out_of_memory = 1;
            return;
        }
        table->counts = counts;
        table->capacity = capacity;
    }
    char *copy = malloc(length + 1);
    if (copy == NULL) {
        summary->out_of_memory = 1;
        return;
    }
    memcpy(copy, key, length);
    copy[length] = '\0';
    table->counts[table->count].key = copy;
    table->counts[table->count].title = title;
    table->counts[table->count].count = 1;
    table->count++;
}

void summary_add(struct summary *summary, const struct explanation *explanation, const char *recipient)
{
    const struct reply *reply = explanation->reply;
    char key[16];
    summary->replies++;
    snprintf(key, sizeof key, "%dyz", reply->code / 100);
    table_add(summary, &summary->classes, key, strlen(key), explanation->class_title);

    const struct reply_enhanced *enhanced = &reply->lines[0].enhanced;
    if (enhanced->class_digit != 0) {
        snprintf(key, sizeof key, "%d.%d.%d", enhanced->class_digit, enhanced->subject, enhanced->detail);
        table_add(summary, &summary->enhanced, key, strlen(key),
                  explanation->enhanced_known ? explanation->enhanced_meaning.text : NULL);
    } else {
        table_add(summary, &summary->enhanced, "none", 4, NULL);
    }

    const char *at = recipient != NULL ? strrchr(recipient, '@') : NULL;
    if (at != NULL && at[1] != '\0')
        table_add(summary, &summary->domains, at + 1, strlen(at + 1), NULL);
    else
        table_add(summary, &summary->domains, "none", 4, NULL);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct summary_count *)a)->key, ((const struct summary_count *)b)->key);
}

static void table_sort(struct summary_table *table)
{
    if (table->count > 1)
        qsort(table->counts, table->count, sizeof table->counts[0], by_key);
}

static void table_print_text(FILE *out, const char *heading, struct summary_table *table)
{
    size_t key_width = 0;
    int count_width = 1;
    table_sort(table);
    for (size_t i = 0; i < table->count; i++) {
        size_t length = print_text_visible(NULL, table->counts[i].key, strlen(table->counts[i].key));
        key_width = length > key_width ? length : key_width;
        int digits = snprintf(NULL, 0, "%lu", table->counts[i].count);
        count_width = digits > count_width ? digits : count_width;
    }
    fprintf(out, "  by %s:\n", heading);
    for (size_t i = 0; i < table->count; i++) {
        const struct summary_count *row = &table->counts[i];
        /* Keys come from the log: a domain may hold anything. */
        fputs("    ", out);
        size_t shown = print_text_visible(out, row->key, strlen(row->key));
        fprintf(out, "%*s  %*lu", (int)(key_width - shown), "", count_width, row->count);
        if (row->title != NULL)
            fprintf(out, "  %s", row->title);
        fputc('\n', out);
    }
}

void summary_print_text(FILE *out, struct summary *summary)
{
    fprintf(out, "summary: %lu %s", summary->replies, summary->replies == 1 ? "reply" : "replies");
    if (summary->malformed > 0)
        fprintf(out, ", %lu malformed", summary->malformed);
    fputc('\n', out);
    if (summary->replies == 0)
        return;
    table_print_text(out, "class", &summary->classes);
    table_print_text(out, "enhanced code", &summary->enhanced);
    table_print_text(out, "domain", &summary->domains);
}

static void table_print_json(FILE *out, const char *name, struct summary_table *table)
{
    table_sort(table);
    fprintf(out, ", \"%s\": {", name);
    for (size_t i = 0; i < table->count; i++) {
        if (i > 0)
            fputs(", ", out);
        print_json_optional(out, table->counts[i].key);
        fprintf(out, ": %lu", table->counts[i].count);
    }
    fputc('}', out);
}

void summary_print_json(FILE *out, struct summary *summary)
{
    fprintf(out, "{\"summary\": {\"replies\": %lu, \"malformed\": %lu", summary->replies, summary->malformed);
    table_print_json(out, "class", &summary->classes);
    table_print_json(out, "enhanced", &summary->enhanced);
    table_print_json(out, "domain", &summary->domains);
    fputs("}}\n", out);
}
