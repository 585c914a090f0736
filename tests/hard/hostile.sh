# tests/hard/hostile.sh - the hostile input corpus, made at run time (a
# 10 MB field and 10,000 columns are never committed).  Sourced by the
# t7xxx scripts after tests/lib.sh.
#
#	hostile_make HEADER ROW1 ROW2 MISSCOL DATECOL MONEYCOL
#
# writes, in the current directory, one file per case from a header and
# two good rows of the input a command reads: MISSCOL is the field
# number of a required column, DATECOL of a date and MONEYCOL of a money
# column (empty: no such case).  The files:
#
# The hostile line is line 2; where a reader can go on past it, the good
# ROW1 follows as line 3, so that a test sees the rest still read.
#
#	unterminated.csv   line 2 opens a quote that never closes
#	midquote.csv       line 2 has a quote inside an unquoted field
#	short.csv          line 2 has one field too few
#	long.csv           line 2 has one field too many
#	header-repeat.csv  the header again as line 2
#	missing-col.csv    the header lacks column MISSCOL
#	dup-col.csv        column 1's name twice in the header
#	empty.csv          no bytes at all
#	header-only.csv    the header and no row
#	bigfield.csv       line 2's first field is 10 MiB of "a"
#	wide.csv           10,000 columns
#	nul.csv            a NUL byte in row 2
#	badutf8.csv        a byte 0xFF in row 2
#	utf16.csv          the whole file in UTF-16 with its BOM
#	mixed-eol.csv      CRLF and LF line ends mixed
#	trunc.csv.gz       a gzip stream cut short
#	date.csv           2026-02-30 in column DATECOL
#	money-N.csv        N in 1 to 5: 1e3, -0, 12.345, full-width 12,
#	                   99999999999999999999 in column MONEYCOL

# hostile_set ROW K VALUE: ROW with its K-th (unquoted) field set to VALUE
hostile_set() {
	printf '%s\n' "$1" | awk -F, -v OFS=, -v k="$2" -v v="$3" '{ $k = v; print }'
}

hostile_money='1e3 -0 12.345 １２ 99999999999999999999'

hostile_make() {
	h=$1 r1=$2 r2=$3 miss=$4 datecol=$5 moneycol=$6
	nf=$(printf '%s\n' "$h" | awk -F, '{ print NF }')
	printf '%s\n' "$h" "\"$r2" "$r1" >unterminated.csv
	printf '%s\n' "$h" "$(hostile_set "$r2" 1 'x"y')" "$r1" >midquote.csv
	printf '%s\n' "$h" "$(printf '%s\n' "$r2" | sed 's/,[^,]*$//')" "$r1" >short.csv
	printf '%s\n' "$h" "$r2,extra" "$r1" >long.csv
	printf '%s\n' "$h" "$h" "$r1" >header-repeat.csv
	printf '%s\n' "$h" "$r1" | awk -F, -v OFS=, -v k="$miss" '{
		s = ""
		for (i = 1; i <= NF; i++)
			if (i != k)
				s = s (s == "" ? "" : ",") $i
		print s
	}' >missing-col.csv
	printf '%s\n' "$h,${h%%,*}" "$r1,dup" >dup-col.csv
	: >empty.csv
	printf '%s\n' "$h" >header-only.csv
	{
		printf '%s\n' "$h"
		head -c 10485760 /dev/zero | tr '\0' a
		printf '%s\n' "${r2#*,}" | sed 's/^/,/'
		printf '%s\n' "$r1"
	} >bigfield.csv
	printf '%s\n' "$h" "$r1" | awk -v nf="$nf" '{
		printf "%s", $0
		for (i = nf + 1; i <= 10000; i++)
			printf ",%s", NR == 1 ? "x" i : ""
		print ""
	}' >wide.csv
	{ printf '%s\n' "$h"; printf '%s\n' "$r1" | sed 's/^\(.\)/\1@/' | tr @ '\000'; } >nul.csv
	{ printf '%s\n' "$h"; printf '%s\n' "$r1" | sed 's/^\(.\)/\1@/' | tr @ '\377'; } >badutf8.csv
	printf '%s\n' "$h" "$r1" | iconv -f UTF-8 -t UTF-16 >utf16.csv
	printf '%s\r\n%s\n%s\r\n' "$h" "$r1" "$r2" >mixed-eol.csv
	printf '%s\n' "$h" "$r1" "$r2" | gzip -n | head -c 40 >trunc.csv.gz
	if [ -n "$datecol" ]; then
		printf '%s\n' "$h" "$(hostile_set "$r1" "$datecol" 2026-02-30)" >date.csv
	fi
	if [ -n "$moneycol" ]; then
		i=0
		for v in $hostile_money; do
			i=$((i + 1))
			printf '%s\n' "$h" "$(hostile_set "$r1" "$moneycol" "$v")" >money-$i.csv
		done
	fi
}

