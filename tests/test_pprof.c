/* test_pprof.c - the pprof loader: semantics, pruning, validation with offsets. */
#include "test_util.h"

#include "flamex/analysis/hot.h"
#include "flamex/load/load_pprof.h"

#include "pprof_builder.h"

#include <time.h>

enum {
    S_EMPTY, S_SAMPLES, S_COUNT, S_CPU, S_NANOS, S_MAIN, S_WORK, S_MALLOC, S_MIX, S_SERVER,
    S_SYS_ONLY, S_LIBC, S_HELPER, S_DROP, S_KEEP, S_COMMENT, S_CPU2,
};

static const char *const base_strings[] = {
    "", "samples", "count", "cpu", "nanoseconds", "main", "work", "malloc(unsigned long)", "mix",
    "/usr/bin/server", "sys_only", "/lib/x86_64-linux-gnu/libc.so.6", "helper", "", "", "a comment",
    "cpu",
};

struct base_options {
    const char *drop, *keep;
    int default_type; /* string index or 0 */
};

/* The profile most tests use (see the samples below). */
static void build_base(struct pb_writer *w, const struct base_options *o)
{
    const char *strings[sizeof base_strings / sizeof *base_strings];
    memcpy(strings, base_strings, sizeof strings);
    if (o && o->drop)
        strings[S_DROP] = o->drop;
    if (o && o->keep)
        strings[S_KEEP] = o->keep;
    pb_put_value_type(w, 1, S_SAMPLES, S_COUNT);
    pb_put_value_type(w, 1, S_CPU, S_NANOS);
    pb_put_mapping(w, 1, S_SERVER);
    pb_put_mapping(w, 2, S_LIBC);
    /* locations before functions: ids resolve whatever the order */
    uint64_t f_main = 1, f_work = 2, f_malloc = 3, f_mix_work[2] = { 4, 2 }, f_sys = 5, f_helper = 6;
    pb_put_location(w, 1, 1, &f_main, 1);
    pb_put_location(w, 2, 1, &f_work, 1);
    pb_put_location(w, 3, 2, &f_malloc, 1);
    pb_put_location(w, 4, 1, f_mix_work, 2); /* mix inlined into work */
    pb_put_location(w, 5, 2, NULL, 0);       /* unsymbolized, in libc */
    pb_put_location(w, 6, 1, &f_sys, 1);
    pb_put_location(w, 7, 0, NULL, 0);       /* nothing known */
    pb_put_location(w, 8, 1, &f_helper, 1);
    pb_put_function(w, 1, S_MAIN, 0);
    pb_put_function(w, 2, S_WORK, 0);
    pb_put_function(w, 3, S_MALLOC, 0);
    pb_put_function(w, 4, S_MIX, 0);
    pb_put_function(w, 5, 0, S_SYS_ONLY);
    pb_put_function(w, 6, S_HELPER, 0);
    uint64_t a[] = { 2, 1 }, b[] = { 4, 1 }, c[] = { 5, 3, 2, 1 }, d[] = { 6, 1 }, e[] = { 7 },
             f[] = { 8, 1 };
    int64_t va[] = { 1, 10 }, vb[] = { 2, 20 }, vc[] = { 3, 30 }, vd[] = { 4, 40 }, ve[] = { 5, 50 },
            vf[] = { 0, 0 };
    pb_put_sample(w, a, 2, va, 2);
    pb_put_sample(w, b, 2, vb, 2);
    pb_put_sample(w, c, 4, vc, 2);
    pb_put_sample(w, d, 2, vd, 2);
    pb_put_sample(w, e, 1, ve, 2);
    pb_put_sample(w, f, 2, vf, 2); /* all zero: pprof's merge drops it */
    pb_put_strings(w, strings, sizeof strings / sizeof *strings);
    if (o && o->drop)
        pb_write_uint(w, 7, S_DROP);
    if (o && o->keep)
        pb_write_uint(w, 8, S_KEEP);
    pb_write_uint(w, 9, 1700000000000000000);
    pb_write_uint(w, 10, 3000000000);
    pb_put_value_type(w, 11, S_CPU, S_NANOS);
    pb_write_uint(w, 12, 10000000);
    pb_write_uint(w, 13, S_COMMENT);
    if (o && o->default_type)
        pb_write_uint(w, 14, (uint64_t)o->default_type);
}

