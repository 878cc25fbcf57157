/* test_theme.c - theme parsing (every error case, with exact positions), the
 * shipped and built-in themes, colour downgrades, frame shades and theme_resolve.
 *
 * Fixtures: $FLAMEX_TEST_DATA/bad/theme-*.yaml; themes: $FLAMEX_THEMES (default
 * "themes").
 */
#include "test_util.h"

#include <dirent.h>
#include <sys/stat.h>

#include "flamex/config/theme.h"
#include "flamex/config/yaml_doc.h"

static const char *theme_path(const char *name)
{
    static char buf[4096];
    const char *dir = getenv("FLAMEX_THEMES");
    snprintf(buf, sizeof buf, "%s/%s.yaml", dir ? dir : "themes", name);
    return buf;
}

static int parse_str(const char *text, struct theme *t, struct problems *p)
{
    memset(p, 0, sizeof *p);
    int n = theme_parse(text, strlen(text), "inline.yaml", t, collect, p);
    assert_int_equal(n, p->n);
    return n;
}

static int load_fixture(const char *name, struct theme *t, struct problems *p)
{
    memset(p, 0, sizeof *p);
    int n = theme_load_file(test_data_path(name), t, collect, p);
    assert_int_equal(n, p->n);
    return n;
}

static int load_theme(const char *name, struct theme *t)
{
    struct problems p = { 0 };
    int n = theme_load_file(theme_path(name), t, collect, &p);
    dump(&p);
    return n;
}

static bool color_eq(struct theme_color a, struct theme_color b)
{
    return a.rgb == b.rgb && a.c256 == b.c256 && a.c8 == b.c8;
}

static void assert_style_eq(const struct theme_style *a, const struct theme_style *b, int id)
{
    if (!color_eq(a->fg, b->fg) || !color_eq(a->bg, b->bg) || a->attrs != b->attrs ||
        a->mono_attrs != b->mono_attrs)
        fail_msg("style %d differs: fg %06x/%d/%d vs %06x/%d/%d, bg %06x/%d/%d vs %06x/%d/%d, "
                 "attrs %u/%u vs %u/%u",
                 id, a->fg.rgb, a->fg.c256, a->fg.c8, b->fg.rgb, b->fg.c256, b->fg.c8, a->bg.rgb,
                 a->bg.c256, a->bg.c8, b->bg.rgb, b->bg.c256, b->bg.c8, a->attrs, a->mono_attrs,
                 b->attrs, b->mono_attrs);
}

static struct theme_color rgb(int32_t v)
{
    return (struct theme_color){ v, -1, -1 };
}

static const char *const shipped[] = { "default", "light", "mono", "colorblind" };

/* The names of every *.yaml file in the themes directory, not only the
 * shipped list: a theme added later is checked too. Returns the count. */
static size_t theme_dir_names(char names[][64], size_t cap)
{
    const char *dir = getenv("FLAMEX_THEMES");
    DIR *d = opendir(dir ? dir : "themes");
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len <= 5 || len - 5 >= 64 || strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        assert_true(n < cap);
        memcpy(names[n], e->d_name, len - 5);
        names[n][len - 5] = '\0';
        n++;
    }
    closedir(d);
    return n;
}

/* Rec. 601 luma (0..255) of colour n of the xterm 256-colour palette. */
static int xterm_luma(int n)
{
    static const int cube[6] = { 0, 95, 135, 175, 215, 255 };
    static const int ansi[16][3] = {
        { 0, 0, 0 },       { 205, 0, 0 },   { 0, 205, 0 },   { 205, 205, 0 },
        { 0, 0, 238 },     { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
        { 127, 127, 127 }, { 255, 0, 0 },   { 0, 255, 0 },   { 255, 255, 0 },
        { 92, 92, 255 },   { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
    };
    int r, g, b;
    if (n < 16) {
        r = ansi[n][0], g = ansi[n][1], b = ansi[n][2];
    } else if (n >= 232) {
        r = g = b = 8 + 10 * (n - 232);
    } else {
        r = cube[(n - 16) / 36], g = cube[(n - 16) / 6 % 6], b = cube[(n - 16) % 6];
    }
    return (299 * r + 587 * g + 114 * b) / 1000;
}

static int rgb_luma(int32_t v)
{
    return (299 * ((v >> 16) & 0xff) + 587 * ((v >> 8) & 0xff) + 114 * (v & 0xff)) / 1000;
}

/* ---- the shipped themes --------------------------------------------------- */

static void test_default_file_matches_builtin(void **state)
{
    (void)state;
    struct theme builtin, file;
    theme_default(&builtin);
    assert_int_equal(load_theme("default", &file), 0);
    assert_string_equal(file.name, builtin.name);
    for (int i = 0; i < STYLE_COUNT; i++)
        assert_style_eq(&file.styles[i], &builtin.styles[i], i);
}

static void test_shipped_themes_parse_clean(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        struct theme t;
        assert_int_equal(load_theme(shipped[i], &t), 0);
        assert_string_equal(t.name, shipped[i]);
    }
}

/* Text and background never collapse into the same colour on any tier. */
static void test_shipped_themes_legible(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        struct theme t;
        assert_int_equal(load_theme(shipped[i], &t), 0);
        for (int s = 0; s < STYLE_COUNT; s++) {
            const struct theme_style *st = &t.styles[s];
            if (st->fg.rgb == THEME_RGB_DEFAULT || st->bg.rgb == THEME_RGB_DEFAULT)
                continue;
            if (st->fg.rgb == st->bg.rgb || theme_color_256(&st->fg) == theme_color_256(&st->bg) ||
                theme_color_8(&st->fg) == theme_color_8(&st->bg))
                fail_msg("theme %s: style %d has fg and bg alike", shipped[i], s);
        }
    }
}

