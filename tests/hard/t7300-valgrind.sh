#!/bin/sh
# t7300-valgrind.sh - a representative run of every tool under valgrind
# (memcheck): no invalid read or write, no use of an uninitialised
# value, no definite leak, on the happy path and on the refusals of the
# hostile corpus.  valgrind's own exit status 99 tells it from the
# tool's (0, 1, 2).  Without valgrind the script says SKIP.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/hostile.sh"

if ! command -v valgrind >/dev/null; then
	echo "SKIP: valgrind is not installed"
	test_done; exit
fi
UNION_NOW=2026-01-02T03:04:05Z
export UNION_NOW
AS_OF=2026-06-30
SAMPLE=$t_root/sample
gen_sample "$SAMPLE" --members 300 --unions 10 --towns 3 ||
	{ echo "gen-sample failed"; exit 1; }
H=name,id_number,phone,union_id,employer,group,join_date,wage,hardship
R1=Zhang,320800199001010008,13800000000,U000004,Acme,regular,2020-01-01,3000,none
R2=Li,320800199001010016,13800000001,U000004,Acme,regular,2020-01-01,3000,none
mkdir "$t_root/fx" && (cd "$t_root/fx" && hostile_make $H "$R1" "$R2" 2 7 8) &&
printf '%s\n' $H "$R1" "$R2" >"$t_root/in.csv" ||
	{ echo "no corpus"; exit 1; }

# vg WANT CMD...: CMD under memcheck, standard input from $vg_in (or
# nothing), exits with WANT (its own status); a memory error or a
# definite leak makes it 99 and shows the report
vg() {
	vg_want=$1; shift
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite "$@" >out 2>err <"${vg_in:-/dev/null}"
	vg_got=$?
	[ "$vg_got" -eq "$vg_want" ] && return 0
	echo "exit $vg_got, want $vg_want: $*"; cat err; return 1
}

test_case 'enroll add, a batch' '
	cp -R "$SAMPLE" d && vg 0 union-enroll -D d add --as-of $AS_OF "$t_root/in.csv"
'
test_case 'enroll transfer and leave, batches on standard input' '
	cp -R "$SAMPLE" d &&
	printf "member_id,to_union\nM00000003,U000008\n" >tr.csv &&
	printf "member_id,reason\nM00000004,left\n" >lv.csv &&
	vg_in=tr.csv vg 0 union-enroll -D d transfer --as-of $AS_OF &&
	vg_in=lv.csv vg 0 union-enroll -D d leave --as-of $AS_OF &&
	test "$(grep -c "^M0000000[34],.*,\(transferred\|left\)," d/members.csv)" -eq 2
'
test_case 'aid apply, approve and pay' '
	cp -R "$SAMPLE" d &&
	vg 0 union-aid -D d apply --as-of $AS_OF -m M00000003 -p accident -a 100 &&
	vg 0 union-aid -D d approve --as-of $AS_OF A00000008 &&
	vg 0 union-aid -D d pay --as-of $AS_OF --voucher V1 A00000008
'
test_case 'aid case open and close, list, watch' '
	cp -R "$SAMPLE" d &&
	vg 0 union-aid -D d case open --as-of $AS_OF -t case -k other -c visit -u U000008 &&
	vg 0 union-aid -D d case close --as-of $AS_OF -o resolved C0000004 &&
	vg 0 union-aid -D d list --with-member --format table &&
	vg 0 union-aid -D d watch --as-of $AS_OF &&
	vg 0 union-aid -D d case list --format json
'
test_case 'stats agg -j 2, select, dup, freq, partial' '
	m=$SAMPLE/members.csv &&
	vg 0 union-stats agg -j 2 -g union_id count sum:wage median:wage "$m" &&
	vg 0 union-stats select --where "name~^李" --columns member_id "$m" &&
	vg 1 union-stats dup id_number "$m" &&
	vg 0 union-stats freq union_id "$m" &&
	vg 0 union-stats agg --partial -g union_id count p90:wage distinct:name "$m"
'
test_case 'stats reports' '
	vg 0 union-stats -D "$SAMPLE" members --rollup --format html &&
	vg 0 union-stats -D "$SAMPLE" age --as-of $AS_OF &&
	vg 0 union-stats -D "$SAMPLE" aid --as-of $AS_OF --by program
'
test_case 'audit check, archive, open on the sample' '
	cp -R "$SAMPLE" d &&
	vg 0 union-audit -q -D d --as-of $AS_OF &&
	vg 0 union-audit -D d archive --as-of $AS_OF &&
	vg 0 union-audit -D d open --as-of $AS_OF
'
test_case 'refusals of the hostile corpus' '
	cp -R "$SAMPLE" d && fx=$t_root/fx &&
	vg 2 union-enroll -D d check --as-of $AS_OF "$fx/unterminated.csv" &&
	vg 1 union-enroll -D d check --as-of $AS_OF "$fx/short.csv" &&
	vg 2 union-enroll -D d check --as-of $AS_OF "$fx/dup-col.csv" &&
	vg 2 union-enroll -D d check --as-of $AS_OF "$fx/utf16.csv" &&
	vg 2 union-enroll -D d check --as-of $AS_OF "$fx/trunc.csv.gz" &&
	vg 1 union-enroll -D d check --as-of $AS_OF "$fx/money-5.csv" &&
	vg 2 union-stats agg -j 2 -g union_id count sum:wage "$fx/money-1.csv" &&
	vg 1 union-stats select "$fx/nul.csv"
'

test_done
