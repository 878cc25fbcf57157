/* test_folded.c - the folded-stack grammar, including every odd case of the corpus. */
#include "test_util.h"

#include "flamex/analysis/hot.h"
#include "flamex/load/load_folded.h"

/* Total of the root for sample type t. */
static double root_total(const struct profile *p, size_t t)
{
    return tree_total(p->tree, TREE_ROOT, t);
}

static struct profile *load_file(const char *rel, struct load_report *report)
{
    struct load_options opts = { .format = LOAD_FORMAT_AUTO };
    struct error_record err;
    struct profile *p = load_profile(test_data_path(rel), &opts, report, &err);
    if (!p)
        fail_msg("%s: %s", rel, err.message);
    return p;
}

static void test_basic_merge_and_whitespace(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct profile *p = test_load_string("  main;a 1  \n"
                                         "main;b\t2\r\n"
                                         "# a comment 5\n"
                                         "\n"
                                         "main;a 4\n"
                                         "main;c; 3\n" /* trailing empty frame dropped */
                                         /* and the space it uncovers (fuzz_folded found
                                          * "c " exporting as "main;c  2", read back as "c") */
                                         "main;c ;\t; 2\n",
                                         false, &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 0);
    assert_int_equal(p->ntypes, 1);
    assert_string_equal(p->types[0].name, "samples");
    assert_true(root_total(p, 0) == 12);
    assert_true(tree_self(p->tree, test_find_path(p, "main;a"), 0) == 5);
    assert_true(tree_self(p->tree, test_find_path(p, "main;c"), 0) == 5);
    assert_int_equal(tree_count(p->tree), 5);
    profile_free(p);
}

static void test_names_with_spaces_and_digits(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/tricky-stack.folded", &r);
    assert_int_equal(r.ignored, 0);
    assert_false(p->differential);
    assert_int_not_equal(
        test_find_path(p, "rustc;<alloc::vec::Vec<T> as alloc::vec::SpecExtend<T, I>>::from_iter;"
                     "memcpy@GLIBC_2.2.5"),
        TREE_NONE);
    assert_true(root_total(p, 0) == 3);
    profile_free(p);

    p = load_file("folded/with-space.folded", &r);
    assert_int_equal(r.ignored, 0);
    assert_int_not_equal(test_find_path(p, "cksum;main;core::array::<impl core::default::Default for [T"),
                         TREE_NONE);
    profile_free(p);
}

static void test_fractional_counts(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/fractional.folded", &r);
    assert_false(tree_self_exact(p->tree, TREE_ROOT, 0, NULL));
    assert_true(tree_self(p->tree, test_find_path(p, "cksum;cksum"), 0) == 6.1);
    assert_true(tree_self(p->tree, test_find_path(p, "noploop;[unknown]"), 0) == 2.567);
    profile_free(p);

    p = load_file("folded/zero-fractionals.folded", &r); /* "6." and "31.0" are integers */
    assert_true(tree_self_exact(p->tree, TREE_ROOT, 0, NULL));
    assert_true(tree_self(p->tree, test_find_path(p, "cksum;cksum"), 0) == 6);
    profile_free(p);
}

static void test_huge_counts_exact(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/huge-sample-counts.folded", &r);
    int64_t v;
    assert_true(tree_total_exact(p->tree, TREE_ROOT, 0, &v));
    assert_true(v == INT64_C(239807672958951499) + INT64_C(129127208516546613));
    profile_free(p);
}

static void test_differential(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/perf-cycles-instructions-01-collapsed-all-diff.folded", &r);
    assert_true(p->differential);
    assert_int_equal(p->ntypes, 2);
    assert_string_equal(p->types[0].name, "before");
    assert_string_equal(p->types[1].name, "after");
    assert_int_equal(profile_find_type(p, "after"), 1);
    uint32_t n = test_find_path(p, "cksum;cksum");
    assert_true(tree_self(p->tree, n, 0) == 6);
    assert_true(tree_self(p->tree, n, 1) == 2);
    profile_free(p);
}

static void test_mixed_count_lines_skipped(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct profile *p = test_load_string("a 1 2\nb 3\nc 4 5\n", false, &r, &err);
    assert_non_null(p);
    assert_true(p->differential);
    assert_int_equal(r.ignored, 1);
    assert_int_equal(r.first_ignored_line, 2);
    assert_non_null(strstr(r.first_ignored_reason, "one count"));
    profile_free(p);
}

static void test_crlf_utf8_zero_counts(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/ghcprof-utf8.folded", &r);
    assert_int_equal(r.ignored, 0);
    uint32_t n = test_find_path(p, "MAIN.MAIN;GHC.Conc.Signal.CAF");
    assert_int_not_equal(n, TREE_NONE); /* no "\r" kept in the name */
    assert_true(tree_self(p->tree, n, 0) == 0);
    assert_true(tree_flags(p->tree, n) & TREE_FLAG_STACK_END);
    profile_free(p);
}

static void test_comments_and_blank_lines(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/austin-flames.folded", &r);
    assert_int_equal(r.ignored, 0);
    assert_true(p->stacks > 0);
    profile_free(p);
}

static void test_bad_lines_counted(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/bad-lines.folded", &r);
    assert_int_equal(r.ignored, 2);
    assert_int_equal(r.first_ignored_line, 3);
    assert_true(tree_self(p->tree, test_find_path(p, "noploop;main"), 0) == 548); /* duplicate summed */
    profile_free(p);
}

static void test_strict_rejects_with_line(void **state)
{
    (void)state;
    struct load_options opts = { .strict = true };
    struct error_record err;
    struct load_report r;
    const char *path = test_data_path("folded/bad-lines.folded");
    struct profile *p = load_profile(path, &opts, &r, &err);
    assert_null(p);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.path, path);
}

