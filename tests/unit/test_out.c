/*
 * test_out.c - the table writer: the exact bytes of every format, Excel
 * neutralising, display widths, and what happens when writing fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"

static char tmpdir[64];

/* A table to write: a header and rows of up to 4 values. */
struct sample {
	size_t	 ncols;
	const char *cols[4];
	int	 numeric[4];
	size_t	 nrows;
	size_t	 nvals[8];
	const char *rows[8][4];
};

static char *
slurp(const char *path)
{
	struct buf b = {0};
	char tmp[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		buf_add(&b, tmp, (size_t)n);
	close(fd);
	return b.s ? b.s : xstrdup("");
}

/* scratch_out: a writer on a fresh scratch file; *fd for finish_out */
static struct out *
scratch_out(enum outfmt f, int flags, int *fd)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/out", tmpdir);
	*fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	return out_open_fd(*fd, "out", f, flags);
}

/* finish_out: close the writer; the bytes it wrote */
static char *
finish_out(struct out *o, int fd)
{
	char path[128];

	out_close(o);
	close(fd);
	snprintf(path, sizeof(path), "%s/out", tmpdir);
	return slurp(path);
}

/* render: the bytes sample s makes in format f with flags. */
static char *
render(const struct sample *s, enum outfmt f, int flags, const char *title)
{
	struct out *o;
	size_t i;
	int fd;

	o = scratch_out(f, flags, &fd);
	if (title != NULL)
		out_title(o, title);
	if (s->ncols > 0)
		out_header(o, s->ncols, s->cols);
	for (i = 0; i < s->ncols; i++)
		if (s->numeric[i])
			out_numeric(o, i);
	for (i = 0; i < s->nrows; i++)
		out_row(o, s->nvals[i], s->rows[i]);
	return finish_out(o, fd);
}

#define CHECK_RENDER(s, f, flags, title, want) do { \
	char *got_ = render(s, f, flags, title); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static const struct sample people = {
	3, { "id", "姓名", "wage" }, { 0, 0, 1 },
	3, { 3, 3, 3 }, {
		{ "1", "张三", "5678.90" },
		{ "22", "Bob", "12.00" },
		{ "3", "", "100.5" }
	}
};

static const struct sample awkward = {
	2, { "a", "b" }, { 0, 0 },
	5, { 2, 2, 2, 2, 2 }, {
		{ "1", "x" },
		{ "a,b", "say \"hi\"" },
		{ "l1\nl2", "cr\r" },
		{ NULL, "" },
		{ " lead", "trail " }
	}
};

static void
test_formats_named(void)
{
	CHECK_INT(out_parse_format("csv"), FMT_CSV);
	CHECK_INT(out_parse_format("tsv"), FMT_TSV);
	CHECK_INT(out_parse_format("table"), FMT_TABLE);
	CHECK_INT(out_parse_format("json"), FMT_JSON);
	CHECK_INT(out_parse_format("jsonl"), FMT_JSONL);
	CHECK_INT(out_parse_format("html"), FMT_HTML);
	CHECK_INT(out_parse_format("xml"), -1);
	CHECK_INT(out_parse_format(""), -1);
	CHECK_INT(out_parse_format("CSV"), -1);
}

static void
test_csv(void)
{
	CHECK_RENDER(&awkward, FMT_CSV, 0, NULL,
	    "a,b\n1,x\n\"a,b\",\"say \"\"hi\"\"\"\n\"l1\nl2\",\"cr\r\"\n,\n"
	    " lead,trail \n");
	CHECK_RENDER(&awkward, FMT_CSV, OUT_NOHEADER, NULL,
	    "1,x\n\"a,b\",\"say \"\"hi\"\"\"\n\"l1\nl2\",\"cr\r\"\n,\n"
	    " lead,trail \n");
	CHECK_RENDER(&people, FMT_CSV, 0, "ignored",
	    "id,姓名,wage\n1,张三,5678.90\n22,Bob,12.00\n3,,100.5\n");
}

