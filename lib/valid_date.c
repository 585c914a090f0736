/*
 * valid_date.c - calendar dates as days since 1970-01-01.
 *
 * The conversions are the proleptic Gregorian "days from civil" and
 * "civil from days" algorithms (H. Hinnant): pure integer arithmetic,
 * no mktime(3), no time zone, no locale.  Parsing is strict: exactly
 * YYYY-MM-DD, a year from DATE_YEAR_MIN to DATE_YEAR_MAX, a day that
 * exists on the calendar.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "valid.h"

static _Thread_local char why_buf[64];

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* days_in_month: 28..31 for month m (1-12) of year y. */
static int
days_in_month(int y, int m)
{
	static const unsigned char mdays[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && is_leap(y))
		return 29;
	return mdays[m - 1];
}

/* days_from_civil: no range check; y, m, d must be a real date. */
static int32_t
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)era * 146097 + doe - 719468;
}

/*
 * date_from_ymd: the day number of y-m-d, or INT32_MIN when it is not a
 * date on the calendar.  Years 1 to 9999 are accepted here (wider than
 * date_parse, so that arithmetic near the range ends stays exact).
 */
int32_t
date_from_ymd(int y, int m, int d)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return INT32_MIN;
	return days_from_civil(y, m, d);
}

/* date_to_ymd: the calendar date of a day number (any int32_t). */
void
date_to_ymd(int32_t days, int *y, int *m, int *d)
{
	int64_t z, era, doe, yoe, doy, mp, yy;

	z = (int64_t)days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/*
 * date_fmt: "YYYY-MM-DD" into out; a day whose year is outside 0-9999
 * (never one date_parse made) is written "0000-00-00".  Returns out.
 */
char *
date_fmt(int32_t days, char out[11])
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = m = d = 0;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return out;
}

static int
digits(const char *s, size_t n)
{
	size_t i;
	int v = 0;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/*
 * date_parse: exactly "YYYY-MM-DD" (ASCII digits, '-' separators, no
 * spaces), a year from DATE_YEAR_MIN to DATE_YEAR_MAX, a real calendar
 * day.  Sets *days and returns 0, or returns -1 with *why one of
 * "date is empty", "not a YYYY-MM-DD date",
 * "2023-02-29 is not a calendar date",
 * "year 1899 is out of range 1900-2999".
 */
int
date_parse(const char *s, size_t n, int32_t *days, const char **why)
{
	int y, m, d;
	int32_t v;

	if (n == 0) {
		*why = "date is empty";
		return -1;
	}
	if (n != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) ||
	    !all_digits(s + 5, 2) || !all_digits(s + 8, 2)) {
		*why = "not a YYYY-MM-DD date";
		return -1;
	}
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX) {
		snprintf(why_buf, sizeof(why_buf),
		    "year %d is out of range %d-%d", y, DATE_YEAR_MIN,
		    DATE_YEAR_MAX);
		*why = why_buf;
		return -1;
	}
	if ((v = date_from_ymd(y, m, d)) == INT32_MIN) {
		snprintf(why_buf, sizeof(why_buf),
		    "%.10s is not a calendar date", s);
		*why = why_buf;
		return -1;
	}
	*days = v;
	return 0;
}

/* date_today: today's date in local time, from the system clock. */
int32_t
date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return (int32_t)(now / 86400);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * age_on: completed years of life on day for someone born on birth; the
 * birthday itself counts (16 on the 16th birthday).  Someone born on
 * 29 February has a birthday on 1 March in a common year.  Before
 * birth it counts down the same way: -1 for the year before.
 */
int
age_on(int32_t birth, int32_t day)
{
	int by, bm, bd, y, m, d, age;

	date_to_ymd(birth, &by, &bm, &bd);
	date_to_ymd(day, &y, &m, &d);
	age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

/*
 * date_add_months: the same day of the month n months later (n may be
 * negative), clamped to the last day of a shorter month: 2024-01-31
 * plus 1 is 2024-02-29; 2023-01-31 plus 1 is 2023-02-28.
 */
int32_t
date_add_months(int32_t day, int n)
{
	int y, m, d, dim;
	long months;

	date_to_ymd(day, &y, &m, &d);
	months = (long)y * 12 + (m - 1) + n;
	y = (int)(months >= 0 ? months / 12 : (months - 11) / 12);
	m = (int)(months - (long)y * 12) + 1;
	dim = days_in_month(y, m);
	if (d > dim)
		d = dim;
	return days_from_civil(y, m, d);
}
