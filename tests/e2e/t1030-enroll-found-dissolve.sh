#!/bin/sh
# union-enroll found and dissolve: the registry grows in any row order,
# every refusal with its message, enterprises.csv linked and unlinked.
. "$(dirname "$0")/../lib.sh"

U=union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating,status
H=union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating

setup() {
	union-enroll init d &&
	printf '%s\n' "$H" 'U000001,County federation,,county,,government,2001-01-01,Wang,none' \
	    'U000002,Town union,U000001,town,,government,2005-01-01,Zhao,city' |
	union-enroll -D d found --as-of 2026-01-01 >/dev/null &&
	printf '%s\n' "91320803MA1X00001U,Acme Ltd,non_public,120,U000002," \
	    "91320803MA1X00002Y,Beta Ltd,key_enterprise,800,U000002," >>d/enterprises.csv
}

ue() {
	union-enroll -D d "$@" --as-of 2026-01-01
}

# refuse ROW MESSAGE...: found refuses the one ROW with these messages
refuse() {
	row=$1; shift
	setup && printf '%s\n' "$H" "$row" >in.csv && cp d/unions.csv u0 &&
	for m in "$@"; do echo "union-enroll: in.csv:2: $m"; done >expect &&
	test_status 1 ue found in.csv >out 2>err &&
	test_cmp expect err && test_cmp_text out "$U" && test_cmp u0 d/unions.csv
}

test_case 'found registers a union and prints its row' '
	setup && printf "%s\n" "$H" ",Acme union,U000002,grassroots,91320803MA1X00001U,non_public,2020-05-01,Li," >in.csv &&
	test_status 0 ue found in.csv >out 2>err && test ! -s err &&
	printf "%s\n" "$U" "U000003,Acme union,U000002,grassroots,91320803MA1X00001U,non_public,2020-05-01,Li,none,active" >expect &&
	test_cmp expect out && test "$(tail -n 1 d/unions.csv)" = "$(tail -n 1 expect)"
'
test_case 'found links enterprises.csv by credit code and journals it' '
	setup && printf "%s\n" "$H" ",Acme union,U000002,grassroots,91320803MA1X00001U,non_public,2020-05-01,Li," >in.csv &&
	ue found in.csv >/dev/null &&
	test "$(cut -d, -f1,6 d/enterprises.csv | tr "\n" " ")" = "credit_code,union_id 91320803MA1X00001U,U000003 91320803MA1X00002Y, " &&
	test "$(tail -n 2 d/journal.csv | cut -d, -f5-8 | tr "\n" " ")" = "found,unions.csv,U000003,founded grassroots union under U000002 link,enterprises.csv,91320803MA1X00001U,union U000003 founded "
'
test_case 'a county, its towns and their unions from one file in any order' '
	union-enroll init d &&
	printf "%s\n" "$H" ",Acme union,T1,grassroots,91320803MA1X00001U,non_public,2020-05-01,," \
	    "T1,Town one,C1,town,,government,2005-01-01,," "C1,County,,county,,government,2001-01-01,," \
	    ",Beta union,I1,grassroots,91320803MA1X00002Y,,2021-01-01,," "I1,Joint union,T1,industry,,,2010-01-01,," >in.csv &&
	test_status 0 ue found in.csv >out &&
	test "$(cut -d, -f1,3,4 d/unions.csv | tr "\n" " ")" = "union_id,parent_id,level U000001,T1,grassroots T1,C1,town C1,,county U000002,I1,grassroots I1,T1,industry "
'
test_case 'union IDs continue from the highest in the registry and the file' '
	setup && printf "%s\n" "$H" "U000042,Forty-two,U000001,town,,,2001-01-01,," \
	    ",Next,U000042,grassroots,91320803MA1X00001U,,2020-01-01,," >in.csv &&
	ue found in.csv >out && test "$(sed -n 3p out | cut -d, -f1)" = U000043
'
test_case 'found refuses an existing union_id and one given twice' '
	setup && printf "%s\n" "$H" "U000002,Again,U000001,town,,,2001-01-01,," \
	    "T9,Nine,U000001,town,,,2001-01-01,," "T9,Nine again,U000001,town,,,2001-01-01,," >in.csv &&
	test_status 1 ue found in.csv >/dev/null 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: in.csv:2: union_id: already exists: U000002
	union-enroll: in.csv:4: union_id: duplicate in this batch: first on line 3
	EOF
	test_cmp expect err && test "$(tail -n 1 d/unions.csv | cut -d, -f1)" = T9
