/* input.c - streaming file/stdin reader with transparent gzip (zlib). */
#include "flamex/load/input.h"

#include "flamex/base/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define INPUT_CHUNK ((size_t)1 << 20)
#define INPUT_LINE_LIMIT_MESSAGE \
    "line longer than the limit of %zu bytes (raise it with --max-line-length)"

struct input {
    char *path;
    gzFile gz;
    uint64_t raw_total;
    uint64_t bytes_out;
    uint64_t max_size;
    size_t max_line;
    input_progress_fn *progress;
    void *progress_ctx;
    bool eof;
    bool regular; /* a regular file: input_rewind can read it again */
    bool gzip;
    bool known_format;
    uint64_t line_no;

    char *buf;
    size_t cap, start, end; /* unconsumed bytes are buf[start, end) */
};

struct input *input_open(const char *path, const struct input_options *opts,
                         struct error_record *err)
{
    bool is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = is_stdin ? "-" : path;
    int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error_set(err, name, ERROR_NO_POSITION, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        error_set(err, name, ERROR_NO_POSITION, "cannot read: is a directory");
        return NULL;
    }
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        close(fd);
        error_set(err, name, ERROR_NO_POSITION, "cannot open: out of memory in zlib");
        return NULL;
    }
    gzbuffer(gz, 256 * 1024);

    struct input *in = xcalloc(1, sizeof *in);
    in->path = xstrdup(name);
    in->gz = gz;
    in->regular = S_ISREG(st.st_mode);
    in->raw_total = in->regular ? (uint64_t)st.st_size : 0;
    in->max_size = opts && opts->max_size ? opts->max_size : INPUT_DEFAULT_MAX_SIZE;
    in->max_line = opts && opts->max_line ? opts->max_line : INPUT_DEFAULT_MAX_LINE;
    in->progress = opts ? opts->progress : NULL;
    in->progress_ctx = opts ? opts->progress_ctx : NULL;
    in->cap = INPUT_CHUNK;
    in->buf = xmalloc(in->cap);
    return in;
}

void input_close(struct input *in)
{
    if (!in)
        return;
    gzclose_r(in->gz);
    free(in->buf);
    free(in->path);
    free(in);
}

const char *input_path(const struct input *in)
{
    return in->path;
}

bool input_is_gzip(const struct input *in)
{
    return in->gzip;
}

uint64_t input_bytes_out(const struct input *in)
{
    return in->bytes_out;
}

uint64_t input_line_number(const struct input *in)
{
    return in->line_no;
}

/* Read up to n bytes into dst. Returns bytes read (0 = end), or -1 with err. */
static long input_fill(struct input *in, char *dst, size_t n, struct error_record *err)
{
    if (in->eof)
        return 0;
    if (n > INT_MAX / 2)
        n = INT_MAX / 2;
    int got = gzread(in->gz, dst, (unsigned)n);
    if (!in->known_format) {
        in->known_format = true;
        in->gzip = gzdirect(in->gz) == 0;
    }
    int errnum = Z_OK;
    const char *msg = gzerror(in->gz, &errnum);
    if (msg && strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ": ")) /* gzdopen's "<fd:3>: " */
        msg = strstr(msg, ": ") + 2;
    if (got < 0 || (errnum != Z_OK && errnum != Z_BUF_ERROR)) {
        if (errnum == Z_ERRNO)
            error_set(err, in->path, ERROR_NO_POSITION, "read error: %s", strerror(errno));
        else
            error_set(err, in->path, ERROR_NO_POSITION,
                      "corrupt gzip data: %s (at compressed byte %lld, after %llu bytes "
                      "decompressed)",
                      msg ? msg : "unknown zlib error", (long long)gzoffset(in->gz),
                      (unsigned long long)in->bytes_out);
        return -1;
    }
    if (got == 0) {
        if (errnum == Z_BUF_ERROR) {
            error_set(err, in->path, ERROR_NO_POSITION,
                      "truncated gzip data: the compressed stream ends early (at compressed "
                      "byte %lld, after %llu bytes decompressed)",
                      (long long)gzoffset(in->gz), (unsigned long long)in->bytes_out);
            return -1;
        }
        in->eof = true;
        return 0;
    }
    in->bytes_out += (uint64_t)got;
    if (in->bytes_out > in->max_size) {
        error_stamp(err, in->path, error_mark_offset(in->max_size),
                    "input exceeds the size limit of %llu bytes after decompression "
                    "(raise it with --max-input-size)",
                    (unsigned long long)in->max_size);
        return -1;
    }
    if (in->progress) {
        long off = (long)gzoffset(in->gz);
        in->progress(in->progress_ctx, off > 0 ? (uint64_t)off : in->bytes_out, in->raw_total,
                     in->bytes_out);
    }
    return got;
}

