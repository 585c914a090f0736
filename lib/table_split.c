/*
 * table_split.c - cutting one regular file into ranges of whole records
 * for parallel readers (union-stats -j N), and reading such a range.
 *
 * tbl_split places k - 1 cuts at nominal offsets of the data after the
 * header.  What stands before the last of them is read (pread, in
 * blocks) and tallied by as many threads as there are processors, in
 * pieces (table_tally.c: the quotes, the line feeds, and the first
 * quote that would break parity); the bytes after it never are.
 * Summing the tallies gives the parity of the quotes and the line
 * number at each nominal offset; the cut is then the first line feed
 * from there with an even number of quotes before it, which is exact
 * for RFC 4180 (a quote always comes in pairs around a quoted field,
 * doubled inside one).
 *
 * A malformed quote (one the reader takes as data) breaks parity from
 * where it stands: cuts after it are found again by the reader's own
 * scan, from the last exact cut, sequentially.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "table_impl.h"

long long tbl_split_min = 1024 * 1024;
size_t tbl_split_block = 256 * 1024;

/* The cutting of one file. */
struct cutter {
	const char *path;
	const struct tbl_opts *o;
	int	 fd;
	long long size;
	char	 delim;
	int	 quoting;
	int	 avx2;
	int	 k;		/* ranges asked for */
	long long *target;	/* [k] nominal range starts */
	int	 per;		/* pieces tallied between two targets */
	int	 np;		/* pieces: (k - 1) * per */
	long long *pb;		/* [np + 1] where they start */
	struct tally *ty;	/* [np] */
	int	 failed;	/* a read failed (errno) */
};

/* A thread tallying every nw-th piece from piece w. */
struct worker {
	struct cutter *c;
	int	 w, nw;
	pthread_t tid;
	int	 started;
	int	 failed;	/* errno of a failed read, or 0 */
};

/* whole: the answer for a file that is read by one reader. */
static int
whole(long long *offs, long *lines, long long size)
{
	offs[0] = 0;
	offs[1] = size;
	lines[0] = 1;
	lines[1] = 0;
	return 1;
}

/*
 * seq_cut: cuts n.. found by the reader's scan from offs[n] (a record
 * start, at line lines[n]), toward the targets after it; returns the
 * number of ranges, or -1 after a message.
 */
static int
seq_cut(struct cutter *c, int n, long long *offs, long *lines)
{
	struct table *t;
	long long from = offs[n];
	int i;

	t = tbl_open_range(c->path, c->o, from, c->size, lines[n]);
	if (t == NULL)
		return -1;
	for (i = 1; i < c->k; i++) {
		if (c->target[i] <= from)
			continue;
		if (tbl_skip_to(t, (unsigned long long)c->target[i]) <= 0)
			break;
		if ((long long)tbl_rawoffset(t) >= c->size)
			break;
		if ((long long)tbl_rawoffset(t) <= offs[n])
			continue;
		n++;
		offs[n] = (long long)tbl_rawoffset(t);
		lines[n] = t->nextline;
	}
	tbl_close(t);
	return n + 1;
}

/* read_at: n bytes at off into p; 0, or -1 (errno set). */
static int
read_at(int fd, char *p, size_t n, long long off)
{
	ssize_t r;

	while (n > 0) {
		r = pread(fd, p, n, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EIO;	/* the file shrank */
			return -1;
		}
		p += r;
		n -= (size_t)r;
		off += r;
	}
	return 0;
}

/*
 * tally_add: the tally of a stretch followed by the stretch of part;
 * part's first bad quote counts under the parity it starts with.
 */
static void
tally_add(struct tally *sum, const struct tally *part)
{
	int h, flip = (int)(sum->quotes & 1);

	for (h = 0; h < 2; h++)
		if (sum->firstbad[h] < 0)
			sum->firstbad[h] = part->firstbad[h ^ flip];
	sum->quotes += part->quotes;
	sum->lfs += part->lfs;
}

/*
 * tally_piece: piece i read a block at a time (buf[0]: the byte
 * before); 0, or the errno of a failed read.
 */
