#!/bin/sh
# run.sh DIR SECONDS: run every libFuzzer target DIR/fuzz_NAME for
# SECONDS seconds, seeded with tests/fuzz/corpus/NAME and the kept
# crash inputs tests/fuzz/crashes/NAME.  New inputs go to DIR/corpus/NAME
# (not into the tree), crashes to DIR/artifacts/; a target's log is
# DIR/NAME.log.  Ends with "N passed, N failed" (a target that found a
# crash or broke an invariant fails); exits 1 when any failed.
dir=$1 secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
mkdir -p "$dir/artifacts"
for bin in "$dir"/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	work=$dir/corpus/$name
	mkdir -p "$work"
	seeds="$here/corpus/$name"
	[ -d "$here/crashes/$name" ] && seeds="$seeds $here/crashes/$name"
	# -close_fd_mask=2: the library's messages about bad input are
	# discarded; libFuzzer's and the sanitizers' reports are kept.
	# shellcheck disable=SC2086
	nice -n 10 "$bin" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=65536 -close_fd_mask=2 \
	    -artifact_prefix="$dir/artifacts/$name-" \
	    "$work" $seeds >"$dir/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$dir/$name.log")
	if [ $rc -eq 0 ]; then
		echo "fuzz: $name: ${runs:-?} runs in ${secs} s, clean"
		pass=$((pass + 1))
	else
		grep -E 'ERROR|invariant failed|SUMMARY|Test unit written' \
		    "$dir/$name.log" | head -n 20
		echo "fuzz: $name: FAILED (exit $rc), log in $dir/$name.log"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
