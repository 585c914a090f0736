#!/bin/sh
# t8303-audit-read-only.sh - union-audit --no-history in a directory the
# auditor may read but not write (a read-only mount, an auditor's
# account): it takes a shared lock through a read-only descriptor and
# audits; without --no-history it says the findings history cannot be
# written and suggests --no-history (exit 2).  The shared lock waits for
# a writer and is shared with other readers.
. "$(dirname "$0")/../lib.sh"

AS_OF=2026-06-30
SAMPLE=$t_root/sample
gen_sample "$SAMPLE" --members 200 --unions 8 --towns 2 ||
	{ echo "gen-sample failed"; exit 1; }

# As root, the audits run as nobody (setpriv): root ignores modes.
ro_user_init
[ -n "$ro_skip" ] &&
	echo "SKIP: read-only audit: root without setpriv and a nobody user"

# readable DIR: a copy of the sample, owned by the one running the test,
# readable by everyone, the directory and its .lock writable by nobody
readable() {
	cp -R "$SAMPLE" "$1" && chmod 0755 . &&
	chmod -R a+rX "$1" && chmod 0444 "$1/.lock" && chmod 0555 "$1"
}

empty_file() {
	[ ! -s "$1" ] || { echo "$1 is not empty:" >&2; cat "$1" >&2; return 1; }
}

state() {
	(cd "$1" && find . -type f | sort |
	    while read -r f; do printf '%s ' "$f"; cksum <"$f"; done)
}

audit_ro() {
	as_user union-audit -q -D d --as-of $AS_OF "$@"
}

if [ -z "$ro_skip" ]; then

test_case 'audit --no-history: the same findings as with write access' '
	cp -R "$SAMPLE" w &&
	union-audit -q -D w --as-of $AS_OF --no-history >expect; want=$? &&
	readable d && state d >before &&
	audit_ro --no-history >out 2>err; got=$? &&
	test "$got" -eq "$want" && test "$got" -le 1 &&
	test_cmp expect out && empty_file err &&
	state d >after && test_cmp before after
'

test_case 'audit with its history: says so, suggests --no-history, exit 2' '
	readable d && state d >before &&
	test_status 2 audit_ro >out 2>err &&
	test_cmp_text err "union-audit: d: cannot write the findings history (Permission denied); use --no-history to audit without it" &&
	empty_file out &&
	state d >after && test_cmp before after
'

test_case 'a .lock not writable in a writable directory: the same message' '
	cp -R "$SAMPLE" d && chmod 0755 . && chmod -R a+rX d &&
	if [ -n "$ro_user" ]; then chown "$ro_user" d; fi &&
	chmod 0444 d/.lock &&
	test_status 2 audit_ro >out 2>err &&
	test_cmp_text err "union-audit: d: cannot write the findings history (Permission denied); use --no-history to audit without it"
'

fi

# hold TYPE SECONDS: python3 holds a fcntl lock (r or w) on d/.lock
hold() {
	python3 -c "
import fcntl, os, sys, time
fd = os.open('d/.lock', os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX if sys.argv[1] == 'w' else fcntl.LOCK_SH)
open('held', 'w').close()
time.sleep(float(sys.argv[2]))
" "$1" "$2" &
	while [ ! -e held ]; do sleep 0.05; done
}

if command -v python3 >/dev/null && command -v timeout >/dev/null; then

test_case 'the shared lock waits while a writer holds the lock' '
	cp -R "$SAMPLE" d && hold w 3 &&
	test_status 124 timeout 1 union-audit -q -D d --as-of $AS_OF \
	    --no-history >out 2>err &&
	wait
'

test_case 'the shared lock is shared with another reader' '
	cp -R "$SAMPLE" d && hold r 3 &&
	timeout 2 union-audit -q -D d --as-of $AS_OF --no-history >out 2>err
	test $? -le 1 && test -s out &&
	wait
'

else
	echo "SKIP: lock waits: no python3 or timeout"
fi

test_done
