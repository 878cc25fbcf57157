#!/bin/sh
# cli.sh - the real binary as a user runs it: options, exit statuses, messages,
# --top and --export on the sample profiles and the corpus. Speaks TAP.
set -u
BIN=${FLAMEX_BIN:-./flamex}
DATA=${FLAMEX_TEST_DATA:-tests/data}
SAMPLES=${FLAMEX_SAMPLES:-sample-profiles}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/flamex-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }

# expect_status DESC STATUS CMD...: run CMD (stdout/stderr to $TMP/out, $TMP/err)
expect_status() {
    desc=$1 want=$2
    shift 2
    "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    got=$?
    if [ "$got" -eq "$want" ]; then ok "$desc"; else
        not_ok "$desc (exit $got, wanted $want)"; sed 's/^/# /' "$TMP/err"; fi
}
# expect_grep DESC FILE PATTERN: fixed-string search
expect_grep() {
    if grep -qF -- "$3" "$2"; then ok "$1"; else
        not_ok "$1"; echo "# missing: $3"; sed 's/^/# /' "$2" | head -20; fi
}

expect_status "--version exits 0" 0 "$BIN" --version
expect_grep "--version names the program" "$TMP/out" "flamex "
expect_status "--help exits 0" 0 "$BIN" --help
# Every row of the option table (src/main_options.c) is in --help and in the
# man page, with its short letter; every option the man page names is a row.
SRC=${FLAMEX_SRCDIR:-.}
sed -n "s/^ *X([A-Z_]*, \"\\([a-z-]*\\)\", '*\\([^,']*\\)'*,.*/\\1 \\2/p" "$SRC/src/main_options.c" >"$TMP/options"
if [ "$(wc -l <"$TMP/options")" -ge 30 ]; then ok "the option table reads ($(wc -l <"$TMP/options") rows)"
else not_ok "the option table reads ($(wc -l <"$TMP/options") rows)"; fi
cp "$TMP/out" "$TMP/help"
while read -r opt letter; do
    man_opt=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
    if grep -qE -- "^ *(-., )?--$opt([=[ ]|\$)" "$TMP/help"; then ok "--help lists --$opt"
    else not_ok "--help lists --$opt"; fi
    if grep -q -- "fB\\\\-\\\\-$man_opt\\\\f" "$SRC/flamex.1"; then ok "man page documents --$opt"
    else not_ok "man page documents --$opt"; fi
    [ "$letter" = 0 ] && continue
    if grep -qE -- "^  -$letter, --$opt([=[ ]|\$)" "$TMP/help"; then ok "--help gives --$opt its -$letter"
    else not_ok "--help gives --$opt its -$letter"; fi
    if grep -q -- "fB\\\\-$letter\\\\fR, \\\\fB\\\\-\\\\-$man_opt\\\\f" "$SRC/flamex.1"; then ok "man page gives --$opt its -$letter"
    else not_ok "man page gives --$opt its -$letter"; fi
done <"$TMP/options"
for opt in $(grep -o 'fB\\-\\-[a-z\\-]*' "$SRC/flamex.1" | sed 's/^fB//; s/\\f.*//; s/\\//g; s/^--//' | sort -u); do
    if grep -q "^$opt " "$TMP/options"; then ok "man page's --$opt is an option"
    else not_ok "man page's --$opt is an option"; fi
