/*
 * keys.c - unique keys, and the union registry: every parent_id
 * resolves, the hierarchy has no cycle, and a grassroots union's chain
 * of parents reaches a county union.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

/* ---- key sets ---- */

struct keyset {
	const char *column;	/* "member_id", for messages */
	struct strmap *map;	/* key -> number + 1 */
	long	*lines;		/* line of each key's first record */
	size_t	 n, cap;
};

struct keyset *
keyset_new(const char *column)
{
	struct keyset *k = xcalloc(1, sizeof(*k));

	k->column = column;
	k->map = strmap_new();
	return k;
}

long
keyset_add(struct audit *a, struct keyset *k, const struct row *r)
{
	void **slot;
	int isnew;

	if (r->key.len == 0)
		return -1;	/* a required value: the field check says so */
	slot = strmap_put(k->map, r->key.s, r->key.len, &isnew);
	if (!isnew) {
		finding(a, CK_DUP_KEY, r->file, r->line, r->key.s, r->key.len,
		    "%s %s repeats line %ld", k->column, r->key.s,
		    k->lines[(uintptr_t)*slot - 1]);
		return -1;
	}
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 1024;
		k->lines = xreallocarray(k->lines, k->cap, sizeof(*k->lines));
	}
	k->lines[k->n] = r->line;
	*slot = (void *)(uintptr_t)(k->n + 1);
	return (long)k->n++;
}

long
keyset_find(const struct keyset *k, const char *key, size_t n)
{
	void **slot = strmap_get(k->map, key, n);

	return slot ? (long)(uintptr_t)*slot - 1 : -1;
}

void
keyset_free(struct keyset *k)
{
	if (k == NULL)
		return;
	strmap_free(k->map);
	free(k->lines);
	free(k);
}

/* ---- the union registry ---- */

struct uinfo {
	char	*id;
	char	*parent;	/* parent_id as written, "" for none */
	long	 line;
	int32_t	 up;		/* index of the parent, -1 if none */
	signed char level;	/* index in union_levels[], -1 */
	unsigned char dissolved;
	unsigned char cyclic;	/* in or leading into a cycle */
};

struct unions {
	struct keyset *ks;
	struct uinfo *v;
	size_t	 n, cap;
};

static struct unions *
unions_of(struct audit *a)
{
	if (a->unions == NULL) {
		a->unions = xcalloc(1, sizeof(*a->unions));
		a->unions->ks = keyset_new("union_id");
	}
	return a->unions;
}

const struct uinfo *
union_find(const struct audit *a, const char *id, size_t n)
{
	long i;

	if (a->unions == NULL || (i = keyset_find(a->unions->ks, id, n)) < 0)
		return NULL;
	return &a->unions->v[i];
}

int
union_dissolved(const struct uinfo *u)
{
	return u->dissolved;
}

const char *
union_id_of(const struct uinfo *u)
{
	return u->id;
}

const char *
union_id_at(const struct audit *a, int32_t idx)
{
	if (a->unions == NULL || idx < 0 || (size_t)idx >= a->unions->n)
		return NULL;
	return a->unions->v[idx].id;
}

/* union_index: the index of a union, -1 when unknown. */
int32_t
union_index(const struct audit *a, const struct uinfo *u)
{
	return u ? (int32_t)(u - a->unions->v) : -1;
}

void
unions_free(struct unions *u)
{
	size_t i;

	if (u == NULL)
		return;
	for (i = 0; i < u->n; i++) {
		free(u->v[i].id);
		free(u->v[i].parent);
	}
	free(u->v);
	keyset_free(u->ks);
	free(u);
}

static void
unions_prepare(struct audit *a, const struct row *r)
{
	a->unit = r->key.s;
}

static void
unions_check(struct audit *a, const struct row *r)
{
	struct unions *us = unions_of(a);
	struct field parent = row_get(r, "parent_id");
	struct field level = row_get(r, "level");
	struct field status = row_get(r, "status");
	struct uinfo *u;

	if (keyset_add(a, us->ks, r) < 0)
		return;
	if (us->n == us->cap) {
		us->cap = us->cap ? us->cap * 2 : 256;
		us->v = xreallocarray(us->v, us->cap, sizeof(*us->v));
	}
	u = &us->v[us->n++];
	u->id = xstrndup(r->key.s, r->key.len);
	u->parent = xstrndup(parent.s, parent.len);
	u->line = r->line;
	u->up = -1;
	u->level = (signed char)enum_index(union_levels, level.s, level.len);
	u->dissolved = streqn(status.s, status.len, "dissolved");
	u->cyclic = 0;
}

