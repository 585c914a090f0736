/*
 * diag.c - messages on standard error, exit codes, progress.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"

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
	fflush(stdout);
	(void)!write(STDERR_FILENO, msg, n);
	errno = saved;
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

/* progress state: shown only on a terminal */
static int prog_tty = -1;
static struct timespec prog_start, prog_last;
static int prog_shown;

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void
progress(const char *what, unsigned long long done)
{
	struct timespec now;
	double el;

	if (prog_tty < 0)
		prog_tty = isatty(STDERR_FILENO);
	if (!prog_tty || quiet)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (prog_start.tv_sec == 0 && prog_start.tv_nsec == 0) {
		prog_start = prog_last = now;
		return;
	}
	if (since(&prog_last, &now) < 0.25)
		return;
	prog_last = now;
	el = since(&prog_start, &now);
	fprintf(stderr, "\r%s: %llu %s, %.0f/s, %.1fs ", prog, done, what,
	    el > 0 ? (double)done / el : 0.0, el);
	prog_shown = 1;
}

void
progress_end(void)
{
	if (prog_shown)
		fputs("\r\033[K", stderr);
	prog_shown = 0;
	prog_start.tv_sec = prog_start.tv_nsec = 0;
}
