/*
 * num.c - exact decimal numbers for sums, means, quantiles and
 * comparisons, and the natural order used to sort keys and values.
 *
 * A number is a 64-bit mantissa and a count of decimals: "1234.50" is
 * 123450 at scale 2.  Nothing here goes through floating point.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static const int64_t pow10tab[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, INT64_C(10000000000), INT64_C(100000000000),
	INT64_C(1000000000000), INT64_C(10000000000000),
	INT64_C(100000000000000), INT64_C(1000000000000000),
	INT64_C(10000000000000000), INT64_C(100000000000000000),
	INT64_C(1000000000000000000)
};

/* take_digits: the digits at *p (up to end) onto *m, which may wrap:
   the caller counts them; returns how many */
static size_t
take_digits(const char **p, const char *end, uint64_t *m)
{
	const char *s = *p;
	uint64_t v = *m;
	unsigned c;

	while (s < end && (c = (unsigned)(unsigned char)*s - '0') <= 9) {
		v = v * 10 + c;
		s++;
	}
	*m = v;
	c = (unsigned)(s - *p);
	*p = s;
	return c;
}

/*
 * The digits are taken in tight loops, the integer part and then the
 * decimals, with no test per digit but its own; zeros before the first
 * significant digit are skipped apart, as they do not count toward the
 * 18 digits.
 */
int
dec_parse(const char *s, size_t n, struct dec *d)
{
	const char *end = s + n, *f;
	uint64_t m = 0;
	size_t nint, nfrac = 0, zeros = 0;
	int neg = 0;

	/* at least one digit, and a point must have a digit after it */
	if (n == 0 || end[-1] < '0' || end[-1] > '9')
		return -1;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	while (s < end && *s == '0')
		s++;
	nint = take_digits(&s, end, &m);
	if (s < end && *s == '.') {
		f = ++s;
		if (nint == 0)
			while (s < end && *s == '0')
				s++;
		zeros = (size_t)(s - f);
		nfrac = zeros + take_digits(&s, end, &m);
	}
	if (s != end || nint + nfrac - zeros > 18 || nfrac > DEC_MAXSCALE)
		return -1;
	d->m = neg ? -(int64_t)m : (int64_t)m;
	d->s = (int)nfrac;
	return 0;
}

int
dec_rescale(int64_t *m, int from, int to)
{
	int64_t f;

	if (to == from)
		return 0;
	f = pow10tab[to - from];
	if (*m > INT64_MAX / f || *m < -INT64_MAX / f)
		return -1;
	*m *= f;
	return 0;
}

int
dec_cmp(struct dec a, struct dec b)
{
	int64_t ai, bi, af, bf;

	if (a.s == b.s)		/* the usual case, with no division */
		return a.m < b.m ? -1 : a.m > b.m;
	ai = a.m / pow10tab[a.s];
	bi = b.m / pow10tab[b.s];
	if (ai != bi)
		return ai < bi ? -1 : 1;
	/* equal whole parts: compare the decimals at scale 9 */
	af = (a.m % pow10tab[a.s]) * pow10tab[DEC_MAXSCALE - a.s];
	bf = (b.m % pow10tab[b.s]) * pow10tab[DEC_MAXSCALE - b.s];
	return af < bf ? -1 : af > bf;
}

char *
dec_fmt(int64_t m, int s, char out[32])
{
	uint64_t u = m < 0 ? -(uint64_t)m : (uint64_t)m;
	uint64_t p = (uint64_t)pow10tab[s];

	if (s == 0)
		snprintf(out, 32, "%s%llu", m < 0 ? "-" : "",
		    (unsigned long long)u);
	else
		snprintf(out, 32, "%s%llu.%0*llu", m < 0 ? "-" : "",
		    (unsigned long long)(u / p), s,
		    (unsigned long long)(u % p));
	return out;
}

char *
dec_div(int64_t num, int s, int64_t den, int outs, char out[40])
{
	uint64_t u = num < 0 ? -(uint64_t)num : (uint64_t)num;
	uint64_t d = (uint64_t)den, q = u / d, r = u % d, p;
	int i;

	/* long division, one more decimal at a time, then round */
	for (i = s; i < outs && q <= UINT64_MAX / 10 - 9; i++) {
		q = q * 10 + (r * 10) / d;
		r = (r * 10) % d;
	}
	outs = i;
	if (r >= d - r)
		q++;
	p = (uint64_t)pow10tab[outs];
	if (outs == 0)
		snprintf(out, 40, "%s%llu", num < 0 && q ? "-" : "",
		    (unsigned long long)q);
	else
		snprintf(out, 40, "%s%llu.%0*llu", num < 0 && q ? "-" : "",
		    (unsigned long long)(q / p), outs,
		    (unsigned long long)(q % p));
	return out;
}

int
natcmp(const char *a, size_t an, const char *b, size_t bn)
{
	struct dec da, db;
	int na = an > 0 && dec_parse(a, an, &da) == 0;
	int nb = bn > 0 && dec_parse(b, bn, &db) == 0;
	int c;

	if (na && nb && (c = dec_cmp(da, db)) != 0)
		return c;
	if (na != nb)
		return na ? -1 : 1;
	c = memcmp(a, b, an < bn ? an : bn);
	if (c != 0)
		return c;
	return an < bn ? -1 : an > bn;
}
