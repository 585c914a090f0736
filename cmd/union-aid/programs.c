/*
 * programs.c - union-aid programs: the programme rules in force, and for
 * each its budget for the year, what is approved and paid against it,
 * and what is left.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

static const char usage[] =
"usage: union-aid programs [--year Y] [--all] [--format F]\n"
"\n"
"  -y, --year Y   the budget year (default: this year)\n"
"  -a, --all      inactive programmes too\n"
"example: union-aid programs --year 2026 --format table\n";

enum { O_YEAR = 1, O_ALL };

static const struct opt opts[] = {
	{ "year", 'y', OPT_ARG, O_YEAR },
	{ "all", 'a', OPT_NOARG, O_ALL },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const char *const extra[] = { "year", "approved", "paid", "left" };

static void
put_program(struct out *o, const struct program *p,
    const struct ledger *l, int year)
{
	const char *vals[24 + NELEM(extra)];
	char ybuf[16];
	int64_t total = ledger_program_year(l, p->name, year);
	int64_t paid = ledger_paid_year(l, p->name, year);
	size_t j, n = schema_programs.ncols;

	for (j = 0; j < n; j++)
		vals[j] = p->raw[j];
	snprintf(ybuf, sizeof(ybuf), "%d", year);
	vals[n++] = ybuf;
	vals[n++] = fmt_money(total - paid);
	vals[n++] = fmt_money(paid);
	vals[n++] = p->budget < 0 ? "" : fmt_money(p->budget - total);
	out_row(o, n, vals);
}

static void
print(const struct cli *c, const struct programs *ps,
    const struct ledger *l, int year, int all)
{
	const char *names[24 + NELEM(extra)];
	struct out *o = out_for(c);
	size_t j, n = schema_programs.ncols;

	schema_header(&schema_programs, names);
	for (j = 0; j < NELEM(extra); j++)
		names[n + j] = extra[j];
	out_header(o, n + NELEM(extra), names);
	for (j = 0; j < n + NELEM(extra); j++)
		if ((j >= 2 && j <= 4) || j == 6 || j >= n)
			out_numeric(o, j);
	for (j = 0; j < ps->n; j++)
		if (all || ps->v[j].active)
			put_program(o, &ps->v[j], l, year);
	out_close(o);
}

int
cmd_programs(int argc, char **argv)
{
	struct cli c;
	struct optstate s;
	struct programs ps;
	struct sheet aid;
	struct ledger *l;
	int id, year = 0, all = 0, rc;

	cli_init(&c);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, opts)) != OPT_END) {
		switch (id) {
		case O_YEAR: year = parse_year("--year", s.arg); break;
		case O_ALL: all = 1; break;
		case OPT_BAD: opt_bad("programs");
		default: cli_common(&c, id, s.arg); break;
		}
	}
	if (c.help)
		help_exit(usage);
	if (s.noperands > 0)
		usage_error("programs takes no operands");
	if (year == 0)
		year = year_of(c.today);
	if (programs_load(&ps, c.datadir, &c) != 0)
		return EXIT_TROUBLE;
	if (sheet_load(&aid, c.datadir, AID_FILE, &schema_aid, c.today,
	    0) != 0) {
		programs_free(&ps);
		return EXIT_TROUBLE;
	}
	l = ledger_build(&aid);
	print(&c, &ps, l, year, all);
	rc = aid.bad ? EXIT_TROUBLE : EXIT_CLEAN;
	ledger_free(l);
	sheet_free(&aid);
	programs_free(&ps);
	return rc;
}
