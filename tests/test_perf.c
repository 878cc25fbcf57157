/* test_perf.c - the perf script loader's odd cases: record boundaries, events
 * and sample types, header and frame shapes, name tidying, skipped lines,
 * strict mode, hostile bytes, limits and format detection. (Whole-file
 * agreement with stackcollapse-perf.pl is test_perf_conformance.c's job.) */
#include "test_util.h"

#include "flamex/load/load_perf.h"

/* Self value of path for sample type name (fails if either is missing). */
static double self_of(const struct profile *p, const char *path, const char *type)
{
    uint32_t node = test_find_path(p, path);
    if (node == TREE_NONE)
        fail_msg("no stack '%s'", path);
    int t = profile_find_type(p, type);
    if (t < 0)
        fail_msg("no sample type '%s'", type);
    return tree_self(p->tree, node, (size_t)t);
}

/* Load n bytes of text (written to a temporary file) with the given options. */
static struct profile *load_bytes(const char *text, size_t n, const struct load_options *opts,
                                  struct load_report *r, struct error_record *err)
{
    char *path = test_write_temp(text, n);
    struct profile *p = load_profile(path, opts, r, err);
    unlink(path);
    free(path);
    return p;
}

/* Load text as perf script (forced format) with perf options; fails the test
 * when loading fails. */
static struct profile *load_perf_text(const char *text, struct load_perf_options perf,
                                      struct load_report *r)
{
    struct load_options opts = { .format = LOAD_FORMAT_PERF, .perf = perf };
    struct error_record err;
    struct profile *p = load_bytes(text, strlen(text), &opts, r, &err);
    if (!p)
        fail_msg("load failed: %s (line %llu)", err.message, (unsigned long long)err.line);
    return p;
}

static struct profile *load_data(const char *rel, enum load_format format,
                                 struct load_perf_options perf, bool strict,
                                 struct load_report *r, struct error_record *err)
{
    struct load_options opts = { .format = format, .strict = strict, .perf = perf };
    return load_profile(test_data_path(rel), &opts, r, err);
}

static const struct load_perf_options no_options = { 0 };

static void test_last_record_without_blank_line(void **state)
{
    (void)state;
    struct load_report r;
    const char *text = "prog 7 1.000: 7 cycles:\n"
                       "\t4005d0 leaf (/bin/prog)\n"
                       "\t4004e0 main (/bin/prog)\n"
                       "\n"
                       "prog 7 2.000: 5 cycles:\n"
                       "\t4005f0 other (/bin/prog)\n"
                       "\t4004e0 main (/bin/prog)"; /* no blank line, no newline */
    struct profile *p = load_perf_text(text, no_options, &r);
    char *out = test_export(p);
    assert_string_equal(out, "prog;main;leaf 7\nprog;main;other 5\n");
    assert_int_equal(r.ignored, 0);
    assert_int_equal(p->stacks, 2);
    free(out);
    profile_free(p);

    /* the same with a final newline but no blank line */
    char *with_nl = malloc(strlen(text) + 2);
    sprintf(with_nl, "%s\n", text);
    p = load_perf_text(with_nl, no_options, &r);
    assert_true(self_of(p, "prog;main;other", "cycles") == 5);
    free(with_nl);
    profile_free(p);
}

