#!/bin/sh
# bench/run.sh - flamex load benchmark (what `make bench` runs).
#
#   bench/run.sh [BUILD_DIR]        BUILD_DIR holds the flamex binary (default: repo root)
#
# Compiles bench/gen_folded.c, bench/rss.c and the floor baseline (cc -O2),
# generates four deterministic folded files into bench/data/ (10 MB and
# 100 MB, sorted and shuffled; kept between runs, remade when missing or
# older than gen_folded.c), then prints one row per file: flamex's wall time
# (best of BENCH_RUNS), MB/s, tree nodes and peak RSS for
# `flamex --top=10 --stats FILE`, the floor baseline's wall time in modes
# tree, prefix and sorted on the same file, and the verdict against the
# issue-2 targets on the 100 MB inputs:
#   sorted input    flamex <= 1.5 x floor sorted
#   shuffled input  flamex <= 1.0 x floor tree
#   both            peak RSS <= 100 MB
# Then the pprof section: compiles bench/gen_pprof.c with the project's
# protobuf writer (src/load/pbwire.c, src/base/xalloc.c), generates bench/data/100mb.pb
# (a deterministic 100 MB uncompressed pprof profile; kept between runs,
# remade when missing or when the generator's sources changed), and prints
# the wall time (best and median of BENCH_RUNS) and peak RSS of
# `flamex --top=20 --stats FILE` against the pprof targets:
#   100 MB pprof    wall <= 1.0 s and peak RSS <= 300 MB
# Where `go` is installed it also times `go tool pprof -top FILE` and prints
# the ratio. Then the perf section: compiles bench/gen_perf.c, generates
# bench/data/100mb.perf (deterministic `perf script` text, about 100 MB; kept
# between runs, remade when missing or when gen_perf.c or the size changed,
# as recorded in 100mb.perf.stamp), and prints the wall time (best and median
# of BENCH_RUNS), MB/s and peak RSS of
# `flamex --format=perf --top=10 --stats FILE` against the perf targets:
#   100 MB perf script   >= 200 MB/s (best run) and peak RSS < 100 MB
# and, where FlameGraph's stackcollapse-perf.pl can be found (STACKCOLLAPSE_PERF
# or PATH; no Debian package ships it and it is not in the repository), its
# time on the same file and the ratio, which must be >= 20. A flamex that
# cannot load a file is reported as an ERROR with its message, never with
# made-up numbers.
# Without a flamex binary (or without floor.c) the missing columns show '-'.
#
# Environment:
#   CC          C compiler for the helpers (default cc)
#   FLOOR_SRC   floor.c (default ../shared/bench/floor.c beside the repo)
#   BENCH_DATA  data and helper binaries (default bench/data)
#   BENCH_RUNS  runs per measurement, best time kept (default 3)
#   FLAMEX      flamex binary (default BUILD_DIR/flamex)
#   GO          go command for the pprof comparison (default: go, if in PATH)
#   STACKCOLLAPSE_PERF  FlameGraph's stackcollapse-perf.pl for the perf comparison
#               (default: stackcollapse-perf.pl from PATH, if any)
#   PERL_RUNS   runs of the Perl collapser, best time kept (default 1: it is slow)
#   BENCH_STRICT=1  exit 1 when a target is missed (default: report only)
# POSIX sh.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root}
if [ ! -d "$build" ]; then
    echo "bench: build directory '$build' does not exist" >&2
    exit 1
fi
build=$(cd "$build" && pwd)
flamex=${FLAMEX:-$build/flamex}
data=${BENCH_DATA:-$here/data}
runs=${BENCH_RUNS:-3}
cc=${CC:-cc}
floor_src=${FLOOR_SRC:-$root/../shared/bench/floor.c}
strict=${BENCH_STRICT:-0}
bin=$data/bin

case $runs in '' | *[!0-9]* | 0) echo "bench: BENCH_RUNS must be a positive integer" >&2; exit 1 ;; esac

mkdir -p "$bin"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/flamex-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# newer A B: true when file A was modified after file B (POSIX find).
newer() {
    [ -n "$(find "$1" -prune -newer "$2" 2>/dev/null)" ]
}

