/* rss.c - run a command, report its wall time and peak resident set size.
 *
 *     rss COMMAND [ARG...]
 *
 * Runs COMMAND (looked up in PATH) with the same stdin, stdout and stderr,
 * waits for it, then appends one line to stderr:
 *
 *     rss: wall=0.123456 maxrss_kb=45678 status=0
 *
 * wall is seconds from just before fork() to the end of waitpid();
 * maxrss_kb is getrusage(RUSAGE_CHILDREN).ru_maxrss, the peak RSS in KiB of
 * the (only) child, as Linux and the BSDs report it; status is the child's
 * exit status, or 128 + signal number.  The exit status of rss is the same,
 * so `rss cmd` can stand in for `cmd`; 127 means COMMAND could not be run.
 * Used by bench/run.sh instead of GNU time, which Debian does not install by
 * default.  POSIX.1-2008; no global state.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fprintf(argc < 2 ? stderr : stdout, "usage: rss COMMAND [ARG...]\n"
                                            "Runs COMMAND, then prints 'rss: wall=SECONDS maxrss_kb=KIB status=N' "
                                            "to stderr.\n");
        return argc < 2 ? 2 : 0;
    }
    fflush(NULL);
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "rss: fork: %s\n", strerror(errno));
        return 127;
    }
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        fprintf(stderr, "rss: %s: %s\n", argv[1], strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "rss: waitpid: %s\n", strerror(errno));
            return 127;
        }
    }
    double wall = now() - t0;
    struct rusage ru;
    long maxrss = getrusage(RUSAGE_CHILDREN, &ru) == 0 ? (long)ru.ru_maxrss : -1;
    int status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 127;
    fprintf(stderr, "rss: wall=%.6f maxrss_kb=%ld status=%d\n", wall, maxrss, status);
    return status;
}
