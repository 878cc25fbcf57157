/* load.h - opening a profile of any supported format.
 *
 * load_profile opens the input, decides the format (by content unless the
 * caller forces one) from the loader table and runs the matching loader,
 * which writes every stack into a profile through the profile sink. Lines a
 * loader cannot use are skipped and counted in the report, or, with strict
 * set, turned into an error. The options and the report are declared in
 * loader.h, the contract each format's loader is written against.
 */
#ifndef FLAMEX_LOAD_H
#define FLAMEX_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "flamex/base/error.h"
#include "flamex/load/loader.h"
#include "flamex/model/profile.h"

/* Load the profile at path ("-" or NULL for stdin). Returns a finished profile
 * owned by the caller, or NULL with err filled (path, line where known, reason).
 * report (may be NULL) receives line counts and the first skipped line. */
struct profile *load_profile(const char *path, const struct load_options *opts,
                             struct load_report *report, struct error_record *err);

/* Parse a format name ("auto" or a loader's name: "folded", "pprof",
 * "perf"); returns false if unknown. */
bool load_parse_format(const char *name, enum load_format *out);

/* The names load_parse_format takes, "auto, folded, pprof, perf", into buf
 * (cap bytes, always terminated when cap > 0). */
void load_format_names(char *buf, size_t cap);

#endif
