/*
 * findings.c - the findings of one run: collected in one array whose
 * strings live in one pool (no allocation per finding), then sorted by
 * file and line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

struct findings {
	struct finding *v;
	size_t	 n, cap;
	struct buf pool;	/* NUL-separated strings; offset 0 is "" */
};

struct findings *
findings_new(void)
{
	struct findings *fs = xcalloc(1, sizeof(*fs));

	buf_addc(&fs->pool, '\0');
	return fs;
}

void
findings_free(struct findings *fs)
{
	if (fs == NULL)
		return;
	free(fs->v);
	buf_free(&fs->pool);
	free(fs);
}

size_t
findings_count(const struct findings *fs)
{
	return fs->n;
}

const char *
finding_str(const struct findings *fs, size_t off)
{
	return fs->pool.s + off;
}

const struct finding *
findings_at(const struct findings *fs, size_t i)
{
	return &fs->v[i];
}

/* pool_add: a copy of s[0..n) in the pool; its offset. */
static size_t
pool_add(struct findings *fs, const char *s, size_t n)
{
	size_t off;

	if (n == 0)
		return 0;
	off = fs->pool.len;
	buf_add(&fs->pool, s, n);
	buf_addc(&fs->pool, '\0');
	return off;
}

static struct finding *
findings_push(struct findings *fs)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 256;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof(*fs->v));
	}
	return &fs->v[fs->n++];
}

int
finding(struct audit *a, enum check_id c, const char *file, long line,
    const char *key, size_t klen, const char *fmt, ...)
{
	struct finding *f;
	size_t start;
	va_list ap;
	int n;

	if (!a->enabled[c])
		return 0;
	f = findings_push(a->fs);
	f->check = c;
	f->line = line;
	f->file = pool_add(a->fs, file, strlen(file));
	f->key = pool_add(a->fs, key, klen);
	f->unit = a->unit ? pool_add(a->fs, a->unit, strlen(a->unit)) : 0;
	start = a->fs->pool.len;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_grow(&a->fs->pool, n > 0 ? (size_t)n : 0);
	va_start(ap, fmt);
	vsnprintf(a->fs->pool.s + start, (size_t)n + 1, fmt, ap);
	va_end(ap);
	a->fs->pool.len += (size_t)n;
	buf_addc(&a->fs->pool, '\0');
	f->msg = start;
	f->pii = 0;
	a->counts[c]++;
	if (checks[c].sev == SEV_ERROR)
		a->errors++;
	else
		a->warnings++;
	return 1;
}

static const struct findings *sorting;

static int
cmp_finding(const void *pa, const void *pb)
{
	const struct finding *x = pa, *y = pb;
	const char *s = sorting->pool.s;
	int r;

	if ((r = strcmp(s + x->file, s + y->file)) != 0)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->check != y->check)
		return x->check < y->check ? -1 : 1;
	if ((r = strcmp(s + x->key, s + y->key)) != 0)
		return r;
	return strcmp(s + x->msg, s + y->msg);
}

void
findings_sort(struct findings *fs)
{
	sorting = fs;
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_finding);
	sorting = NULL;
}

const char *
masked_id(const char *s, size_t n, char out[65])
{
	if (n > 64)
		n = 64;
	return mask_id(s, n, out);
}

void
finding_pii(struct audit *a, const char *s, size_t n)
{
	struct findings *fs = a->fs;

	if (fs->n > 0 && fs->v[fs->n - 1].pii == 0 && n > 0 && n <= 64)
		fs->v[fs->n - 1].pii = pool_add(fs, s, n);
}

const char *
finding_message(const struct findings *fs, const struct finding *f,
    int show_pii, struct buf *tmp)
{
	const char *msg = fs->pool.s + f->msg, *raw = fs->pool.s + f->pii, *at;
	char masked[65];

	if (!show_pii || f->pii == 0)
		return msg;
	masked_id(raw, strlen(raw), masked);
	if ((at = strstr(msg, masked)) == NULL)
		return msg;
	buf_reset(tmp);
	buf_add(tmp, msg, (size_t)(at - msg));
	buf_adds(tmp, raw);
	buf_adds(tmp, at + strlen(masked));
	return buf_cstr(tmp);
}
