/*
 * union-stats - ask a table a question: select, agg, freq, dup and merge
 * over any CSV or TSV table; and the federation's standard reports over
 * the data directory.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stats.h"
#include "reports.h"
#include "help.h"

static int	cmd_select(int, char **);
static int	cmd_agg(int, char **);
static int	cmd_freq(int, char **);
static int	cmd_dup(int, char **);
static int	cmd_merge(int, char **);

static const struct command commands[] = {
	{ "select", cmd_select, "filter rows, pick columns, convert formats" },
	{ "agg", cmd_agg, "group-by aggregation over unsorted input" },
	{ "freq", cmd_freq, "value counts, most frequent first" },
	{ "dup", cmd_dup, "rows whose value occurs more than once" },
	{ "merge", cmd_merge, "combine --partial results into the answer" },
	{ "members", cmd_members, "member counts, by union and more" },
	{ "coverage", cmd_coverage, "founding rates against targets" },
	{ "aid", cmd_aid, "aid applications, awards and payments" },
	{ "dues", cmd_dues, "dues due for a month" },
	{ "growth", cmd_growth, "joined, left, transferred, net change" },
	{ "age", cmd_age, "members by age band" },
	{ "cases", cmd_cases, "legal aid cases and consultations" },
	{ NULL, NULL, NULL }
};

static const char usage_head[] =
    "usage: union-stats COMMAND [options] [FILE...]\n"
    "example: union-stats agg -g union_id count members.csv";

int
main(int argc, char **argv)
{
	return cmd_dispatch(argc, argv, commands, NULL, usage_head);
}

/* ---- the options of the generic commands ---- */

enum {
	O_WHERE = 1, O_ANY, O_JOBS, O_COLUMNS, O_GROUP, O_PARTIAL, O_SEQ,
	O_COUNTS, O_TSV
};

#define INPUT_OPTS \
	{ "where", 'w', OPT_ARG, O_WHERE }, \
	{ "any", 0, OPT_NOARG, O_ANY }, \
	{ "jobs", 'j', OPT_ARG, O_JOBS }, \
	{ "tsv", 't', OPT_NOARG, O_TSV }

struct gopts {
	struct cli cli;
	struct job job;
	struct cond **conds;
	const char *columns;	/* select --columns */
	const char *group;	/* agg -g */
	int	 partial;	/* --partial */
	int	 counts;	/* dup --counts */
	long	 seq;		/* --seq */
	char	**operands;
	int	 noperands;
};

static int
parse_jobs(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 1 || n > 256)
		usage_error("-j: '%s': expected a number of threads from 1 "
		    "to 256", s);
	return (int)n;
}

static long
parse_seq(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 0)
		usage_error("--seq: '%s': expected a number >= 0", s);
	return n;
}

static void
take_option(struct gopts *g, int id, const char *arg)
{
	switch (id) {
	case O_WHERE:
		g->conds = xreallocarray(g->conds, g->job.nconds + 1,
		    sizeof(*g->conds));
		g->conds[g->job.nconds++] = cond_parse(arg);
		break;
	case O_ANY:
		g->job.any = 1;
		break;
	case O_JOBS:
		g->job.nthreads = parse_jobs(arg);
		break;
	case O_TSV:
		g->job.topts.delim = '\t';
		break;
	case O_COLUMNS:
		g->columns = arg;
		break;
	case O_GROUP:
		g->group = arg;
		break;
	case O_PARTIAL:
		g->partial = 1;
		break;
	case O_SEQ:
		g->seq = parse_seq(arg);
		break;
	case O_COUNTS:
		g->counts = 1;
		break;
	}
}

/*
 * parse: the command line of a generic command; prints usage and exits
 * 0 on --help.
 */
static void
parse(int argc, char **argv, const struct opt *tab, const char *usage,
    struct gopts *g)
{
	struct optstate s;
	int id;

