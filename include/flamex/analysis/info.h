/* info.h - the profile's header as text lines, shared by --top and the TUI.
 *
 * pprof's -top starts with lines such as "File:", "Type:", "Time:" and
 * "Duration: 3.15s, Total samples = 3.03s (96.31%)"; flamex prints the same
 * facts (plus its own File/Format lines) in the same words, and the TUI's
 * information panel shows the very same lines.
 */
#ifndef FLAMEX_INFO_H
#define FLAMEX_INFO_H

#include <stddef.h>

#include "flamex/model/profile.h"

struct info_lines {
    char **lines; /* owned, NUL-terminated, raw (callers sanitise for display) */
    size_t count;
};

/* Build the header lines for sample type t of profile, values formatted in
 * output_unit (a pprof unit name such as "ms", "MB", or "" for plain numbers;
 * NULL picks one per value). In order: "File: <source>", "Format: <format>
 * [(gzip)]", for pprof "Binary: <main binary>" and "Build ID: <id>" when known,
 * every comment not starting with '#', "Type: <name>", "Sample types: a (unit),
 * b (unit)" when there are several, "Period: <period> <period type>" when
 * known, "Time: Jan 2, 2006 at 3:04pm (MST)" (local time, as pprof) and
 * "Duration: <d>, Total samples = <total> [(<pct of duration>)]" when known.
 * Aborts only on out-of-memory. */
void info_header_lines(const struct profile *profile, size_t t, const char *output_unit,
                       struct info_lines *out);

/* Append a copy of line to lines. Aborts only on out-of-memory. */
void info_lines_add(struct info_lines *lines, const char *line);

/* Free the lines; the list becomes empty. */
void info_lines_free(struct info_lines *lines);

#endif
