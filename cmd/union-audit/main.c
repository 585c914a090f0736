/*
 * union-audit - the nightly audit of a data directory: reads
 * everything, changes nothing (archives and its findings history
 * aside), and tells exactly what is wrong, where.
 */
#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "run.h"

static int cmd_check(int, char **);

static const struct command commands[] = {
	{ "check", cmd_check, "audit the data directory (the default)" },
	{ "open", cmd_open, "list the findings still open, with their age" },
	{ "accept", cmd_accept, "accept a file edited by hand into the "
	    "journal" },
	{ "archive", cmd_archive, "a dated, compressed copy of every data "
	    "file" },
	{ "diff", cmd_diff, "rows added, removed and changed since an "
	    "archive" },
	{ NULL, NULL, NULL }
};

int
main(int argc, char **argv)
{
	return cmd_dispatch(argc, argv, commands, "check",
	    "usage: union-audit [check] [options]\n"
	    "       union-audit open [--older-than DAYS]\n"
	    "       union-audit accept FILE --by NAME --reason TEXT\n"
	    "       union-audit archive [--to DIR]\n"
	    "       union-audit diff ARCHIVE\n"
	    "example: union-audit --summary audit.txt > findings.csv");
}

void
usage_exit(const char *usage)
{
	fprintf(stderr, "%s\n", usage);
	exit(EXIT_TROUBLE);
}

enum {
	OPT_ONLY = 1, OPT_SKIP, OPT_LIST, OPT_SUMMARY, OPT_REPORT,
	OPT_STRICT, OPT_NOHISTORY
};

static const struct opt check_opts[] = {
	{ "only", 0, OPT_ARG, OPT_ONLY },
	{ "skip", 0, OPT_ARG, OPT_SKIP },
	{ "list-checks", 0, OPT_NOARG, OPT_LIST },
	{ "summary", 0, OPT_ARG, OPT_SUMMARY },
	{ "report", 0, OPT_ARG, OPT_REPORT },
	{ "strict", 0, OPT_NOARG, OPT_STRICT },
	{ "no-history", 0, OPT_NOARG, OPT_NOHISTORY },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const char check_usage[] =
    "usage: union-audit [check] [-q] [-D DIR] [--as-of DATE] [--only NAME,...]\n"
    "                   [--skip NAME,...] [--strict] [--format FMT] [--excel]\n"
    "                   [--show-pii] [--summary FILE] [--report FILE.csv.gz]\n"
    "                   [--no-history] [--encoding ENC]\n"
    "       union-audit check --list-checks";

static const char check_help[] =
    "\n"
    "  --only, --skip NAME,...  run only, or all but, the named checks\n"
    "  --list-checks            print the checks and their severity\n"
    "  --strict                 warnings make the exit status 1 too\n"
    "  --summary FILE           the summary to FILE, not standard error\n"
    "  --report FILE.csv.gz     also write the findings, compressed\n"
    "  --no-history             leave the findings history alone\n"
    "  Findings go to standard output; exit 1 when an error is found.\n"
    "example: union-audit check --only dup_active_person,join_date --format table\n";

static int
cmd_check(int argc, char **argv)
{
	struct runopts ro = { 0 };
	struct optstate s;
	struct audit a = { 0 };
	int id, i, list = 0;

	cli_init(&a.cli);
	for (i = 0; i < NCHECK; i++)
		a.enabled[i] = 1;
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, check_opts)) != OPT_END) {
		switch (id) {
		case OPT_BAD:
			usage_exit(check_usage);
		case OPT_ONLY:
		case OPT_SKIP:
			if (checks_select(a.enabled, s.arg, id == OPT_ONLY))
				exit(EXIT_TROUBLE);
			break;
		case OPT_LIST:
			list = 1;
			break;
		case OPT_SUMMARY:
			ro.summary = s.arg;
			break;
		case OPT_REPORT:
			ro.report = s.arg;
			break;
		case OPT_STRICT:
			ro.strict = 1;
			break;
		case OPT_NOHISTORY:
			ro.no_history = 1;
			break;
		default:
			cli_common(&a.cli, id, s.arg);
		}
	}
	if (a.cli.help) {
		printf("%s\n%s", check_usage, check_help);
		return EXIT_CLEAN;
	}
	if (s.noperands > 0)
		usage_error("check: unexpected operand '%s'", s.operands[0]);
	if (list) {
		struct out *o = out_stdout(a.cli.format, 0);

		checks_list(o);
		out_close(o);
		return EXIT_CLEAN;
	}
	return audit_run(&a, &ro);
}
