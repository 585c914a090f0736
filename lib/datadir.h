/*
 * datadir.h - the data directory, its lock, and changes to it made as
 * transactions: all of a command's changes land, or none does.
 *
 * Files (DESIGN.md): unions.csv members.csv enterprises.csv programs.csv
 * aid.csv cases.csv; journal.csv (the journal, see journal.h);
 * audit-history.csv (union-audit); archives/ (union-audit archive).
 * Internal: .lock (the lock file), .journal-state (the journal's cached
 * end, journal.h), .txn (an interrupted transaction's undo/redo record),
 * *.tmp (staged rewrites).
 *
 * A transaction:
 *	x = txn_begin(dir, "union-enroll", by);	    lock, recover
 *	o = txn_append(x, "members.csv");	    rows at the end
 *	o = txn_rewrite(x, "aid.csv");		    a whole new file
 *	txn_log(x, "add", "members.csv", "M0000123", "enrolled 1 member");
 *	txn_commit(x);				    or txn_abort(x)
 *
 * The writers that txn_append, txn_rewrite and txn_create return belong
 * to the transaction: write rows to them, never out_close them;
 * txn_commit and txn_abort flush and close them.
 *
 * Crash safety: before anything is touched, DIR/.txn records the old size
 * of each appended file and the name of each staged file (written to
 * .txn.tmp, fsync'd, renamed, directory fsync'd).  Appended rows go to
 * the end of the real file, hashed as they are written; rewrites are
 * staged to FILE.tmp.  At commit: appends and staged files fsync'd;
 * .txn rewritten as committed, holding the journal lines to add (the
 * commit point); staged files renamed over the originals, directory
 * fsync'd; journal appended and fsync'd; .txn removed; unlock.
 * Recovery (at the next txn_begin or journal_record, or union-audit)
 * undoes an uncommitted .txn (truncates appends to their old sizes,
 * deletes staged files) or finishes a committed one (renames the staged
 * files still present, writes the journal lines again over whatever a
 * failed attempt left).  A kill -9 at any point leaves the old state or
 * the new once recovery has run, never a mix.  A process that exits
 * (die(), a failed write in out.c) with a transaction open undoes it on
 * the way out.  Readers do not take the lock: they may see rows of a
 * transaction that is not committed yet.
 *
 * New files are created mode 0640 (owner and group only); a rewritten
 * file keeps its old mode.
 */
#ifndef UNION_DATADIR_H
#define UNION_DATADIR_H

#include "out.h"

/* datadir_resolve: opt if set, else $UNION_DATA, else ".". */
const char *datadir_resolve(const char *opt);

/* datadir_path: "dir/name" in fresh memory ("name" when dir is "."). */
char	*datadir_path(const char *dir, const char *name);

/*
 * datadir_find: the path of a table for reading: name ("members") with
 * .csv, .tsv, .csv.gz or .tsv.gz, the first that exists; NULL if none.
 * A name that already has one of these suffixes is taken as it is.
 */
char	*datadir_find(const char *dir, const char *name);

/*
 * The lock: an exclusive fcntl lock on DIR/.lock (created 0640), waiting
 * while another process holds it; says "waiting for the lock on DIR"
 * once when standard error is a terminal.  Returns a descriptor, or -1
 * after printing why.  The lock belongs to the process: it does not
 * exclude a second lock in the same process.
 */
int	datadir_lock(const char *dir);
void	datadir_unlock(int fd);
/*
 * datadir_lock_shared: a shared lock for a reader that changes nothing,
 * through a read-only descriptor: it needs no write access to DIR or
 * DIR/.lock.  Waits while a writer holds the lock.  -1 after a message.
 * datadir_pending: 1 when DIR/.txn tells of an interrupted change (which
 * only a holder of the exclusive lock may recover), else 0.
 */
int	datadir_lock_shared(const char *dir);
int	datadir_pending(const char *dir);

struct txn;

/*
 * txn_begin: lock dir, recover an interrupted transaction (with a note
 * saying it was rolled back or finished), and load the journal's state.
 * tool and user are written in the journal entries.  NULL (after a
 * message) on failure: the lock cannot be taken, the recovery fails, or
 * the journal cannot be read, its last line is torn, or it is missing or
 * shorter than DIR/.journal-state says was written ("journal.csv: ends
 * at entry 5 but entry 6 was written (.journal-state); restore it, or
 * remove .journal-state to go on").
 */
struct txn *txn_begin(const char *dir, const char *tool, const char *user);

/*
 * txn_set_hash: the algorithm ("sha256", "sm3") of the journal this
 * transaction creates (union-enroll init --hash sm3).  Call it before
 * opening any file.  0; -1 after a message when the algorithm is unknown
 * or the journal already exists with another one.
 */
int	txn_set_hash(struct txn *x, const char *algo);

/*
 * txn_append: a writer (CSV, or TSV for a .tsv name) at the end of an
 * existing table; no header is written.  Asking twice for one file gives
 * the same writer.  Refuses (NULL, message) a missing or empty file, a
 * .gz file, a file this transaction rewrites, and a file whose last byte
 * is not a newline ("members.csv: last line has no newline (torn
 * write?); run union-audit").  Appending to a file the journal has no
 * entry for hashes its current content once, to start its digest.
 */
struct out *txn_append(struct txn *x, const char *file);

/*
 * txn_rewrite: a writer on a staged copy, FILE.tmp (the old file's mode,
 * or 0640); write the header and every row.  NULL after a message.
 */
struct out *txn_rewrite(struct txn *x, const char *file);

/* txn_create: like txn_rewrite for a file that must not exist yet
   ("FILE: already exists"). */
struct out *txn_create(struct txn *x, const char *file);

/*
 * txn_log: a journal entry for this transaction.  The file's size and
 * digest after the change are filled in at commit.  key names the
 * record(s) changed ("M0000123", "A0000001..A0000150"); detail says what.
 * Any of file, key and detail may be NULL.  Entries are written in the
 * order logged; a file written but never logged gets an entry of its own
 * at commit (action "append", "rewrite" or "create").
 */
void	txn_log(struct txn *x, const char *action, const char *file,
	    const char *key, const char *detail);

/*
 * txn_commit: make it all durable, unlock and free x.  0; or -1 after
 * rolling back and printing why (the caller exits 2).  A failure after
 * the commit point (writing the journal) is not rolled back: the change
 * is durable, a message says so, the next transaction finishes it, and
 * 0 is returned.
 */
int	txn_commit(struct txn *x);
/* txn_abort: undo everything, unlock, free; NULL is ignored. */
void	txn_abort(struct txn *x);

/*
 * datadir_recover: finish or undo an interrupted transaction.  Must be
 * called with the lock held.  1 if there was one, 0 if not, -1 after a
 * message (a damaged .txn, or an undo that fails).
 */
int	datadir_recover(const char *dir);

/* File names. */
#define JOURNAL_FILE "journal.csv"
#define HISTORY_FILE "audit-history.csv"
#define ARCHIVE_DIR "archives"

#endif
