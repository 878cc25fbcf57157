/* draw_flame.c - the flamegraph rows: bars, labels, colours by frame name,
 * search matches and shapes. */
#include "flamex/hash.h"
#include "flamex/style.h"
#include "flamex/theme.h"

#include <string.h>

#include "app_internal.h"

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

void draw_flame(struct app *app, struct frame *f)
{
    const struct layout *l = &app->layout;
    const uint8_t *marks = NULL;
    if (app->shapes_on) {
        app_shapes_refresh(app);
        marks = app->cache.marks;
    }
    int rows = app_graph_rows(app);
    int pad = app_pad(app);
    for (int screen = 0; screen < rows; screen++) {
        int line = screen - pad + app->scroll;
        if (line < 0 || line >= (int)l->rows)
            continue;
        uint32_t row = app->icicle ? (uint32_t)line : l->rows - 1 - (uint32_t)line;
        int y = APP_GRAPH_TOP + screen;
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
            else
                style = (uint16_t)draw_frame_style(name, len,
                                                   tree_flags(app->profile->tree, s->node));
            frame_fill(f, s->x, y, s->width, ' ', style);
            if (s->width >= 2)
                frame_text(f, s->x, y, s->width, name, len, style);
        }
    }
}
