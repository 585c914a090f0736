/*
 * move.c - union-enroll transfer and leave: a membership moves to
 * another union, or ends, or is retained.  Both rewrite the roster in
 * one pass (the old row's status changes in place; a transfer adds the
 * new membership at the end) and leave a fresh real-name index for it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enroll.h"

static const char transfer_usage[] =
"usage: union-enroll transfer [-D DIR] MEMBER_ID --to UNION_ID [--date D]\n"
"                             [--employer NAME] [--by NAME]\n"
"       union-enroll transfer [-D DIR] [--date D] [--all-or-nothing] < ROWS\n"
"  Move a membership to another union: the old row becomes transferred,\n"
"  a new active row is made in the target union.  ROWS has the columns\n"
"  member_id and to_union, and may have date and employer.\n"
"  --to UNION_ID      the union the member moves to\n"
"  --date D           the date of the move (default: today)\n"
"  --employer NAME    the member's new employer\n"
"  --all-or-nothing   move nobody unless every row can be moved\n"
"example: union-enroll transfer M00000042 --to U000057 --date 2026-03-01\n";

static const char leave_usage[] =
"usage: union-enroll leave [-D DIR] MEMBER_ID\n"
"                          [--reason left|deceased|retained]\n"
"                          [--date D] [--by NAME]\n"
"       union-enroll leave [-D DIR] [--reason R] [--date D] [--all-or-nothing]\n"
"                          < ROWS\n"
"  End a membership (left, deceased) or keep it without dues (retained).\n"
"  ROWS has the column member_id, and may have reason and date.\n"
"  --reason R         left (the default), deceased or retained\n"
"  --date D           the date it ends (default: today)\n"
"  --all-or-nothing   change nobody unless every row can be changed\n"
"example: union-enroll leave M00000042 --reason retained\n";

static const struct opt move_opts[] = {
	COMMON_OPTS,
	BY_OPT,
	{ "to", 0, OPT_ARG, O_TO },
	{ "date", 0, OPT_ARG, O_DATE },
	{ "employer", 0, OPT_ARG, O_EMPLOYER },
	{ "reason", 0, OPT_ARG, O_REASON },
	{ "all-or-nothing", 0, OPT_NOARG, O_ALL_OR_NOTHING },
	OPTS_END
};

static const char *const leave_reasons[] = {
	"left", "deceased", "retained", NULL
};

struct request {
	char	*member;	/* member_id */
	char	*to;		/* transfer: the target union */
	char	*employer;	/* transfer: the new employer, or NULL */
	const char *status;	/* leave: the new status */
	int32_t	 date;
	const char *file;	/* batch: where it came from */
	long	 line;
	const char *column;	/* the refusal: its column and message */
	char	*why;
	int	 found;		/* its roster row was seen */
	char	 newid[10];	/* transfer: the new membership */
};

struct move {
	struct cli c;
	int	 transfer;	/* 1 transfer, 0 leave */
	const char *to, *employer, *reason;
	int32_t	 date;
	int	 all_or_nothing;
	char	*input;		/* the batch's name, for messages */
	struct request *req;
	size_t	 nreq, capreq;
	struct strmap *bymember;	/* member_id -> struct request * */
	struct registry reg;
	struct rindex_build *rb;
	uint32_t max_member;
	/* roster columns, known at the first row */
	int	 cols_known;
	int	 cm, ci, cs, cu, cj, ce;
	size_t	 ncols;
	char	***newrows;	/* transfer: the new memberships */
	size_t	 nnew;
	struct pending *pend;
	unsigned long applied, refused;
};

static void
move_opt(void *ctx, int id, const char *arg)
{
	struct move *m = ctx;

	switch (id) {
	case O_TO:
		m->to = arg;
		break;
	case O_DATE:
		m->date = option_date("--date", arg);
		break;
	case O_EMPLOYER:
		m->employer = arg;
		break;
	case O_REASON:
		if (enum_index(leave_reasons, arg, strlen(arg)) < 0)
			usage_error("--reason: '%s': must be one of %s", arg,
			    enum_list(leave_reasons));
		m->reason = arg;
		break;
	case O_ALL_OR_NOTHING:
		m->all_or_nothing = 1;
		break;
	}
}

