/*
 * schema.c - the columns of the six data files of DESIGN.md and the
 * rules their values keep, checked row by row without allocating.
 *
 * Decisions (DESIGN.md is the source; where it is silent, the choice
 * is written here and in union-files(5)):
 *
 * - Every column DESIGN.md lists for a file is CR_REQUIRED in its
 *   header: the tools write them all, and a file lacking one is not the
 *   file they expect.  Extra columns are allowed.
 * - CR_NONEMPTY marks what a record cannot exist without: its key, its
 *   name, its state (status, level, type), the facts a rule of DESIGN.md
 *   needs (a member's id_number and join_date, an application's date and
 *   amount requested, a case's date opened and kind).  Descriptive
 *   columns may be empty ("not given"): phone, employer, group, wage,
 *   hardship, gender and birth_date (the ID holds them), org_type,
 *   founded, chair, home_rating, channel, handler, summary, note.
 * - programs.csv: only the programme's name is required; an empty
 *   max_award, annual_cap or budget means no limit, an empty
 *   min_member_days 0, an empty requires_hardship "no", an empty active
 *   "yes" (DESIGN.md says so of budget; union-aid reads the others alike).
 * - A credit code whose only fault is its check character is a warning
 *   ("uscc_override"): it is in a file only because an operator accepted
 *   it; a tool taking new records refuses it unless overridden.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "schema.h"
#include "util.h"
#include "valid.h"

#define REQ	CR_REQUIRED
#define NE	(CR_REQUIRED | CR_NONEMPTY)

const char *const union_levels[] = { "county", "town", "industry",
	"grassroots", NULL };
const char *const org_types[] = { "key_enterprise", "non_public",
	"social_org", "public_institution", "government", NULL };
const char *const home_ratings[] = { "none", "city", "provincial",
	"national", NULL };
const char *const union_statuses[] = { "active", "dissolved", NULL };
const char *const genders[] = { "M", "F", NULL };
const char *const member_groups[] = { "regular", "truck_driver", "courier",
	"care_worker", "domestic_worker", "mall_info_clerk", "food_delivery",
	"property_agent", "security_guard", "ride_hailing", NULL };
const char *const member_statuses[] = { "active", "retained", "transferred",
	"left", "deceased", NULL };
const char *const hardship_kinds[] = { "none", "relative", "deep",
	"accidental", NULL };
const char *const yes_no[] = { "yes", "no", NULL };
const char *const aid_statuses[] = { "applied", "approved", "rejected",
	"paid", NULL };
const char *const case_types[] = { "consultation", "case", NULL };
const char *const case_kinds[] = { "wage_arrears", "labour_contract",
	"work_injury", "social_insurance", "dismissal", "working_hours",
	"other", NULL };
const char *const case_channels[] = { "visit", "phone", "online",
	"referral", NULL };
const char *const case_statuses[] = { "open", "mediating", "closed", NULL };
const char *const case_outcomes[] = { "resolved", "arbitration",
	"litigation", "withdrawn", "unresolved", NULL };

/* ---- the six schemas, columns in DESIGN.md's order ---- */

enum { U_ID, U_NAME, U_PARENT, U_LEVEL, U_CREDIT, U_ORGTYPE, U_FOUNDED,
	U_CHAIR, U_RATING, U_STATUS, U_NCOLS };

static const struct colrule unions_cols[U_NCOLS] = {
	[U_ID] =	{ "union_id", CT_KEY, NE, NULL },
	[U_NAME] =	{ "name", CT_TEXT, NE, NULL },
	/* empty only for a county union: in-row rule */
	[U_PARENT] =	{ "parent_id", CT_KEY, REQ, NULL },
	[U_LEVEL] =	{ "level", CT_ENUM, NE, union_levels },
	/* required for a grassroots union: in-row rule */
	[U_CREDIT] =	{ "credit_code", CT_USCC, REQ, NULL },
	[U_ORGTYPE] =	{ "org_type", CT_ENUM, REQ, org_types },
	[U_FOUNDED] =	{ "founded", CT_DATE, REQ, NULL },
	[U_CHAIR] =	{ "chair", CT_TEXT, REQ, NULL },
	[U_RATING] =	{ "home_rating", CT_ENUM, REQ, home_ratings },
	[U_STATUS] =	{ "status", CT_ENUM, NE, union_statuses },
};

