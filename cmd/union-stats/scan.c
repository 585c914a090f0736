/*
 * scan.c - reading the inputs of a command, in parallel when it can.
 *
 * A regular, uncompressed UTF-8 file is cut by tbl_split into ranges
 * that begin at record starts (-j N ranges); each range is read by a
 * thread of its own into a state of its own, and the states are merged
 * in input order afterwards: the machinery of --partial and merge, in
 * memory.  A pipe, a gzip file or a converted encoding is read by one
 * thread.
 *
 * Tables are opened and bound (columns found, conditions bound) in the
 * main thread, so that a missing column is reported once; threads only
 * read rows.  Messages about malformed records are collected per range
 * and printed in input order after the threads end.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stats.h"

struct part {
	struct job *j;
	struct table *t;
	struct filter *f;
	void	*st;
	struct buf msgs;	/* collected messages (parallel) */
	int	 collect;	/* collect messages instead of printing */
	size_t	 hint_at;	/* where msgs holds tbl_take_hint's line */
	size_t	 hint_len;	/* and its length (0: none) */
	int	 status;	/* EXIT_* of this part */
};

static _Thread_local struct part *current;

int
cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

static void
part_message(struct part *p, const char *file, long line, const char *col,
    const char *msg)
{
	if (!p->collect) {
		warn_at(file, line, col, "%s", msg);
		return;
	}
	buf_printf(&p->msgs, "%s: %s", diag_prog(), file);
	if (line > 0)
		buf_printf(&p->msgs, ":%ld", line);
	if (col)
		buf_printf(&p->msgs, ": %s", col);
	buf_printf(&p->msgs, ": %s\n", msg);
}

void
scan_fail(const struct table *t, const char *col, const char *fmt, ...)
{
	struct part *p = current;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	part_message(p, tbl_name(t), tbl_line(t), col, msg);
	p->status = EXIT_TROUBLE;
}

static void *
part_run(void *arg)
{
	struct part *p = arg;
	struct job *j = p->j;
	const char *hint;
	int r;

	current = p;
	while (p->status != EXIT_TROUBLE && (r = tbl_next(p->t)) != TBL_EOF) {
		if (r == TBL_ROW) {
			if (j->nconds == 0 || filter_match(p->f,
			    tbl_fields(p->t)))
				j->row(p->st, p->t, tbl_fields(p->t));
			continue;
		}
		if (r == TBL_FATAL || !j->quiet) {
			part_message(p, tbl_name(p->t), tbl_error_line(p->t),
			    NULL, tbl_error(p->t));
			if ((hint = tbl_take_hint(p->t)) != NULL) {
				p->hint_at = p->msgs.len;
				part_message(p, tbl_name(p->t), 0, NULL, hint);
				p->hint_len = p->msgs.len - p->hint_at;
			}
		}
		p->status = r == TBL_FATAL ? EXIT_TROUBLE : EXIT_FOUND;
	}
	if (j->done)
		j->done(p->st);
	return NULL;
}

/* part_open: open and bind one part; -1 after a message */
static int
part_open(struct part *p, struct table *t)
{
	struct job *j = p->j;

	if (t == NULL)
		return -1;
	p->t = t;
	p->st = j->new_state(j->arg);
	if ((p->f = filter_bind(j->conds, j->nconds, j->any, t)) == NULL ||
	    j->bind(p->st, t) != 0)
		return -1;
	return 0;
}

static void
part_close(struct part *p)
{
	filter_free(p->f);
	if (p->t)
		tbl_close(p->t);
	buf_free(&p->msgs);
}

static int
worst(int a, int b)
{
	return a > b ? a : b;
}

void
run_threads(void *(*fn)(void *), void *items, size_t size, int n)
{
	pthread_t *tid;
	int i;

	if (n == 1) {
		fn(items);
		return;
	}
	tid = xcalloc((size_t)n, sizeof(*tid));
	for (i = 0; i < n; i++)
		if (pthread_create(&tid[i], NULL, fn, (char *)items +
		    (size_t)i * size) != 0)
			die(EXIT_TROUBLE, "cannot start a thread:");
	for (i = 0; i < n; i++)
		pthread_join(tid[i], NULL);
	free(tid);
}

