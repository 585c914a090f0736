/*
 * cli.h - the command line, handled the same way by every tool.
 *
 * Options are parsed by a small table-driven parser (getopt_long is not
 * POSIX): "-D DIR", "-DDIR", "--data DIR", "--data=DIR", flags, "--" to
 * end options.  Options and operands may be mixed, as in git; operands
 * are collected in order.  A lone "-" is an operand (standard input).
 *
 * Every tool shares the options of struct cli (COMMON_OPTS); a command
 * adds its own with ids below OPT_COMMON_BASE.
 */
#ifndef UNION_CLI_H
#define UNION_CLI_H

#include <stdint.h>
#include "out.h"
#include "table.h"

enum { OPT_NOARG = 0, OPT_ARG = 1 };

struct opt {
	const char *name;	/* long name without "--"; NULL ends a table */
	int	 shortc;	/* short letter, or 0 */
	int	 arg;		/* OPT_NOARG or OPT_ARG */
	int	 id;		/* what opt_next returns for it */
};

struct optstate {
	int	 argc;		/* arguments left */
	char	**argv;
	const char *arg;	/* the option's argument, when it takes one */
	const char *name;	/* the option as written, for messages */
	int	 noperands;	/* operands collected so far */
	char	**operands;	/* operands, in order; points into argv */
	int	 ended;		/* saw "--" */
	char	 namebuf[64];	/* the option's name, for messages */
};

enum { OPT_END = -1, OPT_BAD = -2 };

/*
 * opt_init: start parsing argv[0..argc-1] (argv[0] is the first word
 * after the command name, not the program).
 * opt_next: the id of the next option, OPT_END when none is left, or
 * OPT_BAD after printing "unknown option" / "option needs an argument".
 * After OPT_END, operands and noperands hold the operands.
 */
void	opt_init(struct optstate *s, int argc, char **argv);
int	opt_next(struct optstate *s, const struct opt *tab);

/* Options every tool and command accepts. */
enum {
	OPT_COMMON_BASE = 1000,
	OPT_DATA = 1000,	/* -D, --data DIR */
	OPT_FORMAT,		/* --format csv|tsv|table|json|jsonl|html */
	OPT_EXCEL,		/* --excel */
	OPT_ASOF,		/* --as-of DATE */
	OPT_SHOWPII,		/* --show-pii */
	OPT_QUIET,		/* -q, --quiet */
	OPT_ENCODING,		/* --encoding utf-8|gb18030|gbk */
	OPT_BY,			/* --by NAME (who makes the change) */
	OPT_HELP,		/* -h, --help */
	OPT_VERSION		/* --version */
};

#define COMMON_OPTS \
	{ "data", 'D', OPT_ARG, OPT_DATA }, \
	{ "format", 0, OPT_ARG, OPT_FORMAT }, \
	{ "excel", 0, OPT_NOARG, OPT_EXCEL }, \
	{ "as-of", 0, OPT_ARG, OPT_ASOF }, \
	{ "show-pii", 0, OPT_NOARG, OPT_SHOWPII }, \
	{ "quiet", 'q', OPT_NOARG, OPT_QUIET }, \
	{ "encoding", 0, OPT_ARG, OPT_ENCODING }, \
	{ "help", 'h', OPT_NOARG, OPT_HELP }, \
	{ "version", 0, OPT_NOARG, OPT_VERSION }

struct cli {
	const char *datadir;	/* resolved: -D, $UNION_DATA, "." */
	enum outfmt format;	/* default FMT_CSV */
	int	 format_set;	/* --format was given */
	int	 excel;
	int	 show_pii;
	int	 quiet;
	enum encoding encoding;	/* of input files */
	int32_t	 today;		/* --as-of, else the real date (days) */
	const char *by;		/* --by, else $USER/$LOGNAME, else "unknown" */
	int	 help;		/* --help seen: the command prints usage, exit 0 */
};

/*
 * cli_init: defaults (datadir from $UNION_DATA or ".", today from the
 * clock, by from $USER).
 * cli_common: handle a common option id; 1 if it was one, 0 if not.
 * A bad value (unknown format, bad date) is a usage error: exit 2.
 * --version prints "union-TOOL VERSION" and exits 0.
 */
void	cli_init(struct cli *c);
int	cli_common(struct cli *c, int id, const char *arg);

/*
 * cli_out_flags: the writer flags (out.h) the common options ask for:
 * OUT_EXCEL with --excel, OUT_MASK_PII unless --show-pii.
 */
int	cli_out_flags(const struct cli *c);

/* The suite's version, from the Makefile. */
extern const char union_version[];

/*
 * Subcommand dispatch, git style: a table of names and functions; each
 * function gets argc/argv from the command name on (argv[0] = "add").
 */
struct command {
	const char *name;
	int	(*fn)(int argc, char **argv);
	const char *summary;	/* one line for the tool's --help */
};

/*
 * cmd_dispatch: run the command named by argv[1] (or dflt when argv[1] is
 * absent or an option and dflt is not NULL).  Handles "--help" and
 * "--version" at the tool level.  usage_head is the tool's synopsis.
 */
int	cmd_dispatch(int argc, char **argv, const struct command *tab,
	    const char *dflt, const char *usage_head);

/* usage_error: print "union-TOOL: MSG" and a hint to run --help; exit 2. */
_Noreturn void usage_error(const char *fmt, ...);

#endif
