/*
 * test_schema.c - the column rules of the six data files: names and
 * order, flags, enumerations, schema_for, binding a header, and
 * schema_check_row on good and bad rows of every file, each problem
 * pinned as "severity rule column: message".
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "t.h"

/* ---- a row checker that records what it is told ---- */

struct log {
	char	 text[4096];
	size_t	 len;
};

static void
record(void *arg, const char *column, enum severity sev, const char *rule,
    const char *msg)
{
	struct log *l = arg;
	int n;

	n = snprintf(l->text + l->len, sizeof(l->text) - l->len,
	    "%s %s %s: %s\n", sev == SEV_ERROR ? "error" : "warning", rule,
	    column, msg);
	if (n > 0)
		l->len += (size_t)n;
}

static int32_t
day(const char *s)
{
	int32_t d = INT32_MIN;
	const char *why;

	date_parse(s, strlen(s), &d, &why);
	return d;
}

/*
 * check: split csv (values in the schema's column order, no commas
 * inside) into fields, bind them in order, run schema_check_row as of
 * today; returns what was reported and sets *nerr.
 */
static const char *
check(const struct schema *s, const char *csv, const char *today, int *nerr)
{
	static struct log l;
	static char copy[1024];
	struct field f[24];
	struct binding b;
	size_t i = 0;
	char *p, *comma;

	snprintf(copy, sizeof(copy), "%s", csv);
	memset(&b, 0, sizeof(b));
	b.s = s;
	for (p = copy; i < 24; p = comma + 1) {
		f[i].s = p;
		b.idx[i] = (int)i;
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		f[i].len = strlen(p);
		i++;
		if (comma == NULL)
			break;
	}
	if (i != s->ncols) {
		fprintf(stderr, "test row has %zu fields, want %zu: %s\n", i,
		    s->ncols, csv);
		exit(1);
	}
	l.len = 0;
	l.text[0] = '\0';
	*nerr = schema_check_row(&b, f, day(today), record, &l);
	return l.text;
}

#define TODAY "2024-06-01"

/* ROW: a row's problems and error count, exactly. */
#define ROW(s, csv, nerrs, want) do { \
	int n_ = -1; \
	CHECK_STR(check(&s, csv, TODAY, &n_), want); \
	CHECK_INT(n_, nerrs); \
} while (0)

#define GOOD(s, csv) ROW(s, csv, 0, "")

/* ---- schemas, columns, flags ---- */

/* header: the canonical header of s, comma-joined. */
static const char *
header(const struct schema *s)
{
	static char out[512];
	const char *names[24];
	size_t i, len = 0;

	schema_header(s, names);
	out[0] = '\0';
	for (i = 0; i < s->ncols; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
		    i ? "," : "", names[i]);
	return out;
}

/* nonempty: the CR_NONEMPTY columns of s, space-joined. */
static const char *
nonempty(const struct schema *s)
{
	static char out[512];
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < s->ncols; i++)
		if (s->cols[i].flags & CR_NONEMPTY)
			len += (size_t)snprintf(out + len, sizeof(out) - len,
			    "%s%s", len ? " " : "", s->cols[i].name);
	return out;
}

static int
all_required(const struct schema *s)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		if (!(s->cols[i].flags & CR_REQUIRED))
			return 0;
	return 1;
}

