#!/bin/sh
# union-enroll add and check: every rule of members.csv, the real-name
# rule, batch duplicates, rejects, --all-or-nothing, input encodings and
# formats, and what is written (roster, standard output, journal).
. "$(dirname "$0")/../lib.sh"

H=name,id_number,phone,union_id,employer,group,join_date,wage,hardship
R=member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship
# a valid candidate: a man born 1990-01-01
G='张三,320803199001010111,13812345678,U000002,Acme,regular,2020-06-01,5678.90,none'

# setup: d holds the county union U000001, the grassroots union U000002
# and the dissolved union U000003
setup() {
	union-enroll init d &&
	printf '%s\n' \
	    'union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating' \
	    'U000001,County federation,,county,,government,2001-01-01,Wang,none' \
	    'U000002,Acme union,U000001,grassroots,91320803MA1X00001U,non_public,2020-05-01,Li,none' \
	    'U000003,Old union,U000001,grassroots,91320803MA1X00002Y,non_public,2020-05-01,Li,none' |
	union-enroll -D d found --as-of 2026-01-01 >/dev/null &&
	union-enroll -D d dissolve U000003 >/dev/null
}

enroll() {
	union-enroll -D d add --as-of 2026-01-01 "$@"
}

# candidates ROW...: in.csv with the header and these rows
candidates() {
	printf '%s\n' "$H" "$@" >in.csv
}

# refuse ROW MESSAGE...: add refuses the one candidate ROW with exactly
# these messages, exit 1, and enrolls nobody
refuse() {
	row=$1; shift
	setup && candidates "$row" &&
	for m in "$@"; do echo "union-enroll: in.csv:2: $m"; done >expect &&
	test_status 1 enroll in.csv >out 2>err &&
	test_cmp expect err && test_cmp_text out "$R" &&
	test_cmp_text d/members.csv "$R" &&
	test_status 1 union-enroll -D d check --as-of 2026-01-01 in.csv >out 2>err &&
	test_cmp expect err && test ! -s out
}

test_case 'add enrolls a candidate and prints the roster row' '
	setup && candidates "$G" &&
	test_status 0 enroll in.csv >out 2>err &&
	test ! -s err &&
	printf "%s\n" "$R" "M00000001,张三,320803199001010111,M,1990-01-01,13812345678,U000002,Acme,regular,2020-06-01,active,5678.90,none" >expect &&
	test_cmp expect out && test_cmp expect d/members.csv
'

test_case 'add normalises: ID x, phone prefixes, wage decimals, derived gender and birth date' '
	setup &&
	candidates "李四,32080319950310066x,+86 139-1234-5678,U000002,,courier,2021-01-01,4000,relative" \
	    "王五,320803198512310330,0086 138 0000 0000,U000002,Beta,regular,2021-01-01,12.5," &&
	test_status 0 enroll in.csv >out &&
	printf "%s\n" "$R" \
	    "M00000001,李四,32080319950310066X,F,1995-03-10,13912345678,U000002,,courier,2021-01-01,active,4000.00,relative" \
	    "M00000002,王五,320803198512310330,M,1985-12-31,13800000000,U000002,Beta,regular,2021-01-01,active,12.50," >expect &&
	test_cmp expect d/members.csv
'

test_case 'add keeps given gender, birth date and status that agree' '
	setup &&
	printf "%s\n" "$H,gender,birth_date,status" "$G,M,1990-01-01,retained" >in.csv &&
	test_status 0 enroll in.csv >/dev/null &&
	test "$(sed -n 2p d/members.csv | cut -d, -f4,5,11)" = "M,1990-01-01,retained"
'

test_case 'add reads columns by name, in any order' '
	setup &&
	printf "%s\n" "hardship,wage,join_date,group,employer,union_id,phone,id_number,name" \
	    "none,100,2020-06-01,regular,Acme,U000002,13812345678,320803199001010111,张三" >in.csv &&
	test_status 0 enroll in.csv >/dev/null &&
	test "$(sed -n 2p d/members.csv)" = "M00000001,张三,320803199001010111,M,1990-01-01,13812345678,U000002,Acme,regular,2020-06-01,active,100.00,none"
'

# ---- every rejection reason, with its message ----

test_case 'refuses a bad check character' '
	refuse "张三,320803199001010112,13812345678,U000002,Acme,regular,2020-06-01,1,none" \
	    "id_number: bad check character: expected 1, found 2"
