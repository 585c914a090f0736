#!/bin/sh
# t8304-data-file-paths.sh - messages about a data file name it as the
# user gave the directory (d/members.csv, not members.csv), so that a
# cron mail or a script's log says which federation's file failed.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

RESTORE='missing, but the journal has it; restore it (union-audit archive keeps copies) before changing it'

test_case 'a table gone from the directory: named with the directory' '
	aid_fixture d &&
	ua apply -m M0000001 -p winter_warmth -a 100 >/dev/null &&
	rm d/aid.csv &&
	test_status 2 ua apply -m M0000001 -p winter_warmth -a 100 >out 2>err &&
	test_cmp_text err "union-aid: d/aid.csv: $RESTORE"
'

test_case 'the same through -D with a longer path' '
	mkdir -p fed/county && aid_fixture fed/county &&
	union-aid apply -D fed/county --as-of $AS_OF -m M0000001 \
	    -p winter_warmth -a 100 >/dev/null &&
	rm fed/county/aid.csv &&
	test_status 2 union-aid apply -D fed/county --as-of $AS_OF \
	    -m M0000001 -p winter_warmth -a 100 >out 2>err &&
	test_cmp_text err "union-aid: fed/county/aid.csv: $RESTORE"
'

test_case 'in the current directory: the bare name' '
	aid_fixture . &&
	union-aid apply --as-of $AS_OF -m M0000001 -p winter_warmth -a 100 \
	    >/dev/null &&
	rm aid.csv &&
	test_status 2 union-aid apply --as-of $AS_OF -m M0000001 \
	    -p winter_warmth -a 100 >out 2>err &&
	test_cmp_text err "union-aid: aid.csv: $RESTORE"
'

test_case 'a write error names the file with its directory (ulimit -f)' '
	aid_fixture d &&
	i=0 && while [ $i -lt 400 ]; do
		printf "M%07d,x,,M,1980-01-01,,U03,,regular,2020-01-01,active,1.00,none\n" $((i + 100))
		i=$((i + 1))
	done >>d/members.csv &&
	(ulimit -f 16 && exec union-enroll -D d leave M0000001 \
	    --date 2026-06-01 --as-of $AS_OF) >out 2>err
	test $? -eq 2 &&
	test_cmp_text err "union-enroll: d/members.csv: write error: File too large"
'

test_done
