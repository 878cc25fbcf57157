/* fuzz_search.c - libFuzzer target for the search: src/search.c and the `/` prompt.
 *
 * A small fixed profile (built once; names with regex metacharacters, case
 * pairs, Unicode case folding, invalid UTF-8, a NUL byte, `\E`, a long name,
 * an empty name, recursion) is searched with the input:
 * - as a regex pattern (up to its first NUL) in each case mode (smart,
 *   sensitive, insensitive): a pattern that does not compile leaves an error
 *   and no matches; one that does marks names consistently with
 *   nmatched_names and search_node_matches, and search_totals over the whole
 *   tree and a zoom counts no more than there is;
 * - as a literal name (all its bytes, search_set_literal, the `#` key): it
 *   matches exactly the name with those bytes, if any; and when the input is
 *   valid UTF-8 the pattern it shows, compiled as a case-sensitive regex,
 *   matches that same name and no other;
 * - typed key by key into the `/` prompt of an app on the profile (app_key:
 *   bytes decoded as UTF-8 code points, invalid bytes as themselves; '\r' and
 *   '\n' are Enter, ESC is Esc, DEL and BS are Backspace, other control bytes
 *   are Ctrl keys), drawing a frame after the keys (after every key for short
 *   inputs). After Enter or Esc the keys go to the graph (n, N, zoom, quit...),
 *   so a search in effect is exercised too. The screen size comes from a hash
 *   of the input. The prompt's text stays terminated and within its buffer.
 */
#include "common.h"

#include "flamex/view/app.h"
#include "flamex/view/frame.h"
#include "flamex/view/keymap.h"
#include "flamex/view/keys.h"
#include "flamex/model/profile.h"
#include "flamex/analysis/search.h"
#include "flamex/model/tree.h"
#include "flamex/base/utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Stacks of the fixed profile: frames separated by '|' (names contain ';'). */
static const struct {
    const char *frames;
    size_t len; /* bytes in frames (one name holds a NUL byte) */
    int64_t count;
} fuzz_search_stacks[] = {
#define S(text, n) { text, sizeof text - 1, n }
    S("main|Main|MAIN|main", 5),
    S("main|std::vector<int>::push_back(int&&)|operator new[](unsigned long)", 7),
    S("main|a.b*c+?|[brackets](parens){braces}|^anchors$", 3),
    S("main|back\\slash \\E\\Q quoted|tab\there", 2),
    S("main|caf\xc3\xa9|CAF\xc3\x89|stra\xc3\x9f" "e|STRASSE|\xc4\xb0stanbul|\xc7\x85 titlecase", 4),
    S("main|\xff\xfe invalid \xc3(|\xed\xa0\x80 surrogate|\xf4\x90\x80\x80 above", 1),
    S("main|nul\0byte|", 1),
    S("main|emoji \xf0\x9f\x98\x80|wide \xe6\xbc\xa2\xe5\xad\x97|bidi \xe2\x80\xae" "abc", 6),
    S("main|do_syscall_64_[k]|java/lang/Thread.run_[j]|inlined_[i]", 3),
    S("main|recurse|recurse|recurse|recurse|leaf", 9),
    S("main|digits 12345|0x7f001234|[unknown]", 2),
    S("main|kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
      "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
      "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
      1),
    S("idle", 8),
#undef S
};

static struct profile *fuzz_search_profile;
static struct keymap fuzz_search_keymap;

/* Build the fixed profile (once). */
static void fuzz_search_setup(void)
{
    struct profile *p = profile_new("fuzz-search", PROFILE_FORMAT_FOLDED);
    struct error_record err;
    const char *names[] = { "samples", "bytes" };
    FUZZ_ASSERT(profile_set_types(p, 2, names, NULL, &err));
    for (size_t i = 0; i < sizeof fuzz_search_stacks / sizeof fuzz_search_stacks[0]; i++) {
        struct frame_ref frames[16];
        size_t n = 0, start = 0, len = fuzz_search_stacks[i].len;
        const char *text = fuzz_search_stacks[i].frames;
        for (size_t j = 0; j <= len; j++) {
            if (j == len || text[j] == '|') {
                FUZZ_ASSERT(n < 16);
                frames[n++] = (struct frame_ref){ text + start, j - start };
                start = j + 1;
            }
        }
        struct sample_value v[2] = {
            { .i = fuzz_search_stacks[i].count, .d = (double)fuzz_search_stacks[i].count, .exact = true },
            { .i = 1000 * (int64_t)i, .d = 1000.0 * (double)i, .exact = true },
        };
        FUZZ_ASSERT(profile_add_stack(p, frames, n, v, 0, &err));
    }
    profile_finish(p);
    fuzz_search_profile = p;
    keymap_init(&fuzz_search_keymap);
}

