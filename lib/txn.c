/*
 * txn.c - changes to the data directory as transactions (the protocol is
 * described in datadir.h; the record on disk and the recovery are in
 * txn_record.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "diag.h"
#include "journal.h"
#include "out.h"
#include "store.h"
#include "util.h"

enum tkind { TK_APPEND, TK_REWRITE, TK_CREATE, TK_ACCEPT };

static const char *const kind_action[] = {
	[TK_APPEND] = "append", [TK_REWRITE] = "rewrite",
	[TK_CREATE] = "create", [TK_ACCEPT] = "accept"
};

/* A file the transaction writes (or accepts as it is). */
struct tfile {
	char	*name;			/* relative to the data directory */
	char	*path;			/* dir/name */
	char	*tmp;			/* the staged copy; NULL for appends */
	enum tkind kind;
	int	 fd;			/* -1 once closed */
	struct out *out;		/* the caller's writer; NULL: none */
	struct hasher *h;		/* hashes what is written */
	int	 start;			/* the digest starts a new chain */
	unsigned long long oldsize;	/* appends: the size before */
	unsigned long long size;	/* the size after (at commit) */
	char	 digest[HASH_TEXT_MAX];	/* the digest after (at commit) */
	int	 claimed;		/* an entry carries the change */
};

/* An entry asked for by txn_log. */
struct tlog {
	char	*action, *file, *key, *detail;
};

struct txn {
	char	*dir;
	char	*tool, *user;
	int	 lockfd;
	pid_t	 pid;			/* the process that began it */
	struct jstate js;		/* the journal's end */
	struct tfile *files;
	size_t	 nfiles;
	struct tlog *logs;
	size_t	 nlogs;
	int	 recorded;		/* DIR/.txn exists */
};

static struct txn *live;	/* the open transaction, undone at exit */

static void txn_free(struct txn *x);

/* txn_trec: x's record: what to undo, and (committed, when blob is not
   NULL) the journal bytes to write.  The caller frees it (trec_free). */
static void
txn_trec(const struct txn *x, struct trec *r, const struct buf *blob)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->files = xcalloc(x->nfiles + 1, sizeof(*r->files));
	for (i = 0; i < x->nfiles; i++) {
		const struct tfile *f = &x->files[i];

		if (f->kind == TK_ACCEPT)
			continue;
		r->files[r->nfiles].staged = f->kind != TK_APPEND;
		r->files[r->nfiles].oldsize = f->oldsize;
		r->files[r->nfiles].name = xstrdup(f->name);
		r->nfiles++;
	}
	if (blob != NULL) {
		r->committed = 1;
		r->before = x->js.jsize;
		r->blob = blob->s;
		r->bloblen = blob->len;
	}
}

/* txn_record: write x's record durably; 0, or -1 after a message. */
static int
txn_record(struct txn *x, const struct buf *blob)
{
	struct trec r;
	int rc;

	txn_trec(x, &r, blob);
	x->recorded = 1;	/* even a failed attempt may have installed it */
	rc = trec_write(x->dir, &r);
	trec_free(&r);
	return rc;
}

/* quiet: redirect a writer's descriptor to /dev/null, so that closing
   the writer cannot put buffered rows into a file being rolled back. */
static void
quiet(struct tfile *f)
{
	int null;

	if (f->fd < 0)
		return;
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) != -1) {
		dup2(null, f->fd);
		close(null);
	}
}

/* at_exit: a process leaving with a transaction open undoes it (or
   finishes it, past the commit point) from its record on disk. */
static void
at_exit(void)
{
	struct txn *x = live;
	size_t i;
	int finished;

	if (x == NULL || x->pid != getpid())
		return;
	live = NULL;
	for (i = 0; i < x->nfiles; i++)
		quiet(&x->files[i]);
	if (x->recorded)
		txn_settle(x->dir, 0, &finished);
	txn_free(x);
}

