/* pprof_samples.c - pass 2 of the pprof loader: samples into the call tree.
 *
 * The load's hot loop: a large profile has millions of samples and tens of
 * millions of location references. Each sample is reduced to a hash of its
 * stack's frames (names and inline flags, root to leaf; see the path hashes
 * in pprof_internal.h), computed a location at a time from per-location
 * parts. Samples whose stack was seen before (most of them: pprof samples are
 * unique per location and label, not per function path) only add their
 * values to that stack's sums, kept in a small dense array. A new stack finds
 * the longest prefix of it already in the tree by a binary search over the
 * hashes of its root-first prefixes (every prefix of a stored prefix is
 * stored), and creates or looks up only the frames below it. The sums go into
 * the tree once, at the end. Stacks are told apart by their 93-bit hashes
 * alone; for the 200,000 stacks and 1.6 M prefixes of a 100 MB profile the
 * chance that two of them share one is below 10^-15.
 *
 * The work is split between two threads, in blocks of samples. Decoding and
 * hashing a sample does not depend on any other sample: either thread does
 * it. Deciding which samples start a new stack (and the prefix hashes of
 * those) is done by one thread, the worker, in file order. This thread finds
 * the samples in the file, helps decode when it would otherwise wait, and
 * does everything that touches the tree, in file order: the tree, its node
 * ids and every error are what a serial load gives. The fast decoder only
 * says whether a sample is valid; an invalid one is decoded again by the
 * exact decoder (pprof_decode_sample_exact), which produces the error
 * message and offset. Without a worker (small profiles, or no thread) this
 * thread does it all, the same way.
 */
#include "pprof_internal.h"

#include "flamex/base/xalloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the exact decoder (errors) ---- */

static bool pprof_exact_location(void *ctx, uint64_t id)
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

static bool pprof_exact_value(void *ctx, uint64_t v)
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

bool pprof_decode_sample_exact(struct pprof_loader *l, const struct pb_reader *parent,
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
            if (!pb_each_varint(&r, &f, pprof_exact_location, l))
                return l->err->message[0] ? false : pprof_wire_fail(l, &r);
        } else if (f.number == 2) {
            if (!pb_each_varint(&r, &f, pprof_exact_value, l))
                return pprof_wire_fail(l, &r);
        }
    }
    if (r.error)
        return pprof_wire_fail(l, &r);
    if (l->sample_values_seen != l->ntypes)
        return pprof_fail(l, outer->offset, "sample has %llu values, expected %zu (one per sample type)",
                          (unsigned long long)l->sample_values_seen, l->ntypes);
    return true;
}

/* ---- the fast decoder ---- */

enum pprof_status {
    PPROF_SAMPLE_OK,   /* a stack seen before */
    PPROF_SAMPLE_NEW,  /* the first sample of its stack */
    PPROF_SAMPLE_ZERO, /* every value is zero: pprof's merge leaves it out, so does flamex */
    PPROF_SAMPLE_BAD,  /* invalid: the exact decoder says why */
};

/* What the decoders share, read-only while samples are decoded. */
struct pprof_fast {
    const struct pprof_ids *ids;
    const struct pprof_location_hash *hashes; /* by location index */
    const uint64_t *pow1;
    const uint32_t *pow2;
    const struct pprof_location *locations;
    const struct pprof_frame_run *runs;
    const uint64_t *frame_sym1;
    const uint32_t *frame_sym2;
    size_t ntypes;
    bool prune;
};

/* Location indices of decoded samples, appended one sample after another. */
struct pprof_locs {
    uint32_t *v;
    size_t n, cap;
};

/* The hashes of a new stack's root-first prefixes: entry d - 1 is the stack
 * down to frame d, and frames[d - 1] is that frame's index in frame_names. */
struct pprof_prefixes {
    uint64_t *h1;
    uint32_t *h2;
    uint32_t *frames;
    size_t n, cap;
};

/* Indices into frame_names, appended one new stack after another. */
struct pprof_frames {
    uint32_t *v;
    size_t n, cap;
};

/* A decoded sample: its stack hash and where its locations are (leaf first;
 * the first lo of them are pruned); once identified, its stack's number.
 * For a new stack: its depth; how many frames of it are a prefix already
 * stored (known), and that prefix's number (PPROF_NONE for none); and the
 * frames below it (frames_first in the block's frames), whose prefixes get
 * the numbers first_prefix, first_prefix + 1, ... */
struct pprof_record {
    uint64_t h1;
    uint32_t h2;
    uint32_t first, nlocs, lo;
    uint32_t stack;
    uint32_t depth, known, known_prefix, first_prefix, frames_first;
    enum pprof_status status;
};

