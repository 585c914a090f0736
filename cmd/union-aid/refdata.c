/*
 * refdata.c - the tables union-aid judges against but never writes:
 * members.csv (scanned once, keeping only the rows a command needs),
 * programs.csv and unions.csv (small, held whole).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

static struct table *
open_data(const char *dir, const char *name, const struct schema *s,
    struct binding *b)
{
	struct tbl_opts o = { 0, ENC_UTF8, 0 };
	struct table *t;
	char *path;

	if ((path = datadir_find(dir, name)) == NULL) {
		warnmsg("%s/%s.csv: no such file (is %s a data directory?)",
		    dir, name, dir);
		return NULL;
	}
	t = tbl_open(path, &o);
	free(path);
	if (t != NULL && schema_bind(s, t, b) != 0) {
		tbl_close(t);
		return NULL;
	}
	return t;
}

/* ---- members ---- */

enum { M_ID, M_NAME, M_IDNUM, M_PHONE, M_UNION, M_STATUS, M_HARDSHIP,
	M_JOIN, M_NCOLS };

static const char *const member_cols[M_NCOLS] = {
	"member_id", "name", "id_number", "phone", "union_id", "status",
	"hardship", "join_date"
};

static struct field
col_or_empty(const struct field *f, int idx)
{
	struct field e = { "", 0 };

	return idx >= 0 ? f[idx] : e;
}

/* member_copy: one allocation holding the struct and its strings. */
static struct member *
member_copy(const struct field *f, const int *idx)
{
	struct field v[M_NCOLS];
	struct member *m;
	char *p, **dst[M_NCOLS];
	size_t need = sizeof(*m);
	const char *why;
	int k;

	for (k = 0; k < M_NCOLS; k++) {
		v[k] = col_or_empty(f, idx[k]);
		need += v[k].len + 1;
	}
	m = xmalloc(need);
	dst[M_ID] = &m->id;
	dst[M_NAME] = &m->name;
	dst[M_IDNUM] = &m->idnum;
	dst[M_PHONE] = &m->phone;
	dst[M_UNION] = &m->union_id;
	dst[M_STATUS] = &m->status;
	dst[M_HARDSHIP] = &m->hardship;
	p = (char *)(m + 1);
	for (k = 0; k < M_JOIN; k++) {
		*dst[k] = p;
		memcpy(p, v[k].s, v[k].len);
		p[v[k].len] = '\0';
		p += v[k].len + 1;
	}
	if (date_parse(v[M_JOIN].s, v[M_JOIN].len, &m->join, &why) != 0)
		m->join = INT32_MIN;
	return m;
}

/*
 * member_view: the row seen as a member without copying it (strings
 * point into the reader's fields; join_date is not parsed), for keep().
 */
static void
member_view(struct member *m, const struct field *f, const int *idx)
{
	char **dst[M_JOIN] = { &m->id, &m->name, &m->idnum, &m->phone,
	    &m->union_id, &m->status, &m->hardship };
	int k;

	for (k = 0; k < M_JOIN; k++)
		*dst[k] = (char *)col_or_empty(f, idx[k]).s;
	m->join = INT32_MIN;
}

/*
 * scan_member: keep the current row if keep() (when given) says yes and
 * it is wanted: with key >= 0, when the map has that column's value as
 * a key still without a row; otherwise, by member_id, in a map of its own.
 */
static void
scan_member(struct strmap *map, const struct field *f, const int *idx,
    int key, int (*keep)(const struct member *m))
{
	struct field id;
	struct member view;
	void **slot;
	int isnew;

	if (keep != NULL) {
		member_view(&view, f, idx);
		if (!keep(&view))
			return;
	}
	if (key >= 0) {
		id = col_or_empty(f, idx[key]);
		slot = strmap_get(map, id.s, id.len);
		if (slot != NULL && *slot == NULL)
			*slot = member_copy(f, idx);
		return;
	}
	id = f[idx[M_ID]];
	slot = strmap_put(map, id.s, id.len, &isnew);
	if (isnew)
		*slot = member_copy(f, idx);
}

