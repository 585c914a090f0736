/*
 * test_valid.c - the field validators of valid.h: dates, money, resident
 * IDs, credit codes, phones, enumerations, masks, UTF-8.  Every refusal
 * is pinned with its exact message.
 */
#include <stdint.h>
#include <stdlib.h>

#include "t.h"

/* ---- helpers: one line per case ---- */

#define DATE_OK(s, want) do { \
	int32_t d_ = INT32_MIN; const char *w_ = "(none)"; \
	CHECK_INT(date_parse(s, strlen(s), &d_, &w_), 0); \
	CHECK_INT(d_, want); \
} while (0)

#define DATE_BAD(s, msg) do { \
	int32_t d_ = 7; const char *w_ = NULL; \
	CHECK_INT(date_parse(s, strlen(s), &d_, &w_), -1); \
	CHECK_STR(w_, msg); \
	CHECK_INT(d_, 7); \
} while (0)

#define MONEY_OK(s, want) do { \
	int64_t v_ = -1; const char *w_ = "(none)"; \
	CHECK_INT(money_parse(s, strlen(s), &v_, &w_), 0); \
	CHECK_INT(v_, want); \
} while (0)

#define MONEY_BAD(s, msg) do { \
	int64_t v_ = 7; const char *w_ = NULL; \
	CHECK_INT(money_parse(s, strlen(s), &v_, &w_), -1); \
	CHECK_STR(w_, msg); \
	CHECK_INT(v_, 7); \
} while (0)

#define ID_BAD(s, msg) do { \
	struct idinfo i_; const char *w_ = NULL; \
	CHECK_INT(id_parse(s, strlen(s), &i_, &w_), -1); \
	CHECK_STR(w_, msg); \
} while (0)

#define USCC_OK(s) do { \
	int b_ = 7; const char *w_ = "(none)"; \
	CHECK_INT(uscc_check(s, strlen(s), &b_, &w_), 0); \
	CHECK_INT(b_, 0); \
} while (0)

#define USCC_BAD(s, badcheck, msg) do { \
	int b_ = 7; const char *w_ = NULL; \
	CHECK_INT(uscc_check(s, strlen(s), &b_, &w_), -1); \
	CHECK_INT(b_, badcheck); \
	CHECK_STR(w_, msg); \
} while (0)

#define PHONE_OK(s, want) do { \
	char p_[12] = ""; const char *w_ = "(none)"; \
	CHECK_INT(phone_norm(s, strlen(s), p_, &w_), 0); \
	CHECK_STR(p_, want); \
} while (0)

#define PHONE_BAD(s, msg) do { \
	char p_[12] = ""; const char *w_ = NULL; \
	CHECK_INT(phone_norm(s, strlen(s), p_, &w_), -1); \
	CHECK_STR(w_, msg); \
} while (0)

static char *
fmt_date(int32_t d)
{
	static char out[11];

	return date_fmt(d, out);
}

static int32_t
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* ---- dates ---- */

static void
test_date_parse(void)
{
	DATE_OK("1970-01-01", 0);
	DATE_OK("1970-01-02", 1);
	DATE_OK("1969-12-31", -1);
	DATE_OK("1900-01-01", -25567);
	DATE_OK("1949-12-31", -7306);
	DATE_OK("2000-03-01", 11017);
	DATE_OK("2024-02-29", 19782);
	DATE_OK("2999-12-31", 376199);

	/* leap years: every 4th, not every 100th, every 400th */
	DATE_OK("2000-02-29", 11016);
	DATE_BAD("1900-02-29", "1900-02-29 is not a calendar date");
	DATE_BAD("2100-02-29", "2100-02-29 is not a calendar date");
	DATE_BAD("2023-02-29", "2023-02-29 is not a calendar date");
	DATE_OK("2028-02-29", 21243);
	DATE_BAD("2024-02-30", "2024-02-30 is not a calendar date");
	DATE_BAD("2024-04-31", "2024-04-31 is not a calendar date");
	DATE_BAD("2024-13-01", "2024-13-01 is not a calendar date");
	DATE_BAD("2024-00-10", "2024-00-10 is not a calendar date");
	DATE_BAD("2024-01-00", "2024-01-00 is not a calendar date");
	DATE_BAD("2024-01-32", "2024-01-32 is not a calendar date");

	DATE_BAD("", "date is empty");
	DATE_BAD("2024-1-05", "not a YYYY-MM-DD date");
	DATE_BAD("2024/01/05", "not a YYYY-MM-DD date");
	DATE_BAD("20240105", "not a YYYY-MM-DD date");
	DATE_BAD(" 2024-01-05", "not a YYYY-MM-DD date");
	DATE_BAD("2024-01-05 ", "not a YYYY-MM-DD date");
	DATE_BAD("2024-01-05T00:00", "not a YYYY-MM-DD date");
	DATE_BAD("2024-+1-05", "not a YYYY-MM-DD date");
	DATE_BAD("\xef\xbc\x92" "024-01-05", "not a YYYY-MM-DD date");
	DATE_BAD("05-01-2024", "not a YYYY-MM-DD date");

	DATE_BAD("1899-12-31", "year 1899 is out of range 1900-2999");
	DATE_BAD("3000-01-01", "year 3000 is out of range 1900-2999");
	DATE_BAD("0000-01-01", "year 0 is out of range 1900-2999");

	/* counted string: only n bytes are looked at */
	{
		int32_t d = 0;
		const char *why;

		CHECK_INT(date_parse("2024-02-29junk", 10, &d, &why), 0);
		CHECK_INT(d, 19782);
	}
}

