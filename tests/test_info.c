/* test_info.c - header lines ("File:", "Type:", "Duration: ...") as pprof -top prints them. */
#include "test_util.h"

#include "flamex/analysis/info.h"
#include "flamex/base/xalloc.h"

#include <time.h>

static int setup_utc(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    return 0;
}

/* A profile with two sample types whose values per stack are given (one stack
 * each: "main;work" with a[0]/b[0], "main;idle" with a[1]/b[1]). */
static struct profile *two_type_profile(const char *source, enum profile_format format,
                                        const char *n0, const char *u0, const char *n1,
                                        const char *u1, const int64_t a[2], const int64_t b[2])
{
    struct profile *p = profile_new(source, format);
    const char *names[2] = { n0, n1 };
    const char *units[2] = { u0, u1 };
    struct error_record err;
    assert_true(profile_set_types(p, 2, names, units, &err));
    struct frame_ref work[2] = { { "main", 4 }, { "work", 4 } };
    struct frame_ref idle[2] = { { "main", 4 }, { "idle", 4 } };
    struct sample_value v[2] = { { a[0], (double)a[0], true }, { b[0], (double)b[0], true } };
    assert_true(profile_add_stack(p, work, 2, v, 0, &err));
    v[0] = (struct sample_value){ a[1], (double)a[1], true };
    v[1] = (struct sample_value){ b[1], (double)b[1], true };
    assert_true(profile_add_stack(p, idle, 2, v, 0, &err));
    profile_finish(p);
    return p;
}

