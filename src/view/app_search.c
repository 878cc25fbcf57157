/* app_search.c - the viewer's search: the / prompt (matches update as you
 * type), n/N in screen order, # for the selected name, case modes and the
 * cached "Matched" totals. The matching itself is search.c's. */
#include "flamex/view/keys.h"
#include "flamex/model/strtab.h"

#include <stdio.h>
#include <string.h>

#include "app_internal.h"

bool app_search_active(const struct app *app)
{
    return app->search.pattern && app->search.pattern[0];
}

/* The freshly compiled scratch search becomes the one in effect. */
static void app_search_take_scratch(struct app *app)
{
    struct search old = app->search;
    app->search = app->cache.scratch;
    app->cache.scratch = old;
    app->cache.search_gen++;
    app->search_name = STRTAB_NONE;
}

static void app_search_drop(struct app *app)
{
    if (!app->search.pattern && !app->search.matches)
        return;
    search_clear(&app->search);
    app->cache.search_gen++;
    app->search_name = STRTAB_NONE;
}

void app_search_free(struct app *app)
{
    search_clear(&app->search);
    search_clear(&app->cache.scratch);
}

static const char *app_case_name(enum search_case mode)
{
    switch (mode) {
    case SEARCH_CASE_SENSITIVE: return "case-sensitive";
    case SEARCH_CASE_INSENSITIVE: return "ignoring case";
    case SEARCH_CASE_SMART: break;
    }
    return "smart case";
}

unsigned app_search_open(struct app *app)
{
    struct app_prompt *pr = &app->prompt;
    pr->open = true;
    pr->edited = false;
    pr->len = 0;
    pr->text[0] = '\0';
    pr->error[0] = '\0';
    pr->invalid = false;
    return VIEW_REDRAW;
}

/* Search for what the prompt holds; an invalid pattern keeps the search in
 * effect and records why in the prompt. */
static void app_prompt_update(struct app *app)
{
    struct app_prompt *pr = &app->prompt;
    pr->edited = true;
    pr->error[0] = '\0';
    pr->invalid = false;
    if (pr->len == 0) {
        app_search_drop(app);
        return;
    }
    if (search_set(&app->cache.scratch, app->profile, pr->text, app->search_case)) {
        app_search_take_scratch(app);
        /* A valid pattern may still come with a warning (names that gave up
         * at the match limit). */
        snprintf(pr->error, sizeof pr->error, "%s", app->search.error);
    } else {
        pr->invalid = true;
        snprintf(pr->error, sizeof pr->error, "%s",
                 app->cache.scratch.error[0] ? app->cache.scratch.error : "invalid pattern");
    }
}

/* Append the code point key to the prompt as UTF-8 (if it fits). */
static bool app_prompt_append(struct app_prompt *pr, int key)
{
    char u[4];
    size_t n;
    uint32_t cp = (uint32_t)key;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    if (pr->len + n >= sizeof pr->text)
        return false;
    memcpy(pr->text + pr->len, u, n);
    pr->len += n;
    pr->text[pr->len] = '\0';
    return true;
}

/* A key that types itself: a code point that is not a control character. */
static bool app_key_printable(int key)
{
    return key >= 0x20 && key < KEYCODE_SPECIAL && key != 0x7f && !(key >= 0x80 && key < 0xa0) &&
           !(key >= 0xd800 && key <= 0xdfff);
}

static enum search_case app_next_case(enum search_case mode)
{
    switch (mode) {
    case SEARCH_CASE_SMART: return SEARCH_CASE_SENSITIVE;
    case SEARCH_CASE_SENSITIVE: return SEARCH_CASE_INSENSITIVE;
    case SEARCH_CASE_INSENSITIVE: break;
    }
    return SEARCH_CASE_SMART;
}

