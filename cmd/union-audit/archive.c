/*
 * archive.c - union-audit archive: a dated, gzip-compressed copy of
 * every file of the data directory and a manifest of their hashes, so
 * that any night's state can be restored (gunzip) and compared
 * (union-audit diff).  The archive is built in a hidden folder and
 * renamed into place when complete: a half-made archive never shows.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "audit.h"

static const char *const manifest_cols[] = {
	"file", "stored", "size", "digest", "journal_digest"
};

char *
archive_root(const char *dir)
{
	return datadir_path(dir, ARCHIVE_DIR);
}

void
free_strings(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* is_archive_name: "YYYY-MM-DD" or "YYYY-MM-DD.N" */
static int
is_archive_name(const char *s)
{
	static const char pat[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; pat[i]; i++)
		if (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pat[i])
			return 0;
	if (s[i] == '\0')
		return 1;
	if (s[i] != '.' || s[i + 1] == '\0')
		return 0;
	for (i++; s[i]; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* seq_of: the ".N" of an archive name, 1 without one */
static long
seq_of(const char *s)
{
	return s[10] == '.' ? strtol(s + 11, NULL, 10) : 1;
}

static int
cmp_newest(const void *pa, const void *pb)
{
	const char *x = *(char *const *)pa, *y = *(char *const *)pb;
	int r = strncmp(y, x, 10);

	if (r != 0)
		return r;
	return seq_of(y) < seq_of(x) ? -1 : seq_of(y) > seq_of(x);
}

char **
archive_list(const char *root)
{
	struct dirent *de;
	char **v = NULL;
	size_t n = 0;
	DIR *d;

	if ((d = opendir(root)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (!is_archive_name(de->d_name))
			continue;
		v = xreallocarray(v, n + 2, sizeof(*v));
		v[n++] = xstrdup(de->d_name);
		v[n] = NULL;
	}
	closedir(d);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_newest);
	return v;
}

char *
archive_resolve(const char *dir, const char *name)
{
	struct stat st;
	char *path, *root;

	if (strchr(name, '/') != NULL || strcmp(name, ".") == 0)
		path = xstrdup(name);
	else {
		root = archive_root(dir);
		path = xasprintf("%s/%s", root, name);
		free(root);
	}
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		warnmsg("no archive %s", path);
		free(path);
		return NULL;
	}
	return path;
}

int
manifest_journal_digest(const char *adir, const char *file,
    char out[HASH_TEXT_MAX])
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	char *path = xasprintf("%s/manifest.csv", adir);
	struct table *t = tbl_open(path, &o);
	const struct field *f;
	int fc, jc, r = -1;

	free(path);
	if (t == NULL)
		return -1;
	fc = tbl_col(t, "file");
	jc = tbl_col(t, "journal_digest");
	while (fc >= 0 && jc >= 0 && r != 0 && tbl_next(t) == TBL_ROW) {
		f = tbl_fields(t);
		if (strcmp(f[fc].s, file) == 0 && f[jc].len > 0 &&
		    f[jc].len < HASH_TEXT_MAX) {
			memcpy(out, f[jc].s, f[jc].len + 1);
			r = 0;
		}
	}
	tbl_close(t);
	return r;
}

int
gz_digest(const char *path, int compressed, char out[HASH_TEXT_MAX])
{
	struct hasher *h = hasher_new("sha256");
	char buf[65536];
	gzFile gz = NULL;
	int fd, n;

	if ((fd = open(path, O_RDONLY)) < 0 ||
	    (compressed && (gz = gzdopen(fd, "rb")) == NULL)) {
		warnmsg("cannot read %s:", path);
		if (fd >= 0)
			close(fd);
		hasher_free(h);
		return -1;
	}
	while ((n = gz ? gzread(gz, buf, sizeof(buf)) :
	    (int)read(fd, buf, sizeof(buf))) > 0)
		hasher_update(h, buf, (size_t)n);
	if (gz)
		gzclose(gz);
	else
		close(fd);
	hasher_final(h, out);
	hasher_free(h);
	if (n < 0) {
		warnmsg("cannot read %s: damaged", path);
		return -1;
	}
	return 0;
}

/* ---- making one ---- */

struct stored {
	const char *file;
	char	*stored;
	unsigned long long size;
	char	 digest[HASH_TEXT_MAX];
	char	 jdigest[HASH_TEXT_MAX];
};

/*
 * store_file: copy src into dst, gzip-compressed unless it already is,
 * hashing the original bytes; fsync'd.  0, or -1 after a message.
 */