'
test_case 'found refuses a credit code that already has an active union' '
	setup && printf "%s\n" "$H" ",Acme union,U000002,grassroots,91320803MA1X00001U,,2020-05-01,," >in.csv &&
	ue found in.csv >/dev/null &&
	test_status 1 ue found in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: credit_code: already has an active union: U000003"
'
test_case 'found refuses one credit code twice in a file' '
	setup && printf "%s\n" "$H" ",A,U000002,grassroots,91320803MA1X00001U,,2020-05-01,," \
	    ",B,U000002,grassroots,91320803MA1X00001U,,2020-05-01,," >in.csv &&
	test_status 1 ue found in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:3: credit_code: duplicate in this batch: first on line 2"
'
test_case 'a credit code may be founded again after its union is dissolved' '
	setup && printf "%s\n" "$H" ",Acme union,U000002,grassroots,91320803MA1X00001U,,2020-05-01,," >in.csv &&
	ue found in.csv >/dev/null && ue dissolve U000003 >/dev/null &&
	test_status 0 ue found in.csv >/dev/null &&
	test "$(sed -n 2p d/enterprises.csv | cut -d, -f6)" = U000004
'
test_case 'found refuses a bad credit code check character unless overridden' '
	refuse ",Acme union,U000002,grassroots,91320803MA1X00001T,,2020-05-01,," \
	    "credit_code: bad check character: expected U, found T" &&
	test_status 0 ue found --override-check in.csv >out 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: credit_code: warning: bad check character: expected U, found T (accepted: --override-check)" &&
	test "$(tail -n 1 d/unions.csv | cut -d, -f5)" = 91320803MA1X00001T
'
test_case 'found refuses a malformed credit code even with --override-check' '
	setup && printf "%s\n" "$H" ",Acme union,U000002,grassroots,91320803MA1X0001,,2020-05-01,," >in.csv &&
	test_status 1 ue found --override-check in.csv >/dev/null 2>err &&
	test_grep "^union-enroll: in.csv:2: credit_code: " err
'
test_case 'found refuses a grassroots union without a credit code' '
	refuse ",Acme union,U000002,grassroots,,,2020-05-01,," \
	    "credit_code: must be set for a grassroots union"
'
test_case 'found refuses an unknown level' '
	refuse ",Acme union,U000002,branch,,,2020-05-01,," \
	    "level: \"branch\" is not one of county, town, industry, grassroots"
'
test_case 'found refuses a missing parent for all but a county' '
	refuse ",Acme town,,town,,,2020-05-01,," "parent_id: must be set unless level is county"
'
test_case 'found refuses an unknown parent' '
	refuse ",Acme town,U000009,town,,,2020-05-01,," "parent_id: no such union: U000009"
'
test_case 'found refuses a parent that ranks no higher' '
	refuse ",Sub town,U000002,town,,,2020-05-01,," "parent_id: a town union cannot be under U000002 (town)"
'
test_case 'found refuses a dissolved parent' '
	setup && printf "%s\n" "$H" "T2,Town two,U000001,town,,,2005-01-01,," | ue found >/dev/null &&
	ue dissolve T2 >/dev/null &&
	printf "%s\n" "$H" ",Acme,T2,grassroots,91320803MA1X00001U,,2020-05-01,," >in.csv &&
	test_status 1 ue found in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: parent_id: union T2 is dissolved"
'
test_case 'found refuses a union whose parent row is refused, and cycles' '
	setup && printf "%s\n" "$H" ",Child,T8,grassroots,91320803MA1X00001U,,2020-05-01,," \
	    "T8,Bad town,U000001,town,,,2030-01-01,," "A,A,B,town,,,2020-01-01,," "B,B,A,town,,,2020-01-01,," >in.csv &&
	test_status 1 ue found in.csv >/dev/null 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: in.csv:2: parent_id: parent T8 is refused (line 3)
	union-enroll: in.csv:3: founded: in the future
	union-enroll: in.csv:4: parent_id: parent B is refused (line 5)
	union-enroll: in.csv:5: parent_id: cycle through A
	EOF
	test_cmp expect err
