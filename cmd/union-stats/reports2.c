/*
 * reports2.c - the reports over other files: coverage (enterprises),
 * aid (aid applications), cases (legal aid), growth (the roster and the
 * journal's dates of leaving).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports.h"

static void
fmt_count(const int64_t *v, size_t i, char out[40])
{
	snprintf(out, 40, "%lld", (long long)v[i]);
}

/* percent: a * 100 / b with one decimal; "" when b is 0 */
static void
percent(int64_t a, int64_t b, char out[40])
{
	if (b == 0)
		out[0] = '\0';
	else
		dec_div(a * 100, 0, b, 1, out);
}

/* period: "YYYY-MM" (bymonth) or "YYYY" of a day, into out[8] */
static void
period(int32_t day, int bymonth, char out[8])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (bymonth)
		snprintf(out, 8, "%04d-%02d", y, m);
	else
		snprintf(out, 8, "%04d", y);
}

static int
year_of(int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

/* ---- coverage ---- */

/*
 * Counters: units, unionised, needed; the units of types with a target
 * and, over every unit, its target in hundredths of a percent (a unit
 * of a type without one counts at its own state: 100% when unionised,
 * else 0).  The target of a row is that sum over its units: for a type,
 * the type's target; for a town or the total, the rate it would have if
 * every type with a target were exactly at it.
 */
enum { C_UNITS, C_UNIONISED, C_NEEDED, C_TUNITS, C_TWANT, C_NCOLS };

struct target {
	char	 type[32];
	struct dec pct;
};

static size_t
parse_targets(const struct ropts *r, struct target *t, size_t max)
{
	static const char *const defaults[] = { "key_enterprise=85",
	    "non_public=70", "social_org=70" };
	size_t n = 0, i, j;
	const char *s, *eq;

	for (i = 0; i < NELEM(defaults) + r->ntargets; i++) {
		s = i < NELEM(defaults) ? defaults[i] :
		    r->targets[i - NELEM(defaults)];
		eq = strchr(s, '=');
		if (eq == NULL || enum_index(org_types, s, (size_t)(eq - s)) < 0)
			usage_error("--target: '%s': expected TYPE=PCT, TYPE "
			    "one of %s", s, enum_list(org_types));
		for (j = 0; j < n && !streqn(s, (size_t)(eq - s), t[j].type);)
			j++;
		if (dec_parse(eq + 1, strlen(eq + 1), &t[j].pct) != 0 ||
		    t[j].pct.m < 0 || t[j].pct.s > 2 ||
		    dec_cmp(t[j].pct, (struct dec){ 100, 0 }) > 0)
			usage_error("--target: '%s': expected a percentage "
			    "from 0 to 100", s);
		snprintf(t[j].type, sizeof(t[j].type), "%.*s",
		    (int)(eq - s), s);
		if (j == n && n < max)
			n++;
	}
	return n;
}

/* find_target: the target of org_type type, or NULL */
static const struct target *
find_target(const struct target *tg, size_t n, struct field type)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (streqn(type.s, type.len, tg[j].type))
			return &tg[j];
	return NULL;
}

/* hundredths: pct in hundredths of a percent (85 -> 8500) */
static int64_t
hundredths(struct dec pct)
{
	return pct.m * (pct.s == 0 ? 100 : pct.s == 1 ? 10 : 1);
}

/* needed: more foundings to reach pct of units: ceil(pct*units/100) -
   unionised, at least 0 */
static int64_t
needed(struct dec pct, int64_t units, int64_t unionised)
{
	int64_t need = (hundredths(pct) * units + 9999) / 10000 - unionised;

	return need > 0 ? need : 0;
}

/* fmt_target: the units' target, rounded to hundredths, written with
   no trailing zeros ("85", "71.5", "71.53"); "" with no target */
static void
fmt_target(const int64_t *v, char out[40])
{
	int64_t h;

	if (v[C_TUNITS] == 0) {
		out[0] = '\0';
		return;
	}
	h = (2 * v[C_TWANT] + v[C_UNITS]) / (2 * v[C_UNITS]);
	if (h % 100 == 0)
		dec_fmt(h / 100, 0, out);
	else if (h % 10 == 0)
		dec_fmt(h / 10, 1, out);
	else
		dec_fmt(h, 2, out);
}

