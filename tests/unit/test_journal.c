/*
 * test_journal.c - the hashes (known answers), the journal's exact bytes
 * (checked against hashes computed independently, with Python's
 * hashlib), journal_walk's report of each kind of damage, file_verify
 * after appends and rewrites and after hand edits, and journal_record.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "t.h"
#include "store.h"

static char root[] = "/tmp/test_journal.XXXXXX";
#include "tstore.h"

static void
row1(struct out *o, const char *a)
{
	out_row(o, 1, &a);
}

/* hash_of: "ALGO:HEX" of s. */
static const char *
hash_of(const char *algo, const char *s)
{
	static char out[HASH_TEXT_MAX];
	struct hasher *h = hasher_new(algo);

	if (h == NULL)
		return "(no hasher)";
	hasher_update(h, s, strlen(s));
	hasher_final(h, out);
	hasher_free(h);
	return out;
}

static void
test_hash(void)
{
	struct hasher *h;
	char out[HASH_TEXT_MAX], algo[8];

	CHECK_STR(hash_of("sha256", "abc"), "sha256:ba7816bf8f01cfea414140de"
	    "5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK_STR(hash_of("sha256", ""), "sha256:e3b0c44298fc1c149afbf4c8996f"
	    "b92427ae41e4649b934ca495991b7852b855");
	CHECK_STR(hash_of("sm3", "abc"), "sm3:66c7f0f462eeedd9d1f2d46bdc10e4e2"
	    "4167c4875cf2f7a2297da02b8f4ba8e0");
	CHECK(hasher_new("md5") == NULL);
	CHECK(hasher_new("sha512") == NULL);	/* would not fit the texts */
	CHECK(hasher_new("SHA256") == NULL);
	CHECK(hasher_new(NULL) == NULL);

	/* pieces hash as the whole; the hasher starts again after final */
	h = hasher_new("sha256");
	hasher_update(h, "a", 1);
	hasher_update(h, "", 0);
	hasher_update(h, "bc", 2);
	hasher_final(h, out);
	CHECK_STR(out, hash_of("sha256", "abc"));
	hasher_update(h, "abc", 3);
	hasher_final(h, out);
	CHECK_STR(out, hash_of("sha256", "abc"));
	hasher_free(h);
	hasher_free(NULL);

	CHECK_STR(hash_algo_of(hash_of("sha256", "x"), algo, sizeof(algo)),
	    "sha256");
	CHECK_STR(hash_algo_of(hash_of("sm3", "x"), algo, sizeof(algo)), "sm3");
	CHECK(hash_algo_of("md5:d41d8cd98f00b204e9800998ecf8427e", algo,
	    sizeof(algo)) == NULL);
	CHECK(hash_algo_of("sha256:abc", algo, sizeof(algo)) == NULL);
	CHECK(hash_algo_of("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A3"
	    "96177A9CB410FF61F20015AD", algo, sizeof(algo)) == NULL);
	CHECK(hash_algo_of("ba7816bf", algo, sizeof(algo)) == NULL);
	CHECK(hash_algo_of(hash_of("sha256", "x"), algo, 4) == NULL);
	CHECK(hash_algo_of(NULL, algo, sizeof(algo)) == NULL);
}

/* The journal's bytes, pinned: hashes computed with Python's hashlib
   from the formulas of journal.h. */
static const char pinned[] =
    "seq,time,user,tool,action,file,key,detail,chain,size,digest,hash\n"
    "1,2026-01-02T03:04:05Z,bob,gen-sample,init,g.csv,,generated,start,2,"
    "sha256:87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7,"
    "sha256:cb77ce586de67ff581f90f627d716df5210f36c37d4e15c2ea5c3f76f8f687ff\n"
    "2,2026-01-02T03:04:05Z,bob,union-audit,accept,g.csv,,"
    "\"hand edit, \"\"b\"\"\",start,4,"
    "sha256:911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2,"
    "sha256:33408a3e35def8869cfab5a676c753b48c32a7d891534c11b360ba271a3e34da\n"
    "3,2026-01-02T03:04:05Z,carol,union-enroll,add,g.csv,c,,extend,6,"
    "sha256:3cef5eefed0bde5599c094d5b288e6cf0bddaa843516462d1d5610a3ea6dc990,"
    "sha256:b462d53dddfe99a41ba36f22e564a251a8e283be980ce3d71227196ac1d8551a\n";