/* refuse: remember why a request cannot be done (the first reason) */
static void
refuse(struct request *r, const char *column, const char *fmt, ...)
{
	va_list ap;

	if (r->why != NULL)
		return;
	va_start(ap, fmt);
	r->why = xmalloc(256);
	vsnprintf(r->why, 256, fmt, ap);
	va_end(ap);
	r->column = column;
}

static struct request *
new_request(struct move *m, const char *member)
{
	struct request *r;

	if (m->nreq == m->capreq) {
		m->capreq = m->capreq ? m->capreq * 2 : 16;
		m->req = xreallocarray(m->req, m->capreq, sizeof(*m->req));
	}
	r = &m->req[m->nreq++];
	memset(r, 0, sizeof(*r));
	r->member = xstrdup(member);
	r->date = m->date;
	r->status = m->reason;
	return r;
}

/* request_date: a batch row's own date, when it gives one */
static void
request_date(struct request *r, struct field f, int32_t today)
{
	const char *why;

	if (f.len == 0)
		return;
	if (date_parse(f.s, f.len, &r->date, &why) != 0)
		refuse(r, "date", "%s", why);
	else if (r->date > today)
		refuse(r, "date", "in the future");
}

static struct field
col_value(const struct table *t, int col)
{
	struct field none = { "", 0 };

	return col >= 0 ? tbl_fields(t)[col] : none;
}

/* batch_row: one request row of standard input */
static void
batch_row(struct move *m, const struct table *t, const int *col)
{
	struct field f = col_value(t, col[0]);
	struct request *r = new_request(m, f.s);

	if (m->input == NULL)
		m->input = xstrdup(tbl_name(t));
	r->file = m->input;
	r->line = tbl_line(t);
	if (f.len == 0)
		refuse(r, "member_id", "required");
	if (m->transfer) {
		f = col_value(t, col[1]);
		r->to = xstrdup(f.s);
		if (f.len == 0)
			refuse(r, "to_union", "required");
		f = col_value(t, col[3]);
		if (f.len > 0)
			r->employer = xstrdup(f.s);
	} else {
		f = col_value(t, col[1]);
		if (f.len > 0 && enum_index(leave_reasons, f.s, f.len) < 0)
			refuse(r, "reason", "must be one of %s",
			    enum_list(leave_reasons));
		else if (f.len > 0)
			r->status = leave_reasons[enum_index(leave_reasons,
			    f.s, f.len)];
	}
	request_date(r, col_value(t, col[2]), m->c.today);
}

/* bad_row: a malformed record, refused in its place among the rows */
static void
bad_row(struct move *m, const struct table *t)
{
	struct request *r = new_request(m, "");

	if (m->input == NULL)
		m->input = xstrdup(tbl_name(t));
	r->file = m->input;
	r->line = tbl_error_line(t);
	refuse(r, NULL, "%s", tbl_error(t));
}

/* read_batch: the request rows of standard input; -1 on error */
static int
read_batch(struct move *m)
{
	static const char *const tcols[] = {
		"member_id", "to_union", "date", "employer"
	};
	static const char *const lcols[] = {
		"member_id", "reason", "date", NULL
	};
	const char *const *names = m->transfer ? tcols : lcols;
	struct tbl_opts o = tbl_opts_for(&m->c);
	struct table *t;
	int col[4], i, rc;

	if ((t = tbl_open(NULL, &o)) == NULL)
		return -1;
	for (i = 0; i < 4; i++)
		col[i] = names[i] ? tbl_col(t, names[i]) : -1;
	for (i = 0; i < (m->transfer ? 2 : 1); i++)
		if (col[i] < 0) {
			warn_at(tbl_name(t), 1, names[i],
			    "required column missing");
			tbl_close(t);
			return -1;
		}
	while ((rc = tbl_next(t)) != TBL_EOF) {
		if (rc == TBL_FATAL) {
			tbl_perror(t);
			tbl_close(t);
			return -1;
		}
		if (rc == TBL_BAD)
			bad_row(m, t);
		else
			batch_row(m, t, col);
	}
	tbl_close(t);
	return 0;
}

