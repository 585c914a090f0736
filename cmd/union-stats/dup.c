/*
 * dup.c - rows whose value in one column occurs more than once.
 *
 * The first pass counts the values (dupcount.c, in parallel with
 * -j).  With --counts that is the answer: each duplicated value and how
 * often it occurs.  Otherwise a second pass keeps the rows of the
 * duplicated values and prints them with their line numbers, sorted by
 * value and then by position, so that the copies sit together.
 * Standard input is spooled to a temporary file to be read twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stats.h"

struct duprows {		/* the second pass */
	struct agg *counts;
	char	**names;	/* output columns: the first input's */
	size_t	 n;
	int	 file;		/* index of the input being read */
	struct buf recs;	/* records, see put_record */
	size_t	*at;		/* offset of each record */
	size_t	 nrec, cap;
};

struct dpart {
	struct duprows *d;
	int	 keycol;
	int	*cols;
	struct buf recs;
	size_t	*at;
	size_t	 nrec, cap;
};

/*
 * A record: the file index and line (two longs), then n + 1 fields
 * (the key first), each a 4-byte length, the bytes and a NUL.
 */
static void
put_field(struct buf *b, const char *s, size_t n)
{
	uint32_t len = (uint32_t)n;

	buf_add(b, &len, 4);
	buf_add(b, s, n);
	buf_addc(b, '\0');
}

static const char *
get_field(const char **p, size_t *len)
{
	uint32_t n;
	const char *s;

	memcpy(&n, *p, 4);
	s = *p + 4;
	*p = s + n + 1;
	*len = n;
	return s;
}

static void *
dp_new(void *arg)
{
	struct dpart *p = xcalloc(1, sizeof(*p));

	p->d = arg;
	return p;
}

static int
dp_bind(void *st, const struct table *t)
{
	struct dpart *p = st;
	struct duprows *d = p->d;
	const char *key = agg_spec(d->counts)->keys[0];
	size_t i;

	if (d->names == NULL) {
		d->n = tbl_ncols(t);
		d->names = xcalloc(d->n + 1, sizeof(*d->names));
		for (i = 0; i < d->n; i++)
			d->names[i] = xstrdup(tbl_colname(t, i));
	}
	p->keycol = tbl_col(t, key);
	p->cols = xreallocarray(p->cols, d->n + 1, sizeof(*p->cols));
	for (i = 0; i < d->n; i++)
		if ((p->cols[i] = tbl_col(t, d->names[i])) < 0) {
			warn_at(tbl_name(t), 1, d->names[i], "no such column");
			return -1;
		}
	return 0;
}

static void
dp_row(void *st, const struct table *t, const struct field *f)
{
	struct dpart *p = st;
	const struct field *k = &f[p->keycol];
	size_t g = agg_find(p->d->counts, k->s, k->len), i;
	long pos[2];

	if (g == (size_t)-1 || agg_get_rows(p->d->counts, g) < 2)
		return;
	if (p->nrec == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->at = xreallocarray(p->at, p->cap, sizeof(*p->at));
	}
	p->at[p->nrec++] = p->recs.len;
	pos[0] = p->d->file;
	pos[1] = tbl_line(t);
	buf_add(&p->recs, pos, sizeof(pos));
	put_field(&p->recs, k->s, k->len);
	for (i = 0; i < p->d->n; i++)
		put_field(&p->recs, f[p->cols[i]].s, f[p->cols[i]].len);
}

static void
dp_merge(void *arg, void *st)
{
	struct duprows *d = arg;
	struct dpart *p = st;
	size_t i, base = d->recs.len;

	if (p->recs.len > 0)
		buf_add(&d->recs, p->recs.s, p->recs.len);
	for (i = 0; i < p->nrec; i++) {
		if (d->nrec == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 64;
			d->at = xreallocarray(d->at, d->cap, sizeof(*d->at));
		}
		d->at[d->nrec++] = base + p->at[i];
	}
	buf_free(&p->recs);
	free(p->at);
	free(p->cols);
	free(p);
}

static const char *rec_base;	/* qsort's context */

