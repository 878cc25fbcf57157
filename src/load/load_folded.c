/* load_folded.c - folded-stack loader: parse lines, reuse shared prefixes, feed the sink. */
#include "flamex/load/load_folded.h"

#include "flamex/base/numfmt.h"
#include "flamex/base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline bool folded_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The parts of one line. */
struct folded_line {
    const char *stack;
    size_t stack_len;
    struct sample_value values[2];
    int ncounts; /* 1 or 2 */
};

enum folded_status {
    FOLDED_OK,
    FOLDED_SKIP,    /* blank or comment: not an error */
    FOLDED_INVALID, /* reason set */
};

/* Split off the last whitespace-separated token of s[0, *n): returns its start
 * and shrinks *n to the text before the whitespace, or NULL if there is none. */
static const char *folded_last_token(const char *s, size_t *n, size_t *tok_len)
{
    size_t end = *n;
    size_t i = end;
    while (i > 0 && !folded_is_space(s[i - 1]))
        i--;
    if (i == 0)
        return NULL;
    *tok_len = end - i;
    const char *tok = s + i;
    while (i > 0 && folded_is_space(s[i - 1]))
        i--;
    *n = i;
    return tok;
}

static enum folded_status folded_parse_line(const char *s, size_t n, struct folded_line *out,
                                            const char **reason)
{
    while (n > 0 && folded_is_space(s[n - 1]))
        n--;
    while (n > 0 && folded_is_space(*s)) {
        s++;
        n--;
    }
    if (n == 0 || *s == '#')
        return FOLDED_SKIP;
    if (memchr(s, '\0', n)) { /* e.g. the zero-filled tail of a file cut by a crash */
        *reason = "a NUL byte in the line";
        return FOLDED_INVALID;
    }
    size_t tok_len = 0;
    size_t rest = n;
    const char *tok = folded_last_token(s, &rest, &tok_len);
    if (!tok) {
        *reason = "no count after the stack";
        return FOLDED_INVALID;
    }
    if (!numfmt_parse_count(tok, tok_len, &out->values[1])) {
        size_t digits = 0;
        while (digits < tok_len && tok[digits] >= '0' && tok[digits] <= '9')
            digits++;
        if (digits == tok_len)
            *reason = "the count is out of range (at most 18446744073709551615)";
        else if (tok[0] == '-')
            *reason = "the count is negative";
        else
            *reason = "the last field is not a count ([0-9]+ or [0-9]+.[0-9]*)";
        return FOLDED_INVALID;
    }
    out->ncounts = 1;
    /* A second count must be all digits and dots: look back only that far, so
     * a long stack is not scanned twice. */
    size_t j = rest;
    while (j > 0 && ((s[j - 1] >= '0' && s[j - 1] <= '9') || s[j - 1] == '.'))
        j--;
    if (j < rest && j > 0 && folded_is_space(s[j - 1]) &&
        numfmt_parse_count(s + j, rest - j, &out->values[0])) {
        out->ncounts = 2;
        while (j > 0 && folded_is_space(s[j - 1]))
            j--;
        rest = j;
    } else {
        out->values[0] = out->values[1];
    }
    /* Trailing empty frames are dropped ("a;b;" is the stack "a;b"), and so is
     * the whitespace they uncover ("a;b ; 1" is "a;b" too), so no stack ends
     * in an empty frame or a space and every export loads back the same. */
    while (rest > 0 && (s[rest - 1] == ';' || folded_is_space(s[rest - 1])))
        rest--;
    if (rest == 0) {
        *reason = "no stack before the count";
        return FOLDED_INVALID;
    }
    out->stack = s;
    out->stack_len = rest;
    return FOLDED_OK;
}

bool load_folded_sniff_line(const char *line, size_t n, char *why, size_t cap)
{
    struct folded_line parsed;
    const char *reason = "a blank line or a comment";
    bool ok = folded_parse_line(line, n, &parsed, &reason) == FOLDED_OK;
    if (!ok && cap)
        snprintf(why, cap, "%s", reason);
    return ok;
}

/* Length of the common byte prefix of a and b. */
static size_t folded_common_prefix(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen, i = 0;
    while (i + 8 <= n) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y)
            return i + (size_t)(__builtin_ctzll(x ^ y) / 8);
        i += 8;
    }
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

struct folded_state {
    struct frame_ref *frames;
    size_t frames_cap;
    char *prev;       /* previous valid stack's bytes */
    size_t prev_len, prev_cap;
    size_t *ends;     /* end offset of each frame of the previous stack */
    size_t nends, ends_cap;
};

/* Number of leading frames of stack (len bytes) equal to the previous stack's:
 * byte-identical and ending at the same place. Uses the previous frame ends, so
 * the shared part is never scanned for ';' again. */
static size_t folded_shared_frames(const struct folded_state *st, const char *stack, size_t len)
{
    if (!st->nends)
        return 0;
    size_t common = folded_common_prefix(st->prev, st->prev_len, stack, len);
    size_t lo = 0, hi = st->nends; /* count of ends <= common */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->ends[mid] <= common)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t k = lo;
    if (k == 0)
        return 0;
    size_t e = st->ends[k - 1];
    if (e == len || (e < len && stack[e] == ';'))
        return k;
    return k - 1;
}

