/*
 * structure.c - reading one data file: present and readable, a sound
 * header, every record well-formed with the header's field count, and
 * a newline at the end.  Each whole record then goes to the field
 * checks and to the file's own checks.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"

/* A malformed record not reported yet: it may be the torn last one. */
struct pending {
	long	 line;
	char	 why[200];
	int	 set;
};

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void
mark_unread(struct audit *a, const char *file)
{
	if (a->unread == NULL)
		a->unread = strmap_new();
	strmap_put(a->unread, file, strlen(file), NULL);
}

int
file_unread(const struct audit *a, const char *file)
{
	return a->unread && strmap_get(a->unread, file, strlen(file));
}

static void
mark_partial(struct audit *a, const char *file)
{
	if (a->partial == NULL)
		a->partial = strmap_new();
	strmap_put(a->partial, file, strlen(file), NULL);
}

int
file_partial(const struct audit *a, const char *file)
{
	return a->partial && strmap_get(a->partial, file, strlen(file));
}

/*
 * is_torn: 1 when a plain (not gzip) file is not empty and its last byte
 * is not a newline; 0 otherwise, and for gzip files, which the tools
 * never append to.
 */
static int
is_torn(const char *path)
{
	struct stat st;
	char c = '\n';
	size_t n = strlen(path);
	int fd;

	if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
		return 0;
	if ((fd = open(path, O_RDONLY)) < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    pread(fd, &c, 1, st.st_size - 1) != 1)
		c = '\n';
	close(fd);
	return c != '\n';
}

/* is_empty: a regular file of no bytes. */
static int
is_empty(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0;
}

/*
 * header_fault: why a header the reader refused is bad, found by
 * reading the first record as data: a repeated or empty column name.
 * Returns 1 after a finding, 0 when that is not the fault.
 */
static int
header_fault(struct audit *a, const char *path, const char *name)
{
	/* quiet: the first open has said why it failed */
	struct tbl_opts o = { 0, a->cli.encoding, TBL_NOHEADER | TBL_QUIET };
	const struct field *f;
	struct table *t;
	size_t i, j, n;
	int found = 0;

	if ((t = tbl_open(path, &o)) == NULL)
		return 0;
	if (tbl_next(t) == TBL_ROW) {
		f = tbl_fields(t);
		n = tbl_nfields(t);
		for (i = 0; i < n && !found; i++) {
			if (f[i].len == 0) {
				finding(a, CK_HEADER, name, 1, "", 0,
				    "column %zu has no name", i + 1);
				found = 1;
			}
			for (j = i + 1; j < n && !found; j++)
				if (f[i].len == f[j].len &&
				    memcmp(f[i].s, f[j].s, f[i].len) == 0) {
					finding(a, CK_HEADER, name, 1, "", 0,
					    "column %s appears twice (fields "
					    "%zu and %zu)", f[i].s, i + 1,
					    j + 1);
					found = 1;
				}
		}
	}
	tbl_close(t);
	return found;
}

/* bind: the schema's columns; a finding for each required one missing. */
static int
bind(struct audit *a, const struct schema *s, struct table *t,
    const char *name, struct binding *b)
{
	size_t i;

	if (schema_bind(s, t, b) == 0)
		return 0;
	for (i = 0; i < s->ncols; i++)
		if (b->idx[i] < 0 && (s->cols[i].flags & CR_REQUIRED))
			finding(a, CK_HEADER, name, 1, "", 0,
			    "required column %s missing", s->cols[i].name);
	return -1;
}

static void
flush_pending(struct audit *a, struct pending *p, const char *name)
{
	if (p->set)
		finding(a, CK_MALFORMED_RECORD, name, p->line, "", 0, "%s",
		    p->why);
	p->set = 0;
}

static void
check_row(struct audit *a, const struct pass *p, struct table *t,
    const struct binding *b, const char *name)
{
	struct row r;

	r.file = name;
	r.line = tbl_line(t);
	r.b = b;
	r.f = tbl_fields(t);
	r.key = binding_get(b, r.f, p->s->key);
	a->unit = NULL;
	if (p->prepare)
		p->prepare(a, &r);
	check_fields(a, &r);
	if (p->check)
		p->check(a, &r);
	a->unit = NULL;
}

