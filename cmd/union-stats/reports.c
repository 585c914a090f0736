/*
 * reports.c - what the reports share (reading data files, tallies,
 * options, keyed output), and the member reports: members, age, dues.
 *
 * Current members are the rows whose status is active or retained.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports.h"
#include "help.h"

/* ---- data files ---- */

int
rtable_open(struct rtable *rt, const struct cli *c, const char *name,
    const struct schema *s)
{
	struct tbl_opts o = { 0, c->encoding, 0 };
	char *path = datadir_find(c->datadir, name);

	memset(rt, 0, sizeof(*rt));
	if (path == NULL) {
		warnmsg("%s: no %s.csv in the data directory", c->datadir, name);
		return -1;
	}
	rt->t = tbl_open(path, &o);
	free(path);
	if (rt->t == NULL)
		return -1;
	if (schema_bind(s, rt->t, &rt->b) != 0) {
		tbl_close(rt->t);
		return -1;
	}
	return 0;
}

int
rtable_next(struct rtable *rt, const struct field **f)
{
	int r;

	while ((r = tbl_next(rt->t)) != TBL_EOF) {
		if (r == TBL_ROW) {
			*f = tbl_fields(rt->t);
			return r;
		}
		tbl_perror(rt->t);
		if (r == TBL_FATAL) {
			rt->status = EXIT_TROUBLE;
			return r;
		}
		rt->status = EXIT_FOUND;
	}
	return TBL_EOF;
}

struct field
rtable_get(const struct rtable *rt, const struct field *f, const char *name)
{
	return binding_get(&rt->b, f, name);
}

int
rtable_close(struct rtable *rt)
{
	if (rt->t)
		tbl_close(rt->t);
	rt->t = NULL;
	return rt->status;
}

/* ---- tallies ---- */

void
tally_init(struct tally *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->k = kt_new();
	t->ncols = ncols;
}

int64_t *
tally_at(struct tally *t, const char *key, size_t len)
{
	int isnew;
	size_t i = kt_put(t->k, key, len, hash_bytes(key, len), &isnew);

	if (isnew && i >= t->cap) {
		size_t old = t->cap;

		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xreallocarray(t->v, t->cap * t->ncols, sizeof(*t->v));
		memset(t->v + old * t->ncols, 0,
		    (t->cap - old) * t->ncols * sizeof(*t->v));
	}
	return t->v + i * t->ncols;
}

static const struct keytab *order_keys;	/* qsort's context */

static int
order_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b, xl, yl;
	const char *xs = kt_key(order_keys, x, &xl);
	const char *ys = kt_key(order_keys, y, &yl);

	return natcmp(xs, xl, ys, yl);
}

size_t *
tally_order(const struct tally *t)
{
	size_t n = kt_count(t->k), i;
	size_t *order = xcalloc(n + 1, sizeof(*order));

	for (i = 0; i < n; i++)
		order[i] = i;
	order_keys = t->k;
	qsort(order, n, sizeof(*order), order_cmp);
	return order;
}

void
tally_free(struct tally *t)
{
	kt_free(t->k);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* ---- options ---- */

static int
parse_year(const char *s)
{
	char *end;
	long y = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || y < 1900 || y > 9999)
		usage_error("--year: '%s': expected a year such as 2025", s);
	return (int)y;
}

static void
check_month(const char *s)
{
	char day[16];
	int32_t d;
	const char *why;

	snprintf(day, sizeof(day), "%.7s-01", s);
	if (strlen(s) != 7 || date_parse(day, 10, &d, &why) != 0)
		usage_error("--month: '%s': expected YYYY-MM", s);
}

