/*
 * datadir.c - finding the data directory and its tables, its lock, and
 * the small durable-write helpers the transactions and the journal share
 * (store.h).
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

/*
 * datadir_resolve: opt when given and not empty, else $UNION_DATA when
 * set and not empty, else ".".  The result is not copied.
 */
const char *
datadir_resolve(const char *opt)
{
	const char *env;

	if (opt != NULL && *opt != '\0')
		return opt;
	if ((env = getenv("UNION_DATA")) != NULL && *env != '\0')
		return env;
	return ".";
}

/*
 * datadir_path: "dir/name" in fresh memory (the caller frees it); name
 * alone when dir is ".", and no doubled slash when dir ends in one.
 */
char *
datadir_path(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (strcmp(dir, ".") == 0)
		return xstrdup(name);
	if (n > 0 && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * datadir_find: the path of table name for reading, in fresh memory:
 * "name.csv", "name.tsv", "name.csv.gz", "name.tsv.gz", the first that
 * exists.  A name that already ends in one of these suffixes is looked
 * up as it is.  NULL (and errno ENOENT) when none exists.
 */
char *
datadir_find(const char *dir, const char *name)
{
	static const char *const exts[] = { ".csv", ".tsv", ".csv.gz",
	    ".tsv.gz" };
	struct stat st;
	char *path, *file;
	size_t i;

	for (i = 0; i < NELEM(exts); i++)
		if (has_suffix(name, exts[i])) {
			path = datadir_path(dir, name);
			if (stat(path, &st) == 0)
				return path;
			free(path);
			errno = ENOENT;
			return NULL;
		}
	for (i = 0; i < NELEM(exts); i++) {
		file = xasprintf("%s%s", name, exts[i]);
		path = datadir_path(dir, file);
		free(file);
		if (stat(path, &st) == 0)
			return path;
		free(path);
	}
	errno = ENOENT;
	return NULL;
}

static int
lock_fd(int fd, int cmd, short type)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 0;		/* the whole file */
	return fcntl(fd, cmd, &fl);
}

/*
 * wait_lock: a lock of type on fd, waiting while another process holds
 * one that conflicts; says so once when standard error is a terminal.
 * 0, or -1 with errno.
 */
static int
wait_lock(int fd, short type, const char *dir)
{
	int said = 0;

	while (lock_fd(fd, F_SETLK, type) == -1) {
		if (errno != EACCES && errno != EAGAIN && errno != EINTR)
			return -1;
		if (!said && isatty(STDERR_FILENO)) {
			diag_note("waiting for the lock on %s", dir);
			said = 1;
		}
		if (lock_fd(fd, F_SETLKW, type) == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
	return 0;
}

/*
 * take_lock: open DIR/.lock with flags and lock it with type; the
 * descriptor, or -1 after a message.
 */
static int
take_lock(const char *dir, int flags, short type)
{
	char *path = datadir_path(dir, ".lock");
	int fd;

	fd = open(path, flags | O_CLOEXEC, 0640);
	if (fd == -1 && errno == ENOENT && !(flags & O_CREAT))
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (fd == -1) {
		warnmsg("%s: cannot open the lock:", path);
		free(path);
		return -1;
	}
	if (wait_lock(fd, type, dir) == -1) {
		warnmsg("%s: cannot lock:", path);
		close(fd);
		fd = -1;
	}
	free(path);
	return fd;
}

/*
 * datadir_lock: take the data directory's lock, an exclusive POSIX
 * record lock on DIR/.lock (created mode 0640), waiting as long as
 * another process holds it.  While waiting, when standard error is a
 * terminal, says "waiting for the lock on DIR" once.  Returns the lock's
 * descriptor (close-on-exec), or -1 after a message.
 *
 * POSIX record locks belong to the process: a second datadir_lock in the
 * same process does not wait, and closing any descriptor of DIR/.lock
 * releases the lock.
 */
int
datadir_lock(const char *dir)
{
	return take_lock(dir, O_RDWR | O_CREAT, F_WRLCK);
}

/*
 * datadir_lock_shared: a shared lock on DIR/.lock for a reader that
 * changes nothing, taken through a read-only descriptor (F_RDLCK needs
 * no more), so that an account that may not write the directory or its
 * .lock (a read-only mount, an auditor's account) can take it.  Readers
 * share it; it waits while a writer holds the exclusive lock and keeps
 * writers out while held.  A missing .lock is created when it can be.
 * Returns the descriptor, or -1 after a message.
 */
int
datadir_lock_shared(const char *dir)
{
	return take_lock(dir, O_RDONLY, F_RDLCK);
}

/* datadir_pending: 1 when DIR/.txn tells of an interrupted change. */
int
datadir_pending(const char *dir)
{
	char *path = datadir_path(dir, TXN_FILE);
	int r = access(path, F_OK) == 0;

	free(path);
	return r;
}

/* datadir_unlock: release the lock taken by datadir_lock; -1 is ignored. */
void
datadir_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* store_write: all n bytes at p to fd, going on after short writes. */
int
store_write(int fd, const void *p, size_t n)
{
	const char *s = p;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, s, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* store_fsync_dir: make the entries of directory path durable. */
int
store_fsync_dir(const char *path)
{
	int fd, r, saved;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	r = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

/* store_fsync_parent: store_fsync_dir of the directory that holds path. */
int
store_fsync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int r;

	if (slash == NULL)
		return store_fsync_dir(".");
	if (slash == path)
		return store_fsync_dir("/");
	dir = xstrndup(path, (size_t)(slash - path));
	r = store_fsync_dir(dir);
	free(dir);
	return r;
}

/*
 * store_replace: replace path with the n bytes at p: written to
 * "path.tmp" (mode 0640) and renamed over path, so that a reader sees
 * the old file or the new.  When durable is set, the new file is
 * fsync'd before the rename and the directory after it; without it (a
 * cache that is checked before use) a crash may leave either version,
 * or an empty file.  0, or -1 with errno (path.tmp is removed).
 */
int
store_replace(const char *path, const void *p, size_t n, int durable)
{
	char *tmp = xasprintf("%s.tmp", path);
	int fd, saved;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd == -1)
		goto fail;
	if (store_write(fd, p, n) == -1 || (durable && fsync(fd) == -1)) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail_unlink;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1)
		goto fail_unlink;
	if (durable && store_fsync_parent(path) == -1)
		goto fail;
	free(tmp);
	return 0;
fail_unlink:
	saved = errno;
	unlink(tmp);
	errno = saved;
fail:
	free(tmp);
	return -1;
}

/*
 * store_slurp: the whole of a small file in fresh memory (NUL-terminated;
 * *len bytes, which may hold NULs); NULL with errno.
 */
char *
store_slurp(const char *path, size_t *len)
{
	struct buf b = {0};
	char chunk[4096];
	ssize_t n;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			buf_free(&b);
			close(fd);
			errno = saved;
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	return b.s != NULL ? b.s : xstrdup("");
}

/* store_count: a decimal number at s (see store.h). */
int
store_count(const char *s, unsigned long long *v, const char **end)
{
	char *e;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &e, 10);
	*end = e;
	return errno == 0 ? 0 : -1;
}
