/* test_pprof_conformance.c - flamex agrees with `go tool pprof` on real profiles.
 *
 * For every profile in tests/data/pprof (google/pprof's test data converted
 * with Go 1.19's pprof, and two profiles written by Go's runtime) and each of
 * its sample types: every row of the `-top` reference has the same flat,
 * flat%, cum and cum% text in flamex's --top table (same rounding, same unit),
 * and the `-traces` reference, folded into stacks, has exactly the stacks of
 * flamex's folded export with the same values.
 */
#include "test_util.h"

#include "flamex/base/numfmt.h"
#include "flamex/output/report.h"

#include <math.h>
#include <time.h>
#include <zlib.h>

struct conformance_case {
    const char *name;
    const char *types[4];
};

static struct conformance_case conformance_cases[] = {
    { "cppbench.contention", { "contentions", "delay" } },
    { "cppbench.cpu", { "samples", "cpu" } },
    { "cppbench.heap", { "objects", "space" } },
    { "go.crc32.cpu", { "samples", "cpu" } },
    { "go.nomappings.crash", { "alloc_objects", "alloc_space", "inuse_objects", "inuse_space" } },
    { "gobench.cpu", { "samples", "cpu" } },
    { "java.contention", { "contentions", "delay" } },
    { "java.cpu", { "samples", "cpu" } },
    { "java.heap", { "inuse_objects", "inuse_space" } },
    { "gen/cpu", { "samples", "cpu" } },
    { "gen/heap", { "alloc_objects", "alloc_space", "inuse_objects", "inuse_space" } },
};

/* Read a plain or gzip file (the big trace references are compressed). */
static char *conformance_read(const char *path)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int got;
    while ((got = gzread(f, buf + n, (unsigned)(cap - n - 1))) > 0) {
        n += (size_t)got;
        if (cap - n < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    gzclose(f);
    buf[n] = '\0';
    return buf;
}

static char *conformance_reference(const char *name, const char *kind, const char *type)
{
    char rel[256], path[4096];
    snprintf(rel, sizeof rel, "pprof/%s.%s%s%s.txt", name, kind, type ? "." : "", type ? type : "");
    snprintf(path, sizeof path, "%s", test_data_path(rel));
    char *text = conformance_read(path);
    if (!text) {
        snprintf(path + strlen(path), sizeof path - strlen(path), ".gz");
        text = conformance_read(path);
    }
    if (!text)
        fail_msg("missing reference %s", path);
    return text;
}

static struct profile *conformance_load(const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "pprof/%s.pb.gz", name);
    struct load_options opts = { .format = LOAD_FORMAT_AUTO };
    struct error_record err;
    struct profile *p = load_profile(test_data_path(rel), &opts, NULL, &err);
    if (!p)
        fail_msg("%s: %s", rel, err.message);
    assert_int_equal(p->format, PROFILE_FORMAT_PPROF);
    return p;
}

/* One row of a -top table. */
struct top_row {
    char flat[32], flat_pct[16], sum_pct[16], cum[32], cum_pct[16];
    const char *name; /* points into the text, up to the newline */
    size_t name_len;
};

/* Split a -top text into its header lines (up to the column titles) and rows. */
static size_t conformance_rows(char *text, struct top_row **rows_out, bool *dropped)
{
    size_t cap = 64, n = 0;
    struct top_row *rows = malloc(cap * sizeof *rows);
    bool in_table = false;
    *dropped = false;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (strncmp(line, "Dropped ", 8) == 0)
            *dropped = true;
        if (in_table) {
            struct top_row *r;
            if (n == cap)
                rows = realloc(rows, (cap *= 2) * sizeof *rows);
            r = &rows[n];
            int used = 0;
            if (sscanf(line, "%31s %15s %15s %31s %15s%n", r->flat, r->flat_pct, r->sum_pct, r->cum,
                       r->cum_pct, &used) == 5 &&
                strncmp(line + used, "  ", 2) == 0) {
                r->name = line + used + 2;
                r->name_len = strlen(r->name);
                n++;
            } else {
                fail_msg("unparsable -top row: '%s'", line);
            }
        } else if (strstr(line, "flat%") && strstr(line, "cum%")) {
            in_table = true;
        }
        line = nl ? nl + 1 : NULL;
    }
    *rows_out = rows;
    return n;
}

static char *conformance_top(const struct profile *p, size_t type, double node_fraction)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct report_top_options o = { .type = type, .limit = 0, .node_fraction = node_fraction };
    assert_true(report_top(f, p, &o));
    fclose(f);
    return buf;
}

/* The header line starting with prefix, or NULL. */
static const char *conformance_header(const char *text, const char *prefix, char *buf, size_t cap)
{
    for (const char *line = text; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (strncmp(line, prefix, strlen(prefix)) == 0) {
            snprintf(buf, cap, "%.*s", (int)n, line);
            return buf;
        }
        if (memmem(line, n, "flat%", 5))
            break;
        line = nl ? nl + 1 : NULL;
    }
    return NULL;
}

