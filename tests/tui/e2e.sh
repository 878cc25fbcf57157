#!/bin/sh
# e2e.sh - the real binary in a real terminal: tmux runs flamex in a detached
# 120x40 pane, the test types keys with send-keys and reads the screen with
# capture-pane, like a person looking at it. Speaks TAP.
#
# What is assumed about the core's screen (match on fragments, not on layout):
#   - row 1 is the breadcrumb: "all", then "all > handle_request > ..." when
#     zoomed (the separator may be ">" or U+203A);
#   - the last two rows are the status: the selected frame's name alone on the
#     first, "VALUE (X% of total, Y% of view) self ... depth D ... ?:help q:quit"
#     on the second;
#   - flamex starts with the root ("all") selected, flame orientation, and
#     k/Up moves to a callee (up the screen), j/Down to the caller, h/l along
#     the row; Enter zooms, Backspace goes back, ? toggles help, Esc closes it;
#   - for a pprof profile, the status names the sample type "[cpu (nanoseconds)]"
#     and t cycles it; i opens an information panel with pprof's header lines
#     ("Duration: ...", "Period: ...") that i, q or Esc close.
# Every wait polls the screen (up to TIMEOUT tenths of a second) rather than
# sleeping a fixed time. `sleep 0.1` needs a sleep(1) that takes fractions
# (GNU, busybox, BSD all do).
set -u
unset TMUX # a private server even when run from inside tmux
BIN=${FLAMEX_BIN:-./flamex}
SAMPLES=${FLAMEX_SAMPLES:-sample-profiles}
DATA=${FLAMEX_TEST_DATA:-tests/data}
SRC=${FLAMEX_SRCDIR:-.}
TIMEOUT=${FLAMEX_E2E_TIMEOUT:-50}

if ! command -v tmux >/dev/null 2>&1; then
    echo "1..0 # SKIP no tmux"
    exit 0
