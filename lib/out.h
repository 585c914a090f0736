/*
 * out.h - writing tables: csv, tsv, table (aligned for people), json,
 * jsonl, html; all buffered.
 *
 * CSV quotes a value only when it must (delimiter, quote, CR or LF, or a
 * leading/trailing space is NOT quoted: values are written as they are).
 * TSV cannot hold a tab or newline in a value: they are written as the
 * two-character escapes \t and \n, and a backslash as \\ (the escapes of
 * the IANA TSV convention used by tsv-utils and Miller).  JSON writes an
 * array of objects, JSONL one object per line; values are strings unless
 * the column was marked numeric with out_numeric().  "table" pads columns
 * to their display width (CJK characters count two cells), right-aligns
 * numeric columns, and is meant for people.  "html" writes one
 * self-contained page holding the table.
 *
 * --excel (OUT_EXCEL): CSV with a UTF-8 BOM and every cell that begins
 * with = + - or @ prefixed with a single quote, so Excel does not run it.
 * Cells beginning with a tab or CR are prefixed too (OWASP's list); a
 * negative number such as -12.50 is not (it cannot be a formula).  A
 * cell Excel would turn into a number or a date and save back changed
 * (ID numbers, phones, leading zeros, money's two decimals, dates) is
 * written as the formula ="..." ("=""007"""), which Excel shows and
 * saves as that text; a short integer (-?[1-9][0-9]{0,8}, 0) stays a
 * number.  No BOM with OUT_NOHEADER (rows appended to a file).
 *
 * OUT_MASK_PII (without --show-pii): "table" and "html", the formats
 * for people, mask the personal columns named by the header (id_number,
 * phone, a person's name, the member_id of health aid and of cases, a
 * case's summary: out_mask.c has the list), and any cell that is a
 * full ID number or bare mobile number whatever its column; csv, tsv,
 * json and jsonl stay exact, since they feed the next tool, unless
 * OUT_MASK_ALWAYS asks for masking in every format too (listings for
 * people).
 *
 * JSON: "[\n" objects joined by ",\n" "\n]\n" ("[]\n" with no rows);
 * control characters escaped, a byte that is not UTF-8 becomes U+FFFD;
 * a numeric column's empty value is null, and a value that is not a
 * JSON number stays a string.  "table" shows tabs, newlines and other
 * control characters as \t, \n, \xHH.
 *
 * Write errors: EPIPE ends the process quietly as SIGPIPE would, unless
 * out_keep_going() was called (a changing command that must finish its
 * commit); then further output is discarded.  Any other error prints
 * "union-TOOL: <stdout>: write error: ..." and exits 2.
 */
#ifndef UNION_OUT_H
#define UNION_OUT_H

#include <stddef.h>
#include "table.h"

enum outfmt { FMT_CSV = 0, FMT_TSV, FMT_TABLE, FMT_JSON, FMT_JSONL, FMT_HTML };

enum {
	OUT_EXCEL = 1 << 0,	/* BOM and neutralised formula cells (CSV) */
	OUT_NOHEADER = 1 << 1,	/* rows only (appending to an existing file) */
	OUT_MASK_PII = 1 << 2,	/* table, html: personal columns masked */
	OUT_MASK_ALWAYS = 1 << 3 /* with OUT_MASK_PII: in every format */
};

struct out;

/* out_parse_format: "csv" etc. to the enum; -1 if unknown. */
int	out_parse_format(const char *s);

/*
 * out_open_fd: a writer on fd (not closed by out_close).  name is for
 * messages ("<stdout>", "members.csv").
 */
struct out *out_open_fd(int fd, const char *name, enum outfmt f, int flags);
/* out_stdout: the usual writer on standard output. */
struct out *out_stdout(enum outfmt f, int flags);

/* out_title: a caption for html and table output; ignored by others. */
void	out_title(struct out *o, const char *title);

/*
 * For people, html only (other formats ignore them; call before any
 * row):
 * out_note: a paragraph of text above the table.
 * out_chart: an SVG bar chart above the table, one bar per row (the
 * totals row aside): named by column label (by column 0 when that cell
 * is empty), as long as column value, with a red marker at column
 * target unless it is OUT_NOCOL.  Values are numbers with at most two
 * decimals; a bar that is empty, negative or not such a number is
 * drawn with no length, its text shown as it is.  Bars are scaled to
 * the largest value or target.  With value OUT_NOCOL the rows give no
 * bars: out_chart_bar gives them (target may be NULL).
 */
#define OUT_NOCOL ((size_t)-1)
void	out_note(struct out *o, const char *text);
void	out_chart(struct out *o, const char *caption, size_t label,
	    size_t value, size_t target);
void	out_chart_bar(struct out *o, const char *label, const char *value,
	    const char *target);

/* out_header: the column names; call once, before any row. */
void	out_header(struct out *o, size_t n, const char *const *names);
/* out_numeric: column i holds numbers (right-aligned; bare in JSON). */
void	out_numeric(struct out *o, size_t i);

/* out_row: one row of n values (NULL means empty). */
void	out_row(struct out *o, size_t n, const char *const *vals);
/* out_rowf: the same from a reader's fields. */
void	out_rowf(struct out *o, size_t n, const struct field *f);
/*
 * out_total: a totals row, the last row; for people only: "table" rules
 * it off with a line of dashes, html puts it in <tfoot>; the other
 * formats leave it out (they are data for programs, which sum for
 * themselves).
 */
void	out_total(struct out *o, size_t n, const char *const *vals);

/*
 * out_flush: push buffered bytes to the descriptor (table keeps its
 * rows until out_close, since widths need every row; html is written as
 * rows come).
 * out_sync: flush, then fsync the descriptor; 0 or -1 with errno.
 */
void	out_flush(struct out *o);
int	out_sync(struct out *o);

/* out_close: render (table, html), flush and free.  Exits 2 on error. */
void	out_close(struct out *o);
/*
 * out_abandon: free without writing what is still buffered (a run that
 * failed before its output was complete); bytes already flushed stay.
 */
void	out_abandon(struct out *o);

/*
 * out_keep_going: after EPIPE on standard output, discard output instead
 * of ending the process (for commands that must still commit).
 */
void	out_keep_going(struct out *o);

/*
 * out_set_tap: every byte written to fd is also passed to fn (the
 * journal uses it to hash what it appends).
 */
void	out_set_tap(struct out *o, void (*fn)(void *arg, const void *p,
	    size_t n), void *arg);

/* Total bytes handed to the descriptor so far (after flushes). */
unsigned long long out_bytes(const struct out *o);

/* Display width of UTF-8 text in terminal cells (CJK wide = 2). */
size_t	text_width(const char *s, size_t n);

#endif