done
expect_status "unknown option is a usage error" 1 "$BIN" --no-such-option x
expect_status "three files are a usage error" 1 "$BIN" a b c
expect_grep "three files: says what it expects" "$TMP/err" "expected one FILE, or BEFORE and AFTER"
expect_status "--export of two files is a usage error" 1 "$BIN" --export=folded a b
expect_status "a missing AFTER is an input error" 2 "$BIN" --report "$SAMPLES/recommendation-api.folded" "$TMP/nope.folded"
expect_grep "missing AFTER: message names it" "$TMP/err" "$TMP/nope.folded: cannot open"
# Compare mode's text report: the article's walkthrough, before and after the fixes.
SA=$SAMPLES/recommendation-api.folded
SB=$SAMPLES/recommendation-api-after.folded
expect_status "--report BEFORE AFTER" 0 "$BIN" --report "$SA" "$SB"
expect_grep "--report BEFORE AFTER: serialize_response 61% -> 18%, counts as measured" "$TMP/out" "61.00%   18.00%  -43.00%       2501        351      -2150     -838.50  handle_request;serialize_response"
expect_grep "--report BEFORE AFTER: the shrink list starts with the JSON encoding" "$TMP/out" "35.00%       0%  -35.00%       1435          0      -1435     -682.50  _make_iterencode.<locals>._iterencode"
# Issue 13: model.predict's count is 451 in both files; the scaled 214.50 is not printed as BEFORE's count.
expect_grep "--report: model.predict's counts as measured, its share change beside" "$TMP/out" "11.00%   23.13%  +12.13%        451        451          0     +236.50  model.predict"
expect_grep "--report: the header says normalised" "$TMP/out" "Normalised: ranked by change of share"
expect_status "--report --no-normalise" 0 "$BIN" --report --no-normalise "$SA" "$SB"
expect_grep "--no-normalise: the header says so" "$TMP/out" "Not normalised: ranked by change of value; all values as measured"
expect_grep "--no-normalise: two functions grew (the new ones)" "$TMP/out" "Largest growth (self value, by change of value): 2 functions grew"
if grep -q "model.predict\|norm.chg" "$TMP/out"; then not_ok "--no-normalise: model.predict (same count) is not growth, no norm.chg column"
else ok "--no-normalise: model.predict (same count) is not growth, no norm.chg column"; fi
expect_status "folded vs pprof compare the type they share (samples)" 0 "$BIN" --report "$SA" "$DATA/pprof/gen/cpu.pb.gz"
expect_grep "folded vs pprof: the type" "$TMP/out" "Sample type: samples"
# --report=N: N rows in every list of the comparison, the call paths too; 0 shows all.
expect_status "--report=4 BEFORE AFTER" 0 "$BIN" --report=4 "$SA" "$SB"
if [ "$(grep -c "Showing top 4 of" "$TMP/out")" -eq 2 ] && ! grep -q "Showing top 10" "$TMP/out"
then ok "--report=4 BEFORE AFTER: the growth list and the call paths show 4"
else not_ok "--report=4 BEFORE AFTER: the growth list and the call paths show 4"; grep Showing "$TMP/out" | sed 's/^/# /'; fi
expect_status "--report=0 BEFORE AFTER" 0 "$BIN" --report=0 "$SA" "$SB"
if grep -q "Showing top" "$TMP/out"; then not_ok "--report=0 BEFORE AFTER: no list is cut"
else ok "--report=0 BEFORE AFTER: no list is cut"; fi
expect_status "two files without a terminal print the comparison" 0 "$BIN" "$SA" "$SB"
expect_grep "two files without a terminal: the totals" "$TMP/out" "4100"
expect_status "-s names a type both lack" 1 "$BIN" --report -s cpu "$SA" "$SB"
expect_grep "-s missing in one: says which file" "$TMP/err" "no sample type 'cpu' in BEFORE"
expect_grep "-s missing in one: the hint names the pair form" "$TMP/err" "-s BEFORE_TYPE,AFTER_TYPE one of each"
# A type name given to -s is echoed escaped, as the names in the profile are.
expect_status "-s with an escape byte, one profile" 1 "$BIN" --top -s "$(printf 'x\033[2Jy')" "$SA"
expect_grep "-s with an escape byte: escaped in the message" "$TMP/err" "no sample type 'x\\x1b[2Jy' in this profile"
if grep -q "$(printf '\033')" "$TMP/err"; then not_ok "-s with an escape byte: no raw ESC on stderr"
else ok "-s with an escape byte: no raw ESC on stderr"; fi
# Different type names: a pprof cpu profile against a perf cpu-clock capture.
PC=$DATA/pprof/gen/cpu.pb.gz
PF=$DATA/perf-script/local-cpu-clock-pidtid.txt
expect_status "pprof cpu vs perf cpu-clock: each file's default" 0 "$BIN" --report "$PC" "$PF"
expect_grep "pprof vs perf: the note on stderr" "$TMP/err" "The profiles share no sample type: comparing BEFORE's cpu with AFTER's cpu-clock"
expect_grep "pprof vs perf: the header names both types" "$TMP/out" "Sample types: BEFORE cpu, AFTER cpu-clock (nanoseconds)"
expect_status "-s cpu,cpu-clock" 0 "$BIN" --report -s cpu,cpu-clock "$PC" "$PF"
if [ -s "$TMP/err" ]; then not_ok "-s cpu,cpu-clock: no note"; sed 's/^/# /' "$TMP/err"; else ok "-s cpu,cpu-clock: no note"; fi
expect_grep "-s cpu,cpu-clock: the types" "$TMP/out" "Sample types: BEFORE cpu, AFTER cpu-clock (nanoseconds)"
expect_status "-s 'samples,cpu-clock samples'" 0 "$BIN" --report -s "samples,cpu-clock samples" "$PC" "$PF"
expect_grep "-s samples,cpu-clock samples: the types" "$TMP/out" "Sample types: BEFORE samples, AFTER cpu-clock samples (count)"
expect_status "-s cpu,nope" 1 "$BIN" --report -s cpu,nope "$PC" "$PF"
expect_grep "-s cpu,nope: names AFTER and its types" "$TMP/err" "no sample type 'nope' in AFTER $PF (it has: cpu-clock (nanoseconds), cpu-clock samples (count))"
expect_status "-s A,B in the viewer" 0 "$BIN" --dump --size=120x30 -s cpu,cpu-clock "$PC" "$PF"
expect_grep "-s A,B in the viewer: AFTER's title names its type" "$TMP/out" "cpu-clock 53.70ms"
expect_status "pprof vs perf in the viewer" 0 "$BIN" --dump --size=200x30 "$PC" "$PF"
expect_grep "pprof vs perf in the viewer: the note in the status line" "$TMP/out" "The profiles share no sample type: comparing BEFORE's cpu with AFTER's cpu-clock"
expect_status "folded vs pprof heap: no shared name, the first pair of one unit" 0 "$BIN" --report "$SA" "$DATA/pprof/gen/heap.pb.gz"
expect_grep "folded vs pprof heap: says so" "$TMP/err" "share no sample type: comparing BEFORE's samples with AFTER's alloc_objects"
expect_status "-s samples,inuse_space: two units" 0 "$BIN" --report -s samples,inuse_space "$SA" "$DATA/pprof/gen/heap.pb.gz"
expect_grep "two units: says the values have none" "$TMP/err" "BEFORE's samples is in count, AFTER's inuse_space in bytes: values shown without a unit"
expect_grep "two units: no unit in the header" "$TMP/out" "Sample types: BEFORE samples, AFTER inuse_space (count)"
D2=$DATA/folded/perf-cycles-instructions-01-collapsed-all-diff.folded
expect_status "a two-count file against another profile is a usage error" 1 "$BIN" --report "$D2" "$SA"
expect_grep "two-count file against another: says what to do" "$TMP/err" "holds two counts per line, a comparison already"
# The hint must work: -s BEFORE_TYPE,AFTER_TYPE with one of the file's counts.
expect_grep "two-count file against another: the hint" "$TMP/err" "pick one of its counts with -s BEFORE_TYPE,AFTER_TYPE"
expect_status "the hint works: -s after,samples" 0 "$BIN" --report -s after,samples "$D2" "$SA"
expect_grep "the hint works: the types" "$TMP/out" "Sample types: BEFORE after, AFTER samples (count)"
expect_status "bad --top value" 1 "$BIN" --top=abc "$SAMPLES/recommendation-api.folded"
expect_status "bad --export format" 1 "$BIN" --export=svg "$SAMPLES/recommendation-api.folded"
expect_status "bad --max-input-size" 1 "$BIN" --max-input-size=lots "$SAMPLES/recommendation-api.folded"

