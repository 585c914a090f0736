/*
 * stats.h - the parts of union-stats, shared between its files.
 *
 *	num.c		exact decimal numbers and the natural order
 *	expr.c		--where conditions
 *	scan.c		reading the input files, split over threads (-j)
 *	agg.c		group-by aggregation: state, merging, output
 *	partial.c	--partial results and "merge"
 *	select.c	select
 *	dup.c		dup and freq
 *	dupcount.c	counting dup's values, ID numbers packed
 *	hier.c		the union hierarchy (unions.csv) for the reports
 *	reports.c	members, age, growth, dues
 *	reports2.c	coverage, aid, cases
 *	main.c		the command table and the command line
 */
#ifndef UNION_STATS_H
#define UNION_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "union.h"

/* ---- num.c: exact decimals, value = m / 10^s ---- */

#define DEC_MAXSCALE 9

struct dec {
	int64_t	 m;		/* mantissa */
	int	 s;		/* decimals, 0..DEC_MAXSCALE */
};

/*
 * dec_parse: "-12", "3.50", "+.5": an optional sign, digits, an optional
 * point and decimals; at most 18 digits and DEC_MAXSCALE decimals.
 * Returns 0, or -1 when s[0..n) is not such a number.
 */
int	dec_parse(const char *s, size_t n, struct dec *d);
/* dec_cmp: <0, 0, >0 as a < b, exactly, whatever their scales. */
int	dec_cmp(struct dec a, struct dec b);
/* dec_rescale: *m from scale from to scale to >= from; -1 on overflow. */
int	dec_rescale(int64_t *m, int from, int to);
/* dec_fmt: m at scale s as text ("-0.05") into out[32]; returns out. */
char	*dec_fmt(int64_t m, int s, char out[32]);
/*
 * dec_div: num / den (den > 0) at scale s, rounded half away from zero
 * to outs >= s decimals, exactly, as text into out[40].
 */
char	*dec_div(int64_t num, int s, int64_t den, int outs, char out[40]);
/*
 * natcmp: the natural order of values: numbers by value (and by text
 * when equal in value), before all other text, which is in byte order.
 */
int	natcmp(const char *a, size_t an, const char *b, size_t bn);

/* ---- expr.c: --where ---- */

struct cond;		/* one parsed condition, shared by threads */
struct filter;		/* conditions bound to one table, for one thread */

/* cond_parse: "COL=VALUE" etc.; a usage error (exit 2) when bad. */
struct cond *cond_parse(const char *expr);
void	cond_free(struct cond *c);
/*
 * filter_bind: the conditions c[0..n) on table t, ANDed (or ORed when
 * any).  NULL after "FILE:1: COL: no such column" for an unknown column.
 */
struct filter *filter_bind(struct cond *const *c, size_t n, int any,
	    const struct table *t);
/* filter_match: does the current row pass? */
int	filter_match(struct filter *f, const struct field *row);
void	filter_free(struct filter *f);

/* ---- scan.c: reading inputs, in parallel when it can ---- */

/*
 * A job says how to read rows.  scan_files calls, for every part of
 * every input (a whole file, or a range of a split file):
 *	st = new_state(arg)		once per part (thread)
 *	bind(st, t)			for each table the part opens; -1 stops
 *	row(st, t, fields)		for each row that passes the filter
 *	done(st)			in the part's thread after its last
 *					row, when set
 *	merge(arg, st)			after the parts, in input order
 * Conditions (--where) are applied by scan_files before row().
 */
struct job {
	void	*arg;
	void	*(*new_state)(void *arg);
	int	(*bind)(void *st, const struct table *t);
	void	(*row)(void *st, const struct table *t,
		    const struct field *f);
	void	(*done)(void *st);		/* may be NULL */
	void	(*merge)(void *arg, void *st);	/* consumes st */
	int	 ordered;	/* rows must reach merge in input order */
	struct cond *const *conds;
	size_t	 nconds;
	int	 any;		/* --any: OR the conditions */
	int	 nthreads;	/* -j; 1 reads everything in one thread */
	int	 stdin_fd;	/* >= 0: "-" is this spooled copy of stdin */
	int	 quiet;		/* do not report malformed records again */
	struct tbl_opts topts;
};

