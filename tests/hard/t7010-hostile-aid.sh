#!/bin/sh
# t7010-hostile-aid.sh - the hostile input corpus (hostile.sh) fed to
# union-aid's batches: apply and approve read files, pay reads standard
# input, case open reads a file.  Each case pins the exit status, the
# exact messages and what is left of the data directory.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/hostile.sh"

UNION_NOW=2026-01-02T03:04:05Z
export UNION_NOW
HBASE=$t_root/base
# A00000008 waits for approval, A00000009 for payment
{
	gen_sample "$HBASE" --members 300 --unions 10 --towns 3 &&
	for m in M00000001 M00000002; do
		union-aid -D "$HBASE" apply --as-of 2026-06-30 -m $m \
		    -p medical_mutual -a 100 || exit 1
	done >/dev/null &&
	union-aid -D "$HBASE" approve --as-of 2026-06-30 A00000009 >/dev/null
} || { echo "setup failed"; exit 1; }

E=union-aid
UTF16='file is UTF-16; save it as CSV UTF-8, or convert with iconv'

HNAME=apply HCMD='union-aid -D d apply --as-of 2026-06-30 "$f"'
hostile_setup apply member_id,program,requested,applied,note \
    M00000003,medical_mutual,100,2026-06-01,n1 \
    M00000004,medical_mutual,100,2026-06-01,n2 2 4 3
hostile_case unterminated.csv 2 old "$E: unterminated.csv:2: member_id: unterminated quoted field"
hostile_case midquote.csv 1 one "$E: midquote.csv:2: member_id: quote inside an unquoted field"
hostile_case short.csv 1 one "$E: short.csv:2: expected 5 fields, found 4"
hostile_case long.csv 1 one "$E: long.csv:2: expected 5 fields, found 6"
hostile_case header-repeat.csv 1 one "$E: header-repeat.csv:2: member_id: member member_id not found"
hostile_case missing-col.csv 2 old "$E: missing-col.csv:1: program: required column missing"
hostile_case dup-col.csv 2 old "$E: dup-col.csv:1: member_id: duplicate column name"
hostile_case empty.csv 2 old "$E: empty.csv: empty file"
hostile_case header-only.csv 0 old ""
# the message names the 10 MiB value, cut to one bounded line
hostile_case bigfield.csv 1 one "$(hostile_capped "$E: bigfield.csv:2: member_id: member ")"
hostile_case wide.csv 0 one ""
hostile_case nul.csv 1 old "$E: nul.csv:2: member_id: NUL byte"
hostile_case badutf8.csv 1 old "$E: badutf8.csv:2: member_id: invalid UTF-8"
hostile_case utf16.csv 2 old "$E: utf16.csv: $UTF16"
hostile_case mixed-eol.csv 0 new ""
hostile_case trunc.csv.gz 2 old "$E: trunc.csv.gz: truncated gzip stream"
hostile_case date.csv 1 old "$E: date.csv:2: applied: '2026-02-30': 2026-02-30 is not a calendar date"
hostile_case money-1.csv 1 old "$E: money-1.csv:2: requested: '1e3': exponent not allowed in an amount"
hostile_case money-2.csv 1 old "$E: money-2.csv:2: requested: '-0': sign not allowed: amounts are never negative"
hostile_case money-3.csv 1 old "$E: money-3.csv:2: requested: '12.345': more than two decimals"
hostile_case money-4.csv 1 old "$E: money-4.csv:2: requested: '１２': full-width digit not allowed in an amount"
hostile_case money-5.csv 1 old "$E: money-5.csv:2: requested: '99999999999999999999': amount above the maximum 999999999999.99"

