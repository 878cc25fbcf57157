/* test_numfmt.c - count parsing and exact/pprof-style printing. */
#include "test_util.h"

#include "flamex/base/numfmt.h"

#include <math.h>

static void test_parse_counts(void **state)
{
    (void)state;
    struct sample_value v;
    assert_true(numfmt_parse_count("42", 2, &v));
    assert_true(v.exact && v.i == 42);
    assert_true(numfmt_parse_count("6.", 2, &v));
    assert_true(v.exact && v.i == 6);
    assert_true(numfmt_parse_count("31.000", 6, &v));
    assert_true(v.exact && v.i == 31);
    assert_true(numfmt_parse_count("31.23", 5, &v));
    assert_false(v.exact);
    assert_true(v.d == 31.23);
    assert_true(numfmt_parse_count("9223372036854775807", 19, &v));
    assert_true(v.exact && v.i == INT64_MAX);
    assert_true(numfmt_parse_count("9223372036854775808", 19, &v)); /* 2^63: inexact */
    assert_false(v.exact);
    assert_true(v.d == 9223372036854775808.0);
    assert_true(numfmt_parse_count("14.2343983248722834234", 22, &v));
    assert_true(fabs(v.d - 14.2343983248722834234) < 1e-12);
    assert_false(numfmt_parse_count("18446744073709551616", 20, &v));
    assert_false(numfmt_parse_count("", 0, &v));
    assert_false(numfmt_parse_count(".5", 2, &v));
    assert_false(numfmt_parse_count("-1", 2, &v));
    assert_false(numfmt_parse_count("1e3", 3, &v));
    assert_false(numfmt_parse_count("12V.43", 6, &v));
    assert_false(numfmt_parse_count("1 ", 2, &v));
}

static void test_print_values(void **state)
{
    (void)state;
    char buf[128];
    numfmt_value(buf, sizeof buf, 7);
    assert_string_equal(buf, "7");
    numfmt_value(buf, sizeof buf, 0.1 + 0.2);
    assert_string_equal(buf, "0.30000000000000004");
    numfmt_value(buf, sizeof buf, 31.23);
    assert_string_equal(buf, "31.23");
    numfmt_value(buf, sizeof buf, 1e-7);
    assert_string_equal(buf, "0.0000001"); /* never an exponent: folded has none */
    numfmt_value(buf, sizeof buf, 1e20);
    assert_string_equal(buf, "100000000000000000000");
    numfmt_int(buf, sizeof buf, INT64_MAX);
    assert_string_equal(buf, "9223372036854775807");
}

static void test_units(void **state)
{
    (void)state;
    char buf[64];
    numfmt_unit(buf, sizeof buf, 70e6, "nanoseconds");
    assert_string_equal(buf, "70ms");
    numfmt_unit(buf, sizeof buf, 1.5e9, "nanoseconds");
    assert_string_equal(buf, "1.50s");
    numfmt_unit(buf, sizeof buf, 0, "nanoseconds");
    assert_string_equal(buf, "0");
    numfmt_unit(buf, sizeof buf, 2048, "bytes");
    assert_string_equal(buf, "2kB");
    numfmt_unit(buf, sizeof buf, 4100, "count");
    assert_string_equal(buf, "4100");
    numfmt_unit(buf, sizeof buf, 2.567, "count");
    assert_string_equal(buf, "2.57");
    /* numfmt_unit is pprof's Label: ScaledLabel(v, unit, "auto") */
    numfmt_unit(buf, sizeof buf, 16502830000000, "nanoseconds");
    assert_string_equal(buf, "4.58hrs");
    numfmt_unit(buf, sizeof buf, 1900, "microseconds");
    assert_string_equal(buf, "1.90ms");
    numfmt_unit(buf, sizeof buf, -2048, "bytes");
    assert_string_equal(buf, "-2kB");
    numfmt_unit(buf, sizeof buf, 42, "widgets");
    assert_string_equal(buf, "42");
    numfmt_unit(buf, sizeof buf, 4200, "gcu");
    assert_string_equal(buf, "4.20k*GCU");
}

