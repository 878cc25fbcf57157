/* test_compare.c - compare mode without a terminal: the panes following each
 * other, paths missing on one side, the pane switch, the differential view's
 * colours, widths and normalisation, the change list and the mouse, checked
 * on the compare's state and on the styles of the cells it draws. */
#include "test_util.h"

#include "flamex/view/compare.h"
#include "flamex/analysis/diff.h"
#include "flamex/view/keymap.h"
#include "flamex/view/keys.h"
#include "flamex/config/style.h"

struct fixture {
    struct profile *before, *after, *merged;
    struct keymap km;
    struct compare c;
    struct frame f;
};

/* Compare the npairs pairs of sample types of before and after. */
static void open_pairs(struct fixture *x, struct profile *before, struct profile *after,
                       const struct diff_pair *pairs, size_t npairs,
                       const struct compare_options *o, int cols, int rows)
{
    x->before = before;
    x->after = after;
    struct error_record err;
    x->merged = diff_merge_pairs(before, after, pairs, npairs, NULL, &err);
    assert_non_null(x->merged);
    keymap_init(&x->km);
    compare_init(&x->c, x->merged, &x->km, o);
    compare_resize(&x->c, cols, rows);
    frame_init(&x->f, cols, rows, false);
}

static void open_profiles(struct fixture *x, struct profile *before, size_t tb,
                          struct profile *after, size_t ta, int cols, int rows)
{
    struct diff_pair pair = { tb, ta };
    struct compare_options o = { .mode = COMPARE_SIDE_BY_SIDE };
    open_pairs(x, before, after, &pair, 1, &o, cols, rows);
}

static void open_article(struct fixture *x, int cols, int rows)
{
    open_profiles(x, test_load_sample("recommendation-api.folded"), 0,
                  test_load_sample("recommendation-api-after.folded"), 0, cols, rows);
}

static void close_fixture(struct fixture *x)
{
    frame_free(&x->f);
    compare_free(&x->c);
    profile_free(x->merged);
    if (x->after != x->before)
        profile_free(x->after);
    profile_free(x->before);
}

static unsigned press(struct fixture *x, const char *keys)
{
    int k[256];
    struct error_record err;
    long n = keys_parse(keys, k, 256, &err);
    assert_true(n >= 0 && n <= 256);
    unsigned flags = 0;
    for (long i = 0; i < n; i++)
        flags |= compare_key(&x->c, k[i]);
    return flags;
}

static uint32_t node_at(struct fixture *x, const char *path)
{
    uint32_t n = test_find_path(x->merged, path);
    assert_int_not_equal(n, TREE_NONE);
    return n;
}

/* The text of screen row y (trailing blanks kept) into buf. */
static const char *row_text(struct fixture *x, int y, char *buf, size_t cap)
{
    return test_frame_row(&x->f, y, false, buf, cap);
}

/* Style of the first cell of the first bar on screen labelled label. */
static int style_of_label(struct fixture *x, const char *label)
{
    char buf[4096];
    for (int y = 0; y < x->f.rows; y++) {
        const char *t = row_text(x, y, buf, sizeof buf);
        const char *hit = strstr(t, label);
        if (!hit)
            continue;
        /* Columns before the hit (all ASCII in these profiles, except the
         * pane separator, which is one column of three bytes). */
        int col = 0;
        for (const char *s = t; s < hit; s++)
            if (((unsigned char)*s & 0xC0) != 0x80)
                col++;
        return frame_at(&x->f, col, y)->style;
    }
    fail_msg("no bar labelled %s on screen", label);
    return -1;
}

static bool screen_has(struct fixture *x, const char *text)
{
    char buf[4096];
    for (int y = 0; y < x->f.rows; y++)
        if (strstr(row_text(x, y, buf, sizeof buf), text))
            return true;
    return false;
}

