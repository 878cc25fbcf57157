/* keys.h - key codes independent of curses, and vim-style key notation.
 *
 * A key is an int: a Unicode code point for a printable character, 1..26 for
 * Ctrl-A..Ctrl-Z (as the terminal sends them), or one of the KEYCODE_ values
 * above the Unicode range for special keys. The TUI translates curses' codes
 * into these; --keys, the config file and the help screen use the notation:
 * characters stand for themselves, special keys are <Enter>, <Esc>, <Tab>,
 * <S-Tab>, <BS>, <Del>, <Up>, <Down>, <Left>, <Right>, <PageUp>, <PageDown>,
 * <Home>, <End>, <F1>..<F12>, <Space>, <C-x>, and <lt> for '<'.
 */
#ifndef FLAMEX_KEYS_H
#define FLAMEX_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "flamex/base/error.h"

#define KEYCODE_CTRL(c) ((c) & 0x1f) /* KEYCODE_CTRL('a') == 1 */

enum keycode {
    KEYCODE_NONE = 0,
    KEYCODE_SPECIAL = 0x110000,
    KEYCODE_ENTER = KEYCODE_SPECIAL,
    KEYCODE_ESC,
    KEYCODE_TAB,
    KEYCODE_BACKTAB,
    KEYCODE_BACKSPACE,
    KEYCODE_DELETE,
    KEYCODE_UP,
    KEYCODE_DOWN,
    KEYCODE_LEFT,
    KEYCODE_RIGHT,
    KEYCODE_PAGEUP,
    KEYCODE_PAGEDOWN,
    KEYCODE_HOME,
    KEYCODE_END,
    KEYCODE_F1,
    KEYCODE_F12 = KEYCODE_F1 + 11,
    KEYCODE_RESIZE, /* the terminal changed size (never bound) */
    KEYCODE_MAX
};

/* Parse one key in notation at s[0..len) ("j", "<C-n>", "<PageUp>", "é").
 * Returns the key, or KEYCODE_NONE if it is not exactly one valid key. */
int keys_parse_one(const char *s, size_t len);

/* Parse a sequence like "kk<Enter>/json<Enter>n" into keys (at most cap).
 * Returns the number of keys, or -1 with err's message set (column = 1-based
 * byte position) for an unknown <name> or an unterminated '<'. */
long keys_parse(const char *s, int *keys, size_t cap, struct error_record *err);

/* Write the notation of key into buf ("<Enter>", "k", "<C-c>", "<lt>"); returns
 * the length (buf always terminated when cap > 0). */
size_t keys_name(int key, char *buf, size_t cap);

#endif
