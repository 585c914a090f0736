/*
 * common.c - option handling, ids, problems of a row and output held
 * until commit, for every union-enroll command (streaming rewrites are
 * lib/sheet.c's).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enroll.h"

char **
parse_args(int argc, char **argv, const struct opt *tab, struct cli *c,
    void (*own)(void *ctx, int id, const char *arg), void *ctx,
    const char *usage, int *noperands)
{
	struct optstate s;
	char **ops;
	int id;

	cli_init(c);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, tab)) != OPT_END) {
		if (id == OPT_BAD) {
			warnmsg("see '%s %s --help'", diag_prog(), argv[0]);
			exit(EXIT_TROUBLE);
		}
		if (!cli_common(c, id, s.arg) && own != NULL)
			own(ctx, id, s.arg);
	}
	if (c->help) {
		fputs(usage, stdout);
		exit(fflush(stdout) == 0 && !ferror(stdout) ? EXIT_CLEAN :
		    EXIT_TROUBLE);
	}
	ops = xcalloc((size_t)s.noperands + 1, sizeof(*ops));
	memcpy(ops, s.operands, (size_t)s.noperands * sizeof(*ops));
	*noperands = s.noperands;
	return ops;
}

int32_t
option_date(const char *opt, const char *arg)
{
	const char *why;
	int32_t day;

	if (date_parse(arg, strlen(arg), &day, &why) != 0)
		usage_error("%s: '%s': %s", opt, arg, why);
	return day;
}

struct tbl_opts
tbl_opts_for(const struct cli *c)
{
	struct tbl_opts o;

	memset(&o, 0, sizeof(o));
	o.enc = c->encoding;
	return o;
}

char *
fmt_member_id(uint32_t n, char out[10])
{
	snprintf(out, 10, "M%08u", (unsigned)n);
	return out;
}

char *
fmt_union_id(uint32_t n, char out[8])
{
	snprintf(out, 8, "U%06u", (unsigned)n);
	return out;
}

uint32_t
union_number(const char *s, size_t n)
{
	uint32_t v = 0;
	size_t i;

	if (n != 7 || s[0] != 'U')
		return 0;
	for (i = 1; i < 7; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	return v;
}

/* ---- the union registry ---- */

struct unionrec *
registry_add(struct registry *r, const char *id, const char *parent,
    const char *credit, int level, int active)
{
	struct unionrec *u = xcalloc(1, sizeof(*u));
	uint32_t num;
	void **slot;
	int isnew;

	u->id = xstrdup(id);
	u->parent = xstrdup(parent);
	u->credit = xstrdup(credit);
	u->level = level;
	u->active = active;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->all = xreallocarray(r->all, r->cap, sizeof(*r->all));
	}
	r->all[r->n++] = u;
	slot = strmap_put(r->byid, id, strlen(id), &isnew);
	if (isnew)
		*slot = u;
	if (active && *credit != '\0') {
		slot = strmap_put(r->bycredit, credit, strlen(credit), &isnew);
		if (isnew)
			*slot = u;
	}
	if ((num = union_number(id, strlen(id))) > r->max_number)
		r->max_number = num;
	return u;
}

/* registry_status: one row of unions.csv: only whether it is active */
static void
registry_status(struct registry *r, const struct field *id,
    const struct field *status)
{
	uint32_t num;
	void **slot;
	int isnew;

	slot = strmap_put(r->byid, id->s, id->len, &isnew);
	if (isnew)
		*slot = streqn(status->s, status->len, "active") ?
		    REG_ACTIVE : REG_DISSOLVED;
	if ((num = union_number(id->s, id->len)) > r->max_number)
		r->max_number = num;
}

/* registry_row: one row of unions.csv into the registry */
static void
registry_row(struct registry *r, const struct table *t, const int *col)
{
	const struct field *f = tbl_fields(t);
	static const struct field none = { "", 0 };
	struct unionrec *u;
	char *v[5];
	int i;

	if (!r->full) {
		registry_status(r, &f[col[0]], col[4] >= 0 ? &f[col[4]] :
		    &none);
		return;
	}
	for (i = 0; i < 5; i++)
		v[i] = (char *)(col[i] >= 0 ? f[col[i]].s : "");
	u = registry_add(r, v[0], v[1], v[3],
	    enum_index(union_levels, v[2], strlen(v[2])),
	    strcmp(v[4], "active") == 0);
	u->line = tbl_line(t);
}

int
registry_load(struct registry *r, const char *dir, int flags)
{
	static const char *const cols[] = {
		"union_id", "parent_id", "level", "credit_code", "status"
	};
	struct tbl_opts o = { 0, ENC_UTF8, 0 };
	struct table *t;
	char *path;
	int col[5], i, rc;

	memset(r, 0, sizeof(*r));
	r->full = flags & REG_FULL;
	r->byid = strmap_new();
	r->bycredit = strmap_new();
	if ((path = datadir_find(dir, "unions")) == NULL) {
		path = datadir_path(dir, UNIONS_FILE);
		warnmsg("%s: no such file (run 'union-enroll init' first?)",
		    path);
		free(path);
		return -1;
	}
	t = tbl_open(path, &o);
	free(path);
	if (t == NULL)
		return -1;
	for (i = 0; i < 5; i++)
		col[i] = tbl_col(t, cols[i]);
	if (col[0] < 0) {
		warn_at(tbl_name(t), 1, "union_id", "required column missing");
		tbl_close(t);
		return -1;
	}
	while ((rc = tbl_next(t)) != TBL_EOF) {
		if (rc == TBL_FATAL) {
			tbl_perror(t);
			tbl_close(t);
			return -1;
		}
		if (rc == TBL_ROW)
			registry_row(r, t, col);
	}
	tbl_close(t);
	return 0;
}

