/*
 * select.c - rows that pass --where, with the columns of --columns (or
 * all of the first input's), in any output format.
 *
 * With -j, the first range of a file writes to standard output as it
 * reads; each later range writes to a temporary file, copied out in
 * order once the first is done.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stats.h"

struct selpart {
	struct sel *s;
	int	*cols;		/* output column i is table column cols[i] */
	int	 identity;	/* cols[i] == i for every column of the row */
	struct field *vals;
	struct out *o;		/* s->o, or tmp's writer */
	FILE	*tmp;
};

static void *
sel_new(void *arg)
{
	struct sel *s = arg;
	struct selpart *p = xcalloc(1, sizeof(*p));

	p->s = s;
	if (s->live++ == 0) {
		p->o = s->o;
		return p;
	}
	if ((p->tmp = tmpfile()) == NULL)
		die(EXIT_TROUBLE, "cannot make a temporary file:");
	p->o = out_open_fd(fileno(p->tmp), "<temporary file>", s->fmt,
	    s->flags | OUT_NOHEADER);
	return p;
}

static void
take_all_columns(struct sel *s, const struct table *t)
{
	size_t i;

	s->n = tbl_ncols(t);
	s->names = xcalloc(s->n + 1, sizeof(*s->names));
	for (i = 0; i < s->n; i++)
		s->names[i] = xstrdup(tbl_colname(t, i));
}

static int
sel_bind(void *st, const struct table *t)
{
	struct selpart *p = st;
	struct sel *s = p->s;
	size_t i;
	int bad = 0;

	if (s->names == NULL)
		take_all_columns(s, t);
	free(p->cols);
	free(p->vals);
	p->cols = xcalloc(s->n + 1, sizeof(*p->cols));
	p->vals = xcalloc(s->n + 1, sizeof(*p->vals));
	p->identity = s->n == tbl_ncols(t);
	for (i = 0; i < s->n; i++) {
		if ((p->cols[i] = tbl_col(t, s->names[i])) < 0) {
			warn_at(tbl_name(t), 1, s->names[i], "no such column");
			bad = 1;
		}
		p->identity &= p->cols[i] == (int)i;
	}
	if (bad)
		return -1;
	if (p->o != s->o || !s->header_done)
		out_header(p->o, s->n, (const char *const *)s->names);
	if (p->o == s->o)
		s->header_done = 1;
	return 0;
}

static void
sel_row(void *st, const struct table *t, const struct field *f)
{
	struct selpart *p = st;
	size_t i;

	(void)t;
	if (p->identity) {
		out_rowf(p->o, p->s->n, f);
		return;
	}
	for (i = 0; i < p->s->n; i++)
		p->vals[i] = f[p->cols[i]];
	out_rowf(p->o, p->s->n, p->vals);
}

static void
write_all(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(STDOUT_FILENO, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE) {	/* quietly, as SIGPIPE would */
				signal(SIGPIPE, SIG_DFL);
				raise(SIGPIPE);
			}
			die(EXIT_TROUBLE, "<stdout>: write error:");
		}
		p += w;
		n -= (size_t)w;
	}
}

/* copy_out: a later range's rows, after everything before them */
static void
copy_out(struct sel *s, FILE *tmp)
{
	char buf[1 << 16];
	size_t n;

	out_flush(s->o);
	rewind(tmp);
	while ((n = fread(buf, 1, sizeof(buf), tmp)) > 0)
		write_all(buf, n);
	if (ferror(tmp))
		die(EXIT_TROUBLE, "<temporary file>: read error:");
}

static void
sel_merge(void *arg, void *st)
{
	struct sel *s = arg;
	struct selpart *p = st;

	if (p->tmp) {
		out_close(p->o);
		copy_out(s, p->tmp);
		fclose(p->tmp);
	}
	s->live--;
	free(p->cols);
	free(p->vals);
	free(p);
}

void
select_job(struct job *j, struct sel *s)
{
	j->arg = s;
	j->new_state = sel_new;
	j->bind = sel_bind;
	j->row = sel_row;
	j->merge = sel_merge;
	j->ordered = 1;
}
