/*
 * expr.c - the conditions of --where: COL=VALUE, COL!=VALUE, COL<V,
 * COL<=V, COL>V, COL>=V, COL~REGEX, and COL= (empty).
 *
 * The literal decides how values compare.  A date (YYYY-MM-DD) compares
 * dates, a number compares numbers exactly, anything else compares text
 * byte by byte.  For < <= > >= a value that is not of the literal's kind
 * (an empty one included) does not match.  = and != compare numbers as
 * numbers when both sides are numbers ("5000" = "5000.00"), else text.
 * A regex is PCRE2, UTF-8 aware, compiled once (JIT when available),
 * and matches anywhere in the value unless anchored.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

enum cmpop { C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE, C_RE };

enum litkind { L_TEXT, L_NUM, L_DATE };

struct cond {
	char	*expr;		/* as written, for messages */
	char	*col;		/* column name */
	enum cmpop op;
	char	*lit;		/* the literal, NUL-terminated */
	size_t	 litlen;
	enum litkind kind;
	struct dec num;		/* L_NUM */
	int32_t	 date;		/* L_DATE */
	pcre2_code *re;		/* C_RE */
};

struct bound {
	const struct cond *c;
	int	 col;		/* in the table */
	pcre2_match_data *md;	/* C_RE: this thread's */
};

struct filter {
	size_t	 n;
	int	 any;
	struct bound b[];
};

static const struct {
	const char *s;
	enum cmpop op;
} optab[] = {		/* longest first */
	{ "!=", C_NE }, { "<=", C_LE }, { ">=", C_GE },
	{ "=", C_EQ }, { "<", C_LT }, { ">", C_GT }, { "~", C_RE }
};

static _Noreturn void
bad_expr(const char *expr)
{
	usage_error("bad expression '%s': expected COL=VALUE, COL!=VALUE, "
	    "COL<V, COL<=V, COL>V, COL>=V or COL~REGEX", expr);
}

static void
compile_regex(struct cond *c)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int err;

	c->re = pcre2_compile((PCRE2_SPTR)c->lit, c->litlen,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
	if (c->re == NULL) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		usage_error("bad regular expression in '%s': %s at offset %zu",
		    c->expr, (char *)msg, (size_t)off);
	}
	(void)pcre2_jit_compile(c->re, PCRE2_JIT_COMPLETE);
}

static void
classify_literal(struct cond *c)
{
	const char *why;

	if (c->litlen == 10 && date_parse(c->lit, c->litlen, &c->date,
	    &why) == 0)
		c->kind = L_DATE;
	else if (dec_parse(c->lit, c->litlen, &c->num) == 0)
		c->kind = L_NUM;
	else
		c->kind = L_TEXT;
}

struct cond *
cond_parse(const char *expr)
{
	struct cond *c = xcalloc(1, sizeof(*c));
	size_t at = strcspn(expr, "=!<>~"), i;

	if (at == 0 || expr[at] == '\0')
		bad_expr(expr);
	for (i = 0; i < NELEM(optab); i++)
		if (strncmp(expr + at, optab[i].s, strlen(optab[i].s)) == 0)
			break;
	if (i == NELEM(optab))
		bad_expr(expr);
	c->expr = xstrdup(expr);
	c->col = xstrndup(expr, at);
	c->op = optab[i].op;
	c->lit = xstrdup(expr + at + strlen(optab[i].s));
	c->litlen = strlen(c->lit);
	if (c->litlen == 0 && c->op != C_EQ && c->op != C_NE)
		bad_expr(expr);
	if (c->op == C_RE)
		compile_regex(c);
	else
		classify_literal(c);
	return c;
}

void
cond_free(struct cond *c)
{
	if (c == NULL)
		return;
	pcre2_code_free(c->re);
	free(c->expr);
	free(c->col);
	free(c->lit);
	free(c);
}

struct filter *
filter_bind(struct cond *const *c, size_t n, int any, const struct table *t)
{
	struct filter *f = xcalloc(1, sizeof(*f) + n * sizeof(f->b[0]));
	size_t i;

	f->n = n;
	f->any = any;
	for (i = 0; i < n; i++) {
		f->b[i].c = c[i];
		f->b[i].col = tbl_col(t, c[i]->col);
		if (f->b[i].col < 0) {
			warn_at(tbl_name(t), 1, c[i]->col, "no such column");
			filter_free(f);
			return NULL;
		}
		if (c[i]->re)
			f->b[i].md = pcre2_match_data_create_from_pattern(
			    c[i]->re, NULL);
	}
	return f;
}

void
filter_free(struct filter *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		pcre2_match_data_free(f->b[i].md);
	free(f);
}

static int
textcmp(const struct field *v, const struct cond *c)
{
	size_t n = v->len < c->litlen ? v->len : c->litlen;
	int r = memcmp(v->s, c->lit, n);

	if (r != 0)
		return r;
	return v->len < c->litlen ? -1 : v->len > c->litlen;
}

/* ordered: the comparison of v with the literal; 0 with *ok = 0 when
   v is not of the literal's kind */
static int
ordered(const struct field *v, const struct cond *c, int *ok)
{
	struct dec d;
	int32_t day;
	const char *why;

	*ok = 1;
	switch (c->kind) {
	case L_DATE:
		if (date_parse(v->s, v->len, &day, &why) != 0)
			break;
		return day < c->date ? -1 : day > c->date;
	case L_NUM:
		if (dec_parse(v->s, v->len, &d) != 0)
			break;
		return dec_cmp(d, c->num);
	case L_TEXT:
		return textcmp(v, c);
	}
	*ok = 0;
	return 0;
}

static int
equal(const struct field *v, const struct cond *c)
{
	struct dec d;

	if (c->kind == L_NUM && dec_parse(v->s, v->len, &d) == 0)
		return dec_cmp(d, c->num) == 0;
	return v->len == c->litlen && same_bytes(v->s, c->lit, v->len);
}

static int
test(const struct bound *b, const struct field *row)
{
	const struct field *v = &row[b->col];
	const struct cond *c = b->c;
	int r, ok;

	switch (c->op) {
	case C_EQ:
		return equal(v, c);
	case C_NE:
		return !equal(v, c);
	case C_RE:
		return pcre2_match(c->re, (PCRE2_SPTR)v->s, v->len, 0, 0,
		    b->md, NULL) >= 0;
	default:
		break;
	}
	r = ordered(v, c, &ok);
	if (!ok)
		return 0;
	switch (c->op) {
	case C_LT:
		return r < 0;
	case C_LE:
		return r <= 0;
	case C_GT:
		return r > 0;
	default:
		return r >= 0;
	}
}

int
filter_match(struct filter *f, const struct field *row)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (test(&f->b[i], row) == f->any)
			return f->any;
	return f->n == 0 || !f->any;
}

void
split_columns(const char *list, char ***names, size_t *n)
{
	const char *p = list, *comma;
	size_t len;

	do {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0)
			usage_error("empty column name in '%s'", list);
		*names = xreallocarray(*names, *n + 1, sizeof(**names));
		(*names)[(*n)++] = xstrndup(p, len);
		p = comma + 1;
	} while (comma);
}