static void
test_date_convert(void)
{
	int32_t d, prev;
	int y, m, dd, bad = 0;
	const char *why;

	CHECK_INT(ymd(2023, 2, 29), INT32_MIN);
	CHECK_INT(ymd(2024, 2, 29), 19782);
	CHECK_INT(ymd(0, 1, 1), INT32_MIN);
	CHECK_INT(ymd(10000, 1, 1), INT32_MIN);
	CHECK_INT(ymd(1, 1, 1), -719162);
	CHECK_INT(ymd(9999, 12, 31), 2932896);
	CHECK_INT(ymd(2024, 6, 0), INT32_MIN);

	date_to_ymd(-25567, &y, &m, &dd);
	CHECK_INT(y * 10000 + m * 100 + dd, 19000101);
	date_to_ymd(-1, &y, &m, &dd);
	CHECK_INT(y * 10000 + m * 100 + dd, 19691231);
	date_to_ymd(19782, &y, &m, &dd);
	CHECK_INT(y * 10000 + m * 100 + dd, 20240229);

	CHECK_STR(fmt_date(0), "1970-01-01");
	CHECK_STR(fmt_date(-7306), "1949-12-31");
	CHECK_STR(fmt_date(376199), "2999-12-31");
	CHECK_STR(fmt_date(INT32_MAX), "0000-00-00");
	CHECK_STR(fmt_date(INT32_MIN), "0000-00-00");

	/* every day of the range: format, parse back, one day apart */
	prev = ymd(1899, 12, 31);
	for (d = ymd(1900, 1, 1); d <= ymd(2999, 12, 31); d++) {
		int32_t back = INT32_MIN;

		if (date_parse(fmt_date(d), 10, &back, &why) != 0 ||
		    back != d || back != prev + 1)
			bad++;
		prev = back;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(ymd(2999, 12, 31) - ymd(1900, 1, 1) + 1, 401767);

	d = date_today();
	CHECK(d > ymd(2020, 1, 1) && d < ymd(2999, 1, 1));
}

static void
test_age(void)
{
	int32_t b = ymd(1990, 5, 10);

	CHECK_INT(age_on(b, ymd(2006, 5, 9)), 15);
	CHECK_INT(age_on(b, ymd(2006, 5, 10)), 16);	/* birthday counts */
	CHECK_INT(age_on(b, ymd(2006, 5, 11)), 16);
	CHECK_INT(age_on(b, b), 0);
	CHECK_INT(age_on(b, ymd(1991, 5, 9)), 0);
	CHECK_INT(age_on(b, ymd(1991, 5, 10)), 1);
	CHECK_INT(age_on(b, ymd(1990, 5, 9)), -1);
	CHECK_INT(age_on(b, ymd(1989, 5, 10)), -1);
	CHECK_INT(age_on(b, ymd(1989, 5, 9)), -2);

	/* born on 29 February: 1 March in common years */
	b = ymd(2000, 2, 29);
	CHECK_INT(age_on(b, ymd(2001, 2, 28)), 0);
	CHECK_INT(age_on(b, ymd(2001, 3, 1)), 1);
	CHECK_INT(age_on(b, ymd(2016, 2, 28)), 15);
	CHECK_INT(age_on(b, ymd(2016, 2, 29)), 16);
	CHECK_INT(age_on(b, ymd(2015, 3, 1)), 15);
	CHECK_INT(age_on(ymd(1899, 12, 31), ymd(2000, 1, 1)), 100);
}

static void
test_add_months(void)
{
	CHECK_STR(fmt_date(date_add_months(ymd(2024, 1, 31), 1)), "2024-02-29");
	CHECK_STR(fmt_date(date_add_months(ymd(2023, 1, 31), 1)), "2023-02-28");
	CHECK_STR(fmt_date(date_add_months(ymd(2024, 3, 31), -1)), "2024-02-29");
	CHECK_STR(fmt_date(date_add_months(ymd(2024, 5, 31), 1)), "2024-06-30");
	CHECK_STR(fmt_date(date_add_months(ymd(2024, 12, 15), 1)), "2025-01-15");
	CHECK_STR(fmt_date(date_add_months(ymd(2024, 1, 15), -1)), "2023-12-15");
	CHECK_STR(fmt_date(date_add_months(ymd(2024, 2, 29), 12)), "2025-02-28");
	CHECK_STR(fmt_date(date_add_months(ymd(2024, 2, 29), 48)), "2028-02-29");
	CHECK_STR(fmt_date(date_add_months(ymd(2024, 3, 10), -25)), "2022-02-10");
	CHECK_STR(fmt_date(date_add_months(ymd(2024, 3, 10), 0)), "2024-03-10");
	CHECK_STR(fmt_date(date_add_months(ymd(1970, 1, 1), -1)), "1969-12-01");
}

/* ---- money ---- */

static void
test_money_parse(void)
{
	MONEY_OK("0", 0);
	MONEY_OK("12", 1200);
	MONEY_OK("12.3", 1230);
	MONEY_OK("12.30", 1230);
	MONEY_OK("0.05", 5);
	MONEY_OK("0.5", 50);
	MONEY_OK("1234.5", 123450);
	MONEY_OK("007", 700);
	MONEY_OK("0.00", 0);
	MONEY_OK("999999999999.99", MONEY_MAX);
	MONEY_OK("999999999999", MONEY_MAX - 99);

	MONEY_BAD("", "amount is empty");
	MONEY_BAD("-0", "sign not allowed: amounts are never negative");
	MONEY_BAD("+1", "sign not allowed: amounts are never negative");
	MONEY_BAD("-12.50", "sign not allowed: amounts are never negative");
	MONEY_BAD("1e3", "exponent not allowed in an amount");
	MONEY_BAD("1.5E2", "exponent not allowed in an amount");
	MONEY_BAD("12.345", "more than two decimals");
	MONEY_BAD("0.001", "more than two decimals");
	MONEY_BAD("\xef\xbc\x91\xef\xbc\x92",	/* １２ */
	    "full-width digit not allowed in an amount");
	MONEY_BAD("1\xef\xbc\x90", "full-width digit not allowed in an amount");
	MONEY_BAD("1,000", "grouping comma not allowed in an amount");
	MONEY_BAD("1,000.50", "grouping comma not allowed in an amount");
	MONEY_BAD("1 000", "space not allowed in an amount");
	MONEY_BAD(" 12", "space not allowed in an amount");
	MONEY_BAD("12 ", "space not allowed in an amount");
	MONEY_BAD("12\t", "space not allowed in an amount");
	MONEY_BAD("  .5", "space not allowed in an amount");
	MONEY_BAD(".5", "no digit before the decimal point");
	MONEY_BAD(".", "no digit before the decimal point");
	MONEY_BAD("12.", "no digit after the decimal point");
	MONEY_BAD("1.2.3", "more than one decimal point");
	MONEY_BAD("1000000000000", "amount above the maximum 999999999999.99");
	MONEY_BAD("99999999999999999999",
	    "amount above the maximum 999999999999.99");
	MONEY_BAD("99999999999999999999999999999999999999.5",
	    "amount above the maximum 999999999999.99");
	MONEY_BAD("12a", "not an amount: only digits and one decimal point");
	MONEY_BAD("e5", "not an amount: only digits and one decimal point");
	MONEY_BAD("1-2", "not an amount: only digits and one decimal point");
	MONEY_BAD("\xc2\xa5" "12", "not an amount: only digits and one decimal point");
	MONEY_BAD("12\xe5\x85\x83", "not an amount: only digits and one decimal point");
	MONEY_BAD("0x10", "not an amount: only digits and one decimal point");

	/* counted string */
	{
		int64_t v = 0;
		const char *why;

		CHECK_INT(money_parse("12.345", 5, &v, &why), 0);
		CHECK_INT(v, 1234);
	}
}

static void
test_money_arith(void)
{
	char b[MONEY_BUFSZ];
	int64_t a = 0, x = 0, sum = 0;
	const char *why;
	int i;

	CHECK_STR(money_fmt(0, b), "0.00");
	CHECK_STR(money_fmt(5, b), "0.05");
	CHECK_STR(money_fmt(50, b), "0.50");
	CHECK_STR(money_fmt(123450, b), "1234.50");
	CHECK_STR(money_fmt(-300, b), "-3.00");
	CHECK_STR(money_fmt(-5, b), "-0.05");
	CHECK_STR(money_fmt(MONEY_MAX, b), "999999999999.99");
	CHECK_STR(money_fmt(INT64_MAX, b), "92233720368547758.07");
	CHECK_STR(money_fmt(INT64_MIN, b), "-92233720368547758.08");
	CHECK(money_fmt(1, b) == b);

	/* 0.1 + 0.2 is 0.30, exactly */
	CHECK_INT(money_parse("0.1", 3, &a, &why), 0);
	CHECK_INT(money_parse("0.2", 3, &x, &why), 0);
	CHECK_INT(money_add(&a, x), 0);
	CHECK_INT(a, 30);
	CHECK_STR(money_fmt(a, b), "0.30");

	/* a thousand times 33.33 */
	CHECK_INT(money_parse("33.33", 5, &x, &why), 0);
	for (i = 0; i < 1000; i++)
		CHECK_INT(money_add(&sum, x), 0);
	CHECK_STR(money_fmt(sum, b), "33330.00");

	/* totals may pass MONEY_MAX; int64_t overflow is refused */
	sum = MONEY_MAX;
	CHECK_INT(money_add(&sum, MONEY_MAX), 0);
	CHECK_INT(sum, 2 * MONEY_MAX);
	sum = INT64_MAX - 1;
	CHECK_INT(money_add(&sum, 1), 0);
	CHECK_INT(sum, INT64_MAX);
	CHECK_INT(money_add(&sum, 1), -1);
	CHECK_INT(sum, INT64_MAX);
	CHECK_INT(money_add(&sum, INT64_MAX), -1);
	CHECK_INT(sum, INT64_MAX);
	sum = INT64_MIN + 1;
	CHECK_INT(money_add(&sum, -1), 0);
	CHECK_INT(money_add(&sum, -1), -1);
	CHECK_INT(sum, INT64_MIN);
	sum = 5;
	CHECK_INT(money_add(&sum, -7), 0);
	CHECK_INT(sum, -2);
}

static void
test_dues(void)
{
	char b[MONEY_BUFSZ];
	int64_t w, bad = 0;

	CHECK_STR(money_fmt(dues_of(567890), b), "28.35");	/* DESIGN.md */
	CHECK_INT(dues_of(0), 0);
	CHECK_INT(dues_of(999), 0);		/* 9.99: under 10 yuan */
	CHECK_INT(dues_of(1000), 5);		/* 10.00 -> 0.05 */
	CHECK_INT(dues_of(1999), 5);
	CHECK_INT(dues_of(2000), 10);
	CHECK_STR(money_fmt(dues_of(300000), b), "15.00");
	CHECK_STR(money_fmt(dues_of(2500000), b), "125.00");
	CHECK_STR(money_fmt(dues_of(MONEY_MAX), b), "4999999999.95");
	CHECK_INT(dues_of(-100000), 0);
	/* exactly 0.5% of the whole ten yuan, for every wage up to 100,000 */
	for (w = 0; w <= 10000000; w += 7)
		if (dues_of(w) * 200 != w / 1000 * 1000)
			bad++;
	CHECK_INT(bad, 0);
}

/* ---- resident ID ---- */

/* make_id: 17 digits plus their check character, in a static buffer. */
static const char *
make_id(const char *first17)
{
	static char id[19];

	memcpy(id, first17, 17);
	id[17] = id_checkchar(first17);
	id[18] = '\0';
	return id;
}

static void
test_id_valid(void)
{
	struct idinfo in;
	const char *why = "(none)";

	/* the example of GB 11643-1999 */
	CHECK_INT(id_checkchar("11010519491231002"), 'X');
	CHECK_INT(id_parse("11010519491231002X", 18, &in, &why), 0);
	CHECK_STR(in.norm, "11010519491231002X");
	CHECK_STR(fmt_date(in.birth), "1949-12-31");
	CHECK_INT(in.gender, 'F');
	CHECK_STR(in.area, "110105");

	/* lower-case x accepted, upper-cased */
	CHECK_INT(id_parse("11010519491231002x", 18, &in, &why), 0);
	CHECK_STR(in.norm, "11010519491231002X");

	CHECK_STR(make_id("32080319900101123"), "320803199001011237");
	CHECK_INT(id_parse("320803199001011237", 18, &in, &why), 0);
	CHECK_INT(in.gender, 'M');
	CHECK_STR(fmt_date(in.birth), "1990-01-01");
	CHECK_STR(in.area, "320803");
	CHECK_INT(id_parse("320803200803011242", 18, &in, &why), 0);
	CHECK_INT(in.gender, 'F');
	CHECK_STR(fmt_date(in.birth), "2008-03-01");
	/* 29 February of a leap year, 1 January 1900 */
	CHECK_INT(id_parse(make_id("32080320000229001"), 18, &in, &why), 0);
	CHECK_STR(fmt_date(in.birth), "2000-02-29");
	CHECK_INT(in.gender, 'M');
	CHECK_INT(id_parse(make_id("11000019000101002"), 18, NULL, &why), 0);

	CHECK_INT(id_checkchar("1101051949123100A"), 0);
}

static void
test_id_invalid(void)
{
	ID_BAD("", "must be 18 characters, found 0");
	ID_BAD("32080319900101107", "must be 18 characters, found 17");
	ID_BAD("3208031990010110700", "must be 18 characters, found 19");
	ID_BAD("320803900101123", "must be 18 characters, found 15");
	/* full-width digits count as characters, not bytes */
	ID_BAD("\xef\xbc\x93\xef\xbc\x92", "must be 18 characters, found 2");
	ID_BAD("3208A3199001011237", "character 5 is not a digit");
	ID_BAD("A20803199001011237", "character 1 is not a digit");
	ID_BAD("32080319900101123 ", "character 18 is not a digit or X");
	ID_BAD("3208031990010112X7", "character 17 is not a digit");
	ID_BAD("32080319900101123Y", "character 18 is not a digit or X");
	ID_BAD(" 20803199001011237", "character 1 is not a digit");
	ID_BAD("320803199001011073", "bad check character: expected 7, found 3");
	ID_BAD("11010519491231002Y", "character 18 is not a digit or X");
	ID_BAD("110105194912310021", "bad check character: expected X, found 1");
	ID_BAD("11010519491231003x", "bad check character: expected 8, found x");
	ID_BAD("320803199002301009", "birth date 19900230 is not a calendar date");
	ID_BAD(make_id("32080320230229001"),
	    "birth date 20230229 is not a calendar date");
	ID_BAD(make_id("32080319001301001"),
	    "birth date 19001301 is not a calendar date");
	/* the 1880 example of GB 11643-1999: too old for these files */
	ID_BAD("440524188001010014", "birth date 18800101 is before 1900");
	ID_BAD(make_id("32080318991231001"), "birth date 18991231 is before 1900");
	ID_BAD(make_id("32080330000101001"), "birth date 30000101 is after 2999");
}

/* Every single-character change of a valid ID is refused (MOD 11-2). */
static void
test_id_substitutions(void)
{
	char id[19];
	const char *why;
	int pos, c, accepted = 0, tried = 0;
	unsigned seq;

	for (seq = 0; seq < 200; seq++) {
		char first[18];

		snprintf(first, sizeof(first), "4403051985%02u%02u%03u",
		    1 + seq % 12, 1 + seq % 28, seq);
		memcpy(id, make_id(first), 19);
		CHECK_INT(id_parse(id, 18, NULL, &why), 0);
		for (pos = 0; pos < 18; pos++) {
			for (c = '0'; c <= '9' + 1; c++) {
				char save = id[pos];
				int ch = c > '9' ? 'X' : c;

				if (ch == save || (pos < 17 && ch == 'X'))
					continue;
				id[pos] = (char)ch;
				tried++;
				if (id_parse(id, 18, NULL, &why) == 0)
					accepted++;
				id[pos] = save;
			}
		}
	}
	CHECK_INT(accepted, 0);
	CHECK_INT(tried, 200 * (17 * 9 + 10));
}

/* ---- unified social credit code ---- */

static void
test_uscc(void)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char code[19];
	const char *why;
	unsigned x = 12345;
	int i, k, bad = 0;

	/* the example of GB 32100-2015, then published codes of real firms */
	USCC_OK("91350100M000100Y43");
	USCC_OK("914403001922038216");	/* Huawei Technologies Co., Ltd. */
	USCC_OK("91440300708461136T");	/* Shenzhen Tencent Computer Systems */
	USCC_OK("91330100716105852F");	/* Alibaba (China) Co., Ltd. */
	CHECK_INT(uscc_checkchar("91350100M000100Y4"), '3');
	CHECK_INT(uscc_checkchar("00000000000000000"), '0');	/* 31 -> 0 */
	USCC_OK("000000000000000000");
	CHECK_INT(uscc_checkchar("91350100I000100Y4"), 0);
	CHECK_INT(uscc_checkchar("91350100m000100Y4"), 0);

	/* only the check character wrong: an overridable pilot code */
	USCC_BAD("91350100M000100Y44", 1,
	    "bad check character: expected 3, found 4");
	USCC_BAD("914403001922038217", 1,
	    "bad check character: expected 6, found 7");
	USCC_BAD("91350100M000100Y4Y", 1,
	    "bad check character: expected 3, found Y");

	/* structurally invalid: never overridable */
	USCC_BAD("", 0, "must be 18 characters, found 0");
	USCC_BAD("91350100M000100Y4", 0, "must be 18 characters, found 17");
	USCC_BAD("91350100M000100Y433", 0, "must be 18 characters, found 19");
	USCC_BAD("91350100I000100Y43", 0,
	    "character 9 is not one of 0-9ABCDEFGHJKLMNPQRTUWXY");
	USCC_BAD("91350100m000100Y43", 0,
	    "character 9 is not one of 0-9ABCDEFGHJKLMNPQRTUWXY");
	USCC_BAD("91350100M000100Y4O", 0,
	    "character 18 is not one of 0-9ABCDEFGHJKLMNPQRTUWXY");
	USCC_BAD("S1350100M000100Y43", 0,
	    "character 1 is not one of 0-9ABCDEFGHJKLMNPQRTUWXY");
	USCC_BAD("91350100M000100Y4 ", 0,
	    "character 18 is not one of 0-9ABCDEFGHJKLMNPQRTUWXY");
	CHECK_INT(uscc_check("91350100M000100Y44", 18, NULL, &why), -1);
	CHECK_INT(uscc_check("91350100M000100Y43", 18, NULL, &why), 0);

	/* generated codes: valid with their check character, bad with any
	   other, the fault always the check character */
	for (i = 0; i < 2000; i++) {
		for (k = 0; k < 17; k++) {
			x = x * 1103515245 + 12345;
			code[k] = alphabet[(x >> 16) % 31];
		}
		code[17] = uscc_checkchar(code);
		code[18] = '\0';
		if (uscc_check(code, 18, NULL, &why) != 0)
			bad++;
		for (k = 0; k < 31; k++) {
			int b = 0;

			if (alphabet[k] == uscc_checkchar(code))
				continue;
			code[17] = alphabet[k];
			if (uscc_check(code, 18, &b, &why) != -1 || b != 1)
				bad++;
		}
	}
	CHECK_INT(bad, 0);
}

