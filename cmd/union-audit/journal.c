/*
 * journal.c - the journal's hash chain from the first entry to the
 * last, and every data file against the journal's last recorded state
 * of it: a file changed behind the tools' back is a finding until
 * someone accepts it (union-audit accept).  The journal is read before
 * the tables: its leave and transfer entries say when a membership
 * ended, which aid.csv is checked against.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"

static void
on_fault(void *arg, long line, const char *msg)
{
	finding(arg, CK_JOURNAL_CHAIN, JOURNAL_FILE, line, "", 0, "%s", msg);
}

/*
 * ended_on: the day a membership ended, from a union-enroll leave or
 * transfer entry ("left on 2026-01-20", "transferred to U000009 as
 * M00000042 on 2026-03-01"); INT32_MIN when the entry says none (or
 * "retained on ...": still a member).
 */
static int32_t
ended_on(const struct jentry *e)
{
	const char *on, *why;
	size_t n;
	int32_t day;

	if (strcmp(e->file, "members.csv") != 0 || e->detail == NULL ||
	    (strcmp(e->action, "leave") != 0 &&
	    strcmp(e->action, "transfer") != 0) ||
	    strncmp(e->detail, "retained ", 9) == 0)
		return INT32_MIN;
	n = strlen(e->detail);
	if (n < 14 || (on = e->detail + n - 14, strncmp(on, " on ", 4) != 0))
		return INT32_MIN;
	return date_parse(on + 4, 10, &day, &why) == 0 ? day : INT32_MIN;
}

/*
 * note_moved: from a transfer entry ("transferred to U000009 as
 * M00000042 on 2026-03-01"), the member_id the person continued as.
 */
static void
note_moved(struct audit *a, const struct jentry *e)
{
	const char *as, *end;
	size_t off;

	if (strcmp(e->action, "transfer") != 0 ||
	    (as = strstr(e->detail, " as ")) == NULL)
		return;
	as += 4;
	end = e->detail + strlen(e->detail) - 14;	/* " on YYYY-MM-DD" */
	if (end <= as)
		return;
	off = buf_keep(&a->movedto, as, (size_t)(end - as));
	if (a->moved == NULL)
		a->moved = strmap_new();
	*strmap_put(a->moved, e->key, strlen(e->key), NULL) =
	    (void *)(uintptr_t)(off + 1);
}

/* on_entry: remember when each membership ended, and transfers. */
static void
on_entry(void *arg, const struct jentry *e)
{
	struct audit *a = arg;
	int32_t day;

	if (e->file == NULL || e->action == NULL || e->key == NULL ||
	    *e->key == '\0' || (day = ended_on(e)) == INT32_MIN)
		return;
	if (a->ended == NULL)
		a->ended = strmap_new();
	*strmap_put(a->ended, e->key, strlen(e->key), NULL) =
	    (void *)(uintptr_t)(uint32_t)day;
	note_moved(a, e);
}

int32_t
member_ended_on(const struct audit *a, const char *id, size_t n)
{
	void **slot;

	if (a->ended == NULL || (slot = strmap_get(a->ended, id, n)) == NULL)
		return INT32_MIN;
	return (int32_t)(uint32_t)(uintptr_t)*slot;
}

const char *
member_moved_to(const struct audit *a, const char *id, size_t n)
{
	void **slot;

	if (a->moved == NULL || (slot = strmap_get(a->moved, id, n)) == NULL)
		return NULL;
	return a->movedto.s + ((uintptr_t)*slot - 1);
}

/* verify_file: one data file against the journal's last state of it. */
static void
verify_file(struct audit *a, const char *file)
{
	const char *why = NULL;
	char *path = datadir_path(a->dir, file);
	int r;

	if (access(path, F_OK) != 0) {
		free(path);
		return;		/* missing or .tsv/.gz: not a tools' file */
	}
	free(path);
	r = file_verify(a->dir, file, &why);
	if (r == 0)
		finding(a, CK_JOURNAL_STATE, file, 0, "", 0,
		    "changed behind the tools' back: %s",
		    why ? why : "content differs from the journal");
	else if (r == 2)
		finding(a, CK_JOURNAL_UNTRACKED, file, 0, "", 0,
		    "the journal has no entry for this file");
}

void
read_journal(struct audit *a)
{
	char *path = datadir_path(a->dir, JOURNAL_FILE);
	int exists = access(path, F_OK) == 0;

	free(path);
	a->journal_ok = 0;
	if (!exists) {
		finding(a, CK_MISSING_FILE, JOURNAL_FILE, 0, "", 0,
		    "no %s in the data directory", JOURNAL_FILE);
		return;
	}
	if (journal_walk(a->dir, on_entry, on_fault, a) < 0) {
		finding(a, CK_UNREADABLE, JOURNAL_FILE, 0, "", 0,
		    "the journal cannot be read");
		return;
	}
	a->files++;
	a->journal_ok = 1;
}

void
verify_files(struct audit *a)
{
	size_t i;

	if (!a->journal_ok)
		return;		/* no states to compare the files with */
	if (!ENABLED(a, CK_JOURNAL_STATE) && !ENABLED(a, CK_JOURNAL_UNTRACKED))
		return;
	for (i = 0; data_files[i]; i++)
		verify_file(a, data_files[i]);
}

/* ---- the last state of each file, for accept and archive ---- */

struct statectx {
	struct jstate *v;
	size_t	 n, cap;
};

static void
keep_state(void *arg, const struct jentry *e)
{
	struct statectx *c = arg;
	struct jstate *s = NULL;
	size_t i;

	if (e->file == NULL || e->file[0] == '\0' ||
	    strlen(e->file) >= sizeof(s->file))
		return;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].file, e->file) == 0)
			s = &c->v[i];
	if (s == NULL) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 8;
			c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
		}
		s = &c->v[c->n++];
		snprintf(s->file, sizeof(s->file), "%s", e->file);
	}
	s->size = e->size;
	snprintf(s->digest, sizeof(s->digest), "%s", e->digest ? e->digest : "");
	s->seq = e->seq;
}

static void
ignore_fault(void *arg, long line, const char *msg)
{
	(void)arg;
	(void)line;
	(void)msg;
}

struct jstate *
journal_states(const char *dir, size_t *n)
{
	struct statectx c = { NULL, 0, 0 };

	if (journal_walk(dir, keep_state, ignore_fault, &c) < 0) {
		free(c.v);
		return NULL;
	}
	*n = c.n;
	if (c.v == NULL)
		c.v = xcalloc(1, sizeof(*c.v));
	return c.v;
}

const struct jstate *
jstate_of(const struct jstate *s, size_t n, const char *file)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s[i].file, file) == 0)
			return &s[i];
	return NULL;
}
