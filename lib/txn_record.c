/*
 * txn_record.c - the record of a transaction in progress, DIR/.txn, and
 * the recovery that settles an interrupted one: undone before its commit
 * point, finished after it.
 *
 * The record is text:
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "diag.h"
#include "store.h"
#include "util.h"

#define TXN_MAGIC "union-txn 1"

/* trec_write: r as DIR/.txn, durably; 0, or -1 after a message. */
int
trec_write(const char *dir, const struct trec *r)
{
	struct buf b = {0};
	char *path = datadir_path(dir, TXN_FILE);
	size_t i;
	int rc;

	buf_printf(&b, "%s\n%s\n", TXN_MAGIC, r->committed ? "committed" :
	    "open");
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].staged)
			buf_printf(&b, "stage %s\n", r->files[i].name);
		else
			buf_printf(&b, "append %llu %s\n", r->files[i].oldsize,
			    r->files[i].name);
	if (r->committed) {
		buf_printf(&b, "journal %llu %zu\n", r->before, r->bloblen);
		buf_add(&b, r->blob, r->bloblen);
	}
	if ((rc = store_replace(path, b.s, b.len, 1)) == -1)
		warnmsg("%s: cannot record the transaction:", path);
	free(path);
	buf_free(&b);
	return rc;
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
		if (store_count(line + 8, &v, &p) == -1 || *p != ' ' ||
		    store_count(p + 1, &len, &p) == -1 || p != nl ||
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
		if (store_count(line + 7, &f->oldsize, &p) == -1 || *p != ' ')
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

/* trec_free: release r's memory (not the blob: it is borrowed). */
void
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
		if (errno == ENOENT) {	/* gone: nothing to cut back */
			free(path);
			return 0;
		}
		warnmsg("%s:", path);
		free(path);
		return -1;
	}
	if (fstat(fd, &st) == -1)
		r = -1;
	else if ((unsigned long long)st.st_size > f->oldsize &&
	    (ftruncate(fd, (off_t)f->oldsize) == -1 || fsync(fd) == -1))
		r = -1;
	if (r == -1)
		warnmsg("%s: cannot undo the append:", path);
	else if ((unsigned long long)st.st_size < f->oldsize)
		warnmsg("%s: shorter (%lld bytes) than before the transaction "
		    "(%llu); run union-audit", path, (long long)st.st_size,
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
		warnmsg("%s:", path);
		r = -1;
	} else if (store_fsync_parent(path) == -1) {
		warnmsg("%s: cannot sync its directory:", path);
		r = -1;
	}
	free(name);
	free(path);
	return r;
}

/* txn_undo: roll back what r says was begun. */
int
txn_undo(const char *dir, const struct trec *r)
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
		warnmsg("%s: cannot install the new version:", path);
		r = -1;
	} else if (store_fsync_parent(path) == -1) {
		warnmsg("%s: cannot sync its directory:", path);
		r = -1;
	}
	free(tmp);
	free(path);
	return r;
}

/* txn_finish: complete a committed transaction: renames, then journal. */
int
txn_finish(const char *dir, const struct trec *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].staged && install(dir, &r->files[i]) == -1)
			return -1;
	return journal_put(dir, r->before, r->blob, r->bloblen);
}

/* txn_clear: remove DIR/.txn (and a stray .txn.tmp), durably. */
int
txn_clear(const char *dir)
{
	char *path = datadir_path(dir, TXN_FILE);
	char *tmp = datadir_path(dir, TXN_FILE ".tmp");
	int r = 0;

	if ((unlink(path) == -1 && errno != ENOENT) ||
	    (unlink(tmp) == -1 && errno != ENOENT) || store_fsync_dir(dir) == -1) {
		warnmsg("%s: cannot remove the transaction record:", path);
		r = -1;
	}
	free(path);
	free(tmp);
	return r;
}

/* txn_settle: datadir_recover, saying what it did when verbose;
   *finished tells whether a committed transaction was finished (else
   undone). */
int
txn_settle(const char *dir, int verbose, int *finished)
{
	char *path = datadir_path(dir, TXN_FILE);
	struct trec r;
	char *text;
	size_t len;
	int rc;

	*finished = 0;
	if ((text = store_slurp(path, &len)) == NULL) {
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
	rc = r.committed ? txn_finish(dir, &r) : txn_undo(dir, &r);
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

	return txn_settle(dir, 1, &finished);
}

