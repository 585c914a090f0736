/*
 * diff.c - rows added, removed and changed between two states of a
 * data file, matched by the file's key; and union-audit diff ARCHIVE,
 * which compares each file of an archive with the data directory.
 *
 * Three passes at most: the old file's keys and row hashes; the new
 * file against them (a changed row's values are kept); the old file
 * again, only when rows changed, to name the columns that did.  Rows
 * are compared by column name, so a reordered header is no change.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

static const char *const diff_cols[] = {
	"change", "file", "key", "line", "columns"
};

void
diff_header(struct out *o)
{
	out_header(o, NELEM(diff_cols), diff_cols);
	out_numeric(o, 3);
}

struct oldrow {
	uint64_t hash;
	long	 line;
	int	 seen;
};

/* One difference, in the order it is printed. */
struct change {
	int	 kind;		/* 0 added, 1 changed, 2 removed */
	long	 line;
	size_t	 key;		/* offsets into the pool */
	size_t	 values;	/* changed: the new row, name\\0value\\0... */
	size_t	 vlen;		/* its length */
	size_t	 columns;	/* changed: the columns that differ */
};

struct diff {
	struct oldrow *old;
	size_t	 nold, capold;
	struct strmap *keys;	/* old key -> index + 1 */
	struct change *v;
	size_t	 n, cap;
	struct buf pool;
	struct strmap *changed;	/* key -> index into v + 1 */
	int	 keycol;
	size_t	*order;		/* the table's columns sorted by name */
};

static const struct table *sorting;

static int
cmp_colname(const void *pa, const void *pb)
{
	return strcmp(tbl_colname(sorting, *(const size_t *)pa),
	    tbl_colname(sorting, *(const size_t *)pb));
}

/* open_sorted: a table, its key column, its columns in name order. */
static struct table *
open_sorted(const char *path, const char *keycol, struct diff *d)
{
	struct tbl_opts o = { 0, ENC_UTF8, 0 };
	struct table *t;
	size_t i;

	if ((t = tbl_open(path, &o)) == NULL)
		return NULL;
	if ((d->keycol = tbl_col(t, keycol)) < 0) {
		warn_at(path, 1, keycol, "required column missing");
		tbl_close(t);
		return NULL;
	}
	free(d->order);
	d->order = xcalloc(tbl_ncols(t), sizeof(*d->order));
	for (i = 0; i < tbl_ncols(t); i++)
		d->order[i] = i;
	sorting = t;
	qsort(d->order, tbl_ncols(t), sizeof(*d->order), cmp_colname);
	return t;
}

/* row_text: the row as name\0value\0... in name order, into b. */
static void
row_text(const struct table *t, const struct diff *d, struct buf *b)
{
	const struct field *f = tbl_fields(t);
	size_t i;

	buf_reset(b);
	for (i = 0; i < tbl_ncols(t); i++) {
		const char *name = tbl_colname(t, d->order[i]);

		buf_add(b, name, strlen(name) + 1);
		buf_add(b, f[d->order[i]].s, f[d->order[i]].len + 1);
	}
}

static struct change *
add_change(struct diff *d, int kind, long line, const char *key, size_t n)
{
	struct change *c;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	c = &d->v[d->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->line = line;
	c->key = buf_keep(&d->pool, key, n);
	return c;
}

/* next_row: the next good record; reports a bad one; -1 at a fatal. */
static int
next_row(struct table *t)
{
	int r;

	while ((r = tbl_next(t)) == TBL_BAD)
		tbl_perror(t);
	if (r == TBL_FATAL) {
		tbl_perror(t);
		return -1;
	}
	return r == TBL_ROW;
}

static int
read_old(struct diff *d, const char *path, const char *keycol)
{
	struct table *t = open_sorted(path, keycol, d);
	struct buf b = {0};
	const struct field *k;
	void **slot;
	int r, isnew;

	if (t == NULL)
		return -1;
	while ((r = next_row(t)) > 0) {
		k = &tbl_fields(t)[d->keycol];
		slot = strmap_put(d->keys, k->s, k->len, &isnew);
		if (!isnew)
			continue;	/* a repeated key: the audit's concern */
		if (d->nold == d->capold) {
			d->capold = d->capold ? d->capold * 2 : 1024;
			d->old = xreallocarray(d->old, d->capold,
			    sizeof(*d->old));
		}
		row_text(t, d, &b);
		d->old[d->nold].hash = hash_bytes(b.s, b.len);
		d->old[d->nold].line = tbl_line(t);
		d->old[d->nold].seen = 0;
		*slot = (void *)(uintptr_t)++d->nold;
	}
	tbl_close(t);
	buf_free(&b);
	return r;
}

static int
read_new(struct diff *d, const char *path, const char *keycol)
{
	struct table *t = open_sorted(path, keycol, d);
	struct buf b = {0};
	const struct field *k;
	struct change *c;
	struct oldrow *o;
	void **slot;
	int r;

	if (t == NULL)
		return -1;
	while ((r = next_row(t)) > 0) {
		k = &tbl_fields(t)[d->keycol];
		if ((slot = strmap_get(d->keys, k->s, k->len)) == NULL) {
			add_change(d, 0, tbl_line(t), k->s, k->len);
			continue;
		}
		o = &d->old[(uintptr_t)*slot - 1];
		if (o->seen)
			continue;
		o->seen = 1;
		row_text(t, d, &b);
		if (hash_bytes(b.s, b.len) == o->hash)
			continue;
		c = add_change(d, 1, tbl_line(t), k->s, k->len);
		c->values = buf_keep(&d->pool, b.s, b.len);
		c->vlen = b.len;
		*strmap_put(d->changed, k->s, k->len, NULL) =
		    (void *)(uintptr_t)d->n;
	}
	tbl_close(t);
	buf_free(&b);
	return r;
}

/* value_of: the value of name in a name\0value\0... text of len bytes. */
static const char *
value_of(const char *text, size_t len, const char *name)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *v = p + strlen(p) + 1;

		if (strcmp(p, name) == 0)
			return v;
		p = v + strlen(v) + 1;
	}
	return NULL;
}

