/*
 * input.c - rows of new records given to a command: read by column name
 * from tables on standard input or in files, or made from the command
 * line's options, each remembering where it came from for messages.
 */
#include <stdlib.h>
#include <string.h>

#include "aid.h"

void
input_init(struct input *in, const struct incol *cols, size_t ncols)
{
	memset(in, 0, sizeof(*in));
	in->cols = cols;
	in->ncols = ncols;
	in->arena = arena_new();
}

struct inrow *
input_add(struct input *in)
{
	struct inrow *r;
	size_t k;

	in->rows = xreallocarray(in->rows, in->n + 1, sizeof(*in->rows));
	r = &in->rows[in->n++];
	r->file = NULL;
	r->line = 0;
	r->v = arena_zalloc(in->arena, in->ncols * sizeof(*r->v));
	for (k = 0; k < in->ncols; k++)
		r->v[k] = "";
	return r;
}

/* bind: the table column of each wanted column; -1 when one required
   is missing (reported). */
static int
bind(const struct input *in, struct table *t, int *idx)
{
	size_t k;

	for (k = 0; k < in->ncols; k++) {
		idx[k] = tbl_col(t, in->cols[k].name);
		if (idx[k] < 0 && in->cols[k].required) {
			warn_at(tbl_name(t), 1, in->cols[k].name,
			    "required column missing");
			return -1;
		}
	}
	return 0;
}

static void
take_row(struct input *in, struct table *t, const int *idx)
{
	const struct field *f = tbl_fields(t);
	struct inrow *r = input_add(in);
	size_t k;

	r->file = arena_strndup(in->arena, tbl_name(t), strlen(tbl_name(t)));
	r->line = tbl_line(t);
	for (k = 0; k < in->ncols; k++)
		if (idx[k] >= 0)
			r->v[k] = arena_strndup(in->arena, f[idx[k]].s,
			    f[idx[k]].len);
}

int
input_read(struct input *in, const char *path, const struct cli *c)
{
	struct tbl_opts o = { 0, c->encoding, 0 };
	struct table *t;
	int *idx, rc = -1, r;

	if ((t = tbl_open(path, &o)) == NULL)
		return -1;
	idx = xcalloc(in->ncols, sizeof(*idx));
	if (bind(in, t, idx) != 0)
		goto out;
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_ROW) {
			take_row(in, t, idx);
			continue;
		}
		tbl_perror(t);
		if (r == TBL_FATAL)
			goto out;
		in->bad++;
	}
	rc = 0;
out:
	free(idx);
	tbl_close(t);
	return rc;
}

int
input_read_all(struct input *in, int n, char **paths, const struct cli *c)
{
	int k;

	if (n == 0)
		return input_read(in, "-", c);
	for (k = 0; k < n; k++)
		if (input_read(in, paths[k], c) != 0)
			return -1;
	return 0;
}

void
input_free(struct input *in)
{
	free(in->rows);
	if (in->arena)
		arena_free(in->arena);
	memset(in, 0, sizeof(*in));
}
