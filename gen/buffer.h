/* buffer.h: a growable byte buffer, the generator's one way to build text. */
#ifndef REPLYGEN_BUFFER_H
#define REPLYGEN_BUFFER_H

#include <stddef.h>
#include <string.h>

struct buffer {
    char *data; /* always NUL-terminated when non-NULL */
    size_t length;
    size_t capacity;
};

void buffer_init(struct buffer *buffer);
void buffer_free(struct buffer *buffer);
/* Make room for extra more bytes (and the NUL after them), growing the
 * capacity geometrically; the appends below call it only when the bytes do
 * not already fit. */
void buffer_reserve(struct buffer *buffer, size_t extra);
void buffer_printf(struct buffer *buffer, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hand the bytes to the caller (who frees them; never NULL, always
 * NUL-terminated) and leave the buffer empty. */
char *buffer_take(struct buffer *buffer, size_t *length);

/* The appends are inline: rendering and escaping append a few bytes at a
 * time, millions of times for a large spec, and the common case (the bytes
 * fit) is a compare and a copy. */
static inline void buffer_append(struct buffer *buffer, const char *bytes, size_t length)
{
    if (buffer->capacity - buffer->length <= length) /* also true when data is NULL */
        buffer_reserve(buffer, length);
    if (length)
        memcpy(buffer->data + buffer->length, bytes, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}

static inline void buffer_append_string(struct buffer *buffer, const char *string)
{
    buffer_append(buffer, string, strlen(string));
}

static inline void buffer_append_char(struct buffer *buffer, char c)
{
    if (buffer->capacity - buffer->length <= 1)
        buffer_reserve(buffer, 1);
    buffer->data[buffer->length++] = c;
    buffer->data[buffer->length] = '\0';
}

#endif
