/*
 * fuzz_valid.c - the field validators and masks of valid.h, each given
 * the whole input as its field, with invariants:
 *  - date: a date that parses formats back to itself, and its y/m/d
 *    give the same day;
 *  - money: parse, format, parse gives the same fen; the format has
 *    two decimals; dues are at most 0.5%; money_add matches the
 *    compiler's overflow check on two int64_t made of the input;
 *  - ID number: an accepted one is 18 characters, upper-cased, its
 *    check character is id_checkchar's, its birth date is the one in
 *    it, its gender the parity of its sequence; and any 18 characters
 *    of that shape are accepted;
 *  - credit code: accepted or only badly checked, as uscc_checkchar
 *    says;
 *  - phone: the normalised number is 11 digits 1[3-9]... and
 *    normalises to itself;
 *  - UTF-8: utf8_valid, the AVX2 check and a walk by utf8_charlen
 *    agree;
 *  - masks keep the length, hide what they must, and a masked name
 *    fits its buffer and stays UTF-8.
 * Every refusal says why.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "table_impl.h"

static void
check_date(const char *s, size_t n)
{
	char out[11];
	const char *why = NULL;
	int32_t day;
	int y, m, d;

	if (date_parse(s, n, &day, &why) != 0) {
		FUZZ_CHECK(why != NULL && *why != '\0');
		return;
	}
	FUZZ_CHECK(n == 10 && memcmp(date_fmt(day, out), s, 10) == 0);
	date_to_ymd(day, &y, &m, &d);
	FUZZ_CHECK(y >= DATE_YEAR_MIN && y <= DATE_YEAR_MAX);
	FUZZ_CHECK(date_from_ymd(y, m, d) == day);
	FUZZ_CHECK(age_on(day, day) == 0);
	date_to_ymd(date_add_months(day, 1), &y, &m, &d);
	FUZZ_CHECK(date_from_ymd(y, m, d) != INT32_MIN);
}

static void
check_money(const char *s, size_t n)
{
	char out[MONEY_BUFSZ];
	const char *why = NULL, *dot;
	int64_t fen, again, sum, a, b, want;

	if (n >= 16) {
		memcpy(&a, s, sizeof(a));
		memcpy(&b, s + 8, sizeof(b));
		sum = a;
		if (__builtin_add_overflow(a, b, &want))
			FUZZ_CHECK(money_add(&sum, b) == -1 && sum == a);
		else
			FUZZ_CHECK(money_add(&sum, b) == 0 && sum == want);
	}
	if (money_parse(s, n, &fen, &why) != 0) {
		FUZZ_CHECK(why != NULL && *why != '\0');
		return;
	}
	FUZZ_CHECK(fen >= 0 && fen <= MONEY_MAX);
	money_fmt(fen, out);
	dot = strchr(out, '.');
	FUZZ_CHECK(dot != NULL && strlen(dot) == 3);
	FUZZ_CHECK(money_parse(out, strlen(out), &again, &why) == 0);
	FUZZ_CHECK(again == fen);
	FUZZ_CHECK(dues_of(fen) >= 0 && dues_of(fen) <= fen / 200);
}

/* all_digits: s[0..n) is ASCII digits only (n 0 included). */
static int
all_digits(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] >= '0' && s[n - 1] <= '9')
		n--;
	return n == 0;
}

static void
check_id(const char *s, size_t n)
{
	struct idinfo id;
	char want[19], birth[11], out[11];
	const char *why = NULL;
	int32_t day;
	size_t i;

	if (id_parse(s, n, &id, &why) != 0) {
		FUZZ_CHECK(why != NULL && *why != '\0');
		/* refused: it must not be an ID of the right shape */
		if (n == 18 && all_digits(s, 17) &&
		    (s[17] == id_checkchar(s) ||
		    (s[17] == 'x' && id_checkchar(s) == 'X'))) {
			snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", s + 6,
			    s + 10, s + 12);
			FUZZ_CHECK(date_parse(birth, 10, &day, &why) != 0);
		}
		return;
	}
	FUZZ_CHECK(n == 18);
	for (i = 0; i < 18; i++)
		want[i] = s[i] == 'x' ? 'X' : s[i];
	want[18] = '\0';
	FUZZ_CHECK(strcmp(id.norm, want) == 0);
	FUZZ_CHECK(all_digits(s, 17) && id_checkchar(s) == want[17]);
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", s + 6, s + 10,
	    s + 12);
	FUZZ_CHECK(strcmp(date_fmt(id.birth, out), birth) == 0);
	FUZZ_CHECK(id.gender == ((s[16] - '0') % 2 ? 'M' : 'F'));
	FUZZ_CHECK(memcmp(id.area, s, 6) == 0 && id.area[6] == '\0');
	FUZZ_CHECK(id_parse(s, n, NULL, &why) == 0);
}