void
report_parse(int argc, char **argv, const struct opt *tab,
    const char *usage, const char *const *byvals, struct ropts *r)
{
	struct optstate s;
	int id;

	memset(r, 0, sizeof(*r));
	r->name = argv[0];
	cli_init(&r->cli);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, tab)) != OPT_END) {
		if (id == OPT_BAD)
			usage_error("usage: %s", usage);
		if (cli_common(&r->cli, id, s.arg))
			continue;
		switch (id) {
		case R_BY:
			if (enum_index(byvals, s.arg, strlen(s.arg)) < 0)
				usage_error("--by: '%s': expected %s", s.arg,
				    enum_list(byvals));
			r->by = s.arg;
			break;
		case R_YEAR:
			r->year = parse_year(s.arg);
			break;
		case R_MONTH:
			check_month(s.arg);
			r->month = s.arg;
			break;
		case R_ROLLUP:
			r->rollup = 1;
			break;
		case R_TARGET:
			r->targets = xreallocarray(r->targets, r->ntargets + 1,
			    sizeof(*r->targets));
			r->targets[r->ntargets++] = (char *)s.arg;
			break;
		case R_BANDS:
			r->bands = s.arg;
			break;
		}
	}
	if (r->cli.help)
		stats_help(usage);
	if (s.noperands > 0)
		usage_error("unexpected argument '%s'", s.operands[0]);
}

struct out *
report_out(const struct ropts *r)
{
	struct out *o = out_stdout(r->cli.format, cli_out_flags(&r->cli));
	char day[11], *title;

	int by = r->by != NULL && strcmp(r->by, r->name) != 0;	/* age */

	title = xasprintf("union-stats %s%s%s: %s as of %s", r->name,
	    by ? " by " : "", by ? r->by : "", r->cli.datadir,
	    date_fmt(r->cli.today, day));
	out_title(o, title);
	free(title);
	return o;
}

/* ---- keys and keyed output ---- */

int
by_union_level(const char *by)
{
	if (by == NULL)
		return -1;
	if (strcmp(by, "county") == 0)
		return LEVEL_COUNTY;
	if (strcmp(by, "town") == 0)
		return LEVEL_TOWN;
	if (strcmp(by, "union") == 0)
		return 3;
	return -1;
}

const char *
union_key(const struct hier *h, const char *u, size_t len, int lv,
    size_t *klen)
{
	long i;

	*klen = len;
	if (lv == 3)
		return u;
	i = hier_above(h, hier_find(h, u, len), lv);
	if (i < 0) {
		*klen = 0;
		return "";
	}
	return kt_key(h->ids, (size_t)i, klen);
}

const int64_t *keyed_total;

/* no_key: the name of an empty union key (a member of no town, ...) */
static const char *
no_key(const char *keyname)
{
	if (strcmp(keyname, "town_id") == 0)
		return "(no town)";
	if (strcmp(keyname, "county_id") == 0)
		return "(no county)";
	return "(no union)";
}

static void
keyed_header(struct out *o, const struct keyed *k, size_t lead,
    const char **row)
{
	size_t i;

	if (k->keyname)
		row[0] = k->keyname;
	if (k->h)
		row[lead - 1] = "name";
	for (i = 0; i < k->ncols; i++)
		row[lead + i] = k->cols[i];
	if (k->keyname && k->chart >= 0)
		out_chart(o, k->caption, lead - 1, lead + (size_t)k->chart,
		    k->target >= 0 ? lead + (size_t)k->target : OUT_NOCOL);
	out_header(o, lead + k->ncols, row);
	for (i = 0; i < k->ncols; i++)
		out_numeric(o, lead + i);
}

/* keyed_values: the counters of v as text into row[lead..] */
static void
keyed_values(const struct keyed *k, const int64_t *v, const char **row,
    size_t lead, char (*num)[40])
{
	size_t i;

	for (i = 0; i < k->ncols; i++) {
		k->fmt(v, i, num[i]);
		row[lead + i] = num[i];
	}
}

/* keyed_sum: every key's counters added up (all t->ncols of them) */
static int64_t *
keyed_sum(const struct tally *t)
{
	int64_t *sum = xcalloc(t->ncols + 1, sizeof(*sum));
	size_t j, i, n = kt_count(t->k);

	for (j = 0; j < n; j++)
		for (i = 0; i < t->ncols; i++)
			if (money_add(&sum[i], t->v[j * t->ncols + i]) != 0)
				die(EXIT_TROUBLE, "total too large");
	return sum;
}

