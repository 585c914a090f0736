#!/bin/sh
# union-audit aid_decided_not_member: an approval decided after the
# applicant's membership ended, as the journal dates the end (union-aid
# approve's rule, judged on the decision day).  A transfer is no end:
# the person goes on in the new union.  In the fixture A0000002
# (M00000002, hardship_relief) was applied for on 2026-02-05 and
# approved on 2026-02-10.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t4001-audit-fixture.sh"

HEAD="severity,check,file,line,key,message"

# enroll ARGS: union-enroll in the fixture d, today fixed, quietly.
enroll() {
	union-enroll "$@" -D d --as-of "$AS_OF" >/dev/null 2>&1
}

test_case 'left between application and decision: one finding, exit 1' '
	audit_fixture d &&
	enroll leave M00000002 --reason left --date 2026-02-07 &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,aid_decided_not_member,aid.csv,3,A0000002,\"decided 2026-02-10, after M00000002'\''s membership ended on 2026-02-07 (left)\"" >expect &&
	test_cmp expect out
'

test_case 'decided on the day the membership ended is no finding' '
	audit_fixture d &&
	enroll leave M00000002 --reason left --date 2026-02-10 &&
	test_status 0 audit d --no-history -q >out &&
	test_cmp_text out "$HEAD"
'

test_case 'a hand-edited aid.csv: an approval decided after the member left' '
	audit_fixture d &&
	enroll leave M00000002 --reason left --date 2026-03-01 &&
	echo A0000004,M00000002,winter_warmth,2026-02-20,300.00,approved,2026-03-05,300.00,,,王建国,, >>d/aid.csv &&
	union-audit accept -q -D d aid.csv --by t --reason "hand edit" &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,aid_decided_not_member,aid.csv,5,A0000004,\"decided 2026-03-05, after M00000002'\''s membership ended on 2026-03-01 (left)\"" >expect &&
	test_cmp expect out
'

test_case '--skip aid_decided_not_member: clean' '
	audit_fixture d &&
	enroll leave M00000002 --reason left --date 2026-02-07 &&
	test_status 0 audit d --no-history -q --skip aid_decided_not_member >out &&
	test_cmp_text out "$HEAD"
'

test_case 'transferred before the decision: still a member, no finding' '
	audit_fixture d &&
	enroll transfer M00000002 --to U000002 --date 2026-02-07 &&
	grep -q "^M00000004,.*,U000002,.*,active," d/members.csv &&
	test_status 0 audit d --no-history -q >out &&
	test_cmp_text out "$HEAD"
'

test_case 'transferred, then left the new union before the decision' '
	audit_fixture d &&
	enroll transfer M00000002 --to U000002 --date 2026-02-07 &&
	enroll leave M00000004 --reason left --date 2026-02-08 &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,aid_decided_not_member,aid.csv,3,A0000002,\"decided 2026-02-10, after M00000002'\''s membership ended on 2026-02-08 (left, as M00000004)\"" >expect &&
	test_cmp expect out
'

test_case 'transferred, and left the new union only after the decision' '
	audit_fixture d &&
	enroll transfer M00000002 --to U000002 --date 2026-02-07 &&
	enroll leave M00000004 --reason left --date 2026-02-11 &&
	test_status 0 audit d --no-history -q >out &&
	test_cmp_text out "$HEAD"
'

test_case 'a death benefit approved after the death: approve refuses it too' '
	audit_fixture_files d &&
	echo death_benefit,身故,20000.00,20000.00,0,no,,yes >>d/programs.csv &&
	echo A0000004,M00000002,death_benefit,2026-02-05,5000.00,approved,2026-02-10,5000.00,,,王建国,, >>d/aid.csv &&
	for f in unions programs members enterprises aid cases; do
		union-audit accept -q -D d $f.csv --by t --reason r || return 1
	done &&
	enroll leave M00000002 --reason deceased --date 2026-01-20 &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,aid_not_member,aid.csv,3,A0000002,\"applied 2026-02-05, after M00000002'\''s membership ended on 2026-01-20 (deceased)\"" \
	    "error,aid_decided_not_member,aid.csv,5,A0000004,\"decided 2026-02-10, after M00000002'\''s membership ended on 2026-01-20 (deceased)\"" >expect &&
	test_cmp expect out
'

test_case 'still applied, or rejected, after the end: no finding' '
	audit_fixture d &&
	sed -i "s/^A0000002,\(.*\),approved,2026-02-10,1500.00,/A0000002,\1,rejected,2026-02-10,,/" d/aid.csv &&
	grep -q "^A0000002,.*,rejected,2026-02-10,," d/aid.csv &&
	union-audit accept -q -D d aid.csv --by t --reason r &&
	enroll leave M00000002 --reason left --date 2026-02-07 &&
	test_status 0 audit d --no-history -q >out &&
	test_cmp_text out "$HEAD"
'

test_case 'listed, and named in the man page' '
	union-audit --list-checks >out &&
	grep -qx "aid_decided_not_member,error,.*" out &&
	grep -q "^\.It Sy aid_decided_not_member Pq error" "$TESTS/../man/union-audit.1"
'

test_done
