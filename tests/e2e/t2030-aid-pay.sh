#!/bin/sh
# t2030-aid-pay.sh - union-aid pay: only approved applications, the amount
# approved, once; the month-end round as a pipeline; two payment runs at
# the same moment.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

pay_fixture() {
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF
	A00000001,M0000001,winter_warmth,2026-06-01,800.00,approved,2026-06-02,600.00,,,王芳,,
	A00000002,M0000005,winter_warmth,2026-06-02,1000.00,approved,2026-06-03,1000.00,,,王芳,,
	A00000003,M0000006,winter_warmth,2026-06-03,900.00,applied,,,,,,,
	A00000004,M0000002,medical_mutual,2026-05-01,5000.00,rejected,2026-05-05,,,,王芳,,rejected: 材料不全
	A00000005,M0000001,hardship_relief,2026-01-10,500.00,paid,2026-01-12,500.00,2026-01-15,500.00,王芳,2026-01,
	A00000006,M0000006,medical_mutual,2026-06-10,3000.00,approved,2026-06-12,3000.00,,,王芳,,
	EOF
}

test_case 'pay: the amount approved, today, the voucher' '
	pay_fixture &&
	ua pay A00000001 --voucher 2026-06-001 >out 2>err &&
	test_cmp_text out "$AID_HEADER
A00000001,M0000001,winter_warmth,2026-06-01,800.00,paid,2026-06-02,600.00,2026-06-15,600.00,王芳,2026-06-001," &&
	empty err &&
	grep "^A00000001," d/aid.csv >actual && tail -n 1 out >expect &&
	test_cmp expect actual &&
	tail -n 1 d/journal.csv | cut -d, -f3-7 >actual &&
	test_cmp_text actual "tester,union-aid,pay,aid.csv,A00000001" &&
	tail -n 1 d/journal.csv | cut -d"\"" -f2 >actual &&
	test_cmp_text actual "paid 600.00 on 2026-06-15, voucher 2026-06-001"
'

test_case 'pay --date: a payment day in the past' '
	pay_fixture &&
	ua pay A00000002 --date 2026-06-10 >out &&
	test_grep "^A00000002,.*,paid,2026-06-03,1000.00,2026-06-10,1000.00,王芳,,$" out
'

test_case 'refused: paying twice' '
	pay_fixture &&
	ua pay A00000001 >/dev/null &&
	refuses "union-aid: application A00000001 is already paid" pay A00000001
'

test_case 'refused: paying what is not approved' '
	pay_fixture &&
	refuses "union-aid: application A00000003 is not approved yet" pay A00000003 &&
	refuses "union-aid: application A00000004 is rejected: only approved applications are paid" pay A00000004 &&
	refuses "union-aid: application A00000009 not found" pay A00000009
'

test_case 'refused: a payment dated before the approval' '
	pay_fixture &&
	refuses "union-aid: payment date 2026-06-11 is before A00000006 was approved on 2026-06-12" \
	    pay A00000006 --date 2026-06-11 &&
	ua pay A00000006 --date 2026-06-12 >out &&
	test_grep ",paid,2026-06-12,3000.00,2026-06-12,3000.00," out
'

test_case 'usage: a payment date in the future' '
	pay_fixture &&
	usage_fails "union-aid: --date: 2026-06-16 is in the future" \
	    "union-aid: see '\''union-aid --help'\''" pay A00000001 --date 2026-06-16
'

test_case 'the month-end round: list the approved, pay them all under one voucher' '
	pay_fixture &&
	ua list --status approved --program winter_warmth |
	    ua pay --voucher 2026-06 - >out 2>err &&
	empty err &&
	cut -d, -f1,6,9-12 out >actual &&
	test_cmp_text actual "aid_id,status,paid_on,paid,reviewer,voucher
A00000001,paid,2026-06-15,600.00,王芳,2026-06
A00000002,paid,2026-06-15,1000.00,王芳,2026-06" &&
	ua list --status approved | cut -d, -f1 >actual &&
	test_cmp_text actual "aid_id
A00000006"
'

test_case 'pay a batch --all-or-nothing: one not approved, nothing paid' '
	pay_fixture &&
	printf "%s\n" aid_id A00000001 A00000003 >ids &&
	refuses "union-aid: ids:3: aid_id: application A00000003 is not approved yet
union-aid: 1 of 2 refused: nothing done" pay --all-or-nothing ids
'

test_case 'pay a batch without --all-or-nothing: the good ones are paid' '
	pay_fixture &&
	printf "%s\n" aid_id A00000001 A00000003 >ids &&
	test_status 1 ua pay ids >out 2>err &&
	test_cmp_text err "union-aid: ids:3: aid_id: application A00000003 is not approved yet" &&
	cut -d, -f1,6 out >actual &&
	test_cmp_text actual "aid_id,status
A00000001,paid"
'

# Two payment runs started together over the same 400 approved
# applications: each application is paid exactly once, by one of them,
# and the other says it was already paid.
test_case 'two payers at once pay each application exactly once' '
	aid_fixture d &&
	awk "BEGIN { for (i = 1; i <= 400; i++)
	    printf \"A%08d,M0000001,hardship_relief,2026-01-01,10.00,approved,2026-01-02,10.00,,,王芳,,\n\", i }" >>d/aid.csv &&
	ua list --status approved >round.csv &&
	tail -n +2 round.csv | cut -d, -f1 | sort >want || exit 1
	ua pay --voucher first round.csv >out1 2>err1 &
	ua pay --voucher second round.csv >out2 2>err2 &
	wait
	for p in 1 2; do
		tail -n +2 out$p | cut -d, -f1 >paid$p &&
		sed -n "s/^union-aid: round.csv:[0-9]*: aid_id: application \(A[0-9]*\) is already paid$/\1/p" \
		    err$p >refused$p &&
		test $(wc -l <refused$p) -eq $(wc -l <err$p) &&
		sort paid$p refused$p >seen$p &&
		test_cmp want seen$p || exit 1
	done &&
	sort paid1 paid2 >paid && test_cmp want paid &&
	test $(grep -c "^A[0-9]*,M0000001,hardship_relief,2026-01-01,10.00,paid,2026-01-02,10.00,2026-06-15,10.00," d/aid.csv) -eq 400 &&
	test $(grep -c ",union-aid,pay,aid.csv," d/journal.csv) -eq 400 &&
	awk -F, "\$12 == \"first\" || \$12 == \"second\"" d/aid.csv | wc -l >n &&
	test_cmp_text n 400
'

test_case 'pay --help' '
	ua pay --help >out &&
	test_grep "^usage: union-aid pay \[--date D\] \[--voucher REF\]" out
'

test_done
