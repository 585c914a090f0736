#!/bin/sh
# The man pages: mandoc -T lint -W warning says nothing; every page has
# the sections a reader looks for; each tool's page names every option
# its commands take (asked of the tool itself) and every environment
# variable its code reads; the pages point at each other.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t8000-daily-lib.sh"

PAGES="union-enroll.1 union-aid.1 union-stats.1 union-audit.1 union-files.5
union-tools.7"

# section PAGE NAME: the text of section NAME of PAGE, rendered
section() {
	mandoc -T ascii "$TOP/man/$1" | col -b |
	    sed -n "/^$2\$/,/^[A-Z][A-Z ]*\$/p" | sed '1d;$d'
}

test_case 'mandoc is installed (scripts/install-deps)' '
	command -v mandoc
'

for p in $PAGES; do
	test_case "$p: mandoc -T lint -W warning is silent" '
		mandoc -T lint -W warning "$TOP/man/'"$p"'" >out 2>&1
		test_cmp /dev/null out
	'
done

test_case 'every page has its sections, in order' '
	for p in $PAGES; do
		case $p in
		*.1) want="NAME SYNOPSIS DESCRIPTION ENVIRONMENT FILES EXIT_STATUS EXAMPLES SEE_ALSO" ;;
		*) want="NAME DESCRIPTION ENVIRONMENT FILES EXAMPLES SEE_ALSO" ;;
		esac
		sed -n "s/^\.Sh //p" "$TOP/man/$p" | tr " " _ >have &&
		for s in $want; do echo $s; done >want &&
		grep -x -F -f want have >got &&
		test_cmp want got || { echo "in: $p" >&2; exit 1; }
	done
'

for t in $TOOLS; do
	test_case "$t.1 names every option its commands take" '
		mandoc -T ascii "$TOP/man/'"$t"'.1" | col -b >page &&
		commands '"$t"' | while read -r c; do accepted '"$t"' "$c"; done |
		    sort -u >opts && test -s opts &&
		while read -r o; do
			grep -q -e "--$o\\b" page || echo "--$o"
		done <opts >missing &&
		test_cmp /dev/null missing
	'
	test_case "$t.1: ENVIRONMENT holds what the code reads" '
		section '"$t"'.1 ENVIRONMENT >env &&
		cat "$TOP"/lib/*.c "$TOP"/cmd/'"$t"'/*.c |
		    sed -n "s/.*getenv(\"\\([A-Z_]*\\)\").*/\\1/p" | sort -u >vars &&
		echo TZ >>vars &&
		if [ '"$t"' = union-stats ]; then
			# union-stats changes nothing: no journal time, no --by
			sed -i "/^UNION_NOW\$/d; /^USER\$/d; /^LOGNAME\$/d" vars
		fi &&
		test $(wc -l <vars) -ge 3 &&
		while read -r v; do
			grep -q "\\b$v\\b" env || echo "$v"
		done <vars >missing &&
		test_cmp /dev/null missing
	'
done

test_case 'union-tools.7 names every variable any tool reads' '
	section union-tools.7 ENVIRONMENT >env &&
	cat "$TOP"/lib/*.c "$TOP"/cmd/*/*.c |
	    sed -n "s/.*getenv(\"\\([A-Z_]*\\)\").*/\\1/p" | sort -u |
	    grep -v "^TMPDIR\$" >vars &&
	while read -r v; do grep -q "$v" env || echo "$v"; done <vars >missing &&
	test_cmp /dev/null missing
'

test_case 'each page sees also every other page' '
	for p in $PAGES; do
		section $p "SEE ALSO" >see &&
		for q in $PAGES; do
			[ $p = $q ] && continue
			n=${q%.*} s=${q##*.}
			grep -q "$n($s)" see || echo "$p: $q"
		done
	done >missing &&
	test_cmp /dev/null missing
'

test_case 'the test sees a missing option: a page without --rejects' '
	mandoc -T ascii "$TOP/man/union-enroll.1" | col -b |
	    sed "s/--rejects/--REJECTS/g" >page &&
	! grep -q -e "--rejects\\b" page
'

test_done
