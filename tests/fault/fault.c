/*
 * fault.c - fault injection for the crash-safety tests: a library for
 * LD_PRELOAD that makes the N-th call of write, pwrite, fsync, rename or
 * ftruncate fail, or ends the process right there, as a full disk, an I/O
 * error or a power cut would.
 *
 *	FAULT_CALL=write	the call to count: write, pwrite, fsync,
 *				rename, ftruncate, or "any" (all of them
 *				counted together)
 *	FAULT_AFTER=N		the N-th such call fails (1 is the first)
 *	FAULT_ERRNO=ENOSPC	how it fails: EIO (default), ENOSPC, EDQUOT,
 *				EROFS or a number
 *	FAULT_STICKY=1		every call from the N-th on fails (a disk
 *				that stays full)
 *	FAULT_CRASH=1		instead of failing, end the process with
 *				status 86 (FAULT_CRASH_STATUS), as kill -9
 *				would; a write cut this way writes the first
 *				half of its bytes first (a torn write)
 *	FAULT_COUNT_FILE=PATH	at exit, write how many calls of each
 *				kind there were ("write 12" lines, then
 *				"any 20"), so that a test can sweep N from 1
 *				to the count
 *
 * Calls on descriptors 0, 1 and 2 are neither counted nor failed, so
 * that messages and output still get through: only the data files are
 * hurt.  Without FAULT_AFTER the library only counts.
 *
 * The unit tests include this file into their own program instead of
 * preloading it, and set it up with fault_arm().
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define FAULT_CRASH_STATUS 86

enum { FC_WRITE, FC_PWRITE, FC_FSYNC, FC_RENAME, FC_FTRUNCATE, FC_NKINDS,
	FC_ANY = -1 };

static const char *const fault_names[FC_NKINDS] = {
	"write", "pwrite", "fsync", "rename", "ftruncate"
};

static struct {
	int	 armed;		/* a call is to fail */
	int	 kind;		/* FC_* or FC_ANY */
	long	 after;		/* the count of the call that fails */
	int	 err;		/* its errno */
	int	 sticky;	/* later calls fail too */
	int	 crash;		/* end the process instead */
	long	 count[FC_NKINDS];
	long	 total;
} fault;

/* fault_kind: FC_* of a name, FC_ANY for "any", -2 if unknown. */
static int
fault_kind(const char *name)
{
	int i;

	if (strcmp(name, "any") == 0)
		return FC_ANY;
	for (i = 0; i < FC_NKINDS; i++)
		if (strcmp(name, fault_names[i]) == 0)
			return i;
	return -2;
}

/*
 * fault_arm: from now on (counts start again at 0), the after-th call of
 * kind call ("write", ..., "any") fails with err, or ends the process
 * when crash is set.  after 0 only counts.  Returns -1 for an unknown
 * call name.
 */
int
fault_arm(const char *call, long after, int err, int crash, int sticky)
{
	int kind = fault_kind(call);

	if (kind == -2)
		return -1;
	memset(fault.count, 0, sizeof(fault.count));
	fault.total = 0;
	fault.kind = kind;
	fault.after = after;
	fault.err = err;
	fault.crash = crash;
	fault.sticky = sticky;
	fault.armed = after > 0;
	return 0;
}

/* fault_count: how many calls of kind call were made since arming. */
long
fault_count(const char *call)
{
	int kind = fault_kind(call);

	if (kind == FC_ANY)
		return fault.total;
	return kind >= 0 ? fault.count[kind] : -1;
}

/* real: the next definition of name (libc's), found once. */
static void *
real(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL)
		abort();
	return p;
}

/* LOOKUP: set function pointer fp to the next definition of name (a
   copy of the bytes, as ISO C has no object-to-function pointer cast). */
#define LOOKUP(fp, name) do { \
	void *p_ = real(name); \
	memcpy(&(fp), &p_, sizeof(fp)); \
} while (0)

/*
 * hit: count a call of kind; 1 when it must fail (errno is set), after
 * ending the process when crashing.  half is called first in that case,
 * to tear a write.
 */
static int
hit(int kind, void (*half)(void *), void *arg)
{
	long n;

	fault.count[kind]++;
	fault.total++;
	if (!fault.armed)
		return 0;
	n = fault.kind == FC_ANY ? fault.total :
	    fault.kind == kind ? fault.count[kind] : 0;
	if (n == 0 || n < fault.after || (n > fault.after && !fault.sticky))
		return 0;
	if (fault.crash) {
		if (half != NULL)
			half(arg);
		_exit(FAULT_CRASH_STATUS);
	}
	errno = fault.err;
	return 1;
}

