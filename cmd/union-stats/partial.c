/*
 * partial.c - mergeable partial results (--partial) and "merge".
 *
 * A partial result is text, one record a line, fields separated by tabs
 * (a tab, newline, carriage return or backslash inside a field is
 * written \t \n \r \\), so that it survives pipes, GNU parallel and
 * Hadoop Streaming, and lines may be shuffled or sorted:
 *
 *	#union-stats-partial 1 KIND NKEYS KEY... OP...	the query
 *	K KEYVALUE... ROWS				a group and its rows
 *	S OPINDEX SCALE					decimals seen
 *	O KEYVALUE... OPINDEX TAG V1 [V2]		an OP's state
 *
 * TAG: n (count of values), s (count and exact sum), m (min or max), f
 * (first or last: the part's --seq and the value), v (a quantile's
 * value and how many times it occurs), d (a distinct value), c (a mode
 * candidate and its count).  Everything is exact: merging any number of
 * partials gives byte for byte the single run's output.  Lines may come
 * in any order ('#' sorts first); first and last follow --seq, then the
 * order in which merge reads them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define MAGIC "#union-stats-partial"

struct writer {
	FILE	*fp;
	struct agg *a;
	struct buf line;
	struct field kf[64];
};

static void
put_field(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '\t':
			buf_add(b, "\\t", 2);
			break;
		case '\n':
			buf_add(b, "\\n", 2);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		case '\\':
			buf_add(b, "\\\\", 2);
			break;
		default:
			buf_addc(b, s[i]);
		}
}

static void
put_sep(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '\t');
	put_field(b, s, n);
}

static void
put_keys(struct writer *w, size_t g)
{
	size_t nk = agg_spec(w->a)->nkeys, len, i;
	const char *key = agg_groupkey(w->a, g, &len);

	key_decode(key, len, nk, w->kf);
	for (i = 0; i < nk; i++)
		put_sep(&w->line, w->kf[i].s, w->kf[i].len);
}

static void
flush_line(struct writer *w)
{
	buf_addc(&w->line, '\n');
	if (fwrite(w->line.s, 1, w->line.len, w->fp) != w->line.len)
		die(EXIT_TROUBLE, "<stdout>: write error:");
	buf_reset(&w->line);
}

static void
emit(void *arg, size_t g, size_t op, const char *tag, const char *v1,
    size_t n1, const char *v2, size_t n2)
{
	struct writer *w = arg;

	if (g == (size_t)-1) {
		buf_printf(&w->line, "S\t%zu", op);
		put_sep(&w->line, v1, n1);
	} else {
		buf_addc(&w->line, 'O');
		put_keys(w, g);
		buf_printf(&w->line, "\t%zu\t%s", op, tag);
		put_sep(&w->line, v1, n1);
		if (v2 != NULL)
			put_sep(&w->line, v2, n2);
	}
	flush_line(w);
}

static void
write_header(struct writer *w, const char *kind)
{
	const struct aggspec *spec = agg_spec(w->a);
	size_t i;

	buf_printf(&w->line, "%s\t1\t%s\t%zu", MAGIC, kind, spec->nkeys);
	for (i = 0; i < spec->nkeys; i++)
		put_sep(&w->line, spec->keys[i], strlen(spec->keys[i]));
	for (i = 0; i < spec->nops; i++)
		put_sep(&w->line, spec->ops[i].text, strlen(spec->ops[i].text));
	flush_line(w);
}

void
partial_write(struct agg *a, const char *kind, long seq, FILE *fp)
{
	struct writer w;
	size_t g, ng = agg_ngroups(a);

	if (agg_spec(a)->nkeys > NELEM(w.kf))
		die(EXIT_TROUBLE, "--partial: too many key columns");
	memset(&w, 0, sizeof(w));
	w.fp = fp;
	w.a = a;
	write_header(&w, kind);
	for (g = 0; g < ng; g++) {
		buf_addc(&w.line, 'K');
		put_keys(&w, g);
		buf_printf(&w.line, "\t%lld", (long long)agg_get_rows(a, g));
		flush_line(&w);
	}
	agg_dump(a, seq, emit, &w);
	buf_free(&w.line);
	if (fflush(fp) != 0)
		die(EXIT_TROUBLE, "<stdout>: write error:");
}

/* ---- reading ---- */

struct reader {
	const char *name;	/* for messages */
	long	 lineno;
	char	*hdr;		/* the first header line */
	struct aggspec *spec;
	struct agg *a;
	char	*kind;
	struct buf un;		/* unescaped fields, NUL-separated */
	struct field f[80];
	size_t	 nf;
	struct buf key;
};

/* split: unescape line into r->f[]; -1 when malformed */
static int
split(struct reader *r, const char *line, size_t n)
{
	size_t i, start = 0, k;

	buf_reset(&r->un);
	buf_grow(&r->un, n + 1);
	r->nf = 0;
	for (i = 0; i <= n; i++) {
		if (i == n || line[i] == '\t') {
			if (r->nf == NELEM(r->f))
				return -1;
			buf_addc(&r->un, '\0');
			r->f[r->nf].len = r->un.len - 1 - start;
			r->f[r->nf++].s = (const char *)(uintptr_t)start;
			start = r->un.len;
			continue;
		}
		if (line[i] != '\\') {
			buf_addc(&r->un, line[i]);
			continue;
		}
		if (++i == n)
			return -1;
		switch (line[i]) {
		case 't': buf_addc(&r->un, '\t'); break;
		case 'n': buf_addc(&r->un, '\n'); break;
		case 'r': buf_addc(&r->un, '\r'); break;
		case '\\': buf_addc(&r->un, '\\'); break;
		default: return -1;
		}
	}
	for (k = 0; k < r->nf; k++)	/* offsets to pointers */
		r->f[k].s = r->un.s + (uintptr_t)r->f[k].s;
	return 0;
}

