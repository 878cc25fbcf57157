#!/bin/sh
# run.sh PROGRAM [ARG]... - run PROGRAM under valgrind memcheck for
# `make check-valgrind`: the LOG_COMPILER of the unit tests and, through a
# small wrapper that `make check-valgrind` writes, the FLAMEX_BIN of the script
# tests (so the tmux tests run the real binary under memcheck too).
#
# Any memcheck error or definite leak makes PROGRAM exit with status 99, so
# a test that checks the status fails at once. A process that dies of a
# signal (the tests send SIGINT, SIGTERM, SIGHUP, SIGSEGV...) keeps the
# signal's status, which hides valgrind's verdict; and a TUI process's stderr
# is the pane. So valgrind always writes its report to a log file in
# $FLAMEX_VALGRIND_LOGS (default: the current directory), one per process,
# and tests/valgrind/report.sh reads all of them after the run.
#
# memcheck.supp (beside this script) holds the reports that are not flamex's.
# Only "definite" leaks count: memory still reachable at exit (a process
# re-raising a terminating signal ends without freeing, by design) and
# "possible" leaks (interior pointers into arenas) are not errors.
logs=${FLAMEX_VALGRIND_LOGS:-.}
mkdir -p "$logs" || exit 1
exec valgrind --tool=memcheck --quiet \
    --suppressions="$(dirname "$0")/memcheck.supp" \
    --error-exitcode=99 \
    --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --track-origins=yes --num-callers=30 \
    --log-file="$logs/vg.%p.log" \
    "$@"
