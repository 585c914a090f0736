/*
 * rindex.c - the real-name index beside the roster (format: rindex.h).
 *
 * Opening it costs a header read, a 4 KiB read of the roster to check it
 * still describes the file, a map of the entries, and a parse of the
 * rows appended since it was written.  Lookups are binary searches over
 * the mapped entries and the sorted tail.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "diag.h"
#include "rindex.h"
#include "table.h"
#include "util.h"

#define HDR_SIZE	64
#define ENT_SIZE	12
#define TAIL_PROBE	4096
#define STATE_SHIFT	30
#define MEMBER_MASK	((UINT32_C(1) << STATE_SHIFT) - 1)

static const unsigned char magic[8] = { 'U', 'R', 'I', 'D', 'X', 0, 0, 1 };

struct entry {
	uint64_t key;
	uint32_t val;		/* member number | state << STATE_SHIFT */
};

/* a growable array of entries and the largest member number seen */
struct entries {
	struct entry *v;
	size_t	 n, cap;
	uint32_t max_member;
	size_t	 rows;		/* roster rows read */
};

/* what ties an index to one state of the roster */
struct fingerprint {
	uint64_t covered, dev, ino, tailhash;
};

struct rindex {
	unsigned char *map;	/* the index file, mapped; NULL if none */
	size_t	 mapsz;
	const unsigned char *base;	/* map + HDR_SIZE */
	size_t	 nbase;
	uint32_t base_max;
	struct entries tail;	/* sorted */
	struct rindex_stats st;
};

struct rindex_build {
	struct entries e;
};

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

static void
put32(unsigned char *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

int
rindex_key(const char *id, size_t n, uint64_t *key)
{
	uint64_t k = 0;
	size_t i;
	int check;

	if (n != 18)
		return -1;
	for (i = 0; i < 17; i++) {
		if (id[i] < '0' || id[i] > '9')
			return -1;
		k = k * 10 + (uint64_t)(id[i] - '0');
	}
	if (id[17] >= '0' && id[17] <= '9')
		check = id[17] - '0';
	else if (id[17] == 'X' || id[17] == 'x')
		check = 10;
	else
		return -1;
	*key = k * 11 + (uint64_t)check;
	return 0;
}

uint32_t
rindex_member_number(const char *s, size_t n)
{
	uint32_t v = 0;
	size_t i;

	if (n != 9 || s[0] != 'M')
		return 0;
	for (i = 1; i < 9; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	return v;
}

static int
state_of(const char *s, size_t n)
{
	if (streqn(s, n, "active"))
		return RI_ACTIVE;
	if (streqn(s, n, "retained"))
		return RI_RETAINED;
	if (streqn(s, n, "deceased"))
		return RI_DECEASED;
	return RI_NONE;
}

/* entries_row: account for one roster row (any status) */
static void
entries_row(struct entries *e, const char *mid, size_t mlen,
    const char *id, size_t ilen, const char *status, size_t slen)
{
	uint32_t member = rindex_member_number(mid, mlen);
	uint64_t key;
	int state;

	e->rows++;
	if (member > e->max_member)
		e->max_member = member;
	if ((state = state_of(status, slen)) == RI_NONE ||
	    rindex_key(id, ilen, &key) != 0)
		return;
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 1024;
		e->v = xreallocarray(e->v, e->cap, sizeof(*e->v));
	}
	e->v[e->n].key = key;
	e->v[e->n].val = member | (uint32_t)state << STATE_SHIFT;
	e->n++;
}

/*
 * sort_entries: LSD radix sort on the key, 15 bits a pass (keys are
 * below 11 * 10^17 < 2^60); stable, so equal keys keep roster order.
 */
static void
sort_entries(struct entries *e)
{
	enum { BITS = 15, NB = 1 << BITS, PASSES = 4 };
	struct entry *tmp, *src = e->v, *dst, *t;
	size_t *count, i, sum, c;
	int pass;

	if (e->n < 2)
		return;
	tmp = xreallocarray(NULL, e->n, sizeof(*tmp));
	count = xcalloc(NB, sizeof(*count));
	dst = tmp;
	for (pass = 0; pass < PASSES; pass++) {
		int shift = pass * BITS;

		memset(count, 0, NB * sizeof(*count));
		for (i = 0; i < e->n; i++)
			count[(src[i].key >> shift) & (NB - 1)]++;
		for (i = 0, sum = 0; i < NB; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < e->n; i++)
			dst[count[(src[i].key >> shift) & (NB - 1)]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	/* an even number of passes leaves the result in e->v */
	free(tmp);
	free(count);
}

/*
 * scan_roster: every row of [start, end) of the roster (end 0: all).
 * 0; -1 after a message; -2 when a range cannot be read to its end:
 * its line numbers are not the file's, so nothing is said, and the
 * caller scans the whole roster to say where.
 */
static int
scan_roster(const char *path, long long start, long long end,
    struct entries *e)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	struct table *t;
	const struct field *f;
	int cm, ci, cs, r;

	t = end > 0 ? tbl_open_range(path, &o, start, end, 2) :
	    tbl_open(path, &o);
	if (t == NULL)
		return -1;
	cm = tbl_col(t, "member_id");
	ci = tbl_col(t, "id_number");
	cs = tbl_col(t, "status");
	if (cm < 0 || ci < 0 || cs < 0) {
		warnmsg("%s: member_id, id_number and status columns needed",
		    tbl_name(t));
		tbl_close(t);
		return -1;
	}
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_FATAL) {
			if (end == 0)
				tbl_perror(t);
			tbl_close(t);
			return end == 0 ? -1 : -2;
		}
		if (r == TBL_BAD)
			continue;
		f = tbl_fields(t);
		entries_row(e, f[cm].s, f[cm].len, f[ci].s, f[ci].len,
		    f[cs].s, f[cs].len);
	}
	tbl_close(t);
	return 0;
}

