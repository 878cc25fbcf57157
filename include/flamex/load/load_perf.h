/* load_perf.h - the `perf script` loader.
 *
 * Reads perf script's text output as it streams (memory follows the unique
 * stacks, not the input) and produces the stacks and weights of FlameGraph's
 * stackcollapse-perf.pl with default options (weight = the period when perf
 * prints one, else 1), with its --pid, --tid, --kernel, --jit, --all and
 * --addrs options (struct load_perf_options). Every event type (cycles,
 * instructions, cpu-clock, ...) becomes two sample types: "EVENT"
 * (period-weighted; the first event seen is the default, as the Perl script
 * keeps only that one) and "EVENT samples" (every sample weighs 1).
 */
#ifndef FLAMEX_LOAD_PERF_H
#define FLAMEX_LOAD_PERF_H

#include <stdbool.h>
#include <stddef.h>

#include "flamex/base/error.h"
#include "flamex/load/input.h"
#include "flamex/load/loader.h"
#include "flamex/model/profile.h"

/* Read every line of run->in into run->profile (which must have no sample
 * types yet). Malformed records go through loader_skip (--strict makes the
 * first one an error naming its line). Returns false with run->err filled on
 * a read error, a limit, a strict violation, or when no stack was found.
 * Does not call profile_finish. */
bool load_perf(struct loader_run *run);

/* Does line (n bytes, no newline) look like a perf script event header such as
 * "comm 1234 [000] 12.345: 10101 cycles:u:"? The loader table's line sniffer;
 * on false, why (cap bytes) says what did not fit. */
bool load_perf_event_line(const char *line, size_t n, char *why, size_t cap);

#endif
