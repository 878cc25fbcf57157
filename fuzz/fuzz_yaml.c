/* fuzz_yaml.c - libFuzzer target for the YAML config and theme readers.
 *
 * The input is written to an in-memory file (memfd; a temporary file where
 * there is none) and read by path, as flamex reads --config and --theme:
 * config_load_file, keymap_apply_config on the defaults with the bindings it
 * read, and theme_load_file (all through yaml_doc.c and libyaml). config_parse
 * and theme_parse on the same bytes in memory must agree with the file
 * readers. Checked:
 * - every problem reported has a terminated, non-empty message, the input's
 *   path, and a line within the input (or none); error_format terminates its
 *   output in any buffer size; each reader returns the number of problems it
 *   reported;
 * - the config's strings are terminated and its colour mode is valid; the
 *   keymap stays within KEYMAP_MAX with every entry a valid action that
 *   keymap_lookup finds;
 * - every style of the theme downgrades to a valid 256- and 8-colour index,
 *   and theme_frame_style stays within the style ids.
 */
#include "common.h"

#include "flamex/config/config.h"
#include "flamex/view/keymap.h"
#include "flamex/view/keys.h"
#include "flamex/config/style.h"
#include "flamex/config/theme.h"

#include <stdlib.h>
#include <string.h>

/* What the report callback checks against, and how many problems it saw. */
struct fuzz_yaml_ctx {
    const char *path;
    uint64_t lines; /* at least the lines in the input (a last line without '\n' counts) */
    int problems;
};

/* The report callback: check one problem. */
static void fuzz_yaml_report(void *ctx_ptr, const struct error_record *problem)
{
    struct fuzz_yaml_ctx *ctx = ctx_ptr;
    ctx->problems++;
    FUZZ_ASSERT(memchr(problem->message, '\0', sizeof problem->message) != NULL);
    FUZZ_ASSERT(problem->message[0] != '\0');
    FUZZ_ASSERT(memchr(problem->path, '\0', sizeof problem->path) != NULL);
    FUZZ_ASSERT(strcmp(problem->path, ctx->path) == 0);
    if (problem->line != ERROR_NO_POSITION)
        FUZZ_ASSERT(problem->line >= 1 && problem->line <= ctx->lines + 1);
    if (problem->column != ERROR_NO_POSITION)
        FUZZ_ASSERT(problem->column >= 1);
    char small[16], big[2048];
    memset(small, 0x55, sizeof small);
    size_t want = error_format(problem, small, sizeof small);
    FUZZ_ASSERT(memchr(small, '\0', sizeof small) != NULL);
    size_t got = error_format(problem, big, sizeof big);
    FUZZ_ASSERT(got == want && got < sizeof big && strlen(big) == got);
    char none = 'x';
    FUZZ_ASSERT(error_format(problem, &none, 0) == want && none == 'x');
}

/* The config as read must be well-formed whatever the input was. */
static void fuzz_yaml_check_config(const struct config *c)
{
    FUZZ_ASSERT(memchr(c->theme, '\0', sizeof c->theme) != NULL);
    FUZZ_ASSERT(c->color >= CONFIG_COLOR_AUTO && c->color <= CONFIG_COLOR_MONO);
    FUZZ_ASSERT(c->nbindings == 0 || c->bindings != NULL);
    for (size_t i = 0; i < c->nbindings; i++) {
        FUZZ_ASSERT(memchr(c->bindings[i].key, '\0', sizeof c->bindings[i].key) != NULL);
        FUZZ_ASSERT(memchr(c->bindings[i].action, '\0', sizeof c->bindings[i].action) != NULL);
    }
}

/* Two configs read from the same bytes are the same. */
static void fuzz_yaml_same_config(const struct config *a, const struct config *b)
{
    FUZZ_ASSERT(strcmp(a->theme, b->theme) == 0);
    FUZZ_ASSERT(a->color == b->color && a->icicle == b->icicle &&
                a->icicle_set == b->icicle_set && a->heaviest == b->heaviest &&
                a->order_set == b->order_set);
    FUZZ_ASSERT(a->nbindings == b->nbindings);
    for (size_t i = 0; i < a->nbindings; i++) {
        FUZZ_ASSERT(strcmp(a->bindings[i].key, b->bindings[i].key) == 0);
        FUZZ_ASSERT(strcmp(a->bindings[i].action, b->bindings[i].action) == 0);
    }
}

