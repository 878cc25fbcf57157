/* view.c - the single-profile app behind the view interface (view.h): its
 * event functions (app.c) and its drawing (draw.c) bound together, so
 * neither of them refers to the other. Compare mode binds its own in
 * compare.c. */
#include "flamex/view/view.h"

#include "flamex/view/app.h"

static unsigned app_view_key(void *ctx, int key) { return app_key(ctx, key); }
static unsigned app_view_click(void *ctx, int x, int y, bool dbl) { return app_click(ctx, x, y, dbl); }
static unsigned app_view_wheel(void *ctx, int lines) { return app_wheel(ctx, lines); }
static unsigned app_view_resize(void *ctx, int cols, int rows) { return app_resize(ctx, cols, rows); }
static void app_view_draw(const void *ctx, struct frame *f) { app_draw(ctx, f); }

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
