/* profile.c - the profile container and the stack sink every loader feeds. */
#include "flamex/model/profile.h"

#include "flamex/base/utf8.h"
#include "flamex/base/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct profile *profile_new(const char *source, enum profile_format format)
{
    struct profile *profile = xcalloc(1, sizeof *profile);
    profile->names = strtab_new();
    profile->source = xstrdup(source ? source : "-");
    profile->format = format;
    return profile;
}

void profile_free(struct profile *profile)
{
    if (!profile)
        return;
    strtab_free(profile->names);
    tree_free(profile->tree);
    for (size_t t = 0; t < profile->ntypes; t++) {
        free(profile->types[t].name);
        free(profile->types[t].unit);
    }
    free(profile->source);
    free(profile->path);
    struct profile_info *info = &profile->info;
    free(info->period_type);
    free(info->period_unit);
    for (size_t i = 0; i < info->ncomments; i++)
        free(info->comments[i]);
    free(info->comments);
    free(info->drop_frames);
    free(info->keep_frames);
    free(info->binary);
    free(info->build_id);
    free(info->note);
    free(profile);
}

/* A type name or unit from the input, in its display form: profiles are
 * untrusted and these strings are printed (after every value, in --top and
 * error messages), so control bytes and escapes never survive. */
static char *profile_clean_copy(const char *s)
{
    size_t len = strlen(s);
    size_t cap = UTF8_SANITIZE_SIZE(len);
    char *out = xmalloc(cap);
    utf8_sanitize(s, len, false, out, cap);
    return out;
}

bool profile_set_types(struct profile *profile, size_t n, const char *const *names,
                       const char *const *units, struct error_record *err)
{
    if (n == 0 || n > TREE_MAX_TYPES) {
        error_set(err, profile->source, ERROR_NO_POSITION,
                  "%zu sample types (flamex supports 1 to %d)", n, TREE_MAX_TYPES);
        return false;
    }
    for (size_t t = 0; t < profile->ntypes; t++) {
        free(profile->types[t].name);
        free(profile->types[t].unit);
    }
    tree_free(profile->tree);
    profile->tree = tree_new(n);
    if (profile->limits.max_nodes)
        tree_set_node_limit(profile->tree, profile->limits.max_nodes);
    profile->ntypes = n;
    for (size_t t = 0; t < n; t++) {
        profile->types[t].name = profile_clean_copy(names[t]);
        profile->types[t].unit = profile_clean_copy(units && units[t] ? units[t] : "count");
    }
    profile->default_type = n - 1;
    profile->path_len = 0;
    return true;
}

void profile_restart(struct profile *profile)
{
    strtab_free(profile->names);
    profile->names = strtab_new();
    tree_free(profile->tree);
    profile->tree = NULL;
    for (size_t t = 0; t < profile->ntypes; t++) {
        free(profile->types[t].name);
        free(profile->types[t].unit);
    }
    profile->ntypes = 0;
    profile->default_type = 0;
    profile->differential = false;
    profile->stacks = 0;
    profile->path_len = 0;
}

void profile_adopt(struct profile *profile, struct profile *other)
{
    struct profile taken = *other;
    other->names = profile->names;
    other->tree = profile->tree;
    other->ntypes = profile->ntypes;
    memcpy(other->types, profile->types, sizeof other->types);
    other->path = profile->path;
    profile->names = taken.names;
    profile->tree = taken.tree;
    profile->ntypes = taken.ntypes;
    memcpy(profile->types, taken.types, sizeof profile->types);
    profile->default_type = taken.default_type;
    profile->differential = taken.differential;
    profile->stacks = taken.stacks;
    profile->path = taken.path;
    profile->path_len = taken.path_len;
    profile->path_cap = taken.path_cap;
    profile_free(other);
}

int profile_add_type(struct profile *profile, const char *name, const char *unit,
                     struct error_record *err)
{
    int t = profile->tree ? tree_add_type(profile->tree) : -1;
    if (t < 0) {
        error_set(err, profile->source, ERROR_NO_POSITION,
                  "more than %d sample types (flamex supports up to %d)", TREE_MAX_TYPES,
                  TREE_MAX_TYPES);
        return -1;
    }
    profile->types[t].name = profile_clean_copy(name);
    profile->types[t].unit = profile_clean_copy(unit ? unit : "count");
    profile->ntypes = (size_t)t + 1;
    return t;
}

static void profile_reserve_path(struct profile *profile, size_t n)
{
    if (n + 1 > profile->path_cap) {
        profile->path_cap = (n + 1) * 2;
        profile->path = xreallocarray(profile->path, profile->path_cap, sizeof *profile->path);
    }
}

bool profile_check_depth(const struct profile *profile, size_t n, struct error_record *err)
{
    if (profile->limits.max_depth && n > profile->limits.max_depth) {
        error_set(err, "", ERROR_NO_POSITION,
                  "stack of %zu frames exceeds the depth limit of %u (raise it with --max-depth)",
                  n, profile->limits.max_depth);
        return false;
    }
    return true;
}

