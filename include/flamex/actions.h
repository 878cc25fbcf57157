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
    X(NEXT_SAMPLE_TYPE, "next-sample-type", "Show the next sample type (e.g. samples and cpu, or before and after)") \
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
