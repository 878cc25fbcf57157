/* load_pprof.c - google/pprof profile.proto into the call tree.
 *
 * The protobuf is read in place with the hand-written wire reader (pbwire.c
 * says why not a generated unpacker). Pass 1 indexes the string table,
 * mappings, functions and locations, checks them as pprof's CheckValid does
 * (string 0 empty, indices in range, ids non-zero and unique, references
 * resolvable) and precomputes every location's frames root-first. Pass 2
 * decodes each sample, applies drop_frames/keep_frames as pprof's Prune does,
 * and hands the frames to the profile sink by name id. Every allocation is
 * bounded by the number of fields actually present, never by a length field.
 */
#include "flamex/load_pprof.h"

#include "flamex/pbwire.h"
#include "flamex/xalloc.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    uint32_t unknown_name; /* "<unknown>" */

    /* per-sample scratch */
    uint32_t *sample_locs;
    size_t sample_nlocs, sample_locs_cap;
    uint64_t sample_values_seen;
    struct sample_value values[TREE_MAX_TYPES];
    uint32_t *stack_names;
    uint8_t *stack_flags;
    size_t stack_cap;
    uint64_t field_offset; /* offset of the field being decoded, for callbacks */
};

static bool pprof_fail(struct pprof_loader *l, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool pprof_fail(struct pprof_loader *l, uint64_t offset, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    error_set_offset(l->err, l->profile->source, offset, "invalid pprof profile: %s", msg);
    return false;
}

static bool pprof_wire_fail(struct pprof_loader *l, const struct pb_reader *r)
{
    return pprof_fail(l, r->error_offset, "%s", r->error ? r->error : "malformed protobuf");
}

/* ---- id maps ---- */

static void pprof_ids_init(struct pprof_ids *ids, size_t count, uint64_t max_id)
{
    memset(ids, 0, sizeof *ids);
    if (max_id <= (uint64_t)count * 4 + 1024) {
        ids->direct_size = max_id + 1;
        ids->direct = xcalloc((size_t)ids->direct_size, sizeof *ids->direct);
        return;
    }
    size_t cap = 16;
    while (cap < count * 2)
        cap *= 2;
    ids->keys = xcalloc(cap, sizeof *ids->keys);
    ids->vals = xcalloc(cap, sizeof *ids->vals);
    ids->mask = cap - 1;
}

static void pprof_ids_free(struct pprof_ids *ids)
{
    free(ids->direct);
    free(ids->keys);
    free(ids->vals);
}

static uint64_t pprof_ids_hash(uint64_t id)
{
    id ^= id >> 33;
    id *= UINT64_C(0xff51afd7ed558ccd);
    id ^= id >> 33;
    return id;
}

/* Insert id -> index; false if the id is already present. */
static bool pprof_ids_insert(struct pprof_ids *ids, uint64_t id, uint32_t index)
{
    if (ids->direct) {
        if (ids->direct[id])
            return false;
        ids->direct[id] = index + 1;
        return true;
    }
    for (size_t i = pprof_ids_hash(id) & ids->mask;; i = (i + 1) & ids->mask) {
        if (ids->keys[i] == 0) {
            ids->keys[i] = id;
            ids->vals[i] = index;
            return true;
        }
        if (ids->keys[i] == id)
            return false;
    }
}

static uint32_t pprof_ids_find(const struct pprof_ids *ids, uint64_t id)
{
    if (id == 0)
        return PPROF_NONE;
    if (ids->direct)
        return id < ids->direct_size && ids->direct[id] ? ids->direct[id] - 1 : PPROF_NONE;
    if (!ids->keys)
        return PPROF_NONE;
    for (size_t i = pprof_ids_hash(id) & ids->mask;; i = (i + 1) & ids->mask) {
        if (ids->keys[i] == 0)
            return PPROF_NONE;
        if (ids->keys[i] == id)
            return ids->vals[i];
    }
}

/* ---- small decoders ---- */

static bool pprof_expect_wire(struct pprof_loader *l, const struct pb_field *f,
                              enum pb_wire_type wire, const char *what)
{
    if (f->wire == wire)
        return true;
    return pprof_fail(l, f->offset, "%s (field %u) has wire type %d, expected %d", what,
                      (unsigned)f->number, (int)f->wire, (int)wire);
}

static bool pprof_string_index(struct pprof_loader *l, const struct pb_field *f, int64_t *out)
{
    if (!pprof_expect_wire(l, f, PB_VARINT, "string index"))
        return false;
    int64_t v = (int64_t)f->value;
    if (v < 0 || (uint64_t)v >= l->nstrings)
        return pprof_fail(l, f->offset, "string index %lld out of range (the table has %zu strings)",
                          (long long)v, l->nstrings);
    *out = v;
    return true;
}

static const struct pprof_string *pprof_str(const struct pprof_loader *l, int64_t index)
{
    return &l->strings[index];
}

static char *pprof_strdup(const struct pprof_loader *l, int64_t index)
{
    const struct pprof_string *s = pprof_str(l, index);
    char *copy = xmalloc(s->len + 1);
    memcpy(copy, s->p, s->len);
    copy[s->len] = '\0';
    return copy;
}

/* ---- pass 1: counting and indexing ---- */

struct pprof_counts {
    size_t strings, mappings, functions, locations, samples, types;
};

static bool pprof_count_fields(struct pprof_loader *l, struct pprof_counts *c)
{
    struct pb_reader r;
    pb_reader_init(&r, l->data, l->len);
    struct pb_field f;
    bool time_seen = false;
    memset(c, 0, sizeof *c);
    while (pb_next_field(&r, &f)) {
        switch (f.number) {
        case PF_SAMPLE_TYPE:
            if (!pprof_expect_wire(l, &f, PB_LEN, "sample_type"))
                return false;
            if (c->types == TREE_MAX_TYPES)
                return pprof_fail(l, f.offset, "more than %d sample types", TREE_MAX_TYPES);
            l->type_offsets[c->types++] = f.offset;
            break;
        case PF_SAMPLE:
            if (!pprof_expect_wire(l, &f, PB_LEN, "sample"))
                return false;
            c->samples++;
            break;
        case PF_MAPPING:
            if (!pprof_expect_wire(l, &f, PB_LEN, "mapping"))
                return false;
            c->mappings++;
            break;
        case PF_LOCATION:
            if (!pprof_expect_wire(l, &f, PB_LEN, "location"))
                return false;
            c->locations++;
            break;
        case PF_FUNCTION:
            if (!pprof_expect_wire(l, &f, PB_LEN, "function"))
                return false;
            c->functions++;
            break;
        case PF_STRING:
            if (!pprof_expect_wire(l, &f, PB_LEN, "string_table"))
                return false;
            c->strings++;
            break;
        case PF_TIME_NANOS:
            if (!pprof_expect_wire(l, &f, PB_VARINT, "time_nanos"))
                return false;
            /* pprof's decoder: a second non-zero time_nanos means two
             * profiles were concatenated into one file. */
            if (time_seen && l->time_nanos != 0)
                return pprof_fail(l, f.offset,
                                  "a second time_nanos field: concatenated profiles are not supported");
            time_seen = true;
            l->time_nanos = (int64_t)f.value;
            break;
        case PF_DROP_FRAMES:
        case PF_KEEP_FRAMES:
        case PF_DURATION_NANOS:
        case PF_PERIOD:
        case PF_DEFAULT_SAMPLE_TYPE:
        case PF_DOC_URL:
            if (!pprof_expect_wire(l, &f, PB_VARINT, "profile field"))
                return false;
            break;
        case PF_PERIOD_TYPE:
            if (!pprof_expect_wire(l, &f, PB_LEN, "period_type"))
                return false;
            break;
        case PF_COMMENT:
            if (f.wire != PB_VARINT && f.wire != PB_LEN)
                return pprof_expect_wire(l, &f, PB_VARINT, "comment");
            break;
        default:
            break; /* unknown fields are skipped, whatever their wire type */
        }
    }
    if (r.error)
        return pprof_wire_fail(l, &r);
    return true;
}

/* Decode a ValueType {type=1, unit=2}. */
static bool pprof_value_type(struct pprof_loader *l, const struct pb_reader *parent,
                             const struct pb_field *outer, int64_t *type, int64_t *unit)
{
    struct pb_reader r;
    pb_reader_sub(&r, parent, outer->data, outer->len);
    struct pb_field f;
    *type = *unit = 0;
    while (pb_next_field(&r, &f)) {
        if (f.number == 1 && !pprof_string_index(l, &f, type))
            return false;
        if (f.number == 2 && !pprof_string_index(l, &f, unit))
            return false;
    }
    return r.error ? pprof_wire_fail(l, &r) : true;
}

static bool pprof_read_mapping(struct pprof_loader *l, const struct pb_reader *parent,
                               const struct pb_field *outer)
{
    struct pprof_mapping *m = &l->mappings[l->nmappings];
    memset(m, 0, sizeof *m);
    m->frame_name = PPROF_NONE;
    struct pb_reader r;
    pb_reader_sub(&r, parent, outer->data, outer->len);
    struct pb_field f;
    while (pb_next_field(&r, &f)) {
        if (f.number == 1) {
            if (!pprof_expect_wire(l, &f, PB_VARINT, "mapping id"))
                return false;
            m->id = f.value;
        } else if (f.number == 5) {
            if (!pprof_string_index(l, &f, &m->filename))
                return false;
        } else if (f.number == 6) {
            if (!pprof_string_index(l, &f, &m->build_id))
                return false;
        }
    }
    if (r.error)
        return pprof_wire_fail(l, &r);
    if (m->id == 0)
        return pprof_fail(l, outer->offset, "mapping with the reserved id 0");
    if (!pprof_ids_insert(&l->mapping_ids, m->id, (uint32_t)l->nmappings))
        return pprof_fail(l, outer->offset, "two mappings with id %llu", (unsigned long long)m->id);
    l->nmappings++;
    return true;
}

static bool pprof_read_function(struct pprof_loader *l, const struct pb_reader *parent,
                                const struct pb_field *outer)
{
    struct pprof_function *fn = &l->functions[l->nfunctions];
    memset(fn, 0, sizeof *fn);
    fn->frame_name = PPROF_NONE;
    fn->prune = -1;
    struct pb_reader r;
    pb_reader_sub(&r, parent, outer->data, outer->len);
    struct pb_field f;
    int64_t ignored;
    while (pb_next_field(&r, &f)) {
        if (f.number == 1) {
            if (!pprof_expect_wire(l, &f, PB_VARINT, "function id"))
                return false;
            fn->id = f.value;
        } else if (f.number == 2) {
            if (!pprof_string_index(l, &f, &fn->name))
                return false;
        } else if (f.number == 3) {
            if (!pprof_string_index(l, &f, &fn->system_name))
                return false;
        } else if (f.number == 4) {
            if (!pprof_string_index(l, &f, &ignored))
                return false;
        }
    }
    if (r.error)
        return pprof_wire_fail(l, &r);
    if (fn->id == 0)
        return pprof_fail(l, outer->offset, "function with the reserved id 0");
    if (!pprof_ids_insert(&l->function_ids, fn->id, (uint32_t)l->nfunctions))
        return pprof_fail(l, outer->offset, "two functions with id %llu", (unsigned long long)fn->id);
    l->nfunctions++;
    return true;
}

/* Locations keep the function *ids* of their lines until every function is
 * indexed (functions may come after locations in the file). */
static bool pprof_read_location(struct pprof_loader *l, const struct pb_reader *parent,
                                const struct pb_field *outer, uint64_t **line_ids,
                                size_t *line_ids_cap, uint64_t **mapping_ids)
{
    struct pprof_location *loc = &l->locations[l->nlocations];
    memset(loc, 0, sizeof *loc);
    loc->offset = outer->offset;
    loc->first_line = (uint32_t)l->nlines;
    uint64_t mapping_id = 0;
    struct pb_reader r;
    pb_reader_sub(&r, parent, outer->data, outer->len);
    struct pb_field f;
    while (pb_next_field(&r, &f)) {
        if (f.number == 1) {
            if (!pprof_expect_wire(l, &f, PB_VARINT, "location id"))
                return false;
            loc->id = f.value;
        } else if (f.number == 2) {
            if (!pprof_expect_wire(l, &f, PB_VARINT, "location mapping_id"))
                return false;
            mapping_id = f.value;
        } else if (f.number == 4) {
            if (!pprof_expect_wire(l, &f, PB_LEN, "location line"))
                return false;
            uint64_t function_id = 0;
            struct pb_reader lr;
            pb_reader_sub(&lr, &r, f.data, f.len);
            struct pb_field lf;
            while (pb_next_field(&lr, &lf)) {
                if (lf.number == 1) {
                    if (!pprof_expect_wire(l, &lf, PB_VARINT, "line function_id"))
                        return false;
                    function_id = lf.value;
                }
            }
            if (lr.error)
                return pprof_wire_fail(l, &lr);
            if (l->nlines == *line_ids_cap) {
                *line_ids_cap = *line_ids_cap ? *line_ids_cap * 2 : 1024;
                *line_ids = xreallocarray(*line_ids, *line_ids_cap, sizeof **line_ids);
            }
            (*line_ids)[l->nlines++] = function_id;
            if (l->nlines >= UINT32_MAX)
                return pprof_fail(l, f.offset, "too many lines");
        }
    }
    if (r.error)
        return pprof_wire_fail(l, &r);
    loc->nlines = (uint32_t)(l->nlines - loc->first_line);
    if (loc->id == 0)
        return pprof_fail(l, outer->offset, "location with the reserved id 0");
    if (!pprof_ids_insert(&l->location_ids, loc->id, (uint32_t)l->nlocations))
        return pprof_fail(l, outer->offset, "two locations with id %llu", (unsigned long long)loc->id);
    (*mapping_ids)[l->nlocations] = mapping_id;
    l->nlocations++;
    return true;
}

/* Max id of each kind, for choosing the id maps. */
struct pprof_max_ids {
    uint64_t mapping, function, location;
};

static uint64_t pprof_message_id(const struct pb_field *outer)
{
    struct pb_reader r;
    pb_reader_init(&r, outer->data, outer->len);
    struct pb_field f;
    uint64_t id = 0;
    while (pb_next_field(&r, &f))
        if (f.number == 1 && f.wire == PB_VARINT)
            id = f.value;
    return id;
}

static bool pprof_index(struct pprof_loader *l, const struct pprof_counts *c)
{
    l->strings = xcalloc(c->strings ? c->strings : 1, sizeof *l->strings);
    l->mappings = xcalloc(c->mappings ? c->mappings : 1, sizeof *l->mappings);
    l->functions = xcalloc(c->functions ? c->functions : 1, sizeof *l->functions);
    l->locations = xcalloc(c->locations ? c->locations : 1, sizeof *l->locations);
    uint64_t *location_mapping_ids = xcalloc(c->locations ? c->locations : 1, sizeof(uint64_t));
    uint64_t *line_ids = NULL;
    size_t line_ids_cap = 0;

    /* First the strings (everything else refers to them) and the largest ids. */
    struct pprof_max_ids max = { 0, 0, 0 };
    struct pb_reader r;
    struct pb_field f;
    pb_reader_init(&r, l->data, l->len);
    while (pb_next_field(&r, &f)) {
        if (f.number == PF_STRING) {
            l->strings[l->nstrings].p = (const char *)f.data;
            l->strings[l->nstrings].len = f.len;
            l->nstrings++;
        } else if (f.number == PF_MAPPING || f.number == PF_FUNCTION || f.number == PF_LOCATION) {
            uint64_t id = pprof_message_id(&f);
            uint64_t *m = f.number == PF_MAPPING ? &max.mapping
                          : f.number == PF_FUNCTION ? &max.function : &max.location;
            if (id > *m)
                *m = id;
        }
    }
    bool ok = true;
    if (l->nstrings == 0)
        ok = pprof_fail(l, 0, "the string table is empty (entry 0 must be the empty string)");
    else if (l->strings[0].len != 0)
        ok = pprof_fail(l, (uint64_t)((const uint8_t *)l->strings[0].p - l->data),
                        "string table entry 0 is not empty");

    pprof_ids_init(&l->mapping_ids, c->mappings, max.mapping);
    pprof_ids_init(&l->function_ids, c->functions, max.function);
    pprof_ids_init(&l->location_ids, c->locations, max.location);

    size_t ntypes = 0;
    pb_reader_init(&r, l->data, l->len);
    while (ok && pb_next_field(&r, &f)) {
        switch (f.number) {
        case PF_SAMPLE_TYPE:
            ok = pprof_value_type(l, &r, &f, &l->type_names[ntypes], &l->type_units[ntypes]);
            ntypes++;
            break;
        case PF_MAPPING:
            ok = pprof_read_mapping(l, &r, &f);
            break;
        case PF_FUNCTION:
            ok = pprof_read_function(l, &r, &f);
            break;
        case PF_LOCATION:
            ok = pprof_read_location(l, &r, &f, &line_ids, &line_ids_cap, &location_mapping_ids);
            break;
        case PF_DROP_FRAMES:
            ok = pprof_string_index(l, &f, &l->drop_frames);
            l->drop_offset = f.offset;
            break;
        case PF_KEEP_FRAMES:
            ok = pprof_string_index(l, &f, &l->keep_frames);
            break;
        case PF_DURATION_NANOS:
            l->duration_nanos = (int64_t)f.value;
            break;
        case PF_PERIOD:
            l->period = (int64_t)f.value;
            break;
        case PF_PERIOD_TYPE:
            ok = pprof_value_type(l, &r, &f, &l->period_type, &l->period_unit);
            break;
        case PF_DEFAULT_SAMPLE_TYPE:
            ok = pprof_string_index(l, &f, &l->default_sample_type);
            break;
        case PF_COMMENT:
            if (f.wire == PB_VARINT) {
                int64_t s;
                ok = pprof_string_index(l, &f, &s);
                if (ok)
                    profile_info_add_comment(l->profile, pprof_str(l, s)->p, pprof_str(l, s)->len);
            } else {
                struct pb_reader cr;
                pb_reader_sub(&cr, &r, f.data, f.len);
                while (ok && cr.p < cr.end) {
                    uint64_t off = (uint64_t)(cr.p - cr.base);
                    uint64_t v;
                    if (!pb_read_varint(&cr, &v)) {
                        ok = pprof_wire_fail(l, &cr);
                    } else if (v >= l->nstrings) {
                        ok = pprof_fail(l, off, "comment string index %llu out of range",
                                        (unsigned long long)v);
                    } else {
                        profile_info_add_comment(l->profile, pprof_str(l, (int64_t)v)->p,
                                                 pprof_str(l, (int64_t)v)->len);
                    }
                }
            }
            break;
        default:
            break;
        }
    }
    if (ok && r.error)
        ok = pprof_wire_fail(l, &r);
    l->ntypes = ntypes;

    /* Resolve the references now that every id is known. */
    if (ok) {
        l->lines = xcalloc(l->nlines ? l->nlines : 1, sizeof *l->lines);
        for (size_t i = 0; ok && i < l->nlocations; i++) {
            struct pprof_location *loc = &l->locations[i];
            uint64_t mid = location_mapping_ids[i];
            loc->mapping = PPROF_NONE;
            if (mid) {
                loc->mapping = pprof_ids_find(&l->mapping_ids, mid);
                if (loc->mapping == PPROF_NONE)
                    ok = pprof_fail(l, loc->offset, "location %llu refers to mapping %llu, which does not exist",
                                    (unsigned long long)loc->id, (unsigned long long)mid);
            }
            for (uint32_t k = 0; ok && k < loc->nlines; k++) {
                uint64_t fid = line_ids[loc->first_line + k];
                uint32_t fn = pprof_ids_find(&l->function_ids, fid);
                if (fn == PPROF_NONE)
                    ok = pprof_fail(l, loc->offset,
                                    "location %llu has a line with function id %llu, which does not exist",
                                    (unsigned long long)loc->id, (unsigned long long)fid);
                else
                    l->lines[loc->first_line + k] = fn;
            }
        }
    }
    free(line_ids);
    free(location_mapping_ids);
    return ok;
}

/* ---- names and pruning ---- */

/* pprof's simplifyFunc: drop a leading '.', then cut at the first '(' that
 * does not start "(anonymous namespace)" or belong to "operator()". */
static size_t pprof_simplified_length(const char *s, size_t n, size_t *start)
{
    size_t i = 0;
    if (n && s[0] == '.')
        i = 1;
    *start = i;
    static const char anon[] = "(anonymous namespace)";
    static const char op[] = "operator()";
    while (i < n) {
        if (n - i >= sizeof anon - 1 && memcmp(s + i, anon, sizeof anon - 1) == 0) {
            i += sizeof anon - 1;
            continue;
        }
        if (n - i >= sizeof op - 1 && memcmp(s + i, op, sizeof op - 1) == 0) {
            i += sizeof op - 1;
            continue;
        }
        if (s[i] == '(')
            return i - *start;
        i++;
    }
    return n - *start;
}

static bool pprof_regex_matches(struct pprof_loader *l, pcre2_code *re, const char *s, size_t n)
{
    int rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, l->match, NULL);
    return rc >= 0;
}

