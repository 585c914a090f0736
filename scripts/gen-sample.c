/*
 * gen-sample.c - a deterministic, realistic data directory for the union
 * tools: the bundled sample (data/sample), test fixtures, benchmarks.
 *
 *	gen-sample -o DIR [--seed N] [--members N] [--unions N] [--towns N]
 *	    [--aid N] [--cases N] [--as-of DATE] [--format csv|tsv]
 *	    [--defects LIST] [--defects-log FILE]
 *
 * DIR is created when missing and must otherwise be empty.  It receives
 * the six files of DESIGN.md, each with schema_header's columns, and a
 * journal with one "import" entry per file (tool and user "gen-sample",
 * detail "generated seed N"), recorded after the file is complete, so
 * that union-audit finds a generated directory clean.  The journal's
 * time is $UNION_NOW, or midnight UTC of the --as-of date when that is
 * not set: the same options then give the same bytes in every file, the
 * journal included, on every machine.  All randomness comes from
 * xoshiro256** streams (one per file) seeded from --seed, in integer
 * arithmetic only, one draw per expression (the order in which C
 * evaluates function arguments is unspecified).
 *
 * What a directory holds (a county of Huai'an, Jiangsu: Lianshui):
 *	unions.csv	U000001 the county union; one union per town or
 *			street; two industry joint unions; then --unions
 *			grassroots unions, each founded in a unit of
 *			enterprises.csv (its credit code), about 2%
 *			dissolved (never with members)
 *	programs.csv	the eight programmes of DESIGN.md, budgets scaled
 *			to --aid
 *	members.csv	--members rows: about 90% active, then retained,
 *			left, deceased, and transferred rows whose person
 *			has a newer active row in another union
 *	enterprises.csv	the units of the grassroots unions and units with
 *			no union yet: founding rates of about 90%
 *			(key_enterprise), 68% (non_public) and 74%
 *			(social_org) straddle the default targets
 *	aid.csv		--aid applications in every status, keeping caps,
 *			budgets, date order, membership on the date and
 *			hardship; awards go to active members only
 *	cases.csv	--cases consultations and cases; about 95% of the
 *			closed ones resolved
 *
 * IDs, as the tools assign them (union-enroll, union-aid): union_id "U"
 * and six digits, member_id "M" and eight, aid_id "A" and eight,
 * case_id "C" and seven.  Rows are in ID order; aid and cases in date
 * order.
 *
 * --defects LIST (comma-separated names, or "all") plants each named
 * defect exactly once, at a row that depends only on the options, and
 * reports one line per defect, "name,file,line,key" (line as the
 * readers count it, 1 being the header; key the record's key), on
 * standard error or in --defects-log FILE.  The journal is recorded
 * after planting, so that a defect is not also a journal mismatch.
 * See the defects[] table for what each one does.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "union.h"

#define PROG		"gen-sample"
#define DEFAULT_ASOF	"2026-06-30"
#define YUAN		INT64_C(100)	/* fen in a yuan */

/* ---- random numbers: xoshiro256**, seeded by splitmix64 ---- */

struct rng {
	uint64_t s[4];
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* rng_init: the stream called name ("members") of a seed. */
static void
rng_init(struct rng *r, uint64_t seed, const char *name)
{
	uint64_t x = UINT64_C(0xcbf29ce484222325);
	int i;

	for (; *name; name++)	/* FNV-1a, byte by byte: endian-free */
		x = (x ^ (unsigned char)*name) * UINT64_C(0x100000001b3);
	x ^= seed;
	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* rng_below: uniform in [0, n) for n > 0 (multiply-shift). */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* rng_range: uniform in [lo, hi], lo <= hi. */
static int32_t
rng_range(struct rng *r, int32_t lo, int32_t hi)
{
	return lo + (int32_t)rng_below(r, (uint32_t)(hi - lo) + 1);
}

/* rng_chance: true permille times in 1000. */
static int
rng_chance(struct rng *r, unsigned permille)
{
	return rng_below(r, 1000) < permille;
}

/* rng_pick: an index of w[0..n) with probability w[i] / sum(w). */
static size_t
rng_pick(struct rng *r, const unsigned *w, size_t n)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i];
	x = rng_below(r, total);
	for (i = 0; x >= w[i]; i++)
		x -= w[i];
	return i;
}

/* ---- the world: places, names, trades ---- */

#define COUNTY		"涟水县"
#define COUNTY_SHORT	"涟水"
#define COUNTY_AREA	"320826"

/* Area codes of birthplaces: the county, its neighbours (some codes
   from before the 2001 and 2016 reorganisations), migrants' counties. */
static const struct area {
	const char *code;
	unsigned w;
} areas[] = {
	{ "320826", 520 },	/* 涟水县 */
	{ "320803", 70 },	/* 淮安区 */
	{ "320804", 70 },	/* 淮阴区 */
	{ "320812", 50 },	/* 清江浦区 */
	{ "320813", 30 },	/* 洪泽区 */
	{ "320830", 40 },	/* 盱眙县 */
	{ "320831", 30 },	/* 金湖县 */
	{ "320821", 30 },	/* 淮阴县, before 2001 */
	{ "320802", 20 },	/* 清河区, before 2016 */
	{ "320829", 20 },	/* 洪泽县, before 2016 */
	{ "321322", 60 },	/* 沭阳县, Suqian */
	{ "341221", 60 },	/* 临泉县, Fuyang, Anhui */
	{ "650102", 0 },	/* 天山区, Urumqi: Uyghur names only */
};
#define AREA_URUMQI	(NELEM(areas) - 1)

static const struct surname {
	const char *s;
	unsigned w;		/* people per 10,000, roughly */
} surnames[] = {
	{ "王", 720 }, { "李", 710 }, { "张", 690 }, { "刘", 540 },
	{ "陈", 460 }, { "杨", 320 }, { "黄", 230 }, { "赵", 220 },
	{ "吴", 210 }, { "周", 200 }, { "徐", 170 }, { "孙", 150 },
	{ "马", 140 }, { "朱", 140 }, { "胡", 130 }, { "郭", 120 },
	{ "何", 120 }, { "高", 110 }, { "林", 110 }, { "罗", 100 },
	{ "郑", 90 }, { "梁", 90 }, { "谢", 80 }, { "宋", 70 },
	{ "唐", 70 }, { "许", 70 }, { "韩", 70 }, { "冯", 60 },
	{ "邓", 60 }, { "曹", 60 }, { "彭", 50 }, { "曾", 50 },
	{ "肖", 50 }, { "田", 50 }, { "董", 50 }, { "袁", 40 },
	{ "潘", 40 }, { "于", 40 }, { "蒋", 40 }, { "蔡", 40 },
	{ "余", 40 }, { "杜", 40 }, { "叶", 40 }, { "程", 40 },
	{ "苏", 30 }, { "魏", 30 }, { "吕", 30 }, { "丁", 30 },
	{ "任", 30 }, { "沈", 30 }, { "姚", 30 }, { "卢", 30 },
	{ "姜", 30 }, { "崔", 30 }, { "钟", 30 }, { "谭", 30 },
	{ "陆", 30 }, { "汪", 30 }, { "范", 30 }, { "金", 30 },
	{ "石", 30 }, { "廖", 30 }, { "贾", 20 }, { "夏", 20 },
	{ "韦", 20 }, { "付", 20 }, { "方", 20 }, { "白", 20 },
	{ "邹", 20 }, { "孟", 20 }, { "熊", 20 }, { "秦", 20 },
	{ "邱", 20 }, { "江", 20 }, { "尹", 20 }, { "薛", 20 },
	{ "闫", 20 }, { "段", 20 }, { "雷", 20 }, { "侯", 20 },
	{ "龙", 20 }, { "史", 20 }, { "陶", 20 }, { "黎", 20 },
	{ "贺", 20 }, { "顾", 20 }, { "毛", 20 }, { "郝", 20 },
	{ "龚", 20 }, { "邵", 20 }, { "万", 20 }, { "钱", 20 },
	{ "严", 20 }, { "武", 20 }, { "戴", 20 }, { "覃", 10 },
	{ "莫", 10 }, { "孔", 10 }, { "向", 10 }, { "汤", 10 },
	{ "欧阳", 3 }, { "司马", 1 }, { "上官", 1 }, { "诸葛", 1 },
};

static const char *const given_m[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚",
	"平", "辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩", "凯", "健",
	"俊", "帆", "帅", "旭", "宁", "龙", "林", "阳", "建", "国", "志",
	"文", "海", "东", "晨", "亮", "峰", "永", "成", "良", "兵", "春",
	"德", "新", "荣", "博",
};
static const char *const given_f[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷",
	"雪", "慧", "莹", "琳", "颖", "倩", "洁", "红", "梅", "兰", "萍",
	"秀", "英", "华", "琴", "云", "蓉", "佳", "欣", "怡", "悦", "月",
	"媛", "晶", "璐", "露", "丹", "茜", "菲", "薇", "妍",
};
static const char *const uyghur_m[] = { "买买提·艾力", "艾力·吐尔逊",
	"阿不都·热合曼" };
static const char *const uyghur_f[] = { "阿依古丽·买买提",
	"古丽娜尔·艾力" };

/* Mobile prefixes in use: all match 1[3-9]. */
static const char *const phone_prefixes[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"145", "147", "150", "151", "152", "153", "155", "156", "157", "158",
	"159", "166", "170", "171", "173", "175", "176", "177", "178", "180",
	"181", "182", "183", "184", "185", "186", "187", "188", "189", "191",
	"193", "195", "196", "197", "198", "199",
};

static const char *const town_names[] = {
	"涟城街道", "高沟镇", "唐集镇", "保滩街道", "大东镇", "五港镇",
	"梁岔镇", "石湖镇", "朱码街道", "岔庙镇", "东胡集镇", "南集镇",
	"义兴镇", "成集镇", "红窑镇", "陈师街道", "前进镇", "黄营镇",
	"方渡镇", "徐集镇", "蒋庵镇", "小李集镇", "金城镇", "麻垛镇",
};
static const char *const town_first[] = { "东", "西", "南", "北", "新",
	"长", "永", "安", "平", "和", "兴", "丰" };
static const char *const town_second[] = { "河", "桥", "湖", "港", "集",
	"庄", "塘", "圩", "沟", "口" };

/* Two-character trade names of companies ("恒达"). */
static const char *const brand_chars[] = {
	"恒", "达", "华", "泰", "鑫", "源", "宏", "远", "盛", "兴", "隆",
	"丰", "瑞", "祥", "金", "鼎", "永", "安", "昌", "荣", "富", "康",
	"利", "德", "顺", "新", "宇", "嘉", "凯", "博", "锦", "润", "中",
	"天", "海", "星", "辰", "汇", "通", "信", "诚", "益", "佳", "和",
	"美", "腾", "飞", "龙", "光", "明", "亿", "万", "联", "创", "科",
	"正", "东", "方", "力", "百", "旺", "乐", "双", "合",
};

enum { ORG_KEY, ORG_NONPUBLIC, ORG_SOCIAL, ORG_PUBLIC, ORG_GOV, NORG };
static const char *const org_names[NORG] = { "key_enterprise",
	"non_public", "social_org", "public_institution", "government" };
/* grassroots unions by org_type, per mille */
static const unsigned org_w[NORG] = { 120, 500, 120, 140, 120 };
/* founding rate (units with a union), per mille, by org_type */
static const unsigned org_founded_rate[NORG] = { 900, 680, 740, 950, 980 };
/* typical monthly wage, yuan, of units that are not companies */
static const int org_wage[NORG] = { 0, 0, 4500, 6500, 7200 };

enum { JOINT_NONE, JOINT_TRANSPORT, JOINT_SERVICES };

/* Trades of companies: what they are called, and whom they employ. */
static const struct sector {
	const char *word;	/* in the company's name */
	const char *group;	/* new-employment group of most staff */
	unsigned share;		/* per mille of staff in that group */
	int	 joint;		/* industry union it may belong to */
	unsigned w;		/* how common */
	int	 wage;		/* typical monthly wage, yuan */
} sectors[] = {
	{ "机械制造", "regular", 0, JOINT_NONE, 140, 6000 },
	{ "纺织服装", "regular", 0, JOINT_NONE, 100, 4800 },
	{ "电子科技", "regular", 0, JOINT_NONE, 100, 6500 },
	{ "食品", "regular", 0, JOINT_NONE, 80, 4800 },
	{ "化工", "regular", 0, JOINT_NONE, 50, 6500 },
	{ "建筑工程", "regular", 0, JOINT_NONE, 100, 6800 },
	{ "商贸", "regular", 0, JOINT_NONE, 80, 4500 },
	{ "餐饮管理", "regular", 0, JOINT_NONE, 60, 4200 },
	{ "物流", "truck_driver", 550, JOINT_TRANSPORT, 60, 7000 },
	{ "快递服务", "courier", 800, JOINT_TRANSPORT, 40, 6500 },
	{ "外卖配送服务", "food_delivery", 850, JOINT_TRANSPORT, 40, 6200 },
	{ "网约车服务", "ride_hailing", 850, JOINT_TRANSPORT, 20, 6800 },
	{ "房产经纪", "property_agent", 800, JOINT_SERVICES, 30, 6000 },
	{ "保安服务", "security_guard", 850, JOINT_SERVICES, 30, 3900 },
	{ "家政服务", "domestic_worker", 750, JOINT_SERVICES, 30, 4500 },
	{ "养老护理", "care_worker", 800, JOINT_SERVICES, 20, 4300 },
	{ "商业管理", "mall_info_clerk", 300, JOINT_SERVICES, 20, 4000 },
};
#define NSECTOR NELEM(sectors)

static const char *const trade_assocs[] = { "个体劳动者协会", "餐饮行业协会",
	"建筑业协会", "物流协会", "电子商务协会", "家政服务业协会",
	"养老服务协会", "律师协会", "会计学会", "总商会", "企业家协会",
	"快递行业协会", "汽车运输协会", "青年企业家商会", "女企业家协会",
	"保安协会" };
static const char *const private_units[] = { "民办幼儿园", "职业培训学校",
	"养老服务中心", "社会工作服务中心", "文化艺术培训中心" };
