/*
 * test_optional.c - the columns of each data file that may be empty: in
 * the header (CR_REQUIRED) but not CR_NONEMPTY.  With UNION_PRINT_OPTIONAL
 * set it prints them, one file a line ("unions.csv: parent_id ..."), for
 * t0200 to compare with what union-files(5) says; else it checks the
 * decisions lib/schema.c writes down: every column is required in the
 * header, and no key may be empty.
 */
#include <stdlib.h>

#include "t.h"

static const struct schema *const files[] = { &schema_unions,
	&schema_members, &schema_enterprises, &schema_programs, &schema_aid,
	&schema_cases };

static int
may_be_empty(const struct colrule *c)
{
	return !(c->flags & CR_NONEMPTY);
}

static void
print_optional(void)
{
	size_t i, j;

	for (i = 0; i < NELEM(files); i++) {
		printf("%s:", files[i]->file);
		for (j = 0; j < files[i]->ncols; j++)
			if (may_be_empty(&files[i]->cols[j]))
				printf(" %s", files[i]->cols[j].name);
		printf("\n");
	}
}

static void
test_decisions(void)
{
	const struct schema *s;
	size_t i, j;

	for (i = 0; i < NELEM(files); i++) {
		s = files[i];
		for (j = 0; j < s->ncols; j++)
			CHECK(s->cols[j].flags & CR_REQUIRED);
		CHECK(!may_be_empty(&s->cols[schema_index(s, s->key)]));
	}
	/* a few decisions that union-files(5) spells out */
	CHECK(may_be_empty(&schema_cases.cols[schema_index(&schema_cases,
	    "member_id")]));
	CHECK(!may_be_empty(&schema_members.cols[schema_index(
	    &schema_members, "id_number")]));
	CHECK(may_be_empty(&schema_programs.cols[schema_index(
	    &schema_programs, "budget")]));
}

T_MAIN(
	if (getenv("UNION_PRINT_OPTIONAL") != NULL) {
		print_optional();
		return 0;
	}
	test_decisions();
)
