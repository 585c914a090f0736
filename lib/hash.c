/*
 * hash.c - incremental hashes for the journal and the file digests,
 * over OpenSSL's libcrypto EVP interface.
 *
 * Only algorithms with a 256-bit output are offered (sha256, sm3), so
 * that every "ALGO:HEX" text fits HASH_TEXT_MAX and every entry of a
 * journal has the same shape whatever algorithm made it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "diag.h"
#include "journal.h"
#include "util.h"

#define DIGEST_LEN 32		/* bytes of a sha256 or sm3 digest */

struct hasher {
	const EVP_MD *md;	/* libcrypto's description; not owned */
	EVP_MD_CTX *ctx;	/* the running state */
	char	 name[8];	/* "sha256" or "sm3", as written in texts */
};

/* The algorithms a journal may use, by the name written in its texts. */
static const char *const algos[] = { "sha256", "sm3" };

static const char *
known_algo(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < NELEM(algos); i++)
		if (streqn(name, n, algos[i]))
			return algos[i];
	return NULL;
}

static void
hasher_start(struct hasher *h)
{
	if (EVP_DigestInit_ex(h->ctx, h->md, NULL) != 1)
		die(EXIT_TROUBLE, "%s: cannot start the hash", h->name);
}

/*
 * hasher_new: a hasher for algo ("sha256" or "sm3"), ready for input;
 * NULL when algo is not one of them or libcrypto lacks it.  Free it with
 * hasher_free.
 */
struct hasher *
hasher_new(const char *algo)
{
	struct hasher *h;
	const char *name;
	const EVP_MD *md;

	if (algo == NULL || (name = known_algo(algo, strlen(algo))) == NULL)
		return NULL;
	if ((md = EVP_get_digestbyname(name)) == NULL ||
	    EVP_MD_size(md) != DIGEST_LEN)
		return NULL;
	h = xcalloc(1, sizeof(*h));
	h->md = md;
	if ((h->ctx = EVP_MD_CTX_new()) == NULL)
		die(EXIT_TROUBLE, "out of memory");
	snprintf(h->name, sizeof(h->name), "%s", name);
	hasher_start(h);
	return h;
}

/* hasher_update: feed n bytes at p. */
void
hasher_update(struct hasher *h, const void *p, size_t n)
{
	if (n > 0 && EVP_DigestUpdate(h->ctx, p, n) != 1)
		die(EXIT_TROUBLE, "%s: hash update failed", h->name);
}

/*
 * hasher_final: the digest of everything fed since the start, written as
 * "ALGO:HEX" (lower-case hex) into out; the hasher starts again, empty.
 */
void
hasher_final(struct hasher *h, char out[HASH_TEXT_MAX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	size_t n;

	if (EVP_DigestFinal_ex(h->ctx, md, &len) != 1 || len != DIGEST_LEN)
		die(EXIT_TROUBLE, "%s: hash final failed", h->name);
	n = strlen(h->name);
	memcpy(out, h->name, n);
	out[n++] = ':';
	for (i = 0; i < len; i++) {
		out[n++] = hex[md[i] >> 4];
		out[n++] = hex[md[i] & 15];
	}
	out[n] = '\0';
	hasher_start(h);
}

/* hasher_free: release h; NULL is ignored. */
void
hasher_free(struct hasher *h)
{
	if (h == NULL)
		return;
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

/*
 * hash_algo_of: when hashtext is a well-formed "ALGO:HEX" (a known
 * algorithm, then 64 lower-case hex digits), copy ALGO into algo (sz
 * bytes) and return algo; else NULL.
 */
const char *
hash_algo_of(const char *hashtext, char *algo, size_t sz)
{
	const char *colon, *name, *p;

	if (hashtext == NULL || (colon = strchr(hashtext, ':')) == NULL)
		return NULL;
	name = known_algo(hashtext, (size_t)(colon - hashtext));
	if (name == NULL || strlen(name) >= sz)
		return NULL;
	for (p = colon + 1; *p != '\0'; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return NULL;
	if (p - (colon + 1) != 2 * DIGEST_LEN)
		return NULL;
	memcpy(algo, name, strlen(name) + 1);
	return algo;
}
