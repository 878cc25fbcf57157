/* draw_info.c - the profile information panel: the config and theme problems
 * (if any), pprof's header lines (info.h), the sample types with their totals,
 * and what is known about the selected frame (its values and whether it was
 * inlined). Everything from the profile
 * is drawn through draw_wrapped or frame_text, which sanitise it. */
#include "flamex/analysis/info.h"
#include "flamex/base/numfmt.h"
#include "flamex/config/style.h"
#include "flamex/base/utf8.h"
#include "flamex/base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"

/* Where the next row goes; with no frame the panel is only measured. */
struct info_pen {
    struct frame *f; /* NULL: count rows, draw nothing */
    bool ascii;
    int cols;
    int y; /* next row on screen (the scroll already applied) */
};

/* Write raw text from column x, wrapped to the panel's width with a hanging
 * indent. */
static void info_text(struct info_pen *p, int x, const char *text, size_t len, uint16_t style)
{
    int width = p->cols - x - 1;
    if (p->f)
        p->y += draw_wrapped(p->f, x, p->y, width, 2, text, len, style);
    else
        p->y += draw_wrapped_rows(p->ascii, width, 2, text, len);
}

static void info_puts(struct info_pen *p, int x, const char *text, uint16_t style)
{
    info_text(p, x, text, strlen(text), style);
}

/* "name (unit)" of sample type t as raw bytes (the name is the profile's). */
static void info_type_label(const struct app *app, size_t t, char *buf, size_t cap)
{
    const char *name = app->profile->types[t].name;
    snprintf(buf, cap, "%s (%s)", name ? name : "", draw_type_unit(app, t));
}

/* One row per sample type: a marker on the current one, its total (right
 * aligned), and whether it is the current and the profile's default type. */
static void info_types(const struct app *app, struct info_pen *p)
{
    const struct profile *prof = app->profile;
    info_puts(p, 1, "Sample types", STYLE_HELP_TITLE);
    char label[320], total[64];
    int name_w = 0, total_w = 0;
    for (size_t t = 0; t < prof->ntypes; t++) {
        info_type_label(app, t, label, sizeof label);
        int w = (int)utf8_display_width(label, strlen(label), p->ascii);
        if (w > name_w)
            name_w = w;
        numfmt_unit(total, sizeof total, tree_total(prof->tree, TREE_ROOT, t),
                    draw_type_unit(app, t));
        w = (int)strlen(total); /* digits, a point and a unit name: ASCII */
        if (w > total_w)
            total_w = w;
    }
    int room = p->cols - 3 - 2 - total_w - 20; /* leave room for the total and the tags */
    if (name_w > room)
        name_w = room > 12 ? room : 12;
    for (size_t t = 0; t < prof->ntypes; t++, p->y++) {
        if (!p->f)
            continue;
        bool current = t == app->type, dflt = t == prof->default_type;
        uint16_t style = current ? STYLE_HELP_KEY : STYLE_HELP;
        if (current)
            frame_puts(p->f, 1, p->y, 1, p->ascii ? ">" : "\xe2\x96\xb8", STYLE_HELP_KEY);
        info_type_label(app, t, label, sizeof label);
        frame_puts(p->f, 3, p->y, name_w, label, style);
        numfmt_unit(total, sizeof total, tree_total(prof->tree, TREE_ROOT, t),
                    draw_type_unit(app, t));
        int w = (int)strlen(total);
        int x = 3 + name_w + 2;
        frame_puts(p->f, x + total_w - w, p->y, p->cols - x, total, style);
        x += total_w + 2;
        char tags[32];
        snprintf(tags, sizeof tags, "%s%s%s", current ? "current" : "",
                 current && dflt ? ", " : "", dflt ? "default" : "");
        if (tags[0] && x < p->cols)
            frame_puts(p->f, x, p->y, p->cols - x, tags, STYLE_HELP);
    }
}

/* The selected frame: its name with pprof's inline note, its values in the
 * current sample type, and what the note means. */