/* ---- phones ---- */

static void
test_phone(void)
{
	char digits[64];
	int i;

	PHONE_OK("13812345678", "13812345678");
	PHONE_OK("19912345678", "19912345678");
	PHONE_OK("+8613812345678", "13812345678");
	PHONE_OK("+86 138 1234 5678", "13812345678");
	PHONE_OK("0086-138-1234-5678", "13812345678");
	PHONE_OK("008613812345678", "13812345678");
	PHONE_OK("138-1234-5678", "13812345678");
	PHONE_OK(" 138 1234 5678 ", "13812345678");
	PHONE_OK("+86-15000000000", "15000000000");

	PHONE_BAD("", "phone is empty");
	PHONE_BAD("   ", "phone is empty");
	PHONE_BAD("+86", "phone is empty");
	PHONE_BAD("12812345678",
	    "not a mainland mobile number: must begin with 13 to 19");
	PHONE_BAD("10012345678",
	    "not a mainland mobile number: must begin with 13 to 19");
	PHONE_BAD("23812345678",
	    "not a mainland mobile number: must begin with 13 to 19");
	PHONE_BAD("1381234567", "must be 11 digits, found 10");
	PHONE_BAD("138123456789", "must be 11 digits, found 12");
	PHONE_BAD("8613812345678", "must be 11 digits, found 13");
	PHONE_BAD("86 13812345678", "must be 11 digits, found 13");
	PHONE_BAD("0755-12345678", "must be 11 digits, found 12");
	PHONE_BAD("138 1234 567a", "not a phone number: only digits, spaces, "
	    "dashes and a +86 or 0086 prefix");
	PHONE_BAD("(138)12345678", "not a phone number: only digits, spaces, "
	    "dashes and a +86 or 0086 prefix");
	PHONE_BAD("+1 4155550123", "not a phone number: only digits, spaces, "
	    "dashes and a +86 or 0086 prefix");
	PHONE_BAD("13812345678+86", "not a phone number: only digits, spaces, "
	    "dashes and a +86 or 0086 prefix");
	PHONE_BAD("\xef\xbc\x91" "3812345678", "not a phone number: only "
	    "digits, spaces, dashes and a +86 or 0086 prefix");
	PHONE_BAD("1381234\n5678", "not a phone number: only digits, spaces, "
	    "dashes and a +86 or 0086 prefix");

	/* longer than the scratch buffer */
	memset(digits, '1', 40);
	digits[40] = '\0';
	PHONE_BAD(digits, "must be 11 digits, found 40");
	memset(digits, ' ', 50);
	memcpy(digits + 50, "13812345678", 12);
	PHONE_OK(digits, "13812345678");

	/* the compiled pattern is reused, call after call */
	for (i = 0; i < 100000; i++) {
		char p[12];
		const char *why;

		if (phone_norm("+86 139-0000-0000", 17, p, &why) != 0 ||
		    strcmp(p, "13900000000") != 0)
			break;
	}
	CHECK_INT(i, 100000);
}

