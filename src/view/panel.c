/* panel.c - full-screen text panels as styled lines (panel.h). */
#include "flamex/view/panel.h"

#include "flamex/base/utf8.h"
#include "flamex/base/xalloc.h"

#include <stdlib.h>
#include <string.h>

void panel_init(struct panel *p)
{
    memset(p, 0, sizeof *p);
}

void panel_free(struct panel *p)
{
    free(p->text);
    free(p->spans);
    panel_init(p);
}

void panel_begin(struct panel *p, int cols, bool ascii)
{
    p->text_len = 0;
    p->nspans = 0;
    p->lines = 0;
    p->cols = cols;
    p->ascii = ascii;
}

/* Append the display form of s[0..len) as a span; returns it. */
static struct panel_span *panel_add(struct panel *p, int line, int x, int width, const char *s,
                                    size_t len, uint16_t style)
{
    size_t need = UTF8_SANITIZE_SIZE(len);
    if (p->text_len + need > p->text_cap) {
        size_t cap = p->text_cap ? p->text_cap : 1024;
        while (cap < p->text_len + need)
            cap *= 2;
        p->text = xreallocarray(p->text, cap, 1);
        p->text_cap = cap;
    }
    size_t n = utf8_sanitize(s, len, p->ascii, p->text + p->text_len, need);
    if (p->nspans == p->spans_cap) {
        p->spans_cap = p->spans_cap ? p->spans_cap * 2 : 64;
        p->spans = xreallocarray(p->spans, p->spans_cap, sizeof *p->spans);
    }
    struct panel_span *sp = &p->spans[p->nspans++];
    *sp = (struct panel_span){ line, x, width, style, p->text_len, n };
    p->text_len += n;
    if (line >= p->lines)
        p->lines = line + 1;
    return sp;
}

int panel_put(struct panel *p, int line, int x, int width, const char *s, size_t len,
              uint16_t style)
{
    if (width <= 0)
        return 0;
    struct panel_span *sp = panel_add(p, line, x, width, s, len, style);
    int w = (int)utf8_display_width(p->text + sp->off, sp->len, p->ascii);
    return w < width ? w : width;
}

int panel_puts(struct panel *p, int line, int x, int width, const char *s, uint16_t style)
{
    return panel_put(p, line, x, width, s, strlen(s), style);
}

int panel_wrap(struct panel *p, int line, int x, int width, int hang, const char *s,
               size_t len, uint16_t style)
{
    if (width < 8)
        width = 8;
    if (hang < 0 || hang > width - 8)
        hang = 0;
    /* Sanitise once, then wrap the display form: escapes count as the
     * columns they take, and the display form is unchanged by a second
     * sanitising (panel_add's, frame_text's). */
    char small[1024];
    size_t cap = UTF8_SANITIZE_SIZE(len);
    char *d = cap <= sizeof small ? small : xmalloc(cap);
    size_t n = utf8_sanitize(s, len, p->ascii, d, cap);
    int rows = 0;
    size_t pos = 0;
    while (pos < n) {
        int in = rows ? hang : 0;
        size_t take = utf8_wrap_line(d + pos, n - pos, width - in, p->ascii);
        panel_add(p, line + rows, x + in, width - in, d + pos, take, style);
        rows++;
        pos += take;
        while (pos < n && d[pos] == ' ')
            pos++;
    }
    if (d != small)
        free(d);
    if (!rows && line >= p->lines)
        p->lines = line + 1;
    return rows ? rows : 1;
}

int panel_max_scroll(const struct panel *p, int height)
{
    int m = p->lines - height;
    return m > 0 ? m : 0;
}

void panel_scroll_by(struct panel *p, int lines, int height)
{
    long s = (long)p->scroll + lines;
    int max = panel_max_scroll(p, height);
    p->scroll = s > max ? max : s < 0 ? 0 : (int)s;
}

void panel_draw(const struct panel *p, struct frame *f, int y0, int height)
{
    for (size_t i = 0; i < p->nspans; i++) {
        const struct panel_span *sp = &p->spans[i];
        int y = sp->line - p->scroll;
        if (y < 0 || y >= height)
            continue;
        frame_text(f, sp->x, y0 + y, sp->width, p->text + sp->off, sp->len, sp->style);
    }
}
