/*
 * add.c - union-enroll add and check: candidate members validated
 * against every rule of members.csv, the union registry and the
 * real-name index, then appended to the roster with fresh member IDs.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enroll.h"

static const char add_usage[] =
"usage: union-enroll add [-D DIR] [--rejects FILE] [--all-or-nothing]\n"
"                        [--by NAME] [--as-of DATE] [--encoding ENC]\n"
"                        [--format FMT] [--excel] [--show-pii] [FILE...]\n"
"  Enroll the candidate members of FILE (or standard input); print the\n"
"  accepted rows with their member_id.\n"
"  --rejects FILE     write the refused rows and a reason column to FILE\n"
"  --all-or-nothing   enroll nobody unless every row is valid\n"
"example: union-enroll add --rejects fix-me.csv batch.csv\n";

static const char check_usage[] =
"usage: union-enroll check [-D DIR] [--rejects FILE] [--as-of DATE]\n"
"                          [--encoding ENC] [FILE...]\n"
"  Validate candidate members as add does; change nothing.\n"
"  --rejects FILE     write the refused rows and a reason column to FILE\n"
"example: union-enroll check --encoding gb18030 batch.csv\n";

static const struct opt add_opts[] = {
	COMMON_OPTS,
	BY_OPT,
	{ "rejects", 0, OPT_ARG, O_REJECTS },
	{ "all-or-nothing", 0, OPT_NOARG, O_ALL_OR_NOTHING },
	OPTS_END
};

/* The columns a candidate file must have. */
static const char *const needed[] = {
	"name", "id_number", "phone", "union_id", "employer", "group",
	"join_date", "wage", "hardship", NULL
};

/* Positions of the members schema columns this file fills in itself. */
struct mcols {
	int	 member_id, id_number, gender, birth_date, phone, union_id;
	int	 status, wage;
};

struct enroll {
	struct cli c;
	const char *rejects_path;
	int	 all_or_nothing;
	int	 commit;		/* add: 1, check: 0 */
	struct txn *x;
	struct registry reg;
	struct rindex *ri;
	struct mcols mc;
	size_t	 nschema;		/* columns of schema_members */
	/* the roster */
	size_t	 rcols;
	const char **rnames;		/* owned copies */
	int	*rschema;		/* roster column -> schema column, -1 */
	struct out *append;		/* rows appended to members.csv */
	struct pending *pend;		/* accepted rows, for stdout */
	/* the rejects file */
	struct out *rej;
	int	 rejfd;
	size_t	 nrej;
	char	**rejnames;
	/* the current input: its column of each name, -1 when absent */
	int	*in_schema;		/* [nschema] */
	int	*in_roster;		/* [rcols] */
	int	*in_rej;		/* [nrej] */
	int	 in_member_id;
	const char **vals;		/* a row being written */
	size_t	 nvals;
	/* where each person of the batch was first seen */
	struct strmap *seen;		/* id_number -> index + 1 in first */
	struct firstseen { size_t file; long line; } *first;
	size_t	 nfirst, capfirst;
	char	**inputs;		/* input names, for messages */
	size_t	 ninputs;
	/* counts */
	uint32_t next_member, first_member;
	unsigned long accepted, refused;
	struct problems pr;
};

/* One candidate row as it would be written, in schema column order. */
struct cand {
	struct field v[24];
	char	 id[19], gender[2], birth[11], phone[12], wage[MONEY_BUFSZ];
	char	 member[10];
	int	 id_ok;		/* id_number parsed */
};

static void
add_opt(void *ctx, int id, const char *arg)
{
	struct enroll *e = ctx;

	switch (id) {
	case O_REJECTS:
		e->rejects_path = arg;
		break;
	case O_ALL_OR_NOTHING:
		e->all_or_nothing = 1;
		break;
	}
}

static int
schema_col(const char *name)
{
	size_t i;

	for (i = 0; i < schema_members.ncols; i++)
		if (strcmp(schema_members.cols[i].name, name) == 0)
			return (int)i;
	die(EXIT_TROUBLE, "members schema lacks column %s", name);
}

