/* test_numfmt.c - count parsing and exact/pprof-style printing. */
#include "test_util.h"

#include "flamex/numfmt.h"

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
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_counts),
        cmocka_unit_test(test_print_values),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_percent),
    };
    return cmocka_run_group_tests_name("numfmt", tests, NULL, NULL);
}
