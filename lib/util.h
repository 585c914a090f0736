/*
 * util.h - memory, growable buffers and small string helpers.
 *
 * Allocation failure is not recoverable in these tools: the x* functions
 * print "union-TOOL: out of memory" and exit 2.
 */
#ifndef UNION_UTIL_H
#define UNION_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray: realloc of n * size bytes, failing cleanly on overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xasprintf: formatted string in fresh memory; the caller frees it. */
char *xasprintf(const char *fmt, ...);

/*
 * struct buf: a growable byte string, always NUL-terminated when len > 0
 * or after buf_cstr().  Zero-initialise (struct buf b = {0}) to start.
 */
struct buf {
	char	*s;	/* bytes; owned */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated */
};

void	 buf_grow(struct buf *b, size_t extra);	/* room for extra + NUL */
void	 buf_add(struct buf *b, const void *p, size_t n);
void	 buf_addc(struct buf *b, char c);
void	 buf_adds(struct buf *b, const char *s);
/* buf_keep: p[0..n) and a NUL into a pool of strings; their offset */
size_t	 buf_keep(struct buf *b, const void *p, size_t n);
void	 buf_printf(struct buf *b, const char *fmt, ...);
void	 buf_reset(struct buf *b);			/* len = 0, keeps memory */
const char *buf_cstr(struct buf *b);			/* "" when empty */
void	 buf_free(struct buf *b);

/*
 * Hashing for in-memory tables: 64-bit FNV-1a style mixing, fast and
 * stable across runs (so partial results merge deterministically).
 */
uint64_t hash_bytes(const void *p, size_t n);

/*
 * strmap: string -> void* hash map with open addressing.  Keys are copied
 * into an arena owned by the map; values are the caller's.  Used for key
 * sets (member_id, id_number, union_id) and group-by tables.
 */
struct strmap;
struct strmap *strmap_new(void);
/* strmap_get: the value slot for key, or NULL when absent. */
void	**strmap_get(const struct strmap *m, const char *key, size_t n);
/*
 * strmap_put: the value slot for key, inserted (value NULL) when absent;
 * *isnew says which.  The slot pointer is valid until the next put.
 */
void	**strmap_put(struct strmap *m, const char *key, size_t n, int *isnew);
size_t	 strmap_count(const struct strmap *m);
/* strmap_each: calls fn for every entry, in no particular order. */
void	 strmap_each(const struct strmap *m,
	    void (*fn)(const char *key, size_t n, void *val, void *arg), void *arg);
void	 strmap_free(struct strmap *m);

/* streq: equality of a counted string and a C string. */
int	 streqn(const char *s, size_t n, const char *lit);

#endif