/*
 * fingerprint_of: tie covered bytes of the file at path to its identity
 * (covered = its size when use_size).  0; 1 when the file is shorter
 * than covered; -1 when it cannot be read (a message unless quiet).
 */
static int
fingerprint_of(const char *path, struct fingerprint *fp, int use_size,
    int quiet)
{
	unsigned char buf[TAIL_PROBE];
	struct stat sb;
	off_t from;
	ssize_t got;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &sb) != 0) {
		if (!quiet)
			warnmsg("%s: cannot open:", path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (use_size)
		fp->covered = (uint64_t)sb.st_size;
	else if ((uint64_t)sb.st_size < fp->covered) {
		close(fd);
		return 1;
	}
	fp->dev = (uint64_t)sb.st_dev;
	fp->ino = (uint64_t)sb.st_ino;
	from = fp->covered > TAIL_PROBE ? (off_t)(fp->covered - TAIL_PROBE) : 0;
	got = pread(fd, buf, (size_t)((off_t)fp->covered - from), from);
	close(fd);
	if (got != (ssize_t)((off_t)fp->covered - from)) {
		if (!quiet)
			warnmsg("%s: short read", path);
		return -1;
	}
	fp->tailhash = hash_bytes(buf, (size_t)got);
	return 0;
}

/* header_of: the 64-byte header for an index */
static void
header_of(unsigned char *h, const struct fingerprint *fp, uint64_t count,
    uint32_t max_member)
{
	memset(h, 0, HDR_SIZE);
	memcpy(h, magic, sizeof(magic));
	put64(h + 8, fp->covered);
	put64(h + 16, fp->dev);
	put64(h + 24, fp->ino);
	put64(h + 32, fp->tailhash);
	put64(h + 40, count);
	put32(h + 48, max_member);
	put64(h + 56, hash_bytes(h, 56));
}

struct writer {
	int	 fd;
	unsigned char buf[1 << 16];
	size_t	 len;
	int	 err;
};

static void
w_flush(struct writer *w)
{
	size_t off = 0;
	ssize_t n;

	while (!w->err && off < w->len) {
		if ((n = write(w->fd, w->buf + off, w->len - off)) < 0) {
			if (errno == EINTR)
				continue;
			w->err = errno;
		} else
			off += (size_t)n;
	}
	w->len = 0;
}

static void
w_entry(struct writer *w, uint64_t key, uint32_t val)
{
	if (w->len + ENT_SIZE > sizeof(w->buf))
		w_flush(w);
	put64(w->buf + w->len, key);
	put32(w->buf + w->len + 8, val);
	w->len += ENT_SIZE;
}

/*
 * write_index: the merge of base (nbase file entries, sorted) and tail
 * (sorted) under the fingerprint fp, to RINDEX_FILE by way of a
 * temporary file, fsync and rename.
 */
static int
write_index(const char *dir, const struct fingerprint *fp,
    const unsigned char *base, size_t nbase, const struct entries *tail,
    uint32_t max_member)
{
	struct writer *w = xcalloc(1, sizeof(*w));
	char *tmp = datadir_path(dir, RINDEX_FILE ".tmp");
	char *path = datadir_path(dir, RINDEX_FILE);
	size_t i = 0, j = 0;
	int rc = -1;

	if ((w->fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640)) < 0) {
		warnmsg("%s:", tmp);
		goto out;
	}
	header_of(w->buf, fp, nbase + tail->n, max_member);
	w->len = HDR_SIZE;
	while (i < nbase || j < tail->n) {
		uint64_t bk = i < nbase ? get64(base + i * ENT_SIZE) : 0;

		if (i < nbase && (j == tail->n || bk <= tail->v[j].key)) {
			w_entry(w, bk, get32(base + i * ENT_SIZE + 8));
			i++;
		} else {
			w_entry(w, tail->v[j].key, tail->v[j].val);
			j++;
		}
	}
	w_flush(w);
	if (w->err == 0 && fsync(w->fd) != 0)
		w->err = errno;
	if (close(w->fd) != 0 && w->err == 0)
		w->err = errno;
	if (w->err == 0 && rename(tmp, path) != 0)
		w->err = errno;
	if (w->err != 0) {
		errno = w->err;
		warnmsg("%s:", path);
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(w);
	free(tmp);
	free(path);
	return rc;
}

/*
 * map_index: map the index file when it describes the roster at path
 * as it is now; fills fp with the part it covers.  0 mapped, 1 stale or
 * missing.
 */
static int
map_index(struct rindex *r, const char *dir, const char *path,
    struct fingerprint *fp)
{
	unsigned char h[HDR_SIZE];
	struct fingerprint now;
	char *ipath = datadir_path(dir, RINDEX_FILE);
	struct stat sb;
	uint64_t count;
	void *m;
	int fd;

	fd = open(ipath, O_RDONLY);
	free(ipath);
	if (fd < 0)
		return 1;
	if (fstat(fd, &sb) != 0 || pread(fd, h, HDR_SIZE, 0) != HDR_SIZE ||
	    memcmp(h, magic, sizeof(magic)) != 0 ||
	    get64(h + 56) != hash_bytes(h, 56))
		goto stale;
	count = get64(h + 40);
	/* a count so large that count * ENT_SIZE wraps is not a size */
	if (count > ((uint64_t)sb.st_size - HDR_SIZE) / ENT_SIZE ||
	    (uint64_t)sb.st_size != HDR_SIZE + count * ENT_SIZE)
		goto stale;
	fp->covered = get64(h + 8);
	fp->dev = get64(h + 16);
	fp->ino = get64(h + 24);
	fp->tailhash = get64(h + 32);
	now.covered = fp->covered;
	if (fingerprint_of(path, &now, 0, 1) != 0 || now.dev != fp->dev ||
	    now.ino != fp->ino || now.tailhash != fp->tailhash)
		goto stale;
	m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return 1;
	r->map = m;
	r->mapsz = (size_t)sb.st_size;
	r->base = r->map + HDR_SIZE;
	r->nbase = (size_t)count;
	r->base_max = get32(h + 48);
	return 0;
stale:
	close(fd);
	return 1;
}

/* file_size: the size of path, or -1 after a message */
static long long
file_size(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		warnmsg("%s:", path);
		return -1;
	}
	return (long long)sb.st_size;
}

