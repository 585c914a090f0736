/*
 * table_scan.c - finding where a record ends and where its fields are.
 *
 * The fast scan handles a well-formed record, quoted fields and all: it
 * notes the offsets of the delimiters outside quotes up to the line
 * feed that ends the record, the line feeds inside quotes, whether a
 * field is quoted, and whether any byte is >= 0x80 (only then is UTF-8
 * checked).  It comes in two versions that give the same answers: a
 * byte loop over a class table, and an AVX2 loop that classifies 32
 * bytes at a time into bit masks (delimiters; line feed, CR, quote or
 * NUL; high bytes) and walks the set bits.  From a quote that opens a
 * field on, the AVX2 scan finds the bytes inside quotes by a prefix-XOR
 * of the quote mask (PCLMULQDQ), as simdcsv does.  Both rely on the
 * '\n' the reader keeps after the buffered bytes, and the AVX2 one on
 * padding after it.  Anything odd (a quote that opens a field anywhere
 * but at its start, text after a closing quote, a stray CR, a NUL, the
 * end of input inside quotes) makes them give up: SCAN_SLOW.
 *
 * The careful scan follows RFC 4180 byte by byte: a quote opens a quoted
 * field only at the start of a field; inside one, a doubled quote is a
 * quote and line feeds are data.  A fault (quote inside an unquoted
 * field, text after a closing quote, a stray CR, a NUL) is noted and
 * the byte is then taken as data, so that the record still ends at the
 * next line feed outside quotes and reading resumes there.
 *
 * Both scans are resumable: when the record runs past the buffered
 * bytes they return SCAN_MORE with their state saved as offsets from
 * the record's first byte, which stay right when the reader moves or
 * grows its buffer.  The fast scan of a record with a quoted field
 * starts again from the record's first byte instead (a record longer
 * than the buffer is rare, and the buffer at least doubles as it grows).
 */
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_SCAN 1
#include <immintrin.h>
#endif

#include "table_impl.h"
#include "valid.h"

/* Byte classes: C_PLAIN and C_HI are data wherever they are. */
enum { C_PLAIN = 0, C_HI, C_DELIM, C_NL, C_CR, C_STOP };

enum { ST_START, ST_UNQ, ST_Q, ST_QQ };

/* What a byte does to the careful scan. */
enum { A_DATA, A_FIELD, A_LF, A_CR, A_QUOTE, A_AFTERQUOTE };

int
scan_have_avx2(void)
{
#ifdef HAVE_AVX2_SCAN
	return __builtin_cpu_supports("avx2") &&
	    __builtin_cpu_supports("pclmul");
#else
	return 0;
#endif
}

/* scan_init: the class table and the choice of fast scan. */
void
scan_init(struct table *t)
{
	int c;

	memset(t->cls, C_PLAIN, sizeof(t->cls));
	for (c = 0x80; c < 0x100; c++)
		t->cls[c] = C_HI;
	t->cls['\n'] = C_NL;
	t->cls['\r'] = C_CR;
	t->cls[0] = C_STOP;
	if (t->quoting)
		t->cls['"'] = C_STOP;
	t->cls[(unsigned char)t->delim] = C_DELIM;
	memcpy(t->cls_hi, t->cls, sizeof(t->cls));
	for (c = 0x80; c < 0x100; c++)
		t->cls_hi[c] = C_PLAIN;
	if (tbl_scan_mode == SCAN_PLAIN)
		t->avx2 = 0;
	else
		t->avx2 = scan_have_avx2();
}

/* dpos_reserve: room for need delimiter offsets. */
void
dpos_reserve(struct table *t, size_t need)
{
	if (need <= t->dcap)
		return;
	t->dcap = t->dcap ? t->dcap : 64;
	while (t->dcap < need)
		t->dcap *= 2;
	t->dpos = xreallocarray(t->dpos, t->dcap, sizeof(t->dpos[0]));
}

/* at_lf: a line feed at offset i of the record (maybe the sentinel). */
static int
at_lf(const struct table *t, struct fscan *fs, size_t i)
{
	if (t->pos + i < t->len) {
		fs->end = i;
		fs->term = 1;
		return SCAN_DONE;
	}
	if (t->eof) {
		fs->end = i;
		fs->term = 0;
		return SCAN_DONE;
	}
	fs->at = i;
	return SCAN_MORE;
}

