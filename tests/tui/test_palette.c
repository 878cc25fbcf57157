/* test_palette.c - the TUI's colour tier choice and colour pair plan
 * (src/tui/tui_palette.c: pure, so no terminal and no curses needed). */
#include "../test_util.h"

#include "flamex/config/theme.h"

#include "../../src/tui/tui_palette.h"

static void test_tier_auto(void **state)
{
    (void)state;
    char note[128];
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_AUTO, false, true, 256, "xterm-256color", note, sizeof note), TUI_TIER_256);
    assert_string_equal(note, "");
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_AUTO, false, true, 16777216, "xterm-direct", note, sizeof note), TUI_TIER_256);
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_AUTO, false, true, 88, "xterm-88color", note, sizeof note), TUI_TIER_8);
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_AUTO, false, true, 16, "linux", note, sizeof note), TUI_TIER_8);
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_AUTO, false, true, 8, "xterm", note, sizeof note), TUI_TIER_8);
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_AUTO, false, true, 2, "odd", note, sizeof note), TUI_TIER_MONO);
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_AUTO, false, false, -1, "vt100", note, sizeof note), TUI_TIER_MONO);
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_AUTO, false, true, -1, "unknown", note, sizeof note), TUI_TIER_8);
    /* NO_COLOR turns colour off when nobody asked for it explicitly. */
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_AUTO, true, true, 256, "xterm-256color", note, sizeof note), TUI_TIER_MONO);
    assert_string_equal(note, "");
}

static void test_tier_forced(void **state)
{
    (void)state;
    char note[128];
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_MONO, false, true, 256, "xterm-256color", note, sizeof note), TUI_TIER_MONO);
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_8, false, true, 256, "xterm-256color", note, sizeof note), TUI_TIER_8);
    assert_string_equal(note, "");
    /* An explicit choice wins over NO_COLOR. */
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_256, true, true, 256, "xterm-256color", note, sizeof note), TUI_TIER_256);
    /* More than the terminal can show: lowered, and the user is told why. */
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_256, false, true, 8, "xterm", note, sizeof note), TUI_TIER_8);
    assert_string_equal(note, "TERM=xterm has 8 colours: showing 8, not 256");
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_8, false, false, -1, "vt100", note, sizeof note), TUI_TIER_MONO);
    assert_string_equal(note, "TERM=vt100 has no colours: showing mono, not 8");
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_256, false, false, -1, NULL, note, sizeof note), TUI_TIER_MONO);
    assert_string_equal(note, "TERM=(unset) has no colours: showing mono, not 256");
    /* A zero-size note buffer is never written. */
    assert_int_equal(tui_palette_tier(CONFIG_COLOR_256, false, true, 8, "xterm", NULL, 0), TUI_TIER_8);
}

/* The invariants every plan keeps. */
static void check_plan(const struct tui_palette *p, const struct theme *th, int max_pairs,
                       int ncolors, bool default_colors)
{
    assert_true(p->npairs >= 0 && p->npairs <= max_pairs && p->npairs <= STYLE_COUNT);
    for (int i = 1; i <= p->npairs; i++) {
        int lo = default_colors ? -1 : 0;
        assert_true(p->pair_fg[i] >= lo && p->pair_fg[i] < ncolors);
        assert_true(p->pair_bg[i] >= lo && p->pair_bg[i] < ncolors);
        assert_false(p->pair_fg[i] >= 0 && p->pair_fg[i] == p->pair_bg[i]); /* readable */
        assert_false(p->pair_fg[i] < 0 && p->pair_bg[i] < 0); /* that is pair 0 */
        for (int j = 1; j < i; j++) /* deduplicated */
            assert_false(p->pair_fg[i] == p->pair_fg[j] && p->pair_bg[i] == p->pair_bg[j]);
    }
    for (int s = 0; s < STYLE_COUNT; s++) {
        assert_true(p->style_pair[s] >= 0 && p->style_pair[s] <= p->npairs);
        if (p->style_pair[s])
            assert_int_equal(p->style_attrs[s], th->styles[s].attrs);
    }
}

/* With the pairs real terminals give (63 on 8 colours; 255 from a curses
 * without extended pairs on 256), every style with a colour gets a pair, so
 * none falls back to its mono attributes; the differential view's growth,
 * shrinkage and unchanged frames keep different pairs. */
