/*
 * test_table.c - the table reader.
 *
 * Each case gives input bytes and the exact transcript of reading them:
 *	H a|b			the header (H - for TBL_NOHEADER)
 *	2 x|y			a record: its line, its fields
 *	3 BAD why		TBL_BAD: tbl_error_line, tbl_error
 *	5 FATAL why		TBL_FATAL
 *	6 EOF			the line after the last record
 *	! message		tbl_open refused, with what it printed
 * Fields show \n \r \t \\ \| and \xHH for other control bytes.
 *
 * Every case runs in every mode: the plain and the AVX2 fast scans and
 * TBL_SLOW (libcsv for every record), with a 1 MiB and a 16-byte first
 * buffer (so that records cross refills), from a file and from a pipe.
 * All must give the same transcript.  Random inputs then check that the
 * modes agree on anything, and random well-formed CSV that the fields
 * come back exactly as they were written.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "t.h"
#include "table_impl.h"

static char tmpdir[64];

struct mode {
	const char *label;
	int	 scan;
	size_t	 bufsize;
	int	 slow;
	int	 pipe;
};

static const struct mode modes[] = {
	{ "plain", SCAN_PLAIN, 1 << 20, 0, 0 },
	{ "avx2", SCAN_AVX2, 1 << 20, 0, 0 },
	{ "slow", SCAN_PLAIN, 1 << 20, 1, 0 },
	{ "plain/16", SCAN_PLAIN, 16, 0, 0 },
	{ "avx2/16", SCAN_AVX2, 16, 0, 0 },
	{ "slow/16", SCAN_PLAIN, 16, 1, 0 },
	{ "plain/pipe", SCAN_PLAIN, 1 << 20, 0, 1 },
	{ "avx2/pipe/16", SCAN_AVX2, 16, 0, 1 },
	{ "slow/pipe", SCAN_PLAIN, 1 << 20, 1, 1 }
};

/* put_file: tmpdir/name holding p[0..n); returns the path (static). */
static const char *
put_file(const char *name, const void *p, size_t n)
{
	static char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
	    write(fd, p, n) != (ssize_t)n || close(fd) < 0) {
		perror(path);
		exit(2);
	}
	return path;
}

/* pipe_of: the reading end of a pipe a child fills with p[0..n). */
static int
pipe_of(const void *p, size_t n)
{
	int fds[2];

	if (pipe(fds) < 0) {
		perror("pipe");
		exit(2);
	}
	switch (fork()) {
	case -1:
		perror("fork");
		exit(2);
	case 0:
		close(fds[0]);
		(void)!write(fds[1], p, n);
		_exit(0);
	}
	close(fds[1]);
	return fds[0];
}

/* Standard error, caught while tbl_open runs. */
static int saved_stderr = -1;

static void
catch_stderr(void)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/stderr", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	saved_stderr = dup(2);
	dup2(fd, 2);
	close(fd);
}

/* caught: what was written to standard error, without the last \n. */
static void
caught(struct buf *b)
{
	char path[256], tmp[4096];
	ssize_t n;
	int fd;

	dup2(saved_stderr, 2);
	close(saved_stderr);
	snprintf(path, sizeof(path), "%s/stderr", tmpdir);
	fd = open(path, O_RDONLY);
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		buf_add(b, tmp, (size_t)n);
	close(fd);
	if (b->len > 0 && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
}

static void
show_field(struct buf *b, const struct field *f)
{
	size_t i;

	for (i = 0; i < f->len; i++) {
		unsigned char c = (unsigned char)f->s[i];

		switch (c) {
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '|': buf_adds(b, "\\|"); break;
		default:
			if (c < 0x20)
				buf_printf(b, "\\x%02x", c);
			else
				buf_addc(b, (char)c);
		}
	}
	if (f->s[f->len] != '\0')
		buf_adds(b, "<not NUL-terminated>");
}

/* dump: the transcript of reading t to its end. */
static void
dump(struct buf *b, struct table *t)
{
	const struct field *f;
	size_t i, n;
	int r;

	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_BAD || r == TBL_FATAL) {
			buf_printf(b, "%ld %s %s\n", tbl_error_line(t),
			    r == TBL_BAD ? "BAD" : "FATAL", tbl_error(t));
			if (tbl_error_line(t) != tbl_line(t))
				buf_printf(b, "(tbl_line %ld)\n", tbl_line(t));
			if (r == TBL_FATAL)
				return;
			continue;
		}
		buf_printf(b, "%ld ", tbl_line(t));
		f = tbl_fields(t);
		n = tbl_nfields(t);
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_addc(b, '|');
			show_field(b, &f[i]);
		}
		buf_addc(b, '\n');
	}
	buf_printf(b, "%ld EOF\n", tbl_line(t));
}

static void
dump_header(struct buf *b, const struct table *t)
{
	size_t i;

	if (t->flags & TBL_NOHEADER) {
		buf_adds(b, "H -\n");
		return;
	}
	buf_adds(b, "H ");
	for (i = 0; i < tbl_ncols(t); i++) {
		struct field f = { tbl_colname(t, i), strlen(tbl_colname(t, i)) };

		if (i > 0)
			buf_addc(b, '|');
		show_field(b, &f);
	}
	buf_addc(b, '\n');
}

/* Records the fast scan left to the careful one, in the last read_as. */
static unsigned long last_ncareful;

/* read_as: the transcript of in[0..n) read as name in mode m. */
static char *
read_as(const struct mode *m, const char *name, int flags,
    enum encoding enc, const char *in, size_t n)
{
	struct tbl_opts o = { 0, enc, flags | (m->slow ? TBL_SLOW : 0) };
	struct buf b = {0};
	struct table *t;
	int fd;

	tbl_scan_mode = m->scan;
	tbl_bufsize = m->bufsize;
	if (m->pipe)
		fd = pipe_of(in, n);
	else
		fd = open(put_file(name, in, n), O_RDONLY);
	catch_stderr();
	t = tbl_open_fd(fd, name, &o);
	if (t == NULL) {
		buf_adds(&b, "! ");
		caught(&b);
		buf_addc(&b, '\n');
	} else {
		caught(&b);
		dump_header(&b, t);
		dump(&b, t);
		last_ncareful = t->ncareful;
		tbl_close(t);
	}
	if (m->pipe)
		while (wait(NULL) > 0)
			;
	tbl_scan_mode = SCAN_AUTO;
	tbl_bufsize = 1 << 20;
	return b.s;
}

/* expect: in every mode, in[0..n) read as name gives want. */
static void
expect(int line, const char *name, int flags, enum encoding enc,
    const char *in, size_t n, const char *want)
{
	size_t i;
	char *got;
	int ok = 1;

	for (i = 0; i < NELEM(modes); i++) {
		got = read_as(&modes[i], name, flags, enc, in, n);
		if (strcmp(got, want) != 0) {
			fprintf(stderr, "%s:%d: FAIL (%s):\n--- want\n%s--- got\n"
			    "%s---\n", __FILE__, line, modes[i].label, want, got);
			ok = 0;
		}
		free(got);
	}
	if (ok)
		t_pass++;
	else
		t_fail++;
}

