/* file.c: reading a whole file, with a bound. */
#define _POSIX_C_SOURCE 200809L /* fileno */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

int file_read(const char *path, size_t limit, struct buffer *out)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return errno;
    struct stat info;
    if (fstat(fileno(file), &info) == 0 && S_ISDIR(info.st_mode)) {
        fclose(file);
        return EISDIR;
    }
    size_t start = out->length;
    char chunk[65536];
    size_t got;
    int error = 0;
    while (!error && (got = fread(chunk, 1, sizeof chunk, file)) > 0) {
        if (out->length - start + got > limit)
            error = EFBIG;
        else
            buffer_append(out, chunk, got);
    }
    if (!error && ferror(file))
        error = errno ? errno : EIO;
    fclose(file);
    if (error && out->data) {
        out->length = start;
        out->data[start] = '\0';
    }
    return error;
}
