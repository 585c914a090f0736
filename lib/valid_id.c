/*
 * valid_id.c - the 18-character resident identity card number of
 * GB 11643-1999: a 6-digit area code, an 8-digit birth date, a 3-digit
 * sequence (odd for men, even for women) and a check character by
 * ISO 7064 MOD 11-2.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "valid.h"

static _Thread_local char why_buf[80];

/*
 * id_checkchar: the check character ('0'-'9' or 'X') of the 17 digits at
 * first17, or 0 when one of them is not a digit.
 */
char
id_checkchar(const char *first17)
{
	static const unsigned char weight[17] =
	    { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	unsigned sum = 0;
	int i;

	for (i = 0; i < 17; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return 0;
		sum += (unsigned)(first17[i] - '0') * weight[i];
	}
	return check[sum % 11];
}

/* fail: format a message into the static buffer; returns it. */
static const char *
fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why_buf, sizeof(why_buf), fmt, ap);
	va_end(ap);
	return why_buf;
}

/* birth_of: the birth date at s[6..14), or -1 with *why. */
static int
birth_of(const char *s, int32_t *birth, const char **why)
{
	int y, m, d;

	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 +
	    (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if ((*birth = date_from_ymd(y, m, d)) == INT32_MIN) {
		*why = fail("birth date %.8s is not a calendar date", s + 6);
		return -1;
	}
	if (y < DATE_YEAR_MIN) {
		*why = fail("birth date %.8s is before %d", s + 6,
		    DATE_YEAR_MIN);
		return -1;
	}
	if (y > DATE_YEAR_MAX) {
		*why = fail("birth date %.8s is after %d", s + 6,
		    DATE_YEAR_MAX);
		return -1;
	}
	return 0;
}

/*
 * id_parse: an 18-character resident ID: 17 digits, then a check
 * character '0'-'9', 'X' or 'x' that matches them, and a birth date in
 * characters 7-14 that exists on the calendar, from 1900 to 2999.
 * On success fills *out (when out is not NULL) and returns 0.  Else
 * returns -1 with *why, checked in this order:
 * "must be 18 characters, found 17", "character 5 is not a digit",
 * "character 18 is not a digit or X", "birth date 19900230 is not a
 * calendar date", "birth date 18991231 is before 1900",
 * "bad check character: expected 7, found 3".  The message is in a
 * static buffer, valid until the next call.
 */
int
id_parse(const char *s, size_t n, struct idinfo *out, const char **why)
{
	int32_t birth;
	char want, got;
	size_t i;

	if (n != 18) {
		*why = fail("must be 18 characters, found %zu",
		    utf8_count(s, n));
		return -1;
	}
	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9') {
			*why = fail("character %zu is not a digit", i + 1);
			return -1;
		}
	}
	got = s[17] == 'x' ? 'X' : s[17];
	if ((got < '0' || got > '9') && got != 'X') {
		*why = "character 18 is not a digit or X";
		return -1;
	}
	if (birth_of(s, &birth, why) == -1)
		return -1;
	if ((want = id_checkchar(s)) != got) {
		*why = fail("bad check character: expected %c, found %c",
		    want, s[17]);
		return -1;
	}
	if (out != NULL) {
		memcpy(out->norm, s, 17);
		out->norm[17] = got;
		out->norm[18] = '\0';
		out->birth = birth;
		out->gender = (s[16] - '0') % 2 ? 'M' : 'F';
		memcpy(out->area, s, 6);
		out->area[6] = '\0';
	}
	return 0;
}