/* On a monochrome terminal the roles that matter stay apart. */
static void test_shipped_themes_mono_distinct(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        struct theme t;
        assert_int_equal(load_theme(shipped[i], &t), 0);
        uint8_t sel = t.styles[STYLE_SELECTED].mono_attrs;
        uint8_t match = t.styles[STYLE_MATCH].mono_attrs;
        assert_int_equal(sel, THEME_ATTR_REVERSE | THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE);
        assert_int_equal(match, THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE);
        assert_int_equal(t.styles[STYLE_STATUS].mono_attrs, THEME_ATTR_REVERSE);
        /* Shapes stand apart from the selection, matches and each other... */
        uint8_t plateau = t.styles[STYLE_PLATEAU].mono_attrs;
        uint8_t tower = t.styles[STYLE_TOWER].mono_attrs;
        assert_int_equal(plateau, THEME_ATTR_REVERSE | THEME_ATTR_UNDERLINE);
        assert_int_equal(tower, THEME_ATTR_UNDERLINE | THEME_ATTR_ITALIC);
        assert_int_not_equal(plateau, sel);
        assert_int_not_equal(plateau, match);
        assert_int_not_equal(tower, sel);
        assert_int_not_equal(tower, match);
        /* ... and the sidebar's cursor from its text, focused or not. */
        uint8_t side = t.styles[STYLE_SIDEBAR].mono_attrs;
        uint8_t cursor = t.styles[STYLE_SIDEBAR_CURSOR].mono_attrs;
        uint8_t mark = t.styles[STYLE_SIDEBAR_MARK].mono_attrs;
        assert_true(side != cursor && side != mark && cursor != mark);
        assert_int_not_equal(t.styles[STYLE_SIDEBAR_TITLE].mono_attrs, side);
        for (int k = 0; k < STYLE_KIND_COUNT; k++) {
            const struct theme_style *sh = &t.styles[STYLE_FLAME_BASE + k * STYLE_SHADES];
            for (int s = 0; s < STYLE_SHADES; s++) {
                assert_int_not_equal(sh[s].mono_attrs, sel);
                assert_int_not_equal(sh[s].mono_attrs, match);
                assert_int_not_equal(sh[s].mono_attrs, plateau); /* bars stay plain or reversed */
                assert_int_not_equal(sh[s].mono_attrs, tower);
                /* neighbouring bars of a kind shaded by name differ */
                if (s > 0 && k < STYLE_KIND_GROW)
                    assert_int_not_equal(sh[s].mono_attrs, sh[s - 1].mono_attrs);
            }
        }
        /* The differential view: growth, shrinkage and no change apart, and
         * a small change apart from a large one. */
        const struct theme_style *grow = &t.styles[STYLE_GROW_BASE];
        const struct theme_style *shrink = &t.styles[STYLE_SHRINK_BASE];
        uint8_t same = t.styles[STYLE_DIFF_SAME].mono_attrs;
        assert_int_not_equal(same, sel);
        assert_int_not_equal(same, match);
        assert_int_not_equal(same, t.styles[STYLE_ANCESTOR].mono_attrs);
        assert_int_not_equal(grow[0].mono_attrs, grow[STYLE_SHADES - 1].mono_attrs);
        assert_int_not_equal(shrink[0].mono_attrs, shrink[STYLE_SHADES - 1].mono_attrs);
        for (int a = 0; a < STYLE_SHADES; a++) {
            assert_int_not_equal(grow[a].mono_attrs, same);
            assert_int_not_equal(shrink[a].mono_attrs, same);
            for (int b = 0; b < STYLE_SHADES; b++)
                assert_int_not_equal(grow[a].mono_attrs, shrink[b].mono_attrs);
        }
    }
}

static void test_mono_theme_has_no_colour(void **state)
{
    (void)state;
    struct theme t;
    assert_int_equal(load_theme("mono", &t), 0);
    for (int s = 0; s < STYLE_COUNT; s++) {
        assert_int_equal(theme_color_256(&t.styles[s].fg), -1);
        assert_int_equal(theme_color_256(&t.styles[s].bg), -1);
        assert_int_equal(theme_color_8(&t.styles[s].bg), -1);
        assert_int_equal(t.styles[s].attrs, t.styles[s].mono_attrs);
    }
}

static void test_default_palette(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    int seen256[256] = { 0 };
    for (int s = 0; s < STYLE_SHADES; s++) {
        const struct theme_style *st = &t.styles[STYLE_FLAME_BASE + s];
        int r = (st->bg.rgb >> 16) & 0xff, g = (st->bg.rgb >> 8) & 0xff, b = st->bg.rgb & 0xff;
        /* FlameGraph "hot": rgb(205+rand(50), rand(230), rand(55)) */
        assert_in_range(r, 205, 255);
        assert_in_range(g, 0, 230);
        assert_in_range(b, 0, 55);
        assert_int_equal(st->fg.rgb, 0x000000);
        seen256[theme_color_256(&st->bg)]++;
        int c8 = theme_color_8(&st->bg);
        assert_true(c8 == 1 || c8 == 3); /* red or yellow, never white */
        const struct theme_style *k = &t.styles[STYLE_KERNEL_BASE + s];
        assert_true(((k->bg.rgb >> 16) & 0xff) > ((k->bg.rgb >> 8) & 0xff)); /* orange */
        assert_int_equal(k->bg.rgb & 0xff, 0);
        const struct theme_style *j = &t.styles[STYLE_JIT_BASE + s];
        assert_int_equal(theme_color_8(&j->bg), 2); /* green */
        const struct theme_style *in = &t.styles[STYLE_INLINED_BASE + s];
        assert_int_equal(theme_color_8(&in->bg), 6); /* cyan */
    }
    for (int c = 0; c < 256; c++)
        assert_true(seen256[c] <= 1); /* the 8 warm shades stay distinct on 256 colours */
    assert_int_equal(t.styles[STYLE_FLAME_BASE].mono_attrs, THEME_ATTR_REVERSE);
    assert_int_equal(t.styles[STYLE_FLAME_BASE + 1].mono_attrs, 0);
    /* The differential view: reddish growth, bluish shrinkage; red and blue
     * (with white text) on 8 colours, where the pale levels would be white. */
    for (int s = 0; s < STYLE_SHADES; s++) {
        int32_t g = t.styles[STYLE_GROW_BASE + s].bg.rgb;
        int32_t b = t.styles[STYLE_SHRINK_BASE + s].bg.rgb;
        assert_true(((g >> 16) & 0xff) > ((g >> 8) & 0xff) && (g >> 8 & 0xff) == (g & 0xff));
        assert_true((b & 0xff) == 0xff && (b & 0xff) > ((b >> 16) & 0xff));
        assert_int_equal(theme_color_8(&t.styles[STYLE_GROW_BASE + s].bg), 1);
        assert_int_equal(theme_color_8(&t.styles[STYLE_GROW_BASE + s].fg), 0);
        assert_int_equal(theme_color_8(&t.styles[STYLE_SHRINK_BASE + s].bg), 4);
        assert_int_equal(theme_color_8(&t.styles[STYLE_SHRINK_BASE + s].fg), 7);
        assert_int_equal(theme_color_256(&t.styles[STYLE_SHRINK_BASE + s].fg), 0);
    }
    assert_int_equal(theme_color_8(&t.styles[STYLE_DIFF_SAME].bg), 7);
}

/* ---- colours ---------------------------------------------------------------- */

