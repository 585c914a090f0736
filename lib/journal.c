/*
 * journal.c - the journal (journal.csv): its line format and hash chain,
 * its cached end (.journal-state), verifying it (journal_walk) and the
 * files it describes (file_verify), and accepting a file as it is
 * (journal_record).
 *
 * The journal's bytes are hashed, so this file fixes their encoding
 * itself (put_field) rather than leaving it to the general CSV writer;
 * reading goes through the table reader, and the text of an entry is
 * rebuilt from its fields with the same encoding.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

#define STATE_MAGIC "union-journal-state 1"

/* journal_header: the journal's first line, with its newline. */
const char *
journal_header(void)
{
	return "seq,time,user,tool,action,file,key,detail,chain,size,digest,"
	    "hash\n";
}

/*
 * journal_time: the time to write in entries: $UNION_NOW verbatim when
 * set, else the clock in UTC as "2026-11-25T21:52:27Z".
 */
const char *
journal_time(char buf[JTIME_MAX])
{
	const char *now = getenv("UNION_NOW");
	struct tm tm;
	time_t t;

	if (now != NULL && *now != '\0') {
		snprintf(buf, JTIME_MAX, "%s", now);
		return buf;
	}
	t = time(NULL);
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, JTIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, JTIME_MAX, "%lld", (long long)t);
	return buf;
}

/* put_field: s as the journal writes a field (quoted when it must be). */
static void
put_field(struct buf *b, const char *s)
{
	const char *p;

	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

/* entry_text: the eleven fields of e before its hash, as hashed. */
static void
entry_text(struct buf *b, const struct jentry *e)
{
	char num[32];

	snprintf(num, sizeof(num), "%ld", e->seq);
	buf_adds(b, num);
	buf_addc(b, ',');
	put_field(b, e->time);
	buf_addc(b, ',');
	put_field(b, e->user);
	buf_addc(b, ',');
	put_field(b, e->tool);
	buf_addc(b, ',');
	put_field(b, e->action);
	buf_addc(b, ',');
	put_field(b, e->file);
	buf_addc(b, ',');
	put_field(b, e->key);
	buf_addc(b, ',');
	put_field(b, e->detail);
	buf_addc(b, ',');
	put_field(b, e->chain);
	buf_addc(b, ',');
	if (e->digest != NULL && *e->digest != '\0') {
		snprintf(num, sizeof(num), "%llu", e->size);
		buf_adds(b, num);
	}
	buf_addc(b, ',');
	put_field(b, e->digest);
}

/* chain_hash: H(prev "\n" text) as "ALGO:HEX", with h. */
static void
chain_hash(struct hasher *h, const char *prev, const char *text, size_t n,
    char out[HASH_TEXT_MAX])
{
	hasher_update(h, prev, strlen(prev));
	hasher_update(h, "\n", 1);
	hasher_update(h, text, n);
	hasher_final(h, out);
}

/*
 * journal_format: append e's line to b, chained to st's last entry; see
 * store.h.
 */
void
journal_format(struct buf *b, struct jstate *st, struct jentry *e,
    char hashbuf[HASH_TEXT_MAX])
{
	struct buf text = {0};

	struct hasher *h = hasher_new(st->algo);

	if (h == NULL)
		die(EXIT_TROUBLE, "%s: unknown hash algorithm", st->algo);
	e->seq = st->seq + 1;
	entry_text(&text, e);
	chain_hash(h, st->hash, buf_cstr(&text), text.len, hashbuf);
	hasher_free(h);
	e->hash = hashbuf;
	buf_add(b, text.s, text.len);
	buf_addc(b, ',');
	buf_adds(b, hashbuf);
	buf_addc(b, '\n');
	st->seq = e->seq;
	snprintf(st->hash, sizeof(st->hash), "%s", hashbuf);
	buf_free(&text);
}

/*
 * journal_put: write blob at offset before of the journal (see store.h).
 */
int
journal_put(const char *dir, unsigned long long before, const char *blob,
    size_t n)
{
	char *path = datadir_path(dir, JOURNAL_FILE);
	struct stat st;
	int fd, r = -1;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0640);
	if (fd == -1) {
		warnmsg("%s:", path);
		free(path);
		return -1;
	}
	if (fstat(fd, &st) == -1)
		goto out;
	if ((unsigned long long)st.st_size > before &&
	    ftruncate(fd, (off_t)before) == -1)
		goto out;
	if (lseek(fd, 0, SEEK_END) == -1 || write_all(fd, blob, n) == -1 ||
	    fsync(fd) == -1)
		goto out;
	if (before == 0 && fsync_parent(path) == -1)
		goto out;
	r = 0;
out:
	if (r == -1)
		warnmsg("%s: write error:", path);
	close(fd);
	free(path);
	return r;
}