/* Should frames named by function fn be pruned (drop_frames and not keep_frames)? */
static bool pprof_function_pruned(struct pprof_loader *l, uint32_t fn_index)
{
    struct pprof_function *fn = &l->functions[fn_index];
    if (fn->prune < 0) {
        fn->prune = 0;
        const struct pprof_string *name = pprof_str(l, fn->name);
        if (name->len) {
            size_t start;
            size_t len = pprof_simplified_length(name->p, name->len, &start);
            if (pprof_regex_matches(l, l->drop_re, name->p + start, len) &&
                !(l->keep_re && pprof_regex_matches(l, l->keep_re, name->p + start, len)))
                fn->prune = 1;
        }
    }
    return fn->prune == 1;
}

static pcre2_code *pprof_compile(const struct pprof_string *pattern, char *why, size_t cap)
{
    /* Go's "^(" + pattern + ")$" is an anchored whole-string match. */
    size_t n = pattern->len + 8;
    char *full = xmalloc(n);
    int len = snprintf(full, n, "(?:%.*s)", (int)pattern->len, pattern->p);
    int code;
    PCRE2_SIZE at;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)full, (size_t)len,
                                   PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF |
                                       PCRE2_MATCH_INVALID_UTF,
                                   &code, &at, NULL);
    free(full);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(why, cap, "%.100s", (const char *)msg);
    }
    return re;
}

