/*
 * run.c - one audit run: take the lock, finish any interrupted change,
 * read each file once in the order the cross-file checks need, check
 * the journal, then print the findings, keep the report, follow the
 * findings in the history and summarise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "run.h"

static const struct pass *const passes[] = {
	&unions_pass, &programs_pass, &members_pass, &enterprises_pass,
	&aid_pass, &cases_pass
};

static const char *const finding_cols[] = {
	"severity", "check", "file", "line", "key", "message"
};

/* emit_findings: the sorted findings as rows of o. */
static void
emit_findings(const struct audit *a, struct out *o)
{
	struct buf tmp = {0};
	const char *v[6];
	char line[24];
	size_t i;

	out_header(o, NELEM(finding_cols), finding_cols);
	out_numeric(o, 3);
	for (i = 0; i < findings_count(a->fs); i++) {
		const struct finding *f = findings_at(a->fs, i);

		v[0] = severity_name(checks[f->check].sev);
		v[1] = checks[f->check].name;
		v[2] = finding_str(a->fs, f->file);
		if (f->line > 0)
			snprintf(line, sizeof(line), "%ld", f->line);
		else
			line[0] = '\0';
		v[3] = line;
		v[4] = finding_str(a->fs, f->key);
		v[5] = finding_message(a->fs, f, a->cli.show_pii, &tmp);
		out_row(o, NELEM(finding_cols), v);
	}
	buf_free(&tmp);
}

struct gzsink {
	gzFile	 gz;
	int	 failed;
};

static void
gz_tap(void *arg, const void *p, size_t n)
{
	struct gzsink *g = arg;

	if (n > 0 && !g->failed && gzwrite(g->gz, p, (unsigned)n) != (int)n)
		g->failed = 1;
}

/*
 * write_report: the findings as gzip-compressed CSV in path, written to
 * path.tmp, synced, then renamed into place.  0, or -1 after a message.
 */
static int
write_report(const struct audit *a, const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	struct gzsink g = { NULL, 0 };
	struct out *o;
	int fd, null, r = -1;

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640)) < 0) {
		warnmsg("cannot write report %s:", tmp);
		free(tmp);
		return -1;
	}
	if ((g.gz = gzdopen(dup(fd), "wb")) == NULL ||
	    (null = open("/dev/null", O_WRONLY)) < 0) {
		warnmsg("cannot write report %s:", tmp);
		goto out;
	}
	o = out_open_fd(null, path, FMT_CSV, 0);
	out_set_tap(o, gz_tap, &g);
	emit_findings(a, o);
	out_close(o);
	close(null);
	if (gzclose(g.gz) != Z_OK || g.failed || fsync(fd) != 0) {
		warnmsg("cannot write report %s: %s", tmp,
		    errno ? strerror(errno) : "compression failed");
		g.gz = NULL;
		goto out;
	}
	g.gz = NULL;
	if (rename(tmp, path) != 0) {
		warnmsg("cannot rename %s to %s:", tmp, path);
		goto out;
	}
	r = 0;
out:
	if (g.gz)
		gzclose(g.gz);
	close(fd);
	if (r != 0)
		unlink(tmp);
	free(tmp);
	return r;
}

static const char *
plural(unsigned long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* summary_lines: what the run did, one line each, into b. */
static void
summary_lines(const struct audit *a, const struct hist_counts *hc,
    double secs, struct buf *b)
{
	int i, first = 1;

	buf_printf(b, "read %d %s, %llu %s in %.2f s\n", a->files,
	    plural((unsigned long)a->files, "file", "files"), a->rows,
	    plural(a->rows, "row", "rows"), secs);
	buf_printf(b, "%lu %s, %lu %s", a->errors,
	    plural(a->errors, "error", "errors"), a->warnings,
	    plural(a->warnings, "warning", "warnings"));
	for (i = 0; i < NCHECK; i++)
		if (a->counts[i]) {
			buf_printf(b, "%s %s %lu", first ? ":" : ",",
			    checks[i].name, a->counts[i]);
			first = 0;
		}
	buf_addc(b, '\n');
	if (hc == NULL)
		return;
	buf_printf(b, "%lu new, %lu still open", hc->new_, hc->open);
	if (hc->oldest_days >= 0 && hc->new_ + hc->open > 0)
		buf_printf(b, " (oldest %ld %s)", hc->oldest_days,
		    plural((unsigned long)hc->oldest_days, "day", "days"));
	buf_printf(b, ", %lu fixed since the last run\n", hc->fixed);
}

/* page_summary: the html page's summary above the findings, and a chart
   of the findings by check (other formats ignore both) */
static void
page_summary(const struct audit *a, const struct hist_counts *hc,
    double secs, struct out *o)
{
	struct buf b = {0};
	char *line, *save = NULL, n[24];
	int i;

	summary_lines(a, hc, secs, &b);
	for (line = strtok_r(b.s, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		out_note(o, line);
	buf_free(&b);
	out_chart(o, "findings by check", OUT_NOCOL, OUT_NOCOL, OUT_NOCOL);
	for (i = 0; i < NCHECK; i++)
		if (a->counts[i]) {
			snprintf(n, sizeof(n), "%lu", a->counts[i]);
			out_chart_bar(o, checks[i].name, n, NULL);
		}
}

/* summarise: to standard error (a note: -q silences it), or to path. */
static int
summarise(const struct audit *a, const struct hist_counts *hc, double secs,
    const char *path)
{
	struct buf b = {0};
	char *line, *save = NULL;
	FILE *fp = NULL;
	int fd, r = 0;

	summary_lines(a, hc, secs, &b);
	if (path == NULL) {
		for (line = strtok_r(b.s, "\n", &save); line;
		    line = strtok_r(NULL, "\n", &save))
			diag_note("%s", line);
		buf_free(&b);
		return 0;
	}
	/* 0640, as every file the tools make: never world-readable */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640)) < 0 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		warnmsg("cannot write summary %s:", path);
		if (fd >= 0)
			close(fd);
		r = -1;
	} else {
		if (fputs(buf_cstr(&b), fp) == EOF)
			r = -1;
		if (fclose(fp) != 0)
			r = -1;
		if (r < 0)
			warnmsg("cannot write summary %s:", path);
	}
	buf_free(&b);
	return r;
}