static void
fmt_coverage(const int64_t *v, size_t i, char out[40])
{
	switch (i) {
	case 0:
	case 1:
		fmt_count(v, i, out);
		break;
	case 2:
		percent(v[C_UNIONISED], v[C_UNITS], out);
		break;
	case 3:
		fmt_target(v, out);
		break;
	default:
		fmt_count(v, C_NEEDED, out);
	}
}

/* count_unit: one enterprise into its key's counters */
static void
count_unit(int64_t *v, const struct target *tg, int unionised)
{
	v[C_UNITS]++;
	v[C_UNIONISED] += unionised;
	if (tg != NULL) {
		v[C_TUNITS]++;
		v[C_TWANT] += hundredths(tg->pct);
	} else if (unionised)
		v[C_TWANT] += 10000;
}

/* add_needed: each (key, type) group's foundings needed, into its key */
static void
add_needed(struct tally *t, const struct tally *bytype,
    const struct target *tg, size_t ntg)
{
	size_t i, len;
	const char *key, *tab;
	const struct target *g;
	const int64_t *w;

	for (i = 0; i < kt_count(bytype->k); i++) {
		key = kt_key(bytype->k, i, &len);
		tab = memchr(key, '\t', len);
		g = find_target(tg, ntg, (struct field){ tab + 1,
		    len - (size_t)(tab + 1 - key) });
		w = bytype->v + i * C_NCOLS;
		if (g != NULL)
			tally_at(t, key, (size_t)(tab - key))[C_NEEDED] +=
			    needed(g->pct, w[C_UNITS], w[C_UNIONISED]);
	}
}

int
cmd_coverage(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS,
		{ "by", 0, OPT_ARG, R_BY },
		{ "target", 0, OPT_ARG, R_TARGET },
		R_END
	};
	static const char *const bys[] = { "org_type", "town", NULL };
	static const char *const cols[] = { "units", "unionised", "rate",
	    "target", "needed" };
	struct keyed out = { NULL, NULL, cols, 5, fmt_coverage, 1, 2, 3,
	    "founding rate (%) against target (red line)" };
	struct target tg[8];
	struct ropts r;
	struct rtable rt;
	struct tally t, bytype;
	struct hier *h = NULL;
	const struct target *g;
	const struct field *f;
	struct field k, type;
	struct buf tk = { 0 };
	struct out *o;
	size_t ntg;
	int status, bytown, unionised;

	report_parse(argc, argv, tab, "union-stats coverage [-D DIR] "
	    "[--by org_type|town] [--target TYPE=PCT]...", bys, &r);
	ntg = parse_targets(&r, tg, NELEM(tg));
	free(r.targets);	/* tg holds copies */
	r.targets = NULL;
	bytown = r.by && strcmp(r.by, "town") == 0;
	if (bytown && (h = hier_load(&r.cli)) == NULL)
		return EXIT_TROUBLE;
	if (rtable_open(&rt, &r.cli, "enterprises", &schema_enterprises) != 0)
		return EXIT_TROUBLE;
	tally_init(&t, C_NCOLS);
	tally_init(&bytype, C_NCOLS);	/* by key and type, for needed */
	while (rtable_next(&rt, &f) == TBL_ROW) {
		type = rtable_get(&rt, f, "org_type");
		k = bytown ? rtable_get(&rt, f, "town_id") : type;
		g = find_target(tg, ntg, type);
		unionised = rtable_get(&rt, f, "union_id").len > 0;
		count_unit(tally_at(&t, k.s, k.len), g, unionised);
		buf_reset(&tk);
		buf_add(&tk, k.s, k.len);
		buf_addc(&tk, '\t');
		buf_add(&tk, type.s, type.len);
		count_unit(tally_at(&bytype, tk.s, tk.len), g, unionised);
	}
	buf_free(&tk);
	status = rtable_close(&rt);
	add_needed(&t, &bytype, tg, ntg);
	if (status != EXIT_TROUBLE) {
		o = report_out(&r);
		out.keyname = bytown ? "town_id" : "org_type";
		out.h = h;
		write_keyed(o, &t, &out);
		out_close(o);
	}
	tally_free(&t);
	tally_free(&bytype);
	hier_free(h);
	return status;
}

