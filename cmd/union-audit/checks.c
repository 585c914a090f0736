/*
 * checks.c - the table of checks: stable names, severities, and the
 * one-line explanations --list-checks prints; choosing them.
 */
#include <string.h>

#include "audit.h"

const struct check checks[NCHECK] = {
	[CK_MISSING_FILE] = { "missing_file", SEV_ERROR,
	    "a file of the data directory is missing" },
	[CK_UNREADABLE] = { "unreadable", SEV_ERROR,
	    "a file cannot be read as a table (empty, no header, I/O error)" },
	[CK_HEADER] = { "header", SEV_ERROR,
	    "a required column is missing, or a column name repeats" },
	[CK_MALFORMED_RECORD] = { "malformed_record", SEV_ERROR,
	    "a record's field count differs from the header's, or it is "
	    "not well-formed CSV or UTF-8" },
	[CK_TORN_LINE] = { "torn_line", SEV_ERROR,
	    "the file does not end in a newline (a write cut short)" },
	[CK_FIELD] = { "field", SEV_ERROR,
	    "a value breaks its column's rule (ID and credit-code checksums, "
	    "phone, date, money, enumeration, required)" },
	[CK_USCC_OVERRIDE] = { "uscc_override", SEV_WARNING,
	    "a credit code whose only fault is its check character "
	    "(an overridden pilot code)" },
	[CK_ID_MISMATCH] = { "id_mismatch", SEV_ERROR,
	    "gender or birth_date disagrees with id_number" },
	[CK_UNION_ROW] = { "union_row", SEV_ERROR,
	    "a union breaks a rule between its fields (credit_code for "
	    "grassroots, parent_id empty only for a county, not its own "
	    "parent)" },
	[CK_AID_ROW] = { "aid_row", SEV_ERROR,
	    "an aid record's fields disagree with its status or each other: "
	    "paid without approval, paid differing from approved, approved "
	    "above requested, decided before applied, paid before decided" },
	[CK_CASE_ROW] = { "case_row", SEV_ERROR,
	    "a case closed before it was opened, or closed and outcome not "
	    "set together with status closed" },
	[CK_DUP_KEY] = { "dup_key", SEV_ERROR,
	    "a key (union_id, member_id, credit_code, program, aid_id, "
	    "case_id) appears twice" },
	[CK_DANGLING_REF] = { "dangling_ref", SEV_ERROR,
	    "a parent_id, union_id, member_id or program names no record" },
	[CK_UNION_CYCLE] = { "union_cycle", SEV_ERROR,
	    "the union hierarchy has a cycle" },
	[CK_LEVEL_CHAIN] = { "level_chain", SEV_ERROR,
	    "a grassroots union's chain of parents does not reach a county "
	    "union" },
	[CK_DUP_ACTIVE_PERSON] = { "dup_active_person", SEV_ERROR,
	    "one person (id_number) has more than one active or retained "
	    "membership" },
	[CK_MEMBER_OF_DISSOLVED] = { "member_of_dissolved", SEV_ERROR,
	    "an active member belongs to a dissolved union" },
	[CK_JOIN_DATE] = { "join_date", SEV_ERROR,
	    "a join date in the future or before the member turned 16" },
	[CK_AID_STATE_MOVE] = { "aid_state_move", SEV_ERROR,
	    "an aid status moved in a way DESIGN.md does not allow since the "
	    "last archive" },
	[CK_AID_OVER_MAX_AWARD] = { "aid_over_max_award", SEV_ERROR,
	    "an award above its programme's max_award" },
	[CK_AID_OVER_ANNUAL_CAP] = { "aid_over_annual_cap", SEV_ERROR,
	    "a member's awards in a programme in one year above annual_cap" },
	[CK_AID_OVER_BUDGET] = { "aid_over_budget", SEV_ERROR,
	    "a programme's awards in one year above its budget" },
	[CK_AID_NOT_MEMBER] = { "aid_not_member", SEV_ERROR,
	    "aid applied for before the applicant joined, after the "
	    "membership ended, or sooner than min_member_days" },
	[CK_AID_DECIDED_NOT_MEMBER] = { "aid_decided_not_member", SEV_ERROR,
	    "aid approved after the applicant's membership ended (a transfer "
	    "continues it)" },
	[CK_AID_HARDSHIP_REQUIRED] = { "aid_hardship_required", SEV_ERROR,
	    "a requires_hardship programme awarded to a member without "
	    "hardship" },
	[CK_ENTERPRISE_DISSOLVED_UNION] = { "enterprise_dissolved_union",
	    SEV_ERROR, "an enterprise's union_id names a dissolved union" },
	[CK_CASE_STATE_MOVE] = { "case_state_move", SEV_ERROR,
	    "a case status moved in a way DESIGN.md does not allow since the "
	    "last archive" },
	[CK_JOURNAL_CHAIN] = { "journal_chain", SEV_ERROR,
	    "the journal's hash chain or sequence is broken (an entry "
	    "edited, deleted or reordered)" },
	[CK_JOURNAL_STATE] = { "journal_state", SEV_ERROR,
	    "a file differs from the journal's last recorded state (changed "
	    "behind the tools' back)" },
	[CK_JOURNAL_UNTRACKED] = { "journal_untracked", SEV_WARNING,
	    "a data file the journal has no entry for" },
};

int
check_by_name(const char *name, size_t n)
{
	int i;

	for (i = 0; i < NCHECK; i++)
		if (streqn(name, n, checks[i].name))
			return i;
	return -1;
}

int
checks_select(unsigned char enabled[NCHECK], const char *list, int only)
{
	const char *p = list, *comma;
	int i, id;

	if (only)
		for (i = 0; i < NCHECK; i++)
			enabled[i] = 0;
	for (;;) {
		size_t n;

		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if ((id = check_by_name(p, n)) < 0) {
			warnmsg("unknown check '%.*s' (see --list-checks)",
			    (int)n, p);
			return -1;
		}
		enabled[id] = only;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

const char *
severity_name(enum severity sev)
{
	return sev == SEV_ERROR ? "error" : "warning";
}

void
checks_list(struct out *o)
{
	static const char *const head[] = { "check", "severity",
	    "description" };
	const char *v[3];
	int i;

	out_header(o, 3, head);
	for (i = 0; i < NCHECK; i++) {
		v[0] = checks[i].name;
		v[1] = severity_name(checks[i].sev);
		v[2] = checks[i].help;
		out_row(o, 3, v);
	}
}
