/* spec_text.c: lines, places and edits of a YAML file's bytes. */
#include "spec_text.h"

#include <stdlib.h>
#include <string.h>

void spec_text_init(struct spec_text *text, const char *bytes, size_t length)
{
    *text = (struct spec_text){ bytes, length, NULL, 0 };
    size_t lines = 1;
    for (size_t i = 0; i < length; i++)
        lines += bytes[i] == '\n' && i + 1 < length;
    text->line_starts = xmalloc((lines + 1) * sizeof *text->line_starts);
    text->line_starts[0] = 0;
    unsigned count = 1;
    for (size_t i = 0; i < length; i++)
        if (bytes[i] == '\n' && i + 1 < length)
            text->line_starts[count++] = i + 1;
    text->line_starts[count] = length;
    text->line_count = count;
}

void spec_text_free(struct spec_text *text)
{
    free(text->line_starts);
    text->line_starts = NULL;
}

size_t spec_text_line_start(const struct spec_text *text, unsigned line)
{
    if (line < 1)
        return 0;
    return line > text->line_count ? text->length : text->line_starts[line - 1];
}

size_t spec_text_line_end(const struct spec_text *text, unsigned line)
{
    size_t end = spec_text_line_start(text, line + 1);
    if (end > spec_text_line_start(text, line) && text->bytes[end - 1] == '\n')
        end--;
    if (end > spec_text_line_start(text, line) && text->bytes[end - 1] == '\r')
        end--;
    return end;
}

size_t spec_text_offset(const struct spec_text *text, const struct mark *at)
{
    size_t offset = spec_text_line_start(text, at->line), end = spec_text_line_end(text, at->line);
    for (unsigned column = 1; column < at->column && offset < end; column++) {
        offset++; /* past the lead byte, then its continuation bytes */
        while (offset < end && ((unsigned char)text->bytes[offset] & 0xc0) == 0x80)
            offset++;
    }
    return offset;
}

unsigned spec_text_indent(const struct spec_text *text, unsigned line)
{
    size_t start = spec_text_line_start(text, line), end = spec_text_line_end(text, line);
    unsigned indent = 0;
    while (start + indent < end && text->bytes[start + indent] == ' ')
        indent++;
    return indent;
}

static char first_character(const struct spec_text *text, unsigned line)
{
    size_t start = spec_text_line_start(text, line), end = spec_text_line_end(text, line);
    while (start < end && (text->bytes[start] == ' ' || text->bytes[start] == '\t'))
        start++;
    return start < end ? text->bytes[start] : '\0';
}

bool spec_text_blank(const struct spec_text *text, unsigned line) { return first_character(text, line) == '\0'; }

bool spec_text_comment(const struct spec_text *text, unsigned line) { return first_character(text, line) == '#'; }

unsigned spec_text_block_end(const struct spec_text *text, unsigned line, unsigned indent)
{
    unsigned last = line;
    for (unsigned next = line + 1; next <= text->line_count; next++) {
        if (spec_text_blank(text, next))
            continue;
        if (spec_text_indent(text, next) <= indent)
            break;
        last = next;
    }
    return last;
}

size_t spec_text_trailing_comment(const struct spec_text *text, unsigned line, size_t from)
{
    size_t end = spec_text_line_end(text, line);
    char quote = '\0';
    for (size_t i = from; i < end; i++) {
        char c = text->bytes[i];
        if (quote == '"' && c == '\\')
            i++;
        else if (quote && c == quote)
            quote = '\0';
        else if (!quote && (c == '"' || c == '\''))
            quote = c;
        else if (!quote && c == '#' && i > 0 && (text->bytes[i - 1] == ' ' || text->bytes[i - 1] == '\t'))
            return i;
    }
    return 0;
}

void spec_edits_add(struct spec_edits *edits, size_t start, size_t end, const char *replacement)
{
    edits->items = xrealloc(edits->items, (edits->count + 1) * sizeof *edits->items);
    edits->items[edits->count++] = (struct spec_edit){ start, end, xstrdup(replacement) };
}

void spec_edits_free(struct spec_edits *edits)
{
    for (size_t i = 0; i < edits->count; i++)
        free(edits->items[i].replacement);
    free(edits->items);
    *edits = (struct spec_edits){ NULL, 0 };
}

static int compare_edits(const void *a, const void *b)
{
    const struct spec_edit *const *x = a, *const *y = b;
    if ((*x)->start != (*y)->start)
        return (*x)->start > (*y)->start ? 1 : -1;
    return (*x > *y) - (*x < *y); /* at one place, in the order added */
}

void spec_edits_apply(const struct spec_text *text, const struct spec_edits *edits, struct buffer *out)
{
    const struct spec_edit **order = xmalloc((edits->count ? edits->count : 1) * sizeof *order);
    for (size_t i = 0; i < edits->count; i++)
        order[i] = &edits->items[i];
    qsort(order, edits->count, sizeof *order, compare_edits);
    size_t copied = 0;
    for (size_t i = 0; i < edits->count; i++) {
        buffer_append(out, text->bytes + copied, order[i]->start - copied);
        buffer_append_string(out, order[i]->replacement);
        copied = order[i]->end;
    }
    buffer_append(out, text->bytes + copied, text->length - copied);
    free(order);
}

void spec_text_append_quoted(struct buffer *out, const char *string)
{
    buffer_append_char(out, '"');
    for (const unsigned char *c = (const unsigned char *)string; *c; c++) {
        if (*c == '"' || *c == '\\')
            buffer_printf(out, "\\%c", *c);
        else if (*c < 0x20 || *c == 0x7f)
            buffer_printf(out, "\\x%02x", *c);
        else
            buffer_append_char(out, (char)*c);
    }
    buffer_append_char(out, '"');
}
