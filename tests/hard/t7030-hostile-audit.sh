#!/bin/sh
# t7030-hostile-audit.sh - union-audit over a data directory whose
# aid.csv (or members.csv) is a file of the hostile corpus (hostile.sh):
# each case pins the exit status, the findings, the messages, and that
# the audit wrote nothing but its own history.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/hostile.sh"

HBASE=$t_root/base
gen_sample "$HBASE" --members 300 --unions 10 --towns 3 ||
	{ echo "gen-sample failed"; exit 1; }
A=$t_root/aid M=$t_root/members
mkdir -p "$A" "$M" &&
(cd "$A" && hostile_make "$(head -n 1 "$HBASE/aid.csv")" \
    "$(sed -n 2p "$HBASE/aid.csv")" "$(sed -n 3p "$HBASE/aid.csv")" 3 4 5) &&
(cd "$M" && hostile_make "$(head -n 1 "$HBASE/members.csv")" \
    "$(sed -n 2p "$HBASE/members.csv")" "$(sed -n 3p "$HBASE/members.csv")" 1 10 12) ||
	{ echo "no corpus"; exit 1; }
size=$(wc -c <"$HBASE/aid.csv" | tr -d ' ')

# audit_case TABLE FILE STATUS ERR OUT: FILE of the corpus as TABLE
# (TABLE.csv, or TABLE.csv.gz for a .gz); union-audit -q exits with
# STATUS, writes exactly ERR on standard error and OUT on standard
# output, and changes no table: it writes only its history, which it
# journals (one entry appended, the journal's cache updated).
audit_case() {
	ac_table=$1 ac_file=$2 ac_status=$3 ac_err=$4 ac_out=$5
	test_case "audit of a $ac_table.csv like $ac_file" '
		cp -R "$HBASE" d && rm d/$ac_table.csv &&
		case $ac_file in
		*.gz) cp "$t_root/$ac_table/$ac_file" d/$ac_table.csv.gz ;;
		*) cp "$t_root/$ac_table/$ac_file" d/$ac_table.csv ;;
		esac &&
		hostile_sums d | grep -v "^\.journal-state " >before &&
		cp d/journal.csv journal.old &&
		HCMD="union-audit -q -D d --as-of 2026-06-30" &&
		test_status "$ac_status" hostile_run &&
		if [ -z "$ac_err" ]; then test ! -s err || { cat err; false; }
		else test_cmp_text err "$ac_err"; fi &&
		test_cmp_text out "$ac_out" &&
		hostile_sums d | grep -v -e "^audit-history.csv " \
		    -e "^journal.csv " -e "^\.journal-state " >after &&
		grep -v "^journal.csv " before >before.tables &&
		test_cmp before.tables after &&
		head -c "$(wc -c <journal.old)" d/journal.csv | cmp - journal.old &&
		test "$(tail -n +"$(($(wc -l <journal.old) + 1))" d/journal.csv |
		    grep -c -v ",union-audit,history,audit-history.csv,")" -eq 0
	'
}

