/*
 * persons.c - the people holding an active or retained membership, by
 * resident ID number, for the real-name rule.  An 18-character number
 * (17 digits and a check character) packs exactly into 64 bits, so the
 * set is a flat open-addressing table of integers: one cache miss a
 * lookup and 16 bytes a person, where a string map costs two misses and
 * about 50 bytes.  Any other value (malformed: the field check reports
 * it) goes to a string map.
 */
#include <stdint.h>
#include <stdlib.h>

#include "audit.h"

struct pslot {
	uint64_t key;		/* packed ID + 1; 0: empty */
	uint64_t line;		/* of the membership first seen */
};

struct persons {
	struct pslot *v;
	size_t	 mask, n;
	struct strmap *other;	/* values that do not pack */
};

struct persons *
persons_new(void)
{
	struct persons *p = xcalloc(1, sizeof(*p));

	p->mask = 1023;
	p->v = xcalloc(p->mask + 1, sizeof(*p->v));
	p->other = strmap_new();
	return p;
}

void
persons_free(struct persons *p)
{
	if (p == NULL)
		return;
	free(p->v);
	strmap_free(p->other);
	free(p);
}

/* pack: 17 digits and a check character (0-9, X, x) as one integer + 1;
   0 when s is not of that form. */
static uint64_t
pack(const char *s, size_t n)
{
	uint64_t k = 0;
	size_t i;
	int c;

	if (n != 18)
		return 0;
	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		k = k * 10 + (uint64_t)(s[i] - '0');
	}
	if (s[17] >= '0' && s[17] <= '9')
		c = s[17] - '0';
	else if (s[17] == 'X' || s[17] == 'x')
		c = 10;
	else
		return 0;
	return k * 11 + (uint64_t)c + 1;
}

static size_t
slot_of(uint64_t k, size_t mask)
{
	k ^= k >> 30;
	k *= UINT64_C(0xbf58476d1ce4e5b9);
	k ^= k >> 27;
	k *= UINT64_C(0x94d049bb133111eb);
	k ^= k >> 31;
	return (size_t)k & mask;
}

static void
grow(struct persons *p)
{
	struct pslot *old = p->v;
	size_t oldn = p->mask + 1, i, j;

	p->mask = oldn * 2 - 1;
	p->v = xcalloc(p->mask + 1, sizeof(*p->v));
	for (i = 0; i < oldn; i++) {
		if (old[i].key == 0)
			continue;
		for (j = slot_of(old[i].key, p->mask); p->v[j].key;
		    j = (j + 1) & p->mask)
			;
		p->v[j] = old[i];
	}
	free(old);
}

unsigned long
persons_add(struct persons *p, const char *id, size_t n, unsigned long line)
{
	uint64_t k = pack(id, n);
	void **slot;
	int isnew;
	size_t j;

	if (k == 0) {
		slot = strmap_put(p->other, id, n, &isnew);
		if (!isnew)
			return (unsigned long)(uintptr_t)*slot;
		*slot = (void *)(uintptr_t)line;
		return 0;
	}
	if ((p->n + 1) * 4 > (p->mask + 1) * 3)
		grow(p);
	for (j = slot_of(k, p->mask); p->v[j].key; j = (j + 1) & p->mask)
		if (p->v[j].key == k)
			return (unsigned long)p->v[j].line;
	p->v[j].key = k;
	p->v[j].line = line;
	p->n++;
	return 0;
}
