/* pprof_internal.h - state shared by the pprof loader's files.
 *
 * load_pprof.c drives the load (samples, header, detection), pprof_index.c
 * is pass 1 (indexing and CheckValid-style validation), pprof_names.c turns
 * locations into frames and applies drop_frames/keep_frames.
 */
#ifndef FLAMEX_PPROF_INTERNAL_H
#define FLAMEX_PPROF_INTERNAL_H

#include "flamex/load.h"
#include "flamex/pbwire.h"
#include "flamex/profile.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PPROF_NONE UINT32_MAX

/* profile.proto field numbers */
enum {
    PF_SAMPLE_TYPE = 1,
    PF_SAMPLE = 2,
    PF_MAPPING = 3,
    PF_LOCATION = 4,
    PF_FUNCTION = 5,
    PF_STRING = 6,
    PF_DROP_FRAMES = 7,
    PF_KEEP_FRAMES = 8,
    PF_TIME_NANOS = 9,
    PF_DURATION_NANOS = 10,
    PF_PERIOD_TYPE = 11,
    PF_PERIOD = 12,
    PF_COMMENT = 13,
    PF_DEFAULT_SAMPLE_TYPE = 14,
    PF_DOC_URL = 15,
};

struct pprof_string {
    const char *p;
    size_t len;
};

struct pprof_mapping {
    uint64_t id;
    int64_t filename;
    int64_t build_id;
    uint32_t frame_name; /* "[basename]" interned lazily, PPROF_NONE until then */
};

struct pprof_function {
    uint64_t id;
    int64_t name;
    int64_t system_name;
    uint32_t frame_name; /* interned lazily */
    int8_t prune;        /* drop_frames decision: -1 unknown, 0 keep, 1 prune */
};

struct pprof_location {
    uint64_t id;
    uint64_t offset;      /* of the Location message, for errors */
    uint32_t mapping;     /* index, or PPROF_NONE */
    uint32_t first_line;  /* into lines[] */
    uint32_t nlines;
    uint32_t first_frame; /* into frame_names[]/frame_flags[], root first */
    uint32_t nframes;
    /* Memo of the last two tree positions this location was added under:
     * memo_node[k] is where its frames end when they start below
     * memo_parent[k]. Most locations sit under few callers, so most samples
     * walk whole locations without a single child lookup. */
    uint32_t memo_parent[2];
    uint32_t memo_node[2];
    bool prune;           /* Prune: the whole location goes with its callees */
    bool prune_beneath;   /* Prune: its callees go */
};

/* Function-level paths already in the tree: a 96-bit hash of a stack's frames
 * (names and inline flags) -> the node the stack ends at. pprof samples are
 * unique per location, but most share their function-level path with other
 * samples; those skip the tree walk entirely. */
struct pprof_path {
    uint64_t h1;
    uint32_t h2;
    uint32_t node_plus_one; /* 0 = empty slot */
};

struct pprof_paths {
    struct pprof_path *slots;
    size_t mask, used;
};

/* Two independent hashes of a location's frames (names and flags), and how
 * many frames it has. */
struct pprof_location_key {
    uint64_t h0, h1;
    uint32_t nframes;
};

/* Mix a 64-bit value (murmur3's finaliser). */
static inline uint64_t pprof_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    x ^= x >> 33;
    return x;
}

/* id -> index map: a direct table when ids are dense, else open addressing. */
struct pprof_ids {
    uint32_t *direct; /* direct[id] = index + 1, 0 = absent */
    uint64_t direct_size;
    uint64_t *keys;   /* hashed: key 0 = empty (id 0 is reserved anyway) */
    uint32_t *vals;
    size_t mask;
};

struct pprof_loader {
    const uint8_t *data;
    size_t len;
    struct profile *profile;
    struct error_record *err;
    struct load_report *report;

    struct pprof_string *strings;
    size_t nstrings;
    struct pprof_mapping *mappings;
    size_t nmappings;
    struct pprof_function *functions;
    size_t nfunctions;
    struct pprof_location *locations;
    size_t nlocations;
    uint32_t *lines; /* function index of every Line, per location in order */
    size_t nlines, lines_cap;
    uint32_t *frame_names; /* per location, root first */
    uint8_t *frame_flags;
    size_t nframes;
    struct pprof_ids mapping_ids, function_ids, location_ids;

    int64_t type_names[TREE_MAX_TYPES], type_units[TREE_MAX_TYPES];
    uint64_t type_offsets[TREE_MAX_TYPES];
    size_t ntypes;
    size_t nsamples;
    int64_t drop_frames, keep_frames, default_sample_type;
    int64_t period_type, period_unit, period;
    int64_t time_nanos, duration_nanos;
    uint64_t drop_offset;

    pcre2_code *drop_re, *keep_re;
    pcre2_match_data *match;
    pcre2_match_context *match_context; /* match limits for the profile's own regexes */
    uint32_t unknown_name; /* "<unknown>" */

    struct pprof_paths paths;
    /* per location index, kept apart from struct pprof_location so the
     * sample pass reads a small, cache-resident array */
    struct pprof_location_key *keys;

    /* per-sample scratch */
    uint32_t *sample_locs;
    size_t sample_nlocs, sample_locs_cap;
    uint64_t sample_values_seen;
    uint64_t sample_h1, sample_h2; /* the function-level path hash, leaf first */
    size_t sample_depth;
    struct sample_value values[TREE_MAX_TYPES];
    uint64_t field_offset; /* offset of the field being decoded, for callbacks */
};
/* How many of each top-level message the profile holds (pass 1 sizes its arrays by these). */
struct pprof_counts {
    size_t strings, mappings, functions, locations, samples, types;
};

/* Fill err with "invalid pprof profile: ..." at offset; always returns false. */
bool pprof_fail(struct pprof_loader *l, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* pprof_fail with the wire reader's own message and offset. */
bool pprof_wire_fail(struct pprof_loader *l, const struct pb_reader *r);
/* Free an id map. */
void pprof_ids_free(struct pprof_ids *ids);
/* Index of id in the map, or PPROF_NONE. */
uint32_t pprof_ids_find(const struct pprof_ids *ids, uint64_t id);
/* String table entry index (already range-checked). */
const struct pprof_string *pprof_str(const struct pprof_loader *l, int64_t index);
/* A malloc'd NUL-terminated copy of string table entry index. */
char *pprof_strdup(const struct pprof_loader *l, int64_t index);
/* Pass 1a: count the top-level messages and check their wire types. */
bool pprof_count_fields(struct pprof_loader *l, struct pprof_counts *c);
/* Pass 1b: index strings, mappings, functions and locations; validate references. */
bool pprof_index(struct pprof_loader *l, const struct pprof_counts *c);
/* Intern a frame name into the profile's string table. */
uint32_t pprof_intern(struct pprof_loader *l, const char *s, size_t n);
/* Compile drop_frames/keep_frames and prune locations as pprof's Prune does. */
bool pprof_setup_filters(struct pprof_loader *l);
/* Every location's frames root first, into l->frame_names/frame_flags. */
bool pprof_build_frames(struct pprof_loader *l);

#endif
