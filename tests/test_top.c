/* test_top.c - flat/cum aggregation and the pprof-style --top table. */
#include "test_util.h"

#include "flamex/analysis/hot.h"
#include "flamex/output/report.h"

static char *top_text(const struct profile *p, size_t limit)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct report_top_options o = { .type = p->default_type, .limit = limit };
    assert_true(report_top(f, p, &o));
    fclose(f);
    return buf;
}

static const struct hot_entry *find_entry(const struct hot_list *l, const char *name)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->entries[i].len == strlen(name) && memcmp(l->entries[i].bytes, name, l->entries[i].len) == 0)
            return &l->entries[i];
    return NULL;
}

static void test_recursion_counted_once(void **state)
{
    (void)state;
    struct error_record err;
    struct profile *p = test_load_string("a;b;a;b 10\na;c 5\nb 1\n", true, NULL, &err);
    assert_non_null(p);
    struct hot_list l;
    hot_compute(p, 0, TREE_ROOT, HOT_BY_FLAT, &l);
    assert_true(l.total == 16);
    const struct hot_entry *a = find_entry(&l, "a"), *b = find_entry(&l, "b"),
                           *c = find_entry(&l, "c");
    assert_true(a->cum == 15 && a->flat == 0);
    assert_true(b->cum == 11 && b->flat == 11);
    assert_true(c->cum == 5 && c->flat == 5);
    assert_ptr_equal(&l.entries[0], b); /* flat descending */
    hot_sort(&l, HOT_BY_CUM);
    assert_int_equal(l.entries[0].len, 1);
    assert_memory_equal(l.entries[0].bytes, "a", 1);
    hot_free(&l);

    /* scope: the subtree of the first "a" only */
    uint32_t a_node = tree_find_child(p->tree, TREE_ROOT, strtab_find(p->names, "a", 1));
    uint32_t c_node = tree_find_child(p->tree, a_node, strtab_find(p->names, "c", 1));
    hot_compute(p, 0, c_node, HOT_BY_FLAT, &l);
    assert_int_equal(l.count, 1);
    assert_true(l.total == 5);
    hot_free(&l);
    profile_free(p);
}

static void test_article_sample_table(void **state)
{
    (void)state;
    struct profile *p = test_load_sample("recommendation-api.folded");
    char *text = top_text(p, 3);
    const char *expect_rows =
        "Type: samples\n"
        "Showing nodes accounting for 2378, 58.00% of 4100 total\n"
        "Showing top 3 nodes out of 16\n"
        "      flat  flat%   sum%        cum   cum%\n"
        "      1435 35.00% 35.00%       1435 35.00%  _make_iterencode.<locals>._iterencode\n"
        "       492 12.00% 47.00%        492 12.00%  _resolve_image_urls\n"
        "       451 11.00% 58.00%        451 11.00%  model.predict\n";
    assert_non_null(strstr(text, expect_rows));
    assert_non_null(strstr(text, "Format: folded\n"));
    free(text);

    text = top_text(p, 0);
    assert_non_null(strstr(text, "         0     0%   100%       4100   100%  handle_request\n"));
    assert_non_null(strstr(text, "         0     0%   100%       2501 61.00%  serialize_response\n"));
    free(text);
    profile_free(p);
}

static void test_names_are_sanitized(void **state)
{
    (void)state;
    struct error_record err;
    struct profile *p = test_load_string("x\x1b[2J\x9b;y 1\n", true, NULL, &err);
    assert_non_null(p);
    char *text = top_text(p, 0);
    assert_null(strchr(text, '\x1b'));
    free(text);
    profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recursion_counted_once),
        cmocka_unit_test(test_article_sample_table),
        cmocka_unit_test(test_names_are_sanitized),
    };
    return cmocka_run_group_tests_name("top", tests, NULL, NULL);
}
