/*
 * common.c - small helpers every union-aid command uses: refusal
 * messages, money and date text, masking rules, the output writer, and
 * a bump allocator for tables held in memory.
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

/* Programmes whose awards tell of a person's health (PIPL art. 28). */
static const char *const health_programs[] = {
	"medical_mutual", "critical_illness", "accident", NULL
};

int
is_health_program(const char *program)
{
	return enum_index(health_programs, program, strlen(program)) >= 0;
}

const char *
mask_text(const char *s)
{
	return *s ? "***" : "";
}

struct out *
out_for(const struct cli *c)
{
	return out_stdout(c->format, c->excel ? OUT_EXCEL : 0);
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

/* ---- arena ---- */

#define CHUNK (256 * 1024)

struct chunk {
	struct chunk *next;
	size_t	 used;
	size_t	 size;
	char	 mem[];
};

struct arena {
	struct chunk *head;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t size;

	n = (n + 7) & ~(size_t)7;	/* keep every block aligned */
	if (c == NULL || c->size - c->used < n) {
		size = n > CHUNK ? n : CHUNK;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	c->used += n;
	return c->mem + c->used - n;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	return memset(arena_alloc(a, n), 0, n);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}
