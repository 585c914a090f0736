/*
 * history.c - findings followed night after night (整改落实).
 *
 * audit-history.csv holds one row per finding identity (check, file,
 * key; a finding without a key is known by its line):
 *	check,file,key,union_id,severity,first_seen,last_seen,status,message
 * status is open or fixed.  Each run marks what it found as seen
 * tonight (a new identity, or a fixed one found again, starts over as
 * new), and what it did not find as fixed, for the checks it ran on
 * files it could read.  The file is rewritten through a transaction,
 * like every file of the directory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"

enum { H_CHECK, H_FILE, H_KEY, H_UNIT, H_SEV, H_MSG, H_NSTR };

static const char *const hist_cols[] = {
	"check", "file", "key", "union_id", "severity", "first_seen",
	"last_seen", "status", "message"
};

struct hentry {
	size_t	 str[H_NSTR];	/* offsets into the pool */
	int32_t	 first, last;
	int	 open;
	int	 seen;		/* found tonight: 1, and new: 2 */
};

struct history {
	struct hentry *v;
	size_t	 n, cap;
	struct buf pool;
	struct strmap *ids;	/* identity -> index + 1 */
	int	 existed;	/* the file was there */
};

static const char *
hstr(const struct history *h, const struct hentry *e, int i)
{
	return h->pool.s + e->str[i];
}

static void
identity(struct buf *b, const char *check, const char *file,
    const char *key)
{
	buf_reset(b);
	buf_printf(b, "%s\t%s\t%s", check, file, key);
}

static struct hentry *
hist_add(struct history *h, const char *const s[H_NSTR], struct buf *id)
{
	struct hentry *e;
	int i;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	e = &h->v[h->n++];
	memset(e, 0, sizeof(*e));
	for (i = 0; i < H_NSTR; i++)
		e->str[i] = buf_keep(&h->pool, s[i], strlen(s[i]));
	*strmap_put(h->ids, id->s, id->len, NULL) = (void *)(uintptr_t)h->n;
	return e;
}

static void
hist_free(struct history *h)
{
	free(h->v);
	buf_free(&h->pool);
	strmap_free(h->ids);
}

static int32_t
day_of(const struct field *f)
{
	const char *why;
	int32_t d;

	return date_parse(f->s, f->len, &d, &why) == 0 ? d : INT32_MIN;
}

/* hist_row: one row of the file into h. */
static void
hist_row(struct history *h, const struct field *f, const int *col,
    struct buf *id)
{
	static const int strcol[H_NSTR] = { 0, 1, 2, 3, 4, 8 };
	const char *s[H_NSTR];
	struct hentry *e;
	int i;

	for (i = 0; i < H_NSTR; i++)
		s[i] = f[col[strcol[i]]].s;
	identity(id, s[H_CHECK], s[H_FILE], s[H_KEY]);
	if (strmap_get(h->ids, id->s, id->len) != NULL)
		return;
	e = hist_add(h, s, id);
	e->first = day_of(&f[col[5]]);
	e->last = day_of(&f[col[6]]);
	e->open = streqn(f[col[7]].s, f[col[7]].len, "open");
}

/*
 * hist_read: the history of dir (empty when there is none).  Returns 0,
 * or -1 after a message when the file is there but cannot be read.
 */
static int
hist_read(const char *dir, struct history *h)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	char *path = datadir_path(dir, HISTORY_FILE);
	struct buf id = {0};
	struct table *t;
	int col[9], r;
	size_t i;

	memset(h, 0, sizeof(*h));
	h->ids = strmap_new();
	buf_addc(&h->pool, '\0');
	if (access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	h->existed = 1;
	t = tbl_open(path, &o);
	free(path);
	if (t == NULL)
		return -1;
	for (i = 0; i < NELEM(hist_cols); i++)
		if ((col[i] = tbl_col(t, hist_cols[i])) < 0) {
			warn_at(HISTORY_FILE, 1, hist_cols[i],
			    "required column missing");
			tbl_close(t);
			return -1;
		}
	while ((r = tbl_next(t)) != TBL_EOF) {
		if (r == TBL_FATAL || r == TBL_BAD) {
			tbl_perror(t);
			if (r == TBL_FATAL)
				break;
			continue;
		}
		hist_row(h, tbl_fields(t), col, &id);
	}
	tbl_close(t);
	buf_free(&id);
	return r == TBL_FATAL ? -1 : 0;
}

/* ---- tonight's findings into the history ---- */

static void
finding_key(const struct findings *fs, const struct finding *f,
    char *out, size_t sz)
{
	const char *key = finding_str(fs, f->key);

	if (*key || f->line <= 0)
		snprintf(out, sz, "%s", key);	/* "": the whole file */
	else
		snprintf(out, sz, "line %ld", f->line);
}

