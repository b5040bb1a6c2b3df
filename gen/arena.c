/* arena.c: blocks that pieces are cut from one after another, freed
 * together.
 *
 * A block is 2 MiB, the size of an x86-64 huge page, aligned to it, and asks
 * Linux for huge pages (MADV_HUGEPAGE; elsewhere, or with transparent huge
 * pages off, it just gets small pages). The model of spec/smtp.yaml fills
 * a few megabytes: in small pages that is hundreds of page faults, which on
 * the shared virtual machines bench/run was measured on cost more than the
 * rest of the run; in huge pages it is a few. A piece larger than a
 * sixteenth of a block gets a block of its own, so that a block wastes at
 * most a sixteenth at its end.
 *
 * Under AddressSanitizer blocks are small and poisoned except for the bytes
 * of pieces handed out, with a poisoned gap after each, so that the fuzzers
 * still catch an overflow from one piece into the next. */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "arena.h"

#include "diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Pieces hold pointers, sizes and doubles: aligned for the strictest. */
union arena_alignment {
    void *pointer;
    double number;
    size_t size;
};
#define ARENA_ALIGN (sizeof(union arena_alignment))

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
enum {
    BLOCK_BYTES = 16 * 1024,
    GAP_BYTES = ARENA_ALIGN
};
#define POISON(start, size)   ASAN_POISON_MEMORY_REGION((start), (size))
#define UNPOISON(start, size) ASAN_UNPOISON_MEMORY_REGION((start), (size))
#else
enum {
    BLOCK_BYTES = 2 * 1024 * 1024,
    GAP_BYTES = 0
};
#define POISON(start, size)   ((void)(start), (void)(size))
#define UNPOISON(start, size) ((void)(start), (void)(size))
#endif

enum {
    LARGEST_SHARED_PIECE = BLOCK_BYTES / 16
};

struct arena_block {
    struct arena_block *next;
    size_t size; /* bytes, this header included */
};

static size_t round_up(size_t size) { return (size + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN; }

static const size_t header_bytes = (sizeof(struct arena_block) + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;

void arena_init(struct arena *arena) { *arena = (struct arena){ NULL, NULL, 0 }; }

void arena_free(struct arena *arena)
{
    struct arena_block *block = arena->blocks;
    while (block) {
        struct arena_block *next = block->next;
        UNPOISON(block, block->size);
        free(block);
        block = next;
    }
    arena_init(arena);
}

static struct arena_block *new_block(struct arena *arena, size_t size)
{
    struct arena_block *block;
    if (size == BLOCK_BYTES) {
        block = xaligned_alloc(BLOCK_BYTES, BLOCK_BYTES);
#ifdef MADV_HUGEPAGE
        madvise(block, BLOCK_BYTES, MADV_HUGEPAGE);
#endif
    } else {
        block = xmalloc(size);
    }
    block->size = size;
    POISON((char *)block + header_bytes, size - header_bytes);
    /* A piece of its own goes behind the block being filled, which keeps
     * its free bytes. */
    if (size != BLOCK_BYTES && arena->blocks) {
        block->next = arena->blocks->next;
        arena->blocks->next = block;
    } else {
        block->next = arena->blocks;
        arena->blocks = block;
    }
    return block;
}

void *arena_alloc(struct arena *arena, size_t size)
{
    /* No piece comes near this; were one asked for, the sums below could
     * wrap around. malloc cannot give it: reported as out of memory. */
    if (size > SIZE_MAX / 2)
        return xmalloc(SIZE_MAX);
    size_t taken = round_up(size + GAP_BYTES);
    char *piece;
    if (taken > LARGEST_SHARED_PIECE) {
        piece = (char *)new_block(arena, header_bytes + taken) + header_bytes;
    } else {
        if (arena->left < taken) {
            struct arena_block *block = new_block(arena, BLOCK_BYTES);
            arena->next = (char *)block + header_bytes;
            arena->left = BLOCK_BYTES - header_bytes;
        }
        piece = arena->next;
        arena->next += taken;
        arena->left -= taken;
    }
    UNPOISON(piece, size);
    return piece;
}

char *arena_strndup(struct arena *arena, const char *bytes, size_t length)
{
    char *copy = arena_alloc(arena, length + 1);
    if (length)
        memcpy(copy, bytes, length);
    copy[length] = '\0';
    return copy;
}