static void test_color_downgrade(void **state)
{
    (void)state;
    static const struct {
        int32_t rgb;
        int c256, c8;
    } cases[] = {
        { 0xff0000, 196, 1 }, { 0x808080, 244, 7 }, { 0x000000, 16, 0 },
        { 0xffffff, 231, 7 }, { 0xffa500, 214, 3 }, { 0xe65a1e, 166, 1 },
        { 0x0000ff, 21, 4 },  { 0x00ff00, 46, 2 },  { 0x00ffff, 51, 6 },
        { 0xff00ff, 201, 5 }, { 0x303030, 236, 0 }, { 0xfad22d, 220, 3 },
        { 0x5fd7ff, 81, 6 },  { 0xeeeeee, 255, 7 }, { 0x121212, 233, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct theme_color c = rgb(cases[i].rgb);
        if (theme_color_256(&c) != cases[i].c256 || theme_color_8(&c) != cases[i].c8)
            fail_msg("#%06x -> %d/%d, wanted %d/%d", cases[i].rgb, theme_color_256(&c),
                     theme_color_8(&c), cases[i].c256, cases[i].c8);
    }
    struct theme_color def = { THEME_RGB_DEFAULT, -1, -1 };
    assert_int_equal(theme_color_256(&def), -1);
    assert_int_equal(theme_color_8(&def), -1);
    struct theme_color explicit = { 0xff0000, 52, 4 };
    assert_int_equal(theme_color_256(&explicit), 52);
    assert_int_equal(theme_color_8(&explicit), 4);
}

static void test_color_forms(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    assert_int_equal(parse_str("styles:\n"
                               "  selected: { fg: \"#0A0b0C\", bg: bright-red }\n"
                               "  match: { fg: 200, bg: default }\n"
                               "  status: { fg: { rgb: \"#ff0000\", c256: 52, c8: blue },"
                               " bg: { c256: 17 } }\n"
                               "  error: { fg: { c8: 3 }, bg: { rgb: default, c8: white } }\n",
                               &t, &p),
                     0);
    const struct theme_style *s = &t.styles[STYLE_SELECTED];
    assert_true(color_eq(s->fg, rgb(0x0a0b0c)));
    assert_int_equal(s->bg.rgb, 0xff0000);
    assert_int_equal(theme_color_256(&s->bg), 9);
    assert_int_equal(theme_color_8(&s->bg), 1);
    s = &t.styles[STYLE_MATCH];
    assert_int_equal(theme_color_256(&s->fg), 200);
    assert_int_equal(s->fg.rgb, 0xff00d7); /* xterm colour 200 */
    assert_int_equal(theme_color_256(&s->bg), -1);
    s = &t.styles[STYLE_STATUS];
    assert_int_equal(s->fg.rgb, 0xff0000);
    assert_int_equal(theme_color_256(&s->fg), 52);
    assert_int_equal(theme_color_8(&s->fg), 4);
    assert_int_equal(s->bg.rgb, 0x00005f); /* rgb derived from c256 17 */
    s = &t.styles[STYLE_ERROR];
    assert_int_equal(theme_color_8(&s->fg), 3);
    assert_int_equal(s->fg.rgb, 0xcdcd00);
    assert_int_equal(s->bg.rgb, THEME_RGB_DEFAULT);
    assert_int_equal(theme_color_8(&s->bg), 7);
    assert_int_equal(theme_color_256(&s->bg), -1);
}

/* ---- frame shades ----------------------------------------------------------- */

static void test_frame_style(void **state)
{
    (void)state;
    static const int base[STYLE_KIND_COUNT] = { STYLE_FLAME_BASE,   STYLE_KERNEL_BASE,
                                                STYLE_JIT_BASE,     STYLE_INLINED_BASE,
                                                STYLE_GROW_BASE,    STYLE_SHRINK_BASE };
    /* the kinds tile the frame ids, the roles follow */
    assert_int_equal(STYLE_FLAME_BASE + STYLE_KIND_COUNT * STYLE_SHADES, STYLE_ANCESTOR);
    for (int k = 0; k < STYLE_KIND_COUNT; k++) {
        int seen[STYLE_SHADES] = { 0 };
        for (uint64_t h = 0; h < 1000; h++) {
            int s = theme_frame_style(k, h);
            assert_in_range(s, base[k], base[k] + STYLE_SHADES - 1);
            assert_int_equal(s, theme_frame_style(k, h));
            seen[s - base[k]]++;
        }
        for (int i = 0; i < STYLE_SHADES; i++)
            assert_in_range(seen[i], 60, 190); /* mixed: every shade used, roughly evenly */
    }
    /* Hashes differing only in high bits still spread over the shades. */
    int seen[STYLE_SHADES] = { 0 };
    for (uint64_t h = 0; h < 64; h++)
        seen[theme_frame_style(STYLE_KIND_FLAME, h << 56) - STYLE_FLAME_BASE]++;
    for (int i = 0; i < STYLE_SHADES; i++)
        assert_true(seen[i] > 0);
    assert_in_range(theme_frame_style(99, 5), STYLE_FLAME_BASE, STYLE_FLAME_BASE + 7);
    assert_in_range(theme_frame_style(-1, 5), STYLE_FLAME_BASE, STYLE_FLAME_BASE + 7);
}

static void test_frames_section(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    assert_int_equal(parse_str("frames:\n"
                               "  text: white\n"
                               "  mono: [[bold], [], [underline]]\n"
                               "  flame: [\"#100000\", \"#200000\", \"#300000\"]\n"
                               "  kernel:\n"
                               "    shades: [blue]\n"
                               "    text: \"#ffff00\"\n"
                               "    attrs: [[italic]]\n",
                               &t, &p),
                     0);
    static const int32_t want[] = { 0x100000, 0x200000, 0x300000 };
    static const uint8_t mono[] = { THEME_ATTR_BOLD, 0, THEME_ATTR_UNDERLINE };
    struct theme def;
    theme_default(&def);
    for (int s = 0; s < STYLE_SHADES; s++) {
        const struct theme_style *f = &t.styles[STYLE_FLAME_BASE + s];
        assert_int_equal(f->bg.rgb, want[s % 3]);
        assert_int_equal(f->fg.rgb, 0xe5e5e5);
        assert_int_equal(f->mono_attrs, mono[s % 3]);
        assert_int_equal(f->attrs, 0);
        const struct theme_style *k = &t.styles[STYLE_KERNEL_BASE + s];
        assert_int_equal(k->bg.rgb, 0x0000ee);
        assert_int_equal(k->fg.rgb, 0xffff00);
        assert_int_equal(k->attrs, THEME_ATTR_ITALIC);
        assert_int_equal(k->mono_attrs, mono[s % 3]);
        const struct theme_style *j = &t.styles[STYLE_JIT_BASE + s];
        assert_true(color_eq(j->bg, def.styles[STYLE_JIT_BASE + s].bg));
        assert_int_equal(j->fg.rgb, 0xe5e5e5);
    }
}

/* grow and shrink parse like the other kinds, as a list or a mapping. */
static void test_diff_kinds_parse(void **state)
{
    (void)state;
    struct theme t, def;
    struct problems p;
    theme_default(&def);
    assert_int_equal(parse_str("frames:\n"
                               "  grow: [\"#110000\", \"#220000\"]\n"
                               "  shrink:\n"
                               "    shades: [{ rgb: \"#000011\", c8: cyan }, 17, navy]\n"
                               "    text: white\n"
                               "    attrs: [[bold], [underline]]\n"
                               "    mono: [[italic]]\n",
                               &t, &p),
                     1);
    expect_problem(&p, 4, 48, "invalid colour 'navy' for 'shades'");
    for (int s = 0; s < STYLE_SHADES; s++) {
        const struct theme_style *g = &t.styles[STYLE_GROW_BASE + s];
        const struct theme_style *d = &def.styles[STYLE_GROW_BASE + s];
        assert_true(color_eq(g->bg, rgb(s % 2 ? 0x220000 : 0x110000))); /* cycled */
        assert_true(color_eq(g->fg, d->fg)); /* the rest keeps the default */
        assert_int_equal(g->attrs, d->attrs);
        assert_int_equal(g->mono_attrs, d->mono_attrs);
        const struct theme_style *k = &t.styles[STYLE_SHRINK_BASE + s];
        if (s % 2) { /* the two valid shades, cycled */
            assert_int_equal(k->bg.rgb, 0x00005f);
            assert_int_equal(theme_color_256(&k->bg), 17);
        } else {
            assert_int_equal(k->bg.rgb, 0x000011);
            assert_int_equal(theme_color_8(&k->bg), 6);
        }
        assert_int_equal(k->fg.rgb, 0xe5e5e5);
        assert_int_equal(k->attrs, s % 2 ? THEME_ATTR_UNDERLINE : THEME_ATTR_BOLD);
        assert_int_equal(k->mono_attrs, THEME_ATTR_ITALIC);
    }
    /* The other kinds and the roles are untouched. */
    for (int s = 0; s < STYLE_COUNT; s++) {
        if (s < STYLE_GROW_BASE || s >= STYLE_SHRINK_BASE + STYLE_SHADES)
            assert_style_eq(&t.styles[s], &def.styles[s], s);
    }
    /* Their errors name them. */
    assert_int_equal(parse_str("frames:\n  grow: { shades: [red], blink: [] }\n"
                               "  shrink: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
                               "  growth: [red]\n",
                               &t, &p),
                     3);
    expect_problem(&p, 2, 26, "unknown key 'blink' in frames.grow");
    expect_problem(&p, 3, 11, "'shrink' needs 1 to 8 entries, found 9");
    expect_problem(&p, 4, 3, "unknown key 'growth' in frames");
    assert_int_equal(t.styles[STYLE_GROW_BASE + 3].bg.rgb, 0xcd0000);
    assert_int_equal(theme_color_256(&t.styles[STYLE_SHRINK_BASE + 7].bg), 8);
}

/* frames-wide text, attrs and mono are for the kinds shaded by name: the
 * differential levels keep their own unless set under grow or shrink. */
static void test_frames_wide_skip_diff(void **state)
{
    (void)state;
    struct theme t, def;
    struct problems p;
    theme_default(&def);
    assert_int_equal(parse_str("frames:\n"
                               "  text: white\n"
                               "  attrs: [[underline]]\n"
                               "  mono: [[dim]]\n"
                               "  shrink: { text: yellow }\n",
                               &t, &p),
                     0);
    for (int k = 0; k < STYLE_KIND_COUNT; k++) {
        for (int s = 0; s < STYLE_SHADES; s++) {
            int id = STYLE_FLAME_BASE + k * STYLE_SHADES + s;
            const struct theme_style *st = &t.styles[id];
            if (k < STYLE_KIND_GROW) {
                assert_int_equal(st->fg.rgb, 0xe5e5e5);
                assert_int_equal(st->attrs, THEME_ATTR_UNDERLINE);
                assert_int_equal(st->mono_attrs, THEME_ATTR_DIM);
            } else if (k == STYLE_KIND_GROW) {
                assert_style_eq(st, &def.styles[id], id);
            } else {
                assert_int_equal(st->fg.rgb, 0xcdcd00);
                assert_true(color_eq(st->bg, def.styles[id].bg));
                assert_int_equal(st->attrs, def.styles[id].attrs);
                assert_int_equal(st->mono_attrs, def.styles[id].mono_attrs);
            }
        }
    }
    assert_style_eq(&t.styles[STYLE_DIFF_SAME], &def.styles[STYLE_DIFF_SAME], STYLE_DIFF_SAME);
}

/* diff-same is a role under styles:, not a kind under frames:. */
static void test_diff_same_role(void **state)
{
    (void)state;
    struct theme t, def;
    struct problems p;
    theme_default(&def);
    assert_int_equal(parse_str("styles:\n"
                               "  diff-same: { fg: red, bg: \"#123456\", attrs: [bold],"
                               " mono: [underline] }\n",
                               &t, &p),
                     0);
    const struct theme_style *st = &t.styles[STYLE_DIFF_SAME];
    assert_int_equal(st->fg.rgb, 0xcd0000);
    assert_true(color_eq(st->bg, rgb(0x123456)));
    assert_int_equal(st->attrs, THEME_ATTR_BOLD);
    assert_int_equal(st->mono_attrs, THEME_ATTR_UNDERLINE);
    for (int s = 0; s < STYLE_COUNT; s++) {
        if (s != STYLE_DIFF_SAME)
            assert_style_eq(&t.styles[s], &def.styles[s], s);
    }
    assert_int_equal(parse_str("frames:\n  diff-same: [red]\nstyles:\n  grow: { fg: red }\n",
                               &t, &p),
                     2);
    expect_problem(&p, 2, 3, "unknown key 'diff-same' in frames");
    expect_problem(&p, 4, 3, "unknown key 'grow' in styles");
    assert_style_eq(&t.styles[STYLE_DIFF_SAME], &def.styles[STYLE_DIFF_SAME], STYLE_DIFF_SAME);
}

/* Every theme file in the themes directory, shipped or not, loads cleanly. */
static void test_theme_dir_clean(void **state)
{
    (void)state;
    char names[32][64];
    size_t n = theme_dir_names(names, 32);
    assert_true(n >= sizeof shipped / sizeof shipped[0]);
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        size_t j = 0;
        while (j < n && strcmp(names[j], shipped[i]) != 0)
            j++;
        assert_true(j < n); /* the shipped list is in the directory */
    }
    for (size_t i = 0; i < n; i++) {
        struct theme t;
        int problems = load_theme(names[i], &t);
        if (problems)
            fail_msg("theme %s: %d problems", names[i], problems);
    }
}

