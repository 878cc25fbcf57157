/* xalloc.h - allocation that aborts on out-of-memory, the one failure allowed to
 * abort (DESIGN.md rule 6, "Bad input never aborts"). Every function returns
 * non-NULL or does not return. */
#ifndef FLAMEX_XALLOC_H
#define FLAMEX_XALLOC_H

#include <stddef.h>

/* malloc that aborts with a message on failure (size 0 returns a valid pointer). */
void *xmalloc(size_t size);
/* calloc that aborts on failure or overflow of n * size. */
void *xcalloc(size_t n, size_t size);
/* realloc of n elements of size bytes; aborts on failure or overflow. */
void *xreallocarray(void *ptr, size_t n, size_t size);
/* strdup that aborts on failure. */
char *xstrdup(const char *s);
/* Copy n bytes of s into a new NUL-terminated string; aborts on failure. */
char *xstrndup(const char *s, size_t n);

/* Growable big array of n elements of size bytes: ptr is NULL (new) or a
 * block from this function with old_n elements. Grows by remapping pages
 * (mremap), never by copying, so each page is touched once; new memory is
 * zero. Aborts on failure. Free only with xbig_free. */
void *xbig_resize(void *ptr, size_t old_n, size_t new_n, size_t size);
/* Release a block from xbig_resize that holds n elements of size bytes. */
void xbig_free(void *ptr, size_t n, size_t size);

#endif
