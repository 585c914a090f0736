#!/bin/sh
# union-audit: the checks gen-sample does not plant, each planted by
# hand in the fixture: the union hierarchy (level chain, a union with
# no parent that is not a county, its own parent, a longer cycle),
# pilot credit codes, aid budgets and min_member_days, every reference
# and every key of every file.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t4001-audit-fixture.sh"

HEAD="severity,check,file,line,key,message"

# planted CHANGE: the fixture files, CHANGE run among them, then the
# audit's findings (the journal left out: t4020) into out; its status
# into rc.
planted() {
	audit_fixture_files d && (cd d && eval "$1") || return 1
	audit d --no-history -q --skip journal_untracked,missing_file >out
	rc=$?
	[ $rc -le 1 ]
}

test_case 'level_chain: a grassroots union under a top that is not a county' '
	planted "printf \"%s\n\" \"U000005,孤儿工会,U000006,grassroots,91320803MA1XXXX03Q,non_public,2012-01-01,钱,none,active\" \"U000006,某镇工会,,town,,government,2001-01-01,孙,none,active\" >>unions.csv" &&
	test $rc -eq 1 &&
	printf "%s\n" "$HEAD" \
	    "error,level_chain,unions.csv,6,U000005,\"chain of parents ends at U000006 (town), not a county union\"" \
	    "error,union_row,unions.csv,7,U000006,parent_id: must be set unless level is county" >expect &&
	test_cmp expect out
'

test_case 'union_row: a union that is its own parent (not also a cycle)' '
	planted "echo U000005,自己,U000005,town,,government,2001-01-01,孙,none,active >>unions.csv" &&
	printf "%s\n" "$HEAD" \
	    "error,union_row,unions.csv,6,U000005,parent_id: names the union itself" >expect &&
	test_cmp expect out
'

test_case 'union_cycle: three unions, reported once; a union under it is not also a chain finding' '
	planted "printf \"%s\n\" U000005,A,U000007,town,,government,2001-01-01,孙,none,active U000006,B,U000005,town,,government,2001-01-01,孙,none,active U000007,C,U000006,town,,government,2001-01-01,孙,none,active U000008,D,U000007,grassroots,91320803MA1XXXX03Q,non_public,2001-01-01,孙,none,active >>unions.csv" &&
	printf "%s\n" "$HEAD" \
	    "error,union_cycle,unions.csv,6,U000005,union hierarchy cycle: U000005 -> U000007 -> U000006 -> U000005" >expect &&
	test_cmp expect out
'

test_case 'uscc_override: a pilot code is a warning (exit 0)' '
	planted "sed -i s/91320803MA1XXXX01J/91320803MA1XXXX01K/ unions.csv" &&
	test $rc -eq 0 &&
	printf "%s\n" "$HEAD" \
	    "warning,uscc_override,unions.csv,4,U000003,\"credit_code: bad check character: expected J, found K\"" >expect &&
	test_cmp expect out
'

test_case 'aid_over_budget: once, on the award that goes over' '
	planted "sed -i s/100000.00,yes/1000.00,yes/ programs.csv && echo A0000004,M00000002,hardship_relief,2026-04-05,300.00,paid,2026-04-10,300.00,2026-04-12,300.00,王建国,V2, >>aid.csv" &&
	printf "%s\n" "$HEAD" \
	    "error,aid_over_budget,aid.csv,3,A0000002,\"hardship_relief'\''s awards in 2026 reach 1500.00, above its budget 1000.00\"" >expect &&
	test_cmp expect out
'

test_case 'aid_over_max_award and aid_over_annual_cap on one award' '
	planted "sed -i \"s/^A0000003,M00000001,winter_warmth,2026-03-05,500.00,applied,,,,,,,/A0000003,M00000001,winter_warmth,2026-03-05,1500.00,approved,2026-03-06,1500.00,,,王建国,,/\" aid.csv" &&
	printf "%s\n" "$HEAD" \
	    "error,aid_over_max_award,aid.csv,4,A0000003,approved 1500.00 is above max_award 1000.00 of winter_warmth" \
	    "error,aid_over_annual_cap,aid.csv,4,A0000003,\"M00000001'\''s awards in winter_warmth in 2026 reach 2300.00, above annual_cap 2000.00\"" >expect &&
	test_cmp expect out
'

test_case 'aid_over_max_award on the amount requested' '
	planted "sed -i s/^A0000003,M00000001,winter_warmth,2026-03-05,500.00,/A0000003,M00000001,winter_warmth,2026-03-05,1200.00,/ aid.csv" &&
	printf "%s\n" "$HEAD" \
	    "error,aid_over_max_award,aid.csv,4,A0000003,requested 1200.00 is above max_award 1000.00 of winter_warmth" >expect &&
	test_cmp expect out
'

test_case 'aid_not_member: sooner than min_member_days after joining' '
	planted "sed -i s/2012-01-01,active,4000.00,deep/2025-12-01,active,4000.00,deep/ members.csv" &&
	printf "%s\n" "$HEAD" \
	    "error,aid_not_member,aid.csv,3,A0000002,\"applied 2026-02-05, 66 days after M00000002 joined; hardship_relief needs 180\"" >expect &&
	test_cmp expect out
'

test_case 'aid_not_member: applied after the membership ended (the journal says when)' '
	audit_fixture d &&
	union-enroll leave -D d M00000002 --reason left --date 2026-01-20 --as-of 2026-06-30 >/dev/null 2>&1 &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,aid_not_member,aid.csv,3,A0000002,\"applied 2026-02-05, after M00000002'\''s membership ended on 2026-01-20 (left)\"" >expect &&
	test_cmp expect out
