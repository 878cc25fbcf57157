/* tui_signal.c - signals, the emergency terminal restore and the atexit guard.
 *
 * Signal handlers can only talk to the program through static storage, so
 * this file holds src/tui's only mutable globals: the two flags the loop
 * polls, and (in one struct) what the fatal-signal and atexit paths need to
 * put the terminal back without curses: the saved termios and the terminfo
 * reset sequences, written with write(2) and tcsetattr(3), which are
 * async-signal-safe, unlike endwin.
 *
 *   SIGINT SIGTERM SIGHUP SIGQUIT  set tui_sig_pending; the loop (which polls
 *                                  every 200 ms) leaves curses and re-raises
 *                                  the signal. A second one before that
 *                                  (the loop is stuck) restores and dies now.
 *   SIGCONT                        set tui_sig_continued: redraw, size check.
 *   SIGSEGV SIGBUS SIGILL SIGFPE   restore the terminal, replay captured
 *   SIGABRT                        stderr (an out-of-memory message), then
 *                                  hand the signal to the previous handler
 *                                  (default: die; or a sanitizer's report).
 *   SIGTSTP SIGWINCH               left to curses (it suspends/resumes and
 *                                  turns resizes into KEY_RESIZE).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "tui_internal.h"

static volatile sig_atomic_t tui_sig_pending;   /* terminating signal caught, 0 = none */
static volatile sig_atomic_t tui_sig_continued; /* SIGCONT since the last poll */

static const int tui_sig_terminating[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static const int tui_sig_fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
#define TUI_NTERM (sizeof tui_sig_terminating / sizeof tui_sig_terminating[0])
#define TUI_NFATAL (sizeof tui_sig_fatal / sizeof tui_sig_fatal[0])

static struct {
    volatile sig_atomic_t armed; /* curses mode is on: the guards must restore */
    int fd;                      /* the terminal curses writes to */
    struct termios termios;      /* its modes before curses */
    char reset[512];             /* sequences that undo curses' screen modes */
    size_t reset_len;
    int stderr_saved;            /* the real stderr while captured, else -1 */
    int stderr_tmp;              /* the unlinked file capturing it, else -1 */
    bool installed;
    bool atexit_registered;
    bool replaced_term[TUI_NTERM], replaced_fatal[TUI_NFATAL], replaced_cont;
    struct sigaction old_term[TUI_NTERM], old_fatal[TUI_NFATAL], old_cont;
} tui_guard = { .fd = -1, .stderr_saved = -1, .stderr_tmp = -1 };

/* ---- restoring without curses (async-signal-safe) ------------------------ */

static void tui_write_all(int fd, const char *s, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, s, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        s += n;
        len -= (size_t)n;
    }
}

/* Put stderr back and copy what was captured to it. */
static void tui_stderr_replay(void)
{
    if (tui_guard.stderr_saved < 0)
        return;
    int tmp = tui_guard.stderr_tmp;
    dup2(tui_guard.stderr_saved, STDERR_FILENO);
    close(tui_guard.stderr_saved);
    tui_guard.stderr_saved = -1;
    tui_guard.stderr_tmp = -1;
    if (tmp < 0)
        return;
    char buf[4096];
    if (lseek(tmp, 0, SEEK_SET) == 0) {
        ssize_t n;
        while ((n = read(tmp, buf, sizeof buf)) > 0)
            tui_write_all(STDERR_FILENO, buf, (size_t)n);
    }
    close(tmp);
}

static void tui_emergency_restore(void)
{
    int saved_errno = errno;
    if (tui_guard.armed) {
        tui_guard.armed = 0;
        tui_write_all(tui_guard.fd, tui_guard.reset, tui_guard.reset_len);
        tcsetattr(tui_guard.fd, TCSANOW, &tui_guard.termios);
    }
    tui_stderr_replay();
    errno = saved_errno;
}

static void tui_die_of(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

/* ---- handlers ------------------------------------------------------------ */

static void tui_on_terminate(int sig)
{
    if (tui_sig_pending) {
        /* The loop did not get to the first one: do not make the user wait. */
        tui_emergency_restore();
        tui_die_of(sig);
        return;
    }
    tui_sig_pending = sig;
}

static void tui_on_continue(int sig)
{
    (void)sig;
    tui_sig_continued = 1;
}

static void tui_on_fatal(int sig, siginfo_t *info, void *context)
{
    (void)context;
    tui_emergency_restore();
    /* Hand the signal to whoever had it before us: the default action (a
     * core dump) or a sanitizer, whose report now reaches the real stderr. */
    for (size_t i = 0; i < TUI_NFATAL; i++)
        if (tui_sig_fatal[i] == sig && tui_guard.replaced_fatal[i])
            sigaction(sig, &tui_guard.old_fatal[i], NULL);
    if (info && info->si_code > 0 && sig != SIGABRT)
        return; /* a real fault: the instruction runs again and faults under the old handler */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig); /* sent by kill or abort() */
    /* cppcheck takes raise() for noreturn; it returns when the old handler
     * (a sanitizer's, say) returns, and then this line runs. */
    // cppcheck-suppress unreachableCode
    tui_die_of(sig); /* the old handler returned: end as the signal's default does */
}

static void tui_atexit_guard(void)
{
    /* exit() while curses was on (nothing in flamex does that, but a library
     * might): leave curses properly, we are not in a signal handler. */
    if (tui_guard.armed) {
        tui_guard.armed = 0;
        if (!isendwin())
            endwin();
    }
    tui_stderr_replay();
}