static void
test_schemas(void)
{
	/* DESIGN.md's headers, in its order */
	CHECK_STR(header(&schema_unions), "union_id,name,parent_id,level,"
	    "credit_code,org_type,founded,chair,home_rating,status");
	CHECK_STR(header(&schema_members), "member_id,name,id_number,gender,"
	    "birth_date,phone,union_id,employer,group,join_date,status,wage,"
	    "hardship");
	CHECK_STR(header(&schema_enterprises),
	    "credit_code,name,org_type,employees,town_id,union_id");
	CHECK_STR(header(&schema_programs), "program,title,max_award,"
	    "annual_cap,min_member_days,requires_hardship,budget,active");
	CHECK_STR(header(&schema_aid), "aid_id,member_id,program,applied,"
	    "requested,status,decided,approved,paid_on,paid,reviewer,voucher,"
	    "note");
	CHECK_STR(header(&schema_cases), "case_id,type,member_id,union_id,"
	    "kind,channel,opened,status,closed,outcome,handler,summary");

	CHECK_STR(schema_unions.file, "unions.csv");
	CHECK_STR(schema_members.file, "members.csv");
	CHECK_STR(schema_enterprises.file, "enterprises.csv");
	CHECK_STR(schema_programs.file, "programs.csv");
	CHECK_STR(schema_aid.file, "aid.csv");
	CHECK_STR(schema_cases.file, "cases.csv");
	CHECK_STR(schema_unions.key, "union_id");
	CHECK_STR(schema_members.key, "member_id");
	CHECK_STR(schema_enterprises.key, "credit_code");
	CHECK_STR(schema_programs.key, "program");
	CHECK_STR(schema_aid.key, "aid_id");
	CHECK_STR(schema_cases.key, "case_id");

	/* every column DESIGN.md lists must be in the header */
	CHECK(all_required(&schema_unions));
	CHECK(all_required(&schema_members));
	CHECK(all_required(&schema_enterprises));
	CHECK(all_required(&schema_programs));
	CHECK(all_required(&schema_aid));
	CHECK(all_required(&schema_cases));

	/* what may not be empty (see the decisions in lib/schema.c) */
	CHECK_STR(nonempty(&schema_unions), "union_id name level status");
	CHECK_STR(nonempty(&schema_members),
	    "member_id name id_number union_id join_date status");
	CHECK_STR(nonempty(&schema_enterprises), "credit_code name org_type");
	CHECK_STR(nonempty(&schema_programs), "program");
	CHECK_STR(nonempty(&schema_aid),
	    "aid_id member_id program applied requested status");
	CHECK_STR(nonempty(&schema_cases),
	    "case_id type union_id kind opened status");
}

static void
test_enums(void)
{
	CHECK_STR(enum_list(union_levels), "county, town, industry, grassroots");
	CHECK_STR(enum_list(org_types), "key_enterprise, non_public, "
	    "social_org, public_institution, government");
	CHECK_STR(enum_list(home_ratings), "none, city, provincial, national");
	CHECK_STR(enum_list(union_statuses), "active, dissolved");
	CHECK_STR(enum_list(genders), "M, F");
	CHECK_STR(enum_list(member_groups), "regular, truck_driver, courier, "
	    "care_worker, domestic_worker, mall_info_clerk, food_delivery, "
	    "property_agent, security_guard, ride_hailing");
	CHECK_STR(enum_list(member_statuses),
	    "active, retained, transferred, left, deceased");
	CHECK_STR(enum_list(hardship_kinds), "none, relative, deep, accidental");
	CHECK_STR(enum_list(yes_no), "yes, no");
	CHECK_STR(enum_list(aid_statuses), "applied, approved, rejected, paid");
	CHECK_STR(enum_list(case_types), "consultation, case");
	CHECK_STR(enum_list(case_kinds), "wage_arrears, labour_contract, "
	    "work_injury, social_insurance, dismissal, working_hours, other");
	CHECK_STR(enum_list(case_channels), "visit, phone, online, referral");
	CHECK_STR(enum_list(case_statuses), "open, mediating, closed");
	CHECK_STR(enum_list(case_outcomes),
	    "resolved, arbitration, litigation, withdrawn, unresolved");
}

static void
test_schema_for(void)
{
	CHECK(schema_for("members") == &schema_members);
	CHECK(schema_for("members.csv") == &schema_members);
	CHECK(schema_for("members.tsv") == &schema_members);
	CHECK(schema_for("members.csv.gz") == &schema_members);
	CHECK(schema_for("members.tsv.gz") == &schema_members);
	CHECK(schema_for("/srv/union/members.csv") == &schema_members);
	CHECK(schema_for("unions") == &schema_unions);
	CHECK(schema_for("enterprises.csv") == &schema_enterprises);
	CHECK(schema_for("programs.tsv") == &schema_programs);
	CHECK(schema_for("d/aid.csv") == &schema_aid);
	CHECK(schema_for("cases.csv.gz") == &schema_cases);

	CHECK(schema_for("member") == NULL);
	CHECK(schema_for("members.txt") == NULL);
	CHECK(schema_for("members.gz") == NULL);
	CHECK(schema_for("membersx.csv") == NULL);
	CHECK(schema_for("Members.csv") == NULL);
	CHECK(schema_for("members/") == NULL);
	CHECK(schema_for("journal.csv") == NULL);
	CHECK(schema_for("") == NULL);

	CHECK_INT(schema_index(&schema_members, "member_id"), 0);
	CHECK_INT(schema_index(&schema_members, "hardship"), 12);
	CHECK_INT(schema_index(&schema_cases, "summary"), 11);
	CHECK_INT(schema_index(&schema_cases, "note"), -1);
	CHECK_INT(schema_index(&schema_cases, NULL), -1);
}

