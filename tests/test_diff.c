/* test_diff.c - merging BEFORE and AFTER (diff.c) and the comparison report (report_diff.c). */
#include "test_util.h"

#include <math.h>

#include "flamex/analysis/diff.h"
#include "flamex/output/report_diff.h"

/* Merge type 0 of two folded texts; fails the test when the merge fails. */
static struct profile *merge_texts(const char *before, const char *after)
{
    struct profile *b = test_load(before);
    struct profile *a = test_load(after);
    struct error_record err;
    struct profile *m = diff_merge(b, 0, a, 0, NULL, &err);
    if (!m)
        fail_msg("merge failed: %s", err.message);
    profile_free(b);
    profile_free(a);
    return m;
}

/* The node at path in merged; fails the test when it is missing. */
static uint32_t node_at(const struct profile *m, const char *path)
{
    uint32_t node = test_find_path(m, path);
    if (node == TREE_NONE)
        fail_msg("no node at %s", path);
    return node;
}

static double self_of(const struct profile *m, const char *path, size_t t)
{
    return tree_self(m->tree, node_at(m, path), t);
}

static double total_of(const struct profile *m, const char *path, size_t t)
{
    return tree_total(m->tree, node_at(m, path), t);
}

/* The larger-of-the-two columns nest: every node's total in them is at least
 * either side's total (BEFORE scaled for the normalised one) and at least the
 * sum of its children's totals, so the layout of that mode never overflows. */
static void assert_larger_nests(const struct profile *m)
{
    const struct tree *tree = m->tree;
    double scale = diff_scale(m, 0);
    uint32_t count = tree_count(tree);
    for (uint32_t n = 0; n < count; n++) {
        double b = tree_total(tree, n, DIFF_BEFORE), a = tree_total(tree, n, DIFF_AFTER);
        double l = tree_total(tree, n, DIFF_LARGER), ln = tree_total(tree, n, DIFF_LARGER_NORM);
        double eps = 1e-9 * (fabs(ln) + fabs(l) + 1);
        assert_true(l >= b && l >= a);
        assert_true(ln + eps >= b * scale && ln + eps >= a);
        size_t nk;
        const uint32_t *kids = tree_children(tree, n, TREE_ORDER_ALPHA, &nk);
        double sum_l = 0, sum_ln = 0;
        for (size_t i = 0; i < nk; i++) {
            sum_l += tree_total(tree, kids[i], DIFF_LARGER);
            sum_ln += tree_total(tree, kids[i], DIFF_LARGER_NORM);
        }
        assert_true(l + eps >= sum_l);
        assert_true(ln + eps >= sum_ln);
    }
}

static void test_paths_in_one_side_or_both(void **state)
{
    (void)state;
    struct profile *m = merge_texts("a;b 10\na;c 5\n", "a;b 4\na;d 6\nx 2\n");
    assert_true(m->differential);
    assert_int_equal(m->ntypes, DIFF_NTYPES);
    assert_int_equal(m->default_type, DIFF_AFTER);
    /* the columns are named as the sides' sample types */
    assert_string_equal(m->types[DIFF_BEFORE].name, "samples");
    assert_string_equal(m->types[DIFF_AFTER].name, "samples");
    assert_string_equal(m->types[DIFF_AFTER].unit, "count");
    assert_non_null(strstr(m->source, " vs "));
    assert_int_equal(m->stacks, 5);
    /* root, a, a;b, a;c, a;d, x: one node per path of the union */
    assert_int_equal(tree_count(m->tree), 6);

    int64_t v;
    assert_true(tree_self_exact(m->tree, node_at(m, "a;b"), DIFF_BEFORE, &v));
    assert_int_equal(v, 10);
    assert_true(tree_self_exact(m->tree, node_at(m, "a;b"), DIFF_AFTER, &v));
    assert_int_equal(v, 4);
    assert_true(self_of(m, "a;c", DIFF_BEFORE) == 5 && self_of(m, "a;c", DIFF_AFTER) == 0);
    assert_true(self_of(m, "a;d", DIFF_BEFORE) == 0 && self_of(m, "a;d", DIFF_AFTER) == 6);
    assert_true(self_of(m, "x", DIFF_BEFORE) == 0 && self_of(m, "x", DIFF_AFTER) == 2);
    assert_true(total_of(m, "a", DIFF_BEFORE) == 15 && total_of(m, "a", DIFF_AFTER) == 10);
    assert_true(tree_total(m->tree, TREE_ROOT, DIFF_BEFORE) == 15);
    assert_true(tree_total(m->tree, TREE_ROOT, DIFF_AFTER) == 12);
    assert_true(tree_total_exact(m->tree, TREE_ROOT, DIFF_AFTER, &v));
    assert_int_equal(v, 12);

    /* larger of the two, per node's self value */
    assert_true(self_of(m, "a;b", DIFF_LARGER) == 10);
    assert_true(self_of(m, "a;c", DIFF_LARGER) == 5);
    assert_true(self_of(m, "a;d", DIFF_LARGER) == 6);
    assert_true(total_of(m, "a", DIFF_LARGER) == 21);
    assert_true(tree_total(m->tree, TREE_ROOT, DIFF_LARGER) == 23);
    assert_larger_nests(m);

    assert_true(diff_change(m, 0, node_at(m, "a;b"), false) == -6);
    assert_true(diff_change(m, 0, node_at(m, "a;d"), false) == 6);
    profile_free(m);
}

