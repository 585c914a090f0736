/*
 * sheet.c - a data file rewritten through a transaction: held whole in
 * memory (struct sheet), or streamed row by row (sheet_stream).  Either
 * way the header is the file's own, so that column order and unknown
 * extra columns survive.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "sheet.h"
#include "util.h"
#include "valid.h"

const char **
sheet_names(const struct table *t)
{
	size_t i, n = tbl_ncols(t);
	const char **names = xcalloc(n + 1, sizeof(*names));

	for (i = 0; i < n; i++)
		names[i] = tbl_colname(t, i);
	return names;
}

/* ---- a data file held whole in memory ---- */

static void
bind_by_name(struct sheet *sh)
{
	size_t i, j;

	sh->bind.s = sh->schema;
	for (i = 0; i < sh->schema->ncols; i++) {
		sh->bind.idx[i] = -1;
		for (j = 0; j < sh->ncols; j++)
			if (strcmp(sh->cols[j], sh->schema->cols[i].name) == 0)
				sh->bind.idx[i] = (int)j;
	}
}

static int
col_index(const struct sheet *sh, const char *name)
{
	size_t j;

	for (j = 0; j < sh->ncols; j++)
		if (strcmp(sh->cols[j], name) == 0)
			return (int)j;
	return -1;
}

static void
empty_sheet(struct sheet *sh)
{
	const char *names[24];
	size_t i;

	sh->ncols = sh->schema->ncols;
	schema_header(sh->schema, names);
	sh->cols = xcalloc(sh->ncols, sizeof(*sh->cols));
	for (i = 0; i < sh->ncols; i++)
		sh->cols[i] = xstrdup(names[i]);
	bind_by_name(sh);
	sh->keycol = col_index(sh, sh->schema->key);
}

static void
grow(struct sheet *sh)
{
	if (sh->nrows < sh->cap)
		return;
	sh->cap = sh->cap ? sh->cap * 2 : 256;
	sh->cells = xreallocarray(sh->cells, sh->cap * sh->ncols,
	    sizeof(*sh->cells));
	sh->lines = xreallocarray(sh->lines, sh->cap, sizeof(*sh->lines));
}

static void
index_row(struct sheet *sh, size_t i)
{
	const struct field *k = &sheet_row(sh, i)[sh->keycol];
	void **slot;
	int isnew;

	slot = strmap_put(sh->index, k->s, k->len, &isnew);
	if (isnew || *slot == NULL)
		*slot = (void *)(i + 1);
}

/*
 * keep_row: copy the reader's current record; 0, or -1 on a duplicate
 * key when unique is set (else the first row of a key is indexed).
 */
static int
keep_row(struct sheet *sh, const struct field *f, long line, int unique)
{
	struct field *row;
	size_t j, i = sh->nrows;

	if (unique && sh->keycol >= 0 && f[sh->keycol].len > 0 &&
	    strmap_get(sh->index, f[sh->keycol].s, f[sh->keycol].len)) {
		warn_at(sh->path, line, sh->schema->key, "duplicate key %s",
		    f[sh->keycol].s);
		return -1;
	}
	grow(sh);
	row = sh->cells + i * sh->ncols;
	for (j = 0; j < sh->ncols; j++) {
		row[j].s = arena_strndup(sh->arena, f[j].s, f[j].len);
		row[j].len = f[j].len;
	}
	sh->lines[i] = line;
	sh->nrows++;
	if (sh->keycol >= 0)
		index_row(sh, i);
	return 0;
}

