#!/bin/sh
# run-unit.sh DIR: run every unit test program in DIR and sum their
# "N passed, N failed" lines into one.
dir=$1
pass=0 fail=0
for t in "$dir"/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1); rc=$?
	line=$(printf '%s\n' "$out" | tail -n 1)
	p=$(printf '%s\n' "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(printf '%s\n' "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		# crashed or printed no summary: count it as one failure
		printf '%s\n' "$out" | tail -n 20
		echo "unit: ${t##*/}: no summary (exit $rc)"
		fail=$((fail + 1))
		continue
	fi
	[ "$f" -ne 0 ] || [ $rc -ne 0 ] && printf '%s\n' "$out" | grep -v 'passed, .* failed$'
	[ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "unit: ${t##*/}: $p passed, $f failed"
	pass=$((pass + p)); fail=$((fail + f))
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
