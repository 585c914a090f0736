#!/bin/sh
# t2050-aid-watch.sh - union-aid watch: members in hardship with nothing
# paid for N months, with their union and last payment; masked.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

# Paid: M0000001 on 2026-01-15 and 2025-12-22, M0000005 on 2025-05-01,
# M0000004 (left) on 2024-01-01; M0000006 approved, not paid.
watch_fixture() {
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF
	A00000001,M0000001,winter_warmth,2025-12-20,800.00,paid,2025-12-21,800.00,2025-12-22,800.00,王芳,2025-12,
	A00000002,M0000001,hardship_relief,2026-01-10,500.00,paid,2026-01-12,500.00,2026-01-15,500.00,王芳,2026-01,
	A00000003,M0000005,hardship_relief,2025-04-20,300.00,paid,2025-04-21,300.00,2025-05-01,300.00,王芳,2025-05,
	A00000004,M0000004,hardship_relief,2023-12-20,300.00,paid,2023-12-21,300.00,2024-01-01,300.00,王芳,2024-01,
	A00000005,M0000006,medical_mutual,2026-03-01,5000.00,approved,2026-03-05,4000.00,,,王芳,,
	EOF
}

HEAD=member_id,name,phone,hardship,union_id,union_name,last_paid
W5='M0000005,钱*,135****5678,relative,U02,城东镇工会,2025-05-01'
W1='M0000001,张*,138****5678,deep,U03,东风机械厂工会,2026-01-15'
W3='M0000003,王*,137****5678,relative,U03,东风机械厂工会,'
W6='M0000006,孙*,,accidental,U05,县医院工会,'

test_case 'watch: nothing paid in 12 months, by union then member' '
	watch_fixture &&
	ua watch >out 2>err &&
	test_cmp_text out "$HEAD
$W5
$W3
$W6" &&
	empty err
'

test_case 'watch --months 4 brings in the member last paid in January' '
	watch_fixture &&
	ua watch --months 4 >out &&
	test_cmp_text out "$HEAD
$W5
$W1
$W3
$W6"
'

test_case 'watch: a payment exactly N months ago still counts as recent' '
	watch_fixture &&
	(AS_OF=2026-05-15; ua watch --months 4) >out &&
	test_no_grep "^M0000001," out &&
	(AS_OF=2026-05-16; ua watch --months 4) >out &&
	test_grep "^M0000001,.*,2026-01-15$" out
'

test_case 'watch --union: that union and the ones under it' '
	watch_fixture &&
	ua watch --union U03 >out &&
	test_cmp_text out "$HEAD
$W3" &&
	ua watch --union U02 --months 4 >out &&
	test_cmp_text out "$HEAD
$W5
$W1
$W3"
'

test_case 'watch --show-pii: names and phones in full' '
	watch_fixture &&
	ua watch --show-pii --union U02 >out &&
	test_cmp_text out "$HEAD
M0000005,钱七,13512345678,relative,U02,城东镇工会,2025-05-01
M0000003,王五,13712345678,relative,U03,东风机械厂工会,"
'

test_case 'usage: --months must be a whole number of months' '
	watch_fixture &&
	usage_fails "union-aid: --months: '\''0'\'': not a whole number from 1 to 1200" \
	    "union-aid: see '\''union-aid --help'\''" watch --months 0 &&
	usage_fails "union-aid: --months: '\''six'\'': not a whole number from 1 to 1200" \
	    "union-aid: see '\''union-aid --help'\''" watch --months six
'

test_case 'watch without members.csv: exit 2' '
	watch_fixture && rm d/members.csv &&
	test_status 2 ua watch >out 2>err &&
	test_cmp_text err "union-aid: d/members.csv: no such file (is d a data directory?)"
'

test_done
