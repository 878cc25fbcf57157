/* draw_compare.c - compare mode's own rows: the pane titles (or the
 * differential legend), the change list at the right, and the status line
 * with the selected path's value before and after and the change. */
#include "flamex/view/keys.h"
#include "flamex/base/numfmt.h"
#include "flamex/config/style.h"
#include "flamex/base/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_internal.h"

/* Unit of the merged profile's values ("count" when none). */
static const char *draw_compare_unit(const struct compare *c)
{
    const char *u = c->merged->types[DIFF_AFTER].unit;
    return u && u[0] ? u : "count";
}

/* "BEFORE file  4100 (total)" in the box of a pane. */
static void draw_compare_title(struct compare *c, struct frame *f, int x, int w, const char *label,
                               const char *file, double total, bool active)
{
    uint16_t style = active ? STYLE_STATUS_KEY : STYLE_BREADCRUMB;
    frame_fill(f, x, 0, w, ' ', style);
    char value[64];
    numfmt_unit(value, sizeof value, total, draw_compare_unit(c));
    char tail[96];
    snprintf(tail, sizeof tail, "  total %s", value);
    int used = frame_puts(f, x, 0, w, label, style);
    used += frame_puts(f, x + used, 0, w - used, " ", style);
    int tail_w = (int)strlen(tail);
    int room = w - used - tail_w;
    if (room < 8)
        room = w - used;
    used += frame_text(f, x + used, 0, room, file, strlen(file), style);
    if (used + tail_w <= w)
        frame_puts(f, x + used, 0, w - used, tail, style);
}

void draw_compare_titles(struct compare *c, struct frame *f)
{
    const struct tree *tree = c->merged->tree;
    double bt = tree_total(tree, TREE_ROOT, DIFF_BEFORE), at = tree_total(tree, TREE_ROOT, DIFF_AFTER);
    frame_fill(f, 0, 0, f->cols, ' ', STYLE_BREADCRUMB);
    if (c->mode == COMPARE_SIDE_BY_SIDE) {
        for (int i = 0; i < 2; i++) {
            int x, w;
            compare_pane_box(c, i, &x, &w);
            draw_compare_title(c, f, x, w, i == 0 ? "BEFORE" : "AFTER",
                               i == 0 ? c->before_name : c->after_name, i == 0 ? bt : at,
                               i == c->active && !c->sidebar_focus);
        }
        return;
    }
    static const char *const widths[] = { "AFTER", "BEFORE", "larger of the two" };
    char text[256];
    snprintf(text, sizeof text, "Differential: widths from %s, colour by change%s: ",
             widths[c->width], c->normalise ? " (normalised)" : " (raw values)");
    int x = frame_puts(f, 0, 0, f->cols, text, STYLE_BREADCRUMB);
    /* A legend in the colours themselves: the strongest growth and shrink. */
    x += frame_puts(f, x, 0, f->cols - x, " grew ", STYLE_GROW_BASE + STYLE_SHADES - 1);
    x += frame_puts(f, x, 0, f->cols - x, " ", STYLE_BREADCRUMB);
    x += frame_puts(f, x, 0, f->cols - x, " shrank ", STYLE_SHRINK_BASE + STYLE_SHADES - 1);
    x += frame_puts(f, x, 0, f->cols - x, " ", STYLE_BREADCRUMB);
    x += frame_puts(f, x, 0, f->cols - x, " same ", STYLE_DIFF_SAME);
    char files[600];
    snprintf(files, sizeof files, "  %s \xe2\x86\x92 %s", c->before_name, c->after_name);
    if (c->ascii)
        snprintf(files, sizeof files, "  %s -> %s", c->before_name, c->after_name);
    if (x < f->cols)
        frame_text(f, x, 0, f->cols - x, files, strlen(files), STYLE_BREADCRUMB);
}

/* "+12.3" (percentage points) for the change list, 6 columns. */
static void draw_compare_points(char *buf, size_t cap, double pts)
{
    if (fabs(pts) >= 999.95)
        snprintf(buf, cap, "%+6.0f", pts);
    else
        snprintf(buf, cap, "%+6.1f", pts);
}

static void draw_compare_pct(char *buf, size_t cap, double pct, bool present)
{
    if (!present)
        snprintf(buf, cap, "%5s", "-");
    else
        snprintf(buf, cap, "%5.1f", pct);
}

void draw_compare_sidebar(struct compare *c, struct frame *f)
{
    int sw = compare_sidebar_cols(c);
    int x0 = c->cols - sw;
    int top = COMPARE_TITLE_ROWS, bottom = c->rows - COMPARE_STATUS_ROWS;
    for (int y = top; y < bottom; y++)
        frame_puts(f, x0, y, 1, c->ascii ? "|" : "\xe2\x94\x82", STYLE_SIDEBAR);
    int x = x0 + 1, w = sw - 1;
    frame_fill(f, x, top, w, ' ', STYLE_SIDEBAR_TITLE);
    frame_puts(f, x, top, w, " delta before after  self, % of total", STYLE_SIDEBAR_TITLE);
    compare_funcs_refresh(c);
    size_t n = compare_list_count(c), grew = c->funcs.grew, shrank = c->funcs.shrank;
    int rows = compare_list_screen_rows(c);
    for (int r = 0; r < rows; r++) {
        size_t row = c->side_scroll + (size_t)r;
        int y = top + 1 + r;
        if (y >= bottom)
            break;
        char text[64];
        /* Headings and "(none)" lines. */
        size_t shrank_head = 1 + (grew ? grew : 1);
        if (row == 0 || row == shrank_head) {
            snprintf(text, sizeof text, "%s (%zu)", row == 0 ? "Grew" : "Shrank",
                     row == 0 ? grew : shrank);
            frame_fill(f, x, y, w, ' ', STYLE_SIDEBAR_TITLE);
            frame_puts(f, x + 1, y, w - 1, text, STYLE_SIDEBAR_TITLE);
            continue;
        }
        if ((row == 1 && grew == 0) || (row == shrank_head + 1 && shrank == 0)) {
            frame_puts(f, x + 1, y, w - 1, "(none)", STYLE_SIDEBAR);
            continue;
        }
        size_t i = row < shrank_head ? row - 1 : grew + (row - shrank_head - 1);
        if (i >= n)
            continue;
        const struct diff_function *e = compare_list_entry(c, i);
        uint16_t style = STYLE_SIDEBAR;
        if (i == c->cursor)
            style = c->sidebar_focus ? STYLE_SIDEBAR_CURSOR : STYLE_SIDEBAR_MARK;
        char d[16], b[16], a[16], cols[64];
        draw_compare_points(d, sizeof d, e->delta_pct);
        draw_compare_pct(b, sizeof b, e->before_pct, e->before_cum != 0);
        draw_compare_pct(a, sizeof a, e->after_pct, e->after_cum != 0);
        snprintf(cols, sizeof cols, "%s %6s %5s ", d, b, a);
        frame_fill(f, x, y, w, ' ', style);
        int used = frame_puts(f, x, y, w, cols, style);
        if (used < w)
            frame_text(f, x + used, y, w - used, e->bytes, e->len, style);
    }
}

