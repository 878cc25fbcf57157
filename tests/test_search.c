/* test_search.c - PCRE2 search over names: smart case, errors, invalid UTF-8,
 * literal search, the match limit, and the matched total (nested once). */
#include "test_util.h"

#include "flamex/analysis/search.h"

#include <time.h>

/* Does the name (n bytes) match the current search? */
static bool name_matches(const struct search *s, const struct profile *p, const char *name,
                         size_t n)
{
    uint32_t id = strtab_find(p->names, name, n);
    assert_true(id != STRTAB_NONE);
    return s->matches && s->matches[id];
}

#define MATCHES(s, p, name) name_matches((s), (p), (name), strlen(name))

static const char *NESTED = "main;foo;bar;foo 10\n"
                            "main;foo;baz 5\n"
                            "main;qux;foo 3\n"
                            "main;qux 2\n"
                            "other 7\n";

static void test_nested_matches_counted_once(void **state)
{
    (void)state;
    struct profile *p = test_load(NESTED);
    struct search s = { 0 };
    assert_true(search_set(&s, p, "foo", SEARCH_CASE_SMART));
    assert_int_equal(s.nmatched_names, 1);
    double total;
    size_t frames;
    search_totals(&s, p, 0, TREE_ROOT, &total, &frames);
    assert_int_equal(frames, 3);     /* main;foo, main;foo;bar;foo, main;qux;foo */
    assert_true(total == 15 + 3);    /* the inner foo (10) is inside main;foo */

    /* zoomed on main;foo: the root itself matches, its nested foo adds nothing */
    search_totals(&s, p, 0, test_find_path(p, "main;foo"), &total, &frames);
    assert_int_equal(frames, 2);
    assert_true(total == 15);
    /* zoomed on main;foo;bar: the matching ancestor is outside the view */
    search_totals(&s, p, 0, test_find_path(p, "main;foo;bar"), &total, &frames);
    assert_int_equal(frames, 1);
    assert_true(total == 10);
    /* a view with no match */
    search_totals(&s, p, 0, test_find_path(p, "other"), &total, &frames);
    assert_int_equal(frames, 0);
    assert_true(total == 0);

    assert_true(search_node_matches(&s, p, test_find_path(p, "main;qux;foo")));
    assert_false(search_node_matches(&s, p, test_find_path(p, "main;qux")));
    assert_false(search_node_matches(&s, p, TREE_ROOT));

    /* an alternation matching a parent and its child: still the parent once */
    assert_true(search_set(&s, p, "^(main|qux)$", SEARCH_CASE_SMART));
    search_totals(&s, p, 0, TREE_ROOT, &total, &frames);
    assert_int_equal(frames, 2);
    assert_true(total == 20);
    search_clear(&s);
    profile_free(p);
}

static void test_smart_case(void **state)
{
    (void)state;
    struct profile *p = test_load("Alloc 1\nalloc_pages 1\nALLOC 1\n\xc3\x89mile 1\n\xc3\xa9mile 1\n");
    struct search s = { 0 };

    assert_true(search_set(&s, p, "alloc", SEARCH_CASE_SMART));
    assert_true(s.ignore_case);
    assert_int_equal(s.nmatched_names, 3);

    assert_true(search_set(&s, p, "Alloc", SEARCH_CASE_SMART));
    assert_false(s.ignore_case);
    assert_int_equal(s.nmatched_names, 1);
    assert_true(MATCHES(&s, p, "Alloc"));

    /* a capital that is syntax, not text, keeps the search insensitive */
    const char *insensitive[] = { "\\Slloc", "\\x41lloc", "\\x{41}lloc", "(?<Name>alloc)",
                                  "(*UCP)alloc", "\\p{L}lloc", "(?U)alloc", "\\Aalloc", NULL };
    for (size_t i = 0; insensitive[i]; i++) {
        assert_true(search_set(&s, p, insensitive[i], SEARCH_CASE_SMART));
        if (!s.ignore_case || !MATCHES(&s, p, "alloc_pages"))
            fail_msg("'%s' should be case-insensitive and match alloc_pages", insensitive[i]);
    }
    /* a capital inside \Q...\E is text */
    assert_true(search_set(&s, p, "\\QAlloc\\E", SEARCH_CASE_SMART));
    assert_false(s.ignore_case);
    assert_int_equal(s.nmatched_names, 1);
    /* a non-ASCII capital counts; a non-ASCII small letter does not */
    assert_true(search_set(&s, p, "\xc3\x89mile", SEARCH_CASE_SMART));
    assert_false(s.ignore_case);
    assert_int_equal(s.nmatched_names, 1);
    assert_true(MATCHES(&s, p, "\xc3\x89mile"));
    assert_true(search_set(&s, p, "\xc3\xa9mile", SEARCH_CASE_SMART));
    assert_true(s.ignore_case);
    assert_int_equal(s.nmatched_names, 2); /* Unicode case folding: É and é */
    search_clear(&s);
    profile_free(p);
}

