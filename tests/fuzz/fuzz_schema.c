/*
 * fuzz_schema.c - the input path every tool shares for a data file:
 * the table reader, schema_bind, then schema_check_row on each row.
 *
 * The input's first line names the file ("members", "aid.csv", ...; an
 * unknown name picks one by its length), the rest is the table.
 * Invariants, for each row:
 *  - the count returned is the number of errors reported;
 *  - each problem names a column of the schema, a known rule (a
 *    credit code override, and only it, is a warning) and a message
 *    in UTF-8 (values are quoted in it, never cut inside a character);
 *  - a column about which nothing is reported holds a value its
 *    type's validator accepts, or is empty where that is allowed.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const struct schema *const schemas[] = {
	&schema_unions, &schema_members, &schema_enterprises,
	&schema_programs, &schema_aid, &schema_cases
};

static const char *const rules[] = { "field", "uscc_override",
	"member_id_card", "join_date", "row", NULL };

struct seen {
	const struct schema *s;
	int	 errors;
	unsigned long flagged;	/* bit i: a problem in column i */
};

static void
on_problem(void *arg, const char *column, enum severity sev,
    const char *rule, const char *msg)
{
	struct seen *w = arg;
	int i = schema_index(w->s, column);
	int r = enum_index(rules, rule, strlen(rule));

	FUZZ_CHECK(i >= 0 && r >= 0);
	FUZZ_CHECK((sev == SEV_WARNING) ==
	    (strcmp(rule, "uscc_override") == 0));
	FUZZ_CHECK(msg != NULL && *msg != '\0' && utf8_valid(msg, strlen(msg)));
	if (sev == SEV_ERROR)
		w->errors++;
	w->flagged |= 1UL << i;
}

/* valid_as: v passes the validator of rule cr. */
static int
valid_as(const struct colrule *cr, struct field v)
{
	const char *why;
	char phone[12];
	int32_t day;
	int64_t fen;
	size_t i;

	switch (cr->type) {
	case CT_DATE:
		return date_parse(v.s, v.len, &day, &why) == 0;
	case CT_MONEY:
		return money_parse(v.s, v.len, &fen, &why) == 0;
	case CT_INT:
		for (i = 0; i < v.len; i++)
			if (v.s[i] < '0' || v.s[i] > '9')
				return 0;
		return 1;
	case CT_ENUM:
		return enum_index(cr->values, v.s, v.len) >= 0;
	case CT_IDNUM:
		return id_parse(v.s, v.len, NULL, &why) == 0;
	case CT_USCC:
		return uscc_check(v.s, v.len, NULL, &why) == 0;
	case CT_PHONE:
		return phone_norm(v.s, v.len, phone, &why) == 0;
	case CT_KEY:
		for (i = 0; i < v.len; i++)
			if ((unsigned char)v.s[i] <= 0x20 || v.s[i] == 0x7F)
				return 0;
		return 1;
	case CT_TEXT:
		break;
	}
	return 1;
}

static void
check_row(const struct binding *b, const struct field *f, int32_t today)
{
	struct seen w = { b->s, 0, 0 };
	const struct colrule *cr;
	struct field v;
	size_t i;
	int n;

	n = schema_check_row(b, f, today, on_problem, &w);
	FUZZ_CHECK(n == w.errors);
	for (i = 0; i < b->s->ncols; i++) {
		if (w.flagged & (1UL << i))
			continue;
		cr = &b->s->cols[i];
		v = binding_get(b, f, cr->name);
		if (v.len == 0)
			FUZZ_CHECK(!(cr->flags & CR_NONEMPTY));
		else
			FUZZ_CHECK(valid_as(cr, v));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tbl_opts o = { ',', ENC_UTF8, 0 };
	const struct schema *s;
	struct binding b;
	struct table *t;
	char *name;
	int32_t today = date_from_ymd(2026, 6, 30);
	int r;

	fuzz_setup();
	if (size > 64 * 1024)
		return 0;
	name = fuzz_line(&data, &size);
	if ((s = schema_for(name)) == NULL)
		s = schemas[strlen(name) % NELEM(schemas)];
	free(name);
	FUZZ_CHECK(s->ncols <= 8 * sizeof(unsigned long));
	if ((t = tbl_open_fd(fuzz_fd(data, size), "in.csv", &o)) == NULL)
		return 0;
	(void)schema_bind_quiet(s, t, &b);
	while ((r = tbl_next(t)) != TBL_EOF && r != TBL_FATAL)
		if (r == TBL_ROW)
			check_row(&b, tbl_fields(t), today);
	tbl_close(t);
	return 0;
}
