#!/bin/sh
# t5010-case-open.sh - union-aid case open: one from the options, a desk's
# day as a batch, every check and refusal.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

test_case 'case open: the new row with its case_id' '
	aid_fixture d &&
	ua case open --type case --kind wage_arrears --channel visit --union U03 \
	    --member M0000001 --handler 李律师 --summary "欠薪三个月, 约 1.2 万元" >out 2>err &&
	test_cmp_text out "$CASE_HEADER
C0000001,case,M0000001,U03,wage_arrears,visit,2026-06-15,open,,,李律师,\"欠薪三个月, 约 1.2 万元\"" &&
	empty err &&
	test_cmp out d/cases.csv
'

test_case 'case open: a consultation for someone who is not a member' '
	aid_fixture d &&
	ua case open -t consultation -k other -c phone -u U05 -d 2026-06-14 >out &&
	test_cmp_text out "$CASE_HEADER
C0000001,consultation,,U05,other,phone,2026-06-14,open,,,,"
'

test_case 'case open numbers on from the highest case_id' '
	cases_fixture &&
	ua case open -t case -k dismissal -c online -u U02 >out &&
	test_grep "^C0000006,case,,U02,dismissal,online,2026-06-15,open,,,,$" out
'

test_case 'case open is journaled' '
	aid_fixture d &&
	ua case open -t case -k work_injury -c referral -u U05 --by 李律师 >/dev/null &&
	tail -n 1 d/journal.csv | cut -d, -f3-8 >actual &&
	test_cmp_text actual "李律师,union-aid,open,cases.csv,C0000001,opened case work_injury by referral at U05"
'

test_case 'refused: a type, kind or channel that does not exist' '
	aid_fixture d &&
	refuses "union-aid: type '\''lawsuit'\'' is not one of consultation, case" \
	    case open -t lawsuit -k other -c visit -u U03 &&
	refuses "union-aid: kind '\''pension'\'' is not one of wage_arrears, labour_contract, work_injury, social_insurance, dismissal, working_hours, other" \
	    case open -t case -k pension -c visit -u U03 &&
	refuses "union-aid: channel '\''email'\'' is not one of visit, phone, online, referral" \
	    case open -t case -k other -c email -u U03
'

test_case 'refused: a member or union that does not exist, a dissolved union' '
	aid_fixture d &&
	refuses "union-aid: member M0000999 not found" \
	    case open -t case -k other -c visit -u U03 -m M0000999 &&
	refuses "union-aid: union U99 not found" \
	    case open -t case -k other -c visit -u U99 &&
	refuses "union-aid: union U04 is dissolved" \
	    case open -t case -k other -c visit -u U04
'

test_case 'a member who has left may still be helped' '
	aid_fixture d &&
	ua case open -t case -k dismissal -c visit -u U03 -m M0000004 >out &&
	test_grep "^C0000001,case,M0000004,U03,dismissal," out
'

test_case 'refused: a date in the future, a date not on the calendar' '
	aid_fixture d &&
	refuses "union-aid: opening date 2026-06-16 is in the future" \
	    case open -t case -k other -c visit -u U03 -d 2026-06-16 &&
	refuses "union-aid: '\''2026-13-01'\'': 2026-13-01 is not a calendar date" \
	    case open -t case -k other -c visit -u U03 -d 2026-13-01
'

test_case 'usage: the single form needs type, kind, channel and union' '
	aid_fixture d &&
	usage_fails "union-aid: case open needs --type, --kind, --channel and --union" \
	    "union-aid: see '\''union-aid --help'\''" case open -t case -k other -c visit &&
	usage_fails "union-aid: unknown option '\''--kid'\''" \
	    "union-aid: see '\''union-aid case open --help'\''" case open --kid other
'

# A desk's day: four calls and visits typed into a sheet, one with a
# mistake, recorded at once.
desk_day() {
	cat >day.csv <<-\EOF
	opened,type,kind,channel,member_id,union_id,handler,summary
	2026-06-15,consultation,wage_arrears,phone,,U03,李律师,问欠薪如何申请仲裁
	2026-06-15,case,work_injury,visit,M0000006,U05,李律师,"摔伤, 单位不认"
	2026-06-15,consultation,overtime,phone,,U03,李律师,
	2026-06-15,consultation,working_hours,online,M0000002,U03,李律师,
	EOF
}

test_case 'a desk'\''s day as a batch: good rows opened, the bad one named' '
	aid_fixture d && desk_day &&
	test_status 1 ua case open day.csv >out 2>err &&
	test_cmp_text out "$CASE_HEADER
C0000001,consultation,,U03,wage_arrears,phone,2026-06-15,open,,,李律师,问欠薪如何申请仲裁
C0000002,case,M0000006,U05,work_injury,visit,2026-06-15,open,,,李律师,\"摔伤, 单位不认\"
C0000003,consultation,M0000002,U03,working_hours,online,2026-06-15,open,,,李律师," &&
	test_cmp_text err "union-aid: day.csv:4: kind: kind '\''overtime'\'' is not one of wage_arrears, labour_contract, work_injury, social_insurance, dismissal, working_hours, other"
'

test_case 'a desk'\''s day on standard input --all-or-nothing: nothing opened' '
	aid_fixture d && desk_day &&
	refuses "union-aid: <stdin>:4: kind: kind '\''overtime'\'' is not one of wage_arrears, labour_contract, work_injury, social_insurance, dismissal, working_hours, other
union-aid: 1 of 4 refused: nothing done" case open --all-or-nothing - <day.csv
'

test_case 'a batch without a union_id column: exit 2' '
	aid_fixture d &&
	printf "%s\n" type,kind,channel case,other,visit >in.csv &&
	snapshot &&
	test_status 2 ua case open in.csv >out 2>err &&
	test_cmp_text err "union-aid: in.csv:1: union_id: required column missing" &&
	untouched
'

test_done
