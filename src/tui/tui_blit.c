/* tui_blit.c - copy a frame to the curses screen.
 *
 * The frame's glyphs are already sanitised by the core (frame.h); this is the
 * last step before the terminal, so it checks again, cheaply, that every
 * glyph is a printable character plus marks whose width curses agrees with,
 * and draws '?' otherwise: a control byte can never reach the terminal, and a
 * width disagreement cannot shift the rest of the row.
 */
#include <stdint.h>
#include <wchar.h>

#include "flamex/base/utf8.h"

#include "tui_internal.h"

/* Fill out (CCHARW_MAX + 1 wide chars) with the glyph of c: one spacing
 * character of c->width columns followed by its combining marks (those past
 * what a cchar_t holds are dropped). Returns false if the glyph is not fit
 * for the terminal. */
static bool tui_blit_glyph(const struct cell *c, wchar_t *out)
{
    unsigned char b0 = (unsigned char)c->glyph[0];
    if (c->len == 1 && b0 >= 0x20 && b0 < 0x7f) { /* ASCII: most cells */
        out[0] = (wchar_t)b0;
        out[1] = L'\0';
        return c->width == 1;
    }
#if defined(__STDC_ISO_10646__)
    size_t len = c->len < UTF8_GLYPH_SIZE ? c->len : UTF8_GLYPH_SIZE - 1;
    size_t pos = 0;
    int n = 0;
    while (pos < len) {
        uint32_t cp;
        size_t used = utf8_decode(c->glyph + pos, len - pos, &cp);
        if (used == 0 || cp == UTF8_INVALID || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
            return false;
        int w = utf8_cp_width(cp);
        if (n == 0) {
            /* The base: its width must be the cell's, for the core and curses alike. */
            if (w != c->width || wcwidth((wchar_t)cp) != w)
                return false;
        } else if (w != 0) {
            return false; /* a second spacing character in one cell */
        }
        if (n < CCHARW_MAX)
            out[n++] = (wchar_t)cp;
        pos += used;
    }
    if (n == 0)
        return false;
    out[n] = L'\0';
    return true;
#else
    return false; /* wchar_t is not Unicode here: only ASCII is safe */
#endif
}

static void tui_blit_put(int y, int x, const wchar_t *wch, attr_t attrs, short pair)
{
    cchar_t cc;
    setcchar(&cc, wch, attrs, pair, NULL);
    /* The bottom-right cell returns ERR (the cursor cannot move past it) but
     * is drawn all the same. */
    (void)mvwadd_wch(stdscr, y, x, &cc);
}

void tui_blit(struct tui *t, const struct frame *f)
{
    static const wchar_t blank[] = L" ";
    static const wchar_t bad[] = L"?";
    int rows = f->rows < LINES ? f->rows : LINES;
    int cols = f->cols < COLS ? f->cols : COLS;
    if (rows != LINES || cols != COLS)
        werase(stdscr); /* the part the frame does not cover stays blank */
    wchar_t wch[CCHARW_MAX + 1];
    for (int y = 0; y < rows; y++) {
        const struct cell *row = f->cells + (size_t)y * (size_t)f->cols;
        bool right_half = false; /* the previous cell drew a wide glyph */
        for (int x = 0; x < cols; x++) {
            const struct cell *c = &row[x];
            int style = c->style < STYLE_COUNT ? c->style : STYLE_DEFAULT;
            attr_t attrs = t->attrs[style];
            short pair = t->pairs[style];
            if (c->width == 0) {
                /* Right half of a wide glyph: curses already covers it. A
                 * stray one (no wide glyph on its left) is shown blank. */
                if (!right_half)
                    tui_blit_put(y, x, blank, attrs, pair);
                right_half = false;
                continue;
            }
            right_half = false;
            if (!tui_blit_glyph(c, wch)) {
                tui_blit_put(y, x, bad, attrs, pair);
                continue; /* a following width-0 cell is then drawn blank */
            }
            if (c->width == 2 && (x + 1 >= cols || row[x + 1].width != 0)) {
                tui_blit_put(y, x, bad, attrs, pair); /* no room for both halves */
                continue;
            }
            tui_blit_put(y, x, wch, attrs, pair);
            right_half = c->width == 2;
        }
    }
    wnoutrefresh(stdscr);
    doupdate();
}
