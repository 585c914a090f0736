/*
 * common.c - small helpers every union-aid command uses: refusal
 * messages, money and date text, masking rules, the output writer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aid.h"

void
refuse(const char *file, long line, const char *column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (file != NULL)
		vwarn_at(file, line, column, fmt, ap);
	else
		vwarnmsg(fmt, ap);
	va_end(ap);
}

int
year_of(int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

const char *
fmt_money(int64_t fen)
{
	static char buf[4][MONEY_BUFSZ];
	static int k;

	k = (k + 1) % 4;
	return money_fmt(fen, buf[k]);
}

const char *
fmt_date(int32_t day)
{
	static char buf[4][11];
	static int k;

	k = (k + 1) % 4;
	return date_fmt(day, buf[k]);
}

int32_t
parse_day(const char *opt, const char *arg)
{
	const char *why;
	int32_t day;

	if (date_parse(arg, strlen(arg), &day, &why) != 0)
		usage_error("%s: '%s': %s", opt, arg, why);
	return day;
}

long
parse_count(const char *opt, const char *arg, long lo, long hi)
{
	char *end;
	long n;

	n = strtol(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || n < lo || n > hi)
		usage_error("%s: '%s': not a whole number from %ld to %ld",
		    opt, arg, lo, hi);
	return n;
}

int
parse_year(const char *opt, const char *arg)
{
	return (int)parse_count(opt, arg, 1900, 9999);
}

struct out *
out_for(const struct cli *c)
{
	return out_stdout(c->format, cli_out_flags(c));
}

struct out *
out_listing(const struct cli *c)
{
	return out_stdout(c->format, cli_out_flags(c) | OUT_MASK_ALWAYS);
}

void
sheet_out_rows(const struct sheet *sh, const struct cli *c,
    const size_t *idx, size_t n)
{
	struct out *o = out_for(c);
	size_t k;

	out_header(o, sh->ncols, (const char *const *)sh->cols);
	for (k = 0; k < n; k++)
		out_rowf(o, sh->ncols, sheet_row(sh, idx[k]));
	out_close(o);
}

void
help_exit(const char *usage)
{
	fputs(usage, stdout);
	fflush(stdout);
	exit(ferror(stdout) ? EXIT_TROUBLE : EXIT_CLEAN);
}

void
opt_bad(const char *command)
{
	warnmsg("see '%s %s --help'", diag_prog(), command);
	exit(EXIT_TROUBLE);
}