E=union-audit
UTF16='file is UTF-16; save it as CSV UTF-8, or convert with iconv'
O=severity,check,file,line,key,message
cut="error,journal_state,aid.csv,,,changed behind the tools' back: size"
audit_case aid unterminated.csv 1 "" "$O
$cut 353 differs from the journal's $size: the end is cut off
error,unreadable,aid.csv,2,,aid_id: unterminated quoted field"
audit_case aid midquote.csv 1 "" "$O
$cut 346 differs from the journal's $size: the end is cut off
error,malformed_record,aid.csv,2,,aid_id: quote inside an unquoted field"
audit_case aid short.csv 1 "" "$O
$cut 351 differs from the journal's $size: the end is cut off
error,malformed_record,aid.csv,2,,\"expected 13 fields, found 12\""
audit_case aid long.csv 1 "" "$O
$cut 358 differs from the journal's $size: the end is cut off
error,malformed_record,aid.csv,2,,\"expected 13 fields, found 14\""
audit_case aid header-repeat.csv 1 "" "$O
$cut 328 differs from the journal's $size: the end is cut off
error,field,aid.csv,2,aid_id,applied: not a YYYY-MM-DD date
error,field,aid.csv,2,aid_id,approved: not an amount: only digits and one decimal point
error,field,aid.csv,2,aid_id,decided: not a YYYY-MM-DD date
error,field,aid.csv,2,aid_id,paid: not an amount: only digits and one decimal point
error,field,aid.csv,2,aid_id,paid_on: not a YYYY-MM-DD date
error,field,aid.csv,2,aid_id,requested: not an amount: only digits and one decimal point
error,field,aid.csv,2,aid_id,\"status: \"\"status\"\" is not one of applied, approved, rejected, paid\"
error,dangling_ref,aid.csv,2,aid_id,member_id member_id names no member
error,dangling_ref,aid.csv,2,aid_id,program program names no programme"
audit_case aid missing-col.csv 1 "$E: d/aid.csv:1: program: required column missing" "$O
$cut 203 differs from the journal's $size: the end is cut off
error,header,aid.csv,1,,required column program missing"
audit_case aid dup-col.csv 1 "$E: d/aid.csv:1: aid_id: duplicate column name" "$O
$cut 237 differs from the journal's $size: the end is cut off
error,header,aid.csv,1,,column aid_id appears twice (fields 1 and 14)"
audit_case aid empty.csv 1 "" "$O
error,unreadable,aid.csv,,,empty file: no header
$cut 0 differs from the journal's $size: the end is cut off"
audit_case aid header-only.csv 1 "" "$O
$cut 102 differs from the journal's $size: the end is cut off"
audit_case aid bigfield.csv 1 "" "$O
error,journal_state,aid.csv,,,changed behind the tools' back: content differs from the journal in bytes 0 to $((size - 1)) (entry 5); size 10486103 differs from the journal's $size"
audit_case aid wide.csv 1 "" "$O
error,journal_state,aid.csv,,,changed behind the tools' back: content differs from the journal in bytes 0 to $((size - 1)) (entry 5); size 69064 differs from the journal's $size"
audit_case aid nul.csv 1 "" "$O
$cut 227 differs from the journal's $size: the end is cut off
error,malformed_record,aid.csv,2,,aid_id: NUL byte"
audit_case aid badutf8.csv 1 "" "$O
$cut 227 differs from the journal's $size: the end is cut off
error,malformed_record,aid.csv,2,,aid_id: invalid UTF-8"
# the reader's reason is on standard error once, and in the finding
audit_case aid utf16.csv 1 "$E: d/aid.csv: $UTF16" "$O
error,unreadable,aid.csv,,,\"cannot be read as a table: $UTF16\"
$cut 442 differs from the journal's $size: the end is cut off"
audit_case aid mixed-eol.csv 1 "" "$O
$cut 354 differs from the journal's $size: the end is cut off"
audit_case aid trunc.csv.gz 1 "$E: d/aid.csv.gz: truncated gzip stream" "$O
error,unreadable,aid.csv.gz,,,cannot be read as a table: truncated gzip stream"
audit_case aid date.csv 1 "" "$O
$cut 226 differs from the journal's $size: the end is cut off
error,field,aid.csv,2,A00000001,applied: 2026-02-30 is not a calendar date"
audit_case aid money-1.csv 1 "" "$O
$cut 221 differs from the journal's $size: the end is cut off
error,field,aid.csv,2,A00000001,requested: exponent not allowed in an amount"
audit_case aid money-2.csv 1 "" "$O
$cut 220 differs from the journal's $size: the end is cut off
error,field,aid.csv,2,A00000001,requested: sign not allowed: amounts are never negative"
audit_case aid money-3.csv 1 "" "$O
$cut 224 differs from the journal's $size: the end is cut off
error,field,aid.csv,2,A00000001,requested: more than two decimals"
audit_case aid money-4.csv 1 "" "$O
$cut 224 differs from the journal's $size: the end is cut off
error,field,aid.csv,2,A00000001,requested: full-width digit not allowed in an amount"
audit_case aid money-5.csv 1 "" "$O
$cut 238 differs from the journal's $size: the end is cut off
error,field,aid.csv,2,A00000001,requested: amount above the maximum 999999999999.99"

# the roster: its faults are found the same way
msize=$(wc -c <"$HBASE/members.csv" | tr -d ' ')
mcut="error,journal_state,members.csv,,,changed behind the tools' back: size"
audit_case members unterminated.csv 1 "" "$O
$mcut 413 differs from the journal's $msize: the end is cut off
error,unreadable,members.csv,2,,member_id: unterminated quoted field"
audit_case members midquote.csv 1 "" "$O
$mcut 406 differs from the journal's $msize: the end is cut off
error,malformed_record,members.csv,2,,member_id: quote inside an unquoted field"
audit_case members utf16.csv 1 "$E: d/members.csv: $UTF16" "$O
error,unreadable,members.csv,,,\"cannot be read as a table: $UTF16\"
$mcut 450 differs from the journal's $msize: the end is cut off"

test_done