fi
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $SAMPLES in /*) ;; *) SAMPLES=$(pwd)/$SAMPLES ;; esac
case $DATA in /*) ;; *) DATA=$(pwd)/$DATA ;; esac
# pprof's "Time:" header line is local time: the same zone for the pane and
# for the --dump runs it is compared with.
TZ=UTC
export TZ
PROFILE=$SAMPLES/recommendation-api.folded
TMP=$(mktemp -d "${TMPDIR:-/tmp}/flamex-e2e.XXXXXX")
SOCKET=flamex-test-$$

# A private server (-L), no user config (-f /dev/null), UTF-8 forced (-u).
tm() { tmux -u -L "$SOCKET" -f /dev/null "$@"; }
cleanup() {
    sock=$(tm display -p '#{socket_path}' 2>/dev/null)
    tm kill-server >/dev/null 2>&1
    [ -n "$sock" ] && rm -f "$sock" # tmux leaves the socket file behind
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check DESC CMD...: ok if CMD succeeds; otherwise show the screen of $S.
check() {
    desc=$1
    shift
    if "$@"; then ok "$desc"; else
        not_ok "$desc"
        echo "# screen of $S:"
        screen | sed 's/^/#   |/'
    fi
}

S=main # the session the helpers look at
screen() { tm capture-pane -p -t "$S"; }
row() { screen | sed -n "${1}p"; }                 # row N (1-based)
nrows() { screen | wc -l | tr -d ' '; }
selected() { screen | tail -n 2 | head -n 1; }     # status line 1: the selected frame
info() { screen | tail -n 1; }                     # status line 2
fmt() { tm display -p -t "$S" "$1"; }

# poll CMD...: retry CMD until it succeeds or TIMEOUT tenths of a second pass.
poll() {
    i=0
    while ! "$@"; do
        i=$((i + 1))
        [ "$i" -ge "$TIMEOUT" ] && return 1
        sleep 0.1
    done
    return 0
}
has() { screen | grep -qF -- "$1"; }
selected_is() { [ "$(selected)" = "$1" ]; }
selected_not() { s=$(selected) && [ -n "$s" ] && [ "$s" != "$1" ]; }
row_is() { [ "$(row "$1")" = "$2" ]; }
row_has() { row "$1" | grep -qF -- "$2"; }
info_has() { info | grep -qF -- "$1"; }
size_is() { [ "$(nrows)" -eq "$1" ] && [ "$(info | awk '{ print length($0) }')" -eq "$2" ]; }

# start NAME CMD: run CMD in a new 120x40 session inside a shell that reports
# how flamex ended and what the terminal modes are afterwards. The shell traps
# INT so that a Ctrl-C meant for flamex does not end the shell too.
start() {
    S=$1
    tm new-session -d -s "$1" -x 120 -y 40 \
        "trap : INT; $2; echo EXITED \$?; stty -a; sleep 600"
}
# modes_sane DESC: after flamex exited, the terminal is as a shell expects.
modes_sane() {
    check "$1: exit status line shown" poll has "EXITED"
    check "$1: echo is on" poll sh -c "tmux -u -L '$SOCKET' capture-pane -p -t '$S' | grep -q -- '[^-]echo '"
    check "$1: canonical input is on" poll sh -c "tmux -u -L '$SOCKET' capture-pane -p -t '$S' | grep -q -- '[^-]icanon'"
    check "$1: back on the normal screen" [ "$(fmt '#{alternate_on}')" = 0 ]
    check "$1: cursor visible" [ "$(fmt '#{cursor_flag}')" = 1 ]
    check "$1: mouse reporting off" [ "$(fmt '#{mouse_any_flag}')" = 0 ]
    check "$1: keypad mode off" [ "$(fmt '#{keypad_cursor_flag}#{keypad_flag}')" = 00 ]
}
exited_with() { screen | grep -q "^EXITED $1\$"; }
# flamex_pid: the pid of the flamex process in session $S (the child of its
# shell that is not the closing `sleep`). Read from /proc, which every Linux
# has, rather than ps, which a minimal Debian root lacks (no procps). A stat
# line is "PID (COMM) STATE PPID ...", and COMM may hold spaces and
# parentheses, so it is split at the last ") ".
flamex_pid() {
    pane=$(fmt '#{pane_pid}')
    for stat in /proc/[0-9]*/stat; do
        line=$(cat "$stat" 2>/dev/null) || continue
        comm=${line#*\(}
        comm=${comm%\) *}
        rest=${line##*\) }
        ppid=${rest#* }
        ppid=${ppid%% *}
        [ "$ppid" = "$pane" ] && [ "$comm" != sleep ] && echo "${line%% *}"
    done
}

# dump_is FILE [KEYS]: the screen is, cell for cell (as text), what
# `flamex --dump` renders for the same size and keys: the terminal shows the
# frame the core drew, nothing more, nothing less, nothing shifted.
dump_is() {
    size=$(fmt '#{pane_width}x#{pane_height}')
    if [ -n "${2:-}" ]; then "$BIN" --dump --size "$size" --keys "$2" "$1" >"$TMP/dump" 2>"$TMP/dump.err"
    else "$BIN" --dump --size "$size" "$1" >"$TMP/dump" 2>"$TMP/dump.err"; fi || return 1
    screen >"$TMP/screen"
    cmp -s "$TMP/screen" "$TMP/dump"
}
check_dump() { # DESC FILE [KEYS]
    if poll dump_is "$2" "${3:-}"; then ok "$1"; else
        not_ok "$1"
        diff "$TMP/dump" "$TMP/screen" | sed 's/^/#   /' | head -40
        sed 's/^/#   /' "$TMP/dump.err"
    fi
}

CHILDREN="load_user_profile parse_request run_ml_inference send_response serialize_response"
is_child() { for c in $CHILDREN; do [ "$1" = "$c" ] && return 0; done; return 1; }

# ---- the main session: look, navigate, zoom, back, resize, help, quit ------
start main "\"$BIN\" \"$PROFILE\""
check "initial screen shows handle_request" poll has handle_request
check "initial screen shows the plateau" has "_make_iterencode.<locals>._iterencode"
check "breadcrumb starts at all" row_is 1 all
check "root is selected at first" selected_is all
check "status shows value and shares" info_has "4100 samples (100% of total, 100% of view)"
check "status shows key hints" info_has "?:help q:quit"
check "status line reaches the right edge (120 columns)" size_is 40 120
check "the alternate screen is in use" [ "$(fmt '#{alternate_on}')" = 1 ]
check "the cursor is hidden" [ "$(fmt '#{cursor_flag}')" = 0 ]
check_dump "initial screen is exactly what --dump shows" "$PROFILE"

tm send-keys -t main k
check "k selects handle_request" poll selected_is handle_request
check "status shows its depth" poll info_has "depth 1"
tm send-keys -t main k
check "k again selects a callee of handle_request" poll selected_not handle_request
first=$(selected)
check "it is one of handle_request's callees ($first)" is_child "$first"
tm send-keys -t main l
check "l selects the neighbour" poll selected_not "$first"
second=$(selected)
check "the neighbour is a sibling ($second)" is_child "$second"
tm send-keys -t main h
check "h comes back" poll selected_is "$first"
tm send-keys -t main Right
check "Right arrow selects the neighbour again" poll selected_is "$second"
tm send-keys -t main Left
check "Left arrow comes back" poll selected_is "$first"
tm send-keys -t main Down
check "Down arrow selects the caller" poll selected_is handle_request
tm send-keys -t main Up
check "Up arrow selects a callee" poll selected_not handle_request
tm send-keys -t main j
check "j selects the caller" poll selected_is handle_request
tm send-keys -t main k
poll selected_not handle_request
zoomed=$(selected)

tm send-keys -t main Enter
check "Enter zooms: breadcrumb shows the path" poll row_has 1 "handle_request"
check "breadcrumb ends at the zoomed frame ($zoomed)" row_has 1 "$zoomed"
check "breadcrumb starts at all" sh -c "tmux -u -L '$SOCKET' capture-pane -p -t main | head -n 1 | grep -q '^all '"
check "zoomed frame is 100% of the view" poll info_has "of total, 100% of view)"
# The zoomed bar fills the width: in its row, captured with attributes (-e)
# and trailing blanks (-N), nothing changes style after the name starts and
# the row is 120 cells long: one bar from edge to edge (assumes the label is
# drawn at the bar's left in the bar's own style).
bar_fills() {
    esc=$(printf '\033')
    line=$(tm capture-pane -p -e -N -t main | grep "^\($esc\[[0-9;:]*m\)*$1 ") || return 1
    rest=${line#*"$1"}
    case $rest in *"$esc"*) return 1 ;; esac
    [ $((${#1} + ${#rest})) -eq 120 ]
}
check "zoomed frame fills the width" bar_fills "$zoomed"
check_dump "zoomed screen is exactly what --dump shows after the same keys" "$PROFILE" \
    'kklh<Right><Left><Down><Up>jk<Enter>'

tm send-keys -t main BSpace
check "Backspace goes back: breadcrumb is all again" poll row_is 1 all
check "the selection stays, no longer 100% of the view" poll sh -c \
    "tmux -u -L '$SOCKET' capture-pane -p -t main | tail -n 1 | grep -q 'of total, [0-9.]*% of view)' &&
     ! tmux -u -L '$SOCKET' capture-pane -p -t main | tail -n 1 | grep -q ' 100% of view)'"

tm resize-window -t main -x 80 -y 24
check "resize to 80x24 redraws at the new size" poll size_is 24 80
check "after resize: graph still there" has handle_request
check "after resize: selection kept" selected_is "$zoomed"
check "after resize: hints at the right edge" sh -c \
    "tmux -u -L '$SOCKET' capture-pane -p -t main | tail -n 1 | grep -q '?:help q:quit\$'"
for size in "30 3" "12 2" "1 1" "40 5"; do
    # shellcheck disable=SC2086 # split "COLS ROWS" on purpose
    set -- $size
    tm resize-window -t main -x "$1" -y "$2"
    poll sh -c "[ \"\$(tmux -u -L '$SOCKET' capture-pane -p -t main | wc -l)\" -eq $2 ]"
done
check "still running after tiny sizes" [ -z "$(screen | grep '^EXITED')" ]
tm resize-window -t main -x 120 -y 40
check "resize back to 120x40" poll size_is 40 120
check "back at 120x40: selection kept (through 1x1)" poll selected_is "$zoomed"

tm send-keys -t main '?'
check "? shows the help screen" poll has "Zoom into the selected frame"
if [ -r "$SRC/include/flamex/view/actions.h" ]; then
    # Every action's help text, from the table itself (first 40 characters,
    # in case a narrow column cuts one).
    sed -n 's/^ *X([A-Z_]*, "[a-z-]*", "\([^"]*\)").*/\1/p' "$SRC/include/flamex/view/actions.h" |
        cut -c1-40 >"$TMP/help"
    missing=""
    while IFS= read -r text; do has "$text" || missing="$missing [$text]"; done <"$TMP/help"
    check "help shows every action's help text ($(wc -l <"$TMP/help" | tr -d ' ') actions)" \
        [ -z "$missing" ]
    [ -n "$missing" ] && echo "# missing:$missing"
else
    skip "help shows every action's help text" "no actions.h at $SRC"
fi
check "help shows the quit key" has "Quit flamex"
tm send-keys -t main '?'
check "? closes the help" poll selected_is "$zoomed"
tm send-keys -t main '?'
poll has "Zoom into the selected frame"
tm send-keys -t main Escape
# With curses' default ESC delay (1 s) this takes over a second; flamex sets 50 ms.
check "Esc closes the help, promptly (within 0.8 s)" sh -c \
    "i=0; while tmux -u -L '$SOCKET' capture-pane -p -t main | grep -qF 'Zoom into the selected frame'; do
        i=\$((i + 1)); [ \$i -ge 8 ] && exit 1; sleep 0.1; done"
check "Esc closed the help: graph is back" poll has handle_request

# Mouse: a click selects, a double click zooms (xterm or SGR encoding,
# whichever flamex asked tmux for).
click_at() { # x y (0-based) [count]
    if [ "$(fmt '#{mouse_sgr_flag}')" = 1 ]; then
        one=$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' $(($1 + 1)) $(($2 + 1)) $(($1 + 1)) $(($2 + 1)))
    else # X10: ESC [ M, then button, x, y as bytes 32 + value (+1 for 1-based)
        xy=$(awk -v x=$(($1 + 33)) -v y=$(($2 + 33)) 'BEGIN { printf "%c%c", x, y }')
        one=$(printf '\033[M %s\033[M#%s' "$xy" "$xy")
    fi
    seq=$one
    [ "${3:-1}" -eq 2 ] && seq=$one$one
    tm send-keys -t main -l "$seq"
}
tm send-keys -t main r # zoom-reset (default key r): the whole graph is visible
if [ "$(fmt '#{mouse_any_flag}')" != 1 ]; then
    skip "mouse click selects" "flamex did not enable the mouse"
elif poll row_is 1 all && y=$(screen | grep -n 'model\.predict' | head -n 1 | cut -d: -f1) && [ -n "$y" ]; then
    # Columns before the name (characters: the row may hold ellipses).
    x=$(screen | sed -n "${y}p" | sed 's/model\.predict.*//' | tr -d '\n' | wc -m | tr -d ' ')
    click_at "$x" $((y - 1))
    check "mouse click selects the frame under it" poll selected_is model.predict
    click_at "$x" $((y - 1)) 2
    check "mouse double click zooms into it" poll row_has 1 "model.predict"
    tm send-keys -t main BSpace
    poll row_is 1 all
else
    not_ok "mouse: model.predict visible after zoom reset"
fi

tm send-keys -t main q
check "q quits with status 0" poll exited_with 0
modes_sane "after q"

# ---- search, n, the hot-function sidebar, shapes ----------------------------
# Assumed: / opens a prompt on the last row ("/PATTERN"), matches update as
# keys arrive; status line 1 then ends with "Matched: X% of total, Y% of view,
# N frames" after the selected name; H shows the sidebar ("Hot by self", rows
# " self%  total% name"), Tab moves the keys into it, Enter there searches for
# the function and selects its widest frame; p highlights plateaus.
name_is() { selected | grep -q "^$1\( \|\$\)"; } # status line 1 starts with the name
start find "\"$BIN\" \"$PROFILE\""
check "find: the graph shows" poll has handle_request
tm send-keys -t find /
check "find: / opens the prompt" poll sh -c "tmux -u -L '$SOCKET' capture-pane -p -t find | tail -n 1 | grep -q '^/ '"
tm send-keys -t find j s o
check "find: matches update while typing (/jso)" poll has "Matched: 42.00% of total, 42.00% of view, 1 frame"
check "find: the prompt shows the pattern" poll info_has "/jso"
tm send-keys -t find "("
check "find: an invalid pattern shows the error in the prompt" poll info_has "missing closing parenthesis"
check "find: ... and keeps the last valid result" has "Matched: 42.00% of total"
tm send-keys -t find BSpace n Enter
check "find: Enter keeps the search (/json in the status)" poll has "/json  Matched: 42.00% of total"
check "find: the prompt is closed" poll info_has "?:help q:quit"
check_dump "find: the search screen is exactly what --dump shows" "$PROFILE" "/jso(<BS>n<Enter>"
tm send-keys -t find n
check "find: n selects the match (json.dumps)" poll name_is json.dumps
check "find: n says which match it is" info_has "Match 1 of 1 in this view"
esc=$(printf '\033')
tm send-keys -t find /
poll sh -c "tmux -u -L '$SOCKET' capture-pane -p -t find | tail -n 1 | grep -q '^/ '"
tm send-keys -t find m o d e l
check "find: typing again replaces the search (/model)" poll has "/model"
check "find: Matched follows (model.predict, 11%)" poll has "Matched: 11.00% of total"
tm send-keys -t find Escape
check "find: Esc in the prompt clears the search" poll sh -c "! tmux -u -L '$SOCKET' capture-pane -p -t find | grep -qF 'Matched:'"
check "find: the selection stays" name_is json.dumps
tm send-keys -t find H
check "find: H shows the sidebar" poll has "Hot by self"
check "find: it ranks by self: _iterencode first" has " 35.0%  35.0% _make_iterencode"
check "find: ... then _resolve_image_urls" has " 12.0%  12.0% _resolve_image_urls"
bar=$(printf '\342\224\202') # U+2502, the sidebar's border (| in ASCII)
border_at() { # the border is at column $1 (0-based) of row 3
    r=$(row 3)
    p=$(printf '%s\n' "$r" | sed -e "s/$bar.*//" -e 's/|.*//')
    [ "$p" != "$r" ] && [ "$(printf '%s\n' "$p" | awk '{ print length($0) }')" -eq "$1" ]
}
check "find: the graph keeps the left two thirds (80 columns)" border_at 80
tm send-keys -t find Tab j j
check "find: in the sidebar j moves its cursor, not the selection" poll name_is json.dumps
tm send-keys -t find Enter
check "find: Enter selects the function's widest frame (model.predict)" poll name_is model.predict
check "find: ... and searches for it" has '"model.predict"  Matched: 11.00% of total'
check_dump "find: the sidebar screen is exactly what --dump shows" "$PROFILE" \
    "/jso(<BS>n<Enter>n/model<Esc>H<Tab>jj<Enter>"
tm send-keys -t find Tab j
check "find: Tab gives the keys back to the graph (j: the caller)" poll name_is run_ml_inference
tm send-keys -t find S
check "find: S shows the shapes" poll has "self% total% plateaus"
check "find: the first plateau is _iterencode at 35%" has " 35.0%  35.0% _make_iterencode"
tm send-keys -t find c
check "find: c ranks the hot list by total" poll has "Hot by total"
check "find: handle_request first (100%)" has "  0.0% 100.0% handle_request"
tm send-keys -t find H
check "find: H hides the sidebar" poll sh -c "! tmux -u -L '$SOCKET' capture-pane -p -t find | grep -qF 'Hot by'"
tm resize-window -t find -x 79 -y 24
poll size_is 24 79
tm send-keys -t find H
check "find: at 79 columns the sidebar stays hidden and says why" poll info_has "at least 80 columns"
tm resize-window -t find -x 120 -y 40
check "find: ... and shows at 120 columns" poll has "Hot by total"
tm send-keys -t find q
check "find: q quits with status 0" poll exited_with 0

# Without colour, matches are bold and underlined (SGR 1;4) and plateaus
# reversed and underlined (4;7), unlike the plain or reversed bars.
# sgr_before TEXT: the last SGR sequence before TEXT on its row, ESC removed.
sgr_before() {
    tm capture-pane -p -e -t "$S" | grep -aF -- "$1" | head -n 1 |
        awk -v t="$1" '{ print substr($0, 1, index($0, t) - 1) }' |
        grep -ao "$esc\[[0-9;]*m" | tail -n 1 | sed "s/^$esc//"
}
sgr_is() { sgr_before "$1" | grep -Eq -- "$2"; }
sgr_not() { ! sgr_is "$@"; }
start findmono "TERM=xterm-256color \"$BIN\" --color=mono \"$PROFILE\""
poll has handle_request
tm send-keys -t findmono / j s o n Enter
poll has "Matched: 42.00%"
check "mono: a match is bold and underlined" sgr_is json.dumps '^\[(0;)?1;4m$'
check "mono: a bar that does not match is not" sgr_not _encoder.encode '1;4m$'
tm send-keys -t findmono p
check "mono: p counts the plateaus" poll info_has "7 plateaus"
check "mono: a plateau is reversed and underlined" sgr_is model.predict '^\[(0;)?4;7m$'
tm send-keys -t findmono q
check "mono: q quits with status 0" poll exited_with 0

# ---- a pprof profile: sample types with units, inline notes, the info panel --
PPROF=$DATA/pprof/gen/cpu.pb.gz
start pprof "\"$BIN\" \"$PPROF\""
check "pprof: the graph shows" poll has "main.fib"
check "pprof: status names the sample type and its unit" poll info_has "[cpu (nanoseconds)]"
check "pprof: status shows the value in a time unit" sh -c \
    "tmux -u -L '$SOCKET' capture-pane -p -t pprof | tail -n 1 | grep -q '] 3.03s (100% of total, 100% of view)'"
check_dump "pprof: screen is exactly what --dump shows" "$PPROF"
tm send-keys -t pprof t
check "pprof: t switches to samples" poll info_has "[samples (count)]"
check "pprof: t says so" info_has "Sample type 1 of 2"
check "pprof: samples are a plain count" info_has "] 303 (100% of total"
tm send-keys -t pprof t
check "pprof: t again comes back to cpu" poll info_has "[cpu (nanoseconds)]"
# To main.mix, inlined into main.step (the keys of tests/golden.sh's pprof-cpu-inline).
tm send-keys -t pprof k l l k k k k k h k
check "pprof: the status marks an inlined frame (inline)" poll selected_is "main.mix (inline)"
tm send-keys -t pprof i
check "pprof: i opens the information panel (duration)" poll has "Duration: 3.15s, Total samples = 3.03s"
check "pprof: the panel shows the period" has "Period: 10ms cpu"
check "pprof: the panel shows the type" has "Type: cpu"
check "pprof: the panel lists the sample types" has "cpu (nanoseconds)  3.03s  current, default"
check "pprof: the panel says the selected frame is inlined" has "main.mix (inline)"
check_dump "pprof: the panel is exactly what --dump shows" "$PPROF" "ttkllkkkkkhki"
tm send-keys -t pprof t
check "pprof: t under the panel changes its type" poll has "Type: samples"
tm send-keys -t pprof i
check "pprof: i closes the panel" poll selected_is "main.mix (inline)"
check "pprof: the panel is gone" sh -c "! tmux -u -L '$SOCKET' capture-pane -p -t pprof | grep -qF 'Duration:'"
check "pprof: the type chosen under the panel stays" info_has "[samples (count)]"
tm send-keys -t pprof i
poll has "Duration: 3.15s"
tm send-keys -t pprof Escape
check "pprof: Esc closes the panel" poll selected_is "main.mix (inline)"
tm send-keys -t pprof i
poll has "Duration: 3.15s"
tm send-keys -t pprof q
check "pprof: q closes the panel" poll selected_is "main.mix (inline)"
check "pprof: ... and does not quit" [ -z "$(screen | grep '^EXITED')" ]
tm send-keys -t pprof q
check "pprof: q then quits with status 0" poll exited_with 0

# ---- profile from stdin: keys come from /dev/tty ---------------------------
start stdin "cat \"$PROFILE\" | \"$BIN\""
check "stdin: the graph shows" poll has handle_request
tm send-keys -t stdin k
check "stdin: keys still work (read from /dev/tty)" poll selected_is handle_request
tm send-keys -t stdin q
check "stdin: q quits with status 0" poll exited_with 0
modes_sane "stdin"

# ---- Ctrl-C ----------------------------------------------------------------
start ctrlc "\"$BIN\" \"$PROFILE\""
poll has handle_request
tm send-keys -t ctrlc k
poll selected_is handle_request
tm send-keys -t ctrlc C-c
check "Ctrl-C ends flamex by SIGINT (status 130)" poll exited_with 130
modes_sane "Ctrl-C"

# ---- SIGTERM ---------------------------------------------------------------
start term "\"$BIN\" \"$PROFILE\""
poll has handle_request
pid=$(flamex_pid)
if [ -n "$pid" ]; then
    kill -TERM "$pid"
    check "SIGTERM ends flamex (status 143)" poll exited_with 143
    modes_sane "SIGTERM"
else
    not_ok "SIGTERM: found flamex's pid"
fi

# ---- SIGHUP (the SSH connection dropped): the process ends, does not spin --
start hup "\"$BIN\" \"$PROFILE\""
poll has handle_request
pid=$(flamex_pid)
if [ -n "$pid" ]; then
    kill -HUP "$pid"
    check "SIGHUP ends flamex (status 129)" poll exited_with 129
else
    not_ok "SIGHUP: found flamex's pid"
fi

# ---- the terminal goes away while SIGHUP is ignored (nohup): flamex notices
# that reads fail and ends instead of spinning on them.
S="nohup"
tm new-session -d -s nohup -x 120 -y 40 \
    "trap '' HUP; \"$BIN\" \"$PROFILE\" 2>'$TMP/nohup.err'; echo \$? >'$TMP/nohup.rc'"
poll has handle_request
tm kill-session -t nohup
check "terminal gone with SIGHUP ignored: flamex ends" poll test -s "$TMP/nohup.rc"
check "terminal gone: input error status (2)" [ "$(cat "$TMP/nohup.rc" 2>/dev/null)" = 2 ]
check "terminal gone: says so on stderr" grep -q "lost the terminal" "$TMP/nohup.err"

# ---- a crash (SIGSEGV, SIGABRT as from an out-of-memory abort) -------------
# The fatal-signal path restores the terminal before the process dies. The
# status is 128+N, or what a sanitizer's handler exits with in ASan builds.
for sig in SEGV ABRT; do
    start "crash$sig" "ulimit -c 0; \"$BIN\" \"$PROFILE\""
    poll has handle_request
    pid=$(flamex_pid)
    if [ -n "$pid" ]; then
        kill -s "$sig" "$pid"
        check "SIG$sig: flamex ends with a failure status" poll sh -c \
            "tmux -u -L '$SOCKET' capture-pane -p -t 'crash$sig' | grep -q '^EXITED [1-9]'"
        modes_sane "SIG$sig"
    else
        not_ok "SIG$sig: found flamex's pid"
    fi
done

# ---- Ctrl-Z and fg in a job-control shell ----------------------------------
S="jobs"
tm new-session -d -s jobs -x 120 -y 40 "env PS1='e2e-prompt> ' ENV= sh -i"
if [ -n "${FLAMEX_TEST_NO_SIGTSTP:-}" ]; then # why a process cannot be stopped here
    skip "Ctrl-Z and fg" "$FLAMEX_TEST_NO_SIGTSTP"
elif poll has "e2e-prompt>"; then
    tm send-keys -t jobs "\"$BIN\" \"$PROFILE\"" Enter
    poll has handle_request
    tm send-keys -t jobs k
    poll selected_is handle_request
    tm send-keys -t jobs C-z
    check "Ctrl-Z: the shell is back" poll has "Stopped"
    check "Ctrl-Z: normal screen" [ "$(fmt '#{alternate_on}')" = 0 ]
    check "Ctrl-Z: cursor visible" [ "$(fmt '#{cursor_flag}')" = 1 ]
    check "Ctrl-Z: mouse reporting off" [ "$(fmt '#{mouse_any_flag}')" = 0 ]
    tm send-keys -t jobs "stty -a | grep -o -e '-*echo ' -e '-*icanon'" Enter
    check "Ctrl-Z: echo and icanon on in the shell" poll sh -c \
        "tmux -u -L '$SOCKET' capture-pane -p -t jobs | grep -qx 'echo' &&
         tmux -u -L '$SOCKET' capture-pane -p -t jobs | grep -qx 'icanon'"
    tm resize-window -t jobs -x 100 -y 30 # resized while stopped: no SIGWINCH reaches it
    tm send-keys -t jobs fg Enter
    check "fg: the graph is redrawn" poll selected_is handle_request
    check "fg: at the size the terminal has now" poll size_is 30 100
    check "fg: on the alternate screen again" [ "$(fmt '#{alternate_on}')" = 1 ]
    check "fg: mouse reporting on again" [ "$(fmt '#{mouse_any_flag}')" = 1 ]
    tm send-keys -t jobs j
    check "fg: keys work (j selects all)" poll selected_is all
    tm send-keys -t jobs q
    check "fg: q quits, the shell is back" poll sh -c \
        "tmux -u -L '$SOCKET' capture-pane -p -t jobs | grep -qx 'e2e-prompt>'"
    tm send-keys -t jobs 'echo EXITED $?' Enter
    check "fg: q quits with status 0" poll exited_with 0
else
    skip "Ctrl-Z and fg" "no interactive sh with job control"
fi

# ---- wide and combining characters: columns line up with --dump ----------
printf 'main;\344\270\255\346\226\207\345\207\275\346\225\260;leaf 3\nmain;\360\237\224\245hot\360\237\224\245 2\nmain;e\314\201t\303\251 2\nmain;zz 1\n' >"$TMP/wide.folded"
start wide "\"$BIN\" \"$TMP/wide.folded\""
check "wide names: graph shows" poll has "zz"
check_dump "wide names: screen is exactly what --dump shows" "$TMP/wide.folded"
tm send-keys -t wide k k l
check_dump "wide names: after keys too" "$TMP/wide.folded" kkl
tm send-keys -t wide q
check "wide names: q quits with status 0" poll exited_with 0

# ---- a locale that is not UTF-8: ASCII only on the screen -----------------
start ascii "LC_ALL=C \"$BIN\" \"$TMP/wide.folded\""
check "C locale: graph shows" poll has "zz"
check "C locale: only printable ASCII on the screen" sh -c \
    "! tmux -u -L '$SOCKET' capture-pane -p -t ascii | LC_ALL=C grep -q '[^ -~]'"
check "C locale: layout intact (40 rows, status at 120 columns)" size_is 40 120
tm send-keys -t ascii q
check "C locale: q quits with status 0" poll exited_with 0

# ---- colour tiers: what the terminal is told to show -----------------------
# The colour codes in the pane (capture-pane -e): 256-colour ones (38;5;N /
# 48;5;N), 8-colour ones (30-37, 40-47) or none at all (NO_COLOR, mono).
# Terminal types from ncurses-base: xterm-256color (256), xterm (8), vt100 (none).
esc=$(printf '\033')
sgr() { tm capture-pane -p -e -t "$S" | grep -o "$esc\[[0-9;:]*m" | sed "s/^$esc\[//; s/m\$//" | tr ';' ' '; }
has_256() { sgr | grep -Eq '(^| )[34]8 5 '; }
has_8() { sgr | grep -Eq '(^| )(3[0-7]|4[0-7])( |$)'; }
has_colour() { sgr | grep -Eq '(^| )(3[0-8]|4[0-8]|9[0-7]|10[0-7])( |$)'; }
only_8() { has_8 && ! has_256; }
no_colour() { ! has_colour; }
has_attrs() { sgr | grep -Eq '(^| )(1|4|7)( |$)'; }
has_bg() { sgr | grep -Eq "(^| )48 5 $1( |\$)"; } # a 256-colour background N
not_bg() { ! has_bg "$1"; }
tier() { # NAME ENV ARGS: run flamex with ENV (VAR=value...) and ARGS in session NAME
    start "$1" "env $2 \"$BIN\" $3 \"$PROFILE\""
    poll has handle_request
}
tier c256 "TERM=xterm-256color" ""
check "TERM=xterm-256color: 256-colour codes" has_256
check "the default theme: its dark status bar (48;5;236)" has_bg 236
tm send-keys -t c256 q
tier c8 "TERM=xterm" ""
check "TERM=xterm: 8-colour codes only" only_8
tm send-keys -t c8 q
tier forced8 "TERM=xterm-256color" "--color=8"
check "--color=8 on a 256-colour terminal: 8-colour codes only" only_8
tm send-keys -t forced8 q
tier nocolor "TERM=xterm-256color NO_COLOR=1" ""
check "NO_COLOR: no colour codes" no_colour
check "NO_COLOR: attributes still mark things (bold/underline/reverse)" has_attrs
tm send-keys -t nocolor q
tier mono "TERM=xterm-256color" "--color=mono"
check "--color=mono: no colour codes" no_colour
tm send-keys -t mono q
# --theme=light from the build tree (nothing installed): the built-in light
# theme's pale status bar (#d0d0d0: 252), not the default's dark one (#303030: 236).
tier light "TERM=xterm-256color" "--theme=light"
check "--theme=light: its light status bar (48;5;252)" has_bg 252
check "--theme=light: not the default's dark bar (48;5;236)" not_bg 236
tm send-keys -t light q
tier vt100 "TERM=vt100" ""
check "TERM=vt100: no colour codes" no_colour
check "TERM=vt100: the graph and status show" info_has "?:help q:quit"
tm send-keys -t vt100 q
check "TERM=vt100: q quits with status 0" poll exited_with 0

# ---- names with escape sequences -------------------------------------------
# If the terminal obeyed them: OSC 2 would set the pane title to "pwned",
# CSI 2J would clear the screen, C1 CSI (U+009B) and a bidi override (U+202E)
# would reorder or garble the row.
printf 'a\033]2;pwned\007;b\033[2J 5\nmain;\302\233evil\342\200\256txt 3\nmain;x\033[5Ay 2\n' >"$TMP/evil.folded"
S=title
tm new-session -d -s title -x 120 -y 40 "printf '\\033]2;control\\007'; sleep 600"
if poll sh -c "[ \"\$(tmux -u -L '$SOCKET' display -p -t title '#{pane_title}')\" = control ]"; then
    title_works=1
else
    title_works=0
fi
start evil "\"$BIN\" \"$TMP/evil.folded\""
check "escapes: graph shows" poll has "main"
check_dump "escapes: screen is exactly what --dump shows" "$TMP/evil.folded"
tm send-keys -t evil k
check "escapes: selecting the frame with OSC in it" poll selected_is 'a\x1b]2'
tm send-keys -t evil k
check "escapes: BEL shown escaped" poll selected_is 'pwned\x07'
tm send-keys -t evil k
check "escapes: CSI 2J shown escaped" poll selected_is 'b\x1b[2J'
check "escapes: layout intact (breadcrumb on row 1)" row_is 1 all
check "escapes: layout intact (40 rows, status at 120 columns)" size_is 40 120
check "escapes: the graph was not cleared" has 'a\x1b]2'
tm send-keys -t evil j j
poll selected_is 'a\x1b]2'
tm send-keys -t evil l
check "escapes: l selects main" poll selected_is main
check "escapes: C1 and bidi shown escaped in the graph" has '\u009bevil\u202etxt'
check "escapes: cursor movement shown escaped in the graph" has 'x\x1b[5Ay'
tm send-keys -t evil k
poll selected_not main
s1=$(selected)
# Siblings sort by bytes: "x..." (0x78) before "\302\233evil..." (0xc2).
if [ "$s1" = 'x\x1b[5Ay' ]; then tm send-keys -t evil l; else tm send-keys -t evil h; fi
poll selected_not "$s1"
s2=$(selected)
case "$s1|$s2" in
'\u009bevil\u202etxt|x\x1b[5Ay' | 'x\x1b[5Ay|\u009bevil\u202etxt') ok "escapes: status shows both names escaped" ;;
*) not_ok "escapes: status shows both names escaped (saw [$s1] and [$s2])" ;;
esac
check "escapes: still 40 rows, status at 120 columns" size_is 40 120
if [ "$title_works" = 1 ]; then
    check "escapes: pane title not changed by a frame name" [ "$(fmt '#{pane_title}')" != pwned ]
    check "escapes: title has no trace of the name" sh -c "! tmux -u -L '$SOCKET' display -p -t evil '#{pane_title}' | grep -q pwned"
else
    skip "escapes: pane title not changed" "this tmux does not let OSC 2 set pane titles"
fi
if [ "$(fmt '#{alternate_on}')" = 1 ]; then ok "escapes: still on flamex's screen"
else not_ok "escapes: still on flamex's screen"; fi
tm send-keys -t evil q
check "escapes: q quits with status 0" poll exited_with 0
modes_sane "escapes"

# ---- compare mode: two files side by side, the panes follow each other -----
AFTER=$SAMPLES/recommendation-api-after.folded
# cmp_dump_is KEYS: the screen equals --dump of the comparison after KEYS.
cmp_dump_is() {
    size=$(fmt '#{pane_width}x#{pane_height}')
    "$BIN" --dump --size "$size" --keys "$1" "$PROFILE" "$AFTER" >"$TMP/dump" 2>"$TMP/dump.err" || return 1
    screen >"$TMP/screen"
    cmp -s "$TMP/screen" "$TMP/dump"
}
check_cmp_dump() { # DESC KEYS
    if poll cmp_dump_is "$2"; then ok "$1"; else
        not_ok "$1"
        diff "$TMP/dump" "$TMP/screen" | sed 's/^/#   /' | head -40
    fi
}
start cmp "\"$BIN\" \"$PROFILE\" \"$AFTER\""
check "compare: BEFORE and AFTER titles" poll sh -c "tmux -u -L '$SOCKET' capture-pane -p -t cmp | head -n 1 | grep -q 'BEFORE recommendation-api.folded .*AFTER (keys) recommendation-api-after.folded'"
check "compare: the status line compares" poll info_has "before 4100 (100%)  after 1950 (100%)"
tm send-keys -t cmp k k l l l l
check "compare: serialize_response, 61% before and 18% after" poll info_has "before 2501 (61.00%)  after 351 (18.00%)  share -43.0 pts, value -2150"
tm send-keys -t cmp Enter
# Zoomed in AFTER (the pane with the keys): BEFORE's breadcrumb followed.
both_zoomed() { row 2 | grep -q '^all › handle_request › serialize_response .*│all › handle_request › serialize_response'; }
check "compare: zoom in AFTER, BEFORE follows" poll both_zoomed
check_cmp_dump "compare: screen is exactly what --dump shows" "kkllll<Enter>"
# w: keys to BEFORE; k l: json.dumps, which AFTER does not have.
tm send-keys -t cmp w k l
check "compare: AFTER says the path is not there" poll has "json.dumps is not in AFTER: showing its deepest common call"
check "compare: json.dumps is gone from AFTER" poll info_has "gone from AFTER"
tm send-keys -t cmp BSpace
check "compare: zoom back in BEFORE, AFTER follows" poll sh -c "tmux -u -L '$SOCKET' capture-pane -p -t cmp | sed -n 2p | grep -q '^all  *│all *\$'"
tm send-keys -t cmp d
check "compare: d shows the differential view" poll row_has 1 "Differential (samples): widths from AFTER"
check_cmp_dump "compare: differential screen is exactly what --dump shows" "kkllll<Enter>wkl<BS>d"
tm send-keys -t cmp b b m
check "compare: widths from the larger, raw values" poll row_has 1 "widths from larger of the two, colour by change (raw values)"
tm send-keys -t cmp q
check "compare: q quits with status 0" poll exited_with 0
modes_sane "compare"

echo "1..$n"
[ "$failed" -eq 0 ]
