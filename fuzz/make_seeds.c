/* make_seeds.c - writes the hand-made protobuf seeds in fuzz/corpus/.
 *
 * Not a fuzz target (build.sh only builds fuzz_*.c). The seeds are checked in;
 * this is how they were made, for when profile.proto coverage grows:
 *   clang -include BUILDDIR/config.h -Iinclude fuzz/make_seeds.c src/pbwire.c \
 *         src/xalloc.c -o make_seeds && ./make_seeds fuzz/corpus
 * writes CORPUS/fuzz_pprof/tiny-*.pb, small valid profiles that each reach one
 * corner of the loader, and CORPUS/fuzz_pbwire/wire-*.bin, messages using
 * every wire type and the limits of varints, tags and nesting.
 */
#include "flamex/load/pbwire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* profile.proto field numbers of Profile. */
enum {
    SAMPLE_TYPE = 1, SAMPLE = 2, MAPPING = 3, LOCATION = 4, FUNCTION = 5, STRING = 6,
    DROP_FRAMES = 7, KEEP_FRAMES = 8, TIME_NANOS = 9, DURATION_NANOS = 10, PERIOD_TYPE = 11,
    PERIOD = 12, COMMENT = 13, DEFAULT_SAMPLE_TYPE = 14,
};

/* Append a nested message (its bytes in sub) as field number of w; frees sub. */
static void seed_message(struct pb_writer *w, uint32_t number, struct pb_writer *sub)
{
    pb_write_bytes(w, number, sub->data, sub->len);
    pb_writer_free(sub);
}

/* Append the string table. */
static void seed_strings(struct pb_writer *w, const char *const *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pb_write_bytes(w, STRING, s[i], strlen(s[i]));
}

/* Append a ValueType{type, unit} as field number. */
static void seed_value_type(struct pb_writer *w, uint32_t number, uint64_t type, uint64_t unit)
{
    struct pb_writer m = { 0 };
    pb_write_uint(&m, 1, type);
    pb_write_uint(&m, 2, unit);
    seed_message(w, number, &m);
}

/* Append a Function{id, name, system_name, filename}. */
static void seed_function(struct pb_writer *w, uint64_t id, uint64_t name, uint64_t system_name)
{
    struct pb_writer m = { 0 };
    pb_write_uint(&m, 1, id);
    if (name)
        pb_write_uint(&m, 2, name);
    if (system_name)
        pb_write_uint(&m, 3, system_name);
    seed_message(w, FUNCTION, &m);
}

/* Append a Location{id, mapping_id, address, line[function_id...]} (line[0] innermost). */
static void seed_location(struct pb_writer *w, uint64_t id, uint64_t mapping,
                          const uint64_t *functions, size_t n)
{
    struct pb_writer m = { 0 };
    pb_write_uint(&m, 1, id);
    if (mapping)
        pb_write_uint(&m, 2, mapping);
    pb_write_uint(&m, 3, 0x401000 + id * 16);
    for (size_t i = 0; i < n; i++) {
        struct pb_writer line = { 0 };
        pb_write_uint(&line, 1, functions[i]);
        pb_write_uint(&line, 2, 10 + i);
        seed_message(&m, 4, &line);
    }
    seed_message(w, LOCATION, &m);
}

/* Append a Mapping{id, start, limit, filename, build_id}. */
static void seed_mapping(struct pb_writer *w, uint64_t id, uint64_t filename, uint64_t build_id)
{
    struct pb_writer m = { 0 };
    pb_write_uint(&m, 1, id);
    pb_write_uint(&m, 2, 0x400000 * id);
    pb_write_uint(&m, 3, 0x400000 * id + 0x100000);
    if (filename)
        pb_write_uint(&m, 5, filename);
    if (build_id)
        pb_write_uint(&m, 6, build_id);
    seed_message(w, MAPPING, &m);
}

