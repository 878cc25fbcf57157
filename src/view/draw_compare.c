/* draw_compare.c - compare mode's own rows: the pane titles (or the
 * differential legend), the change list at the right, and the status line
 * with the selected path's value before and after and the change. Only
 * reads the compare. */
#include "flamex/view/keys.h"
#include "flamex/base/numfmt.h"
#include "flamex/config/style.h"
#include "flamex/base/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_internal.h"

/* Unit of the shown pair's values ("count" when none). */
static const char *draw_compare_unit(const struct compare *c)
{
    return profile_type_unit(c->merged, diff_type_of(c->pair, DIFF_AFTER));
}

/* Name of the shown pair's column col. */
static const char *draw_compare_type(const struct compare *c, enum diff_type col)
{
    const char *name = c->merged->types[diff_type_of(c->pair, col)].name;
    return name ? name : "";
}

/* A value in the unit, with a sign when sign is set and v is not zero. */
static void draw_compare_value(char *buf, size_t cap, double v, const char *unit, bool sign)
{
    char value[64];
    numfmt_unit(value, sizeof value, fabs(v), unit);
    buf[0] = v < 0 ? '-' : sign && v > 0 ? '+' : '\0';
    buf[1] = '\0';
    strncat(buf, value, cap - 2);
}

/* The title of pane side in its box: "▶ AFTER (keys) FILE  TYPE TOTAL" in
 * the focused style for the pane with the keys; the other pane's is dimmed.
 * When the change list has the keys, the active pane's title is plain. */
static void draw_compare_title(const struct compare *c, struct frame *f, int x, int w, int side)
{
    bool active = side == c->active;
    bool keys = active && !c->sidebar_focus;
    uint16_t style = keys ? STYLE_SIDEBAR_CURSOR : active ? STYLE_BREADCRUMB : STYLE_ANCESTOR;
    frame_fill(f, x, 0, w, ' ', style);
    char label[64];
    snprintf(label, sizeof label, "%s%s%s", keys ? c->ascii ? "> " : "\xe2\x96\xb6 " : "",
             compare_side_name(side), keys ? " (keys)" : "");
    const char *file = side == 0 ? c->before_name : c->after_name;
    char value[64], tail[160];
    double total = side == 0 ? diff_before(c->merged, c->pair, TREE_ROOT, false)
                             : diff_after(c->merged, c->pair, TREE_ROOT);
    numfmt_unit(value, sizeof value, total, draw_compare_unit(c));
    if (c->type_names)
        snprintf(tail, sizeof tail, "  %.100s %s",
                 draw_compare_type(c, side == 0 ? DIFF_BEFORE : DIFF_AFTER), value);
    else
        snprintf(tail, sizeof tail, "  total %s", value);
    int used = frame_puts(f, x, 0, w, label, style);
    used += frame_puts(f, x + used, 0, w - used, " ", style);
    int tail_w = (int)utf8_display_width(tail, strlen(tail), c->ascii);
    int room = w - used - tail_w;
    if (room < 8)
        room = w - used;
    used += frame_text(f, x + used, 0, room, file, strlen(file), style);
    if (used + tail_w <= w)
        frame_text(f, x + used, 0, w - used, tail, strlen(tail), style);
}