/* job_init: an empty job: one thread, stdin read as it comes. */
void	job_init(struct job *j);
/*
 * scan_files: run job over files[0..n) ("-" or none: standard input).
 * Returns EXIT_CLEAN, EXIT_FOUND when malformed records were skipped
 * (each reported), or EXIT_TROUBLE when an input could not be read
 * or bound (reported).
 */
int	scan_files(struct job *j, char **files, int n);
/* scan_fail: a row() callback's fatal error: stop this part, exit 2. */
void	scan_fail(const struct table *t, const char *col, const char *fmt,
	    ...);
/* spool_stdin: standard input copied to an unlinked temporary file, so
   that it can be read twice; the descriptor, or exit 2. */
int	spool_stdin(void);
/* run_threads: fn(items + i * size) for i < n, each in a thread of its
   own, and wait for them all; n == 1 runs in this thread. */
void	run_threads(void *(*fn)(void *), void *items, size_t size, int n);
/* cores: the number of online processors (at least 1). */
int	cores(void);

/* ---- keytab.c: byte strings to dense indexes ---- */

/*
 * same_bytes: a[0..n) == b[0..n), inline for the short keys and values
 * of the hot paths (a call to memcmp costs more than the comparing).
 */
static inline int
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y, u, v;
	uint32_t p, q, r, t;

	if (n > 16)
		return memcmp(a, b, n) == 0;
	if (n >= 8) {		/* two words, overlapping when n < 16 */
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		memcpy(&u, a + n - 8, 8);
		memcpy(&v, b + n - 8, 8);
		return ((x ^ y) | (u ^ v)) == 0;
	}
	if (n >= 4) {
		memcpy(&p, a, 4);
		memcpy(&q, b, 4);
		memcpy(&r, a + n - 4, 4);
		memcpy(&t, b + n - 4, 4);
		return ((p ^ q) | (r ^ t)) == 0;
	}
	while (n-- > 0)
		if (*a++ != *b++)
			return 0;
	return 1;
}

struct keytab;
struct keytab *kt_new(void);
void	kt_free(struct keytab *k);
/*
 * kt_put: the index of key, whose hash is h, added with the next index
 * when new (*isnew = 1).  Keys are copied, NUL-terminated.  Any 64-bit
 * hash will do (kt_hash, hash_bytes) if a table always gets the same.
 */
size_t	kt_put(struct keytab *k, const char *key, size_t n, uint64_t h,
	    int *isnew);
/* kt_find: the index of key, or (size_t)-1. */
size_t	kt_find(const struct keytab *k, const char *key, size_t n,
	    uint64_t h);
size_t	kt_count(const struct keytab *k);
/* kt_hash: a fast hash of short keys, for kt_put and kt_find. */
uint64_t kt_hash(const char *key, size_t n);
/* kt_key: key i (NUL-terminated) and its length. */
const char *kt_key(const struct keytab *k, size_t i, size_t *len);

/* ---- agg.c ---- */

enum opkind {
	OP_COUNT, OP_SUM, OP_MEAN, OP_MIN, OP_MAX, OP_MEDIAN, OP_PCT,
	OP_DISTINCT, OP_MODE, OP_FIRST, OP_LAST
};

struct opspec {
	enum opkind kind;
	int	 pct;		/* OP_PCT: 0..100 */
	char	*col;		/* NULL: count of rows */
	char	*outname;	/* "wage_sum" */
	char	*text;		/* as written: "sum:wage" */
};

/* The query an agg state answers; shared, read-only while scanning. */
struct aggspec {
	char	**keys;		/* -g columns */
	size_t	 nkeys;
	struct opspec *ops;
	size_t	 nops;
	long	 seq;		/* --seq: orders parts for first and last */
};

struct agg;

/* opspec_parse: "sum:wage" etc.; a usage error when bad. */
void	opspec_parse(const char *s, struct opspec *op);
/* aggspec_keys: split "C1,C2" into spec->keys. */
void	aggspec_keys(struct aggspec *spec, const char *list);
void	aggspec_free(struct aggspec *spec);

