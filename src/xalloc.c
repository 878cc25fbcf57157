/* xalloc.c - aborting allocators. */
#include "flamex/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void xalloc_die(size_t size)
{
    fprintf(stderr, "flamex: out of memory (allocating %zu bytes)\n", size);
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        xalloc_die(size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        xalloc_die(n * size);
    return p;
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size)
        xalloc_die((size_t)-1);
    size_t bytes = n * size;
    void *p = realloc(ptr, bytes ? bytes : 1);
    if (!p)
        xalloc_die(n * size);
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