static void
merge_finding(struct audit *a, struct history *h, const struct finding *f,
    struct buf *id, struct hist_counts *hc)
{
	char key[256], sev[8];
	const char *s[H_NSTR];
	struct hentry *e;
	void **slot;

	finding_key(a->fs, f, key, sizeof(key));
	identity(id, checks[f->check].name, finding_str(a->fs, f->file), key);
	if ((slot = strmap_get(h->ids, id->s, id->len)) != NULL) {
		e = &h->v[(uintptr_t)*slot - 1];
		if (e->seen)
			return;
		e->seen = 1;
		if (!e->open) {
			e->first = a->cli.today;
			e->seen = 2;
			hc->new_++;
		}
	} else {
		snprintf(sev, sizeof(sev), "%s",
		    severity_name(checks[f->check].sev));
		s[H_CHECK] = checks[f->check].name;
		s[H_FILE] = finding_str(a->fs, f->file);
		s[H_KEY] = key;
		s[H_UNIT] = finding_str(a->fs, f->unit);
		s[H_SEV] = sev;
		s[H_MSG] = finding_str(a->fs, f->msg);
		e = hist_add(h, s, id);
		e->first = a->cli.today;
		e->seen = 2;
		hc->new_++;
	}
	e->str[H_MSG] = buf_keep(&h->pool, finding_str(a->fs, f->msg),
	    strlen(finding_str(a->fs, f->msg)));
	e->last = a->cli.today;
	e->open = 1;
}

/* ran: did tonight's run look for what e reports? */
static int
ran(const struct audit *a, const struct history *h, const struct hentry *e)
{
	int c = check_by_name(hstr(h, e, H_CHECK), strlen(hstr(h, e, H_CHECK)));

	if (c < 0 || !a->enabled[c])
		return 0;
	/* row checks of a file that could not be read did not run */
	if (c == CK_MISSING_FILE || c == CK_UNREADABLE || c == CK_HEADER)
		return 1;
	return !file_unread(a, hstr(h, e, H_FILE));
}

/*
 * close_fixed: what was open and not found tonight by a check that ran
 * is fixed; what stays open and is not new is still open (found again,
 * or not looked for tonight).
 */
static void
close_fixed(struct audit *a, struct history *h, struct hist_counts *hc)
{
	size_t i;

	hc->oldest_days = -1;
	for (i = 0; i < h->n; i++) {
		struct hentry *e = &h->v[i];

		if (e->open && !e->seen && ran(a, h, e)) {
			e->open = 0;
			hc->fixed++;
		}
		if (e->open && e->seen != 2)
			hc->open++;
		if (e->open && e->first != INT32_MIN &&
		    a->cli.today - e->first > hc->oldest_days)
			hc->oldest_days = a->cli.today - e->first;
	}
}

static void
hist_write_rows(struct out *o, const struct history *h)
{
	char first[11], last[11];
	const char *v[9];
	size_t i;

	out_header(o, NELEM(hist_cols), hist_cols);
	for (i = 0; i < h->n; i++) {
		const struct hentry *e = &h->v[i];

		v[0] = hstr(h, e, H_CHECK);
		v[1] = hstr(h, e, H_FILE);
		v[2] = hstr(h, e, H_KEY);
		v[3] = hstr(h, e, H_UNIT);
		v[4] = hstr(h, e, H_SEV);
		v[5] = e->first != INT32_MIN ? date_fmt(e->first, first) : "";
		v[6] = e->last != INT32_MIN ? date_fmt(e->last, last) : "";
		v[7] = e->open ? "open" : "fixed";
		v[8] = hstr(h, e, H_MSG);
		out_row(o, NELEM(hist_cols), v);
	}
}

/* hist_write: the new history, through a transaction. */
static int
hist_write(struct audit *a, const struct history *h,
    const struct hist_counts *hc)
{
	struct txn *x;
	struct out *o;
	char detail[128];

	if ((x = txn_begin(a->dir, "union-audit", a->cli.by)) == NULL)
		return -1;
	o = h->existed ? txn_rewrite(x, HISTORY_FILE) :
	    txn_create(x, HISTORY_FILE);
	if (o == NULL) {
		txn_abort(x);
		return -1;
	}
	hist_write_rows(o, h);
	snprintf(detail, sizeof(detail), "%lu new, %lu still open, %lu fixed",
	    hc->new_, hc->open, hc->fixed);
	txn_log(x, "history", HISTORY_FILE, "", detail);
	return txn_commit(x);
}