static void
test_pinned_bytes(void)
{
	char *d = scratch(), *j;
	const char *why;
	struct txn *x;

	put(d, "g.csv", "a\n");
	CHECK_INT(journal_record(d, "gen-sample", "bob", "init", "g.csv", NULL,
	    "generated"), 0);
	CHECK_INT(file_verify(d, "g.csv", &why), 1);
	put(d, "g.csv", "a\nb\n");		/* a hand edit */
	CHECK_INT(file_verify(d, "g.csv", &why), 0);
	CHECK_STR(why, "size 4 differs from the journal's 2: bytes added after "
	    "entry 1");
	CHECK_INT(journal_record(d, "union-audit", "bob", "accept", "g.csv",
	    NULL, "hand edit, \"b\""), 0);
	CHECK_INT(file_verify(d, "g.csv", &why), 1);
	x = txn_begin(d, "union-enroll", "carol");
	row1(txn_append(x, "g.csv"), "c");
	txn_log(x, "add", "g.csv", "c", NULL);
	CHECK_INT(txn_commit(x), 0);
	j = get(d, "journal.csv");
	CHECK_STR(j, pinned);
	free(j);
	CHECK_INT(file_verify(d, "g.csv", &why), 1);
	CHECK_INT(journal_walk(d, NULL, NULL, NULL), 0);
	free(d);
}

/* The walk's faults, collected as "LINE: message" lines. */
static void
collect_fault(void *arg, long line, const char *msg)
{
	buf_printf(arg, "%ld: %s\n", line, msg);
}

struct seen {
	struct buf b;
	int	 n;
};

static void
collect_entry(void *arg, const struct jentry *e)
{
	struct seen *s = arg;

	s->n++;
	buf_printf(&s->b, "%ld@%ld %s %s %s %llu %d\n", e->seq, e->line,
	    e->action, e->file, e->chain, e->size, e->resets);
}

/* five: a journal of five entries about m.csv: created, two appends, a
   rewrite, an append.  The file ends as "h\nX\n3\n". */
static char *
five(void)
{
	const char *h = "h";
	char *d = scratch();
	struct txn *x;

	x = txn_begin(d, "union-test", "alice");
	out_header(txn_create(x, "m.csv"), 1, &h);
	txn_log(x, "init", "m.csv", NULL, "detail1");
	CHECK_INT(txn_commit(x), 0);
	x = txn_begin(d, "union-test", "alice");
	row1(txn_append(x, "m.csv"), "1");
	txn_log(x, "add", "m.csv", "1", "detail2");
	CHECK_INT(txn_commit(x), 0);
	x = txn_begin(d, "union-test", "alice");
	row1(txn_append(x, "m.csv"), "2");
	txn_log(x, "add", "m.csv", "2", "detail3");
	CHECK_INT(txn_commit(x), 0);
	x = txn_begin(d, "union-test", "alice");
	out_header(txn_rewrite(x, "m.csv"), 1, &h);
	row1(txn_rewrite(x, "m.csv"), "X");
	txn_log(x, "rewrite", "m.csv", NULL, "detail4");
	CHECK_INT(txn_commit(x), 0);
	x = txn_begin(d, "union-test", "alice");
	row1(txn_append(x, "m.csv"), "3");
	txn_log(x, "add", "m.csv", "3", "detail5");
	CHECK_INT(txn_commit(x), 0);
	return d;
}

/* Text that is not UTF-8 (a GBK name passed through) is mended, so that
   the journal stays readable. */
static void
test_not_utf8(void)
{
	char *d = scratch(), *j;
	struct txn *x;

	put(d, "g.csv", "a\n");
	x = txn_begin(d, "union-test", "alice");
	txn_log(x, "note", NULL, "\xd5\xc5\xc8\xfd", "ok \xe5\xbc\xa0 \xff");
	CHECK_INT(txn_commit(x), 0);
	j = get(d, "journal.csv");
	CHECK(strstr(j, ",note,,\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd,ok \xe5\xbc\xa0 \xef\xbf\xbd,,,,sha256:") != NULL);
	free(j);
	CHECK_INT(journal_walk(d, NULL, NULL, NULL), 0);
	free(d);
}

