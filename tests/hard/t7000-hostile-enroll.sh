#!/bin/sh
# t7000-hostile-enroll.sh - the hostile input corpus (hostile.sh) fed to
# every input path of union-enroll: add and check read candidate files,
# transfer and leave read their batches from standard input.  Each case
# pins the exit status and the exact messages, and what is left of the
# data directory: untouched, or exactly what the good row alone makes.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/hostile.sh"

UNION_NOW=2026-01-02T03:04:05Z
export UNION_NOW
HBASE=$t_root/base
gen_sample "$HBASE" --members 300 --unions 10 --towns 3 ||
	{ echo "gen-sample failed"; exit 1; }

H=name,id_number,phone,union_id,employer,group,join_date,wage,hardship
R1=Zhang,320800199001010008,13800000000,U000004,Acme,regular,2020-01-01,3000,none
R2=Li,320800199001010016,13800000001,U000004,Acme,regular,2020-01-01,3000,none
UTF16='file is UTF-16; save it as CSV UTF-8, or convert with iconv'
GROUPS='regular, truck_driver, courier, care_worker, domestic_worker, mall_info_clerk, food_delivery, property_agent, security_guard, ride_hailing'

HNAME=add HCMD='union-enroll -D d add --as-of 2026-06-30 "$f"'
hostile_setup add "$H" "$R1" "$R2" 2 7 8
E=union-enroll
hostile_case unterminated.csv 2 old "$E: unterminated.csv:2: name: unterminated quoted field"
hostile_case midquote.csv 1 one "$E: midquote.csv:2: name: quote inside an unquoted field"
hostile_case short.csv 1 one "$E: short.csv:2: expected 9 fields, found 8"
hostile_case long.csv 1 one "$E: long.csv:2: expected 9 fields, found 10"
hostile_case header-repeat.csv 1 one "$E: header-repeat.csv:2: id_number: must be 18 characters, found 9
$E: header-repeat.csv:2: phone: not a phone number: only digits, spaces, dashes and a +86 or 0086 prefix
$E: header-repeat.csv:2: group: \"group\" is not one of $GROUPS
$E: header-repeat.csv:2: join_date: not a YYYY-MM-DD date
$E: header-repeat.csv:2: wage: not an amount: only digits and one decimal point
$E: header-repeat.csv:2: hardship: \"hardship\" is not one of none, relative, deep, accidental
$E: header-repeat.csv:2: union_id: no such union: union_id"
hostile_case missing-col.csv 2 old "$E: missing-col.csv:1: id_number: required column missing"
hostile_case dup-col.csv 2 old "$E: dup-col.csv:1: name: duplicate column name"
hostile_case empty.csv 2 old "$E: empty.csv: empty file"
hostile_case header-only.csv 0 old ""
# a 10 MiB name is a name: enrolled whole, and the audit reads it back
hostile_case bigfield.csv 0 new ""
hostile_case wide.csv 0 one ""
hostile_case nul.csv 1 old "$E: nul.csv:2: name: NUL byte"
hostile_case badutf8.csv 1 old "$E: badutf8.csv:2: name: invalid UTF-8"
hostile_case utf16.csv 2 old "$E: utf16.csv: $UTF16"
hostile_case mixed-eol.csv 0 new ""
hostile_case trunc.csv.gz 2 old "$E: trunc.csv.gz: truncated gzip stream"
hostile_case date.csv 1 old "$E: date.csv:2: join_date: 2026-02-30 is not a calendar date"
hostile_case money-1.csv 1 old "$E: money-1.csv:2: wage: exponent not allowed in an amount"
hostile_case money-2.csv 1 old "$E: money-2.csv:2: wage: sign not allowed: amounts are never negative"
hostile_case money-3.csv 1 old "$E: money-3.csv:2: wage: more than two decimals"
hostile_case money-4.csv 1 old "$E: money-4.csv:2: wage: full-width digit not allowed in an amount"
hostile_case money-5.csv 1 old "$E: money-5.csv:2: wage: amount above the maximum 999999999999.99"