/* numfmt_pprof_label into a static buffer, for compact asserts. */
static const char *label(double v, const char *from, const char *to)
{
    static char buf[128];
    size_t n = numfmt_pprof_label(buf, sizeof buf, v, from, to);
    assert_int_equal(n, strlen(buf));
    return buf;
}

/* Values and the units they were printed in, from the real `go tool pprof -top`
 * outputs in the pprof corpus (totals summed from the matching -raw files). */
static void test_pprof_labels_from_references(void **state)
{
    (void)state;
    assert_string_equal(label(7120000000, "nanoseconds", "s"), "7.12s"); /* cppbench.cpu */
    assert_string_equal(label(20000000, "nanoseconds", "s"), "0.02s");
    assert_string_equal(label(10000000, "nanoseconds", "s"), "0.01s");
    assert_string_equal(label(3030000000, "nanoseconds", "s"), "3.03s"); /* gen/cpu */
    assert_string_equal(label(2110000000, "nanoseconds", "ms"), "2110ms"); /* go.crc32 addr */
    assert_string_equal(label(170000000, "nanoseconds", "ms"), "170ms");
    assert_string_equal(label(2110000000, "nanoseconds", "s"), "2.11s"); /* go.crc32 */
    assert_string_equal(label(70000000, "nanoseconds", "ms"), "70ms");  /* java.cpu */
    assert_string_equal(label(1900, "microseconds", "us"), "1900us");   /* java.contention */
    assert_string_equal(label(200, "microseconds", "us"), "200us");
    /* cppbench.contention */
    assert_string_equal(label(690508213, "nanoseconds", "ms"), "690.51ms");
    assert_string_equal(label(75976, "nanoseconds", "ms"), "0.08ms");
    assert_string_equal(label(80935293, "bytes", "MB"), "77.19MB"); /* cppbench.heap */
    assert_string_equal(label(80941056, "bytes", "MB"), "77.19MB");
    assert_string_equal(label(2097152, "bytes", "MB"), "2MB");
    assert_string_equal(label(9968703, "bytes", "kB"), "9735.06kB"); /* java.heap */
    assert_string_equal(label(524508, "bytes", "kB"), "512.21kB");
    assert_string_equal(label(10408543, "bytes", "kB"), "10164.59kB"); /* gen/heap */
    assert_string_equal(label(10408543, "bytes", "MB"), "9.93MB");
    assert_string_equal(label(16424, "bytes", "MB"), "0.02MB");
    assert_string_equal(label(1765955, "bytes", "MB"), "1.68MB"); /* go.nomappings.crash */
    assert_string_equal(label(3500, "count", "count"), "3500");
    assert_string_equal(label(41063, "count", "count"), "41063");
    /* header labels ("Duration: ...") use "auto" */
    assert_string_equal(label(16502830000000, "nanoseconds", "auto"), "4.58hrs");
    assert_string_equal(label(16488000000000, "nanoseconds", "auto"), "4.58hrs");
    assert_string_equal(label(6019923000000, "nanoseconds", "auto"), "1.67hrs");
    assert_string_equal(label(3146238431, "nanoseconds", "auto"), "3.15s");
    assert_string_equal(label(3150000000, "nanoseconds", "auto"), "3.15s");
    assert_string_equal(label(690508213, "nanoseconds", "auto"), "690.51ms");
    assert_string_equal(label(1900, "microseconds", "auto"), "1.90ms");
    assert_string_equal(label(10000000, "nanoseconds", "auto"), "10ms"); /* a 10ms period */
}

