/* style.h - semantic style ids: what drawing code says a cell is.
 *
 * The drawing code never picks colours; it tags each cell with one of these ids
 * and the theme maps ids to colours and attributes for the terminal's colour
 * tier. Frame bars use a range of shades per kind of frame, the shade chosen
 * from the frame name, so one function has one colour in every run and pane.
 */
#ifndef FLAMEX_STYLE_H
#define FLAMEX_STYLE_H

#define STYLE_SHADES 8

enum style_id {
    STYLE_DEFAULT = 0,                                   /* empty screen area */
    STYLE_FLAME_BASE = 1,                                /* + shade: ordinary frames (warm) */
    STYLE_KERNEL_BASE = STYLE_FLAME_BASE + STYLE_SHADES, /* + shade: frames ending in _[k] */
    STYLE_JIT_BASE = STYLE_KERNEL_BASE + STYLE_SHADES,   /* + shade: frames ending in _[j] */
    STYLE_INLINED_BASE = STYLE_JIT_BASE + STYLE_SHADES,  /* + shade: frames ending in _[i] */
    STYLE_GROW_BASE = STYLE_INLINED_BASE + STYLE_SHADES, /* + level: differential view, the
                                                            frame grew (0 least .. 7 most) */
    STYLE_SHRINK_BASE = STYLE_GROW_BASE + STYLE_SHADES,  /* + level: the frame shrank */
    STYLE_ANCESTOR = STYLE_SHRINK_BASE + STYLE_SHADES,   /* frames below the zoom root */
    STYLE_SELECTED,     /* the selected frame */
    STYLE_MATCH,        /* a frame matching the search */
    STYLE_STATUS,       /* status lines */
    STYLE_STATUS_KEY,   /* key hints and emphasis in the status lines */
    STYLE_BREADCRUMB,   /* the zoom path */
    STYLE_HELP,         /* help screen text */
    STYLE_HELP_KEY,     /* key names on the help screen */
    STYLE_HELP_TITLE,   /* headings on the help screen */
    STYLE_ERROR,        /* error and warning messages */
    STYLE_PLATEAU,      /* a plateau frame, when shapes are highlighted */
    STYLE_TOWER,        /* a frame in a tower's column, when shapes are highlighted */
    STYLE_SIDEBAR,      /* sidebar text and its border */
    STYLE_SIDEBAR_TITLE,  /* the sidebar's title and column headings */
    STYLE_SIDEBAR_CURSOR, /* the sidebar's cursor row while the sidebar has the focus */
    STYLE_SIDEBAR_MARK,   /* the sidebar's cursor row while the graph has the focus */
    STYLE_DIFF_SAME,      /* differential view: a frame whose value did not change */
    STYLE_COUNT
};

/* Kinds of frame bars, each with STYLE_SHADES shades. */
enum style_kind {
    STYLE_KIND_FLAME,
    STYLE_KIND_KERNEL,
    STYLE_KIND_JIT,
    STYLE_KIND_INLINED,
    STYLE_KIND_GROW,   /* the differential view's growth levels (shade = level, not a hash) */
    STYLE_KIND_SHRINK, /* and its shrink levels */
    STYLE_KIND_COUNT
};

#endif
