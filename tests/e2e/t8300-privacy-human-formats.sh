#!/bin/sh
# t8300-privacy-human-formats.sh - personal data in the formats for
# people: union-stats' table and html mask ID numbers, phones, a
# person's name, the member of health aid and of a case, a case's
# summary, unless --show-pii; csv, tsv, json and jsonl stay exact (they
# feed the next tool).  union-aid's apply, approve and pay print the
# member of health aid masked in table, as union-aid list does.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

sel_people() {
	union-stats select -c member_id,name,id_number,phone -w union_id=U03 \
	    "$@" d/members.csv
}

test_case 'stats select --format table masks ID, phone and name' '
	aid_fixture d &&
	sel_people --format table >out 2>err &&
	test_cmp_text out "member_id  name  id_number           phone
M0000001   张*   320803********0117  138****5678
M0000002   李*   320803********0224  139****5678
M0000003   王*   320803********0338  137****5678
M0000004   赵*   110105********0450  136****5678" &&
	empty err
'

test_case 'stats select --format html masks them too' '
	aid_fixture d &&
	sel_people --format html >out &&
	test_grep "^<tr><td>M0000001</td><td>张\*</td><td>320803\*\*\*\*\*\*\*\*0117</td><td>138\*\*\*\*5678</td></tr>$" out &&
	test_no_grep "320803198001010117\|13812345678\|张三" out
'

test_case 'stats --show-pii: table shows the values as they are' '
	aid_fixture d &&
	sel_people --format table --show-pii -w member_id=M0000001 >out &&
	test_cmp_text out "member_id  name  id_number           phone
M0000001   张三  320803198001010117  13812345678"
'

test_case 'stats csv, tsv, json, jsonl stay exact (data for the next tool)' '
	aid_fixture d &&
	sel_people -w member_id=M0000001 >out &&
	test_cmp_text out "member_id,name,id_number,phone
M0000001,张三,320803198001010117,13812345678" &&
	sel_people -w member_id=M0000001 --format tsv >out &&
	test_grep "^M0000001	张三	320803198001010117	13812345678$" out &&
	sel_people -w member_id=M0000001 --format jsonl >out &&
	test_cmp_text out "{\"member_id\":\"M0000001\",\"name\":\"张三\",\"id_number\":\"320803198001010117\",\"phone\":\"13812345678\"}" &&
	sel_people -w member_id=M0000001 --format json >out &&
	test_grep "320803198001010117" out
'

test_case 'stats agg: a key column that is personal is masked in table' '
	aid_fixture d &&
	union-stats agg -g id_number count -w union_id=U05 --format table \
	    d/members.csv >out &&
	test_cmp_text out "id_number           count
320803********0613      1"
'

test_case 'stats table: a union'"'"'s name is not a person'"'"'s' '
	aid_fixture d &&
	union-stats select -c union_id,name -w union_id=U05 --format table \
	    d/unions.csv >out &&
	test_cmp_text out "union_id  name
U05       县医院工会"
'

test_case 'stats table: health aid does not name the member, other aid does' '
	aid_fixture d &&
	ua apply -m M0000006 -p medical_mutual -a 100 >/dev/null &&
	ua apply -m M0000001 -p winter_warmth -a 100 >/dev/null &&
	union-stats select -c aid_id,member_id,program --format table \
	    d/aid.csv >out &&
	test_cmp_text out "aid_id     member_id  program
A00000001  M*******   medical_mutual
A00000002  M0000001   winter_warmth" &&
	union-stats select -c aid_id,member_id,program d/aid.csv >out &&
	test_cmp_text out "aid_id,member_id,program
A00000001,M0000006,medical_mutual
A00000002,M0000001,winter_warmth"
'

test_case 'stats table: a case hides its member and its summary' '
	aid_fixture d &&
	ua case open --type case --kind wage_arrears --channel visit \
	    --union U03 --member M0000002 --summary "欠薪三月" >/dev/null &&
	union-stats select -c case_id,member_id,summary --format table \
	    d/cases.csv >out &&
	test_cmp_text out "case_id   member_id  summary
C0000001  M*******   ***"
'

test_case 'aid apply --format table masks the member of health aid' '
	aid_fixture d &&
	ua apply -m M0000006 -p medical_mutual -a 100 --format table >out &&
	test_cmp_text out "aid_id     member_id  program         applied     requested  status   decided  approved  paid_on  paid  reviewer  voucher  note
A00000001  M*******   medical_mutual  2026-06-15  100.00     applied" &&
	ua apply -m M0000001 -p winter_warmth -a 100 --format table >out &&
	test_cmp_text out "aid_id     member_id  program        applied     requested  status   decided  approved  paid_on  paid  reviewer  voucher  note
A00000002  M0000001   winter_warmth  2026-06-15  100.00     applied"
'

test_case 'aid approve (csv): exact; --format html: masked' '
	aid_fixture d &&
	ua apply -m M0000006 -p medical_mutual -a 100 >/dev/null &&
	ua approve A00000001 --amount 100 >out &&
	test_grep "^A00000001,M0000006,medical_mutual," out &&
	ua pay A00000001 --format html >out &&
	test_grep "<td>M\*\*\*\*\*\*\*</td>" out &&
	test_no_grep "M0000006" out
'

test_done