int
history_update(struct audit *a, struct hist_counts *hc)
{
	struct history h;
	struct buf id = {0};
	size_t i;
	int r;

	memset(hc, 0, sizeof(*hc));
	if (hist_read(a->dir, &h) != 0) {
		hist_free(&h);
		return -1;
	}
	for (i = 0; i < findings_count(a->fs); i++)
		merge_finding(a, &h, findings_at(a->fs, i), &id, hc);
	close_fixed(a, &h, hc);
	r = hist_write(a, &h, hc);
	buf_free(&id);
	hist_free(&h);
	return r;
}

/* ---- union-audit open ---- */

static const struct history *sorting;

static int
cmp_age(const void *pa, const void *pb)
{
	const struct hentry *x = *(const struct hentry *const *)pa;
	const struct hentry *y = *(const struct hentry *const *)pb;
	int r;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if ((r = strcmp(hstr(sorting, x, H_FILE), hstr(sorting, y, H_FILE))))
		return r;
	if ((r = strcmp(hstr(sorting, x, H_KEY), hstr(sorting, y, H_KEY))))
		return r;
	return strcmp(hstr(sorting, x, H_CHECK), hstr(sorting, y, H_CHECK));
}

/*
 * list_open: the open findings at least min_days old, oldest first, as
 * severity,check,file,key,union_id,first_seen,last_seen,age_days,message.
 */
static void
list_open(struct out *o, const struct history *h, int32_t today,
    long min_days)
{
	static const char *const head[] = { "severity", "check", "file",
	    "key", "union_id", "first_seen", "last_seen", "age_days",
	    "message" };
	const struct hentry **v = xcalloc(h->n + 1, sizeof(*v));
	char first[11], last[11], age[24];
	const char *row[9];
	size_t i, n = 0;

	for (i = 0; i < h->n; i++)
		if (h->v[i].open && h->v[i].first != INT32_MIN &&
		    today - h->v[i].first >= min_days)
			v[n++] = &h->v[i];
	sorting = h;
	qsort(v, n, sizeof(*v), cmp_age);
	out_header(o, NELEM(head), head);
	out_numeric(o, 7);
	for (i = 0; i < n; i++) {
		row[0] = hstr(h, v[i], H_SEV);
		row[1] = hstr(h, v[i], H_CHECK);
		row[2] = hstr(h, v[i], H_FILE);
		row[3] = hstr(h, v[i], H_KEY);
		row[4] = hstr(h, v[i], H_UNIT);
		row[5] = date_fmt(v[i]->first, first);
		row[6] = v[i]->last != INT32_MIN ? date_fmt(v[i]->last, last) : "";
		snprintf(age, sizeof(age), "%ld", (long)(today - v[i]->first));
		row[7] = age;
		row[8] = hstr(h, v[i], H_MSG);
		out_row(o, NELEM(head), row);
	}
	free(v);
}

enum { OPT_OLDER = 1 };

static const struct opt open_opts[] = {
	{ "older-than", 0, OPT_ARG, OPT_OLDER },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const char open_usage[] =
    "usage: union-audit open [-D DIR] [--older-than DAYS] [--as-of DATE]\n"
    "                        [--format FMT]";

static const char open_help[] =
    "\n"
    "  --older-than DAYS   only findings open at least DAYS days\n"
    "  The findings still open, oldest first, with the union responsible.\n"
    "example: union-audit open --older-than 30 --format table\n";

int
cmd_open(int argc, char **argv)
{
	struct optstate s;
	struct cli c;
	struct history h;
	long days = 0;
	char *end;
	int id;

	cli_init(&c);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, open_opts)) != OPT_END) {
		if (id == OPT_BAD)
			usage_exit(open_usage);
		if (id == OPT_OLDER) {
			days = strtol(s.arg, &end, 10);
			if (*s.arg == '\0' || *end != '\0' || days < 0)
				usage_error("--older-than: '%s' is not a number "
				    "of days", s.arg);
		} else
			cli_common(&c, id, s.arg);
	}
	if (c.help) {
		printf("%s\n%s", open_usage, open_help);
		return EXIT_CLEAN;
	}
	if (s.noperands > 0)
		usage_error("open: unexpected operand '%s'", s.operands[0]);
	if (hist_read(c.datadir, &h) != 0) {
		hist_free(&h);
		return EXIT_TROUBLE;
	}
	{
		struct out *o = out_stdout(c.format, c.excel ? OUT_EXCEL : 0);

		list_open(o, &h, c.today, days);
		out_close(o);
	}
	hist_free(&h);
	return EXIT_CLEAN;
}
