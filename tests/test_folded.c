/* test_folded.c - the folded-stack grammar, including every odd case of the corpus. */
#include "test_util.h"

#include "flamex/analysis/diff.h"
#include "flamex/analysis/hot.h"
#include "flamex/analysis/info.h"
#include "flamex/load/load_folded.h"

#include <sys/types.h>
#include <sys/wait.h>
#include <zlib.h>

/* Total of the root for sample type t. */
static double root_total(const struct profile *p, size_t t)
{
    return tree_total(p->tree, TREE_ROOT, t);
}

static struct profile *load_file(const char *rel, struct load_report *report)
{
    struct load_options opts = { .format = LOAD_FORMAT_AUTO };
    struct error_record err;
    struct profile *p = load_profile(test_data_path(rel), &opts, report, &err);
    if (!p)
        fail_msg("%s: %s", rel, err.message);
    return p;
}

static void test_basic_merge_and_whitespace(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct profile *p = test_load_string("  main;a 1  \n"
                                         "main;b\t2\r\n"
                                         "# a comment 5\n"
                                         "\n"
                                         "main;a 4\n"
                                         "main;c; 3\n" /* trailing empty frame dropped */
                                         /* and the space it uncovers (fuzz_folded found
                                          * "c " exporting as "main;c  2", read back as "c") */
                                         "main;c ;\t; 2\n",
                                         false, &r, &err);
    assert_non_null(p);
    assert_int_equal(r.ignored, 0);
    assert_int_equal(p->ntypes, 1);
    assert_string_equal(p->types[0].name, "samples");
    assert_true(root_total(p, 0) == 12);
    assert_true(tree_self(p->tree, test_find_path(p, "main;a"), 0) == 5);
    assert_true(tree_self(p->tree, test_find_path(p, "main;c"), 0) == 5);
    assert_int_equal(tree_count(p->tree), 5);
    profile_free(p);
}

static void test_names_with_spaces_and_digits(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/tricky-stack.folded", &r);
    assert_int_equal(r.ignored, 0);
    assert_false(p->differential);
    assert_int_not_equal(
        test_find_path(p, "rustc;<alloc::vec::Vec<T> as alloc::vec::SpecExtend<T, I>>::from_iter;"
                     "memcpy@GLIBC_2.2.5"),
        TREE_NONE);
    assert_true(root_total(p, 0) == 3);
    profile_free(p);

    p = load_file("folded/with-space.folded", &r);
    assert_int_equal(r.ignored, 0);
    assert_int_not_equal(test_find_path(p, "cksum;main;core::array::<impl core::default::Default for [T"),
                         TREE_NONE);
    profile_free(p);
}

static void test_fractional_counts(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/fractional.folded", &r);
    assert_false(tree_self_exact(p->tree, TREE_ROOT, 0, NULL));
    assert_true(tree_self(p->tree, test_find_path(p, "cksum;cksum"), 0) == 6.1);
    assert_true(tree_self(p->tree, test_find_path(p, "noploop;[unknown]"), 0) == 2.567);
    profile_free(p);

    p = load_file("folded/zero-fractionals.folded", &r); /* "6." and "31.0" are integers */
    assert_true(tree_self_exact(p->tree, TREE_ROOT, 0, NULL));
    assert_true(tree_self(p->tree, test_find_path(p, "cksum;cksum"), 0) == 6);
    profile_free(p);
}

static void test_huge_counts_exact(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/huge-sample-counts.folded", &r);
    int64_t v;
    assert_true(tree_total_exact(p->tree, TREE_ROOT, 0, &v));
    assert_true(v == INT64_C(239807672958951499) + INT64_C(129127208516546613));
    profile_free(p);
}

static void test_differential(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/perf-cycles-instructions-01-collapsed-all-diff.folded", &r);
    assert_true(p->differential);
    assert_int_equal(p->ntypes, 2);
    assert_string_equal(p->types[0].name, "before");
    assert_string_equal(p->types[1].name, "after");
    assert_int_equal(profile_find_type(p, "after"), 1);
    uint32_t n = test_find_path(p, "cksum;cksum");
    assert_true(tree_self(p->tree, n, 0) == 6);
    assert_true(tree_self(p->tree, n, 1) == 2);
    profile_free(p);
}

/* A line with one count makes the file single-count: the first of two
 * numbers is then the end of a frame's name, and nothing is skipped. */
