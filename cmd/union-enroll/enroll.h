/*
 * enroll.h - what the commands of union-enroll share: option handling,
 * the union registry held in memory, and output held back until a
 * change is committed (streaming rewrites of a data file: lib/sheet.h).
 *
 * Field rules come from lib/schema.h, field parsing from lib/valid.h,
 * the real-name index from lib/rindex.h; this header only ties them to
 * the commands.
 */
#ifndef UNION_ENROLL_H
#define UNION_ENROLL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "union.h"
#include "rindex.h"

#define TOOL		"union-enroll"
#define MEMBERS_FILE	"members.csv"
#define UNIONS_FILE	"unions.csv"
#define ENTERPRISES_FILE "enterprises.csv"

/* ---- commands ---- */

int	cmd_init(int, char **);
int	cmd_add(int, char **);
int	cmd_check(int, char **);
int	cmd_transfer(int, char **);
int	cmd_leave(int, char **);
int	cmd_found(int, char **);
int	cmd_dissolve(int, char **);
int	cmd_reindex(int, char **);

/* ---- options ---- */

/* Option ids of the commands, below OPT_COMMON_BASE. */
enum {
	O_REJECTS = 1,		/* --rejects FILE */
	O_ALL_OR_NOTHING,	/* --all-or-nothing */
	O_TO,			/* --to UNION_ID */
	O_DATE,			/* --date D */
	O_REASON,		/* --reason left|deceased|retained */
	O_EMPLOYER,		/* --employer NAME */
	O_OVERRIDE_CHECK,	/* --override-check */
	O_HASH			/* --hash sha256|sm3 */
};

/* The options every changing command takes besides COMMON_OPTS. */
#define BY_OPT { "by", 0, OPT_ARG, OPT_BY }
#define OPTS_END { NULL, 0, 0, 0 }

/*
 * parse_args: parse argv (argv[0] is the command name) against tab into
 * c; options of the command's own go to own(ctx, id, arg).  A bad
 * option prints a hint and exits 2; --help prints usage and exits 0.
 * Returns the operands (in order, NULL-terminated) and their number.
 */
char	**parse_args(int argc, char **argv, const struct opt *tab,
	    struct cli *c, void (*own)(void *ctx, int id, const char *arg),
	    void *ctx, const char *usage, int *noperands);

/* option_date: the date of an option's value; usage error if bad. */
int32_t	option_date(const char *opt, const char *arg);

/* tbl_opts_for: reader options for the input files of c. */
struct tbl_opts tbl_opts_for(const struct cli *c);

/* ---- ids ---- */

#define MEMBER_ID_MAX	99999999u
#define UNION_ID_MAX	999999u

/* fmt_member_id: "M%08u" into out[10]; fmt_union_id: "U%06u" into out[8]. */
char	*fmt_member_id(uint32_t n, char out[10]);
char	*fmt_union_id(uint32_t n, char out[8]);
/* union_number: N of "U%06u", or 0 when s is not of that form. */
uint32_t union_number(const char *s, size_t n);

/* ---- the union registry ---- */

struct unionrec {
	char	*id;
	char	*parent;	/* "" for the top */
	char	*credit;	/* "" when none */
	int	 level;		/* index in union_levels, -1 if not valid */
	int	 active;	/* status is active */
	long	 line;
};

struct registry {
	int	 full;		/* records kept (REG_FULL) */
	struct strmap *byid;	/* union_id -> struct unionrec *; without
				   REG_FULL, REG_ACTIVE or REG_DISSOLVED */
	struct strmap *bycredit; /* credit_code -> active struct unionrec * */
	uint32_t max_number;	/* the largest N of "U%06u" */
	struct unionrec **all;
	size_t	 n, cap;
};

/* The values of byid in a registry loaded without REG_FULL. */
#define REG_ACTIVE	((void *)1)
#define REG_DISSOLVED	((void *)2)

/* registry_load flags */
enum { REG_FULL = 1 };

/*
 * registry_load: DIR/unions.csv in memory; -1 after a message.  With
 * REG_FULL every union's record (parent, level, credit code) is kept
 * and registry_get, bycredit and all may be used; without it (add,
 * transfer: 29,000 unions loaded in a few milliseconds) only whether
 * each exists and is active, for union_problem.
 */
int	registry_load(struct registry *r, const char *dir, int flags);
/* registry_get: the record of union id (REG_FULL only), or NULL. */
struct unionrec *registry_get(const struct registry *r, const char *id,
	    size_t n);
/* registry_add: a record for a new union (strings copied). */
struct unionrec *registry_add(struct registry *r, const char *id,
	    const char *parent, const char *credit, int level, int active);
void	registry_free(struct registry *r);

/*
 * union_problem: why members cannot join union id (NULL when they can):
 * "no such union: U000123", "union U000123 is dissolved".  The message
 * is in a static buffer.
 */
const char *union_problem(const struct registry *r, const char *id,
	    size_t n);

/* ---- reading the rows of a data file ---- */

/*
 * Problems of one input row, gathered for the diagnostics and the
 * rejects file.
 */
struct problems {
	const char *file;	/* for messages */
	long	 line;
	int	 errors;	/* errors so far in this row */
	struct buf reason;	/* "column: message; column: message" */
};

void	problems_start(struct problems *p, const char *file, long line);
/* problem: print "TOOL: FILE:LINE: COLUMN: message" and remember it. */
void	problem(struct problems *p, const char *column, const char *fmt, ...);
/* warning: print it with "warning: " before the message; not counted. */
void	warning(struct problems *p, const char *column, const char *msg);

/* ---- output held until commit ---- */

/*
 * A pending output keeps the rows a command reports on standard output
 * in a temporary file until its change is committed, then sends them
 * in the format the user asked for, masking personal columns in the
 * human formats (table, html) unless --show-pii (OUT_MASK_PII).
 */
struct pending;
struct pending *pending_new(size_t ncols, const char *const *names);
void	pending_row(struct pending *p, const char *const *vals);
/*
 * pending_flush: write the rows held so far to the temporary file; call
 * it before the commit, so that a full disk stops the change (out.c
 * exits 2 on a write error, and the open transaction is undone).
 */
void	pending_flush(struct pending *p);
/* pending_emit: write them all to standard output; frees p. */
void	pending_emit(struct pending *p, const struct cli *c);
/* pending_none: nothing was changed: the header alone; frees p. */
void	pending_none(struct pending *p, const struct cli *c);
/* pending_drop: write nothing (an error); frees p. */
void	pending_drop(struct pending *p);

/* ---- members ---- */

/* shared by add and check (add.c) */
int	enroll_main(int argc, char **argv, int commit);

#endif
