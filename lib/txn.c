/*
 * txn.c - changes to the data directory as transactions, and recovery
 * of the interrupted ones (the protocol is described in datadir.h).
 *
 * The undo/redo record, DIR/.txn, is text:
 *	union-txn 1
 *	open | committed
 *	append OLDSIZE NAME		(a file appended to, its old size)
 *	stage NAME			(NAME.tmp replaces NAME at commit)
 *	journal BEFORE LENGTH		(committed only: the journal's size
 *	<LENGTH bytes>			 before, then the bytes to append)
 * It is always replaced whole (written to .txn.tmp, fsync'd, renamed).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

#define TXN_MAGIC "union-txn 1"

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

/* The parsed .txn of an interrupted transaction. */
struct trec {
	int	 committed;
	struct rfile {
		int	 staged;	/* 1: stage; 0: append */
		unsigned long long oldsize;
		char	*name;
	} *files;
	size_t	 nfiles;
	unsigned long long before;	/* the journal's size before */
	const char *blob;		/* journal bytes to append */
	size_t	 bloblen;
};

static struct txn *live;	/* the open transaction, undone at exit */

static int recover(const char *dir, int verbose, int *finished);
static void txn_free(struct txn *x);

/* txn_serialize: the .txn text of x; blob non-NULL marks it committed. */
static void
txn_serialize(const struct txn *x, struct buf *b, const struct buf *blob)
{
	size_t i;

	buf_printf(b, "%s\n%s\n", TXN_MAGIC, blob ? "committed" : "open");
	for (i = 0; i < x->nfiles; i++) {
		const struct tfile *f = &x->files[i];

		if (f->kind == TK_APPEND)
			buf_printf(b, "append %llu %s\n", f->oldsize, f->name);
		else if (f->kind != TK_ACCEPT)
			buf_printf(b, "stage %s\n", f->name);
	}
	if (blob != NULL) {
		buf_printf(b, "journal %llu %zu\n", x->js.jsize, blob->len);
		buf_add(b, blob->s, blob->len);
	}
}

/* txn_record: write x's record durably; 0, or -1 after a message. */
static int
txn_record(struct txn *x, const struct buf *blob)
{
	struct buf b = {0};
	char *path = datadir_path(x->dir, TXN_FILE);
	int r;

	txn_serialize(x, &b, blob);
	x->recorded = 1;	/* even a failed attempt may have installed it */
	if ((r = write_atomic(path, b.s, b.len, 1)) == -1)
		warnmsg("%s: cannot record the transaction:", path);
	free(path);
	buf_free(&b);
	return r;
}

/* parse_size: a whole decimal number up to the end or a space. */
static int
parse_size(const char *s, unsigned long long *v, const char **end)
{
	char *e;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &e, 10);
	*end = e;
	return errno == 0 ? 0 : -1;
}

/* trec_line: one line of a .txn into r; -1 when malformed. */
static int
trec_line(struct trec *r, const char *line, const char *nl,
    const char *end)
{
	unsigned long long v, len;
	const char *p;
	struct rfile *f;

	if (strncmp(line, "journal ", 8) == 0 && r->committed) {
		if (parse_size(line + 8, &v, &p) == -1 || *p != ' ' ||
		    parse_size(p + 1, &len, &p) == -1 || p != nl ||
		    len != (unsigned long long)(end - nl - 1))
			return -1;
		r->before = v;
		r->blob = nl + 1;
		r->bloblen = (size_t)len;
		return 1;		/* the rest is the blob */
	}
	r->files = xreallocarray(r->files, r->nfiles + 1, sizeof(*r->files));
	f = &r->files[r->nfiles];
	memset(f, 0, sizeof(*f));
	if (strncmp(line, "append ", 7) == 0) {
		if (parse_size(line + 7, &f->oldsize, &p) == -1 || *p != ' ')
			return -1;
		p++;
	} else if (strncmp(line, "stage ", 6) == 0) {
		f->staged = 1;
		p = line + 6;
	} else
		return -1;
	if (p == nl)
		return -1;
	f->name = xstrndup(p, (size_t)(nl - p));
	r->nfiles++;
	return 0;
}

static void
trec_free(struct trec *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		free(r->files[i].name);
	free(r->files);
	memset(r, 0, sizeof(*r));
}