static void test_exact_and_fractional_values(void **state)
{
    (void)state;
    /* 2^53 + 1 is not a double: it must survive the merge as an integer */
    struct profile *m = merge_texts("a 9007199254740993\nb 1\n", "a 9007199254740993\nb 2\n");
    int64_t v;
    assert_true(tree_self_exact(m->tree, node_at(m, "a"), DIFF_BEFORE, &v));
    assert_true(v == INT64_C(9007199254740993));
    assert_true(tree_self_exact(m->tree, node_at(m, "a"), DIFF_AFTER, &v));
    assert_true(v == INT64_C(9007199254740993));
    assert_true(tree_self_exact(m->tree, node_at(m, "a"), DIFF_LARGER, &v));
    assert_true(v == INT64_C(9007199254740993));
    assert_true(tree_total_exact(m->tree, TREE_ROOT, DIFF_AFTER, &v));
    assert_true(v == INT64_C(9007199254740995));
    profile_free(m);

    m = merge_texts("a;b 1.5\na 0.25\n", "a;b 2\nc 0.5\n");
    assert_false(tree_self_exact(m->tree, node_at(m, "a;b"), DIFF_BEFORE, NULL));
    assert_true(self_of(m, "a;b", DIFF_BEFORE) == 1.5);
    assert_true(self_of(m, "a", DIFF_BEFORE) == 0.25);
    assert_true(total_of(m, "a", DIFF_BEFORE) == 1.75);
    assert_true(self_of(m, "a;b", DIFF_AFTER) == 2);
    assert_true(self_of(m, "c", DIFF_AFTER) == 0.5);
    assert_true(tree_total(m->tree, TREE_ROOT, DIFF_AFTER) == 2.5);
    assert_true(self_of(m, "a;b", DIFF_LARGER) == 2);
    assert_true(self_of(m, "a", DIFF_LARGER) == 0.25);
    assert_true(total_of(m, "a", DIFF_LARGER) == 2.25);
    assert_larger_nests(m);
    profile_free(m);
}

static void test_normalisation(void **state)
{
    (void)state;
    struct profile *m = merge_texts("a 10\nb 30\n", "a 20\nb 60\nc 20\n");
    assert_true(diff_scale(m, 0) == 2.5);
    uint32_t a = node_at(m, "a"), b = node_at(m, "b"), c = node_at(m, "c");
    assert_true(diff_before(m, 0, a, false) == 10);
    assert_true(diff_before(m, 0, a, true) == 25);
    assert_true(diff_after(m, 0, a) == 20);
    assert_true(diff_change(m, 0, a, false) == 10);
    assert_true(diff_change(m, 0, a, true) == -5);
    assert_true(diff_change(m, 0, b, true) == -15);
    assert_true(diff_change(m, 0, c, true) == 20);
    assert_true(diff_before(m, 0, TREE_ROOT, true) == diff_after(m, 0, TREE_ROOT));
    /* normalised larger column: max(before * 2.5, after) per node */
    assert_true(tree_self(m->tree, a, DIFF_LARGER_NORM) == 25);
    assert_true(tree_self(m->tree, b, DIFF_LARGER_NORM) == 75);
    assert_true(tree_self(m->tree, c, DIFF_LARGER_NORM) == 20);
    assert_true(tree_self(m->tree, a, DIFF_LARGER) == 20);
    assert_true(tree_total(m->tree, TREE_ROOT, DIFF_LARGER_NORM) == 120);
    assert_larger_nests(m);
    profile_free(m);

    /* an empty side: no scaling */
    m = merge_texts("a 0\n", "a 3\n");
    assert_true(diff_scale(m, 0) == 1);
    assert_true(diff_before(m, 0, node_at(m, "a"), true) == 0);
    profile_free(m);
}

/* A deterministic folded text: n stacks of depth 1..8 over 12 names, counts
 * 1..100; variant perturbs some stacks (other leaves, other counts, dropped
 * lines) so that the two share most paths. */
static char *random_folded(unsigned n, unsigned variant)
{
    size_t cap = (size_t)n * 128 + 1, len = 0;
    char *text = malloc(cap);
    uint64_t s = 0x9e3779b97f4a7c15u;
    for (unsigned i = 0; i < n; i++) {
        s = s * 6364136223846793005u + 1442695040888963407u;
        uint32_t r = (uint32_t)(s >> 33);
        unsigned depth = 1 + r % 8;
        unsigned count = 1 + (r >> 3) % 100;
        if (variant && r % 7 == 0)
            continue;
        if (variant && r % 5 == 0)
            count = count * 3 + 1;
        for (unsigned d = 0; d < depth; d++) {
            unsigned name = (r >> (d * 3)) % 12;
            if (variant && d == depth - 1 && r % 11 == 0)
                name += 12;
            len += (size_t)snprintf(text + len, cap - len, "%sf%u", d ? ";" : "", name);
        }
        len += (size_t)snprintf(text + len, cap - len, " %u\n", count);
    }
    return text;
}

static void test_larger_columns_nest(void **state)
{
    (void)state;
    char *b = random_folded(400, 0), *a = random_folded(400, 1);
    struct profile *m = merge_texts(b, a);
    assert_true(diff_scale(m, 0) != 1);
    assert_larger_nests(m);
    /* every path of either side is in the merge with its own totals */
    struct profile *pb = test_load(b), *pa = test_load(a);
    assert_true(tree_total(m->tree, TREE_ROOT, DIFF_BEFORE) == tree_total(pb->tree, TREE_ROOT, 0));
    assert_true(tree_total(m->tree, TREE_ROOT, DIFF_AFTER) == tree_total(pa->tree, TREE_ROOT, 0));
    assert_true(tree_count(m->tree) >= tree_count(pb->tree));
    assert_true(tree_count(m->tree) >= tree_count(pa->tree));
    assert_true(tree_count(m->tree) < tree_count(pb->tree) + tree_count(pa->tree) - 1);
    profile_free(pb);
    profile_free(pa);
    free(b);
    free(a);
    profile_free(m);
}