# hostile_sums DIR: one line per file of a data directory, its name,
# size and checksum.  The lock is left out (it holds nothing), and so is
# the real-name index, a cache keyed by the roster's inode that any
# command may rebuild in a copied directory.
hostile_sums() {
	(cd "$1" && ls -A | grep -v -e '^\.lock$' -e '\.rindex$' |
	    while read -r f; do printf '%s ' "$f"; cksum <"$f"; done)
}

# hostile_setup NAME HEADER ROW1 ROW2 MISSCOL DATECOL MONEYCOL: the
# corpus for one command in $t_root/NAME (HFX), and the state its good
# row alone makes (HREF, from $HBASE), by running $HCMD on it.  HCMD is
# a command line for sh -c: the input file is "$f", the data directory d.
hostile_setup() {
	HFX=$t_root/$1
	HREF=$t_root/$1-ref
	mkdir -p "$HFX" && (cd "$HFX" && hostile_make "$2" "$3" "$4" "$5" "$6" "$7") &&
	printf '%s\n' "$2" "$3" >"$HFX/one.csv" &&
	cp -R "$HBASE" "$HREF" &&
	(cd "$t_root" && mv "$1-ref" d && f=$HFX/one.csv sh -c "$HCMD" >/dev/null &&
	    mv d "$1-ref") ||
	    { echo "hostile_setup $1: the good row alone fails"; exit 1; }
	hostile_sums "$HBASE" >"$t_root/base.sums"
	hostile_sums "$HREF" >"$HREF.sums"
}

# hostile_case FILE STATUS STATE ERR: $HCMD on FILE (a link to the
# corpus file of that name, so that messages name it) in a copy d of
# $HBASE, under a 20 s timeout, exits with STATUS and writes exactly ERR
# on standard error; STATE is what the data directory must be after:
# old (byte for byte as before), one (exactly as the good row alone
# leaves it) or new (changed, and union-audit finds it clean).  An
# empty ERR means nothing on standard error.  A fifth argument is the
# exact standard output (empty: nothing).
hostile_case() {
	hc_file=$1 hc_status=$2 hc_state=$3 hc_err=$4 hc_out=${5-} hc_has_out=$#
	test_case "$HNAME $hc_file" '
		cp -R "$HBASE" d && ln -s "$HFX/$hc_file" "$hc_file" &&
		f=$hc_file test_status "$hc_status" hostile_run &&
		if [ -z "$hc_err" ]; then test ! -s err || { cat err; false; }
		else test_cmp_text err "$hc_err"; fi &&
		if [ "$hc_has_out" -lt 5 ]; then :
		elif [ -z "$hc_out" ]; then test ! -s out || { cat out; false; }
		else test_cmp_text out "$hc_out"; fi &&
		hostile_sums d >sums &&
		case $hc_state in
		old) test_cmp "$t_root/base.sums" sums ;;
		one) test_cmp "$HREF.sums" sums ;;
		new) ! cmp -s "$t_root/base.sums" sums &&
			union-audit -q -D d --as-of 2026-06-30 >audit 2>&1 ||
			{ cat audit; false; } ;;
		esac
	'
}

# hostile_run: $HCMD under a 20 s timeout, its output in out and err
hostile_run() {
	timeout 20 sh -c "$HCMD" >out 2>err
}

# hostile_capped PREFIX: a message about the 10 MiB field as the tools
# write it, cut to the 4,095 bytes of one diagnostic line.
hostile_capped() {
	printf '%s' "$1"
	head -c $((4094 - ${#1})) /dev/zero | tr '\0' a
}
