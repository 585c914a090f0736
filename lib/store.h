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
int	write_all(int fd, const void *p, size_t n);
int	fsync_dir(const char *path);
int	fsync_parent(const char *path);
int	write_atomic(const char *path, const void *p, size_t n, int durable);
/* slurp_file: a small file whole, NUL-terminated; NULL with errno. */
char	*slurp_file(const char *path, size_t *len);

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

struct txn;
/*
 * txn_accept: an entry in x for file that starts its digest chain over
 * the whole current file (journal_record).  0, or -1 after a message.
 */
int	txn_accept(struct txn *x, const char *file, const char *action,
	    const char *key, const char *detail);

#endif