/* ---- a member's union, for aid --by union|town ---- */

struct roster {
	struct keytab *ids;	/* member_id -> index */
	char	**union_id;
};

static int
roster_load(struct roster *ro, const struct cli *c)
{
	struct rtable rt;
	const struct field *f;
	struct field m;
	size_t i;
	int isnew;

	memset(ro, 0, sizeof(*ro));
	ro->ids = kt_new();
	if (rtable_open(&rt, c, "members", &schema_members) != 0)
		return -1;
	while (rtable_next(&rt, &f) == TBL_ROW) {
		m = rtable_get(&rt, f, "member_id");
		i = kt_put(ro->ids, m.s, m.len, hash_bytes(m.s, m.len), &isnew);
		if (!isnew)
			continue;
		ro->union_id = xreallocarray(ro->union_id, i + 1,
		    sizeof(*ro->union_id));
		ro->union_id[i] = xstrdup(rtable_get(&rt, f, "union_id").s);
	}
	return rtable_close(&rt) == EXIT_TROUBLE ? -1 : 0;
}

static const char *
roster_union(const struct roster *ro, struct field m)
{
	size_t i = kt_find(ro->ids, m.s, m.len, hash_bytes(m.s, m.len));

	return i == (size_t)-1 ? "" : ro->union_id[i];
}

static void
roster_free(struct roster *ro)
{
	size_t i;

	for (i = 0; ro->ids && i < kt_count(ro->ids); i++)
		free(ro->union_id[i]);
	free(ro->union_id);
	kt_free(ro->ids);
}

/* keyof: the --by key of a row: a column, the month of a date column,
   or (union, town) the union through the roster or a union_id column */
static struct field
keyof(const struct ropts *r, const struct rtable *rt, const struct field *f,
    const char *datecol, const struct roster *ro, const struct hier *h,
    char buf[8])
{
	struct field k = { "", 0 }, d;
	int32_t day;
	const char *why, *u;
	int lv = by_union_level(r->by);

	if (r->by == NULL)
		return k;
	if (strcmp(r->by, "month") == 0) {
		d = rtable_get(rt, f, datecol);
		if (date_parse(d.s, d.len, &day, &why) == 0) {
			period(day, 1, buf);
			k.s = buf;
			k.len = 7;
		}
		return k;
	}
	if (lv < 0)
		return rtable_get(rt, f, r->by);
	if (ro) {
		u = roster_union(ro, rtable_get(rt, f, "member_id"));
		k.s = union_key(h, u, strlen(u), lv, &k.len);
	} else {
		d = rtable_get(rt, f, "union_id");
		k.s = union_key(h, d.s, d.len, lv, &k.len);
	}
	return k;
}

/* in_year: the date column is in --year (always true without it) */
static int
in_year(const struct ropts *r, const struct rtable *rt, const struct field *f,
    const char *col)
{
	struct field d;
	int32_t day;
	const char *why;

	if (r->year == 0)
		return 1;
	d = rtable_get(rt, f, col);
	return date_parse(d.s, d.len, &day, &why) == 0 && year_of(day) ==
	    r->year;
}

static const char *
keyname(const struct ropts *r)
{
	int lv = by_union_level(r->by);

	return lv == 3 ? "union_id" : lv == LEVEL_TOWN ? "town_id" : r->by;
}

/* ---- aid ---- */

enum { A_APPS, A_APPROVED, A_REJECTED, A_PAID, A_PENDING, A_REQUESTED,
	A_AWARDED, A_PAIDSUM, A_AVERAGE, A_NCOLS };

static void
fmt_aid(const int64_t *v, size_t i, char out[40])
{
	char m[MONEY_BUFSZ];

	if (i < A_REQUESTED)
		fmt_count(v, i, out);
	else if (i == A_AVERAGE) {
		if (v[A_APPROVED] == 0)
			out[0] = '\0';
		else
			dec_div(v[A_AWARDED], 2, v[A_APPROVED], 2, out);
	} else
		snprintf(out, 40, "%s", money_fmt(v[i], m));
}

