/* test_panel.c - full-screen panels as data (panel.h): spans at lines and
 * columns, wrapping, the scroll bound by the real height, sanitised output;
 * and the frame windows compare mode draws its panes into (frame.h). */
#include "test_util.h"

#include "flamex/view/panel.h"

/* Row y of f as text. */
static const char *row(const struct frame *f, int y)
{
    static char buf[512];
    return test_frame_row(f, y, true, buf, sizeof buf);
}

static void test_build_wrap_scroll_draw(void **state)
{
    (void)state;
    struct panel p;
    panel_init(&p);
    panel_begin(&p, 20, false);
    panel_puts(&p, 0, 1, 19, "Title", 1);
    int used = panel_wrap(&p, 2, 2, 12, 2, "one two three four five", 23, 2);
    assert_int_equal(used, 3); /* "one two", "  three four"... hanging indent */
    assert_int_equal(p.lines, 5);
    assert_int_equal(panel_max_scroll(&p, 3), 2);
    panel_scroll_by(&p, 100, 3);
    assert_int_equal(p.scroll, 2);
    panel_scroll_by(&p, -100, 3);
    assert_int_equal(p.scroll, 0);
    panel_scroll_by(&p, 0, 10); /* taller than the content: no scroll */
    assert_int_equal(p.scroll, 0);

    struct frame f;
    frame_init(&f, 20, 6, false);
    panel_draw(&p, &f, 0, 6);
    assert_string_equal(row(&f, 0), " Title");
    assert_string_equal(row(&f, 1), "");
    assert_string_equal(row(&f, 2), "  one two");
    assert_string_equal(row(&f, 3), "    three four");
    assert_string_equal(row(&f, 4), "    five");
    p.scroll = 2;
    frame_clear(&f, 0);
    panel_draw(&p, &f, 1, 2); /* two rows from row 1 */
    assert_string_equal(row(&f, 0), "");
    assert_string_equal(row(&f, 1), "  one two");
    assert_string_equal(row(&f, 2), "    three four");
    assert_string_equal(row(&f, 3), "");

    /* Rebuilding keeps the scroll; an escape sequence never reaches the frame raw. */
    panel_begin(&p, 20, false);
    assert_int_equal(p.lines, 0);
    panel_puts(&p, 0, 0, 20, "a\x1b]0;x\x07", 0);
    frame_clear(&f, 0);
    p.scroll = 0;
    panel_draw(&p, &f, 0, 6);
    assert_null(strchr(row(&f, 0), '\x1b'));
    assert_non_null(strstr(row(&f, 0), "\\x1b"));
    frame_free(&f);
    panel_free(&p);
}

/* A window writes its parent's cells in place; clearing or "resizing" it
 * touches only its own cells. */
static void test_frame_window(void **state)
{
    (void)state;
    struct frame f;
    frame_init(&f, 12, 4, false);
    frame_fill(&f, 0, 0, 12, '#', 0);
    frame_fill(&f, 0, 1, 12, '#', 0);
    frame_fill(&f, 0, 2, 12, '#', 0);
    struct frame w = frame_window(&f, 4, 1, 20, 1); /* clipped to 8 x 1 */
    assert_int_equal(w.cols, 8);
    assert_int_equal(w.rows, 1);
    frame_resize(&w, 3, 3); /* keeps its size, only blanks */
    assert_int_equal(w.cols, 8);
    frame_puts(&w, 0, 0, 8, "abcdefghijk", 7);
    char buf[64];
    assert_string_equal(test_frame_row(&f, 0, true, buf, sizeof buf), "############");
    assert_string_equal(test_frame_row(&f, 1, true, buf, sizeof buf), "####abcdefg\xe2\x80\xa6");
    assert_string_equal(test_frame_row(&f, 2, true, buf, sizeof buf), "############");
    assert_int_equal(frame_at(&f, 4, 1)->style, 7);
    assert_null(frame_at(&w, 8, 0)); /* nothing beyond the window */
    frame_free(&w);                 /* forgets, frees nothing */
    assert_non_null(f.cells);
    frame_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_wrap_scroll_draw),
        cmocka_unit_test(test_frame_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