static _Noreturn void
bad(struct reader *r, const char *why)
{
	warn_at(r->name, r->lineno, NULL, "%s", why);
	exit(EXIT_TROUBLE);
}

static void
start_query(struct reader *r, const char *line)
{
	size_t nk, i;

	if (r->nf < 4 || !streqn(r->f[1].s, r->f[1].len, "1"))
		bad(r, "not a partial result of this version");
	r->hdr = xstrdup(line);
	r->kind = xstrdup(r->f[2].s);
	nk = (size_t)strtoul(r->f[3].s, NULL, 10);
	if (nk > 64 || 4 + nk > r->nf)
		bad(r, "malformed partial result header");
	r->spec = xcalloc(1, sizeof(*r->spec));
	r->spec->nkeys = nk;
	r->spec->keys = xcalloc(nk + 1, sizeof(*r->spec->keys));
	for (i = 0; i < nk; i++)
		r->spec->keys[i] = xstrdup(r->f[4 + i].s);
	r->spec->nops = r->nf - 4 - nk;
	r->spec->ops = xcalloc(r->spec->nops + 1, sizeof(*r->spec->ops));
	for (i = 0; i < r->spec->nops; i++)
		opspec_parse(r->f[4 + nk + i].s, &r->spec->ops[i]);
	r->a = agg_new(r->spec);
}

static size_t
group_of(struct reader *r, size_t nk)
{
	if (nk == 1)
		return agg_group(r->a, r->f[1].s, r->f[1].len);
	key_encode(&r->key, r->f + 1, NULL, nk);
	return agg_group(r->a, r->key.s, r->key.len);
}

static size_t
index_of(struct reader *r, const struct field *f)
{
	char *end;
	unsigned long v = strtoul(f->s, &end, 10);

	if (f->len == 0 || *end != '\0')
		bad(r, "malformed partial result: bad number");
	return v;
}

static void
read_record(struct reader *r)
{
	size_t nk = r->spec->nkeys, g, op;
	struct field *f = r->f;
	const char *why;
	struct dec rows;

	switch (f[0].s[0]) {
	case 'K':
		if (r->nf != nk + 2 || dec_parse(f[nk + 1].s, f[nk + 1].len,
		    &rows) != 0 || rows.s != 0)
			bad(r, "malformed partial result: bad group record");
		agg_put_rows(r->a, group_of(r, nk), rows.m);
		return;
	case 'S':
		if (r->nf != 3 || agg_load(r->a, 0, index_of(r, &f[1]), "S",
		    f[2].s, f[2].len, NULL, 0, &why) != 0)
			bad(r, "malformed partial result: bad scale record");
		return;
	case 'O':
		if (r->nf < nk + 4 || r->nf > nk + 5)
			bad(r, "malformed partial result: bad state record");
		g = group_of(r, nk);
		op = index_of(r, &f[nk + 1]);
		if (agg_load(r->a, g, op, f[nk + 2].s, f[nk + 3].s,
		    f[nk + 3].len, r->nf > nk + 4 ? f[nk + 4].s : "",
		    r->nf > nk + 4 ? f[nk + 4].len : 0, &why) != 0) {
			char msg[128];

			snprintf(msg, sizeof(msg), "malformed partial result: "
			    "%s", why);
			bad(r, msg);
		}
		return;
	}
	bad(r, "malformed partial result: unknown record");
}

static void
read_line(struct reader *r, char *line, size_t n)
{
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n == 0)
		return;
	if (split(r, line, n) != 0)
		bad(r, "malformed partial result: bad escape");
	if (strncmp(line, MAGIC "\t", sizeof(MAGIC)) == 0) {
		if (r->hdr == NULL)
			start_query(r, line);
		else if (strcmp(r->hdr, line) != 0)
			bad(r, "partial result of a different query");
		return;
	}
	if (r->hdr == NULL)
		bad(r, "not a partial result (no '" MAGIC "' line first)");
	read_record(r);
}

static int
read_file(struct reader *r, const char *path)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	r->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	r->lineno = 0;
	if (fp == NULL) {
		warnmsg("%s: cannot open:", path);
		return -1;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		r->lineno++;
		read_line(r, line, (size_t)n);
	}
	free(line);
	if (ferror(fp)) {
		warnmsg("%s: read error:", r->name);
		return -1;
	}
	if (fp != stdin)
		fclose(fp);
	return 0;
}

/* reader_done: release r's buffers; and, unless keep, what it built */
static void
reader_done(struct reader *r, int keep)
{
	free(r->hdr);
	buf_free(&r->un);
	buf_free(&r->key);
	if (!keep && r->a != NULL)
		partial_free(r->a, r->kind);
}

struct agg *
partial_read(char **files, int n, char **kind)
{
	static char *stdin_only[] = { "-" };
	struct reader r;
	int i;

	memset(&r, 0, sizeof(r));
	if (n == 0) {
		files = stdin_only;
		n = 1;
	}
	for (i = 0; i < n; i++)
		if (read_file(&r, files[i]) != 0) {
			reader_done(&r, 0);
			return NULL;
		}
	if (r.a == NULL) {
		warnmsg("no partial results to merge");
		reader_done(&r, 0);
		return NULL;
	}
	*kind = r.kind;
	reader_done(&r, 1);
	return r.a;
}

void
partial_free(struct agg *a, char *kind)
{
	/* the spec is the one start_query made for this agg */
	struct aggspec *spec = (struct aggspec *)agg_spec(a);

	agg_free(a);
	aggspec_free(spec);
	free(spec);
	free(kind);
}
