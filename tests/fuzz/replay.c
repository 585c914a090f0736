/*
 * replay.c - a main for the fuzz targets without libFuzzer: each FILE
 * named on the command line is read whole and given to
 * LLVMFuzzerTestOneInput once.  It prints "N inputs" and exits 0, or
 * aborts at the first broken invariant (fuzz.h); 2 when a file cannot
 * be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* slurp: the whole file, in memory of exactly its size (so that ASan
   sees a read past the end, as under libFuzzer). */
static uint8_t *
slurp(const char *path, size_t *n)
{
	struct buf b = {0};
	char tmp[8192];
	size_t r;
	uint8_t *p;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	while ((r = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, r);
	if (ferror(f)) {
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	*n = b.len;
	p = xmalloc(b.len ? b.len : 1);
	if (b.len > 0)
		memcpy(p, b.s, b.len);
	buf_free(&b);
	return p;
}

int
main(int argc, char *argv[])
{
	uint8_t *p;
	size_t n;
	int i;

	for (i = 1; i < argc; i++) {
		if ((p = slurp(argv[i], &n)) == NULL) {
			perror(argv[i]);
			return 2;
		}
		fprintf(stderr, "replay: %s\n", argv[i]);
		LLVMFuzzerTestOneInput(p, n);
		free(p);
	}
	printf("%d inputs\n", argc - 1);
	return 0;
}