/* index_requests: each member once; targets must be active unions */
static void
index_requests(struct move *m)
{
	struct request *r;
	const char *why;
	void **slot;
	size_t i;
	int isnew;

	m->bymember = strmap_new();
	for (i = 0; i < m->nreq; i++) {
		r = &m->req[i];
		if (r->why != NULL)
			continue;
		slot = strmap_put(m->bymember, r->member, strlen(r->member),
		    &isnew);
		if (!isnew) {
			refuse(r, "member_id", "duplicate in this batch: "
			    "first on line %ld", ((struct request *)*slot)->line);
			continue;
		}
		*slot = r;
		if (m->transfer && (why = union_problem(&m->reg, r->to,
		    strlen(r->to))) != NULL)
			refuse(r, "to_union", "%s", why);
	}
}

static void
find_cols(struct move *m, const struct table *t)
{
	m->cm = tbl_col(t, "member_id");
	m->ci = tbl_col(t, "id_number");
	m->cs = tbl_col(t, "status");
	m->cu = tbl_col(t, "union_id");
	m->cj = tbl_col(t, "join_date");
	m->ce = tbl_col(t, "employer");
	m->ncols = tbl_ncols(t);
	m->cols_known = 1;
}

/* judge: may this roster row take the request? */
static int
judge(struct move *m, struct request *r, const char **vals)
{
	const char *status = vals[m->cs], *why;
	int32_t joined;
	char day[11];

	if (strcmp(status, "active") != 0 && strcmp(status, "retained") != 0)
		refuse(r, "member_id", "not a current member (status %s)",
		    status);
	else if (!m->transfer && strcmp(r->status, "retained") == 0 &&
	    strcmp(status, "retained") == 0)
		refuse(r, "reason", "already retained");
	else if (m->transfer && strcmp(vals[m->cu], r->to) == 0)
		refuse(r, "to_union", "already in union %s", r->to);
	else if (date_parse(vals[m->cj], strlen(vals[m->cj]), &joined,
	    &why) == 0 && r->date < joined)
		refuse(r, "date", "%s is before the member joined (%s)",
		    date_fmt(r->date, day), vals[m->cj]);
	return r->why == NULL;
}

/* keep_new_row: the transfer's new membership, a copy of the old row */
static void
keep_new_row(struct move *m, struct request *r, const char **vals)
{
	char **row = xcalloc(m->ncols, sizeof(*row));
	char day[11];
	size_t i;

	for (i = 0; i < m->ncols; i++)
		row[i] = xstrdup(vals[i]);
	free(row[m->cu]);
	row[m->cu] = xstrdup(r->to);
	free(row[m->cj]);
	row[m->cj] = xstrdup(date_fmt(r->date, day));
	free(row[m->cs]);
	row[m->cs] = xstrdup("active");
	if (r->employer != NULL && m->ce >= 0) {
		free(row[m->ce]);
		row[m->ce] = xstrdup(r->employer);
	}
	m->newrows = xreallocarray(m->newrows, m->nnew + 1,
	    sizeof(*m->newrows));
	m->newrows[m->nnew++] = row;
}

static void
feed_index(struct move *m, const char **vals)
{
	rindex_build_row(m->rb, vals[m->cm], strlen(vals[m->cm]),
	    vals[m->ci], strlen(vals[m->ci]), vals[m->cs], strlen(vals[m->cs]));
}

