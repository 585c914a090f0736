#!/bin/sh
# t2020-aid-decide.sh - union-aid approve and reject: the moves allowed,
# the amount against the request, the annual cap and the budget at
# decision time, batches from standard input and from list.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

# Six applications: three open for winter_warmth (budget 2000.00, cap
# 1500.00), one rejected, one paid, one approved.
decide_fixture() {
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF
	A00000001,M0000001,winter_warmth,2026-06-01,800.00,applied,,,,,,,
	A00000002,M0000005,winter_warmth,2026-06-02,1000.00,applied,,,,,,,煤气费
	A00000003,M0000006,winter_warmth,2026-06-03,900.00,applied,,,,,,,
	A00000004,M0000002,medical_mutual,2026-05-01,5000.00,rejected,2026-05-05,,,,王芳,,rejected: 材料不全
	A00000005,M0000001,hardship_relief,2026-01-10,500.00,paid,2026-01-12,500.00,2026-01-15,500.00,王芳,2026-01,
	A00000006,M0000006,medical_mutual,2026-06-01,3000.00,approved,2026-06-02,3000.00,,,王芳,,
	EOF
}

test_case 'approve: the amount requested, today, the reviewer; one row changed' '
	decide_fixture &&
	cp d/aid.csv before &&
	ua approve A00000001 --by 王芳 >out 2>err &&
	test_cmp_text out "$AID_HEADER
A00000001,M0000001,winter_warmth,2026-06-01,800.00,approved,2026-06-15,800.00,,,王芳,," &&
	empty err &&
	sed "s/^A00000001,.*/A00000001,M0000001,winter_warmth,2026-06-01,800.00,approved,2026-06-15,800.00,,,王芳,,/" before >expect &&
	test_cmp expect d/aid.csv
'

test_case 'approve --amount: less than requested' '
	decide_fixture &&
	ua approve A00000001 --amount 600 >out &&
	test_cmp_text out "$AID_HEADER
A00000001,M0000001,winter_warmth,2026-06-01,800.00,approved,2026-06-15,600.00,,,tester,,"
'

test_case 'approve is journaled with the reviewer and the amounts' '
	decide_fixture &&
	ua approve A00000001 --amount 600 --by 王芳 >/dev/null &&
	tail -n 1 d/journal.csv | cut -d, -f3-8 >actual &&
	test_cmp_text actual "王芳,union-aid,approve,aid.csv,A00000001,approved 600.00 of 800.00 requested"
'

test_case 'refused: approve more than requested' '
	decide_fixture &&
	refuses "union-aid: 800.01 is above the 800.00 requested by A00000001" \
	    approve A00000001 --amount 800.01
'

test_case 'refused: approve an application that does not exist' '
	decide_fixture &&
	refuses "union-aid: application A00000099 not found" approve A00000099
'

test_case 'refused: approve what is already approved, rejected or paid' '
	decide_fixture &&
	refuses "union-aid: application A00000006 is already approved" approve A00000006 &&
	refuses "union-aid: application A00000004 is already rejected" approve A00000004 &&
	refuses "union-aid: application A00000005 is already paid" approve A00000005
'

test_case 'refused: approval beyond the budget says what is left' '
	decide_fixture &&
	ua approve A00000001 A00000002 >/dev/null &&
	refuses "union-aid: 900.00 is more than the 200.00 left of programme winter_warmth'\''s 2026 budget 2000.00" \
	    approve A00000003 &&
	ua approve A00000003 --amount 200 >out &&
	test_grep "^A00000003,.*,approved,2026-06-15,200.00," out &&
	refuses "union-aid: application A00000003 is already approved" approve A00000003
'

test_case 'paid awards count against the budget as approved ones do' '
	decide_fixture &&
	echo "A00000007,M0000005,winter_warmth,2026-01-05,1000.00,paid,2026-01-06,1000.00,2026-01-07,1000.00,王芳,," >>d/aid.csv &&
	echo "A00000008,M0000006,winter_warmth,2026-01-05,900.00,approved,2026-01-06,900.00,,,王芳,," >>d/aid.csv &&
	refuses "union-aid: 800.00 is more than the 100.00 left of programme winter_warmth'\''s 2026 budget 2000.00" \
	    approve A00000001
'

test_case 'refused: the annual cap is checked again at decision time' '
	decide_fixture &&
	echo "A00000007,M0000001,winter_warmth,2026-02-01,1000.00,paid,2026-02-02,1000.00,2026-02-03,1000.00,王芳,," >>d/aid.csv &&
	refuses "union-aid: 800.00 on top of the 1000.00 awarded to member M0000001 by programme winter_warmth in 2026 is above the annual_cap 1500.00" \
	    approve A00000001 &&
	ua approve A00000001 --amount 500 >out &&
	test_grep "^A00000001,.*,approved,2026-06-15,500.00," out
'

test_case 'refused: a programme that has gone from programs.csv' '
	decide_fixture &&
	echo "A00000007,M0000001,old_relief,2026-06-01,100.00,applied,,,,,,," >>d/aid.csv &&
	refuses "union-aid: application A00000007: programme old_relief not found" approve A00000007
'

test_case 'refused: a decision dated before the application' '
	decide_fixture &&
	AS_OF=2026-06-02 &&
	refuses "union-aid: application A00000003 is dated 2026-06-03, after the decision date 2026-06-02" \
	    approve A00000003
'

test_case 'usage: --amount must be money above nothing' '
	decide_fixture &&
	usage_fails "union-aid: --amount: the amount must be more than 0.00" \
	    "union-aid: see '\''union-aid --help'\''" approve A00000001 --amount 0 &&
	usage_fails "union-aid: --amount: '\''12.345'\'': more than two decimals" \
	    "union-aid: see '\''union-aid --help'\''" approve A00000001 --amount 12.345