/* ---- binding ---- */

static void
test_binding_get(void)
{
	/* a members table with its columns reversed and an extra one */
	static const char *const vals[14] = { "none", "5678.90", "active",
		"2010-05-01", "courier", "某某公司", "U000001", "13812345678",
		"1990-01-01", "M", "320803199001011237", "张三", "M00000001",
		"extra" };
	struct field f[14];
	struct binding b;
	struct log l = { "", 0 };
	size_t i;

	memset(&b, 0, sizeof(b));
	b.s = &schema_members;
	for (i = 0; i < 14; i++) {
		f[i].s = vals[i];
		f[i].len = strlen(vals[i]);
	}
	for (i = 0; i < 13; i++)
		b.idx[i] = (int)(12 - i);
	CHECK_STR(binding_get(&b, f, "member_id").s, "M00000001");
	CHECK_STR(binding_get(&b, f, "hardship").s, "none");
	CHECK_STR(binding_get(&b, f, "name").s, "张三");
	CHECK_INT(binding_get(&b, f, "name").len, 6);
	CHECK_STR(binding_get(&b, f, "no_such_column").s, "");
	CHECK_INT(binding_get(&b, f, "no_such_column").len, 0);
	CHECK_STR(binding_get(&b, f, NULL).s, "");
	CHECK_INT(schema_check_row(&b, f, day(TODAY), record, &l), 0);
	CHECK_STR(l.text, "");

	/* an unbound column reads as empty */
	b.idx[7] = -1;
	CHECK_STR(binding_get(&b, f, "employer").s, "");
	CHECK_INT(schema_check_row(&b, f, day(TODAY), record, &l), 0);
	b.idx[0] = -1;
	CHECK_INT(schema_check_row(&b, f, day(TODAY), record, &l), 1);
	CHECK_STR(l.text, "error field member_id: must not be empty\n");
}

/* capture: run schema_bind with standard error in a file; its text. */
static const char *
bind_file(const char *csv, const struct schema *s, struct binding *b,
    int *rc)
{
	static char err[1024];
	struct tbl_opts o = { 0, ENC_UTF8, 0 };
	struct table *t;
	FILE *fp;
	size_t n;
	int saved;

	fp = fopen(s->file, "w");
	fputs(csv, fp);
	fclose(fp);
	fflush(stderr);
	saved = dup(2);
	fp = fopen("stderr.txt", "w+");
	dup2(fileno(fp), 2);
	*rc = 99;
	if ((t = tbl_open(s->file, &o)) != NULL) {
		*rc = schema_bind(s, t, b);
		tbl_close(t);
	}
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(fp);
	n = fread(err, 1, sizeof(err) - 1, fp);
	err[n] = '\0';
	fclose(fp);
	return err;
}

