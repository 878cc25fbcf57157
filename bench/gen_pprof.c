/* gen_pprof.c - deterministic generator of a large, realistic pprof profile.
 *
 * flamex's benchmark input for the pprof loader (see bench/README.md):
 *
 *     gen_pprof OUT.pb [TARGET_BYTES]
 *
 * writes an uncompressed profile.proto message (google/pprof) of about
 * TARGET_BYTES bytes (default 100000000) to OUT.pb with the project's own
 * protobuf writer (include/flamex/pbwire.h). The same arguments always give
 * the same bytes: the random numbers come from fixed-seed splitmix64
 * streams, and only integer arithmetic is used (no clock, no rand(), no
 * floating point). Nothing is printed except errors; the exit status is 0 on
 * success, 1 on an I/O error (the partial file is removed) and 2 on a usage
 * error.
 *
 * The profile looks like what Go's runtime/pprof writes for a CPU profile of
 * a server, merged over many runs (hence its size). With the defaults:
 *   - sample types samples/count and cpu/nanoseconds, period_type
 *     cpu/nanoseconds, period 10000000 (100 Hz), time_nanos, duration_nanos
 *     (3600 s, the sum of the merged runs), one comment and
 *     default_sample_type cpu;
 *   - 3 mappings: /usr/bin/server (a Go binary with a statically linked C++
 *     library; functions, file names, line numbers and inline frames),
 *     /lib/x86_64-linux-gnu/libc.so.6 and [vdso] (function names only);
 *   - 4,692 functions (of 5,667 defined): Go names as the runtime spells
 *     them (github.com/acme/server/internal/cart.(*Service).Save, closures
 *     .func2, generics [...], net/http, grpc, pgx, runtime.mallocgc, ...),
 *     C++ names with their Itanium-mangled system_name, libc and vDSO
 *     symbols; file names and start lines where the binary has them;
 *   - 32,623 locations (of 65,117 defined; call sites and sampled PCs, each
 *     with its own address inside its mapping); 14% of them hold 2 or 3
 *     Line entries (inlined calls, line[0] innermost);
 *   - 1,906,246 samples from 2,975,484 profiler ticks, each sample a unique
 *     (location stack, labels) pair with values count = its ticks (1 for
 *     93% of them, up to 9,594) and cpu = count * period; 39.9 M location
 *     references, depth 5..60 (median 19, p90 34); 42% carry labels;
 *   - merged by function name with inline frames expanded (as flamex, pprof
 *     -top and flamegraphs do) they form 198,907 distinct root-to-leaf
 *     function paths and a call tree of 1,618,002 nodes (43.3 M frames).
 *
 * Why it looks like that. pprof samples are unique at the LOCATION level:
 * the profiler records program counters, and runtime/pprof merges only
 * ticks with identical PC stacks (and labels). Most of that uniqueness comes
 * from WHERE inside each function the stack was - which call site called
 * the next function, which instruction of the leaf was running - not from
 * distinct function call paths: a server runs a bounded set of code paths
 * (request handlers, their libraries, the runtime) over and over, reaching
 * each callee from one of a few call sites. So a big profile has many more
 * distinct location stacks than function-level paths, and its
 * function-level flamegraph has at most a few hundred thousand to ~2 M
 * nodes however many samples it holds. The model keeps that separation:
 * a fixed population of function-level paths, and location-level variety
 * on top.
 *
 * The call graph. 4,800 application functions (80% Go, 20% C++) sit in 60
 * layers; layers 1..3 hold a few entry points (12, 28, 50 functions) that fan
 * out. Every application function is called from at least one function of
 * the layer above; 55% of them call a single application function
 * (wrappers, steps of a pipeline), the rest 2..6, in the next layer or the
 * one after, drawn with Zipf weights so some callees are shared by many
 * callers. Each also calls 0..3 utility functions: the Go runtime and
 * standard library (newobject -> mallocgc -> nextFree -> refill ->
 * cacheSpan, chansend -> gopark -> mcall -> park_m -> schedule ->
 * findRunnable -> ... -> futex, time.Now -> nanotime1 ->
 * __vdso_clock_gettime), C++ helpers and libc (operator new -> malloc ->
 * _int_malloc). Threads start at runtime.goexit (goroutines), runtime.mstart
 * (the scheduler), runtime.main and clone3 -> start_thread, and go through
 * entry chains before the application: goexit -> net/http.(*conn).serve ->
 * serverHandler.ServeHTTP -> (*ServeMux).ServeHTTP -> HandlerFunc.ServeHTTP
 * (HTTP requests; with readRequest / finishRequest down to read and write
 * syscalls, and route matching), goexit -> grpc (*Server).serveStreams.func2.1
 * -> handleStream -> processUnaryRPC (gRPC calls), other goroutines straight
 * from goexit, the GC's gcBgMarkWorker, and start_thread ->
 * execute_native_thread_routine -> acme::util::ThreadPool::WorkerLoop()
 * (C++ threads).
 *
 * Edges and locations. A function's calls are EDGES (function-level steps:
 * "f calls g", possibly through 1 or 2 functions inlined into f, for 15% of
 * the edges of generated functions), and each edge has 1..5 call-site
 * LOCATIONS (50% one, 28% two, 13% three, ..., and one more whenever the
 * callee is drawn again: a callee called in a loop and after it, on both
 * sides of a branch, once per field). The locations of
 * an edge share its inline chain and outer lines and differ in address and
 * innermost line, so they give the same function path. A function also has
 * 2..8 sampled PCs (a CPU profile's leaf is the interrupted instruction):
 * one edge of PCs in its own code and one per PC inside inlined code. Its
 * locations are laid out in a shuffled order inside its address range.
 *
 * The population of function-level paths. Walks from the roots (weighted:
 * goroutines 88%, scheduler 6%, C++ threads 5%, runtime.main 1%) choose
 * application edges with Zipf weights 1/k^2 (hot paths near the root) and
 * other edges and PC groups with weights 1/k (variety at the leaf end), aim
 * for a depth of 5 + 56 * min(u1, u2) (5..60; the frames of entry chains do
 * not count), and prefer application edges while more than 3 frames from
 * that depth, so utility code sits at the leaf end. Walks are made until
 * 200,000 distinct paths (of 5 edges or more) have been seen; each path's
 * weight is the number of walks that took it, so hot paths stay hot and
 * the long tail stays thin. That is the calling-context tree of the
 * server: paths share prefixes through the static call graph.
 *
 * Ticks and samples. A tick draws a path by weight (an alias table), then
 * for each edge one of its locations with weights 1/k (a hot call site or
 * PC, colder ones), and labels: 40% of the (first, second) application
 * function pairs below runtime.goexit carry a "handler" label (a route,
 * fixed by the pair); of their ticks, 35% also carry "tenant" and 15% a
 * numeric "request_bytes" with num_unit "bytes". Ticks with the same
 * (location stack, labels) are merged into one sample whose count is the
 * number of ticks, as Go does; so a function path is seen as many
 * samples (median 5, up to 5,545 for the hottest) that differ only in
 * which locations they went through. Pass 1 draws ticks until the merged
 * profile reaches TARGET_BYTES (it stops at the first tick that brings it
 * there), counting ticks per sample in a hash map and giving ids to
 * locations and functions in order of first use. Every tick has its own
 * random stream (seeded by its number), so pass 2 redraws just the first
 * tick of each sample and writes the samples in that order - the order of
 * first occurrence, unrelated to the tree, like Go's hash-map order - with
 * their final counts. Ticks are drawn in batches of 32 whose memory reads
 * overlap (prefetch), which keeps the run near 3 seconds.
 *
 * Encoding. Fields are written in the order and the style of runtime/pprof:
 * sample_type, sample, mapping, location, function, string_table, then the
 * scalars; ids start at 1 and are given in order of first use (so only
 * used locations and functions are written, and hot ones get small ids);
 * zero-valued optional fields are left out; repeated integers are packed
 * when there are more than two of them (Go's rule), so location_id is packed
 * and the two values are two plain varint fields. The strings are interned
 * (string_table[0] is ""). Samples are streamed to the file in 1 MiB chunks;
 * the tables, the paths, the hash map and 10 bytes per sample stay in memory
 * (peak RSS about 140 MB at the default size).
 */
#define _POSIX_C_SOURCE 200809L /* stat */
#include "flamex/load/pbwire.h"
#include "flamex/base/xalloc.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SEED 0x666c616d65780001ULL /* "flamex" 1 */
#define DEFAULT_TARGET 100000000ULL
#define CHUNK ((size_t)1 << 20)
#define PERIOD 10000000ULL /* 100 Hz */
#define TIME_NANOS 1717200000000000000ULL
#define DURATION_NANOS 3600000000000ULL /* the sum of the merged runs' durations */

#define N_LAYERS 60
#define N_APP 4800
#define CPP_APP_PERCENT 20
#define N_GO_UTIL 560
#define N_CPP_UTIL 120
#define MIN_DEPTH 5
#define MAX_DEPTH 60
#define MAX_SITES 32      /* edges of one kind in one function; pick_site's limit */
#define MAX_EXPLICIT 6
#define MAX_FORCED 8
#define MAX_ENTRY 2
#define MAX_EDGE_SITES 8  /* call sites of one callee in one function */
#define MAX_FN_SITES 256  /* locations of one function */
#define INLINE_PERCENT 15 /* edges and sampled PCs of generated functions in inlined code */
#define N_PATHS 200000    /* distinct function-level paths in the population */
#define TICK_SEED 0x7469636b73000001ULL /* "ticks" 1: each tick's own random stream */
#define MAX_TICKS 100000000ULL          /* give up when the target is out of reach */
#define BATCH 32 /* ticks drawn together, so that their memory reads overlap */
#define NONE UINT32_MAX

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

enum lang { LANG_GO, LANG_CPP, LANG_C, N_LANGS };
enum kind { KIND_APP, KIND_UTIL, KIND_ROOT };
enum mapping_id { MAP_MAIN = 1, MAP_LIBC = 2, MAP_VDSO = 3 };
#define N_LEVELS 5 /* utility levels 1..4; 0 = in no pool */

/* profile.proto field numbers used here */
enum {
    PROFILE_SAMPLE_TYPE = 1,
    PROFILE_SAMPLE = 2,
    PROFILE_MAPPING = 3,
    PROFILE_LOCATION = 4,
    PROFILE_FUNCTION = 5,
    PROFILE_STRING_TABLE = 6,
    PROFILE_TIME_NANOS = 9,
    PROFILE_DURATION_NANOS = 10,
    PROFILE_PERIOD_TYPE = 11,
    PROFILE_PERIOD = 12,
    PROFILE_COMMENT = 13,
    PROFILE_DEFAULT_SAMPLE_TYPE = 14,
};

struct func {
    char *name, *sys, *file;
    uint32_t start_line, n_lines; /* body spans start_line .. start_line + n_lines */
    uint8_t lang, kind, level, mapping;
    uint8_t root_apps;            /* KIND_ROOT: calls into application layer 1 */
    uint8_t generated;            /* 1 when the name was generated (not in a fixed table) */
    uint16_t layer;               /* KIND_APP: 1..N_LAYERS */
    uint32_t explicit_callee[MAX_EXPLICIT];
    uint32_t n_explicit;
    uint32_t forced_callee[MAX_FORCED]; /* app callees this function must call */
    uint32_t n_forced;
    uint32_t entry_callee[MAX_ENTRY];   /* thread entry chains: the first, hottest app edges */
    uint32_t n_entry;
    uint32_t first_edge;          /* edges: [n_app app calls][n_util other calls][n_pc PC groups] */
    uint32_t n_app, n_util, n_pc;
    uint32_t id;                  /* 0 until first written */
};

/* A function-level step: owner calls callee (NONE: owner is the leaf, on
 * CPU at a sampled PC) through the inlined functions inl[]. Its n_sites
 * locations (call sites, or sampled PCs) differ in address and innermost
 * line only, so they all give the same function-level path. */
struct edge {
    uint32_t owner, callee;
    uint32_t inl[2]; /* inlined functions, outermost first */
    uint32_t n_inl;
    uint32_t first_site, n_sites;
};

/* A function-level path of the population, with its column of the alias
 * table that draws paths by weight in one step (Walker / Vose). */
struct path {
    uint32_t start;  /* its first edge in path_edge */
    uint8_t n;       /* its number of edges */
    int8_t handler;  /* the "handler" label of the path's goroutine, or -1 */
    uint32_t thr;    /* alias column: this path below thr / 2^32, else alias */
    uint32_t alias;
};

/* One location: a call site or a sampled PC of its edge. */
struct site {
    uint32_t edge;
    uint32_t line[3]; /* line[0] innermost .. line[n_inl] in owner */
    uint64_t addr;
};

/* A list of functions drawn with fixed weights (cumulative, for bisection). */
struct pool {
    uint32_t *item;
    uint64_t *weight, *cum;
    uint32_t n, cap;
};

/* An open-addressing map from owned strings to 32-bit values. */
struct strmap {
    char **key;
    uint32_t *val;
    size_t cap, n;
};

/* The labels of one sample; -1 / 0 when absent. */
struct labels {
    int handler, tenant;
    uint64_t bytes;
};

#define N_HANDLERS 16
#define N_TENANTS 48