'

# ---- batches ----

test_case 'approve a batch from standard input: each judged on its own' '
	decide_fixture &&
	printf "%s\n" aid_id A00000001 A00000002 A00000003 >ids &&
	snapshot &&
	test_status 1 ua approve - <ids >out 2>err &&
	test_cmp_text out "$AID_HEADER
A00000001,M0000001,winter_warmth,2026-06-01,800.00,approved,2026-06-15,800.00,,,tester,,
A00000002,M0000005,winter_warmth,2026-06-02,1000.00,approved,2026-06-15,1000.00,,,tester,,煤气费" &&
	test_cmp_text err "union-aid: <stdin>:4: aid_id: 900.00 is more than the 200.00 left of programme winter_warmth'\''s 2026 budget 2000.00" &&
	test_grep "^A00000003,.*,applied," d/aid.csv
'

test_case 'approve a batch --all-or-nothing: one refusal, nothing approved' '
	decide_fixture &&
	printf "%s\n" aid_id A00000001 A00000002 A00000003 >ids &&
	refuses "union-aid: <stdin>:4: aid_id: 900.00 is more than the 200.00 left of programme winter_warmth'\''s 2026 budget 2000.00
union-aid: 1 of 3 refused: nothing done" approve --all-or-nothing - <ids
'

test_case 'list | approve: a round approved at a flat amount' '
	decide_fixture &&
	ua list --status applied --program winter_warmth | ua approve --amount 500 - >out 2>err &&
	empty err &&
	cut -d, -f1,6,8 out >actual &&
	test_cmp_text actual "aid_id,status,approved
A00000001,approved,500.00
A00000002,approved,500.00
A00000003,approved,500.00" &&
	ua programs | grep "^winter_warmth," | cut -d, -f9- >actual &&
	test_cmp_text actual "2026,1500.00,0.00,500.00"
'

test_case 'the same ID twice in a batch: approved once, then refused' '
	decide_fixture &&
	printf "%s\n" aid_id A00000001 A00000001 | test_status 1 ua approve >out 2>err &&
	test_cmp_text err "union-aid: <stdin>:3: aid_id: application A00000001 is already approved" &&
	test $(grep -c "^A00000001," out) -eq 1
'

test_case 'IDs and files may be mixed as operands' '
	decide_fixture &&
	printf "%s\n" "aid_id,who" "A00000002,x" >ids.csv &&
	ua approve A00000001 ids.csv --amount 100 >out &&
	cut -d, -f1 out >actual &&
	test_cmp_text actual "aid_id
A00000001
A00000002"
'

test_case 'a batch without an aid_id column is unreadable input: exit 2' '
	decide_fixture &&
	snapshot &&
	printf "%s\n" id A00000001 | test_status 2 ua approve - >out 2>err &&
	test_cmp_text err "union-aid: <stdin>:1: aid_id: required column missing" &&
	untouched
'

test_case 'an empty aid_id in a batch is refused by its line' '
	decide_fixture &&
	printf "%s\n" "aid_id,x" ",1" "A00000001,2" | test_status 1 ua approve - >out 2>err &&
	test_cmp_text err "union-aid: <stdin>:2: aid_id: empty" &&
	test_grep "^A00000001,.*,approved," out
'

test_case 'the reviewed spreadsheet of union-aid(1): only the rows marked yes' '
	decide_fixture &&
	printf "%s\n" aid_id,ok A00000001,yes A00000002,no A00000003,yes >reviewed.csv &&
	mlr --csv filter "\$ok == \"yes\"" reviewed.csv |
	    ua approve --all-or-nothing --by 王芳 --amount 500 - >out &&
	cut -d, -f1,6 out >actual &&
	test_cmp_text actual "aid_id,status
A00000001,approved
A00000003,approved"
'

# ---- reject ----

test_case 'reject: the reason goes to the note and the journal' '
	decide_fixture &&
	ua reject A00000003 --reason "材料不全" --by 王芳 >out 2>err &&
	test_cmp_text out "$AID_HEADER
A00000003,M0000006,winter_warmth,2026-06-03,900.00,rejected,2026-06-15,,,,王芳,,rejected: 材料不全" &&
	empty err &&
	tail -n 1 d/journal.csv | cut -d, -f3-8 >actual &&
	test_cmp_text actual "王芳,union-aid,reject,aid.csv,A00000003,rejected: 材料不全"
'

test_case 'reject keeps the note there was' '
	decide_fixture &&
	ua reject A00000002 -r "duplicate of A00000001" >out &&
	test_grep ",rejected,2026-06-15,,,,tester,,煤气费; rejected: duplicate of A00000001$" out
'

test_case 'refused: reject what is already decided' '
	decide_fixture &&
	refuses "union-aid: application A00000006 is already approved" reject A00000006 -r x &&
	refuses "union-aid: application A00000005 is already paid" reject A00000005 -r x &&
	refuses "union-aid: application A00000004 is already rejected" reject A00000004 -r x
'

test_case 'usage: reject needs a reason' '
	decide_fixture &&
	usage_fails "union-aid: reject needs --reason" \
	    "union-aid: see '\''union-aid --help'\''" reject A00000001
'

test_case 'a rejected application no longer blocks a new one' '
	decide_fixture &&
	ua reject A00000003 -r x >/dev/null &&
	ua apply -m M0000006 -p winter_warmth -a 100 >out &&
	test_grep "^A00000007,M0000006,winter_warmth," out
'

test_done
