/*
 * table_tally.c - counting the quotes and line feeds of a stretch of a
 * file, for tbl_split.
 *
 * In RFC 4180 a line feed ends a record exactly when an even number of
 * quotes stands before it (from a record start), since an escaped quote
 * is two.  tbl_split cuts a file into chunks, tallies each chunk in a
 * thread of its own, and adds the tallies up to know the parity of the
 * quotes, and the line number, at every chunk's start.
 *
 * The reader's careful scan departs from pure parity only at a quote
 * that would open a quoted field anywhere but at a field's start (after
 * a delimiter or a line feed), or right after a closing quote (an
 * escaped quote): such a quote is a fault, taken as data, and does not
 * toggle.  The tally notes the first such quote of the chunk under both
 * parities the chunk may start with; parity is exact before it, and
 * tbl_split falls back to the reader's own scan after it.
 *
 * Two versions give the same answers: eight bytes at a time in plain C,
 * and 64 bytes at a time with AVX2, where the openers are found from
 * the quote mask by a carry-less multiply prefix-XOR (PCLMULQDQ).
 */
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_TALLY 1
#include <immintrin.h>
#endif

#include "table_impl.h"

/* opens_ok: may a quote opening a field follow byte c? */
static int
opens_ok(unsigned char c, char delim)
{
	return c == (unsigned char)delim || c == '\n' || c == '"';
}

static void
note_bad(struct tally *ty, int hyp, long long off)
{
	if (ty->firstbad[hyp] < 0)
		ty->firstbad[hyp] = off;
}

/*
 * tally_bytes: p[0..n), at file offset off, one byte at a time; *par is
 * the parity of the quotes so far under an even start, *prev the byte
 * before p[0].
 */
static void
tally_bytes(const unsigned char *p, size_t n, long long off, char delim,
    int quoting, int *par, unsigned char *prev, struct tally *ty)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n')
			ty->lfs++;
		else if (p[i] == '"' && quoting) {
			/* under an even start it opens when *par is 0 */
			if (!opens_ok(*prev, delim))
				note_bad(ty, *par, off + (long long)i);
			*par ^= 1;
			ty->quotes++;
		}
		*prev = p[i];
	}
}

/* zero_bytes: 0x80 in each byte of w that is zero, else 0. */
static uint64_t
zero_bytes(uint64_t w)
{
	const uint64_t low7 = UINT64_C(0x7f7f7f7f7f7f7f7f);

	return ~(((w & low7) + low7) | w) & ~low7;
}

static size_t
count_bytes(uint64_t zb)
{
	return (size_t)(((zb >> 7) * UINT64_C(0x0101010101010101)) >> 56);
}

/* tally_plain: eight bytes at a time; words with a quote bytewise. */
static void
tally_plain(const unsigned char *p, size_t n, long long off, char delim,
    int quoting, struct tally *ty)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	unsigned char prev = p[-1];
	uint64_t w;
	size_t i;
	int par = 0;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		if (quoting && zero_bytes(w ^ ones * '"') != 0) {
			tally_bytes(p + i, 8, off + (long long)i, delim, quoting,
			    &par, &prev, ty);
			continue;
		}
		ty->lfs += count_bytes(zero_bytes(w ^ ones * '\n'));
		prev = p[i + 7];
	}
	tally_bytes(p + i, n - i, off + (long long)i, delim, quoting, &par,
	    &prev, ty);
}

#ifdef HAVE_AVX2_TALLY
__attribute__((target("avx2")))
static uint64_t
mask64(const unsigned char *p, __m256i v)
{
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
	uint32_t lo = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, v));
	uint32_t hi = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, v));

	return (uint64_t)hi << 32 | lo;
}

/* prefix_xor: bit i is the XOR of bits 0..i of m. */
__attribute__((target("pclmul,sse2")))
static uint64_t
prefix_xor(uint64_t m)
{
	__m128i x = _mm_set_epi64x(0, (long long)m);

	return (uint64_t)_mm_cvtsi128_si64(_mm_clmulepi64_si128(x,
	    _mm_set1_epi8(-1), 0));
}

/*
 * tally_avx2: 64 bytes at a time.  A block without a quote only has
 * its line feeds counted; in one with quotes, the openers under either
 * start are the quotes whose prefix-XOR (the parity through them) is
 * 1 or 0, and each must follow a delimiter, line feed or quote.
 */
__attribute__((target("avx2,popcnt,pclmul")))
static void
tally_avx2(const unsigned char *p, size_t n, long long off, char delim,
    int quoting, struct tally *ty)
{
	const __m256i vq = _mm256_set1_epi8('"');
	const __m256i vn = _mm256_set1_epi8('\n');
	const __m256i vd = _mm256_set1_epi8(delim);
	uint64_t q, nl, ok, after_ok, px, bad0, bad1, par = 0;
	unsigned char prev;
	size_t i;
	int ipar;

	for (i = 0; i + 64 <= n; i += 64) {
		nl = mask64(p + i, vn);
		ty->lfs += (size_t)__builtin_popcountll(nl);
		if (!quoting || (q = mask64(p + i, vq)) == 0)
			continue;
		ok = q | nl | mask64(p + i, vd);
		after_ok = ok << 1 | (uint64_t)opens_ok(p[(long long)i - 1],
		    delim);
		px = prefix_xor(q) ^ par;
		bad0 = q & px & ~after_ok;
		bad1 = q & ~px & ~after_ok;
		if (bad0 != 0)
			note_bad(ty, 0, off + (long long)i + __builtin_ctzll(bad0));
		if (bad1 != 0)
			note_bad(ty, 1, off + (long long)i + __builtin_ctzll(bad1));
		if (__builtin_popcountll(q) & 1)
			par = ~par;
		ty->quotes += (size_t)__builtin_popcountll(q);
	}
	prev = p[(long long)i - 1];
	ipar = par != 0;
	tally_bytes(p + i, n - i, off + (long long)i, delim, quoting, &ipar,
	    &prev, ty);
}
#endif

/*
 * scan_tally: the tally of p[0..n), which is at offset off of the file;
 * p[-1] must be readable (the byte before, which tells whether a quote
 * at p[0] may open a field).  With avx2 (only when scan_have_avx2()
 * said yes) 64 bytes at a time.
 */
void
scan_tally(const char *p, size_t n, long long off, char delim, int quoting,
    int avx2, struct tally *ty)
{
	memset(ty, 0, sizeof(*ty));
	ty->firstbad[0] = ty->firstbad[1] = -1;
#ifdef HAVE_AVX2_TALLY
	if (avx2) {
		tally_avx2((const unsigned char *)p, n, off, delim, quoting, ty);
		return;
	}
#else
	(void)avx2;
#endif
	tally_plain((const unsigned char *)p, n, off, delim, quoting, ty);
}