unsigned app_prompt_key(struct app *app, int key)
{
    struct app_prompt *pr = &app->prompt;
    app->message[0] = '\0';
    if (key == KEYCODE_ENTER) {
        pr->open = false;
        if (pr->edited && pr->invalid)
            snprintf(app->message, sizeof app->message, "Invalid pattern (%.120s): kept %s%.100s",
                     pr->error, app_search_active(app) ? "/" : "no search",
                     app_search_active(app) ? app->search.pattern : "");
        return VIEW_REDRAW;
    }
    if (key == KEYCODE_ESC) {
        pr->open = false;
        app_search_drop(app);
        return VIEW_REDRAW;
    }
    if (key == KEYCODE_BACKSPACE) {
        if (pr->len == 0)
            return 0;
        do /* back over UTF-8 continuation bytes to the start of the last character */
            pr->len--;
        while (pr->len > 0 && ((unsigned char)pr->text[pr->len] & 0xC0) == 0x80);
        pr->text[pr->len] = '\0';
        app_prompt_update(app);
        return VIEW_REDRAW;
    }
    if (key == KEYCODE_CTRL('u')) {
        pr->len = 0;
        pr->text[0] = '\0';
        app_prompt_update(app);
        return VIEW_REDRAW;
    }
    if (app_key_printable(key)) {
        if (!app_prompt_append(pr, key))
            return 0;
        app_prompt_update(app);
        return VIEW_REDRAW;
    }
    if (keymap_lookup(app->keymap, key) == ACTION_SEARCH_CASE) {
        app->search_case = app_next_case(app->search_case);
        if (pr->len)
            app_prompt_update(app);
        return VIEW_REDRAW;
    }
    return 0; /* other keys do nothing while typing */
}

unsigned app_search_cycle_case(struct app *app)
{
    app->search_case = app_next_case(app->search_case);
    /* An exact-name search stays exact: the mode is for the next pattern. */
    if (app_search_active(app) && app->search_name == STRTAB_NONE &&
        search_set(&app->cache.scratch, app->profile, app->search.pattern, app->search_case))
        app_search_take_scratch(app);
    bool smart = app->search_case == SEARCH_CASE_SMART && app->search_name == STRTAB_NONE;
    snprintf(app->message, sizeof app->message, "Search: %s%s", app_case_name(app->search_case),
             !smart || !app_search_active(app) ? ""
             : app->search.ignore_case       ? " (ignoring case: no capitals)"
                                             : " (case-sensitive: the pattern has a capital)");
    return VIEW_REDRAW;
}

bool app_search_name(struct app *app, uint32_t name)
{
    if (name == STRTAB_NONE || name >= strtab_count(app->profile->names)) {
        snprintf(app->message, sizeof app->message, "The root is not a function: no name to search for");
        return false;
    }
    size_t len;
    const char *bytes = strtab_get(app->profile->names, name, &len);
    if (!search_set_literal(&app->cache.scratch, app->profile, bytes, len)) {
        snprintf(app->message, sizeof app->message, "Cannot search for this name: %.200s",
                 app->cache.scratch.error);
        return false;
    }
    app_search_take_scratch(app);
    app->search_name = name;
    return true;
}

void app_search_copy(struct app *to, const struct app *from)
{
    to->search_case = from->search_case;
    if (from->search_name != STRTAB_NONE)
        app_search_name(to, from->search_name);
    else if (!app_search_active(from))
        app_search_drop(to);
    else if (search_set(&to->cache.scratch, to->profile, from->search.pattern, from->search_case))
        app_search_take_scratch(to);
    app_settle(to);
}

unsigned app_search_selected(struct app *app)
{
    app_search_name(app, tree_name(app->profile->tree, app->selected));
    return VIEW_REDRAW;
}

unsigned app_search_clear(struct app *app)
{
    if (app_search_active(app)) {
        app_search_drop(app);
        snprintf(app->message, sizeof app->message, "Search cleared");
        return VIEW_REDRAW;
    }
    if (app->focus == APP_FOCUS_SIDEBAR) {
        app->focus = APP_FOCUS_GRAPH;
        return VIEW_REDRAW;
    }
    return 0;
}