/* The README's example merged: recommendation-api.folded (*b) against
 * recommendation-api-after.folded (*a). */
static struct profile *merge_article(struct profile **b, struct profile **a)
{
    *b = test_load_sample("recommendation-api.folded");
    *a = test_load_sample("recommendation-api-after.folded");
    struct error_record err;
    struct profile *m = diff_merge(*b, 0, *a, 0, NULL, &err);
    assert_non_null(m);
    return m;
}

/* diff_functions of pair 0 within root. */
static void rank_functions(const struct profile *m, uint32_t root, enum hot_order by,
                           bool normalise, struct diff_functions *fl)
{
    struct diff_rank r = { 0, root, by, normalise };
    diff_functions(m, &r, fl);
}

static void test_same_profile_on_both_sides(void **state)
{
    (void)state;
    struct profile *p = test_load("a;b 3\na;c 4\nd;e;f 2\n");
    struct error_record err;
    struct profile *m = diff_merge(p, 0, p, 0, NULL, &err);
    assert_non_null(m);
    assert_int_equal(tree_count(m->tree), tree_count(p->tree));
    assert_int_equal(m->stacks, p->stacks);
    assert_true(diff_scale(m, 0) == 1);
    for (uint32_t n = 0; n < tree_count(m->tree); n++) {
        assert_true(diff_before(m, 0, n, false) == diff_after(m, 0, n));
        assert_true(diff_change(m, 0, n, true) == 0);
        assert_true(tree_total(m->tree, n, DIFF_LARGER) == diff_after(m, 0, n));
        assert_true(diff_present(m, n, DIFF_BEFORE) && diff_present(m, n, DIFF_AFTER));
    }
    struct diff_functions fl;
    rank_functions(m, TREE_ROOT, HOT_BY_FLAT, true, &fl);
    assert_int_equal(fl.count, 6);
    assert_int_equal(fl.grew, 0);
    assert_int_equal(fl.shrank, 0);
    diff_functions_free(&fl);
    profile_free(m);
    profile_free(p);
}

static void test_two_count_folded_lines(void **state)
{
    (void)state;
    struct profile *p = test_load("a;b 3 5\na;c 4 0\nd 0 2\n");
    assert_true(p->differential);
    assert_int_equal(p->ntypes, 2);
    struct error_record err;
    struct profile *m = diff_merge(p, 0, p, 1, NULL, &err);
    assert_non_null(m);
    assert_int_equal(tree_count(m->tree), tree_count(p->tree));
    assert_true(self_of(m, "a;b", DIFF_BEFORE) == 3 && self_of(m, "a;b", DIFF_AFTER) == 5);
    assert_true(self_of(m, "a;c", DIFF_BEFORE) == 4 && self_of(m, "a;c", DIFF_AFTER) == 0);
    assert_true(self_of(m, "d", DIFF_BEFORE) == 0 && self_of(m, "d", DIFF_AFTER) == 2);
    assert_true(tree_total(m->tree, TREE_ROOT, DIFF_BEFORE) == 7);
    assert_true(tree_total(m->tree, TREE_ROOT, DIFF_AFTER) == 7);
    assert_false(diff_present(m, node_at(m, "a;c"), DIFF_AFTER));
    assert_false(diff_present(m, node_at(m, "d"), DIFF_BEFORE));
    assert_larger_nests(m);
    profile_free(m);
    profile_free(p);
}

/* One line of a two-count expected file: the stack (cut in place) and its counts. */
static bool parse_two_counts(char *line, double *c1, double *c2)
{
    char *sp2 = strrchr(line, ' ');
    if (!sp2)
        return false;
    *sp2 = '\0';
    char *sp1 = strrchr(line, ' ');
    if (!sp1)
        return false;
    *sp1 = '\0';
    *c1 = strtod(sp1 + 1, NULL);
    *c2 = strtod(sp2 + 1, NULL);
    return true;
}

/* Check merged (of two files) against an expected two-count file: each
 * stack's after self value equals the second count, and the before self value
 * (scaled when normalise) truncated as inferno truncates equals the first. */
static void check_against_expected(const struct profile *m, const char *expected_rel,
                                   bool normalise)
{
    char *text = test_read_file(test_data_path(expected_rel), NULL);
    assert_non_null(text);
    double scale = normalise ? diff_scale(m, 0) : 1;
    double sum1 = 0, sum2 = 0;
    int lines = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        double c1 = 0, c2 = 0;
        assert_true(parse_two_counts(line, &c1, &c2));
        uint32_t node = node_at(m, line);
        double before = tree_self(m->tree, node, DIFF_BEFORE) * scale;
        double after = tree_self(m->tree, node, DIFF_AFTER);
        if (!(before >= c1 && before < c1 + 1))
            fail_msg("%s: expected before %g, have %g", line, c1, before);
        assert_true(after == c2);
        sum1 += c1;
        sum2 += c2;
        lines++;
    }
    assert_true(lines > 5);
    assert_true(sum2 == tree_total(m->tree, TREE_ROOT, DIFF_AFTER));
    if (!normalise)
        assert_true(fabs(sum1 - tree_total(m->tree, TREE_ROOT, DIFF_BEFORE)) < lines);
    free(text);
}

