/*
 * accept.c - union-audit accept FILE --by NAME --reason TEXT: a clerk
 * fixed a file by hand.  Show what changed since the journal's last
 * state of it (rows added, removed, changed: from the newest archive
 * that holds that state), then record the acceptance in the journal;
 * from then on the audit is clean for the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

enum { OPT_REASON = 1 };

static const struct opt accept_opts[] = {
	{ "reason", 0, OPT_ARG, OPT_REASON },
	{ "by", 0, OPT_ARG, OPT_BY },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static const char accept_usage[] =
    "usage: union-audit accept [-q] [-D DIR] [--format FMT] FILE --by NAME\n"
    "                          --reason TEXT";

static const char accept_help[] =
    "\n"
    "  --by NAME       who accepts the hand edit (required)\n"
    "  --reason TEXT   why (required)\n"
    "  Shows the rows changed by hand, then records them in the journal.\n"
    "example: union-audit accept members.csv --by wang --reason 'phone fixed'\n";

/* is_data_file: one of the tables of the data directory. */
static int
is_data_file(const char *file)
{
	size_t i;

	for (i = 0; data_files[i]; i++)
		if (strcmp(data_files[i], file) == 0)
			return 1;
	return 0;
}

/*
 * archived_state: the archived copy of file that holds the journal's
 * last state of it (newest archive first); NULL when none does.
 */
static char *
archived_state(const char *dir, const char *file, const char *digest)
{
	char *root = archive_root(dir), **names = archive_list(root);
	char jd[HASH_TEXT_MAX], *adir, *path = NULL;
	size_t i;

	for (i = 0; names && names[i] && path == NULL; i++) {
		adir = xasprintf("%s/%s", root, names[i]);
		if (manifest_journal_digest(adir, file, jd) == 0 &&
		    strcmp(jd, digest) == 0)
			path = find_table(adir, file);
		free(adir);
	}
	free_strings(names);
	free(root);
	return path;
}

/* show_changes: the rows changed since the journal's last state. */
static int
show_changes(const struct cli *c, const char *file)
{
	const struct jstate *st;
	struct jstate *states;
	struct diffcount n;
	struct out *o;
	char *old, *cur;
	size_t ns = 0;
	int r;

	if ((states = journal_states(c->datadir, &ns)) == NULL)
		return -1;
	st = jstate_of(states, ns, file);
	if (st == NULL || (old = archived_state(c->datadir, file,
	    st->digest)) == NULL) {
		if (st)
			diag_note("%s: no archive holds the journal's last "
			    "state (seq %ld, %llu bytes): rows changed cannot "
			    "be listed", file, st->seq, st->size);
		free(states);
		return 0;
	}
	free(states);
	cur = datadir_path(c->datadir, file);
	o = out_stdout(c->format, c->excel ? OUT_EXCEL : 0);
	diff_header(o);
	r = diff_file(schema_for(file), old, cur, file, o, &n);
	out_close(o);
	if (r == 0)
		diag_note("%s: %lu %s added, %lu removed, %lu changed since "
		    "the journal's last state", file, n.added,
		    n.added == 1 ? "row" : "rows", n.removed, n.changed);
	free(old);
	free(cur);
	return r;
}

int
cmd_accept(int argc, char **argv)
{
	const char *reason = NULL, *by = NULL, *file, *why = NULL;
	struct optstate s;
	struct cli c;
	int id, v;

	cli_init(&c);
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, accept_opts)) != OPT_END) {
		if (id == OPT_BAD)
			usage_exit(accept_usage);
		if (id == OPT_REASON)
			reason = s.arg;
		else if (id == OPT_BY)
			by = s.arg;
		else
			cli_common(&c, id, s.arg);
	}
	if (c.help) {
		printf("%s\n%s", accept_usage, accept_help);
		return EXIT_CLEAN;
	}
	if (s.noperands != 1)
		usage_exit(accept_usage);
	file = s.operands[0];
	if (by == NULL || *by == '\0')
		usage_error("accept: --by NAME is required: who accepts");
	if (reason == NULL || *reason == '\0')
		usage_error("accept: --reason TEXT is required: why");
	if (!is_data_file(file))
		usage_error("accept: '%s' is not a table of the data "
		    "directory", file);
	if ((v = file_verify(c.datadir, file, &why)) < 0)
		return EXIT_TROUBLE;
	if (v == 1) {
		diag_note("%s already matches the journal: nothing to accept",
		    file);
		return EXIT_CLEAN;
	}
	if (v == 0 && show_changes(&c, file) != 0)
		return EXIT_TROUBLE;
	if (journal_record(c.datadir, "union-audit", by, "accept", file, "",
	    reason) != 0)
		return EXIT_TROUBLE;
	diag_note("accepted %s into the journal", file);
	return EXIT_CLEAN;
}
