#!/bin/sh
# t7400-kill-random.sh - kill -9 at random moments (issue 7, item 4): a
# large union-enroll add and a large union-aid pay batch are killed at
# seeded random delays spread over the whole of an uninterrupted run,
# the commit included.  After each kill the audit finds the directory
# clean, and running the same batch again completes it: every person
# enrolled once, every application paid once, the rows already done
# refused with the documented exit status and message.
#
# KILL_SEED (default 1) picks the delays; every failure names it, so
# that "KILL_SEED=N sh t7400-kill-random.sh" replays the same kills.
# KILL_TRIALS (default 24) trials per command, fewer when the script has
# run for more than 40 seconds.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/people.sh"

KILL_SEED=${KILL_SEED:-1}
KILL_TRIALS=${KILL_TRIALS:-24}
UNION_NOW=2026-06-30T12:00:00Z
export UNION_NOW
AS_OF=2026-06-30
t_start=$(date +%s)
rng=$KILL_SEED

# now_us: microseconds since the epoch
now_us() {
	echo $(($(date +%s%N) / 1000))
}

# next_delay US: sets delay to one in [0, US + US / 4) microseconds, as
# seconds for sleep(1) (not printed: a command substitution's subshell
# would not advance rng), from an LCG (the constants of ISO C's rand example)
# over the seed.  The quarter past the end lands some kills after the
# commit (US, measured through two date(1) runs, is a little long).
next_delay() {
	rng=$(((rng * 1103515245 + 12345) % 2147483648))
	nd_us=$(((rng / 256) % ($1 + $1 / 4 + 1)))
	delay=$(printf '%d.%06d' $((nd_us / 1000000)) $((nd_us % 1000000)))
}

# out_of_time: the script has run for more than 40 seconds
out_of_time() {
	test $(($(date +%s) - t_start)) -gt 40
}

# timed_us IN OUT CMD...: run CMD reading IN, writing OUT; print how
# long it took in microseconds
timed_us() {
	tu_in=$1 tu_out=$2; shift 2
	tu_t0=$(now_us)
	"$@" <"$tu_in" >"$tu_out" || return 1
	echo $(($(now_us) - tu_t0))
}

# kill_at DELAY IN CMD...: start CMD reading IN in the background (CMD
# itself, not a subshell, so that the kill hits the tool), kill -9 it
# after DELAY seconds (if it is still running), and reap it
kill_at() {
	ka_delay=$1 ka_in=$2; shift 2
	"$@" <"$ka_in" >/dev/null 2>&1 &
	ka_pid=$!
	sleep "$ka_delay"
	kill -9 $ka_pid 2>/dev/null
	wait $ka_pid
	return 0
}

# audit_clean DIR WHY: the nightly audit of DIR (which first finishes or
# undoes an interrupted change) exits 0 and finds nothing
audit_clean() {
	union-audit -D "$1" --as-of "$AS_OF" -q >audit.out 2>audit.err || {
		echo "$2: union-audit exit $?:"; cat audit.out audit.err; return 1; }
	test_cmp_text audit.out severity,check,file,line,key,message ||
	    { echo "$2: union-audit found the above"; return 1; }
}

# enroll_base: d0, a directory with the county union and 2,000 members;
# big.csv, 20,000 more people
enroll_base() {
	union-enroll init d0 &&
	printf '%s\n' union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating \
	    'U000001,County federation,,county,,government,2001-01-01,Wang,none' |
	union-enroll -D d0 found >/dev/null &&
	people 0 2000 >base.csv && union-enroll -D d0 add base.csv >/dev/null &&
	people 100000 20000 >big.csv
}

# roster_whole WHY: d/members.csv holds the 22,000 people once each,
# M00000001..M00022000, and ends with a newline
roster_whole() {
	rw_rows=$(($(wc -l <d/members.csv) - 1))
	rw_ids=$(tail -n +2 d/members.csv | cut -d, -f1 | sort -u | wc -l)
	rw_people=$(tail -n +2 d/members.csv | cut -d, -f3 | sort -u | wc -l)
	rw_last=$(tail -n +2 d/members.csv | cut -d, -f1 | sort | tail -n 1)
	test $rw_rows -eq 22000 && test $rw_ids -eq 22000 &&
	test $rw_people -eq 22000 && test "$rw_last" = M00022000 &&
	test "$(tail -c 1 d/members.csv | od -An -c | tr -d " ")" = "\\n" || {
		echo "$1: $rw_rows rows, $rw_ids member IDs up to $rw_last," \
		    "$rw_people ID numbers; want 22000 of each"
		return 1
	}
}