static int
read_rows(struct sheet *sh, struct table *t, int32_t today, int flags)
{
	int r, bad = 0;

	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_FATAL) {
			tbl_perror(t);
			return -1;
		}
		if (r == TBL_BAD) {
			tbl_perror(t);
			bad++;
			continue;
		}
		if (!(flags & SHEET_CHECK)) {
			keep_row(sh, tbl_fields(t), tbl_line(t), 0);
			continue;
		}
		if (keep_row(sh, tbl_fields(t), tbl_line(t), 1) != 0) {
			bad++;
			continue;
		}
		bad += sheet_check_row(sh, sh->nrows - 1, today) > 0;
	}
	sh->bad = bad;
	if (bad > 0 && (flags & SHEET_CHECK)) {
		warnmsg("%s: %d damaged row%s: nothing done "
		    "(see union-audit)", sh->path, bad, bad == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

/* data_path: where to read file; listings also take .tsv and .gz. */
static char *
data_path(const char *dir, const char *file, int flags)
{
	char *base, *dot, *found;

	if (flags & SHEET_CHECK)
		return datadir_path(dir, file);
	base = xstrdup(file);
	if ((dot = strrchr(base, '.')) != NULL)
		*dot = '\0';
	found = datadir_find(dir, base);
	free(base);
	return found ? found : datadir_path(dir, file);
}

int
sheet_load(struct sheet *sh, const char *dir, const char *file,
    const struct schema *s, int32_t today, int flags)
{
	struct tbl_opts o = { 0, ENC_UTF8, 0 };
	struct table *t;
	size_t j;
	int rc;

	memset(sh, 0, sizeof(*sh));
	sh->schema = s;
	sh->file = file;
	sh->path = data_path(dir, file, flags);
	sh->arena = arena_new();
	sh->index = strmap_new();
	sh->keycol = -1;
	if (access(sh->path, F_OK) != 0 && errno == ENOENT) {
		/* no file is an empty table, but only in a data directory
		   that is there: a wrong -D must not list nothing, exit 0 */
		if (dir != NULL && access(dir, F_OK) != 0) {
			warnmsg("cannot open data directory %s:", dir);
			return -1;
		}
		empty_sheet(sh);
		return 0;
	}
	if ((t = tbl_open(sh->path, &o)) == NULL)
		return -1;
	sh->exists = 1;
	if (schema_bind(s, t, &sh->bind) != 0) {
		tbl_close(t);
		return -1;
	}
	sh->ncols = tbl_ncols(t);
	sh->cols = xcalloc(sh->ncols, sizeof(*sh->cols));
	for (j = 0; j < sh->ncols; j++)
		sh->cols[j] = xstrdup(tbl_colname(t, j));
	sh->keycol = s->key ? tbl_col(t, s->key) : -1;
	rc = read_rows(sh, t, today, flags);
	tbl_close(t);
	return rc;
}

void
sheet_free(struct sheet *sh)
{
	size_t j;

	for (j = 0; j < sh->ncols; j++)
		free(sh->cols[j]);
	free(sh->cols);
	free(sh->cells);
	free(sh->lines);
	free(sh->path);
	if (sh->index)
		strmap_free(sh->index);
	if (sh->arena)
		arena_free(sh->arena);
	memset(sh, 0, sizeof(*sh));
}

struct field *
sheet_row(const struct sheet *sh, size_t i)
{
	return sh->cells + i * sh->ncols;
}

struct field
sheet_get(const struct sheet *sh, size_t i, const char *name)
{
	return binding_get(&sh->bind, sheet_row(sh, i), name);
}

const char *
sheet_cell(const struct sheet *sh, size_t i, const char *name)
{
	struct field f = sheet_get(sh, i, name);

	return f.s ? f.s : "";
}

int
sheet_day(const struct sheet *sh, size_t i, const char *name, int32_t *day)
{
	struct field f = sheet_get(sh, i, name);
	const char *why;

	return date_parse(f.s, f.len, day, &why);
}

int
sheet_money(const struct sheet *sh, size_t i, const char *name,
    int64_t *fen)
{
	struct field f = sheet_get(sh, i, name);
	const char *why;

	return money_parse(f.s, f.len, fen, &why);
}

void
sheet_set(struct sheet *sh, size_t i, const char *name, const char *val)
{
	int j = col_index(sh, name);
	struct field *f;

	if (j < 0)
		die(EXIT_TROUBLE, "%s: no column %s", sh->path, name);
	f = &sheet_row(sh, i)[j];
	f->len = strlen(val);
	f->s = arena_strndup(sh->arena, val, f->len);
	if (j == sh->keycol)
		index_row(sh, i);
}

long
sheet_find(const struct sheet *sh, const char *key)
{
	void **slot = strmap_get(sh->index, key, strlen(key));

	return slot ? (long)((size_t)*slot - 1) : -1;
}

size_t
sheet_add(struct sheet *sh)
{
	struct field *row;
	size_t j, i = sh->nrows;

	grow(sh);
	row = sh->cells + i * sh->ncols;
	for (j = 0; j < sh->ncols; j++) {
		row[j].s = "";
		row[j].len = 0;
	}
	sh->lines[i] = 0;
	sh->nrows++;
	return i;
}

/*
 * id_number: the number of an identifier PREFIX + digits, or -1.  Any
 * width is read, so that IDs written narrower by other tools (gen-sample
 * writes "A0012345") still count and a new ID never repeats a number.
 */
static long long
id_number(const struct field *f, char prefix)
{
	long long v = 0;
	size_t k;

	if (f->len < 2 || f->len > 19 || f->s[0] != prefix)
		return -1;
	for (k = 1; k < f->len; k++) {
		if (f->s[k] < '0' || f->s[k] > '9')
			return -1;
		v = v * 10 + (f->s[k] - '0');
	}
	return v;
}

long long
sheet_max_id(const struct sheet *sh, char prefix)
{
	long long max = 0, v;
	size_t i;

	if (sh->keycol < 0)
		return 0;
	for (i = 0; i < sh->nrows; i++) {
		v = id_number(&sheet_row(sh, i)[sh->keycol], prefix);
		if (v > max)
			max = v;
	}
	return max;
}

struct checkctx {
	const struct sheet *sh;
	long	 line;
};

static void
report_problem(void *arg, const char *column, enum severity sev,
    const char *rule, const char *msg)
{
	struct checkctx *cx = arg;

	(void)rule;
	if (sev == SEV_ERROR)
		warn_at(cx->sh->path, cx->line, column, "%s", msg);
}

int
sheet_check_row(const struct sheet *sh, size_t i, int32_t today)
{
	struct checkctx cx = { sh, sh->lines[i] };

	return schema_check_row(&sh->bind, sheet_row(sh, i), today,
	    report_problem, &cx);
}

void
sheet_write(const struct sheet *sh, struct out *o, size_t from)
{
	size_t i;

	out_header(o, sh->ncols, (const char *const *)sh->cols);
	for (i = from; i < sh->nrows; i++)
		out_rowf(o, sh->ncols, sheet_row(sh, i));
}

/* ---- a data file streamed through a change ---- */

struct table *
sheet_header(const char *dir, const char *file)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	char *path = datadir_path(dir, file);
	struct table *t = tbl_open(path, &o);

	free(path);
	return t;
}

/* stream_rows: the rows of t through fn to o; 0, or -1 after a message */
static int
stream_rows(struct table *t, struct out *o, sheet_rowfn fn, void *arg)
{
	size_t i, n = tbl_ncols(t);
	const char **vals = xcalloc(n + 1, sizeof(*vals));
	int rc, bad = 0;

	while ((rc = tbl_next(t)) != TBL_EOF) {
		const struct field *f = tbl_fields(t);

		if (rc != TBL_ROW) {
			tbl_perror(t);
			warnmsg("%s: damaged: mend it before changing it",
			    tbl_name(t));
			bad = 1;
			break;
		}
		for (i = 0; i < n; i++)
			vals[i] = f[i].s;
		if (fn != NULL && fn(arg, t, vals) != 0) {
			bad = 1;
			break;
		}
		out_row(o, n, vals);
	}
	free(vals);
	return bad ? -1 : 0;
}

struct out *
sheet_stream(struct txn *x, const char *dir, const char *file,
    sheet_rowfn fn, void *arg, struct table **tp)
{
	struct table *t;
	struct out *o;
	const char **names;

	if ((t = sheet_header(dir, file)) == NULL)
		return NULL;
	if ((o = txn_rewrite(x, file)) == NULL) {
		tbl_close(t);
		return NULL;
	}
	names = sheet_names(t);
	out_header(o, tbl_ncols(t), names);
	free(names);
	if (stream_rows(t, o, fn, arg) != 0)
		o = NULL;
	if (o == NULL || tp == NULL)
		tbl_close(t);
	else
		*tp = t;
	return o;
}
