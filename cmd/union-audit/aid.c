/*
 * aid.c - programmes and aid applications: references, amounts against
 * the programme's rules (max_award, annual_cap, budget,
 * requires_hardship), membership on the application and decision
 * dates, and status
 * moves since the last archive.  The rules within one record (what each
 * status needs, paid equal to approved, approved within requested, the
 * order of the dates) are schema_check_row's: see fields.c.  One
 * voucher may cover a whole payment round: vouchers are not checked
 * for repeats.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

/* ---- programs.csv ---- */

struct pinfo {
	int64_t	 max_award;	/* fen; -1 when not given */
	int64_t	 annual_cap;
	int64_t	 budget;
	long	 min_days;	/* -1 when not given */
	int	 hardship;	/* requires_hardship is yes */
};

struct programs {
	struct keyset *ks;
	struct pinfo *v;
	size_t	 n, cap;
};

static int64_t
money_or_none(struct field f)
{
	const char *why;
	int64_t fen;

	return money_parse(f.s, f.len, &fen, &why) == 0 ? fen : -1;
}

static int32_t
date_or_none(struct field f)
{
	const char *why;
	int32_t d;

	return date_parse(f.s, f.len, &d, &why) == 0 ? d : INT32_MIN;
}

static void
programs_check(struct audit *a, const struct row *r)
{
	struct programs *p = a->programs;
	struct field days = row_get(r, "min_member_days");
	struct pinfo *pi;
	char *end;

	if (p == NULL) {
		p = a->programs = xcalloc(1, sizeof(*p));
		p->ks = keyset_new("program");
	}
	if (keyset_add(a, p->ks, r) < 0)
		return;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	pi = &p->v[p->n++];
	pi->max_award = money_or_none(row_get(r, "max_award"));
	pi->annual_cap = money_or_none(row_get(r, "annual_cap"));
	pi->budget = money_or_none(row_get(r, "budget"));
	pi->min_days = days.len ? strtol(days.s, &end, 10) : -1;
	if (days.len && *end != '\0')
		pi->min_days = -1;
	pi->hardship = streqn(row_get(r, "requires_hardship").s,
	    row_get(r, "requires_hardship").len, "yes");
}

void
programs_free(struct programs *p)
{
	if (p == NULL)
		return;
	keyset_free(p->ks);
	free(p->v);
	free(p);
}

const struct pass programs_pass = {
	&schema_programs, NULL, programs_check, NULL
};

/* ---- aid.csv ---- */

/* One aid record, parsed once. */
struct aidrec {
	const struct row *r;
	struct field member, program;
	int	 status;		/* index in aid_statuses[], -1 */
	int32_t	 applied, decided, paid_on;	/* INT32_MIN: none */
	int64_t	 requested, approved, paid;	/* fen; -1: none */
	const struct minfo *m;		/* NULL: unknown */
	const struct pinfo *p;
};

/* What the aid pass keeps while it reads aid.csv. */
static struct {
	struct keyset *ids;	/* aid_id */
	struct strmap *totals;	/* running totals -> index into sums */
	int64_t	*sums;
	size_t	 nsums, capsums;
} aid;

enum { ST_APPLIED, ST_APPROVED, ST_REJECTED, ST_PAID };
static int st[4];		/* their indexes in aid_statuses[] */

static void
aid_prepare(struct audit *a, const struct row *r)
{
	struct field mid = row_get(r, "member_id");
	const struct minfo *m = member_find(a, mid.s, mid.len);

	a->unit = m ? union_id_at(a, m->unit) : NULL;
}

