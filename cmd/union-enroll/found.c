/*
 * found.c - union-enroll found and dissolve: unions come into the
 * registry (建会) and leave it, and enterprises.csv follows, so that
 * founding rates move.
 *
 * A founding file may hold a county union, its towns and their
 * grassroots unions in any order: a row's parent may be a row of the
 * same file (named by the union_id that row gives).  Every row is
 * checked on its own first, then parents are resolved depth first; a
 * row whose parent is refused is refused too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enroll.h"

static const char found_usage[] =
"usage: union-enroll found [-D DIR] [--override-check] [--all-or-nothing]\n"
"                          [--by NAME] [--as-of DATE] [FILE...]\n"
"  Register new unions from rows with the columns of unions.csv, and\n"
"  link enterprises.csv to them by credit code.\n"
"  --override-check   accept a credit code whose only fault is its\n"
"                     check character (an early pilot code)\n"
"  --all-or-nothing   register nothing unless every row is valid\n"
"example: union-enroll found new-unions.csv\n";

static const char dissolve_usage[] =
"usage: union-enroll dissolve [-D DIR] [--by NAME] UNION_ID\n"
"  Mark a union dissolved; refused while it has current members or\n"
"  active sub-unions.\n"
"example: union-enroll dissolve U000057\n";

static const struct opt found_opts[] = {
	COMMON_OPTS,
	BY_OPT,
	{ "override-check", 0, OPT_NOARG, O_OVERRIDE_CHECK },
	{ "all-or-nothing", 0, OPT_NOARG, O_ALL_OR_NOTHING },
	OPTS_END
};

/* The columns a founding file must have. */
static const char *const found_needed[] = {
	"name", "level", "parent_id", "founded", NULL
};

/* Rank of each level in union_levels' order: a parent ranks lower. */
enum { R_COUNTY, R_TOWN, R_INDUSTRY, R_GRASSROOTS };

struct newunion {
	char	**v;		/* schema column values (owned) */
	char	**extra;	/* unions.csv extra column values (owned) */
	const char *file;
	long	 line;
	int	 own_id;	/* union_id was given */
	int	 state;		/* 0 unresolved, 1 visiting, 2 done */
	struct buf why;		/* "column\tmessage\n"... */
	int	 errors;
	struct buf warn;	/* warnings, the same way */
};

struct found {
	struct cli c;
	int	 override;
	int	 all_or_nothing;
	struct registry reg;
	size_t	 nschema;
	int	 cid, cparent, clevel, ccredit, cfounded, cstatus, chome;
	struct newunion *nu;
	size_t	 n, cap;
	char	**files;		/* input names, for messages */
	size_t	 nfiles;
	struct strmap *byid;		/* given union_id -> newunion * */
	struct strmap *bycredit;	/* credit_code -> newunion * */
	/* unions.csv */
	size_t	 ucols;
	char	**unames;
	int	*uschema;
	/* counts */
	unsigned long accepted, refused;
	struct pending *pend;
};

static void
found_opt(void *ctx, int id, const char *arg)
{
	struct found *f = ctx;

	(void)arg;
	if (id == O_OVERRIDE_CHECK)
		f->override = 1;
	else if (id == O_ALL_OR_NOTHING)
		f->all_or_nothing = 1;
}

static int
ucol(const char *name)
{
	size_t i;

	for (i = 0; i < schema_unions.ncols; i++)
		if (strcmp(schema_unions.cols[i].name, name) == 0)
			return (int)i;
	die(EXIT_TROUBLE, "unions schema lacks column %s", name);
}

/* note: a problem of row u, printed later in file order */
static void
note(struct newunion *u, int error, const char *column, const char *fmt, ...)
{
	struct buf *b = error ? &u->why : &u->warn;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	buf_printf(b, "%s\t%s\n", column ? column : "", msg);
	if (error)
		u->errors++;
}