static void
test_excel(void)
{
	static const struct sample formulas = {
		1, { "v" }, { 0 },
		1, { 4 }, { { "=1+2", "+86", "-12.50", "-1+1" } }
	};
	static const struct sample more = {
		4, { "=a", "b", "c", "d" }, { 0, 0, 0, 0 },
		3, { 4, 4, 4 }, {
			{ "@SUM(A1)", "\tx", "\rx", "a=b" },
			{ "-", "-.5", "-1.", "=SUM(A1,B1)" },
			{ "", "12", "-7", "'=x" }
		}
	};
	static const struct sample numbers = {
		1, { "v" }, { 0 },
		4, { 4, 4, 4, 4 }, {
			{ "007", "320803199001010111", "5678.90", "2026-01-05" },
			{ "123456789", "1234567890", "-0", "true" },
			{ "0", "-7", "12:30", "1,234" },
			{ "3E5", "1/2", "3号楼", "M0001" }
		}
	};

	CHECK_RENDER(&formulas, FMT_CSV, OUT_EXCEL, NULL,
	    "\xEF\xBB\xBFv\n'=1+2,'+86,\"=\"\"-12.50\"\"\",'-1+1\n");
	/* what Excel would read as a number or date and save changed */
	CHECK_RENDER(&numbers, FMT_CSV, OUT_EXCEL, NULL,
	    "\xEF\xBB\xBFv\n"
	    "\"=\"\"007\"\"\",\"=\"\"320803199001010111\"\"\","
	    "\"=\"\"5678.90\"\"\",\"=\"\"2026-01-05\"\"\"\n"
	    "123456789,\"=\"\"1234567890\"\"\",\"=\"\"-0\"\"\","
	    "\"=\"\"true\"\"\"\n"
	    "0,-7,\"=\"\"12:30\"\"\",\"=\"\"1,234\"\"\"\n"
	    "\"=\"\"3E5\"\"\",\"=\"\"1/2\"\"\",3号楼,M0001\n");
	CHECK_RENDER(&more, FMT_CSV, OUT_EXCEL, NULL,
	    "\xEF\xBB\xBF'=a,b,c,d\n"
	    "'@SUM(A1),'\tx,\"'\rx\",a=b\n"
	    "'-,'-.5,'-1.,\"'=SUM(A1,B1)\"\n"
	    ",12,-7,'=x\n");
	/* appending rows: no BOM in the middle of a file */
	CHECK_RENDER(&formulas, FMT_CSV, OUT_EXCEL | OUT_NOHEADER, NULL,
	    "'=1+2,'+86,\"=\"\"-12.50\"\"\",'-1+1\n");
	/* only CSV is neutralised */
	CHECK_RENDER(&formulas, FMT_TSV, OUT_EXCEL, NULL,
	    "v\n=1+2\t+86\t-12.50\t-1+1\n");
}

static void
test_tsv(void)
{
	static const struct sample esc = {
		2, { "a\tb", "c" }, { 0, 0 },
		2, { 2, 2 }, {
			{ "x\ty", "l1\nl2\r" },
			{ "back\\slash", "\"q\",1" }
		}
	};

	CHECK_RENDER(&esc, FMT_TSV, 0, NULL,
	    "a\\tb\tc\nx\\ty\tl1\\nl2\\r\nback\\\\slash\t\"q\",1\n");
	CHECK_RENDER(&people, FMT_TSV, 0, NULL,
	    "id\t姓名\twage\n1\t张三\t5678.90\n22\tBob\t12.00\n3\t\t100.5\n");
}

