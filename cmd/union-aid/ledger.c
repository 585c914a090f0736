/*
 * ledger.c - running totals of awards, so that the annual cap of a
 * member and the budget of a programme are checked in constant time,
 * however many applications a batch holds.
 *
 * An award counts from approval: approved and paid rows add their
 * approved amount to the year of their application date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

struct tally {
	int64_t	 total;		/* approved + paid, fen */
	int64_t	 paid;		/* paid only */
};

struct ledger {
	struct strmap *member_year;	/* member US program US year */
	struct strmap *program_year;	/* program US year */
	struct strmap *open;		/* member US program -> aid_id */
	struct arena *arena;
};

/* keys join their parts with the unit separator, which no key holds */
#define US "\037"

static size_t
key3(char *buf, size_t sz, const char *a, const char *b, int year)
{
	int n;

	if (a != NULL)
		n = snprintf(buf, sz, "%s" US "%s" US "%d", a, b, year);
	else
		n = snprintf(buf, sz, "%s" US "%d", b, year);
	return n < 0 ? 0 : (size_t)n < sz ? (size_t)n : sz - 1;
}

static struct tally *
tally_at(struct ledger *l, struct strmap *m, const char *key, size_t n)
{
	void **slot;
	int isnew;

	slot = strmap_put(m, key, n, &isnew);
	if (isnew)
		*slot = arena_zalloc(l->arena, sizeof(struct tally));
	return *slot;
}

static const struct tally *
tally_find(const struct strmap *m, const char *key, size_t n)
{
	void **slot = strmap_get(m, key, n);

	return slot ? *slot : NULL;
}

void
ledger_award(struct ledger *l, const char *member, const char *program,
    int year, int64_t amount, int paid)
{
	char key[512];
	size_t n;
	struct tally *t;

	n = key3(key, sizeof(key), member, program, year);
	t = tally_at(l, l->member_year, key, n);
	t->total += amount;
	t->paid += paid ? amount : 0;
	n = key3(key, sizeof(key), NULL, program, year);
	t = tally_at(l, l->program_year, key, n);
	t->total += amount;
	t->paid += paid ? amount : 0;
}

void
ledger_set_open(struct ledger *l, const char *member, const char *program,
    const char *aid_id)
{
	char key[512];
	void **slot;
	size_t n;
	int isnew;

	n = (size_t)snprintf(key, sizeof(key), "%s" US "%s", member, program);
	if (n >= sizeof(key))
		n = sizeof(key) - 1;
	slot = strmap_put(l->open, key, n, &isnew);
	*slot = aid_id ? arena_strndup(l->arena, aid_id, strlen(aid_id)) : NULL;
}

const char *
ledger_open(const struct ledger *l, const char *member, const char *program)
{
	char key[512];
	void **slot;
	size_t n;

	n = (size_t)snprintf(key, sizeof(key), "%s" US "%s", member, program);
	if (n >= sizeof(key))
		n = sizeof(key) - 1;
	slot = strmap_get(l->open, key, n);
	return slot ? *slot : NULL;
}

int64_t
ledger_member_year(const struct ledger *l, const char *member,
    const char *program, int year)
{
	char key[512];
	const struct tally *t;

	t = tally_find(l->member_year, key,
	    key3(key, sizeof(key), member, program, year));
	return t ? t->total : 0;
}

int64_t
ledger_program_year(const struct ledger *l, const char *program, int year)
{
	char key[512];
	const struct tally *t;

	t = tally_find(l->program_year, key,
	    key3(key, sizeof(key), NULL, program, year));
	return t ? t->total : 0;
}

int64_t
ledger_paid_year(const struct ledger *l, const char *program, int year)
{
	char key[512];
	const struct tally *t;

	t = tally_find(l->program_year, key,
	    key3(key, sizeof(key), NULL, program, year));
	return t ? t->paid : 0;
}

/* add_row: count one row of aid.csv (already checked by sheet_load). */
static void
add_row(struct ledger *l, const struct sheet *aid, size_t i)
{
	const char *status = sheet_cell(aid, i, "status");
	const char *member = sheet_cell(aid, i, "member_id");
	const char *program = sheet_cell(aid, i, "program");
	int32_t applied;
	int64_t amount;

	if (strcmp(status, "applied") == 0 || strcmp(status, "approved") == 0)
		ledger_set_open(l, member, program,
		    sheet_cell(aid, i, "aid_id"));
	if (strcmp(status, "approved") != 0 && strcmp(status, "paid") != 0)
		return;
	if (sheet_day(aid, i, "applied", &applied) != 0 ||
	    sheet_money(aid, i, "approved", &amount) != 0)
		return;
	ledger_award(l, member, program, year_of(applied), amount,
	    strcmp(status, "paid") == 0);
}

struct ledger *
ledger_build(const struct sheet *aid)
{
	struct ledger *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->member_year = strmap_new();
	l->program_year = strmap_new();
	l->open = strmap_new();
	l->arena = arena_new();
	for (i = 0; i < aid->nrows; i++)
		add_row(l, aid, i);
	return l;
}

void
ledger_free(struct ledger *l)
{
	if (l == NULL)
		return;
	strmap_free(l->member_year);
	strmap_free(l->program_year);
	strmap_free(l->open);
	arena_free(l->arena);
	free(l);
}