static void test_mixed_count_lines_read_as_one(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct profile *p = test_load_string("a 1 2\nb 3\nc 4 5\n", false, &r, &err);
    assert_non_null(p);
    assert_false(p->differential);
    assert_int_equal(p->ntypes, 1);
    assert_int_equal(r.ignored, 0);
    assert_int_equal(r.lines, 3);
    assert_true(tree_self(p->tree, test_find_path(p, "a 1"), 0) == 2);
    assert_true(tree_self(p->tree, test_find_path(p, "b"), 0) == 3);
    assert_true(tree_self(p->tree, test_find_path(p, "c 4"), 0) == 5);
    assert_non_null(p->info.note);
    assert_non_null(strstr(p->info.note, "line 1 ends in two numbers but line 2 has one count"));
    profile_free(p);

    /* --folded-counts=2: the one-count line is skipped, as the old reading did. */
    const char *forced = "a 1 2\nb 3\nc 4 5\n ;; 6 7\n";
    char *path = test_write_temp(forced, strlen(forced));
    struct load_options two = { .folded_counts = LOAD_FOLDED_COUNTS_TWO };
    p = load_profile(path, &two, &r, &err);
    assert_non_null(p);
    assert_true(p->differential);
    assert_int_equal(r.ignored, 2);
    assert_int_equal(r.first_ignored_line, 2);
    assert_string_equal(r.first_ignored_reason, "one count in a differential file (expected two)");
    assert_true(tree_self(p->tree, test_find_path(p, "c"), 0) == 4);
    assert_null(p->info.note); /* asked for: nothing to say */
    profile_free(p);
    two.strict = true;
    assert_null(load_profile(path, &two, &r, &err));
    assert_int_equal(err.line, 2);
    unlink(path);
    free(path);
}

/* Load data through a pipe, as `... | flamex -` does: not a regular file, so
 * the loader cannot read it twice. */
static struct profile *load_piped(const void *data, size_t n, const struct load_options *opts,
                                  struct load_report *r, struct error_record *err)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        const char *p = data;
        while (n > 0) {
            ssize_t w = write(fds[1], p, n);
            if (w <= 0)
                _exit(1);
            p += w;
            n -= (size_t)w;
        }
        _exit(0);
    }
    close(fds[1]);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
    struct profile *p = load_profile(path, opts, r, err);
    close(fds[0]);
    waitpid(pid, NULL, 0);
    return p;
}

/* text gzip-compressed in a new temporary file; returns its malloc'd path. */
static char *write_gzip_temp(const char *text)
{
    char *path = test_write_temp("", 0);
    gzFile gz = gzopen(path, "wb");
    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, text, (unsigned)strlen(text)), (int)strlen(text));
    assert_int_equal(gzclose(gz), Z_OK);
    return path;
}

/* The file read as it should be: every line one count, the numbers
 * before them part of the frame names, nothing skipped, whatever the input
 * is (a regular file is read again, a pipe builds both readings). */
static void check_numbered_frames(const struct profile *p, const struct load_report *r)
{
    assert_false(p->differential);
    assert_int_equal(p->ntypes, 1);
    assert_string_equal(p->types[0].name, "samples");
    assert_int_equal(r->ignored, 0);
    assert_int_equal(r->lines, 6);
    assert_int_equal(p->stacks, 6);
    assert_int_equal(p->input_bytes, 199);
    assert_true(tree_self(p->tree, test_find_path(p, "main;worker loop;compute kernel 0"), 0) == 1000);
    assert_true(tree_self(p->tree, test_find_path(p, "main;worker loop;compute kernel 1"), 0) == 1500);
    assert_true(tree_self(p->tree, test_find_path(p, "main;worker loop;fetch batch 7"), 0) == 250);
    assert_true(tree_self(p->tree, test_find_path(p, "main;spin_wait"), 0) == 20000);
    assert_true(tree_self(p->tree, test_find_path(p, "main;worker loop;flush"), 0) == 300);
    assert_true(root_total(p, 0) == 23550);
    assert_int_equal(test_find_path(p, "main;worker loop;compute kernel"), TREE_NONE);
    /* only the names of the reading kept: "compute kernel" was interned by
     * the two-count reading and dropped with it */
    assert_int_equal(strtab_find(p->names, "compute kernel", 14), STRTAB_NONE);
    /* the reading was decided at line 5, and the profile says so */
    assert_non_null(p->info.note);
    assert_non_null(strstr(p->info.note, "line 1 ends in two numbers but line 5 has one count"));
    assert_non_null(strstr(p->info.note, "--folded-counts=2"));
}

