/*
 * enterprises.c - units that should have a union: unique credit codes
 * (their checksums are field rules), and a union_id that names an
 * existing union that is not dissolved.
 */
#include "audit.h"

static struct keyset *codes;

static void
enterprises_prepare(struct audit *a, const struct row *r)
{
	a->unit = row_get(r, "union_id").s;
}

static void
enterprises_check(struct audit *a, const struct row *r)
{
	struct field uid = row_get(r, "union_id");
	const struct uinfo *u;

	if (codes == NULL)
		codes = keyset_new("credit_code");
	keyset_add(a, codes, r);
	if (a->unions == NULL || uid.len == 0)
		return;
	if ((u = union_find(a, uid.s, uid.len)) == NULL) {
		if (!file_partial(a, "unions.csv"))
			finding(a, CK_DANGLING_REF, r->file, r->line, r->key.s,
			    r->key.len, "union_id %s names no union", uid.s);
	} else if (union_dissolved(u))
		finding(a, CK_ENTERPRISE_DISSOLVED_UNION, r->file, r->line,
		    r->key.s, r->key.len, "union_id %s names a dissolved union",
		    uid.s);
}

static void
enterprises_finish(struct audit *a, const char *file)
{
	(void)a;
	(void)file;
	keyset_free(codes);
	codes = NULL;
}

const struct pass enterprises_pass = {
	&schema_enterprises, enterprises_prepare, enterprises_check,
	enterprises_finish
};
