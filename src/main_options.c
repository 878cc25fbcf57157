/* main_options.c - command-line parsing and --help. */
#include "main_options.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void main_usage(FILE *out)
{
    fputs("Usage: flamex [OPTION]... [FILE]\n"
          "       flamex [OPTION]... BEFORE AFTER\n"
          "Explore a CPU or memory profile as a flamegraph in the terminal.\n"
          "FILE is folded stacks, a pprof profile or perf script output (plain or gzip); '-' or no FILE reads standard input.\n"
          "On a terminal flamex is interactive (press ? for keys); otherwise it prints --top.\n"
          "Two files, or a folded file with two counts per line, open compare mode: the two\n"
          "side by side and a differential flamegraph; --report then compares them.\n"
          "\n"
          "  -t, --top[=N]            print the N hottest functions by self value (default: all)\n"
          "      --node-fraction=F    --top leaves out functions whose cum is below F of\n"
          "                           the total, as pprof (default 0.005; 0 shows all)\n"
          "      --report[=N]         print --top's table, then the plateaus (frames burning\n"
          "                           >= 5% of the total themselves) and towers (columns 12+\n"
          "                           frames deep, <= 1% wide); N rows each (default 10,\n"
          "                           or --top=N; 0 shows all)\n"
          "      --plateau=PCT        a plateau's self is at least PCT% of the view (5)\n"
          "      --tower-depth=N      a tower is at least N frames deep above its base (12)\n"
          "      --tower-share=PCT    ... and its base at most PCT% of the view (1)\n"
          "  -e, --export=FORMAT      write the profile to stdout; FORMAT is 'folded'\n"
          "  -d, --dump               print the screen the viewer would show, as text\n"
          "      --size=COLSxROWS     screen size for --dump (default 80x24)\n"
          "      --keys=KEYS          keys to replay before --dump, vim notation (kk<Enter>)\n"
          "  -s, --sample-type=NAME   sample type to show or export (e.g. before, after)\n"
          "  -f, --format=FORMAT      input format: auto (by content, the default), folded,\n"
          "                           pprof or perf (perf script output)\n"
          "      --pid, --tid         perf: root frame comm-PID (or comm-PID/TID)\n"
          "      --kernel, --jit      perf: mark kernel frames _[k], JIT frames _[j]\n"
          "      --all                perf: --kernel and --jit\n"
          "      --addrs              perf: unresolved frames show their address\n"
          "      --strict             treat a malformed input line as an error\n"
          "      --max-input-size=N   limit on decompressed input bytes (K, M, G suffixes;\n"
          "                           default 4G)\n"
          "      --max-line-length=N  limit on bytes per input line (K, M, G; default 64M)\n"
          "      --max-depth=N        limit on frames per stack (default 1000000)\n"
          "      --max-nodes=N        limit on call-tree nodes (default 50000000)\n"
          "      --theme=NAME|PATH    colour theme (default, light, mono, colorblind, or a file)\n"
          "      --config=PATH        config file (default $XDG_CONFIG_HOME/flamex/config.yaml)\n"
          "      --color=WHEN         colours: auto, 256, 8 or mono (NO_COLOR is honoured)\n"
          "      --icicle             root at the top (default: flame, root at the bottom)\n"
          "      --heaviest           siblings heaviest first (default: alphabetical)\n"
          "      --stats              print load statistics to stderr\n"
          "      --no-progress        never print a progress line while loading\n"
          "  -h, --help               show this help and exit\n"
          "  -V, --version            show the version and exit\n"
          "\n"
          "Exit status: 0 success, 1 usage error, 2 input error.\n",
          out);
}

/* Default limits, generous for real profiles yet short of exhausting memory
 * on a hostile one. Depth: real stacks are at most a few thousand frames (perf
 * records 127 by default), deep recursion tens of thousands. Nodes: a tree
 * node with its share of names costs about 150 bytes (measured: 4,000,002
 * unique nodes and names took 612 MB), so 50 million is about 7 GB, far above
 * the few million nodes of multi-GB real profiles. */
#define MAIN_DEFAULT_MAX_DEPTH 1000000
#define MAIN_DEFAULT_MAX_NODES 50000000

