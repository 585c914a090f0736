/*
 * table.h - reading CSV and TSV tables, row by row, in bounded memory.
 *
 * Sources: a file, "-" for standard input, gzip either way (by a ".gz"
 * suffix or by its magic bytes), in UTF-8 (a leading BOM is dropped) or
 * GB18030/GBK converted to UTF-8 through iconv.  The delimiter is a tab
 * for names ending in ".tsv" or ".tsv.gz", a comma otherwise, unless
 * set.  CSV is RFC 4180: quoted fields with doubled quotes, delimiters
 * and newlines inside; CRLF or LF line ends.  TSV has no quoting.
 *
 * How records are read: a fast scan (AVX2, 32 bytes at a time, when the
 * CPU has AVX2 and PCLMULQDQ; else a plain C byte loop giving the same
 * answers) finds a record's delimiters and line end; from a quote that
 * opens a field on, it tells the bytes inside quotes by a carry-less
 * multiply prefix-XOR of the quote mask.  The record is then split in
 * place, its quoted fields unquoted in place ("" made "), with no copy
 * and no allocation per row.  A record the fast scan finds anything odd
 * in (a quote inside an unquoted field, text after a closing quote, a
 * stray CR, a NUL, an unterminated quote) is delimited again by the
 * careful byte-by-byte scan, which finds the fault and words the
 * message.  TBL_SLOW sends every record through the careful scan and
 * then, when it is well-formed, whole to libcsv in strict mode (the
 * reference), so that tests and the fuzzer can prove the paths equal.
 *
 * Values come back exactly as written: nothing is trimmed, and TSV
 * values are not unescaped (a backslash-t stays two characters).
 *
 * What the reader decides, so that nothing is dropped silently:
 * - A blank line in a table of two or more columns is a bad record,
 *   "blank line, expected 13 fields"; in a one-column table it is an
 *   empty value.  A blank first line is refused at tbl_open ("missing
 *   header: the first line is blank").
 * - A CR ends a line only before a LF (or as the input's last byte);
 *   anywhere else outside quotes it is a "stray carriage return".
 * - A message about one field starts with its column ("wage: invalid
 *   UTF-8", "name: quote inside an unquoted field", "note: text after
 *   the closing quote", "phone: NUL byte"), or "field 15" past the
 *   header; only the first fault of a record is told.  Text that is not
 *   GB18030/GBK under ENC_GB18030/ENC_GBK is "invalid GB18030 text".
 * - TBL_FATAL: "note: unterminated quoted field" (at the line where
 *   the record starts), "truncated gzip stream", "corrupt gzip data:
 *   ...", "trailing garbage after gzip data", "read error: ...".
 * - tbl_open refuses, naming the file: "cannot open: ...", "empty
 *   file", "a: duplicate column name", "empty column name in field 3",
 *   "file is UTF-16; save it as CSV UTF-8, or convert with iconv", and
 *   any fault of the header line.
 * - gzip is known by its magic bytes (concatenated members are read
 *   on).  A UTF-8 BOM makes the input UTF-8 whatever enc says.
 */
#ifndef UNION_TABLE_H
#define UNION_TABLE_H

#include <stddef.h>

enum encoding { ENC_UTF8 = 0, ENC_GB18030, ENC_GBK };

/* Reader flags. */
enum {
	TBL_SLOW = 1 << 0,	/* every record through libcsv */
	TBL_NOHEADER = 1 << 1,	/* the first record is data, columns unnamed */
	TBL_QUIET = 1 << 2	/* tbl_open refuses without a message */
};

struct tbl_opts {
	char	 delim;		/* 0: by file name (.tsv => tab), else ',' */
	enum encoding enc;
	int	 flags;		/* TBL_* */
};

/* One field of the current record: NUL-terminated, len excludes NUL. */
struct field {
	const char *s;
	size_t	 len;
};

/* Results of tbl_next. */
enum {
	TBL_ROW = 1,		/* a record is ready */
	TBL_EOF = 0,		/* no more records */
	TBL_BAD = -1,		/* a malformed record: skipped; tbl_error says
				   why; reading can go on with the next one */
	TBL_FATAL = -2		/* cannot go on: I/O error, bad gzip stream,
				   unterminated quote at end of file */
};

struct table;

