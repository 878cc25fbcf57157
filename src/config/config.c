/* config.c - the user's configuration file (YAML, read with yaml_doc.c's reader).
 *
 * Known keys: theme (string), color (auto|256|8|mono), orientation
 * (flame|icicle), order (alpha|heaviest) and keys (a mapping from key notation
 * to action name). Key and action names are only stored here, with their
 * position, so keymap.c can report unknown ones at the right line.
 */
#include "flamex/config/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flamex/base/xalloc.h"
#include "flamex/config/yaml_doc.h"

void config_init(struct config *config)
{
    memset(config, 0, sizeof *config);
    config->color = CONFIG_COLOR_AUTO;
}

void config_free(struct config *config)
{
    free(config->bindings);
    config->bindings = NULL;
    config->nbindings = 0;
}

bool config_parse_color(const char *name, enum config_color *out)
{
    static const char *const names[] = { "auto", "256", "8", "mono" };
    static const enum config_color values[] = { CONFIG_COLOR_AUTO, CONFIG_COLOR_256,
                                                CONFIG_COLOR_8, CONFIG_COLOR_MONO };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = values[i];
            return true;
        }
    }
    return false;
}

/* Read a value that must be one of choices[0..n); returns its index or -1. */
static int config_choice(struct yaml_doc *doc, const struct yaml_doc_node *node,
                         const char *field, const char *const *choices, size_t n,
                         const char *expected)
{
    const char *s = yaml_doc_string(doc, node, field, false);
    if (!s)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(s, choices[i]) == 0)
            return (int)i;
    }
    char q[80];
    yaml_doc_report(doc, node, "invalid value '%s' for '%s' (expected %s)",
                    yaml_doc_quote(q, sizeof q, s, strlen(s)), field, expected);
    return -1;
}

static void config_keys(struct yaml_doc *doc, struct config *config,
                        const struct yaml_doc_node *map)
{
    char q[80];
    for (const struct yaml_doc_node *k = map->child; k && k->next; k = k->next->next) {
        if (!yaml_doc_key_ok(doc, map, k))
            continue;
        /* The key's text as written: a plain ~ is a tilde here, not null. */
        const char *key = k->text;
        if (k->len == 0 || strlen(key) != k->len) {
            yaml_doc_report(doc, k, "%s key in 'keys'", k->len ? "NUL byte in a" : "empty");
            continue;
        }
        char field[96];
        snprintf(field, sizeof field, "keys: %s",
                 yaml_doc_quote(q, sizeof q, key, strlen(key)));
        const char *action = yaml_doc_string(doc, k->next, field, false);
        if (!action)
            continue;
        struct config_binding b = { .line = (unsigned long)k->line,
                                    .column = (unsigned long)k->column };
        if (strlen(key) >= sizeof b.key) {
            yaml_doc_report(doc, k, "key '%s' is longer than %zu bytes",
                            yaml_doc_quote(q, sizeof q, key, strlen(key)),
                            sizeof b.key - 1);
            continue;
        }
        if (strlen(action) >= sizeof b.action) {
            yaml_doc_report(doc, k->next, "action '%s' is longer than %zu bytes",
                            yaml_doc_quote(q, sizeof q, action, strlen(action)),
                            sizeof b.action - 1);
            continue;
        }
        memcpy(b.key, key, strlen(key) + 1);
        memcpy(b.action, action, strlen(action) + 1);
        /* Capacity 4, 8, 16...: growing by one copied every binding each time
         * under ASan (its realloc always moves), 15 s for 10,000 keys. */
        size_t n = config->nbindings;
        if (n == 0 || (n >= 4 && (n & (n - 1)) == 0))
            config->bindings =
                xreallocarray(config->bindings, n ? n * 2 : 4, sizeof *config->bindings);
        config->bindings[config->nbindings++] = b;
    }
}

int config_parse(const char *text, size_t len, const char *path, struct config *config,
                 error_report_fn *report, void *ctx)
{
    static const char *const names[] = { "theme", "color", "orientation", "order", "keys" };
    static const char *const colors[] = { "auto", "256", "8", "mono" };
    static const char *const orientations[] = { "flame", "icicle" };
    static const char *const orders[] = { "alpha", "heaviest" };
    struct yaml_doc doc;
    yaml_doc_load(&doc, text, len, path, report, ctx);
    const struct yaml_doc_node *root = doc.root, *v[5];
    if (!root || yaml_doc_is_null(root) || root->kind == YAML_DOC_BAD) {
        /* an empty config file sets nothing */
    } else if (root->kind != YAML_DOC_MAP) {
        yaml_doc_report(&doc, root, "expected a mapping at the top level of the config");
    } else {
        yaml_doc_fields(&doc, root, "the config", names, 5, v);
        const char *theme = v[0] ? yaml_doc_string(&doc, v[0], "theme", false) : NULL;
        if (theme && (!theme[0] || strlen(theme) >= sizeof config->theme))
            yaml_doc_report(&doc, v[0], "'theme' must be 1 to %zu bytes long",
                            sizeof config->theme - 1);
        else if (theme) {
            memcpy(config->theme, theme, strlen(theme) + 1);
            config->theme_line = (unsigned long)v[0]->line;
            config->theme_column = (unsigned long)v[0]->column;
        }
        int i = v[1] ? config_choice(&doc, v[1], "color", colors, 4, "auto, 256, 8 or mono") : -1;
        if (i >= 0)
            config_parse_color(colors[i], &config->color);
        i = v[2] ? config_choice(&doc, v[2], "orientation", orientations, 2, "flame or icicle")
                 : -1;
        if (i >= 0) {
            config->icicle = i == 1;
            config->icicle_set = true;
        }
        i = v[3] ? config_choice(&doc, v[3], "order", orders, 2, "alpha or heaviest") : -1;
        if (i >= 0) {
            config->heaviest = i == 1;
            config->order_set = true;
        }
        if (v[4] && yaml_doc_expect(&doc, v[4], YAML_DOC_MAP, "keys", false))
            config_keys(&doc, config, v[4]);
    }
    int problems = doc.problems;
    yaml_doc_free(&doc);
    return problems;
}

int config_load_file(const char *path, bool missing_ok, struct config *config,
                     error_report_fn *report, void *ctx)
{
    char *text;
    size_t len;
    int problems = yaml_doc_read_file(path, missing_ok, &text, &len, report, ctx);
    if (!text)
        return problems;
    problems = config_parse(text, len, path, config, report, ctx);
    free(text);
    return problems;
}
