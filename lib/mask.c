/*
 * mask.c - hiding personal data in human-facing output (DESIGN.md:
 * "the birth date never shows").  Masks keep the length of what they
 * hide, one '*' per hidden character, so columns still line up.
 */
#include <string.h>

#include "valid.h"

/*
 * keep_ends: copy s[0..n) to out with all but the first head and the
 * last tail bytes replaced by '*'; when n <= head + tail everything is
 * hidden.  out holds n + 1 bytes.
 */
static char *
keep_ends(const char *s, size_t n, size_t head, size_t tail, char *out)
{
	if (n <= head + tail) {
		memset(out, '*', n);
	} else {
		memcpy(out, s, head);
		memset(out + head, '*', n - head - tail);
		memcpy(out + n - tail, s + n - tail, tail);
	}
	out[n] = '\0';
	return out;
}

/*
 * mask_id: an 18-character ID keeps its area code (6) and its last 4
 * ("320803********123X"); any other length keeps only the last 4
 * characters, and one of 4 or fewer is hidden whole.  Returns out,
 * which must hold n + 1 bytes.
 */
char *
mask_id(const char *s, size_t n, char *out)
{
	return keep_ends(s, n, n == 18 ? 6 : 0, 4, out);
}

/*
 * mask_phone: an 11-digit phone keeps its first 3 and last 4
 * ("138****5678"); any other length keeps only the last 4, and one of
 * 4 or fewer is hidden whole.  Returns out, which must hold n + 1 bytes.
 */
char *
mask_phone(const char *s, size_t n, char *out)
{
	return keep_ends(s, n, n == 11 ? 3 : 0, 4, out);
}

/*
 * mask_name: the first character of a UTF-8 name, then one '*' per
 * further character: "张三丰" -> "张**", "Alice" -> "A****".  A first
 * byte that does not begin a well-formed character is hidden too.  The
 * result is cut (at a character boundary) to fit outsz bytes with its
 * NUL; outsz 0 writes nothing.  Returns out.
 */
char *
mask_name(const char *s, size_t n, char *out, size_t outsz)
{
	size_t first, stars, len = 0;

	if (outsz == 0)
		return out;
	first = utf8_charlen(s, n);
	if (first > 0 && first < outsz) {
		memcpy(out, s, first);
		len = first;
	}
	stars = utf8_count(s + len, n - len);
	if (stars > outsz - 1 - len)
		stars = outsz - 1 - len;
	memset(out + len, '*', stars);
	out[len + stars] = '\0';
	return out;
}
