/* test_input.c - plain and gzip input, truncation, size cap, long lines. */
#include "test_util.h"

#include "flamex/load/input.h"

#include <zlib.h>

/* gzip-compress data into a malloc'd buffer. */
static unsigned char *gzip_bytes(const char *data, size_t n, size_t *out_len)
{
    z_stream z = { 0 };
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, n) + 64;
    unsigned char *out = malloc(cap);
    z.next_in = (unsigned char *)(uintptr_t)data;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out_len = z.total_out;
    deflateEnd(&z);
    return out;
}

/* Read every line of path, joined with '\n'; returns -1 on error (err filled). */
static int read_lines(const char *path, const struct input_options *o, char **text,
                      struct error_record *err, bool *gz)
{
    struct input *in = input_open(path, o, err);
    if (!in)
        return -1;
    size_t cap = 1024, n = 0;
    char *buf = malloc(cap);
    const char *line;
    size_t len;
    int rc;
    while ((rc = input_next_line(in, &line, &len, err)) > 0) {
        while (n + len + 2 > cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        memcpy(buf + n, line, len);
        n += len;
        buf[n++] = '\n';
    }
    buf[n] = '\0';
    if (gz)
        *gz = input_is_gzip(in);
    input_close(in);
    *text = buf;
    return rc;
}

static void test_plain_lines(void **state)
{
    (void)state;
    const char *data = "a;b 1\r\n\nc 2"; /* CRLF kept for the loader; last line has no newline */
    char *path = test_write_temp(data, strlen(data));
    char *text;
    struct error_record err;
    bool gz = true;
    assert_int_equal(read_lines(path, NULL, &text, &err, &gz), 0);
    assert_string_equal(text, "a;b 1\r\n\nc 2\n");
    assert_false(gz);
    free(text);
    unlink(path);
    free(path);
}

static void test_gzip_detected_by_content(void **state)
{
    (void)state;
    const char *data = "main;work 10\nmain 3\n";
    size_t zlen;
    unsigned char *z = gzip_bytes(data, strlen(data), &zlen);
    char *path = test_write_temp(z, zlen); /* no .gz suffix on purpose */
    char *text;
    struct error_record err;
    bool gz = false;
    assert_int_equal(read_lines(path, NULL, &text, &err, &gz), 0);
    assert_string_equal(text, data);
    assert_true(gz);
    free(text);
    unlink(path);
    free(path);
    free(z);
}

static void test_truncated_gzip_is_an_error(void **state)
{
    (void)state;
    char data[20000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (i % 50 == 49) ? '\n' : (char)('a' + (i * 7919) % 26);
    size_t zlen;
    unsigned char *z = gzip_bytes(data, sizeof data, &zlen);
    char *path = test_write_temp(z, zlen / 2);
    char *text = NULL;
    struct error_record err;
    assert_int_equal(read_lines(path, NULL, &text, &err, NULL), -1);
    assert_non_null(strstr(err.message, "gzip"));
    assert_string_equal(err.path, path);
    free(text);
    unlink(path);
    free(path);
    free(z);
}

static void test_size_cap(void **state)
{
    (void)state;
    char data[5000];
    memset(data, 'x', sizeof data);
    data[sizeof data - 1] = '\n';
    char *path = test_write_temp(data, sizeof data);
    struct input_options o = { .max_size = 1000 };
    char *text = NULL;
    struct error_record err;
    assert_int_equal(read_lines(path, &o, &text, &err, NULL), -1);
    assert_non_null(strstr(err.message, "size limit of 1000 bytes"));
    free(text);
    o.max_size = 5000;
    assert_int_equal(read_lines(path, &o, &text, &err, NULL), 0);
    free(text);
    unlink(path);
    free(path);
}

static void test_long_lines_cross_buffers(void **state)
{
    (void)state;
    size_t n = 3u << 20; /* one 3 MiB line, longer than the 1 MiB read chunk */
    char *data = malloc(n + 8);
    memset(data, 'f', n);
    memcpy(data + n, "\nab\n", 4);
    char *path = test_write_temp(data, n + 4);
    struct input *in = input_open(path, NULL, NULL);
    assert_non_null(in);
    const char *line;
    size_t len;
    struct error_record err;
    assert_int_equal(input_next_line(in, &line, &len, &err), 1);
    assert_int_equal(len, n);
    assert_int_equal(input_next_line(in, &line, &len, &err), 1);
    assert_int_equal(len, 2);
    assert_int_equal(input_line_number(in), 2);
    assert_int_equal(input_next_line(in, &line, &len, &err), 0);
    input_close(in);

    struct input_options o = { .max_line = 1 << 20 };
    in = input_open(path, &o, NULL);
    assert_int_equal(input_next_line(in, &line, &len, &err), -1);
    assert_non_null(strstr(err.message, "line longer"));
    input_close(in);
    unlink(path);
    free(path);
    free(data);
}

static void test_missing_file_and_directory(void **state)
{
    (void)state;
    struct error_record err;
    assert_null(input_open("/nonexistent/flamex/file", NULL, &err));
    assert_string_equal(err.path, "/nonexistent/flamex/file");
    assert_non_null(strstr(err.message, "No such file"));
    assert_null(input_open("/", NULL, &err));
    assert_non_null(strstr(err.message, "directory"));
}

static void test_peek_then_read_all(void **state)
{
    (void)state;
    const char *data = "0123456789";
    char *path = test_write_temp(data, 10);
    struct input *in = input_open(path, NULL, NULL);
    const char *p;
    size_t len;
    struct error_record err;
    assert_true(input_peek(in, 4, &p, &len, &err));
    assert_true(len >= 4);
    assert_memory_equal(p, "0123", 4);
    char *all;
    assert_true(input_read_all(in, &all, &len, &err));
    assert_int_equal(len, 10);
    assert_memory_equal(all, data, 10);
    free(all);
    input_close(in);
    unlink(path);
    free(path);
}

/* input_rewind: a regular file, plain or gzip, is read again from its first
 * line with the counts restarted; a pipe cannot be, and says so. */
static void test_rewind(void **state)
{
    (void)state;
    const char *data = "main;a 1\nmain;b 2\nmain;c 3\n";
    size_t zlen;
    unsigned char *z = gzip_bytes(data, strlen(data), &zlen);
    char *paths[2] = { test_write_temp(data, strlen(data)), test_write_temp(z, zlen) };
    for (int i = 0; i < 2; i++) {
        struct error_record err;
        struct input *in = input_open(paths[i], NULL, &err);
        assert_non_null(in);
        assert_true(input_can_rewind(in));
        const char *line;
        size_t len;
        assert_int_equal(input_next_line(in, &line, &len, &err), 1);
        assert_int_equal(input_next_line(in, &line, &len, &err), 1);
        assert_int_equal(input_line_number(in), 2);
        assert_true(input_rewind(in, &err));
        assert_int_equal(input_line_number(in), 0);
        assert_int_equal(input_bytes_out(in), 0);
        assert_int_equal(input_next_line(in, &line, &len, &err), 1);
        assert_int_equal(input_line_number(in), 1);
        assert_int_equal(len, 8);
        assert_memory_equal(line, "main;a 1", 8);
        int n = 1;
        while (input_next_line(in, &line, &len, &err) > 0)
            n++;
        assert_int_equal(n, 3);
        assert_int_equal(input_bytes_out(in), strlen(data));
        assert_int_equal(input_is_gzip(in), i == 1);
        input_close(in);
        unlink(paths[i]);
        free(paths[i]);
    }
    free(z);

    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], data, strlen(data)), (ssize_t)strlen(data));
    close(fds[1]);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
    struct error_record err;
    struct input *in = input_open(path, NULL, &err);
    assert_non_null(in);
    assert_false(input_can_rewind(in));
    assert_false(input_rewind(in, &err));
    assert_non_null(strstr(err.message, "not a regular file"));
    input_close(in);
    close(fds[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_lines),
        cmocka_unit_test(test_gzip_detected_by_content),
        cmocka_unit_test(test_truncated_gzip_is_an_error),
        cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_long_lines_cross_buffers),
        cmocka_unit_test(test_missing_file_and_directory),
        cmocka_unit_test(test_peek_then_read_all),
        cmocka_unit_test(test_rewind),
    };
    return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
