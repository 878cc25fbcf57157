/* test_app.c - the viewer's state machine without a terminal: the search
 * prompt, n/N order, #, case modes, the sidebar (width, focus, Enter) and
 * shape highlighting, checked on the app's state and on the styles of the
 * cells it draws (which --dump's text cannot show). */
#include "test_util.h"

#include "flamex/view/app.h"
#include "flamex/view/keymap.h"
#include "flamex/view/keys.h"
#include "flamex/config/style.h"

static struct profile *load_article(void)
{
    return test_load_sample("recommendation-api.folded");
}

struct viewer {
    struct profile *p;
    struct keymap km;
    struct app app;
    struct frame f;
};

static void view_open(struct viewer *v, struct profile *p, int cols, int rows)
{
    v->p = p;
    keymap_init(&v->km);
    struct app_options o = { 0 };
    app_init(&v->app, p, &v->km, &o);
    app_resize(&v->app, cols, rows);
    frame_init(&v->f, cols, rows, false);
}

static void view_close(struct viewer *v)
{
    frame_free(&v->f);
    app_free(&v->app);
    profile_free(v->p);
}

static unsigned press(struct viewer *v, const char *keys)
{
    int k[256];
    struct error_record err;
    long n = keys_parse(keys, k, 256, &err);
    assert_true(n >= 0 && n <= 256);
    unsigned flags = 0;
    for (long i = 0; i < n; i++) {
        flags |= app_key(&v->app, k[i]);
        /* Every key leaves the app settled, drawn or not. */
        char why[256];
        if (!app_check_invariants(&v->app, why, sizeof why))
            fail_msg("after key %ld of \"%s\": %s", i, keys, why);
    }
    return flags;
}

static void draw(struct viewer *v)
{
    app_draw(&v->app, &v->f);
}

/* Row y of the frame as text (ASCII names only), trailing blanks kept. */
static const char *row_text(const struct frame *f, int y)
{
    static char buf[1024];
    return test_frame_row(f, y, false, buf, sizeof buf);
}

/* Style of the first cell of text on screen (the text must be there). */
static int style_of(struct viewer *v, const char *text)
{
    for (int y = 0; y < v->f.rows; y++) {
        const char *r = row_text(&v->f, y);
        const char *at = strstr(r, text);
        if (at) /* byte offset == column: ASCII rows */
            return v->f.cells[(size_t)y * (size_t)v->f.cols + (size_t)(at - r)].style;
    }
    fail_msg("'%s' is not on the screen", text);
    return -1;
}

static bool on_screen(struct viewer *v, const char *text)
{
    for (int y = 0; y < v->f.rows; y++)
        if (strstr(row_text(&v->f, y), text))
            return true;
    return false;
}

static const char *selected_name(struct viewer *v)
{
    static char buf[256];
    size_t len;
    const char *name = profile_node_name(v->p, v->app.selected, &len);
    snprintf(buf, sizeof buf, "%.*s", (int)len, name);
    return buf;
}

/* ---- search ---------------------------------------------------------------- */

static void test_prompt_live_and_invalid(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    press(&v, "/js");
    assert_true(v.app.prompt.open);
    assert_string_equal(v.app.search.pattern, "js"); /* searched as typed */
    assert_true(search_node_matches(&v.app.search, v.p, test_find_path(v.p, "handle_request;serialize_response;json.dumps")));
    draw(&v);
    assert_true(on_screen(&v, "/js "));
    assert_true(on_screen(&v, "Matched: 42.00% of total, 42.00% of view, 1 frame"));
    assert_int_equal(style_of(&v, "json.dumps"), STYLE_MATCH);
    assert_int_not_equal(style_of(&v, "_encoder.encode"), STYLE_MATCH);

    /* An invalid pattern: the error shows, the last valid search stays. */
    press(&v, "(");
    assert_true(v.app.prompt.invalid);
    assert_string_equal(v.app.search.pattern, "js");
    draw(&v);
    assert_true(on_screen(&v, "/js(  missing closing parenthesis at offset 3"));
    assert_int_equal(style_of(&v, "json.dumps"), STYLE_MATCH);
    press(&v, "<Enter>");
    assert_false(v.app.prompt.open);
    assert_string_equal(v.app.search.pattern, "js");
    assert_non_null(strstr(v.app.message, "Invalid pattern"));

    /* Backspace edits, Esc clears. */
    press(&v, "/xyz<BS><BS><BS>_enc");
    assert_string_equal(v.app.prompt.text, "_enc");
    assert_string_equal(v.app.search.pattern, "_enc");
    press(&v, "<Esc>");
    assert_false(v.app.prompt.open);
    draw(&v);
    assert_false(on_screen(&v, "Matched:"));
    assert_int_not_equal(style_of(&v, "_encoder.encode"), STYLE_MATCH);

    /* Enter on an untouched prompt keeps the search; Esc outside clears it. */
    press(&v, "/json<Enter>/<Enter>");
    assert_string_equal(v.app.search.pattern, "json");
    press(&v, "<Esc>");
    assert_false(v.app.search.pattern && v.app.search.pattern[0]);
    view_close(&v);
}

