/*
 * ids.c - the IDs a batch command works on: named on the command line,
 * or read from the ID column of tables on standard input or in files,
 * so that one command's listing is the next one's work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

/* looks_like_id: the prefix letter followed by digits only. */
static int
looks_like_id(const char *s, char prefix)
{
	const char *p;

	if (s[0] != prefix || s[1] == '\0')
		return 0;
	for (p = s + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

static void
ids_add(struct idlist *l, const char *id, size_t n, const char *file,
    long line)
{
	struct idref *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	r = &l->v[l->n++];
	r->id = arena_strndup(l->arena, id, n);
	r->file = file ? arena_strndup(l->arena, file, strlen(file)) : NULL;
	r->line = line;
}

/* read_ids: the column col of one table; -1 on a fatal problem. */
static int
read_ids(struct idlist *l, const char *path, const char *col,
    const struct cli *c)
{
	struct tbl_opts o = { 0, c->encoding, 0 };
	const struct field *f;
	struct table *t;
	int k, r;

	if ((t = tbl_open(path, &o)) == NULL)
		return -1;
	if ((k = tbl_col(t, col)) < 0) {
		warn_at(tbl_name(t), 1, col, "required column missing");
		tbl_close(t);
		return -1;
	}
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_FATAL) {
			tbl_perror(t);
			tbl_close(t);
			return -1;
		}
		if (r == TBL_BAD) {
			tbl_perror(t);
			l->bad++;
			continue;
		}
		f = &tbl_fields(t)[k];
		if (f->len == 0) {
			warn_at(tbl_name(t), tbl_line(t), col, "empty");
			l->bad++;
			continue;
		}
		ids_add(l, f->s, f->len, tbl_name(t), tbl_line(t));
	}
	tbl_close(t);
	return 0;
}

int
ids_gather(struct idlist *l, int n, char **operands, char prefix,
    const char *col, const struct cli *c)
{
	int i;

	memset(l, 0, sizeof(*l));
	l->arena = arena_new();
	if (n == 0)
		return read_ids(l, "-", col, c);
	for (i = 0; i < n; i++) {
		if (looks_like_id(operands[i], prefix))
			ids_add(l, operands[i], strlen(operands[i]), NULL, 0);
		else if (read_ids(l, operands[i], col, c) != 0)
			return -1;
	}
	return 0;
}

void
ids_free(struct idlist *l)
{
	free(l->v);
	if (l->arena)
		arena_free(l->arena);
	memset(l, 0, sizeof(*l));
}

int
id_format(char *out, char prefix, int ndigits, long long n)
{
	long long limit = 1;
	int k;

	for (k = 0; k < ndigits; k++)
		limit *= 10;
	if (n < 1 || n >= limit)
		return -1;
	snprintf(out, (size_t)ndigits + 2, "%c%0*lld", prefix, ndigits, n);
	return 0;
}