# compile SRC OUT [PROJECT_SRC...]: (re)build a helper with cc -O2 when
# missing or older than any of its sources. With PROJECT_SRC (files of src/)
# the helper is linked with them and include/ is on the include path.
compile() {
    c_src=$1
    c_out=$2
    shift 2
    c_stale=0
    [ -x "$c_out" ] || c_stale=1
    for c_dep in "$c_src" "$@"; do
        if newer "$c_dep" "$c_out"; then c_stale=1; fi
    done
    [ "$c_stale" = 1 ] || return 0
    if [ $# -eq 0 ]; then
        echo "bench: $cc -O2 -o $c_out $c_src"
        $cc -O2 -o "$c_out.tmp" "$c_src" || return 1
    else
        echo "bench: $cc -O2 -D_GNU_SOURCE -I$root/include -o $c_out $c_src $*"
        $cc -O2 -D_GNU_SOURCE -I"$root/include" -o "$c_out.tmp" "$c_src" "$@" || return 1
    fi
    mv "$c_out.tmp" "$c_out"
}

compile "$here/gen_folded.c" "$bin/gen_folded"
compile "$here/rss.c" "$bin/rss"
have_gen_pprof=1
compile "$here/gen_pprof.c" "$bin/gen_pprof" "$root/src/load/pbwire.c" "$root/src/base/xalloc.c" || {
    have_gen_pprof=0
    echo "bench: note: could not compile bench/gen_pprof.c; the pprof section is skipped"
}
have_gen_perf=1
compile "$here/gen_perf.c" "$bin/gen_perf" || {
    have_gen_perf=0
    echo "bench: note: could not compile bench/gen_perf.c; the perf section is skipped"
}
have_floor=0
if [ -f "$floor_src" ]; then
    compile "$floor_src" "$bin/floor"
    have_floor=1
else
    echo "bench: note: floor baseline not found at $floor_src (set FLOOR_SRC);" \
        "the baseline columns and the verdicts are skipped"
fi
have_flamex=0
if [ -x "$flamex" ] && [ ! -d "$flamex" ]; then
    have_flamex=1
else
    echo "bench: note: no flamex binary at $flamex (build it first, or set FLAMEX);" \
        "showing the baseline only"
fi

# ---- inputs -------------------------------------------------------------
for spec in 10mb:10000000 100mb:100000000; do
    name=${spec%%:*}
    size=${spec#*:}
    for order in sorted shuffled; do
        f=$data/$name-$order.folded
        if [ ! -s "$f" ] || newer "$here/gen_folded.c" "$f"; then
            echo "bench: generating $f"
            "$bin/gen_folded" --size "$size" --seed 1 --order "$order" -o "$f.tmp"
            mv "$f.tmp" "$f"
        fi
    done
done

# The pprof input: remade when missing or when the generator's sources (or
# the target size) changed since it was made, as recorded in FILE.stamp.
pprof_file=$data/100mb.pb
pprof_size=100000000
if [ "$have_gen_pprof" = 1 ]; then
    stamp="gen_pprof $(cksum <"$here/gen_pprof.c") pbwire $(cksum <"$root/src/load/pbwire.c") size $pprof_size"
    if [ ! -s "$pprof_file" ] || [ "$(cat "$pprof_file.stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "bench: generating $pprof_file"
        rm -f "$pprof_file.stamp"
        "$bin/gen_pprof" "$pprof_file.tmp" "$pprof_size"
        mv "$pprof_file.tmp" "$pprof_file"
        printf '%s\n' "$stamp" >"$pprof_file.stamp"
    fi
fi

# The perf script input: remade when missing or when the generator (or the
# target size) changed since it was made, as recorded in FILE.stamp.
perf_file=$data/100mb.perf
perf_size=100000000
if [ "$have_gen_perf" = 1 ]; then
    stamp="gen_perf $(cksum <"$here/gen_perf.c") size $perf_size"
    if [ ! -s "$perf_file" ] || [ "$(cat "$perf_file.stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "bench: generating $perf_file"
        rm -f "$perf_file.stamp"
        "$bin/gen_perf" "$perf_file.tmp" "$perf_size"
        mv "$perf_file.tmp" "$perf_file"
        printf '%s\n' "$stamp" >"$perf_file.stamp"
    fi
fi

# ---- measuring -----------------------------------------------------------
# measure CMD...: run CMD through rss BENCH_RUNS times (stdout discarded).
# Sets m_wall (best wall seconds), m_median (median wall seconds), m_kb
# (largest peak RSS, KiB), m_status (first non-zero exit status, or 0); the
# last run's stderr stays in $tmp/err.
measure() {
    m_wall=""
    m_walls=""
    m_kb=0
    m_status=0
    i=0
    while [ "$i" -lt "$runs" ]; do
        i=$((i + 1))
        st=0
        "$bin/rss" "$@" >/dev/null 2>"$tmp/err" || st=$?
        [ "$m_status" -ne 0 ] || m_status=$st
        line=$(grep '^rss: wall=' "$tmp/err" | tail -n 1)
        w=$(printf '%s\n' "$line" | sed -n 's/.*wall=\([0-9.]*\).*/\1/p')
        kb=$(printf '%s\n' "$line" | sed -n 's/.*maxrss_kb=\([0-9-]*\).*/\1/p')
        [ -n "$w" ] || w=999999
        [ -n "$kb" ] || kb=0
        m_wall=$(awk -v a="$m_wall" -v b="$w" 'BEGIN { m = (a == "" || b + 0 < a + 0) ? b : a; print m }')
        m_walls="$m_walls $w"
        [ "$kb" -le "$m_kb" ] || m_kb=$kb
    done
    # shellcheck disable=SC2086
    m_median=$(printf '%s\n' $m_walls | sort -n | awk '{ w[NR] = $1 } END { print (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2 }')
}

# field NAME FILE: value of NAME=VALUE on the last line of FILE that has it.
field() {
    sed -n "s/.*[ (]$1=\([^ ]*\).*/\1/p" "$2" | tail -n 1
}

fmt() { awk -v x="$2" "BEGIN { printf \"$1\", x }"; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo
echo "flamex load benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')  $(uname -sm)," \
    "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs${cpu:+, $cpu}"
echo "flamex: $([ $have_flamex = 1 ] && echo "$flamex" || echo "(none)")  floor: $([ $have_floor = 1 ] && echo "$floor_src" || echo "(none)")"
echo "times: wall seconds of the whole process, best of $runs; MB = 10^6 bytes; RSS = peak resident set"
echo
hdr='%-22s %6s | %8s %7s %8s %9s %7s | %8s %8s %8s | %-16s %s\n'
# shellcheck disable=SC2059
printf "$hdr" file MB flamex_s MB/s load_s nodes RSS_MB tree_s prefix_s sorted_s ratio verdict
# shellcheck disable=SC2059
printf "$hdr" ---------------------- ------ -------- ------- -------- --------- ------- -------- -------- -------- ---------------- -------

npass=0
nfail=0
notes=""
for base in 10mb-sorted.folded 10mb-shuffled.folded 100mb-sorted.folded 100mb-shuffled.folded; do
    f=$data/$base
    bytes=$(wc -c <"$f" | tr -d ' ')
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    cat "$f" >/dev/null # warm the page cache

    # flamex
    fx_s=- fx_rate=- fx_load=- fx_nodes=- fx_rss=- fx_ok=0
    if [ "$have_flamex" = 1 ]; then
        measure "$flamex" --top=10 --stats "$f"
        if [ "$m_status" -ne 0 ]; then
            # perhaps --stats is not implemented yet: time without it
            measure "$flamex" --top=10 "$f"
            fx_nodes='?'
            fx_load='?'
        else
            fx_nodes=$(field nodes "$tmp/err")
            fx_load=$(field load_seconds "$tmp/err")
            [ -n "$fx_nodes" ] || fx_nodes='?'
            [ -n "$fx_load" ] || fx_load='?'
        fi
        if [ "$m_status" -eq 0 ]; then
            fx_ok=1
            fx_s=$(fmt '%.3f' "$m_wall")
            fx_rate=$(awk -v b="$bytes" -v s="$m_wall" 'BEGIN { printf "%.0f", (s > 0 ? b / 1e6 / s : 0) }')
            fx_rss=$(awk -v k="$m_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
            fx_kb=$m_kb
            [ "$fx_load" = '?' ] || fx_load=$(fmt '%.3f' "$fx_load")
        else
            fx_s=ERR
            notes="$notes
  $base: flamex exited with status $m_status: $(grep -v '^rss: ' "$tmp/err" | head -n 1)"
        fi
    fi

    # floor baseline
    fl_tree=- fl_prefix=- fl_sorted=- fl_nodes=""
    if [ "$have_floor" = 1 ]; then
        for mode in tree prefix sorted; do
            measure "$bin/floor" "$mode" "$f"
            if [ "$m_status" -eq 0 ]; then
                t=$(fmt '%.3f' "$m_wall")
                [ "$mode" != tree ] || fl_nodes=$(field tree_nodes "$tmp/err")
            else
                t=ERR
            fi
            case $mode in
                tree) fl_tree=$t ;;
                prefix) fl_prefix=$t ;;
                sorted) fl_sorted=$t ;;
            esac
        done
    fi

    # ratio and verdict
    ratio=- verdict=-
    case $base in
        *-sorted.*) ref=$fl_sorted refname=sorted limit=1.5 ;;
        *) ref=$fl_tree refname=tree limit=1.0 ;;
    esac
    if [ "$fx_ok" = 1 ] && [ "$ref" != - ] && [ "$ref" != ERR ]; then
        r=$(awk -v a="$fx_s" -v b="$ref" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
        ratio="${r}x $refname"
        case $base in
            100mb-*)
                why=""
                awk -v r="$r" -v l="$limit" 'BEGIN { exit !(r <= l) }' || why="time>${limit}x"
                awk -v k="$fx_kb" 'BEGIN { exit !(k * 1024 <= 100e6) }' || why="${why:+$why,}RSS>100MB"
                if [ -z "$why" ]; then
                    verdict=PASS
                    npass=$((npass + 1))
                else
                    verdict="FAIL ($why)"
                    nfail=$((nfail + 1))
                fi
                ;;
            *) verdict="(no target)" ;;
        esac
    elif [ "$fx_s" = ERR ]; then
        verdict=ERROR
        nfail=$((nfail + 1))
    fi
    if [ -n "$fl_nodes" ] && [ "$fx_nodes" != - ] && [ "$fx_nodes" != '?' ]; then
        # floor counts the tree's nodes without the root; allow either convention
        d=$((fx_nodes - fl_nodes))
        if [ "$d" -ne 0 ] && [ "$d" -ne 1 ]; then
            notes="$notes
  $base: flamex reports $fx_nodes nodes, floor $fl_nodes (+1 root): the trees differ"
        fi
    fi
    [ -n "$fl_nodes" ] || fl_nodes=-
    [ "$fx_nodes" != - ] || fx_nodes=$fl_nodes # without flamex, show the tree size

    # shellcheck disable=SC2059
    printf "$hdr" "$base" "$mb" "$fx_s" "$fx_rate" "$fx_load" "$fx_nodes" "$fx_rss" \
        "$fl_tree" "$fl_prefix" "$fl_sorted" "$ratio" "$verdict"
