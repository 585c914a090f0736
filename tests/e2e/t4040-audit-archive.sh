#!/bin/sh
# union-audit archive and diff: a dated, compressed copy of every file
# with a manifest of hashes, restorable with gunzip; rows added, removed
# and changed since an archive; status moves against the last archive.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t4001-audit-fixture.sh"

DHEAD="change,file,key,line,columns"

unpay() {
	sed -i "s/^\(A0000001,.*\),paid,2026-01-10,800.00,2026-01-15,800.00,王建国,V2026-01,/\1,approved,2026-01-10,800.00,,,王建国,,/" d/aid.csv
}
reopen() {
	sed -i "s/^\(C000001,.*\),closed,2026-02-01,resolved,/\1,mediating,,,/" d/cases.csv
}

test_case 'archive: a dated folder, its path on standard output' '
	audit_fixture d &&
	test_status 0 union-audit archive -D d --as-of 2026-06-29 >out 2>err &&
	test_cmp_text out "d/archives/2026-06-29" && test ! -s err &&
	(cd d/archives/2026-06-29 && ls) >files &&
	printf "%s\n" aid.csv.gz cases.csv.gz enterprises.csv.gz journal.csv.gz \
	    manifest.csv members.csv.gz programs.csv.gz unions.csv.gz >expect &&
	test_cmp expect files
'

test_case 'a second archive the same day' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	union-audit archive -D d --as-of 2026-06-29 >out &&
	test_cmp_text out "d/archives/2026-06-29.2"
'

test_case 'the manifest: sizes and hashes of the files as they were' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	m=d/archives/2026-06-29/manifest.csv &&
	sed -n 1p $m >h &&
	test_cmp_text h "file,stored,size,digest,journal_digest" &&
	for f in unions programs members enterprises aid cases journal; do
		sum=$(sha256sum <d/$f.csv | cut -d" " -f1) &&
		size=$(wc -c <d/$f.csv | tr -d " ") &&
		test_grep "^$f.csv,$f.csv.gz,$size,sha256:$sum," $m || return 1
	done &&
	test_grep "^members.csv,.*,sha256:[0-9a-f]*,sha256:[0-9a-f]*$" $m &&
	test_grep "^journal.csv,.*,sha256:[0-9a-f]*,$" $m
'

test_case 'a file is restored with gunzip' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	gunzip -c d/archives/2026-06-29/members.csv.gz >restored &&
	cmp restored d/members.csv
'

test_case 'archive --to another folder' '
	audit_fixture d &&
	test_status 0 union-audit archive -D d --to elsewhere --as-of 2026-06-29 >out &&
	test_cmp_text out "elsewhere/2026-06-29" &&
	test -f elsewhere/2026-06-29/manifest.csv && test ! -d d/archives
'

test_case 'archive leaves no half-made folder behind' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	ls -a d/archives >list &&
	printf "%s\n" . .. 2026-06-29 >expect &&
	test_cmp expect list
'

test_case 'archive of a directory that does not exist' '
	test_status 2 union-audit archive -D nowhere 2>err &&
	test -s err
'

test_case 'diff: nothing changed' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	test_status 0 union-audit diff -D d 2026-06-29 >out 2>err &&
	test_cmp_text out "$DHEAD" && test ! -s err
'

test_case 'diff: rows added, removed, changed, with the columns' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	sed -i "s/13900139000/13900139001/; /^M00000003/d" d/members.csv &&
	echo "M00000004,孙八,320803197005050613,M,1970-05-05,,U000003,恒达机械,regular,2018-01-01,active,7000.00,none" >>d/members.csv &&
	unpay && reopen &&
	test_status 1 union-audit diff -D d 2026-06-29 >out &&
	cat >expect <<-EOT &&
	$DHEAD
	changed,members.csv,M00000002,3,phone
	added,members.csv,M00000004,4,
	removed,members.csv,M00000003,4,
	changed,aid.csv,A0000001,2,paid paid_on status voucher
	changed,cases.csv,C000001,2,closed outcome status
	EOT
	test_cmp expect out
'

test_case 'diff: reordered columns are no change' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	awk -F, -v OFS=, "{ t = \$2; \$2 = \$3; \$3 = t; print }" d/unions.csv >u &&
	mv u d/unions.csv &&
	test_status 0 union-audit diff -D d 2026-06-29 >out &&
	test_cmp_text out "$DHEAD"
'

test_case 'diff by path, in json' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	sed -i /^A0000003/d d/aid.csv &&
	test_status 1 union-audit diff -D d --format jsonl d/archives/2026-06-29 >out &&
	test_cmp_text out "{\"change\":\"removed\",\"file\":\"aid.csv\",\"key\":\"A0000003\",\"line\":4,\"columns\":\"\"}"
'

test_case 'diff refuses an archive that does not match its manifest' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	gunzip d/archives/2026-06-29/aid.csv.gz &&
	sed -i s/800.00/900.00/ d/archives/2026-06-29/aid.csv &&
	gzip d/archives/2026-06-29/aid.csv &&
	test_status 2 union-audit diff -D d 2026-06-29 >out 2>err &&
	test_cmp_text err "union-audit: d/archives/2026-06-29/aid.csv.gz: does not match the archive'\''s manifest" &&
	test ! -s out
'

test_case 'status moves since the last archive' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	unpay && reopen &&
	test_status 1 audit d --no-history -q --skip journal_state >out &&
	cat >expect <<-\EOT &&
	severity,check,file,line,key,message
	error,aid_state_move,aid.csv,2,A0000001,status moved from paid to approved since archive 2026-06-29
	error,case_state_move,cases.csv,2,C000001,status moved from closed to mediating since archive 2026-06-29
	EOT
	test_cmp expect out
'

test_case 'moves are compared with the last archive before today' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-28 >/dev/null &&
	unpay &&
	union-audit archive -D d --as-of 2026-06-30 >/dev/null &&
	test_status 1 audit d --no-history -q --skip journal_state >out &&
	test_grep "^error,aid_state_move,aid.csv,2,A0000001,status moved from paid to approved since archive 2026-06-28$" out
'

test_case 'allowed moves are no finding' '
	audit_fixture d &&
	union-audit archive -D d --as-of 2026-06-29 >/dev/null &&
	sed -i "s/^\(A0000003,.*\),applied,,,,,,,/\1,approved,2026-06-29,500.00,,,王建国,,/" d/aid.csv &&
	sed -i "s/^\(C000002,.*\),open,,,/\1,closed,2026-06-29,resolved,/" d/cases.csv &&
	test_status 0 audit d --no-history -q --skip journal_state >out &&
	test_cmp_text out "severity,check,file,line,key,message"
'

test_done