static int
tally_piece(const struct cutter *c, int i)
{
	struct tally *sum = &c->ty[i], part;
	long long at = c->pb[i], end = c->pb[i + 1];
	size_t n, block = tbl_split_block > 0 ? tbl_split_block : 1;
	char *buf = xmalloc(block + 1);
	int err = 0;

	memset(sum, 0, sizeof(*sum));
	sum->firstbad[0] = sum->firstbad[1] = -1;
	if (read_at(c->fd, buf, 1, at - 1) < 0)
		err = errno;
	while (at < end && err == 0) {
		n = end - at < (long long)block ? (size_t)(end - at) : block;
		if (read_at(c->fd, buf + 1, n, at) < 0) {
			err = errno;
			break;
		}
		scan_tally(buf + 1, n, at, c->delim, c->quoting, c->avx2,
		    &part);
		tally_add(sum, &part);
		buf[0] = buf[n];
		at += (long long)n;
	}
	free(buf);
	return err;
}

/* tally_worker: the pieces w, w + nw, w + 2 nw, ... */
static void *
tally_worker(void *arg)
{
	struct worker *w = arg;
	int i;

	for (i = w->w; i < w->c->np && w->failed == 0; i += w->nw)
		w->failed = tally_piece(w->c, i);
	return NULL;
}

/* tally_all: every piece tallied, by nw threads (this one among them). */
static void
tally_all(struct cutter *c, int nw)
{
	struct worker *w = xreallocarray(NULL, (size_t)nw, sizeof(w[0]));
	int i;

	for (i = 0; i < nw; i++) {
		w[i].c = c;
		w[i].w = i;
		w[i].nw = nw;
		w[i].failed = 0;
		w[i].started = i > 0 && pthread_create(&w[i].tid, NULL,
		    tally_worker, &w[i]) == 0;
	}
	for (i = 0; i < nw; i++) {
		if (w[i].started)
			pthread_join(w[i].tid, NULL);
		else
			tally_worker(&w[i]);
		if (w[i].failed != 0)
			c->failed = w[i].failed;
	}
	free(w);
}

/*
 * next_start: the first record start at or after target by parity: the
 * byte after the first line feed from target - 1 on with an even number
 * of quotes before it (par: the parity at target).  Adds the line feeds
 * crossed from target on to *lfs.  Returns the size if there is none,
 * -1 on a read error, -2 if a malformed quote comes first (one opening
 * a field after neither a delimiter, a line feed nor a quote).
 */
static long long
next_start(const struct cutter *c, long long target, int par,
    unsigned long long *lfs)
{
	char buf[4096];
	long long p;
	size_t i, n;
	char prev;

	if (read_at(c->fd, &prev, 1, target - 1) < 0)
		return -1;
	if (prev == '\n' && par == 0)
		return target;
	for (p = target; p < c->size; ) {
		n = c->size - p < (long long)sizeof(buf) ?
		    (size_t)(c->size - p) : sizeof(buf);
		if (read_at(c->fd, buf, n, p) < 0)
			return -1;
		for (i = 0; i < n; i++, p++) {
			if (buf[i] == '\n') {
				++*lfs;
				if (par == 0)
					return p + 1;
			} else if (buf[i] == '"' && c->quoting) {
				if (par == 0 && prev != c->delim &&
				    prev != '\n' && prev != '"')
					return -2;
				par ^= 1;
			}
			prev = buf[i];
		}
	}
	return c->size;
}

/*
 * parity_cut: the cuts by the tallies while they are exact (no
 * malformed quote before them), then by the reader's scan from the
 * last of them.  Returns the number of ranges, or -1.
 */
static int
parity_cut(struct cutter *c, long long *offs, long *lines)
{
	struct tally sum;
	unsigned long long crossed;
	long long at;
	int i, j, n = 0;

	memset(&sum, 0, sizeof(sum));
	sum.firstbad[0] = sum.firstbad[1] = -1;
	for (i = 1; i < c->k; i++) {
		for (j = (i - 1) * c->per; j < i * c->per; j++)
			tally_add(&sum, &c->ty[j]);
		crossed = sum.lfs;
		at = sum.firstbad[0] >= 0 ? -2 : next_start(c, c->target[i],
		    (int)(sum.quotes & 1), &crossed);
		if (at == -1) {
			warn_at(c->path, 0, NULL, "read error:");
			return -1;
		}
		if (at == -2)
			return seq_cut(c, n, offs, lines);
		if (at >= c->size)
			break;
		if (at > offs[n]) {
			n++;
			offs[n] = at;
			lines[n] = lines[0] + (long)crossed;
		}
	}
	return n + 1;
}