enum { M_ID, M_NAME, M_IDNUM, M_GENDER, M_BIRTH, M_PHONE, M_UNION,
	M_EMPLOYER, M_GROUP, M_JOIN, M_STATUS, M_WAGE, M_HARDSHIP, M_NCOLS };

static const struct colrule members_cols[M_NCOLS] = {
	[M_ID] =	{ "member_id", CT_KEY, NE, NULL },
	[M_NAME] =	{ "name", CT_TEXT, NE, NULL },
	/* the real-name rule: every membership names its person */
	[M_IDNUM] =	{ "id_number", CT_IDNUM, NE, NULL },
	/* gender and birth_date: when given, must agree with id_number */
	[M_GENDER] =	{ "gender", CT_ENUM, REQ, genders },
	[M_BIRTH] =	{ "birth_date", CT_DATE, REQ, NULL },
	[M_PHONE] =	{ "phone", CT_PHONE, REQ, NULL },
	[M_UNION] =	{ "union_id", CT_KEY, NE, NULL },
	[M_EMPLOYER] =	{ "employer", CT_TEXT, REQ, NULL },
	[M_GROUP] =	{ "group", CT_ENUM, REQ, member_groups },
	/* needed by the 16-year rule and by aid's min_member_days */
	[M_JOIN] =	{ "join_date", CT_DATE, NE, NULL },
	[M_STATUS] =	{ "status", CT_ENUM, NE, member_statuses },
	[M_WAGE] =	{ "wage", CT_MONEY, REQ, NULL },
	[M_HARDSHIP] =	{ "hardship", CT_ENUM, REQ, hardship_kinds },
};

enum { E_CREDIT, E_NAME, E_ORGTYPE, E_EMPLOYEES, E_TOWN, E_UNION,
	E_NCOLS };

static const struct colrule enterprises_cols[E_NCOLS] = {
	[E_CREDIT] =	{ "credit_code", CT_USCC, NE, NULL },
	[E_NAME] =	{ "name", CT_TEXT, NE, NULL },
	/* the founding-rate targets are per org_type */
	[E_ORGTYPE] =	{ "org_type", CT_ENUM, NE, org_types },
	[E_EMPLOYEES] =	{ "employees", CT_INT, REQ, NULL },
	[E_TOWN] =	{ "town_id", CT_KEY, REQ, NULL },
	/* empty: no union founded yet */
	[E_UNION] =	{ "union_id", CT_KEY, REQ, NULL },
};

enum { P_PROGRAM, P_TITLE, P_MAXAWARD, P_ANNUALCAP, P_MINDAYS,
	P_HARDSHIP, P_BUDGET, P_ACTIVE, P_NCOLS };

static const struct colrule programs_cols[P_NCOLS] = {
	[P_PROGRAM] =	{ "program", CT_KEY, NE, NULL },
	[P_TITLE] =	{ "title", CT_TEXT, REQ, NULL },
	/* empty money: no limit */
	[P_MAXAWARD] =	{ "max_award", CT_MONEY, REQ, NULL },
	[P_ANNUALCAP] =	{ "annual_cap", CT_MONEY, REQ, NULL },
	[P_MINDAYS] =	{ "min_member_days", CT_INT, REQ, NULL },
	[P_HARDSHIP] =	{ "requires_hardship", CT_ENUM, REQ, yes_no },
	[P_BUDGET] =	{ "budget", CT_MONEY, REQ, NULL },
	[P_ACTIVE] =	{ "active", CT_ENUM, REQ, yes_no },
};