static void test_events_become_sample_types(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_perf_text("a 1 1.0: 10 cycles:u:\n\t1 f (x)\n\n"
                                       "a 1 2.0: 3 instructions:u:\n\t1 g (x)\n\n"
                                       "a 1 3.0: 20 cycles:u:\n\t1 f (x)\n\n"
                                       "a 1 4.0: 4 instructions:u:\n\t1 f (x)\n\n"
                                       "a 1 5.0: 250000 cpu-clock:ppp:\n\t1 h (x)\n\n",
                                       no_options, &r);
    assert_int_equal(p->ntypes, 6);
    const char *names[] = { "cycles",    "cycles samples",    "instructions",
                            "instructions samples", "cpu-clock", "cpu-clock samples" };
    const char *units[] = { "count", "count", "count", "count", "nanoseconds", "count" };
    for (size_t t = 0; t < 6; t++) {
        assert_string_equal(p->types[t].name, names[t]);
        assert_string_equal(p->types[t].unit, units[t]);
    }
    /* the first event's weighted type is the default (the Perl script keeps only it) */
    assert_int_equal(p->default_type, 0);
    /* a stack's own event gets (period, 1), every other type 0 */
    assert_true(self_of(p, "a;f", "cycles") == 30);
    assert_true(self_of(p, "a;f", "cycles samples") == 2);
    assert_true(self_of(p, "a;f", "instructions") == 4);
    assert_true(self_of(p, "a;f", "instructions samples") == 1);
    assert_true(self_of(p, "a;f", "cpu-clock") == 0);
    assert_true(self_of(p, "a;g", "cycles") == 0);
    assert_true(self_of(p, "a;g", "instructions") == 3);
    assert_true(self_of(p, "a;h", "cpu-clock") == 250000);
    assert_true(self_of(p, "a;h", "cpu-clock samples") == 1);
    assert_true(self_of(p, "a;h", "instructions samples") == 0);
    assert_true(tree_total(p->tree, TREE_ROOT, 1) == 2);
    profile_free(p);
}

static void test_event_names(void **state)
{
    (void)state;
    struct load_report r;
    /* modifiers are dropped: perf adds them by itself (":ppp" here, none when
     * several events are recorded), the bare name is the event the user chose */
    struct profile *p = load_perf_text("a 1 1.0: 1 cycles:uppp:\n\t1 f (x)\n\n"
                                       "a 1 2.0: 2 cycles:\n\t1 f (x)\n\n"
                                       "a 1 3.0: 3 cycles:k:\n\t1 f (x)\n\n"
                                       "a 1 4.0: 1 sched:sched_switch: prev_comm=a prev_pid=1 "
                                       "prev_prio=120 prev_state=S ==> next_comm=b next_pid=2\n"
                                       "\t1 __schedule (x)\n\n"
                                       "a 1 5.0: 1 task-clock:\n\t1 f (x)\n\n"
                                       "a 1 6.0: 1 page-faults:u:\n\t1 f (x)\n\n",
                                       no_options, &r);
    assert_int_equal(r.ignored, 0);
    assert_int_equal(p->ntypes, 8);
    assert_string_equal(p->types[0].name, "cycles");
    assert_true(self_of(p, "a;f", "cycles") == 6);
    assert_true(self_of(p, "a;f", "cycles samples") == 3);
    /* a tracepoint keeps its group; its arguments are not a frame */
    assert_true(self_of(p, "a;__schedule", "sched:sched_switch") == 1);
    assert_string_equal(p->types[4].name, "task-clock");
    assert_string_equal(p->types[4].unit, "nanoseconds");
    assert_string_equal(p->types[6].name, "page-faults");
    assert_string_equal(p->types[6].unit, "count");
    profile_free(p);
}

static void test_periods(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_perf_text("a 1 1.0: cycles:\n\t1 none (x)\n\n"       /* no period: 1 */
                                       "a 1 2.0: 0 cycles:\n\t1 zero (x)\n\n"     /* Perl: 0 -> 1 */
                                       "a 1 cycles:\n\t1 notime (x)\n\n"         /* no timestamp */
                                       "a 1 17 cycles:\n\t1 notime (x)\n\n"      /* period, no time */
                                       "a 1 3.0: 99999999999999999999 cycles:\n\t1 huge (x)\n\n",
                                       no_options, &r);
    assert_true(self_of(p, "a;none", "cycles") == 1);
    assert_true(self_of(p, "a;zero", "cycles") == 1);
    assert_true(self_of(p, "a;notime", "cycles") == 18);
    assert_true(self_of(p, "a;notime", "cycles samples") == 2);
    assert_true(self_of(p, "a;huge", "cycles") == 1e20);
    assert_true(self_of(p, "a;huge", "cycles samples") == 1);
    profile_free(p);
}

