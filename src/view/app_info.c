/* app_info.c - the profile information panel, built into a panel (panel.h)
 * whenever what it shows changes: the config and theme problems (if any),
 * pprof's header lines (info.h), the sample
 * types with their totals, and what is known about the selected frame (its
 * values and whether it was inlined). The content is a list of lines: adding
 * one is one call. Everything from the profile goes through the panel, which
 * sanitises it. */
#include "flamex/analysis/info.h"
#include "flamex/base/numfmt.h"
#include "flamex/config/style.h"
#include "flamex/base/utf8.h"
#include "flamex/base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"

/* Where the next line goes. */
struct info_pen {
    struct panel *p;
    int cols;
    int y; /* next line */
};

/* Add raw text from column x, wrapped to the panel's width with a hanging
 * indent. */
static void info_text(struct info_pen *pen, int x, const char *text, size_t len, uint16_t style)
{
    pen->y += panel_wrap(pen->p, pen->y, x, pen->cols - x - 1, 2, text, len, style);
}

static void info_puts(struct info_pen *pen, int x, const char *text, uint16_t style)
{
    info_text(pen, x, text, strlen(text), style);
}

/* "name (unit)" of sample type t as raw bytes (the name is the profile's). */
static void info_type_label(const struct profile *prof, size_t t, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s (%s)", profile_type_name(prof, t), profile_type_unit(prof, t));
}

/* One line per sample type: a marker on the current one, its total (right
 * aligned), and whether it is the current and the profile's default type. */
static void info_types(const struct app *app, struct info_pen *pen)
{
    const struct profile *prof = app->profile;
    struct panel *p = pen->p;
    info_puts(pen, 1, "Sample types", STYLE_HELP_TITLE);
    char label[320], total[64];
    int name_w = 0, total_w = 0;
    for (size_t t = 0; t < prof->ntypes; t++) {
        info_type_label(prof, t, label, sizeof label);
        int w = (int)utf8_display_width(label, strlen(label), p->ascii);
        if (w > name_w)
            name_w = w;
        numfmt_unit(total, sizeof total, tree_total(prof->tree, TREE_ROOT, t),
                    profile_type_unit(prof, t));
        w = (int)strlen(total); /* digits, a point and a unit name: ASCII */
        if (w > total_w)
            total_w = w;
    }
    int room = pen->cols - 3 - 2 - total_w - 20; /* leave room for the total and the tags */
    if (name_w > room)
        name_w = room > 12 ? room : 12;
    for (size_t t = 0; t < prof->ntypes; t++, pen->y++) {
        bool current = t == app->type, dflt = t == prof->default_type;
        uint16_t style = current ? STYLE_HELP_KEY : STYLE_HELP;
        if (current)
            panel_puts(p, pen->y, 1, 1, p->ascii ? ">" : "\xe2\x96\xb8", STYLE_HELP_KEY);
        info_type_label(prof, t, label, sizeof label);
        panel_puts(p, pen->y, 3, name_w, label, style);
        numfmt_unit(total, sizeof total, tree_total(prof->tree, TREE_ROOT, t),
                    profile_type_unit(prof, t));
        int w = (int)strlen(total);
        int x = 3 + name_w + 2;
        panel_puts(p, pen->y, x + total_w - w, pen->cols - x, total, style);
        x += total_w + 2;
        char tags[32];
        snprintf(tags, sizeof tags, "%s%s%s", current ? "current" : "",
                 current && dflt ? ", " : "", dflt ? "default" : "");
        if (tags[0] && x < pen->cols)
            panel_puts(p, pen->y, x, pen->cols - x, tags, STYLE_HELP);
    }
}

/* The selected frame: its name with pprof's inline note, its values in the
 * current sample type, and what the note means. */
static void info_selected(const struct app *app, struct info_pen *pen)
{
    const struct profile *prof = app->profile;
    const struct tree *tree = prof->tree;
    uint32_t node = app->selected;
    size_t t = app->type;
    const char *unit = profile_type_unit(prof, t);
    info_puts(pen, 1, "Selected frame", STYLE_HELP_TITLE);

    size_t len;
    const char *name = profile_node_name(prof, node, &len);
    const char *note = tree_inline_note(tree, node);
    size_t note_len = note ? strlen(note) + 1 : 0;
    char *line = xmalloc(len + note_len + 1);
    memcpy(line, name, len);
    if (note) {
        line[len] = ' ';
        memcpy(line + len + 1, note, note_len - 1);
    }
    info_text(pen, 3, line, len + note_len, STYLE_HELP_KEY);
    free(line);

    double total = tree_total(tree, node, t), all = tree_total(tree, TREE_ROOT, t);
    double self = tree_self(tree, node, t);
    char v[64], sv[64], a[32], c[32];
    numfmt_unit(v, sizeof v, total, unit);
    numfmt_unit(sv, sizeof sv, self, unit);
    numfmt_share(a, sizeof a, total, all);
    numfmt_share(c, sizeof c, self, all);
    const char *type = profile_type_name(prof, t);
    size_t cap = strlen(type) + 256;
    char *values = xmalloc(cap);
    snprintf(values, cap, "Total %s (%s), self %s (%s), depth %u, in %s", v, a, sv, c,
             tree_depth(tree, node), type);
    info_text(pen, 3, values, strlen(values), STYLE_HELP);
    free(values);

    uint32_t flags = tree_flags(tree, node);
    if ((flags & TREE_FLAG_INLINED) && (flags & TREE_FLAG_CALLED))
        info_puts(pen, 3,
                  "(partial-inline): inlined into its caller in some samples, a real call in "
                  "others",
                  STYLE_HELP);
    else if (flags & TREE_FLAG_INLINED)
        info_puts(pen, 3, "(inline): inlined into its caller (no call of its own)", STYLE_HELP);
    else if (flags & TREE_FLAG_CALLED)
        info_puts(pen, 3, "Not inlined: a real call", STYLE_HELP);
}

/* The config and theme problems (app_options.notes), each as reported on
 * stderr, with a blank line after them; nothing when there are none. */
static void info_notes(const struct app *app, struct info_pen *pen)
{
    if (!app->notes || !app->notes->count)
        return;
    info_puts(pen, 1, "Problems in the config and theme (defaults used instead)", STYLE_HELP_TITLE);
    for (size_t i = 0; i < app->notes->count; i++)
        info_puts(pen, 3, app->notes->lines[i], STYLE_HELP);
    pen->y++;
}

void app_info_build(struct panel *p, const struct app *app)
{
    panel_begin(p, app->cols, app->ascii);
    struct info_pen pen = { p, app->cols, 0 };
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
}
