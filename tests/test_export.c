/* test_export.c - canonical folded export; every valid corpus file round-trips.
 *
 * The oracle here is deliberately independent of the loader: it splits lines
 * with its own code, merges with a sorted array and sums integers in 128 bits.
 */
#include "test_util.h"

#include <dirent.h>
#include <math.h>

struct oracle_line {
    char *key;
    size_t key_len;
    int ncounts;
    unsigned __int128 isum[2];
    long double dsum[2];
    bool integral[2];
};

static bool oracle_is_count(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0)
        return false;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    return i == n;
}

static bool oracle_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int oracle_cmp(const void *pa, const void *pb)
{
    const struct oracle_line *a = pa, *b = pb;
    size_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
    int c = memcmp(a->key, b->key, n);
    if (c)
        return c;
    return (a->key_len > b->key_len) - (a->key_len < b->key_len);
}

/* Parse folded text into merged, sorted lines, reading at most max_counts
 * counts per line; *all_two says whether every line had two. */
static struct oracle_line *oracle_parse_counts(const char *text, int max_counts, bool *all_two,
                                               size_t *count)
{
    *all_two = true;
    size_t cap = 64, n = 0;
    struct oracle_line *lines = calloc(cap, sizeof *lines);
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *s = p;
        p = nl ? nl + 1 : p + len;
        while (len && oracle_ws(s[len - 1]))
            len--;
        while (len && oracle_ws(*s)) {
            s++;
            len--;
        }
        if (!len || *s == '#')
            continue;
        const char *tok[2];
        size_t tok_len[2];
        int found = 0;
        size_t end = len;
        while (found < max_counts) {
            size_t i = end;
            while (i && !oracle_ws(s[i - 1]))
                i--;
            if (!i || !oracle_is_count(s + i, end - i))
                break;
            tok[found] = s + i;
            tok_len[found] = end - i;
            found++;
            while (i && oracle_ws(s[i - 1]))
                i--;
            end = i;
        }
        if (found && (found < 2 || !end))
            *all_two = false;
        if (!found || !end)
            continue;
        while (end && s[end - 1] == ';')
            end--;
        if (n == cap) {
            cap *= 2;
            lines = realloc(lines, cap * sizeof *lines);
        }
        struct oracle_line *l = &lines[n++];
        memset(l, 0, sizeof *l);
        l->key = strndup(s, end);
        l->key_len = end;
        l->ncounts = found;
        for (int k = 0; k < found; k++) {
            int slot = found == 2 ? 1 - k : 0; /* tokens were found right to left */
            char buf[128];
            snprintf(buf, sizeof buf, "%.*s", (int)tok_len[k], tok[k]);
            l->dsum[slot] = strtold(buf, NULL);
            l->integral[slot] = floorl(l->dsum[slot]) == l->dsum[slot];
            unsigned __int128 v = 0;
            for (const char *c = buf; *c && *c != '.'; c++)
                v = v * 10 + (unsigned)(*c - '0');
            l->isum[slot] = v;
        }
    }
    qsort(lines, n, sizeof *lines, oracle_cmp);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (out && oracle_cmp(&lines[out - 1], &lines[i]) == 0) {
            for (int k = 0; k < 2; k++) {
                lines[out - 1].isum[k] += lines[i].isum[k];
                lines[out - 1].dsum[k] += lines[i].dsum[k];
                lines[out - 1].integral[k] = lines[out - 1].integral[k] && lines[i].integral[k];
            }
            free(lines[i].key);
        } else {
            lines[out++] = lines[i];
        }
    }
    *count = out;
    return lines;
}

/* Parse folded text as the loader reads a file: two counts per line only when
 * every line has two, else one (a first number is part of the stack). */
static struct oracle_line *oracle_parse(const char *text, size_t *count)
{
    bool all_two;
    struct oracle_line *lines = oracle_parse_counts(text, 2, &all_two, count);
    if (all_two)
        return lines;
    for (size_t i = 0; i < *count; i++)
        free(lines[i].key);
    free(lines);
    return oracle_parse_counts(text, 1, &all_two, count);
}

static void oracle_free(struct oracle_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i].key);
    free(lines);
}