/* Append a Sample with packed location ids (leaf first) and values. */
static void seed_sample(struct pb_writer *w, const uint64_t *locs, size_t nlocs,
                        const uint64_t *values, size_t nvalues)
{
    struct pb_writer m = { 0 };
    pb_write_packed(&m, 1, locs, nlocs);
    pb_write_packed(&m, 2, values, nvalues);
    seed_message(w, SAMPLE, &m);
}

/* Write w to DIR/name and free it. */
static void seed_save(const char *dir, const char *name, struct pb_writer *w)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(w->data, 1, w->len, f) != w->len || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    pb_writer_free(w);
}

/* One type, one function, one sample: the smallest useful profile. */
static void seed_minimal(const char *dir)
{
    static const char *const s[] = { "", "samples", "count", "main" };
    struct pb_writer w = { 0 };
    seed_value_type(&w, SAMPLE_TYPE, 1, 2);
    seed_sample(&w, (const uint64_t[]){ 1 }, 1, (const uint64_t[]){ 5 }, 1);
    seed_location(&w, 1, 0, (const uint64_t[]){ 1 }, 1);
    seed_function(&w, 1, 3, 0);
    seed_strings(&w, s, 4);
    seed_save(dir, "tiny-minimal.pb", &w);
}

/* Inlined lines, locations named by their mapping, an unnamed function with a
 * system name, a location with neither mapping nor lines, mapping pseudo-files. */
static void seed_inline(const char *dir)
{
    static const char *const s[] = { "",          "cpu",   "nanoseconds", "main",
                                     "inlined_a", "inl_b", "_Z3sysv",     "/usr/bin/app",
                                     "[vdso]",    "/lib/x86_64-linux-gnu/libc.so.6",
                                     "abc123" };
    struct pb_writer w = { 0 };
    seed_value_type(&w, SAMPLE_TYPE, 1, 2);
    seed_mapping(&w, 1, 9, 0);
    seed_mapping(&w, 2, 7, 10);
    seed_mapping(&w, 3, 8, 0);
    seed_function(&w, 1, 3, 0);
    seed_function(&w, 2, 4, 0);
    seed_function(&w, 3, 5, 0);
    seed_function(&w, 4, 0, 6);
    seed_location(&w, 1, 2, (const uint64_t[]){ 3, 2, 1 }, 3);
    seed_location(&w, 2, 2, (const uint64_t[]){ 4 }, 1);
    seed_location(&w, 3, 1, NULL, 0);
    seed_location(&w, 4, 3, NULL, 0);
    seed_location(&w, 5, 0, NULL, 0);
    seed_location(&w, 6, 2, (const uint64_t[]){ 2 }, 1);
    seed_sample(&w, (const uint64_t[]){ 2, 1 }, 2, (const uint64_t[]){ 10000000 }, 1);
    seed_sample(&w, (const uint64_t[]){ 3, 6, 1 }, 3, (const uint64_t[]){ 20000000 }, 1);
    seed_sample(&w, (const uint64_t[]){ 4, 5 }, 2, (const uint64_t[]){ 30000000 }, 1);
    seed_sample(&w, (const uint64_t[]){ 1 }, 1, (const uint64_t[]){ 40000000 }, 1);
    seed_strings(&w, s, sizeof s / sizeof *s);
    seed_save(dir, "tiny-inline-mappings.pb", &w);
}

/* drop_frames/keep_frames with names pprof simplifies before matching. */
static void seed_drop_keep(const char *dir)
{
    static const char *const s[] = { "",
                                     "samples",
                                     "count",
                                     "main",
                                     "runtime.mallocgc",
                                     "runtime.keepme",
                                     ".(anonymous namespace)::f(int)",
                                     "std::function<void ()>::operator()() const",
                                     "runtime\\..*|.*f",
                                     "runtime\\.keep.*" };
    struct pb_writer w = { 0 };
    seed_value_type(&w, SAMPLE_TYPE, 1, 2);
    for (uint64_t i = 1; i <= 5; i++) {
        seed_function(&w, i, i + 2, 0);
        seed_location(&w, i, 0, (const uint64_t[]){ i }, 1);
    }
    seed_location(&w, 6, 0, (const uint64_t[]){ 2, 4, 1 }, 3);
    seed_sample(&w, (const uint64_t[]){ 2, 1 }, 2, (const uint64_t[]){ 3 }, 1);
    seed_sample(&w, (const uint64_t[]){ 3, 2, 1 }, 3, (const uint64_t[]){ 4 }, 1);
    seed_sample(&w, (const uint64_t[]){ 4, 5, 1 }, 3, (const uint64_t[]){ 5 }, 1);
    seed_sample(&w, (const uint64_t[]){ 6, 1 }, 2, (const uint64_t[]){ 6 }, 1);
    seed_strings(&w, s, sizeof s / sizeof *s);
    pb_write_uint(&w, DROP_FRAMES, 8);
    pb_write_uint(&w, KEEP_FRAMES, 9);
    seed_save(dir, "tiny-drop-keep.pb", &w);
}