struct gen {
    uint64_t rng;
    struct func *fn;
    uint32_t nfn, capfn;
    struct edge *edge;
    uint32_t nedge, capedge;
    struct site *site;
    uint32_t nsite, capsite;
    uint32_t *site_id;     /* location ids, 0 until first used (not in struct site:
                              read for every frame, so kept compact) */
    /* the population of function-level paths (sequences of edges, root first) */
    uint32_t npaths;
    struct path *paths;    /* hottest first */
    uint16_t *path_edge;   /* the edges of all paths, root first */
    uint32_t *edge_sites;  /* per edge: first_site << 4 | (n_sites - 1) */
    struct strmap names;   /* function name -> index */
    struct strmap strings; /* string table: string -> index */
    uint32_t nstrings;
    struct pool app[N_LAYERS + 1][2]; /* [layer][LANG_GO / LANG_CPP] */
    struct pool util_all[N_LANGS][N_LEVELS], util_fixed[N_LANGS][N_LEVELS];
    struct pool inline_pool[2];
    struct pool roots, tenants;
    uint64_t next_addr[4], map_start[4];
    uint32_t next_loc_id, next_fn_id;
    uint32_t goexit;
    /* string indexes used while writing samples and the trailer */
    uint64_t s_samples, s_count, s_cpu, s_nanoseconds, s_comment;
    uint64_t s_handler_key, s_tenant_key, s_bytes_key, s_bytes_unit;
    uint64_t s_handler[N_HANDLERS], s_tenant[N_TENANTS];
    /* output */
    struct pb_writer out, maps, locs, funcs, strs, trailer, msg, sub, item;
    FILE *fp;
    const char *path;
    bool remove_on_error; /* the output is a regular file (not /dev/stdout, a pipe...) */
    uint64_t written;
};

/* [steep][n][k]: the first k + 1 of n Zipf weights (1/k, steep: 1/k^2) as
 * a fraction of all n, scaled to 2^32 */
static uint64_t zipf_site_thr[2][MAX_SITES + 1][MAX_SITES];

/* ---- errors, random numbers, hashing ------------------------------------- */

/* Report an I/O error on the output, remove the partial file (only if it is
 * a regular file) and exit 1. */
static void die_io(struct gen *g, const char *what)
{
    fprintf(stderr, "gen_pprof: %s: %s: %s\n", g->path, what, strerror(errno));
    if (g->fp)
        fclose(g->fp);
    if (g->remove_on_error)
        remove(g->path);
    exit(1);
}

/* Report a bug in this program's tables and exit 1. */
static void die_internal(const char *what, const char *name)
{
    fprintf(stderr, "gen_pprof: internal error: %s '%s'\n", what, name);
    exit(1);
}

/* splitmix64: the next 64-bit pseudo-random number. */
static uint64_t rnd(struct gen *g)
{
    uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A pseudo-random number in [0, n), n > 0. */
static uint32_t rnd_below(struct gen *g, uint32_t n)
{
    return (uint32_t)(rnd(g) % n);
}

/* True with probability percent / 100. */
static bool chance(struct gen *g, uint32_t percent)
{
    return rnd_below(g, 100) < percent;
}

/* Mix a 64-bit value into a well-spread hash (splitmix64's finaliser). */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* FNV-1a hash of a NUL-terminated string. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 0x100000001b3ULL;
    return h;
}

/* ---- containers --------------------------------------------------------- */

/* Grow the map to hold at least one more key at load factor 1/2. */
static void strmap_grow(struct strmap *m)
{
    if ((m->n + 1) * 2 <= m->cap)
        return;
    size_t cap = m->cap ? m->cap * 2 : 1024;
    char **key = xcalloc(cap, sizeof *key);
    uint32_t *val = xcalloc(cap, sizeof *val);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->key[i])
            continue;
        size_t j = hash_str(m->key[i]) & (cap - 1);
        while (key[j])
            j = (j + 1) & (cap - 1);
        key[j] = m->key[i];
        val[j] = m->val[i];
    }
    free(m->key);
    free(m->val);
    m->key = key;
    m->val = val;
    m->cap = cap;
}