/* pprof's Prune, location part: find the outermost line whose function is
 * dropped; the whole location goes if that is the last (outermost) line,
 * otherwise the lines up to it (it and its inlined callees) go. */
static void pprof_prune_locations(struct pprof_loader *l)
{
    for (size_t i = 0; i < l->nlocations; i++) {
        struct pprof_location *loc = &l->locations[i];
        int64_t k;
        for (k = (int64_t)loc->nlines - 1; k >= 0; k--) {
            uint32_t fn = l->lines[loc->first_line + (uint32_t)k];
            if (pprof_str(l, l->functions[fn].name)->len && pprof_function_pruned(l, fn))
                break;
        }
        if (k < 0)
            continue;
        loc->prune_beneath = true;
        if (k == (int64_t)loc->nlines - 1) {
            loc->prune = true;
        } else {
            loc->first_line += (uint32_t)k + 1;
            loc->nlines -= (uint32_t)k + 1;
        }
    }
}

static uint32_t pprof_intern(struct pprof_loader *l, const char *s, size_t n)
{
    uint32_t id = strtab_intern(l->profile->names, s, n);
    return id;
}

static uint32_t pprof_mapping_name(struct pprof_loader *l, uint32_t mapping)
{
    if (mapping == PPROF_NONE)
        return l->unknown_name;
    struct pprof_mapping *m = &l->mappings[mapping];
    if (m->frame_name == PPROF_NONE) {
        const struct pprof_string *file = pprof_str(l, m->filename);
        size_t end = file->len;
        while (end > 1 && file->p[end - 1] == '/')
            end--;
        if (end == 0) {
            m->frame_name = l->unknown_name;
        } else {
            size_t start = end;
            while (start > 0 && file->p[start - 1] != '/')
                start--;
            if (start == end) /* the file is "/" */
                start = end - 1;
            size_t n = end - start + 2;
            char *buf = xmalloc(n);
            buf[0] = '[';
            memcpy(buf + 1, file->p + start, end - start);
            buf[n - 1] = ']';
            m->frame_name = pprof_intern(l, buf, n);
            free(buf);
        }
    }
    return m->frame_name;
}

