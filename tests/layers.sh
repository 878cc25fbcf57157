#!/bin/sh
# layers.sh - the source folders are layers, and a layer includes only the
# layers below it (DESIGN.md, "Layers"). Speaks TAP: one check per source file.
#
#   base < model < load < analysis < output, config < view < tui < main
#
# output and config sit side by side: neither may include the other. A file's
# layer is its folder (src/LAYER/ or include/flamex/LAYER/; src/main*.c is
# main); an include's layer is the folder in its path ("flamex/LAYER/x.h"), or
# the including file's own layer for a header beside it ("app_internal.h"),
# or tui for "tui/...". An arrow that runs back up fails the build here
# instead of creeping in.
set -u
SRC=${FLAMEX_SRCDIR:-.}
cd "$SRC" || { echo "1..0 # SKIP no source tree at $SRC"; exit 0; }

rank() {
    case $1 in
        base) echo 0 ;; model) echo 1 ;; load) echo 2 ;; analysis) echo 3 ;;
        output | config) echo 4 ;; view) echo 5 ;; tui) echo 6 ;; main) echo 7 ;;
        *) echo -1 ;;
    esac
}

layer_of_file() {
    case $1 in
        src/main*) echo main ;;
        src/*/*) p=${1#src/}; echo "${p%%/*}" ;;
        include/flamex/*/*) p=${1#include/flamex/}; echo "${p%%/*}" ;;
        *) echo unknown ;;
    esac
}

files=$(find src include -name '*.[ch]' | LC_ALL=C sort)
total=$(printf '%s\n' "$files" | grep -c .)
echo "1..$total"
n=0
failed=0
for f in $files; do
    n=$((n + 1))
    own=$(layer_of_file "$f")
    own_rank=$(rank "$own")
    bad=""
    if [ "$own_rank" -lt 0 ]; then
        bad="not in a layer folder"
    fi
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
        case $inc in
            flamex/*/*) p=${inc#flamex/}; to=${p%%/*} ;;
            flamex/*) to=unknown ;;
            tui/*) to=tui ;;
            */*) to=unknown ;;
            *) to=$own ;;
        esac
        to_rank=$(rank "$to")
        if [ "$to_rank" -lt 0 ]; then
            bad="$bad ${inc} (not in a layer folder)"
        elif [ "$to_rank" -gt "$own_rank" ] || { [ "$to_rank" -eq "$own_rank" ] && [ "$to" != "$own" ]; }; then
            bad="$bad ${inc} ($to above or beside $own)"
        fi
    done
    if [ -z "$bad" ]; then
        echo "ok $n - $f ($own) includes only its layer and below"
    else
        failed=$((failed + 1))
        echo "not ok $n - $f ($own) includes:$bad"
    fi
done
[ "$failed" -eq 0 ]
