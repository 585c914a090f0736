#!/bin/sh
# t7100-fuzz-replay: every input kept for the fuzz targets (the seed
# corpus tests/fuzz/corpus/NAME and the regression inputs of crashes
# found, tests/fuzz/crashes/NAME) goes once more through its target's
# code, linked without libFuzzer (tests/fuzz/replay.c), so that a plain
# gcc build checks them.  A target aborts on a broken invariant: the
# reader's modes disagreeing, a money or date round trip failing, a
# journal written by the tools not verifying, and so on (tests/fuzz/).
. "$(dirname "$0")/../lib.sh"

replay=$UNION_BUILD/fuzz-replay

# replay_all NAME: run fuzz_NAME over its corpus and crash inputs.
replay_all() {
	set -- "$1" "$TESTS/fuzz/corpus/$1"/* \
	    $(ls -d "$TESTS/fuzz/crashes/$1"/* 2>/dev/null)
	name=$1; shift
	test_status 0 "$replay/fuzz_$name" "$@" >out 2>err || {
		tail -n 30 err; return 1; }
	test_cmp_text out "$# inputs"
}

for dir in "$TESTS"/fuzz/corpus/*/; do
	name=${dir%/}; name=${name##*/}
	test_case "fuzz_$name replays its corpus and kept crash inputs" \
	    "replay_all $name"
done

test_case 'every target has a seed corpus' '
	for src in "$TESTS"/fuzz/fuzz_*.c; do
		name=${src##*/fuzz_}; name=${name%.c}
		ls "$TESTS/fuzz/corpus/$name"/* >/dev/null || return 1
	done
'

test_case 'the seed corpus and crash inputs stay under 1 MB' '
	bytes=$(cat "$TESTS"/fuzz/corpus/*/* "$TESTS"/fuzz/crashes/*/* |
	    wc -c) &&
	test "$bytes" -lt 1048576
'

# What fuzz_table found, as the tools show it (crashes/table/).
test_case 'a .gz with a bad CRC gives its rows, then the error where they end' '
	printf "a,b\n1,2\n3,4\n" | gzip -n >in.csv.gz &&
	size=$(wc -c <in.csv.gz) &&
	printf "\000\000\000\000" |
	    dd of=in.csv.gz bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null &&
	test_status 2 union-stats select in.csv.gz >out 2>err &&
	printf "a,b\n1,2\n3,4\n" >expect &&
	test_cmp expect out &&
	test_cmp_text err \
	    "union-stats: in.csv.gz:4: corrupt gzip data: incorrect data check"
'

test_case 'a broken invariant fails the replay (it aborts)' '
	printf "\\003a,b\\n1,2\\n" >in &&
	FUZZ_BREAK=1 "$replay/fuzz_table" in >out 2>err; test $? -gt 128 &&
	test_grep "invariant failed" err
'

test_done
