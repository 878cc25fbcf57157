/* test_config.c - the config file: every setting, every error case with its
 * exact position, and hostile input. Fixtures: $FLAMEX_TEST_DATA/bad/config-*.yaml.
 */
#include "test_util.h"

#include "flamex/config/config.h"

static int parse_str(const char *text, struct config *c, struct problems *p)
{
    memset(p, 0, sizeof *p);
    int n = config_parse(text, strlen(text), "config.yaml", c, collect, p);
    assert_int_equal(n, p->n);
    return n;
}

static int load_fixture(const char *name, struct config *c, struct problems *p)
{
    memset(p, 0, sizeof *p);
    config_init(c);
    int n = config_load_file(test_data_path(name), false, c, collect, p);
    assert_int_equal(n, p->n);
    return n;
}

static void assert_binding(const struct config *c, size_t i, const char *key, const char *action,
                           unsigned long line, unsigned long column)
{
    assert_true(i < c->nbindings);
    assert_string_equal(c->bindings[i].key, key);
    assert_string_equal(c->bindings[i].action, action);
    assert_int_equal(c->bindings[i].line, line);
    assert_int_equal(c->bindings[i].column, column);
}

static void test_init(void **state)
{
    (void)state;
    struct config c;
    memset(&c, 0x5a, sizeof c);
    config_init(&c);
    assert_string_equal(c.theme, "");
    assert_int_equal(c.color, CONFIG_COLOR_AUTO);
    assert_false(c.icicle_set);
    assert_false(c.order_set);
    assert_null(c.bindings);
    assert_int_equal(c.nbindings, 0);
    config_free(&c);
}

static void test_parse_color(void **state)
{
    (void)state;
    enum config_color m = CONFIG_COLOR_AUTO;
    assert_true(config_parse_color("256", &m));
    assert_int_equal(m, CONFIG_COLOR_256);
    assert_true(config_parse_color("8", &m));
    assert_int_equal(m, CONFIG_COLOR_8);
    assert_true(config_parse_color("mono", &m));
    assert_int_equal(m, CONFIG_COLOR_MONO);
    assert_true(config_parse_color("auto", &m));
    assert_int_equal(m, CONFIG_COLOR_AUTO);
    assert_false(config_parse_color("16", &m));
    assert_false(config_parse_color("", &m));
    assert_false(config_parse_color("Mono", &m));
    assert_int_equal(m, CONFIG_COLOR_AUTO);
}

static void test_valid(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    config_init(&c);
    assert_int_equal(parse_str("# my settings\n"
                               "theme: ~/themes/mine.yaml\n"
                               "color: 256\n"
                               "orientation: icicle\n"
                               "order: heaviest\n"
                               "keys:\n"
                               "  \"<C-n>\": move-down\n"
                               "  x: quit\n"
                               "  ~: reset-zoom\n"
                               "  '<lt>': no-such-action  # keymap.c judges names\n",
                               &c, &p),
                     0);
    assert_string_equal(c.theme, "~/themes/mine.yaml");
    assert_int_equal(c.color, CONFIG_COLOR_256);
    assert_true(c.icicle && c.icicle_set);
    assert_true(c.heaviest && c.order_set);
    assert_int_equal(c.nbindings, 4);
    assert_binding(&c, 0, "<C-n>", "move-down", 7, 3);
    assert_binding(&c, 1, "x", "quit", 8, 3);
    assert_binding(&c, 2, "~", "reset-zoom", 9, 3);
    assert_binding(&c, 3, "<lt>", "no-such-action", 10, 3);

    /* a second file overrides what it sets validly and adds bindings */
    assert_int_equal(parse_str("color: mono\norientation: flame\norder: sideways\n"
                               "keys: { q: quit }\n",
                               &c, &p),
                     1);
    expect_problem(&p, 3, 8, "invalid value 'sideways' for 'order'");
    assert_int_equal(c.color, CONFIG_COLOR_MONO);
    assert_true(!c.icicle && c.icicle_set);
    assert_true(c.heaviest && c.order_set);
    assert_string_equal(c.theme, "~/themes/mine.yaml");
    assert_int_equal(c.nbindings, 5);
    assert_binding(&c, 4, "q", "quit", 4, 9);
    config_free(&c);
    assert_null(c.bindings);
    assert_int_equal(c.nbindings, 0);

    config_init(&c);
    assert_int_equal(parse_str("theme: light\norder: alpha\ncolor: \"8\"\n", &c, &p), 0);
    assert_string_equal(c.theme, "light");
    assert_true(!c.heaviest && c.order_set);
    assert_false(c.icicle_set);
    assert_int_equal(c.color, CONFIG_COLOR_8);
    config_free(&c);
}

