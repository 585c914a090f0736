#!/bin/sh
# union-enroll under concurrency and crashes: eight adds at once lose no
# row and share no member_id; an add killed at any moment leaves the
# roster as it was or with the whole batch, and the next add goes on.
. "$(dirname "$0")/../lib.sh"

. "$TESTS/people.sh"

# fault.so is preloaded; a sanitizer build must not mind the order
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

setup() {
	union-enroll init d &&
	printf '%s\n' union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating \
	    'U000001,County federation,,county,,government,2001-01-01,Wang,none' |
	union-enroll -D d found >/dev/null
}

# consistent N: the roster has N rows, unique member IDs M00000001..N,
# unique ID numbers, and its real-name index agrees with a rebuilt one
consistent() {
	test "$(($(wc -l <d/members.csv) - 1))" -eq "$1" &&
	test "$(tail -n +2 d/members.csv | cut -d, -f1 | sort -u | wc -l)" -eq "$1" &&
	test "$(tail -n +2 d/members.csv | cut -d, -f3 | sort -u | wc -l)" -eq "$1" &&
	test "$(tail -n +2 d/members.csv | cut -d, -f1 | sort | tail -n 1)" = \
	    "$(printf "M%08d" "$1")" &&
	test "$(tail -c 1 d/members.csv | od -An -c | tr -d " ")" = "\\n"
}

test_case 'eight concurrent adds of 500 members each make 4,000 rows' '
	setup &&
	for k in 0 1 2 3 4 5 6 7; do people $((k * 500)) 500 >in$k.csv; done &&
	for k in 0 1 2 3 4 5 6 7; do
		union-enroll -D d add in$k.csv >out$k 2>err$k &
	done && wait &&
	for k in 0 1 2 3 4 5 6 7; do
		test ! -s err$k && test "$(wc -l <out$k)" -eq 501 || return 1
	done &&
	consistent 4000 &&
	test "$(grep -c ",add,members.csv," d/journal.csv)" -eq 8 &&
	cat out0 out1 out2 out3 out4 out5 out6 out7 | grep -v ^member_id | sort >all &&
	tail -n +2 d/members.csv | sort >roster && test_cmp roster all
'

test_case 'concurrent adds of the same people enroll each person once' '
	setup && people 0 300 >in.csv &&
	for k in 0 1 2 3; do union-enroll -D d add in.csv >out$k 2>err$k & done &&
	wait && consistent 300 &&
	test "$(cat err0 err1 err2 err3 | grep -c "already has an active membership")" -eq 900
'

test_case 'an add killed at random moments leaves the old roster or the new' '
	setup && people 0 2000 >base.csv && union-enroll -D d add base.csv >/dev/null &&
	n=2000 k=0 &&
	for delay in 0.005 0.01 0.02 0.03 0.04 0.05 0.06 0.08 0.1 0.12 0.15 0.2; do
		k=$((k + 1)) &&
		people $((100000 + k * 20000)) 20000 >big.csv || return 1
		union-enroll -D d add big.csv >/dev/null 2>&1 &
		pid=$!
		sleep $delay && kill -9 $pid 2>/dev/null
		wait $pid
		union-enroll -D d reindex 2>>notes || return 1
		rows=$(($(wc -l <d/members.csv) - 1)) &&
		{ test $rows -eq $n || test $rows -eq $((n + 20000)); } || {
			echo "after a kill at ${delay}s: $rows rows, not $n or $((n + 20000))"
			return 1
		}
		n=$rows && consistent $n || return 1
	done &&
	test_grep "interrupted transaction" notes &&
	people 900000 10 >last.csv &&
	union-enroll -D d add last.csv >out && consistent $((n + 10)) &&
	test "$(sed -n 2p out | cut -d, -f1)" = "$(printf "M%08d" $((n + 1)))"
'

