/*
 * strmap.c - a string-keyed hash map with open addressing (linear
 * probing).  Keys live in an arena of large blocks owned by the map, so
 * inserting a key costs no malloc of its own; the table stores each
 * key's full hash, so most probes compare a word, not a string.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct slot {
	uint64_t hash;		/* 0: empty (real hashes are forced odd) */
	const char *key;	/* in the arena, NUL-terminated */
	size_t	 len;
	void	*val;
};

struct block {
	struct block *next;
	size_t	 used, cap;
	char	 data[];
};

struct strmap {
	struct slot *slots;
	size_t	 mask;		/* capacity - 1, capacity a power of two */
	size_t	 count;
	struct block *arena;
};

uint64_t
hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i = 0;

	/* FNV-1a over 8-byte words, then a final avalanche (splitmix64) */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		h = (h ^ w) * UINT64_C(0x100000001b3);
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ s[i]) * UINT64_C(0x100000001b3);
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	h ^= h >> 31;
	return h;
}

struct strmap *
strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof(*m));

	m->mask = 63;
	m->slots = xcalloc(m->mask + 1, sizeof(*m->slots));
	return m;
}

static const char *
arena_copy(struct strmap *m, const char *key, size_t n)
{
	struct block *b = m->arena;
	char *p;

	if (b == NULL || b->cap - b->used < n + 1) {
		size_t cap = n + 1 > 65536 ? n + 1 : 65536;

		b = xmalloc(sizeof(*b) + cap);
		b->cap = cap;
		b->used = 0;
		b->next = m->arena;
		m->arena = b;
	}
	p = b->data + b->used;
	memcpy(p, key, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

static struct slot *
find(const struct strmap *m, const char *key, size_t n, uint64_t h)
{
	size_t i = (size_t)h & m->mask;

	for (;;) {
		struct slot *s = &m->slots[i];

		if (s->hash == 0)
			return s;
		if (s->hash == h && s->len == n && memcmp(s->key, key, n) == 0)
			return s;
		i = (i + 1) & m->mask;
	}
}

static void
grow(struct strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->mask + 1, i;

	m->mask = oldcap * 2 - 1;
	m->slots = xcalloc(m->mask + 1, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++) {
		size_t j;

		if (old[i].hash == 0)
			continue;
		j = (size_t)old[i].hash & m->mask;
		while (m->slots[j].hash != 0)
			j = (j + 1) & m->mask;
		m->slots[j] = old[i];
	}
	free(old);
}

void **
strmap_get(const struct strmap *m, const char *key, size_t n)
{
	struct slot *s = find(m, key, n, hash_bytes(key, n) | 1);

	return s->hash ? &s->val : NULL;
}

void **
strmap_put(struct strmap *m, const char *key, size_t n, int *isnew)
{
	uint64_t h = hash_bytes(key, n) | 1;
	struct slot *s = find(m, key, n, h);

	if (s->hash) {
		if (isnew)
			*isnew = 0;
		return &s->val;
	}
	if ((m->count + 1) * 4 > (m->mask + 1) * 3) {	/* load <= 3/4 */
		grow(m);
		s = find(m, key, n, h);
	}
	s->hash = h;
	s->key = arena_copy(m, key, n);
	s->len = n;
	s->val = NULL;
	m->count++;
	if (isnew)
		*isnew = 1;
	return &s->val;
}

size_t
strmap_count(const struct strmap *m)
{
	return m->count;
}

void
strmap_each(const struct strmap *m,
    void (*fn)(const char *key, size_t n, void *val, void *arg), void *arg)
{
	size_t i;

	for (i = 0; i <= m->mask; i++)
		if (m->slots[i].hash)
			fn(m->slots[i].key, m->slots[i].len, m->slots[i].val, arg);
}

void
strmap_free(struct strmap *m)
{
	struct block *b, *next;

	if (m == NULL)
		return;
	for (b = m->arena; b; b = next) {
		next = b->next;
		free(b);
	}
	free(m->slots);
	free(m);
}
