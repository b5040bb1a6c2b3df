/* line_check.h: the rules for one reply line, shared by reply_parse_line()
 * and the streaming parser so that both judge every line alike. */
#ifndef REPLYGEN_LINE_CHECK_H
#define REPLYGEN_LINE_CHECK_H

#include "replygen/reply.h"

/* Judge line[0..size). complete: the line ends with its LF at
 * line[size - 1]. Not complete: line[0..size) is the start of a line that
 * overflowed its limit at size, and only what lies before is judged, so
 * that an earlier deviation is reported before the overflow.
 *
 * Returns REPLY_ERROR_NONE and fills *result (complete lines only), or the
 * error with *offset at the byte that shows it. */
enum reply_error line_check(const char *line, size_t size, int complete,
                            const struct reply_options *options, int first_code,
                            struct reply_line *result, size_t *offset);

/* The octets a line may take before the parse stops, and the error it
 * stops with there: strict mode stops at the RFC's limit, lenient mode at
 * the hard one. */
size_t line_stop_limit(const struct reply_options *options, enum reply_error *overflow);

#endif
