#!/bin/sh
# readme.sh - every flamex command in README.md runs as written. Speaks TAP.
#
# Takes each line of README.md's ```sh code blocks that runs flamex (it starts
# with `flamex`, an environment assignment and `flamex`, or pipes into
# `| flamex`) and runs it with sh, from a scratch directory where the
# README's relative paths (sample-profiles/..., tests/data/...) point into the
# source tree, so that the README cannot rot: a command whose option was
# renamed, whose file moved or which fails fails here. A line passes when it
# exits 0 and writes nothing to stderr (a warning such as "theme not found"
# means the example does not do what the README says), unless its comment
# says that it writes to stderr (a note the README tells the reader about).
#
# What is mapped, and only this:
#   flamex        the built binary ($FLAMEX_BIN). A line that would open the
#                 interactive viewer (no --top, --report, --export, --dump,
#                 --help or --version) gets --dump --size=100x30 first, so it
#                 draws the screen it would show instead of waiting for a
#                 terminal; stdin is /dev/null.
#   perf script   (the README's `perf script | flamex`) prints a recorded perf
#                 script capture from tests/data/perf-script/, as perf would.
# Lines for other programs (./quickstart, man, perf record, go tool pprof)
# are not run.
#
# Screens: a ```text block right after a line
#     <!-- screen: flamex --dump ... -->
# must be what that command prints (trailing blanks and blank last lines
# aside), so the README's pictures of the viewer and its help screen (the key
# list, generated from the action table) are the real ones.
# FLAMEX_UPDATE_README=1 rewrites those blocks in README.md from the build
# instead; read the diff before committing it.
set -u
BIN=${FLAMEX_BIN:-./flamex}
SRC=${FLAMEX_SRCDIR:-.}
README=${FLAMEX_README:-$SRC/README.md}
FACTOR=${FLAMEX_TEST_TIME_FACTOR:-1}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $SRC in /*) ;; *) SRC=$(pwd)/$SRC ;; esac
TMP=$(mktemp -d "${TMPDIR:-/tmp}/flamex-readme.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }

if [ ! -r "$README" ]; then
    echo "1..1"
    echo "not ok 1 - README.md readable ($README)"
    exit 1
fi

# The scratch directory: the README's relative paths lead into the source
# tree (read-only in distcheck); anything a command writes stays here.
mkdir -p "$TMP/work" "$TMP/bin"
ln -s "$SRC/sample-profiles" "$TMP/work/sample-profiles"
ln -s "$SRC/tests" "$TMP/work/tests"
ln -s "$SRC/themes" "$TMP/work/themes"

cat >"$TMP/bin/flamex" <<EOF
#!/bin/sh
# flamex as the README calls it: the built binary, drawing one screen as text
# where it would otherwise wait for a terminal.
for a in "\$@"; do
    case \$a in
    --top|--top=*|-t|-t[0-9]*|--report|--report=*|--export|--export=*|-e|-e*|--dump|-d|--help|-h|--version|-V)
        exec "$BIN" "\$@" ;;
    esac
done
exec "$BIN" --dump --size=100x30 "\$@"
EOF
cat >"$TMP/bin/perf" <<EOF
#!/bin/sh
# perf as the README calls it: \`perf script\` prints a recorded capture
# (two events, cycles and instructions).
[ "\${1:-}" = script ] || { echo "perf stand-in: only 'perf script'" >&2; exit 1; }
exec cat "$SRC/tests/data/perf-script/perf-cycles-instructions-01.txt"
EOF
chmod +x "$TMP/bin/flamex" "$TMP/bin/perf"

# The command lines: inside ```sh blocks, joined over trailing backslashes,
# the ones that run flamex.
awk '
    /^[ \t]*```/ { if (inblock) inblock = 0; else if ($0 ~ /^[ \t]*```sh[ \t]*$/) inblock = 1; next }
    !inblock { next }
    {
        line = (cont != "") ? cont " " $0 : $0
        if (line ~ /\\$/) { sub(/\\$/, "", line); cont = line; next }
        cont = ""
        sub(/^[ \t]+/, "", line)
        if (line ~ /^#/) next
        if (line ~ /^([A-Z_]+=[^ ]* )*flamex( |$)/ || line ~ /\| *flamex( |$)/) print line
    }' "$README" >"$TMP/commands"

# The screens: for each marker, its command and the block under it, as
# $TMP/screen.N.cmd and $TMP/screen.N.txt.
awk -v dir="$TMP" '
    state == 2 && /^```/ { state = 0; close(out); next }
    state == 2 { print > out; next }
    state == 1 { state = ($0 ~ /^```text[ \t]*$/) ? 2 : 0; next }
    /^<!-- screen: .* -->[ \t]*$/ {
        n++
        cmd = $0
        sub(/^<!-- screen: /, "", cmd)
        sub(/ -->[ \t]*$/, "", cmd)
        print cmd > (dir "/screen." n ".cmd")
        close(dir "/screen." n ".cmd")
        out = dir "/screen." n ".txt"
        printf "" > out
        state = 1
    }' "$README"
screens=$(grep -c '^<!-- screen: .* -->[[:space:]]*$' "$README")

# normalise: no trailing blanks, no blank lines at the end.
normalise() {
    sed 's/[[:space:]]*$//' "$1" | awk '{ line[NR] = $0; if ($0 != "") last = NR }
        END { for (i = 1; i <= last; i++) print line[i] }'
}

total=$(grep -c . "$TMP/commands")
echo "1..$((total + screens + 1))"
# A README that lost its examples (or a parser that lost them) must not pass.
if [ "$total" -ge 10 ]; then ok "README.md has $total flamex command lines"; else
    not_ok "README.md has at least 10 flamex command lines (found $total)"; fi

limit=$((60 * FACTOR))
while IFS= read -r cmd; do
    desc=$(printf '%s\n' "$cmd" | sed 's/[[:space:]]\{1,\}#[^'"'"'"]*$//') # the command, not its comment
    (cd "$TMP/work" && PATH="$TMP/bin:$PATH" timeout "$limit" sh -c "$cmd" \
        >"$TMP/out" 2>"$TMP/err" </dev/null)
    rc=$?
    if [ "$rc" -ne 0 ]; then
        not_ok "exits 0: $desc (exit $rc)"
        sed 's/^/#   /' "$TMP/err" | head -20
    elif [ -s "$TMP/err" ] && [ "${cmd#*#*stderr}" = "$cmd" ]; then
        not_ok "nothing on stderr: $desc"
        sed 's/^/#   /' "$TMP/err" | head -20
    elif [ ! -s "$TMP/out" ] && [ "${cmd#*>}" = "$cmd" ]; then
        not_ok "prints something: $desc"
    else
        ok "$desc"
    fi
done <"$TMP/commands"

i=1
while [ "$i" -le "$screens" ]; do
    cmd=$(cat "$TMP/screen.$i.cmd")
    if ! (cd "$TMP/work" && PATH="$TMP/bin:$PATH" timeout "$limit" sh -c "$cmd" \
            >"$TMP/out" 2>"$TMP/err" </dev/null); then
        not_ok "screen $i: $cmd runs"
        sed 's/^/#   /' "$TMP/err" | head -20
    elif [ -n "${FLAMEX_UPDATE_README:-}" ]; then
        normalise "$TMP/out" >"$TMP/screen.$i.new"
        ok "screen $i: $cmd (updated)"
    elif normalise "$TMP/out" | cmp -s - "$TMP/screen.$i.txt"; then
        ok "screen $i: the README shows what $cmd prints"
    else
        not_ok "screen $i: the README shows what $cmd prints (FLAMEX_UPDATE_README=1 make check TESTS=tests/readme.sh rewrites it)"
        normalise "$TMP/out" | diff "$TMP/screen.$i.txt" - | sed 's/^/#   /' | head -40
    fi
    i=$((i + 1))
done

# FLAMEX_UPDATE_README: put the new screens into README.md.
if [ -n "${FLAMEX_UPDATE_README:-}" ] && [ "$screens" -gt 0 ]; then
    awk -v dir="$TMP" '
        state == 2 && /^```/ { state = 0; print; next }
        state == 2 { next }
        state == 1 {
            print
            if ($0 ~ /^```text[ \t]*$/) {
                f = dir "/screen." n ".new"
                while ((getline l < f) > 0) print l
                close(f)
                state = 2
            } else state = 0
            next
        }
        /^<!-- screen: .* -->[ \t]*$/ { n++; state = 1 }
        { print }' "$README" >"$TMP/README.new" && cat "$TMP/README.new" >"$README"
fi
[ "$failed" -eq 0 ]