expect_status "missing file is an input error" 2 "$BIN" --top "$TMP/nope.folded"
expect_grep "missing file: message names the file" "$TMP/err" "$TMP/nope.folded: cannot open"
expect_status "empty file is an input error" 2 "$BIN" --top "$DATA/folded/empty.folded"
expect_grep "empty file: message" "$TMP/err" "no stacks found"

expect_status "--top on the article sample" 0 "$BIN" --top=5 "$SAMPLES/recommendation-api.folded"
expect_grep "--top header names the file" "$TMP/out" "File: $SAMPLES/recommendation-api.folded"
expect_grep "--top header format" "$TMP/out" "Format: folded"
expect_grep "--top first row is the plateau" "$TMP/out" \
    "      1435 35.00% 35.00%       1435 35.00%  _make_iterencode.<locals>._iterencode"
expect_status "default mode prints the report" 0 "$BIN" "$SAMPLES/recommendation-api.folded"
expect_grep "default report" "$TMP/out" "Showing nodes accounting for 4100, 100% of 4100 total"

expect_status "--top reads stdin" 0 sh -c "\"$BIN\" --top < \"$SAMPLES/recommendation-api-after.folded\""
expect_grep "stdin is named -" "$TMP/out" "File: -"
expect_grep "after: serialize_response is 18%" "$TMP/out" "351 18.00%  serialize_response"

expect_status "bad lines are skipped" 0 "$BIN" --top "$DATA/folded/bad-lines.folded"
expect_grep "bad lines: count and first line on stderr" "$TMP/err" \
    "bad-lines.folded: 2 lines ignored (first at line 3:"
expect_status "--strict turns bad lines into exit 2" 2 "$BIN" --strict --top "$DATA/folded/bad-lines.folded"
expect_grep "--strict names file and line" "$TMP/err" "bad-lines.folded:3: "

