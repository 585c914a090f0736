/*
 * test_rindex.c - the real-name index: keys, lookups, the tail of
 * appended rows, staleness after a rewrite, truncation or damage,
 * merging, and the builder.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "t.h"
#include "rindex.h"

static char dir[] = "/tmp/test_rindex.XXXXXX";

static const char header[] =
    "member_id,name,id_number,gender,birth_date,phone,union_id,employer,"
    "group,join_date,status,wage,hardship\n";

/* row: a roster line for member n, person id, status */
static void
row(struct buf *b, unsigned n, const char *id, const char *status)
{
	buf_printf(b, "M%08u,X,%s,M,1990-01-01,,U000001,,regular,"
	    "2020-01-01,%s,,\n", n, id, status);
}

static void
write_file(const char *name, const char *text, const char *mode)
{
	char *path = datadir_path(dir, name);
	FILE *fp = fopen(path, mode);

	fputs(text, fp);
	fclose(fp);
	free(path);
}

static struct rindex *
open_stats(int flags, struct rindex_stats *st)
{
	struct rindex *r = rindex_open(dir, flags);

	if (r != NULL)
		rindex_stats(r, st);
	return r;
}

static int
state(struct rindex *r, const char *id, uint32_t *member)
{
	uint64_t key;

	if (rindex_key(id, strlen(id), &key) != 0)
		return -1;
	return rindex_lookup(r, key, member);
}

static void
test_keys(void)
{
	uint64_t a, b;

	CHECK_INT(rindex_key("11010519491231002X", 18, &a), 0);
	CHECK_INT(rindex_key("11010519491231002x", 18, &b), 0);
	CHECK(a == b);
	CHECK_INT(rindex_key("110105194912310021", 18, &b), 0);
	CHECK(a != b);
	CHECK_INT(rindex_key("11010519491231002", 17, &b), -1);
	CHECK_INT(rindex_key("1101051949123100AX", 18, &b), -1);
	CHECK_INT(rindex_key("11010519491231002Y", 18, &b), -1);
	CHECK_INT(rindex_member_number("M00000042", 9), 42);
	CHECK_INT(rindex_member_number("M0000042", 8), 0);
	CHECK_INT(rindex_member_number("N00000042", 9), 0);
	CHECK_INT(rindex_member_number("M0000004a", 9), 0);
}

static void
test_build_and_tail(void)
{
	struct rindex_stats st;
	struct rindex *r;
	struct buf b = {0};
	uint32_t m;

	buf_adds(&b, header);
	row(&b, 1, "11010519491231002X", "active");
	row(&b, 2, "110105194912310021", "transferred");
	row(&b, 3, "110105194912310021", "retained");
	row(&b, 7, "440301199001011234", "left");
	row(&b, 5, "440301199001011242", "deceased");
	row(&b, 6, "not-an-id", "active");
	write_file("members.csv", buf_cstr(&b), "w");

	r = open_stats(RI_WRITE, &st);
	CHECK(r != NULL);
	CHECK_INT(st.rebuilt, 1);
	CHECK_INT(st.written, 1);
	CHECK_INT(state(r, "11010519491231002x", &m), RI_ACTIVE);
	CHECK_INT(m, 1);
	CHECK_INT(state(r, "110105194912310021", &m), RI_RETAINED);
	CHECK_INT(m, 3);
	CHECK_INT(state(r, "440301199001011234", &m), RI_NONE);
	CHECK_INT(m, 0);
	CHECK_INT(state(r, "440301199001011242", &m), RI_DECEASED);
	CHECK_INT(m, 5);
	CHECK_INT(rindex_max_member(r), 7);
	rindex_close(r);

	/* the file is used as it is, then with appended rows */
	r = open_stats(RI_WRITE, &st);
	CHECK_INT(st.rebuilt, 0);
	CHECK_INT(st.written, 0);
	CHECK_INT(st.entries, 3);
	CHECK_INT(st.tail_rows, 0);
	rindex_close(r);
	buf_reset(&b);
	row(&b, 8, "440301199001011234", "active");
	row(&b, 9, "440301199001011242", "active");
	write_file("members.csv", buf_cstr(&b), "a");
	r = open_stats(0, &st);
	CHECK_INT(st.rebuilt, 0);
	CHECK_INT(st.tail_rows, 2);
	CHECK_INT(state(r, "440301199001011234", &m), RI_ACTIVE);
	CHECK_INT(m, 8);
	/* a live membership is preferred to a deceased row */
	CHECK_INT(state(r, "440301199001011242", &m), RI_ACTIVE);
	CHECK_INT(m, 9);
	CHECK_INT(rindex_max_member(r), 9);
	rindex_close(r);
	buf_free(&b);
}

