/*
 * fuzz_table.c - the table reader, differentially.
 *
 * The first byte chooses how to read the rest:
 *	bits 0-1	delimiter: ',' '\t' ';' or ',' (by name: .csv)
 *	bits 2-3	encoding: UTF-8, GB18030, GBK, UTF-8
 *	bit 4		TBL_NOHEADER
 *	bit 5		also read it gzipped (bit 6: in two members)
 *	bit 7		small first buffer of 16 bytes, else 61
 * The bytes are read in every mode of the reader: the plain and the
 * AVX2 fast scans (when the CPU has AVX2) and TBL_SLOW, each with a
 * first buffer that holds the whole input and with a tiny one.  Invariants:
 *  - every mode gives the same transcript: header, each record's line
 *    and fields (NUL-terminated), each error's line and text;
 *  - gzip (one or two members) reads the same as the plain bytes;
 *  - the records read, written back as quoted CSV in UTF-8, read back
 *    to the same header and fields, with no error;
 *  - UTF-8 with a header, cut by tbl_split into 2 to 4 ranges (as
 *    union-stats -j does) and each range read by tbl_open_range, reads
 *    the same as the whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "table_impl.h"

#define MAXIN	(64 * 1024)

struct mode {
	int	 scan;		/* SCAN_PLAIN, SCAN_AVX2 */
	int	 slow;		/* TBL_SLOW */
	int	 small;		/* a tiny first buffer */
};

static const struct mode modes[] = {
	{ SCAN_PLAIN, 0, 0 }, { SCAN_PLAIN, 0, 1 },
	{ SCAN_AVX2, 0, 0 }, { SCAN_AVX2, 0, 1 },
	{ SCAN_PLAIN, 1, 0 }, { SCAN_PLAIN, 1, 1 }
};

static const char delims[4] = { ',', '\t', ';', 0 };
static const enum encoding encs[4] = { ENC_UTF8, ENC_GB18030, ENC_GBK,
	ENC_UTF8 };

/* put_counted: n, then the bytes, so that no content is ambiguous. */
static void
put_counted(struct buf *b, const char *s, size_t n)
{
	buf_printf(b, "%zu:", n);
	buf_add(b, s, n);
}

/* put_record: the current record's fields (checked NUL-terminated). */
static void
put_record(struct buf *b, const struct table *t)
{
	const struct field *f = tbl_fields(t);
	size_t i, n = tbl_nfields(t);

	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(tbl_ncols(t) == 0 || n == tbl_ncols(t));
	buf_printf(b, "%zu", n);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(f[i].s[f[i].len] == '\0');
		buf_addc(b, ' ');
		put_counted(b, f[i].s, f[i].len);
	}
	buf_addc(b, '\n');
}

/* put_csv: one field as quoted CSV, then a comma or the line end. */
static void
put_csv(struct buf *csv, const char *s, size_t n, int last)
{
	size_t i;

	buf_addc(csv, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(csv, '"');
		buf_addc(csv, s[i]);
	}
	buf_adds(csv, last ? "\"\r\n" : "\",");
}

static void
put_row_csv(struct buf *csv, const struct table *t)
{
	const struct field *f = tbl_fields(t);
	size_t i, n = tbl_nfields(t);

	for (i = 0; i < n; i++)
		put_csv(csv, f[i].s, f[i].len, i + 1 == n);
}

enum {
	T_LINES = 1,		/* lines and errors, not only good rows */
	T_HEADER = 2,		/* the header first */
	T_END = 4		/* the line at the end */
};

/*
 * transcript: what reading t shows, into b (flags T_*); the records are
 * also written to csv as quoted CSV when csv is not NULL.  Returns 1
 * after a TBL_FATAL (the end is then always shown).
 */
static int
transcript(struct buf *b, struct buf *csv, struct table *t, int flags)
{
	size_t i, nc = tbl_ncols(t);
	int r, fatal = 0;

	if ((flags & T_HEADER) && tbl_colname(t, 0)[0] != '\0') {
		buf_printf(b, "H %zu", nc);
		for (i = 0; i < nc; i++) {
			buf_addc(b, ' ');
			put_counted(b, tbl_colname(t, i),
			    strlen(tbl_colname(t, i)));
			if (csv != NULL)
				put_csv(csv, tbl_colname(t, i),
				    strlen(tbl_colname(t, i)), i + 1 == nc);
		}
		buf_addc(b, '\n');
	}
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_ROW) {
			if (flags & T_LINES)
				buf_printf(b, "%ld ", tbl_line(t));
			put_record(b, t);
			if (csv != NULL)
				put_row_csv(csv, t);
			continue;
		}
		FUZZ_CHECK(r == TBL_BAD || r == TBL_FATAL);
		FUZZ_CHECK(tbl_error(t)[0] != '\0');
		if (flags & T_LINES)
			buf_printf(b, "%ld %s %s\n", tbl_error_line(t),
			    r == TBL_BAD ? "BAD" : "FATAL", tbl_error(t));
		if (r == TBL_FATAL) {
			FUZZ_CHECK(tbl_next(t) == TBL_FATAL);
			fatal = 1;
			break;
		}
	}
	if ((flags & T_LINES) && ((flags & T_END) || fatal))
		buf_printf(b, "end %ld\n", tbl_line(t));
	return fatal;
}

