/* actions.h - every user action, defined once: id, name (for the config file)
 * and help text (for the help screen). Keys map to these (keymap.h); only
 * app_apply acts on them. Adding an action here adds it to help and config. */
#ifndef FLAMEX_ACTIONS_H
#define FLAMEX_ACTIONS_H

#define ACTION_LIST(X)                                                                       \
    X(MOVE_UP, "move-up", "Select the frame above (a callee in flame view, the caller in icicle view)") \
    X(MOVE_DOWN, "move-down", "Select the frame below (the caller in flame view, a callee in icicle view)") \
    X(MOVE_LEFT, "move-left", "Select the neighbouring frame to the left on the same row")   \
    X(MOVE_RIGHT, "move-right", "Select the neighbouring frame to the right on the same row") \
    X(ZOOM_IN, "zoom-in", "Zoom into the selected frame (it fills the width)")              \
    X(ZOOM_BACK, "zoom-back", "Go back to the previous zoom")                               \
    X(ZOOM_FORWARD, "zoom-forward", "Go forward again after going back")                   \
    X(ZOOM_RESET, "zoom-reset", "Zoom out to the whole profile")                           \
    X(PAGE_UP, "page-up", "Scroll up one screen")                                           \
    X(PAGE_DOWN, "page-down", "Scroll down one screen")                                     \
    X(SCROLL_TOP, "scroll-top", "Scroll to the top")                                        \
    X(SCROLL_BOTTOM, "scroll-bottom", "Scroll to the bottom")                               \
    X(TOGGLE_ORIENTATION, "toggle-orientation", "Switch between flame (root at the bottom) and icicle (root at the top)") \
    X(TOGGLE_ORDER, "toggle-order", "Order siblings alphabetically or heaviest first")     \
    X(NEXT_SAMPLE_TYPE, "next-sample-type", "Show the next sample type (e.g. samples and cpu; compare mode: the next pair, matched by name)") \
    X(SEARCH, "search", "Search frame names (PCRE2; smart case): matches light up as you type; Enter keeps, Esc clears") \
    X(SEARCH_NEXT, "search-next", "Select the next matching frame (left to right, root upwards; zooms out if it lies outside)") \
    X(SEARCH_PREV, "search-prev", "Select the previous matching frame")                    \
    X(SEARCH_SELECTED, "search-selected", "Search for the selected frame's exact name")    \
    X(SEARCH_CLEAR, "search-clear", "Clear the search (with none, give the keys back to the graph)") \
    X(SEARCH_CASE, "search-case", "Cycle the search's case mode: smart, sensitive, insensitive (also in the prompt)") \
    X(TOGGLE_SIDEBAR, "toggle-sidebar", "Show or hide the sidebar: hot functions, or plateaus and towers (compare mode: the change list)") \
    X(SIDEBAR_LIST, "sidebar-list", "Switch the sidebar between the hot functions and the shapes (plateaus, towers)") \
    X(SIDEBAR_RANK, "sidebar-rank", "Rank the hot functions (compare mode: the change list) by self (flat) or by total (cum)") \
    X(SIDEBAR_SCOPE, "sidebar-scope", "Rank within the whole profile or the zoomed frame (hot list, shapes, change list)") \
    X(FOCUS, "focus", "Move the keyboard focus between the graph and the sidebar")          \
    X(TOGGLE_SHAPES, "toggle-shapes", "Highlight plateaus (wide bars burning time themselves) and towers (narrow, deep columns)") \
    X(COMPARE_VIEW, "compare-view", "Compare mode: switch between the two panes side by side and the differential flamegraph") \
    X(COMPARE_PANE, "compare-pane", "Compare mode: give the keys to the other pane (BEFORE or AFTER)") \
    X(COMPARE_WIDTH, "compare-width", "Differential view: take widths from AFTER, BEFORE or the larger of the two") \
    X(COMPARE_NORMALISE, "compare-normalise", "Compare mode: normalised (BEFORE scaled to AFTER's total, changes of share) or raw") \
    X(INFO, "info", "Show the profile's header: file, format, sample types, period, time, duration") \
    X(HELP, "help", "Show or hide this help")                                              \
    X(REDRAW, "redraw", "Redraw the screen")                                                \
    X(QUIT, "quit", "Quit flamex")

enum action_id {
    ACTION_NONE = 0,
#define ACTION_ENUM(id, name, help) ACTION_##id,
    ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
    ACTION_COUNT
};

/* Config name of an action ("zoom-in"); "" for ACTION_NONE. */
const char *action_name(enum action_id id);

/* One-line help text of an action. */
const char *action_help(enum action_id id);

/* Action with the given config name, or ACTION_NONE. */
enum action_id action_find(const char *name);

#endif