/* ---- enumerations ---- */

static void
test_enum(void)
{
	static const char *const levels[] = { "county", "town", "industry",
		"grassroots", NULL };
	static const char *const yes[] = { "yes", NULL };
	static const char *long_list[61];
	const char *s;
	int i;

	CHECK_INT(enum_index(levels, "county", 6), 0);
	CHECK_INT(enum_index(levels, "grassroots", 10), 3);
	CHECK_INT(enum_index(levels, "town", 4), 1);
	CHECK_INT(enum_index(levels, "townx", 4), 1);	/* counted */
	CHECK_INT(enum_index(levels, "tow", 3), -1);
	CHECK_INT(enum_index(levels, "Town", 4), -1);
	CHECK_INT(enum_index(levels, "town ", 5), -1);
	CHECK_INT(enum_index(levels, "", 0), -1);

	s = enum_list(levels);
	CHECK_STR(s, "county, town, industry, grassroots");
	CHECK(enum_list(levels) == s);
	CHECK_STR(enum_list(yes), "yes");
	CHECK_STR(s, "county, town, industry, grassroots");

	for (i = 0; i < 60; i++)
		long_list[i] = "abcdefghijklmnopqrstuvwxyz";
	long_list[60] = NULL;
	s = enum_list(long_list);
	CHECK(strlen(s) < 512);
	CHECK(strlen(s) > 400);
	CHECK_STR(s + strlen(s) - 6, "z, ...");
}

