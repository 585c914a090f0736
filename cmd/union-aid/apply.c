/*
 * apply.c - union-aid apply: new applications, one from the command
 * line or a batch of rows, each judged against the programme's rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

static const char usage[] =
"usage: union-aid apply --member M --program P --amount A [--date D]\n"
"           [--note TEXT] [--by NAME]\n"
"       union-aid apply [--all-or-nothing] [--by NAME] [FILE...]\n"
"\n"
"  -m, --member M        the applicant's member_id\n"
"  -p, --program P       the programme (see union-aid programs)\n"
"  -a, --amount A        the amount requested, yuan\n"
"  -d, --date D          the application date (default: today)\n"
"  -n, --note TEXT       a note kept with the application\n"
"      --all-or-nothing  in a batch, write nothing if any row is refused\n"
"  A batch reads rows with columns member_id, program, requested and,\n"
"  optionally, applied and note, from FILEs or standard input.\n"
"example: union-aid apply -m M00000171 -p winter_warmth -a 800\n";

enum { O_MEMBER = 1, O_PROGRAM, O_AMOUNT, O_DATE, O_NOTE, O_ALL };

static const struct opt opts[] = {
	{ "member", 'm', OPT_ARG, O_MEMBER },
	{ "program", 'p', OPT_ARG, O_PROGRAM },
	{ "amount", 'a', OPT_ARG, O_AMOUNT },
	{ "date", 'd', OPT_ARG, O_DATE },
	{ "note", 'n', OPT_ARG, O_NOTE },
	{ "all-or-nothing", 0, OPT_NOARG, O_ALL },
	{ "by", 0, OPT_ARG, OPT_BY },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

/* The columns of a batch, and of the one row the options make. */
enum { R_MEMBER, R_PROGRAM, R_REQUESTED, R_APPLIED, R_NOTE, R_NCOLS };

static const struct incol incols[R_NCOLS] = {
	{ "member_id", 1 }, { "program", 1 }, { "requested", 1 },
	{ "applied", 0 }, { "note", 0 }
};

struct apply {
	struct cli cli;
	int	 all_or_nothing;
	struct input in;
	struct strmap *members;
	struct programs programs;
	struct sheet aid;
	struct ledger *ledger;
	long long lastid;
	size_t	*added;		/* rows of aid added */
	size_t	 nadded;
};

#define REFUSE(r, col, ...) refuse((r)->file, (r)->line, (col), __VA_ARGS__)

/* ---- the rules, in the order an applicant meets them ---- */

static const struct member *
check_member(const struct apply *a, const struct inrow *r)
{
	const char *id = r->v[R_MEMBER];
	const struct member *m;
	char *why;

	if (*id == '\0') {
		REFUSE(r, "member_id", "no member given");
		return NULL;
	}
	m = member_get(a->members, id);
	if ((why = member_unfit(m, id)) != NULL) {
		REFUSE(r, "member_id", "%s", why);
		free(why);
		return NULL;
	}
	return m;
}

static const struct program *
check_program(const struct apply *a, const struct inrow *r)
{
	const char *name = r->v[R_PROGRAM];
	const struct program *p;
	char *why;

	if (*name == '\0') {
		REFUSE(r, "program", "no programme given");
		return NULL;
	}
	p = program_get(&a->programs, name);
	if ((why = program_unfit(p, name)) != NULL) {
		REFUSE(r, "program", "%s", why);
		free(why);
		return NULL;
	}
	return p;
}

static int
check_date(const struct apply *a, const struct inrow *r, int32_t *day)
{
	const char *v = r->v[R_APPLIED], *why;

	if (*v == '\0') {
		*day = a->cli.today;
		return 0;
	}
	if (date_parse(v, strlen(v), day, &why) != 0) {
		REFUSE(r, "applied", "'%s': %s", v, why);
		return -1;
	}
	if (*day > a->cli.today) {
		REFUSE(r, "applied", "application date %s is in the future",
		    v);
		return -1;
	}
	return 0;
}

static int
check_amount(const struct inrow *r, const struct program *p,
    int64_t *fen)
{
	const char *v = r->v[R_REQUESTED], *why;

	if (*v == '\0') {
		REFUSE(r, "requested", "no amount given");
		return -1;
	}
	if (money_parse(v, strlen(v), fen, &why) != 0) {
		REFUSE(r, "requested", "'%s': %s", v, why);
		return -1;
	}
	if (*fen == 0) {
		REFUSE(r, "requested", "the amount must be more than 0.00");
		return -1;
	}
	if (p->max_award >= 0 && *fen > p->max_award) {
		REFUSE(r, "requested", "%s is above the max_award %s of "
		    "programme %s", fmt_money(*fen), fmt_money(p->max_award),
		    p->name);
		return -1;
	}
	return 0;
}

