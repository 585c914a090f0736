#!/bin/sh
# Excel round trips: a roster exported with --excel, opened by a clerk in
# Excel and saved as "CSV UTF-8" or as GB18030 CSV (Chinese Windows),
# reads back to exactly the data exported.  tests/fixtures/excel/README
# says how each fixture was made.
. "$(dirname "$0")/../lib.sh"

X="$TESTS/fixtures/excel"
R=member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship

# The fixtures have the shapes Excel writes, byte for byte.
test_case 'the UTF-8 fixture: a BOM, CRLF after every record' '
	head -c 3 "$X/roster-saved-utf8.csv" | od -An -tx1 >got &&
	test_cmp_text got " ef bb bf" &&
	test "$(grep -c "$(printf "\r")\$" "$X/roster-saved-utf8.csv")" -eq 6 &&
	test "$(wc -l <"$X/roster-saved-utf8.csv")" -eq 7
'

test_case 'the GB18030 fixture: no BOM, CRLF, not UTF-8, valid GBK' '
	head -c 9 "$X/roster-saved-gb18030.csv" >got &&
	printf member_id >want && cmp want got &&
	test "$(grep -c "$(printf "\r")\$" "$X/roster-saved-gb18030.csv")" -eq 6 &&
	! iconv -f UTF-8 -t UTF-8 "$X/roster-saved-gb18030.csv" >/dev/null 2>&1 &&
	iconv -f GBK -t UTF-8 "$X/roster-saved-gb18030.csv" >/dev/null
'

test_case '--excel writes the roster as the fixture shows' '
	union-stats select --excel "$X/roster.csv" >out &&
	test_cmp "$X/roster-excel.csv" out
'

test_case '--excel: ID numbers, phones, dates, money, leading zeros as ="..."' '
	union-stats select --excel --columns id_number,phone,join_date,wage,staff_no \
	    --where member_id=M00000001 "$X/roster.csv" >out &&
	printf "\357\273\277id_number,phone,join_date,wage,staff_no\n" >expect &&
	printf "%s\n" "\"=\"\"320826199001010116\"\"\",\"=\"\"13812345678\"\"\",\"=\"\"2015-06-01\"\"\",\"=\"\"5678.90\"\"\",\"=\"\"007321\"\"\"" >>expect &&
	test_cmp expect out
'

test_case '--excel: an ID with X, a short count stay as they are' '
	union-stats select --excel --columns id_number,staff_no \
	    --where member_id=M00000005 "$X/roster.csv" >out &&
	printf "\357\273\277id_number,staff_no\n32082619961203001X,1\n" >expect &&
	test_cmp expect out
'

test_case 'saved as CSV UTF-8: reads back to the exported data' '
	union-stats select "$X/roster.csv" >orig &&
	test_cmp "$X/roster.csv" orig &&
	test_status 0 union-stats select "$X/roster-saved-utf8.csv" >out 2>err &&
	test_cmp orig out && test ! -s err
'

test_case 'saved as CSV UTF-8: the BOM wins over --encoding gb18030' '
	test_status 0 union-stats select --encoding gb18030 \
	    "$X/roster-saved-utf8.csv" >out 2>err &&
	test_cmp "$X/roster.csv" out && test ! -s err
'

test_case 'saved as GB18030 CSV: reads back with --encoding gb18030' '
	test_status 0 union-stats select --encoding gb18030 \
	    "$X/roster-saved-gb18030.csv" >out 2>err &&
	test_cmp "$X/roster.csv" out && test ! -s err
'

test_case 'saved as GB18030 CSV: and with --encoding gbk' '
	test_status 0 union-stats select --encoding gbk \
	    "$X/roster-saved-gb18030.csv" >out 2>err &&
	test_cmp "$X/roster.csv" out && test ! -s err
'

test_case 'saved as GB18030 CSV: from a pipe, gzipped' '
	gzip -c "$X/roster-saved-gb18030.csv" |
	    test_status 0 union-stats select --encoding gb18030 - >out 2>err &&
	test_cmp "$X/roster.csv" out && test ! -s err
'

HINT='hint: the file looks like GB18030 (saved by Excel on Chinese Windows?); read it with --encoding gb18030'

