/*
 * programs.c - the default aid programmes as data (programs.h).
 */
#include <stdio.h>
#include <string.h>

#include "programs.h"
#include "valid.h"

#define YUAN	INT64_C(100)	/* fen in a yuan */

const struct default_program default_programs[NDEFAULT_PROGRAMS] = {
	{ "winter_warmth", "送温暖", 2000 * YUAN, 2000 * YUAN, 180, 1 },
	{ "school_aid", "金秋助学", 5000 * YUAN, 5000 * YUAN, 365, 1 },
	{ "medical_mutual", "职工互助医疗", 20000 * YUAN, 50000 * YUAN, 90,
	    0 },
	{ "hardship_relief", "困难帮扶", 3000 * YUAN, 6000 * YUAN, 180, 1 },
	{ "accident", "意外伤害", 10000 * YUAN, 30000 * YUAN, 30, 0 },
	{ "critical_illness", "重大疾病", 50000 * YUAN, 50000 * YUAN, 365,
	    0 },
	{ "death_benefit", "身故", 20000 * YUAN, 20000 * YUAN, 0, 0 },
	{ "third_party", "第三者责任", 10000 * YUAN, 20000 * YUAN, 30, 0 },
};

const char *
default_program_text(const struct default_program *p, const char *column,
    char buf[PROGRAM_TEXT_MAX])
{
	if (strcmp(column, "program") == 0)
		return p->program;
	if (strcmp(column, "title") == 0)
		return p->title;
	if (strcmp(column, "max_award") == 0)
		return money_fmt(p->max_award, buf);
	if (strcmp(column, "annual_cap") == 0)
		return money_fmt(p->annual_cap, buf);
	if (strcmp(column, "min_member_days") == 0) {
		snprintf(buf, PROGRAM_TEXT_MAX, "%d", p->min_member_days);
		return buf;
	}
	if (strcmp(column, "requires_hardship") == 0)
		return p->requires_hardship ? "yes" : "no";
	if (strcmp(column, "active") == 0)
		return "yes";
	return "";
}

static const char *const health_programs[] = {
	"medical_mutual", "critical_illness", "accident", NULL
};

int
program_is_health(const char *s, size_t n)
{
	return enum_index(health_programs, s, n) >= 0;
}