/* A varint as pb_read_varint reads it (at most 10 bytes, the 10th only one bit). */
static inline bool pprof_varint(const uint8_t **pp, const uint8_t *end, uint64_t *out)
{
    const uint8_t *p = *pp;
    if (p < end && *p < 0x80) {
        *out = *p;
        *pp = p + 1;
        return true;
    }
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 70; shift += 7) {
        if (p == end)
            return false;
        uint8_t b = *p++;
        if (shift == 63 && b > 1)
            return false;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *pp = p;
            *out = v;
            return true;
        }
    }
    return false;
}

/* h = h * P^k + the location's hash, for both path hashes. */
static inline void pprof_hash_location(const struct pprof_fast *fx,
                                       const struct pprof_location_hash *hx, uint64_t *h1,
                                       uint32_t *h2)
{
    uint32_t k = hx->nframes;
    uint64_t p1 = k <= PPROF_POW_TABLE ? fx->pow1[k] : pprof_m61_pow(PPROF_BASE1, k);
    uint32_t p2 = k <= PPROF_POW_TABLE ? fx->pow2[k] : pprof_u32_pow(PPROF_BASE2, k);
    *h1 = pprof_m61_mul(*h1, p1) + hx->l1;
    *h2 = *h2 * p2 + hx->l2;
}

/* One location id of a sample, appended to out and folded into the hashes;
 * false if there is no such location. */
static inline bool pprof_sample_location(const struct pprof_fast *fx, uint64_t id,
                                         struct pprof_locs *out, uint64_t *h1, uint32_t *h2)
{
    const struct pprof_ids *ids = fx->ids;
    uint32_t index = ids->direct ? (id < ids->direct_size ? ids->direct[id] - 1 : PPROF_NONE)
                                 : pprof_ids_find(ids, id); /* direct[0] is 0: 0 - 1 = NONE */
    if (index == PPROF_NONE)
        return false;
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 4096;
        out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
    }
    out->v[out->n++] = index;
    pprof_hash_location(fx, &fx->hashes[index], h1, h2);
    return true;
}

/* Decode a sample message (the bytes [p, end)): its location indices go to
 * out, and values (ntypes of them), its stack hash and where its locations
 * are to rec. Accepts exactly what pprof_decode_sample_exact accepts. */
static void pprof_decode_fast(const struct pprof_fast *fx, const uint8_t *p, const uint8_t *end,
                              struct pprof_locs *out, int64_t *values, struct pprof_record *rec)
{
    uint64_t h1 = 0, nvalues = 0;
    uint32_t h2 = 0;
    size_t first = out->n;
    rec->h1 = 0;
    rec->h2 = 0;
    rec->first = rec->nlocs = rec->lo = 0;
    rec->status = PPROF_SAMPLE_BAD;
    while (p < end) {
        uint64_t tag;
        if (!pprof_varint(&p, end, &tag))
            goto bad;
        uint64_t number = tag >> 3;
        if (number == 0 || number > UINT32_MAX)
            goto bad;
        switch (tag & 7) {
        case PB_VARINT: {
            uint64_t v;
            if (!pprof_varint(&p, end, &v))
                goto bad;
            if (number == 1) {
                if (!pprof_sample_location(fx, v, out, &h1, &h2))
                    goto bad;
            } else if (number == 2) {
                if (nvalues < fx->ntypes)
                    values[nvalues] = (int64_t)v;
                nvalues++;
            }
            break;
        }
        case PB_FIXED64:
            if (end - p < 8 || number == 1 || number == 2)
                goto bad;
            p += 8;
            break;
        case PB_FIXED32:
            if (end - p < 4 || number == 1 || number == 2)
                goto bad;
            p += 4;
            break;
        case PB_LEN: {
            uint64_t len;
            if (!pprof_varint(&p, end, &len) || len > (uint64_t)(end - p))
                goto bad;
            const uint8_t *q = p, *qend = p + len;
            p = qend;
            if (number == 1) {
                /* packed location ids: the hot loop of the whole load */
                while (q < qend) {
                    uint64_t id;
                    if (*q < 0x80)
                        id = *q++;
                    else if (!pprof_varint(&q, qend, &id))
                        goto bad;
                    if (!pprof_sample_location(fx, id, out, &h1, &h2))
                        goto bad;
                }
            } else if (number == 2) {
                while (q < qend) {
                    uint64_t v;
                    if (!pprof_varint(&q, qend, &v))
                        goto bad;
                    if (nvalues < fx->ntypes)
                        values[nvalues] = (int64_t)v;
                    nvalues++;
                }
            }
            break;
        }
        default: /* groups and unknown wire types */
            goto bad;
        }
    }
    if (nvalues != fx->ntypes)
        goto bad;
    bool zero = true;
    for (size_t t = 0; t < fx->ntypes && zero; t++)
        zero = values[t] == 0;
    if (zero) {
        rec->status = PPROF_SAMPLE_ZERO;
        goto bad; /* nothing of it is kept */
    }
    if (out->n - first >= UINT32_MAX || first >= UINT32_MAX)
        goto bad;
    const uint32_t *locs = out->v + first;
    size_t n = out->n - first, lo = 0;