test_case 'saved as GB18030 CSV: read as UTF-8, each row with Chinese refused' '
	cp "$X/roster-saved-gb18030.csv" gb.csv &&
	test_status 1 union-stats select gb.csv >out 2>err &&
	head -n 1 "$X/roster.csv" >expect && test_cmp expect out &&
	for l in 2 3 4 6 7; do
		echo "union-stats: gb.csv:$l: name: invalid UTF-8"
		if test $l = 2; then echo "union-stats: gb.csv: $HINT"; fi
	done >expect &&
	test_cmp expect err
'

test_case 'the GB18030 hint: once per file, after its first message' '
	cp "$X/roster-saved-gb18030.csv" gb.csv &&
	cp gb.csv gb2.csv &&
	test_status 1 union-stats select gb.csv gb2.csv >out 2>err &&
	test_cmp_text err "$(for f in gb.csv gb2.csv; do
		for l in 2 3 4 6 7; do
			echo "union-stats: $f:$l: name: invalid UTF-8"
			if test $l = 2; then echo "union-stats: $f: $HINT"; fi
		done
	done)"
'

test_case 'no hint for a lone \xff, nor after it for GB18030 rows' '
	{ printf "name,v\n\377,1\n"
	  printf "张三,2\n" | iconv -f UTF-8 -t GB18030; } >ff.csv &&
	test_status 1 union-stats select ff.csv >out 2>err &&
	test_cmp_text err "union-stats: ff.csv:2: name: invalid UTF-8
union-stats: ff.csv:3: name: invalid UTF-8"
'

test_case 'no hint under --encoding gb18030' '
	printf "name,v\n\377,1\n" >ff.csv &&
	test_status 1 union-stats select --encoding gb18030 ff.csv >out 2>err &&
	test_cmp_text err "union-stats: ff.csv:2: name: invalid GB18030 text"
'

# rows of GB18030 at both ends, so each part of the scan meets some
test_case 'the hint in a parallel scan: once, in its place' '
	{ printf "name,v\n"
	  printf "张三,1\n" | iconv -f UTF-8 -t GB18030
	  awk "BEGIN { for (i = 0; i < 150000; i++) print \"x,\" i }"
	  printf "李四,2\n" | iconv -f UTF-8 -t GB18030; } >big.csv &&
	test_status 1 union-stats agg -j 2 sum:v big.csv >out 2>err &&
	test_cmp_text err "union-stats: big.csv:2: name: invalid UTF-8
union-stats: big.csv: $HINT
union-stats: big.csv:150003: name: invalid UTF-8"
'

test_case 'parallel: no hint when the first bad byte is a lone \xff' '
	{ printf "name,v\n\377,1\n"
	  awk "BEGIN { for (i = 0; i < 150000; i++) print \"x,\" i }"
	  printf "李四,2\n" | iconv -f UTF-8 -t GB18030; } >big.csv &&
	test_status 1 union-stats agg -j 2 sum:v big.csv >out 2>err &&
	test_cmp_text err "union-stats: big.csv:2: name: invalid UTF-8
union-stats: big.csv:150003: name: invalid UTF-8"
'

# Excel on Chinese Windows saves code page 936 (GBK); GB18030 goes
# further (iconv, WPS): names such as 李䶮 and 𠀀 (four bytes).
test_case 'GB18030 beyond GBK reads back; under --encoding gbk refused' '
	printf "name,v\r\n李䶮,1\r\n𠀀,2\r\n" >u.csv &&
	iconv -f UTF-8 -t GB18030 u.csv >g.csv &&
	test_status 0 union-stats select --encoding gb18030 g.csv >out 2>err &&
	printf "name,v\n李䶮,1\n𠀀,2\n" >expect &&
	test_cmp expect out && test ! -s err &&
	test_status 1 union-stats select --encoding gbk g.csv >out 2>err &&
	test_cmp_text out "name,v" &&
	printf "%s\n" "union-stats: g.csv:2: name: invalid GBK text" \
	    "union-stats: g.csv:3: name: invalid GBK text" >expect &&
	test_cmp expect err
'

test_case 'saved either way: the same answers from agg (exact money)' '
	union-stats agg -g status count sum:wage "$X/roster.csv" >expect &&
	union-stats agg -g status count sum:wage "$X/roster-saved-utf8.csv" >u &&
	union-stats agg -g status count sum:wage --encoding gb18030 \
	    "$X/roster-saved-gb18030.csv" >g &&
	test_cmp expect u && test_cmp expect g &&
	printf "%s\n" status,count,wage_sum active,3,15978.95 left,1,0.00 \
	    retained,1,12.50 >want &&
	test_cmp want expect