static void
txn_free(struct txn *x)
{
	size_t i;

	for (i = 0; i < x->nfiles; i++) {
		struct tfile *f = &x->files[i];

		if (f->out != NULL)
			out_close(f->out);
		if (f->fd >= 0)
			close(f->fd);
		hasher_free(f->h);
		free(f->name);
		free(f->path);
		free(f->tmp);
	}
	for (i = 0; i < x->nlogs; i++) {
		free(x->logs[i].action);
		free(x->logs[i].file);
		free(x->logs[i].key);
		free(x->logs[i].detail);
	}
	free(x->files);
	free(x->logs);
	jstate_free(&x->js);
	datadir_unlock(x->lockfd);
	if (live == x)
		live = NULL;
	free(x->dir);
	free(x->tool);
	free(x->user);
	free(x);
}

/*
 * txn_begin: lock, recover, load the journal's state (see datadir.h).
 */
struct txn *
txn_begin(const char *dir, const char *tool, const char *user)
{
	static int registered;
	struct txn *x;
	int fd;

	if ((fd = datadir_lock(dir)) == -1)
		return NULL;
	if (datadir_recover(dir) == -1) {
		datadir_unlock(fd);
		return NULL;
	}
	x = xcalloc(1, sizeof(*x));
	x->lockfd = fd;
	x->dir = xstrdup(dir);
	x->tool = xstrdup(tool ? tool : diag_prog());
	x->user = xstrdup(user && *user ? user : "unknown");
	x->pid = getpid();
	if (jstate_load(dir, &x->js) == -1) {
		txn_free(x);
		return NULL;
	}
	if (!registered) {
		atexit(at_exit);
		registered = 1;
	}
	live = x;
	return x;
}

/*
 * txn_set_hash: the algorithm of a journal this transaction creates
 * (see datadir.h).
 */
int
txn_set_hash(struct txn *x, const char *algo)
{
	struct hasher *h = hasher_new(algo);

	if (h == NULL) {
		warnmsg("%s: unknown hash algorithm (use sha256 or sm3)", algo);
		return -1;
	}
	hasher_free(h);
	if (x->js.seq > 0 && strcmp(x->js.algo, algo) != 0) {
		warnmsg("%s: already uses %s", JOURNAL_FILE, x->js.algo);
		return -1;
	}
	if (x->nfiles > 0) {
		warnmsg("txn_set_hash: called after a file was opened");
		return -1;
	}
	snprintf(x->js.algo, sizeof(x->js.algo), "%s", algo);
	return 0;
}

/* data_name: a name a transaction may write: relative, inside the
   directory, not hidden, not the journal. */
static int
data_name(const char *name)
{
	const char *p;

	if (name == NULL || *name == '\0' || *name == '/' || *name == '.' ||
	    strcmp(name, JOURNAL_FILE) == 0 || strstr(name, "/.") != NULL)
		goto bad;
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			goto bad;
	return 0;
bad:
	warnmsg("%s: not a data file a transaction may write",
	    name ? name : "(null)");
	return -1;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* find_file: the file of x named name, or NULL. */
static struct tfile *
find_file(struct txn *x, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < x->nfiles; i++)
		if (strcmp(x->files[i].name, name) == 0)
			return &x->files[i];
	return NULL;
}

/* add_file: a new file entry of x (its descriptor not yet open). */
static struct tfile *
add_file(struct txn *x, const char *name, enum tkind kind)
{
	struct tfile *f;

	x->files = xreallocarray(x->files, x->nfiles + 1, sizeof(*x->files));
	f = &x->files[x->nfiles++];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->path = datadir_path(x->dir, name);
	f->kind = kind;
	f->fd = -1;
	if ((f->h = hasher_new(x->js.algo)) == NULL)
		die(EXIT_TROUBLE, "%s: unknown hash algorithm", x->js.algo);
	return f;
}

/* drop_last: forget the file entry add_file made last. */
static void
drop_last(struct txn *x)
{
	struct tfile *f = &x->files[--x->nfiles];

	if (f->fd >= 0)
		close(f->fd);
	hasher_free(f->h);
	free(f->name);
	free(f->path);
	free(f->tmp);
}

