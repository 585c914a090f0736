/*
 * run.h - one audit run: lock, recover, read every file, report.
 */
#ifndef UNION_AUDIT_RUN_H
#define UNION_AUDIT_RUN_H

#include "audit.h"

struct runopts {
	const char *summary;	/* --summary FILE, else standard error */
	const char *report;	/* --report FILE.csv.gz */
	int	 strict;	/* warnings fail the run too */
	int	 no_history;	/* leave audit-history.csv alone */
};

/*
 * audit_run: audit a->cli.datadir with the checks a->enabled; findings
 * to standard output, the summary to standard error or ro->summary.
 * Returns the exit status: 0 clean, 1 findings, 2 could not run.
 */
int	audit_run(struct audit *a, const struct runopts *ro);

#endif
