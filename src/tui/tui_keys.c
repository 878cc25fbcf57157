/* tui_keys.c - curses input (wget_wch, getmouse) to keys.h codes and app calls. */
#include "flamex/view/keys.h"

#include "tui_internal.h"

/* Function keys curses decodes (status KEY_CODE_YES). */
static int tui_key_function(unsigned long wc)
{
    switch (wc) {
    case KEY_UP:
        return KEYCODE_UP;
    case KEY_DOWN:
        return KEYCODE_DOWN;
    case KEY_LEFT:
        return KEYCODE_LEFT;
    case KEY_RIGHT:
        return KEYCODE_RIGHT;
    case KEY_PPAGE:
        return KEYCODE_PAGEUP;
    case KEY_NPAGE:
        return KEYCODE_PAGEDOWN;
    case KEY_HOME:
    case KEY_FIND: /* VT220 keypads label Home "Find" (ESC [ 1 ~) */
    case KEY_A1:
        return KEYCODE_HOME;
    case KEY_END:
    case KEY_SELECT: /* ... and End "Select" (ESC [ 4 ~) */
    case KEY_C1:
        return KEYCODE_END;
    case KEY_BACKSPACE:
        return KEYCODE_BACKSPACE;
    case KEY_DC:
        return KEYCODE_DELETE;
    case KEY_ENTER:
        return KEYCODE_ENTER;
    case KEY_BTAB:
        return KEYCODE_BACKTAB;
    case KEY_RESIZE:
        return KEYCODE_RESIZE;
    default:
        break;
    }
    if (wc >= (unsigned long)KEY_F(1) && wc <= (unsigned long)KEY_F(12))
        return KEYCODE_F1 + (int)(wc - (unsigned long)KEY_F(1));
    return KEYCODE_NONE;
}

int tui_key_translate(int status, unsigned long wc)
{
    if (status == KEY_CODE_YES)
        return tui_key_function(wc);
    if (status != OK)
        return KEYCODE_NONE;
    switch (wc) {
    case '\r':
    case '\n':
        return KEYCODE_ENTER;
    case '\t':
        return KEYCODE_TAB;
    case 27:
        return KEYCODE_ESC;
    case 127:
    case 8:
        return KEYCODE_BACKSPACE;
    default:
        break;
    }
    if (wc >= 1 && wc <= 26)
        return (int)wc; /* Ctrl-A..Ctrl-Z as the terminal sends them */
    if (wc < 32 || (wc >= 0x7f && wc < 0xa0))
        return KEYCODE_NONE; /* other C0 and C1 controls */
#if defined(__STDC_ISO_10646__)
    /* wchar_t values are Unicode code points. */
    if (wc > 0x10ffff || (wc >= 0xd800 && wc <= 0xdfff))
        return KEYCODE_NONE;
    return (int)wc;
#else
    return wc < 0x80 ? (int)wc : KEYCODE_NONE;
#endif
}

unsigned tui_mouse_event(const struct view *view)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return 0;
    if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
        return view->click(view->ctx, ev.x, ev.y, true);
    if (ev.bstate & BUTTON1_CLICKED)
        return view->click(view->ctx, ev.x, ev.y, false);
    if (ev.bstate & BUTTON4_PRESSED)
        return view->wheel(view->ctx, 3); /* wheel up: towards the top of the screen */
#ifdef BUTTON5_PRESSED
    if (ev.bstate & BUTTON5_PRESSED)
        return view->wheel(view->ctx, -3);
#endif
    return 0;
}
