/* json.h: a value tree written as JSON (replygen --dump-model, the tests). */
#ifndef REPLYGEN_JSON_H
#define REPLYGEN_JSON_H

#include "buffer.h"
#include "value.h"

/* Append value as JSON: UTF-8, two-space indent, keys in their order. A
 * list or map that the tree holds in more than one place is written in
 * full where it comes first and as {"$ref": "#/codes/3"} (a JSON Pointer,
 * RFC 6901, to that place) everywhere after. NaN and infinities, which
 * JSON lacks, are written as null. */
void json_write(const struct value *value, struct buffer *out);

#endif
