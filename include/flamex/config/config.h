/* config.h - the user's configuration file (YAML, libyaml).
 *
 * $XDG_CONFIG_HOME/flamex/config.yaml or --config PATH (the caller picks the
 * path; the core reads no environment). Problems are reported one by one as
 * "file:line:col: what" and loading goes on, so flamex starts with defaults for
 * whatever was wrong.
 *
 *   theme: light              # name or path
 *   color: auto               # auto | 256 | 8 | mono
 *   orientation: flame        # flame | icicle
 *   order: alpha              # alpha | heaviest
 *   keys:                     # key (vim notation) -> action name
 *     "<C-n>": move-down
 *     x: quit
 */
#ifndef FLAMEX_CONFIG_H
#define FLAMEX_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "flamex/base/error.h"
#include "flamex/config/theme.h"

enum config_color {
    CONFIG_COLOR_AUTO,
    CONFIG_COLOR_256,
    CONFIG_COLOR_8,
    CONFIG_COLOR_MONO,
};

struct config_binding {
    char key[32];     /* as written, e.g. "<C-n>" or "x" */
    char action[48];  /* action name, e.g. "move-down" */
    unsigned long line, column; /* where it was written, for later validation messages */
};

struct config {
    char theme[512];           /* "" = not set */
    unsigned long theme_line, theme_column; /* where theme was set, for messages */
    enum config_color color;   /* CONFIG_COLOR_AUTO when not set */
    bool icicle, icicle_set;
    bool heaviest, order_set;  /* sibling order: heaviest-first or alphabetical */
    struct config_binding *bindings; /* owned; config_free releases them */
    size_t nbindings;
};

/* Set every field to its default (nothing set, no bindings). */
void config_init(struct config *config);

/* Release what config owns. */
void config_free(struct config *config);

/* Parse YAML text into config (path for messages). Each problem goes to report
 * (see error_report_fn); returns the number of problems. Values already in
 * config are overwritten only by valid entries; bindings are appended. An
 * empty file is not a problem. */
int config_parse(const char *text, size_t len, const char *path, struct config *config,
                 error_report_fn *report, void *ctx);

/* Read and parse the file at path. A missing file is not a problem when
 * missing_ok (the default config location); otherwise it is reported. */
int config_load_file(const char *path, bool missing_ok, struct config *config,
                     error_report_fn *report, void *ctx);

/* Parse a colour mode name ("auto", "256", "8", "mono"). */
bool config_parse_color(const char *name, enum config_color *out);

#endif
