/*
 * programs.h - the default aid programmes of DESIGN.md: the rows
 * union-enroll init writes into a new programs.csv (amounts documented
 * in union-enroll(1)) and gen-sample writes into a sample's, budgets
 * aside.  One table, so that the two cannot drift apart.
 */
#ifndef UNION_PROGRAMS_H
#define UNION_PROGRAMS_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"

struct default_program {
	const char *program;	/* the key: "winter_warmth" */
	const char *title;	/* "送温暖" */
	int64_t	 max_award;	/* fen, one award at most */
	int64_t	 annual_cap;	/* fen, one member's awards in a year */
	int	 min_member_days; /* days of membership before applying */
	int	 requires_hardship; /* 1: only members in hardship */
};

/* The eight programmes, in DESIGN.md's order. */
#define NDEFAULT_PROGRAMS 8
extern const struct default_program default_programs[NDEFAULT_PROGRAMS];

/* The text size default_program_text needs. */
#define PROGRAM_TEXT_MAX MONEY_BUFSZ

/*
 * default_program_text: p's value of programs.csv's column as written
 * in the file ("2000.00", "180", "yes"); budget is empty (no limit) and
 * active "yes"; any other column empty.  Returns buf, or a constant.
 */
const char *default_program_text(const struct default_program *p,
	    const char *column, char buf[PROGRAM_TEXT_MAX]);

/*
 * program_is_health: s[0..n) is a programme whose awards tell of a
 * person's health (medical, illness and injury aid: sensitive data
 * under PIPL art. 28), so listings that tie it to a person mask them.
 */
int	program_is_health(const char *s, size_t n);

#endif
