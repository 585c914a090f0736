#!/bin/sh
# t7200-privacy.sh - personal data stays masked where people read it,
# and the files the tools make are not world-readable.
#
# Every human-facing output of the tools over a generated sample (each
# listing and report in every --format, error messages about bad rows,
# the audit's findings, its --summary and --report) is searched for the
# sample's own ID numbers and phones as fixed strings: not one may show
# in full.  Left out by contract: the CSV/TSV/JSON rows that add and
# check print (data for the next program), and union-stats select, dup
# and freq, which print their input as it is (union-stats(1)).
. "$(dirname "$0")/../lib.sh"

AS_OF=2026-06-30
S=$t_root/s P=$t_root/p
gen_sample "$S" --members 2000 && gen_sample "$P" --members 1000 \
    --defects all --defects-log "$t_root/defects" ||
	{ echo "gen-sample failed"; exit 1; }
# the full ID numbers and phones of both samples, one a line
for d in "$S" "$P"; do
	union-stats select --columns id_number,phone --format tsv "$d/members.csv"
done 2>/dev/null | tail -n +2 | tr '\t' '\n' | grep -E '^[0-9X]{11,18}$' |
    sort -u >"$t_root/pii"
test "$(wc -l <"$t_root/pii")" -gt 4000 || { echo "no personal data to look for"; exit 1; }
FORMATS='csv tsv table json jsonl html'

# unmasked FILE...: no line of the FILEs holds a full ID number or phone
unmasked() {
	if grep -F -f "$t_root/pii" "$@" >leaks; then
		echo "unmasked personal data:"; head -n 5 leaks; return 1
	fi
}

# private NAME CMD...: CMD's standard output and error hold no full ID
# number or phone, in every format; it must not crash
private() {
	pv_name=$1; shift
	pv_cmd="$*"
	test_case "masked: $pv_name" '
		for f in $FORMATS; do
			$pv_cmd --format $f >out.$f 2>err.$f </dev/null
			test $? -lt 128 || { echo "$f: crash"; return 1; }
		done &&
		test -s out.table && unmasked out.* err.*
	'
}

private 'aid list' union-aid -D "$S" list
private 'aid list --with-member' union-aid -D "$S" list --with-member
private 'aid watch' union-aid -D "$S" watch --as-of $AS_OF
private 'aid programs' union-aid -D "$S" programs --as-of $AS_OF
private 'aid case list' union-aid -D "$S" case list --as-of $AS_OF
for r in members coverage aid dues growth age cases; do
	private "stats $r" union-stats -D "$S" $r --as-of $AS_OF
done
private 'stats members --rollup' union-stats -D "$S" members --rollup
private 'audit findings' union-audit -D "$P" --as-of $AS_OF --no-history
private 'audit open' union-audit -D "$P" open --as-of $AS_OF

test_case 'the control: with --show-pii the ID numbers do show' '
	union-aid -D "$S" list --with-member --show-pii --format table >out &&
	grep -q -F -f "$t_root/pii" out
'

test_case 'masked: the audit summary and report files' '
	cp -R "$P" d &&
	union-audit -q -D d --as-of $AS_OF --summary sum.txt --report rep.csv.gz \
	    >out 2>err
	test $? -eq 1 && test -s sum.txt && gzip -dc rep.csv.gz >rep.csv &&
	test "$(wc -l <rep.csv)" -gt 10 && unmasked sum.txt rep.csv out err
'

# candidates made of the sample's own people: every one is refused
# (already a member, a bad check character, a bad phone), and none of
# the messages repeats the ID number or the phone
test_case 'masked: messages about refused rows' '
	cols=name,id_number,phone,union_id,employer,group,join_date,wage,hardship &&
	union-stats select --columns $cols "$S/members.csv" | head -n 41 >again.csv &&
	awk -F, -v OFS=, "NR == 1 { print; next }
		{ c = substr(\$2, 18, 1); \$2 = substr(\$2, 1, 17) (c == \"0\" ? \"1\" : \"0\"); print }" \
	    again.csv >badcheck.csv &&
	awk -F, -v OFS=, "NR == 1 { print; next } { \$3 = \$3 \"0\"; print }" \
	    again.csv >badphone.csv &&
	for f in again badcheck badphone; do
		for fmt in table html; do
			union-enroll -D "$S" check --as-of $AS_OF --format $fmt \
			    $f.csv >out.$f.$fmt 2>err.$f.$fmt
			test $? -eq 1 || { echo "$f: exit $?"; return 1; }
		done
		test "$(wc -l <err.$f.table)" -ge 40 || return 1
	done &&
	unmasked out.* err.*
'

test_case 'masked: add for people (table, html)' '
	cp -R "$S" d &&
	printf "%s\n" name,id_number,phone,union_id,employer,group,join_date,wage,hardship \
	    Zhang,320800199001010008,13800000000,U000004,Acme,regular,2020-01-01,3000,none >in.csv &&
	echo 320800199001010008 >mine && echo 13800000000 >>mine &&
	cp -R d e &&
	union-enroll -D d add --as-of $AS_OF --format table in.csv >add.table &&
	union-enroll -D e add --as-of $AS_OF --format html in.csv >add.html &&
	! grep -F -f mine add.table add.html &&
	grep -q "320800\*\*\*\*\*\*\*\*0008  F .* 138\*\*\*\*0000 " add.table &&
	grep -q "320800\*\*\*\*\*\*\*\*0008" add.html
'

# files: made with the most permissive umask a shell has, none may be
# readable by others, folders included
test_case 'files the tools make are not world-readable' '
	umask 000 &&
	union-enroll init d >/dev/null &&
	printf "%s\n" union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating \
	    "U000001,County,,county,,government,2001-01-01,Wang,none" >u.csv &&
	union-enroll -D d found u.csv >/dev/null &&
	printf "%s\n" name,id_number,phone,union_id,employer,group,join_date,wage,hardship \
	    Zhang,320800199001010008,13800000000,U000001,Acme,regular,2020-01-01,3000,none \
	    Li,320800199001010017,13800000001,U000001,Acme,regular,2020-01-01,3000,none >in.csv &&
	union-enroll -D d add --as-of $AS_OF --rejects d-rejects.csv in.csv >/dev/null 2>&1
	test -f d-rejects.csv &&
	union-aid -D d apply --as-of $AS_OF -m M00000001 -p accident -a 10 >/dev/null &&
	union-aid -D d case open --as-of $AS_OF -t case -k other -c visit -u U000001 >/dev/null &&
	union-audit -q -D d --as-of $AS_OF --summary d-sum.txt --report d-rep.csv.gz >/dev/null &&
	union-audit -D d archive --as-of $AS_OF >/dev/null &&
	test -f d/members.rindex && test -f d/audit-history.csv &&
	test -f d-sum.txt && test -f d-rep.csv.gz &&
	find d d-rejects.csv d-sum.txt d-rep.csv.gz -perm -o=r >open &&
	find d d-rejects.csv d-sum.txt d-rep.csv.gz -perm -o=w >>open &&
	{ test ! -s open || { echo "readable by others:"; cat open; false; }; }
'

test_done
