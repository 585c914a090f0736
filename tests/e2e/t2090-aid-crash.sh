#!/bin/sh
# t2090-aid-crash.sh - a payment run or an application cut short at any
# write, fsync or rename (a power cut, kill -9), or failing there (a full
# disk), leaves aid.csv as it was or as it would have been, never a mix;
# and the next command's recovery leaves a directory union-audit finds
# consistent.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t2000-aid-fixture.sh"

FAULT=$UNION_BUILD/fault.so
# fault.so is preloaded; a sanitizer build must not mind the order
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

crash_fixture() {
	aid_fixture d &&
	cat >>d/aid.csv <<-\EOF
	A00000001,M0000001,winter_warmth,2026-06-01,800.00,approved,2026-06-02,600.00,,,王芳,,
	A00000002,M0000005,winter_warmth,2026-06-02,1000.00,approved,2026-06-03,1000.00,,,王芳,,
	EOF
	# a first change, so that the journal exists and knows aid.csv
	ua apply -m M0000002 -p medical_mutual -a 1 >/dev/null
}

# sweep MODE CMD...: for every N up to the number of I/O calls CMD
# makes, a fresh directory where the N-th call crashes (MODE crash) or
# fails with ENOSPC (MODE fail); then recovery by a command that changes
# nothing; aid.csv must be the old one or the new one, and the journal
# and aid.csv must agree (union-audit).
sweep() {
	mode=$1; shift
	test -f "$FAULT" || { echo "no $FAULT" >&2; return 1; }
	rm -rf d && crash_fixture && cp d/aid.csv old.csv &&
	LD_PRELOAD=$FAULT FAULT_COUNT_FILE=$PWD/count ua "$@" >/dev/null &&
	cp d/aid.csv new.csv &&
	calls=$(sed -n "s/^any //p" count) &&
	test "$calls" -gt 5 || return 1
	n=1
	while [ $n -le "$calls" ]; do
		rm -rf d && crash_fixture || return 1
		if [ "$mode" = crash ]; then
			LD_PRELOAD=$FAULT FAULT_CALL=any FAULT_AFTER=$n \
			    FAULT_CRASH=1 ua "$@" >/dev/null 2>&1
		else
			LD_PRELOAD=$FAULT FAULT_CALL=any FAULT_AFTER=$n \
			    FAULT_ERRNO=ENOSPC FAULT_STICKY=1 ua "$@" >/dev/null 2>err
		fi
		rc=$?
		case $mode,$rc in
		crash,86|crash,0|fail,2|fail,0) ;;
		*) echo "call $n: exit $rc" >&2; return 1 ;;
		esac
		ua pay A00000099 >/dev/null 2>&1
		if cmp -s d/aid.csv old.csv; then :
		elif cmp -s d/aid.csv new.csv; then :
		else echo "call $n: aid.csv is neither old nor new" >&2
			diff old.csv d/aid.csv >&2; return 1
		fi
		union-audit -D d --as-of "$AS_OF" -q >findings 2>/dev/null
		if grep -q ",\(aid\|journal\).csv," findings; then
			echo "call $n: union-audit:" >&2; cat findings >&2; return 1
		fi
		n=$((n + 1))
	done
}

test_case 'pay cut short at every I/O call: old or new, never a mix' '
	sweep crash pay A00000001 A00000002 --voucher V
'

test_case 'pay failing at every I/O call with a full disk: old or new' '
	sweep fail pay A00000001 A00000002 --voucher V
'

test_case 'apply cut short at every I/O call: old or new, never a mix' '
	sweep crash apply -m M0000006 -p hardship_relief -a 50
'

test_case 'a failed write is an I/O failure: exit 2, aid.csv as it was' '
	crash_fixture && cp d/aid.csv old.csv &&
	LD_PRELOAD=$FAULT FAULT_CALL=write FAULT_AFTER=1 FAULT_ERRNO=ENOSPC \
	    FAULT_STICKY=1 test_status 2 ua pay A00000001 >out 2>err &&
	test_grep "No space left on device" err &&
	ua pay A00000099 >/dev/null 2>&1;
	test_cmp old.csv d/aid.csv
'

test_done
