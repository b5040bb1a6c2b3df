/* escape.h: make a value's text safe in the language of the file it lands in,
 * so no spec text can break the generated C, roff, HTML, JSON or CSV. */
#ifndef REPLYGEN_ESCAPE_H
#define REPLYGEN_ESCAPE_H

#include "buffer.h"

#include <stddef.h>

enum escape_lang {
    ESCAPE_NONE, /* bytes unchanged */
    ESCAPE_C,    /* safe inside a "string literal" and inside a comment */
    ESCAPE_ROFF, /* safe as man page text, never read as a request */
    ESCAPE_HTML, /* safe as element text and as a quoted attribute value */
    ESCAPE_JSON, /* safe between the quotes of a JSON string */
    ESCAPE_CSV   /* one whole CSV field (RFC 4180), quoted when it must be */
};

/* The language of an output file, from its name as rendered (never from
 * the template's name, whose tags may render to any extension): a name
 * ending in .h or .c is C, .1 to .9 roff, .html HTML, .json JSON, .csv CSV,
 * anything else none. */
enum escape_lang escape_lang_for_output(const char *name);

/* Append length bytes to out, escaped for lang. */
void escape_append(enum escape_lang lang, struct buffer *out, const char *bytes, size_t length);

#endif