void
write_keyed(struct out *o, const struct tally *t, const struct keyed *k)
{
	size_t lead = (k->keyname != NULL) + (k->h != NULL), j, len;
	size_t *order = tally_order(t), n = kt_count(t->k);
	const char **row = xcalloc(lead + k->ncols + 1, sizeof(*row));
	char (*num)[40] = xcalloc(k->ncols + 1, sizeof(*num));
	int64_t *sum;
	long u;

	keyed_header(o, k, lead, row);
	for (j = 0; j < n; j++) {
		if (k->keyname)
			row[0] = kt_key(t->k, order[j], &len);
		if (k->h) {
			u = k->keyname ? hier_find(k->h, row[0], len) : -1;
			row[lead - 1] = u >= 0 ? k->h->u[u].name :
			    k->keyname && len == 0 ? no_key(k->keyname) : "";
		}
		keyed_values(k, t->v + order[j] * t->ncols, row, lead, num);
		out_row(o, lead + k->ncols, row);
	}
	if (k->total && k->keyname) {
		keyed_total = sum = keyed_sum(t);
		row[0] = "total";
		if (k->h)
			row[lead - 1] = "";
		keyed_values(k, sum, row, lead, num);
		out_total(o, lead + k->ncols, row);
		keyed_total = NULL;
		free(sum);
	}
	free(num);
	free(row);
	free(order);
}

static void
fmt_count(const int64_t *v, size_t i, char out[40])
{
	snprintf(out, 40, "%lld", (long long)v[i]);
}

/* ---- members ---- */

static int
is_current(struct field status)
{
	return streqn(status.s, status.len, "active") ||
	    streqn(status.s, status.len, "retained");
}

/* ---- age bands ---- */

struct bands {
	int	 b[32];
	size_t	 n;
	char	 label[34][16];
};

static void
bands_parse(struct bands *bd, const char *s)
{
	const char *p = s;
	char *end;
	long v;
	size_t i;

	bd->n = 0;
	do {
		v = strtol(p, &end, 10);
		if (end == p || (*end != ',' && *end != '\0') || v < 1 ||
		    v > 150 || (bd->n > 0 && v <= bd->b[bd->n - 1]) ||
		    bd->n == NELEM(bd->b))
			usage_error("--bands: '%s': expected ages in rising "
			    "order, such as 18,25,35,45,55,60", s);
		bd->b[bd->n++] = (int)v;
		p = end + 1;
	} while (*end == ',');
	snprintf(bd->label[0], 16, "<%d", bd->b[0]);
	for (i = 1; i < bd->n; i++)
		snprintf(bd->label[i], 16, "%d-%d", bd->b[i - 1],
		    bd->b[i] - 1);
	snprintf(bd->label[bd->n], 16, "%d+", bd->b[bd->n - 1]);
	snprintf(bd->label[bd->n + 1], 16, "unknown");
}

/* band_of: the label of the member's age band, from the ID number */
static const char *
band_of(const struct bands *bd, struct field id, int32_t today)
{
	struct idinfo info;
	const char *why;
	size_t i;
	int age;

	if (id_parse(id.s, id.len, &info, &why) != 0)
		return bd->label[bd->n + 1];
	age = age_on(info.birth, today);
	for (i = 0; i < bd->n && age >= bd->b[i]; i++)
		;
	return bd->label[i];
}

static const char default_bands[] = "18,25,35,45,55,60";

static const char *const member_bys[] = { "union", "town", "county",
	"group", "gender", "age", "hardship", "status", NULL };

/* member_key: the --by key of a roster row */
static struct field
member_key(const struct ropts *r, const struct rtable *rt,
    const struct field *f, const struct hier *h, const struct bands *bd)
{
	struct field k = { "", 0 }, u;
	int lv = by_union_level(r->by);

	if (r->by == NULL)
		return k;
	if (lv >= 0) {
		u = rtable_get(rt, f, "union_id");
		k.s = union_key(h, u.s, u.len, lv, &k.len);
		return k;
	}
	if (strcmp(r->by, "age") == 0) {
		k.s = band_of(bd, rtable_get(rt, f, "id_number"), r->cli.today);
		k.len = strlen(k.s);
		return k;
	}
	return rtable_get(rt, f, r->by);
}

/* count_members: the roster into t, by key (by union_id for rollup) */
static int
count_members(struct ropts *r, struct tally *t, const struct hier *h,
    const struct bands *bd)
{
	struct rtable rt;
	const struct field *f;
	struct field k;
	int all = r->by && strcmp(r->by, "status") == 0;

	if (rtable_open(&rt, &r->cli, "members", &schema_members) != 0)
		return EXIT_TROUBLE;
	if (bd)		/* bands in their order, even when empty */
		for (size_t i = 0; i <= bd->n + 1; i++)
			tally_at(t, bd->label[i], strlen(bd->label[i]));
	while (rtable_next(&rt, &f) == TBL_ROW) {
		if (!all && !is_current(rtable_get(&rt, f, "status")))
			continue;
		k = r->rollup ? rtable_get(&rt, f, "union_id") :
		    member_key(r, &rt, f, h, bd);
		tally_at(t, k.s, k.len)[0]++;
	}
	return rtable_close(&rt);
}