test_case 'an add of 20,000 killed at random moments: audit clean, re-run completes' '
	enroll_base || return 1
	rm -rf d && cp -r d0 d &&
	us=$(timed_us /dev/null /dev/null union-enroll -D d add big.csv) || return 1
	roster_whole "uninterrupted add" || return 1
	# the refusals of a second run over the same batch: one a person
	awk -F, "NR > 1 { printf \"union-enroll: big.csv:%d: id_number: already has an active membership: M%08d\n\", NR, NR + 1999 }" \
	    big.csv >refusals.want &&
	echo "KILL_SEED=$KILL_SEED: an add takes ${us}us" &&
	k=0 && old=0 && new=0 &&
	while test $k -lt "$KILL_TRIALS" && ! out_of_time; do
		k=$((k + 1))
		next_delay "$us"
		why="KILL_SEED=$KILL_SEED trial $k (kill at ${delay}s)"
		rm -rf d && cp -r d0 d &&
		kill_at "$delay" /dev/null union-enroll -D d add big.csv &&
		audit_clean d "$why" || return 1
		rows=$(($(wc -l <d/members.csv) - 1))
		case $rows in
		2000)	old=$((old + 1))
			union-enroll -D d add big.csv >out 2>err ||
			    { echo "$why: re-run exit $?"; cat err; return 1; }
			test ! -s err && test "$(wc -l <out)" -eq 20001 ||
			    { echo "$why: re-run did not enroll the 20,000"; return 1; } ;;
		22000)	new=$((new + 1))
			test_status 1 union-enroll -D d add big.csv >out 2>err &&
			test_cmp_text out "$(head -n 1 d/members.csv)" &&
			test_cmp refusals.want err ||
			    { echo "$why: re-run after a whole add"; return 1; } ;;
		*)	echo "$why: $rows rows, not 2000 or 22000"; return 1 ;;
		esac
		roster_whole "$why, re-run" && audit_clean d "$why, re-run" ||
		    return 1
	done &&
	echo "$k trials: $old left the old roster, $new the new" &&
	test $k -ge 4
'

# aid_base: d0, a sample with thousands of approved applications;
# batch.csv, the approved ones as union-aid list gives them
aid_base() {
	gen_sample d0 --members 20000 --unions 200 --aid 40000 --as-of "$AS_OF" &&
	union-aid -D d0 list --status approved >batch.csv &&
	test "$(wc -l <batch.csv)" -gt 2000
}

# the payment round over d: batch.csv, from list, piped to pay
PAY="union-aid -D d pay --date $AS_OF --voucher K-2026-06 -"
pay_batch() {
	$PAY <batch.csv
}

# status_count S FILE: the applications of aid.csv FILE in status S
status_count() {
	tail -n +2 "$2" | cut -d, -f6 | grep -c -x "$1"
}

# paid_once WHY: d/aid.csv is the uninterrupted run's, every aid_id once
paid_once() {
	cmp -s d/aid.csv aid.paid &&
	test "$(tail -n +2 d/aid.csv | cut -d, -f1 | sort -u | wc -l)" -eq \
	    "$(($(wc -l <d/aid.csv) - 1))" ||
	    { echo "$1: aid.csv is not the batch paid once"; return 1; }
}

test_case 'a pay batch of thousands killed at random moments: audit clean, paid once' '
	aid_base || return 1
	n=$(($(wc -l <batch.csv) - 1)) &&
	was=$(status_count paid d0/aid.csv) &&
	rm -rf d && cp -r d0 d &&
	us=$(timed_us batch.csv paid.want $PAY) || return 1
	cp d/aid.csv aid.paid &&
	test "$(status_count paid aid.paid)" -eq $((was + n)) &&
	test "$(status_count approved aid.paid)" -eq 0 &&
	test "$(wc -l <paid.want)" -eq $((n + 1)) &&
	awk -F, "NR > 1 { printf \"union-aid: <stdin>:%d: aid_id: application %s is already paid\n\", NR, \$1 }" \
	    batch.csv >refusals.want &&
	echo "KILL_SEED=$KILL_SEED: paying $n takes ${us}us" &&
	k=0 && old=0 && new=0 &&
	while test $k -lt "$KILL_TRIALS" && ! out_of_time; do
		k=$((k + 1))
		next_delay "$us"
		why="KILL_SEED=$KILL_SEED trial $k (kill at ${delay}s)"
		rm -rf d && cp -r d0 d &&
		kill_at "$delay" batch.csv $PAY &&
		audit_clean d "$why" || return 1
		if cmp -s d/aid.csv d0/aid.csv; then
			old=$((old + 1))
			pay_batch >out 2>err ||
			    { echo "$why: re-run exit $?"; cat err; return 1; }
			test ! -s err && test_cmp paid.want out ||
			    { echo "$why: re-run did not pay the batch"; return 1; }
		elif cmp -s d/aid.csv aid.paid; then
			new=$((new + 1))
		else
			echo "$why: aid.csv is neither before nor after the batch"
			diff d0/aid.csv d/aid.csv | head -n 10
			return 1
		fi
		paid_once "$why" && audit_clean d "$why, re-run" || return 1
		# a further run pays nothing twice: each row refused, exit 1
		test_status 1 pay_batch >out 2>err &&
		test_cmp_text out "$(head -n 1 batch.csv)" &&
		test_cmp refusals.want err && paid_once "$why, again" ||
		    { echo "$why: a second payment run"; return 1; }
	done &&
	echo "$k trials: $old left aid.csv unpaid, $new paid" &&
	test $k -ge 4
'

test_done
