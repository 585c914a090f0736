#!/bin/sh
# t2000-aid-fixture.sh - the small data directory the union-aid and case
# tests (t2xxx, t5xxx) work on, written by hand so that every expected
# figure can be checked by reading it.  Sourced by those scripts for
# aid_fixture; run on its own, it checks that the fixture is what they
# assume.
#
# Today is 2026-06-15 in every test (--as-of).  The people:
#	M0000001 张三  U03 active   joined 2020-01-01  hardship deep
#	M0000002 李四  U03 active   joined 2020-01-01  hardship none
#	M0000003 王五  U03 active   joined 2026-05-01  hardship relative
#	M0000004 赵六  U03 left     joined 2015-03-01  hardship deep
#	M0000005 钱七  U02 retained joined 2010-07-01  hardship relative
#	M0000006 孙八  U05 active   joined 2018-01-01  hardship accidental
# U01 county > U02 town > U03 grassroots; U01 > U04 town (dissolved);
# U01 > U05 grassroots.

AS_OF=2026-06-15
export AS_OF

aid_fixture() {
	mkdir -p "$1" &&
	cat >"$1/unions.csv" <<-'EOF' &&
	union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating,status
	U01,城关县总工会,,county,,government,2000-01-01,,none,active
	U02,城东镇工会,U01,town,,government,2001-01-01,,none,active
	U03,东风机械厂工会,U02,grassroots,91320803MA1X2Y3K42,key_enterprise,2005-01-01,,none,active
	U04,西城镇工会,U01,town,,government,2001-01-01,,none,dissolved
	U05,县医院工会,U01,grassroots,12320803466012345K,public_institution,2003-01-01,,none,active
	EOF
	cat >"$1/members.csv" <<-'EOF' &&
	member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship
	M0000001,张三,320803198001010117,M,1980-01-01,13812345678,U03,东风机械厂,regular,2020-01-01,active,5000.00,deep
	M0000002,李四,320803198503150224,F,1985-03-15,13912345678,U03,东风机械厂,regular,2020-01-01,active,6000.00,none
	M0000003,王五,320803199007200338,M,1990-07-20,13712345678,U03,东风机械厂,regular,2026-05-01,active,4000.00,relative
	M0000004,赵六,110105197511110450,M,1975-11-11,13612345678,U03,东风机械厂,regular,2015-03-01,left,4500.00,deep
	M0000005,钱七,440305196002020521,F,1960-02-02,13512345678,U02,城东镇,regular,2010-07-01,retained,,relative
	M0000006,孙八,320803197005050613,M,1970-05-05,,U05,县医院,regular,2018-01-01,active,7000.00,accidental
	EOF
	cat >"$1/programs.csv" <<-'EOF' &&
	program,title,max_award,annual_cap,min_member_days,requires_hardship,budget,active
	winter_warmth,送温暖,1000.00,1500.00,90,yes,2000.00,yes
	school_aid,金秋助学,3000.00,3000.00,180,yes,,yes
	medical_mutual,职工互助医疗,20000.00,50000.00,180,no,100000.00,yes
	hardship_relief,困难帮扶,2000.00,,0,yes,,yes
	accident,意外伤害,10000.00,10000.00,0,no,,no
	EOF
	cat >"$1/enterprises.csv" <<-'EOF' &&
	credit_code,name,org_type,employees,town_id,union_id
	91320803MA1X2Y3K42,东风机械厂,key_enterprise,320,U02,U03
	EOF
	cat >"$1/aid.csv" <<-'EOF' &&
	aid_id,member_id,program,applied,requested,status,decided,approved,paid_on,paid,reviewer,voucher,note
	EOF
	cat >"$1/cases.csv" <<-'EOF'
	case_id,type,member_id,union_id,kind,channel,opened,status,closed,outcome,handler,summary
	EOF
}

# cases_fixture: aid_fixture with five cases, as of 2026-06-15 open for
# 106, 5, 156 days; closed after 59 and 0 days.
cases_fixture() {
	aid_fixture d &&
	cat >>d/cases.csv <<-\EOF
	C0000001,case,M0000001,U03,wage_arrears,visit,2026-03-01,open,,,李律师,欠薪三个月
	C0000002,consultation,,U05,other,phone,2026-06-10,open,,,李律师,咨询年休假
	C0000003,case,M0000006,U05,work_injury,referral,2026-01-10,mediating,,,王律师,工伤认定
	C0000004,case,M0000002,U03,dismissal,visit,2026-02-01,closed,2026-04-01,resolved,王律师,违法解除
	C0000005,consultation,M0000005,U02,social_insurance,online,2026-05-20,closed,2026-05-20,resolved,李律师,
	EOF
}

