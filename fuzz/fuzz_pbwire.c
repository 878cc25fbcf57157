/* fuzz_pbwire.c - libFuzzer target for the protobuf wire reader (pbwire.h).
 *
 * Treats the input as a message and walks its fields, recursing into every
 * length-delimited payload as if it were a message (up to a depth bound; a
 * payload that is not one just stops with an error), runs pb_each_varint over
 * every varint and length-delimited field, and reads the whole input as a run
 * of bare varints. Checks the reader's promises: fields and errors stay inside
 * the buffer, progress is made, a packed payload holds pb_count_packed
 * varints, and the writer's output reads back as what was written.
 */
#include "common.h"

#include "flamex/load/pbwire.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_PBWIRE_MAX_DEPTH 24
#define FUZZ_PBWIRE_MAX_VALUES 4096

/* State of one run: the whole input and a scratch writer. */
struct fuzz_pbwire {
    const uint8_t *data;
    size_t size;
    struct pb_writer w;
};

/* The varints of one repeated field, as pb_each_varint delivers them. */
struct fuzz_values {
    struct fuzz_pbwire *run;
    size_t count;
    uint64_t v[FUZZ_PBWIRE_MAX_VALUES];
};

/* Encode v alone and check that it reads back unchanged and completely. */
static void fuzz_pbwire_roundtrip_varint(struct fuzz_pbwire *run, uint64_t v)
{
    run->w.len = 0;
    pb_write_varint(&run->w, v);
    FUZZ_ASSERT(run->w.len >= 1 && run->w.len <= 10);
    struct pb_reader r;
    pb_reader_init(&r, run->w.data, run->w.len);
    uint64_t back;
    FUZZ_ASSERT(pb_read_varint(&r, &back));
    FUZZ_ASSERT(back == v);
    FUZZ_ASSERT(pb_at_end(&r));
}

/* pb_each_varint callback: round-trip the value and remember it. */
static bool fuzz_pbwire_value(void *ctx, uint64_t v)
{
    struct fuzz_values *vals = ctx;
    fuzz_pbwire_roundtrip_varint(vals->run, v);
    if (vals->count < FUZZ_PBWIRE_MAX_VALUES)
        vals->v[vals->count] = v;
    vals->count++;
    return true;
}

/* Callback that collects values of a re-encoded field for comparison. */
static bool fuzz_pbwire_collect(void *ctx, uint64_t v)
{
    struct fuzz_values *vals = ctx;
    if (vals->count < FUZZ_PBWIRE_MAX_VALUES)
        vals->v[vals->count] = v;
    vals->count++;
    return true;
}

/* Write values as a packed field and as a field of its own, read both back. */
static void fuzz_pbwire_roundtrip_packed(struct fuzz_pbwire *run, uint32_t number,
                                         const struct fuzz_values *vals)
{
    run->w.len = 0;
    pb_write_packed(&run->w, number, vals->v, vals->count);
    struct pb_reader r;
    pb_reader_init(&r, run->w.data, run->w.len);
    struct pb_field f;
    FUZZ_ASSERT(pb_next_field(&r, &f));
    FUZZ_ASSERT(f.number == number && f.wire == PB_LEN);
    FUZZ_ASSERT(pb_count_packed(f.data, f.len) == vals->count);
    static struct fuzz_values back;
    back.run = run;
    back.count = 0;
    FUZZ_ASSERT(pb_each_varint(&r, &f, fuzz_pbwire_collect, &back));
    FUZZ_ASSERT(back.count == vals->count);
    FUZZ_ASSERT(memcmp(back.v, vals->v, vals->count * sizeof *vals->v) == 0);
    FUZZ_ASSERT(!pb_next_field(&r, &f) && pb_at_end(&r));
}

/* Walk the message in data[0, len) (a payload of parent, or the whole input). */
static void fuzz_pbwire_walk(struct fuzz_pbwire *run, const struct pb_reader *parent,
                             const uint8_t *data, size_t len, unsigned depth)
{
    struct pb_reader r;
    if (parent)
        pb_reader_sub(&r, parent, data, len);
    else
        pb_reader_init(&r, data, len);
    FUZZ_ASSERT(pb_at_end(&r) == (len == 0));
    struct pb_field f;
    const uint8_t *before = r.p;
    while (pb_next_field(&r, &f)) {
        FUZZ_ASSERT(r.p > before && r.p <= r.end);
        FUZZ_ASSERT(f.offset == (uint64_t)(before - run->data));
        FUZZ_ASSERT(f.number != 0);
        if (f.wire == PB_LEN) {
            FUZZ_ASSERT(f.data > before && f.data + f.len == r.p);
            FUZZ_ASSERT(f.value == f.len);
        } else {
            FUZZ_ASSERT(f.wire == PB_VARINT || f.wire == PB_FIXED32 || f.wire == PB_FIXED64);
            FUZZ_ASSERT(f.data == NULL && f.len == 0);
            if (f.wire == PB_FIXED32)
                FUZZ_ASSERT(f.value <= UINT32_MAX && r.p - before >= 5);
            if (f.wire == PB_FIXED64)
                FUZZ_ASSERT(r.p - before >= 9);
        }

        /* pb_each_varint on a copy: its failures must not stop the walk. */
        static struct fuzz_values vals;
        vals.run = run;
        vals.count = 0;
        struct pb_reader each = r;
        bool ok = pb_each_varint(&each, &f, fuzz_pbwire_value, &vals);
        if (f.wire == PB_VARINT) {
            FUZZ_ASSERT(ok && vals.count == 1 && vals.v[0] == f.value);
        } else if (f.wire == PB_LEN && ok) {
            FUZZ_ASSERT(vals.count == pb_count_packed(f.data, f.len));
            if (vals.count <= FUZZ_PBWIRE_MAX_VALUES)
                fuzz_pbwire_roundtrip_packed(run, f.number, &vals);
        } else {
            FUZZ_ASSERT(!ok && each.error != NULL);
            FUZZ_ASSERT(each.error_offset <= run->size);
        }

        if (f.wire == PB_LEN && f.len && depth < FUZZ_PBWIRE_MAX_DEPTH)
            fuzz_pbwire_walk(run, &r, f.data, f.len, depth + 1);
        before = r.p;
    }
    if (r.error) {
        FUZZ_ASSERT(r.error_offset <= run->size); /* the end, for a truncation */
        FUZZ_ASSERT(!pb_at_end(&r));
        FUZZ_ASSERT(!pb_next_field(&r, &f)); /* errors are sticky */
    } else {
        FUZZ_ASSERT(r.p == r.end && pb_at_end(&r));
    }
}

/* Read the input as consecutive varints until the end or the first bad one. */
static void fuzz_pbwire_varints(struct fuzz_pbwire *run)
{
    struct pb_reader r;
    pb_reader_init(&r, run->data, run->size);
    uint64_t v;
    for (;;) {
        const uint8_t *before = r.p;
        if (!pb_read_varint(&r, &v)) {
            FUZZ_ASSERT(r.p == before);
            FUZZ_ASSERT(before == r.end || r.error != NULL);
            break;
        }
        FUZZ_ASSERT(r.p > before && r.p - before <= 10 && r.p <= r.end);
        fuzz_pbwire_roundtrip_varint(run, v);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_pbwire run = { .data = data, .size = size };
    fuzz_pbwire_walk(&run, NULL, data, size, 0);
    fuzz_pbwire_varints(&run);
    pb_writer_free(&run.w);
    return 0;
}