/* lock_to_write: the exclusive lock, an interrupted change recovered. */
static int
lock_to_write(const char *dir)
{
	int fd;

	if ((fd = datadir_lock(dir)) < 0)
		return -1;
	if (datadir_recover(dir) < 0) {
		datadir_unlock(fd);
		return -1;
	}
	return fd;
}

/*
 * lock_to_read: a shared lock through a read-only descriptor, so that a
 * read-only directory or an auditor's account can be audited; only an
 * interrupted change, which must be recovered first, needs the
 * exclusive lock.
 */
static int
lock_to_read(const char *dir)
{
	int fd;

	if ((fd = datadir_lock_shared(dir)) < 0)
		return -1;
	if (!datadir_pending(dir))
		return fd;
	datadir_unlock(fd);
	return lock_to_write(dir);
}

/*
 * history_writable: the findings history can be written in dir (the
 * directory and its lock are writable); else says so, suggesting
 * --no-history, and returns 0.
 */
static int
history_writable(const char *dir)
{
	char *lock = datadir_path(dir, ".lock");
	int ok = access(dir, W_OK) == 0 &&
	    (access(lock, W_OK) == 0 || errno == ENOENT);

	if (!ok)
		warnmsg("%s: cannot write the findings history (%s); "
		    "use --no-history to audit without it", dir,
		    strerror(errno));
	free(lock);
	return ok;
}

/* lock_and_read: every file and the journal, under the lock. */
static int
lock_and_read(struct audit *a, int readonly)
{
	size_t i;
	int fd;

	fd = readonly ? lock_to_read(a->dir) : lock_to_write(a->dir);
	if (fd < 0)
		return -1;
	prevstate_load(a);
	read_journal(a);
	for (i = 0; i < NELEM(passes); i++)
		scan_table(a, passes[i]);
	verify_files(a);
	datadir_unlock(fd);
	return 0;
}

static void
audit_free(struct audit *a)
{
	unions_free(a->unions);
	members_free(a->members);
	programs_free(a->programs);
	prevstate_free(a->prev);
	strmap_free(a->unread);
	strmap_free(a->partial);
	strmap_free(a->ended);
	strmap_free(a->moved);
	buf_free(&a->movedto);
	findings_free(a->fs);
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* is_dir: 1 for a directory; 0 with errno set otherwise. */
static int
is_dir(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return 0;
	}
	return 1;
}

int
audit_run(struct audit *a, const struct runopts *ro)
{
	struct hist_counts hc;
	struct timespec t0;
	struct out *o;
	char day[11], *title;
	int status = EXIT_CLEAN, hist = 0;

	a->dir = a->cli.datadir;
	if (!is_dir(a->dir)) {
		warnmsg("cannot open data directory %s:", a->dir);
		return EXIT_TROUBLE;
	}
	if (!ro->no_history && !history_writable(a->dir))
		return EXIT_TROUBLE;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	a->fs = findings_new();
	if (lock_and_read(a, ro->no_history) != 0) {
		audit_free(a);
		return EXIT_TROUBLE;
	}
	findings_sort(a->fs);
	/* the history first: the html page's summary tells of it */
	if (!ro->no_history && a->tables == 0)
		diag_note("no table could be read: the findings history is "
		    "not kept");
	else if (!ro->no_history) {
		if (history_update(a, &hc) != 0)
			status = EXIT_TROUBLE;
		else
			hist = 1;
	}
	o = out_stdout(a->cli.format, a->cli.excel ? OUT_EXCEL : 0);
	title = xasprintf("union-audit: %s as of %s", a->dir,
	    date_fmt(a->cli.today, day));
	out_title(o, title);
	free(title);
	out_keep_going(o);	/* a reader gone early: still finish */
	page_summary(a, hist ? &hc : NULL, seconds_since(&t0), o);
	emit_findings(a, o);
	out_close(o);
	if (ro->report && write_report(a, ro->report) != 0)
		status = EXIT_TROUBLE;
	if (summarise(a, hist ? &hc : NULL, seconds_since(&t0), ro->summary))
		status = EXIT_TROUBLE;
	if (status == EXIT_CLEAN && (a->errors > 0 ||
	    (ro->strict && a->warnings > 0)))
		status = EXIT_FOUND;
	audit_free(a);
	return status;
}