static void test_comm_forms(void **state)
{
    (void)state;
    const char *text = "V8 WorkerThread 24636/25607 [000] 94564.109216: 100 cycles:\n"
                       "\t1 f (x)\n\n"
                       "java 25607 4794564.109216: 1 cycles:\n\t1 f (x)\n\n"
                       "swapper     0 [001]  1333.768770: 1 cycles:\n\t1 f (x)\n\n"
                       "DOM Worker 3 1234 [000] 1.0: 1 cycles:\n\t1 f (x)\n\n"
                       "a 5 1.0: 1 cycles:\n\t1 f (x)\n\n";
    struct load_report r;
    struct profile *p = load_perf_text(text, no_options, &r);
    assert_true(self_of(p, "V8_WorkerThread;f", "cycles") == 100);
    assert_true(self_of(p, "java;f", "cycles") == 1);
    assert_true(self_of(p, "swapper;f", "cycles") == 1);
    assert_true(self_of(p, "DOM_Worker_3;f", "cycles") == 1);
    assert_true(self_of(p, "a;f", "cycles") == 1);
    profile_free(p);

    struct load_perf_options pid = { .pid = true };
    p = load_perf_text(text, pid, &r);
    assert_true(self_of(p, "V8_WorkerThread-24636;f", "cycles") == 100);
    assert_true(self_of(p, "java-?;f", "cycles") == 1); /* only a TID printed */
    assert_true(self_of(p, "swapper-?;f", "cycles") == 1);
    assert_true(self_of(p, "DOM_Worker_3-?;f", "cycles") == 1);
    profile_free(p);

    struct load_perf_options tid = { .tid = true };
    p = load_perf_text(text, tid, &r);
    assert_true(self_of(p, "V8_WorkerThread-24636/25607;f", "cycles") == 100);
    assert_true(self_of(p, "java-?/25607;f", "cycles") == 1);
    assert_true(self_of(p, "swapper-?/0;f", "cycles") == 1);
    profile_free(p);
}

static void test_single_line_stacks(void **state)
{
    (void)state;
    struct load_report r;
    /* perf script without -g: comm right-aligned, the frame on the header line */
    struct profile *p = load_perf_text(
        "              sh  6236 12984.334976:     250000 cpu-clock:ppp:      7fcfcb8d28c8 "
        "get_common_indices.constprop.0+0xc8 (/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2)\n"
        "              sh  6236 12984.335488:     250000 cpu-clock:ppp:  ffffffff821d2b90 "
        "mas_wr_store_entry+0x150 ([kernel.kallsyms])\n"
        "              sh  6236 12984.339999:     250000 cpu-clock:ppp:      55a16844f944 "
        "[unknown] (/usr/bin/dash)\n"
        "              sh  6236 12984.340000:     250000 cpu-clock:ppp:      55a16844f944 "
        "[unknown] (/usr/bin/dash)\n",
        no_options, &r);
    char *out = test_export(p);
    assert_string_equal(out, "sh;[dash] 500000\n"
                             "sh;get_common_indices.constprop.0 250000\n"
                             "sh;mas_wr_store_entry 250000\n");
    free(out);
    profile_free(p);

    /* a real capture, recognised without --format */
    struct error_record err;
    p = load_data("perf-script/local-no-callchain.txt", LOAD_FORMAT_AUTO, no_options, false, &r,
                  &err);
    assert_non_null(p);
    assert_int_equal(p->format, PROFILE_FORMAT_PERF);
    assert_int_equal(r.ignored, 0);
    assert_int_equal(p->stacks, r.lines);
    assert_int_equal(tree_max_depth(p->tree), 2);
    assert_true(tree_total(p->tree, TREE_ROOT, 1) == (double)r.lines);
    profile_free(p);
}