static int
store_file(const char *src, const char *dst, int compress, struct stored *s)
{
	struct hasher *h = hasher_new("sha256");
	char buf[65536];
	gzFile gz = NULL;
	ssize_t n;
	int in, out, r = -1;

	if ((in = open(src, O_RDONLY)) < 0) {
		warnmsg("cannot read %s:", src);
		hasher_free(h);
		return -1;
	}
	if ((out = open(dst, O_WRONLY | O_CREAT | O_EXCL, 0640)) < 0) {
		warnmsg("cannot create %s:", dst);
		goto done;
	}
	/* level 1: a 900 MB roster in about 12 s, not 40, for 20% more */
	if (compress && (gz = gzdopen(dup(out), "wb1")) == NULL) {
		warnmsg("cannot compress into %s:", dst);
		goto done;
	}
	s->size = 0;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		hasher_update(h, buf, (size_t)n);
		s->size += (unsigned long long)n;
		if (gz ? gzwrite(gz, buf, (unsigned)n) != (int)n :
		    write(out, buf, (size_t)n) != n) {
			warnmsg("cannot write %s:", dst);
			goto done;
		}
	}
	if (n < 0) {
		warnmsg("cannot read %s:", src);
		goto done;
	}
	if (gz) {
		int zr = gzclose(gz);

		gz = NULL;
		if (zr == Z_ERRNO) {	/* the write failed: errno says why */
			warnmsg("cannot write %s:", dst);
			goto done;
		}
		if (zr != Z_OK) {
			warnmsg("cannot write %s: compression failed", dst);
			goto done;
		}
	}
	if (fsync(out) != 0) {
		warnmsg("cannot sync %s:", dst);
		goto done;
	}
	hasher_final(h, s->digest);
	r = 0;
done:
	if (gz)
		gzclose(gz);
	if (out >= 0)
		close(out);
	close(in);
	hasher_free(h);
	return r;
}

static int
write_manifest(const char *tmpdir, const struct stored *v, size_t n)
{
	char *path = xasprintf("%s/manifest.csv", tmpdir);
	char size[24];
	const char *row[5];
	struct out *o;
	size_t i;
	int fd, r;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0640)) < 0) {
		warnmsg("cannot create %s:", path);
		free(path);
		return -1;
	}
	o = out_open_fd(fd, path, FMT_CSV, 0);
	out_header(o, NELEM(manifest_cols), manifest_cols);
	for (i = 0; i < n; i++) {
		snprintf(size, sizeof(size), "%llu", v[i].size);
		row[0] = v[i].file;
		row[1] = v[i].stored;
		row[2] = size;
		row[3] = v[i].digest;
		row[4] = v[i].jdigest;
		out_row(o, NELEM(manifest_cols), row);
	}
	if ((r = out_sync(o)) != 0)
		warnmsg("cannot sync %s:", path);
	out_close(o);
	close(fd);
	free(path);
	return r;
}

/* journal_digest_of: the journal's last digest of file if it matches. */
static void
journal_digest_of(const char *dir, const char *file, const struct jstate *js,
    size_t njs, char out[HASH_TEXT_MAX])
{
	const struct jstate *s = jstate_of(js, njs, file);
	const char *why;

	out[0] = '\0';
	if (s && file_verify(dir, file, &why) == 1)
		snprintf(out, HASH_TEXT_MAX, "%s", s->digest);
}

/* the journal and the history, archived beside the tables */
static const char *const extra_files[] = { JOURNAL_FILE, HISTORY_FILE };

static void
stored_free(struct stored *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)v[i].file);
		free(v[i].stored);
	}
}

/* store_one: src into tmpdir as v; 0, or -1 after a message. */
static int
store_one(const char *dir, const char *src, const char *tmpdir,
    const struct jstate *js, size_t njs, struct stored *v)
{
	const char *base = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
	size_t n = strlen(base);
	int gz = n > 3 && strcmp(base + n - 3, ".gz") == 0;
	char *dst;
	int r;

	v->stored = gz ? xstrdup(base) : xasprintf("%s.gz", base);
	dst = xasprintf("%s/%s", tmpdir, v->stored);
	r = store_file(src, dst, !gz, v);
	free(dst);
	if (r != 0) {
		free(v->stored);
		return -1;
	}
	v->file = xstrdup(base);
	journal_digest_of(dir, base, js, njs, v->jdigest);
	return 0;
}

/*
 * store_all: every table of dir (in whichever form it is kept), the
 * journal and the history into tmpdir; the number stored, or -1.
 */