static void test_case_modes(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    uint32_t jd = test_find_path(v.p, "handle_request;serialize_response;json.dumps");
    press(&v, "/JSON"); /* smart: a capital makes it case-sensitive */
    assert_false(search_node_matches(&v.app.search, v.p, jd));
    press(&v, "<C-t>"); /* sensitive */
    assert_int_equal(v.app.search_case, SEARCH_CASE_SENSITIVE);
    assert_false(search_node_matches(&v.app.search, v.p, jd));
    press(&v, "<C-t>"); /* insensitive */
    assert_true(search_node_matches(&v.app.search, v.p, jd));
    draw(&v);
    assert_true(on_screen(&v, "<C-t>: ignoring case"));
    press(&v, "<Enter><C-t>"); /* outside the prompt too: back to smart */
    assert_int_equal(v.app.search_case, SEARCH_CASE_SMART);
    assert_false(search_node_matches(&v.app.search, v.p, jd));
    view_close(&v);
}

/* n and N visit every visible match in screen order: rows from the root
 * upwards, left to right; both wrap around. */
static void test_next_prev_order(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 200, 50);
    press(&v, "/e<Enter>");
    const struct layout *l = &v.app.layout;
    uint32_t order[64];
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++)
        if (search_node_matches(&v.app.search, v.p, l->spans[i].node))
            order[n++] = l->spans[i].node;
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++) {
        press(&v, "n");
        assert_int_equal(v.app.selected, order[i]);
    }
    press(&v, "n");
    assert_int_equal(v.app.selected, order[0]);
    assert_non_null(strstr(v.app.message, "Wrapped to the first match"));
    press(&v, "N");
    assert_int_equal(v.app.selected, order[n - 1]);
    press(&v, "N");
    assert_int_equal(v.app.selected, order[n - 2]);
    view_close(&v);
}

static void test_next_zooms_out(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    uint32_t jd = test_find_path(v.p, "handle_request;serialize_response;json.dumps");
    uint32_t pr = test_find_path(v.p, "handle_request;parse_request");
    app_select_node(&v.app, jd);
    press(&v, "<Enter>"); /* zoom into json.dumps */
    assert_int_equal(v.app.zoom, jd);
    press(&v, "/parse<Enter>n");
    assert_int_equal(v.app.zoom, TREE_ROOT);
    assert_int_equal(v.app.selected, pr);
    assert_non_null(strstr(v.app.message, "Zoomed out"));
    press(&v, "["); /* the zoom history has it */
    assert_int_equal(v.app.zoom, jd);
    view_close(&v);
}

static void test_search_selected_name(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    press(&v, "#");
    assert_non_null(strstr(v.app.message, "root"));
    uint32_t mp = test_find_path(v.p, "handle_request;run_ml_inference;model.predict");
    app_select_node(&v.app, mp);
    press(&v, "#");
    assert_true(search_node_matches(&v.app.search, v.p, mp));
    assert_int_equal(v.app.search.nmatched_names, 1);
    draw(&v);
    assert_true(on_screen(&v, "Matched: 11.00% of total, 11.00% of view, 1 frame"));
    view_close(&v);
}

/* ---- sidebar --------------------------------------------------------------- */

