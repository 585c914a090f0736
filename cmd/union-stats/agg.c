/*
 * agg.c - group-by aggregation over unsorted input.
 *
 * Each row's group key is hashed once and looked up in a key table that
 * gives the group a dense index; every OP keeps its state in arrays
 * indexed by group, so a row costs no allocation.  Numbers are exact
 * decimals (num.c): a sum is a 64-bit mantissa at the largest scale its
 * group has seen.  States merge (agg_merge) exactly, which is how -j
 * threads and "merge" of --partial results give the single run's answer.
 *
 * Empty values are "not given": every OP but count (of rows), first and
 * last skips them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

struct ext {		/* min, max, first, last: one value, as written */
	char	*s;	/* NUL-terminated */
	size_t	 len, cap;
	int	 has;
	int	 isnum;
	struct dec d;
	long	 seq;	/* first, last: the part it came from */
};

struct vec {		/* median, pNN: every value, at scale s */
	int64_t	*v;
	size_t	 n, cap;
	int	 s;
};

struct opstate {
	const struct opspec *spec;
	int	 col;		/* in the bound table; -1: rows */
	int	 maxscale;	/* most decimals seen (sum, mean, quantiles) */
	int64_t	*n;		/* count, sum, mean, distinct: per group */
	int64_t	*sum;		/* sum, mean: at scale[g] */
	signed char *scale;
	struct ext *ext;
	struct vec *vec;
	struct keytab *set;	/* distinct, mode: group (4 bytes) + value */
	int64_t	*setn;		/* mode: count of each set entry */
	size_t	 setcap;
	size_t	*best;		/* mode: the winning entry of each group */
};

struct agg {
	const struct aggspec *spec;
	int	*keycols;	/* in the bound table */
	struct keytab *groups;
	int64_t	*rows;		/* per group */
	size_t	 cap;		/* of the per-group arrays */
	struct opstate *ops;
	struct buf key;		/* scratch: an encoded key */
	struct buf setkey;	/* scratch: group + value */
};

static const struct {
	const char *name;
	enum opkind kind;
	int	 numeric;	/* output is a number */
} optab[] = {
	{ "count", OP_COUNT, 1 }, { "sum", OP_SUM, 1 },
	{ "mean", OP_MEAN, 1 }, { "min", OP_MIN, 0 }, { "max", OP_MAX, 0 },
	{ "median", OP_MEDIAN, 1 }, { "p", OP_PCT, 1 },
	{ "distinct", OP_DISTINCT, 1 }, { "mode", OP_MODE, 0 },
	{ "first", OP_FIRST, 0 }, { "last", OP_LAST, 0 }
};

/* ---- the query ---- */

static int
parse_pct(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	if (n == 0 || n > 3)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= 100 ? v : -1;
}

void
opspec_parse(const char *s, struct opspec *op)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s), i;

	memset(op, 0, sizeof(*op));
	op->text = xstrdup(s);
	for (i = 0; i < NELEM(optab); i++) {
		if (optab[i].kind == OP_PCT) {
			if (n >= 2 && s[0] == 'p' &&
			    (op->pct = parse_pct(s + 1, n - 1)) >= 0)
				break;
		} else if (streqn(s, n, optab[i].name))
			break;
	}
	if (i == NELEM(optab))
		usage_error("unknown operation '%.*s' (count, sum, mean, min, "
		    "max, median, pNN, distinct, mode, first, last)", (int)n, s);
	op->kind = optab[i].kind;
	if (colon && colon[1] != '\0')
		op->col = xstrdup(colon + 1);
	else if (op->kind != OP_COUNT)
		usage_error("'%s' needs a column: %.*s:COLUMN", s, (int)n, s);
	if (op->col == NULL)
		op->outname = xstrdup("count");
	else
		op->outname = xasprintf("%s_%.*s", op->col, (int)n, s);
}

/* op_numeric: does the OP give a number? */
static int
op_numeric(enum opkind k)
{
	size_t i;

	for (i = 0; i < NELEM(optab); i++)
		if (optab[i].kind == k)
			return optab[i].numeric;
	return 0;
}

void
aggspec_keys(struct aggspec *spec, const char *list)
{
	split_columns(list, &spec->keys, &spec->nkeys);
}

void
aggspec_free(struct aggspec *spec)
{
	size_t i;

	for (i = 0; i < spec->nkeys; i++)
		free(spec->keys[i]);
	for (i = 0; i < spec->nops; i++) {
		free(spec->ops[i].col);
		free(spec->ops[i].outname);
		free(spec->ops[i].text);
	}
	free(spec->keys);
	free(spec->ops);
	memset(spec, 0, sizeof(*spec));
}

/* ---- keys ---- */

void
key_encode(struct buf *b, const struct field *f, const int *cols, size_t n)
{
	const struct field *v;
	size_t i;
	uint32_t len;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		v = &f[cols ? (size_t)cols[i] : i];
		len = (uint32_t)v->len;
		buf_add(b, &len, 4);
		buf_add(b, v->s, v->len);
	}
}