/* The table unit pprof's selectOutputUnit picks for each reference table. */
static void test_pprof_output_unit(void **state)
{
    (void)state;
    /* gen/cpu: 10ms rows, 3.03s total: 100 x 10ms = 1s < 3.03s, so seconds */
    assert_string_equal(numfmt_pprof_output_unit(10000000, 3030000000, "nanoseconds"), "s");
    /* java.cpu: 10ms rows, 70ms total: same unit */
    assert_string_equal(numfmt_pprof_output_unit(10000000, 70000000, "nanoseconds"), "ms");
    /* java.contention delay: 200us (us) vs 1900us (ms); 100 x 200us > 1900us */
    assert_string_equal(numfmt_pprof_output_unit(200, 1900, "microseconds"), "us");
    /* go.crc32 -addresses: its smallest row is 170ms, not 10ms; 17s > 2.11s keeps ms */
    assert_string_equal(numfmt_pprof_output_unit(170000000, 2110000000, "nanoseconds"), "ms");
    /* had a 10ms row been shown, 100 x 10ms = 1s < 2.11s would give seconds */
    assert_string_equal(numfmt_pprof_output_unit(10000000, 2110000000, "nanoseconds"), "s");
    /* go.crc32 by function: one row of 2.11s */
    assert_string_equal(numfmt_pprof_output_unit(2110000000, 2110000000, "nanoseconds"), "s");
    /* cppbench.contention -addresses: 75976ns row, 100x = 7.6ms < 690.51ms */
    assert_string_equal(numfmt_pprof_output_unit(75976, 690508213, "nanoseconds"), "ms");
    /* java.heap: 512.21kB smallest, 100x > 9735.06kB: kB */
    assert_string_equal(numfmt_pprof_output_unit(524508, 9968703, "bytes"), "kB");
    /* gen/heap: 304.64kB smallest shown (kB); with node fraction 0, 16.04kB (MB) */
    assert_string_equal(numfmt_pprof_output_unit(311956, 10408543, "bytes"), "kB");
    assert_string_equal(numfmt_pprof_output_unit(16424, 10408543, "bytes"), "MB");
    /* cppbench.heap: 0.50MB rows under 77.19MB */
    assert_string_equal(numfmt_pprof_output_unit(524360, 80935293, "bytes"), "MB");
    /* min 0 means "use the total" */
    assert_string_equal(numfmt_pprof_output_unit(0, 70000000, "nanoseconds"), "ms");
    assert_string_equal(numfmt_pprof_output_unit(0, 0, "nanoseconds"), "s");
    /* counts and unknown units: the sample unit itself, which labels as pprof does */
    const char *u = numfmt_pprof_output_unit(1, 3500, "count");
    assert_string_equal(u, "count");
    assert_string_equal(label(3500, "count", u), "3500");
    u = numfmt_pprof_output_unit(2, 42, "widgets");
    assert_string_equal(u, "widgets");
    assert_string_equal(label(42, "widgets", u), "42widgets");
    assert_string_equal(numfmt_pprof_output_unit(1, 2, NULL), "");
    /* GCU */
    assert_string_equal(numfmt_pprof_output_unit(5, 3000, "milligcu"), "m*GCU");
    assert_string_equal(numfmt_pprof_output_unit(5, 30000, "milligcu"), "m*GCU"); /* 500 < 1000 */
    assert_string_equal(numfmt_pprof_output_unit(20, 300000, "milligcu"), "GCU");
}

