#!/bin/sh
# Progress on standard error for long runs: shown when standard error is
# a terminal (util-linux script(1) gives a pty), never when it is a file
# or a pipe, never with --quiet, and not at all for a run shorter than
# UNION_PROGRESS_DELAY (default 1 s; 0 here, so small runs show it).
# --quiet: no progress and no notes; standard output's data is the same.
. "$(dirname "$0")/../lib.sh"

command -v script >/dev/null || { echo "script(1) is needed"; exit 1; }

gen_sample "$t_root/s" --members 2000 >/dev/null 2>&1
gen_sample "$t_root/other" --members 300 --seed 7 >/dev/null 2>&1
union-stats select --where status=active --columns name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship \
    "$t_root/other/members.csv" >"$t_root/batch.csv"

# on_tty CMD: run CMD (a shell command line) with a terminal for its
# standard error; the terminal's text in tty, CMD's status in rc
on_tty() {
	script -qec "$1; echo \$? >rc" ts </dev/null >/dev/null
	tr '\r' '\n' <ts | grep -v "^Script " >tty
	return 0
}

PROGRESS='^union-[a-z]*: [0-9][0-9]* rows read, [0-9][0-9]* rows/s, [0-9][0-9]*\.[0-9] s'

# p NAME CMD: CMD shows progress on a terminal; not with -q (its last
# word), not when standard error is a file
p() {
	test_case "progress: $1" "
		cp -R '$t_root/s' d &&
		export UNION_PROGRESS_DELAY=0 &&
		on_tty '$2 >out' && test_cmp_text rc 0 &&
		test_grep '$PROGRESS' tty &&
		cp out out.tty &&
		rm -rf d && cp -R '$t_root/s' d &&
		on_tty '$2 -q >out' && test_cmp_text rc 0 &&
		test_no_grep 'rows read' tty &&
		test_cmp out.tty out &&
		rm -rf d && cp -R '$t_root/s' d &&
		$2 -q >out 2>err && test_cmp /dev/null err &&
		test_cmp out.tty out
	"
}

p 'union-stats agg' 'union-stats agg -g group count d/members.csv'
p 'union-stats agg -j 2 (threads add to one count)' \
    'union-stats agg -j 2 -g union_id count d/members.csv'
p 'union-stats select' 'union-stats select --where group=courier d/members.csv'
p 'union-stats members --by town' 'union-stats members -D d --by town'
p 'union-stats aid --by town' 'union-stats aid -D d --by town'
p 'union-audit' 'union-audit -D d --no-history --as-of 2026-06-30'
p 'union-audit archive' 'union-audit archive -D d --as-of 2026-06-30'
p 'union-enroll add of a batch' \
    "union-enroll add -D d --as-of 2026-06-30 --rejects r.csv $t_root/batch.csv"
p 'union-enroll check' \
    "union-enroll check -D d --as-of 2026-06-30 $t_root/batch.csv"
p 'union-aid list' 'union-aid list -D d --status approved'
p 'union-aid programs' 'union-aid programs -D d --year 2025'

test_case 'progress: union-aid pay of a batch from a pipe' '
	cp -R "$t_root/s" d && export UNION_PROGRESS_DELAY=0 &&
	union-aid list -D d --status approved >ids &&
	test "$(wc -l <ids)" -gt 1 &&
	on_tty "union-aid pay -D d --voucher V1 --as-of 2026-06-30 - <ids >out" &&
	test_cmp_text rc 0 &&
	test_grep "$PROGRESS" tty &&
	test "$(wc -l <out)" = "$(wc -l <ids)"
'

test_case 'progress: none when standard error is a file or a pipe' '
	cp -R "$t_root/s" d && export UNION_PROGRESS_DELAY=0 &&
	union-stats agg -g group count d/members.csv >out 2>err &&
	test_cmp /dev/null err &&
	union-audit -D d --no-history -q 2>&1 >out | cat >err &&
	test_cmp /dev/null err
'

test_case 'progress: a run shorter than the default delay shows nothing' '
	cp -R "$t_root/s" d && unset UNION_PROGRESS_DELAY &&
	on_tty "union-stats agg -g group count d/members.csv >out" &&
	test_cmp_text rc 0 &&
	test_no_grep "rows read" tty
'

test_case 'progress: the line is erased before output and at exit' '
	cp -R "$t_root/s" d && export UNION_PROGRESS_DELAY=0 &&
	on_tty "union-stats agg -g group count d/members.csv" &&
	test_cmp_text rc 0 &&
	esc=$(printf "\033") &&
	test_grep "^union-stats: 2000 rows read, .*$esc\[K$" tty &&
	test_grep "^$esc\[Kgroup,count$" tty
'

test_case '--quiet: the audit summary goes; the findings stay' '
	cp -R "$t_root/s" d &&
	union-audit -D d --no-history --as-of 2026-06-30 >out1 2>err1 &&
	test_grep "^union-audit: 0 errors, 0 warnings$" err1 &&
	union-audit -D d --no-history --as-of 2026-06-30 -q >out2 2>err2 &&
	test_cmp /dev/null err2 && test_cmp out1 out2
'

test_case '--quiet: every tool, every command quiet on success' '
	export UNION_PROGRESS_DELAY=0 &&
	union-enroll init -q e >out 2>err && test_cmp /dev/null err &&
	cp -R "$t_root/s" d &&
	for c in "union-stats freq -q group d/members.csv" \
	    "union-stats agg -q -g union_id sum:wage d/members.csv" \
	    "union-stats coverage -q -D d --by town" \
	    "union-stats dues -q -D d --by town" \
	    "union-stats growth -q -D d" "union-stats age -q -D d" \
	    "union-stats cases -q -D d --by kind" \
	    "union-aid watch -q -D d --as-of 2026-06-30" \
	    "union-aid case list -q -D d" \
	    "union-audit open -q -D d" \
	    "union-enroll reindex -q -D d"; do
		$c >out 2>err || { echo "$c: status $?"; exit 1; }
		test_cmp /dev/null err || { echo "$c"; exit 1; }
	done
'

test_done