/* scan_members: members.csv once through scan_member; -1 after a message. */
static int
scan_members(const char *dir, struct strmap *map, int key,
    int (*keep)(const struct member *m))
{
	struct binding b;
	struct table *t;
	int idx[M_NCOLS], k, r;

	if ((t = open_data(dir, "members", &schema_members, &b)) == NULL)
		return -1;
	for (k = 0; k < M_NCOLS; k++)
		idx[k] = tbl_col(t, member_cols[k]);
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_FATAL) {
			tbl_perror(t);
			tbl_close(t);
			return -1;
		}
		if (r == TBL_ROW)
			scan_member(map, tbl_fields(t), idx, key, keep);
	}
	progress_end();
	tbl_close(t);
	return 0;
}

struct strmap *
members_load(const char *dir, struct strmap *want,
    int (*keep)(const struct member *m))
{
	struct strmap *map = want ? want : strmap_new();

	if (scan_members(dir, map, want ? M_ID : -1, want ? NULL : keep)
	    == 0)
		return map;
	if (want == NULL)
		members_free(map);
	return NULL;
}

int
members_current_of(const char *dir, struct strmap *persons)
{
	return scan_members(dir, persons, M_IDNUM, member_is_current);
}

struct member *
member_get(const struct strmap *m, const char *id)
{
	void **slot = strmap_get(m, id, strlen(id));

	return slot ? *slot : NULL;
}

static void
free_member(const char *key, size_t n, void *val, void *arg)
{
	(void)key;
	(void)n;
	(void)arg;
	free(val);
}

void
members_free(struct strmap *m)
{
	if (m == NULL)
		return;
	strmap_each(m, free_member, NULL);
	strmap_free(m);
}

int
member_is_current(const struct member *m)
{
	return strcmp(m->status, "active") == 0 ||
	    strcmp(m->status, "retained") == 0;
}

char *
member_unfit(const struct member *m, const char *id)
{
	if (m == NULL)
		return xasprintf("member %s not found", id);
	if (!member_is_current(m))
		return xasprintf("member %s is %s, not active or retained",
		    id, m->status);
	return NULL;
}

/* ---- programmes ---- */

static int64_t
money_or_none(struct field f)
{
	const char *why;
	int64_t v;

	if (f.len == 0 || money_parse(f.s, f.len, &v, &why) != 0)
		return -1;
	return v;
}

static void
program_from_row(struct program *p, const struct binding *b,
    const struct field *f)
{
	struct field v;
	size_t i;

	p->raw = xcalloc(b->s->ncols, sizeof(*p->raw));
	for (i = 0; i < b->s->ncols; i++) {
		v = binding_get(b, f, b->s->cols[i].name);
		p->raw[i] = xstrndup(v.s ? v.s : "", v.s ? v.len : 0);
	}
	p->name = xstrdup(p->raw[0]);
	p->title = xstrdup(binding_get(b, f, "title").s);
	p->max_award = money_or_none(binding_get(b, f, "max_award"));
	p->annual_cap = money_or_none(binding_get(b, f, "annual_cap"));
	p->budget = money_or_none(binding_get(b, f, "budget"));
	v = binding_get(b, f, "min_member_days");
	p->min_days = v.len ? strtol(v.s, NULL, 10) : 0;
	v = binding_get(b, f, "requires_hardship");
	p->requires_hardship = streqn(v.s, v.len, "yes");
	v = binding_get(b, f, "active");
	p->active = v.len == 0 || streqn(v.s, v.len, "yes");
}

struct pctx {
	const char *file;
	long	 line;
};

static void
program_problem(void *arg, const char *column, enum severity sev,
    const char *rule, const char *msg)
{
	struct pctx *cx = arg;

	(void)rule;
	if (sev == SEV_ERROR)
		warn_at(cx->file, cx->line, column, "%s", msg);
}