static void test_name_tidying(void **state)
{
    (void)state;
    const char *text = "java 1 1.0: 1 cycles:\n"
                       "\t1 leaf ([kernel.kallsyms])\n"
                       "\t2 (deleted) (/lib/x.so)\n"                  /* skipped, like Perl */
                       "\t3 std::unique_ptr<X>::operator->() const (/lib/x.so)\n"
                       "\t4 a->b->c+0x10 (/tmp/perf-1.map)\n"         /* inlined chain */
                       "\t5 [unknown] (/usr/lib/jvm/server/libjvm.so)\n"
                       "\t6 [unknown] ([unknown])\n"
                       "\t7 RegExp:[&<>\\\"\\'] (/tmp/perf-1.map)\n"  /* quotes deleted */
                       "\t8 (anonymous namespace)::helper(int) (/lib/x.so)\n"
                       "\t9 regexp/syntax.(*parser).push+0xa6 (/usr/bin/go)\n"
                       "\ta Lorg/Foo;.bar(I)V (/tmp/perf-1.map)\n"
                       "\tb foo;bar+0x1f (/lib/with space/y.so)\n"
                       "\tc  (/lib/libc.so)\n"                         /* two blanks: Perl's " " */
                       "\td start+0XFF (/vmlinux)\n";                  /* upper-case offset kept */
    struct load_report r;
    struct profile *p = load_perf_text(text, no_options, &r);
    assert_int_equal(r.ignored, 0);
    char *out = test_export(p);
    assert_string_equal(out, "java;start+0XFF; ;foo:bar;org/Foo:.bar;regexp/syntax.(*parser).push;"
                             "(anonymous namespace)::helper;RegExp:[&<>\\\\];[unknown];[libjvm.so];"
                             "a;b_[i];c_[i];std::unique_ptr<X>::operator->;leaf 1\n");
    free(out);
    profile_free(p);

    struct load_perf_options all = { .kernel = true, .jit = true, .addrs = true };
    p = load_perf_text(text, all, &r);
    out = test_export(p);
    assert_string_equal(out, "java;start+0XFF_[k]; ;foo:bar;org/Foo:.bar_[j];"
                             "regexp/syntax.(*parser).push;(anonymous namespace)::helper;"
                             "RegExp:[&<>\\\\]_[j];[unknown <6>];[libjvm.so <5>];"
                             "a_[j];b_[i];c_[i];std::unique_ptr<X>::operator->;leaf_[k] 1\n");
    free(out);
    profile_free(p);

    /* the 'L' of a Java class is dropped only when the comm starts with "java" */
    p = load_perf_text("node 1 1.0: 1 cycles:\n\t1 Lorg/Foo;.bar (/tmp/perf-1.map)\n", no_options,
                       &r);
    assert_int_not_equal(test_find_path(p, "node;Lorg/Foo:.bar"), TREE_NONE);
    profile_free(p);
}

static void test_record_boundaries(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_perf_text("# ========\n"
                                       "# captured on: today\n"
                                       "a 1 1.0: 2 cycles:\r\n"
                                       "\t1 f (x)\r\n"
                                       "# a comment inside a record is skipped\n"
                                       "\t1 main (x)\n"
                                       "b 2 2.0: 3 cycles:\n" /* no blank line before */
                                       "\t1 g (x)\n"
                                       "  \t \n"              /* blanks only: ends the record */
                                       "c 3 3.0: 4 cycles:\n" /* no frames: just the comm */
                                       "\n"
                                       "\n"
                                       "d 4 4.0: 5 cycles:\n",
                                       no_options, &r);
    assert_int_equal(r.ignored, 0);
    char *out = test_export(p);
    assert_string_equal(out, "a;main;f 2\nb;g 3\nc 4\nd 5\n");
    free(out);
    profile_free(p);
}

