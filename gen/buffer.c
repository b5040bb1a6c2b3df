/* buffer.c: growable byte buffer. */
#include "buffer.h"

#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

static void reserve(struct buffer *buffer, size_t extra)
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

void buffer_append(struct buffer *buffer, const char *bytes, size_t length)
{
    reserve(buffer, length);
    if (length)
        memcpy(buffer->data + buffer->length, bytes, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}

void buffer_append_string(struct buffer *buffer, const char *string)
{
    buffer_append(buffer, string, strlen(string));
}

void buffer_append_char(struct buffer *buffer, char c)
{
    buffer_append(buffer, &c, 1);
}

void buffer_printf(struct buffer *buffer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length > 0) {
        reserve(buffer, (size_t)length);
        vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, args);
        buffer->length += (size_t)length;
    }
    va_end(args);
}

char *buffer_take(struct buffer *buffer, size_t *length)
{
    reserve(buffer, 0);
    buffer->data[buffer->length] = '\0';
    char *data = buffer->data;
    if (length)
        *length = buffer->length;
    buffer_init(buffer);
    return data;
}