static void test_empty(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    assert_int_equal(load_fixture("bad/config-empty.yaml", &c, &p), 0);
    assert_int_equal(c.nbindings, 0);
    assert_int_equal(parse_str("# nothing yet\n", &c, &p), 0);
    assert_int_equal(parse_str("---\n...\n", &c, &p), 0);
    assert_int_equal(parse_str("keys:\n", &c, &p), 0);
    assert_string_equal(c.theme, "");
    config_free(&c);
}

static void test_bad_tabs(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    assert_int_equal(load_fixture("bad/config-tabs.yaml", &c, &p), 1);
    expect_problem(&p, 3, 1, "tab character in indentation");
    assert_string_equal(p.rec[0].path, test_data_path("bad/config-tabs.yaml"));
    assert_string_equal(c.theme, "light"); /* read before the error */
    assert_int_equal(c.nbindings, 0);
    config_free(&c);
}

static void test_bad_alias(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    assert_int_equal(load_fixture("bad/config-alias.yaml", &c, &p), 2);
    expect_problem(&p, 1, 8, "aliases are not allowed");
    expect_problem(&p, 3, 6, "aliases are not allowed (found '*t')");
    assert_string_equal(c.theme, "light");
    assert_int_equal(c.nbindings, 0);
    config_free(&c);
}

static void test_bad_duplicate(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    assert_int_equal(load_fixture("bad/config-duplicate.yaml", &c, &p), 2);
    expect_problem(&p, 3, 1, "duplicate key 'theme' (first at line 1)");
    expect_problem(&p, 7, 3, "duplicate key 'x' (first at line 5)");
    assert_string_equal(c.theme, "light");
    assert_int_equal(c.color, CONFIG_COLOR_256);
    assert_int_equal(c.nbindings, 2);
    assert_binding(&c, 0, "x", "quit", 5, 3);
    assert_binding(&c, 1, "<C-n>", "move-down", 6, 3);
    config_free(&c);
}

static void test_bad_unknown_key(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    assert_int_equal(load_fixture("bad/config-unknown-key.yaml", &c, &p), 2);
    expect_problem(&p, 2, 1, "unknown key 'colour' in the config");
    expect_problem(&p, 5, 1, "unknown key 'orientaton' in the config");
    assert_string_equal(c.theme, "light");
    assert_int_equal(c.color, CONFIG_COLOR_AUTO);
    assert_false(c.icicle_set);
    assert_int_equal(c.nbindings, 1);
    config_free(&c);
}

static void test_bad_wrong_type(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    assert_int_equal(load_fixture("bad/config-wrong-type.yaml", &c, &p), 3);
    expect_problem(&p, 1, 8, "expected a string for 'theme'");
    expect_problem(&p, 2, 8, "expected a string for 'color'");
    expect_problem(&p, 3, 7, "expected a mapping for 'keys'");
    assert_string_equal(c.theme, "");
    assert_true(c.heaviest && c.order_set); /* the valid entry applies */
    config_free(&c);
    config_init(&c);
    assert_int_equal(parse_str("- theme\n", &c, &p), 1);
    expect_problem(&p, 1, 1, "expected a mapping at the top level of the config");
    assert_int_equal(parse_str("theme:\ncolor: \"\"\n", &c, &p), 2);
    expect_problem(&p, 1, 7, "missing value for 'theme'");
    expect_problem(&p, 2, 8, "invalid value '' for 'color'");
    config_free(&c);
}

static void test_bad_value(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    assert_int_equal(load_fixture("bad/config-bad-value.yaml", &c, &p), 4);
    expect_problem(&p, 1, 8, "invalid value '16' for 'color' (expected auto, 256, 8 or mono)");
    expect_problem(&p, 2, 14,
                   "invalid value 'sideways' for 'orientation' (expected flame or icicle)");
    expect_problem(&p, 3, 8, "invalid value 'random' for 'order' (expected alpha or heaviest)");
    expect_problem(&p, 5, 6, "expected a string for 'keys: x'");
    assert_int_equal(c.color, CONFIG_COLOR_AUTO);
    assert_false(c.icicle_set);
    assert_false(c.order_set);
    assert_int_equal(c.nbindings, 1);
    assert_binding(&c, 0, "y", "quit", 6, 3);
    config_free(&c);
}

