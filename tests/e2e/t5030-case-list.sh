#!/bin/sh
# t5030-case-list.sh - union-aid case list: filters, days open, the old
# open cases a director asks about, masking.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

HEAD="$CASE_HEADER,days"
C1='C0000001,case,M*******,U03,wage_arrears,visit,2026-03-01,open,,,李律师,***,106'
C2='C0000002,consultation,,U05,other,phone,2026-06-10,open,,,李律师,***,5'
C3='C0000003,case,M*******,U05,work_injury,referral,2026-01-10,mediating,,,王律师,***,156'
C4='C0000004,case,M*******,U03,dismissal,visit,2026-02-01,closed,2026-04-01,resolved,王律师,***,59'
C5='C0000005,consultation,M*******,U02,social_insurance,online,2026-05-20,closed,2026-05-20,resolved,李律师,,0'

test_case 'case list: every case, members and summaries masked, days open' '
	cases_fixture &&
	ua case list >out 2>err &&
	test_cmp_text out "$HEAD
$C1
$C2
$C3
$C4
$C5" &&
	empty err
'

test_case 'case list --show-pii: as filed, with the days' '
	cases_fixture &&
	ua case list --show-pii >out &&
	cut -d, -f1-12 out >actual &&
	test_cmp d/cases.csv actual
'

test_case 'case list --older-than: open cases older than N days only' '
	cases_fixture &&
	ua case list --older-than 100 >out && test_cmp_text out "$HEAD
$C1
$C3" &&
	ua case list --older-than 106 >out && test_cmp_text out "$HEAD
$C3" &&
	ua case list --older-than 0 >out && test_cmp_text out "$HEAD
$C1
$C2
$C3"
'

test_case 'case list --status, --type, --kind, --since' '
	cases_fixture &&
	ua case list --status closed >out && test_cmp_text out "$HEAD
$C4
$C5" &&
	ua case list --type consultation >out && test_cmp_text out "$HEAD
$C2
$C5" &&
	ua case list --kind work_injury >out && test_cmp_text out "$HEAD
$C3" &&
	ua case list --since 2026-05-20 >out && test_cmp_text out "$HEAD
$C2
$C5"
'

test_case 'case list --union: the union and those under it' '
	cases_fixture &&
	ua case list --union U02 >out && test_cmp_text out "$HEAD
$C1
$C4
$C5" &&
	ua case list --union U05 >out && test_cmp_text out "$HEAD
$C2
$C3" &&
	test_status 2 ua case list --union U77 >out 2>err &&
	test_cmp_text err "union-aid: union U77 not found"
'

test_case 'no case listing format shows a summary or a member_id' '
	cases_fixture &&
	for f in csv tsv table json jsonl html; do
		ua case list --format $f >out.$f || exit 1
		test_no_grep "欠薪三个月\|工伤认定\|M0000001\|M0000006" out.$f || exit 1
	done
'

test_case 'usage: unknown status, type or kind; a bad --since; a bad --older-than' '
	cases_fixture &&
	usage_fails "union-aid: --status: '\''pending'\'': not one of open, mediating, closed" \
	    "union-aid: see '\''union-aid --help'\''" case list --status pending &&
	usage_fails "union-aid: --kind: '\''theft'\'': not one of wage_arrears, labour_contract, work_injury, social_insurance, dismissal, working_hours, other" \
	    "union-aid: see '\''union-aid --help'\''" case list --kind theft &&
	usage_fails "union-aid: --since: '\''2026-6-1'\'': not a YYYY-MM-DD date" \
	    "union-aid: see '\''union-aid --help'\''" case list --since 2026-6-1 &&
	usage_fails "union-aid: --older-than: '\''-3'\'': not a whole number from 0 to 100000" \
	    "union-aid: see '\''union-aid --help'\''" case list --older-than -3
'

test_case 'case list on a directory without cases.csv: the header only' '
	aid_fixture d && rm d/cases.csv &&
	ua case list >out &&
	test_cmp_text out "$HEAD"
'

test_done
