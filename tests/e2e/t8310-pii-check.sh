#!/bin/sh
# t8310-pii-check.sh - UNION_PII_CHECK, the privacy net under the whole
# suite: tests/lib.sh sets it, so every run of every test searches what
# the tool writes for people (messages on stderr; table, html and
# listings) for a full ID number or mobile number, and exits 70 on one.
# Here: the net is on, it lets masked and --show-pii output through, it
# catches a leak in a table's free text (never printing the value), a
# cell that is an ID or phone is masked in table and html whatever its
# column is called, and a message quoting one (a bad cell, a file name)
# has it masked by diag.c, in full only with --show-pii.
. "$(dirname "$0")/../lib.sh"

ID=110101199003074514		# a valid ID number: check character 4
BADID=110101199003074515	# the same with a wrong check character
PHONE=13812345678

# people FILE: a table whose personal columns are not named as such
people() {
	printf '证件号,note,tel\n%s,%s,%s\n' "$ID" "$BADID" "$PHONE" >"$1"
}

test_case 'the suite runs every tool with the check on' '
	test "$UNION_PII_CHECK" = 1
'

test_case 'table: an ID or phone in any column is masked by its value' '
	people p.csv &&
	union-stats select --format table p.csv >out 2>err &&
	test_cmp_text out "证件号              note                tel
110101********4514  110101199003074515  138****5678" &&
	test ! -s err
'

test_case 'html: the same cells masked' '
	people p.csv &&
	union-stats select --format html p.csv >out 2>err &&
	test_grep "^<tr><td>110101\*\*\*\*\*\*\*\*4514</td><td>110101199003074515</td><td>138\*\*\*\*5678</td></tr>$" out &&
	test_no_grep "$ID\|$PHONE" out &&
	test ! -s err
'

test_case '--show-pii: the table shows them in full, and passes the check' '
	people p.csv &&
	union-stats select --format table --show-pii p.csv >out 2>err &&
	test_cmp_text out "证件号              note                tel
110101199003074514  110101199003074515  13812345678" &&
	test ! -s err
'

test_case 'csv is data for the next program: exact, not searched' '
	people p.csv &&
	union-stats select p.csv >out 2>err &&
	test_cmp out p.csv &&
	test ! -s err
'

test_case 'a full ID in a message is masked, not caught' '
	test_status 2 union-stats select "$ID.csv" >out 2>err &&
	test_cmp_text err "union-stats: 110101********4514.csv: cannot open: No such file or directory" &&
	test ! -s out
'

test_case 'a phone in a message is masked' '
	test_status 2 union-aid -D "$PHONE" list >out 2>err &&
	test_cmp_text err "union-aid: cannot open data directory 138****5678: No such file or directory"
'

test_case 'a bad cell quoting a full ID: masked, exit 2' '
	printf "m,amount\nx,%s z\n" "$ID" >a.csv &&
	test_status 2 union-stats agg sum:amount a.csv >out 2>err &&
	test_cmp_text err "union-stats: a.csv:2: amount: not a number: '"'"'110101********4514 z'"'"'"
'

test_case 'the same with --show-pii: shown in full' '
	printf "m,amount\nx,%s z\n" "$ID" >a.csv &&
	test_status 2 union-stats agg --show-pii sum:amount a.csv >out 2>err &&
	test_cmp_text err "union-stats: a.csv:2: amount: not a number: '"'"'$ID z'"'"'"
'

test_case 'not a hit: a bad check character, a longer run of digits' '
	test_status 2 union-stats select "$BADID.csv" 2>err &&
	test_cmp_text err "union-stats: $BADID.csv: cannot open: No such file or directory" &&
	test_status 2 union-stats select "${PHONE}0.csv" 2>err &&
	test_cmp_text err "union-stats: ${PHONE}0.csv: cannot open: No such file or directory" &&
	test_status 2 union-stats select "9$ID.csv" 2>err &&
	test_cmp_text err "union-stats: 9$ID.csv: cannot open: No such file or directory"
'

# free text: a cell that holds an ID or phone among other words
notes() {
	printf 'member_id,note\nM0000001,%s\n' "$1" >n.csv
}

test_case 'an ID in a table'"'"'s free text is caught before any byte' '
	notes "ID $ID see file" &&
	test_status 70 union-stats select --format table n.csv >out 2>err &&
	test_cmp_text err "union-stats: privacy: unmasked ID number in human-facing output (<stdout>)" &&
	test ! -s out
'

test_case 'a phone in html free text is caught' '
	notes "call $PHONE after 6" &&
	test_status 70 union-stats select --format html n.csv >out 2>err &&
	test_cmp_text err "union-stats: privacy: unmasked phone number in human-facing output (<stdout>)"
'

test_case 'the same with --show-pii, or as csv, passes' '
	notes "call $PHONE after 6" &&
	union-stats select --format table --show-pii n.csv >out 2>err &&
	test_cmp_text out "member_id  note
M0000001   call $PHONE after 6" &&
	test ! -s err &&
	union-stats select n.csv >out 2>err &&
	test_cmp out n.csv &&
	test ! -s err
'

test_case 'a parallel scan'"'"'s messages are masked too' '
	awk -v id="$ID" "BEGIN { print \"g,v\"
	    for (i = 0; i < 150000; i++) print \"x,\" i
	    print \"y,\" id \" z\" }" >big.csv &&
	test_status 2 union-stats agg -j 2 -g g sum:v big.csv >out 2>err &&
	test_cmp_text err "union-stats: big.csv:150002: v: not a number: '"'"'110101********4514 z'"'"'"
'

test_case 'without UNION_PII_CHECK messages are masked all the same' '
	(unset UNION_PII_CHECK
	 test_status 2 union-stats select "$ID.csv" 2>err) &&
	test_cmp_text err "union-stats: 110101********4514.csv: cannot open: No such file or directory"
'

test_done
