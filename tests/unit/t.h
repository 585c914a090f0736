/*
 * t.h - a tiny unit test harness.  Each tests/unit/test_*.c is its own
 * program: it defines T_MAIN's body with CHECK* calls and ends by
 * printing "N passed, N failed" (tests/run-unit.sh sums them).
 *
 *	#include "t.h"
 *	static void test_money(void) { CHECK_STR(money_fmt(5, b), "0.05"); }
 *	T_MAIN(test_money(); test_dates();)
 */
#ifndef UNION_T_H
#define UNION_T_H

#include <stdio.h>
#include <string.h>
#include "union.h"

static int t_pass, t_fail;

#define CHECK(cond) do { \
	if (cond) t_pass++; \
	else { t_fail++; fprintf(stderr, "%s:%d: FAIL: %s\n", \
	    __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ == w_) t_pass++; \
	else { t_fail++; fprintf(stderr, "%s:%d: FAIL: %s: got %lld, want %lld\n", \
	    __FILE__, __LINE__, #got, g_, w_); } \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && strcmp(g_, w_) == 0) t_pass++; \
	else { t_fail++; fprintf(stderr, "%s:%d: FAIL: %s: got \"%s\", want \"%s\"\n", \
	    __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define T_MAIN(body) \
int main(void) { \
	diag_init("unit"); \
	body \
	printf("%d passed, %d failed\n", t_pass, t_fail); \
	return t_fail != 0; \
}

#endif
