/*
 * test_txn.c - the data directory, its lock and transactions: commit and
 * abort, appends and rewrites together, every refusal with its message,
 * recovery of an uncommitted and of a committed-but-unfinished
 * transaction, modes of new files, the undo at exit, a lock that blocks,
 * concurrent appenders, and a fault sweep: every write, fsync, rename
 * and ftruncate of a transaction in turn fails or crashes, and the data
 * must come out exactly old or exactly new.
 *
 * The fault shim is compiled into this program (it replaces write,
 * fsync, rename, ... for the whole program, counting only until armed).
 */
#define _GNU_SOURCE
#include "../fault/fault.c"

#include <sys/stat.h>
#include <sys/wait.h>

#include <poll.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "store.h"

static char root[] = "/tmp/test_txn.XXXXXX";
#include "tstore.h"

static int
exists(const char *dir, const char *name)
{
	char *path = datadir_path(dir, name);
	struct stat st;
	int r = stat(path, &st) == 0;

	free(path);
	return r;
}

static int
mode_of(const char *dir, const char *name)
{
	char *path = datadir_path(dir, name);
	struct stat st;
	int r = stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;

	free(path);
	return r;
}

static void
row2(struct out *o, const char *a, const char *b)
{
	const char *v[2] = { a, b };

	out_row(o, 2, v);
}

/* verify: the journal has no fault and every file matches it. */
static int
faults(const char *dir)
{
	return journal_walk(dir, NULL, NULL, NULL);
}

static int
verified(const char *dir, const char *file)
{
	const char *why;
	int r = file_verify(dir, file, &why);

	if (r != 1)
		fprintf(stderr, "file_verify %s/%s: %d: %s\n", dir, file, r,
		    why);
	return r;
}

/* line_of: the n-th line (1-based) of text, in fresh memory. */
static char *
line_of(const char *text, int n)
{
	const char *p = text, *nl;

	while (--n > 0 && (nl = strchr(p, '\n')) != NULL)
		p = nl + 1;
	nl = strchr(p, '\n');
	return xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
}

static int
starts(const char *s, const char *prefix)
{
	int r = strncmp(s, prefix, strlen(prefix)) == 0;

	if (!r)
		fprintf(stderr, "\"%s\"\ndoes not start with\n\"%s\"\n", s,
		    prefix);
	return r;
}

