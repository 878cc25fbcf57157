/* keys.c - vim-style key notation: parsing and naming. */
#include "flamex/view/keys.h"

#include "flamex/base/utf8.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

struct keys_special {
    const char *name;
    int key;
};

static const struct keys_special keys_specials[] = {
    { "Enter", KEYCODE_ENTER },   { "CR", KEYCODE_ENTER },         { "Return", KEYCODE_ENTER },
    { "Esc", KEYCODE_ESC },       { "Tab", KEYCODE_TAB },          { "S-Tab", KEYCODE_BACKTAB },
    { "BS", KEYCODE_BACKSPACE },  { "Backspace", KEYCODE_BACKSPACE }, { "Del", KEYCODE_DELETE },
    { "Up", KEYCODE_UP },         { "Down", KEYCODE_DOWN },        { "Left", KEYCODE_LEFT },
    { "Right", KEYCODE_RIGHT },   { "PageUp", KEYCODE_PAGEUP },    { "PageDown", KEYCODE_PAGEDOWN },
    { "Home", KEYCODE_HOME },     { "End", KEYCODE_END },          { "Space", ' ' },
    { "lt", '<' },                { "Bslash", '\\' },
};

/* Parse the text between '<' and '>' (name, n bytes). */
static int keys_parse_name(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof keys_specials / sizeof keys_specials[0]; i++)
        if (strlen(keys_specials[i].name) == n && strncasecmp(keys_specials[i].name, name, n) == 0)
            return keys_specials[i].key;
    if ((n == 2 || n == 3) && (name[0] == 'F' || name[0] == 'f')) {
        int num = 0;
        for (size_t i = 1; i < n; i++) {
            if (name[i] < '0' || name[i] > '9')
                return KEYCODE_NONE;
            num = num * 10 + (name[i] - '0');
        }
        return num >= 1 && num <= 12 ? KEYCODE_F1 + num - 1 : KEYCODE_NONE;
    }
    if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
        char c = name[2];
        if (c == 'h' || c == 'H')
            return KEYCODE_BACKSPACE; /* what a terminal's Ctrl-H sends, as in vim */
        if (c == 'i' || c == 'I')
            return KEYCODE_TAB;
        if (c == 'm' || c == 'M')
            return KEYCODE_ENTER;
        if (c == '[')
            return KEYCODE_ESC;
        if (c >= 'a' && c <= 'z')
            return KEYCODE_CTRL(c);
        if (c >= 'A' && c <= 'Z')
            return KEYCODE_CTRL(c);
    }
    return KEYCODE_NONE;
}

/* Parse one key at s; *used receives the bytes it took. */
static int keys_next(const char *s, size_t len, size_t *used)
{
    if (s[0] == '<' && len > 1) {
        const char *close = memchr(s + 1, '>', len - 1);
        if (!close)
            return KEYCODE_NONE;
        *used = (size_t)(close - s) + 1;
        return keys_parse_name(s + 1, (size_t)(close - s) - 1);
    }
    uint32_t cp;
    size_t n = utf8_decode(s, len, &cp);
    *used = n;
    if (cp == UTF8_INVALID)
        return KEYCODE_NONE;
    if (cp == '\r' || cp == '\n')
        return KEYCODE_ENTER;
    if (cp == '\t')
        return KEYCODE_TAB;
    if (cp == 27)
        return KEYCODE_ESC;
    if (cp == 127 || cp == 8)
        return KEYCODE_BACKSPACE;
    return (int)cp;
}

int keys_parse_one(const char *s, size_t len)
{
    if (len == 0)
        return KEYCODE_NONE;
    size_t used = 0;
    int key = keys_next(s, len, &used);
    return used == len ? key : KEYCODE_NONE;
}

long keys_parse(const char *s, int *keys, size_t cap, struct error_record *err)
{
    size_t pos = 0, len = strlen(s);
    long n = 0;
    while (pos < len) {
        size_t used = 0;
        int key = keys_next(s + pos, len - pos, &used);
        if (key == KEYCODE_NONE) {
            if (s[pos] == '<' && !memchr(s + pos, '>', len - pos))
                error_set(err, "", ERROR_NO_POSITION, "unterminated '<' at byte %zu of the keys",
                          pos + 1);
            else
                error_set(err, "", ERROR_NO_POSITION, "unknown key '%.*s' at byte %zu of the keys",
                          (int)(used ? used : 1), s + pos, pos + 1);
            if (err)
                err->column = pos + 1;
            return -1;
        }
        if ((size_t)n < cap)
            keys[n] = key;
        n++;
        pos += used;
    }
    return n;
}

size_t keys_name(int key, char *buf, size_t cap)
{
    int n;
    const char *special = NULL;
    switch (key) {
    case KEYCODE_ENTER: special = "Enter"; break;
    case KEYCODE_ESC: special = "Esc"; break;
    case KEYCODE_TAB: special = "Tab"; break;
    case KEYCODE_BACKTAB: special = "S-Tab"; break;
    case KEYCODE_BACKSPACE: special = "BS"; break;
    case KEYCODE_DELETE: special = "Del"; break;
    case KEYCODE_UP: special = "Up"; break;
    case KEYCODE_DOWN: special = "Down"; break;
    case KEYCODE_LEFT: special = "Left"; break;
    case KEYCODE_RIGHT: special = "Right"; break;
    case KEYCODE_PAGEUP: special = "PageUp"; break;
    case KEYCODE_PAGEDOWN: special = "PageDown"; break;
    case KEYCODE_HOME: special = "Home"; break;
    case KEYCODE_END: special = "End"; break;
    case ' ': special = "Space"; break;
    case '<': special = "lt"; break;
    default: break;
    }
    if (special)
        n = snprintf(buf, cap, "<%s>", special);
    else if (key >= KEYCODE_F1 && key <= KEYCODE_F12)
        n = snprintf(buf, cap, "<F%d>", key - KEYCODE_F1 + 1);
    else if (key >= 1 && key <= 26)
        n = snprintf(buf, cap, "<C-%c>", 'a' + key - 1);
    else if (key > 32 && key < 0x110000 && key != 127) {
        char u[5] = { 0 };
        uint32_t cp = (uint32_t)key;
        if (cp < 0x80) {
            u[0] = (char)cp;
        } else if (cp < 0x800) {
            u[0] = (char)(0xC0 | (cp >> 6));
            u[1] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            u[0] = (char)(0xE0 | (cp >> 12));
            u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[2] = (char)(0x80 | (cp & 0x3F));
        } else {
            u[0] = (char)(0xF0 | (cp >> 18));
            u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[3] = (char)(0x80 | (cp & 0x3F));
        }
        n = snprintf(buf, cap, "%s", u);
    } else
        n = snprintf(buf, cap, "<0x%x>", (unsigned)key);
    return n < 0 ? 0 : (size_t)n;
}
