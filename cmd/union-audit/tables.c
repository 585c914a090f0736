/*
 * tables.c - the tables of a data directory, and finding one in
 * whichever form it is kept (.csv, .tsv, either gzip-compressed).
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"

/* In the order the audit reads them: each needs the ones before. */
const char *const data_files[] = {
	"unions.csv", "programs.csv", "members.csv", "enterprises.csv",
	"aid.csv", "cases.csv", NULL
};

char *
find_table(const char *dir, const char *file)
{
	char stem[64];

	snprintf(stem, sizeof(stem), "%.*s", (int)strcspn(file, "."), file);
	return datadir_find(dir, stem);
}