static void
report(void *arg, const char *column, enum severity sev, const char *rule,
    const char *msg)
{
	struct newunion *u = ((void **)arg)[0];
	struct found *f = ((void **)arg)[1];

	if (strcmp(rule, "uscc_override") == 0)
		note(u, !f->override, column, "%s%s", msg, f->override ?
		    " (accepted: --override-check)" : "");
	else
		note(u, sev == SEV_ERROR, column, "%s", msg);
}

/* load_unions_header: the registry's columns, each tied to the schema */
static int
load_unions_header(struct found *f)
{
	struct table *t = sheet_header(f->c.datadir, UNIONS_FILE);
	size_t j, i;

	if (t == NULL)
		return -1;
	f->ucols = tbl_ncols(t);
	f->unames = xcalloc(f->ucols, sizeof(*f->unames));
	f->uschema = xcalloc(f->ucols, sizeof(*f->uschema));
	for (j = 0; j < f->ucols; j++) {
		f->unames[j] = xstrdup(tbl_colname(t, j));
		f->uschema[j] = -1;
		for (i = 0; i < f->nschema; i++)
			if (strcmp(schema_unions.cols[i].name,
			    f->unames[j]) == 0)
				f->uschema[j] = (int)i;
	}
	tbl_close(t);
	return 0;
}

static struct newunion *
new_union(struct found *f, const struct table *t)
{
	const struct field *fl = tbl_fields(t);
	struct newunion *u;
	size_t i;
	int k;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->nu = xreallocarray(f->nu, f->cap, sizeof(*f->nu));
	}
	u = &f->nu[f->n++];
	memset(u, 0, sizeof(*u));
	if (f->nfiles == 0 || strcmp(f->files[f->nfiles - 1], tbl_name(t))) {
		f->files = xreallocarray(f->files, f->nfiles + 1,
		    sizeof(*f->files));
		f->files[f->nfiles++] = xstrdup(tbl_name(t));
	}
	u->file = f->files[f->nfiles - 1];
	u->line = tbl_line(t);
	u->v = xcalloc(f->nschema, sizeof(*u->v));
	for (i = 0; i < f->nschema; i++) {
		k = tbl_col(t, schema_unions.cols[i].name);
		u->v[i] = xstrdup(k >= 0 ? fl[k].s : "");
	}
	u->extra = xcalloc(f->ucols, sizeof(*u->extra));
	for (i = 0; i < f->ucols; i++) {
		k = f->uschema[i] < 0 ? tbl_col(t, f->unames[i]) : -1;
		u->extra[i] = xstrdup(k >= 0 ? fl[k].s : "");
	}
	return u;
}

static void
set_value(struct newunion *u, int col, const char *s)
{
	free(u->v[col]);
	u->v[col] = xstrdup(s);
}

/* check_fields: defaults filled in, then every rule of unions.csv */
static void
check_fields(struct found *f, struct newunion *u)
{
	struct field fl[24];
	struct binding b;
	void *ctx[2] = { u, f };
	const char *why;
	int32_t day;
	size_t i;

	u->own_id = *u->v[f->cid] != '\0';
	if (!u->own_id)
		set_value(u, f->cid, "U000000");
	if (*u->v[f->cstatus] == '\0')
		set_value(u, f->cstatus, "active");
	if (*u->v[f->chome] == '\0')
		set_value(u, f->chome, "none");
	memset(&b, 0, sizeof(b));
	b.s = &schema_unions;
	for (i = 0; i < f->nschema; i++) {
		b.idx[i] = (int)i;
		fl[i].s = u->v[i];
		fl[i].len = strlen(u->v[i]);
	}
	schema_check_row(&b, fl, f->c.today, report, ctx);
	if (strcmp(u->v[f->cstatus], "dissolved") == 0)
		note(u, 1, "status", "a new union must be active");
	if (date_parse(fl[f->cfounded].s, fl[f->cfounded].len, &day,
	    &why) == 0 && day > f->c.today)
		note(u, 1, "founded", "in the future");
}

