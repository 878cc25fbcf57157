/* pprof_internal.h - state shared by the pprof loader's files.
 *
 * load_pprof.c drives the load (samples, header, detection), pprof_index.c
 * is pass 1 (indexing and CheckValid-style validation), pprof_names.c turns
 * locations into frames and applies drop_frames/keep_frames.
 */
#ifndef FLAMEX_PPROF_INTERNAL_H
#define FLAMEX_PPROF_INTERNAL_H

#include "flamex/load/loader.h"
#include "flamex/load/pbwire.h"
#include "flamex/model/profile.h"

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
    bool prune;           /* Prune: the whole location goes with its callees */
    bool prune_beneath;   /* Prune: its callees go */
};

/* A location's share of a stack's path hash (see pprof_samples.c): its
 * frames' polynomial hash (root first) modulo 2^61-1 and modulo 2^32, and
 * how many frames it has (the hash of the frames above it is shifted past
 * them by pprof_loader.pow1/pow2[nframes]). 16 bytes, so that the table of
 * a large profile's locations mostly stays in the L2 cache. */
struct pprof_location_hash {
    uint64_t l1;
    uint32_t l2;
    uint32_t nframes;
};

/* A location's frames in frame_names/frame_flags (a compact copy of
 * pprof_location.first_frame/nframes for the tree walk). */
struct pprof_frame_run {
    uint32_t first, n;
};

/* Open addressing from a stack's path hash to a value (an index + 1; 0 is
 * an empty slot). */
struct pprof_hash_slot {
    uint64_t h1;
    uint32_t h2;
    uint32_t value_plus_one;
};

struct pprof_table {
    struct pprof_hash_slot *slots;
    size_t mask, used;
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

/* Path hashes. A stack's frames f_1 (root) .. f_n (leaf) hash to
 * sum x(f_i) * P^(i-1), once modulo the prime 2^61-1 and once modulo 2^64,
 * with x() a mixed (name, flags) symbol and different bases. A polynomial
 * hash can be computed a location at a time (leaf first: h = h * P^k + the
 * location's own hash), and the hash of every root-first prefix is a running
 * sum, so the sample pass and the tree walk agree on one definition. The
 * prime modulus keeps it free of the collisions that any polynomial hash
 * modulo 2^64 has; the second hash (modulo 2^32) adds 32 more bits. */
#define PPROF_M61 ((UINT64_C(1) << 61) - 1)
#define PPROF_BASE1 UINT64_C(0x0f3b5a1c92d4e6a7) /* < 2^61-1 */
#define PPROF_BASE2 UINT32_C(0x7f4a7c15) /* odd */

/* x mod 2^61-1, partly: the result is below 2^61 + 8 for any x. */
static inline uint64_t pprof_m61_fold(uint64_t x)
{
    return (x & PPROF_M61) + (x >> 61);
}

/* a * b modulo 2^61-1, partly reduced; a and b below 2^62. */
static inline uint64_t pprof_m61_mul(uint64_t a, uint64_t b)
{
    unsigned __int128 p = (unsigned __int128)a * b;
    return pprof_m61_fold(((uint64_t)p & PPROF_M61) + (uint64_t)(p >> 61));
}

/* The canonical residue of a partly reduced value. */
static inline uint64_t pprof_m61_canon(uint64_t x)
{
    x = pprof_m61_fold(x);
    return x >= PPROF_M61 ? x - PPROF_M61 : x;
}

#define PPROF_POW_TABLE 255

/* b^k modulo 2^61-1 by squaring (canonical). */
static inline uint64_t pprof_m61_pow(uint64_t b, uint64_t k)
{
    uint64_t r = 1;
    for (; k; k >>= 1) {
        if (k & 1)
            r = pprof_m61_mul(r, b);
        b = pprof_m61_mul(b, b);
    }
    return pprof_m61_canon(r);
}

/* b^k modulo 2^32 by squaring. */
static inline uint32_t pprof_u32_pow(uint32_t b, uint64_t k)
{
    uint32_t r = 1;
    for (; k; k >>= 1) {
        if (k & 1)
            r *= b;
        b *= b;
    }
    return r;
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
    struct loader_run *run;
    struct profile *profile;     /* run->profile */
    struct error_record *err;    /* run->err */

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

    /* per location index, kept apart from struct pprof_location so the
     * sample pass reads a small, cache-resident array */
    struct pprof_location_hash *hashes;
    struct pprof_frame_run *runs; /* per location index: its frames */
    uint64_t *pow1; /* PPROF_BASE1^k mod 2^61-1, k up to PPROF_POW_TABLE */
    uint32_t *pow2; /* PPROF_BASE2^k mod 2^32 */
    uint64_t *frame_sym1; /* per frame: its symbol for hash 1 */
    uint32_t *frame_sym2; /* ... and for hash 2 */

    /* per-sample scratch of the exact (error-reporting) decoder */
    uint32_t *sample_locs;
    size_t sample_nlocs, sample_locs_cap;
    uint64_t sample_values_seen;
    struct sample_value values[TREE_MAX_TYPES];
    uint64_t field_offset; /* offset of the field being decoded, for callbacks */
};
/* How many of each top-level message the profile holds (pass 1 sizes its arrays by these). */
struct pprof_counts {
    size_t strings, mappings, functions, locations, samples, types;
};

/* Skip the well-formed sample fields (field 2, length-delimited, a one-byte
 * tag) at the reader's position: there are millions of them, and the passes
 * that do not read samples only need to get past them. Returns how many it
 * skipped; anything else is left for pb_next_field, with its checks. */
static inline size_t pprof_skip_samples(struct pb_reader *r)
{
    size_t n = 0;
    const uint8_t *p = r->p, *end = r->end;
    while (end - p >= 2 && p[0] == (PF_SAMPLE << 3 | PB_LEN)) {
        uint64_t len = 0;
        const uint8_t *q = p + 1;
        unsigned shift = 0;
        while (q < end && shift < 35) {
            len |= (uint64_t)(*q & 0x7f) << shift;
            shift += 7;
            if (!(*q++ & 0x80))
                break;
        }
        if (q[-1] & 0x80 || len > (uint64_t)(end - q))
            break; /* unusual or malformed: pb_next_field says so */
        p = q + len;
        n++;
    }
    r->p = p;
    return n;
}

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
/* Every location's frames root first, into l->frame_names/frame_flags, and
 * each location's share of a path hash into l->hashes. */
bool pprof_build_frames(struct pprof_loader *l);
/* Pass 2: every sample into the profile's tree. */
bool pprof_read_samples(struct pprof_loader *l);
/* Pass 2 for one sample, slowly and exactly: decode and validate it into
 * l->sample_locs and l->values; false with the error set if it is invalid. */
bool pprof_decode_sample_exact(struct pprof_loader *l, const struct pb_reader *parent,
                               const struct pb_field *outer);

#endif