/* tap: the writer's bytes into the file's digest. */
static void
tap(void *arg, const void *p, size_t n)
{
	hasher_update(arg, p, n);
}

static struct out *
writer(struct tfile *f, int flags)
{
	enum outfmt fmt = has_suffix(f->name, ".tsv") ? FMT_TSV : FMT_CSV;

	f->out = out_open_fd(f->fd, f->path, fmt, flags);
	out_set_tap(f->out, tap, f->h);
	return f->out;
}

/* hash_file: feed fd's first size bytes to h; -1 with errno. */
static int
hash_file(int fd, struct hasher *h, unsigned long long size)
{
	char chunk[65536];
	unsigned long long at = 0;
	ssize_t n;

	while (at < size) {
		n = pread(fd, chunk, size - at < sizeof(chunk) ?
		    (size_t)(size - at) : sizeof(chunk), (off_t)at);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		hasher_update(h, chunk, (size_t)n);
		at += (unsigned long long)n;
	}
	return 0;
}

/* open_append: open f for appending and check its end; -1 after a
   message. */
static int
open_append(struct txn *x, struct tfile *f)
{
	const struct jfile *rec;
	struct stat st;
	char last;

	if ((f->fd = open(f->path, O_RDWR | O_APPEND | O_CLOEXEC)) == -1) {
		warnmsg("%s:", f->path);
		return -1;
	}
	if (fstat(f->fd, &st) == -1) {
		warnmsg("%s:", f->path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		warnmsg("%s: not a regular file", f->path);
		return -1;
	}
	if (st.st_size == 0) {
		warnmsg("%s: empty file, not even a header line", f->path);
		return -1;
	}
	if (pread(f->fd, &last, 1, st.st_size - 1) != 1) {
		warnmsg("%s: read error:", f->path);
		return -1;
	}
	if (last != '\n') {
		warnmsg("%s: last line has no newline (torn write?); "
		    "run union-audit", f->path);
		return -1;
	}
	f->oldsize = (unsigned long long)st.st_size;
	if ((rec = jstate_file(&x->js, f->name)) != NULL) {
		hasher_update(f->h, rec->digest, strlen(rec->digest));
		return 0;
	}
	f->start = 1;		/* unknown to the journal: digest it whole */
	if (hash_file(f->fd, f->h, f->oldsize) == -1) {
		warnmsg("%s: read error:", f->path);
		return -1;
	}
	return 0;
}

/*
 * txn_append: a writer at the end of an existing table (see datadir.h).
 */
struct out *
txn_append(struct txn *x, const char *file)
{
	struct tfile *f;

	if (data_name(file) == -1)
		return NULL;
	if ((f = find_file(x, file)) != NULL) {
		if (f->kind == TK_APPEND)
			return f->out;
		warnmsg("%s: cannot append to a file this transaction "
		    "rewrites", file);
		return NULL;
	}
	if (has_suffix(file, ".gz")) {
		warnmsg("%s: cannot append to a compressed file", file);
		return NULL;
	}
	f = add_file(x, file, TK_APPEND);
	if (open_append(x, f) == -1 || txn_record(x, NULL) == -1) {
		drop_last(x);
		return NULL;
	}
	return writer(f, OUT_NOHEADER);
}

/* stage: a staged copy for f; its old mode kept; -1 after a message. */
static int
stage(struct txn *x, struct tfile *f)
{
	struct stat st;
	int have = stat(f->path, &st) == 0;

	if (!have && errno != ENOENT) {
		warnmsg("%s:", f->path);
		return -1;
	}
	if (have && f->kind == TK_CREATE) {
		warnmsg("%s: already exists", f->path);
		return -1;
	}
	/* a table the journal knows, gone: writing a new one would start
	   its history afresh (ids from 1) and lose the old rows unseen */
	if (!have && jstate_file(&x->js, f->name) != NULL) {
		warnmsg("%s: missing, but the journal has it; restore it "
		    "(union-audit archive keeps copies) before changing it",
		    f->path);
		return -1;
	}
	f->tmp = xasprintf("%s.tmp", f->path);
	f->start = 1;
	if (txn_record(x, NULL) == -1)
		return -1;
	f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (f->fd == -1 ||
	    (have && fchmod(f->fd, st.st_mode & 07777) == -1)) {
		warnmsg("%s:", f->tmp);
		return -1;
	}
	return 0;
}

/* open_staged: txn_rewrite and txn_create. */
static struct out *
open_staged(struct txn *x, const char *file, enum tkind kind)
{
	struct tfile *f;

	if (data_name(file) == -1)
		return NULL;
	if ((f = find_file(x, file)) != NULL) {
		if (f->kind == kind)
			return f->out;
		warnmsg("%s: already %s in this transaction", file,
		    f->kind == TK_APPEND ? "appended to" : "written");
		return NULL;
	}
	if (has_suffix(file, ".gz")) {
		warnmsg("%s: cannot write a compressed file", file);
		return NULL;
	}
	f = add_file(x, file, kind);
	if (stage(x, f) == -1) {
		drop_last(x);
		return NULL;
	}
	return writer(f, 0);
}

/* txn_rewrite: a writer on a staged copy (see datadir.h). */
struct out *
txn_rewrite(struct txn *x, const char *file)
{
	return open_staged(x, file, TK_REWRITE);
}

/* txn_create: a writer on a staged copy of a new file (see datadir.h). */
struct out *
txn_create(struct txn *x, const char *file)
{
	return open_staged(x, file, TK_CREATE);
}

static char *
dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

/* txn_log: an entry to write at commit (see datadir.h). */
void
txn_log(struct txn *x, const char *action, const char *file,
    const char *key, const char *detail)
{
	struct tlog *l;

	x->logs = xreallocarray(x->logs, x->nlogs + 1, sizeof(*x->logs));
	l = &x->logs[x->nlogs++];
	l->action = dup_or_empty(action);
	l->file = dup_or_empty(file);
	l->key = dup_or_empty(key);
	l->detail = dup_or_empty(detail);
}

/*
 * txn_accept: an entry starting file's chain over its whole current
 * content (store.h).
 */
int
txn_accept(struct txn *x, const char *file, const char *action,
    const char *key, const char *detail)
{
	struct tfile *f;
	struct stat st;

	if (data_name(file) == -1)
		return -1;
	if (find_file(x, file) != NULL) {
		warnmsg("%s: already written in this transaction", file);
		return -1;
	}
	f = add_file(x, file, TK_ACCEPT);
	f->start = 1;
	if ((f->fd = open(f->path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(f->fd, &st) == -1 ||
	    hash_file(f->fd, f->h, (unsigned long long)st.st_size) == -1) {
		warnmsg("%s:", file);
		drop_last(x);
		return -1;
	}
	f->size = (unsigned long long)st.st_size;
	hasher_final(f->h, f->digest);
	close(f->fd);
	f->fd = -1;
	txn_log(x, action ? action : kind_action[TK_ACCEPT], file, key, detail);
	return 0;
}

/* seal: flush and fsync f, and take its final size and digest. */
static int
seal(struct tfile *f)
{
	if (f->kind == TK_ACCEPT)
		return 0;
	if (out_sync(f->out) == -1) {
		warnmsg("%s: write error:", f->path);
		return -1;
	}
	f->size = (f->kind == TK_APPEND ? f->oldsize : 0) + out_bytes(f->out);
	hasher_final(f->h, f->digest);
	out_close(f->out);
	f->out = NULL;
	if (close(f->fd) == -1) {
		f->fd = -1;
		warnmsg("%s: write error:", f->path);
		return -1;
	}
	f->fd = -1;
	return 0;
}

/* entry_state: fill e's chain, size and digest for an entry about file:
   the first entry of a file written carries its change. */
static void
entry_state(struct txn *x, struct jentry *e, const char *file)
{
	struct tfile *f = find_file(x, file);
	const struct jfile *rec;

	e->chain = "";
	e->digest = "";
	e->size = 0;
	if (f != NULL) {
		if (!f->claimed)
			e->chain = f->start ? "start" : "extend";
		f->claimed = 1;
		e->size = f->size;
		e->digest = f->digest;
	} else if (*file != '\0' && (rec = jstate_file(&x->js, file)) != NULL) {
		e->size = rec->size;
		e->digest = rec->digest;
	}
}

/* journal_lines: the journal bytes of x's entries (with the header when
   the journal is new); moves x->js on to the state after them. */
static void
journal_lines(struct txn *x, struct buf *blob)
{
	char now[JTIME_MAX], hash[HASH_TEXT_MAX];
	struct jentry e;
	size_t i;

	journal_time(now);
	if (x->js.jsize == 0)
		buf_adds(blob, journal_header());
	memset(&e, 0, sizeof(e));
	e.time = now;
	e.user = x->user;
	e.tool = x->tool;
	for (i = 0; i < x->nlogs; i++) {
		e.action = x->logs[i].action;
		e.file = x->logs[i].file;
		e.key = x->logs[i].key;
		e.detail = x->logs[i].detail;
		entry_state(x, &e, e.file);
		journal_format(blob, &x->js, &e, hash);
	}
	for (i = 0; i < x->nfiles; i++) {
		if (x->files[i].claimed)
			continue;
		e.action = kind_action[x->files[i].kind];
		e.file = x->files[i].name;
		e.key = e.detail = "";
		entry_state(x, &e, e.file);
		journal_format(blob, &x->js, &e, hash);
	}
	for (i = 0; i < x->nfiles; i++)
		jstate_set_file(&x->js, x->files[i].name, x->files[i].size,
		    x->files[i].digest);
}

/*
 * rollback: after a failure, close the writers without letting their
 * buffers reach the files, then settle the transaction from its record
 * on disk, as a recovery would: undone, unless the committed record was
 * installed after all (then finished).  Returns 1 when it was finished.
 */
static int
rollback(struct txn *x)
{
	size_t i;
	int finished = 0;

	for (i = 0; i < x->nfiles; i++) {
		quiet(&x->files[i]);
		if (x->files[i].out != NULL)
			out_close(x->files[i].out);
		x->files[i].out = NULL;
	}
	if (x->recorded)
		txn_settle(x->dir, 0, &finished);
	return finished;
}

/* complete: the steps after the commit point; a failure leaves .txn for
   the next run to finish. */
static void
complete(struct txn *x, const struct buf *blob, unsigned long long before)
{
	struct trec r;
	int ok;

	txn_trec(x, &r, blob);
	ok = txn_finish(x->dir, &r) == 0;
	if (ok) {
		x->js.jsize = before + blob->len;
		jstate_save(x->dir, &x->js);
		ok = txn_clear(x->dir) == 0;
	}
	if (!ok)
		warnmsg("the change is committed; the next run in %s finishes "
		    "it", x->dir);
	trec_free(&r);
}

/*
 * txn_commit: make it all durable, unlock and free (see datadir.h).
 */
int
txn_commit(struct txn *x)
{
	struct buf blob = {0};
	unsigned long long before = x->js.jsize;
	size_t i;
	int r;

	for (i = 0; i < x->nfiles; i++)
		if (seal(&x->files[i]) == -1)
			goto fail;
	journal_lines(x, &blob);
	if (txn_record(x, &blob) == -1)
		goto fail;
	complete(x, &blob, before);
	buf_free(&blob);
	txn_free(x);
	return 0;
fail:
	r = rollback(x) ? 0 : -1;
	buf_free(&blob);
	txn_free(x);
	return r;
}

/* txn_abort: undo everything, unlock, free (see datadir.h). */
void
txn_abort(struct txn *x)
{
	if (x == NULL)
		return;
	rollback(x);
	txn_free(x);
}
