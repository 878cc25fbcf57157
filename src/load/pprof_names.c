/* pprof_names.c - frames from locations, and pprof's drop_frames/keep_frames.
 *
 * A frame is named by its function's name, else its system name, else
 * "[basename of the mapping file]", else "<unknown>". Pruning follows pprof's
 * Prune: an anchored match on the simplified function name (argument list
 * removed); the first dropped frame goes with its callees.
 */
#include "pprof_internal.h"

#include "flamex/base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* pprof's simplifyFunc: drop a leading '.', then cut at the first '(' that
 * does not start "(anonymous namespace)" or belong to "operator()". */
static size_t pprof_simplified_length(const char *s, size_t n, size_t *start)
{
    size_t i = 0;
    if (n && s[0] == '.')
        i = 1;
    *start = i;
    static const char anon[] = "(anonymous namespace)";
    static const char op[] = "operator()";
    while (i < n) {
        if (n - i >= sizeof anon - 1 && memcmp(s + i, anon, sizeof anon - 1) == 0) {
            i += sizeof anon - 1;
            continue;
        }
        if (n - i >= sizeof op - 1 && memcmp(s + i, op, sizeof op - 1) == 0) {
            i += sizeof op - 1;
            continue;
        }
        if (s[i] == '(')
            return i - *start;
        i++;
    }
    return n - *start;
}

static bool pprof_regex_matches(struct pprof_loader *l, pcre2_code *re, const char *s, size_t n)
{
    /* A hostile drop_frames such as (a|aa)+ must not hang the load: with the
     * match limit a pathological name simply does not match. */
    int rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, l->match, l->match_context);
    return rc >= 0;
}

/* Should frames named by function fn be pruned (drop_frames and not keep_frames)? */
static bool pprof_function_pruned(struct pprof_loader *l, uint32_t fn_index)
{
    struct pprof_function *fn = &l->functions[fn_index];
    if (fn->prune < 0) {
        fn->prune = 0;
        const struct pprof_string *name = pprof_str(l, fn->name);
        if (name->len) {
            size_t start;
            size_t len = pprof_simplified_length(name->p, name->len, &start);
            if (pprof_regex_matches(l, l->drop_re, name->p + start, len) &&
                !(l->keep_re && pprof_regex_matches(l, l->keep_re, name->p + start, len)))
                fn->prune = 1;
        }
    }
    return fn->prune == 1;
}

static pcre2_code *pprof_compile(const struct pprof_string *pattern, char *why, size_t cap)
{
    /* Go's "^(" + pattern + ")$" is an anchored whole-string match. */
    size_t n = pattern->len + 8;
    char *full = xmalloc(n);
    int len = snprintf(full, n, "(?:%.*s)", (int)pattern->len, pattern->p);
    int code;
    PCRE2_SIZE at;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)full, (size_t)len,
                                   PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF |
                                       PCRE2_MATCH_INVALID_UTF,
                                   &code, &at, NULL);
    free(full);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(why, cap, "%.100s", (const char *)msg);
    }
    return re;
}

/* pprof's Prune, location part: find the outermost line whose function is
 * dropped; the whole location goes if that is the last (outermost) line,
 * otherwise the lines up to it (it and its inlined callees) go. */
static void pprof_prune_locations(struct pprof_loader *l)
{
    for (size_t i = 0; i < l->nlocations; i++) {
        struct pprof_location *loc = &l->locations[i];
        int64_t k;
        for (k = (int64_t)loc->nlines - 1; k >= 0; k--) {
            uint32_t fn = l->lines[loc->first_line + (uint32_t)k];
            if (pprof_str(l, l->functions[fn].name)->len && pprof_function_pruned(l, fn))
                break;
        }
        if (k < 0)
            continue;
        loc->prune_beneath = true;
        if (k == (int64_t)loc->nlines - 1) {
            loc->prune = true;
        } else {
            loc->first_line += (uint32_t)k + 1;
            loc->nlines -= (uint32_t)k + 1;
        }
    }
}

uint32_t pprof_intern(struct pprof_loader *l, const char *s, size_t n)
{
    return profile_intern(l->profile, s, n);
}

static uint32_t pprof_mapping_name(struct pprof_loader *l, uint32_t mapping)
{
    if (mapping == PPROF_NONE)
        return l->unknown_name;
    struct pprof_mapping *m = &l->mappings[mapping];
    if (m->frame_name == PPROF_NONE) {
        const struct pprof_string *file = pprof_str(l, m->filename);
        size_t end = file->len;
        while (end > 1 && file->p[end - 1] == '/')
            end--;
        if (end == 0) {
            m->frame_name = l->unknown_name;
        } else {
            size_t start = end;
            while (start > 0 && file->p[start - 1] != '/')
                start--;
            if (start == end) /* the file is "/" */
                start = end - 1;
            size_t n = end - start + 2;
            char *buf = xmalloc(n);
            buf[0] = '[';
            memcpy(buf + 1, file->p + start, end - start);
            buf[n - 1] = ']';
            m->frame_name = pprof_intern(l, buf, n);
            free(buf);
        }
    }
    return m->frame_name;
}

static uint32_t pprof_function_name(struct pprof_loader *l, uint32_t fn_index, uint32_t mapping)
{
    struct pprof_function *fn = &l->functions[fn_index];
    if (fn->frame_name == PPROF_NONE) {
        const struct pprof_string *name = pprof_str(l, fn->name);
        if (!name->len)
            name = pprof_str(l, fn->system_name);
        fn->frame_name = name->len ? pprof_intern(l, name->p, name->len) : PPROF_NONE;
    }
    return fn->frame_name != PPROF_NONE ? fn->frame_name : pprof_mapping_name(l, mapping);
}

