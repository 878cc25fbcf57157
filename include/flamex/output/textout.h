/* textout.h - writing untrusted names to a text stream. */
#ifndef FLAMEX_TEXTOUT_H
#define FLAMEX_TEXTOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Write the n bytes of name to out: raw when sanitize is false (exports to a
 * file or pipe), else with control bytes, escape sequences, bidi controls and
 * invalid UTF-8 made visible (utf8_sanitize). Write errors are left in out's
 * error flag for the caller to check. */
void textout_write_name(FILE *out, const char *name, size_t n, bool sanitize);

#endif