/* write_bands: the age bands in rising order (not the natural order),
   charted, with a total */
static void
write_bands(struct out *o, const struct tally *t, const char *keyname)
{
	const char *names[2] = { keyname, "members" }, *row[2];
	size_t i, n = kt_count(t->k), len;
	int64_t total = 0;
	char num[40];

	out_chart(o, "members by age band", 0, 1, OUT_NOCOL);
	out_header(o, 2, names);
	out_numeric(o, 1);
	for (i = 0; i < n; i++) {
		row[0] = kt_key(t->k, i, &len);
		snprintf(num, sizeof(num), "%lld", (long long)t->v[i]);
		row[1] = num;
		total += t->v[i];
		if (t->v[i] > 0 || strcmp(row[0], "unknown") != 0)
			out_row(o, 2, row);
	}
	row[0] = "total";
	snprintf(num, sizeof(num), "%lld", (long long)total);
	out_total(o, 2, row);
}

/* ---- --rollup: each union's own count and the total beneath it ---- */

struct rollup {
	const struct hier *h;
	const struct tally *t;
	int64_t	*own, *total;
	size_t	*kids, *kidstart;	/* children of i: kids[kidstart[i]..] */
	struct out *o;
	int	 indent;
};

static const struct hier *sort_h;

static int
by_id(const void *a, const void *b)
{
	const char *x = hier_id(sort_h, (long)*(const size_t *)a);
	const char *y = hier_id(sort_h, (long)*(const size_t *)b);

	return natcmp(x, strlen(x), y, strlen(y));
}

static int64_t
sum_below(struct rollup *ru, size_t i, size_t depth)
{
	size_t k;

	ru->total[i] = ru->own[i];
	if (depth > ru->h->n)	/* a cycle: the audit reports it */
		return ru->total[i];
	for (k = ru->kidstart[i]; k < ru->kidstart[i + 1]; k++)
		ru->total[i] += sum_below(ru, ru->kids[k], depth + 1);
	return ru->total[i];
}

static void
write_union(struct rollup *ru, size_t i, size_t depth)
{
	const struct hunion *u = &ru->h->u[i];
	const char *row[6];
	char own[32], total[32], *name;
	size_t k;

	name = xasprintf("%*s%s", ru->indent ? (int)depth * 2 : 0, "",
	    u->name);
	snprintf(own, sizeof(own), "%lld", (long long)ru->own[i]);
	snprintf(total, sizeof(total), "%lld", (long long)ru->total[i]);
	row[0] = hier_id(ru->h, (long)i);
	row[1] = name;
	row[2] = u->level >= 0 ? union_levels[u->level] : "";
	row[3] = u->parent_id;
	row[4] = own;
	row[5] = total;
	out_row(ru->o, 6, row);
	free(name);
	if (depth > ru->h->n)
		return;
	for (k = ru->kidstart[i]; k < ru->kidstart[i + 1]; k++)
		write_union(ru, ru->kids[k], depth + 1);
}

static void
link_children(struct rollup *ru)
{
	size_t n = ru->h->n, i, *fill;
	long p;

	ru->kidstart = xcalloc(n + 2, sizeof(*ru->kidstart));
	ru->kids = xcalloc(n + 1, sizeof(*ru->kids));
	fill = xcalloc(n + 1, sizeof(*fill));
	for (i = 0; i < n; i++)
		if ((p = ru->h->u[i].parent) >= 0)
			ru->kidstart[p + 1]++;
	for (i = 0; i < n; i++)
		ru->kidstart[i + 1] += ru->kidstart[i];
	for (i = 0; i < n; i++)
		if ((p = ru->h->u[i].parent) >= 0)
			ru->kids[ru->kidstart[p] + fill[p]++] = i;
	sort_h = ru->h;
	for (i = 0; i < n; i++)
		qsort(ru->kids + ru->kidstart[i], ru->kidstart[i + 1] -
		    ru->kidstart[i], sizeof(*ru->kids), by_id);
	free(fill);
}

