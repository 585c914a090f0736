#!/bin/sh
# make install and make uninstall, into a scratch DESTDIR: exactly the
# files the README lists, where it says, with their modes; the installed
# tools run, their pages render, bash loads the completion by each
# tool's name; uninstall leaves nothing behind.  Uses the build of
# this run ($UNION_BUILD, $UNION_BIN), so make has nothing to compile.
. "$(dirname "$0")/../lib.sh"
. "$TESTS/e2e/t8000-daily-lib.sh"

: "${UNION_BIN:=$TOP/bin}"

# mk TARGET VAR=VALUE...: make in the source tree with this run's build
mk() {
	make -s -C "$TOP" B="$UNION_BUILD" BINDIR="$UNION_BIN" "$@"
}

# listing DIR: every file and link under DIR with its type and mode
listing() {
	(cd "$1" && find . ! -type d | sort | while read -r f; do
		if [ -L "$f" ]; then
			echo "$f -> $(readlink "$f")"
		else
			echo "$f $(stat -c %a "$f")"
		fi
	done)
}

cat >"$t_root/expect.list" <<'EOF2'
./usr/bin/union-aid 755
./usr/bin/union-audit 755
./usr/bin/union-enroll 755
./usr/bin/union-nightly-audit 755
./usr/bin/union-stats 755
./usr/share/bash-completion/completions/union-aid -> union-tools
./usr/share/bash-completion/completions/union-audit -> union-tools
./usr/share/bash-completion/completions/union-enroll -> union-tools
./usr/share/bash-completion/completions/union-stats -> union-tools
./usr/share/bash-completion/completions/union-tools 644
./usr/share/man/man1/union-aid.1 644
./usr/share/man/man1/union-audit.1 644
./usr/share/man/man1/union-enroll.1 644
./usr/share/man/man1/union-stats.1 644
./usr/share/man/man5/union-files.5 644
./usr/share/man/man7/union-tools.7 644
./usr/share/zsh/site-functions/_union-aid 644
./usr/share/zsh/site-functions/_union-audit 644
./usr/share/zsh/site-functions/_union-enroll 644
./usr/share/zsh/site-functions/_union-stats 644
./usr/share/zsh/site-functions/_union_tools 644
EOF2
EXPECT=$t_root/expect.list

test_case 'make install DESTDIR PREFIX=/usr: exactly these files' '
	mk install DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	listing root >got &&
	test_cmp "$EXPECT" got
'

test_case 'the installed files are the built and the source ones' '
	mk install DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	for t in $TOOLS; do
		cmp root/usr/bin/$t "$UNION_BIN/$t" &&
		cmp root/usr/share/man/man1/$t.1 "$TOP/man/$t.1" || exit 1
	done &&
	cmp root/usr/bin/union-nightly-audit "$TOP/scripts/nightly-audit" &&
	cmp root/usr/share/bash-completion/completions/union-tools \
	    "$TOP/completion/bash/union-tools"
'

test_case 'the installed tools run: --version of each' '
	mk install DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	v=$(sed -n "s/^VERSION = //p" "$TOP/config.mk") &&
	for t in $TOOLS; do
		root/usr/bin/$t --version >out &&
		test_cmp_text out "$t $v" || exit 1
	done
'

test_case 'the installed pages render clean, by man -l and mandoc' '
	mk install DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	for p in root/usr/share/man/man?/*; do
		mandoc -T lint -W warning "$p" >lint 2>&1 &&
		test_cmp /dev/null lint || exit 1
	done &&
	if command -v man >/dev/null; then
		MANWIDTH=80 man -l root/usr/share/man/man7/union-tools.7 \
		    2>err | col -b >page &&
		test_grep "^ *union-tools .* small tools for a trade-union" page &&
		test_grep "union-nightly-audit" page
	fi
'

test_case 'bash loads the installed completion by the tool name' '
	mk install DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	bash -c ". root/usr/share/bash-completion/completions/union-stats
	    COMP_WORDS=(union-stats ag); COMP_CWORD=1; _union_tools
	    echo \${COMPREPLY[*]}" >got &&
	test_cmp_text got "agg age"
'

test_case 'PREFIX and MANPREFIX are honoured' '
	mk install DESTDIR="$PWD/root" PREFIX=/opt/union \
	    MANPREFIX=/opt/union/man >log 2>&1 &&
	test -x root/opt/union/bin/union-audit &&
	test -f root/opt/union/man/man7/union-tools.7 &&
	test -L root/opt/union/share/bash-completion/completions/union-aid &&
	test -f root/opt/union/share/zsh/site-functions/_union-aid &&
	test ! -e root/usr
'

test_case 'make uninstall removes exactly what install added' '
	mkdir -p root/usr/bin && echo mine >root/usr/bin/other &&
	mk install DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	mk uninstall DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	listing root >got &&
	test_cmp_text got "./usr/bin/other 644"
'

test_case 'install twice, uninstall once: nothing left' '
	mk install DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	mk install DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	listing root >got && test_cmp "$EXPECT" got &&
	mk uninstall DESTDIR="$PWD/root" PREFIX=/usr >log 2>&1 &&
	listing root >got && test_cmp /dev/null got
'

test_done