static uint32_t pprof_function_name(struct pprof_loader *l, uint32_t fn_index, uint32_t mapping)
{
    struct pprof_function *fn = &l->functions[fn_index];
    if (fn->frame_name == PPROF_NONE) {
        const struct pprof_string *name = pprof_str(l, fn->name);
        if (!name->len)
            name = pprof_str(l, fn->system_name);
        fn->frame_name = name->len ? pprof_intern(l, name->p, name->len) : PPROF_NONE;
    }
    return fn->frame_name != PPROF_NONE ? fn->frame_name : pprof_mapping_name(l, mapping);
}

/* Every location's frames, root first: the last line (the real caller) first,
 * line[0] (the innermost inlined function) last. */
static bool pprof_build_frames(struct pprof_loader *l)
{
    size_t total = 0;
    for (size_t i = 0; i < l->nlocations; i++)
        total += l->locations[i].nlines ? l->locations[i].nlines : 1;
    if (total >= UINT32_MAX)
        return pprof_fail(l, 0, "too many frames");
    l->frame_names = xmalloc((total ? total : 1) * sizeof *l->frame_names);
    l->frame_flags = xmalloc(total ? total : 1);
    size_t at = 0;
    for (size_t i = 0; i < l->nlocations; i++) {
        struct pprof_location *loc = &l->locations[i];
        loc->first_frame = (uint32_t)at;
        if (loc->nlines == 0) {
            l->frame_names[at] = pprof_mapping_name(l, loc->mapping);
            l->frame_flags[at++] = TREE_FLAG_CALLED;
        } else {
            for (uint32_t k = loc->nlines; k-- > 0;) {
                l->frame_names[at] = pprof_function_name(l, l->lines[loc->first_line + k], loc->mapping);
                l->frame_flags[at++] = k == loc->nlines - 1 ? TREE_FLAG_CALLED : TREE_FLAG_INLINED;
            }
        }
        loc->nframes = (uint32_t)at - loc->first_frame;
    }
    l->nframes = at;
    return true;
}

