/* tui_curses.h - the one place that includes curses (wide-character API). */
#ifndef FLAMEX_TUI_CURSES_H
#define FLAMEX_TUI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

#endif
