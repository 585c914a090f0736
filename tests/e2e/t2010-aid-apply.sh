#!/bin/sh
# t2010-aid-apply.sh - union-aid apply: the new row, every reason for a
# refusal, the batch form, --all-or-nothing, the journal.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

test_case 'apply writes the new row with its aid_id and prints it' '
	aid_fixture d &&
	ua apply --member M0000001 --program winter_warmth --amount 800 \
	    --note "heating bill" >out 2>err &&
	test_cmp_text out "$AID_HEADER
A00000001,M0000001,winter_warmth,2026-06-15,800.00,applied,,,,,,,heating bill" &&
	empty err &&
	test_cmp out d/aid.csv
'

test_case 'apply numbers on from the highest aid_id and keeps the date given' '
	aid_fixture d &&
	echo "A00000041,M0000002,medical_mutual,2026-01-05,100.00,rejected,2026-01-06,,,,王芳,,rejected: 重复" >>d/aid.csv &&
	ua apply -m M0000006 -p medical_mutual -a 12000.5 -d 2026-06-01 >out &&
	test_cmp_text out "$AID_HEADER
A00000042,M0000006,medical_mutual,2026-06-01,12000.50,applied,,,,,,,"
'

test_case 'apply records who applied, and for what, in the journal' '
	aid_fixture d &&
	ua apply --member M0000001 --program winter_warmth --amount 800 --by 王芳 >/dev/null &&
	cut -d, -f3-8 d/journal.csv >actual &&
	test_cmp_text actual "user,tool,action,file,key,detail
王芳,union-aid,apply,aid.csv,A00000001,M0000001 applied to winter_warmth for 800.00"
'

test_case 'apply keeps extra columns and the column order of aid.csv' '
	aid_fixture d &&
	printf "%s\n" "note,aid_id,member_id,program,applied,requested,status,decided,approved,paid_on,paid,reviewer,voucher,office" >d/aid.csv &&
	ua apply -m M0000001 -p winter_warmth -a 10 >out &&
	test_cmp_text d/aid.csv "note,aid_id,member_id,program,applied,requested,status,decided,approved,paid_on,paid,reviewer,voucher,office
,A00000001,M0000001,winter_warmth,2026-06-15,10.00,applied,,,,,,," &&
	test_cmp out d/aid.csv
'

test_case 'apply creates aid.csv when the directory has none' '
	aid_fixture d && rm d/aid.csv &&
	ua apply -m M0000001 -p winter_warmth -a 10 >out &&
	test_cmp_text d/aid.csv "$AID_HEADER
A00000001,M0000001,winter_warmth,2026-06-15,10.00,applied,,,,,,,"
'

# ---- every reason for a refusal, one case each ----

test_case 'refused: no such member' '
	aid_fixture d &&
	refuses "union-aid: member M0000999 not found" \
	    apply -m M0000999 -p winter_warmth -a 100
'

test_case 'refused: a member who has left' '
	aid_fixture d &&
	refuses "union-aid: member M0000004 is left, not active or retained" \
	    apply -m M0000004 -p winter_warmth -a 100
'

test_case 'a retained member may apply' '
	aid_fixture d &&
	ua apply -m M0000005 -p winter_warmth -a 100 >out &&
	test_grep "^A00000001,M0000005,winter_warmth," out
'

test_case 'refused: no such programme' '
	aid_fixture d &&
	refuses "union-aid: programme nosuch not found" \
	    apply -m M0000001 -p nosuch -a 100
'

test_case 'refused: a programme that is not active' '
	aid_fixture d &&
	refuses "union-aid: programme accident is not active" \
	    apply -m M0000001 -p accident -a 100
'

test_case 'refused: an application date in the future' '
	aid_fixture d &&
	refuses "union-aid: application date 2026-06-16 is in the future" \
	    apply -m M0000001 -p winter_warmth -a 100 -d 2026-06-16
'

test_case 'refused: an application date not on the calendar' '
	aid_fixture d &&
	refuses "union-aid: '\''2026-02-29'\'': 2026-02-29 is not a calendar date" \
	    apply -m M0000001 -p winter_warmth -a 100 -d 2026-02-29
