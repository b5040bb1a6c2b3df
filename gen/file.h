/* file.h: reading a whole file, the one way the generator does it (specs,
 * templates, the outputs --check and the writer compare with, the writer's
 * journal). Only regular files are read, and never with a wait: a FIFO, a
 * device or a socket is refused, not opened for a read that could block
 * forever or never end. */
#ifndef REPLYGEN_FILE_H
#define REPLYGEN_FILE_H

#include "buffer.h"

#include <stddef.h>

/* file_read's error for a path that is neither a regular file nor a
 * folder (a FIFO, a device, a socket); not an errno value. */
#define FILE_NOT_REGULAR (-1)

/* Append the bytes of the regular file at path (a symbolic link is
 * followed) to out. Returns 0, or an error: an errno value of open or read
 * (ENOENT when there is no such file), EISDIR for a folder,
 * FILE_NOT_REGULAR, or EFBIG when the file holds more than limit bytes
 * (then no more than limit + 1 bytes are read). On an error out is left as
 * it was. */
int file_read(const char *path, size_t limit, struct buffer *out);

/* The same, but a file of more than limit bytes is no error: only its
 * first limit bytes are appended. */
int file_read_start(const char *path, size_t limit, struct buffer *out);

/* What an error of file_read means, for a message: strerror's text, or
 * "not a regular file" for FILE_NOT_REGULAR. */
const char *file_error_text(int error);

#endif