'
test_case 'refuses an ID of the wrong length' '
	refuse "张三,32080319900101011,13812345678,U000002,Acme,regular,2020-06-01,1,none" \
	    "id_number: must be 18 characters, found 17"
'
test_case 'refuses an ID with a letter inside' '
	refuse "张三,3208031990010101A1,13812345678,U000002,Acme,regular,2020-06-01,1,none" \
	    "id_number: character 17 is not a digit"
'
test_case 'refuses an ID whose birth date does not exist' '
	refuse "张三,320803199002300111,13812345678,U000002,Acme,regular,2020-06-01,1,none" \
	    "id_number: birth date 19900230 is not a calendar date"
'
test_case 'refuses an empty ID' '
	refuse "张三,,13812345678,U000002,Acme,regular,2020-06-01,1,none" \
	    "id_number: must not be empty"
'
test_case 'refuses a gender that disagrees with the ID' '
	setup && printf "%s\n" "$H,gender" "$G,F" >in.csv &&
	test_status 1 enroll in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: gender: F disagrees with id_number (M)"
'
test_case 'refuses a birth date that disagrees with the ID' '
	setup && printf "%s\n" "$H,birth_date" "$G,1990-01-02" >in.csv &&
	test_status 1 enroll in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: birth_date: 1990-01-02 disagrees with the birth date in id_number"
'
test_case 'refuses a phone with too few digits' '
	refuse "张三,320803199001010111,1381234567,U000002,Acme,regular,2020-06-01,1,none" \
	    "phone: must be 11 digits, found 10"
'
test_case 'refuses a phone that is not a mobile number' '
	refuse "张三,320803199001010111,12812345678,U000002,Acme,regular,2020-06-01,1,none" \
	    "phone: not a mainland mobile number: must begin with 13 to 19"
'
test_case 'refuses a phone with letters' '
	refuse "张三,320803199001010111,138-abcd-5678,U000002,Acme,regular,2020-06-01,1,none" \
	    "phone: not a phone number: only digits, spaces, dashes and a +86 or 0086 prefix"
'
test_case 'refuses a union that does not exist' '
	refuse "张三,320803199001010111,13812345678,U000009,Acme,regular,2020-06-01,1,none" \
	    "union_id: no such union: U000009"
'
test_case 'refuses a dissolved union' '
	refuse "张三,320803199001010111,13812345678,U000003,Acme,regular,2020-06-01,1,none" \
	    "union_id: union U000003 is dissolved"
'
test_case 'refuses an empty union' '
	refuse "张三,320803199001010111,13812345678,,Acme,regular,2020-06-01,1,none" \
	    "union_id: must not be empty"
'
test_case 'refuses a join date in the future' '
	refuse "张三,320803199001010111,13812345678,U000002,Acme,regular,2026-01-02,1,none" \
	    "join_date: 2026-01-02 is in the future"
'
test_case 'refuses a join date before the 16th birthday' '
	refuse "张三,320803199001010111,13812345678,U000002,Acme,regular,2005-12-31,1,none" \
	    "join_date: 2005-12-31 is before the member'\''s 16th birthday"
'
test_case 'accepts a join date on the 16th birthday' '
	setup && candidates "小明,320803201001010779,13812345678,U000002,,regular,2026-01-01,,none" &&
	test_status 0 enroll in.csv >/dev/null
'
test_case 'refuses a join date that is not a date' '
	refuse "张三,320803199001010111,13812345678,U000002,Acme,regular,2021-02-29,1,none" \
	    "join_date: 2021-02-29 is not a calendar date"
'
test_case 'refuses an empty join date' '
	refuse "张三,320803199001010111,13812345678,U000002,Acme,regular,,1,none" \
	    "join_date: must not be empty"
'
test_case 'refuses an unknown group' '
	refuse "张三,320803199001010111,13812345678,U000002,Acme,driver,2020-06-01,1,none" \
	    "group: \"driver\" is not one of regular, truck_driver, courier, care_worker, domestic_worker, mall_info_clerk, food_delivery, property_agent, security_guard, ride_hailing"
'
test_case 'refuses an unknown hardship' '
	refuse "张三,320803199001010111,13812345678,U000002,Acme,regular,2020-06-01,1,poor" \
	    "hardship: \"poor\" is not one of none, relative, deep, accidental"
