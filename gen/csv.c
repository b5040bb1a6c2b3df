/* csv.c: RFC 4180 section 2, one pass over the bytes. Lines and columns
 * are counted in bytes, for the messages. */
#include "csv.h"

#include "buffer.h"

#include <stdbool.h>
#include <stdlib.h>

struct reader {
    const char *name;
    const char *bytes;
    size_t length;
    size_t at;
    unsigned line;
    size_t line_start; /* offset of the current line's first byte */
    struct diag *diag;
};

static void error_here(const struct reader *r, const char *message)
{
    struct mark at = { r->name, r->line, (unsigned)(r->at - r->line_start + 1) };
    diag_error(r->diag, &at, "%s", message);
}

/* Past a line break at r->at (CRLF or LF); false when there is none. */
static bool skip_line_break(struct reader *r)
{
    if (r->at < r->length && r->bytes[r->at] == '\r' && r->at + 1 < r->length && r->bytes[r->at + 1] == '\n')
        r->at++;
    else if (r->at >= r->length || r->bytes[r->at] != '\n')
        return false;
    r->at++;
    r->line++;
    r->line_start = r->at;
    return true;
}

static int read_quoted(struct reader *r, struct buffer *field)
{
    struct reader open = *r;
    r->at++; /* the opening quote */
    for (;;) {
        if (r->at >= r->length) {
            error_here(&open, "quoted field not closed before the end of the file");
            return -1;
        }
        char c = r->bytes[r->at];
        if (c == '"' && r->at + 1 < r->length && r->bytes[r->at + 1] == '"') {
            buffer_append_char(field, '"');
            r->at += 2;
        } else if (c == '"') {
            r->at++;
            break;
        } else if (c == '\n' || c == '\r') {
            size_t before = r->at;
            if (!skip_line_break(r))
                r->at++; /* a lone CR */
            buffer_append(field, r->bytes + before, r->at - before);
        } else {
            buffer_append_char(field, c);
            r->at++;
        }
    }
    if (r->at < r->length && r->bytes[r->at] != ',' && r->bytes[r->at] != '\n' && r->bytes[r->at] != '\r') {
        error_here(r, "a closing quote must end its field (a quote inside a quoted field is written twice)");
        return -1;
    }
    return 0;
}

static int read_plain(struct reader *r, struct buffer *field)
{
    while (r->at < r->length) {
        char c = r->bytes[r->at];
        if (c == ',' || c == '\n' || (c == '\r' && r->at + 1 < r->length && r->bytes[r->at + 1] == '\n'))
            break;
        if (c == '"') {
            error_here(r, "a quote in a field that does not start with one");
            return -1;
        }
        buffer_append_char(field, c);
        r->at++;
    }
    return 0;
}

static void add_field(struct csv_record *record, struct buffer *field)
{
    record->fields = xrealloc(record->fields, (record->count + 1) * sizeof *record->fields);
    record->fields[record->count++] = buffer_take(field, NULL);
}

int csv_read(const char *name, const char *bytes, size_t length, struct csv *out, struct diag *diag)
{
    *out = (struct csv){ NULL, 0 };
    struct reader r = { name, bytes, length, 0, 1, 0, diag };
    if (length >= 3 && (unsigned char)bytes[0] == 0xef && (unsigned char)bytes[1] == 0xbb
        && (unsigned char)bytes[2] == 0xbf)
        r.at = r.line_start = 3;
    struct buffer field;
    buffer_init(&field);
    while (r.at < r.length) {
        out->records = xrealloc(out->records, (out->count + 1) * sizeof *out->records);
        struct csv_record *record = &out->records[out->count++];
        *record = (struct csv_record){ NULL, 0, r.line };
        for (;;) {
            int status = r.at < r.length && r.bytes[r.at] == '"' ? read_quoted(&r, &field) : read_plain(&r, &field);
            if (status != 0) {
                buffer_free(&field);
                return -1;
            }
            add_field(record, &field);
            if (r.at < r.length && r.bytes[r.at] == ',') {
                r.at++;
                continue;
            }
            skip_line_break(&r); /* or the end of the file: the last record needs no line break */
            break;
        }
    }
    buffer_free(&field);
    return 0;
}

void csv_free(struct csv *csv)
{
    for (size_t i = 0; i < csv->count; i++) {
        for (size_t j = 0; j < csv->records[i].count; j++)
            free(csv->records[i].fields[j]);
        free(csv->records[i].fields);
    }
    free(csv->records);
    *csv = (struct csv){ NULL, 0 };
}
