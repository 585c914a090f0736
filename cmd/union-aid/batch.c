/*
 * batch.c - the frame every state move of a data file shares (approve,
 * reject, pay; case mediate and close): gather the IDs, take the lock,
 * load the file, judge and change each row on its own, rewrite the file
 * in one transaction with a journal entry per row, and print the rows
 * that changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

/* change_all: act on every ID; returns how many were refused. */
static int
change_all(struct batch *b, const struct idlist *ids)
{
	const struct idref *r;
	size_t k;
	long row;
	int refused = ids->bad;

	b->changed = xcalloc(ids->n + 1, sizeof(*b->changed));
	for (k = 0; k < ids->n; k++) {
		r = &ids->v[k];
		if ((row = sheet_find(&b->sheet, r->id)) < 0) {
			refuse(r->file, r->line, b->idcol, "%s %s not found",
			    b->noun, r->id);
			refused++;
		} else if (b->act(b, r, (size_t)row) != 0)
			refused++;
		else if (sheet_check_row(&b->sheet, (size_t)row,
		    b->cli->today) != 0)
			die(EXIT_TROUBLE, "%s %s: the change breaks a rule of "
			    "%s: nothing done", b->noun, r->id, b->file);
		else
			b->changed[b->nchanged++] = (size_t)row;
	}
	return refused;
}

static int
commit(struct batch *b, struct txn *x)
{
	struct out *o;
	size_t k;
	char *detail;

	if ((o = txn_rewrite(x, b->file)) == NULL) {
		txn_abort(x);
		return -1;
	}
	sheet_write(&b->sheet, o, 0);
	for (k = 0; k < b->nchanged; k++) {
		detail = b->detail(b, b->changed[k]);
		txn_log(x, b->action, b->file,
		    sheet_row(&b->sheet, b->changed[k])[b->sheet.keycol].s,
		    detail);
		free(detail);
	}
	return txn_commit(x);
}

int
commit_new(struct txn *x, struct sheet *sh, const size_t *added, size_t n,
    const char *action,
    char *(*detail)(const struct sheet *sh, size_t row, void *arg),
    void *arg)
{
	struct out *o;
	size_t k;
	char *text;

	if (sh->exists)
		o = txn_append(x, sh->file);
	else
		o = txn_create(x, sh->file);
	if (o == NULL) {
		txn_abort(x);
		return -1;
	}
	sheet_write(sh, o, sh->exists ? added[0] : 0);
	for (k = 0; k < n; k++) {
		text = detail(sh, added[k], arg);
		txn_log(x, action, sh->file,
		    sheet_row(sh, added[k])[sh->keycol].s, text);
		free(text);
	}
	return txn_commit(x);
}

void
batch_aid(struct batch *b, struct cli *c, const char *action, void *arg)
{
	memset(b, 0, sizeof(*b));
	cli_init(c);
	b->cli = c;
	b->file = AID_FILE;
	b->schema = &schema_aid;
	b->idcol = "aid_id";
	b->prefix = 'A';
	b->noun = "application";
	b->action = action;
	b->arg = arg;
}

int
batch_run(struct batch *b, int noperands, char **operands)
{
	struct idlist ids;
	struct txn *x;
	int refused, rc = EXIT_TROUBLE;

	if (ids_gather(&ids, noperands, operands, b->prefix, b->idcol,
	    b->cli) != 0)
		goto out;
	if ((x = txn_begin(b->cli->datadir, TOOL_NAME, b->cli->by)) == NULL)
		goto out;
	if (sheet_load(&b->sheet, b->cli->datadir, b->file, b->schema,
	    b->cli->today, SHEET_CHECK) != 0 ||
	    (b->prepare && b->prepare(b) != 0)) {
		txn_abort(x);
		goto out;
	}
	refused = change_all(b, &ids);
	if (b->nchanged == 0 || (refused > 0 && b->all_or_nothing)) {
		if (refused > 0 && b->all_or_nothing && b->nchanged > 0)
			warnmsg("%d of %zu refused: nothing done", refused,
			    ids.n + (size_t)ids.bad);
		txn_abort(x);
		/* the header alone: stdout is a header, then rows */
		sheet_out_rows(&b->sheet, b->cli, NULL, 0);
		rc = refused ? EXIT_FOUND : EXIT_CLEAN;
		goto out;
	}
	if (commit(b, x) != 0)
		goto out;
	sheet_out_rows(&b->sheet, b->cli, b->changed, b->nchanged);
	rc = refused ? EXIT_FOUND : EXIT_CLEAN;
out:
	ids_free(&ids);
	free(b->changed);
	sheet_free(&b->sheet);
	return rc;
}