/* In every theme the differential view's levels are told apart on every
 * tier: each level from the one before (and darker: pale to strong), growth
 * from shrinkage, and both from an unchanged frame. */
static void test_theme_dir_diff_levels(void **state)
{
    (void)state;
    char names[32][64];
    size_t n = theme_dir_names(names, 32);
    for (size_t i = 0; i < n; i++) {
        struct theme t;
        assert_int_equal(load_theme(names[i], &t), 0);
        const struct theme_style *grow = &t.styles[STYLE_GROW_BASE];
        const struct theme_style *shrink = &t.styles[STYLE_SHRINK_BASE];
        const struct theme_style *same = &t.styles[STYLE_DIFF_SAME];
        if (grow[0].bg.rgb == THEME_RGB_DEFAULT) { /* no colours: attributes only */
            for (int a = 0; a < STYLE_SHADES; a++) {
                assert_int_equal(grow[a].bg.rgb, THEME_RGB_DEFAULT);
                assert_int_equal(shrink[a].bg.rgb, THEME_RGB_DEFAULT);
                assert_int_not_equal(grow[a].attrs, same->attrs);
                assert_int_not_equal(shrink[a].attrs, same->attrs);
                for (int b = 0; b < STYLE_SHADES; b++)
                    assert_int_not_equal(grow[a].attrs, shrink[b].attrs);
            }
            continue;
        }
        for (int k = 0; k < 2; k++) {
            const struct theme_style *lv = k ? shrink : grow;
            for (int s = 1; s < STYLE_SHADES; s++) {
                int c = theme_color_256(&lv[s].bg), prev = theme_color_256(&lv[s - 1].bg);
                if (lv[s].bg.rgb == lv[s - 1].bg.rgb || c == prev ||
                    rgb_luma(lv[s].bg.rgb) >= rgb_luma(lv[s - 1].bg.rgb) ||
                    xterm_luma(c) >= xterm_luma(prev))
                    fail_msg("theme %s: %s level %d (#%06x, %d) is not darker than level %d "
                             "(#%06x, %d)",
                             names[i], k ? "shrink" : "grow", s, lv[s].bg.rgb, c, s - 1,
                             lv[s - 1].bg.rgb, prev);
            }
        }
        for (int a = 0; a < STYLE_SHADES; a++) {
            for (int b = 0; b < STYLE_SHADES; b++) {
                if (grow[a].bg.rgb == shrink[b].bg.rgb ||
                    theme_color_256(&grow[a].bg) == theme_color_256(&shrink[b].bg) ||
                    theme_color_8(&grow[a].bg) == theme_color_8(&shrink[b].bg))
                    fail_msg("theme %s: grow level %d looks like shrink level %d", names[i], a,
                             b);
            }
            for (int k = 0; k < 2; k++) {
                const struct theme_style *st = k ? &shrink[a] : &grow[a];
                if (theme_color_256(&st->bg) == theme_color_256(&same->bg) ||
                    theme_color_8(&st->bg) == theme_color_8(&same->bg))
                    fail_msg("theme %s: %s level %d looks like diff-same", names[i],
                             k ? "shrink" : "grow", a);
            }
        }
    }
}

