# union tools version
VERSION = 0.1.0

# paths
PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man

# toolchain and flags
CC = cc
CSTD = -std=c11
WARN = -Wall -Wextra -Wpedantic
OPT = -O2 -g
CPPFLAGS = -D_XOPEN_SOURCE=700 -DUNION_VERSION=\"$(VERSION)\" -Ilib
CFLAGS = $(CSTD) $(WARN) $(OPT)
LDFLAGS =
LDLIBS = -lcsv -lpcre2-8 -lz -lcrypto -lpthread
