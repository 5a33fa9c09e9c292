#ifndef COATT_RASQAL_LIBRARY_H
#define COATT_RASQAL_LIBRARY_H

#include <stdatomic.h>

/// Whether the loaded librasqal is 0.9.33, whose internals this module's definitions assume;
/// with any other version they hand every call to the library's own functions.
__attribute__((visibility("hidden"))) int coatt_is_rasqal_0_9_33(void);

/// The library's own definition of the function `name` (the one this module's takes the place
/// of), or NULL.
__attribute__((visibility("hidden"))) void *coatt_rasqal_own_function(const char *name);

/// `coatt_rasqal_own_function(name)`, looked up once and kept in `*cached` (for a definition
/// called per row or per value, where a lookup each time would cost more than the call). Inline:
/// some of these definitions run for every expression of every row.
static inline void *coatt_rasqal_cached_own_function(_Atomic(void *) *cached, const char *name) {
    void *own = atomic_load_explicit(cached, memory_order_relaxed);
    if (__builtin_expect(own == NULL, 0)) {
        own = coatt_rasqal_own_function(name);
        atomic_store_explicit(cached, own, memory_order_relaxed);
    }
    return own;
}

#endif
