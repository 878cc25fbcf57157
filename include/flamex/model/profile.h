/* profile.h - a loaded profile: names, call tree and metadata.
 *
 * A profile owns its string table, its tree and every string in its metadata.
 * Loaders build it through the sink, the functions below from
 * profile_set_types to profile_add_merged, and never write the tree or the
 * string table themselves: profile_add_stack (what every line-based format
 * uses) interns names, merges repeated stacks and enforces the depth and node
 * limits; profile_finish then freezes it for the analyses and the UI.
 */
#ifndef FLAMEX_PROFILE_H
#define FLAMEX_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/base/error.h"
#include "flamex/model/strtab.h"
#include "flamex/model/tree.h"

/* Every input format: its identifier and its short name (what --format takes
 * and the information panel shows). A new format is a line here, a row of the
 * loader table (src/load/load.c) and its loader's file. */
#define PROFILE_FORMAT_LIST(X) \
    X(FOLDED, "folded")        \
    X(PPROF, "pprof")          \
    X(PERF, "perf")

enum profile_format {
#define PROFILE_FORMAT_ENUM(id, name) PROFILE_FORMAT_##id,
    PROFILE_FORMAT_LIST(PROFILE_FORMAT_ENUM)
#undef PROFILE_FORMAT_ENUM
};

struct sample_type {
    char *name; /* e.g. "samples", "cpu", "alloc_space", "before" */
    char *unit; /* e.g. "count", "nanoseconds", "bytes" */
};

/* One frame of a stack as a loader hands it over: raw bytes, not NUL-terminated. */
struct frame_ref {
    const char *name;
    size_t len;
};

/* Header information a format may carry (pprof does); all strings owned by the
 * profile, NULL when absent, numbers 0 when absent. */
struct profile_info {
    char *period_type;      /* e.g. "cpu" */
    char *period_unit;      /* e.g. "nanoseconds" */
    int64_t period;         /* e.g. 10000000: one sample per 10 ms */
    int64_t time_nanos;     /* collection start, Unix epoch nanoseconds */
    int64_t duration_nanos; /* collection length */
    char **comments;        /* free-form comments, ncomments of them */
    size_t ncomments;
    char *drop_frames;      /* the profile's own frame filters (pprof regexes) */
    char *keep_frames;
    char *binary;           /* main binary's base name (first mapping with a file) */
    char *build_id;         /* its build id */
    char *note;             /* how the loader read an ambiguous input, NULL if nothing */
};

struct profile_limits {
    uint32_t max_depth; /* frames per stack; 0 = unlimited */
    uint32_t max_nodes; /* tree nodes; 0 = the tree's maximum */
};

struct profile {
    struct strtab *names;
    struct tree *tree;              /* NULL until the sample types are set */
    size_t ntypes;
    struct sample_type types[TREE_MAX_TYPES];
    size_t default_type;            /* index into types */
    enum profile_format format;
    char *source;                   /* path as given, "-" for stdin */
    bool differential;              /* folded file with two counts per line */
    bool gzip;                      /* the input was gzip-compressed */
    uint64_t stacks;                /* stacks added (before merging) */
    uint64_t input_bytes;           /* decompressed bytes read */
    struct profile_limits limits;
    struct profile_info info;

    /* sink state: the previous stack's path, reused for shared prefixes */
    uint32_t *path;
    size_t path_len, path_cap;
};

/* Create an empty profile for the given source name; aborts on out-of-memory. */
struct profile *profile_new(const char *source, enum profile_format format);

/* Free the profile and everything it owns. NULL is allowed. */
void profile_free(struct profile *profile);

/* Declare the sample types (before the first stack). names/units are copied.
 * Returns false (with err filled) if n is 0 or too large. */
bool profile_set_types(struct profile *profile, size_t n, const char *const *names,
                       const char *const *units, struct error_record *err);

/* Drop every stack, name and sample type, for a loader that must read its
 * input again another way; the source, format, limits and header
 * information stay. Never fails. */
void profile_restart(struct profile *profile);

/* Take other's names, tree, sample types and stack count, for a loader that
 * built two readings of one input and keeps the other one, and free other
 * (created with profile_new, the same limits). Never fails. */
void profile_adopt(struct profile *profile, struct profile *other);

/* Add a sample type after stacks were added (existing stacks have 0 of it);
 * name and unit are copied. Returns its index, or -1 with err filled when the
 * profile already has TREE_MAX_TYPES types. Requires profile_set_types first. */
int profile_add_type(struct profile *profile, const char *name, const char *unit,
                     struct error_record *err);

/* The sink: add one stack, root first, with one value per sample type.
 * shared_prefix is the number of leading frames the caller knows to be
 * byte-identical to the previous call's (0 when unknown): their nodes are reused
 * without hashing. Returns false with a message in err (no path or line; the
 * loader adds those) when the stack exceeds the depth limit or the tree is full. */
bool profile_add_stack(struct profile *profile, const struct frame_ref *frames, size_t n,
                       const struct sample_value *values, size_t shared_prefix,
                       struct error_record *err);

/* Intern a frame name for profile_child (the bytes are copied). Returns
 * STRTAB_NONE when the string table is full. */
uint32_t profile_intern(struct profile *profile, const char *name, size_t len);

/* For loaders that walk the tree themselves (pprof, which memoises whole
 * locations): the child of node named name (from profile_intern), created if
 * absent, with flags (TREE_FLAG_INLINED/CALLED) set on it. *created is read
 * and written: on entry true when node itself was just created (so it has no
 * children and the lookup is skipped), on return whether the child was.
 * Returns TREE_NONE with err filled when the node limit is reached. */
uint32_t profile_child(struct profile *profile, uint32_t node, uint32_t name, uint32_t flags,
                       bool *created, struct error_record *err);

/* Check a stack of depth frames against the depth limit; false with err
 * filled when it is too deep. */
bool profile_check_depth(const struct profile *profile, size_t depth, struct error_record *err);

/* End nstacks stacks that a loader merged itself at node (from profile_child,
 * at a checked depth): values holds their sums, one per sample type (a
 * loader may also hand over part of a sum early, with nstacks 0). Never fails. */
void profile_add_merged(struct profile *profile, uint32_t node, const struct sample_value *values,
                        uint64_t nstacks);

#define PROFILE_MAX_COMMENTS 64
#define PROFILE_MAX_COMMENT_BYTES 1024

/* Add a comment to the header information (copied; at most
 * PROFILE_MAX_COMMENTS of them, each cut to PROFILE_MAX_COMMENT_BYTES). */
void profile_info_add_comment(struct profile *profile, const char *comment, size_t len);

/* Freeze the profile: compute totals and order siblings. Call once after loading. */
void profile_finish(struct profile *profile);

/* Index of the sample type called name, or -1. */
int profile_find_type(const struct profile *profile, const char *name);

/* Display name of a node's frame ("all" for the root); raw bytes, length in *len. */
const char *profile_node_name(const struct profile *profile, uint32_t node, size_t *len);

/* Name of sample type t ("" when it has none); the profile's bytes. */
const char *profile_type_name(const struct profile *profile, size_t t);

/* Unit of sample type t ("count" when the profile gives none). */
const char *profile_type_unit(const struct profile *profile, size_t t);

/* Short name of a format ("folded", "pprof", "perf"; "unknown" for a value
 * out of range). */
const char *profile_format_name(enum profile_format format);

#endif