gzip -c "$SAMPLES/recommendation-api.folded" >"$TMP/sample.gz"
expect_status "gzip input" 0 "$BIN" --export=folded "$TMP/sample.gz"
if cmp -s "$TMP/out" "$SAMPLES/recommendation-api.folded"; then ok "gzip export equals the sorted input"
else not_ok "gzip export equals the sorted input"; fi
head -c 100 "$TMP/sample.gz" >"$TMP/trunc.gz"
expect_status "truncated gzip is an input error" 2 "$BIN" --top "$TMP/trunc.gz"
expect_grep "truncated gzip message" "$TMP/err" "trunc.gz: truncated gzip data"
expect_status "size cap" 2 "$BIN" --max-input-size=100 --top "$SAMPLES/recommendation-api.folded"
expect_grep "size cap message" "$TMP/err" "size limit of 100 bytes"

expect_status "differential export keeps both counts" 0 "$BIN" --export=folded \
    "$DATA/folded/perf-cycles-instructions-01-collapsed-all-diff.folded"
expect_grep "differential line" "$TMP/out" "cksum;cksum 6 2"
expect_status "-s before exports one count" 0 "$BIN" --export=folded -s before \
    "$DATA/folded/perf-cycles-instructions-01-collapsed-all-diff.folded"
expect_grep "before count only" "$TMP/out" "cksum;cksum 6"
expect_status "unknown sample type" 1 "$BIN" --top -s nope "$SAMPLES/recommendation-api.folded"
expect_grep "unknown sample type lists the known ones" "$TMP/err" "(it has: samples)"

expect_status "huge counts export exactly" 0 "$BIN" --export=folded "$DATA/folded/huge-sample-counts.folded"
expect_grep "huge count" "$TMP/out" "swapper/0;start_kernel;do_idle 239807672958951499"

printf 'evil\033]0;pwned\007name;x\033[2J 5\n' >"$TMP/evil.folded"
expect_status "escape sequences in names" 0 "$BIN" --top "$TMP/evil.folded"
if grep -q "$(printf '\033')" "$TMP/out"; then not_ok "--top never prints raw ESC"; else ok "--top never prints raw ESC"; fi
expect_grep "--top shows the escape visibly" "$TMP/out" '\x1b'

expect_status "--stats" 0 "$BIN" --top=1 --stats "$SAMPLES/recommendation-api.folded"
expect_grep "--stats line" "$TMP/err" "nodes=17 names=16"

# A 100,000-frame stack loads and exports (no recursion over depth).
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%sf%d", (i ? ";" : ""), i % 13; print " 9" }' >"$TMP/deep.folded"
expect_status "100,000-frame stack" 0 "$BIN" --export=folded "$TMP/deep.folded"
if cmp -s "$TMP/out" "$TMP/deep.folded"; then ok "deep stack round-trips"; else not_ok "deep stack round-trips"; fi

# ---- pprof ------------------------------------------------------------------
PP="$DATA/pprof"
expect_status "pprof profile opens by content" 0 env TZ=UTC "$BIN" --top "$PP/gen/cpu.pb.gz"
expect_grep "pprof: format line" "$TMP/out" "Format: pprof (gzip)"
expect_grep "pprof: binary" "$TMP/out" "Binary: profgen"
expect_grep "pprof: default type is the last" "$TMP/out" "Type: cpu"
expect_grep "pprof: period" "$TMP/out" "Period: 10ms cpu"
expect_grep "pprof: time" "$TMP/out" "Time: Nov 25, 2026 at 7:05pm (UTC)"
expect_grep "pprof: duration" "$TMP/out" "Duration: 3.15s, Total samples = 3.03s (96.31%)"
expect_grep "pprof: node fraction like pprof" "$TMP/out" "Dropped 44 nodes (cum <= 0.02s)"
expect_grep "pprof: first row as go tool pprof" "$TMP/out" \
    "     1.08s 35.64% 35.64%      1.08s 35.64%  runtime.asyncPreempt"