static void
test_bind(void)
{
	char dir[] = "/tmp/test_schema.XXXXXX", cwd[1024];
	struct binding b;
	int rc;

	if (mkdtemp(dir) == NULL || getcwd(cwd, sizeof(cwd)) == NULL ||
	    chdir(dir) != 0) {
		CHECK(!"scratch directory");
		return;
	}

	/* order is free, extra columns are fine */
	CHECK_STR(bind_file("note,case_id,summary,handler,outcome,closed,"
	    "status,opened,channel,kind,union_id,member_id,type\n", &schema_cases,
	    &b, &rc), "");
	CHECK_INT(rc, 0);
	CHECK(b.s == &schema_cases);
	CHECK_INT(b.idx[0], 1);		/* case_id */
	CHECK_INT(b.idx[1], 12);	/* type */
	CHECK_INT(b.idx[11], 2);	/* summary */

	CHECK_STR(bind_file("member_id,name,id_number,gender,birth_date,phone,"
	    "union_id,employer,group,join_date,status,hardship\n",
	    &schema_members, &b, &rc),
	    "unit: members.csv:1: wage: required column missing\n");
	CHECK_INT(rc, -1);
	CHECK_INT(b.idx[11], -1);
	CHECK_INT(b.idx[12], 11);

	CHECK_STR(bind_file("program,title,budget\n", &schema_programs, &b,
	    &rc),
	    "unit: programs.csv:1: max_award: required column missing\n"
	    "unit: programs.csv:1: annual_cap: required column missing\n"
	    "unit: programs.csv:1: min_member_days: required column missing\n"
	    "unit: programs.csv:1: requires_hardship: required column missing\n"
	    "unit: programs.csv:1: active: required column missing\n");
	CHECK_INT(rc, -1);

	/* the quiet variant says nothing but binds alike */
	{
		struct tbl_opts o = { 0, ENC_UTF8, 0 };
		struct table *t = tbl_open("programs.csv", &o);

		CHECK(t != NULL);
		if (t != NULL) {
			CHECK_INT(schema_bind_quiet(&schema_programs, t, &b), -1);
			CHECK_INT(b.idx[0], 0);
			CHECK_INT(b.idx[1], 1);
			CHECK_INT(b.idx[2], -1);
			CHECK_INT(b.idx[6], 2);
			tbl_close(t);
		}
	}

	unlink("members.csv");
	unlink("programs.csv");
	unlink("cases.csv");
	unlink("stderr.txt");
	if (chdir(cwd) != 0 || rmdir(dir) != 0)
		CHECK(!"scratch directory removed");
}

/* ---- rows of every file ---- */

/* a valid male ID born 1990-01-01, a female one born 2008-03-01 */
#define ID_M "320803199001011237"
#define ID_F "320803200803011242"

static void
test_members(void)
{
	GOOD(schema_members, "M00000001,张三," ID_M ",M,1990-01-01,13812345678,"
	    "U000001,某某公司,courier,2010-05-01,active,5678.90,none");
	/* only what may not be empty; joined on the 16th birthday */
	GOOD(schema_members, "M00000002,李四," ID_F ",,,,U000001,,,2024-03-01,"
	    "retained,,");
	/* lower-case x, a phone with its prefix, today itself */
	GOOD(schema_members, "M3,王五,11010519491231002x,F,1949-12-31,"
	    "+86 138-1234-5678,U1,,regular,2024-06-01,left,0,deep");

	ROW(schema_members, "M2,李四," ID_F ",,,,U000001,,,2024-02-29,active,,",
	    1, "error join_date join_date: 2024-02-29 is before the member's "
	    "16th birthday\n");
	ROW(schema_members, "M2,李四," ID_F ",,,,U000001,,,2024-06-02,active,,",
	    1, "error join_date join_date: 2024-06-02 is in the future\n");
	ROW(schema_members, "M1,张三," ID_M ",F,1990-01-01,,U1,,,2010-05-01,"
	    "active,,", 1, "error member_id_card gender: F disagrees with "
	    "id_number (M)\n");
	ROW(schema_members, "M1,张三," ID_F ",M,2008-03-02,,U1,,,2010-05-01,"
	    "active,,", 3,
	    "error member_id_card gender: M disagrees with id_number (F)\n"
	    "error member_id_card birth_date: 2008-03-02 disagrees with the "
	    "birth date in id_number\n"
	    "error join_date join_date: 2010-05-01 is before the member's 16th "
	    "birthday\n");
	/* a bad ID is reported once; birth_date then stands for the birth */
	ROW(schema_members, "M1,张三,320803199001011073,F,2000-01-01,,U1,,,"
	    "2010-05-01,active,,", 2,
	    "error field id_number: bad check character: expected 7, found 3\n"
	    "error join_date join_date: 2010-05-01 is before the member's 16th "
	    "birthday\n");
	ROW(schema_members, "M1,张三,320803199002301009,,,,U1,,,2010-05-01,"
	    "active,,", 1, "error field id_number: birth date 19900230 is not "
	    "a calendar date\n");
	ROW(schema_members, "M1,张三,32080319900101107,,,,U1,,,2010-05-01,"
	    "active,,", 1, "error field id_number: must be 18 characters, "
	    "found 17\n");
	ROW(schema_members, ",,,,,,,,,,,,", 6,
	    "error field member_id: must not be empty\n"
	    "error field name: must not be empty\n"
	    "error field id_number: must not be empty\n"
	    "error field union_id: must not be empty\n"
	    "error field join_date: must not be empty\n"
	    "error field status: must not be empty\n");
	ROW(schema_members, "M 1,张三,3208A3199001011237,X,1990-02-30,"
	    "12812345678,U\t1,,driver,2010/05/01,actve,12.345,poor", 11,
	    "error field member_id: must not hold a space\n"
	    "error field id_number: character 5 is not a digit\n"
	    "error field gender: \"X\" is not one of M, F\n"
	    "error field birth_date: 1990-02-30 is not a calendar date\n"
	    "error field phone: not a mainland mobile number: must begin with "
	    "13 to 19\n"
	    "error field union_id: must not hold a control character\n"
	    "error field group: \"driver\" is not one of regular, truck_driver, "
	    "courier, care_worker, domestic_worker, mall_info_clerk, "
	    "food_delivery, property_agent, security_guard, ride_hailing\n"
	    "error field join_date: not a YYYY-MM-DD date\n"
	    "error field status: \"actve\" is not one of active, retained, "
	    "transferred, left, deceased\n"
	    "error field wage: more than two decimals\n"
	    "error field hardship: \"poor\" is not one of none, relative, deep, "
	    "accidental\n");
	ROW(schema_members, "M1,张三," ID_M ",M,,1381234567,U1,,,2010-05-01,"
	    "active,-100,", 2,
	    "error field phone: must be 11 digits, found 10\n"
	    "error field wage: sign not allowed: amounts are never negative\n");
	/* a long bad value is quoted only in part */
	ROW(schema_members, "M1,张三," ID_M ",,,,U1,,,2010-05-01,"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,,", 1,
	    "error field status: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" "
	    "is not one of active, retained, transferred, left, deceased\n");
	ROW(schema_members, "M1,张三," ID_M ",,,,U1,,,2010-05-01,"
	    "张张张张张张张张张张张张张张张张张张,,", 1,
	    "error field status: \"张张张张张张张张张张张张张\" is not one of "
	    "active, retained, transferred, left, deceased\n");
}

