#!/bin/sh
# bad_inputs.sh - the hostile-input catalogue: every file of tests/data/bad/
# (plus the big inputs, which are generated here into a temporary directory)
# run through the real binary, one line per input stating the outcome:
#   error   FILE MESSAGE [ARGS]  exit status 2, MESSAGE on stderr
#   ignored FILE MESSAGE [ARGS]  exit status 0, "FILE: MESSAGE" on stderr,
#                                MESSAGE being "N lines ignored (first at line L: why)",
#                                what else was left out of the profile, or how an
#                                ambiguous input was read
#   loads   FILE TEXT [ARGS]     exit status 0, nothing on stderr, TEXT on stdout
#   problem FILE MESSAGE ARGS    config/theme: flamex warns and goes on (exit 0)
# In MESSAGE and TEXT, @ stands for the file's path as given to flamex. ARGS
# default to --top. Messages are checked exactly (fixed strings). Every run is
# also checked for no crash or hang (exit status below 124, no sanitizer
# report), for taking at most one second (times FLAMEX_TIME_FACTOR, which
# defaults to 10 for a sanitizer build and 60 under `make check-valgrind`; a
# run over the limit is retried once, and on a machine so busy that the wall
# clock says more, the CPU time flamex used must stay within the limit) and
# for writing no raw ESC, BEL or C1 control to the output. Speaks TAP.
set -u
BIN=${FLAMEX_BIN:-./flamex}
DATA=${FLAMEX_TEST_DATA:-tests/data}
SAMPLES=${FLAMEX_SAMPLES:-sample-profiles}
BAD=$DATA/bad
SAMPLE=$SAMPLES/recommendation-api.folded
TMP=$(mktemp -d "${TMPDIR:-/tmp}/flamex-bad.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
n=0
failed=0
entries=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }

factor=${FLAMEX_TIME_FACTOR:-}
if [ -z "$factor" ]; then
    factor=1
    if [ -n "${FLAMEX_VALGRIND_LOGS:-}" ]; then
        factor=60 # make check-valgrind: FLAMEX_BIN runs under memcheck
    elif command -v ldd >/dev/null 2>&1 && ldd "$BIN" 2>/dev/null | grep -q 'lib[at]san\|libubsan'; then
        factor=10
    fi
fi
limit_ms=$((1000 * factor))
ctl=$(printf '\033\007')
c1=$(printf '\302[\200-\237]')
timeout_s=$((5 * factor))

# Replace every @ in $1 with $2.
subst() {
    s=$1 r=
    while :; do
        case $s in
        *@*) r=$r${s%%@*}$2; s=${s#*@} ;;
        *) break ;;
        esac
    done
    printf '%s' "$r$s"
}

# Milliseconds of CPU (user + system) used by the shell's finished children,
# from the output of `times` (which must run in this shell, not a subshell).
children_cpu_ms() {
    awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/)
                   printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' "$TMP/times"
}

# run_once ARGS...: flamex with a timeout; sets rc, ms (wall clock) and cpu
# (user + system); output in $TMP/out, $TMP/err.
run_once() {
    times >"$TMP/times"
    cpu0=$(children_cpu_ms)
    start=$(date +%s%N)
    timeout "$timeout_s" "$BIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    rc=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    times >"$TMP/times"
    cpu=$(($(children_cpu_ms) - cpu0))
}
run() {
    run_once "$@"
    if [ "$ms" -gt "$limit_ms" ] && [ "$rc" -lt 124 ]; then
        first_ms=$ms first_cpu=$cpu
        run_once "$@"
        if [ "$ms" -gt "$first_ms" ]; then ms=$first_ms cpu=$first_cpu; fi
    fi
}