size_t
key_decode(const char *key, size_t len, size_t nkeys, struct field *out)
{
	size_t i, at = 0;
	uint32_t n;

	if (nkeys == 1) {
		out[0].s = key;
		out[0].len = len;
		return 1;
	}
	for (i = 0; i < nkeys && at + 4 <= len; i++) {
		memcpy(&n, key + at, 4);
		out[i].s = key + at + 4;
		out[i].len = n;
		at += 4 + n;
	}
	return i;
}

/* ---- state ---- */

static void
grow_op(struct opstate *op, size_t old, size_t cap)
{
	size_t add = cap - old;

	switch (op->spec->kind) {
	case OP_COUNT:
	case OP_DISTINCT:
		if (op->spec->col == NULL)
			break;
		op->n = xreallocarray(op->n, cap, sizeof(*op->n));
		memset(op->n + old, 0, add * sizeof(*op->n));
		break;
	case OP_SUM:
	case OP_MEAN:
		op->n = xreallocarray(op->n, cap, sizeof(*op->n));
		op->sum = xreallocarray(op->sum, cap, sizeof(*op->sum));
		op->scale = xreallocarray(op->scale, cap, sizeof(*op->scale));
		memset(op->n + old, 0, add * sizeof(*op->n));
		memset(op->sum + old, 0, add * sizeof(*op->sum));
		memset(op->scale + old, 0, add * sizeof(*op->scale));
		break;
	case OP_MIN:
	case OP_MAX:
	case OP_FIRST:
	case OP_LAST:
		op->ext = xreallocarray(op->ext, cap, sizeof(*op->ext));
		memset(op->ext + old, 0, add * sizeof(*op->ext));
		break;
	case OP_MEDIAN:
	case OP_PCT:
		op->vec = xreallocarray(op->vec, cap, sizeof(*op->vec));
		memset(op->vec + old, 0, add * sizeof(*op->vec));
		break;
	case OP_MODE:
		break;
	}
}

static void
grow_groups(struct agg *a, size_t need)
{
	size_t old = a->cap, i;

	if (need < a->cap)
		return;
	a->cap = a->cap ? a->cap * 2 : 64;
	while (a->cap <= need)
		a->cap *= 2;
	a->rows = xreallocarray(a->rows, a->cap, sizeof(*a->rows));
	memset(a->rows + old, 0, (a->cap - old) * sizeof(*a->rows));
	for (i = 0; i < a->spec->nops; i++)
		grow_op(&a->ops[i], old, a->cap);
}

struct agg *
agg_new(const struct aggspec *spec)
{
	struct agg *a = xcalloc(1, sizeof(*a));
	size_t i;

	a->spec = spec;
	a->keycols = xcalloc(spec->nkeys + 1, sizeof(*a->keycols));
	a->groups = kt_new();
	a->ops = xcalloc(spec->nops + 1, sizeof(*a->ops));
	for (i = 0; i < spec->nops; i++) {
		a->ops[i].spec = &spec->ops[i];
		a->ops[i].col = -1;
		if (spec->ops[i].kind == OP_DISTINCT ||
		    spec->ops[i].kind == OP_MODE)
			a->ops[i].set = kt_new();
	}
	if (spec->nkeys == 0)	/* one group, there even with no rows */
		agg_group(a, "", 0);
	return a;
}

static void
free_op(struct opstate *op, size_t ngroups)
{
	size_t g;

	if (op->ext)
		for (g = 0; g < ngroups; g++)
			free(op->ext[g].s);
	if (op->vec)
		for (g = 0; g < ngroups; g++)
			free(op->vec[g].v);
	free(op->n);
	free(op->sum);
	free(op->scale);
	free(op->ext);
	free(op->vec);
	kt_free(op->set);
	free(op->setn);
	free(op->best);
}

void
agg_free(struct agg *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->spec->nops; i++)
		free_op(&a->ops[i], kt_count(a->groups));
	kt_free(a->groups);
	free(a->rows);
	free(a->ops);
	free(a->keycols);
	buf_free(&a->key);
	buf_free(&a->setkey);
	free(a);
}

const struct aggspec *
agg_spec(const struct agg *a)
{
	return a->spec;
}

size_t
agg_ngroups(const struct agg *a)
{
	return kt_count(a->groups);
}

const char *
agg_groupkey(const struct agg *a, size_t g, size_t *len)
{
	return kt_key(a->groups, g, len);
}

size_t
agg_group(struct agg *a, const char *key, size_t len)
{
	int isnew;
	size_t g;

	if (key == NULL)	/* an empty scratch buffer */
		key = "";
	g = kt_put(a->groups, key, len, kt_hash(key, len), &isnew);

	if (isnew)
		grow_groups(a, g);
	return g;
}

void
agg_put_rows(struct agg *a, size_t g, int64_t rows)
{
	a->rows[g] += rows;
}

