/*
 * union-enroll - who belongs where: enrollment, transfers, leaving, and
 * the founding and dissolving of unions.  The command table comes first;
 * add and check live in add.c, transfer and leave in move.c, found and
 * dissolve in found.c; what they share is in common.c and lib/.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enroll.h"

static const struct command commands[] = {
	{ "init", cmd_init, "create a data directory with empty files" },
	{ "add", cmd_add, "enroll members from rows of candidates" },
	{ "check", cmd_check, "validate candidates as add would; change nothing" },
	{ "transfer", cmd_transfer, "move memberships to other unions" },
	{ "leave", cmd_leave, "end memberships (left, deceased) or retain them" },
	{ "found", cmd_found, "register new unions and link their enterprises" },
	{ "dissolve", cmd_dissolve, "dissolve a union that has no members left" },
	{ "reindex", cmd_reindex, "rebuild the real-name index of the roster" },
	{ NULL, NULL, NULL }
};

int
main(int argc, char **argv)
{
	return cmd_dispatch(argc, argv, commands, NULL,
	    "usage: union-enroll [-D DIR] COMMAND [options] [FILE...]\n"
	    "example: union-enroll -D /srv/union add --rejects fix-me.csv "
	    "batch.csv");
}

/* ---- init ---- */

static const char init_usage[] =
"usage: union-enroll init [--hash sha256|sm3] [--by NAME] [DIR]\n"
"  Create a data directory (DIR, else -D, $UNION_DATA or the current\n"
"  directory) holding every data file with its header, the default\n"
"  programs.csv and the journal.  Existing files are never overwritten.\n"
"  --hash sha256|sm3  the journal's hash chain (default: sha256)\n"
"example: union-enroll init /srv/union/lianshui\n";

static const struct schema *const init_files[] = {
	&schema_unions, &schema_members, &schema_enterprises,
	&schema_programs, &schema_aid, &schema_cases
};

static const char *hash_algo = "sha256";

static void
init_opt(void *ctx, int id, const char *arg)
{
	(void)ctx;
	if (id != O_HASH)
		return;
	if (strcmp(arg, "sha256") != 0 && strcmp(arg, "sm3") != 0)
		usage_error("--hash: '%s': must be sha256 or sm3", arg);
	hash_algo = arg;
}

/* programs_rows: the default programmes, in the file's column order */
static void
programs_rows(struct out *o, const struct schema *s)
{
	char bufs[24][PROGRAM_TEXT_MAX];
	const char *vals[24];
	size_t i, j;

	for (i = 0; i < NDEFAULT_PROGRAMS; i++) {
		for (j = 0; j < s->ncols; j++)
			vals[j] = default_program_text(&default_programs[i],
			    s->cols[j].name, bufs[j]);
		out_row(o, s->ncols, vals);
	}
}

/* existing: count (and name) the files init would overwrite */
static int
existing(const char *dir)
{
	static const char *const extra[] = { JOURNAL_FILE, RINDEX_FILE };
	char *path;
	size_t i;
	int n = 0;

	for (i = 0; i < NELEM(init_files) + NELEM(extra); i++) {
		const char *name = i < NELEM(init_files) ?
		    init_files[i]->file : extra[i - NELEM(init_files)];

		path = datadir_path(dir, name);
		if (access(path, F_OK) == 0) {
			warn_at(path, 0, NULL, "already exists");
			n++;
		}
		free(path);
	}
	return n;
}

/* create_files: every data file, headers only, in one transaction */
static int
create_files(const char *dir, const char *by)
{
	const char *names[24];
	struct txn *x;
	struct out *o;
	size_t i;

	if ((x = txn_begin(dir, TOOL, by)) == NULL)
		return -1;
	if (txn_set_hash(x, hash_algo) != 0) {
		txn_abort(x);
		return -1;
	}
	for (i = 0; i < NELEM(init_files); i++) {
		const struct schema *s = init_files[i];

		if ((o = txn_create(x, s->file)) == NULL) {
			txn_abort(x);
			return -1;
		}
		schema_header(s, names);
		out_header(o, s->ncols, names);
		if (s == &schema_programs)
			programs_rows(o, s);
		txn_log(x, "init", s->file, "", s == &schema_programs ?
		    "created with the default programmes" : "created");
	}
	return txn_commit(x);
}

int
cmd_init(int argc, char **argv)
{
	static const struct opt opts[] = {
		COMMON_OPTS, BY_OPT,
		{ "hash", 0, OPT_ARG, O_HASH },
		OPTS_END
	};
	const char *dir;
	struct cli c;
	char **ops;
	int n, rc;

	ops = parse_args(argc, argv, opts, &c, init_opt, NULL, init_usage, &n);
	if (n > 1)
		usage_error("init: give one DIR");
	dir = n == 1 ? ops[0] : c.datadir;
	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		warnmsg("%s:", dir);
		free(ops);
		return EXIT_TROUBLE;
	}
	if (existing(dir) > 0) {
		free(ops);
		return EXIT_FOUND;
	}
	rc = create_files(dir, c.by) != 0;
	free(ops);
	return rc ? EXIT_TROUBLE : EXIT_CLEAN;
}

/* ---- reindex ---- */

static const char reindex_usage[] =
"usage: union-enroll reindex [-D DIR]\n"
"  Rebuild the real-name index (members.rindex) from the roster.\n"
"example: union-enroll reindex -D /srv/union\n";

int
cmd_reindex(int argc, char **argv)
{
	static const struct opt opts[] = { COMMON_OPTS, OPTS_END };
	struct rindex *r;
	struct txn *x;
	struct cli c;
	char **ops;
	int n;

	ops = parse_args(argc, argv, opts, &c, NULL, NULL, reindex_usage, &n);
	free(ops);
	if (n != 0)
		usage_error("reindex: no operands expected");
	if ((x = txn_begin(c.datadir, TOOL, c.by)) == NULL)
		return EXIT_TROUBLE;
	r = rindex_open(c.datadir, RI_WRITE | RI_REBUILD);
	txn_abort(x);
	if (r == NULL)
		return EXIT_TROUBLE;
	rindex_close(r);
	return EXIT_CLEAN;
}