int
programs_load(struct programs *p, const char *dir, const struct cli *c)
{
	struct binding b;
	struct table *t;
	struct pctx cx;
	int r, bad = 0;

	memset(p, 0, sizeof(*p));
	if ((t = open_data(dir, "programs", &schema_programs, &b)) == NULL)
		return -1;
	cx.file = tbl_name(t);
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r != TBL_ROW) {
			tbl_perror(t);
			bad++;
			if (r == TBL_FATAL)
				break;
			continue;
		}
		cx.line = tbl_line(t);
		if (schema_check_row(&b, tbl_fields(t), c->today,
		    program_problem, &cx) > 0) {
			bad++;
			continue;
		}
		p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
		program_from_row(&p->v[p->n++], &b, tbl_fields(t));
	}
	tbl_close(t);
	if (bad) {
		programs_free(p);
		return -1;
	}
	return 0;
}

const struct program *
program_get(const struct programs *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return &p->v[i];
	return NULL;
}

char *
program_unfit(const struct program *p, const char *name)
{
	if (p == NULL)
		return xasprintf("programme %s not found", name);
	if (!p->active)
		return xasprintf("programme %s is not active", name);
	return NULL;
}

void
programs_free(struct programs *p)
{
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		for (j = 0; j < schema_programs.ncols; j++)
			free(p->v[i].raw[j]);
		free(p->v[i].raw);
		free(p->v[i].name);
		free(p->v[i].title);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* ---- unions ---- */

struct unode {
	char	*parent;
	char	*name;
	int	 active;
};

struct unions {
	struct strmap *map;	/* union_id -> struct unode */
};

static struct unode *
unode_get(const struct unions *u, const char *id)
{
	void **slot = strmap_get(u->map, id, strlen(id));

	return slot ? *slot : NULL;
}

struct unions *
unions_load(const char *dir)
{
	struct binding b;
	struct table *t;
	struct unions *u;
	struct unode *n;
	struct field id;
	void **slot;
	int r, isnew;

	if ((t = open_data(dir, "unions", &schema_unions, &b)) == NULL)
		return NULL;
	u = xcalloc(1, sizeof(*u));
	u->map = strmap_new();
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_FATAL) {
			tbl_perror(t);
			tbl_close(t);
			unions_free(u);
			return NULL;
		}
		if (r != TBL_ROW)
			continue;
		id = binding_get(&b, tbl_fields(t), "union_id");
		slot = strmap_put(u->map, id.s, id.len, &isnew);
		if (!isnew)
			continue;
		n = xcalloc(1, sizeof(*n));
		n->parent = xstrdup(binding_get(&b, tbl_fields(t),
		    "parent_id").s);
		n->name = xstrdup(binding_get(&b, tbl_fields(t), "name").s);
		id = binding_get(&b, tbl_fields(t), "status");
		n->active = !streqn(id.s, id.len, "dissolved");
		*slot = n;
	}
	tbl_close(t);
	return u;
}

int
union_exists(const struct unions *u, const char *id)
{
	return unode_get(u, id) != NULL;
}

int
union_is_active(const struct unions *u, const char *id)
{
	struct unode *n = unode_get(u, id);

	return n != NULL && n->active;
}

const char *
union_name(const struct unions *u, const char *id)
{
	struct unode *n = unode_get(u, id);

	return n ? n->name : "";
}

int
union_within(const struct unions *u, const char *id, const char *top)
{
	struct unode *n;
	int depth;

	/* the hierarchy is shallow; the bound guards against a cycle */
	for (depth = 0; depth < 64 && *id != '\0'; depth++) {
		if (strcmp(id, top) == 0)
			return 1;
		if ((n = unode_get(u, id)) == NULL)
			return 0;
		id = n->parent;
	}
	return 0;
}

static void
free_unode(const char *key, size_t n, void *val, void *arg)
{
	struct unode *u = val;

	(void)key;
	(void)n;
	(void)arg;
	free(u->parent);
	free(u->name);
	free(u);
}

void
unions_free(struct unions *u)
{
	if (u == NULL)
		return;
	strmap_each(u->map, free_unode, NULL);
	strmap_free(u->map);
	free(u);
}
