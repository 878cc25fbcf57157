/* export.c - canonical folded output in stack-text byte order.
 *
 * Sorting whole lines would need memory proportional to the output, so the walk
 * produces the order directly: under a parent, every child contributes two
 * items, its own line (key "name count") and its subtree (key "name;..."), and
 * sorting those items by key yields exactly the byte order of the full lines
 * (what `LC_ALL=C sort` gives), since names never contain ';'.
 */
#include "flamex/output/export.h"

#include "flamex/base/numfmt.h"
#include "flamex/output/textout.h"
#include "flamex/base/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct export_item {
    const char *name;
    size_t len;
    uint32_t node;
    bool subtree;   /* key is name followed by ';' (the children) */
    char tail[256]; /* own line: what follows the name, " count[ count]" */
    size_t tail_len;
};

/* Byte i of an item's key (name, then the tail or ';'), or -1 past its end. */
static int export_key_at(const struct export_item *it, size_t i)
{
    if (i < it->len)
        return (unsigned char)it->name[i];
    i -= it->len;
    if (it->subtree)
        return i == 0 ? ';' : -1;
    return i < it->tail_len ? (unsigned char)it->tail[i] : -1;
}

static int export_item_compare(const void *pa, const void *pb)
{
    const struct export_item *a = pa, *b = pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = n ? memcmp(a->name, b->name, n) : 0;
    if (c)
        return c;
    for (size_t i = n;; i++) {
        int ca = export_key_at(a, i), cb = export_key_at(b, i);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca < 0)
            return 0;
    }
}

/* The counts of node as exported, each preceded by a space. */
static size_t export_format_counts(const struct profile *profile, uint32_t node,
                                   const struct export_options *opts, char *buf, size_t cap)
{
    size_t used = 0;
    for (size_t k = 0; k < opts->ntypes && used + 1 < cap; k++) {
        size_t t = opts->types[k];
        int64_t exact;
        buf[used++] = ' ';
        if (tree_self_exact(profile->tree, node, t, &exact))
            used += numfmt_int(buf + used, cap - used, (long long)exact);
        else
            used += numfmt_value(buf + used, cap - used, tree_self(profile->tree, node, t));
    }
    if (used >= cap)
        used = cap - 1;
    buf[used] = '\0';
    return used;
}

struct export_level {
    struct export_item *items;
    size_t count, next;
    size_t path_len; /* length of the path text before this level's names */
};

static void export_fill_level(const struct profile *profile, uint32_t node,
                              const struct export_options *opts, struct export_level *level)
{
    size_t nkids;
    const uint32_t *kids = tree_children(profile->tree, node, TREE_ORDER_ALPHA, &nkids);
    level->items = xreallocarray(level->items, nkids * 2 + 1, sizeof *level->items);
    level->count = 0;
    level->next = 0;
    for (size_t k = 0; k < nkids; k++) {
        struct export_item item;
        item.node = kids[k];
        item.name = profile_node_name(profile, kids[k], &item.len);
        item.subtree = false;
        item.tail_len = export_format_counts(profile, kids[k], opts, item.tail, sizeof item.tail);
        level->items[level->count++] = item;
        size_t grand;
        tree_children(profile->tree, kids[k], TREE_ORDER_ALPHA, &grand);
        if (grand) {
            item.subtree = true;
            level->items[level->count++] = item;
        }
    }
    qsort(level->items, level->count, sizeof *level->items, export_item_compare);
}

static bool export_write_line(FILE *out, const char *path, size_t path_len,
                              const struct export_item *item, const struct export_options *opts)
{
    textout_write_name(out, path, path_len, opts->sanitize);
    textout_write_name(out, item->name, item->len, opts->sanitize);
    fwrite(item->tail, 1, item->tail_len, out);
    return fputc('\n', out) != EOF;
}

bool export_folded(FILE *out, const struct profile *profile, const struct export_options *opts)
{
    size_t levels_cap = 64, depth = 0;
    struct export_level *levels = xcalloc(levels_cap, sizeof *levels);
    size_t path_cap = 4096, path_len = 0;
    char *path = xmalloc(path_cap);
    bool ok = true;

    export_fill_level(profile, TREE_ROOT, opts, &levels[depth]);
    levels[depth].path_len = 0;
    depth++;
    while (depth > 0 && ok) {
        struct export_level *level = &levels[depth - 1];
        if (level->next == level->count) {
            depth--;
            continue;
        }
        struct export_item item = level->items[level->next++];
        path_len = level->path_len;
        if (!item.subtree) {
            /* A stack that ended here is written even with a zero count
             * (folded files and pprof samples can say 0), except in perf
             * script input, where a sample never weighs 0: a 0 there means
             * the stack belongs to another event's samples. */
            bool wanted = profile->format != PROFILE_FORMAT_PERF &&
                          (tree_flags(profile->tree, item.node) & TREE_FLAG_STACK_END) != 0;
            for (size_t k = 0; k < opts->ntypes && !wanted; k++)
                wanted = tree_self(profile->tree, item.node, opts->types[k]) != 0;
            if (wanted)
                ok = export_write_line(out, path, path_len, &item, opts);
            continue;
        }
        size_t need = path_len + item.len + 1;
        if (need > path_cap) {
            path_cap = need * 2;
            path = xreallocarray(path, path_cap, 1);
        }
        memcpy(path + path_len, item.name, item.len);
        path[path_len + item.len] = ';';
        if (depth == levels_cap) {
            levels = xreallocarray(levels, levels_cap * 2, sizeof *levels);
            memset(levels + levels_cap, 0, levels_cap * sizeof *levels);
            levels_cap *= 2;
        }
        struct export_level *child = &levels[depth++];
        export_fill_level(profile, item.node, opts, child);
        child->path_len = need;
    }
    for (size_t i = 0; i < levels_cap; i++)
        free(levels[i].items);
    free(levels);
    free(path);
    if (fflush(out) != 0 || ferror(out))
        ok = false;
    return ok;
}
