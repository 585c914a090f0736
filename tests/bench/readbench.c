/*
 * readbench.c - how fast the table reader goes.
 *
 *	readbench [-ps] [-r runs] FILE
 *
 * Reads FILE to the end runs times (default 3) and prints the best run:
 * rows, bad rows, seconds, rows/s and MB/s of decoded input.  -p uses
 * the plain C fast scan instead of AVX2; -s sends every record through
 * libcsv (TBL_SLOW).  See README for figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "table_impl.h"

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
	tbl_close(t);
	return now() - t0;
}

int
main(int argc, char **argv)
{
	unsigned long long bytes = 0, sum = 0;
	double best = -1, s;
	long rows = 0, bad = 0;
	int c, flags = 0, runs = 3, i;

	diag_init("readbench");
	while ((c = getopt(argc, argv, "psr:")) != -1) {
		switch (c) {
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
			fprintf(stderr, "usage: readbench [-ps] [-r runs] file\n");
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: readbench [-ps] [-r runs] file\n");
		return 2;
	}
	for (i = 0; i < runs; i++) {
		if ((s = one_run(argv[optind], flags, &rows, &bad, &bytes,
		    &sum)) < 0)
			return 2;
		if (best < 0 || s < best)
			best = s;
	}
	printf("%s scan%s: %ld rows (%ld bad), %.3f s, %.2f M rows/s, "
	    "%.0f MB/s (field bytes %llu)\n",
	    tbl_scan_mode == SCAN_PLAIN || !scan_have_avx2() ? "plain" : "avx2",
	    flags & TBL_SLOW ? ", all through libcsv" : "", rows, bad, best,
	    (double)rows / best / 1e6, (double)bytes / best / 1e6, sum);
	return 0;
}
