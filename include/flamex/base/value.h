/* value.h - one sample value as read from a profile, exact when it can be.
 *
 * Kept in base/ because both the number parser (numfmt.h) and the call tree
 * (model/tree.h) speak it, and base/ may not include the model.
 */
#ifndef FLAMEX_VALUE_H
#define FLAMEX_VALUE_H

#include <stdbool.h>
#include <stdint.h>

/* A value as a loader read it: exact says i holds the exact integer (and d the
 * same value as a double); otherwise only d is meaningful. */
struct sample_value {
    int64_t i;
    double d;
    bool exact;
};

#endif
