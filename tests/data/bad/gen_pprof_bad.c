/* gen_pprof_bad.c - writes the broken pprof protobufs of tests/data/bad/.
 *
 * Run once by hand; its output is checked in (see tests/data/README.md):
 *   cc -std=c11 -o /tmp/gen_pprof_bad tests/data/bad/gen_pprof_bad.c
 *   cd tests/data/bad && /tmp/gen_pprof_bad
 * Each file is the small valid profile below with one defect, so the loader's
 * reaction to that defect alone is what tests/bad_inputs.sh checks. The valid
 * profile: string_table ["", "samples", "count", "main", "work"], one sample
 * type (samples/count), functions 1 (main) and 2 (work), locations 1 -> 1 and
 * 2 -> 2, one sample {location_id [2, 1], value [5]}.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
    unsigned char *p;
    size_t n, cap;
};

static void put(struct buf *b, const void *data, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void varint(struct buf *b, uint64_t v)
{
    unsigned char c;
    while (v >= 0x80) {
        c = (unsigned char)(v | 0x80);
        put(b, &c, 1);
        v >>= 7;
    }
    c = (unsigned char)v;
    put(b, &c, 1);
}

static void tag(struct buf *b, unsigned field, unsigned wire)
{
    varint(b, (uint64_t)field << 3 | wire);
}

static void field_varint(struct buf *b, unsigned field, uint64_t v)
{
    tag(b, field, 0);
    varint(b, v);
}

static void field_bytes(struct buf *b, unsigned field, const void *data, size_t n)
{
    tag(b, field, 2);
    varint(b, n);
    put(b, data, n);
}

static void field_msg(struct buf *b, unsigned field, struct buf *m)
{
    field_bytes(b, field, m->p, m->n);
    free(m->p);
    memset(m, 0, sizeof *m);
}

static void string(struct buf *b, const char *s)
{
    field_bytes(b, 6, s, strlen(s));
}

static void strings(struct buf *b)
{
    string(b, "");
    string(b, "samples");
    string(b, "count");
    string(b, "main");
    string(b, "work");
}

static void sample_type(struct buf *b)
{
    struct buf m = { 0 };
    field_varint(&m, 1, 1);
    field_varint(&m, 2, 2);
    field_msg(b, 1, &m);
}

static void function(struct buf *b, uint64_t id, uint64_t name)
{
    struct buf m = { 0 };
    field_varint(&m, 1, id);
    field_varint(&m, 2, name);
    field_msg(b, 5, &m);
}

static void location(struct buf *b, uint64_t id, uint64_t mapping, uint64_t fn)
{
    struct buf line = { 0 }, m = { 0 };
    field_varint(&m, 1, id);
    if (mapping)
        field_varint(&m, 2, mapping);
    field_varint(&line, 1, fn);
    field_msg(&m, 4, &line);
    field_msg(b, 4, &m);
}

/* A sample with packed location ids and values. */
static void sample(struct buf *b, const uint64_t *locs, size_t nlocs, const uint64_t *vals,
                   size_t nvals)
{
    struct buf m = { 0 }, packed = { 0 };
    for (size_t i = 0; i < nlocs; i++)
        varint(&packed, locs[i]);
    field_msg(&m, 1, &packed);
    for (size_t i = 0; i < nvals; i++)
        varint(&packed, vals[i]);
    field_msg(&m, 2, &packed);
    field_msg(b, 2, &m);
}

static const uint64_t good_locs[] = { 2, 1 }, good_vals[] = { 5 };

/* Everything but the samples. */
static void header(struct buf *b)
{
    sample_type(b);
    strings(b);
    function(b, 1, 3);
    function(b, 2, 4);
    location(b, 1, 0, 1);
    location(b, 2, 0, 2);
}

static void good(struct buf *b)
{
    header(b);
    sample(b, good_locs, 2, good_vals, 1);
}

static void save(const char *name, struct buf *b)
{
    FILE *f = fopen(name, "wb");
    if (!f || fwrite(b->p, 1, b->n, f) != b->n || fclose(f) != 0) {
        perror(name);
        exit(1);
    }
    free(b->p);
    memset(b, 0, sizeof *b);
}

