/*
 * fuzz_out.c - the writers of out.h, read back by the table reader:
 * the output of one tool is the input of the next.
 *
 * The input is a table of raw values: lines are rows (the first the
 * header), 0x1F separates values; rows are cut or padded to the
 * header's width.  It is written in every format.  Invariants:
 *  - CSV read back gives every value exactly (a row holding text that
 *    is not UTF-8 comes back as a refused record, never as other text);
 *  - TSV read back gives every value with its tab, line feed, carriage
 *    return and backslash escaped (\t \n \r \\), and nothing else
 *    changed;
 *  - --excel CSV read back has no cell a spreadsheet would run: a cell
 *    beginning with = + - @ tab or CR is the text formula ="...", a
 *    negative number, or the value behind a quote (');
 *  - JSON and JSONL are UTF-8 with no raw control character but the
 *    line feeds between objects.
 * A header the reader would refuse (an empty or repeated name, text
 * that is not UTF-8, a leading U+FEFF taken for a BOM) is not tried.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#define MAXCOLS	16
#define MAXROWS	64

struct tab {
	size_t	 ncols, nrows;
	const char *v[MAXROWS + 1][MAXCOLS];	/* row 0: the header */
	char	*text;
};

/* parse: p[0..n) as rows of values; 0 when its header is unusable. */
static int
parse(struct tab *t, const uint8_t *p, size_t n)
{
	char *s, *line, *next, *val;
	size_t r, c, i, j;

	memset(t, 0, sizeof(*t));
	if (memchr(p, '\0', n) != NULL)
		return 0;
	t->text = s = xstrndup((const char *)p, n);
	for (r = 0; s != NULL && r <= MAXROWS; r++) {
		line = s;
		if ((next = strchr(s, '\n')) != NULL)
			*next++ = '\0';
		s = next;
		for (c = 0; line != NULL && c < MAXCOLS; c++) {
			val = line;
			if ((line = strchr(line, 0x1F)) != NULL)
				*line++ = '\0';
			if (r == 0 || c < t->ncols)
				t->v[r][c] = val;
		}
		if (r == 0)
			t->ncols = c;
		for (; c < t->ncols; c++)
			t->v[r][c] = "";
	}
	t->nrows = r - 1;
	for (i = 0; i < t->ncols; i++) {
		if (*t->v[0][i] == '\0' || !utf8_valid(t->v[0][i],
		    strlen(t->v[0][i])))
			return 0;
		for (j = 0; j < i; j++)
			if (strcmp(t->v[0][i], t->v[0][j]) == 0)
				return 0;
	}
	return strncmp(t->v[0][0], "\xEF\xBB\xBF", 3) != 0;
}

static int
row_utf8(const struct tab *t, size_t r)
{
	size_t c;

	for (c = 0; c < t->ncols; c++)
		if (!utf8_valid(t->v[r][c], strlen(t->v[r][c])))
			return 0;
	return 1;
}

/* write_as: t in format f into a fresh descriptor, at offset 0. */
static int
write_as(const struct tab *t, enum outfmt f, int flags)
{
	int fd = fuzz_fd("", 0);
	struct out *o = out_open_fd(fd, "out", f, flags);
	size_t r;

	out_header(o, t->ncols, t->v[0]);
	for (r = 1; r <= t->nrows; r++)
		out_row(o, t->ncols, t->v[r]);
	out_close(o);
	FUZZ_CHECK(lseek(fd, 0, SEEK_SET) == 0);
	return fd;
}

