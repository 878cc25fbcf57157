/* utf8.h - decoding, display width, sanitising and truncating untrusted names.
 *
 * Frame names come from profiles and are untrusted bytes (DESIGN.md rule 7,
 * "Nothing from a profile reaches the terminal raw"): this
 * module is the only way they become text for the screen. Everything here is a
 * pure function of its arguments: no locale, no wcwidth, no allocation, no
 * global state. Widths come from the module's own tables (see utf8.c).
 *
 * What a raw name looks like once displayed (the "display form"):
 *
 *   - C0 controls 0x00-0x1F and DEL 0x7F        -> "\xHH"     e.g. ESC -> \x1b
 *   - bytes that are not valid UTF-8 (stray
 *     continuation, truncated, overlong,
 *     surrogate, above U+10FFFF), one at a time -> "\xHH"     e.g. C0 80 -> \xc0\x80
 *   - C1 controls U+0080..U+009F                 -> "\u0085"
 *   - bidi controls U+061C, U+200E, U+200F,
 *     U+202A..U+202E, U+2066..U+2069, and the
 *     line/paragraph separators U+2028, U+2029  -> "\u202e"
 *   - a zero-width code point (combining mark,
 *     ZWJ, variation selector, other format
 *     character) with no base to sit on: at the
 *     start of a name or right after an escape  -> "\u0301" (or "\U000e0001")
 *   - everything else (valid, printable UTF-8)  -> unchanged, including '\\'
 *
 * Hex digits are lower case. A backslash in the name is not doubled, so the
 * display form of the bytes `\x1b` and of the byte 0x1b are the same text: the
 * display form is for eyes, not for parsing back. Every escape is printable
 * ASCII, so the display form never contains a control byte, a bidi control or
 * invalid UTF-8, and running it through the module again leaves it unchanged.
 *
 * Zero-width code points that follow a printable base are attached to it: a
 * glyph is one base plus its marks, as one cell of a grid. A glyph holds at
 * most UTF8_GLYPH_SIZE - 1 bytes; marks beyond that are consumed and dropped
 * (this caps "zalgo" text, which would otherwise smear over nearby rows).
 *
 * ASCII mode (for terminals that cannot show UTF-8): every glyph that is not
 * ASCII, marks included, becomes a single '?' of width 1; escapes are the same
 * as in UTF-8 mode; the truncation ellipsis is '~' instead of U+2026.
 *
 * Widths assume a terminal that follows Unicode's East Asian Width (W and F are
 * two columns, ambiguous-width characters one) and treats marks as zero width,
 * which is what glibc's wcwidth() gives in a UTF-8 locale. Emoji sequences
 * joined by ZWJ are counted as their separate parts (ZWJ is a zero-width mark),
 * as wcwidth() does; terminals that draw the joined emoji as one glyph will
 * show such a name narrower than counted.
 */
#ifndef FLAMEX_UTF8_H
#define FLAMEX_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What utf8_decode stores for a byte that does not start a valid sequence. */
#define UTF8_INVALID UINT32_C(0xFFFFFFFF)

/* Size of struct utf8_glyph's byte array (a glyph is at most one less, plus NUL). */
#define UTF8_GLYPH_SIZE 16

/* Longest escape text, "\U0010ffff", without its NUL. */
#define UTF8_ESCAPE_MAX 10

/* Buffer size that always holds utf8_sanitize's output for len input bytes,
 * NUL included: no input byte grows to more than four output bytes. */
#define UTF8_SANITIZE_SIZE(len) ((len) * 4 + 1)

/* Buffer size that always holds utf8_truncate's output for cols columns, NUL
 * included: a column takes at most one full glyph, plus the 3-byte ellipsis. */
#define UTF8_TRUNCATE_SIZE(cols) ((cols) * (UTF8_GLYPH_SIZE - 1) + 4)

/* One cell's worth of display form: a printable base and its attached marks,
 * or one character of an escape. */
struct utf8_glyph {
    char bytes[UTF8_GLYPH_SIZE]; /* UTF-8, NUL-terminated, never a control byte */
    uint8_t len;                 /* bytes used, 1..UTF8_GLYPH_SIZE-1 */
    uint8_t width;               /* terminal columns: 1 or 2 */
    size_t src_off;              /* raw bytes [src_off, src_off + src_len) that this */
    size_t src_len;              /* glyph shows; all glyphs of one escape share it */
};

