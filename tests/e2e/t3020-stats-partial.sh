#!/bin/sh
# union-stats --partial and merge: for every OP, k parts merged give
# byte for byte the single run; in any line order; merge of merges;
# errors.
. "$(dirname "$0")/../lib.sh"

OPS="count count:note sum:wage mean:wage median:wage p0:wage p37:wage
p90:wage p100:wage min:wage max:wage min:name max:name distinct:grp
mode:grp first:name last:name"

mkgen() {
	awk -v n="$1" "BEGIN {
		srand(5); print \"id,u,grp,wage,name,note\"
		for (i = 1; i <= n; i++)
			printf \"%d,U%02d,g%d,%s,%s,%s\n\", i, int(rand() * 40),
			    int(rand() * 7),
			    (i % 17 ? sprintf(\"%d.%02d\", int(rand() * 9000), int(rand() * 100)) : \"\"),
			    (i % 13 ? \"n\" int(rand() * 5000) : \"\\\"a, \\\"\\\"b\\\"\\\"\nc\\\"\"),
			    (i % 5 ? \"\" : \"x\")
	}" >gen.csv
}

# split_k K: gen.csv into part1.csv..partK.csv by id, each with the header
split_k() {
	k=$1 n=$(union-stats agg max:id gen.csv | sed 1d) i=1
	while [ $i -le $k ]; do
		lo=$(( (i - 1) * n / k )) hi=$(( i * n / k ))
		union-stats select --where "id>$lo" --where "id<=$hi" gen.csv >part$i.csv
		i=$((i + 1))
	done
}

# each OP alone, then all together, grouped and not
for op in $OPS all; do
	[ "$op" = all ] && op=$(echo $OPS)
	test_case "partial/merge identity, k = 1, 2, 5: $op" '
		mkgen 4000 &&
		for g in "" "-g u" "-g u,grp"; do
			union-stats agg $g $op gen.csv >single || return 1
			for k in 1 2 5; do
				split_k $k && rm -f *.part && i=1 &&
				while [ $i -le $k ]; do
					union-stats agg --partial --seq $i $g $op part$i.csv >p$i.part || return 1
					i=$((i + 1))
				done &&
				union-stats merge p*.part >merged &&
				test_cmp single merged || return 1
			done
		done
	'
done

test_case 'lines in any order (sorted, as Hadoop hands them to a reducer)' '
	mkgen 3000 && split_k 3 &&
	union-stats agg -g u $OPS gen.csv >single &&
	for i in 1 2 3; do
		union-stats agg --partial --seq $i -g u $OPS part$i.csv >p$i.part || return 1
	done &&
	cat p3.part p1.part p2.part | LC_ALL=C sort | union-stats merge >merged &&
	test_cmp single merged
'

test_case 'merge --partial merges merges' '
	mkgen 3000 && split_k 4 &&
	union-stats agg -g u,grp $OPS gen.csv >single &&
	for i in 1 2 3 4; do
		union-stats agg --partial --seq $i -g u,grp $OPS part$i.csv >p$i.part || return 1
	done &&
	union-stats merge --partial p1.part p2.part >a.part &&
	union-stats merge --partial p3.part p4.part >b.part &&
	union-stats merge a.part b.part >merged &&
	test_cmp single merged
'

test_case 'freq --partial merges into freq' '
	mkgen 3000 && split_k 2 &&
	union-stats freq grp gen.csv >single &&
	union-stats freq --partial grp part1.csv >p1.part &&
	union-stats freq --partial grp part2.csv >p2.part &&
	union-stats merge p1.part p2.part >merged &&
	test_cmp single merged
'

test_case '-j with --partial gives one partial of the whole file' '
	mkgen 60000 &&
	union-stats agg -g u $OPS gen.csv >single &&
	union-stats agg -j 2 --partial -g u $OPS gen.csv | union-stats merge >merged &&
	test_cmp single merged
'

test_case 'the partial format: header, group, scale and state lines' '
	printf "k,v\na,1.5\nb,2\na,\n" >s.csv &&
	union-stats agg --partial -g k count sum:v s.csv >out &&
	cat >expect <<-\EOF &&
	#union-stats-partial	1	agg	1	k	count	sum:v
	K	a	2
	K	b	1
	S	0	0
	S	1	1
	O	a	1	s	1	1.5
	O	b	1	s	1	2
	EOF
	test_cmp expect out
'

test_case 'tabs, newlines and backslashes in keys survive' '
	printf "k,v\n\"a\tb\",1\n\"c\nd\",2\n\"e\\\\f\",3\n" >s.csv &&
	union-stats agg -g k sum:v first:k s.csv >single &&
	union-stats agg --partial -g k sum:v first:k s.csv | union-stats merge >merged &&
	test_cmp single merged
'

test_case 'merge refuses partials of different queries' '
	printf "k,v\na,1\n" >s.csv &&
	union-stats agg --partial count s.csv >a.part &&
	union-stats agg --partial sum:v s.csv >b.part &&
	test_status 2 union-stats merge a.part b.part >out 2>err &&
	test_cmp_text err "union-stats: b.part:1: partial result of a different query"
'

test_case 'merge refuses what is not a partial result' '
	printf "k,v\na,1\n" >s.csv &&
	test_status 2 union-stats merge s.csv >out 2>err &&
	test_cmp_text err "union-stats: s.csv:1: not a partial result (no '"'"'#union-stats-partial'"'"' line first)" &&
	union-stats agg --partial count s.csv >a.part &&
	printf "O\tzz\n" >>a.part &&
	test_status 2 union-stats merge a.part >out 2>err &&
	test_cmp_text err "union-stats: a.part:4: malformed partial result: bad state record" &&
	: >empty &&
	test_status 2 union-stats merge empty >out 2>err &&
	test_cmp_text err "union-stats: no partial results to merge"
'

test_done
