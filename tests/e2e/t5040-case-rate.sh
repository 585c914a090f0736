#!/bin/sh
# t5040-case-rate.sh - on generated cases, the resolution rate (resolved /
# closed cases) that union-stats reports agrees with a count made by an
# independent CSV reader (Miller), before and after union-aid closes the
# cases still open; and what union-aid wrote passes union-audit.
. "$(dirname "$0")/../lib.sh"

AS_OF=2026-06-15

# count FILTER: rows of g/cases.csv that Miller's filter keeps.
count() {
	mlr --icsv --onidx filter "$1" then count g/cases.csv
}

# expect_stats: union-stats' closed, resolved, rate and open against the
# independent count.
expect_stats() {
	closed=$(count '$type == "case" && $status == "closed"') &&
	resolved=$(count '$type == "case" && $outcome == "resolved"') &&
	open=$(count '$type == "case" && $status != "closed"') &&
	awk -v c="$closed" -v r="$resolved" -v o="$open" \
	    "BEGIN { printf \"%d,%d,%.1f,%d\n\", c, r, 100 * r / c, o }" >expect &&
	union-stats cases -D g --as-of $AS_OF >stats &&
	mlr --icsv --onidx --ofs , cut -o -f closed,resolved,resolution_rate,open stats >actual &&
	test_cmp expect actual
}

test_case 'generated cases: the resolution rate agrees with an independent count' '
	gen_sample g --members 3000 --cases 800 --as-of $AS_OF &&
	test $(count "true") -eq 800 &&
	expect_stats
'

test_case 'union-aid case list counts the closed cases as Miller does' '
	gen_sample g --members 3000 --cases 800 --as-of $AS_OF &&
	union-aid case list -D g --as-of $AS_OF --type case --status closed >listed &&
	test $(mlr --icsv --onidx count listed) -eq \
	    $(count "\$type == \"case\" && \$status == \"closed\"")
'

test_case 'closing the open cases through union-aid moves the rate as counted' '
	gen_sample g --members 3000 --cases 800 --as-of $AS_OF &&
	union-aid case list -D g --as-of $AS_OF --type case --older-than 0 >open.csv &&
	test $(mlr --icsv --onidx count open.csv) -gt 0 &&
	union-aid case close -D g --as-of $AS_OF --outcome resolved open.csv >closed.csv &&
	test $(count "\$type == \"case\" && \$status != \"closed\"") -eq 0 &&
	expect_stats &&
	{ union-audit -D g --as-of $AS_OF -q >findings 2>err; test $? -lt 2; } &&
	test_grep "^severity,check,file,line,key,message$" findings &&
	mlr --icsv --onidx filter "\$file == \"cases.csv\" || \$file == \"journal.csv\"" findings >bad &&
	test ! -s bad
'

test_done
