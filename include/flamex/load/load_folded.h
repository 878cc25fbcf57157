/* load_folded.h - the folded-stack ("collapsed") loader.
 *
 * Grammar (FlameGraph's and inferno's, reconciled): one stack per line, root
 * first, frames separated by ';', then whitespace and a count
 * [0-9]+(\.[0-9]*)?. Two counts make a differential line (before, after).
 * CRLF and surrounding whitespace are trimmed; blank lines and '#' comments are
 * skipped; trailing empty frames are dropped (a stack of only ';' is invalid);
 * frame names keep their raw bytes.
 */
#ifndef FLAMEX_LOAD_FOLDED_H
#define FLAMEX_LOAD_FOLDED_H

#include <stdbool.h>

#include "flamex/base/error.h"
#include "flamex/load/input.h"
#include "flamex/load/load.h"
#include "flamex/model/profile.h"

/* Read every line of in into profile (which must have no sample types yet: the
 * first valid line decides between one type "samples" and two, "before" and
 * "after"). Invalid lines are counted in report, or with opts->strict fail the
 * load. Returns false with err filled on a read error, a strict violation, a
 * limit, or when no line held a valid stack. Does not call profile_finish. */
bool load_folded(struct input *in, struct profile *profile, const struct load_options *opts,
                 struct load_report *report, struct error_record *err);

/* True if line (n bytes) parses as a folded stack line; used to detect the
 * format. reason (may be NULL) receives why not (static text). */
bool load_folded_line_valid(const char *line, size_t n, const char **reason);

#endif