	memset(g, 0, sizeof(*g));
	cli_init(&g->cli);
	job_init(&g->job);
	g->job.nthreads = cores();
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, tab)) != OPT_END) {
		if (id == OPT_BAD)
			usage_error("usage: %s", usage);
		if (!cli_common(&g->cli, id, s.arg))
			take_option(g, id, s.arg);
	}
	if (g->cli.help)
		stats_help(usage);
	g->job.conds = g->conds;
	g->job.topts.enc = g->cli.encoding;
	g->operands = s.operands;
	g->noperands = s.noperands;
}

static struct out *
open_output(const struct gopts *g)
{
	return out_stdout(g->cli.format, cli_out_flags(&g->cli));
}

static void
free_conds(struct gopts *g)
{
	size_t i;

	for (i = 0; i < g->job.nconds; i++)
		cond_free(g->conds[i]);
	free(g->conds);
}

/*
 * inputs_open: every named input can be opened (standard input aside),
 * checked before anything is written, so that a run ending in exit 2
 * for a missing file prints nothing on standard output.  The message
 * is the reader's.
 */
static int
inputs_open(char **files, int n)
{
	int i, fd, ok = 1;

	for (i = 0; i < n; i++) {
		if (strcmp(files[i], "-") == 0)
			continue;
		if ((fd = open(files[i], O_RDONLY)) < 0) {
			warn_at(files[i], 0, NULL, "cannot open:");
			ok = 0;
		} else
			close(fd);
	}
	return ok;
}

/* ---- the commands ---- */

static int
cmd_select(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS, INPUT_OPTS,
		{ "columns", 'c', OPT_ARG, O_COLUMNS },
		{ NULL, 0, 0, 0 }
	};
	struct gopts g;
	struct sel s;
	size_t i;
	int status;

	parse(argc, argv, tab, "union-stats select [--columns C1,C2] "
	    "[--where EXPR]... [--any] [-j N] [FILE...]", &g);
	memset(&s, 0, sizeof(s));
	if (g.columns)
		split_columns(g.columns, &s.names, &s.n);
	s.fmt = g.cli.format;
	s.flags = cli_out_flags(&g.cli);
	/* only line formats can be written by ranges and joined */
	if (g.cli.excel || (s.fmt != FMT_CSV && s.fmt != FMT_TSV &&
	    s.fmt != FMT_JSONL))
		g.job.nthreads = 1;
	if (!inputs_open(g.operands, g.noperands)) {
		status = EXIT_TROUBLE;
		goto done;
	}
	s.o = open_output(&g);
	select_job(&g.job, &s);
	status = scan_files(&g.job, g.operands, g.noperands);
	/*
	 * A run that failed before any input was taken writes nothing (not
	 * a header, not json's []); one that failed in the middle of an
	 * input keeps the rows read before, as a stream does.
	 */
	if (status == EXIT_TROUBLE && !s.header_done)
		out_abandon(s.o);
	else {
		if (!s.header_done && s.names)	/* no input had a row */
			out_header(s.o, s.n, (const char *const *)s.names);
		out_close(s.o);
	}
done:
	for (i = 0; i < s.n; i++)
		free(s.names[i]);
	free(s.names);
	free_conds(&g);
	return status;
}

/* is_op: does word name an OP ("count", "sum:wage", "p90:age")? */
static int
is_op(const char *word)
{
	static const char *const names[] = { "count", "sum", "mean", "min",
	    "max", "median", "distinct", "mode", "first", "last", NULL };
	size_t n = strcspn(word, ":"), i;

	if (n >= 2 && n <= 4 && word[0] == 'p' &&
	    strspn(word + 1, "0123456789") == n - 1)
		return 1;
	for (i = 0; names[i]; i++)
		if (streqn(word, n, names[i]))
			return 1;
	return 0;
}

/* run_agg: scan into a, then print the answer or the partial result */
static int
run_agg(struct gopts *g, struct agg *a, const char *kind, char **files,
    int nfiles)
{
	struct out *o;
	int status;

	agg_job(&g->job, a);
	status = scan_files(&g->job, files, nfiles);
	if (status == EXIT_TROUBLE)
		return status;
	if (g->partial) {
		partial_write(a, kind, agg_spec(a)->seq, stdout);
		return status;
	}
	o = open_output(g);
	if (strcmp(kind, "freq") == 0)
		agg_write_freq(a, o);
	else
		agg_write(a, o);
	out_close(o);
	return status;
}