static struct profile *load_data(const char *rel)
{
    struct load_options opts = { 0 };
    struct error_record err;
    struct profile *p = load_profile(test_data_path(rel), &opts, NULL, &err);
    if (!p)
        fail_msg("%s: %s", rel, err.message);
    return p;
}

static void test_difffolded_expectations(void **state)
{
    (void)state;
    struct profile *b = load_data("folded/diff-folded-before.folded");
    struct profile *bf = load_data("folded/diff-folded-before_fractionals.folded");
    struct profile *a = load_data("folded/diff-folded-after.folded");
    struct error_record err;
    struct profile *m = diff_merge(b, 0, a, 0, NULL, &err);
    assert_non_null(m);
    check_against_expected(m, "folded/diff-folded-default.expected.folded", false);
    check_against_expected(m, "folded/diff-folded-normalize.expected.folded", true);
    assert_true(diff_scale(m, 0) == 80.0 / 65.0);
    assert_larger_nests(m);

    /* the expected file itself is a two-count file: merging its two columns
     * gives the same values per path */
    struct profile *e = load_data("folded/diff-folded-default.expected.folded");
    assert_true(e->differential);
    struct profile *me = diff_merge(e, 0, e, 1, NULL, &err);
    assert_non_null(me);
    check_against_expected(me, "folded/diff-folded-default.expected.folded", false);
    assert_true(diff_scale(me, 0) == diff_scale(m, 0));
    profile_free(me);
    profile_free(e);
    profile_free(m);

    /* fractional BEFORE counts are kept (inferno truncates them) */
    m = diff_merge(bf, 0, a, 0, NULL, &err);
    assert_non_null(m);
    check_against_expected(m, "folded/diff-folded-fractionals.expected.folded", false);
    assert_true(self_of(m, "dd;[unknown];read;system_call_[k];__fdget_pos_[k]", DIFF_BEFORE) ==
                11.98);
    profile_free(m);
    profile_free(b);
    profile_free(bf);
    profile_free(a);
}

static void test_present_and_nearest(void **state)
{
    (void)state;
    struct profile *m = merge_texts("a;b;c;d 1\nx 1\n", "a;b 1\na;z 0\n");
    uint32_t abcd = node_at(m, "a;b;c;d"), ab = node_at(m, "a;b"), az = node_at(m, "a;z"),
             a = node_at(m, "a"), x = node_at(m, "x");
    assert_true(diff_present(m, TREE_ROOT, DIFF_BEFORE) && diff_present(m, TREE_ROOT, DIFF_AFTER));
    assert_true(diff_present(m, abcd, DIFF_BEFORE));
    assert_false(diff_present(m, abcd, DIFF_AFTER));
    assert_true(diff_present(m, ab, DIFF_AFTER));
    assert_int_equal(diff_nearest_present(m, abcd, DIFF_AFTER), ab);
    assert_int_equal(diff_nearest_present(m, abcd, DIFF_BEFORE), abcd);
    assert_int_equal(diff_nearest_present(m, x, DIFF_AFTER), TREE_ROOT);
    /* a zero-count stack makes a node but not a present path */
    assert_false(diff_present(m, az, DIFF_AFTER));
    assert_false(diff_present(m, az, DIFF_BEFORE));
    assert_int_equal(diff_nearest_present(m, az, DIFF_AFTER), a);
    assert_int_equal(diff_nearest_present(m, az, DIFF_BEFORE), a);
    profile_free(m);
}

static const struct diff_function *find_function(const struct diff_functions *fl, const char *name)
{
    for (size_t i = 0; i < fl->count; i++) {
        const struct diff_function *f = &fl->items[i];
        if (f->len == strlen(name) && memcmp(f->bytes, name, f->len) == 0)
            return f;
    }
    return NULL;
}

static void assert_item(const struct diff_functions *fl, size_t i, const char *name)
{
    if (fl->items[i].len != strlen(name) || memcmp(fl->items[i].bytes, name, strlen(name)) != 0)
        fail_msg("item %zu is %.*s, expected %s", i, (int)fl->items[i].len, fl->items[i].bytes,
                 name);
}

static void test_functions_ranking(void **state)
{
    (void)state;
    /* AFTER has twice the samples: normalised, the ranking is by share, so
     * doubling changes nothing */
    struct profile *m = merge_texts("main;f 40\nmain;g 35\nmain;h 25\n",
                                    "main;f 120\nmain;g 30\nmain;k 50\n");
    struct diff_functions fl;
    rank_functions(m, TREE_ROOT, HOT_BY_FLAT, true, &fl);
    assert_int_equal(fl.count, 5);
    assert_true(fl.before_total == 100 && fl.after_total == 200);
    assert_int_equal(fl.grew, 2);
    assert_int_equal(fl.shrank, 2);
    assert_item(&fl, 0, "k"); /* +25 */
    assert_item(&fl, 1, "f"); /* +20 */
    assert_item(&fl, 2, "main");
    assert_item(&fl, 3, "g"); /* -20 */
    assert_item(&fl, 4, "h"); /* -25: largest shrink last */
    const struct diff_function *f = find_function(&fl, "f");
    assert_true(f->before_flat == 40 && f->after_flat == 120);
    assert_true(f->before == 40 && f->after == 120);
    assert_true(f->before_pct == 40 && f->after_pct == 60 && f->change == 20);
    const struct diff_function *k = find_function(&fl, "k");
    assert_true(k->before_flat == 0 && k->before_cum == 0 && k->after_cum == 50);
    const struct diff_function *mn = find_function(&fl, "main");
    assert_true(mn->before_cum == 100 && mn->after_cum == 200 && mn->change == 0);
    diff_functions_free(&fl);
    assert_int_equal(fl.count, 0);
    assert_null(fl.items);

    /* scope: within main;g only g is there, on both sides */
    rank_functions(m, node_at(m, "main;g"), HOT_BY_FLAT, true, &fl);
    assert_int_equal(fl.count, 1);
    assert_true(fl.before_total == 35 && fl.after_total == 30);
    assert_true(fl.items[0].before_pct == 100 && fl.items[0].change == 0);
    assert_int_equal(fl.grew + fl.shrank, 0);
    diff_functions_free(&fl);
    profile_free(m);

    /* equal changes are ordered by name; recursion counts once in cum */
    m = merge_texts("r;b 50\nr;a 50\n", "r;x;x;x 100\n");
    rank_functions(m, TREE_ROOT, HOT_BY_FLAT, true, &fl);
    assert_int_equal(fl.grew, 1);
    assert_int_equal(fl.shrank, 2);
    assert_item(&fl, fl.count - 2, "a");
    assert_item(&fl, fl.count - 1, "b");
    assert_true(find_function(&fl, "x")->after_cum == 100);
    diff_functions_free(&fl);
    profile_free(m);
}

