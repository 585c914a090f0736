/*
 * table_impl.h - the insides of the table reader, shared by its files:
 *
 *	source.c	bytes in: a descriptor, gzip, iconv, BOM, ranges
 *	table_scan.c	finding records and fields (plain C and AVX2)
 *	table_read.c	the reader of table.h: header, records, errors
 *	table_split.c	tbl_split and tbl_open_range
 *	table_tally.c	quotes and line feeds counted for tbl_split
 *
 * Nothing here is part of the library's API; the unit tests include it
 * to reach the knobs below.
 */
#ifndef UNION_TABLE_IMPL_H
#define UNION_TABLE_IMPL_H

#include <stddef.h>
#include <sys/types.h>

#include <csv.h>
#include <iconv.h>
#include <zlib.h>

#include "table.h"
#include "util.h"

/*
 * Knobs for tests and benchmarks, read when a table is opened.
 * tbl_scan_mode: SCAN_AUTO uses AVX2 when the CPU has it.
 * tbl_bufsize: the first size of the record buffer (it doubles as a
 * record needs); tiny values exercise the refill and resume paths.
 * tbl_split_min: tbl_split makes no range smaller than this.
 * tbl_split_block: the bytes tbl_split reads at a time.
 */
enum { SCAN_AUTO = -1, SCAN_PLAIN = 0, SCAN_AVX2 = 1 };
extern int tbl_scan_mode;
extern size_t tbl_bufsize;
extern long long tbl_split_min;
extern size_t tbl_split_block;

/* scan_have_avx2: 1 when the AVX2 scanner can run on this machine. */
int	scan_have_avx2(void);

/* A source of decoded bytes. */
struct src {
	int	 fd;
	long long left;		/* bytes a range may still read; -1: all */
	unsigned char peek[4];	/* raw bytes read to sniff gzip */
	size_t	 npeek, ipeek;
	int	 gz;		/* inflating */
	z_stream z;
	unsigned char *zin;	/* compressed input */
	int	 zeof;		/* no more compressed input */
	int	 zdone;		/* the current gzip member has ended */
	int	 zfail;		/* inflate failed (err says how) after
				   giving bytes: they come first */
	unsigned char dpeek[4];	/* decoded bytes read to sniff a BOM */
	size_t	 ndpeek, idpeek;
	size_t	 bom;		/* bytes of BOM dropped */
	enum encoding enc;	/* what the bytes are (a BOM means UTF-8) */
	iconv_t	 cd;		/* (iconv_t)-1 when not converting */
	char	*cin;		/* input waiting for iconv */
	size_t	 cinlen;
	int	 ceof;		/* no more input for iconv */
	int	 cfail;		/* the input below failed (err says how):
				   what iconv holds is converted first */
	char	 err[160];	/* why the last -1 */
};

/*
 * src_open: start reading fd (not yet owned: src_close closes it).
 * Detects gzip by magic bytes, drops a UTF-8 BOM, refuses UTF-16, and
 * converts GB18030/GBK.  Returns 0, or -1 with s->err set.
 * src_read: up to n decoded bytes into dst (n >= 8): > 0, 0 at the end,
 * -1 with s->err set.  Bytes that cannot be converted from GB18030/GBK
 * come out as 0xFF, which the reader then refuses as invalid text.
 * src_seek: restart a plain (not gzip, not converted) source at off for
 * len bytes; -1 with s->err set on failure.
 */
int	src_open(struct src *s, int fd, enum encoding enc);
ssize_t	src_read(struct src *s, char *dst, size_t n);
int	src_seek(struct src *s, long long off, long long len);
void	src_close(struct src *s);

/* How a scan of the current record ended. */
enum {
	SCAN_DONE,		/* the record is complete */
	SCAN_MORE,		/* it runs past the buffered bytes */
	SCAN_SLOW		/* (fast scan) it needs the careful scanner */
};

/*
 * The fast scan of a quote-free record, resumable: at is where to go on
 * (from the record's first byte), nd the delimiters found so far, whose
 * offsets are in the table's dpos[].  end and term say where the record
 * ends and how long its line end is (0 at the end of input, 1 LF, 2
 * CRLF).
 */
