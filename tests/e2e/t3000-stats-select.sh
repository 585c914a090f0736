#!/bin/sh
# union-stats select: --where in all its forms, --columns, --any,
# formats, several files, standard input, errors.
. "$(dirname "$0")/../lib.sh"

mkin() {
	cat >in.csv <<-'EOF'
	id,town,wage,name,joined
	1,A,100.50,"x, y",2024-01-02
	2,B,200,y,2023-05-06
	3,A,,z,2025-01-01
	4,A,50.25,"q""q",2024-12-31
	5,B,1000,w,
	EOF
}

test_case 'select without conditions copies the table' '
	mkin &&
	union-stats select in.csv >out &&
	test_cmp in.csv out
'

test_case 'COL=VALUE compares text' '
	mkin &&
	union-stats select --where town=A --columns id in.csv >out &&
	printf "id\n1\n3\n4\n" >expect && test_cmp expect out
'

test_case 'COL=NUMBER compares numbers exactly' '
	mkin &&
	union-stats select --where wage=200.00 --columns id in.csv >out &&
	printf "id\n2\n" >expect && test_cmp expect out
'

test_case 'COL!=VALUE' '
	mkin &&
	union-stats select --where town!=A --columns id,town in.csv >out &&
	printf "id,town\n2,B\n5,B\n" >expect && test_cmp expect out
'

test_case 'numbers order as numbers, not text' '
	mkin &&
	union-stats select --where "wage>100.5" --columns id in.csv >out &&
	printf "id\n2\n5\n" >expect && test_cmp expect out &&
	union-stats select --where "wage<=100.50" --columns id in.csv >out &&
	printf "id\n1\n4\n" >expect && test_cmp expect out &&
	union-stats select --where "wage<100" --columns id in.csv >out &&
	printf "id\n4\n" >expect && test_cmp expect out &&
	union-stats select --where "wage>=1000" --columns id in.csv >out &&
	printf "id\n5\n" >expect && test_cmp expect out
'

test_case 'dates compare as dates; empty values never order' '
	mkin &&
	union-stats select --where "joined>=2024-06-01" --columns id in.csv >out &&
	printf "id\n3\n4\n" >expect && test_cmp expect out &&
	union-stats select --where "joined<2024-01-03" --columns id in.csv >out &&
	printf "id\n1\n2\n" >expect && test_cmp expect out
'

test_case 'COL= selects empty values' '
	mkin &&
	union-stats select --where wage= --columns id in.csv >out &&
	printf "id\n3\n" >expect && test_cmp expect out
'

test_case 'COL~REGEX is PCRE2 and UTF-8 aware' '
	printf "name\n张三\n李四\n张三丰\nabc\n" >u.csv &&
	union-stats select --where "name~^张.{2}$" u.csv >out &&
	printf "name\n张三丰\n" >expect && test_cmp expect out &&
	union-stats select --where "name~\\d|b" u.csv >out &&
	printf "name\nabc\n" >expect && test_cmp expect out
'

test_case 'several --where are ANDed; --any ORs them' '
	mkin &&
	union-stats select --where town=A --where "wage>60" --columns id in.csv >out &&
	printf "id\n1\n" >expect && test_cmp expect out &&
	union-stats select --any --where town=B --where "wage<60" --columns id in.csv >out &&
	printf "id\n2\n4\n5\n" >expect && test_cmp expect out
'

test_case '--columns picks and reorders' '
	mkin &&
	union-stats select --columns name,id --where "id<=2" in.csv >out &&
	cat >expect <<-\EOF &&
	name,id
	"x, y",1
	y,2
	EOF
	test_cmp expect out
'

test_case '--format tsv and jsonl convert' '
	mkin &&
	union-stats select --columns id,name --where "id<=2" --format tsv in.csv >out &&
	printf "id\tname\n1\tx, y\n2\ty\n" >expect && test_cmp expect out &&
	union-stats select --columns id,name --where "id=4" --format jsonl in.csv >out &&
	printf "{\"id\":\"4\",\"name\":\"q\\\\\"q\"}\n" >expect && test_cmp expect out
'