static int
count_lines(const char *text)
{
	int n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

static void
test_resolve(void)
{
	char *p;

	unsetenv("UNION_DATA");
	CHECK_STR(datadir_resolve(NULL), ".");
	CHECK_STR(datadir_resolve(""), ".");
	CHECK_STR(datadir_resolve("d"), "d");
	setenv("UNION_DATA", "/srv/union", 1);
	CHECK_STR(datadir_resolve(NULL), "/srv/union");
	CHECK_STR(datadir_resolve("d"), "d");
	setenv("UNION_DATA", "", 1);
	CHECK_STR(datadir_resolve(NULL), ".");
	unsetenv("UNION_DATA");
	CHECK_STR(p = datadir_path(".", "members.csv"), "members.csv");
	free(p);
	CHECK_STR(p = datadir_path("d", "members.csv"), "d/members.csv");
	free(p);
	CHECK_STR(p = datadir_path("d/", "members.csv"), "d/members.csv");
	free(p);
}

static void
check_find(const char *d, const char *name, const char *want)
{
	char *p = datadir_find(d, name), *w = want ? datadir_path(d, want) :
	    NULL;

	if (w == NULL)
		CHECK(p == NULL);
	else
		CHECK_STR(p, w);
	free(p);
	free(w);
}

static void
test_find(void)
{
	char *d = scratch();

	check_find(d, "members", NULL);
	put(d, "members.tsv.gz", "");
	check_find(d, "members", "members.tsv.gz");
	put(d, "members.csv.gz", "");
	check_find(d, "members", "members.csv.gz");
	put(d, "members.tsv", "");
	check_find(d, "members", "members.tsv");
	put(d, "members.csv", "");
	check_find(d, "members", "members.csv");
	check_find(d, "members.tsv.gz", "members.tsv.gz");
	check_find(d, "unions.csv", NULL);
	check_find(d, "unions", NULL);
	free(d);
}

static void
test_commit_append(void)
{
	char *d = scratch(), *j, *line;
	struct txn *x;
	struct out *o;

	put(d, "members.csv", "id,name\n1,a\n");
	x = txn_begin(d, "union-test", "alice");
	CHECK(x != NULL);
	o = txn_append(x, "members.csv");
	CHECK(o != NULL);
	CHECK(txn_append(x, "members.csv") == o);
	row2(o, "2", "b");
	txn_log(x, "add", "members.csv", "2", "enrolled b");
	CHECK(exists(d, ".txn"));
	CHECK_INT(txn_commit(x), 0);
	CHECK_FILE(d, "members.csv", "id,name\n1,a\n2,b\n");
	CHECK(!exists(d, ".txn"));
	j = get(d, "journal.csv");
	CHECK_INT(count_lines(j), 2);
	line = line_of(j, 1);
	CHECK_STR(line, "seq,time,user,tool,action,file,key,detail,chain,size,"
	    "digest,hash");
	free(line);
	/* the file was unknown to the journal: its digest covers it whole */
	line = line_of(j, 2);
	CHECK_STR(line, "1,2026-01-02T03:04:05Z,alice,union-test,add,"
	    "members.csv,2,enrolled b,start,16,sha256:"
	    "3f8a135153d78d528143f8a854e4f310bff7deebe597939344b0c1747d0bb987,"
	    "sha256:aaec593cb29e6124cef9e1fcdf63b0f00de79ce887b35584abee992a"
	    "e6d5f0dc");
	free(line);
	free(j);
	CHECK_INT(mode_of(d, "journal.csv"), 0640);
	CHECK_INT(mode_of(d, ".lock"), 0640);
	CHECK_INT(mode_of(d, ".journal-state"), 0640);

	/* a second append extends the digest chain */
	x = txn_begin(d, "union-test", "bob");
	row2(txn_append(x, "members.csv"), "3", "c,d");
	txn_log(x, "add", "members.csv", "3", NULL);
	CHECK_INT(txn_commit(x), 0);
	CHECK_FILE(d, "members.csv", "id,name\n1,a\n2,b\n3,\"c,d\"\n");
	j = get(d, "journal.csv");
	line = line_of(j, 3);
	CHECK(starts(line, "2,2026-01-02T03:04:05Z,bob,union-test,add,"
	    "members.csv,3,,extend,24,sha256:"));
	free(line);
	free(j);
	CHECK_INT(faults(d), 0);
	CHECK_INT(verified(d, "members.csv"), 1);
	free(d);
}

static void
test_abort(void)
{
	char *d = scratch();
	struct txn *x;
	struct out *o;

	put(d, "members.csv", "id,name\n1,a\n");
	x = txn_begin(d, "union-test", "alice");
	o = txn_append(x, "members.csv");
	row2(o, "2", "b");
	out_flush(o);
	CHECK_FILE(d, "members.csv", "id,name\n1,a\n2,b\n");
	row2(txn_rewrite(x, "aid.csv"), "aid", "x");
	txn_log(x, "add", "members.csv", "2", "enrolled b");
	txn_abort(x);
	CHECK_FILE(d, "members.csv", "id,name\n1,a\n");
	CHECK(!exists(d, "aid.csv"));
	CHECK(!exists(d, "aid.csv.tmp"));
	CHECK(!exists(d, ".txn"));
	CHECK(!exists(d, "journal.csv"));
	txn_abort(NULL);
	free(d);
}

static void
test_append_rewrite(void)
{
	char *d = scratch(), *j, *line, *path;
	const char *cols[2] = { "aid", "status" };
	struct txn *x;
	struct out *o;

	put(d, "members.csv", "id,name\n1,a\n");
	put(d, "aid.csv", "aid,status\nA1,applied\n");
	path = datadir_path(d, "aid.csv");
	chmod(path, 0600);
	free(path);
	CHECK_INT(journal_record(d, "union-test", "alice", "init",
	    "members.csv", NULL, "generated"), 0);
	CHECK_INT(journal_record(d, "union-test", "alice", "init", "aid.csv",
	    NULL, NULL), 0);

	x = txn_begin(d, "union-test", "alice");
	row2(txn_append(x, "members.csv"), "2", "b");
	o = txn_rewrite(x, "aid.csv");
	CHECK(o != NULL);
	out_header(o, 2, cols);
	row2(o, "A1", "approved");
	out_flush(o);
	CHECK(exists(d, "aid.csv.tmp"));
	CHECK_FILE(d, "aid.csv", "aid,status\nA1,applied\n");
	row2(txn_create(x, "cases.csv"), "case_id", "type");
	txn_log(x, "add", "members.csv", "2", "enrolled b");
	txn_log(x, "approve", "aid.csv", "A1", "approved A1");
	txn_log(x, "note", "aid.csv", "A1", "second entry, same file");
	txn_log(x, "note", NULL, NULL, "no file");
	txn_log(x, "note", "unions.csv", NULL, "a file not written");
	CHECK_INT(txn_commit(x), 0);
	CHECK_FILE(d, "members.csv", "id,name\n1,a\n2,b\n");
	CHECK_FILE(d, "aid.csv", "aid,status\nA1,approved\n");
	CHECK_FILE(d, "cases.csv", "case_id,type\n");
	CHECK(!exists(d, "aid.csv.tmp"));
	CHECK(!exists(d, "cases.csv.tmp"));
	CHECK_INT(mode_of(d, "aid.csv"), 0600);
	CHECK_INT(mode_of(d, "cases.csv"), 0640);
	j = get(d, "journal.csv");
	CHECK_INT(count_lines(j), 9);
	line = line_of(j, 4);
	CHECK(starts(line, "3,2026-01-02T03:04:05Z,alice,union-test,add,"
	    "members.csv,2,enrolled b,extend,16,sha256:"));
	free(line);
	line = line_of(j, 5);
	CHECK(starts(line, "4,2026-01-02T03:04:05Z,alice,union-test,approve,"
	    "aid.csv,A1,approved A1,start,23,sha256:"));
	free(line);
	line = line_of(j, 6);
	CHECK(starts(line, "5,2026-01-02T03:04:05Z,alice,union-test,note,"
	    "aid.csv,A1,\"second entry, same file\",,23,sha256:"));
	free(line);
	line = line_of(j, 7);
	CHECK(starts(line, "6,2026-01-02T03:04:05Z,alice,union-test,note,,,"
	    "no file,,,,sha256:"));
	free(line);
	line = line_of(j, 8);
	CHECK(starts(line, "7,2026-01-02T03:04:05Z,alice,union-test,note,"
	    "unions.csv,,a file not written,,,,sha256:"));
	free(line);
	line = line_of(j, 9);		/* written, never logged */
	CHECK(starts(line, "8,2026-01-02T03:04:05Z,alice,union-test,create,"
	    "cases.csv,,,start,13,sha256:"));
	free(line);
	free(j);
	CHECK_INT(faults(d), 0);
	CHECK_INT(verified(d, "members.csv"), 1);
	CHECK_INT(verified(d, "aid.csv"), 1);
	CHECK_INT(verified(d, "cases.csv"), 1);
	free(d);
}

/* refuse: the message a refusal printed. */
#define CHECK_REFUSAL(call, msg) do { \
	char *m_; \
	cap_begin(); \
	CHECK((call) == NULL); \
	m_ = cap_end(); \
	CHECK_STR(m_, msg); \
	free(m_); \
} while (0)