/*
 * cr_ends: a CR at offset i of the record: 2 it begins a CRLF, 1 it is
 * the last byte of the input (taken as a line end), 0 it needs the next
 * byte, -1 it is stray.
 */
static int
cr_ends(const struct table *t, const char *rec, size_t i)
{
	if (t->pos + i + 1 == t->len)
		return t->eof ? 1 : 0;
	return rec[i + 1] == '\n' ? 2 : -1;
}

static int
at_cr(const struct table *t, struct fscan *fs, size_t i)
{
	int k = cr_ends(t, t->buf + t->pos, i);

	if (k < 0)
		return SCAN_SLOW;
	if (k == 0) {
		fs->at = i;
		return SCAN_MORE;
	}
	fs->end = i;
	fs->term = (size_t)k;
	return SCAN_DONE;
}

/*
 * plain_quoted: the quoted field whose opening quote is at *ip, to its
 * closing quote; *ip is then the byte after it, which the caller
 * checks.  SCAN_DONE, SCAN_MORE (the field runs past the buffered
 * bytes) or SCAN_SLOW (a NUL, or the input ends inside the quotes).
 */
static int
plain_quoted(struct table *t, struct fscan *fs, size_t *ip)
{
	const unsigned char *rec = (const unsigned char *)t->buf + t->pos;
	const unsigned char *cls = fs->hi ? t->cls_hi : t->cls;
	size_t i = *ip + 1;
	unsigned k;

	for (;; i++) {
		/* in quotes, delimiters and CRs are data too */
		while ((k = cls[rec[i]]) == C_PLAIN || k == C_DELIM ||
		    k == C_CR)
			i++;
		if (k == C_HI) {
			fs->hi = 1;
			cls = t->cls_hi;
		} else if (k == C_NL) {
			if (t->pos + i >= t->len)
				return t->eof ? SCAN_SLOW : SCAN_MORE;
			fs->nl++;
		} else if (rec[i] == '"') {
			if (rec[i + 1] != '"')
				break;
			i++;
		} else
			return SCAN_SLOW;
	}
	*ip = i + 1;
	return SCAN_DONE;
}

/*
 * ends_field: may byte c (class k) follow a closing quote?  Only a
 * delimiter or a line end may.
 */
static int
ends_field(unsigned k)
{
	return k == C_DELIM || k == C_NL || k == C_CR;
}

static int
fast_plain(struct table *t, struct fscan *fs)
{
	const unsigned char *rec = (const unsigned char *)t->buf + t->pos;
	const unsigned char *cls = fs->hi ? t->cls_hi : t->cls;
	size_t i = fs->at;
	unsigned k;
	int r;

	for (;;) {
		while ((k = cls[rec[i]]) == C_PLAIN)
			i++;
		switch (k) {
		case C_DELIM:
			if (fs->nd == t->dcap)
				dpos_reserve(t, fs->nd + 1);
			t->dpos[fs->nd++] = i++;
			break;
		case C_HI:
			/* once one is seen, the rest are just data */
			fs->hi = 1;
			cls = t->cls_hi;
			i++;
			break;
		case C_NL:
			return at_lf(t, fs, i);
		case C_CR:
			return at_cr(t, fs, i);
		default:
			/* a quote opens a quoted field only at its start */
			if (rec[i] != '"' || (i > 0 &&
			    rec[i - 1] != (unsigned char)t->delim))
				return SCAN_SLOW;
			fs->quoted = 1;
			if ((r = plain_quoted(t, fs, &i)) != SCAN_DONE)
				return r;
			cls = fs->hi ? t->cls_hi : t->cls;
			if (!ends_field(cls[rec[i]]))
				return SCAN_SLOW;
		}
	}
}

#ifdef HAVE_AVX2_SCAN
/* prefix_xor32: bit i is the XOR of bits 0..i of m. */
__attribute__((target("pclmul,sse2")))
static uint32_t
prefix_xor32(uint32_t m)
{
	__m128i x = _mm_cvtsi32_si128((int)m);

	return (uint32_t)_mm_cvtsi128_si32(_mm_clmulepi64_si128(x,
	    _mm_set1_epi8(-1), 0));
}

/* eq_mask: the bytes of x equal to those of v, as bits. */
__attribute__((target("avx2")))
static uint32_t
eq_mask(__m256i x, __m256i v)
{
	return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, v));
}

