#!/bin/sh
# t0001-reader.sh - the table reader and writer seen through a tool
# (union-stats select copies its input to its output): every shape of
# input a county office sends, every refusal with its exact message, the
# output formats, -j against one thread, and failing writes.
. "$(dirname "$0")/../lib.sh"

# members.csv-like rows with quoted commas and newlines, n rows
roster() {
	awk -v n="$1" 'BEGIN {
		print "member_id,name,note"
		for (i = 1; i <= n; i++) {
			if (i % 7 == 0)
				printf "M%06d,张%d,\"line one\nline, two\"\n", i, i
			else if (i % 11 == 0)
				printf "M%06d,\"李\"\"%d\"\"\",x\n", i, i
			else
				printf "M%06d,王%d,plain\n", i, i
		}
	}'
}

test_case 'quoted commas, quotes and newlines come back as written' '
	printf "a,b\n\"x,1\",\"say \"\"hi\"\"\"\n\"l1\nl2\", sp \n" >in.csv &&
	union-stats select in.csv >out &&
	test_cmp in.csv out
'

test_case 'CRLF, a BOM and a last line without newline are read' '
	printf "\357\273\277a,b\r\n1,2\r\n3,4" >in.csv &&
	union-stats select in.csv >out &&
	printf "a,b\n1,2\n3,4\n" >expect &&
	test_cmp expect out
'

test_case 'gzip, by name and by magic bytes on a pipe' '
	roster 50 >plain.csv &&
	gzip -c plain.csv >in.csv.gz &&
	union-stats select in.csv.gz >out1 &&
	test_cmp plain.csv out1 &&
	gzip -c plain.csv | union-stats select >out2 &&
	test_cmp plain.csv out2
'

test_case 'a truncated gzip stream is an error, exit 2' '
	roster 2000 >plain.csv &&
	gzip -c plain.csv >full.gz &&
	size=$(wc -c <full.gz) &&
	head -c $((size - 8)) full.gz >cut.csv.gz &&
	test_status 2 union-stats select cut.csv.gz >out 2>err &&
	test_cmp plain.csv out &&
	line=$(($(wc -l <plain.csv) + 1)) &&
	test_cmp_text err "union-stats: cut.csv.gz:$line: truncated gzip stream"
'

test_case 'TSV by its name, no quoting' '
	printf "a\tb\n\"x\t1,2\n" >in.tsv &&
	union-stats select in.tsv >out &&
	printf "a,b\n\"\"\"x\",\"1,2\"\n" >expect &&
	test_cmp expect out
'

test_case 'GB18030 and GBK with --encoding' '
	printf "姓名,工会\n张三,某某工会\n" >utf8.csv &&
	iconv -f UTF-8 -t GB18030 utf8.csv >gb.csv &&
	union-stats select --encoding gb18030 gb.csv >out1 &&
	test_cmp utf8.csv out1 &&
	iconv -f UTF-8 -t GBK utf8.csv >gbk.csv &&
	union-stats select --encoding gbk <gbk.csv >out2 &&
	test_cmp utf8.csv out2
'

test_case 'a GB18030 file read as UTF-8 is refused row by row' '
	printf "a,b\n" >gb.csv &&
	printf "张三,1\n" | iconv -f UTF-8 -t GB18030 >>gb.csv &&
	test_status 1 union-stats select gb.csv >out 2>err &&
	test_cmp_text err "union-stats: gb.csv:2: a: invalid UTF-8
union-stats: gb.csv: hint: the file looks like GB18030 (saved by Excel on Chinese Windows?); read it with --encoding gb18030"
'

test_case 'UTF-16 is refused with a hint' '
	printf "a,b\n1,2\n" | iconv -f UTF-8 -t UTF-16 >u16.csv &&
	test_status 2 union-stats select u16.csv >out 2>err &&
	test_cmp_text err "union-stats: u16.csv: file is UTF-16; save it as CSV UTF-8, or convert with iconv"
'

test_case 'bad records are told and skipped, good ones kept, exit 1' '
	printf "a,b\n1,2\n3\n\n4,x\"y\n5,6\n" >in.csv &&
	test_status 1 union-stats select in.csv >out 2>err &&
	printf "a,b\n1,2\n5,6\n" >expect &&
	test_cmp expect out &&
	cat >expect.err <<-EOF &&
	union-stats: in.csv:3: expected 2 fields, found 1
	union-stats: in.csv:4: blank line, expected 2 fields
	union-stats: in.csv:5: b: quote inside an unquoted field
	EOF
	test_cmp expect.err err
'

test_case 'an unterminated quote stops the read, exit 2' '
	printf "a,b\n1,2\n3,\"open\n4,5\n" >in.csv &&
	test_status 2 union-stats select in.csv >out 2>err &&
	test_cmp_text err "union-stats: in.csv:3: b: unterminated quoted field"
'

test_case 'header faults are refused, naming the file' '
	printf "a,b,a\n1,2,3\n" >dup.csv &&
	test_status 2 union-stats select dup.csv 2>err &&
	test_cmp_text err "union-stats: dup.csv:1: a: duplicate column name" &&
	: >empty.csv &&
	test_status 2 union-stats select empty.csv 2>err &&
	test_cmp_text err "union-stats: empty.csv: empty file"
'

test_case '-j 4 gives what one thread gives, quoted newlines and all' '
	roster 200000 >big.csv &&
	test "$(wc -c <big.csv)" -gt 4200000 &&
	union-stats select big.csv >one &&
	union-stats select -j 4 big.csv >four &&
	test_cmp big.csv one &&
	test_cmp one four
'

test_case '--format table aligns Chinese by display width' '
	printf "id,姓名,note\n1,张三,x\n22,Bob,yy\n" >in.csv &&
	union-stats select --format table in.csv >out &&
	cat >expect <<-EOF &&
	id  姓名  note
	1   张三  x
	22  Bob   yy
	EOF
	test_cmp expect out
'

test_case '--format json and jsonl escape what JSON needs' '
	printf "k,v\n1,\"a\"\"b\\\\c\"\n" >in.csv &&
	union-stats select --format jsonl in.csv >out &&
	printf "{\"k\":\"1\",\"v\":\"a\\\\\"b\\\\\\\\c\"}\n" >expect &&
	test_cmp expect out
'

test_case '--excel writes a BOM and neutralises formulas' '
	printf "a,b\n=1+2,-3.50\n@x,\"+1,2\"\n" >in.csv &&
	union-stats select --excel in.csv >out &&
	printf "\357\273\277a,b\n'"'"'=1+2,\"=\"\"-3.50\"\"\"\n'"'"'@x,\"'"'"'+1,2\"\n" >expect &&
	test_cmp expect out
'

test_case 'a closed pipe ends the run quietly' '
	roster 100000 >big.csv &&
	{ union-stats select big.csv 2>err; echo $? >status; } | head -n 1 >out &&
	test_cmp_text out "member_id,name,note" &&
	test ! -s err &&
	test "$(cat status)" -eq 141
'

test_case 'a full disk is a write error, exit 2' '
	roster 10 >in.csv &&
	test_status 2 union-stats select in.csv >/dev/full 2>err &&
	test_cmp_text err "union-stats: <stdout>: write error: No space left on device"
'

test_done