static void
test_refusals(void)
{
	char *d = scratch(), *m, *want;
	struct txn *x;

	put(d, "members.csv", "id\n1\n");
	put(d, "torn.csv", "id\n1");
	put(d, "empty.csv", "");
	put(d, "aid.csv", "aid\n");
	x = txn_begin(d, "union-test", "alice");
	/* a file's own trouble names it with its directory */
	want = xasprintf("unit: %s/torn.csv: last line has no newline "
	    "(torn write?); run union-audit\n", d);
	CHECK_REFUSAL(txn_append(x, "torn.csv"), want);
	free(want);
	want = xasprintf("unit: %s/nope.csv: No such file or directory\n", d);
	CHECK_REFUSAL(txn_append(x, "nope.csv"), want);
	free(want);
	want = xasprintf("unit: %s/empty.csv: empty file, not even a header "
	    "line\n", d);
	CHECK_REFUSAL(txn_append(x, "empty.csv"), want);
	free(want);
	CHECK_REFUSAL(txn_append(x, "members.csv.gz"),
	    "unit: members.csv.gz: cannot append to a compressed file\n");
	CHECK_REFUSAL(txn_rewrite(x, "members.csv.gz"),
	    "unit: members.csv.gz: cannot write a compressed file\n");
	want = xasprintf("unit: %s/members.csv: already exists\n", d);
	CHECK_REFUSAL(txn_create(x, "members.csv"), want);
	free(want);
	CHECK_REFUSAL(txn_rewrite(x, "journal.csv"), "unit: journal.csv: not "
	    "a data file a transaction may write\n");
	CHECK_REFUSAL(txn_append(x, "../members.csv"), "unit: ../members.csv: "
	    "not a data file a transaction may write\n");
	CHECK_REFUSAL(txn_create(x, "archives/../x.csv"), "unit: "
	    "archives/../x.csv: not a data file a transaction may write\n");
	CHECK_REFUSAL(txn_rewrite(x, ".txn"), "unit: .txn: not a data file a "
	    "transaction may write\n");
	CHECK_REFUSAL(txn_rewrite(x, ""), "unit: : not a data file a "
	    "transaction may write\n");
	CHECK(txn_append(x, "members.csv") != NULL);
	CHECK_REFUSAL(txn_rewrite(x, "members.csv"), "unit: members.csv: "
	    "already appended to in this transaction\n");
	CHECK(txn_rewrite(x, "aid.csv") != NULL);
	CHECK_REFUSAL(txn_append(x, "aid.csv"), "unit: aid.csv: cannot append "
	    "to a file this transaction rewrites\n");
	CHECK_REFUSAL(txn_create(x, "aid.csv"), "unit: aid.csv: already "
	    "written in this transaction\n");
	cap_begin();
	CHECK_INT(txn_set_hash(x, "md5"), -1);
	CHECK_INT(txn_set_hash(x, "sm3"), -1);
	m = cap_end();
	CHECK_STR(m, "unit: md5: unknown hash algorithm (use sha256 or sm3)\n"
	    "unit: txn_set_hash: called after a file was opened\n");
	free(m);
	txn_abort(x);
	CHECK_FILE(d, "members.csv", "id\n1\n");
	CHECK_FILE(d, "torn.csv", "id\n1");
	CHECK_FILE(d, "aid.csv", "aid\n");
	CHECK(!exists(d, "aid.csv.tmp"));
	CHECK(!exists(d, ".txn"));

	/* a missing directory cannot be locked */
	cap_begin();
	CHECK(txn_begin("/nonexistent/dir", "union-test", "alice") == NULL);
	m = cap_end();
	CHECK_STR(m, "unit: /nonexistent/dir/.lock: cannot open the lock: No "
	    "such file or directory\n");
	free(m);
	free(d);
}

