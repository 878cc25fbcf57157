/* gen_perf.c - deterministic generator of large, realistic `perf script` text.
 *
 * flamex's benchmark input for the perf script loader (see bench/README.md):
 *
 *     gen_perf OUT.txt [TARGET_BYTES]
 *
 * writes about TARGET_BYTES bytes (default 100000000) of what `perf record
 * -a -g -e cycles -e instructions` followed by `perf script --header -F
 * comm,pid,tid,cpu,time,period,event,ip,sym,symoff,dso` prints, to OUT.txt.
 * The same arguments always give the same bytes: the random numbers come
 * from fixed-seed splitmix64 streams and only integer arithmetic is used (no
 * clock, no rand(), no floating point). The file is streamed in 1 MiB
 * chunks; memory holds the model and the statistics' hash sets (peak RSS
 * about 12 MB; 100 MB take about half a second). One line of statistics
 * goes to stderr. The exit status is 0 on success, 1 on an I/O error (a
 * partial regular file is removed) and 2 on a usage error.
 *
 * The text. A `# ========` header block, then one record per sample, each
 * frame line starting with a tab (shown here as spaces):
 *
 *   http-nio-8080-e  4211/4263  [014] 183274.772897:    1037476       cycles:
 *           ffffffff8103b6d7 __fget_light+0x6d7 ([kernel.kallsyms])
 *           ...
 *           ffffffff8100029d entry_SYSCALL_64_after_hwframe+0x29d ([kernel.kallsyms])
 *               7f819e62fc7d epoll_wait+0x2d (/usr/lib/x86_64-linux-gnu/libc.so.6)
 *               7f1e0d2faceb Lsun/nio/ch/EPoll;.wait+0x2bb (/tmp/perf-4211.map)
 *           ...
 *           dbb98fc274cb9e92 [unknown] ([unknown])
 *   (a blank line)
 *
 * as perf prints them: comm as is (some with spaces: "C2 CompilerThre",
 * "GC Thread#2", "VM Periodic Tas"), "%5d/%-5d" pid/tid, "[%03d]" cpu,
 * seconds.microseconds increasing, the period right-aligned in 10 columns,
 * the event name right-aligned to the longest one ("      cycles" and
 * "instructions", 30% of the records), then the callchain leaf first: a tab,
 * the address right-aligned in 16 columns, symbol+0xOFFSET (none for
 * [unknown]) and the DSO in parentheses.
 *
 * The machine. A 16-CPU server running (share of the samples):
 *   - java (28%): Tomcat/Spring worker threads "http-nio-8080-e" and others
 *     running JIT-compiled code (Lcom/shopco/cart/CartService;.save, some
 *     with signatures, lambdas, inner classes, JDK methods, Interpreter
 *     frames, [unknown] JIT frames, all in /tmp/perf-4211.map) entered
 *     through libjvm.so's thread start; C2/C1 compiler, GC and VM threads in
 *     HotSpot C++ (argument lists, templates, const methods);
 *   - checkout-api (20%): a Go server (net/http and gRPC handlers, GC
 *     workers, the scheduler), names as the Go toolchain writes them
 *     (pkg.(*Type).Method, .func1 closures, generics [...], .abi0);
 *   - envoy (13%): C++ with templates, lambdas, std::function handlers,
 *     libstdc++, libssl/libcrypto, statically linked libevent;
 *   - postgres (10%): six backends and three auxiliary processes, C;
 *   - ingestd (9%): Rust on tokio (trait impls <A as B>::f, generics,
 *     {{closure}}, legacy ::h0123456789abcdef hashes);
 *   - gunicorn (7%): Python 3.12 with perf trampolines (py::func:/path.py in
 *     /tmp/perf-6120.map) between _PyEval_EvalFrameDefault frames;
 *   - swapper (11%, pid 0, any CPU) in the idle loop, and kworker,
 *     ksoftirqd and jbd2 kernel threads (3%).
 * User code calls libc (malloc, memmove, write, recv, epoll_wait, futex-based
 * locks, clock_gettime in [vdso]) and the kernel syscall paths below it
 * (tcp_sendmsg, ext4, futex_wait -> schedule, ep_poll, ...); timer
 * interrupts and page faults land on top of any stack (5%).
 *
 * The call tree. Every process has hand-written entry chains (thread start
 * down to its event loop or request handler), a generated application call
 * graph (56 layers, about 2,200 functions, each calling 1 (55%) or 2..6
 * functions of the next one or two layers, with popular callees shared by
 * many callers, and 0..3 library chains) and library and kernel chains
 * written as tries. A sample walks from its thread's entry chain into the
 * application graph (callee k with weight 1/k^2, so hot paths stay hot) for
 * 70 * min(u1, u2) more frames, then stops (self time) or, 45% of the time,
 * descends into a library chain and maybe the kernel (these stop at each
 * frame with 6% probability). So stacks share long prefixes and most
 * distinct stacks differ near the leaf. 5% of user-space stacks are broken
 * as without frame pointers: cut at a random frame, with a garbage
 * [unknown] ([unknown]) root. Return addresses are fixed per call site (one
 * or two sites per caller and callee); leaf addresses vary. Libraries are
 * mapped at a different address in every process.
 *
 * With the defaults: 41,749 records (29% instructions), 1.03 M frame lines
 * of 96 bytes on average, depth 3..80 (median 20, p90 51, p99 77; 80 is
 * the cut-off here), 16,554 distinct stacks and a call tree of 229,559
 * nodes (by name, with comm as the root frame, before any tidying of
 * names); the line on stderr gives these numbers for any size.
 */
#define _POSIX_C_SOURCE 200809L /* stat */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SEED_MODEL 0x706572662d6d6f64ULL /* "perf-mod" */
#define SEED_SAMPLES 0x706572662d736d70ULL /* "perf-smp" */
#define DEFAULT_TARGET 100000000ULL
#define CHUNK ((size_t)1 << 20)
#define MAX_DEPTH 80
#define PATH_CAP (MAX_DEPTH + 8)
#define N_CPUS 16
#define NO_SYM UINT32_MAX
#define APP_LAYERS 56
#define APP_SPAN 70          /* application frames: APP_SPAN * min(u1, u2) */
#define LIB_PERMILLE 450     /* a stack that reaches its depth goes on into a library */
#define TAIL_STOP_PERMILLE 60
#define ENTRY_STOP_PERMILLE 15
#define IRQ_PERMILLE 50
#define BROKEN_PERMILLE 50
#define INSTRUCTIONS_PERMILLE 300
#define START_USEC 183274512345ULL /* seconds since boot, as perf prints them */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* errors and memory                                                    */

static const char *out_path;
static bool out_remove;
static FILE *out_fp;

/* Print an error, remove a partial output file, and exit with status 1. */
static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen_perf: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (out_fp) {
        fclose(out_fp);
        out_fp = NULL;
    }
    if (out_path && out_remove)
        remove(out_path);
    exit(1);
}

/* realloc that exits on failure. */
static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die("out of memory");
    return q;
}

/* calloc that exits on failure. */
static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        die("out of memory");
    return p;
}

/* Append v to the array *a of *n elements, growing it by powers of two. */
static void push_u32(uint32_t **a, uint16_t *n, uint32_t v)
{
    uint16_t k = *n;
    if (k == UINT16_MAX)
        die("too many edges");
    if ((k & (k - 1)) == 0) /* 0, 1, 2, 4, ...: full */
        *a = xrealloc(*a, (size_t)(k ? 2 * k : 1) * sizeof **a);
    (*a)[k] = v;
    *n = (uint16_t)(k + 1);
}

/* ------------------------------------------------------------------ */
/* random numbers                                                       */

