/* arena.h: memory that is freed all at once. The YAML tree of a spec and
 * the model built from it are made of a few hundred thousand small pieces
 * that all live until the run (or the fuzz input) is done: they are cut one
 * after another from large blocks and go back with one arena_free(). */
#ifndef REPLYGEN_ARENA_H
#define REPLYGEN_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *blocks; /* the newest first */
    char *next;                 /* the free bytes of the newest block */
    size_t left;
};

void arena_init(struct arena *arena);
/* Free every block; the arena may be used again after arena_init. */
void arena_free(struct arena *arena);

/* size bytes aligned for any object the generator stores (pointers,
 * size_t, double). Out of memory exits, as xmalloc does. */
void *arena_alloc(struct arena *arena, size_t size);
/* A copy of length bytes, NUL-terminated. */
char *arena_strndup(struct arena *arena, const char *bytes, size_t length);

#endif
