/*
 * out_people.c - the writer's formats for people: "table", aligned by
 * display width (text_width), and "html", one self-contained page.
 *
 *	table	a  b\n1  x\n	(two spaces between columns, numeric ones
 *			right-aligned, no trailing blanks; a title goes first,
 *			on its own line; tabs, newlines and other control
 *			characters shown as \t, \n, \xHH)
 *	html	<!DOCTYPE html>, inline CSS, an <h1> with the title (or the
 *		program's name), the table; no scripts, nothing fetched;
 *		text escaped (& < > " '), control characters as U+FFFD
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "out_impl.h"
#include "util.h"

static void
html_text(struct out *o, const char *s, size_t n)
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
		put(o, s + start, i - start);
		puts_(o, e);
		start = i + 1;
	}
	put(o, s + start, n - start);
}

static const char html_head[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"zh-CN\">\n"
	"<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width\">\n";

static const char html_style[] =
	"<style>\n"
	"body{font-family:sans-serif;margin:1em}\n"
	"table{border-collapse:collapse}\n"
	"th,td{border:1px solid #999;padding:.2em .5em;text-align:left;"
	"vertical-align:top;white-space:pre-wrap}\n"
	"th{background:#eee}\n"
	".num{text-align:right}\n"
	"</style>\n";

static void
html_cell(struct out *o, const char *tag, size_t i, const char *s, size_t n)
{
	put(o, "<", 1);
	puts_(o, tag);
	if (out_is_numeric(o, i))
		puts_(o, " class=\"num\"");
	put(o, ">", 1);
	html_text(o, s, n);
	puts_(o, "</");
	puts_(o, tag);
	put(o, ">", 1);
}

/* html_start: everything up to the first row, once. */
static void
html_start(struct out *o)
{
	const char *title = o->title ? o->title : diag_prog();
	size_t i;

	if (o->started)
		return;
	o->started = 1;
	puts_(o, html_head);
	puts_(o, "<title>");
	html_text(o, title, strlen(title));
	puts_(o, "</title>\n");
	puts_(o, html_style);
	puts_(o, "</head>\n<body>\n<h1>");
	html_text(o, title, strlen(title));
	puts_(o, "</h1>\n<table>\n");
	if (o->ncols > 0 && !(o->flags & OUT_NOHEADER)) {
		puts_(o, "<thead>\n<tr>");
		for (i = 0; i < o->ncols; i++)
			html_cell(o, "th", i, o->cols[i], strlen(o->cols[i]));
		puts_(o, "</tr>\n</thead>\n");
	}
	puts_(o, "<tbody>\n");
}

/* out_html_row: one <tr>, after the page's head the first time. */
void
out_html_row(struct out *o, size_t n, const struct field *f)
{
	size_t i;

	html_start(o);
	puts_(o, "<tr>");
	for (i = 0; i < n; i++)
		html_cell(o, "td", i, f[i].s, f[i].len);
	puts_(o, "</tr>\n");
}

/* out_html_end: the end of the page (the whole page if no row came). */
void
out_html_end(struct out *o)
{
	html_start(o);
	puts_(o, "</tbody>\n</table>\n</body>\n</html>\n");
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

/* out_table_end: the title, then every row kept, aligned. */
void
out_table_end(struct out *o)
{
	size_t r;

	if (o->title != NULL) {
		puts_(o, o->title);
		put(o, "\n", 1);
	}
	for (r = 0; r < o->nrow; r++)
		table_line(o, r);
}
