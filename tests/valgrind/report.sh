#!/bin/sh
# report.sh DIR - after `make check-valgrind`: fail if any valgrind
# log in DIR (one per process, see run.sh) reports an error or a definite
# leak, and print those logs. Prints how many processes were checked.
dir=${1:?usage: report.sh DIR}
total=0
bad=0
for log in "$dir"/vg.*.log; do
    [ -f "$log" ] || continue
    total=$((total + 1))
    # With --quiet, memcheck writes only what is wrong: errors, definite leaks
    # and their summaries. A clean process leaves an empty log.
    if [ -s "$log" ] && grep -q '^==[0-9]*== [^ ]' "$log"; then
        bad=$((bad + 1))
        echo "==== $log" >&2
        cat "$log" >&2
    fi
done
echo "valgrind: $total processes checked, $bad with errors or definite leaks"
[ "$total" -gt 0 ] || { echo "valgrind: no logs in $dir: nothing ran under valgrind" >&2; exit 1; }
[ "$bad" -eq 0 ]