int main(void)
{
    struct buf b = { 0 };

    good(&b);
    save("pprof-valid.pb", &b); /* the control: loads */

    /* A varint of eleven bytes (protobuf allows at most ten). */
    good(&b);
    tag(&b, 9, 0);
    put(&b, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11);
    save("pprof-varint-too-long.pb", &b);

    /* The file ends inside a varint (continuation bit on the last byte). */
    good(&b);
    tag(&b, 12, 0);
    put(&b, "\x80\x80", 2);
    save("pprof-varint-cut.pb", &b);

    /* A top-level length that runs past the end of the file. */
    good(&b);
    tag(&b, 2, 2);
    varint(&b, 1000);
    put(&b, "\x0a\x01\x01", 3);
    save("pprof-length-past-end.pb", &b);

    /* A length inside a sample that runs past the sample's end. */
    header(&b);
    tag(&b, 2, 2);
    varint(&b, 4);
    put(&b, "\x0a\x09\x01\x02", 4);
    save("pprof-nested-length-past-end.pb", &b);

    /* A length of 2^63: must not wrap around. */
    good(&b);
    tag(&b, 6, 2);
    varint(&b, UINT64_C(1) << 63);
    save("pprof-huge-length.pb", &b);

    /* Wire types 3/4 (groups) and 7 (undefined) at top level. */
    good(&b);
    tag(&b, 20, 7);
    save("pprof-bad-wire-type.pb", &b);

    /* A known field with the wrong wire type: sample as a varint. */
    header(&b);
    field_varint(&b, 2, 7);
    save("pprof-sample-wrong-wire-type.pb", &b);

    /* A sample referring to a location that does not exist. */
    header(&b);
    sample(&b, (const uint64_t[]){ 2, 99 }, 2, good_vals, 1);
    save("pprof-location-out-of-range.pb", &b);

    /* A location's line referring to a missing function. */
    sample_type(&b);
    strings(&b);
    function(&b, 1, 3);
    location(&b, 1, 0, 1);
    location(&b, 2, 0, 99);
    sample(&b, good_locs, 2, good_vals, 1);
    save("pprof-function-out-of-range.pb", &b);

    /* A location referring to a missing mapping. */
    sample_type(&b);
    strings(&b);
    function(&b, 1, 3);
    function(&b, 2, 4);
    location(&b, 1, 7, 1);
    location(&b, 2, 0, 2);
    sample(&b, good_locs, 2, good_vals, 1);
    save("pprof-mapping-out-of-range.pb", &b);

    /* A function name past the string table. */
    sample_type(&b);
    strings(&b);
    function(&b, 1, 3);
    function(&b, 2, 99);
    location(&b, 1, 0, 1);
    location(&b, 2, 0, 2);
    sample(&b, good_locs, 2, good_vals, 1);
    save("pprof-string-out-of-range.pb", &b);

    /* A negative string index (a ten-byte varint). */
    sample_type(&b);
    strings(&b);
    function(&b, 1, 3);
    function(&b, 2, (uint64_t)-1);
    location(&b, 1, 0, 1);
    location(&b, 2, 0, 2);
    sample(&b, good_locs, 2, good_vals, 1);
    save("pprof-string-negative.pb", &b);

    /* No string table at all: string 0 is missing. */
    {
        struct buf m = { 0 };
        field_varint(&m, 1, 0);
        field_varint(&m, 2, 0);
        field_msg(&b, 1, &m);
        sample(&b, NULL, 0, good_vals, 1);
        save("pprof-no-string-table.pb", &b);
    }

    /* String 0 is not the empty string. */
    sample_type(&b);
    string(&b, "x");
    string(&b, "samples");
    string(&b, "count");
    string(&b, "main");
    string(&b, "work");
    function(&b, 1, 3);
    function(&b, 2, 4);
    location(&b, 1, 0, 1);
    location(&b, 2, 0, 2);
    sample(&b, good_locs, 2, good_vals, 1);
    save("pprof-string0-not-empty.pb", &b);

    /* Two locations, two functions, two mappings with the same id. */
    good(&b);
    location(&b, 2, 0, 1);
    save("pprof-duplicate-location.pb", &b);
    good(&b);
    function(&b, 1, 4);
    save("pprof-duplicate-function.pb", &b);
    {
        struct buf m = { 0 };
        good(&b);
        field_varint(&m, 1, 3);
        field_msg(&b, 3, &m);
        field_varint(&m, 1, 3);
        field_msg(&b, 3, &m);
        save("pprof-duplicate-mapping.pb", &b);
    }

    /* Ids 0 are reserved. */
    good(&b);
    location(&b, 0, 0, 1);
    save("pprof-location-id-zero.pb", &b);

    /* A sample with two values for one sample type, and one with none. */
    header(&b);
    sample(&b, good_locs, 2, (const uint64_t[]){ 5, 6 }, 2);
    save("pprof-too-many-values.pb", &b);
    header(&b);
    sample(&b, good_locs, 2, NULL, 0);
    save("pprof-no-values.pb", &b);

    /* Samples but no sample types. */
    strings(&b);
    function(&b, 1, 3);
    location(&b, 1, 0, 1);
    sample(&b, (const uint64_t[]){ 1 }, 1, good_vals, 1);
    save("pprof-no-sample-types.pb", &b);

    /* Seventeen sample types (flamex keeps up to sixteen). */
    for (int i = 0; i < 17; i++)
        sample_type(&b);
    strings(&b);
    save("pprof-too-many-types.pb", &b);

    /* A second non-zero time_nanos: two profiles concatenated. */
    good(&b);
    field_varint(&b, 9, 1700000000000000000u);
    good(&b);
    field_varint(&b, 9, 1700000000000000001u);
    save("pprof-second-time-nanos.pb", &b);

    /* Sample values near INT64_MAX that overflow when added, and negative
     * values (pprof diffs have them). */
    header(&b);
    sample(&b, good_locs, 2, (const uint64_t[]){ INT64_MAX }, 1);
    sample(&b, good_locs, 2, (const uint64_t[]){ INT64_MAX }, 1);
    sample(&b, (const uint64_t[]){ 1 }, 1, (const uint64_t[]){ (uint64_t)-3 }, 1);
    save("pprof-value-overflow.pb", &b);

    /* Sparse, huge ids (2^63 and 2^64 - 1): must not be a direct table. */
    sample_type(&b);
    strings(&b);
    function(&b, UINT64_MAX, 3);
    location(&b, UINT64_C(1) << 63, 0, UINT64_MAX);
    sample(&b, (const uint64_t[]){ UINT64_C(1) << 63 }, 1, good_vals, 1);
    save("pprof-huge-ids.pb", &b);

    /* One sample 100,000 frames deep (location 1 repeated): a recursion. */
    {
        uint64_t *locs = malloc(100000 * sizeof *locs);
        for (size_t i = 0; i < 100000; i++)
            locs[i] = i == 0 ? 2 : 1;
        header(&b);
        sample(&b, locs, 100000, good_vals, 1);
        free(locs);
        save("pprof-deep-100000.pb", &b); /* gzipped afterwards: see README */
    }

    /* Names carrying an OSC title sequence, a CSI, a C1 control, a bidi
     * override and a NUL byte: shown escaped, never raw. */
    sample_type(&b);
    string(&b, "");
    string(&b, "samples");
    string(&b, "count");
    string(&b, "\033]0;pwned\007main\302\233");
    field_bytes(&b, 6, "w\0rk\033[2J\342\200\256", 11);
    function(&b, 1, 3);
    function(&b, 2, 4);
    location(&b, 1, 0, 1);
    location(&b, 2, 0, 2);
    sample(&b, good_locs, 2, good_vals, 1);
    save("pprof-escapes.pb", &b);

    /* The valid profile cut in the middle. */
    good(&b);
    b.n = b.n / 2 + 3; /* inside a function message */
    save("pprof-cut-in-half.pb", &b);
    return 0;
}
