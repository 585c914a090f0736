#!/bin/sh
# bash and zsh completion (completion/): exact COMPREPLY for cases of
# every tool; every command of a tool's --help and every option of a
# command's --help is offered, and nothing a command refuses; the zsh
# tables offer the same commands and options as bash.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t8000-daily-lib.sh"

BASHCOMP=$TOP/completion/bash/union-tools
ZSHCOMP=$TOP/completion/zsh/_union_tools

# comp WORD...: what bash completes for the last WORD, one a line
comp() {
	bash -c '. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
	    _union_tools; printf "%s\n" "${COMPREPLY[@]}"' "$BASHCOMP" "$@"
}

# is TEXT: standard input must be TEXT
is() {
	cat >.is.got && test_cmp_text .is.got "$1"
}

test_case 'bash -n, and the function is bound to the four tools' '
	bash -n "$BASHCOMP" &&
	bash -c ". \"$BASHCOMP\"; complete -p" | sort >got &&
	test_cmp_text got "complete -o filenames -F _union_tools union-aid
complete -o filenames -F _union_tools union-audit
complete -o filenames -F _union_tools union-enroll
complete -o filenames -F _union_tools union-stats"
'

test_case 'union-enroll: commands, options, values' '
	comp union-enroll "" | is "init
add
check
transfer
leave
found
dissolve
reindex" &&
	comp union-enroll tr | is transfer &&
	comp union-enroll add --re | is "--rejects" &&
	comp union-enroll leave --reason "" | is "left
deceased
retained" &&
	comp union-enroll init --hash s | is "sha256
sm3" &&
	comp union-enroll -D d add --al | is "--all-or-nothing" &&
	comp union-enroll add --encoding=g | is "gb18030
gbk"
'

test_case 'union-aid: commands, case subcommands, values' '
	comp union-aid ca | is case &&
	comp union-aid case "" | is "open
mediate
close
list" &&
	comp union-aid case close --o | is "--outcome" &&
	comp union-aid case close --outcome re | is "resolved" &&
	comp union-aid case open --kind w | is "wage_arrears
work_injury
working_hours" &&
	comp union-aid case list --status "" | is "open
mediating
closed" &&
	comp union-aid list --status a | is "applied
approved" &&
	comp union-aid pay --v | is "--voucher
--version"
'

test_case 'union-aid --program: the codes of the directory programs.csv' '
	mkdir d && printf "program,title\nwinter_warmth,x\nwidows,y\n" >d/programs.csv &&
	comp union-aid -D d apply --program w | is "winter_warmth
widows" &&
	UNION_DATA=d comp union-aid list --program wi | is "winter_warmth
widows" &&
	comp union-aid apply --program w | is "winter_warmth"
'

test_case 'union-stats: a report --by takes the report own keys' '
	comp union-stats c | is "coverage
cases" &&
	comp union-stats coverage --by "" | is "org_type
town" &&
	comp union-stats growth --by "" | is "month
year" &&
	comp union-stats agg --p | is "--partial" &&
	comp union-stats select --format t | is "tsv
table"
'

test_case 'union-audit: check is the default; check names from --list-checks' '
	comp union-audit "" | is "check
open
accept
archive
diff" &&
	comp union-audit --st | is "--strict" &&
	comp union-audit --only dup_ | is "dup_key
dup_active_person" &&
	comp union-audit check --skip=header,join | is "header,join_date" &&
	mkdir -p archives/2026-06-30 archives/2026-07-01 &&
	comp union-audit -D . diff 2026-07 | is "2026-07-01"
'

test_case 'file operands complete as files' '
	: >batch.csv && : >bonus.csv &&
	comp union-enroll add b | sort | is "batch.csv
bonus.csv"
'

for t in $TOOLS; do
	test_case "$t: bash offers each command, and each option its help names" '
		commands '"$t"' >cmds &&
		sed "s/ .*//" cmds | uniq >want &&
		comp '"$t"' "" >got && test_cmp want got &&
		while read -r c; do
			comp '"$t"' $c --  | sed "s/^--//" | sort >offered &&
			help_options '"$t"' "$c" >named &&
			accepted '"$t"' "$c" >took &&
			subset named offered && subset offered took || {
				echo "in: '"$t"' $c" >&2; exit 1; }
		done <cmds
	'
