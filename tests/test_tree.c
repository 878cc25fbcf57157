/* test_tree.c - call tree: merging, totals, sibling orders, exact values, depth. */
#include "test_util.h"

#include "flamex/model/strtab.h"
#include "flamex/model/tree.h"

static struct sample_value ival(int64_t v)
{
    return (struct sample_value){ .i = v, .d = (double)v, .exact = true };
}

static struct sample_value dval(double v)
{
    return (struct sample_value){ .i = 0, .d = v, .exact = false };
}

static uint32_t add_path(struct tree *t, struct strtab *s, const char *const *names, size_t n,
                         int64_t v)
{
    uint32_t node = TREE_ROOT;
    for (size_t i = 0; i < n; i++)
        node = tree_add_child(t, node, strtab_intern(s, names[i], strlen(names[i])), false);
    struct sample_value sv = ival(v);
    tree_add_self(t, node, 0, &sv);
    tree_set_flags(t, node, TREE_FLAG_STACK_END);
    return node;
}

static void test_merge_and_totals(void **state)
{
    (void)state;
    struct strtab *s = strtab_new();
    struct tree *t = tree_new(1);
    const char *p1[] = { "main", "b" }, *p2[] = { "main", "a" }, *p3[] = { "main" };
    uint32_t nb = add_path(t, s, p1, 2, 5);
    uint32_t na = add_path(t, s, p2, 2, 3);
    assert_int_equal(add_path(t, s, p1, 2, 2), nb); /* repeated stack merges */
    add_path(t, s, p3, 1, 1);
    tree_finish(t, s);
    assert_int_equal(tree_count(t), 4);
    assert_true(tree_total(t, TREE_ROOT, 0) == 11);
    uint32_t main_node = tree_parent(t, na);
    assert_true(tree_total(t, main_node, 0) == 11);
    assert_true(tree_self(t, main_node, 0) == 1);
    assert_true(tree_self(t, nb, 0) == 7);
    assert_int_equal(tree_depth(t, nb), 2);
    assert_int_equal(tree_max_depth(t), 2);

    size_t n;
    const uint32_t *kids = tree_children(t, main_node, TREE_ORDER_ALPHA, &n);
    assert_int_equal(n, 2);
    assert_int_equal(kids[0], na); /* "a" before "b" */
    assert_int_equal(kids[1], nb);
    tree_sort_heaviest(t, 0);
    kids = tree_children(t, main_node, TREE_ORDER_HEAVIEST, &n);
    assert_int_equal(kids[0], nb); /* 7 before 3 */
    assert_int_equal(kids[1], na);
    assert_int_equal(tree_find_child(t, main_node, strtab_find(s, "b", 1)), nb);
    assert_int_equal(tree_find_child(t, main_node, strtab_find(s, "main", 4)), TREE_NONE);
    tree_free(t);
    strtab_free(s);
}

static void test_exact_huge_values(void **state)
{
    (void)state;
    struct strtab *s = strtab_new();
    struct tree *t = tree_new(1);
    const char *p1[] = { "x" }, *p2[] = { "y" };
    uint32_t x = add_path(t, s, p1, 1, INT64_C(239807672958951499));
    add_path(t, s, p2, 1, INT64_C(129127208516546613));
    tree_finish(t, s);
    int64_t v;
    assert_true(tree_self_exact(t, x, 0, &v));
    assert_true(v == INT64_C(239807672958951499));
    assert_true(tree_total_exact(t, TREE_ROOT, 0, &v));
    assert_true(v == INT64_C(368934881475498112));
    tree_free(t);
    strtab_free(s);
}

static void test_fraction_and_overflow_become_double(void **state)
{
    (void)state;
    struct strtab *s = strtab_new();
    struct tree *t = tree_new(2);
    uint32_t a = tree_add_child(t, TREE_ROOT, strtab_intern(s, "a", 1), false);
    struct sample_value one = ival(1), half = dval(0.5), big = ival(INT64_MAX);
    tree_add_self(t, a, 0, &one);
    tree_add_self(t, a, 0, &half);
    tree_add_self(t, a, 1, &big);
    tree_add_self(t, a, 1, &big); /* overflows int64: the column turns into doubles */
    tree_finish(t, s);
    assert_false(tree_self_exact(t, a, 0, NULL));
    assert_true(tree_self(t, a, 0) == 1.5);
    assert_false(tree_self_exact(t, a, 1, NULL));
    assert_true(tree_self(t, a, 1) == 2.0 * (double)INT64_MAX);
    tree_free(t);
    strtab_free(s);
}

static void test_deep_stack_no_recursion(void **state)
{
    (void)state;
    struct strtab *s = strtab_new();
    struct tree *t = tree_new(1);
    uint32_t node = TREE_ROOT;
    char buf[32];
    for (int i = 0; i < 200000; i++) {
        int n = snprintf(buf, sizeof buf, "f%d", i % 7);
        node = tree_add_child(t, node, strtab_intern(s, buf, (size_t)n), false);
    }
    struct sample_value v = ival(3);
    tree_add_self(t, node, 0, &v);
    tree_finish(t, s);
    assert_int_equal(tree_max_depth(t), 200000);
    assert_true(tree_total(t, TREE_ROOT, 0) == 3);
    assert_true(tree_total(t, 1, 0) == 3);
    tree_free(t);
    strtab_free(s);
}

static void test_node_limit(void **state)
{
    (void)state;
    struct strtab *s = strtab_new();
    struct tree *t = tree_new(1);
    tree_set_node_limit(t, 3);
    uint32_t a = tree_add_child(t, TREE_ROOT, strtab_intern(s, "a", 1), false);
    uint32_t b = tree_add_child(t, a, strtab_intern(s, "b", 1), false);
    assert_int_not_equal(b, TREE_NONE);
    assert_int_equal(tree_add_child(t, b, strtab_intern(s, "c", 1), false), TREE_NONE);
    assert_int_equal(tree_add_child(t, TREE_ROOT, strtab_intern(s, "a", 1), false), a);
    tree_free(t);
    strtab_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_and_totals),
        cmocka_unit_test(test_exact_huge_values),
        cmocka_unit_test(test_fraction_and_overflow_become_double),
        cmocka_unit_test(test_deep_stack_no_recursion),
        cmocka_unit_test(test_node_limit),
    };
    return cmocka_run_group_tests_name("tree", tests, NULL, NULL);
}