/* Fail unless the lines are exactly the NULL-terminated list want. */
static void expect_lines(const struct info_lines *got, const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    bool same = got->count == n;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(got->lines[i], want[i]) == 0;
    for (size_t i = 0; !same && i < got->count; i++)
        print_message("  got[%zu] \"%s\"\n", i, got->lines[i]);
    assert_int_equal(got->count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(got->lines[i], want[i]);
}

/* Header lines of type t in output_unit, checked against want, then freed. */
static void check(const struct profile *p, size_t t, const char *output_unit,
                  const char *const *want)
{
    struct info_lines lines;
    info_header_lines(p, t, output_unit, &lines);
    expect_lines(&lines, want);
    info_lines_free(&lines);
    assert_null(lines.lines);
    assert_int_equal(lines.count, 0);
}

/* The header of corpus/pprof/gen/cpu.pb.gz: "Duration: 3.15s, Total samples =
 * 3.03s (96.31%)" and "Time: Nov 25, 2026 at 7:05pm (UTC)". */
static void test_cpu_profile(void **state)
{
    (void)state;
    const int64_t samples[2] = { 300, 3 };
    const int64_t cpu[2] = { 3000000000, 30000000 };
    struct profile *p = two_type_profile("cpu.pb.gz", PROFILE_FORMAT_PPROF, "samples", "count",
                                         "cpu", "nanoseconds", samples, cpu);
    p->gzip = true;
    p->info.binary = xstrdup("profgen");
    p->info.build_id = xstrdup("4c2a9f0e");
    profile_info_add_comment(p, "built by ci", 11);
    profile_info_add_comment(p, "# hidden", 8);
    profile_info_add_comment(p, "100% real", 9);
    p->info.period_type = xstrdup("cpu");
    p->info.period_unit = xstrdup("nanoseconds");
    p->info.period = 10000000;
    p->info.time_nanos = INT64_C(1795633504410926085);
    p->info.duration_nanos = 3146238431;
    assert_int_equal(p->default_type, 1);

    const char *const cpu_s[] = {
        "File: cpu.pb.gz",
        "Format: pprof (gzip)",
        "Binary: profgen",
        "Build ID: 4c2a9f0e",
        "built by ci",
        "100% real",
        "Type: cpu",
        "Sample types: samples (count), cpu (nanoseconds) [default]",
        "Period: 10ms cpu",
        "Time: Nov 25, 2026 at 7:05pm (UTC)",
        "Duration: 3.15s, Total samples = 3.03s (96.31%)",
        NULL,
    };
    check(p, 1, "s", cpu_s);
    check(p, 1, NULL, cpu_s); /* auto picks seconds too */

    const char *const cpu_ms[] = {
        "File: cpu.pb.gz",
        "Format: pprof (gzip)",
        "Binary: profgen",
        "Build ID: 4c2a9f0e",
        "built by ci",
        "100% real",
        "Type: cpu",
        "Sample types: samples (count), cpu (nanoseconds) [default]",
        "Period: 10ms cpu",
        "Time: Nov 25, 2026 at 7:05pm (UTC)",
        "Duration: 3.15s, Total samples = 3030ms (96.31%)",
        NULL,
    };
    check(p, 1, "ms", cpu_ms);

    /* counts have no ratio; the line keeps pprof's trailing space */
    const char *const samples_lines[] = {
        "File: cpu.pb.gz",
        "Format: pprof (gzip)",
        "Binary: profgen",
        "Build ID: 4c2a9f0e",
        "built by ci",
        "100% real",
        "Type: samples",
        "Sample types: samples (count), cpu (nanoseconds) [default]",
        "Period: 10ms cpu",
        "Time: Nov 25, 2026 at 7:05pm (UTC)",
        "Duration: 3.15s, Total samples = 303 ",
        NULL,
    };
    check(p, 0, "count", samples_lines);
    check(p, 0, NULL, samples_lines);
    check(p, 0, "", samples_lines);
    profile_free(p);
}

/* cppbench.contention: "Duration: 4.58hrs, Total samples = 690.51ms (0.0042%)"
 * and, for the count type, "Duration: 4.58hrs, Total samples = 3500 ". */
static void test_contention_nanoseconds(void **state)
{
    (void)state;
    const int64_t contentions[2] = { 3400, 100 };
    const int64_t delay[2] = { 690484221, 23992 };
    struct profile *p = two_type_profile("cppbench.contention", PROFILE_FORMAT_PPROF,
                                         "contentions", "count", "delay", "nanoseconds",
                                         contentions, delay);
    p->info.binary = xstrdup("cppbench_server_main");
    p->info.period_type = xstrdup("contentions");
    p->info.period_unit = xstrdup("count");
    p->info.period = 100;
    p->info.duration_nanos = INT64_C(16502830000000);
    const char *const delay_lines[] = {
        "File: cppbench.contention",
        "Format: pprof",
        "Binary: cppbench_server_main",
        "Type: delay",
        "Sample types: contentions (count), delay (nanoseconds) [default]",
        "Period: 100 contentions",
        "Duration: 4.58hrs, Total samples = 690.51ms (0.0042%)",
        NULL,
    };
    check(p, 1, "ms", delay_lines);
    check(p, 1, NULL, delay_lines);
    const char *const count_lines[] = {
        "File: cppbench.contention",
        "Format: pprof",
        "Binary: cppbench_server_main",
        "Type: contentions",
        "Sample types: contentions (count), delay (nanoseconds) [default]",
        "Period: 100 contentions",
        "Duration: 4.58hrs, Total samples = 3500 ",
        NULL,
    };
    check(p, 0, "count", count_lines);
    profile_free(p);
}

/* java.contention: delay in microseconds, "1900us (3.2e-05%)" (Go's %5.2g). */
static void test_contention_microseconds(void **state)
{
    (void)state;
    const int64_t contentions[2] = { 600, 100 };
    const int64_t delay[2] = { 500, 1400 };
    struct profile *p = two_type_profile("java.contention", PROFILE_FORMAT_PPROF,
                                         "contentions", "count", "delay", "microseconds",
                                         contentions, delay);
    p->info.period_type = xstrdup("contentions");
    p->info.period_unit = xstrdup("count");
    p->info.period = 100;
    p->info.duration_nanos = INT64_C(6019923000000);
    const char *const us_lines[] = {
        "File: java.contention",
        "Format: pprof",
        "Type: delay",
        "Sample types: contentions (count), delay (microseconds) [default]",
        "Period: 100 contentions",
        "Duration: 1.67hrs, Total samples = 1900us (3.2e-05%)",
        NULL,
    };
    check(p, 1, "us", us_lines);
    const char *const auto_lines[] = {
        "File: java.contention",
        "Format: pprof",
        "Type: delay",
        "Sample types: contentions (count), delay (microseconds) [default]",
        "Period: 100 contentions",
        "Duration: 1.67hrs, Total samples = 1.90ms (3.2e-05%)",
        NULL,
    };
    check(p, 1, NULL, auto_lines);
    const char *const count_lines[] = {
        "File: java.contention",
        "Format: pprof",
        "Type: contentions",
        "Sample types: contentions (count), delay (microseconds) [default]",
        "Period: 100 contentions",
        "Duration: 1.67hrs, Total samples = 700 ",
        NULL,
    };
    check(p, 0, "count", count_lines);
    profile_free(p);
}

/* Bytes: a period in kB, no ratio for a memory total, "Time:" of
 * go.nomappings.crash; a zero total of a time unit gives no ratio either. */
static void test_heap_and_zero(void **state)
{
    (void)state;
    const int64_t objects[2] = { 40000, 1063 };
    const int64_t space[2] = { 80000000, 935293 };
    struct profile *p = two_type_profile("heap.pb", PROFILE_FORMAT_PPROF, "objects", "count",
                                         "space", "bytes", objects, space);
    p->info.period_type = xstrdup("space");
    p->info.period_unit = xstrdup("bytes");
    p->info.period = 524288;
    p->info.time_nanos = INT64_C(1487351731621578004);
    p->info.duration_nanos = 10000000000;
    const char *const heap_lines[] = {
        "File: heap.pb",
        "Format: pprof",
        "Type: space",
        "Sample types: objects (count), space (bytes) [default]",
        "Period: 512kB space",
        "Time: Feb 17, 2017 at 5:15pm (UTC)",
        "Duration: 10s, Total samples = 77.19MB ",
        NULL,
    };
    check(p, 1, "MB", heap_lines);
    check(p, 1, NULL, heap_lines);
    profile_free(p);

    const int64_t zero[2] = { 0, 0 };
    p = two_type_profile("idle.pb", PROFILE_FORMAT_PPROF, "samples", "count", "cpu",
                         "nanoseconds", zero, zero);
    p->default_type = 0;
    p->info.period = 7; /* no period type or unit: a count */
    p->info.duration_nanos = 1500;
    const char *const zero_lines[] = {
        "File: idle.pb",
        "Format: pprof",
        "Type: cpu",
        "Sample types: samples (count) [default], cpu (nanoseconds)",
        "Period: 7",
        "Duration: 1.50us, Total samples = 0 ",
        NULL,
    };
    check(p, 1, NULL, zero_lines);
    profile_free(p);
}

/* Go's "3:04pm": 12-hour clock, 12 for noon and midnight, local time with its
 * zone abbreviation; time.Unix floors negative nanoseconds. */
static void test_time_layout(void **state)
{
    (void)state;
    struct profile *p = profile_new("t.folded", PROFILE_FORMAT_FOLDED);
    const char *names[1] = { "samples" };
    struct error_record err;
    assert_true(profile_set_types(p, 1, names, NULL, &err));
    profile_finish(p);
    static const struct {
        const char *tz;
        int64_t secs;
        const char *want;
    } cases[] = {
        { "UTC", 1487290500, "Time: Feb 17, 2017 at 12:15am (UTC)" },
        { "UTC", 1487333700, "Time: Feb 17, 2017 at 12:15pm (UTC)" },
        { "UTC", 1487351731, "Time: Feb 17, 2017 at 5:15pm (UTC)" },
        { "UTC", 1499159100, "Time: Jul 4, 2017 at 9:05am (UTC)" },
        { "EST5EDT,M3.2.0,M11.1.0", 1499159100, "Time: Jul 4, 2017 at 5:05am (EDT)" },
        { "EST5EDT,M3.2.0,M11.1.0", 1486166340, "Time: Feb 3, 2017 at 6:59pm (EST)" },
        { "<+0530>-5:30", 1486166340, "Time: Feb 4, 2017 at 5:29am (+0530)" },
        { "UTC", 0, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setenv("TZ", cases[i].tz, 1);
        tzset();
        p->info.time_nanos = cases[i].secs * INT64_C(1000000000) + 999999999;
        struct info_lines lines;
        info_header_lines(p, 0, NULL, &lines);
        if (cases[i].want) {
            assert_int_equal(lines.count, 4);
            assert_string_equal(lines.lines[3], cases[i].want);
        } else {
            /* time 0 means unknown */
            p->info.time_nanos = 0;
            info_lines_free(&lines);
            info_header_lines(p, 0, NULL, &lines);
            assert_int_equal(lines.count, 3);
        }
        info_lines_free(&lines);
    }
    setenv("TZ", "UTC", 1);
    tzset();
    p->info.time_nanos = -1; /* one nanosecond before the epoch */
    const char *const before_epoch[] = {
        "File: t.folded",
        "Format: folded",
        "Type: samples",
        "Time: Dec 31, 1969 at 11:59pm (UTC)",
        NULL,
    };
    check(p, 0, NULL, before_epoch);
    profile_free(p);
}

/* A plain folded file: no pprof facts, so only File/Format/Type; a
 * differential one lists both counts; names are copied raw. */
static void test_folded(void **state)
{
    (void)state;
    struct profile *p = profile_new("stacks%s.folded", PROFILE_FORMAT_FOLDED);
    const char *names[1] = { "samples" };
    struct error_record err;
    assert_true(profile_set_types(p, 1, names, NULL, &err));
    struct frame_ref f[1] = { { "main", 4 } };
    struct sample_value v = { 5, 5, true };
    assert_true(profile_add_stack(p, f, 1, &v, 0, &err));
    profile_finish(p);
    const char *const plain[] = {
        "File: stacks%s.folded",
        "Format: folded",
        "Type: samples",
        NULL,
    };
    check(p, 0, NULL, plain);
    /* a sample type index out of range leaves out the type's lines */
    const char *const no_type[] = { "File: stacks%s.folded", "Format: folded", NULL };
    check(p, 3, NULL, no_type);
    profile_free(p);

    const int64_t before[2] = { 10, 20 };
    const int64_t after[2] = { 15, 5 };
    p = two_type_profile("-", PROFILE_FORMAT_FOLDED, "before", "count", "after", "count",
                         before, after);
    p->differential = true;
    p->gzip = true;
    const char *const diff[] = {
        "File: -",
        "Format: folded (gzip), differential",
        "Type: after",
        "Sample types: before (count), after (count) [default]",
        NULL,
    };
    check(p, 1, NULL, diff);
    profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cpu_profile),
        cmocka_unit_test(test_contention_nanoseconds),
        cmocka_unit_test(test_contention_microseconds),
        cmocka_unit_test(test_heap_and_zero),
        cmocka_unit_test(test_time_layout),
        cmocka_unit_test(test_folded),
    };
    return cmocka_run_group_tests_name("info", tests, setup_utc, NULL);
}