static int
rec_cmp(const void *pa, const void *pb)
{
	const char *a = rec_base + *(const size_t *)pa;
	const char *b = rec_base + *(const size_t *)pb;
	long x[2], y[2];
	const char *ka, *kb;
	size_t na, nb;
	int c;

	memcpy(x, a, sizeof(x));
	memcpy(y, b, sizeof(y));
	a += sizeof(x);
	b += sizeof(y);
	ka = get_field(&a, &na);
	kb = get_field(&b, &nb);
	if ((c = natcmp(ka, na, kb, nb)) != 0)
		return c;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

static void
write_rows(struct duprows *d, struct out *o, char **files, int nfiles)
{
	size_t extra = nfiles > 1 ? 2 : 1, i, k, len;
	const char **row = xcalloc(d->n + extra + 1, sizeof(*row));
	char line[32];
	long pos[2];
	const char *p;

	row[0] = "file";
	row[extra - 1] = "line";
	for (i = 0; i < d->n; i++)
		row[extra + i] = d->names[i];
	out_header(o, d->n + extra, row);
	out_numeric(o, extra - 1);
	rec_base = d->recs.s;
	if (d->nrec > 1)
		qsort(d->at, d->nrec, sizeof(*d->at), rec_cmp);
	for (k = 0; k < d->nrec; k++) {
		p = d->recs.s + d->at[k];
		memcpy(pos, p, sizeof(pos));
		p += sizeof(pos);
		get_field(&p, &len);		/* the key */
		if (extra == 2)
			row[0] = files[pos[0]];
		snprintf(line, sizeof(line), "%ld", pos[1]);
		row[extra - 1] = line;
		for (i = 0; i < d->n; i++)
			row[extra + i] = get_field(&p, &len);
		out_row(o, d->n + extra, row);
	}
	free(row);
}

/* second_pass: read the inputs again for the rows of duplicated values */
static int
second_pass(struct dupq *q, struct agg *counts, char **files, int n)
{
	struct duprows d;
	struct job j = *q->j;
	int i, status = EXIT_CLEAN, st;

	memset(&d, 0, sizeof(d));
	d.counts = counts;
	j.arg = &d;
	j.new_state = dp_new;
	j.bind = dp_bind;
	j.row = dp_row;
	j.merge = dp_merge;
	j.quiet = 1;		/* the first pass reported bad records */
	for (i = 0; i < n && status != EXIT_TROUBLE; i++) {
		d.file = i;
		st = scan_files(&j, &files[i], 1);
		status = st > status ? st : status;
	}
	if (status != EXIT_TROUBLE)
		write_rows(&d, q->o, files, n);
	if (status == EXIT_CLEAN && d.nrec > 0)
		status = EXIT_FOUND;
	for (i = 0; i < (int)d.n; i++)
		free(d.names[i]);
	free(d.names);
	free(d.at);
	buf_free(&d.recs);
	return status;
}

int
dup_run(struct dupq *q, char **files, int n)
{
	static char *stdin_only[] = { "-" };
	struct aggspec spec;
	struct agg *counts;
	int status, i;

	memset(&spec, 0, sizeof(spec));
	split_columns(q->col, &spec.keys, &spec.nkeys);
	if (spec.nkeys != 1)
		usage_error("dup takes one column, not '%s'", q->col);
	if (n == 0) {
		files = stdin_only;
		n = 1;
	}
	for (i = 0; i < n; i++)
		if (!q->counts && strcmp(files[i], "-") == 0 &&
		    q->j->stdin_fd < 0)
			q->j->stdin_fd = spool_stdin();
	counts = dup_count(q->j, &spec, files, n, &status);
	if (status != EXIT_TROUBLE) {
		if (q->counts) {
			if (agg_write_counts(counts, q->o, 2) > 0 &&
			    status == EXIT_CLEAN)
				status = EXIT_FOUND;
		} else {
			i = second_pass(q, counts, files, n);
			status = i > status ? i : status;
		}
	}
	agg_free(counts);
	aggspec_free(&spec);
	return status;
}