static void profile_add_values(struct profile *profile, uint32_t node,
                               const struct sample_value *values)
{
    for (size_t t = 0; t < profile->ntypes; t++)
        tree_add_self(profile->tree, node, t, &values[t]);
    tree_set_flags(profile->tree, node, TREE_FLAG_STACK_END);
}

bool profile_add_stack(struct profile *profile, const struct frame_ref *frames, size_t n,
                       const struct sample_value *values, size_t shared_prefix,
                       struct error_record *err)
{
    if (!profile_check_depth(profile, n, err))
        return false;
    profile_reserve_path(profile, n);
    if (shared_prefix > profile->path_len)
        shared_prefix = profile->path_len;
    if (shared_prefix > n)
        shared_prefix = n;

    struct tree *tree = profile->tree;
    uint32_t node = shared_prefix ? profile->path[shared_prefix - 1] : TREE_ROOT;
    bool created = false;
    for (size_t i = shared_prefix; i < n; i++) {
        uint32_t name = strtab_intern(profile->names, frames[i].name, frames[i].len);
        uint32_t before = tree_count(tree);
        uint32_t child = name == STRTAB_NONE ? TREE_NONE : tree_add_child(tree, node, name, created);
        if (child == TREE_NONE) {
            profile->path_len = 0;
            error_set(err, "", ERROR_NO_POSITION,
                      "the profile exceeds the limit of %u tree nodes (raise it with --max-nodes)",
                      tree_count(tree));
            return false;
        }
        created = tree_count(tree) != before;
        node = child;
        profile->path[i] = node;
    }
    profile->path_len = n;
    profile_add_values(profile, node, values);
    profile->stacks++;
    return true;
}

uint32_t profile_intern(struct profile *profile, const char *name, size_t len)
{
    return strtab_intern(profile->names, name, len);
}

uint32_t profile_child(struct profile *profile, uint32_t node, uint32_t name, uint32_t flags,
                       bool *created, struct error_record *err)
{
    uint32_t before = tree_count(profile->tree);
    uint32_t child = tree_add_child(profile->tree, node, name, *created);
    if (child == TREE_NONE) {
        error_set(err, "", ERROR_NO_POSITION,
                  "the profile exceeds the limit of %u tree nodes (raise it with --max-nodes)",
                  tree_count(profile->tree));
        return TREE_NONE;
    }
    *created = tree_count(profile->tree) != before;
    if (flags)
        tree_set_flags(profile->tree, child, flags);
    return child;
}

void profile_add_merged(struct profile *profile, uint32_t node, const struct sample_value *values,
                        uint64_t nstacks)
{
    profile->path_len = 0; /* the stack sink's shared-prefix cache is stale now */
    profile_add_values(profile, node, values);
    profile->stacks += nstacks;
}

void profile_info_add_comment(struct profile *profile, const char *comment, size_t len)
{
    struct profile_info *info = &profile->info;
    /* A hostile file can repeat a reference to one huge string: the header
     * keeps a bounded amount of it. */
    if (info->ncomments >= PROFILE_MAX_COMMENTS)
        return;
    if (len > PROFILE_MAX_COMMENT_BYTES)
        len = PROFILE_MAX_COMMENT_BYTES;
    info->comments = xreallocarray(info->comments, info->ncomments + 1, sizeof *info->comments);
    char *copy = xmalloc(len + 1);
    memcpy(copy, comment, len);
    copy[len] = '\0';
    info->comments[info->ncomments++] = copy;
}

void profile_finish(struct profile *profile)
{
    if (!profile->tree) {
        const char *name = "samples";
        profile_set_types(profile, 1, &name, NULL, NULL);
    }
    tree_finish(profile->tree, profile->names);
    free(profile->path);
    profile->path = NULL;
    profile->path_len = profile->path_cap = 0;
}

int profile_find_type(const struct profile *profile, const char *name)
{
    for (size_t t = 0; t < profile->ntypes; t++)
        if (strcmp(profile->types[t].name, name) == 0)
            return (int)t;
    return -1;
}

const char *profile_node_name(const struct profile *profile, uint32_t node, size_t *len)
{
    uint32_t name = tree_name(profile->tree, node);
    if (name == STRTAB_NONE) {
        if (len)
            *len = 3;
        return "all";
    }
    return strtab_get(profile->names, name, len);
}

const char *profile_format_name(enum profile_format format)
{
    static const char *const names[] = {
#define PROFILE_FORMAT_NAME(id, name) name,
        PROFILE_FORMAT_LIST(PROFILE_FORMAT_NAME)
#undef PROFILE_FORMAT_NAME
    };
    if ((size_t)format >= sizeof names / sizeof names[0])
        return "unknown";
    return names[format];
}

const char *profile_type_name(const struct profile *profile, size_t t)
{
    const char *name = profile->types[t].name;
    return name ? name : "";
}

const char *profile_type_unit(const struct profile *profile, size_t t)
{
    const char *unit = profile->types[t].unit;
    return unit && unit[0] ? unit : "count";
}