/* The path-hash parts: a symbol per frame, powers of the bases, and each
 * location's share (by index, and by id when the ids are dense). */
static void pprof_build_hashes(struct pprof_loader *l)
{
    l->frame_sym1 = xmalloc((l->nframes ? l->nframes : 1) * sizeof *l->frame_sym1);
    l->frame_sym2 = xmalloc((l->nframes ? l->nframes : 1) * sizeof *l->frame_sym2);
    for (size_t f = 0; f < l->nframes; f++) {
        uint64_t x = (uint64_t)l->frame_names[f] << 8 | l->frame_flags[f];
        l->frame_sym1[f] = pprof_mix(x + UINT64_C(0x243f6a8885a308d3)) & PPROF_M61;
        l->frame_sym2[f] = (uint32_t)pprof_mix(x ^ UINT64_C(0x13198a2e03707344));
    }
    l->pow1 = xmalloc((PPROF_POW_TABLE + 1) * sizeof *l->pow1);
    l->pow2 = xmalloc((PPROF_POW_TABLE + 1) * sizeof *l->pow2);
    l->pow1[0] = 1;
    l->pow2[0] = 1;
    for (size_t k = 1; k <= PPROF_POW_TABLE; k++) {
        l->pow1[k] = pprof_m61_canon(pprof_m61_mul(l->pow1[k - 1], PPROF_BASE1));
        l->pow2[k] = l->pow2[k - 1] * PPROF_BASE2;
    }
    l->hashes = xmalloc((l->nlocations ? l->nlocations : 1) * sizeof *l->hashes);
    for (size_t i = 0; i < l->nlocations; i++) {
        const struct pprof_location *loc = &l->locations[i];
        uint64_t l1 = 0, pow1 = 1;
        uint32_t l2 = 0, pow2 = 1;
        for (uint32_t k = 0; k < loc->nframes; k++) {
            l1 = pprof_m61_fold(l1 + pprof_m61_mul(l->frame_sym1[loc->first_frame + k], pow1));
            pow1 = pprof_m61_mul(pow1, PPROF_BASE1);
            l2 += l->frame_sym2[loc->first_frame + k] * pow2;
            pow2 *= PPROF_BASE2;
        }
        l->hashes[i] = (struct pprof_location_hash){ pprof_m61_canon(l1), l2, loc->nframes };
    }
    l->runs = xmalloc((l->nlocations ? l->nlocations : 1) * sizeof *l->runs);
    for (size_t i = 0; i < l->nlocations; i++)
        l->runs[i] = (struct pprof_frame_run){ l->locations[i].first_frame, l->locations[i].nframes };
}

/* Every location's frames, root first: the last line (the real caller) first,
 * line[0] (the innermost inlined function) last. */
bool pprof_build_frames(struct pprof_loader *l)
{
    size_t total = 0;
    for (size_t i = 0; i < l->nlocations; i++)
        total += l->locations[i].nlines ? l->locations[i].nlines : 1;
    if (total >= UINT32_MAX)
        return pprof_fail(l, 0, "too many frames");
    l->frame_names = xmalloc((total ? total : 1) * sizeof *l->frame_names);
    l->frame_flags = xmalloc(total ? total : 1);
    size_t at = 0;
    for (size_t i = 0; i < l->nlocations; i++) {
        struct pprof_location *loc = &l->locations[i];
        loc->first_frame = (uint32_t)at;
        if (loc->nlines == 0) {
            l->frame_names[at] = pprof_mapping_name(l, loc->mapping);
            l->frame_flags[at++] = TREE_FLAG_CALLED;
        } else {
            for (uint32_t k = loc->nlines; k-- > 0;) {
                l->frame_names[at] = pprof_function_name(l, l->lines[loc->first_line + k], loc->mapping);
                l->frame_flags[at++] = k == loc->nlines - 1 ? TREE_FLAG_CALLED : TREE_FLAG_INLINED;
            }
        }
        loc->nframes = (uint32_t)at - loc->first_frame;
    }
    l->nframes = at;
    pprof_build_hashes(l);
    return true;
}

bool pprof_setup_filters(struct pprof_loader *l)
{
    if (!l->drop_frames || pprof_str(l, l->drop_frames)->len == 0)
        return true;
    char why[120];
    l->drop_re = pprof_compile(pprof_str(l, l->drop_frames), why, sizeof why);
    if (l->drop_re && l->keep_frames && pprof_str(l, l->keep_frames)->len) {
        l->keep_re = pprof_compile(pprof_str(l, l->keep_frames), why, sizeof why);
        if (!l->keep_re) {
            pcre2_code_free(l->drop_re);
            l->drop_re = NULL;
        }
    }
    if (!l->drop_re) {
        /* pprof ignores filters it cannot compile; so does flamex, but says so. */
        snprintf(l->run->report->warning, sizeof l->run->report->warning,
                 "ignored the profile's drop_frames/keep_frames: %s", why);
        return true;
    }
    l->match = pcre2_match_data_create(1, NULL);
    l->match_context = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(l->match_context, 100000);
    pcre2_set_depth_limit(l->match_context, 1000);
    pprof_prune_locations(l);
    return true;
}