'

test_case 'refused: an amount of nothing' '
	aid_fixture d &&
	refuses "union-aid: the amount must be more than 0.00" \
	    apply -m M0000001 -p winter_warmth -a 0.00
'

test_case 'refused: an amount finer than the fen' '
	aid_fixture d &&
	refuses "union-aid: '\''10.005'\'': more than two decimals" \
	    apply -m M0000001 -p winter_warmth -a 10.005
'

test_case 'refused: a negative amount' '
	aid_fixture d &&
	refuses "union-aid: '\''-5'\'': sign not allowed: amounts are never negative" \
	    apply -m M0000001 -p winter_warmth -a -5
'

test_case 'refused: an amount above max_award (1000.00 is allowed)' '
	aid_fixture d &&
	refuses "union-aid: 1000.01 is above the max_award 1000.00 of programme winter_warmth" \
	    apply -m M0000001 -p winter_warmth -a 1000.01 &&
	ua apply -m M0000001 -p winter_warmth -a 1000 >out &&
	test_grep ",1000.00,applied," out
'

test_case 'refused: membership younger than min_member_days' '
	aid_fixture d &&
	refuses "union-aid: member M0000003 has been a member for 45 days on 2026-06-15; programme winter_warmth needs 90" \
	    apply -m M0000003 -p winter_warmth -a 100
'

test_case 'membership of exactly min_member_days is enough' '
	aid_fixture d &&
	(AS_OF=2026-07-30; ua apply -m M0000003 -p winter_warmth -a 100) >out &&
	test_grep "^A00000001,M0000003,winter_warmth,2026-07-30,100.00,applied," out
'

test_case 'refused: one day short of min_member_days' '
	aid_fixture d &&
	AS_OF=2026-07-30 &&
	refuses "union-aid: member M0000003 has been a member for 89 days on 2026-07-29; programme winter_warmth needs 90" \
	    apply -m M0000003 -p winter_warmth -a 100 -d 2026-07-29
'

test_case 'refused: a hardship programme for a member not in hardship' '
	aid_fixture d &&
	refuses "union-aid: programme winter_warmth is for members in hardship; member M0000002 has none" \
	    apply -m M0000002 -p winter_warmth -a 100
'

test_case 'a programme without requires_hardship is open to all' '
	aid_fixture d &&
	ua apply -m M0000002 -p medical_mutual -a 100 >out &&
	test_grep "^A00000001,M0000002,medical_mutual," out
'

test_case 'refused: a second open application in the same programme' '
	aid_fixture d &&
	ua apply -m M0000001 -p winter_warmth -a 100 >/dev/null &&
	refuses "union-aid: member M0000001 already has an open application A00000001 in programme winter_warmth" \
	    apply -m M0000001 -p winter_warmth -a 100
'

test_case 'an approved application is still open; a paid or rejected one is not' '
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF &&
	A00000001,M0000001,winter_warmth,2026-01-05,100.00,approved,2026-01-06,100.00,,,王芳,,
	A00000002,M0000001,hardship_relief,2026-01-05,100.00,paid,2026-01-06,100.00,2026-01-07,100.00,王芳,,
	A00000003,M0000001,school_aid,2026-01-05,100.00,rejected,2026-01-06,,,,王芳,,
	EOF
	refuses "union-aid: member M0000001 already has an open application A00000001 in programme winter_warmth" \
	    apply -m M0000001 -p winter_warmth -a 100 &&
	ua apply -m M0000001 -p hardship_relief -a 100 >out &&
	ua apply -m M0000001 -p school_aid -a 100 >>out &&
	test_cmp_text out "$AID_HEADER
A00000004,M0000001,hardship_relief,2026-06-15,100.00,applied,,,,,,,
$AID_HEADER
A00000005,M0000001,school_aid,2026-06-15,100.00,applied,,,,,,,"
'

