/* view.c - the single-profile app and compare mode behind the view interface
 * (view.h): each one's event functions and its drawing bound together, so
 * neither the controllers (app.c, compare.c) nor the drawing (draw*.c) refers
 * to the other. */
#include "flamex/view/view.h"

#include "flamex/view/app.h"
#include "flamex/view/compare.h"

static unsigned app_view_key(void *ctx, int key) { return app_key(ctx, key); }
static unsigned app_view_click(void *ctx, int x, int y, bool dbl) { return app_click(ctx, x, y, dbl); }
static unsigned app_view_wheel(void *ctx, int lines) { return app_wheel(ctx, lines); }
static unsigned app_view_resize(void *ctx, int cols, int rows) { return app_resize(ctx, cols, rows); }
static void app_view_draw(const void *ctx, struct frame *f) { app_draw(ctx, f); }

static unsigned compare_view_key(void *ctx, int key) { return compare_key(ctx, key); }
static unsigned compare_view_click(void *ctx, int x, int y, bool dbl) { return compare_click(ctx, x, y, dbl); }
static unsigned compare_view_wheel(void *ctx, int lines) { return compare_wheel(ctx, lines); }
static unsigned compare_view_resize(void *ctx, int cols, int rows) { return compare_resize(ctx, cols, rows); }
static void compare_view_draw(const void *ctx, struct frame *f) { compare_draw(ctx, f); }

/* The event and drawing functions of each kind; the instance fields are set
 * by view_bind. */
static const struct view app_functions = {
    .key = app_view_key, .click = app_view_click, .wheel = app_view_wheel,
    .resize = app_view_resize, .draw = app_view_draw,
};
static const struct view compare_functions = {
    .key = compare_view_key, .click = compare_view_click, .wheel = compare_view_wheel,
    .resize = compare_view_resize, .draw = compare_view_draw,
};

/* view = functions, bound to ctx and its keymap, glyphs and message buffer. */
static void view_bind(struct view *view, const struct view *functions, void *ctx,
                      const struct keymap *keymap, bool ascii, char *message, size_t cap)
{
    *view = *functions;
    view->ctx = ctx;
    view->keymap = keymap;
    view->ascii = ascii;
    view->message = message;
    view->message_cap = cap;
}

void view_of_app(struct view *view, struct app *app)
{
    view_bind(view, &app_functions, app, app->keymap, app->ascii, app->message, sizeof app->message);
}

void view_of_compare(struct view *view, struct compare *c)
{
    view_bind(view, &compare_functions, c, c->keymap, c->ascii, c->message, sizeof c->message);
}