/* move_row: sheet_stream's callback for each roster row */
static int
move_row(void *arg, struct table *t, const char **vals)
{
	struct move *m = arg;
	struct request *r;
	uint32_t num;
	void **slot;

	if (!m->cols_known)
		find_cols(m, t);
	if ((num = rindex_member_number(vals[m->cm],
	    strlen(vals[m->cm]))) > m->max_member)
		m->max_member = num;
	slot = strmap_get(m->bymember, vals[m->cm], strlen(vals[m->cm]));
	r = slot ? *slot : NULL;
	if (r != NULL && r->why == NULL && !r->found) {
		r->found = 1;
		if (judge(m, r, vals)) {
			if (m->transfer) {
				keep_new_row(m, r, vals);
				vals[m->cs] = "transferred";
			} else
				vals[m->cs] = r->status;
			if (!m->transfer)
				pending_row(m->pend, vals);
		}
	}
	feed_index(m, vals);
	return 0;
}

/* add_new_rows: the transfers' new memberships, with fresh IDs */
static int
add_new_rows(struct move *m, struct out *o)
{
	size_t i, k = 0, j;

	for (i = 0; i < m->nreq; i++) {
		struct request *r = &m->req[i];
		char **row;

		if (!r->found || r->why != NULL)
			continue;
		if (m->max_member >= MEMBER_ID_MAX) {
			warnmsg("no member IDs left: M%08u used", MEMBER_ID_MAX);
			return -1;
		}
		row = m->newrows[k++];
		free(row[m->cm]);
		row[m->cm] = xstrdup(fmt_member_id(++m->max_member, r->newid));
		out_row(o, m->ncols, (const char *const *)row);
		pending_row(m->pend, (const char *const *)row);
		feed_index(m, (const char **)row);
		for (j = 0; j < m->ncols; j++)
			free(row[j]);
		free(row);
	}
	free(m->newrows);
	return 0;
}

/* log_requests: print refusals in request order; journal the rest */
static void
log_requests(struct move *m, struct txn *x)
{
	char day[11], *detail;
	size_t i;

	for (i = 0; i < m->nreq; i++) {
		struct request *r = &m->req[i];

		if (r->why == NULL && !r->found)
			refuse(r, "member_id", "no such member");
		if (r->why != NULL) {
			if (r->file != NULL)
				warn_at(r->file, r->line, r->column, "%s",
				    r->why);
			else
				warnmsg("%s: %s", r->member, r->why);
			m->refused++;
			continue;
		}
		m->applied++;
		date_fmt(r->date, day);
		if (m->transfer)
			detail = xasprintf("transferred to %s as %s on %s",
			    r->to, r->newid, day);
		else
			detail = xasprintf("%s on %s", r->status, day);
		txn_log(x, m->transfer ? "transfer" : "leave", MEMBERS_FILE,
		    r->member, detail);
		free(detail);
	}
}

/*
 * save_index: a real-name index for the staged roster, written before
 * the commit: if the commit fails, its inode is not the roster's and the
 * index is simply found stale.
 */
static void
save_index(struct move *m, struct out *o)
{
	char *staged = xasprintf("%s/%s.tmp", m->c.datadir, MEMBERS_FILE);

	out_flush(o);
	(void)rindex_build_write(m->rb, m->c.datadir, staged);
	free(staged);
}

/* prepare: the registry, the requests checked, the roster's columns */
static int
prepare(struct move *m)
{
	struct table *t;
	const char **names;

	if (registry_load(&m->reg, m->c.datadir, 0) != 0)
		return -1;
	index_requests(m);
	m->rb = rindex_build_new();
	if ((t = sheet_header(m->c.datadir, MEMBERS_FILE)) == NULL)
		return -1;
	find_cols(m, t);
	if (m->cm < 0 || m->ci < 0 || m->cs < 0 || m->cu < 0 || m->cj < 0) {
		warnmsg("%s: member_id, id_number, status, union_id and "
		    "join_date columns needed", MEMBERS_FILE);
		tbl_close(t);
		return -1;
	}
	names = sheet_names(t);
	m->pend = pending_new(m->ncols, names);
	free(names);
	tbl_close(t);
	return 0;
}

