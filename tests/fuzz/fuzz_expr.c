/*
 * fuzz_expr.c - the --where conditions of union-stats (expr.c) and its
 * exact numbers and natural order (num.c).
 *
 * The input's first line is a condition, the rest a CSV table.  A
 * condition cond_parse refuses is a usage error, which exits: here
 * usage_error jumps back instead.  When the column exists, the same
 * column and literal are also tried with every other comparison, and
 * for each row:
 *  - != is the negation of =;
 *  - <= is < or =, >= is > or =, and never both < and >;
 *  - two conditions ANDed or ORed (--any) match as && and || of each.
 * Each value's natural order is antisymmetric and transitive over
 * consecutive rows, and a value dec_parse reads formats back to the
 * same number.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../../cmd/union-stats/stats.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LSAN_ON 1
#endif
#elif defined(__SANITIZE_ADDRESS__)
#define LSAN_ON 1
#endif
#ifdef LSAN_ON
#include <sanitizer/lsan_interface.h>
#endif

static jmp_buf refused;

/* A refused condition leaves cond_parse's memory to the exit that is
   not taken: LeakSanitizer is told to ignore it. */
_Noreturn void
usage_error(const char *fmt, ...)
{
	(void)fmt;
	longjmp(refused, 1);
}

static struct cond *
parse(const char *expr)
{
	struct cond *volatile c = NULL;

#ifdef LSAN_ON
	__lsan_disable();
#endif
	if (setjmp(refused) == 0)
		c = cond_parse(expr);
#ifdef LSAN_ON
	__lsan_enable();
#endif
	return c;
}

enum { EQ, NE, LT, LE, GT, GE, NOPS };
static const char *const ops[NOPS] = { "=", "!=", "<", "<=", ">", ">=" };

struct sibs {
	struct cond *c[NOPS];
	struct filter *f[NOPS];
	struct cond *pair[2];		/* the condition, and <= */
	struct filter *both, *either;
};

/* siblings: col OP lit for every OP, bound to t; 0 when not all can be. */
static int
siblings(struct sibs *s, const char *expr, const struct table *t)
{
	size_t at = strcspn(expr, "=!<>~"), i;
	const char *lit;
	char *e;

	memset(s, 0, sizeof(*s));
	if (at == 0 || expr[at] == '\0')
		return 0;
	lit = expr + at + strspn(expr + at, "=!<>");
	if (expr[at] == '~' || *lit == '\0')
		return 0;
	for (i = 0; i < NOPS; i++) {
		e = xasprintf("%.*s%s%s", (int)at, expr, ops[i], lit);
		s->c[i] = parse(e);
		free(e);
		if (s->c[i] == NULL)
			return 0;
		if ((s->f[i] = filter_bind(&s->c[i], 1, 0, t)) == NULL)
			return 0;
	}
	return 1;
}

static void
siblings_free(struct sibs *s)
{
	size_t i;

	for (i = 0; i < NOPS; i++) {
		filter_free(s->f[i]);
		cond_free(s->c[i]);
	}
	filter_free(s->both);
	filter_free(s->either);
}

static void
check_ops(struct sibs *s, const struct field *row, int orig)
{
	int m[NOPS];
	size_t i;

	for (i = 0; i < NOPS; i++)
		m[i] = filter_match(s->f[i], row);
	FUZZ_CHECK(m[NE] == !m[EQ]);
	FUZZ_CHECK(!(m[LT] && m[GT]));
	FUZZ_CHECK(m[LE] == (m[LT] || m[EQ]));
	FUZZ_CHECK(m[GE] == (m[GT] || m[EQ]));
	FUZZ_CHECK(m[LT] + m[GE] == m[LE] + m[GT]);
	FUZZ_CHECK(filter_match(s->both, row) == (orig && m[LE]));
	FUZZ_CHECK(filter_match(s->either, row) == (orig || m[LE]));
}

static int
sign(int c)
{
	return (c > 0) - (c < 0);
}

/* check_order: natcmp over this value and the two before it. */
static void
check_order(struct buf *prev, const struct field *v)
{
	struct dec d, again;
	char out[32];
	const char *a = buf_cstr(&prev[0]), *b = buf_cstr(&prev[1]);
	size_t an = prev[0].len, bn = prev[1].len;
	int ab, bc, ac;

	if (dec_parse(v->s, v->len, &d) == 0) {
		dec_fmt(d.m, d.s, out);
		FUZZ_CHECK(dec_parse(out, strlen(out), &again) == 0);
		FUZZ_CHECK(again.m == d.m && again.s == d.s);
		FUZZ_CHECK(dec_cmp(d, again) == 0);
	}
	FUZZ_CHECK(natcmp(v->s, v->len, v->s, v->len) == 0);
	ab = sign(natcmp(a, an, b, bn));
	bc = sign(natcmp(b, bn, v->s, v->len));
	ac = sign(natcmp(a, an, v->s, v->len));
	FUZZ_CHECK(ab == -sign(natcmp(b, bn, a, an)));
	if (ab <= 0 && bc <= 0)
		FUZZ_CHECK(ac <= 0 && (ac < 0 || (ab == 0 && bc == 0)));
	if (ab >= 0 && bc >= 0)
		FUZZ_CHECK(ac >= 0 && (ac > 0 || (ab == 0 && bc == 0)));
	buf_reset(&prev[0]);
	buf_add(&prev[0], b, bn);
	buf_reset(&prev[1]);
	buf_add(&prev[1], v->s, v->len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	struct buf prev[2] = { {0}, {0} };
	struct sibs s;
	struct cond *c;
	struct filter *f;
	struct table *t;
	const struct field *row;
	char *expr;
	int have, m, r;

	fuzz_setup();
	if (size > 16 * 1024)
		return 0;
	expr = fuzz_line(&data, &size);
	c = parse(expr);
	if (c == NULL || (t = tbl_open_fd(fuzz_fd(data, size), "in.csv",
	    &o)) == NULL) {
		cond_free(c);
		free(expr);
		return 0;
	}
	f = filter_bind(&c, 1, 0, t);
	have = f != NULL && siblings(&s, expr, t);
	if (have) {
		s.pair[0] = c;
		s.pair[1] = s.c[LE];
		s.both = filter_bind(s.pair, 2, 0, t);
		s.either = filter_bind(s.pair, 2, 1, t);
	}
	while ((r = tbl_next(t)) != TBL_EOF && r != TBL_FATAL) {
		if (r != TBL_ROW)
			continue;
		row = tbl_fields(t);
		check_order(prev, &row[0]);
		if (f == NULL)
			continue;
		m = filter_match(f, row);
		if (have)
			check_ops(&s, row, m);
	}
	if (have || f != NULL)
		siblings_free(&s);
	filter_free(f);
	tbl_close(t);
	cond_free(c);
	free(expr);
	buf_free(&prev[0]);
	buf_free(&prev[1]);
	return 0;
}