/* ---- pass 2: samples ---- */

static bool pprof_sample_location(void *ctx, uint64_t id)
{
    struct pprof_loader *l = ctx;
    uint32_t index = pprof_ids_find(&l->location_ids, id);
    if (index == PPROF_NONE) {
        pprof_fail(l, l->field_offset, "sample refers to location %llu, which does not exist",
                   (unsigned long long)id);
        return false;
    }
    if (l->sample_nlocs == l->sample_locs_cap) {
        l->sample_locs_cap = l->sample_locs_cap ? l->sample_locs_cap * 2 : 64;
        l->sample_locs = xreallocarray(l->sample_locs, l->sample_locs_cap, sizeof *l->sample_locs);
    }
    l->sample_locs[l->sample_nlocs++] = index;
    return true;
}

static bool pprof_sample_value(void *ctx, uint64_t v)
{
    struct pprof_loader *l = ctx;
    if (l->sample_values_seen < l->ntypes) {
        struct sample_value *sv = &l->values[l->sample_values_seen];
        sv->i = (int64_t)v;
        sv->d = (double)sv->i;
        sv->exact = true;
    }
    l->sample_values_seen++;
    return true;
}

static bool pprof_read_sample(struct pprof_loader *l, const struct pb_reader *parent,
                              const struct pb_field *outer)
{
    l->sample_nlocs = 0;
    l->sample_values_seen = 0;
    struct pb_reader r;
    pb_reader_sub(&r, parent, outer->data, outer->len);
    struct pb_field f;
    while (pb_next_field(&r, &f)) {
        l->field_offset = f.offset;
        if (f.number == 1) {
            if (!pb_each_varint(&r, &f, pprof_sample_location, l))
                return l->err->message[0] ? false : pprof_wire_fail(l, &r);
        } else if (f.number == 2) {
            if (!pb_each_varint(&r, &f, pprof_sample_value, l))
                return pprof_wire_fail(l, &r);
        }
    }
    if (r.error)
        return pprof_wire_fail(l, &r);
    if (l->sample_values_seen != l->ntypes)
        return pprof_fail(l, outer->offset, "sample has %llu values, expected %zu (one per sample type)",
                          (unsigned long long)l->sample_values_seen, l->ntypes);

    /* pprof merges every profile it reads, and its merge leaves out samples
     * whose values are all zero; so does flamex (they add nothing anyway). */
    bool zero = true;
    for (size_t t = 0; t < l->ntypes && zero; t++)
        zero = l->values[t].i == 0;
    if (zero && l->ntypes)
        return true;

    /* pprof's Prune, sample part: scanning from the root, after the first
     * frame that is kept, cut at the first pruned location. */
    size_t lo = 0, n = l->sample_nlocs;
    if (l->drop_re) {
        bool found_user = false;
        for (size_t i = n; i-- > 0;) {
            const struct pprof_location *loc = &l->locations[l->sample_locs[i]];
            if (!loc->prune && !loc->prune_beneath) {
                found_user = true;
                continue;
            }
            if (!found_user)
                continue;
            lo = loc->prune ? i + 1 : i;
            break;
        }
    }

    size_t depth = 0;
    for (size_t i = lo; i < n; i++)
        depth += l->locations[l->sample_locs[i]].nframes;
    if (depth > l->stack_cap) {
        l->stack_cap = depth * 2;
        l->stack_names = xreallocarray(l->stack_names, l->stack_cap, sizeof *l->stack_names);
        l->stack_flags = xreallocarray(l->stack_flags, l->stack_cap, 1);
    }
    size_t at = 0;
    for (size_t i = n; i-- > lo;) {
        const struct pprof_location *loc = &l->locations[l->sample_locs[i]];
        memcpy(l->stack_names + at, l->frame_names + loc->first_frame,
               loc->nframes * sizeof *l->stack_names);
        memcpy(l->stack_flags + at, l->frame_flags + loc->first_frame, loc->nframes);
        at += loc->nframes;
    }
    if (!profile_add_stack_ids(l->profile, l->stack_names, l->stack_flags, at, l->values, l->err)) {
        char msg[sizeof l->err->message];
        snprintf(msg, sizeof msg, "%s", l->err->message);
        error_set_offset(l->err, l->profile->source, outer->offset, "%s", msg);
        return false;
    }
    return true;
}

