#!/bin/sh
# hardening.sh - flamex in a hostile terminal: signals, a dropped link, job
# control, resize storms, pasted bursts of keys, and frame names that try to
# talk to the terminal. tmux runs flamex in detached panes of a private server;
# the test reads the screen with capture-pane and tmux's own view of the
# terminal state with display -p formats. Speaks TAP. See tests/tui/e2e.sh for
# what is assumed about the screen (breadcrumb on row 1, two status rows).
#
# FLAMEX_E2E_TIMEOUT (tenths of a second, default 50) bounds every wait; the
# valgrind run raises it, and sets FLAMEX_TEST_NO_SIGTSTP (valgrind never
# stops on Ctrl-Z) to skip the job-control tests. FLAMEX_BURST (default 400) is the length of the
# pasted key bursts.
set -u
unset TMUX # a private server even when run from inside tmux
BIN=${FLAMEX_BIN:-./flamex}
SAMPLES=${FLAMEX_SAMPLES:-sample-profiles}
DATA=${FLAMEX_TEST_DATA:-tests/data}
TIMEOUT=${FLAMEX_E2E_TIMEOUT:-50}
BURST=${FLAMEX_BURST:-400}

if ! command -v tmux >/dev/null 2>&1; then
    echo "1..0 # SKIP no tmux"
    exit 0
