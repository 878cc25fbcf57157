/* tui.c - open the terminal, run the event loop, put the terminal back.
 *
 * Terminal modes: cbreak (not raw: Ctrl-C stays SIGINT, Ctrl-Z SIGTSTP),
 * noecho, nonl, keypad, invisible cursor, 50 ms ESC delay, mouse clicks and
 * wheel. Keys come from /dev/tty when stdin is not the terminal (the profile
 * came from a pipe), as less does. The loop polls every TUI_POLL_MS so that a
 * terminating signal is noticed even when no key arrives.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tui.h"
#include "tui_internal.h"

#define TUI_POLL_MS 200     /* how long a key read waits before the loop looks at signals */
#define TUI_ESC_DELAY_MS 50 /* how long after ESC curses waits for the rest of a key */

/* Open the terminal's input and output streams (see tui_run). */
static int tui_open(struct tui *t, const struct tui_options *opts, struct error_record *err)
{
    bool tty_in = !opts->input_from_stdin && isatty(STDIN_FILENO);
    if (tty_in) {
        t->in = stdin;
    } else {
        t->in = fopen("/dev/tty", "re");
        if (!t->in) {
            error_set(err, "/dev/tty", ERROR_NO_POSITION,
                      "cannot open the terminal to read keys (%s); "
                      "the profile came from stdin, so keys must come from the terminal",
                      strerror(errno));
            return -1;
        }
        t->own_in = true;
    }
    if (tty_in && isatty(STDOUT_FILENO)) {
        t->out = stdout;
    } else {
        t->out = fopen("/dev/tty", "we");
        if (!t->out) {
            error_set(err, "/dev/tty", ERROR_NO_POSITION, "cannot open the terminal: %s",
                      strerror(errno));
            return -1;
        }
        t->own_out = true;
    }
    t->in_fd = fileno(t->in);
    t->out_fd = fileno(t->out);
    if (!isatty(t->in_fd) || !isatty(t->out_fd)) {
        error_set(err, "", ERROR_NO_POSITION, "the interactive view needs a terminal");
        return -1;
    }
    return 0;
}

static void tui_close(struct tui *t)
{
    if (t->own_in && t->in)
        fclose(t->in);
    if (t->own_out && t->out)
        fclose(t->out);
    t->in = t->out = NULL;
}

/* Curses modes; everything here is best effort (a terminal without an
 * invisible cursor, say, still works). */
static void tui_modes(struct tui *t)
{
    set_escdelay(TUI_ESC_DELAY_MS);
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    meta(stdscr, TRUE);
    leaveok(stdscr, TRUE);
    scrollok(stdscr, FALSE);
    curs_set(0);
    wtimeout(stdscr, TUI_POLL_MS);
    mmask_t want = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    want |= BUTTON5_PRESSED;
#endif
    t->mouse = mousemask(want, NULL) != 0;
}