/* Parse a byte count with an optional K/M/G/T suffix (powers of 1024). */
static bool main_parse_size(const char *s, uint64_t *out)
{
    if (!s)
        return false;
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

/* Parse a row count for --top=N / --report=N (0 means all). */
static bool main_parse_rows(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    long long n = strtoll(s, &end, 10);
    if (errno || *end || end == s || n < 0)
        return false;
    *out = (size_t)n;
    return true;
}

static bool main_parse_dims(const char *s, int *cols, int *rows)
{
    char *end;
    long c = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X'))
        return false;
    const char *r = end + 1;
    long n = strtol(r, &end, 10);
    if (end == r || *end || c < 1 || n < 1 || c > 10000 || n > 10000)
        return false;
    *cols = (int)c;
    *rows = (int)n;
    return true;
}

int main_parse_options(int argc, char **argv, struct main_options *opts)
{
    enum {
        OPT_STRICT = 256, OPT_NODE_FRACTION, OPT_PLATEAU, OPT_TOWER_DEPTH, OPT_TOWER_SHARE, OPT_PID, OPT_TID, OPT_KERNEL, OPT_JIT, OPT_ALL,
        OPT_ADDRS, OPT_MAX_INPUT, OPT_MAX_DEPTH, OPT_MAX_LINE, OPT_MAX_NODES, OPT_STATS, OPT_NO_PROGRESS, OPT_SIZE,
        OPT_KEYS, OPT_THEME, OPT_CONFIG, OPT_COLOR, OPT_ICICLE, OPT_HEAVIEST, OPT_REPORT,
    };
    static const struct option longopts[] = {
        { "top", optional_argument, NULL, 't' },
        { "report", optional_argument, NULL, OPT_REPORT },
        { "export", required_argument, NULL, 'e' },
        { "dump", no_argument, NULL, 'd' },
        { "size", required_argument, NULL, OPT_SIZE },
        { "keys", required_argument, NULL, OPT_KEYS },
        { "sample-type", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' },
        { "node-fraction", required_argument, NULL, OPT_NODE_FRACTION },
        { "plateau", required_argument, NULL, OPT_PLATEAU },
        { "tower-depth", required_argument, NULL, OPT_TOWER_DEPTH },
        { "tower-share", required_argument, NULL, OPT_TOWER_SHARE },
        { "pid", no_argument, NULL, OPT_PID },
        { "tid", no_argument, NULL, OPT_TID },
        { "kernel", no_argument, NULL, OPT_KERNEL },
        { "jit", no_argument, NULL, OPT_JIT },
        { "all", no_argument, NULL, OPT_ALL },
        { "addrs", no_argument, NULL, OPT_ADDRS },
        { "strict", no_argument, NULL, OPT_STRICT },
        { "max-input-size", required_argument, NULL, OPT_MAX_INPUT },
        { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
        { "max-line-length", required_argument, NULL, OPT_MAX_LINE },
        { "max-nodes", required_argument, NULL, OPT_MAX_NODES },
        { "theme", required_argument, NULL, OPT_THEME },
        { "config", required_argument, NULL, OPT_CONFIG },
        { "color", required_argument, NULL, OPT_COLOR },
        { "colour", required_argument, NULL, OPT_COLOR },
        { "icicle", no_argument, NULL, OPT_ICICLE },
        { "heaviest", no_argument, NULL, OPT_HEAVIEST },
        { "stats", no_argument, NULL, OPT_STATS },
        { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    bool report_limit_set = false;
    opts->node_fraction = 0.005;
    opts->shapes = shapes_default_options();
    opts->dump_cols = 80;
    opts->dump_rows = 24;
    opts->load.limits.max_depth = MAIN_DEFAULT_MAX_DEPTH;
    opts->load.limits.max_nodes = MAIN_DEFAULT_MAX_NODES;
    int c;
    while ((c = getopt_long(argc, argv, "t::e:ds:f:hV", longopts, NULL)) != -1) {
        /* getopt_long sets optarg for every option with a required argument (a missing
         * one is reported as '?'); the static analyzer does not model that. */
        const char *arg = optarg ? optarg : "";
        switch (c) {
        case 't':
            if (opts->mode != MODE_REPORT) /* --report --top=N: N rows in the report */
                opts->mode = MODE_TOP;
            if (optarg) {
                if (!main_parse_rows(optarg, &opts->top_limit)) {
                    fprintf(stderr, "flamex: --top: '%s' is not a row count\n", optarg);
                    return EXIT_USAGE;
                }
                opts->top_limit_set = true;
            }
            break;
        case OPT_REPORT:
            opts->mode = MODE_REPORT;
            if (optarg) {
                if (!main_parse_rows(optarg, &opts->report_limit)) {
                    fprintf(stderr, "flamex: --report: '%s' is not a row count\n", optarg);
                    return EXIT_USAGE;
                }
                report_limit_set = true;
            }
            break;
        case 'e':
            if (strcmp(arg, "folded") != 0) {
                fprintf(stderr, "flamex: --export: unknown format '%s' (known: folded)\n", optarg);
                return EXIT_USAGE;
            }
            opts->mode = MODE_EXPORT;
            break;
        case 'd':
            opts->mode = MODE_DUMP;
            break;
        case OPT_SIZE:
            if (!main_parse_dims(arg, &opts->dump_cols, &opts->dump_rows)) {
                fprintf(stderr, "flamex: --size: '%s' is not COLSxROWS (e.g. 120x40)\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_KEYS:
            opts->keys = optarg;
            break;
        case 's':
            opts->sample_type = optarg;
            break;
        case 'f':
            if (!load_parse_format(optarg, &opts->load.format)) {
                fprintf(stderr, "flamex: --format: unknown format '%s' (known: auto, folded, pprof, perf)\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_NODE_FRACTION: {
            char *end;
            errno = 0;
            double f = strtod(arg, &end);
            if (errno || *end || end == arg || !(f >= 0 && f <= 1)) {
                fprintf(stderr, "flamex: --node-fraction: '%s' is not a fraction from 0 to 1\n",
                        optarg);
                return EXIT_USAGE;
            }
            opts->node_fraction = f;
            break;
        }
        case OPT_PLATEAU:
        case OPT_TOWER_SHARE: {
            char *end;
            errno = 0;
            double pct = strtod(arg, &end);
            if (errno || *end || end == arg || !(pct > 0 && pct <= 100)) {
                fprintf(stderr, "flamex: --%s: '%s' is not a percentage above 0 and up to 100\n",
                        c == OPT_PLATEAU ? "plateau" : "tower-share", optarg);
                return EXIT_USAGE;
            }
            if (c == OPT_PLATEAU)
                opts->shapes.plateau_self_share = pct / 100;
            else
                opts->shapes.tower_max_share = pct / 100;
            break;
        }
        case OPT_TOWER_DEPTH: {
            char *end;
            errno = 0;
            long n = strtol(arg, &end, 10);
            if (errno || *end || end == arg || n < 1 || n > 1000000) {
                fprintf(stderr, "flamex: --tower-depth: '%s' is not a frame count\n", optarg);
                return EXIT_USAGE;
            }
            opts->shapes.tower_min_depth = (uint32_t)n;
            break;
        }
        case OPT_PID:
            opts->load.perf.pid = true;
            break;
        case OPT_TID:
            opts->load.perf.tid = true;
            break;
        case OPT_KERNEL:
            opts->load.perf.kernel = true;
            break;
        case OPT_JIT:
            opts->load.perf.jit = true;
            break;
        case OPT_ALL:
            opts->load.perf.kernel = opts->load.perf.jit = true;
            break;
        case OPT_ADDRS:
            opts->load.perf.addrs = true;
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
        case OPT_MAX_LINE: {
            uint64_t v;
            if (!main_parse_size(optarg, &v) || v > SIZE_MAX / 2) {
                fprintf(stderr, "flamex: --max-line-length: '%s' is not a size (e.g. 64M, 1G)\n",
                        optarg);
                return EXIT_USAGE;
            }
            opts->load.input.max_line = (size_t)v;
            break;
        }
        case OPT_MAX_NODES: {
            uint64_t v;
            if (!main_parse_size(optarg, &v) || v > UINT32_MAX - 2) {
                fprintf(stderr, "flamex: --max-nodes: '%s' is not a node count (1 to %u)\n",
                        optarg, UINT32_MAX - 2);
                return EXIT_USAGE;
            }
            opts->load.limits.max_nodes = (uint32_t)v;
            break;
        }
        case OPT_THEME:
            opts->theme = optarg;
            break;
        case OPT_CONFIG:
            opts->config_path = optarg;
            break;
        case OPT_COLOR:
            if (!config_parse_color(optarg, &opts->color)) {
                fprintf(stderr, "flamex: --color: '%s' is not auto, 256, 8 or mono\n", optarg);
                return EXIT_USAGE;
            }
            opts->color_set = true;
            break;
        case OPT_ICICLE:
            opts->icicle = opts->icicle_set = true;
            break;
        case OPT_HEAVIEST:
            opts->heaviest = opts->order_set = true;
            break;
        case OPT_STATS:
            opts->stats = true;
            break;
        case OPT_NO_PROGRESS:
            opts->progress = false;
            break;
        case 'h':
            main_usage(stdout);
            return -1;
        case 'V':
            printf("flamex %s\n", PACKAGE_VERSION);
            return -1;
        default:
            fputs("Try 'flamex --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 2) {
        fprintf(stderr, "flamex: expected one FILE, or BEFORE and AFTER to compare; got %d files\n",
                argc - optind);
        return EXIT_USAGE;
    }
    if (opts->keys && opts->mode != MODE_DUMP) {
        fputs("flamex: --keys only makes sense with --dump\n", stderr);
        return EXIT_USAGE;
    }
    if (!report_limit_set)
        opts->report_limit = opts->top_limit_set ? opts->top_limit : 10;
    opts->path = optind < argc ? argv[optind] : "-";
    opts->after_path = argc - optind == 2 ? argv[optind + 1] : NULL;
    if (opts->after_path && strcmp(opts->path, "-") == 0 && strcmp(opts->after_path, "-") == 0) {
        fputs("flamex: BEFORE and AFTER cannot both be standard input\n", stderr);
        return EXIT_USAGE;
    }
    if (opts->after_path && opts->mode == MODE_EXPORT) {
        fputs("flamex: --export writes one profile; give one FILE\n", stderr);
        return EXIT_USAGE;
    }
    if (strcmp(opts->path, "-") == 0 && isatty(STDIN_FILENO)) {
        fputs("flamex: no FILE given and standard input is a terminal\n"
              "Try 'flamex --help' for more information.\n",
              stderr);
        return EXIT_USAGE;
    }
    return 0;
}
