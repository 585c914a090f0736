/*
 * tstore.h - scratch directories, whole-file helpers and captured
 * standard error, shared by the store's unit tests.  The including file
 * defines root[], a mkdtemp template made real before the first
 * scratch().
 */
#ifndef UNION_TSTORE_H
#define UNION_TSTORE_H

#include <sys/stat.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int ndirs;

/* scratch_setup: root made real; the journal's clock fixed. */
static void
scratch_setup(void)
{
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	setenv("UNION_NOW", "2026-01-02T03:04:05Z", 1);
}

/* scratch_cleanup: root and everything in it removed. */
static void
scratch_cleanup(void)
{
	char *cmd = xasprintf("rm -rf '%s'", root);

	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", root);
	free(cmd);
}

/* scratch: a fresh directory under root (the caller frees the name). */
static char *
scratch(void)
{
	char *d = xasprintf("%s/%d", root, ++ndirs);

	if (mkdir(d, 0755) == -1) {
		perror(d);
		exit(2);
	}
	return d;
}

static void
put(const char *dir, const char *name, const char *text)
{
	char *path = datadir_path(dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd == -1 || store_write(fd, text, strlen(text)) == -1) {
		perror(path);
		exit(2);
	}
	close(fd);
	free(path);
}

/* get: a file's content, or "(absent)". */
static char *
get(const char *dir, const char *name)
{
	char *path = datadir_path(dir, name);
	size_t len;
	char *s = store_slurp(path, &len);

	free(path);
	return s ? s : xstrdup("(absent)");
}

/* CHECK_FILE: dir/name holds exactly text. */
#define CHECK_FILE(dir, name, text) do { \
	char *got_ = get(dir, name); \
	CHECK_STR(got_, text); \
	free(got_); \
} while (0)

/* Standard error, captured around a call: cap_begin(), the call,
   then cap_end() gives what it printed (the caller frees it). */
static int cap_saved = -1;
static char cap_path[64];

static void
cap_begin(void)
{
	int fd;

	snprintf(cap_path, sizeof(cap_path), "%s/stderr", root);
	fd = open(cap_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	cap_saved = dup(2);
	dup2(fd, 2);
	close(fd);
}

static char *
cap_end(void)
{
	size_t len;
	char *s;

	dup2(cap_saved, 2);
	close(cap_saved);
	s = store_slurp(cap_path, &len);
	return s ? s : xstrdup("");
}

#endif