/*
 * The cache of the journal's end, DIR/.journal-state:
 *	union-journal-state 1
 *	algo sha256
 *	journal SIZE SEQ HASH		(HASH "-" when there is no entry)
 *	file SIZE DIGEST NAME		(one line per file)
 */

/* jstate_free: release st's memory and empty it. */
void
jstate_free(struct jstate *st)
{
	size_t i;

	for (i = 0; i < st->nfiles; i++)
		free(st->files[i].name);
	free(st->files);
	memset(st, 0, sizeof(*st));
}

/* jstate_file: the recorded state of name, or NULL. */
const struct jfile *
jstate_file(const struct jstate *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nfiles; i++)
		if (strcmp(st->files[i].name, name) == 0)
			return &st->files[i];
	return NULL;
}

/* jstate_set_file: record name's size and digest after an entry. */
void
jstate_set_file(struct jstate *st, const char *name, unsigned long long size,
    const char *digest)
{
	struct jfile *f = (struct jfile *)jstate_file(st, name);

	if (f == NULL) {
		st->files = xreallocarray(st->files, st->nfiles + 1,
		    sizeof(*st->files));
		f = &st->files[st->nfiles++];
		f->name = xstrdup(name);
	}
	f->size = size;
	snprintf(f->digest, sizeof(f->digest), "%s", digest);
}

/* jstate_save: rewrite the cache (see store.h). */
int
jstate_save(const char *dir, const struct jstate *st)
{
	struct buf b = {0};
	char *path = datadir_path(dir, STATE_FILE);
	size_t i;
	int r;

	buf_printf(&b, "%s\nalgo %s\njournal %llu %ld %s\n", STATE_MAGIC,
	    st->algo, st->jsize, st->seq, st->seq > 0 ? st->hash : "-");
	for (i = 0; i < st->nfiles; i++)
		buf_printf(&b, "file %llu %s %s\n", st->files[i].size,
		    st->files[i].digest, st->files[i].name);
	r = write_atomic(path, b.s, b.len, 0);
	free(path);
	buf_free(&b);
	return r;
}

