/*
 * case.c - union-aid case: the legal aid desk's consultations and cases
 * (cases.csv): open, mediate, close; the listing is in caselist.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

static int case_open(int, char **);
static int case_mediate(int, char **);
static int case_close(int, char **);

static const struct command subcommands[] = {
	{ "open", case_open, "record consultations and cases (or a batch)" },
	{ "mediate", case_mediate, "an open case goes to mediation" },
	{ "close", case_close, "close cases with their outcome" },
	{ "list", cmd_case_list, "list cases (personal details masked)" },
	{ NULL, NULL, NULL }
};

static const char open_usage[] =
"usage: union-aid case open --type case|consultation --kind K --channel C\n"
"           --union U [--member M] [--date D] [--handler NAME]\n"
"           [--summary TEXT] [--by NAME]\n"
"       union-aid case open [--all-or-nothing] [--by NAME] [FILE...]\n"
"\n"
"  -t, --type T          consultation (a question answered) or case\n"
"  -k, --kind K          wage_arrears, labour_contract, work_injury,\n"
"                        social_insurance, dismissal, working_hours, other\n"
"  -c, --channel C       visit, phone, online, referral\n"
"  -u, --union U         the union handling it\n"
"  -m, --member M        the member helped (empty: not a member)\n"
"  -d, --date D          the date opened (default: today)\n"
"      --handler NAME    who handles it\n"
"      --summary TEXT    what it is about (personal: masked in listings)\n"
"  A batch reads rows with columns type, kind, channel, union_id and,\n"
"  optionally, member_id, opened, handler, summary.\n"
"example: union-aid case open -t case -k wage_arrears -c visit -u U000001\n";

static const char mediate_usage[] =
"usage: union-aid case mediate [--date D] [--by NAME] [--all-or-nothing]\n"
"           CASE... | [FILE...]\n"
"\n"
"  -d, --date D          the date mediation began (default: today)\n"
"      --all-or-nothing  change nothing if any case is refused\n"
"  Without CASE, the case_id column of FILEs or standard input is read.\n"
"example: union-aid case mediate C0000012\n";

static const char close_usage[] =
"usage: union-aid case close --outcome O [--date D] [--by NAME]\n"
"           [--all-or-nothing] CASE... | [FILE...]\n"
"\n"
"  -o, --outcome O   resolved, arbitration, litigation, withdrawn,\n"
"                    unresolved\n"
"  -d, --date D      the date closed (default: today)\n"
"  Without CASE, the case_id column of FILEs or standard input is read.\n"
"example: union-aid case close --outcome resolved C0000012\n";

enum { O_TYPE = 1, O_KIND, O_CHANNEL, O_UNION, O_MEMBER, O_DATE, O_HANDLER,
	O_SUMMARY, O_OUTCOME, O_ALL };

static const struct opt open_opts[] = {
	{ "type", 't', OPT_ARG, O_TYPE },
	{ "kind", 'k', OPT_ARG, O_KIND },
	{ "channel", 'c', OPT_ARG, O_CHANNEL },
	{ "union", 'u', OPT_ARG, O_UNION },
	{ "member", 'm', OPT_ARG, O_MEMBER },
	{ "date", 'd', OPT_ARG, O_DATE },
	{ "handler", 0, OPT_ARG, O_HANDLER },
	{ "summary", 0, OPT_ARG, O_SUMMARY },
	{ "all-or-nothing", 0, OPT_NOARG, O_ALL },
	{ "by", 0, OPT_ARG, OPT_BY },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const struct opt move_opts[] = {
	{ "outcome", 'o', OPT_ARG, O_OUTCOME },
	{ "date", 'd', OPT_ARG, O_DATE },
	{ "all-or-nothing", 0, OPT_NOARG, O_ALL },
	{ "by", 0, OPT_ARG, OPT_BY },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const char case_usage[] =
"usage: union-aid case open|mediate|close|list [options] [FILE...]\n"
"example: union-aid case list --status open --format table\n";

int
cmd_case(int argc, char **argv)
{
	const struct command *c;

	int help = argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0);
	FILE *fp = help ? stdout : stderr;

	if (help || argc < 2 || argv[1][0] == '-') {
		/* asked for: standard output; a mistake: standard error */
		fprintf(fp, "%s\ncommands:\n", case_usage);
		for (c = subcommands; c->name; c++)
			fprintf(fp, "  %-12s %s\n", c->name, c->summary);
		return help ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	for (c = subcommands; c->name; c++)
		if (strcmp(c->name, argv[1]) == 0)
			return c->fn(argc - 1, argv + 1);
	usage_error("'case %s' is not a command", argv[1]);
}

