#!/bin/sh
# t5020-case-move.sh - union-aid case mediate and close: only the moves
# open -> mediating -> closed and open -> closed; batches from a listing.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

test_case 'case mediate: an open case goes to mediation' '
	cases_fixture &&
	cp d/cases.csv before &&
	ua case mediate C0000001 >out 2>err &&
	test_cmp_text out "$CASE_HEADER
C0000001,case,M0000001,U03,wage_arrears,visit,2026-03-01,mediating,,,李律师,欠薪三个月" &&
	empty err &&
	sed "s/^\(C0000001,.*\),open,/\1,mediating,/" before >expect &&
	test_cmp expect d/cases.csv &&
	tail -n 1 d/journal.csv | cut -d, -f5-8 >actual &&
	test_cmp_text actual "mediate,cases.csv,C0000001,mediation from 2026-06-15"
'

test_case 'refused: mediating a case already in mediation or closed' '
	cases_fixture &&
	refuses "union-aid: case C0000003 is already mediating" case mediate C0000003 &&
	refuses "union-aid: case C0000004 is closed" case mediate C0000004 &&
	refuses "union-aid: case C0000099 not found" case mediate C0000099
'

test_case 'refused: mediation dated before the case was opened' '
	cases_fixture &&
	refuses "union-aid: mediation date 2026-02-28 is before case C0000001 was opened on 2026-03-01" \
	    case mediate C0000001 --date 2026-02-28
'

test_case 'case close: a mediating case, with its outcome and date' '
	cases_fixture &&
	ua case close C0000003 --outcome arbitration --date 2026-06-01 >out 2>err &&
	test_cmp_text out "$CASE_HEADER
C0000003,case,M0000006,U05,work_injury,referral,2026-01-10,closed,2026-06-01,arbitration,王律师,工伤认定" &&
	empty err &&
	tail -n 1 d/journal.csv | cut -d, -f5-8 >actual &&
	test_cmp_text actual "close,cases.csv,C0000003,closed 2026-06-01: arbitration"
'

test_case 'case close: a consultation closes without mediation' '
	cases_fixture &&
	ua case close C0000002 -o resolved >out &&
	test_cmp_text out "$CASE_HEADER
C0000002,consultation,,U05,other,phone,2026-06-10,closed,2026-06-15,resolved,李律师,咨询年休假"
'

test_case 'case close: an open case may also close straight away' '
	cases_fixture &&
	ua case close C0000001 -o withdrawn >out &&
	test_grep "^C0000001,.*,closed,2026-06-15,withdrawn," out
'

test_case 'refused: closing a closed case, or before it was opened' '
	cases_fixture &&
	refuses "union-aid: case C0000004 is already closed" case close C0000004 -o resolved &&
	refuses "union-aid: closing date 2026-06-09 is before case C0000002 was opened on 2026-06-10" \
	    case close C0000002 -o resolved -d 2026-06-09
'

test_case 'usage: close needs a known outcome; mediate takes none; no future dates' '
	cases_fixture &&
	usage_fails "union-aid: case close needs --outcome" \
	    "union-aid: see '\''union-aid --help'\''" case close C0000001 &&
	usage_fails "union-aid: --outcome: '\''won'\'': not one of resolved, arbitration, litigation, withdrawn, unresolved" \
	    "union-aid: see '\''union-aid --help'\''" case close C0000001 -o won &&
	usage_fails "union-aid: case mediate takes no --outcome" \
	    "union-aid: see '\''union-aid --help'\''" case mediate C0000001 -o resolved &&
	usage_fails "union-aid: --date: 2026-06-16 is in the future" \
	    "union-aid: see '\''union-aid --help'\''" case close C0000001 -o resolved -d 2026-06-16
'

test_case 'list | close: the old open cases closed in one batch, each judged' '
	cases_fixture &&
	ua case list --older-than 30 | ua case close --outcome unresolved - >out 2>err &&
	empty err &&
	cut -d, -f1,8-10 out >actual &&
	test_cmp_text actual "case_id,status,closed,outcome
C0000001,closed,2026-06-15,unresolved
C0000003,closed,2026-06-15,unresolved"
'

test_case 'a batch with a closed case: the rest closed, exit 1' '
	cases_fixture &&
	printf "%s\n" case_id C0000002 C0000004 | test_status 1 ua case close -o resolved >out 2>err &&
	test_cmp_text err "union-aid: <stdin>:3: case_id: case C0000004 is already closed" &&
	cut -d, -f1,8 out >actual &&
	test_cmp_text actual "case_id,status
C0000002,closed"
'

test_case 'the desk'\''s day of union-aid(1): open, close the answered, mediate the rest' '
	aid_fixture d &&
	cat >desk.csv <<-\EOF &&
	type,kind,channel,union_id,member_id,summary
	consultation,wage_arrears,phone,U03,,问欠薪如何仲裁
	case,dismissal,visit,U03,M0000002,违法解除
	consultation,working_hours,online,U05,M0000006,加班费
	EOF
	ua case open --by 李律师 desk.csv >opened.csv &&
	mlr --csv filter "\$type == \"consultation\"" opened.csv |
	    ua case close --outcome resolved - >answered.csv &&
	mlr --csv filter "\$type == \"case\"" opened.csv |
	    ua case mediate - >mediating.csv &&
	cut -d, -f1,2,8,10 d/cases.csv >actual &&
	test_cmp_text actual "case_id,type,status,outcome
C0000001,consultation,closed,resolved
C0000002,case,mediating,
C0000003,consultation,closed,resolved"
'

test_case 'case with no subcommand: the list of them on standard error, exit 2' '
	test_status 2 union-aid case >out 2>err &&
	empty out &&
	test_grep "^usage: union-aid case open|mediate|close|list" err &&
	test_status 2 ua case reopen >out 2>err &&
	test_cmp_text err "union-aid: '\''case reopen'\'' is not a command
union-aid: see '\''union-aid --help'\''"
'

test_done