'

test_case 'aid_not_member: a death benefit after the member died is none' '
	audit_fixture_files d &&
	echo death_benefit,身故,20000.00,20000.00,0,no,,yes >>d/programs.csv &&
	echo A0000004,M00000002,death_benefit,2026-02-05,5000.00,applied,,,,,,, >>d/aid.csv &&
	for f in unions programs members enterprises aid cases; do
		union-audit accept -q -D d $f.csv --by t --reason r || return 1
	done &&
	union-enroll leave -D d M00000002 --reason deceased --date 2026-01-20 --as-of 2026-06-30 >/dev/null 2>&1 &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,aid_not_member,aid.csv,3,A0000002,\"applied 2026-02-05, after M00000002'\''s membership ended on 2026-01-20 (deceased)\"" >expect &&
	test_cmp expect out
'

test_case 'aid_not_member: retained is still a member' '
	audit_fixture d &&
	union-enroll leave -D d M00000002 --reason retained --date 2026-01-20 --as-of 2026-06-30 >/dev/null 2>&1 &&
	test_status 0 audit d --no-history -q >out &&
	test_cmp_text out "$HEAD"
'

test_case 'aid_hardship_required: an empty hardship is none' '
	planted "sed -i s/2012-01-01,active,4000.00,deep/2012-01-01,active,4000.00,/ members.csv" &&
	printf "%s\n" "$HEAD" \
	    "error,aid_hardship_required,aid.csv,3,A0000002,hardship_relief requires hardship; M00000002 has none" >expect &&
	test_cmp expect out
'

test_case 'a repeated voucher is no finding (one payment round)' '
	planted "echo A0000004,M00000002,winter_warmth,2026-01-05,300.00,paid,2026-01-10,300.00,2026-01-15,300.00,王建国,V2026-01, >>aid.csv" &&
	test $rc -eq 0 && test_cmp_text out "$HEAD"
'

test_case 'dangling_ref in aid, cases and enterprises' '
	planted "echo A0000004,M00000099,nothing,2026-03-05,500.00,applied,,,,,,, >>aid.csv &&
		echo C000003,case,M00000099,U000099,other,phone,2026-03-01,open,,,周文斌,x >>cases.csv &&
		echo 91320803MA1XXXX03Q,新,non_public,5,U000002,U000099 >>enterprises.csv" &&
	cat >expect <<-EOT &&
	$HEAD
	error,dangling_ref,aid.csv,5,A0000004,member_id M00000099 names no member
	error,dangling_ref,aid.csv,5,A0000004,program nothing names no programme
	error,dangling_ref,cases.csv,4,C000003,member_id M00000099 names no member
	error,dangling_ref,cases.csv,4,C000003,union_id U000099 names no union
	error,dangling_ref,enterprises.csv,4,91320803MA1XXXX03Q,union_id U000099 names no union
	EOT
	test_cmp expect out
'

test_case 'dup_key in aid, cases, enterprises and programs' '
	planted "for f in aid cases programs enterprises; do sed -n 2p \$f.csv >>\$f.csv; done" &&
	cat >expect <<-EOT &&
	$HEAD
	error,dup_key,aid.csv,5,A0000001,aid_id A0000001 repeats line 2
	error,dup_key,cases.csv,4,C000001,case_id C000001 repeats line 2
	error,dup_key,enterprises.csv,4,91320803MA1XXXX01J,credit_code 91320803MA1XXXX01J repeats line 2
	error,dup_key,programs.csv,4,winter_warmth,program winter_warmth repeats line 2
	EOT
	test_cmp expect out
'

test_case 'dup_active_person: a retained membership counts, a left one does not' '
	planted "sed -i \"s/^M00000003,王五,320803198503030038,M,1985-03-03/M00000003,王五,320803198001010010,M,1980-01-01/\" members.csv" &&
	test $rc -eq 0 &&
	planted "sed -i \"s/^M00000003,王五,320803198503030038,M,1985-03-03,,U000004,永安商贸,regular,2011-06-01,left/M00000003,王五,320803198001010010,M,1980-01-01,,U000003,永安商贸,regular,2011-06-01,retained/\" members.csv" &&
	printf "%s\n" "$HEAD" \
	    "error,dup_active_person,members.csv,4,M00000003,id_number 320803********0010 already has an active or retained membership on line 2" >expect &&
	test_cmp expect out
'

test_case 'dup_active_person: a lower-case x is the same person' '
	planted "sed -i \"s/^M00000003,王五,320803198503030038,M,1985-03-03,,U000004,永安商贸,regular,2011-06-01,left/M00000003,王五,11010519491231002x,F,1949-12-31,,U000003,永安商贸,regular,2011-06-01,active/\" members.csv &&
		echo M00000004,赵六,11010519491231002X,F,1949-12-31,,U000003,恒达机械,regular,2012-06-01,retained,,none >>members.csv" &&
	printf "%s\n" "$HEAD" \
	    "error,dup_active_person,members.csv,5,M00000004,id_number 110105********002X already has an active or retained membership on line 4" >expect &&
	test_cmp expect out
'

test_case 'member_of_dissolved: a left member of a dissolved union is fine' '
	planted "true" && test $rc -eq 0 && test_cmp_text out "$HEAD"
'

test_done
