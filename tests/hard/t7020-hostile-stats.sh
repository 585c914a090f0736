#!/bin/sh
# t7020-hostile-stats.sh - the hostile input corpus (hostile.sh), in the
# shape of a roster, fed to union-stats select, agg (one thread and two),
# freq and dup.  A malformed record is told and skipped (exit 1), the
# rest is still counted; an input that cannot be read at all is exit 2;
# a value that is not a number where a sum needs one is exit 2.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/hostile.sh"

HBASE=$t_root/base
gen_sample "$HBASE" --members 300 --unions 10 --towns 3 ||
	{ echo "gen-sample failed"; exit 1; }
H=$(head -n 1 "$HBASE/members.csv")
R1=$(sed -n 2p "$HBASE/members.csv")
R2=$(sed -n 3p "$HBASE/members.csv")
# the good rows' union_id, join_date and wage
u1=$(echo "$R1" | cut -d, -f7) j1=$(echo "$R1" | cut -d, -f10) w1=$(echo "$R1" | cut -d, -f12)
u2=$(echo "$R2" | cut -d, -f7) j2=$(echo "$R2" | cut -d, -f10) w2=$(echo "$R2" | cut -d, -f12)
m1=$(echo "$R1" | cut -d, -f1) m2=$(echo "$R2" | cut -d, -f1)
# these expectations need the sample's first two members in two unions,
# the first one's union sorting after the second's, both joined before 2026
test "$u2" \< "$u1" && test "$j1" \< 2026-01-01 && test "$j2" \< 2026-01-01 ||
	{ echo "the sample's first members changed: $R1 / $R2"; exit 1; }

E=union-stats
UTF16='file is UTF-16; save it as CSV UTF-8, or convert with iconv'

# an input that cannot be read at all: nothing on standard output, not
# even the header (a run that ends in exit 2 before any input was taken)
HNAME=select
HCMD='union-stats select --columns member_id,join_date,wage --where "join_date<2026-01-01" --where "wage>=0" "$f"'
hostile_setup select "$H" "$R1" "$R2" 10 10 12
O=member_id,join_date,wage
hostile_case unterminated.csv 2 old "$E: unterminated.csv:2: member_id: unterminated quoted field" "$O"
hostile_case midquote.csv 1 old "$E: midquote.csv:2: member_id: quote inside an unquoted field" "$O
$m1,$j1,$w1"
hostile_case short.csv 1 old "$E: short.csv:2: expected 13 fields, found 12" "$O
$m1,$j1,$w1"
hostile_case long.csv 1 old "$E: long.csv:2: expected 13 fields, found 14" "$O
$m1,$j1,$w1"
# the repeated header is a row like any other, and fails both conditions
hostile_case header-repeat.csv 0 old "" "$O
$m1,$j1,$w1"
hostile_case missing-col.csv 2 old "$E: missing-col.csv:1: join_date: no such column" ""
hostile_case dup-col.csv 2 old "$E: dup-col.csv:1: member_id: duplicate column name" ""
hostile_case empty.csv 2 old "$E: empty.csv: empty file" ""
hostile_case header-only.csv 0 old "" "$O"
hostile_case wide.csv 0 old "" "$O
$m1,$j1,$w1"
hostile_case nul.csv 1 old "$E: nul.csv:2: member_id: NUL byte" "$O"
hostile_case badutf8.csv 1 old "$E: badutf8.csv:2: member_id: invalid UTF-8" "$O"
hostile_case utf16.csv 2 old "$E: utf16.csv: $UTF16" ""
hostile_case mixed-eol.csv 0 old "" "$O
$m1,$j1,$w1
$m2,$j2,$w2"
hostile_case trunc.csv.gz 2 old "$E: trunc.csv.gz: truncated gzip stream" ""
# a value that is not of the literal's kind does not match (the man page)
hostile_case date.csv 0 old "" "$O"
hostile_case money-1.csv 0 old "" "$O"
hostile_case money-2.csv 0 old "" "$O
$m1,$j1,-0"
hostile_case money-3.csv 0 old "" "$O
$m1,$j1,12.345"
hostile_case money-4.csv 0 old "" "$O"
hostile_case money-5.csv 0 old "" "$O"
test_case 'select passes the 10 MiB field through whole' '
	test_status 0 union-stats select --columns member_id "$HFX/bigfield.csv" >out 2>err &&
	test ! -s err &&
	{ echo member_id; head -c 10485760 /dev/zero | tr "\0" a; echo; echo "$m1"; } >expect &&
	test_cmp expect out
