/*
 * out_chart.c - a horizontal SVG bar chart for the html page: one bar
 * per row, the label on the left, the value's text after the bar, and
 * an optional target marker (a red line across the bar's row).
 *
 * Lengths are whole pixels from integer arithmetic: each value is read
 * as hundredths (money_parse, so at most two decimals) and scaled to
 * the largest value or target.  The chart has no script and no styles
 * of its own beyond attributes, so it shows the same with CSS off.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out_impl.h"
#include "util.h"
#include "valid.h"

#define BAR_WIDTH	400	/* pixels for the largest bar */
#define ROW_HEIGHT	22
#define BAR_HEIGHT	16
#define CELL_PX		7	/* pixels per terminal cell of text */
#define TOP		8
#define LEGEND		20	/* room for the target's legend */

struct bar {
	size_t	 label, value, target;	/* offsets into text; target or NONE */
};

#define NONE ((size_t)-1)

struct chart {
	char	*caption;
	size_t	 label, value, target;	/* columns, or OUT_NOCOL */
	struct buf text;		/* the bars' strings, each NUL-ended */
	struct bar *bars;
	size_t	 n, cap;
};

struct chart *
chart_new(const char *caption, size_t label, size_t value, size_t target)
{
	struct chart *c = xcalloc(1, sizeof(*c));

	c->caption = xstrdup(caption);
	c->label = label;
	c->value = value;
	c->target = target;
	return c;
}

void
chart_free(struct chart *c)
{
	if (c == NULL)
		return;
	free(c->caption);
	buf_free(&c->text);
	free(c->bars);
	free(c);
}

static void
add_bar(struct chart *c, const char *label, size_t llen, const char *value,
    size_t vlen, const char *target, size_t tlen)
{
	struct bar *b;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->bars = xreallocarray(c->bars, c->cap, sizeof(*c->bars));
	}
	b = &c->bars[c->n++];
	b->label = buf_keep(&c->text, label, llen);
	b->value = buf_keep(&c->text, value, vlen);
	b->target = target ? buf_keep(&c->text, target, tlen) : NONE;
}

void
chart_bar(struct chart *c, const char *label, const char *value,
    const char *target)
{
	add_bar(c, label, strlen(label), value, strlen(value), target,
	    target ? strlen(target) : 0);
}

/* chart_row: the bar of a row: its label (column 0 when the label's cell
   is empty), value and target */
void
chart_row(struct chart *c, size_t n, const struct field *f)
{
	struct field none = { "", 0 }, l, v, t;

	if (c->value == OUT_NOCOL)
		return;
	l = c->label < n ? f[c->label] : none;
	if (l.len == 0 && n > 0)
		l = f[0];
	v = c->value < n ? f[c->value] : none;
	t = c->target < n ? f[c->target] : none;
	add_bar(c, l.s, l.len, v.s, v.len, c->target == OUT_NOCOL ? NULL :
	    t.s, t.len);
}

/* hundredths: a value as hundredths; 0 when empty, negative or not a
   number with at most two decimals */
static int64_t
hundredths(const char *s)
{
	int64_t v;
	const char *why;

	if (money_parse(s, strlen(s), &v, &why) != 0)
		return 0;
	return v;
}

/* pixels: v out of max as a length of at most BAR_WIDTH */
static long
pixels(int64_t v, int64_t max)
{
	if (max <= 0 || v <= 0)
		return 0;
	if (max <= INT64_MAX / BAR_WIDTH)
		return (long)(v * BAR_WIDTH / max);
	return (long)(v / (max / BAR_WIDTH));
}

/* text_px: the width of text, roughly, at the chart's font size */
static long
text_px(const char *s)
{
	return (long)text_width(s, strlen(s)) * CELL_PX;
}

static void
put_text(struct out *o, long x, long y, const char *anchor, const char *s)
{
	char tag[128];

	snprintf(tag, sizeof(tag), "<text x=\"%ld\" y=\"%ld\"%s%s%s>", x, y,
	    anchor ? " text-anchor=\"" : "", anchor ? anchor : "",
	    anchor ? "\"" : "");
	puts_(o, tag);
	out_html_text(o, s, strlen(s));
	puts_(o, "</text>\n");
}

/* scale: the largest value or target, in hundredths */
static int64_t
scale(const struct chart *c, int *targets)
{
	int64_t max = 0, v;
	size_t i;

	*targets = 0;
	for (i = 0; i < c->n; i++) {
		if ((v = hundredths(c->text.s + c->bars[i].value)) > max)
			max = v;
		if (c->bars[i].target == NONE)
			continue;
		*targets = 1;
		if ((v = hundredths(c->text.s + c->bars[i].target)) > max)
			max = v;
	}
	return max;
}

static void
write_bar(struct out *o, const struct chart *c, size_t i, long left,
    long y, int64_t max)
{
	const struct bar *b = &c->bars[i];
	const char *value = c->text.s + b->value;
	long w = pixels(hundredths(value), max), x;
	char tag[256];

	put_text(o, left - 6, y + 13, "end", c->text.s + b->label);
	snprintf(tag, sizeof(tag), "<rect class=\"bar\" x=\"%ld\" y=\"%ld\" "
	    "width=\"%ld\" height=\"%d\" fill=\"#4a7ebb\"/>\n", left, y, w,
	    BAR_HEIGHT);
	puts_(o, tag);
	put_text(o, left + w + 4, y + 13, NULL, value);
	if (b->target == NONE || c->text.s[b->target] == '\0')
		return;
	x = left + pixels(hundredths(c->text.s + b->target), max);
	snprintf(tag, sizeof(tag), "<line class=\"target\" x1=\"%ld\" "
	    "y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#c00\" "
	    "stroke-width=\"2\"/>\n", x, y - 2, x, y + BAR_HEIGHT + 2);
	puts_(o, tag);
}

void
chart_write(struct out *o, const struct chart *c)
{
	long left = 40, right = 40, top = TOP, w, h;
	int targets;
	int64_t max = scale(c, &targets);
	char tag[256];
	size_t i;

	if (c->n == 0)		/* nothing to draw */
		return;
	for (i = 0; i < c->n; i++) {
		if ((w = text_px(c->text.s + c->bars[i].label) + 12) > left)
			left = w;
		if ((w = text_px(c->text.s + c->bars[i].value) + 12) > right)
			right = w;
	}
	if (targets)
		top += LEGEND;
	w = left + BAR_WIDTH + right;
	h = top + (long)c->n * ROW_HEIGHT + TOP;
	puts_(o, "<figure>\n");
	snprintf(tag, sizeof(tag), "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%ld\" height=\"%ld\" viewBox=\"0 0 %ld %ld\" "
	    "font-family=\"sans-serif\" font-size=\"13\" role=\"img\">\n",
	    w, h, w, h);
	puts_(o, tag);
	puts_(o, "<title>");
	out_html_text(o, c->caption, strlen(c->caption));
	puts_(o, "</title>\n");
	if (targets) {
		snprintf(tag, sizeof(tag), "<line x1=\"%ld\" y1=\"6\" x2=\"%ld\" "
		    "y2=\"20\" stroke=\"#c00\" stroke-width=\"2\"/>\n", left,
		    left);
		puts_(o, tag);
		put_text(o, left + 6, 18, NULL, "target");
	}
	for (i = 0; i < c->n; i++)
		write_bar(o, c, i, left, top + (long)i * ROW_HEIGHT, max);
	puts_(o, "</svg>\n<figcaption>");
	out_html_text(o, c->caption, strlen(c->caption));
	puts_(o, "</figcaption>\n</figure>\n");
}
