/*
 * journal_verify.c - reading the journal back: journal_walk checks its
 * hash chain and sequence entry by entry and says what is wrong where;
 * file_verify checks a data file against the segments the journal
 * recorded for it, in one pass.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "diag.h"
#include "journal.h"
#include "store.h"
#include "table.h"
#include "util.h"

enum {
	J_SEQ, J_TIME, J_USER, J_TOOL, J_ACTION, J_FILE, J_KEY, J_DETAIL,
	J_CHAIN, J_SIZE, J_DIGEST, J_HASH, J_NCOLS
};

static const char *const jcols[J_NCOLS] = {
	"seq", "time", "user", "tool", "action", "file", "key", "detail",
	"chain", "size", "digest", "hash"
};

/* parse_whole: s is a decimal number and nothing else. */
static int
parse_whole(const char *s, unsigned long long *v)
{
	const char *end;

	return store_count(s, v, &end) == 0 && *end == '\0' ? 0 : -1;
}

/*
 * The set of sequence numbers seen by a walk: a bitmap in pages of 32768
 * numbers, found through a map, so that a line claiming seq 10^15 costs
 * one page.
 */
#define PAGE_BITS 32768

struct seqset {
	struct strmap *pages;
};

static unsigned char *
seq_page(struct seqset *s, long seq, int create)
{
	long pageno = seq / PAGE_BITS;
	void **slot;
	int isnew;

	if (!create) {
		slot = strmap_get(s->pages, (const char *)&pageno,
		    sizeof(pageno));
		return slot ? *slot : NULL;
	}
	slot = strmap_put(s->pages, (const char *)&pageno, sizeof(pageno),
	    &isnew);
	if (isnew)
		*slot = xcalloc(PAGE_BITS / 8, 1);
	return *slot;
}

static int
seq_seen(struct seqset *s, long seq)
{
	unsigned char *p = seq_page(s, seq, 0);
	long bit = seq % PAGE_BITS;

	return p != NULL && (p[bit / 8] >> (bit % 8) & 1);
}

static void
seq_add(struct seqset *s, long seq)
{
	unsigned char *p = seq_page(s, seq, 1);
	long bit = seq % PAGE_BITS;

	p[bit / 8] |= (unsigned char)(1 << (bit % 8));
}

static void
free_page(const char *key, size_t n, void *val, void *arg)
{
	(void)key;
	(void)n;
	(void)arg;
	free(val);
}

/* A jump in the sequence, checked at the end for entries never seen. */
struct gap {
	long	 line;
	long	 from, to;	/* the seqs on either side */
};

struct walk {
	void	(*fn)(void *, const struct jentry *);
	void	(*bad)(void *, long, const char *);
	void	*arg;
	int	 faults;
	long	 prevseq;		/* seq of the line before; -1 unknown */
	long	 maxseq;		/* the largest seq so far */
	char	 prevhash[HASH_TEXT_MAX];
	struct seqset seen;
	struct gap *gaps;
	size_t	 ngaps;
	struct buf text;
	struct hasher *h;		/* of algo, for the chain */
	char	 algo[8];
	long	 pendline;		/* a fault held until the next line */
	char	*pendmsg;
};

static void
fault_now(struct walk *w, long line, const char *msg)
{
	w->faults++;
	if (w->bad != NULL)
		w->bad(w->arg, line, msg);
}

/* flush_pending: report the fault held back for the previous line. */
static void
flush_pending(struct walk *w)
{
	if (w->pendmsg == NULL)
		return;
	fault_now(w, w->pendline, w->pendmsg);
	free(w->pendmsg);
	w->pendmsg = NULL;
}

/* fault: a fault of line, held until the next line is read, so that the
   last line's faults can become one "cut short" when it is torn. */
static void
fault(struct walk *w, long line, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	int n;

	flush_pending(w);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_grow(&b, n > 0 ? (size_t)n : 0);
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	w->pendline = line;
	w->pendmsg = b.s;
}

/* entry_fields: the fields of a row as an entry; NULL when they are
   not one (why says what is wrong). */
