/*
 * source.c - the bytes under a table: read(2) in large blocks, gunzip
 * through zlib (also concatenated members), drop a UTF-8 BOM, refuse
 * UTF-16, convert GB18030/GBK to UTF-8 through iconv(3).
 *
 * Layers, each pulling from the one below:
 *	raw_read	the descriptor (and the bytes read to sniff gzip)
 *	dec_read	gunzipped bytes (and the bytes read to sniff a BOM)
 *	src_read	converted to UTF-8
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "table_impl.h"

#define ZIN_SIZE	(256 * 1024)
#define CIN_SIZE	(256 * 1024)

static void
seterr(struct src *s, const char *fmt, const char *arg)
{
	snprintf(s->err, sizeof(s->err), fmt, arg);
}

/* raw_read: bytes from the descriptor, within the range's limit. */
static ssize_t
raw_read(struct src *s, void *dst, size_t n)
{
	ssize_t r;

	if (s->ipeek < s->npeek) {
		if (n > s->npeek - s->ipeek)
			n = s->npeek - s->ipeek;
		memcpy(dst, s->peek + s->ipeek, n);
		s->ipeek += n;
		return (ssize_t)n;
	}
	if (s->left == 0)
		return 0;
	if (s->left > 0 && (unsigned long long)s->left < n)
		n = (size_t)s->left;
	do
		r = read(s->fd, dst, n);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		seterr(s, "read error: %s", strerror(errno));
		return -1;
	}
	if (s->left > 0)
		s->left -= r;
	return r;
}

/* fill_peek: read until buf holds want bytes or the input ends. */
static ssize_t
fill_peek(struct src *s, ssize_t (*rd)(struct src *, void *, size_t),
    unsigned char *buf, size_t want)
{
	size_t n = 0;
	ssize_t r;

	while (n < want) {
		if ((r = rd(s, buf + n, want - n)) < 0)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	return (ssize_t)n;
}

/*
 * gz_next_member: after a member ended, is there another one?  1 yes
 * (the stream is reset), 0 clean end, -1 trailing garbage or error.
 */
static int
gz_next_member(struct src *s)
{
	ssize_t r;

	if (s->z.avail_in < 2 && !s->zeof) {
		memmove(s->zin, s->z.next_in, s->z.avail_in);
		r = raw_read(s, s->zin + s->z.avail_in, ZIN_SIZE - s->z.avail_in);
		if (r < 0)
			return -1;
		if (r == 0)
			s->zeof = 1;
		s->z.next_in = s->zin;
		s->z.avail_in += (uInt)r;
	}
	if (s->z.avail_in == 0)
		return 0;
	if (s->z.avail_in < 2 || s->z.next_in[0] != 0x1f ||
	    s->z.next_in[1] != 0x8b) {
		seterr(s, "%s", "trailing garbage after gzip data");
		return -1;
	}
	inflateReset(&s->z);
	s->zdone = 0;
	return 1;
}

/* gz_read: inflated bytes. */
static ssize_t
gz_read(struct src *s, void *dst, size_t n)
{
	ssize_t r;
	size_t got;
	int rc;

	if (s->zfail)
		return -1;
	for (;;) {
		if (s->zdone && (rc = gz_next_member(s)) <= 0)
			return rc;
		if (s->z.avail_in == 0 && !s->zeof) {
			if ((r = raw_read(s, s->zin, ZIN_SIZE)) < 0)
				return -1;
			if (r == 0)
				s->zeof = 1;
			s->z.next_in = s->zin;
			s->z.avail_in = (uInt)r;
		}
		s->z.next_out = dst;
		s->z.avail_out = (uInt)n;
		rc = inflate(&s->z, Z_NO_FLUSH);
		got = n - s->z.avail_out;
		if (rc == Z_STREAM_END)
			s->zdone = 1;
		else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			seterr(s, "corrupt gzip data: %s",
			    s->z.msg ? s->z.msg : "inflate failed");
			/* the bytes inflated before the fault are read first,
			   whatever the size of dst (the reader's buffer) */
			s->zfail = 1;
			return got > 0 ? (ssize_t)got : -1;
		}
		if (got > 0)
			return (ssize_t)got;
		if (!s->zdone && s->z.avail_in == 0 && s->zeof) {
			seterr(s, "%s", "truncated gzip stream");
			return -1;
		}
	}
}

/* dec_read: gunzipped (or plain) bytes, after the sniffed ones. */
static ssize_t
dec_read(struct src *s, void *dst, size_t n)
{
	if (s->idpeek < s->ndpeek) {
		if (n > s->ndpeek - s->idpeek)
			n = s->ndpeek - s->idpeek;
		memcpy(dst, s->dpeek + s->idpeek, n);
		s->idpeek += n;
		return (ssize_t)n;
	}
	return s->gz ? gz_read(s, dst, n) : raw_read(s, dst, n);
}

