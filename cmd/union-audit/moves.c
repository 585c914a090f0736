/*
 * moves.c - status moves since the last archive.  A file holds only
 * each record's present status, so a move DESIGN.md does not allow
 * (paid back to approved, a closed case reopened) shows only against
 * an earlier state: the newest archive made before the audited day.
 * Its aid and case statuses are kept by key (a few bytes a record).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

struct prevstate {
	char	*name;			/* the archive, "2026-11-24" */
	struct strmap *aid;		/* aid_id -> aid_statuses[i] + 1 */
	struct strmap *cases;		/* case_id -> case_statuses[i] + 1 */
};

/*
 * load_statuses: key -> index + 1 of the status in list, for the
 * archived copy of table file in archive directory adir.
 */
static struct strmap *
load_statuses(const char *adir, const char *file, const char *keycol,
    const char *const *list, enum encoding enc)
{
	struct tbl_opts o = { 0, enc, 0 };
	const struct field *f;
	struct strmap *m;
	struct table *t;
	char *path;
	int k, s, i;

	if ((path = find_table(adir, file)) == NULL)
		return NULL;
	t = tbl_open(path, &o);
	free(path);
	if (t == NULL)
		return NULL;
	k = tbl_col(t, keycol);
	s = tbl_col(t, "status");
	m = strmap_new();
	while (k >= 0 && s >= 0 && (i = tbl_next(t)) != TBL_EOF &&
	    i != TBL_FATAL) {
		if (i != TBL_ROW)
			continue;
		f = tbl_fields(t);
		if ((i = enum_index(list, f[s].s, f[s].len)) >= 0)
			*strmap_put(m, f[k].s, f[k].len, NULL) =
			    (void *)(uintptr_t)(i + 1);
	}
	tbl_close(t);
	return m;
}

void
prevstate_load(struct audit *a)
{
	char today[11], *root, *adir, **names;
	struct prevstate *p;
	size_t i;

	if (!ENABLED(a, CK_AID_STATE_MOVE) && !ENABLED(a, CK_CASE_STATE_MOVE))
		return;
	date_fmt(a->cli.today, today);
	root = archive_root(a->dir);
	names = archive_list(root);
	for (i = 0; names && names[i]; i++)
		if (strncmp(names[i], today, 10) < 0)
			break;
	if (names && names[i]) {
		p = a->prev = xcalloc(1, sizeof(*p));
		p->name = xstrdup(names[i]);
		adir = xasprintf("%s/%s", root, names[i]);
		p->aid = load_statuses(adir, "aid.csv", "aid_id", aid_statuses,
		    a->cli.encoding);
		p->cases = load_statuses(adir, "cases.csv", "case_id",
		    case_statuses, a->cli.encoding);
		free(adir);
	}
	free_strings(names);
	free(root);
}

const char *
prev_status(const struct audit *a, const char *file, const char *key,
    size_t n)
{
	int aid = strcmp(file, "aid.csv") == 0;
	struct strmap *m;
	void **slot;

	if (a->prev == NULL)
		return NULL;
	m = aid ? a->prev->aid : a->prev->cases;
	if (m == NULL || (slot = strmap_get(m, key, n)) == NULL)
		return NULL;
	return (aid ? aid_statuses : case_statuses)[(uintptr_t)*slot - 1];
}

const char *
prev_archive_name(const struct audit *a)
{
	return a->prev ? a->prev->name : "";
}

void
prevstate_free(struct prevstate *p)
{
	if (p == NULL)
		return;
	strmap_free(p->aid);
	strmap_free(p->cases);
	free(p->name);
	free(p);
}
