#!/bin/sh
# t7110-fault-sweeps.sh - the changing commands that tests/e2e does not
# sweep with fault.so (t0500, t1040: enroll add and transfer; t2090: aid
# pay and apply): enroll found and leave, aid case open and case close,
# audit accept and archive; then a file size limit (ulimit -f) swept the
# same way over enroll add, aid apply and audit archive.  For every N up to the number of write,
# pwrite, fsync, rename and ftruncate calls the command makes, the N-th
# call ends the process (a power cut) or fails with ENOSPC from then on
# (a full disk); after the next command's recovery the directory is
# exactly the old one or the new one, and union-audit finds in it what
# it finds in that one (nothing, but for the hand edit before accept).
. "$(dirname "$0")/../lib.sh"

FAULT=$UNION_BUILD/fault.so
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
UNION_NOW=2026-01-02T03:04:05Z
export ASAN_OPTIONS UNION_NOW
AS_OF=2026-06-30
SAMPLE=$t_root/sample
gen_sample "$SAMPLE" --members 300 --unions 10 --towns 3 ||
	{ echo "gen-sample failed"; exit 1; }

# state DIR: every file of DIR, archives included, with its checksum;
# not the lock, nor the caches (.journal-state, the real-name index),
# nor the hidden folder of an archive cut short (archives/.DATE.tmp),
# which the next archive removes (tested below)
state() {
	(cd "$1" && find . -type f ! -name .lock ! -name .journal-state \
	    ! -name '*.rindex' ! -path './archives/.*.tmp/*' |
	    sort | while read -r f; do
		printf '%s ' "$f"; cksum <"$f"
	done)
}

# recover DIR: a command that takes the lock, so finishes or rolls back
# what a crash left, and changes nothing itself (an add of no one)
recover() {
	echo name,id_number,phone,union_id,employer,group,join_date,wage,hardship |
	    union-enroll -D "$1" add >/dev/null 2>&1
}

# audit_of DIR: what union-audit finds in (a copy of) DIR, in DIR.findings
audit_of() {
	rm -rf a && cp -R "$1" a &&
	union-audit -q -D a --as-of $AS_OF --no-history >"$1.findings" 2>&1
	rm -rf a
}

# sweep MODE SETUP TOOL ARGS...: SETUP DIR makes the directory as it
# is before the change, TOOL -D DIR ARGS... makes the change
sweep() {
	mode=$1 setup=$2 tool=$3; shift 3
	test -f "$FAULT" || { echo "no $FAULT"; return 1; }
	$setup old && cp -R old new && state old >old.state &&
	LD_PRELOAD=$FAULT FAULT_COUNT_FILE=$PWD/count \
	    $tool -D new "$@" >/dev/null &&
	state new >new.state && ! cmp -s old.state new.state &&
	audit_of old && audit_of new &&
	calls=$(sed -n "s/^any //p" count) && test "$calls" -gt 5 || return 1
	n=1
	while [ $n -le "$calls" ]; do
		rm -rf w && cp -R old w || return 1
		if [ "$mode" = crash ]; then
			LD_PRELOAD=$FAULT FAULT_CALL=any FAULT_AFTER=$n \
			    FAULT_CRASH=1 $tool -D w "$@" >/dev/null 2>&1
		else
			LD_PRELOAD=$FAULT FAULT_CALL=any FAULT_AFTER=$n \
			    FAULT_ERRNO=ENOSPC FAULT_STICKY=1 \
			    $tool -D w "$@" >/dev/null 2>&1
		fi
		rc=$?
		case $mode,$rc in
		crash,86|crash,0|fail,2|fail,0) ;;
		*) echo "call $n: exit $rc"; return 1 ;;
		esac
		recover w && state w >w.state ||
		    { echo "call $n: no recovery"; return 1; }
		if cmp -s w.state old.state; then v=old
		elif cmp -s w.state new.state; then v=new
		else echo "call $n (exit $rc): neither old nor new"
			diff old.state w.state; diff new.state w.state; return 1
		fi
		union-audit -q -D w --as-of $AS_OF --no-history >findings 2>&1
		test_cmp $v.findings findings ||
		    { echo "call $n ($v): union-audit differs"; return 1; }
		n=$((n + 1))
	done
}

# the directories before each change
sample() { cp -R "$SAMPLE" "$1"; }
with_open_case() {
	sample "$1" && union-aid -D "$1" case open --as-of $AS_OF -t case \
	    -k wage_arrears -c visit -u U000008 -m M00000002 >/dev/null
}
with_hand_edit() {
	sample "$1" &&
	sed "s/^\(M00000003,.*,active,\)[0-9.]*,/\11234.00,/" "$1/members.csv" >edited &&
	! cmp -s edited "$1/members.csv" && cat edited >"$1/members.csv"
}
printf '%s\n' union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating \
    'U000099,New town,U000001,town,,government,2026-01-01,Wang,none' >"$t_root/found.csv"