# aid_header: the header of aid.csv, for expected output.
AID_HEADER=aid_id,member_id,program,applied,requested,status,decided,approved,paid_on,paid,reviewer,voucher,note
CASE_HEADER=case_id,type,member_id,union_id,kind,channel,opened,status,closed,outcome,handler,summary

# ua: union-aid on the fixture directory d, today being $AS_OF.
ua() {
	union-aid "$@" -D d --as-of "$AS_OF"
}

# empty FILE: FILE is empty (shows it when not).
empty() {
	[ ! -s "$1" ] || { echo "$1 is not empty:" >&2; cat "$1" >&2; false; }
}

# snapshot: copies of the files a refused command must leave alone.
snapshot() {
	for f in aid.csv cases.csv journal.csv; do
		if [ -f "d/$f" ]; then cp "d/$f" "$f.before"; else : >"$f.before"; fi
	done
}

# untouched: the files are as snapshot left them.
untouched() {
	for f in aid.csv cases.csv journal.csv; do
		if [ -f "d/$f" ]; then cmp "$f.before" "d/$f" >&2 || return 1
		else [ ! -s "$f.before" ] || return 1; fi
	done
}

# refuses MESSAGE ARGS...: union-aid ARGS (on d, as of $AS_OF) exits 1
# with exactly MESSAGE on standard error, the header alone on standard
# output (of cases.csv for "case ...", else of aid.csv), and no file
# changed.
refuses() {
	msg=$1; shift
	header=$AID_HEADER
	[ "$1" = case ] && header=$CASE_HEADER
	snapshot &&
	test_status 1 ua "$@" >out 2>err &&
	test_cmp_text err "$msg" &&
	test_cmp_text out "$header" &&
	untouched
}

# usage_fails MESSAGE ARGS...: exit 2, MESSAGE then the hint, no change.
usage_fails() {
	msg=$1 hint=$2; shift 2
	snapshot &&
	test_status 2 ua "$@" >out 2>err &&
	test_cmp_text err "$msg
$hint" &&
	empty out &&
	untouched
}

[ "${0##*/}" = t2000-aid-fixture.sh ] || return 0

. "$(dirname "$0")/../lib.sh"

test_case 'the fixture lists its active programmes with nothing spent' '
	aid_fixture d &&
	ua programs >out 2>err &&
	test_cmp_text out "program,title,max_award,annual_cap,min_member_days,requires_hardship,budget,active,year,approved,paid,left
winter_warmth,送温暖,1000.00,1500.00,90,yes,2000.00,yes,2026,0.00,0.00,2000.00
school_aid,金秋助学,3000.00,3000.00,180,yes,,yes,2026,0.00,0.00,
medical_mutual,职工互助医疗,20000.00,50000.00,180,no,100000.00,yes,2026,0.00,0.00,100000.00
hardship_relief,困难帮扶,2000.00,,0,yes,,yes,2026,0.00,0.00," &&
	empty err
'

test_case 'what union-aid writes passes union-audit: fields, moves, journal' '
	aid_fixture d &&
	ua apply -m M0000001 -p winter_warmth -a 100 >/dev/null &&
	ua apply -m M0000006 -p medical_mutual -a 100 >/dev/null &&
	ua approve A00000001 >/dev/null &&
	ua pay A00000001 --voucher V1 >/dev/null &&
	ua reject A00000002 --reason 重复 >/dev/null &&
	ua case open -t case -k wage_arrears -c visit -u U03 -m M0000001 >/dev/null &&
	ua case open -t consultation -k other -c phone -u U05 >/dev/null &&
	ua case mediate C0000001 >/dev/null &&
	ua case close C0000001 C0000002 --outcome resolved >/dev/null &&
	union-audit -D d --as-of "$AS_OF" -q >out 2>err &&
	grep -v ",journal_untracked," out >findings &&
	test_cmp_text findings "severity,check,file,line,key,message"
'

test_done