static int
check_membership(const struct inrow *r, const struct member *m,
    const struct program *p, int32_t day)
{
	long days = (long)day - m->join;

	if (m->join == INT32_MIN) {
		REFUSE(r, "member_id", "member %s has no valid join_date",
		    m->id);
		return -1;
	}
	if (days < p->min_days) {
		REFUSE(r, "applied", "member %s has been a member for %ld "
		    "days on %s; programme %s needs %ld", m->id,
		    days < 0 ? 0 : days, fmt_date(day), p->name, p->min_days);
		return -1;
	}
	return 0;
}

static int
check_hardship(const struct inrow *r, const struct member *m,
    const struct program *p)
{
	if (p->requires_hardship && (*m->hardship == '\0' ||
	    strcmp(m->hardship, "none") == 0)) {
		REFUSE(r, "member_id", "programme %s is for members in "
		    "hardship; member %s has none", p->name, m->id);
		return -1;
	}
	return 0;
}

static int
check_open(const struct apply *a, const struct inrow *r)
{
	const char *member = r->v[R_MEMBER], *program = r->v[R_PROGRAM];
	const char *open = ledger_open(a->ledger, member, program);

	if (open != NULL) {
		REFUSE(r, "member_id", "member %s already has an open "
		    "application %s in programme %s", member, open, program);
		return -1;
	}
	return 0;
}

static int
check_cap(const struct apply *a, const struct inrow *r,
    const struct program *p, int64_t fen, int year)
{
	const char *member = r->v[R_MEMBER];
	int64_t used = ledger_member_year(a->ledger, member, p->name, year);

	if (p->annual_cap >= 0 && used + fen > p->annual_cap) {
		REFUSE(r, "requested", "%s on top of the %s awarded to member "
		    "%s by programme %s in %d is above the annual_cap %s",
		    fmt_money(fen), fmt_money(used), member, p->name, year,
		    fmt_money(p->annual_cap));
		return -1;
	}
	return 0;
}

/* judge: every rule for one request; 0 when it may be accepted. */
static int
judge(const struct apply *a, const struct inrow *r, int64_t *fen,
    int32_t *day)
{
	const struct member *m;
	const struct program *p;

	if ((m = check_member(a, r)) == NULL ||
	    (p = check_program(a, r)) == NULL)
		return -1;
	if (check_date(a, r, day) != 0 || check_amount(r, p, fen) != 0 ||
	    check_membership(r, m, p, *day) != 0 ||
	    check_hardship(r, m, p) != 0 || check_open(a, r) != 0 ||
	    check_cap(a, r, p, *fen, year_of(*day)) != 0)
		return -1;
	return 0;
}

/* accept: add the request to aid.csv in memory; -1 when it cannot be. */
static int
accept(struct apply *a, const struct inrow *r, int64_t fen, int32_t day)
{
	char id[16];
	size_t i;

	if (id_format(id, 'A', 8, a->lastid + 1) != 0) {
		REFUSE(r, "aid_id", "no aid_id left after A99999999");
		return -1;
	}
	i = sheet_add(&a->aid);
	sheet_set(&a->aid, i, "aid_id", id);
	sheet_set(&a->aid, i, "member_id", r->v[R_MEMBER]);
	sheet_set(&a->aid, i, "program", r->v[R_PROGRAM]);
	sheet_set(&a->aid, i, "applied", fmt_date(day));
	sheet_set(&a->aid, i, "requested", fmt_money(fen));
	sheet_set(&a->aid, i, "status", "applied");
	sheet_set(&a->aid, i, "note", r->v[R_NOTE]);
	if (sheet_check_row(&a->aid, i, a->cli.today) != 0) {
		a->aid.nrows--;
		return -1;
	}
	a->lastid++;
	ledger_set_open(a->ledger, r->v[R_MEMBER], r->v[R_PROGRAM], id);
	a->added[a->nadded++] = i;
	return 0;
}

static char *
apply_detail(const struct sheet *sh, size_t i, void *arg)
{
	(void)arg;
	return xasprintf("%s applied to %s for %s",
	    sheet_cell(sh, i, "member_id"), sheet_cell(sh, i, "program"),
	    sheet_cell(sh, i, "requested"));
}

