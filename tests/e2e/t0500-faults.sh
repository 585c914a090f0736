#!/bin/sh
# t0500-faults.sh - the fault-injection shim (fault.so) itself, and the
# store under it: a change cut short (kill -9, power cut) or failing (a
# full disk, an I/O error) at any write, fsync, rename or ftruncate
# leaves the data and the journal both exactly as they were or both
# exactly as they would have been, byte for byte, once the next command
# has recovered; and the journal then verifies.
. "$(dirname "$0")/../lib.sh"

FAULT=$UNION_BUILD/fault.so
# fault.so is preloaded; a sanitizer build must not mind the order
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
# the journal's time, pinned, so that old and new journals are exact
UNION_NOW=2026-01-02T03:04:05Z
export UNION_NOW

. "$TESTS/people.sh"

setup() {
	test -f "$FAULT" || { echo "no $FAULT" >&2; return 1; }
	union-enroll init d &&
	printf '%s\n' union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating \
	    'U000001,County federation,,county,,government,2001-01-01,Wang,none' |
	union-enroll -D d found >/dev/null &&
	people 0 5 >base.csv && union-enroll -D d add base.csv >/dev/null
}

test_case 'fault.so counts the calls of each kind, and all together' '
	setup && people 100 3 >in.csv &&
	LD_PRELOAD=$FAULT FAULT_COUNT_FILE=$PWD/count \
	    union-enroll -D d add in.csv >/dev/null &&
	sed "s/ [0-9]*$//" count >names &&
	printf "%s\n" write pwrite fsync rename ftruncate any >expect &&
	test_cmp expect names &&
	test "$(sed -n "s/^any //p" count)" -eq \
	    "$(sed "\$d" count | awk "{ n += \$2 } END { print n }")" &&
	test "$(sed -n "s/^write //p" count)" -gt 0 &&
	test "$(sed -n "s/^fsync //p" count)" -gt 0 &&
	test "$(sed -n "s/^rename //p" count)" -gt 0
'

test_case 'the first write failing with ENOSPC: exit 2, nothing left behind' '
	LD_PRELOAD=$FAULT FAULT_CALL=write FAULT_AFTER=1 FAULT_ERRNO=ENOSPC \
	    test_status 2 union-enroll init d 2>err &&
	test_cmp_text err "union-enroll: d/.txn: cannot record the transaction: No space left on device" &&
	test "$(ls -A d)" = .lock
'

test_case 'the first fsync failing with EIO (the default): exit 2' '
	LD_PRELOAD=$FAULT FAULT_CALL=fsync FAULT_AFTER=1 \
	    test_status 2 union-enroll init d 2>err &&
	test_cmp_text err "union-enroll: d/.txn: cannot record the transaction: Input/output error" &&
	test "$(ls -A d)" = .lock
'

test_case 'an unknown FAULT_CALL is refused before the program runs' '
	LD_PRELOAD=$FAULT FAULT_CALL=bogus FAULT_AFTER=1 \
	    test_status 87 union-enroll init d 2>err &&
	test_cmp_text err "fault: FAULT_CALL=bogus: unknown call" &&
	test ! -e d
'

test_case 'a crash ends with status 86; the next command cleans up' '
	LD_PRELOAD=$FAULT FAULT_CALL=rename FAULT_AFTER=1 FAULT_CRASH=1 \
	    test_status 86 union-enroll init d 2>err &&
	test ! -s err && test -f d/.txn.tmp && test ! -e d/.txn &&
	union-enroll init d 2>err && test ! -s err &&
	test ! -e d/.txn.tmp && test ! -e d/.txn &&
	test "$(wc -l <d/journal.csv)" -eq 7
'

