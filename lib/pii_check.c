/*
 * pii_check.c - the UNION_PII_CHECK test aid of pii_check.h: a search
 * of human-facing output for full ID numbers and phones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "pii_check.h"
#include "valid.h"

static int checking;
static int showing;	/* --show-pii: messages are not masked */

void
pii_check_init(void)
{
	const char *v = getenv("UNION_PII_CHECK");

	checking = v != NULL && *v != '\0';
}

void
pii_check_off(void)
{
	checking = 0;
	showing = 1;
}

int
pii_show_on(void)
{
	return showing;
}

int
pii_check_on(void)
{
	return checking;
}

int
pii_is_id(const char *p, size_t n)
{
	const char *why;

	return n == 18 && id_parse(p, n, NULL, &why) == 0;
}

/* the pattern of phone_norm (1[3-9] and 9 digits), on bare digits */
int
pii_is_mobile(const char *p, size_t n)
{
	size_t i;

	if (n != 11 || p[0] != '1' || p[1] < '3' || p[1] > '9')
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

/*
 * caught: say what was found, never the value, and end the run at once
 * (no atexit handler may write more).
 */
static _Noreturn void
caught(const char *what, const char *where)
{
	char msg[160];
	int n;

	n = snprintf(msg, sizeof(msg), "%s: privacy: unmasked %s in "
	    "human-facing output (%s)\n", diag_prog(), what, where);
	if (n > 0)
		(void)!write(STDERR_FILENO, msg, (size_t)n < sizeof(msg) ?
		    (size_t)n : sizeof(msg) - 1);
	_exit(PII_CHECK_EXIT);
}

/* word: a byte a token is made of */
static int
word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

/*
 * token_done: the token in progress is complete: is it personal?  With
 * edit, the token ends at edit (it lies whole in a writable text) and
 * a hit is masked there; without, a hit ends the run.
 */
static void
token_done(struct pii_scan *s, char *edit)
{
	char out[20];

	if (s->len == 18 && pii_is_id(s->tok, 18)) {
		if (edit == NULL)
			caught("ID number", s->where);
		memcpy(edit - 18, mask_id(s->tok, 18, out), 18);
	} else if (s->len == 11 && pii_is_mobile(s->tok, 11)) {
		if (edit == NULL)
			caught("phone number", s->where);
		memcpy(edit - 11, mask_phone(s->tok, 11, out), 11);
	}
	s->len = 0;
}

/* scan: the tokens of p[0..n); edit is p when hits are to be masked */
static void
scan(struct pii_scan *s, const char *p, size_t n, char *edit)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!word((unsigned char)p[i])) {
			if (s->len > 0)
				token_done(s, edit != NULL ? edit + i : NULL);
			continue;
		}
		if (s->len < sizeof(s->tok))
			s->tok[s->len] = p[i];
		s->len++;
	}
	if (edit != NULL && s->len > 0)
		token_done(s, edit + n);
}

void
pii_scan_feed(struct pii_scan *s, const char *p, size_t n)
{
	scan(s, p, n, NULL);
}

void
pii_scan_end(struct pii_scan *s)
{
	if (s->len > 0)
		token_done(s, NULL);
}

void
pii_scan_text(const char *where, const char *p, size_t n)
{
	struct pii_scan s;

	s.len = 0;
	s.where = where;
	pii_scan_feed(&s, p, n);
	pii_scan_end(&s);
}

void
pii_mask_text(char *p, size_t n)
{
	struct pii_scan s;

	s.len = 0;
	s.where = "";
	scan(&s, p, n, p);
}
