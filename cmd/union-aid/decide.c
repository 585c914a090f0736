/*
 * decide.c - union-aid approve and reject: the decision on applications,
 * one by one or a batch read from standard input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

static const char approve_usage[] =
"usage: union-aid approve [--amount A] [--by NAME] [--all-or-nothing]\n"
"           AID... | [FILE...]\n"
"\n"
"  -a, --amount A        the amount approved (default: as requested)\n"
"      --by NAME         the reviewer (default: $USER)\n"
"      --all-or-nothing  approve nothing if any application is refused\n"
"  Without AID, the aid_id column of FILEs or standard input is read.\n"
"example: union-aid approve --amount 600 A00000020\n";

static const char reject_usage[] =
"usage: union-aid reject --reason TEXT [--by NAME] [--all-or-nothing]\n"
"           AID... | [FILE...]\n"
"\n"
"  -r, --reason TEXT     why (kept in the note and the journal)\n"
"      --by NAME         the reviewer (default: $USER)\n"
"      --all-or-nothing  reject nothing if any application is refused\n"
"  Without AID, the aid_id column of FILEs or standard input is read.\n"
"example: union-aid reject --reason 'not a member on the date' A00000020\n";

enum { O_AMOUNT = 1, O_REASON, O_ALL };

static const struct opt approve_opts[] = {
	{ "amount", 'a', OPT_ARG, O_AMOUNT },
	{ "all-or-nothing", 0, OPT_NOARG, O_ALL },
	{ "by", 0, OPT_ARG, OPT_BY },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const struct opt reject_opts[] = {
	{ "reason", 'r', OPT_ARG, O_REASON },
	{ "all-or-nothing", 0, OPT_NOARG, O_ALL },
	{ "by", 0, OPT_ARG, OPT_BY },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

struct decide {
	int64_t	 amount;	/* --amount in fen, -1 when not given */
	const char *reason;
	struct programs programs;
	struct ledger *ledger;
	struct strmap *members;	/* approve: the applicants' rows */
	struct strmap *persons;	/* approve: id_number -> current row */
};

#define REFUSE(r, ...) refuse((r)->file, (r)->line, "aid_id", __VA_ARGS__)

/* still_applied: only an application not yet decided can be. */
static int
still_applied(struct batch *b, const struct idref *r, size_t i)
{
	const char *status = sheet_cell(&b->sheet, i, "status");
	const char *applied = sheet_cell(&b->sheet, i, "applied");

	if (strcmp(status, "applied") != 0) {
		REFUSE(r, "application %s is already %s", r->id, status);
		return 0;
	}
	if (strcmp(applied, fmt_date(b->cli->today)) > 0) {
		REFUSE(r, "application %s is dated %s, after the decision "
		    "date %s", r->id, applied, fmt_date(b->cli->today));
		return 0;
	}
	return 1;
}

/* within_rules: the amount against the request and the programme. */
static int
within_rules(const struct idref *r, const struct program *p,
    int64_t amount, int64_t requested)
{
	if (amount > requested) {
		REFUSE(r, "%s is above the %s requested by %s",
		    fmt_money(amount), fmt_money(requested), r->id);
		return 0;
	}
	if (p->max_award >= 0 && amount > p->max_award) {
		REFUSE(r, "%s is above the max_award %s of programme %s",
		    fmt_money(amount), fmt_money(p->max_award), p->name);
		return 0;
	}
	return 1;
}

/* within_money: the member's annual cap and the programme's budget. */
static int
within_money(const struct decide *d, const struct idref *r,
    const struct program *p, const char *member, int64_t amount, int year)
{
	int64_t used, spent;

	used = ledger_member_year(d->ledger, member, p->name, year);
	if (p->annual_cap >= 0 && used + amount > p->annual_cap) {
		REFUSE(r, "%s on top of the %s awarded to member %s by "
		    "programme %s in %d is above the annual_cap %s",
		    fmt_money(amount), fmt_money(used), member, p->name, year,
		    fmt_money(p->annual_cap));
		return 0;
	}
	spent = ledger_program_year(d->ledger, p->name, year);
	if (p->budget >= 0 && spent + amount > p->budget) {
		REFUSE(r, "%s is more than the %s left of programme %s's "
		    "%d budget %s", fmt_money(amount),
		    fmt_money(p->budget > spent ? p->budget - spent : 0),
		    p->name, year, fmt_money(p->budget));
		return 0;
	}
	return 1;
}

