#!/bin/sh
# union-enroll's real-name index (members.rindex): kept fresh by the
# tools, rebuilt when missing, damaged or stale (the roster rewritten,
# truncated or edited), rows appended by hand seen, merged when long.
. "$(dirname "$0")/../lib.sh"

H=name,id_number,phone,union_id,employer,group,join_date,wage,hardship
P1='张三,320803199001010111,,U000001,,regular,2020-06-01,,none'
P2='李四,32080319950310066X,,U000001,,regular,2021-01-01,,none'

setup() {
	union-enroll init d &&
	printf '%s\n' union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating \
	    'U000001,County federation,,county,,government,2001-01-01,Wang,none' |
	union-enroll -D d found >/dev/null &&
	printf '%s\n' "$H" "$P1" >p1.csv && printf '%s\n' "$H" "$P2" >p2.csv &&
	union-enroll -D d add --as-of 2026-01-01 p1.csv >/dev/null
}

ue() {
	union-enroll -D d "$@" --as-of 2026-01-01
}

# covered: the roster bytes the index describes
covered() {
	od -An -t u8 -j 8 -N 8 d/members.rindex | tr -d " "
}

size() {
	wc -c <d/members.csv | tr -d " "
}

# refused_as ID: adding p1 again is refused, naming membership ID
refused_as() {
	test_status 1 ue add p1.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: p1.csv:2: id_number: already has an active membership: $1"
}

test_case 'the index is written beside the roster and covers it' '
	setup && test -f d/members.rindex &&
	ue add p2.csv >/dev/null && test "$(covered)" -lt "$(size)" &&
	test "$(ls -l d/members.rindex | cut -c1-10)" = "-rw-r-----"
'
test_case 'a deleted index is rebuilt, and the rule still holds' '
	setup && rm d/members.rindex && refused_as M00000001 && test -f d/members.rindex
'
test_case 'a damaged index is rebuilt' '
	setup && printf "garbage" >d/members.rindex && refused_as M00000001 &&
	head -c 64 /dev/zero >d/members.rindex && refused_as M00000001 &&
	test "$(covered)" -eq "$(size)"
'
test_case 'rows appended by hand are seen' '
	setup && rm d/members.rindex && union-enroll -D d reindex &&
	printf "%s\n" "M00000042,李四,32080319950310066X,F,1995-03-10,,U000001,,regular,2021-01-01,active,," >>d/members.csv &&
	test_status 1 ue add p2.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: p2.csv:2: id_number: already has an active membership: M00000042" &&
	printf "%s\n" "$H" "王五,320803198512310330,,U000001,,regular,2021-01-01,," >p3.csv &&
	ue add p3.csv >out && test "$(sed -n 2p out | cut -d, -f1)" = M00000043
'
test_case 'a roster rewritten by another program makes the index stale' '
	setup && sed "s/,active,/,left,/" d/members.csv >m && mv m d/members.csv &&
	test_status 0 ue add p1.csv >out &&
	test "$(sed -n 2p out | cut -d, -f1)" = M00000002
'
test_case 'a rewritten roster is stale even when its end is unchanged' '
	setup && ue leave M00000001 --reason retained >/dev/null &&
	awk -v h="$H" "BEGIN {
		split(\"7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2\", w, \" \"); print h
		for (i = 0; i < 100; i++) {
			s = sprintf(\"%06d19900101%03d\", 330800, i)
			t = 0; for (k = 1; k <= 17; k++) t += substr(s, k, 1) * w[k]
			printf \"P%d,%s%s,,U000001,,regular,2020-01-01,,none\n\", i, s, substr(\"10X98765432\", t % 11 + 1, 1)
		}
	}" >more.csv && ue add more.csv >/dev/null && union-enroll -D d reindex &&
	test "$(size)" -gt 8192 &&
	sed "2s/,retained,/,deceased,/" d/members.csv >m && mv m d/members.csv &&
	test_status 1 ue add p1.csv >/dev/null 2>err &&
	test_cmp_text err "union-enroll: p1.csv:2: id_number: recorded as deceased: M00000001"
'
test_case 'an edit in place near the end of the roster makes it stale' '
	setup && sed "s/,active,/,left  ,/" d/members.csv >m && cat m >d/members.csv &&
	test_status 0 ue add p1.csv >/dev/null
'
test_case 'a truncated roster makes the index stale' '
	setup && ue add p2.csv >/dev/null && union-enroll -D d reindex &&
	head -n 2 d/members.csv >m && cat m >d/members.csv &&
	test_status 0 ue add p2.csv >out &&
	test "$(sed -n 2p out | cut -d, -f1)" = M00000002
'
test_case 'check rebuilds a missing index for itself but writes nothing' '
	setup && rm d/members.rindex &&
	test_status 1 ue check p1.csv 2>err &&
	test_cmp_text err "union-enroll: p1.csv:2: id_number: already has an active membership: M00000001" &&
	test ! -e d/members.rindex
'
test_case 'reindex rebuilds the index to cover the whole roster' '
	setup && ue add p2.csv >/dev/null &&
	test_status 0 union-enroll -D d reindex >out 2>err && test ! -s out && test ! -s err &&
	test "$(covered)" -eq "$(size)"
'
test_case 'reindex usage' '
	setup && test_status 2 union-enroll -D d reindex extra 2>err &&
	test_cmp_text err "union-enroll: reindex: no operands expected
union-enroll: see '\''union-enroll --help'\''" &&
	test_status 0 union-enroll reindex --help >out && test_grep "^usage: union-enroll reindex" out
'
test_case 'reindex fails without a roster' '
	mkdir d && test_status 2 union-enroll -D d reindex 2>err &&
	test_cmp_text err "union-enroll: d/members.csv: cannot open: No such file or directory"
'
test_case 'a long tail of appended rows is merged into the index' '
	setup &&
	awk -v h="$H" "BEGIN {
		split(\"7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2\", w, \" \"); print h
		for (i = 0; i < 16400; i++) {
			s = sprintf(\"%06d19900101%03d\", 330800 + int(i / 1000), i % 1000)
			t = 0; for (k = 1; k <= 17; k++) t += substr(s, k, 1) * w[k]
			printf \"P%d,%s%s,,U000001,,regular,2020-01-01,,none\n\", i, s, substr(\"10X98765432\", t % 11 + 1, 1)
		}
	}" >many.csv &&
	ue add many.csv >/dev/null && before=$(covered) &&
	ue add p2.csv >/dev/null && test "$(covered)" -gt "$before" &&
	test "$(covered)" -lt "$(size)" && refused_as M00000001 &&
	test_status 1 ue add many.csv >/dev/null 2>err && test "$(wc -l <err)" -eq 16400
'

test_done