static void test_sidebar_width_and_layout(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    press(&v, "H");
    assert_true(app_sidebar_visible(&v.app));
    assert_int_equal(app_graph_cols(&v.app), 80);
    draw(&v);
    assert_int_equal(v.app.layout.width, 80);
    assert_true(on_screen(&v, "Hot by self"));
    assert_true(on_screen(&v, " 35.0%  35.0% _make_iterencode"));
    assert_int_equal(style_of(&v, "Hot by self"), STYLE_SIDEBAR_TITLE);
    /* The cursor row is marked, not focused. */
    assert_int_equal(style_of(&v, " 35.0%  35.0% _make"), STYLE_SIDEBAR_MARK);

    app_resize(&v.app, 200, 50);
    assert_int_equal(app_graph_cols(&v.app), 150); /* at most 50 columns */
    app_resize(&v.app, 80, 24);
    assert_int_equal(app_graph_cols(&v.app), 54);
    app_resize(&v.app, 79, 24); /* too narrow: the graph keeps the width */
    assert_false(app_sidebar_visible(&v.app));
    assert_int_equal(app_graph_cols(&v.app), 79);
    press(&v, "<Tab>");
    assert_int_equal(v.app.focus, APP_FOCUS_GRAPH);
    assert_non_null(strstr(v.app.message, "80 columns"));
    view_close(&v);
}

static void test_sidebar_focus_and_enter(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    press(&v, "H<Tab>");
    assert_int_equal(v.app.focus, APP_FOCUS_SIDEBAR);
    press(&v, "jj"); /* the cursor moves, not the selection */
    assert_int_equal(v.app.lists[APP_LIST_HOT].cursor, 2);
    assert_int_equal(v.app.selected, TREE_ROOT);
    press(&v, "<Enter>"); /* model.predict: searched for and selected */
    uint32_t mp = test_find_path(v.p, "handle_request;run_ml_inference;model.predict");
    assert_int_equal(v.app.selected, mp);
    assert_true(search_node_matches(&v.app.search, v.p, mp));
    assert_int_equal(v.app.zoom, TREE_ROOT); /* Enter does not zoom in */
    draw(&v);
    assert_int_equal(style_of(&v, " 11.0%  11.0% model.predict"), STYLE_SIDEBAR_CURSOR);
    press(&v, "k<Up>G"); /* to the bottom of the list */
    assert_int_equal(v.app.lists[APP_LIST_HOT].cursor, v.app.cache.hot.count - 1);
    press(&v, "g<PageDown>");
    assert_true(v.app.lists[APP_LIST_HOT].cursor > 0);
    press(&v, "<Tab>k"); /* back in the graph: k moves the selection */
    assert_int_equal(v.app.focus, APP_FOCUS_GRAPH);
    assert_int_equal(v.app.selected, mp);
    assert_int_equal(tree_parent(v.p->tree, mp), test_find_path(v.p, "handle_request;run_ml_inference"));
    view_close(&v);
}

/* Enter on a function outside the zoom zooms out to show it; the ranking by
 * total and the zoomed scope. */
static void test_sidebar_zoom_out_rank_scope(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    uint32_t jd = test_find_path(v.p, "handle_request;serialize_response;json.dumps");
    app_select_node(&v.app, jd);
    press(&v, "<Enter>H<Tab>j<Enter>"); /* zoomed into json.dumps; _resolve_image_urls */
    assert_int_equal(v.app.zoom, TREE_ROOT);
    assert_string_equal(selected_name(&v), "_resolve_image_urls");
    press(&v, "c");
    assert_int_equal(v.app.rank, HOT_BY_CUM);
    draw(&v);
    assert_true(on_screen(&v, "Hot by total"));
    assert_true(on_screen(&v, "  0.0% 100.0% handle_request"));
    app_select_node(&v.app, jd);
    press(&v, "<Tab><Enter><Tab>z");
    assert_int_equal(v.app.zoom, jd);
    draw(&v);
    assert_true(on_screen(&v, "zoomed"));
    assert_true(on_screen(&v, "  9.5% 100.0% json.dumps"));
    view_close(&v);
}

/* ---- shapes ---------------------------------------------------------------- */

static const char *shapes_profile(void)
{
    static char text[1024];
    /* work and other are plateaus; t00 is a tower 14 frames deep at 0.8%. */
    snprintf(text, sizeof text, "main;work 9000\nmain;other 920\nmain");
    for (int i = 0; i <= 14; i++) {
        char step[16];
        snprintf(step, sizeof step, ";t%02d", i);
        strcat(text, step);
    }
    strcat(text, " 80\n");
    return text;
}

