/* frame.h - a grid of styled cells: what the screen shows, independent of curses.
 *
 * Drawing code writes glyphs with semantic style ids (style.h) into a frame;
 * tui/blit.c copies it to the terminal and frame_dump prints it as text for
 * --dump and the golden tests. Text written through frame_text is sanitised
 * (utf8.h): nothing in a profile's names can become a control byte here.
 */
#ifndef FLAMEX_FRAME_H
#define FLAMEX_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flamex/base/utf8.h"

struct cell {
    char glyph[UTF8_GLYPH_SIZE]; /* UTF-8, NUL-terminated; never a control byte */
    uint8_t len;                 /* bytes in glyph */
    uint8_t width;               /* 1, 2 (wide glyph), or 0 (right half of a wide glyph) */
    uint16_t style;              /* enum style_id */
};

struct frame {
    int cols, rows;
    bool ascii;          /* only ASCII glyphs (non-UTF-8 locale) */
    struct cell *cells;  /* row-major, stride cells a row; owned unless a window */
    int stride;          /* cells from one row to the next: cols, but a window's parent's */
    bool window;         /* a window onto another frame's cells (frame_window) */
};

/* Allocate a cols x rows frame of blank STYLE_DEFAULT cells (sizes below 1 are
 * taken as 1). Aborts on out-of-memory. */
void frame_init(struct frame *f, int cols, int rows, bool ascii);

/* A window onto the cols x rows cells of parent from (x, y), clipped to
 * parent: drawing into it writes parent's cells (compare mode draws each
 * pane so, with no copy). It owns nothing and keeps its size: frame_resize
 * only blanks it, frame_free only forgets it. Valid while parent's cells are. */
struct frame frame_window(struct frame *parent, int x, int y, int cols, int rows);

/* Free the cells (a window's belong to its parent). */
void frame_free(struct frame *f);

/* Change the size (contents become blank); a window only becomes blank. */
void frame_resize(struct frame *f, int cols, int rows);

/* Blank every cell with the given style. */
void frame_clear(struct frame *f, uint16_t style);

/* Cell at (x, y), or NULL outside the frame. */
struct cell *frame_at(struct frame *f, int x, int y);

/* Fill w cells from (x, y) with the ASCII character ch in style (clipped). */
void frame_fill(struct frame *f, int x, int y, int w, char ch, uint16_t style);

/* Write the raw bytes s[0..len) at (x, y) in style, sanitised, using at most
 * maxw columns; when the text is wider it is cut and ends in an ellipsis. A
 * wide glyph is never split. Returns the columns written. */
int frame_text(struct frame *f, int x, int y, int maxw, const char *s, size_t len,
               uint16_t style);

/* Like frame_text for a NUL-terminated string. */
int frame_puts(struct frame *f, int x, int y, int maxw, const char *s, uint16_t style);

/* Print the frame as plain text, one line per row, trailing blanks removed. */
void frame_dump(const struct frame *f, FILE *out);

#endif
