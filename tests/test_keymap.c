/* test_keymap.c - key notation, the default key table and config overrides. */
#include "test_util.h"

#include "flamex/view/actions.h"
#include "flamex/view/keymap.h"
#include "flamex/view/keys.h"

static void test_notation_round_trip(void **state)
{
    (void)state;
    int keys[32];
    struct error_record err;
    long n = keys_parse("kk<Enter>/json<Enter>n<lt><C-x><PageDown><F5><Space>é", keys, 32, &err);
    assert_int_equal(n, 16);
    assert_int_equal(keys[0], 'k');
    assert_int_equal(keys[2], KEYCODE_ENTER);
    assert_int_equal(keys[9], 'n');
    assert_int_equal(keys[10], '<');
    assert_int_equal(keys[11], KEYCODE_CTRL('x'));
    assert_int_equal(keys[12], KEYCODE_PAGEDOWN);
    assert_int_equal(keys[13], KEYCODE_F1 + 4);
    assert_int_equal(keys[14], ' ');
    assert_int_equal(keys[15], 0xE9);
    char name[32];
    for (long i = 0; i < n; i++) {
        keys_name(keys[i], name, sizeof name);
        assert_int_equal(keys_parse_one(name, strlen(name)), keys[i]);
    }
    assert_int_equal(keys_parse("<Nope>", keys, 32, &err), -1);
    assert_int_equal(err.column, 1);
    assert_int_equal(keys_parse("ab<Enter", keys, 32, &err), -1);
    assert_int_equal(err.column, 3);
    assert_int_equal(keys_parse_one("jj", 2), KEYCODE_NONE);
}

static void test_defaults_no_collisions_and_help(void **state)
{
    (void)state;
    struct keymap km;
    keymap_init(&km);
    for (size_t i = 0; i < km.count; i++)
        for (size_t j = i + 1; j < km.count; j++)
            assert_int_not_equal(km.entries[i].key, km.entries[j].key);
    for (int a = 1; a < ACTION_COUNT; a++) {
        int keys[8];
        assert_true(keymap_keys_for(&km, (enum action_id)a, keys, 8) >= 1); /* every action has a key */
        assert_true(strlen(action_help((enum action_id)a)) > 10);
        assert_int_equal(action_find(action_name((enum action_id)a)), a);
    }
    assert_int_equal(keymap_lookup(&km, 'q'), ACTION_QUIT);
    assert_int_equal(keymap_lookup(&km, KEYCODE_ENTER), ACTION_ZOOM_IN);
    assert_int_equal(keymap_lookup(&km, KEYCODE_BACKSPACE), ACTION_ZOOM_BACK);
    assert_int_equal(keymap_lookup(&km, 'x'), ACTION_NONE);
    /* i opens the profile information, so the orientation moved to o. */
    assert_int_equal(keymap_lookup(&km, 'i'), ACTION_INFO);
    assert_int_equal(keymap_lookup(&km, 'o'), ACTION_TOGGLE_ORIENTATION);
    assert_int_equal(keymap_lookup(&km, 't'), ACTION_NEXT_SAMPLE_TYPE);
    assert_int_equal(action_find("info"), ACTION_INFO);
    /* Search, the sidebar and shapes (s stays toggle-order). */
    assert_int_equal(keymap_lookup(&km, '/'), ACTION_SEARCH);
    assert_int_equal(keymap_lookup(&km, 'n'), ACTION_SEARCH_NEXT);
    assert_int_equal(keymap_lookup(&km, 'N'), ACTION_SEARCH_PREV);
    assert_int_equal(keymap_lookup(&km, '#'), ACTION_SEARCH_SELECTED);
    assert_int_equal(keymap_lookup(&km, KEYCODE_ESC), ACTION_SEARCH_CLEAR);
    assert_int_equal(keymap_lookup(&km, KEYCODE_CTRL('t')), ACTION_SEARCH_CASE);
    assert_int_equal(keymap_lookup(&km, 'H'), ACTION_TOGGLE_SIDEBAR);
    assert_int_equal(keymap_lookup(&km, 'S'), ACTION_SIDEBAR_LIST);
    assert_int_equal(keymap_lookup(&km, 'c'), ACTION_SIDEBAR_RANK);
    assert_int_equal(keymap_lookup(&km, 'z'), ACTION_SIDEBAR_SCOPE);
    assert_int_equal(keymap_lookup(&km, KEYCODE_TAB), ACTION_FOCUS);
    assert_int_equal(keymap_lookup(&km, KEYCODE_BACKTAB), ACTION_FOCUS);
    assert_int_equal(keymap_lookup(&km, 'p'), ACTION_TOGGLE_SHAPES);
    assert_int_equal(keymap_lookup(&km, 's'), ACTION_TOGGLE_ORDER);
    assert_int_equal(action_find("search-next"), ACTION_SEARCH_NEXT);
    assert_int_equal(action_find("toggle-sidebar"), ACTION_TOGGLE_SIDEBAR);
    /* The search prompt takes printable keys as text, so the case toggle
     * must be a key that cannot be typed into a pattern. */
    int keys[4];
    size_t nk = keymap_keys_for(&km, ACTION_SEARCH_CASE, keys, 4);
    for (size_t i = 0; i < nk && i < 4; i++)
        assert_true(keys[i] < 0x20 || keys[i] >= KEYCODE_SPECIAL);
}

static void test_config_overrides(void **state)
{
    (void)state;
    struct keymap km;
    keymap_init(&km);
    struct config c;
    config_init(&c);
    struct config_binding b[4] = {
        { "x", "quit", 3, 3 },
        { "q", "none", 4, 3 },
        { "<Bogus>", "quit", 5, 3 },
        { "z", "fly-away", 6, 5 },
    };
    c.bindings = b;
    c.nbindings = 4;
    struct problems pr;
    memset(&pr, 0, sizeof pr);
    assert_int_equal(keymap_apply_config(&km, &c, "cfg.yaml", collect, &pr), 2);
    assert_int_equal(pr.n, 2);
    char last[600];
    error_format(&pr.rec[1], last, sizeof last);
    assert_string_equal(last, "cfg.yaml:6:5: unknown action 'fly-away' for key 'z'");
    expect_problem(&pr, 5, 3, "unknown key '<Bogus>'");
    assert_int_equal(keymap_lookup(&km, 'x'), ACTION_QUIT);
    assert_int_equal(keymap_lookup(&km, 'q'), ACTION_NONE);
    assert_int_equal(keymap_lookup(&km, 'Q'), ACTION_QUIT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notation_round_trip),
        cmocka_unit_test(test_defaults_no_collisions_and_help),
        cmocka_unit_test(test_config_overrides),
    };
    return cmocka_run_group_tests_name("keymap", tests, NULL, NULL);
}
