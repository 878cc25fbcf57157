/* pprof_index.c - pass 1 of the pprof loader: index and validate.
 *
 * Counts every top-level message first, so each array is sized by what the
 * file really holds (never by a length field), then indexes the string
 * table, mappings, functions and locations and checks them as pprof's
 * CheckValid does: string 0 empty, indices in range, ids non-zero and
 * unique, every reference resolvable. Errors carry the byte offset.
 */
#include "pprof_internal.h"

#include "flamex/base/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool pprof_fail(struct pprof_loader *l, uint64_t offset, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return loader_fail(l->run, error_mark_offset(offset), "invalid pprof profile: %s", msg);
}

bool pprof_wire_fail(struct pprof_loader *l, const struct pb_reader *r)
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

void pprof_ids_free(struct pprof_ids *ids)
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

uint32_t pprof_ids_find(const struct pprof_ids *ids, uint64_t id)
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

const struct pprof_string *pprof_str(const struct pprof_loader *l, int64_t index)
{
    return &l->strings[index];
}

char *pprof_strdup(const struct pprof_loader *l, int64_t index)
{
    const struct pprof_string *s = pprof_str(l, index);
    char *copy = xmalloc(s->len + 1);
    memcpy(copy, s->p, s->len);
    copy[s->len] = '\0';
    return copy;
}

/* ---- pass 1: counting and indexing ---- */


bool pprof_count_fields(struct pprof_loader *l, struct pprof_counts *c)
{
    struct pb_reader r;
    pb_reader_init(&r, l->data, l->len);
    struct pb_field f;
    bool time_seen = false;
    memset(c, 0, sizeof *c);
    while ((c->samples += pprof_skip_samples(&r), pb_next_field(&r, &f))) {
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
            if (l->nlines >= *line_ids_cap) {
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

bool pprof_index(struct pprof_loader *l, const struct pprof_counts *c)
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
    while ((pprof_skip_samples(&r), pb_next_field(&r, &f))) {
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
    while (ok && (pprof_skip_samples(&r), pb_next_field(&r, &f))) {
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
                int64_t s = 0;
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
            /* Pass 1 stored one id per line it counted: a location with
             * lines has them (said for the static analyzer). */
            if (ok && loc->nlines && !line_ids)
                ok = pprof_fail(l, loc->offset, "location %llu has lines that were not indexed",
                                (unsigned long long)loc->id);
            for (uint32_t k = 0; ok && line_ids && k < loc->nlines; k++) {
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