static bool pprof_read_samples(struct pprof_loader *l)
{
    struct pb_reader r;
    struct pb_field f;
    pb_reader_init(&r, l->data, l->len);
    while (pb_next_field(&r, &f))
        if (f.number == PF_SAMPLE && !pprof_read_sample(l, &r, &f))
            return false;
    return r.error ? pprof_wire_fail(l, &r) : true;
}

/* ---- header information ---- */

static bool pprof_is_library(const char *s, size_t n)
{
    /* pprof's libRx: ([.]so$|[.]so[._][0-9]+) */
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(s + i, ".so", 3) != 0)
            continue;
        if (i + 3 == n)
            return true;
        if ((s[i + 3] == '.' || s[i + 3] == '_') && i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9')
            return true;
    }
    return false;
}

/* The main binary as pprof guesses it: the first mapping with a file that is
 * not a shared library and not a pseudo-file like [vdso]; else mapping 0. */
static void pprof_set_binary(struct pprof_loader *l)
{
    if (l->nmappings == 0)
        return;
    size_t main_index = 0;
    for (size_t i = 0; i < l->nmappings; i++) {
        const struct pprof_string *file = pprof_str(l, l->mappings[i].filename);
        if (file->len == 0 || file->p[0] == '[' || pprof_is_library(file->p, file->len))
            continue;
        main_index = i;
        break;
    }
    const struct pprof_mapping *m = &l->mappings[main_index];
    const struct pprof_string *file = pprof_str(l, m->filename);
    if (file->len) {
        size_t end = file->len;
        while (end > 1 && file->p[end - 1] == '/')
            end--;
        size_t start = end;
        while (start > 0 && file->p[start - 1] != '/')
            start--;
        char *base = xmalloc(end - start + 1);
        memcpy(base, file->p + start, end - start);
        base[end - start] = '\0';
        l->profile->info.binary = base;
    }
    if (pprof_str(l, m->build_id)->len)
        l->profile->info.build_id = pprof_strdup(l, m->build_id);
}