static void
test_json(void)
{
	static const struct sample j = {
		3, { "name", "wage", "n\"k" }, { 0, 1, 0 },
		4, { 3, 3, 3, 4 }, {
			{ "张三", "5678.90", "x\"y\\z\n\t\x01\x1f\b\f\r" },
			{ "李四", "", "é\x7f" },
			{ "w", "abc", "\xff" },
			{ "x", "-0.5e3", "1", "extra" }
		}
	};
	static const struct sample none = { 1, { "a" }, { 0 }, 0, { 0 },
	    { { NULL } } };

	CHECK_RENDER(&j, FMT_JSON, 0, NULL,
	    "[\n"
	    "{\"name\":\"张三\",\"wage\":5678.90,"
	    "\"n\\\"k\":\"x\\\"y\\\\z\\n\\t\\u0001\\u001f\\b\\f\\r\"},\n"
	    "{\"name\":\"李四\",\"wage\":null,\"n\\\"k\":\"é\x7f\"},\n"
	    "{\"name\":\"w\",\"wage\":\"abc\",\"n\\\"k\":\"\\ufffd\"},\n"
	    "{\"name\":\"x\",\"wage\":-0.5e3,\"n\\\"k\":\"1\",\"4\":\"extra\"}\n"
	    "]\n");
	CHECK_RENDER(&j, FMT_JSONL, 0, NULL,
	    "{\"name\":\"张三\",\"wage\":5678.90,"
	    "\"n\\\"k\":\"x\\\"y\\\\z\\n\\t\\u0001\\u001f\\b\\f\\r\"}\n"
	    "{\"name\":\"李四\",\"wage\":null,\"n\\\"k\":\"é\x7f\"}\n"
	    "{\"name\":\"w\",\"wage\":\"abc\",\"n\\\"k\":\"\\ufffd\"}\n"
	    "{\"name\":\"x\",\"wage\":-0.5e3,\"n\\\"k\":\"1\",\"4\":\"extra\"}\n");
	CHECK_RENDER(&none, FMT_JSON, 0, NULL, "[]\n");
	CHECK_RENDER(&none, FMT_JSONL, 0, NULL, "");
	/* numbers JSON would refuse stay strings */
	{
		static const struct sample nums = {
			1, { "n" }, { 1 },
			6, { 1, 1, 1, 1, 1, 1 }, {
				{ "007" }, { "1." }, { ".5" }, { "+1" },
				{ "1e" }, { "0" }
			}
		};

		CHECK_RENDER(&nums, FMT_JSONL, 0, NULL,
		    "{\"n\":\"007\"}\n{\"n\":\"1.\"}\n{\"n\":\".5\"}\n"
		    "{\"n\":\"+1\"}\n{\"n\":\"1e\"}\n{\"n\":0}\n");
	}
}

static void
test_table(void)
{
	static const struct sample esc = {
		2, { "k", "v" }, { 0, 0 },
		3, { 2, 2, 1 }, {
			{ "a\nb", "e\xcc\x81" },
			{ "ｅｆ", "t\tu\x01" },
			{ "only" }
		}
	};

	CHECK_RENDER(&people, FMT_TABLE, 0, NULL,
	    "id  姓名     wage\n"
	    "1   张三  5678.90\n"
	    "22  Bob     12.00\n"
	    "3           100.5\n");
	CHECK_RENDER(&people, FMT_TABLE, 0, "会员名单",
	    "会员名单\n"
	    "id  姓名     wage\n"
	    "1   张三  5678.90\n"
	    "22  Bob     12.00\n"
	    "3           100.5\n");
	CHECK_RENDER(&people, FMT_TABLE, OUT_NOHEADER, NULL,
	    "1   张三  5678.90\n"
	    "22  Bob     12.00\n"
	    "3           100.5\n");
	/* escapes shown, combining marks take no cell, no trailing blanks */
	CHECK_RENDER(&esc, FMT_TABLE, 0, NULL,
	    "k     v\n"
	    "a\\nb  e\xcc\x81\n"
	    "ｅｆ  t\\tu\\x01\n"
	    "only\n");
}

static void
test_html(void)
{
	static const struct sample h = {
		2, { "名", "n" }, { 0, 1 },
		2, { 2, 2 }, {
			{ "<b>&'\"", "1" },
			{ "a\x01", "" }
		}
	};

	CHECK_RENDER(&h, FMT_HTML, 0, "T <&>",
	    "<!DOCTYPE html>\n"
	    "<html lang=\"zh-CN\">\n"
	    "<head>\n"
	    "<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width\"/>\n"
	    "<title>T &lt;&amp;&gt;</title>\n"
	    "<style>\n"
	    "body{font-family:sans-serif;margin:1em}\n"
	    "table{border-collapse:collapse}\n"
	    "th,td{border:1px solid #999;padding:.2em .5em;text-align:left;"
	    "vertical-align:top;white-space:pre-wrap}\n"
	    "th{background:#eee}\n"
	    ".num{text-align:right}\n"
	    "tfoot td{font-weight:bold;border-top:2px solid #333}\n"
	    "figure{margin:0 0 1em 0}\n"
	    "</style>\n"
	    "</head>\n"
	    "<body>\n"
	    "<h1>T &lt;&amp;&gt;</h1>\n"
	    "<table>\n"
	    "<thead>\n"
	    "<tr><th>名</th><th class=\"num\">n</th></tr>\n"
	    "</thead>\n"
	    "<tbody>\n"
	    "<tr><td>&lt;b&gt;&amp;&#39;&quot;</td><td class=\"num\">1</td></tr>\n"
	    "<tr><td>a&#xFFFD;</td><td class=\"num\"></td></tr>\n"
	    "</tbody>\n"
	    "</table>\n"
	    "</body>\n"
	    "</html>\n");
	{
		char *page = render(&h, FMT_HTML, 0, NULL);

		/* no title given: the program's name */
		CHECK(strstr(page, "<title>unit</title>") != NULL);
		CHECK(strstr(page, "<script") == NULL);
		CHECK(strstr(page, "http") == NULL);
		free(page);
	}
}