static void
test_unions(void)
{
	GOOD(schema_unions, "U000001,某县总工会,,county,,,1950-01-01,王五,,"
	    "active");
	GOOD(schema_unions, "U000002,某镇总工会,U000001,town,,government,,,"
	    "none,active");
	GOOD(schema_unions, "U000010,某公司工会,U000002,grassroots,"
	    "91350100M000100Y43,non_public,2015-06-01,赵六,city,dissolved");
	/* a county union may still name a parent */
	GOOD(schema_unions, "U000003,某区总工会,U000009,county,,,,,national,"
	    "active");

	ROW(schema_unions, "U10,某公司工会,U2,grassroots,,non_public,,,,active",
	    1, "error row credit_code: must be set for a grassroots union\n");
	ROW(schema_unions, "U2,某镇总工会,,town,,,,,,active", 1,
	    "error row parent_id: must be set unless level is county\n");
	ROW(schema_unions, "U4,某行业工会,,industry,,,,,,active", 1,
	    "error row parent_id: must be set unless level is county\n");
	ROW(schema_unions, "U2,某镇总工会,U2,town,,,,,,active", 1,
	    "error row parent_id: names the union itself\n");
	/* a pilot code: a warning, not an error */
	ROW(schema_unions, "U10,某公司工会,U2,grassroots,91350100M000100Y44,,,,,"
	    "active", 0, "warning uscc_override credit_code: bad check "
	    "character: expected 3, found 4\n");
	ROW(schema_unions, "U10,某公司工会,U2,grassroots,91350100I000100Y43,,,,,"
	    "active", 1, "error field credit_code: character 9 is not one of "
	    "0-9ABCDEFGHJKLMNPQRTUWXY\n");
	ROW(schema_unions, "U10,,U2,city,X,state,1950-1-1,,gold,closed", 7,
	    "error field name: must not be empty\n"
	    "error field level: \"city\" is not one of county, town, industry, "
	    "grassroots\n"
	    "error field credit_code: must be 18 characters, found 1\n"
	    "error field org_type: \"state\" is not one of key_enterprise, "
	    "non_public, social_org, public_institution, government\n"
	    "error field founded: not a YYYY-MM-DD date\n"
	    "error field home_rating: \"gold\" is not one of none, city, "
	    "provincial, national\n"
	    "error field status: \"closed\" is not one of active, dissolved\n");
}

