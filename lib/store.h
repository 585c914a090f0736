/*
 * store.h - internals shared by datadir.c, txn.c and journal.c: durable
 * writes, the journal's cached state and the journal's line format.
 * Not for the tools: they use datadir.h and journal.h.
 */
#ifndef UNION_STORE_H
#define UNION_STORE_H

#include <stddef.h>

#include "journal.h"
#include "util.h"

#define STATE_FILE ".journal-state"	/* the journal's cached state */
#define TXN_FILE ".txn"			/* an unfinished transaction */
#define HASH_DEFAULT "sha256"

/* Durable writes (datadir.c); 0, or -1 with errno. */
int	store_write(int fd, const void *p, size_t n);
int	store_fsync_dir(const char *path);
int	store_fsync_parent(const char *path);
int	store_replace(const char *path, const void *p, size_t n,
	    int durable);
/* store_slurp: a small file whole, NUL-terminated; NULL with errno. */
char	*store_slurp(const char *path, size_t *len);
/* store_count: a decimal number from s into *v (no sign, no overflow);
   *end is where it stops.  -1 when s does not start with a digit. */
int	store_count(const char *s, unsigned long long *v, const char **end);

/* The journal's last recorded state of one file. */
struct jfile {
	char	*name;				/* as in the file column */
	unsigned long long size;		/* bytes after the last entry */
	char	 digest[HASH_TEXT_MAX];		/* digest after it */
};

/*
 * The journal's state at its end: what a commit needs to chain a new
 * entry and to extend a file's digest, without reading the journal.
 * Cached in DIR/.journal-state; trusted only when the journal still has
 * the recorded size and ends with the recorded hash.
 */
struct jstate {
	char	 algo[8];		/* the journal's algorithm */
	long	 seq;			/* the last entry's seq; 0: none */
	char	 hash[HASH_TEXT_MAX];	/* the last entry's hash; "" */
	unsigned long long jsize;	/* bytes of journal.csv; 0: none */
	struct jfile *files;		/* by name */
	size_t	 nfiles;
};

/*
 * jstate_load: the state of DIR's journal, from the cache when it is
 * valid, else by reading the journal (and the cache is rewritten).  An
 * absent journal is an empty state with the default algorithm.  Refuses
 * (-1 after a message) a journal that cannot be read, whose last line is
 * torn or not an entry, or that is missing or shorter than the cache
 * says was written (entries removed: the cache is evidence, so the
 * clerk restores the journal or removes the cache).  Free with
 * jstate_free.
 */
int	jstate_load(const char *dir, struct jstate *st);
/* jstate_save: rewrite the cache (atomically, not fsync'd: it is only a
   cache, checked against the journal before use). */
int	jstate_save(const char *dir, const struct jstate *st);
void	jstate_free(struct jstate *st);
/* jstate_file: the recorded state of file, or NULL. */
const struct jfile *jstate_file(const struct jstate *st, const char *name);
void	jstate_set_file(struct jstate *st, const char *name,
	    unsigned long long size, const char *digest);

/*
 * journal_format: the CSV line of entry e (ending in a newline) appended
 * to b.  e->seq is set to st->seq + 1 and e->hash to the chained hash
 * (into hashbuf); st's seq and hash move on to the new entry.
 */
void	journal_format(struct buf *b, struct jstate *st, struct jentry *e,
	    char hashbuf[HASH_TEXT_MAX]);
/* journal_header: the journal's first line, with its newline. */
const char *journal_header(void);
/* journal_entry_text: e's first eleven fields as hashed (journal.h). */
void	journal_entry_text(struct buf *b, const struct jentry *e);
/* journal_chain_hash: H(prev "\n" text) into out, with h. */
void	journal_chain_hash(struct hasher *h, const char *prev,
	    const char *text, size_t n, char out[HASH_TEXT_MAX]);
/*
 * journal_tail: the journal's size into *size and whether it ends in a
 * newline into *lastnl; returns 1 when it ends with ",HASH\n" for hash,
 * 0 when not, -1 with errno when it cannot be read (ENOENT: absent).
 */
int	journal_tail(const char *dir, const char *hash,
	    unsigned long long *size, int *lastnl);
/* jstate_read: the cache as it is on disk, unchecked; -1 when missing or
   malformed. */
int	jstate_read(const char *dir, struct jstate *st);

/* journal_time: $UNION_NOW verbatim, else the clock as UTC ISO-8601. */
#define JTIME_MAX 40
const char *journal_time(char buf[JTIME_MAX]);

/*
 * journal_put: write the n bytes of blob to DIR/journal.csv at offset
 * before (cutting off whatever a failed attempt left after it; at the
 * end when the journal is shorter), creating it mode 0640 when absent,
 * and fsync.  0, or -1 after a message.
 */
int	journal_put(const char *dir, unsigned long long before,
	    const char *blob, size_t n);

/*
 * The record of a transaction in progress, DIR/.txn (txn_record.c): what
 * to undo before the commit point, and what to finish after it.
 */
struct trec {
	int	 committed;		/* past the commit point */
	struct rfile {
		int	 staged;	/* NAME.tmp replaces NAME; else an append */
		unsigned long long oldsize;	/* appends: the size before */
		char	*name;		/* owned */
	} *files;
	size_t	 nfiles;
	unsigned long long before;	/* committed: the journal's size before */
	const char *blob;		/* committed: the journal bytes; borrowed */
	size_t	 bloblen;
};

/* trec_write: r as DIR/.txn, durably; 0, or -1 after a message. */
int	trec_write(const char *dir, const struct trec *r);
void	trec_free(struct trec *r);
/* txn_undo, txn_finish: settle r one way or the other; 0, or -1 after a
   message. */
int	txn_undo(const char *dir, const struct trec *r);
int	txn_finish(const char *dir, const struct trec *r);
/* txn_clear: remove DIR/.txn and a stray .txn.tmp, durably. */
int	txn_clear(const char *dir);
/* txn_settle: datadir_recover, with a note when verbose; *finished says
   whether a committed transaction was finished. */
int	txn_settle(const char *dir, int verbose, int *finished);

struct txn;
/*
 * txn_accept: an entry in x for file that starts its digest chain over
 * the whole current file (journal_record).  0, or -1 after a message.
 */
int	txn_accept(struct txn *x, const char *file, const char *action,
	    const char *key, const char *detail);

#endif
