#!/bin/sh
# run-hard.sh BINDIR BUILDDIR: the hardening suite, tests/hard/t*.sh
# (hostile input, failing writes, privacy, valgrind), run as run-e2e.sh
# runs tests/e2e; ends with "hard: N passed, N failed", non-zero on any
# failure.  Needs the helpers of BUILDDIR (gen-sample, fault.so).
here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/run-e2e.sh" "$1" "$2" hard
