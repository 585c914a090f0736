#!/bin/sh
# union-audit and the journal: the hash chain verifies from the first
# entry to the last (an edited, deleted, reordered or cut entry is
# found), every table agrees with the journal's last state of it (a
# hand edit is found), and accept takes a hand edit in.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t4001-audit-fixture.sh"

HEAD="severity,check,file,line,key,message"

test_case 'an edited journal entry breaks the chain' '
	audit_fixture d &&
	sed -i "3s/hand-made/HAND-made/" d/journal.csv &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,journal_chain,journal.csv,3,,hash does not match the entry: edited" >expect &&
	test_cmp expect out
'

test_case 'a deleted journal entry is found' '
	audit_fixture d &&
	sed -i 3d d/journal.csv &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,journal_chain,journal.csv,3,,sequence jumps from 1 to 3: entry 2 deleted" \
	    "warning,journal_untracked,programs.csv,,,the journal has no entry for this file" >expect &&
	test_cmp expect out
'

test_case 'reordered journal entries are found' '
	audit_fixture d &&
	sed -i "3{h;d};4G" d/journal.csv &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,journal_chain,journal.csv,4,,entry 2 comes after entry 3: entries reordered" >expect &&
	test_cmp expect out
'

test_case 'entries cut from the end of the journal are found' '
	audit_fixture d &&
	sed -i "\$d" d/journal.csv &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "warning,journal_untracked,cases.csv,,,the journal has no entry for this file" \
	    "error,journal_chain,journal.csv,7,,journal ends at entry 5 but entry 6 was written: entries removed from the end" >expect &&
	test_cmp expect out
'

test_case 'a table edited by hand is changed behind the tools back' '
	audit_fixture d &&
	sed -i s/13900139000/13900139001/ d/members.csv &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,journal_state,members.csv,,,changed behind the tools'\'' back: content differs from the journal in bytes 0 to 453 (entry 3)" >expect &&
	test_cmp expect out
'

test_case 'a row appended by hand is found too' '
	audit_fixture d &&
	sed -n 4p d/aid.csv | sed s/A0000003/A0000004/ >>d/aid.csv &&
	test_status 1 audit d --no-history -q --only journal_state >out &&
	test_grep "^error,journal_state,aid.csv,,,changed behind the tools'\'' back: .*size" out
'

test_case 'a journal that is not there' '
	audit_fixture d &&
	rm d/journal.csv &&
	test_status 1 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "error,missing_file,journal.csv,,,no journal.csv in the data directory" >expect &&
	test_cmp expect out
'

test_case 'a table the journal never saw is a warning' '
	audit_fixture_files d &&
	for f in unions programs members enterprises aid; do
		union-audit accept -q -D d $f.csv --by t --reason r || return 1
	done &&
	test_status 0 audit d --no-history -q >out &&
	printf "%s\n" "$HEAD" \
	    "warning,journal_untracked,cases.csv,,,the journal has no entry for this file" >expect &&
	test_cmp expect out &&
	test_status 1 audit d --no-history -q --strict >/dev/null
'

test_case 'accept: no archive of the last state, so no rows listed' '
	audit_fixture d &&
	sed -i s/13900139000/13900139001/ d/members.csv &&
	test_status 0 union-audit accept -D d members.csv --by 王芳 \
	    --reason "phone typo, ticket 42" >out 2>err &&
	test ! -s out &&
	printf "%s\n" "union-audit: members.csv: no archive holds the journal'\''s last state (seq 3, 454 bytes): rows changed cannot be listed" \
	    "union-audit: accepted members.csv into the journal" >expect &&
	test_cmp expect err &&
	tail -n 1 d/journal.csv | cut -d, -f1,3-9 >j &&
	test_cmp_text j "7,王芳,union-audit,accept,members.csv,,\"phone typo, ticket 42\"" &&
	test_status 0 audit d --no-history -q >out &&
	test_cmp_text out "$HEAD"
'

test_case 'accept lists the rows added, removed and changed' '
	audit_fixture d &&
	union-audit archive -q -D d --as-of 2026-06-29 >/dev/null &&
	sed -i "s/13900139000/13900139001/; /^M00000003/d" d/members.csv &&
	echo "M00000004,孙八,320803197005050613,M,1970-05-05,,U000003,恒达机械,regular,2018-01-01,active,7000.00,none" >>d/members.csv &&
	test_status 0 union-audit accept -D d members.csv --by 王芳 \
	    --reason "ticket 42" >out 2>err &&
	cat >expect <<-\EOT &&
	change,file,key,line,columns
	changed,members.csv,M00000002,3,phone
	added,members.csv,M00000004,4,
	removed,members.csv,M00000003,4,
	EOT
	test_cmp expect out &&
	printf "%s\n" "union-audit: members.csv: 1 row added, 1 removed, 1 changed since the journal'\''s last state" \
	    "union-audit: accepted members.csv into the journal" >expect &&
	test_cmp expect err
'

test_case 'accept of a file that matches the journal records nothing' '
	audit_fixture d &&
	cp d/journal.csv before &&
	test_status 0 union-audit accept -D d aid.csv --by x --reason y 2>err &&
	test_cmp_text err "union-audit: aid.csv already matches the journal: nothing to accept" &&
	cmp before d/journal.csv
'

test_case 'accept of a table the journal never saw brings it in' '
	audit_fixture_files d &&
	test_status 0 union-audit accept -D d cases.csv --by x --reason y 2>err &&
	test_cmp_text err "union-audit: accepted cases.csv into the journal" &&
	test_grep "^1,.*,x,union-audit,accept,cases.csv,,y," d/journal.csv
'

test_case 'accept of a missing table cannot run' '
	audit_fixture d &&
	rm d/cases.csv &&
	test_status 2 union-audit accept -D d cases.csv --by x --reason y 2>err &&
	test -s err
'

test_done
