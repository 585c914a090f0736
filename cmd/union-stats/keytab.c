/*
 * keytab.c - byte strings to dense indexes 0, 1, 2 ... in the order
 * they were first seen: the group table of agg and the value sets of
 * distinct and mode.
 *
 * Unlike the library's strmap (a general map with a 32-byte slot per
 * entry) this one is shaped for millions of keys on the hot path: an
 * 8-byte slot holding 32 bits of the hash and the index, the caller's
 * hash computed once per row and reused, and each key stored once,
 * behind its length and before a NUL, in large blocks that never move.  About 8 bytes
 * of slot and 12 of bookkeeping per key, plus the key itself.
 */
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define BLOCKSZ (1u << 20)

struct kblock {
	struct kblock *next;
	size_t	 used, cap;
	char	 data[];
};

struct keytab {
	uint64_t *slots;	/* hash >> 32 << 32 | index + 1; 0: empty */
	size_t	 mask;
	const char **ent;	/* [index]: 4-byte length, then the key */
	size_t	 n, cap;
	struct kblock *blocks;
};

struct keytab *
kt_new(void)
{
	struct keytab *k = xcalloc(1, sizeof(*k));

	k->mask = 255;
	k->slots = xcalloc(k->mask + 1, sizeof(*k->slots));
	return k;
}

void
kt_free(struct keytab *k)
{
	struct kblock *b, *next;

	if (k == NULL)
		return;
	for (b = k->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(k->slots);
	free(k->ent);
	free(k);
}

size_t
kt_count(const struct keytab *k)
{
	return k->n;
}

const char *
kt_key(const struct keytab *k, size_t i, size_t *len)
{
	uint32_t n;

	memcpy(&n, k->ent[i], 4);
	*len = n;
	return k->ent[i] + 4;
}

static const char *
store(struct keytab *k, const char *key, size_t n)
{
	struct kblock *b = k->blocks;
	uint32_t n32 = (uint32_t)n;
	char *p;

	if (b == NULL || b->cap - b->used < n + 5) {
		size_t cap = n + 5 > BLOCKSZ ? n + 5 : BLOCKSZ;

		b = xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		b->next = k->blocks;
		k->blocks = b;
	}
	p = b->data + b->used;
	memcpy(p, &n32, 4);
	memcpy(p + 4, key, n);
	p[4 + n] = '\0';
	b->used += n + 5;
	return p;
}

static void
place(struct keytab *k, uint64_t h, size_t i)
{
	size_t j = (size_t)h & k->mask;

	while (k->slots[j] != 0)
		j = (j + 1) & k->mask;
	k->slots[j] = (h >> 32 << 32) | (uint64_t)(i + 1);
}

static void
grow(struct keytab *k)
{
	size_t i, len;
	const char *key;

	free(k->slots);
	k->mask = k->mask * 2 + 1;
	k->slots = xcalloc(k->mask + 1, sizeof(*k->slots));
	for (i = 0; i < k->n; i++) {
		key = kt_key(k, i, &len);
		place(k, hash_bytes(key, len), i);
	}
}

size_t
kt_put(struct keytab *k, const char *key, size_t n, uint64_t h, int *isnew)
{
	size_t j = (size_t)h & k->mask, i, len;
	uint64_t tag = h >> 32 << 32, s;
	const char *e;

	while ((s = k->slots[j]) != 0) {
		if ((s >> 32 << 32) == tag) {
			i = (size_t)(uint32_t)s - 1;
			e = kt_key(k, i, &len);
			if (len == n && memcmp(e, key, n) == 0) {
				*isnew = 0;
				return i;
			}
		}
		j = (j + 1) & k->mask;
	}
	if (k->n == UINT32_MAX - 1)
		die(EXIT_TROUBLE, "too many groups");
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 256;
		k->ent = xreallocarray(k->ent, k->cap, sizeof(*k->ent));
	}
	i = k->n++;
	k->ent[i] = store(k, key, n);
	if ((k->n * 4) > (k->mask + 1) * 3)
		grow(k);
	else
		k->slots[j] = tag | (uint64_t)(i + 1);
	*isnew = 1;
	return i;
}

size_t
kt_find(const struct keytab *k, const char *key, size_t n, uint64_t h)
{
	size_t j = (size_t)h & k->mask, i, len;
	uint64_t tag = h >> 32 << 32, s;
	const char *e;

	while ((s = k->slots[j]) != 0) {
		if ((s >> 32 << 32) == tag) {
			i = (size_t)(uint32_t)s - 1;
			e = kt_key(k, i, &len);
			if (len == n && memcmp(e, key, n) == 0)
				return i;
		}
		j = (j + 1) & k->mask;
	}
	return (size_t)-1;
}
