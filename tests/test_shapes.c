/* test_shapes.c - plateaus and towers on made-up trees: known answers,
 * thresholds exactly at the boundary (both ways), maximal towers reported by
 * their base only, and the scope of a zoom root. */
#include "test_util.h"

#include "flamex/analysis/shapes.h"

/* Append "prefix" then ";<name>1;...;<name>n" and " count\n" to buf. */
static void chain(char *buf, const char *prefix, const char *name, int n, int count)
{
    size_t k = strlen(buf);
    k += (size_t)sprintf(buf + k, "%s", prefix);
    for (int i = 1; i <= n; i++)
        k += (size_t)sprintf(buf + k, ";%s%d", name, i);
    sprintf(buf + k, " %d\n", count);
}

/* The name of a shape's node, as a NUL-terminated copy in a static buffer. */
static const char *name_of(const struct profile *p, const struct shape *s)
{
    static char buf[256];
    size_t len;
    const char *name = profile_node_name(p, s->node, &len);
    snprintf(buf, sizeof buf, "%.*s", (int)len, name);
    return buf;
}

static void test_defaults(void **state)
{
    (void)state;
    struct shapes_options o = shapes_default_options();
    assert_true(o.plateau_self_share == 0.05);
    assert_int_equal(o.tower_min_depth, 12);
    assert_true(o.tower_max_share == 0.01);
}

static void test_plateaus(void **state)
{
    (void)state;
    struct profile *p = test_load("main;a 50\nmain;b 5\nmain;c 4\nmain 41\n");
    struct shapes_options o = shapes_default_options();
    struct shapes sh;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_true(sh.view_total == 100);
    assert_int_equal(sh.nplateaus, 3); /* a, main (its own 41), b exactly at 5% */
    assert_string_equal(name_of(p, &sh.plateaus[0]), "a");
    assert_true(sh.plateaus[0].self == 50 && sh.plateaus[0].total == 50);
    assert_string_equal(name_of(p, &sh.plateaus[1]), "main");
    assert_true(sh.plateaus[1].self == 41 && sh.plateaus[1].total == 100);
    assert_string_equal(name_of(p, &sh.plateaus[2]), "b");
    assert_int_equal(sh.ntowers, 0);
    shapes_free(&sh);
    assert_null(sh.plateaus);
    assert_int_equal(sh.nplateaus, 0);

    /* the boundary both ways: 4 of 100 is in at 4%, out just above */
    o.plateau_self_share = 0.04;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.nplateaus, 4);
    assert_string_equal(name_of(p, &sh.plateaus[3]), "c");
    shapes_free(&sh);
    o.plateau_self_share = 0.0400001;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.nplateaus, 3);
    shapes_free(&sh);
    o.plateau_self_share = 0.05000001;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.nplateaus, 2);
    shapes_free(&sh);
    o.plateau_self_share = 0.41;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.nplateaus, 2);
    shapes_free(&sh);
    o.plateau_self_share = 0.5;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.nplateaus, 1);
    shapes_free(&sh);
    profile_free(p);

    /* shares that are not exact in binary: 205 of 4100 is 5%, 7 of 700 is 1% */
    p = test_load("main;x 205\nmain;y 3895\n");
    o = shapes_default_options();
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.nplateaus, 2);
    assert_string_equal(name_of(p, &sh.plateaus[1]), "x");
    shapes_free(&sh);
    profile_free(p);
    p = test_load("main;x 7\nmain;y 693\n");
    o.plateau_self_share = 0.01;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.nplateaus, 2);
    shapes_free(&sh);
    profile_free(p);
}

