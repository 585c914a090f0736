#!/bin/sh
# t2070-aid-exact.sh - money is exact: sums in whole fen, never floating
# point, and the limits hold to the fen.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

test_case '0.1 + 0.2 yuan paid is exactly 0.30' '
	aid_fixture d &&
	ua apply -m M0000001 -p hardship_relief -a 0.1 >/dev/null &&
	ua apply -m M0000005 -p hardship_relief -a 0.2 >/dev/null &&
	ua approve A00000001 A00000002 >/dev/null &&
	ua pay A00000001 A00000002 >out &&
	cut -d, -f10 out >actual &&
	test_cmp_text actual "paid
0.10
0.20" &&
	ua programs | grep "^hardship_relief," | cut -d, -f9-11 >actual &&
	test_cmp_text actual "2026,0.00,0.30"
'

test_case 'a thousand awards of 33.33 sum to exactly 33330.00' '
	aid_fixture d &&
	awk "BEGIN { for (i = 1; i <= 1000; i++)
	    printf \"M0000001,hardship_relief,33.33,2026-01-%02d,\n\", i % 28 + 1 }" >in.body &&
	{ echo member_id,program,requested,applied,note; cat in.body; } >in.csv &&
	awk -F, "NR > 1 { print \"A\" sprintf(\"%08d\", NR - 1) \",\" \$1 \",\" \$2 \",\" \$4 \",\" \$3 \",applied,,,,,,,\" }" in.csv >>d/aid.csv &&
	ua list --status applied | ua approve - >approved.csv &&
	ua list --status approved | ua pay --voucher 2026-06 - >paid.csv &&
	test $(tail -n +2 paid.csv | wc -l) -eq 1000 &&
	ua programs | grep "^hardship_relief," | cut -d, -f9-12 >actual &&
	test_cmp_text actual "2026,0.00,33330.00," &&
	awk -F, "NR > 1 { s += \$10 * 100 } END { printf \"%.2f\n\", s / 100 }" paid.csv >check &&
	test_cmp_text check 33330.00
'

test_case 'the budget holds to the fen: 0.01 fits, the next 0.01 does not' '
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF &&
	A00000001,M0000002,winter_warmth,2026-01-05,1000.00,paid,2026-01-06,1000.00,2026-01-07,1000.00,王芳,,
	A00000002,M0000005,winter_warmth,2026-01-05,1000.00,approved,2026-01-06,999.99,,,王芳,,
	A00000003,M0000001,winter_warmth,2026-06-01,0.01,applied,,,,,,,
	A00000004,M0000006,winter_warmth,2026-06-01,0.01,applied,,,,,,,
	EOF
	ua approve A00000003 >out &&
	test_grep ",approved,2026-06-15,0.01," out &&
	refuses "union-aid: 0.01 is more than the 0.00 left of programme winter_warmth'\''s 2026 budget 2000.00" \
	    approve A00000004 &&
	ua programs | grep "^winter_warmth," | cut -d, -f10-12 >actual &&
	test_cmp_text actual "1000.00,1000.00,0.00"
'

test_case 'the annual cap holds to the fen' '
	aid_fixture d &&
	echo "A00000001,M0000001,winter_warmth,2026-01-05,1000.00,paid,2026-01-06,999.99,2026-01-07,999.99,王芳,," >>d/aid.csv &&
	refuses "union-aid: 500.02 on top of the 999.99 awarded to member M0000001 by programme winter_warmth in 2026 is above the annual_cap 1500.00" \
	    apply -m M0000001 -p winter_warmth -a 500.02 &&
	ua apply -m M0000001 -p winter_warmth -a 500.01 >out &&
	test_grep "^A00000002,M0000001,winter_warmth,2026-06-15,500.01,applied," out
'

test_case 'amounts are written with two decimals however they were typed' '
	aid_fixture d &&
	printf "%s\n" member_id,program,requested M0000001,hardship_relief,7 M0000005,hardship_relief,7.5 M0000006,hardship_relief,0007.05 >in.csv &&
	ua apply in.csv | cut -d, -f5 >actual &&
	test_cmp_text actual "requested
7.00
7.50
7.05"
'

test_done
