/*
 * audit.h - the parts of union-audit shared between its files.
 *
 * The audit reads each data file once, in an order that lets later files
 * be checked against what earlier ones left in memory: unions, programs,
 * members, enterprises, aid, cases; then the journal.  What it keeps is
 * proportional to the keys it must remember (union_id, member_id,
 * id_number, aid_id, case_id), never to the size of the files.
 *
 * Every problem is a finding: a check (a stable name with a fixed
 * severity), a file, a line, the record's key and a message.  Findings
 * are collected, sorted by file and line, printed, and followed from
 * night to night in the findings history (history.c).
 */
#ifndef UNION_AUDIT_H
#define UNION_AUDIT_H

#include <stdint.h>

#include "union.h"

/* The checks, in the order --list-checks prints them. */
enum check_id {
	/* structure */
	CK_MISSING_FILE,
	CK_UNREADABLE,
	CK_HEADER,
	CK_MALFORMED_RECORD,
	CK_TORN_LINE,
	/* fields, through schema_check_row */
	CK_FIELD,
	CK_USCC_OVERRIDE,
	CK_ID_MISMATCH,
	CK_UNION_ROW,
	CK_AID_ROW,
	CK_CASE_ROW,
	/* keys */
	CK_DUP_KEY,
	CK_DANGLING_REF,
	CK_UNION_CYCLE,
	CK_LEVEL_CHAIN,
	/* real name */
	CK_DUP_ACTIVE_PERSON,
	/* members */
	CK_MEMBER_OF_DISSOLVED,
	CK_JOIN_DATE,
	/* aid */
	CK_AID_STATE_MOVE,
	CK_AID_OVER_MAX_AWARD,
	CK_AID_OVER_ANNUAL_CAP,
	CK_AID_OVER_BUDGET,
	CK_AID_NOT_MEMBER,
	CK_AID_DECIDED_NOT_MEMBER,
	CK_AID_HARDSHIP_REQUIRED,
	/* enterprises */
	CK_ENTERPRISE_DISSOLVED_UNION,
	/* cases */
	CK_CASE_STATE_MOVE,
	/* journal */
	CK_JOURNAL_CHAIN,
	CK_JOURNAL_STATE,
	CK_JOURNAL_UNTRACKED,
	NCHECK
};

struct check {
	const char *name;	/* stable: --only, --skip, the history */
	enum severity sev;
	const char *help;	/* one line for --list-checks */
};

extern const struct check checks[NCHECK];

/* check_by_name: the id of a check, or -1. */
int	check_by_name(const char *name, size_t n);

/*
 * checks_select: apply a comma-separated --only or --skip list to
 * enabled[].  Returns 0, or -1 after naming an unknown check.
 */
int	checks_select(unsigned char enabled[NCHECK], const char *list,
	    int only);

/* checks_list: the rows check,severity,description (--list-checks). */
void	checks_list(struct out *o);
/* severity_name: "error" or "warning". */
const char *severity_name(enum severity sev);

/* One finding. */
struct finding {
	enum check_id check;
	long	 line;		/* 0: the whole file */
	size_t	 file;		/* offsets into the findings' string pool */
	size_t	 key;
	size_t	 unit;		/* the union responsible, "" if unknown */
	size_t	 msg;		/* personal data in it masked */
	size_t	 pii;		/* the unmasked value, shown with --show-pii */
};

struct findings;

struct findings *findings_new(void);
void	findings_free(struct findings *fs);
size_t	findings_count(const struct findings *fs);
/* finding_str: a string of the pool by its offset. */
const char *finding_str(const struct findings *fs, size_t off);
/* findings_at: the i-th finding (after findings_sort, in order). */
const struct finding *findings_at(const struct findings *fs, size_t i);
/* findings_sort: by file, line, check, key, message. */
void	findings_sort(struct findings *fs);

/* What the audit knows and remembers while it runs. */
struct unions;
struct programs;
struct members;
struct prevstate;

struct audit {
	struct cli cli;
	const char *dir;
	unsigned char enabled[NCHECK];
	struct findings *fs;
	unsigned long counts[NCHECK];	/* findings per check */
	unsigned long errors, warnings;
	int	 files;			/* files read, the journal too */
	int	 tables;		/* tables read */
	unsigned long long rows;	/* data rows read */

	struct unions *unions;		/* keys.c */
	struct programs *programs;	/* aid.c */
	struct members *members;	/* members.c */
	struct prevstate *prev;		/* moves.c: the last archive */
	const char *unit;		/* union of the row being checked */
	struct strmap *unread;		/* files whose rows were not read */
	struct strmap *partial;		/* tables with a record not read */
	struct strmap *ended;		/* member_id -> day it ended */
	struct strmap *moved;		/* member_id -> 1 + offset in movedto */
	struct buf movedto;		/* member_ids transferred to */
	int	 journal_ok;		/* the journal could be read */
};

