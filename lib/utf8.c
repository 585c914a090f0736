/*
 * utf8.c - strict UTF-8 (RFC 3629): no overlong forms, no surrogates
 * (U+D800-U+DFFF), nothing above U+10FFFF.  ASCII text, the common case,
 * is skipped eight bytes at a time.
 */
#include <stdint.h>
#include <string.h>

#include "valid.h"

static int
cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/*
 * utf8_charlen: the byte length (1-4) of the well-formed character that
 * begins s[0..n), or 0 when it is not one (n == 0 included).
 */
size_t
utf8_charlen(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] < 0xC2)		/* continuation, or overlong 2-byte */
		return 0;
	if (u[0] < 0xE0)
		return n >= 2 && cont(u[1]) ? 2 : 0;
	if (u[0] < 0xF0) {
		if (n < 3 || !cont(u[1]) || !cont(u[2]))
			return 0;
		if (u[0] == 0xE0 && u[1] < 0xA0)	/* overlong */
			return 0;
		if (u[0] == 0xED && u[1] >= 0xA0)	/* surrogate */
			return 0;
		return 3;
	}
	if (u[0] < 0xF5) {
		if (n < 4 || !cont(u[1]) || !cont(u[2]) || !cont(u[3]))
			return 0;
		if (u[0] == 0xF0 && u[1] < 0x90)	/* overlong */
			return 0;
		if (u[0] == 0xF4 && u[1] >= 0x90)	/* above U+10FFFF */
			return 0;
		return 4;
	}
	return 0;
}

/* utf8_valid: 1 when s[0..n) is well-formed UTF-8, else 0. */
int
utf8_valid(const char *s, size_t n)
{
	size_t i = 0, len;
	uint64_t w;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if ((w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = utf8_charlen(s + i, n - i)) == 0)
			return 0;
		i += len;
	}
	return 1;
}

/*
 * utf8_count: the characters in s[0..n), counting every byte that is not
 * a continuation byte (exact for valid UTF-8).
 */
size_t
utf8_count(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (!cont((unsigned char)s[i]))
			c++;
	return c;
}