/* Moving in AFTER moves BEFORE to the same call path; zooming too. */
static void test_panes_follow(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 200, 50);
    assert_int_equal(x.c.active, 1);
    press(&x, "kkllll");
    uint32_t sr = node_at(&x, "handle_request;serialize_response");
    assert_int_equal(x.c.pane[1].selected, sr);
    assert_int_equal(x.c.pane[0].selected, sr);
    assert_int_equal(x.c.diff.selected, sr);
    press(&x, "<Enter>");
    assert_int_equal(x.c.pane[1].zoom, sr);
    assert_int_equal(x.c.pane[0].zoom, sr);
    press(&x, "<BS>");
    assert_int_equal(x.c.pane[1].zoom, TREE_ROOT);
    assert_int_equal(x.c.pane[0].zoom, TREE_ROOT);
    /* The status line: before 61%, after 18%, a change of -43 points of
     * share, and of the value as measured. */
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "before 2501 (61.00%)  after 351 (18.00%)  "
                               "share -43.0 pts, value -2150 (-86.0%)  [normalised]"));
    close_fixture(&x);
}

/* A path only in AFTER: BEFORE shows its deepest common caller and says so. */
static void test_path_missing_in_before(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 200, 50);
    press(&x, "kkllllkl");
    uint32_t orjson = node_at(&x, "handle_request;serialize_response;orjson.dumps");
    uint32_t sr = node_at(&x, "handle_request;serialize_response");
    assert_int_equal(x.c.pane[1].selected, orjson);
    assert_int_equal(x.c.pane[0].selected, sr);
    assert_non_null(strstr(x.c.pane[0].message, "orjson.dumps is not in BEFORE"));
    assert_non_null(strstr(x.c.pane[0].message, "serialize_response"));
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "new in AFTER"));
    /* Zooming into it leaves BEFORE zoomed to the common caller. */
    press(&x, "<Enter>");
    assert_int_equal(x.c.pane[1].zoom, orjson);
    assert_int_equal(x.c.pane[0].zoom, sr);
    close_fixture(&x);
}

/* w gives the keys to BEFORE; AFTER then follows it. */
static void test_pane_switch(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 200, 50);
    press(&x, "w");
    assert_int_equal(x.c.active, 0);
    assert_ptr_equal(compare_focused(&x.c), &x.c.pane[0]);
    /* In BEFORE: serialize_response, then format_products' neighbour json.dumps. */
    press(&x, "kkllllkl");
    uint32_t json = node_at(&x, "handle_request;serialize_response;json.dumps");
    assert_int_equal(x.c.pane[0].selected, json);
    assert_int_equal(x.c.pane[1].selected, node_at(&x, "handle_request;serialize_response"));
    assert_non_null(strstr(x.c.pane[1].message, "json.dumps is not in AFTER"));
    press(&x, "w");
    assert_int_equal(x.c.active, 1);
    close_fixture(&x);
}

/* The differential view: shrinkage blue, growth red, widths and normalisation. */
static void test_differential_view(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 200, 50);
    press(&x, "d");
    assert_int_equal(x.c.mode, COMPARE_DIFFERENTIAL);
    assert_ptr_equal(compare_focused(&x.c), &x.c.diff);
    assert_int_equal(x.c.diff.type, DIFF_AFTER);
    compare_draw(&x.c, &x.f);
    int sr = style_of_label(&x, "serialize_response");
    assert_true(sr >= STYLE_SHRINK_BASE && sr < STYLE_SHRINK_BASE + STYLE_SHADES);
    int mp = style_of_label(&x, "model.predict");
    assert_true(mp >= STYLE_GROW_BASE && mp < STYLE_GROW_BASE + STYLE_SHADES);
    /* serialize_response lost far more than model.predict gained: stronger. */
    assert_true(sr - STYLE_SHRINK_BASE > mp - STYLE_GROW_BASE);
    /* Vanished frames have no width in AFTER; b b: the larger of the two. */
    uint32_t iter = node_at(&x, "handle_request;serialize_response;json.dumps;_encoder.encode;"
                                "_make_iterencode.<locals>._iterencode");
    assert_true(layout_find(&x.c.diff.layout, iter) < 0);
    press(&x, "b");
    assert_int_equal(x.c.width, COMPARE_WIDTH_BEFORE);
    assert_int_equal(x.c.diff.type, DIFF_BEFORE);
    press(&x, "b");
    assert_int_equal(x.c.width, COMPARE_WIDTH_LARGER);
    assert_int_equal(x.c.diff.type, DIFF_LARGER_NORM);
    compare_draw(&x.c, &x.f);
    assert_true(layout_find(&x.c.diff.layout, iter) >= 0);
    /* Gone entirely (-682 normalised), second only to serialize_response (-838). */
    int it = style_of_label(&x, "_make_iterencode");
    assert_int_equal(it, STYLE_SHRINK_BASE + STYLE_SHADES - 2);
    /* m: raw values; the larger widths become the raw ones. */
    press(&x, "m");
    assert_false(x.c.normalise);
    assert_false(x.c.diff.diff_normalise);
    assert_int_equal(x.c.diff.type, DIFF_LARGER);
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "[raw]"));
    /* Back to the panes: the selection made in the differential view holds. */
    press(&x, "kk");
    uint32_t sel = x.c.diff.selected;
    press(&x, "d");
    assert_int_equal(x.c.mode, COMPARE_SIDE_BY_SIDE);
    assert_int_equal(x.c.pane[1].selected, diff_nearest_present(x.merged, sel, DIFF_AFTER));
    close_fixture(&x);
}