/* first_in_batch: u is the first row with this key in map, else a note */
static void
first_in_batch(struct strmap *map, struct newunion *u, const char *column,
    const char *key)
{
	void **slot;
	int isnew;

	slot = strmap_put(map, key, strlen(key), &isnew);
	if (isnew)
		*slot = u;
	else
		note(u, 1, column, "duplicate in this batch: first on line %ld",
		    ((struct newunion *)*slot)->line);
}

/* check_unique: the union_id is new, the credit code has no union */
static void
check_unique(struct found *f, struct newunion *u)
{
	const char *id = u->v[f->cid], *credit = u->v[f->ccredit];
	void **slot;

	if (u->own_id) {
		if (registry_get(&f->reg, id, strlen(id)) != NULL)
			note(u, 1, "union_id", "already exists: %s", id);
		first_in_batch(f->byid, u, "union_id", id);
	}
	if (*credit == '\0')
		return;
	slot = strmap_get(f->reg.bycredit, credit, strlen(credit));
	if (slot != NULL)
		note(u, 1, "credit_code", "already has an active union: %s",
		    ((struct unionrec *)*slot)->id);
	first_in_batch(f->bycredit, u, "credit_code", credit);
}

/* check_alone: the rules a row keeps on its own, and uniqueness */
static void
check_alone(struct found *f, struct newunion *u)
{
	check_fields(f, u);
	check_unique(f, u);
}

static int
level_rank(const char *level)
{
	return enum_index(union_levels, level, strlen(level));
}

/* parent_fits: may a union of rank child sit under one of rank parent? */
static int
parent_fits(int parent, int child)
{
	if (parent < 0 || child < 0)
		return 1;	/* a bad level is reported on its own */
	return parent < child || (parent == R_COUNTY && child == R_COUNTY);
}

static void resolve(struct found *f, struct newunion *u);

/* resolve_in_file: the parent is a row of this batch */
static void
resolve_in_file(struct found *f, struct newunion *u, struct newunion *p)
{
	const char *pid = u->v[f->cparent];

	if (p->state == 1) {
		note(u, 1, "parent_id", "cycle through %s", pid);
		return;
	}
	resolve(f, p);
	if (p->errors > 0)
		note(u, 1, "parent_id", "parent %s is refused (line %ld)",
		    pid, p->line);
	else if (!parent_fits(level_rank(p->v[f->clevel]),
	    level_rank(u->v[f->clevel])))
		note(u, 1, "parent_id", "a %s union cannot be under "
		    "%s (%s)", u->v[f->clevel], pid, p->v[f->clevel]);
}

/* resolve: the row's parent exists, is active and ranks above it */
static void
resolve(struct found *f, struct newunion *u)
{
	const char *pid = u->v[f->cparent];
	struct unionrec *p;
	void **slot;

	if (u->state != 0)
		return;
	u->state = 1;
	if (*pid == '\0')
		;	/* only a county: schema_check_row saw to it */
	else if ((slot = strmap_get(f->byid, pid, strlen(pid))) != NULL)
		resolve_in_file(f, u, *slot);
	else if ((p = registry_get(&f->reg, pid, strlen(pid))) == NULL)
		note(u, 1, "parent_id", "no such union: %s", pid);
	else if (!p->active)
		note(u, 1, "parent_id", "union %s is dissolved", pid);
	else if (!parent_fits(p->level, level_rank(u->v[f->clevel])))
		note(u, 1, "parent_id", "a %s union cannot be under %s (%s)",
		    u->v[f->clevel], pid, union_levels[p->level]);
	u->state = 2;
}

/* read_file: the rows of one founding file */
static int
read_file(struct found *f, const char *path)
{
	struct tbl_opts o = tbl_opts_for(&f->c);
	struct table *t;
	int i, rc, ok = 1;

	if ((t = tbl_open(strcmp(path, "-") == 0 ? NULL : path, &o)) == NULL)
		return -1;
	for (i = 0; found_needed[i] != NULL; i++)
		if (tbl_col(t, found_needed[i]) < 0) {
			warn_at(tbl_name(t), 1, found_needed[i],
			    "required column missing");
			ok = 0;
		}
	while (ok && (rc = tbl_next(t)) != TBL_EOF) {
		if (rc == TBL_FATAL) {
			tbl_perror(t);
			ok = 0;
		} else if (rc == TBL_BAD) {
			tbl_perror(t);
			f->refused++;
		} else
			check_alone(f, new_union(f, t));
	}
	tbl_close(t);
	return ok ? 0 : -1;
}