static const char *
entry_fields(const struct field *f, struct jentry *e)
{
	unsigned long long v;
	char algo[8];

	memset(e, 0, sizeof(*e));
	if (parse_whole(f[J_SEQ].s, &v) == -1 || v == 0 || v > LONG_MAX / 2)
		return "seq is not a number from 1";
	e->seq = (long)v;
	e->time = f[J_TIME].s;
	e->user = f[J_USER].s;
	e->tool = f[J_TOOL].s;
	e->action = f[J_ACTION].s;
	e->file = f[J_FILE].s;
	e->key = f[J_KEY].s;
	e->detail = f[J_DETAIL].s;
	e->chain = f[J_CHAIN].s;
	e->digest = f[J_DIGEST].s;
	e->hash = f[J_HASH].s;
	if (strcmp(e->chain, "start") != 0 && strcmp(e->chain, "extend") != 0 &&
	    *e->chain != '\0')
		return "chain is not start, extend or empty";
	if (*e->digest == '\0') {
		if (f[J_SIZE].len != 0 || *e->chain != '\0')
			return "size or chain without a digest";
	} else if (hash_algo_of(e->digest, algo, sizeof(algo)) == NULL)
		return "digest is not an ALGO:HEX text";
	else if (parse_whole(f[J_SIZE].s, &e->size) == -1)
		return "size is not a number";
	if (hash_algo_of(e->hash, algo, sizeof(algo)) == NULL)
		return "hash is not an ALGO:HEX text";
	e->resets = strcmp(e->chain, "start") == 0;
	return NULL;
}

/* check_order: the sequence rules for e on line; 1 when a sequence fault
   explains a broken hash link. */
static int
check_order(struct walk *w, const struct jentry *e, long line)
{
	if (w->maxseq == 0 && e->seq == 2) {
		fault(w, line, "journal starts at entry 2: entry 1 deleted");
		return 1;
	}
	if (w->maxseq == 0 && e->seq != 1) {
		fault(w, line, "journal starts at entry %ld: entries 1 to %ld "
		    "deleted", e->seq, e->seq - 1);
		return 1;
	}
	if (seq_seen(&w->seen, e->seq)) {
		fault(w, line, "entry %ld appears twice", e->seq);
		return 1;
	}
	if (e->seq <= w->maxseq) {
		fault(w, line, "entry %ld comes after entry %ld: entries "
		    "reordered", e->seq, w->maxseq);
		return 1;
	}
	if (e->seq > w->maxseq + 1 && w->maxseq > 0) {
		w->gaps = xreallocarray(w->gaps, w->ngaps + 1,
		    sizeof(*w->gaps));
		w->gaps[w->ngaps].line = line;
		w->gaps[w->ngaps].from = w->maxseq;
		w->gaps[w->ngaps].to = e->seq;
		w->ngaps++;
		return 1;
	}
	return w->prevseq != e->seq - 1;
}

/* walk_row: verify one row of the journal and hand it on. */
static void
walk_row(struct walk *w, const struct field *f, long line)
{
	char algo[8], hash[HASH_TEXT_MAX];
	struct jentry e;
	const char *why;
	int explained;

	if ((why = entry_fields(f, &e)) != NULL) {
		fault(w, line, "not a journal entry: %s", why);
		w->prevseq = -1;
		return;
	}
	e.line = line;
	explained = check_order(w, &e, line);
	buf_reset(&w->text);
	journal_entry_text(&w->text, &e);
	hash_algo_of(e.hash, algo, sizeof(algo));
	if (w->h == NULL || strcmp(algo, w->algo) != 0) {
		hasher_free(w->h);
		w->h = hasher_new(algo);
		memcpy(w->algo, algo, sizeof(algo));
	}
	journal_chain_hash(w->h, w->prevhash, buf_cstr(&w->text), w->text.len, hash);
	if (strcmp(hash, e.hash) != 0 && !explained)
		fault(w, line, "hash does not match the entry: edited");
	seq_add(&w->seen, e.seq);
	if (e.seq > w->maxseq)
		w->maxseq = e.seq;
	w->prevseq = e.seq;
	snprintf(w->prevhash, sizeof(w->prevhash), "%s", e.hash);
	if (w->fn != NULL)
		w->fn(w->arg, &e);
}

#define GAP_SCAN_MAX 1000000	/* a longer jump is not searched */

