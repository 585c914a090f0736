/*
 * hier.c - the union hierarchy of unions.csv for the reports: each
 * union's name, level and parent, the town and county above it, and
 * its children for --rollup.
 */
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "reports.h"

struct hier *
hier_load(const struct cli *c)
{
	struct hier *h = xcalloc(1, sizeof(*h));
	struct rtable rt;
	const struct field *f;
	size_t i, len;
	const char *key;
	int r;

	h->ids = kt_new();
	if (rtable_open(&rt, c, "unions", &schema_unions) != 0)
		return free(h), NULL;
	while ((r = rtable_next(&rt, &f)) == TBL_ROW) {
		struct field id = rtable_get(&rt, f, "union_id");
		int isnew;

		i = kt_put(h->ids, id.s, id.len, hash_bytes(id.s, id.len),
		    &isnew);
		if (!isnew)
			continue;
		h->u = xreallocarray(h->u, i + 1, sizeof(*h->u));
		h->u[i].name = xstrdup(rtable_get(&rt, f, "name").s);
		h->u[i].parent_id = xstrdup(rtable_get(&rt, f, "parent_id").s);
		h->u[i].level = enum_index(union_levels,
		    rtable_get(&rt, f, "level").s,
		    rtable_get(&rt, f, "level").len);
		h->n = i + 1;
	}
	h->status = rtable_close(&rt);
	if (r == TBL_FATAL)
		return NULL;
	for (i = 0; i < h->n; i++) {
		key = h->u[i].parent_id;
		len = strlen(key);
		h->u[i].parent = len == 0 ? -1 : (long)kt_find(h->ids, key,
		    len, hash_bytes(key, len));
		if (h->u[i].parent == (long)(size_t)-1)
			h->u[i].parent = -1;
	}
	return h;
}

long
hier_find(const struct hier *h, const char *id, size_t len)
{
	size_t i = kt_find(h->ids, id, len, hash_bytes(id, len));

	return i == (size_t)-1 ? -1 : (long)i;
}

const char *
hier_id(const struct hier *h, long i)
{
	size_t len;

	return kt_key(h->ids, (size_t)i, &len);
}

long
hier_above(const struct hier *h, long i, int level)
{
	size_t steps = 0;

	/* at most n steps: a cycle (which the audit reports) ends it */
	while (i >= 0 && steps++ <= h->n) {
		if (h->u[i].level == level)
			return i;
		i = h->u[i].parent;
	}
	return -1;
}

void
hier_free(struct hier *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++) {
		free(h->u[i].name);
		free(h->u[i].parent_id);
	}
	free(h->u);
	kt_free(h->ids);
	free(h);
}