/* trec_parse: text (len bytes, kept by the caller) into r; -1 if damaged. */
static int
trec_parse(struct trec *r, const char *text, size_t len)
{
	const char *line, *nl, *end = text + len;
	int k;

	memset(r, 0, sizeof(*r));
	if (len < sizeof(TXN_MAGIC) || memcmp(text, TXN_MAGIC "\n",
	    sizeof(TXN_MAGIC)) != 0)
		return -1;
	line = text + sizeof(TXN_MAGIC);
	if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
		return -1;
	if (nl - line == 9 && memcmp(line, "committed", 9) == 0)
		r->committed = 1;
	else if (!(nl - line == 4 && memcmp(line, "open", 4) == 0))
		return -1;
	for (line = nl + 1; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL ||
		    (k = trec_line(r, line, nl, end)) == -1) {
			trec_free(r);
			return -1;
		}
		if (k == 1)
			break;
	}
	if (r->committed && r->blob == NULL) {
		trec_free(r);
		return -1;
	}
	return 0;
}

/* undo_append: cut an appended file back to its old size. */
static int
undo_append(const char *dir, const struct rfile *f)
{
	char *path = datadir_path(dir, f->name);
	struct stat st;
	int fd, r = 0;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1) {
		free(path);
		return errno == ENOENT ? 0 : (warnmsg("%s:", f->name), -1);
	}
	if (fstat(fd, &st) == -1)
		r = -1;
	else if ((unsigned long long)st.st_size > f->oldsize &&
	    (ftruncate(fd, (off_t)f->oldsize) == -1 || fsync(fd) == -1))
		r = -1;
	if (r == -1)
		warnmsg("%s: cannot undo the append:", f->name);
	else if ((unsigned long long)st.st_size < f->oldsize)
		warnmsg("%s: shorter (%lld bytes) than before the transaction "
		    "(%llu); run union-audit", f->name, (long long)st.st_size,
		    f->oldsize);
	close(fd);
	free(path);
	return r;
}

/* undo_stage: remove a staged copy. */
static int
undo_stage(const char *dir, const struct rfile *f)
{
	char *name = xasprintf("%s.tmp", f->name);
	char *path = datadir_path(dir, name);
	int r = 0;

	if (unlink(path) == -1 && errno != ENOENT) {
		warnmsg("%s:", name);
		r = -1;
	} else if (fsync_parent(path) == -1) {
		warnmsg("%s: cannot sync its directory:", name);
		r = -1;
	}
	free(name);
	free(path);
	return r;
}

/* undo: roll back what r says was begun. */
static int
undo(const char *dir, const struct trec *r)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < r->nfiles; i++)
		if ((r->files[i].staged ? undo_stage(dir, &r->files[i]) :
		    undo_append(dir, &r->files[i])) == -1)
			rc = -1;
	return rc;
}

/* install: rename a staged copy over its file, when still there. */
static int
install(const char *dir, const struct rfile *f)
{
	char *path = datadir_path(dir, f->name);
	char *tmp = xasprintf("%s.tmp", path);
	int r = 0;

	if (rename(tmp, path) == -1 && errno != ENOENT) {
		warnmsg("%s: cannot install the new version:", f->name);
		r = -1;
	} else if (fsync_parent(path) == -1) {
		warnmsg("%s: cannot sync its directory:", f->name);
		r = -1;
	}
	free(tmp);
	free(path);
	return r;
}

/* finish: complete a committed transaction: renames, then journal. */
static int
finish(const char *dir, const struct trec *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].staged && install(dir, &r->files[i]) == -1)
			return -1;
	return journal_put(dir, r->before, r->blob, r->bloblen);
}

/* txn_clear: remove DIR/.txn (and a stray .txn.tmp), durably. */
static int
txn_clear(const char *dir)
{
	char *path = datadir_path(dir, TXN_FILE);
	char *tmp = datadir_path(dir, TXN_FILE ".tmp");
	int r = 0;

	if ((unlink(path) == -1 && errno != ENOENT) ||
	    (unlink(tmp) == -1 && errno != ENOENT) || fsync_dir(dir) == -1) {
		warnmsg("%s: cannot remove the transaction record:", path);
		r = -1;
	}
	free(path);
	free(tmp);
	return r;
}

/* recover: datadir_recover, saying what it did when verbose; *finished
   tells whether a committed transaction was finished (else undone). */