static void
parse_aid(struct audit *a, const struct row *r, struct aidrec *x)
{
	struct field status = row_get(r, "status");
	long i;

	x->r = r;
	x->member = row_get(r, "member_id");
	x->program = row_get(r, "program");
	x->status = enum_index(aid_statuses, status.s, status.len);
	x->applied = date_or_none(row_get(r, "applied"));
	x->decided = date_or_none(row_get(r, "decided"));
	x->paid_on = date_or_none(row_get(r, "paid_on"));
	x->requested = money_or_none(row_get(r, "requested"));
	x->approved = money_or_none(row_get(r, "approved"));
	x->paid = money_or_none(row_get(r, "paid"));
	x->m = member_find(a, x->member.s, x->member.len);
	x->p = NULL;
	if (a->programs &&
	    (i = keyset_find(a->programs->ks, x->program.s, x->program.len)) >= 0)
		x->p = &a->programs->v[i];
}

#define FIND(a, c, x, ...) finding((a), (c), (x)->r->file, (x)->r->line, \
	(x)->r->key.s, (x)->r->key.len, __VA_ARGS__)

static void
check_refs(struct audit *a, const struct aidrec *x)
{
	if (a->members && x->member.len && x->m == NULL &&
	    !file_partial(a, "members.csv"))
		FIND(a, CK_DANGLING_REF, x, "member_id %s names no member",
		    x->member.s);
	if (a->programs && x->program.len && x->p == NULL &&
	    !file_partial(a, "programs.csv"))
		FIND(a, CK_DANGLING_REF, x, "program %s names no programme",
		    x->program.s);
}

/* awarded: approved or paid */
static int
awarded(const struct aidrec *x)
{
	return x->status == st[ST_APPROVED] || x->status == st[ST_PAID];
}

/* check_max_award: approved (else requested) within max_award. */
static void
check_max_award(struct audit *a, const struct aidrec *x)
{
	char b1[MONEY_BUFSZ], b2[MONEY_BUFSZ];

	if (x->p == NULL || x->p->max_award < 0)
		return;
	if (x->approved > x->p->max_award)
		FIND(a, CK_AID_OVER_MAX_AWARD, x, "approved %s is above "
		    "max_award %s of %s", money_fmt(x->approved, b1),
		    money_fmt(x->p->max_award, b2), x->program.s);
	else if (x->requested > x->p->max_award)
		FIND(a, CK_AID_OVER_MAX_AWARD, x, "requested %s is above "
		    "max_award %s of %s", money_fmt(x->requested, b1),
		    money_fmt(x->p->max_award, b2), x->program.s);
}

/* for_the_dead: a death benefit, applied for after the member died. */
static int
for_the_dead(const struct aidrec *x)
{
	return streqn(x->program.s, x->program.len, "death_benefit") &&
	    x->m->status == enum_index(member_statuses, "deceased", 8);
}

/*
 * check_member: a member on the application date (not after the
 * membership ended, as the journal records it, nor before joining),
 * for as long as the programme's min_member_days; hardship when the
 * programme needs it.  Statuses 0 and 1 are active and retained.
 */
static void
check_member(struct audit *a, const struct aidrec *x)
{
	char d1[11], d2[11];
	int32_t ended;
	long days;

	if (x->m == NULL)
		return;
	if (x->applied != INT32_MIN && x->m->status > 1 && !for_the_dead(x) &&
	    (ended = member_ended_on(a, x->member.s, x->member.len)) !=
	    INT32_MIN && x->applied > ended)
		FIND(a, CK_AID_NOT_MEMBER, x, "applied %s, after %s's "
		    "membership ended on %s (%s)", date_fmt(x->applied, d1),
		    x->member.s, date_fmt(ended, d2),
		    member_statuses[x->m->status]);
	else if (x->applied != INT32_MIN && x->m->join != INT32_MIN) {
		days = (long)x->applied - x->m->join;
		if (days < 0)
			FIND(a, CK_AID_NOT_MEMBER, x, "applied %s, before %s "
			    "joined on %s", date_fmt(x->applied, d1),
			    x->member.s, date_fmt(x->m->join, d2));
		else if (x->p && days < x->p->min_days)
			FIND(a, CK_AID_NOT_MEMBER, x, "applied %s, %ld days "
			    "after %s joined; %s needs %ld",
			    date_fmt(x->applied, d1), days, x->member.s,
			    x->program.s, x->p->min_days);
	}
	if (x->p && x->p->hardship && awarded(x) && x->m->hardship <= 0)
		FIND(a, CK_AID_HARDSHIP_REQUIRED, x, "%s requires hardship; "
		    "%s has none", x->program.s, x->member.s);
}