struct wr {
	int	 fd;
	const void *p;
	size_t	 n;
	off_t	 off;
};

static void
half_write(void *arg)
{
	ssize_t (*w)(int, const void *, size_t);
	struct wr *a = arg;

	LOOKUP(w, "write");
	if (a->n / 2 > 0)
		(void)!w(a->fd, a->p, a->n / 2);
}

static void
half_pwrite(void *arg)
{
	ssize_t (*w)(int, const void *, size_t, off_t);
	struct wr *a = arg;

	LOOKUP(w, "pwrite");
	if (a->n / 2 > 0)
		(void)!w(a->fd, a->p, a->n / 2, a->off);
}

ssize_t
write(int fd, const void *p, size_t n)
{
	static ssize_t (*next)(int, const void *, size_t);
	struct wr a = { fd, p, n, 0 };

	if (next == NULL)
		LOOKUP(next, "write");
	if (fd > 2 && hit(FC_WRITE, half_write, &a))
		return -1;
	return next(fd, p, n);
}

ssize_t
pwrite(int fd, const void *p, size_t n, off_t off)
{
	static ssize_t (*next)(int, const void *, size_t, off_t);
	struct wr a = { fd, p, n, off };

	if (next == NULL)
		LOOKUP(next, "pwrite");
	if (fd > 2 && hit(FC_PWRITE, half_pwrite, &a))
		return -1;
	return next(fd, p, n, off);
}

int
fsync(int fd)
{
	static int (*next)(int);

	if (next == NULL)
		LOOKUP(next, "fsync");
	if (fd > 2 && hit(FC_FSYNC, NULL, NULL))
		return -1;
	return next(fd);
}

int
rename(const char *from, const char *to)
{
	static int (*next)(const char *, const char *);

	if (next == NULL)
		LOOKUP(next, "rename");
	if (hit(FC_RENAME, NULL, NULL))
		return -1;
	return next(from, to);
}

int
ftruncate(int fd, off_t len)
{
	static int (*next)(int, off_t);

	if (next == NULL)
		LOOKUP(next, "ftruncate");
	if (fd > 2 && hit(FC_FTRUNCATE, NULL, NULL))
		return -1;
	return next(fd, len);
}

/* errno_named: FAULT_ERRNO's value. */
static int
errno_named(const char *s)
{
	static const struct { const char *name; int err; } tab[] = {
		{ "EIO", EIO }, { "ENOSPC", ENOSPC }, { "EDQUOT", EDQUOT },
		{ "EROFS", EROFS }
	};
	size_t i;

	if (s == NULL || *s == '\0')
		return EIO;
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(s, tab[i].name) == 0)
			return tab[i].err;
	return atoi(s) > 0 ? atoi(s) : EIO;
}

static int
env_flag(const char *name)
{
	const char *s = getenv(name);

	return s != NULL && *s != '\0' && strcmp(s, "0") != 0;
}

/* fault_setup: read the FAULT_* variables when the library is loaded. */
__attribute__((constructor)) static void
fault_setup(void)
{
	const char *call = getenv("FAULT_CALL");
	const char *after = getenv("FAULT_AFTER");

	if (call == NULL || after == NULL)
		return;
	if (fault_arm(call, atol(after), errno_named(getenv("FAULT_ERRNO")),
	    env_flag("FAULT_CRASH"), env_flag("FAULT_STICKY")) == -1) {
		fprintf(stderr, "fault: FAULT_CALL=%s: unknown call\n", call);
		_exit(FAULT_CRASH_STATUS + 1);
	}
}

/* fault_report: write the counts to FAULT_COUNT_FILE at exit. */
__attribute__((destructor)) static void
fault_report(void)
{
	const char *path = getenv("FAULT_COUNT_FILE");
	ssize_t (*w)(int, const void *, size_t);
	char line[64];
	int fd, i, n;

	if (path == NULL || *path == '\0')
		return;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		return;
	LOOKUP(w, "write");
	for (i = 0; i <= FC_NKINDS; i++) {
		n = snprintf(line, sizeof(line), "%s %ld\n",
		    i < FC_NKINDS ? fault_names[i] : "any",
		    i < FC_NKINDS ? fault.count[i] : fault.total);
		(void)!w(fd, line, (size_t)n);
	}
	close(fd);
}
