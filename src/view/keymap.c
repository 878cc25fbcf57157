/* keymap.c - default key bindings (one table) and config overrides. */
#include "flamex/view/keymap.h"

#include "flamex/view/keys.h"

#include <stdio.h>
#include <string.h>

/* The defaults: vim and less habits. The help screen lists them from here. */
static const struct keymap_entry keymap_defaults[] = {
    { 'k', ACTION_MOVE_UP },
    { KEYCODE_UP, ACTION_MOVE_UP },
    { 'j', ACTION_MOVE_DOWN },
    { KEYCODE_DOWN, ACTION_MOVE_DOWN },
    { 'h', ACTION_MOVE_LEFT },
    { KEYCODE_LEFT, ACTION_MOVE_LEFT },
    { 'l', ACTION_MOVE_RIGHT },
    { KEYCODE_RIGHT, ACTION_MOVE_RIGHT },
    { KEYCODE_ENTER, ACTION_ZOOM_IN },
    { KEYCODE_BACKSPACE, ACTION_ZOOM_BACK },
    { '[', ACTION_ZOOM_BACK },
    { ']', ACTION_ZOOM_FORWARD },
    { 'r', ACTION_ZOOM_RESET },
    { KEYCODE_PAGEUP, ACTION_PAGE_UP },
    { KEYCODE_CTRL('b'), ACTION_PAGE_UP },
    { KEYCODE_PAGEDOWN, ACTION_PAGE_DOWN },
    { KEYCODE_CTRL('f'), ACTION_PAGE_DOWN },
    { ' ', ACTION_PAGE_DOWN },
    { 'g', ACTION_SCROLL_TOP },
    { KEYCODE_HOME, ACTION_SCROLL_TOP },
    { 'G', ACTION_SCROLL_BOTTOM },
    { KEYCODE_END, ACTION_SCROLL_BOTTOM },
    { 'o', ACTION_TOGGLE_ORIENTATION },
    { 's', ACTION_TOGGLE_ORDER },
    { 't', ACTION_NEXT_SAMPLE_TYPE },
    { '/', ACTION_SEARCH },
    { 'n', ACTION_SEARCH_NEXT },
    { 'N', ACTION_SEARCH_PREV },
    { '#', ACTION_SEARCH_SELECTED },
    { KEYCODE_ESC, ACTION_SEARCH_CLEAR },
    { KEYCODE_CTRL('t'), ACTION_SEARCH_CASE },
    { 'H', ACTION_TOGGLE_SIDEBAR },
    { 'S', ACTION_SIDEBAR_LIST },
    { 'c', ACTION_SIDEBAR_RANK },
    { 'z', ACTION_SIDEBAR_SCOPE },
    { KEYCODE_TAB, ACTION_FOCUS },
    { KEYCODE_BACKTAB, ACTION_FOCUS },
    { 'p', ACTION_TOGGLE_SHAPES },
    { 'd', ACTION_COMPARE_VIEW },
    { 'w', ACTION_COMPARE_PANE },
    { 'b', ACTION_COMPARE_WIDTH },
    { 'm', ACTION_COMPARE_NORMALISE },
    { 'i', ACTION_INFO },
    { '?', ACTION_HELP },
    { KEYCODE_F1, ACTION_HELP },
    { KEYCODE_CTRL('l'), ACTION_REDRAW },
    { 'q', ACTION_QUIT },
    { 'Q', ACTION_QUIT },
};

void keymap_init(struct keymap *km)
{
    km->count = 0;
    for (size_t i = 0; i < sizeof keymap_defaults / sizeof keymap_defaults[0]; i++)
        km->entries[km->count++] = keymap_defaults[i];
}

bool keymap_bind(struct keymap *km, int key, enum action_id action)
{
    for (size_t i = 0; i < km->count; i++) {
        if (km->entries[i].key == key) {
            if (action == ACTION_NONE) {
                memmove(&km->entries[i], &km->entries[i + 1],
                        (km->count - i - 1) * sizeof km->entries[0]);
                km->count--;
            } else {
                km->entries[i].action = action;
            }
            return true;
        }
    }
    if (action == ACTION_NONE)
        return true;
    if (km->count == KEYMAP_MAX)
        return false;
    km->entries[km->count++] = (struct keymap_entry){ key, action };
    return true;
}

enum action_id keymap_lookup(const struct keymap *km, int key)
{
    for (size_t i = 0; i < km->count; i++)
        if (km->entries[i].key == key)
            return km->entries[i].action;
    return ACTION_NONE;
}

size_t keymap_keys_for(const struct keymap *km, enum action_id action, int *keys, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < km->count; i++) {
        if (km->entries[i].action != action)
            continue;
        if (n < cap)
            keys[n] = km->entries[i].key;
        n++;
    }
    return n;
}

int keymap_apply_config(struct keymap *km, const struct config *config, const char *path,
                        error_report_fn *report, void *ctx)
{
    int problems = 0;
    for (size_t i = 0; i < config->nbindings; i++) {
        const struct config_binding *b = &config->bindings[i];
        struct error_record err;
        error_clear(&err);
        int key = keys_parse_one(b->key, strlen(b->key));
        enum action_id action = strcmp(b->action, "none") == 0 ? ACTION_NONE : action_find(b->action);
        if (key == KEYCODE_NONE)
            error_set(&err, path, b->line, "unknown key '%s' (use vim notation, e.g. j, <C-n>, <PageUp>)",
                      b->key);
        else if (action == ACTION_NONE && strcmp(b->action, "none") != 0)
            error_set(&err, path, b->line, "unknown action '%s' for key '%s'", b->action, b->key);
        else if (!keymap_bind(km, key, action))
            error_set(&err, path, b->line, "too many key bindings (at most %d)", KEYMAP_MAX);
        else
            continue;
        err.column = b->column;
        problems++;
        if (report)
            report(ctx, &err);
    }
    return problems;
}