static void
test_enterprises(void)
{
	GOOD(schema_enterprises, "91350100M000100Y43,某公司,non_public,120,"
	    "T01,U000010");
	GOOD(schema_enterprises, "914403001922038216,华为技术有限公司,"
	    "key_enterprise,,,");
	GOOD(schema_enterprises, "914403001922038216,某公司,social_org,"
	    "999999999999999999,,");
	ROW(schema_enterprises, "914403001922038216,某公司,social_org,"
	    "1234567890123456789,,", 1, "error field employees: number too "
	    "large\n");
	ROW(schema_enterprises, "914403001922038216,某公司,social_org,12a,,", 1,
	    "error field employees: not a whole number\n");
	ROW(schema_enterprises, "914403001922038216,某公司,social_org,-5,,", 1,
	    "error field employees: not a whole number\n");
	ROW(schema_enterprises, "914403001922038216,某公司,social_org,1.5,,", 1,
	    "error field employees: not a whole number\n");
	ROW(schema_enterprises, "914403001922038217,某公司,social_org,,,", 0,
	    "warning uscc_override credit_code: bad check character: expected "
	    "6, found 7\n");
	ROW(schema_enterprises, ",,,,T 1,U 1", 5,
	    "error field credit_code: must not be empty\n"
	    "error field name: must not be empty\n"
	    "error field org_type: must not be empty\n"
	    "error field town_id: must not hold a space\n"
	    "error field union_id: must not hold a space\n");
}

static void
test_programs(void)
{
	GOOD(schema_programs, "winter_warmth,送温暖,2000,2000,180,yes,500000,"
	    "yes");
	GOOD(schema_programs, "school_aid,,,,,,,");
	GOOD(schema_programs, "accident,意外伤害,0.50,1000.5,0,no,,no");
	ROW(schema_programs, ",x,1e3,2 000,30.5,Y,-1,true", 7,
	    "error field program: must not be empty\n"
	    "error field max_award: exponent not allowed in an amount\n"
	    "error field annual_cap: space not allowed in an amount\n"
	    "error field min_member_days: not a whole number\n"
	    "error field requires_hardship: \"Y\" is not one of yes, no\n"
	    "error field budget: sign not allowed: amounts are never "
	    "negative\n"
	    "error field active: \"true\" is not one of yes, no\n");
}

#define AID(rest) "A0000001,M00000001,winter_warmth,2024-01-05,1000," rest

static void
test_aid(void)
{
	GOOD(schema_aid, AID("applied,,,,,,,"));
	GOOD(schema_aid, AID("approved,2024-01-10,800,,,李审核,,"));
	GOOD(schema_aid, AID("approved,2024-01-05,1000.00,,,,,"));
	GOOD(schema_aid, AID("rejected,2024-01-10,,,,李审核,,不符合条件"));
	GOOD(schema_aid, AID("rejected,,,,,,,"));
	GOOD(schema_aid, AID("paid,2024-01-10,800,2024-01-15,800.00,李审核,"
	    "V001,"));

	ROW(schema_aid, AID("applied,2024-01-10,800,2024-01-15,800,,,"), 4,
	    "error row decided: must be empty when status is applied\n"
	    "error row approved: must be empty when status is applied\n"
	    "error row paid_on: must be empty when status is applied\n"
	    "error row paid: must be empty when status is applied\n");
	ROW(schema_aid, AID("approved,,,,,,,"), 2,
	    "error row decided: must be set when status is approved\n"
	    "error row approved: must be set when status is approved\n");
	ROW(schema_aid, AID("approved,2024-01-10,800,2024-01-15,800,,,"), 2,
	    "error row paid_on: must be empty when status is approved\n"
	    "error row paid: must be empty when status is approved\n");
	ROW(schema_aid, AID("rejected,2024-01-10,800,,,,,"), 1,
	    "error row approved: must be empty when status is rejected\n");
	ROW(schema_aid, AID("paid,2024-01-10,800,,,,,"), 2,
	    "error row paid_on: must be set when status is paid\n"
	    "error row paid: must be set when status is paid\n");
	ROW(schema_aid, AID("paid,,,2024-01-15,800,,,"), 2,
	    "error row decided: must be set when status is paid\n"
	    "error row approved: must be set when status is paid\n");
	ROW(schema_aid, AID("paid,2024-01-10,800,2024-01-15,700,,,"), 1,
	    "error row paid: paid 700.00 differs from approved 800.00\n");
	ROW(schema_aid, AID("approved,2024-01-10,1200,,,,,"), 1,
	    "error row approved: approved 1200.00 is above requested "
	    "1000.00\n");
	ROW(schema_aid, AID("approved,2024-01-04,800,,,,,"), 1,
	    "error row decided: decided 2024-01-04 is before applied "
	    "2024-01-05\n");
	ROW(schema_aid, AID("paid,2024-01-10,800,2024-01-09,800,,,"), 1,
	    "error row paid_on: paid_on 2024-01-09 is before decided "
	    "2024-01-10\n");
	/* an unknown status: its own rules are skipped, the others hold */
	ROW(schema_aid, AID("done,2024-01-10,1200,,,,,"), 2,
	    "error field status: \"done\" is not one of applied, approved, "
	    "rejected, paid\n"
	    "error row approved: approved 1200.00 is above requested "
	    "1000.00\n");
	/* a bad amount is reported once, and compared with nothing */
	ROW(schema_aid, AID("paid,2024-01-10,8OO,2024-01-15,800,,,"), 1,
	    "error field approved: not an amount: only digits and one decimal "
	    "point\n");
	ROW(schema_aid, ",,,,,,,,,,,,", 6,
	    "error field aid_id: must not be empty\n"
	    "error field member_id: must not be empty\n"
	    "error field program: must not be empty\n"
	    "error field applied: must not be empty\n"
	    "error field requested: must not be empty\n"
	    "error field status: must not be empty\n");
}