static void
add_money(struct rtable *rt, const struct field *f, const char *col,
    int64_t *sum)
{
	struct field v = rtable_get(rt, f, col);
	int64_t fen;
	const char *why;

	if (v.len == 0)
		return;
	if (money_parse(v.s, v.len, &fen, &why) != 0) {
		warn_at(tbl_name(rt->t), tbl_line(rt->t), col, "%s", why);
		rt->status = EXIT_FOUND;
	} else if (money_add(sum, fen) != 0)
		die(EXIT_TROUBLE, "%s: sum too large", col);
}

static void
add_aid(struct rtable *rt, const struct field *f, int64_t *v)
{
	struct field st = rtable_get(rt, f, "status");

	v[A_APPS]++;
	add_money(rt, f, "requested", &v[A_REQUESTED]);
	if (streqn(st.s, st.len, "applied"))
		v[A_PENDING]++;
	else if (streqn(st.s, st.len, "rejected"))
		v[A_REJECTED]++;
	else if (streqn(st.s, st.len, "approved") ||
	    streqn(st.s, st.len, "paid")) {
		v[A_APPROVED]++;
		add_money(rt, f, "approved", &v[A_AWARDED]);
		if (st.s[0] == 'p') {
			v[A_PAID]++;
			add_money(rt, f, "paid", &v[A_PAIDSUM]);
		}
	}
}

int
cmd_aid(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS,
		{ "by", 0, OPT_ARG, R_BY },
		{ "year", 0, OPT_ARG, R_YEAR },
		R_END
	};
	static const char *const bys[] = { "program", "month", "union",
	    "town", NULL };
	static const char *const cols[] = { "applications", "approved",
	    "rejected", "paid", "pending", "requested_amount",
	    "approved_amount", "paid_amount", "average_award" };
	struct keyed out = { NULL, NULL, cols, A_NCOLS, fmt_aid, 1, A_PAIDSUM,
	    -1, "aid paid (yuan)" };
	struct ropts r;
	struct rtable rt;
	struct tally t;
	struct roster ro;
	struct hier *h = NULL;
	const struct field *f;
	struct field k;
	struct out *o;
	char buf[8];
	int status, lv;

	report_parse(argc, argv, tab, "union-stats aid [-D DIR] [--year Y] "
	    "[--by program|month|union|town]", bys, &r);
	lv = by_union_level(r.by);
	memset(&ro, 0, sizeof(ro));
	if (lv >= 0 && ((h = hier_load(&r.cli)) == NULL ||
	    roster_load(&ro, &r.cli) != 0))
		return EXIT_TROUBLE;
	if (rtable_open(&rt, &r.cli, "aid", &schema_aid) != 0)
		return EXIT_TROUBLE;
	tally_init(&t, A_NCOLS);
	if (r.by == NULL)
		tally_at(&t, "", 0);
	while (rtable_next(&rt, &f) == TBL_ROW) {
		if (!in_year(&r, &rt, f, "applied"))
			continue;
		k = keyof(&r, &rt, f, "applied", lv >= 0 ? &ro : NULL, h, buf);
		add_aid(&rt, f, tally_at(&t, k.s, k.len));
	}
	status = rtable_close(&rt);
	if (status != EXIT_TROUBLE) {
		o = report_out(&r);
		out.keyname = r.by ? keyname(&r) : NULL;
		out.h = lv >= 0 ? h : NULL;
		write_keyed(o, &t, &out);
		out_close(o);
	}
	tally_free(&t);
	roster_free(&ro);
	hier_free(h);
	return status;
}

/* ---- cases ---- */

enum { K_CONSULT, K_CASES, K_CLOSED, K_RESOLVED, K_ARBITRATION,
	K_LITIGATION, K_WITHDRAWN, K_UNRESOLVED, K_RATE, K_MEDIAN, K_OPEN,
	K_NCOLS };

struct days {			/* days to close, per key */
	int32_t	*v;
	size_t	 n, cap;
};

static struct days *cur_days;	/* fmt_cases' context: by key index */
static size_t cur_ndays;
static const int64_t *cur_base;
static struct days cur_all;	/* every key's, for the totals row */

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return x < y ? -1 : x > y;
}