/* parse_ull: a whole decimal number; -1 when s is not one. */
static int
parse_ull(const char *s, unsigned long long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

/* state_line: one line of the cache into st; -1 when it is malformed. */
static int
state_line(struct jstate *st, char *line)
{
	char algo[8], *sp, *sp2, *sp3;
	unsigned long long size, seq;

	if (strncmp(line, "algo ", 5) == 0) {
		struct hasher *h = hasher_new(line + 5);

		if (h == NULL)
			return -1;
		hasher_free(h);
		snprintf(st->algo, sizeof(st->algo), "%s", line + 5);
		return 0;
	}
	if ((sp = strchr(line, ' ')) == NULL ||
	    (sp2 = strchr(sp + 1, ' ')) == NULL ||
	    (sp3 = strchr(sp2 + 1, ' ')) == NULL)
		return -1;
	*sp = *sp2 = *sp3 = '\0';
	if (strcmp(line, "journal") == 0) {
		if (parse_ull(sp + 1, &size) == -1 ||
		    parse_ull(sp2 + 1, &seq) == -1 || seq > LONG_MAX)
			return -1;
		st->jsize = size;
		st->seq = (long)seq;
		if (seq == 0)
			return strcmp(sp3 + 1, "-") == 0 ? 0 : -1;
		if (hash_algo_of(sp3 + 1, algo, sizeof(algo)) == NULL)
			return -1;
		snprintf(st->hash, sizeof(st->hash), "%s", sp3 + 1);
		return 0;
	}
	if (strcmp(line, "file") == 0) {
		if (parse_ull(sp + 1, &size) == -1 ||
		    hash_algo_of(sp2 + 1, algo, sizeof(algo)) == NULL ||
		    sp3[1] == '\0')
			return -1;
		jstate_set_file(st, sp3 + 1, size, sp2 + 1);
		return 0;
	}
	return -1;
}

/* state_read: the cache as it is on disk; -1 when missing or malformed. */
static int
state_read(const char *dir, struct jstate *st)
{
	char *path = datadir_path(dir, STATE_FILE);
	char *text, *line, *nl;
	size_t len;
	int r = 0;

	memset(st, 0, sizeof(*st));
	text = slurp_file(path, &len);
	free(path);
	if (text == NULL)
		return -1;
	if (strlen(text) != len || strncmp(text, STATE_MAGIC "\n",
	    sizeof(STATE_MAGIC)) != 0)
		r = -1;
	for (line = text + sizeof(STATE_MAGIC); r == 0 && *line != '\0';
	    line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL) {
			r = -1;
			break;
		}
		*nl = '\0';
		r = state_line(st, line);
	}
	if (r == 0 && st->algo[0] == '\0')
		r = -1;
	free(text);
	if (r == -1)
		jstate_free(st);
	return r;
}

/*
 * journal_tail: the journal's size into *size, and whether its last
 * bytes are ",HASH\n" for hash (1) or not (0); -1 with errno when it
 * cannot be read (ENOENT: absent).  *lastnl says whether it ends in a
 * newline.
 */