# check reads as add does, and never changes anything
HNAME=check HCMD='union-enroll -D d check --as-of 2026-06-30 "$f"'
hostile_setup check "$H" "$R1" "$R2" 2 7 8
hostile_case unterminated.csv 2 old "$E: unterminated.csv:2: name: unterminated quoted field"
hostile_case midquote.csv 1 old "$E: midquote.csv:2: name: quote inside an unquoted field"
hostile_case short.csv 1 old "$E: short.csv:2: expected 9 fields, found 8"
hostile_case long.csv 1 old "$E: long.csv:2: expected 9 fields, found 10"
hostile_case missing-col.csv 2 old "$E: missing-col.csv:1: id_number: required column missing"
hostile_case dup-col.csv 2 old "$E: dup-col.csv:1: name: duplicate column name"
hostile_case empty.csv 2 old "$E: empty.csv: empty file"
hostile_case header-only.csv 0 old ""
hostile_case bigfield.csv 0 old ""
hostile_case wide.csv 0 old ""
hostile_case nul.csv 1 old "$E: nul.csv:2: name: NUL byte"
hostile_case badutf8.csv 1 old "$E: badutf8.csv:2: name: invalid UTF-8"
hostile_case utf16.csv 2 old "$E: utf16.csv: $UTF16"
hostile_case mixed-eol.csv 0 old ""
hostile_case trunc.csv.gz 2 old "$E: trunc.csv.gz: truncated gzip stream"
hostile_case date.csv 1 old "$E: date.csv:2: join_date: 2026-02-30 is not a calendar date"
hostile_case money-1.csv 1 old "$E: money-1.csv:2: wage: exponent not allowed in an amount"
hostile_case money-5.csv 1 old "$E: money-5.csv:2: wage: amount above the maximum 999999999999.99"

# transfer and leave read a batch from standard input
S='<stdin>'
for cmd in transfer leave; do
	if [ $cmd = transfer ]; then
		HNAME=transfer
		HCMD='union-enroll -D d transfer --as-of 2026-06-30 <"$f"'
		hostile_setup transfer member_id,to_union,date \
		    M00000001,U000008,2026-06-01 M00000002,U000008,2026-06-01 2 3 ""
		repeat="$E: $S:2: date: not a YYYY-MM-DD date"
		missing="$E: $S:1: to_union: required column missing"
	else
		HNAME=leave
		HCMD='union-enroll -D d leave --as-of 2026-06-30 <"$f"'
		hostile_setup leave member_id,reason,date \
		    M00000001,left,2026-06-01 M00000002,left,2026-06-01 1 3 ""
		repeat="$E: $S:2: reason: must be one of left, deceased, retained"
		missing="$E: $S:1: member_id: required column missing"
	fi
	hostile_case unterminated.csv 2 old "$E: $S:2: member_id: unterminated quoted field"
	hostile_case midquote.csv 1 one "$E: $S:2: member_id: quote inside an unquoted field"
	hostile_case short.csv 1 one "$E: $S:2: expected 3 fields, found 2"
	hostile_case long.csv 1 one "$E: $S:2: expected 3 fields, found 4"
	hostile_case header-repeat.csv 1 one "$repeat"
	hostile_case missing-col.csv 2 old "$missing"
	hostile_case dup-col.csv 2 old "$E: $S:1: member_id: duplicate column name"
	hostile_case empty.csv 2 old "$E: $S: empty file"
	hostile_case header-only.csv 0 old ""
	hostile_case bigfield.csv 1 one "$E: $S:2: member_id: no such member"
	hostile_case wide.csv 0 one ""
	hostile_case nul.csv 1 old "$E: $S:2: member_id: NUL byte"
	hostile_case badutf8.csv 1 old "$E: $S:2: member_id: invalid UTF-8"
	hostile_case utf16.csv 2 old "$E: $S: $UTF16"
	hostile_case mixed-eol.csv 0 new ""
	hostile_case trunc.csv.gz 2 old "$E: $S:2: truncated gzip stream"
	hostile_case date.csv 1 old "$E: $S:2: date: 2026-02-30 is not a calendar date"
done

test_done