/*
 * pieces: what stands before the last target, in per pieces between
 * two targets, so that each of nw threads has one at least.
 */
static void
pieces(struct cutter *c, int nw)
{
	int i, j;

	c->per = (nw + c->k - 2) / (c->k - 1);
	c->np = (c->k - 1) * c->per;
	c->pb = xreallocarray(NULL, (size_t)c->np + 1, sizeof(c->pb[0]));
	for (i = 0; i + 1 < c->k; i++)
		for (j = 0; j < c->per; j++)
			c->pb[i * c->per + j] = c->target[i] +
			    (c->target[i + 1] - c->target[i]) * j / c->per;
	c->pb[c->np] = c->target[c->k - 1];
}

/* cut: the ranges after the header; returns how many, or -1. */
static int
cut(struct table *t, struct cutter *c, long long *offs, long *lines)
{
	long long start = (long long)tbl_rawoffset(t), min;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int i, n, nw;

	offs[0] = start;
	lines[0] = t->nextline;
	min = tbl_split_min > 0 ? tbl_split_min : 1;
	if ((c->size - start) / min < c->k)
		c->k = (int)((c->size - start) / min);
	if (c->k <= 1)
		return 1;
	c->target = xreallocarray(NULL, (size_t)c->k, sizeof(c->target[0]));
	for (i = 0; i < c->k; i++)
		c->target[i] = start + (c->size - start) / c->k * i;
	nw = ncpu < 1 ? 1 : ncpu > 64 ? 64 : (int)ncpu;
	pieces(c, nw);
	c->ty = xreallocarray(NULL, (size_t)c->np, sizeof(c->ty[0]));
	tally_all(c, nw < c->np ? nw : c->np);
	if (c->failed) {
		errno = c->failed;
		warn_at(c->path, 0, NULL, "read error:");
		n = -1;
	} else
		n = parity_cut(c, offs, lines);
	free(c->ty);
	free(c->pb);
	free(c->target);
	return n;
}

int
tbl_split(const char *path, const struct tbl_opts *o, int k,
    long long *offs, long *lines)
{
	struct cutter c;
	struct table *t;
	struct stat st;
	int fd, n;

	if (path == NULL || strcmp(path, "-") == 0)
		return whole(offs, lines, 0);
	if ((fd = open(path, O_RDONLY)) < 0) {
		warn_at(path, 0, NULL, "cannot open:");
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		warn_at(path, 0, NULL, "cannot stat:");
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return whole(offs, lines, 0);
	}
	if ((t = tbl_open_fd(fd, path, o)) == NULL)
		return -1;
	if (t->src.gz || t->src.cd != (iconv_t)-1 ||
	    (t->flags & TBL_NOHEADER)) {
		tbl_close(t);
		return whole(offs, lines, (long long)st.st_size);
	}
	memset(&c, 0, sizeof(c));
	c.path = path;
	c.o = o;
	c.size = (long long)st.st_size;
	c.delim = t->delim;
	c.fd = t->src.fd;
	c.quoting = t->quoting;
	c.avx2 = t->avx2;
	c.k = k;
	n = cut(t, &c, offs, lines);
	tbl_close(t);
	if (n > 0) {
		offs[n] = c.size;
		lines[n] = 0;
	}
	return n;
}
struct table *
tbl_open_range(const char *path, const struct tbl_opts *o,
    long long start, long long end, long line)
{
	struct table *t;

	if ((t = tbl_open(path, o)) == NULL || start <= 0)
		return t;
	if ((long long)tbl_rawoffset(t) > start || end < start) {
		warn_at(t->name, 0, NULL, "range %lld-%lld is not after the "
		    "header", start, end);
		tbl_close(t);
		return NULL;
	}
	if (src_seek(&t->src, start, end - start) < 0) {
		warn_at(t->name, 0, NULL, "%s", t->src.err);
		tbl_close(t);
		return NULL;
	}
	t->src.bom = 0;
	t->base = (unsigned long long)start;
	t->pos = t->len = 0;
	t->buf[0] = '\n';
	t->eof = 0;
	t->pending = 0;
	t->last = TBL_EOF;
	t->rowno = 0;
	t->nextline = line;
	return t;
}