static void test_bad_bindings(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    config_init(&c);
    assert_int_equal(parse_str("keys:\n"
                               "  \"\": quit\n"
                               "  abcdefghijklmnopqrstuvwxyz0123456: quit\n"
                               "  y: abcdefghijklmnopqrstuvwxyz0123456789abcdefghijkl\n"
                               "  \"a\\0b\": quit\n"
                               "  [x]: quit\n"
                               "  z:\n"
                               "  \"\\e]0;pwned\\a\": quit\n"
                               "  ok: quit\n",
                               &c, &p),
                     6);
    expect_problem(&p, 2, 3, "empty key in 'keys'");
    expect_problem(&p, 3, 3, "is longer than 31 bytes");
    expect_problem(&p, 4, 6, "is longer than 47 bytes");
    expect_problem(&p, 5, 3, "NUL byte in a key");
    expect_problem(&p, 6, 3, "expected a string as a key");
    expect_problem(&p, 7, 5, "missing value for 'keys: z'");
    /* the escape sequence in the key is stored as written but never printed raw */
    assert_int_equal(c.nbindings, 2);
    assert_string_equal(c.bindings[0].key, "\x1b]0;pwned\a");
    assert_binding(&c, 1, "ok", "quit", 9, 3);
    bool escaped = false;
    for (int i = 0; i < p.n; i++) {
        assert_null(strchr(p.rec[i].message, '\x1b'));
        escaped |= strstr(p.rec[i].message, "\\x1b]0;pwned") != NULL;
    }
    assert_false(escaped); /* that binding was valid: no message mentions it */
    config_free(&c);
}

static void test_bad_syntax(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    config_init(&c);
    assert_int_equal(parse_str("theme: dark\nkeys: { x: quit\n", &c, &p), 1);
    expect_problem(&p, 3, 1, "syntax error");
    assert_string_equal(c.theme, "dark");
    assert_int_equal(parse_str("color: 8\n---\ncolor: mono\n", &c, &p), 1);
    expect_problem(&p, 2, 1, "only one YAML document is allowed");
    assert_int_equal(c.color, CONFIG_COLOR_8);
    config_free(&c);
}

static void test_binary_junk(void **state)
{
    (void)state;
    struct config c;
    struct problems p;
    assert_int_equal(load_fixture("bad/config-binary.yaml", &c, &p), 1);
    expect_problem(&p, 1, 1, "invalid input: control characters are not allowed (byte 0x1f)");
    assert_string_equal(c.theme, "");
    config_free(&c);
    uint64_t x = 7;
    char buf[300];
    static const char alphabet[] = "keys:theme color\n\t {}[]&*!|>'\"#-?,~\0\x80\xff";
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        size_t n = (size_t)(x >> 33) % sizeof buf;
        for (size_t j = 0; j < n; j++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            buf[j] = alphabet[(x >> 40) % (sizeof alphabet - 1)];
        }
        config_init(&c);
        memset(&p, 0, sizeof p);
        int problems = config_parse(buf, n, "junk", &c, collect, &p);
        assert_int_equal(problems, p.n);
        for (size_t b = 0; b < c.nbindings; b++) {
            assert_true(strlen(c.bindings[b].key) < sizeof c.bindings[b].key);
            assert_true(c.bindings[b].line >= 1);
        }
        config_free(&c);
    }
}

static void test_load_file(void **state)
{
    (void)state;
    struct config c;
    struct problems p = { 0 };
    config_init(&c);
    const char *missing = test_data_path("bad/no-such-config.yaml");
    assert_int_equal(config_load_file(missing, true, &c, collect, &p), 0);
    assert_int_equal(config_load_file(missing, false, &c, collect, &p), 1);
    assert_string_equal(p.rec[0].path, missing);
    assert_int_equal(p.rec[0].line, ERROR_NO_POSITION);
    assert_non_null(strstr(p.rec[0].message, "cannot open"));

    static const char text[] = "orientation: icicle\n";
    char *path = test_write_temp(text, sizeof text - 1);
    memset(&p, 0, sizeof p);
    assert_int_equal(config_load_file(path, true, &c, collect, &p), 0);
    assert_true(c.icicle);
    unlink(path);
    free(path);
    config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init),
        cmocka_unit_test(test_parse_color),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_bad_tabs),
        cmocka_unit_test(test_bad_alias),
        cmocka_unit_test(test_bad_duplicate),
        cmocka_unit_test(test_bad_unknown_key),
        cmocka_unit_test(test_bad_wrong_type),
        cmocka_unit_test(test_bad_value),
        cmocka_unit_test(test_bad_bindings),
        cmocka_unit_test(test_bad_syntax),
        cmocka_unit_test(test_binary_junk),
        cmocka_unit_test(test_load_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
