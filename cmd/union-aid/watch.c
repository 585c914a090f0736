/*
 * watch.c - union-aid watch: members in hardship to whom nothing has
 * been paid for a while, the early warning against families falling
 * back into hardship.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

static const char usage[] =
"usage: union-aid watch [--months N] [--union U] [--show-pii] [--format F]\n"
"\n"
"  -n, --months N   nothing paid in the last N months (default 12)\n"
"  -u, --union U    members of union U and the unions under it\n"
"      --show-pii   names and phones unmasked\n"
"example: union-aid watch --months 6 --format table\n";

enum { O_MONTHS = 1, O_UNION };

static const struct opt opts[] = {
	{ "months", 'n', OPT_ARG, O_MONTHS },
	{ "union", 'u', OPT_ARG, O_UNION },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const char *const columns[] = { "member_id", "name", "phone",
	"hardship", "union_id", "union_name", "last_paid" };

struct watch {
	struct cli cli;
	int	 months;
	const char *top;
	struct strmap *lastpaid;	/* member_id -> int32_t day */
	struct arena *arena;
	struct strmap *members;
	struct unions *unions;
	struct member **v;		/* the members to show */
	size_t	 n;
	int	 bad;			/* aid.csv records skipped */
};

static int
in_hardship(const struct member *m)
{
	return member_is_current(m) && *m->hardship != '\0' &&
	    strcmp(m->hardship, "none") != 0;
}

/* note_payments: the last paid_on of each member in aid.csv. */
static int
note_payments(struct watch *w)
{
	struct sheet aid;
	struct field f;
	int32_t day, *last;
	void **slot;
	size_t i;
	int isnew;

	if (sheet_load(&aid, w->cli.datadir, AID_FILE, &schema_aid,
	    w->cli.today, 0) != 0)
		return -1;
	for (i = 0; i < aid.nrows; i++) {
		if (strcmp(sheet_cell(&aid, i, "status"), "paid") != 0)
			continue;
		if (sheet_day(&aid, i, "paid_on", &day) != 0)
			continue;
		f = sheet_get(&aid, i, "member_id");
		slot = strmap_put(w->lastpaid, f.s, f.len, &isnew);
		if (isnew)
			*slot = arena_zalloc(w->arena, sizeof(int32_t));
		last = *slot;
		if (isnew || day > *last)
			*last = day;
	}
	w->bad = aid.bad;
	sheet_free(&aid);
	return 0;
}

static const int32_t *
last_paid(const struct watch *w, const char *member)
{
	void **slot = strmap_get(w->lastpaid, member, strlen(member));

	return slot ? *slot : NULL;
}

static void
gather(const char *key, size_t n, void *val, void *arg)
{
	struct watch *w = arg;
	struct member *m = val;
	const int32_t *last = last_paid(w, m->id);
	int32_t since = date_add_months(w->cli.today, -w->months);

	(void)key;
	(void)n;
	if (last != NULL && *last >= since)
		return;
	if (w->top && !union_within(w->unions, m->union_id, w->top))
		return;
	w->v[w->n++] = m;
}

static int
by_union_then_member(const void *a, const void *b)
{
	const struct member *x = *(struct member *const *)a;
	const struct member *y = *(struct member *const *)b;
	int c = strcmp(x->union_id, y->union_id);

	return c ? c : strcmp(x->id, y->id);
}

static void
print(const struct watch *w)
{
	struct out *o = out_listing(&w->cli);	/* masks name and phone */
	const struct member *m;
	const int32_t *last;
	const char *vals[NELEM(columns)];
	size_t k;

	out_header(o, NELEM(columns), columns);
	for (k = 0; k < w->n; k++) {
		m = w->v[k];
		last = last_paid(w, m->id);
		vals[0] = m->id;
		vals[1] = m->name;
		vals[2] = m->phone;
		vals[3] = m->hardship;
		vals[4] = m->union_id;
		vals[5] = union_name(w->unions, m->union_id);
		vals[6] = last ? fmt_date(*last) : "";
		out_row(o, NELEM(columns), vals);
	}
	out_close(o);
}

static int
run(struct watch *w)
{
	w->lastpaid = strmap_new();
	w->arena = arena_new();
	if (note_payments(w) != 0)
		return EXIT_TROUBLE;
	if ((w->unions = unions_load(w->cli.datadir)) == NULL)
		return EXIT_TROUBLE;
	if (w->top && !union_exists(w->unions, w->top)) {
		warnmsg("union %s not found", w->top);
		return EXIT_TROUBLE;
	}
	w->members = members_load(w->cli.datadir, NULL, in_hardship);
	if (w->members == NULL)
		return EXIT_TROUBLE;
	w->v = xcalloc(strmap_count(w->members) + 1, sizeof(*w->v));
	strmap_each(w->members, gather, w);
	qsort(w->v, w->n, sizeof(*w->v), by_union_then_member);
	print(w);
	return w->bad ? EXIT_TROUBLE : EXIT_CLEAN;
}

int
cmd_watch(int argc, char **argv)
{
	struct watch w;
	struct optstate s;
	int id, rc;

	memset(&w, 0, sizeof(w));
	cli_init(&w.cli);
	w.months = 12;
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, opts)) != OPT_END) {
		switch (id) {
		case O_MONTHS: w.months = (int)parse_count("--months",
		    s.arg, 1, 1200); break;
		case O_UNION: w.top = s.arg; break;
		case OPT_BAD: opt_bad("watch");
		default: cli_common(&w.cli, id, s.arg); break;
		}
	}
	if (w.cli.help)
		help_exit(usage);
	if (s.noperands > 0)
		usage_error("watch takes no operands");
	rc = run(&w);
	free(w.v);
	if (w.lastpaid)
		strmap_free(w.lastpaid);
	if (w.arena)
		arena_free(w.arena);
	members_free(w.members);
	unions_free(w.unions);
	return rc;
}