/*
 * avx2_end: the record ends at byte j (an LF, a CR or a NUL outside
 * quotes): SCAN_DONE, or SCAN_MORE for a CR that is the last buffered
 * byte, or SCAN_SLOW.
 */
static int
avx2_end(const struct table *t, struct fscan *fs, const char *rec, size_t j)
{
	int k = 1;

	if (rec[j] == '\r' && (k = cr_ends(t, rec, j)) <= 0)
		return k < 0 ? SCAN_SLOW : SCAN_MORE;
	if (rec[j] == '\0')
		return SCAN_SLOW;
	fs->end = j;
	fs->term = (size_t)k;
	return SCAN_DONE;
}

/*
 * avx2_quoted: the rest of a record from the quote at i that opens a
 * field, 32 bytes at a time, as simdcsv does: the prefix-XOR of the
 * quote mask (a carry-less multiply by all ones) marks the bytes inside
 * quotes (an opening quote with them, a closing one not), so that only
 * delimiters and line ends outside them count.  A quote that opens
 * anywhere but after a delimiter or a closing quote (which makes it an
 * escaped one), a closing quote followed by anything but a quote, a
 * delimiter or a line end, a stray CR, a NUL, or the end of input inside
 * quotes, is left to the careful scan (SCAN_SLOW).
 */
__attribute__((target("avx2,popcnt,pclmul")))
static int
avx2_quoted(struct table *t, struct fscan *fs, size_t i)
{
	const char *rec = t->buf + t->pos;
	const size_t lim = t->len - t->pos;
	const __m256i vq = _mm256_set1_epi8('"');
	const __m256i vd = _mm256_set1_epi8(t->delim);
	const __m256i vn = _mm256_set1_epi8('\n');
	const __m256i vr = _mm256_set1_epi8('\r');
	const __m256i vz = _mm256_setzero_si256();
	uint32_t inq = 0, okc = 1, closec = 0;
	uint32_t valid, q, d, n, r, z, in, close, sd, end, below, m;
	__m256i x;

	fs->quoted = 1;
	for (;; i += 32) {
		x = _mm256_loadu_si256((const __m256i *)(const void *)(rec + i));
		valid = lim - i >= 32 ? UINT32_MAX :
		    (UINT32_C(1) << (lim - i)) - 1;
		q = eq_mask(x, vq) & valid;
		d = eq_mask(x, vd) & valid;
		n = eq_mask(x, vn) & valid;
		r = eq_mask(x, vr) & valid;
		z = eq_mask(x, vz) & valid;
		in = prefix_xor32(q) ^ inq;
		close = q & ~in;
		sd = d & ~in;
		end = ((n | r) & ~in) | z;
		below = end ? (UINT32_C(1) << __builtin_ctz(end)) - 1 :
		    UINT32_MAX;
		if ((q & in & ~((sd | close) << 1 | okc) & below) != 0 ||
		    ((close << 1 | closec) & ~(q | d | n | r) & below &
		    valid) != 0)
			return SCAN_SLOW;
		if (t->dcap - fs->nd < 32)
			dpos_reserve(t, fs->nd + 32);
		for (m = sd & below; m != 0; m &= m - 1)
			t->dpos[fs->nd++] = i + (size_t)__builtin_ctz(m);
		if (((uint32_t)_mm256_movemask_epi8(x) & valid & below) != 0)
			fs->hi = 1;
		fs->nl += __builtin_popcount(n & in & below);
		if (end != 0)
			return avx2_end(t, fs, rec, i + (size_t)__builtin_ctz(end));
		if (lim - i <= 32) {
			/* every buffered byte seen, and no line end */
			if (!t->eof)
				return SCAN_MORE;
			if (in >> (lim - i - 1) & 1)
				return SCAN_SLOW;
			fs->end = lim;
			fs->term = 0;
			return SCAN_DONE;
		}
		inq = in >> 31 ? UINT32_MAX : 0;
		okc = (sd | close) >> 31;
		closec = close >> 31;
	}
}

