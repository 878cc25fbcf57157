/* export.h - writing a profile back out as canonical folded stacks.
 *
 * Canonical means: one line per distinct stack, lines in byte order of the
 * stack text (as stackcollapse and inferno sort them), counts printed exactly
 * (integers without a decimal point). For a valid folded input X, exporting
 * gives X with identical stacks merged and lines sorted.
 */
#ifndef FLAMEX_EXPORT_H
#define FLAMEX_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flamex/model/profile.h"

struct export_options {
    const size_t *types; /* sample types to print per line, in order */
    size_t ntypes;       /* 1 normally, 2 for a differential (before, after) file */
    bool sanitize;       /* escape control bytes in names (output is a terminal) */
};

/* Write the profile to out as folded stacks. Returns false if writing failed
 * (errno is left set by stdio). Walks the tree with an explicit stack. */
bool export_folded(FILE *out, const struct profile *profile, const struct export_options *opts);

#endif
