/* test_pbwire.c - the protobuf wire reader and writer. */
#include "test_util.h"

#include "flamex/load/pbwire.h"

static void test_varint_round_trip(void **state)
{
    (void)state;
    static const uint64_t values[] = { 0, 1, 127, 128, 300, 16383, 16384, UINT32_MAX,
                                       (uint64_t)1 << 63, UINT64_MAX, (uint64_t)-5 };
    struct pb_writer w = { 0 };
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        pb_write_varint(&w, values[i]);
    struct pb_reader r;
    pb_reader_init(&r, w.data, w.len);
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        uint64_t v;
        assert_true(pb_read_varint(&r, &v));
        assert_true(v == values[i]);
    }
    assert_true(pb_at_end(&r));
    pb_writer_free(&w);
}

static void test_bad_varints(void **state)
{
    (void)state;
    struct pb_reader r;
    uint64_t v;
    pb_reader_init(&r, (const uint8_t *)"\x80\x80", 2);
    assert_false(pb_read_varint(&r, &v));
    assert_string_equal(r.error, "truncated varint");
    assert_int_equal(r.error_offset, 0);

    /* ten bytes whose last carries more than the 64th bit */
    pb_reader_init(&r, (const uint8_t *)"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 10);
    assert_false(pb_read_varint(&r, &v));
    assert_string_equal(r.error, "varint longer than 64 bits");

    /* eleven bytes */
    pb_reader_init(&r, (const uint8_t *)"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x81\x01", 11);
    assert_false(pb_read_varint(&r, &v));
}

static void test_fields(void **state)
{
    (void)state;
    struct pb_writer w = { 0 };
    pb_write_uint(&w, 1, 150);
    pb_write_bytes(&w, 2, "testing", 7);
    pb_write_tag(&w, 3, PB_FIXED32);
    pb_write_raw(&w, "\x01\x02\x03\x04", 4);
    pb_write_tag(&w, 4, PB_FIXED64);
    pb_write_raw(&w, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    pb_write_uint(&w, 536870911, 1); /* the largest field number */
    struct pb_reader r;
    pb_reader_init(&r, w.data, w.len);
    struct pb_field f;
    assert_true(pb_next_field(&r, &f));
    assert_true(f.number == 1 && f.wire == PB_VARINT && f.value == 150 && f.offset == 0);
    assert_true(pb_next_field(&r, &f));
    assert_true(f.number == 2 && f.wire == PB_LEN && f.len == 7 && memcmp(f.data, "testing", 7) == 0);
    assert_int_equal(f.offset, 3);
    assert_true(pb_next_field(&r, &f));
    assert_true(f.wire == PB_FIXED32 && f.value == 0x04030201);
    assert_true(pb_next_field(&r, &f));
    assert_true(f.wire == PB_FIXED64 && f.value == UINT64_C(0x0807060504030201));
    assert_true(pb_next_field(&r, &f));
    assert_true(f.number == 536870911);
    assert_false(pb_next_field(&r, &f));
    assert_true(pb_at_end(&r));
    pb_writer_free(&w);
}

static void test_malformed_fields(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        const char *error;
        uint64_t offset;
    } cases[] = {
        { "\x00\x01", 2, "invalid field number", 0 },
        { "\x08\x01\x0e", 3, "unknown wire type", 2 },             /* wire type 6 */
        { "\x0b", 1, "protobuf groups are not used by profile.proto", 0 },
        { "\x12\x05" "ab", 4, "length field points past the end of its message", 1 },
        { "\x12\xff\xff\xff\xff\x7f", 6, "length field points past the end of its message", 1 },
        { "\x0d\x01\x02", 3, "truncated fixed32 field", 0 },
        { "\x09\x01\x02\x03", 4, "truncated fixed64 field", 0 },
        { "\x08", 1, "truncated varint", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct pb_reader r;
        struct pb_field f;
        pb_reader_init(&r, (const uint8_t *)cases[i].bytes, cases[i].len);
        while (pb_next_field(&r, &f))
            ;
        if (!r.error || strcmp(r.error, cases[i].error) != 0 || r.error_offset != cases[i].offset)
            fail_msg("case %zu: got '%s' at %llu, want '%s' at %llu", i, r.error ? r.error : "none",
                     (unsigned long long)r.error_offset, cases[i].error,
                     (unsigned long long)cases[i].offset);
    }
}

struct collected {
    uint64_t v[16];
    size_t n;
};

static bool collect_varint(void *ctx, uint64_t v)
{
    struct collected *c = ctx;
    if (c->n == 16)
        return false;
    c->v[c->n++] = v;
    return true;
}

static void test_packed(void **state)
{
    (void)state;
    uint64_t values[] = { 1, 300, UINT64_MAX, 0 };
    struct pb_writer w = { 0 };
    pb_write_packed(&w, 1, values, 4);
    pb_write_uint(&w, 1, 9); /* the same field, unpacked */
    struct pb_reader r;
    pb_reader_init(&r, w.data, w.len);
    struct pb_field f;
    struct collected c = { .n = 0 };
    assert_true(pb_next_field(&r, &f));
    assert_int_equal(pb_count_packed(f.data, f.len), 4);
    assert_true(pb_each_varint(&r, &f, collect_varint, &c));
    assert_true(pb_next_field(&r, &f));
    assert_true(pb_each_varint(&r, &f, collect_varint, &c));
    assert_int_equal(c.n, 5);
    assert_true(c.v[1] == 300 && c.v[2] == UINT64_MAX && c.v[4] == 9);
    pb_writer_free(&w);

    /* a packed payload ending inside a varint: the offset is inside the buffer */
    const uint8_t bad[] = { 0x0a, 0x02, 0x01, 0x80 };
    pb_reader_init(&r, bad, sizeof bad);
    assert_true(pb_next_field(&r, &f));
    c.n = 0;
    assert_false(pb_each_varint(&r, &f, collect_varint, &c));
    assert_string_equal(r.error, "truncated varint");
    assert_int_equal(r.error_offset, 3);

    /* a fixed32 where integers belong */
    const uint8_t wrong[] = { 0x0d, 1, 2, 3, 4 };
    pb_reader_init(&r, wrong, sizeof wrong);
    assert_true(pb_next_field(&r, &f));
    assert_false(pb_each_varint(&r, &f, collect_varint, &c));
}

static void test_sub_reader_offsets(void **state)
{
    (void)state;
    struct pb_writer inner = { 0 }, outer = { 0 };
    pb_write_uint(&outer, 1, 1);
    pb_write_tag(&inner, 2, PB_LEN);
    pb_write_varint(&inner, 100); /* past the end of the sub-message */
    pb_write_bytes(&outer, 5, inner.data, inner.len);
    struct pb_reader r, sub;
    struct pb_field f, g;
    pb_reader_init(&r, outer.data, outer.len);
    assert_true(pb_next_field(&r, &f));
    assert_true(pb_next_field(&r, &f));
    pb_reader_sub(&sub, &r, f.data, f.len);
    assert_false(pb_next_field(&sub, &g));
    assert_int_equal(sub.error_offset, 5); /* 2 (first field) + 2 (tag, len) + 1 (inner tag) */
    pb_writer_free(&inner);
    pb_writer_free(&outer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_varint_round_trip),
        cmocka_unit_test(test_bad_varints),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_malformed_fields),
        cmocka_unit_test(test_packed),
        cmocka_unit_test(test_sub_reader_offsets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
