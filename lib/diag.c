/*
 * diag.c - messages on standard error, exit codes, progress.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "pii_check.h"

static const char *prog = "union";
static int quiet;

void
diag_init(const char *progname)
{
	const char *slash = strrchr(progname, '/');

	prog = slash ? slash + 1 : progname;
}

const char *
diag_prog(void)
{
	return prog;
}

void
diag_set_quiet(int q)
{
	quiet = q;
}

int
diag_is_quiet(void)
{
	return quiet;
}

/*
 * emit: one whole line to standard error in a single write, so that
 * messages of concurrent processes do not interleave mid-line.
 */
static void
emit(const char *file, long line, const char *column, const char *fmt,
    va_list ap)
{
	char msg[4096];
	size_t n = 0, len;
	int saved = errno, r;

	r = snprintf(msg, sizeof(msg), "%s: ", prog);
	n = r > 0 ? (size_t)r : 0;
	if (file != NULL && n < sizeof(msg)) {
		if (line > 0)
			r = snprintf(msg + n, sizeof(msg) - n, "%s:%ld: ", file, line);
		else
			r = snprintf(msg + n, sizeof(msg) - n, "%s: ", file);
		n += r > 0 ? (size_t)r : 0;
	}
	if (column != NULL && n < sizeof(msg)) {
		r = snprintf(msg + n, sizeof(msg) - n, "%s: ", column);
		n += r > 0 ? (size_t)r : 0;
	}
	if (n < sizeof(msg)) {
		r = vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
		n += r > 0 ? (size_t)r : 0;
	}
	if (n >= sizeof(msg) - 2)
		n = sizeof(msg) - 2;
	len = strlen(fmt);
	if (len > 0 && fmt[len - 1] == ':') {
		r = snprintf(msg + n, sizeof(msg) - n, " %s", strerror(saved));
		n += r > 0 ? (size_t)r : 0;
		if (n >= sizeof(msg) - 1)
			n = sizeof(msg) - 2;
	}
	msg[n++] = '\n';
	diag_lines(msg, n);
	errno = saved;
}

/*
 * chunk_len: how much of text[0..n) goes out in one write: all of it
 * when it fits in max bytes, else whole lines (no token is cut), else
 * max bytes of one very long line.
 */
static size_t
chunk_len(const char *text, size_t n, size_t max)
{
	size_t k;

	if (n <= max)
		return n;
	for (k = max; k > 0; k--)
		if (text[k - 1] == '\n')
			return k;
	return max;
}

/*
 * diag_lines: every message goes out here.  A full ID number or mobile
 * in it (a quoted bad cell, a file name) is masked unless --show-pii,
 * then the text is searched when UNION_PII_CHECK asks (pii_check.h).
 */
void
diag_lines(const char *text, size_t n)
{
	char buf[4096];
	size_t k;

	if (n == 0)
		return;
	progress_end();
	fflush(stdout);
	for (; n > 0; text += k, n -= k) {
		k = chunk_len(text, n, sizeof(buf));
		memcpy(buf, text, k);
		if (!pii_show_on())
			pii_mask_text(buf, k);
		if (pii_check_on())
			pii_scan_text("standard error", buf, k);
		(void)!write(STDERR_FILENO, buf, k);
	}
}

void
vwarnmsg(const char *fmt, va_list ap)
{
	emit(NULL, 0, NULL, fmt, ap);
}

void
warnmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(NULL, 0, NULL, fmt, ap);
	va_end(ap);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(NULL, 0, NULL, fmt, ap);
	va_end(ap);
	exit(status);
}

void
vwarn_at(const char *file, long line, const char *column, const char *fmt,
    va_list ap)
{
	emit(file, line, column, fmt, ap);
}

void
warn_at(const char *file, long line, const char *column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(file, line, column, fmt, ap);
	va_end(ap);
}

void
diag_note(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	emit(NULL, 0, NULL, fmt, ap);
	va_end(ap);
}

/*
 * Progress: one line on standard error, redrawn in place ("\r", then
 * erase to the end of the line), only when standard error is a
 * terminal and not --quiet, first after UNION_PROGRESS_DELAY seconds
 * (default 1: a short run shows nothing), then at most four times a
 * second.  The count is the run's: the table reader adds every record
 * it reads (from any thread, hence the lock), so every command that
 * reads a big file shows it.  The line is erased before a message, before
 * output to standard output, and at exit.
 */
static pthread_mutex_t prog_lock = PTHREAD_MUTEX_INITIALIZER;
static int prog_tty = -1;
static double prog_delay = 1.0;
static struct timespec prog_start, prog_last;
static unsigned long long prog_done;
static int prog_shown, prog_started;

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* hide: erase the progress line, if it shows (prog_lock held) */
static void
hide(void)
{
	if (prog_shown)
		(void)!write(STDERR_FILENO, "\r\033[K", 4);
	prog_shown = 0;
}

static void
hide_at_exit(void)
{
	pthread_mutex_lock(&prog_lock);
	hide();
	pthread_mutex_unlock(&prog_lock);
}

/* prog_wanted: is progress shown at all?  (prog_lock held) */
static int
prog_wanted(void)
{
	const char *d;
	char *end;
	double v;

	if (prog_tty < 0) {
		prog_tty = isatty(STDERR_FILENO);
		if ((d = getenv("UNION_PROGRESS_DELAY")) != NULL &&
		    (v = strtod(d, &end)) >= 0 && end != d && *end == '\0')
			prog_delay = v;
		if (prog_tty)
			atexit(hide_at_exit);
	}
	return prog_tty && !quiet;
}

/* draw: the line, when it is time (prog_lock held) */
static void
draw(const char *what)
{
	struct timespec now;
	double el;
	char line[160];
	int n;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!prog_started) {
		prog_started = 1;
		prog_start = now;
	}
	el = since(&prog_start, &now);
	if (el < prog_delay || (prog_shown && since(&prog_last, &now) < 0.25))
		return;
	prog_last = now;
	n = snprintf(line, sizeof(line), "\r%s: %llu %s read, %.0f %s/s, "
	    "%.1f s\033[K", prog, prog_done, what, el > 0 ?
	    (double)prog_done / el : 0.0, what, el);
	if (n > 0)
		(void)!write(STDERR_FILENO, line, (size_t)n < sizeof(line) ?
		    (size_t)n : sizeof(line) - 1);
	prog_shown = 1;
}

void
progress(const char *what, unsigned long long done)
{
	pthread_mutex_lock(&prog_lock);
	if (prog_wanted()) {
		prog_done = done;
		draw(what);
	}
	pthread_mutex_unlock(&prog_lock);
}

void
progress_add(const char *what, unsigned long long n)
{
	pthread_mutex_lock(&prog_lock);
	if (prog_wanted()) {
		prog_done += n;
		draw(what);
	}
	pthread_mutex_unlock(&prog_lock);
}

void
progress_end(void)
{
	pthread_mutex_lock(&prog_lock);
	hide();
	pthread_mutex_unlock(&prog_lock);
}
