/* main.c - command line: options, then --top, --export or (later) the interactive view. */
#include "flamex/error.h"
#include "flamex/export.h"
#include "flamex/load.h"
#include "flamex/profile.h"
#include "flamex/report.h"
#include "flamex/textout.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXIT_USAGE 1
#define EXIT_INPUT 2

enum main_mode {
    MODE_DEFAULT,
    MODE_TOP,
    MODE_EXPORT,
};

struct main_options {
    enum main_mode mode;
    size_t top_limit;
    const char *sample_type;
    bool stats;
    bool progress;
    struct load_options load;
    const char *path;
};

struct main_progress {
    const char *path;
    struct timespec start;
    double last_print;
    bool printed;
};

static double main_elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Progress on stderr for loads that take more than a second (stderr is a tty). */
static void main_on_progress(void *ctx, uint64_t raw_done, uint64_t raw_total, uint64_t bytes_out)
{
    struct main_progress *p = ctx;
    double t = main_elapsed(&p->start);
    if (t < 1.0 || t - p->last_print < 0.25)
        return;
    p->last_print = t;
    p->printed = true;
    double mb = 1024.0 * 1024.0;
    if (raw_total)
        fprintf(stderr, "\rflamex: reading: %.1f / %.1f MB (%.0f%%), %.0f MB/s   ",
                (double)raw_done / mb, (double)raw_total / mb,
                100.0 * (double)raw_done / (double)raw_total, (double)bytes_out / mb / t);
    else
        fprintf(stderr, "\rflamex: reading: %.1f MB, %.0f MB/s   ", (double)bytes_out / mb,
                (double)bytes_out / mb / t);
}

static void main_usage(FILE *out)
{
    fputs("Usage: flamex [OPTION]... [FILE]\n"
          "Explore a CPU or memory profile as a flamegraph in the terminal.\n"
          "FILE is folded stacks (plain or gzip); '-' or no FILE reads standard input.\n"
          "\n"
          "  -t, --top[=N]            print the N hottest functions by self value (default: all)\n"
          "  -e, --export=FORMAT      write the profile to stdout; FORMAT is 'folded'\n"
          "  -s, --sample-type=NAME   sample type to show or export (e.g. before, after)\n"
          "  -f, --format=FORMAT      input format: auto (default) or folded\n"
          "      --strict             treat a malformed input line as an error\n"
          "      --max-input-size=N   limit on decompressed input bytes (K, M, G suffixes;\n"
          "                           default 4G)\n"
          "      --max-depth=N        limit on frames per stack (default: none)\n"
          "      --stats              print load statistics to stderr\n"
          "      --no-progress        never print a progress line while loading\n"
          "  -h, --help               show this help and exit\n"
          "  -V, --version            show the version and exit\n"
          "\n"
          "Exit status: 0 success, 1 usage error, 2 input error.\n",
          out);
}

/* Parse a byte count with an optional K/M/G/T suffix (powers of 1024). */
static bool main_parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-')
        return false;
    int shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 't': case 'T': shift = 40; end++; break;
    default: break;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end || v == 0 || v > (UINT64_MAX >> shift))
        return false;
    *out = (uint64_t)v << shift;
    return true;
}