/*
 * person_end: the day the applicant's membership ended, as union-aid
 * approve judges membership: a transfer is no end, the person goes on
 * in the membership the journal's transfer entry names (the same
 * id_number in the new union), so the end is that of the last
 * membership in the chain.  INT32_MIN while the person is still active
 * or retained, or when the journal does not say when it ended.  *last
 * is the member_id of the last membership, *m its row.
 */
static int32_t
person_end(const struct audit *a, const struct aidrec *x, const char **last,
    const struct minfo **m)
{
	const char *id = x->member.s, *to;
	const struct minfo *next;
	int hops;

	*m = x->m;
	for (hops = 0; hops < 16; hops++) {
		*last = id;
		if ((*m)->status <= 1)		/* active, retained */
			return INT32_MIN;
		if ((to = member_moved_to(a, id, strlen(id))) == NULL ||
		    (*m)->status != enum_index(member_statuses, "transferred",
		    11))
			return member_ended_on(a, id, strlen(id));
		/* a successor missing from members.csv continues nothing */
		if ((next = member_find(a, to, strlen(to))) == NULL)
			return file_partial(a, "members.csv") ? INT32_MIN :
			    member_ended_on(a, id, strlen(id));
		*m = next;
		id = to;
	}
	return INT32_MIN;		/* a loop of transfers: say nothing */
}

/*
 * check_decided: an approval (approved or paid) decided after the
 * applicant stopped being a member.  This is union-aid approve's rule
 * (member_unfit on the membership after any transfer) judged on the
 * decision day; approve makes no exception, not for a death_benefit
 * either, so neither does this check.  When the application itself
 * came after the end, aid_not_member already says so and this check
 * does not repeat it.  Whether the programme was active on the decision
 * day cannot be judged: programs.csv is edited by hand, and the journal
 * records no programme's closing.
 */
static void
check_decided(struct audit *a, const struct aidrec *x)
{
	const struct minfo *m;
	const char *last;
	char d1[11], d2[11];
	int32_t ended;

	if (x->m == NULL || !awarded(x) || x->decided == INT32_MIN ||
	    !ENABLED(a, CK_AID_DECIDED_NOT_MEMBER) ||
	    (ended = person_end(a, x, &last, &m)) == INT32_MIN ||
	    x->decided <= ended)
		return;
	if (x->applied != INT32_MIN && x->applied > ended && !for_the_dead(x))
		return;
	if (last == x->member.s)
		FIND(a, CK_AID_DECIDED_NOT_MEMBER, x, "decided %s, after %s's "
		    "membership ended on %s (%s)", date_fmt(x->decided, d1),
		    last, date_fmt(ended, d2), member_statuses[m->status]);
	else
		FIND(a, CK_AID_DECIDED_NOT_MEMBER, x, "decided %s, after %s's "
		    "membership ended on %s (%s, as %s)",
		    date_fmt(x->decided, d1), x->member.s,
		    date_fmt(ended, d2), member_statuses[m->status], last);
}

/* total: the running sum for key (created at 0). */
static int64_t *
total(const char *key, size_t n)
{
	void **slot;
	int isnew;

	slot = strmap_put(aid.totals, key, n, &isnew);
	if (isnew) {
		if (aid.nsums == aid.capsums) {
			aid.capsums = aid.capsums ? aid.capsums * 2 : 4096;
			aid.sums = xreallocarray(aid.sums, aid.capsums,
			    sizeof(*aid.sums));
		}
		aid.sums[aid.nsums] = 0;
		*slot = (void *)(uintptr_t)++aid.nsums;
	}
	return &aid.sums[(uintptr_t)*slot - 1];
}

