/* main_options.c - command-line parsing and --help. */
#include "main_options.h"

#include "flamex/load/load_folded.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every option, defined once: id, long name, short letter (0 for none),
 * argument (NONE, REQUIRED or OPTIONAL), the argument's name in --help, and
 * the help text (wrapped by main_usage). getopt's table, the short-option
 * string and --help are generated from it; tests/cli.sh checks that each row
 * is in --help and in the man page. One row a line: the test reads them. */
#define MAIN_OPTION_LIST(X)                                                                        \
    X(TOP, "top", 't', OPTIONAL, "N", "print the N hottest functions by self (default: all)") \
    X(NODE_FRACTION, "node-fraction", 0, REQUIRED, "F", "--top leaves out functions whose cum is below F of the total, as pprof (default 0.005; 0 shows all)") \
    X(REPORT, "report", 0, OPTIONAL, "N", "print --top's table, then the plateaus (frames burning >= 5% of the total themselves) and towers (columns 12+ frames deep, <= 1% wide); N rows each (default 10, or --top=N; 0 shows all)") \
    X(PLATEAU, "plateau", 0, REQUIRED, "PCT", "a plateau's self is at least PCT% of the view (5)") \
    X(TOWER_DEPTH, "tower-depth", 0, REQUIRED, "N", "a tower is at least N frames deep above its base (12)") \
    X(TOWER_SHARE, "tower-share", 0, REQUIRED, "PCT", "... and its base at most PCT% of the view (1)") \
    X(EXPORT, "export", 'e', REQUIRED, "FORMAT", "write the profile to stdout; FORMAT is 'folded'") \
    X(DUMP, "dump", 'd', NONE, NULL, "print the screen the viewer would show, as text") \
    X(SIZE, "size", 0, REQUIRED, "COLSxROWS", "screen size for --dump (default 80x24)") \
    X(KEYS, "keys", 0, REQUIRED, "KEYS", "keys for --dump to replay, vim notation (kk<Enter>)") \
    X(SAMPLE_TYPE, "sample-type", 's', REQUIRED, "NAME", "sample type to show or export (e.g. before, after); comparing, NAME (both files have it) or BEFORE_NAME,AFTER_NAME") \
    X(NO_NORMALISE, "no-normalise", 0, NONE, NULL, "compare raw values: rank changes of value, not of share (the default scales BEFORE to AFTER's total)") \
    X(FORMAT, "format", 'f', REQUIRED, "FORMAT", "input format: auto (by content, the default), folded, pprof or perf (perf script output)") \
    X(FOLDED_COUNTS, "folded-counts", 0, REQUIRED, "auto|1|2", "folded: counts per line; auto (the default) reads two, a differential profile, only when every line ends in two numbers") \
    X(PID, "pid", 0, NONE, NULL, "perf: the root frame is comm-PID") \
    X(TID, "tid", 0, NONE, NULL, "perf: the root frame is comm-PID/TID") \
    X(KERNEL, "kernel", 0, NONE, NULL, "perf: mark kernel frames _[k]") \
    X(JIT, "jit", 0, NONE, NULL, "perf: mark JIT frames _[j]") \
    X(ALL, "all", 0, NONE, NULL, "perf: --kernel and --jit") \
    X(ADDRS, "addrs", 0, NONE, NULL, "perf: unresolved frames show their address") \
    X(STRICT, "strict", 0, NONE, NULL, "treat a malformed input line as an error") \
    X(MAX_INPUT_SIZE, "max-input-size", 0, REQUIRED, "N", "limit on decompressed input bytes (K, M, G suffixes; default 4G)") \
    X(MAX_LINE_LENGTH, "max-line-length", 0, REQUIRED, "N", "limit on bytes per input line (K, M, G; default 64M)") \
    X(MAX_DEPTH, "max-depth", 0, REQUIRED, "N", "limit on frames per stack (default 1000000)") \
    X(MAX_NODES, "max-nodes", 0, REQUIRED, "N", "limit on call-tree nodes (default 50000000)") \
    X(THEME, "theme", 0, REQUIRED, "NAME|PATH", "theme: default, light, mono, colorblind, or a file") \
    X(CONFIG, "config", 0, REQUIRED, "PATH", "read PATH, not $XDG_CONFIG_HOME/flamex/config.yaml") \
    X(COLOR, "color", 0, REQUIRED, "WHEN", "colours: auto, 256, 8 or mono (NO_COLOR is honoured)") \
    X(COLOUR, "colour", 0, REQUIRED, "WHEN", "the same as --color") \
    X(ICICLE, "icicle", 0, NONE, NULL, "root at the top (default: flame, root at the bottom)") \
    X(HEAVIEST, "heaviest", 0, NONE, NULL, "siblings heaviest first (default: alphabetical)") \
    X(STATS, "stats", 0, NONE, NULL, "print load statistics to stderr") \
    X(NO_PROGRESS, "no-progress", 0, NONE, NULL, "never print a progress line while loading") \
    X(HELP, "help", 'h', NONE, NULL, "show this help and exit") \
    X(VERSION, "version", 'V', NONE, NULL, "show the version and exit")

