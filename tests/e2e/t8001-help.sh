#!/bin/sh
# --help of every tool and every command: standard output, exit 0, one
# screen (at most 24 lines of at most 80 columns), exactly one example
# line that runs the tool or command; and each option a command's help
# names is one the command takes.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t8000-daily-lib.sh"

# fits FILE: at most 24 lines, none over 80 columns, all ASCII
fits() {
	n=$(wc -l <"$1") &&
	[ "$n" -le 24 ] || { echo "$1: $n lines" >&2; return 1; }
	! LC_ALL=C grep -n '[^ -~]' "$1" >&2 || { echo "$1: not ASCII" >&2; return 1; }
	! grep -n '.\{81,\}' "$1" >&2 || { echo "$1: a line over 80 columns" >&2; return 1; }
}

for t in $TOOLS; do
	test_case "$t --help: one screen, one example, exit 0" '
		test_status 0 '"$t"' --help >out 2>err && test ! -s err &&
		fits out &&
		grep "^example: " out >ex && test $(wc -l <ex) -eq 1 &&
		test_grep "^example: '"$t"' " ex &&
		test_grep "^usage: '"$t"' " out
	'
	test_case "$t: every command's --help: one screen, one example" '
		commands '"$t"' >cmds && test -s cmds &&
		while read -r c; do
			test_status 0 '"$t"' $c --help >out 2>err &&
			test ! -s err && fits out &&
			grep "^example: " out >ex &&
			test $(wc -l <ex) -eq 1 &&
			test_grep "'"$t"' $c\\( \\|\$\\)" ex || {
				echo "in: '"$t"' $c --help" >&2; exit 1; }
		done <cmds
	'
	test_case "$t: the options each help names are taken" '
		commands '"$t"' >cmds &&
		while read -r c; do
			help_options '"$t"' "$c" >named &&
			accepted '"$t"' "$c" >took &&
			subset named took || {
				echo "in: '"$t"' $c --help" >&2; exit 1; }
		done <cmds
	'
done

test_case 'the tool help lists the common options each command takes' '
	common_options union-stats >common &&
	test_cmp_text common "as-of
data
encoding
excel
format
help
quiet
show-pii
version" &&
	for t in $TOOLS; do
		common_options $t >c2 && test_cmp common c2 || exit 1
		commands $t | while read -r c; do
			accepted $t "$c" >took &&
			subset common took || exit 1
		done || exit 1
	done
'

test_case 'union-audit check is the default: its help without the command' '
	union-audit check --help >a && union-audit --only header --help >b &&
	test_cmp a b
'

test_case 'a broken help is caught: 25 lines do not fit' '
	seq 25 >long && ! fits long 2>/dev/null &&
	printf "%081d\n" 0 >wide && ! fits wide 2>/dev/null &&
	seq 24 >ok && fits ok
'

test_done