static void fuzz_yaml_check_keymap(const struct keymap *km)
{
    FUZZ_ASSERT(km->count <= KEYMAP_MAX);
    for (size_t i = 0; i < km->count; i++) {
        const struct keymap_entry *e = &km->entries[i];
        FUZZ_ASSERT(e->action > ACTION_NONE && e->action < ACTION_COUNT);
        FUZZ_ASSERT(e->key > 0 && e->key < KEYCODE_MAX);
        FUZZ_ASSERT(keymap_lookup(km, e->key) == e->action);
        for (size_t j = i + 1; j < km->count; j++)
            FUZZ_ASSERT(km->entries[j].key != e->key); /* one binding per key */
    }
    for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
        int keys[8];
        size_t n = keymap_keys_for(km, (enum action_id)a, keys, 8);
        for (size_t i = 0; i < n && i < 8; i++)
            FUZZ_ASSERT(keymap_lookup(km, keys[i]) == (enum action_id)a);
    }
}

static void fuzz_yaml_check_color(const struct theme_color *c)
{
    int c256 = theme_color_256(c);
    int c8 = theme_color_8(c);
    FUZZ_ASSERT(c256 >= -1 && c256 <= 255);
    FUZZ_ASSERT(c8 >= -1 && c8 <= 7);
}

static void fuzz_yaml_check_theme(const struct theme *t, uint64_t seed)
{
    FUZZ_ASSERT(memchr(t->name, '\0', sizeof t->name) != NULL);
    for (int s = 0; s < STYLE_COUNT; s++) {
        fuzz_yaml_check_color(&t->styles[s].fg);
        fuzz_yaml_check_color(&t->styles[s].bg);
    }
    for (int kind = -1; kind <= STYLE_KIND_COUNT; kind++) {
        int id = theme_frame_style(kind, seed);
        FUZZ_ASSERT(id >= 0 && id < STYLE_COUNT);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_file(data, size);
    struct fuzz_yaml_ctx ctx = { .path = path, .lines = 1 };
    /* An upper bound on libyaml's line count: it also breaks lines at a lone
     * '\r' and at NEL, LS and PS (U+0085, U+2028, U+2029). */
    for (size_t i = 0; i < size; i++)
        ctx.lines += data[i] == '\n' || data[i] == '\r' || data[i] == 0x85 || data[i] == 0xa8 ||
                     data[i] == 0xa9;
    uint64_t seed = 0;
    memcpy(&seed, data, size < sizeof seed ? size : sizeof seed);

    /* The config, from the file and from memory. */
    struct config c;
    config_init(&c);
    int n = config_load_file(path, false, &c, fuzz_yaml_report, &ctx);
    FUZZ_ASSERT(n == ctx.problems);
    fuzz_yaml_check_config(&c);

    ctx.problems = 0;
    struct config mem;
    config_init(&mem);
    FUZZ_ASSERT(config_parse((const char *)data, size, path, &mem, fuzz_yaml_report, &ctx) == n);
    FUZZ_ASSERT(ctx.problems == n);
    fuzz_yaml_same_config(&c, &mem);
    config_free(&mem);

    /* Its key bindings, on top of the defaults. */
    ctx.problems = 0;
    struct keymap km;
    keymap_init(&km);
    int k = keymap_apply_config(&km, &c, path, fuzz_yaml_report, &ctx);
    FUZZ_ASSERT(k == ctx.problems);
    FUZZ_ASSERT(k >= 0 && (size_t)k <= c.nbindings);
    fuzz_yaml_check_keymap(&km);
    config_free(&c);
    FUZZ_ASSERT(c.nbindings == 0);

    /* The same bytes as a theme, from the file and from memory. */
    ctx.problems = 0;
    struct theme t, tm; /* zeroed, so memcmp does not see stale padding */
    memset(&t, 0, sizeof t);
    memset(&tm, 0, sizeof tm);
    int p = theme_load_file(path, &t, fuzz_yaml_report, &ctx);
    FUZZ_ASSERT(p == ctx.problems);
    fuzz_yaml_check_theme(&t, seed);

    ctx.problems = 0;
    FUZZ_ASSERT(theme_parse((const char *)data, size, path, &tm, fuzz_yaml_report, &ctx) == p);
    FUZZ_ASSERT(memcmp(&t, &tm, sizeof t) == 0);
    return 0;
}
