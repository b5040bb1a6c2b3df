/* file.c: reading a whole regular file, with a bound, without blocking. */
#define _POSIX_C_SOURCE 200809L /* O_CLOEXEC */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer;
 * the fstat then refuses it before any read. */
static int read_regular(const char *path, size_t limit, bool whole, struct buffer *out)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    struct stat info;
    int error = 0;
    if (fstat(fd, &info) != 0)
        error = errno;
    else if (S_ISDIR(info.st_mode))
        error = EISDIR;
    else if (!S_ISREG(info.st_mode))
        error = FILE_NOT_REGULAR;
    size_t start = out->length;
    char chunk[65536];
    while (!error) {
        size_t room = limit - (out->length - start);
        /* One byte past the limit tells a whole file that is too large. */
        size_t want = room < sizeof chunk ? room + whole : sizeof chunk;
        if (want == 0)
            break;
        ssize_t got = read(fd, chunk, want);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            error = errno;
        else if (got == 0)
            break;
        else if ((size_t)got > room)
            error = EFBIG;
        else
            buffer_append(out, chunk, (size_t)got);
    }
    close(fd);
    if (error && out->data) {
        out->length = start;
        out->data[start] = '\0';
    }
    return error;
}

int file_read(const char *path, size_t limit, struct buffer *out) { return read_regular(path, limit, true, out); }

int file_read_start(const char *path, size_t limit, struct buffer *out)
{
    return read_regular(path, limit, false, out);
}

const char *file_error_text(int error) { return error == FILE_NOT_REGULAR ? "not a regular file" : strerror(error); }
