/* test_util.h - helpers shared by the cmocka unit tests (header-only). */
#ifndef FLAMEX_TEST_UTIL_H
#define FLAMEX_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "flamex/output/export.h"
#include "flamex/load/load.h"
#include "flamex/model/profile.h"
#include "flamex/view/frame.h"

/* How many times longer than usual a timed test may take: FLAMEX_TEST_TIME_FACTOR
 * (`make check-valgrind` sets it, memcheck runs code 20-50 times slower), else 1. */
static inline double test_time_factor(void)
{
    const char *f = getenv("FLAMEX_TEST_TIME_FACTOR");
    double v = f ? strtod(f, NULL) : 1.0;
    return v >= 1.0 ? v : 1.0;
}

/* Path of a file under tests/data (FLAMEX_TEST_DATA, or ../tests/data when run by hand). */
static inline const char *test_data_path(const char *rel)
{
    static char buf[4096];
    const char *dir = getenv("FLAMEX_TEST_DATA");
    snprintf(buf, sizeof buf, "%s/%s", dir ? dir : "tests/data", rel);
    return buf;
}

/* Load sample-profiles/NAME (FLAMEX_SAMPLES, or sample-profiles when run by
 * hand); fails the test if it does not load. */
static inline struct profile *test_load_sample(const char *name)
{
    char path[4096];
    const char *dir = getenv("FLAMEX_SAMPLES");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "sample-profiles", name);
    struct load_options o = { 0 };
    struct error_record err;
    struct profile *p = load_profile(path, &o, NULL, &err);
    if (!p) {
        fail_msg("%s: %s", path, err.message);
        abort();
    }
    return p;
}

/* Write n bytes to a new temporary file and return its malloc'd path. */
static inline char *test_write_temp(const void *data, size_t n)
{
    const char *tmp = getenv("TMPDIR");
    char *path = malloc(4096);
    snprintf(path, 4096, "%s/flamex-test-XXXXXX", tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, n), (ssize_t)n);
    close(fd);
    return path;
}

/* Load a folded profile from a string; returns NULL (err filled) on failure. */
static inline struct profile *test_load_string(const char *text, bool strict,
                                               struct load_report *report,
                                               struct error_record *err)
{
    char *path = test_write_temp(text, strlen(text));
    struct load_options opts = { .format = LOAD_FORMAT_AUTO, .strict = strict };
    struct profile *p = load_profile(path, &opts, report, err);
    unlink(path);
    free(path);
    return p;
}

/* Load a folded profile from a string, strictly; fails the test if it does not load. */
static inline struct profile *test_load(const char *text)
{
    struct error_record err;
    struct profile *p = test_load_string(text, true, NULL, &err);
    if (!p) {
        fail_msg("load failed: %s", err.message);
        abort();
    }
    return p;
}

/* The node at a ';'-separated path of frame names from the root, or TREE_NONE. */
static inline uint32_t test_find_path(const struct profile *p, const char *path)
{
    uint32_t node = TREE_ROOT;
    const char *s = path;
    for (;;) {
        const char *semi = strchr(s, ';');
        size_t n = semi ? (size_t)(semi - s) : strlen(s);
        uint32_t name = strtab_find(p->names, s, n);
        if (name == STRTAB_NONE)
            return TREE_NONE;
        node = tree_find_child(p->tree, node, name);
        if (node == TREE_NONE || !semi)
            return node;
        s = semi + 1;
    }
}

/* Export a profile as folded text (both counts for a differential one) into a
 * malloc'd string. */
static inline char *test_export(const struct profile *p)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    size_t types[2] = { 0, 1 };
    size_t def = p->default_type;
    struct export_options ex = { .types = p->differential ? types : &def,
                                 .ntypes = p->differential ? 2 : 1,
                                 .sanitize = false };
    assert_true(export_folded(out, p, &ex));
    fclose(out);
    return buf;
}

/* Read a whole file into a malloc'd NUL-terminated string (*len gets its size). */
static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* A one-line folded profile: a stack of frames f0;f1;... (frame i is named
 * f(i % names), or f(i) when names is 0) with the given count. *len (if not
 * NULL) receives the length; free() the result. */
static inline char *test_chain_text(size_t frames, size_t names, int count, size_t *len)
{
    char *text = malloc(frames * 12 + 32);
    size_t n = 0;
    for (size_t i = 0; i < frames; i++)
        n += (size_t)sprintf(text + n, "%sf%zu", i ? ";" : "", names ? i % names : i);
    n += (size_t)sprintf(text + n, " %d\n", count);
    if (len)
        *len = n;
    return text;
}

/* Problems reported by the theme/config/keymap loaders, collected for asserts. */
#define TEST_MAX_PROBLEMS 64

struct problems {
    int n;
    struct error_record rec[TEST_MAX_PROBLEMS];
};

/* error_report_fn that records each problem into a struct problems. */
static inline void collect(void *ctx, const struct error_record *e)
{
    struct problems *p = ctx;
    if (p->n < TEST_MAX_PROBLEMS)
        p->rec[p->n] = *e;
    p->n++;
}

/* Print every collected problem (cmocka's print_message) for a failing test. */
static inline void dump(const struct problems *p)
{
    for (int i = 0; i < p->n && i < TEST_MAX_PROBLEMS; i++) {
        char buf[1200];
        error_format(&p->rec[i], buf, sizeof buf);
        print_message("  problem: %s\n", buf);
    }
}

/* Fail unless a problem at line:column has a message containing frag. */
static inline void expect_problem(const struct problems *p, uint64_t line, uint64_t column,
                                  const char *frag)
{
    for (int i = 0; i < p->n && i < TEST_MAX_PROBLEMS; i++) {
        if (p->rec[i].line == line && p->rec[i].column == column &&
            strstr(p->rec[i].message, frag))
            return;
    }
    dump(p);
    fail_msg("no problem at %llu:%llu containing \"%s\"", (unsigned long long)line,
             (unsigned long long)column, frag);
}

/* Row y of frame f as text into buf (cap bytes), trailing blanks removed
 * when trim is set; returns buf. */
static inline const char *test_frame_row(const struct frame *f, int y, bool trim, char *buf,
                                         size_t cap)
{
    size_t n = 0;
    for (int x = 0; x < f->cols && n + UTF8_GLYPH_SIZE < cap; x++) {
        const struct cell *c = &f->cells[(size_t)y * (size_t)f->cols + (size_t)x];
        memcpy(buf + n, c->glyph, c->len);
        n += c->len;
    }
    while (trim && n && buf[n - 1] == ' ')
        n--;
    buf[n] = '\0';
    return buf;
}

#endif
