/* list.h - a sectioned list with a cursor: what the sidebars show.
 *
 * A list is a few sections, each an optional heading row and its entries,
 * or one placeholder row ("(none)") when it has none. The list owns the
 * geometry: which row shows which entry, the cursor (an entry, counted
 * across sections), the first row shown, and the rule that keeps both in
 * range. Drawing reads rows through list_row_at; keys move the cursor with
 * list_move; clicks map a screen line to an entry with list_entry_at_line.
 * The entries themselves (hot functions, shapes, changed functions...) stay
 * with the caller: the list only knows how many each section has. Plain
 * data, no allocation: embed it, rebuild its sections whenever the data
 * changes (the cursor and scroll survive, clamped).
 */
#ifndef FLAMEX_LIST_H
#define FLAMEX_LIST_H

#include <stdbool.h>
#include <stddef.h>

#define LIST_MAX_SECTIONS 4
#define LIST_TEXT_SIZE 96

struct list_section {
    char heading[LIST_TEXT_SIZE]; /* "" = no heading row */
    char none[LIST_TEXT_SIZE];    /* the row shown when count is 0 ("" = no row) */
    size_t count;                 /* entries */
};

struct list {
    struct list_section sections[LIST_MAX_SECTIONS];
    size_t nsections;
    size_t cursor; /* entry under the cursor (0 when the list is empty) */
    size_t scroll; /* first row shown */
    size_t height; /* rows shown (at least 1) */
};

/* What row of a list holds. */
enum list_row_kind {
    LIST_ROW_HEADING, /* a section's heading */
    LIST_ROW_ENTRY,   /* an entry */
    LIST_ROW_NONE,    /* the placeholder of an empty section */
    LIST_ROW_PAST     /* beyond the last row */
};

struct list_row {
    enum list_row_kind kind;
    size_t section; /* the section the row belongs to (not for LIST_ROW_PAST) */
    size_t entry;   /* LIST_ROW_ENTRY: index across all sections */
    size_t index;   /* LIST_ROW_ENTRY: index within its section */
};

/* An empty list (no sections), cursor and scroll at the top, height 1. */
void list_init(struct list *l);

/* Forget the sections (before adding them again); keeps cursor and scroll. */
void list_clear_sections(struct list *l);

/* Append a section of count entries with a heading (NULL or "" for none)
 * and a placeholder for when it is empty (NULL or "" for no row). Texts are
 * copied, cut at LIST_TEXT_SIZE - 1 bytes. At most LIST_MAX_SECTIONS: more
 * is a programming error (aborts). Call list_clamp afterwards. */
void list_add_section(struct list *l, const char *heading, const char *none, size_t count);

/* Entries in all sections. */
size_t list_count(const struct list *l);

/* Rows the whole list takes: headings, entries and placeholders. */
size_t list_rows(const struct list *l);

/* Row of entry (which must be < list_count). */
size_t list_row_of(const struct list *l, size_t entry);

/* What row holds. */
struct list_row list_row_at(const struct list *l, size_t row);

/* Section of entry (which must be < list_count); *index (may be NULL)
 * receives its index within the section. */
size_t list_section_of(const struct list *l, size_t entry, size_t *index);

/* Set the rows shown (below 1 is taken as 1) and clamp. */
void list_set_height(struct list *l, int rows);

/* Keep the cursor on an entry and on screen (with its section's heading
 * when it is the section's first entry and more than one row shows), and
 * leave no blank rows below the end when the list could fill them. */
void list_clamp(struct list *l);

/* Move the cursor by delta entries, stopping at the ends; then clamp. */
void list_move(struct list *l, long delta);

/* Put the cursor on entry (clamped to the list) and bring it on screen. */
void list_set_cursor(struct list *l, size_t entry);

/* Cursor and scroll back to the top. */
void list_reset(struct list *l);

/* Entry shown on screen line line (0 = the first row shown), or -1 when
 * that line holds a heading, a placeholder or nothing. */
long list_entry_at_line(const struct list *l, int line);

#endif