fi
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $SAMPLES in /*) ;; *) SAMPLES=$(pwd)/$SAMPLES ;; esac
case $DATA in /*) ;; *) DATA=$(pwd)/$DATA ;; esac
PROFILE=$SAMPLES/recommendation-api.folded
TERM_FOLDED=$DATA/bad/term-escapes.folded
TERM_PERF=$DATA/bad/term-escapes.perf
TMP=$(mktemp -d "${TMPDIR:-/tmp}/flamex-hard.XXXXXX")
SOCKET=flamex-hard-$$

tm() { tmux -u -L "$SOCKET" -f /dev/null "$@"; }
cleanup() {
    sock=$(tm display -p '#{socket_path}' 2>/dev/null)
    tm kill-server >/dev/null 2>&1
    [ -n "$sock" ] && rm -f "$sock"
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { # DESC CMD...: ok if CMD succeeds, else show the screen of $S
    desc=$1
    shift
    if "$@"; then ok "$desc"; else
        not_ok "$desc"
        echo "# screen of $S:"
        screen | sed 's/^/#   |/'
    fi
}

S=none
# A session that keeps the server up; names may rename windows and set the
# clipboard (both off by default), so that the tests below can see it if a
# frame name does.
tm new-session -d -s keep "sleep 3600" \; set-option -g allow-rename on \; \
    set-option -g set-clipboard on
screen() { tm capture-pane -p -t "$S"; }
fmt() { tm display -p -t "$S" "$1"; }
poll() { # CMD...: retry until it succeeds or TIMEOUT tenths of a second pass
    i=0
    while ! "$@"; do
        i=$((i + 1))
        [ "$i" -ge "$TIMEOUT" ] && return 1
        sleep 0.1
    done
}
has() { screen | grep -qF -- "$1"; }
fmt_is() { [ "$(fmt "$1")" = "$2" ]; }
selected_is() { [ "$(screen | tail -n 2 | head -n 1)" = "$1" ]; }
pid_of() { cat "$TMP/$1.pid" 2>/dev/null; }
alive() { p=$(pid_of "$1") && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
gone() { ! alive "$1"; }

# launcher NAME [ENV...] -- ARGS...: a script that records its pid and execs
# flamex (through env, with ENV settings) on ARGS, so the pid is known
# without guessing. Arguments must not contain a single quote.
launcher() {
    name=$1
    shift
    cmd="exec env"
    while [ "$1" != -- ]; do cmd="$cmd '$1'"; shift; done
    shift
    cmd="$cmd '$BIN'"
    for a in "$@"; do cmd="$cmd '$a'"; done
    printf 'echo $$ >"%s"\n%s\n' "$TMP/$name.pid" "$cmd" >"$TMP/run-$name.sh"
    rm -f "$TMP/$name.pid" "$TMP/$name.rc" "$TMP/$name.before" "$TMP/$name.after"
}
# start NAME [ENV...] -- ARGS...: a 120x40 session whose shell records the
# terminal modes (stty -a) before flamex starts and after it ends, and how it
# ended. The shell traps INT so that Ctrl-C meant for flamex spares it
# (trapped signals are reset to their default in flamex, as usual). Before
# flamex starts, the shell sets the pane title to title-NAME; the window is
# named win-NAME.
start() {
    launcher "$@"
    S=$1
    tm new-session -d -s "$S" -n "win-$S" -x 120 -y 40 \
        "printf '\\033]2;title-$S\\007'; trap : INT; ulimit -c 0; stty -a >'$TMP/$S.before';
         sh '$TMP/run-$S.sh'; echo \$? >'$TMP/$S.rc'; stty -a >'$TMP/$S.after'; echo DONE;
         sleep 600"
}
ended_with() { [ -s "$TMP/$S.after" ] && [ "$(cat "$TMP/$S.rc")" = "$1" ]; }

# same_modes A B: two `stty -a` outputs are equal but for the size (which a
# resize test changes on purpose).
same_modes() {
    sed 's/rows [0-9]*; columns [0-9]*;//' "$1" >"$1.nosize"
    sed 's/rows [0-9]*; columns [0-9]*;//' "$2" >"$2.nosize"
    cmp -s "$1.nosize" "$2.nosize"
}
# terminal_sane DESC: flamex has ended and left the terminal as it found it.
terminal_sane() {
    check "$1: stty -a after equals stty -a before" same_modes "$TMP/$S.before" "$TMP/$S.after"
    if ! same_modes "$TMP/$S.before" "$TMP/$S.after"; then
        diff "$TMP/$S.before" "$TMP/$S.after" 2>&1 | sed 's/^/#   /'
    fi
    check "$1: normal screen (alternate screen off)" fmt_is '#{alternate_on}' 0
    check "$1: cursor visible" fmt_is '#{cursor_flag}' 1
    check "$1: mouse reporting off" fmt_is '#{mouse_any_flag}' 0
    check "$1: keypad modes off" fmt_is '#{keypad_cursor_flag}#{keypad_flag}' 00
    check "$1: the process is gone" gone "$S"
}

# dump_is ARGS...: the screen of $S is, as text, what `flamex --dump` renders
# at the pane's size with ARGS (e.g. --keys=... FILE).
dump_is() {
    size=$(fmt '#{pane_width}x#{pane_height}')
    "$BIN" --dump --size "$size" "$@" >"$TMP/dump" 2>"$TMP/dump.err" || return 1
    screen >"$TMP/screen"
    cmp -s "$TMP/screen" "$TMP/dump"
}
check_dump() { # DESC ARGS...
    desc=$1
    shift
    if poll dump_is "$@"; then ok "$desc"; else
        not_ok "$desc"
        diff "$TMP/dump" "$TMP/screen" | sed 's/^/#   /' | head -40
        sed 's/^/#   /' "$TMP/dump.err"
    fi
}

# ---- ending flamex: q, Ctrl-C, Ctrl-\, SIGTERM, SIGHUP -----------------------
# Each must give the shell back its exact terminal modes (stty -a, byte for
# byte), the normal screen, a visible cursor, and the status of the signal.
ends() { # NAME HOW STATUS
    start "$1" -- "$PROFILE"
    poll has handle_request
    tm send-keys -t "$1" k
    poll selected_is handle_request
    case $2 in
    key:*) tm send-keys -t "$1" "${2#key:}" ;;
    sig:*) p=$(pid_of "$1") && [ -n "$p" ] && kill -s "${2#sig:}" "$p" ;;
    esac
    check "$1: ends with status $3" poll ended_with "$3"
    terminal_sane "$1"
}
ends quit key:q 0
ends ctrl-c key:C-c 130
ends ctrl-backslash 'key:C-\' 131
ends sigterm sig:TERM 143
ends sighup sig:HUP 129

# ---- the link drops: the pane (the pty master, like sshd's) goes away -------
# The kernel hangs the terminal up: the session leader (the pane's shell) gets
# SIGHUP and dies of it, then the foreground process group gets SIGHUP. Reads
# fail from the moment of the hangup, so flamex ends either by the signal
# (129) or by noticing the lost terminal first (2); it must end at once, not
# spin on failing reads or hang. A shell between the two that ignores the
# hangup (its trap is reset to the default in flamex) records the status.
S=drop
launcher drop -- "$PROFILE"
printf 'trap : HUP\nsh "%s"\necho $? >"%s"\n' "$TMP/run-drop.sh" "$TMP/drop.rc" >"$TMP/drop.sh"
tm new-session -d -s drop -x 120 -y 40 "sh '$TMP/drop.sh'"
poll has handle_request
tm kill-session -t drop
check "link dropped: flamex ends" poll gone drop
check "link dropped: by SIGHUP (129) or as a lost terminal (2)" \
    poll sh -c "grep -qx '129\|2' '$TMP/drop.rc' 2>/dev/null"
echo "# link dropped: exit status $(cat "$TMP/drop.rc" 2>/dev/null)"

# ---- Ctrl-Z and fg, twice, in a job-control shell ------------------------------
S=jobs
tm new-session -d -s jobs -x 120 -y 40 "env PS1='hard-prompt> ' ENV= sh -i"
prompt_back() { screen | sed '/^$/d' | tail -n 1 | grep -qx 'hard-prompt>'; }
if [ -n "${FLAMEX_TEST_NO_SIGTSTP:-}" ]; then # why a process cannot be stopped here
    skip "Ctrl-Z and fg" "$FLAMEX_TEST_NO_SIGTSTP"
elif poll has "hard-prompt>"; then
    launcher jobs -- "$PROFILE"
    tm send-keys -t jobs "stty -a >'$TMP/jobs.before'" Enter
    poll prompt_back
    tm send-keys -t jobs "sh '$TMP/run-jobs.sh'" Enter
    poll has handle_request
    tm send-keys -t jobs k
    poll selected_is handle_request
    for round in 1 2; do
        tm send-keys -t jobs C-z
        check "Ctrl-Z ($round): the shell is back" poll prompt_back
        check "Ctrl-Z ($round): flamex is stopped, not ended" alive jobs
        check "Ctrl-Z ($round): normal screen" fmt_is '#{alternate_on}' 0
        check "Ctrl-Z ($round): cursor visible" fmt_is '#{cursor_flag}' 1
        check "Ctrl-Z ($round): mouse reporting off" fmt_is '#{mouse_any_flag}' 0
        rm -f "$TMP/jobs.stopped"
        tm send-keys -t jobs "stty -a >'$TMP/jobs.stopped'" Enter
        poll sh -c "[ -s '$TMP/jobs.stopped' ]"
        check "Ctrl-Z ($round): stty -a equals stty -a before flamex" \
            same_modes "$TMP/jobs.before" "$TMP/jobs.stopped"
        tm send-keys -t jobs fg Enter
        check "fg ($round): the graph is back, selection kept" poll selected_is handle_request
        check "fg ($round): alternate screen again" fmt_is '#{alternate_on}' 1
        check "fg ($round): cursor hidden again" fmt_is '#{cursor_flag}' 0
        check_dump "fg ($round): the screen is exactly what --dump shows" --keys=k "$PROFILE"
    done
    tm send-keys -t jobs q
    poll prompt_back
    tm send-keys -t jobs "echo \$? >'$TMP/jobs.rc'; stty -a >'$TMP/jobs.after'" Enter
    S=jobs
    check "fg: q ends with status 0" poll ended_with 0
    terminal_sane "Ctrl-Z/fg"
else
    skip "Ctrl-Z and fg" "no interactive sh with job control"
fi

# ---- resize storms -------------------------------------------------------------
# Many resizes in one tmux command (no pause between them), down to 1x1 and
# back; keys typed in the middle of the storm must not be lost. Afterwards
# the screen must be exactly what --dump shows at the final size, flamex
# alive. storm N FINAL_COLS FINAL_ROWS [KEY]: N resizes through a cycle of
# sizes, KEY sent after every 10th, then the final size.
storm() {
    sizes="1x1 2x1 1x2 3x3 200x60 80x24 10x5 300x100 1x40 120x1 40x12 7x3"
    set -- "$1" "$2" "$3" "${4:-}"
    cmds=""
    i=0
    while [ "$i" -lt "$1" ]; do
        for sz in $sizes; do
            [ "$i" -ge "$1" ] && break
            cmds="$cmds resize-window -t $S -x ${sz%x*} -y ${sz#*x} ;"
            i=$((i + 1))
            if [ -n "$4" ] && [ $((i % 10)) -eq 0 ]; then cmds="$cmds send-keys -t $S $4 ;"; fi
        done
    done
    cmds="$cmds resize-window -t $S -x $2 -y $3"
    # shellcheck disable=SC2086 # one word per tmux argument, ";" separates commands
    tm $cmds
}
start storm -- "$PROFILE"
poll has handle_request
t0=$(date +%s)
storm 120 100 30
t1=$(date +%s)
check "storm: 120 resizes took at most 2 s ($((t1 - t0)) s)" [ $((t1 - t0)) -le 2 ]
check "storm: flamex is alive" alive storm
check_dump "storm: at 100x30 the screen is exactly what --dump shows" "$PROFILE"
storm 60 1 1
poll sh -c "[ \"\$(tmux -u -L '$SOCKET' capture-pane -p -t storm | wc -l)\" -eq 1 ]"
check "storm ending at 1x1: flamex is alive" alive storm
tm resize-window -t storm -x 120 -y 40
check_dump "storm: back at 120x40, the screen is exactly what --dump shows" "$PROFILE"
# Keys inside the storm: six k (one after every 10th resize), in order.
storm 60 90 25 k
check "storm with keys: flamex is alive" alive storm
check_dump "storm with keys: keys kept, screen as --dump shows after kkkkkk" \
    --keys=kkkkkk "$PROFILE"
tm send-keys -t storm q
check "storm: q ends with status 0" poll ended_with 0
terminal_sane "storm"

# ---- pasted bursts -------------------------------------------------------------
# A long run of keys arriving at once (one send-keys, one paste-buffer) is
# handled key by key, in order: the screen equals --dump after the same keys.
# Keys: moves, zoom in and back, search with typing, sidebar, focus, shapes,
# help; not q (quit), i (its panel takes q) or Esc (with the next byte it
# would be Alt+key, as in any terminal).
burst_keys() { # N SEED: N keys, pseudo-random, printed in two notations
    awk -v n="$1" -v seed="$2" 'BEGIN {
        split("h j k l h j k l k k l h CR BS / n N H S c z TAB p ? g G [ ] r o s x", k, " ")
        m = 0; for (x in k) m++
        srand(seed); raw = ""; vim = ""
        for (i = 0; i < n; i++) {
            c = k[1 + int(rand() * m)]
            if (c == "CR") { raw = raw "\r"; vim = vim "<Enter>" }
            else if (c == "BS") { raw = raw "\177"; vim = vim "<BS>" }
            else if (c == "TAB") { raw = raw "\t"; vim = vim "<Tab>" }
            else { raw = raw c; vim = vim c }
        }
        printf "%s\n%s\n", raw, vim }'
}
burst_keys "$BURST" 7 >"$TMP/burst1"
raw1=$(sed -n 1p "$TMP/burst1")
vim1=$(sed -n 2p "$TMP/burst1")
start paste -- "$PROFILE"
poll has handle_request
tm send-keys -t paste -l "$raw1"
check_dump "burst of $BURST keys in one send-keys: screen as --dump after the same keys" \
    "--keys=$vim1" "$PROFILE"
check "burst: flamex is alive" alive paste
burst_keys "$BURST" 11 >"$TMP/burst2"
raw2=$(sed -n 1p "$TMP/burst2")
vim2=$(sed -n 2p "$TMP/burst2")
# paste-buffer turns LF into CR: the raw keys hold no LF. Exact bytes with -r.
printf '%s' "$raw2" >"$TMP/burst2.raw"
tm load-buffer -b burst "$TMP/burst2.raw"
tm paste-buffer -r -d -b burst -t paste
check_dump "burst of $BURST more keys by paste-buffer: screen as --dump after all keys" \
    "--keys=$vim1$vim2" "$PROFILE"
kill -TERM "$(pid_of paste)"
check "burst: SIGTERM ends it with status 143" poll ended_with 143
terminal_sane "burst"

# ---- names that talk to the terminal -------------------------------------------
# The profiles below carry OSC (title, window name, clipboard, hyperlink), CSI
# (cursor moves, clear, scroll region, alternate screen, cursor visibility),
# DCS passthrough, ESC 7/8 and ESC c, C0 (CR, BS, TAB, BEL), C1 as UTF-8 and
# as raw bytes, and bidi and line-separator characters. They were made with
# these printf commands (the test checks that the files still match them).
term_folded() {
    printf 'p01;\033]0;pwned-osc0\007a 40\n'
    printf 'p02;\033]2;pwned-osc2\033\\b 39\n'
    printf 'p03;c\033[5;5Hd 38\n'
    printf 'p04;e\033[2Jf 37\n'
    printf 'p05;g\302\233?1049lh 36\n'
    printf 'p06;\302\2352;pwned-c1\302\234i 35\n'
    printf 'p07;j\233?25hk 34\n'
    printf 'p08;\2352;pwned-raw\007l 33\n'
    printf 'p09;abc\342\200\256fed 32\n'
    printf 'p10;\342\201\246iso\342\201\251m 31\n'
    printf 'p11;\033[?1049l\033[?25hn 30\n'
    printf 'p12;o\0337\033cp\0338 29\n'
    printf 'p13;\033kpwned-name\033\\q 28\n'
    printf 'p14;\033Ptmux;\033\033]2;pwned-dcs\007\033\\r 27\n'
    printf 'p15;s\rt\bu\tv\007w 26\n'
    printf 'p16;x\342\200\250y\342\200\251z\342\200\217A\330\234B 25\n'
    printf 'p17;\033]52;c;cHduZWQ=\007C 24\n'
    printf 'p18;\033[1;3r\033[10LD 23\n'
    printf 'p19;E\302\205F\302\204G 22\n'
    printf 'p20;\033]8;;http://x/\033\\H\033]8;;\033\\ 21\n'
}
# In folded input ";" separates frames, so the OSC sequences above arrive in
# pieces; perf script keeps a whole sequence in the comm (the root frame).
term_perf() {
    printf 'app\033]0;pwned-comm\007 4242 1000.000001:     9 cpu-clock:uhH: \n'
    printf '\t          400010 \033]0;pwned-osc0\007a+0x10 (/usr/bin/app)\n'
    printf '\t          400020 main+0x10 (/usr/bin/app)\n\n'
    printf 'app 4242 1000.000002:     8 cpu-clock:uhH: \n'
    printf '\t          400030 \033]2;pwned-osc2\033\\b+0x10 (/usr/bin/app)\n'
    printf '\t          400020 main+0x10 (/usr/bin/app)\n\n'
    printf 'app 4242 1000.000003:     7 cpu-clock:uhH: \n'
    printf '\t          400040 c\033[5;5Hd+0x10 (/usr/bin/app)\n'
    printf '\t          400020 main+0x10 (/usr/bin/app)\n\n'
    printf 'app 4242 1000.000004:     6 cpu-clock:uhH: \n'
    printf '\t          400050 \033]52;c;cHduZWQ=\007e+0x10 (/usr/bin/app)\n'
    printf '\t          400020 main+0x10 (/usr/bin/app)\n\n'
    printf 'app 4242 1000.000005:     5 cpu-clock:uhH: \n'
    printf '\t          400060 \302\2350;pwned-c1\302\234f+0x10 (/usr/bin/app)\n'
    printf '\t          400020 main+0x10 (/usr/bin/app)\n\n'
    printf 'app 4242 1000.000006:     4 cpu-clock:uhH: \n'
    printf '\t          400070 \2350;pwned-raw\007g+0x10 (/usr/bin/app)\n'
    printf '\t          400020 main+0x10 (/usr/bin/app)\n\n'
    printf 'app 4242 1000.000007:     3 cpu-clock:uhH: \n'
    printf '\t          400080 \033Ptmux;\033\033]2;pwned-dcs\007\033\\h+0x10 (/usr/bin/app)\n'
    printf '\t          400020 main+0x10 (/usr/bin/app)\n\n'
    printf 'app 4242 1000.000008:     2 cpu-clock:uhH: \n'
    printf '\t          400090 \033]8;;http://x/\033\\i\033]8;;\033\\+0x10 (/usr/bin/app)\n'
    printf '\t          400020 main+0x10 (/usr/bin/app)\n\n'
    printf 'app 4242 1000.000009:     1 cpu-clock:uhH: \n'
    printf '\t          4000a0 j\342\200\256k\342\201\246l\342\201\251+0x10 (/usr/bin/app)\n'
    printf '\t          400020 main+0x10 (/usr/bin/app)\n\n'
}
# The same profile as term_folded with every name replaced by its display
# form (flamex/utf8.h) typed as plain ASCII: flamex must draw both alike,
# cell for cell, with the cursor in the same place. Siblings differ only
# below distinct parents p01..p20, so the sort order cannot differ.
cat >"$TMP/twin.folded" <<'EOF'
p01;\x1b]0;pwned-osc0\x07a 40
p02;\x1b]2;pwned-osc2\x1b\b 39
p03;c\x1b[5;5Hd 38
p04;e\x1b[2Jf 37
p05;g\u009b?1049lh 36
p06;\u009d2;pwned-c1\u009ci 35
p07;j\x9b?25hk 34
p08;\x9d2;pwned-raw\x07l 33
p09;abc\u202efed 32
p10;\u2066iso\u2069m 31
p11;\x1b[?1049l\x1b[?25hn 30
p12;o\x1b7\x1bcp\x1b8 29
p13;\x1bkpwned-name\x1b\q 28
p14;\x1bPtmux;\x1b\x1b]2;pwned-dcs\x07\x1b\r 27
p15;s\x0dt\x08u\x09v\x07w 26
p16;x\u2028y\u2029z\u200fA\u061cB 25
p17;\x1b]52;c;cHduZWQ=\x07C 24
p18;\x1b[1;3r\x1b[10LD 23
p19;E\u0085F\u0084G 22
p20;\x1b]8;;http://x/\x1b\H\x1b]8;;\x1b\ 21
EOF
term_folded >"$TMP/term.folded"
term_perf >"$TMP/term.perf"
check "the checked-in term-escapes.folded is what term_folded prints" cmp -s "$TMP/term.folded" "$TERM_FOLDED"
check "the checked-in term-escapes.perf is what term_perf prints" cmp -s "$TMP/term.perf" "$TERM_PERF"

# Which of tmux's detectors work here? A control pane prints the raw bytes
# (as `cat` would): each state it changes is one the flamex panes are then
# checked against, so those checks are known to be able to fail; the others
# are skipped. (allow-rename and set-clipboard are on, see the top.)
S=control
tm new-session -d -s control -n win-control -x 120 -y 40 \
    "printf '\\033]2;title-control\\007'; cat '$TERM_PERF' '$TERM_FOLDED'; sleep 600"
poll has p20
sleep 0.3
detect_title=0 detect_name=0 detect_clip=0
fmt_is '#{pane_title}' title-control || detect_title=1
fmt_is '#{window_name}' win-control || detect_name=1
[ -n "$(tm list-buffers)" ] && detect_clip=1
echo "# raw bytes in a pane: title changed=$detect_title, window renamed=$detect_name, clipboard set=$detect_clip"
tm kill-session -t control
while [ -n "$(tm list-buffers)" ]; do tm delete-buffer || break; done

# no_controls NAME: the screen of NAME holds no C1 control (U+0080..U+009F),
# bidi control (U+200E U+200F U+202A..U+202E U+2066..U+2069 U+061C) or line
# or paragraph separator (U+2028 U+2029), as UTF-8 bytes.
no_controls() {
    re=$(printf '\302[\200-\237]\|\342\200[\216\217\250-\256]\|\342\201[\246-\251]\|\330\234')
    ! tm capture-pane -p -t "$1" | LC_ALL=C grep -q "$re"
}
untouched() { # NAME: the pane's title, window name, clipboard and modes are flamex's own
    if [ "$detect_title" = 1 ]; then check "$1: pane title unchanged" fmt_is '#{pane_title}' "title-$1"
    else skip "$1: pane title unchanged" "raw OSC 2 does not change it in this tmux"; fi
    if [ "$detect_name" = 1 ]; then check "$1: window name unchanged" fmt_is '#{window_name}' "win-$1"
    else skip "$1: window name unchanged" "raw ESC k does not change it in this tmux"; fi
    if [ "$detect_clip" = 1 ]; then check "$1: no paste buffer created (OSC 52)" [ -z "$(tm list-buffers)" ]
    else skip "$1: no paste buffer created" "raw OSC 52 does not create one in this tmux"; fi
    check "$1: still on the alternate screen" fmt_is '#{alternate_on}' 1
    check "$1: cursor still hidden" fmt_is '#{cursor_flag}' 0
    check "$1: no C1, bidi or separator code point on the screen" no_controls "$1"
}
same_as_twin() { # DESC KEYS: the pane equals the twin's pane after KEYS, cursor too
    if [ -n "$2" ]; then
        tm send-keys -t twin -l "$2"
        tm send-keys -t evil -l "$2"
    fi
    # capture-pane -p, then the cursor position as a last line.
    snap() { tm capture-pane -p -t "$1"; tm display -p -t "$1" 'cursor #{cursor_x},#{cursor_y}'; }
    same() { snap evil >"$TMP/evil.screen" && snap twin >"$TMP/twin.screen" &&
             cmp -s "$TMP/evil.screen" "$TMP/twin.screen"; }
    if poll same; then
        ok "$1: the screen and the cursor equal the twin's (names as escaped text)"
    else
        not_ok "$1: the screen and the cursor equal the twin's (names as escaped text)"
        diff "$TMP/twin.screen" "$TMP/evil.screen" | sed 's/^/#   /' | head -30
    fi
}
start twin -- "$TMP/twin.folded"
start evil -- "$TERM_FOLDED"
S=twin
poll has p20
S=evil
check "folded: graph shows" poll has p20
check_dump "folded: screen is exactly what --dump shows" "$TERM_FOLDED"
same_as_twin "folded" ""
untouched evil
rights=$(printf '%038d' 0 | tr 0 l)
lefts=$(printf '%026d' 0 | tr 0 h)
same_as_twin "folded, after moves" "kkk$rights"
same_as_twin "folded, zoomed (breadcrumb)" "$lefts$(printf '\r')"
same_as_twin "folded, search prompt" "/p1"
same_as_twin "folded, search kept" "$(printf '\r')n"
same_as_twin "folded, help" "?"
# The sidebar ranks frames with equal values by name, and the info panel
# names the file: both differ from the twin's, so --dump is the reference.
keys="kkk$rights$lefts<Enter>/p1<Enter>n?"
tm send-keys -t evil '?' H
check_dump "folded: sidebar is exactly what --dump shows after the same keys" \
    "--keys=$keys?H" "$TERM_FOLDED"
tm send-keys -t evil c
check_dump "folded: sidebar by total is exactly what --dump shows" "--keys=$keys?Hc" "$TERM_FOLDED"
tm send-keys -t evil i
check_dump "folded: info panel is exactly what --dump shows" "--keys=$keys?Hci" "$TERM_FOLDED"
untouched evil
tm send-keys -t evil i q
check "folded: q ends with status 0" poll ended_with 0
terminal_sane "folded"
tm send-keys -t twin q

start perf -- "$TERM_PERF"
check "perf: graph shows" poll has main
check_dump "perf: screen is exactly what --dump shows" "$TERM_PERF"
tm send-keys -t perf k l
check "perf: the comm with a whole OSC 0 is shown escaped" \
    poll selected_is 'app\x1b]0;pwned-comm\x07'
tm send-keys -t perf Enter
check "perf: ... in the breadcrumb too" poll sh -c \
    "tmux -u -L '$SOCKET' capture-pane -p -t perf | head -n 1 | grep -qF 'app\\x1b]0;pwned-comm\\x07'"
tm send-keys -t perf BSpace H i
check_dump "perf: sidebar and info panel are exactly what --dump shows" \
    "--keys=kl<Enter><BS>Hi" "$TERM_PERF"
untouched perf
tm send-keys -t perf i q
check "perf: q ends with status 0" poll ended_with 0
terminal_sane "perf"

# In the C locale flamex writes ASCII only: no byte of a name goes out raw.
start ascii LC_ALL=C -- "$TERM_FOLDED"
tm send-keys -t ascii -l "kk"
poll has p20
sleep 0.3
check "C locale: only printable ASCII on the screen" sh -c \
    "! tmux -u -L '$SOCKET' capture-pane -p -t ascii | LC_ALL=C grep -q '[^ -~]'"
untouched ascii
tm send-keys -t ascii q
poll ended_with 0

echo "1..$n"
[ "$failed" -eq 0 ]
