#!/bin/sh
# t0100-gen-sample: the sample data generator: the same seed gives the
# same bytes, every file has DESIGN.md's header, IDs and checksums hold
# (union-audit finds a generated directory clean), row counts follow the
# options, and --defects plants each defect where its log line says.
. "$(dirname "$0")/../lib.sh"

gen=$UNION_BUILD/gen-sample
asof=2026-06-30
files="unions.csv programs.csv members.csv enterprises.csv aid.csv cases.csv journal.csv"

# same_files A B: every file of a generated directory is byte-identical.
same_files() {
	for f in $files; do
		cmp "$1/$f" "$2/$f" || return 1
	done
}

# audit_clean DIR: union-audit finds nothing (header only, status 0).
audit_clean() {
	test_status 0 union-audit -D "$1" --as-of $asof >audit.out 2>audit.err &&
	test_cmp_text audit.out "severity,check,file,line,key,message" &&
	test_grep '^union-audit: 0 errors, 0 warnings$' audit.err
}

# ---- determinism ----

test_case 'the same seed gives byte-identical files, journal included' '
	"$gen" -o a --members 2000 --unions 60 --seed 7 &&
	"$gen" -o b --members 2000 --unions 60 --seed 7 &&
	same_files a b
'

test_case 'another seed gives other data' '
	"$gen" -o a --members 2000 --unions 60 --seed 7 &&
	"$gen" -o b --members 2000 --unions 60 --seed 8 &&
	! cmp -s a/members.csv b/members.csv &&
	! cmp -s a/unions.csv b/unions.csv &&
	! cmp -s a/aid.csv b/aid.csv &&
	! cmp -s a/cases.csv b/cases.csv
'

test_case 'the journal time is --as-of at midnight unless UNION_NOW is set' '
	"$gen" -o a --members 100 --unions 10 &&
	UNION_NOW=2030-01-02T03:04:05Z "$gen" -o b --members 100 --unions 10 &&
	test "$(cut -d, -f2 a/journal.csv | sort -u)" = "$(printf "%s\n" \
	    2026-06-30T00:00:00Z time)" &&
	test "$(cut -d, -f2 b/journal.csv | sort -u)" = "$(printf "%s\n" \
	    2030-01-02T03:04:05Z time)"
'

test_case 'the bundled data/sample is what the generator makes of seed 1' '
	"$gen" -o s --members 300 --unions 120 --aid 20 --cases 12 &&
	same_files "$TESTS/../data/sample" s
'

# ---- headers and journal ----

test_case 'every file has the header of DESIGN.md' '
	"$gen" -o d --members 100 --unions 10 &&
	head -n 1 d/unions.csv >h.out &&
	head -n 1 d/members.csv >>h.out &&
	head -n 1 d/enterprises.csv >>h.out &&
	head -n 1 d/programs.csv >>h.out &&
	head -n 1 d/aid.csv >>h.out &&
	head -n 1 d/cases.csv >>h.out &&
	cat >h.expect <<-\EOF &&
	union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating,status
	member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship
	credit_code,name,org_type,employees,town_id,union_id
	program,title,max_award,annual_cap,min_member_days,requires_hardship,budget,active
	aid_id,member_id,program,applied,requested,status,decided,approved,paid_on,paid,reviewer,voucher,note
	case_id,type,member_id,union_id,kind,channel,opened,status,closed,outcome,handler,summary
	EOF
	test_cmp h.expect h.out
'

test_case 'the journal records each file once, after it was written' '
	"$gen" -o d --members 100 --unions 10 --seed 42 &&
	cut -d, -f1,3-9 d/journal.csv >j.out &&
	cat >j.expect <<-\EOF &&
	seq,user,tool,action,file,key,detail,chain
	1,gen-sample,gen-sample,import,unions.csv,,generated seed 42,start
	2,gen-sample,gen-sample,import,programs.csv,,generated seed 42,start
	3,gen-sample,gen-sample,import,members.csv,,generated seed 42,start
	4,gen-sample,gen-sample,import,enterprises.csv,,generated seed 42,start
	5,gen-sample,gen-sample,import,aid.csv,,generated seed 42,start
	6,gen-sample,gen-sample,import,cases.csv,,generated seed 42,start
	EOF
	test_cmp j.expect j.out
'

# ---- every rule kept: the audit finds nothing ----

test_case 'a default directory is clean: checksums, references, rules, journal' '
	"$gen" -o d && audit_clean d
'