/* people: a report's rows, then a totals row, a note and a chart */
static char *
render_report(enum outfmt f, int chart)
{
	static const char *const cols[] = { "town", "rate", "target" };
	static const char *const rows[][3] = {
		{ "高沟镇", "50.0", "85" }, { "b<c", "100.0", "" },
		{ "", "25", "70" }
	};
	static const char *const total[] = { "total", "60.0", "76" };
	struct out *o;
	size_t i;
	int fd;

	o = scratch_out(f, 0, &fd);
	out_note(o, "a & b");
	if (chart)
		out_chart(o, "rate", 0, 1, 2);
	out_header(o, 3, cols);
	out_numeric(o, 1);
	out_numeric(o, 2);
	for (i = 0; i < NELEM(rows); i++)
		out_row(o, 3, rows[i]);
	out_total(o, 3, total);
	return finish_out(o, fd);
}

static void
test_people_extras(void)
{
	char *got;

	got = render_report(FMT_TABLE, 1);
	CHECK_STR(got,
	    "town     rate  target\n"
	    "高沟镇   50.0      85\n"
	    "b<c     100.0\n"
	    "           25      70\n"
	    "---------------------\n"
	    "total    60.0      76\n");
	free(got);
	got = render_report(FMT_CSV, 1);	/* no total, note, chart */
	CHECK_STR(got, "town,rate,target\n高沟镇,50.0,85\nb<c,100.0,\n,25,70\n");
	free(got);
	got = render_report(FMT_HTML, 1);
	CHECK(strstr(got, "<p>a &amp; b</p>\n<figure>\n<svg ") != NULL);
	CHECK(strstr(got, "<title>rate</title>") != NULL);
	/* bars: scaled to 100.0 in 400 pixels, after the widest label
	   (高沟镇: 6 cells * 7 + 12 = 54 pixels) */
	CHECK(strstr(got, "<text x=\"48\" y=\"41\" text-anchor=\"end\">"
	    "高沟镇</text>\n<rect class=\"bar\" x=\"54\" y=\"28\" "
	    "width=\"200\" height=\"16\"") != NULL);
	CHECK(strstr(got, "<line class=\"target\" x1=\"394\" ") != NULL);
	CHECK(strstr(got, ">b&lt;c</text>\n<rect class=\"bar\" x=\"54\" "
	    "y=\"50\" width=\"400\"") != NULL);
	CHECK(strstr(got, "width=\"100\" height") != NULL);
	CHECK(strstr(got, "</tbody>\n<tfoot>\n<tr><td>total</td>"
	    "<td class=\"num\">60.0</td><td class=\"num\">76</td></tr>\n"
	    "</tfoot>\n</table>\n</body>\n</html>\n") != NULL);
	/* the chart comes before the table, though rows came first */
	CHECK(strstr(got, "</figure>\n<table>") != NULL);
	free(got);
	got = render_report(FMT_HTML, 0);
	CHECK(strstr(got, "<svg") == NULL);
	CHECK(strstr(got, "</h1>\n<p>a &amp; b</p>\n<table>") != NULL);
	free(got);
}

static void
test_width(void)
{
	CHECK_INT(text_width("", 0), 0);
	CHECK_INT(text_width("abc", 3), 3);
	CHECK_INT(text_width("张三", 6), 4);
	CHECK_INT(text_width("工会abc", 9), 7);
	CHECK_INT(text_width("ｅ", 3), 2);		/* fullwidth */
	CHECK_INT(text_width("ｶ", 3), 1);		/* halfwidth katakana */
	CHECK_INT(text_width("e\xcc\x81", 3), 1);	/* combining acute */
	CHECK_INT(text_width("\xe2\x80\x8d", 3), 0);	/* zero width joiner */
	CHECK_INT(text_width("\xc2\xad", 2), 1);	/* soft hyphen shows */
	CHECK_INT(text_width("\xf0\x9f\x98\x80", 4), 2);	/* emoji */
	CHECK_INT(text_width("한", 3), 2);
	CHECK_INT(text_width("·", 2), 1);		/* ambiguous: narrow */
	CHECK_INT(text_width("\t\x01", 2), 0);
	CHECK_INT(text_width("\xff" "a", 2), 2);
	CHECK_INT(text_width("\xe5\xbc", 2), 2);	/* cut short */
	CHECK_INT(text_width("𠀀", 4), 2);		/* CJK extension B */
	CHECK_INT(text_width("张三", 3), 2);		/* n is respected */
}

