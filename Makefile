# union tools: four commands over one core library.
#
#   make                  build bin/union-{enroll,aid,stats,audit}
#   make check            unit and end-to-end tests
#   make check-sanitize   the same tests under ASan and UBSan
#   make check-hard       hostile input, write failures, privacy, valgrind
#   make fuzz             libFuzzer targets for FUZZTIME seconds each (clang)
#   make install          binaries, man pages, completion, nightly-audit
#   make deb              the Debian package (dpkg-buildpackage)
#
# Each tool is the set of .c files in cmd/TOOL/; the library is lib/*.c.

include config.mk

B = build
BINDIR = bin
TOOLS = $(notdir $(wildcard cmd/union-*))
BINS = $(TOOLS:%=$(BINDIR)/%)

LIBSRC = $(wildcard lib/*.c)
LIBOBJ = $(LIBSRC:%.c=$(B)/%.o)
LIBA = $(B)/libunion.a
HDR = $(wildcard lib/*.h)

UNITSRC = $(wildcard tests/unit/test_*.c)
UNITBIN = $(UNITSRC:tests/unit/%.c=$(B)/tests/%)

HELPERS = $(if $(wildcard scripts/gen-sample.c),$(B)/gen-sample) \
	$(if $(wildcard tests/fault/fault.c),$(B)/fault.so) \
	$(if $(wildcard tests/bench/readbench.c),$(B)/readbench)

all: $(BINS) $(HELPERS)

$(B)/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIBA): $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

# One link rule per tool: its objects are the .c files of cmd/TOOL/, and
# they also depend on the tool's private headers.
define tool_rule
$(1)_OBJ = $$(patsubst %.c,$$(B)/%.o,$$(wildcard cmd/$(1)/*.c))
$$(BINDIR)/$(1): $$($(1)_OBJ) $$(LIBA)
	@mkdir -p $$(BINDIR)
	$$(CC) $$(CFLAGS) $$(LDFLAGS) -o $$@ $$($(1)_OBJ) $$(LIBA) $$(LDLIBS)
$$($(1)_OBJ): $$(wildcard cmd/$(1)/*.h)
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

$(B)/tests/%: $(B)/tests/unit/%.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

$(B)/gen-sample: $(B)/scripts/gen-sample.o $(LIBA)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

# The table reader's benchmark (tests/bench/README).
$(B)/readbench: $(B)/tests/bench/readbench.o $(LIBA)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

# A small preloadable library that makes write/fsync/rename fail at the
# N-th call, for the fault-injection tests.
$(B)/fault.so: tests/fault/fault.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -D_GNU_SOURCE $(CFLAGS) -fPIC -shared -o $@ $< -ldl

check: all $(UNITBIN)
	@sh tests/run-unit.sh $(B)/tests
	@sh tests/run-e2e.sh $(abspath $(BINDIR)) $(abspath $(B))

# The same tests with AddressSanitizer and UndefinedBehaviorSanitizer, in
# a build tree of their own.
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-sanitize:
	$(MAKE) B=build-san BINDIR=build-san/bin OPT="$(SANFLAGS)" LDFLAGS="$(SANFLAGS)" san-check

san-check: $(BINS) $(HELPERS) $(UNITBIN)
	@ASAN_OPTIONS=detect_leaks=1 sh tests/run-unit.sh $(B)/tests
	@ASAN_OPTIONS=detect_leaks=0 sh tests/run-e2e.sh $(abspath $(BINDIR)) $(abspath $(B))

# Hostile input, failing writes, privacy and valgrind (tests/hard/).
check-hard: all
	@sh tests/run-hard.sh $(abspath $(BINDIR)) $(abspath $(B))

# Fuzzing: tests/fuzz/fuzz_*.c, each linked with libFuzzer, ASan and
# UBSan against a library built the same way in build-fuzz/.
FUZZTIME = 60
FUZZFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FUZZSRC = $(wildcard tests/fuzz/fuzz_*.c)
fuzz:
	$(MAKE) CC=clang B=build-fuzz BINDIR=build-fuzz/bin OPT="$(FUZZFLAGS)" fuzz-run

fuzz-build: $(FUZZSRC:tests/fuzz/%.c=$(B)/fuzz/%)

fuzz-run: fuzz-build
	@sh tests/fuzz/run.sh $(B)/fuzz $(FUZZTIME)

$(B)/fuzz/%: $(B)/tests/fuzz/%.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(LIBA) $(LDLIBS)

# Debian package, built from a clean export of the tree (debian/).
deb:
	sh scripts/build-deb

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man7
	cp -f $(BINS) $(DESTDIR)$(PREFIX)/bin/
	for m in man/*.1; do [ -f "$$m" ] && cp -f "$$m" $(DESTDIR)$(MANPREFIX)/man1/; done; true
	for m in man/*.5; do [ -f "$$m" ] && cp -f "$$m" $(DESTDIR)$(MANPREFIX)/man5/; done; true
	for m in man/*.7; do [ -f "$$m" ] && cp -f "$$m" $(DESTDIR)$(MANPREFIX)/man7/; done; true

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(PREFIX)/bin/$$t $(DESTDIR)$(MANPREFIX)/man1/$$t.1; done
	rm -f $(DESTDIR)$(MANPREFIX)/man5/union-files.5 $(DESTDIR)$(MANPREFIX)/man7/union-tools.7

clean:
	rm -rf build build-san build-fuzz bin

.PHONY: all check check-sanitize san-check check-hard fuzz fuzz-build fuzz-run deb install uninstall clean
.PRECIOUS: $(B)/%.o