/* The value slot of s, inserting a copy of s (and setting *fresh) if absent. */
static uint32_t *strmap_slot(struct strmap *m, const char *s, bool *fresh)
{
    strmap_grow(m);
    size_t j = hash_str(s) & (m->cap - 1);
    while (m->key[j]) {
        if (strcmp(m->key[j], s) == 0) {
            *fresh = false;
            return &m->val[j];
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->key[j] = xstrdup(s);
    m->n++;
    *fresh = true;
    return &m->val[j];
}

/* Free the keys and arrays of a map. */
static void strmap_free(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->key[i]);
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

/* Integer square root (floor). */
static uint64_t isqrt(uint64_t x)
{
    uint64_t r = 0, bit = (uint64_t)1 << 62;
    while (bit > x)
        bit >>= 2;
    while (bit) {
        if (x >= r + bit) {
            x -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return r;
}

/* Zipf weight of 1-based rank k: 2^30 / k^(1 + steep/2), at least 1. */
static uint64_t zipf_weight(uint64_t k, int steep)
{
    uint64_t w;
    if (steep == 0)
        w = ((uint64_t)1 << 30) / k;
    else if (steep == 1)
        w = ((uint64_t)1 << 38) / (k * isqrt(k << 16)); /* k * sqrt(k) * 256 */
    else
        w = ((uint64_t)1 << 30) / (k * k);
    return w ? w : 1;
}

/* Append fn to the pool with the given weight (0: Zipf rank weight later). */
static void pool_add(struct pool *p, uint32_t fn, uint64_t weight)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->item = xreallocarray(p->item, p->cap, sizeof *p->item);
        p->weight = xreallocarray(p->weight, p->cap, sizeof *p->weight);
    }
    p->item[p->n] = fn;
    p->weight[p->n] = weight;
    p->n++;
}

/* Fill in Zipf weights for entries added with weight 0 and build the sums. */
static void pool_finish(struct pool *p, int steep)
{
    if (!p->n)
        return;
    p->cum = xreallocarray(p->cum, p->n, sizeof *p->cum);
    uint64_t sum = 0;
    for (uint32_t i = 0; i < p->n; i++) {
        if (!p->weight[i])
            p->weight[i] = zipf_weight(i + 1, steep);
        sum += p->weight[i];
        p->cum[i] = sum;
    }
}

/* Draw an entry of a finished, non-empty pool by weight. */
static uint32_t pool_pick(struct gen *g, const struct pool *p)
{
    uint64_t r = rnd(g) % p->cum[p->n - 1];
    uint32_t lo = 0, hi = p->n - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (p->cum[mid] > r)
            hi = mid;
        else
            lo = mid + 1;
    }
    return p->item[lo];
}

/* Release a pool's arrays. */
static void pool_free(struct pool *p)
{
    free(p->item);
    free(p->weight);
    free(p->cum);
    memset(p, 0, sizeof *p);
}

/* Draw a 0-based index below n (1..MAX_SITES) with Zipf weights 1/k
 * (steep: 1/k^2); n == 1 takes no random number. */
static uint32_t pick_site(struct gen *g, uint32_t n, int steep)
{
    if (n == 1)
        return 0;
    const uint64_t *thr = zipf_site_thr[steep][n];
    uint64_t r = rnd(g) >> 32;
    uint32_t i = 0;
    while (i + 1 < n && thr[i] <= r)
        i++;
    return i;
}

/* Fill zipf_site_thr. */
static void init_zipf_sites(void)
{
    for (int steep = 0; steep < 2; steep++) {
        uint64_t cum[MAX_SITES];
        for (uint32_t k = 0; k < MAX_SITES; k++)
            cum[k] = (k ? cum[k - 1] : 0) + zipf_weight(k + 1, 2 * steep);
        for (uint32_t n = 1; n <= MAX_SITES; n++)
            for (uint32_t k = 0; k < n; k++) /* cum < 2^33: shifted so the product fits */
                zipf_site_thr[steep][n][k] = ((cum[k] >> 2) << 32) / (cum[n - 1] >> 2);
    }
}

/* ---- names -------------------------------------------------------------- */

struct go_pkg {
    const char *path;
    const char *dir; /* NULL: /usr/local/go/src/PATH */
};

#define ACME "/build/server/"
#define GOMOD "/root/go/pkg/mod/"

static const struct go_pkg go_app_pkgs[] = {
    { "github.com/acme/server/internal/api", ACME "internal/api" },
    { "github.com/acme/server/internal/api/middleware", ACME "internal/api/middleware" },
    { "github.com/acme/server/internal/cart", ACME "internal/cart" },
    { "github.com/acme/server/internal/checkout", ACME "internal/checkout" },
    { "github.com/acme/server/internal/catalog", ACME "internal/catalog" },
    { "github.com/acme/server/internal/inventory", ACME "internal/inventory" },
    { "github.com/acme/server/internal/pricing", ACME "internal/pricing" },
    { "github.com/acme/server/internal/search", ACME "internal/search" },
    { "github.com/acme/server/internal/search/ranking", ACME "internal/search/ranking" },
    { "github.com/acme/server/internal/auth", ACME "internal/auth" },
    { "github.com/acme/server/internal/session", ACME "internal/session" },
    { "github.com/acme/server/internal/storage", ACME "internal/storage" },
    { "github.com/acme/server/internal/storage/pgstore", ACME "internal/storage/pgstore" },
    { "github.com/acme/server/internal/cache", ACME "internal/cache" },
    { "github.com/acme/server/internal/queue", ACME "internal/queue" },
    { "github.com/acme/server/internal/events", ACME "internal/events" },
    { "github.com/acme/server/internal/ratelimit", ACME "internal/ratelimit" },
    { "github.com/acme/server/internal/render", ACME "internal/render" },
    { "github.com/acme/server/internal/recommend", ACME "internal/recommend" },
    { "github.com/acme/server/pkg/codec", ACME "pkg/codec" },
    { "github.com/acme/server/pkg/retry", ACME "pkg/retry" },
    { "github.com/acme/server/pkg/pool", ACME "pkg/pool" },
    { "github.com/acme/server/pkg/tracing", ACME "pkg/tracing" },
    { "github.com/acme/server/pkg/feature", ACME "pkg/feature" },
    { "google.golang.org/grpc", GOMOD "google.golang.org/grpc@v1.64.0" },
    { "google.golang.org/grpc/internal/transport", GOMOD "google.golang.org/grpc@v1.64.0/internal/transport" },
    { "google.golang.org/protobuf/internal/impl", GOMOD "google.golang.org/protobuf@v1.34.1/internal/impl" },
    { "google.golang.org/protobuf/proto", GOMOD "google.golang.org/protobuf@v1.34.1/proto" },
    { "github.com/jackc/pgx/v5", GOMOD "github.com/jackc/pgx/v5@v5.6.0" },
    { "github.com/jackc/pgx/v5/pgconn", GOMOD "github.com/jackc/pgx/v5@v5.6.0/pgconn" },
    { "github.com/jackc/pgx/v5/pgproto3", GOMOD "github.com/jackc/pgx/v5@v5.6.0/pgproto3" },
    { "github.com/redis/go-redis/v9", GOMOD "github.com/redis/go-redis/v9@v9.5.1" },
    { "go.uber.org/zap", GOMOD "go.uber.org/zap@v1.27.0" },
    { "go.uber.org/zap/zapcore", GOMOD "go.uber.org/zap@v1.27.0/zapcore" },
    { "github.com/prometheus/client_golang/prometheus", GOMOD "github.com/prometheus/client_golang@v1.19.1/prometheus" },
    { "go.opentelemetry.io/otel/sdk/trace", GOMOD "go.opentelemetry.io/otel/sdk@v1.27.0/trace" },
    { "golang.org/x/net/http2", GOMOD "golang.org/x/net@v0.26.0/http2" },
    { "github.com/klauspost/compress/zstd", GOMOD "github.com/klauspost/compress@v1.17.8/zstd" },
    { "net/http", NULL },
    { "net", NULL },
    { "encoding/json", NULL },
    { "database/sql", NULL },
    { "crypto/tls", NULL },
    { "compress/flate", NULL },
    { "bufio", NULL },
    { "context", NULL },
    { "io", NULL },
    { "os", NULL },
    { "html/template", NULL },
    { "text/template", NULL },
    { "log/slog", NULL },
    { "net/url", NULL },
    { "mime/multipart", NULL },
    { "regexp", NULL },
    { "math/big", NULL },
    { "crypto/sha256", NULL },
    { "crypto/ecdsa", NULL },
    { "internal/poll", NULL },
};

static const struct go_pkg go_util_pkgs[] = {
    { "bytes", NULL },          { "strings", NULL },        { "strconv", NULL },
    { "unicode/utf8", NULL },   { "sort", NULL },           { "slices", NULL },
    { "maps", NULL },           { "reflect", NULL },        { "encoding/binary", NULL },
    { "hash/crc32", NULL },     { "hash/fnv", NULL },       { "math/bits", NULL },
    { "sync", NULL },           { "sync/atomic", NULL },    { "internal/bytealg", NULL },
    { "errors", NULL },         { "fmt", NULL },            { "time", NULL },
    { "encoding/base64", NULL }, { "container/heap", NULL }, { "internal/abi", NULL },
    { "unicode", NULL },
};

static const char *const go_types[] = {
    "Server", "Handler", "conn", "Client", "Service", "Store", "Repository", "Cache",
    "Pool", "Conn", "Tx", "Rows", "Encoder", "Decoder", "Buffer", "Reader", "Writer",
    "Codec", "Router", "Middleware", "Limiter", "Queue", "Worker", "Batch", "Index",
    "Query", "Builder", "Parser", "Session", "Token", "Span", "Tracer", "Registry",
    "Counter", "Histogram", "Logger", "entry", "state", "decoder", "encodeState",
    "Stream", "Transport", "Frame", "Request", "Response", "Header", "Config",
    "Manager", "Scheduler", "ring", "Map", "tree", "node", "Iterator", "Snapshot",
    "segment", "block", "Table", "Cart", "Order", "Item", "Price", "Quote",
};

static const char *const go_methods[] = {
    "Get", "Put", "Set", "Delete", "Load", "Store", "Save", "Find", "List", "Scan",
    "Exec", "Query", "QueryRow", "Begin", "Commit", "Rollback", "Read", "Write",
    "Flush", "Close", "Open", "Encode", "Decode", "Marshal", "Unmarshal", "Validate",
    "Handle", "ServeHTTP", "Do", "Run", "Start", "Stop", "Next", "Reset", "Len",
    "Grow", "Lookup", "Insert", "Update", "Merge", "Apply", "Render", "Parse",
    "Compile", "Match", "Hash", "Sign", "Verify", "Acquire", "Release", "Wait",
    "Notify", "Observe", "Inc", "Add", "With", "process", "handle", "dispatch",
    "loop", "run", "flush", "fill", "grow", "lookup", "insert", "evict", "refresh",
    "encode", "decode", "parse", "readFrame", "writeFrame", "marshal", "unmarshal",
    "serve", "roundTrip", "check", "compute", "collect", "emit", "prepare",
};

static const char *const cpp_app_ns[] = {
    "acme::codec", "acme::index", "acme::index::detail", "acme::ranking",
    "rocksdb", "snappy", "re2", "google::protobuf::internal",
};

static const char *const cpp_util_ns[] = {
    "acme::util", "absl::hash_internal", "absl::strings_internal",
    "absl::container_internal", "absl::synchronization_internal",
    "google::protobuf::io", "tcmalloc::tcmalloc_internal",
};

static const char *const cpp_classes[] = {
    "BlockBuilder", "BlockIter", "DBImpl", "MemTable", "WriteBatch", "Arena",
    "Compressor", "Decompressor", "HashTable", "RawHashSet", "Parser", "Prog", "DFA",
    "Tokenizer", "Scorer", "PostingList", "Segment", "Cache", "LRUCache", "ThreadPool",
    "Env", "Version", "TableReader", "FilterBlock", "CodedStream", "Mutex", "CordRep",
    "SpanSet", "PageHeap", "Sampler",
};

static const char *const cpp_methods[] = {
    "Add", "Get", "Put", "Next", "Seek", "Finish", "Reset", "Compress", "Uncompress",
    "Lookup", "Insert", "Find", "Resize", "Rehash", "Parse", "Match", "Search", "Score",
    "Merge", "Flush", "Schedule", "Run", "Allocate", "Deallocate", "ReadBlock",
    "WriteBlock", "Encode", "Decode", "Append", "Prefetch", "Refill", "Lock", "Unlock",
};

/* C++ parameter lists and their Itanium manglings. */
static const char *const cpp_params[][2] = {
    { "", "v" },
    { "unsigned long", "m" },
    { "int", "i" },
    { "char const*, unsigned long", "PKcm" },
    { "bool", "b" },
    { "long, int", "li" },
    { "void*", "Pv" },
    { "double", "d" },
    { "unsigned int", "j" },
    { "unsigned long, unsigned long", "mm" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A function of a fixed table. file: absolute, or relative to the Go
 * package's directory; sys NULL: same as name. level 0: only reached through
 * explicit edges; 1..4: also drawn by the utility pools of that level. */
struct fixed_fn {
    const char *name, *sys, *file;
    uint8_t lang, level, root_apps, root_weight;
};

#define GO_FN(n, f, l) { n, NULL, f, LANG_GO, l, 0, 0 }
#define C_FN(n, l) { n, NULL, "", LANG_C, l, 0, 0 }
#define GCC "/build/gcc-12/libstdc++-v3/"
#define GOSRC "/usr/local/go/src/"
#define STR_T "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >"
#define STR_M "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE"

static const struct fixed_fn fixed_fns[] = {
    /* roots and scheduler / GC chains */
    { "runtime.goexit", NULL, "asm_amd64.s", LANG_GO, 0, 10, 88 },
    { "runtime.mstart", NULL, "asm_amd64.s", LANG_GO, 0, 0, 6 },
    { "runtime.main", NULL, "proc.go", LANG_GO, 0, 0, 1 },
    { "clone3", NULL, "", LANG_C, 0, 0, 5 },
    { "main.main", NULL, ACME "cmd/server/main.go", LANG_GO, 0, 6, 0 },
    { "start_thread", NULL, "", LANG_C, 0, 0, 0 },
    /* thread entry chains down to the application's entry points */
    GO_FN("net/http.(*conn).serve", "server.go", 0),
    GO_FN("net/http.serverHandler.ServeHTTP", "server.go", 0),
    GO_FN("net/http.(*ServeMux).ServeHTTP", "server.go", 0),
    { "net/http.HandlerFunc.ServeHTTP", NULL, "server.go", LANG_GO, 0, 10, 0 },
    GO_FN("net/http.(*ServeMux).Handler", "server.go", 0),
    GO_FN("net/http.(*ServeMux).findHandler", "server.go", 0),
    GO_FN("net/http.(*routingNode).match", "routing_tree.go", 0),
    GO_FN("net/http.(*routingNode).matchPath", "routing_tree.go", 0),
    GO_FN("net/http.cleanPath", "server.go", 0),
    GO_FN("path.Clean", "path.go", 0),
    GO_FN("net/http.(*conn).readRequest", "server.go", 0),
    GO_FN("net/http.(*connReader).Read", "server.go", 0),
    GO_FN("net/http.(*response).finishRequest", "server.go", 0),
    GO_FN("net/http.checkConnErrorWriter.Write", "server.go", 0),
    GO_FN("bufio.(*Reader).fill", "bufio.go", 0),
    GO_FN("bufio.(*Writer).Flush", "bufio.go", 0),
    GO_FN("net.(*conn).Read", "net.go", 0),
    GO_FN("net.(*conn).Write", "net.go", 0),
    GO_FN("internal/poll.(*FD).Read", "fd_unix.go", 0),
    GO_FN("internal/poll.(*FD).Write", "fd_unix.go", 0),
    GO_FN("syscall.read", "zsyscall_linux_amd64.go", 0),
    GO_FN("syscall.write", "zsyscall_linux_amd64.go", 0),
    GO_FN("google.golang.org/grpc.(*Server).serveStreams.func2.1", GOMOD "google.golang.org/grpc@v1.64.0/server.go", 0),
    GO_FN("google.golang.org/grpc.(*Server).handleStream", GOMOD "google.golang.org/grpc@v1.64.0/server.go", 0),
    { "google.golang.org/grpc.(*Server).processUnaryRPC", NULL, GOMOD "google.golang.org/grpc@v1.64.0/server.go",
      LANG_GO, 0, 6, 0 },
    { "execute_native_thread_routine", NULL, GCC "src/c++11/thread.cc", LANG_CPP, 0, 0, 0 },
    { "acme::util::ThreadPool::WorkerLoop()", "_ZN4acme4util10ThreadPool10WorkerLoopEv",
      ACME "cpp/acme/util/thread_pool.cc", LANG_CPP, 0, 8, 0 },
    GO_FN("runtime.gcBgMarkWorker", "mgc.go", 0),
    GO_FN("runtime.systemstack", "asm_amd64.s", 0),
    GO_FN("runtime.gcBgMarkWorker.func2", "mgc.go", 0),
    GO_FN("runtime.gcDrain", "mgcmark.go", 0),
    GO_FN("runtime.mstart0", "proc.go", 0),
    GO_FN("runtime.mstart1", "proc.go", 0),
    GO_FN("runtime.schedule", "proc.go", 0),
    GO_FN("runtime.findRunnable", "proc.go", 0),
    GO_FN("runtime.stopm", "proc.go", 0),
    GO_FN("runtime.mPark", "proc.go", 0),
    GO_FN("runtime.notesleep", "lock_futex.go", 0),
    GO_FN("runtime.netpoll", "netpoll_epoll.go", 0),
    GO_FN("runtime.epollwait", "sys_linux_amd64.s", 0),
    GO_FN("runtime.stealWork", "proc.go", 0),
    GO_FN("runtime.runqsteal", "proc.go", 0),
    GO_FN("runtime.runqgrab", "proc.go", 0),
    GO_FN("runtime.checkTimers", "proc.go", 0),
    GO_FN("runtime.park_m", "proc.go", 0),
    GO_FN("runtime.gcAssistAlloc1", "mgcmark.go", 0),
    GO_FN("runtime.gcDrainN", "mgcmark.go", 0),
    GO_FN("sync.runtime_SemacquireMutex", GOSRC "runtime/sema.go", 0),
    GO_FN("sync.runtime_Semrelease", GOSRC "runtime/sema.go", 0),
    /* Go level 1: what compiled application code calls */
    GO_FN("runtime.newobject", "malloc.go", 1),
    GO_FN("runtime.growslice", "slice.go", 1),
    GO_FN("runtime.mapaccess2_faststr", "map_faststr.go", 1),
    GO_FN("runtime.makeslice", "slice.go", 1),
    GO_FN("runtime.mapassign_faststr", "map_faststr.go", 1),
    GO_FN("runtime.concatstrings", "string.go", 1),
    GO_FN("sync.(*Mutex).Lock", "mutex.go", 1),
    GO_FN("runtime.slicebytetostring", "string.go", 1),
    GO_FN("runtime.mapaccess1_fast64", "map_fast64.go", 1),
    GO_FN("runtime.convTstring", "iface.go", 1),
    GO_FN("sync.(*Mutex).Unlock", "mutex.go", 1),
    GO_FN("runtime.typedmemmove", "mbarrier.go", 1),
    GO_FN("runtime.mapiternext", "map.go", 1),
    GO_FN("runtime.assertE2I2", "iface.go", 1),
    GO_FN("runtime.chansend1", "chan.go", 1),
    GO_FN("runtime.chanrecv2", "chan.go", 1),
    GO_FN("runtime.selectgo", "select.go", 1),
    GO_FN("time.Now", "time.go", 1),
    GO_FN("runtime.morestack", "asm_amd64.s", 1),
    GO_FN("fmt.Sprintf", "print.go", 1),
    GO_FN("strconv.AppendInt", "itoa.go", 1),
    GO_FN("bytes.(*Buffer).Write", "buffer.go", 1),
    GO_FN("strings.(*Builder).WriteString", "builder.go", 1),
    GO_FN("strings.Index", "strings.go", 1),
    GO_FN("encoding/json.Marshal", "encode.go", 1),
    GO_FN("encoding/json.Unmarshal", "decode.go", 1),
    GO_FN("sync.(*Pool).Get", "pool.go", 1),
    GO_FN("sync.(*Pool).Put", "pool.go", 1),
    GO_FN("runtime.deferreturn", "panic.go", 1),
    GO_FN("syscall.Syscall", "syscall_linux.go", 1),
    GO_FN("reflect.Value.Field", "value.go", 1),
    GO_FN("context.(*cancelCtx).Done", "context.go", 1),
    /* Go level 2 */
    GO_FN("runtime.mallocgc", "malloc.go", 2),
    GO_FN("runtime.memequal", GOSRC "internal/bytealg/equal_amd64.s", 2),
    GO_FN("runtime.chansend", "chan.go", 2),
    GO_FN("runtime.chanrecv", "chan.go", 2),
    GO_FN("runtime.gopark", "proc.go", 2),
    GO_FN("runtime.newstack", "stack.go", 2),
    GO_FN("runtime.bulkBarrierPreWrite", "mbitmap.go", 2),
    GO_FN("runtime.scanobject", "mgcmark.go", 2),
    GO_FN("runtime.markroot", "mgcmark.go", 2),
    GO_FN("runtime.entersyscall", "proc.go", 2),
    GO_FN("runtime.exitsyscall", "proc.go", 2),
    GO_FN("runtime.goready", "proc.go", 2),
    GO_FN("sync.(*Mutex).lockSlow", "mutex.go", 2),
    GO_FN("sync.(*Mutex).unlockSlow", "mutex.go", 2),
    GO_FN("fmt.(*pp).doPrintf", "print.go", 2),
    GO_FN("strconv.formatBits", "itoa.go", 2),
    GO_FN("bytes.(*Buffer).grow", "buffer.go", 2),
    GO_FN("internal/bytealg.IndexByteString", "indexbyte_amd64.s", 2),
    GO_FN("encoding/json.(*encodeState).marshal", "encode.go", 2),
    GO_FN("encoding/json.(*decodeState).unmarshal", "decode.go", 2),
    /* Go level 3 */
    GO_FN("runtime.memmove", "memmove_amd64.s", 3),
    GO_FN("runtime.(*mcache).nextFree", "malloc.go", 3),
    GO_FN("runtime.memclrNoHeapPointers", "memclr_amd64.s", 3),
    GO_FN("runtime.gcAssistAlloc", "mgcmark.go", 3),
    GO_FN("runtime.heapSetType", "mbitmap.go", 3),
    GO_FN("runtime.mcall", "asm_amd64.s", 3),
    GO_FN("runtime.copystack", "stack.go", 3),
    GO_FN("runtime.greyobject", "mgcmark.go", 3),
    GO_FN("runtime.findObject", "mbitmap.go", 3),
    GO_FN("runtime.(*gcWork).tryGet", "mgcwork.go", 3),
    GO_FN("runtime.casgstatus", "proc.go", 3),
    GO_FN("runtime.ready", "proc.go", 3),
    GO_FN("runtime.lock2", "lock_futex.go", 3),
    GO_FN("runtime.unlock2", "lock_futex.go", 3),
    GO_FN("runtime.semacquire1", "sema.go", 3),
    GO_FN("runtime.semrelease1", "sema.go", 3),
    GO_FN("runtime.walltime", "sys_linux_amd64.s", 3),
    GO_FN("runtime.nanotime1", "sys_linux_amd64.s", 3),
    GO_FN("runtime.aeshashbody", "asm_amd64.s", 3),
    GO_FN("internal/runtime/syscall.Syscall6", "asm_linux_amd64.s", 3),
    GO_FN("fmt.(*pp).printArg", "print.go", 3),
    GO_FN("encoding/json.(*encodeState).reflectValue", "encode.go", 3),
    GO_FN("encoding/json.(*decodeState).object", "decode.go", 3),
    /* Go level 4 */
    GO_FN("runtime.(*mcache).refill", "mcache.go", 4),
    GO_FN("runtime.(*mcentral).cacheSpan", "mcentral.go", 4),
    GO_FN("runtime.(*mheap).alloc", "mheap.go", 4),
    GO_FN("runtime.futex", "sys_linux_amd64.s", 4),
    GO_FN("runtime.futexsleep", "os_linux.go", 4),
    GO_FN("runtime.futexwakeup", "os_linux.go", 4),
    GO_FN("runtime.usleep", "sys_linux_amd64.s", 4),
    GO_FN("runtime.procyield", "asm_amd64.s", 4),
    GO_FN("runtime.osyield", "sys_linux_amd64.s", 4),
    GO_FN("runtime.madvise", "sys_linux_amd64.s", 4),
    GO_FN("runtime.spanOf", "mheap.go", 4),
    GO_FN("runtime.pageIndexOf", "mbitmap.go", 4),
    GO_FN("fmt.(*fmt).fmtInteger", "format.go", 4),
    GO_FN("encoding/json.structEncoder.encode", "encode.go", 4),
    GO_FN("encoding/json.(*decodeState).literalStore", "decode.go", 4),
    /* C++ runtime (statically linked into the main binary) */
    { "operator new(unsigned long)", "_Znwm", GCC "libsupc++/new_op.cc", LANG_CPP, 1, 0, 0 },
    { "operator delete(void*, unsigned long)", "_ZdlPvm", GCC "libsupc++/del_ops.cc", LANG_CPP, 1, 0, 0 },
    { STR_T "::_M_append(char const*, unsigned long)", STR_M "9_M_appendEPKcm",
      "/usr/include/c++/12/bits/basic_string.tcc", LANG_CPP, 1, 0, 0 },
    { "std::_Hash_bytes(void const*, unsigned long, unsigned long)", "_ZSt11_Hash_bytesPKvmm",
      GCC "libsupc++/hash_bytes.cc", LANG_CPP, 1, 0, 0 },
    { "std::condition_variable::wait(std::unique_lock<std::mutex>&)",
      "_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE",
      GCC "src/c++11/condition_variable.cc", LANG_CPP, 1, 0, 0 },
    { "std::__detail::_Prime_rehash_policy::_M_need_rehash(unsigned long, unsigned long, unsigned long) const",
      "_ZNKSt8__detail20_Prime_rehash_policy14_M_need_rehashEmmm",
      GCC "src/c++11/hashtable_c++0x.cc", LANG_CPP, 1, 0, 0 },
    { STR_T "::_M_mutate(unsigned long, unsigned long, char const*, unsigned long)",
      STR_M "9_M_mutateEmmPKcm", "/usr/include/c++/12/bits/basic_string.tcc", LANG_CPP, 2, 0, 0 },
    /* libc: no debug information, so no file names or lines */
    C_FN("__memmove_avx_unaligned_erms", 2),
    C_FN("malloc", 2),
    C_FN("free", 2),
    C_FN("pthread_mutex_lock", 2),
    C_FN("__memcmp_avx2_movbe", 2),
    C_FN("pthread_mutex_unlock", 2),
    C_FN("__memset_avx2_unaligned_erms", 2),
    C_FN("__strlen_avx2", 2),
    C_FN("calloc", 2),
    C_FN("realloc", 2),
    C_FN("clock_gettime", 2),
    C_FN("pthread_cond_wait", 2),
    C_FN("write", 2),
    C_FN("read", 2),
    C_FN("epoll_wait", 2),
    C_FN("__poll", 2),
    C_FN("nanosleep", 2),
    C_FN("sched_yield", 2),
    C_FN("gettimeofday", 2),
    C_FN("time", 2),
    C_FN("sched_getcpu", 2),
    C_FN("_int_malloc", 0),
    C_FN("_int_free", 0),
    C_FN("_int_realloc", 0),
    C_FN("malloc_consolidate", 0),
    C_FN("sysmalloc", 0),
    C_FN("unlink_chunk.isra.0", 0),
    C_FN("__lll_lock_wait", 0),
    C_FN("__lll_lock_wake", 0),
    C_FN("__futex_abstimed_wait_common", 0),
    C_FN("__mmap", 0),
    /* the vDSO */
    C_FN("__vdso_clock_gettime", 0),
    C_FN("__vdso_gettimeofday", 0),
    C_FN("__vdso_time", 0),
    C_FN("__vdso_getcpu", 0),
};

/* Thread entry chains: the first application-class calls of these
 * functions, so the walks take them with the highest weight (goroutines
 * mostly serve HTTP requests, then gRPC calls, then other work). */
static const char *const entry_edges[][2] = {
    { "runtime.goexit", "net/http.(*conn).serve" },
    { "runtime.goexit", "google.golang.org/grpc.(*Server).serveStreams.func2.1" },
    { "net/http.(*conn).serve", "net/http.serverHandler.ServeHTTP" },
    { "net/http.serverHandler.ServeHTTP", "net/http.(*ServeMux).ServeHTTP" },
    { "net/http.(*ServeMux).ServeHTTP", "net/http.HandlerFunc.ServeHTTP" },
    { "google.golang.org/grpc.(*Server).serveStreams.func2.1", "google.golang.org/grpc.(*Server).handleStream" },
    { "google.golang.org/grpc.(*Server).handleStream", "google.golang.org/grpc.(*Server).processUnaryRPC" },
    { "start_thread", "execute_native_thread_routine" },
    { "execute_native_thread_routine", "acme::util::ThreadPool::WorkerLoop()" },
};

/* Calls that are always made (the only calls of the functions listed). */
static const char *const explicit_edges[][2] = {
    { "net/http.(*conn).serve", "net/http.(*conn).readRequest" },
    { "net/http.(*conn).serve", "net/http.(*response).finishRequest" },
    { "net/http.(*ServeMux).ServeHTTP", "net/http.(*ServeMux).Handler" },
    { "net/http.(*ServeMux).Handler", "net/http.(*ServeMux).findHandler" },
    { "net/http.(*ServeMux).findHandler", "net/http.(*routingNode).match" },
    { "net/http.(*ServeMux).findHandler", "net/http.cleanPath" },
    { "net/http.(*routingNode).match", "net/http.(*routingNode).matchPath" },
    { "net/http.cleanPath", "path.Clean" },
    { "path.Clean", "runtime.slicebytetostring" },
    { "net/http.(*conn).readRequest", "bufio.(*Reader).fill" },
    { "bufio.(*Reader).fill", "net/http.(*connReader).Read" },
    { "net/http.(*connReader).Read", "net.(*conn).Read" },
    { "net.(*conn).Read", "internal/poll.(*FD).Read" },
    { "internal/poll.(*FD).Read", "syscall.read" },
    { "syscall.read", "syscall.Syscall" },
    { "net/http.(*response).finishRequest", "bufio.(*Writer).Flush" },
    { "bufio.(*Writer).Flush", "net/http.checkConnErrorWriter.Write" },
    { "net/http.checkConnErrorWriter.Write", "net.(*conn).Write" },
    { "net.(*conn).Write", "internal/poll.(*FD).Write" },
    { "internal/poll.(*FD).Write", "syscall.write" },
    { "syscall.write", "syscall.Syscall" },
    { "runtime.goexit", "runtime.gcBgMarkWorker" },
    { "runtime.gcBgMarkWorker", "runtime.systemstack" },
    { "runtime.systemstack", "runtime.gcBgMarkWorker.func2" },
    { "runtime.gcBgMarkWorker.func2", "runtime.gcDrain" },
    { "runtime.gcDrain", "runtime.scanobject" },
    { "runtime.gcDrain", "runtime.markroot" },
    { "runtime.gcDrain", "runtime.(*gcWork).tryGet" },
    { "runtime.scanobject", "runtime.greyobject" },
    { "runtime.scanobject", "runtime.findObject" },
    { "runtime.markroot", "runtime.greyobject" },
    { "runtime.greyobject", "runtime.pageIndexOf" },
    { "runtime.findObject", "runtime.spanOf" },
    { "runtime.mstart", "runtime.mstart0" },
    { "runtime.mstart0", "runtime.mstart1" },
    { "runtime.mstart1", "runtime.schedule" },
    { "runtime.schedule", "runtime.findRunnable" },
    { "runtime.findRunnable", "runtime.stopm" },
    { "runtime.findRunnable", "runtime.netpoll" },
    { "runtime.findRunnable", "runtime.stealWork" },
    { "runtime.findRunnable", "runtime.checkTimers" },
    { "runtime.stopm", "runtime.mPark" },
    { "runtime.mPark", "runtime.notesleep" },
    { "runtime.notesleep", "runtime.futexsleep" },
    { "runtime.futexsleep", "runtime.futex" },
    { "runtime.futexwakeup", "runtime.futex" },
    { "runtime.netpoll", "runtime.epollwait" },
    { "runtime.stealWork", "runtime.runqsteal" },
    { "runtime.runqsteal", "runtime.runqgrab" },
    { "runtime.runqgrab", "runtime.usleep" },
    { "runtime.checkTimers", "runtime.nanotime1" },
    { "runtime.main", "main.main" },
    { "runtime.newobject", "runtime.mallocgc" },
    { "runtime.makeslice", "runtime.mallocgc" },
    { "runtime.growslice", "runtime.mallocgc" },
    { "runtime.growslice", "runtime.memmove" },
    { "runtime.concatstrings", "runtime.mallocgc" },
    { "runtime.concatstrings", "runtime.memmove" },
    { "runtime.slicebytetostring", "runtime.mallocgc" },
    { "runtime.slicebytetostring", "runtime.memmove" },
    { "runtime.convTstring", "runtime.mallocgc" },
    { "runtime.mapassign_faststr", "runtime.aeshashbody" },
    { "runtime.mapassign_faststr", "runtime.newobject" },
    { "runtime.mapaccess2_faststr", "runtime.aeshashbody" },
    { "runtime.mapaccess2_faststr", "runtime.memequal" },
    { "runtime.chansend1", "runtime.chansend" },
    { "runtime.chanrecv2", "runtime.chanrecv" },
    { "runtime.chansend", "runtime.gopark" },
    { "runtime.chansend", "runtime.goready" },
    { "runtime.chansend", "runtime.lock2" },
    { "runtime.chanrecv", "runtime.gopark" },
    { "runtime.chanrecv", "runtime.lock2" },
    { "runtime.selectgo", "runtime.gopark" },
    { "runtime.selectgo", "runtime.lock2" },
    { "runtime.gopark", "runtime.mcall" },
    { "runtime.mcall", "runtime.park_m" },
    { "runtime.park_m", "runtime.schedule" },
    { "runtime.goready", "runtime.ready" },
    { "runtime.ready", "runtime.casgstatus" },
    { "runtime.mallocgc", "runtime.(*mcache).nextFree" },
    { "runtime.mallocgc", "runtime.memclrNoHeapPointers" },
    { "runtime.mallocgc", "runtime.gcAssistAlloc" },
    { "runtime.mallocgc", "runtime.heapSetType" },
    { "runtime.(*mcache).nextFree", "runtime.(*mcache).refill" },
    { "runtime.(*mcache).refill", "runtime.(*mcentral).cacheSpan" },
    { "runtime.(*mcentral).cacheSpan", "runtime.(*mheap).alloc" },
    { "runtime.(*mheap).alloc", "runtime.lock2" },
    { "runtime.(*mheap).alloc", "runtime.madvise" },
    { "runtime.lock2", "runtime.procyield" },
    { "runtime.lock2", "runtime.osyield" },
    { "runtime.lock2", "runtime.futexsleep" },
    { "runtime.unlock2", "runtime.futexwakeup" },
    { "runtime.gcAssistAlloc", "runtime.gcAssistAlloc1" },
    { "runtime.gcAssistAlloc1", "runtime.gcDrainN" },
    { "runtime.gcDrainN", "runtime.scanobject" },
    { "runtime.morestack", "runtime.newstack" },
    { "runtime.newstack", "runtime.copystack" },
    { "runtime.copystack", "runtime.memmove" },
    { "runtime.typedmemmove", "runtime.bulkBarrierPreWrite" },
    { "runtime.typedmemmove", "runtime.memmove" },
    { "sync.(*Mutex).Lock", "sync.(*Mutex).lockSlow" },
    { "sync.(*Mutex).lockSlow", "sync.runtime_SemacquireMutex" },
    { "sync.runtime_SemacquireMutex", "runtime.semacquire1" },
    { "runtime.semacquire1", "runtime.gopark" },
    { "sync.(*Mutex).Unlock", "sync.(*Mutex).unlockSlow" },
    { "sync.(*Mutex).unlockSlow", "sync.runtime_Semrelease" },
    { "sync.runtime_Semrelease", "runtime.semrelease1" },
    { "runtime.semrelease1", "runtime.goready" },
    { "time.Now", "runtime.walltime" },
    { "time.Now", "runtime.nanotime1" },
    { "runtime.walltime", "__vdso_clock_gettime" },
    { "runtime.nanotime1", "__vdso_clock_gettime" },
    { "syscall.Syscall", "runtime.entersyscall" },
    { "syscall.Syscall", "internal/runtime/syscall.Syscall6" },
    { "syscall.Syscall", "runtime.exitsyscall" },
    { "fmt.Sprintf", "fmt.(*pp).doPrintf" },
    { "fmt.Sprintf", "sync.(*Pool).Get" },
    { "fmt.Sprintf", "runtime.slicebytetostring" },
    { "fmt.(*pp).doPrintf", "fmt.(*pp).printArg" },
    { "fmt.(*pp).printArg", "fmt.(*fmt).fmtInteger" },
    { "strconv.AppendInt", "strconv.formatBits" },
    { "bytes.(*Buffer).Write", "bytes.(*Buffer).grow" },
    { "bytes.(*Buffer).Write", "runtime.memmove" },
    { "bytes.(*Buffer).grow", "runtime.growslice" },
    { "strings.(*Builder).WriteString", "runtime.growslice" },
    { "strings.(*Builder).WriteString", "runtime.memmove" },
    { "strings.Index", "internal/bytealg.IndexByteString" },
    { "encoding/json.Marshal", "encoding/json.(*encodeState).marshal" },
    { "encoding/json.(*encodeState).marshal", "encoding/json.(*encodeState).reflectValue" },
    { "encoding/json.(*encodeState).reflectValue", "encoding/json.structEncoder.encode" },
    { "encoding/json.structEncoder.encode", "strconv.AppendInt" },
    { "encoding/json.structEncoder.encode", "bytes.(*Buffer).Write" },
    { "encoding/json.Unmarshal", "encoding/json.(*decodeState).unmarshal" },
    { "encoding/json.(*decodeState).unmarshal", "encoding/json.(*decodeState).object" },
    { "encoding/json.(*decodeState).object", "reflect.Value.Field" },
    { "encoding/json.(*decodeState).object", "runtime.mapassign_faststr" },
    { "encoding/json.(*decodeState).object", "encoding/json.(*decodeState).literalStore" },
    { "encoding/json.(*decodeState).literalStore", "runtime.slicebytetostring" },
    { "operator new(unsigned long)", "malloc" },
    { "operator delete(void*, unsigned long)", "free" },
    { STR_T "::_M_append(char const*, unsigned long)",
      STR_T "::_M_mutate(unsigned long, unsigned long, char const*, unsigned long)" },
    { STR_T "::_M_append(char const*, unsigned long)", "__memmove_avx_unaligned_erms" },
    { STR_T "::_M_mutate(unsigned long, unsigned long, char const*, unsigned long)",
      "operator new(unsigned long)" },
    { STR_T "::_M_mutate(unsigned long, unsigned long, char const*, unsigned long)",
      "__memmove_avx_unaligned_erms" },
    { "std::condition_variable::wait(std::unique_lock<std::mutex>&)", "pthread_cond_wait" },
    { "clone3", "start_thread" },
    { "malloc", "_int_malloc" },
    { "calloc", "_int_malloc" },
    { "calloc", "__memset_avx2_unaligned_erms" },
    { "realloc", "_int_realloc" },
    { "_int_realloc", "_int_malloc" },
    { "_int_realloc", "__memmove_avx_unaligned_erms" },
    { "_int_realloc", "_int_free" },
    { "free", "_int_free" },
    { "_int_malloc", "malloc_consolidate" },
    { "_int_malloc", "sysmalloc" },
    { "_int_malloc", "unlink_chunk.isra.0" },
    { "_int_free", "unlink_chunk.isra.0" },
    { "malloc_consolidate", "unlink_chunk.isra.0" },
    { "sysmalloc", "__mmap" },
    { "pthread_mutex_lock", "__lll_lock_wait" },
    { "pthread_mutex_unlock", "__lll_lock_wake" },
    { "pthread_cond_wait", "__futex_abstimed_wait_common" },
    { "clock_gettime", "__vdso_clock_gettime" },
    { "gettimeofday", "__vdso_gettimeofday" },
    { "time", "__vdso_time" },
    { "sched_getcpu", "__vdso_getcpu" },
};

static const char *const handlers[N_HANDLERS] = {
    "/api/v1/cart", "/api/v1/cart/items", "/api/v1/checkout", "/api/v1/orders",
    "/api/v1/orders/{id}", "/api/v1/catalog/search", "/api/v1/catalog/items/{id}",
    "/api/v1/inventory", "/api/v1/pricing/quote", "/api/v1/session", "/api/v1/auth/token",
    "/acme.cart.v1.CartService/AddItem", "/acme.search.v1.Search/Query", "/healthz",
    "/metrics", "/debug/pprof/profile",
};

/* Add a function (copying its strings) unless its name is taken; returns its
 * index, or NONE for a duplicate name. */
static uint32_t add_func(struct gen *g, const char *name, const char *sys, const char *file,
                         uint8_t lang, uint8_t kind, uint8_t level)
{
    bool fresh;
    uint32_t *slot = strmap_slot(&g->names, name, &fresh);
    if (!fresh)
        return NONE;
    if (g->nfn == g->capfn) {
        g->capfn = g->capfn ? g->capfn * 2 : 1024;
        g->fn = xreallocarray(g->fn, g->capfn, sizeof *g->fn);
    }
    uint32_t i = g->nfn++;
    *slot = i;
    struct func *f = &g->fn[i];
    memset(f, 0, sizeof *f);
    f->name = xstrdup(name);
    f->sys = xstrdup(sys ? sys : name);
    f->file = xstrdup(file);
    f->lang = lang;
    f->kind = kind;
    f->level = level;
    f->mapping = lang == LANG_C ? MAP_LIBC : MAP_MAIN;
    if (strncmp(name, "__vdso_", 7) == 0)
        f->mapping = MAP_VDSO;
    if (lang != LANG_C) {
        f->start_line = 20 + rnd_below(g, 1500);
        f->n_lines = 6 + rnd_below(g, 120);
    }
    return i;
}

/* The index of the function called name; dies if there is none. */
static uint32_t func_by_name(struct gen *g, const char *name)
{
    for (size_t j = hash_str(name) & (g->names.cap - 1); g->names.key[j];
         j = (j + 1) & (g->names.cap - 1))
        if (strcmp(g->names.key[j], name) == 0)
            return g->names.val[j];
    die_internal("unknown function", name);
    return NONE;
}

/* Write the Go package directory of pkg into buf. */
static void go_dir(const struct go_pkg *pkg, char *buf, size_t cap)
{
    if (pkg->dir)
        snprintf(buf, cap, "%s", pkg->dir);
    else
        snprintf(buf, cap, "/usr/local/go/src/%s", pkg->path);
}

/* Lower-case copy of s into buf (for Go file names). */
static void lower_copy(const char *s, char *buf, size_t cap)
{
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++)
        buf[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
    buf[i] = '\0';
}

/* Add one generated Go function from one of pkgs (n of them); NONE if the
 * name was taken. */
static uint32_t gen_go_func(struct gen *g, const struct go_pkg *pkgs, size_t n, uint8_t kind,
                            uint8_t level)
{
    const struct go_pkg *pkg = &pkgs[rnd_below(g, (uint32_t)n)];
    const char *type = go_types[rnd_below(g, COUNT(go_types))];
    const char *method = go_methods[rnd_below(g, COUNT(go_methods))];
    char name[512], file[512], dir[256], base[64];
    uint32_t form = rnd_below(g, 100), k = 1 + rnd_below(g, 3);
    bool typed = true;
    if (form < 40) {
        snprintf(name, sizeof name, "%s.(*%s).%s", pkg->path, type, method);
    } else if (form < 50) {
        snprintf(name, sizeof name, "%s.%s.%s", pkg->path, type, method);
    } else if (form < 62) {
        snprintf(name, sizeof name, "%s.%s", pkg->path, method);
        typed = false;
    } else if (form < 70) {
        snprintf(name, sizeof name, "%s.new%s", pkg->path, type);
    } else if (form < 82) {
        snprintf(name, sizeof name, "%s.(*%s).%s.func%u", pkg->path, type, method, (unsigned)k);
    } else if (form < 90) {
        snprintf(name, sizeof name, "%s.%s.func%u", pkg->path, method, (unsigned)k);
        typed = false;
    } else if (form < 95) {
        snprintf(name, sizeof name, "%s.%s[...]", pkg->path, method);
        typed = false;
    } else {
        snprintf(name, sizeof name, "%s.(*%s[...]).%s", pkg->path, type, method);
    }
    go_dir(pkg, dir, sizeof dir);
    if (typed) {
        lower_copy(type, base, sizeof base);
    } else {
        const char *slash = strrchr(pkg->path, '/');
        snprintf(base, sizeof base, "%s", slash ? slash + 1 : pkg->path);
    }
    snprintf(file, sizeof file, "%s/%s.go", dir, base);
    return add_func(g, name, NULL, file, LANG_GO, kind, level);
}

/* Append the Itanium encoding of a "::"-separated name to buf. */
static void mangle_components(const char *qualified, char *buf, size_t cap)
{
    const char *p = qualified;
    while (*p) {
        const char *end = strstr(p, "::");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t used = strlen(buf);
        snprintf(buf + used, cap - used, "%zu%.*s", len, (int)len, p);
        p += len;
        if (*p)
            p += 2;
    }
}

/* Add one generated C++ function in one of namespaces (n of them), with a
 * matching mangled system name; NONE if the name was taken. */
static uint32_t gen_cpp_func(struct gen *g, const char *const *namespaces, size_t n, uint8_t kind,
                             uint8_t level)
{
    const char *ns = namespaces[rnd_below(g, (uint32_t)n)];
    const char *cls = cpp_classes[rnd_below(g, COUNT(cpp_classes))];
    const char *method = cpp_methods[rnd_below(g, COUNT(cpp_methods))];
    const char *const *param = cpp_params[rnd_below(g, COUNT(cpp_params))];
    bool is_const = chance(g, 25);
    char name[512], sys[512], qualified[256], file[512], dir[256], base[64];
    snprintf(qualified, sizeof qualified, "%s::%s::%s", ns, cls, method);
    snprintf(name, sizeof name, "%s(%s)%s", qualified, param[0], is_const ? " const" : "");
    snprintf(sys, sizeof sys, "_ZN%s", is_const ? "K" : "");
    mangle_components(qualified, sys, sizeof sys);
    size_t used = strlen(sys);
    snprintf(sys + used, sizeof sys - used, "E%s", param[1]);
    /* file: /build/server/cpp/NS/DIRS/snake_case_class.cc */
    size_t d = 0;
    for (const char *p = ns; *p && d + 2 < sizeof dir; p++) {
        if (p[0] == ':' && p[1] == ':') {
            dir[d++] = '/';
            p++;
        } else {
            dir[d++] = *p;
        }
    }
    dir[d] = '\0';
    size_t b = 0;
    for (const char *p = cls; *p && b + 3 < sizeof base; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            if (p != cls && !(p[-1] >= 'A' && p[-1] <= 'Z'))
                base[b++] = '_';
            base[b++] = (char)(*p - 'A' + 'a');
        } else {
            base[b++] = *p;
        }
    }
    base[b] = '\0';
    snprintf(file, sizeof file, ACME "cpp/%s/%s.cc", dir, base);
    return add_func(g, name, sys, file, LANG_CPP, kind, level);
}

/* The file of a fixed function: absolute, or under its Go package's directory. */
static void fixed_file(const struct fixed_fn *f, char *buf, size_t cap)
{
    if (f->lang != LANG_GO || f->file[0] == '/') {
        snprintf(buf, cap, "%s", f->file);
        return;
    }
    /* package path: up to the first '.' after the last '/' of the name's prefix */
    const char *paren = strchr(f->name, '(');
    size_t limit = paren ? (size_t)(paren - f->name) : strlen(f->name);
    size_t slash = 0;
    for (size_t i = 0; i < limit; i++)
        if (f->name[i] == '/')
            slash = i + 1;
    const char *dot = strchr(f->name + slash, '.');
    size_t len = dot ? (size_t)(dot - f->name) : limit;
    snprintf(buf, cap, "/usr/local/go/src/%.*s/%s", (int)len, f->name, f->file);
}

/* Create every function: the fixed tables, then generated application and
 * utility functions, and fill the pools they are drawn from. */
static void make_functions(struct gen *g)
{
    char file[512];
    for (size_t i = 0; i < COUNT(fixed_fns); i++) {
        const struct fixed_fn *f = &fixed_fns[i];
        fixed_file(f, file, sizeof file);
        uint8_t kind = (f->root_apps || f->root_weight) ? KIND_ROOT : KIND_UTIL;
        uint32_t k = add_func(g, f->name, f->sys, file, f->lang, kind, f->level);
        if (k == NONE)
            die_internal("duplicate fixed function", f->name);
        g->fn[k].root_apps = f->root_apps;
        if (f->root_weight)
            pool_add(&g->roots, k, f->root_weight);
        if (f->level) {
            pool_add(&g->util_fixed[f->lang][f->level], k, 0);
            pool_add(&g->util_all[f->lang][f->level], k, 0);
        }
    }
    g->goexit = func_by_name(g, "runtime.goexit");
    for (size_t i = 0; i < COUNT(explicit_edges); i++) {
        struct func *caller = &g->fn[func_by_name(g, explicit_edges[i][0])];
        if (caller->n_explicit == MAX_EXPLICIT)
            die_internal("too many explicit calls from", caller->name);
        caller->explicit_callee[caller->n_explicit++] = func_by_name(g, explicit_edges[i][1]);
    }
    for (size_t i = 0; i < COUNT(entry_edges); i++) {
        struct func *caller = &g->fn[func_by_name(g, entry_edges[i][0])];
        if (caller->n_entry == MAX_ENTRY)
            die_internal("too many entry calls from", caller->name);
        caller->entry_callee[caller->n_entry++] = func_by_name(g, entry_edges[i][1]);
    }
    /* utilities: levels 1 and 2, after the fixed ones so those rank first */
    for (uint32_t made = 0; made < N_GO_UTIL;) {
        uint8_t level = (uint8_t)(chance(g, 55) ? 1 : 2);
        uint32_t k = gen_go_func(g, go_util_pkgs, COUNT(go_util_pkgs), KIND_UTIL, level);
        if (k == NONE)
            continue;
        g->fn[k].generated = 1;
        pool_add(&g->util_all[LANG_GO][level], k, 0);
        pool_add(&g->inline_pool[LANG_GO], k, 0);
        made++;
    }
    for (uint32_t made = 0; made < N_CPP_UTIL;) {
        uint8_t level = (uint8_t)(chance(g, 60) ? 1 : 2);
        uint32_t k = gen_cpp_func(g, cpp_util_ns, COUNT(cpp_util_ns), KIND_UTIL, level);
        if (k == NONE)
            continue;
        g->fn[k].generated = 1;
        pool_add(&g->util_all[LANG_CPP][level], k, 0);
        pool_add(&g->inline_pool[LANG_CPP], k, 0);
        made++;
    }
    /* application functions, spread over the layers */
    for (uint32_t made = 0; made < N_APP;) {
        bool cpp = chance(g, CPP_APP_PERCENT);
        uint32_t k = cpp ? gen_cpp_func(g, cpp_app_ns, COUNT(cpp_app_ns), KIND_APP, 0)
                         : gen_go_func(g, go_app_pkgs, COUNT(go_app_pkgs), KIND_APP, 0);
        if (k == NONE)
            continue;
        struct func *f = &g->fn[k];
        f->generated = 1;
        /* few entry points, fanning out: 12, 28 and 50 functions in layers 1..3 */
        f->layer = (uint16_t)(made < 12 ? 1 : made < 40 ? 2 : made < 90 ? 3 : 4 + rnd_below(g, N_LAYERS - 3));
        pool_add(&g->app[f->layer][cpp ? LANG_CPP : LANG_GO], k, 0);
        made++;
    }
    pool_finish(&g->roots, 0);
    for (int l = 1; l <= N_LAYERS; l++)
        for (int lang = 0; lang < 2; lang++)
            pool_finish(&g->app[l][lang], 0);
    for (int lang = 0; lang < N_LANGS; lang++) {
        for (int l = 1; l < N_LEVELS; l++) {
            pool_finish(&g->util_all[lang][l], 1);
            pool_finish(&g->util_fixed[lang][l], 1);
        }
    }
    pool_finish(&g->inline_pool[LANG_GO], 0);
    pool_finish(&g->inline_pool[LANG_CPP], 0);
}

/* ---- call graph: edges and their locations ------------------------------ */

/* An application callee for a caller of language lang at layer (0: a root):
 * the next layer (85%) or the one after, Go callers below the roots reaching
 * C++ 4% of the time; NONE when those layers are empty. */
static uint32_t pick_app_callee(struct gen *g, uint8_t lang, uint32_t layer)
{
    uint32_t target = layer + (layer && chance(g, 15) ? 2 : 1);
    if (target > N_LAYERS)
        target = N_LAYERS;
    int want = lang == LANG_GO ? (layer && chance(g, 4) ? LANG_CPP : LANG_GO) : LANG_CPP;
    for (uint32_t l = target; l >= layer + 1 && l <= N_LAYERS; l--) {
        if (g->app[l][want].n)
            return pool_pick(g, &g->app[l][want]);
        if (lang == LANG_GO && g->app[l][LANG_GO].n)
            return pool_pick(g, &g->app[l][LANG_GO]);
    }
    return NONE;
}

/* A utility callee for function f (not from the explicit table); NONE if none fits. */
static uint32_t pick_util_callee(struct gen *g, const struct func *f)
{
    const struct pool *p = NULL;
    if (f->kind == KIND_APP) {
        if (f->lang == LANG_GO)
            p = &g->util_all[LANG_GO][1];
        else
            p = chance(g, 70) ? &g->util_all[LANG_CPP][1] : &g->util_fixed[LANG_C][2];
    } else if (f->lang == LANG_GO) {
        uint32_t level = f->level + (chance(g, 75) ? 1 : 2);
        if (level >= N_LEVELS)
            level = N_LEVELS - 1;
        p = &g->util_all[LANG_GO][level];
    } else if (f->lang == LANG_CPP) {
        p = (f->level == 1 && chance(g, 60)) ? &g->util_all[LANG_CPP][2] : &g->util_fixed[LANG_C][2];
    }
    return (p && p->n) ? pool_pick(g, p) : NONE;
}

/* Give callee a caller: the first function of the pool with room, starting
 * at a random one, must call it. False when all of them are full. */
static bool force_caller(struct gen *g, const struct pool *p, uint32_t callee)
{
    if (!p->n)
        return false;
    uint32_t start = rnd_below(g, p->n);
    for (uint32_t j = 0; j < p->n; j++) {
        struct func *c = &g->fn[p->item[(start + j) % p->n]];
        if (c->n_forced < MAX_FORCED) {
            c->forced_callee[c->n_forced++] = callee;
            return true;
        }
    }
    return false;
}

/* Make every application function reachable: each gets one caller in the
 * layer above (of its own language when there is one), or a root in layer 1.
 * The other call sites are drawn with Zipf weights, so callees are shared. */
static void force_callers(struct gen *g)
{
    struct pool root_go = { 0 }, root_cpp = { 0 };
    pool_add(&root_go, func_by_name(g, "net/http.HandlerFunc.ServeHTTP"), 1);
    pool_add(&root_go, func_by_name(g, "google.golang.org/grpc.(*Server).processUnaryRPC"), 1);
    pool_add(&root_go, g->goexit, 1);
    pool_add(&root_go, func_by_name(g, "main.main"), 1);
    pool_add(&root_cpp, func_by_name(g, "acme::util::ThreadPool::WorkerLoop()"), 1);
    for (uint32_t l = 1; l <= N_LAYERS; l++) {
        for (int lang = 0; lang < 2; lang++) {
            const struct pool *callees = &g->app[l][lang];
            /* when every candidate is full the function stays unreached (never sampled) */
            for (uint32_t i = 0; i < callees->n; i++) {
                uint32_t c = callees->item[i];
                if (l == 1)
                    force_caller(g, lang == LANG_GO ? &root_go : &root_cpp, c);
                else if (!force_caller(g, &g->app[l - 1][lang], c))
                    force_caller(g, &g->app[l - 1][LANG_GO], c);
            }
        }
    }
    pool_free(&root_go);
    pool_free(&root_cpp);
}

/* A line inside the body of function fi (0 when it has no line numbers). */
static uint32_t body_line(struct gen *g, uint32_t fi)
{
    const struct func *lf = &g->fn[fi];
    return lf->start_line ? lf->start_line + 1 + rnd_below(g, lf->n_lines) : 0;
}

/* The number of call sites of a new edge: most calls are made from one
 * place, some from two or more (a callee called in a loop and after it, on
 * both sides of a branch, for several fields...). */
static uint32_t draw_sites(struct gen *g)
{
    uint32_t r = rnd_below(g, 100);
    return r < 50 ? 1 : r < 78 ? 2 : r < 91 ? 3 : r < 97 ? 4 : 5;
}

/* Append an edge: owner calls callee (NONE: owner is on CPU), directly or
 * through inlined functions, from n_sites locations. The locations share the
 * inline chain and the outer lines and differ in the innermost line; their
 * addresses are given by place_sites. */
static void add_edge(struct gen *g, uint32_t owner, uint32_t callee, uint32_t n_sites,
                     bool inlined)
{
    if (g->nedge == g->capedge) {
        g->capedge = g->capedge ? g->capedge * 2 : 4096;
        g->edge = xreallocarray(g->edge, g->capedge, sizeof *g->edge);
    }
    uint32_t ei = g->nedge++;
    struct edge *e = &g->edge[ei];
    memset(e, 0, sizeof *e);
    const struct func *f = &g->fn[owner];
    e->owner = owner;
    e->callee = callee;
    e->inl[0] = e->inl[1] = NONE;
    if (inlined && f->lang != LANG_C) {
        const struct pool *p = &g->inline_pool[f->lang];
        uint32_t want = chance(g, 70) ? 1 : 2;
        for (uint32_t i = 0; i < want; i++) {
            uint32_t in = pool_pick(g, p);
            if (in != owner && in != callee && (i == 0 || in != e->inl[0]))
                e->inl[e->n_inl++] = in;
        }
    }
    /* level j of a line: 0 innermost .. n_inl the owner */
    uint32_t level_fn[3], outer[3] = { 0, 0, 0 };
    for (uint32_t j = 0; j <= e->n_inl; j++)
        level_fn[j] = j < e->n_inl ? e->inl[e->n_inl - 1 - j] : owner;
    for (uint32_t j = 1; j <= e->n_inl; j++)
        outer[j] = body_line(g, level_fn[j]);
    e->first_site = g->nsite;
    e->n_sites = n_sites;
    for (uint32_t k = 0; k < n_sites; k++) {
        if (g->nsite == g->capsite) {
            g->capsite = g->capsite ? g->capsite * 2 : 4096;
            g->site = xreallocarray(g->site, g->capsite, sizeof *g->site);
        }
        struct site *s = &g->site[g->nsite++];
        memset(s, 0, sizeof *s);
        s->edge = ei;
        s->line[0] = body_line(g, level_fn[0]);
        for (uint32_t j = 1; j <= e->n_inl; j++)
            s->line[j] = outer[j];
    }
}

/* Add callee c to the n callees in list[from..n): a new edge with
 * draw_sites() call sites, or one more call site of an edge it already has. */
static void add_callee(struct gen *g, uint32_t *list, uint32_t *nsites, uint32_t *n, uint32_t from,
                       uint32_t c, uint32_t owner)
{
    if (c == NONE || c == owner)
        return;
    for (uint32_t j = from; j < *n; j++) {
        if (list[j] == c) {
            if (nsites[j] < MAX_EDGE_SITES)
                nsites[j]++;
            return;
        }
    }
    if (*n == MAX_SITES)
        die_internal("too many callees in", g->fn[owner].name);
    list[*n] = c;
    nsites[*n] = draw_sites(g);
    (*n)++;
}

/* Give the locations of function i (sites first .. g->nsite) addresses in
 * its mapping, in a shuffled order: call sites of different callees and the
 * sampled PCs interleave in the function's code. */
static void place_sites(struct gen *g, uint32_t i, uint32_t first)
{
    uint32_t order[MAX_FN_SITES], n = g->nsite - first;
    if (n > MAX_FN_SITES)
        die_internal("too many locations in", g->fn[i].name);
    for (uint32_t k = 0; k < n; k++)
        order[k] = first + k;
    for (uint32_t k = n; k > 1; k--) {
        uint32_t j = rnd_below(g, k), t = order[k - 1];
        order[k - 1] = order[j];
        order[j] = t;
    }
    const struct func *f = &g->fn[i];
    uint64_t base = g->next_addr[f->mapping];
    uint64_t off = 4 + rnd_below(g, 28);
    for (uint32_t k = 0; k < n; k++) {
        g->site[order[k]].addr = base + off;
        off += 3 + rnd_below(g, 90);
    }
    g->next_addr[f->mapping] = (base + off + 16 + 15) & ~(uint64_t)15;
}

/* Lay out the edges and locations of every function: its calls into the
 * application (thread entry chains first, then forced and drawn callees,
 * shuffled), its other calls (explicit ones, or drawn utility callees), and
 * 2..8 sampled PCs (a CPU profile's leaf is the interrupted instruction),
 * grouped into one edge of direct PCs and one edge per PC inside inlined
 * code. */
static void make_sites(struct gen *g)
{
    g->map_start[MAP_MAIN] = 0x400000;
    g->next_addr[MAP_MAIN] = 0x401000;
    g->map_start[MAP_LIBC] = 0x7f3a1c628000ULL;
    g->next_addr[MAP_LIBC] = 0x7f3a1c628000ULL + 0x1000;
    g->map_start[MAP_VDSO] = 0x7ffd2a5f1000ULL;
    g->next_addr[MAP_VDSO] = 0x7ffd2a5f1000ULL + 0x600;
    for (uint32_t i = 0; i < g->nfn; i++) {
        struct func *f = &g->fn[i];
        uint32_t callee[MAX_SITES], nsites[MAX_SITES];
        uint32_t n_app = 0, n = 0;
        for (uint32_t k = 0; k < f->n_entry; k++) {
            callee[n] = f->entry_callee[k];
            nsites[n++] = 1;
        }
        uint32_t fixed = n;
        if (f->kind == KIND_ROOT || f->kind == KIND_APP) {
            /* most functions are wrappers or steps with one callee; the rest branch */
            uint32_t want = f->kind == KIND_ROOT ? f->root_apps
                            : chance(g, 55)      ? 1
                                                 : 2 + rnd_below(g, 5);
            uint8_t lang = f->lang == LANG_C ? LANG_CPP : f->lang;
            for (uint32_t k = 0; k < f->n_forced; k++)
                add_callee(g, callee, nsites, &n, fixed, f->forced_callee[k], i);
            for (uint32_t k = f->n_forced; k < want; k++)
                add_callee(g, callee, nsites, &n, fixed,
                           pick_app_callee(g, lang, f->kind == KIND_ROOT ? 0 : f->layer), i);
            /* shuffle, so the forced callees are not always the hot first edges */
            for (uint32_t k = n - fixed; k > 1; k--) {
                uint32_t j = fixed + rnd_below(g, k), t = callee[fixed + k - 1],
                         ts = nsites[fixed + k - 1];
                callee[fixed + k - 1] = callee[j];
                nsites[fixed + k - 1] = nsites[j];
                callee[j] = t;
                nsites[j] = ts;
            }
        }
        n_app = n;
        if (f->n_explicit) {
            for (uint32_t k = 0; k < f->n_explicit; k++)
                add_callee(g, callee, nsites, &n, n_app, f->explicit_callee[k], i);
        } else if (f->generated) {
            uint32_t want;
            if (f->kind == KIND_APP)
                want = rnd_below(g, 4);
            else if (f->level == 1)
                want = 1 + rnd_below(g, 3);
            else
                want = rnd_below(g, 3);
            for (uint32_t k = 0; k < want; k++)
                add_callee(g, callee, nsites, &n, n_app, pick_util_callee(g, f), i);
        }
        uint32_t first_site = g->nsite;
        f->first_edge = g->nedge;
        f->n_app = n_app;
        f->n_util = n - n_app;
        for (uint32_t k = 0; k < n; k++)
            add_edge(g, i, callee[k], nsites[k], f->generated && chance(g, INLINE_PERCENT));
        /* sampled PCs: the direct ones form the first (hottest) leaf edge */
        uint32_t n_pc = f->kind == KIND_ROOT ? 1 : 2 + rnd_below(g, 7), direct = 0, n_inl = 0;
        for (uint32_t k = 0; k < n_pc; k++) {
            if (f->generated && chance(g, INLINE_PERCENT))
                n_inl++;
            else
                direct++;
        }
        if (direct)
            add_edge(g, i, NONE, direct, false);
        for (uint32_t k = 0; k < n_inl; k++)
            add_edge(g, i, NONE, 1, true);
        f->n_pc = g->nedge - f->first_edge - n;
        place_sites(g, i, first_site);
    }
}

/* ---- string table and tables written after the samples ----------------------- */

/* The string-table index of s, adding it (and writing it out) if new. */
static uint64_t intern(struct gen *g, const char *s)
{
    bool fresh;
    uint32_t *v = strmap_slot(&g->strings, s, &fresh);
    if (fresh) {
        *v = g->nstrings++;
        pb_write_bytes(&g->strs, PROFILE_STRING_TABLE, s, strlen(s));
    }
    return *v;
}

/* Write an integer field unless it is zero (Go's *Opt encoders). */
static void write_opt(struct pb_writer *w, uint32_t field, uint64_t v)
{
    if (v)
        pb_write_uint(w, field, v);
}

/* The id of function f, writing its Function message on first use. */
static uint64_t func_id(struct gen *g, uint32_t f)
{
    struct func *fn = &g->fn[f];
    if (fn->id)
        return fn->id;
    fn->id = ++g->next_fn_id;
    uint64_t name = intern(g, fn->name), sys = intern(g, fn->sys), file = intern(g, fn->file);
    g->item.len = 0;
    write_opt(&g->item, 1, fn->id);
    write_opt(&g->item, 2, name);
    write_opt(&g->item, 3, sys);
    write_opt(&g->item, 4, file);
    write_opt(&g->item, 5, fn->start_line);
    pb_write_bytes(&g->funcs, PROFILE_FUNCTION, g->item.data, g->item.len);
    return fn->id;
}

/* The id of site s, writing its Location message on first use. */
static uint64_t loc_id(struct gen *g, uint32_t s)
{
    if (g->site_id[s])
        return g->site_id[s];
    uint32_t id = g->site_id[s] = ++g->next_loc_id;
    const struct site *st = &g->site[s];
    const struct edge *e = &g->edge[st->edge];
    uint64_t fids[3];
    for (uint32_t j = 0; j <= e->n_inl; j++)
        fids[j] = func_id(g, j < e->n_inl ? e->inl[e->n_inl - 1 - j] : e->owner);
    struct pb_writer *loc = &g->msg, *line = &g->sub;
    loc->len = 0;
    write_opt(loc, 1, id);
    write_opt(loc, 2, g->fn[e->owner].mapping);
    write_opt(loc, 3, st->addr);
    for (uint32_t j = 0; j <= e->n_inl; j++) {
        line->len = 0;
        write_opt(line, 1, fids[j]);
        write_opt(line, 2, st->line[j]);
        pb_write_bytes(loc, 4, line->data, line->len);
    }
    pb_write_bytes(&g->locs, PROFILE_LOCATION, loc->data, loc->len);
    return id;
}

/* Write a 40-digit hex build id drawn from the generator into buf. */
static void build_id(struct gen *g, char *buf)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 40; i++)
        buf[i] = hex[rnd(g) & 15];
    buf[40] = '\0';
}