/*
 * member_now: the membership the applicant holds today: the row the
 * application names or, after a transfer, the person's active or
 * retained row in the new union (the same person, still a member).
 */
static const struct member *
member_now(const struct decide *d, const char *id)
{
	const struct member *m = member_get(d->members, id), *now;

	if (m != NULL && strcmp(m->status, "transferred") == 0 &&
	    *m->idnum != '\0' && d->persons != NULL &&
	    (now = member_get(d->persons, m->idnum)) != NULL)
		return now;
	return m;
}

/*
 * still_eligible: the programme still active and the applicant still a
 * member at decision time, by the rules apply judged them by.
 */
static const struct program *
still_eligible(const struct decide *d, const struct idref *r,
    const char *member, const char *pname)
{
	const struct program *p = program_get(&d->programs, pname);
	char *why;

	if ((why = program_unfit(p, pname)) == NULL &&
	    (why = member_unfit(member_now(d, member), member)) == NULL)
		return p;
	REFUSE(r, "application %s: %s", r->id, why);
	free(why);
	return NULL;
}

static int
approve_one(struct batch *b, const struct idref *r, size_t i)
{
	struct decide *d = b->arg;
	const char *member = sheet_cell(&b->sheet, i, "member_id");
	const char *pname = sheet_cell(&b->sheet, i, "program");
	const struct program *p;
	int64_t requested, amount;
	int32_t applied;
	int year;

	if (!still_applied(b, r, i) ||
	    (p = still_eligible(d, r, member, pname)) == NULL)
		return -1;
	if (sheet_money(&b->sheet, i, "requested", &requested) != 0 ||
	    sheet_day(&b->sheet, i, "applied", &applied) != 0)
		return -1;	/* cannot be: the sheet was checked */
	amount = d->amount >= 0 ? d->amount : requested;
	year = year_of(applied);
	if (!within_rules(r, p, amount, requested) ||
	    !within_money(d, r, p, member, amount, year))
		return -1;
	sheet_set(&b->sheet, i, "status", "approved");
	sheet_set(&b->sheet, i, "decided", fmt_date(b->cli->today));
	sheet_set(&b->sheet, i, "approved", fmt_money(amount));
	sheet_set(&b->sheet, i, "reviewer", b->cli->by);
	ledger_award(d->ledger, member, pname, year, amount, 0);
	return 0;
}

static char *
approve_detail(struct batch *b, size_t i)
{
	return xasprintf("approved %s of %s requested",
	    sheet_cell(&b->sheet, i, "approved"),
	    sheet_cell(&b->sheet, i, "requested"));
}

static int
reject_one(struct batch *b, const struct idref *r, size_t i)
{
	struct decide *d = b->arg;
	const char *note = sheet_cell(&b->sheet, i, "note");
	char *text;

	if (!still_applied(b, r, i))
		return -1;
	if (*note)
		text = xasprintf("%s; rejected: %s", note, d->reason);
	else
		text = xasprintf("rejected: %s", d->reason);
	sheet_set(&b->sheet, i, "status", "rejected");
	sheet_set(&b->sheet, i, "decided", fmt_date(b->cli->today));
	sheet_set(&b->sheet, i, "reviewer", b->cli->by);
	sheet_set(&b->sheet, i, "note", text);
	free(text);
	return 0;
}

static char *
reject_detail(struct batch *b, size_t i)
{
	struct decide *d = b->arg;

	(void)i;
	return xasprintf("rejected: %s", d->reason);
}

