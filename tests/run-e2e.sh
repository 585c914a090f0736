#!/bin/sh
# run-e2e.sh BINDIR BUILDDIR [SUITE]: run every tests/SUITE/t*.sh (SUITE
# e2e by default; hard for run-hard.sh) with the tools of BINDIR first on
# PATH, and sum their "N passed, N failed" lines.
bindir=$1 builddir=$2 suite=${3:-e2e}
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
for t in "$here"/$suite/t*.sh; do
	[ -f "$t" ] || continue
	out=$(UNION_BIN=$bindir UNION_BUILD=$builddir PATH="$bindir:$PATH" \
	    sh "$t" 2>&1 </dev/null); rc=$?
	line=$(printf '%s\n' "$out" | tail -n 1)
	p=$(printf '%s\n' "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(printf '%s\n' "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		printf '%s\n' "$out" | tail -n 20
		echo "$suite: ${t##*/}: no summary (exit $rc)"
		fail=$((fail + 1)); continue
	fi
	[ "$f" -ne 0 ] && printf '%s\n' "$out" | sed '$d'
	echo "$suite: ${t##*/}: $p passed, $f failed"
	pass=$((pass + p)); fail=$((fail + f))
done
echo "$suite: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