void draw_compare_titles(const struct compare *c, struct frame *f)
{
    frame_fill(f, 0, 0, f->cols, ' ', STYLE_BREADCRUMB);
    if (c->mode == COMPARE_SIDE_BY_SIDE) {
        for (int i = 0; i < 2; i++) {
            int x, w;
            compare_pane_box(c, i, &x, &w);
            draw_compare_title(c, f, x, w, i);
        }
        return;
    }
    static const char *const widths[] = { "AFTER", "BEFORE", "larger of the two" };
    char type[160] = "", text[400];
    if (c->type_names) {
        const char *b = draw_compare_type(c, DIFF_BEFORE), *a = draw_compare_type(c, DIFF_AFTER);
        if (strcmp(a, b) == 0)
            snprintf(type, sizeof type, " (%.100s)", a);
        else
            snprintf(type, sizeof type, " (%.60s vs %.60s)", b, a);
    }
    snprintf(text, sizeof text, "Differential%s: widths from %s, colour by change%s: ", type,
             widths[c->width], c->normalise ? " (normalised)" : " (raw values)");
    int x = frame_text(f, 0, 0, f->cols, text, strlen(text), STYLE_BREADCRUMB);
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

/* A share for the change list: "23.1%", or "-" when the function is not on
 * that side; 6 columns. */
static void draw_compare_share(char *buf, size_t cap, double pct, bool present)
{
    if (!present)
        snprintf(buf, cap, "%6s", "-");
    else
        numfmt_percent1(buf, cap, pct, 100.0, 6);
}

/* The columns of one entry: change, before, after (as the title says). */
static void draw_compare_entry(const struct compare *c, const struct diff_function *e,
                               char *buf, size_t cap)
{
    bool in_b = e->before_cum != 0, in_a = e->after_cum != 0;
    if (c->funcs.rank.normalise) {
        char d[16], b[16], a[16];
        if (e->change == 0)
            snprintf(d, sizeof d, "%6.1f", 0.0);
        else if (fabs(e->change) >= 999.95)
            snprintf(d, sizeof d, "%+6.0f", e->change);
        else
            snprintf(d, sizeof d, "%+6.1f", e->change);
        draw_compare_share(b, sizeof b, e->before_pct, in_b);
        draw_compare_share(a, sizeof a, e->after_pct, in_a);
        snprintf(buf, cap, "%s %s %s ", d, b, a);
        return;
    }
    const char *unit = draw_compare_unit(c);
    char d[72], b[72], a[72];
    draw_compare_value(d, sizeof d, e->change, unit, true);
    if (in_b)
        draw_compare_value(b, sizeof b, e->before, unit, false);
    else
        snprintf(b, sizeof b, "-");
    if (in_a)
        draw_compare_value(a, sizeof a, e->after, unit, false);
    else
        snprintf(a, sizeof a, "-");
    snprintf(buf, cap, "%8s %7s %7s ", d, b, a);
}

void draw_compare_sidebar(const struct compare *c, struct frame *f)
{
    int sw = compare_sidebar_cols(c);
    int x0 = c->cols - sw;
    int top = COMPARE_TITLE_ROWS, bottom = c->rows - COMPARE_STATUS_ROWS;
    for (int y = top; y < bottom; y++)
        frame_puts(f, x0, y, 1, c->ascii ? "|" : "\xe2\x94\x82", STYLE_SIDEBAR);
    int x = x0 + 1, w = sw - 1;
    /* Title: what is ranked, how, and within what; marked when it has the keys. */
    const struct diff_rank *rank = &c->funcs.rank;
    uint16_t title_style = c->sidebar_focus ? STYLE_SIDEBAR_CURSOR : STYLE_SIDEBAR_TITLE;
    char title[96];
    snprintf(title, sizeof title, "%sChanges by %s, %s",
             c->sidebar_focus ? c->ascii ? "> " : "\xe2\x96\xb6 " : "",
             rank->by == HOT_BY_FLAT ? "self" : "total",
             rank->normalise ? "share (normalised)" : "raw values");
    const char *scope = rank->root == TREE_ROOT ? "profile" : "zoomed";
    frame_fill(f, x, top, w, ' ', title_style);
    int tw = frame_puts(f, x + 1, top, w - 1, title, title_style);
    int scw = (int)strlen(scope);
    if (tw + scw + 3 <= w)
        frame_puts(f, x + w - scw - 1, top, scw, scope, title_style);
    if (top + 1 >= bottom)
        return;
    frame_fill(f, x, top + 1, w, ' ', STYLE_SIDEBAR_TITLE);
    frame_puts(f, x, top + 1, w,
               rank->normalise ? "   pts before  after function (% of each total)"
                               : "  change  before   after function",
               STYLE_SIDEBAR_TITLE);
    const struct list *l = &c->changes;
    for (size_t r = 0; r < l->height; r++) {
        int y = top + 2 + (int)r;
        struct list_row row = list_row_at(l, l->scroll + r);
        if (y >= bottom || row.kind == LIST_ROW_PAST)
            break;
        const struct list_section *sec = &l->sections[row.section];
        if (row.kind == LIST_ROW_HEADING) {
            frame_fill(f, x, y, w, ' ', STYLE_SIDEBAR_TITLE);
            frame_puts(f, x + 1, y, w - 1, sec->heading, STYLE_SIDEBAR_TITLE);
            continue;
        }
        if (row.kind == LIST_ROW_NONE) {
            frame_puts(f, x + 1, y, w - 1, sec->none, STYLE_SIDEBAR);
            continue;
        }
        const struct diff_function *e = compare_list_entry(c, row.entry);
        uint16_t style = STYLE_SIDEBAR;
        if (row.entry == l->cursor)
            style = c->sidebar_focus ? STYLE_SIDEBAR_CURSOR : STYLE_SIDEBAR_MARK;
        char cols[256];
        draw_compare_entry(c, e, cols, sizeof cols);
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
    numfmt_share(pct, sizeof pct, v, total);
    snprintf(buf, cap, "%s (%s)", value, pct);
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

/* The change of the selected node's total: raw values always, the change of
 * share besides when normalised; at the root, the change of the total. */
static void draw_compare_change(const struct compare *c, uint32_t node, char *buf, size_t cap)
{
    const struct profile *m = c->merged;
    const char *unit = draw_compare_unit(c);
    double b = diff_before(m, c->pair, node, false), a = diff_after(m, c->pair, node);
    double bt = diff_before(m, c->pair, TREE_ROOT, false), at = diff_after(m, c->pair, TREE_ROOT);
    char value[96], rel[48] = "";
    draw_compare_value(value, sizeof value, a - b, unit, true);
    if (b != 0)
        snprintf(rel, sizeof rel, " (%+.1f%%)", 100.0 * (a - b) / b);
    if (node == TREE_ROOT) {
        snprintf(buf, cap, "total %s %s%s", a == b ? "unchanged:" : "change", value, rel);
        return;
    }
    char raw[160];
    if (a == b)
        snprintf(raw, sizeof raw, "value unchanged");
    else
        snprintf(raw, sizeof raw, "%s %s%s", c->normalise ? "value" : "change", value, rel);
    if (!c->normalise) {
        snprintf(buf, cap, "%s", raw);
        return;
    }
    double pts = (at != 0 ? 100.0 * a / at : 0) - (bt != 0 ? 100.0 * b / bt : 0);
    snprintf(buf, cap, "share %+.1f pts, %s", pts, raw);
}

void draw_compare_status(const struct compare *c, struct frame *f)
{
    int y = c->rows - 1;
    frame_fill(f, 0, y, f->cols, ' ', STYLE_STATUS);
    const struct profile *m = c->merged;
    const char *unit = draw_compare_unit(c);
    uint32_t node = compare_focused(c)->selected;
    double bt = diff_before(m, c->pair, TREE_ROOT, false), at = diff_after(m, c->pair, TREE_ROOT);
    double b = diff_before(m, c->pair, node, false), a = diff_after(m, c->pair, node);
    bool in_b = diff_present(m, node, diff_type_of(c->pair, DIFF_BEFORE));
    bool in_a = diff_present(m, node, diff_type_of(c->pair, DIFF_AFTER));
    char sb[128], sa[128], change[256];
    draw_compare_side(sb, sizeof sb, b, bt, in_b, unit);
    draw_compare_side(sa, sizeof sa, a, at, in_a, unit);
    if (!in_b && in_a)
        snprintf(change, sizeof change, "new in AFTER");
    else if (in_b && !in_a)
        snprintf(change, sizeof change, "gone from AFTER");
    else
        draw_compare_change(c, node, change, sizeof change);
    char line[600];
    snprintf(line, sizeof line, "before %s  after %s  %s  [%s]", sb, sa, change,
             c->normalise ? "normalised" : "raw");
    int x = 0;
    const char *msg = c->message;
    if (msg[0]) {
        x = frame_text(f, 0, y, f->cols, msg, strlen(msg), STYLE_STATUS_KEY);
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
