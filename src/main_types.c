/* main_types.c - which sample types of BEFORE and AFTER compare mode shows:
 * -s, shared names, each file's default, and what to say when they differ. */
#include "main_types.h"

#include <stdio.h>
#include <string.h>

#include "flamex/output/textout.h"

#include "main_options.h"

/* "(it has: a (unit), b (unit))" for the sample types of p, on stderr. */
static void main_print_types(const struct profile *p)
{
    fputs(" (it has:", stderr);
    for (size_t i = 0; i < p->ntypes; i++) {
        fputs(i ? ", " : " ", stderr);
        textout_write_name(stderr, p->types[i].name, strlen(p->types[i].name), true);
        fputs(" (", stderr);
        textout_write_name(stderr, p->types[i].unit, strlen(p->types[i].unit), true);
        fputc(')', stderr);
    }
    fputs(")", stderr);
}

/* Do sample type b of before and a of after have the same unit? */
static bool main_same_unit(const struct profile *before, size_t b, const struct profile *after,
                           size_t a)
{
    return strcmp(before->types[b].unit, after->types[a].unit) == 0;
}

/* Two types to compare when no name is shared: each file's default, else
 * the first pair of the same unit (AFTER's default first, then BEFORE's).
 * Returns false when no two types have the same unit. */
static bool main_fallback_pair(const struct profile *before, const struct profile *after,
                               size_t *b, size_t *a)
{
    size_t bd = before->default_type, ad = after->default_type;
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < before->ntypes; i++) {
            for (size_t j = 0; j < after->ntypes; j++) {
                bool want = pass == 0 ? i == bd && j == ad : pass == 1 ? j == ad || i == bd : true;
                if (want && main_same_unit(before, i, after, j)) {
                    *b = i;
                    *a = j;
                    return true;
                }
            }
        }
    }
    return false;
}

/* The sample type of p named name (len bytes); prints why not and returns -1. */
static int main_find_type(const struct profile *p, const char *name, size_t len,
                          const char *side)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), name);
    int t = profile_find_type(p, buf);
    if (t >= 0)
        return t;
    fprintf(stderr, "flamex: no sample type '");
    textout_write_name(stderr, buf, strlen(buf), true);
    fprintf(stderr, "' in %s ", side);
    textout_write_name(stderr, p->source, strlen(p->source), true);
    main_print_types(p);
    fputc('\n', stderr);
    return -1;
}

/* Append the pair {b, a} to pairs unless it is there or pairs is full. */
static void main_add_pair(struct diff_pair *pairs, size_t *n, size_t b, size_t a)
{
    for (size_t i = 0; i < *n; i++)
        if (pairs[i].before == b && pairs[i].after == a)
            return;
    if (*n < DIFF_MAX_PAIRS)
        pairs[(*n)++] = (struct diff_pair){ b, a };
}

int main_compare_types(const struct main_options *opts, const struct profile *before,
                       const struct profile *after, struct diff_pair *pairs, size_t *npairs,
                       char *note, size_t note_cap)
{
    *npairs = 0;
    note[0] = '\0';
    const char *s = opts->sample_type;
    if (s) {
        const char *comma = strchr(s, ',');
        size_t blen = comma ? (size_t)(comma - s) : strlen(s);
        const char *an = comma ? comma + 1 : s;
        int b = main_find_type(before, s, blen, "BEFORE");
        int a = b < 0 ? -1 : main_find_type(after, an, strlen(an), "AFTER");
        if (b < 0 || a < 0) {
            fputs("flamex: -s NAME picks a type both files have; -s BEFORE_TYPE,AFTER_TYPE "
                  "one of each\n",
                  stderr);
            return EXIT_USAGE;
        }
        main_add_pair(pairs, npairs, (size_t)b, (size_t)a);
    } else {
        int b = profile_find_type(before, after->types[after->default_type].name);
        int a = profile_find_type(after, before->types[before->default_type].name);
        if (b >= 0)
            main_add_pair(pairs, npairs, (size_t)b, after->default_type);
        else if (a >= 0)
            main_add_pair(pairs, npairs, before->default_type, (size_t)a);
    }
    size_t shared = 0;
    for (size_t i = 0; i < after->ntypes; i++) {
        int b = profile_find_type(before, after->types[i].name);
        if (b >= 0) {
            main_add_pair(pairs, npairs, (size_t)b, i);
            shared++;
        }
    }
    if (*npairs == 0 && (before->differential || after->differential)) {
        const struct profile *d = before->differential ? before : after;
        fprintf(stderr, "flamex: ");
        textout_write_name(stderr, d->source, strlen(d->source), true);
        fputs(" holds two counts per line, a comparison already: open it alone, or pick "
              "one of its counts with -s BEFORE_TYPE,AFTER_TYPE",
              stderr);
        fputs("\nflamex: BEFORE", stderr);
        main_print_types(before);
        fputs(", AFTER", stderr);
        main_print_types(after);
        fputc('\n', stderr);
        return EXIT_USAGE;
    }
    if (*npairs == 0) {
        size_t b, a;
        if (!main_fallback_pair(before, after, &b, &a)) {
            fputs("flamex: the profiles share no sample type, nor a unit: BEFORE", stderr);
            main_print_types(before);
            fputs(", AFTER", stderr);
            main_print_types(after);
            fputs("\nflamex: -s BEFORE_TYPE,AFTER_TYPE compares two anyway (their values "
                  "then have no unit)\n",
                  stderr);
            return EXIT_USAGE;
        }
        main_add_pair(pairs, npairs, b, a);
        snprintf(note, note_cap,
                 "The profiles share no sample type: comparing BEFORE's %s with AFTER's %s "
                 "(-s BEFORE_TYPE,AFTER_TYPE picks others)",
                 before->types[b].name, after->types[a].name);
    } else if (!main_same_unit(before, pairs[0].before, after, pairs[0].after)) {
        snprintf(note, note_cap, "BEFORE's %s is in %s, AFTER's %s in %s: values shown without a unit",
                 before->types[pairs[0].before].name, before->types[pairs[0].before].unit,
                 after->types[pairs[0].after].name, after->types[pairs[0].after].unit);
    } else if (shared + 1 > DIFF_MAX_PAIRS && *npairs == DIFF_MAX_PAIRS) {
        snprintf(note, note_cap, "Comparing %d of the sample types (t switches between them)",
                 DIFF_MAX_PAIRS);
    }
    if (note[0]) {
        fputs("flamex: ", stderr);
        textout_write_name(stderr, note, strlen(note), true);
        fputc('\n', stderr);
    }
    return 0;
}
