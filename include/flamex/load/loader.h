/* loader.h - the contract between the loader table and each format's loader.
 *
 * A format is one row of the table in load.c (struct loader: its format, its
 * sniffers and its load function), one file, load_FORMAT.c, which includes
 * this header, not load.h, and its name in PROFILE_FORMAT_LIST (profile.h). A loader reads its input through a struct
 * loader_run, writes every stack through the profile sink (profile.h; never
 * the tree itself), reports a line it cannot use through loader_skip (which
 * also honours --strict) and stamps every error with loader_fail or
 * loader_fail_at, so errors read alike in every format.
 */
#ifndef FLAMEX_LOADER_H
#define FLAMEX_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/base/error.h"
#include "flamex/load/input.h"
#include "flamex/model/profile.h"

/* What --format asks for: AUTO (by content), or a format of
 * PROFILE_FORMAT_LIST, each one more than its enum profile_format value. */
enum load_format {
    LOAD_FORMAT_AUTO,
#define LOAD_FORMAT_ENUM(id, name) LOAD_FORMAT_##id,
    PROFILE_FORMAT_LIST(LOAD_FORMAT_ENUM)
#undef LOAD_FORMAT_ENUM
};

/* perf script options, named as stackcollapse-perf.pl's. */
struct load_perf_options {
    bool pid;    /* root frame "comm-PID" */
    bool tid;    /* root frame "comm-PID/TID" */
    bool kernel; /* kernel frames get "_[k]" */
    bool jit;    /* JIT frames (/tmp/perf-PID.map) get "_[j]" */
    bool addrs;  /* unresolved frames become "[unknown <addr>]" ... */
};

/* How many counts a folded line has (--folded-counts). */
enum load_folded_counts {
    LOAD_FOLDED_COUNTS_AUTO, /* two when every line has two, else one */
    LOAD_FOLDED_COUNTS_ONE,  /* a number before the count is part of the frame name */
    LOAD_FOLDED_COUNTS_TWO,  /* differential: a line with one count is skipped */
};

struct load_options {
    enum load_format format;
    bool strict;                 /* a skipped line is an error */
    enum load_folded_counts folded_counts;
    struct input_options input;
    struct profile_limits limits;
    struct load_perf_options perf;
};

struct load_report {
    uint64_t lines;              /* lines read */
    uint64_t ignored;            /* lines skipped as invalid */
    uint64_t first_ignored_line; /* 1-based, 0 when none */
    char first_ignored_reason[200];
    char warning[200];           /* something the loader chose to ignore, "" if none */
};

/* One load in progress: what a loader reads, writes and reports to. */
struct loader_run {
    struct input *in;                /* NULL when the loader is given a buffer */
    struct profile *profile;         /* the sink every stack goes through */
    const struct load_options *opts;
    struct load_report *report;      /* never NULL */
    struct error_record *err;
    const char *path;                /* named in errors: the input's path, "-" for stdin */
};

/* Does the start of an input (len bytes, truncated when the input goes on)
 * look like this format? On false, why (cap bytes) says what did not fit. */
typedef bool loader_sniff_bytes_fn(const uint8_t *data, size_t len, bool truncated, char *why,
                                   size_t cap);

/* Is this line (n bytes, no newline, not blank, not a '#' comment) one of
 * this format's? On false, why (cap bytes; may be 0) says what did not fit. */
typedef bool loader_sniff_line_fn(const char *line, size_t n, char *why, size_t cap);

/* Read run->in into run->profile (which has no sample types yet). Returns
 * false with run->err filled; does not call profile_finish. */
typedef bool loader_load_fn(struct loader_run *run);

/* A row of the loader table. */
struct loader {
    enum profile_format format;       /* its name (profile_format_name) is what --format takes */
    const char *what;                 /* "folded stacks": says what detection ruled out */
    loader_sniff_bytes_fn *sniff_bytes; /* NULL: not told by its first bytes */
    loader_sniff_line_fn *sniff_line;   /* NULL: not told by a line */
    bool fallback;  /* takes an input with no evidence (empty, only comments, a first
                       line longer than the detection window) and loses ties */
    loader_load_fn *load;
};

/* A line the loader cannot use: counted in the report (the first one's number
 * and reason kept), or with --strict an error at that line. Returns false
 * (err filled) when the load must stop. */
bool loader_skip(struct loader_run *run, uint64_t line, const char *reason);

/* Fill run->err with the input's path, mark and a printf-style message;
 * always returns false. */
bool loader_fail(struct loader_run *run, struct error_mark mark, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Put the input's path and mark on an error the sink (or another layer that
 * does not know where it is) has written into run->err; always returns false. */
bool loader_fail_at(struct loader_run *run, struct error_mark mark);

/* "no valid stack found" for an input that gave the loader nothing: what
 * ("no valid stack found") followed by " (N lines ignored, first at line L:
 * why)" when lines were skipped, else empty_what; always returns false. */
bool loader_fail_empty(struct loader_run *run, const char *what, const char *empty_what);

/* Describe the skipped lines as "N line(s) ignored (first at line L: why)",
 * or nested inside parentheses "N line(s) ignored, first at line L: why",
 * into buf (cap bytes, always terminated when cap > 0); returns the length
 * it wanted to write, 0 when nothing was skipped (buf is then ""). */
size_t loader_describe_ignored(const struct load_report *report, bool nested, char *buf,
                               size_t cap);

#endif
