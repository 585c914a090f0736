/*
 * fuzzlib.c - helpers shared by the fuzz targets (fuzz.h).
 */
#define _GNU_SOURCE		/* memfd_create */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "fuzz.h"
#include "table_impl.h"

/*
 * Under a sanitizer, libFuzzer (-close_fd_mask=2) sends reports to a
 * descriptor of its own and discards standard error; the summary line
 * goes there too.  Weak, so that a build without sanitizers links.
 */
void	__sanitizer_report_error_summary(const char *msg)
	    __attribute__((weak));

void
fuzz_fail(const char *file, int line, const char *what)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s:%d: invariant failed: %s", file, line,
	    what);
	fprintf(stderr, "%s\n", msg);
	if (__sanitizer_report_error_summary != NULL)
		__sanitizer_report_error_summary(msg);
	abort();
}

int fuzz_break;

void
fuzz_setup(void)
{
	static int done;

	if (done)
		return;
	diag_init("fuzz");
	fuzz_break = getenv("FUZZ_BREAK") != NULL;
	/* the reader's first buffer: its default 1 MiB, cleared for every
	   table opened, would cost more than reading a fuzz input; a small
	   one also takes the refill paths */
	tbl_bufsize = 4096;
	done = 1;
}

int
fuzz_fd(const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;
	int fd;

	if ((fd = memfd_create("fuzz", 0)) < 0) {
		perror("memfd_create");
		abort();
	}
	while (n > 0) {
		if ((w = write(fd, c, n)) <= 0) {
			perror("write");
			abort();
		}
		c += w;
		n -= (size_t)w;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		perror("lseek");
		abort();
	}
	return fd;
}

/* gz_member: deflate p[0..n) as one gzip member onto out. */
static void
gz_member(struct buf *out, const void *p, size_t n)
{
	z_stream z;
	unsigned char tmp[4096];
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	do {
		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		rc = deflate(&z, Z_FINISH);
		buf_add(out, tmp, sizeof(tmp) - z.avail_out);
	} while (rc == Z_OK || rc == Z_BUF_ERROR);
	if (rc != Z_STREAM_END)
		abort();
	deflateEnd(&z);
}

unsigned char *
fuzz_gzip(const void *p, size_t n, int twomembers, size_t *outlen)
{
	struct buf out = {0};
	size_t half = twomembers ? n / 2 : n;

	gz_member(&out, p, half);
	if (twomembers)
		gz_member(&out, (const char *)p + half, n - half);
	*outlen = out.len;
	return (unsigned char *)out.s;
}

char *
fuzz_line(const uint8_t **p, size_t *n)
{
	const uint8_t *lf = memchr(*p, '\n', *n);
	size_t len = lf ? (size_t)(lf - *p) : *n;
	char *s = xstrndup((const char *)*p, len);

	*p += lf ? len + 1 : len;
	*n -= lf ? len + 1 : len;
	return s;
}

static char scratch[64];

static void
scratch_remove(void)
{
	struct dirent *d;
	DIR *dp;
	char *p;

	if ((dp = opendir(scratch)) != NULL) {
		while ((d = readdir(dp)) != NULL) {
			if (strcmp(d->d_name, ".") == 0 ||
			    strcmp(d->d_name, "..") == 0)
				continue;
			p = datadir_path(scratch, d->d_name);
			unlink(p);
			free(p);
		}
		closedir(dp);
	}
	rmdir(scratch);
}

const char *
fuzz_scratch(void)
{
	const char *tmp = getenv("TMPDIR");

	if (scratch[0] != '\0')
		return scratch;
	snprintf(scratch, sizeof(scratch), "%s/fuzz.XXXXXX",
	    tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (mkdtemp(scratch) == NULL) {
		perror(scratch);
		abort();
	}
	atexit(scratch_remove);
	return scratch;
}

void
fuzz_put(const char *name, const void *p, size_t n, int append)
{
	char *path = datadir_path(fuzz_scratch(), name);
	FILE *f = fopen(path, append ? "ab" : "wb");

	if (f == NULL || (n > 0 && fwrite(p, 1, n, f) != n) ||
	    fclose(f) != 0) {
		perror(path);
		abort();
	}
	free(path);
}

void
fuzz_drop(const char *name)
{
	char *path = datadir_path(fuzz_scratch(), name);

	unlink(path);
	free(path);
}

int
fuzz_catch(void)
{
	int saved, fd = fuzz_fd("", 0);

	fflush(stderr);
	if ((saved = dup(2)) < 0 || dup2(fd, 2) < 0) {
		perror("dup");
		abort();
	}
	close(fd);
	return saved;
}

void
fuzz_caught(int saved, struct buf *b)
{
	char tmp[4096];
	ssize_t n;

	fflush(stderr);
	if (lseek(2, 0, SEEK_SET) != 0) {
		perror("lseek");
		abort();
	}
	while ((n = read(2, tmp, sizeof(tmp))) > 0)
		buf_add(b, tmp, (size_t)n);
	dup2(saved, 2);
	close(saved);
}