/* want_members: the map of member IDs the requests name. */
static struct strmap *
want_members(const struct apply *a)
{
	struct strmap *m = strmap_new();
	size_t k;
	int isnew;

	for (k = 0; k < a->in.n; k++)
		strmap_put(m, a->in.rows[k].v[R_MEMBER],
		    strlen(a->in.rows[k].v[R_MEMBER]), &isnew);
	return m;
}

static int
run(struct apply *a)
{
	int refused = a->in.bad;
	struct txn *x;
	int64_t fen;
	int32_t day;
	size_t k;

	a->members = want_members(a);
	if (members_load(a->cli.datadir, a->members, NULL) == NULL ||
	    programs_load(&a->programs, a->cli.datadir, &a->cli) != 0)
		return EXIT_TROUBLE;
	if ((x = txn_begin(a->cli.datadir, TOOL_NAME, a->cli.by)) == NULL)
		return EXIT_TROUBLE;
	if (sheet_load(&a->aid, a->cli.datadir, AID_FILE, &schema_aid,
	    a->cli.today, SHEET_CHECK) != 0) {
		txn_abort(x);
		return EXIT_TROUBLE;
	}
	a->ledger = ledger_build(&a->aid);
	a->lastid = sheet_max_id(&a->aid, 'A');
	a->added = xcalloc(a->in.n + 1, sizeof(*a->added));
	for (k = 0; k < a->in.n; k++)
		if (judge(a, &a->in.rows[k], &fen, &day) != 0 ||
		    accept(a, &a->in.rows[k], fen, day) != 0)
			refused++;
	if (a->nadded == 0 || (refused > 0 && a->all_or_nothing)) {
		if (refused > 0 && a->all_or_nothing && a->nadded > 0)
			warnmsg("%d of %zu refused: nothing done", refused,
			    a->in.n + (size_t)a->in.bad);
		txn_abort(x);
		/* the header alone: stdout is a header, then rows */
		sheet_out_rows(&a->aid, &a->cli, NULL, 0);
		return refused ? EXIT_FOUND : EXIT_CLEAN;
	}
	if (commit_new(x, &a->aid, a->added, a->nadded, "apply",
	    apply_detail, NULL) != 0)
		return EXIT_TROUBLE;
	sheet_out_rows(&a->aid, &a->cli, a->added, a->nadded);
	return refused ? EXIT_FOUND : EXIT_CLEAN;
}

static void
apply_free(struct apply *a)
{
	input_free(&a->in);
	free(a->added);
	members_free(a->members);
	programs_free(&a->programs);
	sheet_free(&a->aid);
	ledger_free(a->ledger);
}

/* one_row: the row the options describe (the command-line form). */
static void
one_row(struct apply *a, const char **v)
{
	struct inrow *r;
	size_t k;

	if (!v[R_MEMBER] || !v[R_PROGRAM] || !v[R_REQUESTED])
		usage_error("apply needs --member, --program and --amount "
		    "together");
	r = input_add(&a->in);
	for (k = 0; k < R_NCOLS; k++)
		if (v[k] != NULL)
			r->v[k] = v[k];
}

int
cmd_apply(int argc, char **argv)
{
	struct apply a;
	const char *v[R_NCOLS] = { NULL, NULL, NULL, NULL, NULL };
	struct optstate s;
	int id, rc;

	memset(&a, 0, sizeof(a));
	cli_init(&a.cli);
	input_init(&a.in, incols, R_NCOLS);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, opts)) != OPT_END) {
		switch (id) {
		case O_MEMBER: v[R_MEMBER] = s.arg; break;
		case O_PROGRAM: v[R_PROGRAM] = s.arg; break;
		case O_AMOUNT: v[R_REQUESTED] = s.arg; break;
		case O_DATE: v[R_APPLIED] = s.arg; break;
		case O_NOTE: v[R_NOTE] = s.arg; break;
		case O_ALL: a.all_or_nothing = 1; break;
		case OPT_BAD: opt_bad("apply");
		default: cli_common(&a.cli, id, s.arg); break;
		}
	}
	if (a.cli.help)
		help_exit(usage);
	if (v[R_MEMBER] || v[R_PROGRAM] || v[R_REQUESTED]) {
		if (s.noperands > 0)
			usage_error("apply takes options or FILEs, not both");
		one_row(&a, v);
	} else if (input_read_all(&a.in, s.noperands, s.operands,
	    &a.cli) != 0) {
		input_free(&a.in);
		return EXIT_TROUBLE;
	}
	rc = run(&a);
	apply_free(&a);
	return rc;
}