/* print_notes: the notes of one row, "column\tmessage\n" each */
static void
print_notes(const struct newunion *u, const struct buf *b,
    const char *prefix)
{
	const char *p = b->len ? b->s : "", *tab, *nl;
	char col[64];

	for (; *p != '\0'; p = nl + 1) {
		tab = strchr(p, '\t');
		nl = strchr(tab, '\n');
		snprintf(col, sizeof(col), "%.*s", (int)(tab - p), p);
		warn_at(u->file, u->line, *col ? col : NULL, "%s%.*s", prefix,
		    (int)(nl - tab - 1), tab + 1);
	}
}

/* assign_ids: U and six digits for the rows that gave none, in order */
static int
assign_ids(struct found *f)
{
	uint32_t next = f->reg.max_number;
	char id[8];
	size_t i;

	for (i = 0; i < f->n; i++) {
		struct newunion *u = &f->nu[i];
		uint32_t num = union_number(u->v[f->cid], strlen(u->v[f->cid]));

		if (u->own_id && u->errors == 0 && num > next)
			next = num;
	}
	for (i = 0; i < f->n; i++) {
		struct newunion *u = &f->nu[i];

		if (u->own_id || u->errors > 0)
			continue;
		if (next >= UNION_ID_MAX) {
			warnmsg("no union IDs left: U%06u used", UNION_ID_MAX);
			return -1;
		}
		set_value(u, f->cid, fmt_union_id(++next, id));
	}
	return 0;
}

/* write_unions: the accepted rows, appended to unions.csv */
static void
write_unions(struct found *f, struct txn *x, struct out *o)
{
	const char **vals = xcalloc(f->ucols, sizeof(*vals));
	char *detail;
	size_t i, j;

	for (i = 0; i < f->n; i++) {
		struct newunion *u = &f->nu[i];

		if (u->errors > 0)
			continue;
		for (j = 0; j < f->ucols; j++)
			vals[j] = f->uschema[j] >= 0 ?
			    u->v[f->uschema[j]] : u->extra[j];
		out_row(o, f->ucols, vals);
		pending_row(f->pend, vals);
		detail = xasprintf("founded %s union%s%s",
		    u->v[f->clevel], *u->v[f->cparent] ? " under " : "",
		    u->v[f->cparent]);
		txn_log(x, "found", UNIONS_FILE, u->v[f->cid], detail);
		free(detail);
	}
	free(vals);
}

struct linkctx {
	struct found *f;	/* found: the new unions by credit code */
	const char *dissolved;	/* dissolve: the union to unlink */
	struct registry *reg;
	struct txn *x;		/* NULL: count only */
	int	 cc, cu;
	int	 changed;
};

/*
 * link_target: what an enterprise's union_id becomes, or NULL to keep
 * it.  Founding fills it in when empty or naming a union that is not
 * active; dissolving clears it where it names the dissolved union.
 */
static const char *
link_target(const struct linkctx *l, const char *credit, const char *cur)
{
	const struct unionrec *u;
	const struct newunion *nu;
	void **slot;

	if (l->dissolved != NULL)
		return strcmp(cur, l->dissolved) == 0 ? "" : NULL;
	slot = strmap_get(l->f->bycredit, credit, strlen(credit));
	if (slot == NULL || (nu = *slot)->errors > 0)
		return NULL;
	u = registry_get(l->reg, cur, strlen(cur));
	if (*cur != '\0' && u != NULL && u->active)
		return NULL;
	return nu->v[l->f->cid];
}

static int
link_cols(struct linkctx *l, const struct table *t)
{
	l->cc = tbl_col(t, "credit_code");
	l->cu = tbl_col(t, "union_id");
	if (l->cc < 0 || l->cu < 0) {
		warnmsg("%s: credit_code and union_id columns needed",
		    ENTERPRISES_FILE);
		return -1;
	}
	return 0;
}

