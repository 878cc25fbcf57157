/* panel.h - a full-screen text panel as data: styled lines and a scroll.
 *
 * The help screen and the information panel are built once per change (when
 * opened, on a resize, when the sample type changes...) into a panel: spans
 * of sanitised text, each at a line and column with a style, wrapped to the
 * width they were built for. Drawing copies the lines in view into a frame;
 * keys and the wheel scroll it, bounded by its real height. Nothing from a
 * profile reaches the frame unsanitised: every span goes through utf8.h.
 */
#ifndef FLAMEX_PANEL_H
#define FLAMEX_PANEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/view/frame.h"

struct panel_span {
    int line;      /* 0 = the panel's first line */
    int x, width;  /* columns: from x, at most width */
    uint16_t style;
    size_t off, len; /* the sanitised text in panel.text */
};

struct panel {
    char *text;               /* owned: every span's bytes */
    size_t text_len, text_cap;
    struct panel_span *spans; /* owned, in the order added */
    size_t nspans, spans_cap;
    int lines;                /* lines the content takes */
    int cols;                 /* the width it was built for */
    bool ascii;               /* built for ASCII-only glyphs */
    int scroll;               /* first line shown */
};

/* An empty panel (zero it or call this before first use). */
void panel_init(struct panel *p);

/* Free what the panel owns; it is empty afterwards. */
void panel_free(struct panel *p);

/* Start building for cols columns: drop the content, keep the scroll. */
void panel_begin(struct panel *p, int cols, bool ascii);

/* Put the raw bytes s[0..len) at (x, line), cut to width columns (with an
 * ellipsis, as frame_text does). Returns the columns the text takes. */
int panel_put(struct panel *p, int line, int x, int width, const char *s, size_t len,
              uint16_t style);

/* Like panel_put for a NUL-terminated string. */
int panel_puts(struct panel *p, int line, int x, int width, const char *s, uint16_t style);

/* Put s[0..len) from (x, line) wrapped at spaces within width columns (at
 * least 8; a word wider than that is cut between glyphs), lines after the
 * first indented by hang more columns. Returns the lines used, at least 1. */
int panel_wrap(struct panel *p, int line, int x, int width, int hang, const char *s,
               size_t len, uint16_t style);

/* Furthest scroll for a screen of height rows: the last line at the bottom. */
int panel_max_scroll(const struct panel *p, int height);

/* Scroll by lines (negative: up), kept within 0..panel_max_scroll. */
void panel_scroll_by(struct panel *p, int lines, int height);

/* Draw the lines in view into f from row y0, height rows (the background is
 * the caller's). */
void panel_draw(const struct panel *p, struct frame *f, int y0, int height);

#endif