/* splitmix64's finaliser: a well-mixing 64-bit hash. */
static uint64_t mix64(uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

struct rng {
    uint64_t state;
};

/* The next splitmix64 output. */
static uint64_t rng_next(struct rng *r)
{
    r->state += 0x9E3779B97F4A7C15ULL;
    return mix64(r->state);
}

/* A uniform integer in [0, n), n > 0 (multiply-shift). */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability permille / 1000. */
static bool rng_chance(struct rng *r, uint32_t permille)
{
    return rng_below(r, 1000) < permille;
}

/* An index in [0, n) skewed towards 0: the smaller of two uniform draws. */
static uint32_t rng_skewed(struct rng *r, uint32_t n)
{
    uint32_t a = rng_below(r, n), b = rng_below(r, n);
    return a < b ? a : b;
}

/* Cumulative Zipf weights 1/k (zipf1) and 1/k^2 (zipf2), k = 1..MAX_KIDS. */
#define MAX_KIDS 256
static uint32_t zipf_cum[3][MAX_KIDS];

/* Fill the cumulative weight tables. */
static void zipf_init(void)
{
    uint32_t s1 = 0, s2 = 0;
    for (uint32_t k = 1; k <= MAX_KIDS; k++) {
        s1 += 720720u / k;
        s2 += 4000000u / (k * k);
        zipf_cum[1][k - 1] = s1;
        zipf_cum[2][k - 1] = s2;
    }
}

/* Pick one of n items (n <= MAX_KIDS) with Zipf weights of exponent e (1 or 2). */
static uint32_t zipf_pick(struct rng *r, uint32_t n, int e)
{
    if (n > MAX_KIDS)
        n = MAX_KIDS;
    uint32_t u = rng_below(r, zipf_cum[e][n - 1]);
    uint32_t k = 0;
    while (zipf_cum[e][k] <= u)
        k++;
    return k;
}

/* ------------------------------------------------------------------ */
/* DSOs and symbols                                                     */

enum dso_kind { DSO_KERNEL, DSO_EXE, DSO_LIB, DSO_JIT, DSO_NONE };

struct dso_spec {
    const char *key;
    const char *path;
    uint64_t base;
    enum dso_kind kind;
};

static const struct dso_spec dso_specs[] = {
    {"k", "[kernel.kallsyms]", 0xffffffff81000000ULL, DSO_KERNEL},
    {"libc", "/usr/lib/x86_64-linux-gnu/libc.so.6", 0x7f5c3e628000ULL, DSO_LIB},
    {"libstdc++", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", 0x7f5c3e89c000ULL, DSO_LIB},
    {"libgcc", "/usr/lib/x86_64-linux-gnu/libgcc_s.so.1", 0x7f5c3e5f2000ULL, DSO_LIB},
    {"libssl", "/usr/lib/x86_64-linux-gnu/libssl.so.3", 0x7f5c3ec1a000ULL, DSO_LIB},
    {"libcrypto", "/usr/lib/x86_64-linux-gnu/libcrypto.so.3", 0x7f5c3f0c0000ULL, DSO_LIB},
    {"vdso", "[vdso]", 0x7ffd8a3f6000ULL, DSO_LIB},
    {"libjvm", "/usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so", 0x7f3a11e00000ULL, DSO_LIB},
    {"libjli", "/usr/lib/jvm/java-17-openjdk-amd64/lib/libjli.so", 0x7f3a13f10000ULL, DSO_LIB},
    {"libnio", "/usr/lib/jvm/java-17-openjdk-amd64/lib/libnio.so", 0x7f3a0c5e0000ULL, DSO_LIB},
    {"jitj", "/tmp/perf-4211.map", 0x7f1e0d000000ULL, DSO_JIT},
    {"go", "/usr/local/bin/checkout-api", 0x401000ULL, DSO_EXE},
    {"envoy", "/usr/local/bin/envoy", 0x5581a2e00000ULL, DSO_EXE},
    {"pg", "/usr/lib/postgresql/15/bin/postgres", 0x5603f1400000ULL, DSO_EXE},
    {"rust", "/usr/local/bin/ingestd", 0x55d4c3a00000ULL, DSO_EXE},
    {"py", "/usr/bin/python3.12", 0x55c2b8e00000ULL, DSO_EXE},
    {"jitp", "/tmp/perf-6120.map", 0x7f44a1000000ULL, DSO_JIT},
    {"unknown", "[unknown]", 0, DSO_NONE},
};
#define N_DSOS COUNT(dso_specs)

struct dso {
    uint64_t next;  /* where the next symbol starts */
    char tail[128]; /* " (PATH)\n" */
    size_t tail_len;
};
static struct dso dsos[N_DSOS];

/* The index of the DSO whose key is the n bytes at key. */
static uint16_t dso_find(const char *key, size_t n)
{
    for (size_t i = 0; i < N_DSOS; i++)
        if (strlen(dso_specs[i].key) == n && memcmp(dso_specs[i].key, key, n) == 0)
            return (uint16_t)i;
    die("unknown DSO key '%.*s'", (int)n, key);
}

/* Set up every DSO's address cursor and printed tail. */
static void dso_init(void)
{
    for (size_t i = 0; i < N_DSOS; i++) {
        dsos[i].next = dso_specs[i].base;
        int n = snprintf(dsos[i].tail, sizeof dsos[i].tail, " (%s)\n", dso_specs[i].path);
        if (n < 0 || (size_t)n >= sizeof dsos[i].tail)
            die("DSO path too long");
        dsos[i].tail_len = (size_t)n;
    }
}

struct sym {
    char *name;
    uint32_t len;
    uint32_t name_id; /* the same for the same name in any DSO */
    uint64_t addr;
    uint32_t size;
    uint16_t dso;
    bool unknown; /* "[unknown]": printed without an offset */
};

static struct sym *syms;
static uint32_t n_syms, cap_syms;
static uint32_t n_names;

/* Open-addressing tables: (dso, name) -> symbol and name -> name id. */
static uint32_t *sym_slots, *name_slots;
static size_t sym_mask, name_mask;

/* FNV-1a of n bytes. */
static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

/* Double a table of symbol indexes, rehashing with key(sym). */
static void table_grow(uint32_t **slots, size_t *mask, bool by_name)
{
    size_t cap = (*mask + 1) * 2;
    uint32_t *n = xcalloc(cap, sizeof *n);
    for (size_t i = 0; i <= *mask; i++) {
        uint32_t v = (*slots)[i];
        if (!v)
            continue;
        const struct sym *s = &syms[v - 1];
        uint64_t h = hash_bytes(s->name, s->len) ^ (by_name ? 0 : mix64(s->dso + 1));
        size_t j = (size_t)h & (cap - 1);
        while (n[j])
            j = (j + 1) & (cap - 1);
        n[j] = v;
    }
    free(*slots);
    *slots = n;
    *mask = cap - 1;
}

/* The id of a name (n bytes), given to a new symbol index si if unseen. */
static uint32_t name_id_of(const char *name, size_t n, uint32_t si)
{
    size_t j = (size_t)hash_bytes(name, n) & name_mask;
    for (; name_slots[j]; j = (j + 1) & name_mask) {
        const struct sym *s = &syms[name_slots[j] - 1];
        if (s->len == n && memcmp(s->name, name, n) == 0)
            return s->name_id;
    }
    name_slots[j] = si + 1;
    if ((size_t)n_names * 2 >= name_mask)
        table_grow(&name_slots, &name_mask, true);
    return n_names++;
}

/* The symbol called name (n bytes) in DSO d, created (with an address range
 * drawn from r) on first use. */
static uint32_t sym_get(uint16_t d, const char *name, size_t n, struct rng *r)
{
    uint64_t h = hash_bytes(name, n) ^ mix64(d + 1u);
    size_t j = (size_t)h & sym_mask;
    for (; sym_slots[j]; j = (j + 1) & sym_mask) {
        const struct sym *s = &syms[sym_slots[j] - 1];
        if (s->dso == d && s->len == n && memcmp(s->name, name, n) == 0)
            return sym_slots[j] - 1;
    }
    if (n_syms == cap_syms) {
        cap_syms = cap_syms ? 2 * cap_syms : 4096;
        syms = xrealloc(syms, cap_syms * sizeof *syms);
    }
    uint32_t si = n_syms;
    struct sym *s = &syms[si];
    s->name = xrealloc(NULL, n + 1);
    memcpy(s->name, name, n);
    s->name[n] = '\0';
    s->len = (uint32_t)n;
    s->dso = d;
    s->unknown = n == 9 && memcmp(name, "[unknown]", 9) == 0;
    s->size = 16u * (4u + rng_below(r, 190)); /* 64 .. 3,088 bytes */
    if (dso_specs[d].kind == DSO_NONE) {
        s->addr = 0;
    } else {
        s->addr = dsos[d].next;
        dsos[d].next += s->size + 16u * rng_below(r, 6);
    }
    n_syms++;
    sym_slots[j] = si + 1;
    s->name_id = name_id_of(name, n, si);
    if ((size_t)n_syms * 2 >= sym_mask)
        table_grow(&sym_slots, &sym_mask, false);
    return si;
}

/* ------------------------------------------------------------------ */
/* the call graph                                                       */

enum node_kind {
    NK_ROOT,  /* a group's root: not printed, a choice among its children */
    NK_ENTRY, /* thread entry chains: followed to their ends */
    NK_APP,   /* application functions: followed to the sample's depth */
    NK_TAIL,  /* library and kernel chains: may stop at any frame */
};

struct node {
    uint32_t sym;      /* NO_SYM for a root */
    uint32_t extra[2]; /* frames printed before (pre) and after (post) sym */
    uint8_t npre, npost;
    uint8_t kind;
    uint8_t zipf; /* exponent of the children's weights */
    uint16_t nkids, nlibs;
    uint32_t *kids; /* callees (trie children, application callees) */
    uint32_t *libs; /* library chains an application function calls */
};

static struct node *nodes;
static uint32_t n_nodes, cap_nodes;

/* A new node of the given kind printing sym. */
static uint32_t node_new(enum node_kind kind, uint32_t sym)
{
    if (n_nodes == cap_nodes) {
        cap_nodes = cap_nodes ? 2 * cap_nodes : 4096;
        nodes = xrealloc(nodes, cap_nodes * sizeof *nodes);
    }
    struct node *n = &nodes[n_nodes];
    memset(n, 0, sizeof *n);
    n->sym = sym;
    n->kind = (uint8_t)kind;
    n->zipf = kind == NK_APP ? 2 : 1;
    return n_nodes++;
}

struct group {
    const char *name;
    uint32_t root;
};
static struct group groups[64];
static size_t n_groups;

/* The root node of the group called name (n bytes); it must exist. */
static uint32_t group_root(const char *name, size_t n)
{
    for (size_t i = 0; i < n_groups; i++)
        if (strlen(groups[i].name) == n && memcmp(groups[i].name, name, n) == 0)
            return groups[i].root;
    die("unknown group '@%.*s'", (int)n, name);
}

/* A new, empty group (children with weights of exponent zipf). */
static uint32_t group_new(const char *name, int zipf)
{
    if (n_groups == COUNT(groups))
        die("too many groups");
    uint32_t root = node_new(NK_ROOT, NO_SYM);
    nodes[root].zipf = (uint8_t)zipf;
    groups[n_groups].name = name;
    groups[n_groups].root = root;
    n_groups++;
    return root;
}

/* Add a chain "a;b|dso;c;@group" (root first) to the trie below root: each
 * frame is "name" (in DSO dso) or "name|DSOKEY", shared prefixes share
 * nodes, and a final "@group" links to another group's root. A ';' followed
 * by '.' belongs to a Java name ("Ljava/lang/Thread;.run"). */
static void chain_add(uint32_t root, enum node_kind kind, uint16_t dso, const char *chain, struct rng *r)
{
    uint32_t cur = root;
    const char *p = chain;
    while (*p) {
        const char *semi = strchr(p, ';');
        while (semi && semi[1] == '.') /* Java's "Lpkg/Class;.method" */
            semi = strchr(semi + 1, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        if (p[0] == '@') {
            uint32_t target = group_root(p + 1, n - 1);
            bool have = false;
            for (uint16_t i = 0; i < nodes[cur].nkids; i++)
                have |= nodes[cur].kids[i] == target;
            if (!have)
                push_u32(&nodes[cur].kids, &nodes[cur].nkids, target);
            if (semi)
                die("'@' must end a chain: %s", chain);
            return;
        }
        size_t name_len = n;
        uint16_t d = dso;
        const char *bar = memchr(p, '|', n);
        if (bar) {
            name_len = (size_t)(bar - p);
            d = dso_find(bar + 1, n - name_len - 1);
        }
        uint32_t s = sym_get(d, p, name_len, r);
        uint32_t next = NO_SYM;
        for (uint16_t i = 0; i < nodes[cur].nkids && next == NO_SYM; i++) {
            uint32_t k = nodes[cur].kids[i];
            if (nodes[k].sym == s && nodes[k].kind == kind)
                next = k;
        }
        if (next == NO_SYM) {
            next = node_new(kind, s);
            push_u32(&nodes[cur].kids, &nodes[cur].nkids, next);
        }
        cur = next;
        p = semi ? semi + 1 : p + n;
    }
}

/* ------------------------------------------------------------------ */
/* hand-written chains: kernel, libraries, thread entries               */

#define SYS "entry_SYSCALL_64_after_hwframe;do_syscall_64;"
#define TCP_XMIT                                                                                   \
    "tcp_push;__tcp_push_pending_frames;tcp_write_xmit;__tcp_transmit_skb;__ip_queue_xmit;"        \
    "ip_finish_output2;__dev_queue_xmit;"
#define SCHED "schedule;__schedule;"

static const char *const k_write[] = {
    SYS "__x64_sys_write;ksys_write;vfs_write;sock_write_iter;sock_sendmsg;tcp_sendmsg;tcp_sendmsg_locked;" TCP_XMIT
        "dev_hard_start_xmit;start_xmit;virtqueue_add_outbuf;virtqueue_add_split",
    SYS "__x64_sys_write;ksys_write;vfs_write;sock_write_iter;sock_sendmsg;tcp_sendmsg;tcp_sendmsg_locked;"
        "_copy_from_iter;copy_user_enhanced_fast_string",
    SYS "__x64_sys_write;ksys_write;vfs_write;sock_write_iter;sock_sendmsg;tcp_sendmsg;tcp_sendmsg_locked;" TCP_XMIT
        "__local_bh_enable_ip;do_softirq.part.0;__do_softirq;net_rx_action;__napi_poll;process_backlog;"
        "__netif_receive_skb_one_core;ip_rcv;ip_local_deliver_finish;ip_protocol_deliver_rcu;tcp_v4_rcv;"
        "tcp_v4_do_rcv;tcp_rcv_established;tcp_ack",
    SYS "__x64_sys_write;ksys_write;vfs_write;sock_write_iter;sock_sendmsg;tcp_sendmsg;tcp_sendmsg_locked;"
        "tcp_stream_alloc_skb;__alloc_skb;kmalloc_reserve;__kmalloc_node_track_caller",
    SYS "__x64_sys_write;ksys_write;vfs_write;ext4_buffered_write_iter;generic_perform_write;"
        "ext4_da_write_begin;__filemap_get_folio;filemap_add_folio;__filemap_add_folio",
    SYS "__x64_sys_write;ksys_write;vfs_write;ext4_buffered_write_iter;generic_perform_write;"
        "copy_page_from_iter_atomic;copy_user_enhanced_fast_string",
    SYS "__x64_sys_write;ksys_write;vfs_write;pipe_write;__wake_up_common_lock;__wake_up_common;"
        "autoremove_wake_function;try_to_wake_up;_raw_spin_unlock_irqrestore",
    SYS "__x64_sys_pwrite64;vfs_write;ext4_buffered_write_iter;generic_perform_write;ext4_da_write_end;"
        "block_write_end;__block_commit_write;mark_buffer_dirty",
    SYS "syscall_exit_to_user_mode;exit_to_user_mode_prepare;" SCHED "finish_task_switch.isra.0",
    NULL,
};

static const char *const k_read[] = {
    SYS "__x64_sys_read;ksys_read;vfs_read;sock_read_iter;sock_recvmsg;inet_recvmsg;tcp_recvmsg;"
        "tcp_recvmsg_locked;skb_copy_datagram_iter;__skb_datagram_iter;_copy_to_iter;"
        "copy_user_enhanced_fast_string",
    SYS "__x64_sys_read;ksys_read;vfs_read;sock_read_iter;sock_recvmsg;inet_recvmsg;tcp_recvmsg;"
        "tcp_recvmsg_locked;tcp_cleanup_rbuf;__tcp_send_ack.part.0;__tcp_transmit_skb;__ip_queue_xmit",
    SYS "__x64_sys_read;ksys_read;vfs_read;filemap_read;filemap_get_pages;filemap_get_read_batch",
    SYS "__x64_sys_read;ksys_read;vfs_read;filemap_read;copy_page_to_iter;_copy_to_iter;"
        "copy_user_enhanced_fast_string",
    SYS "__x64_sys_read;ksys_read;vfs_read;sock_read_iter;sock_recvmsg;inet_recvmsg;tcp_recvmsg;"
        "tcp_recvmsg_locked;sk_wait_data;wait_woken;schedule_timeout;" SCHED "finish_task_switch.isra.0",
    NULL,
};

static const char *const k_pread[] = {
    SYS "__x64_sys_pread64;vfs_read;ext4_file_read_iter;filemap_read;copy_page_to_iter;_copy_to_iter;"
        "copy_user_enhanced_fast_string",
    SYS "__x64_sys_pread64;vfs_read;ext4_file_read_iter;filemap_read;filemap_get_pages;"
        "page_cache_ra_unbounded;read_pages;ext4_mpage_readpages;submit_bio;submit_bio_noacct_nocheck;"
        "__submit_bio;blk_mq_submit_bio;blk_mq_flush_plug_list;nvme_queue_rq",
    SYS "__x64_sys_pread64;vfs_read;ext4_file_read_iter;filemap_read;filemap_get_pages;"
        "filemap_get_read_batch",
    SYS "__x64_sys_pread64;vfs_read;ext4_file_read_iter;filemap_read;touch_atime;ext4_dirty_inode;"
        "__ext4_mark_inode_dirty;ext4_mark_iloc_dirty",
    NULL,
};

static const char *const k_recv[] = {
    SYS "__x64_sys_recvfrom;__sys_recvfrom;sock_recvmsg;inet_recvmsg;tcp_recvmsg;tcp_recvmsg_locked;"
        "skb_copy_datagram_iter;__skb_datagram_iter;_copy_to_iter;copy_user_enhanced_fast_string",
    SYS "__x64_sys_recvfrom;__sys_recvfrom;sock_recvmsg;inet_recvmsg;tcp_recvmsg;tcp_recvmsg_locked;"
        "sk_wait_data;wait_woken;schedule_timeout;" SCHED "finish_task_switch.isra.0",
    SYS "__x64_sys_recvfrom;__sys_recvfrom;sock_recvmsg;inet_recvmsg;tcp_recvmsg;release_sock;"
        "__release_sock;tcp_v4_do_rcv;tcp_rcv_established;tcp_data_queue",
    SYS "__x64_sys_recvmsg;__sys_recvmsg;___sys_recvmsg;____sys_recvmsg;sock_recvmsg;inet_recvmsg;"
        "tcp_recvmsg;tcp_recvmsg_locked;skb_copy_datagram_iter;__skb_datagram_iter;_copy_to_iter;"
        "copy_user_enhanced_fast_string",
    NULL,
};

static const char *const k_send[] = {
    SYS "__x64_sys_sendto;__sys_sendto;sock_sendmsg;tcp_sendmsg;tcp_sendmsg_locked;" TCP_XMIT
        "sch_direct_xmit;dev_hard_start_xmit;start_xmit;virtqueue_add_outbuf;virtqueue_add_split",
    SYS "__x64_sys_sendto;__sys_sendto;sock_sendmsg;tcp_sendmsg;tcp_sendmsg_locked;_copy_from_iter;"
        "copy_user_enhanced_fast_string",
    SYS "__x64_sys_sendmsg;__sys_sendmsg;___sys_sendmsg;____sys_sendmsg;sock_sendmsg;tcp_sendmsg;"
        "tcp_sendmsg_locked;" TCP_XMIT "dev_hard_start_xmit;start_xmit;virtqueue_notify;vp_notify;iowrite16",
    SYS "__x64_sys_sendto;__sys_sendto;sock_sendmsg;tcp_sendmsg;lock_sock_nested;_raw_spin_lock_bh",
    NULL,
};

static const char *const k_futex_wait[] = {
    SYS "__x64_sys_futex;do_futex;futex_wait;futex_wait_queue;" SCHED "finish_task_switch.isra.0",
    SYS "__x64_sys_futex;do_futex;futex_wait;futex_wait_queue;" SCHED "pick_next_task_fair;newidle_balance;"
        "load_balance;find_busiest_group;update_sd_lb_stats.constprop.0",
    SYS "__x64_sys_futex;do_futex;futex_wait;futex_wait_queue;" SCHED "psi_task_switch",
    SYS "__x64_sys_futex;do_futex;futex_wait;futex_wait_setup;get_futex_key",
    SYS "__x64_sys_futex;do_futex;futex_wait;futex_wait_queue;" SCHED "dequeue_task_fair;dequeue_entity;"
        "update_curr",
    NULL,
};

static const char *const k_futex_wake[] = {
    SYS "__x64_sys_futex;do_futex;futex_wake;wake_up_q;try_to_wake_up;_raw_spin_unlock_irqrestore",
    SYS "__x64_sys_futex;do_futex;futex_wake;wake_up_q;try_to_wake_up;ttwu_do_activate;"
        "enqueue_task_fair;enqueue_entity;update_curr",
    SYS "__x64_sys_futex;do_futex;futex_wake;wake_up_q;try_to_wake_up;select_task_rq_fair;"
        "select_idle_sibling",
    SYS "__x64_sys_futex;do_futex;futex_wake;get_futex_key",
    NULL,
};

static const char *const k_epoll[] = {
    SYS "__x64_sys_epoll_wait;do_epoll_wait;ep_poll;schedule_hrtimeout_range;"
        "schedule_hrtimeout_range_clock;" SCHED "finish_task_switch.isra.0",
    SYS "__x64_sys_epoll_wait;do_epoll_wait;ep_poll;ep_send_events;ep_item_poll.isra.0;sock_poll;tcp_poll",
    SYS "__x64_sys_epoll_wait;do_epoll_wait;ep_poll;_raw_spin_lock_irq",
    SYS "__x64_sys_epoll_pwait;do_epoll_pwait.part.0;do_epoll_wait;ep_poll;schedule_hrtimeout_range;"
        "schedule_hrtimeout_range_clock;" SCHED "finish_task_switch.isra.0",
    SYS "__x64_sys_epoll_wait;do_epoll_wait;__fdget;__fget_light",
    NULL,
};

static const char *const k_mem[] = {
    SYS "__x64_sys_mmap;ksys_mmap_pgoff;vm_mmap_pgoff;do_mmap;mmap_region;vma_merge",
    SYS "__x64_sys_munmap;__vm_munmap;do_vmi_munmap;do_vmi_align_munmap;unmap_region;tlb_finish_mmu;"
        "release_pages;free_unref_page_list",
    SYS "__x64_sys_madvise;do_madvise.part.0;zap_page_range_single;unmap_page_range;zap_pte_range;"
        "tlb_flush_mmu;free_pages_and_swap_cache",
    SYS "__x64_sys_brk;do_brk_flags;vma_merge",
    NULL,
};

static const char *const k_misc[] = {
    SYS "__x64_sys_clock_nanosleep;common_nsleep;hrtimer_nanosleep;do_nanosleep;" SCHED
        "finish_task_switch.isra.0",
    SYS "__x64_sys_openat;do_sys_openat2;do_filp_open;path_openat;link_path_walk.part.0.constprop.0;"
        "walk_component;lookup_fast;__d_lookup_rcu",
    SYS "__x64_sys_sched_yield;do_sched_yield;" SCHED "pick_next_task_fair",
    SYS "__x64_sys_fdatasync;ext4_sync_file;file_write_and_wait_range;__filemap_fdatawrite_range;"
        "do_writepages;ext4_writepages;ext4_do_writepages",
    NULL,
};

static const char *const k_irq[] = {
    "asm_sysvec_apic_timer_interrupt;sysvec_apic_timer_interrupt;__sysvec_apic_timer_interrupt;"
    "hrtimer_interrupt;__hrtimer_run_queues;tick_sched_timer;tick_sched_handle;update_process_times;"
    "scheduler_tick;task_tick_fair;update_curr",
    "asm_exc_page_fault;exc_page_fault;do_user_addr_fault;handle_mm_fault;__handle_mm_fault;"
    "handle_pte_fault;do_anonymous_page;vma_alloc_folio;__folio_alloc;__alloc_pages;"
    "get_page_from_freelist;clear_page_erms",
    "asm_sysvec_apic_timer_interrupt;sysvec_apic_timer_interrupt;__sysvec_apic_timer_interrupt;"
    "hrtimer_interrupt;__hrtimer_run_queues;tick_sched_timer;tick_sched_handle;update_process_times;"
    "scheduler_tick;perf_event_task_tick",
    "asm_exc_page_fault;exc_page_fault;do_user_addr_fault;handle_mm_fault;__handle_mm_fault;"
    "handle_pte_fault;do_fault;do_read_fault;filemap_map_pages;next_uptodate_page",
    "asm_sysvec_apic_timer_interrupt;sysvec_apic_timer_interrupt;irq_exit_rcu;__irq_exit_rcu;"
    "__do_softirq;net_rx_action;__napi_poll;virtnet_poll;virtnet_receive;receive_buf;napi_gro_receive;"
    "dev_gro_receive;inet_gro_receive;tcp4_gro_receive",
    "asm_sysvec_reschedule_ipi;irqentry_exit_to_user_mode;exit_to_user_mode_prepare;" SCHED
    "finish_task_switch.isra.0",
    "asm_exc_page_fault;exc_page_fault;do_user_addr_fault;handle_mm_fault;__handle_mm_fault;"
    "handle_pte_fault;do_wp_page;wp_page_copy;copy_page",
    "asm_sysvec_call_function_single;sysvec_call_function_single;__flush_smp_call_function_queue;"
    "flush_tlb_func",
    NULL,
};

#define IDLE "secondary_startup_64_no_verify;start_secondary;cpu_startup_entry;do_idle;"
static const char *const k_idle[] = {
    IDLE "cpuidle_idle_call;cpuidle_enter;cpuidle_enter_state;intel_idle",
    IDLE "cpuidle_idle_call;cpuidle_enter;cpuidle_enter_state;intel_idle_irq",
    IDLE "cpuidle_idle_call;cpuidle_enter;cpuidle_enter_state;asm_sysvec_apic_timer_interrupt;"
         "sysvec_apic_timer_interrupt;irq_exit_rcu;__irq_exit_rcu;__do_softirq;rcu_core;rcu_do_batch;"
         "kmem_cache_free",
    "x86_64_start_kernel;x86_64_start_reservations;start_kernel;arch_call_rest_init;rest_init;"
    "cpu_startup_entry;do_idle;cpuidle_idle_call;cpuidle_enter;cpuidle_enter_state;intel_idle",
    IDLE "cpuidle_idle_call;cpuidle_enter;cpuidle_enter_state;asm_common_interrupt;common_interrupt;"
         "__common_interrupt;handle_edge_irq;handle_irq_event;__handle_irq_event_percpu;vring_interrupt;"
         "skb_recv_done;__napi_schedule",
    IDLE "schedule_idle;__schedule;finish_task_switch.isra.0",
    IDLE "tick_nohz_idle_exit;tick_nohz_restart_sched_tick;hrtimer_start_range_ns;"
         "_raw_spin_unlock_irqrestore",
    IDLE "flush_smp_call_function_queue;__flush_smp_call_function_queue;sched_ttwu_pending;"
         "ttwu_do_activate;enqueue_task_fair",
    IDLE "cpuidle_idle_call;cpuidle_enter;cpuidle_enter_state;sched_clock_cpu;sched_clock",
    NULL,
};

#define KTHREAD "ret_from_fork_asm;ret_from_fork;kthread;"
static const char *const k_kworker[] = {
    KTHREAD "worker_thread;process_one_work;vmstat_update;refresh_cpu_vm_stats",
    KTHREAD "worker_thread;process_one_work;wb_workfn;wb_writeback;__writeback_inodes_wb;"
            "writeback_sb_inodes;__writeback_single_inode;do_writepages;ext4_writepages;"
            "ext4_do_writepages;mpage_prepare_extent_to_map;filemap_get_folios_tag",
    KTHREAD "worker_thread;process_one_work;blk_mq_run_work_fn;blk_mq_sched_dispatch_requests;"
            "__blk_mq_sched_dispatch_requests;blk_mq_dispatch_rq_list;nvme_queue_rq;nvme_prep_rq.part.0",
    KTHREAD "worker_thread;process_one_work;flush_to_ldisc;tty_port_default_receive_buf;"
            "n_tty_receive_buf_common",
    KTHREAD "worker_thread;" SCHED "finish_task_switch.isra.0",
    KTHREAD "worker_thread;process_one_work;drm_fb_helper_damage_work;drm_fbdev_fb_dirty;"
            "memcpy_toio",
    NULL,
};

static const char *const k_softirq[] = {
    KTHREAD "smpboot_thread_fn;run_ksoftirqd;__do_softirq;net_rx_action;__napi_poll;virtnet_poll;"
            "virtnet_receive;receive_buf;napi_gro_receive;dev_gro_receive;inet_gro_receive;tcp4_gro_receive",
    KTHREAD "smpboot_thread_fn;run_ksoftirqd;__do_softirq;rcu_core;rcu_do_batch;kmem_cache_free",
    KTHREAD "smpboot_thread_fn;run_ksoftirqd;__do_softirq;run_timer_softirq;__run_timers;call_timer_fn;"
            "tcp_delack_timer;tcp_delack_timer_handler;tcp_send_ack",
    KTHREAD "smpboot_thread_fn;run_ksoftirqd;__do_softirq;net_rx_action;__napi_poll;process_backlog;"
            "__netif_receive_skb_one_core;ip_rcv;ip_local_deliver_finish;ip_protocol_deliver_rcu;"
            "tcp_v4_rcv;tcp_v4_do_rcv;tcp_rcv_established",
    KTHREAD "smpboot_thread_fn;" SCHED "finish_task_switch.isra.0",
    NULL,
};

static const char *const k_jbd2[] = {
    KTHREAD "kjournald2;jbd2_journal_commit_transaction;journal_submit_commit_record.part.0;"
            "submit_bh_wbc;submit_bio_noacct_nocheck;__submit_bio;blk_mq_submit_bio",
    KTHREAD "kjournald2;jbd2_journal_commit_transaction;jbd2_journal_write_metadata_buffer;"
            "__memcpy",
    KTHREAD "kjournald2;jbd2_journal_commit_transaction;__jbd2_journal_file_buffer",
    NULL,
};

/* libc, shared by every native language's library group */
static const char *const lib_libc[] = {
    "malloc;_int_malloc",
    "__memmove_avx_unaligned_erms",
    "free;_int_free",
    "__memset_avx2_unaligned_erms",
    "__GI___libc_write;@k_write",
    "__libc_recv;@k_recv",
    "___pthread_mutex_lock;__lll_lock_wait;@k_futex_wait",
    "malloc;_int_malloc;sysmalloc;__glibc_morecore;__brk;@k_mem",
    "__memcmp_avx2_movbe",
    "__libc_send;@k_send",
    "epoll_wait;@k_epoll",
    "___pthread_cond_wait;__pthread_cond_wait_common;__futex_abstimed_wait_common;@k_futex_wait",
    "___pthread_mutex_unlock;__lll_lock_wake;@k_futex_wake",
    "__GI___clock_gettime;__vdso_clock_gettime|vdso",
    "__strlen_avx2",
    "free;_int_free;malloc_consolidate",
    "__GI___libc_read;@k_read",
    "realloc;_int_realloc;_int_malloc",
    "__munmap;@k_mem",
    "__clock_nanosleep;@k_misc",
    "qsort_r;msort_with_tmp.part.0;msort_with_tmp.part.0;msort_with_tmp.part.0",
    "__GI___libc_open;@k_misc",
    NULL,
};

static const char *const lib_java[] = {
    "OptoRuntime::new_array_C(Klass*, int, JavaThread*)|libjvm;"
    "TypeArrayKlass::allocate_common(int, bool, JavaThread*)|libjvm;MemAllocator::allocate() const|libjvm;"
    "MemAllocator::allocate_inside_tlab_slow(MemAllocator::Allocation&) const|libjvm;"
    "G1CollectedHeap::allocate_new_tlab(unsigned long, unsigned long, unsigned long*)|libjvm;"
    "G1CollectedHeap::attempt_allocation_slow(unsigned long)|libjvm",
    "jbyte_disjoint_arraycopy",
    "OptoRuntime::new_instance_C(Klass*, JavaThread*)|libjvm;"
    "InstanceKlass::allocate_instance(JavaThread*)|libjvm;MemAllocator::allocate() const|libjvm;"
    "__memset_avx2_unaligned_erms|libc",
    "itable stub",
    "Java_sun_nio_ch_SocketDispatcher_write0|libnio;__GI___libc_write|libc;@k_write",
    "Unsafe_Park|libjvm;Parker::park(bool, long)|libjvm;___pthread_cond_timedwait64|libc;"
    "__pthread_cond_wait_common|libc;__futex_abstimed_wait_common|libc;@k_futex_wait",
    "StubRoutines (2)",
    "Java_sun_nio_ch_SocketDispatcher_read0|libnio;__GI___libc_read|libc;@k_read",
    "SharedRuntime::resolve_virtual_call_C(JavaThread*)|libjvm;"
    "SharedRuntime::resolve_helper(bool, bool, JavaThread*)|libjvm;"
    "SharedRuntime::resolve_sub_helper(bool, bool, JavaThread*)|libjvm;"
    "LinkResolver::resolve_invoke(CallInfo&, Handle, constantPoolHandle const&, int, Bytecodes::Code, "
    "JavaThread*)|libjvm",
    "vtable stub",
    "Unsafe_Unpark|libjvm;___pthread_cond_signal|libc;futex_wake|libc;@k_futex_wake",
    "JVM_IHashCode|libjvm;ObjectSynchronizer::FastHashCode(Thread*, oopDesc*)|libjvm",
    "ObjectMonitor::enter(JavaThread*)|libjvm;ObjectMonitor::EnterI(JavaThread*)|libjvm;"
    "PlatformEvent::park()|libjvm;__pthread_cond_wait_common|libc;__futex_abstimed_wait_common|libc;"
    "@k_futex_wait",
    "jint_disjoint_arraycopy",
    "Java_sun_nio_ch_EPoll_wait|libnio;epoll_wait|libc;@k_epoll",
    "JVM_CurrentTimeMillis|libjvm;os::javaTimeMillis()|libjvm;__GI___clock_gettime|libc;"
    "__vdso_clock_gettime|vdso",
    "[unknown]",
    NULL,
};

#define GO_PARK "runtime.gopark;runtime.mcall;runtime.park_m;runtime.schedule;runtime.findRunnable;"
#define GO_SYSCALL "syscall.Syscall;syscall.RawSyscall6;runtime/internal/syscall.Syscall6;"
static const char *const lib_go[] = {
    "runtime.newobject;runtime.mallocgc;runtime.(*mcache).nextFree;runtime.(*mcache).refill;"
    "runtime.(*mcentral).cacheSpan;runtime.(*mcentral).grow;runtime.(*mheap).alloc;runtime.systemstack.abi0;"
    "runtime.(*mheap).alloc.func1;runtime.(*mheap).allocSpan",
    "runtime.memmove",
    "runtime.newobject;runtime.mallocgc;runtime.memclrNoHeapPointers",
    "runtime.growslice;runtime.mallocgc;runtime.(*mcache).nextFree",
    "runtime.mapaccess2_faststr;runtime.memequal",
    "runtime.newobject;runtime.mallocgc;runtime.gcAssistAlloc;runtime.systemstack.abi0;"
    "runtime.gcAssistAlloc.func1;runtime.gcAssistAlloc1;runtime.gcDrainN;runtime.scanobject;runtime.findObject",
    "runtime.makeslice;runtime.mallocgc",
    "runtime.mapassign_faststr;runtime.growWork_faststr;runtime.evacuate_faststr",
    "runtime.concatstrings;runtime.rawstringtmp;runtime.rawstring;runtime.mallocgc",
    "sync.(*Mutex).Lock;sync.(*Mutex).lockSlow;runtime.semacquire1;runtime.goparkunlock;" GO_PARK
    "runtime.stopm;runtime.mPark;runtime.notesleep;runtime.futexsleep;runtime.futex.abi0;@k_futex_wait",
    "runtime.chansend1;runtime.chansend;runtime.send;runtime.goready;runtime.systemstack.abi0;"
    "runtime.goready.func1;runtime.ready;runtime.wakep;runtime.startm;runtime.notewakeup;"
    "runtime.futexwakeup;runtime.futex.abi0;@k_futex_wake",
    "runtime.chanrecv1;runtime.chanrecv;" GO_PARK "runtime.netpoll;runtime.epollwait.abi0;@k_epoll",
    "internal/poll.(*FD).Write;syscall.Write;syscall.write;" GO_SYSCALL "@k_write",
    "internal/poll.(*FD).Read;syscall.Read;syscall.read;" GO_SYSCALL "@k_read",
    "runtime.selectgo;" GO_PARK "runtime.stealWork;runtime.runqsteal;runtime.runqgrab",
    "time.Now;runtime.nanotime1.abi0;__vdso_clock_gettime|vdso",
    "encoding/json.Marshal;encoding/json.(*encodeState).marshal;encoding/json.(*encodeState).reflectValue;"
    "encoding/json.structEncoder.encode;encoding/json.ptrEncoder.encode;encoding/json.structEncoder.encode;"
    "encoding/json.stringEncoder;encoding/json.appendString[...]",
    "encoding/json.Unmarshal;encoding/json.(*decodeState).unmarshal;encoding/json.(*decodeState).value;"
    "encoding/json.(*decodeState).object;encoding/json.(*decodeState).value;encoding/json.(*decodeState).object;"
    "encoding/json.(*decodeState).literalStore",
    "fmt.Sprintf;fmt.(*pp).doPrintf;fmt.(*pp).printArg;fmt.(*fmt).fmtInteger",
    "runtime.morestack.abi0;runtime.newstack;runtime.copystack;runtime.memmove",
    "runtime.slicebytetostring;runtime.mallocgc;runtime.(*mcache).nextFree",
    "runtime.mapaccess1_fast64",
    "runtime.assertE2I2;runtime.getitab",
    NULL,
};

static const char *const lib_cpp[] = {
    "operator new(unsigned long)|libstdc++;malloc|libc;_int_malloc|libc",
    "@lib_libc",
    "operator delete(void*, unsigned long)|libstdc++;free|libc;_int_free|libc",
    "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::_M_mutate(unsigned long, "
    "unsigned long, char const*, unsigned long)|libstdc++;operator new(unsigned long)|libstdc++;malloc|libc",
    "std::_Rb_tree_insert_and_rebalance(bool, std::_Rb_tree_node_base*, std::_Rb_tree_node_base*, "
    "std::_Rb_tree_node_base&)|libstdc++",
    "SSL_read|libssl;ssl3_read_bytes|libssl;ssl3_get_record|libssl;tls13_cipher|libssl;"
    "EVP_DecryptUpdate|libcrypto;aes_gcm_cipher|libcrypto;aesni_gcm_decrypt|libcrypto",
    "SSL_write|libssl;ssl3_write_bytes|libssl;do_ssl3_write|libssl;tls13_cipher|libssl;"
    "EVP_EncryptUpdate|libcrypto;aes_gcm_cipher|libcrypto;aesni_gcm_encrypt|libcrypto",
    "std::condition_variable::wait(std::unique_lock<std::mutex>&)|libstdc++;___pthread_cond_wait|libc;"
    "__pthread_cond_wait_common|libc;__futex_abstimed_wait_common|libc;@k_futex_wait",
    "absl::lts_20230125::Mutex::Lock()",
    "__cxa_throw|libstdc++;_Unwind_RaiseException|libgcc;_Unwind_Find_FDE|libgcc;dl_iterate_phdr|libc",
    "std::__detail::_Prime_rehash_policy::_M_need_rehash(unsigned long, unsigned long, unsigned long) "
    "const|libstdc++",
    "google::protobuf::internal::WireFormatLite::WriteBytes(int, std::__cxx11::basic_string<char, "
    "std::char_traits<char>, std::allocator<char> > const&, google::protobuf::io::CodedOutputStream*)",
    NULL,
};

static const char *const lib_pg[] = {
    "palloc;AllocSetAlloc;malloc|libc;_int_malloc|libc",
    "@lib_libc",
    "hash_search_with_hash_value",
    "LWLockAcquire;PGSemaphoreLock;__new_sem_wait_slow64.constprop.0|libc;"
    "__futex_abstimed_wait_common|libc;@k_futex_wait",
    "ReadBufferExtended;ReadBuffer_common;smgrread;mdread;FileRead;__libc_pread64|libc;@k_pread",
    "ReadBufferExtended;ReadBuffer_common;BufferAlloc;StrategyGetBuffer",
    "XLogInsert;XLogInsertRecord;CopyXLogRecordToWAL;__memmove_avx_unaligned_erms|libc",
    "pfree;AllocSetFree",
    "MemoryContextReset;MemoryContextResetOnly;AllocSetReset;free|libc;_int_free|libc",
    "pg_detoast_datum;detoast_attr;toast_decompress_datum;pglz_decompress",
    "texteq;toast_raw_datum_size",
    "LWLockRelease;LWLockWakeup;PGSemaphoreUnlock;sem_post@@GLIBC_2.2.5|libc;@k_futex_wake",
    NULL,
};

static const char *const lib_rust[] = {
    "__rust_alloc;__rdl_alloc;malloc|libc;_int_malloc|libc",
    "__memmove_avx_unaligned_erms|libc",
    "__rust_dealloc;free|libc;_int_free|libc",
    "alloc::raw_vec::RawVec<T,A>::reserve::do_reserve_and_handle;alloc::raw_vec::finish_grow;"
    "realloc|libc;_int_realloc|libc;_int_malloc|libc",
    "<alloc::vec::Vec<T,A> as core::clone::Clone>::clone;__memmove_avx_unaligned_erms|libc",
    "hashbrown::raw::RawTable<T,A>::reserve_rehash;__rust_alloc;__rdl_alloc;malloc|libc",
    "core::hash::BuildHasher::hash_one;<std::collections::hash::map::DefaultHasher as "
    "core::hash::Hasher>::write",
    "<tokio::net::tcp::stream::TcpStream as tokio::io::async_write::AsyncWrite>::poll_write;"
    "tokio::io::poll_evented::PollEvented<E>::poll_write;<&mio::net::tcp::stream::TcpStream as "
    "std::io::Write>::write;__GI___libc_write|libc;@k_write",
    "<tokio::net::tcp::stream::TcpStream as tokio::io::async_read::AsyncRead>::poll_read;"
    "tokio::io::poll_evented::PollEvented<E>::poll_read;<&mio::net::tcp::stream::TcpStream as "
    "std::io::Read>::read;__libc_recv|libc;@k_recv",
    "serde_json::de::from_slice;<&mut serde_json::de::Deserializer<R> as "
    "serde::de::Deserializer>::deserialize_struct;serde_json::de::Deserializer<R>::parse_str",
    "core::fmt::write;<&T as core::fmt::Display>::fmt;core::fmt::Formatter::pad",
    "std::sys::unix::locks::futex_mutex::Mutex::lock_contended;syscall|libc;@k_futex_wait",
    "std::time::Instant::now;std::sys::unix::time::Timespec::now;__GI___clock_gettime|libc;"
    "__vdso_clock_gettime|vdso",
    "core::ptr::drop_in_place<alloc::vec::Vec<u8>>;__rust_dealloc;free|libc",
    NULL,
};

static const char *const lib_py[] = {
    "PyObject_GetAttr;_PyObject_GenericGetAttrWithDict;_PyType_Lookup",
    "PyObject_Malloc;pymalloc_alloc;allocate_from_new_pool",
    "PyDict_SetItem;insertdict;dictresize;new_keys_object;PyObject_Malloc",
    "_PyList_AppendTakeRefListResize;list_resize;PyMem_Realloc;_PyMem_RawRealloc;realloc|libc;"
    "_int_realloc|libc",
    "PyUnicode_Join;_PyUnicode_JoinArray;PyUnicode_New;PyObject_Malloc",
    "PyEval_RestoreThread;take_gil;___pthread_cond_timedwait64|libc;__pthread_cond_wait_common|libc;"
    "__futex_abstimed_wait_common|libc;@k_futex_wait",
    "gc_collect_main;deduce_unreachable;subtract_refs;dict_traverse",
    "sock_recv;sock_call_ex;sock_recv_impl;__libc_recv|libc;@k_recv",
    "sock_sendall;sock_call_ex;sock_send_impl;__libc_send|libc;@k_send",
    "_PyObject_Free;free|libc;_int_free|libc",
    "PyLong_FromLong;_PyLong_New;PyObject_Malloc",
    "@lib_libc",
    NULL,
};

#define JVM_START "__clone3|libc;start_thread|libc;thread_native_entry(Thread*);Thread::call_run();"
#define JAVA_THREAD                                                                                \
    JVM_START "JavaThread::thread_main_inner();thread_entry(JavaThread*, JavaThread*);"            \
              "JavaCalls::call_virtual(JavaValue*, Handle, Klass*, Symbol*, Symbol*, JavaThread*);"  \
              "JavaCalls::call_helper(JavaValue*, methodHandle const&, JavaCallArguments*, JavaThread*);" \
              "call_stub|jitj;Ljava/lang/Thread;.run|jitj;"
#define TOMCAT                                                                                     \
    JAVA_THREAD "Lorg/apache/tomcat/util/threads/TaskThread$WrappingRunnable;.run|jitj;"           \
                "Ljava/util/concurrent/ThreadPoolExecutor$Worker;.run|jitj;"                         \
                "Ljava/util/concurrent/ThreadPoolExecutor;.runWorker|jitj;"                          \
                "Lorg/apache/tomcat/util/net/SocketProcessorBase;.run|jitj;"                         \
                "Lorg/apache/tomcat/util/net/NioEndpoint$SocketProcessor;.doRun|jitj;"               \
                "Lorg/apache/coyote/AbstractProtocol$ConnectionHandler;.process|jitj;"               \
                "Lorg/apache/coyote/AbstractProcessorLight;.process|jitj;"

static const char *const entry_java_http[] = {
    TOMCAT "Lorg/apache/coyote/http11/Http11Processor;.service|jitj;"
           "Lorg/apache/catalina/connector/CoyoteAdapter;.service|jitj;"
           "Lorg/apache/catalina/core/StandardEngineValve;.invoke|jitj;"
           "Lorg/apache/catalina/core/ApplicationFilterChain;.doFilter|jitj;"
           "Lorg/springframework/web/servlet/FrameworkServlet;.service|jitj;"
           "Lorg/springframework/web/servlet/DispatcherServlet;.doDispatch|jitj;@app_java",
    TOMCAT "Lorg/apache/coyote/http11/Http11Processor;.service|jitj;"
           "Lorg/apache/coyote/http11/Http11InputBuffer;.parseRequestLine|jitj;"
           "Lorg/apache/coyote/http11/Http11InputBuffer;.fill|jitj;"
           "Lorg/apache/tomcat/util/net/NioEndpoint$NioSocketWrapper;.read|jitj;"
           "Lsun/nio/ch/SocketChannelImpl;.read|jitj;Lsun/nio/ch/IOUtil;.read|jitj;"
           "Java_sun_nio_ch_SocketDispatcher_read0|libnio;__GI___libc_read|libc;@k_read",
    TOMCAT "Lorg/apache/coyote/http11/Http11Processor;.service|jitj;"
           "Lorg/apache/coyote/Response;.action|jitj;Lorg/apache/coyote/http11/Http11OutputBuffer;.flush|jitj;"
           "Lorg/apache/tomcat/util/net/NioEndpoint$NioSocketWrapper;.doWrite|jitj;"
           "Lsun/nio/ch/SocketChannelImpl;.write|jitj;Lsun/nio/ch/IOUtil;.write|jitj;"
           "Java_sun_nio_ch_SocketDispatcher_write0|libnio;__GI___libc_write|libc;@k_write",
    JAVA_THREAD "Lorg/apache/tomcat/util/net/NioEndpoint$Poller;.run|jitj;"
                "Lsun/nio/ch/SelectorImpl;.select|jitj;Lsun/nio/ch/EPollSelectorImpl;.doSelect|jitj;"
                "Lsun/nio/ch/EPoll;.wait|jitj;Java_sun_nio_ch_EPoll_wait|libnio;epoll_wait|libc;@k_epoll",
    NULL,
};

static const char *const entry_java_pool[] = {
    JAVA_THREAD "Ljava/util/concurrent/ThreadPoolExecutor$Worker;.run|jitj;"
                "Ljava/util/concurrent/ThreadPoolExecutor;.runWorker|jitj;@app_java",
    JAVA_THREAD "Lorg/apache/kafka/common/utils/KafkaThread;.run|jitj;"
                "Lorg/apache/kafka/clients/producer/internals/Sender;.run|jitj;"
                "Lorg/apache/kafka/clients/producer/internals/Sender;.runOnce|jitj;@app_java",
    JAVA_THREAD "Ljava/util/concurrent/ThreadPoolExecutor$Worker;.run|jitj;"
                "Ljava/util/concurrent/ThreadPoolExecutor;.runWorker|jitj;"
                "Ljava/util/concurrent/ThreadPoolExecutor;.getTask|jitj;"
                "Ljava/util/concurrent/LinkedBlockingQueue;.take|jitj;"
                "Ljava/util/concurrent/locks/LockSupport;.park|jitj;Unsafe_Park|libjvm;"
                "Parker::park(bool, long)|libjvm;___pthread_cond_wait|libc;__pthread_cond_wait_common|libc;"
                "__futex_abstimed_wait_common|libc;@k_futex_wait",
    NULL,
};

static const char *const entry_java_main[] = {
    "__clone3|libc;start_thread|libc;ThreadJavaMain|libjli;JavaMain|libjli;jni_CallStaticVoidMethod;"
    "jni_invoke_static(JNIEnv_*, JavaValue*, _jobject*, JNICallType, _jmethodID*, JNI_ArgumentPusher*, "
    "JavaThread*);JavaCalls::call_helper(JavaValue*, methodHandle const&, JavaCallArguments*, JavaThread*);"
    "call_stub|jitj;Interpreter|jitj;Lcom/shopco/Application;.main|jitj;"
    "Lorg/springframework/boot/SpringApplication;.run|jitj;@app_java",
    NULL,
};

#define C2 JVM_START "JavaThread::thread_main_inner();CompileBroker::compiler_thread_loop();" \
    "CompileBroker::invoke_compiler_on_method(CompileTask*);"
#define C2_COMPILE C2 "C2Compiler::compile_method(ciEnv*, ciMethod*, int, bool, DirectiveSet*);" \
    "Compile::Compile(ciEnv*, ciMethod*, int, Options, DirectiveSet*);"
static const char *const entry_jvm_compiler[] = {
    C2_COMPILE "Compile::Optimize();PhaseIdealLoop::optimize(PhaseIterGVN&, LoopOptsMode);"
               "PhaseIdealLoop::build_and_optimize();PhaseIdealLoop::build_loop_late(VectorSet&, Node_List&, "
               "Node_Stack&);PhaseIdealLoop::build_loop_late_post_work(Node*, bool)",
    C2_COMPILE "Compile::Optimize();PhaseIterGVN::optimize();PhaseIterGVN::transform_old(Node*);"
               "PhiNode::Ideal(PhaseGVN*, bool)",
    C2_COMPILE "Compile::Code_Gen();PhaseChaitin::Register_Allocate();"
               "PhaseChaitin::build_ifg_physical(ResourceArea*)",
    C2_COMPILE "Compile::Code_Gen();PhaseChaitin::Register_Allocate();PhaseLive::compute(unsigned int)",
    C2_COMPILE "Compile::Code_Gen();PhaseOutput::Output();PhaseOutput::fill_buffer(CodeBuffer*, unsigned int*)",
    C2_COMPILE "ParseGenerator::generate(JVMState*);Parse::Parse(JVMState*, ciMethod*, float);"
               "Parse::do_all_blocks();Parse::do_one_block();Parse::do_call();"
               "Compile::call_generator(ciMethod*, int, bool, JVMState*, bool, float, ciKlass*, bool)",
    C2_COMPILE "Compile::Optimize();PhaseIdealLoop::optimize(PhaseIterGVN&, LoopOptsMode);"
               "PhaseIdealLoop::build_and_optimize();PhaseIdealLoop::split_if_with_blocks(VectorSet&, "
               "Node_Stack&);PhaseIdealLoop::split_if_with_blocks_post(Node*)",
    C2 "Compiler::compile_method(ciEnv*, ciMethod*, int, bool, DirectiveSet*);"
       "Compilation::Compilation(AbstractCompiler*, ciEnv*, ciMethod*, int, BufferBlob*, bool, DirectiveSet*);"
       "Compilation::compile_method();Compilation::compile_java_method();LinearScan::do_linear_scan();"
       "LinearScan::allocate_registers()",
    C2 "Compiler::compile_method(ciEnv*, ciMethod*, int, bool, DirectiveSet*);"
       "Compilation::Compilation(AbstractCompiler*, ciEnv*, ciMethod*, int, BufferBlob*, bool, DirectiveSet*);"
       "Compilation::compile_method();Compilation::compile_java_method();"
       "Compilation::build_hir();IR::IR(Compilation*, ciMethod*, int);GraphBuilder::GraphBuilder(Compilation*, "
       "IRScope*);GraphBuilder::iterate_all_blocks(bool)",
    JVM_START "JavaThread::thread_main_inner();CompileBroker::compiler_thread_loop();"
              "CompileQueue::get(CompilerThread*);Monitor::wait(unsigned long);PlatformMonitor::wait(unsigned "
              "long);___pthread_cond_timedwait64|libc;__pthread_cond_wait_common|libc;"
              "__futex_abstimed_wait_common|libc;@k_futex_wait",
    NULL,
};

#define GC_TASK JVM_START "WorkerThread::run();G1EvacuateRegionsTask::work(unsigned int);"
static const char *const entry_jvm_gc[] = {
    GC_TASK "G1EvacuateRegionsTask::evacuate_live_objects(G1ParScanThreadState*, unsigned int);"
            "G1ParEvacuateFollowersClosure::do_void();G1ParScanThreadState::trim_queue_to_threshold(unsigned int);"
            "G1ParScanThreadState::do_copy_to_survivor_space(G1HeapRegionAttr, oopDesc*, markWord)",
    GC_TASK "G1EvacuateRegionsTask::evacuate_live_objects(G1ParScanThreadState*, unsigned int);"
            "G1ParEvacuateFollowersClosure::do_void();G1ParScanThreadState::trim_queue_to_threshold(unsigned int);"
            "void G1ParScanThreadState::do_oop_evac<narrowOop>(narrowOop*)",
    GC_TASK "G1EvacuateRegionsTask::scan_roots(G1ParScanThreadState*, unsigned int);"
            "G1RemSet::scan_heap_roots(G1ParScanThreadState*, unsigned int, G1GCPhaseTimes::GCParPhases, "
            "G1GCPhaseTimes::GCParPhases, bool);G1ScanHRForRegionClosure::scan_heap_roots(HeapRegion*)",
    GC_TASK "G1EvacuateRegionsTask::evacuate_live_objects(G1ParScanThreadState*, unsigned int);"
            "G1ParEvacuateFollowersClosure::do_void();TaskTerminator::offer_termination(TerminatorTerminator*);"
            "SpinPause",
    JVM_START "WorkerThread::run();WorkerTaskDispatcher::worker_wait_for_task();PosixSemaphore::wait();"
              "__new_sem_wait_slow64.constprop.0|libc;__futex_abstimed_wait_common|libc;@k_futex_wait",
    JVM_START "ConcurrentGCThread::run();G1ConcurrentMarkThread::run_service();"
              "G1ConcurrentMarkThread::concurrent_mark_cycle_do();G1ConcurrentMark::mark_from_roots();"
              "WorkerThreads::run_task(WorkerTask*)",
    NULL,
};

static const char *const entry_jvm_vm[] = {
    JVM_START "VMThread::run();VMThread::inner_execute(VM_Operation*);VMThread::evaluate_operation(VM_Operation*);"
              "VM_Operation::evaluate();VM_G1CollectForAllocation::doit();"
              "G1CollectedHeap::do_collection_pause_at_safepoint();G1YoungCollector::collect();"
              "G1YoungCollector::post_evacuate_collection_set(G1EvacInfo*, G1ParScanThreadStateSet*)",
    JVM_START "VMThread::run();VMThread::inner_execute(VM_Operation*);SafepointSynchronize::begin();"
              "SafepointSynchronize::synchronize_threads(long, int, int*);os::naked_short_nanosleep(long);"
              "__clock_nanosleep|libc;@k_misc",
    JVM_START "VMThread::run();VMThread::wait_for_operation();Monitor::wait_without_safepoint_check(unsigned long);"
              "PlatformMonitor::wait(unsigned long);___pthread_cond_timedwait64|libc;"
              "__pthread_cond_wait_common|libc;__futex_abstimed_wait_common|libc;@k_futex_wait",
    JVM_START "WatcherThread::run();WatcherThread::sleep() const;Monitor::wait_without_safepoint_check(unsigned "
              "long);PlatformMonitor::wait(unsigned long);___pthread_cond_timedwait64|libc;"
              "__pthread_cond_wait_common|libc;__futex_abstimed_wait_common|libc;@k_futex_wait",
    JVM_START "WatcherThread::run();PeriodicTask::real_time_tick(int);StatSamplerTask::task();"
              "StatSampler::collect_sample()",
    NULL,
};

#define GO_HTTP "runtime.goexit.abi0;net/http.(*conn).serve;"
#define GO_WRITE "net.(*conn).Write;net.(*netFD).Write;internal/poll.(*FD).Write;syscall.Write;syscall.write;"
static const char *const entry_go_http[] = {
    GO_HTTP "net/http.serverHandler.ServeHTTP;net/http.(*ServeMux).ServeHTTP;net/http.HandlerFunc.ServeHTTP;"
            "github.com/shopco/checkout/pkg/httpapi.(*Router).ServeHTTP;"
            "github.com/shopco/checkout/pkg/httpapi.(*Router).ServeHTTP.func1;@app_go",
    GO_HTTP "net/http.(*conn).readRequest;net/http.readRequest;net/textproto.(*Reader).ReadMIMEHeader;"
            "net/textproto.readMIMEHeader;net/textproto.(*Reader).readContinuedLineSlice;"
            "net/textproto.(*Reader).readLineSlice;bufio.(*Reader).ReadLine;bufio.(*Reader).ReadSlice;"
            "bufio.(*Reader).fill;net/http.(*connReader).Read;net.(*conn).Read;net.(*netFD).Read;"
            "internal/poll.(*FD).Read;syscall.Read;syscall.read;" GO_SYSCALL "@k_read",
    GO_HTTP "net/http.(*response).finishRequest;bufio.(*Writer).Flush;net/http.checkConnErrorWriter.Write;"
            GO_WRITE GO_SYSCALL "@k_write",
    GO_HTTP "net/http.(*conn).readRequest;net/http.readRequest;net/textproto.(*Reader).ReadMIMEHeader;"
            "net/textproto.readMIMEHeader;net/textproto.canonicalMIMEHeaderKey",
    NULL,
};

static const char *const entry_go_grpc[] = {
    "runtime.goexit.abi0;google.golang.org/grpc.(*Server).serveStreams.func2.1;"
    "google.golang.org/grpc.(*Server).handleStream;google.golang.org/grpc.(*Server).processUnaryRPC;"
    "github.com/shopco/checkout/api/v1._Checkout_PlaceOrder_Handler;@app_go",
    "runtime.goexit.abi0;google.golang.org/grpc.(*Server).serveStreams.func2.1;"
    "google.golang.org/grpc.(*Server).handleStream;google.golang.org/grpc.(*Server).processUnaryRPC;"
    "google.golang.org/grpc.(*Server).sendResponse;google.golang.org/grpc.encode;"
    "google.golang.org/protobuf/proto.MarshalOptions.marshal;google.golang.org/protobuf/internal/impl."
    "(*MessageInfo).marshal;google.golang.org/protobuf/internal/impl.(*MessageInfo).marshalAppendPointer",
    "runtime.goexit.abi0;google.golang.org/grpc/internal/transport.NewServerTransport.func2;"
    "google.golang.org/grpc/internal/transport.(*loopyWriter).run;"
    "google.golang.org/grpc/internal/transport.(*bufWriter).Flush;" GO_WRITE GO_SYSCALL "@k_write",
    "runtime.goexit.abi0;google.golang.org/grpc/internal/transport.(*http2Server).HandleStreams;"
    "golang.org/x/net/http2.(*Framer).ReadFrame;io.ReadAtLeast;bufio.(*Reader).Read;net.(*conn).Read;"
    "net.(*netFD).Read;internal/poll.(*FD).Read;syscall.Read;syscall.read;" GO_SYSCALL "@k_read",
    NULL,
};

#define GO_MARK "runtime.goexit.abi0;runtime.gcBgMarkWorker;runtime.systemstack.abi0;runtime.gcBgMarkWorker.func2;" \
    "runtime.gcDrain;"
static const char *const entry_go_gc[] = {
    GO_MARK "runtime.scanobject;runtime.greyobject",
    GO_MARK "runtime.scanobject;runtime.findObject",
    GO_MARK "runtime.markroot;runtime.markroot.func1;runtime.scanstack;runtime.scanframeworker;"
            "runtime.scanblock",
    GO_MARK "runtime.scanobject;runtime.spanOf",
    GO_MARK "runtime.(*gcWork).balance;runtime.(*workbuf).checkempty",
    "runtime.goexit.abi0;runtime.bgsweep;runtime.sweepone;runtime.(*sweepLocked).sweep;"
    "runtime.(*mheap).freeSpan;runtime.systemstack.abi0;runtime.(*mheap).freeSpan.func1;"
    "runtime.(*mheap).freeSpanLocked",
    "runtime.goexit.abi0;runtime.bgscavenge;runtime.(*scavengerState).run;runtime.(*pageAlloc).scavenge;"
    "runtime.(*pageAlloc).scavengeOne;runtime.sysUnused;runtime.madvise.abi0;@k_mem",
    NULL,
};

#define GO_M "runtime.mstart.abi0;runtime.mstart0;runtime.mstart1;runtime.schedule;runtime.findRunnable;"
static const char *const entry_go_sched[] = {
    GO_M "runtime.stopm;runtime.mPark;runtime.notesleep;runtime.futexsleep;runtime.futex.abi0;@k_futex_wait",
    GO_M "runtime.netpoll;runtime.epollwait.abi0;@k_epoll",
    GO_M "runtime.stealWork;runtime.runqsteal;runtime.runqgrab",
    "runtime.mstart.abi0;runtime.mstart0;runtime.mstart1;runtime.sysmon;runtime.usleep.abi0;@k_misc",
    "runtime.mcall;runtime.park_m;runtime.schedule;runtime.findRunnable;runtime.checkTimers;"
    "runtime.runtimer;runtime.runOneTimer;time.sendTime",
    NULL,
};

#define ENVOY_THREAD                                                                                 \
    "__clone3|libc;start_thread|libc;Envoy::Thread::ThreadImplPosix::ThreadImplPosix(std::function<void ()>, " \
    "absl::lts_20230125::optional<Envoy::Thread::Options> const&)::{lambda(void*)#1}::__invoke(void*);"      \
    "Envoy::Server::WorkerImpl::threadRoutine(Envoy::Server::GuardDog&, std::function<void ()> const&);"   \
    "Envoy::Event::DispatcherImpl::run(Envoy::Event::Dispatcher::RunType);event_base_loop;"
#define ENVOY_ACTIVE "event_process_active;event_process_active_single_queue;"
static const char *const entry_envoy_worker[] = {
    ENVOY_THREAD ENVOY_ACTIVE "Envoy::Event::FileEventImpl::assignEvents(unsigned int, event_base*)::$_1::__invoke(int, "
                              "short, void*);Envoy::Event::FileEventImpl::mergeInjectedEventsAndRunCb(unsigned int);"
                              "Envoy::Network::ConnectionImpl::onFileEvent(unsigned int);@app_cpp",
    ENVOY_THREAD "epoll_dispatch;epoll_wait|libc;@k_epoll",
    ENVOY_THREAD ENVOY_ACTIVE "Envoy::Event::TimerImpl::TimerImpl(std::function<void ()>, Envoy::Event::Libevent::"
                              "BasePtr&, Envoy::Event::TimeSource&)::$_0::__invoke(int, short, void*);@app_cpp",
    ENVOY_THREAD ENVOY_ACTIVE "Envoy::Event::SchedulableCallbackImpl::SchedulableCallbackImpl(Envoy::Event::"
                              "Libevent::BasePtr&, std::function<void ()>)::$_0::__invoke(int, short, void*);@app_cpp",
    NULL,
};

static const char *const entry_envoy_main[] = {
    "_start;__libc_start_main_impl|libc;__libc_start_call_main|libc;main;Envoy::MainCommon::main(int, char**, "
    "std::function<void (Envoy::Server::Instance&)>);Envoy::MainCommonBase::run();Envoy::Server::InstanceBase::run();"
    "Envoy::Event::DispatcherImpl::run(Envoy::Event::Dispatcher::RunType);event_base_loop;" ENVOY_ACTIVE
    "Envoy::Event::TimerImpl::TimerImpl(std::function<void ()>, Envoy::Event::Libevent::BasePtr&, "
    "Envoy::Event::TimeSource&)::$_0::__invoke(int, short, void*);@app_cpp",
    "_start;__libc_start_main_impl|libc;__libc_start_call_main|libc;main;Envoy::MainCommon::main(int, char**, "
    "std::function<void (Envoy::Server::Instance&)>);Envoy::MainCommonBase::run();Envoy::Server::InstanceBase::run();"
    "Envoy::Event::DispatcherImpl::run(Envoy::Event::Dispatcher::RunType);event_base_loop;epoll_dispatch;"
    "epoll_wait|libc;@k_epoll",
    NULL,
};

#define PG_MAIN "_start;__libc_start_main_impl|libc;__libc_start_call_main|libc;main;PostmasterMain;ServerLoop;"
#define PG_BACKEND PG_MAIN "BackendStartup;BackendRun;PostgresMain;"
static const char *const entry_pg_backend[] = {
    PG_BACKEND "exec_simple_query;PortalRun;PortalRunSelect;standard_ExecutorRun;ExecutePlan;@app_c",
    PG_BACKEND "exec_execute_message;PortalRun;PortalRunMulti;ProcessQuery;standard_ExecutorRun;ExecutePlan;@app_c",
    PG_BACKEND "exec_simple_query;pg_plan_queries;pg_plan_query;planner;standard_planner;subquery_planner;"
               "grouping_planner;query_planner;make_one_rel;set_base_rel_pathlists;set_rel_pathlist;"
               "create_index_paths;build_index_paths",
    PG_BACKEND "exec_simple_query;pg_parse_query;raw_parser;base_yyparse;core_yylex",
    PG_BACKEND "exec_simple_query;finish_xact_command;CommitTransactionCommand;CommitTransaction;"
               "RecordTransactionCommit;XLogFlush;XLogWrite;__libc_pwrite64|libc;@k_write",
    PG_BACKEND "ReadCommand;SocketBackend;pq_getbyte;pq_recvbuf;secure_read;WaitEventSetWait;"
               "WaitEventSetWaitBlock;epoll_wait|libc;@k_epoll",
    PG_BACKEND "ReadCommand;SocketBackend;pq_getbyte;pq_recvbuf;secure_read;secure_raw_read;__libc_recv|libc;@k_recv",
    PG_BACKEND "exec_simple_query;PortalRun;PortalRunSelect;standard_ExecutorRun;ExecutePlan;printtup;"
               "pq_endmessage;socket_putmessage;internal_flush;secure_write;__libc_send|libc;@k_send",
    NULL,
};

#define PG_AUX PG_MAIN "StartChildProcess;AuxiliaryProcessMain;"
static const char *const entry_pg_aux[] = {
    PG_AUX "WalWriterMain;XLogBackgroundFlush;XLogWrite;__libc_pwrite64|libc;@k_write",
    PG_AUX "WalWriterMain;WaitLatch;WaitEventSetWait;WaitEventSetWaitBlock;epoll_wait|libc;@k_epoll",
    PG_AUX "CheckpointerMain;CheckpointWriteDelay;WaitLatch;WaitEventSetWait;WaitEventSetWaitBlock;"
           "epoll_wait|libc;@k_epoll",
    PG_AUX "BackgroundWriterMain;BgBufferSync;SyncOneBuffer;FlushBuffer;smgrwrite;mdwrite;FileWrite;"
           "__libc_pwrite64|libc;@k_write",
    PG_AUX "CheckpointerMain;CreateCheckPoint;CheckPointGuts;CheckPointBuffers;BufferSync;SyncOneBuffer;"
           "FlushBuffer;smgrwrite;mdwrite;FileWrite;__libc_pwrite64|libc;@k_write",
    NULL,
};

#define TOKIO                                                                                      \
    "__clone3|libc;start_thread|libc;std::sys::unix::thread::Thread::new::thread_start;"             \
    "<alloc::boxed::Box<F,A> as core::ops::function::FnOnce<Args>>::call_once;"                      \
    "core::ops::function::FnOnce::call_once{{vtable.shim}};"                                           \
    "std::sys_common::backtrace::__rust_begin_short_backtrace;tokio::runtime::blocking::pool::Inner::run;" \
    "tokio::runtime::task::harness::Harness<T,S>::poll;tokio::runtime::task::core::Core<T,S>::poll;"  \
    "tokio::runtime::scheduler::multi_thread::worker::run;tokio::runtime::context::runtime::enter_runtime;" \
    "tokio::runtime::scheduler::multi_thread::worker::Context::run;"
#define TOKIO_PARK                                                                                 \
    TOKIO "tokio::runtime::scheduler::multi_thread::worker::Context::park;"                          \
          "tokio::runtime::scheduler::multi_thread::worker::Context::park_timeout;"                  \
          "tokio::runtime::scheduler::multi_thread::park::Parker::park;"
static const char *const entry_rust_tokio[] = {
    TOKIO "tokio::runtime::scheduler::multi_thread::worker::Context::run_task;tokio::runtime::task::raw::poll;"
          "tokio::runtime::task::harness::Harness<T,S>::poll;tokio::runtime::task::core::Core<T,S>::poll;@app_rust",
    TOKIO_PARK "tokio::runtime::driver::Driver::park;tokio::runtime::time::Driver::park_internal;"
               "tokio::runtime::io::driver::Driver::turn;mio::poll::Poll::poll;"
               "mio::sys::unix::selector::epoll::Selector::select;epoll_wait|libc;@k_epoll",
    TOKIO_PARK "tokio::runtime::scheduler::multi_thread::park::Inner::park_condvar;"
               "std::sys::unix::locks::futex_condvar::Condvar::wait;std::sys::unix::futex::futex_wait;"
               "syscall|libc;@k_futex_wait",
    TOKIO "tokio::runtime::scheduler::multi_thread::worker::Core::steal_work;"
          "tokio::runtime::scheduler::multi_thread::queue::Steal<T>::steal_into",
    NULL,
};

static const char *const entry_rust_main[] = {
    "_start;__libc_start_main_impl|libc;__libc_start_call_main|libc;main;std::rt::lang_start_internal;"
    "std::rt::lang_start::{{closure}};std::sys_common::backtrace::__rust_begin_short_backtrace;ingestd::main;"
    "tokio::runtime::runtime::Runtime::block_on;tokio::runtime::park::CachedParkThread::block_on;@app_rust",
    NULL,
};

#define PY_EVAL "_PyEval_EvalFrameDefault;PyObject_Vectorcall;"
static const char *const entry_py_main[] = {
    "_start;__libc_start_main_impl|libc;__libc_start_call_main|libc;Py_BytesMain;Py_RunMain;"
    "pymain_run_python.constprop.0;_PyRun_AnyFileObject;_PyRun_SimpleFileObject;run_mod;run_eval_code_obj;"
    "PyEval_EvalCode;py::<module>:/usr/bin/gunicorn|jitp;" PY_EVAL
    "py::run:/usr/lib/python3/dist-packages/gunicorn/app/wsgiapp.py|jitp;" PY_EVAL
    "py::Arbiter.run:/usr/lib/python3/dist-packages/gunicorn/arbiter.py|jitp;" PY_EVAL
    "py::Arbiter.spawn_worker:/usr/lib/python3/dist-packages/gunicorn/arbiter.py|jitp;" PY_EVAL
    "py::Worker.init_process:/usr/lib/python3/dist-packages/gunicorn/workers/base.py|jitp;" PY_EVAL
    "py::ThreadWorker.run:/usr/lib/python3/dist-packages/gunicorn/workers/gthread.py|jitp;" PY_EVAL
    "py::DefaultSelector.select:/usr/lib/python3.12/selectors.py|jitp;_PyEval_EvalFrameDefault;"
    "select_epoll_poll;epoll_wait|libc;@k_epoll",
    NULL,
};

static const char *const entry_py_thread[] = {
    "__clone3|libc;start_thread|libc;pythread_wrapper;thread_run;_PyObject_Call;" PY_EVAL
    "py::Thread._bootstrap:/usr/lib/python3.12/threading.py|jitp;" PY_EVAL
    "py::Thread._bootstrap_inner:/usr/lib/python3.12/threading.py|jitp;" PY_EVAL
    "py::Thread.run:/usr/lib/python3.12/threading.py|jitp;" PY_EVAL
    "py::_worker:/usr/lib/python3.12/concurrent/futures/thread.py|jitp;" PY_EVAL
    "py::_WorkItem.run:/usr/lib/python3.12/concurrent/futures/thread.py|jitp;" PY_EVAL
    "py::ThreadWorker.handle:/usr/lib/python3/dist-packages/gunicorn/workers/gthread.py|jitp;" PY_EVAL
    "py::ThreadWorker.handle_request:/usr/lib/python3/dist-packages/gunicorn/workers/gthread.py|jitp;" PY_EVAL
    "py::WSGIHandler.__call__:/usr/lib/python3/dist-packages/django/core/handlers/wsgi.py|jitp;" PY_EVAL
    "py::BaseHandler.get_response:/usr/lib/python3/dist-packages/django/core/handlers/base.py|jitp;"
    "_PyEval_EvalFrameDefault;@app_py",
    NULL,
};

struct group_def {
    const char *name;
    const char *dso;
    enum node_kind kind;
    const char *const *chains;
};

/* In dependency order: a chain may only link to a group defined before it. */
static const struct group_def group_defs[] = {
    {"k_write", "k", NK_TAIL, k_write},
    {"k_read", "k", NK_TAIL, k_read},
    {"k_pread", "k", NK_TAIL, k_pread},
    {"k_recv", "k", NK_TAIL, k_recv},
    {"k_send", "k", NK_TAIL, k_send},
    {"k_futex_wait", "k", NK_TAIL, k_futex_wait},
    {"k_futex_wake", "k", NK_TAIL, k_futex_wake},
    {"k_epoll", "k", NK_TAIL, k_epoll},
    {"k_mem", "k", NK_TAIL, k_mem},
    {"k_misc", "k", NK_TAIL, k_misc},
    {"k_irq", "k", NK_TAIL, k_irq},
    {"k_idle", "k", NK_ENTRY, k_idle},
    {"k_kworker", "k", NK_ENTRY, k_kworker},
    {"k_softirq", "k", NK_ENTRY, k_softirq},
    {"k_jbd2", "k", NK_ENTRY, k_jbd2},
    {"lib_libc", "libc", NK_TAIL, lib_libc},
    {"lib_java", "jitj", NK_TAIL, lib_java},
    {"lib_go", "go", NK_TAIL, lib_go},
    {"lib_cpp", "envoy", NK_TAIL, lib_cpp},
    {"lib_pg", "pg", NK_TAIL, lib_pg},
    {"lib_rust", "rust", NK_TAIL, lib_rust},
    {"lib_py", "py", NK_TAIL, lib_py},
};

static const struct group_def entry_defs[] = {
    {"java_http", "libjvm", NK_ENTRY, entry_java_http},
    {"java_pool", "libjvm", NK_ENTRY, entry_java_pool},
    {"java_main", "libjvm", NK_ENTRY, entry_java_main},
    {"jvm_compiler", "libjvm", NK_ENTRY, entry_jvm_compiler},
    {"jvm_gc", "libjvm", NK_ENTRY, entry_jvm_gc},
    {"jvm_vm", "libjvm", NK_ENTRY, entry_jvm_vm},
    {"go_http", "go", NK_ENTRY, entry_go_http},
    {"go_grpc", "go", NK_ENTRY, entry_go_grpc},
    {"go_gc", "go", NK_ENTRY, entry_go_gc},
    {"go_sched", "go", NK_ENTRY, entry_go_sched},
    {"envoy_worker", "envoy", NK_ENTRY, entry_envoy_worker},
    {"envoy_main", "envoy", NK_ENTRY, entry_envoy_main},
    {"pg_backend", "pg", NK_ENTRY, entry_pg_backend},
    {"pg_aux", "pg", NK_ENTRY, entry_pg_aux},
    {"rust_tokio", "rust", NK_ENTRY, entry_rust_tokio},
    {"rust_main", "rust", NK_ENTRY, entry_rust_main},
    {"py_main", "py", NK_ENTRY, entry_py_main},
    {"py_thread", "py", NK_ENTRY, entry_py_thread},
};

/* Build the groups of defs (n of them) from their chains. */
static void groups_build(const struct group_def *defs, size_t n, struct rng *r)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t root = group_new(defs[i].name, 1);
        size_t len = strlen(defs[i].dso);
        uint16_t d = dso_find(defs[i].dso, len);
        for (const char *const *c = defs[i].chains; *c; c++)
            chain_add(root, defs[i].kind, d, *c, r);
    }
}

/* ------------------------------------------------------------------ */
/* generated application code                                           */

static const char *const nouns[] = {
    "Order",   "Cart",    "Item",     "Price",   "Invoice",  "Payment", "Customer", "Account",
    "Session", "Token",   "Shipment", "Stock",   "Catalog",  "Product", "Review",   "Coupon",
    "Tax",     "Address", "Ledger",   "Refund",  "Quote",    "Report",  "Event",    "Message",
    "Batch",   "Record",  "Query",    "Index",   "Schema",   "Config",  "Route",    "Request",
    "Response", "Header", "Cookie",   "Span",    "Metric",   "Tenant",  "Quota",    "Lease",
    "Job",     "Task",    "Queue",    "Topic",   "Offset",   "Page",    "Block",    "Snapshot",
};

static const char *const roles[] = {
    "Service",   "Controller", "Handler",  "Repository", "Client",   "Manager", "Factory",  "Validator",
    "Mapper",    "Serializer", "Parser",   "Codec",      "Cache",    "Store",   "Processor", "Listener",
    "Filter",    "Resolver",   "Builder",  "Scheduler",  "Executor", "Provider", "Adapter", "Registry",
};

static const char *const verbs[] = {
    "get",      "put",     "load",     "save",     "find",      "fetch",   "update",  "delete",
    "apply",    "build",   "check",    "compute",  "convert",   "create",  "decode",  "encode",
    "dispatch", "evaluate", "flush",   "handle",   "lookup",    "merge",   "parse",   "process",
    "publish",  "read",    "write",    "render",   "resolve",   "route",   "scan",    "send",
    "receive",  "serialize", "sort",   "split",    "store",     "submit",  "sync",    "validate",
    "verify",   "visit",   "wrap",     "filter",   "collect",   "reduce",  "prepare", "commit",
};

static const char *const java_pkgs[] = {
    "com/shopco/cart",          "com/shopco/checkout",          "com/shopco/pricing",
    "com/shopco/inventory",     "com/shopco/payments",          "com/shopco/catalog",
    "com/shopco/common/web",    "org/springframework/web/servlet/mvc/method/annotation",
    "org/springframework/web/method/support", "org/springframework/aop/framework",
    "org/springframework/transaction/interceptor", "org/hibernate/internal",
    "org/hibernate/engine/jdbc/internal", "com/fasterxml/jackson/databind/ser",
    "com/zaxxer/hikari/pool",   "org/postgresql/core/v3",       "io/micrometer/core/instrument",
    "ch/qos/logback/classic",
};

static const char *const java_jdk[] = {
    "Ljava/util/HashMap;.putVal",
    "Ljava/util/HashMap;.getNode",
    "Ljava/util/HashMap;.resize",
    "Ljava/util/ArrayList;.grow",
    "Ljava/util/ArrayList$Itr;.next",
    "Ljava/lang/String;.hashCode",
    "Ljava/lang/String;.equals",
    "Ljava/lang/StringBuilder;.append",
    "Ljava/lang/AbstractStringBuilder;.ensureCapacityInternal",
    "Ljava/lang/StringLatin1;.indexOf",
    "Ljava/util/concurrent/ConcurrentHashMap;.get",
    "Ljava/util/concurrent/ConcurrentHashMap;.putVal",
    "Ljava/util/concurrent/locks/ReentrantLock$Sync;.lock",
    "Ljava/util/regex/Pattern$Start;.match",
    "Ljava/util/regex/Matcher;.find",
    "Ljava/time/format/DateTimeFormatter;.format",
    "Ljava/math/BigDecimal;.add",
    "Ljava/math/BigDecimal;.setScale",
    "Ljava/util/stream/ReferencePipeline$3$1;.accept",
    "Ljava/util/stream/AbstractPipeline;.copyInto",
    "Ljava/lang/invoke/LambdaForm$MH.0x0000000801012c00;.invoke",
    "Ljdk/internal/reflect/GeneratedMethodAccessor412;.invoke",
    "Ljava/nio/charset/CharsetEncoder;.encode",
    "Lsun/nio/cs/UTF_8$Encoder;.encodeArrayLoop",
};

static const char *const java_sigs[] = {
    "(Ljava/lang/String;)V",
    "(Ljava/lang/Object;)Ljava/lang/Object;",
    "(I)Ljava/util/List;",
    "(Ljava/util/Map;Z)V",
    "(Ljava/nio/ByteBuffer;II)I",
    "()Ljava/util/Optional;",
};

static const char *const go_pkgs[] = {
    "github.com/shopco/checkout/internal/cart",      "github.com/shopco/checkout/internal/pricing",
    "github.com/shopco/checkout/internal/inventory", "github.com/shopco/checkout/internal/payments",
    "github.com/shopco/checkout/internal/store",     "github.com/shopco/checkout/pkg/httpapi",
    "github.com/shopco/checkout/pkg/events",         "github.com/jackc/pgx/v5/pgconn",
    "github.com/jackc/pgx/v5/pgtype",                "github.com/redis/go-redis/v9",
    "go.uber.org/zap/zapcore",                       "github.com/klauspost/compress/zstd",
    "go.opentelemetry.io/otel/sdk/trace",            "google.golang.org/grpc/internal/transport",
};

static const char *const rust_mods[] = {"pipeline", "codec", "sink", "source", "model",
                                        "transform", "buffer", "metrics", "config", "router"};
static const char *const rust_traits[] = {"Sink", "Source", "Decoder", "Encoder", "Transform", "Service"};
static const char *const rust_extern[] = {
    "hashbrown::map::HashMap<K,V,S,A>::insert",
    "hashbrown::raw::RawTable<T,A>::find",
    "<serde::de::impls::VecVisitor<T> as serde::de::Visitor>::visit_seq",
    "serde_json::ser::format_escaped_str_contents",
    "bytes::bytes_mut::BytesMut::reserve_inner",
    "<futures_util::stream::futures_unordered::FuturesUnordered<Fut> as futures_core::stream::Stream>::poll_next",
    "tokio::sync::mpsc::chan::Rx<T,S>::recv::{{closure}}",
    "tokio::sync::batch_semaphore::Semaphore::acquire",
    "<tracing::instrument::Instrumented<T> as core::future::future::Future>::poll",
    "rdkafka::producer::base_producer::BaseProducer<C>::send",
    "prost::encoding::message::encode",
    "regex_automata::meta::strategy::Core::search_slots",
};
static const char *const rust_polls[] = {
    "<core::pin::Pin<P> as core::future::future::Future>::poll",
    "<tracing::instrument::Instrumented<T> as core::future::future::Future>::poll",
    "<futures_util::future::future::map::Map<Fut,F> as core::future::future::Future>::poll",
};

static const char *const cpp_ns[] = {
    "Envoy::Http",     "Envoy::Router", "Envoy::Network", "Envoy::Upstream", "Envoy::Stats",
    "Envoy::Buffer",   "Envoy::Tracing", "Envoy::Grpc",   "Envoy::Config",   "Envoy::Extensions::HttpFilters",
};
static const char *const cpp_params[] = {
    "",
    "Envoy::Buffer::Instance&",
    "absl::lts_20230125::string_view",
    "std::unique_ptr<Envoy::Http::RequestHeaderMap, std::default_delete<Envoy::Http::RequestHeaderMap> >&&",
    "bool",
    "unsigned long",
    "Envoy::Network::ConnectionEvent",
    "Envoy::Http::ResponseHeaderMap&, bool",
    "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> > const&",
};
static const char *const cpp_handlers[] = {
    "std::_Function_handler<void (), Envoy::Event::DispatcherImpl::post(std::function<void ()>)::$_0>::"
    "_M_invoke(std::_Any_data const&)",
    "std::_Function_handler<void (bool), Envoy::Upstream::ClusterManagerImpl::ThreadLocalClusterManagerImpl::"
    "ClusterEntry::ClusterEntry(Envoy::Upstream::ClusterManagerImpl::ThreadLocalClusterManagerImpl&, "
    "Envoy::Upstream::ClusterInfoConstSharedPtr)::{lambda(bool)#1}>::_M_invoke(std::_Any_data const&, bool&&)",
    "std::_Function_handler<void (Envoy::Buffer::Instance&), Envoy::Http::Http1::ConnectionImpl::"
    "ConnectionImpl(Envoy::Network::Connection&)::$_2>::_M_invoke(std::_Any_data const&, Envoy::Buffer::Instance&)",
};

static const char *const pg_prefixes[] = {"heap", "bt", "hash", "slot", "tuplesort", "index", "lock", "buf",
                                          "smgr", "xlog", "expr", "plan", "list",      "snapshot", "catalog"};

static const char *const py_mods[] = {
    "/srv/app/shop/views.py",
    "/srv/app/shop/models.py",
    "/srv/app/shop/serializers.py",
    "/srv/app/shop/services/pricing.py",
    "/srv/app/shop/services/inventory.py",
    "/usr/lib/python3/dist-packages/django/db/models/query.py",
    "/usr/lib/python3/dist-packages/django/db/backends/utils.py",
    "/usr/lib/python3/dist-packages/rest_framework/views.py",
    "/usr/lib/python3/dist-packages/rest_framework/serializers.py",
    "/usr/lib/python3/dist-packages/psycopg/cursor.py",
    "/usr/lib/python3.12/json/encoder.py",
    "/usr/lib/python3.12/logging/__init__.py",
};

enum lang { L_JAVA, L_GO, L_CPP, L_C, L_RUST, L_PY, N_LANGS };

struct lang_def {
    const char *group; /* the application graph's group name */
    const char *dso;
    const char *libs; /* its library group */
};

static const struct lang_def lang_defs[N_LANGS] = {
    [L_JAVA] = {"app_java", "jitj", "lib_java"}, [L_GO] = {"app_go", "go", "lib_go"},
    [L_CPP] = {"app_cpp", "envoy", "lib_cpp"},   [L_C] = {"app_c", "pg", "lib_pg"},
    [L_RUST] = {"app_rust", "rust", "lib_rust"}, [L_PY] = {"app_py", "jitp", "lib_py"},
};

#define PICK(r, a) ((a)[rng_below((r), (uint32_t)COUNT(a))])

/* Write word into buf with its first letter in upper case. */
static const char *capital(char *buf, size_t cap, const char *word)
{
    snprintf(buf, cap, "%s", word);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

/* Write word into buf in lower case (the first letter only; the words are camel case). */
static const char *lower(char *buf, size_t cap, const char *word)
{
    snprintf(buf, cap, "%s", word);
    if (buf[0] >= 'A' && buf[0] <= 'Z')
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}

/* Write the name of a new application function of lang at the given layer
 * into out (cap bytes). No call has two random draws among its arguments:
 * their order would be unspecified, and the bytes could differ between
 * compilers. */
static void app_name(enum lang lang, int layer, char *out, size_t cap, struct rng *r)
{
    char v[32], n[32], lo[32];
    const char *noun = PICK(r, nouns), *role = PICK(r, roles), *verb = PICK(r, verbs);
    const char *noun2 = PICK(r, nouns);
    uint32_t u = rng_below(r, 100);
    switch (lang) {
    case L_JAVA:
        if (layer >= 20 && u < 20)
            snprintf(out, cap, "%s", PICK(r, java_jdk));
        else if (u < 25)
        {
            const char *pkg = PICK(r, java_pkgs);
            snprintf(out, cap, "L%s/%s%s;.%s%s%s", pkg, noun, role, verb, noun2, PICK(r, java_sigs));
        }
        else if (u < 30)
        {
            const char *pkg = PICK(r, java_pkgs);
            uint32_t id = 100 + rng_below(r, 1900);
            unsigned long long klass = 0x800000000ULL + 8ULL * rng_below(r, 1u << 24);
            snprintf(out, cap, "L%s/%s%s$$Lambda$%u.0x%016llx;.apply", pkg, noun, role, id, klass);
        }
        else if (u < 36)
            snprintf(out, cap, "L%s/%s%s$%s;.%s", PICK(r, java_pkgs), noun, role, noun2, verb);
        else
            snprintf(out, cap, "L%s/%s%s;.%s%s", PICK(r, java_pkgs), noun, role, verb, noun2);
        break;
    case L_GO:
        if (u < 55)
            snprintf(out, cap, "%s.(*%s%s).%s%s", PICK(r, go_pkgs), noun, role, capital(v, sizeof v, verb), noun2);
        else if (u < 75)
            snprintf(out, cap, "%s.%s%s", PICK(r, go_pkgs), verb, noun2);
        else if (u < 87)
        {
            const char *pkg = PICK(r, go_pkgs);
            uint32_t func = 1 + rng_below(r, 4);
            snprintf(out, cap, "%s.(*%s%s).%s%s.func%u", pkg, noun, role, capital(v, sizeof v, verb), noun2, func);
        }
        else if (u < 93)
            snprintf(out, cap, "%s.%s%s[...]", PICK(r, go_pkgs), capital(v, sizeof v, verb), noun2);
        else
            snprintf(out, cap, "%s.%s%s.%s", PICK(r, go_pkgs), noun, role, capital(v, sizeof v, verb));
        break;
    case L_CPP: {
        const char *ns = PICK(r, cpp_ns), *param = PICK(r, cpp_params);
        const char *cnst = rng_chance(r, 200) ? " const" : "";
        if (u < 60)
            snprintf(out, cap, "%s::%s%s::%s%s(%s)%s", ns, noun, role, verb, noun2, param, cnst);
        else if (u < 72)
            snprintf(out, cap, "%s::%s%sImpl<%s::%s>::%s(%s)", ns, noun, role, ns, noun2, verb, param);
        else if (u < 82)
            snprintf(out, cap, "%s::%s%s::%s%s(%s)::{lambda()#%u}::operator()() const", ns, noun, role, verb,
                     noun2, param, 1 + rng_below(r, 3));
        else if (u < 88)
            snprintf(out, cap, "%s::(anonymous namespace)::%s%s::%s(%s)", ns, noun, role, verb, param);
        else
            snprintf(out, cap, "%s::%s%s::on%s%s(%s)", ns, noun, role, capital(v, sizeof v, verb), noun2, param);
        break;
    }
    case L_C:
        if (u < 35)
            snprintf(out, cap, "Exec%s%s", noun, capital(v, sizeof v, verb));
        else if (u < 80)
            snprintf(out, cap, "%s_%s_%s", PICK(r, pg_prefixes), verb, lower(lo, sizeof lo, noun));
        else
            snprintf(out, cap, "%s%s%s", noun, role, capital(v, sizeof v, verb));
        break;
    case L_RUST: {
        const char *mod = PICK(r, rust_mods);
        char hash[24] = "";
        if (rng_chance(r, 350))
            snprintf(hash, sizeof hash, "::h%016llx", (unsigned long long)rng_next(r));
        if (u < 50)
            snprintf(out, cap, "ingestd::%s::%s%s::%s_%s%s", mod, noun, role, verb, lower(lo, sizeof lo, noun2), hash);
        else if (u < 70)
        {
            const char *mod2 = PICK(r, rust_mods);
            snprintf(out, cap, "<ingestd::%s::%s%s as ingestd::%s::%s>::%s%s", mod, noun, role, mod2,
                     PICK(r, rust_traits), verb, hash);
        }
        else if (u < 80)
            snprintf(out, cap, "ingestd::%s::%s_%s::{{closure}}%s", mod, verb, lower(lo, sizeof lo, noun2), hash);
        else if (u < 85)
            snprintf(out, cap, "core::ptr::drop_in_place<ingestd::%s::%s%s>", mod, noun, role);
        else
            snprintf(out, cap, "%s", PICK(r, rust_extern));
        break;
    }
    case L_PY:
        if (u < 45)
            snprintf(out, cap, "py::%s%s.%s_%s:%s", noun, role, verb, lower(lo, sizeof lo, noun2), PICK(r, py_mods));
        else
            snprintf(out, cap, "py::%s_%s:%s", verb, lower(n, sizeof n, noun2), PICK(r, py_mods));
        break;
    default:
        break;
    }
}

/* The width of layer l of an application graph. */
static uint32_t layer_width(int l)
{
    uint32_t w = 6u + 2u * (uint32_t)l;
    return w > 48 ? 48 : w;
}

/* Generate lang's application call graph as group lang_defs[lang].group. */
static void app_build(enum lang lang, struct rng *r)
{
    const struct lang_def *ld = &lang_defs[lang];
    uint16_t d = dso_find(ld->dso, strlen(ld->dso));
    uint32_t root = group_new(ld->group, 2);
    uint32_t lib_root = group_root(ld->libs, strlen(ld->libs));
    uint32_t nlib = nodes[lib_root].nkids;

    uint32_t first[APP_LAYERS + 1];
    char name[512];
    uint32_t sym_interp = sym_get(dso_find("jitj", 4), "Interpreter", 11, r);
    uint32_t sym_unknown = sym_get(d, "[unknown]", 9, r);
    uint32_t py_eval = sym_get(dso_find("py", 2), "_PyEval_EvalFrameDefault", 24, r);
    uint32_t py_call[3] = {
        sym_get(dso_find("py", 2), "_PyFunction_Vectorcall", 22, r),
        sym_get(dso_find("py", 2), "PyObject_Vectorcall", 19, r),
        sym_get(dso_find("py", 2), "_PyObject_Call", 14, r),
    };
    for (int l = 0; l < APP_LAYERS; l++) {
        first[l] = n_nodes;
        uint32_t w = layer_width(l);
        for (uint32_t i = 0; i < w; i++) {
            app_name(lang, l, name, sizeof name, r);
            uint32_t s = sym_get(d, name, strlen(name), r);
            if (lang == L_JAVA && rng_chance(r, 30))
                s = sym_interp;
            else if ((lang == L_JAVA || lang == L_PY) && rng_chance(r, 10))
                s = sym_unknown;
            uint32_t nd = node_new(NK_APP, s);
            struct node *n = &nodes[nd];
            if (lang == L_PY) {
                n->extra[0] = py_call[rng_skewed(r, 3)];
                n->extra[1] = py_eval;
                n->npre = n->npost = 1;
            } else if (lang == L_CPP && rng_chance(r, 100)) {
                const char *h = PICK(r, cpp_handlers);
                n->extra[0] = sym_get(d, h, strlen(h), r);
                n->npre = 1;
            } else if (lang == L_RUST && rng_chance(r, 80)) {
                const char *p = PICK(r, rust_polls);
                n->extra[0] = sym_get(d, p, strlen(p), r);
                n->npre = 1;
            }
            uint32_t k = rng_below(r, 100);
            uint32_t nl = k < 35 ? 0 : k < 70 ? 1 : k < 90 ? 2 : 3;
            for (uint32_t j = 0; j < nl && nlib; j++) {
                uint32_t lib = nodes[lib_root].kids[rng_skewed(r, nlib)];
                bool have = false;
                for (uint16_t q = 0; q < n->nlibs; q++)
                    have |= n->libs[q] == lib;
                if (!have)
                    push_u32(&n->libs, &n->nlibs, lib);
            }
        }
    }
    first[APP_LAYERS] = n_nodes;

    /* callees: 55% one, else 2..6, from the next layer (85%) or the one after */
    for (int l = 0; l + 1 < APP_LAYERS; l++) {
        for (uint32_t nd = first[l]; nd < first[l + 1]; nd++) {
            uint32_t nk = rng_chance(r, 550) ? 1 : 2 + rng_below(r, 5);
            for (uint32_t j = 0; j < nk; j++) {
                int tl = (l + 2 < APP_LAYERS && rng_chance(r, 150)) ? l + 2 : l + 1;
                uint32_t w = first[tl + 1] - first[tl];
                uint32_t callee = first[tl] + rng_skewed(r, w);
                bool have = false;
                for (uint16_t q = 0; q < nodes[nd].nkids; q++)
                    have |= nodes[nd].kids[q] == callee;
                if (!have)
                    push_u32(&nodes[nd].kids, &nodes[nd].nkids, callee);
            }
        }
    }
    /* every function below layer 0 has a caller */
    for (int l = 1; l < APP_LAYERS; l++) {
        uint32_t w = first[l + 1] - first[l];
        bool *has = xcalloc(w, sizeof *has);
        for (uint32_t nd = first[l - 1]; nd < first[l]; nd++)
            for (uint16_t q = 0; q < nodes[nd].nkids; q++)
                if (nodes[nd].kids[q] >= first[l] && nodes[nd].kids[q] < first[l + 1])
                    has[nodes[nd].kids[q] - first[l]] = true;
        if (l >= 2)
            for (uint32_t nd = first[l - 2]; nd < first[l - 1]; nd++)
                for (uint16_t q = 0; q < nodes[nd].nkids; q++)
                    if (nodes[nd].kids[q] >= first[l] && nodes[nd].kids[q] < first[l + 1])
                        has[nodes[nd].kids[q] - first[l]] = true;
        for (uint32_t i = 0; i < w; i++)
            if (!has[i]) {
                uint32_t caller = first[l - 1] + rng_below(r, first[l] - first[l - 1]);
                push_u32(&nodes[caller].kids, &nodes[caller].nkids, first[l] + i);
            }
        free(has);
    }
    for (uint32_t nd = first[0]; nd < first[1]; nd++)
        push_u32(&nodes[root].kids, &nodes[root].nkids, nd);
}

/* ------------------------------------------------------------------ */
/* processes and threads                                                */

enum { T_POOL = 1, T_KERNEL = 2, T_ANYCPU = 4, T_NUMBERED = 8, T_FROM_ONE = 16 };

struct thread_def {
    const char *comm; /* T_NUMBERED: followed by the thread's number, from 0 (or 1) */
    int pid;
    uint8_t nproc;    /* processes pid, pid + pid_step, ... */
    uint8_t pid_step;
    uint8_t tid_off;  /* first tid - pid (T_POOL: the process's shared threads) */
    uint8_t ntids;
    uint16_t weight;  /* share of the samples */
    const char *entry;
    uint8_t flags;
};

static const struct thread_def thread_defs[] = {
    {"java", 4211, 1, 0, 0, 1, 3, "java_main", 0},
    {"http-nio-8080-e", 4211, 1, 0, 33, 24, 170, "java_http", 0},
    {"kafka-producer-", 4211, 1, 0, 61, 2, 15, "java_pool", 0},
    {"pool-3-thread-", 4211, 1, 0, 64, 4, 20, "java_pool", T_NUMBERED | T_FROM_ONE},
    {"C2 CompilerThre", 4211, 1, 0, 14, 2, 22, "jvm_compiler", 0},
    {"C1 CompilerThre", 4211, 1, 0, 16, 1, 5, "jvm_compiler", 0},
    {"GC Thread#", 4211, 1, 0, 4, 4, 18, "jvm_gc", T_NUMBERED},
    {"G1 Conc#0", 4211, 1, 0, 9, 1, 2, "jvm_gc", 0},
    {"VM Thread", 4211, 1, 0, 11, 1, 4, "jvm_vm", 0},
    {"VM Periodic Tas", 4211, 1, 0, 21, 1, 1, "jvm_vm", 0},
    {"checkout-api", 2877, 1, 0, 0, 12, 110, "go_http", T_POOL},
    {"checkout-api", 2877, 1, 0, 0, 12, 40, "go_grpc", T_POOL},
    {"checkout-api", 2877, 1, 0, 0, 12, 20, "go_gc", T_POOL},
    {"checkout-api", 2877, 1, 0, 0, 12, 10, "go_sched", T_POOL},
    {"envoy", 1520, 1, 0, 0, 1, 6, "envoy_main", 0},
    {"wrk:worker_", 1520, 1, 0, 8, 4, 114, "envoy_worker", T_NUMBERED},
    {"postgres", 5501, 6, 13, 0, 1, 84, "pg_backend", 0},
    {"postgres", 5478, 3, 1, 0, 1, 6, "pg_aux", 0},
    {"tokio-runtime-w", 3390, 1, 0, 3, 8, 77, "rust_tokio", 0},
    {"ingestd", 3390, 1, 0, 0, 1, 3, "rust_main", 0},
    {"gunicorn", 6120, 1, 0, 0, 1, 6, "py_main", 0},
    {"gunicorn", 6120, 1, 0, 2, 4, 54, "py_thread", 0},
    {"swapper", 0, 1, 0, 0, 1, 100, "k_idle", T_KERNEL | T_ANYCPU},
    {"kworker/u32:2-e", 212, 1, 0, 0, 1, 9, "k_kworker", T_KERNEL},
    {"kworker/3:1H-kb", 301, 1, 0, 0, 1, 4, "k_kworker", T_KERNEL},
    {"ksoftirqd/", 16, 4, 6, 0, 1, 12, "k_softirq", T_KERNEL | T_NUMBERED},
    {"jbd2/nvme0n1p2-", 410, 1, 0, 0, 1, 5, "k_jbd2", T_KERNEL},
};
#define N_THREAD_DEFS COUNT(thread_defs)

struct thread {
    char head[64]; /* "comm  pid/tid   " as perf prints it */
    size_t head_len;
    uint64_t comm_key; /* the root of the stack's name path (for the statistics) */
    uint32_t entry;    /* root node of the entry chains */
    uint64_t slide;    /* added to shared-library addresses in this process */
    uint32_t seen[2];  /* samples per event so far (perf's period ramp-up) */
    uint8_t flags;
    uint8_t cpu;
};

static struct thread *threads;
static uint32_t n_threads;
static uint32_t def_first[N_THREAD_DEFS], def_count[N_THREAD_DEFS];
static uint32_t def_cum[N_THREAD_DEFS];

/* Create every thread of thread_defs. */
static void threads_build(struct rng *r)
{
    uint32_t total = 0, cum = 0;
    for (size_t i = 0; i < N_THREAD_DEFS; i++)
        total += (uint32_t)thread_defs[i].nproc * thread_defs[i].ntids;
    threads = xcalloc(total, sizeof *threads);
    for (size_t i = 0; i < N_THREAD_DEFS; i++) {
        const struct thread_def *td = &thread_defs[i];
        uint32_t entry = group_root(td->entry, strlen(td->entry));
        def_first[i] = n_threads;
        for (uint32_t p = 0; p < td->nproc; p++) {
            int pid = td->pid + (int)(p * td->pid_step);
            for (uint32_t t = 0; t < td->ntids; t++) {
                struct thread *th = &threads[n_threads++];
                uint32_t number = p * td->ntids + t;
                int tid = pid == 0 ? 0 : pid + td->tid_off + (int)t;
                if (td->flags & T_POOL)
                    tid = t == 0 ? pid : pid + (int)t;
                char comm[32];
                if (td->flags & T_NUMBERED)
                    snprintf(comm, sizeof comm, "%s%u", td->comm, number + (td->flags & T_FROM_ONE ? 1u : 0u));
                else
                    snprintf(comm, sizeof comm, "%s", td->comm);
                int n = snprintf(th->head, sizeof th->head, "%s %5d/%-5d ", comm, pid, tid);
                th->head_len = (size_t)n;
                th->comm_key = hash_bytes(comm, strlen(comm)) | 1;
                th->entry = entry;
                th->flags = td->flags;
                th->slide = ((mix64((uint64_t)pid + 1) >> 40) & 0x3ff) << 28;
                th->cpu = (uint8_t)rng_below(r, N_CPUS);
            }
        }
        def_count[i] = n_threads - def_first[i];
        cum += td->weight;
        def_cum[i] = cum;
    }
}

/* ------------------------------------------------------------------ */
/* samples                                                              */

/* Append sym to path (len frames) unless it is full; returns the new length. */
static size_t path_push(uint32_t *path, size_t len, uint32_t sym)
{
    if (len < PATH_CAP)
        path[len++] = sym;
    return len;
}

/* Walk the graph from node start, appending frames to path (len frames so
 * far): application code for app_depth frames, then maybe a library, maybe
 * the kernel. Returns the new length (at most MAX_DEPTH). */
static size_t walk(uint32_t start, uint32_t app_depth, struct rng *r, uint32_t *path, size_t len)
{
    size_t app_start = SIZE_MAX;
    uint32_t cur = start;
    for (;;) {
        const struct node *n = &nodes[cur];
        if (n->sym != NO_SYM) {
            if (n->kind == NK_APP && app_start == SIZE_MAX)
                app_start = len;
            for (uint8_t i = 0; i < n->npre; i++)
                len = path_push(path, len, n->extra[i]);
            len = path_push(path, len, n->sym);
            for (uint8_t i = 0; i < n->npost; i++)
                len = path_push(path, len, n->extra[n->npre + i]);
            if (len >= MAX_DEPTH)
                return MAX_DEPTH;
        }
        uint32_t next;
        if (n->kind == NK_APP) {
            if (len - app_start >= app_depth) {
                if (n->nlibs && rng_chance(r, LIB_PERMILLE))
                    next = n->libs[zipf_pick(r, n->nlibs, 1)];
                else
                    break;
            } else if (n->nkids) {
                next = n->kids[zipf_pick(r, n->nkids, 2)];
            } else if (n->nlibs) {
                next = n->libs[zipf_pick(r, n->nlibs, 1)];
            } else {
                break;
            }
        } else {
            if (n->sym != NO_SYM) {
                if (n->kind == NK_TAIL && rng_chance(r, TAIL_STOP_PERMILLE))
                    break;
                if (n->kind == NK_ENTRY && len >= 6 && rng_chance(r, ENTRY_STOP_PERMILLE))
                    break;
            }
            if (!n->nkids)
                break;
            next = n->kids[zipf_pick(r, n->nkids, n->zipf)];
        }
        cur = next;
    }
    return len;
}

/* A set of 64-bit keys (open addressing; 0 is stored as 1). */
struct keyset {
    uint64_t *slot;
    size_t mask, count;
};

/* Insert key; returns true when it was new. */
static bool keyset_add(struct keyset *s, uint64_t key)
{
    if (!s->slot) {
        s->mask = ((size_t)1 << 16) - 1;
        s->slot = xcalloc(s->mask + 1, sizeof *s->slot);
    }
    key |= !key;
    size_t j = (size_t)mix64(key) & s->mask;
    for (; s->slot[j]; j = (j + 1) & s->mask)
        if (s->slot[j] == key)
            return false;
    s->slot[j] = key;
    if (++s->count * 2 > s->mask) {
        size_t cap = (s->mask + 1) * 2;
        uint64_t *n = xcalloc(cap, sizeof *n);
        for (size_t i = 0; i <= s->mask; i++) {
            if (!s->slot[i])
                continue;
            size_t m = (size_t)mix64(s->slot[i]) & (cap - 1);
            while (n[m])
                m = (m + 1) & (cap - 1);
            n[m] = s->slot[i];
        }
        free(s->slot);
        s->slot = n;
        s->mask = cap - 1;
    }
    return true;
}

struct stats {
    uint64_t records, frames, events[2], broken, irq;
    uint64_t depth[MAX_DEPTH + 1];
    struct keyset stacks, tree;
};

/* ------------------------------------------------------------------ */
/* output                                                               */

struct out {
    char *buf;
    size_t len, cap;
    uint64_t total;
};

/* Write the buffered bytes to the output file. */
static void out_flush(struct out *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, out_fp) != o->len)
        die("%s: write error: %s", out_path, strerror(errno));
    o->len = 0;
}

