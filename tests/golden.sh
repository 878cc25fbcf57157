#!/bin/sh
# golden.sh - the screens --dump prints, compared with tests/golden/*.txt.
# Regenerate after an intended change with FLAMEX_UPDATE_GOLDEN=1 make check,
# then read the diff before committing it. Speaks TAP.
set -u
BIN=${FLAMEX_BIN:-./flamex}
DATA=${FLAMEX_TEST_DATA:-tests/data}
SAMPLES=${FLAMEX_SAMPLES:-sample-profiles}
GOLDEN=${FLAMEX_GOLDEN:-tests/golden}
export LC_ALL=C.UTF-8
# pprof's "Time:" header line is local time: pin the zone.
TZ=UTC
export TZ
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
TMP=$(mktemp -d "${TMPDIR:-/tmp}/flamex-golden.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
n=0
failed=0

# golden_check NAME: compare $TMP/NAME.txt (just written) with the golden file,
# after copying it there when FLAMEX_UPDATE_GOLDEN=1.
golden_check() {
    if [ "${FLAMEX_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$TMP/$1.txt" "$GOLDEN/$1.txt"
    fi
    if cmp -s "$TMP/$1.txt" "$GOLDEN/$1.txt"; then
        echo "ok $n - $1"
    else
        failed=$((failed + 1)); echo "not ok $n - $1"
        diff -u "$GOLDEN/$1.txt" "$TMP/$1.txt" 2>&1 | head -40 | sed 's/^/# /'
    fi
}

# golden NAME SIZE KEYS FILE [OPTIONS...]
# flamex runs in FILE's directory and is given its base name, so screens that
# show the file's name (the information panel) do not depend on the checkout.
golden() {
    name=$1 size=$2 keys=$3 file=$4
    shift 4
    n=$((n + 1))
    if ! (cd "$(dirname "$file")" &&
          "$BIN" --dump --size="$size" --keys="$keys" "$@" "$(basename "$file")") \
            >"$TMP/$name.txt" 2>"$TMP/err"; then
        failed=$((failed + 1)); echo "not ok $n - $name (flamex failed)"; sed 's/^/# /' "$TMP/err"; return
    fi
    golden_check "$name"
}

# golden_compare NAME SIZE KEYS BEFORE AFTER [OPTIONS...]: compare mode, both
# files from BEFORE's directory by their base names.
golden_compare() {
    name=$1 size=$2 keys=$3 before=$4 after=$5
    shift 5
    n=$((n + 1))
    if ! (cd "$(dirname "$before")" &&
          "$BIN" --dump --size="$size" --keys="$keys" "$@" "$(basename "$before")" "$(basename "$after")") \
            >"$TMP/$name.txt" 2>"$TMP/err"; then
        failed=$((failed + 1)); echo "not ok $n - $name (flamex failed)"; sed 's/^/# /' "$TMP/err"; return
    fi
    golden_check "$name"
}

# golden_report NAME BEFORE AFTER [OPTIONS...]: compare mode's --report (the
# text it prints, exactly), both files from BEFORE's directory by base name.
golden_report() {
    name=$1 before=$2 after=$3
    shift 3
    n=$((n + 1))
    if ! (cd "$(dirname "$before")" &&
          "$BIN" --report "$@" "$(basename "$before")" "$(basename "$after")") \
            >"$TMP/$name.txt" 2>"$TMP/err"; then
        failed=$((failed + 1)); echo "not ok $n - $name (flamex failed)"; sed 's/^/# /' "$TMP/err"; return
    fi
    golden_check "$name"
}

A=$SAMPLES/recommendation-api.folded
golden article-80x24 80x24 "" "$A"
golden article-200x50 200x50 "" "$A"
# k moves to handle_request, kk... up to serialize_response via the right-hand side
golden article-select-80x24 80x24 "kkllll" "$A"
golden article-zoom-80x24 80x24 "kkllllk<Enter>" "$A"
golden article-zoom-200x50 200x50 "kkllllk<Enter>" "$A"
golden article-zoom-back-80x24 80x24 "kkllllk<Enter><BS>" "$A"
golden article-icicle-80x24 80x24 "o" "$A"
golden article-icicle-200x50 200x50 "jjj" "$A" --icicle
golden article-heaviest-80x24 80x24 "s" "$A"
golden article-help-80x24 80x24 "?" "$A"
# The hot-function sidebar (H): ranked by self; by total (c) at 120x40; Tab
# into it, two down, Enter: model.predict searched for and selected.
golden article-sidebar-200x50 200x50 "H" "$A"
golden article-sidebar-total-120x40 120x40 "Hc" "$A"
golden article-sidebar-enter-120x40 120x40 "H<Tab>jj<Enter>" "$A"
# Narrower than 80 columns the sidebar stays hidden and says why.
golden article-sidebar-narrow-79x24 79x24 "H" "$A"
# Search: kept with Enter (Matched line); still typing an invalid pattern
# (the error, the last valid match kept); n three times (screen order).
golden article-search-120x40 120x40 "/json<Enter>" "$A"
golden article-search-prompt-80x24 80x24 "/js(" "$A"
golden article-search-next-120x40 120x40 "/e<Enter>nnn" "$A"
# Shapes: the Shapes list (S), highlighted (p: the message counts them).
golden article-shapes-200x50 200x50 "Sp" "$A"
# A made-up profile with two plateaus and a tower 14 frames deep at 0.8%:
# Enter on the tower in the Shapes list selects its base.
T=$TMP/towers.folded
{
    echo "main;work 9000"
    echo "main;other 920"
    echo "main;t00;t01;t02;t03;t04;t05;t06;t07;t08;t09;t10;t11;t12;t13;t14 80"
} >"$T"
golden towers-shapes-200x50 200x50 "pS<Tab>jj<Enter>" "$T"
golden wide-names-80x24 80x24 "kkk" "$DATA/view/wide-names.folded"
golden wide-names-200x50 200x50 "kklll" "$DATA/view/wide-names.folded"
golden deep-80x24 80x24 "" "$DATA/view/deep.folded"
golden deep-climb-80x24 80x24 "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkk" "$DATA/view/deep.folded"
golden deep-top-200x50 200x50 "kg" "$DATA/view/deep.folded" --icicle
# breadcrumb at zoom depths 7, 8 and 9 (where it starts to elide)
golden deep-zoom7-80x24 80x24 "kkkkkkk<Enter>" "$DATA/view/deep.folded"
golden deep-zoom8-80x24 80x24 "kkkkkkkk<Enter>" "$DATA/view/deep.folded"
golden deep-zoom9-120x30 120x30 "kkkkkkkkk<Enter>" "$DATA/view/deep.folded"
# A two-count (differential) folded file: -s views one side alone, t the other;
# without -s it opens compare mode.
golden diff-types-80x24 80x24 "t" "$DATA/folded/perf-cycles-instructions-01-collapsed-all-diff.folded" -s before
golden compare-difffolded-120x40 120x40 "" "$DATA/folded/perf-cycles-instructions-01-collapsed-all-diff.folded"
# Compare mode on the article's walkthrough, before and after its fixes 1 and 2.
# kkllll selects serialize_response (61% -> 18%) in the AFTER pane; BEFORE follows.
B=$SAMPLES/recommendation-api-after.folded
golden_compare compare-side-80x24 80x24 "" "$A" "$B"
golden_compare compare-side-200x50 200x50 "" "$A" "$B"
golden_compare compare-select-200x50 200x50 "kkllll" "$A" "$B"
golden_compare compare-zoom-200x50 200x50 "kkllll<Enter>" "$A" "$B"
# kl more: orjson.dumps, only in AFTER: BEFORE says so and stays on serialize_response.
golden_compare compare-absent-200x50 200x50 "kkllllkl" "$A" "$B"
# w: the keys to BEFORE; zooming there moves AFTER too.
golden_compare compare-pane-200x50 200x50 "wkkllllkk<Enter>" "$A" "$B"
golden_compare compare-raw-200x50 200x50 "kkllllm" "$A" "$B"
golden_compare compare-diff-200x50 200x50 "kkllllkd" "$A" "$B"
golden_compare compare-diff-larger-200x50 200x50 "dbb" "$A" "$B"
golden_compare compare-diff-zoom-200x50 200x50 "dkkllll<Enter>" "$A" "$B"
golden_compare compare-sidebar-200x50 200x50 "H" "$A" "$B"
# The change list: Tab, down to the first shrink (_make_iterencode...), Enter.
golden_compare compare-sidebar-enter-200x50 200x50 "H<Tab>jjjjjjjjj<Enter>" "$A" "$B"
golden_compare compare-help-120x40 120x40 "?" "$A" "$B"
# Issue 13: the change list follows the mode and the ranking. Normalised (the
# default) by self: changes of share; raw (m): only the two new functions
# grew, the seven with the same counts are unchanged; by total (c):
# serialize_response 2501 -> 351 is listed, normalised and raw.
golden_compare compare-changes-share-self-200x50 200x50 "H" "$A" "$B"
golden_compare compare-changes-raw-self-200x50 200x50 "Hm" "$A" "$B"
golden_compare compare-changes-share-total-200x50 200x50 "Hc" "$A" "$B"
golden_compare compare-changes-raw-total-200x50 200x50 "Hcm" "$A" "$B"
# Within the zoom (z) of serialize_response, by total, raw.
golden_compare compare-changes-zoom-200x50 200x50 "kkllll<Enter>Hczm" "$A" "$B"
# The report, normalised (the default) and raw (--no-normalise).
golden_report compare-report-normalised "$A" "$B"
golden_report compare-report-raw "$A" "$B" --no-normalise
# pprof: the default type (cpu, nanoseconds), the next one (samples), the
# inlined main.mix selected (kll: main.main.func1; kkkkk: up to main.hashLoop's
# child under the cursor; h: main.step; k: main.mix), and the information panel.
P=$DATA/pprof/gen/cpu.pb.gz
golden pprof-cpu-120x30 120x30 "" "$P"
golden pprof-cpu-samples-120x30 120x30 "t" "$P"
golden pprof-cpu-inline-120x30 120x30 "kllkkkkkhk" "$P"
golden pprof-cpu-info-100x30 100x30 "kllkkkkkhki" "$P"
golden pprof-cpu-info-samples-100x30 100x30 "it" "$P"

echo "1..$n"
[ "$failed" -eq 0 ]