done

echo
echo "flamex_s: flamex --top=10 --stats FILE >/dev/null; load_s: its own load_seconds (from --stats);"
echo "tree_s/prefix_s/sorted_s: floor MODE FILE (interning + call tree only; see floor.c)."
echo "nodes: flamex's tree nodes (floor's count when flamex is absent)."
echo "targets (100 MB inputs): sorted <= 1.5x floor sorted, shuffled <= 1.0x floor tree, RSS <= 100 MB."

# ---- pprof -----------------------------------------------------------------
if [ "$have_gen_pprof" = 1 ]; then
    go=${GO:-$(command -v go 2>/dev/null || true)}
    bytes=$(wc -c <"$pprof_file" | tr -d ' ')
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    cat "$pprof_file" >/dev/null # warm the page cache
    phdr='%-22s %6s | %8s %8s %8s %9s %7s | %8s %7s %9s | %s\n'
    echo
    # shellcheck disable=SC2059
    printf "$phdr" "pprof file" MB best_s median_s load_s nodes RSS_MB go_s go_MB go/flamex verdict
    # shellcheck disable=SC2059
    printf "$phdr" ---------------------- ------ -------- -------- -------- --------- ------- -------- ------- --------- -------
    px_best=- px_med=- px_load=- px_nodes=- px_rss=- px_ok=0 verdict=-
    if [ "$have_flamex" = 1 ]; then
        measure "$flamex" --top=20 --stats "$pprof_file"
        if [ "$m_status" -ne 0 ] && ! grep -q '^stats:' "$tmp/err"; then
            # perhaps --stats is not implemented: time without it
            measure "$flamex" --top=20 "$pprof_file"
        fi
        if [ "$m_status" -eq 0 ]; then
            px_ok=1
            px_best=$(fmt '%.3f' "$m_wall")
            px_med=$(fmt '%.3f' "$m_median")
            px_rss=$(awk -v k="$m_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
            px_nodes=$(field nodes "$tmp/err")
            px_load=$(field load_seconds "$tmp/err")
            [ -n "$px_nodes" ] || px_nodes='?'
            if [ -n "$px_load" ]; then px_load=$(fmt '%.3f' "$px_load"); else px_load='?'; fi
            why=""
            awk -v s="$m_wall" 'BEGIN { exit !(s <= 1.0) }' || why="time>1s"
            awk -v k="$m_kb" 'BEGIN { exit !(k * 1024 <= 300e6) }' || why="${why:+$why,}RSS>300MB"
            if [ -z "$why" ]; then
                verdict=PASS
                npass=$((npass + 1))
            else
                verdict="FAIL ($why)"
                nfail=$((nfail + 1))
            fi
        else
            px_best=ERR
            verdict=ERROR
            nfail=$((nfail + 1))
            msg=$(grep -v '^rss: ' "$tmp/err" | head -n 1)
            notes="$notes
  100mb.pb: flamex could not load the pprof file (exit status $m_status): ${msg:-no message}"
        fi
    fi
    go_s=- go_mb=- go_ratio=-
    if [ -n "$go" ]; then
        measure "$go" tool pprof -top "$pprof_file"
        if [ "$m_status" -eq 0 ]; then
            go_s=$(fmt '%.3f' "$m_wall")
            go_mb=$(awk -v k="$m_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
            if [ "$px_ok" = 1 ]; then
                go_ratio=$(awk -v g="$m_wall" -v f="$px_best" 'BEGIN { printf "%.2fx", (f > 0 ? g / f : 0) }')
            fi
        else
            go_s=ERR
            notes="$notes
  100mb.pb: '$go tool pprof -top' exited with status $m_status: $(grep -v '^rss: ' "$tmp/err" | head -n 1)"
        fi
    fi
    # shellcheck disable=SC2059
    printf "$phdr" 100mb.pb "$mb" "$px_best" "$px_med" "$px_load" "$px_nodes" "$px_rss" \
        "$go_s" "$go_mb" "$go_ratio" "$verdict"
    echo
    echo "best_s/median_s: flamex --top=20 --stats FILE >/dev/null, best and median of $runs; load_s, nodes: its stats: line (last run)."
    if [ -n "$go" ]; then
        echo "go_s/go_MB: $go tool pprof -top FILE >/dev/null, best of $runs, and its peak RSS; go/flamex: go_s / best_s."
    else
        echo "go_s/go_MB: go tool pprof -top FILE (skipped: go is not installed)."
    fi
    echo "target (100 MB uncompressed pprof from bench/gen_pprof.c): wall <= 1.0 s and RSS <= 300 MB."
fi

# ---- perf script -------------------------------------------------------------
if [ "$have_gen_perf" = 1 ]; then
    perl_runs=${PERL_RUNS:-1}
    case $perl_runs in '' | *[!0-9]* | 0) echo "bench: PERL_RUNS must be a positive integer" >&2; exit 1 ;; esac
    collapse=${STACKCOLLAPSE_PERF:-$(command -v stackcollapse-perf.pl 2>/dev/null || true)}
    collapse_note=""
    if [ -n "$collapse" ] && [ ! -f "$collapse" ]; then
        collapse_note="STACKCOLLAPSE_PERF=$collapse is not a file"
        collapse=""
    elif [ -n "$collapse" ] && ! command -v perl >/dev/null 2>&1; then
        collapse_note="perl is not installed"
        collapse=""
    fi
    bytes=$(wc -c <"$perf_file" | tr -d ' ')
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    cat "$perf_file" >/dev/null # warm the page cache
    fhdr='%-22s %6s | %8s %8s %7s %8s %8s %7s | %8s %7s %11s | %s\n'
    echo
    # shellcheck disable=SC2059
    printf "$fhdr" "perf file" MB best_s median_s MB/s load_s nodes RSS_MB perl_s perl_MB perl/flamex verdict
    # shellcheck disable=SC2059
    printf "$fhdr" ---------------------- ------ -------- -------- ------- -------- -------- ------- -------- ------- ----------- -------
    pf_best=- pf_med=- pf_rate=- pf_load=- pf_nodes=- pf_rss=- pf_ok=0 verdict=-
    if [ "$have_flamex" = 1 ]; then
        measure "$flamex" --format=perf --top=10 --stats "$perf_file"
        if [ "$m_status" -eq 0 ]; then
            pf_ok=1
            pf_wall=$m_wall
            pf_kb=$m_kb
            pf_best=$(fmt '%.3f' "$m_wall")
            pf_med=$(fmt '%.3f' "$m_median")
            pf_rate=$(awk -v b="$bytes" -v s="$m_wall" 'BEGIN { printf "%.0f", (s > 0 ? b / 1e6 / s : 0) }')
            pf_rss=$(awk -v k="$m_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
            pf_nodes=$(field nodes "$tmp/err")
            pf_load=$(field load_seconds "$tmp/err")
            [ -n "$pf_nodes" ] || pf_nodes='?'
            if [ -n "$pf_load" ]; then pf_load=$(fmt '%.3f' "$pf_load"); else pf_load='?'; fi
        else
            pf_best=ERR
            verdict=ERROR
            nfail=$((nfail + 1))
            msg=$(grep -v '^rss: ' "$tmp/err" | head -n 1)
            notes="$notes
  100mb.perf: flamex could not load the perf script file (exit status $m_status): ${msg:-no message}"
        fi
    fi
    perl_s=- perl_mb=- perl_ratio=- perl_r=""
    if [ -n "$collapse" ]; then
        saved_runs=$runs
        runs=$perl_runs
        if [ -x "$collapse" ]; then
            measure "$collapse" "$perf_file"
        else
            measure perl "$collapse" "$perf_file"
        fi
        runs=$saved_runs
        if [ "$m_status" -eq 0 ]; then
            perl_s=$(fmt '%.3f' "$m_wall")
            perl_mb=$(awk -v k="$m_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
            if [ "$pf_ok" = 1 ]; then
                perl_r=$(awk -v p="$m_wall" -v f="$pf_wall" 'BEGIN { printf "%.1f", (f > 0 ? p / f : 0) }')
                perl_ratio="${perl_r}x"
            fi
        else
            perl_s=ERR
            notes="$notes
  100mb.perf: $collapse exited with status $m_status: $(grep -v '^rss: ' "$tmp/err" | head -n 1)"
        fi
    fi
    if [ "$pf_ok" = 1 ]; then
        why=""
        awk -v r="$pf_rate" 'BEGIN { exit !(r + 0 >= 200) }' || why="<200MB/s"
        awk -v k="$pf_kb" 'BEGIN { exit !(k * 1024 < 100e6) }' || why="${why:+$why,}RSS>=100MB"
        if [ -n "$perl_r" ]; then
            awk -v r="$perl_r" 'BEGIN { exit !(r + 0 >= 20) }' || why="${why:+$why,}perl<20x"
        fi
        if [ -z "$why" ]; then
            verdict=PASS
            npass=$((npass + 1))
        else
            verdict="FAIL ($why)"
            nfail=$((nfail + 1))
        fi
    fi
    # shellcheck disable=SC2059
    printf "$fhdr" 100mb.perf "$mb" "$pf_best" "$pf_med" "$pf_rate" "$pf_load" "$pf_nodes" "$pf_rss" \
        "$perl_s" "$perl_mb" "$perl_ratio" "$verdict"
    echo
    echo "best_s/median_s: flamex --format=perf --top=10 --stats FILE >/dev/null, best and median of $runs;" \
        "MB/s: file size / best_s; load_s, nodes: its stats: line (last run)."
    if [ -n "$collapse" ]; then
        echo "perl_s/perl_MB: $collapse FILE >/dev/null, best of $perl_runs, and its peak RSS;" \
            "perl/flamex: perl_s / best_s (target >= 20)."
    else
        echo "perl_s: FlameGraph's stackcollapse-perf.pl was not found${collapse_note:+ ($collapse_note)}, so the" \
            "20x comparison was not run: no Debian package ships it and the repository does not include it;"
        echo "        set STACKCOLLAPSE_PERF=/path/to/stackcollapse-perf.pl to time it on the same file." \
            "The absolute target below stands in for it."
    fi
    echo "target (100 MB perf script text from bench/gen_perf.c): >= 200 MB/s and peak RSS < 100 MB."
fi

if [ -n "$notes" ]; then
    echo
    echo "notes:$notes"
fi
echo
if [ "$have_flamex" = 0 ]; then
    echo "bench: no verdicts (no flamex binary)"
elif [ "$have_floor" = 0 ]; then
    echo "bench: $npass PASS, $nfail FAIL (folded-file verdicts skipped: no floor baseline)"
else
    echo "bench: $npass PASS, $nfail FAIL"
fi
if [ "$strict" = 1 ] && [ "$nfail" -gt 0 ]; then
    exit 1
fi
exit 0