static void test_malformed_lines_counted(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    /* a frame line that does not parse, in the last record */
    struct profile *p = load_data("perf-script/weird-stack-line.txt", LOAD_FORMAT_AUTO, no_options,
                                  false, &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 1);
    assert_int_equal(r.first_ignored_line, 5);
    assert_non_null(strstr(r.first_ignored_reason, "neither an event header nor a frame line"));
    char *out = test_export(p);
    assert_string_equal(out, "inline-counter 250000\ninline-counter;main 250000\n");
    free(out);
    profile_free(p);

    /* a header, a blank line, then an orphan frame (Perl keeps the comm-only stack) */
    p = load_data("perf-script/empty-line.txt", LOAD_FORMAT_AUTO, no_options, false, &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 1);
    assert_int_equal(r.first_ignored_line, 6);
    assert_non_null(strstr(r.first_ignored_reason, "outside a sample"));
    out = test_export(p);
    assert_string_equal(out, "inline-counter 250000\ninline-counter;main 250000\n");
    free(out);
    profile_free(p);

    p = load_data("perf-script/invalid-perf-with-empty-line-after-event-line.txt",
                  LOAD_FORMAT_AUTO, no_options, false, &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 6);
    assert_int_equal(r.first_ignored_line, 3);
    assert_int_equal(r.lines, 8);
    out = test_export(p);
    assert_string_equal(out, "java 10101010\n");
    free(out);
    profile_free(p);
}

static void test_strict_names_the_line(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct profile *p = load_data("perf-script/weird-stack-line.txt", LOAD_FORMAT_PERF, no_options,
                                  true, &r, &err);
    assert_null(p);
    assert_int_equal(err.line, 5);
    assert_non_null(strstr(err.path, "weird-stack-line.txt"));
    assert_non_null(strstr(err.message, "neither an event header nor a frame line"));
    char buf[1200];
    error_format(&err, buf, sizeof buf);
    assert_non_null(strstr(buf, "weird-stack-line.txt:5: "));

    p = load_data("perf-script/empty-line.txt", LOAD_FORMAT_PERF, no_options, true, &r, &err);
    assert_null(p);
    assert_int_equal(err.line, 6);
    assert_non_null(strstr(err.message, "outside a sample"));

    /* a clean file loads in strict mode too */
    p = load_data("perf-script/perf-dd-stacks-01.txt", LOAD_FORMAT_PERF, no_options, true, &r,
                  &err);
    assert_non_null(p);
    profile_free(p);
}

static void test_hostile_bytes(void **state)
{
    (void)state;
    struct load_options opts = { .format = LOAD_FORMAT_PERF };
    struct load_report r;
    struct error_record err;

    /* NUL bytes: the line is skipped and counted */
    static const char nul[] = "a 1 1.0: 1 cycles:\n\t1 f\0oo (x)\n\t1 main (x)\n\n";
    struct profile *p = load_bytes(nul, sizeof nul - 1, &opts, &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 1);
    assert_int_equal(r.first_ignored_line, 2);
    assert_non_null(strstr(r.first_ignored_reason, "NUL"));
    assert_true(self_of(p, "a;main", "cycles") == 1);
    profile_free(p);

    /* invalid UTF-8 stays raw bytes in the name (the display escapes it) */
    p = load_perf_text("a\xff 1 1.0: 1 cycles:\n\t1 f\xc3\x28\xfe (x)\n\n", no_options, &r);
    assert_int_equal(r.ignored, 0);
    assert_true(self_of(p, "a\xff;f\xc3", "cycles") == 1); /* cut at the '(' */
    profile_free(p);

    /* a 1 MB symbol, and a 1 MB line of junk */
    size_t big = 1 << 20;
    char *text = malloc(3 * big);
    size_t n = (size_t)sprintf(text, "a 1 1.0: 3 cycles:\n\t1 ");
    memset(text + n, 'x', big);
    n += big;
    n += (size_t)sprintf(text + n, " (x)\n\t");
    memset(text + n, 'y', big);
    n += big;
    n += (size_t)sprintf(text + n, "\n\n");
    p = load_bytes(text, n, &opts, &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 1);
    assert_int_equal(r.first_ignored_line, 3);
    assert_int_equal(tree_count(p->tree), 3);
    size_t len;
    profile_node_name(p, 2, &len);
    assert_int_equal(len, big);
    profile_free(p);

    /* binary junk between two records */
    n = (size_t)sprintf(text, "a 1 1.0: 3 cycles:\n\t1 before (x)\n\n");
    uint32_t x = 12345;
    for (size_t i = 0; i < 200000; i++) {
        x = x * 1103515245u + 12345u;
        text[n++] = (char)(x >> 16);
    }
    n += (size_t)sprintf(text + n, "\n\na 1 2.0: 4 cycles:\n\t1 after (x)\n\n");
    p = load_bytes(text, n, &opts, &r, &err);
    assert_non_null(p);
    assert_true(r.ignored > 0);
    assert_true(self_of(p, "a;before", "cycles") == 3);
    assert_true(self_of(p, "a;after", "cycles") == 4);
    profile_free(p);

    /* only junk: no samples */
    p = load_bytes(text + 40, 100000, &opts, &r, &err);
    assert_null(p);
    assert_non_null(strstr(err.message, "no perf script samples found"));
    free(text);
}