/* The change list: growth first, shrink after; Enter on a vanished function
 * moves the keys to BEFORE, where it exists, and selects it in both panes. */
static void test_change_list(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 200, 50);
    press(&x, "H");
    assert_true(compare_sidebar_cols(&x.c) > 0);
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "Changes by self, share (normalised)"));
    assert_true(screen_has(&x, "Share grew (9)"));
    assert_true(screen_has(&x, "Share shrank (4)"));
    assert_true(screen_has(&x, "-35.0  35.0%      - _make_iterencode"));
    press(&x, "<Tab>");
    assert_true(x.c.sidebar_focus);
    press(&x, "jjjjjjjjj<Enter>");
    uint32_t iter = node_at(&x, "handle_request;serialize_response;json.dumps;_encoder.encode;"
                                "_make_iterencode.<locals>._iterencode");
    assert_int_equal(x.c.active, 0);
    assert_int_equal(x.c.pane[0].selected, iter);
    /* AFTER shows the deepest caller it has. */
    assert_int_equal(x.c.pane[1].selected, node_at(&x, "handle_request;serialize_response"));
    /* Esc leaves the list (after clearing the search Enter made). */
    press(&x, "<Esc><Esc>");
    assert_false(x.c.sidebar_focus);
    /* Narrow screens hide the list. */
    compare_resize(&x.c, 90, 30);
    assert_int_equal(compare_sidebar_cols(&x.c), 0);
    close_fixture(&x);
}

/* A click in the left pane gives it the keys and selects there. */
static void test_click(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 120, 30);
    compare_draw(&x.c, &x.f);
    /* The bottom row of the graph is the root; the row above it handle_request. */
    int y = x.c.rows - 1 /* status */ - 2 /* pane status lines */ - 2;
    compare_click(&x.c, 3, y, false);
    assert_int_equal(x.c.active, 0);
    uint32_t hr = node_at(&x, "handle_request");
    assert_int_equal(x.c.pane[0].selected, hr);
    assert_int_equal(x.c.pane[1].selected, hr);
    /* The line between the panes belongs to neither: a double click there
     * does not reach BEFORE's (hidden) hot-function list or take the keys. */
    compare_click(&x.c, x.c.pane[0].cols, 5, true);
    assert_int_equal(x.c.pane[0].focus, APP_FOCUS_GRAPH);
    compare_key(&x.c, 'w');
    compare_click(&x.c, x.c.pane[0].cols, 5, false);
    assert_int_equal(x.c.active, 1);
    assert_int_equal(x.c.pane[0].selected, hr);
    close_fixture(&x);
}

/* A two-count folded file compares its two columns. */
static void test_two_count_file(void **state)
{
    (void)state;
    struct fixture x;
    struct profile *p = test_load("a;b 10 5\na;c 0 7\na;d 4 0\n");
    assert_true(p->differential);
    open_profiles(&x, p, 0, p, 1, 100, 30);
    uint32_t c = node_at(&x, "a;c"), d = node_at(&x, "a;d");
    assert_false(diff_present(x.merged, c, DIFF_BEFORE));
    assert_true(diff_present(x.merged, c, DIFF_AFTER));
    assert_true(diff_present(x.merged, d, DIFF_BEFORE));
    assert_false(diff_present(x.merged, d, DIFF_AFTER));
    /* k: a; k: its first child b; l: c (only in AFTER). */
    press(&x, "kkl");
    assert_int_equal(x.c.pane[1].selected, c);
    assert_int_equal(x.c.pane[0].selected, node_at(&x, "a"));
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "BEFORE"));
    close_fixture(&x);
}