__attribute__((target("avx2")))
static int
fast_avx2(struct table *t, struct fscan *fs)
{
	const char *rec = t->buf + t->pos;
	const __m256i vd = _mm256_set1_epi8(t->delim);
	const __m256i vn = _mm256_set1_epi8('\n');
	const __m256i vr = _mm256_set1_epi8('\r');
	const __m256i vq = _mm256_set1_epi8(t->quoting ? '"' : 0);
	const __m256i vz = _mm256_setzero_si256();
	__m256i x, stop;
	uint32_t md, ms, mh, hi = 0, below;
	size_t i = fs->at, nd = fs->nd, cap = t->dcap, *dpos = t->dpos;

	/* locals, not fs and t, so that the stores to dpos alias nothing */
	for (;;) {
		x = _mm256_loadu_si256((const __m256i *)(const void *)(rec + i));
		stop = _mm256_or_si256(
		    _mm256_or_si256(_mm256_cmpeq_epi8(x, vn),
		    _mm256_cmpeq_epi8(x, vr)),
		    _mm256_or_si256(_mm256_cmpeq_epi8(x, vq),
		    _mm256_cmpeq_epi8(x, vz)));
		md = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, vd));
		ms = (uint32_t)_mm256_movemask_epi8(stop);
		mh = (uint32_t)_mm256_movemask_epi8(x);
		if (ms != 0) {
			below = (UINT32_C(1) << __builtin_ctz(ms)) - 1;
			md &= below;
			mh &= below;
		}
		hi |= mh;
		if (cap - nd < 32) {
			dpos_reserve(t, nd + 32);
			cap = t->dcap;
			dpos = t->dpos;
		}
		for (; md != 0; md &= md - 1)
			dpos[nd++] = i + (size_t)__builtin_ctz(md);
		if (ms != 0)
			break;
		i += 32;
	}
	fs->nd = nd;
	if (hi != 0)
		fs->hi = 1;
	i += (size_t)__builtin_ctz(ms);
	if (rec[i] == '\n')
		return at_lf(t, fs, i);
	if (rec[i] == '\r')
		return at_cr(t, fs, i);
	/* a quote opens a quoted field only at its start */
	if (rec[i] == '"' && (i == 0 || rec[i - 1] == t->delim))
		return avx2_quoted(t, fs, i);
	return SCAN_SLOW;
}
#endif

#ifdef HAVE_AVX2_SCAN
/*
 * UTF-8 checked 32 bytes at a time by the lookup method of Keiser and
 * Lemire ("Validating UTF-8 in less than one instruction per byte",
 * 2021; simdjson's): three 16-entry tables indexed by the nibbles of
 * each byte and of the byte before it flag the faults of each pair of
 * bytes; the third and fourth bytes of long characters are checked by
 * where the lead bytes two and three back are.
 */
#define TOO_SHORT	(1 << 0)	/* lead, then no continuation */
#define TOO_LONG	(1 << 1)	/* ASCII, then a continuation */
#define OVERLONG_3	(1 << 2)	/* E0 80..9F */
#define TOO_LARGE	(1 << 3)	/* above U+10FFFF */
#define SURROGATE	(1 << 4)	/* ED A0..BF */
#define OVERLONG_2	(1 << 5)	/* C0, C1 */
#define TOO_LARGE_1000	(1 << 6)	/* F5.. 80..8F */
#define OVERLONG_4	(1 << 6)	/* F0 80..8F */
#define TWO_CONTS	(1 << 7)	/* continuation after continuation */
#define CARRY		(TOO_SHORT | TOO_LONG | TWO_CONTS)

#define B_(x)	((char)(x))
#define TABLE16(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
	_mm256_setr_epi8(B_(a), B_(b), B_(c), B_(d), B_(e), B_(f), B_(g), \
	    B_(h), B_(i), B_(j), B_(k), B_(l), B_(m), B_(n), B_(o), B_(p), \
	    B_(a), B_(b), B_(c), B_(d), B_(e), B_(f), B_(g), B_(h), B_(i), \
	    B_(j), B_(k), B_(l), B_(m), B_(n), B_(o), B_(p))

