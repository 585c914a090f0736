/*
 * out_impl.h - the insides of the table writer, shared by out.c (the
 * buffer, errors, csv, tsv, json) and out_people.c (table, html).  Not
 * part of the library's API.
 */
#ifndef UNION_OUT_IMPL_H
#define UNION_OUT_IMPL_H

#include <string.h>

#include "out.h"
#include "util.h"

#define OUT_BUFSIZE	(1024 * 1024)

struct out {
	int	 fd;
	char	*name;		/* for messages */
	enum outfmt fmt;
	int	 flags;		/* OUT_* */
	char	*b;		/* bytes not yet written: b[0..blen) */
	size_t	 blen;
	char	**cols;		/* the header's names */
	size_t	 ncols;
	unsigned char *numeric;	/* numeric[i]: column i holds numbers */
	size_t	 nnumeric;
	char	*title;
	int	 started;	/* the html preamble is out */
	unsigned long long nrows;
	struct field *vals;	/* out_row's values, as fields */
	size_t	 nvals;

	/* "table": every cell, until out_close */
	struct buf cells;	/* escaped cell text */
	size_t	*coff;		/* cell i is cells.s[coff[i] .. coff[i + 1]) */
	size_t	*cwidth;	/* and takes cwidth[i] cells on screen */
	size_t	 ncell, cellcap;
	size_t	*rstart;	/* row r is cells rstart[r] .. rstart[r + 1] */
	size_t	 nrow, rowcap;
	size_t	*width;		/* widest cell of each column */
	size_t	 nwidth;

	/* html extras: out_note, out_chart, out_total */
	struct buf notes;	/* paragraphs before the table, escaped */
	struct chart *chart;	/* drawn above the table, or NULL */
	struct buf held;	/* html rows kept while a chart waits */
	int	 hold;		/* html rows go to held (a chart is coming) */
	int	 footed;	/* html: the totals row closed the tbody */
	size_t	 total_row;	/* table: the totals row's index + 1, or 0 */

	/* OUT_MASK_PII (out_mask.c): how each column is masked */
	unsigned char *mask;	/* mask[i]: MASK_*, or NULL: nothing masked */
	long	 program_col;	/* the "program" column, or -1 */
	struct field *masked;	/* the row as written */
	size_t	 nmasked;
	struct buf maskbuf;	/* the masked cells' text */

	int	 keep_going;	/* after EPIPE, discard rather than die */
	int	 broken;	/* EPIPE seen: output is discarded */
	void	(*tap)(void *, const void *, size_t);
	void	*taparg;
	unsigned long long bytes;
	struct pii_scan *pii;	/* UNION_PII_CHECK: what is written for
				   people is searched (pii_check.h) */
};

/* out_put_full: put() when the buffer is full (flushes first). */
void	out_put_full(struct out *o, const char *p, size_t n);

/* put: bytes into the buffer. */
static inline void
put(struct out *o, const char *p, size_t n)
{
	if (OUT_BUFSIZE - o->blen < n) {
		out_put_full(o, p, n);
		return;
	}
	memcpy(o->b + o->blen, p, n);
	o->blen += n;
}

static inline void
puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

int	out_is_numeric(const struct out *o, size_t i);
const struct field *out_fields(struct out *o, size_t n,
	    const char *const *vals);
const char *out_tsv_escape(char c);

/* out_mask.c: personal data in rows (OUT_MASK_PII) */
enum { MASK_KEEP, MASK_ID, MASK_PHONE, MASK_NAME, MASK_TEXT, MASK_HEALTH,
	MASK_VALUE };		/* MASK_VALUE: by what the cell holds */
/* out_mask_setup: o->mask from the header, when o's flags ask for it */
void	out_mask_setup(struct out *o);
/* out_mask_row: f with its personal cells masked, in o's memory */
const struct field *out_mask_row(struct out *o, size_t n,
	    const struct field *f);

/* out_people.c */
void	out_html_text(struct out *o, const char *s, size_t n);
void	out_table_row(struct out *o, size_t n, const struct field *f);
void	out_table_end(struct out *o);
void	out_html_row(struct out *o, size_t n, const struct field *f);
void	out_html_end(struct out *o);
void	out_html_total(struct out *o, size_t n, const struct field *f);

/* out_chart.c: an SVG bar chart, for html */
struct chart;
struct chart *chart_new(const char *caption, size_t label, size_t value,
	    size_t target);
/* chart_row: a bar from a row of the table (when the chart takes rows) */
void	chart_row(struct chart *c, size_t n, const struct field *f);
void	chart_bar(struct chart *c, const char *label, const char *value,
	    const char *target);
/* chart_write: the <figure> with its <svg>, through put() */
void	chart_write(struct out *o, const struct chart *c);
void	chart_free(struct chart *c);

#endif
