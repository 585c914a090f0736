/*
 * valid_phone.c - mainland mobile numbers: 11 digits matching
 * 1[3-9]\d{9}, after the "+86" or "0086" prefix and any spaces and
 * dashes are taken away.
 *
 * The pattern is compiled with PCRE2 once, on first use, JIT-compiled
 * when the library supports it (silently interpreted when not), with
 * one match block for every call; all of it is freed at exit.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "valid.h"

#define PHONE_PATTERN "1[3-9][0-9]{9}"
#define PHONE_SCRATCH 32	/* normalised input longer than this is refused */

static pcre2_code *phone_re;
static pcre2_match_data *phone_md;

static void
phone_free(void)
{
	pcre2_match_data_free(phone_md);
	pcre2_code_free(phone_re);
	phone_md = NULL;
	phone_re = NULL;
}

/* phone_compile: the pattern, compiled on the first call only. */
static void
phone_compile(void)
{
	PCRE2_SIZE erroff;
	int err;

	if (phone_re != NULL)
		return;
	phone_re = pcre2_compile((PCRE2_SPTR)PHONE_PATTERN,
	    PCRE2_ZERO_TERMINATED, PCRE2_ANCHORED | PCRE2_ENDANCHORED,
	    &err, &erroff, NULL);
	if (phone_re == NULL)
		die(EXIT_TROUBLE, "cannot compile the phone pattern");
	(void)pcre2_jit_compile(phone_re, PCRE2_JIT_COMPLETE);
	phone_md = pcre2_match_data_create_from_pattern(phone_re, NULL);
	if (phone_md == NULL)
		die(EXIT_TROUBLE, "out of memory");
	atexit(phone_free);
}

/*
 * strip: copy s[0..n) to out without spaces and dashes, then drop a
 * leading "+86" or "0086".  Returns the length left, or PHONE_SCRATCH
 * when it does not fit (too long to be a phone either way).
 */
static size_t
strip(const char *s, size_t n, char out[PHONE_SCRATCH])
{
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '-')
			continue;
		if (len == PHONE_SCRATCH - 1)
			return PHONE_SCRATCH;
		out[len++] = s[i];
	}
	out[len] = '\0';
	if (len >= 3 && memcmp(out, "+86", 3) == 0) {
		memmove(out, out + 3, len - 2);
		len -= 3;
	} else if (len >= 4 && memcmp(out, "0086", 4) == 0) {
		memmove(out, out + 4, len - 3);
		len -= 4;
	}
	return len;
}

/*
 * reason: why p[0..len), which the pattern refused, is not a phone
 * (spaces and dashes in it are skipped).
 */
static const char *
reason(const char *p, size_t len)
{
	static _Thread_local char why_buf[48];
	size_t i, ndigits = 0;

	for (i = 0; i < len; i++) {
		if (p[i] == ' ' || p[i] == '-')
			continue;
		if (p[i] < '0' || p[i] > '9')
			return "not a phone number: only digits, spaces, "
			    "dashes and a +86 or 0086 prefix";
		ndigits++;
	}
	if (ndigits != 11) {
		snprintf(why_buf, sizeof(why_buf),
		    "must be 11 digits, found %zu", ndigits);
		return why_buf;
	}
	return "not a mainland mobile number: must begin with 13 to 19";
}

/*
 * phone_norm: the 11 digits of a mainland mobile number into out (with
 * a NUL).  "+86 138-1234-5678", "0086 13812345678" and "138 1234 5678"
 * all give "13812345678".  Returns 0, or -1 with *why a static message:
 * "phone is empty", "not a phone number: only digits, spaces, dashes
 * and a +86 or 0086 prefix", "must be 11 digits, found 10", "not a
 * mainland mobile number: must begin with 13 to 19".  A message with a
 * count is in a static buffer, valid until the next call.
 */
int
phone_norm(const char *s, size_t n, char out[12], const char **why)
{
	char buf[PHONE_SCRATCH];
	size_t len;
	int rc;

	if ((len = strip(s, n, buf)) == 0) {
		*why = "phone is empty";
		return -1;
	}
	if (len >= PHONE_SCRATCH) {
		*why = reason(s, n);
		return -1;
	}
	phone_compile();
	rc = pcre2_match(phone_re, (PCRE2_SPTR)buf, len, 0, 0, phone_md,
	    NULL);
	if (rc < 0) {
		*why = reason(buf, len);
		return -1;
	}
	memcpy(out, buf, 11);
	out[11] = '\0';
	return 0;
}
