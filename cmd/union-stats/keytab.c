/*
 * keytab.c - byte strings to dense indexes 0, 1, 2 ... in the order
 * they were first seen: the group table of agg and the value sets of
 * distinct and mode.
 *
 * Unlike the library's strmap (a general map with a 32-byte slot per
 * entry) this one is shaped for millions of keys on the hot path: an
 * 8-byte slot holding the top 32 bits of the hash and the index, the
 * caller's hash computed once per row and reused, and each key stored
 * once, behind its length and before a NUL, in large blocks that never
 * move.  About 8 bytes of slot and 12 of bookkeeping per key, plus the
 * key itself.  The slot of a key is chosen by the same 32 bits that it
 * keeps, so growing the table never hashes a key again, and the table
 * works with any hash its caller keeps to.
 */
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define BLOCKSZ (1u << 20)
#define SMALL	(1u << 16)	/* slots of a table in the cache */

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

/*
 * too_full: a table that fits the cache is kept at most half full, for
 * short probes (5% less CPU counting 6M rows by 300 unions); a larger
 * one three quarters, as memory matters more than probing there.
 */
static int
too_full(const struct keytab *k)
{
	size_t slots = k->mask + 1;

	return slots <= SMALL ? k->n * 2 > slots : k->n * 4 > slots * 3;
}

/* place: index i under the hash whose top 32 bits are tag */
static void
place(struct keytab *k, uint64_t tag, size_t i)
{
	size_t j = (size_t)tag & k->mask;

	while (k->slots[j] != 0)
		j = (j + 1) & k->mask;
	k->slots[j] = tag << 32 | (uint64_t)(i + 1);
}

static void
grow(struct keytab *k)
{
	uint64_t *old = k->slots;
	size_t i, n = k->mask + 1;

	k->mask = k->mask * 2 + 1;
	k->slots = xcalloc(k->mask + 1, sizeof(*k->slots));
	for (i = 0; i < n; i++)
		if (old[i] != 0)
			place(k, old[i] >> 32, (size_t)(uint32_t)old[i] - 1);
	free(old);
}

static uint64_t
rd64(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
	return w;
}

static uint64_t
rd32(const char *s)
{
	uint32_t w;

	memcpy(&w, s, 4);
	return w;
}

/*
 * kt_hash: a hash for short keys: whole words, the last one overlapping
 * the one before rather than a loop over the bytes left; then a
 * multiply-xorshift finish so that the top 32 bits are well mixed.
 */
uint64_t
kt_hash(const char *s, size_t n)
{
	const uint64_t m = UINT64_C(0x9e3779b97f4a7c15);
	uint64_t h = (uint64_t)n * m, a, b;

	for (; n > 16; s += 8, n -= 8)
		h = (h ^ rd64(s)) * m;
	if (n >= 8) {
		a = rd64(s);
		b = rd64(s + n - 8);
	} else if (n >= 4) {
		a = rd32(s);
		b = rd32(s + n - 4);
	} else if (n > 0) {
		a = (uint64_t)(unsigned char)s[0] << 16 |
		    (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (unsigned char)s[n - 1];
		b = 0;
	} else
		a = b = 0;
	h = (h ^ a) * m;
	h = (h ^ (h >> 29) ^ b) * UINT64_C(0xbf58476d1ce4e5b9);
	return h ^ (h >> 32);
}

size_t
kt_put(struct keytab *k, const char *key, size_t n, uint64_t h, int *isnew)
{
	uint64_t tag = h >> 32 << 32, s;
	size_t j = (size_t)(h >> 32) & k->mask, i, len;
	const char *e;

	while ((s = k->slots[j]) != 0) {
		if ((s >> 32 << 32) == tag) {
			i = (size_t)(uint32_t)s - 1;
			e = kt_key(k, i, &len);
			if (len == n && same_bytes(e, key, n)) {
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
	k->slots[j] = tag | (uint64_t)(i + 1);
	if (too_full(k))
		grow(k);
	*isnew = 1;
	return i;
}

size_t
kt_find(const struct keytab *k, const char *key, size_t n, uint64_t h)
{
	uint64_t tag = h >> 32 << 32, s;
	size_t j = (size_t)(h >> 32) & k->mask, i, len;
	const char *e;

	while ((s = k->slots[j]) != 0) {
		if ((s >> 32 << 32) == tag) {
			i = (size_t)(uint32_t)s - 1;
			e = kt_key(k, i, &len);
			if (len == n && same_bytes(e, key, n))
				return i;
		}
		j = (j + 1) & k->mask;
	}
	return (size_t)-1;
}
