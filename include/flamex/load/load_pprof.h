/* load_pprof.h - the pprof loader (google/pprof's profile.proto, gzip or raw).
 *
 * Pass 1 walks the message once to index strings, mappings, functions and
 * locations and validates them as pprof's CheckValid does; pass 2 streams the
 * samples into the tree. Semantics follow pprof so numbers agree with
 * `go tool pprof -top`: location_id[0] is the leaf, a location's line[0] is the
 * innermost inlined function, drop_frames/keep_frames prune as pprof's Prune,
 * values are never multiplied by the period.
 */
#ifndef FLAMEX_LOAD_PPROF_H
#define FLAMEX_LOAD_PPROF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/base/error.h"
#include "flamex/load/input.h"
#include "flamex/load/loader.h"
#include "flamex/model/profile.h"

/* Read the rest of run->in and load it. Fails with run->err (path and byte
 * offset) on any violation; does not call profile_finish. */
bool load_pprof(struct loader_run *run);

/* Load a whole decompressed profile from memory into profile (which must have
 * no sample types yet). Errors name profile->source and the byte offset. */
bool load_pprof_buffer(const uint8_t *data, size_t len, struct profile *profile,
                       struct load_report *report, struct error_record *err);

/* Does this prefix of an input look like a pprof message? truncated says the
 * prefix is not the whole input (a field running past it is then fine). The
 * loader table's byte sniffer; on false, why (cap bytes) says what did not fit. */
bool load_pprof_sniff(const uint8_t *data, size_t len, bool truncated, char *why, size_t cap);

#endif
