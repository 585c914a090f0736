#!/bin/sh
# t4001-audit-fixture.sh - the small data directory the union-audit tests
# (t4xxx) start from, written by hand so that every finding can be
# checked by reading it, and brought under the journal the way a hand-
# made directory is: union-audit accept, file by file.  Sourced by those
# scripts for audit_fixture; run on its own, it checks that the fixture
# audits clean.
#
# Today is 2026-06-30 in every test (--as-of).
#	U000001 county > U000002 town > U000003 grassroots (active)
#	                              > U000004 grassroots (dissolved)
#	M00000001 张三 U000003 active, joined 2005-01-01, hardship none
#	M00000002 李四 U000003 active, joined 2012-01-01, hardship deep
#	M00000003 王五 U000004 left,   joined 2011-06-01
#	A0000001 paid, A0000002 approved, A0000003 applied
#	C000001 closed, C000002 open

AS_OF=2026-06-30
export AS_OF

audit_fixture_files() {
	mkdir -p "$1" &&
	cat >"$1/unions.csv" <<-'EOF' &&
	union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating,status
	U000001,涟水县总工会,,county,,government,2000-01-01,李明,none,active
	U000002,高沟镇工会,U000001,town,,government,2001-01-01,王强,none,active
	U000003,恒达机械工会,U000002,grassroots,91320803MA1XXXX01J,non_public,2010-05-01,张伟,city,active
	U000004,永安商贸工会,U000002,grassroots,91320803MA1XXXX02M,non_public,2011-05-01,赵敏,none,dissolved
	EOF
	cat >"$1/members.csv" <<-'EOF' &&
	member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship
	M00000001,张三,320803198001010010,M,1980-01-01,13800138000,U000003,恒达机械,regular,2005-01-01,active,5678.90,none
	M00000002,李四,320803199002020020,F,1990-02-02,13900139000,U000003,恒达机械,courier,2012-01-01,active,4000.00,deep
	M00000003,王五,320803198503030038,M,1985-03-03,,U000004,永安商贸,regular,2011-06-01,left,3000.00,none
	EOF
	cat >"$1/enterprises.csv" <<-'EOF' &&
	credit_code,name,org_type,employees,town_id,union_id
	91320803MA1XXXX01J,恒达机械有限公司,non_public,120,U000002,U000003
	91320803MA1XXXX02M,永安商贸有限公司,non_public,12,U000002,
	EOF
	cat >"$1/programs.csv" <<-'EOF' &&
	program,title,max_award,annual_cap,min_member_days,requires_hardship,budget,active
	winter_warmth,送温暖,1000.00,2000.00,0,no,,yes
	hardship_relief,困难帮扶,3000.00,5000.00,180,yes,100000.00,yes
	EOF
	cat >"$1/aid.csv" <<-'EOF' &&
	aid_id,member_id,program,applied,requested,status,decided,approved,paid_on,paid,reviewer,voucher,note
	A0000001,M00000001,winter_warmth,2026-01-05,800.00,paid,2026-01-10,800.00,2026-01-15,800.00,王建国,V2026-01,
	A0000002,M00000002,hardship_relief,2026-02-05,2000.00,approved,2026-02-10,1500.00,,,王建国,,
	A0000003,M00000001,winter_warmth,2026-03-05,500.00,applied,,,,,,,
	EOF
	cat >"$1/cases.csv" <<-'EOF'
	case_id,type,member_id,union_id,kind,channel,opened,status,closed,outcome,handler,summary
	C000001,case,M00000001,U000003,wage_arrears,visit,2026-01-02,closed,2026-02-01,resolved,周文斌,拖欠工资两个月
	C000002,consultation,,U000002,other,phone,2026-03-01,open,,,周文斌,咨询劳动合同
	EOF
}

# audit_fixture DIR: the files, each accepted into a new journal.
audit_fixture() {
	audit_fixture_files "$1" &&
	for f in unions programs members enterprises aid cases; do
		union-audit accept -q -D "$1" $f.csv --by fixture \
		    --reason "hand-made test fixture" || return 1
	done
}

# audit DIR [ARGS]: the audit as the tests run it (today fixed, no
# history unless asked for).
audit() {
	d=$1; shift
	union-audit -D "$d" --as-of "$AS_OF" "$@"
}

# no_time FILE: the summary with its time taken blanked.
no_time() {
	sed 's/ in [0-9]*\.[0-9]* s$/ in T s/' "$1"
}

[ "${0##*/}" = t4001-audit-fixture.sh ] || return 0

. "$(dirname "$0")/../lib.sh"

test_case 'the fixture audits clean: no findings, exit 0' '
	audit_fixture d &&
	test_status 0 audit d --no-history >out 2>err &&
	test_cmp_text out "severity,check,file,line,key,message" &&
	no_time err >summary &&
	printf "%s\n" "union-audit: read 7 files, 16 rows in T s" \
	    "union-audit: 0 errors, 0 warnings" >expect &&
	test_cmp expect summary
'

test_case 'accept journals each file once' '
	audit_fixture d &&
	cut -d, -f1,3-8 d/journal.csv >j &&
	cat >expect <<-\EOT &&
	seq,user,tool,action,file,key,detail
	1,fixture,union-audit,accept,unions.csv,,hand-made test fixture
	2,fixture,union-audit,accept,programs.csv,,hand-made test fixture
	3,fixture,union-audit,accept,members.csv,,hand-made test fixture
	4,fixture,union-audit,accept,enterprises.csv,,hand-made test fixture
	5,fixture,union-audit,accept,aid.csv,,hand-made test fixture
	6,fixture,union-audit,accept,cases.csv,,hand-made test fixture
	EOT
	test_cmp expect j
'

test_case 'the audit changes no data file' '
	audit_fixture d &&
	cp -r d before &&
	audit d >/dev/null 2>&1 &&
	for f in unions programs members enterprises aid cases; do
		cmp before/$f.csv d/$f.csv || return 1
	done
'

test_done
