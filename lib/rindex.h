/*
 * rindex.h - the real-name index: which people hold a live membership,
 * and the largest member number, known without reading the roster.
 *
 * The index is a cache beside the roster, DIR/members.rindex.  It covers
 * members.csv up to a byte offset; rows appended after that offset (the
 * "tail") are read on every open, so enrolling never rewrites it.  It is
 * rebuilt from the roster by a full scan when it is missing or stale, and
 * merged with its tail when the tail grows long.  Deleting it is always
 * safe.
 *
 * File format (all integers little-endian):
 *
 *	offset	size	field
 *	0	8	magic "URIDX\0\0\1" (the last byte is the version)
 *	8	8	covered: bytes of members.csv the entries describe
 *	16	8	st_dev of members.csv when the index was written
 *	24	8	st_ino of members.csv
 *	32	8	hash_bytes() of members.csv bytes
 *			[max(0, covered - 4096), covered)
 *	40	8	count: number of entries
 *	48	4	max_member: the largest number N of a member_id "M%08d"
 *			in the covered rows (0 if none)
 *	52	4	zero
 *	56	8	hash_bytes() of bytes 0..55 (a torn header fails it)
 *	64	12*count entries, sorted by key:
 *		8	key: the id_number's first 17 digits read as a
 *			decimal number, times 11, plus the check
 *			character's value (0-9, X = 10)
 *		4	value: member number (bits 0-29) and state
 *			(bits 30-31: 1 active, 2 retained, 3 deceased)
 *
 * Only rows whose status is active, retained or deceased have an entry;
 * rows whose id_number is not 17 digits and a check character have none
 * (no valid candidate can equal them).  A member_id not of the form M
 * and eight digits is recorded as member number 0.
 *
 * The index is valid when members.csv has the same device and inode,
 * is at least covered bytes long, and its bytes before covered hash to
 * the recorded value.  A rewrite of the roster (a new inode), a
 * truncation or an edit of its last 4 KiB makes it stale.  An edit in
 * place elsewhere that keeps the inode is not seen: union-audit
 * (which checks the roster against the journal) or "union-enroll
 * reindex" deal with hand edits.
 */
#ifndef UNION_RINDEX_H
#define UNION_RINDEX_H

#include <stddef.h>
#include <stdint.h>

#define RINDEX_FILE "members.rindex"

/* States of an entry. */
enum { RI_NONE = 0, RI_ACTIVE = 1, RI_RETAINED = 2, RI_DECEASED = 3 };

/* rindex_open flags. */
enum {
	RI_WRITE = 1 << 0,	/* the caller holds the lock: a rebuilt or
				   merged index is written back */
	RI_REBUILD = 1 << 1	/* ignore the file: rebuild by a full scan */
};

struct rindex;

/*
 * rindex_open: the index of DIR/members.csv, valid for the roster as it
 * is now: the file's entries plus the rows past them, or a full scan
 * when the file is missing or stale.  With RI_WRITE the caller must hold
 * the data directory lock; a rebuilt index, or one whose tail exceeds
 * RINDEX_MERGE_ROWS rows, is then written back (atomically, by rename).
 * Malformed roster rows are skipped (the audit reports them).
 * Returns NULL after a message when the roster cannot be read.
 */
struct rindex *rindex_open(const char *dir, int flags);
void	rindex_close(struct rindex *r);

/* Tail rows beyond which rindex_open(RI_WRITE) merges them in. */
#define RINDEX_MERGE_ROWS 16384

/* rindex_key: the key of an 18-character id_number; -1 if it has none. */
int	rindex_key(const char *id, size_t n, uint64_t *key);

/*
 * rindex_lookup: the state of the person with this key: RI_ACTIVE or
 * RI_RETAINED (a live membership, preferred when there are several
 * rows), RI_DECEASED, or RI_NONE.  *member gets the member number of
 * the row found (0 when unknown or none).
 */
int	rindex_lookup(const struct rindex *r, uint64_t key, uint32_t *member);

/* rindex_max_member: the largest member number in the whole roster. */
uint32_t rindex_max_member(const struct rindex *r);

/* How the index was obtained, for --verbose figures and tests. */
struct rindex_stats {
	size_t	 entries;	/* from the file */
	size_t	 tail_rows;	/* roster rows read past the file's part */
	int	 rebuilt;	/* 1: full scan of the roster */
	int	 written;	/* 1: the file was (re)written */
};
void	rindex_stats(const struct rindex *r, struct rindex_stats *st);

/*
 * A builder, for a command that writes a whole new roster (transfer,
 * leave): it feeds every row it writes, then rindex_build_write() saves
 * an index for the finished file at roster_path (the staged copy,
 * flushed; its inode is the roster's after the rename).  The caller
 * holds the lock.  Returns 0, or -1 after a message (the index is then
 * simply rebuilt later).
 */
struct rindex_build;
struct rindex_build *rindex_build_new(void);
void	rindex_build_row(struct rindex_build *b, const char *member_id,
	    size_t mlen, const char *id_number, size_t ilen,
	    const char *status, size_t slen);
int	rindex_build_write(struct rindex_build *b, const char *dir,
	    const char *roster_path);
void	rindex_build_free(struct rindex_build *b);

/* rindex_member_number: N of "M%08d", or 0 when s is not of that form. */
uint32_t rindex_member_number(const char *s, size_t n);

#endif