/* changed_columns: the names whose values differ between two texts. */
static void
changed_columns(const char *a, size_t alen, const char *b, size_t blen,
    struct buf *out)
{
	const char *p, *v, *w;

	buf_reset(out);
	for (p = a; p < a + alen; p = v + strlen(v) + 1) {
		v = p + strlen(p) + 1;
		w = value_of(b, blen, p);
		if (w == NULL || strcmp(v, w) != 0)
			buf_printf(out, "%s%s", out->len ? " " : "", p);
	}
	for (p = b; p < b + blen; p = v + strlen(v) + 1) {
		v = p + strlen(p) + 1;
		if (value_of(a, alen, p) == NULL)
			buf_printf(out, "%s%s", out->len ? " " : "", p);
	}
}

/* name_columns: the old file again, for the rows that changed. */
static int
name_columns(struct diff *d, const char *path, const char *keycol)
{
	struct table *t = open_sorted(path, keycol, d);
	struct buf b = {0}, cols = {0};
	const struct field *k;
	struct change *c;
	void **slot;
	int r;

	if (t == NULL)
		return -1;
	while ((r = next_row(t)) > 0) {
		k = &tbl_fields(t)[d->keycol];
		if ((slot = strmap_get(d->changed, k->s, k->len)) == NULL)
			continue;
		c = &d->v[(uintptr_t)*slot - 1];
		if (c->columns)
			continue;
		row_text(t, d, &b);
		changed_columns(b.s, b.len, d->pool.s + c->values, c->vlen,
		    &cols);
		c->columns = buf_keep(&d->pool, cols.s ? cols.s : "", cols.len);
	}
	tbl_close(t);
	buf_free(&b);
	buf_free(&cols);
	return r;
}

static void
add_removed(const char *key, size_t n, void *val, void *arg)
{
	struct diff *d = arg;
	const struct oldrow *o = &d->old[(uintptr_t)val - 1];

	if (!o->seen)
		add_change(d, 2, o->line, key, n);
}

static int
cmp_line(const void *pa, const void *pb)
{
	const struct change *x = pa, *y = pb;

	return x->line < y->line ? -1 : x->line > y->line;
}

/* collect_removed: the old rows the new file lacks, in old order. */
static void
collect_removed(struct diff *d)
{
	size_t first = d->n;

	strmap_each(d->keys, add_removed, d);
	if (d->n - first > 1)
		qsort(d->v + first, d->n - first, sizeof(*d->v), cmp_line);
}

static void
emit(const struct diff *d, const char *display, struct out *o,
    struct diffcount *n)
{
	static const char *const kinds[] = { "added", "changed", "removed" };
	const char *row[5];
	char line[24];
	size_t i;

	memset(n, 0, sizeof(*n));
	for (i = 0; i < d->n; i++) {
		const struct change *c = &d->v[i];

		snprintf(line, sizeof(line), "%ld", c->line);
		row[0] = kinds[c->kind];
		row[1] = display;
		row[2] = d->pool.s + c->key;
		row[3] = line;
		row[4] = c->kind == 1 ? d->pool.s + c->columns : "";
		out_row(o, NELEM(diff_cols), row);
		if (c->kind == 0)
			n->added++;
		else if (c->kind == 1)
			n->changed++;
		else
			n->removed++;
	}
}

