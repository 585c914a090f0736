/*
 * members.c - the roster: unique member_id, union_id resolving to a
 * union (active, for active members), and the real-name rule: one
 * person, one membership that is active or retained.  What aid.csv
 * needs of each member (join date, status, hardship, union) is kept in
 * a compact array beside the member_id set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

struct members {
	struct keyset *ks;	/* member_id -> index into v */
	struct minfo *v;
	size_t	 n, cap;
	struct persons *persons;	/* id_number -> line of the membership */
	int	 active, retained;	/* indexes in member_statuses[] */
};

static struct members *
members_of(struct audit *a)
{
	struct members *m = a->members;

	if (m == NULL) {
		m = a->members = xcalloc(1, sizeof(*m));
		m->ks = keyset_new("member_id");
		m->persons = persons_new();
		m->active = enum_index(member_statuses, "active", 6);
		m->retained = enum_index(member_statuses, "retained", 8);
	}
	return m;
}

const struct minfo *
member_find(const struct audit *a, const char *id, size_t n)
{
	long i;

	if (a->members == NULL || (i = keyset_find(a->members->ks, id, n)) < 0)
		return NULL;
	return &a->members->v[i];
}

void
members_free(struct members *m)
{
	if (m == NULL)
		return;
	keyset_free(m->ks);
	persons_free(m->persons);
	free(m->v);
	free(m);
}

static void
members_prepare(struct audit *a, const struct row *r)
{
	a->unit = row_get(r, "union_id").s;
}

/* check_union: the member's union exists, and is active if she is. */
static const struct uinfo *
check_union(struct audit *a, const struct row *r, int active)
{
	struct field uid = row_get(r, "union_id");
	const struct uinfo *u;

	if (a->unions == NULL || uid.len == 0)
		return NULL;
	if ((u = union_find(a, uid.s, uid.len)) == NULL) {
		if (file_partial(a, "unions.csv"))
			return NULL;
		finding(a, CK_DANGLING_REF, r->file, r->line, r->key.s,
		    r->key.len, "union_id %s names no union", uid.s);
		return NULL;
	}
	if (active && union_dissolved(u))
		finding(a, CK_MEMBER_OF_DISSOLVED, r->file, r->line, r->key.s,
		    r->key.len, "active member of dissolved union %s", uid.s);
	return u;
}

/* check_person: at most one active or retained membership per person. */
static void
check_person(struct audit *a, struct members *m, const struct row *r)
{
	struct field id = row_get(r, "id_number");
	unsigned long first;
	char shown[65];

	if (id.len == 0 || id.len > 64 ||
	    (first = persons_add(m->persons, id.s, id.len,
	    (unsigned long)r->line)) == 0)
		return;
	if (finding(a, CK_DUP_ACTIVE_PERSON, r->file, r->line, r->key.s,
	    r->key.len, "id_number %s already has an active or retained "
	    "membership on line %lu", masked_id(id.s, id.len, shown), first))
		finding_pii(a, id.s, id.len);
}

static void
members_check(struct audit *a, const struct row *r)
{
	struct members *m = members_of(a);
	struct field st = row_get(r, "status"), hs = row_get(r, "hardship");
	struct field join = row_get(r, "join_date");
	int status = enum_index(member_statuses, st.s, st.len);
	const struct uinfo *u;
	const char *why;
	struct minfo *mi;
	long i;

	u = check_union(a, r, status == m->active);
	if (ENABLED(a, CK_DUP_ACTIVE_PERSON) &&
	    (status == m->active || status == m->retained))
		check_person(a, m, r);
	if ((i = keyset_add(a, m->ks, r)) < 0)
		return;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 4096;
		m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
	}
	mi = &m->v[m->n++];
	if (date_parse(join.s, join.len, &mi->join, &why) != 0)
		mi->join = INT32_MIN;
	mi->unit = union_index(a, u);
	mi->status = (signed char)status;
	/* empty is "none" (0), as union-aid reads it */
	mi->hardship = (signed char)(hs.len ? enum_index(hardship_kinds, hs.s,
	    hs.len) : 0);
}

const struct pass members_pass = {
	&schema_members, members_prepare, members_check, NULL
};
