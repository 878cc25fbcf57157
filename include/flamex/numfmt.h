/* numfmt.h - locale-independent parsing and printing of sample values.
 *
 * Parsing never consults the C locale (a ',' decimal point would corrupt
 * counts); printing is exact: integers without a decimal point, fractions with
 * the fewest digits that read back to the same double. The pprof-style helpers
 * format values with their unit and percentages as `go tool pprof -top` does.
 */
#ifndef FLAMEX_NUMFMT_H
#define FLAMEX_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

#include "flamex/tree.h"

/* Parse a folded-stack count, [0-9]+(\.[0-9]*)?, occupying all n bytes at s.
 * Integers that fit in int64 are exact; larger integers up to 2^64 and
 * fractions are doubles. Returns false for anything else (sign, exponent,
 * empty, junk) or for integers of 2^64 or more. */
bool numfmt_parse_count(const char *s, size_t n, struct sample_value *out);

/* Print v exactly into buf: "%lld" for an integral value, else the shortest
 * decimal that round-trips. Returns the length (buf is always terminated). */
size_t numfmt_value(char *buf, size_t cap, double v);

/* Print an exact integer. Returns the length. */
size_t numfmt_int(char *buf, size_t cap, long long v);

/* Format v in unit (e.g. "nanoseconds", "bytes", "count") the way pprof's -top
 * prints it ("1.50s", "9735.06kB", "42"). Returns the length. */
size_t numfmt_unit(char *buf, size_t cap, double v, const char *unit);

/* Percentage as pprof prints it: "  100%", "28.57%", " 0.5%", "    0%". */
size_t numfmt_percent(char *buf, size_t cap, double value, double total);

#endif
