/*
 * dupcount.c - counting the values of dup's column, fast when they are
 * ID numbers.
 *
 * A value of 17 digits and a check character (0-9, X or x) packs into
 * 64 bits without loss, whether or not its check character is right:
 * the digits as a number, times 16, plus 1 plus the check character's
 * code (0-9, 10 for X, 11 for x); never 0.  While the input is read,
 * each thread appends the packed values to one of NPART partitions,
 * chosen by the top bits of their hash: no table to miss in, no
 * allocation but a chunk every CHUNK rows, 8 bytes a value.  Values
 * gather in a cache line per partition first, and go to their chunk a
 * whole line at a time; on x86-64 with stores that bypass the cache
 * (the chunks are read only later, and no cache holds them all), which
 * spares reading each line from memory before it is written.  Then the
 * threads take the partitions in turn and count each in an
 * open-addressing table that fits the cache, keeping the values seen
 * twice or more.  Values of any other shape (and empty ones) go through
 * the generic agg of one key column, so the answer is the generic one.
 */
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__SSE2__)
#include <emmintrin.h>
#define STREAM	1
#endif

#include "stats.h"

#define NPART	256		/* partitions: the hash's top 8 bits */
#define PARTBITS 8
#define CHUNK	1016		/* packed values in a chunk (8 KiB) */
#define LINE	8		/* packed values in a cache line */
#define IDLEN	18

struct chunk {
	struct chunk *next;
	size_t	 n;
	_Alignas(64) uint64_t k[CHUNK];	/* whole cache lines */
};

struct dupcount {
	const struct aggspec *spec;
	struct agg *other;		/* values that do not pack */
	struct chunk *part[NPART];	/* packed values, all parts */
};

struct dcpart {			/* what one thread read */
	struct agg *other;
	int	 col;
	uint64_t *cur[NPART];		/* where the next line goes */
	uint64_t *end[NPART];		/* the end of part[i]'s chunk */
	struct chunk *part[NPART];
	uint64_t line[NPART][LINE];	/* values on their way to cur[i] */
	unsigned char nline[NPART];
};

/* ---- packing ---- */

/* load8: s[0..8) as a little-endian word, on any machine */
static inline uint64_t
load8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 |
	    (uint64_t)u[3] << 24 | (uint64_t)u[4] << 32 |
	    (uint64_t)u[5] << 40 | (uint64_t)u[6] << 48 |
	    (uint64_t)u[7] << 56;
}

/*
 * digits8: the eight ASCII digits at s as a number, -1 when one is not
 * a digit.  All eight bytes at once: a digit is 0x30..0x39, so its high
 * nibble is 3 before and after adding 6.
 */
static inline int
digits8(const char *s, uint64_t *v)
{
	const uint64_t hi = UINT64_C(0xF0F0F0F0F0F0F0F0);
	uint64_t w = load8(s);

	if (((w & hi) | (((w + UINT64_C(0x0606060606060606)) & hi) >> 4)) !=
	    UINT64_C(0x3333333333333333))
		return -1;
	w -= UINT64_C(0x3030303030303030);	/* byte i: digit i */
	w = (w * 10 + (w >> 8)) & UINT64_C(0x00FF00FF00FF00FF);
	w = (w * 100 + (w >> 16)) & UINT64_C(0x0000FFFF0000FFFF);
	w = (w * 10000 + (w >> 32)) & UINT64_C(0xFFFFFFFF);
	*v = w;
	return 0;
}

/* id_pack: the packed value of s[0..IDLEN), or 0 when it does not pack */
static uint64_t
id_pack(const char *s)
{
	uint64_t a, b, code;
	char c = s[IDLEN - 1];

	if (digits8(s, &a) != 0 || digits8(s + 8, &b) != 0 ||
	    s[16] < '0' || s[16] > '9')
		return 0;
	if (c >= '0' && c <= '9')
		code = (uint64_t)(c - '0');
	else if (c == 'X')
		code = 10;
	else if (c == 'x')
		code = 11;
	else
		return 0;
	return ((a * 100000000 + b) * 10 + (uint64_t)(s[16] - '0')) * 16 +
	    code + 1;
}