static void
fmt_cases(const int64_t *v, size_t i, char out[40])
{
	struct days none = { NULL, 0, 0 }, *d = &none;
	size_t at;

	if (v == keyed_total)
		d = &cur_all;
	else if ((at = (size_t)(v - cur_base) / K_NCOLS) < cur_ndays)
		d = &cur_days[at];

	if (i == K_RATE)
		percent(v[K_RESOLVED], v[K_CLOSED], out);
	else if (i == K_MEDIAN) {
		if (d->n == 0) {
			out[0] = '\0';
			return;
		}
		qsort(d->v, d->n, sizeof(*d->v), cmp_i32);
		if (d->n % 2)
			snprintf(out, 40, "%ld", (long)d->v[d->n / 2]);
		else {		/* halfway: a whole day or a half */
			long sum = (long)d->v[d->n / 2 - 1] + d->v[d->n / 2];

			snprintf(out, 40, sum % 2 ? "%ld.5" : "%ld", sum / 2);
		}
	} else
		fmt_count(v, i, out);
}

/* all_days: every key's days to close, in one list */
static void
all_days(struct days *all, const struct days *d, size_t n)
{
	size_t i;

	memset(all, 0, sizeof(*all));
	for (i = 0; i < n; i++)
		all->cap += d[i].n;
	all->v = xcalloc(all->cap + 1, sizeof(*all->v));
	for (i = 0; i < n; i++) {
		if (d[i].n > 0)
			memcpy(all->v + all->n, d[i].v, d[i].n * sizeof(*d->v));
		all->n += d[i].n;
	}
}

static void
add_case(struct rtable *rt, const struct field *f, int64_t *v,
    struct days *d)
{
	static const char *const outcomes[] = { "resolved", "arbitration",
	    "litigation", "withdrawn", "unresolved", NULL };
	struct field type = rtable_get(rt, f, "type");
	struct field st = rtable_get(rt, f, "status");
	struct field oc = rtable_get(rt, f, "outcome");
	struct field op = rtable_get(rt, f, "opened");
	struct field cl = rtable_get(rt, f, "closed");
	int32_t o, c;
	const char *why;
	int k;

	if (streqn(type.s, type.len, "consultation")) {
		v[K_CONSULT]++;
		return;
	}
	v[K_CASES]++;
	if (!streqn(st.s, st.len, "closed")) {
		v[K_OPEN]++;
		return;
	}
	v[K_CLOSED]++;
	if ((k = enum_index(outcomes, oc.s, oc.len)) >= 0)
		v[K_RESOLVED + k]++;
	if (date_parse(op.s, op.len, &o, &why) == 0 &&
	    date_parse(cl.s, cl.len, &c, &why) == 0 && c >= o) {
		if (d->n == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 16;
			d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
		}
		d->v[d->n++] = c - o;
	}
}

