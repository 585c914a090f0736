#!/bin/sh
# union-tools(7)'s day in the life of a county office, run as the page
# prints it: every command of its EXAMPLES, in order, on a copy of the
# bundled sample (data/sample), with the clerk's batch of
# data/new-members.csv saved as GB18030.  Each must do what the page
# says it does.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t8000-daily-lib.sh"

# day_script: the page's commands ("$ " lines and their continuations),
# each followed by a line that records its exit status
day_script() {
	sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$TOP/man/union-tools.7" |
	    sed -n '/^\.Bd -literal/,/^\.Ed/p' | sed 's/\\e/\\/g' |
	    awk '
		/^\.Bd/ { next }
		/^\$ / { if (cmd != "") print cmd "\necho $? >>statuses"
			cmd = substr($0, 3); next }
		/^\.Ed/ { if (cmd != "") print cmd "\necho $? >>statuses"
			cmd = ""; next }
		cmd != "" { cmd = cmd "\n" $0 }'
}

run_day() {
	cp -R "$TOP/data/sample" lianshui &&
	iconv -f UTF-8 -t GB18030 "$TOP/data/new-members.csv" >batch.csv &&
	day_script | sed "s|/srv/union/lianshui|$PWD/lianshui|" >day.sh &&
	sh day.sh >out 2>err
}

test_case 'the page has the day: seventeen commands' '
	day_script >day.sh &&
	test $(grep -c "^echo \$? >>statuses\$" day.sh) -eq 17
'

test_case 'every command of the day succeeds (apply: 1 when one is refused)' '
	run_day &&
	tr "\n" " " <statuses >got &&
	grep -x "0 0 0 [01] 0 0 0 0 0 0 0 0 0 0 0 0 0 " got ||
	{ cat got err >&2; exit 1; }
'

test_case 'the day did what the page says' '
	run_day && d=lianshui &&
	# three members enrolled from the GB18030 batch, none refused
	test $(grep -c ",2026-06-0[123],active," $d/members.csv) -ge 3 &&
	test_cmp_text fix-me.csv \
	    "name,id_number,phone,union_id,employer,group,join_date,wage,hardship,reason" &&
	# the transfer
	test_grep "^M00000042,.*,transferred," $d/members.csv &&
	test_grep ",U000057,涟水明隆机械制造有限公司,regular,2026-06-30,active," \
	    $d/members.csv &&
	# the winter-warmth round, paid under one voucher
	test $(grep -c ",winter_warmth,.*,paid,.*,PZ2026-12," $d/aid.csv) -ge 10 &&
	test_no_grep ",winter_warmth,.*,approved," $d/aid.csv &&
	# the case, opened, mediated and closed
	test_grep "^C0000013,case,M00000042,U000057,wage_arrears,visit,.*,closed,.*,resolved," \
	    $d/cases.csv &&
	# the audit: clean after the whole day
	test_grep "^0 errors, 0 warnings\$" audit.txt &&
	# the pages for leadership
	for f in coverage members aid; do
		head -n 1 $f.html >first &&
		test_cmp_text first "<!DOCTYPE html>" &&
		test_grep "<svg" $f.html || exit 1
	done
'

test_done
