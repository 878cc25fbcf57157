/* fuzz_pprof.c - libFuzzer target for the pprof loader (load_pprof.h).
 *
 * The input is a decompressed profile.proto message. It goes through
 * load_pprof_sniff (as a whole input and as a prefix), then
 * load_pprof_buffer; a profile that loads is finished and handed to the
 * analyses a user can run (fuzz_analyse), a profile that does not must come
 * with an error message. Everything is freed, so leaks are findings too.
 */
#include "common.h"

#include "flamex/load/load_pprof.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char why[160];
    (void)load_pprof_sniff(data, size, false, why, sizeof why);
    (void)load_pprof_sniff(data, size, true, why, sizeof why);

    struct profile *profile = profile_new("fuzz.pb", PROFILE_FORMAT_PPROF);
    struct load_report report;
    memset(&report, 0, sizeof report);
    struct error_record err;
    if (load_pprof_buffer(data, size, profile, &report, &err)) {
        profile_finish(profile);
        fuzz_analyse(profile);
    } else {
        fuzz_check_error(&err, "load_pprof_buffer");
    }
    profile_free(profile);
    return 0;
}
