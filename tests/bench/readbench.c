/*
 * readbench.c - how fast the table reader goes.
 *
 *	readbench [-cps] [-b bufsize] [-j threads] [-r runs] FILE
 *
 * Reads FILE to the end runs times (default 3) and prints the best run:
 * rows, bad rows, seconds, rows/s and MB/s of decoded input.  -p uses
 * the plain C fast scan instead of AVX2; -s sends every record through
 * libcsv (TBL_SLOW); -j cuts the file with tbl_split and reads the
 * ranges in that many threads (as union-stats -j does), the cut
 * included in the time ("careful": the records the fast scan left to
 * the careful one, without -j); -c times the cut alone (tbl_split into
 * the -j ranges, 2 by default); -b sets the reader's first buffer size.
 * See README for figures.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "table_impl.h"

/* Records the fast scan left to the careful one (one thread). */
static unsigned long careful;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* one_run: read path once; the seconds it took, or -1. */
static double
one_run(const char *path, int flags, long *rows, long *bad,
    unsigned long long *bytes, unsigned long long *sum)
{
	struct tbl_opts o = { 0, ENC_UTF8, flags };
	struct table *t;
	const struct field *f;
	double t0 = now();
	size_t i, n;
	int r;

	if ((t = tbl_open(path, &o)) == NULL)
		return -1;
	*rows = *bad = 0;
	*sum = 0;
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_FATAL) {
			tbl_perror(t);
			tbl_close(t);
			return -1;
		}
		if (r == TBL_BAD) {
			++*bad;
			continue;
		}
		++*rows;
		f = tbl_fields(t);
		n = tbl_nfields(t);
		for (i = 0; i < n; i++)
			*sum += f[i].len;
	}
	*bytes = tbl_offset(t);
	careful = t->ncareful;
	tbl_close(t);
	return now() - t0;
}

struct part {
	const char *path;
	int	 flags;
	long long start, end;
	long	 line;
	long	 rows, bad;
	unsigned long long sum;
	int	 failed;
};

static void *
read_part(void *arg)
{
	struct part *p = arg;
	struct tbl_opts o = { 0, ENC_UTF8, p->flags };
	struct table *t;
	const struct field *f;
	size_t i, n;
	int r;

	if ((t = tbl_open_range(p->path, &o, p->start, p->end, p->line)) == NULL) {
		p->failed = 1;
		return NULL;
	}
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_FATAL) {
			tbl_perror(t);
			p->failed = 1;
			break;
		}
		if (r == TBL_BAD) {
			p->bad++;
			continue;
		}
		p->rows++;
		f = tbl_fields(t);
		n = tbl_nfields(t);
		for (i = 0; i < n; i++)
			p->sum += f[i].len;
	}
	tbl_close(t);
	return NULL;
}

/* cut_run: tbl_split alone; the ranges' count in *rows. */
static double
cut_run(const char *path, int flags, int k, long *rows,
    unsigned long long *bytes)
{
	struct tbl_opts o = { 0, ENC_UTF8, flags };
	long long offs[65];
	long lines[65];
	double t0 = now();
	int n;

	if ((n = tbl_split(path, &o, k > 64 ? 64 : k, offs, lines)) < 0)
		return -1;
	*rows = n;
	*bytes = (unsigned long long)offs[n];
	return now() - t0;
}

/* parallel_run: tbl_split, then a thread per range. */
static double
parallel_run(const char *path, int flags, int k, long *rows, long *bad,
    unsigned long long *bytes, unsigned long long *sum)
{
	struct tbl_opts o = { 0, ENC_UTF8, flags };
	struct part parts[64];
	pthread_t tid[64];
	long long offs[65];
	long lines[65];
	double t0 = now();
	int i, n;

	if (k > 64)
		k = 64;
	if ((n = tbl_split(path, &o, k, offs, lines)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		memset(&parts[i], 0, sizeof(parts[i]));
		parts[i].path = path;
		parts[i].flags = flags;
		parts[i].start = offs[i];
		parts[i].end = offs[i + 1];
		parts[i].line = lines[i];
		pthread_create(&tid[i], NULL, read_part, &parts[i]);
	}
	*rows = *bad = 0;
	*sum = 0;
	for (i = 0; i < n; i++) {
		pthread_join(tid[i], NULL);
		if (parts[i].failed)
			return -1;
		*rows += parts[i].rows;
		*bad += parts[i].bad;
		*sum += parts[i].sum;
	}
	*bytes = (unsigned long long)offs[n];
	return now() - t0;
}

int
main(int argc, char **argv)
{
	unsigned long long bytes = 0, sum = 0;
	double best = -1, s;
	long rows = 0, bad = 0;
	int c, flags = 0, runs = 3, i, threads = 0, cutonly = 0;

	diag_init("readbench");
	while ((c = getopt(argc, argv, "b:cj:psr:")) != -1) {
		switch (c) {
		case 'b':
			tbl_bufsize = (size_t)atol(optarg);
			break;
		case 'c':
			cutonly = 1;
			break;
		case 'j':
			threads = atoi(optarg);
			break;
		case 'p':
			tbl_scan_mode = SCAN_PLAIN;
			break;
		case 's':
			flags |= TBL_SLOW;
			break;
		case 'r':
			runs = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: readbench [-cps] [-b bufsize] "
			    "[-j threads] [-r runs] file\n");
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: readbench [-cps] [-b bufsize] "
		    "[-j threads] [-r runs] file\n");
		return 2;
	}
	for (i = 0; i < runs; i++) {
		if (cutonly)
			s = cut_run(argv[optind], flags, threads ? threads : 2,
			    &rows, &bytes);
		else if (threads > 0)
			s = parallel_run(argv[optind], flags, threads, &rows,
			    &bad, &bytes, &sum);
		else
			s = one_run(argv[optind], flags, &rows, &bad, &bytes,
			    &sum);
		if (s < 0)
			return 2;
		if (best < 0 || s < best)
			best = s;
	}
	if (cutonly) {
		printf("%s tbl_split into %ld ranges: %.4f s, %.0f MB/s\n",
		    tbl_scan_mode == SCAN_PLAIN || !scan_have_avx2() ?
		    "plain" : "avx2", rows, best, (double)bytes / best / 1e6);
		return 0;
	}
	printf("%s scan%s, %d thread%s: %ld rows (%ld bad), %.3f s, "
	    "%.2f M rows/s, %.0f MB/s (field bytes %llu, %lu careful)\n",
	    tbl_scan_mode == SCAN_PLAIN || !scan_have_avx2() ? "plain" : "avx2",
	    flags & TBL_SLOW ? ", all through libcsv" : "",
	    threads ? threads : 1, threads > 1 ? "s" : "", rows, bad, best,
	    (double)rows / best / 1e6, (double)bytes / best / 1e6, sum,
	    careful);
	return 0;
}
