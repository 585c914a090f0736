#!/bin/sh
# union-enroll transfer and leave: one member on the command line or a
# batch of rows on standard input; history kept in the roster; every
# refusal with its message; the journal; the index left fresh.
. "$(dirname "$0")/../lib.sh"

R=member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship
M1='M00000001,张三,320803199001010111,M,1990-01-01,13812345678,U000002,Acme,regular,2020-06-01'
M2='M00000002,李四,32080319950310066X,F,1995-03-10,,U000002,,courier,2021-01-01'

# setup: unions U000001 (county), U000002 and U000004 (grassroots),
# U000003 (dissolved); members M00000001 and M00000002 in U000002
setup() {
	union-enroll init d &&
	printf '%s\n' \
	    'union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating' \
	    'U000001,County federation,,county,,government,2001-01-01,Wang,none' \
	    'U000002,Acme union,U000001,grassroots,91320803MA1X00001U,non_public,2020-05-01,Li,none' \
	    'U000003,Old union,U000001,grassroots,91320803MA1X00002Y,non_public,2020-05-01,Li,none' \
	    'U000004,Beta union,U000001,grassroots,91320803MA1X000032,non_public,2020-05-01,Li,none' |
	union-enroll -D d found --as-of 2026-01-01 >/dev/null &&
	union-enroll -D d dissolve U000003 >/dev/null &&
	printf '%s\n' name,id_number,phone,union_id,employer,group,join_date,wage,hardship \
	    '张三,320803199001010111,13812345678,U000002,Acme,regular,2020-06-01,5678.90,none' \
	    '李四,32080319950310066X,,U000002,,courier,2021-01-01,,relative' |
	union-enroll -D d add --as-of 2026-01-01 >/dev/null
}

ue() {
	union-enroll -D d "$@" --as-of 2026-01-01
}

# index_fresh: members.rindex covers the whole roster
index_fresh() {
	test "$(od -An -t u8 -j 8 -N 8 d/members.rindex | tr -d " ")" = \
	    "$(wc -c <d/members.csv | tr -d " ")"
}

# ---- transfer ----

test_case 'transfer moves a membership: old row transferred, new row active' '
	setup &&
	test_status 0 ue transfer M00000001 --to U000004 --date 2025-12-01 >out 2>err &&
	test ! -s err &&
	printf "%s\n" "$R" "M00000003,张三,320803199001010111,M,1990-01-01,13812345678,U000004,Acme,regular,2025-12-01,active,5678.90,none" >expect &&
	test_cmp expect out &&
	printf "%s\n" "$R" "$M1,transferred,5678.90,none" "$M2,active,,relative" \
	    "M00000003,张三,320803199001010111,M,1990-01-01,13812345678,U000004,Acme,regular,2025-12-01,active,5678.90,none" >expect &&
	test_cmp expect d/members.csv
'
test_case 'transfer takes today by default and a new employer' '
	setup && ue transfer M00000001 --to U000004 --employer "Beta Ltd" >out &&
	test "$(sed -n 2p out | cut -d, -f7,8,10)" = "U000004,Beta Ltd,2026-01-01"
'
test_case 'transfer journals the move' '
	setup && ue transfer M00000001 --to U000004 --date 2025-12-01 --by 王芳 >/dev/null &&
	test "$(tail -n 1 d/journal.csv | cut -d, -f3-8)" = "王芳,union-enroll,transfer,members.csv,M00000001,transferred to U000004 as M00000003 on 2025-12-01"
'
test_case 'a retained member who finds work is transferred and active again' '
	setup && ue leave M00000002 --reason retained >/dev/null &&
	test_status 0 ue transfer M00000002 --to U000004 >out &&
	test "$(cut -d, -f1,7,11 d/members.csv | tr "\n" " ")" = "member_id,union_id,status M00000001,U000002,active M00000002,U000002,transferred M00000003,U000004,active "
'
test_case 'after a transfer the person still cannot be enrolled twice' '
	setup && ue transfer M00000001 --to U000004 >/dev/null && index_fresh &&
	printf "%s\n" name,id_number,phone,union_id,employer,group,join_date,wage,hardship \
	    "张三,320803199001010111,,U000002,,regular,2020-06-01,,none" >in.csv &&
	test_status 1 ue add in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: id_number: already has an active membership: M00000003"
'
test_case 'transfer refuses an unknown member' '
	setup && cp d/members.csv m0 &&
	test_status 1 ue transfer M00000009 --to U000004 >out 2>err &&
	test_cmp_text err "union-enroll: M00000009: no such member" &&
	test_cmp_text out "$R" && test_cmp m0 d/members.csv