/* utf8_faults: the faults of block in after block prev (0: none). */
__attribute__((target("avx2")))
static __m256i
utf8_faults(__m256i in, __m256i prev)
{
	const __m256i lo4 = _mm256_set1_epi8(0x0F);
	const __m256i t1h = TABLE16(TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
	    TOO_SHORT | OVERLONG_2, TOO_SHORT,
	    TOO_SHORT | OVERLONG_3 | SURROGATE,
	    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
	const __m256i t1l = TABLE16(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
	    CARRY | OVERLONG_2, CARRY, CARRY, CARRY | TOO_LARGE,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000);
	const __m256i t2h = TABLE16(TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 |
	    OVERLONG_4,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
	__m256i back = _mm256_permute2x128_si256(prev, in, 0x21);
	__m256i p1 = _mm256_alignr_epi8(in, back, 15);
	__m256i p2 = _mm256_alignr_epi8(in, back, 14);
	__m256i p3 = _mm256_alignr_epi8(in, back, 13);
	__m256i pairs, third, fourth, must23;

	pairs = _mm256_and_si256(_mm256_and_si256(
	    _mm256_shuffle_epi8(t1h,
	    _mm256_and_si256(_mm256_srli_epi16(p1, 4), lo4)),
	    _mm256_shuffle_epi8(t1l, _mm256_and_si256(p1, lo4))),
	    _mm256_shuffle_epi8(t2h,
	    _mm256_and_si256(_mm256_srli_epi16(in, 4), lo4)));
	third = _mm256_subs_epu8(p2, _mm256_set1_epi8((char)(0xE0 - 1)));
	fourth = _mm256_subs_epu8(p3, _mm256_set1_epi8((char)(0xF0 - 1)));
	must23 = _mm256_cmpgt_epi8(_mm256_or_si256(third, fourth),
	    _mm256_setzero_si256());
	return _mm256_xor_si256(pairs,
	    _mm256_and_si256(must23, _mm256_set1_epi8((char)0x80)));
}

/* The first n bytes of 32 kept, the rest zero (NUL is ASCII). */
static const unsigned char keep_mask[64] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF
};

/*
 * utf8_valid_avx2: s[0..n) is UTF-8?  Reads up to 31 bytes past the
 * end (zeroed before use): the reader's buffer has that padding.  A
 * block of ASCII needs no lookups, only that the block before it did
 * not end inside a character.
 */
__attribute__((target("avx2")))
static int
utf8_valid_avx2(const char *s, size_t n)
{
	const __m256i last = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1,
	    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	    -1, -1, -1, -1, -1, B_(0xF0 - 1), B_(0xE0 - 1), B_(0xC0 - 1));
	__m256i prev = _mm256_setzero_si256(), err = prev, open = prev, in;
	size_t i;

	for (i = 0; i < n; i += 32) {
		in = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		if (n - i < 32)
			in = _mm256_and_si256(in, _mm256_loadu_si256(
			    (const __m256i *)(const void *)(keep_mask + 32 -
			    (n - i))));
		if (_mm256_movemask_epi8(in) == 0)
			err = _mm256_or_si256(err, open);
		else {
			err = _mm256_or_si256(err, utf8_faults(in, prev));
			open = _mm256_subs_epu8(in, last);
		}
		prev = in;
	}
	err = _mm256_or_si256(err, open);
	return _mm256_testz_si256(err, err);
}
#endif

/*
 * scan_utf8_valid: 1 when s[0..n) is well-formed UTF-8; with avx2 (only
 * when scan_have_avx2() said yes) 32 bytes at a time, and then s[n] to
 * s[n + 31] must be readable; else by utf8_valid of valid.h.
 */
int
scan_utf8_valid(int avx2, const char *s, size_t n)
{
#ifdef HAVE_AVX2_SCAN
	if (avx2)
		return utf8_valid_avx2(s, n);
#else
	(void)avx2;
#endif
	return utf8_valid(s, n);
}

/*
 * scan_fast: go on with the fast scan of the record at t->pos.
 * SCAN_DONE (fs->end, fs->term, delimiters in t->dpos), SCAN_MORE, or
 * SCAN_SLOW when the record needs the careful scan.
 */
int
scan_fast(struct table *t, struct fscan *fs)
{
	int r;

#ifdef HAVE_AVX2_SCAN
	if (t->avx2)
		r = fast_avx2(t, fs);
	else
#endif
		r = fast_plain(t, fs);
	/* a record with a quoted field is scanned again from its start */
	if (r == SCAN_MORE && fs->quoted)
		memset(fs, 0, sizeof(*fs));
	return r;
}

