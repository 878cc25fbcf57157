/* error.c - filling and formatting error records. */
#include "flamex/base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void error_clear(struct error_record *err)
{
    if (!err)
        return;
    err->path[0] = '\0';
    err->message[0] = '\0';
    err->line = ERROR_NO_POSITION;
    err->column = ERROR_NO_POSITION;
    err->offset = ERROR_NO_POSITION;
}

static void error_fill(struct error_record *err, const char *path, struct error_mark mark,
                       const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static void error_fill(struct error_record *err, const char *path, struct error_mark mark,
                       const char *fmt, va_list ap)
{
    error_clear(err);
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    err->line = mark.line;
    err->column = mark.column;
    err->offset = mark.offset;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

void error_stamp(struct error_record *err, const char *path, struct error_mark mark,
                 const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    error_fill(err, path, mark, fmt, ap);
    va_end(ap);
}

void error_restamp(struct error_record *err, const char *path, struct error_mark mark)
{
    if (!err)
        return;
    char message[sizeof err->message];
    snprintf(message, sizeof message, "%s", err->message);
    error_stamp(err, path, mark, "%s", message);
}

void error_set(struct error_record *err, const char *path, uint64_t line, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    error_fill(err, path, error_mark_line(line), fmt, ap);
    va_end(ap);
}

size_t error_format(const struct error_record *err, char *buf, size_t cap)
{
    char pos[96] = "";
    if (err->line != ERROR_NO_POSITION && err->column != ERROR_NO_POSITION)
        snprintf(pos, sizeof pos, ":%llu:%llu", (unsigned long long)err->line,
                 (unsigned long long)err->column);
    else if (err->line != ERROR_NO_POSITION)
        snprintf(pos, sizeof pos, ":%llu", (unsigned long long)err->line);
    else if (err->offset != ERROR_NO_POSITION)
        snprintf(pos, sizeof pos, ": at byte offset %llu", (unsigned long long)err->offset);
    int n;
    if (err->path[0])
        n = snprintf(buf, cap, "%s%s: %s", err->path, pos, err->message);
    else
        n = snprintf(buf, cap, "%s", err->message);
    return n < 0 ? 0 : (size_t)n;
}
