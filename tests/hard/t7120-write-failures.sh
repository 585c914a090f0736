#!/bin/sh
# t7100-write-failures.sh - where the tools cannot write at all: a data
# directory that is read-only, one that is not there, a table missing
# from it.  Every changing command fails with exit 2 and its exact
# message, and changes nothing; the commands that only read still work.
# (A file size limit and failing writes: t7110.)
. "$(dirname "$0")/../lib.sh"

UNION_NOW=2026-01-02T03:04:05Z
export UNION_NOW
AS_OF=2026-06-30
SAMPLE=$t_root/sample
gen_sample "$SAMPLE" --members 300 --unions 10 --towns 3 ||
	{ echo "gen-sample failed"; exit 1; }
printf '%s\n' name,id_number,phone,union_id,employer,group,join_date,wage,hardship \
    Zhang,320800199001010008,13800000000,U000004,Acme,regular,2020-01-01,3000,none \
    >"$t_root/in.csv"

# state DIR: every file of DIR with its checksum, the lock and the
# real-name index (a cache) left out
state() {
	(cd "$1" && find . -type f ! -name .lock ! -name '*.rindex' | sort |
	    while read -r f; do printf '%s ' "$f"; cksum <"$f"; done)
}

# run_status N CMD...: CMD, its output in out and err, exits with N
# (shows err when not)
run_status() {
	rs_want=$1; shift
	"$@" >out 2>err
	rs_got=$?
	[ "$rs_got" -eq "$rs_want" ] ||
	    { echo "exit $rs_got, want $rs_want: $*"; cat err; return 1; }
}

# err_is TEXT: err holds exactly TEXT, or nothing when TEXT is empty
err_is() {
	if [ -z "$1" ]; then test ! -s err || { cat err; return 1; }
	else test_cmp_text err "$1"; fi
}

# A read-only directory does not stop root: as root, the commands run as
# nobody (setpriv), in a directory nobody owns with mode 0555.
ro_user_init
[ -n "$ro_skip" ] &&
	echo "SKIP: read-only directory: running as root without setpriv and a nobody user"

# read_only DIR: a copy of the sample, its owner the one as_user runs
# as, the folder itself read-only (the files keep their 0640)
read_only() {
	cp -R "$SAMPLE" "$1" && chmod 0711 . &&
	if [ -n "$ro_user" ]; then chown -R "$ro_user" "$1"; fi &&
	chmod 0555 "$1"
}

# ro_case NAME STATUS ERR CMD...: in a read-only copy d, CMD exits with
# STATUS, writes exactly ERR on standard error, and d is unchanged
ro_case() {
	rc_name=$1 rc_status=$2 rc_err=$3; shift 3
	rc_cmd="$*"
	[ -z "$ro_user" ] && [ "$(id -u)" -eq 0 ] && return 0
	test_case "read-only directory: $rc_name" '
		read_only d && state d >before &&
		cp "$t_root/in.csv" in.csv && chmod 0644 in.csv &&
		run_status "$rc_status" as_user $rc_cmd && err_is "$rc_err" &&
		state d >after && test_cmp before after
	'
}

TXN='d/.txn: cannot record the transaction: Permission denied'
ro_case 'enroll add' 2 "union-enroll: d/members.rindex.tmp: Permission denied
union-enroll: $TXN" union-enroll -D d add --as-of $AS_OF in.csv
ro_case 'enroll leave' 2 "union-enroll: $TXN" \
    union-enroll -D d leave M00000001 --date 2026-06-01
ro_case 'aid apply' 2 "union-aid: $TXN" \
    union-aid -D d apply --as-of $AS_OF -m M00000005 -p medical_mutual -a 10
ro_case 'aid case open' 2 "union-aid: $TXN" \
    union-aid -D d case open --as-of $AS_OF -t case -k other -c visit -u U000008
ro_case 'audit archive' 2 "union-audit: cannot create d/archives: Permission denied" \
    union-audit -D d archive --as-of $AS_OF
# the audit keeps its history in the directory: it cannot, so says so
ro_case 'audit with its history' 2 "union-audit: d: cannot write the findings history (Permission denied); use --no-history to audit without it" \
    union-audit -q -D d --as-of $AS_OF