/* Export must equal the oracle: same keys in the same order, equal values. */
static void check_round_trip(const char *rel)
{
    size_t len;
    char *text = test_read_file(test_data_path(rel), &len);
    assert_non_null(text);
    struct load_options opts = { 0 };
    struct error_record err;
    struct profile *p = load_profile(test_data_path(rel), &opts, NULL, &err);
    if (!p)
        fail_msg("%s: %s", rel, err.message);
    char *out = test_export(p);

    size_t ne, ng;
    struct oracle_line *expect = oracle_parse(text, &ne);
    struct oracle_line *got = oracle_parse(out, &ng);
    if (ne != ng)
        fail_msg("%s: %zu lines expected, %zu exported", rel, ne, ng);
    for (size_t i = 0; i < ne; i++) {
        if (oracle_cmp(&expect[i], &got[i]) != 0)
            fail_msg("%s: line %zu: stack differs", rel, i + 1);
        for (int k = 0; k < 2; k++) {
            if (expect[i].integral[k] && expect[i].isum[k] != got[i].isum[k])
                fail_msg("%s: line %zu: integer count differs", rel, i + 1);
            long double d = fabsl(expect[i].dsum[k] - got[i].dsum[k]);
            if (d > 1e-9L * fabsl(expect[i].dsum[k]))
                fail_msg("%s: line %zu: count differs", rel, i + 1);
        }
    }
    /* The export is itself sorted and merged: its lines are strictly increasing. */
    char *prev_out = out;
    struct profile *again = NULL;
    {
        char *path = test_write_temp(out, strlen(out));
        again = load_profile(path, &opts, NULL, &err);
        unlink(path);
        free(path);
    }
    assert_non_null(again);
    char *out2 = test_export(again);
    assert_string_equal(prev_out, out2); /* idempotent */
    size_t nl = 0;
    for (const char *c = out; *c; c++)
        nl += *c == '\n';
    assert_int_equal(nl, ng);
    /* lines in strictly increasing byte order, as LC_ALL=C sort gives them */
    const char *line = out;
    const char *next;
    while ((next = strchr(line, '\n')) && next[1]) {
        const char *after = strchr(next + 1, '\n');
        size_t la = (size_t)(next - line), lb = after ? (size_t)(after - next - 1) : strlen(next + 1);
        int c = memcmp(line, next + 1, la < lb ? la : lb);
        if (c > 0 || (c == 0 && la >= lb))
            fail_msg("%s: export lines out of order at '%.*s'", rel, (int)la, line);
        line = next + 1;
    }
    free(out2);
    profile_free(again);
    oracle_free(expect, ne);
    oracle_free(got, ng);
    free(out);
    free(text);
    profile_free(p);
}

static void test_every_corpus_file_round_trips(void **state)
{
    (void)state;
    DIR *d = opendir(test_data_path("folded"));
    assert_non_null(d);
    struct dirent *e;
    int checked = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 8 || strcmp(e->d_name + n - 7, ".folded") != 0)
            continue;
        if (strcmp(e->d_name, "empty.folded") == 0)
            continue; /* not valid: no stacks */
        char rel[512];
        snprintf(rel, sizeof rel, "folded/%s", e->d_name);
        check_round_trip(rel);
        checked++;
    }
    closedir(d);
    assert_true(checked >= 29);
}

static void test_exact_text(void **state)
{
    (void)state;
    struct error_record err;
    struct profile *p = test_load_string("b;x 2\na 1.50\nb 3\na 0.25\nb;x 5\nc 0\n"
                                         "a b 1\na;z 2\n",
                                         true, NULL, &err);
    assert_non_null(p);
    char *out = test_export(p);
    /* byte order of the stack text: "a" < "a b" < "a;z" (' ' < ';'); ints without '.'. */
    assert_string_equal(out, "a 1.75\na b 1\na;z 2\nb 3\nb;x 7\nc 0\n");
    free(out);
    profile_free(p);
}

static void test_line_order_with_spaces_and_empty_frames(void **state)
{
    (void)state;
    struct error_record err;
    struct load_report r;
    /* "a 3" sorts before "a 50" as whole lines; a lone ";" stack is rejected, so
     * every exported line loads again. */
    struct profile *p = test_load_string("a 50\na 3;x 1\n; 2\n;x 4\na;;b 5\n", false, &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 1);
    char *out = test_export(p);
    assert_string_equal(out, ";x 4\na 3;x 1\na 50\na;;b 5\n");
    struct profile *again = test_load_string(out, true, &r, &err);
    assert_non_null(again);
    char *out2 = test_export(again);
    assert_string_equal(out, out2);
    free(out);
    free(out2);
    profile_free(p);
    profile_free(again);
}

static void test_differential_export(void **state)
{
    (void)state;
    struct error_record err;
    struct profile *p = test_load_string("m;b 1 2\nm;a 3 0\nm;a 1 1\n", true, NULL, &err);
    assert_non_null(p);
    char *out = test_export(p);
    assert_string_equal(out, "m;a 4 1\nm;b 1 2\n");
    free(out);
    profile_free(p);
}

static void test_sanitized_when_asked(void **state)
{
    (void)state;
    struct error_record err;
    struct profile *p = test_load_string("evil\x1b]0;pwned\x07;x 1\n", true, NULL, &err);
    assert_non_null(p);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    size_t t = 0;
    struct export_options ex = { .types = &t, .ntypes = 1, .sanitize = true };
    assert_true(export_folded(f, p, &ex));
    fclose(f);
    assert_null(memchr(buf, '\x1b', len));
    assert_null(memchr(buf, '\x07', len));
    free(buf);
    char *raw = test_export(p);
    assert_non_null(strchr(raw, '\x1b'));
    free(raw);
    profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_corpus_file_round_trips),
        cmocka_unit_test(test_exact_text),
        cmocka_unit_test(test_line_order_with_spaces_and_empty_frames),
        cmocka_unit_test(test_differential_export),
        cmocka_unit_test(test_sanitized_when_asked),
    };
    return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
