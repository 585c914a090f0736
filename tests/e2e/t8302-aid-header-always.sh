#!/bin/sh
# t8302-aid-header-always.sh - union-aid's changing commands print the
# header line even when no row was accepted (DESIGN: standard output is
# a header, then rows), as union-enroll does: a pipeline's next tool
# always finds its columns.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

test_case 'apply batch: every row refused, the header alone (exit 1)' '
	aid_fixture d &&
	printf "%s\n" member_id,program,requested M0000999,winter_warmth,100 \
	    >in.csv &&
	test_status 1 ua apply in.csv >out 2>err &&
	test_cmp_text out "$AID_HEADER" &&
	test_cmp_text err "union-aid: in.csv:2: member_id: member M0000999 not found"
'

test_case 'approve from stdin: nothing approvable, the header alone' '
	aid_fixture d &&
	printf "%s\n" aid_id A00000099 | test_status 1 ua approve - >out 2>err &&
	test_cmp_text out "$AID_HEADER" &&
	test_cmp_text err "union-aid: <stdin>:2: aid_id: application A00000099 not found"
'

test_case 'pay and reject from stdin: the header alone, in json "[]"' '
	aid_fixture d &&
	ua apply -m M0000001 -p winter_warmth -a 100 >/dev/null &&
	printf "%s\n" aid_id A00000001 | test_status 1 ua pay - >out 2>err &&
	test_cmp_text out "$AID_HEADER" &&
	printf "%s\n" aid_id A00000099 |
	    test_status 1 ua reject --reason x --format json - >out 2>err &&
	test_cmp_text out "[]"
'

test_case 'a batch with no rows at all: the header, exit 0' '
	aid_fixture d &&
	printf "aid_id\n" | ua approve - >out 2>err &&
	test_cmp_text out "$AID_HEADER" &&
	empty err
'

test_case '--all-or-nothing with a refusal: the header alone' '
	aid_fixture d &&
	ua apply -m M0000001 -p winter_warmth -a 100 >/dev/null &&
	printf "%s\n" aid_id A00000001 A00000099 |
	    test_status 1 ua approve --all-or-nothing - >out 2>err &&
	test_cmp_text out "$AID_HEADER" &&
	test_grep "^A00000001,.*,applied," d/aid.csv
'

test_case 'case open and case close refused: the header of cases.csv' '
	aid_fixture d &&
	test_status 1 ua case open --type case --kind wage_arrears \
	    --channel visit --union U99 >out 2>err &&
	test_cmp_text out "$CASE_HEADER" &&
	printf "%s\n" case_id C0000099 |
	    test_status 1 ua case close --outcome resolved - >out 2>err &&
	test_cmp_text out "$CASE_HEADER"
'

test_case 'union-enroll add does the same: the header alone on refusal' '
	aid_fixture d &&
	sed -n "1p;2p" d/members.csv | cut -d, -f2- >in.csv &&
	test_status 1 union-enroll add -D d --as-of "$AS_OF" in.csv >out 2>err &&
	test_cmp_text out "$(head -n 1 d/members.csv)" &&
	test_cmp_text err "union-enroll: in.csv:2: id_number: already has an active membership"
'

test_done
