#!/bin/sh
# t2080-aid-years.sh - caps and budgets are per calendar year, the year
# of the application date.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

# M0000001 had the whole 1500.00 cap of winter_warmth in 2025.
years_fixture() {
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF
	A00000001,M0000001,winter_warmth,2025-02-01,1000.00,paid,2025-02-02,1000.00,2025-02-03,1000.00,王芳,,
	A00000002,M0000001,winter_warmth,2025-12-20,500.00,paid,2025-12-21,500.00,2025-12-22,500.00,王芳,,
	EOF
}

test_case 'last year'\''s awards do not count against this year'\''s cap' '
	years_fixture &&
	ua apply -m M0000001 -p winter_warmth -a 1000 >out &&
	test_grep "^A00000003,M0000001,winter_warmth,2026-06-15,1000.00,applied," out
'

test_case 'an application dated last year is judged against last year'\''s cap' '
	years_fixture &&
	(AS_OF=2026-01-05; refuses "union-aid: 100.00 on top of the 1500.00 awarded to member M0000001 by programme winter_warmth in 2025 is above the annual_cap 1500.00" \
	    apply -m M0000001 -p winter_warmth -a 100 -d 2025-12-31) &&
	(AS_OF=2026-01-05; ua apply -m M0000001 -p winter_warmth -a 100 -d 2026-01-01) >out &&
	test_grep "^A00000003,M0000001,winter_warmth,2026-01-01,100.00,applied," out
'

test_case 'a December application approved in January counts to December'\''s year' '
	aid_fixture d &&
	echo "A00000001,M0000005,winter_warmth,2025-12-30,700.00,applied,,,,,,," >>d/aid.csv &&
	(AS_OF=2026-01-04; ua approve A00000001 >/dev/null) &&
	ua programs --year 2025 | grep "^winter_warmth," | cut -d, -f9-12 >actual &&
	test_cmp_text actual "2025,700.00,0.00,1300.00" &&
	ua programs --year 2026 | grep "^winter_warmth," | cut -d, -f9-12 >actual &&
	test_cmp_text actual "2026,0.00,0.00,2000.00"
'

test_case 'a spent budget last year leaves this year'\''s whole' '
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF &&
	A00000001,M0000005,winter_warmth,2025-11-01,1000.00,paid,2025-11-02,1000.00,2025-11-03,1000.00,王芳,,
	A00000002,M0000006,winter_warmth,2025-11-01,1000.00,paid,2025-11-02,1000.00,2025-11-03,1000.00,王芳,,
	A00000003,M0000001,winter_warmth,2025-12-01,10.00,applied,,,,,,,
	A00000004,M0000005,winter_warmth,2026-03-01,1000.00,applied,,,,,,,
	EOF
	refuses "union-aid: 10.00 is more than the 0.00 left of programme winter_warmth'\''s 2025 budget 2000.00" \
	    approve A00000003 &&
	ua approve A00000004 >out &&
	test_grep "^A00000004,.*,approved,2026-06-15,1000.00," out
'

test_done