'
test_case 'refuses a wage with three decimals' '
	refuse "张三,320803199001010111,13812345678,U000002,Acme,regular,2020-06-01,1.005,none" \
	    "wage: more than two decimals"
'
test_case 'refuses a negative wage' '
	refuse "张三,320803199001010111,13812345678,U000002,Acme,regular,2020-06-01,-5,none" \
	    "wage: sign not allowed: amounts are never negative"
'
test_case 'refuses an empty name' '
	refuse ",320803199001010111,13812345678,U000002,Acme,regular,2020-06-01,1,none" \
	    "name: must not be empty"
'
test_case 'refuses a member_id given by the clerk' '
	setup && printf "%s\n" "member_id,$H" "M00000007,$G" >in.csv &&
	test_status 1 enroll in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: member_id: must be empty: member IDs are assigned by union-enroll"
'
test_case 'refuses a new member whose status is not active or retained' '
	setup && printf "%s\n" "$H,status" "$G,left" "$G,dead" >in.csv &&
	test_status 1 enroll in.csv >/dev/null 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: in.csv:2: status: a new member must be active or retained, not left
	union-enroll: in.csv:3: status: "dead" is not one of active, retained, transferred, left, deceased
	union-enroll: in.csv:3: id_number: duplicate in this batch: first on in.csv:2
	EOF
	test_cmp expect err
'
test_case 'reports every problem of a row: fields, in-row rules, the registry' '
	refuse "张三,320803199001010112,138,U000009,Acme,driver,2030-01-01,x,none" \
	    "id_number: bad check character: expected 1, found 2" \
	    "phone: must be 11 digits, found 3" \
	    "group: \"driver\" is not one of regular, truck_driver, courier, care_worker, domestic_worker, mall_info_clerk, food_delivery, property_agent, security_guard, ride_hailing" \
	    "wage: not an amount: only digits and one decimal point" \
	    "join_date: 2030-01-01 is in the future" \
	    "union_id: no such union: U000009"
'

# ---- the real-name rule ----

test_case 'refuses a person with an active membership' '
	setup && candidates "$G" && enroll in.csv >/dev/null &&
	test_status 1 enroll in.csv >out 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: id_number: already has an active membership: M00000001" &&
	test "$(wc -l <d/members.csv)" -eq 2
'
test_case 'the real-name rule ignores the case of the X' '
	setup && candidates "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	enroll in.csv >/dev/null &&
	candidates "李四,32080319950310066x,,U000002,,regular,2021-01-01,,none" &&
	test_status 1 enroll in.csv 2>err >/dev/null &&
	test_cmp_text err "union-enroll: in.csv:2: id_number: already has an active membership: M00000001"
'
test_case 'refuses a person with a retained membership' '
	setup && candidates "$G" && enroll in.csv >/dev/null &&
	union-enroll -D d leave M00000001 --reason retained --as-of 2026-01-01 >/dev/null &&
	test_status 1 enroll in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: id_number: already has a retained membership: M00000001"
'
test_case 'refuses a person recorded as deceased' '
	setup && candidates "$G" && enroll in.csv >/dev/null &&
	union-enroll -D d leave M00000001 --reason deceased --as-of 2026-01-01 >/dev/null &&
	test_status 1 enroll in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: id_number: recorded as deceased: M00000001"
'
test_case 'enrolls again a person who left, with a new member_id' '
	setup && candidates "$G" && enroll in.csv >/dev/null &&
	union-enroll -D d leave M00000001 --as-of 2026-01-01 >/dev/null &&
	test_status 0 enroll in.csv >out &&
	test "$(sed -n 2p out | cut -d, -f1,11)" = "M00000002,active" &&
	test "$(cut -d, -f1,11 d/members.csv | tr "\n" " ")" = "member_id,status M00000001,left M00000002,active "
'
test_case 'refuses a person twice in one batch, even across files' '
	setup && candidates "$G" && cp in.csv in2.csv &&
	candidates "$G" "$G" &&
	test_status 1 enroll in.csv in2.csv >out 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: in.csv:3: id_number: duplicate in this batch: first on in.csv:2
	union-enroll: in2.csv:2: id_number: duplicate in this batch: first on in.csv:2
	EOF
	test_cmp expect err && test "$(wc -l <d/members.csv)" -eq 2
'

# ---- partial acceptance, rejects, all or nothing ----

