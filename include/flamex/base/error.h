/* error.h - the error record every fallible operation on input fills in.
 *
 * Loaders, the config and the themes never abort on bad input: they return a
 * status and describe the problem here (path, line or byte offset, message),
 * so the caller decides how to print it and which exit status to use.
 */
#ifndef FLAMEX_ERROR_H
#define FLAMEX_ERROR_H

#include <stddef.h>
#include <stdint.h>

#define ERROR_NO_POSITION UINT64_MAX

struct error_record {
    char path[512];   /* file the problem is in, "" when none, "-" for stdin */
    uint64_t line;    /* 1-based line, or ERROR_NO_POSITION */
    uint64_t column;  /* 1-based column, or ERROR_NO_POSITION */
    uint64_t offset;  /* byte offset, or ERROR_NO_POSITION (binary formats) */
    char message[512];
};

/* Problem-report callback: readers that go on after a problem (the config, the
 * themes, the keymap, the YAML reader under them) call it once per problem, with
 * the record filled (path, and line and column where known), then carry on. The
 * record is the caller's: copy what must outlive the call. */
typedef void error_report_fn(void *ctx, const struct error_record *problem);

/* Where in an input a problem is, as far as the code that found it knows
 * (libyaml's problem marks are the model): a 1-based line and column for
 * text, a byte offset for binary formats, ERROR_NO_POSITION for each part
 * that is unknown. Build one with error_mark_line or error_mark_offset. */
struct error_mark {
    uint64_t line;
    uint64_t column;
    uint64_t offset;
};

/* A mark with no position at all. */
static inline struct error_mark error_mark_none(void)
{
    return (struct error_mark){ ERROR_NO_POSITION, ERROR_NO_POSITION, ERROR_NO_POSITION };
}

/* A mark for a 1-based line (ERROR_NO_POSITION for none). */
static inline struct error_mark error_mark_line(uint64_t line)
{
    return (struct error_mark){ line, ERROR_NO_POSITION, ERROR_NO_POSITION };
}

/* A mark for a byte offset into a binary input. */
static inline struct error_mark error_mark_offset(uint64_t offset)
{
    return (struct error_mark){ ERROR_NO_POSITION, ERROR_NO_POSITION, offset };
}

/* Reset a record to "no error, no position". Never fails. */
void error_clear(struct error_record *err);

/* The one way to stamp a problem: fill the record with a path ("" for none),
 * a mark and a printf-style message (truncated to fit). A NULL err is allowed
 * and ignored. */
void error_stamp(struct error_record *err, const char *path, struct error_mark mark,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Put a path and a mark on a record whose message was written by code that
 * did not know them (the profile sink's limits, say), keeping the message.
 * A NULL err is allowed and ignored. */
void error_restamp(struct error_record *err, const char *path, struct error_mark mark);

/* error_stamp with a line mark (ERROR_NO_POSITION for none). */
void error_set(struct error_record *err, const char *path, uint64_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Write "path:line:column: message" (omitting absent parts) into buf of size cap,
 * always NUL-terminated when cap > 0; returns the length it wanted to write. */
size_t error_format(const struct error_record *err, char *buf, size_t cap);

#endif
