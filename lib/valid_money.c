/*
 * valid_money.c - money as exact integer fen (1 yuan = 100 fen).
 *
 * Amounts in the data files are never negative and never in floating
 * point: "1234", "1234.5" and "1234.50" all parse to 123450 fen, and
 * are written back as "1234.50".
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "valid.h"

/* The largest whole-yuan part that MONEY_MAX allows. */
#define YUAN_MAX (MONEY_MAX / 100)

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* fullwidth_digit: s[0..n) starts with U+FF10..U+FF19 (０..９). */
static int
fullwidth_digit(const unsigned char *s, size_t n)
{
	return n >= 3 && s[0] == 0xEF && s[1] == 0xBC &&
	    s[2] >= 0x90 && s[2] <= 0x99;
}

/*
 * bad_char: the reason a character that is neither a digit nor '.'
 * cannot be in an amount.
 */
static const char *
bad_char(const unsigned char *s, size_t n, size_t i)
{
	switch (s[i]) {
	case '-':
	case '+':
		if (i == 0)
			return "sign not allowed: amounts are never negative";
		break;
	case 'e':
	case 'E':
		if (i > 0)
			return "exponent not allowed in an amount";
		break;
	case ',':
		return "grouping comma not allowed in an amount";
	case ' ':
	case '\t':
		return "space not allowed in an amount";
	}
	if (fullwidth_digit(s + i, n - i))
		return "full-width digit not allowed in an amount";
	return "not an amount: only digits and one decimal point";
}

/*
 * money_parse: ASCII digits with at most one '.', at least one digit
 * on each side of it ("12." and ".5" are refused: an exported figure
 * always has both), at most two decimals, leading zeros allowed, at
 * most MONEY_MAX fen.  Sets *fen and returns 0; or returns -1 with *why
 * a static message: "amount is empty", "sign not allowed: amounts are
 * never negative", "exponent not allowed in an amount", "more than two
 * decimals", "full-width digit not allowed in an amount", "grouping
 * comma not allowed in an amount", "space not allowed in an amount",
 * "no digit before the decimal point", "no digit after the decimal
 * point", "more than one decimal point", "amount above the maximum
 * 999999999999.99", "not an amount: only digits and one decimal point".
 */
int
money_parse(const char *s, size_t n, int64_t *fen, const char **why)
{
	const unsigned char *u = (const unsigned char *)s;
	int64_t yuan = 0, cents = 0;
	size_t i, dot = n, ndec;

	if (n == 0) {
		*why = "amount is empty";
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (is_digit(u[i]))
			continue;
		if (u[i] != '.') {
			*why = bad_char(u, n, i);
			return -1;
		}
		if (dot != n) {
			*why = "more than one decimal point";
			return -1;
		}
		dot = i;
	}
	if (dot == 0) {
		*why = "no digit before the decimal point";
		return -1;
	}
	ndec = dot == n ? 0 : n - dot - 1;
	if (dot == n - 1) {
		*why = "no digit after the decimal point";
		return -1;
	}
	if (ndec > 2) {
		*why = "more than two decimals";
		return -1;
	}
	for (i = 0; i < dot; i++) {
		yuan = yuan * 10 + (u[i] - '0');
		if (yuan > YUAN_MAX) {
			*why = "amount above the maximum 999999999999.99";
			return -1;
		}
	}
	for (i = 0; i < 2; i++)
		cents = cents * 10 + (i < ndec ? u[dot + 1 + i] - '0' : 0);
	*fen = yuan * 100 + cents;
	return 0;
}

/*
 * money_fmt: fen as yuan with exactly two decimals ("0.05", "1234.50",
 * "-3.00"); any int64_t, INT64_MIN included.  Returns out.
 */
char *
money_fmt(int64_t fen, char out[MONEY_BUFSZ])
{
	uint64_t mag = fen < 0 ? -(uint64_t)fen : (uint64_t)fen;

	snprintf(out, MONEY_BUFSZ, "%s%" PRIu64 ".%02" PRIu64,
	    fen < 0 ? "-" : "", mag / 100, mag % 100);
	return out;
}

/*
 * money_add: *sum += v, exactly.  Returns 0, or -1 leaving *sum unchanged
 * when the result would not fit in int64_t (totals may exceed MONEY_MAX:
 * six million wages do).
 */
int
money_add(int64_t *sum, int64_t v)
{
	if ((v > 0 && *sum > INT64_MAX - v) || (v < 0 && *sum < INT64_MIN - v))
		return -1;
	*sum += v;
	return 0;
}

/*
 * dues_of: monthly dues, 0.5% of the wage after the part under 10 yuan
 * is left out: 5678.90 -> 5670.00 -> 28.35.  No rounding is ever needed:
 * 0.5% of a multiple of 1000 fen is a multiple of 5 fen.  A negative
 * wage (never parsed by money_parse) gives 0.
 */
int64_t
dues_of(int64_t wage_fen)
{
	if (wage_fen <= 0)
		return 0;
	return wage_fen / 1000 * 5;
}
