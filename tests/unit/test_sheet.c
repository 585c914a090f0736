/*
 * test_sheet.c - rewriting a data file through a transaction: a file
 * held in memory (load, find, change, add, write back, with the file's
 * column order and extra columns kept; a missing file; the checks of a
 * file about to change) and a file streamed through a callback (rows
 * changed and added, a callback that stops, a damaged file).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "t.h"
#include "store.h"

static char root[] = "/tmp/test_sheet.XXXXXX";
#include "tstore.h"

/* A programmes file with its columns out of order and an extra one. */
static const char programs[] =
    "title,program,max_award,extra,annual_cap,min_member_days,"
    "requires_hardship,budget,active\n"
    "送温暖,P1,2000.00,x,2000.00,180,yes,,yes\n"
    "\"a, b\",P7,10,y,,,no,,\n";

static void
test_names(void)
{
	char *d = scratch();
	struct table *t;
	const char **names;

	put(d, "programs.csv", programs);
	t = sheet_header(d, "programs.csv");
	CHECK(t != NULL);
	names = sheet_names(t);
	CHECK_STR(names[0], "title");
	CHECK_STR(names[3], "extra");
	CHECK_STR(names[8], "active");
	CHECK(names[9] == NULL);
	free(names);
	tbl_close(t);
	free(d);
}

static void
test_load_change_write(void)
{
	char *d = scratch();
	struct sheet sh;
	struct txn *x;
	int64_t fen;
	size_t i;

	put(d, "programs.csv", programs);
	CHECK_INT(sheet_load(&sh, d, "programs.csv", &schema_programs,
	    0, SHEET_CHECK), 0);
	CHECK_INT(sh.exists, 1);
	CHECK_INT(sh.ncols, 9);
	CHECK_INT(sh.nrows, 2);
	CHECK_STR(sh.cols[3], "extra");
	CHECK_INT(sh.keycol, 1);
	CHECK_INT(sh.lines[1], 3);
	CHECK_INT(sheet_find(&sh, "P7"), 1);
	CHECK_INT(sheet_find(&sh, "P2"), -1);
	CHECK_STR(sheet_cell(&sh, 1, "title"), "a, b");
	CHECK_STR(sheet_cell(&sh, 1, "nonesuch"), "");
	CHECK_INT(sheet_money(&sh, 0, "max_award", &fen), 0);
	CHECK_INT(fen, 200000);
	CHECK_INT(sheet_money(&sh, 1, "annual_cap", &fen), -1);
	CHECK_INT(sheet_max_id(&sh, 'P'), 7);
	CHECK_INT(sheet_max_id(&sh, 'Q'), 0);

	/* a changed key is found under its new name */
	sheet_set(&sh, 1, "program", "P9");
	CHECK_INT(sheet_find(&sh, "P9"), 1);
	sheet_set(&sh, 0, "budget", "100.00");
	i = sheet_add(&sh);
	CHECK_INT(i, 2);
	CHECK_STR(sheet_cell(&sh, i, "program"), "");
	sheet_set(&sh, i, "program", "P10");
	sheet_set(&sh, i, "extra", "z");
	CHECK_INT(sheet_find(&sh, "P10"), 2);
	CHECK_INT(sheet_max_id(&sh, 'P'), 10);
	CHECK_INT(sheet_check_row(&sh, i, 0), 0);

	x = txn_begin(d, "union-test", "alice");
	sheet_write(&sh, txn_rewrite(x, "programs.csv"), 0);
	txn_log(x, "change", "programs.csv", "P9", NULL);
	CHECK_INT(txn_commit(x), 0);
	CHECK_FILE(d, "programs.csv",
	    "title,program,max_award,extra,annual_cap,min_member_days,"
	    "requires_hardship,budget,active\n"
	    "送温暖,P1,2000.00,x,2000.00,180,yes,100.00,yes\n"
	    "\"a, b\",P9,10,y,,,no,,\n"
	    ",P10,,z,,,,,\n");
	sheet_free(&sh);
	CHECK(sh.cells == NULL && sh.arena == NULL);
	free(d);
}

static void
test_missing_file(void)
{
	char *d = scratch();
	struct sheet sh;

	CHECK_INT(sheet_load(&sh, d, "programs.csv", &schema_programs, 0,
	    SHEET_CHECK), 0);
	CHECK_INT(sh.exists, 0);
	CHECK_INT(sh.nrows, 0);
	CHECK_INT(sh.ncols, 8);
	CHECK_STR(sh.cols[0], "program");
	CHECK_STR(sh.cols[7], "active");
	CHECK_INT(sh.keycol, 0);
	sheet_set(&sh, sheet_add(&sh), "program", "P1");
	CHECK_INT(sheet_find(&sh, "P1"), 0);
	sheet_free(&sh);
	free(d);
}