/* id_unpack: the text of packed value k into out[IDLEN] */
static void
id_unpack(uint64_t k, char out[IDLEN])
{
	static const char check[] = "0123456789Xx";
	uint64_t v = k >> 4;
	int i;

	out[IDLEN - 1] = check[(k & 15) - 1];
	for (i = IDLEN - 2; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* mix: a hash of a packed value (the splitmix64 finalizer) */
static uint64_t
mix(uint64_t k)
{
	k ^= k >> 30;
	k *= UINT64_C(0xbf58476d1ce4e5b9);
	k ^= k >> 27;
	k *= UINT64_C(0x94d049bb133111eb);
	return k ^ (k >> 31);
}

/* ---- reading: the scan job ---- */

/* room: a chunk with room for a line at p->cur[i] */
static void
room(struct dcpart *p, size_t i)
{
	struct chunk *c;

	if (p->cur[i] != p->end[i])
		return;
	if ((c = aligned_alloc(64, sizeof(*c))) == NULL)
		die(EXIT_TROUBLE, "out of memory");
	c->n = CHUNK;
	c->next = p->part[i];
	p->part[i] = c;
	p->cur[i] = c->k;
	p->end[i] = c->k + CHUNK;
}

/*
 * push: k to partition i.  The cursors and lines sit together, away
 * from the chunks, so that a row touches nothing but them; a chunk's
 * count is set when it is full or when the part ends.
 */
static void
push(struct dcpart *p, size_t i, uint64_t k)
{
	uint64_t *to;
	int j;

	p->line[i][p->nline[i]++] = k;
	if (p->nline[i] < LINE)
		return;
	room(p, i);
	to = p->cur[i];
#ifdef STREAM
	for (j = 0; j < LINE; j++)
		_mm_stream_si64((long long *)&to[j], (long long)p->line[i][j]);
#else
	for (j = 0; j < LINE; j++)
		to[j] = p->line[i][j];
#endif
	p->cur[i] += LINE;
	p->nline[i] = 0;
}

/* dc_done: the part's values, the last lines too, in memory for all
   threads to see */
static void
dc_done(void *st)
{
	struct dcpart *p = st;
	size_t i;
	int j;

	for (i = 0; i < NPART; i++) {
		for (j = 0; j < p->nline[i]; j++) {
			room(p, i);
			*p->cur[i]++ = p->line[i][j];
		}
		p->nline[i] = 0;
	}
#ifdef STREAM
	_mm_sfence();	/* the streamed stores are not ordered otherwise */
#endif
}

static void *
dc_new(void *arg)
{
	struct dupcount *dc = arg;
	struct dcpart *p = xcalloc(1, sizeof(*p));

	p->other = agg_new(dc->spec);
	return p;
}

static int
dc_bind(void *st, const struct table *t)
{
	struct dcpart *p = st;

	if (agg_bind(p->other, t) != 0)
		return -1;
	p->col = tbl_col(t, agg_spec(p->other)->keys[0]);
	return 0;
}

static void
dc_row(void *st, const struct table *t, const struct field *f)
{
	struct dcpart *p = st;
	const struct field *v = &f[p->col];
	uint64_t k;

	if (v->len != IDLEN || (k = id_pack(v->s)) == 0) {
		agg_row(p->other, t, f);
		return;
	}
	push(p, (size_t)(mix(k) >> (64 - PARTBITS)), k);
}

/* dc_merge: a part's values join the others (order does not matter) */
static void
dc_merge(void *arg, void *st)
{
	struct dupcount *dc = arg;
	struct dcpart *p = st;
	struct chunk *c;
	size_t i;

	for (i = 0; i < NPART; i++) {
		if ((c = p->part[i]) == NULL)
			continue;
		c->n = (size_t)(p->cur[i] - c->k);
		while (c->next)
			c = c->next;
		c->next = dc->part[i];
		dc->part[i] = p->part[i];
	}
	agg_merge(dc->other, p->other);
	free(p);
}

/* ---- counting the partitions ---- */

struct slot {
	uint64_t k;			/* 0: empty */
	int64_t	 n;
};

struct found {			/* the values seen twice or more */
	uint64_t *k;
	int64_t	*n;
	size_t	 len, cap;
};

struct counter {		/* one thread of the counting */
	struct dupcount *dc;
	int	 first, step;		/* first, first + step ... */
	struct slot *tab;		/* reused by each partition */
	size_t	 tabcap;
	struct found out;
};

static void
found_add(struct found *f, uint64_t k, int64_t n)
{
	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 1024;
		f->k = xreallocarray(f->k, f->cap, sizeof(*f->k));
		f->n = xreallocarray(f->n, f->cap, sizeof(*f->n));
	}
	f->k[f->len] = k;
	f->n[f->len++] = n;
}

/* count_part: count partition i, keep its repeated values; frees it */
static void
count_part(struct counter *w, int i)
{
	struct chunk *c, *next;
	size_t n = 0, cap = 16, mask, j, at;
	int shift, bits = 4;
	uint64_t k;

	for (c = w->dc->part[i]; c; c = c->next)
		n += c->n;
	if (n == 0)
		return;
	while (cap < 2 * n) {		/* load at most a half */
		cap *= 2;
		bits++;
	}
	if (cap > w->tabcap) {
		free(w->tab);
		w->tab = xreallocarray(NULL, cap, sizeof(*w->tab));
		w->tabcap = cap;
	}
	memset(w->tab, 0, cap * sizeof(*w->tab));
	mask = cap - 1;
	/* the bits below the partition's: they differ within it */
	shift = 64 - PARTBITS - bits;
	for (c = w->dc->part[i]; c; c = next) {
		next = c->next;
		for (j = 0; j < c->n; j++) {
			k = c->k[j];
			at = (size_t)(mix(k) >> shift) & mask;
			while (w->tab[at].k != 0 && w->tab[at].k != k)
				at = (at + 1) & mask;
			w->tab[at].k = k;
			w->tab[at].n++;
		}
		free(c);
	}
	w->dc->part[i] = NULL;
	for (j = 0; j < cap; j++)
		if (w->tab[j].n > 1)
			found_add(&w->out, w->tab[j].k, w->tab[j].n);
}

static void *
counter_run(void *arg)
{
	struct counter *w = arg;
	int i;

	for (i = w->first; i < NPART; i += w->step)
		count_part(w, i);
	return NULL;
}

/* count_all: count the partitions in nthreads threads; the repeated
   values join dc->other */
static void
count_all(struct dupcount *dc, int nthreads)
{
	struct counter w[NPART];
	char text[IDLEN];
	size_t g, j;
	int i;

	if (nthreads > NPART)
		nthreads = NPART;
	memset(w, 0, sizeof(w));
	for (i = 0; i < nthreads; i++) {
		w[i].dc = dc;
		w[i].first = i;
		w[i].step = nthreads;
	}
	run_threads(counter_run, w, sizeof(*w), nthreads);
	for (i = 0; i < nthreads; i++) {
		for (j = 0; j < w[i].out.len; j++) {
			id_unpack(w[i].out.k[j], text);
			g = agg_group(dc->other, text, IDLEN);
			agg_put_rows(dc->other, g, w[i].out.n[j]);
		}
		free(w[i].out.k);
		free(w[i].out.n);
		free(w[i].tab);
	}
}

struct agg *
dup_count(struct job *j, const struct aggspec *spec, char **files, int n,
    int *status)
{
	struct dupcount dc;
	struct job jj = *j;
	int i;

	memset(&dc, 0, sizeof(dc));
	dc.spec = spec;
	dc.other = agg_new(spec);
	jj.arg = &dc;
	jj.new_state = dc_new;
	jj.bind = dc_bind;
	jj.row = dc_row;
	jj.done = dc_done;
	jj.merge = dc_merge;
	*status = scan_files(&jj, files, n);
	if (*status != EXIT_TROUBLE)
		count_all(&dc, j->nthreads);
	else
		for (i = 0; i < NPART; i++)
			while (dc.part[i]) {
				struct chunk *c = dc.part[i];

				dc.part[i] = c->next;
				free(c);
			}
	return dc.other;
}