static void
write_rollup(struct ropts *r, const struct hier *h, const struct tally *t)
{
	static const char *const names[] = { "union_id", "name", "level",
	    "parent_id", "members", "total" };
	struct rollup ru;
	size_t n = h->n, i, *roots, nroots = 0;
	int64_t *v;

	memset(&ru, 0, sizeof(ru));
	ru.h = h;
	ru.t = t;
	ru.own = xcalloc(n + 1, sizeof(*ru.own));
	ru.total = xcalloc(n + 1, sizeof(*ru.total));
	ru.indent = r->cli.format == FMT_TABLE;
	for (i = 0; i < n; i++) {
		size_t len;
		const char *id = hier_id(h, (long)i);

		len = strlen(id);
		if (kt_find(t->k, id, len, hash_bytes(id, len)) != (size_t)-1) {
			v = tally_at((struct tally *)t, id, len);
			ru.own[i] = v[0];
		}
	}
	link_children(&ru);
	roots = xcalloc(n + 1, sizeof(*roots));
	for (i = 0; i < n; i++)
		if (h->u[i].parent < 0)
			roots[nroots++] = i;
	sort_h = h;
	qsort(roots, nroots, sizeof(*roots), by_id);
	ru.o = report_out(r);
	out_header(ru.o, 6, names);
	out_numeric(ru.o, 4);
	out_numeric(ru.o, 5);
	for (i = 0; i < nroots; i++) {
		sum_below(&ru, roots[i], 0);
		write_union(&ru, roots[i], 0);
	}
	out_close(ru.o);
	free(roots);
	free(ru.own);
	free(ru.total);
	free(ru.kids);
	free(ru.kidstart);
}

static void
write_members(struct out *o, const struct ropts *r, const struct tally *t,
    const struct hier *h)
{
	static const char *const cols[] = { "members" };
	int lv = by_union_level(r->by);
	struct keyed k = { NULL, h, cols, 1, fmt_count, 1, 0, -1, NULL };
	char *caption;

	k.keyname = lv == 3 ? "union_id" : lv == LEVEL_TOWN ? "town_id" :
	    lv == LEVEL_COUNTY ? "county_id" : r->by;
	caption = xasprintf("members by %s", r->by ? r->by : "");
	k.caption = caption;
	write_keyed(o, t, &k);
	free(caption);
}

int
cmd_members(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS,
		{ "by", 0, OPT_ARG, R_BY },
		{ "rollup", 0, OPT_NOARG, R_ROLLUP },
		R_END
	};
	struct ropts r;
	struct tally t;
	struct hier *h = NULL;
	struct bands bd;
	struct out *o;
	int status, lv;

	report_parse(argc, argv, tab, "union-stats members [-D DIR] [--by "
	    "union|town|county|group|gender|age|hardship|status] [--rollup]",
	    member_bys, &r);
	if (r.rollup && r.by)
		usage_error("--rollup and --by cannot be used together");
	lv = by_union_level(r.by);
	if ((lv >= 0 || r.rollup) && (h = hier_load(&r.cli)) == NULL)
		return EXIT_TROUBLE;
	bands_parse(&bd, default_bands);
	tally_init(&t, 1);
	if (r.by == NULL && !r.rollup)
		tally_at(&t, "", 0);
	status = count_members(&r, &t, h, r.by && strcmp(r.by, "age") == 0 ?
	    &bd : NULL);
	if (status != EXIT_TROUBLE) {
		if (r.rollup)
			write_rollup(&r, h, &t);
		else {
			o = report_out(&r);
			if (r.by && strcmp(r.by, "age") == 0)
				write_bands(o, &t, "age");
			else
				write_members(o, &r, &t, lv >= 0 ? h : NULL);
			out_close(o);
		}
	}
	if (h && h->status > status)
		status = h->status;
	tally_free(&t);
	hier_free(h);
	return status;
}