static void
test_new_files_private(void)
{
	char *d = scratch();
	struct txn *x;
	mode_t old = umask(0);		/* even with no umask at all */

	x = txn_begin(d, "union-test", "alice");
	row2(txn_create(x, "unions.csv"), "union_id", "name");
	CHECK_INT(txn_commit(x), 0);
	umask(old);
	CHECK_INT(mode_of(d, "unions.csv"), 0640);
	CHECK_INT(mode_of(d, "journal.csv"), 0640);
	CHECK_INT(mode_of(d, ".lock"), 0640);
	CHECK_INT(mode_of(d, ".journal-state"), 0640);
	free(d);
}

static void
test_sm3(void)
{
	char *d = scratch(), *j, *line, *m;
	struct txn *x;

	x = txn_begin(d, "union-test", "alice");
	CHECK_INT(txn_set_hash(x, "sm3"), 0);
	row2(txn_create(x, "unions.csv"), "union_id", "name");
	txn_log(x, "init", "unions.csv", NULL, NULL);
	CHECK_INT(txn_commit(x), 0);
	j = get(d, "journal.csv");
	line = line_of(j, 2);
	CHECK(starts(line, "1,2026-01-02T03:04:05Z,alice,union-test,init,"
	    "unions.csv,,,start,14,sm3:"));
	CHECK(strstr(line, ",sm3:") != strrchr(line, ','));
	free(line);
	free(j);
	x = txn_begin(d, "union-test", "alice");
	cap_begin();
	CHECK_INT(txn_set_hash(x, "sha256"), -1);
	m = cap_end();
	CHECK_STR(m, "unit: journal.csv: already uses sm3\n");
	free(m);
	CHECK_INT(txn_set_hash(x, "sm3"), 0);
	row2(txn_append(x, "unions.csv"), "U1", "county");
	CHECK_INT(txn_commit(x), 0);
	CHECK_INT(faults(d), 0);
	CHECK_INT(verified(d, "unions.csv"), 1);
	free(d);
}