static void test_numbered_frames(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct load_options opts = { 0 };
    const char *rel = "folded/numbered-frames.folded";
    struct profile *p = load_file(rel, &r);
    check_numbered_frames(p, &r);
    profile_free(p);

    size_t len = 0;
    char *text = test_read_file(test_data_path(rel), &len);
    assert_non_null(text);
    p = load_piped(text, len, &opts, &r, &err);
    assert_non_null(p);
    check_numbered_frames(p, &r);
    profile_free(p);

    char *gz_path = write_gzip_temp(text);
    p = load_profile(gz_path, &opts, &r, &err); /* gzip, regular: read again */
    assert_non_null(p);
    assert_true(p->gzip);
    check_numbered_frames(p, &r);
    profile_free(p);
    size_t gz_len = 0;
    char *gz = test_read_file(gz_path, &gz_len);
    p = load_piped(gz, gz_len, &opts, &r, &err); /* gzip through a pipe */
    assert_non_null(p);
    assert_true(p->gzip);
    check_numbered_frames(p, &r);
    profile_free(p);
    free(gz);
    unlink(gz_path);
    free(gz_path);
    free(text);
}

/* A file where every line ends in two numbers is differential, and says that
 * the reading was a choice: in the note the information panel shows (and
 * main prints on stderr). --folded-counts=1 reads it the other way. */
static void test_differential_is_noted(void **state)
{
    (void)state;
    const char *rel = "folded/perf-cycles-instructions-01-collapsed-all-diff.folded";
    struct load_report r;
    struct error_record err;
    struct load_options opts = { 0 };
    size_t len = 0;
    char *text = test_read_file(test_data_path(rel), &len);
    assert_non_null(text);
    for (int piped = 0; piped < 2; piped++) {
        struct profile *p = piped ? load_piped(text, len, &opts, &r, &err) : load_file(rel, &r);
        assert_non_null(p);
        assert_true(p->differential);
        assert_int_equal(r.ignored, 0);
        assert_true(tree_self(p->tree, test_find_path(p, "cksum;cksum"), 1) == 2);
        assert_non_null(p->info.note);
        assert_non_null(strstr(p->info.note, "every line ends in two numbers"));
        assert_non_null(strstr(p->info.note, "--folded-counts=1"));
        struct info_lines lines;
        info_header_lines(p, p->default_type, NULL, &lines);
        bool shown = false;
        for (size_t i = 0; i < lines.count; i++)
            if (strncmp(lines.lines[i], "Note: every line ends in two numbers", 36) == 0)
                shown = true;
        assert_true(shown);
        info_lines_free(&lines);
        /* the viewer opens a two-count file merged (before against after):
         * the merge keeps the note, so the information panel shows it */
        struct profile *merged = diff_merge(p, 0, p, 1, NULL, &err);
        assert_non_null(merged);
        assert_string_equal(merged->info.note, p->info.note);
        profile_free(merged);
        profile_free(p);
    }

    opts.folded_counts = LOAD_FOLDED_COUNTS_ONE;
    struct profile *p = load_profile(test_data_path(rel), &opts, &r, &err);
    assert_non_null(p);
    assert_false(p->differential);
    assert_null(p->info.note);
    assert_true(tree_self(p->tree, test_find_path(p, "cksum;cksum 6"), 0) == 2);
    profile_free(p);
    free(text);
}

/* A line with two numbers and no stack before them (" 5 10") has only the
 * one-count reading (the stack "5"): it makes the file single-count. */
static void test_numbers_only_line(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct profile *p = test_load_string("a 1 2\n 5 10\n", false, &r, &err);
    assert_non_null(p);
    assert_false(p->differential);
    assert_true(tree_self(p->tree, test_find_path(p, "5"), 0) == 10);
    assert_true(tree_self(p->tree, test_find_path(p, "a 1"), 0) == 2);
    profile_free(p);
}

/* When the one-count reading hits a limit, the load fails the same way from
 * a file (read again) and from a pipe (built alongside), at the same line. */
static void test_limit_in_the_other_reading(void **state)
{
    (void)state;
    const char *text = "a 1 1\na 2 1\na 3 1\na 4 1\nb 5\n";
    struct load_options opts = { .limits = { .max_nodes = 4 } };
    struct load_report r;
    struct error_record file_err, pipe_err;
    char *path = test_write_temp(text, strlen(text));
    assert_null(load_profile(path, &opts, &r, &file_err));
    assert_null(load_piped(text, strlen(text), &opts, &r, &pipe_err));
    assert_int_equal(file_err.line, pipe_err.line);
    assert_string_equal(file_err.message, pipe_err.message);
    assert_non_null(strstr(pipe_err.message, "tree nodes"));
    /* without the line with one count, the two-count reading fits */
    struct profile *p = load_piped(text, strlen(text) - 4, &opts, &r, &pipe_err);
    assert_non_null(p);
    assert_true(p->differential);
    profile_free(p);
    unlink(path);
    free(path);
}