/* link_row: sheet_stream's callback for enterprises.csv */
static int
link_row(void *arg, struct table *t, const char **vals)
{
	struct linkctx *l = arg;
	const char *to;
	char *detail;

	if (l->cc < 0 && link_cols(l, t) != 0)
		return -1;
	if ((to = link_target(l, vals[l->cc], vals[l->cu])) == NULL)
		return 0;
	if (*to == '\0')
		detail = xasprintf("union %s dissolved", vals[l->cu]);
	else
		detail = xasprintf("union %s founded", to);
	txn_log(l->x, *to ? "link" : "unlink", ENTERPRISES_FILE,
	    vals[l->cc], detail);
	free(detail);
	vals[l->cu] = to;
	l->changed++;
	return 0;
}

/* count_links: how many enterprises.csv rows link_row would change */
static int
count_links(const char *dir, struct linkctx *l)
{
	struct table *t = sheet_header(dir, ENTERPRISES_FILE);
	const struct field *fl;
	int rc;

	if (t == NULL || link_cols(l, t) != 0) {
		tbl_close(t);
		return -1;
	}
	while ((rc = tbl_next(t)) != TBL_EOF) {
		if (rc != TBL_ROW) {
			tbl_perror(t);
			tbl_close(t);
			return -1;
		}
		fl = tbl_fields(t);
		if (link_target(l, fl[l->cc].s, fl[l->cu].s) != NULL)
			l->changed++;
	}
	tbl_close(t);
	return 0;
}

/* relink: rewrite enterprises.csv, when it exists and a row changes */
static int
relink(struct txn *x, const char *dir, struct linkctx *l)
{
	char *path = datadir_path(dir, ENTERPRISES_FILE);
	int exists = access(path, F_OK) == 0;

	free(path);
	if (!exists)
		return 0;
	l->x = NULL;
	l->changed = 0;
	if (count_links(dir, l) != 0)
		return -1;
	if (l->changed == 0)
		return 0;
	l->x = x;
	l->changed = 0;
	l->cc = l->cu = -1;
	return sheet_stream(x, dir, ENTERPRISES_FILE, link_row, l, NULL) ?
	    0 : -1;
}

static void
found_free(struct found *f)
{
	size_t i, j;

	for (i = 0; i < f->n; i++) {
		for (j = 0; j < f->nschema; j++)
			free(f->nu[i].v[j]);
		for (j = 0; j < f->ucols; j++)
			free(f->nu[i].extra[j]);
		free(f->nu[i].v);
		free(f->nu[i].extra);
		buf_free(&f->nu[i].why);
		buf_free(&f->nu[i].warn);
	}
	free(f->nu);
	for (i = 0; i < f->nfiles; i++)
		free(f->files[i]);
	free(f->files);
	for (i = 0; i < f->ucols; i++)
		free(f->unames[i]);
	free(f->unames);
	free(f->uschema);
	if (f->byid)
		strmap_free(f->byid);
	if (f->bycredit)
		strmap_free(f->bycredit);
	registry_free(&f->reg);
}

/* judge_all: resolve parents, print every row's notes, count */
static void
judge_all(struct found *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		resolve(f, &f->nu[i]);
	for (i = 0; i < f->n; i++) {
		print_notes(&f->nu[i], &f->nu[i].warn, "warning: ");
		print_notes(&f->nu[i], &f->nu[i].why, "");
		if (f->nu[i].errors > 0)
			f->refused++;
		else
			f->accepted++;
	}
}

