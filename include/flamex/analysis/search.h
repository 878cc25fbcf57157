/* search.h - finding frames by name with PCRE2, as the viewer's `/` does.
 *
 * A pattern is compiled once (UTF, UCP, invalid-UTF tolerant, JIT when
 * available, a match limit) and matched once per unique name in the string
 * table; the result is a bit per name, so highlighting any number of frames
 * costs a lookup. Smart case: case-insensitive unless the pattern has a
 * capital letter, unless the caller forces a case mode. The matched total
 * counts nested matches once (a match inside a match adds nothing), as
 * FlameGraph's "Matched" does.
 */
#ifndef FLAMEX_SEARCH_H
#define FLAMEX_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/model/profile.h"

enum search_case {
    SEARCH_CASE_SMART,       /* insensitive unless the pattern has a capital */
    SEARCH_CASE_SENSITIVE,
    SEARCH_CASE_INSENSITIVE,
};

struct search {
    char *pattern;          /* owned copy, "" when none */
    enum search_case mode;
    bool ignore_case;       /* what was in effect for this pattern */
    uint8_t *matches;       /* per name id: 1 if the name matches (owned) */
    uint32_t nnames;
    uint32_t nmatched_names;
    char error[256];        /* PCRE2's message and offset for an invalid pattern */
};

/* Compile pattern and match it against every name of profile. On an invalid
 * pattern returns false, fills s->error ("missing ) at offset 4") and leaves
 * s empty (no matches). An empty pattern clears the search. s must be
 * zero-initialised before the first call; reuse frees the previous result. */
bool search_set(struct search *s, const struct profile *profile, const char *pattern,
                enum search_case mode);

/* Search for exactly this name (the `#` key): the name, regex-quoted. */
bool search_set_literal(struct search *s, const struct profile *profile, const char *name,
                        size_t len);

/* Does the frame at node match? False when there is no search. */
bool search_node_matches(const struct search *s, const struct profile *profile, uint32_t node);

/* Match statistics for sample type t within the subtree of root (the zoom):
 * *matched_total is the total of matching frames counting nested matches
 * once; *frames the number of matching nodes. Explicit-stack walk. */
void search_totals(const struct search *s, const struct profile *profile, size_t t,
                   uint32_t root, double *matched_total, size_t *frames);

/* Free what s owns; it becomes empty (and reusable). */
void search_clear(struct search *s);

#endif