# The checks every run gets: no crash or hang, fast enough, no raw controls.
check_run() {
    name=$1
    if [ "$rc" -lt 124 ] && ! grep -q 'Sanitizer\|runtime error:' "$TMP/err"; then
        ok "$name: no crash or hang (exit $rc)"
    else
        not_ok "$name: crashed or hung (exit $rc)"; head -c 2000 "$TMP/err" | sed 's/^/# /'
    fi
    # Wall clock, unless the machine was busy: then the CPU time flamex used.
    if [ "$ms" -le "$limit_ms" ]; then ok "$name: $ms ms (limit $limit_ms)"
    elif [ "$cpu" -le "$limit_ms" ]; then ok "$name: $ms ms on a busy machine, $cpu ms of CPU (limit $limit_ms)"
    else not_ok "$name: $ms ms and $cpu ms of CPU, over the limit of $limit_ms"; fi
    # ESC, BEL, and C1 controls as UTF-8 (c2 80 .. c2 9f)
    if LC_ALL=C grep -qa "[$ctl]" "$TMP/out" "$TMP/err" ||
        LC_ALL=C grep -qa "$c1" "$TMP/out" "$TMP/err"; then
        not_ok "$name: raw control bytes in the output"
    else
        ok "$name: no raw ESC, BEL or C1 in the output"
    fi
}

# path_of FILE: a catalogue file (a name in tests/data/bad) or a path
path_of() {
    case $1 in */*) printf '%s' "$1" ;; *) printf '%s/%s' "$BAD" "$1" ;; esac
}

expect_message() { # DESC FILE STRING
    if grep -qF -- "$3" "$2"; then ok "$1"; else
        not_ok "$1"; echo "# missing: $3"; head -c 2000 "$2" | sed 's/^/# /'; fi
}

error() {
    entries=$((entries + 1))
    f=$(path_of "$1") msg=$2
    shift 2
    [ $# -gt 0 ] || set -- --top
    run "$@" "$f"
    name="${f##*/} $*"
    if [ "$rc" -eq 2 ]; then ok "$name: exit 2"; else not_ok "$name: exit $rc, wanted 2"; fi
    expect_message "$name: message" "$TMP/err" "flamex: $(subst "$msg" "$f")"
    check_run "$name"
}

