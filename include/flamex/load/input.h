/* input.h - reading a profile from a file or stdin, gzip or plain.
 *
 * gzip is recognised by content (zlib's gzread reads plain files transparently);
 * a truncated or corrupt gzip stream is an error, never a short profile. Data is
 * streamed through one reused buffer, so memory does not grow with the input,
 * except for input_read_all, which binary formats use. The decompressed size is
 * capped. A progress callback (the caller decides whether and when to print)
 * is invoked after every chunk.
 */
#ifndef FLAMEX_INPUT_H
#define FLAMEX_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/base/error.h"

#define INPUT_DEFAULT_MAX_SIZE (UINT64_C(4) << 30) /* 4 GiB decompressed */
/* 64 MiB per line: a folded line holds one stack, so this is 1,000,000
 * frames (flamex's default depth limit) of 64 bytes each; real stacks are a
 * few thousand frames (perf stops at 127 by default), a few hundred KB. A
 * line is held whole in memory (twice while the folded loader keeps the
 * previous stack), so the limit also bounds that memory. */
#define INPUT_DEFAULT_MAX_LINE ((size_t)64 << 20)

/* Called after each chunk: raw (possibly compressed) bytes consumed, raw size of
 * the file (0 when unknown, e.g. a pipe), and decompressed bytes delivered. */
typedef void input_progress_fn(void *ctx, uint64_t raw_done, uint64_t raw_total,
                               uint64_t bytes_out);

struct input_options {
    uint64_t max_size;          /* decompressed bytes; 0 = INPUT_DEFAULT_MAX_SIZE */
    size_t max_line;            /* bytes per line; 0 = INPUT_DEFAULT_MAX_LINE */
    input_progress_fn *progress; /* may be NULL */
    void *progress_ctx;
};

struct input;

/* Open path for reading ("-" or NULL means standard input). Returns NULL and
 * fills err (with the path and the system's reason) on failure. The caller owns
 * the result and must input_close it. */
struct input *input_open(const char *path, const struct input_options *opts,
                         struct error_record *err);

/* Close the input and free its buffers. NULL is allowed. */
void input_close(struct input *in);

/* The path as given ("-" for stdin). */
const char *input_path(const struct input *in);

/* Make at least want bytes (fewer at end of input) available without consuming
 * them; *data and *len describe what is buffered. Returns false with err
 * filled on a read or decompression error. */
bool input_peek(struct input *in, size_t want, const char **data, size_t *len,
                struct error_record *err);

/* Next line without its '\n' (a final line without newline is returned too).
 * Returns 1 with *line and *len set (valid until the next call), 0 at end of input,
 * -1 with err filled on error (read error, corrupt gzip, size or line limit). */
int input_next_line(struct input *in, const char **line, size_t *len, struct error_record *err);

/* Number of the line last returned by input_next_line (1-based). */
uint64_t input_line_number(const struct input *in);

/* True when input_rewind can work: the input is a regular file (gzip or not),
 * not a pipe or a terminal. */
bool input_can_rewind(const struct input *in);

/* Go back to the start of the input (the start as input_open found it): the
 * next line is line 1 again and the byte counts restart. Returns false with
 * err filled when the input cannot be read again (see input_can_rewind). */
bool input_rewind(struct input *in, struct error_record *err);

/* Read the whole remaining input into a new buffer (*data, owned by the caller,
 * free() it). Returns false with err filled on error or when the size cap is hit. */
bool input_read_all(struct input *in, char **data, size_t *len, struct error_record *err);

/* True once the stream turned out to be gzip-compressed (known after the first read). */
bool input_is_gzip(const struct input *in);

/* Decompressed bytes delivered so far. */
uint64_t input_bytes_out(const struct input *in);

#endif
