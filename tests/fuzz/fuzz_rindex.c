/*
 * fuzz_rindex.c - the real-name index (lib/rindex.c), the cache that
 * union-enroll trusts to refuse a second live membership.
 *
 * The input is a roster, a byte 0x1E, then more bytes; the first byte
 * of all says what they are:
 *  even: rows appended to the roster after its index was written (as
 *	union-enroll add appends).  The index read from its file plus
 *	the appended tail must answer every lookup, and the largest
 *	member number, exactly as a full scan of the roster does; or,
 *	when the roster cannot be read, fail with the same message.
 *  odd: the bytes of a members.rindex file.  Its header is mended so
 *	that it passes the checks a torn or stale file fails (the
 *	roster's identity and tail hash, the header hash): what follows
 *	is trusted, and looking anything up in it must stay within it.
 */
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rindex.h"

#define HDR	64		/* rindex.c's header, and its fields */

static void
put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* The format's integers are little-endian (rindex.h), stated here
   apart from rindex.c's own helpers. */
static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* the_keys: the key of every id_number of the roster, and a few more */
static size_t
the_keys(uint64_t *keys, size_t max)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	char *path = datadir_path(fuzz_scratch(), "members.csv");
	struct table *t = tbl_open(path, &o);
	const struct field *f;
	size_t n = 0;
	int col, r;

	free(path);
	keys[n++] = 0;
	keys[n++] = UINT64_MAX;
	if (t == NULL)
		return n;
	col = tbl_col(t, "id_number");
	while (col >= 0 && n < max && (r = tbl_next(t)) != TBL_EOF &&
	    r != TBL_FATAL) {
		f = tbl_fields(t);
		if (r == TBL_ROW && rindex_key(f[col].s, f[col].len,
		    &keys[n]) == 0)
			n++;
	}
	tbl_close(t);
	return n;
}

/* same_answers: a and b agree on every key. */
static void
same_answers(const struct rindex *a, const struct rindex *b)
{
	uint64_t keys[512];
	uint32_t ma, mb;
	size_t i, n = the_keys(keys, NELEM(keys));

	FUZZ_CHECK(rindex_max_member(a) == rindex_max_member(b));
	for (i = 0; i < n; i++) {
		ma = mb = 7;
		FUZZ_CHECK(rindex_lookup(a, keys[i], &ma) ==
		    rindex_lookup(b, keys[i], &mb));
		FUZZ_CHECK(ma == mb);
	}
}

static void
appended(const uint8_t *roster, size_t n, const uint8_t *tail, size_t tn)
{
	struct rindex *built, *cached, *scanned;
	struct rindex_stats st;
	struct buf said1 = {0}, said2 = {0};
	int saved;

	fuzz_put("members.csv", roster, n, 0);
	/* union-enroll never leaves a row without its line end */
	if (n > 0 && roster[n - 1] != '\n')
		fuzz_put("members.csv", "\n", 1, 1);
	fuzz_drop(RINDEX_FILE);
	if ((built = rindex_open(fuzz_scratch(), RI_WRITE)) == NULL)
		return;
	rindex_stats(built, &st);
	FUZZ_CHECK(st.rebuilt && st.written);
	rindex_close(built);
	fuzz_put("members.csv", tail, tn, 1);
	saved = fuzz_catch();
	cached = rindex_open(fuzz_scratch(), 0);
	fuzz_caught(saved, &said1);
	saved = fuzz_catch();
	scanned = rindex_open(fuzz_scratch(), RI_REBUILD);
	fuzz_caught(saved, &said2);
	FUZZ_CHECK(said1.len == said2.len &&
	    memcmp(buf_cstr(&said1), buf_cstr(&said2), said1.len) == 0);
	buf_free(&said1);
	buf_free(&said2);
	FUZZ_CHECK((cached == NULL) == (scanned == NULL));
	if (cached == NULL)
		return;
	rindex_stats(cached, &st);
	FUZZ_CHECK(!st.rebuilt);
	same_answers(cached, scanned);
	rindex_close(cached);
	rindex_close(scanned);
}

/* mend: make idx[0..n) pass for the roster's covered bytes. */
static void
mend(unsigned char *idx, size_t n, const uint8_t *roster, size_t rn)
{
	char *path = datadir_path(fuzz_scratch(), "members.csv");
	struct stat sb;
	uint64_t covered, from;

	FUZZ_CHECK(stat(path, &sb) == 0);
	free(path);
	if (n < HDR)
		return;
	memcpy(idx, "URIDX\0\0\1", 8);
	covered = get64(idx + 8) % (rn + 1);
	from = covered > 4096 ? covered - 4096 : 0;
	put64(idx + 8, covered);
	put64(idx + 16, (uint64_t)sb.st_dev);
	put64(idx + 24, (uint64_t)sb.st_ino);
	put64(idx + 32, hash_bytes(roster + from, (size_t)(covered - from)));
	put64(idx + 56, hash_bytes(idx, 56));
}

static void
hostile(const uint8_t *roster, size_t n, const uint8_t *idx, size_t in)
{
	struct rindex *r;
	unsigned char *copy = xmalloc(in + 1);
	uint64_t keys[512];
	uint32_t m;
	size_t i, k;

	fuzz_put("members.csv", roster, n, 0);
	memcpy(copy, idx, in);
	mend(copy, in, roster, n);
	fuzz_put(RINDEX_FILE, copy, in, 0);
	free(copy);
	if ((r = rindex_open(fuzz_scratch(), 0)) == NULL)
		return;
	k = the_keys(keys, NELEM(keys));
	for (i = 0; i + 20 <= in && k < NELEM(keys); i += 12)
		keys[k++] = get64(idx + i);	/* keys the file holds */
	for (i = 0; i < k; i++)
		(void)rindex_lookup(r, keys[i], &m);
	(void)rindex_max_member(r);
	rindex_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *cut;
	size_t n;

	fuzz_setup();
	if (size < 1 || size > 64 * 1024)
		return 0;
	cut = memchr(data + 1, 0x1E, size - 1);
	n = cut ? (size_t)(cut - data) - 1 : size - 1;
	if (data[0] & 1)
		hostile(data + 1, n, cut ? cut + 1 : data + size,
		    cut ? size - n - 2 : 0);
	else
		appended(data + 1, n, cut ? cut + 1 : data + size,
		    cut ? size - n - 2 : 0);
	return 0;
}
