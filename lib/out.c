/*
 * out.c - the table writer of out.h: the buffer and its descriptor,
 * write errors, and the formats for programs (csv, tsv, json, jsonl);
 * out_people.c has those for people (table, html).
 *
 * Bytes collect in one large buffer that goes out with write(2) when it
 * fills, at out_flush and at out_close.  csv, tsv, json, jsonl and html
 * are written as rows come; "table" keeps its cells (escaped, with their
 * display widths) until out_close, since every row decides the widths.
 *
 * Shapes, for a header a,b and one row 1,x:
 *	csv	a,b\n1,x\n
 *	tsv	a\tb\n1\tx\n
 *	json	[\n{"a":"1","b":"x"}\n]\n	(no rows: []\n)
 *	jsonl	{"a":"1","b":"x"}\n
 *	table	a  b\n1  x\n	(two spaces between columns, no
 *			trailing spaces; a title goes first, on its own line)
 *	html	a page: <!DOCTYPE html>, inline CSS, an <h1> with the
 *		title, the table; no scripts, nothing fetched
 * A row with more values than the header has columns keeps them all;
 * json names the extra ones by their column number ("3").
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "diag.h"
#include "out_impl.h"
#include "pii_check.h"
#include "util.h"
#include "valid.h"

static const char *const format_names[] = {
	[FMT_CSV] = "csv", [FMT_TSV] = "tsv", [FMT_TABLE] = "table",
	[FMT_JSON] = "json", [FMT_JSONL] = "jsonl", [FMT_HTML] = "html"
};

int
out_parse_format(const char *s)
{
	size_t i;

	for (i = 0; i < NELEM(format_names); i++)
		if (strcmp(s, format_names[i]) == 0)
			return (int)i;
	return -1;
}

struct out *
out_open_fd(int fd, const char *name, enum outfmt f, int flags)
{
	struct out *o = xcalloc(1, sizeof(*o));

	o->fd = fd;
	o->name = xstrdup(name);
	o->fmt = f;
	o->flags = flags;
	o->b = xmalloc(OUT_BUFSIZE);
	if (pii_check_on() && (f == FMT_TABLE || f == FMT_HTML ||
	    (flags & OUT_MASK_ALWAYS))) {
		o->pii = xcalloc(1, sizeof(*o->pii));
		o->pii->where = o->name;
	}
	return o;
}

struct out *
out_stdout(enum outfmt f, int flags)
{
	return out_open_fd(STDOUT_FILENO, "<stdout>", f, flags);
}

void
out_title(struct out *o, const char *title)
{
	free(o->title);
	o->title = xstrdup(title);
}

/*
 * out_keep_going: SIGPIPE is ignored from now on (else the kernel would
 * end the process before write(2) could say EPIPE).
 */
void
out_keep_going(struct out *o)
{
	o->keep_going = 1;
	signal(SIGPIPE, SIG_IGN);
}

void
out_set_tap(struct out *o, void (*fn)(void *, const void *, size_t),
    void *arg)
{
	o->tap = fn;
	o->taparg = arg;
}

unsigned long long
out_bytes(const struct out *o)
{
	return o->bytes;
}

/* broken_pipe: end quietly, as SIGPIPE would, unless told to go on. */
static void
broken_pipe(struct out *o)
{
	sigset_t set;

	if (o->keep_going) {
		o->broken = 1;
		return;
	}
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGPIPE);
	_exit(EXIT_TROUBLE);
}