/* Write the three Mapping messages into g->maps. */
static void make_mappings(struct gen *g)
{
    static const struct {
        const char *file;
        uint64_t file_offset, min_size;
        bool debug; /* has file names, line numbers and inline frames */
    } m[4] = {
        { "", 0, 0, false },
        { "/usr/bin/server", 0, 0, true },
        { "/lib/x86_64-linux-gnu/libc.so.6", 0x28000, 0x195000, false },
        { "[vdso]", 0, 0x2000, false },
    };
    for (int id = MAP_MAIN; id <= MAP_VDSO; id++) {
        char bid[41];
        build_id(g, bid);
        uint64_t limit = (g->next_addr[id] + 0xfff) & ~(uint64_t)0xfff;
        if (limit < g->map_start[id] + m[id].min_size)
            limit = g->map_start[id] + m[id].min_size;
        uint64_t file = intern(g, m[id].file), bidx = id == MAP_VDSO ? 0 : intern(g, bid);
        struct pb_writer *w = &g->item;
        w->len = 0;
        write_opt(w, 1, (uint64_t)id);
        write_opt(w, 2, g->map_start[id]);
        write_opt(w, 3, limit);
        write_opt(w, 4, m[id].file_offset);
        write_opt(w, 5, file);
        write_opt(w, 6, bidx);
        write_opt(w, 7, 1);
        write_opt(w, 8, m[id].debug);
        write_opt(w, 9, m[id].debug);
        write_opt(w, 10, m[id].debug);
        pb_write_bytes(&g->maps, PROFILE_MAPPING, w->data, w->len);
    }
}