static void
test_recover_uncommitted(void)
{
	char *d = scratch(), *m, *want;
	int fd;

	put(d, "members.csv", "id\n1\n2\n3");	/* 5 bytes, then a torn row */
	put(d, "aid.csv", "old\n");
	put(d, "aid.csv.tmp", "new\n");
	put(d, ".txn", "union-txn 1\nopen\nappend 5 members.csv\n"
	    "stage aid.csv\n");
	fd = datadir_lock(d);
	cap_begin();
	CHECK_INT(datadir_recover(d), 1);
	m = cap_end();
	want = xasprintf("unit: rolled back an interrupted transaction in "
	    "%s\n", d);
	CHECK_STR(m, want);
	free(m);
	free(want);
	CHECK_FILE(d, "members.csv", "id\n1\n");
	CHECK_FILE(d, "aid.csv", "old\n");
	CHECK(!exists(d, "aid.csv.tmp"));
	CHECK(!exists(d, ".txn"));
	CHECK_INT(datadir_recover(d), 0);

	/* a damaged record is refused, and left alone */
	put(d, ".txn", "union-txn 1\nhalf");
	cap_begin();
	CHECK_INT(datadir_recover(d), -1);
	m = cap_end();
	want = xasprintf("unit: %s/.txn: damaged transaction record; run "
	    "union-audit\n", d);
	CHECK_STR(m, want);
	free(m);
	free(want);
	CHECK(exists(d, ".txn"));
	datadir_unlock(fd);
	free(d);
}

/* committed_record: a .txn that committed members + aid, as txn_commit
   writes it; the journal bytes into *blob. */
static char *
committed_record(struct buf *blob)
{
	struct jstate st;
	struct jentry e;
	struct hasher *h = hasher_new("sha256");
	char d1[HASH_TEXT_MAX], d2[HASH_TEXT_MAX], hash[HASH_TEXT_MAX];
	struct buf b = {0};

	memset(&st, 0, sizeof(st));
	snprintf(st.algo, sizeof(st.algo), "sha256");
	hasher_update(h, "id\n1\n2\n", 7);
	hasher_final(h, d1);
	hasher_update(h, "new\n", 4);
	hasher_final(h, d2);
	hasher_free(h);
	buf_adds(blob, journal_header());
	memset(&e, 0, sizeof(e));
	e.time = "2026-01-02T03:04:05Z";
	e.user = "alice";
	e.tool = "union-test";
	e.action = "add";
	e.file = "members.csv";
	e.key = "2";
	e.detail = "";
	e.chain = "start";
	e.size = 7;
	e.digest = d1;
	journal_format(blob, &st, &e, hash);
	e.action = "approve";
	e.file = "aid.csv";
	e.size = 4;
	e.digest = d2;
	journal_format(blob, &st, &e, hash);
	buf_printf(&b, "union-txn 1\ncommitted\nappend 5 members.csv\n"
	    "stage aid.csv\njournal 0 %zu\n", blob->len);
	buf_add(&b, blob->s, blob->len);
	jstate_free(&st);
	return b.s;
}