static void test_shapes_highlight_and_list(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, test_load(shapes_profile()), 200, 40);
    draw(&v);
    assert_int_not_equal(style_of(&v, "work"), STYLE_PLATEAU);
    press(&v, "p");
    assert_non_null(strstr(v.app.message, "2 plateaus"));
    assert_non_null(strstr(v.app.message, "1 tower"));
    draw(&v);
    assert_int_equal(style_of(&v, "work"), STYLE_PLATEAU);
    assert_int_equal(style_of(&v, "other"), STYLE_PLATEAU);
    int main_style = style_of(&v, "main");
    assert_true(main_style != STYLE_PLATEAU && main_style != STYLE_TOWER);
    /* The tower's column: its base and the 14 frames above it, nothing else. */
    long ti = layout_find(&v.app.layout, test_find_path(v.p, "main;t00"));
    assert_true(ti >= 0);
    int x = v.app.layout.spans[ti].x, tower_cells = 0;
    for (int y = 0; y < v.f.rows; y++)
        tower_cells += v.f.cells[(size_t)y * (size_t)v.f.cols + (size_t)x].style == STYLE_TOWER;
    assert_int_equal(tower_cells, 15);
    /* The Shapes list: plateaus by self, then the tower; Enter selects. */
    press(&v, "S<Tab>");
    draw(&v);
    assert_true(on_screen(&v, "Shapes"));
    assert_true(on_screen(&v, " 90.0%  90.0% work"));
    assert_true(on_screen(&v, "    14   0.8% t00"));
    press(&v, "jj<Enter>");
    assert_int_equal(v.app.selected, test_find_path(v.p, "main;t00"));
    assert_non_null(strstr(v.app.message, "Tower: 14 frames"));
    press(&v, "p");
    draw(&v);
    assert_int_not_equal(style_of(&v, "work"), STYLE_PLATEAU);
    view_close(&v);
}

/* A resize through a size too small to lay the selection out (1x1 in a
 * resize storm) does not lose it; a key pressed meanwhile keeps what it chose. */
static void test_resize_keeps_selection(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 40);
    press(&v, "kkllllk");
    uint32_t sel = v.app.selected;
    assert_int_not_equal(sel, TREE_ROOT);
    app_resize(&v.app, 1, 1);
    app_draw(&v.app, &v.f);
    app_resize(&v.app, 12, 2);
    app_draw(&v.app, &v.f);
    app_resize(&v.app, 120, 40);
    app_draw(&v.app, &v.f);
    assert_int_equal(v.app.selected, sel);
    /* Moving while small: the new choice stands after growing back. */
    app_resize(&v.app, 20, 6);
    press(&v, "j");
    uint32_t moved = v.app.selected;
    app_resize(&v.app, 120, 40);
    assert_int_equal(v.app.selected, moved);
    view_close(&v);
}

/* Keys without drawing in between: the cursor stays within the hot list when
 * t shortens it (Enter used to read past its end). */
static void test_sidebar_cursor_settles_without_drawing(void **state)
{
    (void)state;
    struct viewer v;
    struct load_options lo = { 0 };
    struct error_record err;
    struct profile *p = load_profile(test_data_path("view/twotypes.folded"), &lo, NULL, &err);
    assert_non_null(p);
    assert_int_equal(p->ntypes, 2);
    v.p = p;
    keymap_init(&v.km);
    struct app_options o = { .type = 0 }; /* before: every stack */
    app_init(&v.app, p, &v.km, &o);
    app_resize(&v.app, 120, 30);
    frame_init(&v.f, 120, 30, false);
    press(&v, "H<Tab>G");
    size_t before = v.app.cache.hot.count;
    assert_int_equal(v.app.lists[APP_LIST_HOT].cursor, before - 1);
    press(&v, "t"); /* after: only zeta has samples */
    assert_int_equal(v.app.type, 1);
    assert_true(v.app.cache.hot.count < before);
    assert_int_equal(v.app.lists[APP_LIST_HOT].cursor, v.app.cache.hot.count - 1);
    press(&v, "<Enter>");
    assert_string_equal(selected_name(&v), "main");
    view_close(&v);
}

/* The zoomed scope's list is shorter than the cursor left in it. */
static void test_sidebar_scope_cursor_settles(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    press(&v, "Hz<Tab>G<Tab>kk<Enter>");
    const struct list *l = &v.app.lists[APP_LIST_HOT];
    assert_true(l->cursor < v.app.cache.hot.count);
    press(&v, "<Tab><Enter>");
    assert_true(l->cursor < v.app.cache.hot.count);
    assert_true(l->scroll <= list_rows(l));
    view_close(&v);
}

/* The help screen scrolls as far as its last line, not into a blank screen;
 * G goes to its bottom instead of closing it. */