test_case 'TSV input by name, by --tsv on a pipe' '
	printf "a\tb\n1\tx\n2\ty\n" >t.tsv &&
	union-stats select --where a=2 t.tsv >out &&
	printf "a,b\n2,y\n" >expect && test_cmp expect out &&
	union-stats select --tsv --where a=1 <t.tsv >out &&
	printf "a,b\n1,x\n" >expect && test_cmp expect out
'

test_case 'several files: one header, columns found by name' '
	mkin &&
	printf "name,id,town,joined,wage\nv,6,C,,700\n" >more.csv &&
	union-stats select --columns id,name in.csv more.csv --where "wage>=200" >out &&
	printf "id,name\n2,y\n5,w\n6,v\n" >expect && test_cmp expect out
'

test_case 'standard input, and - for it' '
	mkin &&
	union-stats select --where id=3 --columns name <in.csv >out &&
	printf "name\nz\n" >expect && test_cmp expect out &&
	union-stats select --where id=3 --columns name - <in.csv >out &&
	test_cmp expect out
'

test_case 'no matching row gives the header only' '
	mkin &&
	union-stats select --where town=Z in.csv >out &&
	head -n 1 in.csv >expect && test_cmp expect out
'

test_case 'an unknown column is exit 2 with its name' '
	mkin &&
	test_status 2 union-stats select --where wages=1 in.csv >out 2>err &&
	test_cmp_text err "union-stats: in.csv:1: wages: no such column" &&
	test_status 2 union-stats select --columns id,nom in.csv >out 2>err &&
	test_cmp_text err "union-stats: in.csv:1: nom: no such column"
'

test_case 'a bad expression is exit 2' '
	mkin &&
	test_status 2 union-stats select --where wage in.csv 2>err &&
	cat >expect <<-\EOF &&
	union-stats: bad expression '"'"'wage'"'"': expected COL=VALUE, COL!=VALUE, COL<V, COL<=V, COL>V, COL>=V or COL~REGEX
	union-stats: see '"'"'union-stats --help'"'"'
	EOF
	test_cmp expect err &&
	test_status 2 union-stats select --where "=3" in.csv 2>err &&
	test_grep "bad expression '"'"'=3'"'"'" err &&
	test_status 2 union-stats select --where "wage>" in.csv 2>err &&
	test_grep "bad expression '"'"'wage>'"'"'" err
'

test_case 'a bad regex is exit 2 with the reason' '
	mkin &&
	test_status 2 union-stats select --where "name~(" in.csv 2>err &&
	test_grep "^union-stats: bad regular expression in '"'"'name~('"'"': missing closing parenthesis at offset 1$" err
'

test_case 'a malformed record is reported, skipped, exit 1' '
	printf "a,b\n1,2\n3\n4,5\n" >bad.csv &&
	test_status 1 union-stats select bad.csv >out 2>err &&
	printf "a,b\n1,2\n4,5\n" >expect && test_cmp expect out &&
	test_cmp_text err "union-stats: bad.csv:3: expected 2 fields, found 1"
'

test_case 'a missing file is exit 2' '
	test_status 2 union-stats select nosuch.csv >out 2>err &&
	test_grep "nosuch.csv" err
'

test_case '-j gives the rows of -j 1 in the same order' '
	awk "BEGIN { print \"id,note\"; for (i = 1; i <= 200000; i++)
	    printf \"%d,%s\n\", i, (i % 7 ? \"n\" i : \"\\\"multi\nline, \\\"\\\"q\\\"\\\"\\\"\") }" >big.csv &&
	union-stats select -j 1 --where "id>=5" big.csv >one &&
	union-stats select -j 2 --where "id>=5" big.csv >two &&
	union-stats select -j 3 --format jsonl big.csv >three.jsonl &&
	union-stats select -j 1 --format jsonl big.csv >one.jsonl &&
	test_cmp one two && test_cmp one.jsonl three.jsonl &&
	test $(wc -c <big.csv) -gt 1048576
'

test_case '--help prints the usage, exit 0' '
	union-stats select --help >out &&
	test_grep "^usage: union-stats select" out
'

test_done
