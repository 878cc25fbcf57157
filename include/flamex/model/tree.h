/* tree.h - the call tree: one node per unique call path, values per sample type.
 *
 * Nodes live in one growable array and are addressed by 32-bit ids; node 0 is the
 * synthetic root (no name) and a child always has a larger id than its parent,
 * which lets whole-tree passes run as plain loops instead of recursion.
 *
 * Life cycle: tree_new, then any number of tree_add_child / tree_add_self calls
 * (children are found through a hash of (parent, name) while loading), then
 * tree_finish, which computes totals, drops the loading hash and orders siblings.
 * After tree_finish the tree is read-only except for tree_sort_heaviest.
 *
 * Values are kept exactly: a sample type whose values are all integers that fit
 * in int64 is stored as integers (so a count of 239807672958951499 survives a
 * round trip); the first fractional value, or an integer overflow, turns that
 * type's column into doubles.
 */
#ifndef FLAMEX_TREE_H
#define FLAMEX_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/base/value.h"
#include "flamex/model/strtab.h"

#define TREE_NONE UINT32_MAX
#define TREE_ROOT 0u
#define TREE_MAX_TYPES 16

/* How siblings are ordered for display and walking. */
enum tree_order {
    TREE_ORDER_ALPHA,    /* byte order of the names (the flamegraph default) */
    TREE_ORDER_HEAVIEST, /* largest total first (ties by name) */
};

/* Node flag: at least one input stack ended at this node (kept even if its self
 * value is zero, so exports reproduce zero-count stacks). */
#define TREE_FLAG_STACK_END 1u
/* Node flags from formats with inlining (pprof): the frame was reached as a
 * function inlined into its caller, and/or as a real call. pprof marks a
 * function "(inline)" or "(partial-inline)" from these. */
#define TREE_FLAG_INLINED 2u
#define TREE_FLAG_CALLED 4u

struct tree;

/* Create a tree with ntypes (1..TREE_MAX_TYPES) sample types and just the root.
 * Aborts on out-of-memory; returns NULL if ntypes is out of range. */
struct tree *tree_new(size_t ntypes);

/* Free the tree. NULL is allowed. */
void tree_free(struct tree *tree);

/* Set the most nodes the tree may hold (default and maximum 2^32-2). */
void tree_set_node_limit(struct tree *tree, uint32_t limit);

/* Loading only: add a sample type column, zero for every existing node (for
 * formats that discover their types while streaming, like perf script's event
 * names). Returns its index, or -1 when TREE_MAX_TYPES are in use. */
int tree_add_type(struct tree *tree);

/* Loading only: return the child of parent named name, creating it if absent.
 * When known_new is true the caller guarantees no such child exists (the parent
 * was created during the same stack), which skips the lookup. Returns TREE_NONE
 * when the node limit is reached. */
uint32_t tree_add_child(struct tree *tree, uint32_t parent, uint32_t name, bool known_new);

/* Loading only: add v to node's self value of sample type t. Never fails. */
void tree_add_self(struct tree *tree, uint32_t node, size_t t, const struct sample_value *v);

/* Loading only: set flag bits on a node. */
void tree_set_flags(struct tree *tree, uint32_t node, uint32_t flags);

/* Compute totals, free the loading hash and order siblings by name (using names
 * for the byte order). Call exactly once, after the last add. */
void tree_finish(struct tree *tree, const struct strtab *names);

/* Order siblings for TREE_ORDER_HEAVIEST by total of sample type t (each
 * sibling group is sorted lazily, the first time tree_children asks for it,
 * so the cost follows what is visited; the alphabetical order is unaffected).
 * Requires tree_finish. */
void tree_sort_heaviest(struct tree *tree, size_t t);

/* Number of nodes including the root. */
uint32_t tree_count(const struct tree *tree);
/* Parent of node (TREE_NONE for the root). */
uint32_t tree_parent(const struct tree *tree, uint32_t node);
/* Name id of node (STRTAB_NONE for the root). */
uint32_t tree_name(const struct tree *tree, uint32_t node);
/* Depth of node: 0 for the root, 1 for its children, ... */
uint32_t tree_depth(const struct tree *tree, uint32_t node);
/* Largest depth of any node. */
uint32_t tree_max_depth(const struct tree *tree);
/* Flags of node (TREE_FLAG_*). */
uint32_t tree_flags(const struct tree *tree, uint32_t node);

/* pprof's note for a frame reached inlined: "(inline)" if only inlined,
 * "(partial-inline)" if also as a real call, NULL otherwise (static strings). */
const char *tree_inline_note(const struct tree *tree, uint32_t node);

/* Self value of node for sample type t, as a double. */
double tree_self(const struct tree *tree, uint32_t node, size_t t);
/* Total (self + descendants) of node for sample type t; requires tree_finish. */
double tree_total(const struct tree *tree, uint32_t node, size_t t);
/* True if sample type t is stored exactly as integers; then *out (if not NULL)
 * receives node's exact self value. */
bool tree_self_exact(const struct tree *tree, uint32_t node, size_t t, int64_t *out);
/* Like tree_self_exact, for the total. */
bool tree_total_exact(const struct tree *tree, uint32_t node, size_t t, int64_t *out);

/* Children of node in the given order; *n receives their number. The array is
 * owned by the tree and valid until the next tree_sort_heaviest / tree_free.
 * Requires tree_finish. */
const uint32_t *tree_children(const struct tree *tree, uint32_t node, enum tree_order order,
                              size_t *n);

/* Child of parent with the given name id, or TREE_NONE (binary search after
 * tree_finish, hash lookup before). */
uint32_t tree_find_child(const struct tree *tree, uint32_t parent, uint32_t name);

/* Number of nodes in node's subtree, node included; requires tree_finish. */
uint32_t tree_subtree_size(const struct tree *tree, uint32_t node);

#endif