/* read_fd: the transcript of reading fd whole (it is closed). */
static void
read_fd(struct buf *b, struct buf *csv, int fd, const char *name,
    const struct tbl_opts *o, int flags)
{
	struct table *t;

	if ((t = tbl_open_fd(fd, name, o)) == NULL) {
		buf_adds(b, "open failed\n");
		return;
	}
	transcript(b, csv, t, flags | T_HEADER | T_END);
	tbl_close(t);
}

/* read_in: the transcript of p[0..n) read in mode m. */
static void
read_in(struct buf *b, const struct mode *m, const char *name,
    struct tbl_opts o, size_t small, const void *p, size_t n)
{
	tbl_scan_mode = m->scan;
	tbl_bufsize = m->small ? small : 2 * n + 64;
	if (m->slow)
		o.flags |= TBL_SLOW;
	read_fd(b, NULL, fuzz_fd(p, n), name, &o, T_LINES);
	if (fuzz_break && m->slow)
		buf_adds(b, "broken on purpose\n");
	tbl_scan_mode = SCAN_AUTO;
	tbl_bufsize = 2 * n + 64;
}

/* same: b equals want, else show both and fail. */
static void
same(const struct buf *want, const struct buf *b, const char *what)
{
	if (b->len == want->len && memcmp(b->s, want->s, b->len) == 0)
		return;
	fprintf(stderr, "--- first mode:\n%.*s--- %s:\n%.*s", (int)want->len,
	    want->s, what, (int)b->len, b->s);
	FUZZ_CHECK(!"transcripts differ");
}

/* round_trip: the good records, as quoted CSV, read back the same. */
static void
round_trip(const char *name, const struct tbl_opts *o, const void *p,
    size_t n)
{
	struct tbl_opts csvo = { ',', ENC_UTF8, o->flags & TBL_NOHEADER };
	struct buf want = {0}, got = {0}, csv = {0};

	read_fd(&want, &csv, fuzz_fd(p, n), name, o, 0);
	if (csv.len > 0) {
		read_fd(&got, NULL, fuzz_fd(csv.s, csv.len), "back.csv",
		    &csvo, 0);
		same(&want, &got, "written as CSV and read back");
	}
	buf_free(&want);
	buf_free(&got);
	buf_free(&csv);
}

/*
 * split_same: p[0..n) cut by tbl_split into k ranges (no range too
 * small to cut), each read by tbl_open_range, reads as want did whole.
 * Only plain UTF-8 can be split (else it is one range).
 */
static void
split_same(const struct buf *want, const struct tbl_opts *o, int k,
    const void *p, size_t n)
{
	long long offs[5], min = tbl_split_min;
	long lines[5];
	char path[64];
	struct buf b = {0};
	struct table *t;
	int fd, i, parts, last;

	fd = fuzz_fd(p, n);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	tbl_split_min = 1;
	parts = tbl_split(path, o, k, offs, lines);
	tbl_split_min = min;
	FUZZ_CHECK(parts <= k);
	for (i = 0; i < parts; i++) {
		FUZZ_CHECK(offs[i] <= offs[i + 1]);
		last = i + 1 == parts;
		t = tbl_open_range(path, o, offs[i], offs[i + 1], lines[i]);
		if (t == NULL) {
			buf_adds(&b, "open failed\n");
			break;
		}
		last |= transcript(&b, NULL, t, T_LINES |
		    (i == 0 ? T_HEADER : 0) | (last ? T_END : 0));
		tbl_close(t);
		if (last)
			break;
	}
	close(fd);
	if (parts >= 1)
		same(want, &b, "tbl_split ranges");
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tbl_opts o;
	struct buf want = {0}, b = {0};
	unsigned char *gz;
	const char *name;
	size_t i, gzlen, small;
	int opt, avx2;

	fuzz_setup();
	if (size < 1 || size > MAXIN)
		return 0;
	opt = data[0];
	data++;
	size--;
	o.delim = delims[opt & 3];
	o.enc = encs[(opt >> 2) & 3];
	o.flags = opt & 0x10 ? TBL_NOHEADER : 0;
	name = o.delim == 0 ? "in.csv" : "in";
	small = opt & 0x80 ? 16 : 61;
	avx2 = scan_have_avx2();
	/* a first buffer that holds the input: all the reader needs, and
	   much faster to fuzz than clearing its default 1 MiB every time */
	tbl_bufsize = 2 * size + 64;

	read_in(&want, &modes[0], name, o, small, data, size);
	for (i = 1; i < NELEM(modes); i++) {
		if (modes[i].scan == SCAN_AVX2 && !avx2)
			continue;
		buf_reset(&b);
		read_in(&b, &modes[i], name, o, small, data, size);
		same(&want, &b, modes[i].slow ? "TBL_SLOW" :
		    modes[i].scan == SCAN_AVX2 ? "AVX2" : "plain");
	}
	if ((opt & 0x20) &&
	    !(size >= 2 && data[0] == 0x1f && data[1] == 0x8b)) {
		gz = fuzz_gzip(data, size, (opt & 0x40) != 0, &gzlen);
		buf_reset(&b);
		read_in(&b, &modes[0], name, o, small, gz, gzlen);
		same(&want, &b, "gzip");
		free(gz);
	}
	round_trip(name, &o, data, size);
	if (o.enc == ENC_UTF8 && !(o.flags & TBL_NOHEADER))
		split_same(&want, &o, 2 + (int)(size % 3), data, size);
	buf_free(&want);
	buf_free(&b);
	return 0;
}