/* "V (P%)" of one side, or "-" when the path is not there. */
static void draw_compare_side(char *buf, size_t cap, double v, double total, bool present,
                              const char *unit)
{
    if (!present) {
        snprintf(buf, cap, "-");
        return;
    }
    char value[64], pct[32];
    numfmt_unit(value, sizeof value, v, unit);
    numfmt_percent(pct, sizeof pct, v, total);
    const char *p = pct;
    while (*p == ' ')
        p++;
    snprintf(buf, cap, "%s (%s)", value, p);
}

/* "KEY:what" for each of the mode's main actions, with the keys as bound
 * (an action without a key is left out). */
static void draw_compare_hints(const struct compare *c, char *buf, size_t cap)
{
    static const struct {
        enum action_id action;
        const char *side, *diff; /* the word in each mode; NULL: not shown there */
    } hints[] = {
        { ACTION_COMPARE_VIEW, "differential", "side by side" },
        { ACTION_COMPARE_PANE, "pane", NULL },
        { ACTION_TOGGLE_SIDEBAR, "changes", NULL },
        { ACTION_COMPARE_WIDTH, NULL, "widths" },
        { ACTION_COMPARE_NORMALISE, NULL, "normalise" },
        { ACTION_HELP, "help", "help" },
    };
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        const char *what = c->mode == COMPARE_SIDE_BY_SIDE ? hints[i].side : hints[i].diff;
        int key;
        char name[32];
        if (!what || keymap_keys_for(c->keymap, hints[i].action, &key, 1) == 0)
            continue;
        keys_name(key, name, sizeof name);
        int w = snprintf(buf + n, cap - n, "%s%s:%s", n ? " " : "", name, what);
        if (w < 0 || (size_t)w >= cap - n)
            break;
        n += (size_t)w;
    }
}

void draw_compare_status(struct compare *c, struct frame *f)
{
    int y = c->rows - 1;
    frame_fill(f, 0, y, f->cols, ' ', STYLE_STATUS);
    const struct profile *m = c->merged;
    const struct tree *tree = m->tree;
    const char *unit = draw_compare_unit(c);
    uint32_t node = compare_focused(c)->selected;
    double bt = tree_total(tree, TREE_ROOT, DIFF_BEFORE), at = tree_total(tree, TREE_ROOT, DIFF_AFTER);
    double b = diff_before(m, node, false), a = diff_after(m, node);
    bool in_b = diff_present(m, node, DIFF_BEFORE), in_a = diff_present(m, node, DIFF_AFTER);
    char sb[128], sa[128], change[160];
    draw_compare_side(sb, sizeof sb, b, bt, in_b, unit);
    draw_compare_side(sa, sizeof sa, a, at, in_a, unit);
    if (!in_b && in_a) {
        snprintf(change, sizeof change, "new in AFTER");
    } else if (in_b && !in_a) {
        snprintf(change, sizeof change, "gone from AFTER");
    } else {
        double base = c->normalise ? b * diff_scale(m) : b;
        double ch = a - base;
        double pts = (at != 0 ? 100.0 * a / at : 0) - (bt != 0 ? 100.0 * b / bt : 0);
        char value[64], rel[48] = "";
        numfmt_unit(value, sizeof value, fabs(ch), unit);
        if (base != 0)
            snprintf(rel, sizeof rel, ", %+.1f%%", 100.0 * ch / base);
        snprintf(change, sizeof change, "change %+.1f pts (%s%s%s)", pts, ch < 0 ? "-" : "+",
                 value, rel);
    }
    char line[512];
    snprintf(line, sizeof line, "before %s  after %s  %s  [%s]", sb, sa, change,
             c->normalise ? "normalised" : "raw");
    int x = 0;
    const char *msg = c->message;
    if (msg[0]) {
        x = frame_puts(f, 0, y, f->cols, msg, STYLE_STATUS_KEY);
        x += 2;
    }
    char hints[160];
    draw_compare_hints(c, hints, sizeof hints);
    int line_w = (int)utf8_display_width(line, strlen(line), f->ascii);
    int hint_w = (int)strlen(hints);
    if (x + line_w + 2 + hint_w <= f->cols)
        frame_puts(f, f->cols - hint_w, y, hint_w, hints, STYLE_STATUS_KEY);
    if (x < f->cols)
        frame_puts(f, x, y, f->cols - x, line, STYLE_STATUS);
}