static void
test_checks(void)
{
	char *d = scratch(), *m, *want;
	struct sheet sh;

	put(d, "programs.csv", "program,title,max_award,annual_cap,"
	    "min_member_days,requires_hardship,budget,active\n"
	    "P1,a,1,,,,,\nP1,b,2,,,,,\nP2,c,1.234,,,,,\n");
	cap_begin();
	CHECK_INT(sheet_load(&sh, d, "programs.csv", &schema_programs, 0,
	    SHEET_CHECK), -1);
	m = cap_end();
	want = xasprintf("unit: %s/programs.csv:3: program: duplicate key P1\n"
	    "unit: %s/programs.csv:4: max_award: more than two decimals\n"
	    "unit: %s/programs.csv: 2 damaged rows: nothing done "
	    "(see union-audit)\n", d, d, d);
	CHECK_STR(m, want);
	free(want);
	free(m);
	sheet_free(&sh);

	/* a listing keeps them all: only malformed records are skipped */
	put(d, "programs.csv", "program,title,max_award,annual_cap,"
	    "min_member_days,requires_hardship,budget,active\n"
	    "P1,a,1,,,,,\nP2,b\nP3,c,,,,,,\n");
	cap_begin();
	CHECK_INT(sheet_load(&sh, d, "programs.csv", &schema_programs, 0, 0),
	    0);
	free(cap_end());
	CHECK_INT(sh.nrows, 2);
	CHECK_INT(sh.bad, 1);
	CHECK_INT(sheet_find(&sh, "P3"), 1);
	sheet_free(&sh);
	free(d);
}

/* upper_p2: a sheet_rowfn renaming P2's title, or stopping at P9 */
static int
upper_p2(void *arg, struct table *t, const char **vals)
{
	int *seen = arg;
	int k = tbl_col(t, "program"), ti = tbl_col(t, "title");

	++*seen;
	if (strcmp(vals[k], "P9") == 0) {
		warnmsg("P9 stops it");
		return -1;
	}
	if (strcmp(vals[k], "P2") == 0)
		vals[ti] = "TWO";
	return 0;
}

static void
test_stream(void)
{
	static const char *const added[] = { "P3", "three", "x" };
	char *d = scratch(), *m, *want;
	struct table *t = NULL;
	struct txn *x;
	struct out *o;
	int seen = 0;

	put(d, "programs.csv", "program,title,extra\nP1,one,a\nP2,two,\"b\n"
	    "c\"\n");
	x = txn_begin(d, "union-test", "alice");
	o = sheet_stream(x, d, "programs.csv", upper_p2, &seen, &t);
	CHECK(o != NULL && t != NULL);
	CHECK_INT(seen, 2);
	CHECK_STR(tbl_colname(t, 2), "extra");
	out_row(o, 3, added);
	tbl_close(t);
	txn_log(x, "change", "programs.csv", "P2", NULL);
	CHECK_INT(txn_commit(x), 0);
	CHECK_FILE(d, "programs.csv", "program,title,extra\nP1,one,a\n"
	    "P2,TWO,\"b\nc\"\nP3,three,x\n");

	/* a callback that stops: nothing changes */
	put(d, "programs.csv", "program,title\nP1,one\nP9,nine\nP2,two\n");
	seen = 0;
	x = txn_begin(d, "union-test", "alice");
	cap_begin();
	CHECK(sheet_stream(x, d, "programs.csv", upper_p2, &seen, NULL) ==
	    NULL);
	m = cap_end();
	CHECK_STR(m, "unit: P9 stops it\n");
	free(m);
	CHECK_INT(seen, 2);
	txn_abort(x);
	CHECK_FILE(d, "programs.csv", "program,title\nP1,one\nP9,nine\n"
	    "P2,two\n");

	/* a damaged row: mend it first */
	put(d, "programs.csv", "program,title\nP1,one\nP2\n");
	x = txn_begin(d, "union-test", "alice");
	cap_begin();
	CHECK(sheet_stream(x, d, "programs.csv", NULL, NULL, NULL) == NULL);
	m = cap_end();
	want = xasprintf("unit: %s/programs.csv:3: expected 2 fields, found "
	    "1\nunit: %s/programs.csv: damaged: mend it before changing "
	    "it\n", d, d);
	CHECK_STR(m, want);
	free(want);
	free(m);
	txn_abort(x);

	/* no such file */
	x = txn_begin(d, "union-test", "alice");
	cap_begin();
	CHECK(sheet_stream(x, d, "nope.csv", NULL, NULL, NULL) == NULL);
	free(cap_end());
	txn_abort(x);
	free(d);
}

T_MAIN(
	scratch_setup();
	test_names();
	test_load_change_write();
	test_missing_file();
	test_checks();
	test_stream();
	scratch_cleanup();
)