/* --format's names come from the loader table, and each parses. */
static void test_format_names(void **state)
{
    (void)state;
    char names[128];
    load_format_names(names, sizeof names);
    assert_string_equal(names, "auto, folded, pprof, perf");
    enum load_format f;
    for (char *name = strtok(names, ", "); name; name = strtok(NULL, ", "))
        assert_true(load_parse_format(name, &f));
    assert_true(load_parse_format("perf", &f));
    assert_int_equal(f, LOAD_FORMAT_PERF);
    assert_false(load_parse_format("xml", &f));
    char small[8];
    load_format_names(small, sizeof small);
    assert_string_equal(small, "auto, f");
}

static void test_parse_counts_option(void **state)
{
    (void)state;
    enum load_folded_counts c = LOAD_FOLDED_COUNTS_TWO;
    assert_true(load_folded_parse_counts("auto", &c));
    assert_int_equal(c, LOAD_FOLDED_COUNTS_AUTO);
    assert_true(load_folded_parse_counts("1", &c));
    assert_int_equal(c, LOAD_FOLDED_COUNTS_ONE);
    assert_true(load_folded_parse_counts("2", &c));
    assert_int_equal(c, LOAD_FOLDED_COUNTS_TWO);
    assert_false(load_folded_parse_counts("3", &c));
    assert_false(load_folded_parse_counts("", &c));
}

static void test_crlf_utf8_zero_counts(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/ghcprof-utf8.folded", &r);
    assert_int_equal(r.ignored, 0);
    uint32_t n = test_find_path(p, "MAIN.MAIN;GHC.Conc.Signal.CAF");
    assert_int_not_equal(n, TREE_NONE); /* no "\r" kept in the name */
    assert_true(tree_self(p->tree, n, 0) == 0);
    assert_true(tree_flags(p->tree, n) & TREE_FLAG_STACK_END);
    profile_free(p);
}

static void test_comments_and_blank_lines(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/austin-flames.folded", &r);
    assert_int_equal(r.ignored, 0);
    assert_true(p->stacks > 0);
    profile_free(p);
}

static void test_bad_lines_counted(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/bad-lines.folded", &r);
    assert_int_equal(r.ignored, 2);
    assert_int_equal(r.first_ignored_line, 3);
    assert_true(tree_self(p->tree, test_find_path(p, "noploop;main"), 0) == 548); /* duplicate summed */
    profile_free(p);
}

static void test_strict_rejects_with_line(void **state)
{
    (void)state;
    struct load_options opts = { .strict = true };
    struct error_record err;
    struct load_report r;
    const char *path = test_data_path("folded/bad-lines.folded");
    struct profile *p = load_profile(path, &opts, &r, &err);
    assert_null(p);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.path, path);
}

static void test_empty_and_all_invalid(void **state)
{
    (void)state;
    struct load_options opts = { 0 };
    struct error_record err;
    assert_null(load_profile(test_data_path("folded/empty.folded"), &opts, NULL, &err));
    assert_non_null(strstr(err.message, "no stacks"));

    struct load_report r;
    /* By content, text that is no profile at all is not recognised ... */
    assert_null(test_load_string("just words\nmore words here\n", false, &r, &err));
    assert_non_null(strstr(err.message, "cannot recognise"));
    assert_non_null(strstr(err.message, "not folded stacks (line 1: the last field is not a count"));
    /* ... and read as folded stacks, it has no valid stack. */
    char *path = test_write_temp("just words\nmore words here\n", 27);
    struct load_options folded = { .format = LOAD_FORMAT_FOLDED };
    assert_null(load_profile(path, &folded, &r, &err));
    unlink(path);
    free(path);
    assert_non_null(strstr(err.message, "no valid stack"));
    assert_non_null(strstr(err.message, "line 1"));
    assert_null(test_load_string("\n\n# only comments 3\n   \n", false, &r, &err));
}

static void test_invalid_counts(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    struct profile *p = test_load_string("a -1\nb 1e5\nc 0x10\nd 18446744073709551616\n"
                                         "e 1.2.3\nf +3\ng 7\n 5\n",
                                         false, &r, &err);
    assert_non_null(p);
    /* " 5" is trimmed to "5": a count without a stack */
    assert_int_equal(r.ignored, 7);
    assert_true(root_total(p, 0) == 7);
    profile_free(p);
}

