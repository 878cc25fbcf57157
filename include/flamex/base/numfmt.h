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

#include "flamex/base/value.h"

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

/* Format v in unit (e.g. "nanoseconds", "bytes", "count") in the unit that
 * suits it, as pprof's measurement.Label does: exactly
 * numfmt_pprof_label(buf, cap, v, unit, "auto") ("1.50s", "2kB", "42"). Returns
 * the length. */
size_t numfmt_unit(char *buf, size_t cap, double v, const char *unit);

/* pprof's measurement.Scale: convert value from from_unit (a sample type's
 * unit such as "nanoseconds", "microseconds", "bytes", "count") to to_unit (a
 * unit name, or "minimum"/"auto" for the largest unit in which the value is at
 * least 1). Negative values scale like their magnitude. *out_unit (may be NULL)
 * receives pprof's canonical name ("ns", "us", "ms", "s", "hrs", "B", "kB",
 * "MB", ..., "GCU", "k*GCU", ...; static storage) when from_unit is a known
 * unit; otherwise the value is returned unchanged and *out_unit is "" if
 * to_unit is "count", "sample", "unit", "minimum" or "auto", else to_unit
 * itself (the caller's string). */
double numfmt_pprof_scale(double value, const char *from_unit, const char *to_unit,
                          const char **out_unit);

/* pprof's measurement.ScaledLabel: the value scaled by numfmt_pprof_scale,
 * printed with "%.2f", a trailing ".00" dropped, "0" for zero (and -0), then the
 * unit ("1.50s", "20ms", "2MB", "42", "42widgets"). Returns the length. */
size_t numfmt_pprof_label(char *buf, size_t cap, double value, const char *from_unit,
                          const char *to_unit);

/* pprof's report.selectOutputUnit: the one unit a -top table uses, chosen from
 * the smallest non-zero |flat| (else |cum|) of the rows shown (min_value; 0 means
 * use max_value) and the total (max_value). Returns a canonical unit name in
 * static storage ("s", "ms", "us", "MB", "kB", ...) or, when pprof finds none
 * (counts, unknown units), sample_unit itself ("count", "widgets"; "" for NULL),
 * which numfmt_pprof_label(v, sample_unit, that) then prints as "42" or
 * "42widgets" as pprof does. */
const char *numfmt_pprof_output_unit(double min_value, double max_value, const char *sample_unit);

/* Percentage of |value / total| as pprof's measurement.Percentage prints it:
 * "  100%", "28.57%", "  0.5%", "0.0042%", "3.2e-05%", "    0%" (0 if total is 0). */
size_t numfmt_percent(char *buf, size_t cap, double value, double total);

/* numfmt_percent without its leading padding, for prose and status lines:
 * "100%", "28.57%", "0.5%", "0%". Returns the length. */
size_t numfmt_share(char *buf, size_t cap, double value, double total);

/* 100 * value / total (signed) with one decimal, right-aligned in width
 * columns (0: unpadded): "  35.0%", "0.8%"; without decimals beyond 999.9 or
 * below -99.9; "-" (padded) when total is 0. The viewer's sidebar columns.
 * Returns the length. */
size_t numfmt_percent1(char *buf, size_t cap, double value, double total, int width);

#endif