    /* pprof's Prune, sample part: scanning from the root, after the first
     * frame that is kept, cut at the first pruned location. */
    if (fx->prune) {
        bool found_user = false;
        for (size_t i = n; i-- > 0;) {
            const struct pprof_location *loc = &fx->locations[locs[i]];
            if (!loc->prune && !loc->prune_beneath) {
                found_user = true;
                continue;
            }
            if (!found_user)
                continue;
            lo = loc->prune ? i + 1 : i;
            break;
        }
        if (lo) { /* hash the part that stays, in the same (leaf first) order */
            h1 = 0;
            h2 = 0;
            for (size_t i = lo; i < n; i++)
                pprof_hash_location(fx, &fx->hashes[locs[i]], &h1, &h2);
        }
    }
    rec->h1 = pprof_m61_canon(h1);
    rec->h2 = h2;
    rec->first = (uint32_t)first;
    rec->nlocs = (uint32_t)n;
    rec->lo = (uint32_t)lo;
    rec->status = PPROF_SAMPLE_OK;
    return;
bad:
    out->n = first;
}

/* ---- hash tables ---- */

static void pprof_table_init(struct pprof_table *t, size_t cap)
{
    t->slots = xcalloc(cap, sizeof *t->slots);
    t->mask = cap - 1;
    t->used = 0;
}

/* The slot of (h1, h2): its entry, or the empty slot where it goes. */
static inline struct pprof_hash_slot *pprof_table_find(const struct pprof_table *t, uint64_t h1,
                                                       uint32_t h2)
{
    for (size_t i = (size_t)h1 & t->mask;; i = (i + 1) & t->mask) {
        struct pprof_hash_slot *s = &t->slots[i];
        if (!s->value_plus_one || (s->h1 == h1 && s->h2 == h2))
            return s;
    }
}

/* Insert (h1, h2) -> value, which must be absent. */
static void pprof_table_insert(struct pprof_table *t, uint64_t h1, uint32_t h2, uint32_t value)
{
    if ((t->used + 1) * 5 > (t->mask + 1) * 4) {
        struct pprof_table bigger;
        pprof_table_init(&bigger, (t->mask + 1) * 2);
        for (size_t i = 0; i <= t->mask; i++)
            if (t->slots[i].value_plus_one)
                *pprof_table_find(&bigger, t->slots[i].h1, t->slots[i].h2) = t->slots[i];
        bigger.used = t->used;
        free(t->slots);
        *t = bigger;
    }
    *pprof_table_find(t, h1, h2) = (struct pprof_hash_slot){ h1, h2, value + 1 };
    t->used++;
}

/* ---- the pipeline ---- */

#define PPROF_BLOCK 256       /* samples decoded as one unit of work */
#define PPROF_CHUNK_BLOCKS 16 /* blocks per chunk */
#define PPROF_CHUNK (PPROF_BLOCK * PPROF_CHUNK_BLOCKS)
#define PPROF_RING 4          /* chunks in flight */

struct pprof_span {
    const uint8_t *data;
    size_t len;
    uint64_t offset; /* of the sample field's tag */
};

struct pprof_chunk {
    struct pprof_span spans[PPROF_CHUNK];
    struct pprof_record records[PPROF_CHUNK];
    struct pprof_locs locs[PPROF_CHUNK_BLOCKS];     /* per block, reused */
    struct pprof_frames frames[PPROF_CHUNK_BLOCKS]; /* per block, reused */
    int64_t *values; /* PPROF_CHUNK * ntypes */
    size_t count, nblocks;
    atomic_int state[PPROF_CHUNK_BLOCKS]; /* PPROF_BLOCK_FREE, _TAKEN or _DECODED */
    atomic_size_t done; /* blocks decoded and identified */
};

enum { PPROF_BLOCK_FREE, PPROF_BLOCK_TAKEN, PPROF_BLOCK_DECODED };

/* Blocks are decoded by either thread, but identified in file order by one
 * (the worker, or this one when there is none): which stacks are new, and
 * their numbers, are decided there, exactly as a serial load would. */