test_case 'the valid rows are enrolled when others are refused' '
	setup &&
	candidates "$G" "bad,1,,U000002,,regular,2020-01-01,,none" \
	    "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	test_status 1 enroll in.csv >out 2>err &&
	test_cmp_text err "union-enroll: in.csv:3: id_number: must be 18 characters, found 1" &&
	test "$(cut -d, -f1,2 out | tr "\n" " ")" = "member_id,name M00000001,张三 M00000002,李四 "
'
test_case '--rejects writes the refused rows as given, with a reason' '
	setup &&
	printf "%s\n" "$H,note" "$G,first" \
	    "\"Smith, J\",320803199001010112,138,U000002,,regular,2020-01-01,,none,second" \
	    "$G,third" >in.csv &&
	test_status 1 enroll --rejects rej.csv in.csv >/dev/null 2>/dev/null &&
	cat >expect <<-\EOF &&
	name,id_number,phone,union_id,employer,group,join_date,wage,hardship,note,reason
	"Smith, J",320803199001010112,138,U000002,,regular,2020-01-01,,none,second,"id_number: bad check character: expected 1, found 2; phone: must be 11 digits, found 3"
	张三,320803199001010111,13812345678,U000002,Acme,regular,2020-06-01,5678.90,none,third,id_number: duplicate in this batch: first on in.csv:2
	EOF
	test_cmp expect rej.csv
'
test_case 'a rejects file can be fixed and resubmitted' '
	setup && candidates "王五,320803198512310330,1380000000,U000002,,regular,2021-01-01,," &&
	test_status 1 enroll --rejects rej.csv in.csv >/dev/null 2>/dev/null &&
	sed "s/1380000000/13800000000/" rej.csv >fixed.csv &&
	test_status 0 enroll fixed.csv >out &&
	test "$(sed -n 2p out | cut -d, -f1,6)" = "M00000001,13800000000"
'
test_case '--rejects holds only the header when all are accepted' '
	setup && candidates "$G" &&
	test_status 0 enroll --rejects rej.csv in.csv >/dev/null &&
	test_cmp_text rej.csv "$H,reason"
'
test_case '--all-or-nothing enrolls nobody when a row is refused' '
	setup && candidates "$G" "bad,1,,U000002,,regular,2020-01-01,,none" &&
	cp d/journal.csv j0 &&
	test_status 1 enroll --all-or-nothing in.csv >out 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: in.csv:3: id_number: must be 18 characters, found 1
	union-enroll: nothing enrolled: 1 of 2 rows refused (--all-or-nothing)
	EOF
	test_cmp expect err && test_cmp_text out "$R" &&
	test_cmp_text d/members.csv "$R" && test_cmp j0 d/journal.csv
'
test_case '--all-or-nothing enrolls all when all are valid' '
	setup && candidates "$G" "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	test_status 0 enroll --all-or-nothing in.csv >/dev/null &&
	test "$(wc -l <d/members.csv)" -eq 3
'

# ---- check ----

test_case 'check validates as add does and changes nothing' '
	setup && candidates "$G" "bad,1,,U000002,,regular,2020-01-01,,none" &&
	cp -p d/members.csv m0 && cp d/journal.csv j0 &&
	test_status 1 union-enroll -D d check --as-of 2026-01-01 --rejects rej.csv in.csv >out 2>err &&
	test ! -s out &&
	test_cmp_text err "union-enroll: in.csv:3: id_number: must be 18 characters, found 1" &&
	test "$(wc -l <rej.csv)" -eq 2 &&
	test_cmp m0 d/members.csv && test_cmp j0 d/journal.csv
'
test_case 'check exits 0 for a clean file' '
	setup && candidates "$G" &&
	test_status 0 union-enroll -D d check --as-of 2026-01-01 in.csv >out 2>err &&
	test ! -s out && test ! -s err
'
test_case 'check applies the real-name rule' '
	setup && candidates "$G" && enroll in.csv >/dev/null &&
	test_status 1 union-enroll -D d check --as-of 2026-01-01 in.csv 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: id_number: already has an active membership: M00000001"
'
test_case 'check refuses --all-or-nothing' '
	setup && candidates "$G" &&
	test_status 2 union-enroll -D d check --all-or-nothing in.csv 2>err &&
	test_cmp_text err "union-enroll: check: --all-or-nothing is for add
union-enroll: see '\''union-enroll --help'\''"
'

# ---- input: pipes, encodings, formats ----

