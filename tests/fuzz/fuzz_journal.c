/*
 * fuzz_journal.c - the journal's reader and verifier (journal_walk) and
 * its state cache (jstate_read), in a scratch data directory.
 *
 * First byte even: the rest is a journal.csv as found on disk; a byte
 * 0x1E cuts it, and what follows is the .journal-state cache.
 * Invariants: journal_walk returns the number of faults it reported
 * (or -1 for a file that is not a journal), every fault has a line and
 * a message, entries come in line order with a sequence number from 1,
 * and faults in line order except those known only at the end.
 *
 * First byte odd: the rest, cut at NUL bytes, is the text of entries
 * (time, user, tool, action, file, key, detail; a byte of the detail
 * picks chain and digest).  They are written with journal_format, as
 * the tools write them, and journal_walk must find no fault and give
 * back every field as written (text that is not UTF-8 mended to it).
 * The state the writing left is saved with jstate_save and must read
 * back the same with jstate_read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "store.h"

#define MAXENTRIES	64

struct walked {
	long	 lastline;	/* of the last entry */
	long	 faultline;	/* of the last fault told in order */
	int	 faults;
	const struct jentry *want;	/* round trip: what was written */
	size_t	 nwant, n;
};

static void
field_eq(const char *got, const char *want)
{
	if (utf8_valid(want, strlen(want)))
		FUZZ_CHECK(strcmp(got, want) == 0);
	else
		FUZZ_CHECK(utf8_valid(got, strlen(got)));
}

static void
on_entry(void *arg, const struct jentry *e)
{
	struct walked *w = arg;
	const struct jentry *x;

	FUZZ_CHECK(e->seq >= 1 && e->line > w->lastline && e->line >= 2);
	w->lastline = e->line;
	if (w->want == NULL)
		return;
	FUZZ_CHECK(w->n < w->nwant);
	x = &w->want[w->n++];
	FUZZ_CHECK(e->seq == x->seq);
	field_eq(e->time, x->time);
	field_eq(e->user, x->user);
	field_eq(e->tool, x->tool);
	field_eq(e->action, x->action);
	field_eq(e->file, x->file);
	field_eq(e->key, x->key);
	field_eq(e->detail, x->detail);
	FUZZ_CHECK(strcmp(e->chain, x->chain) == 0);
	FUZZ_CHECK(strcmp(e->digest, x->digest) == 0);
	FUZZ_CHECK(strcmp(e->hash, x->hash) == 0);
	FUZZ_CHECK(*x->digest == '\0' || e->size == x->size);
}

static void
on_fault(void *arg, long line, const char *msg)
{
	struct walked *w = arg;

	FUZZ_CHECK(line >= 1 && msg != NULL && *msg != '\0');
	w->faults++;
	if (strstr(msg, "deleted") != NULL || strstr(msg, "removed") != NULL)
		return;
	FUZZ_CHECK(line >= w->faultline);
	w->faultline = line;
}

static void
raw(const uint8_t *p, size_t n)
{
	const uint8_t *cut = memchr(p, 0x1E, n);
	struct walked w;
	struct jstate st;
	int r;

	fuzz_put(JOURNAL_FILE, p, cut ? (size_t)(cut - p) : n, 0);
	if (cut != NULL)
		fuzz_put(STATE_FILE, cut + 1, n - (size_t)(cut - p) - 1, 0);
	else
		fuzz_drop(STATE_FILE);
	memset(&w, 0, sizeof(w));
	r = journal_walk(fuzz_scratch(), on_entry, on_fault, &w);
	FUZZ_CHECK(r == -1 || r == w.faults);
	if (jstate_read(fuzz_scratch(), &st) == 0) {
		FUZZ_CHECK(st.algo[0] != '\0');
		jstate_free(&st);
	}
}

/* next: the next NUL-terminated string of p[0..n), or "" past the end. */
static const char *
next(const char **p, const char *end)
{
	const char *s = *p;

	if (s >= end)
		return "";
	*p += strlen(s) + 1;
	return s;
}

static const char *const files[] = { "members.csv", "aid.csv",
	"unions.csv", "cases.csv" };

static void
same_state(const struct jstate *a, const struct jstate *b)
{
	const struct jfile *f;
	size_t i;

	FUZZ_CHECK(strcmp(a->algo, b->algo) == 0 && a->seq == b->seq);
	FUZZ_CHECK(strcmp(a->hash, b->hash) == 0 && a->jsize == b->jsize);
	FUZZ_CHECK(a->nfiles == b->nfiles);
	for (i = 0; i < a->nfiles; i++) {
		f = jstate_file(b, a->files[i].name);
		FUZZ_CHECK(f != NULL && f->size == a->files[i].size);
		FUZZ_CHECK(strcmp(f->digest, a->files[i].digest) == 0);
	}
}

static void
round_trip(int algo, const char *p, size_t n)
{
	static struct jentry e[MAXENTRIES];
	static char hashes[MAXENTRIES][HASH_TEXT_MAX];
	static char digests[MAXENTRIES][HASH_TEXT_MAX];
	const char *end = p + n;
	struct jstate st, back;
	struct hasher *h;
	struct buf b = {0};
	struct walked w;
	size_t k = 0;
	int pick;

	memset(&st, 0, sizeof(st));
	snprintf(st.algo, sizeof(st.algo), "%s", algo ? "sm3" : "sha256");
	FUZZ_CHECK((h = hasher_new(st.algo)) != NULL);
	buf_adds(&b, journal_header());
	while (p < end && k < MAXENTRIES) {
		memset(&e[k], 0, sizeof(e[k]));
		e[k].time = next(&p, end);
		e[k].user = next(&p, end);
		e[k].tool = next(&p, end);
		e[k].action = next(&p, end);
		e[k].file = files[strlen(e[k].action) % NELEM(files)];
		e[k].key = next(&p, end);
		e[k].detail = next(&p, end);
		pick = (unsigned char)e[k].detail[0] % 3;
		e[k].chain = pick == 0 ? "" : pick == 1 ? "start" : "extend";
		e[k].digest = "";
		if (pick != 0) {
			hasher_update(h, e[k].detail, strlen(e[k].detail));
			hasher_final(h, digests[k]);
			e[k].digest = digests[k];
			e[k].size = strlen(e[k].key) * 1000003ULL;
			jstate_set_file(&st, e[k].file, e[k].size, digests[k]);
		}
		journal_format(&b, &st, &e[k], hashes[k]);
		k++;
	}
	hasher_free(h);
	fuzz_put(JOURNAL_FILE, b.s, b.len, 0);
	fuzz_drop(STATE_FILE);
	st.jsize = b.len;
	memset(&w, 0, sizeof(w));
	w.want = e;
	w.nwant = k;
	FUZZ_CHECK(journal_walk(fuzz_scratch(), on_entry, on_fault, &w) == 0);
	FUZZ_CHECK(w.faults == 0 && w.n == k);
	FUZZ_CHECK(jstate_save(fuzz_scratch(), &st) == 0);
	FUZZ_CHECK(jstate_read(fuzz_scratch(), &back) == 0);
	same_state(&st, &back);
	jstate_free(&back);
	jstate_free(&st);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	fuzz_setup();
	if (size < 1 || size > 64 * 1024)
		return 0;
	if (!(data[0] & 1)) {
		raw(data + 1, size - 1);
		return 0;
	}
	/* NUL-terminated copy, so that the last string ends too */
	text = xmalloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	round_trip(data[0] & 2, text, size - 1);
	free(text);
	return 0;
}