static void
find_schema_cols(struct enroll *e)
{
	e->nschema = schema_members.ncols;
	e->mc.member_id = schema_col("member_id");
	e->mc.id_number = schema_col("id_number");
	e->mc.gender = schema_col("gender");
	e->mc.birth_date = schema_col("birth_date");
	e->mc.phone = schema_col("phone");
	e->mc.union_id = schema_col("union_id");
	e->mc.status = schema_col("status");
	e->mc.wage = schema_col("wage");
}

/* load_roster_header: the roster's columns, each tied to the schema */
static int
load_roster_header(struct enroll *e, const char *dir)
{
	struct table *t = sheet_header(dir, MEMBERS_FILE);
	size_t j, i;

	if (t == NULL)
		return -1;
	e->rcols = tbl_ncols(t);
	e->rnames = xcalloc(e->rcols, sizeof(*e->rnames));
	e->rschema = xcalloc(e->rcols, sizeof(*e->rschema));
	for (j = 0; j < e->rcols; j++) {
		e->rnames[j] = xstrdup(tbl_colname(t, j));
		e->rschema[j] = -1;
		for (i = 0; i < e->nschema; i++)
			if (strcmp(schema_members.cols[i].name,
			    e->rnames[j]) == 0)
				e->rschema[j] = (int)i;
	}
	tbl_close(t);
	for (i = 0; i < e->nschema; i++) {
		for (j = 0; j < e->rcols; j++)
			if (e->rschema[j] == (int)i)
				break;
		if (j == e->rcols) {
			warn_at(MEMBERS_FILE, 1, schema_members.cols[i].name,
			    "required column missing");
			return -1;
		}
	}
	return 0;
}

/* grow_vals: room for a row of n values */
static void
grow_vals(struct enroll *e, size_t n)
{
	if (n <= e->nvals)
		return;
	e->vals = xreallocarray(e->vals, n, sizeof(*e->vals));
	e->nvals = n;
}

