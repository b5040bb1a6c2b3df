/* text_scan.h: one character of reply text at a time, judged by what
 * RFC 5321 section 4.2 (textstring) and RFC 6531 (UTF-8) allow. Shared by
 * the parser, which tolerates or rejects, and the formatter, which refuses. */
#ifndef REPLYGEN_TEXT_SCAN_H
#define REPLYGEN_TEXT_SCAN_H

#include <stddef.h>

enum text_char {
    TEXT_CHAR_OK = 0,   /* HT, printable ASCII or a well-formed UTF-8 sequence */
    TEXT_CHAR_CONTROL,  /* any other octet below 0x20, or DEL */
    TEXT_CHAR_NOT_UTF8, /* a byte that cannot start or continue UTF-8 here */
    TEXT_CHAR_CUT       /* a UTF-8 sequence that text[0..available) ends too early for */
};

/* Judge the character at text[0] (available >= 1) and return the number
 * of octets to step over it: the whole sequence when it is well-formed,
 * else the longest prefix that could have started one (at least 1), as
 * Unicode's "maximal subpart" practice does. */
size_t text_scan_char(const unsigned char *text, size_t available, enum text_char *kind);

#endif