/* Compare with the reference made with pprof's default -nodefraction=0.005,
 * or with -nodefraction=0 (ref_type "nodefraction0"). */
static void conformance_check_top(const char *name, const struct profile *p, size_t type,
                                  const char *ref_type)
{
    char *ref = conformance_reference(name, "top", ref_type);
    bool all = ref_type && strcmp(ref_type, "nodefraction0") == 0;
    char *mine = conformance_top(p, type, all ? 0 : 0.005);

    static const char *const same_lines[] = { "Type: ", "Time: ", "Duration: ",
                                              "Showing nodes accounting for ", "Dropped " };
    for (size_t i = 0; i < sizeof same_lines / sizeof *same_lines; i++) {
        char a[512], b[512];
        const char *want = conformance_header(ref, same_lines[i], a, sizeof a);
        const char *have = conformance_header(mine, same_lines[i], b, sizeof b);
        if (want && (!have || strcmp(want, have) != 0))
            fail_msg("%s -s %s: header '%s' but flamex printed '%s' in:\n%s", name, ref_type, want,
                     have ? have : "(nothing)", mine);
    }

    struct top_row *want_rows, *have_rows;
    bool dropped;
    size_t nwant = conformance_rows(ref, &want_rows, &dropped);
    size_t nhave = conformance_rows(mine, &have_rows, &dropped);
    assert_true(nwant > 0);
    if (nhave != nwant)
        fail_msg("%s -s %s: %zu rows, pprof has %zu", name, ref_type, nhave, nwant);
    for (size_t i = 0; i < nwant; i++) {
        const struct top_row *w = &want_rows[i];
        const struct top_row *h = NULL;
        for (size_t j = 0; j < nhave && !h; j++)
            if (have_rows[j].name_len == w->name_len && memcmp(have_rows[j].name, w->name, w->name_len) == 0)
                h = &have_rows[j];
        if (!h) {
            fail_msg("%s -s %s: no row for '%.*s'", name, ref_type, (int)w->name_len, w->name);
            return;
        }
        if (strcmp(w->flat, h->flat) || strcmp(w->flat_pct, h->flat_pct) || strcmp(w->cum, h->cum) ||
            strcmp(w->cum_pct, h->cum_pct) || strcmp(w->sum_pct, h->sum_pct))
            fail_msg("%s -s %s: '%.*s': pprof %s %s %s %s %s, flamex %s %s %s %s %s", name, ref_type,
                     (int)w->name_len, w->name, w->flat, w->flat_pct, w->sum_pct, w->cum, w->cum_pct,
                     h->flat, h->flat_pct, h->sum_pct, h->cum, h->cum_pct);
        if (h != &have_rows[i])
            fail_msg("%s -s %s: '%.*s' is row %zu in pprof's order but not in flamex's", name,
                     ref_type, (int)w->name_len, w->name, i);
    }
    free(want_rows);
    free(have_rows);
    free(ref);
    free(mine);
}

/* ---- traces ---- */

struct trace_stack {
    char *key;        /* root;...;leaf */
    char *first;      /* pprof's formatted value of the first sample with this stack */
    size_t nvalues;   /* samples with this stack */
    double sum;       /* their values, parsed back into the sample unit */
    double tolerance; /* the rounding error of those parsed values */
    bool matched;
};

struct trace_set {
    struct trace_stack *stacks;
    size_t count, cap;
};

static struct trace_stack *trace_find(struct trace_set *set, const char *key)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->stacks[i].key, key) == 0)
            return &set->stacks[i];
    return NULL;
}

static double trace_value(const char *label, const char *unit, double *tolerance);

static void trace_add(struct trace_set *set, char **frames, size_t nframes, const char *value,
                      const char *unit)
{
    size_t len = 1;
    for (size_t i = 0; i < nframes; i++)
        len += strlen(frames[i]) + 1;
    char *key = malloc(len);
    key[0] = '\0';
    for (size_t i = nframes; i-- > 0;) { /* traces list the leaf first */
        strcat(key, frames[i]);
        if (i)
            strcat(key, ";");
    }
    struct trace_stack *s = trace_find(set, key);
    if (!s) {
        if (set->count == set->cap) {
            set->cap = set->cap ? set->cap * 2 : 64;
            set->stacks = realloc(set->stacks, set->cap * sizeof *set->stacks);
        }
        s = &set->stacks[set->count++];
        memset(s, 0, sizeof *s);
        s->key = key;
    } else {
        free(key);
    }
    if (s->nvalues++ == 0)
        s->first = strdup(value);
    double tol;
    s->sum += trace_value(value, unit, &tol);
    s->tolerance += tol;
}

