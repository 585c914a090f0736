#!/bin/sh
# union-stats agg: every OP with exact output, exact money, cross-checks
# against awk and sqlite3 on generated data, -j against -j 1, errors.
. "$(dirname "$0")/../lib.sh"

mkin() {
	cat >in.csv <<-'EOF'
	id,town,wage,name,kind
	1,A,100.50,"x, y",p
	2,B,200,y,q
	3,A,,z,p
	4,A,50.25,"q""q",r
	5,B,200,w,q
	6,A,7,v,r
	EOF
}

test_case 'every OP on one group' '
	mkin &&
	union-stats agg count count:wage sum:wage mean:wage min:wage \
	    max:wage median:wage p0:wage p25:wage p75:wage p100:wage \
	    distinct:kind mode:kind first:name last:name in.csv >out &&
	cat >expect <<-\EOF &&
	count,wage_count,wage_sum,wage_mean,wage_min,wage_max,wage_median,wage_p0,wage_p25,wage_p75,wage_p100,kind_distinct,kind_mode,name_first,name_last
	6,5,557.75,111.55,7,200,100.50,7.00,50.25,200.00,200.00,3,p,"x, y",v
	EOF
	test_cmp expect out
'

test_case 'groups come out sorted by key, numbers as numbers' '
	printf "k,v\n10,1\n9,2\nb,3\n10,4\na,5\n-1,6\n" >k.csv &&
	union-stats agg -g k count sum:v k.csv >out &&
	printf "k,count,v_sum\n-1,1,6\n9,1,2\n10,2,5\na,1,5\nb,1,3\n" >expect &&
	test_cmp expect out
'

test_case 'two key columns' '
	mkin &&
	union-stats agg -g town,kind count sum:wage in.csv >out &&
	cat >expect <<-\EOF &&
	town,kind,count,wage_sum
	A,p,2,100.50
	A,r,2,57.25
	B,q,2,400.00
	EOF
	test_cmp expect out
'

test_case 'median between two values gains a decimal; mean rounds half away' '
	printf "v\n1\n2\n" >m.csv &&
	union-stats agg median:v mean:v m.csv >out &&
	printf "v_median,v_mean\n1.5,1.50\n" >expect && test_cmp expect out &&
	printf "v\n0.01\n0.02\n" >m.csv &&
	union-stats agg median:v mean:v m.csv >out &&
	printf "v_median,v_mean\n0.015,0.02\n" >expect && test_cmp expect out &&
	printf "v\n-1\n-2\n" >m.csv &&
	union-stats agg mean:v m.csv >out &&
	printf "v_mean\n-1.50\n" >expect && test_cmp expect out
'

test_case 'pNN is the nearest rank' '
	seq 1 10 | sed "1i v" >p.csv &&
	union-stats agg p10:v p11:v p50:v p90:v p91:v p99:v p.csv >out &&
	printf "v_p10,v_p11,v_p50,v_p90,v_p91,v_p99\n1,2,5,9,10,10\n" >expect &&
	test_cmp expect out
'

test_case 'min and max: numbers before text, dates in order' '
	printf "v\n2024-01-05\n2023-12-31\n2024-01-10\n" >d.csv &&
	union-stats agg min:v max:v d.csv >out &&
	printf "v_min,v_max\n2023-12-31,2024-01-10\n" >expect && test_cmp expect out &&
	printf "v\nabc\n10\n9\n" >t.csv &&
	union-stats agg min:v max:v t.csv >out &&
	printf "v_min,v_max\n9,abc\n" >expect && test_cmp expect out
'

test_case 'mode: the most frequent value, ties to the lowest' '
	printf "v\nb\na\nb\na\nc\n" >mo.csv &&
	union-stats agg mode:v distinct:v mo.csv >out &&
	printf "v_mode,v_distinct\na,3\n" >expect && test_cmp expect out
'

test_case 'money sums exactly: a million 0.01 is 10000.00' '
	awk "BEGIN { print \"wage\"; for (i = 0; i < 1000000; i++) print \"0.01\" }" >cents.csv &&
	union-stats agg sum:wage mean:wage cents.csv >out &&
	printf "wage_sum,wage_mean\n10000.00,0.01\n" >expect && test_cmp expect out &&
	printf "wage\n99999999999.99\n99999999999.99\n0.02\n" >big.csv &&
	union-stats agg sum:wage big.csv >out &&
	printf "wage_sum\n200000000000.00\n" >expect && test_cmp expect out
'

test_case 'no rows: one row without -g, only the header with it' '
	printf "a,b\n" >e.csv &&
	union-stats agg count sum:b mean:b first:a e.csv >out &&
	printf "count,b_sum,b_mean,a_first\n0,0,,\n" >expect && test_cmp expect out &&
	union-stats agg -g a count e.csv >out &&
	printf "a,count\n" >expect && test_cmp expect out
'

test_case '--where filters before grouping' '
	mkin &&
	union-stats agg -g town --where "wage>=100" count sum:wage in.csv >out &&
	printf "town,count,wage_sum\nA,1,100.50\nB,2,400.00\n" >expect &&
	test_cmp expect out
'

