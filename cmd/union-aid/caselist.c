/*
 * caselist.c - union-aid case list: the desk's cases, filtered, with
 * how many days each has been open; the ones a director asks about are
 * the open cases older than N days.  Members and summaries are masked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

static const char usage[] =
"usage: union-aid case list [--status S] [--type T] [--kind K] [--union U]\n"
"           [--since D] [--older-than DAYS] [--show-pii] [--format F]\n"
"\n"
"  -s, --status S        open, mediating or closed\n"
"  -t, --type T          consultation or case\n"
"  -k, --kind K          one kind of dispute\n"
"  -u, --union U         handled by union U or a union under it\n"
"      --since D         opened on D or later\n"
"      --older-than N    not closed, and opened more than N days ago\n"
"      --show-pii        member_id and summary unmasked\n"
"example: union-aid case list --older-than 30 --format table\n";

enum { O_STATUS = 1, O_TYPE, O_KIND, O_UNION, O_SINCE, O_OLDER };

static const struct opt opts[] = {
	{ "status", 's', OPT_ARG, O_STATUS },
	{ "type", 't', OPT_ARG, O_TYPE },
	{ "kind", 'k', OPT_ARG, O_KIND },
	{ "union", 'u', OPT_ARG, O_UNION },
	{ "since", 0, OPT_ARG, O_SINCE },
	{ "older-than", 0, OPT_ARG, O_OLDER },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

struct caselist {
	struct cli cli;
	const char *status, *type, *kind, *top;
	int32_t	 since;		/* INT32_MIN: any */
	long	 older;		/* -1: any */
	struct sheet cases;
	struct unions *unions;
};

/* cell_day: a date of row i, INT32_MIN when there is none. */
static int32_t
cell_day(const struct sheet *sh, size_t i, const char *col)
{
	int32_t day;

	return sheet_day(sh, i, col, &day) == 0 ? day : INT32_MIN;
}

/* days_open: to the closing date, or to today while still open. */
static long
days_open(const struct caselist *l, size_t i)
{
	int32_t opened = cell_day(&l->cases, i, "opened");
	int32_t closed = cell_day(&l->cases, i, "closed");

	if (opened == INT32_MIN)
		return -1;
	return (long)(closed != INT32_MIN ? closed : l->cli.today) - opened;
}

static int
is(const struct sheet *sh, size_t i, const char *col, const char *want)
{
	return want == NULL || strcmp(sheet_cell(sh, i, col), want) == 0;
}

static int
pass(const struct caselist *l, size_t i)
{
	const struct sheet *sh = &l->cases;
	int32_t opened = cell_day(sh, i, "opened");

	if (!is(sh, i, "status", l->status) || !is(sh, i, "type", l->type) ||
	    !is(sh, i, "kind", l->kind))
		return 0;
	if (l->since != INT32_MIN && (opened == INT32_MIN ||
	    opened < l->since))
		return 0;
	if (l->older >= 0 && (is(sh, i, "status", "closed") ||
	    days_open(l, i) <= l->older))
		return 0;
	return l->top == NULL ||
	    union_within(l->unions, sheet_cell(sh, i, "union_id"), l->top);
}

static void
put_row(const struct caselist *l, struct out *o, size_t i)
{
	const struct sheet *sh = &l->cases;
	const char *vals[64 + 1];
	char days[24];
	size_t j, n = 0;

	/* out_listing masks the member and the summary */
	for (j = 0; j < sh->ncols && j < 64; j++)
		vals[n++] = sheet_row(sh, i)[j].s;
	snprintf(days, sizeof(days), "%ld", days_open(l, i));
	vals[n++] = days;
	out_row(o, n, vals);
}

static void
print(const struct caselist *l)
{
	const char *names[64 + 1];
	struct out *o = out_listing(&l->cli);
	size_t i, n = 0;

	for (i = 0; i < l->cases.ncols && i < 64; i++)
		names[n++] = l->cases.cols[i];
	names[n++] = "days";
	out_header(o, n, names);
	out_numeric(o, n - 1);
	for (i = 0; i < l->cases.nrows; i++)
		if (pass(l, i))
			put_row(l, o, i);
	out_close(o);
}

static int
run(struct caselist *l)
{
	if (sheet_load(&l->cases, l->cli.datadir, CASES_FILE, &schema_cases,
	    l->cli.today, 0) != 0)
		return EXIT_TROUBLE;
	if (l->top != NULL) {
		if ((l->unions = unions_load(l->cli.datadir)) == NULL)
			return EXIT_TROUBLE;
		if (!union_exists(l->unions, l->top)) {
			warnmsg("union %s not found", l->top);
			return EXIT_TROUBLE;
		}
	}
	print(l);
	return l->cases.bad ? EXIT_TROUBLE : EXIT_CLEAN;
}

/* check_choice: a usage error unless v is one of list. */
static void
check_choice(const char *opt, const char *v, const char *const *list)
{
	if (v != NULL && enum_index(list, v, strlen(v)) < 0)
		usage_error("%s: '%s': not one of %s", opt, v,
		    enum_list(list));
}

int
cmd_case_list(int argc, char **argv)
{
	struct caselist l;
	struct optstate s;
	int id, rc;

	memset(&l, 0, sizeof(l));
	cli_init(&l.cli);
	l.since = INT32_MIN;
	l.older = -1;
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, opts)) != OPT_END) {
		switch (id) {
		case O_STATUS: l.status = s.arg; break;
		case O_TYPE: l.type = s.arg; break;
		case O_KIND: l.kind = s.arg; break;
		case O_UNION: l.top = s.arg; break;
		case O_SINCE: l.since = parse_day("--since", s.arg); break;
		case O_OLDER:
			l.older = parse_count("--older-than", s.arg, 0, 100000);
			break;
		case OPT_BAD: opt_bad("case list");
		default: cli_common(&l.cli, id, s.arg); break;
		}
	}
	if (l.cli.help)
		help_exit(usage);
	if (s.noperands > 0)
		usage_error("case list takes no operands");
	check_choice("--status", l.status, case_statuses);
	check_choice("--type", l.type, case_types);
	check_choice("--kind", l.kind, case_kinds);
	rc = run(&l);
	sheet_free(&l.cases);
	unions_free(l.unions);
	return rc;
}
