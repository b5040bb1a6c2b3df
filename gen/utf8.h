/* utf8.h: UTF-8 as RFC 3629 defines it, and the characters in it that act
 * on a terminal instead of showing. */
#ifndef REPLYGEN_UTF8_H
#define REPLYGEN_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* The length of the well-formed UTF-8 sequence at bytes[0..length) (no
 * overlong forms, no surrogates, nothing above U+10FFFF) and its code
 * point, or 0 when the bytes there are not one. */
size_t utf8_decode(const unsigned char *bytes, size_t length, unsigned long *code_point);

/* Whether a terminal may act on code_point rather than show it: a C1
 * control (U+0080 to U+009F; U+009B is CSI, which starts an escape
 * sequence as ESC [ does) or a bidirectional embedding, override or
 * isolate (U+202A to U+202E, U+2066 to U+2069), which reorders what the
 * rest of the line shows. */
bool utf8_acts_on_terminal(unsigned long code_point);

#endif
