/*
 * journal.h - the append-only, tamper-evident journal (journal.csv).
 *
 * Columns:
 *	seq,time,user,tool,action,file,key,detail,size,digest,hash
 * seq counts from 1.  time is UTC, "2026-11-25T21:52:27Z".  size and
 * digest are the state of file after the change.  hash chains the entry
 * to the one before it:
 *	hash = H(prev_hash "\n" seq "," time "," ... "," digest)
 * over the entry's CSV text (fields as written, without the hash field),
 * where prev_hash is the previous entry's hash ("" for the first).
 * Hashes are written "ALGO:HEX" ("sha256:9f86d0...", or "sm3:..."), so
 * each entry says how it was made.  The algorithm is chosen when the
 * journal is created (union-enroll init --hash sm3), default sha256,
 * through OpenSSL's libcrypto EVP interface.
 *
 * A file's digest is a chain over the segments the tools wrote:
 *	rewrite or create:  d = H("" || whole file)
 *	append:             d = H(d_before || appended bytes)
 * (d_before as its "ALGO:HEX" text).  So an append costs a hash of the new
 * bytes only, and a reader that knows the sizes recorded in the journal
 * can check the whole file in one pass.  Actions that reset a file's
 * chain: init, rewrite actions, "accept" (union-audit accept).
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
	const char *digest;	/* file state after, "ALGO:HEX" */
	const char *hash;	/* this entry's hash */
	int	 resets;	/* this action restarts the file's digest chain */
};

/*
 * journal_walk: read DIR/journal.csv in order, verifying the chain and
 * sequence.  fn gets each entry (strings valid during the call only).
 * bad gets each fault: line, and a message ("hash does not match the
 * entry: edited or reordered", "sequence jumps from 41 to 43: entry
 * deleted").  Returns the number of faults, or -1 if the journal cannot
 * be read (a message is printed).  A missing journal is -1.
 */
int	journal_walk(const char *dir,
	    void (*fn)(void *arg, const struct jentry *e),
	    void (*bad)(void *arg, long line, const char *msg), void *arg);

/*
 * file_verify: does DIR/file match the journal's last recorded state?
 * Reads the file once, hashing it along the segments recorded for it.
 * Returns 1 when it matches, 0 when not (*why says how: "size 1234
 * differs from the journal's 1200", "content differs from the journal"),
 * -1 when it cannot be read; 2 when the journal has no entry for it.
 */
int	file_verify(const char *dir, const char *file, const char **why);

/*
 * journal_record: append one entry that resets file's digest chain: the
 * whole current file is hashed.  For union-audit accept (a hand edit
 * accepted) and gen-sample (a generated directory).  Takes the lock
 * itself.  Returns 0, or -1 after a message.
 */
int	journal_record(const char *dir, const char *tool, const char *user,
	    const char *action, const char *file, const char *key,
	    const char *detail);

#endif