/* Issue 13, on the README's example: raw, only the functions whose counts
 * changed are ranked (model.predict's 451 is the same in both files); by
 * total, serialize_response (2501 -> 351) is; within a zoom, only its
 * functions, their shares of the zoomed frame. */
static void test_functions_raw_total_and_scope(void **state)
{
    (void)state;
    struct profile *b, *a;
    struct profile *m = merge_article(&b, &a);
    struct diff_functions fl;

    rank_functions(m, TREE_ROOT, HOT_BY_FLAT, true, &fl);
    assert_int_equal(fl.grew, 9); /* shares grew: the total fell 52% */
    assert_item(&fl, 0, "model.predict");
    assert_true(fabs(fl.items[0].change - (100.0 * 451 / 1950 - 11)) < 1e-9);
    assert_true(fl.items[0].before == 451 && fl.items[0].after == 451); /* never scaled */
    assert_true(fl.rank.normalise && fl.rank.by == HOT_BY_FLAT);
    diff_functions_free(&fl);

    rank_functions(m, TREE_ROOT, HOT_BY_FLAT, false, &fl);
    assert_int_equal(fl.grew, 2);
    assert_int_equal(fl.shrank, 4);
    assert_int_equal(fl.same, 7); /* model.predict and six others */
    assert_item(&fl, 0, "orjson.dumps");
    assert_true(fl.items[0].change == 52);
    assert_item(&fl, fl.count - 1, "_make_iterencode.<locals>._iterencode");
    assert_true(fl.items[fl.count - 1].change == -1435);
    const struct diff_function *mp = find_function(&fl, "model.predict");
    assert_true(mp->change == 0);
    assert_true(mp >= &fl.items[fl.grew] && mp < &fl.items[fl.grew + fl.same]);
    /* functions with no self value on either side come after the unchanged */
    assert_true(find_function(&fl, "handle_request") >= &fl.items[fl.grew + fl.same]);
    diff_functions_free(&fl);

    rank_functions(m, TREE_ROOT, HOT_BY_CUM, false, &fl);
    assert_int_equal(fl.shrank, 7);
    const struct diff_function *sr = find_function(&fl, "serialize_response");
    assert_true(sr->before == 2501 && sr->after == 351 && sr->change == -2150);
    assert_true(sr->before_cum == 2501 && sr->before_flat == 0);
    assert_true(sr >= &fl.items[fl.count - fl.shrank]);
    diff_functions_free(&fl);

    rank_functions(m, TREE_ROOT, HOT_BY_CUM, true, &fl);
    sr = find_function(&fl, "serialize_response");
    assert_true(fabs(sr->change - (18 - 61)) < 1e-9);
    assert_item(&fl, fl.count - 1, "serialize_response"); /* the largest loss of share */
    diff_functions_free(&fl);

    uint32_t zoom = test_find_path(m, "handle_request;serialize_response");
    rank_functions(m, zoom, HOT_BY_CUM, false, &fl);
    assert_true(fl.before_total == 2501 && fl.after_total == 351);
    assert_null(find_function(&fl, "model.predict"));
    assert_int_equal(fl.rank.root, zoom);
    diff_functions_free(&fl);
    profile_free(m);
    profile_free(b);
    profile_free(a);
}

/* Several pairs of sample types in one merged profile: the node ids are
 * shared, each pair has its own columns, names, unit and scale. */