expect_status "pprof -s samples" 0 "$BIN" --top=2 -s samples "$PP/gen/cpu.pb.gz"
expect_grep "pprof -s samples: counts" "$TMP/out" "       108 35.64% 35.64%        108 35.64%  runtime.asyncPreempt"
expect_status "pprof --sample-type unknown" 1 "$BIN" --top --sample-type=nope "$PP/gen/cpu.pb.gz"
expect_grep "pprof unknown type lists the types" "$TMP/err" "(it has: samples cpu)"
expect_status "pprof --node-fraction=0 shows every function" 0 "$BIN" --top --node-fraction=0 "$PP/gen/cpu.pb.gz"
if grep -q "Dropped" "$TMP/out"; then not_ok "--node-fraction=0 drops nothing"; else ok "--node-fraction=0 drops nothing"; fi
expect_grep "inline marking in --top" "$TMP/out" "main.mix (inline)"
expect_status "bad --node-fraction" 1 "$BIN" --top --node-fraction=2 "$PP/gen/cpu.pb.gz"
expect_status "pprof export" 0 "$BIN" --export=folded -s cpu "$PP/java.cpu.pb.gz"
if grep -qv ' [0-9][0-9]*$' "$TMP/out"; then not_ok "pprof export writes integer values"; else ok "pprof export writes integer values"; fi
expect_grep "pprof export: values in the sample unit, not scaled" "$TMP/out" "VM 20000000"
gzip -dc "$PP/gen/cpu.pb.gz" >"$TMP/cpu.pb"
expect_status "raw (uncompressed) pprof" 0 "$BIN" --top=1 "$TMP/cpu.pb"
expect_grep "raw pprof format line" "$TMP/out" "Format: pprof"
expect_status "pprof on stdin" 0 sh -c "\"$BIN\" --top=1 < \"$PP/java.heap.pb.gz\""
expect_grep "pprof on stdin: type" "$TMP/out" "Type: inuse_space"
expect_status "--format=pprof forces the loader" 0 "$BIN" --format=pprof --top=1 "$TMP/cpu.pb"

# Broken profiles: one line naming the file and what is wrong, exit 2.
size=$(wc -c <"$TMP/cpu.pb")
head -c $((size / 2)) "$TMP/cpu.pb" >"$TMP/half.pb"
expect_status "truncated protobuf" 2 "$BIN" --top "$TMP/half.pb"
expect_grep "truncated protobuf: offset and reason" "$TMP/err" "half.pb: at byte offset"
expect_grep "truncated protobuf: says past the end" "$TMP/err" "past the end"
if [ "$(wc -l <"$TMP/err")" -eq 1 ]; then ok "truncated protobuf: one line"; else not_ok "truncated protobuf: one line"; fi
head -c 700 "$PP/gen/cpu.pb.gz" >"$TMP/trunc.pb.gz"
expect_status "truncated gzip" 2 "$BIN" --top "$TMP/trunc.pb.gz"
expect_grep "truncated gzip: message" "$TMP/err" "trunc.pb.gz"
: >"$TMP/empty.pb"
expect_status "empty file, forced pprof" 2 "$BIN" --format=pprof --top "$TMP/empty.pb"
expect_grep "empty pprof: message" "$TMP/err" "the input is empty"
# fixed high-entropy bytes (random ones occasionally contain a valid folded line)
dd if="$PP/gen/heap.pb.gz" of="$TMP/junk.bin" bs=1 skip=64 count=4096 2>/dev/null
expect_status "non-protobuf bytes" 2 "$BIN" --top "$TMP/junk.bin"
expect_status "non-protobuf bytes, forced pprof" 2 "$BIN" --format=pprof --top "$TMP/junk.bin"
# a string index out of range: string_table "" then sample_type {type=7}
printf '\062\000\012\002\010\007' >"$TMP/index.pb"
expect_status "out-of-range string index" 2 "$BIN" --format=pprof --top "$TMP/index.pb"
expect_grep "out-of-range index: offset and reason" "$TMP/err" "index.pb: at byte offset 4: invalid pprof profile: string index 7 out of range"
# a 10 GB claimed length after a valid field
printf '\062\000\022\200\200\200\200\050xyz' >"$TMP/huge.pb"
expect_status "10 GB claimed length" 2 "$BIN" --top "$TMP/huge.pb"
expect_grep "10 GB length: reason" "$TMP/err" "huge.pb: at byte offset 3: invalid pprof profile: length field points past the end"
# a gzip bomb: 64 MB of zeros in 64 kB, against a 16 MB limit
head -c 67108864 /dev/zero | gzip -9 >"$TMP/bomb.pb.gz"
expect_status "gzip bomb hits the size limit" 2 "$BIN" --max-input-size=16M --format=pprof --top "$TMP/bomb.pb.gz"
expect_grep "gzip bomb: message" "$TMP/err" "limit"

# ---- format detection -------------------------------------------------------
printf 'this is not a profile\nhello world\n' >"$TMP/prose.txt"
expect_status "unrecognised text" 2 "$BIN" --top "$TMP/prose.txt"
expect_grep "unrecognised: names the file and every format" "$TMP/err" \
    "flamex: cannot recognise $TMP/prose.txt: not folded stacks (line 1: the last field is not a count"
