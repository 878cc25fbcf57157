/* draw.c - the whole screen from the settled app: breadcrumb, graph, status
 * lines, sidebar, or the help screen or information panel. */
#include "flamex/view/keys.h"
#include "flamex/base/numfmt.h"
#include "flamex/config/style.h"
#include "flamex/base/utf8.h"

#include <stdio.h>
#include <string.h>

#include "draw_internal.h"

void draw_breadcrumb(const struct app *app, struct frame *f)
{
    frame_fill(f, 0, 0, f->cols, ' ', STYLE_BREADCRUMB);
    /* Collect the zoom path root-first, then print as much as fits from the end. */
    const struct tree *tree = app->profile->tree;
    uint32_t depth = tree_depth(tree, app->zoom);
    int x = 0;
    const char *sep = app->ascii ? " > " : " \xe2\x80\xba ";
    uint32_t first = depth >= 8 ? depth - 7 : 0; /* at most 8 steps: path[] */
    if (first > 0) {
        x += frame_puts(f, x, 0, f->cols - x, "all", STYLE_BREADCRUMB);
        if (first > 1) {
            x += frame_puts(f, x, 0, f->cols - x, sep, STYLE_BREADCRUMB);
            x += frame_puts(f, x, 0, f->cols - x, app->ascii ? "..." : "\xe2\x80\xa6",
                            STYLE_BREADCRUMB);
        }
    }
    uint32_t path[8];
    uint32_t n = app->zoom, count = 0;
    for (uint32_t d = depth + 1; d-- > first;) {
        path[d - first] = n;
        count++;
        n = tree_parent(tree, n);
    }
    for (uint32_t i = 0; i < count && x < f->cols; i++) {
        if (i || first)
            x += frame_puts(f, x, 0, f->cols - x, sep, STYLE_BREADCRUMB);
        size_t len;
        const char *name = profile_node_name(app->profile, path[i], &len);
        int room = f->cols - x;
        if (i + 1 < count && room > 24)
            room = 24; /* keep room for the deeper steps */
        x += frame_text(f, x, 0, room, name, len, i + 1 == count ? STYLE_STATUS_KEY : STYLE_BREADCRUMB);
    }
}

/* "/pattern  Matched: X% of total, Y% of view, N frames" at the right of
 * status line y, in the longest form that leaves the selected name 16
 * columns. Returns the columns it took, with the gap before it (0: none). */
static int draw_matched(const struct app *app, struct frame *f, int y)
{
    if (!app_search_active(app))
        return 0;
    const struct tree *tree = app->profile->tree;
    const struct app_cache *c = &app->cache;
    char a[32], v[32], in_view[48] = "", full[256], brief[96];
    numfmt_share(a, sizeof a, c->matched_all, tree_total(tree, TREE_ROOT, app->type));
    numfmt_share(v, sizeof v, c->matched_view, tree_total(tree, app->zoom, app->type));
    if (app->zoom != TREE_ROOT && c->frames_view != c->frames_all)
        snprintf(in_view, sizeof in_view, " (%zu in view)", c->frames_view);
    snprintf(full, sizeof full, "Matched: %s of total, %s of view, %zu frame%s%s", a, v,
             c->frames_all, c->frames_all == 1 ? "" : "s", in_view);
    snprintf(brief, sizeof brief, "Matched: %s, %zu", a, c->frames_all);
    /* The pattern, unless the prompt shows it below: /regex, or an exact
     * name in quotes; at most 24 columns. */
    const char *pat = app->prompt.open ? "" : app->search.pattern;
    size_t plen = strlen(pat);
    const char *lead = "/", *tail = "";
    if (app->search_name != STRTAB_NONE && !app->prompt.open) {
        pat = strtab_get(app->profile->names, app->search_name, &plen);
        lead = tail = "\"";
    }
    int tail_w = (int)strlen(tail);
    int pw = plen ? 1 + (int)utf8_display_width(pat, plen, f->ascii) + tail_w : 0;
    if (pw > 24)
        pw = 24;
    const char *texts[2] = { full, brief };
    for (int i = 0; i < 2; i++) {
        int tw = (int)strlen(texts[i]);
        for (int with_pat = pw > 0; with_pat >= 0; with_pat--) {
            int w = tw + (with_pat ? pw + 2 : 0);
            if (f->cols - w - 2 < 16)
                continue;
            int x = f->cols - w;
            if (with_pat) {
                frame_puts(f, x, y, 1, lead, STYLE_STATUS_KEY);
                int px = frame_text(f, x + 1, y, pw - 1 - tail_w, pat, plen, STYLE_STATUS_KEY);
                frame_puts(f, x + 1 + px, y, tail_w, tail, STYLE_STATUS_KEY);
                x += pw + 2;
            }
            frame_puts(f, x, y, tw, texts[i], STYLE_STATUS);
            return w + 2;
        }
    }
    return 0;
}

