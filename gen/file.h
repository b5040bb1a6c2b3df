/* file.h: reading a whole file, the one way the generator does it (specs,
 * templates, the outputs --check and the writer compare with). */
#ifndef REPLYGEN_FILE_H
#define REPLYGEN_FILE_H

#include "buffer.h"

#include <stddef.h>

/* Append the bytes of the file at path to out. Returns 0, or an errno
 * value: that of fopen or read (ENOENT when there is no such file), EISDIR
 * for a folder, EFBIG when the file holds more than limit bytes (then no
 * more than limit + 1 bytes are read, and out is left as it was). */
int file_read(const char *path, size_t limit, struct buffer *out);

#endif