expect_grep "unrecognised: pprof reason" "$TMP/err" "not pprof (byte 0: not a profile.proto field"
expect_grep "unrecognised: perf reason" "$TMP/err" "not perf script (line 1: "
expect_status "binary junk is unrecognised" 2 "$BIN" --top "$TMP/junk.bin"
expect_grep "binary junk: message" "$TMP/err" "cannot recognise"
gzip -c "$TMP/prose.txt" >"$TMP/prose.txt.gz"
expect_status "compressed unrecognised text" 2 "$BIN" --top "$TMP/prose.txt.gz"
expect_grep "compressed: same message" "$TMP/err" "not folded stacks (line 1:"
printf '# a comment\n\nmain;work 3\n' >"$TMP/comment-first.folded"
expect_status "folded after comments and blank lines" 0 "$BIN" --top "$TMP/comment-first.folded"
expect_grep "folded after comments: format" "$TMP/out" "Format: folded"

# ---- shape thresholds --------------------------------------------------------
expect_status "--plateau=10" 0 "$BIN" --report=0 --plateau=10 "$SAMPLES/recommendation-api.folded"
expect_grep "--plateau=10 keeps the 3 widest plateaus" "$TMP/out" "Plateaus (self >= 10% of the total): 3"
expect_status "--tower-depth=1 --tower-share=15" 0 "$BIN" --report=0 --tower-depth=1 --tower-share=15 "$SAMPLES/recommendation-api.folded"
expect_grep "low tower thresholds find towers" "$TMP/out" "Towers (>= 1 frames above a base frame with total <= 15% of the total): 2"
expect_grep "the tower base" "$TMP/out" "     1  14.00%  run_ml_inference"
expect_status "bad --plateau" 1 "$BIN" --report --plateau=0 "$SAMPLES/recommendation-api.folded"
expect_status "bad --tower-depth" 1 "$BIN" --report --tower-depth=x "$SAMPLES/recommendation-api.folded"

# The man page documents every action of the action table (names as in the config).
for action in $(sed -n 's/^ *X([A-Z_]*, "\([a-z-]*\)".*/\1/p' "$SRC/include/flamex/view/actions.h"); do
    man_name=$(printf '%s' "$action" | sed 's/-/\\\\-/g')
    if grep -q -- "$man_name" "$SRC/flamex.1"; then ok "man page documents $action"
    else not_ok "man page documents $action"; fi
done

# ---- themes: built in, a user's file overrides by name, an unknown name is said -------
# (run from the build tree: nothing is installed, so these are the built-in ones)
SA_DUMP="--dump --size=80x24 $SAMPLES/recommendation-api.folded"
for theme in default light mono colorblind; do
    expect_status "--theme=$theme draws" 0 "$BIN" --theme=$theme $SA_DUMP
    if [ ! -s "$TMP/err" ]; then ok "--theme=$theme is built in: no warning"
    else not_ok "--theme=$theme is built in: no warning"; sed 's/^/# /' "$TMP/err"; fi
done
expect_status "--theme=nope still draws" 0 env XDG_CONFIG_HOME="$TMP/none" "$BIN" --theme=nope $SA_DUMP
expect_grep "--theme=nope: says so and lists the themes" "$TMP/err" \
    "theme 'nope' not found (built-in: colorblind, default, light, mono; none in $TMP/none/flamex/themes); using the default"
mkdir -p "$TMP/xdg/flamex/themes"
printf 'name: mine\nstyles:\n  status: { fg: red, blink: yes }\n' >"$TMP/xdg/flamex/themes/light.yaml"
expect_status "a user's light.yaml" 0 env XDG_CONFIG_HOME="$TMP/xdg" "$BIN" --theme=light $SA_DUMP
expect_grep "a user's light.yaml overrides the built-in one" "$TMP/err" \
    "$TMP/xdg/flamex/themes/light.yaml:3:22: unknown key 'blink' in styles.status"
expect_status "a theme not found among the user's" 0 env XDG_CONFIG_HOME="$TMP/xdg" "$BIN" --theme=ligth $SA_DUMP
expect_grep "not found: lists the user's themes too" "$TMP/err" "; in $TMP/xdg/flamex/themes: light)"
printf 'theme: mono\n' >"$TMP/xdg/flamex/config.yaml"
expect_status "config.yaml's theme: is built in too" 0 env XDG_CONFIG_HOME="$TMP/xdg" "$BIN" $SA_DUMP
if [ ! -s "$TMP/err" ]; then ok "config.yaml's theme: mono: no warning"
else not_ok "config.yaml's theme: mono: no warning"; sed 's/^/# /' "$TMP/err"; fi