enum { A_ID, A_MEMBER, A_PROGRAM, A_APPLIED, A_REQUESTED, A_STATUS,
	A_DECIDED, A_APPROVED, A_PAIDON, A_PAID, A_REVIEWER, A_VOUCHER,
	A_NOTE, A_NCOLS };

static const struct colrule aid_cols[A_NCOLS] = {
	[A_ID] =	{ "aid_id", CT_KEY, NE, NULL },
	[A_MEMBER] =	{ "member_id", CT_KEY, NE, NULL },
	[A_PROGRAM] =	{ "program", CT_KEY, NE, NULL },
	[A_APPLIED] =	{ "applied", CT_DATE, NE, NULL },
	[A_REQUESTED] =	{ "requested", CT_MONEY, NE, NULL },
	[A_STATUS] =	{ "status", CT_ENUM, NE, aid_statuses },
	/* decided ... paid: set or empty as status requires, in-row */
	[A_DECIDED] =	{ "decided", CT_DATE, REQ, NULL },
	[A_APPROVED] =	{ "approved", CT_MONEY, REQ, NULL },
	[A_PAIDON] =	{ "paid_on", CT_DATE, REQ, NULL },
	[A_PAID] =	{ "paid", CT_MONEY, REQ, NULL },
	[A_REVIEWER] =	{ "reviewer", CT_TEXT, REQ, NULL },
	[A_VOUCHER] =	{ "voucher", CT_TEXT, REQ, NULL },
	[A_NOTE] =	{ "note", CT_TEXT, REQ, NULL },
};

enum { C_ID, C_TYPE, C_MEMBER, C_UNION, C_KIND, C_CHANNEL, C_OPENED,
	C_STATUS, C_CLOSED, C_OUTCOME, C_HANDLER, C_SUMMARY, C_NCOLS };

static const struct colrule cases_cols[C_NCOLS] = {
	[C_ID] =	{ "case_id", CT_KEY, NE, NULL },
	[C_TYPE] =	{ "type", CT_ENUM, NE, case_types },
	/* empty: a non-member helped */
	[C_MEMBER] =	{ "member_id", CT_KEY, REQ, NULL },
	[C_UNION] =	{ "union_id", CT_KEY, NE, NULL },
	[C_KIND] =	{ "kind", CT_ENUM, NE, case_kinds },
	[C_CHANNEL] =	{ "channel", CT_ENUM, REQ, case_channels },
	[C_OPENED] =	{ "opened", CT_DATE, NE, NULL },
	[C_STATUS] =	{ "status", CT_ENUM, NE, case_statuses },
	/* closed and outcome: set together, exactly when status is closed */
	[C_CLOSED] =	{ "closed", CT_DATE, REQ, NULL },
	[C_OUTCOME] =	{ "outcome", CT_ENUM, REQ, case_outcomes },
	[C_HANDLER] =	{ "handler", CT_TEXT, REQ, NULL },
	[C_SUMMARY] =	{ "summary", CT_TEXT, REQ, NULL },
};

const struct schema schema_unions =
	{ "unions.csv", "union_id", unions_cols, U_NCOLS };
const struct schema schema_members =
	{ "members.csv", "member_id", members_cols, M_NCOLS };
const struct schema schema_enterprises =
	{ "enterprises.csv", "credit_code", enterprises_cols, E_NCOLS };
const struct schema schema_programs =
	{ "programs.csv", "program", programs_cols, P_NCOLS };
const struct schema schema_aid =
	{ "aid.csv", "aid_id", aid_cols, A_NCOLS };
const struct schema schema_cases =
	{ "cases.csv", "case_id", cases_cols, C_NCOLS };

static const struct schema *const all_schemas[] = { &schema_unions,
	&schema_members, &schema_enterprises, &schema_programs, &schema_aid,
	&schema_cases };

/*
 * schema_for: the schema of a data file named by its table name or file
 * name, with or without a directory: "members", "members.csv",
 * "members.tsv", "d/members.csv.gz", "members.tsv.gz".  NULL for any
 * other name.
 */