test_case 'add reads standard input, as - or by default' '
	setup && candidates "$G" &&
	enroll <in.csv >out1 &&
	candidates "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	cat in.csv | enroll - >out2 &&
	test "$(sed -n 2p out1 | cut -d, -f1)" = M00000001 &&
	test "$(sed -n 2p out2 | cut -d, -f1)" = M00000002
'
test_case 'diagnostics name standard input <stdin>' '
	setup && candidates "bad,1,,U000002,,regular,2020-01-01,,none" &&
	test_status 1 enroll <in.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: <stdin>:2: id_number: must be 18 characters, found 1"
'
test_case 'add reads a UTF-8 file with a BOM' '
	setup && candidates "$G" && printf "\357\273\277" | cat - in.csv >bom.csv &&
	test_status 0 enroll bom.csv >/dev/null &&
	test "$(sed -n 2p d/members.csv | cut -d, -f1,2)" = "M00000001,张三"
'
test_case 'add reads CRLF line ends and writes LF' '
	setup && candidates "$G" "bad,1,,U000002,,regular,2020-01-01,,none" &&
	sed "s/\$/\r/" in.csv >crlf.csv &&
	test_status 1 enroll crlf.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: crlf.csv:3: id_number: must be 18 characters, found 1" &&
	test "$(sed -n 2p d/members.csv)" = "M00000001,张三,320803199001010111,M,1990-01-01,13812345678,U000002,Acme,regular,2020-06-01,active,5678.90,none"
'
test_case 'add reads GB18030 with --encoding gb18030' '
	setup && candidates "$G" && iconv -f UTF-8 -t GB18030 in.csv >gb.csv &&
	test_status 0 enroll --encoding gb18030 gb.csv >/dev/null &&
	test "$(sed -n 2p d/members.csv | cut -d, -f2)" = "张三"
'
test_case 'add refuses GB18030 read as UTF-8, row by row' '
	setup && candidates "$G" && iconv -f UTF-8 -t GB18030 in.csv >gb.csv &&
	test_status 1 enroll gb.csv >/dev/null 2>err &&
	test_grep "^union-enroll: gb.csv:2: " err && test "$(wc -l <d/members.csv)" -eq 1
'
test_case 'add reads quoted fields with commas, quotes and newlines' '
	setup &&
	candidates "\"Li \"\"Jr\"\", X\",320803199001010111,,U000002,\"Acme
Ltd\",regular,2020-06-01,,none" &&
	test_status 0 enroll in.csv >/dev/null &&
	printf "%s\n" "$R" "M00000001,\"Li \"\"Jr\"\", X\",320803199001010111,M,1990-01-01,,U000002,\"Acme" \
	    "Ltd\",regular,2020-06-01,active,,none" >expect &&
	test_cmp expect d/members.csv
'
test_case 'add reads TSV and gzip files, and gzip on standard input' '
	setup &&
	printf "%s\n" "$H" "$G" | tr , "\t" >in.tsv &&
	candidates "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	gzip -c in.csv >in.csv.gz &&
	candidates "王五,320803198512310330,,U000002,,regular,2021-01-01,," &&
	gzip -c in.csv >z &&
	test_status 0 enroll in.tsv in.csv.gz >out &&
	test_status 0 enroll <z >>out &&
	test "$(cut -d, -f1,2 d/members.csv | tr "\n" " ")" = "member_id,name M00000001,张三 M00000002,李四 M00000003,王五 "
'
test_case 'add reports a malformed record and enrolls the rest' '
	setup && candidates "$G" "x,y" "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	test_status 1 enroll in.csv >out 2>err &&
	test_cmp_text err "union-enroll: in.csv:3: expected 9 fields, found 2" &&
	test "$(wc -l <d/members.csv)" -eq 3
'
test_case 'add refuses a file lacking a needed column, enrolling nothing' '
	setup && printf "%s\n" "name,id_number,union_id" "张三,320803199001010111,U000002" >a.csv &&
	candidates "$G" &&
	test_status 2 enroll in.csv a.csv >out 2>err &&
	cat >expect <<-\EOF &&
	union-enroll: a.csv:1: phone: required column missing
	union-enroll: a.csv:1: employer: required column missing
	union-enroll: a.csv:1: group: required column missing
	union-enroll: a.csv:1: join_date: required column missing
	union-enroll: a.csv:1: wage: required column missing
	union-enroll: a.csv:1: hardship: required column missing
	EOF
	test_cmp expect err && test ! -s out && test_cmp_text d/members.csv "$R"
