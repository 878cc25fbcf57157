/* strtab.h - interned frame names.
 *
 * Every distinct name is stored once, in large arena blocks, and addressed by a
 * dense 32-bit id (0, 1, 2, ... in order of first appearance). Names are raw
 * bytes: they may contain NUL, control bytes or invalid UTF-8; sanitising for
 * display is utf8.h's job. Pointers returned stay valid until strtab_free.
 */
#ifndef FLAMEX_STRTAB_H
#define FLAMEX_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#define STRTAB_NONE UINT32_MAX

struct strtab;

/* Create an empty table; aborts on out-of-memory. The caller owns the result. */
struct strtab *strtab_new(void);

/* Free the table and every name in it. NULL is allowed. */
void strtab_free(struct strtab *tab);

/* Return the id of the n bytes at s, adding a copy if they are new. Aborts on
 * out-of-memory; returns STRTAB_NONE if the table already holds 2^32-2 names. */
uint32_t strtab_intern(struct strtab *tab, const char *s, size_t n);

/* Like strtab_intern with a precomputed hash_bytes(s, n). */
uint32_t strtab_intern_hashed(struct strtab *tab, const char *s, size_t n, uint64_t hash);

/* Return the id of s if present, else STRTAB_NONE; never adds. */
uint32_t strtab_find(const struct strtab *tab, const char *s, size_t n);

/* Return the bytes of name id (NUL-terminated for convenience, but the length is
 * authoritative) and store its length in *len when len is not NULL. The id must
 * be valid (< strtab_count). */
const char *strtab_get(const struct strtab *tab, uint32_t id, size_t *len);

/* Number of distinct names. */
uint32_t strtab_count(const struct strtab *tab);

/* Byte-order comparison of two names (memcmp, shorter first on a tie). */
int strtab_compare(const struct strtab *tab, uint32_t a, uint32_t b);

#endif
