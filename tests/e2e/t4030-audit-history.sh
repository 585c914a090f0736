#!/bin/sh
# union-audit, rectification: findings followed night after night in
# audit-history.csv (new, still open with the oldest's age, fixed), and
# union-audit open listing the open ones with their age.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t4001-audit-fixture.sh"

HHEAD="check,file,key,union_id,severity,first_seen,last_seen,status,message"

# night DATE [ARGS]: one nightly run (hand edits are not journal_state
# findings here: t4020 covers those): its summary into sum, its exit
# status into rc (night itself fails only on a crash or trouble).
night() {
	day=$1; shift
	union-audit -D d --as-of "$day" --skip journal_state "$@" >out 2>err
	rc=$?
	no_time err >sum
	[ $rc -le 1 ]
}

pay_short() { sed -i "s/,2026-01-15,800.00,/,2026-01-15,700.00,/" d/aid.csv; }
wrong_gender() { sed -i "s/^\(M00000003,王五,320803198503030038,\)M/\1F/" d/members.csv; }
right_gender() { sed -i "s/^\(M00000003,王五,320803198503030038,\)F/\1M/" d/members.csv; }

test_case 'a clean first night starts an empty history' '
	audit_fixture d &&
	night 2026-06-01 && test $rc -eq 0 &&
	test_cmp_text d/audit-history.csv "$HHEAD" &&
	printf "%s\n" "union-audit: read 7 files, 16 rows in T s" \
	    "union-audit: 0 errors, 0 warnings" \
	    "union-audit: 0 new, 0 still open, 0 fixed since the last run" >expect &&
	test_cmp expect sum
'

test_case 'new findings are recorded with their union' '
	audit_fixture d && night 2026-06-01 &&
	pay_short && wrong_gender &&
	night 2026-06-10 && test $rc -eq 1 &&
	cat >expect <<-EOT &&
	$HHEAD
	aid_row,aid.csv,A0000001,U000003,error,2026-06-10,2026-06-10,open,paid: paid 700.00 differs from approved 800.00
	id_mismatch,members.csv,M00000003,U000004,error,2026-06-10,2026-06-10,open,gender: F disagrees with id_number (M)
	EOT
	test_cmp expect d/audit-history.csv &&
	test_grep "^union-audit: 2 new, 0 still open (oldest 0 days), 0 fixed since the last run$" sum
'

test_case 'still open, fixed, and the oldest age' '
	audit_fixture d && night 2026-06-01 &&
	pay_short && wrong_gender && night 2026-06-10 &&
	right_gender &&
	night 2026-06-20 && test $rc -eq 1 &&
	printf "%s\n" "union-audit: read 7 files, 16 rows in T s" \
	    "union-audit: 1 error, 0 warnings: aid_row 1" \
	    "union-audit: 0 new, 1 still open (oldest 10 days), 1 fixed since the last run" >expect &&
	test_cmp expect sum &&
	cat >expect <<-EOT &&
	$HHEAD
	aid_row,aid.csv,A0000001,U000003,error,2026-06-10,2026-06-20,open,paid: paid 700.00 differs from approved 800.00
	id_mismatch,members.csv,M00000003,U000004,error,2026-06-10,2026-06-10,fixed,gender: F disagrees with id_number (M)
	EOT
	test_cmp expect d/audit-history.csv
'

test_case 'a fixed finding that comes back is new again' '
	audit_fixture d && wrong_gender && night 2026-06-10 &&
	right_gender && night 2026-06-11 &&
	wrong_gender && night 2026-06-20 &&
	test_grep "^union-audit: 1 new, 0 still open (oldest 0 days), 0 fixed since the last run$" sum &&
	test_grep "^id_mismatch,members.csv,M00000003,U000004,error,2026-06-20,2026-06-20,open," d/audit-history.csv
'