static int
cmd_agg(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS, INPUT_OPTS,
		{ "group", 'g', OPT_ARG, O_GROUP },
		{ "partial", 0, OPT_NOARG, O_PARTIAL },
		{ "seq", 0, OPT_ARG, O_SEQ },
		{ NULL, 0, 0, 0 }
	};
	struct gopts g;
	struct aggspec spec;
	struct agg *a;
	int i, status;

	parse(argc, argv, tab, "union-stats agg [-g C1,C2] [--where EXPR]... "
	    "[--any] [-j N] [--partial [--seq N]] OP[:COL]... [FILE...]", &g);
	memset(&spec, 0, sizeof(spec));
	if (g.group)
		aggspec_keys(&spec, g.group);
	for (i = 0; i < g.noperands && is_op(g.operands[i]); i++) {
		spec.ops = xreallocarray(spec.ops, spec.nops + 1,
		    sizeof(*spec.ops));
		opspec_parse(g.operands[i], &spec.ops[spec.nops++]);
	}
	if (spec.nops == 0)
		usage_error("agg: no operation given (count, sum:COL, ...)");
	spec.seq = g.seq;
	a = agg_new(&spec);
	status = run_agg(&g, a, "agg", g.operands + i, g.noperands - i);
	agg_free(a);
	aggspec_free(&spec);
	free_conds(&g);
	return status;
}

static int
cmd_freq(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS, INPUT_OPTS,
		{ "partial", 0, OPT_NOARG, O_PARTIAL },
		{ NULL, 0, 0, 0 }
	};
	struct gopts g;
	struct aggspec spec;
	struct agg *a;
	int status;

	parse(argc, argv, tab, "union-stats freq [--where EXPR]... [--any] "
	    "[-j N] [--partial] COL [FILE...]", &g);
	if (g.noperands < 1)
		usage_error("freq: which column?");
	memset(&spec, 0, sizeof(spec));
	spec.keys = xcalloc(1, sizeof(*spec.keys));
	spec.keys[spec.nkeys++] = xstrdup(g.operands[0]);
	a = agg_new(&spec);
	status = run_agg(&g, a, "freq", g.operands + 1, g.noperands - 1);
	agg_free(a);
	aggspec_free(&spec);
	free_conds(&g);
	return status;
}

static int
cmd_dup(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS, INPUT_OPTS,
		{ "counts", 0, OPT_NOARG, O_COUNTS },
		{ NULL, 0, 0, 0 }
	};
	struct gopts g;
	struct dupq q;
	int status;

	parse(argc, argv, tab, "union-stats dup [--counts] [--where EXPR]... "
	    "[--any] [-j N] COL [FILE...]", &g);
	if (g.noperands < 1)
		usage_error("dup: which column?");
	memset(&q, 0, sizeof(q));
	q.col = g.operands[0];
	q.counts = g.counts;
	q.j = &g.job;
	q.o = open_output(&g);
	status = dup_run(&q, g.operands + 1, g.noperands - 1);
	out_close(q.o);
	free_conds(&g);
	return status;
}

static int
cmd_merge(int argc, char **argv)
{
	static const struct opt tab[] = {
		COMMON_OPTS,
		{ "partial", 0, OPT_NOARG, O_PARTIAL },
		{ NULL, 0, 0, 0 }
	};
	struct gopts g;
	struct agg *a;
	struct out *o;
	char *kind;

	parse(argc, argv, tab, "union-stats merge [--partial] [FILE...]", &g);
	if ((a = partial_read(g.operands, g.noperands, &kind)) == NULL)
		return EXIT_TROUBLE;
	if (g.partial) {
		partial_write(a, kind, 0, stdout);
		partial_free(a, kind);
		return EXIT_CLEAN;
	}
	o = open_output(&g);
	if (strcmp(kind, "freq") == 0)
		agg_write_freq(a, o);
	else
		agg_write(a, o);
	out_close(o);
	partial_free(a, kind);
	return EXIT_CLEAN;
}