static void
test_stale(void)
{
	struct rindex_stats st;
	struct rindex *r;
	struct buf b = {0};
	char *path = datadir_path(dir, "members.csv");
	char *ipath = datadir_path(dir, RINDEX_FILE);
	uint32_t m;
	int fd;

	/* a rewrite (new inode) of the same size is stale */
	buf_adds(&b, header);
	row(&b, 1, "11010519491231002X", "left");
	write_file("members.new", buf_cstr(&b), "w");
	r = open_stats(RI_WRITE | RI_REBUILD, &st);
	rindex_close(r);
	{
		char *np = datadir_path(dir, "members.new");
		rename(np, path);
		free(np);
	}
	r = open_stats(RI_WRITE, &st);
	CHECK_INT(st.rebuilt, 1);
	CHECK_INT(state(r, "11010519491231002X", &m), RI_NONE);
	rindex_close(r);

	/* truncation below the covered size is stale */
	buf_reset(&b);
	row(&b, 2, "110105194912310021", "active");
	write_file("members.csv", buf_cstr(&b), "a");
	r = open_stats(RI_WRITE | RI_REBUILD, &st);
	rindex_close(r);
	CHECK_INT(truncate(path, (off_t)strlen(header)), 0);
	r = open_stats(0, &st);
	CHECK_INT(st.rebuilt, 1);
	CHECK_INT(state(r, "110105194912310021", &m), RI_NONE);
	rindex_close(r);

	/* an edit in the last 4 KiB is stale */
	write_file("members.csv", buf_cstr(&b), "a");
	r = open_stats(RI_WRITE | RI_REBUILD, &st);
	rindex_close(r);
	fd = open(path, O_WRONLY);
	CHECK_INT(pwrite(fd, "retained", 8, (off_t)(strlen(header) +
	    b.len - 23)), 8);
	close(fd);
	r = open_stats(0, &st);
	CHECK_INT(st.rebuilt, 1);
	rindex_close(r);

	/* a damaged header is stale */
	r = open_stats(RI_WRITE | RI_REBUILD, &st);
	rindex_close(r);
	fd = open(ipath, O_WRONLY);
	CHECK_INT(pwrite(fd, "\377", 1, 40), 1);
	close(fd);
	r = open_stats(0, &st);
	CHECK_INT(st.rebuilt, 1);
	rindex_close(r);
	free(path);
	free(ipath);
	buf_free(&b);
}

static void
test_merge(void)
{
	struct rindex_stats st;
	struct rindex *r;
	struct buf b = {0};
	char id[19];
	uint32_t m;
	unsigned i;

	buf_adds(&b, header);
	write_file("members.csv", buf_cstr(&b), "w");
	r = open_stats(RI_WRITE, &st);
	rindex_close(r);
	buf_reset(&b);
	for (i = 0; i <= RINDEX_MERGE_ROWS; i++) {
		snprintf(id, sizeof(id), "440301%011uX", i);
		row(&b, i + 1, id, "active");
	}
	write_file("members.csv", buf_cstr(&b), "a");
	r = open_stats(RI_WRITE, &st);
	CHECK_INT(st.rebuilt, 0);
	CHECK_INT(st.tail_rows, RINDEX_MERGE_ROWS + 1);
	CHECK_INT(st.written, 1);
	rindex_close(r);
	r = open_stats(0, &st);
	CHECK_INT(st.tail_rows, 0);
	CHECK_INT(st.entries, RINDEX_MERGE_ROWS + 1);
	CHECK_INT(state(r, id, &m), RI_ACTIVE);
	CHECK_INT(m, RINDEX_MERGE_ROWS + 1);
	CHECK_INT(rindex_max_member(r), RINDEX_MERGE_ROWS + 1);
	rindex_close(r);
	buf_free(&b);
}

static void
test_builder(void)
{
	struct rindex_build *rb = rindex_build_new();
	struct rindex_stats st;
	struct rindex *r;
	struct buf b = {0};
	char *staged = datadir_path(dir, "members.csv.tmp");
	char *path = datadir_path(dir, "members.csv");
	uint32_t m;

	buf_adds(&b, header);
	row(&b, 40, "11010519491231002X", "transferred");
	row(&b, 41, "11010519491231002X", "active");
	write_file("members.csv.tmp", buf_cstr(&b), "w");
	rindex_build_row(rb, "M00000040", 9, "11010519491231002X", 18,
	    "transferred", 11);
	rindex_build_row(rb, "M00000041", 9, "11010519491231002X", 18,
	    "active", 6);
	CHECK_INT(rindex_build_write(rb, dir, staged), 0);
	rindex_build_free(rb);
	CHECK_INT(rename(staged, path), 0);
	r = open_stats(0, &st);
	CHECK_INT(st.rebuilt, 0);
	CHECK_INT(st.entries, 1);
	CHECK_INT(state(r, "11010519491231002X", &m), RI_ACTIVE);
	CHECK_INT(m, 41);
	CHECK_INT(rindex_max_member(r), 41);
	rindex_close(r);
	free(staged);
	free(path);
	buf_free(&b);
}

static void
test_missing_roster(void)
{
	char *path = datadir_path(dir, "members.csv");

	unlink(path);
	CHECK(rindex_open(dir, 0) == NULL);
	free(path);
}

static void
cleanup(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}

T_MAIN(
	if (mkdtemp(dir) == NULL)
		return 2;
	test_keys();
	test_build_and_tail();
	test_stale();
	test_merge();
	test_builder();
	test_missing_roster();
	cleanup();
)