static void test_no_samples(void **state)
{
    (void)state;
    struct load_options opts = { .format = LOAD_FORMAT_PERF };
    struct load_report r;
    struct error_record err;
    const char *inputs[] = { "", "# only\n# a header\n\n\n", "\tffff f (x)\n" };
    for (size_t i = 0; i < 3; i++) {
        struct profile *p = load_bytes(inputs[i], strlen(inputs[i]), &opts, &r, &err);
        assert_null(p);
        assert_non_null(strstr(err.message, "no perf script samples found"));
        assert_true(err.line == ERROR_NO_POSITION);
    }
    /* the skipped lines are summarised */
    assert_non_null(strstr(err.message, "1 line ignored, first at line 1"));
}

static void test_limits(void **state)
{
    (void)state;
    const char *text = "a 1 1.0: 1 cycles:\n\t1 e (x)\n\t1 d (x)\n\t1 c (x)\n\t1 b (x)\n\n";
    struct load_options opts = { .format = LOAD_FORMAT_PERF, .limits = { .max_depth = 3 } };
    struct load_report r;
    struct error_record err;
    struct profile *p = load_bytes(text, strlen(text), &opts, &r, &err);
    assert_null(p);
    assert_int_equal(err.line, 4); /* the frame that made the stack too deep */
    assert_non_null(strstr(err.message, "depth limit"));

    struct load_options nodes = { .format = LOAD_FORMAT_PERF, .limits = { .max_nodes = 3 } };
    p = load_bytes(text, strlen(text), &nodes, &r, &err);
    assert_null(p);
    assert_int_equal(err.line, 1); /* the record's header */
    assert_non_null(strstr(err.message, "tree nodes"));

    /* more event types than sample types: the extra events are left out, with a warning */
    char buf[4096];
    size_t n = 0;
    for (int e = 0; e < 10; e++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "a 1 1.0: 1 ev%d:\n\t1 f (x)\n\n", e);
    opts.limits.max_depth = 0;
    p = load_bytes(buf, n, &opts, &r, &err);
    assert_non_null(p);
    assert_int_equal(p->ntypes, TREE_MAX_TYPES);
    assert_non_null(strstr(r.warning, "ev8"));
    assert_int_equal(p->stacks, TREE_MAX_TYPES / 2);
    profile_free(p);
}

static void test_memory_follows_unique_stacks(void **state)
{
    (void)state;
    /* 100,000 records of three distinct stacks: the tree stays tiny */
    size_t cap = 100000 * 64, n = 0;
    char *text = malloc(cap);
    for (int i = 0; i < 100000; i++)
        n += (size_t)snprintf(text + n, cap - n, "p 1 %d.0: 2 cycles:\n\t1 f%d (x)\n\t1 m (x)\n\n",
                              i, i % 3);
    struct load_options opts = { .format = LOAD_FORMAT_AUTO };
    struct load_report r;
    struct error_record err;
    struct profile *p = load_bytes(text, n, &opts, &r, &err);
    assert_non_null(p);
    assert_int_equal(p->format, PROFILE_FORMAT_PERF);
    assert_int_equal(p->stacks, 100000);
    assert_int_equal(tree_count(p->tree), 6); /* root, p, m, f0, f1, f2 */
    assert_true(tree_total(p->tree, TREE_ROOT, 0) == 200000);
    free(text);
    profile_free(p);
}