/* ---- case open ---- */

enum { K_TYPE, K_KIND, K_CHANNEL, K_UNION, K_MEMBER, K_OPENED, K_HANDLER,
	K_SUMMARY, K_NCOLS };

static const struct incol incols[K_NCOLS] = {
	{ "type", 1 }, { "kind", 1 }, { "channel", 1 }, { "union_id", 1 },
	{ "member_id", 0 }, { "opened", 0 }, { "handler", 0 },
	{ "summary", 0 }
};

/* The schema column each input column fills. */
static const char *const casecol[K_NCOLS] = { "type", "kind", "channel",
	"union_id", "member_id", "opened", "handler", "summary" };

struct opening {
	struct cli cli;
	int	 all_or_nothing;
	struct input in;
	struct strmap *members;
	struct unions *unions;
	struct sheet cases;
	long long lastid;
	size_t	*added;
	size_t	 nadded;
};

#define REFUSE(r, col, ...) refuse((r)->file, (r)->line, (col), __VA_ARGS__)

/* check_enum: value k of r is one of list. */
static int
check_enum(const struct inrow *r, int k, const char *const *list)
{
	const char *v = r->v[k];

	if (*v == '\0') {
		REFUSE(r, casecol[k], "no %s given", casecol[k]);
		return -1;
	}
	if (enum_index(list, v, strlen(v)) < 0) {
		REFUSE(r, casecol[k], "%s '%s' is not one of %s", casecol[k], v,
		    enum_list(list));
		return -1;
	}
	return 0;
}

static int
check_people(const struct opening *o, const struct inrow *r)
{
	const char *u = r->v[K_UNION], *m = r->v[K_MEMBER];

	if (*m != '\0' && member_get(o->members, m) == NULL) {
		REFUSE(r, "member_id", "member %s not found", m);
		return -1;
	}
	if (*u == '\0') {
		REFUSE(r, "union_id", "no union_id given");
		return -1;
	}
	if (!union_exists(o->unions, u)) {
		REFUSE(r, "union_id", "union %s not found", u);
		return -1;
	}
	if (!union_is_active(o->unions, u)) {
		REFUSE(r, "union_id", "union %s is dissolved", u);
		return -1;
	}
	return 0;
}

static int
check_opened(const struct opening *o, const struct inrow *r, int32_t *day)
{
	const char *v = r->v[K_OPENED];
	const char *why;

	if (*v == '\0') {
		*day = o->cli.today;
		return 0;
	}
	if (date_parse(v, strlen(v), day, &why) != 0) {
		REFUSE(r, "opened", "'%s': %s", v, why);
		return -1;
	}
	if (*day > o->cli.today) {
		REFUSE(r, "opened", "opening date %s is in the future", v);
		return -1;
	}
	return 0;
}

static int
judge_opening(const struct opening *o, const struct inrow *r, int32_t *day)
{
	if (check_enum(r, K_TYPE, case_types) != 0 ||
	    check_enum(r, K_KIND, case_kinds) != 0 ||
	    check_enum(r, K_CHANNEL, case_channels) != 0 ||
	    check_people(o, r) != 0 || check_opened(o, r, day) != 0)
		return -1;
	return 0;
}

static int
accept_opening(struct opening *o, const struct inrow *r, int32_t day)
{
	char id[16];
	size_t i, k;

	if (id_format(id, 'C', 7, o->lastid + 1) != 0) {
		REFUSE(r, "case_id", "no case_id left after C9999999");
		return -1;
	}
	i = sheet_add(&o->cases);
	sheet_set(&o->cases, i, "case_id", id);
	for (k = 0; k < K_NCOLS; k++)
		sheet_set(&o->cases, i, casecol[k], r->v[k]);
	sheet_set(&o->cases, i, "opened", fmt_date(day));
	sheet_set(&o->cases, i, "status", "open");
	if (sheet_check_row(&o->cases, i, o->cli.today) != 0) {
		o->cases.nrows--;
		return -1;
	}
	o->lastid++;
	o->added[o->nadded++] = i;
	return 0;
}

static char *
opening_detail(const struct sheet *sh, size_t i, void *arg)
{
	(void)arg;
	return xasprintf("opened %s %s by %s at %s",
	    sheet_cell(sh, i, "type"), sheet_cell(sh, i, "kind"),
	    sheet_cell(sh, i, "channel"), sheet_cell(sh, i, "union_id"));
}