/* Three sample types with a default, header fields, comments, unpacked
 * repeated fields, a negative value, labels, sparse ids and recursion. */
static void seed_types(const char *dir)
{
    static const char *const s[] = { "",      "alloc_objects", "count", "alloc_space",
                                     "bytes", "inuse_space",   "space", "a",
                                     "b",     "a comment",     "another comment" };
    struct pb_writer w = { 0 };
    pb_write_uint(&w, TIME_NANOS, 1700000000000000000ull);
    seed_value_type(&w, SAMPLE_TYPE, 1, 2);
    seed_value_type(&w, SAMPLE_TYPE, 3, 4);
    seed_value_type(&w, SAMPLE_TYPE, 5, 4);
    seed_function(&w, 1000000007, 7, 0);
    seed_function(&w, 3, 8, 0);
    seed_location(&w, 1ull << 40, 0, (const uint64_t[]){ 1000000007 }, 1);
    seed_location(&w, 2, 0, (const uint64_t[]){ 3 }, 1);

    /* unpacked: one varint field per element; a label (field 3) to skip */
    struct pb_writer m = { 0 };
    uint64_t locs[] = { 2, 1ull << 40, 2, 1ull << 40 };
    for (size_t i = 0; i < 4; i++)
        pb_write_uint(&m, 1, locs[i]);
    pb_write_uint(&m, 2, 7);
    pb_write_uint(&m, 2, (uint64_t)-4096);
    pb_write_uint(&m, 2, 1ull << 62);
    struct pb_writer label = { 0 };
    pb_write_uint(&label, 1, 9);
    pb_write_uint(&label, 3, 42);
    seed_message(&m, 3, &label);
    seed_message(&w, SAMPLE, &m);
    seed_sample(&w, (const uint64_t[]){ 1ull << 40 }, 1, (const uint64_t[]){ 1, 2, 3 }, 3);
    seed_sample(&w, NULL, 0, (const uint64_t[]){ 4, 5, 6 }, 3);

    seed_strings(&w, s, sizeof s / sizeof *s);
    pb_write_uint(&w, DURATION_NANOS, 10000000000ull);
    seed_value_type(&w, PERIOD_TYPE, 3, 4);
    pb_write_uint(&w, PERIOD, 524288);
    pb_write_uint(&w, COMMENT, 9);
    pb_write_uint(&w, COMMENT, 10);
    pb_write_uint(&w, DEFAULT_SAMPLE_TYPE, 3);
    pb_write_uint(&w, 15, 0); /* doc_url */
    seed_save(dir, "tiny-types-header.pb", &w);
}