static void test_event_line_detection(void **state)
{
    (void)state;
    static const char *const accept[] = {
        "java 25607 4794564.109216: 1 cycles:",
        "java 12688 [002] 6544038.708352: 10309278 cpu-clock:",
        "V8 WorkerThread 24636/25607 [000] 94564.109216: 100 cycles:",
        "perf   977/977   [000] 7628263.042515: cycles: ",
        "func_ab 15294 cpu-clock: ",
        "java 19983 cycles:",
        "swapper     0 [001]  1333.768770: cpu-clock: ",
        "go  6157  1224.147545:     250000 cpu-clock:uhH: ",
        "noploop 21796 [001] 1410597.984841: instructions: ",
        "sh 14638/14638 [001] 13508.267054:     100000 cpu-clock: ",
        "sh  6245 12985.660060:     250000  cpu-clock: ",
        "           false 39654 19115.489713:          1 cycles:u:  ffffffff9b201293 [unknown] "
        "([unknown])",
        "perf 1 [000] 1.5: 1 sched:sched_switch: prev_comm=a prev_pid=1 ==> next_comm=b",
    };
    static const char *const reject[] = {
        "a;b 10",
        "main;foo;bar 1 2",
        "java;start_thread;JavaMain 12",
        "hello world",
        "this is not a profile",
        "\tffffffff8104f45a native_write_msr_safe ([kernel.kallsyms])",
        "7f7241fbe6d8 arrayOopDesc::base(BasicType) const (/usr/lib/libjvm.so)",
        "main 12 foo: bar baz",  /* no timestamp and not a frame after the event */
        "   indented 12 cycles:", /* indented: needs a [CPU] or TIME: column */
        "1234 cycles:",
        "\x1f\x8b\x08\x00\x00\x00",
        "\x0a\x04\x08\x01\x10\x02",
    };
    char why[160];
    for (size_t i = 0; i < sizeof accept / sizeof *accept; i++)
        if (!load_perf_event_line(accept[i], strlen(accept[i]), why, sizeof why))
            fail_msg("rejected '%s': %s", accept[i], why);
    for (size_t i = 0; i < sizeof reject / sizeof *reject; i++) {
        why[0] = '\0';
        if (load_perf_event_line(reject[i], strlen(reject[i]), why, sizeof why))
            fail_msg("accepted '%s'", reject[i]);
        assert_true(why[0] != '\0');
    }
    assert_false(load_perf_event_line("a;b 10", 6, why, sizeof why));
    assert_non_null(strstr(why, "event name"));
    assert_false(load_perf_event_line("hello world", 11, why, sizeof why));
    assert_non_null(strstr(why, "PID"));
    assert_false(load_perf_event_line("", 0, why, sizeof why));
    assert_true(load_perf_event_line("x 1 1.0: c:", 11, NULL, 0)); /* why may be NULL */
    assert_false(load_perf_event_line("a;b 10", 6, NULL, 0));
}

static void test_corpus_inputs_detected(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "cpp-stacks-std-function.txt", "empty-line.txt", "example-perf-stacks.txt.gz",
        "go-stacks.txt", "invalid-perf-with-empty-line-after-event-line.txt", "java-inline.txt",
        "perf-cycles-instructions-01.txt", "perf-dd-stacks-01.txt", "perf-funcab-cmd-01.txt",
        "perf-funcab-pid-01.txt", "perf-iperf-stacks-pidtid-01.txt", "perf-java-faults-01.txt",
        "perf-java-stacks-01.txt", "perf-java-stacks-02.txt", "perf-js-stacks-01.txt",
        "perf-mirageos-stacks-01.txt", "perf-numa-stacks-01.txt", "perf-rust-Yamakaky-dcpu.txt",
        "perf-vertx-stacks-01.txt", "single-event.txt", "single-line-stacks.txt",
        "sourcepawn-jitdump.txt", "versioned-vmlinux.txt", "weird-stack-line.txt",
        "local-sh.txt", "local-cpu-clock-pidtid.txt", "local-two-events.txt",
        "local-no-callchain.txt",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "perf-script/%s", inputs[i]);
        struct load_report r;
        struct error_record err;
        struct profile *p = load_data(rel, LOAD_FORMAT_AUTO, no_options, false, &r, &err);
        if (!p)
            fail_msg("%s: %s", rel, err.message);
        if (p->format != PROFILE_FORMAT_PERF)
            fail_msg("%s: detected as %s", rel, profile_format_name(p->format));
        profile_free(p);
    }
    /* and folded files stay folded */
    struct load_report r;
    struct error_record err;
    struct profile *p = load_data("perf-script/perf-vertx-stacks-01.expected-all.folded",
                                  LOAD_FORMAT_AUTO, no_options, false, &r, &err);
    assert_non_null(p);
    assert_int_equal(p->format, PROFILE_FORMAT_FOLDED);
    profile_free(p);
}