struct fscan {
	size_t	 at;
	size_t	 nd;
	int	 hi;		/* a byte >= 0x80 was seen */
	int	 quoted;	/* a field is quoted: unquote the fields */
	long	 nl;		/* line feeds inside quotes */
	size_t	 end;
	size_t	 term;
};

/* Structural faults of a record, the first one found is kept. */
enum {
	FAULT_NONE = 0,
	FAULT_QUOTE,		/* a quote inside an unquoted field */
	FAULT_AFTERQUOTE,	/* text after the closing quote */
	FAULT_CR,		/* a carriage return not before a line feed */
	FAULT_NUL,		/* a NUL byte */
	FAULT_UNTERMINATED	/* end of input inside quotes */
};

/* The careful scan, resumable like the fast one. */
struct rscan {
	size_t	 at;
	int	 state;
	size_t	 field;		/* fields ended so far */
	long	 nl;		/* line feeds inside the record */
	int	 fault;		/* FAULT_* */
	size_t	 faultfield;	/* the field it is in, 0-based */
	size_t	 end;
	size_t	 term;
};

struct table {
	struct src src;
	char	*name;		/* display name, owned */
	char	 delim;
	int	 quoting;	/* CSV: quotes are special; TSV: they are not */
	int	 flags;		/* TBL_* */
	int	 avx2;		/* scan with AVX2 */
	unsigned char cls[256];	/* byte classes of the plain fast scan */
	unsigned char cls_hi[256];	/* the same once a byte >= 0x80 was seen */

	char	*buf;		/* [pos, len) not consumed; buf[len] == '\n' */
	size_t	 cap, len, pos;
	unsigned long long base;	/* decoded bytes before buf[0] */
	int	 eof;		/* the source has no more bytes */

	struct field *f;	/* the current record's fields */
	size_t	 nf, fcap;
	size_t	*dpos;		/* delimiter offsets (fast scan), or arena
				   offsets (libcsv) */
	size_t	 nd, dcap;
	struct buf arena;	/* fields extracted by libcsv */
	struct csv_parser csv;
	int	 csvrows;

	char	**cols;		/* header names */
	size_t	 ncols;
	struct buf hdr;		/* their bytes */
	int	 pending;	/* TBL_NOHEADER: the first record is ready */
	int	 last;		/* the result of the last tbl_next */
	unsigned long ncareful;	/* records the fast scan gave up on */

	long	 line;		/* where the current record starts */
	long	 nextline;	/* where the next one starts */
	long	 rowno;
	long	 counted;	/* rowno when last added to the progress */
	char	 err[256];
	long	 errline;
	int	 hint;		/* HINT_*: the GB18030 hint of bad_text */
};

/* the hint after the first record read as UTF-8 that is not */
enum { HINT_UNSEEN = 0, HINT_PENDING, HINT_DONE };

/* table_scan.c */
void	scan_init(struct table *t);
int	scan_fast(struct table *t, struct fscan *fs);
int	scan_careful(struct table *t, struct rscan *rs);
size_t	scan_field_at(const struct table *t, const char *rec, size_t off);
int	scan_utf8_valid(int avx2, const char *s, size_t n);
size_t	scan_count_lf(const char *s, size_t n);
void	dpos_reserve(struct table *t, size_t n);

/*
 * What scan_tally counts in a stretch of a file: its quotes and line
 * feeds, and the first quote that the reader takes as data where pure
 * parity would toggle (one that would open a quoted field but follows
 * neither a delimiter, a line feed nor a quote), for either parity of
 * the quotes before the stretch; -1 when there is none.
 */
struct tally {
	unsigned long long quotes;
	unsigned long long lfs;
	long long firstbad[2];	/* [parity at the start] */
};

/* table_tally.c */
void	scan_tally(const char *p, size_t n, long long off, char delim,
	    int quoting, int avx2, struct tally *ty);

/* table_read.c, for table_split.c */
struct table *tbl_start(int fd, const char *name, const struct tbl_opts *o);
int	tbl_skip(struct table *t);
int	tbl_skip_to(struct table *t, unsigned long long target);
unsigned long long tbl_rawoffset(const struct table *t);

#endif