#define EXPECT(in, want) \
	expect(__LINE__, "t.csv", 0, ENC_UTF8, in, sizeof(in) - 1, want)
#define EXPECT_AS(name, flags, enc, in, want) \
	expect(__LINE__, name, flags, enc, in, sizeof(in) - 1, want)

static void
test_basics(void)
{
	EXPECT("a,b\n1,2\n3,4\n", "H a|b\n2 1|2\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n1,2", "H a|b\n2 1|2\n3 EOF\n");
	EXPECT("a,b\n", "H a|b\n2 EOF\n");
	EXPECT("a,b", "H a|b\n2 EOF\n");
	EXPECT("a,b\r\n1,2\r\n", "H a|b\n2 1|2\n3 EOF\n");
	EXPECT("a,b\r\n1,2\n3,4\r\n5,6", "H a|b\n2 1|2\n3 3|4\n4 5|6\n5 EOF\n");
	EXPECT("a,b,c\n,,\n", "H a|b|c\n2 ||\n3 EOF\n");
	EXPECT("a\nx\n", "H a\n2 x\n3 EOF\n");
	/* values exactly as written: nothing trimmed */
	EXPECT("a,b\n x , y \n", "H a|b\n2  x | y \n3 EOF\n");
	EXPECT("a,b\n\tx\t,y\t\n", "H a|b\n2 \\tx\\t|y\\t\n3 EOF\n");
	EXPECT(" a , b \n1,2\n", "H  a | b \n2 1|2\n3 EOF\n");
	EXPECT("姓名,工会\n张三,某某公司工会\n",
	    "H 姓名|工会\n2 张三|某某公司工会\n3 EOF\n");
	EXPECT("\xEF\xBB\xBF" "a,b\n1,2\n", "H a|b\n2 1|2\n3 EOF\n");
	/* a CR that ends the input ends the last line */
	EXPECT("a,b\n1,2\r", "H a|b\n2 1|2\n3 EOF\n");
	/* a long record, longer than the small buffer many times */
	EXPECT("a,b\n0123456789012345678901234567890123456789,"
	    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\n",
	    "H a|b\n2 0123456789012345678901234567890123456789|"
	    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\n3 EOF\n");
}

static void
test_quotes(void)
{
	EXPECT("a,b\n\"x,y\",2\n", "H a|b\n2 x,y|2\n3 EOF\n");
	EXPECT("a,b\n\"say \"\"hi\"\"\",2\n",
	    "H a|b\n2 say \"hi\"|2\n3 EOF\n");
	EXPECT("a,b\n\"\",\"\"\n", "H a|b\n2 |\n3 EOF\n");
	EXPECT("a,b\n\"\"\"\",\"\"\"\"\"\"\n", "H a|b\n2 \"|\"\"\n3 EOF\n");
	EXPECT("a,b\n\"l1\nl2\",2\n3,4\n",
	    "H a|b\n2 l1\\nl2|2\n4 3|4\n5 EOF\n");
	EXPECT("a,b\r\n\"l1\r\nl2\",2\r\n3,4\r\n",
	    "H a|b\n2 l1\\r\\nl2|2\n4 3|4\n5 EOF\n");
	EXPECT("a,b\n\"\n\n\n\",\"\n\"\n5,6\n",
	    "H a|b\n2 \\n\\n\\n|\\n\n7 5|6\n8 EOF\n");
	EXPECT("a,b\n\"x\",2", "H a|b\n2 x|2\n3 EOF\n");
	EXPECT("a,b\n1,\"x\"", "H a|b\n2 1|x\n3 EOF\n");
	EXPECT("a,b\n1,\"x\"\r\n", "H a|b\n2 1|x\n3 EOF\n");
	EXPECT("a,b\n1,\"x\"\r", "H a|b\n2 1|x\n3 EOF\n");
	EXPECT("\"a\",\"b,c\"\n1,2\n", "H a|b,c\n2 1|2\n3 EOF\n");
	EXPECT("\"a\nb\",c\n1,2\n", "H a\\nb|c\n3 1|2\n4 EOF\n");
	EXPECT("a,b\n\"张三\",\"某,工会\"\n", "H a|b\n2 张三|某,工会\n3 EOF\n");
	/* a line that looks like a record inside a quoted field */
	EXPECT("a,b\n1,\"x\n3,4\ny\"\n5,6\n",
	    "H a|b\n2 1|x\\n3,4\\ny\n5 5|6\n6 EOF\n");
}

static void
test_bad_records(void)
{
	EXPECT("a,b\n1,2,3\n4,5\n",
	    "H a|b\n2 BAD expected 2 fields, found 3\n3 4|5\n4 EOF\n");
	EXPECT("a,b\n1\n4,5\n",
	    "H a|b\n2 BAD expected 2 fields, found 1\n3 4|5\n4 EOF\n");
	EXPECT("a,b\n\"x\"\n4,5\n",
	    "H a|b\n2 BAD expected 2 fields, found 1\n3 4|5\n4 EOF\n");
	EXPECT("a,b\n1,2\n\n3,4\n",
	    "H a|b\n2 1|2\n3 BAD blank line, expected 2 fields\n4 3|4\n"
	    "5 EOF\n");
	EXPECT("a,b\r\n1,2\r\n\r\n3,4\r\n",
	    "H a|b\n2 1|2\n3 BAD blank line, expected 2 fields\n4 3|4\n"
	    "5 EOF\n");
	EXPECT("a,b\n1,2\n\n",
	    "H a|b\n2 1|2\n3 BAD blank line, expected 2 fields\n4 EOF\n");
	/* in a one-column table a blank line is an empty value */
	EXPECT("a\n1\n\n2\n", "H a\n2 1\n3 \n4 2\n5 EOF\n");
	EXPECT("a,b\n1,x\"y\n3,4\n",
	    "H a|b\n2 BAD b: quote inside an unquoted field\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n1,x\"y\"\n3,4\n",
	    "H a|b\n2 BAD b: quote inside an unquoted field\n3 3|4\n4 EOF\n");
	/* a stray quote does not swallow the lines after it */
	EXPECT("a,b\n1,x\"\n3,4\n5,6\n",
	    "H a|b\n2 BAD b: quote inside an unquoted field\n3 3|4\n"
	    "4 5|6\n5 EOF\n");
	EXPECT("a,b\n \"x\",2\n3,4\n",
	    "H a|b\n2 BAD a: quote inside an unquoted field\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n\"x\"y,2\n3,4\n",
	    "H a|b\n2 BAD a: text after the closing quote\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n\"x\" ,2\n3,4\n",
	    "H a|b\n2 BAD a: text after the closing quote\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n1,\"x\"\"\"y\n3,4\n",
	    "H a|b\n2 BAD b: text after the closing quote\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n1,x\ry\n3,4\n",
	    "H a|b\n2 BAD b: stray carriage return\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n1,\r\r\n3,4\n",
	    "H a|b\n2 BAD b: stray carriage return\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n1,x\0y\n3,4\n",
	    "H a|b\n2 BAD b: NUL byte\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n\"\0\",2\n3,4\n",
	    "H a|b\n2 BAD a: NUL byte\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n1,2,\0\n3,4\n",
	    "H a|b\n2 BAD field 3: NUL byte\n3 3|4\n4 EOF\n");
	/* the first fault of a record is the one told */
	EXPECT("a,b\n1\0,x\"\n3,4\n",
	    "H a|b\n2 BAD a: NUL byte\n3 3|4\n4 EOF\n");
	/* a bad record spanning lines: the next one is numbered right */
	EXPECT("a,b\n\"x\ny\"z,2\n3,4\n",
	    "H a|b\n2 BAD a: text after the closing quote\n4 3|4\n5 EOF\n");
	EXPECT("a,b\n1,2\n\"x,3\n4,5\n",
	    "H a|b\n2 1|2\n3 FATAL a: unterminated quoted field\n");
	EXPECT("a,b\n1,2\n3,\"x\n4,5\n",
	    "H a|b\n2 1|2\n3 FATAL b: unterminated quoted field\n");
	EXPECT("a,b\n1,\"\"\"\n",
	    "H a|b\n2 FATAL b: unterminated quoted field\n");
}

static void
test_bad_text(void)
{
	EXPECT("a,b\n1,\xff\n3,4\n",
	    "H a|b\n2 BAD b: invalid UTF-8\n3 3|4\n4 EOF\n");
	EXPECT("a,b\n\xc0\xaf,1\n", "H a|b\n2 BAD a: invalid UTF-8\n3 EOF\n");
	EXPECT("a,b\n1,\xed\xa0\x80\n", "H a|b\n2 BAD b: invalid UTF-8\n3 EOF\n");
	EXPECT("a,b\n1,\xf4\x90\x80\x80\n",
	    "H a|b\n2 BAD b: invalid UTF-8\n3 EOF\n");
	EXPECT("a,b\n\xe5\xbc,x\n", "H a|b\n2 BAD a: invalid UTF-8\n3 EOF\n");
	EXPECT("a,b\n\"x\",\"\xe5\xbc\"\n",
	    "H a|b\n2 BAD b: invalid UTF-8\n3 EOF\n");
	EXPECT("a,b\n\"x\n\",\"\n\x80\"\n5,6\n",
	    "H a|b\n2 BAD b: invalid UTF-8\n5 5|6\n6 EOF\n");
	EXPECT("a,b\n1,2,\xff\n", "H a|b\n2 BAD field 3: invalid UTF-8\n3 EOF\n");
	/* text is checked before the fields are counted */
	EXPECT("a,b\n\xff\n", "H a|b\n2 BAD a: invalid UTF-8\n3 EOF\n");
}

static void
test_header(void)
{
	EXPECT("", "! unit: t.csv: empty file\n");
	EXPECT("\xEF\xBB\xBF", "! unit: t.csv: empty file\n");
	EXPECT("\n1,2\n",
	    "! unit: t.csv:1: missing header: the first line is blank\n");
	EXPECT("\r\n1,2\n",
	    "! unit: t.csv:1: missing header: the first line is blank\n");
	EXPECT("a,b,a\n1,2,3\n", "! unit: t.csv:1: a: duplicate column name\n");
	EXPECT("a,\"b\",\"b\"\n", "! unit: t.csv:1: b: duplicate column name\n");
	EXPECT("a,,c\n", "! unit: t.csv:1: empty column name in field 2\n");
	EXPECT("a,b,\n", "! unit: t.csv:1: empty column name in field 3\n");
	EXPECT("a,\xff\n", "! unit: t.csv:1: field 2: invalid UTF-8\n");
	EXPECT("a,b\"\n", "! unit: t.csv:1: field 2: quote inside an unquoted "
	    "field\n");
	EXPECT("\"a,b\n1,2\n",
	    "! unit: t.csv:1: field 1: unterminated quoted field\n");
	EXPECT("\xff\xfe" "a\0,\0b\0\n\0",
	    "! unit: t.csv: file is UTF-16; save it as CSV UTF-8, or convert "
	    "with iconv\n");
	EXPECT("\xfe\xff\0a\0,\0b\0\n",
	    "! unit: t.csv: file is UTF-16; save it as CSV UTF-8, or convert "
	    "with iconv\n");
}

static void
test_tsv_and_options(void)
{
	EXPECT_AS("t.tsv", 0, ENC_UTF8, "a\tb\n\"x\t\"y\"\n",
	    "H a|b\n2 \"x|\"y\"\n3 EOF\n");
	EXPECT_AS("t.tsv", 0, ENC_UTF8, "a\tb\n1,2\t3\n4\n",
	    "H a|b\n2 1,2|3\n3 BAD expected 2 fields, found 1\n4 EOF\n");
	EXPECT_AS("t.tsv", 0, ENC_UTF8, "a\tb\r\n 1 \t\r\n",
	    "H a|b\n2  1 |\n3 EOF\n");
	EXPECT_AS("t.tsv", 0, ENC_UTF8, "a\tb\n1\tx\ry\n",
	    "H a|b\n2 BAD b: stray carriage return\n3 EOF\n");
	EXPECT_AS("t.tsv.gz", 0, ENC_UTF8, "a\tb\n1\t2\n",
	    "H a|b\n2 1|2\n3 EOF\n");
	EXPECT_AS("t.csv", TBL_NOHEADER, ENC_UTF8, "1,2\n3,4\n",
	    "H -\n1 1|2\n2 3|4\n3 EOF\n");
	EXPECT_AS("t.csv", TBL_NOHEADER, ENC_UTF8, "1,2\n3\n",
	    "H -\n1 1|2\n2 BAD expected 2 fields, found 1\n3 EOF\n");
	EXPECT_AS("t.csv", TBL_NOHEADER, ENC_UTF8, "a,a\n",
	    "H -\n1 a|a\n2 EOF\n");
	EXPECT_AS("-", 0, ENC_UTF8, "a\n1\n", "H a\n2 1\n3 EOF\n");
}

static void
test_delimiter_option(void)
{
	struct tbl_opts o = { ';', ENC_UTF8, 0 };
	struct table *t;
	const char *path = put_file("semi.csv", "a;b\n\"x;y\";2\n", 12);

	t = tbl_open(path, &o);
	CHECK(t != NULL);
	CHECK_INT(tbl_delim(t), ';');
	CHECK_INT(tbl_ncols(t), 2);
	CHECK_INT(tbl_next(t), TBL_ROW);
	CHECK_STR(tbl_fields(t)[0].s, "x;y");
	tbl_close(t);
	o.delim = '"';
	catch_stderr();
	CHECK(tbl_open_fd(open(path, O_RDONLY), "semi.csv", &o) == NULL);
	{
		struct buf b = {0};

		caught(&b);
		CHECK_STR(b.s, "unit: semi.csv: invalid delimiter");
		buf_free(&b);
	}
}

static void
test_gb18030(void)
{
	EXPECT_AS("t.csv", 0, ENC_GB18030,
	    "\xc3\xfb\xd7\xd6,b\n\xd5\xc5\xc8\xfd,\xa2\xe3\n\"\xb9\xa4,\xbb\xe1\",\x95\x32\x82\x36\n",
	    "H 名字|b\n2 张三|€\n3 工,会|𠀀\n4 EOF\n");
	EXPECT_AS("t.csv", 0, ENC_GBK, "a,b\n\xd5\xc5\xc8\xfd,1\n",
	    "H a|b\n2 张三|1\n3 EOF\n");
	EXPECT_AS("t.csv", 0, ENC_GB18030, "a,b\n1,\xff\n3,4\n",
	    "H a|b\n2 BAD b: invalid GB18030 text\n3 3|4\n4 EOF\n");
	EXPECT_AS("t.csv", 0, ENC_GBK, "a,b\n1,\xff\n",
	    "H a|b\n2 BAD b: invalid GBK text\n3 EOF\n");
	/* an incomplete character at the very end */
	EXPECT_AS("t.csv", 0, ENC_GB18030, "a,b\n1,\xd5",
	    "H a|b\n2 BAD b: invalid GB18030 text\n3 EOF\n");
	/* a UTF-8 BOM says the file is UTF-8 whatever was asked */
	EXPECT_AS("t.csv", 0, ENC_GB18030, "\xEF\xBB\xBF" "a,b\n张三,1\n",
	    "H a|b\n2 张三|1\n3 EOF\n");
}

/* gz: in[0..n) gzip-compressed into b. */
static void
gz(struct buf *b, const char *in, size_t n)
{
	z_stream z;
	unsigned char out[65536];

	memset(&z, 0, sizeof(z));
	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = sizeof(out);
	deflate(&z, Z_FINISH);
	buf_add(b, out, sizeof(out) - z.avail_out);
	deflateEnd(&z);
}

static void
test_gzip(void)
{
	struct buf b = {0}, bad = {0};
	const char *rows = "a,b\n1,2\n\"x\ny\",4\n";

	gz(&b, rows, strlen(rows));
	expect(__LINE__, "t.csv.gz", 0, ENC_UTF8, b.s, b.len,
	    "H a|b\n2 1|2\n3 x\\ny|4\n5 EOF\n");
	/* by magic bytes, whatever the name */
	expect(__LINE__, "-", 0, ENC_UTF8, b.s, b.len,
	    "H a|b\n2 1|2\n3 x\\ny|4\n5 EOF\n");
	/* the trailer cut off */
	expect(__LINE__, "t.csv.gz", 0, ENC_UTF8, b.s, b.len - 8,
	    "H a|b\n2 1|2\n3 x\\ny|4\n5 FATAL truncated gzip stream\n");
	/* two members, as cat a.gz b.gz makes */
	buf_reset(&bad);
	gz(&bad, "a,b\n1,2\n", 8);
	gz(&bad, "3,4\n", 4);
	expect(__LINE__, "t.csv.gz", 0, ENC_UTF8, bad.s, bad.len,
	    "H a|b\n2 1|2\n3 3|4\n4 EOF\n");
	buf_reset(&bad);
	gz(&bad, "a,b\n1,2\n", 8);
	buf_add(&bad, "junk", 4);
	expect(__LINE__, "t.csv.gz", 0, ENC_UTF8, bad.s, bad.len,
	    "H a|b\n2 1|2\n3 FATAL trailing garbage after gzip data\n");
	buf_reset(&bad);
	gz(&bad, "a,b\n1,2\n", 8);
	bad.s[12] ^= 0x55;
	bad.s[13] ^= 0x55;
	{
		char *got = read_as(&modes[0], "t.csv.gz", 0, ENC_UTF8, bad.s,
		    bad.len);

		CHECK(strstr(got, "corrupt gzip data: ") != NULL ||
		    strstr(got, "truncated gzip stream") != NULL);
		free(got);
	}
	/* a UTF-16 file inside gzip is still refused */
	buf_reset(&bad);
	gz(&bad, "\xff\xfe" "a\0", 4);
	expect(__LINE__, "t.csv.gz", 0, ENC_UTF8, bad.s, bad.len,
	    "! unit: t.csv.gz: file is UTF-16; save it as CSV UTF-8, or "
	    "convert with iconv\n");
	/* GB18030 inside gzip */
	buf_reset(&bad);
	gz(&bad, "a\n\xd5\xc5\xc8\xfd\n", 7);
	expect(__LINE__, "t.csv.gz", 0, ENC_GB18030, bad.s, bad.len,
	    "H a\n2 张三\n3 EOF\n");
	buf_free(&b);
	buf_free(&bad);
}

static void
test_open_errors(void)
{
	struct buf b = {0};
	char path[256];

	snprintf(path, sizeof(path), "%s/missing.csv", tmpdir);
	catch_stderr();
	CHECK(tbl_open(path, NULL) == NULL);
	caught(&b);
	CHECK(strstr(b.s, "missing.csv: cannot open: No such file or "
	    "directory") != NULL);
	buf_reset(&b);
	catch_stderr();
	CHECK(tbl_open(tmpdir, NULL) == NULL);
	caught(&b);
	CHECK(strstr(b.s, ": read error: Is a directory") != NULL);
	buf_free(&b);
}

static void
test_accessors(void)
{
	const char *in = "\xEF\xBB\xBF" "id,name\n1,x\n\"2\n\",y\nbad\n3,z\n";
	const char *path = put_file("acc.csv", in, strlen(in));
	struct table *t = tbl_open(path, NULL);

	CHECK(t != NULL);
	CHECK_STR(tbl_name(t), path);
	CHECK_INT(tbl_ncols(t), 2);
	CHECK_INT(tbl_col(t, "name"), 1);
	CHECK_INT(tbl_col(t, "id"), 0);
	CHECK_INT(tbl_col(t, "nam"), -1);
	CHECK_STR(tbl_colname(t, 1), "name");
	CHECK_STR(tbl_colname(t, 2), "");
	CHECK_INT(tbl_delim(t), ',');
	CHECK_INT(tbl_offset(t), 11);
	CHECK_INT(tbl_next(t), TBL_ROW);
	CHECK_INT(tbl_rowno(t), 1);
	CHECK_INT(tbl_line(t), 2);
	CHECK_INT(tbl_offset(t), 15);
	CHECK_INT(tbl_next(t), TBL_ROW);
	CHECK_INT(tbl_rowno(t), 2);
	CHECK_STR(tbl_fields(t)[0].s, "2\n");
	CHECK_INT(tbl_fields(t)[0].len, 2);
	CHECK_INT(tbl_next(t), TBL_BAD);
	CHECK_INT(tbl_rowno(t), 3);
	CHECK_INT(tbl_line(t), 5);
	CHECK_INT(tbl_error_line(t), 5);
	CHECK_INT(tbl_nfields(t), 0);
	CHECK_STR(tbl_error(t), "expected 2 fields, found 1");
	CHECK_INT(tbl_next(t), TBL_ROW);
	CHECK_INT(tbl_rowno(t), 4);
	CHECK_STR(tbl_fields(t)[1].s, "z");
	CHECK_INT(tbl_next(t), TBL_EOF);
	CHECK_INT(tbl_next(t), TBL_EOF);
	CHECK_INT(tbl_offset(t), (long long)strlen(in));
	tbl_close(t);

	/* tbl_perror, and a fatal error stays fatal */
	in = "a\n\"x\n";
	path = put_file("fatal.csv", in, strlen(in));
	t = tbl_open_fd(open(path, O_RDONLY), "fatal.csv", NULL);
	CHECK_INT(tbl_next(t), TBL_FATAL);
	CHECK_INT(tbl_next(t), TBL_FATAL);
	{
		struct buf b = {0};

		catch_stderr();
		tbl_perror(t);
		caught(&b);
		CHECK_STR(b.s, "unit: fatal.csv:2: a: unterminated quoted field");
		buf_free(&b);
	}
	tbl_close(t);
}

/* ---- random inputs ---- */

static unsigned long long rng = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Any bytes at all: every mode must tell the same story. */
static void
test_random_agree(void)
{
	static const char *const piece[] = {
		"a", "bc", ",", ",", "\"", "\"\"", "\n", "\n", "\r", "\r\n",
		" ", "\t", "\xe5\xbc\xa0", "\xff", "\xe5", "x,y", "\"q\"", "\0",
		/* longer than a 32-byte block of the AVX2 scans */
		"\"a quoted field, \"\"longer\"\" than 32 bytes\n\xe5\xbc\xa0\"",
		"unquoted text that is longer than thirty-two bytes"
	};
	struct buf in = {0};
	int i, k, n, ok = 1;
	size_t m;
	char *want, *got;

	for (i = 0; i < 400 && ok; i++) {
		buf_reset(&in);
		buf_adds(&in, rnd(4) ? "h1,h2,h3\n" : "h1\th2\n");
		n = (int)rnd(40);
		for (k = 0; k < n; k++) {
			const char *p = piece[rnd(NELEM(piece))];

			buf_add(&in, p, p[0] ? strlen(p) : 1);
		}
		want = read_as(&modes[2], i % 3 ? "r.csv" : "r.tsv", 0,
		    ENC_UTF8, in.s, in.len);
		for (m = 0; m < NELEM(modes); m++) {
			if (m == 2 || (modes[m].pipe && i % 8 != 0))
				continue;
			got = read_as(&modes[m], i % 3 ? "r.csv" : "r.tsv", 0,
			    ENC_UTF8, in.s, in.len);
			if (strcmp(got, want) != 0) {
				fprintf(stderr, "random input %d (%s) differs:\n"
				    "--- slow\n%s--- %s\n%s---\n", i,
				    modes[m].label, want, modes[m].label, got);
				ok = 0;
			}
			free(got);
		}
		free(want);
	}
	CHECK(ok);
	buf_free(&in);
}

/*
 * Quoted records with their tricky byte at every offset from the
 * opening quote (where the AVX2 scan starts its 32-byte blocks): every
 * mode tells what libcsv does.  @ stands for the padding, ~ for a NUL.
 */
static void
test_quote_offsets(void)
{
	static const char *const tmpl[] = {
		"\"@\",b\"c\n",		/* a quote inside an unquoted field */
		"\"@\",b\"c\"\n",
		"\"@\"x,y\n",		/* text after the closing quote */
		"\"@\"\"y\",z\n",	/* an escaped quote */
		"\"@\n\",z\n1,2\n",	/* a line feed inside quotes */
		"\"@\",\r\n1,2\r\n",	/* CRLF after a closing quote */
		"\"@\",z\r1\n",	/* a stray CR */
		"\"@\",\"\"\n",	/* an empty quoted field */
		"\"@\",\"@\"\"\n",	/* text after, in a later field */
		"\"@\",z\n\"@",	/* unterminated at the end */
		"\"@~\",z\n",	/* a NUL inside quotes */
		"\"@\xe5\xbc\xa0\",\xff\n"
	};
	static const size_t pick[] = { 0, 1, 2, 5 };	/* of modes[] */
	/* the templates that are well-formed, which no fast scan gives up */
	static const char wellformed[] = { 3, 4, 5, 7, 11 };
	struct buf in = {0};
	const char *p;
	char *want, *got;
	size_t i, m, pad;
	int ok = 1;

	for (i = 0; i < NELEM(tmpl) && ok; i++) {
		for (pad = 0; pad < 70 && ok; pad++) {
			buf_reset(&in);
			buf_adds(&in, "a,b\n");
			for (p = tmpl[i]; *p != '\0'; p++) {
				if (*p == '@')
					buf_add(&in, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
					    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
					    pad);
				else
					buf_addc(&in, *p == '~' ? '\0' : *p);
			}
			want = read_as(&modes[2], "o.csv", 0, ENC_UTF8, in.s,
			    in.len);
			for (m = 0; m < NELEM(pick); m++) {
				got = read_as(&modes[pick[m]], "o.csv", 0,
				    ENC_UTF8, in.s, in.len);
				if (!modes[pick[m]].slow && last_ncareful &&
				    memchr(wellformed, (int)i, sizeof(wellformed))) {
					fprintf(stderr, "template %zu, pad %zu "
					    "(%s): left to the careful scan\n",
					    i, pad, modes[pick[m]].label);
					ok = 0;
				}
				if (strcmp(got, want) != 0) {
					fprintf(stderr, "template %zu, pad %zu "
					    "(%s):\n--- slow\n%s--- got\n%s---\n",
					    i, pad, modes[pick[m]].label, want,
					    got);
					ok = 0;
				}
				free(got);
			}
			free(want);
		}
	}
	CHECK(ok);
	buf_free(&in);
}

/* The AVX2 UTF-8 check against utf8_valid, on near-UTF-8 noise. */
static void
test_utf8_check(void)
{
	static const unsigned char lead[] = {
		0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
		0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3,
		0xF4, 0xF5, 0xF7, 0xF8, 0xFF
	};
	static const char *const good[] = {
		"\xe5\xbc\xa0", "\xc3\xa9", "\xf0\xa0\x80\x80", "\xef\xbf\xbf",
		"\xed\x9f\xbf", "\xf4\x8f\xbf\xbf", "\xe0\xa0\x80", "ab"
	};
	char s[100 + 32];
	int i, k, n, bad = 0, valid = 0;

	if (!scan_have_avx2()) {
		CHECK(1);
		return;
	}
	for (i = 0; i < 200000; i++) {
		n = 0;
		while (n < 90) {
			if (rnd(3) == 0) {
				const char *g = good[rnd(NELEM(good))];

				k = (int)strlen(g);
				memcpy(s + n, g, (size_t)k);
				n += k;
			} else
				s[n++] = (char)(rnd(2) ? lead[rnd(NELEM(lead))] :
				    rnd(256));
			if (rnd(8) == 0)
				break;
		}
		if (scan_utf8_valid(1, s, (size_t)n) != utf8_valid(s, (size_t)n)) {
			if (bad++ < 5) {
				fprintf(stderr, "utf8 check differs (%d) on:",
				    utf8_valid(s, (size_t)n));
				for (k = 0; k < n; k++)
					fprintf(stderr, " %02x",
					    (unsigned char)s[k]);
				fprintf(stderr, "\n");
			}
		}
		valid += utf8_valid(s, (size_t)n);
	}
	CHECK_INT(bad, 0);
	/* the noise holds both answers, many times */
	CHECK(valid > 1000 && valid < 199000);
}

/* The bulk line-feed count of tbl_split against a plain count. */
static void
test_count_lf(void)
{
	static const char alphabet[] = "\n\n\x0a\x8a\x0b\x09a\xff";
	char s[80];
	int i, k, n, bad = 0;
	size_t want;

	for (i = 0; i < 20000; i++) {
		n = (int)rnd(sizeof(s));
		for (k = 0, want = 0; k < n; k++) {
			s[k] = alphabet[rnd(sizeof(alphabet) - 1)];
			want += s[k] == '\n';
		}
		bad += scan_count_lf(s, (size_t)n) != want;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(scan_count_lf("\n\n\n\n\n\n\n\n\n", 9), 9);
	CHECK_INT(scan_count_lf("", 0), 0);
}

/* ref_tally: scan_tally's answer, the slow and obvious way. */
static void
ref_tally(const char *p, size_t n, long long off, struct tally *ty)
{
	size_t i;
	int par = 0;

	memset(ty, 0, sizeof(*ty));
	ty->firstbad[0] = ty->firstbad[1] = -1;
	for (i = 0; i < n; i++) {
		ty->lfs += p[i] == '\n';
		if (p[i] != '"')
			continue;
		ty->quotes++;
		/* an opener under the start parity h when par == h */
		if (strchr(",\n\"", p[(long long)i - 1]) == NULL &&
		    ty->firstbad[par] < 0)
			ty->firstbad[par] = off + (long long)i;
		par ^= 1;
	}
}

/* scan_tally, plain and AVX2, against the obvious count. */
static void
test_tally(void)
{
	static const char alphabet[] = "\"\"\",\n\ra\xe5";
	char s[400];
	struct tally want, got;
	int i, k, n, a, bad = 0;

	for (i = 0; i < 20000; i++) {
		n = 1 + (int)rnd(sizeof(s) - 1);
		for (k = 0; k < n; k++)
			s[k] = rnd(6) ? 'x' : alphabet[rnd(sizeof(alphabet) - 1)];
		/* quotes dense or sparse, at any offset from a 64-byte block */
		for (k = 0; k < n && i % 2; k++)
			if (s[k] == 'x')
				s[k] = rnd(20) ? 'y' : '"';
		ref_tally(s + 1, (size_t)n - 1, 1000, &want);
		for (a = 0; a < 2; a++) {
			if (a && !scan_have_avx2())
				continue;
			scan_tally(s + 1, (size_t)n - 1, 1000, ',', 1, a, &got);
			if (memcmp(&want, &got, sizeof(got)) != 0 && bad++ < 3)
				fprintf(stderr, "tally %s of %d bytes: quotes %llu "
				    "lfs %llu bad %lld %lld, want %llu %llu %lld "
				    "%lld\n", a ? "avx2" : "plain", n - 1,
				    got.quotes, got.lfs, got.firstbad[0],
				    got.firstbad[1], want.quotes, want.lfs,
				    want.firstbad[0], want.firstbad[1]);
		}
	}
	CHECK_INT(bad, 0);
	/* TSV: quotes are data */
	scan_tally(&"a\"x\"\n"[1], 4, 0, '\t', 0, scan_have_avx2(), &got);
	CHECK_INT(got.quotes, 0);
	CHECK_INT(got.lfs, 1);
	CHECK_INT(got.firstbad[0], -1);
}

/* One random value for the round trip. */
static void
random_value(struct buf *v)
{
	static const char *const piece[] = {
		"a", "Z9", " ", ",", "\"", "\n", "\r\n", "\t", "张三", "工会",
		"-1.50", "'", "|", "a value longer than a block of 32 bytes"
	};
	int k, n = (int)rnd(5);

	buf_reset(v);
	for (k = 0; k < n; k++)
		buf_adds(v, piece[rnd(NELEM(piece))]);
}

static void
quote_value(struct buf *out, struct buf *v)
{
	size_t i;
	int must = strpbrk(buf_cstr(v), ",\"\r\n") != NULL;

	if (!must && rnd(5) != 0) {
		buf_add(out, v->s, v->len);
		return;
	}
	buf_addc(out, '"');
	for (i = 0; i < v->len; i++) {
		if (v->s[i] == '"')
			buf_addc(out, '"');
		buf_addc(out, v->s[i]);
	}
	buf_addc(out, '"');
}

/* Well-formed CSV: the values come back exactly, on the right lines. */
static void
test_random_roundtrip(void)
{
	struct buf in = {0}, want = {0}, v = {0};
	struct field f;
	int i, r, c, nrec, ncol, ok = 1;
	long line;
	size_t k, m;
	char *got;

	for (i = 0; i < 200 && ok; i++) {
		ncol = 1 + (int)rnd(4);
		buf_reset(&in);
		buf_reset(&want);
		buf_adds(&want, "H ");
		for (c = 0; c < ncol; c++) {
			buf_printf(&in, "%sc%d", c ? "," : "", c);
			buf_printf(&want, "%sc%d", c ? "|" : "", c);
		}
		buf_adds(&in, "\n");
		buf_adds(&want, "\n");
		nrec = (int)rnd(12);
		line = 2;
		for (r = 0; r < nrec; r++) {
			buf_printf(&want, "%ld ", line);
			for (c = 0; c < ncol; c++) {
				random_value(&v);
				/* a lone empty value is a blank line: skip it */
				if (ncol == 1 && v.len == 0)
					buf_adds(&v, "e");
				if (c > 0) {
					buf_addc(&in, ',');
					buf_addc(&want, '|');
				}
				quote_value(&in, &v);
				f.s = buf_cstr(&v);
				f.len = v.len;
				show_field(&want, &f);
				for (k = 0; k < v.len; k++)
					line += v.s[k] == '\n';
			}
			buf_adds(&want, "\n");
			if (r + 1 < nrec || rnd(2))
				buf_adds(&in, rnd(2) ? "\r\n" : "\n");
			line++;
		}
		buf_printf(&want, "%ld EOF\n", line);
		for (m = 0; m < NELEM(modes); m++) {
			if (modes[m].pipe && i % 8 != 0)
				continue;
			got = read_as(&modes[m], "r.csv", 0, ENC_UTF8, in.s,
			    in.len);
			/* well-formed: the fast scans take every record */
			if (!modes[m].slow && last_ncareful != 0) {
				fprintf(stderr, "round trip %d (%s): %lu records "
				    "left to the careful scan\n", i,
				    modes[m].label, last_ncareful);
				ok = 0;
			}
			if (strcmp(got, want.s) != 0) {
				fprintf(stderr, "round trip %d (%s):\n--- want\n"
				    "%s--- got\n%s---\n", i, modes[m].label,
				    want.s, got);
				ok = 0;
			}
			free(got);
		}
	}
	CHECK(ok);
	buf_free(&in);
	buf_free(&want);
	buf_free(&v);
}

/* ---- tbl_split ---- */

/* ranges_dump: the records of every range of path, in order. */
static void
ranges_dump(struct buf *b, const char *path, int k, int *nout)
{
	long long *offs = xreallocarray(NULL, (size_t)k + 1, sizeof(*offs));
	long *lines = xreallocarray(NULL, (size_t)k + 1, sizeof(*lines));
	struct table *t;
	int i, n;

	n = tbl_split(path, NULL, k, offs, lines);
	*nout = n;
	for (i = 0; i < n; i++) {
		t = tbl_open_range(path, NULL, offs[i], offs[i + 1], lines[i]);
		if (t == NULL) {
			buf_adds(b, "open failed\n");
			break;
		}
		/* records are numbered from lines[i]: compared with the
		   whole file's transcript, that checks lines[i] */
		dump(b, t);
		/* keep the EOF line of the last range only */
		if (i + 1 < n) {
			char *e = strrchr(b->s, '\n');

			*e = '\0';
			e = strrchr(b->s, '\n');
			e = e ? e + 1 : b->s;
			b->len = (size_t)(e - b->s);
			b->s[b->len] = '\0';
		}
		tbl_close(t);
	}
	free(offs);
	free(lines);
}

/* whole_dump: the transcript of path read by one reader. */
static char *
whole_dump(const char *path)
{
	struct buf b = {0};
	struct table *t = tbl_open(path, NULL);

	buf_adds(&b, "");
	if (t != NULL) {
		dump(&b, t);
		tbl_close(t);
	}
	return b.s;
}

/*
 * split_agrees: path cut into k ranges (tally in scan mode scan, read
 * block bytes at a time) reads as want.  0 and a message if not.
 */
static int
split_agrees(const char *path, const char *want, int k, int scan,
    size_t block, const char *label)
{
	struct buf parts = {0};
	int n, ok;

	tbl_scan_mode = scan;
	tbl_split_block = block;
	tbl_bufsize = 64;		/* many small tables: small buffers */
	ranges_dump(&parts, path, k, &n);
	tbl_scan_mode = SCAN_AUTO;
	tbl_split_block = 256 * 1024;
	tbl_bufsize = 1 << 20;
	ok = n >= 1 && n <= k && strcmp(parts.s ? parts.s : "", want) == 0;
	if (!ok)
		fprintf(stderr, "%s: split into %d (asked %d, %s, block %zu) "
		    "differs:\n--- whole\n%s--- parts\n%s---\n", label, n, k,
		    scan == SCAN_PLAIN ? "plain" : "avx2", block, want,
		    parts.s ? parts.s : "");
	buf_free(&parts);
	return ok;
}

/*
 * split_everywhere: in both tallies and with small blocks, every cut
 * (a range for each byte) and a few counts of ranges read as one.
 */
static int
split_everywhere(const char *name, const char *in, size_t len,
    const char *label)
{
	static const int scans[] = { SCAN_PLAIN, SCAN_AVX2 };
	static const size_t blocks[] = { 256 * 1024, 1, 7, 64 };
	static const int ks[] = { 2, 3, 4, 5, 7, 16, 33 };
	const char *path = put_file(name, in, len);
	char *want = whole_dump(path);
	size_t s, b, i;
	int ok = 1;

	tbl_split_min = 1;
	for (s = 0; s < NELEM(scans) && ok; s++) {
		if (scans[s] == SCAN_AVX2 && !scan_have_avx2())
			continue;
		for (b = 0; b < NELEM(blocks) && ok; b++) {
			if (b % 2 == 0)
				ok = split_agrees(path, want, (int)len,
				    scans[s], blocks[b], label);
			for (i = 0; i < NELEM(ks) && ok; i++)
				ok = split_agrees(path, want, ks[i], scans[s],
				    blocks[b], label);
		}
	}
	tbl_split_min = 1024 * 1024;
	free(want);
	return ok;
}

/* Quotes, line feeds and malformed quotes at and around every cut. */
static void
test_split_cuts(void)
{
	static const char *const tricky[] = {
		"1,\"a\nb\"\n2,\"\n\n\"\n3,x\n",
		"1,\"\"\"\n\"\"\"\n2,\"\"\n3,\"\n\"\"\n\"\n",
		"1,\"a\r\nb\"\r\n2,c\r\n\"3\r\n\",d\r\n",
		"1,\"x,\ny\"\n\"2\n\",\"\"\n",
		/* malformed quotes, which the reader takes as data */
		"1,bad\"\n2,\"q\nq\"\n3,x\"y\"\n4,\"z\n\"\n",
		"1,\"x\"y\n2,\"\nw\"\n3,\"a\"\"\"b\n4,c\n",
		"\"1\" ,2\n3,\"\n\"\n4,\r\"\n5,\"\n\"\n",
		"1,a\r\n\r\n2,\"b\"\r\n\n3,\"\n\"\n",
		/* an unterminated quote at the end */
		"1,a\n2,\"b\n3,c\n4,d\n",
		"1,a\n2,b\"\n3,\"c\n4,d\n",
		"1,a\n\n\n2,\"\",\n",
		"1,a\n2,b",
		"1,a\n2,\"b\nc\""
	};
	static const char filler[] =
	    "0,a quote-free line long enough to fill a block of 64 bytes\n";
	struct buf in = {0};
	char label[64];
	size_t i;
	int f, ok = 1;

	for (i = 0; i < NELEM(tricky) && ok; i++) {
		for (f = 0; f < 4 && ok; f++) {
			buf_reset(&in);
			buf_adds(&in, f & 2 ? "\xEF\xBB\xBF" "id,v\r\n" : "id,v\n");
			if (f & 1)
				buf_adds(&in, filler);
			buf_adds(&in, tricky[i]);
			/* after the end, the filler is part of the last record */
			if (f & 1)
				buf_adds(&in, filler);
			snprintf(label, sizeof(label), "tricky %zu/%d", i, f);
			ok = split_everywhere("cuts.csv", in.s, in.len, label);
		}
	}
	CHECK(ok);
	/* TSV: quotes are data, every line feed ends a record */
	buf_reset(&in);
	buf_adds(&in, "id\tv\n1\t\"a\n2\tb\"\n3\t\"\"\n4\tc\r\n5\t\"\n");
	buf_adds(&in, filler);
	CHECK(split_everywhere("cuts.tsv", in.s, in.len, "tsv"));
	buf_free(&in);
}

/* Random bytes of CSV and TSV: the cut ranges read as the whole. */
static void
test_split_random(void)
{
	static const char *const piece[] = {
		"a", "bc", ",", ",", "\"", "\"\"", "\n", "\n", "\n", "\r\n",
		"\r", "\t", "\xe5\xbc\xa0", ",\"q\nq\"", "\n\"x\",",
		"\nlong,quote-free,text,to,cross,many,blocks,of,sixty-four",
		",\"a long quoted field, with a line feed\nin it, and more\""
	};
	static const int ks[] = { 2, 3, 5, 9 };
	static const size_t blocks[] = { 256 * 1024, 1, 5, 64, 100 };
	struct buf in = {0};
	const char *name, *path;
	char *want, label[32];
	int i, k, n, ok = 1;

	tbl_split_min = 1;
	for (i = 0; i < 300 && ok; i++) {
		name = i % 4 == 3 ? "rs.tsv" : "rs.csv";
		buf_reset(&in);
		buf_adds(&in, i % 4 == 3 ? "h1\th2\n" : "h1,h2,h3\n");
		n = (int)rnd(60);
		for (k = 0; k < n; k++)
			buf_adds(&in, piece[rnd(NELEM(piece))]);
		path = put_file(name, in.s, in.len);
		want = whole_dump(path);
		snprintf(label, sizeof(label), "random split %d", i);
		ok = split_agrees(path, want, ks[rnd(NELEM(ks))],
		    rnd(2) ? SCAN_PLAIN : SCAN_AUTO, blocks[rnd(NELEM(blocks))],
		    label) && split_agrees(path, want, (int)in.len,
		    rnd(2) ? SCAN_PLAIN : SCAN_AUTO, blocks[rnd(NELEM(blocks))],
		    label);
		free(want);
	}
	tbl_split_min = 1024 * 1024;
	CHECK(ok);
	buf_free(&in);
}

static void
test_split(void)
{
	struct buf in = {0}, whole = {0}, parts = {0};
	struct table *t;
	const char *path;
	static const size_t bufsizes[] = { 1 << 20, 16, 100, 4096 };
	size_t b;
	int i, k, n, ok = 1, split = 0;
	long long offs[3];
	long lines[3];

	buf_adds(&in, "\xEF\xBB\xBF" "id,note\n");
	for (i = 0; i < 600; i++) {
		/* long stretches without a quote, then short ones */
		switch (i < 300 ? (rnd(40) == 0 ? 0 : 3) : rnd(4)) {
		case 0:
			buf_printf(&in, "%d,\"a\n%d,b\nc\"\n", i, i);
			break;
		case 1:
			buf_printf(&in, "%d,\"\"\"\n\"\"\"\r\n", i);
			break;
		case 2:
			buf_printf(&in, "%d,bad\"\n", i);
			break;
		default:
			buf_printf(&in, "%d,plain text\n", i);
		}
	}
	path = put_file("split.csv", in.s, in.len);
	t = tbl_open(path, NULL);
	dump(&whole, t);
	tbl_close(t);
	tbl_split_min = 1;
	/* small buffers make the cutting pass refill mid-stretch */
	for (b = 0; b < NELEM(bufsizes) && ok; b++) {
		tbl_bufsize = bufsizes[b];
		for (k = 1; k <= 64; k += (k < 8 ? 1 : 7)) {
			buf_reset(&parts);
			ranges_dump(&parts, path, k, &n);
			if (n > 1)
				split = 1;
			if (n > k || strcmp(parts.s, whole.s) != 0) {
				fprintf(stderr, "split into %d (asked %d, buffer "
				    "%zu) differs:\n--- whole\n%s--- parts\n"
				    "%s---\n", n, k, bufsizes[b], whole.s,
				    parts.s);
				ok = 0;
				break;
			}
		}
	}
	tbl_bufsize = 1 << 20;
	CHECK(ok);
	CHECK(split);
	/* too small to split by default, or a pipe, or gzip: one range */
	tbl_split_min = 1024 * 1024;
	CHECK_INT(tbl_split(path, NULL, 4, offs, lines), 1);
	CHECK_INT(offs[0], 11);
	CHECK_INT(lines[0], 2);
	CHECK_INT(offs[1], (long long)in.len);
	CHECK_INT(tbl_split("-", NULL, 4, offs, lines), 1);
	CHECK_INT(offs[0], 0);
	buf_reset(&parts);
	gz(&parts, in.s, in.len);
	path = put_file("split.csv.gz", parts.s, parts.len);
	tbl_split_min = 1;
	CHECK_INT(tbl_split(path, NULL, 4, offs, lines), 1);
	CHECK_INT(offs[0], 0);
	/* offs[0] == 0 means "the whole file, as tbl_open" */
	t = tbl_open_range(path, NULL, offs[0], offs[1], lines[0]);
	buf_reset(&parts);
	dump(&parts, t);
	tbl_close(t);
	CHECK_STR(parts.s, whole.s);
	tbl_split_min = 1024 * 1024;
	buf_free(&in);
	buf_free(&whole);
	buf_free(&parts);
}

static void
setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_table.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
}

static void
cleanup(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	(void)!system(cmd);
}

T_MAIN(
	setup();
	test_basics();
	test_quotes();
	test_bad_records();
	test_bad_text();
	test_header();
	test_tsv_and_options();
	test_delimiter_option();
	test_gb18030();
	test_gzip();
	test_open_errors();
	test_accessors();
	test_utf8_check();
	test_count_lf();
	test_tally();
	test_random_agree();
	test_quote_offsets();
	test_random_roundtrip();
	test_split();
	test_split_cuts();
	test_split_random();
	cleanup();
)