/* Tiny screens get a note, not a crash; the help screen takes the whole screen. */
static void test_small_and_help(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 120, 40);
    compare_resize(&x.c, 30, 6);
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "terminal too small"));
    compare_resize(&x.c, 1, 1);
    compare_draw(&x.c, &x.f);
    compare_resize(&x.c, 120, 40);
    press(&x, "?");
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "compare-view") || screen_has(&x, "differential"));
    press(&x, "?");
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "AFTER"));
    assert_int_equal(x.c.pane[0].cols, 59);
    assert_int_equal(x.c.pane[1].cols, 60);
    close_fixture(&x);
}

/* The help screen, the information panel and the search prompt belong to
 * the pane with the keys: 't' in the panel does not change the pane's side,
 * a click closes the help screen, and a click in the other pane while the
 * prompt is open does not move the keys away from it (where 'q' would quit). */
static void test_overlays_stay_with_their_pane(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 120, 40);
    press(&x, "it");
    assert_int_equal(x.c.pane[1].type, DIFF_AFTER);
    press(&x, "<Esc>d");
    press(&x, "it<Esc>");
    assert_int_equal(x.c.diff.type, DIFF_AFTER);
    press(&x, "d");

    press(&x, "?");
    assert_true(x.c.pane[1].help);
    compare_click(&x.c, 3, 20, false);
    assert_false(x.c.pane[0].help || x.c.pane[1].help);
    assert_int_equal(x.c.active, 1);
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "BEFORE"));

    press(&x, "?");
    x.c.sidebar = true; /* the wheel scrolls the help, not the change list */
    x.c.sidebar_focus = true;
    compare_wheel(&x.c, -3);
    assert_int_equal(x.c.pane[1].help_panel.scroll, 3);
    press(&x, "?");
    x.c.sidebar = x.c.sidebar_focus = false;

    press(&x, "/js");
    assert_true(x.c.pane[1].prompt.open);
    int y = x.c.rows - 1 - 2 - 2; /* handle_request, as in test_click */
    compare_click(&x.c, 3, y, false);
    assert_int_equal(x.c.active, 1);
    assert_true(x.c.pane[1].prompt.open);
    assert_false(press(&x, "q") & VIEW_QUIT);
    assert_string_equal(x.c.pane[1].prompt.text, "jsq");
    close_fixture(&x);
}

/* The message naming a path missing on one side quotes at most 60 bytes of
 * the name, cut between characters, not inside one. */
static void test_missing_message_cuts_whole_characters(void **state)
{
    (void)state;
    struct fixture x;
    char text[256] = "main;a";
    for (int i = 0; i < 40; i++)
        strcat(text, "\xc3\xa9"); /* U+00E9: the 60th byte is a first byte */
    strcat(text, " 5\nmain;x 1\n");
    open_profiles(&x, test_load("main;x 5\n"), 0, test_load(text), 0, 200, 30);
    press(&x, "kkh");
    const char *m = x.c.pane[0].message;
    assert_non_null(strstr(m, "is not in BEFORE"));
    assert_non_null(strstr(m, "\xc3\xa9 is not in BEFORE"));
    close_fixture(&x);
}

/* Going back after b changed the widths: a zoom that has no width any more
 * is not restored; the differential view goes to its deepest caller that
 * has. */
static void test_history_follows_the_widths(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 160, 30);
    /* The larger of the two; zoom into json.dumps (gone from AFTER), then
     * into its callee; b: widths from AFTER. */
    press(&x, "dbb/^json.dumps$<Enter>n<Enter>k<Enter>b");
    assert_int_equal(x.c.diff.type, DIFF_AFTER);
    uint32_t sr = node_at(&x, "handle_request;serialize_response");
    assert_int_equal(x.c.diff.zoom, sr);
    press(&x, "<BS>");
    assert_true(diff_present(x.merged, x.c.diff.zoom, DIFF_AFTER));
    press(&x, "]");
    assert_true(diff_present(x.merged, x.c.diff.zoom, DIFF_AFTER));
    close_fixture(&x);
}