/*
 * read_rows: every record of t; returns the line of the last one (0 if
 * none).  A malformed record is held back one record so that a torn
 * last line is reported once, as torn.
 */
static long
read_rows(struct audit *a, const struct pass *p, struct table *t,
    const struct binding *b, int bound, const char *name, int torn)
{
	struct pending pend = { 0, "", 0 };
	long last = 0;
	int r;

	while ((r = tbl_next(t)) != TBL_EOF) {
		flush_pending(a, &pend, name);
		if (r == TBL_FATAL || r == TBL_BAD)
			mark_partial(a, p->s->file);
		if (r == TBL_FATAL) {
			last = tbl_error_line(t);
			if (!torn)
				finding(a, CK_UNREADABLE, name, last, "", 0,
				    "%s", tbl_error(t));
			mark_unread(a, name);
			return last;
		}
		if (r == TBL_BAD) {
			last = pend.line = tbl_error_line(t);
			snprintf(pend.why, sizeof(pend.why), "%s",
			    tbl_error(t));
			pend.set = 1;
			continue;
		}
		last = tbl_line(t);
		a->rows++;	/* progress: the reader shows its rows */
		if (bound)
			check_row(a, p, t, b, name);
	}
	if (!torn)
		flush_pending(a, &pend, name);
	return last;
}

int
scan_table(struct audit *a, const struct pass *p)
{
	struct tbl_opts o = { 0, a->cli.encoding, 0 };
	struct binding b;
	struct table *t;
	const char *name;
	char *path;
	long last;
	int torn, bound;

	if ((path = find_table(a->dir, p->s->file)) == NULL) {
		finding(a, CK_MISSING_FILE, p->s->file, 0, "", 0,
		    "no %s in the data directory", p->s->file);
		mark_unread(a, p->s->file);
		return -1;
	}
	name = base_name(path);
	if (is_empty(path)) {
		finding(a, CK_UNREADABLE, name, 0, "", 0,
		    "empty file: no header");
		mark_unread(a, name);
		free(path);
		return -1;
	}
	if ((t = tbl_open(path, &o)) == NULL) {
		char *why = xstrdup(tbl_open_error());

		if (!header_fault(a, path, name))
			finding(a, CK_UNREADABLE, name, 0, "", 0,
			    "cannot be read as a table: %s", why);
		free(why);
		mark_unread(a, name);
		free(path);
		return -1;
	}
	a->files++;
	a->tables++;
	torn = is_torn(path);
	if (!(bound = bind(a, p->s, t, name, &b) == 0))
		mark_unread(a, name);
	last = read_rows(a, p, t, &b, bound, name, torn);
	if (torn)
		finding(a, CK_TORN_LINE, name, last, "", 0,
		    "the last line does not end in a newline: a write cut "
		    "short");
	if (bound && p->finish)
		p->finish(a, name);
	progress_end();
	tbl_close(t);
	free(path);
	return bound ? 0 : -1;
}

/*
 * row_get: by name, as binding_get, but the name's position in the
 * schema is looked up once: callers pass string literals, so a small
 * cache keyed by the literal's address saves a search per field per row.
 */
struct field
row_get(const struct row *r, const char *name)
{
	static struct {
		const struct schema *s;
		const char *name;
		int	 col;
	} cache[64];
	static size_t ncache;
	struct field empty = { "", 0 };
	size_t i;
	int col = -1;

	for (i = 0; i < ncache; i++)
		if (cache[i].name == name && cache[i].s == r->b->s) {
			col = cache[i].col;
			break;
		}
	if (i == ncache) {
		col = schema_index(r->b->s, name);
		if (ncache < NELEM(cache)) {
			cache[ncache].s = r->b->s;
			cache[ncache].name = name;
			cache[ncache++].col = col;
		}
	}
	if (col < 0 || r->b->idx[col] < 0)
		return empty;
	return r->f[r->b->idx[col]];
}
