/*
 * reports.h - the standard reports over the data directory, and what
 * they share: reading a data file by its schema, the union hierarchy,
 * tallies by key, the reports' options.
 */
#ifndef UNION_STATS_REPORTS_H
#define UNION_STATS_REPORTS_H

#include "stats.h"

int	cmd_members(int argc, char **argv);
int	cmd_coverage(int argc, char **argv);
int	cmd_aid(int argc, char **argv);
int	cmd_dues(int argc, char **argv);
int	cmd_growth(int argc, char **argv);
int	cmd_age(int argc, char **argv);
int	cmd_cases(int argc, char **argv);

/* ---- a data file read row by row (reports.c) ---- */

struct rtable {
	struct table *t;
	struct binding b;
	int	 status;	/* EXIT_* so far: bad rows make it 1 */
};

/*
 * rtable_open: DIR/name.csv (or .tsv, .gz) bound to its schema; -1
 * after a message when it is missing, unreadable or lacks a column.
 */
int	rtable_open(struct rtable *rt, const struct cli *c, const char *name,
	    const struct schema *s);
/* rtable_next: TBL_ROW with *f, TBL_EOF, or TBL_FATAL (reported);
   malformed records are reported and skipped. */
int	rtable_next(struct rtable *rt, const struct field **f);
/* rtable_get: the value of column name in row f ("" when absent). */
struct field rtable_get(const struct rtable *rt, const struct field *f,
	    const char *name);
/* rtable_close: the file's EXIT_* status. */
int	rtable_close(struct rtable *rt);

/* ---- the union hierarchy (hier.c) ---- */

struct hunion {
	char	*name;
	char	*parent_id;
	long	 parent;	/* index, -1 for none or unknown */
	int	 level;		/* index in union_levels[], -1 if unknown */
};

struct hier {
	struct keytab *ids;	/* union_id -> index */
	struct hunion *u;
	size_t	 n;
	int	 status;	/* of reading unions.csv */
};

enum { LEVEL_COUNTY = 0, LEVEL_TOWN = 1 };	/* union_levels[] */

/* hier_load: unions.csv of the data directory; NULL after a message. */
struct hier *hier_load(const struct cli *c);
void	hier_free(struct hier *h);
/* hier_find: the index of union id, or -1. */
long	hier_find(const struct hier *h, const char *id, size_t len);
const char *hier_id(const struct hier *h, long i);
/* hier_above: union i or the first above it at level, or -1. */
long	hier_above(const struct hier *h, long i, int level);

/* ---- counters by key (reports.c) ---- */

struct tally {
	struct keytab *k;
	int64_t	*v;		/* ncols counters per key */
	size_t	 ncols, cap;
};

void	tally_init(struct tally *t, size_t ncols);
/* tally_at: the counters of key, zeroed when new. */
int64_t	*tally_at(struct tally *t, const char *key, size_t len);
/* tally_order: key indexes in natural order; the caller frees. */
size_t	*tally_order(const struct tally *t);
void	tally_free(struct tally *t);

/* ---- options ---- */

struct ropts {
	struct cli cli;
	const char *name;	/* the report: "members", "coverage", ... */
	const char *by;		/* --by */
	int	 year;		/* --year, 0: all */
	const char *month;	/* --month YYYY-MM */
	int	 rollup;
	char	**targets;	/* --target TYPE=PCT */
	size_t	 ntargets;
	const char *bands;	/* --bands */
};

enum { R_BY = 1, R_YEAR, R_MONTH, R_ROLLUP, R_TARGET, R_BANDS };

#define R_END { NULL, 0, 0, 0 }

/*
 * report_parse: a report's command line; byvals lists the values --by
 * takes (NULL-terminated).  --help prints usage and exits 0; a bad
 * option or value is a usage error.
 */
void	report_parse(int argc, char **argv, const struct opt *tab,
	    const char *usage, const char *const *byvals, struct ropts *r);
/* report_out: standard output, titled "union-stats REPORT [by BY]: DIR
   as of DATE" (the title shows in table and html) */
struct out *report_out(const struct ropts *r);

/*
 * A key column of a report: the value, and for union, town and county
 * the union's id (the key) and its name (a second column).
 */
int	by_union_level(const char *by);	/* -1, or LEVEL_* or 3 for union */
/* union_key: the key for union id u under by_union_level lv */
const char *union_key(const struct hier *h, const char *u, size_t len,
	    int lv, size_t *klen);

/* What write_keyed writes. */
struct keyed {
	const char *keyname;	/* the key column; NULL: one row, no key */
	const struct hier *h;	/* union keys: their name after the key */
	const char *const *cols;	/* the counters' columns */
	size_t	 ncols;
	void	(*fmt)(const int64_t *v, size_t i, char out[40]);
	int	 total;		/* a totals row for people (table, html) */
	int	 chart;		/* html: bars of cols[chart]; -1: none */
	int	 target;	/* the bars' target marker, cols[target]; -1 */
	const char *caption;	/* the chart's */
};

/*
 * write_keyed: the header (key, name, cols), then the rows of t in key
 * order; with k->total, a totals row of every counter summed, which the
 * fmt callback sees as keyed_total.  A chart, a totals row only where
 * there is a key.  An empty union key is named "(no town)", "(no
 * county)" or "(no union)".
 */
void	write_keyed(struct out *o, const struct tally *t,
	    const struct keyed *k);
extern const int64_t *keyed_total;

#endif
