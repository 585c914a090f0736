/*
 * arena.h - bump allocation freed all at once: the cells of a data file
 * held in memory (sheet.h), the strings of a listing.
 */
#ifndef UNION_ARENA_H
#define UNION_ARENA_H

#include <stddef.h>

struct arena;

/* arena_new: an empty arena; exits 2 when memory runs out (util.h). */
struct arena *arena_new(void);
/* arena_alloc: n bytes, 8-byte aligned, owned by a until arena_free. */
void	*arena_alloc(struct arena *a, size_t n);
/* arena_zalloc: the same, zero-filled. */
void	*arena_zalloc(struct arena *a, size_t n);
/* arena_strndup: a NUL-terminated copy of the n bytes at s. */
char	*arena_strndup(struct arena *a, const char *s, size_t n);
/* arena_free: release a and everything allocated from it. */
void	arena_free(struct arena *a);

#endif