static void
test_walk_intact(void)
{
	char *d = five(), *m;
	struct seen s = { {0}, 0 };

	CHECK_INT(journal_walk(d, collect_entry, collect_fault, &s), 0);
	CHECK_INT(s.n, 5);
	CHECK_STR(buf_cstr(&s.b),
	    "1@2 init m.csv start 2 1\n"
	    "2@3 add m.csv extend 4 0\n"
	    "3@4 add m.csv extend 6 0\n"
	    "4@5 rewrite m.csv start 4 1\n"
	    "5@6 add m.csv extend 6 0\n");
	m = get(d, "m.csv");
	CHECK_STR(m, "h\nX\n3\n");
	free(m);
	buf_free(&s.b);
	free(d);
}

/* Journal text surgery: lines numbered from 1 (the header). */
struct lines {
	char	*v[16];
	int	 n;
};

static void
split_lines(const char *text, struct lines *l)
{
	const char *p = text, *nl;

	l->n = 0;
	while (*p != '\0' && l->n < 16) {
		nl = strchr(p, '\n');
		l->v[++l->n - 1] = xstrndup(p, nl ? (size_t)(nl - p + 1) :
		    strlen(p));
		p = nl ? nl + 1 : p + strlen(p);
	}
}

static char *
join_lines(const struct lines *l)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < l->n; i++)
		if (l->v[i] != NULL)
			buf_adds(&b, l->v[i]);
	return b.s;
}

static void
free_lines(struct lines *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
}

/* damaged: the faults journal_walk reports for a journal text (with
   .journal-state copied from src when keep_state). */
static char *
damaged(const char *src, const char *text, int keep_state, int *nfaults)
{
	char *d = scratch(), *st;
	struct buf b = {0};

	put(d, "journal.csv", text);
	if (keep_state) {
		st = get(src, ".journal-state");
		put(d, ".journal-state", st);
		free(st);
	}
	*nfaults = journal_walk(d, NULL, collect_fault, &b);
	free(d);
	return b.s ? b.s : xstrdup("");
}

#define CHECK_DAMAGE(text, keep, n, want) do { \
	int nf_; \
	char *got_ = damaged(d, text, keep, &nf_); \
	CHECK_INT(nf_, n); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void
swap(struct lines *l, int a, int b)
{
	char *t = l->v[a - 1];

	l->v[a - 1] = l->v[b - 1];
	l->v[b - 1] = t;
}

static void
test_walk_damage(void)
{
	char *d = five(), *orig = get(d, "journal.csv"), *text, *p;
	struct lines l;

	/* an edited entry: only its own hash breaks */
	text = xstrdup(orig);
	p = strstr(text, "detail3");
	*p = 'D';
	CHECK_DAMAGE(text, 0, 1, "4: hash does not match the entry: edited\n");
	free(text);

	/* a deleted entry */
	split_lines(orig, &l);
	free(l.v[3]);
	l.v[3] = NULL;
	text = join_lines(&l);
	CHECK_DAMAGE(text, 0, 1, "4: sequence jumps from 2 to 4: entry 3 "
	    "deleted\n");
	free(text);
	free(l.v[2]);
	l.v[2] = NULL;
	text = join_lines(&l);
	CHECK_DAMAGE(text, 0, 1, "3: sequence jumps from 1 to 4: entries 2 to "
	    "3 deleted\n");
	free(text);
	free_lines(&l);

	/* the first entry deleted */
	split_lines(orig, &l);
	free(l.v[1]);
	l.v[1] = NULL;
	text = join_lines(&l);
	CHECK_DAMAGE(text, 0, 1, "2: journal starts at entry 2: entry 1 "
	    "deleted\n");
	free(text);
	free_lines(&l);

	/* two entries swapped */
	split_lines(orig, &l);
	swap(&l, 4, 5);
	text = join_lines(&l);
	CHECK_DAMAGE(text, 0, 1, "5: entry 3 comes after entry 4: entries "
	    "reordered\n");
	free(text);
	/* the last entry moved to the front */
	swap(&l, 4, 5);
	swap(&l, 2, 6);
	swap(&l, 3, 6);
	swap(&l, 4, 6);
	swap(&l, 5, 6);
	text = join_lines(&l);
	CHECK_DAMAGE(text, 0, 5, "2: journal starts at entry 5: entries 1 to 4 "
	    "deleted\n"
	    "3: entry 1 comes after entry 5: entries reordered\n"
	    "4: entry 2 comes after entry 5: entries reordered\n"
	    "5: entry 3 comes after entry 5: entries reordered\n"
	    "6: entry 4 comes after entry 5: entries reordered\n");
	free(text);
	free_lines(&l);

	/* an entry copied twice */
	split_lines(orig, &l);
	l.v[l.n++] = xstrdup(l.v[4]);
	swap(&l, 6, 7);
	text = join_lines(&l);
	CHECK_DAMAGE(text, 0, 1, "6: entry 4 appears twice\n");
	free(text);
	free_lines(&l);

	/* a line that is no entry, and an entry whose seq is garbled */
	split_lines(orig, &l);
	free(l.v[3]);
	l.v[3] = xstrdup("hello,world\n");
	text = join_lines(&l);
	CHECK_DAMAGE(text, 0, 2, "4: not a journal entry: expected 12 fields, "
	    "found 2\n"
	    "5: sequence jumps from 2 to 4: entry 3 deleted\n");
	free(text);
	free_lines(&l);
	split_lines(orig, &l);
	l.v[3][0] = 'x';
	text = join_lines(&l);
	CHECK_DAMAGE(text, 0, 2, "4: not a journal entry: seq is not a number "
	    "from 1\n"
	    "5: sequence jumps from 2 to 4: entry 3 deleted\n");
	free(text);
	free_lines(&l);

	/* a journal cut in its last line; then a whole entry short of what
	   .journal-state says was written */
	text = xstrndup(orig, strlen(orig) - 20);
	CHECK_DAMAGE(text, 0, 1, "6: last entry is cut short: journal "
	    "truncated\n");
	free(text);
	text = xstrndup(orig, strlen(orig) - 1);
	CHECK_DAMAGE(text, 0, 1, "6: last entry is cut short: journal "
	    "truncated\n");
	free(text);
	split_lines(orig, &l);
	free(l.v[5]);
	l.v[5] = NULL;
	text = join_lines(&l);
	CHECK_DAMAGE(text, 1, 1, "6: journal ends at entry 4 but entry 5 was "
	    "written: entries removed from the end\n");
	CHECK_DAMAGE(text, 0, 0, "");	/* without the cache: not seen */
	free(text);
	free_lines(&l);
	free(orig);
	free(d);
}