# reading needs no writing
ro_case 'audit --no-history' 0 "" union-audit -q -D d --as-of $AS_OF --no-history
ro_case 'enroll check' 0 "" union-enroll -D d check --as-of $AS_OF in.csv
ro_case 'aid list' 0 "" union-aid -D d list
ro_case 'stats members' 0 "" union-stats -D d members

# no data directory at all: exit 2, and nothing made
nodir_case() {
	nd_status=$1 nd_err=$2; shift 2
	nd_cmd="$*"
	test_case "no data directory: $nd_cmd" '
		cp "$t_root/in.csv" in.csv &&
		run_status "$nd_status" $nd_cmd && err_is "$nd_err" &&
		test ! -e nodir
	'
}
nodir_case 2 "union-enroll: nodir/.lock: cannot open the lock: No such file or directory" \
    union-enroll -D nodir add --as-of $AS_OF in.csv
nodir_case 2 "union-enroll: nodir/.lock: cannot open the lock: No such file or directory" \
    union-enroll -D nodir leave M00000001
nodir_case 2 "union-aid: nodir/members.csv: no such file (is nodir a data directory?)" \
    union-aid -D nodir apply --as-of $AS_OF -m M00000005 -p medical_mutual -a 10
nodir_case 2 "union-aid: cannot open data directory nodir: No such file or directory" \
    union-aid -D nodir list
nodir_case 2 "union-aid: cannot open data directory nodir: No such file or directory" \
    union-aid -D nodir case list
nodir_case 2 "union-aid: cannot open data directory nodir: No such file or directory" \
    union-aid -D nodir watch --as-of $AS_OF
nodir_case 2 "union-stats: nodir: no members.csv in the data directory" \
    union-stats -D nodir members
nodir_case 2 "union-audit: cannot open data directory nodir: No such file or directory" \
    union-audit -D nodir --as-of $AS_OF
nodir_case 2 "union-audit: nodir/.lock: cannot open the lock: No such file or directory" \
    union-audit -D nodir archive --as-of $AS_OF

# a table gone from the directory: the changing commands refuse (a new
# one would restart its ids and lose the old rows); the audit finds it
gone_case() {
	gc_table=$1 gc_status=$2 gc_err=$3; shift 3
	gc_cmd="$*"
	test_case "no $gc_table: $gc_cmd" '
		cp -R "$SAMPLE" d && rm d/$gc_table && state d >before &&
		cp "$t_root/in.csv" in.csv &&
		run_status "$gc_status" $gc_cmd && err_is "$gc_err" &&
		state d >after && test_cmp before after
	'
}
RESTORE='missing, but the journal has it; restore it (union-audit archive keeps copies) before changing it'
gone_case aid.csv 2 "union-aid: d/aid.csv: $RESTORE" \
    union-aid -D d apply --as-of $AS_OF -m M00000005 -p medical_mutual -a 10
gone_case cases.csv 2 "union-aid: d/cases.csv: $RESTORE" \
    union-aid -D d case open --as-of $AS_OF -t case -k other -c visit -u U000008
gone_case members.csv 2 "union-enroll: d/members.csv: cannot open: No such file or directory" \
    union-enroll -D d add --as-of $AS_OF in.csv
gone_case members.csv 2 "union-aid: d/members.csv: no such file (is d a data directory?)" \
    union-aid -D d apply --as-of $AS_OF -m M00000005 -p medical_mutual -a 10
test_case 'no aid.csv: the audit finds it missing' '
	cp -R "$SAMPLE" d && rm d/aid.csv &&
	run_status 1 union-audit -q -D d --as-of $AS_OF --no-history &&
	err_is "" && test_cmp_text out "severity,check,file,line,key,message
error,missing_file,aid.csv,,,no aid.csv in the data directory"
'
test_case 'an input file that is not there: exit 2, nothing changed' '
	cp -R "$SAMPLE" d && state d >before &&
	run_status 2 union-enroll -D d add --as-of $AS_OF nofile.csv &&
	err_is "union-enroll: nofile.csv: cannot open: No such file or directory" &&
	state d >after && test_cmp before after
'

test_done
