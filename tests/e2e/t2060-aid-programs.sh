#!/bin/sh
# t2060-aid-programs.sh - union-aid programs: the rules in force, the
# year's budget, what is approved and paid against it, what is left.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

programs_fixture() {
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF
	A00000001,M0000001,winter_warmth,2025-12-20,800.00,paid,2025-12-21,800.00,2025-12-22,800.00,王芳,2025-12,
	A00000002,M0000005,winter_warmth,2026-01-10,900.00,paid,2026-01-12,800.00,2026-01-15,800.00,王芳,2026-01,
	A00000003,M0000006,winter_warmth,2026-02-01,600.00,approved,2026-02-03,600.00,,,王芳,,
	A00000004,M0000001,winter_warmth,2026-06-01,500.00,applied,,,,,,,
	A00000005,M0000002,medical_mutual,2026-05-01,5000.00,rejected,2026-05-05,,,,王芳,,
	A00000006,M0000006,medical_mutual,2026-03-01,5000.00,approved,2026-03-05,4000.50,,,王芳,,
	EOF
}

HEAD=program,title,max_award,annual_cap,min_member_days,requires_hardship,budget,active,year,approved,paid,left

test_case 'programs: this year'\''s approved, paid and left of each active programme' '
	programs_fixture &&
	ua programs >out 2>err &&
	test_cmp_text out "$HEAD
winter_warmth,送温暖,1000.00,1500.00,90,yes,2000.00,yes,2026,600.00,800.00,600.00
school_aid,金秋助学,3000.00,3000.00,180,yes,,yes,2026,0.00,0.00,
medical_mutual,职工互助医疗,20000.00,50000.00,180,no,100000.00,yes,2026,4000.50,0.00,95999.50
hardship_relief,困难帮扶,2000.00,,0,yes,,yes,2026,0.00,0.00," &&
	empty err
'

test_case 'programs --year 2025 --all: another year, inactive programmes too' '
	programs_fixture &&
	ua programs --year 2025 --all >out &&
	test_cmp_text out "$HEAD
winter_warmth,送温暖,1000.00,1500.00,90,yes,2000.00,yes,2025,0.00,800.00,1200.00
school_aid,金秋助学,3000.00,3000.00,180,yes,,yes,2025,0.00,0.00,
medical_mutual,职工互助医疗,20000.00,50000.00,180,no,100000.00,yes,2025,0.00,0.00,100000.00
hardship_relief,困难帮扶,2000.00,,0,yes,,yes,2025,0.00,0.00,
accident,意外伤害,10000.00,10000.00,0,no,,no,2025,0.00,0.00,"
'

test_case 'programs --format table aligns the Chinese titles' '
	programs_fixture &&
	ua programs --format table >out &&
	sed -n 2p out >line &&
	test_cmp_text line "winter_warmth    送温暖          1000.00     1500.00               90  yes                  2000.00  yes     2026    600.00  800.00    600.00"
'

test_case 'a damaged programs.csv is named by line and column: exit 2' '
	programs_fixture &&
	echo "bad_one,坏,12.345,,,,," >>d/programs.csv &&
	test_status 2 ua programs >out 2>err &&
	test_cmp_text err "union-aid: d/programs.csv:7: max_award: more than two decimals"
'

test_case 'usage: programs takes no operands, and a year' '
	programs_fixture &&
	usage_fails "union-aid: programs takes no operands" \
	    "union-aid: see '\''union-aid --help'\''" programs 2026 &&
	usage_fails "union-aid: --year: '\''MMXXVI'\'': not a whole number from 1900 to 9999" \
	    "union-aid: see '\''union-aid --help'\''" programs --year MMXXVI
'

test_done