# torn_journal: crash at each write in turn, on a fresh copy w of old,
# until one tears the journal after the commit point (.txn left, the
# journal longer than before but short of the new one).  d, where old
# was made, stays: the real-name index in the copies names the inode of
# d's roster, which must not be reused by a copy (the index would look
# valid there, and the run would make fewer calls).
torn_journal() {
	n=1 && while test $n -le "$writes"; do
		rm -rf w && cp -r old w &&
		LD_PRELOAD=$FAULT FAULT_CALL=write FAULT_AFTER=$n FAULT_CRASH=1 \
		    union-enroll -D w add in.csv >/dev/null 2>&1
		size=$(wc -c <w/journal.csv) &&
		if test -f w/.txn && test "$size" -gt "$(wc -c <old/journal.csv)" &&
		    test "$size" -lt "$(wc -c <new/journal.csv)"; then
			return 0
		fi
		n=$((n + 1))
	done
	echo "no write tore the journal"; return 1
}

test_case 'a crash tearing the journal write is finished by the next command' '
	setup && people 100 3 >in.csv && cp -r d old && cp -r d new &&
	LD_PRELOAD=$FAULT FAULT_COUNT_FILE=$PWD/count \
	    union-enroll -D new add in.csv >/dev/null &&
	writes=$(sed -n "s/^write //p" count) &&
	torn_journal && test_cmp new/members.csv w/members.csv &&
	people 0 0 | union-enroll -D w add 2>err >/dev/null &&
	test_cmp_text err "union-enroll: finished an interrupted transaction in w" &&
	test_cmp new/members.csv w/members.csv &&
	test_cmp new/journal.csv w/journal.csv && test ! -e w/.txn
'

# sweep MODE: count the calls of one add, then make each fail (MODE fail:
# ENOSPC, or EIO at odd calls) or crash (MODE crash) on a fresh copy w
# of old (d stays, see torn_journal); after the next command's recovery,
# roster and journal are both the old ones or both the new ones, exactly,
# and the journal verifies.
sweep() {
	setup && people 100 3 >in.csv && cp -r d old && cp -r d new &&
	LD_PRELOAD=$FAULT FAULT_COUNT_FILE=$PWD/count \
	    union-enroll -D new add in.csv >/dev/null &&
	! cmp -s old/journal.csv new/journal.csv &&
	total=$(sed -n "s/^any //p" count) && test "$total" -gt 10 &&
	n=1 && while test $n -le "$total"; do
		rm -rf w && cp -r old w &&
		if test "$1" = crash; then
			LD_PRELOAD=$FAULT FAULT_CALL=any FAULT_AFTER=$n FAULT_CRASH=1 \
			    union-enroll -D w add in.csv >/dev/null 2>&1
			rc=$? && test $rc -eq 86
		else
			err=ENOSPC && test $((n % 2)) -eq 1 && err=EIO
			LD_PRELOAD=$FAULT FAULT_CALL=any FAULT_AFTER=$n FAULT_ERRNO=$err \
			    union-enroll -D w add in.csv >/dev/null 2>&1
			rc=$? && { test $rc -eq 0 || test $rc -eq 2; }
		fi || { echo "call $n: exit $rc"; return 1; }
		people 0 0 | union-enroll -D w add >/dev/null 2>&1 ||
		    { echo "call $n: no recovery"; return 1; }
		if cmp -s w/journal.csv old/journal.csv; then v=old
		elif cmp -s w/journal.csv new/journal.csv; then v=new
		else echo "call $n: the journal is neither old nor new"
			diff new/journal.csv w/journal.csv; return 1
		fi
		test_cmp $v/members.csv w/members.csv ||
		    { echo "call $n: the roster is not the $v one"; return 1; }
		test ! -e w/.txn || { echo "call $n: .txn left"; return 1; }
		union-audit -D w -q >findings 2>&1
		if grep -q "journal" findings; then
			echo "call $n: union-audit:"; cat findings; return 1
		fi
		n=$((n + 1))
	done
}

test_case 'an add crashed at each call: roster and journal old or new' '
	sweep crash
'

test_case 'an add failing at each call: roster and journal old or new' '
	sweep fail
'

test_done
