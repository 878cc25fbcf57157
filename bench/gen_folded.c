/* gen_folded.c - deterministic generator of realistic folded-stack files.
 *
 * flamex's own benchmark input generator (see bench/README.md).  It writes
 * the "folded" / "collapsed" format that stackcollapse-*.pl and inferno emit:
 * one line per unique stack, root frame first, frames joined by ';', then a
 * space and a sample count:
 *
 *     java;start_thread;...;com/shopco/cart/CartService.save;java/util/HashMap.putVal 37
 *
 * Usage:
 *     gen_folded --size 100M [--seed N] [--order sorted|shuffled] [--names N] [-o FILE]
 *
 * The same arguments always produce the same bytes, on any platform: the
 * random numbers come from xoshiro256** seeded by splitmix64, and the only
 * floating point used is +, -, *, / (no libm), which IEEE 754 makes exact.
 *
 * The model
 * ---------
 * Names.  A pool of --names distinct function names (default 4000) in eight
 *   families with their real-world spelling: Java (com/shopco/cart/CartService.save,
 *   lambdas, inner classes, _[j] annotations), C++ (namespaces, templates with
 *   spaces such as std::vector<int, std::allocator<int> >::push_back(int const&),
 *   lambdas, destructors, HotSpot internals), Go (main.(*Cart).Save, closures
 *   .func2, generics [...]), C/libc (including [unknown] and [libc.so.6]),
 *   Linux kernel (do_syscall_64, some with the _[k] annotation), Python as
 *   py-spy prints it ("handle (app/views.py:12)", with spaces), Rust (<T as
 *   Future>::poll, {{closure}}) and JavaScript/V8.  About 2% of the names carry
 *   non-ASCII UTF-8 words.  Names never contain ';' or '\n'.  Within a family
 *   names are ranked in a random order and drawn with Zipf weights 1/rank.
 * Roots.  Processes (java, checkout-api, postgres, gunicorn, envoy, ...) are
 *   drawn by Zipf weight; each has thread kinds with a fixed entry chain
 *   (start_thread;thread_native_entry(Thread*);...;EpollEventLoop.run), which
 *   gives every profile its long shared prefixes.
 * Call tree.  Below the entry chain lies an implicit, unbounded call tree.
 *   Each tree node has a 64-bit id (a hash of its parent's id and its child
 *   index), a fan-out derived from the id (P(fanout >= k) = 2/(3k-1), at
 *   most 48) and a function.  80% of the call sites are static: child k of
 *   function F calls the same callee wherever F appears, as in real programs,
 *   so the same subtrees recur under many callers; the rest depend on the
 *   calling context (virtual dispatch, callbacks).  A function already on the
 *   stack is not called again, except by the 3% of functions that are
 *   recursive (they call themselves 30% of the time, and may be re-entered).
 * Layers.  The leaf end of a stack may descend into lower layers: 35% of
 *   the stacks of managed code end in 1..7 native frames (Java -> HotSpot/C++
 *   or libc, Python -> C, JS -> V8/libc, Rust/C++ -> libc), and 40% of all
 *   user-space stacks end in 2..14 kernel frames entered through a syscall
 *   (entry_SYSCALL_64_after_hwframe;do_syscall_64), a timer interrupt or a
 *   page fault.  Kernel threads (swapper, kworker) are kernel throughout.
 * Stacks.  A stack is a walk from a root that picks child k with Zipf weight
 *   1/k^1.25 until it reaches a depth drawn from a mix of two negative
 *   binomials, 5 + NB: median about 22, p90 about 44, p99 about 87, capped
 *   at 120.  Because depths vary along the same paths, the prefixes of deep
 *   stacks are stacks too (self time in interior frames).  Stacks are unique;
 *   a walk that repeats an earlier stack is redrawn (and after every 8
 *   failures goes one frame deeper).  Counts are heavy-tailed: count =
 *   floor(1/u^2) for uniform u, capped at 100000 (P(1) = 29%, median 3).
 *   With the defaults, 100 MB hold about 110,000 stacks, 2.85 M frames and
 *   920,000 call-tree nodes (floor.c counts the same).
 * Order.  Lines are generated once; --order sorted writes them bytewise
 *   sorted (like `LC_ALL=C sort`, as collapsers emit them), --order shuffled
 *   in a seeded random permutation.  Both orders hold exactly the same lines.
 *
 * Output stops at the first line that brings the file to --size bytes or
 * more.  The lines are kept in memory until written (about --size bytes).
 * Statistics (lines, frames, distinct names, tree nodes, depth percentiles)
 * go to stderr.  Exit status 0 on success, 1 on a write error, 2 on usage.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

#define MAX_DEPTH 120
#define MIN_DEPTH 5
#define MAX_FANOUT 48
#define MAX_COUNT 100000u
#define P_STATIC 0.80    /* share of call sites whose callee depends only on the caller */
#define P_RECURSIVE 0.03 /* share of functions that call themselves */
#define P_SELF_CALL 0.30 /* chance that a recursive function's child is itself */
#define P_UNICODE 0.02   /* share of generated names built on a non-ASCII word */
#define P_KERNEL_TAIL 0.40 /* share of user-space stacks that end in the kernel */
#define P_NATIVE_TAIL 0.35 /* share of managed-code stacks that end in native code */

/* ------------------------------------------------------------------ */
/* random numbers and hashing: splitmix64, xoshiro256**                */

/* splitmix64 finaliser: a stateless, well-mixing 64-bit hash. */
static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15u;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
    return x ^ (x >> 31);
}

/* Map 64 random bits to a double in [0, 1). */
static double unit_of(uint64_t h)
{
    return (double)(h >> 11) * (1.0 / 9007199254740992.0);
}

struct rng {
    uint64_t s[4];
};

static void rng_seed(struct rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) {
        seed += 0x9E3779B97F4A7C15u;
        r->s[i] = mix64(seed);
    }
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** (Blackman and Vigna). */
static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static double rng_unit(struct rng *r)
{
    return unit_of(rng_next(r));
}

/* Uniform integer in [0, n), n > 0 (multiply-shift, bias < 2^-32). */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Square root by Newton's method: basic IEEE operations only, so the result
 * is the same everywhere (libm is not needed). */
static double det_sqrt(double a)
{
    if (a <= 0.0)
        return 0.0;
    double x = a > 1.0 ? a : 1.0;
    for (int i = 0; i < 200; i++) {
        double y = 0.5 * (x + a / x);
        if (y >= x)
            break;
        x = y;
    }
    return x;
}

/* ------------------------------------------------------------------ */
/* small utilities                                                      */

static NORETURN void die(const char *what)
{
    fprintf(stderr, "gen_folded: %s\n", what);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die("out of memory");
    return q;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        die("out of memory");
    return p;
}

struct buf {
    char *p;
    size_t len, cap;
};

static void buf_reserve(struct buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra)
        cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

static void buf_add(struct buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* Cumulative distribution of weights w[0..n-1] (normalised in place). */
static void cdf_finish(double *w, size_t n)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    double acc = 0.0;
    for (size_t i = 0; i < n; i++) {
        acc += w[i] / total;
        w[i] = acc;
    }
    w[n - 1] = 1.0;
}