static void trace_parse(char *text, struct trace_set *set, const char *unit)
{
    char *frames[256];
    size_t nframes = 0;
    char value[64] = "";
    bool in_sample = false;
    for (char *line = text; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        bool separator = strncmp(line, "-----------+", 12) == 0;
        if ((separator || !nl) && in_sample && nframes) {
            trace_add(set, frames, nframes, value, unit);
            for (size_t i = 0; i < nframes; i++)
                free(frames[i]);
            nframes = 0;
        }
        if (separator) {
            in_sample = true;
        } else if (in_sample && strlen(line) > 13 && line[10] == ' ') {
            if (line[9] != ' ') {
                size_t start = 0;
                while (line[start] == ' ')
                    start++;
                snprintf(value, sizeof value, "%.*s", (int)(10 - start), line + start);
            }
            char *frame = strdup(line + 13);
            size_t fl = strlen(frame);
            if (fl > 9 && strcmp(frame + fl - 9, " (inline)") == 0)
                frame[fl - 9] = '\0';
            assert_true(nframes < 256);
            frames[nframes++] = frame;
        }
        line = nl ? nl + 1 : NULL;
    }
}

/* Value of a formatted pprof label in the sample unit, and its rounding error. */
static double trace_value(const char *label, const char *unit, double *tolerance)
{
    char *end;
    double x = strtod(label, &end);
    const char *suffix = *end ? end : unit;
    const char *u;
    double factor = numfmt_pprof_scale(1, suffix, unit, &u);
    if (!*end)
        factor = 1;
    *tolerance = 0.005 * factor;
    return x * factor;
}

static void conformance_check_traces(const char *name, const struct profile *p, size_t type,
                                     const char *ref_type)
{
    char *ref = conformance_reference(name, "traces", ref_type);
    struct trace_set set = { 0 };
    trace_parse(ref, &set, p->types[type].unit);
    assert_true(set.count > 0);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct export_options ex = { .types = &type, .ntypes = 1, .sanitize = false };
    assert_true(export_folded(f, p, &ex));
    fclose(f);

    const char *unit = p->types[type].unit;
    size_t lines = 0;
    for (char *line = buf; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *space = strrchr(line, ' ');
        assert_non_null(space);
        *space = '\0';
        const char *count = space + 1;
        for (const char *c = count; *c; c++)
            if ((*c < '0' || *c > '9') && *c != '-')
                fail_msg("%s -s %s: non-integer count '%s'", name, ref_type, count);
        long long v = strtoll(count, NULL, 10);
        struct trace_stack *s = trace_find(&set, line);
        if (!s) {
            fail_msg("%s -s %s: flamex has stack '%s' (%lld) that pprof's traces do not", name,
                     ref_type, line, v);
            return;
        }
        s->matched = true;
        if (s->nvalues == 1) {
            char label[64];
            numfmt_pprof_label(label, sizeof label, (double)v, unit, "minimum");
            if (strcmp(label, s->first) != 0)
                fail_msg("%s -s %s: '%s': pprof %s, flamex %lld = %s", name, ref_type, line,
                         s->first, v, label);
        } else if (fabs(s->sum - (double)v) > s->tolerance + 1e-9) {
            fail_msg("%s -s %s: '%s': pprof's %zu samples sum to %g, flamex %lld", name, ref_type,
                     line, s->nvalues, s->sum, v);
        }
        lines++;
        line = nl ? nl + 1 : NULL;
    }
    for (size_t i = 0; i < set.count; i++)
        if (!set.stacks[i].matched)
            fail_msg("%s -s %s: pprof's stack '%s' is missing from flamex's export", name, ref_type,
                     set.stacks[i].key);
    assert_int_equal(lines, set.count);

    for (size_t i = 0; i < set.count; i++) {
        free(set.stacks[i].key);
        free(set.stacks[i].first);
    }
    free(set.stacks);
    free(buf);
    free(ref);
}

static void test_conformance(void **state)
{
    const struct conformance_case *c = *state;
    struct profile *p = conformance_load(c->name);
    /* The default type is the last (no profile sets default_sample_type). */
    conformance_check_top(c->name, p, p->default_type, NULL);
    conformance_check_traces(c->name, p, p->default_type, NULL);
    char rel[256];
    snprintf(rel, sizeof rel, "pprof/%s.top.nodefraction0.txt", c->name);
    if (access(test_data_path(rel), R_OK) == 0)
        conformance_check_top(c->name, p, p->default_type, "nodefraction0");
    for (size_t i = 0; i < 4 && c->types[i]; i++) {
        int t = profile_find_type(p, c->types[i]);
        if (t < 0)
            fail_msg("%s: no sample type %s", c->name, c->types[i]);
        conformance_check_top(c->name, p, (size_t)t, c->types[i]);
        conformance_check_traces(c->name, p, (size_t)t, c->types[i]);
    }
    profile_free(p);
}

int main(void)
{
    setenv("TZ", "UTC", 1); /* pprof's references print Time: in UTC */
    tzset();
    enum { N = sizeof conformance_cases / sizeof *conformance_cases };
    struct CMUnitTest tests[N];
    for (size_t i = 0; i < N; i++) {
        tests[i] = (struct CMUnitTest){ .name = conformance_cases[i].name,
                                        .test_func = test_conformance,
                                        .initial_state = (void *)&conformance_cases[i] };
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