test_case 'other seeds and sizes are clean too' '
	"$gen" -o a --seed 2 --members 5000 --unions 40 --towns 3 &&
	audit_clean a &&
	"$gen" -o b --seed 3 --members 300 --unions 120 --aid 20 --cases 12 &&
	audit_clean b &&
	"$gen" -o c --seed 4 --members 20000 --unions 900 --towns 40 \
	    --as-of 2021-03-01 &&
	union-audit -D c --as-of 2021-03-01 >audit.out 2>audit.err &&
	test_grep "0 errors, 0 warnings" audit.err
'

test_case 'a directory written as TSV is clean' '
	"$gen" -o d --format tsv --members 1000 --unions 30 &&
	ls d >ls.out &&
	printf "%s\n" aid.tsv cases.tsv enterprises.tsv journal.csv \
	    members.tsv programs.tsv unions.tsv >ls.expect &&
	test_cmp ls.expect ls.out &&
	printf "member_id\tname\tid_number\n" >h.expect &&
	head -n 1 d/members.tsv | cut -f 1-3 >h.out &&
	test_cmp h.expect h.out &&
	audit_clean d
'

test_case 'the bundled sample is clean' '
	cp -R "$TESTS/../data/sample" s && rm -f s/audit-history.csv &&
	audit_clean s
'

# ---- counts and IDs ----

test_case 'row counts follow --members, --unions, --towns, --aid, --cases' '
	"$gen" -o d --members 1234 --unions 50 --towns 5 --aid 17 --cases 9 &&
	test "$(grep -c "^M[0-9]\{8\}," d/members.csv)" = 1234 &&
	test "$(wc -l <d/members.csv)" = 1235 &&
	test "$(grep -c ",grassroots," d/unions.csv)" = 50 &&
	test "$(grep -c ",town," d/unions.csv)" = 5 &&
	test "$(grep -c ",industry," d/unions.csv)" = 2 &&
	test "$(grep -c ",county," d/unions.csv)" = 1 &&
	test "$(wc -l <d/programs.csv)" = 9 &&
	test "$(grep -c "^A[0-9]\{8\}," d/aid.csv)" = 17 &&
	test "$(grep -c "^C[0-9]\{7\}," d/cases.csv)" = 9
'

test_case 'defaults: 10,000 members, 300 grassroots unions, 12 towns' '
	"$gen" -o d &&
	test "$(wc -l <d/members.csv)" = 10001 &&
	test "$(grep -c ",grassroots," d/unions.csv)" = 300 &&
	test "$(grep -c ",town," d/unions.csv)" = 12 &&
	test "$(grep -c "^A[0-9]\{8\}," d/aid.csv)" = 250 &&
	test "$(grep -c "^C[0-9]\{7\}," d/cases.csv)" = 100
'

test_case 'IDs are numbered in order, in the width the tools use' '
	"$gen" -o d --members 500 --unions 20 --aid 12 --cases 5 &&
	sed -n "2p;\$p" d/members.csv | cut -c 1-10 >m.out &&
	printf "%s\n" M00000001, M00000500, >m.expect &&
	test_cmp m.expect m.out &&
	sed -n "2p;\$p" d/unions.csv | cut -c 1-8 >u.out &&
	printf "%s\n" U000001, U000035, >u.expect &&
	test_cmp u.expect u.out &&
	sed -n "2p;\$p" d/aid.csv | cut -c 1-10 >a.out &&
	printf "%s\n" A00000001, A00000012, >a.expect &&
	test_cmp a.expect a.out &&
	grep "^C" d/cases.csv | cut -c 1-9 >c.out &&
	printf "C000000%d,\n" 1 2 3 4 5 >c.expect &&
	test_cmp c.expect c.out
'

test_case 'members: every status and group, some quoting, transfers' '
	"$gen" -o d --format tsv &&
	cut -f 11 d/members.tsv | sed 1d | sort -u >st.out &&
	printf "%s\n" active deceased left retained transferred >st.expect &&
	test_cmp st.expect st.out &&
	cut -f 9 d/members.tsv | sed 1d | sort -u >gr.out &&
	printf "%s\n" care_worker courier domestic_worker food_delivery \
	    mall_info_clerk property_agent regular ride_hailing \
	    security_guard truck_driver >gr.expect &&
	test_cmp gr.expect gr.out &&
	cut -f 13 d/members.tsv | sed 1d | sort -u >hs.out &&
	printf "%s\n" accidental deep none relative >hs.expect &&
	test_cmp hs.expect hs.out &&
	grep -q "(曾用名," d/members.tsv &&
	grep -q "\"" d/members.tsv &&
	awk -F "\t" "\$11 == \"transferred\" { moved[\$3] = \$10 }
	    \$11 == \"active\" { now[\$3] = \$10 }
	    END { for (p in moved) if (!(p in now) || now[p] <= moved[p])
	        exit 1; exit 0 }" d/members.tsv
