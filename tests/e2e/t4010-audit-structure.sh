#!/bin/sh
# union-audit, structure: every file present and readable, required
# columns present, no repeated column, every record with the header's
# field count and well-formed, no torn last line.  Each case breaks the
# fixture by hand; the journal_state finding this also makes is tested
# in t4020 and skipped here.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t4001-audit-fixture.sh"

HEAD="severity,check,file,line,key,message"

# broken CHANGE EXPECTED-STATUS: the fixture, CHANGE run in it, then the
# audit's findings (journal_state skipped) into out, messages into err.
broken() {
	audit_fixture d && (cd d && eval "$1") &&
	test_status "$2" audit d --no-history -q --skip journal_state >out 2>err
}

test_case 'a missing table' '
	broken "rm enterprises.csv" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,missing_file,enterprises.csv,,,no enterprises.csv in the data directory" >expect &&
	test_cmp expect out && test ! -s err
'

test_case 'an empty folder: every file missing, and nothing written there' '
	mkdir d &&
	test_status 1 audit d >out 2>err &&
	cat >expect <<-EOT &&
	$HEAD
	error,missing_file,aid.csv,,,no aid.csv in the data directory
	error,missing_file,cases.csv,,,no cases.csv in the data directory
	error,missing_file,enterprises.csv,,,no enterprises.csv in the data directory
	error,missing_file,journal.csv,,,no journal.csv in the data directory
	error,missing_file,members.csv,,,no members.csv in the data directory
	error,missing_file,programs.csv,,,no programs.csv in the data directory
	error,missing_file,unions.csv,,,no unions.csv in the data directory
	EOT
	test_cmp expect out &&
	no_time err >sum &&
	printf "%s\n" "union-audit: no table could be read: the findings history is not kept" \
	    "union-audit: read 0 files, 0 rows in T s" \
	    "union-audit: 7 errors, 0 warnings: missing_file 7" >expect &&
	test_cmp expect sum &&
	ls -A d >files && test_cmp_text files .lock
'

test_case 'an empty table' '
	broken ": >cases.csv" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,unreadable,cases.csv,,,empty file: no header" >expect &&
	test_cmp expect out
'

test_case 'a blank first line' '
	broken "printf \"\\n\" >cases.csv" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,header,cases.csv,1,,column 1 has no name" >expect &&
	test_cmp expect out &&
	test_cmp_text err "union-audit: d/cases.csv:1: missing header: the first line is blank"
'

# extra_column FILE NAME: a column NAME at the end, "x" in every row.
extra_column() {
	awk -v n="$2" "{ print \$0 \",\" (NR == 1 ? n : \"x\") }" "$1" >"$1.new" &&
	mv "$1.new" "$1"
}

test_case 'a repeated column name' '
	broken "extra_column unions.csv name" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,header,unions.csv,1,,column name appears twice (fields 2 and 11)" >expect &&
	test_cmp expect out &&
	test_cmp_text err "union-audit: d/unions.csv:1: name: duplicate column name"
'

test_case 'a column without a name' '
	broken "extra_column unions.csv \"\"" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,header,unions.csv,1,,column 11 has no name" >expect &&
	test_cmp expect out
'

test_case 'a required column missing: the rows are not checked' '
	broken "sed -i \"1s/,hardship\\$/,hardshp/; 3s/,deep\\$/,bad/\" members.csv" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,header,members.csv,1,,required column hardship missing" >expect &&
	test_cmp expect out &&
	test_cmp_text err "union-audit: d/members.csv:1: hardship: required column missing"
'

test_case 'columns in another order, and an extra one, are fine' '
	audit_fixture_files d &&
	(cd d && awk -F, -v OFS=, "{ t = \$1; \$1 = \$2; \$2 = t; print \$0, (NR == 1 ? \"remark\" : \"\") }" \
	    members.csv >m && mv m members.csv) &&
	for f in unions programs members enterprises aid cases; do
		union-audit accept -q -D d $f.csv --by t --reason r || return 1
	done &&
	test_status 0 audit d --no-history -q >out &&
	test_cmp_text out "$HEAD"
'

test_case 'a record with a field too many' '
	broken "sed -i \"3s/,deep\\$/,deep,extra/\" members.csv" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,malformed_record,members.csv,3,,\"expected 13 fields, found 14\"" >expect &&
	test_cmp expect out
'

test_case 'a quote inside an unquoted field' '
	broken "sed -i \"3s/李四/李\\\"四/\" members.csv" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,malformed_record,members.csv,3,,name: quote inside an unquoted field" >expect &&
	test_cmp expect out
'

test_case 'references into a table with an unreadable record are not dangling' '
	broken "sed -i \"3s/,deep\\$/,deep,extra/\" members.csv" 1 &&
	test_no_grep dangling_ref out
'

test_case 'a torn last line' '
	broken "printf A0000004,M00000001,winter_warmth,2026-04-0 >>aid.csv" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,torn_line,aid.csv,5,,the last line does not end in a newline: a write cut short" >expect &&
	test_cmp expect out
'

test_case 'a torn last line that still has all its fields' '
	broken "printf C000003,consultation,,U000002,other,phone,2026-03-01,open,,,周文斌,x >>cases.csv" 1 &&
	printf "%s\n" "$HEAD" \
	    "error,torn_line,cases.csv,4,,the last line does not end in a newline: a write cut short" >expect &&
	test_cmp expect out
'

test_case 'quoted fields with commas and newlines are one record' '
	audit_fixture_files d &&
	sed -i "3s/,咨询劳动合同\$/,\"咨询, 劳动\n合同\"/" d/cases.csv &&
	for f in unions programs members enterprises aid cases; do
		union-audit accept -q -D d $f.csv --by t --reason r || return 1
	done &&
	test_status 0 audit d --no-history -q >out &&
	test_cmp_text out "$HEAD"
'

test_case 'a BOM and CRLF line ends, as Excel writes them, are fine' '
	audit_fixture_files d &&
	{ printf "\357\273\277"; sed "s/\$/\r/" d/members.csv; } >m &&
	mv m d/members.csv &&
	for f in unions programs members enterprises aid cases; do
		union-audit accept -q -D d $f.csv --by t --reason r || return 1
	done &&
	test_status 0 audit d --no-history -q >out &&
	test_cmp_text out "$HEAD"
'

test_case 'gzip and tsv tables are read too' '
	audit_fixture d &&
	gzip d/cases.csv &&
	tr , "\t" <d/enterprises.csv >d/enterprises.tsv && rm d/enterprises.csv &&
	test_status 0 audit d --no-history -q >out 2>err &&
	test_cmp_text out "$HEAD" &&
	audit d --no-history 2>err >/dev/null &&
	test_grep "read 7 files, 16 rows" err
'

test_done