/* check_gaps: report the entries that jumps skipped and nobody gave. */
static void
check_gaps(struct walk *w)
{
	long missing, first, last, s;
	size_t i;

	for (i = 0; i < w->ngaps; i++) {
		struct gap *g = &w->gaps[i];
		struct buf b = {0};

		missing = 0;
		first = g->from + 1;
		last = g->to - 1;
		if (g->to - g->from > GAP_SCAN_MAX)	/* too far to look */
			missing = last - first + 1;
		else
			for (s = g->from + 1; s < g->to; s++)
				if (!seq_seen(&w->seen, s) && missing++ == 0)
					first = s;
		for (s = last; missing > 0 && s > first &&
		    seq_seen(&w->seen, s); s--)
			last = s - 1;
		if (missing == 0)
			continue;
		buf_printf(&b, "sequence jumps from %ld to %ld: ", g->from,
		    g->to);
		if (missing == 1)
			buf_printf(&b, "entry %ld deleted", first);
		else if (missing == last - first + 1)
			buf_printf(&b, "entries %ld to %ld deleted", first, last);
		else
			buf_printf(&b, "%ld entries deleted", missing);
		fault_now(w, g->line, b.s);
		buf_free(&b);
	}
}

/* check_header: the journal's header line is exactly its columns. */
static int
check_header(const struct table *t, const char *path)
{
	size_t i;

	if (tbl_ncols(t) == J_NCOLS) {
		for (i = 0; i < J_NCOLS; i++)
			if (strcmp(tbl_colname(t, i), jcols[i]) != 0)
				break;
		if (i == J_NCOLS)
			return 0;
	}
	warnmsg("%s: not a journal: the header is not %.*s", path,
	    (int)strlen(journal_header()) - 1, journal_header());
	return -1;
}

/* walk_end: faults known only at the end: a torn last line, deletions,
   entries removed from the end. */
static void
walk_end(struct walk *w, const char *dir, long lastline, int lastnl)
{
	struct jstate st;

	if (!lastnl) {
		if (w->pendmsg != NULL && w->pendline == lastline) {
			free(w->pendmsg);
			w->pendmsg = NULL;
		}
		fault(w, lastline, "last entry is cut short: journal truncated");
	}
	flush_pending(w);
	check_gaps(w);
	if (jstate_read(dir, &st) == 0) {
		if (st.seq > w->maxseq) {
			struct buf b = {0};

			buf_printf(&b, "journal ends at entry %ld but entry %ld "
			    "was written: entries removed from the end",
			    w->maxseq, st.seq);
			fault_now(w, lastline + 1, b.s);
			buf_free(&b);
		}
		jstate_free(&st);
	}
}

/*
 * journal_walk: verify DIR/journal.csv, entry by entry (see journal.h).
 */
int
journal_walk(const char *dir, void (*fn)(void *, const struct jentry *),
    void (*bad)(void *, long, const char *), void *arg)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	struct walk w;
	struct table *t;
	unsigned long long size;
	char *path = datadir_path(dir, JOURNAL_FILE);
	long lastline = 1;
	int r, lastnl;

	if (journal_tail(dir, "", &size, &lastnl) == -1) {
		r = errno;
		warnmsg("%s:", path);
		free(path);
		errno = r;
		return -1;
	}
	if ((t = tbl_open(path, &o)) == NULL) {
		free(path);
		return -1;
	}
	if (check_header(t, path) == -1) {
		tbl_close(t);
		free(path);
		return -1;
	}
	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.bad = bad;
	w.arg = arg;
	w.seen.pages = strmap_new();
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_ROW) {
			lastline = tbl_line(t);
			walk_row(&w, tbl_fields(t), lastline);
			continue;
		}
		lastline = tbl_error_line(t);
		fault(&w, lastline, "not a journal entry: %s", tbl_error(t));
		w.prevseq = -1;
		if (r == TBL_FATAL)
			break;
	}
	walk_end(&w, dir, lastline, lastnl);
	tbl_close(t);
	strmap_each(w.seen.pages, free_page, NULL);
	strmap_free(w.seen.pages);
	free(w.gaps);
	hasher_free(w.h);
	buf_free(&w.text);
	free(path);
	return w.faults;
}

/*
 * file_verify: the file against the segments the journal recorded.
 */

/* A segment of a file: the entry that wrote it and the state after. */
struct seg {
	long	 seq;
	int	 start;			/* digest over the whole file */
	unsigned long long size;	/* the file's size after it */
	char	 digest[HASH_TEXT_MAX];
};

struct segs {
	const char *file;
	struct seg *v;
	size_t	 n, cap;
	int	 started;		/* a "start" entry was seen */
};

