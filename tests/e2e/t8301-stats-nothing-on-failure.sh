#!/bin/sh
# t8301-stats-nothing-on-failure.sh - a union-stats run that ends in
# exit 2 (an input that cannot be opened, a column that is not there)
# writes nothing on standard output: no header, no "[]", no rows of the
# inputs before the bad one.
. "$(dirname "$0")/../lib.sh"

# empty_file FILE: FILE has no bytes at all
empty_file() {
	[ ! -s "$1" ] || { echo "$1 is not empty:" >&2; cat "$1" >&2; return 1; }
}

mkin() {
	printf 'a,b\n1,2\n3,4\n' >in.csv
}

for f in csv tsv table json jsonl html; do
	test_case "select --format $f: a missing second file, nothing on stdout" "
		mkin &&
		test_status 2 union-stats select --format $f -c a in.csv \
		    missing.csv >out 2>err &&
		empty_file out &&
		test_cmp_text err 'union-stats: missing.csv: cannot open: No such file or directory'
	"
done

test_case 'select: a missing column, no header on stdout' '
	mkin &&
	test_status 2 union-stats select -c zz in.csv >out 2>err &&
	empty_file out &&
	test_cmp_text err "union-stats: in.csv:1: zz: no such column"
'

test_case 'select --format json: a missing column, not even []' '
	mkin &&
	test_status 2 union-stats select --format json -c zz in.csv >out 2>err &&
	empty_file out
'

test_case 'select: every missing file is named, none is read' '
	mkin &&
	test_status 2 union-stats select in.csv m1.csv m2.csv >out 2>err &&
	empty_file out &&
	test_cmp_text err "union-stats: m1.csv: cannot open: No such file or directory
union-stats: m2.csv: cannot open: No such file or directory"
'

test_case 'select: a header-only input still gives the header (exit 0)' '
	printf "a,b\n" >h.csv &&
	union-stats select -c b h.csv >out &&
	test_cmp_text out "b"
'

test_case 'agg, freq, dup: a missing second file, nothing on stdout' '
	mkin &&
	test_status 2 union-stats agg count in.csv missing.csv >out 2>err &&
	empty_file out &&
	test_status 2 union-stats freq a in.csv missing.csv >out 2>err &&
	empty_file out &&
	test_status 2 union-stats dup a in.csv missing.csv >out 2>err &&
	empty_file out &&
	test_cmp_text err "union-stats: missing.csv: cannot open: No such file or directory"
'

test_case 'agg, dup: a missing column, nothing on stdout' '
	mkin &&
	test_status 2 union-stats agg -g zz count in.csv >out 2>err &&
	empty_file out &&
	test_status 2 union-stats dup zz in.csv >out 2>err &&
	empty_file out &&
	test_cmp_text err "union-stats: in.csv:1: zz: no such column"
'

test_done