static const char *const county_institutions[] = { "人民医院", "中医院",
	"第一中学", "第二中学", "实验小学", "职业教育中心", "疾病预防控制中心",
	"妇幼保健院", "广播电视台", "自来水公司" };
static const char *const town_institutions[] = { "中心小学", "初级中学",
	"卫生院", "中心幼儿园", "农业技术推广站", "文化站", "水利站" };
static const char *const county_offices[] = { "财政局", "教育局",
	"人力资源和社会保障局", "住房和城乡建设局", "交通运输局", "农业农村局",
	"市场监督管理局", "税务局", "公安局", "司法局", "民政局", "卫生健康委员会",
	"自然资源和规划局", "生态环境局", "商务局", "水务局", "统计局",
	"审计局", "应急管理局", "退役军人事务局" };
static const char *const town_offices[] = { "人民政府", "派出所", "司法所",
	"财政所", "市场监督管理所", "自然资源所" };

/* Staff who decide aid, and who handle rights cases. */
static const char *const reviewers[] = { "王建国", "李红梅", "张卫东",
	"刘秀英", "陈志强", "杨丽娟" };
static const char *const handlers[] = { "周文斌", "吴海燕", "孙立新",
	"郑晓明", "徐静" };

/*
 * The programmes: lib/programs.c's defaults (what union-enroll init
 * writes), with what only a sample needs: each one's share of the
 * applications and whether it has a budget (else no limit).  In the
 * defaults' order.
 */
static const struct {
	unsigned w;		/* share of applications */
	int	 budgeted;	/* has a budget */
} sample_use[NDEFAULT_PROGRAMS] = {
	{ 20, 1 },	/* winter_warmth */
	{ 8, 1 },	/* school_aid */
	{ 30, 1 },	/* medical_mutual */
	{ 12, 1 },	/* hardship_relief */
	{ 10, 1 },	/* accident */
	{ 8, 1 },	/* critical_illness */
	{ 4, 1 },	/* death_benefit: also a spouse's, parent's or child's */
	{ 8, 0 },	/* third_party */
};
#define NPROG NDEFAULT_PROGRAMS
enum { PG_WINTER, PG_SCHOOL, PG_MEDICAL, PG_HARDSHIP, PG_ACCIDENT,
	PG_CRITICAL, PG_DEATH, PG_THIRD };

/* ---- defects for the audit's tests ---- */

enum defect_id {
	D_BAD_ID_CHECK, D_ID_GENDER_MISMATCH, D_ID_BIRTH_MISMATCH, D_BAD_PHONE,
	D_BAD_DATE, D_BAD_MONEY, D_BAD_ENUM, D_DUP_MEMBER_ID,
	D_DUP_ACTIVE_PERSON, D_DANGLING_UNION_REF, D_MEMBER_OF_DISSOLVED,
	D_JOIN_BEFORE_16, D_JOIN_IN_FUTURE,
	D_DUP_UNION_ID, D_UNION_CYCLE, D_ORPHAN_PARENT,
	D_ENTERPRISE_BAD_USCC, D_ENTERPRISE_DISSOLVED_UNION,
	D_AID_PAID_WITHOUT_APPROVAL, D_AID_PAID_NE_APPROVED,
	D_AID_OVER_MAX_AWARD, D_AID_OVER_ANNUAL_CAP, D_AID_NOT_MEMBER_ON_DATE,
	D_AID_HARDSHIP_REQUIRED, D_AID_DATES_OUT_OF_ORDER,
	D_CASE_CLOSED_BEFORE_OPENED, D_CASE_OUTCOME_WITHOUT_CLOSE,
	D_RAGGED_ROW, D_TORN_LAST_LINE,
	NDEFECT
};
#define FIRST_MEMBER_DEFECT	D_BAD_ID_CHECK
#define LAST_MEMBER_DEFECT	D_JOIN_IN_FUTURE
#define FIRST_AID_DEFECT	D_AID_PAID_WITHOUT_APPROVAL
#define LAST_AID_DEFECT		D_AID_DATES_OUT_OF_ORDER

/*
 * What each defect does.  Every planted record is otherwise sound, and
 * nothing else names it (no aid or case refers to a planted member), so
 * that it is the audit's only finding about that record; where a rule
 * of schema_check_row covers the same fault, that rule reports too.
 */
static const struct defect {
	const char *name;
	const char *table;	/* the file it is planted in */
	const char *what;
} defects[NDEFECT] = {
	{ "bad_id_check", "members",
	    "an active member's id_number with a wrong check character" },
	{ "id_gender_mismatch", "members",
	    "gender the opposite of the one id_number gives" },
	{ "id_birth_mismatch", "members",
	    "birth_date one day after the one id_number gives" },
	{ "bad_phone", "members", "a phone beginning 12" },
	{ "bad_date", "members", "join_date on February 30" },
	{ "bad_money", "members", "a wage with three decimals" },
	{ "bad_enum", "members", "group \"driver\"" },
	{ "dup_member_id", "members",
	    "a second person under the member_id of the row before" },
	{ "dup_active_person", "members",
	    "the person of the active row before, active in another row" },
	{ "dangling_union_ref", "members",
	    "an active member of a union_id that names no union" },
	{ "member_of_dissolved", "members",
	    "an active member of a dissolved union" },
	{ "join_before_16", "members",
	    "joined six months after the 15th birthday" },
	{ "join_in_future", "members",
	    "a join date 26 years after --as-of (2025 typed 2052)" },
	{ "dup_union_id", "unions",
	    "a grassroots union's row twice, one after the other" },
	{ "union_cycle", "unions",
	    "two grassroots unions, each the other's parent (the key is the "
	    "first)" },
	{ "orphan_parent", "unions",
	    "a grassroots union whose parent_id names no union" },
	{ "enterprise_bad_uscc", "enterprises",
	    "a credit code with the letter O for a 0 (a unit with no union)" },
	{ "enterprise_dissolved_union", "enterprises",
	    "the unit of a dissolved union still naming it" },
	{ "aid_paid_without_approval", "aid",
	    "status paid, decided and paid set, approved empty" },
	{ "aid_paid_ne_approved", "aid",
	    "paid 100.00 less than approved" },
	{ "aid_over_max_award", "aid",
	    "medical_mutual requested, approved and paid 500.00 above "
	    "max_award" },
	{ "aid_over_annual_cap", "aid",
	    "a second critical_illness award to a member in one year, the "
	    "two above annual_cap (the key is the second)" },
	{ "aid_not_member_on_date", "aid",
	    "a death benefit applied for before the member joined" },
	{ "aid_hardship_required", "aid",
	    "hardship_relief paid to a member without hardship" },
	{ "aid_dates_out_of_order", "aid",
	    "decided three days before applied" },
	{ "case_closed_before_opened", "cases",
	    "a closed case closed five days before it was opened" },
	{ "case_outcome_without_close", "cases",
	    "status mediating, outcome resolved, closed empty" },
	{ "ragged_row", "cases", "a record without its last field" },
	{ "torn_last_line", "cases",
	    "a last record cut short inside its opened date, no newline" },
};

/* A member row set aside for a defect, or to stand before one. */
enum { ROLE_FREE, ROLE_PLAIN, ROLE_DEFECT };
struct special {
	long	 row;
	int	 role;
	int	 defect;
};

/* Where a defect was planted. */
struct planted {
	int	 set;
	long	 line;
	char	 file[32];
	char	 key[24];
};

/* ---- the state of one run ---- */

enum { LV_COUNTY, LV_TOWN, LV_INDUSTRY, LV_GRASSROOTS };
static const char *const level_names[] = { "county", "town", "industry",
	"grassroots" };
static const char *const rating_names[] = { "none", "city", "provincial",
	"national" };
static const unsigned rating_w[] = { 910, 60, 25, 5 };

/* A union of unions.csv. */
struct unit {
	char	 id[12];	/* U000001 */
	char	 name[224];
	char	 chair[40];
	char	 code[19];	/* credit code */
	int	 level;		/* LV_* */
	int	 parent;	/* index, -1 for the county union */
	int	 org;		/* ORG_* */
	int	 sector;	/* index in sectors[], -1 for other units */
	int	 town;		/* index of its town union */
	int	 ent;		/* its unit in ents[], -1 */
	int	 rating;	/* index in rating_names[] */
	int	 dissolved;
	int32_t	 founded;
	uint32_t members;	/* active and retained rows written */
};

/* A unit of enterprises.csv. */
struct ent {
	char	 code[19];
	char	 name[200];
	int	 org;
	int	 town;		/* index of its town union */
	int	 unit;		/* its union, -1 for none */
	unsigned size;		/* staff, before scaling to the roster */
};

/* A member that aid applications and cases may name. */
struct pooled {
	uint32_t no;		/* member number */
	int32_t	 join;
	int32_t	 unit;		/* the grassroots union */
	int	 hardship;	/* index in hardship names, 0 none */
	char	 sur[8];	/* family name, for case summaries */
};

struct gen {
	/* options */
	const char *dir;
	uint64_t seed;
	long	 nmembers, ngrassroots, ntowns, naid, ncases;
	int32_t	 asof;
	enum outfmt fmt;
	const char *ext;		/* ".csv" or ".tsv" */
	unsigned char want[NDEFECT];
	const char *defects_log;
	char	 detail[48];		/* "generated seed N" */

	/* the calendar */
	int	 year;			/* of --as-of */
	int32_t	 window;		/* first day of aid and cases */

	/* unions and units */
	struct unit *units;
	size_t	 nunits;
	int	 transport, services;	/* the industry unions */
	int	 first_grassroots;
	int	 dissolved;		/* a dissolved grassroots union, -1 */
	struct ent *ents;
	size_t	 nents;
	size_t	*ent_order;		/* the order enterprises.csv lists them */
	uint64_t code_next;		/* credit codes made so far */
	uint64_t code_base;		/* the key of their scramble */
	unsigned brand_next[NORG][NSECTOR];
	unsigned named[NORG];		/* other units named, by org_type */

	/* picking a member's union by its size */
	int32_t	*pick_unit;
	uint64_t *pick_cum;
	size_t	 npick;

	/* identity numbers: sequences handed out per area, day and sex */
	uint16_t *idused;
	int32_t	 idfirst, iddays;
	unsigned surname_cum[NELEM(surnames)];

	/* members kept for aid and cases */
	struct pooled *pool;
	size_t	 npool, cappool;
	uint32_t *hpool;		/* indexes of pool members in hardship */
	size_t	 nhpool, caphpool;
	unsigned pool_ppm;		/* chance to keep a member, per million */

	int64_t	 budget[NPROG];		/* fen; 0 for none */

	int	 target[NDEFECT];	/* union planted in, -1 */
	struct special spec[2 * (LAST_MEMBER_DEFECT + 1)];
	size_t	 nspec;
	struct planted planted[NDEFECT];
};

/* ---- small formatting helpers ---- */

/* fmt_id: prefix and n in width digits ("M00000042"); returns out. */
static char *
fmt_id(char *out, char prefix, unsigned long n, int width)
{
	int i;

	out[0] = prefix;
	for (i = width; i >= 1; i--) {
		out[i] = (char)('0' + n % 10);
		n /= 10;
	}
	out[width + 1] = '\0';
	return out;
}

static char *
union_id(char *out, size_t i)
{
	return fmt_id(out, 'U', (unsigned long)i + 1, 6);
}

static char *
member_id(char *out, unsigned long no)
{
	return fmt_id(out, 'M', no, 8);
}

static char *
aid_id(char *out, unsigned long no)
{
	return fmt_id(out, 'A', no, 8);
}

static char *
case_id(char *out, unsigned long no)
{
	return fmt_id(out, 'C', no, 7);
}

/* years_after: the same day y years later (Feb 29 -> Feb 28). */
static int32_t
years_after(int32_t day, int y)
{
	return date_add_months(day, 12 * y);
}