const struct schema *
schema_for(const char *name)
{
	static const char *const suffixes[] = { "", ".csv", ".tsv",
		".csv.gz", ".tsv.gz" };
	const char *base, *slash, *file;
	size_t i, j, stem;

	base = (slash = strrchr(name, '/')) != NULL ? slash + 1 : name;
	for (i = 0; i < NELEM(all_schemas); i++) {
		file = all_schemas[i]->file;
		stem = strcspn(file, ".");
		if (strncmp(base, file, stem) != 0)
			continue;
		for (j = 0; j < NELEM(suffixes); j++)
			if (strcmp(base + stem, suffixes[j]) == 0)
				return all_schemas[i];
	}
	return NULL;
}

/* schema_index: the position of column name in s->cols, or -1 (name
   NULL included). */
int
schema_index(const struct schema *s, const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/*
 * bind_columns: idx[i] for each column of s (-1 when t lacks it); when
 * report is set, a message for each absent CR_REQUIRED column.  Returns
 * the number of required columns absent.
 */
static int
bind_columns(const struct schema *s, const struct table *t,
    struct binding *b, int report)
{
	size_t i;
	int nmissing = 0;

	memset(b, 0, sizeof(*b));
	b->s = s;
	for (i = 0; i < NELEM(b->idx); i++)
		b->idx[i] = -1;
	for (i = 0; i < s->ncols && i < NELEM(b->idx); i++) {
		b->idx[i] = tbl_col(t, s->cols[i].name);
		if (b->idx[i] >= 0 || !(s->cols[i].flags & CR_REQUIRED))
			continue;
		nmissing++;
		if (report)
			warn_at(tbl_name(t), 1, s->cols[i].name,
			    "required column missing");
	}
	return nmissing;
}

/*
 * schema_bind: bind t's header to s.  Each CR_REQUIRED column missing is
 * reported as "FILE:1: COLUMN: required column missing" (through
 * warn_at) and makes it return -1; else 0.  b is filled either way.
 */
int
schema_bind(const struct schema *s, const struct table *t,
    struct binding *b)
{
	return bind_columns(s, t, b, 1) ? -1 : 0;
}

/* schema_bind_quiet: schema_bind without the messages. */
int
schema_bind_quiet(const struct schema *s, const struct table *t,
    struct binding *b)
{
	return bind_columns(s, t, b, 0) ? -1 : 0;
}

/* value: the field of schema column i in the row ("" when unbound). */
static struct field
value(const struct binding *b, const struct field *f, size_t i)
{
	struct field empty = { "", 0 };

	return b->idx[i] >= 0 ? f[b->idx[i]] : empty;
}

/*
 * binding_get: the value of the schema column called name in the row f
 * ("" when the table lacks it, or s has no such column; name NULL
 * included).  The field points into f.
 */
struct field
binding_get(const struct binding *b, const struct field *f,
    const char *name)
{
	struct field empty = { "", 0 };
	int i;

	if ((i = schema_index(b->s, name)) < 0)
		return empty;
	return value(b, f, (size_t)i);
}

/* schema_header: names[i] = the i-th canonical column; names holds ncols. */
void
schema_header(const struct schema *s, const char **names)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		names[i] = s->cols[i].name;
}

/* ---- checking one row ---- */

#define MAXCOLS 24	/* = NELEM(((struct binding *)0)->idx) */

/*
 * One row as the checks see it: each column's value and, when it is
 * given and valid, its parsed form.
 */
struct rowcheck {
	const struct binding *b;
	problem_fn report;
	void	*arg;
	int	 nerrors;
	struct field v[MAXCOLS];	/* the values, "" when absent */
	unsigned char ok[MAXCOLS];	/* given and valid */
	int32_t	 day[MAXCOLS];		/* CT_DATE */
	int64_t	 num[MAXCOLS];		/* CT_MONEY fen, CT_INT */
	int	 pick[MAXCOLS];		/* CT_ENUM index */
	struct idinfo id;		/* CT_IDNUM (one per schema) */
	char	 msg[200];
};