# approve (a file) and pay (standard input) read the aid_id column
for cmd in approve pay; do
	if [ $cmd = approve ]; then
		HNAME=approve S=
		HCMD='union-aid -D d approve --as-of 2026-06-30 "$f"'
		hostile_setup approve aid_id,note A00000008,x A00000007,y 1 "" ""
	else
		HNAME=pay S='<stdin>'
		HCMD='union-aid -D d pay --as-of 2026-06-30 <"$f"'
		hostile_setup pay aid_id,note A00000009,x A00000007,y 1 "" ""
	fi
	# n FILE: how messages name the input
	n() { printf '%s' "${S:-$1}"; }
	hostile_case unterminated.csv 2 old "$E: $(n unterminated.csv):2: aid_id: unterminated quoted field"
	hostile_case midquote.csv 1 one "$E: $(n midquote.csv):2: aid_id: quote inside an unquoted field"
	hostile_case short.csv 1 one "$E: $(n short.csv):2: expected 2 fields, found 1"
	hostile_case long.csv 1 one "$E: $(n long.csv):2: expected 2 fields, found 3"
	hostile_case header-repeat.csv 1 one "$E: $(n header-repeat.csv):2: aid_id: application aid_id not found"
	hostile_case missing-col.csv 2 old "$E: $(n missing-col.csv):1: aid_id: required column missing"
	hostile_case dup-col.csv 2 old "$E: $(n dup-col.csv):1: aid_id: duplicate column name"
	hostile_case empty.csv 2 old "$E: $(n empty.csv): empty file"
	hostile_case header-only.csv 0 old ""
	hostile_case bigfield.csv 1 one "$(hostile_capped "$E: $(n bigfield.csv):2: aid_id: application ")"
	hostile_case wide.csv 0 one ""
	hostile_case nul.csv 1 old "$E: $(n nul.csv):2: aid_id: NUL byte"
	hostile_case badutf8.csv 1 old "$E: $(n badutf8.csv):2: aid_id: invalid UTF-8"
	hostile_case utf16.csv 2 old "$E: $(n utf16.csv): $UTF16"
	hostile_case trunc.csv.gz 2 old "$E: $(n trunc.csv.gz):4: truncated gzip stream"
done
# A00000007 of the sample is applied, not approved: pay takes the first
# row of the mixed line ends and refuses the second
HNAME=pay
hostile_case mixed-eol.csv 1 one "$E: <stdin>:3: aid_id: application A00000007 is not approved yet"

HNAME=case-open HCMD='union-aid -D d case open --as-of 2026-06-30 "$f"'
hostile_setup case-open type,kind,channel,union_id,member_id,opened,handler,summary \
    case,wage_arrears,visit,U000008,M00000001,2026-06-01,Wu,s1 \
    consultation,other,phone,U000008,,2026-06-02,Wu,s2 2 6 ""
hostile_case unterminated.csv 2 old "$E: unterminated.csv:2: type: unterminated quoted field"
hostile_case midquote.csv 1 one "$E: midquote.csv:2: type: quote inside an unquoted field"
hostile_case short.csv 1 one "$E: short.csv:2: expected 8 fields, found 7"
hostile_case long.csv 1 one "$E: long.csv:2: expected 8 fields, found 9"
hostile_case header-repeat.csv 1 one "$E: header-repeat.csv:2: type: type 'type' is not one of consultation, case"
hostile_case missing-col.csv 2 old "$E: missing-col.csv:1: kind: required column missing"
hostile_case dup-col.csv 2 old "$E: dup-col.csv:1: type: duplicate column name"
hostile_case empty.csv 2 old "$E: empty.csv: empty file"
hostile_case header-only.csv 0 old ""
hostile_case bigfield.csv 1 one "$(hostile_capped "$E: bigfield.csv:2: type: type '")"
hostile_case wide.csv 0 one ""
hostile_case nul.csv 1 old "$E: nul.csv:2: type: NUL byte"
hostile_case badutf8.csv 1 old "$E: badutf8.csv:2: type: invalid UTF-8"
hostile_case utf16.csv 2 old "$E: utf16.csv: $UTF16"
hostile_case mixed-eol.csv 0 new ""
hostile_case trunc.csv.gz 2 old "$E: trunc.csv.gz: truncated gzip stream"
hostile_case date.csv 1 old "$E: date.csv:2: opened: '2026-02-30': 2026-02-30 is not a calendar date"

test_done