static void test_merge_pairs(void **state)
{
    (void)state;
    struct profile *b = test_load("a;x 10 1\na;y 30 3\n");
    struct profile *a = test_load("a;x 20 2\na;z 5 50\n");
    struct error_record err;
    struct diff_pair pairs[2] = { { 1, 1 }, { 0, 0 } };
    struct profile *m = diff_merge_pairs(b, a, pairs, 2, NULL, &err);
    assert_non_null(m);
    assert_int_equal(diff_npairs(m), 2);
    assert_int_equal(m->ntypes, 2 * DIFF_NTYPES);
    assert_int_equal(m->default_type, diff_type_of(0, DIFF_AFTER));
    assert_int_equal(diff_type_of(1, DIFF_LARGER), DIFF_NTYPES + DIFF_LARGER);
    assert_int_equal(diff_pair_of(diff_type_of(1, DIFF_AFTER)), 1);
    assert_string_equal(m->types[diff_type_of(0, DIFF_BEFORE)].name, "after");
    assert_string_equal(m->types[diff_type_of(1, DIFF_AFTER)].name, "before");
    assert_int_equal(tree_count(m->tree), 5); /* root, a, a;x, a;y, a;z */
    uint32_t x = test_find_path(m, "a;x"), z = test_find_path(m, "a;z");
    assert_true(diff_before(m, 0, x, false) == 1 && diff_after(m, 0, x) == 2);
    assert_true(diff_before(m, 1, x, false) == 10 && diff_after(m, 1, x) == 20);
    assert_true(diff_scale(m, 0) == 52.0 / 4 && diff_scale(m, 1) == 25.0 / 40);
    assert_true(diff_change(m, 1, z, false) == 5);
    assert_true(diff_present(m, z, diff_type_of(1, DIFF_AFTER)));
    assert_false(diff_present(m, z, diff_type_of(1, DIFF_BEFORE)));
    assert_true(tree_total(m->tree, TREE_ROOT, diff_type_of(1, DIFF_LARGER)) == 30 + 20 + 5);
    struct diff_functions fl;
    struct diff_rank r = { 1, TREE_ROOT, HOT_BY_FLAT, false };
    diff_functions(m, &r, &fl);
    assert_item(&fl, 0, "x"); /* +10 */
    assert_item(&fl, fl.count - 1, "y"); /* -30 */
    diff_functions_free(&fl);
    profile_free(m);

    /* out of range: no pairs, or more than fit */
    assert_null(diff_merge_pairs(b, a, pairs, 0, NULL, &err));
    assert_non_null(strstr(err.message, "pairs of sample types"));
    struct diff_pair many[DIFF_MAX_PAIRS + 1] = { { 0, 0 } };
    assert_null(diff_merge_pairs(b, a, many, DIFF_MAX_PAIRS + 1, NULL, &err));
    profile_free(b);
    profile_free(a);
}

/* Types with different units compare without a unit; the same unit stays. */
static void test_pair_units(void **state)
{
    (void)state;
    struct profile *sides[2];
    const char *names[2] = { "cpu", "samples" }, *units[2] = { "nanoseconds", "count" };
    for (int s = 0; s < 2; s++) {
        struct error_record err;
        sides[s] = profile_new(s ? "b.pb" : "a.pb", PROFILE_FORMAT_PPROF);
        assert_true(profile_set_types(sides[s], 2, names, units, &err));
        struct frame_ref fr[1] = { { "main", 4 } };
        struct sample_value v[2] = { { 100, 100, true }, { 1, 1, true } };
        assert_true(profile_add_stack(sides[s], fr, 1, v, 0, &err));
        profile_finish(sides[s]);
    }
    struct error_record err;
    struct diff_pair pairs[2] = { { 0, 0 }, { 1, 0 } };
    struct profile *m = diff_merge_pairs(sides[0], sides[1], pairs, 2, NULL, &err);
    assert_non_null(m);
    assert_string_equal(m->types[diff_type_of(0, DIFF_AFTER)].unit, "nanoseconds");
    assert_string_equal(m->types[diff_type_of(1, DIFF_AFTER)].unit, "count");
    assert_string_equal(m->types[diff_type_of(1, DIFF_BEFORE)].unit, "count");
    profile_free(m);
    profile_free(sides[0]);
    profile_free(sides[1]);
}

static void test_node_limit(void **state)
{
    (void)state;
    struct profile *b = test_load("a;b 1\n"), *a = test_load("c;d 1\n");
    struct profile_limits lim = { .max_nodes = 4 };
    struct error_record err;
    memset(&err, 0, sizeof err);
    /* root + a, a;b, c, c;d = 5 nodes: over a limit of 4 */
    assert_null(diff_merge(b, 0, a, 0, &lim, &err));
    assert_non_null(strstr(err.message, "limit of 4 tree nodes"));
    assert_non_null(strstr(err.message, "--max-nodes"));
    /* also when the first side alone is too big */
    lim.max_nodes = 2;
    assert_null(diff_merge(b, 0, a, 0, &lim, &err));
    lim.max_nodes = 5;
    struct profile *m = diff_merge(b, 0, a, 0, &lim, &err);
    assert_non_null(m);
    assert_int_equal(tree_count(m->tree), 5);
    profile_free(m);
    profile_free(b);
    profile_free(a);
}

/* ---- the text report ---------------------------------------------------- */

static char *report_text(const struct profile *m, const struct report_diff_options *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_true(report_diff(f, m, o));
    fclose(f);
    return buf;
}

/* The names of the rows under the heading that starts with head (up to max
 * rows): what follows the row's first ncols whitespace-separated numbers. */
static size_t rows_under(const char *text, const char *head, size_t ncols, char names[][96],
                         size_t max)
{
    const char *at = strstr(text, head);
    if (!at)
        fail_msg("no \"%s\" in the report:\n%s", head, text);
    at = strchr(at, '\n') + 1;
    if (strncmp(at, "Showing top", 11) == 0)
        at = strchr(at, '\n') + 1;
    at = strchr(at, '\n') + 1; /* the column header */
    size_t n = 0;
    while (n < max && *at && *at != '\n') {
        const char *end = strchr(at, '\n');
        const char *p = at;
        for (size_t c = 0; c < ncols; c++) {
            while (*p == ' ')
                p++;
            while (*p != ' ' && p < end)
                p++;
        }
        while (*p == ' ')
            p++;
        snprintf(names[n], 96, "%.*s", (int)(end - p), p);
        n++;
        at = end + 1;
    }
    return n;
}