static void test_empty_and_all_invalid(void **state)
{
    (void)state;
    struct load_options opts = { 0 };
    struct error_record err;
    assert_null(load_profile(test_data_path("folded/empty.folded"), &opts, NULL, &err));
    assert_non_null(strstr(err.message, "no stacks"));

    struct load_report r;
    /* By content, text that is no profile at all is not recognised ... */
    assert_null(test_load_string("just words\nmore words here\n", false, &r, &err));
    assert_non_null(strstr(err.message, "cannot recognise"));
    assert_non_null(strstr(err.message, "not folded stacks (line 1: the last field is not a count"));
    /* ... and read as folded stacks, it has no valid stack. */
    char *path = test_write_temp("just words\nmore words here\n", 27);
    struct load_options folded = { .format = LOAD_FORMAT_FOLDED };
    assert_null(load_profile(path, &folded, &r, &err));
    unlink(path);
    free(path);
    assert_non_null(strstr(err.message, "no valid stack"));
    assert_non_null(strstr(err.message, "line 1"));
    assert_null(test_load_string("\n\n# only comments 3\n   \n", false, &r, &err));
}

static void test_invalid_counts(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct profile *p = test_load_string("a -1\nb 1e5\nc 0x10\nd 18446744073709551616\n"
                                         "e 1.2.3\nf +3\ng 7\n 5\n",
                                         false, &r, &err);
    assert_non_null(p);
    /* " 5" is trimmed to "5": a count without a stack */
    assert_int_equal(r.ignored, 7);
    assert_true(root_total(p, 0) == 7);
    profile_free(p);
}

static void test_no_trailing_newline(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/recursive-basic.folded", &r);
    size_t len = 0;
    char *text = test_read_file(test_data_path("folded/recursive-basic.folded"), &len);
    assert_true(len > 0 && text[len - 1] != '\n');
    assert_int_equal(p->stacks, 3); /* the last, unterminated line counts */
    free(text);
    profile_free(p);
}

/* The shared-prefix fast path must give the same tree as plain lookups. */
static void test_sorted_and_shuffled_agree(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *a = load_file("folded/perf-vertx-stacks-01-collapsed-all-unsorted.folded", &r);
    char *ea = test_export(a);
    struct error_record err;
    struct profile *b = test_load_string(ea, true, &r, &err); /* sorted now */
    assert_non_null(b);
    char *eb = test_export(b);
    assert_string_equal(ea, eb);
    assert_int_equal(tree_count(a->tree), tree_count(b->tree));
    free(ea);
    free(eb);
    profile_free(a);
    profile_free(b);
}

static void test_prefix_edge_cases(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    /* "a;b" after "a;bc": the byte prefix "a;b" is shared but frame "b" is not "bc". */
    struct profile *p = test_load_string("a;bc 1\na;b 2\na;b;c 3\na 4\na;;x 5\na; 6\n", true, &r,
                                         &err);
    assert_non_null(p);
    assert_true(tree_self(p->tree, test_find_path(p, "a;bc"), 0) == 1);
    assert_true(tree_self(p->tree, test_find_path(p, "a;b"), 0) == 2);
    assert_true(tree_self(p->tree, test_find_path(p, "a;b;c"), 0) == 3);
    assert_true(tree_self(p->tree, test_find_path(p, "a"), 0) == 10);
    assert_true(tree_self(p->tree, test_find_path(p, "a;;x"), 0) == 5);
    profile_free(p);
}

static void test_deep_stack(void **state)
{
    (void)state;
    size_t frames = 100000, n;
    char *text = test_chain_text(frames, 10, 7, &n);
    struct load_report r;
    struct error_record err;
    struct profile *p = test_load_string(text, true, &r, &err);
    assert_non_null(p);
    assert_int_equal(tree_max_depth(p->tree), frames);
    char *out = test_export(p);
    assert_string_equal(out, text);
    free(out);
    profile_free(p);

    struct load_options opts = { .limits = { .max_depth = 1000 } };
    char *path = test_write_temp(text, n);
    assert_null(load_profile(path, &opts, &r, &err));
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.message, "depth limit"));
    unlink(path);
    free(path);
    free(text);
}

static void test_line_validity_probe(void **state)
{
    (void)state;
    assert_true(load_folded_sniff_line("a;b 1", 5, NULL, 0));
    assert_true(load_folded_sniff_line("a b 1 2", 7, NULL, 0));
    assert_false(load_folded_sniff_line("a;b", 3, NULL, 0));
    assert_false(load_folded_sniff_line("# x 1", 5, NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_merge_and_whitespace),
        cmocka_unit_test(test_names_with_spaces_and_digits),
        cmocka_unit_test(test_fractional_counts),
        cmocka_unit_test(test_huge_counts_exact),
        cmocka_unit_test(test_differential),
        cmocka_unit_test(test_mixed_count_lines_skipped),
        cmocka_unit_test(test_crlf_utf8_zero_counts),
        cmocka_unit_test(test_comments_and_blank_lines),
        cmocka_unit_test(test_bad_lines_counted),
        cmocka_unit_test(test_strict_rejects_with_line),
        cmocka_unit_test(test_empty_and_all_invalid),
        cmocka_unit_test(test_invalid_counts),
        cmocka_unit_test(test_no_trailing_newline),
        cmocka_unit_test(test_sorted_and_shuffled_agree),
        cmocka_unit_test(test_prefix_edge_cases),
        cmocka_unit_test(test_deep_stack),
        cmocka_unit_test(test_line_validity_probe),
    };
    return cmocka_run_group_tests_name("folded", tests, NULL, NULL);
}