'

# A data directory with the county union and one grassroots union.
setup() {
	union-enroll init d >/dev/null &&
	printf "%s\n" \
	    "union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating" \
	    "U000001,涟水县总工会,,county,,government,1950-05-01,王雪萍,none" \
	    "U000002,鑫益物流工会,U000001,grassroots,91320826MA1X000016,non_public,2012-05-01,李娟霞,none" |
	union-enroll -D d found --as-of 2026-01-31 >/dev/null
}

test_case 'check a batch saved by Chinese Excel: clean' '
	setup &&
	test_status 0 union-enroll -D d check --as-of 2026-01-31 \
	    --encoding gb18030 "$X/candidates-saved-gb18030.csv" >out 2>err &&
	test ! -s out && test ! -s err
'

test_case 'add a batch saved by Chinese Excel: the members of the UTF-8 batch' '
	setup && cp -R d d2 &&
	test_status 0 union-enroll -D d add --as-of 2026-01-31 \
	    --encoding gb18030 "$X/candidates-saved-gb18030.csv" >out 2>err &&
	test ! -s err &&
	cat >expect <<-EOT &&
	$R
	M00000001,周丽娟,320826199306060288,F,1993-06-06,13770001234,U000002,"涟水县鑫益物流有限公司,二分厂",food_delivery,2026-01-05,active,5000.00,none
	M00000002,钱淑芬,32082619850315000X,F,1985-03-15,15912340000,U000002,"涟水""华力""建筑工程有限公司
	二分厂",regular,2025-12-30,active,6300.50,relative
	EOT
	test_cmp expect out && test_cmp expect d/members.csv &&
	test_status 0 union-enroll -D d2 add --as-of 2026-01-31 \
	    "$X/candidates.csv" >out2 &&
	test_cmp out out2 && test_cmp d/members.csv d2/members.csv
'

test_case 'the GB18030 batch read as UTF-8: refused, nobody enrolled' '
	setup && cp "$X/candidates-saved-gb18030.csv" in.csv &&
	test_status 1 union-enroll -D d add --as-of 2026-01-31 in.csv >out 2>err &&
	printf "%s\n" "union-enroll: in.csv:2: name: invalid UTF-8" \
	    "union-enroll: in.csv: $HINT" \
	    "union-enroll: in.csv:3: name: invalid UTF-8" >expect &&
	test_cmp expect err && test_cmp_text d/members.csv "$R"
'

# What Excel does to cells typed by hand (not exported with --excel):
# an 18-digit ID typed as a number is saved as 3.20826E+17 and a date
# as the system short date (2026/1/5 on Chinese Windows); both are
# refused with the field named, so the clerk can put them right.
test_case 'a batch typed in Excel: a number-ID and a 2026/1/5 date refused' '
	setup &&
	printf "%s\r\n" "name,id_number,phone,union_id,employer,group,join_date,wage,hardship" \
	    "周丽娟,3.20826E+17,13770001234,U000002,,food_delivery,2026/1/5,5000,none" |
	    iconv -f UTF-8 -t GB18030 >typed.csv &&
	test_status 1 union-enroll -D d check --as-of 2026-01-31 --encoding gb18030 \
	    typed.csv >out 2>err &&
	printf "%s\n" "union-enroll: typed.csv:2: id_number: must be 18 characters, found 11" \
	    "union-enroll: typed.csv:2: join_date: not a YYYY-MM-DD date" >expect &&
	test_cmp expect err && test ! -s out
'

# A cell that begins with = + - or @ is exported with a leading quote so
# that Excel does not run it; Excel shows that quote and saves it, so the
# cell comes back with it (the guard is kept on purpose).
test_case 'a formula-like cell comes back with its guarding quote' '
	printf "name,note\n张三,=1+2\n" >in.csv &&
	union-stats select --excel in.csv >x.csv &&
	printf "\357\273\277name,note\n张三,'"'"'=1+2\n" >expect &&
	test_cmp expect x.csv &&
	sed "s/\$/\r/" x.csv >saved.csv &&
	union-stats select saved.csv >out &&
	printf "name,note\n张三,'"'"'=1+2\n" >expect &&
	test_cmp expect out
'

test_done