int64_t
agg_get_rows(const struct agg *a, size_t g)
{
	return a->rows[g];
}

int
agg_bind(struct agg *a, const struct table *t)
{
	const struct aggspec *spec = a->spec;
	size_t i;
	int bad = 0;

	for (i = 0; i < spec->nkeys; i++)
		if ((a->keycols[i] = tbl_col(t, spec->keys[i])) < 0) {
			warn_at(tbl_name(t), 1, spec->keys[i], "no such column");
			bad = 1;
		}
	for (i = 0; i < spec->nops; i++) {
		if (spec->ops[i].col == NULL)
			continue;
		a->ops[i].col = tbl_col(t, spec->ops[i].col);
		if (a->ops[i].col < 0) {
			warn_at(tbl_name(t), 1, spec->ops[i].col,
			    "no such column");
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* ---- adding values ---- */

/* fail: a value that cannot be used; from a row (t) or a merge */
static void
fail(const struct opstate *op, const struct table *t, const char *what,
    const char *s, size_t n)
{
	if (t != NULL)
		scan_fail(t, op->spec->col, "%s: '%.*s'", what,
		    (int)(n > 60 ? 60 : n), s);
	else
		die(EXIT_TROUBLE, "%s: %s: '%.*s'", op->spec->col, what,
		    (int)(n > 60 ? 60 : n), s);
}

static int
add_checked(int64_t *sum, int64_t v)
{
	if ((v > 0 && *sum > INT64_MAX - v) || (v < 0 && *sum < -INT64_MAX - v))
		return -1;
	*sum += v;
	return 0;
}

/* sum_add: sum[g] += m at scale s; -1 on overflow */
static int
sum_add(struct opstate *op, size_t g, int64_t m, int s)
{
	if (s == op->scale[g])	/* the usual case: money at 2 decimals */
		return add_checked(&op->sum[g], m);
	if (s > op->scale[g]) {
		if (dec_rescale(&op->sum[g], op->scale[g], s) != 0)
			return -1;
		op->scale[g] = (signed char)s;
	} else if (dec_rescale(&m, s, op->scale[g]) != 0)
		return -1;
	if (s > op->maxscale)
		op->maxscale = s;
	return add_checked(&op->sum[g], m);
}

/* vec_push: add count copies of m at scale s; -1 on overflow */
static int
vec_push(struct opstate *op, struct vec *v, int64_t m, int s, int64_t count)
{
	size_t i;

	if (s > v->s) {
		for (i = 0; i < v->n; i++)
			if (dec_rescale(&v->v[i], v->s, s) != 0)
				return -1;
		v->s = s;
	} else if (dec_rescale(&m, s, v->s) != 0)
		return -1;
	if (s > op->maxscale)
		op->maxscale = s;
	while (count-- > 0) {
		if (v->n == v->cap) {
			v->cap = v->cap ? v->cap * 2 : 8;
			v->v = xreallocarray(v->v, v->cap, sizeof(*v->v));
		}
		v->v[v->n++] = m;
	}
	return 0;
}

static void
ext_set(struct ext *e, const char *s, size_t n, int isnum, struct dec d,
    long seq)
{
	if (n + 1 > e->cap) {
		e->cap = n + 1 < 16 ? 16 : n + 1;
		e->s = xrealloc(e->s, e->cap);
	}
	memcpy(e->s, s, n);
	e->s[n] = '\0';
	e->len = n;
	e->has = 1;
	e->isnum = isnum;
	e->d = d;
	e->seq = seq;
}

/* ext_cmp: the natural order of (s, n) against e's value */
static int
ext_cmp(const struct ext *e, const char *s, size_t n, int isnum,
    struct dec d)
{
	int c;

	if (isnum && e->isnum && (c = dec_cmp(d, e->d)) != 0)
		return c;
	if (isnum != e->isnum)
		return isnum ? -1 : 1;
	c = memcmp(s, e->s, n < e->len ? n : e->len);
	return c ? c : n < e->len ? -1 : n > e->len;
}

/* ext_extreme: keep (s, n) if it is below (dir < 0) or above e's */
static void
ext_extreme(struct ext *e, const char *s, size_t n, int dir)
{
	struct dec d = { 0, 0 };
	int isnum = dec_parse(s, n, &d) == 0, c;

	if (e->has) {
		c = ext_cmp(e, s, n, isnum, d);
		if (dir < 0 ? c >= 0 : c <= 0)
			return;
	}
	ext_set(e, s, n, isnum, d, 0);
}

/* set_put: the set entry of (group g, value); *isnew when new */
static size_t
set_put(struct agg *a, struct opstate *op, size_t g, const char *s,
    size_t n, int *isnew)
{
	uint32_t g32 = (uint32_t)g;
	size_t e;

	buf_reset(&a->setkey);
	buf_add(&a->setkey, &g32, 4);
	buf_add(&a->setkey, s, n);
	e = kt_put(op->set, a->setkey.s, a->setkey.len,
	    kt_hash(a->setkey.s, a->setkey.len), isnew);
	if (op->spec->kind == OP_MODE && *isnew && e >= op->setcap) {
		size_t old = op->setcap;

		op->setcap = op->setcap ? op->setcap * 2 : 256;
		op->setn = xreallocarray(op->setn, op->setcap,
		    sizeof(*op->setn));
		memset(op->setn + old, 0, (op->setcap - old) *
		    sizeof(*op->setn));
	}
	return e;
}

/* The current row's number in one column, parsed once for all the OPs
   on that column (sum:wage mean:wage). */
struct rownum {
	int	 col;		/* -1: none parsed yet */
	int	 ok;
	struct dec d;
};

static void
add_number(struct opstate *op, size_t g, const struct table *t,
    const char *s, size_t n, struct rownum *rn)
{
	int r;

	if (rn->col != op->col) {
		rn->col = op->col;
		rn->ok = dec_parse(s, n, &rn->d) == 0;
	}
	if (!rn->ok) {
		fail(op, t, "not a number", s, n);
		return;
	}
	if (op->spec->kind == OP_SUM || op->spec->kind == OP_MEAN) {
		op->n[g]++;
		r = sum_add(op, g, rn->d.m, rn->d.s);
	} else
		r = vec_push(op, &op->vec[g], rn->d.m, rn->d.s, 1);
	if (r != 0)
		fail(op, t, "number too large", s, n);
}

/* op_add: value (s, n) of the current row into group g's state */
static void
op_add(struct agg *a, struct opstate *op, size_t g, const struct table *t,
    const char *s, size_t n, struct rownum *rn)
{
	struct dec zero = { 0, 0 };
	int isnew;
	size_t e;

	if (n == 0 && op->spec->kind != OP_FIRST && op->spec->kind != OP_LAST)
		return;
	switch (op->spec->kind) {
	case OP_COUNT:
		op->n[g]++;
		break;
	case OP_SUM:
	case OP_MEAN:
	case OP_MEDIAN:
	case OP_PCT:
		add_number(op, g, t, s, n, rn);
		break;
	case OP_MIN:
		ext_extreme(&op->ext[g], s, n, -1);
		break;
	case OP_MAX:
		ext_extreme(&op->ext[g], s, n, 1);
		break;
	case OP_FIRST:
		if (!op->ext[g].has)
			ext_set(&op->ext[g], s, n, 0, zero, a->spec->seq);
		break;
	case OP_LAST:
		ext_set(&op->ext[g], s, n, 0, zero, a->spec->seq);
		break;
	case OP_DISTINCT:
		set_put(a, op, g, s, n, &isnew);
		op->n[g] += isnew;
		break;
	case OP_MODE:
		e = set_put(a, op, g, s, n, &isnew);
		op->setn[e]++;
		break;
	}
}

static size_t
row_group(struct agg *a, const struct field *f)
{
	const struct aggspec *spec = a->spec;

	if (spec->nkeys == 0)
		return 0;
	if (spec->nkeys == 1)
		return agg_group(a, f[a->keycols[0]].s, f[a->keycols[0]].len);
	key_encode(&a->key, f, a->keycols, spec->nkeys);
	return agg_group(a, a->key.s, a->key.len);
}

void
agg_row(struct agg *a, const struct table *t, const struct field *f)
{
	size_t g = row_group(a, f), i;
	struct opstate *op;
	struct rownum rn = { -1, 0, { 0, 0 } };

	a->rows[g]++;
	for (i = 0; i < a->spec->nops; i++) {
		op = &a->ops[i];
		if (op->col >= 0)
			op_add(a, op, g, t, f[op->col].s, f[op->col].len,
			    &rn);
	}
}

/* ---- merging ---- */

static void
merge_set(struct agg *dst, struct opstate *d, const struct opstate *s,
    const size_t *gmap)
{
	size_t e, n = kt_count(s->set), len, de;
	const char *key;
	uint32_t g32;
	int isnew;

	for (e = 0; e < n; e++) {
		key = kt_key(s->set, e, &len);
		memcpy(&g32, key, 4);
		de = set_put(dst, d, gmap[g32], key + 4, len - 4, &isnew);
		if (d->spec->kind == OP_DISTINCT)
			d->n[gmap[g32]] += isnew;
		else
			d->setn[de] += s->setn[e];
	}
}

static void
merge_group(struct agg *dst, struct opstate *d, const struct opstate *s,
    size_t gd, size_t gs)
{
	const struct ext *se;
	size_t i;

	switch (d->spec->kind) {
	case OP_COUNT:
		if (d->n)
			d->n[gd] += s->n[gs];
		break;
	case OP_SUM:
	case OP_MEAN:
		d->n[gd] += s->n[gs];
		if (sum_add(d, gd, s->sum[gs], s->scale[gs]) != 0)
			die(EXIT_TROUBLE, "%s: sum too large", d->spec->col);
		break;
	case OP_MIN:
	case OP_MAX:
		se = &s->ext[gs];
		if (se->has)
			ext_extreme(&d->ext[gd], se->s, se->len,
			    d->spec->kind == OP_MIN ? -1 : 1);
		break;
	case OP_FIRST:
	case OP_LAST:
		se = &s->ext[gs];
		if (se->has && (d->spec->kind == OP_LAST || !d->ext[gd].has))
			ext_set(&d->ext[gd], se->s, se->len, 0, se->d,
			    se->seq);
		break;
	case OP_MEDIAN:
	case OP_PCT:
		for (i = 0; i < s->vec[gs].n; i++)
			if (vec_push(d, &d->vec[gd], s->vec[gs].v[i],
			    s->vec[gs].s, 1) != 0)
				die(EXIT_TROUBLE, "%s: number too large",
				    d->spec->col);
		break;
	case OP_DISTINCT:
	case OP_MODE:
		break;		/* merge_set */
	}
	(void)dst;
}

void
agg_merge(struct agg *dst, struct agg *src)
{
	size_t ns = kt_count(src->groups), g, i, len;
	size_t *gmap = xcalloc(ns + 1, sizeof(*gmap));
	const char *key;

	for (g = 0; g < ns; g++) {
		key = kt_key(src->groups, g, &len);
		gmap[g] = agg_group(dst, key, len);
		dst->rows[gmap[g]] += src->rows[g];
	}
	for (i = 0; i < dst->spec->nops; i++) {
		struct opstate *d = &dst->ops[i], *s = &src->ops[i];

		if (s->maxscale > d->maxscale)
			d->maxscale = s->maxscale;
		for (g = 0; g < ns; g++)
			merge_group(dst, d, s, gmap[g], g);
		if (d->set)
			merge_set(dst, d, s, gmap);
	}
	free(gmap);
	agg_free(src);
}

/* ---- partial results (partial.c) ---- */

static void
dump_vec(const struct opstate *op, size_t g, size_t i, long seq,
    void (*emit)(void *, size_t, size_t, const char *, const char *,
    size_t, const char *, size_t), void *arg);

void
agg_dump(struct agg *a, long seq,
    void (*emit)(void *arg, size_t g, size_t op, const char *tag,
    const char *v1, size_t n1, const char *v2, size_t n2), void *arg)
{
	size_t ng = kt_count(a->groups), g, i, e, len;
	char b1[40], b2[40];
	const char *key;
	uint32_t g32;

	for (i = 0; i < a->spec->nops; i++) {
		struct opstate *op = &a->ops[i];

		snprintf(b1, sizeof(b1), "%d", op->maxscale);
		emit(arg, (size_t)-1, i, "S", b1, strlen(b1), NULL, 0);
		for (g = 0; g < ng; g++) {
			switch (op->spec->kind) {
			case OP_COUNT:
				if (op->n == NULL)
					break;
				snprintf(b1, sizeof(b1), "%lld",
				    (long long)op->n[g]);
				emit(arg, g, i, "n", b1, strlen(b1), NULL, 0);
				break;
			case OP_SUM:
			case OP_MEAN:
				if (op->n[g] == 0)
					break;
				snprintf(b1, sizeof(b1), "%lld",
				    (long long)op->n[g]);
				dec_fmt(op->sum[g], op->scale[g], b2);
				emit(arg, g, i, "s", b1, strlen(b1), b2,
				    strlen(b2));
				break;
			case OP_MIN:
			case OP_MAX:
				if (op->ext[g].has)
					emit(arg, g, i, "m", op->ext[g].s,
					    op->ext[g].len, NULL, 0);
				break;
			case OP_FIRST:
			case OP_LAST:
				if (!op->ext[g].has)
					break;
				snprintf(b1, sizeof(b1), "%ld",
				    op->ext[g].seq);
				emit(arg, g, i, "f", b1, strlen(b1),
				    op->ext[g].s, op->ext[g].len);
				break;
			case OP_MEDIAN:
			case OP_PCT:
				dump_vec(op, g, i, seq, emit, arg);
				break;
			case OP_DISTINCT:
			case OP_MODE:
				break;
			}
		}
		if (op->set == NULL)
			continue;
		for (e = 0; e < kt_count(op->set); e++) {
			key = kt_key(op->set, e, &len);
			memcpy(&g32, key, 4);
			snprintf(b2, sizeof(b2), "%lld", op->setn ?
			    (long long)op->setn[e] : 0LL);
			emit(arg, g32, i, op->setn ? "c" : "d", key + 4,
			    len - 4, op->setn ? b2 : NULL, op->setn ?
			    strlen(b2) : 0);
		}
	}
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* dump_vec: the values of a quantile as value and repeat count */
static void
dump_vec(const struct opstate *op, size_t g, size_t i, long seq,
    void (*emit)(void *, size_t, size_t, const char *, const char *,
    size_t, const char *, size_t), void *arg)
{
	const struct vec *v = &op->vec[g];
	size_t k, run;
	char b1[32], b2[32];

	(void)seq;
	if (v->n > 1)
		qsort(v->v, v->n, sizeof(*v->v), cmp_i64);
	for (k = 0; k < v->n; k += run) {
		for (run = 1; k + run < v->n && v->v[k + run] == v->v[k];)
			run++;
		dec_fmt(v->v[k], v->s, b1);
		snprintf(b2, sizeof(b2), "%zu", run);
		emit(arg, g, i, "v", b1, strlen(b1), b2, strlen(b2));
	}
}

static int
parse_count(const char *s, size_t n, int64_t *v)
{
	struct dec d;

	if (dec_parse(s, n, &d) != 0 || d.s != 0 || d.m < 0)
		return -1;
	*v = d.m;
	return 0;
}

int
agg_load(struct agg *a, size_t g, size_t i, const char *tag,
    const char *v1, size_t n1, const char *v2, size_t n2, const char **why)
{
	struct opstate *op;
	struct dec d = { 0, 0 };
	int64_t c = 0;
	int isnew;
	size_t e;

	if (i >= a->spec->nops)
		return *why = "no such operation", -1;
	op = &a->ops[i];
	*why = "malformed value";
	switch (tag[0]) {
	case 'S':
		if (parse_count(v1, n1, &c) != 0 || c > DEC_MAXSCALE)
			return -1;
		if (c > op->maxscale)
			op->maxscale = (int)c;
		return 0;
	case 'n':
		if (op->n == NULL || parse_count(v1, n1, &c) != 0)
			return -1;
		op->n[g] += c;
		return 0;
	case 's':
		if (op->sum == NULL || parse_count(v1, n1, &c) != 0 ||
		    dec_parse(v2, n2, &d) != 0)
			return -1;
		op->n[g] += c;
		if (sum_add(op, g, d.m, d.s) != 0)
			return *why = "sum too large", -1;
		return 0;
	case 'm':
		if (op->spec->kind != OP_MIN && op->spec->kind != OP_MAX)
			return -1;
		ext_extreme(&op->ext[g], v1, n1,
		    op->spec->kind == OP_MIN ? -1 : 1);
		return 0;
	case 'f':
		if ((op->spec->kind != OP_FIRST && op->spec->kind != OP_LAST) ||
		    dec_parse(v1, n1, &d) != 0 || d.s != 0)
			return -1;
		if (!op->ext[g].has || (op->spec->kind == OP_FIRST ?
		    d.m < op->ext[g].seq : d.m >= op->ext[g].seq))
			ext_set(&op->ext[g], v2, n2, 0, d, (long)d.m);
		return 0;
	case 'v':
		if (op->vec == NULL || dec_parse(v1, n1, &d) != 0 ||
		    parse_count(v2, n2, &c) != 0)
			return -1;
		if (vec_push(op, &op->vec[g], d.m, d.s, c) != 0)
			return *why = "number too large", -1;
		return 0;
	case 'd':
		if (op->spec->kind != OP_DISTINCT)
			return -1;
		set_put(a, op, g, v1, n1, &isnew);
		op->n[g] += isnew;
		return 0;
	case 'c':
		if (op->spec->kind != OP_MODE || parse_count(v2, n2, &c) != 0)
			return -1;
		e = set_put(a, op, g, v1, n1, &isnew);
		op->setn[e] += c;
		return 0;
	}
	return *why = "unknown record", -1;
}

/* ---- output ---- */

struct sortkey {
	const char *s;
	size_t	 n;
	int	 isnum;
	struct dec d;
};

static const struct sortkey *sk_base;	/* qsort's context */
static size_t sk_nkeys;
static const int64_t *sk_rows;		/* freq: by count first */

static int
sk_cmp1(const struct sortkey *x, const struct sortkey *y)
{
	int c;

	if (x->isnum && y->isnum && (c = dec_cmp(x->d, y->d)) != 0)
		return c;
	if (x->isnum != y->isnum)
		return x->isnum ? -1 : 1;
	c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);
	return c ? c : x->n < y->n ? -1 : x->n > y->n;
}

static int
sk_cmp(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb, k;
	int c;

	if (sk_rows && sk_rows[a] != sk_rows[b])
		return sk_rows[a] > sk_rows[b] ? -1 : 1;
	for (k = 0; k < sk_nkeys; k++)
		if ((c = sk_cmp1(&sk_base[a * sk_nkeys + k],
		    &sk_base[b * sk_nkeys + k])) != 0)
			return c;
	return 0;
}

/* sorted_groups: the groups with at least min rows, in the natural
   order of their keys (by descending rows first when byrows); *n gets
   how many; the caller frees */
static size_t *
sorted_groups(const struct agg *a, int byrows, int64_t min, size_t *n)
{
	size_t ng = kt_count(a->groups), nk = a->spec->nkeys, g, k, i, len;
	size_t m = 0, *order = xcalloc(ng + 1, sizeof(*order));
	size_t *pos = xcalloc(ng + 1, sizeof(*pos));
	int64_t *rows = xcalloc(ng + 1, sizeof(*rows));
	struct sortkey *sk;
	struct field f[64];
	const char *key;

	if (nk > 64)
		nk = 64;
	for (g = 0; g < ng; g++)
		if (a->rows[g] >= min)
			order[m++] = g;
	sk = xcalloc(m * nk + 1, sizeof(*sk));
	for (k = 0; k < m; k++) {	/* keys by position in order[] */
		pos[k] = k;
		rows[k] = a->rows[order[k]];
		key = kt_key(a->groups, order[k], &len);
		key_decode(key, len, nk, f);
		for (i = 0; i < nk; i++) {
			struct sortkey *s = &sk[k * nk + i];

			s->s = f[i].s;
			s->n = f[i].len;
			s->isnum = s->n > 0 && dec_parse(s->s, s->n, &s->d) == 0;
		}
	}
	sk_base = sk;
	sk_nkeys = nk;
	sk_rows = byrows ? rows : NULL;
	if (m > 1)
		qsort(pos, m, sizeof(*pos), sk_cmp);
	for (k = 0; k < m; k++)		/* positions back to groups */
		pos[k] = order[pos[k]];
	free(sk);
	free(rows);
	free(order);
	*n = m;
	return pos;
}

/* finish_mode: each group's most frequent value (ties: the lowest) */
static void
finish_mode(struct opstate *op, size_t ng)
{
	size_t e, n = kt_count(op->set), len, blen, g;
	const char *key, *bkey;
	uint32_t g32;

	op->best = xreallocarray(op->best, ng + 1, sizeof(*op->best));
	for (g = 0; g < ng; g++)
		op->best[g] = (size_t)-1;
	for (e = 0; e < n; e++) {
		key = kt_key(op->set, e, &len);
		memcpy(&g32, key, 4);
		if (op->best[g32] != (size_t)-1) {
			size_t b = op->best[g32];

			bkey = kt_key(op->set, b, &blen);
			if (op->setn[e] < op->setn[b] ||
			    (op->setn[e] == op->setn[b] &&
			    natcmp(key + 4, len - 4, bkey + 4, blen - 4) >= 0))
				continue;
		}
		op->best[g32] = e;
	}
}

/* quantile: median (pct < 0) or pNN of sorted v, as text */
static void
quantile(const struct vec *v, int pct, int maxscale, char out[40])
{
	int64_t m, b;
	size_t k;
	int s = v->s;

	if (v->n == 0) {
		out[0] = '\0';
		return;
	}
	if (pct >= 0) {
		k = ((size_t)pct * v->n + 99) / 100;
		m = v->v[k ? k - 1 : 0];
	} else if (v->n % 2 == 1)
		m = v->v[v->n / 2];
	else {
		m = v->v[v->n / 2 - 1];
		b = v->v[v->n / 2];
		/* halfway between: exact, with one more decimal if need be */
		if (add_checked(&m, b) != 0) {
			m = m / 2 + b / 2;
		} else if (m % 2 == 0)
			m /= 2;
		else if (s < DEC_MAXSCALE && dec_rescale(&m, s, s + 1) == 0) {
			m /= 2;
			s++;
		} else
			m /= 2;
	}
	if (s < maxscale && dec_rescale(&m, s, maxscale) == 0)
		s = maxscale;
	dec_fmt(m, s, out);
}

static const char *
op_value(struct agg *a, struct opstate *op, size_t g, char out[40])
{
	int64_t m;
	size_t len;

	switch (op->spec->kind) {
	case OP_COUNT:
		snprintf(out, 40, "%lld", (long long)(op->n ? op->n[g] :
		    a->rows[g]));
		return out;
	case OP_DISTINCT:
		snprintf(out, 40, "%lld", (long long)op->n[g]);
		return out;
	case OP_SUM:
		m = op->sum[g];
		if (dec_rescale(&m, op->scale[g], op->maxscale) != 0)
			return dec_fmt(op->sum[g], op->scale[g], out);
		return dec_fmt(m, op->maxscale, out);
	case OP_MEAN:
		if (op->n[g] == 0)
			return "";
		return dec_div(op->sum[g], op->scale[g], op->n[g],
		    op->maxscale > 2 ? op->maxscale : 2, out);
	case OP_MIN:
	case OP_MAX:
	case OP_FIRST:
	case OP_LAST:
		return op->ext[g].has ? op->ext[g].s : "";
	case OP_MEDIAN:
		quantile(&op->vec[g], -1, op->maxscale, out);
		return out;
	case OP_PCT:
		quantile(&op->vec[g], op->spec->pct, op->maxscale, out);
		return out;
	case OP_MODE:
		if (op->best[g] == (size_t)-1)
			return "";
		return kt_key(op->set, op->best[g], &len) + 4;
	}
	return "";
}

static void
finish(struct agg *a)
{
	size_t ng = kt_count(a->groups), i, g;

	for (i = 0; i < a->spec->nops; i++) {
		struct opstate *op = &a->ops[i];

		if (op->spec->kind == OP_MODE)
			finish_mode(op, ng);
		if (op->vec)
			for (g = 0; g < ng; g++)
				if (op->vec[g].n > 1)
					qsort(op->vec[g].v, op->vec[g].n,
					    sizeof(*op->vec[g].v), cmp_i64);
	}
}

void
agg_write(struct agg *a, struct out *o)
{
	const struct aggspec *spec = a->spec;
	size_t nk = spec->nkeys, ncol = nk + spec->nops, ng, i, j, len;
	const char **names = xcalloc(ncol + 1, sizeof(*names));
	const char **vals = xcalloc(ncol + 1, sizeof(*vals));
	char (*num)[40] = xcalloc(spec->nops + 1, sizeof(*num));
	struct field kf[64];
	struct buf keys = { 0 };
	size_t *order;

	for (i = 0; i < nk; i++)
		names[i] = spec->keys[i];
	for (i = 0; i < spec->nops; i++)
		names[nk + i] = spec->ops[i].outname;
	out_header(o, ncol, names);
	for (i = 0; i < spec->nops; i++)
		if (op_numeric(spec->ops[i].kind))
			out_numeric(o, nk + i);
	finish(a);
	order = sorted_groups(a, 0, 0, &ng);
	for (j = 0; j < ng; j++) {
		size_t g = order[j];
		const char *key = kt_key(a->groups, g, &len);

		key_decode(key, len, nk < 64 ? nk : 64, kf);
		buf_reset(&keys);
		for (i = 0; i < nk; i++) {	/* NUL-terminated copies */
			buf_add(&keys, kf[i].s, kf[i].len);
			buf_addc(&keys, '\0');
		}
		for (i = 0, len = 0; i < nk; i++) {
			vals[i] = keys.s + len;
			len += kf[i].len + 1;
		}
		for (i = 0; i < spec->nops; i++)
			vals[nk + i] = op_value(a, &a->ops[i], g, num[i]);
		out_row(o, ncol, vals);
	}
	buf_free(&keys);
	free(order);
	free(num);
	free(vals);
	free(names);
}

void
agg_write_freq(struct agg *a, struct out *o)
{
	const char *names[3] = { a->spec->keys[0], "count", "percent" };
	const char *vals[3];
	size_t ng, *order = sorted_groups(a, 1, 0, &ng), j, len;
	int64_t total = 0;
	char cnt[40], pct[40];

	out_header(o, 3, names);
	out_numeric(o, 1);
	out_numeric(o, 2);
	for (j = 0; j < ng; j++)
		total += a->rows[j];
	for (j = 0; j < ng; j++) {
		size_t g = order[j];

		vals[0] = kt_key(a->groups, g, &len);
		snprintf(cnt, sizeof(cnt), "%lld", (long long)a->rows[g]);
		vals[1] = cnt;
		vals[2] = dec_div(a->rows[g] * 100, 0, total, 2, pct);
		out_row(o, 3, vals);
	}
	free(order);
}

size_t
agg_write_counts(struct agg *a, struct out *o, int64_t min)
{
	const char *names[2] = { a->spec->keys[0], "count" };
	const char *vals[2];
	size_t ng, *order = sorted_groups(a, 0, min, &ng), j, len;
	char cnt[40];

	out_header(o, 2, names);
	out_numeric(o, 1);
	for (j = 0; j < ng; j++) {
		size_t g = order[j];

		vals[0] = kt_key(a->groups, g, &len);
		snprintf(cnt, sizeof(cnt), "%lld", (long long)a->rows[g]);
		vals[1] = cnt;
		out_row(o, 2, vals);
	}
	free(order);
	return ng;
}

size_t
agg_find(const struct agg *a, const char *key, size_t len)
{
	return kt_find(a->groups, key, len, kt_hash(key, len));
}

/* ---- the scan job ---- */

static void *
job_new(void *arg)
{
	return agg_new(agg_spec(arg));
}

static int
job_bind(void *st, const struct table *t)
{
	return agg_bind(st, t);
}

static void
job_row(void *st, const struct table *t, const struct field *f)
{
	agg_row(st, t, f);
}

/* job_merge: a part into the total; the first part is simply taken */
static void
job_merge(void *arg, void *st)
{
	struct agg *dst = arg, *src = st, tmp;

	if (kt_count(dst->groups) == 0 ||
	    (dst->spec->nkeys == 0 && dst->rows[0] == 0)) {
		tmp = *dst;
		*dst = *src;
		*src = tmp;
	}
	agg_merge(dst, src);
}

void
agg_job(struct job *j, struct agg *a)
{
	j->arg = a;
	j->new_state = job_new;
	j->bind = job_bind;
	j->row = job_row;
	j->merge = job_merge;
}
