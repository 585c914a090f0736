/*
 * pay.c - union-aid pay: approved applications are paid, exactly the
 * amount approved, exactly once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"

static const char usage[] =
"usage: union-aid pay [--date D] [--voucher REF] [--by NAME]\n"
"           [--all-or-nothing] AID... | [FILE...]\n"
"\n"
"  -d, --date D          the payment date (default: today)\n"
"  -v, --voucher REF     the payment voucher, kept with each row\n"
"      --all-or-nothing  pay nothing if any application is refused\n"
"  Without AID, the aid_id column of FILEs or standard input is read.\n"
"example: union-aid list -s approved -p winter_warmth | union-aid pay -v PZ1 -\n";

enum { O_DATE = 1, O_VOUCHER, O_ALL };

static const struct opt opts[] = {
	{ "date", 'd', OPT_ARG, O_DATE },
	{ "voucher", 'v', OPT_ARG, O_VOUCHER },
	{ "all-or-nothing", 0, OPT_NOARG, O_ALL },
	{ "by", 0, OPT_ARG, OPT_BY },
	COMMON_OPTS,
	{ NULL, 0, 0, 0 }
};

struct pay {
	int32_t	 day;		/* INT32_MIN: today */
	const char *voucher;
};

#define REFUSE(r, ...) refuse((r)->file, (r)->line, "aid_id", __VA_ARGS__)

static int
payable(const struct idref *r, const char *status)
{
	if (strcmp(status, "approved") == 0)
		return 1;
	if (strcmp(status, "paid") == 0)
		REFUSE(r, "application %s is already paid", r->id);
	else if (strcmp(status, "applied") == 0)
		REFUSE(r, "application %s is not approved yet", r->id);
	else
		REFUSE(r, "application %s is %s: only approved applications "
		    "are paid", r->id, status);
	return 0;
}

static int
pay_one(struct batch *b, const struct idref *r, size_t i)
{
	struct pay *p = b->arg;
	const char *day = fmt_date(p->day);
	const char *decided = sheet_cell(&b->sheet, i, "decided");

	if (!payable(r, sheet_cell(&b->sheet, i, "status")))
		return -1;
	if (strcmp(day, decided) < 0) {
		REFUSE(r, "payment date %s is before %s was approved on %s",
		    day, r->id, decided);
		return -1;
	}
	sheet_set(&b->sheet, i, "status", "paid");
	sheet_set(&b->sheet, i, "paid_on", day);
	sheet_set(&b->sheet, i, "paid", sheet_cell(&b->sheet, i, "approved"));
	if (p->voucher)
		sheet_set(&b->sheet, i, "voucher", p->voucher);
	return 0;
}

static char *
pay_detail(struct batch *b, size_t i)
{
	const char *v = sheet_cell(&b->sheet, i, "voucher");

	return xasprintf("paid %s on %s%s%s", sheet_cell(&b->sheet, i, "paid"),
	    sheet_cell(&b->sheet, i, "paid_on"), *v ? ", voucher " : "", v);
}

int
cmd_pay(int argc, char **argv)
{
	struct batch b;
	struct pay p = { INT32_MIN, NULL };
	struct cli c;
	struct optstate s;
	int id;

	batch_aid(&b, &c, "pay", &p);
	b.act = pay_one;
	b.detail = pay_detail;
	opt_init(&s, argc - 1, argv + 1);
	while ((id = opt_next(&s, opts)) != OPT_END) {
		switch (id) {
		case O_DATE: p.day = parse_day("--date", s.arg); break;
		case O_VOUCHER: p.voucher = s.arg; break;
		case O_ALL: b.all_or_nothing = 1; break;
		case OPT_BAD: opt_bad("pay");
		default: cli_common(&c, id, s.arg); break;
		}
	}
	if (c.help)
		help_exit(usage);
	if (p.day == INT32_MIN)
		p.day = c.today;
	else if (p.day > c.today)
		usage_error("--date: %s is in the future", fmt_date(p.day));
	return batch_run(&b, s.noperands, s.operands);
}
