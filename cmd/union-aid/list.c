/*
 * list.c - union-aid list: the applications, one row each, filtered;
 * joined with the member's details on request, personal data masked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

static const char usage[] =
"usage: union-aid list [--status S] [--program P] [--member M] [--year Y]\n"
"           [--union U] [--with-member] [--show-pii] [--format F]\n"
"\n"
"  -s, --status S     applied, approved, rejected or paid\n"
"  -p, --program P    one programme\n"
"  -m, --member M     one member\n"
"  -y, --year Y       applications dated in year Y\n"
"  -u, --union U      members of union U and the unions under it\n"
"  -w, --with-member  add the member's name, id_number, phone, union_id\n"
"      --show-pii     show ID numbers, phones, names unmasked\n"
"example: union-aid list --status approved --year 2026 --format table\n";

enum { O_STATUS = 1, O_PROGRAM, O_MEMBER, O_YEAR, O_UNION, O_WITH };

static const struct opt opts[] = {
	{ "status", 's', OPT_ARG, O_STATUS },
	{ "program", 'p', OPT_ARG, O_PROGRAM },
	{ "member", 'm', OPT_ARG, O_MEMBER },
	{ "year", 'y', OPT_ARG, O_YEAR },
	{ "union", 'u', OPT_ARG, O_UNION },
	{ "with-member", 'w', OPT_NOARG, O_WITH },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

struct list {
	struct cli cli;
	const char *status, *program, *member, *top;
	int	 year;		/* 0: any */
	int	 with_member;
	struct sheet aid;
	struct strmap *members;	/* NULL unless joined */
	struct unions *unions;	/* NULL unless --union */
};

static const char *const member_cols[] = { "name", "id_number", "phone",
	"union_id" };

/* pass_own: the filters the row answers by itself. */
static int
pass_own(const struct list *l, size_t i)
{
	const struct sheet *sh = &l->aid;
	const char *applied = sheet_cell(sh, i, "applied");

	if (l->status && strcmp(sheet_cell(sh, i, "status"), l->status) != 0)
		return 0;
	if (l->program && strcmp(sheet_cell(sh, i, "program"), l->program))
		return 0;
	if (l->member && strcmp(sheet_cell(sh, i, "member_id"), l->member))
		return 0;
	if (l->year && atoi(applied) != l->year)
		return 0;
	return 1;
}

static int
pass_union(const struct list *l, size_t i)
{
	const struct member *m;

	if (l->top == NULL)
		return 1;
	m = member_get(l->members, sheet_cell(&l->aid, i, "member_id"));
	return m != NULL && union_within(l->unions, m->union_id, l->top);
}

/* select_rows: the rows passing the filters of the row itself. */
static size_t *
select_rows(const struct list *l, size_t *n)
{
	size_t *v = xcalloc(l->aid.nrows + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < l->aid.nrows; i++)
		if (pass_own(l, i))
			v[(*n)++] = i;
	return v;
}

static int
join_members(struct list *l, const size_t *rows, size_t n)
{
	const char *id;
	size_t k;
	int isnew;

	l->members = strmap_new();
	for (k = 0; k < n; k++) {
		id = sheet_cell(&l->aid, rows[k], "member_id");
		strmap_put(l->members, id, strlen(id), &isnew);
	}
	return members_load(l->cli.datadir, l->members, NULL) ?
	    0 : -1;
}

/* put_row: row i, with the member's details when asked (out_listing
   masks what is personal, the member of health aid too). */
static void
put_row(const struct list *l, struct out *o, size_t i)
{
	const struct sheet *sh = &l->aid;
	const struct member *m = NULL;
	const char *vals[64 + 4];
	size_t j, n = 0;

	for (j = 0; j < sh->ncols && j < 64; j++, n++)
		vals[n] = sheet_row(sh, i)[j].s;
	if (l->with_member) {
		m = member_get(l->members, sheet_cell(sh, i, "member_id"));
		vals[n++] = m ? m->name : "";
		vals[n++] = m ? m->idnum : "";
		vals[n++] = m ? m->phone : "";
		vals[n++] = m ? m->union_id : "";
	}
	out_row(o, n, vals);
}

static void
print(const struct list *l, const size_t *rows, size_t n)
{
	const char *names[64 + 4];
	struct out *o = out_listing(&l->cli);
	size_t j, k, nc = 0;

	for (j = 0; j < l->aid.ncols && j < 64; j++)
		names[nc++] = l->aid.cols[j];
	for (k = 0; l->with_member && k < NELEM(member_cols); k++)
		names[nc++] = member_cols[k];
	out_header(o, nc, names);
	for (k = 0; k < n; k++)
		if (pass_union(l, rows[k]))
			put_row(l, o, rows[k]);
	out_close(o);
}

static int
run(struct list *l)
{
	size_t *rows, n;
	int rc = EXIT_TROUBLE;

	if (sheet_load(&l->aid, l->cli.datadir, AID_FILE, &schema_aid,
	    l->cli.today, 0) != 0)
		return EXIT_TROUBLE;
	rows = select_rows(l, &n);
	if (l->top != NULL) {
		if ((l->unions = unions_load(l->cli.datadir)) == NULL)
			goto out;
		if (!union_exists(l->unions, l->top)) {
			warnmsg("union %s not found", l->top);
			goto out;
		}
	}
	if ((l->with_member || l->top) && join_members(l, rows, n) != 0)
		goto out;
	print(l, rows, n);
	rc = l->aid.bad ? EXIT_TROUBLE : EXIT_CLEAN;
out:
	free(rows);
	return rc;
}

int
cmd_list(int argc, char **argv)
{
	struct list l;
	struct optstate s;
	int id, rc;

	memset(&l, 0, sizeof(l));
	cli_init(&l.cli);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, opts)) != OPT_END) {
		switch (id) {
		case O_STATUS: l.status = s.arg; break;
		case O_PROGRAM: l.program = s.arg; break;
		case O_MEMBER: l.member = s.arg; break;
		case O_YEAR: l.year = parse_year("--year", s.arg); break;
		case O_UNION: l.top = s.arg; break;
		case O_WITH: l.with_member = 1; break;
		case OPT_BAD: opt_bad("list");
		default: cli_common(&l.cli, id, s.arg); break;
		}
	}
	if (l.cli.help)
		help_exit(usage);
	if (s.noperands > 0)
		usage_error("list takes no operands");
	if (l.status && enum_index(aid_statuses, l.status,
	    strlen(l.status)) < 0)
		usage_error("--status: '%s': not one of %s", l.status,
		    enum_list(aid_statuses));
	rc = run(&l);
	sheet_free(&l.aid);
	members_free(l.members);
	unions_free(l.unions);
	return rc;
}
