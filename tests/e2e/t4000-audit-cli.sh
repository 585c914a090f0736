#!/bin/sh
# union-audit: the command line itself: help, version, the list of
# checks, and every usage error with its exact message and status 2.
. "$(dirname "$0")/../lib.sh"

test_case 'version' '
	union-audit --version >out &&
	test_cmp_text out "union-audit 0.1.0"
'

test_case 'check --help prints the synopsis, exit 0' '
	test_status 0 union-audit check --help >out 2>err &&
	test_grep "^usage: union-audit \[check\] \[-q\] \[-D DIR\]" out &&
	test ! -s err
'

test_case 'every subcommand has --help' '
	for c in open accept archive diff; do
		test_status 0 union-audit $c --help >out 2>err &&
		test_grep "^usage: union-audit $c" out || return 1
	done
'

test_case 'the tool help lists the commands' '
	union-audit --help >out &&
	test_grep "^  check        audit the data directory (the default)$" out &&
	test_grep "^  open " out && test_grep "^  accept " out &&
	test_grep "^  archive " out && test_grep "^  diff " out
'

test_case '--list-checks: one row per check, stable names' '
	union-audit --list-checks >out &&
	cut -d, -f1,2 out >names &&
	cat >expect <<-\EOT &&
	check,severity
	missing_file,error
	unreadable,error
	header,error
	malformed_record,error
	torn_line,error
	field,error
	uscc_override,warning
	id_mismatch,error
	union_row,error
	aid_row,error
	case_row,error
	dup_key,error
	dangling_ref,error
	union_cycle,error
	level_chain,error
	dup_active_person,error
	member_of_dissolved,error
	join_date,error
	aid_state_move,error
	aid_over_max_award,error
	aid_over_annual_cap,error
	aid_over_budget,error
	aid_not_member,error
	aid_decided_not_member,error
	aid_hardship_required,error
	enterprise_dissolved_union,error
	case_state_move,error
	journal_chain,error
	journal_state,error
	journal_untracked,warning
	EOT
	test_cmp expect names
'

test_case 'the man page names every check' '
	union-audit --list-checks | sed 1d | cut -d, -f1 >names &&
	while read -r n; do
		grep -q "^\.It Sy $n " "$TESTS/../man/union-audit.1" ||
		{ echo "man page lacks $n" >&2; return 1; }
	done <names
'

test_case 'unknown check in --only' '
	test_status 2 union-audit --only field,nosuch >out 2>err &&
	test_cmp_text err "union-audit: unknown check '\''nosuch'\'' (see --list-checks)" &&
	test ! -s out
'

test_case 'unknown check in --skip' '
	test_status 2 union-audit --skip "" 2>err &&
	test_cmp_text err "union-audit: unknown check '\'''\'' (see --list-checks)"
'

test_case 'unknown option prints the usage' '
	test_status 2 union-audit --bogus 2>err &&
	head -n 2 err >first &&
	printf "%s\n" "union-audit: unknown option '\''--bogus'\''" \
	    "usage: union-audit [check] [-q] [-D DIR] [--as-of DATE] [--only NAME,...]" >expect &&
	test_cmp expect first
'

test_case 'an operand is a usage error' '
	test_status 2 union-audit check extra 2>err &&
	printf "%s\n" "union-audit: check: unexpected operand '\''extra'\''" \
	    "union-audit: see '\''union-audit --help'\''" >expect &&
	test_cmp expect err
'

test_case 'a missing data directory cannot be audited' '
	test_status 2 union-audit -D nowhere >out 2>err &&
	test_cmp_text err "union-audit: cannot open data directory nowhere: No such file or directory" &&
	test ! -s out
'

test_case 'a file is not a data directory' '
	: >plain &&
	test_status 2 union-audit -D plain 2>err &&
	test_cmp_text err "union-audit: cannot open data directory plain: Not a directory"
'

test_case 'a bad --as-of is a usage error' '
	test_status 2 union-audit --as-of 2026-02-30 2>err &&
	test_grep "^union-audit: --as-of: '\''2026-02-30'\'': " err
'

test_case 'open: a bad --older-than' '
	test_status 2 union-audit open --older-than 3x 2>err &&
	test_grep "^union-audit: --older-than: '\''3x'\'' is not a number of days$" err
'

test_case 'accept needs --by and --reason' '
	test_status 2 union-audit accept members.csv --reason x 2>err &&
	test_grep "^union-audit: accept: --by NAME is required: who accepts$" err &&
	test_status 2 union-audit accept members.csv --by x 2>err &&
	test_grep "^union-audit: accept: --reason TEXT is required: why$" err
'

test_case 'accept refuses a file that is not a table' '
	test_status 2 union-audit accept journal.csv --by x --reason y 2>err &&
	test_grep "^union-audit: accept: '\''journal.csv'\'' is not a table of the data directory$" err
'

test_case 'diff needs exactly one archive' '
	test_status 2 union-audit diff 2>err &&
	test_cmp_text err "usage: union-audit diff [-D DIR] [--format FMT] ARCHIVE"
'

test_case 'diff of an archive that does not exist' '
	mkdir d &&
	test_status 2 union-audit diff -D d 2020-01-01 2>err &&
	test_cmp_text err "union-audit: no archive d/archives/2020-01-01"
'

test_done