static bool pprof_set_types(struct pprof_loader *l)
{
    struct profile *profile = l->profile;
    const char *names[TREE_MAX_TYPES], *units[TREE_MAX_TYPES];
    char *owned[2 * TREE_MAX_TYPES];
    size_t n = l->ntypes;
    if (n == 0) {
        if (l->nsamples)
            return pprof_fail(l, 0, "the profile has samples but no sample types");
        names[0] = "samples";
        units[0] = "count";
        n = 1;
        return profile_set_types(profile, n, names, units, l->err);
    }
    for (size_t t = 0; t < n; t++) {
        owned[2 * t] = pprof_strdup(l, l->type_names[t]);
        owned[2 * t + 1] = pprof_strdup(l, l->type_units[t]);
        names[t] = owned[2 * t];
        units[t] = owned[2 * t + 1];
    }
    bool ok = profile_set_types(profile, n, names, units, l->err);
    for (size_t t = 0; t < 2 * n; t++)
        free(owned[t]);
    if (!ok)
        return false;
    profile->default_type = n - 1;
    if (l->default_sample_type) {
        const struct pprof_string *want = pprof_str(l, l->default_sample_type);
        for (size_t t = 0; t < n; t++) {
            const struct pprof_string *have = pprof_str(l, l->type_names[t]);
            if (have->len == want->len && memcmp(have->p, want->p, want->len) == 0) {
                profile->default_type = t;
                break;
            }
        }
    }
    struct profile_info *info = &profile->info;
    if (l->period_type)
        info->period_type = pprof_strdup(l, l->period_type);
    if (l->period_unit)
        info->period_unit = pprof_strdup(l, l->period_unit);
    info->period = l->period;
    info->time_nanos = l->time_nanos;
    info->duration_nanos = l->duration_nanos;
    if (l->drop_frames)
        info->drop_frames = pprof_strdup(l, l->drop_frames);
    if (l->keep_frames)
        info->keep_frames = pprof_strdup(l, l->keep_frames);
    pprof_set_binary(l);
    return true;
}

