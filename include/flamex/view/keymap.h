/* keymap.h - which key triggers which action.
 *
 * The defaults are one table (vim and less habits); the config file may rebind
 * keys. The help screen is generated from this table and actions.h, so help
 * cannot drift from behaviour.
 */
#ifndef FLAMEX_KEYMAP_H
#define FLAMEX_KEYMAP_H

#include <stddef.h>

#include "flamex/view/actions.h"
#include "flamex/config/config.h"
#include "flamex/config/theme.h"

#define KEYMAP_MAX 256

struct keymap_entry {
    int key;
    enum action_id action;
};

struct keymap {
    struct keymap_entry entries[KEYMAP_MAX];
    size_t count;
};

/* Fill km with the default bindings. Never fails. */
void keymap_init(struct keymap *km);

/* Bind key to action, replacing any binding of that key (ACTION_NONE unbinds).
 * Returns false if the table is full. */
bool keymap_bind(struct keymap *km, int key, enum action_id action);

/* Action bound to key, or ACTION_NONE. */
enum action_id keymap_lookup(const struct keymap *km, int key);

/* Keys bound to action, in table order; returns how many (at most cap stored). */
size_t keymap_keys_for(const struct keymap *km, enum action_id action, int *keys, size_t cap);

/* Apply the config's bindings; an unknown key or action name is reported
 * (path/line/column from the binding) and skipped. Returns the problem count. */
int keymap_apply_config(struct keymap *km, const struct config *config, const char *path,
                        error_report_fn *report, void *ctx);

#endif