/* Split the stack into frames, reusing the previous stack's boundaries for the
 * shared prefix; *shared receives its frame count. Stops after max + 1 frames
 * (max 0: no limit), so a hostile line of semicolons cannot make the frame
 * array outgrow the depth limit. */
static size_t folded_split(struct folded_state *st, const char *stack, size_t len,
                           size_t *shared, size_t max)
{
    size_t k = folded_shared_frames(st, stack, len);
    *shared = k;
    size_t n = 0, start = 0;
    for (; n < k; n++) {
        if (n == st->frames_cap) {
            st->frames_cap = st->frames_cap ? st->frames_cap * 2 : 256;
            st->frames = xreallocarray(st->frames, st->frames_cap, sizeof *st->frames);
        }
        st->frames[n].name = stack + start;
        st->frames[n].len = st->ends[n] - start;
        start = st->ends[n] + 1;
    }
    if (k && st->ends[k - 1] == len)
        return n;
    for (;;) {
        const char *semi = start < len ? memchr(stack + start, ';', len - start) : NULL;
        size_t end = semi ? (size_t)(semi - stack) : len;
        if (n == st->frames_cap) {
            st->frames_cap = st->frames_cap ? st->frames_cap * 2 : 256;
            st->frames = xreallocarray(st->frames, st->frames_cap, sizeof *st->frames);
        }
        st->frames[n].name = stack + start;
        st->frames[n].len = end - start;
        n++;
        if (!semi || (max && n > max))
            break;
        start = end + 1;
    }
    return n;
}

/* Keep the stack's bytes and frame ends for the next line's prefix sharing. */
static void folded_remember(struct folded_state *st, const char *stack, size_t len, size_t n)
{
    if (len > st->prev_cap) {
        st->prev_cap = len * 2;
        free(st->prev);
        st->prev = xmalloc(st->prev_cap);
    }
    memcpy(st->prev, stack, len);
    st->prev_len = len;
    if (n > st->ends_cap) {
        st->ends_cap = n * 2;
        st->ends = xreallocarray(st->ends, st->ends_cap, sizeof *st->ends);
    }
    for (size_t i = 0; i < n; i++)
        st->ends[i] = (size_t)(st->frames[i].name - stack) + st->frames[i].len;
    st->nends = n;
}

bool load_folded(struct loader_run *run)
{
    struct folded_state st = { 0 };
    struct profile *profile = run->profile;
    struct load_report *report = run->report;
    int ncounts = 0;
    bool ok = true;
    const char *line;
    size_t len;
    int rc;
    while ((rc = input_next_line(run->in, &line, &len, run->err)) > 0) {
        uint64_t line_no = input_line_number(run->in);
        report->lines = line_no;
        struct folded_line parsed;
        const char *reason = NULL;
        enum folded_status status = folded_parse_line(line, len, &parsed, &reason);
        if (status == FOLDED_SKIP)
            continue;
        if (status == FOLDED_OK && ncounts && parsed.ncounts != ncounts) {
            status = FOLDED_INVALID;
            reason = ncounts == 2 ? "one count in a differential file (expected two)"
                                  : "two counts in a file of single-count lines";
        }
        if (status == FOLDED_INVALID) {
            if (!loader_skip(run, line_no, reason)) {
                ok = false;
                break;
            }
            continue;
        }
        if (!ncounts) {
            ncounts = parsed.ncounts;
            static const char *const single[] = { "samples" };
            static const char *const diff[] = { "before", "after" };
            if (!profile_set_types(profile, (size_t)ncounts, ncounts == 2 ? diff : single, NULL,
                                   run->err)) {
                ok = false;
                break;
            }
            profile->differential = ncounts == 2;
        }
        size_t shared = 0;
        uint32_t max_depth = profile->limits.max_depth;
        size_t nframes = folded_split(&st, parsed.stack, parsed.stack_len, &shared, max_depth);
        if (max_depth && nframes > max_depth) {
            ok = loader_fail(run, error_mark_line(line_no),
                             "stack of more than %u frames exceeds the depth limit (raise it "
                             "with --max-depth)",
                             max_depth);
            break;
        }
        const struct sample_value *values = ncounts == 2 ? parsed.values : &parsed.values[1];
        if (!profile_add_stack(profile, st.frames, nframes, values, shared, run->err)) {
            ok = loader_fail_at(run, error_mark_line(line_no));
            break;
        }
        folded_remember(&st, parsed.stack, parsed.stack_len, nframes);
    }
    if (rc < 0)
        ok = false;
    if (ok && !ncounts)
        ok = loader_fail_empty(run, "no valid stack found",
                               report->lines ? "no stacks found (only blank lines and comments)"
                                             : "no stacks found (the input is empty)");
    free(st.frames);
    free(st.prev);
    free(st.ends);
    return ok;
}