static long
store_all(const char *dir, const char *tmpdir, struct stored *v)
{
	char *src[8];
	struct jstate *js;
	size_t njs = 0, i, nsrc = 0, n = 0;
	long r;

	for (i = 0; data_files[i]; i++)
		src[nsrc++] = find_table(dir, data_files[i]);
	for (i = 0; i < NELEM(extra_files); i++)
		src[nsrc++] = datadir_path(dir, extra_files[i]);
	js = journal_states(dir, &njs);
	for (i = 0; i < nsrc; i++) {
		if (src[i] == NULL || access(src[i], F_OK) != 0)
			continue;
		if (store_one(dir, src[i], tmpdir, js, njs, &v[n]) != 0)
			break;
		n++;
	}
	r = i < nsrc ? -1 : (long)n;
	if (r < 0)
		stored_free(v, n);
	for (i = 0; i < nsrc; i++)
		free(src[i]);
	free(js);
	return r;
}

/* fresh_name: "YYYY-MM-DD", or with ".N" when that is taken. */
static char *
fresh_name(const char *root, int32_t today)
{
	char date[11], *name, *path;
	struct stat st;
	int seq;

	date_fmt(today, date);
	name = xstrdup(date);
	for (seq = 2;; seq++) {
		path = xasprintf("%s/%s", root, name);
		if (stat(path, &st) != 0) {
			free(path);
			return name;
		}
		free(path);
		free(name);
		name = xasprintf("%s.%d", date, seq);
	}
}

static int
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY), r;

	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

/* remove_flat: a folder of plain files (a failed archive), and its files. */
static void
remove_flat(const char *path)
{
	struct dirent *de;
	char *file;
	DIR *d;

	if ((d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			file = xasprintf("%s/%s", path, de->d_name);
			unlink(file);
			free(file);
		}
		closedir(d);
	}
	rmdir(path);
}

/*
 * make_archive: the archive of dir in root, under the lock; its path in
 * *made.  0, or -1 after a message.
 */
static int
make_archive(const char *dir, const char *root, int32_t today, char **made)
{
	struct stored v[8];	/* the six tables, journal, history */
	char *name, *tmpdir, *final;
	long n, i;
	int r = -1;

	if (mkdir(root, 0750) != 0 && errno != EEXIST) {
		warnmsg("cannot create %s:", root);
		return -1;
	}
	name = fresh_name(root, today);
	tmpdir = xasprintf("%s/.%s.tmp", root, name);
	final = xasprintf("%s/%s", root, name);
	/* what an archive cut short left (a crash, or a write error that
	   ended the process): the lock is ours, no one else writes there */
	remove_flat(tmpdir);
	if (mkdir(tmpdir, 0750) != 0) {
		warnmsg("cannot create %s:", tmpdir);
		goto out;
	}
	if ((n = store_all(dir, tmpdir, v)) < 0)
		goto out;
	i = write_manifest(tmpdir, v, (size_t)n);
	stored_free(v, (size_t)n);
	if (i != 0)
		goto out;
	if (sync_dir(tmpdir) != 0 || rename(tmpdir, final) != 0 ||
	    sync_dir(root) != 0) {
		warnmsg("cannot put archive %s in place:", final);
		goto out;
	}
	*made = final;
	final = NULL;
	r = 0;
out:
	if (r != 0)
		remove_flat(tmpdir);
	free(name);
	free(tmpdir);
	free(final);
	return r;
}

enum { OPT_TO = 1 };

static const struct opt archive_opts[] = {
	{ "to", 0, OPT_ARG, OPT_TO },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const char archive_usage[] =
    "usage: union-audit archive [-q] [-D DIR] [--to DIR] [--as-of DATE]";

static const char archive_help[] =
    "\n"
    "  --to DIR   where to put it (default: archives/ in the data directory)\n"
    "  A dated folder of gzip copies of the data files, with a manifest.\n"
    "example: union-audit archive -D /srv/union\n";

int
cmd_archive(int argc, char **argv)
{
	struct optstate s;
	struct cli c;
	const char *to = NULL;
	char *root, *made = NULL;
	int id, fd, r;

	cli_init(&c);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, archive_opts)) != OPT_END) {
		if (id == OPT_BAD)
			usage_exit(archive_usage);
		if (id == OPT_TO)
			to = s.arg;
		else
			cli_common(&c, id, s.arg);
	}
	if (c.help) {
		printf("%s\n%s", archive_usage, archive_help);
		return EXIT_CLEAN;
	}
	if (s.noperands > 0)
		usage_error("archive: unexpected operand '%s'", s.operands[0]);
	if ((fd = datadir_lock(c.datadir)) < 0)
		return EXIT_TROUBLE;
	root = to ? xstrdup(to) : archive_root(c.datadir);
	r = datadir_recover(c.datadir) < 0 ? -1 :
	    make_archive(c.datadir, root, c.today, &made);
	datadir_unlock(fd);
	free(root);
	if (r != 0)
		return EXIT_TROUBLE;
	printf("%s\n", made);
	free(made);
	return EXIT_CLEAN;
}
