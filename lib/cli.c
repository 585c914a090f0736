/*
 * cli.c - option parsing, the options all tools share, and git-style
 * subcommand dispatch.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "datadir.h"
#include "diag.h"
#include "pii_check.h"
#include "util.h"
#include "valid.h"

#ifndef UNION_VERSION
#define UNION_VERSION "0.0"
#endif

const char union_version[] = UNION_VERSION;

void
opt_init(struct optstate *s, int argc, char **argv)
{
	memset(s, 0, sizeof(*s));
	s->argc = argc;
	s->argv = argv;
	s->operands = argv;
}

static const struct opt *
find_long(const struct opt *tab, const char *name, size_t n)
{
	for (; tab->name != NULL || tab->shortc != 0; tab++)
		if (tab->name && strlen(tab->name) == n &&
		    strncmp(tab->name, name, n) == 0)
			return tab;
	return NULL;
}

static const struct opt *
find_short(const struct opt *tab, int c)
{
	for (; tab->name != NULL || tab->shortc != 0; tab++)
		if (tab->shortc == c)
			return tab;
	return NULL;
}

/* the position inside a bundle of short options ("-qh"), 0 if none */
static int shortpos;

/* set_name: remember the option as written, without any "=value" */
static void
set_name(struct optstate *s, const char *word, size_t n)
{
	if (n >= sizeof(s->namebuf))
		n = sizeof(s->namebuf) - 1;
	memcpy(s->namebuf, word, n);
	s->namebuf[n] = '\0';
	s->name = s->namebuf;
}

static int
parse_long(struct optstate *s, const struct opt *tab, char *word)
{
	const char *name = word + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const struct opt *o = find_long(tab, name, n);

	set_name(s, word, n + 2);
	if (o == NULL) {
		warnmsg("unknown option '%s'", s->name);
		return OPT_BAD;
	}
	if (o->arg == OPT_NOARG) {
		if (eq) {
			warnmsg("option '%s' takes no value", s->name);
			return OPT_BAD;
		}
		s->arg = NULL;
		return o->id;
	}
	if (eq) {
		s->arg = eq + 1;
		return o->id;
	}
	if (s->argc < 1) {
		warnmsg("option '%s' needs a value", s->name);
		return OPT_BAD;
	}
	s->arg = *s->argv++;
	s->argc--;
	return o->id;
}

static int
parse_short(struct optstate *s, const struct opt *tab, char *word)
{
	int c = (unsigned char)word[shortpos];
	const struct opt *o = find_short(tab, c);

	char letter[2] = { '-', (char)c };

	set_name(s, letter, 2);
	if (o == NULL) {
		shortpos = 0;
		warnmsg("unknown option '%s'", s->name);
		return OPT_BAD;
	}
	if (o->arg == OPT_NOARG) {
		s->arg = NULL;
		if (word[++shortpos] == '\0')
			shortpos = 0;
		else {
			/* more letters in this word: parse it again */
			s->argv--;
			s->argc++;
		}
		return o->id;
	}
	if (word[shortpos + 1] != '\0') {
		s->arg = word + shortpos + 1;
	} else if (s->argc < 1) {
		shortpos = 0;
		warnmsg("option '%s' needs a value", s->name);
		return OPT_BAD;
	} else {
		s->arg = *s->argv++;
		s->argc--;
	}
	shortpos = 0;
	return o->id;
}

int
opt_next(struct optstate *s, const struct opt *tab)
{
	char *word;

	for (;;) {
		if (s->argc < 1)
			return OPT_END;
		word = *s->argv++;
		s->argc--;
		if (shortpos > 0)
			return parse_short(s, tab, word);
		if (s->ended || word[0] != '-' || word[1] == '\0') {
			s->operands[s->noperands++] = word;
			continue;
		}
		if (strcmp(word, "--") == 0) {
			s->ended = 1;
			continue;
		}
		if (word[1] == '-')
			return parse_long(s, tab, word);
		shortpos = 1;
		return parse_short(s, tab, word);
	}
}

void
cli_init(struct cli *c)
{
	const char *by;

	memset(c, 0, sizeof(*c));
	c->datadir = datadir_resolve(NULL);
	c->format = FMT_CSV;
	c->encoding = ENC_UTF8;
	c->today = date_today();
	by = getenv("USER");
	if (by == NULL || *by == '\0')
		by = getenv("LOGNAME");
	c->by = by && *by ? by : "unknown";
}

static enum encoding
parse_encoding(const char *s)
{
	if (strcmp(s, "utf-8") == 0 || strcmp(s, "utf8") == 0 ||
	    strcmp(s, "UTF-8") == 0)
		return ENC_UTF8;
	if (strcmp(s, "gb18030") == 0 || strcmp(s, "GB18030") == 0)
		return ENC_GB18030;
	if (strcmp(s, "gbk") == 0 || strcmp(s, "GBK") == 0)
		return ENC_GBK;
	usage_error("unknown encoding '%s' (utf-8, gb18030, gbk)", s);
}