'

test_case 'aid and cases: every status; closed cases mostly resolved' '
	"$gen" -o d --format tsv --members 300 --unions 120 --aid 20 \
	    --cases 12 &&
	cut -f 6 d/aid.tsv | sed 1d | sort -u >as.out &&
	printf "%s\n" applied approved paid rejected >as.expect &&
	test_cmp as.expect as.out &&
	"$gen" -o e --format tsv &&
	cut -f 8 e/cases.tsv | sed 1d | sort -u >cs.out &&
	printf "%s\n" closed mediating open >cs.expect &&
	test_cmp cs.expect cs.out &&
	closed=$(cut -f 8 e/cases.tsv | grep -c "^closed$") &&
	resolved=$(cut -f 10 e/cases.tsv | grep -c "^resolved$") &&
	test $((resolved * 100 / closed)) -ge 93
'

test_case 'founding rates straddle the targets; three units in four linked' '
	"$gen" -o d --format tsv --members 20000 --unions 2000 &&
	rate() {
		all=$(cut -f 3 d/enterprises.tsv | grep -c "^$1$") &&
		with=$(cut -f 3,6 d/enterprises.tsv | grep -c "^$1	U") &&
		echo $((with * 1000 / all))
	} &&
	key=$(rate key_enterprise) && np=$(rate non_public) &&
	so=$(rate social_org) &&
	echo "key_enterprise $key non_public $np social_org $so" &&
	test $key -ge 870 && test $key -le 930 &&
	test $np -ge 640 && test $np -lt 700 &&
	test $so -ge 700 && test $so -le 780 &&
	all=$(sed 1d d/enterprises.tsv | wc -l) &&
	with=$(cut -f 6 d/enterprises.tsv | grep -c "^U") &&
	test $((with * 100 / all)) -ge 75 && test $((with * 100 / all)) -le 85
'

# ---- defects ----

test_case 'a defect is logged as name,file,line,key on standard error' '
	"$gen" -o d --members 2000 --unions 40 \
	    --defects torn_last_line,bad_phone,dup_union_id 2>log &&
	cat >log.expect <<-\EOF &&
	bad_phone,members.csv,1002,M00001001
	dup_union_id,unions.csv,24,U000022
	torn_last_line,cases.csv,22,C0000021
	EOF
	test_cmp log.expect log
'

test_case 'the audit finds each planted defect at its file and line' '
	"$gen" -o d --members 2000 --unions 40 \
	    --defects torn_last_line,bad_phone,dup_union_id 2>log &&
	test_status 1 union-audit -D d --as-of $asof >audit.out 2>/dev/null &&
	cut -d, -f2-5 audit.out >found &&
	cat >found.expect <<-\EOF &&
	check,file,line,key
	torn_line,cases.csv,22,
	field,members.csv,1002,M00001001
	dup_key,unions.csv,24,U000022
	EOF
	test_cmp found.expect found &&
	tail -c 5 d/cases.csv >tail.out && printf ",2025" >tail.expect &&
	test_cmp tail.expect tail.out
'

test_case '--defects all: 29 defects, each found by the audit where logged' '
	"$gen" -o d --defects all --defects-log log 2>err &&
	test ! -s err &&
	test "$(wc -l <log)" = 29 &&
	cut -d, -f1 log >names &&
	"$gen" --list-defects | sed 1d | cut -d, -f1 >names.expect &&
	test_cmp names.expect names &&
	test_status 1 union-audit -D d --as-of $asof >audit.out 2>/dev/null &&
	while IFS=, read -r name file line key; do
		grep -q ",$file,$line," audit.out ||
		{ echo "$name not found at $file:$line" >&2; return 1; }
	done <log &&
	test_no_grep journal_ audit.out
'

test_case '--defects plants the same records in TSV, found by the audit' '
	"$gen" -o c --defects all --defects-log c.log &&
	"$gen" -o t --defects all --defects-log t.log --format tsv &&
	cut -d, -f1,4 c.log >keys.expect && cut -d, -f1,4 t.log >keys &&
	test_cmp keys.expect keys &&
	test_status 1 union-audit -D t --as-of $asof >audit.out 2>/dev/null &&
	while IFS=, read -r name file line key; do
		grep -q ",$file,$line," audit.out || return 1
	done <t.log
'

