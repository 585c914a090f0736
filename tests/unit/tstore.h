/*
 * tstore.h - scratch directories and whole-file helpers shared by the
 * store's unit tests.  The including file defines root[], a mkdtemp
 * template made real before the first scratch().
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

#endif
