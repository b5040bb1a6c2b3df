/* buffer.c: growable byte buffer. */
#include "buffer.h"

#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

void buffer_init(struct buffer *buffer)
{
    buffer->data = NULL;
    buffer->length = 0;
    buffer->capacity = 0;
}

void buffer_free(struct buffer *buffer)
{
    free(buffer->data);
    buffer_init(buffer);
}

void buffer_reserve(struct buffer *buffer, size_t extra)
{
    size_t needed = buffer->length + extra + 1;
    if (needed <= buffer->capacity)
        return;
    size_t capacity = buffer->capacity ? buffer->capacity : 64;
    while (capacity < needed)
        capacity *= 2;
    buffer->data = xrealloc(buffer->data, capacity);
    buffer->capacity = capacity;
}

/* Formats straight into the free space when the text fits there, which it
 * nearly always does: one vsnprintf instead of one to measure and one to
 * write. */
void buffer_printf(struct buffer *buffer, const char *format, ...)
{
    buffer_reserve(buffer, 63);
    va_list args;
    va_start(args, format);
    va_list copy;
    va_copy(copy, args);
    size_t room = buffer->capacity - buffer->length;
    int length = vsnprintf(buffer->data + buffer->length, room, format, copy);
    va_end(copy);
    if (length > 0 && (size_t)length >= room) {
        buffer_reserve(buffer, (size_t)length);
        vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, args);
    }
    if (length > 0)
        buffer->length += (size_t)length;
    buffer->data[buffer->length] = '\0';
    va_end(args);
}

char *buffer_take(struct buffer *buffer, size_t *length)
{
    buffer_reserve(buffer, 0);
    buffer->data[buffer->length] = '\0';
    char *data = buffer->data;
    if (length)
        *length = buffer->length;
    buffer_init(buffer);
    return data;
}