static bool pprof_setup_filters(struct pprof_loader *l)
{
    if (!l->drop_frames || pprof_str(l, l->drop_frames)->len == 0)
        return true;
    char why[120];
    l->drop_re = pprof_compile(pprof_str(l, l->drop_frames), why, sizeof why);
    if (l->drop_re && l->keep_frames && pprof_str(l, l->keep_frames)->len) {
        l->keep_re = pprof_compile(pprof_str(l, l->keep_frames), why, sizeof why);
        if (!l->keep_re) {
            pcre2_code_free(l->drop_re);
            l->drop_re = NULL;
        }
    }
    if (!l->drop_re) {
        /* pprof ignores filters it cannot compile; so does flamex, but says so. */
        if (l->report)
            snprintf(l->report->warning, sizeof l->report->warning,
                     "ignored the profile's drop_frames/keep_frames: %s", why);
        return true;
    }
    l->match = pcre2_match_data_create(1, NULL);
    pprof_prune_locations(l);
    return true;
}

static void pprof_loader_free(struct pprof_loader *l)
{
    free(l->strings);
    free(l->mappings);
    free(l->functions);
    free(l->locations);
    free(l->lines);
    free(l->frame_names);
    free(l->frame_flags);
    pprof_ids_free(&l->mapping_ids);
    pprof_ids_free(&l->function_ids);
    pprof_ids_free(&l->location_ids);
    pcre2_code_free(l->drop_re);
    pcre2_code_free(l->keep_re);
    pcre2_match_data_free(l->match);
    free(l->sample_locs);
    free(l->stack_names);
    free(l->stack_flags);
}

bool load_pprof_buffer(const uint8_t *data, size_t len, struct profile *profile,
                       struct load_report *report, struct error_record *err)
{
    struct error_record local_err;
    if (!err)
        err = &local_err;
    error_clear(err);
    struct pprof_loader l;
    memset(&l, 0, sizeof l);
    l.data = data;
    l.len = len;
    l.profile = profile;
    l.err = err;
    l.report = report;
    profile->format = PROFILE_FORMAT_PPROF;
    if (len == 0)
        return pprof_fail(&l, 0, "the input is empty");

    struct pprof_counts counts;
    bool ok = pprof_count_fields(&l, &counts) && pprof_index(&l, &counts);
    l.nsamples = counts.samples;
    if (ok)
        ok = pprof_set_types(&l) && pprof_setup_filters(&l);
    if (ok) {
        l.unknown_name = pprof_intern(&l, "<unknown>", 9);
        ok = pprof_build_frames(&l) && pprof_read_samples(&l);
    }
    if (report)
        report->lines = counts.samples;
    pprof_loader_free(&l);
    return ok;
}

bool load_pprof(struct input *in, struct profile *profile, const struct load_options *opts,
                struct load_report *report, struct error_record *err)
{
    (void)opts;
    char *data;
    size_t len;
    if (!input_read_all(in, &data, &len, err))
        return false;
    bool ok = load_pprof_buffer((const uint8_t *)data, len, profile, report, err);
    free(data);
    return ok;
}

/* ---- detection ---- */

static bool pprof_sniff_wire(uint32_t number, enum pb_wire_type wire)
{
    switch (number) {
    case PF_SAMPLE_TYPE:
    case PF_SAMPLE:
    case PF_MAPPING:
    case PF_LOCATION:
    case PF_FUNCTION:
    case PF_STRING:
    case PF_PERIOD_TYPE:
        return wire == PB_LEN;
    case PF_COMMENT:
        return wire == PB_LEN || wire == PB_VARINT;
    case PF_DROP_FRAMES:
    case PF_KEEP_FRAMES:
    case PF_TIME_NANOS:
    case PF_DURATION_NANOS:
    case PF_PERIOD:
    case PF_DEFAULT_SAMPLE_TYPE:
    case PF_DOC_URL:
        return wire == PB_VARINT;
    default:
        return false;
    }
}

bool load_pprof_sniff(const uint8_t *data, size_t len, bool truncated, char *why, size_t cap)
{
    struct pb_reader r;
    pb_reader_init(&r, data, len);
    size_t fields = 0;
    while (r.p < r.end) {
        uint64_t offset = (uint64_t)(r.p - r.base);
        const uint8_t *before = r.p;
        uint64_t tag;
        if (!pb_read_varint(&r, &tag)) {
            if (truncated && fields)
                return true;
            snprintf(why, cap, "byte %llu: %s", (unsigned long long)offset, r.error);
            return false;
        }
        uint32_t number = tag >> 3 <= UINT32_MAX ? (uint32_t)(tag >> 3) : 0;
        if (!pprof_sniff_wire(number, (enum pb_wire_type)(tag & 7))) {
            snprintf(why, cap, "byte %llu: not a profile.proto field (0x%02x)",
                     (unsigned long long)offset, before[0]);
            return false;
        }
        r.p = before;
        struct pb_field f;
        if (!pb_next_field(&r, &f)) {
            /* A valid tag whose payload runs past the prefix we were shown,
             * or past the end of a truncated file after a good field: a
             * profile (the loader will say what is wrong with it). */
            if (truncated || fields >= 1)
                return true;
            snprintf(why, cap, "byte %llu: %s", (unsigned long long)r.error_offset,
                     r.error ? r.error : "malformed");
            return false;
        }
        fields++;
    }
    if (!fields) {
        snprintf(why, cap, "empty");
        return false;
    }
    return true;
}