static void test_tower_boundaries(void **state)
{
    (void)state;
    /* total 1000; t1..t13 is 13 frames (12 above t1) and 10 wide (1%) */
    char text[4096] = "main;w 990\n";
    chain(text, "main", "t", 13, 10);
    struct profile *p = test_load(text);
    struct shapes_options o = shapes_default_options();
    struct shapes sh;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.ntowers, 1);
    assert_int_equal(sh.towers[0].node, test_find_path(p, "main;t1"));
    assert_int_equal(sh.towers[0].height, 12);
    assert_true(sh.towers[0].total == 10);
    assert_int_equal(sh.nplateaus, 1); /* w; t13's self is 1% */
    assert_string_equal(name_of(p, &sh.plateaus[0]), "w");
    shapes_free(&sh);

    o.tower_min_depth = 13; /* one frame short */
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.ntowers, 0);
    shapes_free(&sh);
    o.tower_min_depth = 12;
    o.tower_max_share = 0.0099; /* a little too wide */
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.ntowers, 0);
    shapes_free(&sh);
    o.tower_max_share = 0.01;
    o.tower_min_depth = 3; /* a lower bar: still one tower, based at t1 */
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.ntowers, 1);
    assert_int_equal(sh.towers[0].node, test_find_path(p, "main;t1"));
    assert_int_equal(sh.towers[0].height, 12);
    shapes_free(&sh);
    profile_free(p);

    /* 12 frames: 11 above the base, not a tower by default */
    strcpy(text, "main;w 990\n");
    chain(text, "main", "t", 12, 10);
    p = test_load(text);
    o = shapes_default_options();
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.ntowers, 0);
    shapes_free(&sh);
    o.tower_min_depth = 11;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.ntowers, 1);
    assert_int_equal(sh.towers[0].height, 11);
    shapes_free(&sh);
    profile_free(p);
}

static void test_maximal_tower_reports_its_base(void **state)
{
    (void)state;
    /* c1..c20 (19 above c1) with a branch d1..d15 off c3, and a narrow
     * column n1..n13 above a frame (mid) that is too wide to be part of it */
    char text[8192] = "main;w 935\nmain;mid 50\n";
    chain(text, "main", "c", 20, 3);
    chain(text, "main;c1;c2;c3", "d", 15, 2);
    chain(text, "main;mid", "n", 13, 10);
    chain(text, "main;short", "s", 5, 0);
    struct profile *p = test_load(text);
    struct shapes_options o = shapes_default_options();
    struct shapes sh;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_true(sh.view_total == 1000);
    assert_int_equal(sh.ntowers, 2);
    /* tallest first: c1 (19 above it, 0.5%), then n1 (12 above, 1%); not c2..c8
     * nor d1, which are inside c1's tower, nor mid (6%) */
    assert_int_equal(sh.towers[0].node, test_find_path(p, "main;c1"));
    assert_int_equal(sh.towers[0].height, 19);
    assert_true(sh.towers[0].total == 5);
    assert_int_equal(sh.towers[1].node, test_find_path(p, "main;mid;n1"));
    assert_int_equal(sh.towers[1].height, 12);
    shapes_free(&sh);

    /* a zero-width column is narrow too, if deep enough */
    o.tower_min_depth = 4;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.ntowers, 3);
    assert_int_equal(sh.towers[2].node, test_find_path(p, "main;short"));
    assert_int_equal(sh.towers[2].height, 5);
    shapes_free(&sh);
    profile_free(p);
}