/* load_people: the members the rows name, and the unions. */
static int
load_people(struct opening *o)
{
	const char *m;
	size_t k;
	int isnew, any = 0;

	o->members = strmap_new();
	for (k = 0; k < o->in.n; k++) {
		m = o->in.rows[k].v[K_MEMBER];
		if (*m != '\0') {
			strmap_put(o->members, m, strlen(m), &isnew);
			any = 1;
		}
	}
	if (any && members_load(o->cli.datadir, o->members,
	    NULL) == NULL)
		return -1;
	o->unions = unions_load(o->cli.datadir);
	return o->unions ? 0 : -1;
}

static int
run_opening(struct opening *o)
{
	struct txn *x;
	int32_t day;
	size_t k;
	int refused = o->in.bad;

	if (load_people(o) != 0)
		return EXIT_TROUBLE;
	if ((x = txn_begin(o->cli.datadir, TOOL_NAME, o->cli.by)) == NULL)
		return EXIT_TROUBLE;
	if (sheet_load(&o->cases, o->cli.datadir, CASES_FILE, &schema_cases,
	    o->cli.today, SHEET_CHECK) != 0) {
		txn_abort(x);
		return EXIT_TROUBLE;
	}
	o->lastid = sheet_max_id(&o->cases, 'C');
	o->added = xcalloc(o->in.n + 1, sizeof(*o->added));
	for (k = 0; k < o->in.n; k++)
		if (judge_opening(o, &o->in.rows[k], &day) != 0 ||
		    accept_opening(o, &o->in.rows[k], day) != 0)
			refused++;
	if (o->nadded == 0 || (refused > 0 && o->all_or_nothing)) {
		if (refused > 0 && o->all_or_nothing && o->nadded > 0)
			warnmsg("%d of %zu refused: nothing done", refused,
			    o->in.n + (size_t)o->in.bad);
		txn_abort(x);
		/* the header alone: stdout is a header, then rows */
		sheet_out_rows(&o->cases, &o->cli, NULL, 0);
		return refused ? EXIT_FOUND : EXIT_CLEAN;
	}
	if (commit_new(x, &o->cases, o->added, o->nadded, "open",
	    opening_detail, NULL) != 0)
		return EXIT_TROUBLE;
	sheet_out_rows(&o->cases, &o->cli, o->added, o->nadded);
	return refused ? EXIT_FOUND : EXIT_CLEAN;
}

static int
case_open(int argc, char **argv)
{
	struct opening o;
	const char *v[K_NCOLS] = { NULL };
	struct optstate s;
	struct inrow *r;
	int id, k, given = 0, rc;

	memset(&o, 0, sizeof(o));
	cli_init(&o.cli);
	input_init(&o.in, incols, K_NCOLS);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, open_opts)) != OPT_END) {
		if (id >= O_TYPE && id <= O_SUMMARY) {
			v[id - O_TYPE] = s.arg;
			given = 1;
		} else if (id == O_ALL)
			o.all_or_nothing = 1;
		else if (id == OPT_BAD)
			opt_bad("case open");
		else
			cli_common(&o.cli, id, s.arg);
	}
	if (o.cli.help)
		help_exit(open_usage);
	if (given) {
		if (s.noperands > 0)
			usage_error("case open takes options or FILEs, "
			    "not both");
		if (!v[K_TYPE] || !v[K_KIND] || !v[K_CHANNEL] || !v[K_UNION])
			usage_error("case open needs --type, --kind, "
			    "--channel and --union");
		r = input_add(&o.in);
		for (k = 0; k < K_NCOLS; k++)
			if (v[k] != NULL)
				r->v[k] = v[k];
	} else if (input_read_all(&o.in, s.noperands, s.operands,
	    &o.cli) != 0) {
		input_free(&o.in);
		return EXIT_TROUBLE;
	}
	rc = run_opening(&o);
	input_free(&o.in);
	free(o.added);
	members_free(o.members);
	unions_free(o.unions);
	sheet_free(&o.cases);
	return rc;
}

/* ---- case mediate, case close ---- */

struct move {
	int32_t	 day;
	const char *outcome;	/* close only */
};

#define REFUSE_ID(r, ...) refuse((r)->file, (r)->line, "case_id", __VA_ARGS__)

