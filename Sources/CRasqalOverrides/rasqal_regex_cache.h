#ifndef COATT_RASQAL_REGEX_CACHE_H
#define COATT_RASQAL_REGEX_CACHE_H

#include <regex.h>

#include <raptor2.h>
#include <rasqal.h>

/// A SPARQL pattern with its flags compiled for glibc, through the translator set with
/// coatt_rasqal_set_regex_translator, from this thread's cache of the last few compiled: rasqal
/// compiled REGEX's and REPLACE's pattern again for every solution. NULL when it cannot be
/// translated or compiled, after logging why to `world` (which fails the query with the
/// message). The expression stays valid until this thread asks for eight others.
__attribute__((visibility("hidden"))) const regex_t *coatt_compiled_regex(rasqal_world *world, raptor_locator *locator,
                                                                          const char *pattern, const char *flags,
                                                                          int for_replace);

#endif
