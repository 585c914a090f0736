/*
 * fields.c - every field rule and in-row rule of DESIGN.md, through
 * schema_check_row: the same rules union-enroll and union-aid refuse
 * with.  Each problem becomes a finding of the check its rule names.
 */
#include <string.h>

#include "audit.h"

struct fieldctx {
	struct audit *a;
	const struct row *r;
};

/*
 * check_of_rule: the check that reports a schema rule; the in-row
 * rules ("row") by file.
 */
static enum check_id
check_of_rule(const char *rule, const struct schema *s)
{
	if (strcmp(rule, "uscc_override") == 0)
		return CK_USCC_OVERRIDE;
	if (strcmp(rule, "member_id_card") == 0)
		return CK_ID_MISMATCH;
	if (strcmp(rule, "join_date") == 0)
		return CK_JOIN_DATE;
	if (strcmp(rule, "row") != 0)
		return CK_FIELD;
	if (s == &schema_aid)
		return CK_AID_ROW;
	if (s == &schema_cases)
		return CK_CASE_ROW;
	return CK_UNION_ROW;
}

static void
on_problem(void *arg, const char *column, enum severity sev,
    const char *rule, const char *msg)
{
	struct fieldctx *c = arg;
	const struct row *r = c->r;

	(void)sev;	/* a check's severity is its own, fixed */
	if (column)
		finding(c->a, check_of_rule(rule, r->b->s), r->file, r->line, r->key.s,
		    r->key.len, "%s: %s", column, msg);
	else
		finding(c->a, check_of_rule(rule, r->b->s), r->file, r->line, r->key.s,
		    r->key.len, "%s", msg);
}

void
check_fields(struct audit *a, const struct row *r)
{
	struct fieldctx c = { a, r };

	schema_check_row(r->b, r->f, a->cli.today, on_problem, &c);
}