static int32_t
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int
year_of(int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

/* year_end: December 31 of day's year. */
static int32_t
year_end(int32_t day)
{
	return ymd(year_of(day), 12, 31);
}

static int32_t
min32(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

static int32_t
max32(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

/* record_defect: remember where defect d went. */
static void
record_defect(struct gen *g, int d, const char *file, long line,
    const char *key)
{
	struct planted *p = &g->planted[d];

	p->set = 1;
	p->line = line;
	snprintf(p->file, sizeof(p->file), "%s", file);
	snprintf(p->key, sizeof(p->key), "%s", key);
}

/* ---- writing a table ---- */

#define MAXCOLS 24

struct tw {
	const struct schema *s;
	struct out *o;
	int	 fd;
	int	 csv;
	char	 file[32];	/* "members.csv" */
	long	 line;		/* lines written so far; 1 is the header */
	int	 pos[MAXCOLS];	/* my column k -> schema column */
	const char *v[MAXCOLS];	/* the row being built, schema order */
};

/*
 * tw_open: create DIR/NAME (the schema's file with the chosen suffix)
 * and write the schema's header.  cols are the columns this program
 * fills, by name: tw_set(w, k, ...) sets cols[k], wherever the schema
 * puts it; columns it does not name stay empty.
 */
static void
tw_open(struct gen *g, struct tw *w, const struct schema *s,
    const char *const *cols, size_t ncols)
{
	const char *names[MAXCOLS];
	size_t i, k, stem = strcspn(s->file, ".");
	char *path;

	memset(w, 0, sizeof(*w));
	w->s = s;
	w->csv = g->fmt == FMT_CSV;
	snprintf(w->file, sizeof(w->file), "%.*s%s", (int)stem, s->file,
	    g->ext);
	path = datadir_path(g->dir, w->file);
	if ((w->fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0640)) < 0)
		die(EXIT_TROUBLE, "%s:", path);
	free(path);
	w->o = out_open_fd(w->fd, w->file, g->fmt, 0);
	if (s->ncols > MAXCOLS)
		die(EXIT_TROUBLE, "%s: too many columns", s->file);
	schema_header(s, names);
	out_header(w->o, s->ncols, names);
	w->line = 1;
	for (k = 0; k < ncols; k++) {
		for (i = 0; i < s->ncols; i++)
			if (strcmp(s->cols[i].name, cols[k]) == 0)
				break;
		if (i == s->ncols)
			die(EXIT_TROUBLE, "%s: no column %s in the schema",
			    s->file, cols[k]);
		w->pos[k] = (int)i;
	}
}

static void
tw_set(struct tw *w, int k, const char *val)
{
	w->v[w->pos[k]] = val;
}

/* tw_row: write the row built (then cleared); the line it starts on. */
static long
tw_row_n(struct tw *w, size_t n)
{
	long start = w->line + 1;
	size_t i;

	out_row(w->o, n, w->v);
	w->line = start;
	for (i = 0; i < n; i++) {
		const char *p = w->v[i];

		while (w->csv && p && (p = strchr(p, '\n')) != NULL) {
			w->line++;
			p++;
		}
		w->v[i] = NULL;
	}
	return start;
}

static long
tw_row(struct tw *w)
{
	return tw_row_n(w, w->s->ncols);
}

/*
 * tw_torn_row: write the row built, then cut the file inside column
 * cut (which, and every column before it, must hold plain ASCII),
 * after its first keep bytes: a write cut short.  The line it starts on.
 */
static long
tw_torn_row(struct tw *w, int cut, size_t keep)
{
	unsigned long long before, after;
	char buf[4096];
	size_t n, i;
	long line;
	int delims = 0;
	char delim = w->csv ? ',' : '\t';

	out_flush(w->o);
	before = out_bytes(w->o);
	line = tw_row(w);
	out_flush(w->o);
	after = out_bytes(w->o);
	n = (size_t)(after - before);
	if (n > sizeof(buf) || pread(w->fd, buf, n, (off_t)before) !=
	    (ssize_t)n)
		die(EXIT_TROUBLE, "%s: cannot read back the last row", w->file);
	for (i = 0; i < n && delims < w->pos[cut]; i++)
		if (buf[i] == delim)
			delims++;
	if (ftruncate(w->fd, (off_t)(before + i + keep)) != 0)
		die(EXIT_TROUBLE, "%s:", w->file);
	return line;
}

/* tw_close: finish the file, then record it in the journal. */
static void
tw_close(struct gen *g, struct tw *w)
{
	out_close(w->o);
	if (fsync(w->fd) != 0 || close(w->fd) != 0)
		die(EXIT_TROUBLE, "%s:", w->file);
	if (journal_record(g->dir, PROG, PROG, "import", w->file, "",
	    g->detail) != 0)
		exit(EXIT_TROUBLE);
}

/* ---- names ---- */

/* append: s at p, cut at end (where a NUL goes); the new end of text. */
static char *
append(char *p, char *end, const char *s)
{
	size_t n = strlen(s);

	if (n > (size_t)(end - p))
		n = (size_t)(end - p);
	memcpy(p, s, n);
	p[n] = '\0';
	return p + n;
}

static void
surnames_init(struct gen *g)
{
	unsigned sum = 0;
	size_t i;

	for (i = 0; i < NELEM(surnames); i++)
		g->surname_cum[i] = sum += surnames[i].w;
}

static const char *
pick_surname(struct gen *g, struct rng *r)
{
	unsigned x = rng_below(r, g->surname_cum[NELEM(surnames) - 1]);
	size_t lo = 0, hi = NELEM(surnames) - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (g->surname_cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return surnames[lo].s;
}

/* han_name: a family name and one or two given characters. */
static void
han_name(struct gen *g, struct rng *r, int male, char *out, size_t sz)
{
	const char *const *given = male ? given_m : given_f;
	size_t n = male ? NELEM(given_m) : NELEM(given_f);
	const char *sur = pick_surname(g, r);
	char *end = out + sz - 1;

	out = append(out, end, sur);
	out = append(out, end, given[rng_below(r, n)]);
	if (rng_chance(r, 750))
		append(out, end, given[rng_below(r, n)]);
}

/*
 * brand: the trade name of the k-th company of a kind, two characters
 * (three after 4096), scattered so that neighbours differ; distinct k
 * give distinct names.
 */
static void
brand(struct gen *g, unsigned k, char *out, size_t sz)
{
	unsigned nb = NELEM(brand_chars), sq = nb * nb;
	unsigned x;

	if (k < sq) {
		x = (unsigned)((k * 37u + g->seed) % sq);
		snprintf(out, sz, "%s%s", brand_chars[x / nb],
		    brand_chars[x % nb]);
	} else {
		x = (k - sq) % (sq * nb);
		snprintf(out, sz, "%s%s%s", brand_chars[x / sq],
		    brand_chars[x / nb % nb], brand_chars[x % nb]);
	}
}

/* town_name: the name of town i ("高沟镇"). */
static void
town_name(size_t i, char *out, size_t sz)
{
	size_t n1 = NELEM(town_first), n2 = NELEM(town_second);

	if (i < NELEM(town_names)) {
		snprintf(out, sz, "%s", town_names[i]);
		return;
	}
	i -= NELEM(town_names);
	if (i < n1 * n2)
		snprintf(out, sz, "%s%s镇", town_first[i / n2],
		    town_second[i % n2]);
	else
		snprintf(out, sz, "第%zu街道", i - n1 * n2 + 1);
}

/* town_of: the town name of a town union, without "总工会". */
static void
town_of(struct gen *g, int town, char *out, size_t sz)
{
	town_name((size_t)(town - 1), out, sz);
	(void)g;
}

/*
 * company_name: the next company of an org_type and trade, named for
 * the pair.  A few carry a quote or a comma, as Excel exports do (the
 * 4th and 6th non-public company, then one in 97 and one in 89), so
 * that CSV quoting is exercised even in a small sample.
 */
static void
company_name(struct gen *g, int org, int sector, char *out, size_t sz)
{
	unsigned k = g->brand_next[org][sector]++, nth = g->named[org]++;
	const char *word = sectors[sector].word;
	char b[16];

	brand(g, k * (unsigned)NSECTOR + (unsigned)sector, b, sizeof(b));
	if (org == ORG_KEY)
		snprintf(out, sz, "江苏%s%s股份有限公司", b, word);
	else if (nth % 97 == 3)
		snprintf(out, sz, COUNTY_SHORT "\"%s\"%s有限公司", b, word);
	else if (nth % 89 == 5)
		snprintf(out, sz, "淮安%s%s有限公司,涟水分公司", b, word);
	else
		snprintf(out, sz, COUNTY_SHORT "%s%s有限公司", b, word);
}

static void
social_name(struct gen *g, char *out, size_t sz)
{
	unsigned k = g->named[ORG_SOCIAL]++;
	size_t n = NELEM(trade_assocs), m = NELEM(private_units);
	char b[16];

	if (k < n) {
		snprintf(out, sz, COUNTY "%s", trade_assocs[k]);
		return;
	}
	k -= (unsigned)n;
	brand(g, (unsigned)(k / m), b, sizeof(b));
	snprintf(out, sz, COUNTY "%s%s", b, private_units[k % m]);
}

/*
 * public_name: a county institution or office, then the ones of each
 * town in turn; *town is set to the town it is in (1: the county seat).
 */
static void
public_name(struct gen *g, int org, int *town, char *out, size_t sz)
{
	const char *const *county = org == ORG_PUBLIC ? county_institutions :
	    county_offices;
	const char *const *local = org == ORG_PUBLIC ? town_institutions :
	    town_offices;
	size_t nc = org == ORG_PUBLIC ? NELEM(county_institutions) :
	    NELEM(county_offices);
	size_t nl = org == ORG_PUBLIC ? NELEM(town_institutions) :
	    NELEM(town_offices);
	size_t k = g->named[org]++, t = (size_t)g->ntowns, round;
	char tn[64];

	if (k < nc) {
		*town = 1;
		snprintf(out, sz, COUNTY "%s", county[k]);
		return;
	}
	k -= nc;
	*town = (int)(k % t) + 1;
	round = k / t / nl;
	town_of(g, *town, tn, sizeof(tn));
	if (round == 0)
		snprintf(out, sz, "%s%s", tn, local[k / t % nl]);
	else
		snprintf(out, sz, "%s第%zu%s", tn, round + 1,
		    local[k / t % nl]);
}

/* ---- credit codes (GB 32100-2015) ---- */

/* gb11714_check: the check character of an 8-character organisation
   code body (digits and capitals). */
static char
gb11714_check(const char *body)
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int i, sum = 0, c;

	for (i = 0; i < 8; i++) {
		c = body[i];
		sum += w[i] * (c <= '9' ? c - '0' : c - 'A' + 10);
	}
	c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

/*
 * scramble: a permutation of 0 .. 10^8 - 1 that looks random: four
 * Feistel rounds over two halves of four digits, keyed by the seed.
 * Distinct counters give distinct numbers.
 */
static uint32_t
scramble(const struct gen *g, uint32_t n)
{
	uint32_t left = n / 10000, right = n % 10000, t;
	uint64_t x;
	int round;

	for (round = 0; round < 4; round++) {
		x = g->code_base ^ ((uint64_t)round << 32 | right);
		t = (uint32_t)((left + splitmix64(&x) % 10000) % 10000);
		left = right;
		right = t;
	}
	return left * 10000 + right;
}

/*
 * credit_code: a valid, unique code: registering department and kind,
 * area, organisation code (eight characters and their GB 11714 check;
 * newer ones "MA..."), and the MOD 31 check character.
 */
static void
credit_code(struct gen *g, struct rng *r, char dept, char kind,
    char out[19])
{
	static const char alpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	uint32_t n = scramble(g, (uint32_t)(g->code_next++ %
	    UINT64_C(100000000)));
	char *body = out + 8;
	int i;

	out[0] = dept;
	out[1] = kind;
	memcpy(out + 2, rng_chance(r, 900) ? COUNTY_AREA : "320800", 6);
	if (dept == '9' && rng_chance(r, 400)) {
		body[0] = 'M';
		body[1] = 'A';
		for (i = 7; i >= 2; i--, n /= 31)
			body[i] = alpha[n % 31];
	} else {
		for (i = 7; i >= 0; i--, n /= 10)
			body[i] = (char)('0' + n % 10);
	}
	out[16] = gb11714_check(body);
	out[17] = uscc_checkchar(out);
	out[18] = '\0';
}

/* The department and kind of code of each org_type. */
static void
code_kind(int org, int association, char *dept, char *kind)
{
	static const char d[NORG] = { '9', '9', '5', '1', '1' };
	static const char k[NORG] = { '1', '1', '2', '2', '1' };

	*dept = d[org];
	*kind = org == ORG_SOCIAL && association ? '1' : k[org];
}

/* ---- the union tree and the units ---- */

static struct unit *
new_unit(struct gen *g, int level, int parent)
{
	struct unit *u = &g->units[g->nunits];

	memset(u, 0, sizeof(*u));
	union_id(u->id, g->nunits);
	g->nunits++;
	u->level = level;
	u->parent = parent;
	u->sector = -1;
	u->ent = -1;
	u->org = ORG_GOV;
	u->town = parent > 0 ? g->units[parent].town : 0;
	return u;
}

/* chair: a chair with a name; union officers, so mostly 35 to 55. */
static void
chair(struct gen *g, struct rng *r, struct unit *u)
{
	han_name(g, r, rng_chance(r, 620), u->chair, sizeof(u->chair));
}

static int32_t
founded_between(struct gen *g, struct rng *r, int32_t lo, int32_t hi)
{
	hi = min32(hi, g->asof - 60);
	return rng_range(r, min32(lo, hi), hi);
}

/* upper_units: the county union, the towns, the industry unions. */
static void
upper_units(struct gen *g, struct rng *r)
{
	struct unit *u;
	char tn[64];
	long t;

	u = new_unit(g, LV_COUNTY, -1);
	snprintf(u->name, sizeof(u->name), COUNTY "总工会");
	u->founded = ymd(1950, 5, 1);
	credit_code(g, r, '8', '1', u->code);
	chair(g, r, u);
	for (t = 0; t < g->ntowns; t++) {
		u = new_unit(g, LV_TOWN, 0);
		u->town = (int)g->nunits - 1;
		town_name((size_t)t, tn, sizeof(tn));
		snprintf(u->name, sizeof(u->name), "%s总工会", tn);
		u->founded = founded_between(g, r, ymd(1984, 1, 1),
		    ymd(1995, 12, 31));
		credit_code(g, r, '8', '1', u->code);
		chair(g, r, u);
	}
	g->transport = (int)g->nunits;
	u = new_unit(g, LV_INDUSTRY, 0);
	u->town = 1;
	snprintf(u->name, sizeof(u->name), COUNTY "交通运输物流行业工会联合会");
	u->founded = founded_between(g, r, ymd(2017, 5, 1), ymd(2017, 5, 1));
	credit_code(g, r, '8', '1', u->code);
	chair(g, r, u);
	g->services = (int)g->nunits;
	u = new_unit(g, LV_INDUSTRY, 0);
	u->town = 1;
	snprintf(u->name, sizeof(u->name), COUNTY "商贸服务业工会联合会");
	u->founded = founded_between(g, r, ymd(2018, 9, 15), ymd(2018, 9, 15));
	credit_code(g, r, '8', '1', u->code);
	chair(g, r, u);
}

static size_t
pick_sector(struct rng *r)
{
	unsigned w[NSECTOR];
	size_t i;

	for (i = 0; i < NSECTOR; i++)
		w[i] = sectors[i].w;
	return rng_pick(r, w, NSECTOR);
}

/* pick_town: a town union; the county seat (town 1) twice as likely. */
static int
pick_town(struct gen *g, struct rng *r)
{
	uint32_t t = rng_below(r, (uint32_t)g->ntowns + 1);

	return t >= (uint32_t)g->ntowns ? 1 : (int)t + 1;
}

/* staff_size: the staff of a unit, heavy-tailed, by org_type. */
static unsigned
staff_size(struct rng *r, int org, int has_union)
{
	static const unsigned cls[NORG][4] = {
		{ 0, 400, 450, 150 }, { 600, 300, 90, 10 },
		{ 850, 150, 0, 0 }, { 400, 500, 100, 0 }, { 500, 450, 50, 0 },
	};
	static const unsigned lo[4] = { 8, 60, 300, 1500 };
	static const unsigned hi[4] = { 60, 300, 1500, 8000 };
	size_t c = rng_pick(r, cls[org], 4);

	if (!has_union && c > 1)
		c = 1;
	return (unsigned)rng_range(r, (int32_t)lo[c], (int32_t)hi[c]);
}

/* name_ent: a unit's name, code and town. */
static void
name_ent(struct gen *g, struct rng *r, struct ent *e, int sector)
{
	char dept, kind;
	int assoc = g->named[ORG_SOCIAL] < NELEM(trade_assocs);

	e->town = pick_town(g, r);
	if (e->org == ORG_KEY || e->org == ORG_NONPUBLIC)
		company_name(g, e->org, sector, e->name, sizeof(e->name));
	else if (e->org == ORG_SOCIAL)
		social_name(g, e->name, sizeof(e->name));
	else
		public_name(g, e->org, &e->town, e->name, sizeof(e->name));
	code_kind(e->org, assoc, &dept, &kind);
	credit_code(g, r, dept, kind, e->code);
}

static struct ent *
new_ent(struct gen *g, int org)
{
	struct ent *e = &g->ents[g->nents++];

	memset(e, 0, sizeof(*e));
	e->org = org;
	e->unit = -1;
	return e;
}

/* grassroots_founded: new-employment unions are recent; offices old. */
static int32_t
grassroots_founded(struct gen *g, struct rng *r, const struct unit *u)
{
	static const int first_year[NORG] = { 1988, 2000, 2006, 1984, 1984 };
	int32_t lo = ymd(first_year[u->org], 1, 1);

	if (u->sector >= 0 && sectors[u->sector].joint != JOINT_NONE)
		lo = ymd(2018, 1, 1);
	lo = max32(lo, g->units[u->parent].founded);
	return founded_between(g, r, lo, g->asof - 90);
}

/* grassroots: one union and the unit it is founded in. */
static void
grassroots(struct gen *g, struct rng *r)
{
	int org = (int)rng_pick(r, org_w, NORG);
	int sector = -1, joint = JOINT_NONE;
	struct ent *e = new_ent(g, org);
	struct unit *u;

	if (org == ORG_KEY || org == ORG_NONPUBLIC) {
		sector = (int)pick_sector(r);
		joint = sectors[sector].joint;
	}
	name_ent(g, r, e, sector < 0 ? 0 : sector);
	if (joint != JOINT_NONE && rng_chance(r, 600))
		u = new_unit(g, LV_GRASSROOTS, joint == JOINT_TRANSPORT ?
		    g->transport : g->services);
	else
		u = new_unit(g, LV_GRASSROOTS, e->town);
	u->town = e->town;
	u->org = org;
	u->sector = sector;
	u->ent = (int)(e - g->ents);
	e->unit = (int)(u - g->units);
	e->size = staff_size(r, org, 1);
	memcpy(u->code, e->code, sizeof(u->code));
	snprintf(u->name, sizeof(u->name), "%s工会委员会", e->name);
	u->founded = grassroots_founded(g, r, u);
	u->dissolved = (org == ORG_NONPUBLIC || org == ORG_SOCIAL) &&
	    rng_chance(r, 20);
	u->rating = u->dissolved ? 0 : (int)rng_pick(r, rating_w, 4);
	chair(g, r, u);
}

/* unfounded: units of each org_type with no union yet, so that the
   founding rates come out near org_founded_rate[]. */
static void
unfounded(struct gen *g, struct rng *r)
{
	long active[NORG] = { 0 }, closed[NORG] = { 0 }, want;
	size_t i;
	int org;

	for (i = (size_t)g->first_grassroots; i < g->nunits; i++) {
		if (g->units[i].dissolved)
			closed[g->units[i].org]++;
		else
			active[g->units[i].org]++;
	}
	for (org = 0; org < NORG; org++) {
		want = (active[org] * (1000 - (long)org_founded_rate[org]) +
		    (long)org_founded_rate[org] / 2) /
		    (long)org_founded_rate[org] - closed[org];
		while (want-- > 0) {
			struct ent *e = new_ent(g, org);
			int sector = org <= ORG_NONPUBLIC ?
			    (int)pick_sector(r) : 0;

			name_ent(g, r, e, sector);
			e->size = staff_size(r, org, 0);
		}
	}
}

/*
 * ensure_dissolved: at least one dissolved grassroots union when there
 * are three or more, for member_of_dissolved and its kin; g->dissolved
 * is the first.
 */
static void
ensure_dissolved(struct gen *g)
{
	size_t i;

	g->dissolved = -1;
	for (i = (size_t)g->first_grassroots; i < g->nunits; i++)
		if (g->units[i].dissolved) {
			g->dissolved = (int)i;
			return;
		}
	if (g->nunits - (size_t)g->first_grassroots >= 3) {
		i = g->nunits - 1;
		g->units[i].dissolved = 1;
		g->units[i].rating = 0;
		g->dissolved = (int)i;
	}
}

/* shuffle_ents: the order of enterprises.csv, as a registry's would be. */
static void
shuffle_ents(struct gen *g, struct rng *r)
{
	size_t i, j, t;

	g->ent_order = xreallocarray(NULL, g->nents ? g->nents : 1,
	    sizeof(*g->ent_order));
	for (i = 0; i < g->nents; i++)
		g->ent_order[i] = i;
	for (i = g->nents; i > 1; i--) {
		j = rng_below(r, (uint32_t)i);
		t = g->ent_order[i - 1];
		g->ent_order[i - 1] = g->ent_order[j];
		g->ent_order[j] = t;
	}
}

/* build_units: the whole union tree and every unit, in memory. */
static void
build_units(struct gen *g)
{
	struct rng r;
	size_t maxents;
	long i;

	rng_init(&r, g->seed, "unions");
	g->code_base = rng_next(&r);
	g->nunits = 0;
	g->units = xreallocarray(NULL, (size_t)(g->ntowns + 3 +
	    g->ngrassroots), sizeof(*g->units));
	/* unfounded units: at most a third again of the grassroots */
	maxents = (size_t)g->ngrassroots * 2 + NORG;
	g->ents = xreallocarray(NULL, maxents, sizeof(*g->ents));
	g->nents = 0;
	upper_units(g, &r);
	g->first_grassroots = (int)g->nunits;
	for (i = 0; i < g->ngrassroots; i++)
		grassroots(g, &r);
	ensure_dissolved(g);
	unfounded(g, &r);
	shuffle_ents(g, &r);
}

/* ---- people ---- */

struct person {
	char	 id[19];
	char	 name[80];
	char	 phone[12];
	int32_t	 birth;
	int	 male;
};

/* put_digits: v in width decimal digits at out (no NUL). */
static void
put_digits(char *out, unsigned v, int width)
{
	while (width-- > 0) {
		out[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void
idseq_init(struct gen *g)
{
	g->idfirst = years_after(g->asof, -82);
	g->iddays = g->asof - g->idfirst + 1;
	g->idused = xcalloc((size_t)g->iddays * NELEM(areas) * 2,
	    sizeof(*g->idused));
}

/*
 * id_number: a resident ID no one else has: each area, birth day and
 * sex hands out its 500 sequence numbers in a scattered order (a full
 * day moves the birth a day on).
 */
static void
id_number(struct gen *g, struct person *p, size_t area)
{
	uint64_t x;
	size_t slot;
	unsigned k, seq;
	int y, m, d;

	for (;;) {
		slot = (area * (size_t)g->iddays + (size_t)(p->birth -
		    g->idfirst)) * 2 + (p->male ? 0 : 1);
		if ((k = g->idused[slot]) < 500)
			break;
		p->birth++;
	}
	g->idused[slot]++;
	x = g->seed ^ (uint64_t)slot;
	seq = (unsigned)((k * 277 + splitmix64(&x) % 500) % 500) * 2 +
	    (p->male ? 1 : 0);
	date_to_ymd(p->birth, &y, &m, &d);
	memcpy(p->id, areas[area].code, 6);
	put_digits(p->id + 6, (unsigned)y, 4);
	put_digits(p->id + 10, (unsigned)m, 2);
	put_digits(p->id + 12, (unsigned)d, 2);
	put_digits(p->id + 14, seq, 3);
	p->id[17] = id_checkchar(p->id);
	p->id[18] = '\0';
}

static void
phone_number(struct rng *r, char out[12])
{
	uint32_t n = rng_below(r, 100000000);
	int i;

	memcpy(out, phone_prefixes[rng_below(r, NELEM(phone_prefixes))], 3);
	for (i = 10; i >= 3; i--, n /= 10)
		out[i] = (char)('0' + n % 10);
	out[11] = '\0';
}

/*
 * make_person: someone aged lo + two draws of spread (a hump in the
 * middle).  alias adds a former name after a comma, as clerks type it.
 */
static void
make_person(struct gen *g, struct rng *r, int lo, int spread, int alias,
    struct person *p)
{
	unsigned aw[NELEM(areas)];
	int age = lo + (int)rng_below(r, (uint32_t)spread + 1);
	size_t area, i;
	char other[40];

	age += (int)rng_below(r, (uint32_t)spread + 1);
	p->male = rng_chance(r, 560);
	p->birth = g->asof - age * 365 - age / 4 - rng_range(r, 0, 364);
	if (rng_chance(r, 1) && rng_chance(r, 400)) {
		area = AREA_URUMQI;
		snprintf(p->name, sizeof(p->name), "%s", p->male ?
		    uyghur_m[rng_below(r, NELEM(uyghur_m))] :
		    uyghur_f[rng_below(r, NELEM(uyghur_f))]);
	} else {
		for (i = 0; i < NELEM(areas); i++)
			aw[i] = areas[i].w;
		area = rng_pick(r, aw, NELEM(areas));
		han_name(g, r, p->male, p->name, sizeof(p->name));
	}
	if (alias) {
		han_name(g, r, p->male, other, sizeof(other));
		snprintf(p->name + strlen(p->name), sizeof(p->name) -
		    strlen(p->name), "(曾用名,%s)", other);
	}
	id_number(g, p, area);
	phone_number(r, p->phone);
}

/* ---- members.csv ---- */

enum { MC_ID, MC_NAME, MC_IDNUM, MC_GENDER, MC_BIRTH, MC_PHONE, MC_UNION,
	MC_EMPLOYER, MC_GROUP, MC_JOIN, MC_STATUS, MC_WAGE, MC_HARDSHIP,
	MC_N };
static const char *const member_cols[MC_N] = { "member_id", "name",
	"id_number", "gender", "birth_date", "phone", "union_id", "employer",
	"group", "join_date", "status", "wage", "hardship" };

enum { MS_ACTIVE, MS_RETAINED, MS_TRANSFERRED, MS_LEFT, MS_DECEASED };
static const char *const status_names[] = { "active", "retained",
	"transferred", "left", "deceased" };
/* single rows by status, per mille (transfers are drawn first) */
static const unsigned status_w[] = { 905, 40, 0, 35, 6 };
static const char *const hardship_names[] = { "none", "relative", "deep",
	"accidental" };
static const unsigned hardship_w[] = { 970, 20, 6, 4 };

struct mrow {
	unsigned long no;	/* member number */
	struct person p;
	int	 unit;
	int32_t	 join;
	int	 status;	/* MS_* */
	const char *group;
	int64_t	 wage;		/* fen */
	int	 hardship;
};

/* The text of a row, where defects change it. */
struct mtext {
	char	 no[12];
	char	 id[19];
	char	 phone[12];
	char	 unit[12];
	char	 birth[16];
	char	 join[16];
	char	 wage[MONEY_BUFSZ + 2];
};

/* pick_setup: active grassroots unions, to be drawn by staff size. */
static void
pick_setup(struct gen *g)
{
	uint64_t sum = 0;
	size_t i;

	g->pick_unit = xreallocarray(NULL, g->nunits, sizeof(*g->pick_unit));
	g->pick_cum = xreallocarray(NULL, g->nunits, sizeof(*g->pick_cum));
	g->npick = 0;
	for (i = (size_t)g->first_grassroots; i < g->nunits; i++) {
		if (g->units[i].dissolved)
			continue;
		sum += g->ents[g->units[i].ent].size;
		g->pick_unit[g->npick] = (int32_t)i;
		g->pick_cum[g->npick++] = sum;
	}
}

static int
pick_union(struct gen *g, struct rng *r)
{
	uint64_t x = rng_next(r) % g->pick_cum[g->npick - 1];
	size_t lo = 0, hi = g->npick - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (g->pick_cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return g->pick_unit[lo];
}

/* join_date: after the 18th birthday and the union's founding; many
   join in the first months of a union. */
static int32_t
join_date(struct gen *g, struct rng *r, int32_t birth, int unit)
{
	int32_t lo = max32(years_after(birth, 18), g->units[unit].founded);

	lo = min32(lo, g->asof);
	if (rng_chance(r, 350))
		return rng_range(r, lo, min32(lo + 90, g->asof));
	return rng_range(r, lo, g->asof);
}

static const char *
group_of(struct rng *r, const struct unit *u)
{
	const struct sector *s;

	if (u->sector < 0)
		return "regular";
	s = &sectors[u->sector];
	return rng_chance(r, s->share) ? s->group : "regular";
}

/* wage_of: around the trade's wage; less in hardship; in fen, mostly
   whole hundreds of yuan, as payrolls have them. */
static int64_t
wage_of(struct rng *r, const struct unit *u, int hardship)
{
	int64_t yuan = u->sector >= 0 ? sectors[u->sector].wage :
	    org_wage[u->org];
	uint32_t how = rng_below(r, 10), pct;

	if (u->org == ORG_KEY)
		yuan = yuan * 115 / 100;
	pct = 60 + rng_below(r, 41);
	pct += rng_below(r, 41);
	yuan = yuan * pct / 100;
	if (hardship)
		yuan = yuan * 60 / 100;
	if (yuan < 2000)
		yuan = 2000 + rng_below(r, 300);
	if (how < 6)
		return yuan / 100 * 100 * YUAN;
	if (how < 9)
		return yuan * YUAN;
	return yuan * YUAN + rng_range(r, 1, 9) * 10;
}

/* member_age: the youngest age and spread of a status's members. */
static void
member_age(int status, int *lo, int *spread)
{
	static const int age[][2] = { { 19, 21 }, { 52, 11 }, { 19, 21 },
		{ 19, 20 }, { 40, 20 } };

	*lo = age[status][0];
	*spread = age[status][1];
}

/* membership: union, dates, group, wage and hardship of a person. */
static void
membership(struct gen *g, struct rng *r, struct mrow *m, int unit)
{
	const struct unit *u = &g->units[unit];
	int current = m->status == MS_ACTIVE || m->status == MS_RETAINED;

	m->unit = unit;
	m->join = join_date(g, r, m->p.birth, unit);
	m->hardship = current ? (int)rng_pick(r, hardship_w, 4) : 0;
	m->group = group_of(r, u);
	m->wage = wage_of(r, u, m->hardship);
}

/*
 * make_transfer: a person whose membership moved from one union to
 * another on a day between both unions' founding and --as-of: the old
 * row transferred, the new one active.  0 when no such day exists.
 */
static int
make_transfer(struct gen *g, struct rng *r, long row, struct mrow *a,
    struct mrow *b)
{
	int32_t adult, lo, day;
	int ua = pick_union(g, r), ub = ua, tries;

	for (tries = 0; ub == ua && tries < 8; tries++)
		ub = pick_union(g, r);
	if (ub == ua)
		return 0;
	a->no = (unsigned long)row + 1;
	a->status = MS_TRANSFERRED;
	make_person(g, r, 19, 21, 0, &a->p);
	adult = years_after(a->p.birth, 18);
	lo = max32(max32(adult, g->units[ua].founded) + 1,
	    max32(adult, g->units[ub].founded));
	if (lo > g->asof)
		return 0;
	day = rng_range(r, lo, g->asof);
	membership(g, r, a, ua);
	a->join = rng_range(r, max32(adult, g->units[ua].founded), day - 1);
	*b = *a;
	b->no = a->no + 1;
	b->status = MS_ACTIVE;
	membership(g, r, b, ub);
	b->join = day;
	b->hardship = a->hardship = 0;
	return 1;
}

/* make_member: the row of one membership (active for a special row). */
static void
make_member(struct gen *g, struct rng *r, long row, int role, int d,
    const struct mrow *prev, struct mrow *m)
{
	int lo, spread, unit, tries;

	m->no = (unsigned long)row + 1;
	m->status = role == ROLE_FREE ? (int)rng_pick(r, status_w, 5) :
	    MS_ACTIVE;
	member_age(m->status, &lo, &spread);
	if (d == D_DUP_ACTIVE_PERSON)
		m->p = prev->p;
	else
		make_person(g, r, lo, spread, row == 17 ||
		    rng_below(r, 3000) == 0, &m->p);
	unit = d == D_MEMBER_OF_DISSOLVED ? g->dissolved : pick_union(g, r);
	for (tries = 0; d == D_DUP_ACTIVE_PERSON && unit == prev->unit &&
	    tries < 8; tries++)
		unit = pick_union(g, r);
	membership(g, r, m, unit);
	if (role != ROLE_FREE)
		m->hardship = 0;
}

static void
member_text(struct gen *g, struct tw *w, const struct mrow *m,
    struct mtext *t)
{
	const struct unit *u = &g->units[m->unit];

	member_id(t->no, m->no);
	memcpy(t->id, m->p.id, sizeof(t->id));
	memcpy(t->phone, m->p.phone, sizeof(t->phone));
	memcpy(t->unit, u->id, sizeof(t->unit));
	date_fmt(m->p.birth, t->birth);
	date_fmt(m->join, t->join);
	money_fmt(m->wage, t->wage);
	tw_set(w, MC_ID, t->no);
	tw_set(w, MC_NAME, m->p.name);
	tw_set(w, MC_IDNUM, t->id);
	tw_set(w, MC_GENDER, m->p.male ? "M" : "F");
	tw_set(w, MC_BIRTH, t->birth);
	tw_set(w, MC_PHONE, t->phone);
	tw_set(w, MC_UNION, t->unit);
	tw_set(w, MC_EMPLOYER, g->ents[u->ent].name);
	tw_set(w, MC_GROUP, m->group);
	tw_set(w, MC_JOIN, t->join);
	tw_set(w, MC_STATUS, status_names[m->status]);
	tw_set(w, MC_WAGE, t->wage);
	tw_set(w, MC_HARDSHIP, hardship_names[m->hardship]);
}

/* wrong_check: another check character than c. */
static char
wrong_check(char c)
{
	static const char chars[] = "0123456789X";
	const char *p = strchr(chars, c);

	return p && p[1] ? p[1] : '0';
}

/* plant_member: the defects that change a row's text. */
static void
plant_member(struct gen *g, struct tw *w, int d, const struct mrow *m,
    const struct mrow *prev, struct mtext *t)
{
	int y, mo, day;

	switch (d) {
	case D_BAD_ID_CHECK:
		t->id[17] = wrong_check(t->id[17]);
		break;
	case D_ID_GENDER_MISMATCH:
		tw_set(w, MC_GENDER, m->p.male ? "F" : "M");
		break;
	case D_ID_BIRTH_MISMATCH:
		date_fmt(m->p.birth + 1, t->birth);
		break;
	case D_BAD_PHONE:
		t->phone[1] = '2';
		break;
	case D_BAD_DATE:
		snprintf(t->join, sizeof(t->join), "%04d-02-30",
		    year_of(m->join));
		break;
	case D_BAD_MONEY:
		strcat(t->wage, "5");
		break;
	case D_BAD_ENUM:
		tw_set(w, MC_GROUP, "driver");
		break;
	case D_DUP_MEMBER_ID:
		member_id(t->no, prev->no);
		break;
	case D_DANGLING_UNION_REF:
		union_id(t->unit, g->nunits);
		break;
	case D_JOIN_BEFORE_16:
		date_fmt(date_add_months(m->p.birth, 15 * 12 + 6), t->join);
		break;
	case D_JOIN_IN_FUTURE:
		date_to_ymd(m->join, &y, &mo, &day);
		date_fmt(ymd(g->year + 26, mo, day > 28 ? 28 : day), t->join);
		break;
	}
}

static void
pool_add(struct gen *g, struct rng *r, const struct mrow *m)
{
	struct pooled *p;
	size_t n;

	if (!m->hardship && rng_below(r, 1000000) >= g->pool_ppm)
		return;
	if (g->npool == g->cappool) {
		g->cappool = g->cappool ? g->cappool * 2 : 1024;
		g->pool = xreallocarray(g->pool, g->cappool, sizeof(*g->pool));
	}
	p = &g->pool[g->npool];
	p->no = (uint32_t)m->no;
	p->join = m->join;
	p->unit = m->unit;
	p->hardship = m->hardship;
	n = (unsigned char)m->p.name[0] >= 0xE0 ? 3 : 1;
	memcpy(p->sur, m->p.name, n);
	p->sur[n] = '\0';
	if (m->hardship) {
		if (g->nhpool == g->caphpool) {
			g->caphpool = g->caphpool ? g->caphpool * 2 : 256;
			g->hpool = xreallocarray(g->hpool, g->caphpool,
			    sizeof(*g->hpool));
		}
		g->hpool[g->nhpool++] = (uint32_t)g->npool;
	}
	g->npool++;
}

/* emit_member: write a row (with its defect, if any); count it; keep
   an active member of a free row for aid and cases. */
static void
emit_member(struct gen *g, struct tw *w, struct rng *r,
    const struct mrow *m, int role, int d, const struct mrow *prev)
{
	struct mtext t;
	long line;

	member_text(g, w, m, &t);
	if (d >= 0)
		plant_member(g, w, d, m, prev, &t);
	line = tw_row(w);
	if (d >= 0) {
		record_defect(g, d, w->file, line, t.no);
		return;
	}
	if (m->status == MS_ACTIVE || m->status == MS_RETAINED)
		g->units[m->unit].members++;
	if (role == ROLE_FREE && m->status == MS_ACTIVE)
		pool_add(g, r, m);
}

/* role_at: what row is for (ROLE_*); *d its defect or -1. */
static int
role_at(const struct gen *g, long row, int *d)
{
	size_t i;

	if (d)
		*d = -1;
	for (i = 0; i < g->nspec && g->spec[i].row <= row; i++)
		if (g->spec[i].row == row) {
			if (d)
				*d = g->spec[i].defect;
			return g->spec[i].role;
		}
	return ROLE_FREE;
}

/* needs_prev: defects planted from the active row just before. */
static int
needs_prev(int d)
{
	return d == D_DUP_MEMBER_ID || d == D_DUP_ACTIVE_PERSON;
}

/*
 * plan_members: spread the member defects asked for over the roster:
 * the j-th of k at row n (2j + 1) / 2k, and the row before kept plain
 * for those that copy it.
 */
static void
plan_members(struct gen *g)
{
	long k = 0, j = 0, row;
	int d;

	for (d = FIRST_MEMBER_DEFECT; d <= LAST_MEMBER_DEFECT; d++)
		k += g->want[d];
	if (k == 0)
		return;
	if (g->nmembers < 4 * k + 4)
		usage_error("--members %ld is too few to plant %ld member "
		    "defects (%ld needed)", g->nmembers, k, 4 * k + 4);
	if (g->want[D_MEMBER_OF_DISSOLVED] && g->dissolved < 0)
		usage_error("member_of_dissolved needs a dissolved union: "
		    "--unions must be 3 or more");
	for (d = FIRST_MEMBER_DEFECT; d <= LAST_MEMBER_DEFECT; d++) {
		if (!g->want[d])
			continue;
		row = g->nmembers * (2 * j + 1) / (2 * k);
		j++;
		if (needs_prev(d))
			g->spec[g->nspec++] = (struct special){ row - 1,
			    ROLE_PLAIN, -1 };
		g->spec[g->nspec++] = (struct special){ row, ROLE_DEFECT, d };
	}
}

/* gen_members: members.csv, in member_id order. */
static void
gen_members(struct gen *g)
{
	struct mrow a, b, prev;
	struct rng r;
	struct tw w;
	long row = 0;
	int role, d;

	rng_init(&r, g->seed, "members");
	tw_open(g, &w, &schema_members, member_cols, MC_N);
	memset(&prev, 0, sizeof(prev));
	while (row < g->nmembers) {
		if (row % 65536 == 0)
			progress(w.file, (unsigned long long)row);
		role = role_at(g, row, &d);
		if (role == ROLE_FREE && row + 1 < g->nmembers &&
		    role_at(g, row + 1, NULL) == ROLE_FREE &&
		    rng_chance(&r, 20) && make_transfer(g, &r, row, &a, &b)) {
			emit_member(g, &w, &r, &a, role, -1, NULL);
			emit_member(g, &w, &r, &b, role, -1, NULL);
			row += 2;
			continue;
		}
		make_member(g, &r, row, role, d, &prev, &a);
		emit_member(g, &w, &r, &a, role, d, &prev);
		prev = a;
		row++;
	}
	progress_end();
	tw_close(g, &w);
}

/* ---- programs.csv ---- */

enum { PC_PROGRAM, PC_TITLE, PC_MAX, PC_CAP, PC_DAYS, PC_HARDSHIP,
	PC_BUDGET, PC_ACTIVE, PC_N };
static const char *const program_cols[PC_N] = { "program", "title",
	"max_award", "annual_cap", "min_member_days", "requires_hardship",
	"budget", "active" };

/* reserve: what a budget keeps back for planted defects' awards. */
static int64_t
reserve(int p)
{
	return 3 * (default_programs[p].max_award + 500 * YUAN);
}

/* mean_award: about what an approved application of p is given. */
static int64_t
mean_award(int p)
{
	if (p == PG_DEATH)
		return default_programs[p].max_award;
	if (p == PG_WINTER)
		return 770 * YUAN;
	return default_programs[p].max_award / 2;
}

/*
 * plan_budgets: a year's budget near what the expected awards of --aid
 * applications (over two and a half years) come to, so that a few late
 * approvals are refused for want of money; rounded up to 10,000 yuan.
 */
static void
plan_budgets(struct gen *g)
{
	const int64_t step = 10000 * YUAN;
	unsigned wsum = 0;
	int64_t b;
	size_t p;

	for (p = 0; p < NPROG; p++)
		wsum += sample_use[p].w;
	for (p = 0; p < NPROG; p++) {
		if (!sample_use[p].budgeted) {
			g->budget[p] = 0;
			continue;
		}
		b = (int64_t)g->naid * sample_use[p].w * 2 / 5 / wsum *
		    mean_award((int)p);
		b += reserve((int)p) + default_programs[p].max_award;
		g->budget[p] = (b + step - 1) / step * step;
	}
}

static void
gen_programs(struct gen *g)
{
	char text[PC_N][PROGRAM_TEXT_MAX], budget[MONEY_BUFSZ];
	struct tw w;
	size_t p;
	int k;

	tw_open(g, &w, &schema_programs, program_cols, PC_N);
	for (p = 0; p < NPROG; p++) {
		for (k = 0; k < PC_N; k++)
			tw_set(&w, k, default_program_text(&default_programs[p],
			    program_cols[k], text[k]));
		tw_set(&w, PC_BUDGET, g->budget[p] ?
		    money_fmt(g->budget[p], budget) : "");
		tw_row(&w);
	}
	tw_close(g, &w);
}

/* ---- aid.csv ---- */

enum { AC_ID, AC_MEMBER, AC_PROGRAM, AC_APPLIED, AC_REQUESTED, AC_STATUS,
	AC_DECIDED, AC_APPROVED, AC_PAIDON, AC_PAID, AC_REVIEWER, AC_VOUCHER,
	AC_NOTE, AC_N };
static const char *const aid_cols[AC_N] = { "aid_id", "member_id",
	"program", "applied", "requested", "status", "decided", "approved",
	"paid_on", "paid", "reviewer", "voucher", "note" };

enum { AS_APPLIED, AS_APPROVED, AS_REJECTED, AS_PAID };
static const char *const aid_status_names[] = { "applied", "approved",
	"rejected", "paid" };

#define NONE_DAY INT32_MIN

/* One application. */
struct app {
	int32_t	 applied, decided, paid_on;	/* NONE_DAY: not set */
	int64_t	 requested, approved, paid;	/* fen; -1: not set */
	uint32_t who;		/* index in g->pool */
	uint32_t seq;		/* creation order, to break ties */
	int	 prog;
	int	 status;	/* AS_* */
	int	 defect;	/* -1, or the defect it plants */
	int	 planted;	/* made for a defect: not decided */
	const char *note;
};

struct apps {
	struct app *v;
	size_t	 n, cap;
	struct strmap *awarded;		/* member, programme, year */
	int64_t	 spent[NPROG][3];	/* awards by programme and year */
};

static struct app *
app_new(struct apps *l)
{
	struct app *a;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	a = &l->v[l->n];
	memset(a, 0, sizeof(*a));
	a->seq = (uint32_t)l->n++;
	a->decided = a->paid_on = NONE_DAY;
	a->approved = a->paid = -1;
	a->defect = -1;
	a->note = "";
	return a;
}

/* award_once: 1 the first time member, programme and year are named. */
static int
award_once(struct gen *g, struct apps *l, const struct app *a)
{
	char key[48];
	int n, isnew;

	n = snprintf(key, sizeof(key), "%u:%d:%d", g->pool[a->who].no,
	    a->prog, year_of(a->applied));
	strmap_put(l->awarded, key, (size_t)n, &isnew);
	return isnew;
}

static int64_t
requested_amount(struct rng *r, int p)
{
	static const int64_t warmth[] = { 500 * YUAN, 800 * YUAN,
		1000 * YUAN };
	int64_t max = default_programs[p].max_award, x;

	if (p == PG_WINTER)
		return warmth[rng_below(r, NELEM(warmth))];
	if (p == PG_DEATH)
		return max;
	x = max * (10 + rng_below(r, 91)) / 100 / (100 * YUAN) * (100 * YUAN);
	return x < 100 * YUAN ? 100 * YUAN : x;
}

/* in_season: winter warmth in December and January, school aid in
   August and September; the rest any time. */
static int
in_season(int p, int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (p == PG_WINTER)
		return m == 12 || m == 1;
	if (p == PG_SCHOOL)
		return m == 8 || m == 9;
	return 1;
}

static int32_t
applied_day(struct rng *r, int p, int32_t lo, int32_t hi)
{
	int32_t day = rng_range(r, lo, hi);
	int i;

	for (i = 0; i < 6 && !in_season(p, day); i++)
		day = rng_range(r, lo, hi);
	return day;
}

/* draw_app: an eligible applicant and day for a programme; 0 if the
   draw fails (try again). */
static int
draw_app(struct gen *g, struct rng *r, int p, struct app *a)
{
	unsigned pw[NPROG];
	const struct pooled *m;
	int32_t lo;
	size_t i;

	if (p < 0) {
		for (i = 0; i < NPROG; i++)
			pw[i] = sample_use[i].w;
		p = (int)rng_pick(r, pw, NPROG);
	}
	if (default_programs[p].requires_hardship && g->nhpool == 0)
		return 0;
	a->who = default_programs[p].requires_hardship ? g->hpool[rng_below(r,
	    (uint32_t)g->nhpool)] : rng_below(r, (uint32_t)g->npool);
	m = &g->pool[a->who];
	lo = max32(g->window, m->join + default_programs[p].min_member_days);
	if (lo > g->asof)
		return 0;
	a->prog = p;
	a->applied = applied_day(r, p, lo, g->asof);
	a->requested = requested_amount(r, p);
	return 1;
}

static void
normal_app(struct gen *g, struct rng *r, struct apps *l)
{
	struct app *a = app_new(l);
	int tries;

	for (tries = 0; tries < 64; tries++)
		if (draw_app(g, r, -1, a))
			return;
	while (!draw_app(g, r, PG_DEATH, a))	/* min_member_days 0 */
		;
}

static int
app_cmp(const void *x, const void *y)
{
	const struct app *a = x, *b = y;

	if (a->applied != b->applied)
		return a->applied < b->applied ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* approved_amount: mostly what was asked; sometimes cut to a round sum. */
static int64_t
approved_amount(struct rng *r, int64_t requested)
{
	int64_t x;

	if (rng_chance(r, 800))
		return requested;
	x = requested * (50 + rng_below(r, 41)) / 100 / (100 * YUAN) *
	    (100 * YUAN);
	return x < 100 * YUAN ? requested : x;
}

/*
 * decide: what became of a normal application by --as-of, keeping the
 * rules: one award per member, programme and year (so annual_cap holds),
 * the year's budget less the defects' reserve, every date in the
 * application's year, and paid equal to approved.
 */
static void
decide(struct gen *g, struct rng *r, struct apps *l, struct app *a)
{
	int32_t end = min32(year_end(a->applied), g->asof), pay;
	int yi = year_of(a->applied) - (g->year - 2);
	int64_t amount;

	a->status = AS_APPLIED;
	if (g->asof - a->applied < 21 && rng_chance(r, 700))
		return;
	a->decided = min32(a->applied + rng_range(r, 2, 20), end);
	a->status = AS_REJECTED;
	if (rng_chance(r, 90)) {
		a->note = rng_chance(r, 500) ? "材料不全,请补充后重新申请" :
		    "不符合申请条件";
		return;
	}
	amount = approved_amount(r, a->requested);
	if (g->budget[a->prog] && l->spent[a->prog][yi] + amount >
	    g->budget[a->prog] - reserve(a->prog)) {
		a->note = "年度预算已用完";
		return;
	}
	if (!award_once(g, l, a)) {
		a->note = "本年度已获该项资助";
		return;
	}
	l->spent[a->prog][yi] += amount;
	a->status = AS_APPROVED;
	a->approved = amount;
	pay = a->decided + rng_range(r, 3, 25);
	if (pay <= end && rng_chance(r, 920)) {
		a->status = AS_PAID;
		a->paid_on = pay;
		a->paid = amount;
		if (rng_chance(r, 60))
			a->note = "家属代领,已电话核实";
	}
}

/* find_applicant: from a drawn start, the first pool member who may
   apply to p on day and (hardship < 0) has no hardship; -1 if none. */
static long
find_applicant(struct gen *g, struct rng *r, int p, int32_t day,
    int no_hardship)
{
	size_t i, start = rng_below(r, (uint32_t)g->npool), k;

	for (i = 0; i < g->npool; i++) {
		k = (start + i) % g->npool;
		if (g->pool[k].join + default_programs[p].min_member_days <= day &&
		    (!no_hardship || g->pool[k].hardship == 0))
			return (long)k;
	}
	return -1;
}

/* paid_app: a paid application of p by who on day, decided after three
   days and paid after six (within the year). */
static struct app *
paid_app(struct apps *l, int p, size_t who, int32_t day, int64_t amount)
{
	struct app *a = app_new(l);
	int32_t end = year_end(day);

	a->prog = p;
	a->who = (uint32_t)who;
	a->applied = day;
	a->decided = min32(day + 3, end);
	a->paid_on = min32(day + 6, end);
	a->requested = a->approved = a->paid = amount;
	a->status = AS_PAID;
	a->planted = 1;
	return a;
}

/* joined_lately: a pool member who joined 40 days or more into the
   window, so that a day before it is still in the window. */
static long
joined_lately(struct gen *g, struct rng *r)
{
	size_t i, start = rng_below(r, (uint32_t)g->npool), k;

	for (i = 0; i < g->npool; i++) {
		k = (start + i) % g->npool;
		if (g->pool[k].join >= g->window + 40)
			return (long)k;
	}
	return -1;
}

/* plant_aid: the application(s) of aid defect d around day. */
static void
plant_aid(struct gen *g, struct rng *r, struct apps *l, int d, int32_t day)
{
	int p = d == D_AID_OVER_ANNUAL_CAP ? PG_CRITICAL :
	    d == D_AID_NOT_MEMBER_ON_DATE ? PG_DEATH :	/* no min days */
	    d == D_AID_HARDSHIP_REQUIRED ? PG_HARDSHIP : PG_MEDICAL;
	long who = d == D_AID_NOT_MEMBER_ON_DATE ? joined_lately(g, r) :
	    find_applicant(g, r, p, day, d == D_AID_HARDSHIP_REQUIRED);
	struct app *a;

	if (who < 0)
		die(EXIT_TROUBLE, "cannot plant %s: no member fits; use more "
		    "--members", defects[d].name);
	if (d == D_AID_NOT_MEMBER_ON_DATE)
		day = g->pool[who].join - 10;
	if (day > year_end(day) - 10)
		day -= 20;	/* room for a second award, or the dates */
	if (d == D_AID_DATES_OUT_OF_ORDER && year_end(day) - day > 360)
		day += 5;	/* decided three days before: same year */
	a = paid_app(l, p, (size_t)who, day, default_programs[p].max_award / 2);
	switch (d) {
	case D_AID_PAID_WITHOUT_APPROVAL:
		a->approved = -1;
		break;
	case D_AID_PAID_NE_APPROVED:
		a->paid -= 100 * YUAN;
		break;
	case D_AID_OVER_MAX_AWARD:
		a->requested = a->approved = a->paid =
		    default_programs[p].max_award + 500 * YUAN;
		break;
	case D_AID_OVER_ANNUAL_CAP:
		a->requested = a->approved = a->paid =
		    default_programs[p].annual_cap * 3 / 5;
		a = paid_app(l, p, (size_t)who, day + 7, a->paid);
		break;
	case D_AID_DATES_OUT_OF_ORDER:
		a->decided = day - 3;
		break;
	}
	a->defect = d;
	award_once(g, l, a);
}

/* plant_aids: each aid defect asked for, spread over the window. */
static void
plant_aids(struct gen *g, struct rng *r, struct apps *l)
{
	int d, k = 0, j = 0;
	int32_t span = g->asof - 30 - g->window;

	for (d = FIRST_AID_DEFECT; d <= LAST_AID_DEFECT; d++)
		k += g->want[d];
	if (k && g->npool == 0)
		die(EXIT_TROUBLE, "cannot plant aid defects without active "
		    "members");
	for (d = FIRST_AID_DEFECT; d <= LAST_AID_DEFECT; d++)
		if (g->want[d])
			plant_aid(g, r, l, d, g->window + (int32_t)((int64_t)
			    span * ++j / (k + 1)));
}

static void
write_app(struct gen *g, struct rng *r, struct tw *w, const struct app *a,
    unsigned long id, unsigned *vouchers)
{
	char aid[12], mid[12], applied[11], decided[11], paid_on[11];
	char req[MONEY_BUFSZ], appr[MONEY_BUFSZ], paid[MONEY_BUFSZ];
	char voucher[24];
	long line;
	int y;

	tw_set(w, AC_ID, aid_id(aid, id));
	tw_set(w, AC_MEMBER, member_id(mid, g->pool[a->who].no));
	tw_set(w, AC_PROGRAM, default_programs[a->prog].program);
	tw_set(w, AC_APPLIED, date_fmt(a->applied, applied));
	tw_set(w, AC_REQUESTED, money_fmt(a->requested, req));
	tw_set(w, AC_STATUS, aid_status_names[a->status]);
	if (a->decided != NONE_DAY) {
		tw_set(w, AC_DECIDED, date_fmt(a->decided, decided));
		tw_set(w, AC_REVIEWER, reviewers[rng_below(r,
		    NELEM(reviewers))]);
	}
	if (a->approved >= 0)
		tw_set(w, AC_APPROVED, money_fmt(a->approved, appr));
	if (a->paid_on != NONE_DAY) {
		y = year_of(a->paid_on);
		snprintf(voucher, sizeof(voucher), "PZ%d-%05u", y,
		    ++vouchers[y - (g->year - 2)]);
		tw_set(w, AC_PAIDON, date_fmt(a->paid_on, paid_on));
		tw_set(w, AC_PAID, money_fmt(a->paid, paid));
		tw_set(w, AC_VOUCHER, voucher);
	}
	tw_set(w, AC_NOTE, a->note);
	line = tw_row(w);
	if (a->defect >= 0)
		record_defect(g, a->defect, w->file, line, aid);
}

/*
 * keep_one_pending: every status in every file, a small sample's too:
 * when no application is still waiting, the latest is (its award, if
 * any, is simply not made).
 */
static void
keep_one_pending(struct apps *l)
{
	struct app *last = NULL;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].planted)
			continue;
		if (l->v[i].status == AS_APPLIED)
			return;
		last = &l->v[i];
	}
	if (last == NULL)
		return;
	last->status = AS_APPLIED;
	last->decided = last->paid_on = NONE_DAY;
	last->approved = last->paid = -1;
	last->note = "";
}

/* gen_aid: aid.csv, in order of application. */
static void
gen_aid(struct gen *g)
{
	struct apps l;
	struct rng r;
	struct tw w;
	unsigned vouchers[3] = { 0, 0, 0 };
	size_t i;
	long k;

	memset(&l, 0, sizeof(l));
	l.awarded = strmap_new();
	rng_init(&r, g->seed, "aid");
	if (g->naid > 0 && g->npool == 0)
		die(EXIT_TROUBLE, "cannot write %ld aid applications without "
		    "active members", g->naid);
	plant_aids(g, &r, &l);
	for (k = 0; k < g->naid; k++)
		normal_app(g, &r, &l);
	if (l.n > 0)
		qsort(l.v, l.n, sizeof(*l.v), app_cmp);
	for (i = 0; i < l.n; i++)
		if (!l.v[i].planted)
			decide(g, &r, &l, &l.v[i]);
	keep_one_pending(&l);
	tw_open(g, &w, &schema_aid, aid_cols, AC_N);
	for (i = 0; i < l.n; i++)
		write_app(g, &r, &w, &l.v[i], (unsigned long)i + 1, vouchers);
	tw_close(g, &w);
	strmap_free(l.awarded);
	free(l.v);
}

/* ---- cases.csv ---- */

enum { CC_ID, CC_TYPE, CC_MEMBER, CC_UNION, CC_KIND, CC_CHANNEL, CC_OPENED,
	CC_STATUS, CC_CLOSED, CC_OUTCOME, CC_HANDLER, CC_SUMMARY, CC_N };
static const char *const case_cols[CC_N] = { "case_id", "type",
	"member_id", "union_id", "kind", "channel", "opened", "status",
	"closed", "outcome", "handler", "summary" };

static const char *const kind_names[] = { "wage_arrears",
	"labour_contract", "work_injury", "social_insurance", "dismissal",
	"working_hours", "other" };
static const unsigned kind_w[] = { 300, 200, 120, 150, 120, 60, 50 };
static const char *const channel_names[] = { "visit", "phone", "online",
	"referral" };
static const unsigned consult_channel_w[] = { 30, 45, 25, 0 };
static const unsigned case_channel_w[] = { 50, 10, 15, 25 };
static const char *const outcome_names[] = { "resolved", "arbitration",
	"litigation", "withdrawn", "unresolved" };
static const unsigned case_outcome_w[] = { 950, 20, 15, 10, 5 };
static const unsigned consult_outcome_w[] = { 970, 0, 0, 10, 20 };
/* what people come about, by kind; %s is who */
static const char *const summaries[] = {
	"%s反映单位拖欠工资%d个月,共计%d元",
	"%s入职后单位未签订书面劳动合同,要求支付二倍工资",
	"%s工作中受伤,咨询工伤认定及待遇",
	"%s反映单位未足额缴纳社会保险",
	"%s被单位解除劳动合同,要求支付经济补偿",
	"%s反映长期加班且未支付加班费",
	"%s咨询工会会员权益保障",
};

enum { CS_OPEN, CS_MEDIATING, CS_CLOSED };
static const char *const case_status_names[] = { "open", "mediating",
	"closed" };

/* One case or consultation. */
struct kase {
	int32_t	 opened, closed;	/* closed NONE_DAY: not closed */
	long	 who;			/* index in g->pool, -1: no member */
	int	 unit;			/* the union handling it */
	int	 consult;
	int	 kind, channel, status, outcome;
};

/* case_unit: who handles it: the member's union, its town's, the
   county's. */
static int
case_unit(struct gen *g, struct rng *r, long who)
{
	uint32_t x = rng_below(r, 100);
	int unit;

	if (who < 0)
		return x < 70 ? pick_town(g, r) : 0;
	unit = g->pool[who].unit;
	return x < 25 ? unit : x < 80 ? g->units[unit].town : 0;
}

/* case_course: status, closing day and outcome by --as-of. */
static void
case_course(struct gen *g, struct rng *r, struct kase *k)
{
	int32_t end;

	k->closed = NONE_DAY;
	if (k->consult) {
		end = min32(k->opened + (int32_t)rng_below(r, 2), g->asof);
		k->status = rng_chance(r, 960) || g->asof - k->opened > 7 ?
		    CS_CLOSED : CS_OPEN;
		if (k->status == CS_CLOSED) {
			k->closed = end;
			k->outcome = (int)rng_pick(r, consult_outcome_w, 5);
		}
		return;
	}
	end = k->opened + rng_range(r, 7, 45);
	end += (int32_t)rng_below(r, 91);
	if (end <= g->asof) {
		k->status = CS_CLOSED;
		k->closed = end;
		k->outcome = (int)rng_pick(r, case_outcome_w, 5);
	} else
		k->status = g->asof - k->opened > 10 ? CS_MEDIATING : CS_OPEN;
}

static void
make_case(struct gen *g, struct rng *r, int32_t opened, struct kase *k)
{
	k->opened = opened;
	k->consult = rng_chance(r, 600);
	k->who = g->npool > 0 && rng_chance(r, 800) ?
	    (long)rng_below(r, (uint32_t)g->npool) : -1;
	k->unit = case_unit(g, r, k->who);
	k->kind = (int)rng_pick(r, kind_w, NELEM(kind_w));
	k->channel = (int)rng_pick(r, k->consult ? consult_channel_w :
	    case_channel_w, 4);
	case_course(g, r, k);
}

/* case_summary: free text; now and then a second line, as typed in a
   spreadsheet cell. */
static void
case_summary(struct gen *g, struct rng *r, const struct kase *k, long i,
    char *out, size_t sz)
{
	int months = rng_range(r, 2, 8), owed = rng_range(r, 30, 600) * 100;
	char who[32];
	size_t n;

	if (k->who >= 0)
		snprintf(who, sizeof(who), "%s某", g->pool[k->who].sur);
	else
		snprintf(who, sizeof(who), "来访职工");
	snprintf(out, sz, summaries[k->kind], who, months, owed);
	n = strlen(out);
	if (i % 37 == 5 && k->unit > 0)
		snprintf(out + n, sz - n, "\n已转%s跟进",
		    g->units[g->units[k->unit].town].name);
}

/* plant_case: the defects that change a case. */
static void
plant_case(struct kase *k, int d)
{
	k->consult = 0;
	k->outcome = 0;
	if (d == D_CASE_CLOSED_BEFORE_OPENED) {
		k->status = CS_CLOSED;
		k->closed = k->opened - 5;
	} else {
		k->status = CS_MEDIATING;
		k->closed = NONE_DAY;
	}
}

/* write_case: one row; n fields (fewer for a ragged row), or torn. */
static long
write_case(struct gen *g, struct rng *r, struct tw *w, struct kase *k,
    unsigned long id, int d)
{
	char cid[12], mid[12], opened[11], closed[11], summary[256];

	tw_set(w, CC_ID, case_id(cid, id));
	tw_set(w, CC_TYPE, k->consult ? "consultation" : "case");
	if (k->who >= 0)
		tw_set(w, CC_MEMBER, member_id(mid, g->pool[k->who].no));
	tw_set(w, CC_UNION, g->units[k->unit].id);
	tw_set(w, CC_KIND, kind_names[k->kind]);
	tw_set(w, CC_CHANNEL, channel_names[k->channel]);
	tw_set(w, CC_OPENED, date_fmt(k->opened, opened));
	tw_set(w, CC_STATUS, case_status_names[k->status]);
	if (k->closed != NONE_DAY)
		tw_set(w, CC_CLOSED, date_fmt(k->closed, closed));
	if (k->closed != NONE_DAY || d == D_CASE_OUTCOME_WITHOUT_CLOSE)
		tw_set(w, CC_OUTCOME, outcome_names[k->outcome]);
	tw_set(w, CC_HANDLER, handlers[rng_below(r, NELEM(handlers))]);
	case_summary(g, r, k, (long)id, summary, sizeof(summary));
	tw_set(w, CC_SUMMARY, summary);
	if (d == D_TORN_LAST_LINE)
		return tw_torn_row(w, CC_OPENED, 4);
	if (d == D_RAGGED_ROW)
		return tw_row_n(w, w->s->ncols - 1);
	return tw_row(w);
}

static int
day_cmp(const void *x, const void *y)
{
	int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;

	return a < b ? -1 : a > b;
}

/* keep_open: the last case still open, when all before it are closed
   (so that a small sample has every status). */
static void
keep_open(const struct gen *g, struct kase *k)
{
	k->consult = 0;
	k->status = g->asof - k->opened > 10 ? CS_MEDIATING : CS_OPEN;
	k->closed = NONE_DAY;
}

/* case_defect: the defect to plant at case i of n, or -1. */
static int
case_defect(const struct gen *g, long i, long n)
{
	if (g->want[D_CASE_CLOSED_BEFORE_OPENED] && i == n / 3)
		return D_CASE_CLOSED_BEFORE_OPENED;
	if (g->want[D_CASE_OUTCOME_WITHOUT_CLOSE] && i == 2 * n / 3)
		return D_CASE_OUTCOME_WITHOUT_CLOSE;
	return -1;
}

/* extra_case: write a case of its own for a defect of the file's shape. */
static void
extra_case(struct gen *g, struct rng *r, struct tw *w, int d,
    unsigned long *id)
{
	struct kase k;
	char cid[12];
	long line;

	make_case(g, r, rng_range(r, g->window, g->asof), &k);
	line = write_case(g, r, w, &k, ++*id, d);
	record_defect(g, d, w->file, line, case_id(cid, *id));
}

/* gen_cases: cases.csv, in the order cases were opened. */
static void
gen_cases(struct gen *g)
{
	int32_t *days;
	struct kase k;
	struct rng r;
	struct tw w;
	unsigned long id = 0;
	char cid[12];
	long i, line;
	int d, open = 0;

	rng_init(&r, g->seed, "cases");
	days = xreallocarray(NULL, (size_t)g->ncases + 1, sizeof(*days));
	for (i = 0; i < g->ncases; i++)
		days[i] = rng_range(&r, g->window, g->asof);
	qsort(days, (size_t)g->ncases, sizeof(*days), day_cmp);
	tw_open(g, &w, &schema_cases, case_cols, CC_N);
	for (i = 0; i < g->ncases; i++) {
		make_case(g, &r, days[i], &k);
		if (i == g->ncases - 1 && !open)
			keep_open(g, &k);
		open |= k.status != CS_CLOSED;
		if ((d = case_defect(g, i, g->ncases)) >= 0)
			plant_case(&k, d);
		line = write_case(g, &r, &w, &k, ++id, d);
		if (d >= 0)
			record_defect(g, d, w.file, line, case_id(cid, id));
		if (g->want[D_RAGGED_ROW] && i == g->ncases / 2)
			extra_case(g, &r, &w, D_RAGGED_ROW, &id);
	}
	if (g->want[D_TORN_LAST_LINE])
		extra_case(g, &r, &w, D_TORN_LAST_LINE, &id);
	tw_close(g, &w);
	free(days);
}

/* ---- unions.csv ---- */

enum { UC_ID, UC_NAME, UC_PARENT, UC_LEVEL, UC_CREDIT, UC_ORGTYPE,
	UC_FOUNDED, UC_CHAIR, UC_RATING, UC_STATUS, UC_N };
static const char *const union_cols[UC_N] = { "union_id", "name",
	"parent_id", "level", "credit_code", "org_type", "founded", "chair",
	"home_rating", "status" };

/*
 * plan_unions: the grassroots unions the union defects go to, active
 * ones at a fifth, two fifths (and the next, for the cycle) and four
 * fifths of the way; -1 where not asked.
 */
static void
plan_unions(struct gen *g)
{
	int *target = g->target;
	long n = (long)g->nunits - g->first_grassroots;
	static const int which[] = { D_DUP_UNION_ID, D_UNION_CYCLE,
		D_ORPHAN_PARENT };
	size_t i, j;

	for (i = 0; i < NDEFECT; i++)
		target[i] = -1;
	for (i = 0; i < NELEM(which); i++) {
		if (!g->want[which[i]])
			continue;
		if (n < 8)
			usage_error("%s needs 8 or more grassroots unions",
			    defects[which[i]].name);
		j = (size_t)g->first_grassroots + (size_t)(n * (2 * i + 1) / 6);
		while (g->units[j].dissolved || g->units[j + 1].dissolved)
			j++;
		target[which[i]] = (int)j;
	}
}

static long
write_unit(struct gen *g, struct tw *w, const struct unit *u,
    const char *parent)
{
	char founded[11];

	tw_set(w, UC_ID, u->id);
	tw_set(w, UC_NAME, u->name);
	tw_set(w, UC_PARENT, parent);
	tw_set(w, UC_LEVEL, level_names[u->level]);
	tw_set(w, UC_CREDIT, u->code);
	tw_set(w, UC_ORGTYPE, org_names[u->org]);
	tw_set(w, UC_FOUNDED, date_fmt(u->founded, founded));
	tw_set(w, UC_CHAIR, u->chair);
	tw_set(w, UC_RATING, rating_names[u->rating]);
	tw_set(w, UC_STATUS, u->dissolved ? "dissolved" : "active");
	(void)g;
	return tw_row(w);
}

static void
gen_unions(struct gen *g)
{
	const int *target = g->target;
	char missing[12];
	const char *parent;
	struct tw w;
	size_t i;
	long line;
	int cyc;

	cyc = target[D_UNION_CYCLE];
	union_id(missing, g->nunits + 1);
	tw_open(g, &w, &schema_unions, union_cols, UC_N);
	for (i = 0; i < g->nunits; i++) {
		const struct unit *u = &g->units[i];

		parent = u->parent < 0 ? "" : g->units[u->parent].id;
		if ((int)i == cyc)
			parent = g->units[i + 1].id;
		else if (cyc >= 0 && (int)i == cyc + 1)
			parent = g->units[cyc].id;
		else if ((int)i == target[D_ORPHAN_PARENT])
			parent = missing;
		line = write_unit(g, &w, u, parent);
		if ((int)i == cyc)
			record_defect(g, D_UNION_CYCLE, w.file, line, u->id);
		if ((int)i == target[D_ORPHAN_PARENT])
			record_defect(g, D_ORPHAN_PARENT, w.file, line, u->id);
		if ((int)i == target[D_DUP_UNION_ID]) {
			line = write_unit(g, &w, u, parent);
			record_defect(g, D_DUP_UNION_ID, w.file, line, u->id);
		}
	}
	tw_close(g, &w);
}

/* ---- enterprises.csv ---- */

enum { EC_CREDIT, EC_NAME, EC_ORGTYPE, EC_EMPLOYEES, EC_TOWN, EC_UNION,
	EC_N };
static const char *const ent_cols[EC_N] = { "credit_code", "name",
	"org_type", "employees", "town_id", "union_id" };

/*
 * employees: a unit with a union employs its members and a few more;
 * one without has its staff size scaled as the roster is (members per
 * head of staff in the units with unions).
 */
static unsigned long
employees(struct gen *g, struct rng *r, const struct ent *e,
    uint64_t members, uint64_t staff)
{
	uint64_t n;

	if (e->unit >= 0 && !g->units[e->unit].dissolved &&
	    g->units[e->unit].members > 0) {
		n = (uint64_t)g->units[e->unit].members * (105 +
		    rng_below(r, 36)) / 100;
		n += rng_below(r, 6);
	} else
		n = staff ? (uint64_t)e->size * members / staff : e->size;
	return n < 3 ? 3 + rng_below(r, 8) : (unsigned long)n;
}

/* roster_scale: members and staff of the units with unions. */
static void
roster_scale(struct gen *g, uint64_t *members, uint64_t *staff)
{
	size_t i;

	*members = *staff = 0;
	for (i = (size_t)g->first_grassroots; i < g->nunits; i++)
		if (!g->units[i].dissolved) {
			*members += g->units[i].members;
			*staff += g->ents[g->units[i].ent].size;
		}
}

/* letter_o: the letter O typed for the first 0 of a code's
   organisation code (or for its third character if it has none). */
static void
letter_o(char code[19])
{
	char *p = strchr(code + 8, '0');

	if (p == NULL || p - code > 16)
		p = code + 10;
	*p = 'O';
}

static void
gen_enterprises(struct gen *g)
{
	uint64_t members, staff;
	int bad = 0;
	char count[24], code[19];
	struct rng r;
	struct tw w;
	size_t i;
	long line;

	rng_init(&r, g->seed, "enterprises");
	roster_scale(g, &members, &staff);
	tw_open(g, &w, &schema_enterprises, ent_cols, EC_N);
	for (i = 0; i < g->nents; i++) {
		const struct ent *e = &g->ents[g->ent_order[i]];
		int d = -1;

		memcpy(code, e->code, sizeof(code));
		if (g->want[D_ENTERPRISE_BAD_USCC] && !bad && e->unit < 0 &&
		    i >= g->nents / 3) {
			d = D_ENTERPRISE_BAD_USCC;
			bad = 1;
			letter_o(code);
		}
		if (g->want[D_ENTERPRISE_DISSOLVED_UNION] &&
		    e->unit == g->dissolved)
			d = D_ENTERPRISE_DISSOLVED_UNION;
		snprintf(count, sizeof(count), "%lu",
		    employees(g, &r, e, members, staff));
		tw_set(&w, EC_CREDIT, code);
		tw_set(&w, EC_NAME, e->name);
		tw_set(&w, EC_ORGTYPE, org_names[e->org]);
		tw_set(&w, EC_EMPLOYEES, count);
		tw_set(&w, EC_TOWN, g->units[e->town].id);
		if (e->unit >= 0 && (!g->units[e->unit].dissolved ||
		    d == D_ENTERPRISE_DISSOLVED_UNION))
			tw_set(&w, EC_UNION, g->units[e->unit].id);
		line = tw_row(&w);
		if (d >= 0)
			record_defect(g, d, w.file, line, code);
	}
	if (g->want[D_ENTERPRISE_BAD_USCC] && !bad)
		die(EXIT_TROUBLE, "cannot plant enterprise_bad_uscc: every "
		    "unit has a union; use more --unions");
	tw_close(g, &w);
}

/* ---- the defects planted ---- */

/* report_defects: "name,file,line,key" for each, in the table's order. */
static void
report_defects(const struct gen *g)
{
	FILE *f = stderr;
	int d;

	if (g->defects_log && (f = fopen(g->defects_log, "w")) == NULL)
		die(EXIT_TROUBLE, "%s:", g->defects_log);
	for (d = 0; d < NDEFECT; d++) {
		const struct planted *p = &g->planted[d];

		if (!g->want[d])
			continue;
		if (!p->set)
			die(EXIT_TROUBLE, "%s was not planted", defects[d].name);
		fprintf(f, "%s,%s,%ld,%s\n", defects[d].name, p->file, p->line,
		    p->key);
	}
	if (fflush(f) != 0 || ferror(f) || (f != stderr && fclose(f) != 0))
		die(EXIT_TROUBLE, "%s:", g->defects_log ? g->defects_log :
		    "<stderr>");
}

/* list_defects: the table of defects, as CSV on standard output. */
static void
list_defects(void)
{
	static const char *const head[] = { "defect", "file",
		"description" };
	struct out *o = out_stdout(FMT_CSV, 0);
	const char *v[3];
	char file[32];
	int d;

	out_header(o, 3, head);
	for (d = 0; d < NDEFECT; d++) {
		snprintf(file, sizeof(file), "%s.csv", defects[d].table);
		v[0] = defects[d].name;
		v[1] = file;
		v[2] = defects[d].what;
		out_row(o, 3, v);
	}
	out_close(o);
}

/* parse_defects: a comma-separated list of names, or "all". */
static void
parse_defects(struct gen *g, const char *list)
{
	const char *p = list, *comma;
	size_t n;
	int d;

	if (strcmp(list, "all") == 0) {
		memset(g->want, 1, sizeof(g->want));
		return;
	}
	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		for (d = 0; d < NDEFECT; d++)
			if (streqn(p, n, defects[d].name))
				break;
		if (d == NDEFECT)
			usage_error("unknown defect '%.*s' (see --list-defects)",
			    (int)n, p);
		g->want[d] = 1;
		if (comma == NULL)
			return;
		p = comma + 1;
	}
}

/* ---- options ---- */

enum { O_OUTPUT = 1, O_SEED, O_MEMBERS, O_UNIONS, O_TOWNS, O_AID,
	O_CASES, O_ASOF, O_FORMAT, O_DEFECTS, O_DEFECTS_LOG, O_LIST, O_HELP,
	O_VERSION };

static const struct opt options[] = {
	{ "output", 'o', OPT_ARG, O_OUTPUT },
	{ "seed", 0, OPT_ARG, O_SEED },
	{ "members", 0, OPT_ARG, O_MEMBERS },
	{ "unions", 0, OPT_ARG, O_UNIONS },
	{ "towns", 0, OPT_ARG, O_TOWNS },
	{ "aid", 0, OPT_ARG, O_AID },
	{ "cases", 0, OPT_ARG, O_CASES },
	{ "as-of", 0, OPT_ARG, O_ASOF },
	{ "format", 0, OPT_ARG, O_FORMAT },
	{ "defects", 0, OPT_ARG, O_DEFECTS },
	{ "defects-log", 0, OPT_ARG, O_DEFECTS_LOG },
	{ "list-defects", 0, OPT_NOARG, O_LIST },
	{ "help", 'h', OPT_NOARG, O_HELP },
	{ "version", 0, OPT_NOARG, O_VERSION },
	{ NULL, 0, 0, 0 }
};

static const char usage_text[] =
"usage: gen-sample -o DIR [--seed N] [--members N] [--unions N]\n"
"           [--towns N] [--aid N] [--cases N] [--as-of DATE]\n"
"           [--format csv|tsv] [--defects LIST] [--defects-log FILE]\n"
"       gen-sample --list-defects\n"
"\n"
"Write a deterministic, realistic data directory for the union tools.\n"
"\n"
"  -o, --output DIR    the directory to write (created; must be empty)\n"
"  --seed N            the random seed (default 1)\n"
"  --members N         rows of members.csv (default 10000)\n"
"  --unions N          grassroots unions (default 300)\n"
"  --towns N           towns and streets (default 12)\n"
"  --aid N             aid applications (default members / 40)\n"
"  --cases N           cases and consultations (default members / 100)\n"
"  --as-of DATE        the day the data is as of (default "
    DEFAULT_ASOF ")\n"
"  --format csv|tsv    the files' format (default csv; TSV is for the\n"
"                      tools that only read)\n"
"  --defects LIST      plant named defects (comma-separated, or all)\n"
"  --defects-log FILE  list the planted defects in FILE, not on stderr\n"
"  --list-defects      the defects, their files and what they do\n";

/* count: a whole number for option name within [lo, hi]. */
static long
count(const char *name, const char *arg, long lo, long hi)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    n < lo || n > hi)
		usage_error("%s: '%s' is not a whole number from %ld to %ld",
		    name, arg, lo, hi);
	return n;
}

static uint64_t
seed_of(const char *arg)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0)
		usage_error("--seed: '%s' is not a whole number", arg);
	return (uint64_t)n;
}