static void test_report_walkthrough(void **state)
{
    (void)state;
    struct profile *b, *a;
    struct profile *m = merge_article(&b, &a);
    struct report_diff_options o = report_diff_default_options();
    assert_int_equal(o.limit, 20);
    assert_true(o.normalise);
    o.before_path = "before.folded";
    o.after_path = "after.folded";
    o.type_names = true;
    char *text = report_text(m, &o);
    assert_non_null(strstr(text, "BEFORE: before.folded (folded)\n"));
    assert_non_null(strstr(text, "AFTER:  after.folded (folded)\n"));
    assert_non_null(strstr(text, "Sample type: samples (count)\n"));
    assert_non_null(strstr(text, "Total: BEFORE 4100, AFTER 1950, change -2150 (-52.44%)\n"));
    assert_non_null(strstr(text, "Normalised: ranked by change of share"));
    assert_non_null(strstr(text, "norm.chg = after - before x 0.47561 (AFTER's total / BEFORE's)"));

    /* serialize_response's total: 2501 of 4100 (61%) to 351 of 1950 (18%),
     * the counts as measured; 351 - 2501 * 1950 / 4100 = -838.5 normalised
     * (issue 13: the scaled 1189.50 was printed as if it were BEFORE's count) */
    assert_non_null(strstr(text, "  61.00%   18.00%  -43.00%       2501        351      -2150  "
                                 "   -838.50  handle_request;serialize_response\n"));

    /* the shrink list starts with the JSON encoding and the image URLs */
    char names[8][96];
    size_t n = rows_under(text, "Largest shrink", 7, names, 8);
    assert_int_equal(n, 4);
    assert_string_equal(names[0], "_make_iterencode.<locals>._iterencode");
    assert_string_equal(names[1], "_resolve_image_urls");
    assert_string_equal(names[2], "json.dumps");
    assert_string_equal(names[3], "_encoder.encode");
    assert_non_null(strstr(text, "Largest shrink (self value, by change of share): "
                                 "4 functions lost share\n"));
    assert_non_null(strstr(text, "  35.00%       0%  -35.00%       1435          0      -1435  "
                                 "   -682.50  _make_iterencode.<locals>._iterencode\n"));

    /* normalised, model.predict gained share; its count is the same */
    n = rows_under(text, "Largest growth", 7, names, 8);
    assert_int_equal(n, 8);
    assert_string_equal(names[0], "model.predict");
    assert_string_equal(names[1], "deserialize_profile");
    assert_non_null(strstr(text, "9 functions gained share\n"));
    assert_non_null(strstr(text, "  11.00%   23.13%  +12.13%        451        451          0  "
                                 "   +236.50  model.predict\n"));

    n = rows_under(text, "New functions", 4, names, 8);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "orjson.dumps");
    assert_string_equal(names[1], "_collect_image_ids");
    n = rows_under(text, "Vanished functions", 4, names, 8);
    assert_int_equal(n, 4);
    assert_string_equal(names[0], "json.dumps"); /* largest total first */
    assert_string_equal(names[1], "_encoder.encode");

    /* call paths: serialize_response changed most; deep paths are shortened */
    n = rows_under(text, "Largest changes of total", 7, names, 8);
    assert_int_equal(n, 8);
    assert_string_equal(names[0], "handle_request;serialize_response");
    assert_string_equal(names[1], "handle_request;serialize_response;json.dumps  (vanished)");
    assert_non_null(strstr(text, "handle_request;...;_encoder.encode;"
                                 "_make_iterencode.<locals>._iterencode  (vanished)\n"));
    free(text);

    /* without normalisation the absolute columns are as measured */
    o.normalise = false;
    o.limit = 2;
    o.path_limit = 1;
    text = report_text(m, &o);
    assert_non_null(strstr(text, "Not normalised: ranked by change of value"));
    assert_null(strstr(text, "norm.chg"));
    /* by change of value only two functions grew (the new ones): the seven
     * whose counts are the same are not growth (issue 13) */
    assert_non_null(strstr(text, "Largest growth (self value, by change of value): "
                                 "2 functions grew\n"));
    assert_non_null(strstr(text, "Showing top 2 of 4\n"));
    assert_non_null(strstr(text, "  35.00%       0%  -35.00%       1435          0      -1435  "
                                 "_make_iterencode.<locals>._iterencode\n"));
    assert_null(strstr(text, "model.predict"));
    /* by absolute change: handle_request and serialize_response both lost
     * 2150; the shallower comes first */
    n = rows_under(text, "Largest changes of total", 6, names, 8);
    assert_int_equal(n, 1);
    assert_string_equal(names[0], "handle_request");
    free(text);
    profile_free(m);
    profile_free(b);
    profile_free(a);
}

