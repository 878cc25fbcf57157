/* main_types.h - the pairs of sample types compare mode shows (main_types.c). */
#ifndef FLAMEX_MAIN_TYPES_H
#define FLAMEX_MAIN_TYPES_H

#include <stddef.h>

#include "flamex/analysis/diff.h"
#include "flamex/model/profile.h"

struct main_options;

/* The pairs of sample types to compare; pairs[0] is shown first, t cycles
 * through the others (every type the two share, matched by name). The first
 * pair: -s BEFORE,AFTER names one type of each; -s NAME one both have;
 * without -s, AFTER's default if BEFORE has it, else BEFORE's default if
 * AFTER has it, else the first name they share, else each file's default
 * (with a note in note). Returns 0, or an exit status after printing why
 * on stderr; a note, when there is one, is printed on stderr too. */
int main_compare_types(const struct main_options *opts, const struct profile *before,
                       const struct profile *after, struct diff_pair *pairs, size_t *npairs,
                       char *note, size_t note_cap);

#endif