static struct profile *load_buffer(const struct pb_writer *w, struct error_record *err)
{
    struct profile *p = profile_new("test.pb", PROFILE_FORMAT_PPROF);
    if (!load_pprof_buffer(w->data, w->len, p, NULL, err)) {
        profile_free(p);
        return NULL;
    }
    profile_finish(p);
    return p;
}

/* load_buffer that must succeed. */
static struct profile *must_load(const struct pb_writer *w) __attribute__((returns_nonnull));
static struct profile *must_load(const struct pb_writer *w)
{
    struct error_record err;
    struct profile *p = load_buffer(w, &err);
    if (!p) {
        fail_msg("%s", err.message);
        abort();
    }
    return p;
}

static char *export_type(const struct profile *p, const char *type)
{
    int t = profile_find_type(p, type);
    assert_true(t >= 0);
    size_t tt = (size_t)t;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct export_options ex = { .types = &tt, .ntypes = 1, .sanitize = false };
    assert_true(export_folded(f, p, &ex));
    fclose(f);
    return buf;
}

static char *load_and_export(const struct base_options *o, const char *type)
{
    struct pb_writer w = { 0 };
    build_base(&w, o);
    struct profile *p = must_load(&w);
    char *text = export_type(p, type);
    profile_free(p);
    pb_writer_free(&w);
    return text;
}

static void test_semantics(void **state)
{
    (void)state;
    char *cpu = load_and_export(NULL, "cpu");
    assert_string_equal(cpu, "<unknown> 50\n"
                             "main;sys_only 40\n"
                             "main;work 10\n"
                             "main;work;malloc(unsigned long);[libc.so.6] 30\n"
                             "main;work;mix 20\n");
    char *samples = load_and_export(NULL, "samples");
    assert_string_equal(samples, "<unknown> 5\n"
                                 "main;sys_only 4\n"
                                 "main;work 1\n"
                                 "main;work;malloc(unsigned long);[libc.so.6] 3\n"
                                 "main;work;mix 2\n");
    free(cpu);
    free(samples);
}

static void test_header_and_types(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };
    build_base(&w, NULL);
    struct profile *p = must_load(&w);
    assert_int_equal(p->ntypes, 2);
    assert_string_equal(p->types[0].name, "samples");
    assert_string_equal(p->types[1].unit, "nanoseconds");
    assert_int_equal(p->default_type, 1); /* the last, without default_sample_type */
    assert_string_equal(p->info.period_type, "cpu");
    assert_string_equal(p->info.period_unit, "nanoseconds");
    assert_true(p->info.period == 10000000);
    assert_true(p->info.duration_nanos == 3000000000);
    assert_true(p->info.time_nanos == 1700000000000000000);
    assert_int_equal(p->info.ncomments, 1);
    assert_string_equal(p->info.comments[0], "a comment");
    assert_string_equal(p->info.binary, "server");
    /* values are not multiplied by the period */
    assert_true(tree_total(p->tree, TREE_ROOT, 1) == 150);
    profile_free(p);
    pb_writer_free(&w);

    struct base_options o = { .default_type = S_SAMPLES };
    build_base(&w, &o);
    p = must_load(&w);
    assert_int_equal(p->default_type, 0);
    profile_free(p);
    pb_writer_free(&w);
}

static void test_inline_marking(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };
    build_base(&w, NULL);
    struct profile *p = must_load(&w);
    struct hot_list list;
    hot_compute(p, 1, TREE_ROOT, HOT_BY_FLAT, &list);
    hot_mark_inline(p, 1, &list);
    bool saw_mix = false;
    for (size_t i = 0; i < list.count; i++) {
        const struct hot_entry *e = &list.entries[i];
        if (e->len == 3 && memcmp(e->bytes, "mix", 3) == 0) {
            assert_string_equal(e->inline_label, "(inline)");
            saw_mix = true;
        } else {
            assert_string_equal(e->inline_label, "");
        }
    }
    assert_true(saw_mix);
    hot_free(&list);
    profile_free(p);
    pb_writer_free(&w);
}