/* file_unread: was file missing, unreadable or without its columns? */
int	file_unread(const struct audit *a, const char *file);

/*
 * file_partial: did a record of table ("members.csv", the schema's name)
 * fail to read?  Then a reference into it that does not resolve may
 * name that record: it is not reported.
 */
int	file_partial(const struct audit *a, const char *table);

/* usage_exit: print a command's usage to standard error; exit 2. */
_Noreturn void usage_exit(const char *usage);

/*
 * finding: record one finding of check c, unless c is disabled; 1 if
 * recorded, 0 if not.  key (klen bytes) is the record's key, "" for
 * none; a->unit names the union responsible (NULL: none).  The message
 * is printf-style and holds personal data only masked (masked_id).
 */
int	finding(struct audit *a, enum check_id c, const char *file, long line,
	    const char *key, size_t klen, const char *fmt, ...)
	    __attribute__((format(printf, 7, 8)));

/* enabled: is check c to run? */
#define ENABLED(a, c) ((a)->enabled[(c)])

/*
 * Personal data in messages: a finding's message always holds ID numbers
 * masked (masked_id), so that the history never holds them; finding_pii
 * attaches the unmasked value to the finding just recorded, and the findings
 * printed with --show-pii show it in place of the masked form.
 */
const char *masked_id(const char *s, size_t n, char out[65]);
void	finding_pii(struct audit *a, const char *s, size_t n);
/* finding_message: the message as shown, unmasked when show_pii. */
const char *finding_message(const struct findings *fs,
	    const struct finding *f, int show_pii, struct buf *tmp);

/* The row being checked, as scan_table hands it to a file's checks. */
struct row {
	const char *file;		/* as found: "members.csv" */
	long	 line;
	const struct binding *b;
	const struct field *f;
	struct field key;		/* the schema key's value */
};

/* A file's own checks: prepare sets a->unit, check does the rest. */
struct pass {
	const struct schema *s;
	void	(*prepare)(struct audit *a, const struct row *r);
	void	(*check)(struct audit *a, const struct row *r);
	void	(*finish)(struct audit *a, const char *file);
};

/*
 * scan_table (structure.c): find pass->s's file in the data directory
 * and read it once: structure checks (missing, unreadable, header,
 * malformed records, torn last line), the field checks of fields.c,
 * then pass->check for each whole record.  Returns 0 when the file was
 * read, -1 when it could not be (a finding says why).
 */
int	scan_table(struct audit *a, const struct pass *p);

/* fields.c: every field and in-row rule, through schema_check_row. */
void	check_fields(struct audit *a, const struct row *r);

/* field: the value of schema column name in r. */
struct field row_get(const struct row *r, const char *name);

/* keys.c: unions (registry, hierarchy) and key uniqueness. */
extern const struct pass unions_pass;
struct uinfo;
/* union_find: the union named id, or NULL. */
const struct uinfo *union_find(const struct audit *a, const char *id,
	    size_t n);
int	union_dissolved(const struct uinfo *u);
const char *union_id_of(const struct uinfo *u);
/* union_index: the number of a union (for struct minfo), -1 for NULL. */
int32_t union_index(const struct audit *a, const struct uinfo *u);
void	unions_free(struct unions *u);

/*
 * keyset: remembers the keys of one file and reports duplicates.
 * keyset_add returns the key's number (0, 1, ...) when it is new, or
 * -1 after a dup_key finding.
 */
struct keyset;
struct keyset *keyset_new(const char *column);
long	keyset_add(struct audit *a, struct keyset *k, const struct row *r);
/* keyset_find: the number of key, or -1. */
long	keyset_find(const struct keyset *k, const char *key, size_t n);
void	keyset_free(struct keyset *k);

/* members.c: the roster, real name, members of dissolved unions. */
extern const struct pass members_pass;
struct minfo {
	int32_t	 join;		/* join date, INT32_MIN if unknown */
	int32_t	 unit;		/* index of the union, -1 if unknown */
	signed char status;	/* index in member_statuses[], -1 */
	signed char hardship;	/* index in hardship_kinds[] (0 none), -1 */
};
/* member_find: a member by member_id, or NULL. */
const struct minfo *member_find(const struct audit *a, const char *id,
	    size_t n);
const char *union_id_at(const struct audit *a, int32_t idx);
void	members_free(struct members *m);

