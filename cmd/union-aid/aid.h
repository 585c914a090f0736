/*
 * aid.h - the pieces the commands of union-aid share: the reference
 * tables a data file held in memory (struct sheet, lib/sheet.h) is
 * judged against (members, programmes, unions), the running totals of
 * awards (struct ledger), and the gathering of IDs for batch commands.
 *
 * Everything about fields (money, dates, enumerations, masking) comes
 * from lib/; this header only ties it to the aid and case files.
 */
#ifndef UNION_AID_H
#define UNION_AID_H

#include <stddef.h>
#include <stdint.h>

#include "union.h"

#define AID_FILE	"aid.csv"
#define CASES_FILE	"cases.csv"
#define TOOL_NAME	"union-aid"

/* ---- commands (one file each, dispatched from main.c) ---- */

int	cmd_apply(int, char **);
int	cmd_approve(int, char **);
int	cmd_reject(int, char **);
int	cmd_pay(int, char **);
int	cmd_list(int, char **);
int	cmd_watch(int, char **);
int	cmd_programs(int, char **);
int	cmd_case(int, char **);
int	cmd_case_list(int, char **);	/* union-aid case list */

/* ---- a data file held whole in memory (lib/sheet.h) ---- */

/*
 * id_format: PREFIX and n, zero-padded to ndigits, into out (ndigits + 2
 * bytes); -1 when n does not fit.
 */
int	id_format(char *out, char prefix, int ndigits, long long n);

/*
 * sheet_out_rows: rows idx[0..n) to standard output in the format of
 * cli, with the file's columns.
 */
void	sheet_out_rows(const struct sheet *sh, const struct cli *c,
	    const size_t *idx, size_t n);

/* ---- members ---- */

struct member {
	char	*id;
	char	*name;
	char	*idnum;
	char	*phone;
	char	*union_id;
	char	*status;
	char	*hardship;
	int32_t	 join;		/* join_date, INT32_MIN when not valid */
};

/*
 * members_load: scan members.csv (or .tsv, .gz) once and keep the rows
 * whose member_id is a key of want (want's values become struct member
 * pointers; absent members stay NULL).  With want NULL, keep every row
 * for which keep() says yes, in a new map; keep() sees the row before it
 * is copied, without its join date.  Returns the map, or NULL after a
 * message when the file cannot be read.
 */
struct strmap *members_load(const char *dir, struct strmap *want,
	    int (*keep)(const struct member *m));
struct member *member_get(const struct strmap *m, const char *id);
void	members_free(struct strmap *m);

/* member_is_current: status active or retained. */
int	member_is_current(const struct member *m);

/*
 * member_unfit: why member id (m its row, NULL when not found) may not
 * have aid now, as a refusal message in fresh memory the caller frees;
 * NULL when it may (active or retained).  apply and approve share it.
 */
char	*member_unfit(const struct member *m, const char *id);

/*
 * members_current_of: scan members.csv once and give each key of
 * persons (an id_number) the person's active or retained membership,
 * if any (values are struct member pointers, freed by members_free).
 * 0, or -1 after a message.
 */
int	members_current_of(const char *dir, struct strmap *persons);

/* ---- programmes ---- */

struct program {
	char	*name;
	char	*title;
	int64_t	 max_award;	/* fen; -1 when empty (no limit) */
	int64_t	 annual_cap;	/* fen; -1 when empty */
	long	 min_days;	/* 0 when empty */
	int	 requires_hardship;
	int64_t	 budget;	/* fen; -1 when empty */
	int	 active;
	char	**raw;		/* the row as read, in canonical order */
};

struct programs {
	struct program *v;
	size_t	 n;
};

/* programs_load: programs.csv whole; -1 after a message on a bad file. */
int	programs_load(struct programs *p, const char *dir, const struct cli *c);
const struct program *program_get(const struct programs *p, const char *name);
/* program_unfit: as member_unfit, for programme name (p, or NULL). */
char	*program_unfit(const struct program *p, const char *name);
void	programs_free(struct programs *p);

/* ---- unions: the registry and its hierarchy ---- */

struct unions;

/* unions_load: unions.csv whole; NULL after a message. */
struct unions *unions_load(const char *dir);
/* union_exists / union_is_active / union_name ("" when unknown) */
int	union_exists(const struct unions *u, const char *id);
int	union_is_active(const struct unions *u, const char *id);
const char *union_name(const struct unions *u, const char *id);
/* union_within: id is top or one of its descendants. */
int	union_within(const struct unions *u, const char *id, const char *top);
void	unions_free(struct unions *u);

/* ---- award totals, for caps and budgets ---- */

struct ledger;

/*
 * ledger_build: the approved and paid totals of the aid sheet: per
 * member, programme and year (for annual_cap), per programme and year
 * (for budget), and the open (applied or approved) application of each
 * member and programme.  The year of an award is the year of its
 * application date.
 */
struct ledger *ledger_build(const struct sheet *aid);
int64_t	ledger_member_year(const struct ledger *l, const char *member,
	    const char *program, int year);
int64_t	ledger_program_year(const struct ledger *l, const char *program,
	    int year);
/* ledger_paid_year: the paid part of ledger_program_year. */
int64_t	ledger_paid_year(const struct ledger *l, const char *program,
	    int year);
/* ledger_open: the aid_id of an open application, or NULL. */
const char *ledger_open(const struct ledger *l, const char *member,
	    const char *program);
/* ledger_award: count amount (fen) approved or paid. */
void	ledger_award(struct ledger *l, const char *member,
	    const char *program, int year, int64_t amount, int paid);
