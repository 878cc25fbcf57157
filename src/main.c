/* main.c - the program: load the profile, then the viewer, --dump, --top, --report or --export. */
#include "flamex/view/app.h"
#include "flamex/view/compare.h"
#include "flamex/analysis/diff.h"
#include "flamex/config/config.h"
#include "flamex/base/error.h"
#include "flamex/output/export.h"
#include "flamex/view/keymap.h"
#include "flamex/view/keys.h"
#include "flamex/load/load.h"
#include "flamex/model/profile.h"
#include "flamex/output/report.h"
#include "flamex/output/report_diff.h"
#include "flamex/output/textout.h"
#include "flamex/config/theme.h"
#include "flamex/view/view.h"
#include "flamex/base/xalloc.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "main_options.h"
#include "main_types.h"
#include "tui/tui.h"

struct main_progress {
    struct timespec start;
    double last_print;
    bool printed;
};

static double main_elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Progress on stderr for loads that take more than a second (stderr is a tty). */
static void main_on_progress(void *ctx, uint64_t raw_done, uint64_t raw_total, uint64_t bytes_out)
{
    struct main_progress *p = ctx;
    double t = main_elapsed(&p->start);
    if (t < 1.0 || t - p->last_print < 0.25)
        return;
    p->last_print = t;
    p->printed = true;
    double mb = 1024.0 * 1024.0;
    if (raw_total)
        fprintf(stderr, "\rflamex: reading: %.1f / %.1f MB (%.0f%%), %.0f MB/s   ",
                (double)raw_done / mb, (double)raw_total / mb,
                100.0 * (double)raw_done / (double)raw_total, (double)bytes_out / mb / t);
    else
        fprintf(stderr, "\rflamex: reading: %.1f MB, %.0f MB/s   ", (double)bytes_out / mb,
                (double)bytes_out / mb / t);
}

static void main_print_error(const struct error_record *err)
{
    char buf[1200];
    error_format(err, buf, sizeof buf);
    fputs("flamex: ", stderr);
    textout_write_name(stderr, buf, strlen(buf), true);
    fputc('\n', stderr);
}

#define MAIN_MAX_PROBLEMS 20 /* a broken file gets its first problems shown, not thousands */

/* Everything the viewer needs besides the profile: config, theme, keys. */
struct main_viewer {
    struct config config;
    struct theme theme;
    struct keymap keymap;
    struct app_options app;
    enum config_color color;
    int problems;
    struct info_lines notes; /* every problem, for the viewer (app_options.notes) */
};

/* Config and theme problems: printed (the first MAIN_MAX_PROBLEMS, then a
 * count in main_setup_viewer) and kept for the viewer, which announces them
 * on its status line and lists them in the information panel (the full
 * screen hides stderr until it closes); then flamex goes on with defaults. */
static void main_report_problem(void *ctx, const struct error_record *problem)
{
    struct main_viewer *v = ctx;
    if (++v->problems <= MAIN_MAX_PROBLEMS)
        main_print_error(problem);
    char buf[1200];
    error_format(problem, buf, sizeof buf);
    info_lines_add(&v->notes, buf);
}

/* The theme named in a config file: a problem that is in no file of its own
 * ("theme 'x' not found") is put at the config's theme line. */
struct main_config_theme {
    struct main_viewer *v;
    const char *config_path;
};

static void main_report_theme_problem(void *ctx, const struct error_record *problem)
{
    const struct main_config_theme *t = ctx;
    struct error_record e = *problem;
    if (!e.path[0])
        error_restamp(&e, t->config_path,
                      (struct error_mark){ t->v->config.theme_line, t->v->config.theme_column,
                                           ERROR_NO_POSITION });
    main_report_problem(t->v, &e);
}

static void main_free_viewer(struct main_viewer *v)
{
    config_free(&v->config);
    info_lines_free(&v->notes);
}

/* The user's flamex directory plus a file name: $XDG_CONFIG_HOME/flamex/NAME,
 * else ~/.config/flamex/NAME; "" when neither variable is set. */
static void main_user_path(const char *name, char *path, size_t cap)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(path, cap, "%s/flamex/%s", xdg, name);
    else if (home && *home)
        snprintf(path, cap, "%s/.config/flamex/%s", home, name);
    else
        path[0] = '\0';
}