static void test_drop_frames(void **state)
{
    (void)state;
    /* The dropped frame goes with its callees; the match is anchored and on
     * the simplified name (argument list removed). */
    struct base_options drop_malloc = { .drop = "malloc" };
    char *text = load_and_export(&drop_malloc, "cpu");
    assert_string_equal(text, "<unknown> 50\nmain;sys_only 40\nmain;work 40\nmain;work;mix 20\n");
    free(text);

    struct base_options partial = { .drop = "mall" };
    text = load_and_export(&partial, "cpu");
    assert_non_null(strstr(text, "malloc(unsigned long)"));
    free(text);

    /* An inlined frame matches: it and what it inlines go, its caller stays. */
    struct base_options drop_mix = { .drop = "mix" };
    text = load_and_export(&drop_mix, "cpu");
    assert_string_equal(text, "<unknown> 50\nmain;sys_only 40\nmain;work 30\n"
                              "main;work;malloc(unsigned long);[libc.so.6] 30\n");
    free(text);

    /* Frames before the first kept one (from the root) are never pruned. */
    struct base_options drop_main = { .drop = "main" };
    text = load_and_export(&drop_main, "cpu");
    char *plain = load_and_export(NULL, "cpu");
    assert_string_equal(text, plain);
    free(text);
    free(plain);

    /* keep_frames rescues what drop_frames would take. */
    struct base_options keep = { .drop = "malloc|work", .keep = "work" };
    text = load_and_export(&keep, "cpu");
    assert_string_equal(text, "<unknown> 50\nmain;sys_only 40\nmain;work 40\nmain;work;mix 20\n");
    free(text);

    /* A filter PCRE2 cannot compile is ignored, as pprof ignores it. */
    struct base_options bad = { .drop = "(unclosed" };
    struct pb_writer w = { 0 };
    build_base(&w, &bad);
    struct profile *p = profile_new("t.pb", PROFILE_FORMAT_PPROF);
    struct load_report report;
    memset(&report, 0, sizeof report);
    struct error_record err;
    assert_true(load_pprof_buffer(w.data, w.len, p, &report, &err));
    assert_non_null(strstr(report.warning, "drop_frames"));
    profile_free(p);
    pb_writer_free(&w);
}

/* ---- validation ---- */

/* Load w and expect failure at offset with message containing what. */
static void expect_error(const struct pb_writer *w, uint64_t offset, const char *what)
{
    struct profile *p = profile_new("bad.pb", PROFILE_FORMAT_PPROF);
    struct error_record err;
    bool ok = load_pprof_buffer(w->data, w->len, p, NULL, &err);
    profile_free(p);
    if (ok)
        fail_msg("loaded, expected an error about '%s'", what);
    if (!strstr(err.message, what))
        fail_msg("error '%s' does not mention '%s'", err.message, what);
    if (offset != UINT64_MAX && err.offset != offset)
        fail_msg("error '%s' at offset %llu, expected %llu", err.message,
                 (unsigned long long)err.offset, (unsigned long long)offset);
    assert_string_equal(err.path, "bad.pb");
    char line[1200];
    error_format(&err, line, sizeof line);
    assert_null(strchr(line, '\n'));
}

/* A minimal profile: strings, one type, function 1, location 1, and a sample. */
static void build_minimal(struct pb_writer *w)
{
    static const char *const strings[] = { "", "samples", "count", "main" };
    pb_put_strings(w, strings, 4);
    pb_put_value_type(w, 1, 1, 2);
    pb_put_function(w, 1, 3, 0);
    uint64_t f = 1, loc = 1;
    int64_t v = 7;
    pb_put_location(w, 1, 0, &f, 1);
    pb_put_sample(w, &loc, 1, &v, 1);
}

static void test_minimal_loads(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };
    build_minimal(&w);
    struct profile *p = must_load(&w);
    char *text = export_type(p, "samples");
    assert_string_equal(text, "main 7\n");
    free(text);
    profile_free(p);
    pb_writer_free(&w);
}

static void test_string_table(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };
    static const char *const strings[] = { "x", "samples", "count" };
    pb_put_strings(&w, strings, 3);
    pb_put_value_type(&w, 1, 1, 2);
    expect_error(&w, 2, "entry 0 is not empty");
    pb_writer_free(&w);

    pb_put_value_type(&w, 1, 1, 2);
    expect_error(&w, 0, "the string table is empty");
    pb_writer_free(&w);

    static const char *const two[] = { "", "samples" };
    pb_put_strings(&w, two, 2);
    size_t vt = w.len;
    pb_put_value_type(&w, 1, 1, 5);
    expect_error(&w, vt + 4, "string index 5 out of range (the table has 2 strings)");
    pb_writer_free(&w);

    build_minimal(&w);
    size_t at = w.len;
    pb_put_function(&w, 2, 99, 0);
    expect_error(&w, at + 2 + 2, "string index 99 out of range");
    pb_writer_free(&w);
}