/* ---- masks ---- */

static void
test_mask(void)
{
	char out[64];

	CHECK_STR(mask_id("320803199001011237", 18, out), "320803********1237");
	CHECK_STR(mask_id("32080319900101123X", 18, out), "320803********123X");
	CHECK_STR(mask_id("320803900101123", 15, out), "***********1123");
	CHECK_STR(mask_id("12345", 5, out), "*2345");
	CHECK_STR(mask_id("1234", 4, out), "****");
	CHECK_STR(mask_id("", 0, out), "");
	CHECK(mask_id("12", 2, out) == out);

	CHECK_STR(mask_phone("13812345678", 11, out), "138****5678");
	CHECK_STR(mask_phone("1381234567", 10, out), "******4567");
	CHECK_STR(mask_phone("123", 3, out), "***");
	CHECK_STR(mask_phone("", 0, out), "");

	CHECK_STR(mask_name("张三丰", 9, out, sizeof(out)), "张**");
	CHECK_STR(mask_name("张三", 6, out, sizeof(out)), "张*");
	CHECK_STR(mask_name("欧阳娜娜", 12, out, sizeof(out)), "欧***");
	CHECK_STR(mask_name("张", 3, out, sizeof(out)), "张");
	CHECK_STR(mask_name("Alice", 5, out, sizeof(out)), "A****");
	CHECK_STR(mask_name("买买提·艾力", strlen("买买提·艾力"), out, sizeof(out)), "买*****");
	CHECK_STR(mask_name("", 0, out, sizeof(out)), "");
	CHECK_STR(mask_name("\xf0\x9f\x98\x80" "ab", 6, out, sizeof(out)),
	    "\xf0\x9f\x98\x80**");
	/* a first byte that is no character is hidden as well */
	CHECK_STR(mask_name("\xff" "abc", 4, out, sizeof(out)), "****");
	/* cut to fit, at character boundaries */
	CHECK_STR(mask_name("张三丰", 9, out, 5), "张*");
	CHECK_STR(mask_name("张三丰", 9, out, 4), "张");
	CHECK_STR(mask_name("张三丰", 9, out, 3), "**");
	CHECK_STR(mask_name("张三丰", 9, out, 1), "");
	out[0] = 'q';
	mask_name("张三丰", 9, out, 0);
	CHECK_INT(out[0], 'q');
}

