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

# The fuzz targets (see fuzz below); defined here because prerequisites
# are expanded as make reads them.
FUZZSRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZREPLAY = $(FUZZSRC:tests/fuzz/%.c=$(B)/fuzz-replay/%)

HELPERS = $(if $(wildcard scripts/gen-sample.c),$(B)/gen-sample) \
	$(if $(wildcard tests/fault/fault.c),$(B)/fault.so) \
	$(if $(wildcard tests/bench/readbench.c),$(B)/readbench) \
	$(if $(wildcard tests/fuzz/replay.c),$(FUZZREPLAY))

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
	@ASAN_OPTIONS=detect_leaks=1 sh tests/run-e2e.sh $(abspath $(BINDIR)) $(abspath $(B))

# Hostile input, failing writes, privacy and valgrind (tests/hard/).
check-hard: all
	@sh tests/run-hard.sh $(abspath $(BINDIR)) $(abspath $(B))

# Fuzzing: tests/fuzz/fuzz_*.c, each linked with libFuzzer, ASan and
# UBSan against a library built the same way in build-fuzz/
# (tests/fuzz/README).  The same targets linked with replay.c instead of
# libFuzzer are helpers of every build, so that make check (gcc, no
# libFuzzer) replays the kept corpus and crash inputs (t7100).
FUZZTIME = 60
FUZZFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FUZZLIB = $(B)/tests/fuzz/fuzzlib.o
fuzz:
	$(MAKE) CC=clang B=build-fuzz BINDIR=build-fuzz/bin OPT="$(FUZZFLAGS)" fuzz-run

fuzz-build: $(FUZZSRC:tests/fuzz/%.c=$(B)/fuzz/%)

fuzz-run: fuzz-build
	@sh tests/fuzz/run.sh $(B)/fuzz $(FUZZTIME)

$(B)/fuzz/%: $(B)/tests/fuzz/%.o $(FUZZLIB) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $(filter %.o,$^) $(LIBA) $(LDLIBS)

$(B)/fuzz-replay/%: $(B)/tests/fuzz/%.o $(B)/tests/fuzz/replay.o $(FUZZLIB) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIBA) $(LDLIBS)

# The --where target also links union-stats' expression and number code.
$(B)/fuzz/fuzz_expr $(B)/fuzz-replay/fuzz_expr: \
	$(B)/cmd/union-stats/expr.o $(B)/cmd/union-stats/num.o
$(B)/tests/fuzz/fuzz_expr.o: cmd/union-stats/stats.h
$(FUZZSRC:%.c=$(B)/%.o) $(FUZZLIB) $(B)/tests/fuzz/replay.o: tests/fuzz/fuzz.h

# Debian package, built from a clean export of the tree (debian/).
deb:
	sh scripts/build-deb

# make install [DESTDIR=...] [PREFIX=/usr/local]: the four tools and
# union-nightly-audit (scripts/nightly-audit, for cron) in PREFIX/bin;
# their pages in MANPREFIX/man1, man5 and man7; bash completion in
# bash-completion's completions/ (one file, linked under each tool's
# name, since bash-completion loads a command's file by its name); zsh
# completion in site-functions/.  make uninstall removes exactly these.
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
ZSHCOMP = _union_tools $(TOOLS:%=_%)

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man7 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	for t in $(TOOLS); do \
	    cp -f $(BINDIR)/$$t $(DESTDIR)$(PREFIX)/bin/$$t && \
	    chmod 755 $(DESTDIR)$(PREFIX)/bin/$$t && \
	    cp -f man/$$t.1 $(DESTDIR)$(MANPREFIX)/man1/$$t.1 && \
	    chmod 644 $(DESTDIR)$(MANPREFIX)/man1/$$t.1 || exit 1; \
	done
	cp -f scripts/nightly-audit $(DESTDIR)$(PREFIX)/bin/union-nightly-audit
	chmod 755 $(DESTDIR)$(PREFIX)/bin/union-nightly-audit
	cp -f man/union-files.5 $(DESTDIR)$(MANPREFIX)/man5/union-files.5
	cp -f man/union-tools.7 $(DESTDIR)$(MANPREFIX)/man7/union-tools.7
	chmod 644 $(DESTDIR)$(MANPREFIX)/man5/union-files.5 \
	    $(DESTDIR)$(MANPREFIX)/man7/union-tools.7
	cp -f completion/bash/union-tools $(DESTDIR)$(BASHCOMPDIR)/union-tools
	chmod 644 $(DESTDIR)$(BASHCOMPDIR)/union-tools
	for t in $(TOOLS); do \
	    ln -sf union-tools $(DESTDIR)$(BASHCOMPDIR)/$$t || exit 1; \
	done
	for f in $(ZSHCOMP); do \
	    cp -f completion/zsh/$$f $(DESTDIR)$(ZSHCOMPDIR)/$$f && \
	    chmod 644 $(DESTDIR)$(ZSHCOMPDIR)/$$f || exit 1; \
	done

uninstall:
	for t in $(TOOLS); do \
	    rm -f $(DESTDIR)$(PREFIX)/bin/$$t $(DESTDIR)$(MANPREFIX)/man1/$$t.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/$$t; \
	done
	rm -f $(DESTDIR)$(PREFIX)/bin/union-nightly-audit \
	    $(DESTDIR)$(MANPREFIX)/man5/union-files.5 \
	    $(DESTDIR)$(MANPREFIX)/man7/union-tools.7 \
	    $(DESTDIR)$(BASHCOMPDIR)/union-tools
	for f in $(ZSHCOMP); do rm -f $(DESTDIR)$(ZSHCOMPDIR)/$$f; done

clean:
	rm -rf build build-san build-fuzz bin

.PHONY: all check check-sanitize san-check check-hard fuzz fuzz-build fuzz-run deb install uninstall clean
.PRECIOUS: $(B)/%.o
