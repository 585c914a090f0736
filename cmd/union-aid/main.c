/*
 * union-aid - aid applications from request to payment, and the legal
 * aid desk's cases.  The command table comes first; each command lives
 * in a file of its own (apply.c, decide.c, pay.c, list.c, watch.c,
 * programs.c, case.c), with the shared work in aid.h and lib/.
 */
#include <stddef.h>

#include "aid.h"

static const struct command commands[] = {
	{ "apply", cmd_apply, "apply for aid (one, or a batch of rows)" },
	{ "approve", cmd_approve, "approve within the cap and the budget" },
	{ "reject", cmd_reject, "reject applications, giving the reason" },
	{ "pay", cmd_pay, "pay approved applications" },
	{ "list", cmd_list, "list applications (personal data masked)" },
	{ "watch", cmd_watch, "members in hardship with nothing paid lately" },
	{ "programs", cmd_programs, "programme rules, budgets, what is left" },
	{ "case", cmd_case, "legal aid: open, mediate, close and list cases" },
	{ NULL, NULL, NULL }
};

int
main(int argc, char **argv)
{
	return cmd_dispatch(argc, argv, commands, NULL,
	    "usage: union-aid [-D DIR] COMMAND [options] [FILE...]\n"
	    "example: union-aid list -s approved | union-aid pay -v PZ1 -");
}
