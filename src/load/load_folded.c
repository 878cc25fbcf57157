/* load_folded.c - folded-stack loader: parse lines, reuse shared prefixes, feed the sink.
 *
 * One count or two? "main;compute kernel 0 1000" is the stack "main;compute
 * kernel 0" with 1000 samples, or "main;compute kernel" with 0 before and
 * 1000 after. A file is differential only when every data line can be read
 * with two counts; otherwise a trailing number is part of the last frame's
 * name. So, unless --folded-counts says which, the loader reads two counts
 * for as long as every line has them, and when the first line that has only
 * one arrives, it starts over with one count per line (folded_restart says
 * how without reading anything twice that it need not). A file read as
 * differential this way is ambiguous by nature, and the profile says so in
 * a note (printed on stderr, shown in the information panel).
 */
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

/* The parts of one line, in both readings. */
struct folded_line {
    const char *stack;
    size_t len1;               /* one count: the stack's length */
    struct sample_value count; /* ... and its count (the line's last number) */
    size_t len2;               /* two counts: the stack's length, 0 when the line has no
                                  two-count reading (or it was not asked for) */
    bool two_numbers;          /* the line ends in two numbers (len2 may still be 0:
                                  no stack before them) */
    struct sample_value before; /* the first of the two counts */
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

/* Trim trailing empty frames ("a;b;" is the stack "a;b") and the whitespace
 * they uncover ("a;b ; 1" is "a;b" too), so no stack ends in an empty frame
 * or a space and every export loads back the same. */
static size_t folded_trim_stack(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ';' || folded_is_space(s[n - 1])))
        n--;
    return n;
}

/* Parse one line: its one-count reading always, its two-count reading too
 * when two is set. INVALID means the one-count reading is invalid (and so is
 * the other: it has the same stack, shorter). */
static enum folded_status folded_parse_line(const char *s, size_t n, bool two,
                                            struct folded_line *out, const char **reason)
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
    if (!numfmt_parse_count(tok, tok_len, &out->count)) {
        /* digits, then a fraction if any: a count, only too large */
        size_t digits = 0;
        while (digits < tok_len && tok[digits] >= '0' && tok[digits] <= '9')
            digits++;
        size_t end = digits;
        if (digits && end < tok_len && tok[end] == '.')
            for (end++; end < tok_len && tok[end] >= '0' && tok[end] <= '9';)
                end++;
        if (digits && end == tok_len)
            *reason = "the count is out of range (at most 18446744073709551615)";
        else if (tok[0] == '-')
            *reason = "the count is negative";
        else
            *reason = "the last field is not a count ([0-9]+ or [0-9]+.[0-9]*)";
        return FOLDED_INVALID;
    }
    out->len2 = 0;
    out->two_numbers = false;
    if (two) {
        /* A first count must be all digits and dots: look back only that far,
         * so a long stack is not scanned twice. */
        size_t j = rest;
        while (j > 0 && ((s[j - 1] >= '0' && s[j - 1] <= '9') || s[j - 1] == '.'))
            j--;
        if (j < rest && j > 0 && folded_is_space(s[j - 1]) &&
            numfmt_parse_count(s + j, rest - j, &out->before)) {
            out->two_numbers = true;
            out->len2 = folded_trim_stack(s, j);
        }
    }
    out->len1 = folded_trim_stack(s, rest);
    if (out->len1 == 0) {
        *reason = "no stack before the count";
        return FOLDED_INVALID;
    }
    out->stack = s;
    return FOLDED_OK;
}

