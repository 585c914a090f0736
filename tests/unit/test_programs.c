/*
 * test_programs.c - the default programmes: every key is a programme of
 * DESIGN.md, each row passes programs.csv's rules, and the texts are
 * those union-enroll(1) documents.
 */
#include "t.h"

/* row_of: default programme i as a programs.csv record */
static void
row_of(size_t i, struct field *f, char text[][PROGRAM_TEXT_MAX])
{
	size_t j;

	for (j = 0; j < schema_programs.ncols; j++) {
		f[j].s = default_program_text(&default_programs[i],
		    schema_programs.cols[j].name, text[j]);
		f[j].len = strlen(f[j].s);
	}
}

static void
print_problem(void *arg, const char *column, enum severity sev,
    const char *rule, const char *msg)
{
	(void)arg;
	(void)sev;
	fprintf(stderr, "%s: %s: %s\n", column, rule, msg);
}

static void
test_rows_valid(void)
{
	char text[24][PROGRAM_TEXT_MAX];
	struct field f[24];
	struct binding b;
	size_t i, j;

	b.s = &schema_programs;
	for (j = 0; j < schema_programs.ncols; j++)
		b.idx[j] = (int)j;
	for (i = 0; i < NDEFAULT_PROGRAMS; i++) {
		row_of(i, f, text);
		CHECK_INT(schema_check_row(&b, f, 0, print_problem, NULL), 0);
	}
}

static void
test_texts(void)
{
	const struct default_program *w = &default_programs[0];
	const struct default_program *t = &default_programs[7];
	char buf[PROGRAM_TEXT_MAX];

	CHECK_STR(w->program, "winter_warmth");
	CHECK_STR(default_program_text(w, "title", buf), "送温暖");
	CHECK_STR(default_program_text(w, "max_award", buf), "2000.00");
	CHECK_STR(default_program_text(w, "annual_cap", buf), "2000.00");
	CHECK_STR(default_program_text(w, "min_member_days", buf), "180");
	CHECK_STR(default_program_text(w, "requires_hardship", buf), "yes");
	CHECK_STR(default_program_text(w, "budget", buf), "");
	CHECK_STR(default_program_text(w, "active", buf), "yes");
	CHECK_STR(default_program_text(w, "extra", buf), "");
	CHECK_STR(t->program, "third_party");
	CHECK_STR(default_program_text(t, "annual_cap", buf), "20000.00");
	CHECK_STR(default_program_text(t, "requires_hardship", buf), "no");
	CHECK_STR(default_programs[4].program, "accident");
	CHECK_STR(default_program_text(&default_programs[4],
	    "min_member_days", buf), "30");
}

T_MAIN(
	test_rows_valid();
	test_texts();
)