/* want_applicants: the members of the applications still open. */
static struct strmap *
want_applicants(const struct sheet *aid)
{
	struct strmap *m = strmap_new();
	const char *id;
	size_t i;
	int isnew;

	for (i = 0; i < aid->nrows; i++)
		if (strcmp(sheet_cell(aid, i, "status"), "applied") == 0) {
			id = sheet_cell(aid, i, "member_id");
			strmap_put(m, id, strlen(id), &isnew);
		}
	return m;
}

static void
note_transferred(const char *key, size_t n, void *val, void *arg)
{
	const struct member *m = val;
	struct decide *d = arg;
	int isnew;

	(void)key;
	(void)n;
	/* without an id_number the person cannot be followed */
	if (m == NULL || strcmp(m->status, "transferred") != 0 ||
	    *m->idnum == '\0')
		return;
	if (d->persons == NULL)
		d->persons = strmap_new();
	strmap_put(d->persons, m->idnum, strlen(m->idnum), &isnew);
}

/*
 * load_applicants: the applicants' rows, then, when any has transferred,
 * the current memberships of those people (a second scan, only then).
 */
static int
load_applicants(struct decide *d, const struct batch *b)
{
	d->members = want_applicants(&b->sheet);
	if (members_load(b->cli->datadir, d->members, NULL) == NULL)
		return -1;
	strmap_each(d->members, note_transferred, d);
	if (d->persons != NULL &&
	    members_current_of(b->cli->datadir, d->persons) != 0)
		return -1;
	return 0;
}

/* prepare: approve's reference data (reject needs none). */
static int
prepare(struct batch *b)
{
	struct decide *d = b->arg;

	if (programs_load(&d->programs, b->cli->datadir, b->cli) != 0)
		return -1;
	d->ledger = ledger_build(&b->sheet);
	return load_applicants(d, b);
}

static int64_t
parse_amount(const char *arg)
{
	const char *why;
	int64_t fen;

	if (money_parse(arg, strlen(arg), &fen, &why) != 0)
		usage_error("--amount: '%s': %s", arg, why);
	if (fen == 0)
		usage_error("--amount: the amount must be more than 0.00");
	return fen;
}

int
cmd_approve(int argc, char **argv)
{
	struct batch b;
	struct decide d;
	struct cli c;
	struct optstate s;
	int id, rc;

	memset(&d, 0, sizeof(d));
	d.amount = -1;
	batch_aid(&b, &c, "approve", &d);
	b.prepare = prepare;
	b.act = approve_one;
	b.detail = approve_detail;
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, approve_opts)) != OPT_END) {
		switch (id) {
		case O_AMOUNT: d.amount = parse_amount(s.arg); break;
		case O_ALL: b.all_or_nothing = 1; break;
		case OPT_BAD: opt_bad("approve");
		default: cli_common(&c, id, s.arg); break;
		}
	}
	if (c.help)
		help_exit(approve_usage);
	rc = batch_run(&b, s.noperands, s.operands);
	programs_free(&d.programs);
	ledger_free(d.ledger);
	members_free(d.members);
	members_free(d.persons);
	return rc;
}

int
cmd_reject(int argc, char **argv)
{
	struct batch b;
	struct decide d;
	struct cli c;
	struct optstate s;
	int id, rc;

	memset(&d, 0, sizeof(d));
	batch_aid(&b, &c, "reject", &d);
	b.act = reject_one;
	b.detail = reject_detail;
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, reject_opts)) != OPT_END) {
		switch (id) {
		case O_REASON: d.reason = s.arg; break;
		case O_ALL: b.all_or_nothing = 1; break;
		case OPT_BAD: opt_bad("reject");
		default: cli_common(&c, id, s.arg); break;
		}
	}
	if (c.help)
		help_exit(reject_usage);
	if (d.reason == NULL || *d.reason == '\0')
		usage_error("reject needs --reason");
	rc = batch_run(&b, s.noperands, s.operands);
	ledger_free(d.ledger);
	return rc;
}
