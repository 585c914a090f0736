/*
 * fuzz.h - what the fuzz targets of tests/fuzz/ share (fuzzlib.c).
 *
 * Each fuzz_NAME.c defines LLVMFuzzerTestOneInput.  It is linked either
 * with libFuzzer (make fuzz) or with replay.c, a main that feeds it the
 * files named on its command line (make check replays the kept corpus
 * and crash inputs that way, without clang).
 *
 * A target checks invariants, not only that nothing crashes: a broken
 * one is reported by FUZZ_CHECK, which prints where and aborts, so that
 * libFuzzer keeps the input and the replay fails.
 */
#ifndef UNION_FUZZ_H
#define UNION_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "union.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) \
		fuzz_fail(__FILE__, __LINE__, #cond); \
} while (0)

/* fuzz_fail: "FILE:LINE: invariant failed: COND" on standard error, then
   abort(). */
_Noreturn void fuzz_fail(const char *file, int line, const char *what);

/* fuzz_setup: once per process (each target calls it first): the
   program name for diagnostics, and a first reader buffer of 4 KiB.
   The library's own messages go to standard error; run.sh has
   libFuzzer discard them. */
void	fuzz_setup(void);
/* fuzz_break: $FUZZ_BREAK was set: a target then breaks one invariant
   on purpose, to show that the replay test would catch it. */
extern int fuzz_break;

/* fuzz_fd: a descriptor, positioned at 0, reading exactly p[0..n) (an
   anonymous in-memory file); aborts when none can be made. */
int	fuzz_fd(const void *p, size_t n);

/* fuzz_gzip: p[0..n) as gzip in fresh memory (*outlen bytes), in two
   members cut at n / 2 when twomembers. */
unsigned char *fuzz_gzip(const void *p, size_t n, int twomembers,
	    size_t *outlen);

/* fuzz_line: split off the first line of *p (without its '\n') as a
   fresh NUL-terminated string; *p and *n then describe the rest. */
char	*fuzz_line(const uint8_t **p, size_t *n);

/* fuzz_catch: standard error caught from now; fuzz_caught: what was
   written to it since (appended to b), and it is put back. */
int	fuzz_catch(void);
void	fuzz_caught(int saved, struct buf *b);

/* fuzz_scratch: a scratch data directory, made once per process and
   removed with what it holds at exit. */
const char *fuzz_scratch(void);
/* fuzz_put: fuzz_scratch()/name holds exactly p[0..n); with append, p
   is added at its end instead. */
void	fuzz_put(const char *name, const void *p, size_t n, int append);
/* fuzz_drop: fuzz_scratch()/name removed, if it is there. */
void	fuzz_drop(const char *name);

#endif