test_case '--format table and json' '
	mkin &&
	union-stats agg -g town count --format json in.csv >out &&
	printf "[\n{\"town\":\"A\",\"count\":4},\n{\"town\":\"B\",\"count\":2}\n]\n" >expect &&
	test_cmp expect out
'

# A roster-like table made by awk, for cross-checks.
mkgen() {
	awk -v n="$1" "BEGIN {
		srand(3); print \"id,union_id,group,status,wage,employer\"
		for (i = 1; i <= n; i++)
			printf \"%d,U%03d,g%d,%s,%d.%02d,%s\n\", i, int(rand() * 300),
			    int(rand() * 9), (rand() < 0.85 ? \"active\" : \"left\"),
			    int(rand() * 30000), int(rand() * 100),
			    (i % 11 ? \"e\" i : \"\\\"Huaian, \\\"\\\"No. 2\\\"\\\"\nPlant\\\"\")
	}" >gen.csv
}

test_case 'count and exact sum by group agree with awk' '
	mkgen 50000 &&
	union-stats agg -g union_id --where status=active count sum:wage gen.csv >out &&
	union-stats select --format tsv --columns union_id,status,wage gen.csv |
	awk -F "\t" "NR > 1 && \$2 == \"active\" {
		split(\$3, p, \".\"); c[\$1]++; f[\$1] += p[1] * 100 + p[2] }
	    END { for (k in c) printf \"%s,%d,%d.%02d\n\", k, c[k],
		int(f[k] / 100), f[k] % 100 }" | sort >expect.body &&
	sed 1d out >out.body && test_cmp expect.body out.body
'

test_case 'count, distinct, min and max by group agree with sqlite3' '
	mkgen 30000 &&
	union-stats select --columns union_id,group,wage --format tsv gen.csv | sed 1d >g.tsv &&
	sqlite3 -batch -noheader -csv :memory: \
	    "create table t(u text, g text, w real);" \
	    ".mode tabs" ".import g.tsv t" ".mode csv" \
	    "select u, count(*), count(distinct g), printf(\"%.2f\", min(w)), printf(\"%.2f\", max(w)) from t group by u order by u;" | tr -d "\r" >expect &&
	union-stats agg -g union_id count distinct:group min:wage max:wage gen.csv | sed 1d |
	awk -F, -v OFS=, "{ \$4 = sprintf(\"%.2f\", \$4); \$5 = sprintf(\"%.2f\", \$5); print }" >out &&
	test_cmp expect out
'

test_case '-j 2 and -j 3 give the output of -j 1' '
	mkgen 120000 &&
	test $(wc -c <gen.csv) -gt 2097152 &&
	ops="count sum:wage mean:wage median:wage p90:wage min:employer max:wage distinct:group mode:group first:employer last:employer" &&
	union-stats agg -j 1 -g union_id,status $ops gen.csv >one &&
	union-stats agg -j 2 -g union_id,status $ops gen.csv >two &&
	union-stats agg -j 3 -g union_id,status $ops gen.csv >three &&
	test_cmp one two && test_cmp one three
'

test_case 'a quoted field with newlines across the split point' '
	awk "BEGIN {
		print \"id,note\"
		for (i = 1; i <= 30000; i++) printf \"%d,n%d\n\", i, i
		printf \"30001,\\\"\"
		for (i = 0; i < 60000; i++) printf \"%d,fake\n\", 90000 + i
		print \"end\\\"\"
		for (i = 30002; i <= 60000; i++) printf \"%d,n%d\n\", i, i
	}" >q.csv &&
	union-stats agg -j 1 count sum:id max:id last:id q.csv >one &&
	union-stats agg -j 2 count sum:id max:id last:id q.csv >two &&
	printf "count,id_sum,id_max,id_last\n60000,1800030000,60000,60000\n" >expect &&
	test_cmp expect one && test_cmp expect two
'

test_case 'a value that is not a number is exit 2 with where' '
	mkin &&
	test_status 2 union-stats agg sum:name in.csv >out 2>err &&
	test_cmp_text err "union-stats: in.csv:2: name: not a number: '"'"'x, y'"'"'"
'

test_case 'unknown columns, bad OPs, no OP: exit 2' '
	mkin &&
	test_status 2 union-stats agg -g nope count in.csv 2>err &&
	test_cmp_text err "union-stats: in.csv:1: nope: no such column" &&
	test_status 2 union-stats agg sum:nope in.csv 2>err &&
	test_cmp_text err "union-stats: in.csv:1: nope: no such column" &&
	test_status 2 union-stats agg sum in.csv 2>err &&
	test_grep "^union-stats: '"'"'sum'"'"' needs a column: sum:COLUMN$" err &&
	test_status 2 union-stats agg p101:wage in.csv 2>err &&
	test_grep "^union-stats: unknown operation '"'"'p101'"'"' (count, sum, mean, min, max, median, pNN, distinct, mode, first, last)$" err &&
	test_status 2 union-stats agg in.csv 2>err &&
	test_grep "^union-stats: agg: no operation given" err &&
	test_status 2 union-stats agg -j x count in.csv 2>err &&
	test_grep "^union-stats: -j: '"'"'x'"'"': expected a number of threads from 1 to 256$" err
'

test_done
