/* test_layout.c - layout invariants: shares, rounding, containment, hidden frames. */
#include "test_util.h"

#include "flamex/view/layout.h"

/* Every invariant the UI relies on, checked over the whole layout. */
static void check_invariants(const struct profile *p, const struct layout *l, uint32_t zoom, size_t t)
{
    const struct tree *tree = p->tree;
    double total = tree_total(tree, zoom, t);
    for (size_t i = 0; i < l->count; i++) {
        const struct layout_span *s = &l->spans[i];
        assert_true(s->width >= 1);
        assert_true(s->x >= 0 && s->x + s->width <= l->width);
        assert_int_equal(s->row, tree_depth(tree, s->node));
        if (s->ancestor)
            continue;
        /* width is the share of the zoom root, rounded down at both edges */
        double share = tree_total(tree, s->node, t) / total * l->width;
        assert_true(s->width <= share + 1.0 + 1e-9);
        assert_true(s->width >= share - 1.0 - 1e-9);
        if (s->node != zoom) {
            long pi = layout_find(l, tree_parent(tree, s->node));
            assert_true(pi >= 0); /* a visible frame's parent is visible */
            const struct layout_span *ps = &l->spans[pi];
            assert_true(s->x >= ps->x && s->x + s->width <= ps->x + ps->width);
            assert_true(s->width <= ps->width);
        }
        if (i + 1 < l->count && l->spans[i + 1].row == s->row)
            assert_true(s->x + s->width <= l->spans[i + 1].x); /* no overlap, in order */
    }
    for (uint32_t r = 0; r < l->rows; r++)
        assert_true(l->row_start[r] <= l->row_start[r + 1]);
}

static void test_article_shares(void **state)
{
    (void)state;
    struct profile *p = test_load_sample("recommendation-api.folded");
    struct layout l = { 0 };
    layout_compute(&l, p->tree, TREE_ROOT, TREE_ORDER_ALPHA, 0, 100);
    check_invariants(p, &l, TREE_ROOT, 0);
    assert_int_equal(l.rows, 6); /* all, handle_request, ..., _iterencode */
    uint32_t hr = tree_find_child(p->tree, TREE_ROOT, strtab_find(p->names, "handle_request", 14));
    uint32_t sr = tree_find_child(p->tree, hr, strtab_find(p->names, "serialize_response", 18));
    long i = layout_find(&l, sr);
    assert_true(i >= 0);
    assert_int_equal(l.spans[i].width, 61); /* 61% of 100 columns */
    assert_int_equal(l.spans[layout_find(&l, hr)].width, 100);
    /* alphabetical: load_user_profile first on row 2 */
    size_t n;
    const uint32_t *kids = tree_children(p->tree, hr, TREE_ORDER_ALPHA, &n);
    assert_int_equal(l.spans[l.row_start[2]].node, kids[0]);
    assert_int_equal(l.spans[l.row_start[2]].x, 0);

    /* zoom: serialize_response fills the width, ancestors come first */
    layout_compute(&l, p->tree, sr, TREE_ORDER_ALPHA, 0, 100);
    check_invariants(p, &l, sr, 0);
    assert_true(l.spans[0].ancestor && l.spans[1].ancestor);
    assert_int_equal(l.spans[layout_find(&l, sr)].width, 100);
    layout_free(&l);
    profile_free(p);
}

static void test_hidden_narrow_frames(void **state)
{
    (void)state;
    /* one big stack and many tiny ones that cannot get a cell at width 10 */
    char text[4096] = "main;big 1000\n";
    for (int i = 0; i < 20; i++) {
        char line[64];
        snprintf(line, sizeof line, "main;tiny%02d;deeper 1\n", i);
        strcat(text, line);
    }
    struct profile *p = test_load(text);
    struct layout l = { 0 };
    layout_compute(&l, p->tree, TREE_ROOT, TREE_ORDER_ALPHA, 0, 10);
    check_invariants(p, &l, TREE_ROOT, 0);
    assert_int_equal(l.hidden, 40); /* 20 tinyNN + 20 deeper, subtrees counted whole */
    assert_int_equal(l.count, 3);   /* all, main, big */
    layout_compute(&l, p->tree, TREE_ROOT, TREE_ORDER_ALPHA, 0, 2000);
    check_invariants(p, &l, TREE_ROOT, 0);
    assert_int_equal(l.hidden, 0);
    layout_free(&l);
    profile_free(p);
}

static void test_rounding_many_siblings(void **state)
{
    (void)state;
    char *text = malloc(1 << 16);
    text[0] = '\0';
    size_t n = 0;
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(text + n, "r;f%03d;g %d\n", i, 1 + (i * 37) % 11);
    struct profile *p = test_load(text);
    struct layout l = { 0 };
    for (int w = 1; w <= 400; w += 7) {
        layout_compute(&l, p->tree, TREE_ROOT, TREE_ORDER_ALPHA, 0, w);
        check_invariants(p, &l, TREE_ROOT, 0);
        layout_compute(&l, p->tree, TREE_ROOT, TREE_ORDER_HEAVIEST, 0, w);
        check_invariants(p, &l, TREE_ROOT, 0);
    }
    layout_free(&l);
    profile_free(p);
    free(text);
}

static void test_layout_at(void **state)
{
    (void)state;
    struct profile *p = test_load("m;a 1\nm;b 1\n");
    struct layout l = { 0 };
    layout_compute(&l, p->tree, TREE_ROOT, TREE_ORDER_ALPHA, 0, 10);
    long a = layout_at(&l, 2, 0), b = layout_at(&l, 2, 9);
    assert_true(a >= 0 && b >= 0 && a != b);
    assert_int_equal(layout_at(&l, 7, 0), -1);
    layout_free(&l);
    profile_free(p);
}

static void test_deep_stack_rows(void **state)
{
    (void)state;
    size_t frames = 5000;
    char *text = test_chain_text(frames, 0, 3, NULL);
    struct profile *p = test_load(text);
    struct layout l = { 0 };
    layout_compute(&l, p->tree, TREE_ROOT, TREE_ORDER_ALPHA, 0, 50);
    assert_int_equal(l.rows, frames + 1);
    check_invariants(p, &l, TREE_ROOT, 0);
    layout_free(&l);
    profile_free(p);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_shares),
        cmocka_unit_test(test_hidden_narrow_frames),
        cmocka_unit_test(test_rounding_many_siblings),
        cmocka_unit_test(test_layout_at),
        cmocka_unit_test(test_deep_stack_rows),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
