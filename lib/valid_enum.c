/*
 * valid_enum.c - enumerations: NULL-terminated lists of the values a
 * column may hold.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "valid.h"

#define ENUM_SLOTS 32		/* distinct lists enum_list remembers */
#define ENUM_LISTSZ 512		/* bytes of one rendered list */

/* enum_index: the position of s[0..n) in list, or -1 when absent (an
   empty s is never found: lists hold no empty value). */
int
enum_index(const char *const *list, const char *s, size_t n)
{
	int i;

	if (n == 0)
		return -1;
	for (i = 0; list[i] != NULL; i++)	/* first byte first: hot path */
		if (list[i][0] == s[0] && streqn(s, n, list[i]))
			return i;
	return -1;
}

/* render: "a, b, c" into out, cut short with ", ..." when too long. */
static void
render(const char *const *list, char *out, size_t outsz)
{
	const char *sep = "";
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; list[i] != NULL; i++) {
		if (len + strlen(sep) + strlen(list[i]) + sizeof(", ...") >
		    outsz) {
			snprintf(out + len, outsz - len, "%s...", sep);
			return;
		}
		len += (size_t)snprintf(out + len, outsz - len, "%s%s", sep,
		    list[i]);
		sep = ", ";
	}
}

/*
 * enum_list: the values of list as "a, b, c", for messages.  The string
 * is rendered once per list into static storage and stays valid for the
 * life of the process (up to ENUM_SLOTS lists; further lists share one
 * buffer, valid until the next such call).
 */
const char *
enum_list(const char *const *list)
{
	static const char *const *keys[ENUM_SLOTS];
	static char text[ENUM_SLOTS + 1][ENUM_LISTSZ];
	static size_t used;
	size_t i;

	for (i = 0; i < used; i++)
		if (keys[i] == list)
			return text[i];
	if (used == ENUM_SLOTS) {
		render(list, text[ENUM_SLOTS], ENUM_LISTSZ);
		return text[ENUM_SLOTS];
	}
	render(list, text[used], ENUM_LISTSZ);
	keys[used] = list;
	return text[used++];
}