static void
set_asof(struct gen *g, const char *arg)
{
	const char *why;

	if (date_parse(arg, strlen(arg), &g->asof, &why) != 0)
		usage_error("--as-of: '%s': %s", arg, why);
	if (g->asof < ymd(2000, 1, 1) || g->asof > ymd(2099, 12, 31))
		usage_error("--as-of: '%s' is not between 2000-01-01 and "
		    "2099-12-31", arg);
}

static void
set_format(struct gen *g, const char *arg)
{
	if (strcmp(arg, "csv") == 0) {
		g->fmt = FMT_CSV;
		g->ext = ".csv";
	} else if (strcmp(arg, "tsv") == 0) {
		g->fmt = FMT_TSV;
		g->ext = ".tsv";
	} else
		usage_error("--format: '%s' is not csv or tsv", arg);
}

static void
option(struct gen *g, int id, const char *arg, long *aid, long *cases)
{
	switch (id) {
	case O_OUTPUT:
		g->dir = arg;
		break;
	case O_SEED:
		g->seed = seed_of(arg);
		break;
	case O_MEMBERS:
		g->nmembers = count("--members", arg, 0, 50000000);
		break;
	case O_UNIONS:
		g->ngrassroots = count("--unions", arg, 1, 900000);
		break;
	case O_TOWNS:
		g->ntowns = count("--towns", arg, 1, 9999);
		break;
	case O_AID:
		*aid = count("--aid", arg, 0, 9999000);
		break;
	case O_CASES:
		*cases = count("--cases", arg, 0, 9999000);
		break;
	case O_ASOF:
		set_asof(g, arg);
		break;
	case O_FORMAT:
		set_format(g, arg);
		break;
	case O_DEFECTS:
		parse_defects(g, arg);
		break;
	case O_DEFECTS_LOG:
		g->defects_log = arg;
		break;
	case O_LIST:
		list_defects();
		exit(EXIT_CLEAN);
	case O_HELP:
		fputs(usage_text, stdout);
		exit(EXIT_CLEAN);
	case O_VERSION:
		printf("%s %s\n", PROG, union_version);
		exit(EXIT_CLEAN);
	}
}