struct agg *agg_new(const struct aggspec *spec);
void	agg_free(struct agg *a);
/* agg_bind: find the key and op columns in t; -1 after a message. */
int	agg_bind(struct agg *a, const struct table *t);
/* agg_row: add the current row (after agg_bind). */
void	agg_row(struct agg *a, const struct table *t, const struct field *f);
/* agg_merge: add everything of src (a later part) to dst; frees src. */
void	agg_merge(struct agg *dst, struct agg *src);
/* agg_write: the result, sorted by the keys, through o. */
void	agg_write(struct agg *a, struct out *o);
/* agg_job: a scan job feeding a. */
void	agg_job(struct job *j, struct agg *a);

/* freq and its sorting: value, count, percent (most frequent first). */
void	agg_write_freq(struct agg *a, struct out *o);
/* agg_write_counts: key and count of the groups with rows >= min;
   returns how many. */
size_t	agg_write_counts(struct agg *a, struct out *o, int64_t min);
/* agg_find: the group of key, or (size_t)-1; safe from several threads
   while nothing is added. */
size_t	agg_find(const struct agg *a, const char *key, size_t len);

/* Access for partial.c. */
const struct aggspec *agg_spec(const struct agg *a);

/* ---- partial.c ---- */

/*
 * partial_write: the state of a as lines that merge can combine; kind
 * names the command ("agg", "freq"), seq orders parts for first/last.
 */
void	partial_write(struct agg *a, const char *kind, long seq, FILE *fp);
/*
 * partial_read: merge the partial results of files[0..n) into a new agg;
 * *kind gets the command that wrote them.  NULL after a message.
 */
struct agg *partial_read(char **files, int n, char **kind);
/* partial_free: release what partial_read returned: a, its spec, kind. */
void	partial_free(struct agg *a, char *kind);

/* Inside agg.c, for partial.c: the state of group g, op i. */
size_t	agg_ngroups(const struct agg *a);
const char *agg_groupkey(const struct agg *a, size_t g, size_t *len);
size_t	agg_group(struct agg *a, const char *key, size_t len);
void	agg_put_rows(struct agg *a, size_t g, int64_t rows);
int64_t	agg_get_rows(const struct agg *a, size_t g);
/* op state as partial text, through emit(arg, group, op, tag, v1, v2) */
void	agg_dump(struct agg *a, long seq,
	    void (*emit)(void *arg, size_t g, size_t op, const char *tag,
	    const char *v1, size_t n1, const char *v2, size_t n2), void *arg);
/* agg_load: one dumped item back; -1 with *why when malformed. */
int	agg_load(struct agg *a, size_t g, size_t op, const char *tag,
	    const char *v1, size_t n1, const char *v2, size_t n2,
	    const char **why);
/* key encoding of several columns in one string */
void	key_encode(struct buf *b, const struct field *f, const int *cols,
	    size_t n);
size_t	key_decode(const char *key, size_t len, size_t nkeys,
	    struct field *out);

/* split_columns: "C1,C2" appended to (*names)[*n...]; usage error when
   a name is empty. */
void	split_columns(const char *list, char ***names, size_t *n);

/* ---- select.c ---- */

struct sel {
	char	**names;	/* output columns; NULL: the first input's */
	size_t	 n;
	struct out *o;		/* standard output */
	enum outfmt fmt;	/* for the temporary files of -j */
	int	 flags;
	int	 live;		/* parts begun and not yet merged */
	int	 header_done;
};

void	select_job(struct job *j, struct sel *s);

/* ---- dup.c ---- */

struct dupq {
	char	*col;
	int	 counts;	/* --counts: value and count only */
	struct job *j;		/* how to read (threads, conditions) */
	struct out *o;
};

/* dup_run: duplicated values of q->col in files; EXIT_FOUND when any. */
int	dup_run(struct dupq *q, char **files, int n);

/* ---- dupcount.c ---- */

/*
 * dup_count: how often the values of column spec->keys[0] occur in
 * files[0..n), read as j says (threads, conditions).  An agg whose
 * groups are the values seen twice or more, and perhaps some seen once
 * (agg_get_rows tells).  *status as scan_files returns it.
 */
struct agg *dup_count(struct job *j, const struct aggspec *spec,
	    char **files, int n, int *status);

#endif
