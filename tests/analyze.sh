#!/bin/sh
# analyze.sh SRCDIR BUILDDIR - static analysis for `make analyze`: cppcheck
# over src/ and src/tui/, then the clang static analyzer (scan-build) over a
# fresh build of flamex in BUILDDIR/analyze. Fails if either reports anything;
# prints the number of reports of each.
#
# cppcheck runs its warning, style, performance and portability checks, minus
# variableScope ("the scope of X can be reduced"), a matter of taste, not a
# defect: the code declares some loop state at the top of a function. A report
# that is a false positive is suppressed at its line with a comment saying
# why (// cppcheck-suppress ID, read through --inline-suppr); for scan-build
# the comment sits at the spot and the code states the invariant it missed.
#
# SCAN_BUILD names the scan-build program (default: scan-build, else the
# newest scan-build-NN on PATH); CPPCHECK the cppcheck program.
set -u
src=${1:?usage: analyze.sh SRCDIR BUILDDIR}
build=${2:?usage: analyze.sh SRCDIR BUILDDIR}
jobs=$(nproc 2>/dev/null || echo 2)
status=0

# ---- cppcheck ----------------------------------------------------------------
cppcheck=${CPPCHECK:-cppcheck}
if ! command -v "$cppcheck" >/dev/null 2>&1; then
    echo "analyze: no cppcheck (Debian: apt-get install cppcheck)" >&2
    exit 1
fi
out=$build/analyze-cppcheck.txt
# config.h is -include'd by the build; cppcheck gets it the same way.
"$cppcheck" -q --std=c11 --enable=warning,style,performance,portability \
    --inline-suppr --suppress=variableScope --suppress=missingIncludeSystem \
    -I "$src/include" -I "$src/src" -I "$build" --include="$build/config.h" \
    --template='{file}:{line}: {severity} ({id}): {message}' \
    "$src/src" 2>"$out"
n=$(grep -c . "$out")
echo "analyze: cppcheck: $n reports"
if [ "$n" -ne 0 ]; then
    cat "$out"
    status=1
fi

# ---- scan-build --------------------------------------------------------------
scan=${SCAN_BUILD:-}
if [ -z "$scan" ]; then
    if command -v scan-build >/dev/null 2>&1; then
        scan=scan-build
    else
        scan=$(for d in $(echo "$PATH" | tr ':' ' '); do ls "$d"/scan-build-[0-9]* 2>/dev/null; done |
               sort -t- -k3 -n | tail -n 1)
    fi
fi
if [ -z "$scan" ]; then
    echo "analyze: no scan-build (Debian: apt-get install clang-tools)" >&2
    exit 1
fi
dir=$build/analyze
rm -rf "$dir"
mkdir -p "$dir"
(
    cd "$dir" &&
        "$scan" "$src/configure" >configure.log 2>&1 &&
        "$scan" -o "$dir/reports" --status-bugs make -j"$jobs" flamex >make.log 2>&1
)
rc=$?
n=$(sed -n 's/^scan-build: \([0-9]*\) bugs\{0,1\} found\./\1/p' "$dir/make.log")
case $n in '') grep -q 'No bugs found' "$dir/make.log" && n=0 ;; esac
echo "analyze: scan-build: ${n:-?} reports"
if [ "$rc" -ne 0 ] || [ "${n:-1}" -ne 0 ]; then
    # One line per report: file, line, what (the HTML reports have the path).
    for f in "$dir"/reports/*/report-*.html; do
        [ -f "$f" ] || continue
        sed -n 's/^<!-- BUG\(FILE\|LINE\|DESC\) \(.*\) -->$/\2/p' "$f" | tr '\n' ' ' |
            sed "s#$src/##g; s#$dir/../##g"
        echo
    done
    [ -n "$n" ] || tail -20 "$dir/make.log"
    status=1
fi
exit $status