/* rebuild: a full scan of the roster; written back when allowed */
static int
rebuild(struct rindex *r, const char *dir, const char *path, int flags)
{
	struct fingerprint fp;

	if (fingerprint_of(path, &fp, 1, 0) != 0 ||
	    scan_roster(path, 0, 0, &r->tail) != 0)
		return -1;
	sort_entries(&r->tail);
	r->st.rebuilt = 1;
	if ((flags & RI_WRITE) &&
	    write_index(dir, &fp, NULL, 0, &r->tail, r->tail.max_member) == 0)
		r->st.written = 1;
	return 0;
}

/* read_tail: the rows past the mapped part; merged in when long.
   0, -1 after a message, -2 as scan_roster. */
static int
read_tail(struct rindex *r, const char *dir, const char *path,
    const struct fingerprint *fp, int flags)
{
	struct fingerprint now;
	long long size;
	int rc;

	if ((size = file_size(path)) < 0)
		return -1;
	if ((uint64_t)size > fp->covered &&
	    (rc = scan_roster(path, (long long)fp->covered, size,
	    &r->tail)) != 0)
		return rc;
	sort_entries(&r->tail);
	r->st.tail_rows = r->tail.rows;
	if (!(flags & RI_WRITE) || r->tail.rows <= RINDEX_MERGE_ROWS)
		return 0;
	if (fingerprint_of(path, &now, 1, 0) == 0 &&
	    (long long)now.covered == size && write_index(dir, &now,
	    r->base, r->nbase, &r->tail, rindex_max_member(r)) == 0)
		r->st.written = 1;
	return 0;
}