/* The / prompt on status line y: the pattern as typed (its end in view),
 * a cursor, why it does not compile, and the case mode. */
static void draw_prompt(const struct app *app, struct frame *f, int y)
{
    const struct app_prompt *pr = &app->prompt;
    frame_fill(f, 0, y, f->cols, ' ', STYLE_STATUS);
    const char *mode = app->search_case == SEARCH_CASE_SENSITIVE   ? "case-sensitive"
                     : app->search_case == SEARCH_CASE_INSENSITIVE ? "ignoring case"
                                                                   : "smart case";
    int keys[1];
    char key[32] = "";
    if (keymap_keys_for(app->keymap, ACTION_SEARCH_CASE, keys, 1))
        keys_name(keys[0], key, sizeof key);
    char hint[96];
    snprintf(hint, sizeof hint, "%s%s%s", key, key[0] ? ": " : "", mode);
    int hint_w = (int)strlen(hint);
    int room = f->cols - 2; /* "/" and the cursor */
    bool show_hint = room - hint_w - 2 >= 16;
    if (show_hint)
        room -= hint_w + 2;
    /* Keep the end of a long pattern in view. */
    size_t off = 0;
    while (off < pr->len && (int)utf8_display_width(pr->text + off, pr->len - off, f->ascii) > room) {
        off++;
        while (off < pr->len && ((unsigned char)pr->text[off] & 0xC0) == 0x80)
            off++;
    }
    int x = frame_puts(f, 0, y, 1, "/", STYLE_STATUS_KEY);
    x += frame_text(f, x, y, room, pr->text + off, pr->len - off, STYLE_STATUS_KEY);
    frame_fill(f, x, y, 1, ' ', STYLE_SELECTED); /* the cursor */
    x += 2;
    int end = show_hint ? f->cols - hint_w - 2 : f->cols;
    if (pr->error[0] && x < end)
        frame_puts(f, x, y, end - x, pr->error, STYLE_ERROR);
    if (show_hint)
        frame_puts(f, f->cols - hint_w, y, hint_w, hint, STYLE_STATUS);
}

