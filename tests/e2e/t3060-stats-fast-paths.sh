#!/bin/sh
# union-stats: the fast paths give the answers of the general ones.
# dup packs values shaped like ID numbers (17 digits and 0-9, X or x)
# into 64 bits and counts them in partitions; every other value goes the
# generic way.  agg parses a column once for all its OPs, and numbers
# in two tight loops.
. "$(dirname "$0")/../lib.sh"

# ids N SEED: a column "id" of N ID-shaped values, about one in eight
# a repeat of an earlier one, one in eleven ending in X, and a column k
ids() {
	awk -v n="$1" -v seed="$2" 'BEGIN {
		srand(seed); print "id,k"
		for (i = 0; i < n; i++) {
			if (i > 0 && rand() < 0.125)
				v[i] = v[int(rand() * i)]
			else {
				c = int(rand() * 11)
				v[i] = sprintf("%06d%08d%03d%s",
				    110101 + int(rand() * 800000),
				    19500101 + int(rand() * 500000),
				    int(rand() * 1000), c == 10 ? "X" : c)
			}
			printf "%s,k%d\n", v[i], i % 97
		}
	}'
}

test_case 'dup --counts on ID values equals the generic path on the same values made text' '
	ids 60000 11 >id.csv &&
	sed "1!s/,/z,/" id.csv >text.csv &&
	union-stats dup --counts id id.csv >a; test $? = 1 &&
	union-stats dup --counts id text.csv >b; test $? = 1 &&
	sed 1d a | sort >a.sorted &&
	sed "1d; s/z,/,/" b | sort >b.sorted &&
	test $(wc -l <a.sorted) -gt 100 &&
	test_cmp a.sorted b.sorted &&
	sed 1d id.csv | cut -d, -f1 | sort | uniq -dc |
	    awk "{ print \$2 \",\" \$1 }" >expect &&
	test_cmp expect a.sorted
'

test_case 'dup --counts: shapes that pack and shapes that do not, in natural order' '
	cat >in.csv <<-\EOF &&
	v
	11010119900307001X
	11010119900307001x
	11010119900307001X
	11010119900307001x
	110101199003070011
	110101199003070011
	000000000000000000
	000000000000000000
	11010119900307001
	11010119900307001
	1101011990030700111
	1101011990030700111
	11010119900307001a
	11010119900307001a
	1101011990030700 1
	1101011990030700 1
	110101199003070012

	EOF
	printf "\n" >>in.csv &&
	test_status 1 union-stats dup --counts v in.csv >out &&
	cat >expect <<-\EOF &&
	v,count
	000000000000000000,2
	11010119900307001,2
	110101199003070011,2
	,2
	1101011990030700 1,2
	1101011990030700111,2
	11010119900307001X,2
	11010119900307001a,2
	11010119900307001x,2
	EOF
	test_cmp expect out
'

test_case 'dup rows of packed values: line numbers, sorted by value then line' '
	cat >in.csv <<-\EOF &&
	n,id
	a,32081219860312904X
	b,110101199003070011
	c,32081219860312904X
	d,320812198603129041
	e,110101199003070011
	f,32081219860312904x
	EOF
	test_status 1 union-stats dup id in.csv >out &&
	cat >expect <<-\EOF &&
	line,n,id
	3,b,110101199003070011
	6,e,110101199003070011
	2,a,32081219860312904X
	4,c,32081219860312904X
	EOF
	test_cmp expect out
'

test_case 'dup -j 1, 2, 3 and a pipe agree, rows and --counts, with --where' '
	ids 120000 5 >id.csv &&
	test $(wc -c <id.csv) -gt 2097152 &&
	union-stats dup -j 1 --counts id id.csv >c1; test $? = 1 &&
	union-stats dup -j 2 --counts id id.csv >c2; test $? = 1 &&
	union-stats dup -j 3 --counts id id.csv >c3; test $? = 1 &&
	union-stats dup -j 2 --counts id <id.csv >cp; test $? = 1 &&
	test_cmp c1 c2 && test_cmp c1 c3 && test_cmp c1 cp &&
	union-stats dup -j 1 --where "k~^k1" id id.csv >r1; test $? = 1 &&
	union-stats dup -j 3 --where "k~^k1" id id.csv >r3; test $? = 1 &&
	test_cmp r1 r3 &&
	awk -F, "NR > 1 && \$2 ~ /^k1/ { print \$1 }" id.csv | sort | uniq -d >expect &&
	sed 1d r1 | cut -d, -f2 | sort -u >out &&
	test_cmp expect out
'

test_case 'agg: sum, mean, median of one column parsed once, as awk sums them' '
	awk "BEGIN { srand(3); print \"g,w\"
		for (i = 0; i < 50000; i++)
			printf \"g%d,%d.%02d\n\", i % 7, int(rand() * 20000), int(rand() * 100) }" >w.csv &&
	union-stats agg -g g sum:w mean:w count:w w.csv | sed 1d | cut -d, -f1,2,4 >out &&
	awk -F, "NR > 1 { split(\$2, p, \".\"); f[\$1] += p[1] * 100 + p[2]; n[\$1]++ }
		END { for (k in f) printf \"%s,%.0f.%02d,%d\n\", k, (f[k] - f[k] % 100) / 100, f[k] % 100, n[k] }" w.csv |
	    sort >expect &&
	test_cmp expect out
'

test_case 'numbers: signs, points and leading zeros; not numbers refused' '
	printf "v\n+.5\n-0.50\n007\n0.000000001\n000000000000000000000001\n" >n.csv &&
	union-stats agg sum:v min:v max:v n.csv >out &&
	printf "v_sum,v_min,v_max\n8.000000001,-0.50,007\n" >expect &&
	test_cmp expect out &&
	q=$(printf "\047") &&
	for bad in 5. . - + 1.2.3 1e3 0.0000000001 1234567890123456789 " 1"; do
		printf "v\n%s\n" "$bad" >b.csv &&
		test_status 2 union-stats agg sum:v b.csv 2>err &&
		test_cmp_text err "union-stats: b.csv:2: v: not a number: $q$bad$q" ||
		return 1
	done
'

test_case 'agg: many groups (the key table grows) at -j 1 and -j 2 agree with sort | uniq -c' '
	awk "BEGIN { srand(8); print \"k\"; for (i = 0; i < 200000; i++) print \"key\" int(rand() * 90000) }" >k.csv &&
	union-stats agg -j 1 -g k count k.csv >one &&
	union-stats agg -j 2 -g k count k.csv >two &&
	test_cmp one two &&
	sed 1d one | sort >out &&
	sed 1d k.csv | sort | uniq -c | awk "{ print \$2 \",\" \$1 }" >expect &&
	test_cmp expect out
'

test_done