/* step: the careful scan's move on byte c from state *st. */
static int
step(const struct table *t, int *st, unsigned char c)
{
	switch (*st) {
	case ST_Q:
		if (c == '"')
			*st = ST_QQ;
		return A_DATA;
	case ST_QQ:
		if (c == '"') {
			*st = ST_Q;
			return A_DATA;
		}
		if (c == (unsigned char)t->delim) {
			*st = ST_START;
			return A_FIELD;
		}
		if (c == '\n')
			return A_LF;
		if (c == '\r')
			return A_CR;
		*st = ST_UNQ;
		return A_AFTERQUOTE;
	case ST_START:
		if (c == '"' && t->quoting) {
			*st = ST_Q;
			return A_DATA;
		}
		/* FALLTHROUGH */
	default:
		if (c == (unsigned char)t->delim) {
			*st = ST_START;
			return A_FIELD;
		}
		if (c == '\n')
			return A_LF;
		if (c == '\r')
			return A_CR;
		*st = ST_UNQ;
		return c == '"' && t->quoting ? A_QUOTE : A_DATA;
	}
}

static void
fault(struct rscan *rs, int f)
{
	if (rs->fault == FAULT_NONE) {
		rs->fault = f;
		rs->faultfield = rs->field;
	}
}

/*
 * scan_careful: go on with the careful scan of the record at t->pos.
 * SCAN_DONE (rs->end, rs->term, rs->nl, rs->fault) or SCAN_MORE.  At the
 * end of input inside quotes the fault is FAULT_UNTERMINATED.
 */
int
scan_careful(struct table *t, struct rscan *rs)
{
	const char *rec = t->buf + t->pos;
	size_t n = t->len - t->pos, i;
	int st = rs->state, k;

	for (i = rs->at; i < n; i++) {
		unsigned char c;

		/* runs of data inside a field (rec[n] is a '\n') */
		if (st == ST_UNQ || st == ST_Q) {
			while (t->cls[(unsigned char)rec[i]] <= C_HI)
				i++;
			if (i == n)
				break;
		}
		c = (unsigned char)rec[i];
		if (c == 0)
			fault(rs, FAULT_NUL);
		switch (step(t, &st, c)) {
		case A_DATA:
			if (c == '\n')
				rs->nl++;
			break;
		case A_FIELD:
			rs->field++;
			break;
		case A_LF:
			rs->end = i;
			rs->term = 1;
			return SCAN_DONE;
		case A_CR:
			if ((k = cr_ends(t, rec, i)) == 0) {
				rs->at = i;
				rs->state = st;
				return SCAN_MORE;
			}
			if (k > 0) {
				rs->end = i;
				rs->term = (size_t)k;
				return SCAN_DONE;
			}
			fault(rs, FAULT_CR);
			st = ST_UNQ;
			break;
		case A_QUOTE:
			fault(rs, FAULT_QUOTE);
			break;
		case A_AFTERQUOTE:
			fault(rs, FAULT_AFTERQUOTE);
			break;
		}
	}
	if (!t->eof) {
		rs->at = n;
		rs->state = st;
		return SCAN_MORE;
	}
	if (st == ST_Q) {
		rs->fault = FAULT_UNTERMINATED;
		rs->faultfield = rs->field;
	}
	rs->end = n;
	rs->term = 0;
	return SCAN_DONE;
}

/*
 * scan_count_lf: the line feeds in s[0..n), eight bytes at a time: a
 * byte of w ^ 0x0a0a... is zero where w holds a line feed, the zero
 * bytes of x are those whose top bit stays clear in
 * ((x & 0x7f..) + 0x7f..) | x, and multiplying the 0/1 bytes by
 * 0x0101... adds them up in the top byte.
 */
size_t
scan_count_lf(const char *s, size_t n)
{
	const uint64_t lf = UINT64_C(0x0a0a0a0a0a0a0a0a);
	const uint64_t low7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
	uint64_t w, x;
	size_t i = 0, count = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		x = w ^ lf;
		x = (~(((x & low7) + low7) | x) & ~low7) >> 7;
		count += (size_t)((x * UINT64_C(0x0101010101010101)) >> 56);
	}
	for (; i < n; i++)
		count += s[i] == '\n';
	return count;
}

/*
 * scan_field_at: the 0-based field that holds byte off of the record
 * rec (for messages about a byte found by offset).
 */
size_t
scan_field_at(const struct table *t, const char *rec, size_t off)
{
	size_t i, field = 0;
	int st = ST_START;

	for (i = 0; i < off; i++)
		if (step(t, &st, (unsigned char)rec[i]) == A_FIELD)
			field++;
	return field;
}