/* The size the terminal has now (after a SIGCONT, when no SIGWINCH came). */
static void tui_check_size(struct tui *t)
{
    struct winsize ws;
    if (ioctl(t->out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
        (ws.ws_row != LINES || ws.ws_col != COLS))
        resizeterm(ws.ws_row, ws.ws_col); /* queues a KEY_RESIZE */
}

static double tui_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A read returned nothing: is the terminal gone (hangup, closed)? */
static bool tui_input_gone(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    if (poll(&p, 1, 0) < 0)
        return errno != EINTR && errno != EAGAIN;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* Run until quit, a terminating signal or a lost terminal; 0 or -1. */
static int tui_loop(struct tui *t, const struct view *view, struct error_record *err)
{
    unsigned flags = view->resize(view->ctx, COLS, LINES);
    int fast_errors = 0;
    for (;;) {
        if ((flags & VIEW_QUIT) || tui_signal_pending())
            return 0;
        if (tui_signal_take_continued()) {
            /* Back from Ctrl-Z: curses has restored its modes; the size may
             * have changed while we were stopped, and the screen may hold
             * whatever the shell left on it. */
            tui_check_size(t);
            clearok(curscr, TRUE);
            flags |= VIEW_REDRAW;
        }
        if (flags & VIEW_REDRAW) {
            view->draw(view->ctx, &t->frame);
            tui_blit(t, &t->frame);
        }
        flags = 0;

        wint_t wc = 0;
        double start = tui_now_ms();
        int status = wget_wch(stdscr, &wc);
        if (status == ERR) {
            /* Timeout, a signal, or no terminal any more (reads return at
             * once, forever: a hundred of those in a row mean it is gone). */
            bool fast = tui_now_ms() - start < TUI_POLL_MS / 4;
            fast_errors = fast ? fast_errors + 1 : 0;
            if (tui_input_gone(t->in_fd) || fast_errors > 100) {
                error_set(err, "", ERROR_NO_POSITION, "lost the terminal");
                return -1;
            }
            continue;
        }
        fast_errors = 0;
        if (status == KEY_CODE_YES && wc == KEY_RESIZE) {
            clearok(curscr, TRUE); /* some terminals reflow text on resize */
            flags |= view->resize(view->ctx, COLS, LINES);
            continue;
        }
        if (status == KEY_CODE_YES && wc == KEY_MOUSE) {
            flags |= tui_mouse_event(view);
            continue;
        }
        int key = tui_key_translate(status, (unsigned long)wc);
        if (key == KEYCODE_NONE || key == KEYCODE_RESIZE)
            continue;
        if (keymap_lookup(view->keymap, key) == ACTION_REDRAW)
            clearok(curscr, TRUE); /* the screen may be garbled: repaint every cell */
        flags |= view->key(view->ctx, key);
    }
}

int tui_run(const struct view *view, const struct tui_options *opts, struct error_record *err)
{
    struct tui t;
    memset(&t, 0, sizeof t);
    t.in_fd = t.out_fd = -1;
    if (tui_open(&t, opts, err) != 0) {
        tui_close(&t);
        return -1;
    }
    struct termios saved;
    if (tcgetattr(t.out_fd, &saved) != 0) {
        error_set(err, "", ERROR_NO_POSITION, "cannot read the terminal's modes: %s",
                  strerror(errno));
        tui_close(&t);
        return -1;
    }

    /* Before newterm: curses installs its own SIGINT/SIGTERM handlers only
     * where the handler is still the default one. */
    tui_signals_install();
    fflush(stdout);
    t.screen = newterm(NULL, t.out, t.in);
    if (!t.screen) {
        const char *term = getenv("TERM");
        error_set(err, "", ERROR_NO_POSITION,
                  "cannot use the terminal type '%s' (is TERM set to your terminal's type?)",
                  term ? term : "");
        tui_signals_restore();
        tui_close(&t);
        tui_signal_reraise();
        return -1;
    }
    set_term(t.screen);
    const char *cup = tigetstr("cup");
    if (!cup || cup == (const char *)-1) {
        /* TERM=dumb (an editor's shell buffer, say): curses would only scribble. */
        error_set(err, "", ERROR_NO_POSITION,
                  "the terminal type '%s' cannot move the cursor; the interactive view needs a "
                  "full-screen terminal (--top and --dump work anywhere)",
                  termname());
        endwin();
        delscreen(t.screen);
        tui_signals_restore();
        tui_close(&t);
        tui_signal_reraise();
        return -1;
    }
    tui_modes(&t);
    char note[256];
    tui_color_setup(&t, opts->color, opts->no_color, opts->theme, note, sizeof note);
    if (note[0] && view->message && !view->message[0])
        snprintf(view->message, view->message_cap, "%s", note);
    tui_guard_arm(t.out_fd, &saved, t.mouse);
    tui_stderr_begin();
    frame_init(&t.frame, COLS, LINES, view->ascii);

    int rc = tui_loop(&t, view, err);

    frame_free(&t.frame);
    /* A terminal without an alternate screen keeps the last picture: blank
     * its bottom row, where endwin leaves the cursor, for the shell's prompt
     * (as less does). */
    wattrset(stdscr, A_NORMAL);
    wmove(stdscr, LINES - 1, 0);
    wclrtoeol(stdscr);
    wrefresh(stdscr);
    if (t.mouse)
        mousemask(0, NULL);
    curs_set(1);
    endwin();
    tui_guard_disarm();
    tui_stderr_end();
    delscreen(t.screen);
    tui_close(&t);
    tui_signals_restore();
    tui_signal_reraise(); /* ended by a signal: die of it, the terminal is back */
    return rc;
}