/* Append n bytes. */
static void out_add(struct out *o, const char *s, size_t n)
{
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* Append v in lower-case hex, right-aligned in width columns (0: no padding). */
static void out_hex(struct out *o, uint64_t v, int width)
{
    static const char digits[] = "0123456789abcdef";
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = digits[v & 15];
        v >>= 4;
    } while (v);
    for (int i = n; i < width; i++)
        o->buf[o->len++] = ' ';
    while (n)
        o->buf[o->len++] = tmp[--n];
}

/* Append v in decimal, right-aligned in width columns, padded with pad. */
static void out_dec(struct out *o, uint64_t v, int width, char pad)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = n; i < width; i++)
        o->buf[o->len++] = pad;
    while (n)
        o->buf[o->len++] = tmp[--n];
}

/* Append a string. */
static void out_str(struct out *o, const char *s)
{
    out_add(o, s, strlen(s));
}

static const char *const header_lines[] = {
    "# ========",
    "# captured on    : Wed Nov 25 23:00:00 2026",
    "# header version : 1",
    "# data offset    : 1384",
    "# data size      : 412761344",
    "# feat offset    : 412762728",
    "# hostname : shop-prod-17",
    "# os release : 6.1.0-27-amd64",
    "# perf version : 6.1.115",
    "# arch : x86_64",
    "# nrcpus online : 16",
    "# nrcpus avail : 16",
    "# cpudesc : Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
    "# cpuid : GenuineIntel,6,106,6",
    "# total memory : 65536000 kB",
    "# cmdline : /usr/bin/perf record -a -g -F 997 -e cycles -e instructions -- sleep 30 ",
    "# event : name = cycles, , id = { 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, "
    "116 }, size = 136, { sample_period, sample_freq } = 997, sample_type = IP|TID|TIME|CALLCHAIN|CPU|PERIOD|ID, "
    "read_format = ID, disabled = 1, inherit = 1, freq = 1, sample_id_all = 1, exclude_guest = 1",
    "# event : name = instructions, , id = { 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, "
    "131, 132 }, size = 136, config = 0x1, { sample_period, sample_freq } = 997, sample_type = "
    "IP|TID|TIME|CALLCHAIN|CPU|PERIOD|ID, read_format = ID, disabled = 1, inherit = 1, freq = 1, sample_id_all = 1, "
    "exclude_guest = 1",
    "# CPU_TOPOLOGY info available, use -I to display",
    "# NUMA_TOPOLOGY info available, use -I to display",
    "# pmu mappings: cpu = 4, breakpoint = 5, cstate_core = 22, cstate_pkg = 23, kprobe = 8, msr = 9, power = 24, "
    "software = 1, tracepoint = 2, uprobe = 7",
    "# ========",
    "#",
    NULL,
};

