/* parse_stream.h: a deterministic, realistic stream of SMTP server replies
 * for bench_parse. */
#ifndef BENCH_PARSE_STREAM_H
#define BENCH_PARSE_STREAM_H

#include <stddef.h>
#include <stdint.h>

/* Build at least minimum bytes of replies, as the server side of many SMTP
 * sessions (greetings, multi-line EHLO answers, enhanced codes, long
 * rejection texts), ending at the end of a reply. The same seed gives the
 * same bytes on every machine. Returns a malloc'ed buffer, its size in
 * *size; exits on out-of-memory. Every line is valid RFC 5321 (CRLF, at
 * most 512 octets, printable ASCII), so every parser must accept it all. */
char *parse_stream_build(size_t minimum, uint64_t seed, size_t *size);

#endif