'
test_case 'transfer refuses an unknown or dissolved target union' '
	setup &&
	test_status 1 ue transfer M00000001 --to U000009 2>err >/dev/null &&
	test_cmp_text err "union-enroll: M00000001: no such union: U000009" &&
	test_status 1 ue transfer M00000001 --to U000003 2>err >/dev/null &&
	test_cmp_text err "union-enroll: M00000001: union U000003 is dissolved"
'
test_case 'transfer refuses a move to the same union' '
	setup && test_status 1 ue transfer M00000001 --to U000002 2>err >/dev/null &&
	test_cmp_text err "union-enroll: M00000001: already in union U000002"
'
test_case 'transfer refuses a membership that has ended' '
	setup && ue leave M00000001 >/dev/null &&
	test_status 1 ue transfer M00000001 --to U000004 2>err >/dev/null &&
	test_cmp_text err "union-enroll: M00000001: not a current member (status left)"
'
test_case 'transfer refuses a date before the member joined' '
	setup && test_status 1 ue transfer M00000001 --to U000004 --date 2020-05-31 2>err >/dev/null &&
	test_cmp_text err "union-enroll: M00000001: 2020-05-31 is before the member joined (2020-06-01)"
'
test_case 'transfer usage errors' '
	setup &&
	test_status 2 ue transfer M00000001 --to U000004 --date 2026-01-02 2>err &&
	test_cmp_text err "union-enroll: --date: in the future
union-enroll: see '\''union-enroll --help'\''" &&
	test_status 2 ue transfer M00000001 2>err &&
	test_cmp_text err "union-enroll: transfer: --to UNION_ID is required
union-enroll: see '\''union-enroll --help'\''" &&
	test_status 2 ue transfer M00000001 M00000002 --to U000004 2>err &&
	test_cmp_text err "union-enroll: transfer: give one MEMBER_ID, or rows on standard input
union-enroll: see '\''union-enroll --help'\''" &&
	test_status 2 ue transfer M00000001 --to U000004 --reason left 2>err &&
	test_cmp_text err "union-enroll: transfer: --reason is for leave
union-enroll: see '\''union-enroll --help'\''" &&
	test_status 2 ue transfer --date 2025-13-01 2>err &&
	test_cmp_text err "union-enroll: --date: '\''2025-13-01'\'': 2025-13-01 is not a calendar date
union-enroll: see '\''union-enroll --help'\''"
'
test_case 'transfer reads a batch of rows from standard input' '
	setup &&
	printf "%s\n" member_id,to_union,date,employer M00000001,U000004,2025-12-01, \
	    "M00000002,U000004,,Beta Ltd" | ue transfer >out 2>err &&
	test ! -s err &&
	printf "%s\n" "$R" \
	    "M00000003,张三,320803199001010111,M,1990-01-01,13812345678,U000004,Acme,regular,2025-12-01,active,5678.90,none" \
	    "M00000004,李四,32080319950310066X,F,1995-03-10,,U000004,Beta Ltd,courier,2026-01-01,active,,relative" >expect &&
	test_cmp expect out &&
	test "$(tail -n 2 d/journal.csv | cut -d, -f5,7 | tr "\n" " ")" = "transfer,M00000001 transfer,M00000002 "
'
test_case 'a transfer batch reports each refused row and applies the rest' '
	setup &&
	printf "%s\n" member_id,to_union,date M00000009,U000004, M00000001,U000009, \
	    M00000001,U000004,2025-02-30 ,U000004, M00000002,, M00000002,U000004,2027-01-01 \
	    M00000002,U000004, M00000002,U000001, M00000002 |
	test_status 1 ue transfer >out 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: <stdin>:2: member_id: no such member
	union-enroll: <stdin>:3: to_union: no such union: U000009
	union-enroll: <stdin>:4: date: 2025-02-30 is not a calendar date
	union-enroll: <stdin>:5: member_id: required
	union-enroll: <stdin>:6: to_union: required
	union-enroll: <stdin>:7: date: in the future
	union-enroll: <stdin>:9: member_id: duplicate in this batch: first on line 8
	union-enroll: <stdin>:10: expected 3 fields, found 1
	EOF
	test_cmp expect err &&
	test "$(sed -n 2p out | cut -d, -f1,7)" = "M00000003,U000004"
'
test_case 'transfer --all-or-nothing changes nothing when a row is refused' '
	setup && cp d/members.csv m0 &&
	printf "%s\n" member_id,to_union M00000001,U000004 M00000009,U000004 |
	test_status 1 ue transfer --all-or-nothing >out 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: <stdin>:3: member_id: no such member
	union-enroll: nothing changed: 1 of 2 rows refused (--all-or-nothing)
	EOF
	test_cmp expect err && test_cmp m0 d/members.csv && test_cmp_text out "$R"