/*
 * part_lines: the part's messages; its GB18030 hint (tbl_take_hint)
 * only when no earlier part met text that is not UTF-8, since the
 * file's first such record decides.
 */
static void
part_lines(struct part *p, int decided)
{
	const char *s = p->msgs.s;
	size_t end = p->hint_at + p->hint_len;

	if (p->hint_len == 0 || !decided) {
		diag_lines(s, p->msgs.len);
		return;
	}
	diag_lines(s, p->hint_at);
	diag_lines(s + end, p->msgs.len - end);
}

/* scan_parts: read the n parts of one input, merge them in order */
static int
scan_parts(struct job *j, struct part *parts, int n)
{
	int i, decided = 0, status = EXIT_CLEAN;

	run_threads(part_run, parts, sizeof(*parts), n);
	for (i = 0; i < n; i++) {
		part_lines(&parts[i], decided);
		decided = decided || tbl_met_bad_utf8(parts[i].t);
		status = worst(status, parts[i].status);
		if (status == EXIT_TROUBLE)
			break;
		j->merge(j->arg, parts[i].st);
		parts[i].st = NULL;
	}
	return status;
}

int
spool_stdin(void)
{
	char buf[1 << 16];
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/union-stats.XXXXXX", dir && *dir ? dir :
	    "/tmp");
	ssize_t n;
	int fd = mkstemp(path);

	if (fd < 0)
		die(EXIT_TROUBLE, "%s: cannot make a temporary file:", path);
	unlink(path);
	free(path);
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die(EXIT_TROUBLE, "<stdin>: read error:");
		}
		if (write(fd, buf, (size_t)n) != n)
			die(EXIT_TROUBLE, "<temporary file>: write error:");
	}
	return fd;
}

/* open_whole: a table over all of path (or the spooled stdin) */
static struct table *
open_whole(struct job *j, const char *path)
{
	int fd;

	if (strcmp(path, "-") != 0 || j->stdin_fd < 0)
		return tbl_open(path, &j->topts);
	if (lseek(j->stdin_fd, 0, SEEK_SET) != 0 ||
	    (fd = dup(j->stdin_fd)) < 0)
		die(EXIT_TROUBLE, "<stdin>: cannot read it again:");
	return tbl_open_fd(fd, "<stdin>", &j->topts);
}

static int
scan_one(struct job *j, const char *path)
{
	long long offs[257];
	long lines[257];
	struct part parts[256];
	int k = j->nthreads, n = 1, i, status = EXIT_TROUBLE;

	if (k > 256)
		k = 256;
	memset(parts, 0, sizeof(parts));
	if (k > 1 && strcmp(path, "-") != 0 &&
	    (n = tbl_split(path, &j->topts, k, offs, lines)) < 0)
		return EXIT_TROUBLE;
	for (i = 0; i < n; i++) {
		parts[i].j = j;
		parts[i].collect = n > 1;
		if (part_open(&parts[i], n == 1 ? open_whole(j, path) :
		    tbl_open_range(path, &j->topts, offs[i], offs[i + 1],
		    lines[i])) != 0)
			goto out;
	}
	status = scan_parts(j, parts, n);
out:
	for (i = 0; i < n; i++) {
		if (parts[i].st)
			j->merge(j->arg, parts[i].st);
		part_close(&parts[i]);
	}
	return status;
}

int
scan_files(struct job *j, char **files, int n)
{
	static char *stdin_only[] = { "-" };
	int i, status = EXIT_CLEAN;

	if (n == 0) {
		files = stdin_only;
		n = 1;
	}
	for (i = 0; i < n && status != EXIT_TROUBLE; i++)
		status = worst(status, scan_one(j, files[i]));
	return status;
}

void
job_init(struct job *j)
{
	memset(j, 0, sizeof(*j));
	j->nthreads = 1;
	j->stdin_fd = -1;
}