'
test_case 'add fails on a missing input file, enrolling nothing' '
	setup && candidates "$G" &&
	test_status 2 enroll in.csv nosuch.csv >out 2>err &&
	test_cmp_text err "union-enroll: nosuch.csv: cannot open: No such file or directory" &&
	test ! -s out && test_cmp_text d/members.csv "$R"
'
test_case 'add fails without a data directory, or in an empty one' '
	candidates "$G" &&
	test_status 2 union-enroll -D nodir add in.csv >out 2>err &&
	test ! -s out &&
	test_cmp_text err "union-enroll: nodir/.lock: cannot open the lock: No such file or directory" &&
	mkdir e && test_status 2 union-enroll -D e add in.csv >out 2>err &&
	test ! -s out &&
	test_cmp_text err "union-enroll: e/unions.csv: no such file (run '\''union-enroll init'\'' first?)"
'

# ---- output ----

test_case '--format tsv and json print the accepted rows' '
	setup && candidates "$G" &&
	enroll --format tsv in.csv >out &&
	test "$(sed -n 2p out | cut -f1,2)" = "M00000001	张三" &&
	candidates "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	enroll --format jsonl in.csv >out &&
	test_grep "^{\"member_id\":\"M00000002\",\"name\":\"李四\"" out
'
test_case '--format table masks the ID and phone unless --show-pii' '
	setup && candidates "$G" &&
	enroll --format table in.csv >out &&
	test_grep "320803\*\*\*\*\*\*\*\*0111" out && test_grep "138\*\*\*\*5678" out &&
	test_no_grep 320803199001010111 out &&
	candidates "李四,32080319950310066X,13912345678,U000002,,regular,2021-01-01,,none" &&
	enroll --format table --show-pii in.csv >out &&
	test_grep 32080319950310066X out && test_grep 13912345678 out
'
test_case 'the accepted rows feed the next tool in a pipe' '
	setup && candidates "$G" "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	enroll in.csv | cut -d, -f1 >ids &&
	printf "%s\n" member_id M00000001 M00000002 >expect && test_cmp expect ids
'

# ---- ids, extra columns, the journal ----

test_case 'member IDs continue from the highest in the roster' '
	setup && candidates "$G" && enroll in.csv >/dev/null &&
	union-enroll -D d leave M00000001 --as-of 2026-01-01 >/dev/null &&
	candidates "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	enroll in.csv >out && test "$(sed -n 2p out | cut -d, -f1)" = M00000002
'
test_case 'a roster column the tools do not know is filled from the input' '
	union-enroll init d &&
	printf "%s\n" "$R,note" >d/members.csv &&
	union-enroll -D d reindex &&
	printf "%s\n" "union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating" \
	    "U000001,County,,county,,,2001-01-01,," | union-enroll -D d found >/dev/null &&
	printf "%s\n" "$H,note,other" "张三,320803199001010111,,U000001,,regular,2020-06-01,,none,hello,dropped" >in.csv &&
	enroll in.csv >/dev/null &&
	test "$(sed -n 2p d/members.csv)" = "M00000001,张三,320803199001010111,M,1990-01-01,,U000001,,regular,2020-06-01,active,,none,hello"
'
test_case 'add journals the enrolled range, by --by' '
	setup && candidates "$G" "李四,32080319950310066X,,U000002,,regular,2021-01-01,,none" &&
	enroll --by 王芳 in.csv >/dev/null &&
	test "$(tail -n 1 d/journal.csv | cut -d, -f3-9)" = "王芳,union-enroll,add,members.csv,M00000001..M00000002,enrolled 2 members,extend" &&
	candidates "王五,320803198512310330,,U000002,,regular,2021-01-01,," &&
	enroll in.csv >/dev/null &&
	test "$(tail -n 1 d/journal.csv | cut -d, -f3-8)" = "tester,union-enroll,add,members.csv,M00000003,enrolled 1 member"
'
test_case 'nothing is journaled when nobody is enrolled' '
	setup && cp d/journal.csv j0 && candidates "bad,1,,U000002,,regular,2020-01-01,,none" &&
	test_status 1 enroll in.csv >/dev/null 2>&1 && test_cmp j0 d/journal.csv
'

test_done