int
cli_common(struct cli *c, int id, const char *arg)
{
	const char *why;
	int f;

	switch (id) {
	case OPT_DATA:
		c->datadir = arg;
		return 1;
	case OPT_FORMAT:
		if ((f = out_parse_format(arg)) < 0)
			usage_error("unknown format '%s' "
			    "(csv, tsv, table, json, jsonl, html)", arg);
		c->format = (enum outfmt)f;
		c->format_set = 1;
		return 1;
	case OPT_EXCEL:
		c->excel = 1;
		return 1;
	case OPT_ASOF:
		if (date_parse(arg, strlen(arg), &c->today, &why) != 0)
			usage_error("--as-of: '%s': %s", arg, why);
		return 1;
	case OPT_SHOWPII:
		c->show_pii = 1;
		pii_check_off();
		return 1;
	case OPT_QUIET:
		c->quiet = 1;
		diag_set_quiet(1);
		return 1;
	case OPT_ENCODING:
		c->encoding = parse_encoding(arg);
		return 1;
	case OPT_BY:
		c->by = arg;
		return 1;
	case OPT_HELP:
		c->help = 1;
		return 1;
	case OPT_VERSION:
		printf("%s %s\n", diag_prog(), union_version);
		exit(EXIT_CLEAN);
	}
	return 0;
}

void
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnmsg(fmt, ap);
	va_end(ap);
	warnmsg("see '%s --help'", diag_prog());
	exit(EXIT_TROUBLE);
}

static void
tool_help(const struct command *tab, const char *usage_head)
{
	const struct command *c;

	printf("%s\n\ncommands:\n", usage_head);
	for (c = tab; c->name; c++)
		printf("  %-12s %s\n", c->name, c->summary);
	printf("\ncommon options: -D DIR (--data), "
	    "--format csv|tsv|table|json|jsonl|html,\n"
	    "  --excel, --as-of DATE, --encoding utf-8|gb18030|gbk, "
	    "--show-pii,\n"
	    "  -q (--quiet), -h (--help), --version\n");
	printf("Run '%s COMMAND --help' for a command's options,\n"
	    "'man %s' for more.\n", diag_prog(), diag_prog());
}

/*
 * take_global_data: "-D DIR" or "--data[=]DIR" before the command name
 * (git's -C habit) sets $UNION_DATA for the command.  Returns how many
 * words it used.
 */
static int
take_global_data(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[0], "-D") == 0 ||
	    strcmp(argv[0], "--data") == 0)) {
		setenv("UNION_DATA", argv[1], 1);
		return 2;
	}
	if (strncmp(argv[0], "--data=", 7) == 0) {
		setenv("UNION_DATA", argv[0] + 7, 1);
		return 1;
	}
	if (strncmp(argv[0], "-D", 2) == 0 && argv[0][2] != '\0') {
		setenv("UNION_DATA", argv[0] + 2, 1);
		return 1;
	}
	return 0;
}

int
cmd_dispatch(int argc, char **argv, const struct command *tab,
    const char *dflt, const char *usage_head)
{
	const struct command *c;
	int used;

	diag_init(argv[0]);
	pii_check_init();	/* the tools only, not test programs */
	/* a closed pipe is an EPIPE for out.c to handle, not a kill */
	signal(SIGPIPE, SIG_IGN);
	/* a file over the size limit (ulimit -f) is an EFBIG write error,
	   reported and failed cleanly, not a silent kill mid-change */
	signal(SIGXFSZ, SIG_IGN);
	argc--;
	argv++;
	while (argc > 0 && (used = take_global_data(argc, argv)) > 0) {
		argc -= used;
		argv += used;
	}
	if (argc > 0 && (strcmp(argv[0], "--help") == 0 ||
	    strcmp(argv[0], "-h") == 0)) {
		tool_help(tab, usage_head);
		return EXIT_CLEAN;
	}
	if (argc > 0 && strcmp(argv[0], "--version") == 0) {
		printf("%s %s\n", diag_prog(), union_version);
		return EXIT_CLEAN;
	}
	if (argc > 0 && argv[0][0] != '-') {
		for (c = tab; c->name; c++)
			if (strcmp(c->name, argv[0]) == 0)
				return c->fn(argc, argv);
		if (dflt == NULL)
			usage_error("'%s' is not a command", argv[0]);
	}
	if (dflt == NULL) {
		tool_help(tab, usage_head);
		return EXIT_TROUBLE;
	}
	for (c = tab; c->name; c++)
		if (strcmp(c->name, dflt) == 0) {
			/* the default command sees the words as if named */
			char **av = xcalloc((size_t)argc + 2, sizeof(*av));
			int rc;

			av[0] = (char *)dflt;
			memcpy(av + 1, argv, (size_t)argc * sizeof(*av));
			rc = c->fn(argc + 1, av);
			free(av);
			return rc;
		}
	usage_error("no default command");
}

int
cli_out_flags(const struct cli *c)
{
	return (c->excel ? OUT_EXCEL : 0) | (c->show_pii ? 0 : OUT_MASK_PII);
}