for mode in crash fail; do
	test_case "enroll found, $mode at every call: old or new" '
		sweep $mode sample union-enroll found --as-of $AS_OF "$t_root/found.csv"
	'
	test_case "enroll leave, $mode at every call: old or new" '
		sweep $mode sample union-enroll leave M00000001 --reason left --date 2026-06-01
	'
	test_case "aid case open, $mode at every call: old or new" '
		sweep $mode sample union-aid case open --as-of $AS_OF -t case \
		    -k wage_arrears -c visit -u U000008 -m M00000002
	'
	test_case "aid case close, $mode at every call: old or new" '
		sweep $mode with_open_case union-aid case close --as-of $AS_OF \
		    -o resolved C0000004
	'
	test_case "audit accept, $mode at every call: old or new" '
		sweep $mode with_hand_edit union-audit accept members.csv \
		    --by tester --reason "wage fixed" --as-of $AS_OF
	'
	test_case "audit archive, $mode at every call: old or new" '
		sweep $mode sample union-audit archive --as-of $AS_OF
	'
done

# limit_sweep SETUP TOOL ARGS...: the change under a file size limit
# (ulimit -f, in the shell's blocks) of 1, 2, 4, ... blocks up to one
# that lets it through: SIGXFSZ is no kill, every write over the limit
# is an error: exit 2, or 0 when it came after the commit point, and the
# directory after recovery is old or new, as the audit finds it.
limit_sweep() {
	setup=$1 tool=$2; shift 2
	$setup old && cp -R old new && state old >old.state &&
	$tool -D new "$@" >/dev/null && state new >new.state &&
	audit_of old && audit_of new || return 1
	limit=1 seen2=0
	while :; do
		rm -rf w && cp -R old w || return 1
		(ulimit -f $limit && exec $tool -D w "$@") >/dev/null 2>err
		rc=$?
		case $rc in
		0) ;;
		2) seen2=1
		   grep -q "File too large" err || { cat err; return 1; } ;;
		*) echo "limit $limit: exit $rc"; cat err; return 1 ;;
		esac
		recover w && state w >w.state || { echo "limit $limit: no recovery"; return 1; }
		if cmp -s w.state old.state; then v=old
		elif cmp -s w.state new.state; then v=new
		else echo "limit $limit (exit $rc): neither old nor new"
			diff new.state w.state; return 1
		fi
		union-audit -q -D w --as-of $AS_OF --no-history >findings 2>&1
		test_cmp $v.findings findings ||
		    { echo "limit $limit ($v): union-audit differs"; return 1; }
		[ $rc -eq 0 ] && break
		limit=$((limit * 2))
	done
	test $seen2 -eq 1
}

test_case 'enroll add under a file size limit: exit 2, old or new' '
	printf "%s\n" name,id_number,phone,union_id,employer,group,join_date,wage,hardship \
	    Zhang,320800199001010008,13800000000,U000004,Acme,regular,2020-01-01,3000,none >in.csv &&
	limit_sweep sample union-enroll add --as-of $AS_OF in.csv
'

test_case 'aid apply under a file size limit: exit 2, old or new' '
	limit_sweep sample union-aid apply --as-of $AS_OF -m M00000005 -p medical_mutual -a 10
'

test_case 'audit archive under a file size limit: exit 2, old or new' '
	limit_sweep sample union-audit archive --as-of $AS_OF
'

# 16 blocks: 8 KiB in bash, 16 in dash; the roster is 45 KiB
test_case 'a file over the limit is an exact error, exit 2, nothing changed' '
	sample d && state d >before &&
	(ulimit -f 16 && exec union-enroll -D d leave M00000001 --date 2026-06-01) \
	    >out 2>err
	test $? -eq 2 &&
	test_cmp_text err "union-enroll: d/members.csv: write error: File too large" &&
	recover d && state d >after && test_cmp before after
'

test_case 'union-stats output over the limit: exit 2, write error' '
	(ulimit -f 4 && exec union-stats select "$SAMPLE/members.csv") >out 2>err
	test $? -eq 2 &&
	test_cmp_text err "union-stats: <stdout>: write error: File too large"
'

test_case 'an archive that died on a full disk is no hindrance to the next' '
	sample d &&
	LD_PRELOAD=$FAULT FAULT_CALL=write FAULT_AFTER=1 FAULT_ERRNO=ENOSPC \
	    FAULT_STICKY=1 test_status 2 union-audit -D d archive --as-of $AS_OF \
	    >out 2>err &&
	test_cmp_text err "union-audit: cannot write d/archives/.2026-06-30.tmp/unions.csv.gz: No space left on device" &&
	test_status 0 union-audit -D d archive --as-of $AS_OF >out 2>err &&
	test_cmp_text out d/archives/2026-06-30 && test ! -s err &&
	test "$(ls -A d/archives)" = 2026-06-30 &&
	test "$(ls d/archives/2026-06-30 | wc -l)" -eq 8
'

test_done