test_case 'refused: awards of the year plus the request above annual_cap' '
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF &&
	A00000001,M0000001,winter_warmth,2026-01-05,1000.00,paid,2026-01-06,1000.00,2026-01-07,1000.00,王芳,,
	EOF
	refuses "union-aid: 500.01 on top of the 1000.00 awarded to member M0000001 by programme winter_warmth in 2026 is above the annual_cap 1500.00" \
	    apply -m M0000001 -p winter_warmth -a 500.01 &&
	ua apply -m M0000001 -p winter_warmth -a 500 >out &&
	test_grep "^A00000002,M0000001,winter_warmth,2026-06-15,500.00,applied" out
'

test_case 'usage: the single form needs member, programme and amount' '
	aid_fixture d &&
	usage_fails "union-aid: apply needs --member, --program and --amount together" \
	    "union-aid: see '\''union-aid --help'\''" apply -m M0000001 -p winter_warmth
'

test_case 'usage: options and FILEs together' '
	aid_fixture d &&
	usage_fails "union-aid: apply takes options or FILEs, not both" \
	    "union-aid: see '\''union-aid --help'\''" apply -m M0000001 -p winter_warmth -a 1 in.csv
'

test_case 'usage: an unknown option' '
	aid_fixture d &&
	usage_fails "union-aid: unknown option '\''--amont'\''" \
	    "union-aid: see '\''union-aid apply --help'\''" apply --amont 5
'

test_case 'apply --help prints the usage on standard output' '
	ua apply --help >out 2>err &&
	test_grep "^usage: union-aid apply --member M --program P --amount A" out &&
	empty err
'

# ---- the batch form ----

test_case 'a batch: good rows written, each refused row reported, exit 1' '
	aid_fixture d &&
	cat >in.csv <<-\EOF &&
	member_id,program,requested,applied,note
	M0000001,winter_warmth,500,2026-06-01,
	M0000999,winter_warmth,500,,
	M0000006,medical_mutual,"12000.5",2026-06-10,"住院, 手术"
	M0000001,winter_warmth,100,,
	EOF
	test_status 1 ua apply in.csv >out 2>err &&
	test_cmp_text out "$AID_HEADER
A00000001,M0000001,winter_warmth,2026-06-01,500.00,applied,,,,,,,
A00000002,M0000006,medical_mutual,2026-06-10,12000.50,applied,,,,,,,\"住院, 手术\"" &&
	test_cmp_text err "union-aid: in.csv:3: member_id: member M0000999 not found
union-aid: in.csv:5: member_id: member M0000001 already has an open application A00000001 in programme winter_warmth" &&
	tail -n +2 out >rows && tail -n +2 d/aid.csv >filed && test_cmp rows filed
'

test_case 'a batch on standard input, columns in any order, extra ones ignored' '
	aid_fixture d &&
	printf "%s\n" "office,requested,program,member_id" "东区,300,hardship_relief,M0000005" "西区,200,hardship_relief,M0000006" |
	ua apply >out 2>err &&
	test_cmp_text out "$AID_HEADER
A00000001,M0000005,hardship_relief,2026-06-15,300.00,applied,,,,,,,
A00000002,M0000006,hardship_relief,2026-06-15,200.00,applied,,,,,,," &&
	empty err
'

test_case 'a batch with a refused row and --all-or-nothing writes nothing' '
	aid_fixture d &&
	printf "%s\n" "member_id,program,requested" "M0000001,winter_warmth,100" "M0000002,winter_warmth,100" >in.csv &&
	refuses "union-aid: in.csv:3: member_id: programme winter_warmth is for members in hardship; member M0000002 has none
union-aid: 1 of 2 refused: nothing done" apply --all-or-nothing in.csv
'

test_case 'a batch row with a bad amount names its line and column' '
	aid_fixture d &&
	printf "%s\n" "member_id,program,requested" "M0000001,winter_warmth,1e3" >in.csv &&
	refuses "union-aid: in.csv:2: requested: '\''1e3'\'': exponent not allowed in an amount" \
	    apply in.csv
'

