/*
 * test_pii_check.c - the UNION_PII_CHECK search (pii_check.h): what is
 * a hit, what is not, a token cut between two writes, and the exit.
 * A hit ends the process, so each search runs in a child.
 */
#include <sys/wait.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "pii_check.h"
#include "t.h"

#define ID	"110101199003074514"	/* check character right */
#define BADID	"110101199003074515"	/* and wrong */

/*
 * status_of: the exit status of a child that feeds the pieces (a NULL
 * ends them) to one stream, then ends it; 0 when nothing was found.
 * The child's stderr goes to /dev/null.
 */
static int
status_of(const char *const *pieces)
{
	struct pii_scan s = { .len = 0, .where = "test" };
	pid_t pid;
	int st, fd;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd, STDERR_FILENO);
		for (; *pieces != NULL; pieces++)
			pii_scan_feed(&s, *pieces, strlen(*pieces));
		pii_scan_end(&s);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int
status_of1(const char *text)
{
	const char *pieces[] = { text, NULL };

	return status_of(pieces);
}

static void
test_is(void)
{
	CHECK(pii_is_id(ID, 18));
	CHECK(pii_is_id("11010119900307451x", 18) == 0);	/* check is 4 */
	CHECK(pii_is_id(BADID, 18) == 0);
	CHECK(pii_is_id(ID, 17) == 0);
	CHECK(pii_is_mobile("13812345678", 11));
	CHECK(pii_is_mobile("19912345678", 11));
	CHECK(pii_is_mobile("12812345678", 11) == 0);
	CHECK(pii_is_mobile("1381234567a", 11) == 0);
	CHECK(pii_is_mobile("1381234567", 10) == 0);
}

static void
test_hits(void)
{
	CHECK_INT(status_of1("x: " ID ": bad\n"), PII_CHECK_EXIT);
	CHECK_INT(status_of1(ID), PII_CHECK_EXIT);	/* at the end */
	CHECK_INT(status_of1("call 13812345678."), PII_CHECK_EXIT);
	CHECK_INT(status_of1("<td>" ID "</td>"), PII_CHECK_EXIT);
	CHECK_INT(status_of1("张三" ID "李四"), PII_CHECK_EXIT);
	CHECK_INT(status_of1(ID ".0"), PII_CHECK_EXIT);
}

static void
test_not_hits(void)
{
	CHECK_INT(status_of1("x: " BADID ": bad check character\n"), 0);
	CHECK_INT(status_of1("110101********4514 138****5678\n"), 0);
	CHECK_INT(status_of1("9" ID " " ID "9 A" ID "\n"), 0);
	CHECK_INT(status_of1("138123456789 1381234567 12812345678\n"), 0);
	CHECK_INT(status_of1("138-1234-5678\n"), 0);	/* not a bare token */
	CHECK_INT(status_of1(""), 0);
}

/* a token cut between two writes is still one token */
static void
test_pieces(void)
{
	const char *id_cut[] = { "a 1101011990", "03074514 b", NULL };
	const char *phone_cut[] = { "1", "3812345678", "\n", NULL };
	const char *longer[] = { ID, "7", NULL };
	const char *apart[] = { "11010119900 ", "3074514", NULL };

	CHECK_INT(status_of(id_cut), PII_CHECK_EXIT);
	CHECK_INT(status_of(phone_cut), PII_CHECK_EXIT);
	CHECK_INT(status_of(longer), 0);
	CHECK_INT(status_of(apart), 0);
}

/* masked: text after pii_mask_text, in a static buffer */
static const char *
masked(const char *text)
{
	static char buf[200];

	snprintf(buf, sizeof(buf), "%s", text);
	pii_mask_text(buf, strlen(buf));
	return buf;
}

/* pii_mask_text masks what the search would catch, and only that */
static void
test_mask(void)
{
	CHECK_STR(masked("x: '" ID " z'\n"), "x: '110101********4514 z'\n");
	CHECK_STR(masked(ID), "110101********4514");
	CHECK_STR(masked("call 13812345678."), "call 138****5678.");
	CHECK_STR(masked("张三" ID "李四"), "张三110101********4514李四");
	CHECK_STR(masked("a " BADID " 9" ID " 12812345678"),
	    "a " BADID " 9" ID " 12812345678");
	CHECK_STR(masked(""), "");
}

/* the switch: off unless UNION_PII_CHECK is set and not empty */
static void
test_switch(void)
{
	unsetenv("UNION_PII_CHECK");
	pii_check_init();
	CHECK(!pii_check_on());
	setenv("UNION_PII_CHECK", "", 1);
	pii_check_init();
	CHECK(!pii_check_on());
	setenv("UNION_PII_CHECK", "1", 1);
	pii_check_init();
	CHECK(pii_check_on());
	CHECK(!pii_show_on());
	pii_check_off();
	CHECK(!pii_check_on());
	CHECK(pii_show_on());
}

T_MAIN(test_is(); test_hits(); test_not_hits(); test_pieces();
    test_mask(); test_switch();)