static void test_ids(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };
    uint64_t f = 1;

    build_minimal(&w);
    size_t at = w.len;
    pb_put_function(&w, 1, 3, 0);
    expect_error(&w, at, "two functions with id 1");
    pb_writer_free(&w);

    build_minimal(&w);
    at = w.len;
    pb_put_location(&w, 1, 0, &f, 1);
    expect_error(&w, at, "two locations with id 1");
    pb_writer_free(&w);

    build_minimal(&w);
    pb_put_mapping(&w, 4, 3);
    at = w.len;
    pb_put_mapping(&w, 4, 3);
    expect_error(&w, at, "two mappings with id 4");
    pb_writer_free(&w);

    build_minimal(&w);
    at = w.len;
    pb_put_function(&w, 0, 3, 0);
    expect_error(&w, at, "reserved id 0");
    pb_writer_free(&w);

    build_minimal(&w);
    at = w.len;
    pb_put_location(&w, 2, 9, &f, 1);
    expect_error(&w, at, "refers to mapping 9, which does not exist");
    pb_writer_free(&w);

    build_minimal(&w);
    uint64_t missing = 42;
    at = w.len;
    pb_put_location(&w, 2, 0, &missing, 1);
    expect_error(&w, at, "function id 42, which does not exist");
    pb_writer_free(&w);

    build_minimal(&w);
    uint64_t loc = 77;
    int64_t v = 1;
    at = w.len;
    pb_put_sample(&w, &loc, 1, &v, 1);
    expect_error(&w, at + 2, "location 77, which does not exist");
    pb_writer_free(&w);
}

static void test_sample_values(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };
    build_minimal(&w);
    uint64_t loc = 1;
    int64_t v[2] = { 1, 2 };
    size_t at = w.len;
    pb_put_sample(&w, &loc, 1, v, 2);
    expect_error(&w, at, "sample has 2 values, expected 1");
    pb_writer_free(&w);

    static const char *const strings[] = { "", "main" };
    pb_put_strings(&w, strings, 2);
    pb_put_function(&w, 1, 1, 0);
    uint64_t f = 1;
    pb_put_location(&w, 1, 0, &f, 1);
    pb_put_sample(&w, &loc, 1, v, 1);
    expect_error(&w, UINT64_MAX, "samples but no sample types");
    pb_writer_free(&w);

    /* Values may be negative (pprof's diff_base profiles). */
    build_minimal(&w);
    int64_t neg = -3;
    pb_put_sample(&w, &loc, 1, &neg, 1);
    struct profile *p = must_load(&w);
    assert_true(tree_total(p->tree, TREE_ROOT, 0) == 4);
    profile_free(p);
    pb_writer_free(&w);
}

static void test_wire_errors(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };

    /* concatenated profiles: a second non-zero time_nanos */
    build_minimal(&w);
    pb_write_uint(&w, 9, 5);
    size_t at = w.len;
    pb_write_uint(&w, 9, 6);
    expect_error(&w, at, "concatenated profiles");
    pb_writer_free(&w);

    /* truncated: cut the last byte */
    build_minimal(&w);
    w.len--;
    expect_error(&w, UINT64_MAX, "past the end");
    pb_writer_free(&w);

    /* a 10 GB claimed length */
    build_minimal(&w);
    pb_write_tag(&w, 2, PB_LEN);
    at = w.len;
    pb_write_varint(&w, UINT64_C(10) << 30);
    pb_write_raw(&w, "abc", 3);
    expect_error(&w, at, "length field points past the end");
    pb_writer_free(&w);

    /* an 11-byte varint */
    build_minimal(&w);
    at = w.len;
    pb_write_tag(&w, 12, PB_VARINT);
    pb_write_raw(&w, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11);
    expect_error(&w, at + 1, "varint longer than 64 bits");
    pb_writer_free(&w);

    /* a group */
    build_minimal(&w);
    at = w.len;
    pb_write_tag(&w, 30, PB_START_GROUP);
    expect_error(&w, at, "groups");
    pb_writer_free(&w);

    /* a known field with the wrong wire type */
    build_minimal(&w);
    at = w.len;
    pb_write_uint(&w, 2, 5); /* sample as a varint */
    expect_error(&w, at, "wire type 0, expected 2");
    pb_writer_free(&w);

    /* unknown fields of every wire type are skipped */
    build_minimal(&w);
    pb_write_uint(&w, 100, 5);
    pb_write_bytes(&w, 101, "xyz", 3);
    pb_write_tag(&w, 102, PB_FIXED32);
    pb_write_raw(&w, "abcd", 4);
    pb_write_tag(&w, 103, PB_FIXED64);
    pb_write_raw(&w, "abcdefgh", 8);
    struct profile *p = must_load(&w);
    profile_free(p);
    pb_writer_free(&w);

    /* empty */
    expect_error(&w, 0, "empty");
}