done

# zsh_table FILE: "TOOL COMMAND: options" lines of the zsh or bash
# tables, in one shape, to compare
zsh_table() {
	sed -n "/^'union-/,/;;/p" "$ZSHCOMP" | tr "\n\t" "  " |
	    sed "s/;;/;;\n/g; s/  */ /g" |
	    sed -n "s/^ *\(.*\)) *opts=(\([^)]*\)).*/\1:\2/p" | sed "s/ *\$//"
}
bash_table() {
	sed -n "/^	'union-/,/;;/p" "$BASHCOMP" | tr "\n\t" "  " |
	    sed "s/;;/;;\n/g; s/\\\\//g; s/  */ /g" |
	    sed -n "s/^ *\(.*\)) *echo \([^;]*\);;.*/\1:\2/p" | sed "s/ *\$//"
}

test_case 'zsh offers the same commands and options as bash' '
	zsh_table >z && bash_table >b &&
	test $(wc -l <b) -ge 30 &&
	test_cmp b z &&
	sed -n "/^union-[a-z]*) cmds=/,/;;/p" "$ZSHCOMP" | tr "\n\t" "  " |
	    sed "s/;;/;;\n/g; s/  */ /g" |
	    sed -n "s/^ *\(union-[a-z]*\)) cmds=(\([^)]*\)).*/\1:\2/p" >zc &&
	sed -n "/^	union-[a-z]*) echo/,/;;/p" "$BASHCOMP" | tr "\n\t" "  " |
	    sed "s/;;/;;\n/g; s/\\\\//g; s/  */ /g" |
	    sed -n "s/^ *\(union-[a-z]*\)) echo \([^;]*\) ;;.*/\1:\2/p" >bc &&
	test $(wc -l <bc) -eq 4 &&
	test_cmp bc zc
'

test_case 'zsh -n on every zsh file (where zsh is installed)' '
	if ! command -v zsh >/dev/null; then
		echo "zsh is not installed: not checked" >&2; exit 0
	fi
	for f in "$TOP"/completion/zsh/_*; do zsh -n "$f" || exit 1; done
'

# zcomp WORD...: what zsh's _union_tools offers for the last WORD, with
# compadd and the file completers replaced by shell functions that print what they are given
# (zsh filters by the word itself, so every candidate is printed)
cat >"$t_root/zcomp.zsh" <<'EOT'
compadd() { local a; for a in "$@"; do case $a in
	-a) shift; print -rl -- ${(P)1}; return;;
	--) shift; print -rl -- "$@"; return;; esac; done; }
_files() { print _files }
_directories() { print _directories }
_values() { shift 3; print -rl -- "$@" }
autoload -U _union_tools
EOT
zcomp() {
	FPATH=$TOP/completion/zsh zsh -c '. "$0"; local -a words
	    words=("$@"); local CURRENT=$#; _union_tools' "$t_root/zcomp.zsh" "$@"
}

test_case 'zsh: what _union_tools offers (where zsh is installed)' '
	if ! command -v zsh >/dev/null; then
		echo "zsh is not installed: not checked" >&2; exit 0
	fi
	zcomp union-aid case "" | is "open
mediate
close
list" &&
	zcomp union-stats growth --by "" | is "month
year" &&
	zcomp union-stats members -- | is "--by
--rollup
--data
--format
--excel
--as-of
--show-pii
--quiet
--encoding
--help
--version" &&
	mkdir d && printf "program,title\nwidows,y\n" >d/programs.csv &&
	zcomp union-aid -D d apply --program "" | is widows &&
	zcomp union-audit --only "" | sed -n 1,2p | is "missing_file
unreadable" &&
	zcomp union-enroll add "" | is _files &&
	zcomp union-enroll "" >cmds && test $(wc -l <cmds) -eq 8
'

test_case 'each tool has its zsh file, calling the shared one' '
	for t in $TOOLS; do
		f=$TOP/completion/zsh/_$t &&
		head -n 1 "$f" >first && test_cmp_text first "#compdef $t" &&
		test_grep "^_union_tools \"\$@\"\$" "$f" || exit 1
	done
'

test_done
