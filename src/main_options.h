/* main_options.h - the command line, parsed (binary only, not the core library). */
#ifndef FLAMEX_MAIN_OPTIONS_H
#define FLAMEX_MAIN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "flamex/config/config.h"
#include "flamex/load/load.h"
#include "flamex/analysis/shapes.h"

#define EXIT_USAGE 1
#define EXIT_INPUT 2

enum main_mode {
    MODE_DEFAULT, /* interactive on a terminal, else the --top report */
    MODE_TOP,
    MODE_EXPORT,
    MODE_DUMP,
    MODE_INTERACTIVE,
    MODE_REPORT,  /* --report: --top's table, then plateaus and towers */
};

struct main_options {
    enum main_mode mode;
    size_t top_limit;
    bool top_limit_set;      /* --top=N was given (N may be 0: all) */
    size_t report_limit;     /* --report=N, else --top=N, else 10 */
    double node_fraction;    /* --node-fraction for --top */
    struct shapes_options shapes; /* --plateau, --tower-depth, --tower-share */
    const char *sample_type; /* -s NAME, or BEFORE_NAME,AFTER_NAME when comparing */
    bool no_normalise;       /* --no-normalise: compare raw values */
    bool stats;
    bool progress;
    struct load_options load;
    const char *path;
    const char *after_path;  /* the second FILE: compare path (BEFORE) with it */
    /* viewer */
    int dump_cols, dump_rows;
    const char *keys;        /* --keys for --dump */
    const char *theme;       /* --theme NAME|PATH */
    const char *config_path; /* --config PATH */
    enum config_color color; bool color_set;
    bool icicle, icicle_set;
    bool heaviest, order_set;
};

/* Parse argv into opts. Returns 0, or an exit status (after printing the
 * problem, or after --help/--version with status -1 meaning "exit 0"). */
int main_parse_options(int argc, char **argv, struct main_options *opts);

#endif