static void
check_uscc(const char *s, size_t n)
{
	const char *why = NULL;
	int bad = -1;
	char c = n == 18 ? uscc_checkchar(s) : 0;

	if (uscc_check(s, n, &bad, &why) == 0) {
		FUZZ_CHECK(n == 18 && bad == 0 && c != 0 && c == s[17]);
		return;
	}
	FUZZ_CHECK(why != NULL && *why != '\0');
	FUZZ_CHECK(bad == 0 || bad == 1);
	/* refused: bad_check exactly when the first 17 are good and the
	   18th is another character of the alphabet */
	FUZZ_CHECK(bad == (c != 0 && s[17] != '\0' && s[17] != c &&
	    strchr("0123456789ABCDEFGHJKLMNPQRTUWXY", s[17]) != NULL));
	FUZZ_CHECK(!(c != 0 && c == s[17]));
}

static void
check_phone(const char *s, size_t n)
{
	char out[12], again[12];
	const char *why = NULL;

	if (phone_norm(s, n, out, &why) != 0) {
		FUZZ_CHECK(why != NULL && *why != '\0');
		return;
	}
	FUZZ_CHECK(strlen(out) == 11 && all_digits(out, 11));
	FUZZ_CHECK(out[0] == '1' && out[1] >= '3' && out[1] <= '9');
	FUZZ_CHECK(phone_norm(out, 11, again, &why) == 0);
	FUZZ_CHECK(strcmp(out, again) == 0);
}

/* check_utf8: three ways to say whether s[0..n) is UTF-8 agree. */
static void
check_utf8(const char *s, size_t n)
{
	char *pad = calloc(1, n + 32);
	size_t i = 0, k, chars = 0;
	int v = utf8_valid(s, n);

	FUZZ_CHECK(pad != NULL);
	if (n > 0)
		memcpy(pad, s, n);
	if (scan_have_avx2())
		FUZZ_CHECK(scan_utf8_valid(1, pad, n) == v);
	FUZZ_CHECK(scan_utf8_valid(0, pad, n) == v);
	free(pad);
	while (i < n && (k = utf8_charlen(s + i, n - i)) != 0) {
		FUZZ_CHECK(k <= 4 && k <= n - i);
		i += k;
		chars++;
	}
	FUZZ_CHECK(v == (i == n));
	if (v)
		FUZZ_CHECK(utf8_count(s, n) == chars);
}

/* kept: out[0..n) is s with some bytes replaced by '*', all between
   the first head and the last tail ones. */
static void
check_kept(const char *s, size_t n, const char *out, size_t head,
    size_t tail)
{
	size_t i;

	FUZZ_CHECK(strlen(out) == n || memchr(s, '\0', n) != NULL);
	for (i = 0; i < n; i++) {
		if (n > head + tail && (i < head || i >= n - tail))
			FUZZ_CHECK(out[i] == s[i]);
		else
			FUZZ_CHECK(out[i] == '*');
	}
}

static void
check_masks(const char *s, size_t n)
{
	char *out = malloc(n + 1), name[16];
	size_t sz;

	FUZZ_CHECK(out != NULL);
	mask_id(s, n, out);
	check_kept(s, n, out, n == 18 ? 6 : 0, 4);
	mask_phone(s, n, out);
	check_kept(s, n, out, n == 11 ? 3 : 0, 4);
	free(out);
	for (sz = 1; sz <= sizeof(name); sz += 5) {
		memset(name, 'Z', sizeof(name));
		mask_name(s, n, name, sz);
		FUZZ_CHECK(memchr(name, '\0', sz) != NULL);
		if (utf8_valid(s, n))
			FUZZ_CHECK(utf8_valid(name, strlen(name)));
	}
}

static void
check_enums(const char *s, size_t n)
{
	int i = enum_index(member_groups, s, n);

	if (i >= 0)
		FUZZ_CHECK(strlen(member_groups[i]) == n &&
		    memcmp(member_groups[i], s, n) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;

	fuzz_setup();
	if (size > 4096)
		return 0;
	check_date(s, size);
	check_money(s, size);
	check_id(s, size);
	check_uscc(s, size);
	check_phone(s, size);
	check_utf8(s, size);
	check_masks(s, size);
	check_enums(s, size);
	return 0;
}