/* The matches of s are consistent with its counts, the tree and the totals. */
static void fuzz_search_check(const struct search *s, const struct profile *p)
{
    uint32_t nnames = strtab_count(p->names);
    FUZZ_ASSERT(memchr(s->error, '\0', sizeof s->error) != NULL);
    FUZZ_ASSERT(s->pattern != NULL);
    if (!s->matches) {
        FUZZ_ASSERT(s->nmatched_names == 0);
    } else {
        FUZZ_ASSERT(s->nnames == nnames);
        uint32_t marked = 0;
        for (uint32_t i = 0; i < s->nnames; i++) {
            FUZZ_ASSERT(s->matches[i] <= 1);
            marked += s->matches[i];
        }
        FUZZ_ASSERT(marked == s->nmatched_names);
    }
    uint32_t count = tree_count(p->tree);
    size_t matching = 0;
    for (uint32_t node = 1; node < count; node++) {
        bool m = search_node_matches(s, p, node);
        uint32_t name = tree_name(p->tree, node);
        FUZZ_ASSERT(m == (s->matches && name < s->nnames && s->matches[name]));
        matching += m;
    }
    size_t nroot;
    const uint32_t *kids = tree_children(p->tree, TREE_ROOT, TREE_ORDER_ALPHA, &nroot);
    uint32_t roots[2] = { TREE_ROOT, kids[0] };
    for (size_t t = 0; t < p->ntypes; t++) {
        for (int r = 0; r < 2; r++) {
            double total;
            size_t frames;
            search_totals(s, p, t, roots[r], &total, &frames);
            FUZZ_ASSERT(frames <= matching + 1);
            FUZZ_ASSERT(!isnan(total) && total >= 0);
            FUZZ_ASSERT(total <= tree_total(p->tree, roots[r], t));
        }
    }
}

/* The input as regex patterns in every case mode. */
static void fuzz_search_patterns(const uint8_t *data, size_t size)
{
    const struct profile *p = fuzz_search_profile;
    char *pattern = malloc(size + 1);
    FUZZ_ASSERT(pattern != NULL);
    memcpy(pattern, data, size);
    pattern[size] = '\0';
    struct search s = { 0 };
    static const enum search_case modes[] = { SEARCH_CASE_SMART, SEARCH_CASE_SENSITIVE,
                                              SEARCH_CASE_INSENSITIVE };
    bool ok[3];
    for (int m = 0; m < 3; m++) {
        ok[m] = search_set(&s, p, pattern, modes[m]);
        fuzz_search_check(&s, p);
        if (!ok[m]) {
            FUZZ_ASSERT(s.error[0] != '\0');
            FUZZ_ASSERT(s.nmatched_names == 0);
        } else {
            FUZZ_ASSERT(strcmp(s.pattern, pattern) == 0);
        }
        /* Toggling the case re-compiles s.pattern itself (as the app does). */
        if (ok[m] && s.pattern[0]) {
            FUZZ_ASSERT(search_set(&s, p, s.pattern, modes[(m + 1) % 3]));
            fuzz_search_check(&s, p);
        }
    }
    /* Whether a pattern compiles does not depend on the case mode. (Ignoring
     * case may match fewer names: "^(?!a)" matches "A" only with case.) */
    FUZZ_ASSERT(ok[0] == ok[1] && ok[1] == ok[2]);
    search_clear(&s);
    free(pattern);
}

/* Is data[0..size) valid UTF-8 (as a regex pattern must be)? */
static bool fuzz_search_valid_utf8(const uint8_t *data, size_t size)
{
    size_t i = 0;
    while (i < size) {
        uint32_t cp;
        size_t n = utf8_decode((const char *)data + i, size - i, &cp);
        if (n == 0 || cp == UTF8_INVALID)
            return false;
        i += n;
    }
    return true;
}