/*
 * check_totals: a member's awards in a programme per calendar year
 * within annual_cap; the programme's within its budget (reported once,
 * on the award that goes over).  An award counts from approval, in the
 * year of its application, as union-aid counts it.
 */
static void
check_totals(struct audit *a, const struct aidrec *x)
{
	char key[160], b1[MONEY_BUFSZ], b2[MONEY_BUFSZ];
	int64_t amount = x->approved >= 0 ? x->approved : x->paid, *sum;
	int32_t day = x->applied;
	int y, mo, d, n;

	if (!awarded(x) || x->p == NULL || amount < 0 || day == INT32_MIN ||
	    x->member.len > 64 || x->program.len > 64)
		return;
	date_to_ymd(day, &y, &mo, &d);
	if (x->p->annual_cap >= 0 && ENABLED(a, CK_AID_OVER_ANNUAL_CAP)) {
		n = snprintf(key, sizeof(key), "m\t%s\t%s\t%d", x->member.s,
		    x->program.s, y);
		sum = total(key, (size_t)n);
		if (money_add(sum, amount) == 0 && *sum > x->p->annual_cap)
			FIND(a, CK_AID_OVER_ANNUAL_CAP, x, "%s's awards in %s "
			    "in %d reach %s, above annual_cap %s",
			    x->member.s, x->program.s, y, money_fmt(*sum, b1),
			    money_fmt(x->p->annual_cap, b2));
	}
	if (x->p->budget >= 0 && ENABLED(a, CK_AID_OVER_BUDGET)) {
		int64_t before;

		n = snprintf(key, sizeof(key), "p\t%s\t%d", x->program.s, y);
		sum = total(key, (size_t)n);
		before = *sum;
		if (money_add(sum, amount) == 0 && *sum > x->p->budget &&
		    before <= x->p->budget)
			FIND(a, CK_AID_OVER_BUDGET, x, "%s's awards in %d "
			    "reach %s, above its budget %s", x->program.s, y,
			    money_fmt(*sum, b1), money_fmt(x->p->budget, b2));
	}
}

/* aid_move_ok: applied -> approved | rejected; approved -> paid. */
static int
aid_move_ok(int from, int to)
{
	if (from == to || from == st[ST_APPLIED])
		return 1;
	return from == st[ST_APPROVED] && to == st[ST_PAID];
}

static void
check_move(struct audit *a, const struct aidrec *x)
{
	const char *was;
	int from;

	if (x->status < 0 || (was = prev_status(a, "aid.csv", x->r->key.s,
	    x->r->key.len)) == NULL)
		return;
	from = enum_index(aid_statuses, was, strlen(was));
	if (from >= 0 && !aid_move_ok(from, x->status))
		FIND(a, CK_AID_STATE_MOVE, x, "status moved from %s to %s "
		    "since archive %s", was, aid_statuses[x->status],
		    prev_archive_name(a));
}

static void
aid_start(void)
{
	aid.ids = keyset_new("aid_id");
	aid.totals = strmap_new();
	st[ST_APPLIED] = enum_index(aid_statuses, "applied", 7);
	st[ST_APPROVED] = enum_index(aid_statuses, "approved", 8);
	st[ST_REJECTED] = enum_index(aid_statuses, "rejected", 8);
	st[ST_PAID] = enum_index(aid_statuses, "paid", 4);
}

static void
aid_check(struct audit *a, const struct row *r)
{
	struct aidrec x;

	if (aid.ids == NULL)
		aid_start();
	keyset_add(a, aid.ids, r);
	parse_aid(a, r, &x);
	check_refs(a, &x);
	check_max_award(a, &x);
	check_member(a, &x);
	check_decided(a, &x);
	check_totals(a, &x);
	check_move(a, &x);
}

static void
aid_finish(struct audit *a, const char *file)
{
	(void)a;
	(void)file;
	keyset_free(aid.ids);
	strmap_free(aid.totals);
	free(aid.sums);
	memset(&aid, 0, sizeof(aid));
}

const struct pass aid_pass = {
	&schema_aid, aid_prepare, aid_check, aid_finish
};