/*
 * conv_read: iconv to UTF-8.  A byte that starts no valid character, or
 * an incomplete one at the very end, comes out as 0xFF.
 */
static ssize_t
conv_read(struct src *s, char *dst, size_t n)
{
	char *in, *out;
	size_t inleft, outleft, used;
	ssize_t r;

	for (;;) {
		if (s->cinlen < CIN_SIZE / 2 && !s->ceof) {
			r = dec_read(s, s->cin + s->cinlen, CIN_SIZE - s->cinlen);
			if (r < 0 && s->cinlen == 0)
				return -1;
			if (r < 0)	/* convert what came before the fault */
				s->cfail = 1;
			if (r <= 0)
				s->ceof = 1;
			else
				s->cinlen += (size_t)r;
		}
		if (s->cinlen == 0)
			return s->cfail ? -1 : 0;
		in = s->cin;
		inleft = s->cinlen;
		out = dst;
		outleft = n;
		if (iconv(s->cd, &in, &inleft, &out, &outleft) == (size_t)-1 &&
		    outleft > 0 && (errno == EILSEQ ||
		    (errno == EINVAL && s->ceof))) {
			*out++ = (char)0xFF;
			outleft--;
			in++;
			inleft--;
		}
		used = s->cinlen - inleft;
		memmove(s->cin, in, inleft);
		s->cinlen = inleft;
		if (outleft < n)
			return (ssize_t)(n - outleft);
		if (used == 0 && s->ceof) {
			seterr(s, "%s", "cannot convert the input to UTF-8");
			return -1;
		}
	}
}

ssize_t
src_read(struct src *s, char *dst, size_t n)
{
	if (s->cd != (iconv_t)-1)
		return conv_read(s, dst, n);
	return dec_read(s, dst, n);
}

/* sniff_gzip: look at the first two bytes; start inflating if gzip. */
static int
sniff_gzip(struct src *s)
{
	ssize_t r;

	if ((r = fill_peek(s, raw_read, s->peek, 2)) < 0)
		return -1;
	s->npeek = (size_t)r;
	if (r < 2 || s->peek[0] != 0x1f || s->peek[1] != 0x8b)
		return 0;
	if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) {
		seterr(s, "%s", "cannot start gzip decompression");
		return -1;
	}
	s->zin = xmalloc(ZIN_SIZE);
	s->gz = 1;
	return 0;
}

/* sniff_bom: drop a UTF-8 BOM; refuse UTF-16. */
static int
sniff_bom(struct src *s)
{
	ssize_t r;
	unsigned char *d = s->dpeek;

	if ((r = fill_peek(s, dec_read, d, 3)) < 0)
		return -1;
	s->ndpeek = (size_t)r;
	if (r >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) ||
	    (d[0] == 0xFE && d[1] == 0xFF))) {
		seterr(s, "%s", "file is UTF-16; save it as CSV UTF-8, "
		    "or convert with iconv");
		return -1;
	}
	if (r == 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
		s->idpeek = 3;
		s->bom = 3;
		s->enc = ENC_UTF8;
	}
	return 0;
}

static const char *
iconv_name(enum encoding e)
{
	return e == ENC_GBK ? "GBK" : "GB18030";
}

int
src_open(struct src *s, int fd, enum encoding enc)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->left = -1;
	s->enc = enc;
	s->cd = (iconv_t)-1;
	if (sniff_gzip(s) < 0 || sniff_bom(s) < 0)
		return -1;
	if (s->enc != ENC_UTF8) {
		s->cd = iconv_open("UTF-8", iconv_name(s->enc));
		if (s->cd == (iconv_t)-1) {
			seterr(s, "cannot convert from %s: iconv_open failed",
			    iconv_name(s->enc));
			return -1;
		}
		s->cin = xmalloc(CIN_SIZE);
	}
	return 0;
}

int
src_seek(struct src *s, long long off, long long len)
{
	if (s->gz || s->cd != (iconv_t)-1) {
		seterr(s, "%s", "cannot read a range of a compressed or "
		    "converted file");
		return -1;
	}
	if (lseek(s->fd, (off_t)off, SEEK_SET) < 0) {
		seterr(s, "seek error: %s", strerror(errno));
		return -1;
	}
	s->npeek = s->ipeek = s->ndpeek = s->idpeek = 0;
	s->left = len;
	return 0;
}

void
src_close(struct src *s)
{
	if (s->gz)
		inflateEnd(&s->z);
	free(s->zin);
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	free(s->cin);
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->zin = NULL;
	s->cin = NULL;
	s->cd = (iconv_t)-1;
	s->gz = 0;
}