static void test_pprof_scale(void **state)
{
    (void)state;
    const char *u = "unset";
    assert_true(numfmt_pprof_scale(2048, "bytes", "auto", &u) == 2);
    assert_string_equal(u, "kB");
    assert_true(numfmt_pprof_scale(-2048, "bytes", "minimum", &u) == -2);
    assert_string_equal(u, "kB");
    assert_true(numfmt_pprof_scale(3, "count", "count", &u) == 3);
    assert_string_equal(u, "");
    for (const char *const *to = (const char *const[]){ "sample", "unit", "minimum", "auto",
                                                         NULL };
         *to; to++) {
        assert_true(numfmt_pprof_scale(7, "widgets", *to, &u) == 7);
        assert_string_equal(u, "");
    }
    /* an unknown from-unit keeps the value and takes any other to-unit verbatim */
    assert_true(numfmt_pprof_scale(5, "count", "ms", &u) == 5);
    assert_string_equal(u, "ms");
    assert_string_equal(label(5, "count", "ms"), "5ms");
    /* an unknown to-unit of the right type falls back to the type's default */
    assert_true(numfmt_pprof_scale(1e9, "nanoseconds", "MB", &u) == 1);
    assert_string_equal(u, "s");
    assert_true(numfmt_pprof_scale(2048, "bytes", "furlongs", &u) == 2048);
    assert_string_equal(u, "B");
    /* the ratio a header needs: the total in nanoseconds */
    assert_true(numfmt_pprof_scale(1900, "microseconds", "nanoseconds", &u) == 1900000);
    assert_string_equal(u, "ns");
    assert_true(numfmt_pprof_scale(7, "count", "nanoseconds", &u) == 7);
    assert_string_equal(u, "nanoseconds");
    /* below the smallest unit, "auto" uses the default unit */
    assert_true(numfmt_pprof_scale(0, "nanoseconds", "auto", &u) == 0);
    assert_string_equal(u, "s");
    assert_true(numfmt_pprof_scale(0, "bytes", "auto", &u) == 0);
    assert_string_equal(u, "B");
    assert_true(numfmt_pprof_scale(5e8, "nanoseconds", "hours", &u) == 5e8 / 3600e9);
    assert_string_equal(u, "hrs");
    assert_true(numfmt_pprof_scale(1, "bytes", "auto", NULL) == 1); /* out_unit optional */
}

/* sniffUnit: lower-case, one trailing 's' dropped when longer than 2 bytes. */
static void test_pprof_unit_names(void **state)
{
    (void)state;
    assert_string_equal(label(1500, "NANOSECONDS", "auto"), "1.50us");
    assert_string_equal(label(1500, "Nanosecond", "auto"), "1.50us");
    assert_string_equal(label(1500, "ns", "auto"), "1.50us");
    assert_string_equal(label(1500, "us", "auto"), "1.50ms");
    assert_string_equal(label(1500, "microseconds", "auto"), "1.50ms");
    assert_string_equal(label(1500, "ms", "auto"), "1.50s");
    assert_string_equal(label(1500, "milliseconds", "auto"), "1.50s");
    assert_string_equal(label(90, "s", "auto"), "90s");
    assert_string_equal(label(90, "secs", "auto"), "90s");
    assert_string_equal(label(90, "seconds", "auto"), "90s");
    assert_string_equal(label(7200, "seconds", "auto"), "2hrs");
    assert_string_equal(label(3, "hours", "auto"), "3hrs");
    assert_string_equal(label(3, "hrs", "auto"), "3hrs");
    assert_string_equal(label(3, "hr", "auto"), "3hrs");
    assert_string_equal(label(3, "hours", "ms"), "10800000ms");
    /* "μs" is 3 bytes, so its 's' is trimmed and the alias never matches (as in
     * pprof); "μss" does */
    assert_string_equal(label(1500, "\xce\xbcs", "auto"), "1500");
    assert_string_equal(label(1500, "\xce\xbcss", "auto"), "1.50ms");
    assert_string_equal(label(1500, "\xce\x9css", "auto"), "1.50ms"); /* capital mu */
    assert_string_equal(label(1500, "b", "auto"), "1.46kB");
    assert_string_equal(label(1500, "B", "auto"), "1.46kB");
    assert_string_equal(label(1500, "bytes", "auto"), "1.46kB");
    assert_string_equal(label(1500, "KB", "auto"), "1.46MB");
    assert_string_equal(label(1500, "\xe2\x84\xaa" "B", "auto"), "1.46MB"); /* Kelvin sign */
    assert_string_equal(label(1500, "kilobytes", "auto"), "1.46MB");
    assert_string_equal(label(1500, "kbytes", "auto"), "1.46MB");
    assert_string_equal(label(3, "GB", "auto"), "3GB");
    assert_string_equal(label(3, "terabytes", "auto"), "3TB");
    assert_string_equal(label(3 * 1125899906842624.0, "bytes", "auto"), "3PB");
    assert_string_equal(label(2048, "petabytes", "auto"), "2048PB");
    assert_string_equal(label(1536, "bytes", "MB"), "0"); /* 0.0015MB prints as 0 */
    assert_string_equal(label(15728, "bytes", "MB"), "0.01MB");
    assert_string_equal(label(42, "", "auto"), "42");
    assert_string_equal(label(42, NULL, "count"), "42");
}

