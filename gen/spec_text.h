/* spec_text.h: a YAML file's bytes by line, to edit at the places its value
 * tree names (struct mark: line and column) and keep every other byte as
 * it was: comments, blank lines, quoting and layout. Knows only what block
 * YAML's indentation says, which is all an edit of one entry needs. */
#ifndef REPLYGEN_SPEC_TEXT_H
#define REPLYGEN_SPEC_TEXT_H

#include "buffer.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

struct spec_text {
    const char *bytes;
    size_t length;
    size_t *line_starts; /* line_starts[i]: offset of line i + 1; one more entry holds length */
    unsigned line_count;
};

void spec_text_init(struct spec_text *text, const char *bytes, size_t length);
void spec_text_free(struct spec_text *text);

/* The offset of line (1-based; line_count + 1 is the end), of the end of
 * its bytes (before its line break), and of a mark: libyaml counts columns
 * in characters, so the column is walked in UTF-8. */
size_t spec_text_line_start(const struct spec_text *text, unsigned line);
size_t spec_text_line_end(const struct spec_text *text, unsigned line);
size_t spec_text_offset(const struct spec_text *text, const struct mark *at);

/* The spaces that start line, whether it holds only white space, and
 * whether its first other character is '#'. */
unsigned spec_text_indent(const struct spec_text *text, unsigned line);
bool spec_text_blank(const struct spec_text *text, unsigned line);
bool spec_text_comment(const struct spec_text *text, unsigned line);

/* The last line of what starts at line: the lines after it that are blank
 * or indented by more than indent spaces, less blank ones at the end. For
 * a list entry whose '-' is indented by indent, the entry; for a key
 * indented by indent, its value. */
unsigned spec_text_block_end(const struct spec_text *text, unsigned line, unsigned indent);

/* Where a comment starts on line at or after offset from (a '#' after
 * white space, outside quotes), or 0 when there is none. */
size_t spec_text_trailing_comment(const struct spec_text *text, unsigned line, size_t from);

/* An edit: bytes [start, end) become replacement. */
struct spec_edit {
    size_t start, end;
    char *replacement;
};

struct spec_edits {
    struct spec_edit *items;
    size_t count;
};

/* Add an edit (replacement is copied). Edits must not overlap; those at
 * one offset are applied in the order they were added. */
void spec_edits_add(struct spec_edits *edits, size_t start, size_t end, const char *replacement);
void spec_edits_free(struct spec_edits *edits);
/* The text with every edit applied, into out. */
void spec_edits_apply(const struct spec_text *text, const struct spec_edits *edits, struct buffer *out);

/* Append text as a YAML double-quoted scalar. */
void spec_text_append_quoted(struct buffer *out, const char *string);

#endif
