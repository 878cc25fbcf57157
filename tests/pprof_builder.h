/* pprof_builder.h - write small pprof profiles in tests with the project's writer. */
#ifndef FLAMEX_PPROF_BUILDER_H
#define FLAMEX_PPROF_BUILDER_H

#include "flamex/load/pbwire.h"

#include <stdint.h>
#include <string.h>

/* Append a length-delimited sub-message built in tmp, then reset tmp. */
static inline void pb_put_message(struct pb_writer *w, uint32_t field, struct pb_writer *tmp)
{
    pb_write_bytes(w, field, tmp->data, tmp->len);
    tmp->len = 0;
}

/* string_table entries (field 6), in order. */
static inline void pb_put_strings(struct pb_writer *w, const char *const *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pb_write_bytes(w, 6, s[i], strlen(s[i]));
}

/* A ValueType {type, unit} in field (1 = sample_type, 11 = period_type). */
static inline void pb_put_value_type(struct pb_writer *w, uint32_t field, uint64_t type,
                                     uint64_t unit)
{
    struct pb_writer t = { 0 };
    pb_write_uint(&t, 1, type);
    pb_write_uint(&t, 2, unit);
    pb_put_message(w, field, &t);
    pb_writer_free(&t);
}

/* A Function {id, name, system_name}. */
static inline void pb_put_function(struct pb_writer *w, uint64_t id, uint64_t name,
                                   uint64_t system_name)
{
    struct pb_writer t = { 0 };
    pb_write_uint(&t, 1, id);
    if (name)
        pb_write_uint(&t, 2, name);
    if (system_name)
        pb_write_uint(&t, 3, system_name);
    pb_put_message(w, 5, &t);
    pb_writer_free(&t);
}

/* A Mapping {id, filename}. */
static inline void pb_put_mapping(struct pb_writer *w, uint64_t id, uint64_t filename)
{
    struct pb_writer t = { 0 };
    pb_write_uint(&t, 1, id);
    pb_write_uint(&t, 2, 0x400000);
    pb_write_uint(&t, 3, 0x800000);
    pb_write_uint(&t, 5, filename);
    pb_put_message(w, 3, &t);
    pb_writer_free(&t);
}

/* A Location {id, mapping_id, lines (function ids, line[0] innermost)}. */
static inline void pb_put_location(struct pb_writer *w, uint64_t id, uint64_t mapping_id,
                                   const uint64_t *function_ids, size_t nlines)
{
    struct pb_writer t = { 0 }, line = { 0 };
    pb_write_uint(&t, 1, id);
    if (mapping_id)
        pb_write_uint(&t, 2, mapping_id);
    pb_write_uint(&t, 3, 0x401000 + id * 16);
    for (size_t i = 0; i < nlines; i++) {
        pb_write_uint(&line, 1, function_ids[i]);
        pb_write_uint(&line, 2, 10 + i);
        pb_put_message(&t, 4, &line);
    }
    pb_put_message(w, 4, &t);
    pb_writer_free(&t);
    pb_writer_free(&line);
}

/* A Sample {location ids leaf first, values}, both packed. */
static inline void pb_put_sample(struct pb_writer *w, const uint64_t *locations, size_t n,
                                 const int64_t *values, size_t nvalues)
{
    struct pb_writer t = { 0 };
    pb_write_packed(&t, 1, locations, n);
    uint64_t v[16];
    for (size_t i = 0; i < nvalues && i < 16; i++)
        v[i] = (uint64_t)values[i];
    pb_write_packed(&t, 2, v, nvalues);
    pb_put_message(w, 2, &t);
    pb_writer_free(&t);
}

#endif