static int
journal_tail(const char *dir, const char *hash, unsigned long long *size,
    int *lastnl)
{
	char *path = datadir_path(dir, JOURNAL_FILE);
	char tail[HASH_TEXT_MAX + 2];
	size_t n = strlen(hash) + 2;
	struct stat st;
	int fd, r = 0, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto fail;
	*size = (unsigned long long)st.st_size;
	*lastnl = 0;
	if (st.st_size > 0) {
		if (pread(fd, tail, 1, st.st_size - 1) != 1)
			goto fail;
		*lastnl = tail[0] == '\n';
	}
	if (*hash != '\0' && (off_t)n <= st.st_size) {
		if (pread(fd, tail, n, st.st_size - (off_t)n) != (ssize_t)n)
			goto fail;
		r = tail[0] == ',' && memcmp(tail + 1, hash, n - 2) == 0 &&
		    tail[n - 1] == '\n';
	}
	close(fd);
	return r;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* rebuild_entry: journal_walk's callback when rebuilding the state. */
static void
rebuild_entry(void *arg, const struct jentry *e)
{
	struct jstate *st = arg;
	char algo[8];

	st->seq = e->seq;
	snprintf(st->hash, sizeof(st->hash), "%s", e->hash);
	if (hash_algo_of(e->hash, algo, sizeof(algo)) != NULL)
		snprintf(st->algo, sizeof(st->algo), "%s", algo);
	if (*e->file != '\0' && *e->digest != '\0')
		jstate_set_file(st, e->file, e->size, e->digest);
}

/* state_rebuild: the state by reading the whole journal. */
static int
state_rebuild(const char *dir, struct jstate *st, unsigned long long size)
{
	memset(st, 0, sizeof(*st));
	snprintf(st->algo, sizeof(st->algo), "%s", HASH_DEFAULT);
	if (journal_walk(dir, rebuild_entry, NULL, st) == -1) {
		jstate_free(st);
		return -1;
	}
	st->jsize = size;
	return 0;
}

/* fresh_state: the state of a journal not yet created; refused when the
   cache says entries were written (a journal deleted). */
static int
fresh_state(struct jstate *st, long written)
{
	if (written > 0) {
		warnmsg("%s: missing, but entry %ld was written (%s); restore "
		    "it, or remove %s to start a new journal", JOURNAL_FILE,
		    written, STATE_FILE, STATE_FILE);
		return -1;
	}
	memset(st, 0, sizeof(*st));
	snprintf(st->algo, sizeof(st->algo), "%s", HASH_DEFAULT);
	return 0;
}

/* rebuilt_state: the state read from the whole journal, and cached;
   refused when it is shorter than the cache says, or its last line is
   not an entry. */
static int
rebuilt_state(const char *dir, struct jstate *st, unsigned long long size,
    long written)
{
	int lastnl;

	if (state_rebuild(dir, st, size) == -1)
		return -1;
	if (written > st->seq) {
		warnmsg("%s: ends at entry %ld but entry %ld was written (%s); "
		    "restore it, or remove %s to go on", JOURNAL_FILE, st->seq,
		    written, STATE_FILE, STATE_FILE);
		jstate_free(st);
		return -1;
	}
	if (st->seq == 0 ? size != strlen(journal_header()) :
	    journal_tail(dir, st->hash, &size, &lastnl) != 1) {
		warnmsg("%s: last line is not a journal entry; run union-audit",
		    JOURNAL_FILE);
		jstate_free(st);
		return -1;
	}
	jstate_save(dir, st);
	return 0;
}

/*
 * jstate_load: the journal's state, cached or rebuilt (see store.h).
 */
int
jstate_load(const char *dir, struct jstate *st)
{
	unsigned long long size = 0;
	struct jstate cached;
	int cache_ok, tail, lastnl = 1, r = -1;
	long written;

	cache_ok = state_read(dir, &cached) == 0;
	written = cache_ok ? cached.seq : 0;
	tail = journal_tail(dir, cache_ok ? cached.hash : "", &size, &lastnl);
	if (tail == -1 && errno != ENOENT)
		warnmsg("%s/%s:", dir, JOURNAL_FILE);
	else if (tail == -1 || size == 0)
		r = fresh_state(st, written);
	else if (!lastnl)
		warnmsg("%s: last line has no newline (torn write?); "
		    "run union-audit", JOURNAL_FILE);
	else if (cache_ok && tail == 1 && cached.jsize == size && written > 0) {
		*st = cached;
		return 0;
	} else
		r = rebuilt_state(dir, st, size, written);
	if (cache_ok)
		jstate_free(&cached);
	return r;
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
	if (parse_ull(f[J_SEQ].s, &v) == -1 || v == 0 || v > LONG_MAX / 2)
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
	else if (parse_ull(f[J_SIZE].s, &e->size) == -1)
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
	entry_text(&w->text, &e);
	hash_algo_of(e.hash, algo, sizeof(algo));
	if (w->h == NULL || strcmp(algo, w->algo) != 0) {
		hasher_free(w->h);
		w->h = hasher_new(algo);
		memcpy(w->algo, algo, sizeof(algo));
	}
	chain_hash(w->h, w->prevhash, buf_cstr(&w->text), w->text.len, hash);
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
	if (state_read(dir, &st) == 0) {
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

/*
 * journal_record: a transaction of one entry starting file's chain.
 */
int
journal_record(const char *dir, const char *tool, const char *user,
    const char *action, const char *file, const char *key,
    const char *detail)
{
	struct txn *x;

	if ((x = txn_begin(dir, tool, user)) == NULL)
		return -1;
	if (txn_accept(x, file, action, key, detail) == -1) {
		txn_abort(x);
		return -1;
	}
	return txn_commit(x);
}