static void
test_walk_unreadable(void)
{
	char *d = scratch(), *m, *want;

	cap_begin();
	CHECK_INT(journal_walk(d, NULL, NULL, NULL), -1);
	CHECK_INT(errno, ENOENT);
	m = cap_end();
	want = xasprintf("unit: %s/journal.csv: No such file or directory\n", d);
	CHECK_STR(m, want);
	free(m);
	free(want);

	put(d, "journal.csv", "seq,time,user\n1,2,3\n");
	cap_begin();
	CHECK_INT(journal_walk(d, NULL, NULL, NULL), -1);
	m = cap_end();
	want = xasprintf("unit: %s/journal.csv: not a journal: the header is "
	    "not seq,time,user,tool,action,file,key,detail,chain,size,digest,"
	    "hash\n", d);
	CHECK_STR(m, want);
	free(m);
	free(want);

	/* a commit refuses a journal whose last line is torn */
	put(d, "journal.csv", "seq,time,user,tool,action,file,key,detail,chain,"
	    "size,digest,hash\n1,2");
	cap_begin();
	CHECK(txn_begin(d, "union-test", "alice") == NULL);
	m = cap_end();
	CHECK_STR(m, "unit: journal.csv: last line has no newline (torn "
	    "write?); run union-audit\n");
	free(m);
	free(d);
}

static void
check_verify(const char *d, const char *file, int want, const char *why)
{
	const char *got;

	CHECK_INT(file_verify(d, file, &got), want);
	CHECK_STR(got, why);
}