static void test_forced_case(void **state)
{
    (void)state;
    struct profile *p = test_load("Alloc 1\nalloc_pages 1\nALLOC 1\n");
    struct search s = { 0 };
    assert_true(search_set(&s, p, "alloc", SEARCH_CASE_SENSITIVE));
    assert_false(s.ignore_case);
    assert_int_equal(s.mode, SEARCH_CASE_SENSITIVE);
    assert_int_equal(s.nmatched_names, 1);
    assert_true(MATCHES(&s, p, "alloc_pages"));

    assert_true(search_set(&s, p, "Alloc", SEARCH_CASE_INSENSITIVE));
    assert_true(s.ignore_case);
    assert_int_equal(s.mode, SEARCH_CASE_INSENSITIVE);
    assert_int_equal(s.nmatched_names, 3);
    assert_string_equal(s.pattern, "Alloc");

    /* toggling case re-runs the search's own pattern (s.pattern is freed
     * and replaced inside the call) */
    assert_true(search_set(&s, p, s.pattern, SEARCH_CASE_SENSITIVE));
    assert_string_equal(s.pattern, "Alloc");
    assert_int_equal(s.nmatched_names, 1);
    assert_true(search_set(&s, p, s.pattern, SEARCH_CASE_SMART));
    assert_int_equal(s.nmatched_names, 1);
    assert_true(search_set(&s, p, "alloc", SEARCH_CASE_SMART));
    assert_true(search_set(&s, p, s.pattern, SEARCH_CASE_SMART));
    assert_int_equal(s.nmatched_names, 3);
    assert_false(search_set(&s, p, "(", SEARCH_CASE_SMART));
    assert_true(search_set(&s, p, s.pattern, SEARCH_CASE_SMART)); /* "" after a failure */
    assert_null(s.matches);
    search_clear(&s);
    profile_free(p);
}

static void test_invalid_patterns(void **state)
{
    (void)state;
    struct profile *p = test_load(NESTED);
    struct search s = { 0 };
    /* an earlier good search, then a bad one: error text, and s is empty */
    assert_true(search_set(&s, p, "foo", SEARCH_CASE_SMART));
    assert_false(search_set(&s, p, "foo(", SEARCH_CASE_SMART));
    assert_string_equal(s.error, "missing closing parenthesis at offset 4");
    assert_null(s.matches);
    assert_int_equal(s.nmatched_names, 0);
    assert_string_equal(s.pattern, "");
    assert_false(search_node_matches(&s, p, test_find_path(p, "main;foo")));
    double total = -1;
    size_t frames = 99;
    search_totals(&s, p, 0, TREE_ROOT, &total, &frames);
    assert_true(total == 0);
    assert_int_equal(frames, 0);

    assert_false(search_set(&s, p, "[ab", SEARCH_CASE_SMART));
    assert_string_equal(s.error, "missing terminating ] for character class at offset 3");
    assert_false(search_set(&s, p, "a{2,1}", SEARCH_CASE_SMART));
    assert_non_null(strstr(s.error, "at offset"));
    assert_false(search_set(&s, p, "*", SEARCH_CASE_SMART));
    assert_string_equal(s.error, "quantifier does not follow a repeatable item at offset 0");
    /* invalid UTF-8 in the pattern itself */
    assert_false(search_set(&s, p, "ab\xff", SEARCH_CASE_SMART));
    assert_non_null(strstr(s.error, "UTF-8 error"));

    /* the profile is untouched and the same struct works again */
    assert_true(search_set(&s, p, "qux", SEARCH_CASE_SMART));
    assert_string_equal(s.error, "");
    assert_int_equal(s.nmatched_names, 1);
    search_totals(&s, p, 0, TREE_ROOT, &total, &frames);
    assert_true(total == 5);
    assert_int_equal(frames, 1);

    /* an empty pattern clears */
    assert_true(search_set(&s, p, "", SEARCH_CASE_SMART));
    assert_null(s.matches);
    assert_false(search_node_matches(&s, p, test_find_path(p, "main;qux")));
    search_clear(&s);
    search_clear(&s); /* twice is fine */
    profile_free(p);
}

