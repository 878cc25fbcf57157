/* test_strtab.c - interning: ids, lookups, raw bytes, growth. */
#include "test_util.h"

#include "flamex/model/strtab.h"

static void test_intern_same_id(void **state)
{
    (void)state;
    struct strtab *t = strtab_new();
    uint32_t a = strtab_intern(t, "main", 4);
    uint32_t b = strtab_intern(t, "foo", 3);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    assert_int_equal(strtab_intern(t, "main", 4), a);
    assert_int_equal(strtab_count(t), 2);
    size_t len;
    assert_memory_equal(strtab_get(t, b, &len), "foo", 3);
    assert_int_equal(len, 3);
    strtab_free(t);
}

static void test_raw_bytes_and_empty(void **state)
{
    (void)state;
    struct strtab *t = strtab_new();
    const char raw[] = { 'a', '\0', '\x1b', 'b' };
    uint32_t r = strtab_intern(t, raw, sizeof raw);
    uint32_t e = strtab_intern(t, "", 0);
    uint32_t a = strtab_intern(t, "a", 1);
    assert_int_not_equal(r, a);
    assert_int_not_equal(r, e);
    size_t len;
    assert_memory_equal(strtab_get(t, r, &len), raw, sizeof raw);
    assert_int_equal(len, 4);
    assert_int_equal(strtab_find(t, "", 0), e);
    assert_int_equal(strtab_find(t, "zz", 2), STRTAB_NONE);
    strtab_free(t);
}

static void test_growth_keeps_ids(void **state)
{
    (void)state;
    struct strtab *t = strtab_new();
    char buf[32];
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(buf, sizeof buf, "func_%d", i);
        assert_int_equal(strtab_intern(t, buf, (size_t)n), (uint32_t)i);
    }
    for (int i = 0; i < 100000; i += 997) {
        int n = snprintf(buf, sizeof buf, "func_%d", i);
        assert_int_equal(strtab_find(t, buf, (size_t)n), (uint32_t)i);
        size_t len;
        assert_memory_equal(strtab_get(t, (uint32_t)i, &len), buf, (size_t)n);
    }
    assert_int_equal(strtab_count(t), 100000);
    strtab_free(t);
}

static void test_compare_byte_order(void **state)
{
    (void)state;
    struct strtab *t = strtab_new();
    uint32_t a = strtab_intern(t, "a", 1);
    uint32_t ab = strtab_intern(t, "ab", 2);
    uint32_t B = strtab_intern(t, "B", 1);
    uint32_t hi = strtab_intern(t, "\xc3\xa9", 2);
    assert_true(strtab_compare(t, a, ab) < 0);
    assert_true(strtab_compare(t, B, a) < 0);
    assert_true(strtab_compare(t, ab, hi) < 0);
    assert_int_equal(strtab_compare(t, a, a), 0);
    strtab_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intern_same_id),
        cmocka_unit_test(test_raw_bytes_and_empty),
        cmocka_unit_test(test_growth_keeps_ids),
        cmocka_unit_test(test_compare_byte_order),
    };
    return cmocka_run_group_tests_name("strtab", tests, NULL, NULL);
}