/*
 * persons.c: the people with an active or retained membership.
 * persons_add: record the membership on line of person id (an 'x' check
 * character is the same as 'X'); 0 when the person is new, else the
 * line of the membership recorded first.
 */
struct persons;
struct persons *persons_new(void);
unsigned long persons_add(struct persons *p, const char *id, size_t n,
	    unsigned long line);
void	persons_free(struct persons *p);

/* enterprises.c, aid.c, cases.c */
extern const struct pass enterprises_pass, programs_pass, aid_pass,
	    cases_pass;
void	programs_free(struct programs *p);

/* moves.c: status moves since the last archive before today. */
void	prevstate_load(struct audit *a);
/* prev_status: the status of key in file at the last archive, or NULL
   (no archive, or the record was not there). */
const char *prev_status(const struct audit *a, const char *file,
	    const char *key, size_t n);
/* prev_archive_name: the archive compared against, or NULL. */
const char *prev_archive_name(const struct audit *a);
void	prevstate_free(struct prevstate *p);

/*
 * journal.c: read_journal verifies the chain (before the tables) and
 * remembers when memberships ended; verify_files compares each table
 * with the journal's last state of it (after them).
 * member_ended_on: the day the journal says a member left or was
 * transferred, or INT32_MIN.  member_moved_to: the member_id the
 * journal says a transferred member continued as, or NULL.
 */
void	read_journal(struct audit *a);
void	verify_files(struct audit *a);
int32_t	member_ended_on(const struct audit *a, const char *id, size_t n);
const char *member_moved_to(const struct audit *a, const char *id, size_t n);

/* The last state the journal records for each file. */
struct jstate {
	char	 file[64];
	unsigned long long size;
	char	 digest[HASH_TEXT_MAX];
	long	 seq;
};
/* journal_states: the last state of every file; n set; -1 on error. */
struct jstate *journal_states(const char *dir, size_t *n);
const struct jstate *jstate_of(const struct jstate *s, size_t n,
	    const char *file);

/* history.c */
struct hist_counts {
	unsigned long new_, open, fixed;
	long	 oldest_days;		/* -1: none open */
};
int	history_update(struct audit *a, struct hist_counts *hc);
int	cmd_open(int argc, char **argv);

/* archive.c, diff.c, accept.c */
int	cmd_archive(int argc, char **argv);
int	cmd_diff(int argc, char **argv);
int	cmd_accept(int argc, char **argv);

/*
 * diff_file (diff.c): rows added, removed and changed between oldpath
 * and newpath (one data file, matched by its schema key), written to o
 * as change,file,key,line,columns (line: in the new file, or the old one
 * for a removed row; columns: those that changed).  Memory: the old
 * file's keys and row hashes.  Returns 0 and fills *n, or -1 after a
 * message when a file cannot be read or lacks the key column.
 */
struct diffcount {
	unsigned long added, removed, changed;
};
int	diff_file(const struct schema *s, const char *oldpath,
	    const char *newpath, const char *display, struct out *o,
	    struct diffcount *n);
/* diff_header: the header of diff_file's rows. */
void	diff_header(struct out *o);

/*
 * archive.c: an archive is DIR/archives/YYYY-MM-DD (".2", ".3" for a
 * second one the same day) holding FILE.gz for each file and
 * manifest.csv (file,stored,size,digest,journal_digest).
 * archive_root: the archives folder of a data directory (fresh memory).
 * archive_list: the archives in root, newest first, NULL-terminated;
 * free with free_strings.  NULL when there is none.
 * archive_resolve: an archive named on the command line (a path, or a
 * name in the archives folder); NULL after a message.
 * manifest_journal_digest: the journal_digest the manifest of archive
 * adir records for file, into out; 0, or -1 when it has none.
 */
char	*archive_root(const char *dir);
char	**archive_list(const char *root);
void	free_strings(char **v);
char	*archive_resolve(const char *dir, const char *name);
/* gz_digest: sha256 of a file's bytes, decompressed first when
   compressed is set; 0, or -1 after a message. */
int	gz_digest(const char *path, int compressed, char out[HASH_TEXT_MAX]);
int	manifest_journal_digest(const char *adir, const char *file,
	    char out[HASH_TEXT_MAX]);

/* tables.c: the tables of a data directory, in the order the audit
   reads them ("unions.csv", ...), NULL-terminated. */
extern const char *const data_files[];
/* find_table: the path of table file ("members.csv") in dir as .csv,
   .tsv, .csv.gz or .tsv.gz, the first that exists (fresh memory); NULL
   if none. */
char	*find_table(const char *dir, const char *file);

#endif