bool load_folded_sniff_line(const char *line, size_t n, char *why, size_t cap)
{
    struct folded_line parsed;
    const char *reason = "a blank line or a comment";
    bool ok = folded_parse_line(line, n, false, &parsed, &reason) == FOLDED_OK;
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
/* Double the frame array; returns it and its new capacity in *cap. */
static struct frame_ref *folded_grow_frames(struct folded_state *st, size_t *cap)
{
    st->frames_cap = st->frames_cap ? st->frames_cap * 2 : 256;
    st->frames = xreallocarray(st->frames, st->frames_cap, sizeof *st->frames);
    *cap = st->frames_cap;
    return st->frames;
}

static size_t folded_split(struct folded_state *st, const char *stack, size_t len,
                           size_t *shared, size_t max)
{
    /* The state's arrays in locals: st is a pointer that the stores into
     * frames could alias, so through st they would be reloaded every frame. */
    struct frame_ref *frames = st->frames;
    size_t cap = st->frames_cap;
    const size_t *ends = st->ends;
    size_t k = folded_shared_frames(st, stack, len);
    *shared = k;
    size_t n = 0, start = 0;
    for (; n < k; n++) {
        if (n == cap)
            frames = folded_grow_frames(st, &cap);
        frames[n].name = stack + start;
        frames[n].len = ends[n] - start;
        start = ends[n] + 1;
    }
    if (k && ends[k - 1] == len)
        return n;
    for (;;) {
        const char *semi = start < len ? memchr(stack + start, ';', len - start) : NULL;
        size_t end = semi ? (size_t)(semi - stack) : len;
        if (n == cap)
            frames = folded_grow_frames(st, &cap);
        frames[n].name = stack + start;
        frames[n].len = end - start;
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
    const struct frame_ref *frames = st->frames;
    size_t *ends = st->ends;
    for (size_t i = 0; i < n; i++)
        ends[i] = (size_t)(frames[i].name - stack) + frames[i].len;
    st->nends = n;
}

bool load_folded_parse_counts(const char *name, enum load_folded_counts *out)
{
    if (strcmp(name, "auto") == 0)
        *out = LOAD_FOLDED_COUNTS_AUTO;
    else if (strcmp(name, "1") == 0)
        *out = LOAD_FOLDED_COUNTS_ONE;
    else if (strcmp(name, "2") == 0)
        *out = LOAD_FOLDED_COUNTS_TWO;
    else
        return false;
    return true;
}

static void folded_state_free(struct folded_state *st)
{
    free(st->frames);
    free(st->prev);
    free(st->ends);
    memset(st, 0, sizeof *st);
}

/* Add one stack (len bytes of text) to profile, sharing the previous stack's
 * frames that st remembers. Fails with err stamped at line_no. */
static bool folded_add(struct loader_run *run, struct profile *profile, struct folded_state *st,
                       const char *stack, size_t len, const struct sample_value *values,
                       uint64_t line_no, struct error_record *err)
{
    size_t shared = 0;
    uint32_t max_depth = profile->limits.max_depth;
    size_t nframes = folded_split(st, stack, len, &shared, max_depth);
    if (max_depth && nframes > max_depth) {
        error_stamp(err, run->path, error_mark_line(line_no),
                    "stack of more than %u frames exceeds the depth limit (raise it with "
                    "--max-depth)",
                    max_depth);
        return false;
    }
    if (!profile_add_stack(profile, st->frames, nframes, values, shared, err)) {
        error_restamp(err, run->path, error_mark_line(line_no));
        return false;
    }
    folded_remember(st, stack, len, nframes);
    return true;
}

static bool folded_set_types(struct profile *profile, int ncounts, struct error_record *err)
{
    static const char *const single[] = { "samples" };
    static const char *const diff[] = { "before", "after" };
    if (!profile_set_types(profile, (size_t)ncounts, ncounts == 2 ? diff : single, NULL, err))
        return false;
    profile->differential = ncounts == 2;
    return true;
}

/* How the lines are being read. */
struct folded_reading {
    int ncounts;          /* 0 until the first valid line, then 1 or 2 */
    bool tentative;       /* two counts only because every line so far had them */
    /* While tentative and the input cannot be read again (a pipe): the
     * one-count reading, built alongside (see folded_restart). */
    struct profile *shadow;
    struct folded_state shadow_st;
    bool shadow_failed;   /* shadow_err says why; the one-count reading is impossible */
    struct error_record shadow_err;
    uint64_t first_line;  /* the first valid line (it ended in two numbers if tentative) */
    uint64_t one_line;    /* the line with one count that ended the tentative reading */
};

/* The first line with one count arrived while two were being read
 * tentatively: from here on, one count per line, and the lines before must
 * be read that way too. A regular file (gzip or not) is read again from the
 * start: only the lines before this one are read twice, and a differential
 * file, which never gets here, pays nothing. A pipe cannot be read again,
 * and keeping its bytes would make memory follow the input's size; so for a
 * pipe the one-count reading has been built alongside all along (the cost
 * of two trees, only while every line has had two counts), and now replaces
 * the two-count one. Returns false with run->err filled when neither works;
 * *reread says the caller must read the input from its first line. */
static bool folded_restart(struct loader_run *run, struct folded_reading *r,
                           struct folded_state *st, bool *reread)
{
    r->tentative = false;
    r->ncounts = 1;
    *reread = false;
    if (r->shadow) {
        if (r->shadow_failed) {
            *run->err = r->shadow_err;
            return false;
        }
        profile_adopt(run->profile, r->shadow);
        r->shadow = NULL;
        folded_state_free(st);
        *st = r->shadow_st;
        memset(&r->shadow_st, 0, sizeof r->shadow_st);
        return true;
    }
    if (!input_rewind(run->in, run->err))
        return false;
    profile_restart(run->profile);
    memset(run->report, 0, sizeof *run->report);
    st->nends = 0; /* nothing to share with */
    *reread = true;
    return folded_set_types(run->profile, 1, run->err);
}

/* The first valid line decides how to start: with two counts if it has them
 * (for good when --folded-counts=2), else one. */
static bool folded_start(struct loader_run *run, struct folded_reading *r, bool two)
{
    enum load_folded_counts want = run->opts ? run->opts->folded_counts : LOAD_FOLDED_COUNTS_AUTO;
    if (want == LOAD_FOLDED_COUNTS_ONE)
        r->ncounts = 1;
    else if (want == LOAD_FOLDED_COUNTS_TWO)
        r->ncounts = 2;
    else
        r->ncounts = two ? 2 : 1;
    r->tentative = want == LOAD_FOLDED_COUNTS_AUTO && r->ncounts == 2;
    if (r->tentative && !input_can_rewind(run->in)) {
        r->shadow = profile_new(run->profile->source, run->profile->format);
        r->shadow->limits = run->profile->limits;
        error_clear(&r->shadow_err);
        r->shadow_failed = !folded_set_types(r->shadow, 1, &r->shadow_err);
    }
    return folded_set_types(run->profile, r->ncounts, run->err);
}

bool load_folded(struct loader_run *run)
{
    struct folded_state st = { 0 };
    struct folded_reading r = { 0 };
    struct profile *profile = run->profile;
    struct load_report *report = run->report;
    enum load_folded_counts want = run->opts ? run->opts->folded_counts : LOAD_FOLDED_COUNTS_AUTO;
    bool ok = true;
    const char *line;
    size_t len;
    int rc;
    while ((rc = input_next_line(run->in, &line, &len, run->err)) > 0) {
        uint64_t line_no = input_line_number(run->in);
        report->lines = line_no;
        struct folded_line parsed;
        const char *reason = NULL;
        bool two = r.ncounts == 2 || (r.ncounts == 0 && want != LOAD_FOLDED_COUNTS_ONE);
        enum folded_status status = folded_parse_line(line, len, two, &parsed, &reason);
        if (status == FOLDED_SKIP)
            continue;
        if (status == FOLDED_INVALID) {
            if (!loader_skip(run, line_no, reason)) {
                ok = false;
                break;
            }
            continue;
        }
        if (!r.ncounts) {
            r.first_line = line_no;
            if (!folded_start(run, &r, parsed.len2 > 0)) {
                ok = false;
                break;
            }
        }
        if (r.ncounts == 2 && !parsed.len2) {
            if (r.tentative) {
                bool reread;
                r.one_line = line_no;
                if (!folded_restart(run, &r, &st, &reread)) {
                    ok = false;
                    break;
                }
                if (reread)
                    continue;
            } else {
                reason = parsed.two_numbers ? "no stack before the counts"
                                            : "one count in a differential file (expected two)";
                if (!loader_skip(run, line_no, reason)) {
                    ok = false;
                    break;
                }
                continue;
            }
        }
        if (r.ncounts == 2) {
            struct sample_value values[2] = { parsed.before, parsed.count };
            if (!folded_add(run, profile, &st, parsed.stack, parsed.len2, values, line_no,
                            run->err)) {
                ok = false;
                break;
            }
            if (r.shadow && !r.shadow_failed &&
                !folded_add(run, r.shadow, &r.shadow_st, parsed.stack, parsed.len1,
                            &parsed.count, line_no, &r.shadow_err))
                r.shadow_failed = true; /* an error only if the one-count reading is chosen */
        } else if (!folded_add(run, profile, &st, parsed.stack, parsed.len1, &parsed.count,
                               line_no, run->err)) {
            ok = false;
            break;
        }
    }
    if (rc < 0)
        ok = false;
    if (ok && !r.ncounts)
        ok = loader_fail_empty(run, "no valid stack found",
                               report->lines ? "no stacks found (only blank lines and comments)"
                                             : "no stacks found (the input is empty)");
    if (ok && r.tentative)
        profile->info.note = xstrdup(
            "every line ends in two numbers, read as a differential profile (before, after); "
            "--folded-counts=1 reads the first number as part of the frame name");
    else if (ok && r.one_line) {
        /* The other way round: the first lines looked differential, a later
         * one did not. Say which reading won, and where it was decided. */
        char note[256];
        snprintf(note, sizeof note,
                 "line %llu ends in two numbers but line %llu has one count: read with one "
                 "count per line, a number before the count is part of the frame name; "
                 "--folded-counts=2 reads two counts and skips one-count lines",
                 (unsigned long long)r.first_line, (unsigned long long)r.one_line);
        profile->info.note = xstrdup(note);
    }
    profile_free(r.shadow);
    folded_state_free(&r.shadow_st);
    folded_state_free(&st);
    return ok;
}
