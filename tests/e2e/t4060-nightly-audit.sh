#!/bin/sh
# scripts/nightly-audit: archive, audit, keep the report, rotate; silent
# and exit 0 when clean, the summary and findings and exit 1 when not,
# so that cron mails only what needs reading.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t4001-audit-fixture.sh"

NIGHTLY="$TESTS/../scripts/nightly-audit"

test_case 'a clean night: silent, exit 0, archive and report kept' '
	audit_fixture d &&
	test_status 0 sh "$NIGHTLY" -D d --as-of 2026-06-30 >out 2>err &&
	test ! -s out && test ! -s err &&
	test -f d/archives/2026-06-30/manifest.csv &&
	gunzip -c d/archives/reports/2026-06-30.csv.gz >r &&
	test_cmp_text r "severity,check,file,line,key,message" &&
	test_grep "^0 errors, 0 warnings$" d/archives/reports/2026-06-30.summary
'

test_case 'a night with findings: summary and findings, exit 1' '
	audit_fixture d &&
	sed -i s/13900139000/13900139001/ d/members.csv &&
	test_status 1 sh "$NIGHTLY" -D d --as-of 2026-06-30 >out 2>err &&
	sed "s/ in [0-9.]* s\$/ in T s/" out >got &&
	cat >expect <<-\EOT &&
	read 7 files, 16 rows in T s
	1 error, 0 warnings: journal_state 1
	1 new, 0 still open (oldest 0 days), 0 fixed since the last run

	severity,check,file,line,key,message
	error,journal_state,members.csv,,,changed behind the tools'"'"' back: content differs from the journal in bytes 0 to 453 (entry 3)
	EOT
	test_cmp expect got && test ! -s err
'

test_case 'UNION_DATA names the directory' '
	audit_fixture d &&
	UNION_DATA=d test_status 0 sh "$NIGHTLY" --as-of 2026-06-30 &&
	test -d d/archives/2026-06-30
'

test_case 'KEEP: the newest archives and reports are kept' '
	audit_fixture d &&
	for day in 2026-06-27 2026-06-28 2026-06-29 2026-06-30; do
		KEEP=2 sh "$NIGHTLY" -D d --as-of $day || return 1
	done &&
	ls d/archives >a &&
	printf "%s\n" 2026-06-29 2026-06-30 reports >expect &&
	test_cmp expect a &&
	ls d/archives/reports >r &&
	printf "%s\n" 2026-06-29.csv.gz 2026-06-29.summary 2026-06-30.csv.gz \
	    2026-06-30.summary >expect &&
	test_cmp expect r
'

test_case 'the audit of tonight compares moves with last night' '
	audit_fixture d &&
	sh "$NIGHTLY" -D d --as-of 2026-06-29 &&
	sed -i "s/^\(C000001,.*\),closed,2026-02-01,resolved,/\1,mediating,,,/" d/cases.csv &&
	test_status 1 sh "$NIGHTLY" -D d --as-of 2026-06-30 >out &&
	test_grep "^error,case_state_move,cases.csv,2,C000001,status moved from closed to mediating since archive 2026-06-29$" out
'

test_case 'a usage error' '
	test_status 2 sh "$NIGHTLY" --bogus 2>err &&
	test_cmp_text err "usage: nightly-audit [-D DIR] [--as-of DATE]"
'

test_case 'no data directory: the archive fails, exit 2' '
	test_status 2 sh "$NIGHTLY" -D nowhere >out 2>err &&
	test_grep "^nightly-audit: the archive failed; no audit tonight$" err
'

test_done
