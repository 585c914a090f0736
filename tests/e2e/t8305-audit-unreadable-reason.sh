#!/bin/sh
# t8305-audit-unreadable-reason.sh - a table the reader refuses (UTF-16,
# a truncated gzip stream, a bad header): union-audit says the reader's
# reason once on standard error, and the finding carries it.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

UTF16='file is UTF-16; save it as CSV UTF-8, or convert with iconv'
O=severity,check,file,line,key,message

audit() {
	union-audit -q -D d --as-of "$AS_OF" --no-history "$@"
}

test_case 'a UTF-16 table: the reason once, and in the finding' '
	aid_fixture d &&
	iconv -f UTF-8 -t UTF-16 d/unions.csv >u16 && mv u16 d/unions.csv &&
	test_status 1 audit --only unreadable >out 2>err &&
	test_cmp_text err "union-audit: d/unions.csv: $UTF16" &&
	test_cmp_text out "$O
error,unreadable,unions.csv,,,\"cannot be read as a table: $UTF16\""
'

test_case 'a truncated gzip table: the reason once, and in the finding' '
	aid_fixture d &&
	gzip -n -c d/members.csv | head -c 40 >d/members.csv.gz &&
	rm d/members.csv &&
	test_status 1 audit --only unreadable >out 2>err &&
	test_cmp_text err "union-audit: d/members.csv.gz: truncated gzip stream" &&
	test_cmp_text out "$O
error,unreadable,members.csv.gz,,,cannot be read as a table: truncated gzip stream"
'

test_case 'an unterminated quote in the header: its line and reason' '
	aid_fixture d &&
	printf "\"case_id,type\n" >d/cases.csv &&
	test_status 1 audit --only unreadable >out 2>err &&
	test_cmp_text err "union-audit: d/cases.csv:1: field 1: unterminated quoted field" &&
	test_cmp_text out "$O
error,unreadable,cases.csv,,,cannot be read as a table: field 1: unterminated quoted field"
'

test_case 'a duplicated column: said once, found as a header fault' '
	aid_fixture d &&
	sed "1s/\$/,name/" d/unions.csv >u && mv u d/unions.csv &&
	test_status 1 audit --only header >out 2>err &&
	test_cmp_text err "union-audit: d/unions.csv:1: name: duplicate column name" &&
	test_cmp_text out "$O
error,header,unions.csv,1,,column name appears twice (fields 2 and 11)"
'

test_done