'

for j in 1 2; do
	HNAME="agg -j $j"
	HCMD="union-stats agg -j $j -g union_id count sum:wage \"\$f\""
	hostile_setup agg$j "$H" "$R1" "$R2" 7 10 12
	O=union_id,count,wage_sum
	hostile_case unterminated.csv 2 old "$E: unterminated.csv:2: member_id: unterminated quoted field" ""
	hostile_case midquote.csv 1 old "$E: midquote.csv:2: member_id: quote inside an unquoted field" "$O
$u1,1,$w1"
	hostile_case short.csv 1 old "$E: short.csv:2: expected 13 fields, found 12" "$O
$u1,1,$w1"
	hostile_case long.csv 1 old "$E: long.csv:2: expected 13 fields, found 14" "$O
$u1,1,$w1"
	hostile_case header-repeat.csv 2 old "$E: header-repeat.csv:2: wage: not a number: 'wage'" ""
	hostile_case missing-col.csv 2 old "$E: missing-col.csv:1: union_id: no such column" ""
	hostile_case dup-col.csv 2 old "$E: dup-col.csv:1: member_id: duplicate column name" ""
	hostile_case empty.csv 2 old "$E: empty.csv: empty file" ""
	hostile_case header-only.csv 0 old "" "$O"
	hostile_case bigfield.csv 0 old "" "$O
$u2,1,$w2
$u1,1,$w1"
	hostile_case wide.csv 0 old "" "$O
$u1,1,$w1"
	hostile_case nul.csv 1 old "$E: nul.csv:2: member_id: NUL byte" "$O"
	hostile_case badutf8.csv 1 old "$E: badutf8.csv:2: member_id: invalid UTF-8" "$O"
	hostile_case utf16.csv 2 old "$E: utf16.csv: $UTF16" ""
	hostile_case mixed-eol.csv 0 old "" "$O
$u2,1,$w2
$u1,1,$w1"
	hostile_case trunc.csv.gz 2 old "$E: trunc.csv.gz: truncated gzip stream" ""
	hostile_case date.csv 0 old "" "$O
$u1,1,$w1"
	hostile_case money-1.csv 2 old "$E: money-1.csv:2: wage: not a number: '1e3'" ""
	hostile_case money-2.csv 0 old "" "$O
$u1,1,0"
	hostile_case money-3.csv 0 old "" "$O
$u1,1,12.345"
	hostile_case money-4.csv 2 old "$E: money-4.csv:2: wage: not a number: '１２'" ""
	hostile_case money-5.csv 2 old "$E: money-5.csv:2: wage: not a number: '99999999999999999999'" ""
done

for cmd in "freq union_id" "dup id_number"; do
	HNAME=$cmd HCMD="union-stats $cmd \"\$f\""
	col=${cmd#* }
	k=7 && [ "$col" = id_number ] && k=3
	hostile_setup "${cmd%% *}" "$H" "$R1" "$R2" $k 10 12
	hostile_case missing-col.csv 2 old "$E: missing-col.csv:1: $col: no such column"
	hostile_case unterminated.csv 2 old "$E: unterminated.csv:2: member_id: unterminated quoted field"
	hostile_case midquote.csv 1 old "$E: midquote.csv:2: member_id: quote inside an unquoted field"
	hostile_case short.csv 1 old "$E: short.csv:2: expected 13 fields, found 12"
	hostile_case long.csv 1 old "$E: long.csv:2: expected 13 fields, found 14"
	hostile_case dup-col.csv 2 old "$E: dup-col.csv:1: member_id: duplicate column name"
	hostile_case empty.csv 2 old "$E: empty.csv: empty file"
	hostile_case header-only.csv 0 old ""
	hostile_case bigfield.csv 0 old ""
	hostile_case wide.csv 0 old ""
	hostile_case nul.csv 1 old "$E: nul.csv:2: member_id: NUL byte"
	hostile_case badutf8.csv 1 old "$E: badutf8.csv:2: member_id: invalid UTF-8"
	hostile_case utf16.csv 2 old "$E: utf16.csv: $UTF16"
	hostile_case mixed-eol.csv 0 old ""
	hostile_case trunc.csv.gz 2 old "$E: trunc.csv.gz: truncated gzip stream"
done

test_done
