/*
 * valid_uscc.c - the Unified Social Credit Code of GB 32100-2015: 18
 * characters over the 31 symbols 0-9ABCDEFGHJKLMNPQRTUWXY (no I, O, S,
 * V, Z), the last a MOD 31 check character over the first 17.
 */
#include <stdio.h>
#include <string.h>

#include "valid.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static _Thread_local char why_buf[64];

/* code_value: the value 0-30 of a code character, or -1. */
static int
code_value(char c)
{
	const char *p;

	if (c == '\0' || (p = strchr(alphabet, c)) == NULL)
		return -1;
	return (int)(p - alphabet);
}

/*
 * uscc_checkchar: the check character of the 17 characters at first17:
 * 31 - (sum of value * weight mod 31), with 31 written '0'.  Returns 0
 * when one of the 17 is outside the alphabet (lower case included).
 */
char
uscc_checkchar(const char *first17)
{
	static const unsigned char weight[17] =
	    { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	unsigned sum = 0;
	int i, v;

	for (i = 0; i < 17; i++) {
		if ((v = code_value(first17[i])) < 0)
			return 0;
		sum += (unsigned)v * weight[i];
	}
	return alphabet[(31 - sum % 31) % 31];
}

/*
 * uscc_check: 18 characters over the alphabet (upper case only), the
 * last the right check character.  Returns 0, or -1 with *why:
 * "must be 18 characters, found 17", "character 9 is not one of
 * 0-9ABCDEFGHJKLMNPQRTUWXY", or, with *bad_check set to 1 (an early
 * pilot code an operator may accept), "bad check character: expected Y,
 * found 3".  *bad_check is 0 in every other case; bad_check may be NULL.
 * The message is in a static buffer, valid until the next call.
 */
int
uscc_check(const char *s, size_t n, int *bad_check, const char **why)
{
	char want;
	size_t i;

	if (bad_check != NULL)
		*bad_check = 0;
	if (n != 18) {
		snprintf(why_buf, sizeof(why_buf),
		    "must be 18 characters, found %zu", utf8_count(s, n));
		*why = why_buf;
		return -1;
	}
	for (i = 0; i < 18; i++) {
		if (code_value(s[i]) < 0) {
			snprintf(why_buf, sizeof(why_buf),
			    "character %zu is not one of %s", i + 1,
			    "0-9ABCDEFGHJKLMNPQRTUWXY");
			*why = why_buf;
			return -1;
		}
	}
	if ((want = uscc_checkchar(s)) != s[17]) {
		snprintf(why_buf, sizeof(why_buf),
		    "bad check character: expected %c, found %c", want, s[17]);
		*why = why_buf;
		if (bad_check != NULL)
			*bad_check = 1;
		return -1;
	}
	return 0;
}
