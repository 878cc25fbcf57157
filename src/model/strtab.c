/* strtab.c - string interning: an open-addressing hash over arena-stored names. */
#include "flamex/model/strtab.h"

#include "flamex/base/hash.h"
#include "flamex/base/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define STRTAB_BLOCK (1u << 20)

struct strtab_entry {
    const char *bytes;
    uint32_t len;
    uint32_t hash_lo; /* low 32 bits of the hash, to skip most memcmp calls */
};

struct strtab_block {
    struct strtab_block *next;
    size_t used, cap;
    char data[];
};

struct strtab {
    struct strtab_entry *entries;
    uint32_t count, entries_cap;
    uint32_t *slots; /* id + 1, 0 = empty */
    size_t mask;
    struct strtab_block *blocks;
    size_t memory;
};

struct strtab *strtab_new(void)
{
    struct strtab *tab = xcalloc(1, sizeof *tab);
    tab->mask = 1023;
    tab->slots = xcalloc(tab->mask + 1, sizeof *tab->slots);
    return tab;
}

void strtab_free(struct strtab *tab)
{
    if (!tab)
        return;
    struct strtab_block *b = tab->blocks;
    while (b) {
        struct strtab_block *next = b->next;
        free(b);
        b = next;
    }
    free(tab->entries);
    free(tab->slots);
    free(tab);
}

static char *strtab_store(struct strtab *tab, const char *s, size_t n)
{
    struct strtab_block *b = tab->blocks;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > STRTAB_BLOCK ? n + 1 : STRTAB_BLOCK;
        b = xmalloc(sizeof *b + cap);
        b->cap = cap;
        b->used = 0;
        b->next = tab->blocks;
        tab->blocks = b;
        tab->memory += sizeof *b + cap;
    }
    char *dst = b->data + b->used;
    if (n)
        memcpy(dst, s, n);
    dst[n] = '\0';
    b->used += n + 1;
    return dst;
}

static void strtab_grow(struct strtab *tab)
{
    size_t cap = (tab->mask + 1) * 2;
    uint32_t *slots = xcalloc(cap, sizeof *slots);
    for (uint32_t id = 0; id < tab->count; id++) {
        const struct strtab_entry *e = &tab->entries[id];
        size_t j = hash_bytes(e->bytes, e->len) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = id + 1;
    }
    free(tab->slots);
    tab->slots = slots;
    tab->mask = cap - 1;
}

uint32_t strtab_intern_hashed(struct strtab *tab, const char *s, size_t n, uint64_t hash)
{
    size_t j = hash & tab->mask;
    for (;;) {
        uint32_t slot = tab->slots[j];
        if (!slot)
            break;
        const struct strtab_entry *e = &tab->entries[slot - 1];
        if (e->hash_lo == (uint32_t)hash && e->len == n && memcmp(e->bytes, s, n) == 0)
            return slot - 1;
        j = (j + 1) & tab->mask;
    }
    if (tab->count >= UINT32_MAX - 2 || n > UINT32_MAX)
        return STRTAB_NONE;
    if (tab->count == tab->entries_cap) {
        tab->entries_cap = tab->entries_cap ? tab->entries_cap * 2 : 1024;
        tab->entries = xreallocarray(tab->entries, tab->entries_cap, sizeof *tab->entries);
    }
    uint32_t id = tab->count++;
    tab->entries[id].bytes = strtab_store(tab, s, n);
    tab->entries[id].len = (uint32_t)n;
    tab->entries[id].hash_lo = (uint32_t)hash;
    tab->slots[j] = id + 1;
    if ((size_t)tab->count * 2 > tab->mask + 1)
        strtab_grow(tab);
    return id;
}

uint32_t strtab_intern(struct strtab *tab, const char *s, size_t n)
{
    return strtab_intern_hashed(tab, s, n, hash_bytes(s, n));
}

uint32_t strtab_find(const struct strtab *tab, const char *s, size_t n)
{
    uint64_t hash = hash_bytes(s, n);
    size_t j = hash & tab->mask;
    for (;;) {
        uint32_t slot = tab->slots[j];
        if (!slot)
            return STRTAB_NONE;
        const struct strtab_entry *e = &tab->entries[slot - 1];
        if (e->hash_lo == (uint32_t)hash && e->len == n && memcmp(e->bytes, s, n) == 0)
            return slot - 1;
        j = (j + 1) & tab->mask;
    }
}

const char *strtab_get(const struct strtab *tab, uint32_t id, size_t *len)
{
    const struct strtab_entry *e = &tab->entries[id];
    if (len)
        *len = e->len;
    return e->bytes;
}

uint32_t strtab_count(const struct strtab *tab)
{
    return tab->count;
}

int strtab_compare(const struct strtab *tab, uint32_t a, uint32_t b)
{
    const struct strtab_entry *x = &tab->entries[a], *y = &tab->entries[b];
    size_t n = x->len < y->len ? x->len : y->len;
    int c = n ? memcmp(x->bytes, y->bytes, n) : 0;
    if (c)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

