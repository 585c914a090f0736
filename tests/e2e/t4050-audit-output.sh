#!/bin/sh
# union-audit, output: the finding rows in every format, ID numbers
# masked unless --show-pii, the summary (standard error, --summary,
# -q), the gzip report, --only and --skip, --strict, exit statuses.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t4001-audit-fixture.sh"

HEAD="severity,check,file,line,key,message"
W="warning,uscc_override,enterprises.csv,3,91320803MA1XXXX02N,\"credit_code: bad check character: expected M, found N\""
E="error,dup_active_person,members.csv,4,M00000003,id_number 320803********0010 already has an active or retained membership on line 2"

# two_findings DIR: the fixture with a second active membership of
# 张三 (an error) and a pilot credit code (a warning), journaled.
two_findings() {
	audit_fixture_files "$1" &&
	sed -i "s/^M00000003,王五,320803198503030038,M,1985-03-03,,U000004,永安商贸,regular,2011-06-01,left/M00000003,王五,320803198001010010,M,1980-01-01,,U000003,永安商贸,regular,2011-06-01,retained/" "$1/members.csv" &&
	sed -i s/91320803MA1XXXX02M/91320803MA1XXXX02N/ "$1/enterprises.csv" &&
	for f in unions programs members enterprises aid cases; do
		union-audit accept -q -D "$1" $f.csv --by t --reason r || return 1
	done
}

# findings ARGS: the audit, failing only on trouble (status 2) or a crash.
findings() {
	audit "$@"
	[ $? -le 1 ]
}

test_case 'csv: sorted by file and line, the ID masked' '
	two_findings d &&
	test_status 1 audit d --no-history >out 2>err &&
	printf "%s\n" "$HEAD" "$W" "$E" >expect &&
	test_cmp expect out &&
	no_time err >sum &&
	printf "%s\n" "union-audit: read 7 files, 16 rows in T s" \
	    "union-audit: 1 error, 1 warning: uscc_override 1, dup_active_person 1" >expect &&
	test_cmp expect sum
'

test_case '--show-pii shows the ID number' '
	two_findings d &&
	findings d --no-history -q --show-pii --only dup_active_person >out &&
	printf "%s\n" "$HEAD" \
	    "error,dup_active_person,members.csv,4,M00000003,id_number 320803198001010010 already has an active or retained membership on line 2" >expect &&
	test_cmp expect out
'

test_case 'the history never holds an ID number unmasked' '
	two_findings d &&
	findings d -q --show-pii >/dev/null &&
	test_grep "320803\*\*\*\*\*\*\*\*0010" d/audit-history.csv &&
	test_no_grep 320803198001010010 d/audit-history.csv
'

test_case 'tsv' '
	two_findings d &&
	findings d --no-history -q --format tsv --only dup_active_person >out &&
	printf "severity\tcheck\tfile\tline\tkey\tmessage\nerror\tdup_active_person\tmembers.csv\t4\tM00000003\tid_number 320803********0010 already has an active or retained membership on line 2\n" >expect &&
	test_cmp expect out
'

test_case 'json: line is a number, an empty line is null-free' '
	two_findings d &&
	findings d --no-history -q --format json --only uscc_override >out &&
	cat >expect <<-\EOT &&
	[
	{"severity":"warning","check":"uscc_override","file":"enterprises.csv","line":3,"key":"91320803MA1XXXX02N","message":"credit_code: bad check character: expected M, found N"}
	]
	EOT
	test_cmp expect out
'

test_case 'table: a caption, then the columns aligned' '
	two_findings d &&
	findings d --no-history -q --format table --only uscc_override >out &&
	cat >expect <<-\EOT &&
	union-audit: d as of 2026-06-30
	severity  check          file             line  key                 message
	warning   uscc_override  enterprises.csv     3  91320803MA1XXXX02N  credit_code: bad check character: expected M, found N
	EOT
	test_cmp expect out
'

test_case 'warnings alone exit 0; --strict makes them fail' '
	two_findings d &&
	test_status 0 audit d --no-history -q --skip dup_active_person >/dev/null &&
	test_status 1 audit d --no-history -q --skip dup_active_person --strict >/dev/null
'

test_case '--only and --skip choose the checks' '
	two_findings d &&
	findings d --no-history -q --only uscc_override >out &&
	printf "%s\n" "$HEAD" "$W" >expect && test_cmp expect out &&
	findings d --no-history -q --skip uscc_override,journal_state >out &&
	printf "%s\n" "$HEAD" "$E" >expect && test_cmp expect out
'

test_case '--summary FILE instead of standard error' '
	two_findings d &&
	findings d --no-history --summary s.txt >out 2>err &&
	test ! -s err &&
	no_time s.txt >sum &&
	printf "%s\n" "read 7 files, 16 rows in T s" \
	    "1 error, 1 warning: uscc_override 1, dup_active_person 1" >expect &&
	test_cmp expect sum
'

test_case '-q: no summary' '
	two_findings d &&
	findings d --no-history -q >out 2>err &&
	test ! -s err
'

test_case '--report FILE.csv.gz: the findings, compressed' '
	two_findings d &&
	findings d --no-history -q --format table --report r.csv.gz >/dev/null &&
	gunzip -c r.csv.gz >r.csv &&
	printf "%s\n" "$HEAD" "$W" "$E" >expect &&
	test_cmp expect r.csv &&
	test ! -e r.csv.gz.tmp
'

test_case '--report into a folder that does not exist' '
	two_findings d &&
	test_status 2 audit d --no-history -q --report no/r.csv.gz >out 2>err &&
	test_cmp_text err "union-audit: cannot write report no/r.csv.gz.tmp: No such file or directory"
'

test_case 'html: one page, captioned' '
	two_findings d &&
	findings d --no-history -q --format html --only uscc_override >out &&
	test_grep "^<title>union-audit: d as of 2026-06-30</title>$" out &&
	test_grep "^<tr><td>warning</td><td>uscc_override</td><td>enterprises.csv</td><td class=\"num\">3</td>" out
'

test_case '--excel neutralises a cell that looks like a formula' '
	two_findings d &&
	sed -i "s/^A0000003,M00000001,/=1+1,M00000099,/" d/aid.csv &&
	findings d --no-history -q --excel --only dangling_ref >out &&
	printf "\357\273\277%s\n" "$HEAD" >expect &&
	echo "error,dangling_ref,aid.csv,4,'\''=1+1,member_id M00000099 names no member" >>expect &&
	test_cmp expect out
'

test_case 'a reader that goes early: the audit still keeps its history' '
	two_findings d &&
	row=$(sed -n 2p d/members.csv) &&
	i=0 && while [ $i -lt 2000 ]; do echo "$row"; i=$((i + 1)); done >>d/members.csv &&
	{ audit d -q --skip journal_state; echo $? >rc; } | head -c 1 >out &&
	test_cmp_text rc 1 &&
	test $(grep -c "^dup_key,members.csv,M00000001," d/audit-history.csv) -eq 1 &&
	test_grep "^dup_active_person,members.csv,M00000003,U000003,error,2026-06-30,2026-06-30,open," d/audit-history.csv
'

test_done
