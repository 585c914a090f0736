# union tools: four commands over one core library.
#
#   make                  build bin/union-{enroll,aid,stats,audit}
#   make check            unit and end-to-end tests
#   make check-sanitize   the same tests under ASan and UBSan
#   make install          binaries, man pages, completion
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

.SECONDEXPANSION:
$(BINDIR)/%: $$(patsubst %.c,$(B)/%.o,$$(wildcard cmd/%/*.c)) $(LIBA)
	@mkdir -p $(BINDIR)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIBA) $(LDLIBS)

# union-audit's objects named explicitly: in the pattern rule above, make
# replaces every % of the prerequisites by the stem before the second
# expansion, so the patsubst there yields the .c files, not the objects.
AUDITOBJ = $(patsubst %.c,$(B)/%.o,$(wildcard cmd/union-audit/*.c))
$(BINDIR)/union-audit: $(AUDITOBJ) $(LIBA)
	@mkdir -p $(BINDIR)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(AUDITOBJ) $(LIBA) $(LDLIBS)
$(AUDITOBJ): $(wildcard cmd/union-audit/*.h)

# union-aid's objects named explicitly, for the same reason.
AIDOBJ = $(patsubst %.c,$(B)/%.o,$(wildcard cmd/union-aid/*.c))
$(BINDIR)/union-aid: $(AIDOBJ) $(LIBA)
	@mkdir -p $(BINDIR)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(AIDOBJ) $(LIBA) $(LDLIBS)

# union-enroll's objects named explicitly, for the same reason.
ENROLLOBJ = $(patsubst %.c,$(B)/%.o,$(wildcard cmd/union-enroll/*.c))
$(BINDIR)/union-enroll: $(ENROLLOBJ) $(LIBA)
	@mkdir -p $(BINDIR)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(ENROLLOBJ) $(LIBA) $(LDLIBS)

# union-stats's objects named explicitly, for the same reason.
STATSOBJ = $(patsubst %.c,$(B)/%.o,$(wildcard cmd/union-stats/*.c))
$(BINDIR)/union-stats: $(STATSOBJ) $(LIBA)
	@mkdir -p $(BINDIR)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(STATSOBJ) $(LIBA) $(LDLIBS)
$(STATSOBJ): $(wildcard cmd/union-stats/*.h)

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
	rm -rf build build-san bin

.PHONY: all check check-sanitize san-check install uninstall clean
.PRECIOUS: $(B)/%.o