static void
parse_options(struct gen *g, int argc, char **argv)
{
	struct optstate s;
	long aid = -1, cases = -1;
	int id, d;

	memset(g, 0, sizeof(*g));
	g->seed = 1;
	g->nmembers = 10000;
	g->ngrassroots = 300;
	g->ntowns = 12;
	set_asof(g, DEFAULT_ASOF);
	set_format(g, "csv");
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, options)) != OPT_END) {
		if (id == OPT_BAD) {
			warnmsg("see '%s --help'", PROG);
			exit(EXIT_TROUBLE);
		}
		option(g, id, s.arg, &aid, &cases);
	}
	if (s.noperands > 0)
		usage_error("unexpected argument '%s'", s.operands[0]);
	if (g->dir == NULL)
		usage_error("-o DIR is required");
	g->naid = aid >= 0 ? aid : g->nmembers / 40;
	g->ncases = cases >= 0 ? cases : g->nmembers / 100;
	if (g->naid > 0 && g->nmembers == 0)
		usage_error("--aid %ld needs members", g->naid);
	for (d = D_CASE_CLOSED_BEFORE_OPENED; d <= D_TORN_LAST_LINE; d++)
		if (g->want[d] && g->ncases < 4)
			usage_error("%s needs --cases 4 or more",
			    defects[d].name);
	snprintf(g->detail, sizeof(g->detail), "generated seed %llu",
	    (unsigned long long)g->seed);
}