/* ledger_set_open: note (aid_id) or clear (NULL) the open application. */
void	ledger_set_open(struct ledger *l, const char *member,
	    const char *program, const char *aid_id);
void	ledger_free(struct ledger *l);

/* ---- batches of IDs for approve, reject, pay, case mediate/close ---- */

struct idref {
	const char *id;		/* owned by the list */
	const char *file;	/* where it came from, NULL for an operand */
	long	 line;
};

struct idlist {
	struct idref *v;
	size_t	 n;
	size_t	 cap;
	int	 bad;		/* unreadable or empty records (reported) */
	struct arena *arena;
};

/*
 * ids_gather: operands that look like IDs (prefix, then digits) are
 * taken as they are; "-" and other operands are tables read for their
 * column col (standard input when there is no operand at all).  A
 * malformed record or an empty ID is reported and counted in bad.
 * Returns 0, or -1 after a message (unreadable input, missing column).
 */
int	ids_gather(struct idlist *l, int n, char **operands, char prefix,
	    const char *col, const struct cli *c);
void	ids_free(struct idlist *l);

/*
 * A batch of state moves on one file.  The command fills in what it is
 * and how it acts; batch_run does the rest: gathers the IDs (before the
 * lock), takes the lock, loads the file, calls prepare, then act on the
 * row of each ID (act reports and returns -1 to refuse), rewrites the
 * file with one journal entry per changed row (detail gives its text, in
 * fresh memory) and prints the changed rows.  Exit status: 0, 1 when any
 * ID was refused (nothing is written then under all_or_nothing), 2.
 */
struct batch {
	const struct cli *cli;
	const char *file;		/* AID_FILE or CASES_FILE */
	const struct schema *schema;
	const char *idcol;		/* "aid_id" */
	char	 prefix;		/* 'A' */
	const char *noun;		/* "application", for messages */
	const char *action;		/* the journal's action: "approve" */
	int	 all_or_nothing;
	int	(*prepare)(struct batch *b);	/* NULL, or 0 / -1 */
	int	(*act)(struct batch *b, const struct idref *r, size_t row);
	char	*(*detail)(struct batch *b, size_t row);
	void	*arg;			/* the command's own state */
	struct sheet sheet;
	size_t	*changed;		/* rows changed, in order */
	size_t	 nchanged;
};

/* batch_aid: a batch over aid.csv for action, with the command's arg. */
void	batch_aid(struct batch *b, struct cli *c, const char *action,
	    void *arg);
int	batch_run(struct batch *b, int noperands, char **operands);

/* ---- new records: rows read by column name, or from options ---- */

struct incol {
	const char *name;
	int	 required;	/* the column must be in an input's header */
};

struct inrow {
	const char *file;	/* NULL: the command line */
	long	 line;
	const char **v;		/* one per column, "" when not given */
};

struct input {
	const struct incol *cols;
	size_t	 ncols;
	struct inrow *rows;
	size_t	 n;
	int	 bad;		/* malformed records, reported and skipped */
	struct arena *arena;	/* owns the rows' text */
};

void	input_init(struct input *in, const struct incol *cols, size_t ncols);
/* input_add: a new row with every value "" (for the command-line form). */
struct inrow *input_add(struct input *in);
/*
 * input_read: the rows of one table ("-": standard input); input_read_all
 * reads each of paths, or standard input when n is 0.  0, or -1 after a
 * message when an input cannot be read or lacks a required column.
 */
int	input_read(struct input *in, const char *path, const struct cli *c);
int	input_read_all(struct input *in, int n, char **paths,
	    const struct cli *c);
void	input_free(struct input *in);

/*
 * commit_new: write rows added[0..n) of sh (all at its end) to the file
 * in transaction x: appended, or the whole file created when it did not
 * exist; one journal entry per row with detail(sh, row, arg) (fresh
 * memory); then commit.  0, or -1 after a message (x is finished either
 * way).
 */
int	commit_new(struct txn *x, struct sheet *sh, const size_t *added,
	    size_t n, const char *action,
	    char *(*detail)(const struct sheet *sh, size_t row, void *arg),
	    void *arg);

/* ---- shared helpers ---- */

/*
 * refuse: print a refusal of one record: "union-aid: FILE:LINE: COLUMN:
 * MSG" when it came from a file, "union-aid: MSG" otherwise.
 */
void	refuse(const char *file, long line, const char *column,
	    const char *fmt, ...);

/* year_of: the calendar year of a day. */
int	year_of(int32_t day);

/* fmt_money: money_fmt into a rotating static buffer (4 at a time). */
const char *fmt_money(int64_t fen);
/* fmt_date: date_fmt into a rotating static buffer (4 at a time). */
const char *fmt_date(int32_t day);

/* parse_day, parse_year, parse_count: an option's value; a bad one is
   a usage error (exit 2).  parse_count takes whole numbers lo..hi. */
int32_t	parse_day(const char *opt, const char *arg);
int	parse_year(const char *opt, const char *arg);
long	parse_count(const char *opt, const char *arg, long lo, long hi);

/*
 * out_for: the standard output writer for cli's --format and --excel;
 * personal columns masked in table and html unless --show-pii (out.h).
 * out_listing: the same, masked in every format (listings for people).
 */
struct out *out_for(const struct cli *c);
struct out *out_listing(const struct cli *c);

/* help_exit: print usage text to standard output and exit 0. */
_Noreturn void help_exit(const char *usage);
/* opt_bad: after OPT_BAD (already reported): a hint, then exit 2. */
_Noreturn void opt_bad(const char *command);

#endif
