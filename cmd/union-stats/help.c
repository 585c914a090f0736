/*
 * help.c - the --help text of each union-stats command: a synopsis that
 * fits 80 columns, the command's own options and one example.  The
 * options every command shares are in the tool's --help.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "union.h"
#include "help.h"

struct help {
	const char *name;	/* the command */
	const char *text;	/* its --help, with the synopsis */
};

static const struct help helps[] = {
	{ "select",
"usage: union-stats select [--columns C1,C2] [--where EXPR]... [--any]\n"
"           [-j N] [--tsv] [FILE...]\n"
"\n"
"  -c, --columns C1,C2  the output columns, in that order\n"
"  -w, --where EXPR     COL=V COL!=V COL<V COL<=V COL>V COL>=V COL~RE COL=\n"
"      --any            keep rows matching any condition, not all\n"
"  -j, --jobs N         read a file with N threads (default: all cores)\n"
"  -t, --tsv            read the inputs as TSV\n"
"example: union-stats select -w hardship!=none -c member_id members.csv\n" },
	{ "agg",
"usage: union-stats agg [-g C1,C2] [--where EXPR]... [--any] [-j N]\n"
"           [--partial [--seq N]] OP[:COL]... [FILE...]\n"
"\n"
"  -g, --group C1,C2    the key columns (none: one row)\n"
"  -w, --where EXPR     a condition; several are ANDed (--any: ORed)\n"
"      --partial        write a partial result for union-stats merge\n"
"      --seq N          the part's position, for first and last\n"
"  -j, --jobs N         read a file with N threads; -t, --tsv: TSV input\n"
"  OP: count sum mean min max median pNN distinct mode first last\n"
"example: union-stats agg -g group sum:wage mean:wage members.csv\n" },
	{ "freq",
"usage: union-stats freq [--where EXPR]... [--any] [-j N] [--partial]\n"
"           COL [FILE...]\n"
"\n"
"  Each value of COL, its count and share, most frequent first.\n"
"  -w, --where EXPR     a condition; several are ANDed (--any: ORed)\n"
"      --partial        write a partial result for union-stats merge\n"
"  -j, --jobs N         read a file with N threads; -t, --tsv: TSV input\n"
"example: union-stats freq group members.csv\n" },
	{ "dup",
"usage: union-stats dup [--counts] [--where EXPR]... [--any] [-j N]\n"
"           COL [FILE...]\n"
"\n"
"  The rows whose COL occurs more than once, with their line numbers.\n"
"      --counts         each duplicated value and how often it occurs\n"
"  -w, --where EXPR     a condition; several are ANDed (--any: ORed)\n"
"  -j, --jobs N         read a file with N threads; -t, --tsv: TSV input\n"
"example: union-stats dup -w status=active id_number members.csv\n" },
	{ "merge",
"usage: union-stats merge [--partial] [FILE...]\n"
"\n"
"  Combine the --partial results of agg or freq into the answer.\n"
"      --partial        write the combined partial result instead\n"
"example: cat part-*.txt | union-stats merge --format table\n" },
	{ "members",
"usage: union-stats members [-D DIR]\n"
"           [--by union|town|county|group|gender|age|hardship|status]\n"
"           [--rollup]\n"
"\n"
"  Current members (active or retained), in total or by a key.\n"
"      --by KEY         the grouping\n"
"      --rollup         each union's own members and the total beneath it\n"
"example: union-stats members --rollup --format table\n" },
	{ "coverage",
"usage: union-stats coverage [-D DIR] [--by org_type|town]\n"
"           [--target TYPE=PCT]...\n"
"\n"
"  Units that should have a union, those that have one, the founding\n"
"  rate, the target and the foundings still needed to reach it.\n"
"      --by KEY         org_type (the default) or town\n"
"      --target T=PCT   set or add a target (key_enterprise=85 ...)\n"
"example: union-stats coverage --by town --format table\n" },
	{ "aid",
"usage: union-stats aid [-D DIR] [--year Y] [--by program|month|union|town]\n"
"\n"
"  Applications, approved, rejected, paid, pending and their amounts.\n"
"      --year Y         applications made in year Y (default: all)\n"
"      --by KEY         the grouping\n"
"example: union-stats aid --year 2025 --by program --format table\n" },
	{ "dues",
"usage: union-stats dues [-D DIR] [--by union|town] [--month YYYY-MM]\n"
"\n"
"  Dues due: 0.5% of each wage, the part under 10 yuan left out.\n"
"      --by KEY         the grouping\n"
"      --month YYYY-MM  the month (default: the month of --as-of or today)\n"
"example: union-stats dues --by town --month 2026-06\n" },
	{ "growth",
"usage: union-stats growth [-D DIR] [--by month|year]\n"
"\n"
"  Memberships joined, left, transferred in and out, and the net change.\n"
"      --by KEY         month or year\n"
"example: union-stats growth --by year --format table\n" },
	{ "age",
"usage: union-stats age [-D DIR] [--bands 18,25,35,45,55,60] [--as-of DATE]\n"
"\n"
"  Current members by age band, from the birth date in the ID number.\n"
"      --bands A,B,...  the lower ages of the bands, rising\n"
"      --as-of DATE     the day ages are counted on (default: today)\n"
"example: union-stats age --bands 25,35,45,55 --format table\n" },
	{ "cases",
"usage: union-stats cases [-D DIR] [--year Y]\n"
"           [--by kind|channel|union|town|month]\n"
"\n"
"  Consultations, cases, outcomes, the resolution rate, median days.\n"
"      --year Y         matters opened in year Y (default: all)\n"
"      --by KEY         the grouping\n"
"example: union-stats cases --year 2025 --by kind --format table\n" },
	{ NULL, NULL }
};

void
stats_help(const char *usage)
{
	const struct help *h;
	const char *name = strchr(usage, ' ');
	size_t n;

	name = name ? name + 1 : usage;
	n = strcspn(name, " ");
	for (h = helps; h->name; h++)
		if (strlen(h->name) == n && strncmp(h->name, name, n) == 0)
			break;
	if (h->name)
		fputs(h->text, stdout);
	else
		printf("usage: %s\n", usage);
	exit(fflush(stdout) == 0 && !ferror(stdout) ? EXIT_CLEAN :
	    EXIT_TROUBLE);
}