static void
collect(void *arg, const void *p, size_t n)
{
	buf_add(arg, p, n);
}

static void
test_tap_and_flush(void)
{
	struct buf tapped = {0};
	char path[128], *got;
	const char *row[2] = { "1", "x" };
	struct out *o;
	int fd, i;

	snprintf(path, sizeof(path), "%s/tap", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	o = out_open_fd(fd, "tap", FMT_CSV, 0);
	out_set_tap(o, collect, &tapped);
	out_header(o, 2, (const char *const[]){ "a", "b" });
	out_row(o, 2, row);
	CHECK_INT(out_bytes(o), 0);
	out_flush(o);
	CHECK_INT(out_bytes(o), 8);
	got = slurp(path);
	CHECK_STR(got, "a,b\n1,x\n");
	free(got);
	CHECK_INT(out_sync(o), 0);
	/* more than the buffer holds goes out on its own */
	for (i = 0; i < 400000; i++)
		out_row(o, 2, row);
	CHECK(out_bytes(o) > 8);
	out_close(o);
	close(fd);
	got = slurp(path);
	CHECK_INT(strlen(got), 8 + 400000 * 4);
	CHECK_STR(tapped.s, got);
	free(got);
	buf_free(&tapped);

	/* a value bigger than the buffer, quoted and not */
	{
		size_t big = 3 * 1024 * 1024;
		char *v = xmalloc(big + 1);
		const char *vals[2];
		struct buf want = {0};

		memset(v, 'x', big);
		v[big] = '\0';
		vals[0] = "a";
		vals[1] = v;
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		o = out_open_fd(fd, "big", FMT_CSV, 0);
		out_set_tap(o, collect, &tapped);
		out_row(o, 2, vals);
		v[7] = ',';
		out_row(o, 2, vals);
		out_close(o);
		close(fd);
		v[7] = 'x';
		buf_adds(&want, "a,");
		buf_adds(&want, v);
		buf_adds(&want, "\na,\"");
		v[7] = ',';
		buf_adds(&want, v);
		buf_adds(&want, "\"\n");
		got = slurp(path);
		CHECK_INT(strlen(got), want.len);
		CHECK(strcmp(got, want.s) == 0);
		CHECK(strcmp(tapped.s, want.s) == 0);
		free(got);
		free(v);
		buf_free(&want);
		buf_free(&tapped);
	}
}

/*
 * in_child: run fn in a child whose standard output is fd; its exit
 * status (or 128 + signal) and what it said on standard error.
 */
static int
in_child(void (*fn)(void), int fd, struct buf *err)
{
	char path[128], *s;
	int status, efd;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/child-stderr", tmpdir);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == 0) {
		efd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(efd, 2);
		dup2(fd, 1);
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	s = slurp(path);
	buf_adds(err, s);
	free(s);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void
write_rows(void)
{
	struct out *o = out_stdout(FMT_CSV, 0);
	const char *row[1] = { "some text to fill the pipe" };
	int i;

	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < 100000; i++)
		out_row(o, 1, row);
	out_close(o);
	_exit(7);
}

static void
write_rows_keep_going(void)
{
	struct out *o = out_stdout(FMT_CSV, 0);
	const char *row[1] = { "some text to fill the pipe" };
	int i;

	/* SIGPIPE left as it is: out_keep_going must see to it */
	signal(SIGPIPE, SIG_DFL);
	out_keep_going(o);
	for (i = 0; i < 100000; i++)
		out_row(o, 1, row);
	out_close(o);
	_exit(7);
}

static void
test_write_errors(void)
{
	struct buf err = {0};
	int fds[2], fd;

	/* a full disk */
	fd = open("/dev/full", O_WRONLY);
	CHECK_INT(in_child(write_rows, fd, &err), 2);
	CHECK_STR(err.s, "unit: <stdout>: write error: No space left on device\n");
	close(fd);
	/* a descriptor that cannot be written */
	buf_reset(&err);
	fd = open("/dev/null", O_RDONLY);
	CHECK_INT(in_child(write_rows, fd, &err), 2);
	CHECK_STR(err.s, "unit: <stdout>: write error: Bad file descriptor\n");
	close(fd);
	/* a reader that went away: quietly, as SIGPIPE would */
	buf_reset(&err);
	pipe(fds);
	close(fds[0]);
	CHECK_INT(in_child(write_rows, fds[1], &err), 128 + SIGPIPE);
	CHECK_STR(buf_cstr(&err), "");
	/* ... unless the command must go on: then output is dropped */
	buf_reset(&err);
	CHECK_INT(in_child(write_rows_keep_going, fds[1], &err), 7);
	CHECK_STR(buf_cstr(&err), "");
	close(fds[1]);
	/* fsync of a pipe fails, and says so */
	pipe(fds);
	{
		struct out *o = out_open_fd(fds[1], "pipe", FMT_CSV, 0);

		errno = 0;
		CHECK_INT(out_sync(o), -1);
		CHECK_INT(errno, EINVAL);
		out_close(o);
	}
	close(fds[0]);
	close(fds[1]);
	buf_free(&err);
}

/* OUT_MASK_PII: which columns are personal, in which formats */
static void
test_mask(void)
{
	static const struct sample roster = {
		4, { "member_id", "name", "id_number", "phone" }, { 0 },
		2, { 4, 4 }, {
			{ "M1", "张三丰", "320803198001010117", "13812345678" },
			{ "M2", "Al", "12345", "" }
		}
	};
	static const struct sample unions = {
		2, { "union_id", "name" }, { 0 },
		1, { 2 }, { { "U1", "县总工会" } }
	};
	static const struct sample aid = {
		3, { "aid_id", "member_id", "program" }, { 0 },
		3, { 3, 3, 2 }, {
			{ "A1", "M0000006", "medical_mutual" },
			{ "A2", "M0000001", "winter_warmth" },
			{ "A3", "M0000002" }
		}
	};
	static const struct sample cases = {
		3, { "case_id", "member_id", "summary" }, { 0 },
		2, { 3, 3 }, {
			{ "C1", "M0000001", "欠薪" },
			{ "C2", "", "" }
		}
	};

	CHECK_RENDER(&roster, FMT_TABLE, OUT_MASK_PII, NULL,
	    "member_id  name  id_number           phone\n"
	    "M1         张**  320803********0117  138****5678\n"
	    "M2         A*    *2345\n");
	/* csv is data for the next tool: exact */
	CHECK_RENDER(&roster, FMT_CSV, OUT_MASK_PII, NULL,
	    "member_id,name,id_number,phone\n"
	    "M1,张三丰,320803198001010117,13812345678\n"
	    "M2,Al,12345,\n");
	CHECK_RENDER(&roster, FMT_CSV, OUT_MASK_PII | OUT_MASK_ALWAYS, NULL,
	    "member_id,name,id_number,phone\n"
	    "M1,张**,320803********0117,138****5678\n"
	    "M2,A*,*2345,\n");
	/* a union's name is not a person's */
	CHECK_RENDER(&unions, FMT_TABLE, OUT_MASK_PII, NULL,
	    "union_id  name\n"
	    "U1        县总工会\n");
	/* health aid hides its member; a row without a program does not */
	CHECK_RENDER(&aid, FMT_CSV, OUT_MASK_PII | OUT_MASK_ALWAYS, NULL,
	    "aid_id,member_id,program\n"
	    "A1,M*******,medical_mutual\n"
	    "A2,M0000001,winter_warmth\n"
	    "A3,M0000002\n");
	CHECK_RENDER(&cases, FMT_CSV, OUT_MASK_PII | OUT_MASK_ALWAYS, NULL,
	    "case_id,member_id,summary\n"
	    "C1,M*******,***\n"
	    "C2,,\n");
	CHECK(program_is_health("accident", 8));
	CHECK(!program_is_health("accidental", 10));
}

static void
setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_out.XXXXXX");
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
	test_formats_named();
	test_csv();
	test_excel();
	test_tsv();
	test_json();
	test_table();
	test_html();
	test_people_extras();
	test_width();
	test_tap_and_flush();
	test_write_errors();
	test_mask();
	cleanup();
)
