/* pbwire.h - a bounds-checked reader and a small writer for the protobuf wire format.
 *
 * Only what profile.proto needs: varints, fixed32/64, length-delimited fields
 * and packed repeated varints. The reader never reads past its end, never
 * allocates, and reports the byte offset (from the start of the whole buffer)
 * of anything malformed, so a loader can say where a file is broken.
 */
#ifndef FLAMEX_PBWIRE_H
#define FLAMEX_PBWIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum pb_wire_type {
    PB_VARINT = 0,
    PB_FIXED64 = 1,
    PB_LEN = 2,
    PB_START_GROUP = 3, /* deprecated groups: rejected */
    PB_END_GROUP = 4,
    PB_FIXED32 = 5,
};

/* A view of part of a buffer; base is the start of the whole buffer (for offsets). */
struct pb_reader {
    const uint8_t *base;
    const uint8_t *p;
    const uint8_t *end;
    const char *error;     /* static message of the first failure, NULL if none */
    uint64_t error_offset; /* byte offset of that failure from base */
};

/* One field as pb_next_field returned it. For PB_LEN, data/len describe the
 * payload (inside the reader's bounds); for the others, value holds it. */
struct pb_field {
    uint32_t number;
    enum pb_wire_type wire;
    uint64_t value;
    const uint8_t *data;
    size_t len;
    uint64_t offset; /* offset of the field's tag */
};

/* Start reading the n bytes at data (which is also the base for offsets). */
void pb_reader_init(struct pb_reader *r, const uint8_t *data, size_t n);

/* A reader over a length-delimited payload of parent (same base). */
void pb_reader_sub(struct pb_reader *sub, const struct pb_reader *parent, const uint8_t *data,
                   size_t len);

/* True when every byte has been consumed (and no error occurred). */
bool pb_at_end(const struct pb_reader *r);

/* Read the next field. Returns true with *f filled, false at the end of the
 * buffer or on malformed input (then r->error is set): a bad varint, field
 * number 0, a group, an unknown wire type, or a length past the end. */
bool pb_next_field(struct pb_reader *r, struct pb_field *f);

/* Read one varint at the reader's position (at most 10 bytes; the 10th byte
 * may only carry one bit). Returns false and sets r->error on failure. */
bool pb_read_varint(struct pb_reader *r, uint64_t *out);

/* Iterate over a repeated varint field that may be packed or not: for a
 * PB_VARINT field, calls fn once; for PB_LEN, once per packed varint. Returns
 * false (with r->error set) on a malformed payload, a wrong wire type or when
 * fn returns false. */
bool pb_each_varint(struct pb_reader *r, const struct pb_field *f,
                    bool (*fn)(void *ctx, uint64_t v), void *ctx);

/* Number of varints in a packed payload (counting bytes without the high bit);
 * an upper bound that is exact for a well-formed payload. */
size_t pb_count_packed(const uint8_t *data, size_t len);

/* Record a failure at offset (the first one wins). Always returns false. */
bool pb_fail(struct pb_reader *r, uint64_t offset, const char *message);

/* ---- writer (tests, benchmarks, fuzz seeds) ---- */

/* A growable output buffer; zero-initialise, then append, then free data. */
struct pb_writer {
    uint8_t *data;
    size_t len, cap;
};

/* Append v as a base-128 varint (1 to 10 bytes); the buffer grows, aborting
 * on out-of-memory. */
void pb_write_varint(struct pb_writer *w, uint64_t v);
/* Write a tag for field number with the given wire type. */
void pb_write_tag(struct pb_writer *w, uint32_t number, enum pb_wire_type wire);
/* Write a varint field (tag + value); negative int64 values are written as
 * their 10-byte two's complement, as protobuf's int64 does. */
void pb_write_uint(struct pb_writer *w, uint32_t number, uint64_t v);
/* Write a length-delimited field (tag + length + bytes). */
void pb_write_bytes(struct pb_writer *w, uint32_t number, const void *data, size_t len);
/* Write a packed repeated varint field. */
void pb_write_packed(struct pb_writer *w, uint32_t number, const uint64_t *v, size_t n);
/* Append raw bytes. */
void pb_write_raw(struct pb_writer *w, const void *data, size_t len);
/* Release the buffer; the writer becomes empty. */
void pb_writer_free(struct pb_writer *w);

#endif
