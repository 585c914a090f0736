/*
 * valid.h - field validators shared by every tool: resident ID numbers,
 * credit codes, phones, dates, money, enumerations; and PII masking.
 *
 * Each validator takes a counted string and returns 0 when it is valid,
 * or -1 and sets *why to a message ("bad check character: expected 7,
 * found 3") that can follow "FILE:LINE: COLUMN: " in a diagnostic.  The
 * message is static storage: a literal, or a buffer of that validator
 * valid until its next call in the same thread (copy it to keep it).
 * The exact messages are listed above each function in lib/valid_*.c.
 *
 * Threads: everything here may be called from several threads at once
 * except phone_norm (one compiled pattern, one match block) and
 * enum_list (a cache), which belong to the main thread.
 */
#ifndef UNION_VALID_H
#define UNION_VALID_H

#include <stddef.h>
#include <stdint.h>

/* ---- dates: days since 1970-01-01 (may be negative) ---- */

/* The years date_parse accepts (and resident IDs may be born in). */
#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2999

/* date_parse: strict YYYY-MM-DD that exists on the calendar, with a
   year from DATE_YEAR_MIN to DATE_YEAR_MAX. */
int	date_parse(const char *s, size_t n, int32_t *days, const char **why);
/* date_from_ymd: days for a valid y/m/d (years 1-9999), or INT32_MIN if
   it is not one. */
int32_t	date_from_ymd(int y, int m, int d);
void	date_to_ymd(int32_t days, int *y, int *m, int *d);
/* date_fmt: "YYYY-MM-DD" into out[11]; returns out. */
char	*date_fmt(int32_t days, char out[11]);
/* date_today: the real local date. */
int32_t	date_today(void);
/* age_on: whole years between birth and day (birthday counted; 29 Feb
   births count 1 March in common years); negative before birth. */
int	age_on(int32_t birth, int32_t day);
/* date_add_months: same day n months later, clamped to month end. */
int32_t	date_add_months(int32_t day, int n);

/* ---- money: exact, in integer fen ---- */

#define MONEY_MAX INT64_C(99999999999999)	/* 999,999,999,999.99 yuan */
#define MONEY_BUFSZ 32

/*
 * money_parse: "1234", "1234.5", "1234.50" -> fen.  No sign, no
 * exponent, no grouping, ASCII digits only, at most two decimals,
 * at most MONEY_MAX.
 */
int	money_parse(const char *s, size_t n, int64_t *fen, const char **why);
/* money_fmt: fen -> "1234.50" (a leading '-' when negative). */
char	*money_fmt(int64_t fen, char out[MONEY_BUFSZ]);
/* money_add: *sum += v; -1 on int64_t overflow (sum unchanged).  Totals
   may exceed MONEY_MAX. */
int	money_add(int64_t *sum, int64_t v);
/* dues_of: monthly dues for a wage: 0.5% of the wage rounded down to
   whole ten yuan (5678.90 -> 5670 -> 28.35).  Exact in fen. */
int64_t	dues_of(int64_t wage_fen);

/* ---- resident identity card number, GB 11643-1999 ---- */

struct idinfo {
	char	 norm[19];	/* upper-cased copy ('x' -> 'X') */
	int32_t	 birth;		/* birth date, days */
	char	 gender;	/* 'M' (odd sequence) or 'F' */
	char	 area[7];	/* the 6-digit area code */
};

/* id_checkchar: the ISO 7064 MOD 11-2 check character of 17 digits, or
   0 if one of them is not a digit. */
char	id_checkchar(const char *first17);
/* id_parse: 18 characters, digits then check 0-9/X/x, real birth date
   from DATE_YEAR_MIN to DATE_YEAR_MAX.  out may be NULL. */
int	id_parse(const char *s, size_t n, struct idinfo *out, const char **why);

/* ---- Unified Social Credit Code, GB 32100-2015 ---- */

/* uscc_checkchar: the MOD 31 check character of the first 17, or 0 if
   they hold a character outside 0-9ABCDEFGHJKLMNPQRTUWXY. */
char	uscc_checkchar(const char *first17);
/* uscc_check: 18 characters over the alphabet, check character correct.
   *bad_check is set to 1 when only the check character is wrong (an
   early pilot code an operator may override), else 0.  Upper case only.
   bad_check may be NULL. */
int	uscc_check(const char *s, size_t n, int *bad_check, const char **why);

/* ---- mainland mobile phone ---- */

/*
 * phone_norm: accept "+86", "0086" prefixes, spaces and dashes; the rest
 * must match 1[3-9]\d{9} (a PCRE2 pattern compiled once, JIT when the
 * library has it).  out gets the 11 digits and a NUL.
 */
int	phone_norm(const char *s, size_t n, char out[12], const char **why);

/* ---- enumerations ---- */

/* enum_index: position of s in the NULL-terminated list, or -1. */
int	enum_index(const char *const *list, const char *s, size_t n);
/* enum_list: "a, b, c" for messages (static buffer per list). */
const char *enum_list(const char *const *list);

/* ---- masking of personal data in human-facing output ---- */

/* mask_id: "320803********123X" (birth date hidden); other lengths keep
   only the last 4 characters.  out must hold n + 1 bytes. */
char	*mask_id(const char *s, size_t n, char *out);
/* mask_phone: "138****5678"; other lengths keep only the last 4
   characters.  out must hold n + 1 bytes. */
char	*mask_phone(const char *s, size_t n, char *out);
/* mask_name: first character kept, one '*' for each other (张**); cut
   to fit outsz bytes with the NUL. */
char	*mask_name(const char *s, size_t n, char *out, size_t outsz);

/* utf8_valid: 1 when s[0..n) is well-formed UTF-8 (no overlongs, no
   surrogates, nothing above U+10FFFF). */
int	utf8_valid(const char *s, size_t n);
/* utf8_charlen: bytes (1-4) of the well-formed character at s, or 0. */
size_t	utf8_charlen(const char *s, size_t n);
/* utf8_count: characters in valid UTF-8 (bytes that are not
   continuation bytes). */
size_t	utf8_count(const char *s, size_t n);

#endif