static void test_partial_theme_keeps_defaults(void **state)
{
    (void)state;
    struct theme t, def;
    struct problems p;
    theme_default(&def);
    assert_int_equal(parse_str("styles:\n  selected: { fg: red }\n", &t, &p), 0);
    assert_string_equal(t.name, "default");
    assert_int_equal(t.styles[STYLE_SELECTED].fg.rgb, 0xcd0000);
    assert_true(color_eq(t.styles[STYLE_SELECTED].bg, def.styles[STYLE_SELECTED].bg));
    assert_int_equal(t.styles[STYLE_SELECTED].mono_attrs, def.styles[STYLE_SELECTED].mono_attrs);
    for (int s = 0; s < STYLE_COUNT; s++) {
        if (s != STYLE_SELECTED)
            assert_style_eq(&t.styles[s], &def.styles[s], s);
    }
    /* an empty section sets nothing */
    assert_int_equal(parse_str("name: x\nstyles:\nframes:\n", &t, &p), 0);
}

/* ---- every error case, with its position -------------------------------------- */

static void test_bad_tabs(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    assert_int_equal(load_fixture("bad/theme-tabs.yaml", &t, &p), 1);
    expect_problem(&p, 3, 1, "tab character in indentation");
    assert_string_equal(p.rec[0].path, test_data_path("bad/theme-tabs.yaml"));
    assert_string_equal(t.name, "tabs"); /* read before the error */
    assert_int_equal(parse_str("name: a\nstyles:\n  selected:\n  \t fg: red\n", &t, &p), 1);
    expect_problem(&p, 4, 3, "tab");
}

static void test_bad_alias(void **state)
{
    (void)state;
    struct theme t, def;
    struct problems p;
    theme_default(&def);
    assert_int_equal(load_fixture("bad/theme-alias.yaml", &t, &p), 2);
    expect_problem(&p, 3, 13, "aliases are not allowed");
    expect_problem(&p, 4, 10, "aliases are not allowed");
    assert_int_equal(t.styles[STYLE_SELECTED].fg.rgb, 0x000000);
    assert_style_eq(&t.styles[STYLE_MATCH], &def.styles[STYLE_MATCH], STYLE_MATCH);
    /* an alias as a key is skipped quietly after the one report */
    assert_int_equal(parse_str("a: &k name\n*k : x\n", &t, &p), 3);
    expect_problem(&p, 2, 1, "aliases are not allowed");
}

static void test_bad_duplicate(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    assert_int_equal(load_fixture("bad/theme-duplicate.yaml", &t, &p), 1);
    expect_problem(&p, 5, 3, "duplicate key 'selected' (first at line 3)");
    assert_int_equal(t.styles[STYLE_SELECTED].fg.rgb, 0xcd0000); /* the first one wins */
    assert_int_equal(t.styles[STYLE_MATCH].fg.rgb, 0x0000ee);
    assert_int_equal(parse_str("styles:\n  selected: { fg: red, fg: blue }\n", &t, &p), 1);
    expect_problem(&p, 2, 24, "duplicate key 'fg' (first at line 2)");
}