/* tsv_escaped: v with \t \n \r \ escaped, as the TSV writer does. */
static void
tsv_escaped(struct buf *b, const char *v)
{
	buf_reset(b);
	for (; *v != '\0'; v++)
		switch (*v) {
		case '\t': buf_adds(b, "\\t"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\\': buf_adds(b, "\\\\"); break;
		default: buf_addc(b, *v);
		}
	buf_cstr(b);
}

static void
same_value(const struct field *f, const char *want, size_t n)
{
	FUZZ_CHECK(f->len == n && memcmp(f->s, want, n) == 0);
}

/* read_back: the written table reads back as t (escaped for TSV). */
static void
read_back(const struct tab *t, enum outfmt f)
{
	struct tbl_opts o = { f == FMT_TSV ? '\t' : ',', ENC_UTF8, 0 };
	struct table *in;
	struct buf b = {0};
	size_t r, c;
	int got;

	in = tbl_open_fd(write_as(t, f, 0), "out", &o);
	FUZZ_CHECK(in != NULL && tbl_ncols(in) == t->ncols);
	for (c = 0; c < t->ncols; c++) {
		struct field h = { tbl_colname(in, c),
		    strlen(tbl_colname(in, c)) };

		if (f == FMT_TSV)
			tsv_escaped(&b, t->v[0][c]);
		else
			buf_reset(&b), buf_adds(&b, t->v[0][c]);
		same_value(&h, buf_cstr(&b), b.len);
	}
	for (r = 1; r <= t->nrows; r++) {
		got = tbl_next(in);
		if (!row_utf8(t, r)) {
			FUZZ_CHECK(got == TBL_BAD);
			continue;
		}
		FUZZ_CHECK(got == TBL_ROW);
		for (c = 0; c < t->ncols; c++) {
			if (f == FMT_TSV)
				tsv_escaped(&b, t->v[r][c]);
			else
				buf_reset(&b), buf_adds(&b, t->v[r][c]);
			same_value(&tbl_fields(in)[c], buf_cstr(&b), b.len);
		}
	}
	FUZZ_CHECK(tbl_next(in) == TBL_EOF);
	tbl_close(in);
	buf_free(&b);
}

/* harmless: a cell as Excel would open it runs nothing. */
static int
harmless(const struct field *f)
{
	const char *s = f->s;
	size_t i = 1, n = f->len;

	if (n == 0 || strchr("=+-@\t\r", s[0]) == NULL)
		return 1;
	if (n >= 4 && strncmp(s, "=\"", 2) == 0 && s[n - 1] == '"' &&
	    memchr(s + 2, '"', n - 3) == NULL)
		return 1;		/* the text formula ="..." */
	if (s[0] != '-' || n < 2)
		return 0;
	while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
		i++;
	return i == n;			/* a negative number */
}

static void
excel_safe(const struct tab *t)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	struct table *in = tbl_open_fd(write_as(t, FMT_CSV, OUT_EXCEL), "out",
	    &o);
	size_t c;
	int r;

	FUZZ_CHECK(in != NULL);
	while ((r = tbl_next(in)) != TBL_EOF && r != TBL_FATAL)
		for (c = 0; r == TBL_ROW && c < tbl_nfields(in); c++)
			FUZZ_CHECK(harmless(&tbl_fields(in)[c]));
	tbl_close(in);
}

/* json_clean: the JSON written is UTF-8, control characters escaped. */
static void
json_clean(const struct tab *t, enum outfmt f)
{
	struct buf b = {0};
	char tmp[4096];
	ssize_t n;
	size_t i;
	int fd = write_as(t, f, 0);

	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		buf_add(&b, tmp, (size_t)n);
	close(fd);
	FUZZ_CHECK(utf8_valid(b.s ? b.s : "", b.len));
	for (i = 0; i < b.len; i++)
		FUZZ_CHECK((unsigned char)b.s[i] >= 0x20 || b.s[i] == '\n');
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tab *t;

	fuzz_setup();
	if (size > 16 * 1024)
		return 0;
	t = xmalloc(sizeof(*t));
	if (parse(t, data, size)) {
		read_back(t, FMT_CSV);
		read_back(t, FMT_TSV);
		excel_safe(t);
		json_clean(t, FMT_JSON);
		json_clean(t, FMT_JSONL);
		close(write_as(t, FMT_TABLE, 0));
		close(write_as(t, FMT_HTML, 0));
	}
	free(t->text);
	free(t);
	return 0;
}