/*
 * tbl_open: open path ("-" or NULL: standard input) and read its header.
 * displayname is used in messages (NULL: path, or "<stdin>").  On failure
 * (cannot open, empty file, no header, duplicate or empty column name,
 * UTF-16 input) it prints the reason and returns NULL.
 * The table owns all memory it hands out.
 */
struct table *tbl_open(const char *path, const struct tbl_opts *o);
/* tbl_open_fd: the same over an open descriptor, which it closes. */
struct table *tbl_open_fd(int fd, const char *displayname,
	    const struct tbl_opts *o);
/*
 * tbl_open_error: why the last tbl_open or tbl_open_fd of this thread
 * refused ("file is UTF-16; ...", "truncated gzip stream", "aid_id:
 * duplicate column name"), without the file's name; "" when the last
 * one succeeded.  With TBL_QUIET in the options, this is the only
 * place the reason is told.
 */
const char *tbl_open_error(void);
void	tbl_close(struct table *t);

/*
 * tbl_next: advance to the next record.  Returns TBL_ROW, TBL_EOF,
 * TBL_BAD or TBL_FATAL (above).  A record whose field count differs
 * from the header's is TBL_BAD ("expected 13 fields, found 12").  So are
 * a NUL byte, invalid UTF-8, and (CSV) a quote inside an unquoted field
 * or text after a closing quote.
 * The fields stay valid until the next call.
 */
int	tbl_next(struct table *t);

/* The current record. */
size_t	tbl_nfields(const struct table *t);
const struct field *tbl_fields(const struct table *t);	/* [nfields] */
long	tbl_line(const struct table *t);	/* line where it starts (1 = header) */
long	tbl_rowno(const struct table *t);	/* data records so far, 1-based
						   (bad ones count too) */

/* Why the last TBL_BAD or TBL_FATAL: "unterminated quoted field" etc. */
const char *tbl_error(const struct table *t);
long	tbl_error_line(const struct table *t);
/*
 * tbl_perror: print the last error as "union-TOOL: FILE:LINE: why",
 * then the hint of tbl_take_hint, if any, as "union-TOOL: FILE: hint".
 */
void	tbl_perror(struct table *t);
/*
 * tbl_take_hint: once per table, after the first record of a file read
 * as UTF-8 that is not UTF-8 but is valid GB18030: "hint: the file
 * looks like GB18030 ...; read it with --encoding gb18030" (without
 * the file's name).  NULL otherwise.
 */
const char *tbl_take_hint(struct table *t);
/* tbl_met_bad_utf8: a record read as UTF-8 was not (that decides it). */
int	tbl_met_bad_utf8(const struct table *t);

/* The header. */
size_t	tbl_ncols(const struct table *t);
const char *tbl_colname(const struct table *t, size_t i);
/* tbl_col: index of the column named name, or -1. */
int	tbl_col(const struct table *t, const char *name);
const char *tbl_name(const struct table *t);	/* display name */
char	tbl_delim(const struct table *t);

/* Bytes consumed from the (decoded) input so far, for progress. */
unsigned long long tbl_offset(const struct table *t);

/*
 * Parallel reading of one regular file (union-stats -j N).
 * tbl_split: cut a plain (not gzip, UTF-8) regular file into at most k
 * ranges that begin at record starts, correct even when quoted fields
 * hold newlines: the quotes and line feeds before the last cut are
 * counted in parallel, and each cut is the first line feed after its
 * nominal offset with an even number of quotes before it (after a
 * malformed quote, the reader's own scan finds the cuts).  offs[0] is the first data record, offs[n] the file
 * size; lines[i] is the physical line number at offs[i].  Returns n (1
 * when the file cannot be split: gzip, a pipe, too small), or -1 after
 * a message.  offs and lines must hold k + 1 entries.
 * tbl_open_range: a reader over [start, end) of such a file, with the
 * header read from the file's first line; tbl_line counts from line.
 * When the file cannot be split, offs[0] is 0, and tbl_open_range with
 * start 0 reads the whole input as tbl_open does.  lines[n] is 0.
 */
int	tbl_split(const char *path, const struct tbl_opts *o, int k,
	    long long *offs, long *lines);
struct table *tbl_open_range(const char *path, const struct tbl_opts *o,
	    long long start, long long end, long line);

#endif
