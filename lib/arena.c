/*
 * arena.c - bump allocation over a list of chunks of 256 KiB (a larger
 * block gets a chunk of its own size).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

#define CHUNK (256 * 1024)

struct chunk {
	struct chunk *next;
	size_t	 used;
	size_t	 size;
	char	 mem[];
};

struct arena {
	struct chunk *head;	/* the chunk being filled, then older ones */
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t size;

	n = (n + 7) & ~(size_t)7;	/* keep every block aligned */
	if (c == NULL || c->size - c->used < n) {
		size = n > CHUNK ? n : CHUNK;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	c->used += n;
	return c->mem + c->used - n;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	return memset(arena_alloc(a, n), 0, n);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}