int
diff_file(const struct schema *s, const char *oldpath, const char *newpath,
    const char *display, struct out *o, struct diffcount *n)
{
	struct diff d;
	int r;

	memset(&d, 0, sizeof(d));
	d.keys = strmap_new();
	d.changed = strmap_new();
	buf_addc(&d.pool, '\0');
	r = read_old(&d, oldpath, s->key);
	if (r == 0)
		r = read_new(&d, newpath, s->key);
	if (r == 0 && strmap_count(d.changed) > 0)
		r = name_columns(&d, oldpath, s->key);
	if (r == 0) {
		collect_removed(&d);
		emit(&d, display, o, n);
	}
	strmap_free(d.keys);
	strmap_free(d.changed);
	free(d.old);
	free(d.v);
	free(d.order);
	buf_free(&d.pool);
	return r;
}

/* ---- union-audit diff ARCHIVE ---- */

static const struct opt diff_opts[] = {
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const char diff_usage[] =
    "usage: union-audit diff [-D DIR] [--format FMT] ARCHIVE";

static const char diff_help[] =
    "\n"
    "  ARCHIVE is a folder of archives/ (2026-06-30) or a path to one.\n"
    "  Rows added, removed and changed in each table since that archive.\n"
    "example: union-audit diff 2026-06-30 --format table\n";

/*
 * diff_one: one file of the archive against the data directory; the
 * number of differences, or -1.
 */
static long
diff_one(const char *dir, const char *adir, const char *file, struct out *o)
{
	const struct schema *s = schema_for(file);
	char *oldpath = find_table(adir, file), *newpath;
	struct diffcount n = { 0, 0, 0 };
	const char *base;
	int r;

	if (oldpath == NULL || s == NULL) {
		free(oldpath);
		return 0;
	}
	if ((newpath = find_table(dir, file)) == NULL) {
		warnmsg("%s: no longer in the data directory", s->file);
		free(oldpath);
		return 1;
	}
	base = strrchr(newpath, '/') ? strrchr(newpath, '/') + 1 : newpath;
	r = diff_file(s, oldpath, newpath, base, o, &n);
	free(oldpath);
	free(newpath);
	return r < 0 ? -1 : (long)(n.added + n.removed + n.changed);
}

/* verify_archive: each stored file against the manifest's digest. */
static int
verify_archive(const char *adir)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	char *path = xasprintf("%s/manifest.csv", adir), *stored;
	char digest[HASH_TEXT_MAX];
	const struct field *f;
	struct table *t = tbl_open(path, &o);
	int fc, sc, dc, bad = 0;

	free(path);
	if (t == NULL)
		return -1;
	fc = tbl_col(t, "file");
	sc = tbl_col(t, "stored");
	dc = tbl_col(t, "digest");
	if (fc < 0 || sc < 0 || dc < 0) {
		warnmsg("%s/manifest.csv: not a manifest", adir);
		tbl_close(t);
		return -1;
	}
	while (tbl_next(t) == TBL_ROW) {
		f = tbl_fields(t);
		stored = xasprintf("%s/%s", adir, f[sc].s);
		if (gz_digest(stored, strcmp(f[fc].s, f[sc].s) != 0,
		    digest) != 0 ||
		    strcmp(digest, f[dc].s) != 0) {
			warnmsg("%s: does not match the archive's manifest",
			    stored);
			bad = 1;
		}
		free(stored);
	}
	tbl_close(t);
	return bad ? -1 : 0;
}

int
cmd_diff(int argc, char **argv)
{
	struct optstate s;
	struct cli c;
	struct out *o;
	char *adir;
	long n, total = 0;
	int id, i, trouble = 0;

	cli_init(&c);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, diff_opts)) != OPT_END) {
		if (id == OPT_BAD)
			usage_exit(diff_usage);
		cli_common(&c, id, s.arg);
	}
	if (c.help) {
		printf("%s\n%s", diff_usage, diff_help);
		return EXIT_CLEAN;
	}
	if (s.noperands != 1)
		usage_exit(diff_usage);
	if ((adir = archive_resolve(c.datadir, s.operands[0])) == NULL)
		return EXIT_TROUBLE;
	if (verify_archive(adir) != 0) {
		free(adir);
		return EXIT_TROUBLE;
	}
	o = out_stdout(c.format, c.excel ? OUT_EXCEL : 0);
	diff_header(o);
	for (i = 0; data_files[i]; i++) {
		if ((n = diff_one(c.datadir, adir, data_files[i], o)) < 0)
			trouble = 1;
		else
			total += n;
	}
	out_close(o);
	free(adir);
	if (trouble)
		return EXIT_TROUBLE;
	return total ? EXIT_FOUND : EXIT_CLEAN;
}