void app_search_totals(struct app *app)
{
    struct app_cache *c = &app->cache;
    if (!c->all_valid || c->all_gen != c->search_gen || c->all_type != app->type) {
        search_totals(&app->search, app->profile, app->type, TREE_ROOT, &c->matched_all,
                      &c->frames_all);
        c->all_valid = true;
        c->all_gen = c->search_gen;
        c->all_type = app->type;
    }
    if (!c->view_valid || c->view_gen != c->search_gen || c->view_type != app->type ||
        c->view_zoom != app->zoom) {
        if (app->zoom == TREE_ROOT) {
            c->matched_view = c->matched_all;
            c->frames_view = c->frames_all;
        } else {
            search_totals(&app->search, app->profile, app->type, app->zoom, &c->matched_view,
                          &c->frames_view);
        }
        c->view_valid = true;
        c->view_gen = c->search_gen;
        c->view_type = app->type;
        c->view_zoom = app->zoom;
    }
}

/* Index of the next matching span of l after from (dir 1) or before it
 * (dir -1), or -1. Spans are in screen order: rows from the root upwards,
 * left to right within a row. */
static long app_next_match(const struct app *app, const struct layout *l, long from, int dir)
{
    for (long i = from + dir; i >= 0 && i < (long)l->count; i += dir)
        if (search_node_matches(&app->search, app->profile, l->spans[i].node))
            return i;
    return -1;
}

/* Where node sits in l's screen order: its span, else its nearest laid-out
 * caller's. */
static long app_layout_position(const struct app *app, const struct layout *l, uint32_t node)
{
    long i = -1;
    while (node != TREE_NONE && (i = layout_find(l, node)) < 0)
        node = tree_parent(app->profile->tree, node);
    return i;
}

/* "Match 2 of 5 in this view", and how many are too narrow to show. */
static void app_match_message(struct app *app, const char *prefix)
{
    const struct layout *l = &app->layout;
    size_t nth = 0, count = 0, shown_in_zoom = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (!search_node_matches(&app->search, app->profile, l->spans[i].node))
            continue;
        count++;
        if (!l->spans[i].ancestor)
            shown_in_zoom++;
        if (l->spans[i].node == app->selected)
            nth = count;
    }
    app_search_totals(app);
    char narrow[64] = "";
    if (app->cache.frames_view > shown_in_zoom)
        snprintf(narrow, sizeof narrow, " (%zu more too narrow to show)",
                 app->cache.frames_view - shown_in_zoom);
    snprintf(app->message, sizeof app->message, "%sMatch %zu of %zu in this view%s", prefix, nth,
             count, narrow);
}

unsigned app_search_step(struct app *app, int dir)
{
    if (!app_search_active(app)) {
        snprintf(app->message, sizeof app->message, "No search: / starts one");
        return VIEW_REDRAW;
    }
    app_ensure_layout(app);
    const struct layout *l = &app->layout;
    long cur = layout_find(l, app->selected);
    long j = app_next_match(app, l, cur, dir);
    if (j >= 0) {
        app_select_node(app, l->spans[j].node);
        app_match_message(app, "");
        return VIEW_REDRAW;
    }
    /* Nothing further in this view: continue in the whole profile's screen
     * order (zooming out if the match lies outside), wrapping at the end. */
    struct layout whole;
    const struct layout *w = l;
    memset(&whole, 0, sizeof whole);
    if (app->zoom != TREE_ROOT) {
        layout_compute(&whole, app->profile->tree, TREE_ROOT, app->order, app->type,
                       app_graph_cols(app));
        w = &whole;
    }
    long pos = w == l ? cur : app_layout_position(app, w, app->selected);
    long k = app_next_match(app, w, pos, dir);
    bool wrapped = k < 0;
    if (wrapped)
        k = app_next_match(app, w, dir > 0 ? -1 : (long)w->count, dir);
    uint32_t node = k >= 0 ? w->spans[k].node : TREE_NONE;
    layout_free(&whole);
    if (node == TREE_NONE) {
        app_search_totals(app);
        snprintf(app->message, sizeof app->message, "%s",
                 app->cache.frames_all ? "No matching frame is wide enough to show"
                                       : "No frame matches the search");
        return VIEW_REDRAW;
    }
    uint32_t zoom = app->zoom;
    app_select_node(app, node);
    app_match_message(app, app->zoom != zoom ? "Zoomed out; "
                           : !wrapped        ? ""
                           : dir > 0         ? "Wrapped to the first match; "
                                             : "Wrapped to the last match; ");
    return VIEW_REDRAW;
}