/* Walks a raw name glyph by glyph (escapes come out one ASCII character at a
 * time). Treat the fields as private; it borrows s, which must outlive it. */
struct utf8_iter {
    const char *s;
    size_t len;
    size_t pos;                         /* raw bytes consumed so far */
    bool ascii;
    char esc[UTF8_ESCAPE_MAX + 1];      /* escape being emitted */
    uint8_t esc_len;
    uint8_t esc_pos;
    size_t esc_src_off;
    size_t esc_src_len;
};

/* Decode one code point from the first len bytes of s into *cp and return the
 * bytes consumed; owns nothing. A byte that does not start a valid, shortest,
 * non-surrogate sequence of at most U+10FFFF that fits in len consumes 1 byte
 * and stores UTF8_INVALID; len == 0 returns 0 and stores UTF8_INVALID. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Terminal columns of code point cp drawn on its own: 0 for marks and other
 * zero-width characters, 2 for East Asian Wide and Fullwidth, 1 otherwise. It
 * cannot fail; controls, surrogates and values above U+10FFFF (UTF8_INVALID
 * included) have no glyph of their own and give 0. Own tables (Unicode 14.0,
 * see utf8.c), equal to glibc's wcwidth() in a UTF-8 locale for every code
 * point glibc knows, so curses moves its cursor by the same amount. */
int utf8_cp_width(uint32_t cp);

/* Write the display form of in[0..len) to out (capacity outcap) and return the
 * length of the whole display form, NUL excluded, like snprintf; owns nothing.
 * When outcap > 0 the output is always NUL-terminated; if the display form does
 * not fit (return value >= outcap), out holds the longest prefix that ends
 * between two raw characters (never half a glyph or half an escape).
 * UTF8_SANITIZE_SIZE(len) is always enough; out and in must not overlap. */
size_t utf8_sanitize(const char *in, size_t len, bool ascii, char *out, size_t outcap);

/* Columns the display form of s[0..len) takes; owns nothing, cannot fail. */
size_t utf8_display_width(const char *s, size_t len, bool ascii);

/* Write to out (capacity outcap) the display form of in[0..len), cut to at most
 * cols columns, and return the columns used; owns nothing, cannot fail. When
 * the whole display form fits it is written as is; otherwise the longest
 * glyph-aligned prefix of at most cols - 1 columns is followed by an ellipsis
 * (U+2026, or '~' in ASCII mode; one column). A two-column glyph is never cut:
 * if it would straddle the limit the output stops before it and may be one
 * column short. cols == 0 writes nothing; cols == 1 with a wider text writes
 * just the ellipsis. The output is NUL-terminated when outcap > 0; a buffer
 * smaller than UTF8_TRUNCATE_SIZE(cols) cuts earlier (still with an ellipsis
 * when there is room for one). *out_len, if not NULL, receives the bytes
 * written, NUL excluded. out and in must not overlap. */
size_t utf8_truncate(const char *in, size_t len, size_t cols, bool ascii, char *out,
                     size_t outcap, size_t *out_len);

/* Bytes of the next line when the display form s[0..n) (utf8_sanitize's
 * output) is wrapped in width columns: all of it if it fits, else up to the
 * last space that leaves the line at most width wide, else (one long word)
 * as many glyphs as fit, at least one. Owns nothing, cannot fail. The caller
 * skips the spaces after the break. */
size_t utf8_wrap_line(const char *s, size_t n, int width, bool ascii);

/* Start walking the raw name s[0..len); it owns nothing and borrows s. */
void utf8_iter_init(struct utf8_iter *it, const char *s, size_t len, bool ascii);

/* Store the next glyph of the display form in *g and return true, or return
 * false (leaving *g untouched) at the end of the name; cannot fail otherwise.
 * Glyph widths add up to utf8_display_width and glyph bytes concatenate to
 * utf8_sanitize's output. */
bool utf8_iter_next(struct utf8_iter *it, struct utf8_glyph *g);

#endif