static int
recover(const char *dir, int verbose, int *finished)
{
	char *path = datadir_path(dir, TXN_FILE);
	struct trec r;
	char *text;
	size_t len;
	int rc;

	*finished = 0;
	if ((text = slurp_file(path, &len)) == NULL) {
		if (errno != ENOENT) {
			warnmsg("%s:", path);
			free(path);
			return -1;
		}
		free(path);
		path = datadir_path(dir, TXN_FILE ".tmp");
		unlink(path);		/* a record never installed */
		free(path);
		return 0;
	}
	if (trec_parse(&r, text, len) == -1) {
		warnmsg("%s: damaged transaction record; run union-audit",
		    path);
		free(text);
		free(path);
		return -1;
	}
	rc = r.committed ? finish(dir, &r) : undo(dir, &r);
	*finished = r.committed;
	if (rc == 0)
		rc = txn_clear(dir);
	if (rc == 0 && verbose)
		diag_note("%s an interrupted transaction in %s",
		    r.committed ? "finished" : "rolled back", dir);
	trec_free(&r);
	free(text);
	free(path);
	return rc == 0 ? 1 : -1;
}

/*
 * datadir_recover: finish or undo an interrupted transaction (see
 * datadir.h).  Says which on standard error (a note).
 */
int
datadir_recover(const char *dir)
{
	int finished;

	return recover(dir, 1, &finished);
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
		recover(x->dir, 0, &finished);
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

	f->out = out_open_fd(f->fd, f->name, fmt, flags);
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
		warnmsg("%s:", f->name);
		return -1;
	}
	if (fstat(f->fd, &st) == -1) {
		warnmsg("%s:", f->name);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		warnmsg("%s: not a regular file", f->name);
		return -1;
	}
	if (st.st_size == 0) {
		warnmsg("%s: empty file, not even a header line", f->name);
		return -1;
	}
	if (pread(f->fd, &last, 1, st.st_size - 1) != 1) {
		warnmsg("%s: read error:", f->name);
		return -1;
	}
	if (last != '\n') {
		warnmsg("%s: last line has no newline (torn write?); "
		    "run union-audit", f->name);
		return -1;
	}
	f->oldsize = (unsigned long long)st.st_size;
	if ((rec = jstate_file(&x->js, f->name)) != NULL) {
		hasher_update(f->h, rec->digest, strlen(rec->digest));
		return 0;
	}
	f->start = 1;		/* unknown to the journal: digest it whole */
	if (hash_file(f->fd, f->h, f->oldsize) == -1) {
		warnmsg("%s: read error:", f->name);
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
		warnmsg("%s:", f->name);
		return -1;
	}
	if (have && f->kind == TK_CREATE) {
		warnmsg("%s: already exists", f->name);
		return -1;
	}
	f->tmp = xasprintf("%s.tmp", f->path);
	f->start = 1;
	if (txn_record(x, NULL) == -1)
		return -1;
	f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (f->fd == -1 ||
	    (have && fchmod(f->fd, st.st_mode & 07777) == -1)) {
		warnmsg("%s.tmp:", f->name);
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
		warnmsg("%s: write error:", f->name);
		return -1;
	}
	f->size = (f->kind == TK_APPEND ? f->oldsize : 0) + out_bytes(f->out);
	hasher_final(f->h, f->digest);
	out_close(f->out);
	f->out = NULL;
	if (close(f->fd) == -1) {
		f->fd = -1;
		warnmsg("%s: write error:", f->name);
		return -1;
	}
	f->fd = -1;
	return 0;
}

/* entry_for: fill e's file state for an entry about file. */
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
		recover(x->dir, 0, &finished);
	return finished;
}

/* complete: the steps after the commit point; a failure leaves .txn for
   the next run to finish. */
static void
complete(struct txn *x, const struct buf *blob, unsigned long long before)
{
	struct trec r;
	struct buf b = {0};
	int ok;

	txn_serialize(x, &b, blob);
	ok = trec_parse(&r, b.s, b.len) == 0 && finish(x->dir, &r) == 0;
	if (ok) {
		x->js.jsize = before + blob->len;
		jstate_save(x->dir, &x->js);
		ok = txn_clear(x->dir) == 0;
	}
	if (!ok)
		warnmsg("the change is committed; the next run in %s finishes "
		    "it", x->dir);
	trec_free(&r);
	buf_free(&b);
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