/* Index i with cdf[i-1] <= u < cdf[i] (binary search). */
static size_t cdf_pick(const double *cdf, size_t n, double u)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u < cdf[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Open-addressing set of 64-bit keys (0 is mapped to 1; the set is used for
 * hashes, where that merge is harmless). */
struct keyset {
    uint64_t *slot;
    size_t mask, count;
};

static void keyset_init(struct keyset *s, size_t cap_pow2)
{
    s->slot = xcalloc(cap_pow2, sizeof *s->slot);
    s->mask = cap_pow2 - 1;
    s->count = 0;
}

/* Insert key; return 1 if it was new, 0 if present. */
static int keyset_add(struct keyset *s, uint64_t key)
{
    if (!key)
        key = 1;
    size_t j = (size_t)(key ^ (key >> 29)) & s->mask;
    while (s->slot[j]) {
        if (s->slot[j] == key)
            return 0;
        j = (j + 1) & s->mask;
    }
    s->slot[j] = key;
    if (++s->count * 2 > s->mask + 1) {
        size_t ncap = (s->mask + 1) * 2;
        uint64_t *n = xcalloc(ncap, sizeof *n);
        for (size_t i = 0; i <= s->mask; i++) {
            uint64_t k = s->slot[i];
            if (!k)
                continue;
            size_t m = (size_t)(k ^ (k >> 29)) & (ncap - 1);
            while (n[m])
                m = (m + 1) & (ncap - 1);
            n[m] = k;
        }
        free(s->slot);
        s->slot = n;
        s->mask = ncap - 1;
    }
    return 1;
}

static int keyset_has(const struct keyset *s, uint64_t key)
{
    if (!key)
        key = 1;
    size_t j = (size_t)(key ^ (key >> 29)) & s->mask;
    while (s->slot[j]) {
        if (s->slot[j] == key)
            return 1;
        j = (j + 1) & s->mask;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* vocabulary                                                           */

enum family { FAM_JAVA, FAM_CPP, FAM_GO, FAM_C, FAM_KERNEL, FAM_PY, FAM_RUST, FAM_JS, NFAM };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* share of the name pool per family (sums to 100) */
static const unsigned family_share[NFAM] = {28, 20, 14, 10, 10, 9, 5, 4};

/* The native layer under each family's own frames: a stack of a Java thread
 * may end in a few HotSpot/C++ frames (60% of the time) or libc frames (40%),
 * and so on; NFAM means none.  The kernel is the layer under all of them. */
static const struct {
    enum family a, b;
    unsigned a_permille;
} native_layer[NFAM] = {
    [FAM_JAVA] = {FAM_CPP, FAM_C, 600},  [FAM_CPP] = {FAM_C, FAM_C, 1000},
    [FAM_GO] = {NFAM, NFAM, 0},          [FAM_C] = {NFAM, NFAM, 0},
    [FAM_KERNEL] = {NFAM, NFAM, 0},      [FAM_PY] = {FAM_C, FAM_C, 1000},
    [FAM_RUST] = {FAM_C, FAM_C, 1000},   [FAM_JS] = {FAM_CPP, FAM_C, 700},
};

/* How user code enters the kernel: the first frames of every kernel tail. */
static const char *const kernel_entries[][4] = {
    {"entry_SYSCALL_64_after_hwframe", "do_syscall_64", NULL, NULL},
    {"asm_sysvec_apic_timer_interrupt", "sysvec_apic_timer_interrupt", "__sysvec_apic_timer_interrupt",
     "hrtimer_interrupt"},
    {"asm_exc_page_fault", "exc_page_fault", "do_user_addr_fault", "handle_mm_fault"},
};
static const unsigned kernel_entry_permille[] = {700, 850, 1000}; /* cumulative */
#define NKENTRY COUNT(kernel_entries)

static const char *const nouns[] = {
    "Order",    "Customer", "Invoice",  "Basket",  "Ticket",   "Shipment", "Warehouse", "Product",
    "Price",    "Discount", "Tax",      "Payment", "Refund",   "Wallet",   "Ledger",    "Account",
    "Session",  "Token",    "Tenant",   "Quota",   "Metric",   "Trace",    "Span",      "Event",
    "Message",  "Topic",    "Partition", "Offset", "Segment",  "Block",    "Chunk",     "Page",
    "Row",      "Column",   "Table",    "Index",   "Query",    "Plan",     "Cursor",    "Snapshot",
    "Manifest", "Blob",     "Bucket",   "Image",   "Thumbnail", "Feed",    "Timeline",  "Comment",
    "Review",   "Rating",   "Search",   "Route",   "Region",   "Cluster",  "Lease",     "Job",
    "Task",     "Schedule", "Report",   "Export",  "Template", "Config",   "Feature",   "Header",
    "Cookie",   "Packet",   "Record",   "Cart",    "Coupon",   "Stock",    "Address",   "Profile",
};

static const char *const roles[] = {
    "Service",  "Controller", "Handler",  "Repository", "Dao",      "Factory",  "Impl",
    "Manager",  "Codec",      "Serializer", "Parser",   "Validator", "Mapper",  "Client",
    "Provider", "Processor",  "Listener", "Interceptor", "Filter",  "Adapter",  "Resolver",
    "Builder",  "Store",      "Worker",   "Pool",       "Cache",    "Registry", "Dispatcher",
    "Scheduler", "Executor",  "Gateway",  "Proxy",      "Visitor",  "Reader",   "Writer",
};

static const char *const verbs[] = {
    "get",      "set",      "put",      "fetch",    "load",     "store",    "save",     "find",
    "lookup",   "query",    "scan",     "read",     "write",    "flush",    "sync",     "commit",
    "rollback", "open",     "close",    "handle",   "process",  "dispatch", "route",    "invoke",
    "call",     "apply",    "accept",   "submit",   "execute",  "run",      "poll",     "await",
    "notify",   "schedule", "compute",  "evaluate", "merge",    "split",    "sort",     "filter",
    "reduce",   "collect",  "encode",   "decode",   "serialize", "deserialize", "parse", "format",
    "render",   "compress", "inflate",  "hash",     "sign",     "verify",   "encrypt",  "decrypt",
    "validate", "normalize", "resolve", "register", "refresh",  "evict",    "expire",   "retry",
    "emit",     "publish",  "subscribe", "consume", "ack",      "build",    "init",     "drain",
};

/* non-ASCII words, as UTF-8 byte escapes so the bytes never depend on the
 * compiler's source or execution character set */
static const char *const unicode_words[] = {
    "Gr\xc3\xb6\xc3\x9f" "e",                                   /* Größe */
    "Stra\xc3\x9f" "e",                                         /* Straße */
    "Caf\xc3\xa9",                                              /* Café */
    "Na\xc3\xafve",                                             /* Naïve */
    "Cr\xc3\xa8me",                                             /* Crème */
    "D\xc3\xa9j\xc3\xa0",                                       /* Déjà */
    "Sm\xc3\xb6rg\xc3\xa5s",                                    /* Smörgås */
    "A\xc3\xb1" "adir",                                         /* Añadir */
    "Canci\xc3\xb3n",                                           /* Canción */
    "Donn\xc3\xa9" "es",                                        /* Données */
    "\xc3\x86r\xc3\xb8",                                        /* Ærø */
    "\xe5\x87\xa6\xe7\x90\x86",                                 /* 処理 */
    "\xe5\xae\x9f\xe8\xa1\x8c",                                 /* 実行 */
    "\xe6\xb3\xa8\xe6\x96\x87",                                 /* 注文 */
    "\xe8\xae\xa2\xe5\x8d\x95",                                 /* 订单 */
    "\xe6\x9c\x8d\xe5\x8a\xa1",                                 /* 服务 */
    "\xd0\x94\xd0\xb0\xd0\xbd\xd0\xbd\xd1\x8b\xd0\xb5",         /* Данные */
    "\xd0\x97\xd0\xb0\xd0\xba\xd0\xb0\xd0\xb7",                 /* Заказ */
    "\xce\x9b",                                                 /* Λ */
    "\xce\x94" "elta",                                          /* Δelta */
    "\xce\xa3umma",                                             /* Σumma */
    "\xce\xa0\xce\xbb\xce\xb7\xcf\x81\xcf\x89\xce\xbc\xce\xae", /* Πληρωμή */
    "\xc5\xbb\xc3\xb3\xc5\x82w",                                /* Żółw */
    "\xc4\xb0\xc5\x9flem",                                      /* İşlem */
    "\xc3\x9cn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9",                /* Ünïcödé */
};

static const char *const java_pkgs[] = {
    "com/shopco/checkout",
    "com/shopco/checkout/api",
    "com/shopco/cart",
    "com/shopco/catalog/search",
    "com/shopco/pricing",
    "com/shopco/inventory",
    "com/shopco/payments/gateway",
    "com/shopco/common/util",
    "com/shopco/common/metrics",
    "org/springframework/web/servlet",
    "org/springframework/security/web",
    "org/springframework/data/jpa",
    "org/springframework/transaction",
    "org/hibernate/engine/internal",
    "org/hibernate/loader/ast/internal",
    "io/netty/channel/epoll",
    "io/netty/handler/ssl",
    "io/netty/buffer",
    "com/fasterxml/jackson/databind/ser",
    "com/fasterxml/jackson/core/json",
    "io/micrometer/core/instrument",
    "org/apache/kafka/clients/producer/internals",
    "io/grpc/internal",
    "ch/qos/logback/classic/spi",
    "com/google/common/cache",
    "io/lettuce/core/protocol",
    "reactor/netty/http/server",
    "com/zaxxer/hikari/pool",
};

static const char *const jdk_classes[] = {
    "java/util/HashMap",
    "java/util/TreeMap",
    "java/util/ArrayList",
    "java/util/LinkedList",
    "java/util/concurrent/ConcurrentHashMap",
    "java/util/concurrent/ForkJoinPool",
    "java/util/concurrent/CompletableFuture",
    "java/util/concurrent/LinkedBlockingQueue",
    "java/util/concurrent/locks/ReentrantLock",
    "java/lang/String",
    "java/lang/StringBuilder",
    "java/lang/Integer",
    "java/lang/Object",
    "java/lang/invoke/MethodHandle",
    "java/lang/reflect/Method",
    "java/io/ObjectOutputStream",
    "java/nio/HeapByteBuffer",
    "java/nio/charset/CharsetEncoder",
    "java/util/zip/Inflater",
    "java/util/regex/Matcher",
    "java/time/LocalDateTime",
    "java/security/MessageDigest",
    "sun/security/ssl/SSLSocketImpl",
    "jdk/internal/misc/Unsafe",
};

static const char *const jdk_methods[] = {
    "<init>", "<clinit>", "hashCode", "equals", "toString", "compareTo", "get",    "put",
    "putVal", "resize",   "getNode",  "append", "charAt",   "indexOf",   "valueOf", "iterator",
    "next",   "hasNext",  "offer",    "take",   "lock",     "unlock",    "park",   "invoke",
    "encode", "inflate",  "find",     "matches", "digest",  "computeIfAbsent",
};

static const char *const java_suffixes[] = {"", "", "", "Internal", "Async", "All", "0", "IfPresent", "Batch"};

/* HotSpot internals: C++ frames under Java processes */
static const char *const hotspot[] = {
    "JavaCalls::call_virtual(JavaValue*, Handle, Klass*, Symbol*, Symbol*, JavaThread*)",
    "JavaCalls::call_helper(JavaValue*, methodHandle const&, JavaCallArguments*, JavaThread*)",
    "OptoRuntime::new_instance_C(Klass*, JavaThread*)",
    "OptoRuntime::new_array_nozero_C(Klass*, int, JavaThread*)",
    "InstanceKlass::allocate_instance(JavaThread*)",
    "MemAllocator::allocate() const",
    "G1CollectedHeap::do_collection_pause_at_safepoint()",
    "G1YoungCollector::collect()",
    "G1ParScanThreadState::trim_queue_to_threshold(unsigned int)",
    "SafepointSynchronize::begin()",
    "ObjectMonitor::EnterI(JavaThread*)",
    "ObjectSynchronizer::inflate(Thread*, oopDesc*, ObjectSynchronizer::InflateCause)",
    "Monitor::wait(unsigned long)",
    "Parker::park(bool, long)",
    "Unsafe_Park",
    "CodeCache::find_blob(void*)",
    "Compile::Compile(ciEnv*, ciMethod*, int, Options, DirectiveSet*)",
    "PhaseChaitin::Register_Allocate()",
    "PhaseIterGVN::optimize()",
    "Interpreter",
    "call_stub",
    "vtable stub",
    "itable stub",
    "SharedRuntime::resolve_virtual_call_C(JavaThread*)",
};

static const char *const cpp_ns[] = {
    "std",
    "boost::asio::detail",
    "absl::container_internal",
    "folly::detail",
    "grpc_core",
    "grpc::internal",
    "Envoy::Http",
    "Envoy::Router",
    "Envoy::Upstream",
    "Envoy::Network",
    "google::protobuf::internal",
    "rocksdb",
    "DB",
    "mongo::repl",
    "v8::internal",
    "llvm",
    "tensorflow::grappler",
    "duckdb",
    "seastar::internal",
    "(anonymous namespace)",
};

static const char *const cpp_types[] = {
    "int",
    "long",
    "unsigned long",
    "char const*",
    "std::string",
    "std::string_view",
    "bool",
    "double",
    "void*",
    "std::vector<int, std::allocator<int> >",
    "std::shared_ptr<Connection>",
    "std::unique_ptr<Buffer, std::default_delete<Buffer> >",
    "absl::Span<char const>",
    "Slice const&",
    "std::function<void ()>",
    "std::chrono::duration<long, std::ratio<1l, 1000000000l> >",
    "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> > const&",
};

#define CPP_SHORT_TYPES 9
static const char *const cpp_vector_ops[] = {"push_back", "emplace_back", "_M_realloc_insert", "reserve",
                                             "_M_default_append", "operator="};

static const char *const cpp_fixed[] = {
    "operator new(unsigned long)",
    "operator delete(void*, unsigned long)",
    "std::_Rb_tree_insert_and_rebalance(bool, std::_Rb_tree_node_base*, std::_Rb_tree_node_base*, std::_Rb_tree_node_base&)",
    "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::_M_mutate(unsigned long, unsigned long, char const*, unsigned long)",
    "std::__detail::_Map_base<std::string, std::pair<std::string const, int>, std::allocator<std::pair<std::string const, int> >, std::__detail::_Select1st, std::equal_to<std::string>, std::hash<std::string>, std::__detail::_Mod_range_hashing, std::__detail::_Default_ranged_hash, std::__detail::_Prime_rehash_policy, std::__detail::_Hashtable_traits<true, false, true>, true>::operator[](std::string const&)",
    "void std::__introsort_loop<__gnu_cxx::__normal_iterator<long*, std::vector<long, std::allocator<long> > >, long, __gnu_cxx::__ops::_Iter_less_iter>(__gnu_cxx::__normal_iterator<long*, std::vector<long, std::allocator<long> > >, __gnu_cxx::__normal_iterator<long*, std::vector<long, std::allocator<long> > >, long, __gnu_cxx::__ops::_Iter_less_iter)",
    "std::mutex::lock()",
    "std::condition_variable::wait(std::unique_lock<std::mutex>&)",
    "__cxa_throw",
    "_Unwind_RaiseException",
    "__dynamic_cast",
    "tcmalloc::tcmalloc_internal::CentralFreeList::RemoveRange(void**, int)",
};

static const char *const go_pkgs[] = {
    "net/http",
    "net",
    "encoding/json",
    "encoding/binary",
    "sync",
    "bufio",
    "io",
    "os",
    "internal/poll",
    "syscall",
    "crypto/tls",
    "crypto/aes",
    "compress/flate",
    "reflect",
    "strconv",
    "strings",
    "bytes",
    "sort",
    "context",
    "database/sql",
    "time",
    "github.com/shopco/checkout/internal/cart",
    "github.com/shopco/checkout/internal/pricing",
    "github.com/shopco/checkout/pkg/httpapi",
    "google.golang.org/grpc",
    "google.golang.org/grpc/internal/transport",
    "google.golang.org/protobuf/proto",
    "github.com/redis/go-redis/v9/internal/pool",
    "github.com/jackc/pgx/v5/pgconn",
    "go.opentelemetry.io/otel/sdk/trace",
    "go.uber.org/zap/zapcore",
    "github.com/klauspost/compress/zstd",
    "main",
};

static const char *const go_fixed[] = {
    "runtime.mallocgc",       "runtime.newobject",      "runtime.growslice",     "runtime.makeslice",
    "runtime.memmove",        "runtime.memclrNoHeapPointers", "runtime.mapaccess1_faststr",
    "runtime.mapassign_fast64", "runtime.gcDrain",      "runtime.scanobject",    "runtime.greyobject",
    "runtime.findObject",     "runtime.markroot",       "runtime.bgsweep",       "runtime.sweepone",
    "runtime.schedule",       "runtime.findRunnable",   "runtime.stealWork",     "runtime.netpoll",
    "runtime.futex",          "runtime.futexsleep",     "runtime.notesleep",     "runtime.stopm",
    "runtime.selectgo",       "runtime.chanrecv",       "runtime.chansend",      "runtime.lock2",
    "runtime.systemstack",    "runtime.morestack",      "runtime.newstack",      "runtime.concatstrings",
    "runtime.slicebytetostring", "runtime.typedmemmove", "runtime.asyncPreempt",
};

static const char *const c_libs[] = {"ngx", "redis", "lua", "sqlite3", "zstd", "lz4", "xml", "ev",
                                     "uv",  "curl",  "pcre2", "yaml", "png", "jpeg", "ssl", "pg"};

static const char *const c_fixed[] = {
    "[unknown]",           "[libc.so.6]",         "[vdso]",              "[libcrypto.so.3]",
    "[libjvm.so]",         "[ld-linux-x86-64.so.2]", "__libc_start_call_main", "__GI___libc_write",
    "__GI___libc_read",    "__libc_recv",         "__libc_sendmsg",      "__memmove_avx_unaligned_erms",
    "__memset_avx2_unaligned_erms", "__strlen_avx2", "__memcmp_avx2_movbe", "malloc",
    "_int_malloc",         "_int_free",           "free",                "calloc",
    "realloc",             "malloc_consolidate",  "pthread_mutex_lock",  "pthread_mutex_unlock",
    "pthread_cond_wait@@GLIBC_2.3.2", "__pthread_cond_timedwait64", "___pthread_mutex_lock",
    "epoll_wait",          "__poll",              "__futex_abstimed_wait_common", "__lll_lock_wait",
    "syscall",             "inflate",             "deflate_slow",        "SSL_read",
    "SSL_write",           "ssl3_read_bytes",     "EVP_DecryptUpdate",   "aesni_gcm_decrypt",
    "sha256_block_data_order_avx2", "ExecProcNode", "ExecScan",          "heap_getnextslot",
    "hash_search_with_hash_value", "LWLockAcquire", "XLogInsertRecord",  "btgettuple",
    "_bt_search",          "slot_deform_heap_tuple", "palloc",           "AllocSetAlloc",
    "_PyEval_EvalFrameDefault", "PyObject_Call", "_PyObject_MakeTpCall", "PyDict_GetItem",
    "_PyObject_GenericGetAttrWithDict", "list_append", "PyUnicode_New",  "gc_collect_main",
    "ngx_http_process_request", "ngx_epoll_process_events", "processCommand", "aeProcessEvents",
};

static const char *const kernel_subsys[] = {"tcp", "udp", "ip", "ext4", "xfs", "blk", "nvme", "mm",
                                            "page", "sched", "irq", "skb", "vfs", "btrfs", "cgroup",
                                            "bpf", "futex", "ep", "sock", "netif"};
static const char *const kernel_prefix[] = {"", "", "__", "do_", "__x64_sys_", "__se_sys_"};
static const char *const kernel_suffix[] = {"", "", "", "_one", "_locked", ".isra.0", ".constprop.0",
                                            "_slowpath", "_nocheck"};

static const char *const kernel_fixed[] = {
    "entry_SYSCALL_64_after_hwframe", "do_syscall_64",        "syscall_exit_to_user_mode",
    "__x64_sys_write",       "ksys_write",            "vfs_write",            "__x64_sys_read",
    "ksys_read",             "vfs_read",              "__x64_sys_epoll_wait", "do_epoll_wait",
    "ep_poll",               "__x64_sys_futex",       "do_futex",             "futex_wait",
    "futex_wake",            "__schedule",            "schedule",             "finish_task_switch.isra.0",
    "pick_next_task_fair",   "native_write_msr",      "asm_sysvec_apic_timer_interrupt",
    "sysvec_apic_timer_interrupt", "hrtimer_interrupt", "__hrtimer_run_queues", "tick_sched_timer",
    "update_process_times",  "scheduler_tick",        "asm_exc_page_fault",   "exc_page_fault",
    "do_user_addr_fault",    "handle_mm_fault",       "__handle_mm_fault",    "do_anonymous_page",
    "clear_page_erms",       "copy_user_enhanced_fast_string", "_copy_to_iter", "tcp_recvmsg",
    "tcp_sendmsg_locked",    "__tcp_transmit_skb",    "ip_finish_output2",    "__dev_queue_xmit",
    "net_rx_action",         "__napi_poll",           "virtnet_poll",         "tcp_v4_rcv",
    "filemap_read",          "_raw_spin_lock",        "_raw_spin_unlock_irqrestore",
    "queued_spin_lock_slowpath", "mutex_lock",        "rcu_core",             "__do_softirq",
    "irq_exit_rcu",          "default_idle_call",     "native_safe_halt",     "kmem_cache_alloc",
    "kmem_cache_free",       "__alloc_pages",         "get_page_from_freelist", "rmqueue",
    "do_syscall_64_[k]",     "entry_SYSCALL_64_after_hwframe_[k]", "__schedule_[k]",
};

static const char *const py_files[] = {
    "app/views.py",
    "app/models.py",
    "app/serializers.py",
    "app/tasks.py",
    "app/services/checkout.py",
    "django/db/models/query.py",
    "django/db/backends/utils.py",
    "django/core/handlers/base.py",
    "django/template/base.py",
    "sqlalchemy/orm/session.py",
    "json/encoder.py",
    "json/decoder.py",
    "asyncio/base_events.py",
    "selectors.py",
    "socket.py",
    "ssl.py",
    "re/_compiler.py",
    "logging/__init__.py",
    "numpy/core/fromnumeric.py",
    "pandas/core/frame.py",
    "requests/sessions.py",
    "urllib3/connectionpool.py",
    "http/client.py",
    "gunicorn/workers/sync.py",
    "celery/app/trace.py",
    "informes/an\xc3\xa1lisis.py", /* informes/análisis.py */
};

static const char *const py_funcs[] = {"__call__", "<module>", "<listcomp>", "<genexpr>", "wrapper",
                                       "inner",    "_wrapped_view", "get", "post", "dispatch",
                                       "execute",  "__iter__", "_fetch_all", "_run_once", "run"};

static const char *const rust_crates[] = {
    "tokio::runtime::task::harness",
    "tokio::runtime::scheduler::multi_thread::worker",
    "tokio::io::poll_evented",
    "hyper::proto::h1::conn",
    "hyper::proto::h1::dispatch",
    "serde_json::de",
    "serde_json::ser",
    "hashbrown::raw",
    "alloc::raw_vec",
    "std::io::buffered::bufwriter",
    "regex_automata::meta::strategy",
    "rustls::conn",
    "ring::aead::gcm",
    "sqlx_core::pool::inner",
    "axum::routing::route",
    "tower::util::map_response",
    "futures_util::stream::futures_unordered",
    "bytes::bytes_mut",
    "tracing_subscriber::fmt::format",
    "ingest::pipeline",
    "ingest::sink::kafka",
    "ingest::parse",
    "prost::encoding",
};

static const char *const js_files[] = {
    "node:internal/process/task_queues",
    "node:internal/timers",
    "node:net",
    "node:internal/streams/readable",
    "node:_http_server",
    "node:events",
    "/srv/shop/src/server.js",
    "/srv/shop/src/routes/cart.js",
    "/srv/shop/src/render/page.js",
    "/srv/shop/node_modules/express/lib/router/index.js",
    "/srv/shop/node_modules/express/lib/router/layer.js",
    "/srv/shop/node_modules/react-dom/server.js",
    "/srv/shop/dist/bundle.min.js",
};
static const char *const js_kinds[] = {"", "*", "~", "LazyCompile:*", "LazyCompile:~", "JS:*", "Function:^"};

static const char *const js_fixed[] = {
    "v8::internal::Runtime_CompileLazy(int, unsigned long*, v8::internal::Isolate*)",
    "v8::internal::Heap::CollectGarbage(v8::internal::AllocationSpace, v8::internal::GarbageCollectionReason, v8::GCCallbackFlags)",
    "v8::internal::ScavengerCollector::CollectGarbage()",
    "Builtins_InterpreterEntryTrampoline",
    "Builtins_JSEntryTrampoline",
    "Builtins_CallFunction_ReceiverIsAny",
    "Builtins_ArrayPrototypePush",
    "Builtins_JsonParse",
    "Builtins_StringPrototypeReplace",
    "node::fs::Read(v8::FunctionCallbackInfo<v8::Value> const&)",
    "uv__read",
    "uv__io_poll",
};

/* ------------------------------------------------------------------ */
/* processes and their thread entry chains                              */

#define MAX_CHAIN 12
#define MAX_KINDS 4

struct thread_kind {
    enum family fam;
    const char *chain[MAX_CHAIN]; /* NULL-terminated */
};

struct process {
    const char *name;
    struct thread_kind kinds[MAX_KINDS]; /* kinds[i].chain[0] == NULL ends the list */
};

static const struct process processes[] = {
    {"java",
     {{FAM_JAVA,
       {"start_thread", "thread_native_entry(Thread*)", "Thread::call_run()", "JavaThread::thread_main_inner()",
        "java/lang/Thread.run", "java/util/concurrent/ThreadPoolExecutor$Worker.run",
        "java/util/concurrent/ThreadPoolExecutor.runWorker",
        "org/apache/tomcat/util/threads/TaskThread$WrappingRunnable.run",
        "org/apache/tomcat/util/net/SocketProcessorBase.run"}},
      {FAM_JAVA,
       {"start_thread", "thread_native_entry(Thread*)", "Thread::call_run()", "JavaThread::thread_main_inner()",
        "java/lang/Thread.run", "io/netty/util/concurrent/FastThreadLocalRunnable.run",
        "io/netty/channel/epoll/EpollEventLoop.run"}},
      {FAM_CPP,
       {"start_thread", "thread_native_entry(Thread*)", "Thread::call_run()", "ConcurrentGCThread::run()",
        "G1ConcurrentRefineThread::run_service()"}},
      {FAM_CPP,
       {"start_thread", "thread_native_entry(Thread*)", "Thread::call_run()", "JavaThread::thread_main_inner()",
        "CompileBroker::compiler_thread_loop()"}}}},
    {"checkout-api",
     {{FAM_GO, {"runtime.goexit.abi0", "net/http.(*conn).serve", "net/http.serverHandler.ServeHTTP"}},
      {FAM_GO, {"runtime.goexit.abi0", "google.golang.org/grpc.(*Server).serveStreams.func2.1"}},
      {FAM_GO, {"runtime.goexit.abi0", "runtime.gcBgMarkWorker", "runtime.systemstack"}},
      {FAM_GO, {"runtime.mcall", "runtime.park_m"}}}},
    {"postgres",
     {{FAM_C,
       {"_start", "__libc_start_main", "main", "PostmasterMain", "ServerLoop", "BackendStartup", "PostgresMain",
        "exec_simple_query"}},
      {FAM_C, {"_start", "__libc_start_main", "main", "PostmasterMain", "StartChildProcess", "AuxiliaryProcessMain"}}}},
    {"gunicorn",
     {{FAM_PY,
       {"_start", "__libc_start_main", "Py_BytesMain", "Py_RunMain", "<module> (gunicorn:8)",
        "run (gunicorn/app/wsgiapp.py:67)", "run (gunicorn/arbiter.py:209)",
        "spawn_worker (gunicorn/arbiter.py:589)", "run (gunicorn/workers/sync.py:125)",
        "handle (gunicorn/workers/sync.py:135)"}}}},
    {"envoy",
     {{FAM_CPP,
       {"clone3", "start_thread",
        "Envoy::Thread::PosixThreadFactory::createPthread(Envoy::Thread::ThreadHandle*)::$_0::__invoke(void*)",
        "Envoy::Server::WorkerImpl::threadRoutine(Envoy::Server::GuardDog&, std::function<void ()> const&)",
        "Envoy::Event::DispatcherImpl::run(Envoy::Event::Dispatcher::RunType)", "event_base_loop"}},
      {FAM_CPP,
       {"_start", "__libc_start_main", "main",
        "Envoy::MainCommon::main(int, char**, std::function<void (Envoy::Server::Instance&)>)"}}}},
    {"node",
     {{FAM_JS,
       {"_start", "__libc_start_main", "node::Start(int, char**)", "node::NodeMainInstance::Run()", "uv_run"}},
      {FAM_CPP,
       {"clone3", "start_thread", "node::WorkerThreadsTaskRunner::DelayedTaskScheduler::Start()::{lambda(void*)#1}::_FUN(void*)"}}}},
    {"nginx",
     {{FAM_C, {"_start", "__libc_start_main", "main", "ngx_master_process_cycle", "ngx_start_worker_processes",
               "ngx_spawn_process", "ngx_worker_process_cycle", "ngx_process_events_and_timers"}}}},
    {"ingest-rs",
     {{FAM_RUST,
       {"clone3", "start_thread", "std::sys::pal::unix::thread::Thread::new::thread_start",
        "tokio::runtime::blocking::pool::Inner::run", "tokio::runtime::scheduler::multi_thread::worker::run"}}}},
    {"swapper", {{FAM_KERNEL, {"secondary_startup_64_no_verify", "start_secondary", "cpu_startup_entry", "do_idle"}}}},
    {"redis-server", {{FAM_C, {"_start", "__libc_start_main", "main", "aeMain", "aeProcessEvents"}}}},
    {"kworker/u8:3-events_unbound", {{FAM_KERNEL, {"ret_from_fork", "kthread", "worker_thread", "process_one_work"}}}},
};
#define NPROC COUNT(processes)

/* ------------------------------------------------------------------ */
/* the name pool                                                        */

struct pool {
    struct buf text;   /* all names, back to back */
    uint32_t *off;     /* name i is text.p[off[i] .. off[i] + len[i]) */
    uint32_t *len;
    uint8_t *fam;
    uint32_t n, cap;
    uint32_t *slot;    /* hash set: name index + 1, 0 = empty */
    uint32_t mask;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xCBF29CE484222325u; /* FNV-1a, then a finaliser */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001B3u;
    return mix64(h);
}

static void pool_rehash(struct pool *p, uint32_t ncap)
{
    free(p->slot);
    p->slot = xcalloc(ncap, sizeof *p->slot);
    p->mask = ncap - 1;
    for (uint32_t i = 0; i < p->n; i++) {
        uint32_t j = (uint32_t)hash_bytes(p->text.p + p->off[i], p->len[i]) & p->mask;
        while (p->slot[j])
            j = (j + 1) & p->mask;
        p->slot[j] = i + 1;
    }
}

/* Id of name s[0..n); added with family fam if new (*added set to 1). */
static uint32_t pool_intern(struct pool *p, const char *s, size_t n, enum family fam, int *added)
{
    if (!p->slot)
        pool_rehash(p, 1024);
    uint32_t j = (uint32_t)hash_bytes(s, n) & p->mask;
    while (p->slot[j]) {
        uint32_t i = p->slot[j] - 1;
        if (p->len[i] == n && memcmp(p->text.p + p->off[i], s, n) == 0) {
            if (added)
                *added = 0;
            return i;
        }
        j = (j + 1) & p->mask;
    }
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 1024;
        p->off = xrealloc(p->off, p->cap * sizeof *p->off);
        p->len = xrealloc(p->len, p->cap * sizeof *p->len);
        p->fam = xrealloc(p->fam, p->cap * sizeof *p->fam);
    }
    uint32_t id = p->n++;
    p->off[id] = (uint32_t)p->text.len;
    p->len[id] = (uint32_t)n;
    p->fam[id] = (uint8_t)fam;
    buf_add(&p->text, s, n);
    p->slot[j] = id + 1;
    if ((uint64_t)p->n * 2 > p->mask + 1u)
        pool_rehash(p, (p->mask + 1) * 2);
    if (added)
        *added = 1;
    return id;
}

static PRINTF_LIKE(3, 4) int fmt(char *dst, size_t cap, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(dst, cap, f, ap);
    va_end(ap);
    return (n < 0 || (size_t)n >= cap) ? -1 : n;
}

static void capitalize(char *dst, size_t cap, const char *word)
{
    size_t n = strlen(word);
    if (n + 1 > cap)
        n = cap - 1;
    memcpy(dst, word, n);
    dst[n] = '\0';
    if (dst[0] >= 'a' && dst[0] <= 'z')
        dst[0] = (char)(dst[0] - 'a' + 'A');
}

static void lowercase(char *dst, size_t cap, const char *word)
{
    size_t n = strlen(word);
    if (n + 1 > cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++)
        dst[i] = (word[i] >= 'A' && word[i] <= 'Z') ? (char)(word[i] - 'A' + 'a') : word[i];
    dst[n] = '\0';
}

/* The random choices of one name.  They are all drawn before any formatting,
 * in a fixed order: C leaves the evaluation order of function arguments
 * unspecified, so drawing inside an argument list would make the output
 * depend on the compiler. */
struct draws {
    uint64_t x[4];
};

/* Number in [0, n) from 16 bits of draw i, field f (0..3). */
static uint32_t dn(const struct draws *d, int i, int f, uint32_t n)
{
    return (uint32_t)((d->x[i] >> (16 * f)) & 0xFFFFu) % n;
}

#define SEL(d, i, f, a) ((a)[dn((d), (i), (f), (uint32_t)COUNT(a))])

/* Make one candidate name of family fam into out; return its length or -1. */
static int make_name(struct rng *r, enum family fam, char *out, size_t cap)
{
    struct draws d;
    double u = rng_unit(r);
    int uni = rng_unit(r) < P_UNICODE;
    int annotate = rng_unit(r) < 0.04;
    for (int i = 0; i < 4; i++)
        d.x[i] = rng_next(r);
    const char *noun = uni ? SEL(&d, 0, 0, unicode_words) : SEL(&d, 0, 0, nouns);
    const char *role = SEL(&d, 0, 1, roles);
    const char *verb = SEL(&d, 0, 2, verbs);
    char Verb[64], lnoun[64];
    capitalize(Verb, sizeof Verb, verb);
    lowercase(lnoun, sizeof lnoun, noun);
    int n = -1;

    switch (fam) {
    case FAM_JAVA: {
        const char *pkg = SEL(&d, 1, 0, java_pkgs);
        if (u < 0.22)
            n = fmt(out, cap, "%s.%s", SEL(&d, 1, 1, jdk_classes), SEL(&d, 1, 2, jdk_methods));
        else if (u < 0.29)
            n = fmt(out, cap, "%s/%s%s$$Lambda$%u.0x00000008%08x.%s", pkg, noun, role, 60 + dn(&d, 1, 1, 3000),
                    (unsigned)(d.x[2] & 0xFFFFFFu) << 4, dn(&d, 1, 2, 2) ? "apply" : "accept");
        else if (u < 0.36)
            n = fmt(out, cap, "%s/%s%s.lambda$%s%s$%u", pkg, noun, role, verb, noun, dn(&d, 1, 1, 9));
        else if (u < 0.42)
            n = fmt(out, cap, "%s/%s%s$%s.%s", pkg, noun, role, dn(&d, 1, 1, 2) ? "Entry" : "1", verb);
        else
            n = fmt(out, cap, "%s/%s%s.%s%s", pkg, noun, role, verb, SEL(&d, 1, 1, java_suffixes));
        if (n > 0 && annotate)
            n = fmt(out + n, cap - (size_t)n, "%s", dn(&d, 3, 0, 2) ? "_[j]" : "_[i]") < 0 ? -1 : n + 4;
        break;
    }
    case FAM_CPP: {
        const char *ns = SEL(&d, 1, 0, cpp_ns);
        /* mostly the short types (the first CPP_SHORT_TYPES), sometimes the long ones */
        const char *t = dn(&d, 3, 0, 4) ? cpp_types[dn(&d, 1, 1, CPP_SHORT_TYPES)] : SEL(&d, 1, 1, cpp_types);
        const char *t2 = dn(&d, 3, 1, 4) ? cpp_types[dn(&d, 1, 2, CPP_SHORT_TYPES)] : SEL(&d, 1, 2, cpp_types);
        if (u < 0.25)
            n = fmt(out, cap, "%s::%s%s::%s%s(%s%s%s)%s", ns, noun, role, verb, dn(&d, 2, 0, 2) ? noun : "", t,
                    dn(&d, 2, 1, 2) ? ", " : "", dn(&d, 2, 1, 2) ? t2 : "", dn(&d, 2, 2, 3) ? "" : " const");
        else if (u < 0.37)
            n = fmt(out, cap, "%s::%s%s<%s%s::%s(%s)", ns, noun, role, t, t[strlen(t) - 1] == '>' ? " >" : ">",
                    verb, t2);
        else if (u < 0.45)
            n = fmt(out, cap, "std::vector<%s, std::allocator<%s> >::%s", t, t, SEL(&d, 2, 0, cpp_vector_ops));
        else if (u < 0.53)
            n = fmt(out, cap, "%s::%s%s::%s()::{lambda(%s)#%u}::operator()(%s) const", ns, noun, role, verb, t,
                    1 + dn(&d, 2, 0, 3), t);
        else if (u < 0.58)
            n = fmt(out, cap, "%s::%s%s::~%s%s()", ns, noun, role, noun, role);
        else if (u < 0.63)
            n = fmt(out, cap,
                    "std::_Function_handler<void (), %s::%s%s::%s()::{lambda()#1}>::_M_invoke(std::_Any_data const&)",
                    ns, noun, role, verb);
        else if (u < 0.73)
            n = fmt(out, cap, "%s::%s%s::%s", ns, noun, role, verb);
        else
            n = fmt(out, cap, "%s::%s%s::%s%s(%s)", ns, noun, role, verb, noun, t);
        break;
    }
    case FAM_GO: {
        const char *pkg = SEL(&d, 1, 0, go_pkgs);
        if (u < 0.35)
            n = fmt(out, cap, "%s.(*%s%s).%s", pkg, noun, role, Verb);
        else if (u < 0.45)
            n = fmt(out, cap, "%s.(*%s%s).%s.func%u", pkg, noun, role, Verb, 1 + dn(&d, 1, 1, 4));
        else if (u < 0.52)
            n = fmt(out, cap, "%s.%s%s.func%u.%u", pkg, verb, noun, 1 + dn(&d, 1, 1, 3), 1 + dn(&d, 1, 2, 2));
        else if (u < 0.57)
            n = fmt(out, cap, "%s.(*%s%s[...]).%s", pkg, noun, role, Verb);
        else if (u < 0.62)
            n = fmt(out, cap, "%s.%s%s[...]", pkg, Verb, noun);
        else
            n = fmt(out, cap, "%s.%s%s", pkg, dn(&d, 1, 1, 3) ? Verb : verb, noun);
        break;
    }
    case FAM_C:
        if (u < 0.5)
            n = fmt(out, cap, "%s_%s_%s%s", SEL(&d, 1, 0, c_libs), verb, lnoun,
                    dn(&d, 1, 1, 4) ? "" : (dn(&d, 1, 2, 2) ? "_internal" : "_slow"));
        else if (u < 0.8)
            n = fmt(out, cap, "%s%s%s", dn(&d, 1, 0, 2) ? "_" : "", verb, noun);
        else
            n = fmt(out, cap, "%s_%s%u", verb, lnoun, dn(&d, 1, 0, 4));
        break;
    case FAM_KERNEL:
        n = fmt(out, cap, "%s%s_%s%s%s%s", SEL(&d, 1, 0, kernel_prefix), SEL(&d, 1, 1, kernel_subsys), verb,
                dn(&d, 1, 2, 3) ? "" : "_pages", SEL(&d, 1, 3, kernel_suffix), dn(&d, 2, 0, 10) < 3 ? "_[k]" : "");
        break;
    case FAM_PY: {
        char func[128];
        if (u < 0.6)
            fmt(func, sizeof func, "%s_%s", verb, lnoun);
        else
            fmt(func, sizeof func, "%s", SEL(&d, 1, 0, py_funcs));
        n = fmt(out, cap, "%s (%s:%u)", func, SEL(&d, 1, 1, py_files), 1 + dn(&d, 1, 2, 1800));
        break;
    }
    case FAM_RUST: {
        const char *c = SEL(&d, 1, 0, rust_crates);
        if (u < 0.25)
            n = fmt(out, cap, "<%s::%s%s<T> as core::future::future::Future>::poll", c, noun, role);
        else if (u < 0.4)
            n = fmt(out, cap, "%s::%s_%s::{{closure}}", c, verb, lnoun);
        else if (u < 0.48)
            n = fmt(out, cap, "core::ptr::drop_in_place<%s::%s%s>", c, noun, role);
        else
            n = fmt(out, cap, "%s::%s%s::%s_%s", c, noun, role, verb, lnoun);
        break;
    }
    case FAM_JS:
        n = fmt(out, cap, "%s%s%s %s:%u:%u", SEL(&d, 1, 0, js_kinds), u < 0.15 ? "(anonymous)" : verb,
                u < 0.15 ? "" : noun, SEL(&d, 1, 1, js_files), 1 + dn(&d, 1, 2, 900), 1 + dn(&d, 1, 3, 80));
        break;
    case NFAM:
        break;
    }
    return n;
}

struct famlist {
    uint32_t *ids; /* popularity order */
    double *cdf;   /* Zipf(1) over ids */
    uint32_t n;
};

static void add_fixed(struct pool *p, struct famlist *fl, enum family fam, const char *const *names, size_t count,
                      uint32_t quota)
{
    for (size_t i = 0; i < count && fl->n < quota; i++) {
        int added;
        uint32_t id = pool_intern(p, names[i], strlen(names[i]), fam, &added);
        if (added)
            fl->ids[fl->n++] = id;
    }
}

/* Fill the pool with about `total` names and build the per-family lists. */
static void build_pool(struct pool *p, struct famlist fl[NFAM], uint32_t total, struct rng *r)
{
    char tmp[1024];
    for (int f = 0; f < NFAM; f++) {
        uint32_t quota = (uint32_t)((uint64_t)total * family_share[f] / 100);
        if (quota < 40)
            quota = 40;
        fl[f].ids = xcalloc(quota, sizeof *fl[f].ids);
        fl[f].n = 0;
        switch ((enum family)f) {
        case FAM_JAVA: break;
        case FAM_CPP:
            add_fixed(p, &fl[f], FAM_CPP, hotspot, COUNT(hotspot), quota);
            add_fixed(p, &fl[f], FAM_CPP, cpp_fixed, COUNT(cpp_fixed), quota);
            break;
        case FAM_GO: add_fixed(p, &fl[f], FAM_GO, go_fixed, COUNT(go_fixed), quota); break;
        case FAM_C: add_fixed(p, &fl[f], FAM_C, c_fixed, COUNT(c_fixed), quota); break;
        case FAM_KERNEL: add_fixed(p, &fl[f], FAM_KERNEL, kernel_fixed, COUNT(kernel_fixed), quota); break;
        case FAM_JS: add_fixed(p, &fl[f], FAM_JS, js_fixed, COUNT(js_fixed), quota); break;
        case FAM_PY:
        case FAM_RUST:
        case NFAM: break;
        }
        uint64_t tries = 0;
        while (fl[f].n < quota) {
            if (++tries > (uint64_t)quota * 1000)
                die("vocabulary too small for --names; use a smaller pool");
            int n = make_name(r, (enum family)f, tmp, sizeof tmp);
            if (n <= 0 || memchr(tmp, ';', (size_t)n) || memchr(tmp, '\n', (size_t)n))
                continue;
            int added;
            uint32_t id = pool_intern(p, tmp, (size_t)n, (enum family)f, &added);
            if (added)
                fl[f].ids[fl[f].n++] = id;
        }
        /* popularity rank independent of how the name was made */
        for (uint32_t i = fl[f].n - 1; i > 0; i--) {
            uint32_t j = rng_below(r, i + 1);
            uint32_t t = fl[f].ids[i];
            fl[f].ids[i] = fl[f].ids[j];
            fl[f].ids[j] = t;
        }
        fl[f].cdf = xcalloc(fl[f].n, sizeof *fl[f].cdf);
        for (uint32_t i = 0; i < fl[f].n; i++)
            fl[f].cdf[i] = 1.0 / (double)(i + 1);
        cdf_finish(fl[f].cdf, fl[f].n);
    }
}

/* ------------------------------------------------------------------ */
/* the stack model                                                      */

struct chain {
    enum family fam;
    uint32_t ids[MAX_CHAIN + 1]; /* process name, then the entry chain */
    uint32_t n;
};

struct model {
    struct pool pool;
    struct famlist fam[NFAM];
    struct chain chains[NPROC][MAX_KINDS];
    uint32_t nkinds[NPROC];
    struct chain kentry[NKENTRY]; /* kernel entry frames */
    double proc_cdf[NPROC];
    double kind_cdf[MAX_KINDS + 1][MAX_KINDS];  /* [n][i]: Zipf(1.5) over n kinds */
    double child_cdf[MAX_FANOUT + 1][MAX_FANOUT]; /* [n][k]: Zipf(1.25) over n children */
    double depth_cdf[MAX_DEPTH + 1];              /* P(depth <= d) */
};

/* Depth distribution: 5 + a mix of negative binomials NB(r=4, mean 16) (80%)
 * and NB(r=3, mean 40) (20%), cut at 120 (computed by recurrence; no libm). */
static void depth_table(double *cdf)
{
    const double w[2] = {0.8, 0.2}, rr[2] = {4.0, 3.0}, mean[2] = {16.0, 40.0};
    double pmf[MAX_DEPTH + 1] = {0};
    for (int c = 0; c < 2; c++) {
        double q = mean[c] / (rr[c] + mean[c]);
        double p = 1.0;
        for (int i = 0; i < (int)rr[c]; i++)
            p *= 1.0 - q; /* (1-q)^r for integer r */
        for (int k = 0; MIN_DEPTH + k <= MAX_DEPTH; k++) {
            pmf[MIN_DEPTH + k] += w[c] * p;
            p = p * (k + rr[c]) / (k + 1) * q;
        }
    }
    for (int d = 0; d < MIN_DEPTH; d++)
        pmf[d] = 0.0;
    cdf_finish(pmf, MAX_DEPTH + 1);
    memcpy(cdf, pmf, sizeof pmf);
}

static void model_init(struct model *m, uint32_t names, struct rng *r)
{
    memset(m, 0, sizeof *m);
    build_pool(&m->pool, m->fam, names, r);
    for (size_t p = 0; p < NPROC; p++) {
        uint32_t root = pool_intern(&m->pool, processes[p].name, strlen(processes[p].name), FAM_C, NULL);
        uint32_t k = 0;
        for (; k < MAX_KINDS && processes[p].kinds[k].chain[0]; k++) {
            struct chain *c = &m->chains[p][k];
            c->fam = processes[p].kinds[k].fam;
            c->ids[c->n++] = root;
            for (int i = 0; i < MAX_CHAIN && processes[p].kinds[k].chain[i]; i++) {
                const char *s = processes[p].kinds[k].chain[i];
                c->ids[c->n++] = pool_intern(&m->pool, s, strlen(s), c->fam, NULL);
            }
        }
        m->nkinds[p] = k;
        m->proc_cdf[p] = 1.0 / (double)(p + 1);
    }
    for (size_t e = 0; e < NKENTRY; e++) {
        m->kentry[e].fam = FAM_KERNEL;
        for (int i = 0; i < 4 && kernel_entries[e][i]; i++) {
            const char *s = kernel_entries[e][i];
            m->kentry[e].ids[m->kentry[e].n++] = pool_intern(&m->pool, s, strlen(s), FAM_KERNEL, NULL);
        }
    }
    cdf_finish(m->proc_cdf, NPROC);
    for (int n = 1; n <= MAX_KINDS; n++) {
        for (int i = 0; i < n; i++)
            m->kind_cdf[n][i] = 1.0 / ((i + 1) * det_sqrt(i + 1));
        cdf_finish(m->kind_cdf[n], (size_t)n);
    }
    for (int n = 1; n <= MAX_FANOUT; n++) {
        for (int k = 0; k < n; k++)
            m->child_cdf[n][k] = 1.0 / ((k + 1) * det_sqrt(det_sqrt(k + 1)));
        cdf_finish(m->child_cdf[n], (size_t)n);
    }
    depth_table(m->depth_cdf);
}

/* Fan-out of the tree node with id h: P(fanout >= k) = 2/(3k - 1), at most
 * MAX_FANOUT: 60% of the nodes have one callee, a few fan out widely. */
static uint32_t fanout(uint64_t h)
{
    double u = 1.0 - unit_of(mix64(h ^ 0xFA40F00Du)); /* (0, 1] */
    double f = 1.0 + (1.0 / u - 1.0) / 1.5;
    return f >= MAX_FANOUT ? MAX_FANOUT : (uint32_t)f;
}

static int is_recursive(uint32_t fn)
{
    return unit_of(mix64((uint64_t)fn ^ 0x5EC0DE5u)) < P_RECURSIVE;
}

static int on_stack(const uint32_t *fns, uint32_t n, uint32_t fn)
{
    for (uint32_t i = 0; i < n; i++)
        if (fns[i] == fn)
            return 1;
    return 0;
}

/* Function of child k (tree id h) of the frame fns[n-1], taken from family
 * `to` (the caller's own family, or the layer under it).  A function already
 * on the stack is not called again unless it is one of the recursive ones,
 * so a;b;a;b... patterns come from recursion only. */
static uint32_t callee(const struct model *m, const uint32_t *fns, uint32_t n, enum family to, uint32_t k, uint64_t h)
{
    const struct famlist *fl = &m->fam[to];
    uint32_t fn = fns[n - 1];
    if (to == m->pool.fam[fn] && is_recursive(fn) && unit_of(mix64(h ^ 0x2EC0u)) < P_SELF_CALL)
        return fn;
    /* a static call site depends on (caller, site) only, a dynamic one on the path */
    uint64_t g = unit_of(mix64(h ^ 0x57A71Cu)) < P_STATIC
                     ? mix64(((uint64_t)fn << 8) ^ (k + 1) ^ ((uint64_t)to << 40) ^ (0xCA11ull << 48))
                     : mix64(h ^ 0xF00Du);
    uint32_t c = 0;
    for (uint64_t i = 0; i < 8; i++) {
        c = fl->ids[cdf_pick(fl->cdf, fl->n, unit_of(mix64(g + i)))];
        if (is_recursive(c) || !on_stack(fns, n, c))
            break;
    }
    return c;
}

/* Key of the path whose parent path has key `parent`, extended by fn. */
static uint64_t path_key(uint64_t parent, uint32_t fn)
{
    return mix64(parent ^ mix64((uint64_t)fn + 0x51A7E5u));
}

/* Draw one stack of `depth` frames into fns[], the keys of its prefixes into
 * keys[]; return the depth.  Random draws happen in a fixed order, one per
 * statement (C does not order the operands of an expression). */
static uint32_t draw_stack(const struct model *m, struct rng *r, uint32_t depth, uint32_t *fns, uint64_t *keys)
{
    size_t p = cdf_pick(m->proc_cdf, NPROC, rng_unit(r));
    uint32_t nk = m->nkinds[p];
    uint32_t k = (uint32_t)cdf_pick(m->kind_cdf[nk], nk, rng_unit(r));
    const struct chain *c = &m->chains[p][k];

    /* layers from the leaf up: tk kernel frames, above them tn native frames */
    uint32_t tk = 0, tn = 0, entry = 0;
    enum family native = NFAM;
    if (c->fam != FAM_KERNEL && rng_unit(r) < P_KERNEL_TAIL) {
        tk = 2 + rng_below(r, 6);
        tk += rng_below(r, 8);
        uint32_t e = rng_below(r, 1000);
        while (kernel_entry_permille[entry] <= e)
            entry++;
    }
    if (native_layer[c->fam].a != NFAM && rng_unit(r) < P_NATIVE_TAIL) {
        tn = 1 + rng_below(r, 4);
        tn += rng_below(r, 4);
        native = rng_below(r, 1000) < native_layer[c->fam].a_permille ? native_layer[c->fam].a : native_layer[c->fam].b;
    }
    uint32_t kernel_at = depth > tk ? depth - tk : 0;
    uint32_t native_at = kernel_at > tn ? kernel_at - tn : 0;

    uint32_t n = c->n < depth ? c->n : depth;
    uint64_t key = 0;
    for (uint32_t i = 0; i < n; i++) {
        fns[i] = c->ids[i];
        key = keys[i] = path_key(key, fns[i]);
    }
    enum family fam = c->fam;
    uint64_t h = mix64(((uint64_t)p << 32) ^ ((uint64_t)k << 16) ^ 0x7EEEu);
    while (n < depth) {
        if (tk && n >= kernel_at && fam != FAM_KERNEL) {
            const struct chain *ke = &m->kentry[entry];
            for (uint32_t i = 0; i < ke->n && n < depth; i++, n++) {
                fns[n] = ke->ids[i];
                h = mix64(h ^ ((uint64_t)(fns[n] + 1) * 0xC2B2AE3D27D4EB4Fu));
                key = keys[n] = path_key(key, fns[n]);
            }
            fam = FAM_KERNEL;
            continue;
        }
        if (tn && n >= native_at && fam == c->fam)
            fam = native;
        uint32_t nf = fanout(h);
        uint32_t child = (uint32_t)cdf_pick(m->child_cdf[nf], nf, rng_unit(r));
        h = mix64(h ^ ((uint64_t)(child + 1) * 0x9E3779B97F4A7C15u));
        fns[n] = callee(m, fns, n, fam, child, h);
        key = keys[n] = path_key(key, fns[n]);
        n++;
    }
    return n;
}

/* Sample count: floor(1/u^2), u uniform in (0, 1], capped. */
static uint32_t draw_count(struct rng *r)
{
    double u = 1.0 - rng_unit(r);
    double c = 1.0 / (u * u);
    return c >= MAX_COUNT ? MAX_COUNT : (uint32_t)c;
}

/* ------------------------------------------------------------------ */
/* output                                                               */

struct line {
    const char *p;
    uint32_t len; /* including the '\n' */
};

/* Bytewise comparison of whole lines, as `LC_ALL=C sort` orders them. */
static int line_cmp(const void *a, const void *b)
{
    const struct line *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->p, y->p, n);
    if (c)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

static char *put_u32(char *dst, uint32_t v)
{
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *dst++ = tmp[--n];
    return dst;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static NORETURN void usage(int status)
{
    fprintf(status ? stderr : stdout,
            "usage: gen_folded --size BYTES [--seed N] [--order sorted|shuffled] [--names N] [-o FILE]\n"
            "  --size BYTES   stop at the first line that makes the output >= BYTES\n"
            "                 (suffix k, M or G multiplies by 10^3, 10^6, 10^9)\n"
            "  --seed N       random seed (default 1)\n"
            "  --order ORDER  sorted (bytewise, like stackcollapse output; default) or shuffled\n"
            "  --names N      size of the function-name pool (default 4000)\n"
            "  -o FILE        output file (default stdout)\n"
            "Same arguments, same bytes.  Statistics go to stderr.\n");
    exit(status);
}

static int parse_u64(const char *s, uint64_t *out, int allow_suffix)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    uint64_t mul = 1;
    if (allow_suffix && *end) {
        if (*end == 'k' || *end == 'K')
            mul = 1000u;
        else if (*end == 'M')
            mul = 1000000u;
        else if (*end == 'G')
            mul = 1000000000u;
        else
            return -1;
        end++;
        if (*end == 'B')
            end++;
    }
    if (*end || (v && mul > UINT64_MAX / v))
        return -1;
    *out = (uint64_t)v * mul;
    return 0;
}

/* Value of option `name` at argv[*i] ("--name V" or "--name=V"), or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "gen_folded: %s needs a value\n", name);
        usage(2);
    }
    return argv[++*i];
}

int main(int argc, char **argv)
{
    uint64_t size = 10000000u, seed = 1, names = 4000;
    int shuffled = 0;
    const char *out_path = NULL;

    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            usage(0);
        else if ((v = opt_value(argc, argv, &i, "--size"))) {
            if (parse_u64(v, &size, 1) || size == 0) {
                fprintf(stderr, "gen_folded: bad --size '%s'\n", v);
                usage(2);
            }
        } else if ((v = opt_value(argc, argv, &i, "--seed"))) {
            if (parse_u64(v, &seed, 0)) {
                fprintf(stderr, "gen_folded: bad --seed '%s'\n", v);
                usage(2);
            }
        } else if ((v = opt_value(argc, argv, &i, "--names"))) {
            if (parse_u64(v, &names, 0) || names < 400 || names > 1000000) {
                fprintf(stderr, "gen_folded: --names must be 400..1000000\n");
                usage(2);
            }
        } else if ((v = opt_value(argc, argv, &i, "--order"))) {
            if (!strcmp(v, "sorted"))
                shuffled = 0;
            else if (!strcmp(v, "shuffled"))
                shuffled = 1;
            else {
                fprintf(stderr, "gen_folded: --order must be sorted or shuffled\n");
                usage(2);
            }
        } else if ((v = opt_value(argc, argv, &i, "-o")) || (v = opt_value(argc, argv, &i, "--output")))
            out_path = v;
        else {
            fprintf(stderr, "gen_folded: unknown argument '%s'\n", argv[i]);
            usage(2);
        }
    }

    clock_t t0 = clock();
    struct rng rng, shuffle_rng;
    rng_seed(&rng, seed);
    rng_seed(&shuffle_rng, seed ^ 0x5DEECE66Du);

    struct model *m = xcalloc(1, sizeof *m);
    model_init(m, (uint32_t)names, &rng);

    struct buf text = {0};
    buf_reserve(&text, (size_t)size + 64 * 1024);
    size_t nlines = 0, cap_lines = 1024;
    uint32_t *line_off = xcalloc(cap_lines, sizeof *line_off);
    uint64_t *line_off64 = NULL; /* used instead when the text exceeds 4 GB */
    uint32_t *depths = xcalloc(cap_lines, sizeof *depths);
    struct keyset stacks, nodes;
    keyset_init(&stacks, 1u << 16);
    keyset_init(&nodes, 1u << 18);
    uint8_t *used = xcalloc(m->pool.n, 1);
    uint64_t frames = 0, samples = 0;
    uint32_t fns[MAX_DEPTH];
    uint64_t keys[MAX_DEPTH];

    while (text.len < size) {
        uint32_t depth = (uint32_t)cdf_pick(m->depth_cdf, MAX_DEPTH + 1, rng_unit(&rng));
        uint32_t n = 0;
        for (uint32_t tries = 1;; tries++) {
            n = draw_stack(m, &rng, depth, fns, keys);
            if (!keyset_has(&stacks, keys[n - 1]))
                break;
            if (tries % 8 == 0 && depth < MAX_DEPTH)
                depth++;
            if (tries > 100000)
                die("cannot find a new unique stack; try a larger --names");
        }
        keyset_add(&stacks, keys[n - 1]);
        for (uint32_t i = 0; i < n; i++) {
            keyset_add(&nodes, keys[i]);
            used[fns[i]] = 1;
        }
        uint32_t count = draw_count(&rng);

        if (nlines == cap_lines) {
            cap_lines *= 2;
            line_off = xrealloc(line_off, cap_lines * sizeof *line_off);
            depths = xrealloc(depths, cap_lines * sizeof *depths);
            if (line_off64)
                line_off64 = xrealloc(line_off64, cap_lines * sizeof *line_off64);
        }
        if (!line_off64 && text.len > UINT32_MAX - 1u) {
            line_off64 = xcalloc(cap_lines, sizeof *line_off64);
            for (size_t i = 0; i < nlines; i++)
                line_off64[i] = line_off[i];
        }
        if (line_off64)
            line_off64[nlines] = text.len;
        else
            line_off[nlines] = (uint32_t)text.len;
        depths[nlines] = n;
        nlines++;
        for (uint32_t i = 0; i < n; i++) {
            const struct pool *p = &m->pool;
            buf_reserve(&text, p->len[fns[i]] + 16);
            if (i)
                text.p[text.len++] = ';';
            memcpy(text.p + text.len, p->text.p + p->off[fns[i]], p->len[fns[i]]);
            text.len += p->len[fns[i]];
        }
        buf_reserve(&text, 16);
        text.p[text.len++] = ' ';
        text.len = (size_t)(put_u32(text.p + text.len, count) - text.p);
        text.p[text.len++] = '\n';
        frames += n;
        samples += count;
    }
    double gen_seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;

    struct line *order = xcalloc(nlines, sizeof *order);
    for (size_t i = 0; i < nlines; i++) {
        size_t off = line_off64 ? (size_t)line_off64[i] : line_off[i];
        size_t next = i + 1 < nlines ? (line_off64 ? (size_t)line_off64[i + 1] : line_off[i + 1]) : text.len;
        order[i].p = text.p + off;
        order[i].len = (uint32_t)(next - off);
    }
    if (shuffled) {
        for (size_t i = nlines - 1; i > 0; i--) {
            size_t j = (size_t)(((rng_next(&shuffle_rng) >> 11) * (uint64_t)(i + 1)) >> 53);
            struct line t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    } else {
        qsort(order, nlines, sizeof *order, line_cmp);
    }

    FILE *out = stdout;
    if (out_path && strcmp(out_path, "-") != 0) {
        out = fopen(out_path, "wb");
        if (!out) {
            fprintf(stderr, "gen_folded: %s: %s\n", out_path, strerror(errno));
            return 1;
        }
    }
    char *obuf = xcalloc(1, 1u << 20);
    setvbuf(out, obuf, _IOFBF, 1u << 20);
    for (size_t i = 0; i < nlines; i++)
        fwrite(order[i].p, 1, order[i].len, out);
    /* closing stdout too: its buffer is freed below, and a full disk shows here */
    if (ferror(out) | fclose(out)) {
        fprintf(stderr, "gen_folded: write error on %s: %s\n", out_path ? out_path : "stdout", strerror(errno));
        return 1;
    }

    size_t distinct = 0;
    for (uint32_t i = 0; i < m->pool.n; i++)
        distinct += used[i];
    qsort(depths, nlines, sizeof *depths, cmp_u32);
#define PCT(q) depths[(size_t)((double)(nlines - 1) * (q))]
    fprintf(stderr,
            "gen_folded: lines=%zu bytes=%zu (%.1f MB) frames=%llu names=%zu pool=%u tree_nodes=%zu "
            "samples=%llu depth p50=%u p90=%u p99=%u max=%u mean=%.1f mean_line=%.0fB order=%s seed=%llu "
            "cpu=%.2fs (generate %.2fs)\n",
            nlines, text.len, (double)text.len / 1e6, (unsigned long long)frames, distinct, m->pool.n, nodes.count,
            (unsigned long long)samples, PCT(0.5), PCT(0.9), PCT(0.99), depths[nlines - 1],
            (double)frames / (double)nlines, (double)text.len / (double)nlines, shuffled ? "shuffled" : "sorted",
            (unsigned long long)seed, (double)(clock() - t0) / CLOCKS_PER_SEC, gen_seconds);
#undef PCT

    /* tidy up (the process ends anyway; keeps leak checkers quiet) */
    free(obuf);
    free(order);
    free(depths);
    free(line_off);
    free(line_off64);
    free(used);
    free(stacks.slot);
    free(nodes.slot);
    free(text.p);
    for (int f = 0; f < NFAM; f++) {
        free(m->fam[f].ids);
        free(m->fam[f].cdf);
    }
    free(m->pool.text.p);
    free(m->pool.off);
    free(m->pool.len);
    free(m->pool.fam);
    free(m->pool.slot);
    free(m);
    return 0;
}