/* Issue 13: the change list follows the mode. Raw (m), the functions whose
 * counts are the same in both files are not growth; by total (c),
 * serialize_response (2501 -> 351) is listed; within the zoom (z), only the
 * zoomed frame's functions. The title says which. */
static void test_change_list_follows_the_mode(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 200, 50);
    press(&x, "H");
    assert_true(x.c.funcs.rank.normalise);
    assert_int_equal(x.c.funcs.grew, 9); /* shares grew: the total fell */
    press(&x, "m");
    assert_false(x.c.funcs.rank.normalise);
    assert_int_equal(x.c.funcs.grew, 2);
    assert_int_equal(x.c.funcs.shrank, 4);
    for (size_t i = 0; i < x.c.funcs.count; i++) {
        const struct diff_function *f = &x.c.funcs.items[i];
        if (f->len == 13 && memcmp(f->bytes, "model.predict", 13) == 0)
            assert_true(f->change == 0 && f->before == 451 && f->after == 451);
    }
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "Changes by self, raw values"));
    assert_true(screen_has(&x, "Grew (2)"));
    assert_true(screen_has(&x, "Shrank (4)"));
    assert_true(screen_has(&x, "    +52       -      52 orjson.dumps"));
    assert_true(screen_has(&x, "  -1435    1435       - _make_iterencode"));
    assert_true(screen_has(&x, "Unchanged (7)"));
    assert_true(screen_has(&x, "      0     451     451 model.predict"));
    assert_false(screen_has(&x, "Share grew"));

    press(&x, "c");
    assert_int_equal(x.c.funcs.rank.by, HOT_BY_CUM);
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "Changes by total, raw values"));
    assert_true(screen_has(&x, "  -2150    2501     351 serialize_response"));
    press(&x, "m");
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "Changes by total, share (normalised)"));
    assert_true(screen_has(&x, "-43.0  61.0%  18.0% serialize_response"));

    /* z: within the zoom (serialize_response): its total is the scope's */
    press(&x, "kkllll<Enter>z");
    uint32_t sr = node_at(&x, "handle_request;serialize_response");
    assert_int_equal(x.c.funcs.rank.root, sr);
    assert_true(x.c.funcs.before_total == 2501 && x.c.funcs.after_total == 351);
    for (size_t i = 0; i < x.c.funcs.count; i++) {
        const struct diff_function *f = &x.c.funcs.items[i];
        assert_false(f->len == 13 && memcmp(f->bytes, "model.predict", 13) == 0);
    }
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "zoomed"));
    /* the list follows the zoom */
    press(&x, "<BS>");
    assert_int_equal(x.c.funcs.rank.root, TREE_ROOT);
    close_fixture(&x);
}

/* Issue 13: at the root the status line shows the change of the total, in
 * both modes; a node whose value did not change says so. */
static void test_status_never_hides_a_change(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 200, 50);
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "before 4100 (100%)  after 1950 (100%)  "
                               "total change -2150 (-52.4%)  [normalised]"));
    assert_false(screen_has(&x, "+0.0 pts"));
    press(&x, "m");
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "total change -2150 (-52.4%)  [raw]"));
    /* model.predict: the same count, a larger share */
    press(&x, "m/^model.predict$<Enter>n");
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "before 451 (11.00%)  after 451 (23.13%)  "
                               "share +12.1 pts, value unchanged  [normalised]"));
    press(&x, "m");
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "value unchanged  [raw]"));
    close_fixture(&x);
}

/* The pane with the keys is marked and in the focused style; the other's
 * title is dimmed; the list's title is marked when it has the keys. */