static bool tui_handle(int sig, void (*fn)(int), void (*info_fn)(int, siginfo_t *, void *),
                       struct sigaction *old)
{
    if (sigaction(sig, NULL, old) != 0 || old->sa_handler == SIG_IGN)
        return false; /* ignored at startup (nohup, background job): keep it so */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (info_fn) {
        sa.sa_sigaction = info_fn;
        sa.sa_flags = SA_SIGINFO;
    } else {
        sa.sa_handler = fn;
        sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns at once */
    }
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < TUI_NTERM; i++)
        sigaddset(&sa.sa_mask, tui_sig_terminating[i]);
    return sigaction(sig, &sa, NULL) == 0;
}

void tui_signals_install(void)
{
    if (tui_guard.installed)
        return;
    tui_sig_pending = 0;
    tui_sig_continued = 0;
    for (size_t i = 0; i < TUI_NTERM; i++)
        tui_guard.replaced_term[i] =
            tui_handle(tui_sig_terminating[i], tui_on_terminate, NULL, &tui_guard.old_term[i]);
    for (size_t i = 0; i < TUI_NFATAL; i++)
        tui_guard.replaced_fatal[i] =
            tui_handle(tui_sig_fatal[i], NULL, tui_on_fatal, &tui_guard.old_fatal[i]);
    tui_guard.replaced_cont = tui_handle(SIGCONT, tui_on_continue, NULL, &tui_guard.old_cont);
    if (!tui_guard.atexit_registered)
        tui_guard.atexit_registered = atexit(tui_atexit_guard) == 0;
    tui_guard.installed = true;
}

void tui_signals_restore(void)
{
    if (!tui_guard.installed)
        return;
    for (size_t i = 0; i < TUI_NTERM; i++)
        if (tui_guard.replaced_term[i])
            sigaction(tui_sig_terminating[i], &tui_guard.old_term[i], NULL);
    for (size_t i = 0; i < TUI_NFATAL; i++)
        if (tui_guard.replaced_fatal[i])
            sigaction(tui_sig_fatal[i], &tui_guard.old_fatal[i], NULL);
    if (tui_guard.replaced_cont)
        sigaction(SIGCONT, &tui_guard.old_cont, NULL);
    tui_guard.installed = false;
}

int tui_signal_pending(void)
{
    return (int)tui_sig_pending;
}

bool tui_signal_take_continued(void)
{
    if (!tui_sig_continued)
        return false;
    tui_sig_continued = 0;
    return true;
}

void tui_signal_reraise(void)
{
    int sig = (int)tui_sig_pending;
    if (!sig)
        return;
    fflush(NULL);
    tui_die_of(sig);
}

/* ---- arming the guards --------------------------------------------------- */

/* Append terminfo string capability cap to the reset sequence, without its
 * padding ("$<5>"), which only a terminfo interpreter understands. */
static void tui_guard_add(const char *cap)
{
    const char *s = tigetstr(cap);
    if (!s || s == (const char *)-1)
        return;
    while (*s) {
        if (s[0] == '$' && s[1] == '<') {
            const char *end = strchr(s, '>');
            if (end) {
                s = end + 1;
                continue;
            }
        }
        if (tui_guard.reset_len + 1 >= sizeof tui_guard.reset)
            return;
        tui_guard.reset[tui_guard.reset_len++] = *s++;
    }
}

void tui_guard_arm(int fd, const void *saved_termios, bool mouse)
{
    tui_guard.armed = 0;
    tui_guard.fd = fd;
    memcpy(&tui_guard.termios, saved_termios, sizeof tui_guard.termios);
    tui_guard.reset_len = 0;
    tui_guard_add("sgr0");  /* attributes off */
    if (mouse) {
        const char *kmous = tigetstr("kmous");
        if (kmous && kmous != (const char *)-1 && kmous[0] == '\033' && kmous[1] == '[') {
            static const char off[] = "\033[?1006l\033[?1002l\033[?1000l"; /* xterm mouse off */
            if (tui_guard.reset_len + sizeof off < sizeof tui_guard.reset) {
                memcpy(tui_guard.reset + tui_guard.reset_len, off, sizeof off - 1);
                tui_guard.reset_len += sizeof off - 1;
            }
        }
    }
    tui_guard_add("rmkx");  /* keypad back to normal */
    tui_guard_add("cnorm"); /* cursor visible */
    tui_guard_add("rmcup"); /* leave the alternate screen */
    tui_guard.armed = 1;
}

void tui_guard_disarm(void)
{
    tui_guard.armed = 0;
}

/* ---- stderr capture ------------------------------------------------------ */

void tui_stderr_begin(void)
{
    if (tui_guard.stderr_saved >= 0 || !isatty(STDERR_FILENO) || tui_guard.fd < 0)
        return;
    /* Only when stderr is the terminal curses draws on. */
    struct stat a, b;
    if (fstat(STDERR_FILENO, &a) != 0 || fstat(tui_guard.fd, &b) != 0 || a.st_rdev != b.st_rdev)
        return;
    FILE *tmp = tmpfile();
    if (!tmp)
        return;
    int tmpfd = dup(fileno(tmp));
    fclose(tmp); /* the dup keeps the unlinked file open */
    if (tmpfd < 0)
        return;
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    if (saved < 0 || dup2(tmpfd, STDERR_FILENO) < 0) {
        if (saved >= 0)
            close(saved);
        close(tmpfd);
        return;
    }
    tui_guard.stderr_tmp = tmpfd;
    tui_guard.stderr_saved = saved;
}

void tui_stderr_end(void)
{
    fflush(stderr);
    tui_stderr_replay();
}
