/* xalloc.c - aborting allocators. */
#include "flamex/base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Big one-shot arrays (per-node totals, child indexes at tree_finish) are
 * filled page by page right away; huge pages cut those first-touch faults.
 * Only advice, and only for blocks never realloc'd (advising part of a glibc
 * mapping splits it, which would defeat mremap in realloc). */
#define XALLOC_HUGE_MIN ((size_t)4 << 20)
#define XALLOC_HUGE_PAGE ((size_t)2 << 20)

static void xalloc_advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
    if (size < XALLOC_HUGE_MIN)
        return;
    uintptr_t start = ((uintptr_t)p + XALLOC_HUGE_PAGE - 1) & ~(uintptr_t)(XALLOC_HUGE_PAGE - 1);
    uintptr_t end = ((uintptr_t)p + size) & ~(uintptr_t)(XALLOC_HUGE_PAGE - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

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
    xalloc_advise_huge(p, size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        xalloc_die(n * size);
    xalloc_advise_huge(p, n * size);
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

void *xbig_resize(void *ptr, size_t old_n, size_t new_n, size_t size)
{
    if (size && new_n > (size_t)-1 / size)
        xalloc_die((size_t)-1);
    size_t bytes = new_n * size;
    if (bytes == 0)
        bytes = 1;
    void *p;
    if (!ptr) {
        p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    } else {
        size_t old_bytes = old_n * size;
        if (old_bytes == 0)
            old_bytes = 1;
        p = mremap(ptr, old_bytes, bytes, MREMAP_MAYMOVE);
    }
    if (p == MAP_FAILED)
        xalloc_die(bytes);
#ifdef MADV_HUGEPAGE
    /* Huge pages cut first-touch faults 512-fold where THP is on (madvise
     * mode here); advise the whole mapping so it stays one VMA that mremap
     * can grow. */
    if (!ptr)
        madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return p;
}

void xbig_free(void *ptr, size_t n, size_t size)
{
    size_t bytes = n * size;
    if (ptr)
        munmap(ptr, bytes ? bytes : 1);
}
