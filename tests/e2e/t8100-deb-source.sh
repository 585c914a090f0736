#!/bin/sh
# debian/ agrees with the tree: the package's version is config.mk's,
# its build dependencies are the libraries the tools link and the
# packages scripts/install-deps installs.  (Building and installing the
# package is CI's job: .ci/run, then t8110 on the installed package.)
. "$(dirname "$0")/../lib.sh"

TOP="$TESTS/.."

test_case 'debian/changelog has the version of config.mk' '
	sed -n "s/^VERSION *= *//p" "$TOP/config.mk" >expect &&
	sed -n "1s/^union-tools (\([^)]*\)) .*/\1/p" "$TOP/debian/changelog" >got &&
	test_cmp expect got
'

# The -l flags of config.mk and the -dev packages that provide them.
test_case 'every library the tools link is a build dependency' '
	sed -n "s/^LDLIBS *= *//p" "$TOP/config.mk" | tr " " "\n" |
	    sed -n "s/^-l//p" | sort >libs &&
	cat >map <<-\EOT &&
	crypto libssl-dev
	csv libcsv-dev
	pcre2-8 libpcre2-dev
	pthread -
	z zlib1g-dev
	EOT
	join -a 1 libs map >joined &&
	awk "NF != 2 { print \"no package known for -l\" \$1; bad = 1 }
	    END { exit bad }" joined &&
	for p in $(awk "\$2 != \"-\" { print \$2 }" joined); do
		grep -q "^ *\(Build-Depends: \)\{0,1\}$p,\{0,1\}\$" \
		    "$TOP/debian/control" ||
		    { echo "debian/control lacks $p"; return 1; }
	done
'

test_case 'scripts/install-deps installs every build dependency' '
	awk "/^Build-Depends:/ { f = 1; sub(/^Build-Depends:/, \"\") }
	    /^[^ ]/ && !/^Build-Depends:/ { f = 0 } f" "$TOP/debian/control" |
	    sed "s/([^)]*)//g; s/,/ /g" | tr " " "\n" | grep -v "^$" |
	    sort -u >deps &&
	sed "s/debhelper-compat/debhelper/" deps >want &&
	sh "$TOP/scripts/install-deps" --list >have &&
	for p in $(cat want); do
		grep -qx "$p" have || { echo "install-deps lacks $p"; return 1; }
	done
'

test_case 'debian/rules is executable, the source format native' '
	test -x "$TOP/debian/rules" &&
	printf "3.0 (native)\n" >expect &&
	test_cmp expect "$TOP/debian/source/format"
'

test_case 'build-deb refuses a changelog that disagrees with config.mk' '
	mkdir t && cp -R "$TOP/scripts" "$TOP/debian" "$TOP/config.mk" t/ &&
	sed -i "1s/(\([^)]*\))/(9.9.9)/" t/debian/changelog &&
	v=$(sed -n "s/^VERSION *= *//p" t/config.mk) &&
	test_status 2 sh t/scripts/build-deb >out 2>err &&
	test_cmp_text err "build-deb: debian/changelog says 9.9.9, config.mk says $v" &&
	test ! -s out
'

test_done
