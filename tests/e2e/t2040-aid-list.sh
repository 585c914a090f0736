#!/bin/sh
# t2040-aid-list.sh - union-aid list: filters, the union hierarchy, the
# member's details, and the masking of personal and health data.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

list_fixture() {
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF
	A00000001,M0000001,winter_warmth,2025-12-20,800.00,paid,2025-12-21,800.00,2025-12-22,800.00,王芳,2025-12,
	A00000002,M0000006,medical_mutual,2026-03-01,5000.00,approved,2026-03-05,4000.00,,,王芳,,住院
	A00000003,M0000005,winter_warmth,2026-06-02,1000.00,applied,,,,,,,
	A00000004,M0000002,medical_mutual,2026-05-01,5000.00,rejected,2026-05-05,,,,王芳,,rejected: 材料不全
	A00000005,M0000001,hardship_relief,2026-01-10,500.00,paid,2026-01-12,500.00,2026-01-15,500.00,王芳,2026-01,
	EOF
}

A1='A00000001,M0000001,winter_warmth,2025-12-20,800.00,paid,2025-12-21,800.00,2025-12-22,800.00,王芳,2025-12,'
A2='A00000002,M*******,medical_mutual,2026-03-01,5000.00,approved,2026-03-05,4000.00,,,王芳,,住院'
A3='A00000003,M0000005,winter_warmth,2026-06-02,1000.00,applied,,,,,,,'
A4='A00000004,M*******,medical_mutual,2026-05-01,5000.00,rejected,2026-05-05,,,,王芳,,rejected: 材料不全'
A5='A00000005,M0000001,hardship_relief,2026-01-10,500.00,paid,2026-01-12,500.00,2026-01-15,500.00,王芳,2026-01,'

test_case 'list: every application; medical aid does not name the member' '
	list_fixture &&
	ua list >out 2>err &&
	test_cmp_text out "$AID_HEADER
$A1
$A2
$A3
$A4
$A5" &&
	empty err
'

test_case 'list --show-pii: the rows as filed' '
	list_fixture &&
	ua list --show-pii >out &&
	test_cmp d/aid.csv out
'

test_case 'list --status, --program, --member, --year' '
	list_fixture &&
	ua list --status paid >out && test_cmp_text out "$AID_HEADER
$A1
$A5" &&
	ua list --program winter_warmth >out && test_cmp_text out "$AID_HEADER
$A1
$A3" &&
	ua list --member M0000001 >out && test_cmp_text out "$AID_HEADER
$A1
$A5" &&
	ua list --year 2025 >out && test_cmp_text out "$AID_HEADER
$A1" &&
	ua list --year 2026 --status paid >out && test_cmp_text out "$AID_HEADER
$A5"
'

test_case 'list --union: the union and every union under it' '
	list_fixture &&
	ua list --union U02 >out && test_cmp_text out "$AID_HEADER
$A1
$A3
$A4
$A5" &&
	ua list --union U03 >out && test_cmp_text out "$AID_HEADER
$A1
$A4
$A5" &&
	ua list --union U05 >out && test_cmp_text out "$AID_HEADER
$A2" &&
	ua list --union U01 >out && test_cmp_text out "$AID_HEADER
$A1
$A2
$A3
$A4
$A5"
'

test_case 'list --with-member: name, ID number and phone masked' '
	list_fixture &&
	ua list --with-member --status paid >out &&
	test_cmp_text out "$AID_HEADER,name,id_number,phone,union_id
$A1,张*,320803********0117,138****5678,U03
$A5,张*,320803********0117,138****5678,U03" &&
	ua list -w --program medical_mutual >out &&
	test_cmp_text out "$AID_HEADER,name,id_number,phone,union_id
$A2,孙*,320803********0613,,U05
$A4,李*,320803********0224,139****5678,U03"
'

test_case 'list --with-member --show-pii: everything shown' '
	list_fixture &&
	ua list --with-member --show-pii --member M0000006 >out &&
	test_cmp_text out "$AID_HEADER,name,id_number,phone,union_id
A00000002,M0000006,medical_mutual,2026-03-01,5000.00,approved,2026-03-05,4000.00,,,王芳,,住院,孙八,320803197005050613,,U05"
'

test_case 'no listing format shows an ID number or phone unmasked' '
	list_fixture &&
	for f in csv tsv table json jsonl html; do
		ua list --with-member --format $f >out.$f || exit 1
		test_no_grep "320803198001010117\|13812345678\|M0000006" out.$f || exit 1
	done
'

test_case 'list --format jsonl: one object per application' '
	list_fixture &&
	ua list --member M0000001 --year 2025 --format jsonl >out &&
	test_cmp_text out "{\"aid_id\":\"A00000001\",\"member_id\":\"M0000001\",\"program\":\"winter_warmth\",\"applied\":\"2025-12-20\",\"requested\":\"800.00\",\"status\":\"paid\",\"decided\":\"2025-12-21\",\"approved\":\"800.00\",\"paid_on\":\"2025-12-22\",\"paid\":\"800.00\",\"reviewer\":\"王芳\",\"voucher\":\"2025-12\",\"note\":\"\"}"
'

test_case 'a malformed record is named and skipped; the listing exits 2' '
	list_fixture &&
	echo "A00000006,M0000001,winter_warmth,2026-06-01" >>d/aid.csv &&
	echo "$A3" | sed "s/A00000003/A00000007/" >>d/aid.csv &&
	test_status 2 ua list --status applied >out 2>err &&
	test_cmp_text out "$AID_HEADER
$A3
$(echo "$A3" | sed "s/A00000003/A00000007/")" &&
	test_cmp_text err "union-aid: d/aid.csv:7: expected 13 fields, found 4"
'

test_case 'list on a directory with no applications yet: the header only' '
	aid_fixture d && rm d/aid.csv &&
	ua list >out &&
	test_cmp_text out "$AID_HEADER"
'

test_case 'list --union of an unknown union: exit 2' '
	list_fixture &&
	test_status 2 ua list --union U99 >out 2>err &&
	test_cmp_text err "union-aid: union U99 not found"
'

test_case 'usage: a status that does not exist, a year that is not one' '
	list_fixture &&
	usage_fails "union-aid: --status: '\''payed'\'': not one of applied, approved, rejected, paid" \
	    "union-aid: see '\''union-aid --help'\''" list --status payed &&
	usage_fails "union-aid: --year: '\''26'\'': not a whole number from 1900 to 9999" \
	    "union-aid: see '\''union-aid --help'\''" list --year 26 &&
	usage_fails "union-aid: list takes no operands" \
	    "union-aid: see '\''union-aid --help'\''" list A00000001
'

test_done
