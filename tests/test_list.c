/* test_list.c - the sectioned list (list.h): rows of headings, entries and
 * placeholders, the row <-> entry mapping, and the clamping rules. */
#include "test_util.h"

#include "flamex/view/list.h"

#include <limits.h>

/* Two headed sections: "A" with 3 entries, "B" empty; then a headless one of 2. */
static void fill(struct list *l, size_t a, size_t b, size_t c)
{
    list_clear_sections(l);
    list_add_section(l, "A", "(no a)", a);
    list_add_section(l, "B", "(no b)", b);
    list_add_section(l, NULL, NULL, c);
}

static void test_rows_and_mapping(void **state)
{
    (void)state;
    struct list l;
    list_init(&l);
    fill(&l, 3, 0, 2);
    assert_int_equal(list_count(&l), 5);
    assert_int_equal(list_rows(&l), 1 + 3 + 1 + 1 + 2);
    struct list_row r = list_row_at(&l, 0);
    assert_int_equal(r.kind, LIST_ROW_HEADING);
    assert_int_equal(r.section, 0);
    r = list_row_at(&l, 3);
    assert_int_equal(r.kind, LIST_ROW_ENTRY);
    assert_int_equal(r.entry, 2);
    assert_int_equal(r.index, 2);
    assert_int_equal(list_row_at(&l, 4).kind, LIST_ROW_HEADING);
    r = list_row_at(&l, 5);
    assert_int_equal(r.kind, LIST_ROW_NONE);
    assert_int_equal(r.section, 1);
    assert_string_equal(l.sections[r.section].none, "(no b)");
    r = list_row_at(&l, 7);
    assert_int_equal(r.kind, LIST_ROW_ENTRY);
    assert_int_equal(r.section, 2);
    assert_int_equal(r.entry, 4);
    assert_int_equal(r.index, 1);
    assert_int_equal(list_row_at(&l, 8).kind, LIST_ROW_PAST);
    /* Every entry's row maps back to it. */
    for (size_t e = 0; e < list_count(&l); e++) {
        r = list_row_at(&l, list_row_of(&l, e));
        assert_int_equal(r.kind, LIST_ROW_ENTRY);
        assert_int_equal(r.entry, e);
        size_t idx;
        assert_int_equal(list_section_of(&l, e, &idx), r.section);
        assert_int_equal(idx, r.index);
    }
}

static void test_clamp_and_move(void **state)
{
    (void)state;
    struct list l;
    list_init(&l);
    fill(&l, 10, 4, 0);
    list_set_height(&l, 5);
    list_move(&l, 7);
    assert_int_equal(l.cursor, 7);
    assert_int_equal(l.scroll, list_row_of(&l, 7) - 4); /* the cursor on the last line */
    list_move(&l, 3);                                  /* B's first entry: its heading too */
    assert_int_equal(l.cursor, 10);
    assert_int_equal(list_row_at(&l, l.scroll + 3).kind, LIST_ROW_HEADING);
    list_move(&l, LONG_MAX);
    assert_int_equal(l.cursor, 13);
    list_move(&l, LONG_MIN);
    assert_int_equal(l.cursor, 0);
    assert_int_equal(l.scroll, 0); /* the first entry brings A's heading along */
    /* The data shrinks under the cursor: rebuilding and clamping keeps it in. */
    list_move(&l, LONG_MAX);
    fill(&l, 2, 1, 0);
    list_clamp(&l);
    assert_int_equal(l.cursor, 2);
    assert_true(l.scroll + l.height <= list_rows(&l) || l.scroll == 0);
    /* Empty: the cursor rests at 0 and no line holds an entry. */
    fill(&l, 0, 0, 0);
    list_clamp(&l);
    assert_int_equal(l.cursor, 0);
    assert_int_equal(l.scroll, 0);
    for (int y = 0; y < 5; y++)
        assert_int_equal(list_entry_at_line(&l, y), -1);
}

static void test_lines_to_entries(void **state)
{
    (void)state;
    struct list l;
    list_init(&l);
    fill(&l, 3, 2, 0);
    list_set_height(&l, 4);
    assert_int_equal(list_entry_at_line(&l, 0), -1); /* heading A */
    assert_int_equal(list_entry_at_line(&l, 1), 0);
    assert_int_equal(list_entry_at_line(&l, 3), 2);
    assert_int_equal(list_entry_at_line(&l, 4), -1); /* below the lines shown */
    list_set_cursor(&l, 4);
    assert_int_equal(list_entry_at_line(&l, 3), 4);
    assert_int_equal(list_entry_at_line(&l, 1), -1); /* heading B */
    /* No blank rows below the end when the list could fill them. */
    list_set_height(&l, 100);
    assert_int_equal(l.scroll, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_and_mapping),
        cmocka_unit_test(test_clamp_and_move),
        cmocka_unit_test(test_lines_to_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