struct pprof_pipe {
    const struct pprof_fast *fx;
    struct pprof_chunk *chunks; /* PPROF_RING of them; chunk k in chunks[k % PPROF_RING] */
    /* the identifying thread's */
    struct pprof_table stacks;   /* stack hash -> its number */
    size_t nstacks;
    struct pprof_table prefixes; /* hash of a stored root-first prefix -> its number */
    size_t nprefixes;
    struct pprof_prefixes scratch;
    size_t next_block;          /* the decoding thread's: chunk k holds blocks k * PPROF_CHUNK_BLOCKS + j */
    atomic_size_t published;    /* blocks below this may be decoded */
    atomic_bool stop;
    pthread_mutex_t mutex;
    pthread_cond_t work;        /* more blocks published or decoded, or stop */
    pthread_cond_t done;        /* a chunk's last block decoded */
};

/* The hashes of every root-first prefix of a new stack (its kept locations,
 * root first, are locs[n-1] down to locs[0]) into out. */
static void pprof_stack_prefixes(const struct pprof_fast *fx, const uint32_t *locs, size_t n,
                                 struct pprof_prefixes *out)
{
    uint64_t a1 = 0, pow1 = 1;
    uint32_t a2 = 0, pow2 = 1;
    out->n = 0;
    for (size_t i = n; i-- > 0;) {
        struct pprof_frame_run run = fx->runs[locs[i]];
        if (out->n + run.n > out->cap) {
            out->cap = (out->n + run.n) * 2;
            out->h1 = xreallocarray(out->h1, out->cap, sizeof *out->h1);
            out->h2 = xreallocarray(out->h2, out->cap, sizeof *out->h2);
            out->frames = xreallocarray(out->frames, out->cap, sizeof *out->frames);
        }
        for (uint32_t f = run.first; f < run.first + run.n; f++) {
            a1 = pprof_m61_fold(a1 + pprof_m61_mul(fx->frame_sym1[f], pow1));
            pow1 = pprof_m61_mul(pow1, PPROF_BASE1);
            a2 += fx->frame_sym2[f] * pow2;
            pow2 *= PPROF_BASE2;
            out->h1[out->n] = pprof_m61_canon(a1);
            out->h2[out->n] = a2;
            out->frames[out->n++] = f;
        }
    }
}

static struct pprof_chunk *pprof_block_chunk(struct pprof_pipe *pp, size_t block)
{
    return &pp->chunks[block / PPROF_CHUNK_BLOCKS % PPROF_RING];
}

/* Decode the samples of a block (any thread, once it has taken the block). */
static void pprof_decode_block(struct pprof_pipe *pp, size_t block)
{
    struct pprof_chunk *c = pprof_block_chunk(pp, block);
    size_t j = block % PPROF_CHUNK_BLOCKS;
    size_t first = j * PPROF_BLOCK;
    size_t last = first + PPROF_BLOCK < c->count ? first + PPROF_BLOCK : c->count;
    size_t ntypes = pp->fx->ntypes;
    struct pprof_locs *locs = &c->locs[j];
    locs->n = 0;
    for (size_t i = first; i < last; i++) {
        const struct pprof_span *sp = &c->spans[i];
        pprof_decode_fast(pp->fx, sp->data, sp->data + sp->len, locs, c->values + i * ntypes,
                          &c->records[i]);
    }
}

/* A new stack: the longest prefix of it already stored, and numbers for the
 * prefixes below it, which are stored now (the tree thread makes their
 * nodes, in the same order). False if there would be too many. */
static bool pprof_identify_new(struct pprof_pipe *pp, struct pprof_record *rec,
                               const uint32_t *locs, size_t n, struct pprof_frames *frames)
{
    struct pprof_prefixes *pre = &pp->scratch;
    pprof_stack_prefixes(pp->fx, locs, n, pre);
    size_t depth = pre->n;
    if (pp->nstacks >= UINT32_MAX - 1 || depth >= UINT32_MAX ||
        pp->nprefixes + depth >= UINT32_MAX || frames->n + depth >= UINT32_MAX)
        return false;
    struct pprof_table *prefixes = &pp->prefixes;
    for (size_t d = 0; d < depth; d++) /* the search and the inserts go there */
        __builtin_prefetch(&prefixes->slots[pre->h1[d] & prefixes->mask]);

    /* Prefixes are stored with all of theirs, so "stored" is true up to
     * some depth and false below it. */
    size_t good = 0, bad = depth + 1;
    uint32_t known_prefix = PPROF_NONE;
    while (bad - good > 1) {
        size_t mid = good + (bad - good) / 2;
        const struct pprof_hash_slot *slot = pprof_table_find(prefixes, pre->h1[mid - 1], pre->h2[mid - 1]);
        if (slot->value_plus_one) {
            good = mid;
            known_prefix = slot->value_plus_one - 1;
        } else {
            bad = mid;
        }
    }
    rec->depth = (uint32_t)depth;
    rec->known = (uint32_t)good;
    rec->known_prefix = known_prefix;
    rec->first_prefix = (uint32_t)pp->nprefixes;
    rec->frames_first = (uint32_t)frames->n;
    if (frames->n + depth - good > frames->cap) {
        frames->cap = (frames->n + depth - good) * 2;
        frames->v = xreallocarray(frames->v, frames->cap, sizeof *frames->v);
    }
    for (size_t d = good; d < depth; d++) {
        pprof_table_insert(prefixes, pre->h1[d], pre->h2[d], (uint32_t)pp->nprefixes++);
        frames->v[frames->n++] = pre->frames[d];
    }
    return true;
}

