/*
 * pii_check.h - a test aid: with UNION_PII_CHECK set in the
 * environment, and --show-pii not given, every byte a tool writes for
 * people (standard error through diag.c; table and html output, and
 * listings that mask in every format) is searched for a full ID number
 * or mobile phone number.  On a hit the tool says
 *	union-TOOL: privacy: unmasked ID number in human-facing output
 * (never the value) and exits PII_CHECK_EXIT at once, so a test run
 * fails visibly; a changing command is left as a crash would leave it
 * (the next run recovers it).  Off (one flag test per write) when the
 * variable is unset.  Not searched: csv, tsv, json and jsonl data
 * (unless a listing masks in every format), and the few lines printed
 * with stdio (--help, --version, union-audit archive's folder name).
 *
 * A hit is a token, a maximal run of ASCII letters and digits, that is
 * an 18-character ID number id_parse accepts (check character and
 * birth date right) or 11 digits 1[3-9]NNNNNNNNN (a mainland mobile,
 * as phone_norm says).  A bad ID quoted in an error message is not a
 * hit: it is not an ID.
 */
#ifndef UNION_PII_CHECK_H
#define UNION_PII_CHECK_H

#include <stddef.h>

#define PII_CHECK_EXIT	70	/* EX_SOFTWARE of sysexits(3) */

/* a scan over a stream written in pieces: the token in progress */
struct pii_scan {
	char	 tok[20];	/* its first bytes */
	size_t	 len;		/* its length so far (may exceed tok) */
	const char *where;	/* for the message: "<stdout>", ... */
};

/* pii_check_init: read UNION_PII_CHECK (cmd_dispatch calls it). */
void	pii_check_init(void);
/* pii_check_off: --show-pii was given: nothing is checked or masked. */
void	pii_check_off(void);
/* pii_show_on: whether --show-pii was given. */
int	pii_show_on(void);
/* pii_check_on: whether writes are to be scanned. */
int	pii_check_on(void);

/*
 * pii_scan_feed: the next n bytes of s's stream; exits on a hit.
 * pii_scan_end: the stream ends (a token in progress is complete).
 * pii_scan_text: one whole text (a message); exits on a hit.
 */
void	pii_scan_feed(struct pii_scan *s, const char *p, size_t n);
void	pii_scan_end(struct pii_scan *s);
void	pii_scan_text(const char *where, const char *p, size_t n);
/*
 * pii_mask_text: mask, in place, every token of p[0..n) that is a hit
 * (mask_id, mask_phone; the length stays), as diag.c does to every
 * message unless --show-pii.
 */
void	pii_mask_text(char *p, size_t n);

/* pii_is_id, pii_is_mobile: p[0..n) is a valid full ID, a mobile. */
int	pii_is_id(const char *p, size_t n);
int	pii_is_mobile(const char *p, size_t n);

#endif