struct rindex *
rindex_open(const char *dir, int flags)
{
	struct rindex *r = xcalloc(1, sizeof(*r));
	struct fingerprint fp;
	char *path = datadir_path(dir, "members.csv");
	int rc;

	if (!(flags & RI_REBUILD) && map_index(r, dir, path, &fp) == 0)
		rc = read_tail(r, dir, path, &fp, flags);
	else
		rc = rebuild(r, dir, path, flags);
	if (rc == -2) {		/* a malformed tail: told by a full scan */
		rindex_close(r);
		r = xcalloc(1, sizeof(*r));
		rc = rebuild(r, dir, path, flags);
	}
	free(path);
	if (rc != 0) {
		rindex_close(r);
		return NULL;
	}
	r->st.entries = r->nbase;
	if (r->st.rebuilt)
		r->st.entries = r->tail.n;
	return r;
}

void
rindex_close(struct rindex *r)
{
	if (r == NULL)
		return;
	if (r->map)
		munmap(r->map, r->mapsz);
	free(r->tail.v);
	free(r);
}

/* better: the preferred of two states (live over deceased) */
static int
better(int a, int b)
{
	if (a == RI_ACTIVE || a == RI_RETAINED)
		return 0;
	if (b == RI_ACTIVE || b == RI_RETAINED)
		return 1;
	return a == RI_NONE && b != RI_NONE;
}

static void
consider(uint32_t val, int *state, uint32_t *member)
{
	int s = (int)(val >> STATE_SHIFT);

	if (better(*state, s)) {
		*state = s;
		*member = val & MEMBER_MASK;
	}
}

int
rindex_lookup(const struct rindex *r, uint64_t key, uint32_t *member)
{
	size_t lo = 0, hi = r->nbase, mid;
	int state = RI_NONE;

	*member = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (get64(r->base + mid * ENT_SIZE) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < r->nbase && get64(r->base + lo * ENT_SIZE) == key; lo++)
		consider(get32(r->base + lo * ENT_SIZE + 8), &state, member);
	lo = 0;
	hi = r->tail.n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->tail.v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < r->tail.n && r->tail.v[lo].key == key; lo++)
		consider(r->tail.v[lo].val, &state, member);
	return state;
}

uint32_t
rindex_max_member(const struct rindex *r)
{
	return r->base_max > r->tail.max_member ? r->base_max :
	    r->tail.max_member;
}

void
rindex_stats(const struct rindex *r, struct rindex_stats *st)
{
	*st = r->st;
}

struct rindex_build *
rindex_build_new(void)
{
	return xcalloc(1, sizeof(struct rindex_build));
}

void
rindex_build_row(struct rindex_build *b, const char *member_id, size_t mlen,
    const char *id_number, size_t ilen, const char *status, size_t slen)
{
	entries_row(&b->e, member_id, mlen, id_number, ilen, status, slen);
}

int
rindex_build_write(struct rindex_build *b, const char *dir,
    const char *roster_path)
{
	struct fingerprint fp;

	if (fingerprint_of(roster_path, &fp, 1, 0) != 0)
		return -1;
	sort_entries(&b->e);
	return write_index(dir, &fp, NULL, 0, &b->e, b->e.max_member);
}

void
rindex_build_free(struct rindex_build *b)
{
	if (b == NULL)
		return;
	free(b->e.v);
	free(b);
}
