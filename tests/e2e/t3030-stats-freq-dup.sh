#!/bin/sh
# union-stats freq and dup.
. "$(dirname "$0")/../lib.sh"

mkin() {
	cat >in.csv <<-'EOF'
	member_id,id_number,union_id,name
	M1,110101199003070011,U1,"Li, Lei"
	M2,110101199003070022,U2,Wang
	M3,110101199003070011,U3,Li Lei
	M4,,U1,Zhao
	M5,110101199003070033,U1,Sun
	M6,110101199003070022,U1,Wang
	M7,110101199003070011,U2,Li
	EOF
}

test_case 'freq: most frequent first, ties by value, percent of all' '
	mkin &&
	union-stats freq union_id in.csv >out &&
	cat >expect <<-\EOF &&
	union_id,count,percent
	U1,4,57.14
	U2,2,28.57
	U3,1,14.29
	EOF
	test_cmp expect out
'

test_case 'freq counts empty values too, with --where' '
	mkin &&
	union-stats freq --where union_id=U1 id_number in.csv >out &&
	cat >expect <<-\EOF &&
	id_number,count,percent
	110101199003070011,1,25.00
	110101199003070022,1,25.00
	110101199003070033,1,25.00
	,1,25.00
	EOF
	test_cmp expect out
'

test_case 'freq agrees with sort | uniq -c' '
	awk "BEGIN { srand(9); print \"v\"; for (i = 0; i < 20000; i++) print \"k\" int(rand() * rand() * 50) }" >g.csv &&
	union-stats freq v g.csv | sed 1d | cut -d, -f1,2 >out &&
	sed 1d g.csv | sort | uniq -c | sort -k1,1nr -k2,2 |
	awk "{ print \$2 \",\" \$1 }" >expect &&
	test_cmp expect out
'

test_case 'dup: the rows of duplicated values, with line numbers, exit 1' '
	mkin &&
	test_status 1 union-stats dup id_number in.csv >out &&
	cat >expect <<-\EOF &&
	line,member_id,id_number,union_id,name
	2,M1,110101199003070011,U1,"Li, Lei"
	4,M3,110101199003070011,U3,Li Lei
	8,M7,110101199003070011,U2,Li
	3,M2,110101199003070022,U2,Wang
	7,M6,110101199003070022,U1,Wang
	EOF
	test_cmp expect out
'

test_case 'dup --counts: each duplicated value and how often' '
	mkin &&
	test_status 1 union-stats dup --counts id_number in.csv >out &&
	cat >expect <<-\EOF &&
	id_number,count
	110101199003070011,3
	110101199003070022,2
	EOF
	test_cmp expect out
'

test_case 'dup with nothing duplicated: the header, exit 0' '
	mkin &&
	union-stats dup member_id in.csv >out &&
	printf "line,member_id,id_number,union_id,name\n" >expect &&
	test_cmp expect out
'

test_case 'dup reads standard input twice (spooled); --where' '
	mkin &&
	test_status 1 union-stats dup --where union_id!=U1 union_id <in.csv >out &&
	cat >expect <<-\EOF &&
	line,member_id,id_number,union_id,name
	3,M2,110101199003070022,U2,Wang
	8,M7,110101199003070011,U2,Li
	EOF
	test_cmp expect out &&
	union-stats dup --where union_id=U1 id_number - <in.csv >out &&
	printf "line,member_id,id_number,union_id,name\n" >expect &&
	test_cmp expect out
'

test_case 'dup over two files names the file' '
	mkin &&
	printf "name,member_id,id_number,union_id\nZ,M9,110101199003070033,U9\n" >b.csv &&
	test_status 1 union-stats dup id_number in.csv b.csv >out &&
	test_grep "^file,line,member_id,id_number,union_id,name$" out &&
	test_grep "^in.csv,6,M5,110101199003070033,U1,Sun$" out &&
	test_grep "^b.csv,2,M9,110101199003070033,U9,Z$" out
'

test_case 'dup -j 2 equals -j 1; --counts agrees with sort | uniq -d' '
	awk "BEGIN { srand(4); print \"id,v\"; for (i = 0; i < 150000; i++) printf \"%d,k%d\n\", i, int(rand() * 400000) }" >g.csv &&
	union-stats dup -j 1 v g.csv >one; test $? = 1 &&
	union-stats dup -j 2 v g.csv >two; test $? = 1 &&
	test_cmp one two &&
	union-stats dup -j 2 --counts v g.csv | sed 1d | cut -d, -f1 | sort >out;
	sed 1d g.csv | cut -d, -f2 | sort | uniq -d >expect &&
	test_cmp expect out
'

test_case 'freq and dup need a column; unknown ones are exit 2' '
	mkin &&
	test_status 2 union-stats freq 2>err &&
	test_grep "^union-stats: freq: which column?$" err &&
	test_status 2 union-stats dup 2>err &&
	test_grep "^union-stats: dup: which column?$" err &&
	test_status 2 union-stats dup nope in.csv 2>err &&
	test_cmp_text err "union-stats: in.csv:1: nope: no such column" &&
	test_status 2 union-stats freq nope in.csv 2>err &&
	test_cmp_text err "union-stats: in.csv:1: nope: no such column"
'

test_done
