# tests/lib.sh - the end-to-end test harness, in the manner of git's
# test-lib.sh.  A test script sources it, then declares cases:
#
#	. "$(dirname "$0")/../lib.sh"
#	test_case 'add refuses a bad check character' '
#		union-enroll init d &&
#		test_status 1 union-enroll -D d add in.csv >out 2>err &&
#		test_cmp_text err "union-enroll: in.csv:2: id_number: ..."
#	'
#	test_done
#
# Each case runs in a subshell inside a fresh scratch directory and
# passes when its body returns 0.  test_done prints "N passed, N failed".
# The tools come first on PATH (run-e2e.sh sets it); $UNION_BUILD holds
# the build directory (gen-sample, fault.so); $TESTS the tests folder.

TESTS=$(cd "$(dirname "$0")/.." && pwd)
export TESTS
: "${UNION_BUILD:=$TESTS/../build}"
export UNION_BUILD
unset UNION_DATA
export LC_ALL=C.UTF-8 TZ=UTC USER=tester
# every run of the tools searches what it writes for people for a full
# ID number or phone, and exits 70 on one (pii_check.h)
UNION_PII_CHECK=1
export UNION_PII_CHECK
t_pass=0
t_fail=0
t_root=$(mktemp -d "${TMPDIR:-/tmp}/union-test.XXXXXX")
trap 'rm -rf "$t_root"' EXIT

# test_case NAME BODY
test_case() {
	t_dir="$t_root/$((t_pass + t_fail + 1))"
	mkdir -p "$t_dir"
	if (cd "$t_dir" && eval "$2") >"$t_dir/.log" 2>&1; then
		t_pass=$((t_pass + 1))
	else
		t_fail=$((t_fail + 1))
		echo "FAIL: $1"
		sed 's/^/	/' "$t_dir/.log" | head -n 40
	fi
}

# test_status N CMD...: run CMD; fail unless it exits with N.  A death by
# signal (status > 128) is always a failure, reported as a crash.
test_status() {
	want=$1; shift
	"$@"; got=$?
	if [ $got -gt 128 ] && [ "$want" -le 128 ]; then
		echo "crash: $* (status $got)" >&2; return 1
	fi
	if [ "$got" -ne "$want" ]; then
		echo "status of '$*': got $got, want $want" >&2; return 1
	fi
	return 0
}

# test_cmp EXPECT ACTUAL: the files must be equal; shows the diff.
test_cmp() {
	diff -u "$1" "$2" >&2
}

# test_cmp_text ACTUAL TEXT: ACTUAL must hold exactly TEXT (plus newline).
test_cmp_text() {
	printf '%s\n' "$2" >"$1.expect"
	diff -u "$1.expect" "$1" >&2
}

# test_grep PATTERN FILE: FILE has a line matching PATTERN (shows FILE
# when not).
test_grep() {
	grep -q -e "$1" "$2" || { echo "no line matching '$1' in $2:" >&2; cat "$2" >&2; return 1; }
}

# test_no_grep PATTERN FILE
test_no_grep() {
	! grep -q -e "$1" "$2" || { echo "unexpected line matching '$1' in $2:" >&2; grep -e "$1" "$2" >&2; return 1; }
}

# gen_sample DIR [ARGS]: a deterministic sample data directory.
gen_sample() {
	d=$1; shift
	"$UNION_BUILD/gen-sample" -o "$d" "$@"
}

# ro_user_init: as root, file modes stop nothing, so tests of what the
# tools may not write run them as nobody (setpriv): sets ro_user to
# nobody (empty when not root), or ro_skip=1 when root has no setpriv or
# no nobody user.  as_user CMD...: CMD as that user.
ro_user_init() {
	ro_user= ro_skip=
	[ "$(id -u)" -eq 0 ] || return 0
	if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
		ro_user=nobody
		chmod 0711 "$t_root"
	else
		ro_skip=1
	fi
}

as_user() {
	if [ -n "$ro_user" ]; then
		setpriv --reuid="$ro_user" --regid="$(id -g "$ro_user")" \
		    --clear-groups "$@"
	else
		"$@"
	fi
}

test_done() {
	echo "$t_pass passed, $t_fail failed"
	[ "$t_fail" -eq 0 ]
}