static void test_bad_unknown_key(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    assert_int_equal(load_fixture("bad/theme-unknown-key.yaml", &t, &p), 3);
    expect_problem(&p, 3, 24, "unknown key 'blink' in styles.selected");
    expect_problem(&p, 4, 3, "unknown key 'foo' in styles");
    expect_problem(&p, 5, 1, "unknown key 'colour' in the theme");
    assert_int_equal(t.styles[STYLE_SELECTED].fg.rgb, 0xcd0000);
    assert_string_equal(t.name, "unknown");
    /* control bytes in a key are escaped in the message */
    assert_int_equal(parse_str("\"a\\e[2J\": 1\n", &t, &p), 1);
    expect_problem(&p, 1, 1, "unknown key 'a\\x1b[2J'");
}

static void test_bad_wrong_type(void **state)
{
    (void)state;
    struct theme t, def;
    struct problems p;
    theme_default(&def);
    assert_int_equal(load_fixture("bad/theme-wrong-type.yaml", &t, &p), 4);
    expect_problem(&p, 1, 7, "expected a string for 'name'");
    expect_problem(&p, 3, 13, "expected a mapping for 'selected'");
    expect_problem(&p, 4, 30, "expected a list for 'attrs'");
    expect_problem(&p, 6, 10, "expected a list or mapping for 'flame'");
    assert_int_equal(t.styles[STYLE_MATCH].fg.rgb, 0x000000); /* the valid field applies */
    assert_int_equal(t.styles[STYLE_MATCH].attrs, def.styles[STYLE_MATCH].attrs);
    assert_int_equal(parse_str("- a\n- b\n", &t, &p), 1);
    expect_problem(&p, 1, 1, "expected a mapping at the top level");
    assert_int_equal(parse_str("styles: [selected]\n", &t, &p), 1);
    expect_problem(&p, 1, 9, "expected a mapping for 'styles'");
    assert_int_equal(parse_str("{[a]: 1}\n", &t, &p), 1);
    expect_problem(&p, 1, 2, "expected a string as a key");
    assert_int_equal(parse_str("styles:\n  match: { attrs: [bold, blink, [x]] }\n", &t, &p), 2);
    expect_problem(&p, 2, 26, "unknown attribute 'blink'");
    expect_problem(&p, 2, 33, "expected a string in the 'attrs' list");
    assert_int_equal(t.styles[STYLE_MATCH].attrs, THEME_ATTR_BOLD);
    assert_int_equal(parse_str("name: \"a\\0b\"\n", &t, &p), 1);
    expect_problem(&p, 1, 7, "NUL byte");
    assert_int_equal(parse_str("name: 0123456789012345678901234567890123456789012345678901234567"
                               "890123\n",
                               &t, &p),
                     1);
    expect_problem(&p, 1, 7, "'name' is longer than 63 bytes");
    assert_string_equal(t.name, "default");
}

static void test_bad_colour(void **state)
{
    (void)state;
    struct theme t, def;
    struct problems p;
    theme_default(&def);
    assert_int_equal(load_fixture("bad/theme-bad-colour.yaml", &t, &p), 7);
    expect_problem(&p, 3, 19, "invalid colour '#12345' for 'fg'");
    expect_problem(&p, 3, 33, "invalid colour 'purple' for 'bg'");
    expect_problem(&p, 4, 16, "colour index 300 out of range 0..255");
    expect_problem(&p, 4, 32, "invalid colour '#zzzzzz' for 'rgb'");
    expect_problem(&p, 4, 47, "invalid colour 'orange' for 'c8'");
    expect_problem(&p, 6, 8, "missing colour for 'fg' (quote \"#rrggbb\"");
    expect_problem(&p, 8, 22, "invalid colour 'chartreuse' for 'flame'");
    assert_style_eq(&t.styles[STYLE_SELECTED], &def.styles[STYLE_SELECTED], STYLE_SELECTED);
    assert_style_eq(&t.styles[STYLE_MATCH], &def.styles[STYLE_MATCH], STYLE_MATCH);
    for (int s = 0; s < STYLE_SHADES; s++) /* the one valid shade is cycled */
        assert_int_equal(t.styles[STYLE_FLAME_BASE + s].bg.rgb, 0xff0000);
    assert_int_equal(parse_str("frames:\n  jit: []\n  kernel: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n",
                               &t, &p),
                     2);
    expect_problem(&p, 2, 8, "'jit' needs 1 to 8 entries, found 0");
    expect_problem(&p, 3, 11, "'kernel' needs 1 to 8 entries, found 9");
    assert_int_equal(theme_color_256(&t.styles[STYLE_KERNEL_BASE + 7].bg), 8);
    assert_true(color_eq(t.styles[STYLE_JIT_BASE].bg, def.styles[STYLE_JIT_BASE].bg));
    assert_int_equal(parse_str("styles:\n  match: { fg: {} }\n", &t, &p), 1);
    expect_problem(&p, 2, 16, "empty colour for 'fg'");
    assert_int_equal(parse_str("styles:\n  match: { fg: [red] }\n", &t, &p), 1);
    expect_problem(&p, 2, 16, "expected a colour");
}

static void test_bad_syntax(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    assert_int_equal(parse_str("name: x\nstyles: { selected: { fg: red }\n", &t, &p), 1);
    expect_problem(&p, 3, 1, "syntax error");
    assert_string_equal(t.name, "x");
    assert_int_equal(parse_str("name: a\n---\nname: b\n", &t, &p), 1);
    expect_problem(&p, 2, 1, "only one YAML document is allowed");
    assert_string_equal(t.name, "a");
    assert_int_equal(parse_str("name: a\nname b\n", &t, &p), 1);
    expect_problem(&p, 3, 1, "syntax error: could not find expected ':'");
}

static void test_empty(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    assert_int_equal(load_fixture("bad/theme-empty.yaml", &t, &p), 1);
    assert_int_equal(p.rec[0].line, ERROR_NO_POSITION);
    assert_non_null(strstr(p.rec[0].message, "the theme is empty"));
    assert_string_equal(t.name, "default");
    assert_int_equal(parse_str("# only a comment\n", &t, &p), 1);
    assert_int_equal(parse_str("---\n", &t, &p), 1);
}

/* ---- hostile input ---------------------------------------------------------- */