test_case 'a skipped check does not fix its findings' '
	audit_fixture d && pay_short && night 2026-06-10 &&
	night 2026-06-11 --skip aid_row &&
	test_grep "^union-audit: 0 new, 1 still open (oldest 1 day), 0 fixed since the last run$" sum &&
	test_grep "^aid_row,.*,2026-06-10,2026-06-10,open," d/audit-history.csv
'

test_case 'findings of a file that cannot be read are not fixed' '
	audit_fixture d && pay_short && night 2026-06-10 &&
	(cd d && sed -i 1s/,note\$/,nota/ aid.csv) &&
	night 2026-06-11 &&
	test_grep "^union-audit: 1 new, 1 still open (oldest 1 day), 0 fixed since the last run$" sum &&
	test_grep "^aid_row,.*,open," d/audit-history.csv &&
	test_grep "^header,aid.csv,line 1,,error,2026-06-11,2026-06-11,open,required column note missing$" d/audit-history.csv
'

test_case '--no-history leaves the history alone' '
	audit_fixture d && pay_short && night 2026-06-10 &&
	cp d/audit-history.csv before &&
	night 2026-06-11 --no-history &&
	cmp before d/audit-history.csv &&
	test_cmp_text sum "union-audit: read 7 files, 16 rows in T s
union-audit: 1 error, 0 warnings: aid_row 1"
'

test_case 'the history is written through the journal' '
	audit_fixture d && night 2026-06-10 &&
	tail -n 1 d/journal.csv >j &&
	test_grep "^7,[^,]*,tester,union-audit,history,audit-history.csv,,\"0 new, 0 still open, 0 fixed\"," j
'

test_case 'open: the open findings, oldest first, with their age' '
	audit_fixture d && pay_short && night 2026-06-10 &&
	wrong_gender && night 2026-06-20 &&
	test_status 0 union-audit open -D d --as-of 2026-06-30 >out 2>err &&
	cat >expect <<-\EOT &&
	severity,check,file,key,union_id,first_seen,last_seen,age_days,message
	error,aid_row,aid.csv,A0000001,U000003,2026-06-10,2026-06-20,20,paid: paid 700.00 differs from approved 800.00
	error,id_mismatch,members.csv,M00000003,U000004,2026-06-20,2026-06-20,10,gender: F disagrees with id_number (M)
	EOT
	test_cmp expect out && test ! -s err
'

test_case 'open --older-than DAYS' '
	audit_fixture d && pay_short && night 2026-06-10 &&
	wrong_gender && night 2026-06-20 &&
	union-audit open -D d --as-of 2026-06-30 --older-than 11 >out &&
	cut -d, -f2,8 out >got &&
	printf "%s\n" check,age_days aid_row,20 >expect &&
	test_cmp expect got
'

test_case 'open counts by union with datamash' '
	audit_fixture d && pay_short && wrong_gender && night 2026-06-10 &&
	union-audit open -D d --as-of 2026-06-30 |
	    datamash -t, -H -s -g 5 count 1 >out &&
	printf "%s\n" "GroupBy(union_id),count(severity)" U000003,1 U000004,1 >expect &&
	test_cmp expect out
'

test_case 'open without a history lists nothing' '
	audit_fixture d &&
	test_status 0 union-audit open -D d >out &&
	test_cmp_text out "severity,check,file,key,union_id,first_seen,last_seen,age_days,message"
'

test_case 'open in json' '
	audit_fixture d && pay_short && night 2026-06-10 &&
	union-audit open -D d --as-of 2026-06-12 --format jsonl >out &&
	test_cmp_text out "{\"severity\":\"error\",\"check\":\"aid_row\",\"file\":\"aid.csv\",\"key\":\"A0000001\",\"union_id\":\"U000003\",\"first_seen\":\"2026-06-10\",\"last_seen\":\"2026-06-10\",\"age_days\":2,\"message\":\"paid: paid 700.00 differs from approved 800.00\"}"
'

test_done
