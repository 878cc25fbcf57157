/* frame.c - the cell grid, sanitised text placement and the text dump. */
#include "flamex/view/frame.h"

#include "flamex/config/style.h"
#include "flamex/base/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void frame_blank(struct cell *c, uint16_t style)
{
    c->glyph[0] = ' ';
    c->glyph[1] = '\0';
    c->len = 1;
    c->width = 1;
    c->style = style;
}

void frame_init(struct frame *f, int cols, int rows, bool ascii)
{
    f->cols = cols < 1 ? 1 : cols;
    f->rows = rows < 1 ? 1 : rows;
    f->ascii = ascii;
    f->stride = f->cols;
    f->window = false;
    f->cells = xcalloc((size_t)f->cols * (size_t)f->rows, sizeof *f->cells);
    frame_clear(f, STYLE_DEFAULT);
}

struct frame frame_window(struct frame *parent, int x, int y, int cols, int rows)
{
    if (x < 0)
        x = 0;
    if (y < 0)
        y = 0;
    if (x > parent->cols - 1)
        x = parent->cols - 1;
    if (y > parent->rows - 1)
        y = parent->rows - 1;
    if (cols > parent->cols - x)
        cols = parent->cols - x;
    if (rows > parent->rows - y)
        rows = parent->rows - y;
    return (struct frame){
        .cols = cols < 1 ? 1 : cols,
        .rows = rows < 1 ? 1 : rows,
        .ascii = parent->ascii,
        .cells = frame_at(parent, x, y),
        .stride = parent->stride,
        .window = true,
    };
}

void frame_free(struct frame *f)
{
    if (!f->window)
        free(f->cells);
    f->cells = NULL;
}

void frame_resize(struct frame *f, int cols, int rows)
{
    if (f->window) { /* a window keeps its place and size */
        frame_clear(f, STYLE_DEFAULT);
        return;
    }
    bool ascii = f->ascii;
    frame_free(f);
    frame_init(f, cols, rows, ascii);
}

void frame_clear(struct frame *f, uint16_t style)
{
    for (int y = 0; y < f->rows; y++) {
        struct cell *row = &f->cells[(size_t)y * (size_t)f->stride];
        for (int x = 0; x < f->cols; x++)
            frame_blank(&row[x], style);
    }
}

struct cell *frame_at(struct frame *f, int x, int y)
{
    if (x < 0 || y < 0 || x >= f->cols || y >= f->rows)
        return NULL;
    return &f->cells[(size_t)y * (size_t)f->stride + (size_t)x];
}

/* Make (x, y) safe to overwrite: if it is half of a wide glyph, blank the other half. */
static void frame_split_wide(struct frame *f, int x, int y)
{
    struct cell *c = frame_at(f, x, y);
    if (!c)
        return;
    if (c->width == 0) {
        struct cell *left = frame_at(f, x - 1, y);
        if (left)
            frame_blank(left, left->style);
    } else if (c->width == 2) {
        struct cell *right = frame_at(f, x + 1, y);
        if (right)
            frame_blank(right, right->style);
    }
}

void frame_fill(struct frame *f, int x, int y, int w, char ch, uint16_t style)
{
    for (int i = 0; i < w; i++) {
        struct cell *c = frame_at(f, x + i, y);
        if (!c)
            continue;
        frame_split_wide(f, x + i, y);
        frame_blank(c, style);
        c->glyph[0] = ch;
    }
}

int frame_text(struct frame *f, int x, int y, int maxw, const char *s, size_t len,
               uint16_t style)
{
    if (maxw <= 0 || y < 0 || y >= f->rows)
        return 0;
    if (x < 0) {
        maxw += x;
        x = 0;
    }
    if (x + maxw > f->cols)
        maxw = f->cols - x;
    if (maxw <= 0)
        return 0;
    char small[1024];
    size_t cap = UTF8_TRUNCATE_SIZE((size_t)maxw);
    char *buf = cap <= sizeof small ? small : xmalloc(cap);
    size_t out_len = 0;
    utf8_truncate(s, len, (size_t)maxw, f->ascii, buf, cap, &out_len);
    struct utf8_iter it;
    struct utf8_glyph g;
    int col = 0;
    utf8_iter_init(&it, buf, out_len, f->ascii);
    while (utf8_iter_next(&it, &g) && col + g.width <= maxw) {
        struct cell *c = frame_at(f, x + col, y);
        if (!c)
            break;
        frame_split_wide(f, x + col, y);
        memcpy(c->glyph, g.bytes, g.len + 1u);
        c->len = g.len;
        c->width = g.width;
        c->style = style;
        if (g.width == 2) {
            frame_split_wide(f, x + col + 1, y);
            struct cell *right = frame_at(f, x + col + 1, y);
            if (!right)
                break;
            right->glyph[0] = '\0';
            right->len = 0;
            right->width = 0;
            right->style = style;
        }
        col += g.width;
    }
    if (buf != small)
        free(buf);
    return col;
}

int frame_puts(struct frame *f, int x, int y, int maxw, const char *s, uint16_t style)
{
    return frame_text(f, x, y, maxw, s, strlen(s), style);
}

void frame_dump(const struct frame *f, FILE *out)
{
    size_t cap = (size_t)f->cols * UTF8_GLYPH_SIZE + 2;
    char *line = xmalloc(cap);
    for (int y = 0; y < f->rows; y++) {
        size_t n = 0, keep = 0;
        for (int x = 0; x < f->cols; x++) {
            const struct cell *c = &f->cells[(size_t)y * (size_t)f->stride + (size_t)x];
            if (c->width == 0)
                continue;
            memcpy(line + n, c->glyph, c->len);
            n += c->len;
            if (!(c->len == 1 && c->glyph[0] == ' '))
                keep = n;
        }
        fwrite(line, 1, keep, out);
        fputc('\n', out);
    }
    free(line);
}