static void test_invalid_utf8_names(void **state)
{
    (void)state;
    /* valid "café", Latin-1 "caf\xe9", and bytes that are no UTF-8 at all */
    struct profile *p = test_load("caf\xc3\xa9 1\ncaf\xe9 2\nbad\xff\xfename 3\nx\xc3 4\n");
    struct search s = { 0 };
    assert_true(search_set(&s, p, "caf", SEARCH_CASE_SMART));
    assert_int_equal(s.nmatched_names, 2);
    assert_true(search_set(&s, p, "caf\xc3\xa9", SEARCH_CASE_SMART));
    assert_int_equal(s.nmatched_names, 1);
    assert_true(MATCHES(&s, p, "caf\xc3\xa9"));
    assert_true(search_set(&s, p, "^caf.$", SEARCH_CASE_SMART));
    assert_int_equal(s.nmatched_names, 1); /* an invalid byte is no character */
    assert_true(search_set(&s, p, "name$", SEARCH_CASE_SMART));
    assert_true(MATCHES(&s, p, "bad\xff\xfename"));
    assert_true(search_set(&s, p, "^bad", SEARCH_CASE_SMART));
    assert_true(MATCHES(&s, p, "bad\xff\xfename"));
    assert_true(search_set(&s, p, "bad.*name", SEARCH_CASE_SMART));
    assert_false(MATCHES(&s, p, "bad\xff\xfename"));
    assert_true(search_set(&s, p, "^x", SEARCH_CASE_SMART));
    assert_true(MATCHES(&s, p, "x\xc3")); /* a truncated sequence at the end */
    assert_true(search_set(&s, p, ".", SEARCH_CASE_SMART));
    assert_int_equal(s.nmatched_names, 4);
    double total;
    size_t frames;
    search_totals(&s, p, 0, TREE_ROOT, &total, &frames);
    assert_true(total == 10);
    assert_int_equal(frames, 4);
    /* the literal search finds an invalid name exactly */
    assert_true(search_set_literal(&s, p, "bad\xff\xfename", 9));
    assert_int_equal(s.nmatched_names, 1);
    assert_true(MATCHES(&s, p, "bad\xff\xfename"));
    search_clear(&s);
    profile_free(p);
}

