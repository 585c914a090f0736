/*
 * sheet.h - a data file rewritten through a transaction with every other
 * byte of meaning kept: the file's column order, unknown extra columns,
 * the rows not changed.  Two ways to do it:
 *
 *	struct sheet	the whole file held in memory, rows found by key,
 *			changed or added, then written back (aid.csv,
 *			cases.csv: union-aid's moves);
 *	sheet_stream	the file streamed row by row through a callback
 *			into the transaction's staged copy, for files too
 *			big to hold (members.csv: union-enroll transfer,
 *			leave; unions.csv, enterprises.csv).
 */
#ifndef UNION_SHEET_H
#define UNION_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "datadir.h"
#include "schema.h"
#include "table.h"

struct arena;
struct strmap;

/* ---- the column names of a table ---- */

/*
 * sheet_names: t's column names in its order, an array of tbl_ncols(t)
 * pointers into t (free the array, not the names).
 */
const char **sheet_names(const struct table *t);

/* ---- a data file held whole in memory ---- */

struct sheet {
	const struct schema *schema;
	const char *file;	/* "aid.csv", relative to the data directory */
	char	*path;		/* dir/file */
	int	 exists;	/* the file was there when loaded */
	size_t	 ncols;		/* columns of the file, in its order */
	char	**cols;		/* their names */
	struct binding bind;	/* schema columns -> file columns */
	size_t	 nrows;
	size_t	 cap;
	struct field *cells;	/* nrows * ncols, row-major */
	long	*lines;		/* line each row starts on */
	struct strmap *index;	/* key -> row + 1 */
	int	 keycol;	/* file column of the key */
	int	 bad;		/* records skipped as malformed (reported) */
	struct arena *arena;	/* owns every cell */
};

/*
 * sheet_load: read DIR/file whole, under schema s.  A missing file is an
 * empty sheet with the schema's columns (exists = 0).
 * SHEET_CHECK (for a file about to be changed): every row is checked
 * with schema_check_row as of today and keys must be unique; a damaged
 * file is reported and refused.  Without it (listings) malformed records
 * are reported, skipped and counted in bad, and the file may also be
 * .tsv or gzip'd.  Returns 0, or -1 after a message (unreadable,
 * required column missing, damaged); sheet_free it either way.
 */
enum { SHEET_CHECK = 1 };
int	sheet_load(struct sheet *sh, const char *dir, const char *file,
	    const struct schema *s, int32_t today, int flags);
/* sheet_free: release everything sh holds and empty it. */
void	sheet_free(struct sheet *sh);

/* sheet_row: the fields of row i; sheet_get: its value of column name
   ("" with s NULL when the file lacks the column). */
struct field *sheet_row(const struct sheet *sh, size_t i);
struct field sheet_get(const struct sheet *sh, size_t i, const char *name);
/* sheet_cell: the value as a C string (cells are NUL-terminated). */
const char *sheet_cell(const struct sheet *sh, size_t i, const char *name);

/*
 * sheet_day, sheet_money: row i's column name as a date (days) or an
 * amount (fen); -1 when it is empty or not one (so callers of a checked
 * sheet can rely on the value).
 */
int	sheet_day(const struct sheet *sh, size_t i, const char *name,
	    int32_t *day);
int	sheet_money(const struct sheet *sh, size_t i, const char *name,
	    int64_t *fen);

/*
 * sheet_set: change row i's column name to val (copied); exits 2 when
 * the file has no such column.  Setting the key re-indexes the row.
 */
void	sheet_set(struct sheet *sh, size_t i, const char *name,
	    const char *val);

/* sheet_find: the (first) row holding key, or -1. */
long	sheet_find(const struct sheet *sh, const char *key);

/* sheet_add: a new row, all fields empty and not indexed; its index. */
size_t	sheet_add(struct sheet *sh);

/*
 * sheet_max_id: the highest number among keys of the form PREFIX and
 * digits, of any width (0 when there is none).
 */
long long sheet_max_id(const struct sheet *sh, char prefix);

/*
 * sheet_check_row: schema_check_row on row i as of today; each error is
 * printed against the file and its line.  Returns the number of errors.
 */
int	sheet_check_row(const struct sheet *sh, size_t i, int32_t today);

/*
 * sheet_write: the header and rows [from, nrows) to o, in the file's
 * column order (from = 0 for a whole rewrite; the first added row for
 * txn_append, whose writer drops the header).
 */
void	sheet_write(const struct sheet *sh, struct out *o, size_t from);

/* ---- a data file streamed through a change ---- */

/*
 * sheet_header: DIR/file opened (CSV, UTF-8) and its header read; the
 * rows are left unread.  NULL after a message.  Close it with tbl_close.
 */
struct table *sheet_header(const char *dir, const char *file);

/*
 * sheet_rowfn: called for each row of the file being rewritten, with
 * vals[] holding its values (C strings) in the file's column order; it
 * may point entries of vals at new strings that live until the next
 * call.  Returns 0 to go on, -1 to stop (after a message).
 */
typedef int (*sheet_rowfn)(void *arg, struct table *t, const char **vals);

/*
 * sheet_stream: stream DIR/file into txn_rewrite(x, file) through fn
 * (NULL: unchanged), header first, keeping every column.  A malformed
 * row stops it (the file must be mended first).  Returns the writer,
 * positioned after the last row (the caller may add rows), or NULL after
 * a message.  *tp, when tp is not NULL and the rewrite went through,
 * receives the table read (at its end; its column names stay valid)
 * for the caller to close.
 */
struct out *sheet_stream(struct txn *x, const char *dir, const char *file,
	    sheet_rowfn fn, void *arg, struct table **tp);

#endif
