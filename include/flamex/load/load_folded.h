/* load_folded.h - the folded-stack ("collapsed") loader.
 *
 * Grammar (FlameGraph's and inferno's, reconciled): one stack per line, root
 * first, frames separated by ';', then whitespace and a count
 * [0-9]+(\.[0-9]*)?. Two counts make a differential line (before, after)
 * when every line of the file has two; otherwise the first of two numbers is
 * the end of the last frame's name (--folded-counts forces either reading).
 * CRLF and surrounding whitespace are trimmed; blank lines and '#' comments are
 * skipped; trailing empty frames are dropped (a stack of only ';' is invalid);
 * frame names keep their raw bytes.
 */
#ifndef FLAMEX_LOAD_FOLDED_H
#define FLAMEX_LOAD_FOLDED_H

#include <stdbool.h>

#include "flamex/base/error.h"
#include "flamex/load/input.h"
#include "flamex/load/loader.h"
#include "flamex/model/profile.h"

/* Read every line of run->in into run->profile (which must have no sample
 * types yet): one type "samples", or two, "before" and "after", when
 * run->opts->folded_counts says so or (auto) every valid line has two counts;
 * then profile->info.note says the reading was a choice. Invalid lines go
 * through loader_skip. Returns false with run->err filled on a read error, a
 * strict violation, a limit, or when no line held a valid stack. Does not
 * call profile_finish. */
bool load_folded(struct loader_run *run);

/* The loader table's line sniffer: true if line (n bytes) parses as a folded
 * stack line; on false, why (cap bytes, may be 0) says why not. */
bool load_folded_sniff_line(const char *line, size_t n, char *why, size_t cap);

/* Parse a --folded-counts value ("auto", "1", "2"); false if unknown. */
bool load_folded_parse_counts(const char *name, enum load_folded_counts *out);

#endif