'
test_case 'found refuses a bad or missing founding date' '
	refuse ",Acme town,U000001,town,,,2020-02-30,," "founded: 2020-02-30 is not a calendar date"
'
test_case 'found refuses a union given as dissolved' '
	setup && printf "%s\n" "$H,status" "T3,Town,U000001,town,,,2020-01-01,,,dissolved" >in.csv &&
	test_status 1 ue found in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: status: a new union must be active"
'
test_case 'found needs the columns name, level, parent_id and founded' '
	setup && printf "%s\n" "name,level" "A,town" >in.csv &&
	test_status 2 ue found in.csv >out 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: in.csv:1: parent_id: required column missing
	union-enroll: in.csv:1: founded: required column missing
	EOF
	test_cmp expect err && test ! -s out
'
test_case 'found --all-or-nothing founds nothing when a row is refused' '
	setup && cp d/unions.csv u0 &&
	printf "%s\n" "$H" "T3,Town,U000001,town,,,2020-01-01,," "T4,Town,U000009,town,,,2020-01-01,," |
	test_status 1 ue found --all-or-nothing >out 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: <stdin>:3: parent_id: no such union: U000009
	union-enroll: nothing founded: 1 of 2 rows refused (--all-or-nothing)
	EOF
	test_cmp expect err && test_cmp u0 d/unions.csv && test_cmp_text out "$U"
'

# ---- dissolve ----

test_case 'dissolve marks the union dissolved, unlinks its enterprise, journals' '
	setup && printf "%s\n" "$H" ",Acme union,U000002,grassroots,91320803MA1X00001U,,2020-05-01,," | ue found >/dev/null &&
	test_status 0 ue dissolve U000003 >out 2>err && test ! -s err &&
	printf "%s\n" "$U" "U000003,Acme union,U000002,grassroots,91320803MA1X00001U,,2020-05-01,,none,dissolved" >expect &&
	test_cmp expect out &&
	test "$(tail -n 1 d/unions.csv)" = "$(tail -n 1 expect)" &&
	test "$(sed -n 2p d/enterprises.csv | cut -d, -f6)" = "" &&
	test "$(tail -n 2 d/journal.csv | cut -d, -f5-8 | tr "\n" " ")" = "unlink,enterprises.csv,91320803MA1X00001U,union U000003 dissolved dissolve,unions.csv,U000003,dissolved "
'
test_case 'dissolve refuses a union with current members' '
	setup && printf "%s\n" "$H" ",Acme union,U000002,grassroots,91320803MA1X00001U,,2020-05-01,," | ue found >/dev/null &&
	printf "%s\n" name,id_number,phone,union_id,employer,group,join_date,wage,hardship \
	    "张三,320803199001010111,,U000003,,regular,2020-06-01,,none" \
	    "李四,32080319950310066X,,U000003,,regular,2020-06-01,,none" | ue add >/dev/null &&
	ue leave M00000002 --reason retained >/dev/null &&
	test_status 1 ue dissolve U000003 >out 2>err &&
	test_cmp_text err "union-enroll: union U000003 has 2 current members (active or retained)" &&
	ue leave M00000001 >/dev/null && ue leave M00000002 >/dev/null &&
	test_status 0 ue dissolve U000003 >/dev/null
'
test_case 'dissolve refuses a union with active sub-unions' '
	setup && test_status 1 ue dissolve U000001 2>err >/dev/null &&
	test_cmp_text err "union-enroll: union U000001 has 1 active sub-union (U000002)"
'
test_case 'dissolve refuses an unknown or dissolved union' '
	setup && test_status 1 ue dissolve U000009 2>err >/dev/null &&
	test_cmp_text err "union-enroll: no such union: U000009" &&
	ue dissolve U000002 >/dev/null &&
	test_status 1 ue dissolve U000002 2>err >/dev/null &&
	test_cmp_text err "union-enroll: union U000002 is dissolved"
'
test_case 'dissolve needs one UNION_ID' '
	setup && test_status 2 ue dissolve 2>err &&
	test_cmp_text err "union-enroll: dissolve: give one UNION_ID
union-enroll: see '\''union-enroll --help'\''"
'

test_done