int
cmd_cases(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS,
		{ "by", 0, OPT_ARG, R_BY },
		{ "year", 0, OPT_ARG, R_YEAR },
		R_END
	};
	static const char *const bys[] = { "kind", "channel", "union",
	    "town", "month", NULL };
	static const char *const cols[] = { "consultations", "cases",
	    "closed", "resolved", "arbitration", "litigation", "withdrawn",
	    "unresolved", "resolution_rate", "median_days", "open" };
	struct keyed out = { NULL, NULL, cols, K_NCOLS, fmt_cases, 1, K_CASES,
	    -1, "cases taken on" };
	struct ropts r;
	struct rtable rt;
	struct tally t;
	struct hier *h = NULL;
	struct days *days = NULL;
	const struct field *f;
	struct field k;
	struct out *o;
	char buf[8];
	size_t i, ndays = 0;
	int64_t *v;
	int status, lv;

	report_parse(argc, argv, tab, "union-stats cases [-D DIR] [--year Y] "
	    "[--by kind|channel|union|town|month]", bys, &r);
	lv = by_union_level(r.by);
	if (lv >= 0 && (h = hier_load(&r.cli)) == NULL)
		return EXIT_TROUBLE;
	if (rtable_open(&rt, &r.cli, "cases", &schema_cases) != 0)
		return EXIT_TROUBLE;
	tally_init(&t, K_NCOLS);
	if (r.by == NULL)
		tally_at(&t, "", 0);
	while (rtable_next(&rt, &f) == TBL_ROW) {
		if (!in_year(&r, &rt, f, "opened"))
			continue;
		k = keyof(&r, &rt, f, "opened", NULL, h, buf);
		v = tally_at(&t, k.s, k.len);
		i = (size_t)(v - t.v) / K_NCOLS;
		if (i >= ndays) {
			days = xreallocarray(days, t.cap, sizeof(*days));
			memset(days + ndays, 0, (t.cap - ndays) * sizeof(*days));
			ndays = t.cap;
		}
		add_case(&rt, f, v, &days[i]);
	}
	status = rtable_close(&rt);
	if (status != EXIT_TROUBLE) {
		cur_days = days;
		cur_ndays = ndays;
		cur_base = t.v;
		all_days(&cur_all, days, ndays);
		o = report_out(&r);
		out.keyname = r.by ? keyname(&r) : NULL;
		out.h = lv >= 0 ? h : NULL;
		write_keyed(o, &t, &out);
		out_close(o);
	}
	for (i = 0; i < ndays; i++)
		free(days[i].v);
	free(days);
	free(cur_all.v);
	memset(&cur_all, 0, sizeof(cur_all));
	tally_free(&t);
	hier_free(h);
	return status;
}

/* ---- growth ---- */

enum { G_JOINED, G_LEFT, G_IN, G_OUT, G_NET, G_NCOLS };

enum { ST_OTHER, ST_TRANSFERRED, ST_GONE };	/* gone: left, deceased */

struct mrow {
	uint32_t person;	/* index of the id_number */
	int32_t	 join;		/* INT32_MIN: not a date */
	int32_t	 end;		/* from the journal; INT32_MIN: unknown */
	uint32_t order;		/* in the roster */
	int	 st;
};

struct ends {			/* member_id -> the day it ended */
	struct keytab *ids;
	int32_t	*day;
};

/* journal_entry: "leave" (left, deceased) and "transfer" days */
static void
journal_entry(void *arg, const struct jentry *e)
{
	struct ends *en = arg;
	const char *on = e->detail ? strstr(e->detail, " on ") : NULL;
	size_t i, n = e->key ? strlen(e->key) : 0;
	int32_t day;
	const char *why;
	int isnew;

	if (on == NULL || strcmp(e->file, "members.csv") != 0 ||
	    (strcmp(e->action, "leave") != 0 &&
	    strcmp(e->action, "transfer") != 0) ||
	    strncmp(e->detail, "retained", 8) == 0 ||
	    date_parse(on + 4, strlen(on + 4), &day, &why) != 0)
		return;
	i = kt_put(en->ids, e->key, n, hash_bytes(e->key, n), &isnew);
	en->day = xreallocarray(en->day, kt_count(en->ids), sizeof(*en->day));
	en->day[i] = day;
}

static void
journal_fault(void *arg, long line, const char *msg)
{
	(void)arg;
	(void)line;
	(void)msg;		/* union-audit's business, not ours */
}

static void
load_ends(struct ends *en, const struct cli *c)
{
	char *path = datadir_path(c->datadir, JOURNAL_FILE);

	en->ids = kt_new();
	en->day = NULL;
	if (access(path, R_OK) == 0)
		(void)journal_walk(c->datadir, journal_entry, journal_fault, en);
	free(path);
}

static int32_t
end_of(const struct ends *en, struct field m)
{
	size_t i = kt_find(en->ids, m.s, m.len, hash_bytes(m.s, m.len));

	return i == (size_t)-1 ? INT32_MIN : en->day[i];
}

static int
mrow_cmp(const void *a, const void *b)
{
	const struct mrow *x = a, *y = b;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->join != y->join)
		return x->join < y->join ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* bump: counter col of the period of day ("unknown" when not known) */
static void
bump(struct tally *t, int32_t day, int bymonth, size_t col)
{
	char p[8];

	if (day == INT32_MIN) {
		tally_at(t, "unknown", 7)[col]++;
		return;
	}
	period(day, bymonth, p);
	tally_at(t, p, strlen(p))[col]++;
}