/* The minimal profile with fields profile.proto does not have (skipped). */
static void seed_unknown_fields(const char *dir)
{
    static const char *const s[] = { "", "samples", "count", "main" };
    struct pb_writer w = { 0 };
    pb_write_bytes(&w, 100, "unknown field", 13);
    seed_value_type(&w, SAMPLE_TYPE, 1, 2);
    pb_write_tag(&w, 101, PB_FIXED32);
    pb_write_raw(&w, "\x01\x02\x03\x04", 4);
    seed_sample(&w, (const uint64_t[]){ 1 }, 1, (const uint64_t[]){ 5 }, 1);
    pb_write_tag(&w, 102, PB_FIXED64);
    pb_write_raw(&w, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    seed_location(&w, 1, 0, (const uint64_t[]){ 1 }, 1);
    seed_function(&w, 1, 3, 0);
    seed_strings(&w, s, 4);
    pb_write_uint(&w, 103, 1);
    seed_save(dir, "tiny-unknown-fields.pb", &w);
}

/* No sample types and no samples: the loader's default type. */
static void seed_empty_profile(const char *dir)
{
    static const char *const s[] = { "" };
    struct pb_writer w = { 0 };
    seed_strings(&w, s, 1);
    seed_save(dir, "tiny-no-samples.pb", &w);
}

/* Every wire type, a packed field with one- to ten-byte varints, the largest
 * field number, and a message nested in a message. */
static void seed_wire_types(const char *dir)
{
    struct pb_writer w = { 0 };
    pb_write_uint(&w, 1, 150);
    pb_write_tag(&w, 2, PB_FIXED64);
    pb_write_raw(&w, "\x88\x77\x66\x55\x44\x33\x22\x11", 8);
    pb_write_tag(&w, 3, PB_FIXED32);
    pb_write_raw(&w, "\x44\x33\x22\x11", 4);
    uint64_t v[10];
    for (int i = 0; i < 10; i++)
        v[i] = i == 9 ? UINT64_MAX : (uint64_t)1 << (7 * i);
    pb_write_packed(&w, 4, v, 10);
    struct pb_writer inner = { 0 };
    pb_write_uint(&inner, 1, 1);
    pb_write_bytes(&inner, 2, "text", 4);
    seed_message(&w, 5, &inner);
    pb_write_uint(&w, (1u << 29) - 1, UINT64_MAX);
    pb_write_bytes(&w, 6, "", 0);
    seed_save(dir, "wire-all-types.bin", &w);
}

/* Messages nested 40 deep, deeper than the target's recursion bound. */
static void seed_wire_deep(const char *dir)
{
    struct pb_writer w = { 0 };
    pb_write_uint(&w, 1, 7);
    for (int depth = 0; depth < 40; depth++) {
        struct pb_writer outer = { 0 };
        pb_write_bytes(&outer, 1 + (uint32_t)depth % 15, w.data, w.len);
        pb_writer_free(&w);
        w = outer;
    }
    seed_save(dir, "wire-deep.bin", &w);
}

/* Edge cases the reader must reject: an 11-byte varint, a group, wire type
 * 7, field number 0, a length past the end, and a tag beyond 32 bits. */
static void seed_wire_bad(const char *dir)
{
    static const struct {
        const char *name;
        const char *bytes;
        size_t len;
    } bad[] = {
        { "wire-bad-long-varint.bin", "\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 12 },
        { "wire-bad-varint-bit64.bin", "\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 11 },
        { "wire-bad-group.bin", "\x0b\x08\x01\x0c", 4 },
        { "wire-bad-wire-type-7.bin", "\x0f\x00", 2 },
        { "wire-bad-field-zero.bin", "\x00\x01", 2 },
        { "wire-bad-length.bin", "\x0a\x05\x01\x02", 4 },
        { "wire-bad-huge-tag.bin", "\x80\x80\x80\x80\x80\x01\x00", 7 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct pb_writer w = { 0 };
        pb_write_raw(&w, bad[i].bytes, bad[i].len);
        seed_save(dir, bad[i].name, &w);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    char pprof[4096], wire[4096];
    snprintf(pprof, sizeof pprof, "%s/fuzz_pprof", argv[1]);
    snprintf(wire, sizeof wire, "%s/fuzz_pbwire", argv[1]);
    seed_minimal(pprof);
    seed_inline(pprof);
    seed_drop_keep(pprof);
    seed_types(pprof);
    seed_unknown_fields(pprof);
    seed_empty_profile(pprof);
    seed_wire_types(wire);
    seed_wire_deep(wire);
    seed_wire_bad(wire);
    return 0;
}
