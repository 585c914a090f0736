#!/bin/sh
# t2025-aid-approve-recheck.sh - union-aid approve judges again, at
# decision time, what apply judged: the programme still active, the
# applicant still a member (active or retained; after a transfer, the
# same person's membership in the new union).  pay does not: an
# approved award is owed.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

# aid_fixture, plus 周九 (M0000007 transferred to U05 as M0000008) and
# 吴十 (M0000009 transferred to U05 as M0000010, who has since left),
# and open applications made while each was a member.
recheck_fixture() {
	aid_fixture d &&
	cat >>d/members.csv <<-\EOF &&
	M0000007,周九,320803198203030714,M,1982-03-03,,U03,东风机械厂,regular,2019-01-01,transferred,5000.00,deep
	M0000008,周九,320803198203030714,M,1982-03-03,,U05,县医院,regular,2026-03-01,active,5000.00,deep
	M0000009,吴十,320803198808080829,F,1988-08-08,,U03,东风机械厂,regular,2019-01-01,transferred,5000.00,deep
	M0000010,吴十,320803198808080829,F,1988-08-08,,U05,县医院,regular,2026-03-01,left,5000.00,deep
	EOF
	cat >>d/aid.csv <<-\EOF
	A00000001,M0000001,school_aid,2026-06-01,300.00,applied,,,,,,,
	A00000002,M0000004,hardship_relief,2026-03-01,200.00,applied,,,,,,,
	A00000003,M0000007,hardship_relief,2026-02-01,200.00,applied,,,,,,,
	A00000004,M0000009,hardship_relief,2026-02-01,200.00,applied,,,,,,,
	A00000005,M0000002,medical_mutual,2026-06-01,1000.00,applied,,,,,,,
	A00000006,M0000005,hardship_relief,2026-06-01,300.00,applied,,,,,,,
	A00000007,M0000099,hardship_relief,2026-06-01,100.00,applied,,,,,,,
	A00000008,M0000004,hardship_relief,2026-02-01,200.00,approved,2026-02-05,200.00,,,王芳,,
	EOF
}

# close PROGRAMME: active=no in programs.csv, as data staff would.
close() {
	sed "s/^\($1,.*\),yes\$/\1,no/" d/programs.csv >p.tmp &&
	mv p.tmp d/programs.csv
}

test_case 'approve: an open programme and a current member' '
	recheck_fixture &&
	ua approve A00000001 >out &&
	test_cmp_text out "$AID_HEADER
A00000001,M0000001,school_aid,2026-06-01,300.00,approved,2026-06-15,300.00,,,tester,,"
'

test_case 'refused: a programme closed since the application' '
	recheck_fixture &&
	close school_aid &&
	grep -q "^school_aid,.*,no$" d/programs.csv &&
	refuses "union-aid: application A00000001: programme school_aid is not active" \
	    approve A00000001
'

test_case 'refused: a member who left since applying' '
	recheck_fixture &&
	refuses "union-aid: application A00000002: member M0000004 is left, not active or retained" \
	    approve A00000002
'

test_case 'refused: a member who died since applying' '
	recheck_fixture &&
	sed "s/,active,7000.00,accidental$/,deceased,7000.00,accidental/" d/members.csv >m.tmp &&
	mv m.tmp d/members.csv &&
	echo "A00000009,M0000006,hardship_relief,2026-06-01,100.00,applied,,,,,,," >>d/aid.csv &&
	refuses "union-aid: application A00000009: member M0000006 is deceased, not active or retained" \
	    approve A00000009
'

test_case 'refused: a member no longer in members.csv' '
	recheck_fixture &&
	refuses "union-aid: application A00000007: member M0000099 not found" \
	    approve A00000007
'

test_case 'approve: a member who transferred is still a member (the new row)' '
	recheck_fixture &&
	ua approve A00000003 >out 2>err &&
	empty err &&
	test_cmp_text out "$AID_HEADER
A00000003,M0000007,hardship_relief,2026-02-01,200.00,approved,2026-06-15,200.00,,,tester,,"
'

test_case 'refused: transferred, and left the new union since' '
	recheck_fixture &&
	refuses "union-aid: application A00000004: member M0000009 is transferred, not active or retained" \
	    approve A00000004
'

test_case 'apply still names the current membership, not the transferred one' '
	recheck_fixture &&
	refuses "union-aid: member M0000007 is transferred, not active or retained" \
	    apply -m M0000007 -p hardship_relief -a 100
'

test_case 'reject: an application of a member who left can still be rejected' '
	recheck_fixture &&
	ua reject A00000002 -r "left the union" >out &&
	test_grep "^A00000002,M0000004,.*,rejected,2026-06-15,,,,tester,,rejected: left the union$" out
'

test_case 'pay: an award approved while a member is paid after leaving' '
	recheck_fixture &&
	ua pay A00000008 --voucher 2026-06-009 >out 2>err &&
	empty err &&
	test_cmp_text out "$AID_HEADER
A00000008,M0000004,hardship_relief,2026-02-01,200.00,paid,2026-02-05,200.00,2026-06-15,200.00,王芳,2026-06-009,"
'

test_case 'pay: and when the programme has closed since' '
	recheck_fixture &&
	close hardship_relief &&
	ua pay A00000008 >out &&
	test_grep "^A00000008,.*,paid,2026-02-05,200.00,2026-06-15,200.00," out
'

test_case 'approve a batch: the member who left refused, the others approved' '
	recheck_fixture &&
	printf "%s\n" aid_id A00000005 A00000002 A00000006 >ids &&
	test_status 1 ua approve - <ids >out 2>err &&
	test_cmp_text out "$AID_HEADER
A00000005,M0000002,medical_mutual,2026-06-01,1000.00,approved,2026-06-15,1000.00,,,tester,,
A00000006,M0000005,hardship_relief,2026-06-01,300.00,approved,2026-06-15,300.00,,,tester,," &&
	test_cmp_text err "union-aid: <stdin>:3: aid_id: application A00000002: member M0000004 is left, not active or retained" &&
	test_grep "^A00000002,M0000004,hardship_relief,2026-03-01,200.00,applied,,,,,,,$" d/aid.csv
'

test_case 'approve a batch --all-or-nothing: a closed programme, nothing approved' '
	recheck_fixture &&
	close school_aid &&
	printf "%s\n" aid_id A00000005 A00000001 A00000006 A00000003 >ids &&
	refuses "union-aid: <stdin>:3: aid_id: application A00000001: programme school_aid is not active
union-aid: 1 of 4 refused: nothing done" approve --all-or-nothing - <ids
'

test_done
