#!/bin/sh
# t2001-aid-cli.sh - union-aid's command line: help, version, unknown
# commands, and the three ways to name the data directory.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

test_case 'union-aid --help lists every command' '
	union-aid --help >out 2>err &&
	empty err &&
	sed -n "s/^  \([a-z]*\) .*/\1/p" out >actual &&
	test_cmp_text actual "apply
approve
reject
pay
list
watch
programs
case" &&
	test_grep "^usage: union-aid \[-D DIR\] COMMAND" out
'

test_case 'every command has --help, on standard output, exit 0' '
	for c in apply approve reject pay list watch programs "case open" \
	    "case mediate" "case close" "case list"; do
		union-aid $c --help >out 2>err || exit 1
		test_grep "^usage: union-aid $c" out || exit 1
		empty err || exit 1
	done &&
	union-aid case --help >out && test_grep "^  mediate " out
'

test_case 'union-aid --version and COMMAND --version' '
	union-aid --version >out && test_grep "^union-aid [0-9]" out &&
	union-aid list --version >out2 && test_cmp out out2
'

test_case 'an unknown command: exit 2' '
	test_status 2 union-aid grant >out 2>err &&
	test_cmp_text err "union-aid: '\''grant'\'' is not a command
union-aid: see '\''union-aid --help'\''"
'

test_case 'the data directory: -D before the command, -D after it, $UNION_DATA' '
	aid_fixture d &&
	union-aid -D d programs --as-of 2026-06-15 >one &&
	union-aid programs -D d --as-of 2026-06-15 >two &&
	UNION_DATA=d union-aid programs --as-of 2026-06-15 >three &&
	(cd d && union-aid programs --as-of 2026-06-15) >four &&
	test_cmp one two && test_cmp one three && test_cmp one four
'

test_case 'a directory that is not a data directory: exit 2, said plainly' '
	mkdir empty &&
	test_status 2 union-aid programs -D empty >out 2>err &&
	test_cmp_text err "union-aid: empty/programs.csv: no such file (is empty a data directory?)"
'

test_done