/* not_before_opening: day is on or after the case was opened. */
static int
not_before_opening(struct batch *b, const struct idref *r, size_t i,
    const char *what)
{
	struct move *m = b->arg;
	const char *opened = sheet_cell(&b->sheet, i, "opened");
	const char *day = fmt_date(m->day);

	if (strcmp(day, opened) < 0) {
		REFUSE_ID(r, "%s date %s is before case %s was opened on %s",
		    what, day, r->id, opened);
		return 0;
	}
	return 1;
}

static int
mediate_one(struct batch *b, const struct idref *r, size_t i)
{
	const char *status = sheet_cell(&b->sheet, i, "status");

	if (strcmp(status, "open") != 0) {
		REFUSE_ID(r, "case %s is %s%s", r->id,
		    strcmp(status, "mediating") == 0 ? "already " : "", status);
		return -1;
	}
	if (!not_before_opening(b, r, i, "mediation"))
		return -1;
	sheet_set(&b->sheet, i, "status", "mediating");
	return 0;
}

static char *
mediate_detail(struct batch *b, size_t i)
{
	struct move *m = b->arg;

	(void)i;
	return xasprintf("mediation from %s", fmt_date(m->day));
}

static int
close_one(struct batch *b, const struct idref *r, size_t i)
{
	struct move *m = b->arg;

	if (strcmp(sheet_cell(&b->sheet, i, "status"), "closed") == 0) {
		REFUSE_ID(r, "case %s is already closed", r->id);
		return -1;
	}
	if (!not_before_opening(b, r, i, "closing"))
		return -1;
	sheet_set(&b->sheet, i, "status", "closed");
	sheet_set(&b->sheet, i, "closed", fmt_date(m->day));
	sheet_set(&b->sheet, i, "outcome", m->outcome);
	return 0;
}

static char *
close_detail(struct batch *b, size_t i)
{
	return xasprintf("closed %s: %s", sheet_cell(&b->sheet, i, "closed"),
	    sheet_cell(&b->sheet, i, "outcome"));
}

static void
batch_cases(struct batch *b, struct cli *c, const char *action,
    struct move *m)
{
	memset(b, 0, sizeof(*b));
	memset(m, 0, sizeof(*m));
	cli_init(c);
	m->day = INT32_MIN;
	b->cli = c;
	b->file = CASES_FILE;
	b->schema = &schema_cases;
	b->idcol = "case_id";
	b->prefix = 'C';
	b->noun = "case";
	b->action = action;
	b->arg = m;
}

/* move_args: the options of mediate and close; exits on --help. */
static void
move_args(struct batch *b, struct cli *c, struct move *m, int argc,
    char **argv, struct optstate *s, const char *name, const char *usage)
{
	int id;

	opt_init(s, argc - 1, argv + 1);
	while ((id = opt_next(s, move_opts)) != OPT_END) {
		switch (id) {
		case O_DATE: m->day = parse_day("--date", s->arg); break;
		case O_OUTCOME: m->outcome = s->arg; break;
		case O_ALL: b->all_or_nothing = 1; break;
		case OPT_BAD: opt_bad(name);
		default: cli_common(c, id, s->arg); break;
		}
	}
	if (c->help)
		help_exit(usage);
	if (m->day == INT32_MIN)
		m->day = c->today;
	else if (m->day > c->today)
		usage_error("--date: %s is in the future", fmt_date(m->day));
}

static int
case_mediate(int argc, char **argv)
{
	struct batch b;
	struct move m;
	struct cli c;
	struct optstate s;

	batch_cases(&b, &c, "mediate", &m);
	b.act = mediate_one;
	b.detail = mediate_detail;
	move_args(&b, &c, &m, argc, argv, &s, "case mediate",
	    mediate_usage);
	if (m.outcome != NULL)
		usage_error("case mediate takes no --outcome");
	return batch_run(&b, s.noperands, s.operands);
}

static int
case_close(int argc, char **argv)
{
	struct batch b;
	struct move m;
	struct cli c;
	struct optstate s;

	batch_cases(&b, &c, "close", &m);
	b.act = close_one;
	b.detail = close_detail;
	move_args(&b, &c, &m, argc, argv, &s, "case close", close_usage);
	if (m.outcome == NULL)
		usage_error("case close needs --outcome");
	if (enum_index(case_outcomes, m.outcome, strlen(m.outcome)) < 0)
		usage_error("--outcome: '%s': not one of %s", m.outcome,
		    enum_list(case_outcomes));
	return batch_run(&b, s.noperands, s.operands);
}