static void check_no_style_runs_out(const struct theme *th, const char *name)
{
    static const struct {
        enum tui_tier tier;
        int max_pairs;
        bool defaults;
    } cases[] = { { TUI_TIER_8, TUI_PAIRS_8 - 1, true },
                  { TUI_TIER_8, TUI_PAIRS_8 - 1, false },
                  { TUI_TIER_256, 255, true },
                  { TUI_TIER_256, 255, false } };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        struct tui_palette p;
        tui_palette_plan(&p, th, cases[c].tier, cases[c].max_pairs, cases[c].defaults);
        for (int s = 0; s < STYLE_COUNT; s++) {
            bool colour = th->styles[s].fg.rgb != THEME_RGB_DEFAULT ||
                          th->styles[s].bg.rgb != THEME_RGB_DEFAULT;
            if (colour && p.style_pair[s] == 0)
                fail_msg("theme %s, %s colours, %d pairs: style %d has no pair (%d used)", name,
                         cases[c].tier == TUI_TIER_8 ? "8" : "256", cases[c].max_pairs, s,
                         p.npairs);
        }
        if (th->styles[STYLE_GROW_BASE].bg.rgb == THEME_RGB_DEFAULT)
            continue; /* a theme without colours */
        int same = p.style_pair[STYLE_DIFF_SAME];
        for (int a = 0; a < STYLE_SHADES; a++) {
            int g = p.style_pair[STYLE_GROW_BASE + a];
            assert_int_not_equal(g, same);
            assert_int_not_equal(p.style_pair[STYLE_SHRINK_BASE + a], same);
            for (int b = 0; b < STYLE_SHADES; b++)
                assert_int_not_equal(g, p.style_pair[STYLE_SHRINK_BASE + b]);
        }
    }
}

static void test_plan_default_theme(void **state)
{
    (void)state;
    struct theme th;
    theme_default(&th);
    struct tui_palette p;

    tui_palette_plan(&p, &th, TUI_TIER_256, 32767, true);
    assert_int_equal(p.tier, TUI_TIER_256);
    check_plan(&p, &th, 32767, 256, true);
    assert_true(p.npairs > 4); /* a theme with colours uses some */
    /* Every frame bar gets a colour: the kinds (the differential view's
     * grow and shrink levels included) tile the ids up to the ancestor role. */
    assert_int_equal(STYLE_FLAME_BASE + STYLE_KIND_COUNT * STYLE_SHADES, STYLE_ANCESTOR);
    for (int s = STYLE_FLAME_BASE; s < STYLE_ANCESTOR; s++)
        assert_true(p.style_pair[s] > 0);

    tui_palette_plan(&p, &th, TUI_TIER_8, 32767, true);
    check_plan(&p, &th, TUI_PAIRS_8 - 1, 8, true);

    tui_palette_plan(&p, &th, TUI_TIER_8, 63, false);
    check_plan(&p, &th, 63, 8, false);

    check_no_style_runs_out(&th, "built-in");

    tui_palette_plan(&p, &th, TUI_TIER_MONO, 255, true);
    assert_int_equal(p.npairs, 0);
    for (int s = 0; s < STYLE_COUNT; s++) {
        assert_int_equal(p.style_pair[s], 0);
        assert_int_equal(p.style_attrs[s], th.styles[s].mono_attrs);
    }
}

static void test_plan_shares_and_runs_out(void **state)
{
    (void)state;
    struct theme th;
    theme_default(&th);
    for (int s = 0; s < STYLE_COUNT; s++) {
        th.styles[s].fg = (struct theme_color){ THEME_RGB_DEFAULT, -1, -1 };
        th.styles[s].bg = (struct theme_color){ 0x000000, 16 + s, s % 8 };
        th.styles[s].attrs = THEME_ATTR_BOLD;
        th.styles[s].mono_attrs = THEME_ATTR_REVERSE;
    }
    struct tui_palette p;
    /* 8 colours: backgrounds repeat every 8 styles, so 8 pairs serve them all. */
    tui_palette_plan(&p, &th, TUI_TIER_8, 63, true);
    check_plan(&p, &th, 63, 8, true);
    assert_int_equal(p.npairs, 8);
    assert_int_equal(p.style_pair[1], p.style_pair[9]);
    /* Only 3 pairs: the rest keep the default colours and use mono attributes. */
    tui_palette_plan(&p, &th, TUI_TIER_256, 3, true);
    check_plan(&p, &th, 3, 256, true);
    assert_int_equal(p.npairs, 3);
    assert_int_equal(p.style_pair[3], 0);
    assert_int_equal(p.style_attrs[3], THEME_ATTR_REVERSE);
    assert_int_equal(p.style_attrs[0], THEME_ATTR_BOLD);
    /* No pairs at all (a terminal with COLOR_PAIRS == 1). */
    tui_palette_plan(&p, &th, TUI_TIER_8, 0, true);
    assert_int_equal(p.npairs, 0);
    assert_int_equal(p.style_attrs[5], THEME_ATTR_REVERSE);
}