/* emit: write p[0..n) to the descriptor, all of it. */
static void
emit(struct out *o, const char *p, size_t n)
{
	ssize_t r;

	if (o->pii != NULL)
		pii_scan_feed(o->pii, p, n);
	while (n > 0 && !o->broken) {
		if ((r = write(o->fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE) {
				broken_pipe(o);
				return;
			}
			die(EXIT_TROUBLE, "%s: write error:", o->name);
		}
		if (o->tap != NULL)
			o->tap(o->taparg, p, (size_t)r);
		o->bytes += (unsigned long long)r;
		p += r;
		n -= (size_t)r;
	}
}

void
out_flush(struct out *o)
{
	if (o->fd == STDOUT_FILENO && o->blen > 0)
		progress_end();	/* the terminal may be both */
	emit(o, o->b, o->blen);
	o->blen = 0;
}

int
out_sync(struct out *o)
{
	out_flush(o);
	return fsync(o->fd);
}

/* out_put_full: the buffer cannot take n more bytes: flush, then take them. */
void
out_put_full(struct out *o, const char *p, size_t n)
{
	out_flush(o);
	if (n >= OUT_BUFSIZE) {
		emit(o, p, n);
		return;
	}
	memcpy(o->b, p, n);
	o->blen = n;
}

/* out_is_numeric: column i was marked with out_numeric. */
int
out_is_numeric(const struct out *o, size_t i)
{
	return i < o->nnumeric && o->numeric[i];
}

void
out_numeric(struct out *o, size_t i)
{
	if (i >= o->nnumeric) {
		o->numeric = xrealloc(o->numeric, i + 1);
		memset(o->numeric + o->nnumeric, 0, i + 1 - o->nnumeric);
		o->nnumeric = i + 1;
	}
	o->numeric[i] = 1;
}

/* ---- csv and tsv ---- */

/* plain_number: -?[0-9]+(\.[0-9]+)?, which no spreadsheet runs. */
static int
plain_number(const char *s, size_t n)
{
	size_t i = s[0] == '-' ? 1 : 0, digits = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (digits == 0)
		return 0;
	if (i < n && s[i] == '.') {
		digits = 0;
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
		if (digits == 0)
			return 0;
	}
	return i == n;
}

/*
 * formula_like: would a spreadsheet take this cell as a formula?  It
 * begins with = + - @, a tab or a CR (OWASP's list); a negative number
 * such as -12.50 is left alone.
 */
static int
formula_like(const char *s, size_t n)
{
	if (n == 0 || strchr("=+-@\t\r", s[0]) == NULL)
		return 0;
	return !(s[0] == '-' && plain_number(s, n));
}

/* short_integer: -?[1-9][0-9]{0,8} or 0, which Excel shows as written. */
static int
short_integer(const char *s, size_t n)
{
	size_t i = n > 0 && s[0] == '-' ? 1 : 0;

	if (n - i == 1 && s[i] == '0')
		return i == 0;
	if (n - i == 0 || n - i > 9 || s[i] == '0')
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/*
 * excel_would_change: would Excel, opening the CSV, take this cell for a
 * number, a date or a truth value, and so show and save other text than
 * was written?  An 18-digit ID number loses its last digits, 007 its
 * zeros, 5678.90 its last zero, 2026-01-05 becomes 2026/1/5.  Any cell
 * of digits and the characters of numbers, dates and times qualifies,
 * except a short integer (counts stay numbers Excel can add up).
 */
static int
excel_would_change(const char *s, size_t n)
{
	static const char numeric[] = " %+,-./:Ee";
	size_t i, digits = 0;

	if ((n == 4 && strncasecmp(s, "true", 4) == 0) ||
	    (n == 5 && strncasecmp(s, "false", 5) == 0))
		return 1;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (memchr(numeric, s[i], sizeof(numeric) - 1) == NULL)
			return 0;
	}
	return digits > 0 && !short_integer(s, n);
}

/*
 * excel_text_cell: s[0..n) as the formula ="s", which Excel shows, and
 * saves, as exactly that text.  s holds no quote (excel_would_change).
 */
static void
excel_text_cell(struct out *o, const char *s, size_t n)
{
	put(o, "\"=\"\"", 4);
	put(o, s, n);
	put(o, "\"\"\"", 3);
}

/* Bytes that make a CSV value need quotes. */
static const unsigned char csv_special[256] = {
	['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1
};

static void
csv_cell(struct out *o, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, start;
	int quote = 0;

	if ((o->flags & OUT_EXCEL) && !formula_like(s, n) &&
	    excel_would_change(s, n)) {
		excel_text_cell(o, s, n);
		return;
	}
	for (i = 0; i < n; i++)
		if (csv_special[u[i]]) {
			quote = 1;
			break;
		}
	if (quote)
		put(o, "\"", 1);
	if ((o->flags & OUT_EXCEL) && formula_like(s, n))
		put(o, "'", 1);
	if (!quote) {
		put(o, s, n);
		return;
	}
	for (i = start = 0; i < n; i++)
		if (s[i] == '"') {
			put(o, s + start, i + 1 - start);
			start = i;
		}
	put(o, s + start, n - start);
	put(o, "\"", 1);
}

/* out_tsv_escape: the escape for byte c in TSV and table cells, or NULL. */
const char *
out_tsv_escape(char c)
{
	switch (c) {
	case '\t':
		return "\\t";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\\':
		return "\\\\";
	default:
		return NULL;
	}
}

static void
tsv_cell(struct out *o, const char *s, size_t n)
{
	size_t i, start;
	const char *e;

	for (i = start = 0; i < n; i++)
		if ((e = out_tsv_escape(s[i])) != NULL) {
			put(o, s + start, i - start);
			put(o, e, 2);
			start = i + 1;
		}
	put(o, s + start, n - start);
}

static void
delimited_row(struct out *o, size_t n, const struct field *f)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			put(o, o->fmt == FMT_TSV ? "\t" : ",", 1);
		if (o->fmt == FMT_TSV)
			tsv_cell(o, f[i].s, f[i].len);
		else
			csv_cell(o, f[i].s, f[i].len);
	}
	put(o, "\n", 1);
}

