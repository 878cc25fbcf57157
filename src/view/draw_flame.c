/* draw_flame.c - the flamegraph rows: bars, labels, colours by frame name,
 * search matches and shapes. */
#include "flamex/analysis/diff.h"
#include "flamex/base/hash.h"
#include "flamex/config/style.h"
#include "flamex/config/theme.h"

#include <math.h>
#include <string.h>

#include "draw_internal.h"

/* Kind of a frame from FlameGraph's annotations: _[k] kernel, _[j] JIT, _[i]
 * inlined; or from the tree's flags: a pprof frame only ever reached inlined
 * into its caller (pprof's "(inline)") is drawn as inlined too. */
static int draw_frame_kind(const char *name, size_t len, uint32_t flags)
{
    if ((flags & (TREE_FLAG_INLINED | TREE_FLAG_CALLED)) == TREE_FLAG_INLINED)
        return STYLE_KIND_INLINED;
    if (len >= 4 && name[len - 4] == '_' && name[len - 3] == '[' && name[len - 1] == ']') {
        switch (name[len - 2]) {
        case 'k': return STYLE_KIND_KERNEL;
        case 'j': return STYLE_KIND_JIT;
        case 'i': return STYLE_KIND_INLINED;
        default: break;
        }
    }
    return STYLE_KIND_FLAME;
}

/* Style of a frame bar: stable per name, so a function has one colour everywhere. */
static int draw_frame_style(const char *name, size_t len, uint32_t flags)
{
    return theme_frame_style(draw_frame_kind(name, len, flags), hash_bytes(name, len));
}

/* The differential view's colour scale: the largest change of any frame
 * laid out (the zoom's ancestors aside), so the strongest shade is the
 * biggest change on screen. */
static double draw_diff_max(const struct app *app)
{
    const struct layout *l = &app->layout;
    double max = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (l->spans[i].ancestor)
            continue;
        double d = fabs(diff_change(app->profile, diff_pair_of(app->type), l->spans[i].node,
                                    app->diff_normalise));
        if (d > max)
            max = d;
    }
    return max;
}

/* Style of a bar in the differential view: red levels for growth, blue for
 * shrinkage, by the size of the change against max; grey when unchanged. */
static uint16_t draw_diff_style(const struct app *app, uint32_t node, double max)
{
    double d = diff_change(app->profile, diff_pair_of(app->type), node, app->diff_normalise);
    double ref = tree_total(app->profile->tree, app->zoom, app->type);
    if (max <= 0 || fabs(d) <= 1e-9 * (fabs(ref) > 1 ? fabs(ref) : 1))
        return STYLE_DIFF_SAME;
    int level = (int)(fabs(d) / max * STYLE_SHADES);
    if (level >= STYLE_SHADES)
        level = STYLE_SHADES - 1;
    return (uint16_t)((d > 0 ? STYLE_GROW_BASE : STYLE_SHRINK_BASE) + level);
}

void draw_flame(const struct app *app, struct frame *f)
{
    const struct layout *l = &app->layout;
    const uint8_t *marks = app->shapes_on ? app->cache.marks : NULL;
    double diff_max = app->differential ? draw_diff_max(app) : 0;
    for (int y = APP_GRAPH_TOP; y < APP_GRAPH_TOP + app_graph_rows(app); y++) {
        long row = app_row_at_y(app, y);
        if (row < 0)
            continue;
        for (size_t i = l->row_start[row]; i < l->row_start[row + 1]; i++) {
            const struct layout_span *s = &l->spans[i];
            size_t len;
            const char *name = profile_node_name(app->profile, s->node, &len);
            uint8_t mark = marks ? marks[s->node] : 0;
            uint16_t style;
            /* The selection first, then what the user asked to see: matches,
             * then shapes; ancestors of the zoom are dimmed. */
            if (s->node == app->selected)
                style = STYLE_SELECTED;
            else if (search_node_matches(&app->search, app->profile, s->node))
                style = STYLE_MATCH;
            else if (mark & APP_MARK_PLATEAU)
                style = STYLE_PLATEAU;
            else if (mark & APP_MARK_TOWER)
                style = STYLE_TOWER;
            else if (s->ancestor)
                style = STYLE_ANCESTOR;
            else if (app->differential)
                style = draw_diff_style(app, s->node, diff_max);
            else
                style = (uint16_t)draw_frame_style(name, len,
                                                   tree_flags(app->profile->tree, s->node));
            frame_fill(f, s->x, y, s->width, ' ', style);
            if (s->width >= 2)
                frame_text(f, s->x, y, s->width, name, len, style);
        }
    }
}