static void main_setup_viewer(const struct main_options *opts, const struct profile *profile,
                              struct main_viewer *v)
{
    config_init(&v->config);
    char path[4096];
    if (opts->config_path)
        snprintf(path, sizeof path, "%s", opts->config_path);
    else
        main_user_path("config.yaml", path, sizeof path);
    if (path[0]) /* the default location may be missing; a --config file may not */
        config_load_file(path, !opts->config_path, &v->config, main_report_problem, v);
    keymap_init(&v->keymap);
    if (path[0])
        keymap_apply_config(&v->keymap, &v->config, path, main_report_problem, v);

    theme_default(&v->theme);
    const char *theme = opts->theme ? opts->theme : (v->config.theme[0] ? v->config.theme : NULL);
    if (theme) {
        char themes_user[4096];
        main_user_path("themes", themes_user, sizeof themes_user);
        struct main_config_theme from_config = { v, path };
        if (opts->theme)
            theme_load_named(theme, themes_user, &v->theme, NULL, main_report_problem, v);
        else
            theme_load_named(theme, themes_user, &v->theme, NULL, main_report_theme_problem,
                             &from_config);
    }

    if (v->problems > MAIN_MAX_PROBLEMS)
        fprintf(stderr, "flamex: ... and %d more problems in the config and theme files\n",
                v->problems - MAIN_MAX_PROBLEMS);
    v->color = opts->color_set ? opts->color : v->config.color;
    v->app.icicle = opts->icicle_set ? opts->icicle : v->config.icicle;
    v->app.heaviest = opts->order_set ? opts->heaviest : v->config.heaviest;
    v->app.shapes = &opts->shapes;
    v->app.notes = &v->notes;
    v->app.type = profile->default_type;
    if (opts->sample_type)
        v->app.type = (size_t)profile_find_type(profile, opts->sample_type);
}

/* Replay --keys into view, draw it at the --size and print the screen. */
static int main_dump_view(const struct main_options *opts, const struct view *view)
{
    view->resize(view->ctx, opts->dump_cols, opts->dump_rows);
    if (opts->keys) {
        struct error_record err;
        long n = keys_parse(opts->keys, NULL, 0, &err);
        if (n < 0) {
            fprintf(stderr, "flamex: --keys: %s\n", err.message);
            return EXIT_USAGE;
        }
        int *keys = xmalloc(((size_t)n + 1) * sizeof *keys);
        keys_parse(opts->keys, keys, (size_t)n, &err);
        for (long i = 0; i < n; i++)
            if (view->key(view->ctx, keys[i]) & VIEW_QUIT)
                break;
        free(keys);
    }
    struct frame f;
    frame_init(&f, opts->dump_cols, opts->dump_rows, false);
    view->draw(view->ctx, &f);
    frame_dump(&f, stdout);
    frame_free(&f);
    return fflush(stdout) == 0 ? 0 : EXIT_INPUT;
}

/* Is the interactive view to use ASCII only (the locale is not UTF-8)? */
static bool main_ascii_locale(void)
{
    setlocale(LC_CTYPE, ""); /* LC_CTYPE only: numbers stay in the C locale */
    const char *codeset = nl_langinfo(CODESET);
    return !(codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0));
}

/* Run the terminal UI on view; input_path is where the profile came from. */
static int main_tui(const struct main_options *opts, const struct view *view,
                    struct main_viewer *v, bool from_stdin)
{
    const char *no_color = getenv("NO_COLOR");
    struct tui_options tui = {
        .color = v->color,
        .no_color = no_color && *no_color,
        .input_from_stdin = from_stdin || !isatty(STDIN_FILENO),
        .theme = &v->theme,
    };
    (void)opts;
    struct error_record err;
    error_clear(&err);
    if (tui_run(view, &tui, &err) != 0) {
        main_print_error(&err);
        return EXIT_INPUT;
    }
    return 0;
}

static int main_dump(const struct main_options *opts, struct profile *profile,
                     struct main_viewer *v)
{
    struct app app;
    v->app.ascii = false;
    app_init(&app, profile, &v->keymap, &v->app);
    struct view view;
    view_of_app(&view, &app);
    int rc = main_dump_view(opts, &view);
    app_free(&app);
    return rc;
}

static int main_interactive(const struct main_options *opts, struct profile *profile,
                            struct main_viewer *v)
{
    v->app.ascii = main_ascii_locale();
    struct app app;
    app_init(&app, profile, &v->keymap, &v->app);
    struct view view;
    view_of_app(&view, &app);
    int rc = main_tui(opts, &view, v, strcmp(opts->path, "-") == 0);
    app_free(&app);
    return rc;
}