/* The input as an exact name, and the pattern that search shows for it. */
static void fuzz_search_literal(const uint8_t *data, size_t size)
{
    const struct profile *p = fuzz_search_profile;
    struct search s = { 0 };
    FUZZ_ASSERT(search_set_literal(&s, p, (const char *)data, size));
    fuzz_search_check(&s, p);
    uint32_t id = strtab_find(p->names, (const char *)data, size);
    FUZZ_ASSERT(s.nmatched_names == (id != STRTAB_NONE ? 1u : 0u));
    if (id != STRTAB_NONE)
        FUZZ_ASSERT(s.matches[id] == 1);

    /* '$' also matches before a final newline: skip names that end in one. */
    if (fuzz_search_valid_utf8(data, size) && (size == 0 || data[size - 1] != '\n')) {
        char *shown = strdup(s.pattern);
        FUZZ_ASSERT(shown != NULL);
        struct search re = { 0 };
        if (!search_set(&re, p, shown, SEARCH_CASE_SENSITIVE)) {
            fprintf(stderr, "literal pattern %s does not compile: %s\n", shown, re.error);
            fuzz_fail(__FILE__, __LINE__, "the pattern of a literal search compiles");
        }
        fuzz_search_check(&re, p);
        if (re.error[0] == '\0') /* no name gave up at the match limit */
            FUZZ_ASSERT(re.nmatched_names == s.nmatched_names);
        if (id != STRTAB_NONE)
            FUZZ_ASSERT(re.matches[id] == 1);
        search_clear(&re);
        free(shown);
    }
    search_clear(&s);
}

/* The key the byte sequence at data starts with; *used receives its length. */
static int fuzz_search_next_key(const uint8_t *data, size_t size, size_t *used)
{
    uint32_t cp;
    size_t n = utf8_decode((const char *)data, size, &cp);
    *used = n ? n : 1;
    if (n == 0 || cp == UTF8_INVALID)
        return data[0];
    switch (cp) {
    case '\r':
    case '\n': return KEYCODE_ENTER;
    case 0x1b: return KEYCODE_ESC;
    case 0x7f:
    case 0x08: return KEYCODE_BACKSPACE;
    case '\t': return KEYCODE_TAB;
    case 0: return KEYCODE_DELETE;
    default: return (int)cp;
    }
}

static void fuzz_search_check_prompt(const struct app *app)
{
    const struct app_prompt *pr = &app->prompt;
    FUZZ_ASSERT(pr->len < sizeof pr->text);
    FUZZ_ASSERT(pr->text[pr->len] == '\0' && strlen(pr->text) == pr->len);
    FUZZ_ASSERT(memchr(pr->error, '\0', sizeof pr->error) != NULL);
    FUZZ_ASSERT(memchr(app->message, '\0', sizeof app->message) != NULL);
    FUZZ_ASSERT(app->selected < tree_count(app->profile->tree));
}

/* The input typed into the `/` prompt of an app, with frames drawn. */
static void fuzz_search_prompt(const uint8_t *data, size_t size, uint32_t h)
{
    static const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 40, 10 }, { 1, 1 },
                                    { 200, 12 }, { 79, 5 }, { 100, 3 }, { 20, 60 } };
    const int *wh = sizes[h % 8];
    struct app_options opts = { .icicle = (h & 8u) != 0, .heaviest = (h & 16u) != 0,
                                .type = (h >> 5) & 1u, .ascii = (h & 64u) != 0 };
    struct app app;
    app_init(&app, fuzz_search_profile, &fuzz_search_keymap, &opts);
    app_resize(&app, wh[0], wh[1]);
    struct frame f;
    frame_init(&f, wh[0], wh[1], opts.ascii);
    FUZZ_ASSERT(app_key(&app, '/') & VIEW_REDRAW);
    FUZZ_ASSERT(app.prompt.open);
    app_draw(&app, &f);

    size_t nkeys = 0;
    bool every = size <= 64;
    for (size_t i = 0; i < size;) {
        size_t used;
        int key = fuzz_search_next_key(data + i, size - i, &used);
        i += used;
        unsigned r = app_key(&app, key);
        fuzz_search_check_prompt(&app);
        if (r & VIEW_QUIT)
            break;
        if ((r & VIEW_REDRAW) && (every || ++nkeys % 8 == 0))
            app_draw(&app, &f);
    }
    app_draw(&app, &f);
    frame_dump(&f, fuzz_null_file());
    frame_free(&f);
    app_free(&app);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_search_profile)
        fuzz_search_setup();
    uint32_t h = fuzz_input_hash(data, size);
    fuzz_search_patterns(data, size);
    fuzz_search_literal(data, size);
    fuzz_search_prompt(data, size, h);
    return 0;
}