static void test_pprof_gcu(void **state)
{
    (void)state;
    assert_string_equal(label(1500, "milligcu", "auto"), "1.50GCU");
    assert_string_equal(label(2500000, "nanogcu", "auto"), "2.50m*GCU");
    assert_string_equal(label(1, "nanogcu", "auto"), "1n*GCU");
    assert_string_equal(label(999, "nanogcu", "auto"), "999n*GCU");
    assert_string_equal(label(7, "microgcus", "auto"), "7u*GCU");
    assert_string_equal(label(42, "GCU", "auto"), "42GCU");
    assert_string_equal(label(4200, "gcu", "auto"), "4.20k*GCU");
    assert_string_equal(label(3, "megagcu", "auto"), "3M*GCU");
    assert_string_equal(label(3, "gigagcu", "auto"), "3G*GCU");
    assert_string_equal(label(3, "teragcu", "auto"), "3T*GCU");
    assert_string_equal(label(3, "petagcu", "auto"), "3P*GCU");
    assert_string_equal(label(3e6, "petagcu", "auto"), "3000000P*GCU");
    assert_string_equal(label(3, "kilogcu", "milligcu"), "3000000m*GCU");
    assert_string_equal(label(3, "kilogcu", "bytes"), "3000GCU"); /* default unit */
    assert_string_equal(label(0, "gcu", "auto"), "0");
    assert_string_equal(label(-4200, "gcu", "auto"), "-4.20k*GCU");
}

static void test_pprof_negative_and_zero(void **state)
{
    (void)state;
    assert_string_equal(label(-1.5e9, "nanoseconds", "auto"), "-1.50s");
    assert_string_equal(label(-20000000, "nanoseconds", "s"), "-0.02s");
    assert_string_equal(label(-2048, "bytes", "auto"), "-2kB");
    assert_string_equal(label(-3500, "count", "count"), "-3500");
    assert_string_equal(label(-42, "widgets", "widgets"), "-42widgets");
    assert_string_equal(label(0, "nanoseconds", "auto"), "0");
    assert_string_equal(label(0, "nanoseconds", "ms"), "0");
    assert_string_equal(label(0, "count", "count"), "0");
    assert_string_equal(label(0, "widgets", "widgets"), "0"); /* no unit on zero */
    assert_string_equal(label(4000000, "nanoseconds", "s"), "0"); /* rounds to 0.00 */
    assert_string_equal(label(-4000000, "nanoseconds", "s"), "0"); /* "-0.00" */
    assert_string_equal(label(5000000, "nanoseconds", "s"), "0.01s"); /* 0.005 is above the tie */
    assert_string_equal(label(0.125, "count", "count"), "0.12"); /* exact tie: to even */
    assert_string_equal(label(0.375, "count", "count"), "0.38");
    assert_string_equal(label(2.5, "count", "count"), "2.50");
    assert_string_equal(label(100, "count", "count"), "100");
    /* below one of the smallest unit: "auto" falls back to the default unit */
    assert_string_equal(label(0.5, "nanoseconds", "auto"), "0");
    assert_string_equal(label(0.5, "bytes", "auto"), "0.50B");
    /* unknown units */
    assert_string_equal(label(42, "widgets", "widgets"), "42widgets");
    assert_string_equal(label(42, "widgets", "auto"), "42");
    assert_string_equal(label(42, "widgets", "minimum"), "42");
    assert_string_equal(label(42.5, "widgets", "gizmos"), "42.50gizmos");
    /* a small buffer truncates but reports the full length, like snprintf */
    char small[4];
    assert_int_equal(numfmt_pprof_label(small, sizeof small, 9735.06 * 1024, "bytes", "kB"), 9);
    assert_string_equal(small, "973");
}