enum main_option_id {
#define MAIN_OPTION_ENUM(id, name, letter, arg, argname, help) OPT_##id,
    MAIN_OPTION_LIST(MAIN_OPTION_ENUM)
#undef MAIN_OPTION_ENUM
    OPT_COUNT
};

/* The argument kinds, named so the table reads without getopt's spelling. */
#define MAIN_ARG_NONE no_argument
#define MAIN_ARG_REQUIRED required_argument
#define MAIN_ARG_OPTIONAL optional_argument

struct main_option {
    const char *name;
    char letter;         /* short option, 0 for none */
    int arg;             /* no_argument, required_argument or optional_argument */
    const char *argname; /* NULL when the option takes no argument */
    const char *help;
};

static const struct main_option main_option_table[OPT_COUNT] = {
#define MAIN_OPTION_ROW(id, name, letter, arg, argname, help) \
    [OPT_##id] = { name, letter, MAIN_ARG_##arg, argname, help },
    MAIN_OPTION_LIST(MAIN_OPTION_ROW)
#undef MAIN_OPTION_ROW
};

/* getopt_long returns the short letter for a short option and for a long one
 * with a letter; the others return MAIN_OPTION_BASE + id. */
#define MAIN_OPTION_BASE 256

/* Columns of --help: option names from column 2, help text from MAIN_HELP_COL,
 * wrapped at MAIN_HELP_WIDTH. */
#define MAIN_HELP_COL 27
#define MAIN_HELP_WIDTH 80

/* Print text from column col (the cursor is there already), wrapped at spaces
 * so no line passes MAIN_HELP_WIDTH; continuation lines start at col. */
static void main_usage_wrapped(FILE *out, const char *text, int col)
{
    int room = MAIN_HELP_WIDTH - col;
    while (*text) {
        int len = (int)strlen(text);
        int take = len;
        if (len > room) {
            take = room;
            while (take > 0 && text[take] != ' ')
                take--;
            if (take == 0) /* one word longer than the room: let it overflow */
                for (take = room; text[take] && text[take] != ' '; take++) {
                }
        }
        fprintf(out, "%.*s\n", take, text);
        text += take;
        while (*text == ' ')
            text++;
        if (*text)
            fprintf(out, "%*s", col, "");
    }
}

static void main_usage(FILE *out)
{
    fputs("Usage: flamex [OPTION]... [FILE]\n"
          "       flamex [OPTION]... BEFORE AFTER\n"
          "Explore a CPU or memory profile as a flamegraph in the terminal.\n"
          "FILE is folded stacks, a pprof profile or perf script output (plain or gzip);\n"
          "'-' or no FILE reads standard input.\n"
          "On a terminal flamex is interactive (press ? for keys); else it prints --top.\n"
          "Two files, or a folded file with two counts per line, open compare mode: the two\n"
          "side by side and a differential flamegraph; --report then compares them.\n"
          "\n",
          out);
    for (int id = 0; id < OPT_COUNT; id++) {
        const struct main_option *o = &main_option_table[id];
        int col = o->letter ? fprintf(out, "  -%c, --%s", o->letter, o->name)
                            : fprintf(out, "      --%s", o->name);
        if (o->arg == required_argument)
            col += fprintf(out, "=%s", o->argname);
        else if (o->arg == optional_argument)
            col += fprintf(out, "[=%s]", o->argname);
        if (col > MAIN_HELP_COL - 2) { /* a long name: the text goes below it */
            fputc('\n', out);
            col = 0;
        }
        fprintf(out, "%*s", MAIN_HELP_COL - col, "");
        main_usage_wrapped(out, o->help, MAIN_HELP_COL);
    }
    fputs("\n"
          "Exit status: 0 success, 1 usage error, 2 input error.\n",
          out);
}

/* The option id getopt_long's return value c stands for, or -1 ('?': an
 * unknown option or a missing argument, already reported by getopt). */
static int main_option_id_of(int c)
{
    if (c >= MAIN_OPTION_BASE && c < MAIN_OPTION_BASE + OPT_COUNT)
        return c - MAIN_OPTION_BASE;
    for (int id = 0; id < OPT_COUNT; id++)
        if (main_option_table[id].letter && main_option_table[id].letter == c)
            return id;
    return -1;
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
    if (!s || *s < '0' || *s > '9') /* strtoull would take " -1" as 2^64 - 1 */
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
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
    struct option longopts[OPT_COUNT + 1];
    char shortopts[3 * OPT_COUNT + 1];
    size_t ns = 0;
    for (int id = 0; id < OPT_COUNT; id++) {
        const struct main_option *o = &main_option_table[id];
        longopts[id] = (struct option){ o->name, o->arg, NULL,
                                        o->letter ? o->letter : MAIN_OPTION_BASE + id };
        if (o->letter) {
            shortopts[ns++] = o->letter;
            if (o->arg != no_argument)
                shortopts[ns++] = ':';
            if (o->arg == optional_argument)
                shortopts[ns++] = ':';
        }
    }
    shortopts[ns] = '\0';
    longopts[OPT_COUNT] = (struct option){ NULL, 0, NULL, 0 };
    bool report_limit_set = false;
    opts->node_fraction = 0.005;
    opts->shapes = shapes_default_options();
    opts->dump_cols = 80;
    opts->dump_rows = 24;
    opts->load.limits.max_depth = MAIN_DEFAULT_MAX_DEPTH;
    opts->load.limits.max_nodes = MAIN_DEFAULT_MAX_NODES;
    int c;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        /* getopt_long sets optarg for every option with a required argument (a missing
         * one is reported as '?'); the static analyzer does not model that. */
        const char *arg = optarg ? optarg : "";
        int id = main_option_id_of(c);
        switch (id) {
        case OPT_TOP:
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
        case OPT_EXPORT:
            if (strcmp(arg, "folded") != 0) {
                fprintf(stderr, "flamex: --export: unknown format '%s' (known: folded)\n", optarg);
                return EXIT_USAGE;
            }
            opts->mode = MODE_EXPORT;
            break;
        case OPT_DUMP:
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
        case OPT_SAMPLE_TYPE:
            opts->sample_type = optarg;
            break;
        case OPT_FORMAT:
            if (!load_parse_format(optarg, &opts->load.format)) {
                char known[128];
                load_format_names(known, sizeof known);
                fprintf(stderr, "flamex: --format: unknown format '%s' (known: %s)\n", optarg, known);
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
                        id == OPT_PLATEAU ? "plateau" : "tower-share", optarg);
                return EXIT_USAGE;
            }
            if (id == OPT_PLATEAU)
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
        case OPT_FOLDED_COUNTS:
            if (!load_folded_parse_counts(optarg, &opts->load.folded_counts)) {
                fprintf(stderr, "flamex: --folded-counts: '%s' is not auto, 1 or 2\n", optarg);
                return EXIT_USAGE;
            }
            break;
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
        case OPT_MAX_INPUT_SIZE:
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
        case OPT_MAX_LINE_LENGTH: {
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
        case OPT_COLOUR:
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
        case OPT_NO_NORMALISE:
            opts->no_normalise = true;
            break;
        case OPT_STATS:
            opts->stats = true;
            break;
        case OPT_NO_PROGRESS:
            opts->progress = false;
            break;
        case OPT_HELP:
            main_usage(stdout);
            return -1;
        case OPT_VERSION:
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