/* Say which samples of a decoded block start a stack (the identifying
 * thread, in block order). */
static void pprof_identify_block(struct pprof_pipe *pp, size_t block)
{
    struct pprof_chunk *c = pprof_block_chunk(pp, block);
    size_t j = block % PPROF_CHUNK_BLOCKS;
    size_t first = j * PPROF_BLOCK;
    size_t last = first + PPROF_BLOCK < c->count ? first + PPROF_BLOCK : c->count;
    size_t nblocks = c->nblocks;
    const struct pprof_locs *locs = &c->locs[j];
    struct pprof_frames *frames = &c->frames[j];
    frames->n = 0;
    struct pprof_table *stacks = &pp->stacks;
    for (size_t i = first; i < last; i++) {
        if (i + 8 < last)
            __builtin_prefetch(&stacks->slots[c->records[i + 8].h1 & stacks->mask]);
        struct pprof_record *rec = &c->records[i];
        if (rec->status != PPROF_SAMPLE_OK)
            continue;
        const struct pprof_hash_slot *slot = pprof_table_find(stacks, rec->h1, rec->h2);
        if (slot->value_plus_one) {
            rec->stack = slot->value_plus_one - 1;
            continue;
        }
        if (!pprof_identify_new(pp, rec, locs->v + rec->first + rec->lo, rec->nlocs - rec->lo,
                                frames)) {
            rec->status = PPROF_SAMPLE_BAD; /* "too many": the serial part says so */
            continue;
        }
        rec->status = PPROF_SAMPLE_NEW;
        rec->stack = (uint32_t)pp->nstacks++;
        pprof_table_insert(stacks, rec->h1, rec->h2, rec->stack);
    }
    /* After this the chunk may be reused: nothing of it is read below. */
    if (atomic_fetch_add(&c->done, 1) + 1 == nblocks) {
        pthread_mutex_lock(&pp->mutex);
        pthread_cond_broadcast(&pp->done);
        pthread_mutex_unlock(&pp->mutex);
    }
}

/* The identifying thread's step for its next block: decode it unless the
 * other thread took it (then wait for that), and identify it. */
static void pprof_next_block(struct pprof_pipe *pp)
{
    size_t block = pp->next_block++;
    atomic_int *state = &pprof_block_chunk(pp, block)->state[block % PPROF_CHUNK_BLOCKS];
    int expected = PPROF_BLOCK_FREE;
    if (atomic_compare_exchange_strong(state, &expected, PPROF_BLOCK_TAKEN)) {
        pprof_decode_block(pp, block);
    } else if (atomic_load(state) != PPROF_BLOCK_DECODED) {
        pthread_mutex_lock(&pp->mutex);
        while (atomic_load(state) != PPROF_BLOCK_DECODED)
            pthread_cond_wait(&pp->work, &pp->mutex);
        pthread_mutex_unlock(&pp->mutex);
    }
    pprof_identify_block(pp, block);
}

/* The other thread's help: decode the newest published block nobody has
 * taken (the farthest from where the identifying thread is). False if
 * there is none. */
static bool pprof_help_decode(struct pprof_pipe *pp, size_t oldest)
{
    size_t published = atomic_load(&pp->published);
    for (size_t block = published; block-- > oldest;) {
        struct pprof_chunk *c = pprof_block_chunk(pp, block);
        if (block % PPROF_CHUNK_BLOCKS >= c->nblocks)
            continue;
        atomic_int *state = &c->state[block % PPROF_CHUNK_BLOCKS];
        int expected = PPROF_BLOCK_FREE;
        if (atomic_load(state) != PPROF_BLOCK_FREE ||
            !atomic_compare_exchange_strong(state, &expected, PPROF_BLOCK_TAKEN))
            continue;
        pprof_decode_block(pp, block);
        atomic_store(state, PPROF_BLOCK_DECODED);
        pthread_mutex_lock(&pp->mutex);
        pthread_cond_broadcast(&pp->work);
        pthread_mutex_unlock(&pp->mutex);
        return true;
    }
    return false;
}

