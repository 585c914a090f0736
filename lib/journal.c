/*
 * journal.c - the journal (journal.csv): its line format and hash chain,
 * writing it, its cached end (.journal-state), and accepting a file as
 * it is (journal_record).  Reading and verifying it: journal_verify.c.
 *
 * The journal's bytes are hashed, so this file fixes their encoding
 * itself (put_field) rather than leaving it to the general CSV writer;
 * the verifier reads entries through the table reader and rebuilds
 * their text with journal_entry_text.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
#include "util.h"
#include "valid.h"

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

/* mend_utf8: s with each byte that is not part of well-formed UTF-8
   replaced by U+FFFD, in fresh memory. */
static char *
mend_utf8(const char *s)
{
	struct buf b = {0};
	size_t n = strlen(s), k;

	while (n > 0) {
		if ((k = utf8_charlen(s, n)) == 0) {
			buf_adds(&b, "\xef\xbf\xbd");
			k = 1;
		} else
			buf_add(&b, s, k);
		s += k;
		n -= k;
	}
	return b.s ? b.s : xstrdup("");
}

/*
 * put_field: s as the journal writes a field: quoted when it must be, and
 * mended when it is not UTF-8 (the table reader, which reads the journal
 * back, refuses such a line).
 */
static void
put_field(struct buf *b, const char *s)
{
	char *mended = NULL;
	const char *p;

	if (s == NULL)
		return;
	if (!utf8_valid(s, strlen(s)))
		s = mended = mend_utf8(s);
	if (strpbrk(s, ",\"\r\n") == NULL)
		buf_adds(b, s);
	else {
		buf_addc(b, '"');
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				buf_addc(b, '"');
			buf_addc(b, *p);
		}
		buf_addc(b, '"');
	}
	free(mended);
}

/* journal_entry_text: the eleven fields of e before its hash, as hashed. */
void
journal_entry_text(struct buf *b, const struct jentry *e)
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

/* journal_chain_hash: H(prev "\n" text) as "ALGO:HEX", with h. */
void
journal_chain_hash(struct hasher *h, const char *prev, const char *text, size_t n,
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
	journal_entry_text(&text, e);
	journal_chain_hash(h, st->hash, buf_cstr(&text), text.len, hashbuf);
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
	if (lseek(fd, 0, SEEK_END) == -1 || store_write(fd, blob, n) == -1 ||
	    fsync(fd) == -1)
		goto out;
	if (before == 0 && store_fsync_parent(path) == -1)
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
	r = store_replace(path, b.s, b.len, 0);
	free(path);
	buf_free(&b);
	return r;
}

/* parse_whole: s is a decimal number and nothing else. */
static int
parse_whole(const char *s, unsigned long long *v)
{
	const char *end;

	return store_count(s, v, &end) == 0 && *end == '\0' ? 0 : -1;
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
		if (parse_whole(sp + 1, &size) == -1 ||
		    parse_whole(sp2 + 1, &seq) == -1 || seq > LONG_MAX)
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
		if (parse_whole(sp + 1, &size) == -1 ||
		    hash_algo_of(sp2 + 1, algo, sizeof(algo)) == NULL ||
		    sp3[1] == '\0')
			return -1;
		jstate_set_file(st, sp3 + 1, size, sp2 + 1);
		return 0;
	}
	return -1;
}

/* jstate_read: the cache as it is on disk; -1 when missing or malformed. */
int
jstate_read(const char *dir, struct jstate *st)
{
	char *path = datadir_path(dir, STATE_FILE);
	char *text, *line, *nl;
	size_t len;
	int r = 0;

	memset(st, 0, sizeof(*st));
	text = store_slurp(path, &len);
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
int
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

	cache_ok = jstate_read(dir, &cached) == 0;
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