static void test_local_captures(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct profile *p = load_data("perf-script/local-sh.txt", LOAD_FORMAT_AUTO, no_options, false,
                                  &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 0);
    assert_int_equal(p->ntypes, 2);
    assert_string_equal(p->types[0].name, "cpu-clock");
    assert_string_equal(p->types[0].unit, "nanoseconds");
    double samples = tree_total(p->tree, TREE_ROOT, 1);
    assert_true(samples > 50);
    assert_true(tree_total(p->tree, TREE_ROOT, 0) == samples * 250000);
    size_t nkids;
    const uint32_t *kids = tree_children(p->tree, TREE_ROOT, TREE_ORDER_ALPHA, &nkids);
    for (size_t i = 0; i < nkids; i++) { /* every root is a comm of the shell run */
        size_t len;
        const char *name = profile_node_name(p, kids[i], &len);
        assert_true((len == 2 && memcmp(name, "sh", 2) == 0) ||
                    (len == 3 && memcmp(name, "seq", 3) == 0));
    }
    profile_free(p);

    struct load_perf_options tid = { .tid = true, .kernel = true };
    p = load_data("perf-script/local-cpu-clock-pidtid.txt", LOAD_FORMAT_AUTO, tid, false, &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 0);
    assert_true(tree_total(p->tree, TREE_ROOT, 0) == tree_total(p->tree, TREE_ROOT, 1) * 100000);
    kids = tree_children(p->tree, TREE_ROOT, TREE_ORDER_ALPHA, &nkids);
    assert_true(nkids >= 1);
    size_t len;
    const char *name = profile_node_name(p, kids[0], &len);
    assert_true(len > 3 && memcmp(name, "sh-", 3) == 0 && memchr(name, '/', len));
    profile_free(p);

    p = load_data("perf-script/local-two-events.txt", LOAD_FORMAT_AUTO, no_options, false, &r,
                  &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 0);
    assert_int_equal(p->ntypes, 4);
    assert_string_equal(p->types[0].name, "cpu-clock");
    assert_string_equal(p->types[2].name, "task-clock");
    assert_string_equal(p->types[2].unit, "nanoseconds");
    assert_int_equal(p->default_type, 0);
    assert_true(tree_total(p->tree, TREE_ROOT, 1) + tree_total(p->tree, TREE_ROOT, 3) ==
                (double)p->stacks);
    assert_true(tree_total(p->tree, TREE_ROOT, 1) > 10);
    assert_true(tree_total(p->tree, TREE_ROOT, 3) > 10);
    profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_last_record_without_blank_line),
        cmocka_unit_test(test_events_become_sample_types),
        cmocka_unit_test(test_event_names),
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_comm_forms),
        cmocka_unit_test(test_single_line_stacks),
        cmocka_unit_test(test_name_tidying),
        cmocka_unit_test(test_record_boundaries),
        cmocka_unit_test(test_malformed_lines_counted),
        cmocka_unit_test(test_strict_names_the_line),
        cmocka_unit_test(test_hostile_bytes),
        cmocka_unit_test(test_no_samples),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_memory_follows_unique_stacks),
        cmocka_unit_test(test_event_line_detection),
        cmocka_unit_test(test_corpus_inputs_detected),
        cmocka_unit_test(test_local_captures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
