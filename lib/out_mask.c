/*
 * out_mask.c - personal data masked as rows are written (OUT_MASK_PII,
 * out.h): the one place that knows which columns of the suite's tables
 * are personal and how each is hidden (mask.c does the hiding).
 *
 *	id_number	mask_id		320803********123X
 *	phone		mask_phone	138****5678
 *	name		mask_name	张**, in a person's table only (one
 *					with member_id, id_number or phone;
 *					unions.csv's name is a union's)
 *	member_id	mask_name	M*******, in a case's row (cases.csv)
 *					and in a row whose program is health
 *					aid (program_is_health)
 *	summary		***		in a case's row (free text)
 *
 * Whatever a column is called, a cell that IS a full ID number
 * (id_parse) or a bare 11-digit mobile number (1[3-9]...) is masked
 * as one (MASK_VALUE): a column named 证件号 or note must not show
 * what id_number would hide.  The same rule as UNION_PII_CHECK's
 * (pii_check.h), which then only has stderr and free text to watch.
 */
#include <stdlib.h>
#include <string.h>

#include "out_impl.h"
#include "pii_check.h"
#include "programs.h"
#include "valid.h"

static int
has_col(const struct out *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		if (strcmp(o->cols[i], name) == 0)
			return 1;
	return 0;
}

/* kind_of: how column name of o's header is masked. */
static unsigned char
kind_of(const struct out *o, const char *name)
{
	int person = has_col(o, "member_id") || has_col(o, "id_number") ||
	    has_col(o, "phone");
	int cases = has_col(o, "case_id");

	if (strcmp(name, "id_number") == 0)
		return MASK_ID;
	if (strcmp(name, "phone") == 0)
		return MASK_PHONE;
	if (strcmp(name, "name") == 0 && person)
		return MASK_NAME;
	if (strcmp(name, "member_id") == 0)
		return cases ? MASK_NAME : MASK_HEALTH;
	if (strcmp(name, "summary") == 0 && cases)
		return MASK_TEXT;
	return MASK_VALUE;
}

/* masks_here: whether o's flags ask for masking in o's format. */
static int
masks_here(const struct out *o)
{
	if (!(o->flags & OUT_MASK_PII))
		return 0;
	return (o->flags & OUT_MASK_ALWAYS) || o->fmt == FMT_TABLE ||
	    o->fmt == FMT_HTML;
}

void
out_mask_setup(struct out *o)
{
	size_t i;

	free(o->mask);
	o->mask = NULL;
	o->program_col = -1;
	if (!masks_here(o))
		return;
	o->mask = xcalloc(o->ncols + 1, sizeof(o->mask[0]));
	for (i = 0; i < o->ncols; i++) {
		o->mask[i] = kind_of(o, o->cols[i]);
		if (strcmp(o->cols[i], "program") == 0)
			o->program_col = (long)i;
	}
}

/* mask_one: f masked as kind into out (f->len + 4 bytes); its length. */
static size_t
mask_one(unsigned char kind, const struct field *f, char *out)
{
	switch (kind) {
	case MASK_ID:
		mask_id(f->s, f->len, out);
		break;
	case MASK_PHONE:
		mask_phone(f->s, f->len, out);
		break;
	case MASK_TEXT:
		memcpy(out, "***", 4);
		break;
	default:
		mask_name(f->s, f->len, out, f->len + 1);
		break;
	}
	return strlen(out);
}

/* by_value: how a cell of a column not named personal is masked. */
static unsigned char
by_value(const struct field *f)
{
	if (pii_is_id(f->s, f->len))
		return MASK_ID;
	if (pii_is_mobile(f->s, f->len))
		return MASK_PHONE;
	return MASK_KEEP;
}

/* is_health_row: the row's program is health aid. */
static int
is_health_row(const struct out *o, size_t n, const struct field *f)
{
	size_t pc = (size_t)o->program_col;

	return o->program_col >= 0 && pc < n &&
	    program_is_health(f[pc].s, f[pc].len);
}

const struct field *
out_mask_row(struct out *o, size_t n, const struct field *f)
{
	size_t i, need = 0;
	unsigned char kind;
	char *p;
	int health = is_health_row(o, n, f);

	if (n > o->nmasked) {
		o->masked = xreallocarray(o->masked, n, sizeof(o->masked[0]));
		o->nmasked = n;
	}
	for (i = 0; i < n; i++)
		if (i >= o->ncols || o->mask[i] != MASK_KEEP)
			need += f[i].len + 4;
	buf_reset(&o->maskbuf);
	buf_grow(&o->maskbuf, need);
	p = o->maskbuf.s;
	for (i = 0; i < n; i++) {
		o->masked[i] = f[i];
		kind = i < o->ncols ? o->mask[i] : MASK_VALUE;
		if (kind == MASK_HEALTH)
			kind = health ? MASK_NAME : MASK_VALUE;
		if (kind == MASK_VALUE)
			kind = by_value(&f[i]);
		if (kind == MASK_KEEP || f[i].len == 0)
			continue;
		o->masked[i].s = p;
		o->masked[i].len = mask_one(kind, &f[i], p);
		p += f[i].len + 4;
	}
	return o->masked;
}