static int main_run(const struct main_options *opts, struct profile *profile)
{
    size_t type = profile->default_type;
    if (opts->sample_type) {
        int t = profile_find_type(profile, opts->sample_type);
        if (t < 0) {
            fputs("flamex: no sample type '", stderr);
            textout_write_name(stderr, opts->sample_type, strlen(opts->sample_type), true);
            fputs("' in this profile (it has:", stderr);
            for (size_t i = 0; i < profile->ntypes; i++)
                fprintf(stderr, " %s", profile->types[i].name);
            fputs(")\n", stderr);
            return EXIT_USAGE;
        }
        type = (size_t)t;
    }
    enum main_mode mode = opts->mode;
    if (mode == MODE_DEFAULT && isatty(STDOUT_FILENO))
        mode = MODE_INTERACTIVE;
    if (mode == MODE_DUMP || mode == MODE_INTERACTIVE) {
        struct main_viewer v = { 0 };
        main_setup_viewer(opts, profile, &v);
        int rc = mode == MODE_DUMP ? main_dump(opts, profile, &v) : main_interactive(opts, profile, &v);
        main_free_viewer(&v);
        return rc;
    }
    bool ok;
    if (mode == MODE_EXPORT) {
        size_t both[2] = { 0, 1 };
        struct export_options ex = { .types = &type, .ntypes = 1, .sanitize = isatty(STDOUT_FILENO) };
        if (profile->differential && !opts->sample_type) {
            ex.types = both;
            ex.ntypes = 2;
        }
        ok = export_folded(stdout, profile, &ex);
    } else if (mode == MODE_REPORT) {
        struct report_full_options rep = { .type = type,
                                           .limit = opts->report_limit,
                                           .node_fraction = opts->node_fraction,
                                           .shapes = opts->shapes };
        ok = report_full(stdout, profile, &rep);
    } else {
        struct report_top_options top = { .type = type,
                                          .limit = opts->top_limit,
                                          .node_fraction = opts->node_fraction };
        if (mode == MODE_DEFAULT && !top.limit)
            top.limit = 20;
        ok = report_top(stdout, profile, &top);
    }
    if (!ok) {
        fprintf(stderr, "flamex: writing output failed: %s\n", strerror(errno));
        return EXIT_INPUT;
    }
    return 0;
}

/* Compare mode: merge, then the viewer, --dump, or the comparison report.
 * before and after may be one profile (a two-count folded file). */
static int main_compare(const struct main_options *opts, struct profile *before,
                        struct profile *after)
{
    struct diff_pair pairs[DIFF_MAX_PAIRS] = { { 0, 1 } };
    size_t npairs = 1;
    char note[512] = "";
    if (before != after) {
        int rc = main_compare_types(opts, before, after, pairs, &npairs, note, sizeof note);
        if (rc)
            return rc;
    }
    struct error_record err;
    struct profile *merged = diff_merge_pairs(before, after, pairs, npairs, &opts->load.limits, &err);
    if (!merged) {
        main_print_error(&err);
        return EXIT_INPUT;
    }
    /* Pane titles: the files' base names (the whole path in the report). */
    const char *before_name = before->source, *after_name = after->source;
    char one[2][300];
    if (before == after) {
        const char *base = strrchr(before->source, '/');
        base = base ? base + 1 : before->source;
        snprintf(one[0], sizeof one[0], "%s (first count)", base);
        snprintf(one[1], sizeof one[1], "%s (second count)", base);
        before_name = one[0];
        after_name = one[1];
    }
    enum main_mode mode = opts->mode;
    if (mode == MODE_DEFAULT && isatty(STDOUT_FILENO))
        mode = MODE_INTERACTIVE;
    int rc = 0;
    if (mode == MODE_DUMP || mode == MODE_INTERACTIVE) {
        struct main_viewer v = { 0 };
        main_setup_viewer(opts, merged, &v);
        const char *bb = strrchr(before_name, '/'), *ab = strrchr(after_name, '/');
        struct compare_options co = { .app = v.app,
                                      .mode = COMPARE_SIDE_BY_SIDE,
                                      .before_name = bb && before != after ? bb + 1 : before_name,
                                      .after_name = ab && before != after ? ab + 1 : after_name,
                                      .raw = opts->no_normalise,
                                      .type_names = before != after,
                                      .note = note[0] ? note : NULL };
        co.app.ascii = mode == MODE_INTERACTIVE ? main_ascii_locale() : false;
        struct compare c;
        compare_init(&c, merged, &v.keymap, &co);
        struct view view;
        view_of_compare(&view, &c);
        rc = mode == MODE_DUMP ? main_dump_view(opts, &view)
                               : main_tui(opts, &view, &v,
                                          strcmp(opts->path, "-") == 0 ||
                                              (opts->after_path && strcmp(opts->after_path, "-") == 0));
        compare_free(&c);
        main_free_viewer(&v);
    } else {
        struct report_diff_options rep = report_diff_default_options();
        if (opts->mode == MODE_REPORT || opts->top_limit_set) {
            /* N rows each, the call paths too (--help: "N rows each"; 0 shows all) */
            rep.limit = opts->mode == MODE_REPORT ? opts->report_limit : opts->top_limit;
            rep.path_limit = rep.limit;
        }
        rep.normalise = !opts->no_normalise;
        rep.before_path = before_name;
        rep.after_path = after_name;
        rep.before_format = profile_format_name(before->format);
        rep.after_format = profile_format_name(after->format);
        rep.type_names = before != after;
        if (!report_diff(stdout, merged, &rep) || fflush(stdout) != 0) {
            fprintf(stderr, "flamex: writing output failed: %s\n", strerror(errno));
            rc = EXIT_INPUT;
        }
    }
    profile_free(merged);
    return rc;
}

