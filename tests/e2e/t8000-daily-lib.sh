# t8000-daily-lib.sh - helpers of the daily-use tests (t8001-t8049),
# sourced after ../lib.sh: the tools' commands and options, asked of the
# tools themselves and of their source.  Run on its own, it checks its
# helpers.

case $0 in
*t8000-daily-lib.sh) . "$(dirname "$0")/../lib.sh" ;;
esac
TOP=$(cd "$TESTS/.." && pwd)
TOOLS="union-enroll union-aid union-stats union-audit"

# commands TOOL: its commands as its --help lists them; union-aid's case
# comes as "case open", "case mediate" ...
commands() {
	"$1" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' |
	    while read -r c; do
		if [ "$1 $c" = "union-aid case" ]; then
			union-aid case --help |
			    sed -n 's/^  \([a-z][a-z]*\) .*/case \1/p'
		else
			echo "$c"
		fi
	done
}

# source_options TOOL: every long option of the tool's option tables and
# of the options every tool shares (lib/cli.h), one a line, sorted.
source_options() {
	cat "$TOP"/cmd/"$1"/*.c "$TOP"/cmd/"$1"/*.h "$TOP"/lib/cli.h |
	    sed -n 's/.*{ "\([a-z][a-z0-9-]*\)", *[^,]*, *OPT_[A-Z]*ARG.*/\1/p' |
	    sort -u
}

# accepted TOOL COMMAND: the options of source_options that COMMAND
# takes, asked of the tool: "--OPT=x --help" is refused only as an
# unknown option when the command has no such option.  Kept for the
# rest of the script in $t_root.
accepted() {
	set -- "$1" "$2" "$t_root/accepted.$1.$(echo "$2" | tr ' ' .)"
	if [ ! -f "$3" ]; then
		for o in $(source_options "$1"); do
			# shellcheck disable=SC2086
			"$1" $2 "--$o=x" --help >/dev/null 2>"$3.err" </dev/null
			grep -q "unknown option" "$3.err" || echo "$o"
		done >"$3.new" && mv "$3.new" "$3"
	fi
	cat "$3"
}

# help_options TOOL COMMAND: the long options its --help names, sorted.
help_options() {
	# shellcheck disable=SC2086
	"$1" $2 --help | grep -o -e '--[a-z][a-z0-9-]*' | sed 's/^--//' |
	    sort -u
}

# subset A B: every line of the sorted file A is in the sorted file B
# (shows those that are not)
subset() {
	comm -23 "$1" "$2" >.subset.not &&
	diff -u /dev/null .subset.not >&2
}

# common_options TOOL: the options every command takes, from the tool's
# --help, sorted.
common_options() {
	"$1" --help | sed -n '/^common options:/,/^Run /p' |
	    grep -o -e '--[a-z][a-z0-9-]*' | sed 's/^--//' | sort -u
}

case $0 in
*t8000-daily-lib.sh) ;;
*) return 0 ;;
esac

test_case 'commands: from the tool help, union-aid case expanded' '
	commands union-aid >got &&
	test_cmp_text got "apply
approve
reject
pay
list
watch
programs
case open
case mediate
case close
case list"
'

test_case 'source_options: the shared options and the tool own' '
	source_options union-audit >got &&
	test_cmp_text got "as-of
by
data
encoding
excel
format
help
list-checks
no-history
older-than
only
quiet
reason
report
show-pii
skip
strict
summary
to
version"
'

test_case 'accepted: what a command takes, and not what it does not' '
	accepted union-audit open >got &&
	test_cmp_text got "as-of
data
encoding
excel
format
help
older-than
quiet
show-pii
version"
'

test_done