/* ---- main ---- */

/* prepare_dir: create dir, or accept it when it exists and is empty. */
static void
prepare_dir(const char *dir)
{
	struct dirent *e;
	DIR *dp;

	if (mkdir(dir, 0750) == 0)
		return;
	if (errno != EEXIST)
		die(EXIT_TROUBLE, "%s:", dir);
	if ((dp = opendir(dir)) == NULL)
		die(EXIT_TROUBLE, "%s:", dir);
	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			die(EXIT_TROUBLE, "%s: directory not empty", dir);
	closedir(dp);
}

/* pin_time: the journal's time, unless $UNION_NOW sets it: --as-of. */
static void
pin_time(const struct gen *g)
{
	char day[11], now[32];

	if (getenv("UNION_NOW") != NULL)
		return;
	snprintf(now, sizeof(now), "%sT00:00:00Z", date_fmt(g->asof, day));
	if (setenv("UNION_NOW", now, 1) != 0)
		die(EXIT_TROUBLE, "setenv:");
}

/* derive: what follows from the options; every plan checked before a
   file is written. */
static void
derive(struct gen *g)
{
	uint64_t want = 4 * (uint64_t)(g->naid + g->ncases);

	g->year = year_of(g->asof);
	g->window = ymd(g->year - 2, 1, 1);
	g->pool_ppm = g->nmembers <= 200000 || want >= (uint64_t)g->nmembers ?
	    1000000 : (unsigned)(want * 1000000 / (uint64_t)g->nmembers);
	surnames_init(g);
	idseq_init(g);
	build_units(g);
	pick_setup(g);
	if (g->nmembers > 0 && g->npick == 0)
		usage_error("--members %ld needs an active grassroots union",
		    g->nmembers);
	plan_members(g);
	plan_unions(g);
	if (g->want[D_ENTERPRISE_DISSOLVED_UNION] && g->dissolved < 0)
		usage_error("enterprise_dissolved_union needs a dissolved "
		    "union: --unions must be 3 or more");
	plan_budgets(g);
}

static void
release(struct gen *g)
{
	free(g->units);
	free(g->ents);
	free(g->ent_order);
	free(g->pick_unit);
	free(g->pick_cum);
	free(g->idused);
	free(g->pool);
	free(g->hpool);
}

int
main(int argc, char **argv)
{
	struct gen g;

	diag_init(PROG);
	parse_options(&g, argc, argv);
	derive(&g);
	prepare_dir(g.dir);
	pin_time(&g);
	gen_unions(&g);
	gen_programs(&g);
	gen_members(&g);
	gen_enterprises(&g);
	gen_aid(&g);
	gen_cases(&g);
	report_defects(&g);
	release(&g);
	return EXIT_CLEAN;
}