static void test_literal_search(void **state)
{
    (void)state;
    struct profile *p = test_load("a.b*c 1\naXbbc 2\na.b*c.extra 3\n"
                             "std::vector<int>::push_back(int&&) [clone .cold] 4\n"
                             "x\\Ey+$ 5\nA.B*C 6\n");
    struct search s = { 0 };
    /* as a regex, a.b*c matches aXbbc (and not itself); literally, itself */
    assert_true(search_set(&s, p, "a.b*c", SEARCH_CASE_SENSITIVE));
    assert_int_equal(s.nmatched_names, 1);
    assert_true(MATCHES(&s, p, "aXbbc"));
    assert_true(search_set_literal(&s, p, "a.b*c", 5));
    assert_int_equal(s.nmatched_names, 1);
    assert_true(MATCHES(&s, p, "a.b*c"));
    assert_false(s.ignore_case); /* exact, so A.B*C is another name */
    assert_string_equal(s.pattern, "^\\Qa.b*c\\E$");
    double total;
    size_t frames;
    search_totals(&s, p, 0, TREE_ROOT, &total, &frames);
    assert_true(total == 1);
    assert_int_equal(frames, 1);

    const char *cpp = "std::vector<int>::push_back(int&&) [clone .cold]";
    assert_true(search_set_literal(&s, p, cpp, strlen(cpp)));
    assert_int_equal(s.nmatched_names, 1);
    assert_true(MATCHES(&s, p, cpp));
    /* the quoted pattern, run as a regex, finds the same name */
    struct search r = { 0 };
    assert_true(search_set(&r, p, s.pattern, SEARCH_CASE_SENSITIVE));
    assert_int_equal(r.nmatched_names, 1);
    assert_true(MATCHES(&r, p, cpp));

    /* a \E inside the name cannot end the quoting early */
    assert_true(search_set_literal(&s, p, "x\\Ey+$", 6));
    assert_int_equal(s.nmatched_names, 1);
    assert_true(search_set(&r, p, s.pattern, SEARCH_CASE_SENSITIVE));
    assert_int_equal(r.nmatched_names, 1);
    assert_true(MATCHES(&r, p, "x\\Ey+$"));

    /* NUL bytes (possible in pprof names) take the most room when quoted:
     * a name of nothing but NULs must fit (ASan checks the buffer) */
    char nuls[40];
    memset(nuls, 0, sizeof nuls);
    assert_true(search_set_literal(&s, p, nuls, sizeof nuls));
    assert_int_equal(s.nmatched_names, 0);

    /* a name that is not in the profile matches nothing */
    assert_true(search_set_literal(&s, p, "nope", 4));
    assert_int_equal(s.nmatched_names, 0);
    assert_false(search_node_matches(&s, p, 1));
    search_clear(&r);
    search_clear(&s);
    profile_free(p);
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_catastrophic_pattern(void **state)
{
    (void)state;
    /* 200 names of 30..229 a's and a final '!': (a+)+$ backtracks
     * exponentially on each without a match limit */
    size_t cap = 200 * 260, n = 0;
    char *text = malloc(cap);
    for (int i = 0; i < 200; i++) {
        n += (size_t)sprintf(text + n, "f%d;", i);
        for (int k = 0; k < 30 + i; k++)
            text[n++] = 'a';
        n += (size_t)sprintf(text + n, "! 1\n");
    }
    text[n] = '\0';
    struct profile *p = test_load(text);
    free(text);
    struct search s = { 0 };
    const char *patterns[] = { "(a+)+$", "(a|aa)+$", "(a*)*b", "^(\\w+\\s?)*$", NULL };
    for (size_t i = 0; patterns[i]; i++) {
        double t0 = now_seconds();
        assert_true(search_set(&s, p, patterns[i], SEARCH_CASE_SMART));
        double t = now_seconds() - t0;
        if (t > 2.0 * test_time_factor())
            fail_msg("'%s' took %.2f s", patterns[i], t);
        print_message("# %s: %.1f ms, %u names matched, note: '%s'\n", patterns[i], t * 1e3,
                      s.nmatched_names, s.error);
        assert_false(MATCHES(&s, p, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"));
        if (i == 0) /* a search that gave up on names says so */
            assert_non_null(strstr(s.error, "200 names gave up at the match limit"));
    }
    /* the frames f0..f199 still match an ordinary pattern */
    assert_true(search_set(&s, p, "^f1\\d\\d$", SEARCH_CASE_SMART));
    assert_int_equal(s.nmatched_names, 100);
    assert_string_equal(s.error, "");
    search_clear(&s);
    profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nested_matches_counted_once),
        cmocka_unit_test(test_smart_case),
        cmocka_unit_test(test_forced_case),
        cmocka_unit_test(test_invalid_patterns),
        cmocka_unit_test(test_invalid_utf8_names),
        cmocka_unit_test(test_literal_search),
        cmocka_unit_test(test_catastrophic_pattern),
    };
    return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