static void
test_recover_committed(void)
{
	char *d = scratch(), *rec, *m, *want, *cut;
	struct buf blob = {0};
	struct txn *x;
	int fd;

	rec = committed_record(&blob);
	put(d, "members.csv", "id\n1\n2\n");
	put(d, "aid.csv", "old\n");
	put(d, "aid.csv.tmp", "new\n");
	put(d, ".txn", rec);
	cut = xstrndup(blob.s, blob.len - 40);	/* a journal write cut short */
	put(d, "journal.csv", cut);
	fd = datadir_lock(d);
	cap_begin();
	CHECK_INT(datadir_recover(d), 1);
	m = cap_end();
	want = xasprintf("unit: finished an interrupted transaction in %s\n", d);
	CHECK_STR(m, want);
	free(m);
	free(want);
	datadir_unlock(fd);
	CHECK_FILE(d, "members.csv", "id\n1\n2\n");
	CHECK_FILE(d, "aid.csv", "new\n");
	CHECK_FILE(d, "journal.csv", blob.s);
	CHECK(!exists(d, "aid.csv.tmp"));
	CHECK(!exists(d, ".txn"));
	CHECK_INT(faults(d), 0);
	CHECK_INT(verified(d, "members.csv"), 1);
	CHECK_INT(verified(d, "aid.csv"), 1);

	/* the renames were done already: finishing again changes nothing */
	put(d, ".txn", rec);
	fd = datadir_lock(d);
	cap_begin();
	CHECK_INT(datadir_recover(d), 1);
	free(cap_end());
	datadir_unlock(fd);
	CHECK_FILE(d, "aid.csv", "new\n");
	CHECK_FILE(d, "journal.csv", blob.s);

	/* and the next transaction chains on (no cached state: rebuilt) */
	x = txn_begin(d, "union-test", "alice");
	row2(txn_append(x, "members.csv"), "3", "x");
	CHECK_INT(txn_commit(x), 0);
	CHECK_INT(faults(d), 0);
	CHECK_INT(verified(d, "members.csv"), 1);
	free(rec);
	free(cut);
	buf_free(&blob);
	free(d);
}

/* A child that appends and leaves without committing: the exit undoes
   the append. */
static void
test_exit_undoes(void)
{
	char *d = scratch();
	struct txn *x;
	struct out *o;
	int status;
	pid_t pid;

	put(d, "members.csv", "id\n1\n");
	fflush(NULL);
	if ((pid = fork()) == 0) {
		x = txn_begin(d, "union-test", "alice");
		o = txn_append(x, "members.csv");
		row2(o, "2", "b");
		out_flush(o);
		free(d);
		exit(3);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	CHECK_FILE(d, "members.csv", "id\n1\n");
	CHECK(!exists(d, ".txn"));
	free(d);
}

static void
test_lock_blocks(void)
{
	char *d = scratch();
	struct timespec pause = { 0, 300 * 1000 * 1000 };
	int fd, status;
	pid_t pid;

	fd = datadir_lock(d);
	CHECK(fd >= 0);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		struct txn *x = txn_begin(d, "union-test", "alice");

		put(d, "got-it", "");
		txn_abort(x);
		_exit(0);
	}
	nanosleep(&pause, NULL);
	CHECK(!exists(d, "got-it"));
	datadir_unlock(fd);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(exists(d, "got-it"));
	free(d);
}

/* While it waits for the lock, a process whose standard error is a
   terminal says so, once. */
static void
test_lock_message(void)
{
	char *d = scratch(), *want, got[256];
	struct timespec pause = { 0, 300 * 1000 * 1000 };
	struct pollfd pfd;
	size_t len = 0;
	ssize_t n;
	int fd, master, status;
	pid_t pid;

	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) == -1 ||
	    grantpt(master) == -1 || unlockpt(master) == -1) {
		CHECK(!"a pseudo-terminal");
		return;
	}
	fd = datadir_lock(d);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		int tty = open(ptsname(master), O_RDWR | O_NOCTTY);

		dup2(tty, 2);
		_exit(datadir_lock(d) >= 0 ? 0 : 1);
	}
	nanosleep(&pause, NULL);
	pfd.fd = master;
	pfd.events = POLLIN;
	while (len < sizeof(got) - 1 && poll(&pfd, 1, 200) == 1 &&
	    (n = read(master, got + len, sizeof(got) - 1 - len)) > 0)
		len += (size_t)n;
	got[len] = '\0';
	datadir_unlock(fd);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	want = xasprintf("unit: waiting for the lock on %s\r\n", d);
	CHECK_STR(got, want);
	free(want);
	close(master);
	free(d);
}

#define NPROCS 6
#define NTXNS 20

static void
appender(const char *d, int id)
{
	char a[16], b[64];
	struct txn *x;
	int i;

	for (i = 0; i < NTXNS; i++) {
		snprintf(a, sizeof(a), "%d", id);
		snprintf(b, sizeof(b), "row %d of \"%d\", a longer value", i,
		    id);
		if ((x = txn_begin(d, "union-test", "alice")) == NULL)
			_exit(1);
		row2(txn_append(x, "data.csv"), a, b);
		txn_log(x, "add", "data.csv", a, b);
		if (txn_commit(x) != 0)
			_exit(1);
	}
	_exit(0);
}