/* Intern the strings samples and the trailer refer to, in Go's order. */
static void make_strings(struct gen *g)
{
    intern(g, "");
    g->s_samples = intern(g, "samples");
    g->s_count = intern(g, "count");
    g->s_cpu = intern(g, "cpu");
    g->s_nanoseconds = intern(g, "nanoseconds");
    g->s_handler_key = intern(g, "handler");
    for (int i = 0; i < N_HANDLERS; i++)
        g->s_handler[i] = intern(g, handlers[i]);
    g->s_tenant_key = intern(g, "tenant");
    for (int i = 0; i < N_TENANTS; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "tenant-%03d", 7 * i + 101);
        g->s_tenant[i] = intern(g, buf);
        pool_add(&g->tenants, (uint32_t)i, 0);
    }
    pool_finish(&g->tenants, 0);
    g->s_bytes_key = intern(g, "request_bytes");
    g->s_bytes_unit = intern(g, "bytes");
    g->s_comment = intern(g, "synthetic CPU profile of /usr/bin/server merged from many runs "
                             "(flamex bench/gen_pprof.c, seed 1)");
}

/* ---- the population of function-level paths -------------------------------- */

/* Walk the call graph from a root, aiming for depth d (plus the frames of
 * thread entry chains, up to MAX_DEPTH), choosing edges (function-level
 * steps) into es, root first; returns the number of edges. The walk takes
 * application calls with weights 1/k^2 (hot paths near the root) and other
 * calls with weights 1/k, and prefers application calls while it is more
 * than 3 frames from its depth, so library and runtime code sits at the
 * leaf end. The last edge is a group of sampled PCs of the leaf function. */