static void test_percent(void **state)
{
    (void)state;
    char buf[32];
    numfmt_percent(buf, sizeof buf, 20, 70);
    assert_string_equal(buf, "28.57%");
    numfmt_percent(buf, sizeof buf, 70, 70);
    assert_string_equal(buf, "  100%");
    numfmt_percent(buf, sizeof buf, 0, 70);
    assert_string_equal(buf, "    0%");
    numfmt_percent(buf, sizeof buf, 1, 200);
    assert_string_equal(buf, "  0.5%");
    numfmt_percent(buf, sizeof buf, 5, 0);
    assert_string_equal(buf, "    0%");
    /* the header ratios of the reference outputs (total ns / duration ns) */
    numfmt_percent(buf, sizeof buf, 3030000000, 3146238431); /* gen/cpu */
    assert_string_equal(buf, "96.31%");
    numfmt_percent(buf, sizeof buf, 690508213, 16502830000000); /* cppbench.contention */
    assert_string_equal(buf, "0.0042%");
    numfmt_percent(buf, sizeof buf, 1900000, 6019923000000); /* java.contention */
    assert_string_equal(buf, "3.2e-05%"); /* Go's %5.2g and C's agree */
    numfmt_percent(buf, sizeof buf, 3400, 3500);
    assert_string_equal(buf, "97.14%");
    numfmt_percent(buf, sizeof buf, 3, 41063);
    assert_string_equal(buf, "0.0073%");
    numfmt_percent(buf, sizeof buf, 8, 100000);
    assert_string_equal(buf, "0.008%");
    numfmt_percent(buf, sizeof buf, 9996, 1000000); /* 0.9996 rounds up to "1" */
    assert_string_equal(buf, "    1%");
    numfmt_percent(buf, sizeof buf, 99.96, 100);
    assert_string_equal(buf, "  100%");
    numfmt_percent(buf, sizeof buf, 99.94, 100);
    assert_string_equal(buf, "99.94%");
    numfmt_percent(buf, sizeof buf, -20, 70); /* magnitude */
    assert_string_equal(buf, "28.57%");
}

/* The unpadded share and the sidebar's one-decimal column. */
static void test_share_and_percent1(void **state)
{
    (void)state;
    char b[32];
    numfmt_share(b, sizeof b, 1, 1);
    assert_string_equal(b, "100%");
    numfmt_share(b, sizeof b, 2, 7);
    assert_string_equal(b, "28.57%");
    numfmt_share(b, sizeof b, 1, 200);
    assert_string_equal(b, "0.5%");
    numfmt_share(b, sizeof b, 5, 0);
    assert_string_equal(b, "0%");
    numfmt_percent1(b, sizeof b, 35, 100, 6);
    assert_string_equal(b, " 35.0%");
    numfmt_percent1(b, sizeof b, 8, 1000, 0);
    assert_string_equal(b, "0.8%");
    numfmt_percent1(b, sizeof b, 1, 0, 6);
    assert_string_equal(b, "     -");
    numfmt_percent1(b, sizeof b, 1, 0, 0);
    assert_string_equal(b, "-");
    numfmt_percent1(b, sizeof b, 12345, 100, 6);
    assert_string_equal(b, "12345%"); /* wider than the column: not cut */
    numfmt_percent1(b, sizeof b, -50, 10, 6);
    assert_string_equal(b, " -500%");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_counts),
        cmocka_unit_test(test_print_values),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_pprof_labels_from_references),
        cmocka_unit_test(test_pprof_output_unit),
        cmocka_unit_test(test_pprof_scale),
        cmocka_unit_test(test_pprof_unit_names),
        cmocka_unit_test(test_pprof_gcu),
        cmocka_unit_test(test_pprof_negative_and_zero),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_share_and_percent1),
    };
    return cmocka_run_group_tests_name("numfmt", tests, NULL, NULL);
}