static uint32_t irq_root;        /* interrupts and faults on top of a stack */
static uint32_t sym_broken_root; /* "[unknown] ([unknown])" */

/* perf's first periods in frequency mode, while it calibrates */
static const uint32_t ramp[] = {1, 1, 3, 17, 98, 597, 3646, 22003};

/* Draw one sample, append its record to o and count it in st. */
static void record(struct out *o, struct stats *st, struct rng *r, uint64_t *usec)
{
    uint32_t u = rng_below(r, def_cum[N_THREAD_DEFS - 1]);
    size_t d = 0;
    while (def_cum[d] <= u)
        d++;
    struct thread *t = &threads[def_first[d] + rng_below(r, def_count[d])];
    int ev = rng_chance(r, INSTRUCTIONS_PERMILLE) ? 1 : 0;
    uint32_t cpu;
    if (t->flags & T_ANYCPU) {
        cpu = rng_below(r, N_CPUS);
    } else {
        if (rng_chance(r, 80))
            t->cpu = (uint8_t)rng_below(r, N_CPUS);
        cpu = t->cpu;
    }
    *usec += 1 + rng_below(r, 124); /* about 16 CPUs x 997 Hz x 2 events */
    uint64_t period = t->seen[ev] < COUNT(ramp) ? ramp[t->seen[ev]]
                      : ev == 0                 ? 1000000u + rng_below(r, 3000000u)
                                                : 1500000u + rng_below(r, 4000000u);
    t->seen[ev]++;

    uint32_t path[PATH_CAP];
    uint32_t app_depth = rng_skewed(r, APP_SPAN + 1);
    size_t len = walk(t->entry, app_depth, r, path, 0);
    if (len < MAX_DEPTH && rng_chance(r, IRQ_PERMILLE)) {
        len = walk(irq_root, 0, r, path, len);
        st->irq++;
    }
    uint64_t garbage = 0;
    if (!(t->flags & T_KERNEL) && len >= 3 && rng_chance(r, BROKEN_PERMILLE)) {
        size_t cut = 1 + rng_below(r, (uint32_t)len - 2);
        memmove(path + 1, path + cut, (len - cut) * sizeof *path);
        len = len - cut + 1;
        path[0] = sym_broken_root;
        garbage = rng_next(r) | 0x1000000000000000ULL;
        st->broken++;
    }

    /* header: comm pid/tid [cpu] sec.usec: period event: */
    out_add(o, t->head, t->head_len);
    out_add(o, "[", 1);
    out_dec(o, cpu, 3, '0');
    out_add(o, "] ", 2);
    out_dec(o, *usec / 1000000u, 5, ' ');
    out_add(o, ".", 1);
    out_dec(o, *usec % 1000000u, 6, '0');
    out_add(o, ": ", 2);
    out_dec(o, period, 10, ' ');
    out_str(o, ev == 0 ? "       cycles: \n" : " instructions: \n");

    /* the callchain, leaf first */
    for (size_t i = len; i-- > 0;) {
        const struct sym *s = &syms[path[i]];
        enum dso_kind kind = dso_specs[s->dso].kind;
        uint64_t off;
        if (i + 1 == len) {
            off = rng_below(r, s->size); /* the interrupted instruction */
        } else {
            /* a return address: one or two call sites per caller and callee */
            uint64_t h = mix64(((uint64_t)path[i] << 32) ^ path[i + 1]);
            if ((h >> 62) == 0 && (rng_next(r) & 1))
                h = mix64(h);
            off = 5 + h % (s->size - 5);
        }
        uint64_t ip = kind == DSO_NONE ? garbage : s->addr + off + (kind == DSO_LIB ? t->slide : 0);
        out_add(o, "\t", 1);
        out_hex(o, ip, 16);
        out_add(o, " ", 1);
        out_add(o, s->name, s->len);
        if (!s->unknown) {
            out_add(o, "+0x", 3);
            out_hex(o, off, 0);
        }
        out_add(o, dsos[s->dso].tail, dsos[s->dso].tail_len);
    }
    out_add(o, "\n", 1);

    /* statistics: the name path with comm as the root, as the collapsers make it */
    uint64_t key = t->comm_key;
    keyset_add(&st->tree, key);
    for (size_t i = 0; i < len; i++) {
        key = mix64(key ^ (0x9E3779B97F4A7C15ULL * (syms[path[i]].name_id + 1u)));
        keyset_add(&st->tree, key);
    }
    keyset_add(&st->stacks, key);
    st->records++;
    st->frames += len;
    st->events[ev]++;
    st->depth[len]++;
}

