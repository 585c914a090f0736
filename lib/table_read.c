/*
 * table_read.c - the table reader of table.h.
 *
 * One buffer holds the bytes not yet consumed; it is refilled with large
 * reads and grows only when one record does not fit.  A record the fast
 * scan delimits is split in place: delimiters and the line end become
 * NULs, quoted fields are unquoted where they stand, and the fields
 * point into the buffer.  A record the fast scan finds odd (or any
 * record under TBL_SLOW) is delimited by the careful scan, which tells
 * its fault; a well-formed one is then handed whole to libcsv in strict
 * mode, whose fields are copied into an arena.  Either way the record's
 * bytes are checked for UTF-8 and its fields counted against the header.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "valid.h"
#include "table_impl.h"

#define PAD		64		/* readable bytes after the sentinel */
#define CSV_BLOCK	(64 * 1024)

int tbl_scan_mode = SCAN_AUTO;
size_t tbl_bufsize = 1024 * 1024;

static void
seterr(struct table *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->err, sizeof(t->err), fmt, ap);
	va_end(ap);
	t->errline = t->line;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* csv_setup: libcsv strict, nothing trimmed, fields NUL-terminated. */
static void
csv_setup(struct table *t)
{
	csv_init(&t->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(&t->csv, (unsigned char)t->delim);
	csv_set_quote(&t->csv, t->quoting ? '"' : 0);
	csv_set_space_func(&t->csv, no_space);
	csv_set_blk_size(&t->csv, CSV_BLOCK);
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static char
delim_for(const char *name, const struct tbl_opts *o)
{
	if (o != NULL && o->delim != 0)
		return o->delim;
	if (has_suffix(name, ".tsv") || has_suffix(name, ".tsv.gz"))
		return '\t';
	return ',';
}

/* Why the last open in this thread failed (tbl_open_error). */
static _Thread_local char open_error[256];

/*
 * open_fail: an open refused: the reason kept for tbl_open_error
 * ("COLUMN: why" when a column is named), and said as warn_at says it
 * unless flags hold TBL_QUIET.
 */
static void
open_fail(int flags, const char *name, long line, const char *column,
    const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (column != NULL)
		n = snprintf(open_error, sizeof(open_error), "%s: ", column);
	if (n < 0 || (size_t)n >= sizeof(open_error))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(open_error + n, sizeof(open_error) - (size_t)n, fmt, ap);
	va_end(ap);
	if (flags & TBL_QUIET)
		return;
	va_start(ap, fmt);
	vwarn_at(name, line, column, fmt, ap);
	va_end(ap);
}

const char *
tbl_open_error(void)
{
	return open_error;
}

/*
 * tbl_start: a reader on fd with no header read yet; NULL after a
 * message (fd is closed either way, by the table or here).
 */
struct table *
tbl_start(int fd, const char *name, const struct tbl_opts *o)
{
	struct table *t;
	char d = delim_for(name, o);
	int flags = o ? o->flags : 0;

	open_error[0] = '\0';
	if (d == '"' || d == '\n' || d == '\r' || (d & 0x80)) {
		open_fail(flags, name, 0, NULL, "invalid delimiter");
		close(fd);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->delim = d;
	t->quoting = d != '\t';
	t->flags = o ? o->flags : 0;
	t->nextline = 1;
	t->cap = tbl_bufsize < 16 ? 16 : tbl_bufsize;
	t->buf = xmalloc(t->cap + PAD);
	memset(t->buf, 0, t->cap + PAD);
	t->buf[0] = '\n';
	t->fcap = 16;
	t->f = xreallocarray(NULL, t->fcap, sizeof(t->f[0]));
	dpos_reserve(t, 64);
	scan_init(t);
	csv_setup(t);
	if (src_open(&t->src, fd, o ? o->enc : ENC_UTF8) < 0) {
		open_fail(flags, name, 0, NULL, "%s", t->src.err);
		tbl_close(t);
		return NULL;
	}
	return t;
}

/* refill: read more after the unconsumed bytes; 1, 0 at the end, -1. */
static int
refill(struct table *t)
{
	size_t keep = t->len - t->pos;
	ssize_t r;

	if (t->rowno > t->counted) {	/* once a buffer: cheap */
		progress_add("rows", (unsigned long long)(t->rowno - t->counted));
		t->counted = t->rowno;
	}
	if (t->pos > 0) {
		memmove(t->buf, t->buf + t->pos, keep);
		t->base += t->pos;
		t->pos = 0;
		t->len = keep;
	}
	if (t->cap - t->len < t->cap / 2 || t->cap - t->len < 16) {
		t->cap *= 2;
		t->buf = xrealloc(t->buf, t->cap + PAD);
	}
	r = src_read(&t->src, t->buf + t->len, t->cap - t->len);
	if (r < 0) {
		seterr(t, "%s", t->src.err);
		t->buf[t->len] = '\n';
		return -1;
	}
	if (r == 0)
		t->eof = 1;
	t->len += (size_t)r;
	t->buf[t->len] = '\n';
	return r > 0;
}

/* consume: the current record took n bytes holding nl inner line feeds. */
static void
consume(struct table *t, size_t n, long nl)
{
	t->pos += n;
	t->nextline = t->line + 1 + nl;
}

static void
field_reserve(struct table *t, size_t n)
{
	if (n <= t->fcap)
		return;
	while (t->fcap < n)
		t->fcap *= 2;
	t->f = xreallocarray(t->f, t->fcap, sizeof(t->f[0]));
}

/* where: "name" for a column of the header, else "field N". */
static const char *
where(const struct table *t, size_t field, char *tmp, size_t sz)
{
	if (t->cols != NULL && field < t->ncols)
		return t->cols[field];
	snprintf(tmp, sz, "field %zu", field + 1);
	return tmp;
}

static int
bad_at(struct table *t, size_t field, const char *why)
{
	char tmp[32];

	seterr(t, "%s: %s", where(t, field, tmp, sizeof(tmp)), why);
	t->nf = 0;
	return TBL_BAD;
}

/*
 * is_gb18030: rec[0..n) converts whole from GB18030, as a file saved
 * by Excel on Chinese Windows does (source.c converts the same way).
 */
static int
is_gb18030(const char *rec, size_t n)
{
	char out[4096], *in = (char *)rec, *o;
	size_t inleft = n, outleft;
	iconv_t cd;
	int ok = 1;

	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return 0;
	while (ok && inleft > 0) {
		o = out;
		outleft = sizeof(out);
		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 &&
		    errno != E2BIG)
			ok = 0;
	}
	iconv_close(cd);
	return ok;
}

/*
 * bad_text: rec[0..n) holds a byte that is not valid text.  The first
 * such record of a file read as UTF-8 decides whether tbl_perror adds
 * the GB18030 hint (once, after its message).
 */
static int
bad_text(struct table *t, const char *rec, size_t n)
{
	size_t i = 0, k;

	while (i < n && (k = utf8_charlen(rec + i, n - i)) != 0)
		i += k;
	if (t->src.enc == ENC_GB18030)
		return bad_at(t, scan_field_at(t, rec, i), "invalid GB18030 text");
	if (t->src.enc == ENC_GBK)
		return bad_at(t, scan_field_at(t, rec, i), "invalid GBK text");
	if (t->hint == HINT_UNSEEN)
		t->hint = is_gb18030(rec, n) ? HINT_PENDING : HINT_DONE;
	return bad_at(t, scan_field_at(t, rec, i), "invalid UTF-8");
}

/* check_count: the record's fields against the header's columns. */
static int
check_count(struct table *t, int blank)
{
	if (t->ncols == 0 || t->nf == t->ncols)
		return TBL_ROW;
	if (blank)
		seterr(t, "blank line, expected %zu fields", t->ncols);
	else
		seterr(t, "expected %zu fields, found %zu", t->ncols, t->nf);
	t->nf = 0;
	return TBL_BAD;
}

/*
 * unquote: the quoted field s[0..n) (its quotes included) made its
 * value in place, doubled quotes single, NUL-terminated; its length.
 */
static size_t
unquote(char *s, size_t n)
{
	char *src = s + 1, *end = s + n - 1, *dst = s, *q;
	size_t k;

	while ((q = memchr(src, '"', (size_t)(end - src))) != NULL) {
		k = (size_t)(q - src) + 1;	/* up to one of the two */
		memmove(dst, src, k);
		dst += k;
		src = q + 2;
	}
	k = (size_t)(end - src);
	memmove(dst, src, k);
	dst[k] = '\0';
	return (size_t)(dst + k - s);
}

/*
 * take_fast: the fields of a record the fast scan delimited, split in
 * place at its delimiters (and quoted fields unquoted).
 */
static int
take_fast(struct table *t, const struct fscan *fs)
{
	char *rec = t->buf + t->pos;
	const size_t *dpos = t->dpos, nd = fs->nd;
	struct field *f;
	size_t i, start = 0, end;

	consume(t, fs->end + fs->term, fs->nl);
	if (fs->hi && !scan_utf8_valid(t->avx2, rec, fs->end))
		return bad_text(t, rec, fs->end);
	field_reserve(t, nd + 1);
	f = t->f;
	for (i = 0; i < nd; i++) {
		end = dpos[i];
		f[i].s = rec + start;
		f[i].len = end - start;
		rec[end] = '\0';
		start = end + 1;
	}
	f[i].s = rec + start;
	f[i].len = fs->end - start;
	rec[fs->end] = '\0';
	t->nf = nd + 1;
	/* (rec + offset: the field's bytes, writable) */
	for (i = 0; fs->quoted && i <= nd; i++)
		if (f[i].s[0] == '"')
			f[i].len = unquote(rec + (f[i].s - rec), f[i].len);
	return check_count(t, fs->end == 0);
}

static void
csv_field(void *s, size_t n, void *arg)
{
	struct table *t = arg;

	dpos_reserve(t, t->nd + 1);
	t->dpos[t->nd++] = t->arena.len;
	buf_add(&t->arena, s, n);
	buf_addc(&t->arena, '\0');
}

static void
csv_row(int c, void *arg)
{
	struct table *t = arg;

	(void)c;
	t->csvrows++;
}

/* csv_split: the fields of rec[0..n) through libcsv; -1 if it refuses. */
static int
csv_split(struct table *t, const char *rec, size_t n)
{
	size_t i, end;

	buf_reset(&t->arena);
	t->nd = 0;
	t->csvrows = 0;
	if (csv_parse(&t->csv, rec, n, csv_field, csv_row, t) != n ||
	    csv_fini(&t->csv, csv_field, csv_row, t) != 0) {
		csv_free(&t->csv);
		csv_setup(t);
		return -1;
	}
	if (t->csvrows != 1)
		return -1;
	field_reserve(t, t->nd);
	for (i = 0; i < t->nd; i++) {
		end = i + 1 < t->nd ? t->dpos[i + 1] : t->arena.len;
		t->f[i].s = t->arena.s + t->dpos[i];
		t->f[i].len = end - t->dpos[i] - 1;
	}
	t->nf = t->nd;
	return 0;
}

static const char *const fault_text[] = {
	[FAULT_QUOTE] = "quote inside an unquoted field",
	[FAULT_AFTERQUOTE] = "text after the closing quote",
	[FAULT_CR] = "stray carriage return",
	[FAULT_NUL] = "NUL byte",
	[FAULT_UNTERMINATED] = "unterminated quoted field"
};

/* take_careful: the fields of a record the careful scan delimited. */
static int
take_careful(struct table *t, const struct rscan *rs)
{
	char *rec = t->buf + t->pos;

	consume(t, rs->end + rs->term, rs->nl);
	if (rs->fault == FAULT_UNTERMINATED) {
		bad_at(t, rs->faultfield, fault_text[rs->fault]);
		return TBL_FATAL;
	}
	if (rs->fault != FAULT_NONE)
		return bad_at(t, rs->faultfield, fault_text[rs->fault]);
	if (!scan_utf8_valid(t->avx2, rec, rs->end))
		return bad_text(t, rec, rs->end);
	if (rs->end == 0) {
		t->f[0].s = "";
		t->f[0].len = 0;
		t->nf = 1;
		return check_count(t, 1);
	}
	if (csv_split(t, rec, rs->end) < 0) {
		seterr(t, "internal error: libcsv refused a record the "
		    "scanner accepted");
		t->nf = 0;
		return TBL_FATAL;
	}
	return check_count(t, 0);
}

/* read_record: the next record into t->f: TBL_ROW, _BAD, _EOF, _FATAL. */
static int
read_record(struct table *t)
{
	struct fscan fs;
	struct rscan rs;
	int r;

	t->line = t->nextline;
	t->nf = 0;
	if (t->pos == t->len && !t->eof && refill(t) < 0)
		return TBL_FATAL;
	if (t->pos == t->len && t->eof)
		return TBL_EOF;
	if (!(t->flags & TBL_SLOW)) {
		memset(&fs, 0, sizeof(fs));
		while ((r = scan_fast(t, &fs)) == SCAN_MORE)
			if (refill(t) < 0)
				return TBL_FATAL;
		if (r == SCAN_DONE)
			return take_fast(t, &fs);
		t->ncareful++;
	}
	memset(&rs, 0, sizeof(rs));
	while (scan_careful(t, &rs) == SCAN_MORE)
		if (refill(t) < 0)
			return TBL_FATAL;
	return take_careful(t, &rs);
}

/*
 * tbl_skip: step over the next record without looking inside it (for
 * tbl_split): 1, 0 at the end, -1 on a fatal error.
 */
int
tbl_skip(struct table *t)
{
	struct rscan rs;
	const char *rec, *lf;
	size_t n;

	t->line = t->nextline;
	for (;;) {
		if (t->pos == t->len && !t->eof && refill(t) < 0)
			return -1;
		if (t->pos == t->len && t->eof)
			return 0;
		rec = t->buf + t->pos;
		n = t->len - t->pos;
		lf = memchr(rec, '\n', n);
		if (lf != NULL)
			n = (size_t)(lf - rec) + 1;
		else if (!t->eof) {
			if (refill(t) < 0)
				return -1;
			continue;
		}
		if (t->quoting && memchr(rec, '"', n) != NULL)
			break;
		consume(t, n, 0);
		return 1;
	}
	memset(&rs, 0, sizeof(rs));
	while (scan_careful(t, &rs) == SCAN_MORE)
		if (refill(t) < 0)
			return -1;
	consume(t, rs.end + rs.term, rs.nl);
	return rs.fault == FAULT_UNTERMINATED ? -1 : 1;
}

/* last_lf: the last line feed in s[0..n), or NULL. */
static const char *
last_lf(const char *s, size_t n)
{
	while (n > 0)
		if (s[--n] == '\n')
			return s + n;
	return NULL;
}

/*
 * tbl_skip_to: step over records until the next one starts at or after
 * raw offset target (for tbl_split): 1, 0 at the end, -1 on a fatal
 * error.  Stretches without a quote are crossed whole, their line feeds
 * counted in bulk; a record with a quote takes the careful scan.
 */
int
tbl_skip_to(struct table *t, unsigned long long target)
{
	const char *rec, *q, *lf;
	size_t n, clear, want;
	int r;

	while (tbl_rawoffset(t) < target) {
		if (t->pos == t->len && !t->eof && refill(t) < 0)
			return -1;
		if (t->pos == t->len && t->eof)
			return 0;
		rec = t->buf + t->pos;
		n = t->len - t->pos;
		q = t->quoting ? memchr(rec, '"', n) : NULL;
		clear = q ? (size_t)(q - rec) : n;
		want = (size_t)(target - tbl_rawoffset(t));
		lf = NULL;
		if (want <= clear)
			lf = memchr(rec + want - 1, '\n', clear - (want - 1));
		if (lf == NULL)
			lf = last_lf(rec, clear);
		if (lf != NULL) {
			n = (size_t)(lf - rec) + 1;
			t->nextline += (long)scan_count_lf(rec, n);
			t->pos += n;
			continue;
		}
		/* the record at pos holds the quote, or runs past the buffer */
		if ((r = tbl_skip(t)) <= 0)
			return r;
	}
	return 1;
}

/* read_header: the first record, as column names (or as data). */
static int
read_header(struct table *t)
{
	size_t i, j;
	int r;

	if ((r = read_record(t)) == TBL_EOF) {
		open_fail(t->flags, t->name, 0, NULL, "empty file");
		return -1;
	}
	if (r != TBL_ROW) {
		open_fail(t->flags, t->name, t->errline, NULL, "%s", t->err);
		return -1;
	}
	if (t->flags & TBL_NOHEADER) {
		t->ncols = t->nf;
		t->pending = 1;
		return 0;
	}
	if (t->nf == 1 && t->f[0].len == 0) {
		open_fail(t->flags, t->name, t->line, NULL,
		    "missing header: the first line is blank");
		return -1;
	}
	for (i = 0; i < t->nf; i++) {
		if (t->f[i].len == 0) {
			open_fail(t->flags, t->name, t->line, NULL,
			    "empty column name in field %zu", i + 1);
			return -1;
		}
		for (j = 0; j < i; j++)
			if (strcmp(t->f[i].s, t->f[j].s) == 0) {
				open_fail(t->flags, t->name, t->line,
				    t->f[i].s, "duplicate column name");
				return -1;
			}
	}
	for (i = 0; i < t->nf; i++)
		buf_add(&t->hdr, t->f[i].s, t->f[i].len + 1);
	t->cols = xreallocarray(NULL, t->nf, sizeof(t->cols[0]));
	for (i = 0, j = 0; i < t->nf; i++) {
		t->cols[i] = t->hdr.s + j;
		j += t->f[i].len + 1;
	}
	t->ncols = t->nf;
	return 0;
}

struct table *
tbl_open_fd(int fd, const char *displayname, const struct tbl_opts *o)
{
	struct table *t;

	if ((t = tbl_start(fd, displayname ? displayname : "<stdin>", o)) == NULL)
		return NULL;
	if (read_header(t) < 0) {
		tbl_close(t);
		return NULL;
	}
	return t;
}

struct table *
tbl_open(const char *path, const struct tbl_opts *o)
{
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		if ((fd = dup(STDIN_FILENO)) < 0) {
			warn_at("<stdin>", 0, NULL, "cannot read:");
			return NULL;
		}
		return tbl_open_fd(fd, "<stdin>", o);
	}
	if ((fd = open(path, O_RDONLY)) < 0) {
		open_fail(o ? o->flags : 0, path, 0, NULL, "cannot open: %s",
		    strerror(errno));
		return NULL;
	}
	return tbl_open_fd(fd, path, o);
}

void
tbl_close(struct table *t)
{
	if (t == NULL)
		return;
	src_close(&t->src);
	csv_free(&t->csv);
	buf_free(&t->arena);
	buf_free(&t->hdr);
	free(t->cols);
	free(t->f);
	free(t->dpos);
	free(t->buf);
	free(t->name);
	free(t);
}

int
tbl_next(struct table *t)
{
	int r;

	if (t->pending) {
		t->pending = 0;
		t->rowno = 1;
		return t->last = TBL_ROW;
	}
	if (t->last == TBL_FATAL)
		return TBL_FATAL;
	r = read_record(t);
	if (r == TBL_ROW || r == TBL_BAD)
		t->rowno++;
	return t->last = r;
}

size_t
tbl_nfields(const struct table *t)
{
	return t->nf;
}

const struct field *
tbl_fields(const struct table *t)
{
	return t->f;
}

long
tbl_line(const struct table *t)
{
	return t->line;
}

long
tbl_rowno(const struct table *t)
{
	return t->rowno;
}

const char *
tbl_error(const struct table *t)
{
	return t->err;
}

long
tbl_error_line(const struct table *t)
{
	return t->errline;
}

void
tbl_perror(struct table *t)
{
	const char *hint;

	warn_at(t->name, t->errline, NULL, "%s", t->err);
	if ((hint = tbl_take_hint(t)) != NULL)
		warn_at(t->name, 0, NULL, "%s", hint);
}

const char *
tbl_take_hint(struct table *t)
{
	if (t->hint != HINT_PENDING)
		return NULL;
	t->hint = HINT_DONE;
	return "hint: the file looks like GB18030 (saved by Excel on "
	    "Chinese Windows?); read it with --encoding gb18030";
}

int
tbl_met_bad_utf8(const struct table *t)
{
	return t->hint != HINT_UNSEEN;
}

size_t
tbl_ncols(const struct table *t)
{
	return t->ncols;
}

const char *
tbl_colname(const struct table *t, size_t i)
{
	if (t->cols == NULL || i >= t->ncols)
		return "";
	return t->cols[i];
}

int
tbl_col(const struct table *t, const char *name)
{
	size_t i;

	if (t->cols == NULL)
		return -1;
	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
tbl_name(const struct table *t)
{
	return t->name;
}

char
tbl_delim(const struct table *t)
{
	return t->delim;
}

/* tbl_rawoffset: where the next record starts, counting a BOM. */
unsigned long long
tbl_rawoffset(const struct table *t)
{
	return t->base + t->pos + t->src.bom;
}

unsigned long long
tbl_offset(const struct table *t)
{
	return tbl_rawoffset(t);
}
