// REGEX, in place of rasqal 0.9.33's rasqal_regex_match, which handed the pattern to glibc as
// written (`\d` was the letter d) and compiled it again for every solution it tested: the
// pattern, constant or computed, is read as SPARQL says through the store's translator and
// compiled once per thread (rasqal_regex_cache.c).

#include <regex.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_internals.h"
#include "rasqal_library.h"
#include "rasqal_regex_cache.h"

int rasqal_regex_match(rasqal_world *world, raptor_locator *locator, const char *pattern, const char *regex_flags,
                       const char *subject, size_t subject_length) {
    if (!coatt_is_rasqal_0_9_33()) {
        int (*own)(rasqal_world *, raptor_locator *, const char *, const char *, const char *, size_t) =
            coatt_rasqal_own_function("rasqal_regex_match");
        return own ? own(world, locator, pattern, regex_flags, subject, subject_length) : -1;
    }
    const regex_t *expression = coatt_compiled_regex(world, locator, pattern, regex_flags, 0);
    if (!expression) return -1;
    (void)subject_length; // the subject is NUL-terminated, as rasqal's own call relies on
    int status = regexec(expression, subject, 0, NULL, 0);
    if (status == 0) return 1;
    if (status == REG_NOMATCH) return 0;
    rasqal_log_error_simple(world, RAPTOR_LOG_LEVEL_ERROR, locator, "Regex match failed - returned code %d", status);
    return -1;
}