static void test_help_scroll_bounded(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 200, 30);
    press(&v, "?");
    for (int i = 0; i < 60; i++)
        press(&v, "j");
    assert_true(v.app.help);
    int max = panel_max_scroll(&v.app.help_panel, 30);
    assert_true(max > 0 && max < 60);
    assert_int_equal(v.app.help_panel.scroll, max);
    draw(&v);
    assert_non_null(strstr(row_text(&v.f, 29), "Width is time"));
    press(&v, "g");
    assert_int_equal(v.app.help_panel.scroll, 0);
    press(&v, "G");
    assert_true(v.app.help);
    assert_int_equal(v.app.help_panel.scroll, max);
    app_wheel(&v.app, -100); /* the wheel stops at the bottom too */
    assert_int_equal(v.app.help_panel.scroll, max);
    /* Wider: fewer lines, the scroll comes back within them. */
    app_resize(&v.app, 400, 30);
    assert_true(v.app.help_panel.scroll <= panel_max_scroll(&v.app.help_panel, 30));
    press(&v, "x"); /* an unbound key closes it */
    assert_false(v.app.help);
    view_close(&v);
}

/* Keys, clicks, the wheel and resizes in a fixed pseudo-random order, drawn
 * only now and then: after each event the app is settled. */
static void test_events_settle(void **state)
{
    (void)state;
    static const char *const keys[] = {
        "j", "k", "h", "l", "<Enter>", "[", "]", "<Esc>", "G", "g", "<PageDown>",
        "<PageUp>", "r", "o", "t", "H", "<Tab>", "s", "S", "z", "p", "?", "i", "n", "N",
        "#", "/a", "<Enter>", "c", "x", "/", "(", "<BS>", "e", "<Enter>", "<C-t>", "<Backspace>",
    };
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    uint32_t seed = 12345;
    char why[256];
    for (int step = 0; step < 3000; step++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 8;
        switch (r % 8) {
        case 0: {
            int cols = 10 + (int)(r / 8 % 200), rows = 2 + (int)(r / 1600 % 60);
            app_resize(&v.app, cols, rows);
            break;
        }
        case 1:
            app_click(&v.app, (int)(r / 8 % (unsigned)v.app.cols),
                      (int)(r / 4096 % (unsigned)v.app.rows), r & 0x100000);
            break;
        case 2: app_wheel(&v.app, (int)(r / 8 % 7) - 3); break;
        default: press(&v, keys[r / 8 % (sizeof keys / sizeof *keys)]); break;
        }
        if (!app_check_invariants(&v.app, why, sizeof why))
            fail_msg("step %d (event %u): %s", step, r % 8, why);
        if (step % 7 == 0)
            draw(&v);
    }
    view_close(&v);
}

/* An app off screen settles its position only; shown again, it settles the rest. */
static void test_hidden_app_settles_when_shown(void **state)
{
    (void)state;
    struct viewer v;
    view_open(&v, load_article(), 120, 30);
    app_set_shown(&v.app, false);
    press(&v, "/json<Enter>H");
    assert_true(app_search_active(&v.app));
    assert_false(v.app.cache.all_valid); /* no match totals for a screen it is not on */
    assert_false(v.app.cache.hot_valid);
    app_set_shown(&v.app, true);
    char why[256];
    assert_true(app_check_invariants(&v.app, why, sizeof why));
    assert_true(v.app.cache.all_valid && v.app.cache.hot_valid);
    draw(&v);
    assert_true(on_screen(&v, "Matched: 42.00% of total"));
    view_close(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resize_keeps_selection),
        cmocka_unit_test(test_prompt_live_and_invalid),
        cmocka_unit_test(test_case_modes),
        cmocka_unit_test(test_next_prev_order),
        cmocka_unit_test(test_next_zooms_out),
        cmocka_unit_test(test_search_selected_name),
        cmocka_unit_test(test_sidebar_width_and_layout),
        cmocka_unit_test(test_sidebar_focus_and_enter),
        cmocka_unit_test(test_sidebar_zoom_out_rank_scope),
        cmocka_unit_test(test_sidebar_cursor_settles_without_drawing),
        cmocka_unit_test(test_sidebar_scope_cursor_settles),
        cmocka_unit_test(test_help_scroll_bounded),
        cmocka_unit_test(test_events_settle),
        cmocka_unit_test(test_hidden_app_settles_when_shown),
        cmocka_unit_test(test_shapes_highlight_and_list),
    };
    return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}
