/* buffer.h: a growable byte buffer, the generator's one way to build text. */
#ifndef REPLYGEN_BUFFER_H
#define REPLYGEN_BUFFER_H

#include <stddef.h>

struct buffer {
    char *data;         /* always NUL-terminated when non-NULL */
    size_t length;
    size_t capacity;
};

void buffer_init(struct buffer *buffer);
void buffer_free(struct buffer *buffer);
void buffer_append(struct buffer *buffer, const char *bytes, size_t length);
void buffer_append_string(struct buffer *buffer, const char *string);
void buffer_append_char(struct buffer *buffer, char c);
void buffer_printf(struct buffer *buffer, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hand the bytes to the caller (who frees them; never NULL, always
 * NUL-terminated) and leave the buffer empty. */
char *buffer_take(struct buffer *buffer, size_t *length);

#endif
