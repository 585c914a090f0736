/*
 * cases.c - legal aid and rights cases: unique case_id, member_id and
 * union_id resolving, and status moves since the last archive (open ->
 * mediating -> closed, or open -> closed).  Closed not before opened,
 * closed and outcome set together: schema_check_row's (fields.c).
 */
#include <stdint.h>
#include <string.h>

#include "audit.h"

static struct keyset *case_ids;

#define FIND(a, c, r, ...) finding((a), (c), (r)->file, (r)->line, \
	(r)->key.s, (r)->key.len, __VA_ARGS__)

static void
cases_prepare(struct audit *a, const struct row *r)
{
	a->unit = row_get(r, "union_id").s;
}

static void
check_refs(struct audit *a, const struct row *r)
{
	struct field mid = row_get(r, "member_id");
	struct field uid = row_get(r, "union_id");

	if (a->members && mid.len && member_find(a, mid.s, mid.len) == NULL &&
	    !file_partial(a, "members.csv"))
		FIND(a, CK_DANGLING_REF, r, "member_id %s names no member",
		    mid.s);
	if (a->unions && uid.len && union_find(a, uid.s, uid.len) == NULL &&
	    !file_partial(a, "unions.csv"))
		FIND(a, CK_DANGLING_REF, r, "union_id %s names no union",
		    uid.s);
}

/* case_move_ok: open -> mediating -> closed, or open -> closed. */
static int
case_move_ok(const char *from, const char *to, size_t n)
{
	if (streqn(to, n, from) || strcmp(from, "open") == 0)
		return 1;
	return strcmp(from, "mediating") == 0 && streqn(to, n, "closed");
}

static void
check_move(struct audit *a, const struct row *r)
{
	struct field status = row_get(r, "status");
	const char *was;

	if (enum_index(case_statuses, status.s, status.len) < 0 ||
	    (was = prev_status(a, "cases.csv", r->key.s, r->key.len)) == NULL)
		return;
	if (!case_move_ok(was, status.s, status.len))
		FIND(a, CK_CASE_STATE_MOVE, r, "status moved from %s to %s "
		    "since archive %s", was, status.s, prev_archive_name(a));
}

static void
cases_check(struct audit *a, const struct row *r)
{
	if (case_ids == NULL)
		case_ids = keyset_new("case_id");
	keyset_add(a, case_ids, r);
	check_refs(a, r);
	check_move(a, r);
}

static void
cases_finish(struct audit *a, const char *file)
{
	(void)a;
	(void)file;
	keyset_free(case_ids);
	case_ids = NULL;
}

const struct pass cases_pass = {
	&schema_cases, cases_prepare, cases_check, cases_finish
};