static void
test_file_verify(void)
{
	char *d = five(), *m, *want;

	check_verify(d, "m.csv", 1, "");
	put(d, "m.csv", "h\nY\n3\n");
	check_verify(d, "m.csv", 0, "content differs from the journal in bytes "
	    "0 to 3 (entry 4)");
	put(d, "m.csv", "h\nX\n4\n");
	check_verify(d, "m.csv", 0, "content differs from the journal in bytes "
	    "4 to 5 (entry 5)");
	put(d, "m.csv", "h\nX\n3\n4\n");
	check_verify(d, "m.csv", 0, "size 8 differs from the journal's 6: "
	    "bytes added after entry 5");
	put(d, "m.csv", "h\nX\n");
	check_verify(d, "m.csv", 0, "size 4 differs from the journal's 6: the "
	    "end is cut off");
	put(d, "m.csv", "h\nY\n");
	check_verify(d, "m.csv", 0, "content differs from the journal in bytes "
	    "0 to 3 (entry 4); size 4 differs from the journal's 6");
	put(d, "m.csv", "h\nX\n3\n");
	check_verify(d, "m.csv", 1, "");
	check_verify(d, "other.csv", 2, "the journal has no entry for it");

	put(d, "gone.csv", "g\n");
	CHECK_INT(journal_record(d, "union-test", "alice", "init", "gone.csv",
	    NULL, NULL), 0);
	check_verify(d, "gone.csv", 1, "");
	want = datadir_path(d, "gone.csv");
	unlink(want);
	free(want);
	cap_begin();
	CHECK_INT(file_verify(d, "gone.csv", (const char **)&m), -1);
	m = cap_end();
	want = xasprintf("unit: %s/gone.csv: No such file or directory\n", d);
	CHECK_STR(m, want);
	free(m);
	free(want);
	free(d);

	d = scratch();
	put(d, "m.csv", "h\n");
	check_verify(d, "m.csv", 2, "the journal has no entry for it");
	free(d);
}

/* The cache of the journal's end: used when valid, rebuilt when stale or
   damaged, and a commit never leaves the journal and cache apart. */
static void
test_state_cache(void)
{
	char *d = five(), *st, *st2;
	struct txn *x;

	st = get(d, ".journal-state");
	CHECK(strncmp(st, "union-journal-state 1\nalgo sha256\njournal ",
	    42) == 0);
	CHECK(strstr(st, " m.csv\n") != NULL);
	/* damaged: rebuilt from the journal, to the same text */
	put(d, ".journal-state", "union-journal-state 1\ngarbage\n");
	x = txn_begin(d, "union-test", "alice");
	CHECK(x != NULL);
	txn_abort(x);
	st2 = get(d, ".journal-state");
	CHECK_STR(st2, st);
	free(st2);
	/* stale (a journal longer than it says): rebuilt as well */
	st2 = datadir_path(d, ".journal-state");
	unlink(st2);
	free(st2);
	x = txn_begin(d, "union-test", "alice");
	txn_abort(x);
	st2 = get(d, ".journal-state");
	CHECK_STR(st2, st);
	free(st2);
	free(st);
	x = txn_begin(d, "union-test", "alice");
	row1(txn_append(x, "m.csv"), "4");
	CHECK_INT(txn_commit(x), 0);
	CHECK_INT(journal_walk(d, NULL, NULL, NULL), 0);
	check_verify(d, "m.csv", 1, "");
	free(d);
}

/* The cache is evidence: a journal cut short, or deleted, is refused
   until the clerk restores it or removes the cache. */
static void
test_state_evidence(void)
{
	char *d = five(), *j = get(d, "journal.csv"), *m, *path;
	struct txn *x;

	put(d, "journal.csv", "");
	*strrchr(j, '\n') = '\0';
	*(strrchr(j, '\n') + 1) = '\0';	/* entry 5 removed */
	put(d, "journal.csv", j);
	cap_begin();
	CHECK(txn_begin(d, "union-test", "alice") == NULL);
	m = cap_end();
	CHECK_STR(m, "unit: journal.csv: ends at entry 4 but entry 5 was "
	    "written (.journal-state); restore it, or remove .journal-state to "
	    "go on\n");
	free(m);
	path = datadir_path(d, "journal.csv");
	unlink(path);
	free(path);
	cap_begin();
	CHECK(txn_begin(d, "union-test", "alice") == NULL);
	CHECK_INT(journal_record(d, "union-test", "alice", "accept", "m.csv",
	    NULL, NULL), -1);
	m = cap_end();
	CHECK_STR(m, "unit: journal.csv: missing, but entry 5 was written "
	    "(.journal-state); restore it, or remove .journal-state to start a "
	    "new journal\n"
	    "unit: journal.csv: missing, but entry 5 was written "
	    "(.journal-state); restore it, or remove .journal-state to start a "
	    "new journal\n");
	free(m);
	path = datadir_path(d, ".journal-state");
	unlink(path);
	free(path);
	x = txn_begin(d, "union-test", "alice");
	CHECK(x != NULL);
	txn_abort(x);
	free(j);
	free(d);
}

T_MAIN(
	scratch_setup();
	test_hash();
	test_pinned_bytes();
	test_not_utf8();
	test_walk_intact();
	test_walk_damage();
	test_walk_unreadable();
	test_file_verify();
	test_state_cache();
	test_state_evidence();
	scratch_cleanup();
)