static void
problem(struct rowcheck *rc, size_t col, enum severity sev,
    const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rc->msg, sizeof(rc->msg), fmt, ap);
	va_end(ap);
	if (sev == SEV_ERROR)
		rc->nerrors++;
	rc->report(rc->arg, rc->b->s->cols[col].name, sev, rule, rc->msg);
}

/* shown: how many bytes of a value to quote in a message (at most 40,
   never cutting a UTF-8 character). */
static int
shown(struct field v)
{
	size_t n = v.len;

	if (n <= 40)
		return (int)n;
	n = 40;
	while (n > 0 && ((unsigned char)v.s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static int
check_key(struct field v, const char **why)
{
	size_t i;

	for (i = 0; i < v.len; i++) {
		if (v.s[i] == ' ') {
			*why = "must not hold a space";
			return -1;
		}
		if ((unsigned char)v.s[i] < 0x20 || v.s[i] == 0x7F) {
			*why = "must not hold a control character";
			return -1;
		}
	}
	return 0;
}

static int
check_int(struct field v, int64_t *n, const char **why)
{
	size_t i;

	*n = 0;
	for (i = 0; i < v.len; i++) {
		if (v.s[i] < '0' || v.s[i] > '9') {
			*why = "not a whole number";
			return -1;
		}
		if (i == 18) {
			*why = "number too large";
			return -1;
		}
		*n = *n * 10 + (v.s[i] - '0');
	}
	return 0;
}

/* check_field: column i's own rule; fills rc->ok[i] and its parsed form. */
static void
check_field(struct rowcheck *rc, size_t i)
{
	const struct colrule *cr = &rc->b->s->cols[i];
	struct field v = rc->v[i];
	const char *why = NULL;
	char phone[12];
	int bad_check, r = 0;

	if (v.len == 0) {
		if (cr->flags & CR_NONEMPTY)
			problem(rc, i, SEV_ERROR, "field", "must not be empty");
		return;
	}
	switch (cr->type) {
	case CT_TEXT:
		break;
	case CT_KEY:
		r = check_key(v, &why);
		break;
	case CT_DATE:
		r = date_parse(v.s, v.len, &rc->day[i], &why);
		break;
	case CT_MONEY:
		r = money_parse(v.s, v.len, &rc->num[i], &why);
		break;
	case CT_INT:
		r = check_int(v, &rc->num[i], &why);
		break;
	case CT_ENUM:
		if ((rc->pick[i] = enum_index(cr->values, v.s, v.len)) < 0) {
			problem(rc, i, SEV_ERROR, "field",
			    "\"%.*s\" is not one of %s", shown(v), v.s,
			    enum_list(cr->values));
			return;
		}
		break;
	case CT_IDNUM:
		r = id_parse(v.s, v.len, &rc->id, &why);
		break;
	case CT_USCC:
		if ((r = uscc_check(v.s, v.len, &bad_check, &why)) != 0 &&
		    bad_check) {
			problem(rc, i, SEV_WARNING, "uscc_override", "%s", why);
			return;
		}
		break;
	case CT_PHONE:
		r = phone_norm(v.s, v.len, phone, &why);
		break;
	}
	if (r != 0) {
		problem(rc, i, SEV_ERROR, "field", "%s", why);
		return;
	}
	rc->ok[i] = 1;
}

/* is: column i is a valid enumeration value equal to s. */
static int
is(const struct rowcheck *rc, size_t i, const char *s)
{
	return rc->ok[i] && strcmp(rc->b->s->cols[i].values[rc->pick[i]],
	    s) == 0;
}

static int
given(const struct rowcheck *rc, size_t i)
{
	return rc->v[i].len > 0;
}

/* must_be_set / must_be_empty: the in-row presence rules ("row"). */
static void
must_be_set(struct rowcheck *rc, size_t i, const char *when)
{
	if (!given(rc, i))
		problem(rc, i, SEV_ERROR, "row", "must be set %s", when);
}

static void
must_be_empty(struct rowcheck *rc, size_t i, const char *when)
{
	if (given(rc, i))
		problem(rc, i, SEV_ERROR, "row", "must be empty %s", when);
}

/* not_before: date column late must not be before date column early. */
static void
not_before(struct rowcheck *rc, size_t late, size_t early)
{
	const struct colrule *c = rc->b->s->cols;
	char a[11], b[11];

	if (rc->ok[late] && rc->ok[early] && rc->day[late] < rc->day[early])
		problem(rc, late, SEV_ERROR, "row", "%s %s is before %s %s",
		    c[late].name, date_fmt(rc->day[late], a), c[early].name,
		    date_fmt(rc->day[early], b));
}

/*
 * unions: a grassroots union names its unit's credit code; only a
 * county union may have no parent; no union is its own parent.
 */
static void
rules_unions(struct rowcheck *rc)
{
	if (is(rc, U_LEVEL, "grassroots"))
		must_be_set(rc, U_CREDIT, "for a grassroots union");
	if (rc->ok[U_LEVEL] && !is(rc, U_LEVEL, "county") &&
	    !given(rc, U_PARENT))
		problem(rc, U_PARENT, SEV_ERROR, "row",
		    "must be set unless level is county");
	if (given(rc, U_PARENT) && rc->v[U_PARENT].len == rc->v[U_ID].len &&
	    memcmp(rc->v[U_PARENT].s, rc->v[U_ID].s, rc->v[U_ID].len) == 0)
		problem(rc, U_PARENT, SEV_ERROR, "row",
		    "names the union itself");
}

/*
 * members: gender and birth_date agree with id_number; join_date is
 * not after today nor before the 16th birthday (birth from the ID, or
 * from birth_date when the ID is unusable).
 */
static void
rules_members(struct rowcheck *rc, int32_t today)
{
	int32_t birth;
	char d[11];

	if (rc->ok[M_IDNUM] && rc->ok[M_GENDER] &&
	    genders[rc->pick[M_GENDER]][0] != rc->id.gender)
		problem(rc, M_GENDER, SEV_ERROR, "member_id_card",
		    "%s disagrees with id_number (%c)",
		    genders[rc->pick[M_GENDER]], rc->id.gender);
	if (rc->ok[M_IDNUM] && rc->ok[M_BIRTH] &&
	    rc->day[M_BIRTH] != rc->id.birth)
		problem(rc, M_BIRTH, SEV_ERROR, "member_id_card",
		    "%s disagrees with the birth date in id_number",
		    date_fmt(rc->day[M_BIRTH], d));
	if (!rc->ok[M_JOIN])
		return;
	if (rc->day[M_JOIN] > today) {
		problem(rc, M_JOIN, SEV_ERROR, "join_date",
		    "%s is in the future", date_fmt(rc->day[M_JOIN], d));
		return;
	}
	if (rc->ok[M_IDNUM])
		birth = rc->id.birth;
	else if (rc->ok[M_BIRTH])
		birth = rc->day[M_BIRTH];
	else
		return;
	if (age_on(birth, rc->day[M_JOIN]) < 16)
		problem(rc, M_JOIN, SEV_ERROR, "join_date",
		    "%s is before the member's 16th birthday",
		    date_fmt(rc->day[M_JOIN], d));
}

/*
 * aid: what each status needs.  applied: no decision yet (decided,
 * approved, paid_on, paid empty).  rejected: nothing approved or paid
 * (decided may hold the date of the refusal).  approved: decided and
 * approved set, nothing paid.  paid: all four set, paid == approved.
 * Always: approved <= requested; decided not before applied; paid_on
 * not before decided.
 */
static void
rules_aid(struct rowcheck *rc)
{
	static const char *const when[] = { "when status is applied",
		"when status is approved", "when status is rejected",
		"when status is paid" };
	const char *w;
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ];

	if (rc->ok[A_STATUS]) {
		w = when[rc->pick[A_STATUS]];
		if (is(rc, A_STATUS, "applied"))
			must_be_empty(rc, A_DECIDED, w);
		else if (!is(rc, A_STATUS, "rejected"))
			must_be_set(rc, A_DECIDED, w);
		if (is(rc, A_STATUS, "approved") || is(rc, A_STATUS, "paid"))
			must_be_set(rc, A_APPROVED, w);
		else
			must_be_empty(rc, A_APPROVED, w);
		if (is(rc, A_STATUS, "paid")) {
			must_be_set(rc, A_PAIDON, w);
			must_be_set(rc, A_PAID, w);
		} else {
			must_be_empty(rc, A_PAIDON, w);
			must_be_empty(rc, A_PAID, w);
		}
	}
	if (rc->ok[A_PAID] && rc->ok[A_APPROVED] &&
	    rc->num[A_PAID] != rc->num[A_APPROVED])
		problem(rc, A_PAID, SEV_ERROR, "row",
		    "paid %s differs from approved %s",
		    money_fmt(rc->num[A_PAID], a),
		    money_fmt(rc->num[A_APPROVED], b));
	if (rc->ok[A_APPROVED] && rc->ok[A_REQUESTED] &&
	    rc->num[A_APPROVED] > rc->num[A_REQUESTED])
		problem(rc, A_APPROVED, SEV_ERROR, "row",
		    "approved %s is above requested %s",
		    money_fmt(rc->num[A_APPROVED], a),
		    money_fmt(rc->num[A_REQUESTED], b));
	not_before(rc, A_DECIDED, A_APPLIED);
	not_before(rc, A_PAIDON, A_DECIDED);
}

/*
 * cases: closed and outcome are set together, exactly when the status
 * is closed; a case is not closed before it was opened.
 */
static void
rules_cases(struct rowcheck *rc)
{
	if (is(rc, C_STATUS, "closed")) {
		must_be_set(rc, C_CLOSED, "when status is closed");
		must_be_set(rc, C_OUTCOME, "when status is closed");
	} else if (rc->ok[C_STATUS]) {
		must_be_empty(rc, C_CLOSED, "unless status is closed");
		must_be_empty(rc, C_OUTCOME, "unless status is closed");
	}
	not_before(rc, C_CLOSED, C_OPENED);
}

/*
 * schema_check_row: every column's rule, then the file's in-row rules,
 * each problem reported once through report(arg, column, severity,
 * rule, message); a value that breaks its column's rule is left out of
 * the in-row rules that need it.  Rules (stable names): "field" (empty
 * where CR_NONEMPTY, or an invalid value), "uscc_override" (a warning:
 * a credit code whose only fault is its check character),
 * "member_id_card", "join_date", "row".  The message may follow
 * "FILE:LINE: COLUMN: " and is valid only during the call.  No
 * allocation.  Returns the number of errors reported.
 */
int
schema_check_row(const struct binding *b, const struct field *f,
    int32_t today, problem_fn report, void *arg)
{
	struct rowcheck rc;
	size_t i, n = b->s->ncols < MAXCOLS ? b->s->ncols : MAXCOLS;

	rc.b = b;
	rc.report = report;
	rc.arg = arg;
	rc.nerrors = 0;
	for (i = 0; i < n; i++) {
		rc.v[i] = value(b, f, i);
		rc.ok[i] = 0;
		check_field(&rc, i);
	}
	if (b->s == &schema_unions)
		rules_unions(&rc);
	else if (b->s == &schema_members)
		rules_members(&rc, today);
	else if (b->s == &schema_aid)
		rules_aid(&rc);
	else if (b->s == &schema_cases)
		rules_cases(&rc);
	return rc.nerrors;
}
