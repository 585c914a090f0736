/*
 * out_people.c - the writer's formats for people: "table", aligned by
 * display width (text_width), and "html", one self-contained page.
 *
 *	table	a  b\n1  x\n	(two spaces between columns, numeric ones
 *			right-aligned, no trailing blanks; a title goes first,
 *			on its own line; tabs, newlines and other control
 *			characters shown as \t, \n, \xHH)
 *	html	<!DOCTYPE html>, inline CSS, an <h1> with the title (or the
 *		program's name), the notes, the chart (out_chart.c), the
 *		table; no scripts, nothing fetched; well-formed XML too;
 *		text escaped (& < > " '), control characters as U+FFFD
 *
 * A totals row (out_total) is ruled off with dashes in "table" and is
 * the <tfoot> of the html table.  With a chart the html rows are held
 * until out_close, since the chart above them needs every bar.
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "out_impl.h"
#include "util.h"

/* hput: html bytes, held back while a chart waits for every row. */
static void
hput(struct out *o, const char *p, size_t n)
{
	if (o->hold)
		buf_add(&o->held, p, n);
	else
		put(o, p, n);
}

static void
hputs(struct out *o, const char *s)
{
	hput(o, s, strlen(s));
}

/* out_html_text: text escaped for html and XML (& < > " '). */
void
out_html_text(struct out *o, const char *s, size_t n)
{
	size_t i, start;
	const char *e;

	for (i = start = 0; i < n; i++) {
		switch (s[i]) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default:
			if ((unsigned char)s[i] >= 0x20 || s[i] == '\t' ||
			    s[i] == '\n' || s[i] == '\r')
				continue;
			e = "&#xFFFD;";
		}
		hput(o, s + start, i - start);
		hputs(o, e);
		start = i + 1;
	}
	hput(o, s + start, n - start);
}

/* The page's head; void elements closed with "/>", so that the whole
   page is well-formed XML as well as HTML. */
static const char html_head[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"zh-CN\">\n"
	"<head>\n"
	"<meta charset=\"utf-8\"/>\n"
	"<meta name=\"viewport\" content=\"width=device-width\"/>\n";

static const char html_style[] =
	"<style>\n"
	"body{font-family:sans-serif;margin:1em}\n"
	"table{border-collapse:collapse}\n"
	"th,td{border:1px solid #999;padding:.2em .5em;text-align:left;"
	"vertical-align:top;white-space:pre-wrap}\n"
	"th{background:#eee}\n"
	".num{text-align:right}\n"
	"tfoot td{font-weight:bold;border-top:2px solid #333}\n"
	"figure{margin:0 0 1em 0}\n"
	"</style>\n";

static void
html_cell(struct out *o, const char *tag, size_t i, const char *s, size_t n)
{
	hput(o, "<", 1);
	hputs(o, tag);
	if (out_is_numeric(o, i))
		hputs(o, " class=\"num\"");
	hput(o, ">", 1);
	out_html_text(o, s, n);
	hputs(o, "</");
	hputs(o, tag);
	hput(o, ">", 1);
}

/* html_notes: each out_note as a paragraph */
static void
html_notes(struct out *o)
{
	size_t at, len;

	for (at = 0; at < o->notes.len; at += len + 1) {
		len = strlen(o->notes.s + at);
		hputs(o, "<p>");
		out_html_text(o, o->notes.s + at, len);
		hputs(o, "</p>\n");
	}
}

/* html_start: everything up to the first row, once (with a chart: at
   the end, when every bar is known). */
static void
html_start(struct out *o)
{
	const char *title = o->title ? o->title : diag_prog();
	size_t i;

	if (o->started || o->hold)
		return;
	o->started = 1;
	hputs(o, html_head);
	hputs(o, "<title>");
	out_html_text(o, title, strlen(title));
	hputs(o, "</title>\n");
	hputs(o, html_style);
	hputs(o, "</head>\n<body>\n<h1>");
	out_html_text(o, title, strlen(title));
	hputs(o, "</h1>\n");
	html_notes(o);
	if (o->chart)
		chart_write(o, o->chart);
	hputs(o, "<table>\n");
	if (o->ncols > 0 && !(o->flags & OUT_NOHEADER)) {
		hputs(o, "<thead>\n<tr>");
		for (i = 0; i < o->ncols; i++)
			html_cell(o, "th", i, o->cols[i], strlen(o->cols[i]));
		hputs(o, "</tr>\n</thead>\n");
	}
	hputs(o, "<tbody>\n");
}

static void
html_tr(struct out *o, size_t n, const struct field *f)
{
	size_t i;

	hputs(o, "<tr>");
	for (i = 0; i < n; i++)
		html_cell(o, "td", i, f[i].s, f[i].len);
	hputs(o, "</tr>\n");
}

/* out_html_row: one <tr>, after the page's head the first time. */
void
out_html_row(struct out *o, size_t n, const struct field *f)
{
	html_start(o);
	if (o->chart)
		chart_row(o->chart, n, f);
	html_tr(o, n, f);
}

/* out_html_total: the totals row, in a <tfoot> after the body. */
void
out_html_total(struct out *o, size_t n, const struct field *f)
{
	html_start(o);
	hputs(o, "</tbody>\n<tfoot>\n");
	html_tr(o, n, f);
	o->footed = 1;
}

/* out_html_end: the end of the page (the whole page if no row came, or
   if rows were held for a chart). */
void
out_html_end(struct out *o)
{
	o->hold = 0;
	html_start(o);
	if (o->held.len > 0)
		put(o, o->held.s, o->held.len);
	puts_(o, o->footed ? "</tfoot>\n" : "</tbody>\n");
	puts_(o, "</table>\n</body>\n</html>\n");
}

void
out_note(struct out *o, const char *text)
{
	if (o->fmt == FMT_HTML)
		buf_add(&o->notes, text, strlen(text) + 1);
}

void
out_chart(struct out *o, const char *caption, size_t label, size_t value,
    size_t target)
{
	if (o->fmt != FMT_HTML || o->started)
		return;
	chart_free(o->chart);
	o->chart = chart_new(caption, label, value, target);
	o->hold = 1;
}

void
out_chart_bar(struct out *o, const char *label, const char *value,
    const char *target)
{
	if (o->chart)
		chart_bar(o->chart, label, value, target);
}

void
out_total(struct out *o, size_t n, const char *const *vals)
{
	const struct field *f;

	if (o->fmt != FMT_TABLE && o->fmt != FMT_HTML)
		return;
	f = out_fields(o, n, vals);
	if (o->fmt == FMT_HTML) {
		out_html_total(o, n, f);
		return;
	}
	out_table_row(o, n, f);
	o->total_row = o->nrow;
}

/* ---- table ---- */

/* table_cell: keep one cell, escaped, and widen its column. */
static void
table_cell(struct out *o, size_t col, const char *s, size_t n)
{
	size_t i, start = o->cells.len, w;
	const char *e;
	char hex[5];

	if (o->ncell + 2 > o->cellcap) {
		o->cellcap = o->cellcap ? o->cellcap * 2 : 1024;
		o->coff = xreallocarray(o->coff, o->cellcap, sizeof(size_t));
		o->cwidth = xreallocarray(o->cwidth, o->cellcap,
		    sizeof(size_t));
	}
	for (i = 0; i < n; i++) {
		if ((e = out_tsv_escape(s[i])) != NULL && s[i] != '\\')
			buf_add(&o->cells, e, 2);
		else if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) {
			snprintf(hex, sizeof(hex), "\\x%02x", (unsigned char)s[i]);
			buf_add(&o->cells, hex, 4);
		} else
			buf_addc(&o->cells, s[i]);
	}
	o->coff[o->ncell] = start;
	o->coff[o->ncell + 1] = o->cells.len;
	w = text_width(o->cells.s ? o->cells.s + start : "",
	    o->cells.len - start);
	o->cwidth[o->ncell++] = w;
	if (col >= o->nwidth) {
		o->width = xreallocarray(o->width, col + 1, sizeof(size_t));
		memset(o->width + o->nwidth, 0,
		    (col + 1 - o->nwidth) * sizeof(size_t));
		o->nwidth = col + 1;
	}
	if (w > o->width[col])
		o->width[col] = w;
}