/* The smallest depth with at least pct percent of the records at or below it. */
static unsigned depth_pct(const struct stats *st, unsigned pct)
{
    uint64_t need = (st->records * pct + 99) / 100, acc = 0;
    for (unsigned d = 0; d <= MAX_DEPTH; d++) {
        acc += st->depth[d];
        if (acc >= need && acc > 0)
            return d;
    }
    return MAX_DEPTH;
}

/* Generate records into the output until target bytes are written. */
static void generate(uint64_t target)
{
    struct rng model = {SEED_MODEL}, samples = {SEED_SAMPLES};
    zipf_init();
    dso_init();
    sym_mask = name_mask = ((size_t)1 << 14) - 1;
    sym_slots = xcalloc(sym_mask + 1, sizeof *sym_slots);
    name_slots = xcalloc(name_mask + 1, sizeof *name_slots);
    groups_build(group_defs, COUNT(group_defs), &model);
    for (int l = 0; l < N_LANGS; l++)
        app_build((enum lang)l, &model);
    groups_build(entry_defs, COUNT(entry_defs), &model);
    threads_build(&model);
    irq_root = group_root("k_irq", 5);
    sym_broken_root = sym_get(dso_find("unknown", 7), "[unknown]", 9, &model);

    struct out o = {0};
    o.cap = CHUNK + ((size_t)1 << 18);
    o.buf = xrealloc(NULL, o.cap);
    for (const char *const *h = header_lines; *h; h++) {
        out_str(&o, *h);
        out_add(&o, "\n", 1);
    }
    static struct stats st;
    uint64_t usec = START_USEC;
    while (o.total + o.len < target) {
        record(&o, &st, &samples, &usec);
        if (o.len >= CHUNK) {
            o.total += o.len;
            out_flush(&o);
        }
    }
    o.total += o.len;
    out_flush(&o);
    free(o.buf);

    fprintf(stderr,
            "gen_perf: %s: %llu bytes, %llu records (cycles %llu, instructions %llu), %llu frame lines, "
            "depth p50 %u p90 %u p99 %u max %u, %llu broken, %llu with an interrupt; %zu distinct stacks, "
            "%zu tree nodes (by name, comm root); %u symbols, %u nodes in the model\n",
            out_path, (unsigned long long)o.total, (unsigned long long)st.records,
            (unsigned long long)st.events[0], (unsigned long long)st.events[1], (unsigned long long)st.frames,
            depth_pct(&st, 50), depth_pct(&st, 90), depth_pct(&st, 99), depth_pct(&st, 100),
            (unsigned long long)st.broken, (unsigned long long)st.irq, st.stacks.count, st.tree.count + 1,
            n_syms, n_nodes);
    free(st.stacks.slot);
    free(st.tree.slot);
}

/* Parse a byte count: digits only, at least 1. */
static bool parse_size(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (!*s)
        return false;
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
        fprintf(stderr, "usage: gen_perf OUT.txt [TARGET_BYTES]\n"
                        "Writes deterministic `perf script` text of about TARGET_BYTES bytes "
                        "(default 100000000).\n");
        return 2;
    }
    out_path = argv[1];
    struct stat sb;
    out_remove = stat(out_path, &sb) != 0 || S_ISREG(sb.st_mode);
    out_fp = fopen(out_path, "wb");
    if (!out_fp) {
        fprintf(stderr, "gen_perf: %s: %s\n", out_path, strerror(errno));
        return 1;
    }
    generate(target);
    if (fflush(out_fp) != 0 || ferror(out_fp))
        die("%s: write error: %s", out_path, strerror(errno));
    if (fclose(out_fp) != 0) {
        out_fp = NULL;
        die("%s: close error: %s", out_path, strerror(errno));
    }
    out_fp = NULL;
    return 0;
}