test_case 'a planted member keeps its key; the duplicate repeats the row before' '
	"$gen" -o d --members 400 --unions 20 --defects dup_member_id,bad_id_check \
	    2>log &&
	cat >log.expect <<-\EOF &&
	bad_id_check,members.csv,102,M00000101
	dup_member_id,members.csv,302,M00000300
	EOF
	test_cmp log.expect log &&
	sed -n "301,303p" d/members.csv | cut -d, -f1 >ids.out &&
	printf "%s\n" M00000300 M00000300 M00000302 >ids.expect &&
	test_cmp ids.expect ids.out
'

# ---- refusals ----

test_case 'usage errors, each with its message and status 2' '
	test_status 2 "$gen" 2>e1 &&
	test_cmp_text e1 "gen-sample: -o DIR is required
gen-sample: see '\''gen-sample --help'\''" &&
	test_status 2 "$gen" -o d --defects nope,bad_phone 2>e2 &&
	test_cmp_text e2 "gen-sample: unknown defect '\''nope'\'' (see --list-defects)
gen-sample: see '\''gen-sample --help'\''" &&
	test_status 2 "$gen" -o d --members x 2>e3 &&
	test_grep "^gen-sample: --members: '\''x'\'' is not a whole number from 0 to 50000000$" e3 &&
	test_status 2 "$gen" -o d --format json 2>e4 &&
	test_grep "^gen-sample: --format: '\''json'\'' is not csv or tsv$" e4 &&
	test_status 2 "$gen" -o d --as-of 2026-02-30 2>e5 &&
	test_grep "^gen-sample: --as-of: '\''2026-02-30'\'': 2026-02-30 is not a calendar date$" e5 &&
	test_status 2 "$gen" -o d --as-of 1999-12-31 2>e6 &&
	test_grep "^gen-sample: --as-of: '\''1999-12-31'\'' is not between 2000-01-01 and 2099-12-31$" e6 &&
	test_status 2 "$gen" -o d --bogus 2>e7 &&
	test_grep "^gen-sample: unknown option '\''--bogus'\''$" e7 &&
	test_status 2 "$gen" -o d extra 2>e8 &&
	test_grep "^gen-sample: unexpected argument '\''extra'\''$" e8 &&
	test_status 2 "$gen" -o d --seed -1 2>e9 &&
	test_grep "^gen-sample: --seed: '\''-1'\'' is not a whole number$" e9 &&
	test ! -e d
'

test_case 'defects that do not fit the sizes asked for are refused' '
	test_status 2 "$gen" -o d --members 50 --cases 10 --defects all 2>e1 &&
	test_grep "^gen-sample: --members 50 is too few to plant 13 member defects (56 needed)$" e1 &&
	test_status 2 "$gen" -o d --unions 5 --defects union_cycle 2>e2 &&
	test_grep "^gen-sample: union_cycle needs 8 or more grassroots unions$" e2 &&
	test_status 2 "$gen" -o d --cases 3 --defects ragged_row 2>e3 &&
	test_grep "^gen-sample: ragged_row needs --cases 4 or more$" e3 &&
	test_status 2 "$gen" -o d --unions 2 --defects member_of_dissolved 2>e4 &&
	test_grep "^gen-sample: member_of_dissolved needs a dissolved union: --unions must be 3 or more$" e4 &&
	test ! -e d
'

test_case 'a directory that is not empty is refused and left alone' '
	mkdir d && echo keep >d/notes.txt &&
	test_status 2 "$gen" -o d 2>err &&
	test_cmp_text err "gen-sample: d: directory not empty" &&
	ls d >ls.out && test_cmp_text ls.out notes.txt
'

test_case 'an empty directory is used; a missing parent is an error' '
	mkdir d && "$gen" -o d --members 10 --unions 3 &&
	test -s d/members.csv &&
	test_status 2 "$gen" -o no/such/dir 2>err &&
	test_cmp_text err "gen-sample: no/such/dir: No such file or directory"
'

test_case '--help and --list-defects print to standard output' '
	"$gen" --help >out 2>err && test ! -s err &&
	head -n 1 out >first &&
	test_cmp_text first "usage: gen-sample -o DIR [--seed N] [--members N] [--unions N]" &&
	"$gen" --list-defects >list &&
	test "$(wc -l <list)" = 30 &&
	head -n 2 list >two &&
	test_cmp_text two "defect,file,description
bad_id_check,members.csv,an active member'\''s id_number with a wrong check character"
'

test_case 'scripts/gen-sample builds the generator and runs it' '
	"$TESTS/../scripts/gen-sample" -o d --members 20 --unions 3 &&
	test "$(wc -l <d/members.csv)" = 21
'

test_done