/* out_table_row: keep a row (escaped) until out_table_end. */
void
out_table_row(struct out *o, size_t n, const struct field *f)
{
	size_t i;

	if (o->nrow + 2 > o->rowcap) {
		o->rowcap = o->rowcap ? o->rowcap * 2 : 256;
		o->rstart = xreallocarray(o->rstart, o->rowcap, sizeof(size_t));
	}
	o->rstart[o->nrow++] = o->ncell;
	for (i = 0; i < n; i++)
		table_cell(o, i, f[i].s, f[i].len);
	o->rstart[o->nrow] = o->ncell;
}

static void
pad(struct out *o, size_t n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		put(o, spaces, k);
		n -= k;
	}
}

/* table_line: one row of the table, with no trailing blanks. */
static void
table_line(struct out *o, size_t r)
{
	size_t i, c, n = o->rstart[r + 1] - o->rstart[r], blanks = 0, gap;

	for (i = 0; i < n; i++) {
		c = o->rstart[r] + i;
		gap = o->width[i] - o->cwidth[c];
		if (i > 0)
			blanks += 2;
		if (out_is_numeric(o, i))
			blanks += gap;
		if (o->coff[c + 1] > o->coff[c]) {
			pad(o, blanks);
			put(o, o->cells.s + o->coff[c], o->coff[c + 1] - o->coff[c]);
			blanks = 0;
		}
		if (!out_is_numeric(o, i))
			blanks += gap;
	}
	put(o, "\n", 1);
}

/* table_rule: dashes as wide as the table, above its totals row. */
static void
table_rule(struct out *o)
{
	size_t i, w = 0;

	for (i = 0; i < o->nwidth; i++)
		w += o->width[i] + (i > 0 ? 2 : 0);
	while (w-- > 0)
		put(o, "-", 1);
	put(o, "\n", 1);
}

/* out_table_end: the title, then every row kept, aligned. */
void
out_table_end(struct out *o)
{
	size_t r;

	if (o->title != NULL) {
		puts_(o, o->title);
		put(o, "\n", 1);
	}
	for (r = 0; r < o->nrow; r++) {
		if (r + 1 == o->total_row)
			table_rule(o);
		table_line(o, r);
	}
}
