/*
 * test_util.c - buffers, the string map, option parsing.
 */
#include <stdlib.h>
#include "t.h"

static void
test_buf(void)
{
	struct buf b = {0};
	int i;

	CHECK_STR(buf_cstr(&b), "");
	buf_adds(&b, "联合");
	buf_addc(&b, ',');
	buf_printf(&b, "%d-%s", 42, "x");
	CHECK_STR(buf_cstr(&b), "联合,42-x");
	CHECK_INT(b.len, strlen("联合,42-x"));
	buf_reset(&b);
	CHECK_STR(buf_cstr(&b), "");
	for (i = 0; i < 10000; i++)
		buf_addc(&b, 'a');
	CHECK_INT(b.len, 10000);
	CHECK_INT(b.s[10000], 0);
	buf_free(&b);
	CHECK(b.s == NULL);
}

/* buf_keep: each string NUL-ended at its offset, good after growth */
static void
test_buf_keep(void)
{
	struct buf b = {0};
	size_t a, e, c, i, bad = 0;

	a = buf_keep(&b, "甲厂", strlen("甲厂"));
	e = buf_keep(&b, "", 0);
	c = buf_keep(&b, "abcX", 3);
	CHECK_INT(a, 0);
	CHECK_INT(e, strlen("甲厂") + 1);
	CHECK_INT(c, e + 1);
	for (i = 0; i < 5000; i++)
		if (buf_keep(&b, "0123456789", 10) != c + 4 + i * 11)
			bad++;
	CHECK_INT(bad, 0);
	CHECK_STR(b.s + a, "甲厂");
	CHECK_STR(b.s + e, "");
	CHECK_STR(b.s + c, "abc");
	CHECK_STR(b.s + c + 4 + 4999 * 11, "0123456789");
	buf_free(&b);
}

static void
test_strmap(void)
{
	struct strmap *m = strmap_new();
	char key[32];
	int i, isnew, bad = 0;
	void **v;

	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "M%08d", i);
		v = strmap_put(m, key, strlen(key), &isnew);
		if (!isnew)
			bad++;
		*v = (void *)(intptr_t)(i + 1);
	}
	CHECK_INT(bad, 0);
	CHECK_INT(strmap_count(m), 100000);
	for (i = 0; i < 100000; i += 7) {
		snprintf(key, sizeof(key), "M%08d", i);
		v = strmap_get(m, key, strlen(key));
		if (v == NULL || (intptr_t)*v != i + 1)
			bad++;
	}
	CHECK_INT(bad, 0);
	v = strmap_put(m, "M00000005", 9, &isnew);
	CHECK_INT(isnew, 0);
	CHECK_INT((intptr_t)*v, 6);
	CHECK(strmap_get(m, "M00000005x", 10) == NULL);
	CHECK(strmap_get(m, "", 0) == NULL);
	/* keys with NUL-free binary-looking content and a shared prefix */
	CHECK(strmap_get(m, "M0000000", 8) == NULL);
	strmap_free(m);
	CHECK_INT(hash_bytes("abc", 3) == hash_bytes("abc", 3), 1);
	CHECK(hash_bytes("abc", 3) != hash_bytes("abd", 3));
}

enum { O_COLS = 1, O_ANY };

static const struct opt opts[] = {
	{ "columns", 'c', OPT_ARG, O_COLS },
	{ "any", 0, OPT_NOARG, O_ANY },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

static void
test_opt(void)
{
	char *av[] = { "--columns=a,b", "x.csv", "-Dd1", "-q", "--any",
	    "-", "--format", "json", "--", "--any", NULL };
	struct optstate s;
	int id, n = 0;
	const char *cols = NULL, *data = NULL, *fmt = NULL;
	int any = 0, quiet = 0;

	opt_init(&s, 10, av);
	while ((id = opt_next(&s, opts)) != OPT_END) {
		n++;
		switch (id) {
		case O_COLS: cols = s.arg; break;
		case O_ANY: any++; break;
		case OPT_DATA: data = s.arg; break;
		case OPT_QUIET: quiet++; break;
		case OPT_FORMAT: fmt = s.arg; break;
		default: CHECK(0);
		}
	}
	CHECK_INT(n, 5);
	CHECK_STR(cols, "a,b");
	CHECK_STR(data, "d1");
	CHECK_STR(fmt, "json");
	CHECK_INT(any, 1);
	CHECK_INT(quiet, 1);
	CHECK_INT(s.noperands, 3);
	CHECK_STR(s.operands[0], "x.csv");
	CHECK_STR(s.operands[1], "-");
	CHECK_STR(s.operands[2], "--any");
}

static void
test_opt_bundle_and_errors(void)
{
	char *av1[] = { "-qh", "-c", "k", NULL };
	char *av2[] = { "--nope", NULL };
	char *av3[] = { "--columns", NULL };
	char *av4[] = { "--any=1", NULL };
	struct optstate s;
	int ids[4], n = 0, id;

	opt_init(&s, 3, av1);
	while ((id = opt_next(&s, opts)) != OPT_END && n < 4)
		ids[n++] = id;
	CHECK_INT(n, 3);
	CHECK_INT(ids[0], OPT_QUIET);
	CHECK_INT(ids[1], OPT_HELP);
	CHECK_INT(ids[2], O_COLS);
	CHECK_STR(s.arg, "k");
	opt_init(&s, 1, av2);
	CHECK_INT(opt_next(&s, opts), OPT_BAD);
	opt_init(&s, 1, av3);
	CHECK_INT(opt_next(&s, opts), OPT_BAD);
	opt_init(&s, 1, av4);
	CHECK_INT(opt_next(&s, opts), OPT_BAD);
}

T_MAIN(test_buf(); test_buf_keep(); test_strmap(); test_opt(); test_opt_bundle_and_errors();)