/* Load one profile and say what was skipped; NULL after printing the error. */
static struct profile *main_load(const char *path, const struct main_options *opts,
                                 struct main_progress *progress)
{
    struct error_record err;
    struct load_report report;
    struct profile *profile = load_profile(path, &opts->load, &report, &err);
    if (progress->printed)
        fputs("\r\033[K", stderr);
    if (!profile) {
        main_print_error(&err);
        return NULL;
    }
    double load_seconds = main_elapsed(&progress->start);
    char ignored[sizeof report.first_ignored_reason + 100];
    if (loader_describe_ignored(&report, false, ignored, sizeof ignored)) {
        fprintf(stderr, "flamex: ");
        textout_write_name(stderr, profile->source, strlen(profile->source), true);
        fprintf(stderr, ": %s\n", ignored);
    }
    if (profile->info.note) {
        fprintf(stderr, "flamex: ");
        textout_write_name(stderr, profile->source, strlen(profile->source), true);
        fprintf(stderr, ": %s\n", profile->info.note);
    }
    if (report.warning[0]) {
        fprintf(stderr, "flamex: ");
        textout_write_name(stderr, profile->source, strlen(profile->source), true);
        fputs(": ", stderr);
        textout_write_name(stderr, report.warning, strlen(report.warning), true);
        fputc('\n', stderr);
    }
    if (opts->stats)
        fprintf(stderr,
                "stats: bytes=%llu lines=%llu stacks=%llu nodes=%u names=%u depth=%u "
                "load_seconds=%.3f\n",
                (unsigned long long)profile->input_bytes, (unsigned long long)report.lines,
                (unsigned long long)profile->stacks, tree_count(profile->tree),
                strtab_count(profile->names), tree_max_depth(profile->tree), load_seconds);
    return profile;
}

int main(int argc, char **argv)
{
    struct main_options opts = { .mode = MODE_DEFAULT, .progress = true };
    int rc = main_parse_options(argc, argv, &opts);
    if (rc)
        return rc < 0 ? 0 : rc;

    struct main_progress progress = { 0 };
    clock_gettime(CLOCK_MONOTONIC, &progress.start);
    if (opts.progress && isatty(STDERR_FILENO)) {
        opts.load.input.progress = main_on_progress;
        opts.load.input.progress_ctx = &progress;
    }
    struct profile *profile = main_load(opts.path, &opts, &progress);
    if (!profile)
        return EXIT_INPUT;
    if (opts.after_path) {
        struct profile *after = main_load(opts.after_path, &opts, &progress);
        rc = after ? main_compare(&opts, profile, after) : EXIT_INPUT;
        profile_free(after);
        profile_free(profile);
        return rc;
    }
    /* A two-count folded file is a comparison already: the viewer and
     * --report open it as one (-s picks one side to view alone). */
    bool compare = profile->differential && !opts.sample_type &&
                   (opts.mode == MODE_DUMP || opts.mode == MODE_INTERACTIVE ||
                    opts.mode == MODE_REPORT ||
                    (opts.mode == MODE_DEFAULT && isatty(STDOUT_FILENO)));
    rc = compare ? main_compare(&opts, profile, profile) : main_run(&opts, profile);
    profile_free(profile);
    return rc;
}
