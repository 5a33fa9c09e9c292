#ifndef COATT_RASQAL_REGEX_CACHE_H
#define COATT_RASQAL_REGEX_CACHE_H

#include <regex.h>

/// `pattern` compiled as a POSIX extended expression (`icase`: without case), from this thread's
/// cache of the last few compiled: rasqal compiled REGEX's and REPLACE's pattern again for
/// every solution. NULL when it does not compile (`status` says why, as regcomp's). The
/// expression stays valid until this thread asks for eight others.
__attribute__((visibility("hidden"))) const regex_t *coatt_compiled_regex(const char *pattern, int icase, int *status);

#endif