static void test_binary_junk(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    assert_int_equal(load_fixture("bad/theme-binary.yaml", &t, &p), 1);
    expect_problem(&p, 2, 1, "control characters are not allowed (byte 0x00)");
    memset(&p, 0, sizeof p);
    static const char nul[] = "name: a\0b\n";
    assert_int_equal(theme_parse(nul, sizeof nul - 1, "nul", &t, collect, &p), 1);
    expect_problem(&p, 1, 8, "control characters");
    /* Random bytes and byte-flipped copies of a real theme: no crash, and every
     * problem has a position or says why not. */
    size_t len = 0;
    char *base = test_read_file(theme_path("default"), &len);
    assert_non_null(base);
    uint64_t x = 42;
    char buf[600];
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        size_t n = (size_t)(x >> 33) % sizeof buf;
        if (i % 2) {
            for (size_t j = 0; j < n; j++) {
                x = x * 6364136223846793005ull + 1442695040888963407ull;
                buf[j] = (char)(x >> 56);
            }
            memset(&p, 0, sizeof p);
            theme_parse(buf, n, "junk", &t, collect, &p);
        } else {
            char *copy = malloc(len);
            memcpy(copy, base, len);
            for (int f = 0; f < 4; f++) {
                x = x * 6364136223846793005ull + 1442695040888963407ull;
                copy[(x >> 20) % len] = "\t&*:{}[]-\"'#\n\0 !|>%@`,?"[(x >> 50) % 24];
            }
            memset(&p, 0, sizeof p);
            theme_parse(copy, len, "flip", &t, collect, &p);
            free(copy);
        }
        assert_true(t.name[sizeof t.name - 1] == '\0');
    }
    free(base);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    char text[512];
    snprintf(text, sizeof text, "name: deep\nstyles:\n  selected:\n    fg: %.*s%.*s\n", 40,
             "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 40,
             "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
    /* root, styles and selected are levels 1-3: the 30th '[' is level 33 */
    assert_int_equal(parse_str(text, &t, &p), 2);
    expect_problem(&p, 4, 38, "nesting deeper than 32 levels");
    expect_problem(&p, 4, 9, "expected a colour (a string, number or mapping) for 'fg'");
    assert_string_equal(t.name, "deep"); /* what came before the limit applies */
    /* 200,000 unclosed levels: reported at once, and quickly (libyaml's scanner
     * is quadratic in flow depth: reading on took minutes) */
    size_t n = 200000;
    char *deep = malloc(n + 1);
    memset(deep, '[', n);
    deep[n] = '\0';
    memset(&p, 0, sizeof p);
    assert_int_equal(theme_parse(deep, n, "deep", &t, collect, &p), 2);
    expect_problem(&p, 1, 33, "nesting deeper than 32 levels");
    expect_problem(&p, 1, 1, "expected a mapping at the top level");
    for (size_t i = 0; i < n; i++)
        deep[i] = i % 4 == 0 ? '{' : i % 4 == 1 ? 'a' : i % 4 == 2 ? ':' : ' ';
    memset(&p, 0, sizeof p);
    assert_true(theme_parse(deep, n, "deep", &t, collect, &p) >= 1);
    free(deep);
}

static void test_huge(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    size_t cap = 200000, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text, cap, "name: big\nframes:\n  flame: [");
    while (n < cap - 16)
        n += (size_t)snprintf(text + n, cap - n, "1, ");
    n += (size_t)snprintf(text + n, cap - n, "2]\n");
    memset(&p, 0, sizeof p);
    /* what was read before the limit is still checked */
    assert_int_equal(theme_parse(text, n, "big", &t, collect, &p), 2);
    expect_problem(&p, 3, 59990, "document too large (more than 20000 YAML nodes)");
    expect_problem(&p, 3, 10, "'flame' needs 1 to 8 entries, found 19993");
    assert_string_equal(t.name, "big");
    free(text);

    /* a file over the size cap is refused before parsing */
    size_t big = YAML_DOC_MAX_FILE + 10;
    char *data = malloc(big);
    memset(data, '#', big);
    char *path = test_write_temp(data, big);
    free(data);
    memset(&p, 0, sizeof p);
    assert_int_equal(theme_load_file(path, &t, collect, &p), 1);
    assert_non_null(strstr(p.rec[0].message, "too large"));
    assert_int_equal(p.rec[0].line, ERROR_NO_POSITION);
    assert_string_equal(t.name, "default");
    unlink(path);
    free(path);
}

static void test_unreadable(void **state)
{
    (void)state;
    struct theme t;
    struct problems p;
    assert_int_equal(load_fixture("bad/no-such-theme.yaml", &t, &p), 1);
    assert_non_null(strstr(p.rec[0].message, "cannot open"));
    assert_int_equal(p.rec[0].line, ERROR_NO_POSITION);
    assert_string_equal(t.name, "default");
    assert_int_equal(load_fixture("bad", &t, &p), 1); /* a directory */
    assert_non_null(strstr(p.rec[0].message, "cannot read"));
}

/* ---- built-in themes and theme_resolve ------------------------------------------ */

/* Read the whole file at path into a malloc'd buffer (*len bytes). */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        assert_true(n < cap); /* themes are small */
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Every theme file in themes/ is built in, byte for byte, and nothing else is;
 * the table is sorted by name. */
static void test_builtins_match_files(void **state)
{
    (void)state;
    char names[32][64];
    size_t nfiles = theme_dir_names(names, 32);
    size_t n;
    const struct theme_builtin *b = theme_builtins(&n);
    assert_int_equal(n, nfiles);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            assert_true(strcmp(b[i - 1].name, b[i].name) < 0);
        size_t len;
        char *text = read_all(theme_path(b[i].name), &len);
        assert_int_equal(b[i].len, len);
        assert_int_equal(strlen(b[i].text), len);
        assert_memory_equal(b[i].text, text, len);
        free(text);
        assert_ptr_equal(theme_builtin_find(b[i].name), &b[i]);
    }
    assert_null(theme_builtin_find("nope"));
    assert_null(theme_builtin_find(""));
}

/* A built-in theme loads clean and equals its file. */
static void test_builtin_loads_like_file(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        struct theme a, b;
        struct theme_source src;
        struct problems p = { 0 };
        assert_int_equal(theme_load_named(shipped[i], NULL, &a, &src, collect, &p), 0);
        assert_int_equal(p.n, 0);
        assert_int_equal(src.origin, THEME_ORIGIN_BUILTIN);
        assert_string_equal(src.builtin->name, shipped[i]);
        assert_int_equal(load_theme(shipped[i], &b), 0);
        assert_string_equal(a.name, b.name);
        for (int id = 0; id < STYLE_COUNT; id++)
            assert_style_eq(&a.styles[id], &b.styles[id], id);
    }
    /* and light is not the default: it would not be worth a name otherwise */
    struct theme light, def;
    theme_load_named("light", NULL, &light, NULL, collect, &(struct problems){ 0 });
    theme_default(&def);
    assert_true(memcmp(&light.styles[STYLE_STATUS], &def.styles[STYLE_STATUS],
                       sizeof def.styles[0]) != 0);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Order: a path is a file; a name is the user's NAME.yaml, else the built-in. */
