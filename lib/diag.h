/*
 * diag.h - diagnostics and exit codes, the same for all four tools.
 *
 * Every message goes to standard error as
 *	union-TOOL: FILE:LINE: COLUMN: message
 * (parts that are unknown are left out).  Messages are lower case, with
 * no full stop: the problem first, then where (git's habit).
 */
#ifndef UNION_DIAG_H
#define UNION_DIAG_H

#include <stdarg.h>

enum {
	EXIT_CLEAN = 0,		/* done and clean */
	EXIT_FOUND = 1,		/* something refused or found */
	EXIT_TROUBLE = 2	/* usage error, unreadable input, I/O failure */
};

/* diag_init: remember the program name ("union-aid") for messages. */
void	diag_init(const char *progname);
const char *diag_prog(void);

/*
 * A format that ends in ':' gets ": strerror(errno)" appended, as in
 * sbase's eprintf.  die() exits with status; warnx_() just prints.
 */
_Noreturn void die(int status, const char *fmt, ...);
void	warnmsg(const char *fmt, ...);
void	vwarnmsg(const char *fmt, va_list ap);

/*
 * warn_at: "union-TOOL: FILE:LINE: COLUMN: message".  line <= 0 and
 * column NULL leave those parts out.
 */
void	warn_at(const char *file, long line, const char *column,
	    const char *fmt, ...);
void	vwarn_at(const char *file, long line, const char *column,
	    const char *fmt, va_list ap);

/*
 * diag_lines: messages already formatted, whole lines ending in '\n'
 * (a worker thread's, collected and written in order by the main
 * thread), written in writes of whole lines, a full ID number or
 * mobile in them masked unless --show-pii (pii_mask_text).
 */
void	diag_lines(const char *text, size_t n);

/* diag_quiet: --quiet silences notes (diag_note) but never errors. */
void	diag_set_quiet(int quiet);
int	diag_is_quiet(void);
void	diag_note(const char *fmt, ...);	/* informational, to stderr */

/*
 * Progress for long runs: "union-TOOL: N rows read, R rows/s, E s" on
 * standard error, only when it is a terminal and not --quiet, first
 * after UNION_PROGRESS_DELAY seconds (default 1), redrawn at most four
 * times a second.  Thread-safe.
 * progress: done so far (what: "rows"); progress_add: n more done (the
 * table reader adds every record it reads); progress_end: erase the
 * line (it comes back at the next call); it is erased at exit too.
 */
void	progress(const char *what, unsigned long long done);
void	progress_add(const char *what, unsigned long long n);
void	progress_end(void);

#endif