/* found_commit: append the accepted unions, link enterprises, commit */
static int
found_commit(struct found *f, struct txn *x)
{
	struct linkctx l;
	struct out *o;

	if (f->accepted == 0 || (f->all_or_nothing && f->refused > 0)) {
		if (f->accepted > 0)
			warnmsg("nothing founded: %lu of %lu rows refused "
			    "(--all-or-nothing)", f->refused,
			    f->refused + f->accepted);
		txn_abort(x);
		f->pend = pending_new(f->ucols, (const char *const *)f->unames);
		pending_none(f->pend, &f->c);
		return 0;
	}
	if (assign_ids(f) != 0 || (o = txn_append(x, UNIONS_FILE)) == NULL) {
		txn_abort(x);
		return -1;
	}
	f->pend = pending_new(f->ucols, (const char *const *)f->unames);
	write_unions(f, x, o);
	memset(&l, 0, sizeof(l));
	l.f = f;
	l.reg = &f->reg;
	if (relink(x, f->c.datadir, &l) != 0) {
		txn_abort(x);
		pending_drop(f->pend);
		return -1;
	}
	pending_flush(f->pend);
	if (txn_commit(x) != 0) {
		pending_drop(f->pend);
		return -1;
	}
	pending_emit(f->pend, &f->c);
	return 0;
}

int
cmd_found(int argc, char **argv)
{
	struct found f;
	struct txn *x;
	char **ops;
	int n, i, rc = 0;

	memset(&f, 0, sizeof(f));
	ops = parse_args(argc, argv, found_opts, &f.c, found_opt, &f,
	    found_usage, &n);
	f.nschema = schema_unions.ncols;
	f.cid = ucol("union_id");
	f.cparent = ucol("parent_id");
	f.clevel = ucol("level");
	f.ccredit = ucol("credit_code");
	f.cfounded = ucol("founded");
	f.cstatus = ucol("status");
	f.chome = ucol("home_rating");
	f.byid = strmap_new();
	f.bycredit = strmap_new();
	if ((x = txn_begin(f.c.datadir, TOOL, f.c.by)) == NULL) {
		free(ops);
		found_free(&f);
		return EXIT_TROUBLE;
	}
	if (registry_load(&f.reg, f.c.datadir, REG_FULL) != 0 ||
	    load_unions_header(&f) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < (n ? n : 1); i++)
		rc = read_file(&f, n ? ops[i] : "-");
	if (rc != 0)
		txn_abort(x);
	else {
		judge_all(&f);
		rc = found_commit(&f, x);
	}
	found_free(&f);
	free(ops);
	if (rc != 0)
		return EXIT_TROUBLE;
	return f.refused > 0 ? EXIT_FOUND : EXIT_CLEAN;
}

/* ---- dissolve ---- */

struct dissolve {
	const char *id;
	int	 cu, cs;
	unsigned long current;		/* members active or retained */
};

/* count_current: the union's members who are active or retained */
static int
count_current(const char *dir, struct dissolve *d)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	char *path = datadir_path(dir, MEMBERS_FILE);
	struct table *t = tbl_open(path, &o);
	const struct field *fl;
	int rc;

	free(path);
	if (t == NULL)
		return -1;
	d->cu = tbl_col(t, "union_id");
	d->cs = tbl_col(t, "status");
	if (d->cu < 0 || d->cs < 0) {
		warnmsg("%s: union_id and status columns needed",
		    MEMBERS_FILE);
		tbl_close(t);
		return -1;
	}
	while ((rc = tbl_next(t)) != TBL_EOF) {
		if (rc == TBL_FATAL) {
			tbl_perror(t);
			tbl_close(t);
			return -1;
		}
		if (rc != TBL_ROW)
			continue;
		fl = tbl_fields(t);
		if (streqn(fl[d->cu].s, fl[d->cu].len, d->id) &&
		    (streqn(fl[d->cs].s, fl[d->cs].len, "active") ||
		    streqn(fl[d->cs].s, fl[d->cs].len, "retained")))
			d->current++;
	}
	tbl_close(t);
	return 0;
}

/* active_children: how many active unions have id as their parent */
static size_t
active_children(const struct registry *r, const char *id, const char **one)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		if (r->all[i]->active && strcmp(r->all[i]->parent, id) == 0) {
			if (n++ == 0)
				*one = r->all[i]->id;
		}
	return n;
}