static int walk_path(struct gen *g, uint32_t *es, int d)
{
    uint32_t f = pool_pick(g, &g->roots);
    int n = 0;
    for (;;) {
        const struct func *fn = &g->fn[f];
        int remaining = d - n - 1;
        if (remaining <= 0 || fn->n_app + fn->n_util == 0) {
            es[n++] = fn->first_edge + fn->n_app + fn->n_util + pick_site(g, fn->n_pc, 0);
            return n;
        }
        bool app;
        if (!fn->n_util)
            app = true;
        else if (!fn->n_app)
            app = false;
        else
            app = chance(g, remaining > 3 ? 94 : 30);
        uint32_t k = app ? pick_site(g, fn->n_app, 1) : fn->n_app + pick_site(g, fn->n_util, 0);
        if (k < fn->n_entry && d < MAX_DEPTH)
            d++; /* thread entry chains do not use up the depth */
        es[n++] = fn->first_edge + k;
        f = g->edge[fn->first_edge + k].callee;
    }
}

/* Draw a target depth: 5 + 56 * min(u1, u2), so 5..60, median about 21. */
static int draw_depth(struct gen *g)
{
    uint32_t a = rnd_below(g, 1000), b = rnd_below(g, 1000);
    return MIN_DEPTH + (int)((a < b ? a : b) * 56 / 1000);
}