test_case 'a batch as Excel saves it: BOM, CRLF, quoted fields' '
	aid_fixture d &&
	printf "\357\273\277member_id,program,requested,note\r\nM0000001,hardship_relief,120,\"电费, 水费\"\r\n" >in.csv &&
	ua apply in.csv >out &&
	test_cmp_text out "$AID_HEADER
A00000001,M0000001,hardship_relief,2026-06-15,120.00,applied,,,,,,,\"电费, 水费\""
'

test_case 'a batch as TSV, and gzip-compressed on standard input' '
	aid_fixture d &&
	printf "member_id\tprogram\trequested\nM0000001\thardship_relief\t1\n" >in.tsv &&
	ua apply in.tsv >out &&
	printf "%s\n" member_id,program,requested M0000005,hardship_relief,2 | gzip -c | ua apply - >>out &&
	cut -d, -f1,2,5 out >actual &&
	test_cmp_text actual "aid_id,member_id,requested
A00000001,M0000001,1.00
aid_id,member_id,requested
A00000002,M0000005,2.00"
'

test_case 'a batch in GB18030 with --encoding' '
	aid_fixture d &&
	printf "%s\n" member_id,program,requested,note "M0000001,hardship_relief,5,医药费" |
	    iconv -f UTF-8 -t GB18030 >in.csv &&
	ua apply --encoding gb18030 in.csv >out &&
	test_grep ",5.00,applied,,,,,,,医药费$" out
'

# Two clerks entering batches at the same moment: every row lands once,
# with its own aid_id.
test_case 'two batches applied at once: 400 rows, 400 distinct aid_ids' '
	aid_fixture d &&
	awk "BEGIN { for (i = 1; i <= 400; i++)
	    printf \"M1%06d,某,,,,,U03,,regular,2020-01-01,active,,deep\\n\", i }" >>d/members.csv &&
	awk "BEGIN { print \"member_id,program,requested\";
	    for (i = 1; i <= 200; i++) printf \"M1%06d,hardship_relief,10\\n\", i }" >one.csv &&
	awk "BEGIN { print \"member_id,program,requested\";
	    for (i = 201; i <= 400; i++) printf \"M1%06d,hardship_relief,10\\n\", i }" >two.csv || exit 1
	ua apply one.csv >out1 2>err1 &
	ua apply two.csv >out2 2>err2 &
	wait
	empty err1 && empty err2 &&
	test $(tail -n +2 d/aid.csv | wc -l) -eq 400 &&
	tail -n +2 d/aid.csv | cut -d, -f1 | sort -u >ids &&
	test $(wc -l <ids) -eq 400 &&
	test "$(head -n 1 ids),$(tail -n 1 ids)" = "A00000001,A00000400" &&
	tail -n +2 d/aid.csv | cut -d, -f2 | sort -u | wc -l >members &&
	test_cmp_text members 400 &&
	cat out1 out2 | grep -v "^aid_id," | sort >printed &&
	tail -n +2 d/aid.csv | sort >filed &&
	test_cmp filed printed
'

test_case 'a batch lacking a required column is unreadable input: exit 2' '
	aid_fixture d &&
	printf "%s\n" "member_id,program" "M0000001,winter_warmth" >in.csv &&
	snapshot &&
	test_status 2 ua apply in.csv >out 2>err &&
	test_cmp_text err "union-aid: in.csv:1: requested: required column missing" &&
	untouched
'

test_case 'a batch file that does not exist: exit 2' '
	aid_fixture d &&
	test_status 2 ua apply nosuch.csv >out 2>err &&
	test_grep "^union-aid: nosuch.csv: " err
'

test_case 'a damaged aid.csv is refused before anything is written' '
	aid_fixture d &&
	echo "A00000001,M0000001,winter_warmth,2026-01-05,100.00,paid,2026-01-06,100.00,,,王芳,," >>d/aid.csv &&
	snapshot &&
	test_status 2 ua apply -m M0000001 -p hardship_relief -a 5 >out 2>err &&
	test_grep "^union-aid: d/aid.csv:2: paid_on: " err &&
	test_grep "^union-aid: d/aid.csv: 1 damaged row: nothing done (see union-audit)$" err &&
	untouched
'

test_done