static void test_pane_with_the_keys_is_obvious(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 200, 50);
    compare_draw(&x.c, &x.f);
    char buf[4096];
    const char *t = row_text(&x, 0, buf, sizeof buf);
    assert_non_null(strstr(t, "\xe2\x96\xb6 AFTER (keys) after  total 1950"));
    assert_null(strstr(t, "BEFORE (keys)"));
    assert_int_equal(style_of_label(&x, "AFTER (keys)"), STYLE_SIDEBAR_CURSOR);
    assert_int_equal(style_of_label(&x, "BEFORE before"), STYLE_ANCESTOR);
    press(&x, "w");
    compare_draw(&x.c, &x.f);
    t = row_text(&x, 0, buf, sizeof buf);
    assert_non_null(strstr(t, "\xe2\x96\xb6 BEFORE (keys) before  total 4100"));
    assert_null(strstr(t, "AFTER (keys)"));
    assert_int_equal(style_of_label(&x, "BEFORE (keys)"), STYLE_SIDEBAR_CURSOR);
    assert_int_equal(style_of_label(&x, "AFTER after"), STYLE_ANCESTOR);
    press(&x, "H<Tab>");
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "\xe2\x96\xb6 Changes by self"));
    t = row_text(&x, 0, buf, sizeof buf);
    assert_null(strstr(t, "(keys)"));
    close_fixture(&x);
}

/* t in compare mode: every pane switches to the next pair of sample types
 * (matched by name); the titles say which is shown; the change list and
 * the status line follow. */
static void test_sample_types(void **state)
{
    (void)state;
    struct fixture x;
    /* Two two-count files: types "before" and "after" in each, compared
     * by name. */
    struct profile *b = test_load("a;x 10 1\na;y 30 3\n");
    struct profile *a = test_load("a;x 20 2\na;z 5 50\n");
    struct diff_pair pairs[2] = { { 1, 1 }, { 0, 0 } };
    struct compare_options o = { .mode = COMPARE_SIDE_BY_SIDE, .type_names = true };
    open_pairs(&x, b, a, pairs, 2, &o, 200, 40);
    assert_int_equal(diff_npairs(x.merged), 2);
    assert_int_equal(x.c.pane[0].type, diff_type_of(0, DIFF_BEFORE));
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "recommendation") == false);
    assert_true(screen_has(&x, "  after 4"));  /* BEFORE's "after" column: 1 + 3 */
    assert_true(screen_has(&x, "  after 52")); /* AFTER's: 2 + 50 */
    press(&x, "kk"); /* a, then x */
    uint32_t ax = node_at(&x, "a;x");
    assert_int_equal(x.c.pane[1].selected, ax);
    press(&x, "Ht");
    assert_int_equal(x.c.pair, 1);
    assert_int_equal(x.c.pane[0].type, diff_type_of(1, DIFF_BEFORE));
    assert_int_equal(x.c.pane[1].type, diff_type_of(1, DIFF_AFTER));
    assert_int_equal(x.c.diff.type, diff_type_of(1, DIFF_AFTER));
    assert_int_equal(x.c.pane[1].selected, ax); /* the same path */
    assert_int_equal(x.c.funcs.rank.pair, 1);
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "Sample type before (2 of 2)"));
    assert_true(screen_has(&x, "  before 40"));
    assert_true(screen_has(&x, "  before 25"));
    assert_true(screen_has(&x, "before 10 (25.00%)  after 20 (80.00%)"));
    /* z: a only in AFTER's "before" column is laid out; t goes round */
    press(&x, "t");
    assert_int_equal(x.c.pair, 0);
    close_fixture(&x);

    /* one pair: t says so, naming both types when they differ */
    b = test_load("a;x 10 1\n");
    a = test_load("a;x 20 2\n");
    struct diff_pair one = { 0, 1 };
    open_pairs(&x, b, a, &one, 1, &o, 200, 40);
    press(&x, "t");
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "One sample type compared: before against after"));
    assert_int_equal(x.c.pair, 0);
    close_fixture(&x);
}

/* Started raw (--no-normalise) with a note: the list and status are raw, the note shows. */
static void test_raw_start_and_note(void **state)
{
    (void)state;
    struct fixture x;
    struct diff_pair pair = { 0, 0 };
    struct compare_options o = { .mode = COMPARE_SIDE_BY_SIDE, .raw = true,
                                 .note = "The profiles share no sample type" };
    open_pairs(&x, test_load_sample("recommendation-api.folded"),
               test_load_sample("recommendation-api-after.folded"), &pair, 1, &o, 200, 50);
    assert_false(x.c.normalise);
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "The profiles share no sample type"));
    assert_true(screen_has(&x, "[raw]"));
    press(&x, "H");
    compare_draw(&x.c, &x.f);
    assert_true(screen_has(&x, "Changes by self, raw values"));
    close_fixture(&x);
}

