/* list.c - a sectioned list with a cursor: rows, entries, clamping (list.h). */
#include "flamex/view/list.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void list_init(struct list *l)
{
    memset(l, 0, sizeof *l);
    l->height = 1;
}

void list_clear_sections(struct list *l)
{
    l->nsections = 0;
}

void list_add_section(struct list *l, const char *heading, const char *none, size_t count)
{
    if (l->nsections >= LIST_MAX_SECTIONS) {
        fprintf(stderr, "flamex: list_add_section: more than %d sections\n", LIST_MAX_SECTIONS);
        abort();
    }
    struct list_section *s = &l->sections[l->nsections++];
    snprintf(s->heading, sizeof s->heading, "%s", heading ? heading : "");
    snprintf(s->none, sizeof s->none, "%s", none ? none : "");
    s->count = count;
}

/* Rows section s takes. */
static size_t list_section_rows(const struct list_section *s)
{
    return (s->heading[0] ? 1 : 0) + (s->count ? s->count : (s->none[0] ? 1 : 0));
}

size_t list_count(const struct list *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->nsections; i++)
        n += l->sections[i].count;
    return n;
}

size_t list_rows(const struct list *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->nsections; i++)
        n += list_section_rows(&l->sections[i]);
    return n;
}

size_t list_section_of(const struct list *l, size_t entry, size_t *index)
{
    size_t s = 0;
    while (s + 1 < l->nsections && entry >= l->sections[s].count) {
        entry -= l->sections[s].count;
        s++;
    }
    if (index)
        *index = entry;
    return s;
}

size_t list_row_of(const struct list *l, size_t entry)
{
    size_t row = 0;
    for (size_t i = 0; i < l->nsections; i++) {
        const struct list_section *s = &l->sections[i];
        if (entry < s->count || i + 1 == l->nsections)
            return row + (s->heading[0] ? 1 : 0) + entry;
        entry -= s->count;
        row += list_section_rows(s);
    }
    return row;
}

struct list_row list_row_at(const struct list *l, size_t row)
{
    struct list_row r = { LIST_ROW_PAST, 0, 0, 0 };
    size_t first = 0; /* entry index of the section's first entry */
    for (size_t i = 0; i < l->nsections; i++) {
        const struct list_section *s = &l->sections[i];
        size_t n = list_section_rows(s);
        if (row < n) {
            r.section = i;
            if (s->heading[0]) {
                if (row == 0) {
                    r.kind = LIST_ROW_HEADING;
                    return r;
                }
                row--;
            }
            if (s->count == 0) {
                r.kind = LIST_ROW_NONE;
                return r;
            }
            r.kind = LIST_ROW_ENTRY;
            r.index = row;
            r.entry = first + row;
            return r;
        }
        row -= n;
        first += s->count;
    }
    return r;
}

void list_clamp(struct list *l)
{
    size_t n = list_count(l);
    if (l->height < 1)
        l->height = 1;
    if (l->cursor >= n)
        l->cursor = n ? n - 1 : 0;
    size_t total = list_rows(l), vis = l->height;
    if (n) {
        size_t row = list_row_of(l, l->cursor), top = row;
        size_t index;
        size_t s = list_section_of(l, l->cursor, &index);
        /* A section's first entry brings its heading into view too. */
        if (index == 0 && l->sections[s].heading[0] && vis > 1)
            top = row - 1;
        if (top < l->scroll)
            l->scroll = top;
        else if (row >= l->scroll + vis)
            l->scroll = row - vis + 1;
    }
    if (l->scroll + vis > total)
        l->scroll = total > vis ? total - vis : 0;
}

void list_set_height(struct list *l, int rows)
{
    l->height = rows < 1 ? 1 : (size_t)rows;
    list_clamp(l);
}

void list_move(struct list *l, long delta)
{
    list_clamp(l);
    size_t n = list_count(l), last = n ? n - 1 : 0, cur = l->cursor;
    if (delta < 0) {
        size_t back = delta == LONG_MIN ? SIZE_MAX : (size_t)-delta;
        l->cursor = back > cur ? 0 : cur - back;
    } else {
        size_t d = (size_t)delta;
        l->cursor = d > last - cur ? last : cur + d;
    }
    list_clamp(l);
}

void list_set_cursor(struct list *l, size_t entry)
{
    l->cursor = entry;
    list_clamp(l);
}

void list_reset(struct list *l)
{
    l->cursor = l->scroll = 0;
    list_clamp(l);
}

long list_entry_at_line(const struct list *l, int line)
{
    if (line < 0 || (size_t)line >= l->height)
        return -1;
    struct list_row r = list_row_at(l, l->scroll + (size_t)line);
    return r.kind == LIST_ROW_ENTRY ? (long)r.entry : -1;
}
