/*
 * journal.c - the journal's hash chain from the first entry to the
 * last, and every data file against the journal's last recorded state
 * of it: a file changed behind the tools' back is a finding until
 * someone accepts it (union-audit accept).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"

const char *const data_files[] = {
	"unions.csv", "programs.csv", "members.csv", "enterprises.csv",
	"aid.csv", "cases.csv", NULL
};

static void
on_fault(void *arg, long line, const char *msg)
{
	finding(arg, CK_JOURNAL_CHAIN, JOURNAL_FILE, line, "", 0, "%s", msg);
}

static void
on_entry(void *arg, const struct jentry *e)
{
	(void)arg;
	(void)e;
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
check_journal(struct audit *a)
{
	char *path = datadir_path(a->dir, JOURNAL_FILE);
	size_t i;
	int exists = access(path, F_OK) == 0;

	free(path);
	if (!exists) {
		finding(a, CK_MISSING_FILE, JOURNAL_FILE, 0, "", 0,
		    "no %s in the data directory", JOURNAL_FILE);
		return;
	}
	if (!ENABLED(a, CK_JOURNAL_CHAIN) && !ENABLED(a, CK_JOURNAL_STATE) &&
	    !ENABLED(a, CK_JOURNAL_UNTRACKED))
		return;
	if (journal_walk(a->dir, on_entry, on_fault, a) < 0) {
		finding(a, CK_UNREADABLE, JOURNAL_FILE, 0, "", 0,
		    "the journal cannot be read");
		return;		/* no states to compare the files with */
	}
	a->files++;
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