/* open_rejects: the rejects file, headed by the first input's columns */
static int
open_rejects(struct enroll *e, const struct table *t)
{
	int fd;
	size_t i;

	if (e->rejects_path == NULL || e->rej != NULL)
		return 0;
	fd = open(e->rejects_path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	if (fd < 0) {
		warnmsg("%s:", e->rejects_path);
		return -1;
	}
	e->nrej = tbl_ncols(t) + 1;
	e->rejnames = xcalloc(e->nrej, sizeof(*e->rejnames));
	for (i = 0; i + 1 < e->nrej; i++)
		e->rejnames[i] = xstrdup(tbl_colname(t, i));
	e->rejnames[i] = xstrdup("reason");
	e->in_rej = xcalloc(e->nrej, sizeof(*e->in_rej));
	grow_vals(e, e->nrej);
	e->rejfd = fd;
	e->rej = out_open_fd(fd, e->rejects_path, FMT_CSV,
	    e->c.excel ? OUT_EXCEL : 0);
	out_header(e->rej, e->nrej, (const char *const *)e->rejnames);
	return 0;
}

/* write_reject: the row as given, and why it was refused */
static void
write_reject(struct enroll *e, const struct table *t)
{
	const struct field *f = tbl_fields(t);
	size_t i;

	if (e->rej == NULL)
		return;
	for (i = 0; i + 1 < e->nrej; i++)
		e->vals[i] = e->in_rej[i] >= 0 ? f[e->in_rej[i]].s : "";
	e->vals[i] = buf_cstr(&e->pr.reason);
	out_row(e->rej, e->nrej, e->vals);
}

/* input_value: the candidate's value of input column k ("" if -1) */
static struct field
input_value(const struct table *t, int k)
{
	struct field none = { "", 0 };

	return k >= 0 ? tbl_fields(t)[k] : none;
}

/* map_input: where the columns of schema, roster and rejects are in t */
static void
map_input(struct enroll *e, const struct table *t)
{
	size_t i;

	for (i = 0; i < e->nschema; i++)
		e->in_schema[i] = tbl_col(t, schema_members.cols[i].name);
	for (i = 0; i < e->rcols; i++)
		e->in_roster[i] = tbl_col(t, e->rnames[i]);
	for (i = 0; i + 1 < e->nrej; i++)
		e->in_rej[i] = tbl_col(t, e->rejnames[i]);
	e->in_member_id = tbl_col(t, "member_id");
}

static void
set(struct cand *c, int col, const char *s)
{
	c->v[col].s = s;
	c->v[col].len = strlen(s);
}

/*
 * normalise: the values to write: the ID upper-cased, gender and birth
 * date derived from it when not given, the phone's eleven digits, the
 * wage with two decimals, status active by default.  A value that does
 * not parse is kept as given, for schema_check_row to report.
 */
static void
normalise(struct enroll *e, struct cand *c)
{
	struct idinfo info;
	const char *why;
	struct field *id = &c->v[e->mc.id_number];
	struct field *ph = &c->v[e->mc.phone];
	struct field *w = &c->v[e->mc.wage];
	int64_t fen;

	c->id_ok = id_parse(id->s, id->len, &info, &why) == 0;
	if (c->id_ok) {
		memcpy(c->id, info.norm, sizeof(c->id));
		set(c, e->mc.id_number, c->id);
		if (c->v[e->mc.gender].len == 0) {
			c->gender[0] = info.gender;
			c->gender[1] = '\0';
			set(c, e->mc.gender, c->gender);
		}
		if (c->v[e->mc.birth_date].len == 0)
			set(c, e->mc.birth_date, date_fmt(info.birth,
			    c->birth));
	}
	if (phone_norm(ph->s, ph->len, c->phone, &why) == 0)
		set(c, e->mc.phone, c->phone);
	if (money_parse(w->s, w->len, &fen, &why) == 0)
		set(c, e->mc.wage, money_fmt(fen, c->wage));
	if (c->v[e->mc.status].len == 0)
		set(c, e->mc.status, "active");
	set(c, e->mc.member_id, fmt_member_id(e->next_member, c->member));
}

/* report: a problem found by schema_check_row */
static void
report(void *arg, const char *column, enum severity sev, const char *rule,
    const char *msg)
{
	struct enroll *e = arg;

	(void)rule;
	if (sev == SEV_WARNING)
		warning(&e->pr, column, msg);
	else
		problem(&e->pr, column, "%s", msg);
}

/* check_identity: the real-name rule, against the roster and the batch */
static void
check_identity(struct enroll *e, const struct cand *c)
{
	static const char *const what[] = {
		NULL, "already has an active membership",
		"already has a retained membership", "recorded as deceased"
	};
	const struct firstseen *fs;
	char mid[10];
	uint32_t member;
	uint64_t key;
	void **slot;
	int state, isnew;

	if (!c->id_ok || rindex_key(c->id, 18, &key) != 0)
		return;
	if ((state = rindex_lookup(e->ri, key, &member)) != RI_NONE) {
		if (member > 0)
			problem(&e->pr, "id_number", "%s: %s", what[state],
			    fmt_member_id(member, mid));
		else
			problem(&e->pr, "id_number", "%s", what[state]);
	}
	slot = strmap_put(e->seen, c->id, 18, &isnew);
	if (isnew) {
		if (e->nfirst == e->capfirst) {
			e->capfirst = e->capfirst ? e->capfirst * 2 : 256;
			e->first = xreallocarray(e->first, e->capfirst,
			    sizeof(*e->first));
		}
		e->first[e->nfirst].file = e->ninputs - 1;
		e->first[e->nfirst].line = e->pr.line;
		*slot = (void *)(uintptr_t)++e->nfirst;
	} else {
		fs = &e->first[(uintptr_t)*slot - 1];
		problem(&e->pr, "id_number",
		    "duplicate in this batch: first on %s:%ld",
		    e->inputs[fs->file], fs->line);
	}
}

/* check_cand: every rule; the number of errors */
static int
check_cand(struct enroll *e, const struct table *t, struct cand *c)
{
	struct binding b;
	struct field v;
	const char *why;
	size_t i;

	v = input_value(t, e->in_member_id);
	if (v.len > 0)
		problem(&e->pr, "member_id",
		    "must be empty: member IDs are assigned by union-enroll");
	memset(&b, 0, sizeof(b));
	b.s = &schema_members;
	for (i = 0; i < e->nschema; i++)
		b.idx[i] = (int)i;
	schema_check_row(&b, c->v, e->c.today, report, e);
	v = c->v[e->mc.status];
	if (enum_index(member_statuses, v.s, v.len) >= 0 &&
	    !streqn(v.s, v.len, "active") && !streqn(v.s, v.len, "retained"))
		problem(&e->pr, "status",
		    "a new member must be active or retained, not %s", v.s);
	v = c->v[e->mc.union_id];
	if (v.len > 0 && (why = union_problem(&e->reg, v.s, v.len)) != NULL)
		problem(&e->pr, "union_id", "%s", why);
	check_identity(e, c);
	return e->pr.errors;
}

/* accept: assign the member_id and write the roster row */
static void
accept(struct enroll *e, const struct table *t, const struct cand *c)
{
	size_t j;

	for (j = 0; j < e->rcols; j++) {
		if (e->rschema[j] >= 0)
			e->vals[j] = c->v[e->rschema[j]].s;
		else
			e->vals[j] = input_value(t, e->in_roster[j]).s;
	}
	if (e->append != NULL)
		out_row(e->append, e->rcols, e->vals);
	if (e->pend != NULL)
		pending_row(e->pend, e->vals);
	if (e->accepted++ == 0)
		e->first_member = e->next_member;
	e->next_member++;
}

static void
enroll_row(struct enroll *e, const struct table *t)
{
	struct cand c;
	size_t i;

	memset(&c, 0, sizeof(c));
	problems_start(&e->pr, tbl_name(t), tbl_line(t));
	for (i = 0; i < e->nschema; i++)
		c.v[i] = input_value(t, e->in_schema[i]);
	if (e->next_member > MEMBER_ID_MAX)
		die(EXIT_TROUBLE, "no member IDs left: M%08u used",
		    MEMBER_ID_MAX);
	normalise(e, &c);
	if (check_cand(e, t, &c) > 0) {
		e->refused++;
		write_reject(e, t);
		return;
	}
	accept(e, t, &c);
}

/* has_columns: the candidate file has every needed column */
static int
has_columns(const struct table *t)
{
	int i, ok = 1;

	for (i = 0; needed[i] != NULL; i++)
		if (tbl_col(t, needed[i]) < 0) {
			warn_at(tbl_name(t), 1, needed[i],
			    "required column missing");
			ok = 0;
		}
	return ok;
}

/* enroll_file: every row of one input; -1 on an I/O or header error */
static int
enroll_file(struct enroll *e, const char *path)
{
	struct tbl_opts o = tbl_opts_for(&e->c);
	struct table *t;
	int rc;

	if ((t = tbl_open(strcmp(path, "-") == 0 ? NULL : path, &o)) == NULL)
		return -1;
	if (!has_columns(t) || open_rejects(e, t) != 0) {
		tbl_close(t);
		return -1;
	}
	e->inputs = xreallocarray(e->inputs, e->ninputs + 1,
	    sizeof(*e->inputs));
	e->inputs[e->ninputs++] = xstrdup(tbl_name(t));
	map_input(e, t);
	while ((rc = tbl_next(t)) != TBL_EOF) {
		if (rc == TBL_FATAL) {
			tbl_perror(t);
			tbl_close(t);
			return -1;
		}
		if (rc == TBL_BAD) {
			tbl_perror(t);
			e->refused++;
			continue;
		}
		enroll_row(e, t);
	}
	tbl_close(t);
	return 0;
}

/* begin: the lock (add) and what every row is judged against */
static int
begin(struct enroll *e)
{
	const char *dir = e->c.datadir;

	if (e->commit && (e->x = txn_begin(dir, TOOL, e->c.by)) == NULL)
		return -1;
	if (registry_load(&e->reg, dir, 0) != 0 ||
	    load_roster_header(e, dir) != 0 ||
	    (e->ri = rindex_open(dir, e->commit ? RI_WRITE : 0)) == NULL)
		return -1;
	e->next_member = rindex_max_member(e->ri) + 1;
	e->seen = strmap_new();
	e->in_schema = xcalloc(e->nschema, sizeof(*e->in_schema));
	e->in_roster = xcalloc(e->rcols, sizeof(*e->in_roster));
	grow_vals(e, e->rcols);
	if (!e->commit)
		return 0;
	if ((e->append = txn_append(e->x, MEMBERS_FILE)) == NULL)
		return -1;
	e->pend = pending_new(e->rcols, e->rnames);
	return 0;
}

/* finish: commit the enrolled rows, or give them all up */
static int
finish(struct enroll *e)
{
	char first[10], last[10], *key, *detail;
	int rc;

	if (e->all_or_nothing && e->refused > 0 && e->accepted > 0)
		warnmsg("nothing enrolled: %lu of %lu rows refused "
		    "(--all-or-nothing)", e->refused, e->refused + e->accepted);
	if (e->accepted == 0 || (e->all_or_nothing && e->refused > 0)) {
		txn_abort(e->x);
		pending_none(e->pend, &e->c);
		return 0;
	}
	fmt_member_id(e->first_member, first);
	fmt_member_id(e->next_member - 1, last);
	key = e->accepted == 1 ? xstrdup(first) :
	    xasprintf("%s..%s", first, last);
	detail = xasprintf("enrolled %lu member%s", e->accepted,
	    e->accepted == 1 ? "" : "s");
	txn_log(e->x, "add", MEMBERS_FILE, key, detail);
	free(key);
	free(detail);
	pending_flush(e->pend);
	rc = txn_commit(e->x);
	if (rc != 0) {
		pending_drop(e->pend);
		return -1;
	}
	pending_emit(e->pend, &e->c);
	return 0;
}

static void
enroll_free(struct enroll *e)
{
	size_t i;

	if (e->seen)
		strmap_free(e->seen);
	free(e->first);
	for (i = 0; i < e->ninputs; i++)
		free(e->inputs[i]);
	free(e->inputs);
	free(e->in_schema);
	free(e->in_roster);
	free(e->in_rej);
	free(e->vals);
	rindex_close(e->ri);
	registry_free(&e->reg);
	for (i = 0; i < e->rcols; i++)
		free((char *)e->rnames[i]);
	free(e->rnames);
	free(e->rschema);
	for (i = 0; i < e->nrej; i++)
		free(e->rejnames[i]);
	free(e->rejnames);
	buf_free(&e->pr.reason);
}

/*
 * enroll_main: add (commit = 1) or check (commit = 0).  Exit status: 0
 * every row accepted, 1 some refused, 2 usage or I/O error (nothing
 * enrolled).
 */
int
enroll_main(int argc, char **argv, int commit)
{
	static char *stdin_only[] = { "-", NULL };
	struct enroll e;
	char **files;
	int n, i, trouble = 0;

	memset(&e, 0, sizeof(e));
	e.commit = commit;
	files = parse_args(argc, argv, add_opts, &e.c, add_opt, &e,
	    commit ? add_usage : check_usage, &n);
	if (!commit && e.all_or_nothing)
		usage_error("check: --all-or-nothing is for add");
	find_schema_cols(&e);
	if (begin(&e) != 0)
		trouble = 1;
	for (i = 0; !trouble && i < (n ? n : 1); i++)
		if (enroll_file(&e, n ? files[i] : stdin_only[0]) != 0)
			trouble = 1;
	if (e.rej != NULL) {
		out_close(e.rej);
		if (close(e.rejfd) != 0) {
			warnmsg("%s:", e.rejects_path);
			trouble = 1;
		}
	}
	if (trouble) {
		if (e.x != NULL)
			txn_abort(e.x);
		pending_drop(e.pend);
	} else if (commit && finish(&e) != 0)
		trouble = 1;
	enroll_free(&e);
	free(files);
	if (trouble)
		return EXIT_TROUBLE;
	return e.refused > 0 ? EXIT_FOUND : EXIT_CLEAN;
}

int
cmd_add(int argc, char **argv)
{
	return enroll_main(argc, argv, 1);
}

int
cmd_check(int argc, char **argv)
{
	return enroll_main(argc, argv, 0);
}