int
cmd_age(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS,
		{ "bands", 0, OPT_ARG, R_BANDS },
		R_END
	};
	static const char *const none[] = { NULL };
	struct ropts r;
	struct tally t;
	struct bands bd;
	struct out *o;
	int status;

	report_parse(argc, argv, tab, "union-stats age [-D DIR] "
	    "[--bands 18,25,35,45,55,60] [--as-of DATE]", none, &r);
	bands_parse(&bd, r.bands ? r.bands : default_bands);
	r.by = "age";
	tally_init(&t, 1);
	status = count_members(&r, &t, NULL, &bd);
	if (status != EXIT_TROUBLE) {
		o = report_out(&r);
		write_bands(o, &t, "band");
		out_close(o);
	}
	tally_free(&t);
	return status;
}

/* ---- dues ---- */

enum { D_MEMBERS, D_PAYING, D_DUES, D_NCOLS };

static void
fmt_dues(const int64_t *v, size_t i, char out[40])
{
	char m[MONEY_BUFSZ];

	if (i == D_DUES)
		snprintf(out, 40, "%s", money_fmt(v[i], m));
	else
		fmt_count(v, i, out);
}

/* month_end: the last day of "YYYY-MM" (or of today's month) */
static int32_t
month_end(const char *month, int32_t today)
{
	int y, m, d;

	if (month) {
		y = atoi(month);
		m = atoi(month + 5);
	} else
		date_to_ymd(today, &y, &m, &d);
	return date_add_months(date_from_ymd(y, m, 1), 1) - 1;
}

static void
add_dues(struct rtable *rt, const struct field *f, int64_t *v, int32_t end)
{
	struct field wage = rtable_get(rt, f, "wage");
	struct field join = rtable_get(rt, f, "join_date");
	int32_t joined;
	int64_t fen;
	const char *why;

	if (date_parse(join.s, join.len, &joined, &why) != 0 || joined > end)
		return;
	v[D_MEMBERS]++;
	if (!streqn(rtable_get(rt, f, "status").s,
	    rtable_get(rt, f, "status").len, "active") || wage.len == 0)
		return;
	if (money_parse(wage.s, wage.len, &fen, &why) != 0) {
		warn_at(tbl_name(rt->t), tbl_line(rt->t), "wage", "%s", why);
		rt->status = EXIT_FOUND;
		return;
	}
	v[D_PAYING]++;
	if (money_add(&v[D_DUES], dues_of(fen)) != 0)
		die(EXIT_TROUBLE, "dues: sum too large");
}

int
cmd_dues(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS,
		{ "by", 0, OPT_ARG, R_BY },
		{ "month", 0, OPT_ARG, R_MONTH },
		R_END
	};
	static const char *const bys[] = { "union", "town", NULL };
	static const char *const cols[] = { "members", "paying", "dues" };
	struct keyed out = { NULL, NULL, cols, D_NCOLS, fmt_dues, 1, D_DUES,
	    -1, "dues (yuan)" };
	struct ropts r;
	struct rtable rt;
	struct tally t;
	struct hier *h = NULL;
	const struct field *f;
	struct field u, k = { "", 0 };
	struct out *o;
	int32_t end;
	int status, lv;

	report_parse(argc, argv, tab, "union-stats dues [-D DIR] "
	    "[--by union|town] [--month YYYY-MM]", bys, &r);
	lv = by_union_level(r.by);
	if (lv >= 0 && (h = hier_load(&r.cli)) == NULL)
		return EXIT_TROUBLE;
	end = month_end(r.month, r.cli.today);
	if (rtable_open(&rt, &r.cli, "members", &schema_members) != 0)
		return EXIT_TROUBLE;
	tally_init(&t, D_NCOLS);
	if (lv < 0)
		tally_at(&t, "", 0);
	while (rtable_next(&rt, &f) == TBL_ROW) {
		if (!is_current(rtable_get(&rt, f, "status")))
			continue;
		if (lv >= 0) {
			u = rtable_get(&rt, f, "union_id");
			k.s = union_key(h, u.s, u.len, lv, &k.len);
		}
		add_dues(&rt, f, tally_at(&t, k.s, k.len), end);
	}
	status = rtable_close(&rt);
	if (status != EXIT_TROUBLE) {
		o = report_out(&r);
		out.keyname = lv == 3 ? "union_id" : lv == LEVEL_TOWN ?
		    "town_id" : NULL;
		out.h = h;
		write_keyed(o, &t, &out);
		out_close(o);
	}
	tally_free(&t);
	hier_free(h);
	return status;
}
