/*
 * journal.h - the append-only, tamper-evident journal (journal.csv).
 *
 * Columns:
 *	seq,time,user,tool,action,file,key,detail,chain,size,digest,hash
 * seq counts from 1.  time is UTC, "2026-11-25T21:52:27Z", from the
 * clock, or the value of $UNION_NOW verbatim when it is set (so that
 * tests can pin a journal's exact bytes).  user is the user given to
 * txn_begin (--by, else $USER).  size and digest are the state of file
 * after the change; chain says how the digest was made (below).  hash
 * chains the entry to the one before it:
 *	hash = H(prev_hash "\n" text)
 * where text is the entry's first eleven fields (all but hash) joined by
 * commas, each written as the journal writes it: enclosed in double
 * quotes, inner quotes doubled, when it holds a comma, quote, CR or LF;
 * as it is otherwise.  prev_hash is the previous entry's hash as written
 * ("" for the first entry).  Hashes are written "ALGO:HEX"
 * ("sha256:9f86d0...", or "sm3:..."), so each entry says how it was
 * made.  The algorithm is chosen when the journal is created
 * (txn_set_hash: union-enroll init --hash sm3), default sha256, through
 * OpenSSL's libcrypto EVP interface.
 *
 * A file's digest is a chain over the segments the tools wrote:
 *	chain "start":   d = H(whole file)
 *	chain "extend":  d = H(d_before || appended bytes)
 * (d_before as its "ALGO:HEX" text, the digest of the file's previous
 * entry).  So an append costs a hash of the new bytes only, and a reader
 * that knows the sizes recorded in the journal can check the whole file
 * in one pass.  "start" is written for files a transaction created or
 * rewrote, for journal_record (init of a generated directory, union-audit
 * accept), and for the first append to a file the journal did not know.
 * chain is empty when the entry changed no bytes of its own: a second
 * entry for a file in the same transaction (the first carries the
 * change), an entry about a file the transaction did not write, or an
 * entry with no file; size and digest then repeat the file's state (or
 * are empty when the journal knows none).
 *
 * Beside the journal, DIR/.journal-state caches its end (last seq and
 * hash, its size, each file's last size and digest) so that a commit
 * never reads the journal; it is checked against the journal's tail and
 * rebuilt from the journal when missing or stale.  It is also evidence:
 * a journal missing, or shorter than the cache says was written, is
 * refused by txn_begin and reported by journal_walk.  Deleting the cache
 * is safe (it only forgets that evidence).
 */
#ifndef UNION_JOURNAL_H
#define UNION_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#define HASH_TEXT_MAX 80	/* "sm3:" or "sha256:" + 64 hex + NUL */

/* An incremental hash, algorithm by name ("sha256", "sm3"). */
struct hasher;
struct hasher *hasher_new(const char *algo);	/* NULL if unknown */
void	hasher_update(struct hasher *h, const void *p, size_t n);
/* hasher_final: "ALGO:HEX" into out; the hasher can be reused after. */
void	hasher_final(struct hasher *h, char out[HASH_TEXT_MAX]);
void	hasher_free(struct hasher *h);
/* hash_algo_of: the algorithm named by an "ALGO:HEX" text, or NULL. */
const char *hash_algo_of(const char *hashtext, char *algo, size_t sz);

struct jentry {
	long	 seq;
	long	 line;		/* line in journal.csv */
	const char *time, *user, *tool, *action, *file, *key, *detail;
	unsigned long long size;
	const char *chain;	/* "start", "extend" or "" (see above) */
	const char *digest;	/* file state after, "ALGO:HEX" */
	const char *hash;	/* this entry's hash */
	int	 resets;	/* this action restarts the file's digest chain
				   (chain is "start") */
};

/*
 * journal_walk: read DIR/journal.csv in order, verifying the chain and
 * the sequence.  fn gets each entry (strings valid during the call
 * only); bad gets each fault with its line and a message:
 *	"hash does not match the entry: edited"
 *	"sequence jumps from 41 to 43: entry 42 deleted"
 *	    (at the end: "entries 42 to 45 deleted")
 *	"entry 42 comes after entry 43: entries reordered"
 *	"entry 42 appears twice"
 *	"journal starts at entry 3: entries 1 to 2 deleted"
 *	"not a journal entry: REASON" (a line that does not parse as one:
 *	    wrong field count, seq or size not a number, a bad hash text)
 *	"last entry is cut short: journal truncated" (no final newline)
 *	"journal ends at entry 45 but entry 50 was written: entries removed
 *	    from the end" (checked against DIR/.journal-state)
 * A hash that does not match is reported as an edit only when the line
 * before is the entry it chains to; after a deletion or reordering the
 * broken link is the same fault, reported once.  Faults come in line
 * order, except deletions, which are known only at the end.  fn and bad
 * may be NULL.  Returns the number of faults, or -1 if the journal cannot
 * be read or its header is not the journal's (a message is printed).  A
 * missing journal is -1 with errno ENOENT.
 */
int	journal_walk(const char *dir,
	    void (*fn)(void *arg, const struct jentry *e),
	    void (*bad)(void *arg, long line, const char *msg), void *arg);

/*
 * file_verify: does DIR/file match the journal's last recorded state?
 * Reads the file once, hashing it along the segments recorded for it
 * since its last "start" entry, and checks each segment's digest.
 * Returns 1 when it matches; 0 when not, and *why says how:
 *	"size 1100 differs from the journal's 1200: bytes cut off"
 *	"size 1234 differs from the journal's 1200: bytes added after
 *	    entry 45"
 *	"content differs from the journal in bytes 1200 to 1299 (entry 45)"
 * -1 after a message when the file or the journal cannot be read; 2 when
 * the journal (or a missing journal) has no entry for the file.  *why
 * points to static memory, valid until the next call.
 */
int	file_verify(const char *dir, const char *file, const char **why);

/*
 * journal_record: append one entry that starts file's digest chain: the
 * whole current file is hashed (chain "start").  For union-audit accept
 * (a hand edit accepted) and gen-sample (a generated directory).  It is a
 * transaction of its own: it takes the lock (finishing or undoing an
 * interrupted transaction first) and creates the journal when absent,
 * with the default algorithm.  Returns 0, or -1 after a message.
 */
int	journal_record(const char *dir, const char *tool, const char *user,
	    const char *action, const char *file, const char *key,
	    const char *detail);

#endif