static void info_selected(const struct app *app, struct info_pen *p)
{
    const struct profile *prof = app->profile;
    const struct tree *tree = prof->tree;
    uint32_t node = app->selected;
    size_t t = app->type;
    const char *unit = draw_type_unit(app, t);
    info_puts(p, 1, "Selected frame", STYLE_HELP_TITLE);

    size_t len;
    const char *name = profile_node_name(prof, node, &len);
    const char *note = draw_inline_note(app, node);
    size_t note_len = note ? strlen(note) + 1 : 0;
    char *line = xmalloc(len + note_len + 1);
    memcpy(line, name, len);
    if (note) {
        line[len] = ' ';
        memcpy(line + len + 1, note, note_len - 1);
    }
    info_text(p, 3, line, len + note_len, STYLE_HELP_KEY);
    free(line);

    double total = tree_total(tree, node, t), all = tree_total(tree, TREE_ROOT, t);
    double self = tree_self(tree, node, t);
    char v[64], sv[64], pa[32], ps[32];
    numfmt_unit(v, sizeof v, total, unit);
    numfmt_unit(sv, sizeof sv, self, unit);
    numfmt_percent(pa, sizeof pa, total, all);
    numfmt_percent(ps, sizeof ps, self, all);
    const char *a = pa, *c = ps;
    while (*a == ' ')
        a++;
    while (*c == ' ')
        c++;
    const char *type = prof->types[t].name ? prof->types[t].name : "";
    size_t cap = strlen(type) + 256;
    char *values = xmalloc(cap);
    snprintf(values, cap, "Total %s (%s), self %s (%s), depth %u, in %s", v, a, sv, c,
             tree_depth(tree, node), type);
    info_text(p, 3, values, strlen(values), STYLE_HELP);
    free(values);

    uint32_t flags = tree_flags(tree, node);
    if ((flags & TREE_FLAG_INLINED) && (flags & TREE_FLAG_CALLED))
        info_puts(p, 3,
                  "(partial-inline): inlined into its caller in some samples, a real call in "
                  "others",
                  STYLE_HELP);
    else if (flags & TREE_FLAG_INLINED)
        info_puts(p, 3, "(inline): inlined into its caller (no call of its own)", STYLE_HELP);
    else if (flags & TREE_FLAG_CALLED)
        info_puts(p, 3, "Not inlined: a real call", STYLE_HELP);
}

/* The config and theme problems (app_options.notes), each as reported on
 * stderr, with a blank row after them; nothing when there are none. */
static void info_notes(const struct app *app, struct info_pen *p)
{
    if (!app->notes || !app->notes->count)
        return;
    info_puts(p, 1, "Problems in the config and theme (defaults used instead)", STYLE_HELP_TITLE);
    for (size_t i = 0; i < app->notes->count; i++)
        info_puts(p, 3, app->notes->lines[i], STYLE_HELP);
    p->y++;
}

/* Draw (or measure) the panel from row y; returns the row after its end. */
static int info_render(const struct app *app, struct frame *f, bool ascii, int cols, int y)
{
    struct info_pen pen = { f, ascii, cols, y };
    info_puts(&pen, 1,
              app->compare_pane ? "Profile information (i, q or Esc closes; j/k scroll)"
                                : "Profile information (i, q or Esc closes; j/k scroll; t: next sample type)",
              STYLE_HELP_TITLE);
    pen.y++;
    info_notes(app, &pen);
    struct info_lines lines;
    info_header_lines(app->profile, app->type, NULL, &lines);
    for (size_t i = 0; i < lines.count; i++)
        info_puts(&pen, 1, lines.lines[i], STYLE_HELP);
    info_lines_free(&lines);
    pen.y++;
    info_types(app, &pen);
    pen.y++;
    info_selected(app, &pen);
    return pen.y;
}

void draw_info(const struct app *app, struct frame *f)
{
    frame_clear(f, STYLE_HELP);
    info_render(app, f, f->ascii, f->cols, -app->info_scroll);
}

int draw_info_rows(const struct app *app)
{
    return info_render(app, NULL, app->ascii, app->cols, 0);
}