static void *pprof_worker(void *arg)
{
    struct pprof_pipe *pp = arg;
    for (;;) {
        pthread_mutex_lock(&pp->mutex);
        while (!atomic_load(&pp->stop) && pp->next_block >= atomic_load(&pp->published))
            pthread_cond_wait(&pp->work, &pp->mutex);
        pthread_mutex_unlock(&pp->mutex);
        if (atomic_load(&pp->stop))
            break;
        size_t avail = atomic_load(&pp->published);
        while (pp->next_block < avail && !atomic_load(&pp->stop))
            pprof_next_block(pp);
    }
    return NULL;
}

/* ---- the serial part ---- */

struct pprof_pass {
    struct pprof_loader *l;
    struct pprof_fast fx;
    struct pprof_pipe pipe;
    bool threaded;
    uint32_t *prefix_node;       /* per stored prefix (by number): its node */
    size_t nprefix_nodes, prefix_nodes_cap;
    uint32_t *end_node;          /* per stack: the node it ends at */
    int64_t *ends;               /* per stack: samples merged into it, then ntypes value sums */
    size_t nends, ends_cap;
};

/* Put the sample's offset on an error the profile sink reported. */
static bool pprof_sample_fail(struct pprof_loader *l, uint64_t offset)
{
    return loader_fail_at(l->run, error_mark_offset(offset));
}

/* The fast decoder rejected the sample: let the exact one say why. */
static bool pprof_sample_error(struct pprof_loader *l, const struct pprof_span *sp)
{
    struct pb_reader top;
    pb_reader_init(&top, l->data, l->len);
    struct pb_field f = { PF_SAMPLE, PB_LEN, sp->len, sp->data, sp->len, sp->offset };
    if (!pprof_decode_sample_exact(l, &top, &f))
        return false;
    return pprof_fail(l, sp->offset, "malformed sample");
}

/* Add the values to a stack's sums; a sum that would overflow goes into the
 * tree first, through the sink (where the sample type turns floating point,
 * as it would have). */
static void pprof_end_add(struct pprof_pass *ps, size_t e, const int64_t *values)
{
    size_t ntypes = ps->fx.ntypes;
    int64_t *end = ps->ends + e * (ntypes + 1);
    end[0]++;
    for (size_t t = 0; t < ntypes; t++) {
        int64_t sum;
        if (__builtin_add_overflow(end[1 + t], values[t], &sum)) {
            struct sample_value part[TREE_MAX_TYPES];
            for (size_t u = 0; u < ntypes; u++)
                part[u] = (struct sample_value){ 0, 0.0, true };
            part[t] = (struct sample_value){ end[1 + t], (double)end[1 + t], true };
            profile_add_merged(ps->l->profile, ps->end_node[e], part, 0);
            sum = values[t];
        }
        end[1 + t] = sum;
    }
}

/* Find or make the nodes of a stack not seen before: below the node of its
 * longest stored prefix, the frames frames[0 .. depth - known - 1]; *node_out
 * receives its end. */
static bool pprof_new_stack(struct pprof_pass *ps, const struct pprof_span *sp,
                            const struct pprof_record *rec, const uint32_t *frames,
                            uint32_t *node_out)
{
    struct pprof_loader *l = ps->l;
    uint32_t node = rec->known_prefix == PPROF_NONE ? TREE_ROOT : ps->prefix_node[rec->known_prefix];
    size_t below = rec->depth - rec->known;
    if (ps->nprefix_nodes + below > ps->prefix_nodes_cap) {
        ps->prefix_nodes_cap = (ps->nprefix_nodes + below) * 2;
        ps->prefix_node = xreallocarray(ps->prefix_node, ps->prefix_nodes_cap, sizeof *ps->prefix_node);
    }
    /* Below it the names may still be in the tree (reached with other inline
     * flags): look them up until the first node that has to be created. */
    bool created = false;
    for (size_t k = 0; k < below; k++) {
        uint32_t f = frames[k];
        node = profile_child(l->profile, node, l->frame_names[f], l->frame_flags[f], &created,
                             l->err);
        if (node == TREE_NONE)
            return pprof_sample_fail(l, sp->offset);
        ps->prefix_node[ps->nprefix_nodes++] = node; /* prefix number first_prefix + k */
    }
    if (!profile_check_depth(l->profile, rec->depth, l->err))
        return pprof_sample_fail(l, sp->offset);
    *node_out = node;
    return true;
}