struct unionrow {
	const char *id;
	struct pending *pend;
	int	 cu, cs;
	size_t	 ncols;
};

/* dissolve_row: unions.csv row: mark the one dissolved */
static int
dissolve_row(void *arg, struct table *t, const char **vals)
{
	struct unionrow *r = arg;

	if (r->cu < 0) {
		r->cu = tbl_col(t, "union_id");
		r->cs = tbl_col(t, "status");
		r->ncols = tbl_ncols(t);
		if (r->cs < 0) {
			warnmsg("%s: status column needed", UNIONS_FILE);
			return -1;
		}
	}
	if (strcmp(vals[r->cu], r->id) == 0) {
		vals[r->cs] = "dissolved";
		pending_row(r->pend, vals);
	}
	return 0;
}

/* may_dissolve: 0 when it may, 1 refused (after a message), -1 error */
static int
may_dissolve(const char *dir, const struct registry *reg, const char *id)
{
	struct dissolve d = { id, -1, -1, 0 };
	const char *why, *child = NULL;
	size_t kids;

	if ((why = union_problem(reg, id, strlen(id))) != NULL) {
		warnmsg("%s", why);
		return 1;
	}
	if ((kids = active_children(reg, id, &child)) > 0) {
		warnmsg("union %s has %zu active sub-union%s (%s%s)", id, kids,
		    kids == 1 ? "" : "s", child, kids > 1 ? ", ..." : "");
		return 1;
	}
	if (count_current(dir, &d) != 0)
		return -1;
	if (d.current > 0) {
		warnmsg("union %s has %lu current member%s (active or "
		    "retained)", id, d.current, d.current == 1 ? "" : "s");
		return 1;
	}
	return 0;
}

/*
 * dissolve_commit: the registry row, enterprises.csv, the journal.  0
 * done; -1 failed before the commit (the caller aborts); -2 the commit
 * failed (and was rolled back).
 */
static int
dissolve_commit(const struct cli *c, struct txn *x, struct registry *reg,
    const char *id)
{
	struct unionrow ur = { id, NULL, -1, -1, 0 };
	struct table *h = sheet_header(c->datadir, UNIONS_FILE);
	struct linkctx l;
	const char **names;

	if (h == NULL)
		return -1;
	names = sheet_names(h);
	ur.pend = pending_new(tbl_ncols(h), names);
	free(names);
	tbl_close(h);
	memset(&l, 0, sizeof(l));
	l.reg = reg;
	l.dissolved = id;
	if (sheet_stream(x, c->datadir, UNIONS_FILE, dissolve_row, &ur,
	    NULL) == NULL || relink(x, c->datadir, &l) != 0) {
		pending_drop(ur.pend);
		return -1;
	}
	txn_log(x, "dissolve", UNIONS_FILE, id, "dissolved");
	pending_flush(ur.pend);
	if (txn_commit(x) != 0) {
		pending_drop(ur.pend);
		return -2;
	}
	pending_emit(ur.pend, c);
	return 0;
}

int
cmd_dissolve(int argc, char **argv)
{
	static const struct opt opts[] = { COMMON_OPTS, BY_OPT, OPTS_END };
	struct registry reg;
	struct cli c;
	struct txn *x;
	char **ops;
	int n, rc;

	ops = parse_args(argc, argv, opts, &c, NULL, NULL, dissolve_usage, &n);
	if (n != 1)
		usage_error("dissolve: give one UNION_ID");
	if ((x = txn_begin(c.datadir, TOOL, c.by)) == NULL) {
		free(ops);
		return EXIT_TROUBLE;
	}
	if (registry_load(&reg, c.datadir, REG_FULL) != 0)
		rc = -1;
	else
		rc = may_dissolve(c.datadir, &reg, ops[0]);
	if (rc != 0)
		txn_abort(x);
	else if ((rc = dissolve_commit(&c, x, &reg, ops[0])) == -1)
		txn_abort(x);
	registry_free(&reg);
	free(ops);
	if (rc == 1)
		return EXIT_FOUND;
	return rc == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
}