/* Ensure buf can hold at least need bytes from start: compact, then grow. */
static bool input_make_room(struct input *in, size_t need, struct error_record *err)
{
    if (in->start > 0) {
        memmove(in->buf, in->buf + in->start, in->end - in->start);
        in->end -= in->start;
        in->start = 0;
    }
    if (need <= in->cap)
        return true;
    if (need > in->max_line + 1) {
        error_set(err, in->path, in->line_no + 1, INPUT_LINE_LIMIT_MESSAGE, in->max_line);
        return false;
    }
    size_t cap = in->cap;
    while (cap < need)
        cap *= 2;
    in->buf = xreallocarray(in->buf, cap, 1);
    in->cap = cap;
    return true;
}

bool input_peek(struct input *in, size_t want, const char **data, size_t *len,
                struct error_record *err)
{
    while (in->end - in->start < want && !in->eof) {
        if (in->end == in->cap) {
            size_t used = in->end - in->start;
            if (!input_make_room(in, used < in->cap ? in->cap : in->cap * 2, err))
                return false;
        }
        long got = input_fill(in, in->buf + in->end, in->cap - in->end, err);
        if (got < 0)
            return false;
        in->end += (size_t)got;
    }
    *data = in->buf + in->start;
    *len = in->end - in->start;
    return true;
}

int input_next_line(struct input *in, const char **line, size_t *len, struct error_record *err)
{
    size_t scanned = 0; /* bytes after start already known to hold no '\n' */
    for (;;) {
        char *p = in->buf + in->start + scanned;
        size_t avail = in->end - in->start - scanned;
        char *nl = avail ? memchr(p, '\n', avail) : NULL;
        if (nl) {
            *line = in->buf + in->start;
            *len = (size_t)(nl - *line);
            in->start = (size_t)(nl - in->buf) + 1;
            in->line_no++;
            if (*len > in->max_line) {
                error_set(err, in->path, in->line_no, INPUT_LINE_LIMIT_MESSAGE, in->max_line);
                return -1;
            }
            return 1;
        }
        scanned = in->end - in->start;
        if (in->eof) {
            if (scanned == 0)
                return 0;
            *line = in->buf + in->start;
            *len = scanned;
            in->start = in->end;
            in->line_no++;
            if (*len > in->max_line) { /* a last line without '\n' is held to the limit too */
                error_set(err, in->path, in->line_no, INPUT_LINE_LIMIT_MESSAGE, in->max_line);
                return -1;
            }
            return 1;
        }
        if (in->end == in->cap) {
            if (!input_make_room(in, scanned < in->cap ? in->cap : in->cap * 2, err))
                return -1;
        }
        long got = input_fill(in, in->buf + in->end, in->cap - in->end, err);
        if (got < 0)
            return -1;
        in->end += (size_t)got;
    }
}

bool input_can_rewind(const struct input *in)
{
    return in->regular;
}

bool input_rewind(struct input *in, struct error_record *err)
{
    /* gzrewind goes back to where the file was when input_open found it
     * (zlib keeps that offset), gzip or not. */
    if (!in->regular || gzrewind(in->gz) != 0) {
        error_set(err, in->path, ERROR_NO_POSITION, "cannot read the input again: %s",
                  in->regular ? strerror(errno) : "not a regular file");
        return false;
    }
    in->eof = false;
    in->start = in->end = 0;
    in->line_no = 0;
    in->bytes_out = 0;
    return true;
}

bool input_read_all(struct input *in, char **data, size_t *len, struct error_record *err)
{
    size_t n = in->end - in->start;
    size_t cap = n + INPUT_CHUNK;
    /* An uncompressed regular file says how much is left: one block of that
     * size (and a spare byte to see the end) is read into in place, never
     * copied or grown, and big enough for xmalloc's huge-page advice, which
     * matters here: first touch of fresh memory is a large part of loading
     * a big profile. */
    if (in->known_format && !in->gzip && in->raw_total > in->bytes_out) {
        uint64_t left = in->raw_total - in->bytes_out;
        uint64_t room = in->max_size > in->bytes_out ? in->max_size - in->bytes_out : 0;
        if (left > room)
            left = room;
        if (left < SIZE_MAX - n - 1)
            cap = n + (size_t)left + 1;
    }
    char *out = xmalloc(cap);
    memcpy(out, in->buf + in->start, n);
    in->start = in->end = 0;
    for (;;) {
        if (n == cap) {
            cap = cap < INPUT_CHUNK ? INPUT_CHUNK : cap * 2;
            out = xreallocarray(out, cap, 1);
        }
        long got = input_fill(in, out + n, cap - n, err);
        if (got < 0) {
            free(out);
            return false;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    *data = out;
    *len = n;
    return true;
}