/* One decoded sample, in file order. */
static bool pprof_take_sample(struct pprof_pass *ps, const struct pprof_span *sp,
                              const struct pprof_record *rec, const struct pprof_frames *frames,
                              const int64_t *values)
{
    if (rec->status == PPROF_SAMPLE_OK) {
        pprof_end_add(ps, rec->stack, values);
        return true;
    }
    if (rec->status == PPROF_SAMPLE_ZERO)
        return true;
    if (rec->status == PPROF_SAMPLE_BAD) {
        if (ps->nends >= UINT32_MAX - 1)
            return pprof_fail(ps->l, sp->offset, "too many distinct stacks");
        return pprof_sample_error(ps->l, sp);
    }
    uint32_t node = TREE_ROOT;
    if (!pprof_new_stack(ps, sp, rec, frames->v + rec->frames_first, &node))
        return false;
    size_t ntypes = ps->fx.ntypes;
    if (ps->nends == ps->ends_cap) {
        ps->ends_cap = ps->ends_cap ? ps->ends_cap * 2 : 1024;
        ps->end_node = xreallocarray(ps->end_node, ps->ends_cap, sizeof *ps->end_node);
        ps->ends = xreallocarray(ps->ends, ps->ends_cap * (ntypes + 1), sizeof *ps->ends);
    }
    size_t e = ps->nends++; /* == rec->stack: stacks are numbered in the same order */
    ps->end_node[e] = node;
    memset(ps->ends + e * (ntypes + 1), 0, (ntypes + 1) * sizeof *ps->ends);
    pprof_end_add(ps, e, values);
    return true;
}

/* Every decoded sample of chunk c, in order. */
static bool pprof_take_chunk(struct pprof_pass *ps, const struct pprof_chunk *c)
{
    size_t ntypes = ps->fx.ntypes;
    for (size_t i = 0; i < c->count; i++) {
        /* Fetch a stack's sums a little ahead (if it has them yet). */
        if (i + 8 < c->count && c->records[i + 8].status == PPROF_SAMPLE_OK &&
            c->records[i + 8].stack < ps->nends)
            __builtin_prefetch(ps->ends + (size_t)c->records[i + 8].stack * (ntypes + 1), 1);
        if (!pprof_take_sample(ps, &c->spans[i], &c->records[i], &c->frames[i / PPROF_BLOCK],
                               c->values + i * ntypes))
            return false;
    }
    return true;
}

/* Fill chunk k with the next samples of the file (r is the top-level reader). */
static void pprof_fill_chunk(struct pprof_pass *ps, struct pb_reader *r, size_t k)
{
    struct pprof_pipe *pp = &ps->pipe;
    struct pprof_chunk *c = &pp->chunks[k % PPROF_RING];
    c->count = 0;
    struct pb_field f;
    while (c->count < PPROF_CHUNK) {
        /* the usual sample field (tag 0x12, a short length), inline */
        const uint8_t *p = r->p;
        if (r->end - p >= 2 && p[0] == (PF_SAMPLE << 3 | PB_LEN) && p[1] < 0x80 &&
            p[1] <= r->end - p - 2) {
            c->spans[c->count++] = (struct pprof_span){ p + 2, p[1], (uint64_t)(p - r->base) };
            r->p = p + 2 + p[1];
            continue;
        }
        if (!pb_next_field(r, &f))
            break;
        if (f.number == PF_SAMPLE)
            c->spans[c->count++] = (struct pprof_span){ f.data, f.len, f.offset };
    }
    c->nblocks = (c->count + PPROF_BLOCK - 1) / PPROF_BLOCK;
    for (size_t j = 0; j < PPROF_CHUNK_BLOCKS; j++)
        atomic_store(&c->state[j], PPROF_BLOCK_FREE);
    atomic_store(&c->done, 0);
    pthread_mutex_lock(&pp->mutex);
    atomic_store(&pp->published, k * PPROF_CHUNK_BLOCKS + c->nblocks);
    pthread_cond_broadcast(&pp->work);
    pthread_mutex_unlock(&pp->mutex);
}

/* Decode chunk k (or wait for the worker to), and take its samples. */
static bool pprof_consume_chunk(struct pprof_pass *ps, size_t k)
{
    struct pprof_pipe *pp = &ps->pipe;
    struct pprof_chunk *c = &pp->chunks[k % PPROF_RING];
    if (!ps->threaded)
        while (pp->next_block < k * PPROF_CHUNK_BLOCKS + c->nblocks)
            pprof_next_block(pp);
    /* Help with decoding while the worker gets to chunk k. */
    while (atomic_load(&c->done) < c->nblocks && pprof_help_decode(pp, k * PPROF_CHUNK_BLOCKS))
        ;
    if (atomic_load(&c->done) < c->nblocks) {
        pthread_mutex_lock(&pp->mutex);
        while (atomic_load(&c->done) < c->nblocks)
            pthread_cond_wait(&pp->done, &pp->mutex);
        pthread_mutex_unlock(&pp->mutex);
    }
    return pprof_take_chunk(ps, c);
}