static void
test_concurrent(void)
{
	char *d = scratch(), *text, *want;
	pid_t pids[NPROCS];
	int i, k, status, ok = 1;

	put(d, "data.csv", "who,what\n");
	fflush(NULL);
	for (i = 0; i < NPROCS; i++)
		if ((pids[i] = fork()) == 0)
			appender(d, i);
	for (i = 0; i < NPROCS; i++) {
		waitpid(pids[i], &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	text = get(d, "data.csv");
	CHECK_INT(count_lines(text), 1 + NPROCS * NTXNS);
	for (i = 0; i < NPROCS; i++)
		for (k = 0; k < NTXNS; k++) {
			want = xasprintf("\n%d,\"row %d of \"\"%d\"\", a longer "
			    "value\"\n", i, k, i);
			if (strstr(text, want) == NULL)
				ok = 0;
			free(want);
		}
	CHECK(ok);
	free(text);
	CHECK_INT(faults(d), 0);
	CHECK_INT(verified(d, "data.csv"), 1);
	text = get(d, "journal.csv");
	CHECK_INT(count_lines(text), 1 + NPROCS * NTXNS);
	free(text);
	free(d);
}

/*
 * The fault sweep.  change() is one transaction: two rows appended to
 * members.csv, aid.csv rewritten.  Run once to count its calls, then once
 * for each call failing (or crashing there); after recovery the three
 * files must be exactly as before or exactly as after, the journal
 * without fault, each file matching it, and a next transaction must
 * work.
 */
enum { CH_DONE = 0, CH_FAILED = 1, CH_REFUSED = 3 };

static int
change(const char *d)
{
	const char *cols[2] = { "aid", "status" };
	struct txn *x;
	struct out *m, *a;

	if ((x = txn_begin(d, "union-test", "alice")) == NULL)
		return CH_REFUSED;
	if ((m = txn_append(x, "members.csv")) == NULL ||
	    (a = txn_rewrite(x, "aid.csv")) == NULL) {
		txn_abort(x);
		return CH_REFUSED;
	}
	row2(m, "2", "b");
	row2(m, "3", "c");
	out_header(a, 2, cols);
	row2(a, "A1", "approved");
	row2(a, "A2", "applied");
	txn_log(x, "add", "members.csv", "2..3", "enrolled 2");
	txn_log(x, "approve", "aid.csv", "A1", NULL);
	return txn_commit(x) == 0 ? CH_DONE : CH_FAILED;
}

static const char *const swept[] = { "members.csv", "aid.csv",
	"journal.csv", ".journal-state" };

static void
copy_dir(const char *from, const char *to)
{
	size_t i;

	mkdir(to, 0755);
	for (i = 0; i < NELEM(swept); i++)
		if (exists(from, swept[i])) {
			char *s = get(from, swept[i]);

			put(to, swept[i], s);
			free(s);
		}
}

/* in_child: run change(d) in a child with the fault armed; its status. */
static int
in_child(const char *d, long n, int err, int crash, int sticky,
    long *count)
{
	int status, fds[2];
	pid_t pid;

	if (pipe(fds) == -1)
		return -1;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY), r;

		dup2(null, 2);
		close(fds[0]);
		fault_arm("any", n, err, crash, sticky);
		r = change(d);
		*count = fault_count("any");
		fault_arm("any", 0, 0, 0, 0);
		(void)!write(fds[1], count, sizeof(*count));
		exit(r);
	}
	close(fds[1]);
	if (read(fds[0], count, sizeof(*count)) != sizeof(*count))
		*count = -1;
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return -1;
}

struct snapshot {
	char	*f[3];		/* members.csv, aid.csv, journal.csv */
};

static void
snap(const char *d, struct snapshot *s)
{
	size_t i;

	for (i = 0; i < 3; i++)
		s->f[i] = get(d, swept[i]);
}

static int
same(const struct snapshot *a, const struct snapshot *b, int nfiles)
{
	int i;

	for (i = 0; i < nfiles; i++)
		if (strcmp(a->f[i], b->f[i]) != 0)
			return 0;
	return 1;
}

static void
unsnap(struct snapshot *s)
{
	size_t i;

	for (i = 0; i < 3; i++)
		free(s->f[i]);
}