/* apply: the rewrite of the roster under one transaction */
static int
apply(struct move *m)
{
	struct txn *x;
	struct out *o;

	if ((x = txn_begin(m->c.datadir, TOOL, m->c.by)) == NULL)
		return -1;
	if (prepare(m) != 0 || (o = sheet_stream(x, m->c.datadir,
	    MEMBERS_FILE, move_row, m, NULL)) == NULL ||
	    (m->transfer && add_new_rows(m, o) != 0)) {
		txn_abort(x);
		pending_drop(m->pend);
		return -1;
	}
	log_requests(m, x);
	if (m->applied == 0 || (m->all_or_nothing && m->refused > 0)) {
		if (m->applied > 0)
			warnmsg("nothing changed: %lu of %lu rows refused "
			    "(--all-or-nothing)", m->refused,
			    m->refused + m->applied);
		txn_abort(x);
		pending_none(m->pend, &m->c);
		return 0;
	}
	save_index(m, o);
	pending_flush(m->pend);
	if (txn_commit(x) != 0) {
		pending_drop(m->pend);
		return -1;
	}
	pending_emit(m->pend, &m->c);
	return 0;
}

static void
move_free(struct move *m)
{
	size_t i;

	for (i = 0; i < m->nreq; i++) {
		free(m->req[i].member);
		free(m->req[i].to);
		free(m->req[i].employer);
		free(m->req[i].why);
	}
	free(m->req);
	free(m->input);
	if (m->bymember)
		strmap_free(m->bymember);
	registry_free(&m->reg);
	rindex_build_free(m->rb);
}

/* move_main: transfer (transfer = 1) or leave; the exit status */
static int
move_main(int argc, char **argv, int transfer)
{
	struct move m;
	char **ops;
	int n, rc = 0;

	memset(&m, 0, sizeof(m));
	m.transfer = transfer;
	m.date = INT32_MIN;
	ops = parse_args(argc, argv, move_opts, &m.c, move_opt, &m,
	    transfer ? transfer_usage : leave_usage, &n);
	if (m.date == INT32_MIN)
		m.date = m.c.today;
	else if (m.date > m.c.today)
		usage_error("--date: in the future");
	if (transfer && m.to == NULL && m.employer != NULL)
		usage_error("transfer: --employer needs --to");
	if (!transfer && (m.to != NULL || m.employer != NULL))
		usage_error("leave: --to and --employer are for transfer");
	if (transfer && m.reason != NULL)
		usage_error("transfer: --reason is for leave");
	if (!transfer && m.reason == NULL)
		m.reason = "left";
	if (n > 1 || (transfer && m.to != NULL && n != 1))
		usage_error("%s: give one MEMBER_ID, or rows on standard "
		    "input", argv[0]);
	if (n == 1 && strcmp(ops[0], "-") != 0) {
		if (transfer && m.to == NULL)
			usage_error("transfer: --to UNION_ID is required");
		new_request(&m, ops[0])->to = m.to ? xstrdup(m.to) : NULL;
		if (m.to != NULL && m.employer != NULL)
			m.req[0].employer = xstrdup(m.employer);
	} else if (read_batch(&m) != 0)
		rc = -1;
	if (rc == 0)
		rc = apply(&m);
	move_free(&m);
	free(ops);
	if (rc != 0)
		return EXIT_TROUBLE;
	return m.refused > 0 ? EXIT_FOUND : EXIT_CLEAN;
}

int
cmd_transfer(int argc, char **argv)
{
	return move_main(argc, argv, 1);
}

int
cmd_leave(int argc, char **argv)
{
	return move_main(argc, argv, 0);
}