static int main_parse_options(int argc, char **argv, struct main_options *opts)
{
    enum { OPT_STRICT = 256, OPT_MAX_INPUT, OPT_MAX_DEPTH, OPT_STATS, OPT_NO_PROGRESS };
    static const struct option longopts[] = {
        { "top", optional_argument, NULL, 't' },
        { "export", required_argument, NULL, 'e' },
        { "sample-type", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' },
        { "strict", no_argument, NULL, OPT_STRICT },
        { "max-input-size", required_argument, NULL, OPT_MAX_INPUT },
        { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
        { "stats", no_argument, NULL, OPT_STATS },
        { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "t::e:s:f:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 't': {
            opts->mode = MODE_TOP;
            if (optarg) {
                char *end;
                errno = 0;
                long long n = strtoll(optarg, &end, 10);
                if (errno || *end || end == optarg || n < 0) {
                    fprintf(stderr, "flamex: --top: '%s' is not a row count\n", optarg);
                    return EXIT_USAGE;
                }
                opts->top_limit = (size_t)n;
            }
            break;
        }
        case 'e':
            if (strcmp(optarg, "folded") != 0) {
                fprintf(stderr, "flamex: --export: unknown format '%s' (known: folded)\n", optarg);
                return EXIT_USAGE;
            }
            opts->mode = MODE_EXPORT;
            break;
        case 's':
            opts->sample_type = optarg;
            break;
        case 'f':
            if (!load_parse_format(optarg, &opts->load.format)) {
                fprintf(stderr, "flamex: --format: unknown format '%s' (known: auto, folded)\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_STRICT:
            opts->load.strict = true;
            break;
        case OPT_MAX_INPUT:
            if (!main_parse_size(optarg, &opts->load.input.max_size)) {
                fprintf(stderr, "flamex: --max-input-size: '%s' is not a size (e.g. 512M, 8G)\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_MAX_DEPTH: {
            uint64_t v;
            if (!main_parse_size(optarg, &v) || v > UINT32_MAX) {
                fprintf(stderr, "flamex: --max-depth: '%s' is not a frame count\n", optarg);
                return EXIT_USAGE;
            }
            opts->load.limits.max_depth = (uint32_t)v;
            break;
        }
        case OPT_STATS:
            opts->stats = true;
            break;
        case OPT_NO_PROGRESS:
            opts->progress = false;
            break;
        case 'h':
            main_usage(stdout);
            exit(0);
        case 'V':
            printf("flamex %s\n", PACKAGE_VERSION);
            exit(0);
        default:
            fputs("Try 'flamex --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        fprintf(stderr, "flamex: expected one FILE, got %d\n", argc - optind);
        return EXIT_USAGE;
    }
    opts->path = optind < argc ? argv[optind] : "-";
    if (strcmp(opts->path, "-") == 0 && isatty(STDIN_FILENO)) {
        fputs("flamex: no FILE given and standard input is a terminal\n"
              "Try 'flamex --help' for more information.\n",
              stderr);
        return EXIT_USAGE;
    }
    return 0;
}

static void main_print_error(const struct error_record *err)
{
    char buf[1200];
    error_format(err, buf, sizeof buf);
    fputs("flamex: ", stderr);
    textout_write_name(stderr, buf, strlen(buf), true);
    fputc('\n', stderr);
}

static int main_run(const struct main_options *opts, struct profile *profile)
{
    size_t type = profile->default_type;
    if (opts->sample_type) {
        int t = profile_find_type(profile, opts->sample_type);
        if (t < 0) {
            fprintf(stderr, "flamex: no sample type '%s' in this profile (it has:", opts->sample_type);
            for (size_t i = 0; i < profile->ntypes; i++)
                fprintf(stderr, " %s", profile->types[i].name);
            fputs(")\n", stderr);
            return EXIT_USAGE;
        }
        type = (size_t)t;
    }
    bool ok;
    if (opts->mode == MODE_EXPORT) {
        size_t both[2] = { 0, 1 };
        struct export_options ex = { .types = &type, .ntypes = 1, .sanitize = isatty(STDOUT_FILENO) };
        if (profile->differential && !opts->sample_type) {
            ex.types = both;
            ex.ntypes = 2;
        }
        ok = export_folded(stdout, profile, &ex);
    } else {
        struct report_top_options top = { .type = type, .limit = opts->top_limit };
        if (opts->mode == MODE_DEFAULT && !top.limit)
            top.limit = 20;
        ok = report_top(stdout, profile, &top);
    }
    if (!ok) {
        fprintf(stderr, "flamex: writing output failed: %s\n", strerror(errno));
        return EXIT_INPUT;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct main_options opts = { .mode = MODE_DEFAULT, .progress = true };
    int rc = main_parse_options(argc, argv, &opts);
    if (rc)
        return rc;

    struct main_progress progress = { .path = opts.path };
    clock_gettime(CLOCK_MONOTONIC, &progress.start);
    if (opts.progress && isatty(STDERR_FILENO)) {
        opts.load.input.progress = main_on_progress;
        opts.load.input.progress_ctx = &progress;
    }

    struct error_record err;
    struct load_report report;
    struct profile *profile = load_profile(opts.path, &opts.load, &report, &err);
    if (progress.printed)
        fputs("\r\033[K", stderr);
    if (!profile) {
        main_print_error(&err);
        return EXIT_INPUT;
    }
    double load_seconds = main_elapsed(&progress.start);
    if (report.ignored) {
        fprintf(stderr, "flamex: ");
        textout_write_name(stderr, profile->source, strlen(profile->source), true);
        fprintf(stderr, ": %llu line%s ignored (first at line %llu: %s)\n",
                (unsigned long long)report.ignored, report.ignored == 1 ? "" : "s",
                (unsigned long long)report.first_ignored_line, report.first_ignored_reason);
    }
    if (opts.stats)
        fprintf(stderr,
                "stats: bytes=%llu lines=%llu stacks=%llu nodes=%u names=%u depth=%u "
                "load_seconds=%.3f\n",
                (unsigned long long)profile->input_bytes, (unsigned long long)report.lines,
                (unsigned long long)profile->stacks, tree_count(profile->tree),
                strtab_count(profile->names), tree_max_depth(profile->tree), load_seconds);
    rc = main_run(&opts, profile);
    profile_free(profile);
    return rc;
}
