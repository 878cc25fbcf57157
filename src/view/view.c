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

void view_of_app(struct view *view, struct app *app)
{
    *view = (struct view){
        .ctx = app,
        .keymap = app->keymap,
        .ascii = app->ascii,
        .message = app->message,
        .message_cap = sizeof app->message,
        .key = app_view_key,
        .click = app_view_click,
        .wheel = app_view_wheel,
        .resize = app_view_resize,
        .draw = app_view_draw,
    };
}

void view_of_compare(struct view *view, struct compare *c)
{
    *view = (struct view){
        .ctx = c,
        .keymap = c->keymap,
        .ascii = c->ascii,
        .message = c->message,
        .message_cap = sizeof c->message,
        .key = compare_view_key,
        .click = compare_view_click,
        .wheel = compare_view_wheel,
        .resize = compare_view_resize,
        .draw = compare_view_draw,
    };
}