'
test_case 'a transfer batch without to_union is refused whole' '
	setup &&
	printf "%s\n" member_id M00000001 | test_status 2 ue transfer >out 2>err &&
	test_cmp_text err "union-enroll: <stdin>:1: to_union: required column missing" &&
	test ! -s out
'

# ---- leave ----

test_case 'leave ends a membership, left by default' '
	setup && test_status 0 ue leave M00000001 >out 2>err && test ! -s err &&
	printf "%s\n" "$R" "$M1,left,5678.90,none" >expect && test_cmp expect out &&
	printf "%s\n" "$R" "$M1,left,5678.90,none" "$M2,active,,relative" >expect &&
	test_cmp expect d/members.csv && index_fresh
'
test_case 'leave --reason deceased and retained, journaled with the date' '
	setup && ue leave M00000001 --reason deceased --date 2025-11-30 >/dev/null &&
	ue leave M00000002 --reason retained >/dev/null &&
	test "$(cut -d, -f11 d/members.csv | tr "\n" " ")" = "status deceased retained " &&
	test "$(tail -n 2 d/journal.csv | cut -d, -f5-8 | tr "\n" " ")" = "leave,members.csv,M00000001,deceased on 2025-11-30 leave,members.csv,M00000002,retained on 2026-01-01 "
'
test_case 'a retained member may leave, but not be retained again' '
	setup && ue leave M00000001 --reason retained >/dev/null &&
	test_status 1 ue leave M00000001 --reason retained 2>err >/dev/null &&
	test_cmp_text err "union-enroll: M00000001: already retained" &&
	test_status 0 ue leave M00000001 >/dev/null
'
test_case 'leave refuses an ended membership and an unknown member' '
	setup && ue leave M00000001 >/dev/null &&
	test_status 1 ue leave M00000001 --reason deceased 2>err >/dev/null &&
	test_cmp_text err "union-enroll: M00000001: not a current member (status left)" &&
	test_status 1 ue leave M00000007 2>err >/dev/null &&
	test_cmp_text err "union-enroll: M00000007: no such member"
'
test_case 'leave refuses a date before the member joined' '
	setup && test_status 1 ue leave M00000002 --date 2020-12-31 2>err >/dev/null &&
	test_cmp_text err "union-enroll: M00000002: 2020-12-31 is before the member joined (2021-01-01)"
'
test_case 'leave usage errors' '
	setup &&
	test_status 2 ue leave M00000001 --reason gone 2>err &&
	test_cmp_text err "union-enroll: --reason: '\''gone'\'': must be one of left, deceased, retained
union-enroll: see '\''union-enroll --help'\''" &&
	test_status 2 ue leave M00000001 --to U000004 2>err &&
	test_cmp_text err "union-enroll: leave: --to and --employer are for transfer
union-enroll: see '\''union-enroll --help'\''"
'
test_case 'leave reads a batch of rows from standard input' '
	setup &&
	printf "%s\n" member_id,reason,date M00000001,deceased,2025-10-01 M00000002,,  |
	ue leave --reason retained >out &&
	test "$(cut -d, -f1,11 out | tr "\n" " ")" = "member_id,status M00000001,deceased M00000002,retained "
'
test_case 'a leave batch reports each refused row' '
	setup &&
	printf "%s\n" member_id,reason,date M00000001,gone, M00000001,,1.1.2025 M00000002,,2026-02-01 M00000003,, |
	test_status 1 ue leave >out 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: <stdin>:2: reason: must be one of left, deceased, retained
	union-enroll: <stdin>:3: date: not a YYYY-MM-DD date
	union-enroll: <stdin>:4: date: in the future
	union-enroll: <stdin>:5: member_id: no such member
	EOF
	test_cmp expect err && test_cmp_text out "$R"
'
test_case 'a leave batch through a pipe from another command' '
	setup &&
	cut -d, -f1 d/members.csv | ue leave --reason retained >out &&
	test "$(cut -d, -f11 d/members.csv | tr "\n" " ")" = "status retained retained "
'
test_case 'transfer and leave keep columns the tools do not know' '
	setup &&
	sed "1s/\$/,note/; 2s/\$/,keep me/; 3s/\$/,/" d/members.csv >m && cp m d/members.csv &&
	ue transfer M00000001 --to U000004 >/dev/null &&
	test "$(sed -n 2p d/members.csv | cut -d, -f1,11,14)" = "M00000001,transferred,keep me" &&
	test "$(sed -n 4p d/members.csv | cut -d, -f1,11,14)" = "M00000003,active,keep me"
'

test_done