/* ---- json ---- */

/* json_number: does s[0..n) follow JSON's number grammar? */
static int
json_number(const char *s, size_t n)
{
	size_t i = 0, d;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else {
		for (d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return 0;
	}
	if (i < n && s[i] == '.') {
		for (d = 0, i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return 0;
	}
	return i == n;
}

/*
 * json_string: s[0..n) as a JSON string: quote, backslash and control
 * characters escaped (\b \f \n \r \t, others \u00XX); UTF-8 passed
 * through; a byte that is not well-formed UTF-8 becomes U+FFFD.
 */
static void
json_string(struct out *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i, start, k;
	char esc[7];

	put(o, "\"", 1);
	for (i = start = 0; i < n; ) {
		if (u[i] >= 0x20 && u[i] != '"' && u[i] != '\\' && u[i] < 0x80) {
			i++;
			continue;
		}
		if (u[i] >= 0x80 && (k = utf8_charlen(s + i, n - i)) != 0) {
			i += k;
			continue;
		}
		put(o, s + start, i - start);
		switch (u[i]) {
		case '"': puts_(o, "\\\""); break;
		case '\\': puts_(o, "\\\\"); break;
		case '\b': puts_(o, "\\b"); break;
		case '\f': puts_(o, "\\f"); break;
		case '\n': puts_(o, "\\n"); break;
		case '\r': puts_(o, "\\r"); break;
		case '\t': puts_(o, "\\t"); break;
		default:
			if (u[i] >= 0x80) {
				puts_(o, "\\ufffd");
				break;
			}
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[u[i] >> 4];
			esc[5] = hex[u[i] & 15];
			put(o, esc, 6);
		}
		start = ++i;
	}
	put(o, s + start, n - start);
	put(o, "\"", 1);
}

static void
json_key(struct out *o, size_t i)
{
	char num[24];

	if (i < o->ncols) {
		json_string(o, o->cols[i], strlen(o->cols[i]));
		return;
	}
	snprintf(num, sizeof(num), "%zu", i + 1);
	json_string(o, num, strlen(num));
}

static void
json_row(struct out *o, size_t n, const struct field *f)
{
	size_t i;

	if (o->fmt == FMT_JSON)
		puts_(o, o->nrows == 0 ? "[\n" : ",\n");
	put(o, "{", 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			put(o, ",", 1);
		json_key(o, i);
		put(o, ":", 1);
		if (out_is_numeric(o, i) && f[i].len == 0)
			puts_(o, "null");
		else if (out_is_numeric(o, i) && json_number(f[i].s, f[i].len))
			put(o, f[i].s, f[i].len);
		else
			json_string(o, f[i].s, f[i].len);
	}
	put(o, "}", 1);
	if (o->fmt == FMT_JSONL)
		put(o, "\n", 1);
}

/* ---- rows ---- */

/* header_row: the header line, in the formats that have one. */
static void
header_row(struct out *o, size_t n, const char *const *names)
{
	switch (o->fmt) {
	case FMT_CSV:
		if (o->flags & OUT_EXCEL)
			put(o, "\xEF\xBB\xBF", 3);
		/* FALLTHROUGH */
	case FMT_TSV:
	case FMT_TABLE:
		out_row(o, n, names);
		o->nrows = 0;
		break;
	default:
		break;
	}
}

void
out_header(struct out *o, size_t n, const char *const *names)
{
	size_t i;

	o->cols = xreallocarray(NULL, n, sizeof(o->cols[0]));
	for (i = 0; i < n; i++)
		o->cols[i] = xstrdup(names[i]);
	o->ncols = n;
	if (!(o->flags & OUT_NOHEADER))
		header_row(o, n, names);
	out_mask_setup(o);
}

void
out_rowf(struct out *o, size_t n, const struct field *f)
{
	if (o->mask != NULL)
		f = out_mask_row(o, n, f);
	switch (o->fmt) {
	case FMT_CSV:
	case FMT_TSV:
		delimited_row(o, n, f);
		break;
	case FMT_JSON:
	case FMT_JSONL:
		json_row(o, n, f);
		break;
	case FMT_HTML:
		out_html_row(o, n, f);
		break;
	case FMT_TABLE:
		out_table_row(o, n, f);
		break;
	}
	o->nrows++;
}

/* out_fields: vals as fields, in o's memory (until the next call). */
const struct field *
out_fields(struct out *o, size_t n, const char *const *vals)
{
	size_t i;

	if (n > o->nvals) {
		o->vals = xreallocarray(o->vals, n, sizeof(o->vals[0]));
		o->nvals = n;
	}
	for (i = 0; i < n; i++) {
		o->vals[i].s = vals[i] ? vals[i] : "";
		o->vals[i].len = strlen(o->vals[i].s);
	}
	return o->vals;
}

void
out_row(struct out *o, size_t n, const char *const *vals)
{
	out_rowf(o, n, out_fields(o, n, vals));
}

/* out_free: o's memory, nothing written. */
static void
out_free(struct out *o)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		free(o->cols[i]);
	free(o->cols);
	free(o->numeric);
	free(o->title);
	free(o->vals);
	free(o->mask);
	free(o->masked);
	buf_free(&o->maskbuf);
	buf_free(&o->notes);
	buf_free(&o->held);
	chart_free(o->chart);
	buf_free(&o->cells);
	free(o->coff);
	free(o->cwidth);
	free(o->rstart);
	free(o->width);
	free(o->pii);
	free(o->b);
	free(o->name);
	free(o);
}

void
out_close(struct out *o)
{
	if (o == NULL)
		return;
	switch (o->fmt) {
	case FMT_JSON:
		puts_(o, o->nrows == 0 ? "[]\n" : "\n]\n");
		break;
	case FMT_HTML:
		out_html_end(o);
		break;
	case FMT_TABLE:
		out_table_end(o);
		break;
	default:
		break;
	}
	out_flush(o);
	if (o->pii != NULL)
		pii_scan_end(o->pii);
	out_free(o);
}

void
out_abandon(struct out *o)
{
	if (o != NULL)
		out_free(o);
}

