/*
 * table_split.c - cutting one regular file into ranges of whole records
 * for parallel readers (union-stats -j N), and reading such a range.
 *
 * tbl_split reads the file once, sequentially, stepping over records as
 * the reader would delimit them (stretches without a quote are crossed
 * whole, counting their line feeds; a record with a quote takes the
 * careful quote-aware scan), so a cut never falls inside a quoted field
 * and the line number at each cut is exact.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "table_impl.h"

long long tbl_split_min = 1024 * 1024;

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

/* cut: the ranges after the header; returns how many. */
static int
cut(struct table *t, int k, long long size, long long *offs, long *lines)
{
	long long start = (long long)tbl_rawoffset(t), target, min;
	int i, n = 1;

	offs[0] = start;
	lines[0] = t->nextline;
	min = tbl_split_min > 0 ? tbl_split_min : 1;
	if ((size - start) / min < k)
		k = (int)((size - start) / min);
	for (i = 1; i < k; i++) {
		target = start + (size - start) / k * i;
		if (tbl_skip_to(t, (unsigned long long)target) <= 0)
			break;
		if ((long long)tbl_rawoffset(t) >= size)
			break;
		offs[n] = (long long)tbl_rawoffset(t);
		lines[n] = t->nextline;
		n++;
	}
	offs[n] = size;
	lines[n] = 0;
	return n;
}

int
tbl_split(const char *path, const struct tbl_opts *o, int k,
    long long *offs, long *lines)
{
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
	    (t->flags & TBL_NOHEADER))
		n = whole(offs, lines, (long long)st.st_size);
	else
		n = cut(t, k, (long long)st.st_size, offs, lines);
	tbl_close(t);
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
