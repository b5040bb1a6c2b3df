/* sha256.h: SHA-256 (FIPS 180-4) of bytes in memory, for the spec hash the
 * generated header carries: the same value `sha256sum SPEC` prints, so a
 * user's CI can check a vendored copy without replygen. */
#ifndef REPLYGEN_SHA256_H
#define REPLYGEN_SHA256_H

#include <stddef.h>

enum {
    SHA256_DIGEST_BYTES = 32
};

void sha256(const void *data, size_t length, unsigned char digest[SHA256_DIGEST_BYTES]);

/* The digest as 64 lower-case hex digits and a NUL, as sha256sum prints it. */
void sha256_hex(const unsigned char digest[SHA256_DIGEST_BYTES], char hex[2 * SHA256_DIGEST_BYTES + 1]);

#endif