ignored() {
    entries=$((entries + 1))
    f=$(path_of "$1") msg=$2
    shift 2
    [ $# -gt 0 ] || set -- --top
    run "$@" "$f"
    name="${f##*/} $*"
    if [ "$rc" -eq 0 ]; then ok "$name: exit 0"; else not_ok "$name: exit $rc, wanted 0"; fi
    expect_message "$name: lines ignored" "$TMP/err" "flamex: $f: $(subst "$msg" "$f")"
    check_run "$name"
}

loads() {
    entries=$((entries + 1))
    f=$(path_of "$1") text=$2
    shift 2
    [ $# -gt 0 ] || set -- --top
    run "$@" "$f"
    name="${f##*/} $*"
    if [ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ]; then ok "$name: loads, nothing on stderr"
    else not_ok "$name: exit $rc, wanted 0 and a silent stderr"; head -c 2000 "$TMP/err" | sed 's/^/# /'; fi
    expect_message "$name: output" "$TMP/out" "$(subst "$text" "$f")"
    check_run "$name"
}

# problem FILE MESSAGE --config|--theme: flamex warns (on stderr and in the viewer)
# and uses defaults.
problem() {
    entries=$((entries + 1))
    f=$(path_of "$1") msg=$2 opt=$3
    run "$opt" "$f" --dump --size 80x24 "$SAMPLE"
    name="${f##*/} $opt"
    if [ "$rc" -eq 0 ]; then ok "$name: exit 0 (defaults used)"; else not_ok "$name: exit $rc, wanted 0"; fi
    if [ -n "$msg" ]; then expect_message "$name: problem" "$TMP/err" "flamex: $(subst "$msg" "$f")"
    elif [ ! -s "$TMP/err" ]; then ok "$name: no problem reported"
    else not_ok "$name: unexpected problems"; sed 's/^/# /' "$TMP/err"; fi
    check_run "$name"
    # The full screen hides stderr: the viewer says so too, and its
    # information panel (i) lists each problem.
    if [ -z "$msg" ]; then expect_message "$name: the screen is drawn" "$TMP/out" "?:help"; return; fi
    expect_message "$name: the status line says so" "$TMP/out" "config/theme problem"
    case $msg in "..."*) return ;; esac # the stderr-only count of the rest
    run_once "$opt" "$f" --dump --size 400x70 --keys=i "$SAMPLE"
    expect_message "$name: the information panel lists it" "$TMP/out" "   $(subst "$msg" "$f")"
}

# ---- the new options, cli.sh style -------------------------------------------
# (that every option is in --help and the man page is cli.sh's table check)
"$BIN" --help >"$TMP/help" 2>&1
expect_message "--help gives the line-length default" "$TMP/help" "default 64M"
expect_message "--help gives the depth default" "$TMP/help" "default 1000000"
expect_message "--help gives the node default" "$TMP/help" "default 50000000"
for bad in --max-line-length=x --max-line-length=0 --max-nodes=lots --max-nodes=0 \
           --max-nodes=5G --max-depth=-1; do
    run_once "$bad" --top "$SAMPLE"
    if [ "$rc" -eq 1 ]; then ok "$bad is a usage error"; else not_ok "$bad: exit $rc, wanted 1"; fi
done
expect_message "--max-depth=-1: message" "$TMP/err" "flamex: --max-depth: '-1' is not a frame count"
run_once "--max-input-size= -1" --top "$SAMPLE"
if [ "$rc" -eq 1 ]; then ok "--max-input-size=' -1' is a usage error, not 16E"
else not_ok "--max-input-size=' -1': exit $rc, wanted 1"; fi
run_once --max-nodes=0 --top "$SAMPLE"
expect_message "--max-nodes=0: message" "$TMP/err" "flamex: --max-nodes: '0' is not a node count"
run_once --max-line-length=x --top "$SAMPLE"
expect_message "--max-line-length=x: message" "$TMP/err" "flamex: --max-line-length: 'x' is not a size"

# ---- folded stacks and format detection ------------------------------------------
error folded-empty.folded '@: no stacks found (the input is empty)'
error folded-whitespace.folded '@: no stacks found (only blank lines and comments)'
error junk-binary.bin 'cannot recognise @: not folded stacks (line 1: a NUL byte in the line), not pprof (byte 0: not a profile.proto field (0x28))'
error folded-all-invalid.folded 'cannot recognise @: not folded stacks (line 1: the last field is not a count'
error folded-all-invalid.folded '@: no valid stack found (2 lines ignored, first at line 1: the last field is not a count ([0-9]+ or [0-9]+.[0-9]*))' --format=folded --top
ignored folded-nul.folded '2 lines ignored (first at line 2: a NUL byte in the line)'
error folded-nul.folded '@:2: a NUL byte in the line' --strict --top
loads folded-invalid-utf8.folded '         2 33.33% 83.33%          2 33.33%  \xff\xfe\xc0\x80'
loads folded-escapes.folded '         5 45.45% 45.45%          5 45.45%  \x1b[2J\x1b[Hclear'
loads folded-escapes.folded '\u009bc1csi' --report
loads folded-escapes.folded 'bidi\u202erev' --dump --size=120x30
ignored folded-count-overflow.folded '3 lines ignored (first at line 2: the count is out of range (at most 18446744073709551615))'
ignored folded-count-negative.folded '2 lines ignored (first at line 2: the count is negative)'
ignored folded-count-not-numeric.folded '7 lines ignored (first at line 2: the last field is not a count ([0-9]+ or [0-9]+.[0-9]*))'
# A line with one count makes "main;two 1 2" the frame "two 1" with 2 samples;
# --folded-counts=2 reads two counts and skips the lines with one.
ignored folded-mixed-counts.folded '2 lines ignored (first at line 3: no stack before the count)'
ignored folded-mixed-counts.folded '3 lines ignored (first at line 1: one count in a differential file (expected two))' --folded-counts=2 --top
error folded-mixed-counts.folded '@:1: one count in a differential file (expected two)' --folded-counts=2 --strict --top
# Every line ends in two numbers: differential, and flamex says it chose so.
ignored $DATA/folded/perf-cycles-instructions-01-collapsed-all-diff.folded 'every line ends in two numbers, read as a differential profile (before, after); --folded-counts=1 reads the first number as part of the frame name'
loads $DATA/folded/perf-cycles-instructions-01-collapsed-all-diff.folded '         2  0.39%   100%          2  0.39%  cksum 6' --folded-counts=1 --top
# The first lines end in two numbers, line 5 has one: one count per line, and
# flamex says where it decided.
ignored $DATA/folded/numbered-frames.folded 'line 1 ends in two numbers but line 5 has one count: read with one count per line, a number before the count is part of the frame name; --folded-counts=2 reads two counts and skips one-count lines'
loads folded-crlf.folded '         0     0%   100%          3   100%  main'

# 10 MB single lines, 100,000 frames, 10,000,000 empty frames (generated).
awk 'BEGIN { s = "x"; while (length(s) < 10000000) s = s s; s = substr(s, 1, 10000000); printf "main;%s 1\n", s }' >"$TMP/line-10mb.folded"
awk 'BEGIN { s = "x"; while (length(s) < 10000000) s = s s; s = substr(s, 1, 10000000); printf "main;%s\n", s }' >"$TMP/line-10mb-no-count.folded"
awk 'BEGIN { s = "x"; while (length(s) < 10000000) s = s s; s = substr(s, 1, 10000000); printf "main;%s 1", s }' >"$TMP/line-10mb-no-newline.folded"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%sf%d", i ? ";" : "", i; print " 1" }' >"$TMP/deep-100000.folded"
awk 'BEGIN { s = ";"; while (length(s) < 10000000) s = s s; s = substr(s, 1, 10000000); printf "%sa 1\n", s }' >"$TMP/semicolons-10mb.folded"
loads "$TMP/line-10mb.folded" '         0     0%   100%          1   100%  main'
error "$TMP/line-10mb-no-count.folded" '@: no valid stack found (1 line ignored, first at line 1: no count after the stack)'
error "$TMP/line-10mb.folded" '@:1: line longer than the limit of 1048576 bytes (raise it with --max-line-length)' --max-line-length=1M --top
error "$TMP/line-10mb-no-newline.folded" '@:1: line longer than the limit of 1048576 bytes (raise it with --max-line-length)' --max-line-length=1M --top
loads "$TMP/deep-100000.folded" '         1   100%   100%          1   100%  f99999' --top=1
error "$TMP/deep-100000.folded" '@:1: stack of more than 99999 frames exceeds the depth limit (raise it with --max-depth)' --max-depth=99999 --top
error "$TMP/semicolons-10mb.folded" '@:1: stack of more than 1000000 frames exceeds the depth limit (raise it with --max-depth)'
error "$SAMPLE" '@:3: the profile exceeds the limit of 5 tree nodes (raise it with --max-nodes)' --max-nodes=5 --top

# ---- gzip --------------------------------------------------------------------------
loads gzip-one.folded.gz '         3   100%   100%          3   100%  work'
error gzip-truncated.folded.gz '@: truncated gzip data: the compressed stream ends early (at compressed byte 40, after 29 bytes decompressed)'
error gzip-magic-only.gz '@: truncated gzip data: the compressed stream ends early (at compressed byte 2, after 0 bytes decompressed)'
error gzip-corrupt.folded.gz '@: corrupt gzip data: invalid block type (at compressed byte 11, after 0 bytes decompressed)'
loads gzip-concatenated.folded.gz '         0     0%   100%          3   100%  main'
error gzip-concatenated-truncated.folded.gz '@: truncated gzip data: the compressed stream ends early (at compressed byte 44, after 13 bytes decompressed)'
# zlib, like gunzip, stops at bytes after the last member that are not gzip
loads gzip-trailing-junk.folded.gz '         1   100%   100%          1   100%  a'
# Bombs: 200 MB of zeros or of folded lines in 0.2 to 1 MB, checked in gzipped once more.
gzip -dc "$BAD/gzip-bomb-zeros.gz.gz" >"$TMP/bomb-zeros.gz"
gzip -dc "$BAD/gzip-bomb-lines.gz.gz" >"$TMP/bomb-lines.gz"
error "$TMP/bomb-zeros.gz" '@:1: line longer than the limit of 67108864 bytes (raise it with --max-line-length)'
error "$TMP/bomb-zeros.gz" '@: at byte offset 10485760: input exceeds the size limit of 10485760 bytes after decompression (raise it with --max-input-size)' --max-input-size=10M --top
error "$TMP/bomb-lines.gz" '@: at byte offset 10485760: input exceeds the size limit of 10485760 bytes after decompression (raise it with --max-input-size)' --max-input-size=10M --top
error "$TMP/bomb-zeros.gz" '@: at byte offset 10485760: input exceeds the size limit of 10485760 bytes after decompression (raise it with --max-input-size)' --format=pprof --max-input-size=10M --top

# ---- pprof (made by gen_pprof_bad.c) -------------------------------------------------
loads pprof-valid.pb '         5   100%   100%          5   100%  work'
error pprof-varint-too-long.pb '@: at byte offset 74: invalid pprof profile: varint longer than 64 bits'
error pprof-varint-cut.pb '@: at byte offset 74: invalid pprof profile: truncated varint'
error pprof-length-past-end.pb '@: at byte offset 74: invalid pprof profile: length field points past the end of its message'
error pprof-nested-length-past-end.pb '@: at byte offset 67: invalid pprof profile: length field points past the end of its message'
error pprof-huge-length.pb '@: at byte offset 74: invalid pprof profile: length field points past the end of its message'
error pprof-cut-in-half.pb '@: at byte offset 37: invalid pprof profile: length field points past the end of its message'
error pprof-bad-wire-type.pb 'cannot recognise @: not folded stacks (line 2: a NUL byte in the line), not pprof (byte 73: not a profile.proto field (0xa7))'
error pprof-bad-wire-type.pb '@: at byte offset 73: invalid pprof profile: unknown wire type' --format=pprof --top
error pprof-sample-wrong-wire-type.pb '@: at byte offset 64: invalid pprof profile: sample (field 2) has wire type 0, expected 2' --format=pprof --top
error pprof-location-out-of-range.pb '@: at byte offset 66: invalid pprof profile: sample refers to location 99, which does not exist'
error pprof-function-out-of-range.pb '@: at byte offset 50: invalid pprof profile: location 2 has a line with function id 99, which does not exist'
error pprof-mapping-out-of-range.pb '@: at byte offset 48: invalid pprof profile: location 1 refers to mapping 7, which does not exist'
error pprof-string-out-of-range.pb '@: at byte offset 46: invalid pprof profile: string index 99 out of range (the table has 5 strings)'
error pprof-string-negative.pb '@: at byte offset 46: invalid pprof profile: string index -1 out of range (the table has 5 strings)'
error pprof-no-string-table.pb '@: at byte offset 0: invalid pprof profile: the string table is empty (entry 0 must be the empty string)'
error pprof-string0-not-empty.pb '@: at byte offset 8: invalid pprof profile: string table entry 0 is not empty'
error pprof-duplicate-location.pb '@: at byte offset 73: invalid pprof profile: two locations with id 2'
error pprof-duplicate-function.pb '@: at byte offset 73: invalid pprof profile: two functions with id 1'
error pprof-duplicate-mapping.pb '@: at byte offset 77: invalid pprof profile: two mappings with id 3'
error pprof-location-id-zero.pb '@: at byte offset 73: invalid pprof profile: location with the reserved id 0'
error pprof-too-many-values.pb '@: at byte offset 64: invalid pprof profile: sample has 2 values, expected 1 (one per sample type)'
error pprof-no-values.pb '@: at byte offset 64: invalid pprof profile: sample has 0 values, expected 1 (one per sample type)'
error pprof-no-sample-types.pb '@: at byte offset 0: invalid pprof profile: the profile has samples but no sample types'
error pprof-too-many-types.pb '@: at byte offset 96: invalid pprof profile: more than 16 sample types'
error pprof-second-time-nanos.pb '@: at byte offset 156: invalid pprof profile: a second time_nanos field: concatenated profiles are not supported'
loads pprof-value-overflow.pb '18446744073709551616   100%   100% 18446744073709551616   100%  work'
loads pprof-huge-ids.pb '         5   100%   100%          5   100%  main'
loads pprof-escapes.pb '         5   100%   100%          5   100%  w\x00rk\x1b[2J\u202e'
loads pprof-escapes.pb '\x1b]0;pwned\x07main\u009b' --dump --size=60x10
loads pprof-deep-100000.pb.gz '         5   100%   100%          5   100%  work'
error pprof-deep-100000.pb.gz '@: at byte offset 64: stack of 100000 frames exceeds the depth limit of 1000 (raise it with --max-depth)' --max-depth=1000 --top
error pprof-deep-100000.pb.gz '@: at byte offset 64: the profile exceeds the limit of 1000 tree nodes (raise it with --max-nodes)' --max-nodes=1000 --top

# ---- perf script ----------------------------------------------------------------------
loads perf-valid.txt '      2000   100%   100%       2000   100%  work'
ignored perf-bad-frames.txt '1 line ignored (first at line 3: neither an event header nor a frame line)'
ignored perf-bad-period.txt '3 lines ignored (first at line 5: neither an event header nor a frame line)'
ignored perf-negative-period.txt '3 lines ignored (first at line 5: neither an event header nor a frame line)'
ignored perf-event-no-colon.txt '3 lines ignored (first at line 5: neither an event header nor a frame line)'
ignored perf-nul.txt '3 lines ignored (first at line 5: a NUL byte in the line)'
ignored perf-orphan-frame.txt '1 line ignored (first at line 5: a frame line outside a sample (no event header since the last blank line))'
ignored perf-truncated.txt '1 line ignored (first at line 6: neither an event header nor a frame line)'
error perf-nul.txt '@:5: a NUL byte in the line' --strict --top
error perf-only-frames.txt 'cannot recognise @: not folded stacks (line 1: the last field is not a count'
error perf-only-frames.txt '@: no perf script samples found (2 lines ignored, first at line 1: a frame line outside a sample (no event header since the last blank line))' --format=perf --top
# A header without a PID: "app 1.000002: 1000 cycles:" reads as comm "app 1.000002:", PID 1000.
loads perf-header-no-pid.txt '         0     0%   100%       2001   100%  main'
loads perf-garbled-header.txt '         0     0%   100%       1000 50.00%  app_100_1.000002:_1000_1000'
loads perf-huge-period.txt '99999999999999991611392   100%   100% 99999999999999991611392   100%  work'
loads perf-crlf.txt '      1000   100%   100%       1000   100%  work'
loads perf-invalid-utf8.txt '      1000   100%   100%       1000   100%  w\xff\xferk'
loads perf-escapes.txt '         0     0%   100%       1000   100%  app\x1b]0;pwned\x07'
loads perf-escapes.txt '\x1b[2Jwork\u009b' --dump --size=100x30
ignored perf-many-events.txt 'more than 8 event types: samples of '"'ev9'"' (line 33) and later new events were left out'

# Deep and long perf records (generated).
awk 'BEGIN { print "app 100 1.000001:     1000 cycles: "
             for (i = 0; i < 100000; i++) printf "\t  %x f%d+0x1 (/usr/bin/app)\n", 4096 + i, i
             print "" }' >"$TMP/perf-deep.txt"