static void test_report_units_and_edges(void **state)
{
    (void)state;
    /* a profile in nanoseconds, built through the sink */
    struct profile *sides[2];
    const char *names[1] = { "cpu" }, *units[1] = { "nanoseconds" };
    for (int s = 0; s < 2; s++) {
        struct error_record err;
        sides[s] = profile_new(s ? "new.pb" : "old.pb", PROFILE_FORMAT_PPROF);
        assert_true(profile_set_types(sides[s], 1, names, units, &err));
        struct frame_ref fr[2] = { { "main", 4 }, { s ? "fast" : "slow", 4 } };
        struct sample_value v = { s ? 500000000 : 1500000000, s ? 5e8 : 1.5e9, true };
        assert_true(profile_add_stack(sides[s], fr, 2, &v, 0, &err));
        profile_finish(sides[s]);
    }
    struct error_record err;
    struct profile *m = diff_merge(sides[0], 0, sides[1], 0, NULL, &err);
    assert_non_null(m);
    struct report_diff_options o = report_diff_default_options();
    o.normalise = false;
    char *text = report_text(m, &o);
    assert_non_null(strstr(text, "Comparing old.pb vs new.pb (pprof)\n"));
    assert_non_null(strstr(text, "Unit: nanoseconds\n"));
    assert_non_null(strstr(text, "Total: BEFORE 1.50s, AFTER 500ms, change -1s (-66.67%)\n"));
    assert_non_null(
        strstr(text, "    100%       0%    -100%      1.50s          0     -1.50s  slow\n"));
    assert_non_null(
        strstr(text, "      0%     100%    +100%          0      500ms     +500ms  fast\n"));
    assert_non_null(strstr(text, "New functions (only in AFTER): 1\n"));
    assert_non_null(strstr(text, "    100%     100%      500ms      500ms  fast\n"));
    assert_non_null(strstr(text, "by absolute change): 3 changed\n"));
    assert_non_null(strstr(text, "    100%       0%    -100%      1.50s          0     -1.50s  "
                                 "main;slow  (vanished)\n"));
    assert_non_null(strstr(text, "      0%     100%    +100%          0      500ms     +500ms  "
                                 "main;fast  (new)\n"));
    free(text);
    profile_free(m);
    profile_free(sides[0]);
    profile_free(sides[1]);

    /* identical sides: nothing changed */
    struct profile *p = test_load("a;b 1\n");
    m = diff_merge(p, 0, p, 0, NULL, &err);
    o = report_diff_default_options();
    text = report_text(m, &o);
    assert_non_null(strstr(text, "change 0 (0%)\n"));
    assert_non_null(strstr(text, "Largest growth (self value, by change of share): none\n"));
    assert_non_null(strstr(text, "Largest shrink (self value, by change of share): none\n"));
    assert_non_null(strstr(text, "New functions (only in AFTER): none\n"));
    assert_non_null(strstr(text, "Vanished functions (only in BEFORE): none\n"));
    assert_non_null(strstr(text, "by change of share): none\n"));
    free(text);

    /* a failed write is reported */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        assert_false(report_diff(full, m, &o));
        fclose(full);
    }
    profile_free(m);
    profile_free(p);
}

static void test_report_paths(void **state)
{
    (void)state;
    /* a, a;b, a;b;c hold nothing but a;b;c;d: only the deepest is listed */
    struct profile *m = merge_texts("a;b;c;d 10\n", "a;b;c;d 20\nx 5\n");
    struct report_diff_options o = report_diff_default_options();
    char *text = report_text(m, &o);
    assert_non_null(strstr(text, "by change of share): 2 changed\n"));
    char names[8][96];
    size_t n = rows_under(text, "Largest changes of total", 7, names, 8);
    assert_int_equal(n, 2);
    /* shares: a;b;c;d 100% -> 80%, x 0% -> 20%: equal changes, the shallower first */
    assert_string_equal(names[0], "x  (new)");
    assert_string_equal(names[1], "a;b;c;d");
    assert_non_null(strstr(text, "    100%   80.00%  -20.00%         10         20        +10  "
                                 "        -5  a;b;c;d\n"));
    free(text);
    o.path_limit = 0; /* all of them */
    o.normalise = false; /* absolute: a;b;c;d +10 before x +5 */
    text = report_text(m, &o);
    n = rows_under(text, "Largest changes of total", 6, names, 8);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "a;b;c;d");
    free(text);
    profile_free(m);

    /* deep paths keep their first and last two frames */
    m = merge_texts("r;s 1\n", "r;s 1\nr;s;t;u;v;w 3\n");
    o = report_diff_default_options();
    text = report_text(m, &o);
    n = rows_under(text, "Largest changes of total", 7, names, 8);
    assert_int_equal(n, 1); /* r and r;s keep 100% of each side */
    assert_string_equal(names[0], "r;...;v;w  (new)");
    free(text);
    profile_free(m);
}

static void test_report_sanitises_names(void **state)
{
    (void)state;
    struct profile *m = merge_texts("r\x1b[2J;a\x9b 1\n", "r\x1b[2J;b\x07 1\n");
    struct report_diff_options o = report_diff_default_options();
    o.before_path = "x\x1b]0;t\x07";
    o.after_path = "y";
    char *text = report_text(m, &o);
    assert_null(strchr(text, '\x1b'));
    assert_null(strchr(text, '\x07'));
    assert_null(strstr(text, "\x9b"));
    free(text);
    profile_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths_in_one_side_or_both),
        cmocka_unit_test(test_exact_and_fractional_values),
        cmocka_unit_test(test_normalisation),
        cmocka_unit_test(test_larger_columns_nest),
        cmocka_unit_test(test_same_profile_on_both_sides),
        cmocka_unit_test(test_two_count_folded_lines),
        cmocka_unit_test(test_difffolded_expectations),
        cmocka_unit_test(test_present_and_nearest),
        cmocka_unit_test(test_functions_ranking),
        cmocka_unit_test(test_functions_raw_total_and_scope),
        cmocka_unit_test(test_merge_pairs),
        cmocka_unit_test(test_pair_units),
        cmocka_unit_test(test_node_limit),
        cmocka_unit_test(test_report_walkthrough),
        cmocka_unit_test(test_report_units_and_edges),
        cmocka_unit_test(test_report_paths),
        cmocka_unit_test(test_report_sanitises_names),
    };
    return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}