static void test_resolve(void **state)
{
    (void)state;
    char dir[] = "/tmp/flamex-theme-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char user[256], file[600];
    snprintf(user, sizeof user, "%s/themes", dir);
    assert_int_equal(mkdir(user, 0700), 0);
    snprintf(file, sizeof file, "%s/light.yaml", user); /* overrides the built-in light */
    write_file(file, "name: my-light\nstyles:\n  status: { fg: red, bg: blue }\n");
    snprintf(file, sizeof file, "%s/mine.yaml", user);
    write_file(file, "name: mine\n");
    snprintf(file, sizeof file, "%s/mono.yaml", user); /* not a file: the built-in wins */
    assert_int_equal(mkdir(file, 0700), 0);

    struct theme_source src;
    assert_true(theme_resolve("light", user, &src));
    assert_int_equal(src.origin, THEME_ORIGIN_USER);
    snprintf(file, sizeof file, "%s/light.yaml", user);
    assert_string_equal(src.path, file);
    assert_null(src.builtin);
    assert_true(theme_resolve("mine", user, &src));
    assert_int_equal(src.origin, THEME_ORIGIN_USER);
    assert_true(theme_resolve("mono", user, &src));
    assert_int_equal(src.origin, THEME_ORIGIN_BUILTIN);
    assert_string_equal(src.builtin->name, "mono");
    assert_string_equal(src.path, "");
    assert_true(theme_resolve("colorblind", user, &src));
    assert_int_equal(src.origin, THEME_ORIGIN_BUILTIN);
    assert_true(theme_resolve("light", NULL, &src)); /* no user directory */
    assert_int_equal(src.origin, THEME_ORIGIN_BUILTIN);
    assert_true(theme_resolve("light", "", &src));
    assert_int_equal(src.origin, THEME_ORIGIN_BUILTIN);
    assert_false(theme_resolve("missing", user, &src));
    assert_int_equal(src.origin, THEME_ORIGIN_NONE);
    assert_false(theme_resolve("", user, &src));
    char longname[5000];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_false(theme_resolve(longname, user, &src));
    /* a path: taken as is, never searched, even when missing (loading says why) */
    assert_true(theme_resolve(file, user, &src));
    assert_int_equal(src.origin, THEME_ORIGIN_PATH);
    assert_string_equal(src.path, file);
    assert_true(theme_resolve("light.yaml", user, &src));
    assert_int_equal(src.origin, THEME_ORIGIN_PATH);
    assert_string_equal(src.path, "light.yaml");

    /* Loading follows the same order. */
    struct theme t;
    struct problems p = { 0 };
    assert_int_equal(theme_load_named("light", user, &t, &src, collect, &p), 0);
    assert_string_equal(t.name, "my-light");
    assert_int_equal(t.styles[STYLE_STATUS].bg.rgb, rgb(0x0000ee).rgb);
    assert_int_equal(theme_load_named("light", NULL, &t, NULL, collect, &p), 0);
    assert_string_equal(t.name, "light");
    assert_int_equal(theme_load_named(file, NULL, &t, NULL, collect, &p), 0);
    assert_string_equal(t.name, "my-light");
    memset(&p, 0, sizeof p);
    snprintf(file, sizeof file, "%s/nope.yaml", user);
    assert_int_equal(theme_load_named(file, user, &t, &src, collect, &p), 1);
    assert_non_null(strstr(p.rec[0].message, "cannot open"));
    assert_string_equal(t.name, "default");

    /* Not found: one problem naming every theme there is, and the default. */
    memset(&p, 0, sizeof p);
    assert_int_equal(theme_load_named("ligth", user, &t, &src, collect, &p), 1);
    assert_int_equal(src.origin, THEME_ORIGIN_NONE);
    assert_string_equal(t.name, "default");
    assert_non_null(strstr(p.rec[0].message, "theme 'ligth' not found"));
    assert_non_null(strstr(p.rec[0].message, "built-in: colorblind, default, light, mono"));
    char want[512];
    snprintf(want, sizeof want, "in %s: light, mine)", user); /* mono.yaml is no file */
    assert_non_null(strstr(p.rec[0].message, want));
    assert_non_null(strstr(p.rec[0].message, "using the default"));
    memset(&p, 0, sizeof p);
    snprintf(want, sizeof want, "%s/empty", dir);
    assert_int_equal(theme_load_named("ligth", want, &t, NULL, collect, &p), 1);
    snprintf(file, sizeof file, "none in %s", want);
    assert_non_null(strstr(p.rec[0].message, file));
    memset(&p, 0, sizeof p);
    assert_int_equal(theme_load_named("a\033[2Jb", NULL, &t, NULL, collect, &p), 1);
    assert_non_null(strstr(p.rec[0].message, "theme 'a\\x1b[2Jb' not found"));

    snprintf(file, sizeof file, "rm -rf '%s'", dir);
    assert_int_equal(system(file), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_file_matches_builtin),
        cmocka_unit_test(test_shipped_themes_parse_clean),
        cmocka_unit_test(test_shipped_themes_legible),
        cmocka_unit_test(test_shipped_themes_mono_distinct),
        cmocka_unit_test(test_mono_theme_has_no_colour),
        cmocka_unit_test(test_default_palette),
        cmocka_unit_test(test_color_downgrade),
        cmocka_unit_test(test_color_forms),
        cmocka_unit_test(test_frame_style),
        cmocka_unit_test(test_frames_section),
        cmocka_unit_test(test_diff_kinds_parse),
        cmocka_unit_test(test_frames_wide_skip_diff),
        cmocka_unit_test(test_diff_same_role),
        cmocka_unit_test(test_theme_dir_clean),
        cmocka_unit_test(test_theme_dir_diff_levels),
        cmocka_unit_test(test_partial_theme_keeps_defaults),
        cmocka_unit_test(test_bad_tabs),
        cmocka_unit_test(test_bad_alias),
        cmocka_unit_test(test_bad_duplicate),
        cmocka_unit_test(test_bad_unknown_key),
        cmocka_unit_test(test_bad_wrong_type),
        cmocka_unit_test(test_bad_colour),
        cmocka_unit_test(test_bad_syntax),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_binary_junk),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_huge),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_builtins_match_files),
        cmocka_unit_test(test_builtin_loads_like_file),
        cmocka_unit_test(test_resolve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