awk 'BEGIN { s = "x"; while (length(s) < 10000000) s = s s
             s = substr(s, 1, 10000000)
             printf "app 100 1.000001:     1000 cycles: \n\t  1000 %s (/usr/bin/app)\n\n", s }' >"$TMP/perf-long.txt"
loads "$TMP/perf-deep.txt" '      1000   100%   100%       1000   100%  f0' --top=1
error "$TMP/perf-deep.txt" '@:1001: stack of more than 1000 frames exceeds the depth limit (raise it with --max-depth)' --max-depth=1000 --top
loads "$TMP/perf-long.txt" '         0     0%   100%       1000   100%  app'
error "$TMP/perf-long.txt" '@:2: line longer than the limit of 1048576 bytes (raise it with --max-line-length)' --max-line-length=1M --top

# ---- config and themes: a problem is reported at file:line:column, then defaults --------
problem config-empty.yaml '' --config
problem config-alias.yaml '@:1:8: anchors and aliases are not allowed (found '"'&t'"')' --config
problem config-bad-value.yaml '@:2:14: invalid value '"'sideways'"' for '"'orientation'"' (expected flame or icicle)' --config
problem config-binary.yaml '@:1:1: invalid input: control characters are not allowed (byte 0x1f)' --config
problem config-duplicate.yaml '@:7:3: duplicate key '"'x'"' (first at line 5)' --config
problem config-tabs.yaml '@:3:1: tab character in indentation: YAML allows only spaces' --config
problem config-unknown-key.yaml '@:5:1: unknown key '"'orientaton'"' in the config' --config
problem config-wrong-type.yaml '@:3:7: expected a mapping for '"'keys'"'' --config
problem config-deep-nesting.yaml '@:1:38: nesting deeper than 32 levels' --config
problem config-two-documents.yaml '@:2:1: only one YAML document is allowed' --config
problem config-invalid-utf8.yaml '@:1:8: invalid input: invalid leading UTF-8 octet (byte 0xff)' --config
problem config-escape-key.yaml '@:3:3: unknown key '"'"'\x1b]0;pwned\x07'"'"' (use vim notation' --config
problem config-billion-laughs.yaml '@:1:4: anchors and aliases are not allowed (found '"'&a'"')' --config
# ... 33 problems: the first 20 are shown, then a count (not thousands of lines).
problem config-billion-laughs.yaml '... and 14 more problems in the config and theme files' --config
problem theme-empty.yaml '@: the theme is empty' --theme
problem theme-alias.yaml '@:4:10: aliases are not allowed (found '"'*sel'"')' --theme
problem theme-bad-colour.yaml '@:6:8: missing colour for '"'fg'"' (quote "#rrggbb": a bare # starts a comment)' --theme
problem theme-binary.yaml '@:2:1: invalid input: control characters are not allowed (byte 0x00)' --theme
problem theme-duplicate.yaml '@:5:3: duplicate key '"'selected'"' (first at line 3)' --theme
problem theme-tabs.yaml '@:3:1: tab character in indentation: YAML allows only spaces' --theme
problem theme-unknown-key.yaml '@:3:24: unknown key '"'blink'"' in styles.selected' --theme
problem theme-wrong-type.yaml '@:4:30: expected a list for '"'attrs'"'' --theme
problem theme-escapes.yaml '@:3:3: unknown key '"'"'\x1b[2J'"'"' in styles' --theme
# Generated: over the 1 MiB size cap, and 10,000 keys in one flow mapping.
awk 'BEGIN { s = "x"; while (length(s) < 2000000) s = s s; printf "theme: %s\n", s }' >"$TMP/config-2mb.yaml"
awk 'BEGIN { printf "keys: {"; for (i = 0; i < 10000; i++) printf "%s%05d: q", i ? "," : "", i; print "}" }' >"$TMP/config-10000-keys.yaml"
problem "$TMP/config-2mb.yaml" '@: file too large (more than 1048576 bytes)' --config
problem "$TMP/config-10000-keys.yaml" '@:1:89997: document too large (more than 20000 YAML nodes)' --config

echo "# $entries catalogue entries"
echo "1..$n"
[ "$failed" -eq 0 ]