static void
resolve_parents(struct audit *a, const char *file)
{
	struct unions *us = a->unions;
	size_t i;
	long j;

	for (i = 0; i < us->n; i++) {
		struct uinfo *u = &us->v[i];

		if (u->parent[0] == '\0')
			continue;
		j = keyset_find(us->ks, u->parent, strlen(u->parent));
		if (j >= 0) {
			u->up = (int32_t)j;
			continue;
		}
		if (file_partial(a, "unions.csv"))
			continue;
		a->unit = u->id;
		finding(a, CK_DANGLING_REF, file, u->line, u->id,
		    strlen(u->id), "parent_id %s names no union", u->parent);
	}
}

/* report_cycle: one finding for the cycle through path[from..n). */
static void
report_cycle(struct audit *a, const char *file, const int32_t *path,
    size_t from, size_t n)
{
	struct uinfo *v = a->unions->v;
	struct buf b = {0};
	size_t i, first = from, k;

	for (i = from; i < n; i++)
		if (v[path[i]].line < v[path[first]].line)
			first = i;
	for (k = 0; k <= n - from; k++) {
		i = from + (first - from + k) % (n - from);
		buf_printf(&b, "%s%s", k ? " -> " : "", v[path[i]].id);
	}
	a->unit = v[path[first]].id;
	finding(a, CK_UNION_CYCLE, file, v[path[first]].line,
	    v[path[first]].id, strlen(v[path[first]].id),
	    "union hierarchy cycle: %s", buf_cstr(&b));
	buf_free(&b);
}

/*
 * find_cycles: walk up from every union, colouring (0 new, 1 on the
 * current walk, 2 done); meeting a union of the current walk closes a
 * cycle.  Unions on or leading into a cycle are marked cyclic.
 */
static void
find_cycles(struct audit *a, const char *file)
{
	struct unions *us = a->unions;
	unsigned char *colour = xcalloc(us->n ? us->n : 1, 1);
	int32_t *path = xcalloc(us->n ? us->n : 1, sizeof(*path));
	size_t i, n, k;
	int32_t cur;
	int lead;

	for (i = 0; i < us->n; i++) {
		n = 0;
		for (cur = (int32_t)i; cur >= 0 && colour[cur] == 0;
		    cur = us->v[cur].up) {
			colour[cur] = 1;
			path[n++] = cur;
		}
		lead = 0;
		if (cur >= 0 && colour[cur] == 1) {
			for (k = 0; path[k] != cur; k++)
				;
			/* its own parent: union_row (schema_check_row) */
			if (n - k > 1)
				report_cycle(a, file, path, k, n);
			lead = 1;
		} else if (cur >= 0 && us->v[cur].cyclic)
			lead = 1;
		for (k = 0; k < n; k++) {
			colour[path[k]] = 2;
			us->v[path[k]].cyclic = (unsigned char)lead;
		}
	}
	free(colour);
	free(path);
}

/* check_chain: a grassroots union's parents must reach a county union. */
static void
check_chain(struct audit *a, const char *file, const struct uinfo *u)
{
	struct uinfo *v = a->unions->v;
	const struct uinfo *top = u;
	int county = enum_index(union_levels, "county", 6);

	while (top->up >= 0)
		top = &v[top->up];
	if (top->parent[0] != '\0' || top->level == county)
		return;		/* dangling: reported; or it reaches one */
	a->unit = u->id;
	finding(a, CK_LEVEL_CHAIN, file, u->line, u->id, strlen(u->id),
	    "chain of parents ends at %s (%s), not a county union", top->id,
	    top->level >= 0 ? union_levels[top->level] : "no level");
}

static void
unions_finish(struct audit *a, const char *file)
{
	struct unions *us = unions_of(a);
	int grassroots = enum_index(union_levels, "grassroots", 10);
	size_t i;

	resolve_parents(a, file);
	find_cycles(a, file);
	for (i = 0; i < us->n; i++)
		if (us->v[i].level == grassroots && !us->v[i].cyclic)
			check_chain(a, file, &us->v[i]);
	a->unit = NULL;
}

const struct pass unions_pass = {
	&schema_unions, unions_prepare, unions_check, unions_finish
};
