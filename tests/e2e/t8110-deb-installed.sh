#!/bin/sh
# The installed Debian package (scripts/build-deb, then apt-get install
# ./build/deb/union-tools_*.deb): its files, its version, its man pages,
# and its binaries at work on the bundled sample.  CI runs this after
# installing the package; where union-tools is not installed (make
# check on a workstation) it has nothing to test and says so.
. "$(dirname "$0")/../lib.sh"

TOP="$TESTS/.."

if ! dpkg-query -W -f '${Status}' union-tools 2>/dev/null |
    grep -q 'ok installed'; then
	echo "t8110: union-tools is not installed: nothing to test" >&2
	test_done
	exit
fi

# The installed tools, not the ones of the build being tested.
PATH=/usr/bin:/bin
export PATH

test_case 'the package is the version config.mk says' '
	dpkg-query -W -f "\${Version}\n" union-tools >got &&
	sed -n "s/^VERSION *= *//p" "$TOP/config.mk" >expect &&
	test_cmp expect got
'

test_case 'every tool and every man page of the tree is installed' '
	dpkg -L union-tools >list &&
	for t in "$TOP"/cmd/union-*; do
		grep -qx "/usr/bin/${t##*/}" list ||
		    { echo "missing /usr/bin/${t##*/}"; return 1; }
	done &&
	for m in "$TOP"/man/*.[157]; do
		s=${m##*.} n=${m##*/}
		grep -qx "/usr/share/man/man$s/$n.gz" list ||
		    { echo "missing /usr/share/man/man$s/$n.gz"; return 1; }
	done
'

test_case 'the nightly audit and bash and zsh completion are installed' '
	dpkg -L union-tools >list &&
	want="/usr/bin/union-nightly-audit" &&
	for t in "$TOP"/cmd/union-*; do
		want="$want /usr/share/bash-completion/completions/${t##*/}"
	done &&
	for f in "$TOP"/completion/zsh/_*; do
		want="$want /usr/share/zsh/site-functions/${f##*/}"
	done &&
	for f in $want; do
		grep -qx "$f" list || { echo "missing $f"; return 1; }
	done
'

test_case 'the package puts nothing outside its places' '
	dpkg -L union-tools >list &&
	grep -v -e "^/\.$" -e "^/usr$" -e "^/usr/bin" -e "^/usr/libexec" \
	    -e "^/usr/share$" -e "^/usr/share/man" \
	    -e "^/usr/share/doc$" -e "^/usr/share/doc/union-tools" \
	    -e "^/usr/share/bash-completion" -e "^/usr/share/zsh" list >stray;
	test ! -s stray || { cat stray; return 1; }
'

test_case 'every listed file is on disk, binaries executable' '
	dpkg -L union-tools >list &&
	while read -r f; do
		test -e "$f" || { echo "listed, not on disk: $f"; return 1; }
	done <list &&
	for t in "$TOP"/cmd/union-*; do
		test -x "/usr/bin/${t##*/}" || return 1
	done
'

test_case 'the man pages are found by man, or at least installed' '
	if command -v man >/dev/null; then
		man -w union-stats >got &&
		test_cmp_text got /usr/share/man/man1/union-stats.1.gz &&
		man union-stats 2>err | grep -q "union-stats" && test ! -s err
	else
		test -s /usr/share/man/man1/union-stats.1.gz
	fi &&
	gzip -dc /usr/share/man/man5/union-files.5.gz | grep -q "^\.Dt UNION-FILES 5"
'

test_case '--version of every installed tool' '
	v=$(sed -n "s/^VERSION *= *//p" "$TOP/config.mk") &&
	for t in union-enroll union-aid union-stats union-audit; do
		/usr/bin/$t --version >got &&
		grep -q " $v\$" got || { cat got; return 1; }
	done
'

test_case 'the installed union-audit finds the bundled sample clean' '
	cp -R "$TOP/data/sample" d &&
	test_status 0 /usr/bin/union-audit -D d --as-of 2026-06-30 >out 2>err &&
	test_cmp_text out "severity,check,file,line,key,message" &&
	test_grep "^union-audit: 0 errors, 0 warnings$" err
'

# data/sample is gen-sample --seed 1: 275 active and 9 retained members.
test_case 'the installed union-nightly-audit: a clean night is silent' '
	cp -R "$TOP/data/sample" d &&
	test_status 0 /usr/bin/union-nightly-audit -D d --as-of 2026-06-30 \
	    >out 2>err &&
	test ! -s out && test ! -s err &&
	test -f d/archives/2026-06-30/manifest.csv
'

test_case 'the installed bash completion offers the commands' '
	bash -c ". /usr/share/bash-completion/completions/union-stats &&
	    COMP_WORDS=(union-stats me) COMP_CWORD=1 &&
	    COMP_LINE=\"union-stats me\" COMP_POINT=14 &&
	    _union_tools union-stats me union-stats &&
	    printf \"%s\\n\" \"\${COMPREPLY[@]}\"" >got &&
	sort got >sorted &&
	printf "%s\n" members merge >expect &&
	test_cmp expect sorted
'

test_case 'the installed union-stats counts the sample members' '
	cp -R "$TOP/data/sample" d &&
	test_status 0 /usr/bin/union-stats members -D d >out 2>err &&
	test_cmp_text out "members
284" && test ! -s err
'

test_case 'the installed union-enroll checks a row and refuses a bad one' '
	cp -R "$TOP/data/sample" d &&
	head -n 1 d/members.csv >in.csv &&
	sed -n 2p d/members.csv | sed "s/^[^,]*,/,/" >>in.csv &&
	test_status 1 /usr/bin/union-enroll -D d check --as-of 2026-06-30 in.csv \
	    >out 2>err &&
	test_cmp_text err "union-enroll: in.csv:2: id_number: already has an active membership: M00000001"
'

test_done
