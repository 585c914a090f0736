/*
 * schema.h - the column rules of every file of DESIGN.md, written once
 * and used by union-enroll (to refuse) and union-audit (to report).
 *
 * A schema lists a file's columns in their canonical order (the order
 * init writes), what each holds, and which must be present.  Columns are
 * found in a table by name; their order there is free and extra columns
 * are kept by whoever rewrites the file.
 */
#ifndef UNION_SCHEMA_H
#define UNION_SCHEMA_H

#include <stddef.h>
#include <stdint.h>
#include "table.h"

enum coltype {
	CT_TEXT,	/* free text */
	CT_KEY,		/* an identifier: no spaces, no control characters */
	CT_DATE,	/* YYYY-MM-DD */
	CT_MONEY,	/* yuan, at most two decimals */
	CT_INT,		/* a whole number >= 0 */
	CT_ENUM,	/* one of values[] */
	CT_IDNUM,	/* resident ID number */
	CT_USCC,	/* unified social credit code */
	CT_PHONE	/* mobile phone */
};

enum {
	CR_REQUIRED = 1 << 0,	/* the column must be in the header */
	CR_NONEMPTY = 1 << 1	/* every row must give a value */
};

struct colrule {
	const char *name;
	enum coltype type;
	unsigned flags;			/* CR_* */
	const char *const *values;	/* CT_ENUM: NULL-terminated */
};

struct schema {
	const char *file;		/* "members.csv" */
	const char *key;		/* the unique key column, or NULL */
	const struct colrule *cols;
	size_t	 ncols;
};

/* Enumerations of DESIGN.md, NULL-terminated. */
extern const char *const union_levels[];	/* county town industry grassroots */
extern const char *const org_types[];
extern const char *const home_ratings[];
extern const char *const union_statuses[];	/* active dissolved */
extern const char *const genders[];		/* M F */
extern const char *const member_groups[];
extern const char *const member_statuses[];
extern const char *const hardship_kinds[];	/* none relative deep accidental */
extern const char *const yes_no[];
extern const char *const aid_statuses[];	/* applied approved rejected paid */
extern const char *const case_types[];
extern const char *const case_kinds[];
extern const char *const case_channels[];
extern const char *const case_statuses[];	/* open mediating closed */
extern const char *const case_outcomes[];

extern const struct schema schema_unions, schema_members,
	    schema_enterprises, schema_programs, schema_aid, schema_cases;

/* schema_for: the schema of a data file ("members.csv", "members"), or NULL. */
const struct schema *schema_for(const char *name);
/* schema_index: the position of column name in s->cols, or -1. */
int	schema_index(const struct schema *s, const char *name);

/*
 * A binding maps a schema's columns to a table's: idx[i] is the table
 * column of s->cols[i], or -1 when the table lacks it.
 */
struct binding {
	const struct schema *s;
	int	 idx[24];
};

/*
 * schema_bind: bind t's header to s.  Every missing CR_REQUIRED column is
 * reported ("FILE:1: COLUMN: required column missing") and makes it
 * return -1; else 0.
 */
int	schema_bind(const struct schema *s, const struct table *t,
	    struct binding *b);
/* schema_bind_quiet: the same, without the messages (the caller reports
   each b->idx[i] < 0 of a CR_REQUIRED column its own way). */
int	schema_bind_quiet(const struct schema *s, const struct table *t,
	    struct binding *b);

/* The value of schema column name in the current row ("" when absent). */
struct field binding_get(const struct binding *b, const struct field *f,
	    const char *name);

enum severity { SEV_ERROR = 0, SEV_WARNING = 1 };

/*
 * A problem found in one row: the column it is in, how bad, and why.
 * rule names the kind of problem, stable for the audit's check names:
 * "field" for a value that breaks its column's rule, "uscc_override" for
 * a credit code whose only fault is its check character, "member_id_card"
 * for gender or birth date disagreeing with the ID, "join_date" for a
 * join date in the future or before 16, "row" for other in-row rules.
 */
typedef void (*problem_fn)(void *arg, const char *column, enum severity sev,
	    const char *rule, const char *msg);

/*
 * schema_check_row: every field rule and every in-row rule of the file
 * (members: gender and birth_date against id_number, join date not in the
 * future nor before the 16th birthday as of today; unions: credit_code
 * required for grassroots; aid: fields set as the status requires; cases:
 * closed and outcome together).  Rules that need other rows or files
 * are the callers'.  Returns the number of errors (warnings not counted).
 * No allocation; main thread only (it uses phone_norm and enum_list).
 */
int	schema_check_row(const struct binding *b, const struct field *f,
	    int32_t today, problem_fn report, void *arg);

/* schema_header: the canonical column names, for init and new files. */
void	schema_header(const struct schema *s, const char **names);

#endif