# Config and theme problems are printed before the full screen opens, which
# hides them: the viewer announces them and its information panel lists them,
# in compare mode as well.
printf 'orientaton: icicle\ntheme: ligth\n' >"$TMP/bad-config.yaml"
for files in "$SA" "$SA $SB"; do
    what=$([ "$files" = "$SA" ] && echo "one file" || echo "compare mode")
    expect_status "$what: a config with two problems still draws" 0 env XDG_CONFIG_HOME="$TMP/none" \
        "$BIN" --config="$TMP/bad-config.yaml" --dump --size=120x30 $files
    expect_grep "$what: stderr names the unknown key" "$TMP/err" "$TMP/bad-config.yaml:1:1: unknown key 'orientaton' in the config"
    expect_grep "$what: stderr puts the unknown theme at its config line" "$TMP/err" "$TMP/bad-config.yaml:2:8: theme 'ligth' not found (built-in: colorblind, default, light, mono; none in $TMP/none/flamex/themes); using the default"
    expect_grep "$what: the status line announces them" "$TMP/out" "2 config/theme problems: see the information panel (i)"
    expect_status "$what: i opens the panel" 0 env XDG_CONFIG_HOME="$TMP/none" \
        "$BIN" --config="$TMP/bad-config.yaml" --dump --size=200x30 --keys=i $files
    expect_grep "$what: the panel's section" "$TMP/out" " Problems in the config and theme (defaults used instead)"
    expect_grep "$what: the panel lists the key" "$TMP/out" "   $TMP/bad-config.yaml:1:1: unknown key 'orientaton' in the config"
    expect_grep "$what: the panel lists the theme at its config line" "$TMP/out" "   $TMP/bad-config.yaml:2:8: theme 'ligth' not found (built-in:"
    expect_status "$what: a key later" 0 env XDG_CONFIG_HOME="$TMP/none" \
        "$BIN" --config="$TMP/bad-config.yaml" --dump --size=120x30 --keys=k $files
    if grep -q "config/theme problem" "$TMP/out"; then not_ok "$what: the notice goes at the first key"
    else ok "$what: the notice goes at the first key"; fi
done
expect_status "a clean config: no notice" 0 "$BIN" --theme=light --dump --size=120x30 "$SA"
if grep -q "config/theme problem\|Problems in the config" "$TMP/out"; then not_ok "a clean config: no notice"
else ok "a clean config: no notice"; fi

# ---- --report: the top table, plateaus and towers ----------------------------
# expect_lines DESC FILE EXPECTED: from the first line of FILE equal to the
# first line of EXPECTED on, FILE must continue with exactly EXPECTED's lines
expect_lines() {
    first=$(head -n 1 "$3")
    want=$(wc -l <"$3")
    awk -v f="$first" 'found || $0 == f { found = 1; print }' "$2" | head -n "$want" >"$TMP/got"
    if cmp -s "$TMP/got" "$3"; then ok "$1"; else
        not_ok "$1"; diff "$3" "$TMP/got" | sed 's/^/# /' | head -20; fi
}
SAMPLE="$SAMPLES/recommendation-api.folded"
expect_status "--help for --report" 0 "$BIN" --help
expect_grep "--help lists --report" "$TMP/out" "--report[=N]"
if grep -q -- 'fB\\-\\-report' "${FLAMEX_SRCDIR:-.}/flamex.1"; then ok "man page documents --report"
else not_ok "man page documents --report"; fi
expect_status "--report on the article sample" 0 "$BIN" --report "$SAMPLE"
expect_grep "--report header names the file" "$TMP/out" "File: $SAMPLE"
expect_grep "--report shows 10 rows by default" "$TMP/out" "Showing top 10 nodes out of 16"
cat >"$TMP/want" <<'WANT'
      flat  flat%   sum%        cum   cum%
      1435 35.00% 35.00%       1435 35.00%  _make_iterencode.<locals>._iterencode
       492 12.00% 47.00%        492 12.00%  _resolve_image_urls
       451 11.00% 58.00%        451 11.00%  model.predict
WANT
expect_lines "--report: the hot list starts _iterencode 35%, _resolve_image_urls 12%, model.predict 11%" \
    "$TMP/out" "$TMP/want"
cat >"$TMP/want" <<'WANT'
Plateaus (self >= 5% of the total): 7
 self%  total%  name
35.00%  35.00%  _make_iterencode.<locals>._iterencode
                stack: handle_request;serialize_response;json.dumps;_encoder.encode;_make_iterencode.<locals>._iterencode
12.00%  12.00%  _resolve_image_urls
                stack: handle_request;serialize_response;format_products;_resolve_image_urls
11.00%  11.00%  model.predict
                stack: handle_request;run_ml_inference;model.predict
 9.00%   9.00%  deserialize_profile
                stack: handle_request;load_user_profile;deserialize_profile
 8.00%   8.00%  parse_request
                stack: handle_request;parse_request
 7.00%   7.00%  _compute_display_price
                stack: handle_request;serialize_response;format_products;_compute_display_price
 5.00%   5.00%  send_response
                stack: handle_request;send_response