/* The stack sums into the tree, in the order the stacks were first seen. */
static void pprof_flush_ends(struct pprof_pass *ps)
{
    size_t ntypes = ps->fx.ntypes;
    struct sample_value values[TREE_MAX_TYPES];
    for (size_t e = 0; e < ps->nends; e++) {
        const int64_t *end = ps->ends + e * (ntypes + 1);
        for (size_t t = 0; t < ntypes; t++)
            values[t] = (struct sample_value){ end[1 + t], (double)end[1 + t], true };
        profile_add_merged(ps->l->profile, ps->end_node[e], values, (uint64_t)end[0]);
    }
}

static void pprof_pass_free(struct pprof_pass *ps)
{
    free(ps->pipe.stacks.slots);
    free(ps->pipe.prefixes.slots);
    free(ps->pipe.scratch.h1);
    free(ps->pipe.scratch.h2);
    free(ps->pipe.scratch.frames);
    free(ps->prefix_node);
    free(ps->end_node);
    free(ps->ends);
    if (ps->pipe.chunks) {
        for (size_t i = 0; i < PPROF_RING; i++) {
            struct pprof_chunk *c = &ps->pipe.chunks[i];
            free(c->values);
            for (size_t j = 0; j < PPROF_CHUNK_BLOCKS; j++) {
                free(c->locs[j].v);
                free(c->frames[j].v);
            }
        }
    }
    free(ps->pipe.chunks);
}

bool pprof_read_samples(struct pprof_loader *l)
{
    struct pprof_pass ps;
    memset(&ps, 0, sizeof ps);
    ps.l = l;
    ps.fx = (struct pprof_fast){ &l->location_ids, l->hashes, l->pow1, l->pow2, l->locations,
                                 l->runs, l->frame_sym1, l->frame_sym2, l->ntypes,
                                 l->drop_re != NULL };
    pprof_table_init(&ps.pipe.stacks, 1024);
    /* A profile's tree tends to have about as many nodes as it has samples
     * (1.6 M for the 1.9 M samples of the benchmark): start the prefix table
     * there rather than grow it through a dozen rehashes. */
    size_t prefix_cap = 4096;
    while (prefix_cap < l->nsamples && prefix_cap < ((size_t)1 << 22))
        prefix_cap *= 2;
    pprof_table_init(&ps.pipe.prefixes, prefix_cap);

    struct pprof_pipe *pp = &ps.pipe;
    pp->fx = &ps.fx;
    pp->chunks = xcalloc(PPROF_RING, sizeof *pp->chunks);
    for (size_t i = 0; i < PPROF_RING; i++) {
        pp->chunks[i].values = xmalloc(PPROF_CHUNK * (l->ntypes ? l->ntypes : 1) * sizeof(int64_t));
        atomic_init(&pp->chunks[i].done, 0);
        for (size_t j = 0; j < PPROF_CHUNK_BLOCKS; j++) {
            atomic_init(&pp->chunks[i].state[j], PPROF_BLOCK_FREE);
            /* never NULL, so that an offset into an empty one is defined */
            struct pprof_locs *locs = &pp->chunks[i].locs[j];
            struct pprof_frames *frames = &pp->chunks[i].frames[j];
            locs->cap = frames->cap = 64;
            locs->v = xmalloc(locs->cap * sizeof *locs->v);
            frames->v = xmalloc(frames->cap * sizeof *frames->v);
        }
    }
    atomic_init(&pp->published, 0);
    atomic_init(&pp->stop, false);
    pthread_mutex_init(&pp->mutex, NULL);
    pthread_cond_init(&pp->work, NULL);
    pthread_cond_init(&pp->done, NULL);
    /* A second thread decodes when there is enough to share; without it
     * (or if it cannot be started) this thread decodes every block itself. */
    pthread_t worker;
    ps.threaded = l->nsamples > PPROF_BLOCK && pthread_create(&worker, NULL, pprof_worker, pp) == 0;

    struct pb_reader r;
    pb_reader_init(&r, l->data, l->len);
    size_t filled = 0;
    bool ok = true;
    for (size_t k = 0; ok; k++) {
        while (filled < k + PPROF_RING && !r.error && r.p < r.end)
            pprof_fill_chunk(&ps, &r, filled++);
        if (k == filled)
            break;
        ok = pprof_consume_chunk(&ps, k);
    }
    pthread_mutex_lock(&pp->mutex);
    atomic_store(&pp->stop, true);
    pthread_cond_broadcast(&pp->work);
    pthread_mutex_unlock(&pp->mutex);
    if (ps.threaded)
        pthread_join(worker, NULL);
    pthread_cond_destroy(&pp->done);
    pthread_cond_destroy(&pp->work);
    pthread_mutex_destroy(&pp->mutex);

    if (ok && r.error)
        ok = pprof_wire_fail(l, &r);
    if (ok)
        pprof_flush_ends(&ps);
    pprof_pass_free(&ps);
    return ok;
}
