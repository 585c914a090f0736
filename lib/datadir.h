/*
 * datadir.h - the data directory, its lock, and changes to it made as
 * transactions: all of a command's changes land, or none does.
 *
 * Files (DESIGN.md): unions.csv members.csv enterprises.csv programs.csv
 * aid.csv cases.csv; journal.csv (the journal, see journal.h);
 * audit-history.csv (union-audit); archives/ (union-audit archive).
 * Internal: .lock (the lock file), .txn (an interrupted transaction's
 * undo/redo record), *.tmp (staged rewrites).
 *
 * A transaction:
 *	x = txn_begin(dir, "union-enroll", by);	    lock, recover
 *	o = txn_append(x, "members.csv");	    rows at the end
 *	o = txn_rewrite(x, "aid.csv");		    a whole new file
 *	txn_log(x, "add", "members.csv", "M0000123", "enrolled 1 member");
 *	txn_commit(x);				    or txn_abort(x)
 *
 * Crash safety: before anything is touched, .txn records the old size of
 * each appended file (fsync'd).  Rewrites are staged to FILE.tmp.  At
 * commit: appends fsync'd, staged files fsync'd, .txn marked committed
 * (with the journal lines to write), renames, directory fsync, journal
 * appended and fsync'd, .txn removed.  Recovery (at the next txn_begin,
 * or union-audit) undoes an uncommitted .txn (truncate appends, delete
 * staged files) or finishes a committed one.  A kill -9 at any point
 * leaves the old state or the new, never a mix.
 *
 * New files are created mode 0640 (owner and group only).
 */
#ifndef UNION_DATADIR_H
#define UNION_DATADIR_H

#include "out.h"

/* datadir_resolve: opt if set, else $UNION_DATA, else ".". */
const char *datadir_resolve(const char *opt);

/* datadir_path: "dir/name" in fresh memory. */
char	*datadir_path(const char *dir, const char *name);

/*
 * datadir_find: the path of a table for reading: name ("members") with
 * .csv, .tsv, .csv.gz or .tsv.gz, the first that exists; NULL if none.
 */
char	*datadir_find(const char *dir, const char *name);

/* The lock: exclusive, blocking (says "waiting for lock" on a terminal).
   Returns a descriptor, or -1 after printing why. */
int	datadir_lock(const char *dir);
void	datadir_unlock(int fd);

struct txn;

/* txn_begin: lock dir and recover; NULL (after a message) on failure. */
struct txn *txn_begin(const char *dir, const char *tool, const char *user);

/*
 * txn_append: a CSV writer at the end of an existing table (no header is
 * written).  Refuses (NULL, message) a file whose last byte is not a
 * newline: a torn last line must be looked at first.
 */
struct out *txn_append(struct txn *x, const char *file);

/* txn_rewrite: a CSV writer on a staged copy; write header and rows. */
struct out *txn_rewrite(struct txn *x, const char *file);

/* txn_create: like txn_rewrite for a file that must not exist yet. */
struct out *txn_create(struct txn *x, const char *file);

/*
 * txn_log: a journal entry for this transaction.  The file's size and
 * digest after the change are filled in at commit.  key names the
 * record(s) changed ("M0000123", "A0000001..A0000150"); detail says what.
 */
void	txn_log(struct txn *x, const char *action, const char *file,
	    const char *key, const char *detail);

/* txn_commit: make it all durable; 0, or -1 after rolling back and
   printing why (the caller exits 2). */
int	txn_commit(struct txn *x);
/* txn_abort: undo everything, unlock, free. */
void	txn_abort(struct txn *x);

/* datadir_recover: finish or undo an interrupted transaction.  Must be
   called with the lock held.  1 if there was one, 0 if not, -1 error. */
int	datadir_recover(const char *dir);

/* File names. */
#define JOURNAL_FILE "journal.csv"
#define HISTORY_FILE "audit-history.csv"
#define ARCHIVE_DIR "archives"

#endif