/* Issue 14: drawing only reads. With the help screen up (the pane with the
 * keys takes the whole screen from the key that opened it), two draws give
 * the same screen and leave every pane as it was; closing the help gives
 * the pane its box back with its selection. */
static void test_draw_only_reads(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 120, 40);
    press(&x, "kkllll");
    uint32_t sel = x.c.pane[1].selected;
    int w = x.c.pane[1].cols;
    press(&x, "?");
    assert_true(x.c.pane[1].help);
    assert_int_equal(x.c.pane[1].cols, 120);
    assert_int_equal(x.c.pane[1].rows, 40);
    struct app before[2] = { x.c.pane[0], x.c.pane[1] };
    compare_draw(&x.c, &x.f);
    char first[40][1024], buf[4096];
    for (int y = 0; y < 40; y++)
        row_text(&x, y, first[y], sizeof first[y]);
    compare_draw(&x.c, &x.f);
    for (int y = 0; y < 40; y++)
        assert_string_equal(first[y], row_text(&x, y, buf, sizeof buf));
    for (int i = 0; i < 2; i++) {
        assert_int_equal(x.c.pane[i].selected, before[i].selected);
        assert_int_equal(x.c.pane[i].keep_selected, before[i].keep_selected);
        assert_int_equal(x.c.pane[i].zoom, before[i].zoom);
        assert_int_equal(x.c.pane[i].cols, before[i].cols);
        assert_int_equal(x.c.pane[i].scroll, before[i].scroll);
        assert_int_equal(x.c.pane[i].layout.width, before[i].layout.width);
    }
    press(&x, "<Esc>");
    assert_false(x.c.pane[1].help);
    assert_int_equal(x.c.pane[1].cols, w);
    assert_int_equal(x.c.pane[1].selected, sel);
    close_fixture(&x);
}

/* A click on a row of the change list puts its cursor there (the rows as
 * the list maps them: headings take rows); a double click enters it; a
 * click on a heading does nothing. */
static void test_change_list_click(void **state)
{
    (void)state;
    struct fixture x;
    open_article(&x, 200, 50);
    press(&x, "H");
    int sx = 200 - compare_sidebar_cols(&x.c) + 3;
    /* title row 0, the list's title 1, its column headings 2, then the list:
     * "Share grew (9)", nine entries, "Share shrank (4)", its first entry */
    assert_int_equal(compare_click(&x.c, sx, 3, false), 0);
    compare_click(&x.c, sx, 14, false);
    assert_true(x.c.sidebar_focus);
    assert_int_equal(x.c.changes.cursor, 9);
    compare_draw(&x.c, &x.f);
    assert_int_equal(style_of_label(&x, "_make_iterencode"), STYLE_SIDEBAR_CURSOR);
    compare_click(&x.c, sx, 4, true); /* model.predict, entered */
    assert_int_equal(x.c.changes.cursor, 0);
    assert_int_equal(x.c.pane[1].selected,
                     node_at(&x, "handle_request;run_ml_inference;model.predict"));
    close_fixture(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_panes_follow),
        cmocka_unit_test(test_path_missing_in_before),
        cmocka_unit_test(test_pane_switch),
        cmocka_unit_test(test_differential_view),
        cmocka_unit_test(test_change_list),
        cmocka_unit_test(test_click),
        cmocka_unit_test(test_two_count_file),
        cmocka_unit_test(test_small_and_help),
        cmocka_unit_test(test_overlays_stay_with_their_pane),
        cmocka_unit_test(test_missing_message_cuts_whole_characters),
        cmocka_unit_test(test_history_follows_the_widths),
        cmocka_unit_test(test_change_list_follows_the_mode),
        cmocka_unit_test(test_status_never_hides_a_change),
        cmocka_unit_test(test_pane_with_the_keys_is_obvious),
        cmocka_unit_test(test_sample_types),
        cmocka_unit_test(test_raw_start_and_note),
        cmocka_unit_test(test_draw_only_reads),
        cmocka_unit_test(test_change_list_click),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