Towers (>= 12 frames above a base frame with total <= 1% of the total): none
WANT
expect_lines "--report: the plateaus (_iterencode first at 35%, send_response at exactly 5%), no towers" \
    "$TMP/out" "$TMP/want"
if [ "$(tail -n 1 "$TMP/out")" = "$(tail -n 1 "$TMP/want")" ]; then ok "--report ends with the towers"
else not_ok "--report ends with the towers"; fi

expect_status "--report=3" 0 "$BIN" --report=3 "$SAMPLE"
expect_grep "--report=3: three table rows" "$TMP/out" "Showing top 3 nodes out of 16"
expect_grep "--report=3: three plateaus of seven" "$TMP/out" "Showing top 3 of 7"
if grep -q "parse_request" "$TMP/out"; then not_ok "--report=3 leaves out the fourth plateau"
else ok "--report=3 leaves out the fourth plateau"; fi
expect_status "--report --top=2 (the issue's spelling)" 0 "$BIN" --report --top=2 "$SAMPLE"
expect_grep "--report --top=2: two rows" "$TMP/out" "Showing top 2 nodes out of 16"
expect_grep "--report --top=2: still a report" "$TMP/out" "Plateaus (self >= 5% of the total): 7"
expect_status "--top=2 --report" 0 "$BIN" --top=2 --report "$SAMPLE"
expect_grep "--top=2 --report: two plateaus of seven" "$TMP/out" "Showing top 2 of 7"
expect_status "--report=0 shows everything" 0 "$BIN" --report=0 "$SAMPLE"
expect_grep "--report=0: all plateaus" "$TMP/out" "stack: handle_request;send_response"
expect_status "bad --report value" 1 "$BIN" --report=lots "$SAMPLE"
expect_grep "bad --report value: message" "$TMP/err" "--report: 'lots' is not a row count"

# a tower: 14 frames (13 above t1), 1% wide
{ echo "main;w 990"; echo "main;t1;t2;t3;t4;t5;t6;t7;t8;t9;t10;t11;t12;t13;t14 10"; } >"$TMP/tower.folded"
expect_status "--report on a tower, from stdin" 0 sh -c "\"$BIN\" --report < \"$TMP/tower.folded\""
cat >"$TMP/want" <<'WANT'
Towers (>= 12 frames above a base frame with total <= 1% of the total): 1
height  total%  base frame
    13   1.00%  t1
                stack: main;t1
WANT
expect_lines "--report: the tower is reported once, at its base" "$TMP/out" "$TMP/want"
printf 'main;evil\033]0;pwned\007 50\nmain;ok 50\n' >"$TMP/evil-report.folded"
expect_status "--report with escape sequences in names" 0 "$BIN" --report "$TMP/evil-report.folded"
if grep -q "$(printf '\033')" "$TMP/out"; then not_ok "--report never prints raw ESC"; else ok "--report never prints raw ESC"; fi
expect_grep "--report: the plateau's stack is sanitised" "$TMP/out" 'stack: main;evil\x1b'

# Keys replayed without drawing in between: the sidebar's cursor stays in its
# list (these read past the end of the hot list before events settled it).
expect_status "--keys: G in the hot list, then t shortens it, then Enter" 0 \
    "$BIN" --dump --size=120x30 -s before --keys='H<Tab>Gt<Enter>' "$DATA/view/twotypes.folded"
expect_grep "--keys: Enter after t searches the last hot function of the new type" "$TMP/out" '"main"  Matched'
expect_status "--keys: zoomed scope, G, then Enter from the graph list" 0 \
    "$BIN" --dump --size=120x30 --keys='Hz<Tab>G<Tab>kk<Enter><Tab><Enter>' "$SAMPLES/recommendation-api.folded"
# The help screen scrolls to its last line and no further; G is its bottom.
expect_status "--keys: ? then 60 j at 200x30" 0 \
    "$BIN" --dump --size=200x30 --keys="?$(printf 'j%.0s' $(seq 60))" "$SAMPLES/recommendation-api.folded"
if [ "$(tail -n 1 "$TMP/out" | grep -c 'Width is time')" -eq 1 ]; then ok "help: 60 j end on its last line"
else not_ok "help: 60 j end on its last line"; sed 's/^/# /' "$TMP/out" | tail -5; fi
expect_status "--keys: ?G" 0 "$BIN" --dump --size=200x30 --keys='?G' "$SAMPLES/recommendation-api.folded"
expect_grep "help: G shows its bottom, help stays open" "$TMP/out" "Width is time"

echo "1..$n"
[ "$failed" -eq 0 ]