static void test_no_trailing_newline(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *p = load_file("folded/recursive-basic.folded", &r);
    size_t len = 0;
    char *text = test_read_file(test_data_path("folded/recursive-basic.folded"), &len);
    assert_true(len > 0 && text[len - 1] != '\n');
    assert_int_equal(p->stacks, 3); /* the last, unterminated line counts */
    free(text);
    profile_free(p);
}

/* The shared-prefix fast path must give the same tree as plain lookups. */
static void test_sorted_and_shuffled_agree(void **state)
{
    (void)state;
    struct load_report r;
    struct profile *a = load_file("folded/perf-vertx-stacks-01-collapsed-all-unsorted.folded", &r);
    char *ea = test_export(a);
    struct error_record err;
    struct profile *b = test_load_string(ea, true, &r, &err); /* sorted now */
    assert_non_null(b);
    char *eb = test_export(b);
    assert_string_equal(ea, eb);
    assert_int_equal(tree_count(a->tree), tree_count(b->tree));
    free(ea);
    free(eb);
    profile_free(a);
    profile_free(b);
}

static void test_prefix_edge_cases(void **state)
{
    (void)state;
    struct load_report r;
    struct error_record err;
    /* "a;b" after "a;bc": the byte prefix "a;b" is shared but frame "b" is not "bc". */
    struct profile *p = test_load_string("a;bc 1\na;b 2\na;b;c 3\na 4\na;;x 5\na; 6\n", true, &r,
                                         &err);
    assert_non_null(p);
    assert_true(tree_self(p->tree, test_find_path(p, "a;bc"), 0) == 1);
    assert_true(tree_self(p->tree, test_find_path(p, "a;b"), 0) == 2);
    assert_true(tree_self(p->tree, test_find_path(p, "a;b;c"), 0) == 3);
    assert_true(tree_self(p->tree, test_find_path(p, "a"), 0) == 10);
    assert_true(tree_self(p->tree, test_find_path(p, "a;;x"), 0) == 5);
    profile_free(p);
}

static void test_deep_stack(void **state)
{
    (void)state;
    size_t frames = 100000, n;
    char *text = test_chain_text(frames, 10, 7, &n);
    struct load_report r;
    struct error_record err;
    struct profile *p = test_load_string(text, true, &r, &err);
    assert_non_null(p);
    assert_int_equal(tree_max_depth(p->tree), frames);
    char *out = test_export(p);
    assert_string_equal(out, text);
    free(out);
    profile_free(p);

    struct load_options opts = { .limits = { .max_depth = 1000 } };
    char *path = test_write_temp(text, n);
    assert_null(load_profile(path, &opts, &r, &err));
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.message, "depth limit"));
    unlink(path);
    free(path);
    free(text);
}

static void test_line_validity_probe(void **state)
{
    (void)state;
    assert_true(load_folded_sniff_line("a;b 1", 5, NULL, 0));
    assert_true(load_folded_sniff_line("a b 1 2", 7, NULL, 0));
    assert_false(load_folded_sniff_line("a;b", 3, NULL, 0));
    assert_false(load_folded_sniff_line("# x 1", 5, NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_merge_and_whitespace),
        cmocka_unit_test(test_names_with_spaces_and_digits),
        cmocka_unit_test(test_fractional_counts),
        cmocka_unit_test(test_huge_counts_exact),
        cmocka_unit_test(test_differential),
        cmocka_unit_test(test_mixed_count_lines_read_as_one),
        cmocka_unit_test(test_numbered_frames),
        cmocka_unit_test(test_differential_is_noted),
        cmocka_unit_test(test_numbers_only_line),
        cmocka_unit_test(test_limit_in_the_other_reading),
        cmocka_unit_test(test_parse_counts_option),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_crlf_utf8_zero_counts),
        cmocka_unit_test(test_comments_and_blank_lines),
        cmocka_unit_test(test_bad_lines_counted),
        cmocka_unit_test(test_strict_rejects_with_line),
        cmocka_unit_test(test_empty_and_all_invalid),
        cmocka_unit_test(test_invalid_counts),
        cmocka_unit_test(test_no_trailing_newline),
        cmocka_unit_test(test_sorted_and_shuffled_agree),
        cmocka_unit_test(test_prefix_edge_cases),
        cmocka_unit_test(test_deep_stack),
        cmocka_unit_test(test_line_validity_probe),
    };
    return cmocka_run_group_tests_name("folded", tests, NULL, NULL);
}