/* Strings from a hostile profile: a unit with escape sequences is stored in
 * its display form (it is printed after every value), and a thousand
 * references to one large comment keep a bounded header. */
static void test_hostile_strings(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };
    char big[5000];
    memset(big, 'c', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const char *const strings[] = { "", "cpu", "ns\033]0;pwned\007\033[2J", "main", big };
    pb_put_strings(&w, strings, 5);
    pb_put_value_type(&w, 1, 1, 2);
    pb_put_function(&w, 1, 3, 0);
    uint64_t f = 1, loc = 1;
    int64_t v = 7;
    pb_put_location(&w, 1, 0, &f, 1);
    pb_put_sample(&w, &loc, 1, &v, 1);
    for (int i = 0; i < 1000; i++)
        pb_write_uint(&w, 13, 4);
    struct profile *p = must_load(&w);
    assert_null(strchr(p->types[0].unit, '\033'));
    assert_null(strchr(p->types[0].unit, '\007'));
    assert_non_null(strstr(p->types[0].unit, "\\x1b"));
    assert_int_equal(p->info.ncomments, PROFILE_MAX_COMMENTS);
    assert_int_equal(strlen(p->info.comments[0]), PROFILE_MAX_COMMENT_BYTES);
    profile_free(p);
    pb_writer_free(&w);
}

/* A drop_frames regex with catastrophic backtracking does not hang the load. */
static void test_drop_frames_match_limit(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };
    char name[64];
    memset(name, 'a', 40);
    name[40] = 'b';
    name[41] = '\0';
    const char *const strings[] = { "", "samples", "count", name, "(a|aa)+" };
    pb_put_strings(&w, strings, 5);
    pb_put_value_type(&w, 1, 1, 2);
    for (uint64_t id = 1; id <= 50; id++) {
        pb_put_function(&w, id, 3, 0);
        pb_put_location(&w, id, 0, &id, 1);
    }
    uint64_t loc = 1;
    int64_t v = 1;
    pb_put_sample(&w, &loc, 1, &v, 1);
    pb_write_uint(&w, 7, 4);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    struct profile *p = must_load(&w);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    assert_true(seconds < 5 * test_time_factor()); /* unbounded, this takes minutes */
    profile_free(p);
    pb_writer_free(&w);
}

static void test_sniff(void **state)
{
    (void)state;
    char why[160];
    struct pb_writer w = { 0 };
    build_minimal(&w);
    assert_true(load_pprof_sniff(w.data, w.len, false, why, sizeof why));
    assert_true(load_pprof_sniff(w.data, w.len / 2, true, why, sizeof why));
    /* a truncated file is still recognised (so its error is about pprof) */
    assert_true(load_pprof_sniff(w.data, w.len - 1, false, why, sizeof why));
    pb_writer_free(&w);
    static const char *const texts[] = {
        "main;work 10\n", "python;main 1\n", "j 5\n", "\n\n", "perf 123 [000] cycles:\n", "",
        "x 205\ny 3895\n", "P1",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        if (load_pprof_sniff((const uint8_t *)texts[i], strlen(texts[i]), false, why, sizeof why))
            fail_msg("'%s' taken for pprof", texts[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_semantics),
        cmocka_unit_test(test_header_and_types),
        cmocka_unit_test(test_inline_marking),
        cmocka_unit_test(test_drop_frames),
        cmocka_unit_test(test_minimal_loads),
        cmocka_unit_test(test_string_table),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_sample_values),
        cmocka_unit_test(test_wire_errors),
        cmocka_unit_test(test_hostile_strings),
        cmocka_unit_test(test_drop_frames_match_limit),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