void draw_status(const struct app *app, struct frame *f)
{
    const struct profile *p = app->profile;
    const struct tree *tree = p->tree;
    size_t t = app->type;
    const char *unit = profile_type_unit(p, t);
    const char *type_name = profile_type_name(p, t);
    int y1 = f->rows - 2, y2 = f->rows - 1;
    frame_fill(f, 0, y1, f->cols, ' ', STYLE_STATUS);
    frame_fill(f, 0, y2, f->cols, ' ', STYLE_STATUS);

    /* Line 1: the selected frame's name, and pprof's inline note after it;
     * at the right, what the search matches. */
    int room = f->cols - draw_matched(app, f, y1);
    size_t len;
    const char *name = profile_node_name(p, app->selected, &len);
    const char *note = tree_inline_note(tree, app->selected);
    int note_w = note ? (int)strlen(note) + 1 : 0;
    int name_room = room - note_w > 8 ? room - note_w : room;
    int nx = frame_text(f, 0, y1, name_room, name, len, STYLE_STATUS_KEY);
    if (note)
        frame_puts(f, nx + 1, y1, room - nx - 1, note, STYLE_STATUS);
    if (app->prompt.open) {
        draw_prompt(app, f, y2);
        return;
    }

    /* Line 2: [message] [sample type (unit)] value, shares, self, depth; hints. */
    double total = tree_total(tree, app->selected, t);
    double self = tree_self(tree, app->selected, t);
    double all = tree_total(tree, TREE_ROOT, t);
    double view = tree_total(tree, app->zoom, t);
    char v[64], sv[64], a[32], b[32], c[32];
    numfmt_unit(v, sizeof v, total, unit);
    numfmt_unit(sv, sizeof sv, self, unit);
    numfmt_share(a, sizeof a, total, all);
    numfmt_share(b, sizeof b, total, view);
    numfmt_share(c, sizeof c, self, all);
    bool count_unit = strcmp(unit, "count") == 0;
    /* The sample type is named whenever it is not the obvious "samples (count)"
     * of a one-type profile: several types, or a unit such as nanoseconds.
     * Otherwise a count says what it counts ("4100 samples"). */
    char type[320] = "";
    if (!app->compare_pane && (p->ntypes > 1 || !count_unit))
        snprintf(type, sizeof type, "[%s (%s)]", type_name, unit);
    bool name_count = count_unit && !type[0] && !app->compare_pane;
    char line[512];
    int n = snprintf(line, sizeof line, "%s%s%s (%s of total, %s of view) self %s (%s) depth %u",
                     v, name_count ? " " : "", name_count ? type_name : "", a, b, sv, c,
                     tree_depth(tree, app->selected));
    if (app->layout.hidden && n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, "  %llu narrow hidden",
                 (unsigned long long)app->layout.hidden);
    const char *hints = "?:help q:quit";
    int hint_w = (int)strlen(hints);
    int x = 0;
    if (app->message[0]) {
        x = frame_puts(f, 0, y2, f->cols, app->message, STYLE_STATUS_KEY);
        x += x ? 2 : 0;
    }
    if (type[0] && x < f->cols) {
        x += frame_puts(f, x, y2, f->cols - x, type, STYLE_STATUS_KEY);
        x += 1;
    }
    /* Names in the line (the type's) are untrusted: measure the display form. */
    int line_w = (int)utf8_display_width(line, strlen(line), f->ascii);
    /* Key hints only where they do not push the numbers off the line. */
    if (x + line_w + 2 + hint_w <= f->cols)
        frame_puts(f, f->cols - hint_w, y2, hint_w, hints, STYLE_STATUS_KEY);
    if (x < f->cols)
        frame_puts(f, x, y2, f->cols - x, line, STYLE_STATUS);
}

void app_draw(const struct app *app, struct frame *f)
{
    if (f->cols != app->cols || f->rows != app->rows)
        frame_resize(f, app->cols, app->rows);
    f->ascii = app->ascii;
    frame_clear(f, STYLE_DEFAULT);
    if (app->cols < 16 || app->rows < 4) {
        frame_puts(f, 0, 0, f->cols, "terminal too small", STYLE_ERROR);
        if (f->rows > 1)
            frame_puts(f, 0, 1, f->cols, "(need 16x4)", STYLE_ERROR);
        return;
    }
    if (app->help || app->info) {
        frame_clear(f, STYLE_HELP);
        panel_draw(app->help ? &app->help_panel : &app->info_panel, f, 0, f->rows);
        return;
    }
    /* At least 16x4 here: room for the breadcrumb, a graph row and the status. */
    draw_breadcrumb(app, f);
    draw_flame(app, f);
    if (app_sidebar_visible(app))
        draw_sidebar(app, f);
    draw_status(app, f);
}