#define CASE(rest) "C0000001,case,M00000001,U000010,wage_arrears,visit," \
	"2024-01-05," rest

static void
test_cases(void)
{
	GOOD(schema_cases, CASE("open,,,张律师,拖欠工资三个月"));
	GOOD(schema_cases, CASE("mediating,,,,"));
	GOOD(schema_cases, CASE("closed,2024-01-05,resolved,,"));
	GOOD(schema_cases, "C2,consultation,,U1,other,,2024-01-05,closed,"
	    "2024-02-01,withdrawn,,");

	ROW(schema_cases, CASE("closed,2024-02-01,,,"), 1,
	    "error row outcome: must be set when status is closed\n");
	ROW(schema_cases, CASE("closed,,resolved,,"), 1,
	    "error row closed: must be set when status is closed\n");
	ROW(schema_cases, CASE("closed,,,,"), 2,
	    "error row closed: must be set when status is closed\n"
	    "error row outcome: must be set when status is closed\n");
	ROW(schema_cases, CASE("mediating,2024-02-01,resolved,,"), 2,
	    "error row closed: must be empty unless status is closed\n"
	    "error row outcome: must be empty unless status is closed\n");
	ROW(schema_cases, CASE("open,,arbitration,,"), 1,
	    "error row outcome: must be empty unless status is closed\n");
	ROW(schema_cases, CASE("closed,2024-01-04,litigation,,"), 1,
	    "error row closed: closed 2024-01-04 is before opened "
	    "2024-01-05\n");
	ROW(schema_cases, "C1,dispute,,U1,fraud,fax,2024-01-05,shut,2024-01-06,"
	    "won,,", 5,
	    "error field type: \"dispute\" is not one of consultation, case\n"
	    "error field kind: \"fraud\" is not one of wage_arrears, "
	    "labour_contract, work_injury, social_insurance, dismissal, "
	    "working_hours, other\n"
	    "error field channel: \"fax\" is not one of visit, phone, online, "
	    "referral\n"
	    "error field status: \"shut\" is not one of open, mediating, "
	    "closed\n"
	    "error field outcome: \"won\" is not one of resolved, arbitration, "
	    "litigation, withdrawn, unresolved\n");
	ROW(schema_cases, ",,,,,,,,,,,", 6,
	    "error field case_id: must not be empty\n"
	    "error field type: must not be empty\n"
	    "error field union_id: must not be empty\n"
	    "error field kind: must not be empty\n"
	    "error field opened: must not be empty\n"
	    "error field status: must not be empty\n");
}

T_MAIN(
	test_schemas();
	test_enums();
	test_schema_for();
	test_binding_get();
	test_bind();
	test_members();
	test_unions();
	test_enterprises();
	test_programs();
	test_aid();
	test_cases();
)