static void
collect_seg(void *arg, const struct jentry *e)
{
	struct segs *s = arg;
	struct seg *g;

	if (strcmp(e->file, s->file) != 0 || *e->chain == '\0')
		return;
	if (e->resets) {
		s->n = 0;
		s->started = 1;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	g = &s->v[s->n++];
	g->seq = e->seq;
	g->start = e->resets;
	g->size = e->size;
	snprintf(g->digest, sizeof(g->digest), "%s", e->digest);
}

static char why_buf[256];

/* hash_span: feed bytes [from, to) of fd to h; -1 on a read error, 0
   when the file ends first, 1 when done. */
static int
hash_span(int fd, struct hasher *h, unsigned long long from,
    unsigned long long to)
{
	char chunk[65536];
	size_t want;
	ssize_t n;

	while (from < to) {
		want = to - from < sizeof(chunk) ? (size_t)(to - from) :
		    sizeof(chunk);
		n = pread(fd, chunk, want, (off_t)from);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		hasher_update(h, chunk, (size_t)n);
		from += (unsigned long long)n;
	}
	return 1;
}

/* verify_segs: hash fd along s; 1 match, 0 differs (why_buf), -1. */
static int
verify_segs(int fd, const struct segs *s, unsigned long long fsize)
{
	const struct seg *g, *last = &s->v[s->n - 1];
	unsigned long long from = 0;
	char algo[8], got[HASH_TEXT_MAX];
	struct hasher *h;
	size_t i;
	int r;

	for (i = 0; i < s->n && s->v[i].size <= fsize; i++) {
		g = &s->v[i];
		from = g->start ? 0 : s->v[i - 1].size;
		if (g->size < from) {
			snprintf(why_buf, sizeof(why_buf), "the journal's size "
			    "for it goes back at entry %ld", g->seq);
			return 0;
		}
		h = hasher_new(hash_algo_of(g->digest, algo, sizeof(algo)));
		if (!g->start)
			hasher_update(h, s->v[i - 1].digest,
			    strlen(s->v[i - 1].digest));
		r = hash_span(fd, h, from, g->size);
		hasher_final(h, got);
		hasher_free(h);
		if (r == -1)
			return -1;
		if (strcmp(got, g->digest) != 0) {
			snprintf(why_buf, sizeof(why_buf), "content differs "
			    "from the journal in bytes %llu to %llu (entry "
			    "%ld)", from, g->size ? g->size - 1 : 0, g->seq);
			if (fsize != last->size)
				snprintf(why_buf + strlen(why_buf),
				    sizeof(why_buf) - strlen(why_buf),
				    "; size %llu differs from the journal's "
				    "%llu", fsize, last->size);
			return 0;
		}
	}
	if (fsize < last->size)
		snprintf(why_buf, sizeof(why_buf), "size %llu differs from the "
		    "journal's %llu: the end is cut off", fsize, last->size);
	else if (fsize > last->size)
		snprintf(why_buf, sizeof(why_buf), "size %llu differs from the "
		    "journal's %llu: bytes added after entry %ld", fsize,
		    last->size, last->seq);
	else
		return 1;
	return 0;
}

/*
 * file_verify: does DIR/file match the journal (see journal.h)?
 */
int
file_verify(const char *dir, const char *file, const char **why)
{
	struct segs s;
	struct stat st;
	char *path;
	int fd, r;

	*why = why_buf;
	why_buf[0] = '\0';
	memset(&s, 0, sizeof(s));
	s.file = file;
	path = datadir_path(dir, JOURNAL_FILE);
	r = access(path, F_OK);
	free(path);
	if (r == -1 && errno == ENOENT) {
		snprintf(why_buf, sizeof(why_buf), "the journal has no entry "
		    "for it");
		return 2;
	}
	if (journal_walk(dir, collect_seg, NULL, &s) == -1)
		return -1;
	if (s.n == 0 || !s.started) {
		free(s.v);
		snprintf(why_buf, sizeof(why_buf), "the journal has no entry "
		    "for it");
		return 2;
	}
	path = datadir_path(dir, file);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		warnmsg("%s:", path);
		r = -1;
	} else if ((r = verify_segs(fd, &s, (unsigned long long)st.st_size))
	    == -1)
		warnmsg("%s: read error:", path);
	if (fd != -1)
		close(fd);
	free(path);
	free(s.v);
	return r;
}

