#!/bin/sh
# fuzz/run.sh - run the libFuzzer targets one after another (what `make fuzz-run` runs).
#
#   fuzz/run.sh [--bin DIR] [SECONDS [TARGET...]]
#
# Runs each target (default: every DIR/fuzz_* that build.sh made) for SECONDS
# (default 60; 0 only replays the corpus once, a quick regression check) as
# one nice'd process, on its working corpus DIR/corpus/TARGET (kept between
# runs; new inputs go there) plus the seeds in fuzz/corpus/TARGET/ (never
# written to), with fuzz/TARGET.dict when it exists, and
#   -max_total_time=SECONDS -rss_limit_mb=2048 -timeout=10
# Prints per target the executions, speed, coverage (cov:, ft:), corpus size,
# peak RSS and exit status; a finding (crash, leak, timeout, out-of-memory) is
# saved as DIR/artifacts/TARGET/crash-* (or leak-, timeout-, oom-), its path and
# the end of the log (the stack trace) are printed, and the script exits 1
# after the remaining targets ran. Full logs: DIR/logs/TARGET.log.
#
# Options and environment:
#   --bin DIR     where the targets are (default $FUZZ_BIN, else ./fuzz-out)
#   FUZZ_NICE     niceness (default 10)
#   FUZZ_ARGS     extra libFuzzer flags, e.g. FUZZ_ARGS=-max_len=65536
# POSIX sh.
set -u

here=$(cd "$(dirname "$0")" && pwd)
bin=${FUZZ_BIN:-./fuzz-out}
if [ "${1:-}" = "--bin" ]; then
    [ $# -ge 2 ] || { echo "usage: $0 [--bin DIR] [SECONDS [TARGET...]]" >&2; exit 2; }
    bin=$2
    shift 2
fi
seconds=${1:-60}
[ $# -gt 0 ] && shift
case "$seconds" in
    '' | *[!0-9]*) echo "$0: SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;;
esac
if [ ! -d "$bin" ]; then
    echo "$0: no $bin: build the targets first (make fuzz, or fuzz/build.sh)" >&2
    exit 2
fi
bin=$(cd "$bin" && pwd)

targets="$*"
if [ -z "$targets" ]; then
    for t in "$bin"/fuzz_*; do
        [ -f "$t" ] && [ -x "$t" ] && targets="$targets ${t##*/}"
    done
fi
if [ -z "$targets" ]; then
    echo "$0: no fuzz_* targets in $bin" >&2
    exit 2
fi

: "${UBSAN_OPTIONS:=print_stacktrace=1:halt_on_error=1}"
export UBSAN_OPTIONS

status=0
summary=""
for target in $targets; do
    exe="$bin/$target"
    if [ ! -x "$exe" ]; then
        echo "$0: no target $exe" >&2
        status=1
        continue
    fi
    work="$bin/corpus/$target"
    artifacts="$bin/artifacts/$target"
    log="$bin/logs/$target.log"
    mkdir -p "$work" "$artifacts" "$bin/logs"
    set -- "-rss_limit_mb=2048" "-timeout=10" "-print_final_stats=1" \
        "-artifact_prefix=$artifacts/"
    if [ "$seconds" -eq 0 ]; then
        set -- "$@" "-runs=0"
    else
        set -- "$@" "-max_total_time=$seconds"
    fi
    [ -f "$here/$target.dict" ] && set -- "$@" "-dict=$here/$target.dict"
    set -- "$@" ${FUZZ_ARGS:-} "$work"
    [ -d "$here/corpus/$target" ] && set -- "$@" "$here/corpus/$target"

    echo "== $target: ${seconds}s, log $log"
    start=$(date +%s)
    nice -n "${FUZZ_NICE:-10}" "$exe" "$@" >"$log" 2>&1
    rc=$?
    elapsed=$(($(date +%s) - start))

    # The last status line ("#N DONE cov: X ft: Y corp: A/Bb ...") and the final stats.
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(printf '%s\n' "$last" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
    line="$target: ${elapsed}s, ${execs:-?} execs (${speed:-?}/s), cov: ${cov:-?} ft: ${ft:-?}, corpus ${corp:-?}, peak RSS ${rss:-?} MB, exit $rc"
    echo "$line"
    summary="$summary$line
"
    if [ "$rc" -ne 0 ]; then
        status=1
        unit=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
        echo "FINDING in $target: ${unit:-(no test unit written; see $log)}"
        echo "---- end of $log ----"
        tail -n 80 "$log"
        echo "----"
        [ -n "$unit" ] && echo "reproduce: $exe $unit"
        summary="${summary}  FINDING: ${unit:-see $log}
"
    fi
done
echo "== summary"
printf '%s' "$summary"
exit $status