struct unionrec *
registry_get(const struct registry *r, const char *id, size_t n)
{
	void **slot = strmap_get(r->byid, id, n);

	return slot && r->full ? *slot : NULL;
}

void
registry_free(struct registry *r)
{
	size_t i;

	if (r->byid == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->all[i]->id);
		free(r->all[i]->parent);
		free(r->all[i]->credit);
		free(r->all[i]);
	}
	free(r->all);
	strmap_free(r->byid);
	strmap_free(r->bycredit);
}

const char *
union_problem(const struct registry *r, const char *id, size_t n)
{
	static char msg[160];
	void **slot = strmap_get(r->byid, id, n);
	int shown = (int)(n > 100 ? 100 : n);

	if (slot == NULL)
		snprintf(msg, sizeof(msg), "no such union: %.*s", shown, id);
	else if (r->full ? !((struct unionrec *)*slot)->active :
	    *slot != REG_ACTIVE)
		snprintf(msg, sizeof(msg), "union %.*s is dissolved", shown,
		    id);
	else
		return NULL;
	return msg;
}

/* ---- problems of one row ---- */

void
problems_start(struct problems *p, const char *file, long line)
{
	p->file = file;
	p->line = line;
	p->errors = 0;
	buf_reset(&p->reason);
}

void
problem(struct problems *p, const char *column, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warn_at(p->file, p->line, column, "%s", msg);
	if (p->reason.len > 0)
		buf_adds(&p->reason, "; ");
	if (column != NULL)
		buf_printf(&p->reason, "%s: ", column);
	buf_adds(&p->reason, msg);
	p->errors++;
}

void
warning(struct problems *p, const char *column, const char *msg)
{
	warn_at(p->file, p->line, column, "warning: %s", msg);
}

/* ---- output held until commit ---- */

struct pending {
	FILE	*fp;
	struct out *o;
	size_t	 ncols;
	char	**names;	/* owned copies */
};

struct pending *
pending_new(size_t ncols, const char *const *names)
{
	struct pending *p = xcalloc(1, sizeof(*p));
	size_t i;

	if ((p->fp = tmpfile()) == NULL)
		die(EXIT_TROUBLE, "temporary file:");
	p->o = out_open_fd(fileno(p->fp), "<temporary file>", FMT_CSV, 0);
	p->ncols = ncols;
	p->names = xcalloc(ncols, sizeof(*p->names));
	for (i = 0; i < ncols; i++)
		p->names[i] = xstrdup(names[i]);
	out_header(p->o, ncols, names);
	return p;
}

void
pending_row(struct pending *p, const char *const *vals)
{
	out_row(p->o, p->ncols, vals);
}

void
pending_flush(struct pending *p)
{
	out_flush(p->o);
}

/* emit_rows: copy the rows of t to o (which masks what it must) */
static void
emit_rows(struct table *t, struct out *o)
{
	size_t n = tbl_ncols(t);
	int rc;

	while ((rc = tbl_next(t)) == TBL_ROW)
		out_rowf(o, n, tbl_fields(t));
	if (rc != TBL_EOF)
		tbl_perror(t);
}

void
pending_emit(struct pending *p, const struct cli *c)
{
	struct tbl_opts to = { ',', ENC_UTF8, 0 };
	struct table *t;
	struct out *o;
	const char **names;
	size_t n;
	int fd;

	out_close(p->o);
	p->o = NULL;
	if (lseek(fileno(p->fp), 0, SEEK_SET) != 0 ||
	    (fd = dup(fileno(p->fp))) < 0)
		die(EXIT_TROUBLE, "temporary file:");
	if ((t = tbl_open_fd(fd, "<temporary file>", &to)) == NULL)
		exit(EXIT_TROUBLE);
	n = tbl_ncols(t);
	names = sheet_names(t);
	o = out_stdout(c->format, cli_out_flags(c));
	out_header(o, n, names);
	emit_rows(t, o);
	out_close(o);
	free(names);
	tbl_close(t);
	pending_drop(p);
}

void
pending_none(struct pending *p, const struct cli *c)
{
	struct out *o = out_stdout(c->format, cli_out_flags(c));

	out_header(o, p->ncols, (const char *const *)p->names);
	out_close(o);
	pending_drop(p);
}

void
pending_drop(struct pending *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->o != NULL)
		out_close(p->o);
	fclose(p->fp);
	for (i = 0; i < p->ncols; i++)
		free(p->names[i]);
	free(p->names);
	free(p);
}