/* read_roster: one mrow per membership; NULL after a message */
static struct mrow *
read_roster(const struct cli *c, const struct ends *en, size_t *n, int *status)
{
	struct rtable rt;
	const struct field *f;
	struct keytab *people = kt_new();
	struct mrow *rows = NULL;
	size_t cap = 0;
	struct field id, st, jd;
	const char *why;
	int isnew;

	*n = 0;
	if (rtable_open(&rt, c, "members", &schema_members) != 0) {
		kt_free(people);
		return NULL;
	}
	while (rtable_next(&rt, &f) == TBL_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			rows = xreallocarray(rows, cap, sizeof(*rows));
		}
		id = rtable_get(&rt, f, "id_number");
		st = rtable_get(&rt, f, "status");
		jd = rtable_get(&rt, f, "join_date");
		rows[*n].person = (uint32_t)kt_put(people, id.s, id.len,
		    hash_bytes(id.s, id.len), &isnew);
		if (date_parse(jd.s, jd.len, &rows[*n].join, &why) != 0)
			rows[*n].join = INT32_MIN;
		rows[*n].end = end_of(en, rtable_get(&rt, f, "member_id"));
		rows[*n].order = (uint32_t)*n;
		rows[*n].st = streqn(st.s, st.len, "transferred") ?
		    ST_TRANSFERRED : streqn(st.s, st.len, "left") ||
		    streqn(st.s, st.len, "deceased") ? ST_GONE : ST_OTHER;
		(*n)++;
	}
	kt_free(people);
	*status = rtable_close(&rt);
	return rows;
}

static void
fmt_growth(const int64_t *v, size_t i, char out[40])
{
	if (i == G_NET)
		snprintf(out, 40, "%lld", (long long)(v[G_JOINED] + v[G_IN] -
		    v[G_LEFT] - v[G_OUT]));
	else
		fmt_count(v, i, out);
}

int
cmd_growth(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS,
		{ "by", 0, OPT_ARG, R_BY },
		R_END
	};
	static const char *const bys[] = { "month", "year", NULL };
	static const char *const cols[] = { "joined", "left",
	    "transferred_in", "transferred_out", "net" };
	struct keyed out = { NULL, NULL, cols, G_NCOLS, fmt_growth, 1,
	    G_JOINED, -1, "members joined" };
	struct ropts r;
	struct ends en;
	struct tally t;
	struct mrow *rows;
	struct out *o;
	size_t n, i;
	int status = EXIT_CLEAN, bymonth;

	report_parse(argc, argv, tab, "union-stats growth [-D DIR] "
	    "[--by month|year]", bys, &r);
	bymonth = r.by == NULL || strcmp(r.by, "month") == 0;
	load_ends(&en, &r.cli);
	if ((rows = read_roster(&r.cli, &en, &n, &status)) == NULL &&
	    status == EXIT_CLEAN)
		status = EXIT_TROUBLE;
	tally_init(&t, G_NCOLS);
	if (rows)
		qsort(rows, n, sizeof(*rows), mrow_cmp);
	for (i = 0; i < n && status != EXIT_TROUBLE; i++) {
		int moved = i > 0 && rows[i - 1].person == rows[i].person &&
		    rows[i - 1].st == ST_TRANSFERRED;
		int32_t end = rows[i].end;

		bump(&t, rows[i].join, bymonth, moved ? G_IN : G_JOINED);
		if (rows[i].st == ST_TRANSFERRED && end == INT32_MIN &&
		    i + 1 < n && rows[i + 1].person == rows[i].person)
			end = rows[i + 1].join;
		if (rows[i].st == ST_TRANSFERRED)
			bump(&t, end, bymonth, G_OUT);
		else if (rows[i].st == ST_GONE)
			bump(&t, end, bymonth, G_LEFT);
	}
	if (status != EXIT_TROUBLE) {
		o = report_out(&r);
		out.keyname = bymonth ? "month" : "year";
		write_keyed(o, &t, &out);
		out_close(o);
	}
	free(rows);
	kt_free(en.ids);
	free(en.day);
	tally_free(&t);
	return status;
}