/* qsort comparison of two uint64_t. */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* An open-addressing map from non-zero 64-bit hashes to 32-bit values. */
struct hash_slot {
    uint64_t key;
    uint32_t val;
};
struct hash_map {
    struct hash_slot *slot;
    size_t cap, n;
};

/* The value slot of hash h (h != 0), added with value 0 if new. */
static uint32_t *hash_get(struct hash_map *m, uint64_t h)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 1 << 16;
        struct hash_slot *slot = xcalloc(cap, sizeof *slot);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slot[i].key)
                continue;
            size_t j = m->slot[i].key & (cap - 1);
            while (slot[j].key)
                j = (j + 1) & (cap - 1);
            slot[j] = m->slot[i];
        }
        free(m->slot);
        m->slot = slot;
        m->cap = cap;
    }
    size_t j = h & (m->cap - 1);
    while (m->slot[j].key) {
        if (m->slot[j].key == h)
            return &m->slot[j].val;
        j = (j + 1) & (m->cap - 1);
    }
    m->slot[j].key = h;
    m->n++;
    return &m->slot[j].val;
}

/* A hash of n 32-bit values (never 0). */
static uint64_t hash_u32s(const uint32_t *v, int n, uint64_t h)
{
    for (int i = 0; i < n; i++) {
        h = (h ^ v[i]) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    h = mix64(h);
    return h ? h : 1;
}

/* The handler label of a path (edges es[0..n), root first): goroutines
 * below runtime.goexit get one fixed by their first two application
 * functions, for 40% of those pairs; -1 for none. */
static int path_handler(const struct gen *g, const uint32_t *es, int n)
{
    if (n < 3 || g->edge[es[0]].owner != g->goexit)
        return -1;
    int a = 1;
    while (a + 1 < n && g->fn[g->edge[es[a]].owner].kind != KIND_APP)
        a++;
    if (a + 1 >= n || g->fn[g->edge[es[a + 1]].owner].kind != KIND_APP)
        return -1;
    uint64_t h = mix64((uint64_t)g->edge[es[a]].owner << 32 | g->edge[es[a + 1]].owner);
    return h % 10 < 4 ? (int)((h >> 8) % N_HANDLERS) : -1;
}

/* Make the population: walk until N_PATHS distinct paths (of MIN_DEPTH
 * edges or more) have been seen; each path's weight is the number of walks
 * that took it, so the hot paths of the call graph stay hot. Then order
 * them hottest first and build the alias table that draws them. */
static void make_paths(struct gen *g)
{
    struct hash_map seen = { 0 };
    uint32_t *hits = xcalloc(N_PATHS, sizeof *hits), *start = NULL, *edges = NULL;
    uint8_t *len = xcalloc(N_PATHS, sizeof *len);
    uint32_t es[MAX_DEPTH], nedges = 0, cap = 0;
    start = xreallocarray(NULL, N_PATHS, sizeof *start);
    for (uint64_t walks = 0; g->npaths < N_PATHS; walks++) {
        if (walks > (uint64_t)N_PATHS * 1000)
            die_internal("too few distinct paths", "call graph");
        int n = walk_path(g, es, draw_depth(g));
        if (n < MIN_DEPTH)
            continue;
        uint32_t *slot = hash_get(&seen, hash_u32s(es, n, 0x243f6a8885a308d3ULL));
        if (!*slot) {
            uint32_t p = g->npaths++;
            *slot = p + 1;
            if (nedges + (uint32_t)n > cap) {
                cap = cap ? cap * 2 : 1 << 20;
                edges = xreallocarray(edges, cap, sizeof *edges);
            }
            memcpy(edges + nedges, es, (size_t)n * sizeof *es);
            start[p] = nedges;
            len[p] = (uint8_t)n;
            nedges += (uint32_t)n;
        }
        hits[*slot - 1]++;
    }
    free(seen.slot);
    if (g->nedge > UINT16_MAX || g->nsite >= (uint32_t)1 << 28)
        die_internal("too many edges or locations", "make_paths");

    /* hottest first (then in order of discovery): most ticks read the start
     * of the tables */
    uint64_t *order = xreallocarray(NULL, g->npaths, sizeof *order), total = 0;
    for (uint32_t p = 0; p < g->npaths; p++) {
        order[p] = (uint64_t)(UINT32_MAX - hits[p]) << 32 | p;
        total += hits[p];
    }
    if (total >= (uint64_t)1 << 32)
        die_internal("too many walks", "make_paths");
    qsort(order, g->npaths, sizeof *order, cmp_u64);
    g->site_id = xcalloc(g->nsite, sizeof *g->site_id);
    g->edge_sites = xreallocarray(NULL, g->nedge, sizeof *g->edge_sites);
    for (uint32_t e = 0; e < g->nedge; e++)
        g->edge_sites[e] = g->edge[e].first_site << 4 | (g->edge[e].n_sites - 1);
    g->paths = xcalloc(g->npaths, sizeof *g->paths);
    g->path_edge = xreallocarray(NULL, nedges, sizeof *g->path_edge);
    uint64_t *share = xreallocarray(NULL, g->npaths, sizeof *share);
    for (uint32_t p = 0, at = 0; p < g->npaths; p++) {
        uint32_t q = (uint32_t)order[p], n = len[q];
        for (uint32_t k = 0; k < n; k++)
            g->path_edge[at + k] = (uint16_t)edges[start[q] + k];
        g->paths[p].start = at;
        g->paths[p].n = (uint8_t)n;
        g->paths[p].handler = (int8_t)path_handler(g, edges + start[q], (int)n);
        share[p] = (uint64_t)hits[q] * g->npaths;
        at += n;
    }
    free(order);
    free(hits);
    free(start);
    free(len);
    free(edges);

    /* the alias table (Vose), in integers: path p has a share of
     * hits * npaths in columns of total each */
    uint32_t *small = xreallocarray(NULL, g->npaths, sizeof *small);
    uint32_t *large = xreallocarray(NULL, g->npaths, sizeof *large);
    uint32_t ns = 0, nl = 0;
    for (uint32_t p = g->npaths; p-- > 0;) {
        if (share[p] < total)
            small[ns++] = p;
        else
            large[nl++] = p;
    }
    while (ns && nl) {
        uint32_t s = small[--ns], l = large[nl - 1];
        g->paths[s].thr = (uint32_t)((share[s] << 32) / total);
        g->paths[s].alias = l;
        share[l] -= total - share[s];
        if (share[l] < total) {
            nl--;
            small[ns++] = l;
        }
    }
    while (nl) { /* full columns */
        uint32_t l = large[--nl];
        g->paths[l].thr = UINT32_MAX;
        g->paths[l].alias = l;
    }
    while (ns) { /* left over by no rounding (integers), but be safe */
        uint32_t s = small[--ns];
        g->paths[s].thr = UINT32_MAX;
        g->paths[s].alias = s;
    }
    free(share);
    free(small);
    free(large);
}

/* ---- samples ------------------------------------------------------------- */

/* Choose the labels of a tick of a path with this handler label: it (if it has one) and,
 * for some of those ticks, a tenant and a request size. */
static struct labels draw_labels(struct gen *g, int handler)
{
    struct labels lb = { handler, -1, 0 };
    if (lb.handler < 0)
        return lb;
    if (chance(g, 35))
        lb.tenant = (int)pool_pick(g, &g->tenants);
    if (chance(g, 15))
        lb.bytes = (uint64_t)64 << rnd_below(g, 14);
    return lb;
}

/* A hash of a (stack, labels) pair, for merging (never 0). */
static uint64_t sample_hash(const uint32_t *st, int n, const struct labels *lb)
{
    return hash_u32s(st, n,
                     mix64(0x243f6a8885a308d3ULL ^ ((uint64_t)(lb->handler + 1) << 40) ^
                           ((uint64_t)(lb->tenant + 1) << 20) ^ lb->bytes));
}

/* One tick of the profiler: its random stream, path, locations (root
 * first), labels and hash. */
struct tick {
    uint64_t rng, h;
    uint32_t p, coin;
    int n;
    struct labels lb;
    uint32_t st[MAX_DEPTH];
};

/* Draw ticks first .. first + n - 1 (or, with ids, ticks ids[0..n)) into
 * t[0..n): each a path of the population by weight, for each of its edges
 * one of the edge's locations (weights 1/k: a hot call site or PC and
 * colder ones), and labels. Each tick has its own random stream, so any
 * tick can be drawn again alone. The ticks go through three stages so that
 * their memory reads overlap; with slots, the merge map's slot of each is
 * prefetched for the caller. */
static void draw_ticks(struct gen *g, struct tick *t, int n, uint64_t first, const uint32_t *ids,
                       const struct hash_map *slots)
{
    for (int i = 0; i < n; i++) { /* the alias column */
        g->rng = mix64(TICK_SEED + (ids ? ids[i] : first + (uint64_t)i));
        uint64_t u = rnd(g);
        t[i].rng = g->rng;
        t[i].p = (uint32_t)(((u >> 32) * g->npaths) >> 32);
        t[i].coin = (uint32_t)u;
        PREFETCH(&g->paths[t[i].p]);
    }
    for (int i = 0; i < n; i++) { /* the path */
        const struct path *pa = &g->paths[t[i].p];
        if (t[i].coin >= pa->thr)
            t[i].p = pa->alias;
        pa = &g->paths[t[i].p];
        PREFETCH(g->path_edge + pa->start);
        PREFETCH(g->path_edge + pa->start + pa->n - 1);
    }
    for (int i = 0; i < n; i++) { /* the locations and labels */
        const struct path *pa = &g->paths[t[i].p];
        const uint16_t *pe = g->path_edge + pa->start;
        g->rng = t[i].rng;
        t[i].n = pa->n;
        for (int k = 0; k < pa->n; k++) {
            uint32_t es = g->edge_sites[pe[k]];
            t[i].st[k] = (es >> 4) + pick_site(g, (es & 15) + 1, 0);
        }
        t[i].lb = draw_labels(g, pa->handler);
        if (slots) {
            t[i].h = sample_hash(t[i].st, t[i].n, &t[i].lb);
            if (slots->cap)
                PREFETCH(&slots->slot[t[i].h & (slots->cap - 1)]);
        }
    }
}

/* Write one Label message (key and string value or number and unit). */
static void write_label(struct gen *g, uint64_t key, uint64_t str, uint64_t num, uint64_t unit)
{
    struct pb_writer *w = &g->sub;
    w->len = 0;
    write_opt(w, 1, key);
    write_opt(w, 2, str);
    write_opt(w, 3, num);
    write_opt(w, 4, unit);
    pb_write_bytes(&g->item, 3, w->data, w->len);
}

/* Encode one Sample message into g->item: the location ids (leaf first;
 * giving ids to new locations), the two values count and count * period
 * unless count is 0, and the labels. */
static void encode_sample(struct gen *g, const uint32_t *st, int n, const struct labels *lb,
                          uint64_t count)
{
    uint64_t ids[MAX_DEPTH];
    for (int i = 0; i < n; i++) /* leaf first */
        ids[i] = loc_id(g, st[n - 1 - i]);
    struct pb_writer *w = &g->item;
    w->len = 0;
    if (n > 2) {
        pb_write_packed(w, 1, ids, (size_t)n);
    } else {
        for (int i = 0; i < n; i++)
            pb_write_uint(w, 1, ids[i]);
    }
    if (count) {
        pb_write_uint(w, 2, count); /* two values: Go writes them unpacked */
        pb_write_uint(w, 2, count * PERIOD);
    }
    if (lb->handler >= 0)
        write_label(g, g->s_handler_key, g->s_handler[lb->handler], 0, 0);
    if (lb->tenant >= 0)
        write_label(g, g->s_tenant_key, g->s_tenant[lb->tenant], 0, 0);
    if (lb->bytes)
        write_label(g, g->s_bytes_key, 0, lb->bytes, g->s_bytes_unit);
}

/* Bytes of a varint. */
static uint64_t varint_len(uint64_t v)
{
    uint64_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

/* Bytes of a Label message field with these (optional) fields. */
static uint64_t label_bytes(uint64_t key, uint64_t str, uint64_t num, uint64_t unit)
{
    uint64_t m = (key ? 1 + varint_len(key) : 0) + (str ? 1 + varint_len(str) : 0) +
                 (num ? 1 + varint_len(num) : 0) + (unit ? 1 + varint_len(unit) : 0);
    return 1 + varint_len(m) + m;
}

/* Bytes of a Sample message without its values, as encode_sample writes
 * it (giving ids to new locations in the same order). */
static uint64_t body_bytes(struct gen *g, const uint32_t *st, int n, const struct labels *lb)
{
    uint64_t ids = 0;
    for (int i = n; i-- > 0;) /* leaf first */
        ids += varint_len(loc_id(g, st[i]));
    uint64_t len = n > 2 ? 1 + varint_len(ids) + ids : ids + (uint64_t)n;
    if (lb->handler >= 0)
        len += label_bytes(g->s_handler_key, g->s_handler[lb->handler], 0, 0);
    if (lb->tenant >= 0)
        len += label_bytes(g->s_tenant_key, g->s_tenant[lb->tenant], 0, 0);
    if (lb->bytes)
        len += label_bytes(g->s_bytes_key, 0, lb->bytes, g->s_bytes_unit);
    return len;
}

/* Bytes of a Sample field whose message is body bytes plus the two values. */
static uint64_t sample_bytes(uint64_t body, uint64_t count)
{
    uint64_t len = body + 2 + varint_len(count) + varint_len(count * PERIOD);
    return 1 + varint_len(len) + len;
}

/* Write the output buffer to the file and empty it. */
static void flush_out(struct gen *g)
{
    if (g->out.len && fwrite(g->out.data, 1, g->out.len, g->fp) != g->out.len)
        die_io(g, "write error");
    g->written += g->out.len;
    g->out.len = 0;
}

/* Write a whole buffer to the file. */
static void write_buffer(struct gen *g, const struct pb_writer *w)
{
    if (w->len && fwrite(w->data, 1, w->len, g->fp) != w->len)
        die_io(g, "write error");
    g->written += w->len;
}

/* Bytes of everything but the samples. */
static uint64_t table_bytes(const struct gen *g)
{
    return g->maps.len + g->locs.len + g->funcs.len + g->strs.len + g->trailer.len;
}

/* Write a ValueType message {type, unit} as field number field of w. */
static void write_value_type(struct gen *g, struct pb_writer *w, uint32_t field, uint64_t type,
                             uint64_t unit)
{
    g->sub.len = 0;
    write_opt(&g->sub, 1, type);
    write_opt(&g->sub, 2, unit);
    pb_write_bytes(w, field, g->sub.data, g->sub.len);
}

/* Generate the whole profile into g->fp, stopping at target bytes. */
static void generate(struct gen *g, uint64_t target)
{
    make_strings(g);
    make_functions(g);
    force_callers(g);
    make_sites(g);
    make_mappings(g);
    make_paths(g);

    write_value_type(g, &g->out, PROFILE_SAMPLE_TYPE, g->s_samples, g->s_count);
    write_value_type(g, &g->out, PROFILE_SAMPLE_TYPE, g->s_cpu, g->s_nanoseconds);
    pb_write_uint(&g->trailer, PROFILE_TIME_NANOS, TIME_NANOS);
    pb_write_uint(&g->trailer, PROFILE_DURATION_NANOS, DURATION_NANOS);
    write_value_type(g, &g->trailer, PROFILE_PERIOD_TYPE, g->s_cpu, g->s_nanoseconds);
    pb_write_uint(&g->trailer, PROFILE_PERIOD, PERIOD);
    pb_write_uint(&g->trailer, PROFILE_COMMENT, g->s_comment);
    pb_write_uint(&g->trailer, PROFILE_DEFAULT_SAMPLE_TYPE, g->s_cpu);

    /* Pass 1: draw ticks until the merged profile reaches the target size,
     * counting the ticks of each distinct (stack, labels) pair and giving
     * ids to locations and functions in order of first use. Each tick has
     * its own random stream, so pass 2 can redraw any of them alone. */
    uint64_t ticks = 0, bytes = g->out.len;
    struct hash_map seen = { 0 };
    uint32_t nsamples = 0, cap = 0, *first_tick = NULL, *count = NULL;
    uint16_t *body = NULL;
    static struct tick t[BATCH];
    bool full = false;
    while (!full) {
        draw_ticks(g, t, BATCH, ticks, NULL, &seen);
        for (int i = 0; i < BATCH; i++) {
            if (bytes + table_bytes(g) >= target) {
                full = true;
                break;
            }
            if (ticks == MAX_TICKS) {
                fprintf(stderr, "gen_pprof: the population is exhausted at %llu bytes\n",
                        (unsigned long long)(bytes + table_bytes(g)));
                full = true;
                break;
            }
            uint32_t *slot = hash_get(&seen, t[i].h);
            uint32_t j;
            if (!*slot) {
                if (nsamples == cap) {
                    cap = cap ? cap * 2 : 1 << 16;
                    first_tick = xreallocarray(first_tick, cap, sizeof *first_tick);
                    count = xreallocarray(count, cap, sizeof *count);
                    body = xreallocarray(body, cap, sizeof *body);
                }
                j = nsamples++;
                *slot = j + 1;
                first_tick[j] = (uint32_t)ticks;
                count[j] = 0;
                body[j] = (uint16_t)body_bytes(g, t[i].st, t[i].n, &t[i].lb);
            } else {
                j = *slot - 1;
                bytes -= sample_bytes(body[j], count[j]);
            }
            count[j]++;
            bytes += sample_bytes(body[j], count[j]);
            ticks++;
        }
    }
    uint64_t expect = bytes + table_bytes(g);
    free(seen.slot);

    /* Pass 2: write each sample as drawn at its first tick, with the count
     * of all its ticks (Go merges equal stacks the same way). */
    for (uint32_t j0 = 0; j0 < nsamples; j0 += BATCH) {
        int nb = nsamples - j0 < BATCH ? (int)(nsamples - j0) : BATCH;
        draw_ticks(g, t, nb, 0, first_tick + j0, NULL);
        for (int i = 0; i < nb; i++) {
            encode_sample(g, t[i].st, t[i].n, &t[i].lb, count[j0 + i]);
            pb_write_bytes(&g->out, PROFILE_SAMPLE, g->item.data, g->item.len);
        }
        if (g->out.len >= CHUNK)
            flush_out(g);
    }
    free(first_tick);
    free(count);
    free(body);
    flush_out(g);

    write_buffer(g, &g->maps);
    write_buffer(g, &g->locs);
    write_buffer(g, &g->funcs);
    write_buffer(g, &g->strs);
    write_buffer(g, &g->trailer);
    if (g->written != expect)
        die_internal("the file size differs from pass 1's", "generate");
}

/* Release everything generate() allocated. */
static void gen_free(struct gen *g)
{
    for (uint32_t i = 0; i < g->nfn; i++) {
        free(g->fn[i].name);
        free(g->fn[i].sys);
        free(g->fn[i].file);
    }
    free(g->fn);
    free(g->edge);
    free(g->site);
    free(g->site_id);
    free(g->paths);
    free(g->path_edge);
    free(g->edge_sites);
    strmap_free(&g->names);
    strmap_free(&g->strings);
    for (int l = 0; l <= N_LAYERS; l++)
        for (int lang = 0; lang < 2; lang++)
            pool_free(&g->app[l][lang]);
    for (int lang = 0; lang < N_LANGS; lang++) {
        for (int l = 0; l < N_LEVELS; l++) {
            pool_free(&g->util_all[lang][l]);
            pool_free(&g->util_fixed[lang][l]);
        }
    }
    pool_free(&g->inline_pool[0]);
    pool_free(&g->inline_pool[1]);
    pool_free(&g->roots);
    pool_free(&g->tenants);
    struct pb_writer *w[] = { &g->out, &g->maps,    &g->locs, &g->funcs, &g->strs,
                              &g->trailer, &g->msg, &g->sub,  &g->item };
    for (size_t i = 0; i < COUNT(w); i++)
        pb_writer_free(w[i]);
}

/* Parse a positive decimal byte count; false if s is not one. */
static bool parse_size(const char *s, uint64_t *out)
{
    if (!*s)
        return false;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return v > 0;
}

int main(int argc, char **argv)
{
    uint64_t target = DEFAULT_TARGET;
    if (argc < 2 || argc > 3 || (argc == 3 && !parse_size(argv[2], &target))) {
        fprintf(stderr, "usage: gen_pprof OUT.pb [TARGET_BYTES]\n"
                        "Writes a deterministic uncompressed pprof profile of about "
                        "TARGET_BYTES bytes (default 100000000).\n");
        return 2;
    }
    init_zipf_sites();

    static struct gen g; /* large; zero-initialised */
    g.rng = SEED;
    g.path = argv[1];
    struct stat sb;
    g.remove_on_error = stat(g.path, &sb) != 0 || S_ISREG(sb.st_mode);
    g.fp = fopen(g.path, "wb");
    if (!g.fp) {
        fprintf(stderr, "gen_pprof: %s: %s\n", g.path, strerror(errno));
        return 1;
    }
    generate(&g, target);
    if (fflush(g.fp) != 0 || ferror(g.fp))
        die_io(&g, "write error");
    if (fclose(g.fp) != 0) {
        g.fp = NULL;
        die_io(&g, "close error");
    }
    g.fp = NULL;
    gen_free(&g);
    return 0;
}