# sweep KIND: run add once to count its calls, then again crashing (or
# failing) at each one in turn, on a fresh copy of d each time; after a
# crash union-audit finds the directory clean; after the recovery the
# roster holds the 50 old rows or all 80, and the index knows which
sweep() {
	test -f "$UNION_BUILD/fault.so" || { echo "no $UNION_BUILD/fault.so"; return 1; }
	setup && people 0 50 >base.csv && union-enroll -D d add base.csv >/dev/null &&
	people 1000 30 >in.csv && people 0 0 >empty.csv && cp -r d d0 &&
	FAULT_COUNT_FILE=$PWD/count LD_PRELOAD=$UNION_BUILD/fault.so \
	    union-enroll -D d0 add in.csv >/dev/null &&
	total=$(sed -n "s/^any //p" count) && test "$total" -gt 10 &&
	n=1 && while test $n -le "$total"; do
		rm -rf dn && cp -r d dn &&
		if test "$1" = crash; then
			FAULT_CALL=any FAULT_AFTER=$n FAULT_CRASH=1 \
			    LD_PRELOAD=$UNION_BUILD/fault.so \
			    union-enroll -D dn add in.csv >/dev/null 2>&1
			test $? -eq 86 || { echo "call $n: no crash"; return 1; }
			# the nightly audit (which recovers first) finds no fault
			union-audit -D dn --no-history -q >audit.out 2>&1 ||
			    { echo "call $n: union-audit:"; cat audit.out; return 1; }
		else
			FAULT_CALL=any FAULT_AFTER=$n FAULT_ERRNO=ENOSPC \
			    LD_PRELOAD=$UNION_BUILD/fault.so \
			    union-enroll -D dn add in.csv >/dev/null 2>err
			rc=$?
			test $rc -eq 0 || test $rc -eq 2 || { echo "call $n: exit $rc"; return 1; }
			if test $rc -eq 2 && test "$(wc -l <dn/members.csv)" -ne 51; then
				echo "call $n: failed, yet the roster changed"; return 1
			fi
		fi
		union-enroll -D dn add empty.csv >/dev/null 2>&1 ||
		    { echo "call $n: no recovery"; return 1; }
		rows=$(($(wc -l <dn/members.csv) - 1))
		test $rows -eq 50 || test $rows -eq 80 || { echo "call $n: $rows rows"; return 1; }
		# the index left behind knows exactly who was enrolled
		union-enroll -D dn add in.csv >/dev/null 2>err; rc=$?
		if test $rows -eq 80; then want=1; else want=0; fi
		test $rc -eq $want || { echo "call $n: $rows rows, re-add exit $rc"; return 1; }
		(rm -rf d.keep && mv d d.keep && mv dn d && consistent 80) ||
		    { echo "call $n: inconsistent"; return 1; }
		rm -rf d && mv d.keep d
		n=$((n + 1))
	done
}

test_case 'an add crashed at each of its writes, fsyncs and renames: old or new' '
	sweep crash
'

test_case 'an add whose write, fsync or rename fails changes nothing' '
	sweep fail
'

test_case 'a transfer crashed at each of its calls: old or new, index right' '
	test -f "$UNION_BUILD/fault.so" || { echo "no $UNION_BUILD/fault.so"; return 1; }
	setup && people 0 0 >empty.csv && printf "%s\n" union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating \
	    "U000002,Town,U000001,town,,,2001-01-01,," | union-enroll -D d found >/dev/null &&
	people 0 50 >base.csv && union-enroll -D d add base.csv >/dev/null &&
	people 0 1 >p0.csv &&
	printf "%s\n" member_id,to_union M00000001,U000002 M00000002,U000002 >moves.csv &&
	cp -r d d0 &&
	FAULT_COUNT_FILE=$PWD/count LD_PRELOAD=$UNION_BUILD/fault.so \
	    union-enroll -D d0 transfer <moves.csv >/dev/null &&
	total=$(sed -n "s/^any //p" count) && test "$total" -gt 10 &&
	n=1 && while test $n -le "$total"; do
		rm -rf dn && cp -r d dn &&
		FAULT_CALL=any FAULT_AFTER=$n FAULT_CRASH=1 \
		    LD_PRELOAD=$UNION_BUILD/fault.so \
		    union-enroll -D dn transfer <moves.csv >/dev/null 2>&1
		test $? -eq 86 || { echo "call $n: no crash"; return 1; }
		union-enroll -D dn add empty.csv >/dev/null 2>&1 ||
		    { echo "call $n: no recovery"; return 1; }
		rows=$(($(wc -l <dn/members.csv) - 1))
		case $rows in
		50) want=M00000001 ;;
		52) want=M00000051 ;;
		*) echo "call $n: $rows rows"; return 1 ;;
		esac
		union-enroll -D dn add p0.csv >/dev/null 2>err
		test_cmp_text err "union-enroll: p0.csv:2: id_number: already has an active membership: $want" ||
		    { echo "call $n: $rows rows"; return 1; }
		n=$((n + 1))
	done
'

test_case 'the journal matches the roster after the kills' '
	setup && people 0 20000 >big.csv || return 1
	union-enroll -D d add big.csv >/dev/null 2>&1 &
	pid=$!
	sleep 0.05 && kill -9 $pid 2>/dev/null
	wait $pid
	people 50000 10 >last.csv && union-enroll -D d add last.csv >/dev/null 2>err &&
	rows=$(($(wc -l <d/members.csv) - 1)) &&
	size=$(wc -c <d/members.csv | tr -d " ") &&
	test "$(tail -n 1 d/journal.csv | cut -d, -f6,10)" = "members.csv,$size" &&
	consistent $rows
'

test_done