static void test_plan_readable(void **state)
{
    (void)state;
    struct theme th;
    theme_default(&th);
    /* Same colour for text and background: the text is made black or white. */
    th.styles[STYLE_STATUS].fg = (struct theme_color){ 0xffff00, 226, 3 };
    th.styles[STYLE_STATUS].bg = (struct theme_color){ 0xffff00, 226, 3 };
    th.styles[STYLE_ERROR].fg = (struct theme_color){ 0x000080, 18, 4 };
    th.styles[STYLE_ERROR].bg = (struct theme_color){ 0x000080, 18, 4 };
    struct tui_palette p;
    tui_palette_plan(&p, &th, TUI_TIER_256, 255, true);
    check_plan(&p, &th, 255, 256, true);
    int pair = p.style_pair[STYLE_STATUS];
    assert_int_equal(p.pair_fg[pair], 16); /* black on yellow */
    assert_int_equal(p.pair_bg[pair], 226);
    pair = p.style_pair[STYLE_ERROR];
    assert_int_equal(p.pair_fg[pair], 231); /* white on navy */
    tui_palette_plan(&p, &th, TUI_TIER_8, 63, true);
    pair = p.style_pair[STYLE_STATUS];
    assert_int_equal(p.pair_fg[pair], 0);
    assert_int_equal(p.pair_bg[pair], 3);
    pair = p.style_pair[STYLE_ERROR];
    assert_int_equal(p.pair_fg[pair], 7);
    /* Without default colours, "default" text is white and background black:
     * a black background with default text stays readable. */
    th.styles[STYLE_HELP].fg = (struct theme_color){ THEME_RGB_DEFAULT, -1, -1 };
    th.styles[STYLE_HELP].bg = (struct theme_color){ 0, 0, 0 };
    tui_palette_plan(&p, &th, TUI_TIER_8, 63, false);
    pair = p.style_pair[STYLE_HELP];
    assert_int_equal(p.pair_fg[pair], 7);
    assert_int_equal(p.pair_bg[pair], 0);
}

static void print_problem(void *ctx, const struct error_record *problem)
{
    (void)ctx;
    char buf[1200];
    error_format(problem, buf, sizeof buf);
    print_message("%s\n", buf);
}

static void test_plan_shipped_themes(void **state)
{
    (void)state;
    const char *dir = getenv("FLAMEX_THEMES");
    static const char *const names[] = { "default", "light", "mono", "colorblind" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.yaml", dir ? dir : "themes", names[i]);
        if (access(path, R_OK) != 0)
            continue; /* not shipped (yet) */
        struct theme th;
        theme_default(&th);
        assert_int_equal(theme_load_file(path, &th, print_problem, NULL), 0);
        struct tui_palette p;
        tui_palette_plan(&p, &th, TUI_TIER_256, 32767, true);
        check_plan(&p, &th, 32767, 256, true);
        tui_palette_plan(&p, &th, TUI_TIER_8, 32767, true);
        check_plan(&p, &th, TUI_PAIRS_8 - 1, 8, true);
        tui_palette_plan(&p, &th, TUI_TIER_8, 63, false);
        check_plan(&p, &th, 63, 8, false);
        check_no_style_runs_out(&th, names[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tier_auto),
        cmocka_unit_test(test_tier_forced),
        cmocka_unit_test(test_plan_default_theme),
        cmocka_unit_test(test_plan_shares_and_runs_out),
        cmocka_unit_test(test_plan_readable),
        cmocka_unit_test(test_plan_shipped_themes),
    };
    return cmocka_run_group_tests_name("tui_palette", tests, NULL, NULL);
}
