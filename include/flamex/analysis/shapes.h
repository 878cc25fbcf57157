/* shapes.h - the article's shapes: plateaus and towers.
 *
 * A plateau is a frame whose self value is a large share of the view: it
 * burns the time itself (default: self >= 5% of the view's total). A tower is
 * a narrow, deep column: a frame whose subtree reaches at least min_depth
 * frames above it while its total is at most max_share of the view's total;
 * only the lowest frame of each maximal tower is reported.
 */
#ifndef FLAMEX_SHAPES_H
#define FLAMEX_SHAPES_H

#include <stddef.h>
#include <stdint.h>

#include "flamex/model/profile.h"

struct shapes_options {
    double plateau_self_share; /* default 0.05 */
    uint32_t tower_min_depth;  /* default 12 */
    double tower_max_share;    /* default 0.01 */
};

/* The defaults named above. */
struct shapes_options shapes_default_options(void);

struct shape {
    uint32_t node;
    double self;   /* plateaus: self value */
    double total;  /* total value */
    uint32_t height; /* towers: frames above the base, the base excluded */
};

struct shapes {
    struct shape *plateaus; /* by self, largest first (owned) */
    size_t nplateaus;
    struct shape *towers;   /* by height, tallest first (owned) */
    size_t ntowers;
    double view_total;      /* total of the root the shapes were found under */
};

/* Find the plateaus and towers in the subtree of root for sample type t.
 * Explicit-stack walks; aborts only on out-of-memory. */
void shapes_find(const struct profile *profile, size_t t, uint32_t root,
                 const struct shapes_options *opts, struct shapes *out);

/* Free the lists; out becomes empty. */
void shapes_free(struct shapes *shapes);

#endif