/* sweep_one: one faulty run; 1 when every property held. */
static int
sweep_one(const char *base, const struct snapshot *old,
    const struct snapshot *new, long n, int err, int crash, int sticky)
{
	char *d = scratch();
	struct snapshot now;
	long count;
	int st, fd, ok = 1, rec;

	copy_dir(base, d);
	st = in_child(d, n, err, crash, sticky, &count);
	if (crash ? st != FAULT_CRASH_STATUS : (st != CH_DONE &&
	    st != CH_FAILED && st != CH_REFUSED && st != EXIT_TROUBLE)) {
		fprintf(stderr, "sweep n=%ld err=%d crash=%d: status %d\n",
		    n, err, crash, st);
		ok = 0;
	}
	if (!crash && !sticky && st != CH_DONE) {	/* rolled back at once */
		snap(d, &now);
		if (!same(&now, old, 3) || exists(d, ".txn")) {
			fprintf(stderr, "sweep n=%ld err=%d: status %d but "
			    "not rolled back (%d%d%d%d)\n", n, err, st,
			    strcmp(now.f[0], old->f[0]) == 0,
			    strcmp(now.f[1], old->f[1]) == 0,
			    strcmp(now.f[2], old->f[2]) == 0, exists(d, ".txn"));
			ok = 0;
		}
		unsnap(&now);
	}
	cap_begin();
	fd = datadir_lock(d);
	rec = datadir_recover(d);
	datadir_unlock(fd);
	free(cap_end());
	snap(d, &now);
	if (rec == -1 || !(same(&now, old, 3) || same(&now, new, 3)) ||
	    exists(d, ".txn") || exists(d, "aid.csv.tmp") || faults(d) != 0 ||
	    verified(d, "members.csv") != 1 || verified(d, "aid.csv") != 1) {
		fprintf(stderr, "sweep n=%ld err=%d crash=%d sticky=%d: "
		    "status %d, recover %d, not old nor new\n", n, err, crash,
		    sticky, st, rec);
		ok = 0;
	}
	unsnap(&now);
	if (change(d) != CH_DONE || faults(d) != 0 ||
	    verified(d, "members.csv") != 1 || verified(d, "aid.csv") != 1) {
		fprintf(stderr, "sweep n=%ld err=%d crash=%d: the next "
		    "transaction fails\n", n, err, crash);
		ok = 0;
	}
	free(d);
	return ok;
}

static void
test_fault_sweep(void)
{
	static const struct { int err, crash, sticky; } modes[] = {
		{ 0, 1, 0 }, { EIO, 0, 0 }, { ENOSPC, 0, 0 }, { ENOSPC, 0, 1 }
	};
	char *base = scratch(), *ref = scratch();
	struct snapshot old, new;
	long total = 0, n;
	size_t m;
	int bad = 0, runs = 0;

	put(base, "members.csv", "id,name\n1,a\n");
	put(base, "aid.csv", "aid,status\nA1,applied\n");
	CHECK_INT(journal_record(base, "union-test", "alice", "init",
	    "members.csv", NULL, NULL), 0);
	CHECK_INT(journal_record(base, "union-test", "alice", "init",
	    "aid.csv", NULL, NULL), 0);
	snap(base, &old);
	copy_dir(base, ref);
	CHECK_INT(in_child(ref, 0, 0, 0, 0, &total), CH_DONE);
	snap(ref, &new);
	CHECK(strcmp(old.f[0], new.f[0]) != 0 && strcmp(old.f[1],
	    new.f[1]) != 0 && strcmp(old.f[2], new.f[2]) != 0);
	CHECK(total > 15);		/* writes, fsyncs, renames counted */
	for (m = 0; m < NELEM(modes); m++)
		for (n = 1; n <= total; n++) {
			runs++;
			if (!sweep_one(base, &old, &new, n, modes[m].err,
			    modes[m].crash, modes[m].sticky))
				bad++;
		}
	CHECK_INT(bad, 0);
	CHECK_INT(runs, 4 * total);
	unsnap(&old);
	unsnap(&new);
	free(base);
	free(ref);
}

T_MAIN(
	scratch_setup();
	umask(022);
	test_resolve();
	test_find();
	test_commit_append();
	test_abort();
	test_append_rewrite();
	test_refusals();
	test_new_files_private();
	test_sm3();
	test_recover_uncommitted();
	test_recover_committed();
	test_exit_undoes();
	test_lock_blocks();
	test_lock_message();
	test_concurrent();
	test_fault_sweep();
	scratch_cleanup();
)
