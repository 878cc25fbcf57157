/* textout.c - sanitised writing of names to stdio streams. */
#include "flamex/output/textout.h"

#include "flamex/base/utf8.h"
#include "flamex/base/xalloc.h"

#include <stdlib.h>

void textout_write_name(FILE *out, const char *name, size_t n, bool sanitize)
{
    if (!sanitize) {
        fwrite(name, 1, n, out);
        return;
    }
    char small[512];
    size_t need = utf8_sanitize(name, n, false, small, sizeof small);
    if (need < sizeof small) {
        fwrite(small, 1, need, out);
        return;
    }
    char *big = xmalloc(need + 1);
    utf8_sanitize(name, n, false, big, need + 1);
    fwrite(big, 1, need, out);
    free(big);
}