/* ---- UTF-8 ---- */

/* ref_valid: a slow, obviously right decoder to compare against. */
static int
ref_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, len, k;
	unsigned long cp;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		} else if ((s[i] & 0xE0) == 0xC0) {
			len = 2;
			cp = s[i] & 0x1F;
		} else if ((s[i] & 0xF0) == 0xE0) {
			len = 3;
			cp = s[i] & 0x0F;
		} else if ((s[i] & 0xF8) == 0xF0) {
			len = 4;
			cp = s[i] & 0x07;
		} else {
			return 0;
		}
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

#define U8(s, want) CHECK_INT(utf8_valid(s, sizeof(s) - 1), want)

static void
test_utf8(void)
{
	unsigned char b[24];
	unsigned i, j, k;
	long differ = 0;

	U8("", 1);
	U8("abc", 1);
	U8("张三", 1);
	U8("\xc2\x80", 1);			/* U+0080 */
	U8("\xdf\xbf", 1);			/* U+07FF */
	U8("\xe0\xa0\x80", 1);			/* U+0800 */
	U8("\xed\x9f\xbf", 1);			/* U+D7FF */
	U8("\xee\x80\x80", 1);			/* U+E000 */
	U8("\xef\xbf\xbf", 1);			/* U+FFFF */
	U8("\xf0\x90\x80\x80", 1);		/* U+10000 */
	U8("\xf4\x8f\xbf\xbf", 1);		/* U+10FFFF */
	U8("0123456789abcdefghij张三", 1);

	U8("\xc0\xaf", 0);			/* overlong '/' */
	U8("\xc1\xbf", 0);
	U8("\xe0\x80\xaf", 0);
	U8("\xe0\x9f\xbf", 0);
	U8("\xf0\x80\x80\xaf", 0);
	U8("\xf0\x8f\xbf\xbf", 0);
	U8("\xed\xa0\x80", 0);			/* surrogates */
	U8("\xed\xbf\xbf", 0);
	U8("\xf4\x90\x80\x80", 0);		/* above U+10FFFF */
	U8("\xf5\x80\x80\x80", 0);
	U8("\xff", 0);
	U8("\xfe", 0);
	U8("\x80", 0);				/* lone continuation */
	U8("\xe5\xbc", 0);			/* cut short */
	U8("abcdefgh\xe5", 0);
	U8("abcdefghijklmnop\xe5\xbc", 0);
	U8("\xe5\x41\x41", 0);
	U8("abcdefgh\x80" "abcdefgh", 0);
	U8("abcdefg\xe5\xbc\xa0" "abcdefgh", 1);

	/* every 1-, 2- and 3-byte sequence, and 4-byte ones over all
	   first two bytes, against the reference decoder */
	for (i = 0; i < 256; i++) {
		b[0] = (unsigned char)i;
		differ += utf8_valid((char *)b, 1) != ref_valid(b, 1);
		for (j = 0; j < 256; j++) {
			b[1] = (unsigned char)j;
			differ += utf8_valid((char *)b, 2) != ref_valid(b, 2);
			for (k = 0; k < 256; k++) {
				b[2] = (unsigned char)k;
				differ += utf8_valid((char *)b, 3) !=
				    ref_valid(b, 3);
			}
			b[2] = 0x80;
			b[3] = 0xBF;
			differ += utf8_valid((char *)b, 4) != ref_valid(b, 4);
		}
	}
	CHECK_INT(differ, 0);
	/* the same, placed after eight ASCII bytes (the fast path) */
	memcpy(b, "ABCDEFGH", 8);
	for (i = 0; i < 256; i++)
		for (j = 0; j < 256; j++) {
			b[8] = (unsigned char)i;
			b[9] = (unsigned char)j;
			b[10] = 0xA0;
			differ += utf8_valid((char *)b, 11) != ref_valid(b, 11);
		}
	CHECK_INT(differ, 0);

	CHECK_INT(utf8_count("张三a", 7), 3);
	CHECK_INT(utf8_count("", 0), 0);
	CHECK_INT(utf8_charlen("张", 3), 3);
	CHECK_INT(utf8_charlen("张", 2), 0);
	CHECK_INT(utf8_charlen("a", 1), 1);
	CHECK_INT(utf8_charlen("", 0), 0);
	CHECK_INT(utf8_charlen("\xf0\x9f\x98\x80", 4), 4);
}

T_MAIN(
	test_date_parse();
	test_date_convert();
	test_age();
	test_add_months();
	test_money_parse();
	test_money_arith();
	test_dues();
	test_id_valid();
	test_id_invalid();
	test_id_substitutions();
	test_uscc();
	test_phone();
	test_enum();
	test_mask();
	test_utf8();
)