static void test_zoom_scope(void **state)
{
    (void)state;
    /* big's subtree is created in two parts, so its node ids interleave with
     * other's: the zoom walk may not assume a contiguous id range */
    char text[4096] = "main;big;w 990\nmain;other;x 4000\nmain;other 5000\n";
    chain(text, "main;big", "t", 13, 10);
    struct profile *p = test_load(text);
    struct shapes_options o = shapes_default_options();
    struct shapes sh;

    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_true(sh.view_total == 10000);
    assert_int_equal(sh.nplateaus, 3); /* other 50%, x 40%, w 9.9% */
    assert_string_equal(name_of(p, &sh.plateaus[0]), "other");
    assert_string_equal(name_of(p, &sh.plateaus[1]), "x");
    assert_string_equal(name_of(p, &sh.plateaus[2]), "w");
    assert_int_equal(sh.ntowers, 1); /* t1: 0.1% of the profile */
    assert_int_equal(sh.towers[0].node, test_find_path(p, "main;big;t1"));
    shapes_free(&sh);

    /* zoomed on big: shares of 1000; t1 is exactly 1% and its parent is the
     * view root */
    uint32_t big = test_find_path(p, "main;big");
    shapes_find(p, 0, big, &o, &sh);
    assert_true(sh.view_total == 1000);
    assert_int_equal(sh.nplateaus, 1);
    assert_string_equal(name_of(p, &sh.plateaus[0]), "w");
    assert_int_equal(sh.ntowers, 1);
    assert_int_equal(sh.towers[0].node, test_find_path(p, "main;big;t1"));
    assert_int_equal(sh.towers[0].height, 12);
    shapes_free(&sh);

    /* zoomed on t1: the top frame is the whole view, nothing is narrow, and
     * the view root is never a tower */
    shapes_find(p, 0, test_find_path(p, "main;big;t1"), &o, &sh);
    assert_true(sh.view_total == 10);
    assert_int_equal(sh.nplateaus, 1);
    assert_string_equal(name_of(p, &sh.plateaus[0]), "t13");
    assert_int_equal(sh.ntowers, 0);
    shapes_free(&sh);
    o.tower_max_share = 1;
    shapes_find(p, 0, test_find_path(p, "main;big;t1"), &o, &sh);
    assert_int_equal(sh.ntowers, 0); /* t2 has only 11 frames above it */
    shapes_free(&sh);
    o = shapes_default_options();

    /* the view root itself can be a plateau */
    shapes_find(p, 0, test_find_path(p, "main;other"), &o, &sh);
    assert_true(sh.view_total == 9000);
    assert_int_equal(sh.nplateaus, 2);
    assert_string_equal(name_of(p, &sh.plateaus[0]), "other");
    shapes_free(&sh);
    profile_free(p);
}

static void test_empty_view(void **state)
{
    (void)state;
    char text[4096] = "main;a 5\n";
    chain(text, "main", "z", 20, 0);
    struct profile *p = test_load(text);
    struct shapes_options o = shapes_default_options();
    struct shapes sh;
    shapes_find(p, 0, test_find_path(p, "main;z1"), &o, &sh);
    assert_true(sh.view_total == 0);
    assert_int_equal(sh.nplateaus, 0);
    assert_int_equal(sh.ntowers, 0);
    assert_null(sh.plateaus);
    assert_null(sh.towers);
    shapes_free(&sh);
    profile_free(p);
}

static void test_deep_stack(void **state)
{
    (void)state;
    /* 100,000 frames (no recursion over depth): a tower 99,999 frames tall */
    size_t len;
    char *deep = test_chain_text(100000, 0, 1, &len);
    char *text = malloc(len + 16);
    memcpy(text, deep, len);
    strcpy(text + len, "w 1000\n");
    free(deep);
    struct profile *p = test_load(text);
    free(text);
    struct shapes_options o = shapes_default_options();
    struct shapes sh;
    shapes_find(p, 0, TREE_ROOT, &o, &sh);
    assert_int_equal(sh.ntowers, 1);
    assert_int_equal(sh.towers[0].node, test_find_path(p, "f0"));
    assert_int_equal(sh.towers[0].height, 99999);
    assert_int_equal(sh.nplateaus, 1);
    shapes_free(&sh);
    shapes_find(p, 0, test_find_path(p, "f0"), &o, &sh); /* the explicit-stack walk */
    assert_int_equal(sh.nplateaus, 1);
    assert_string_equal(name_of(p, &sh.plateaus[0]), "f99999");
    assert_int_equal(sh.ntowers, 0);
    shapes_free(&sh);
    profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_plateaus),
        cmocka_unit_test(test_tower_boundaries),
        cmocka_unit_test(test_maximal_tower_reports_its_base),
        cmocka_unit_test(test_zoom_scope),
        cmocka_unit_test(test_empty_view),
        cmocka_unit_test(test_deep_stack),
    };
    return cmocka_run_group_tests_name("shapes", tests, NULL, NULL);
}
